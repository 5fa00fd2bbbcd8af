//! What reaches the file: the clients' complete lines, each whole and once, after what the file
//! held before; what reaches the wire: every byte echoed. Each test ends with the clean exit
//! (`shutdown::finish`) and then reads the file.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

use super::shutdown::finish;
use super::{Running, Store, check_file, echo_back, lines_for, start};
use crate::base::i18n::msg;
use crate::base::verdict::{Failure, TestResult};
use crate::contain::procinfo::{self, PipeCall};
use crate::context::Ctx;
use crate::exercises::kit::premise::Premise;
use crate::exercises::kit::{clients, wait};
use crate::lab::exercise::secs;
use crate::observe::wire::{Conn, Transcript};

/// Client 1 sends two lines in one write, client 2 a line of the longest length allowed (512
/// bytes): both get their echoes, and the file holds the three lines.
pub fn echo_and_log(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let store = Store::new(ctx, b"")?;
    let mut run = start(ctx, &store)?;
    let deadline = ctx.within(secs(8));
    let first: Vec<Vec<u8>> = vec![b"a first line\n".to_vec(), b"and a second one\n".to_vec()];
    // The longest line the contract allows: 512 bytes, its `\n` included.
    let mut long = b"the longest line a client may send: ".to_vec();
    long.extend((long.len()..511).map(|_| ctx.rng.alphanumeric() as u8));
    long.push(b'\n');
    let mut c1 = Conn::connect(&t, "client 1", run.s.port, deadline)?;
    echo_back(&mut c1, &first.concat(), deadline)?;
    let mut c2 = Conn::connect(&t, "client 2", run.s.port, deadline)?;
    echo_back(&mut c2, &long, deadline)?;
    for c in [&mut c1, &mut c2] {
        c.shutdown_write();
        c.expect_eof(deadline, msg!("pipe-after-client-eof"))?;
    }
    finish(&t, &mut run)?;
    check_file(&store, &[first, vec![long]].concat()).map_err(|f| t.attach(f))
}

/// The logger is stopped while 24 clients send 40 lines each (about 250 KB, four times what a
/// pipe holds), in pieces of random sizes: the pipe fills, and the children wait in their
/// writes. Then the logger goes on. Every client gets its echo, and the file holds every line,
/// whole, once. Meanwhile 64 more clients are connected and silent: 88 children at once, more
/// than a table of 64 the server never grows holds (it overflows into the heap the next children
/// inherit, and they abort in malloc).
pub fn many_clients(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let store = Store::new(ctx, b"")?;
    let mut run = start(ctx, &store)?;
    let result = many_clients_on(ctx, &t, &store, &mut run);
    result.map_err(|f| run.explain(f))
}

fn many_clients_on(
    ctx: &mut Ctx,
    t: &Arc<Transcript>,
    store: &Store,
    run: &mut Running,
) -> TestResult {
    const CLIENTS: usize = 24;
    const SILENT: usize = 64;
    let deadline = ctx.within(secs(10));
    // As fast as the server accepts them: no SYN dropped by a short listen queue.
    let quiet = ctx.quiet_transcript();
    let silent =
        clients::connect_paced(&quiet, &mut run.s.program, run.s.port, SILENT, deadline, 0)?;
    t.note("checker", msg!("pipe-silent-clients", n = SILENT));
    stop_logger(run)?;
    t.note("checker", msg!("pipe-stopped-logger-fills"));
    let sent: Vec<Vec<Vec<u8>>> = (0..CLIENTS)
        .map(|c| lines_for(&mut ctx.rng, c, 40, 512))
        .collect();
    let done_sending = Arc::new(AtomicUsize::new(0));
    let mut threads = Vec::new();
    for (i, lines) in sent.iter().enumerate() {
        let c = Conn::connect(t, &format!("client {i}"), run.s.port, deadline)?;
        let w = c.try_clone()?;
        let data = lines.concat();
        let rng = fastrand::Rng::with_seed(ctx.rng.u64(..));
        let done = Arc::clone(&done_sending);
        threads.push(std::thread::spawn(move || {
            echoed_in_pieces((c, w), data, rng, done, deadline)
        }));
    }
    // Everything sent, and every child waits (for its client, or for room in the pipe) or has
    // ended: a zombie is done (a server that reaps one child per SIGCHLD keeps some, and
    // no-zombies says so; here they must not hold the wait up to its end).
    let pid = run.s.program.pid();
    ctx.off_cpu(|| {
        wait::until(Duration::from_secs(3), || {
            done_sending.load(Ordering::SeqCst) == CLIENTS
                && procinfo::descendants(pid)
                    .iter()
                    .filter(|&&p| p != run.logger)
                    .all(|&p| procinfo::is_waiting(p) || procinfo::is_zombie(p))
        })
    });
    let _ = kill(Pid::from_raw(run.logger), Signal::SIGCONT);
    t.note("checker", msg!("pipe-continued-logger"));
    clients::all_passed(threads).map_err(|(f, failed)| {
        f.detail(
            msg!("pipe-clients-failed"),
            msg!(
                "pipe-of-clients",
                failed = failed.to_string(),
                total = CLIENTS.to_string()
            ),
        )
    })?;
    drop(silent);
    finish(t, run)?;
    check_file(store, &sent.concat())
}

