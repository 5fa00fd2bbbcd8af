//! Hidden tests of day3-fork, observed from outside through /proc of the server's process tree:
//! every `task/*/children` file, each process's state (after the last `)` of its `stat`), its
//! descriptors and its caught signals. The checker is a child subreaper, so nothing the server
//! leaves behind escapes it. The racy tests run three times with jittered timing, and every run
//! must pass.
//!
//! The contract names a process per client and reaping on SIGCHLD, but not how the signal is
//! taken: a handler that reaps (with SA_RESTART or retrying EINTR), a handler that sets a flag
//! for the loop, a self-pipe, a signalfd or ppoll all pass. Nothing waits for accept itself:
//! the checker waits until the parent sleeps in whatever call it waits in.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, TestResult};
use crate::contain::procinfo;
use crate::context::Ctx;
use crate::exercises::families::echo_server::ECHO_SERVER;
use crate::exercises::kit;
use crate::exercises::kit::clients::{self, Conversation};
use crate::exercises::kit::rules::RULES;
use crate::exercises::kit::{echo, wait};
use crate::lab::exercise::{Exercise, ExerciseKind, TestCase, secs};
use crate::lab::family::Takes;
use crate::observe::wire::{Conn, Server};

mod reaping;

use crate::exercises::kit::c_imports;
use crate::table::track::CTrack;
use reaping::{back_to_one_process, no_zombie_burst, no_zombie_sequential};

const SERVER: &str = "fork-server";

/// How many times a racy test runs, each with its own jitter.
const RACY_RUNS: usize = 3;

pub static EXERCISE: Exercise = Exercise {
    name: "day3-fork",
    day: 3,
    title: "a concurrent echo server: a process per client, children reaped on SIGCHLD",
    section: "day3-fork",
    kind: ExerciseKind::Programs {
        binaries: &[SERVER],
    },
    student_files: &["src/bin/fork-server.rs"],
    // day2-echo's contract, which the fork server keeps: the port freed at once on restart
    // (SO_REUSEADDR) is the row the tests below do not already cover in their own way.
    families: &[Takes::family(&ECHO_SERVER, SERVER)
        .only(&["restart-same-port"])
        .after_own()],
    tests: &[
        TestCase {
            id: "serves-concurrently",
            title: "client B is served at once while client A is connected and silent",
            points: 2,
            timeout: secs(15),
            hint: "fork() a child for each client and let the parent go straight back to accept(): one client must never make another wait.",
            hint_c: None,
            section: "concurrent-servers",
            program: Some(SERVER),
            run: serves_concurrently,
        },
        TestCase {
            id: "reaps-without-blocking",
            title: "client B leaves while client A stays: once B's child has ended and its SIGCHLD been taken, client C is served at once (no handler waiting for A's child)",
            points: 1,
            timeout: secs(15),
            hint: "Reap with waitpid(-1, &status, WNOHANG) in a loop: without WNOHANG, the handler waits for the children still serving clients, and the server accepts no one meanwhile.",
            hint_c: None,
            section: "sigchld",
            program: Some(SERVER),
            run: reaps_without_blocking,
        },
        TestCase {
            id: "fifty-clients",
            title: "50 simultaneous clients with interleaved data each get exactly their own bytes",
            points: 2,
            timeout: secs(30),
            hint: "Each child serves only its own client's socket; the parent serves none.",
            hint_c: None,
            section: "concurrent-servers",
            program: Some(SERVER),
            run: fifty_clients,
        },
        TestCase {
            id: "large-echo",
            title: "4 slow clients at once each push 4 MiB through their child and get every byte back",
            points: 1,
            timeout: secs(25),
            hint: "A child echoes as long as its client sends, however much: loop over short sends, and let send() block when the client reads slowly (no MSG_DONTWAIT).",
            hint_c: None,
            section: "concurrent-servers",
            program: Some(SERVER),
            run: large_echo,
        },
        TestCase {
            id: "child-per-client",
            title: "one child process per connected client (threads do not count)",
            points: 1,
            timeout: secs(15),
            hint: "fork() makes a process; each connected client has its own child for as long as it is connected.",
            hint_c: None,
            section: "processes",
            program: Some(SERVER),
            run: child_per_client,
        },
        TestCase {
            id: "eof-after-half-close",
            title: "a client sees EOF promptly after its half-close",
            points: 2,
            timeout: secs(15),
            hint: "The parent must close its copy of the connected socket right after fork(): while it holds one, the connection never ends, even after the child exits.",
            hint_c: None,
            section: "concurrent-servers",
            program: Some(SERVER),
            run: eof_after_half_close,
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
            id: "no-zombie-sequential",
            title: "no zombie within 1 s after 20 sequential clients, without any further connection (3 runs)",
            points: 2,
            timeout: secs(30),
            hint: "Reap children when they exit — from a SIGCHLD handler — not after the next accept() returns: nobody may ever connect again.",
            hint_c: None,
            section: "zombies",
            program: Some(SERVER),
            run: no_zombie_sequential,
        },
        TestCase {
            id: "no-zombie-burst",
            title: "no zombie after 50 clients disconnect at the same instant (3 runs)",
            points: 2,
            timeout: secs(40),
            hint: "Signals do not queue: one SIGCHLD may stand for many children. Loop on waitpid(-1, WNOHANG) until it has nothing more to reap.",
            hint_c: None,
            section: "sigchld",
            program: Some(SERVER),
            run: no_zombie_burst,
        },
        TestCase {
            id: "back-to-one-process",
            title: "the process count returns to 1 after the clients leave",
            points: 1,
            timeout: secs(15),
            hint: "Every process the server starts must be gone once its client is: the child exits at the end of its branch (std::process::exit, never back into the accept loop), and the parent reaps it.",
            hint_c: Some(
                "Every process the server starts must be gone once its client is: the child ends at the end of its branch with `_exit(0)`, never back into the accept loop, and the parent reaps it.",
            ),
            section: "processes",
            program: Some(SERVER),
            run: back_to_one_process,
        },
        TestCase {
            id: "accepts-after-children-die",
            title: "the server still accepts after children die while it waits for clients (3 runs)",
            points: 2,
            timeout: secs(30),
            hint: "A SIGCHLD interrupts accept(): it fails with EINTR unless the handler was installed with SA_RESTART. Either way, the server must go on accepting.",
            hint_c: None,
            section: "sa-restart",
            program: Some(SERVER),
            run: accepts_after_children_die,
        },
        TestCase {
            id: "sigchld-handler",
            title: "SIGCHLD is taken: a handler (SigCgt in /proc/<pid>/status) or a signalfd",
            points: 1,
            timeout: secs(10),
            hint: "Install a handler with sigaction(SIGCHLD, ...) before accepting clients (or block SIGCHLD and read it from a signalfd); ignoring SIGCHLD (SIG_IGN) is not the lesson.",
            hint_c: None,
            section: "sigchld",
            program: Some(SERVER),
            run: sigchld_handler,
        },
    ],
    parts: &[],
    rules: &RULES,
    c: Some(&C_TRACK),
};

