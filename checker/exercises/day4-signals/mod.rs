//! Hidden tests of day4-signals, each behaviour from outside: signals sent with kill, output
//! timed, exit statuses, the processes left after SIGTERM (the checker is a subreaper, and holds
//! its reaping while it counts), a reset during a large echo, the idle timeout, and a storm of
//! SIGUSR1 while clients stream data.
//!
//! How the parent takes its signals is the student's choice: a flag and EINTR, SA_RESTART with a
//! receive timeout on the listening socket, a self-pipe, a signalfd, ppoll or pselect with the
//! signals blocked outside the wait. Before a signal the checker waits until the parent sleeps
//! in whatever call it waits in, never in one particular call.

use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

use crate::base::escape;
use crate::base::i18n::{Text, msg};
use crate::base::verdict::FailureKind;
use crate::base::verdict::{Failure, TestResult};
use crate::contain::capture::complete_lines;
use crate::contain::procinfo;
use crate::context::Ctx;
use crate::exercises::families::graceful_exit::GRACEFUL_EXIT;
use crate::exercises::kit;
use crate::exercises::kit::lines;
use crate::exercises::kit::rules::RULES;
use crate::exercises::kit::{clients, echo, wait};
use crate::lab::exercise::{Exercise, ExerciseKind, TestCase, secs};
use crate::lab::family::{Takes, Tweak};
use crate::observe::wire::{Conn, Server, Transcript};

mod exit;
mod zombies;
use crate::exercises::kit::c_imports;
use crate::table::track::CTrack;
use exit::{sigint_exit, sigterm_exit};

const SERVER: &str = "signal-server";

