//! Day 3 — the concurrent echo server: a process per client (reference solution).
//!
//! `fork-server <port>`: prints `listening on <ip>:<port>`; for each client, fork()s a child
//! that echoes until the client's EOF and exits. The parent closes its copy of the connected
//! socket and goes back to accept(); the child closes its copy of the listening socket. The
//! parent reaps its children from a SIGCHLD handler that loops on waitpid(-1, WNOHANG).

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

/// SIGCHLD: reap every child that has exited. Signals do not queue — ten children may end
/// while one SIGCHLD is pending — so loop until waitpid has nothing more to give.
/// Only async-signal-safe calls here: waitpid is one; errno is saved and restored, as the
/// interrupted code may be about to read it.
extern "C" fn reap_children(_signal: nix::libc::c_int) {
    let saved = Errno::last_raw();
    while let Ok(status) = waitpid(None, Some(WaitPidFlag::WNOHANG)) {
        if status == WaitStatus::StillAlive {
            break;
        }
    }
    Errno::set_raw(saved);
}

fn serve(port: u16) -> Result<(), String> {
    // C: struct sigaction sa = { .sa_handler = reap_children, .sa_flags = SA_RESTART };
    //    sigaction(SIGCHLD, &sa, NULL);
    // SA_RESTART: an accept() interrupted by SIGCHLD starts again by itself (the loop below
    // also retries on EINTR, for the systems and signals without it). SA_NOCLDSTOP: no SIGCHLD
    // when a child is merely stopped.
    let on_child = SigAction::new(
        SigHandler::Handler(reap_children),
        SaFlags::SA_RESTART | SaFlags::SA_NOCLDSTOP,
        SigSet::empty(),
    );
    // SAFETY: the handler only calls async-signal-safe functions.
    unsafe { signal::sigaction(Signal::SIGCHLD, &on_child) }
        .map_err(|e| format!("sigaction(SIGCHLD): {e}"))?;

    let listener = socket::socket(
        AddressFamily::Inet,
        SockType::Stream,
        SockFlag::empty(),
        None,
    )
    .map_err(|e| format!("socket: {e}"))?;
    socket::setsockopt(&listener, sockopt::ReuseAddr, &true)
        .map_err(|e| format!("setsockopt(SO_REUSEADDR): {e}"))?;
    socket::bind(listener.as_raw_fd(), &SockaddrIn::new(0, 0, 0, 0, port))
        .map_err(|e| format!("bind to port {port}: {e}"))?;
    socket::listen(
        &listener,
        Backlog::new(128).map_err(|e| format!("backlog: {e}"))?,
    )
    .map_err(|e| format!("listen: {e}"))?;
    let local: SockaddrIn =
        socket::getsockname(listener.as_raw_fd()).map_err(|e| format!("getsockname: {e}"))?;
    println!("listening on {}:{}", local.ip(), local.port());
    // Flush before any fork: a child would inherit unflushed output and print it again.
    std::io::stdout()
        .flush()
        .map_err(|e| format!("stdout: {e}"))?;

    loop {
        let client = match socket::accept(listener.as_raw_fd()) {
            // SAFETY: accept just returned this descriptor and nothing else owns it.
            Ok(fd) => unsafe { OwnedFd::from_raw_fd(fd) },
            Err(Errno::EINTR | Errno::ECONNABORTED) => continue,
            Err(e) => return Err(format!("accept: {e}")),
        };
        // SAFETY: this program is single-threaded, so the child may do anything after fork.
        match unsafe { unistd::fork() } {
            Ok(ForkResult::Child) => {
                // The child serves this client only: its copy of the listening socket would
                // keep the port open after the parent is gone.
                drop(listener);
                let status = match echo(&client) {
                    Ok(()) => 0,
                    Err(_) => 1,
                };
                // Not `return`: the child must never get back into the accept loop.
                std::process::exit(status);
            }
            Ok(ForkResult::Parent { .. }) => {
                // The parent's copy of the connected socket: closing it here (the drop at the
                // end of this iteration) means the child's close is the last one, and the
                // client sees EOF as soon as the child is done.
            }
            Err(e) => eprintln!("fork-server: fork: {e}"),
        }
    }
}

/// Send back everything the client sends, until it shuts down its side.
fn echo(client: &OwnedFd) -> nix::Result<()> {
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match unistd::read(client, &mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(e),
        };
        let mut data = &buf[..n];
        while !data.is_empty() {
            match socket::send(client.as_raw_fd(), data, MsgFlags::MSG_NOSIGNAL) {
                Ok(sent) => data = &data[sent..],
                Err(Errno::EINTR) => continue,
                Err(e) => return Err(e),
            }
        }
    }
}
