//! Day 3 — UDP echo server.
//!
//! Read course.md#udp (한국어: course.ko.md#udp), course.md#datagram-boundaries (한국어: course.ko.md#datagram-boundaries) and course.md#day3-udp (한국어: course.ko.md#day3-udp), then replace the
//! `todo!()` below.
//! Grade yourself with `cargo run -p checker day3-udp`; try it by hand with
//! `cargo run -p day3-udp --bin udp-echo-server -- 7000` and `nc -u 127.0.0.1 7000`.
//!
//! Contract: `udp-echo-server <port>` (0 = let the kernel choose) binds the wildcard address,
//! prints exactly `listening on <ip>:<port>` (the real port, from getsockname) and flushes; then
//! sends every datagram back to the address it came from, unchanged, whatever its size from 0 to
//! 65507 bytes. Runs until killed; no datagram ever stops it.
//!
//! Lines that start with `//>` are hint code: each compiles as it stands, in its place, once
//! the `//>` is removed (`checker verify` builds them so). They show the calls, not the answer.

// Keeps the compiler quiet while the stub is unfinished; remove it when you are done.
#![allow(unused_imports, unused_variables, dead_code)]

use std::io::Write;
use std::os::fd::AsRawFd;
use std::process::ExitCode;

use nix::errno::Errno;
use nix::sys::socket::{self, AddressFamily, MsgFlags, SockFlag, SockType, SockaddrIn};

fn main() -> ExitCode {
    let port = match std::env::args().nth(1).map(|a| a.parse::<u16>()) {
        Some(Ok(port)) => port,
        _ => {
            eprintln!(
                "udp-echo-server: usage: udp-echo-server <port>   (0 lets the kernel choose)"
            );
            return ExitCode::FAILURE;
        }
    };
    match serve(port) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("udp-echo-server: {message}");
            ExitCode::FAILURE
        }
    }
}

fn serve(port: u16) -> Result<(), String> {
    // TODO 1. C: int fd = socket(AF_INET, SOCK_DGRAM, 0);   (map_err, then `?`, as in day2-echo)
    //> let fd = socket::socket(AddressFamily::Inet, SockType::Datagram, SockFlag::empty(), None)
    //>     .map_err(|e| format!("socket: {e}"))?;
    // TODO 2. C: bind(fd, (struct sockaddr *)&addr, sizeof addr);   (INADDR_ANY, port)
    //         No listen() and no accept(): UDP has no connections.
    //> socket::bind(fd.as_raw_fd(), &SockaddrIn::new(0, 0, 0, 0, port))
    //>     .map_err(|e| format!("bind to port {port}: {e}"))?;
    // TODO 3. getsockname, print `listening on <ip>:<port>`, flush (as in day2-echo).
    // TODO 4. loop {
    //           C: n = recvfrom(fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &len);
    //           C: sendto(fd, buf, n, 0, (struct sockaddr *)&from, len);
    //         }
    //         nix's recvfrom gives the sender as an Option (None: the kernel gave no address;
    //         nothing to answer). Inside the loop, an Err is reported on stderr and the loop goes
    //         on: no `?` there, it would stop the server. The buffer must hold the largest
    //         datagram (65507 bytes): a datagram that does not fit is cut and the rest is lost.
    //         A 0-byte datagram is a datagram too.
    //> let mut buf = vec![0u8; 65_507];
    //> match socket::recvfrom::<SockaddrIn>(fd.as_raw_fd(), &mut buf) {
    //>     Ok((n, Some(from))) => {
    //>         let sent = socket::sendto(fd.as_raw_fd(), &buf[..n], &from, MsgFlags::empty());
    //>     }
    //>     Ok((_, None)) => {}
    //>     Err(e) => eprintln!("udp-echo-server: recvfrom: {e}"),
    //> }
    todo!("bind a UDP socket, print the listening line, then echo every datagram to its sender")
}
