//! Day 3 — UDP client with retransmission (reference solution).
//!
//! `udp-client <ip> <port>`: for each stdin line, sends the line (without its newline) as one
//! datagram and waits up to 0.5 s for the reply; tries 3 times in all; prints the reply followed
//! by a newline. Replies from any other address are ignored. No reply after the third try: one
//! line on stderr and exit status 1.

use std::io::{BufRead, Write};
use std::net::{Ipv4Addr, SocketAddrV4};
use std::os::fd::{AsRawFd, OwnedFd};
use std::process::ExitCode;

use nix::errno::Errno;
use nix::sys::socket::{self, AddressFamily, MsgFlags, SockFlag, SockType, SockaddrIn, sockopt};
use nix::sys::time::{TimeVal, TimeValLike};

const TRIES: usize = 3;
const WAIT_MILLIS: i64 = 500;

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

fn fail(message: &str) -> ExitCode {
    eprintln!("udp-client: {message}");
    ExitCode::FAILURE
}

fn run(server: &SockaddrIn) -> Result<(), String> {
    let sock = socket::socket(
        AddressFamily::Inet,
        SockType::Datagram,
        SockFlag::empty(),
        None,
    )
    .map_err(|e| format!("socket: {e}"))?;
    // connect() on UDP sends nothing: it fixes the peer, so send() needs no address and the
    // kernel drops datagrams from anybody else — the strangers are ignored for us.
    socket::connect(sock.as_raw_fd(), server).map_err(|e| format!("connect: {e}"))?;
    socket::setsockopt(
        &sock,
        sockopt::ReceiveTimeout,
        &TimeVal::milliseconds(WAIT_MILLIS),
    )
    .map_err(|e| format!("setsockopt(SO_RCVTIMEO): {e}"))?;

    let mut output = std::io::stdout().lock();
    let mut reply = vec![0u8; 65_536];
    for line in std::io::stdin().lock().split(b'\n') {
        let line = line.map_err(|e| format!("stdin: {e}"))?;
        let n = ask(&sock, &line, &mut reply)
            .ok_or_else(|| format!("no reply from {server} after {TRIES} tries"))?;
        output
            .write_all(&reply[..n])
            .and_then(|()| output.write_all(b"\n"))
            .and_then(|()| output.flush())
            .map_err(|e| format!("stdout: {e}"))?;
    }
    Ok(())
}

/// Send `datagram` and wait for the reply, up to `TRIES` times: UDP may lose either one.
fn ask(sock: &OwnedFd, datagram: &[u8], reply: &mut [u8]) -> Option<usize> {
    for _try in 0..TRIES {
        // A lost send is no different from a lost reply: the next try resends.
        let _ = socket::send(sock.as_raw_fd(), datagram, MsgFlags::empty());
        loop {
            match socket::recv(sock.as_raw_fd(), reply, MsgFlags::empty()) {
                Ok(n) => return Some(n),
                Err(Errno::EINTR) => continue,
                // EAGAIN: SO_RCVTIMEO expired; ECONNREFUSED: an ICMP "port unreachable" for
                // an earlier datagram. Either way, this try failed.
                Err(_) => break,
            }
        }
    }
    None
}