/// The exercise on the C track: its files, and its rules as what the binary may import.
static C_TRACK: CTrack = CTrack {
    student_files: &["fork-server.c"],
    library: None,
    shim: &[],
    imports: &[
        c_imports::NO_RESOLVER,
        c_imports::NO_THREADS,
        c_imports::FORKS,
    ],
};

fn start(ctx: &Ctx) -> Result<Server, Failure> {
    kit::server::start(ctx, SERVER, 0, &[])
}

/// The server's children and their states.
fn children(s: &Server) -> Vec<(i32, char)> {
    procinfo::children(s.program.pid())
        .into_iter()
        .filter_map(|p| procinfo::state(p).map(|st| (p, st)))
        .collect()
}

fn zombies(s: &Server) -> Vec<i32> {
    children(s)
        .into_iter()
        .filter(|(_, st)| *st == 'Z')
        .map(|(p, _)| p)
        .collect()
}

fn jitter(ctx: &mut Ctx, max_ms: u64) {
    std::thread::sleep(Duration::from_millis(ctx.rng.u64(0..=max_ms)));
}

fn serves_concurrently(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = start(ctx)?;
    let mut a = Conn::connect(&t, "client A", s.port, ctx.within(secs(5)))?;
    t.note("client A", msg!("fork-a-silent"));
    let mut b = Conn::connect(&t, "client B", s.port, ctx.within(secs(5)))?;
    echo::round_trip(&mut b, "hello from B\n", ctx.within(secs(2)))
        .map_err(|f| f.note(msg!("fork-b-not-served")))?;
    echo::round_trip(&mut a, "and now A\n", ctx.within(secs(3)))?;
    Ok(())
}

