//! Day 5 — a logging echo server: a pipe between processes (reference solution).
//!
//! `store-server <port> <file>`: at start the server creates a pipe and forks one logger child,
//! which closes the pipe's write end, reads lines from the pipe and appends them to `<file>`
//! (opened with O_CREAT | O_WRONLY | O_APPEND, mode 0644, never truncated) as they come. The
//! parent closes the read end, prints `listening on <ip>:<port>`, then serves clients as
//! day3-fork does: a child per client, children reaped on SIGCHLD with waitpid(WNOHANG) in a
//! loop. Each client child closes the listening socket, echoes its client's bytes back, and
//! writes every complete line it receives to the pipe with one write per line (lines are at
//! most 512 bytes, so each write is atomic: PIPE_BUF). On SIGTERM or SIGINT the parent stops
//! accepting, sends SIGTERM to the client children and waits for them, closes its write end so
//! that the logger sees EOF, waits for the logger (which exits 0 once everything is written),
//! then prints `bye` and exits 0.

use std::io::Write;
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use nix::errno::Errno;
use nix::fcntl::{self, OFlag};
use nix::poll::{PollFd, PollFlags, ppoll};
use nix::sys::signal::{self, SaFlags, SigAction, SigHandler, SigSet, SigmaskHow, Signal};
use nix::sys::socket::{
    self, AddressFamily, Backlog, MsgFlags, SockFlag, SockType, SockaddrIn, sockopt,
};
use nix::sys::stat::Mode;
use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
use nix::unistd::{self, ForkResult, Pid};

/// Set by the SIGTERM and SIGINT handler: stop accepting and shut down.
static STOP: AtomicBool = AtomicBool::new(false);

extern "C" fn on_stop(_: nix::libc::c_int) {
    STOP.store(true, Ordering::SeqCst);
}

/// SIGCHLD: reap every finished child (signals do not queue: one may stand for several).
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
    // SAFETY: the handlers only store to an atomic or call waitpid: async-signal-safe.
    unsafe { signal::sigaction(signal, &action) }
        .map(drop)
        .map_err(|e| format!("sigaction({signal}): {e}"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let parsed = match args.as_slice() {
        [port, file] => port.parse::<u16>().ok().map(|p| (p, file.clone())),
        _ => None,
    };
    let Some((port, file)) = parsed else {
        eprintln!(
            "store-server: usage: store-server <port> <file>   (port 0 lets the kernel choose)"
        );
        return ExitCode::FAILURE;
    };
    match serve(port, &file) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("store-server: {message}");
            ExitCode::FAILURE
        }
    }
}

