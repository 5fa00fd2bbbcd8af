//! Day 5 — one thread serves every client with poll(2).
//!
//! Read course.md#one-thread (한국어: course.ko.md#one-thread), course.md#non-blocking (한국어: course.ko.md#non-blocking), course.md#poll (한국어: course.ko.md#poll),
//! course.md#per-client-buffers (한국어: course.ko.md#per-client-buffers) and course.md#day5-poll (한국어: course.ko.md#day5-poll), then replace the `todo!()`s below.
//! Grade yourself with `cargo run -p checker day5-poll`; try it by hand with
//! `cargo run -p day5-poll --bin poll-server -- 7000` and `nc 127.0.0.1 7000` in two terminals.
//!
//! Contract: `poll-server <port>` binds the wildcard address with SO_REUSEADDR, listens, prints
//! `listening on <ip>:<port>` (the real port, from getsockname) and flushes — as echo-server.
//! Then it serves all clients at once from one thread of one process with `poll(2)` over the
//! listening socket and every client. Sockets are non-blocking. Every byte a client sends is
//! echoed back to it, in order. A client's pending output is kept in its own buffer and written
//! when poll reports POLLOUT; while that buffer holds over 1 MiB the server stops reading from
//! that client (back-pressure) but keeps serving the others. After a client's EOF the server
//! sends what is still buffered, then closes that connection. An error on one client
//! (ECONNRESET, EPIPE, POLLERR) closes only that client. Runs until killed.
//! Bad usage: one line on stderr, exit status 1.
//! Rules: no threads, no fork, no epoll, no std socket types (see clippy.toml).
//!
//! Lines that start with `//>` are hint code: each compiles as it stands, in its place, once
//! the `//>` is removed (`checker verify` builds them so). They show the calls, not the answer.

// Keeps the compiler quiet while the stub is unfinished; remove it when you are done.
#![allow(unused_imports, unused_variables, dead_code, unused_mut)]

use std::io::Write;
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd};
use std::process::ExitCode;

use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::socket::{
    self, AddressFamily, Backlog, MsgFlags, SockFlag, SockType, SockaddrIn, sockopt,
};
use nix::unistd;