/// A child ends while another serves on: the server reaps the first and goes on accepting. A
/// handler that waits for every child (waitpid without WNOHANG) sits in the wait for A's child
/// once B's is reaped, and C is never accepted while A stays.
fn reaps_without_blocking(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = start(ctx)?;
    let mut a = Conn::connect(&t, "client A", s.port, ctx.within(secs(5)))?;
    echo::round_trip(&mut a, "A stays\n", ctx.within(secs(3)))?;
    t.note("client A", msg!("fork-a-stays"));
    let mut b = Conn::connect(&t, "client B", s.port, ctx.within(secs(5)))?;
    echo::round_trip(&mut b, "hello from B\n", ctx.within(secs(3)))
        .map_err(|f| f.note(msg!("fork-b-not-served")))?;
    b.shutdown_write();
    drop(b);
    t.note("client B", msg!("fork-b-left"));
    // B's child has ended and its SIGCHLD been taken: only A's child is left (a server that
    // leaves zombies fails the zombie tests; here C is still asked for after 2 s).
    wait::until(Duration::from_secs(2), || children(&s).len() == 1);
    let mut c = Conn::connect(&t, "client C", s.port, ctx.within(secs(3)))?;
    echo::round_trip(&mut c, "hello from C\n", ctx.within(secs(2)))
        .map_err(|f| f.note(msg!("fork-c-not-served-after-b")))?;
    echo::round_trip(&mut a, "A is still here\n", ctx.within(secs(2)))?;
    Ok(())
}

fn fifty_clients(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let mut s = start(ctx)?;
    // Each conversation lasts about half a second: 50 at once take about that long; one after
    // another they would take 25 s.
    let deadline = ctx.within(secs(6));
    // The 50 arrive together while the server is busy (stopped for the moment): the kernel
    // completes the handshake of as many as the listen queue holds. A small backlog drops the
    // others' SYNs, and their connects wait a second for a retransmission.
    s.program.freeze()?;
    t.note("checker", msg!("fork-stopped-for-burst"));
    let burst =
        clients::connect_burst(&t, s.port, 50, deadline, Duration::from_millis(500), || {
            let _ = s.program.thaw();
            t.note("checker", msg!("fork-continued"));
        })?;
    if burst.slow > 0 {
        return Err(t.attach(backlog_note(
            Failure::wrong(msg!("fork-slow-connects", n = burst.slow.to_string())),
            50,
            burst.slow,
        )));
    }
    // Fifty conversations paced by pauses of tens of milliseconds: the test waits.
    ctx.lend_slot();
    let how = Conversation {
        rounds: |_| 10,
        filler: 1..200,
        pause_ms: 30..60,
        all_served_first: false,
        explain: None,
    };
    let (threads, progress) = clients::converse_watched(burst.conns, &mut ctx.rng, how, deadline);
    if let Some(f) = cannot_all_be_over(&progress, 50, deadline) {
        // The conversations still under way end with the server, when the test does.
        return Err(t.attach(f.note(msg!("fork-fifty-in-6s"))));
    }
    clients::all_passed(threads).map_err(|(f, failed)| {
        f.detail(
            msg!("multi-clients-failed"),
            msg!("fork-of-50", failed = failed.to_string()),
        )
        .note(msg!("fork-fifty-in-6s"))
    })
}

/// A failure as soon as the deadline cannot be met, not at it: conversations last 0.3 s at the
/// least (10 rounds, a pause of 30 ms or more after each, the checker's own), so once those
/// not started yet cannot all be over by `deadline` at as many at once as the server has
/// managed so far, none of the time left can change the verdict. A server takes 1.5 s from its
/// first echo to show how many it serves at once (a fork server starts them all within
/// milliseconds; a machine too busy for that has the test judged again, alone, and could not
/// judge it if starved again: on time, not proven).
fn cannot_all_be_over(
    progress: &clients::Progress,
    n: usize,
    deadline: Instant,
) -> Option<Failure> {
    const SHORTEST: Duration = Duration::from_millis(10 * 30);
    const SHOWN_WITHIN: Duration = Duration::from_millis(1500);
    let mut first_echo: Option<Instant> = None;
    while Instant::now() < deadline && progress.over.load(Ordering::SeqCst) < n {
        std::thread::sleep(Duration::from_millis(50));
        let started = progress.started.load(Ordering::SeqCst);
        let now = Instant::now();
        if started == 0 {
            continue;
        }
        if now < *first_echo.get_or_insert(now) + SHOWN_WITHIN {
            continue;
        }
        let at_once = progress.most_at_once.load(Ordering::SeqCst).max(1);
        let waiting = n - started.min(n);
        let least = SHORTEST * waiting.div_ceil(at_once) as u32;
        if waiting > 0 && now + least > deadline {
            return Some(
                Failure::wrong(msg!(
                    "fork-cannot-all-be-over",
                    at_once = at_once,
                    waiting = waiting,
                    seconds = format!("{:.1}", least.as_secs_f64())
                ))
                .only_silence(),
            );
        }
    }
    None
}