pub static EXERCISE: Exercise = Exercise {
    name: "day4-signals",
    day: 4,
    title: "the fork server with signals: SIGUSR1 stats, clean exit, SIGPIPE, idle timeout",
    section: "day4-signals",
    kind: ExerciseKind::Programs {
        binaries: &[SERVER],
    },
    student_files: &["src/bin/signal-server.rs"],
    // The graceful exit is shared (graceful_exit/); its scenario here: two clients
    // connected, their children frozen while the signal arrives (exit.rs).
    families: &[Takes::family(&GRACEFUL_EXIT, SERVER)
        .after_own()
        .tweaks(&[
            Tweak::of("sigterm-exit")
                .title("SIGTERM: children stopped and reaped, `bye`, status 0 within 1 s, the port free at once")
                .hint("On the flag: close the listening socket, kill(child, SIGTERM) every child, waitpid until ECHILD, print `bye`, return from main with status 0.")
                .run(sigterm_exit),
            Tweak::of("sigint-exit").run(sigint_exit),
        ])],
    tests: &[
        TestCase {
            id: "usr1-stats",
            title: "SIGUSR1 prints `served <N> clients` within 0.5 s, also while the server waits for clients",
            points: 2,
            timeout: secs(15),
            hint: "The handler sets a flag; the main loop prints. Install it without SA_RESTART: the blocked accept() then fails with EINTR and the loop sees the flag at once (a self-pipe, a signalfd or ppoll wake the loop too).",
            hint_c: None,
            section: "sa-restart",
            program: Some(SERVER),
            run: usr1_stats,
        },
        TestCase {
            id: "sigpipe-survives",
            title: "a reset client does not kill the child that echoes to it with SIGPIPE, and the server serves on",
            points: 2,
            timeout: secs(20),
            hint: "Send with MSG_NOSIGNAL (or ignore SIGPIPE on purpose): a write to a reset connection then fails with EPIPE instead of killing the process.",
            hint_c: None,
            section: "sigpipe",
            program: Some(SERVER),
            run: sigpipe_survives,
        },
        TestCase {
            id: "idle-timeout",
            title: "idle-seconds 1: an active client keeps its connection; a silent one gets `timeout\\n` and EOF",
            points: 2,
            timeout: secs(20),
            hint: "In the child: alarm(idle) at the start and again after every read; a SIGALRM handler (without SA_RESTART) sets a flag; on EINTR with the flag set, send \"timeout\\n\" and exit.",
            hint_c: None,
            section: "sigalrm",
            program: Some(SERVER),
            run: idle_timeout,
        },
        TestCase {
            id: "default-idle",
            title: "started without idle-seconds: a silent client gets `timeout\\n` after the contract's 5 s (not 4, not 6)",
            points: 1,
            timeout: secs(15),
            hint: "Without its idle-seconds argument the server uses 5: a child arms alarm(5), and a client silent that long gets `timeout\\n`.",
            hint_c: None,
            section: "day4-signals",
            program: Some(SERVER),
            run: default_idle,
        },
        TestCase {
            id: "usr1-while-printing",
            title: "SIGUSR1 while `bye` is blocked writing to a full stdout: `bye` still comes, status 0",
            points: 1,
            timeout: secs(15),
            hint: "A handler can run in the middle of any call of the main loop, a println! included: keep it to setting a flag. A handler that prints needs stdout's lock, which the interrupted println! holds (in Rust it panics and aborts; in C, printf is not async-signal-safe).",
            hint_c: Some("A handler can run in the middle of any call of the main loop, a printf included: keep it to setting a `volatile sig_atomic_t` flag. printf is not async-signal-safe: called from a handler that interrupted another printf, it can garble stdout's buffer or deadlock on its lock."),
            section: "async-signal-safety",
            program: Some(SERVER),
            run: usr1_while_printing,
        },
        TestCase {
            id: "usr1-storm",
            title: "1000 SIGUSR1 in 100 ms while 10 clients stream data: no byte lost or repeated, server alive",
            points: 2,
            timeout: secs(30),
            hint: "Every blocking call may fail with EINTR while signals rain: retry it (read, send and accept alike), and keep the handler to a flag.",
            hint_c: None,
            section: "async-signal-safety",
            program: Some(SERVER),
            run: usr1_storm,
        },
        TestCase {
            id: "no-zombie",
            title: "20 clients leave at the same instant: every child reaped within 3 s, with no further connection",
            points: 2,
            timeout: secs(30),
            hint: "Reap from the SIGCHLD handler, not after the next accept(); signals do not queue, so loop on waitpid(-1, WNOHANG) until it has nothing more to reap.",
            hint_c: None,
            section: "sigchld",
            program: Some(SERVER),
            run: zombies::no_zombie,
        },
        TestCase {
            id: "no-listener-in-child",
            title: "no child holds the listening socket",
            points: 1,
            timeout: secs(15),
            hint: "The child must close its copy of the listening socket: it does not accept, and its copy would keep the port taken after the parent is gone.",
            hint_c: None,
            section: "concurrent-servers",
            program: Some(SERVER),
            run: no_listener_in_child,
        },
        TestCase {
            id: "server-errors",
            title: "signal-server started with no arguments, on a port another socket listens on, or with idle-seconds that are not a number (empty, `abc`, `5s`, `-1`): one line on stderr, exit 1",
            points: 1,
            timeout: secs(30),
            hint: "Keep the skeleton's checks of the arguments: idle-seconds must be digits only (not empty, not `5s`, not `-1`). On a bad argument print how to start the server, and when bind fails say so, each in one line on stderr, and exit with status 1.",
            hint_c: None,
            section: "network-program-contract",
            program: Some(SERVER),
            run: server_errors,
        },
    ],
    parts: &[],
    rules: &RULES,
    c: Some(&C_TRACK),
};

/// The exercise on the C track: its files, and its rules as what the binary may import.
static C_TRACK: CTrack = CTrack {
    student_files: &["signal-server.c"],
    library: None,
    shim: &[],
    imports: &[
        c_imports::NO_RESOLVER,
        c_imports::NO_THREADS,
        c_imports::FORKS,
        c_imports::NO_SIGNAL,
    ],
};

fn start(ctx: &Ctx, args: &[&str]) -> Result<Server, Failure> {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    kit::server::start(ctx, SERVER, 0, &args)
}

