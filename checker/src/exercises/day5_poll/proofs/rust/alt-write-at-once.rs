//! An alternative design of poll-server, kept by the project's tests: after every read it sends
//! at once what the socket takes and keeps only the rest; POLLOUT is asked for only while
//! something is kept. (The reference sends only when poll reports POLLOUT.)
//!
//! `poll-server <port>` prints `listening on <ip>:<port>`, then serves all clients at once from
//! one thread of one process: every socket is non-blocking, one `poll` watches the listening
//! socket and every client, and each client has its own buffer of output still to send.
//! - POLLIN on the listening socket: accept until EAGAIN.
//! - POLLIN on a client (asked for only while its buffer holds at most 1 MiB: back-pressure):
//!   one read, appended to its buffer; a read of 0 is its EOF.
//! - POLLOUT on a client (asked for only while its buffer is not empty): one send.
//! - A client whose EOF came and whose buffer is empty is closed; so is one with an error
//!   (POLLERR, or a read or send that fails with ECONNRESET, EPIPE, ...). The others go on.

use std::io::Write;
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd};
use std::process::ExitCode;

use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::socket::{
    self, AddressFamily, Backlog, MsgFlags, SockFlag, SockType, SockaddrIn, sockopt,
};
use nix::unistd;

/// Over this much output waiting for a client, the server stops reading from it.
const HIGH_WATER: usize = 1 << 20;

/// One connected client.
struct Client {
    fd: OwnedFd,
    /// Bytes read and not yet sent back; `out[sent..]` is what is left.
    out: Vec<u8>,
    sent: usize,
    /// Its read returned 0: close it once `out` is sent.
    eof: bool,
}

impl Client {
    fn pending(&self) -> usize {
        self.out.len() - self.sent
    }

    /// What to ask poll about this client.
    fn interest(&self) -> PollFlags {
        let mut events = PollFlags::empty();
        if !self.eof && self.pending() <= HIGH_WATER {
            events |= PollFlags::POLLIN;
        }
        if self.pending() > 0 {
            events |= PollFlags::POLLOUT;
        }
        events
    }

    /// Act on what poll reported; false once the client is done (or failed) and must close.
    fn serve(&mut self, ready: PollFlags, buf: &mut [u8]) -> bool {
        if ready.intersects(PollFlags::POLLERR | PollFlags::POLLNVAL) {
            return false;
        }
        if ready.intersects(PollFlags::POLLIN | PollFlags::POLLHUP) && !self.eof {
            match unistd::read(&self.fd, buf) {
                Ok(0) => self.eof = true,
                Ok(n) => self.out.extend_from_slice(&buf[..n]),
                Err(Errno::EAGAIN | Errno::EINTR) => {}
                Err(_) => return false,
            }
        }
        // Send at once what the socket takes, whether poll reported POLLOUT or not: a
        // non-blocking send never waits, it takes what fits or says EAGAIN.
        if self.pending() > 0 {
            match socket::send(
                self.fd.as_raw_fd(),
                &self.out[self.sent..],
                MsgFlags::MSG_NOSIGNAL,
            ) {
                Ok(n) => self.sent += n,
                Err(Errno::EAGAIN | Errno::EINTR) => {}
                Err(_) => return false,
            }
            if self.sent == self.out.len() {
                self.out.clear();
                self.sent = 0;
            } else if self.sent > HIGH_WATER {
                // Keep the buffer from growing without end: drop what is sent.
                self.out.drain(..self.sent);
                self.sent = 0;
            }
        }
        !(self.eof && self.pending() == 0)
    }
}

fn main() -> ExitCode {
    let port = match std::env::args().skip(1).collect::<Vec<_>>().as_slice() {
        [port] => port.parse::<u16>().ok(),
        _ => None,
    };
    let Some(port) = port else {
        eprintln!("poll-server: usage: poll-server <port>   (0 lets the kernel choose)");
        return ExitCode::FAILURE;
    };
    match serve(port) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("poll-server: {message}");
            ExitCode::FAILURE
        }
    }
}

fn serve(port: u16) -> Result<(), String> {
    let listener = listen_on(port)?;
    let mut clients: Vec<Client> = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        // One entry for the listening socket, then one per client, in the same order as
        // `clients`: the answers are matched to clients by that order.
        let mut fds = Vec::with_capacity(clients.len() + 1);
        fds.push(PollFd::new(listener.as_fd(), PollFlags::POLLIN));
        fds.extend(clients.iter().map(|c| PollFd::new(c.fd.as_fd(), c.interest())));
        match poll(&mut fds, PollTimeout::NONE) {
            Ok(_) => {}
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(format!("poll: {e}")),
        }
        let ready: Vec<PollFlags> = fds
            .iter()
            .map(|p| p.revents().unwrap_or(PollFlags::empty()))
            .collect();
        drop(fds);
        // Serve the clients first, then drop the finished ones in one pass (never remove by
        // index while walking the list: the next client would be skipped or mismatched).
        let mut open = Vec::with_capacity(clients.len());
        for (client, &events) in clients.iter_mut().zip(&ready[1..]) {
            open.push(events.is_empty() || client.serve(events, &mut buf));
        }
        let mut keep = open.into_iter();
        clients.retain(|_| keep.next().unwrap_or(true));
        if ready[0].contains(PollFlags::POLLIN) {
            accept_all(&listener, &mut clients)?;
        }
    }
}

/// Accept every connection waiting (until EAGAIN), each socket non-blocking.
fn accept_all(listener: &OwnedFd, clients: &mut Vec<Client>) -> Result<(), String> {
    loop {
        match socket::accept4(
            listener.as_raw_fd(),
            SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC,
        ) {
            // SAFETY: accept4 just returned this descriptor; nothing else owns it.
            Ok(fd) => clients.push(Client {
                fd: unsafe { OwnedFd::from_raw_fd(fd) },
                out: Vec::new(),
                sent: 0,
                eof: false,
            }),
            Err(Errno::EAGAIN) => return Ok(()),
            Err(Errno::EINTR | Errno::ECONNABORTED) => continue,
            // Out of descriptors (EMFILE, ENFILE) or a network error on a pending connection:
            // serve the clients we have and try again on the next poll.
            Err(_) => return Ok(()),
        }
    }
}

/// The non-blocking listening socket on the wildcard address, and its line on stdout.
fn listen_on(port: u16) -> Result<OwnedFd, String> {
    let fd = socket::socket(
        AddressFamily::Inet,
        SockType::Stream,
        SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC,
        None,
    )
    .map_err(|e| format!("socket: {e}"))?;
    socket::setsockopt(&fd, sockopt::ReuseAddr, &true).map_err(|e| format!("SO_REUSEADDR: {e}"))?;
    socket::bind(fd.as_raw_fd(), &SockaddrIn::new(0, 0, 0, 0, port))
        .map_err(|e| format!("bind to port {port}: {e}"))?;
    socket::listen(
        &fd,
        Backlog::new(128).map_err(|e| format!("backlog: {e}"))?,
    )
    .map_err(|e| format!("listen: {e}"))?;
    let local: SockaddrIn =
        socket::getsockname(fd.as_raw_fd()).map_err(|e| format!("getsockname: {e}"))?;
    let mut out = std::io::stdout();
    writeln!(out, "listening on {}:{}", local.ip(), local.port())
        .and_then(|()| out.flush())
        .map_err(|e| format!("stdout: {e}"))?;
    Ok(fd)
}