/// Connects that waited for their SYN to be sent again point at a full listen queue.
fn backlog_note(f: Failure, connected: usize, slow: usize) -> Failure {
    let mut f = f.detail(
        msg!("fork-connects"),
        msg!(
            "fork-connects-text",
            connected = connected.to_string(),
            slow = slow.to_string()
        ),
    );
    // The cause is known: the generic hint about loops that never end would mislead.
    f.kind = None;
    f.note(msg!("fork-backlog"))
}

fn large_echo(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = start(ctx)?;
    let deadline = ctx.within(secs(15));
    let mut clients = Vec::new();
    for i in 0..4 {
        let c = Conn::connect(&t, &format!("client {i}"), s.port, ctx.within(secs(5)))?;
        let mut data = vec![0u8; 4 << 20];
        ctx.rng.fill(&mut data);
        clients.push((c, data));
    }
    // Slow readers: none reads for a while, so each child's echo fills the socket buffers and
    // its sends must wait (or, with MSG_DONTWAIT, fail with EAGAIN). The stall is the checker's
    // not reading, never a small receive buffer of its own: that would let TCP's 200 ms timers
    // pace the bytes, and the verdict would depend on the child's buffer size.
    ctx.lend_slot();
    let threads: Vec<_> = clients
        .into_iter()
        .map(|(mut c, data)| {
            std::thread::spawn(move || -> TestResult {
                let writer = echo::send_then_shutdown(data.clone(), deadline);
                echo::while_writing(&mut c, writer, |c| {
                    std::thread::sleep(Duration::from_millis(300));
                    c.expect_bytes(&data, deadline)
                })?;
                c.expect_eof(deadline, msg!("eof-after-client-eof"))
            })
        })
        .collect();
    clients::all_passed(threads).map_err(|(f, _)| f)
}

fn child_per_client(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = start(ctx)?;
    let mut conns = Vec::new();
    for i in 0..3 {
        let mut c = Conn::connect(&t, &format!("client {i}"), s.port, ctx.within(secs(5)))?;
        echo::round_trip(&mut c, &format!("client {i}\n"), ctx.within(secs(5)))?;
        conns.push(c);
    }
    // A child per client is one that holds that client's connection: a child with other work
    // (a logger, as in the textbooks' echo_storeserv) is no client's, whatever else it breaks.
    let ports: Vec<u16> = conns.iter().map(Conn::local_port).collect();
    let serving = |s: &Server| serving_children(s, &ports);
    // Children are there as soon as their clients were served; give a slow fork a moment, and
    // look once the tree has settled.
    wait::until(Duration::from_secs(1), || serving(&s) == 3);
    wait::settled(Duration::from_secs(2), || procinfo::tree(s.program.pid()));
    let n = serving(&s);
    if n != 3 {
        let others = children(&s).iter().filter(|(_, st)| *st != 'Z').count() - n;
        return Err(Failure::wrong(msg!(
            "fork-three-clients",
            n = n,
            others = others.to_string()
        )));
    }
    Ok(())
}

/// How many live children of the server hold the connection of one of the clients whose ports
/// are `ports` (each child counted once).
fn serving_children(s: &Server, ports: &[u16]) -> usize {
    let pid = s.program.pid();
    let connections: Vec<u64> = procinfo::tcp_sockets(pid)
        .into_iter()
        .filter(|sock| ports.contains(&sock.remote_port) && sock.local_port == s.port)
        .map(|sock| sock.inode)
        .collect();
    children(s)
        .into_iter()
        .filter(|(child, st)| *st != 'Z' && procinfo::holds_any(*child, &connections))
        .count()
}

