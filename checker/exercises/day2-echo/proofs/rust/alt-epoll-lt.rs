//! An alternative design of echo-server, kept by the project's tests: ONE thread serves every
//! client at once with epoll(7), level-triggered.
//!
//! `echo-server <port>`: listens on the wildcard address, prints `listening on <ip>:<port>`,
//! then echoes every byte each client sends back to that client, until the client's EOF.
//!
//! Every socket is non-blocking and registered with one epoll instance. Level-triggered (the
//! default) means epoll_wait reports a socket for as long as it is ready, like poll(), so one
//! read per event is enough: what is left is reported again on the next wait. Each client has
//! its own output buffer: what send() did not take (a short write, or EAGAIN) waits there.
//! EPOLLOUT is in a client's interest only while output is pending (a socket is writable nearly
//! always: asking for EPOLLOUT with nothing to send would wake us up for nothing, in a loop).
//! Back-pressure: while a client's pending output is over `HIGH_WATER`, EPOLLIN leaves its
//! interest, so a client that sends without reading cannot make us buffer without limit. After
//! a client's EOF we send what is still buffered, then close it.

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
    /// The events epoll watches for this client now (to call epoll_ctl only on a change).
    registered: EpollFlags,
}

impl Client {
    /// Read from this client now? Not after its EOF, and not while too much waits for it.
    fn wants_input(&self) -> bool {
        !self.eof && self.out.len() <= HIGH_WATER
    }

    /// The events epoll should watch for this client, as things stand.
    fn interest(&self) -> EpollFlags {
        let mut events = EpollFlags::empty();
        if self.wants_input() {
            events |= EpollFlags::EPOLLIN;
        }
        if !self.out.is_empty() {
            events |= EpollFlags::EPOLLOUT;
        }
        events
    }

    /// Everything sent back and nothing more to come: the connection is finished.
    fn done(&self) -> bool {
        self.eof && self.out.is_empty()
    }
}

/// socket → setsockopt(SO_REUSEADDR) → bind → listen → getsockname, then the event loop.
fn serve(port: u16) -> Result<(), String> {
    // Non-blocking: epoll can report the listener readable for a client that has given up by
    // the time we accept; accept then fails with EAGAIN instead of waiting.
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
        .add(&listener, EpollEvent::new(EpollFlags::EPOLLIN, LISTENER))
        .map_err(|e| format!("epoll_ctl(ADD listener): {e}"))?;

    // Clients by token. A token is never reused, so an event that is still in the batch for a
    // client closed a moment ago finds no client instead of the wrong one (a descriptor number
    // would be reused by the next accept).
    let mut clients: HashMap<u64, Client> = HashMap::new();
    let mut next_token: u64 = 0;
    let mut events = [EpollEvent::empty(); 64];
    let mut buf = vec![0u8; CHUNK];
    loop {
        let n = match epoll.wait(&mut events, EpollTimeout::NONE) {
            Ok(n) => n,
            Err(Errno::EINTR) => continue, // a signal: just wait again
            Err(e) => return Err(format!("epoll_wait: {e}")),
        };
        for event in &events[..n] {
            let token = event.data();
            if token == LISTENER {
                accept_all(&listener, &epoll, &mut clients, &mut next_token)?;
                continue;
            }
            let Some(client) = clients.get_mut(&token) else {
                continue; // closed earlier in this batch
            };
            match serve_event(client, event.events(), &mut buf) {
                Ok(()) if client.done() => close(&epoll, &mut clients, token),
                Ok(()) => {
                    let wanted = client.interest();
                    if wanted != client.registered {
                        let mut interest = EpollEvent::new(wanted, token);
                        match epoll.modify(&client.fd, &mut interest) {
                            Ok(()) => client.registered = wanted,
                            Err(e) => {
                                eprintln!("echo-server: client dropped: epoll_ctl(MOD): {e}");
                                close(&epoll, &mut clients, token);
                            }
                        }
                    }
                }
                Err(e) => {
                    // A reset or vanished client costs only its own connection.
                    eprintln!("echo-server: client dropped: {e}");
                    close(&epoll, &mut clients, token);
                }
            }
        }
    }
}

/// Read and send what this event allows. EPOLLERR and EPOLLHUP come whether asked for or not:
/// the read or send that follows returns the error (or EOF), and that closes the client.
fn serve_event(client: &mut Client, ready: EpollFlags, buf: &mut [u8]) -> nix::Result<()> {
    let trouble = EpollFlags::EPOLLERR | EpollFlags::EPOLLHUP;
    if client.wants_input() && ready.intersects(EpollFlags::EPOLLIN | trouble) {
        receive(client, buf)?;
    }
    // Try to send at once what was just read, as well as on EPOLLOUT.
    if !client.out.is_empty() {
        flush(client)?;
    }
    Ok(())
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

/// Accept every connection waiting in the listen queue and register it.
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
            // The queue is empty: back to epoll_wait.
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
        if let Err(e) = epoll.add(&fd, EpollEvent::new(EpollFlags::EPOLLIN, token)) {
            eprintln!("echo-server: client dropped: epoll_ctl(ADD): {e}");
            continue; // dropping `fd` closes it
        }
        clients.insert(
            token,
            Client {
                fd,
                out: Pending::default(),
                eof: false,
                registered: EpollFlags::EPOLLIN,
            },
        );
    }
}

/// One read from the client into its output buffer (level-triggered: what is left is
/// reported again).
fn receive(client: &mut Client, buf: &mut [u8]) -> nix::Result<()> {
    loop {
        match unistd::read(&client.fd, buf) {
            Ok(0) => {
                client.eof = true; // the client is done sending
                return Ok(());
            }
            Ok(n) => {
                client.out.push(&buf[..n]);
                return Ok(());
            }
            Err(Errno::EINTR) => continue,
            // Readiness was stale (it can be): nothing to read after all.
            Err(Errno::EAGAIN) => return Ok(()),
            Err(e) => return Err(e),
        }
    }
}

/// Send as much of the client's pending output as its socket takes now. A short count or
/// EAGAIN is not an error: the rest stays in the buffer until EPOLLOUT.
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
            Err(Errno::EAGAIN) => return Ok(()), // its socket buffer is full: wait for EPOLLOUT
            Err(e) => return Err(e),             // EPIPE, ECONNRESET, ...
        }
    }
    Ok(())
}
