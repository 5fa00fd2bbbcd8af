//! Day 4 — the fork server with signals (alternative design: every handler with SA_RESTART,
//! and a listening socket with a receive timeout).
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
//! How the parent notices its flags: all its handlers are installed *with* SA_RESTART, and the
//! listening socket has a receive timeout (SO_RCVTIMEO, 100 ms), so accept() gives up with
//! EAGAIN ten times a second whatever happens; each time, the loop looks at the flags. (In
//! fact, signal(7) says an accept() on a socket with SO_RCVTIMEO is never restarted: a signal
//! makes it fail with EINTR at once, SA_RESTART or not. Either way the loop sees the flag within
//! 0.1 s, and every other call of the parent is restarted.)

use std::io::Write;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use nix::errno::Errno;
use nix::sys::signal::{self, SaFlags, SigAction, SigHandler, SigSet, Signal};
use nix::sys::socket::{
    self, AddressFamily, Backlog, MsgFlags, SockFlag, SockType, SockaddrIn, sockopt,
};
use nix::sys::time::{TimeVal, TimeValLike};
use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
use nix::unistd::{self, ForkResult, Pid, alarm};

/// How long accept() may wait before the loop looks at its flags again.
const FLAG_CHECK_MS: i64 = 100;

/// Set by the SIGUSR1 handler: print the statistics line.
static STATS_WANTED: AtomicBool = AtomicBool::new(false);
/// Set by the SIGINT/SIGTERM handler: shut down cleanly.
static STOP: AtomicBool = AtomicBool::new(false);
/// Set by the SIGALRM handler, in a child: its client has been idle too long.
static IDLE: AtomicBool = AtomicBool::new(false);

// The handlers only store to an atomic: that is async-signal-safe. Printing from a handler is
// not: println! takes the stdout lock, which the interrupted code may be holding.
extern "C" fn on_usr1(_: nix::libc::c_int) {
    STATS_WANTED.store(true, Ordering::SeqCst);
}

extern "C" fn on_stop(_: nix::libc::c_int) {
    STOP.store(true, Ordering::SeqCst);
}

extern "C" fn on_alarm(_: nix::libc::c_int) {
    IDLE.store(true, Ordering::SeqCst);
}

/// SIGCHLD: reap every finished child (signals don't queue, so loop). waitpid is
/// async-signal-safe; errno is saved and restored for the interrupted code.
extern "C" fn reap_children(_: nix::libc::c_int) {
    let saved = Errno::last_raw();
    while let Ok(status) = waitpid(None, Some(WaitPidFlag::WNOHANG)) {
        if status == WaitStatus::StillAlive {
            break;
        }
    }
    Errno::set_raw(saved);
}

fn install(signal: Signal, handler: SigHandler, flags: SaFlags) -> Result<(), String> {
    let action = SigAction::new(handler, flags, SigSet::empty());
    // SAFETY: every handler of this program only stores to an atomic or calls waitpid, both
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

fn serve(port: u16, idle: u32) -> Result<(), String> {
    // Every handler with SA_RESTART: no call of the parent is cut short by a signal (but the
    // accept() below, which the timeout wakes anyway). SA_NOCLDSTOP: no SIGCHLD when a child is
    // merely stopped.
    install(
        Signal::SIGCHLD,
        SigHandler::Handler(reap_children),
        SaFlags::SA_RESTART | SaFlags::SA_NOCLDSTOP,
    )?;
    install(
        Signal::SIGUSR1,
        SigHandler::Handler(on_usr1),
        SaFlags::SA_RESTART,
    )?;
    install(
        Signal::SIGTERM,
        SigHandler::Handler(on_stop),
        SaFlags::SA_RESTART,
    )?;
    install(
        Signal::SIGINT,
        SigHandler::Handler(on_stop),
        SaFlags::SA_RESTART,
    )?;

    let listener = socket::socket(
        AddressFamily::Inet,
        SockType::Stream,
        SockFlag::empty(),
        None,
    )
    .map_err(|e| format!("socket: {e}"))?;
    socket::setsockopt(&listener, sockopt::ReuseAddr, &true)
        .map_err(|e| format!("setsockopt(SO_REUSEADDR): {e}"))?;
    // C: struct timeval tv = { 0, 100000 };
    //    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    // accept() counts as a receive: it now waits 100 ms at most, then fails with EAGAIN.
    socket::setsockopt(
        &listener,
        sockopt::ReceiveTimeout,
        &TimeVal::milliseconds(FLAG_CHECK_MS),
    )
    .map_err(|e| format!("setsockopt(SO_RCVTIMEO): {e}"))?;
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
        if STOP.load(Ordering::SeqCst) {
            break;
        }
        if STATS_WANTED.swap(false, Ordering::SeqCst) {
            println!("served {served} clients");
            std::io::stdout()
                .flush()
                .map_err(|e| format!("stdout: {e}"))?;
        }
        let client = match socket::accept(listener.as_raw_fd()) {
            // SAFETY: accept just returned this descriptor and nothing else owns it.
            Ok(fd) => unsafe { OwnedFd::from_raw_fd(fd) },
            // EAGAIN: 100 ms without a client; EINTR: a signal (accept with a timeout is not
            // restarted). Either way: back to the top of the loop, which looks at the flags.
            Err(Errno::EAGAIN | Errno::EINTR | Errno::ECONNABORTED) => continue,
            Err(e) => return Err(format!("accept: {e}")),
        };
        served += 1;
        // SAFETY: single-threaded, so the child may do anything after fork.
        match unsafe { unistd::fork() } {
            Ok(ForkResult::Child) => {
                drop(listener);
                std::process::exit(serve_client(&client, idle));
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

/// In the child: echo with an idle timeout. Returns the exit status.
fn serve_client(client: &OwnedFd, idle: u32) -> i32 {
    // The parent's handlers are inherited: give the child the behaviour it needs. SIGTERM and
    // SIGINT end it (the default); SIGUSR1 is the parent's business.
    let child_setup = || -> Result<(), String> {
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
        // The connected socket inherited the listener's 100 ms receive timeout (Linux copies
        // it on accept): without clearing it, a read would give up with EAGAIN after 0.1 s of
        // silence. The idle timeout is the alarm's job. A zero timeval means "no timeout".
        socket::setsockopt(client, sockopt::ReceiveTimeout, &TimeVal::zero())
            .map_err(|e| format!("setsockopt(SO_RCVTIMEO): {e}"))
    };
    if child_setup().is_err() {
        return 1;
    }
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
