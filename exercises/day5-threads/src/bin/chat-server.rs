//! Day 5 — a chat server: one thread per client, the clients behind a Mutex.
//!
//! Read course.md#threads (한국어: course.ko.md#threads), course.md#data-races (한국어: course.ko.md#data-races), course.md#poisoning (한국어: course.ko.md#poisoning), course.md#thread-cost (한국어: course.ko.md#thread-cost)
//! and course.md#day5-threads (한국어: course.ko.md#day5-threads), then replace the `todo!()`s below.
//! Grade yourself with `cargo run -p checker day5-threads`; try it by hand with
//! `cargo run -p day5-threads --bin chat-server -- 7000` and `nc 127.0.0.1 7000` in two or three
//! terminals: what one types, all of them see.
//!
//! Contract: `chat-server <port>` binds the wildcard address with SO_REUSEADDR, listens, prints
//! `listening on <ip>:<port>` (the real port, from getsockname) and flushes — as echo-server.
//! Then one thread per client (`std::thread::spawn`), the shared list of clients behind a
//! `Mutex`. Each complete line a client sends (ending in `\n`, at most 4096 bytes) is sent to
//! every connected client, the sender included, whole. All clients receive the lines in one
//! and the same order (the order in which the server took them), and each sender's lines keep
//! their order. A client that ends (EOF) or fails is removed: its socket is closed and its
//! thread ends; the server keeps running. A partial line left at EOF is dropped.
//! Bad usage: one line on stderr, exit status 1.
//! Rules: no fork, no poll/epoll/select, no std socket types (see clippy.toml).
//!
//! Lines that start with `//>` are hint code: each compiles as it stands, in its place, once
//! the `//>` is removed (`checker verify` builds them so). They show the calls, not the answer.

// Keeps the compiler quiet while the stub is unfinished; remove it when you are done.
#![allow(unused_imports, unused_variables, dead_code, unused_mut)]

use std::io::Write;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::process::ExitCode;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use nix::errno::Errno;
use nix::sys::socket::{
    self, AddressFamily, Backlog, MsgFlags, Shutdown, SockFlag, SockType, SockaddrIn, sockopt,
};
use nix::unistd;

/// The longest line the contract allows, `\n` included.
const MAX_LINE: usize = 4096;

/// A connected client as every thread sees it. The socket is shared: the list holds one `Arc`
/// (for the broadcasts), the client's own thread another (to read); it closes when both are
/// dropped.
struct Client {
    id: u64,
    fd: Arc<OwnedFd>,
}

/// The list of connected clients, shared by every thread.
/// C: `struct client *clients; pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;`
type Clients = Arc<Mutex<Vec<Client>>>;

