//! A client that half-closes and then resets: the reset finds the server's socket in
//! CLOSE_WAIT, where Linux makes the next write fail with EPIPE, not ECONNRESET (tcp_reset), so
//! the first write after it raises SIGPIPE. A server that stops at its first failed write but
//! lets SIGPIPE kill it passes `reset-then-normal` (there the first error is ECONNRESET) and
//! dies here; `nc -N` and day 3's client half-close so, and a client that then goes away
//! without reading is all it takes.

use std::time::Duration;

use super::{served, server};
use crate::base::i18n::msg;
use crate::base::verdict::{Failure, TestResult};
use crate::contain::procinfo;
use crate::context::Ctx;
use crate::exercises::kit::premise::Premise;
use crate::exercises::kit::{self, echo};
use crate::lab::exercise::secs;
use crate::observe::wire::{Conn, Server};

pub fn half_close_then_reset(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let mut s = server(ctx)?;
    served(ctx, &mut s, |s| {
        let pid = s.program.pid();
        let mut rude = Conn::connect(&t, "half-closing client", s.port, ctx.within(secs(5)))?;
        let rude_port = rude.local_port();
        // A first line echoed: the server (or the process serving it) has the connection and
        // reads it, whatever its design.
        echo::round_trip(&mut rude, "first line\n", ctx.within(secs(5)))?;
        // The rest arrives while the server is stopped: a line, our FIN, then our RST, so that
        // when it runs again its socket is closed by a reset taken in CLOSE_WAIT and a line
        // waits to be read and echoed, whatever the scheduling.
        s.program.freeze_group()?;
        t.note("checker", msg!("multi-stopped"));
        let sent = rude.send(b"second line\n", ctx.within(secs(2)));
        rude.shutdown_write();
        let in_close_wait = |state: &str| {
            procinfo::tcp_sockets(pid)
                .iter()
                .any(|k| k.remote_port == rude_port && k.state == state)
        };
        let closing = kit::wait::until(secs(2), || {
            rude.unsent() == 0 && rude.fin_acknowledged() && in_close_wait("CLOSE_WAIT")
        });
        rude.reset();
        let reset_taken = kit::wait::until(secs(1), || {
            !in_close_wait("CLOSE_WAIT") && !in_close_wait("ESTABLISHED")
        });
        // What the test judges under: the reset taken by a socket in CLOSE_WAIT, before the
        // server ran again (else a write after it fails with ECONNRESET, and no SIGPIPE comes).
        let premise = Premise::of(closing && reset_taken, || msg!("echo-half-close-premise"));
        s.program.thaw_group()?;
        t.note("checker", msg!("echo-continued-after-half-close-reset"));
        sent?;
        echo::settle_after_reset(s, rude_port, secs(1));
        let line = "still there?\n";
        let mut c = Conn::connect(&t, "next client", s.port, ctx.within(secs(5)))
            .map_err(|f| why_stopped(s, f))?;
        c.send(line.as_bytes(), ctx.deadline)?;
        c.expect_bytes(line.as_bytes(), ctx.within(secs(5)))
            .map_err(|f| why_stopped(s, f))?;
        c.shutdown_write();
        echo::expect_eof_or_stuck(&mut c, s, ctx.within(secs(5)), msg!("eof-after-client-eof"))?;
        premise.judge(
            s.check_alive(msg!("echo-after-half-close-reset"))
                .map_err(|f| why_stopped(s, f)),
        )
    })
}

/// Why the server no longer serves, if it has ended: SIGPIPE from its first write after the
/// reset, or something else. A server still running is told nothing more.
fn why_stopped(s: &mut Server, f: Failure) -> Failure {
    use std::os::unix::process::ExitStatusExt;
    // Its end may still be on its way (the connect was refused as it died).
    kit::wait::until(Duration::from_millis(200), || {
        s.program.try_status().is_some()
    });
    let sigpipe = nix::sys::signal::Signal::SIGPIPE as i32;
    match s.program.try_status().map(|status| status.signal()) {
        Some(Some(signal)) if signal == sigpipe => {
            f.note(msg!("echo-sigpipe-after-half-close-reset"))
        }
        Some(_) => f.note(msg!("echo-stopped-after-reset")),
        None => f,
    }
}