fn serve(port: u16, path: &str) -> Result<(), String> {
    // Opened here, before the fork, so that a file that cannot be opened is this process's
    // error (one line, status 1) instead of a logger that dies unseen. Never O_TRUNC.
    let file = fcntl::open(
        path,
        OFlag::O_CREAT | OFlag::O_WRONLY | OFlag::O_APPEND | OFlag::O_CLOEXEC,
        Mode::from_bits_truncate(0o644),
    )
    .map_err(|e| format!("open {path}: {e}"))?;
    let (read_end, write_end) = unistd::pipe().map_err(|e| format!("pipe: {e}"))?;
    // SAFETY: one thread, so the child may run ordinary code.
    let logger = match unsafe { unistd::fork() } {
        Ok(ForkResult::Child) => {
            // The logger's copy of the write end must go: while any write end is open, its
            // read never returns 0 and it never ends.
            drop(write_end);
            std::process::exit(log_lines(&read_end, &file));
        }
        Ok(ForkResult::Parent { child }) => child,
        Err(e) => return Err(format!("fork: {e}")),
    };
    // The parent only writes (through its children): the read end and the file are the
    // logger's.
    drop(read_end);
    drop(file);

    install(
        Signal::SIGCHLD,
        SigHandler::Handler(reap_children),
        SaFlags::SA_RESTART | SaFlags::SA_NOCLDSTOP,
    )?;
    // SIGTERM and SIGINT are blocked but inside ppoll, which unblocks them for the wait only:
    // one that comes while the loop forks or reaps waits, pending, and interrupts the next
    // ppoll at once. (A flag and a blocking accept() would lose one that comes between the
    // test of the flag and the call, or while the SIGCHLD handler runs: SIGCHLD's SA_RESTART
    // restarts the accept and the flag is never looked at.)
    let mut stop = SigSet::empty();
    stop.add(Signal::SIGTERM);
    stop.add(Signal::SIGINT);
    let during_wait = stop
        .thread_swap_mask(SigmaskHow::SIG_BLOCK)
        .map_err(|e| format!("sigprocmask: {e}"))?;
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

    let listener = listen_on(port)?;
    let mut clients: Vec<Pid> = Vec::new();
    while !STOP.load(Ordering::SeqCst) {
        let mut fds = [PollFd::new(listener.as_fd(), PollFlags::POLLIN)];
        match ppoll(&mut fds, None, Some(during_wait)) {
            Ok(_) => {}
            // A signal: SIGTERM or SIGINT (the loop looks at STOP), or SIGCHLD.
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(format!("ppoll: {e}")),
        }
        let conn = match socket::accept(listener.as_raw_fd()) {
            // SAFETY: accept just returned this descriptor and nothing else owns it.
            Ok(fd) => unsafe { OwnedFd::from_raw_fd(fd) },
            Err(Errno::EINTR | Errno::ECONNABORTED) => continue,
            Err(e) => return Err(format!("accept: {e}")),
        };
        // SAFETY: one thread, so the child may run ordinary code.
        match unsafe { unistd::fork() } {
            Ok(ForkResult::Child) => {
                drop(listener);
                std::process::exit(serve_client(&conn, &write_end));
            }
            Ok(ForkResult::Parent { child }) => clients.push(child),
            Err(e) => eprintln!("store-server: fork: {e}"),
        }
        // Forget the children that are gone (reaped by the handler: ECHILD).
        clients.retain(|&c| waitpid(c, Some(WaitPidFlag::WNOHANG)) == Ok(WaitStatus::StillAlive));
    }
    shut_down(listener, clients, write_end, logger)
}

/// The clean exit, in the contract's order: no more clients; the client children stopped and
/// waited for; the parent's write end closed, so that the logger's read returns 0 once the pipe
/// is empty; the logger waited for, so that `bye` means the file is complete.
fn shut_down(
    listener: OwnedFd,
    clients: Vec<Pid>,
    write_end: OwnedFd,
    logger: Pid,
) -> Result<(), String> {
    drop(listener);
    // From here on this process waits for its children itself: the handler must not take
    // them first.
    let mut chld = SigSet::empty();
    chld.add(Signal::SIGCHLD);
    signal::sigprocmask(SigmaskHow::SIG_BLOCK, Some(&chld), None)
        .map_err(|e| format!("sigprocmask: {e}"))?;
    for &child in &clients {
        let _ = signal::kill(child, Signal::SIGTERM);
    }
    for child in clients {
        wait_for(child)?;
    }
    drop(write_end);
    wait_for(logger)?;
    println!("bye");
    std::io::stdout()
        .flush()
        .map_err(|e| format!("stdout: {e}"))
}

/// Wait until `child` has ended (ECHILD: it was reaped already).
fn wait_for(child: Pid) -> Result<(), String> {
    loop {
        match waitpid(child, None) {
            Ok(WaitStatus::Exited(..) | WaitStatus::Signaled(..)) | Err(Errno::ECHILD) => {
                return Ok(());
            }
            Ok(_) | Err(Errno::EINTR) => continue,
            Err(e) => return Err(format!("waitpid: {e}")),
        }
    }
}

