//! Talking to an echo server: a line and its echo, a whole client, and sending from a writer
//! thread while this thread reads (the checker never deadlocks a correct server).

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::wait;
use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Diagnosis, Failure, FailureKind, Status, TestResult};
use crate::contain::procinfo;
use crate::context::Ctx;

use crate::lab::exercise::secs;
use crate::observe::wire::conn::where_it_waits;
use crate::observe::wire::{Conn, Server, Transcript};

/// Send a line and expect it back.
pub fn round_trip(c: &mut Conn, line: &str, deadline: Instant) -> TestResult {
    c.send(line.as_bytes(), deadline)?;
    c.expect_bytes(line.as_bytes(), deadline)
}

/// `n` clients in the middle of their conversations (`client 1`...): each connected, its first
/// line echoed, its connection left open. What a server holds then is what it holds per client.
pub fn talking(ctx: &Ctx, t: &Arc<Transcript>, port: u16, n: usize) -> Result<Vec<Conn>, Failure> {
    let mut conns = Vec::new();
    for i in 1..=n {
        let mut c = Conn::connect(t, &format!("client {i}"), port, ctx.within(secs(5)))?;
        round_trip(&mut c, &format!("client {i}\n"), ctx.within(secs(5)))?;
        conns.push(c);
    }
    Ok(conns)
}

/// Serve a client completely: a line, its echo, half-close, EOF.
pub fn serve_one(ctx: &Ctx, t: &Arc<Transcript>, s: &Server, i: usize) -> TestResult {
    let mut c = Conn::connect(t, &format!("client {i}"), s.port, ctx.within(secs(5)))?;
    round_trip(&mut c, &format!("client {i}\n"), ctx.within(secs(5)))?;
    c.shutdown_write();
    expect_eof_or_stuck(&mut c, s, ctx.within(secs(3)), msg!("eof-after-client-eof"))
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
    data: impl AsRef<[u8]> + Send + 'static,
    deadline: Instant,
) -> impl FnOnce(Conn) -> TestResult + Send + 'static {
    move |mut w: Conn| {
        w.send(data.as_ref(), deadline)?;
        w.shutdown_write();
        Ok(())
    }
}

/// Send `data` (then, with `fin`, our EOF) while the server is stopped (its whole process group:
/// the process that serves the connection may be a child or a worker), so that all of it waits
/// in the server's socket together when it is continued: a server that reads once per event
/// sees one event for all of it, and one that closes the moment a read returns 0 has the data
/// and the EOF at once. The server's end is found in its network namespace's table by our port,
/// accepted or not.
pub fn send_while_stopped(
    t: &Transcript,
    s: &mut Server,
    c: &mut Conn,
    data: &[u8],
    fin: bool,
    deadline: Instant,
) -> TestResult {
    s.program.freeze_group()?;
    t.note("checker", msg!("multi-stopped"));
    if let Err(f) = c.send(data, deadline) {
        // Never left stopped: what the test does next (a probe, the report) needs it running.
        s.program.thaw_group()?;
        return Err(f);
    }
    if fin {
        c.shutdown_write();
    }
    let (pid, port) = (s.program.pid(), c.local_port());
    wait::until(Duration::from_secs(2), || {
        procinfo::tcp_sockets(pid)
            .into_iter()
            .find(|sock| sock.remote_port == port)
            .is_none_or(|sock| {
                if !still_open(&sock.state) {
                    // Closed already: nothing more will arrive there.
                    true
                } else if fin {
                    sock.state == "CLOSE_WAIT"
                } else {
                    sock.rx_queue as usize >= data.len()
                }
            })
    });
    s.program.thaw_group()?;
    t.note(
        "checker",
        if fin {
            msg!("multi-continued-together")
        } else {
            msg!("echo-continued")
        },
    );
    Ok(())
}

/// Once the server led by `pid` has taken everything sent on our port `port`: its end's receive
/// queue is empty and it has had its turn since (`procinfo::Turn`: asleep, or a busy loop's share
/// of CPU), at most 2 s, and no longer once it is stuck (it will take nothing: what follows
/// says where it sleeps).
pub fn wait_taken(t: &Transcript, pid: i32, port: u16) {
    let mut turn: Option<procinfo::Turn> = None;
    wait::until_or_stuck(t, Duration::from_secs(2), || {
        let end = procinfo::tcp_sockets(pid)
            .into_iter()
            .find(|sock| sock.remote_port == port);
        // A server that closed its end (or had it reset) will take nothing more.
        if end.as_ref().is_none_or(|sock| !still_open(&sock.state)) {
            return true;
        }
        let taken = end.is_some_and(|sock| sock.rx_queue == 0);
        if !taken {
            turn = None;
            return false;
        }
        turn.get_or_insert_with(|| procinfo::Turn::new(pid)).had()
    });
}

