//! The steps of a graceful exit, shared by the exercises that take the graceful-exit family
//! (its table is this folder's `mod.rs`): wait until the processes sleep before the signal
//! arrives, then check the exit (status 0, `bye` last) and what the server left behind. Each
//! exercise's scenario (who is connected, what is frozen, what must be left: a free port, a
//! complete file) builds on these.

use std::process::ExitStatus;
use std::time::Duration;

use nix::sys::signal::Signal;

use crate::base::escape;
use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, FailureKind, TestResult};
use crate::contain::capture::complete_lines;
use crate::contain::procinfo;
use crate::contain::program::Program;
use crate::exercises::kit::wait;

/// Wait (at most `within`) until every process `pids` names sleeps in a blocking call (in
/// accept, poll, a read on a self-pipe..., whichever its design uses), so that a signal
/// arrives during a wait. One that never sleeps is not failed here: the signal then arrives
/// while it runs, and the test goes on. A zombie (a child left unreaped) is done, not awaited.
pub fn wait_until_asleep(within: Duration, pids: impl Fn() -> Vec<i32>) {
    wait::until(within, || {
        pids()
            .into_iter()
            .all(|p| procinfo::is_waiting(p) || procinfo::is_zombie(p))
    });
}

/// The server exited after `signal` as it should: with status 0, then `bye` as its last line.
/// Another status is told as `unexpected_exit` tells it (`on`: when), then as `explain` adds
/// (each exercise says how its design ends by itself).
pub fn expect_exit_0_and_bye(
    program: &mut Program,
    status: ExitStatus,
    signal: Signal,
    on: Text,
    explain: impl FnOnce(Failure) -> Failure,
) -> TestResult {
    if status.code() != Some(0) {
        return Err(explain(program.unexpected_exit(on)));
    }
    expect_bye(program, signal)
}

/// The last line the server printed must be `bye` (its stdout closed, or half a second), and
/// nothing after it: not even a NUL, as `write(1, bye, sizeof bye)` adds to "bye\n".
fn expect_bye(program: &mut Program, signal: Signal) -> TestResult {
    program.stdout.wait_drained();
    let out = program.stdout.bytes();
    if out.ends_with(b"\n") && complete_lines(&out).last().is_some_and(|l| l == "bye") {
        return Ok(());
    }
    Err(Failure::of_kind(
        FailureKind::BadOutput,
        msg!("exit-no-bye", signal = signal.as_str()),
    )
    .output(escape::excerpt(&out, 400)))
}

/// What a server that exited left of its process tree.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct LeftBehind {
    /// Still running (or stopped).
    pub running: Vec<i32>,
    /// Ended, never reaped.
    pub zombies: Vec<i32>,
}

impl LeftBehind {
    pub fn of(program: &Program) -> LeftBehind {
        let mut left = LeftBehind::default();
        for (pid, state) in program.leftovers() {
            match state {
                'Z' => left.zombies.push(pid),
                _ => left.running.push(pid),
            }
        }
        left
    }
}