/// One client: its lines sent through `w` in pieces of random sizes (`done` counts the clients
/// done sending) while `c` expects them echoed whole; then its EOF, and the server's.
fn echoed_in_pieces(
    (mut c, mut w): (Conn, Conn),
    data: Vec<u8>,
    mut rng: fastrand::Rng,
    done: Arc<AtomicUsize>,
    deadline: Instant,
) -> TestResult {
    let expected = data.clone();
    let writer = std::thread::spawn(move || -> TestResult {
        let mut at = 0;
        while at < data.len() {
            let end = data.len().min(at + rng.usize(1..1500));
            w.send(&data[at..end], deadline)?;
            at = end;
        }
        done.fetch_add(1, Ordering::SeqCst);
        Ok(())
    });
    let echoed = c.expect_bytes(&expected, deadline);
    let wrote = writer
        .join()
        .unwrap_or_else(|_| Err(Failure::checker_error(msg!("pipe-a-sending-thread-failed"))));
    echoed?;
    wrote?;
    c.shutdown_write();
    c.expect_eof(deadline, msg!("pipe-after-client-eof"))
}

fn stop_logger(run: &Running) -> TestResult {
    if !run.logger_runs() {
        return Err(Failure::wrong(msg!("pipe-logger-gone")));
    }
    kill(Pid::from_raw(run.logger), Signal::SIGSTOP).map_err(|e| {
        Failure::checker_error(msg!("pipe-could-not-stop-logger", error = e.to_string()))
    })?;
    wait::until(Duration::from_secs(1), || {
        procinfo::state(run.logger) == Some('T')
    });
    Ok(())
}

/// The child that serves the client on our port `port`, once it has taken what was sent and
/// waits again: sleeping, with nothing left in its socket to read.
fn settled_child(run: &Running, port: u16) -> Option<i32> {
    let mut child = None;
    wait::until(Duration::from_secs(1), || {
        child = procinfo::children(run.s.program.pid())
            .into_iter()
            .find(|&k| procinfo::connection_to(k, port).is_some());
        child.is_some_and(procinfo::is_waiting)
    });
    child
}

/// Client 1 sends the start of a line, its first byte alone (a child's first read of 1 byte);
/// client 2 a whole line; client 1 the rest of its line (each child has taken each piece and
/// waits again before the next): the file holds both lines whole. Then client 1 sends a line and an unfinished one, and its EOF: the unfinished one is
/// echoed, and not logged.
pub fn lines_in_pieces(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let store = Store::new(ctx, b"")?;
    let mut run = start(ctx, &store)?;
    let deadline = ctx.within(secs(8));
    let mut c1 = Conn::connect(&t, "client 1", run.s.port, deadline)?;
    let mut c2 = Conn::connect(&t, "client 2", run.s.port, deadline)?;
    echo_back(&mut c1, b"t", deadline)?;
    settled_child(&run, c1.local_port());
    echo_back(&mut c1, b"he first half of a line, ", deadline)?;
    settled_child(&run, c1.local_port());
    echo_back(&mut c2, b"a whole line from client 2\n", deadline)?;
    settled_child(&run, c2.local_port());
    echo_back(&mut c1, b"and its second half\n", deadline)?;
    echo_back(&mut c1, b"one more line\nand an unfinished one", deadline)?;
    c1.shutdown_write();
    c1.expect_eof(deadline, msg!("pipe-after-client-eof"))?;
    finish(&t, &mut run)?;
    let lines: Vec<Vec<u8>> = [
        &b"the first half of a line, and its second half\n"[..],
        b"a whole line from client 2\n",
        b"one more line\n",
    ]
    .iter()
    .map(|l| l.to_vec())
    .collect();
    check_file(&store, &lines).map_err(|f| t.attach(f))
}