/// Whether the server's end of a connection, in this state, is still open on its side (it has
/// not closed it: its reads may still take what comes).
fn still_open(state: &str) -> bool {
    matches!(state, "ESTABLISHED" | "SYN_RECV" | "CLOSE_WAIT")
}

/// A pattern in which any lost, repeated or reordered byte shows: 256-byte records, each its
/// own number (three digits of base 245, each written as a byte from 11 to 255, then a 0), then
/// the same 252 printable bytes: a stream shifted by any amount shows a 0 where a letter
/// belongs, or a letter where the 0 belongs, within one record; a lost or repeated record shows
/// its number. No byte is a `\n` (10), so a flood is never taken for lines: a server that
/// keeps only whole lines keeps none of it, every time, whatever the sizes of its reads.
/// Built with whole-record copies: a checker built without optimisation fills 32 MiB in a few
/// milliseconds (a byte-by-byte counter took most of the suite's CPU).
pub fn counting_bytes(len: usize) -> Arc<[u8]> {
    const RECORD: usize = 256;
    const BASE: u32 = 245;
    let mut record = [0u8; RECORD];
    let mut x: u32 = 0x2545_f491;
    for b in &mut record[4..] {
        x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        *b = b'!' + ((x >> 24) % 94) as u8;
    }
    // Shared, not cloned, by the sender, the reader and the report; written in place (made as
    // a Vec, its conversion copied every byte again into memory touched for the first time).
    let mut out = Arc::<[u8]>::new_uninit_slice(len);
    let bytes = Arc::get_mut(&mut out).expect("a new Arc has no other owner");
    let mut number: u32 = 0;
    for chunk in bytes.chunks_mut(RECORD) {
        let mut n = number;
        for digit in &mut record[..3] {
            *digit = 11 + (n % BASE) as u8;
            n /= BASE;
        }
        record[3] = 0;
        // SAFETY: `chunk` is at most RECORD bytes, the record's length, and the two never
        // overlap (the record is on the stack).
        unsafe {
            std::ptr::copy_nonoverlapping(record.as_ptr(), chunk.as_mut_ptr().cast(), chunk.len());
        }
        number = number.wrapping_add(1);
    }
    // SAFETY: every byte was written above: the chunks cover the whole slice.
    unsafe { out.assume_init() }
}

/// After the client on `client_port` reset its connection to `server`: wait (at most `within`
/// for each step) until the server's side of it has left the TCP table (the RST was taken in:
/// whoever was blocked on it has been woken), then until the server's tree has held still
/// (every live process asleep in a blocking call, three looks 20 ms apart) or the server has
/// ended. Whatever the reset makes the server do (a child or a worker that ends, a parent that
/// goes with it or not) is done before the next client comes, so the verdict is the same on
/// every run, whichever process the scheduler runs first.
pub fn settle_after_reset(s: &Server, client_port: u16, within: Duration) {
    let pid = s.program.pid();
    wait::until(within, || {
        !procinfo::tcp_sockets(pid).iter().any(|k| {
            k.remote_port == client_port && k.local_port == s.port && k.state != "TIME_WAIT"
        })
    });
    let mut still = 0;
    // A server that never sleeps (a busy loop) has done it once it has had its turn.
    let turn = procinfo::Turn::new(pid);
    wait::every(Duration::from_millis(20), within, || {
        let ended = procinfo::state(pid).is_none_or(|st| st == 'Z');
        let asleep = procinfo::tree(pid)
            .into_iter()
            .filter(|&p| procinfo::state(p).is_some_and(|st| st != 'Z'))
            .all(procinfo::is_waiting);
        still = if asleep { still + 1 } else { 0 };
        ended || still >= 3 || turn.ran()
    });
}

