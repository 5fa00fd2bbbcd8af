//! The control socket: `stats` and what its lines must add up to, the path (a stale socket file
//! replaced, a path a running server owns left to it), and the command line's errors. The
//! checker talks to the control socket as any local client would, by its path (a socket file
//! reaches the server whatever network namespace it runs in).

use std::collections::BTreeSet;
use std::os::unix::net::UnixListener;
use std::time::{Duration, Instant};

use super::workers::kill_and_expect_replaced;
use super::{CONTROL, Prefork, SERVER, ask, start};
use crate::base::escape;
use crate::base::i18n::msg;
use crate::base::verdict::{Failure, FailureKind, TestResult};
use crate::contain::reaper::ReaperPause;
use crate::context::Ctx;
use crate::exercises::families::graceful_exit::steps::LeftBehind;
use crate::exercises::kit::{echo, errors, run};
use crate::lab::exercise::secs;
use crate::observe::wire::{Conn, Transcript};

/// One `worker <pid> served <n>` line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Line {
    pid: i32,
    served: u64,
}

/// The lines of a `stats` reply, each `worker <pid> served <n>`.
fn parse(reply: &[u8]) -> Result<Vec<Line>, Failure> {
    let text = String::from_utf8_lossy(reply);
    let mut lines = Vec::new();
    for line in text.split_inclusive('\n') {
        let parsed = line
            .strip_suffix('\n')
            .and_then(|l| l.strip_prefix("worker "))
            .and_then(|l| l.split_once(" served "))
            .and_then(|(pid, n)| Some((pid.parse().ok()?, n.parse().ok()?)));
        match parsed {
            Some((pid, served)) => lines.push(Line { pid, served }),
            None => {
                return Err(Failure::of_kind(
                    FailureKind::BadOutput,
                    msg!(
                        "prefork-stats-bad-line",
                        line = escape::quoted(line.as_bytes(), 120)
                    ),
                )
                .detail(msg!("prefork-stats-reply"), escape::quoted(reply, 400)));
            }
        }
    }
    Ok(lines)
}

