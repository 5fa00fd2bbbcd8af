//! Day 3 — the concurrent echo server: a process per client.
//!
//! Read course.md#processes (한국어: course.ko.md#processes), course.md#zombies (한국어: course.ko.md#zombies), course.md#wait (한국어: course.ko.md#wait), course.md#concurrent-servers (한국어: course.ko.md#concurrent-servers),
//! course.md#sigchld (한국어: course.ko.md#sigchld) and course.md#day3-fork (한국어: course.ko.md#day3-fork), then replace the `todo!()`s below.
//! Grade yourself with `cargo run -p checker day3-fork`.
//!
//! Contract: `fork-server <port>` prints `listening on <ip>:<port>`, then for each client
//! fork()s a child. The parent closes the connected socket and goes back to accept(); the child
//! closes the listening socket, echoes until the client's EOF, and exits. The parent reaps every
//! child when SIGCHLD arrives, looping on waitpid(-1, WNOHANG) — in the handler (the way below),
//! or in the main loop woken by the signal (a flag and EINTR, a self-pipe, a signalfd) — and
//! keeps accepting when accept is interrupted (EINTR, or SA_RESTART).
//! Rules: processes, not threads (see clippy.toml).
//!
//! Lines that start with `//>` are hint code: each compiles as it stands, in its place, once
//! the `//>` is removed (`checker verify` builds them so). They show the calls, not the answer.

// Keeps the compiler quiet while the stub is unfinished; remove it when you are done.
#![allow(unused_imports, unused_variables, dead_code)]

use std::io::Write;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::process::ExitCode;

use nix::errno::Errno;
use nix::sys::signal::{self, SaFlags, SigAction, SigHandler, SigSet, Signal};
use nix::sys::socket::{
    self, AddressFamily, Backlog, MsgFlags, SockFlag, SockType, SockaddrIn, sockopt,
};
use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
use nix::unistd::{self, ForkResult};

fn main() -> ExitCode {
    let port = match std::env::args().nth(1).map(|a| a.parse::<u16>()) {
        Some(Ok(port)) => port,
        _ => {
            eprintln!("fork-server: usage: fork-server <port>   (0 lets the kernel choose)");
            return ExitCode::FAILURE;
        }
    };
    match serve(port) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("fork-server: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The SIGCHLD handler. C: `void reap(int sig) { while (waitpid(-1, NULL, WNOHANG) > 0); }`
/// nix: `waitpid(None, Some(WaitPidFlag::WNOHANG))` returns `Ok(WaitStatus::StillAlive)` when
/// children remain but none has finished, and `Err(ECHILD)` when there are none.
extern "C" fn reap_children(_signal: nix::libc::c_int) {
    // TODO Reap *every* finished child: signals don't queue, so one SIGCHLD may stand for
    //      several children. Only async-signal-safe calls (waitpid is one); save errno with
    //      Errno::last_raw() and restore it with Errno::set_raw() around them.
    //> let saved = Errno::last_raw();
    //> let reaped = waitpid(None, Some(WaitPidFlag::WNOHANG)); // loop until StillAlive or Err
    //> Errno::set_raw(saved);
    todo!("loop on waitpid(-1, WNOHANG) until nothing is left to reap")
}

fn serve(port: u16) -> Result<(), String> {
    // TODO 1. C: struct sigaction sa = { .sa_handler = reap_children, .sa_flags = SA_RESTART };
    //            sigaction(SIGCHLD, &sa, NULL);
    //> let sa = SigAction::new(
    //>     SigHandler::Handler(reap_children),
    //>     SaFlags::SA_RESTART | SaFlags::SA_NOCLDSTOP,
    //>     SigSet::empty(),
    //> );
    //> // SAFETY: reap_children calls only async-signal-safe functions (waitpid, errno).
    //> unsafe { signal::sigaction(Signal::SIGCHLD, &sa) }.map_err(|e| format!("sigaction: {e}"))?;
    // TODO 2. The listening socket, as in day2-echo; print the line and flush *before* any fork
    //         (a child inherits unflushed output and would print it again).
    // TODO 3. loop {
    //           accept (retry on EINTR and ECONNABORTED);
    //           C: pid_t pid = fork();
    //           child  (ForkResult::Child):  close the listening socket (drop it), echo(&client),
    //                                        then std::process::exit — never back into the loop;
    //           parent (ForkResult::Parent): close the connected socket (drop it), loop on.
    //         }
    //> // SAFETY: this process has a single thread, so the child may run ordinary code.
    //> match unsafe { unistd::fork() } {
    //>     Ok(ForkResult::Child) => {
    //>         // drop(listener); echo(&client); then exit, never back into the loop:
    //>         std::process::exit(0);
    //>     }
    //>     Ok(ForkResult::Parent { child }) => {} // drop(client); back to accept
    //>     Err(e) => eprintln!("fork-server: fork: {e}"),
    //> }
    todo!("install the SIGCHLD handler, listen, then fork a child per client")
}

/// In the child: send back everything the client sends, until its EOF (as in day2-echo).
fn echo(client: &OwnedFd) -> nix::Result<()> {
    // TODO read, then send everything read (a loop: send may be short), until read returns 0;
    //      retry on EINTR.
    //> let mut buf = [0u8; 16 * 1024];
    //> let n = unistd::read(client, &mut buf)?; // 0 = EOF
    //> let sent = socket::send(client.as_raw_fd(), &buf[..n], MsgFlags::MSG_NOSIGNAL)?;
    todo!("echo until EOF")
}
