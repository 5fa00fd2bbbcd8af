//! The end of the server: SIGTERM (to the server) or SIGINT (to its whole process group, as
//! Ctrl-C sends it) while the logger is behind, then `bye`, status 0, a complete file and no
//! process left. `finish` is the same clean exit, as the last step of the tests that read the
//! file.

use std::sync::Arc;
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

use super::{Running, Store, check_file, echo_back, lines_for, start};
use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, FailureKind, TestResult};
use crate::contain::capture::complete_lines;
use crate::contain::procinfo;
use crate::contain::reaper::ReaperPause;
use crate::context::Ctx;
use crate::exercises::families::graceful_exit::steps::{self, LeftBehind};
use crate::exercises::kit::wait;
use crate::lab::exercise::secs;
use crate::observe::stuck::Stuck;
use crate::observe::wire::{Conn, Transcript};

/// How long the contract gives the server to end after SIGTERM or SIGINT.
const TO_END: Duration = Duration::from_secs(2);

/// How long a server must wait with the stopped logger as its only child before the checker
/// takes it for waiting for the logger (and continues it).
const WAITS_FOR_LOGGER: Duration = Duration::from_millis(300);

/// Wait (at most 1 s) until the server and its clients' children all sleep: the server waits
/// for clients (so the signal arrives during a wait, whatever call it waits in), and each child
/// has taken what its client sent and waits for more. A line whose echo came may still be on
/// its way to the pipe until then, and a child the signal kills would lose it.
pub fn wait_until_waiting(run: &Running) {
    let (server, logger) = (run.s.program.pid(), run.logger);
    steps::wait_until_asleep(Duration::from_secs(1), || {
        let mut tree = procinfo::tree(server);
        tree.retain(|&p| p != logger);
        tree
    });
}

fn has_bye(run: &Running) -> bool {
    complete_lines(&run.s.program.stdout.bytes()).any(|l| l == "bye")
}

/// SIGTERM, then the server must exit by itself with status 0 within 2 s: the tests that read
/// the file end so.
pub fn finish(t: &Transcript, run: &mut Running) -> TestResult {
    wait_until_waiting(run);
    let sent = Instant::now();
    run.s.program.signal(Signal::SIGTERM)?;
    t.note("checker", msg!("pipe-sent-sigterm"));
    match wait::exit_or_stuck(t, &mut run.s.program, sent + TO_END) {
        Ok(Some(status)) if status.code() == Some(0) => Ok(()),
        Ok(Some(_)) => Err(t.attach(
            run.s
                .program
                .unexpected_exit(msg!("pipe-on-signal", signal = "SIGTERM")),
        )),
        Ok(None) => Err(t.attach(still_running(run, "SIGTERM", None))),
        Err(stuck) => Err(t.attach(still_running(run, "SIGTERM", Some(stuck)))),
    }
}

/// The failure of a server still running 2 s after the signal (or stuck before), with the
/// likely cause and where it sleeps.
fn still_running(run: &Running, signal: &str, stuck: Option<Stuck>) -> Failure {
    let mut f = Failure::of_kind(
        FailureKind::Timeout,
        msg!("pipe-still-running", signal = signal),
    );
    if let Some(stuck) = stuck {
        let label = stuck.label.clone();
        f = stuck.explains(Failure::of_kind(
            FailureKind::Timeout,
            msg!("pipe-stuck-after", signal = signal, label = &label),
        ));
    }
    // Its handler took the signal, yet the parent still sleeps in accept(): the flag came while
    // SIGCHLD's handler ran (SA_RESTART restarted the accept) or just before the call. First:
    // the children and the logger still run because of it.
    let parent = run.s.program.pid();
    let caught = procinfo::caught_signals(parent) & (1 << (Signal::SIGTERM as i32 - 1)) != 0;
    let in_accept = procinfo::tasks(parent)
        .iter()
        .any(|task| task.wchan == "inet_csk_accept");
    if caught && in_accept {
        return f.note(msg!("pipe-flag-lost-in-accept"));
    }
    let logger_writes = procinfo::pipe_ends(run.logger);
    let keeps_write_end = logger_writes.iter().any(|w| {
        w.writes
            && logger_writes
                .iter()
                .any(|r| !r.writes && r.inode == w.inode)
    });
    if keeps_write_end {
        return f.note(msg!("pipe-logger-waits-for-itself"));
    }
    let alive = |p: i32| procinfo::state(p).is_some_and(|st| st != 'Z');
    let clients = procinfo::children(run.s.program.pid())
        .into_iter()
        .filter(|&k| k != run.logger && alive(k))
        .count();
    if clients > 0 {
        return f.note(msg!("pipe-client-children-running", n = clients));
    }
    if alive(run.logger) {
        return f.note(msg!("pipe-logger-still-running"));
    }
    f.note(msg!("pipe-handler-sets-flag"))
}

