//! Day 4 — the fork server with signals (alternative design: the parent's signals read from a
//! signalfd).
//!
//! `signal-server <port> [<idle-seconds>]` (default 5) is day3's fork server, plus:
//! - SIGUSR1: prints `served <N> clients` (clients accepted so far), within 0.5 s, even while
//!   the server waits for clients.
//! - SIGINT or SIGTERM: stops accepting, closes the listening socket, sends SIGTERM to its
//!   children and reaps them, prints `bye`, exits with status 0.
//! - SIGPIPE: its C default is restored at the start (Rust's runtime ignores it before main);
//!   sends use MSG_NOSIGNAL, so a client that resets costs an EPIPE, not a process.
//! - SIGALRM: a client that sends nothing for idle-seconds gets `timeout\n` and is disconnected
//!   (alarm() in its child, re-armed after every read).
//!
//! How the parent takes its signals: not with handlers. SIGUSR1, SIGTERM, SIGINT and SIGCHLD
//! are blocked with sigprocmask, so they are never delivered: they stay pending, and a
//! signalfd turns them into records to read. The main loop waits in poll() on the listening
//! socket and the signalfd, and acts on each signal it reads, in ordinary code. No handler
//! ever interrupts the parent, so none of its calls fails with EINTR.
//!
//! The children inherit the blocked mask. Each child first sets the dispositions it needs
//! (SIGUSR1 ignored, a SIGALRM handler), then unblocks: a SIGTERM from the parent must kill it,
//! and SIGALRM must reach its handler.

use std::io::Write;
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::signal::{self, SaFlags, SigAction, SigHandler, SigSet, SigmaskHow, Signal};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::sys::socket::{
    self, AddressFamily, Backlog, MsgFlags, SockFlag, SockType, SockaddrIn, sockopt,
};
use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
use nix::unistd::{self, ForkResult, Pid, alarm};

/// Set by the SIGALRM handler, in a child: its client has been idle too long.
static IDLE: AtomicBool = AtomicBool::new(false);

/// The signals the parent reads from its signalfd.
const PARENT_SIGNALS: [Signal; 4] = [
    Signal::SIGUSR1,
    Signal::SIGTERM,
    Signal::SIGINT,
    Signal::SIGCHLD,
];

// The only handler of the program, in the children: it stores to an atomic, which is
// async-signal-safe.
extern "C" fn on_alarm(_: nix::libc::c_int) {
    IDLE.store(true, Ordering::SeqCst);
}

fn install(signal: Signal, handler: SigHandler, flags: SaFlags) -> Result<(), String> {
    let action = SigAction::new(handler, flags, SigSet::empty());
    // SAFETY: the only handler of this program stores to an atomic, which is
    // async-signal-safe; the others are SIG_DFL and SIG_IGN.
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

/// What the signals read from the signalfd ask for.
#[derive(Default)]
struct Wanted {
    stats: bool,
    stop: bool,
    reap: bool,
}

/// Read every pending signal from the (non-blocking) signalfd, and note what each asks for.
fn read_signals(sigfd: &SignalFd, wanted: &mut Wanted) -> Result<(), String> {
    loop {
        let info = match sigfd.read_signal() {
            Ok(Some(info)) => info,
            Ok(None) => return Ok(()),
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(format!("read(signalfd): {e}")),
        };
        match i32::try_from(info.ssi_signo).map(Signal::try_from) {
            Ok(Ok(Signal::SIGUSR1)) => wanted.stats = true,
            Ok(Ok(Signal::SIGTERM | Signal::SIGINT)) => wanted.stop = true,
            // One SIGCHLD may stand for many children (signals do not queue): reap them all.
            Ok(Ok(Signal::SIGCHLD)) => wanted.reap = true,
            _ => {}
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
    // C: sigset_t mask; sigemptyset(&mask); sigaddset(&mask, SIGUSR1); ...
    //    sigprocmask(SIG_BLOCK, &mask, &old);
    //    int sfd = signalfd(-1, &mask, SFD_NONBLOCK);
    // The old mask is kept for the children.
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
    let sigfd = SignalFd::with_flags(&parent_signals, SfdFlags::SFD_NONBLOCK)
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
    std::io::stdout()
        .flush()
        .map_err(|e| format!("stdout: {e}"))?;

    let mut served: u64 = 0;
    let mut children: Vec<Pid> = Vec::new();
    loop {
        let mut fds = [
            PollFd::new(listener.as_fd(), PollFlags::POLLIN),
            PollFd::new(sigfd.as_fd(), PollFlags::POLLIN),
        ];
        match poll(&mut fds, PollTimeout::NONE) {
            Ok(_) => {}
            // No handler runs in the parent, so nothing should interrupt poll(); EINTR is
            // retried all the same, as after every blocking call.
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(format!("poll: {e}")),
        }
        let ready = |fd: &PollFd| fd.revents().is_some_and(|r| !r.is_empty());
        let (client_waiting, signalled) = (ready(&fds[0]), ready(&fds[1]));

        if signalled {
            let mut wanted = Wanted::default();
            read_signals(&sigfd, &mut wanted)?;
            if wanted.reap {
                reap_children();
            }
            if wanted.stop {
                break;
            }
            if wanted.stats {
                println!("served {served} clients");
                std::io::stdout()
                    .flush()
                    .map_err(|e| format!("stdout: {e}"))?;
            }
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
        served += 1;
        // SAFETY: single-threaded, so the child may do anything after fork.
        match unsafe { unistd::fork() } {
            Ok(ForkResult::Child) => {
                // The listening socket and the signalfd are the parent's business.
                drop(listener);
                drop(sigfd);
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

/// In a new child: it inherited the parent's mask, with SIGUSR1, SIGTERM, SIGINT and SIGCHLD
/// blocked. Set the dispositions the child needs *first*, then restore the old mask: a SIGUSR1
/// sent to the whole group while the child was still blocking it is pending, and unblocking it
/// under its default action (terminate) would kill the child. Ignoring it first discards it.
/// SIGTERM and SIGINT then end the child (their default), as the parent's clean exit wants.
fn child_setup(old_mask: &SigSet) -> Result<(), String> {
    install(Signal::SIGUSR1, SigHandler::SigIgn, SaFlags::empty())?;
    install(Signal::SIGTERM, SigHandler::SigDfl, SaFlags::empty())?;
    install(Signal::SIGINT, SigHandler::SigDfl, SaFlags::empty())?;
    install(Signal::SIGCHLD, SigHandler::SigDfl, SaFlags::empty())?;
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
