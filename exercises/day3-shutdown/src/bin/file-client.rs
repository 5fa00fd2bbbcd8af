//! Day 3 — file transfer with a half-close, the client.
//!
//! Read course.md#half-close (한국어: course.ko.md#half-close) and course.md#day3-shutdown (한국어: course.ko.md#day3-shutdown), then replace the `todo!()` below.
//! Grade yourself with `cargo run -p checker day3-shutdown`.
//!
//! Contract: `file-client <ip> <port> <out-file>` reads from the server until EOF into
//! out-file, then sends `received <N> bytes` (N = the bytes received), then closes; exit 0.
//! Expected errors (refused, ...): one line on stderr, exit status 1.
//!
//! Lines that start with `//>` are hint code: each compiles as it stands, in its place, once
//! the `//>` is removed (`checker verify` builds them so). They show the calls, not the answer.

// Keeps the compiler quiet while the stub is unfinished; remove it when you are done.
#![allow(unused_imports, unused_variables, dead_code)]

use std::io::Write;
use std::net::{Ipv4Addr, SocketAddrV4};
use std::os::fd::{AsRawFd, OwnedFd};
use std::process::ExitCode;

use nix::errno::Errno;
use nix::sys::socket::{self, AddressFamily, MsgFlags, SockFlag, SockType, SockaddrIn};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (server, out) = match args.as_slice() {
        [ip, port, out] => match (ip.parse::<Ipv4Addr>(), port.parse::<u16>()) {
            (Ok(ip), Ok(port)) => (SockaddrIn::from(SocketAddrV4::new(ip, port)), out.clone()),
            _ => return fail(&format!("not an IPv4 address and port: {ip} {port}")),
        },
        _ => return fail("usage: file-client <ip> <port> <out-file>"),
    };
    match run(&server, &out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => fail(&message),
    }
}

/// An expected error: one line on stderr, exit status 1.
fn fail(message: &str) -> ExitCode {
    eprintln!("file-client: {message}");
    ExitCode::FAILURE
}

fn run(server: &SockaddrIn, out: &str) -> Result<(), String> {
    // TODO 1. socket + connect, as in echo-client (map_err, then `?`).
    //> let fd = socket::socket(AddressFamily::Inet, SockType::Stream, SockFlag::empty(), None)
    //>     .map_err(|e| format!("socket: {e}"))?;
    //> socket::connect(fd.as_raw_fd(), server)
    //>     .map_err(|e| format!("cannot connect to {server}: {e}"))?;
    // TODO 2. Create out-file (std::fs::File::create) and recv into it until recv returns 0:
    //         the server's shutdown(SHUT_WR) is what says "that was the whole file". One recv
    //         is not the whole file: keep reading.
    //> let mut file = std::fs::File::create(out).map_err(|e| format!("{out}: {e}"))?;
    //> let mut buf = vec![0u8; 64 * 1024];
    //> let n = socket::recv(fd.as_raw_fd(), &mut buf, MsgFlags::empty())
    //>     .map_err(|e| format!("recv: {e}"))?; // 0 = the server's EOF
    //> file.write_all(&buf[..n]).map_err(|e| format!("{out}: {e}"))?;
    // TODO 3. Only then send `received <N> bytes`, and close (drop the socket): the server's
    //         read returns 0 and it knows your message is complete.
    //> let receipt = format!("received {n} bytes");
    //> let sent = socket::send(fd.as_raw_fd(), receipt.as_bytes(), MsgFlags::MSG_NOSIGNAL);
    todo!("receive the file until EOF, then send the receipt")
}
