//! Day 4 — the fork server with signals (alternative design: SIGUSR1, SIGTERM, SIGINT and
//! SIGCHLD blocked except inside ppoll()).
//!
//! `signal-server <port> [<idle-seconds>]` (default 5) is day3's fork server, plus:
//! - SIGUSR1: prints `served <N> clients` (clients accepted so far), within 0.5 s, even while
//!   the server waits for clients: the handler only sets a flag, the main loop prints.
//! - SIGINT or SIGTERM: stops accepting, closes the listening socket, sends SIGTERM to its
//!   children and reaps them, prints `bye`, exits with status 0.
//! - SIGPIPE: its C default is restored at the start (Rust's runtime ignores it before main);
//!   sends use MSG_NOSIGNAL, so a client that resets costs an EPIPE, not a process.
//! - SIGALRM: a client that sends nothing for idle-seconds gets `timeout\n` and is disconnected
//!   (alarm() in its child, re-armed after every read).
//!
//! How the parent takes its signals: handlers that only set flags, for SIGUSR1, SIGTERM, SIGINT
//! and SIGCHLD; the four signals are blocked all the time, except while the parent sleeps in
//! ppoll(), which installs a mask without them for the duration of the wait — atomically. A
//! plain "check the flags, then accept()" loop has a window: a signal that arrives after the
//! check and before accept() sleeps is seen only when the next client comes. Here the flags
//! cannot change while the loop looks at them (the signals are blocked), and a signal that came
//! meanwhile is pending: ppoll() delivers it as soon as it unblocks it, runs the handler and
//! fails with EINTR. The loop then looks at the flags, and reaps the children itself.
//!
//! The children inherit the blocked mask. Each child first sets the dispositions it needs
//! (SIGTERM and SIGINT default, SIGUSR1 ignored, a SIGALRM handler), then unblocks: a SIGTERM
//! from the parent must kill it.

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
use nix::unistd::{self, ForkResult, Pid, alarm};

/// Set by the SIGUSR1 handler: print the statistics line.
static STATS_WANTED: AtomicBool = AtomicBool::new(false);
/// Set by the SIGINT/SIGTERM handler: shut down cleanly.
static STOP: AtomicBool = AtomicBool::new(false);
/// Set by the SIGCHLD handler: some child has ended (or several: signals do not queue).
static CHILD_ENDED: AtomicBool = AtomicBool::new(false);
/// Set by the SIGALRM handler, in a child: its client has been idle too long.
static IDLE: AtomicBool = AtomicBool::new(false);

/// The signals the parent blocks outside ppoll().
const PARENT_SIGNALS: [Signal; 4] = [
    Signal::SIGUSR1,
    Signal::SIGTERM,
    Signal::SIGINT,
    Signal::SIGCHLD,
];

// The handlers only store to an atomic: that is async-signal-safe, and makes no system call
// (errno is left alone). Printing from a handler is not safe: println! takes the stdout lock,
// which the interrupted code may be holding.
extern "C" fn on_usr1(_: nix::libc::c_int) {
    STATS_WANTED.store(true, Ordering::SeqCst);
}

extern "C" fn on_stop(_: nix::libc::c_int) {
    STOP.store(true, Ordering::SeqCst);
}

extern "C" fn on_child(_: nix::libc::c_int) {
    CHILD_ENDED.store(true, Ordering::SeqCst);
}

extern "C" fn on_alarm(_: nix::libc::c_int) {
    IDLE.store(true, Ordering::SeqCst);
}

fn install(signal: Signal, handler: SigHandler, flags: SaFlags) -> Result<(), String> {
    let action = SigAction::new(handler, flags, SigSet::empty());
    // SAFETY: every handler of this program only stores to an atomic, which is
    // async-signal-safe.
    unsafe { signal::sigaction(signal, &action) }
        .map(drop)
        .map_err(|e| format!("sigaction({signal}): {e}"))
}