/// Wait (at most 2 s) until the parent is asleep waiting for something — in accept, poll,
/// ppoll, select, epoll_wait, sigsuspend or a read on a self-pipe or signalfd, whichever its
/// design uses — and its whole tree has settled (`kit::wait::settled`), so that a signal really
/// arrives during a wait. Asleep is not enough: a child whose client just left may still be on
/// its way out, and its SIGCHLD would wake the parent; a signal the test sends in the moment
/// after the parent looked at its flags and before it waits again is then taken for the
/// classic race (the flag set, the wait begun anyway), which is not what the test is about. A
/// parent that never sleeps is not failed here: the signal then arrives while it runs.
fn wait_until_waiting(ctx: &Ctx, s: &Server) {
    let pid = s.program.pid();
    ctx.off_cpu(|| wait::settled(Duration::from_secs(2), || procinfo::tree(pid)));
}

/// Send SIGUSR1 and expect `served <n> clients` within 0.5 s (as the `nth` stats line).
fn expect_stats(
    ctx: &Ctx,
    t: &std::sync::Arc<Transcript>,
    s: &mut Server,
    n: usize,
    nth: usize,
) -> TestResult {
    wait_until_waiting(ctx, s);
    s.program.signal(Signal::SIGUSR1)?;
    t.note("checker", msg!("sig-sent-usr1-waiting"));
    let lines = lines::wait_nth(
        &s.program.stdout,
        "served",
        nth,
        Instant::now() + Duration::from_millis(500),
    );
    let wanted = format!("served {n} clients");
    match lines {
        Some(lines) if lines[nth] == wanted => Ok(()),
        Some(lines) => Err(
            Failure::of_kind(FailureKind::BadOutput, msg!("sig-stats-wrong"))
                .detail(
                    msg!("label-expected"),
                    escape::quoted(wanted.as_bytes(), 60),
                )
                .detail(msg!("label-got"), escape::quoted(lines[nth].as_bytes(), 60)),
        ),
        None => {
            s.check_alive(msg!("sig-after-usr1"))?;
            // Does the line come once something else wakes the server up?
            let _ = Conn::connect(t, "a late client", s.port, ctx.within(secs(2)));
            let late = lines::wait_nth(
                &s.program.stdout,
                "served",
                nth,
                ctx.within(Duration::from_millis(800)),
            );
            let f = Failure::of_kind(
                FailureKind::Timeout,
                msg!("sig-no-stats-line", wanted = &wanted),
            );
            Err(if late.is_some() {
                f.note(msg!("sig-sa-restart"))
            } else {
                f
            })
        }
    }
}

fn usr1_stats(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let mut s = start(ctx, &[])?;
    for i in 1..=3 {
        echo::serve_one(ctx, &t, &s, i)?;
    }
    expect_stats(ctx, &t, &mut s, 3, 0)?;
    echo::serve_one(ctx, &t, &s, 4)?;
    // The fifth stays connected: it has been accepted, so it counts.
    let mut fifth = Conn::connect(&t, "client 5", s.port, ctx.within(secs(5)))?;
    echo::round_trip(&mut fifth, "client 5\n", ctx.within(secs(5)))?;
    expect_stats(ctx, &t, &mut s, 5, 1).map_err(|f| t.attach(f))
}

/// The child serving `c`, stopped (SIGSTOP) while its client sends one more line, shuts down
/// its side (FIN) and resets the connection (RST): when it is continued, it reads that line and
/// its echo is a send on a reset connection. The FIN first matters: a reset in CLOSE_WAIT leaves
/// EPIPE for the next send, which raises SIGPIPE (one in ESTABLISHED leaves ECONNRESET, which
/// does not). Nothing here depends on buffer sizes or on timing.
fn frozen_with_a_reset_client(
    ctx: &Ctx,
    t: &Transcript,
    mut c: Conn,
    parent: i32,
) -> Result<i32, Failure> {
    let local = c.local_port();
    let holds = |k: i32| procinfo::connection_to(k, local).is_some();
    let child = procinfo::children(parent)
        .into_iter()
        .find(|&k| holds(k))
        .ok_or_else(|| t.attach(Failure::wrong(msg!("sig-no-child-holds"))))?;
    kill(Pid::from_raw(child), Signal::SIGSTOP).map_err(|e| {
        Failure::checker_error(msg!("sig-could-not-stop-child", error = e.to_string()))
    })?;
    wait::until(Duration::from_secs(1), || {
        procinfo::state(child) == Some('T')
    });
    t.note("checker", msg!("sig-stopped-child"));
    c.send(b"are you still there?\n", ctx.within(secs(2)))?;
    c.shutdown_write();
    c.reset();
    // Once the reset is taken in, the child's socket is closed: gone from the TCP table.
    let reset_seen = wait::until(Duration::from_secs(2), || {
        procinfo::connection_to(child, local).is_none_or(|s| s.state == "CLOSE")
    });
    if !reset_seen {
        return Err(Failure::checker_error(msg!("sig-reset-not-seen")));
    }
    Ok(child)
}

