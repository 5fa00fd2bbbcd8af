//! An alternative design of store-server, kept by the project's tests. The logger is forked
//! first and opens the file itself. Each client's child writes a line into the pipe before it
//! echoes it. The shutdown closes the write end at once, stops the client children, and then
//! waits for every child, the logger included, until waitpid says ECHILD (the logger's EOF
//! comes once the client children are gone too). No handler uses SA_RESTART.
//!
//! `store-server <port> <file>`: as the reference (see its header).

use std::io::Write;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use nix::errno::Errno;
use nix::fcntl::{self, OFlag};
use nix::sys::signal::{self, SaFlags, SigAction, SigHandler, SigSet, Signal};
use nix::sys::socket::{
    self, AddressFamily, Backlog, MsgFlags, SockFlag, SockType, SockaddrIn, sockopt,
};
use nix::sys::stat::Mode;
use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
use nix::unistd::{self, ForkResult};

static STOP: AtomicBool = AtomicBool::new(false);

extern "C" fn on_stop(_: nix::libc::c_int) {
    STOP.store(true, Ordering::SeqCst);
}

extern "C" fn on_child(_: nix::libc::c_int) {
    let saved = Errno::last_raw();
    while let Ok(status) = waitpid(None, Some(WaitPidFlag::WNOHANG)) {
        if status == WaitStatus::StillAlive {
            break;
        }
    }
    Errno::set_raw(saved);
}

fn set(signal: Signal, handler: SigHandler) -> Result<(), String> {
    let action = SigAction::new(handler, SaFlags::empty(), SigSet::empty());
    // SAFETY: the handlers only store to atomics or call waitpid.
    unsafe { signal::sigaction(signal, &action) }
        .map(drop)
        .map_err(|e| format!("sigaction({signal}): {e}"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(port), Some(path)) = (
        args.first().and_then(|p| p.parse::<u16>().ok()),
        args.get(1).filter(|_| args.len() == 2),
    ) else {
        eprintln!("store-server: usage: store-server <port> <file>");
        return ExitCode::FAILURE;
    };
    match serve(port, path) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("store-server: {message}");
            ExitCode::FAILURE
        }
    }
}

fn serve(port: u16, path: &str) -> Result<(), String> {
    let (read_end, write_end) = unistd::pipe().map_err(|e| format!("pipe: {e}"))?;
    // SAFETY: one thread, so the child may run ordinary code.
    match unsafe { unistd::fork() } {
        Ok(ForkResult::Child) => {
            drop(write_end);
            std::process::exit(logger(&read_end, path));
        }
        Ok(ForkResult::Parent { .. }) => drop(read_end),
        Err(e) => return Err(format!("fork: {e}")),
    }
    set(Signal::SIGCHLD, SigHandler::Handler(on_child))?;
    set(Signal::SIGTERM, SigHandler::Handler(on_stop))?;
    set(Signal::SIGINT, SigHandler::Handler(on_stop))?;
    let listener = listen_on(port)?;
    let mut clients = Vec::new();
    loop {
        if STOP.load(Ordering::SeqCst) {
            break;
        }
        let conn = match socket::accept(listener.as_raw_fd()) {
            // SAFETY: accept just returned this descriptor and nothing else owns it.
            Ok(fd) => unsafe { OwnedFd::from_raw_fd(fd) },
            Err(Errno::EINTR | Errno::ECONNABORTED) => continue,
            Err(e) => return Err(format!("accept: {e}")),
        };
        // SAFETY: one thread.
        match unsafe { unistd::fork() } {
            Ok(ForkResult::Child) => {
                drop(listener);
                for s in [Signal::SIGTERM, Signal::SIGINT, Signal::SIGCHLD] {
                    let _ = set(s, SigHandler::SigDfl);
                }
                std::process::exit(serve_client(&conn, &write_end));
            }
            Ok(ForkResult::Parent { child }) => clients.push(child),
            Err(e) => eprintln!("store-server: fork: {e}"),
        }
    }
    drop(listener);
    drop(write_end);
    // Waited for below, with the rest: the handler must not take them first.
    let _ = set(Signal::SIGCHLD, SigHandler::SigDfl);
    for child in clients {
        if waitpid(child, Some(WaitPidFlag::WNOHANG)) == Ok(WaitStatus::StillAlive) {
            let _ = signal::kill(child, Signal::SIGTERM);
        }
    }
    loop {
        match waitpid(None, None) {
            Err(Errno::ECHILD) => break,
            Ok(_) | Err(Errno::EINTR) => continue,
            Err(e) => return Err(format!("waitpid: {e}")),
        }
    }
    println!("bye");
    std::io::stdout().flush().map_err(|e| format!("stdout: {e}"))
}

fn logger(pipe: &OwnedFd, path: &str) -> i32 {
    let _ = set(Signal::SIGINT, SigHandler::SigIgn);
    let _ = set(Signal::SIGTERM, SigHandler::SigIgn);
    let flags = OFlag::O_CREAT | OFlag::O_WRONLY | OFlag::O_APPEND;
    let Ok(file) = fcntl::open(path, flags, Mode::from_bits_truncate(0o644)) else {
        return 1;
    };
    let mut buf = [0u8; 8192];
    loop {
        match unistd::read(pipe, &mut buf) {
            Ok(0) => return 0,
            Ok(n) => {
                if write_all(&file, &buf[..n]).is_err() {
                    return 1;
                }
            }
            Err(Errno::EINTR) => continue,
            Err(_) => return 1,
        }
    }
}

fn serve_client(conn: &OwnedFd, pipe: &OwnedFd) -> i32 {
    let mut pending: Vec<u8> = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = match unistd::read(conn, &mut buf) {
            Ok(0) => return 0,
            Ok(n) => n,
            Err(Errno::EINTR) => continue,
            Err(_) => return 1,
        };
        pending.extend_from_slice(&buf[..n]);
        while let Some(at) = pending.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = pending.drain(..=at).collect();
            if write_all(pipe, &line).is_err() {
                return 1;
            }
        }
        if send_all(conn, &buf[..n]).is_err() {
            return 1;
        }
    }
}

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
        match socket::send(fd.as_raw_fd(), data, MsgFlags::MSG_NOSIGNAL) {
            Ok(n) => data = &data[n..],
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

fn listen_on(port: u16) -> Result<OwnedFd, String> {
    let fd = socket::socket(
        AddressFamily::Inet,
        SockType::Stream,
        SockFlag::SOCK_CLOEXEC,
        None,
    )
    .map_err(|e| format!("socket: {e}"))?;
    socket::setsockopt(&fd, sockopt::ReuseAddr, &true).map_err(|e| format!("SO_REUSEADDR: {e}"))?;
    socket::bind(fd.as_raw_fd(), &SockaddrIn::new(0, 0, 0, 0, port))
        .map_err(|e| format!("bind: {e}"))?;
    socket::listen(&fd, Backlog::new(128).map_err(|e| format!("backlog: {e}"))?)
        .map_err(|e| format!("listen: {e}"))?;
    let local: SockaddrIn =
        socket::getsockname(fd.as_raw_fd()).map_err(|e| format!("getsockname: {e}"))?;
    println!("listening on {}:{}", local.ip(), local.port());
    std::io::stdout().flush().map_err(|e| format!("stdout: {e}"))?;
    Ok(fd)
}
