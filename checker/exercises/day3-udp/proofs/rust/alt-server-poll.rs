//! An alternative design of udp-echo-server, kept by the project's tests: a non-blocking socket
//! and poll(2).
//!
//! `udp-echo-server <port>`: binds the wildcard address, prints `listening on <ip>:<port>`, and
//! sends every datagram back to the address it came from, unchanged, whatever its size (0 to
//! 65507 bytes).
//!
//! The socket is non-blocking: poll() waits until a datagram is there, then we receive every
//! datagram that is queued (recvfrom until EAGAIN) and answer each one. A reply the socket
//! cannot take at once (sendto fails with EAGAIN: its send buffer is full) is kept in a short
//! queue and sent when poll reports POLLOUT; while that queue is full we stop receiving, and the
//! kernel queues (or, past its buffer, drops: UDP may) the next datagrams.

use std::collections::VecDeque;
use std::io::Write;
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::process::ExitCode;

use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::socket::{self, AddressFamily, MsgFlags, SockFlag, SockType, SockaddrIn, sockopt};

/// The largest UDP payload over IPv4: 65535 - 20 (IP header) - 8 (UDP header).
const MAX_DATAGRAM: usize = 65_507;
/// Replies kept waiting for room in the send buffer, at most.
const MAX_QUEUED: usize = 64;

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

/// A reply that could not be sent yet, and where it goes.
struct Reply {
    data: Vec<u8>,
    to: SockaddrIn,
}

fn serve(port: u16) -> Result<(), String> {
    // C: int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    let sock = socket::socket(
        AddressFamily::Inet,
        SockType::Datagram,
        SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC,
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
    let mut queued: VecDeque<Reply> = VecDeque::new();
    loop {
        let mut events = PollFlags::empty();
        if queued.len() < MAX_QUEUED {
            events |= PollFlags::POLLIN;
        }
        if !queued.is_empty() {
            events |= PollFlags::POLLOUT;
        }
        let revents = {
            let mut fds = [PollFd::new(sock.as_fd(), events)];
            match poll(&mut fds, PollTimeout::NONE) {
                Ok(_) => {}
                Err(Errno::EINTR) => continue, // a signal: wait again
                Err(e) => return Err(format!("poll: {e}")),
            }
            fds[0].revents().unwrap_or(PollFlags::empty())
        };
        // POLLERR (an ICMP error for an earlier reply, say) comes unasked, and poll reports it
        // until the error is read: read it (getsockopt(SO_ERROR) clears it) and go on.
        if revents.contains(PollFlags::POLLERR) {
            match socket::getsockopt(&sock, sockopt::SocketError) {
                Ok(0) => {}
                Ok(errno) => eprintln!("udp-echo-server: {}", Errno::from_raw(errno)),
                Err(e) => eprintln!("udp-echo-server: getsockopt(SO_ERROR): {e}"),
            }
        }
        if !queued.is_empty() {
            send_queued(&sock, &mut queued);
        }
        if queued.len() < MAX_QUEUED && revents.contains(PollFlags::POLLIN) {
            receive_all(&sock, &mut buf, &mut queued);
        }
    }
}

/// Receive every datagram that is queued, answering each: until EAGAIN (or our own queue of
/// replies is full).
fn receive_all(sock: &OwnedFd, buf: &mut [u8], queued: &mut VecDeque<Reply>) {
    while queued.len() < MAX_QUEUED {
        // C: n = recvfrom(fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &fromlen);
        let (n, from) = match socket::recvfrom::<SockaddrIn>(sock.as_raw_fd(), buf) {
            Ok((n, Some(from))) => (n, from),
            Ok((_, None)) => continue,
            Err(Errno::EINTR) => continue,
            Err(Errno::EAGAIN) => return, // nothing more for now: back to poll
            Err(e) => {
                // No datagram ever stops the server.
                eprintln!("udp-echo-server: recvfrom: {e}");
                continue;
            }
        };
        // A datagram of 0 bytes is a datagram too: it gets its (empty) reply.
        if !queued.is_empty() {
            // Keep the replies in order: this one waits behind the others.
            queued.push_back(Reply {
                data: buf[..n].to_vec(),
                to: from,
            });
            continue;
        }
        match send_reply(sock, &buf[..n], &from) {
            Sent::Done => {}
            Sent::Later => queued.push_back(Reply {
                data: buf[..n].to_vec(),
                to: from,
            }),
        }
    }
}

/// Send the waiting replies, oldest first, until the socket takes no more.
fn send_queued(sock: &OwnedFd, queued: &mut VecDeque<Reply>) {
    while let Some(reply) = queued.front() {
        match send_reply(sock, &reply.data, &reply.to) {
            Sent::Done => {
                queued.pop_front();
            }
            Sent::Later => return,
        }
    }
}

enum Sent {
    /// Sent, or failed for good (reported): either way it is no longer ours.
    Done,
    /// The send buffer is full: try again on POLLOUT.
    Later,
}

/// One sendto of a whole datagram: UDP sends all of it or nothing, never a part.
fn send_reply(sock: &OwnedFd, data: &[u8], to: &SockaddrIn) -> Sent {
    loop {
        // C: sendto(fd, buf, n, 0, (struct sockaddr *)&from, fromlen);
        match socket::sendto(sock.as_raw_fd(), data, to, MsgFlags::empty()) {
            Ok(_) => return Sent::Done,
            Err(Errno::EINTR) => continue,
            Err(Errno::EAGAIN) => return Sent::Later,
            Err(e) => {
                eprintln!("udp-echo-server: sendto {to}: {e}");
                return Sent::Done;
            }
        }
    }
}
