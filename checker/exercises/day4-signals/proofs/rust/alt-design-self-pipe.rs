//! Day 4 — the fork server with signals (alternative design: the self-pipe trick).
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
//! How the parent takes its signals: one handler for SIGUSR1, SIGTERM, SIGINT and SIGCHLD
//! writes one byte — the signal's number — to a non-blocking pipe. The main loop waits in
//! poll() on the listening socket and the pipe's read end, and reads from the pipe which
//! signals came. Nothing is decided in the handler, and no signal can slip in unseen between a
//! check and the wait: a byte written just before poll() makes it return at once.

use std::io::Write;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, IntoRawFd, OwnedFd};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::signal::{self, SaFlags, SigAction, SigHandler, SigSet, SigmaskHow, Signal};
use nix::sys::socket::{
    self, AddressFamily, Backlog, MsgFlags, SockFlag, SockType, SockaddrIn, sockopt,
};
use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
use nix::unistd::{self, ForkResult, Pid, alarm};

/// The write end of the self-pipe, for the handler (-1: none). A handler cannot capture
/// anything, so the descriptor number is shared through an atomic.
static WAKE_FD: AtomicI32 = AtomicI32::new(-1);
/// Set by the SIGALRM handler, in a child: its client has been idle too long.
static IDLE: AtomicBool = AtomicBool::new(false);

/// The signals the parent takes through the self-pipe.
const PARENT_SIGNALS: [Signal; 4] = [
    Signal::SIGUSR1,
    Signal::SIGTERM,
    Signal::SIGINT,
    Signal::SIGCHLD,
];

/// The parent's handler: write the signal's number, as one byte, to the self-pipe. write(2) is
/// async-signal-safe; the pipe is non-blocking, so a full pipe (the loop then has plenty to
/// read already) costs an EAGAIN, never a hung process. errno is saved and restored for the
/// interrupted code.
extern "C" fn on_signal(signo: nix::libc::c_int) {
    let saved = Errno::last_raw();
    let fd = WAKE_FD.load(Ordering::SeqCst);
    if fd >= 0 {
        // Every signal number fits in a byte (they go up to 64).
        let byte = [signo as u8];
        // SAFETY: the write end stays open for as long as this handler is installed.
        let _ = unistd::write(unsafe { BorrowedFd::borrow_raw(fd) }, &byte);
    }
    Errno::set_raw(saved);
}

extern "C" fn on_alarm(_: nix::libc::c_int) {
    IDLE.store(true, Ordering::SeqCst);
}