fn main() -> ExitCode {
    let port = match std::env::args().skip(1).collect::<Vec<_>>().as_slice() {
        [port] => port.parse::<u16>().ok(),
        _ => None,
    };
    let Some(port) = port else {
        eprintln!("chat-server: usage: chat-server <port>   (0 lets the kernel choose)");
        return ExitCode::FAILURE;
    };
    match serve(port) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("chat-server: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Accept clients for ever, a thread for each.
/// C: `pthread_create(&tid, NULL, serve_client, arg); pthread_detach(tid);`
/// Rust: `std::thread::spawn(move || ...)`; dropping the JoinHandle detaches the thread.
fn serve(port: u16) -> Result<(), String> {
    let listener = listen_on(port)?;
    let clients: Clients = Arc::new(Mutex::new(Vec::new()));
    // TODO loop, with an id that grows by one per client {
    //   1. accept (retry on EINTR and ECONNABORTED; another error: print it and go on).
    //> let fd = match socket::accept(listener.as_raw_fd()) {
    //>     // SAFETY: accept just returned this descriptor and nothing else owns it.
    //>     Ok(fd) => Arc::new(unsafe { OwnedFd::from_raw_fd(fd) }),
    //>     Err(e) => return Err(format!("accept: {e}")), // EINTR, ECONNABORTED: try again instead
    //> };
    //   2. Put the client in the list *before* its thread reads a byte: its own first line
    //      must reach it too.
    //> let id: u64 = 0; // one more per client
    //> lock(&clients).push(Client { id, fd: Arc::clone(&fd) });
    //   3. A thread for it, with its own handles on the socket and the list (`move`).
    //> let shared = Arc::clone(&clients);
    //> std::thread::spawn(move || serve_client(id, &fd, &shared));
    // }
    todo!("accept clients for ever, each into the list and into a thread of its own")
}

/// The list, locked. C: `pthread_mutex_lock(&lock);` — unlocked when the guard is dropped.
/// `lock()` fails only if a thread panicked while it held the lock (the mutex is *poisoned*):
/// course.md#poisoning says what to do then.
fn lock(clients: &Clients) -> MutexGuard<'_, Vec<Client>> {
    // TODO lock the mutex; decide what a poisoned lock means here.
    //> let guard = clients.lock().unwrap_or_else(PoisonError::into_inner);
    todo!("lock the list")
}

/// One client's thread: read, cut the bytes into lines at each `\n`, broadcast every complete
/// line; at EOF (read returns 0) or on an error, leave the list and return (which ends the
/// thread and drops its handle on the socket).
/// C: `void *serve_client(void *arg) { ... while ((n = read(fd, buf, sizeof buf)) > 0) ...; return NULL; }`
fn serve_client(id: u64, fd: &OwnedFd, clients: &Clients) {
    let mut pending: Vec<u8> = Vec::with_capacity(MAX_LINE);
    let mut buf = [0u8; 16 * 1024];
    // TODO loop {
    //   1. C: n = read(fd, buf, sizeof buf);   0: EOF, leave the loop; EINTR: again; an
    //      error: leave the loop.
    //> let n = unistd::read(fd, &mut buf).unwrap_or(0);
    //   2. Append to `pending`; a read ends anywhere, so only a `\n` ends a line: broadcast each
    //      complete line, keep the rest for the next read.
    //> pending.extend_from_slice(&buf[..n]);
    //> if let Some(at) = pending.iter().position(|&b| b == b'\n') {
    //>     broadcast(clients, &pending[..=at]);
    //> }
    //   3. More than MAX_LINE bytes and no `\n`: the client breaks the contract; leave.
    // }
    // TODO What is left in `pending` is an unfinished line: drop it. Remove this client from
    //      the list (`retain`), so that its socket closes once the last handle is gone.
    //> lock(clients).retain(|c| c.id != id);
    todo!("read lines until EOF, broadcast each, then leave the list")
}

/// Send `line` to every client in the list, the sender included, with the lock held from the
/// first send to the last: then no other line can come between two of these sends (every
/// client gets the lines in the same order) or into the middle of one (every line whole).
/// A send to a client that has gone fails (EPIPE, ECONNRESET): remove that client — never
/// `unwrap()` it (course.md#poisoning).
/// C: `pthread_mutex_lock(&lock); for (i = 0; i < n; i++) send(c[i], line, len, MSG_NOSIGNAL);`
/// `pthread_mutex_unlock(&lock);` — in Rust the guard of `lock()` unlocks when dropped.
fn broadcast(clients: &Clients, line: &[u8]) {
    // TODO one lock for the whole broadcast; `retain` walks the list and keeps each client
    //      whose send worked. A client you remove: shut its socket down (Shutdown::Both), so
    //      that its thread, waiting in read, ends at once.
    //> let mut list = lock(clients);
    //> list.retain(|c| send_all(&c.fd, line).is_ok());
    todo!("send the line to every client, under one lock")
}

/// Send all of `data`: a send may take part of it (as in day2-echo).
/// C: `n = send(fd, p, len, MSG_NOSIGNAL);`
fn send_all(fd: &OwnedFd, data: &[u8]) -> nix::Result<()> {
    // TODO loop until everything is sent; retry on EINTR; MSG_NOSIGNAL, so a departed client
    //      costs an EPIPE instead of a SIGPIPE for the whole process.
    //> let n = socket::send(fd.as_raw_fd(), data, MsgFlags::MSG_NOSIGNAL)?;
    todo!("send everything")
}

/// The listening socket on the wildcard address, and its line on stdout (as in day2-echo).
/// C: `socket(AF_INET, SOCK_STREAM, 0); setsockopt(SO_REUSEADDR); bind; listen; getsockname;`
fn listen_on(port: u16) -> Result<OwnedFd, String> {
    // TODO socket, SO_REUSEADDR, bind to SockaddrIn::new(0, 0, 0, 0, port), listen,
    //      getsockname, and `listening on <ip>:<port>` with a flush, each with .map_err(...)?.
    //> let fd = socket::socket(AddressFamily::Inet, SockType::Stream, SockFlag::SOCK_CLOEXEC, None)
    //>     .map_err(|e| format!("socket: {e}"))?;
    //> socket::setsockopt(&fd, sockopt::ReuseAddr, &true).map_err(|e| format!("SO_REUSEADDR: {e}"))?;
    todo!("socket, SO_REUSEADDR, bind, listen, print the listening line")
}
