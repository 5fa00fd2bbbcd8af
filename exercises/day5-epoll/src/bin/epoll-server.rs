//! Day 5 — one thread serves every client with epoll, edge-triggered.
//!
//! Read course.md#non-blocking (한국어: course.ko.md#non-blocking), course.md#per-client-buffers (한국어: course.ko.md#per-client-buffers), course.md#epoll (한국어: course.ko.md#epoll),
//! course.md#level-vs-edge (한국어: course.ko.md#level-vs-edge) and course.md#day5-epoll (한국어: course.ko.md#day5-epoll), then replace the `todo!()`s below.
//! Grade yourself with `cargo run -p checker day5-epoll`; try it by hand with
//! `cargo run -p day5-epoll --bin epoll-server -- 7000` and `nc 127.0.0.1 7000` in two terminals.
//!
//! Contract: the same as poll-server (course.md#day5-poll (한국어: course.ko.md#day5-poll)) — `epoll-server <port>`, the
//! `listening on <ip>:<port>` line, every client served at once from one thread of one process,
//! non-blocking sockets, a buffer of pending output per client written when the socket is
//! writable, back-pressure over 1 MiB, flush then close after a client's EOF, an error closes
//! only its client — with `epoll` instead of poll. Client sockets are registered
//! edge-triggered (EPOLLET): on every event, read until EAGAIN and write until EAGAIN or nothing
//! is pending. The listening socket may be level- or edge-triggered (if edge, accept until
//! EAGAIN). Bad usage: one line on stderr, exit status 1.
//! Rules: no threads, no fork, no poll or select, no std socket types (see clippy.toml).
//!
//! Lines that start with `//>` are hint code: each compiles as it stands, in its place, once
//! the `//>` is removed (`checker verify` builds them so). They show the calls, not the answer.

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
        //   1. Send until EAGAIN or nothing is pending.  C: n = send(c, p, len, MSG_NOSIGNAL);
        //> while self.pending() > 0 {
        //>     match socket::send(self.fd.as_raw_fd(), &self.out[self.sent..], MsgFlags::MSG_NOSIGNAL) {
        //>         Ok(n) => self.sent += n,
        //>         Err(Errno::EINTR) => {}
        //>         Err(Errno::EAGAIN) => break, // EPOLLOUT comes when there is room
        //>         Err(e) => return Err(e),
        //>     }
        //> }
        //   2. After the EOF: done once nothing is pending (Ok(false) closes it).
        //   3. Over HIGH_WATER: stop reading for now (back-pressure). The data left in the
        //      socket raises no new edge: come back to reading as soon as the buffer drains.
        //   4. Read until EAGAIN, the EOF or HIGH_WATER.  C: n = read(c, buf, sizeof buf);
        //> match unistd::read(&self.fd, buf) {
        //>     Ok(0) => self.eof = true,
        //>     Ok(n) => self.out.extend_from_slice(&buf[..n]),
        //>     Err(Errno::EINTR) => {}
        //>     Err(Errno::EAGAIN) => {} // nothing more now: EPOLLIN comes with the next data
        //>     Err(e) => return Err(e),
        //> }
        //      Nothing came: Ok(true), wait for the next event. Something came: go round
        //      again, since what was just read may be sendable at once.
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
    //> let epoll = Epoll::new(EpollCreateFlags::EPOLL_CLOEXEC).map_err(|e| format!("epoll: {e}"))?;
    // TODO 2. C: struct epoll_event ev = { .events = EPOLLIN, .data.u64 = LISTENER };
    //            epoll_ctl(ep, EPOLL_CTL_ADD, listener, &ev);
    //> epoll
    //>     .add(&listener, EpollEvent::new(EpollFlags::EPOLLIN, LISTENER))
    //>     .map_err(|e| format!("epoll_ctl: {e}"))?;
    // TODO 3. The clients by id (the data registered with each), and the id of the next one.
    //> let mut clients: HashMap<u64, Client> = HashMap::new();
    //> let mut events = vec![EpollEvent::empty(); 256];
    //> let mut buf = vec![0u8; 64 * 1024];
    // TODO 4. loop {
    //   C: n = epoll_wait(ep, events, 256, -1);   EINTR: wait again.
    //> let n = match epoll.wait(&mut events, EpollTimeout::NONE) {
    //>     Ok(n) => n,
    //>     Err(Errno::EINTR) => 0,
    //>     Err(e) => return Err(format!("epoll_wait: {e}")),
    //> };
    //> for event in &events[..n] {
    //>     let (what, id) = (event.events(), event.data());
    //> }
    //   LISTENER: accept until EAGAIN (accept4, SOCK_NONBLOCK | SOCK_CLOEXEC), and register
    //   each new client edge-triggered, with its own id:
    //> if let Ok(raw) = socket::accept4(listener.as_raw_fd(), SockFlag::SOCK_NONBLOCK) {
    //>     // SAFETY: accept4 just returned this descriptor; nothing else owns it.
    //>     let fd = unsafe { OwnedFd::from_raw_fd(raw) };
    //>     let edge = EpollFlags::EPOLLIN | EpollFlags::EPOLLOUT | EpollFlags::EPOLLET;
    //>     epoll.add(&fd, EpollEvent::new(edge, 0)).map_err(|e| format!("epoll_ctl: {e}"))?;
    //> }
    //   A client: EPOLLERR, or pump() giving Ok(false) or Err: remove it from the map (dropping
    //   its OwnedFd closes it and takes it out of the epoll set). An id no longer in the map
    //   was closed earlier in this batch: skip it.
    // }
    todo!("epoll_create1, register the listener, then wait and serve forever")
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