fn eof_after_half_close(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = start(ctx)?;
    let mut c = Conn::connect(&t, "client", s.port, ctx.within(secs(5)))?;
    echo::round_trip(&mut c, "bye soon\n", ctx.within(secs(5)))?;
    c.shutdown_write();
    match c.expect_eof(ctx.within(secs(2)), msg!("fork-2s-after-half-close")) {
        Ok(()) => Ok(()),
        Err(f) => {
            // Who still holds the server's end of this connection?
            let parent = s.program.pid();
            let fds = procinfo::socket_inodes(parent);
            let parent_holds = procinfo::tcp_sockets(parent)
                .iter()
                .any(|sock| sock.remote_port == c.local_port() && fds.contains(&sock.inode));
            if parent_holds {
                Err(f.note(msg!("fork-parent-holds")))
            } else {
                Err(f)
            }
        }
    }
}

fn no_listener_in_child(ctx: &mut Ctx) -> TestResult {
    kit::fork::no_listener_in_child(ctx, SERVER)
}

fn accepts_after_children_die(ctx: &mut Ctx) -> TestResult {
    for run in 1..=RACY_RUNS {
        let t = ctx.transcript();
        let mut s = start(ctx)?;
        let mut conns = Vec::new();
        for i in 0..5 {
            let mut c = Conn::connect(&t, &format!("client {i}"), s.port, ctx.within(secs(5)))?;
            echo::round_trip(&mut c, &format!("client {i}\n"), ctx.within(secs(5)))?;
            conns.push(c);
        }
        // The parent waits for clients (in accept, poll, ...) ...
        wait::until(Duration::from_secs(2), || {
            procinfo::is_waiting(s.program.pid())
        });
        // ... when its children die: their SIGCHLDs interrupt it.
        for c in conns.iter_mut() {
            c.shutdown_write();
            jitter(ctx, 3);
        }
        drop(conns);
        // Died, not reaped: a server that reaps only after its next accept still has them as
        // zombies, and this test is about that accept.
        wait::until(Duration::from_secs(2), || {
            children(&s).iter().all(|&(_, state)| state == 'Z')
        });
        jitter(ctx, 30);
        s.check_alive(msg!("fork-after-children-died"))
            .map_err(|f| f.note(msg!("fork-accept-eintr", run = run.to_string())))?;
        let mut c = Conn::connect(&t, "a later client", s.port, ctx.within(secs(5)))
            .map_err(|f| f.note(msg!("fork-stopped-accepting", run = run.to_string())))?;
        echo::round_trip(&mut c, "still accepting?\n", ctx.within(secs(5)))?;
    }
    Ok(())
}

/// Whether the server takes SIGCHLD at all: a handler (SigCgt) or a signalfd.
fn takes_sigchld(pid: i32) -> bool {
    const SIGCHLD_BIT: u64 = 1 << (libc::SIGCHLD - 1);
    procinfo::caught_signals(pid) & SIGCHLD_BIT != 0
        || (procinfo::blocked_signals(pid) & SIGCHLD_BIT != 0
            && procinfo::signalfd_masks(pid)
                .iter()
                .any(|m| m & SIGCHLD_BIT != 0))
}

/// The note for zombies left behind: `otherwise` when the server does take SIGCHLD, and the
/// real cause when it takes none.
fn reaping_note(s: &Server, otherwise: Text) -> Text {
    if takes_sigchld(s.program.pid()) {
        otherwise
    } else {
        msg!("fork-no-sigchld")
    }
}

fn sigchld_handler(ctx: &mut Ctx) -> TestResult {
    let s = start(ctx)?;
    const SIGCHLD_BIT: u64 = 1 << (libc::SIGCHLD - 1);
    let pid = s.program.pid();
    // Once it waits for its first client (a handler may come after the `listening on` line).
    wait::settled(Duration::from_secs(2), || vec![pid]);
    // A handler, or the other way to take a signal: block it and read it from a signalfd.
    if takes_sigchld(pid) {
        return Ok(());
    }
    let why = if procinfo::ignored_signals(pid) & SIGCHLD_BIT != 0 {
        msg!("fork-sigchld-ignored")
    } else {
        msg!("fork-sigchld-default")
    };
    Err(Failure::wrong(msg!("fork-sigchld-not-taken")).note(why))
}
