//! An alternative design of udp-client, kept by the project's tests: no connect(); every
//! datagram goes out with sendto() and comes in with recvfrom(), and replies from any other
//! address than the server's are skipped by comparing the sender.

use std::io::{BufRead, Write};
use std::net::{Ipv4Addr, SocketAddrV4};
use std::os::fd::{AsRawFd, OwnedFd};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::sys::socket::{self, AddressFamily, MsgFlags, SockFlag, SockType, SockaddrIn, sockopt};
use nix::sys::time::{TimeVal, TimeValLike};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let server = match args.as_slice() {
        [ip, port] => match (ip.parse::<Ipv4Addr>(), port.parse::<u16>()) {
            (Ok(ip), Ok(port)) => SockaddrIn::from(SocketAddrV4::new(ip, port)),
            _ => return fail("bad address"),
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
    let sock = socket::socket(AddressFamily::Inet, SockType::Datagram, SockFlag::empty(), None)
        .map_err(|e| format!("socket: {e}"))?;
    let mut output = std::io::stdout().lock();
    let mut reply = vec![0u8; 65_536];
    for line in std::io::stdin().lock().split(b'\n') {
        let line = line.map_err(|e| format!("stdin: {e}"))?;
        let n = ask(&sock, server, &line, &mut reply)
            .ok_or_else(|| format!("no reply from {server} after 3 tries"))?;
        output.write_all(&reply[..n]).and_then(|()| output.write_all(b"\n")).map_err(|e| e.to_string())?;
        output.flush().map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn ask(sock: &OwnedFd, server: &SockaddrIn, datagram: &[u8], reply: &mut [u8]) -> Option<usize> {
    for _try in 0..3 {
        let _ = socket::sendto(sock.as_raw_fd(), datagram, server, MsgFlags::empty());
        let give_up = Instant::now() + Duration::from_secs(1);
        while let Some(left) = give_up.checked_duration_since(Instant::now()).filter(|d| !d.is_zero()) {
            let wait = TimeVal::microseconds(left.as_micros().max(1) as i64);
            let _ = socket::setsockopt(sock, sockopt::ReceiveTimeout, &wait);
            match socket::recvfrom::<SockaddrIn>(sock.as_raw_fd(), reply) {
                Ok((n, Some(from))) if from == *server => return Some(n),
                Ok(_) => continue, // somebody else: not our reply
                Err(Errno::EINTR) => continue,
                Err(_) => break,
            }
        }
    }
    None
}
