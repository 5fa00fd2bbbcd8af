//! Day 3 — UDP echo server (reference solution).
//!
//! `udp-echo-server <port>`: binds the wildcard address, prints `listening on <ip>:<port>`, and
//! sends every datagram back to the address it came from, unchanged, whatever its size (0 to
//! 65507 bytes). No listen, no accept: one socket serves everybody, datagram by datagram.

use std::io::Write;
use std::os::fd::AsRawFd;
use std::process::ExitCode;

use nix::errno::Errno;
use nix::sys::socket::{self, AddressFamily, MsgFlags, SockFlag, SockType, SockaddrIn};

/// The largest UDP payload over IPv4: 65535 - 20 (IP header) - 8 (UDP header).
const MAX_DATAGRAM: usize = 65_507;

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
    // C: int fd = socket(AF_INET, SOCK_DGRAM, 0);
    let sock = socket::socket(
        AddressFamily::Inet,
        SockType::Datagram,
        SockFlag::empty(),
        None,
    )
    .map_err(|e| format!("socket: {e}"))?;
    socket::bind(sock.as_raw_fd(), &SockaddrIn::new(0, 0, 0, 0, port))
        .map_err(|e| format!("bind to port {port}: {e}"))?;
    let local: SockaddrIn =
        socket::getsockname(sock.as_raw_fd()).map_err(|e| format!("getsockname: {e}"))?;
    println!("listening on {}:{}", local.ip(), local.port());
    std::io::stdout()
        .flush()
        .map_err(|e| format!("stdout: {e}"))?;

    // One byte more than the largest datagram: a datagram that does not fit in the buffer is
    // cut, silently (the rest is lost, there is no "next read" for it).
    let mut buf = vec![0u8; MAX_DATAGRAM + 1];
    loop {
        // C: n = recvfrom(fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &fromlen);
        let (n, from) = match socket::recvfrom::<SockaddrIn>(sock.as_raw_fd(), &mut buf) {
            Ok((n, Some(from))) => (n, from),
            Ok((_, None)) => continue,
            Err(Errno::EINTR) => continue,
            Err(e) => {
                // No datagram ever stops the server.
                eprintln!("udp-echo-server: recvfrom: {e}");
                continue;
            }
        };
        // A datagram of 0 bytes is a datagram too: it gets its (empty) reply.
        // C: sendto(fd, buf, n, 0, (struct sockaddr *)&from, fromlen);
        if let Err(e) = socket::sendto(sock.as_raw_fd(), &buf[..n], &from, MsgFlags::empty()) {
            eprintln!("udp-echo-server: sendto {from}: {e}");
        }
    }
}
