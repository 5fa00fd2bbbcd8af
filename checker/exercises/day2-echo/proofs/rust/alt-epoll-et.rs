//! An alternative design of echo-server, kept by the project's tests: ONE thread serves every
//! client at once with epoll(7), edge-triggered (EPOLLET).
//!
//! `echo-server <port>`: listens on the wildcard address, prints `listening on <ip>:<port>`,
//! then echoes every byte each client sends back to that client, until the client's EOF.
//!
//! Edge-triggered: epoll_wait reports a socket when its state *changes* (new data arrived, room
//! appeared in the send buffer), not for as long as it is ready. So every socket is
//! non-blocking and, on every event, we work until the kernel says EAGAIN: read until EAGAIN,
//! send until EAGAIN or nothing is pending. Stopping earlier would leave data that no new edge
//! will ever announce. Each client is registered once, for EPOLLIN | EPOLLOUT, and never
//! modified: the edges tell us when to look again.
//!
//! Back-pressure: while a client's pending output is over `HIGH_WATER`, we stop reading it even
//! though data may be waiting. That is safe only because the send that left so much pending
//! ended in EAGAIN, so an EPOLLOUT edge will come; on it we send, and once under the mark we
//! read again, without waiting for an EPOLLIN edge (none may come: that data is old).
//!
//! Fairness: one busy client could keep us reading and sending forever (each read finds more
//! data). After `BUDGET` reads in one go we move on and put the client on a list of clients to
//! serve again on the next turn, when epoll_wait does not wait.
//!
//! The listening socket is edge-triggered too: on its event, accept until EAGAIN.

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

/// One read takes at most this much.
const CHUNK: usize = 64 * 1024;
/// Stop reading from a client while more than this waits to be sent back to it.
const HIGH_WATER: usize = 1024 * 1024;
/// Reads for one client in one go, before the others get their turn.
const BUDGET: usize = 16;
/// The epoll token of the listening socket; clients get tokens 0, 1, 2, ...
const LISTENER: u64 = u64::MAX;