fn main() -> ExitCode {
    // Rust's runtime sets SIGPIPE to "ignore" before main; C programs start with the default
    // (terminate). Restore it, so that the lesson is the C one: a write to a reset connection
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

/// Reap every child that has ended: loop until waitpid has nothing more to give
/// (`StillAlive`, or `ECHILD`: no children at all).
fn reap_children() {
    loop {
        match waitpid(None, Some(WaitPidFlag::WNOHANG)) {
            Ok(WaitStatus::StillAlive) | Err(Errno::ECHILD) => break,
            Ok(_) | Err(Errno::EINTR) => continue,
            Err(e) => {
                eprintln!("signal-server: waitpid: {e}");
                break;
            }
        }
    }
}

fn serve(port: u16, idle: u32) -> Result<(), String> {
    // C: sigprocmask(SIG_BLOCK, &mask, &old);  ...  ppoll(fds, 1, NULL, &wait_mask);
    // Blocked first, so that no handler ever runs outside the wait; `wait_mask` is the mask
    // we had before, without our four signals; the children get `old_mask` back.
    let mut parent_signals = SigSet::empty();
    for signal in PARENT_SIGNALS {
        parent_signals.add(signal);
    }
    let mut old_mask = SigSet::empty();
    signal::sigprocmask(
        SigmaskHow::SIG_BLOCK,
        Some(&parent_signals),
        Some(&mut old_mask),
    )
    .map_err(|e| format!("sigprocmask: {e}"))?;
    let mut wait_mask = old_mask;
    for signal in PARENT_SIGNALS {
        wait_mask.remove(signal);
    }
    // No SA_RESTART: the handlers only run inside the wait, which is never restarted anyway.
    // SA_NOCLDSTOP: no SIGCHLD when a child is merely stopped.
    install(
        Signal::SIGCHLD,
        SigHandler::Handler(on_child),
        SaFlags::SA_NOCLDSTOP,
    )?;
    install(
        Signal::SIGUSR1,
        SigHandler::Handler(on_usr1),
        SaFlags::empty(),
    )?;
    install(
        Signal::SIGTERM,
        SigHandler::Handler(on_stop),
        SaFlags::empty(),
    )?;
    install(
        Signal::SIGINT,
        SigHandler::Handler(on_stop),
        SaFlags::empty(),
    )?;

    // Non-blocking listener: ppoll() may say "readable" for a connection that is gone by the
    // time accept() runs; a blocking accept() would then sleep with the signals blocked.
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
    std::io::stdout()
        .flush()
        .map_err(|e| format!("stdout: {e}"))?;

    let mut served: u64 = 0;
    let mut children: Vec<Pid> = Vec::new();
    loop {
        // Our signals are blocked here: the flags hold still while we look at them.
        if CHILD_ENDED.swap(false, Ordering::SeqCst) {
            reap_children();
        }
        if STOP.load(Ordering::SeqCst) {
            break;
        }
        if STATS_WANTED.swap(false, Ordering::SeqCst) {
            println!("served {served} clients");
            std::io::stdout()
                .flush()
                .map_err(|e| format!("stdout: {e}"))?;
        }
        let mut fds = [PollFd::new(listener.as_fd(), PollFlags::POLLIN)];
        // Sleeps with `wait_mask` (our signals unblocked) until a client connects or a
        // handler runs, then puts the blocking mask back before returning.
        match ppoll(&mut fds, None, Some(wait_mask)) {
            Ok(_) => {}
            // A handler ran: back to the top, which looks at the flags.
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
        served += 1;
        // SAFETY: single-threaded, so the child may do anything after fork.
        match unsafe { unistd::fork() } {
            Ok(ForkResult::Child) => {
                drop(listener);
                let status = match child_setup(&old_mask) {
                    Ok(()) => serve_client(&client, idle),
                    Err(_) => 1,
                };
                std::process::exit(status);
            }
            Ok(ForkResult::Parent { child }) => children.push(child),
            Err(e) => eprintln!("signal-server: fork: {e}"),
        }
    }

    // The clean exit: no more clients, the port released at once, no child left behind.
    drop(listener);
    for child in children {
        // Only a child that is still ours and alive (a reaped one's pid may belong to someone
        // else by now).
        if let Ok(WaitStatus::StillAlive) = waitpid(child, Some(WaitPidFlag::WNOHANG)) {
            let _ = signal::kill(child, Signal::SIGTERM);
        }
    }
    // SIGCHLD is still blocked: it cannot interrupt this wait (EINTR is retried anyway).
    loop {
        match waitpid(None, None) {
            Err(Errno::ECHILD) => break,
            Err(Errno::EINTR) | Ok(_) => continue,
            Err(e) => return Err(format!("waitpid: {e}")),
        }
    }
    println!("bye");
    std::io::stdout()
        .flush()
        .map_err(|e| format!("stdout: {e}"))?;
    Ok(())
}

/// In a new child: it inherited the parent's handlers and its mask, with SIGUSR1, SIGTERM,
/// SIGINT and SIGCHLD blocked. Set the dispositions the child needs *first*, then restore the
/// old mask: a signal that came while the child still blocked it is pending, and meets the
/// child's disposition, not the parent's handler. SIGTERM and SIGINT end the child (the
/// default), as the parent's clean exit wants; SIGUSR1 is the parent's business.
fn child_setup(old_mask: &SigSet) -> Result<(), String> {
    install(Signal::SIGTERM, SigHandler::SigDfl, SaFlags::empty())?;
    install(Signal::SIGINT, SigHandler::SigDfl, SaFlags::empty())?;
    install(Signal::SIGCHLD, SigHandler::SigDfl, SaFlags::empty())?;
    install(Signal::SIGUSR1, SigHandler::SigIgn, SaFlags::empty())?;
    // No SA_RESTART: the alarm must interrupt a read that waits for a silent client.
    install(
        Signal::SIGALRM,
        SigHandler::Handler(on_alarm),
        SaFlags::empty(),
    )?;
    signal::sigprocmask(SigmaskHow::SIG_SETMASK, Some(old_mask), None)
        .map_err(|e| format!("sigprocmask: {e}"))
}

/// In the child: echo with an idle timeout. Returns the exit status.
fn serve_client(client: &OwnedFd, idle: u32) -> i32 {
    alarm::set(idle);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match unistd::read(client, &mut buf) {
            Ok(0) => return 0,
            Ok(n) => {
                alarm::set(idle); // the client is alive: start the idle clock again
                if send_all(client, &buf[..n]).is_err() {
                    return 1;
                }
            }
            Err(Errno::EINTR) if IDLE.load(Ordering::SeqCst) => {
                let _ = send_all(client, b"timeout\n");
                return 0;
            }
            Err(Errno::EINTR) => continue,
            Err(_) => return 1,
        }
    }
}

fn send_all(fd: &OwnedFd, mut data: &[u8]) -> nix::Result<()> {
    while !data.is_empty() {
        // MSG_NOSIGNAL: a reset client gives EPIPE here instead of a fatal SIGPIPE.
        match socket::send(fd.as_raw_fd(), data, MsgFlags::MSG_NOSIGNAL) {
            Ok(n) => data = &data[n..],
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(())
}