/// Over this much output waiting for a client, stop reading from it.
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

    /// What to ask poll about this client: POLLIN unless its EOF came or its buffer holds over
    /// HIGH_WATER (back-pressure); POLLOUT while its buffer is not empty (never otherwise: a
    /// socket with room is always writable, and poll would return at once, for ever).
    /// C: `struct pollfd p = { .fd = c, .events = POLLIN | POLLOUT };`
    fn interest(&self) -> PollFlags {
        // TODO build the flags from `self.eof`, `self.pending()` and HIGH_WATER.
        //> let mut events = PollFlags::empty();
        //> events |= PollFlags::POLLIN; // only while it may read
        todo!("POLLIN while it may read, POLLOUT while it has output")
    }

    /// Act on what poll reported (`ready`, the pollfd's revents); false once the client is done
    /// (its EOF came and its buffer is sent) or failed, and must be closed.
    fn serve(&mut self, ready: PollFlags, buf: &mut [u8]) -> bool {
        // TODO 1. POLLERR or POLLNVAL: the client failed; return false (close it).
        //> let failed = ready.intersects(PollFlags::POLLERR | PollFlags::POLLNVAL);
        // TODO 2. POLLIN (or POLLHUP) and no EOF yet: one read, appended to `out`.
        //         C: n = read(c, buf, sizeof buf);   0 is the EOF; EAGAIN and EINTR are no
        //         errors (nothing after all); any other error closes this client.
        //> match unistd::read(&self.fd, buf) {
        //>     Ok(0) => self.eof = true,
        //>     Ok(n) => self.out.extend_from_slice(&buf[..n]),
        //>     Err(Errno::EAGAIN | Errno::EINTR) => {}
        //>     Err(e) => eprintln!("poll-server: read: {e}"), // then close this client
        //> }
        // TODO 3. POLLOUT and something pending: one send of what is left; it may take part.
        //         C: n = send(c, p, len, MSG_NOSIGNAL);
        //> let sent = socket::send(self.fd.as_raw_fd(), &self.out[self.sent..], MsgFlags::MSG_NOSIGNAL);
        //> // Ok(n): n more bytes are gone. Once all is sent, clear `out` and reset `sent`.
        // TODO 4. Done once the EOF came and nothing is pending.
        todo!("read on POLLIN, send on POLLOUT, close on error or after EOF and flush")
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
    // TODO loop {
    //   1. The pollfd array: the listening socket first, then one entry per client, in the
    //      order of `clients`.  C: struct pollfd fds[1 + n]; fds[0] = (struct pollfd){ s, POLLIN };
    //> let mut fds = vec![PollFd::new(listener.as_fd(), PollFlags::POLLIN)];
    //> fds.extend(clients.iter().map(|c| PollFd::new(c.fd.as_fd(), c.interest())));
    //   2. C: poll(fds, 1 + n, -1);   EINTR: nothing is ready, poll again (continue).
    //> match poll(&mut fds, PollTimeout::NONE) {
    //>     Ok(_) => {}
    //>     Err(Errno::EINTR) => {}
    //>     Err(e) => return Err(format!("poll: {e}")),
    //> }
    //   3. Copy the answers out, then drop `fds`: it borrows the sockets.
    //> let ready: Vec<PollFlags> = fds
    //>     .iter()
    //>     .map(|p| p.revents().unwrap_or(PollFlags::empty()))
    //>     .collect();
    //> drop(fds);
    //   4. Serve each client with its answer (`ready[i + 1]`, empty: nothing to do), and remove
    //      the finished ones in the same pass with `Vec::retain_mut` — never `remove(i)` while
    //      walking the list: the next client would be skipped or get another's answer.
    //> let mut answers = ready[1..].iter().copied();
    //   5. POLLIN on the listening socket (`ready[0]`): accept_all(&listener, &mut clients)?;
    // }
    todo!("poll over the listener and every client, forever")
}

/// Accept every connection waiting, until EAGAIN; each socket non-blocking.
#[allow(clippy::ptr_arg)] // until your code pushes onto the Vec
fn accept_all(listener: &OwnedFd, clients: &mut Vec<Client>) -> Result<(), String> {
    // TODO loop until EAGAIN (the queue is empty). C: accept4(s, NULL, NULL, SOCK_NONBLOCK);
    //      A plain accept would give a *blocking* socket: Linux does not pass O_NONBLOCK on.
    //      EINTR, ECONNABORTED: try again. EMFILE and the like: return, retry on the next poll.
    //> let flags = SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC;
    //> match socket::accept4(listener.as_raw_fd(), flags) {
    //>     // SAFETY: accept4 just returned this descriptor; nothing else owns it.
    //>     Ok(fd) => clients.push(Client {
    //>         fd: unsafe { OwnedFd::from_raw_fd(fd) },
    //>         out: Vec::new(),
    //>         sent: 0,
    //>         eof: false,
    //>     }),
    //>     Err(Errno::EAGAIN) => return Ok(()),
    //>     Err(e) => eprintln!("poll-server: accept: {e}"),
    //> }
    todo!("accept until EAGAIN")
}

/// The non-blocking listening socket on the wildcard address, and its line on stdout.
fn listen_on(port: u16) -> Result<OwnedFd, String> {
    // TODO as in day2-echo, with a non-blocking socket.
    //      C: int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    //> let fd = socket::socket(
    //>     AddressFamily::Inet,
    //>     SockType::Stream,
    //>     SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC,
    //>     None,
    //> )
    //> .map_err(|e| format!("socket: {e}"))?;
    //      Then SO_REUSEADDR, bind to SockaddrIn::new(0, 0, 0, 0, port), listen, getsockname,
    //      and `listening on <ip>:<port>` with a flush, each with .map_err(...)? as above.
    //> socket::setsockopt(&fd, sockopt::ReuseAddr, &true).map_err(|e| format!("SO_REUSEADDR: {e}"))?;
    todo!("socket, SO_REUSEADDR, bind, listen, print the listening line")
}
