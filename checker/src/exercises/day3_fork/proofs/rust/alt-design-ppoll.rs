//! Day 3 — the concurrent echo server: a process per client (alternative design: SIGCHLD
//! blocked except inside ppoll()).
//!
//! `fork-server <port>`: prints `listening on <ip>:<port>`; for each client, fork()s a child
//! that echoes until the client's EOF and exits. The parent closes its copy of the connected
//! socket; the child closes its copy of the listening socket.
//!
//! Reaping: the SIGCHLD handler only sets a flag. SIGCHLD stays blocked all the time, except
//! while the parent waits in ppoll(), which installs a mask without SIGCHLD for the duration of
//! the wait (atomically: there is no moment between "check the flag" and "go to sleep" where a
//! signal could slip in unseen). A SIGCHLD therefore runs its handler only inside ppoll(), which
//! then fails with EINTR; the loop sees the flag and reaps with waitpid(-1, WNOHANG) until
//! nothing is left.

use std::io::Write;
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, ppoll};
use nix::sys::signal::{self, SaFlags, SigAction, SigHandler, SigSet, SigmaskHow, Signal};
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
/// async-signal-safe and makes no system call (errno is left alone).
extern "C" fn on_child(_signal: nix::libc::c_int) {
    CHILD_ENDED.store(true, Ordering::SeqCst);
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
    // The handler, without SA_RESTART (it only ever runs inside ppoll, which is never
    // restarted anyway). SA_NOCLDSTOP: no SIGCHLD when a child is merely stopped.
    let action = SigAction::new(
        SigHandler::Handler(on_child),
        SaFlags::SA_NOCLDSTOP,
        SigSet::empty(),
    );
    // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
    unsafe { signal::sigaction(Signal::SIGCHLD, &action) }
        .map_err(|e| format!("sigaction(SIGCHLD): {e}"))?;

    // C: sigprocmask(SIG_BLOCK, &chld, &old);  ...  ppoll(fds, 2, NULL, &wait_mask);
    // Blocked from now on; `wait_mask` (the mask we had before, without SIGCHLD) is the one
    // ppoll installs while it sleeps. The children get `old_mask` back.
    let mut sigchld = SigSet::empty();
    sigchld.add(Signal::SIGCHLD);
    let mut old_mask = SigSet::empty();
    signal::sigprocmask(SigmaskHow::SIG_BLOCK, Some(&sigchld), Some(&mut old_mask))
        .map_err(|e| format!("sigprocmask: {e}"))?;
    let mut wait_mask = old_mask;
    wait_mask.remove(Signal::SIGCHLD);

    // Non-blocking listener: ppoll() may say "readable" for a connection that is gone by the
    // time accept() runs; a blocking accept() would then sleep with SIGCHLD blocked.
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
        // SIGCHLD is blocked here, so the flag cannot change between this check and ppoll():
        // a child that ends meanwhile leaves SIGCHLD pending, and ppoll() delivers it at once.
        if CHILD_ENDED.swap(false, Ordering::SeqCst) {
            reap_children();
        }
        let mut fds = [PollFd::new(listener.as_fd(), PollFlags::POLLIN)];
        match ppoll(&mut fds, None, Some(wait_mask)) {
            Ok(_) => {}
            // The SIGCHLD handler ran: back to the top, which looks at the flag.
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(format!("ppoll: {e}")),
        }
        let client_waiting = fds[0].revents().is_some_and(|r| !r.is_empty());
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
                // The child inherits the blocked SIGCHLD and the handler: it has no children,
                // but give it back the signal state it started with all the same — default
                // SIGCHLD, the old mask — and close its copy of the listening socket (it would
                // keep the port open after the parent is gone).
                // SAFETY: SIG_DFL is not a handler.
                let _ = unsafe { signal::signal(Signal::SIGCHLD, SigHandler::SigDfl) };
                if let Err(e) = signal::sigprocmask(SigmaskHow::SIG_SETMASK, Some(&old_mask), None)
                {
                    eprintln!("fork-server: sigprocmask in the child: {e}");
                    std::process::exit(1);
                }
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
