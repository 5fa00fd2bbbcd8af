//! Day 2 — TCP echo client (reference solution).
//!
//! `echo-client <ip> <port>`: for each line of stdin, sends it (newline included), reads until
//! the whole line has come back (TCP keeps no message boundaries: it may come in pieces), and
//! writes it to stdout. Refused, reset, an early close or no reply within 2 s: one line on
//! stderr and exit status 1.

use std::io::{BufRead, Write};
use std::net::{Ipv4Addr, SocketAddrV4};
use std::os::fd::{AsRawFd, OwnedFd};
use std::process::ExitCode;

use nix::errno::Errno;
use nix::sys::socket::{self, AddressFamily, MsgFlags, SockFlag, SockType, SockaddrIn, sockopt};
use nix::sys::time::{TimeVal, TimeValLike};

const REPLY_TIMEOUT_SECS: i64 = 2;

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

fn fail(message: &str) -> ExitCode {
    eprintln!("echo-client: {message}");
    ExitCode::FAILURE
}

fn run(server: &SockaddrIn) -> Result<(), String> {
    // C: fd = socket(AF_INET, SOCK_STREAM, 0); connect(fd, &addr, sizeof addr);
    let sock = socket::socket(
        AddressFamily::Inet,
        SockType::Stream,
        SockFlag::empty(),
        None,
    )
    .map_err(|e| format!("socket: {e}"))?;
    socket::connect(sock.as_raw_fd(), server)
        .map_err(|e| format!("cannot connect to {server}: {}", e.desc()))?;
    // SO_RCVTIMEO: a recv() that waits longer than this fails with EAGAIN instead of hanging.
    socket::setsockopt(
        &sock,
        sockopt::ReceiveTimeout,
        &TimeVal::seconds(REPLY_TIMEOUT_SECS),
    )
    .map_err(|e| format!("setsockopt(SO_RCVTIMEO): {e}"))?;

    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut output = std::io::stdout().lock();
    let mut line = Vec::new();
    let mut echoed = Vec::new();
    loop {
        line.clear();
        // Bytes, not a String: the line may hold anything.
        let n = input
            .read_until(b'\n', &mut line)
            .map_err(|e| format!("stdin: {e}"))?;
        if n == 0 {
            return Ok(()); // stdin EOF; dropping `sock` closes the connection
        }
        send_all(&sock, &line)?;
        receive_exactly(&sock, line.len(), &mut echoed)?;
        output
            .write_all(&echoed)
            .and_then(|()| output.flush())
            .map_err(|e| format!("stdout: {e}"))?;
    }
}

fn send_all(sock: &OwnedFd, mut data: &[u8]) -> Result<(), String> {
    while !data.is_empty() {
        match socket::send(sock.as_raw_fd(), data, MsgFlags::MSG_NOSIGNAL) {
            Ok(n) => data = &data[n..],
            Err(Errno::EINTR) => continue,
            Err(Errno::EPIPE | Errno::ECONNRESET) => {
                return Err("the server closed the connection".into());
            }
            Err(e) => return Err(format!("send: {e}")),
        }
    }
    Ok(())
}

/// Read until `len` bytes have arrived: one send may come back in several pieces.
fn receive_exactly(sock: &OwnedFd, len: usize, into: &mut Vec<u8>) -> Result<(), String> {
    into.clear();
    into.resize(len, 0);
    let mut got = 0;
    while got < len {
        match socket::recv(sock.as_raw_fd(), &mut into[got..], MsgFlags::empty()) {
            Ok(0) => {
                return Err(format!(
                    "the server closed the connection after echoing {got} of {len} bytes"
                ));
            }
            Ok(n) => got += n,
            Err(Errno::EINTR) => continue,
            // SO_RCVTIMEO expired.
            Err(Errno::EAGAIN) => {
                return Err(format!(
                    "no reply from the server within {REPLY_TIMEOUT_SECS} s"
                ));
            }
            Err(Errno::ECONNRESET) => return Err("the server reset the connection".into()),
            Err(e) => return Err(format!("recv: {e}")),
        }
    }
    Ok(())
}
