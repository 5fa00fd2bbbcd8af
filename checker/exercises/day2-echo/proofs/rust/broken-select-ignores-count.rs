//! A broken version of echo-server (and of day5-poll's poll-server, which is the same contract),
//! kept by the project's tests: the select(2) server of the C textbooks (one thread, blocking client sockets, a read set only), which echoes each read
//! with one write() and ignores the count write() returns. A write interrupted after it has
//! sent part of its bytes returns that part, and the rest is lost.

use std::io::Write;
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd};
use std::process::ExitCode;

use nix::errno::Errno;
use nix::sys::select::{FdSet, select};
use nix::sys::socket::{
    self, AddressFamily, Backlog, SockFlag, SockType, SockaddrIn, sockopt,
};
use nix::unistd;

/// The C examples' BUF_SIZE.
const BUF_SIZE: usize = 1024;

/// The program's name, as it was started: echo-server or poll-server.
fn name() -> String {
    let arg0 = std::env::args().next().unwrap_or_default();
    arg0.rsplit('/').next().unwrap_or_default().to_string()
}

fn main() -> ExitCode {
    let name = name();
    let port = match std::env::args().nth(1).map(|a| a.parse::<u16>()) {
        Some(Ok(port)) => port,
        _ => {
            eprintln!("{name}: usage: {name} <port>   (0 lets the kernel choose)");
            return ExitCode::FAILURE;
        }
    };
    match serve(port) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{name}: {message}");
            ExitCode::FAILURE
        }
    }
}

fn serve(port: u16) -> Result<(), String> {
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
    socket::listen(&listener, Backlog::new(5).map_err(|e| format!("backlog: {e}"))?)
        .map_err(|e| format!("listen: {e}"))?;
    let local: SockaddrIn =
        socket::getsockname(listener.as_raw_fd()).map_err(|e| format!("getsockname: {e}"))?;
    println!("listening on {}:{}", local.ip(), local.port());
    std::io::stdout()
        .flush()
        .map_err(|e| format!("stdout: {e}"))?;

    let mut clients: Vec<OwnedFd> = Vec::new();
    let mut buf = [0u8; BUF_SIZE];
    loop {
        let mut reads = FdSet::new();
        reads.insert(listener.as_fd());
        for c in &clients {
            reads.insert(c.as_fd());
        }
        match select(None, &mut reads, None, None, None) {
            Ok(_) => {}
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(format!("select: {e}")),
        }
        let ready: Vec<bool> = clients.iter().map(|c| reads.contains(c.as_fd())).collect();
        let listener_ready = reads.contains(listener.as_fd());
        let mut closed = vec![false; clients.len()];
        for (i, c) in clients.iter().enumerate() {
            if !ready[i] {
                continue;
            }
            match unistd::read(c, &mut buf) {
                Ok(0) | Err(_) => closed[i] = true,
                // The bug: one write, its count ignored.
                Ok(n) => {
                    let _ = unistd::write(c, &buf[..n]);
                }
            }
        }
        let mut index = 0;
        clients.retain(|_| {
            let keep = !closed[index];
            index += 1;
            keep
        });
        if listener_ready {
            match socket::accept(listener.as_raw_fd()) {
                // SAFETY: accept just returned this descriptor and nothing else owns it.
                Ok(fd) => clients.push(unsafe { OwnedFd::from_raw_fd(fd) }),
                Err(e) => eprintln!("{}: accept: {e}", name()),
            }
        }
    }
}
