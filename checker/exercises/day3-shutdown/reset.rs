//! The contract's other expected error for file-client: the server resets the connection in
//! the middle of the file. A client that takes a failed recv() for data writes what its buffer
//! holds past the bytes it received (a count of -1, as a size, is most of memory), reads 0 on
//! the next call, sends its receipt on the reset socket and dies of SIGPIPE, silent.

use super::CLIENT;
use crate::base::escape;
use crate::base::i18n::msg;
use crate::base::verdict::{Failure, TestResult};
use crate::context::Ctx;
use crate::exercises::kit::{self, errors, run};
use crate::lab::exercise::secs;
use crate::observe::wire::{self, differ};

/// What the hidden server sends of the file before its reset, of 1 MiB: the client's kernel
/// takes all of it (a loopback socket's buffer holds far more), so the reset is mid-file.
const SENT: usize = 48 * 1024;

pub(super) fn client_reset_mid_file(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let content = ctx.random_bytes(1 << 20);
    let head = content[..SENT].to_vec();
    let deadline = ctx.within(secs(5));
    let (port, done) = wire::serve_once(&t, deadline, move |mut c| -> TestResult {
        c.send(&head, deadline)?;
        // Every byte sent is in the client's kernel before the reset: they are what it may
        // write, and it reads them all before the error (a read returns what came first).
        kit::wait::until(secs(2), || c.unsent() == 0);
        c.reset();
        Ok(())
    })?;
    let dir = ctx.scratch("client-")?;
    let out = dir.path().join("received.bin");
    let args = [out.to_string_lossy().into_owned()];
    let mut run = run::client(ctx, &t, CLIENT, port, &args, None, secs(5))?;
    // The hidden server's end: it had sent what it had to, or could not.
    let _ = done.recv_timeout(secs(1));
    // No out-file, or a part of one, is the client's to choose: what it wrote must be bytes it
    // received.
    let written = std::fs::read(&out).unwrap_or_default();
    if !content[..SENT].starts_with(&written) {
        let f = Failure::wrong(msg!(
            "shut-wrote-past-reset",
            size = msg!("count-byte", n = SENT)
        ));
        return Err(t
            .attach(differ(f, &content[..SENT], &written))
            .note(msg!("shut-error-is-not-data")));
    }
    let line = errors::one_error_line(&mut run, CLIENT, msg!("client-when-reset"), Some(&t))?;
    ctx.log(format!("stderr: {}", escape::bytes(line.as_bytes())));
    Ok(())
}
