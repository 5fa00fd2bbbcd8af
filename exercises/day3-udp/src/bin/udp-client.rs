//! Day 3 — UDP client with retransmission.
//!
//! Read course.md#connected-udp (한국어: course.ko.md#connected-udp), course.md#udp-loss (한국어: course.ko.md#udp-loss) and course.md#day3-udp (한국어: course.ko.md#day3-udp), then replace the
//! `todo!()`s below. Grade yourself with `cargo run -p checker day3-udp`.
//!
//! Contract: `udp-client <ip> <port>`: for each stdin line, sends the line *without* its newline
//! as one datagram, waits up to 0.5 s for the reply, tries 3 times in all, and prints the reply
//! followed by a newline. Replies from any other address are ignored. No reply after the third
//! try: one line on stderr and exit status 1. At stdin EOF: exit 0.
//!
//! Lines that start with `//>` are hint code: each compiles as it stands, in its place, once
//! the `//>` is removed (`checker verify` builds them so). They show the calls, not the answer.

// Keeps the compiler quiet while the stub is unfinished; remove it when you are done.
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
        _ => return fail("usage: udp-client <ip> <port>"),
    };
    match run(&server) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => fail(&message),
    }
}

/// An expected error: one line on stderr, exit status 1.
fn fail(message: &str) -> ExitCode {
    eprintln!("udp-client: {message}");
    ExitCode::FAILURE
}

fn run(server: &SockaddrIn) -> Result<(), String> {
    // TODO 1. C: int fd = socket(AF_INET, SOCK_DGRAM, 0);   (map_err, then `?`)
    //> let fd = socket::socket(AddressFamily::Inet, SockType::Datagram, SockFlag::empty(), None)
    //>     .map_err(|e| format!("socket: {e}"))?;
    // TODO 2. Either connect() the UDP socket to the server (C: connect(fd, &server, len)),
    //         which fixes the peer and makes the kernel drop datagrams from anybody else; or
    //         use sendto/recvfrom and compare the sender's address yourself.
    //> socket::connect(fd.as_raw_fd(), server).map_err(|e| format!("connect: {e}"))?;
    // TODO 3. A 0.5 s receive timeout; recv then fails with EAGAIN after 0.5 s.
    //> socket::setsockopt(&fd, sockopt::ReceiveTimeout, &TimeVal::milliseconds(500))
    //>     .map_err(|e| format!("setsockopt(SO_RCVTIMEO): {e}"))?;
    // TODO 4. For each line of stdin (bytes, split on b'\n', the newline dropped): send it as
    //         one datagram, wait for the reply, and on a timeout send again — 3 tries in all.
    //         Print the reply and a newline. After the 3rd failed try, return an Err.
    //> let line: &[u8] = b"one line of stdin";
    //> let mut buf = vec![0u8; 65_507];
    //> socket::send(fd.as_raw_fd(), line, MsgFlags::empty()).map_err(|e| format!("send: {e}"))?;
    //> match socket::recv(fd.as_raw_fd(), &mut buf, MsgFlags::empty()) {
    //>     Ok(n) => {}                // the reply is &buf[..n]
    //>     Err(Errno::EAGAIN) => {}   // 0.5 s and no reply: send again, or give up after 3 tries
    //>     Err(e) => return Err(format!("recv: {e}")),
    //> }
    todo!("send each line as a datagram, retransmitting until a reply comes")
}
