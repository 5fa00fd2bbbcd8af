//! Day 5 — one thread serves every client with epoll, edge-triggered.
//!
//! Read course.md#non-blocking, course.md#epoll, course.md#edge-level and
//! course.md#day5-epoll, then replace the `todo!()`s below.
//! Grade yourself with `cargo run -p checker day5-epoll`.
//!
//! Contract: the same as poll-server (course.md#day5-poll) — `epoll-server <port>`, the
//! `listening on <ip>:<port>` line, every client served at once from one thread of one process,
//! non-blocking sockets, a buffer of pending output per client written when the socket is
//! writable, back-pressure over 1 MiB, flush then close after a client's EOF, an error closes
//! only its client — with `epoll` instead of poll. Client sockets are registered
//! edge-triggered (EPOLLET): on every event, read until EAGAIN and write until EAGAIN or nothing
//! is pending. The listening socket may be level- or edge-triggered (if edge, accept until
//! EAGAIN). Bad usage: one line on stderr, exit status 1.
//! Rules: no threads, no fork, no poll or select, no std socket types (see clippy.toml).

// Keeps the compiler quiet while the stub is unfinished; remove it when you are done.
#![allow(unused_imports, unused_variables, dead_code, unused_mut)]

use std::collections::HashMap;
use std::io::Write;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::process::ExitCode;

use nix::errno::Errno;
use nix::sys::epoll::{Epoll, EpollCreateFlags, EpollEvent, EpollFlags, EpollTimeout};
use nix::sys::socket::{
    self, AddressFamily, Backlog, MsgFlags, SockFlag, SockType, SockaddrIn, sockopt,
};
use nix::unistd;

/// Over this much output waiting for a client, stop reading from it.
const HIGH_WATER: usize = 1 << 20;
/// The epoll data of the listening socket; clients get 0, 1, 2, ... (never reused).
const LISTENER: u64 = u64::MAX;

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

    /// Move everything that can move now: edge-triggered, nobody will say so again. Ok(false)
    /// once the client is done (EOF and everything sent) and must be closed; Err: it failed.
    fn pump(&mut self, buf: &mut [u8]) -> nix::Result<bool> {
        // TODO loop {
        //   1. Send until EAGAIN or nothing is pending:
        //      C: n = send(c, p, len, MSG_NOSIGNAL);
        //      nix: match socket::send(self.fd.as_raw_fd(), &self.out[self.sent..], MsgFlags::MSG_NOSIGNAL) {
        //               Ok(n) => self.sent += n,
        //               Err(Errno::EINTR) => continue,
        //               Err(Errno::EAGAIN) => break,   // EPOLLOUT will come when there is room
        //               Err(e) => return Err(e),
        //           }
        //   2. After the EOF: return Ok(self.pending() > 0) — close once all is sent.
        //   3. Over HIGH_WATER: return Ok(true) (back-pressure; EPOLLOUT brings us back).
        //   4. Read until EAGAIN, the EOF (Ok(0)), or HIGH_WATER:
        //      nix: match unistd::read(&self.fd, buf) { Ok(0) => ..., Ok(n) => ...,
        //               Err(Errno::EINTR) => continue, Err(Errno::EAGAIN) => break, Err(e) => return Err(e) }
        //      If nothing came, return Ok(true): EPOLLIN will come with the next data.
        //      Otherwise go round again: what was just read may be sendable at once.
        // }
        todo!("send until EAGAIN, then read until EAGAIN, until neither can move")
    }
}

fn main() -> ExitCode {
    let port = match std::env::args().skip(1).collect::<Vec<_>>().as_slice() {
        [port] => port.parse::<u16>().ok(),
        _ => None,
    };
    let Some(port) = port else {
        eprintln!("epoll-server: usage: epoll-server <port>   (0 lets the kernel choose)");
        return ExitCode::FAILURE;
    };
    match serve(port) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("epoll-server: {message}");
            ExitCode::FAILURE
        }
    }
}

fn serve(port: u16) -> Result<(), String> {
    let listener = listen_on(port)?;
    // TODO 1. C: int ep = epoll_create1(EPOLL_CLOEXEC);
    //         nix: let epoll = Epoll::new(EpollCreateFlags::EPOLL_CLOEXEC).map_err(|e| format!("epoll: {e}"))?;
    // TODO 2. C: struct epoll_event ev = { .events = EPOLLIN, .data.u64 = LISTENER };
    //            epoll_ctl(ep, EPOLL_CTL_ADD, listener, &ev);
    //         nix: epoll.add(&listener, EpollEvent::new(EpollFlags::EPOLLIN, LISTENER))
    //                  .map_err(|e| format!("epoll_ctl: {e}"))?;
    // TODO 3. let mut clients: HashMap<u64, Client> = HashMap::new(); a counter for the next id;
    //         let mut events = vec![EpollEvent::empty(); 256]; let mut buf = vec![0u8; 64 * 1024];
    // TODO 4. loop {
    //   C: n = epoll_wait(ep, events, 256, -1);
    //   nix: let n = match epoll.wait(&mut events, EpollTimeout::NONE) { Ok(n) => n,
    //            Err(Errno::EINTR) => continue, Err(e) => return Err(format!("epoll_wait: {e}")) };
    //   for each of events[..n]: `event.data()` is the id you registered.
    //     LISTENER: accept until EAGAIN (accept4 with SOCK_NONBLOCK | SOCK_CLOEXEC), and register
    //       each client edge-triggered:
    //       nix: epoll.add(&fd, EpollEvent::new(EpollFlags::EPOLLIN | EpollFlags::EPOLLOUT | EpollFlags::EPOLLET, id))
    //     a client: EPOLLERR in `event.events()`, or pump() returning Ok(false) or Err → remove
    //       it from the map (dropping the OwnedFd closes it and takes it out of the epoll set).
    //       An id no longer in the map was closed earlier in this batch: skip it.
    // }
    todo!("epoll_create1, register the listener, then wait and serve forever")
}

/// The non-blocking listening socket on the wildcard address, and its line on stdout.
fn listen_on(port: u16) -> Result<OwnedFd, String> {
    // TODO as in day2-echo, with a non-blocking socket:
    //   nix: let fd = socket::socket(AddressFamily::Inet, SockType::Stream,
    //                                SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC, None)
    //            .map_err(|e| format!("socket: {e}"))?;
    //   then SO_REUSEADDR, bind to SockaddrIn::new(0, 0, 0, 0, port), listen, getsockname, and
    //   println!("listening on {}:{}", local.ip(), local.port()) with a flush — each call with
    //   .map_err(|e| format!("...: {e}"))? as above.
    todo!("socket, SO_REUSEADDR, bind, listen, print the listening line")
}
