//! An alternative design of udp-client, kept by the project's tests: each try waits for the
//! reply with poll(2) and a 0.5 s timeout instead of SO_RCVTIMEO.
//!
//! `udp-client <ip> <port>`: for each stdin line, sends the line (without its newline) as one
//! datagram and waits up to 0.5 s for the reply; tries 3 times in all; prints the reply followed
//! by a newline. Replies from any other address are ignored. No reply after the third try: one
//! line on stderr and exit status 1.
//!
//! The socket is connect()ed to the server: the kernel then drops datagrams from anybody else,
//! so whatever recv returns is the server's. Each try has its own deadline, 0.5 s after its
//! send; every wait in that try (after a signal, after an ICMP error) polls only for what is
//! left of it, so a try never lasts longer than 0.5 s.

use std::io::{BufRead, Write};
use std::net::{Ipv4Addr, SocketAddrV4};
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::socket::{self, AddressFamily, MsgFlags, SockFlag, SockType, SockaddrIn};

const TRIES: usize = 3;
const WAIT: Duration = Duration::from_millis(500);

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
    // Non-blocking: we wait in poll(), never in recv.
    let sock = socket::socket(
        AddressFamily::Inet,
        SockType::Datagram,
        SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC,
        None,
    )
    .map_err(|e| format!("socket: {e}"))?;
    // connect() on UDP sends nothing: it fixes the peer, so send() needs no address and the
    // kernel drops datagrams from anybody else — the strangers are ignored for us.
    socket::connect(sock.as_raw_fd(), server).map_err(|e| format!("connect: {e}"))?;

    let mut output = std::io::stdout().lock();
    // Room for the largest datagram: a reply is never cut.
    let mut reply = vec![0u8; 65_536];
    for line in std::io::stdin().lock().split(b'\n') {
        let line = line.map_err(|e| format!("stdin: {e}"))?;
        let n = ask(&sock, &line, &mut reply)?
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
fn ask(sock: &OwnedFd, datagram: &[u8], reply: &mut [u8]) -> Result<Option<usize>, String> {
    // A reply that comes after its try was over would be taken for the reply to the next
    // line: throw away whatever is already waiting before the first send.
    drain(sock, reply);
    for _try in 0..TRIES {
        send_datagram(sock, datagram);
        let deadline = Instant::now() + WAIT;
        if let Some(n) = wait_reply(sock, reply, deadline)? {
            return Ok(Some(n));
        }
    }
    Ok(None)
}

/// One send of the whole datagram. A failed send is like a lost datagram: the next try sends
/// it again.
fn send_datagram(sock: &OwnedFd, datagram: &[u8]) {
    loop {
        match socket::send(sock.as_raw_fd(), datagram, MsgFlags::empty()) {
            Err(Errno::EINTR) => continue,
            // Sent, or lost (EAGAIN with a full send buffer; ECONNREFUSED left over from an
            // earlier ICMP "port unreachable"): this try then waits, and the next resends.
            _ => return,
        }
    }
}

/// Wait for the reply until `deadline`; `None` if none came.
fn wait_reply(
    sock: &OwnedFd,
    reply: &mut [u8],
    deadline: Instant,
) -> Result<Option<usize>, String> {
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(None);
        }
        // Round up to the next millisecond, so that a wait of 0.4 ms is not a poll of 0 ms
        // (which would spin until the time is over).
        let millis = left.as_micros().div_ceil(1000);
        let timeout = PollTimeout::try_from(millis).unwrap_or(PollTimeout::MAX);
        let mut fds = [PollFd::new(sock.as_fd(), PollFlags::POLLIN)];
        match poll(&mut fds, timeout) {
            Ok(0) => continue, // time is up: the check above says so
            Ok(_) => {}
            Err(Errno::EINTR) => continue, // a signal: wait for what is left of this try
            Err(e) => return Err(format!("poll: {e}")),
        }
        // POLLIN, or POLLERR (an ICMP "port unreachable" for an earlier datagram): recv tells.
        match socket::recv(sock.as_raw_fd(), reply, MsgFlags::empty()) {
            Ok(n) => return Ok(Some(n)),
            // Nothing after all (a datagram with a bad checksum is dropped after poll saw it),
            // or a signal: wait again.
            Err(Errno::EAGAIN | Errno::EINTR) => continue,
            // The server's port was closed when an earlier datagram arrived. recv has cleared
            // the error; the server may be back: wait out the rest of this try.
            Err(Errno::ECONNREFUSED) => continue,
            Err(e) => return Err(format!("recv: {e}")),
        }
    }
}

/// Throw away the datagrams (late replies) and errors already waiting on the socket.
fn drain(sock: &OwnedFd, buf: &mut [u8]) {
    loop {
        match socket::recv(sock.as_raw_fd(), buf, MsgFlags::empty()) {
            Ok(_) | Err(Errno::EINTR | Errno::ECONNREFUSED) => continue,
            Err(_) => return, // EAGAIN: nothing left
        }
    }
}