/// Expect EOF on `c`, a client of `s` that has sent its own EOF, as `Conn::expect_eof` does,
/// but fail as soon as the server has shown it will never send it: it holds this connection
/// (accepted, our FIN taken in: CLOSE_WAIT), has nothing left to send on it, and every thread of
/// it sleeps in a call only an event ends, in five looks in a row 20 ms apart. Only an outside event could wake
/// it then, and none will come: a server that forgot to close (or whose other process keeps a
/// copy open) is told so in a fraction of a second instead of at the deadline. A frozen or
/// running process, bytes still queued, a connection not yet accepted: the wait goes on.
pub fn expect_eof_or_stuck(
    c: &mut Conn,
    s: &Server,
    deadline: Instant,
    why: impl Into<Text>,
) -> TestResult {
    let port = c.local_port();
    let mut still = 0;
    while Instant::now() < deadline && !c.readable_within(Duration::from_millis(20)) {
        still = if holds_and_sleeps(s, port) {
            still + 1
        } else {
            0
        };
        if still >= 5 {
            return Err(c.no_eof(why).note(msg!("echo-asleep-holding")));
        }
        if let Some(spins) = c.spinning_now() {
            return Err(where_it_waits(&spins, c.no_eof(why)));
        }
    }
    c.expect_eof(deadline, why)
}

/// The server holds the connection from our `client_port` after our FIN with nothing queued to
/// send, and every live thread of its tree sleeps in a call only an event ends, no timer armed
/// (a server that closes on a timer of its own, a poll timeout say, is waited for).
pub fn holds_and_sleeps(s: &Server, client_port: u16) -> bool {
    let pid = s.program.pid();
    let Some(k) = procinfo::tcp_sockets(pid)
        .into_iter()
        .find(|k| k.remote_port == client_port && k.local_port == s.port)
    else {
        return false;
    };
    if k.state != "CLOSE_WAIT" || k.tx_queue != 0 || k.inode == 0 {
        return false;
    }
    let tree: Vec<i32> = procinfo::tree(pid)
        .into_iter()
        .filter(|&p| procinfo::state(p).is_some_and(|st| st != 'Z'))
        .collect();
    tree.iter()
        .any(|&p| procinfo::socket_inodes(p).contains(&k.inode))
        && procinfo::only_an_event_wakes(&tree)
}

/// `f`, explained when the server never reads what it accepts (`never_reads`): a failure that
/// saw the connection end (an EOF or a reset) before its bytes came back may be that. The
/// server must still run (a test's server is stopped when it is dropped).
pub fn unread_explains(ctx: &Ctx, s: &mut Server, f: Failure) -> Failure {
    let ended = matches!(f.kind, Some(FailureKind::EarlyEof | FailureKind::Reset));
    if f.status != Status::Fail
        || !ended
        || f.diagnosis.is_some()
        || s.program.try_status().is_some()
    {
        return f;
    }
    match never_reads(ctx, s) {
        Some(probe) => Failure {
            // The diagnosis says it all: no guess at how the bytes went missing.
            note: None,
            ..f.diagnosed(Diagnosis::ClosedUnread)
                .detail(msg!("label-probe"), probe)
        },
        None => f,
    }
}

/// Whether the server closes the connections it accepts without reading them, and the probe's
/// transcript if so. A probe client connects while the server is stopped and sends a line, which
/// waits in the server's end of the connection before the server can accept it. Continued, a
/// server that closes that connection unread resets it, every time (the kernel answers a close
/// with bytes unread with RST), whatever the timing; one that reads sends the line back, or
/// closes with a FIN.
fn never_reads(ctx: &Ctx, s: &mut Server) -> Option<Text> {
    let t = ctx.quiet_transcript();
    let line = b"are you reading?\n";
    s.program.freeze_group().ok()?;
    t.note("checker", msg!("multi-stopped"));
    let probe = Conn::connect(&t, "probe", s.port, ctx.within(secs(2))).and_then(|mut c| {
        c.send(line, ctx.within(secs(2)))?;
        Ok(c)
    });
    if let Ok(c) = &probe {
        let (pid, port) = (s.program.pid(), c.local_port());
        wait::until(Duration::from_secs(1), || {
            procinfo::tcp_sockets(pid)
                .iter()
                .any(|sock| sock.remote_port == port && sock.rx_queue as usize >= line.len())
        });
    }
    s.program.thaw_group().ok()?;
    t.note("checker", msg!("echo-continued"));
    let mut c = probe.ok()?;
    match c.recv_some(64, ctx.within(secs(1))) {
        Err(f) if f.kind == Some(FailureKind::Reset) => Some(t.render(8)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_flood_has_no_newline_and_no_two_equal_records() {
        let data = super::counting_bytes(64 << 20);
        assert!(!data.contains(&b'\n'));
        let first: Vec<&[u8]> = data.chunks(256).map(|r| &r[..4]).collect();
        let mut sorted = first.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), first.len());
    }
}
