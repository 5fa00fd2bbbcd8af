//! Day 3 — the concurrent echo server: a process per client (alternative design: the
//! self-pipe trick).
//!
//! `fork-server <port>`: prints `listening on <ip>:<port>`; for each client, fork()s a child
//! that echoes until the client's EOF and exits. The parent closes its copy of the connected
//! socket; the child closes its copy of the listening socket (and of the self-pipe).
//!
//! Reaping: the SIGCHLD handler writes one byte to a non-blocking pipe. The main loop waits in
//! poll() on two descriptors, the listening socket and the pipe's read end; when the pipe is
//! readable it drains it and reaps with waitpid(-1, WNOHANG) until nothing is left. Unlike a
//! flag checked before accept(), the byte cannot be missed: if it is written just before the
//! loop calls poll(), poll() returns at once.

use std::io::Write;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, IntoRawFd, OwnedFd};
use std::process::ExitCode;
use std::sync::atomic::{AtomicI32, Ordering};

use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::signal::{self, SaFlags, SigAction, SigHandler, SigSet, Signal};
use nix::sys::socket::{
    self, AddressFamily, Backlog, MsgFlags, SockFlag, SockType, SockaddrIn, sockopt,
};
use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
use nix::unistd::{self, ForkResult};

/// The write end of the self-pipe, for the handler (-1: none). A handler cannot capture
/// anything, so the descriptor number is shared through an atomic.
static WAKE_FD: AtomicI32 = AtomicI32::new(-1);

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

/// SIGCHLD: write one byte to the self-pipe, which wakes the main loop's poll(). write(2) is
/// async-signal-safe, and the pipe is non-blocking: when it is full (the loop has plenty of
/// bytes to wake it already) the write fails with EAGAIN instead of hanging the process. errno
/// is saved and restored, as the interrupted code may be about to read it.
extern "C" fn on_child(_signal: nix::libc::c_int) {
    let saved = Errno::last_raw();
    let fd = WAKE_FD.load(Ordering::SeqCst);
    if fd >= 0 {
        // SAFETY: the write end stays open for as long as this handler is installed.
        let _ = unistd::write(unsafe { BorrowedFd::borrow_raw(fd) }, b"c");
    }
    Errno::set_raw(saved);
}

/// Empty the self-pipe: one wake-up is enough, however many SIGCHLDs wrote to it.
fn drain(pipe: &OwnedFd) {
    let mut buf = [0u8; 256];
    loop {
        match unistd::read(pipe, &mut buf) {
            Ok(0) | Err(Errno::EAGAIN) => break,
            Ok(_) | Err(Errno::EINTR) => continue,
            Err(e) => {
                eprintln!("fork-server: read(self-pipe): {e}");
                break;
            }
        }
    }
}

/// Reap every child that has ended: one SIGCHLD may stand for many children, so loop until
/// waitpid has nothing more to give (`StillAlive`: children remain, none has ended;
/// `ECHILD`: no children at all).
fn reap_children() {
    loop {
        match waitpid(None, Some(WaitPidFlag::WNOHANG)) {
            Ok(WaitStatus::StillAlive) | Err(Errno::ECHILD) => break,
            Ok(_) | Err(Errno::EINTR) => continue,
            Err(e) => {
                eprintln!("fork-server: waitpid: {e}");
                break;
            }
        }
    }
}

fn serve(port: u16) -> Result<(), String> {
    // The self-pipe, both ends non-blocking: the handler must never block on a full pipe, and
    // the loop drains it until EAGAIN. (No O_CLOEXEC needed: nothing here calls exec.)
    let (wake_read, wake_write) =
        unistd::pipe2(OFlag::O_NONBLOCK).map_err(|e| format!("pipe2: {e}"))?;
    // The write end is never closed in the parent: the handler may run at any moment until
    // the process ends, and must not write to a closed (or reused) descriptor number.
    WAKE_FD.store(wake_write.into_raw_fd(), Ordering::SeqCst);

    // SA_RESTART: the handler does not need to interrupt anything (the byte wakes poll, which
    // is never restarted anyway), so other calls may as well go on. SA_NOCLDSTOP: no SIGCHLD
    // when a child is merely stopped.
    let action = SigAction::new(
        SigHandler::Handler(on_child),
        SaFlags::SA_RESTART | SaFlags::SA_NOCLDSTOP,
        SigSet::empty(),
    );
    // SAFETY: the handler only calls write (async-signal-safe) and saves/restores errno.
    unsafe { signal::sigaction(Signal::SIGCHLD, &action) }
        .map_err(|e| format!("sigaction(SIGCHLD): {e}"))?;

    // Non-blocking listener: poll() may say "readable" for a connection that is gone by the
    // time accept() runs; a blocking accept() would then sleep, deaf to the self-pipe.
    let listener = socket::socket(
        AddressFamily::Inet,
        SockType::Stream,
        SockFlag::SOCK_NONBLOCK,
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
        let mut fds = [
            PollFd::new(listener.as_fd(), PollFlags::POLLIN),
            PollFd::new(wake_read.as_fd(), PollFlags::POLLIN),
        ];
        match poll(&mut fds, PollTimeout::NONE) {
            Ok(_) => {}
            // poll is never restarted: a signal (SIGCHLD) makes it fail with EINTR. Its byte
            // is in the pipe, so the next poll returns at once.
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(format!("poll: {e}")),
        }
        let ready = |fd: &PollFd| fd.revents().is_some_and(|r| !r.is_empty());
        let (client_waiting, child_ended) = (ready(&fds[0]), ready(&fds[1]));

        if child_ended {
            // Drain first, then reap: a child that ends after the drain writes a new byte,
            // and the next poll() comes back for it.
            drain(&wake_read);
            reap_children();
        }
        if !client_waiting {
            continue;
        }
        let client = match socket::accept(listener.as_raw_fd()) {
            // SAFETY: accept just returned this descriptor and nothing else owns it.
            Ok(fd) => unsafe { OwnedFd::from_raw_fd(fd) },
            // EAGAIN: the connection went away before we took it.
            Err(Errno::EAGAIN | Errno::EINTR | Errno::ECONNABORTED) => continue,
            Err(e) => return Err(format!("accept: {e}")),
        };
        // SAFETY: this program is single-threaded, so the child may do anything after fork.
        match unsafe { unistd::fork() } {
            Ok(ForkResult::Child) => {
                // The child serves this client only. It gives up everything of the parent's it
                // does not need: the SIGCHLD handler first (so that it never writes to a
                // descriptor this child is about to close), then the listening socket (it
                // would keep the port open after the parent is gone) and the self-pipe.
                // SAFETY: SIG_DFL is not a handler.
                let _ = unsafe { signal::signal(Signal::SIGCHLD, SigHandler::SigDfl) };
                let write_end = WAKE_FD.swap(-1, Ordering::SeqCst);
                // SAFETY: the write end's number came from into_raw_fd, and nothing else
                // owns it; this takes it back once, to close it.
                drop(unsafe { OwnedFd::from_raw_fd(write_end) });
                drop(wake_read);
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