fn sigpipe_survives(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let mut s = start(ctx, &[])?;
    let parent = s.program.pid();
    let mut c = Conn::connect(&t, "client", s.port, ctx.within(secs(5)))?;
    echo::round_trip(&mut c, "hello\n", ctx.within(secs(5)))?;
    let child = frozen_with_a_reset_client(ctx, &t, c, parent)?;
    // Freeze the parent so that the child, when it dies, stays a zombie we can look at.
    s.program.signal(Signal::SIGSTOP)?;
    t.note("checker", msg!("sig-stopped-parent"));
    let _ = kill(Pid::from_raw(child), Signal::SIGCONT);
    t.note("checker", msg!("sig-continued-child"));
    let ended = wait::until(Duration::from_secs(3), || {
        procinfo::zombie_wait_status(child).is_some()
    });
    let status = procinfo::zombie_wait_status(child);
    s.program.signal(Signal::SIGCONT)?;
    t.note("checker", msg!("sig-continued-parent"));
    if !ended {
        // On time, not proven: a starved machine may not have run the child yet.
        return Err(t.attach(Failure::wrong(msg!("sig-child-did-not-end")).only_silence()));
    }
    let status = status.unwrap_or(0);
    // The signal that ended the process (0 = it exited).
    let signal = if libc::WIFSIGNALED(status) {
        libc::WTERMSIG(status)
    } else {
        0
    };
    if signal == libc::SIGPIPE {
        return Err(t
            .attach(Failure::wrong(msg!("sig-killed-by-sigpipe")))
            .note(msg!("sig-msg-nosignal")));
    }
    if signal != 0 {
        let name = Signal::try_from(signal)
            .map(|s| Text::from(s.as_str()))
            .unwrap_or_else(|_| msg!("sig-a-signal"));
        return Err(t.attach(Failure::wrong(msg!("sig-killed-by", signal = name))));
    }
    s.check_alive(msg!("sig-after-child-reset"))?;
    let mut next = Conn::connect(&t, "next client", s.port, ctx.within(secs(5)))?;
    echo::round_trip(&mut next, "anyone home?\n", ctx.within(secs(5)))
}

fn idle_timeout(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = start(ctx, &["1"])?;
    // The silent client's child must wake on its own alarm(), which /proc does not show.
    ctx.expect_timers();
    // Three clients at once: one never says a word, one goes silent after a line, the third
    // stays active for longer than the idle limit, with pauses shorter than it. The whole test
    // lasts about 1.5 s.
    let mut active = Conn::connect(&t, "active client", s.port, ctx.within(secs(5)))?;
    // Each client's silence is counted from before what starts the server's timer (the connect,
    // the line), as in `default_idle`: a checker thread late after it cannot make a correct
    // timeout look early.
    let mute_since = Instant::now();
    let mute = Conn::connect(&t, "mute client", s.port, ctx.within(secs(5)))?;
    t.note("mute client", msg!("sig-mute"));
    let mute = watch_for_timeout(
        mute,
        mute_since,
        ctx.within(Duration::from_millis(2500)),
        msg!("sig-idle-from-the-start"),
    );
    let mut silent = Conn::connect(&t, "silent client", s.port, ctx.within(secs(5)))?;
    let silent_since = Instant::now();
    echo::round_trip(&mut silent, "hello, then silence\n", ctx.within(secs(3)))?;
    t.note("silent client", msg!("sig-now-silent"));
    let silent = watch_for_timeout(
        silent,
        silent_since,
        ctx.within(Duration::from_millis(2500)),
        msg!("sig-idle-1s"),
    );
    // Active for 1.3 s or more, never silent for more than 0.5 s.
    let pauses: Vec<u64> = (0..3).map(|_| 430 + ctx.rng.u64(0..70)).collect();
    let pings = ctx.off_cpu(|| -> TestResult {
        for (i, pause) in std::iter::once(0).chain(pauses).enumerate() {
            std::thread::sleep(Duration::from_millis(pause));
            ping(&mut active, &format!("ping {i}\n"), ctx.within(secs(2)))?;
        }
        Ok(())
    });
    let joined = |w: std::thread::JoinHandle<Result<Duration, Failure>>| {
        w.join()
            .unwrap_or_else(|_| Err(Failure::checker_error(msg!("sig-silent-thread-failed"))))
    };
    let (silent, mute) = (joined(silent), joined(mute));
    pings?;
    for after in [silent?, mute?] {
        if after < Duration::from_millis(800) {
            return Err(t.attach(Failure::wrong(msg!(
                "sig-timeout-early",
                seconds = format!("{:.2}", after.as_secs_f64())
            ))));
        }
    }
    Ok(())
}

