//! An alternative design of echo-client, kept by the project's tests: the 2 s reply timeout is
//! kept with poll(2) instead of SO_RCVTIMEO.
//!
//! `echo-client <ip> <port>`: for each line of stdin, sends it (newline included), reads until
//! the whole line has come back (TCP keeps no message boundaries: it may come in pieces), and
//! writes it to stdout. Refused, reset, an early close or no reply within 2 s: one line on
//! stderr and exit status 1.
//!
//! Before each recv we poll() the socket for POLLIN with what is left of the 2 s. The 2 s are
//! counted from the last sign of life of the server (the line sent, or a piece of the reply):
//! a reply that trickles in slowly is still a reply, as with SO_RCVTIMEO, whose timer also
//! starts again at every recv. A signal that interrupts poll (EINTR) does not give the server
//! a fresh 2 s: we wait again for the time that is left.

use std::io::{BufRead, Write};
use std::net::{Ipv4Addr, SocketAddrV4};
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::socket::{self, AddressFamily, MsgFlags, SockFlag, SockType, SockaddrIn};

const REPLY_TIMEOUT: Duration = Duration::from_secs(2);

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
        SockFlag::SOCK_CLOEXEC,
        None,
    )
    .map_err(|e| format!("socket: {e}"))?;
    socket::connect(sock.as_raw_fd(), server)
        .map_err(|e| format!("cannot connect to {server}: {}", e.desc()))?;

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
        // MSG_NOSIGNAL: a server that is gone gives EPIPE instead of killing us with SIGPIPE.
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

/// Wait until the socket has something to read (data, EOF or an error), for at most what is
/// left of `REPLY_TIMEOUT` since `since`. Returns false if the time ran out.
fn wait_readable(sock: &OwnedFd, since: Instant) -> Result<bool, String> {
    loop {
        let left = REPLY_TIMEOUT.saturating_sub(since.elapsed());
        if left.is_zero() {
            return Ok(false);
        }
        // Round up to the next millisecond, so that a wait of 0.4 ms is not a poll of 0 ms
        // (which would spin until the time is over).
        let millis = left.as_micros().div_ceil(1000);
        let timeout = PollTimeout::try_from(millis).unwrap_or(PollTimeout::MAX);
        let mut fds = [PollFd::new(sock.as_fd(), PollFlags::POLLIN)];
        match poll(&mut fds, timeout) {
            // 0 ready: the time ran out; loop to check against the clock (the kernel may wake
            // us a little early).
            Ok(0) => continue,
            // POLLIN, or POLLERR/POLLHUP (which come unasked): recv will tell which.
            Ok(_) => return Ok(true),
            Err(Errno::EINTR) => continue, // a signal: wait for the time that is left
            Err(e) => return Err(format!("poll: {e}")),
        }
    }
}

/// Read until `len` bytes have arrived: one send may come back in several pieces.
fn receive_exactly(sock: &OwnedFd, len: usize, into: &mut Vec<u8>) -> Result<(), String> {
    into.clear();
    into.resize(len, 0);
    let mut got = 0;
    // The line has just been sent: the server's 2 s start now.
    let mut last_heard = Instant::now();
    while got < len {
        if !wait_readable(sock, last_heard)? {
            return Err(format!(
                "no reply from the server within {} s",
                REPLY_TIMEOUT.as_secs()
            ));
        }
        // MSG_DONTWAIT: poll said there is something to read, but never block here anyway.
        match socket::recv(sock.as_raw_fd(), &mut into[got..], MsgFlags::MSG_DONTWAIT) {
            Ok(0) => {
                return Err(format!(
                    "the server closed the connection after echoing {got} of {len} bytes"
                ));
            }
            Ok(n) => {
                got += n;
                last_heard = Instant::now();
            }
            Err(Errno::EINTR | Errno::EAGAIN) => continue,
            Err(Errno::ECONNRESET) => return Err("the server reset the connection".into()),
            Err(e) => return Err(format!("recv: {e}")),
        }
    }
    Ok(())
}
