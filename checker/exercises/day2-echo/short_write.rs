//! The client's short write, made to happen as the server tests make the server's: a hidden
//! server reads nothing while echo-client sends a line far larger than the sockets' buffers, so
//! the client blocks in send(); the checker stops and continues it there (SIGSTOP, SIGCONT),
//! and on Linux a blocked send interrupted so returns a short count. A client that sends the
//! line with one send() and ignores the count loses the rest; every byte must arrive.

use std::net::TcpListener;
use std::time::{Duration, Instant};

use super::CLIENT;
use crate::base::i18n::msg;
use crate::base::verdict::{Failure, FailureKind, TestResult};
use crate::contain::procinfo::{self, PipeCall};
use crate::contain::spawn::Input;
use crate::context::Ctx;
use crate::exercises::kit::{echo, run, stalled as stalled_peer};
use crate::lab::exercise::secs;
use crate::observe::wire::server::loopback_listener;
use crate::observe::wire::stall::{self, Feeding};
use crate::observe::wire::{Conn, Transcript, differ};

/// The line: more than the client's send buffer and the hidden server's receive buffer hold
/// together on loopback (tcp_wmem's 4 MiB and tcp_rmem's 6 MiB at most), so a send blocks.
const LINE: usize = 16 << 20;

/// How much the checker reads at a time to move the client on from a send that had taken
/// nothing yet (see `stall`).
const NUDGE: usize = 256 << 10;

pub(super) fn client_short_write(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    // Numbered records (a lost or repeated piece shows where), NUL bytes among them: every byte
    // is data, and none is a newline but the last.
    let mut input = echo::counting_bytes(LINE - 1).to_vec();
    input.push(b'\n');
    let listener = loopback_listener()?;
    let port = listener.local_addr()?.port();
    let mut spawn = ctx
        .program(CLIENT)?
        .args(["127.0.0.1".to_string(), port.to_string()]);
    spawn.stdin = Input::Bytes(input.clone());
    // Its echo is printed whole: more than a program's output is kept by default.
    spawn.capture_cap = LINE + 1024;
    let program = spawn.start()?;
    let pid = program.pid();
    ctx.watch(pid, CLIENT);
    let deadline = ctx.within(secs(12));
    let mut c = accept(&t, &listener, ctx.within(secs(3)))?;
    let mut read = 0;
    let mut nudge = |c: &mut Conn| -> Result<usize, Failure> {
        let n = NUDGE.min(input.len() - read);
        c.expect_bytes_at(&input, read, n, deadline)?;
        read += n;
        Ok(n)
    };
    let (stalled, moved_on) = ctx.off_cpu(|| {
        stall::interrupt_blocked_sends(&t, pid, &mut c, (3, Feeding::NotFed), deadline, &mut nudge)
    });
    ctx.log(msg!("stalled-stops", n = stalled.stops.to_string()));
    let gave_up = match moved_on {
        Ok(()) => read_until_given_up(&mut c, (pid, port), &input, &mut read, deadline),
        Err(f) => Err(f),
    };
    if gave_up.as_ref().is_ok_and(|&gave_up| gave_up) {
        return Err(line_given_up(&t, &c, input.len(), stalled.stops));
    }
    // What the test judges under: a send of the client's cut short by a stop, or its socket
    // held full (else a client that ignores send()'s count had nothing to lose).
    let premise = stalled_peer::premise(&stalled);
    gave_up
        .and_then(|_| c.expect_bytes_at(&input, read, input.len() - read, deadline))
        .map_err(|f| {
            if stalled.tries > 0 && f.kind != Some(FailureKind::Reset) {
                f.note(msg!(
                    "client-short-send-lost",
                    stops = stalled.stops.to_string()
                ))
            } else {
                f
            }
        })?;
    premise.judge(echoed_back(ctx, &t, (&mut c, program), &input, deadline))
}

/// The client gave up on its line after `stops` stops in its send: what arrived of it, and
/// that a short send's rest was lost.
fn line_given_up(t: &Transcript, c: &Conn, len: usize, stops: usize) -> Failure {
    t.attach(Failure::wrong(msg!(
        "client-waits-line-unsent",
        sent = c.received().to_string(),
        len = len.to_string()
    )))
    .note(msg!("client-short-send-lost", stops = stops.to_string()))
}

/// Every byte came: the echo goes back, and the client must print it and exit 0.
fn echoed_back(
    ctx: &mut Ctx,
    t: &Transcript,
    (c, program): (&mut Conn, crate::contain::program::Program),
    input: &[u8],
    deadline: Instant,
) -> TestResult {
    t.note("hidden server", msg!("client-all-arrived"));
    c.send(input, deadline)?;
    let mut run = run::wait_for_exit(ctx, program, Duration::from_secs(10));
    run.expect_success(
        t,
        msg!("client-no-exit-after-stdin"),
        msg!("client-while-echoing"),
    )?;
    if run.stdout != input {
        return Err(t.attach(differ(
            Failure::wrong(msg!("client-stdout-differs")),
            input,
            &run.stdout,
        )));
    }
    Ok(())
}

/// Read what comes, checked as it comes, until the whole line is here (false) or the client
/// waits for the echo of a line it has not sent whole (true): nothing waits in our socket,
/// none of it is on its way (the client's send queue is empty), and it sleeps outside any
/// send, five looks in a row 20 ms apart. A client that loops over short sends is in a send,
/// or runs, until the whole line is out; a starved one runs too. At most 2 s: then the
/// caller's read says what happened.
fn read_until_given_up(
    c: &mut Conn,
    (pid, port): (i32, u16),
    input: &[u8],
    read: &mut usize,
    deadline: Instant,
) -> Result<bool, Failure> {
    let mut still = 0;
    let until = Instant::now() + secs(2);
    while *read < input.len() && Instant::now() < until {
        let waiting = c.pending().min(input.len() - *read);
        if waiting > 0 {
            c.expect_bytes_at(input, *read, waiting, deadline)?;
            *read += waiting;
            still = 0;
            continue;
        }
        let quiet = procinfo::connection_to(pid, port).is_some_and(|k| k.tx_queue == 0)
            && procinfo::is_waiting(pid)
            && !procinfo::in_write_call(pid)
            // Asleep reading its stdin: the checker's thread that feeds it may be the one
            // starved, and the client has given up nothing.
            && !procinfo::asleep_on_pipe(pid, PipeCall::Read);
        still = if quiet { still + 1 } else { 0 };
        if still >= 5 {
            return Ok(true);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Ok(false)
}

/// The client's connection, accepted by the hidden server (which then reads nothing).
fn accept(
    t: &std::sync::Arc<Transcript>,
    listener: &TcpListener,
    deadline: Instant,
) -> Result<Conn, Failure> {
    listener.set_nonblocking(true)?;
    loop {
        match listener.accept() {
            Ok((stream, _)) => {
                t.note("hidden server", msg!("hidden-accepted"));
                return Ok(Conn::accepted(t, "hidden server", stream));
            }
            Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(2)),
            Err(_) => {
                return Err(t.attach(Failure::of_kind(
                    FailureKind::Timeout,
                    msg!("client-never-connected"),
                )));
            }
        }
    }
}
