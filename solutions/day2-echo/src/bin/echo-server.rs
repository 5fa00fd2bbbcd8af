//! Day 2 — TCP echo server (reference solution).
//!
//! `echo-server <port>`: listens on the wildcard address, prints `listening on <ip>:<port>`,
//! then serves clients one after another, sending back every byte until the client's EOF.

use std::io::Write;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::process::ExitCode;

use nix::errno::Errno;
use nix::sys::socket::{
    self, AddressFamily, Backlog, MsgFlags, SockFlag, SockType, SockaddrIn, sockopt,
};
use nix::unistd;

fn main() -> ExitCode {
    let port = match std::env::args().nth(1).map(|a| a.parse::<u16>()) {
        Some(Ok(port)) => port,
        _ => {
            eprintln!("echo-server: usage: echo-server <port>   (0 lets the kernel choose)");
            return ExitCode::FAILURE;
        }
    };
    match serve(port) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("echo-server: {message}");
            ExitCode::FAILURE
        }
    }
}

/// socket → setsockopt(SO_REUSEADDR) → bind → listen → getsockname, then accept forever.
fn serve(port: u16) -> Result<(), String> {
    // C: int fd = socket(AF_INET, SOCK_STREAM, 0);
    let listener = socket::socket(
        AddressFamily::Inet,
        SockType::Stream,
        SockFlag::empty(),
        None,
    )
    .map_err(|e| format!("socket: {e}"))?;
    // SO_REUSEADDR before bind: a restarted server may bind its port while connections of the
    // previous run still wait in TIME_WAIT.
    socket::setsockopt(&listener, sockopt::ReuseAddr, &true)
        .map_err(|e| format!("setsockopt(SO_REUSEADDR): {e}"))?;
    // INADDR_ANY (0.0.0.0): every local interface; port 0 lets the kernel choose.
    let address = SockaddrIn::new(0, 0, 0, 0, port);
    socket::bind(listener.as_raw_fd(), &address)
        .map_err(|e| format!("bind to port {port}: {e}"))?;
    socket::listen(
        &listener,
        Backlog::new(128).map_err(|e| format!("backlog: {e}"))?,
    )
    .map_err(|e| format!("listen: {e}"))?;
    // The real port, as the kernel assigned it.
    let local: SockaddrIn =
        socket::getsockname(listener.as_raw_fd()).map_err(|e| format!("getsockname: {e}"))?;
    println!("listening on {}:{}", local.ip(), local.port());
    std::io::stdout()
        .flush()
        .map_err(|e| format!("stdout: {e}"))?;

    loop {
        // accept() returns a *new* socket for this client; the listener keeps listening.
        let client = match socket::accept(listener.as_raw_fd()) {
            // SAFETY: accept just returned this descriptor and nothing else owns it.
            Ok(fd) => unsafe { OwnedFd::from_raw_fd(fd) },
            // A signal, or a client that gave up while queued: just accept the next one.
            Err(Errno::EINTR | Errno::ECONNABORTED) => continue,
            Err(e) => return Err(format!("accept: {e}")),
        };
        // A client that resets or vanishes costs only its own connection.
        if let Err(e) = echo(&client) {
            eprintln!("echo-server: client dropped: {e}");
        }
        // Dropping `client` closes it: the client sees EOF, and no socket lingers in
        // CLOSE_WAIT on our side.
    }
}

/// Send back everything the client sends, until it shuts down its side (read returns 0).
fn echo(client: &OwnedFd) -> nix::Result<()> {
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match unistd::read(client, &mut buf) {
            Ok(0) => return Ok(()), // EOF: the client is done sending
            Ok(n) => n,
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(e),
        };
        send_all(client, &buf[..n])?;
    }
}

/// send() may take fewer bytes than offered (a short write), e.g. when a signal interrupts
/// it once some bytes are queued: keep sending from where it stopped.
fn send_all(fd: &OwnedFd, mut data: &[u8]) -> nix::Result<()> {
    while !data.is_empty() {
        // MSG_NOSIGNAL: a vanished peer gives EPIPE instead of killing us with SIGPIPE.
        match socket::send(fd.as_raw_fd(), data, MsgFlags::MSG_NOSIGNAL) {
            Ok(n) => data = &data[n..],
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(())
}
