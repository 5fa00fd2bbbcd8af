//! Day 2 — TCP echo client.
//!
//! Read course.md#echo-walkthrough (한국어: course.ko.md#echo-walkthrough) and course.md#day2-echo (한국어: course.ko.md#day2-echo), then replace the `todo!()`s below.
//! Grade yourself with `cargo run -p checker day2-echo`.
//!
//! Contract: `echo-client <ip> <port>` connects; for each line of stdin, sends it (with its
//! newline), reads until the whole line has come back (TCP keeps no message boundaries: it may
//! arrive in pieces) and writes it to stdout; at stdin EOF closes and exits 0. Connection
//! refused, a server that closes early, or no reply within 2 s (SO_RCVTIMEO): one clear line on
//! stderr and exit status 1 — never a panic, never a hang.
//!
//! Lines that start with `//>` are hint code: each compiles as it stands, in its place, once
//! the `//>` is removed (`checker verify` builds them so). They show the calls, not the answer.

// Keeps the compiler quiet while the stubs are unfinished; remove it when you are done.
#![allow(unused_imports, unused_variables, dead_code)]

use std::io::{BufRead, Write};
use std::net::{Ipv4Addr, SocketAddrV4};
use std::os::fd::{AsRawFd, OwnedFd};
use std::process::ExitCode;

use nix::errno::Errno;
use nix::sys::socket::{self, AddressFamily, MsgFlags, SockFlag, SockType, SockaddrIn, sockopt};
use nix::sys::time::{TimeVal, TimeValLike};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let server = match args.as_slice() {
        [ip, port] => match (ip.parse::<Ipv4Addr>(), port.parse::<u16>()) {
            (Ok(ip), Ok(port)) => SockaddrIn::from(SocketAddrV4::new(ip, port)),
            _ => return fail(&format!("not an IPv4 address and port: {ip} {port}")),
        },
        _ => return fail("usage: echo-client <ip> <port>"),
    };
    match run(&server) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => fail(&message),
    }
}

/// An expected error: one line on stderr, exit status 1.
fn fail(message: &str) -> ExitCode {
    eprintln!("echo-client: {message}");
    ExitCode::FAILURE
}

fn run(server: &SockaddrIn) -> Result<(), String> {
    // nix's errors are Errno and this function returns Result<(), String>: map_err, then `?`.
    // TODO 1. C: int fd = socket(AF_INET, SOCK_STREAM, 0);
    //> let fd = socket::socket(AddressFamily::Inet, SockType::Stream, SockFlag::empty(), None)
    //>     .map_err(|e| format!("socket: {e}"))?;
    // TODO 2. C: connect(fd, (struct sockaddr *)&server, sizeof server);
    //         ECONNREFUSED means nobody listens there: a one-line Err.
    //> socket::connect(fd.as_raw_fd(), server)
    //>     .map_err(|e| format!("cannot connect to {server}: {e}"))?;
    // TODO 3. C: struct timeval tv = { 2, 0 };
    //            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    //         A recv that waits longer then fails with EAGAIN.
    //> socket::setsockopt(&fd, sockopt::ReceiveTimeout, &TimeVal::seconds(2))
    //>     .map_err(|e| format!("setsockopt(SO_RCVTIMEO): {e}"))?;
    // TODO 4. For each line of stdin (read bytes with `read_until(b'\n', ...)`, not Strings):
    //         send it all (socket::send with MsgFlags::MSG_NOSIGNAL, looping over short writes),
    //         then recv until as many bytes have come back (recv returning 0 = the server
    //         closed early; EAGAIN = the 2 s timeout), write them to stdout and flush.
    //         At stdin EOF return Ok(()): dropping the socket closes the connection.
    //> let mut stdin = std::io::stdin().lock();
    //> let mut line = Vec::new();
    //> let got = stdin.read_until(b'\n', &mut line).map_err(|e| format!("stdin: {e}"))?; // 0 = EOF
    //> let sent = socket::send(fd.as_raw_fd(), &line, MsgFlags::MSG_NOSIGNAL); // may be short
    todo!("connect, then echo each line of stdin through the server")
}
