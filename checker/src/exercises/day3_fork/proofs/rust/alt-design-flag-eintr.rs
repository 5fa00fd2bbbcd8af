//! Day 3 — the concurrent echo server: a process per client (alternative design: the SIGCHLD
//! handler only sets a flag, and the main loop reaps).
//!
//! `fork-server <port>`: prints `listening on <ip>:<port>`; for each client, fork()s a child
//! that echoes until the client's EOF and exits. The parent closes its copy of the connected
//! socket and goes back to accept(); the child closes its copy of the listening socket.
//!
//! Reaping: the SIGCHLD handler does nothing but store `true` to an atomic. It is installed
//! *without* SA_RESTART, so a SIGCHLD that arrives while the parent is blocked in accept() makes
//! accept() fail with EINTR; the loop then sees the flag and reaps with waitpid(-1, WNOHANG)
//! until nothing is left. Reaping therefore happens as soon as a child ends, without waiting
//! for the next client.

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
use nix::unistd::{self, ForkResult};

/// Set by the SIGCHLD handler: some child has ended (or several: signals do not queue).
static CHILD_ENDED: AtomicBool = AtomicBool::new(false);

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

/// SIGCHLD: only note that children need reaping. Storing to a lock-free atomic is
/// async-signal-safe, and it makes no system call, so errno is left alone.
extern "C" fn on_child(_signal: nix::libc::c_int) {
    CHILD_ENDED.store(true, Ordering::SeqCst);
}

/// Reap every child that has ended: one SIGCHLD may stand for many children, so loop until
/// waitpid has nothing more to give (`StillAlive`: children remain, none has ended;
/// `ECHILD`: no children at all).
fn reap_children() {
    loop {
        match waitpid(None, Some(WaitPidFlag::WNOHANG)) {
            Ok(WaitStatus::StillAlive) | Err(Errno::ECHILD) => break,
            // Interrupted by another SIGCHLD: that one only set the flag; go on.
            Ok(_) | Err(Errno::EINTR) => continue,
            Err(e) => {
                eprintln!("fork-server: waitpid: {e}");
                break;
            }
        }
    }
}

fn serve(port: u16) -> Result<(), String> {
    // C: struct sigaction sa = { .sa_handler = on_child, .sa_flags = SA_NOCLDSTOP };
    //    sigaction(SIGCHLD, &sa, NULL);
    // No SA_RESTART, on purpose: the accept() the parent is blocked in must fail with EINTR when
    // a child ends, so that the loop gets to reap at once. SA_NOCLDSTOP: no SIGCHLD when a child
    // is merely stopped.
    let action = SigAction::new(
        SigHandler::Handler(on_child),
        SaFlags::SA_NOCLDSTOP,
        SigSet::empty(),
    );
    // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
    unsafe { signal::sigaction(Signal::SIGCHLD, &action) }
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
        // Take the flag *before* reaping, and look again after: a child that ends while we
        // reap (after waitpid last looked) sets the flag again, and is reaped by the next
        // round instead of waiting, a zombie, in front of a sleeping accept(). (A SIGCHLD that
        // lands between the last look and the moment accept() starts to sleep is still
        // noticed only at the next signal or client: the small window the flag-and-EINTR
        // pattern leaves open, which ppoll, a signalfd or a self-pipe would close.)
        while CHILD_ENDED.swap(false, Ordering::SeqCst) {
            reap_children();
        }
        let client = match socket::accept(listener.as_raw_fd()) {
            // SAFETY: accept just returned this descriptor and nothing else owns it.
            Ok(fd) => unsafe { OwnedFd::from_raw_fd(fd) },
            // EINTR: a SIGCHLD (most likely); back to the top, which looks at the flag.
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
                // The parent's copy of the connected socket is closed by the drop at the end
                // of this iteration: the child's close is then the last one, and the client
                // sees EOF as soon as the child is done.
            }
            Err(e) => eprintln!("fork-server: fork: {e}"),
        }
    }
}

/// Send back everything the client sends, until it shuts down its side. The child keeps the
/// parent's SIGCHLD handler, which is harmless (it has no children, and the handler only sets
/// a flag); EINTR is retried all the same.
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