/// The file already holds two lines: they stay, and the new ones come after them.
pub fn keeps_old_lines(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let store = Store::new(ctx, b"an old line, logged yesterday\nanother old line\n")?;
    let mut run = start(ctx, &store)?;
    let deadline = ctx.within(secs(8));
    let new = lines_for(&mut ctx.rng, 1, 3, 80);
    let mut c = Conn::connect(&t, "client 1", run.s.port, deadline)?;
    echo_back(&mut c, &new.concat(), deadline)?;
    c.shutdown_write();
    c.expect_eof(deadline, msg!("pipe-after-client-eof"))?;
    finish(&t, &mut run)?;
    check_file(&store, &new)
}

/// How often the steps of `full_pipe` look at /proc: each lasts a millisecond or so.
const STEP: Duration = Duration::from_millis(1);

/// Rounds in which client 1's child is caught waiting to write into the full pipe.
const ROUNDS: usize = 8;

/// Client 1 sends 800 KB of lines at once, many times what the pipe holds. Eight times: with
/// the logger stopped, client 1's child fills the pipe and waits in a write; the checker stops
/// that child there, lets client 2's child write one line (the logger runs until the pipe is
/// empty), stops the logger again and lets client 1's child go on. A line written with a write
/// of its own (at most PIPE_BUF bytes) goes in whole or waits whole, so client 2's lines can
/// only come between two of client 1's; a write of several lines is cut where the pipe filled
/// up, and client 2's line lands in the cut.
pub fn full_pipe(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let store = Store::new(ctx, b"")?;
    let mut run = start(ctx, &store)?;
    let result = full_pipe_on(ctx, &t, &store, &mut run);
    result.map_err(|f| run.explain(f))
}

fn full_pipe_on(
    ctx: &mut Ctx,
    t: &Arc<Transcript>,
    store: &Store,
    run: &mut Running,
) -> TestResult {
    let deadline = ctx.within(secs(10));
    let mut first = Vec::new();
    while first.iter().map(Vec::len).sum::<usize>() < 800_000 {
        first.extend(lines_for(&mut ctx.rng, 1, 100, 512));
    }
    let mut c1 = Conn::connect(t, "client 1", run.s.port, deadline)?;
    let mut c2 = Conn::connect(t, "client 2", run.s.port, deadline)?;
    let child1 = settled_child(run, c1.local_port())
        .ok_or_else(|| Failure::wrong(msg!("pipe-no-child-serves-1")))?;
    stop_logger(run)?;
    t.note("checker", msg!("pipe-stopped-logger"));
    let data = first.concat();
    let mut w = c1.try_clone()?;
    let sending = data.clone();
    let writer = std::thread::spawn(move || w.send(&sending, deadline));
    let reader = std::thread::spawn(move || c1.expect_bytes(&data, deadline).map(|()| c1));
    // The rounds wait for processes to fall asleep, and the pipe to fill and drain.
    ctx.lend_slot();
    let (second, caught) = client_2_between(run, child1, &mut c2, deadline)?;
    t.note(
        "checker",
        msg!(
            "pipe-rounds",
            rounds = ROUNDS.to_string(),
            caught = caught.to_string()
        ),
    );
    // What the test judges under: client 1's child stopped inside a write to the full pipe at
    // least once (a machine that starved it may have kept it from filling the pipe every time).
    let premise = Premise::of(caught > 0, || {
        msg!("pipe-full-premise", rounds = ROUNDS.to_string())
    });
    let lines = (first, second);
    premise.judge(finish_full_pipe(
        t,
        store,
        run,
        (writer, reader),
        (c2, lines),
        deadline,
    ))
}

