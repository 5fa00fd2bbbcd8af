//! The clean shutdown of async-chat (the graceful-exit family's rows, this exercise's
//! scenario): three clients, one reading steadily, one behind (lines wait inside the server for
//! it, and it reads again once the signal is sent), one that never reads again. The lines the
//! server took must reach both readers, whole, then EOF; the one that does not read is closed
//! after a grace; `bye` is the last line, status 0, all within 2 s of the signal, nothing left.

use std::time::{Duration, Instant};

use nix::sys::signal::Signal;

use super::behind::{
    BETWEEN_LOOKS, STEP, join_clients, judge_let_go, never_piled, numbered, send_and_read,
    stop_reading,
};
use super::inside::Inside;
use crate::base::i18n::msg;
use crate::base::verdict::{Failure, FailureKind, TestResult};
use crate::context::Ctx;
use crate::exercises::families::chat::member::Member;
use crate::exercises::families::graceful_exit::steps;
use crate::exercises::kit::server;
use crate::lab::exercise::secs;

/// Lines waiting inside the server for the two clients that do not read when the signal comes:
/// far below the contract's 1,024, so neither may have been disconnected.
const WAITING: usize = 64;

pub fn sigterm_exit(ctx: &mut Ctx) -> TestResult {
    scenario(ctx, Signal::SIGTERM)
}

pub fn sigint_exit(ctx: &mut Ctx) -> TestResult {
    scenario(ctx, Signal::SIGINT)
}

fn scenario(ctx: &mut Ctx, signal: Signal) -> TestResult {
    let t = ctx.transcript();
    let mut s = server::start_under_test(ctx, 0)?;
    let pid = s.program.pid();
    let deadline = ctx.within(secs(10));
    // client 0 falls behind, client 1 never reads again, client 2 reads steadily.
    let mut m = join_clients(&t, s.port, 2, 3, deadline)?;
    stop_reading(&t, &m[0]);
    stop_reading(&t, &m[1]);
    let sent = pile_up_lines(ctx, pid, &mut m, deadline)?;
    t.note(
        "checker",
        msg!(
            "async-signal-with-lines",
            signal = signal.as_str(),
            lines = sent
        ),
    );
    // SIGINT as Ctrl-C sends it: to the whole foreground process group.
    if signal == Signal::SIGINT {
        s.program.signal_group(signal)?;
    } else {
        s.program.signal(signal)?;
    }
    let by = std::time::Instant::now() + Duration::from_secs(2);
    // What is left is short reads, then a wait for the grace of the client that does not read.
    ctx.lend_slot();
    readers_get_the_rest_then_eof(&mut m, sent, by)?;
    let Some(status) = s.program.wait_until(by) else {
        return Err(Failure::of_kind(
            FailureKind::Timeout,
            msg!("async-no-exit-in-2s", signal = signal.as_str()),
        )
        .note(msg!("async-grace")));
    };
    let on = msg!("async-after-signal", signal = signal.as_str());
    steps::expect_exit_0_and_bye(&mut s.program, status, signal, on, |f| f)?;
    let left = steps::LeftBehind::of(&s.program);
    if left != steps::LeftBehind::default() {
        return Err(Failure::wrong(msg!("async-left-behind")));
    }
    Ok(())
}

/// Client 2 reads every line as it comes while clients 0 and 1 read none, until at least
/// `WAITING` lines wait inside the server for each of the two. Neither may be let go on the
/// way. How many lines were sent.
fn pile_up_lines(
    ctx: &Ctx,
    pid: i32,
    m: &mut [Member],
    deadline: Instant,
) -> Result<usize, Failure> {
    let inside = Inside::of(pid, &[&m[0], &m[1]]);
    let mut sent = 0;
    while sent % BETWEEN_LOOKS != 0
        || !inside.reaches(&[&m[0], &m[1]], sent, |h| h.iter().all(|&h| h >= WAITING))
    {
        for k in 0..2 {
            if sent % BETWEEN_LOOKS == 0 && inside.let_go(&[&m[0], &m[1]], k) {
                judge_let_go(&mut m[k], sent, ctx.within(secs(3)))?;
                return Err(Failure::wrong(msg!(
                    "async-let-go-before-signal",
                    who = m[k].who(),
                    lines = sent
                )));
            }
        }
        if sent >= 20_000 {
            return Err(never_piled(sent));
        }
        send_and_read(2, m, &[2], sent, STEP, deadline)?;
        sent += STEP;
    }
    Ok(sent)
}

/// The steady reader got every line already: EOF now. The one behind: the rest, then EOF.
fn readers_get_the_rest_then_eof(m: &mut [Member], sent: usize, by: Instant) -> TestResult {
    m[2].conn
        .expect_eof(by, msg!("async-eof-at-shutdown"))
        .map_err(|f| f.note(msg!("async-close-every-client")))?;
    for i in 0..sent {
        m[0].expect_lines(&[&numbered(i)], by).map_err(|f| {
            if f.kind == Some(FailureKind::EarlyEof) {
                f.note(msg!("async-taken-lines-lost", line = i, lines = sent))
            } else {
                f.note(msg!("async-deliver-then-close"))
            }
        })?;
    }
    m[0].conn
        .expect_eof(by, msg!("async-eof-at-shutdown"))
        .map_err(|f| f.note(msg!("async-close-every-client")))
}
