//! Day 2 — TCP echo server.
//!
//! Read course.md#echo-walkthrough (한국어: course.ko.md#echo-walkthrough) and course.md#day2-echo (한국어: course.ko.md#day2-echo), then replace the `todo!()`s below.
//! Grade yourself with `cargo run -p checker day2-echo`; try it by hand with
//! `cargo run -p day2-echo --bin echo-server -- 7000` and, in another terminal,
//! `printf 'hello\n' | nc -N 127.0.0.1 7000`.
//!
//! Contract: `echo-server <port>` (0 = let the kernel choose) binds the wildcard address, sets
//! SO_REUSEADDR, listens, prints exactly `listening on <ip>:<port>` (the real port, from
//! getsockname) and flushes; then serves clients one after another, sending back every byte a
//! client sends until its EOF, closing that connection, and accepting the next. A client that
//! resets or vanishes costs only its own connection. Runs until killed.
//! Rules: the socket calls are nix's (no std::net::TcpListener/TcpStream; see clippy.toml).
//!
//! Lines that start with `//>` are hint code: each compiles as it stands, in its place, once
//! the `//>` is removed (`checker verify` builds them so). They show the calls, not the answer.

// Keeps the compiler quiet while the stubs are unfinished; remove it when you are done.
#![allow(unused_imports, unused_variables, dead_code)]

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
            // An expected error (the port is taken, ...): one line on stderr, status 1.
            eprintln!("echo-server: {message}");
            ExitCode::FAILURE
        }
    }
}

/// socket → setsockopt(SO_REUSEADDR) → bind → listen → getsockname → print, then accept
/// clients forever. Return `Err` with a one-line message if a step fails.
fn serve(port: u16) -> Result<(), String> {
    // Each nix call returns Result<_, Errno>, and this function returns Result<(), String>:
    // `?` alone does not compile here (no conversion from Errno to String). Turn each error
    // into a one-line message with map_err, then `?`.
    // TODO 1. C: int fd = socket(AF_INET, SOCK_STREAM, 0);
    //         nix returns an OwnedFd: dropping it closes the socket.
    //> let fd = socket::socket(AddressFamily::Inet, SockType::Stream, SockFlag::empty(), None)
    //>     .map_err(|e| format!("socket: {e}"))?;
    // TODO 2. C: int one = 1; setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    //         — before bind!
    //> socket::setsockopt(&fd, sockopt::ReuseAddr, &true)
    //>     .map_err(|e| format!("setsockopt(SO_REUSEADDR): {e}"))?;
    // TODO 3. C: struct sockaddr_in a = { AF_INET, htons(port), { INADDR_ANY } };
    //            bind(fd, (struct sockaddr *)&a, sizeof a);
    //> socket::bind(fd.as_raw_fd(), &SockaddrIn::new(0, 0, 0, 0, port))
    //>     .map_err(|e| format!("bind to port {port}: {e}"))?;
    // TODO 4. C: listen(fd, 128);
    //> let backlog = Backlog::new(128).map_err(|e| format!("backlog: {e}"))?;
    //> socket::listen(&fd, backlog).map_err(|e| format!("listen: {e}"))?;
    // TODO 5. C: getsockname(fd, (struct sockaddr *)&a, &len);  — the port the kernel chose
    //> let local: SockaddrIn =
    //>     socket::getsockname(fd.as_raw_fd()).map_err(|e| format!("getsockname: {e}"))?;
    //> println!("listening on {local}"); // SockaddrIn prints as a.b.c.d:port
    //> std::io::stdout().flush().map_err(|e| format!("stdout: {e}"))?;
    // TODO 6. C: for (;;) { int c = accept(fd, NULL, NULL); ... }
    //         nix's accept returns a RawFd: own it with OwnedFd::from_raw_fd so that dropping it
    //         closes it. Retry on EINTR and ECONNABORTED; then echo(&client), report its error
    //         on stderr, and go on with the next client.
    //> loop {
    //>     let client = match socket::accept(fd.as_raw_fd()) {
    //>         // SAFETY: accept just returned this descriptor, and nothing else owns it.
    //>         Ok(c) => unsafe { OwnedFd::from_raw_fd(c) },
    //>         Err(Errno::EINTR | Errno::ECONNABORTED) => continue,
    //>         Err(e) => return Err(format!("accept: {e}")),
    //>     };
    //>     if let Err(e) = echo(&client) {
    //>         eprintln!("echo-server: a client: {e}"); // then on with the next client
    //>     } // dropping `client` here closes it
    //> }
    todo!("create the listening socket, print the listening line, then accept clients")
}

/// Send back everything the client sends until it shuts down its side.
fn echo(client: &OwnedFd) -> nix::Result<()> {
    // TODO C: while ((n = read(c, buf, sizeof buf)) > 0) send_all(c, buf, n);
    //      Ok(0) is EOF: the client is done. Retry on EINTR. Use a Vec<u8> or [u8] buffer,
    //      never a String: the bytes may be anything.
    //> let mut buf = [0u8; 16 * 1024];
    //> let n = unistd::read(client, &mut buf)?; // 0 = EOF
    //> send_all(client, &buf[..n])?;
    todo!("read from the client and send every byte back until EOF")
}

/// Send all of `data`, however many calls it takes.
fn send_all(fd: &OwnedFd, data: &[u8]) -> nix::Result<()> {
    // TODO C: ssize_t n = send(fd, data, len, MSG_NOSIGNAL);
    //      send may take only part of the data (a short write): loop from where it stopped.
    //      Retry on EINTR.
    //> let n = socket::send(fd.as_raw_fd(), data, MsgFlags::MSG_NOSIGNAL)?; // n <= data.len()
    todo!("send the whole buffer, looping over short writes")
}
