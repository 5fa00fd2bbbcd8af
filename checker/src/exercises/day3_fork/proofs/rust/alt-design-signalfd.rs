//! Day 3 — the concurrent echo server: a process per client (alternative design: SIGCHLD read
//! from a signalfd).
//!
//! `fork-server <port>`: prints `listening on <ip>:<port>`; for each client, fork()s a child
//! that echoes until the client's EOF and exits. The parent closes its copy of the connected
//! socket; the child closes its copy of the listening socket (and of the signalfd).
//!
//! Reaping: no handler at all. SIGCHLD is blocked with sigprocmask, so it is never delivered;
//! it stays pending, and a signalfd turns it into something to read. The main loop waits in
//! poll() on the listening socket and the signalfd; when the signalfd is readable it reads the
//! pending signal(s) and reaps with waitpid(-1, WNOHANG) until nothing is left. No signal ever
//! interrupts a call of the parent, so no EINTR either.

use std::io::Write;
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd};
use std::process::ExitCode;

use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::signal::{SigSet, SigmaskHow, Signal, sigprocmask};
use nix::sys::signalfd::{SfdFlags, SignalFd};
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

/// Read every pending SIGCHLD from the signalfd (non-blocking: `None` once it is empty).
/// The siginfo names one child, but signals do not queue — one SIGCHLD may stand for many
/// children — so the reaping below does not rely on it.
fn drain(sigfd: &SignalFd) {
    loop {
        match sigfd.read_signal() {
            Ok(Some(_)) | Err(Errno::EINTR) => continue,
            Ok(None) => break,
            Err(e) => {
                eprintln!("fork-server: read(signalfd): {e}");
                break;
            }
        }
    }
}

/// Reap every child that has ended: loop until waitpid has nothing more to give
/// (`StillAlive`: children remain, none has ended; `ECHILD`: no children at all).
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
    // C: sigset_t mask; sigemptyset(&mask); sigaddset(&mask, SIGCHLD);
    //    sigprocmask(SIG_BLOCK, &mask, &old);
    //    int sfd = signalfd(-1, &mask, SFD_NONBLOCK);
    // Blocked *before* the first child exists, so no SIGCHLD can be delivered the default way
    // (ignored, which would leave a zombie nobody hears of). The old mask is kept for the
    // children, which must not inherit a blocked SIGCHLD they never asked for.
    let mut sigchld = SigSet::empty();
    sigchld.add(Signal::SIGCHLD);
    let mut old_mask = SigSet::empty();
    sigprocmask(SigmaskHow::SIG_BLOCK, Some(&sigchld), Some(&mut old_mask))
        .map_err(|e| format!("sigprocmask: {e}"))?;
    let sigfd = SignalFd::with_flags(&sigchld, SfdFlags::SFD_NONBLOCK)
        .map_err(|e| format!("signalfd: {e}"))?;

    // Non-blocking listener: poll() may say "readable" for a connection that is gone by the
    // time accept() runs; a blocking accept() would then sleep, deaf to the signalfd.
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
            PollFd::new(sigfd.as_fd(), PollFlags::POLLIN),
        ];
        match poll(&mut fds, PollTimeout::NONE) {
            Ok(_) => {}
            // No handler runs in this process, so nothing should interrupt poll(); EINTR is
            // retried all the same, as after every blocking call.
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(format!("poll: {e}")),
        }
        let ready = |fd: &PollFd| fd.revents().is_some_and(|r| !r.is_empty());
        let (client_waiting, child_ended) = (ready(&fds[0]), ready(&fds[1]));

        if child_ended {
            // Read the signal first, then reap: a child that ends after the read makes SIGCHLD
            // pending again, and the next poll() comes back for it.
            drain(&sigfd);
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
                // The child inherits the parent's signal mask (SIGCHLD blocked) and its
                // descriptors (the signalfd and the listening socket). Give back what is the
                // parent's business: the mask as it was before the server blocked SIGCHLD, and
                // the two descriptors (the listening socket would keep the port open after the
                // parent is gone).
                if let Err(e) = sigprocmask(SigmaskHow::SIG_SETMASK, Some(&old_mask), None) {
                    eprintln!("fork-server: sigprocmask in the child: {e}");
                    std::process::exit(1);
                }
                drop(sigfd);
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
