//! Day 3 — file transfer with a half-close, the server (reference solution).
//!
//! `file-server <port> <file>`: prints `listening on <ip>:<port>`; for each client sends the
//! whole file, then `shutdown(SHUT_WR)` — the client's read returns 0, so it knows the file is
//! complete — then reads the client's receipt until EOF, prints `client says: <message>`, closes
//! and serves the next client.

use std::io::Write;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::process::ExitCode;

use nix::errno::Errno;
use nix::sys::socket::{
    self, AddressFamily, Backlog, MsgFlags, Shutdown, SockFlag, SockType, SockaddrIn, sockopt,
};
use nix::unistd;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (port, path) = match args.as_slice() {
        [port, path] => match port.parse::<u16>() {
            Ok(port) => (port, path.clone()),
            Err(_) => return fail(&format!("not a port: {port}")),
        },
        _ => return fail("usage: file-server <port> <file>"),
    };
    match serve(port, &path) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => fail(&message),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("file-server: {message}");
    ExitCode::FAILURE
}

fn serve(port: u16, path: &str) -> Result<(), String> {
    let content = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
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

    loop {
        let client = match socket::accept(listener.as_raw_fd()) {
            // SAFETY: accept just returned this descriptor and nothing else owns it.
            Ok(fd) => unsafe { OwnedFd::from_raw_fd(fd) },
            Err(Errno::EINTR | Errno::ECONNABORTED) => continue,
            Err(e) => return Err(format!("accept: {e}")),
        };
        match transfer(&client, &content) {
            Ok(message) => {
                println!("client says: {message}");
                std::io::stdout()
                    .flush()
                    .map_err(|e| format!("stdout: {e}"))?;
            }
            Err(e) => eprintln!("file-server: client dropped: {e}"),
        }
        // Dropping `client` closes the socket: shutdown() only ended one direction.
    }
}

/// Send the file, half-close, and read the client's answer until its EOF.
fn transfer(client: &OwnedFd, content: &[u8]) -> nix::Result<String> {
    send_all(client, content)?;
    // SHUT_WR sends a FIN after the data: the client reads 0 once it has everything. The
    // socket stays open for reading — close() here would lose the client's answer (and the
    // kernel would reset the connection when it arrived).
    socket::shutdown(client.as_raw_fd(), Shutdown::Write)?;
    let mut message = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match unistd::read(client, &mut buf) {
            Ok(0) => break,
            Ok(n) => message.extend_from_slice(&buf[..n]),
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(e),
        }
    }
    // A message may end with a newline: the line we print has its own.
    if message.last() == Some(&b'\n') {
        message.pop();
    }
    Ok(String::from_utf8_lossy(&message).into_owned())
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