/// The contract's default idle time, 5 s, when idle-seconds is left out. alarm() arms a timer
/// nothing in /proc shows (/proc/<pid>/timers lists POSIX timers only, and stat's itrealvalue
/// is 0 since Linux 2.6.17), so the timeout's arrival is measured: the only test that waits
/// longer than 3 s, and it waits off the CPU. The window is wide enough for a loaded machine
/// (a late SIGALRM is judged again alone, as every failure on time is) and narrow enough that
/// 4 s and 6 s fall outside it.
fn default_idle(ctx: &mut Ctx) -> TestResult {
    const EARLIEST: Duration = Duration::from_millis(4600);
    const LATEST: Duration = Duration::from_millis(5700);
    let t = ctx.transcript();
    let s = start(ctx, &[])?;
    ctx.expect_timers();
    // Taken before the connect: the server arms its alarm once it has accepted, never before the
    // connect returns, so a checker thread late here cannot make a correct timeout look early.
    let since = Instant::now();
    let mute = Conn::connect(&t, "mute client", s.port, ctx.within(secs(5)))?;
    t.note("mute client", msg!("sig-mute"));
    let watch = watch_for_timeout(mute, since, since + LATEST, msg!("sig-idle-default"));
    ctx.lend_slot();
    let after = watch
        .join()
        .unwrap_or_else(|_| Err(Failure::checker_error(msg!("sig-silent-thread-failed"))))?;
    if after < EARLIEST {
        return Err(t.attach(Failure::wrong(msg!(
            "sig-default-idle-early",
            seconds = format!("{:.2}", after.as_secs_f64())
        ))));
    }
    Ok(())
}

/// A client that says nothing more from `since` on must get `timeout\n` by `deadline`, then
/// EOF: how long after `since` the timeout came, watched on a thread of its own; `note` says
/// why the timeout was owed.
fn watch_for_timeout(
    mut c: Conn,
    since: Instant,
    deadline: Instant,
    note: Text,
) -> std::thread::JoinHandle<Result<Duration, Failure>> {
    std::thread::spawn(move || {
        let got = c
            .expect_bytes(b"timeout\n", deadline)
            .map_err(|f| f.note(note));
        let after = since.elapsed();
        got?;
        c.expect_eof(
            Instant::now() + Duration::from_secs(2),
            msg!("sig-after-timeout"),
        )?;
        Ok(after)
    })
}

