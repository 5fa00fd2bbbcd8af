//! The clean exit (the graceful-exit family's rows, in this exercise's scenario): both workers
//! busy with a client each and a third client waiting in the backlog, the tree asleep; then
//! SIGTERM to the parent, or SIGINT to the whole process group as Ctrl-C sends it. Within 2 s:
//! status 0, `bye` as the last line, the control path gone, no process left running or unreaped.

use std::time::{Duration, Instant};

use nix::sys::signal::Signal;

use super::control::expect_nothing_left;
use super::{Prefork, start};
use crate::base::i18n::msg;
use crate::base::verdict::{Failure, FailureKind, TestResult};
use crate::contain::reaper::ReaperPause;
use crate::context::Ctx;
use crate::exercises::families::graceful_exit::steps;
use crate::exercises::kit::echo;
use crate::lab::exercise::secs;
use crate::observe::wire::Conn;

/// How long the contract gives the server to end after SIGTERM or SIGINT.
const TO_END: Duration = Duration::from_secs(2);

fn clean_exit(ctx: &mut Ctx, signal: Signal, to_group: bool) -> TestResult {
    let t = ctx.transcript();
    let mut p = start(ctx, 2)?;
    let _busy = echo::talking(ctx, &t, p.s.port, 2)?;
    let mut waiting = Conn::connect(&t, "client 3", p.s.port, ctx.within(secs(5)))?;
    waiting.send(b"client 3 waits\n", ctx.deadline)?;
    p.settle(Duration::from_secs(1), || ());
    // Hold the checker's reaping while we look at what the server leaves behind.
    let _pause = ReaperPause::new();
    let sent = Instant::now();
    if to_group {
        p.s.program.signal_group(signal)?;
        t.note(
            "checker",
            msg!("prefork-sent-to-group", signal = signal.as_str()),
        );
    } else {
        p.s.program.signal(signal)?;
        t.note(
            "checker",
            msg!("prefork-sent-to-parent", signal = signal.as_str()),
        );
    }
    let Some(status) = p.s.program.wait_until(sent + TO_END) else {
        return Err(t.attach(still_running(&p, signal)));
    };
    let on = msg!("prefork-on-signal", signal = signal.as_str());
    steps::expect_exit_0_and_bye(&mut p.s.program, status, signal, on, |f| {
        t.attach(f)
            .note(msg!("prefork-exit-by-itself", signal = signal.as_str()))
    })?;
    if p.control.symlink_metadata().is_ok() {
        return Err(
            Failure::wrong(msg!("prefork-path-left", path = super::CONTROL))
                .note(msg!("prefork-unlink-at-exit")),
        );
    }
    expect_nothing_left(&p.s.program)
}

/// The failure of a server still running 2 s after the signal, with the likely cause.
fn still_running(p: &Prefork, signal: Signal) -> Failure {
    let f = Failure::of_kind(
        FailureKind::Timeout,
        msg!("prefork-still-running", signal = signal.as_str()),
    );
    let workers = p.workers();
    if workers.is_empty() {
        f.note(msg!("prefork-handler-sets-flag"))
    } else {
        f.detail(msg!("prefork-still-there"), p.named(&workers))
            .note(msg!("prefork-workers-outlive"))
    }
}

pub fn sigterm_exit(ctx: &mut Ctx) -> TestResult {
    clean_exit(ctx, Signal::SIGTERM, false)
}

pub fn sigint_exit(ctx: &mut Ctx) -> TestResult {
    clean_exit(ctx, Signal::SIGINT, true)
}
