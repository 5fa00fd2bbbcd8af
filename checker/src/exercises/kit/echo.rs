//! Talking to an echo server: a line and its echo, a whole client, and sending from a writer
//! thread while this thread reads (the checker never deadlocks a correct server).

use std::sync::Arc;
use std::time::Instant;

use crate::base::i18n::msg;
use crate::base::verdict::{Failure, TestResult};
use crate::context::Ctx;
use crate::lab::exercise::secs;
use crate::observe::wire::{Conn, Server, Transcript};

/// Send a line and expect it back.
pub fn round_trip(c: &mut Conn, line: &str, deadline: Instant) -> TestResult {
    c.send(line.as_bytes(), deadline)?;
    c.expect_bytes(line.as_bytes(), deadline)
}

/// Serve a client completely: a line, its echo, half-close, EOF.
pub fn serve_one(ctx: &Ctx, t: &Arc<Transcript>, s: &Server, i: usize) -> TestResult {
    let mut c = Conn::connect(t, &format!("client {i}"), s.port, ctx.within(secs(5)))?;
    round_trip(&mut c, &format!("client {i}\n"), ctx.within(secs(5)))?;
    c.shutdown_write();
    c.expect_eof(ctx.within(secs(3)), msg!("eof-after-client-eof"))
}

/// Run `write` on a clone of `conn` in a thread of its own while `read` reads on this one. If
/// reading fails, the connection is given up at once (a test stops at its first proof of
/// failure: the writer must not wait out its deadline); the read's failure comes first.
pub fn while_writing<T>(
    conn: &mut Conn,
    write: impl FnOnce(Conn) -> TestResult + Send + 'static,
    read: impl FnOnce(&mut Conn) -> Result<T, Failure>,
) -> Result<T, Failure> {
    let writer = conn.try_clone()?;
    let sender = std::thread::spawn(move || write(writer));
    let read = read(conn);
    if read.is_err() {
        conn.abort();
    }
    let sent = sender
        .join()
        .unwrap_or_else(|_| Err(Failure::checker_error(msg!("echo-sending-thread-failed"))));
    let value = read?;
    sent?;
    Ok(value)
}

/// A writer for `while_writing`: all of `data`, then a half-close (shutdown(SHUT_WR)).
pub fn send_then_shutdown(
    data: Vec<u8>,
    deadline: Instant,
) -> impl FnOnce(Conn) -> TestResult + Send + 'static {
    move |mut w: Conn| {
        w.send(&data, deadline)?;
        w.shutdown_write();
        Ok(())
    }
}

/// Send `data` from a writer thread (half-closing after it if asked) while this thread reads
/// the echo and compares it byte for byte; then, if half-closed, expect EOF.
pub fn echo_round_trip(
    conn: &mut Conn,
    data: Vec<u8>,
    half_close: bool,
    deadline: Instant,
) -> TestResult {
    let expected = data.clone();
    let write = move |mut w: Conn| {
        w.send(&data, deadline)?;
        if half_close {
            w.shutdown_write();
        }
        Ok(())
    };
    while_writing(conn, write, |c| c.expect_bytes(&expected, deadline))?;
    if half_close {
        conn.expect_eof(deadline, msg!("eof-after-client-eof-close"))?;
    }
    Ok(())
}

/// A pattern in which any lost or repeated byte shows: each 4-byte block is its own index.
pub fn counting_bytes(len: usize) -> Vec<u8> {
    (0..len / 4)
        .flat_map(|i| (i as u32).to_le_bytes())
        .collect()
}