/// The active client's ping comes back; if what came instead is the `timeout\n` the idle
/// timer owes a silent client only, say so (judged on the bytes that arrived).
fn ping(c: &mut Conn, line: &str, deadline: Instant) -> TestResult {
    c.send(line.as_bytes(), deadline)?;
    let mut got = Vec::new();
    while got.len() < line.len() {
        let piece = c.recv_some(line.len() - got.len(), deadline)?;
        if piece.is_empty() {
            break;
        }
        got.extend(piece);
    }
    if got == line.as_bytes() {
        return Ok(());
    }
    let f = c.mismatch(
        msg!("conn-bytes-differ", who = "active client"),
        line.as_bytes(),
        &got,
    );
    let f = if got.len() < line.len() {
        f.kind(FailureKind::EarlyEof)
    } else {
        f
    };
    let timed_out = !got.is_empty() && b"timeout\n".starts_with(&got[..got.len().min(8)]);
    Err(if timed_out {
        f.note(msg!("sig-active-timed-out"))
    } else {
        f
    })
}

fn usr1_while_printing(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let mut s = start(ctx, &[])?;
    echo::serve_one(ctx, &t, &s, 1)?;
    wait_until_waiting(ctx, &s);
    let filler = s.program.fill_stdout()?;
    t.note(
        "checker",
        msg!("sig-filled-pipe", filler = filler.to_string()),
    );
    s.program.signal(Signal::SIGTERM)?;
    t.note("checker", msg!("sig-sent-sigterm"));
    let pid = s.program.pid();
    let until = ctx.within(secs(2));
    let blocked = loop {
        if procinfo::in_write_call(pid) {
            break true;
        }
        if s.program.try_status().is_some() || Instant::now() >= until {
            break false;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    if blocked {
        s.program.signal(Signal::SIGUSR1)?;
        t.note("checker", msg!("sig-sent-usr1-writing"));
        std::thread::sleep(Duration::from_millis(100));
    } else {
        t.note("checker", msg!("sig-never-blocked"));
    }
    s.program.stdout.resume();
    t.note("checker", msg!("sig-drained"));
    let Some(status) = s.program.wait_until(ctx.within(secs(2))) else {
        return Err(t.attach(Failure::of_kind(
            FailureKind::Timeout,
            msg!("sig-still-running-after-term"),
        )));
    };
    if status.code() != Some(0) {
        let mut f = t.attach(s.program.unexpected_exit(msg!("sig-usr1-during-bye")));
        // The test's own hint (keep the handler to a flag), not the one of a panic in general
        // (print an error line instead): the panic is the handler's println!. In C a printf
        // re-entered from a handler garbles or hangs but does not end the program: what ends
        // it is SIGUSR1 with no handler left, or a write that SIGUSR1 interrupted taken for an
        // error.
        f.kind = None;
        let ended = if std::os::unix::process::ExitStatusExt::signal(&status).is_some() {
            "unhandled"
        } else {
            "interrupted"
        };
        return Err(f.note(msg!("sig-handler-prints", ended = ended)));
    }
    s.program.stdout.wait_drained();
    let out = s.program.stdout.bytes();
    if !complete_lines(&out).any(|l| l == "bye") {
        return Err(t.attach(Failure::of_kind(FailureKind::BadOutput, msg!("sig-no-bye"))));
    }
    Ok(())
}

fn usr1_storm(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let mut s = start(ctx, &[])?;
    let deadline = ctx.within(secs(20));
    let mut streams = Vec::new();
    for i in 0..10 {
        let c = Conn::connect(&t, &format!("client {i}"), s.port, ctx.within(secs(5)))?;
        let mut data = vec![0u8; 600 * 1024];
        ctx.rng.fill(&mut data);
        streams.push(paced_echo(c, data, deadline)?);
    }
    std::thread::sleep(Duration::from_millis(30));
    storm(&t, &mut s);
    // The paced streams outlast the storm: the test waits for them.
    let first = ctx
        .off_cpu(|| clients::all_passed(streams))
        .err()
        .map(|(f, _)| f);
    s.check_alive(msg!("sig-during-storm"))?;
    if let Some(f) = first {
        return Err(f.note(msg!("sig-eintr-retry")));
    }
    let out = lines::wait_nth_watching(&s.program.stdout, "served", 0, ctx.within(secs(2)), &t);
    let lines = match out {
        Ok(Some(lines)) => lines,
        Ok(None) => return Err(Failure::wrong(msg!("sig-no-served-line"))),
        Err(stuck) => {
            return Err(stuck.explains(Failure::wrong(msg!("sig-no-served-line"))));
        }
    };
    served_lines_well_formed(&lines)?;
    let mut after = Conn::connect(&t, "after the storm", s.port, ctx.within(secs(5)))?;
    echo::round_trip(&mut after, "calm again\n", ctx.within(secs(5)))
}

/// One client's stream, sent paced so that it lasts well beyond the storm: the children spend
/// it blocked in read() and send(), where the signals interrupt them. The thread that checks
/// the whole echo and the EOF after it.
fn paced_echo(
    mut c: Conn,
    data: Vec<u8>,
    deadline: Instant,
) -> Result<std::thread::JoinHandle<TestResult>, Failure> {
    let mut writer = c.try_clone()?;
    let sent = data.clone();
    let pacer = std::thread::spawn(move || -> TestResult {
        for chunk in sent.chunks(4096) {
            writer.send(chunk, deadline)?;
            std::thread::sleep(Duration::from_millis(2));
        }
        writer.shutdown_write();
        Ok(())
    });
    Ok(std::thread::spawn(move || -> TestResult {
        let read = c.expect_bytes(&data, deadline);
        let wrote = pacer
            .join()
            .unwrap_or_else(|_| Err(Failure::checker_error(msg!("sig-sending-thread-failed"))));
        read?;
        wrote?;
        c.expect_eof(deadline, msg!("eof-after-client-eof"))
    }))
}

/// The storm: 1000 SIGUSR1 to the whole process group within about 100 ms, said with how many
/// went and how long they took.
fn storm(t: &Transcript, s: &mut Server) {
    let storm_start = Instant::now();
    let mut sent = 0;
    for k in 0..1000u32 {
        if s.program.signal_group(Signal::SIGUSR1).is_err() {
            break;
        }
        sent += 1;
        let due = storm_start + Duration::from_micros(100 * u64::from(k + 1));
        if let Some(wait) = due.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
    }
    t.note(
        "checker",
        msg!(
            "sig-storm-sent",
            sent = sent.to_string(),
            ms = format!("{:.0}", storm_start.elapsed().as_secs_f64() * 1000.0)
        ),
    );
}

/// Every `served N clients` line the storm left counts at most the ten clients.
fn served_lines_well_formed(lines: &[String]) -> TestResult {
    if let Some(bad) = lines.iter().find(|l| {
        let n = l
            .strip_prefix("served ")
            .and_then(|r| r.strip_suffix(" clients"));
        n.and_then(|n| n.parse::<u32>().ok()).is_none_or(|n| n > 10)
    }) {
        return Err(
            Failure::of_kind(FailureKind::BadOutput, msg!("sig-malformed-stats"))
                .detail(msg!("label-got"), escape::quoted(bad.as_bytes(), 80)),
        );
    }
    Ok(())
}

/// Bad idle-seconds, each with a port of 0 that would otherwise listen.
const BAD_IDLE: [&str; 4] = ["", "abc", "5s", "-1"];

/// The contract's expected errors at start (kit::errors), and idle-seconds that are no number
/// of seconds: a server that takes them for 0, or for the digits before the junk, listens.
fn server_errors(ctx: &mut Ctx) -> TestResult {
    kit::errors::server_start_errors(ctx, SERVER, &["5".to_string()])?;
    if ctx.built.origin(SERVER) == crate::observe::wire::Origin::Given {
        return Ok(()); // a program from elsewhere need not take idle-seconds at all
    }
    let t = ctx.transcript();
    for idle in BAD_IDLE {
        t.note("checker", msg!("sig-started-bad-idle", idle = idle));
        let spawn = ctx.program(SERVER)?.args(["0", idle]);
        let mut run = kit::run::to_exit_or_stuck(ctx, &t, (spawn, SERVER), secs(3), None)?;
        let situation = msg!("sig-when-bad-idle", idle = idle);
        kit::errors::one_error_line(&mut run, SERVER, situation, Some(&t))?;
    }
    Ok(())
}

/// day3-fork's rule, kept with this day's signals.
fn no_listener_in_child(ctx: &mut Ctx) -> TestResult {
    kit::fork::no_listener_in_child(ctx, SERVER)
}