/// The logger: copy the pipe to the file until EOF. What comes out of the pipe is whole lines
/// one after another (each was one atomic write), so the bytes are copied as they come. Ctrl-C
/// sends SIGINT to every process of the terminal's foreground group, the logger included: it
/// ignores SIGINT and SIGTERM, so it ends only at EOF, with everything written.
fn log_lines(pipe: &OwnedFd, file: &OwnedFd) -> i32 {
    let ignore = [Signal::SIGINT, Signal::SIGTERM]
        .into_iter()
        .try_for_each(|s| install(s, SigHandler::SigIgn, SaFlags::empty()));
    if ignore.is_err() {
        return 1;
    }
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match unistd::read(pipe, &mut buf) {
            Ok(0) => return 0,
            Ok(n) => {
                if write_all(file, &buf[..n]).is_err() {
                    return 1;
                }
            }
            Err(Errno::EINTR) => continue,
            Err(_) => return 1,
        }
    }
}

/// In a client's child: echo every byte, and write every complete line to the pipe in one
/// write of its own. Returns the exit status.
fn serve_client(conn: &OwnedFd, pipe: &OwnedFd) -> i32 {
    // The parent's handlers and mask are inherited: the parent's SIGTERM must end this child
    // (the default action, and not blocked), and its SIGCHLD handler has nothing to do here.
    for s in [Signal::SIGTERM, Signal::SIGINT, Signal::SIGCHLD] {
        if install(s, SigHandler::SigDfl, SaFlags::empty()).is_err() {
            return 1;
        }
    }
    let mut stop = SigSet::empty();
    stop.add(Signal::SIGTERM);
    stop.add(Signal::SIGINT);
    if signal::sigprocmask(SigmaskHow::SIG_UNBLOCK, Some(&stop), None).is_err() {
        return 1;
    }
    let mut line: Vec<u8> = Vec::new();
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        let n = match unistd::read(conn, &mut buf) {
            // A partial line left at EOF is not a line: it is not logged.
            Ok(0) => return 0,
            Ok(n) => n,
            Err(Errno::EINTR) => continue,
            Err(_) => return 1,
        };
        if send_all(conn, &buf[..n]).is_err() {
            return 1;
        }
        line.extend_from_slice(&buf[..n]);
        let mut start = 0;
        while let Some(at) = line[start..].iter().position(|&b| b == b'\n') {
            // One write per line: at most PIPE_BUF bytes, so no other child's line can come
            // into the middle of it.
            if write_all(pipe, &line[start..start + at + 1]).is_err() {
                return 1;
            }
            start += at + 1;
        }
        line.drain(..start);
    }
}

/// Write all of `data` (a pipe takes a write of at most PIPE_BUF whole; a file may take less).
fn write_all(fd: &OwnedFd, mut data: &[u8]) -> nix::Result<()> {
    while !data.is_empty() {
        match unistd::write(fd, data) {
            Ok(n) => data = &data[n..],
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

fn send_all(fd: &OwnedFd, mut data: &[u8]) -> nix::Result<()> {
    while !data.is_empty() {
        // MSG_NOSIGNAL: a client that resets costs an EPIPE, not the child (SIGPIPE).
        match socket::send(fd.as_raw_fd(), data, MsgFlags::MSG_NOSIGNAL) {
            Ok(n) => data = &data[n..],
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// The listening socket on the wildcard address, and its line on stdout.
fn listen_on(port: u16) -> Result<OwnedFd, String> {
    let fd = socket::socket(
        AddressFamily::Inet,
        SockType::Stream,
        SockFlag::SOCK_CLOEXEC,
        None,
    )
    .map_err(|e| format!("socket: {e}"))?;
    socket::setsockopt(&fd, sockopt::ReuseAddr, &true)
        .map_err(|e| format!("setsockopt(SO_REUSEADDR): {e}"))?;
    socket::bind(fd.as_raw_fd(), &SockaddrIn::new(0, 0, 0, 0, port))
        .map_err(|e| format!("bind to port {port}: {e}"))?;
    socket::listen(&fd, Backlog::new(128).map_err(|e| format!("backlog: {e}"))?)
        .map_err(|e| format!("listen: {e}"))?;
    let local: SockaddrIn =
        socket::getsockname(fd.as_raw_fd()).map_err(|e| format!("getsockname: {e}"))?;
    println!("listening on {}:{}", local.ip(), local.port());
    std::io::stdout()
        .flush()
        .map_err(|e| format!("stdout: {e}"))?;
    Ok(fd)
}