/// Ask for `stats` until the reply lists exactly the live workers and `good` holds (the
/// workers' "free" messages may still be on their way): at most 2 s. A reply that is not
/// `stats` lines fails at once; the last reply judged is returned either way.
fn stats_until(
    t: &Transcript,
    p: &Prefork,
    mut good: impl FnMut(&[Line]) -> bool,
) -> Result<(Vec<Line>, bool), Failure> {
    let until = Instant::now() + Duration::from_secs(2);
    loop {
        let lines = parse(&ask(t, p)?)?;
        let pids: BTreeSet<i32> = lines.iter().map(|l| l.pid).collect();
        let workers: BTreeSet<i32> = p.workers_as_seen().into_keys().collect();
        let ok = pids == workers && pids.len() == lines.len() && good(&lines);
        if ok || Instant::now() >= until {
            return Ok((lines, ok));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The failure of the last reply: which lines are wrong, and why. On time, not proven (the
/// replies were still off when `stats_until` gave up, and a starved machine may not have run the
/// workers' "free" messages or the parent's bookkeeping yet), but for a worker listed twice,
/// which no lag explains.
fn explain(p: &Prefork, lines: &[Line], finished: u64) -> Failure {
    let shown: Vec<String> = lines
        .iter()
        .map(|l| format!("worker {} served {}", l.pid, l.served))
        .collect();
    let shown = if shown.is_empty() {
        msg!("prefork-none")
    } else {
        shown.join("\n").into()
    };
    let workers: BTreeSet<i32> = p.workers_as_seen().into_keys().collect();
    let pids: Vec<i32> = lines.iter().map(|l| l.pid).collect();
    let f = if let Some(stranger) = pids.iter().find(|p| !workers.contains(p)) {
        Failure::wrong(msg!(
            "prefork-stats-not-a-worker",
            pid = stranger.to_string()
        ))
        .note(msg!("prefork-stats-live-workers"))
    } else if let Some(missing) = workers.iter().find(|w| !pids.contains(w)) {
        Failure::wrong(msg!("prefork-stats-missing", pid = missing.to_string()))
            .note(msg!("prefork-stats-live-workers"))
    } else if pids.len() != workers.len() {
        return Failure::wrong(msg!("prefork-stats-twice"))
            .note(msg!("prefork-stats-live-workers"))
            .detail(msg!("prefork-stats-reply"), shown);
    } else {
        let sum: u64 = lines.iter().map(|l| l.served).sum();
        Failure::wrong(msg!("prefork-stats-sum", sum = sum, finished = finished))
            .note(msg!("prefork-count-when-free"))
    };
    f.detail(msg!("prefork-stats-reply"), shown).only_silence()
}

fn sum(lines: &[Line]) -> u64 {
    lines.iter().map(|l| l.served).sum()
}

pub fn stats(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let n = 2;
    let p = start(ctx, n)?;
    let finished = ctx.rng.u64(3..=6);
    for i in 1..=finished {
        echo::serve_one(ctx, &t, &p.s, i as usize)?;
    }
    // One more client, in mid-conversation: not finished, not counted.
    let mut open = Conn::connect(
        &t,
        "a client still connected",
        p.s.port,
        ctx.within(secs(5)),
    )?;
    echo::round_trip(&mut open, "not finished yet\n", ctx.within(secs(5)))?;
    let (lines, ok) = stats_until(&t, &p, |l| sum(l) == finished)?;
    if !ok {
        return Err(t.attach(explain(&p, &lines, finished)));
    }
    open.shutdown_write();
    echo::expect_eof_or_stuck(
        &mut open,
        &p.s,
        ctx.within(secs(3)),
        msg!("eof-after-client-eof"),
    )?;
    let finished = finished + 1;
    let (lines, ok) = stats_until(&t, &p, |l| sum(l) == finished)?;
    if !ok {
        return Err(t.attach(explain(&p, &lines, finished)));
    }
    busiest_killed_and_forgotten(&t, &p, &lines, finished, n)
}

/// The busiest worker is killed: its replacement starts at 0, and its count is gone.
fn busiest_killed_and_forgotten(
    t: &Transcript,
    p: &Prefork,
    lines: &[Line],
    finished: u64,
    n: usize,
) -> TestResult {
    let Some(busiest) = lines.iter().max_by_key(|l| l.served).cloned() else {
        return Err(t.attach(explain(p, lines, finished)));
    };
    let Some(&victim) = p.workers_as_seen().get(&busiest.pid) else {
        return Err(t.attach(explain(p, lines, finished)));
    };
    kill_and_expect_replaced(p, t, victim, n)?;
    let old: Vec<i32> = lines.iter().map(|l| l.pid).collect();
    let left = finished - busiest.served;
    let (lines, ok) = stats_until(t, p, |l| {
        sum(l) == left && l.iter().all(|x| old.contains(&x.pid) || x.served == 0)
    })?;
    if ok {
        return Ok(());
    }
    if let Some(new) = lines
        .iter()
        .find(|l| !old.contains(&l.pid) && l.served != 0)
    {
        return Err(t
            .attach(Failure::wrong(msg!(
                "prefork-replacement-not-zero",
                pid = new.pid.to_string(),
                n = new.served
            )))
            .note(msg!("prefork-count-per-process")));
    }
    Err(t
        .attach(explain(p, &lines, left))
        .note(msg!("prefork-killed-count-gone", n = busiest.served)))
}

pub fn stale_control_path(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    // A socket file nobody answers on any more: bound, then closed (a server killed before it
    // could remove it leaves the same).
    let path = ctx.workdir().join(CONTROL);
    drop(UnixListener::bind(&path)?);
    t.note("checker", msg!("prefork-left-stale", path = CONTROL));
    let p = start(ctx, 2).map_err(|f| f.note(msg!("prefork-stale-unlink")))?;
    let (lines, ok) = stats_until(&t, &p, |_| true)?;
    if !ok {
        return Err(t.attach(explain(&p, &lines, 0)));
    }
    Ok(())
}

pub fn path_owned(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let first = start(ctx, 1)?;
    let _pause = ReaperPause::new();
    let spawn = ctx.program(SERVER)?.args(["0", "2", CONTROL]);
    t.note("checker", msg!("prefork-second-server", path = CONTROL));
    let mut second = run::to_exit_or_stuck(
        ctx,
        &t,
        (spawn, SERVER),
        secs(3),
        Some((first.pid(), SERVER)),
    )?;
    errors::one_error_line(
        &mut second,
        SERVER,
        msg!("prefork-when-path-owned"),
        Some(&t),
    )?;
    expect_none_stays(&second.program)?;
    // The first server still owns its path, and answers on it.
    let (lines, ok) =
        stats_until(&t, &first, |_| true).map_err(|f| f.note(msg!("prefork-second-took-path")))?;
    if !ok {
        return Err(t
            .attach(explain(&first, &lines, 0))
            .note(msg!("prefork-second-took-path")));
    }
    Ok(())
}

/// Nothing of a server that ended is left: no worker running, none unreaped. (Hold a
/// `ReaperPause` from before it started.)
pub fn expect_nothing_left(program: &crate::contain::program::Program) -> TestResult {
    // Wherever its orphans went (to the checker, or to a sandbox's init), none may stay running.
    expect_none_stays(program)?;
    let left = LeftBehind::of(program);
    if !left.zombies.is_empty() {
        return Err(
            Failure::wrong(msg!("prefork-left-zombies", n = left.zombies.len()))
                .note(msg!("prefork-end-workers")),
        );
    }
    Ok(())
}

/// How long workers may take to end by themselves once a server that failed to start is gone:
/// a worker that ends at EOF on its socketpair (the parent's end closed with the parent) is not
/// left behind, whenever the scheduler runs it; one that stays is, however long we wait.
const ORPHANS_END_WITHIN: Duration = Duration::from_secs(2);

/// After a server that refused to start has exited: no process of its own keeps running. Its
/// workers may still be ending (orphans now, reaped by whoever adopted them, so zombies are not
/// the server's); a worker still running after `ORPHANS_END_WITHIN` was left behind.
fn expect_none_stays(program: &crate::contain::program::Program) -> TestResult {
    let until = Instant::now() + ORPHANS_END_WITHIN;
    loop {
        let running = program.running_tagged();
        if running.is_empty() {
            return Ok(());
        }
        if Instant::now() >= until {
            let pids: Vec<String> = running
                .iter()
                .map(|&p| super::seen(p).to_string())
                .collect();
            // On time, not proven: a starved machine may not have run them to their end.
            return Err(Failure::wrong(msg!(
                "prefork-left-running",
                n = running.len(),
                pids = pids.join(", ")
            ))
            .only_silence()
            .note(msg!("prefork-end-workers")));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The command lines the contract refuses: each one line on stderr, exit 1, nothing left.
const BAD: &[&[&str]] = &[
    &[],
    &["0"],
    &["0", "2"],
    &["seven", "2", CONTROL],
    &["0", "two", CONTROL],
    &["0", "0", CONTROL],
    &["0", "17", CONTROL],
    // Numbers with junk after them, empty or negative: a parse that stops at the first non-digit
    // or takes "" for 0 starts a server (C mutants 5fa747843a, 74ef153316, a15aefcc52).
    &["0", "2x", CONTROL],
    &["", "2", CONTROL],
    &["-1", "2", CONTROL],
    &["0", "2", "no-such-directory/control.sock"],
    &["0", "2", TOO_LONG],
];

/// A control path longer than `sun_path` holds (108 bytes): refused with one line, never copied
/// past the end of the address (a C `strcpy` into `sun_path` would be).
const TOO_LONG: &str = concat!(
    "a-control-path-longer-than-a-unix-socket-address-can-hold-",
    "a-control-path-longer-than-a-unix-socket-address-can-hold-",
    "a-control-path-longer-than-a-unix-socket-address-can-hold.sock"
);

pub fn bad_usage(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let _pause = ReaperPause::new();
    for args in BAD {
        let shown = std::iter::once(SERVER)
            .chain(args.iter().copied())
            .collect::<Vec<_>>()
            .join(" ");
        t.note(
            "checker",
            msg!("prefork-started-as", command = shown.clone()),
        );
        let spawn = ctx
            .program(SERVER)?
            .args(args.iter().map(|a| a.to_string()));
        let mut run = run::to_exit_or_stuck(ctx, &t, (spawn, SERVER), secs(3), None)?;
        let situation = msg!("prefork-when-started-as", command = shown);
        errors::one_error_line(&mut run, SERVER, situation, Some(&t))?;
        expect_none_stays(&run.program)?;
    }
    Ok(())
}
