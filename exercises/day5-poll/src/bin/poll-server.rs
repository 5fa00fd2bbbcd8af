//! Day 5 — one thread serves every client with poll(2).
//!
//! Read course.md#many-clients, course.md#non-blocking, course.md#poll and
//! course.md#day5-poll, then replace the `todo!()`s below.
//! Grade yourself with `cargo run -p checker day5-poll`.
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

    /// What to ask poll about this client: POLLIN unless it sent its EOF or its buffer is over
    /// HIGH_WATER; POLLOUT while its buffer is not empty.
    /// C: `struct pollfd p = { .fd = c, .events = POLLIN | POLLOUT };`
    /// nix: `PollFlags::POLLIN | PollFlags::POLLOUT`, `PollFlags::empty()`.
    fn interest(&self) -> PollFlags {
        // TODO build the flags from `self.eof`, `self.pending()` and HIGH_WATER.
        todo!("POLLIN while it may read, POLLOUT while it has output")
    }

    /// Act on what poll reported (`ready`, the pollfd's revents); false once the client is done
    /// (its EOF came and its buffer is sent) or failed, and must be closed.
    fn serve(&mut self, ready: PollFlags, buf: &mut [u8]) -> bool {
        // TODO 1. POLLERR or POLLNVAL: `if ready.intersects(PollFlags::POLLERR | PollFlags::POLLNVAL)`
        //         → return false (close it).
        // TODO 2. POLLIN (or POLLHUP) and no EOF yet: one read.
        //         C: n = read(c, buf, sizeof buf);
        //         nix: match unistd::read(&self.fd, buf) {
        //                  Ok(0) => self.eof = true,
        //                  Ok(n) => self.out.extend_from_slice(&buf[..n]),
        //                  Err(Errno::EAGAIN | Errno::EINTR) => {}
        //                  Err(_) => return false,
        //              }
        // TODO 3. POLLOUT and something pending: one send of `&self.out[self.sent..]`.
        //         C: n = send(c, p, len, MSG_NOSIGNAL);
        //         nix: socket::send(self.fd.as_raw_fd(), &self.out[self.sent..], MsgFlags::MSG_NOSIGNAL)
        //         Ok(n) => self.sent += n; EAGAIN/EINTR => nothing; any other error → return false.
        //         Once everything is sent, clear `out` and reset `sent`.
        // TODO 4. return !(self.eof && self.pending() == 0)
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
    //      order of `clients`.
    //      C: struct pollfd fds[1 + n]; fds[0] = (struct pollfd){ listener, POLLIN };
    //      nix: let mut fds = vec![PollFd::new(listener.as_fd(), PollFlags::POLLIN)];
    //           fds.extend(clients.iter().map(|c| PollFd::new(c.fd.as_fd(), c.interest())));
    //   2. C: poll(fds, 1 + n, -1);
    //      nix: match poll(&mut fds, PollTimeout::NONE) { Ok(_) => {}, Err(Errno::EINTR) => continue,
    //                                                     Err(e) => return Err(format!("poll: {e}")) }
    //   3. Copy the answers out, then drop `fds` (it borrows the sockets):
    //      let ready: Vec<PollFlags> = fds.iter().map(|p| p.revents().unwrap_or(PollFlags::empty())).collect();
    //      drop(fds);
    //   4. Serve each client with its answer (`ready[i + 1]`), then remove the finished ones in
    //      one pass (`Vec::retain`) — never by index while walking the list.
    //   5. POLLIN on the listening socket (`ready[0]`): accept_all(&listener, &mut clients)?;
    // }
    todo!("poll over the listener and every client, forever")
}

/// Accept every connection waiting, until EAGAIN; each socket non-blocking.
fn accept_all(listener: &OwnedFd, clients: &mut Vec<Client>) -> Result<(), String> {
    // TODO loop {
    //   C: int c = accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    //   nix: match socket::accept4(listener.as_raw_fd(), SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC) {
    //            Ok(fd) => clients.push(Client { fd: unsafe { OwnedFd::from_raw_fd(fd) },
    //                                            out: Vec::new(), sent: 0, eof: false }),
    //            Err(Errno::EAGAIN) => return Ok(()),
    //            Err(Errno::EINTR | Errno::ECONNABORTED) => continue,
    //            Err(_) => return Ok(()),   // EMFILE and the like: try again on the next poll
    //        }
    // }
    todo!("accept until EAGAIN")
}

/// The non-blocking listening socket on the wildcard address, and its line on stdout.
fn listen_on(port: u16) -> Result<OwnedFd, String> {
    // TODO as in day2-echo, with a non-blocking socket:
    //   C: int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    //   nix: let fd = socket::socket(AddressFamily::Inet, SockType::Stream,
    //                                SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC, None)
    //            .map_err(|e| format!("socket: {e}"))?;
    //   then SO_REUSEADDR, bind to SockaddrIn::new(0, 0, 0, 0, port), listen, getsockname, and
    //   println!("listening on {}:{}", local.ip(), local.port()) with a flush — each call with
    //   .map_err(|e| format!("...: {e}"))? as above.
    todo!("socket, SO_REUSEADDR, bind, listen, print the listening line")
}
