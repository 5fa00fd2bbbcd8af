//! Day 4 — the fork server with signals.
//!
//! Read course.md#sigaction (한국어: course.ko.md#sigaction), course.md#async-signal-safety (한국어: course.ko.md#async-signal-safety), course.md#sa-restart (한국어: course.ko.md#sa-restart),
//! course.md#sigalrm (한국어: course.ko.md#sigalrm), course.md#clean-exit (한국어: course.ko.md#clean-exit) and course.md#day4-signals (한국어: course.ko.md#day4-signals), then replace the
//! `todo!()`s below.
//! Grade yourself with `cargo run -p checker day4-signals`.
//!
//! Contract: `signal-server <port> [<idle-seconds>]` (default 5) is day3's fork server, plus:
//! - SIGUSR1: prints `served <N> clients` (clients accepted so far) within 0.5 s, also while
//!   blocked in accept: the handler only sets a flag and the main loop prints (installed
//!   *without* SA_RESTART, so that accept() returns EINTR).
//! - SIGINT or SIGTERM: stops accepting, closes the listening socket, sends SIGTERM to its
//!   children and reaps them, prints `bye`, exits with status 0 within 1 s; the port is free at
//!   once.
//! - SIGPIPE: a client that resets while the server writes to it must not kill the server
//!   (MSG_NOSIGNAL on send, or a deliberate ignore), and the server keeps serving the others.
//! - SIGALRM: a client that sends nothing for idle-seconds gets `timeout\n` and is disconnected
//!   (alarm() in its child).
//!
//! Lines that start with `//>` are hint code: each compiles as it stands, in its place, once
//! the `//>` is removed (`checker verify` builds them so). They show the calls, not the answer.

// Keeps the compiler quiet while the stub is unfinished; remove it when you are done.
#![allow(unused_imports, unused_variables, dead_code)]

use std::io::Write;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use nix::errno::Errno;
use nix::sys::signal::{self, SaFlags, SigAction, SigHandler, SigSet, Signal};
use nix::sys::socket::{
    self, AddressFamily, Backlog, MsgFlags, SockFlag, SockType, SockaddrIn, sockopt,
};
use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
use nix::unistd::{self, ForkResult, Pid, alarm};

/// Flags the handlers set and the main loop reads: storing to an atomic is async-signal-safe;
/// printing is not (println! takes the stdout lock the interrupted code may hold).
static STATS_WANTED: AtomicBool = AtomicBool::new(false);
static STOP: AtomicBool = AtomicBool::new(false);
static IDLE: AtomicBool = AtomicBool::new(false);

fn main() -> ExitCode {
    // Given: Rust's runtime sets SIGPIPE to "ignore" before main; C programs start with the
    // default (terminate). Restoring it makes this the C lesson: a write to a reset connection
    // kills the process unless the send says MSG_NOSIGNAL (or SIGPIPE is ignored on purpose).
    // SAFETY: SIG_DFL is not a handler; nothing else runs yet.
    let _ = unsafe { signal::signal(Signal::SIGPIPE, SigHandler::SigDfl) };

    let args: Vec<String> = std::env::args().skip(1).collect();
    let parsed = match args.as_slice() {
        [port] => port.parse::<u16>().ok().map(|p| (p, 5)),
        [port, idle] => port.parse::<u16>().ok().zip(idle.parse::<u32>().ok()),
        _ => None,
    };
    let Some((port, idle)) = parsed else {
        eprintln!("signal-server: usage: signal-server <port> [<idle-seconds>]");
        return ExitCode::FAILURE;
    };
    match serve(port, idle) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("signal-server: {message}");
            ExitCode::FAILURE
        }
    }
}

fn serve(port: u16, idle: u32) -> Result<(), String> {
    // TODO 1. Handlers (C: sigaction):
    //         SIGCHLD -> reap every finished child (as in day3-fork);
    //         SIGUSR1 -> set STATS_WANTED; SIGTERM and SIGINT -> set STOP — these three WITHOUT
    //         SA_RESTART, so that a blocked accept() returns EINTR and the loop acts at once.
    //         A handler is an `extern "C" fn`; it may be written here, inside serve, too:
    //> extern "C" fn on_usr1(_signal: nix::libc::c_int) {
    //>     STATS_WANTED.store(true, Ordering::SeqCst); // an atomic store: async-signal-safe
    //> }
    //> let usr1 = SigAction::new(SigHandler::Handler(on_usr1), SaFlags::empty(), SigSet::empty());
    //> // SAFETY: on_usr1 only stores to an atomic.
    //> unsafe { signal::sigaction(Signal::SIGUSR1, &usr1) }
    //>     .map_err(|e| format!("sigaction: {e}"))?;
    // TODO 2. The listening socket and its line, as in day3-fork.
    // TODO 3. loop { if STOP: break; if STATS_WANTED (swap it back to false): print
    //         `served <N> clients` and flush; accept (EINTR: back to the top); N += 1; fork:
    //         the child closes the listener and runs serve_client, the parent keeps the
    //         child's pid and closes the connected socket }
    //> if STATS_WANTED.swap(false, Ordering::SeqCst) {
    //>     println!("served {} clients", 0); // your count; then flush stdout
    //> }
    // TODO 4. The clean exit: close the listening socket, send SIGTERM to the children not yet
    //         reaped (C: kill(pid, SIGTERM); nix: signal::kill(pid, Signal::SIGTERM)), reap
    //         them all (waitpid until ECHILD), print `bye`, return Ok (status 0). A reaped pid
    //         may be a stranger's by now: forget it when it is reaped (course.md#clean-exit).
    //> let children: Vec<Pid> = Vec::new(); // the pids fork returned in TODO 3, none reaped
    //> for &pid in &children {
    //>     let _ = signal::kill(pid, Signal::SIGTERM); // a zombie not yet reaped: harmless
    //> }
    todo!("the fork server, with flags set by the signal handlers")
}

/// In the child: echo with an idle timeout. Returns the exit status.
fn serve_client(client: &OwnedFd, idle: u32) -> i32 {
    // TODO 1. The child inherits the parent's handlers: give it its own — SIGTERM/SIGINT back
    //         to SigHandler::SigDfl (the parent's SIGTERM must end it), SIGUSR1 ignored
    //         (SigIgn), and SIGALRM -> set IDLE, without SA_RESTART (the alarm must interrupt a
    //         read from a silent client). Why ignore SIGUSR1: `kill -USR1 -<pgid>` (and the
    //         checker's storm) reaches the children too. With the default action a child would
    //         die of it; with the parent's handler it would only set a flag nobody in the child
    //         reads, and break its reads and sends with EINTR for nothing
    //         (course.md#day4-signals).
    //> // SAFETY: SIG_DFL and SIG_IGN are not handlers: nothing runs at a bad moment.
    //> let _ = unsafe { signal::signal(Signal::SIGTERM, SigHandler::SigDfl) };
    //> let _ = unsafe { signal::signal(Signal::SIGUSR1, SigHandler::SigIgn) };
    // TODO 2. C: alarm(idle); — and again after every successful read.
    //> let previous = alarm::set(idle);
    // TODO 3. Echo until EOF. When read() fails with EINTR and IDLE is set: send "timeout\n" and
    //         return. Send with MsgFlags::MSG_NOSIGNAL: a reset client then gives EPIPE instead
    //         of a deadly SIGPIPE.
    //> let sent = socket::send(client.as_raw_fd(), b"timeout\n", MsgFlags::MSG_NOSIGNAL);
    todo!("echo with an idle timeout")
}
