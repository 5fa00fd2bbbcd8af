//! Day 3 — file transfer with a half-close, the server.
//!
//! Read course.md#shutdown (한국어: course.ko.md#shutdown), course.md#half-close (한국어: course.ko.md#half-close) and course.md#day3-shutdown (한국어: course.ko.md#day3-shutdown), then replace the
//! `todo!()`s below. Grade yourself with `cargo run -p checker day3-shutdown`.
//!
//! Contract: `file-server <port> <file>` prints `listening on <ip>:<port>`; for each client:
//! sends the whole file, then `shutdown(SHUT_WR)`, then reads the client's message until EOF and
//! prints `client says: <message>` on stdout, then closes and serves the next client.
//!
//! Lines that start with `//>` are hint code: each compiles as it stands, in its place, once
//! the `//>` is removed (`checker verify` builds them so). They show the calls, not the answer.

// Keeps the compiler quiet while the stub is unfinished; remove it when you are done.
#![allow(unused_imports, unused_variables, dead_code)]

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

/// An expected error: one line on stderr, exit status 1.
fn fail(message: &str) -> ExitCode {
    eprintln!("file-server: {message}");
    ExitCode::FAILURE
}

fn serve(port: u16, path: &str) -> Result<(), String> {
    // TODO 1. Read the file (std::fs::read is fine), then make the listening socket as in
    //         day2-echo: socket, SO_REUSEADDR, bind, listen, getsockname, print the line.
    //> let content = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    // TODO 2. For each accepted client: call transfer(); print `client says: <message>` (and
    //         flush); close the client's socket (drop it); accept the next.
    todo!("listen, then for each client transfer the file and print what the client says")
}

/// Send the file, half-close, and read the client's answer until its EOF.
fn transfer(client: &OwnedFd, content: &[u8]) -> nix::Result<String> {
    // TODO 1. Send all of `content` (loop over short sends; MSG_NOSIGNAL).
    // TODO 2. C: shutdown(fd, SHUT_WR);
    //         nix: socket::shutdown(client.as_raw_fd(), Shutdown::Write)
    //         The client's read now returns 0 once it has the whole file — and our side stays
    //         open for reading. (close() here would lose the client's answer.)
    // TODO 3. Read until read() returns 0: that is the client's whole message.
    //> let sent = socket::send(client.as_raw_fd(), content, MsgFlags::MSG_NOSIGNAL)?; // short?
    //> socket::shutdown(client.as_raw_fd(), Shutdown::Write)?;
    //> let mut buf = [0u8; 4096];
    //> let n = unistd::read(client, &mut buf)?; // 0 = the client's EOF: the message is complete
    //> let piece = String::from_utf8_lossy(&buf[..n]);
    todo!("send the file, shutdown(SHUT_WR), then read the client's message until EOF")
}