fn install(signal: Signal, handler: SigHandler, flags: SaFlags) -> Result<(), String> {
    let action = SigAction::new(handler, flags, SigSet::empty());
    // SAFETY: every handler of this program only calls write (to a non-blocking pipe, errno
    // saved) or stores to an atomic, both async-signal-safe.
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

/// What the signals read from the self-pipe ask for.
#[derive(Default)]
struct Wanted {
    stats: bool,
    stop: bool,
    reap: bool,
}

/// Read every byte waiting in the self-pipe, and note what each signal asks for.
fn read_signals(pipe: &OwnedFd, wanted: &mut Wanted) -> Result<(), String> {
    let mut buf = [0u8; 256];
    loop {
        let n = match unistd::read(pipe, &mut buf) {
            Ok(0) | Err(Errno::EAGAIN) => return Ok(()),
            Ok(n) => n,
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(format!("read(self-pipe): {e}")),
        };
        for &byte in &buf[..n] {
            match Signal::try_from(i32::from(byte)) {
                Ok(Signal::SIGUSR1) => wanted.stats = true,
                Ok(Signal::SIGTERM | Signal::SIGINT) => wanted.stop = true,
                Ok(Signal::SIGCHLD) => wanted.reap = true,
                _ => {}
            }
        }
    }
}

/// Reap every child that has ended: one SIGCHLD may stand for many children, so loop until
/// waitpid has nothing more to give (`StillAlive`, or `ECHILD`: no children at all).
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
    // The self-pipe, both ends non-blocking: the handler must never block on a full pipe, and
    // the loop reads it until EAGAIN.
    let (wake_read, wake_write) =
        unistd::pipe2(OFlag::O_NONBLOCK).map_err(|e| format!("pipe2: {e}"))?;
    // The write end is never closed in the parent: a handler may run at any moment until the
    // process ends, and must not write to a closed (or reused) descriptor number.
    WAKE_FD.store(wake_write.into_raw_fd(), Ordering::SeqCst);

    // SA_RESTART: the byte in the pipe is what wakes the loop (poll() itself is never
    // restarted), so the other calls — a write of `bye` to a full stdout, a waitpid — may as
    // well go on by themselves. SA_NOCLDSTOP: no SIGCHLD when a child is merely stopped.
    for signal in PARENT_SIGNALS {
        let flags = match signal {
            Signal::SIGCHLD => SaFlags::SA_RESTART | SaFlags::SA_NOCLDSTOP,
            _ => SaFlags::SA_RESTART,
        };
        install(signal, SigHandler::Handler(on_signal), flags)?;
    }
    let mut parent_signals = SigSet::empty();
    for signal in PARENT_SIGNALS {
        parent_signals.add(signal);
    }

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
    std::io::stdout()
        .flush()
        .map_err(|e| format!("stdout: {e}"))?;

    let mut served: u64 = 0;
    let mut children: Vec<Pid> = Vec::new();
    loop {
        let mut fds = [
            PollFd::new(listener.as_fd(), PollFlags::POLLIN),
            PollFd::new(wake_read.as_fd(), PollFlags::POLLIN),
        ];
        match poll(&mut fds, PollTimeout::NONE) {
            Ok(_) => {}
            // A handler ran: its byte is in the pipe, and the next poll() returns at once.
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(format!("poll: {e}")),
        }
        let ready = |fd: &PollFd| fd.revents().is_some_and(|r| !r.is_empty());
        let (client_waiting, signalled) = (ready(&fds[0]), ready(&fds[1]));

        if signalled {
            let mut wanted = Wanted::default();
            read_signals(&wake_read, &mut wanted)?;
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
        // Block the parent's signals across fork: until the child has put its own
        // dispositions in place, a signal meant for it (a SIGTERM, say) must not run the
        // parent's handler there, which would write to the parent's pipe. Blocked, it waits
        // and then meets the child's own disposition.
        let mut old_mask = SigSet::empty();
        signal::sigprocmask(
            SigmaskHow::SIG_BLOCK,
            Some(&parent_signals),
            Some(&mut old_mask),
        )
        .map_err(|e| format!("sigprocmask: {e}"))?;
        // SAFETY: single-threaded, so the child may do anything after fork.
        match unsafe { unistd::fork() } {
            Ok(ForkResult::Child) => {
                drop(listener);
                let status = match child_setup(wake_read, &old_mask) {
                    Ok(()) => serve_client(&client, idle),
                    Err(_) => 1,
                };
                std::process::exit(status);
            }
            Ok(ForkResult::Parent { child }) => children.push(child),
            Err(e) => eprintln!("signal-server: fork: {e}"),
        }
        signal::sigprocmask(SigmaskHow::SIG_SETMASK, Some(&old_mask), None)
            .map_err(|e| format!("sigprocmask: {e}"))?;
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

/// In a new child, its parent's signals still blocked: give it the behaviour it needs, then
/// unblock. SIGTERM and SIGINT end it (the default); SIGCHLD is of no interest; SIGUSR1 is the
/// parent's business. The self-pipe goes too: it is the parent's, and the handlers that wrote
/// to it are gone.
fn child_setup(wake_read: OwnedFd, old_mask: &SigSet) -> Result<(), String> {
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
    let write_end = WAKE_FD.swap(-1, Ordering::SeqCst);
    // SAFETY: the write end's number came from into_raw_fd, and nothing else owns it; this
    // takes it back once, to close it.
    drop(unsafe { OwnedFd::from_raw_fd(write_end) });
    drop(wake_read);
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