/// Lines of a client, each with its newline.
type Lines = Vec<Vec<u8>>;

/// The sending and reading threads of client 1.
type Client1 = (
    std::thread::JoinHandle<TestResult>,
    std::thread::JoinHandle<Result<Conn, Failure>>,
);

/// The logger continued, client 1's bytes all echoed, both clients' EOFs: the file holds
/// every line, whole, once.
fn finish_full_pipe(
    t: &Arc<Transcript>,
    store: &Store,
    run: &mut Running,
    (writer, reader): Client1,
    (mut c2, (first, second)): (Conn, (Lines, Lines)),
    deadline: Instant,
) -> TestResult {
    signal(run.logger, Signal::SIGCONT)?;
    writer
        .join()
        .unwrap_or_else(|_| Err(Failure::checker_error(msg!("pipe-sending-thread-failed"))))?;
    let mut c1 = reader
        .join()
        .unwrap_or_else(|_| Err(Failure::checker_error(msg!("pipe-reading-thread-failed"))))?;
    for c in [&mut c1, &mut c2] {
        c.shutdown_write();
        c.expect_eof(deadline, msg!("pipe-after-client-eof"))?;
    }
    finish(t, run)?;
    check_file(store, &[first, second].concat()).map_err(|f| t.attach(f))
}

/// The rounds of `full_pipe`: each time client 1's child waits on the full pipe, it is
/// stopped, client 2's line goes through the logger, and client 1's child goes on. The lines
/// client 2 sent, and in how many rounds the child was stopped inside a write (the pipe full).
fn client_2_between(
    run: &Running,
    child1: i32,
    c2: &mut Conn,
    deadline: Instant,
) -> Result<(Vec<Vec<u8>>, usize), Failure> {
    let mut second = Vec::new();
    let mut caught = 0;
    for round in 0..ROUNDS {
        // Client 1's child asleep: waiting in a write to the full pipe (or for more data).
        wait::every(STEP, Duration::from_secs(1), || {
            procinfo::is_waiting(child1)
        });
        if procinfo::asleep_on_pipe(child1, PipeCall::Write) {
            caught += 1;
        }
        signal(child1, Signal::SIGSTOP)?;
        let line =
            format!("client 2 says line {round} while client 1's child waits\n").into_bytes();
        // Its child may log the line before it echoes it: the logger must run for the echo.
        c2.send(&line, deadline)?;
        signal(run.logger, Signal::SIGCONT)?;
        c2.expect_bytes(&line, deadline)?;
        second.push(line);
        // The pipe empty (the logger waits for more) and client 2's child done with its line.
        let logger = run.logger;
        wait::every(STEP, Duration::from_secs(1), || {
            procinfo::is_waiting(logger) && settled_child(run, c2.local_port()).is_some()
        });
        signal(run.logger, Signal::SIGSTOP)?;
        signal(child1, Signal::SIGCONT)?;
    }
    Ok((second, caught))
}

/// Stop or continue a process of the server, and wait until it is stopped or running. One that
/// has ended (gone, or a zombie) is the program's failure, not the checker's: `Running::explain`
/// says which and why.
fn signal(pid: i32, signal: Signal) -> TestResult {
    if procinfo::state(pid).is_none_or(|st| st == 'Z') {
        return Err(Failure::wrong(msg!(
            "pipe-process-ended",
            pid = pid.to_string()
        )));
    }
    kill(Pid::from_raw(pid), signal).map_err(|e| {
        Failure::checker_error(msg!(
            "pipe-could-not-signal",
            signal = signal.as_str(),
            pid = pid.to_string(),
            error = e.to_string()
        ))
    })?;
    let stopped = signal == Signal::SIGSTOP;
    wait::every(STEP, Duration::from_secs(1), || {
        procinfo::state(pid).is_none_or(|st| (st == 'T') == stopped)
    });
    Ok(())
}
