//! Day 3 — file transfer with a half-close, the client (reference solution).
//!
//! `file-client <ip> <port> <out-file>`: reads from the server until EOF into out-file (the
//! server's shutdown(SHUT_WR) marks the end of the file), then sends `received <N> bytes` and
//! closes; exit 0.

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

fn fail(message: &str) -> ExitCode {
    eprintln!("file-client: {message}");
    ExitCode::FAILURE
}

fn run(server: &SockaddrIn, out: &str) -> Result<(), String> {
    let sock = socket::socket(
        AddressFamily::Inet,
        SockType::Stream,
        SockFlag::empty(),
        None,
    )
    .map_err(|e| format!("socket: {e}"))?;
    socket::connect(sock.as_raw_fd(), server)
        .map_err(|e| format!("cannot connect to {server}: {}", e.desc()))?;
    let mut file = std::fs::File::create(out).map_err(|e| format!("{out}: {e}"))?;
    let received = receive_to_eof(&sock, &mut file)?;
    file.flush().map_err(|e| format!("{out}: {e}"))?;
    // Only now, with everything received, the receipt; dropping `sock` then closes it, and the
    // server's read returns 0: the end of our message.
    send_all(&sock, format!("received {received} bytes").as_bytes())
}

/// Copy everything the server sends into `file` until its EOF; return the byte count.
fn receive_to_eof(sock: &OwnedFd, file: &mut std::fs::File) -> Result<u64, String> {
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        match socket::recv(sock.as_raw_fd(), &mut buf, MsgFlags::empty()) {
            Ok(0) => return Ok(total), // the server's FIN: the file is complete
            Ok(n) => {
                file.write_all(&buf[..n])
                    .map_err(|e| format!("writing the file: {e}"))?;
                total += n as u64;
            }
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(format!("recv: {e}")),
        }
    }
}

fn send_all(sock: &OwnedFd, mut data: &[u8]) -> Result<(), String> {
    while !data.is_empty() {
        match socket::send(sock.as_raw_fd(), data, MsgFlags::MSG_NOSIGNAL) {
            Ok(n) => data = &data[n..],
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(format!("send: {e}")),
        }
    }
    Ok(())
}