/// Two clients send lines; the logger is stopped while they send more, so that those wait in
/// the pipe; then the signal. `bye` may come only once the logger has written them and ended.
fn clean_exit(ctx: &mut Ctx, signal: Signal, to_group: bool) -> TestResult {
    let t = ctx.transcript();
    let store = Store::new(ctx, b"")?;
    let mut run = start(ctx, &store)?;
    let deadline = ctx.within(secs(8));
    let lines: Vec<Vec<Vec<u8>>> = (1..=2)
        .map(|c| lines_for(&mut ctx.rng, c, 6, 200))
        .collect();
    // Kept open until the end: the server's children serve them while the signal comes.
    let _clients = lines_behind_a_stopped_logger(&t, &run, &lines, deadline)?;
    wait_until_waiting(&run);
    let _pause = ReaperPause::new();
    let sent = Instant::now();
    send_the_signal(&t, &mut run, signal, to_group)?;
    ctx.off_cpu(|| until_bye_or_waiting_for_the_logger(&mut run));
    let early = has_bye(&run) || run.s.program.try_status().is_some();
    let logger_alive = procinfo::state(run.logger).is_some_and(|st| st != 'Z');
    let _ = kill(Pid::from_raw(run.logger), Signal::SIGCONT);
    t.note("checker", msg!("pipe-continued-logger"));
    if early && logger_alive {
        return Err(t
            .attach(Failure::wrong(msg!(
                "pipe-bye-too-early",
                signal = signal.as_str()
            )))
            .note(msg!("pipe-bye-after-logger")));
    }
    let status = match wait::exit_or_stuck(&t, &mut run.s.program, sent + TO_END) {
        Ok(Some(status)) => status,
        Ok(None) => return Err(t.attach(still_running(&run, signal.as_str(), None))),
        Err(stuck) => return Err(t.attach(still_running(&run, signal.as_str(), Some(stuck)))),
    };
    let on = msg!("pipe-on-signal", signal = signal.as_str());
    steps::expect_exit_0_and_bye(&mut run.s.program, status, signal, on, |f| {
        t.attach(f).note(msg!("pipe-exit-by-itself"))
    })?;
    expect_nothing_left(&run)?;
    check_file(&store, &lines.concat()).map_err(|f| {
        if to_group {
            f.note(msg!("pipe-sigint-reaches-logger"))
        } else {
            f
        }
    })
}

/// Two clients send their first three lines, echoed; then the logger is stopped and they send
/// the rest, which waits in the pipe. The clients, still connected.
fn lines_behind_a_stopped_logger(
    t: &Arc<Transcript>,
    run: &Running,
    lines: &[Vec<Vec<u8>>],
    deadline: Instant,
) -> Result<Vec<Conn>, Failure> {
    let mut clients = Vec::new();
    for (i, mine) in lines.iter().enumerate() {
        let mut c = Conn::connect(t, &format!("client {}", i + 1), run.s.port, deadline)?;
        echo_back(&mut c, &mine[..3].concat(), deadline)?;
        clients.push(c);
    }
    kill(Pid::from_raw(run.logger), Signal::SIGSTOP).map_err(|e| {
        Failure::checker_error(msg!("pipe-could-not-stop-logger", error = e.to_string()))
    })?;
    wait::until(Duration::from_secs(1), || {
        procinfo::state(run.logger) == Some('T')
    });
    t.note("checker", msg!("pipe-stopped-logger-waits"));
    for (c, mine) in clients.iter_mut().zip(lines) {
        echo_back(c, &mine[3..].concat(), deadline)?;
    }
    Ok(clients)
}

/// The signal, to the server alone or to its whole group (as Ctrl-C sends SIGINT), said in
/// the transcript.
fn send_the_signal(
    t: &Transcript,
    run: &mut Running,
    signal: Signal,
    to_group: bool,
) -> TestResult {
    if to_group {
        run.s.program.signal_group(signal)?;
    } else {
        run.s.program.signal(signal)?;
    }
    let sent_note = if to_group {
        msg!("pipe-sent-to-group", signal = signal.as_str())
    } else {
        msg!("pipe-sent-to-server", signal = signal.as_str())
    };
    t.note("checker", sent_note);
    Ok(())
}

/// The logger is stopped: a server that waits for it cannot be done yet. Wait until it says
/// bye or exits (too early), or until it has waited with the logger as its only child left
/// for a while (in waitpid for the logger, as it should: it would wait for ever). A moment in
/// that state proves nothing: a server on its way to an early bye passes through it (asleep as
/// its last client child is reaped), and continuing the logger then would let the early bye
/// through.
fn until_bye_or_waiting_for_the_logger(run: &mut Running) {
    let server = run.s.program.pid();
    let logger = run.logger;
    let mut waiting_since: Option<Instant> = None;
    wait::until(TO_END, || {
        if has_bye(run) || run.s.program.try_status().is_some() {
            return true;
        }
        if procinfo::is_waiting(server) && procinfo::children(server) == [logger] {
            let since = *waiting_since.get_or_insert_with(Instant::now);
            since.elapsed() >= WAITS_FOR_LOGGER
        } else {
            waiting_since = None;
            false
        }
    });
}

/// After the server exited: no process of it running, no zombie.
fn expect_nothing_left(run: &Running) -> TestResult {
    let left = LeftBehind::of(&run.s.program);
    let alive: Vec<Text> = left
        .running
        .iter()
        .map(|p| {
            if *p == run.logger {
                msg!("pipe-left-logger", pid = p.to_string())
            } else {
                msg!("pipe-left-child", pid = p.to_string())
            }
        })
        .collect();
    if !alive.is_empty() {
        return Err(Failure::wrong(msg!("pipe-left-running", n = alive.len()))
            .detail(msg!("pipe-still-running-label"), Text::listed(alive))
            .note(msg!("pipe-wait-every-child")));
    }
    let zombies = left.zombies.len();
    if zombies > 0 {
        return Err(Failure::wrong(msg!("pipe-not-reaped", n = zombies))
            .note(msg!("pipe-waitpid-every-child")));
    }
    Ok(())
}

pub fn sigterm_exit(ctx: &mut Ctx) -> TestResult {
    clean_exit(ctx, Signal::SIGTERM, false)
}

pub fn sigint_exit(ctx: &mut Ctx) -> TestResult {
    clean_exit(ctx, Signal::SIGINT, true)
}