fn main() -> ExitCode {
    let port = match std::env::args().nth(1).map(|a| a.parse::<u16>()) {
        Some(Ok(port)) => port,
        _ => {
            eprintln!("echo-server: usage: echo-server <port>   (0 lets the kernel choose)");
            return ExitCode::FAILURE;
        }
    };
    match serve(port) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("echo-server: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Bytes received from a client and not yet sent back: `data[start..]`.
#[derive(Default)]
struct Pending {
    data: Vec<u8>,
    start: usize,
}

impl Pending {
    fn len(&self) -> usize {
        self.data.len() - self.start
    }

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn as_slice(&self) -> &[u8] {
        &self.data[self.start..]
    }

    fn push(&mut self, bytes: &[u8]) {
        // Drop the part already sent before growing, so the buffer does not creep forward.
        if self.start > 0 && self.start >= self.data.len() / 2 {
            self.data.drain(..self.start);
            self.start = 0;
        }
        self.data.extend_from_slice(bytes);
    }

    fn consume(&mut self, n: usize) {
        self.start += n;
        if self.start == self.data.len() {
            self.data.clear();
            self.start = 0;
        }
    }
}

/// One connected client.
struct Client {
    fd: OwnedFd,
    /// What still has to go back to the client.
    out: Pending,
    /// The client has shut down its sending side (read returned 0): read no more.
    eof: bool,
}

/// Where serving a client stopped.
enum Progress {
    /// Waiting for the kernel: an edge will come when there is more to do (or nothing is left
    /// to do at all).
    Waiting,
    /// Stopped on the budget with work left: serve it again soon, without an event.
    MoreToDo,
    /// EOF received and everything sent back: close it.
    Finished,
}

/// socket → setsockopt(SO_REUSEADDR) → bind → listen → getsockname, then the event loop.
fn serve(port: u16) -> Result<(), String> {
    let listener = socket::socket(
        AddressFamily::Inet,
        SockType::Stream,
        SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC,
        None,
    )
    .map_err(|e| format!("socket: {e}"))?;
    socket::setsockopt(&listener, sockopt::ReuseAddr, &true)
        .map_err(|e| format!("setsockopt(SO_REUSEADDR): {e}"))?;
    let address = SockaddrIn::new(0, 0, 0, 0, port);
    socket::bind(listener.as_raw_fd(), &address)
        .map_err(|e| format!("bind to port {port}: {e}"))?;
    socket::listen(
        &listener,
        Backlog::new(128).map_err(|e| format!("backlog: {e}"))?,
    )
    .map_err(|e| format!("listen: {e}"))?;
    let local: SockaddrIn =
        socket::getsockname(listener.as_raw_fd()).map_err(|e| format!("getsockname: {e}"))?;
    println!("listening on {}:{}", local.ip(), local.port());
    std::io::stdout()
        .flush()
        .map_err(|e| format!("stdout: {e}"))?;

    let epoll =
        Epoll::new(EpollCreateFlags::EPOLL_CLOEXEC).map_err(|e| format!("epoll_create1: {e}"))?;
    epoll
        .add(
            &listener,
            EpollEvent::new(EpollFlags::EPOLLIN | EpollFlags::EPOLLET, LISTENER),
        )
        .map_err(|e| format!("epoll_ctl(ADD listener): {e}"))?;

    // Clients by token. A token is never reused, so an event that is still in the batch for a
    // client closed a moment ago finds no client instead of the wrong one (a descriptor number
    // would be reused by the next accept).
    let mut clients: HashMap<u64, Client> = HashMap::new();
    let mut next_token: u64 = 0;
    // Clients that stopped on their budget with work left: no edge will remind us of them.
    let mut again: Vec<u64> = Vec::new();
    let mut events = [EpollEvent::empty(); 64];
    let mut buf = vec![0u8; CHUNK];
    loop {
        // With clients waiting for their next turn, only look at what is new: do not sleep.
        let timeout = if again.is_empty() {
            EpollTimeout::NONE
        } else {
            EpollTimeout::ZERO
        };
        let n = match epoll.wait(&mut events, timeout) {
            Ok(n) => n,
            Err(Errno::EINTR) => continue, // a signal: just wait again
            Err(e) => return Err(format!("epoll_wait: {e}")),
        };
        // This turn serves the clients left over from the last one, then those with events
        // (a client in both is simply served twice: the second time finds EAGAIN at once).
        let mut turn: Vec<u64> = std::mem::take(&mut again);
        for event in &events[..n] {
            if event.data() == LISTENER {
                accept_all(&listener, &epoll, &mut clients, &mut next_token)?;
            } else {
                turn.push(event.data());
            }
        }
        for token in turn {
            let Some(client) = clients.get_mut(&token) else {
                continue; // closed earlier in this turn
            };
            // EPOLLERR and EPOLLHUP need no case of their own: the read or send in
            // serve_client returns the error (or EOF), and that closes the client.
            match serve_client(client, &mut buf) {
                Ok(Progress::Waiting) => {}
                Ok(Progress::MoreToDo) => {
                    if !again.contains(&token) {
                        again.push(token);
                    }
                }
                Ok(Progress::Finished) => close(&epoll, &mut clients, token),
                Err(e) => {
                    // A reset or vanished client costs only its own connection.
                    eprintln!("echo-server: client dropped: {e}");
                    close(&epoll, &mut clients, token);
                }
            }
        }
    }
}

/// Send what is pending and read what has come, until the kernel says EAGAIN (or the budget is
/// spent, or too much is pending).
fn serve_client(client: &mut Client, buf: &mut [u8]) -> nix::Result<Progress> {
    let mut reads = 0;
    loop {
        // Send first: room in the send buffer is what lets us read more.
        flush(client)?;
        if client.eof {
            // Nothing more to read: done once everything went back; otherwise the send above
            // ended in EAGAIN and an EPOLLOUT edge will come.
            return Ok(if client.out.is_empty() {
                Progress::Finished
            } else {
                Progress::Waiting
            });
        }
        if client.out.len() > HIGH_WATER {
            // Back-pressure; the send above ended in EAGAIN, so an EPOLLOUT edge will come.
            return Ok(Progress::Waiting);
        }
        if reads == BUDGET {
            return Ok(Progress::MoreToDo);
        }
        match unistd::read(&client.fd, buf) {
            Ok(0) => client.eof = true, // the client is done sending
            Ok(n) => {
                client.out.push(&buf[..n]);
                reads += 1;
            }
            Err(Errno::EINTR) => {}
            // Read to the bottom (and everything sendable sent): an EPOLLIN edge will come with
            // the next data.
            Err(Errno::EAGAIN) => return Ok(Progress::Waiting),
            Err(e) => return Err(e),
        }
    }
}

/// Forget a client: out of the epoll set, then its socket is closed (dropped).
fn close(epoll: &Epoll, clients: &mut HashMap<u64, Client>, token: u64) {
    if let Some(client) = clients.remove(&token) {
        // Closing the last descriptor of a socket takes it out of every epoll set anyway;
        // saying so explicitly keeps the interest list obviously right.
        let _ = epoll.delete(&client.fd);
        // `client` is dropped here: its socket is closed, the client sees EOF.
    }
}

/// Accept until the listen queue is empty (edge-triggered: a connection left in the queue
/// would get no event of its own) and register each client, once, for both directions.
fn accept_all(
    listener: &OwnedFd,
    epoll: &Epoll,
    clients: &mut HashMap<u64, Client>,
    next_token: &mut u64,
) -> Result<(), String> {
    loop {
        // accept4 with SOCK_NONBLOCK: the new socket is non-blocking from the start.
        let fd = match socket::accept4(
            listener.as_raw_fd(),
            SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC,
        ) {
            // SAFETY: accept4 just returned this descriptor and nothing else owns it.
            Ok(fd) => unsafe { OwnedFd::from_raw_fd(fd) },
            // The queue is empty: the next connection brings a new edge.
            Err(Errno::EAGAIN) => return Ok(()),
            // A signal, or a client that gave up while queued (or, as accept(2) advises for
            // TCP, a network error already pending on the new connection): try the next one.
            Err(
                Errno::EINTR
                | Errno::ECONNABORTED
                | Errno::EPROTO
                | Errno::ENETDOWN
                | Errno::ENOPROTOOPT
                | Errno::EHOSTDOWN
                | Errno::ENONET
                | Errno::EHOSTUNREACH
                | Errno::ENETUNREACH,
            ) => continue,
            Err(e) => return Err(format!("accept: {e}")),
        };
        let token = *next_token;
        *next_token += 1;
        // Data that arrived before this call is not lost: EPOLL_CTL_ADD reports a socket that
        // is ready already, so the first event comes at once.
        let interest = EpollFlags::EPOLLIN | EpollFlags::EPOLLOUT | EpollFlags::EPOLLET;
        if let Err(e) = epoll.add(&fd, EpollEvent::new(interest, token)) {
            eprintln!("echo-server: client dropped: epoll_ctl(ADD): {e}");
            continue; // dropping `fd` closes it
        }
        clients.insert(
            token,
            Client {
                fd,
                out: Pending::default(),
                eof: false,
            },
        );
    }
}

/// Send as much of the client's pending output as its socket takes now: until nothing is
/// pending or EAGAIN. A short count is not an error: send the rest.
fn flush(client: &mut Client) -> nix::Result<()> {
    while !client.out.is_empty() {
        // MSG_NOSIGNAL: a vanished client gives EPIPE instead of killing us with SIGPIPE.
        match socket::send(
            client.fd.as_raw_fd(),
            client.out.as_slice(),
            MsgFlags::MSG_NOSIGNAL,
        ) {
            Ok(n) => client.out.consume(n),
            Err(Errno::EINTR) => continue,
            Err(Errno::EAGAIN) => return Ok(()), // the buffer is full: an EPOLLOUT edge will come
            Err(e) => return Err(e),             // EPIPE, ECONNRESET, ...
        }
    }
    Ok(())
}
