//! Day 5 — a chat server: one thread per client, the clients behind a Mutex (reference
//! solution).
//!
//! `chat-server <port>` prints `listening on <ip>:<port>` as echo-server does, then serves
//! every client from a thread of its own (`std::thread::spawn`). The connected clients are one
//! list shared by every thread, behind a `Mutex`. Each complete line a client sends (ending in
//! `\n`, at most 4096 bytes) goes to every connected client, the sender included, whole; the
//! lock is held across the whole broadcast, so every client gets the lines in the one order in
//! which the server took them. A client that ends (EOF) or fails is removed: its socket is
//! closed and its thread ends; the server keeps running. A partial line left at EOF is
//! dropped.

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

/// A connected client as every thread sees it: its socket, for the broadcasts. Its own thread
/// holds a second `Arc` to read from it; the socket closes when both are gone.
struct Client {
    id: u64,
    fd: Arc<OwnedFd>,
}

/// The list of connected clients, shared by every thread.
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

fn serve(port: u16) -> Result<(), String> {
    let listener = listen_on(port)?;
    let clients: Clients = Arc::new(Mutex::new(Vec::new()));
    for id in 0.. {
        let fd = match socket::accept(listener.as_raw_fd()) {
            // SAFETY: accept just returned this descriptor and nothing else owns it.
            Ok(fd) => Arc::new(unsafe { OwnedFd::from_raw_fd(fd) }),
            Err(Errno::EINTR | Errno::ECONNABORTED) => continue,
            Err(e) => {
                // EMFILE and the like: this client is lost, the others go on.
                eprintln!("chat-server: accept: {e}");
                continue;
            }
        };
        // In the list before its thread reads a byte: its own first line reaches it too.
        lock(&clients).push(Client {
            id,
            fd: Arc::clone(&fd),
        });
        let shared = Arc::clone(&clients);
        std::thread::spawn(move || serve_client(id, &fd, &shared));
    }
    Ok(())
}

/// The list, locked. A thread that panics while it holds the lock poisons the mutex, and
/// `lock()` then returns an error in every other thread. Nothing here panics with the lock held
/// (no `unwrap` on a send), so that never happens; and were it to happen, the list is still
/// whole, so the guard inside the error is taken rather than a second panic.
fn lock(clients: &Clients) -> MutexGuard<'_, Vec<Client>> {
    clients.lock().unwrap_or_else(PoisonError::into_inner)
}

/// One client's thread: read, cut the bytes into lines at each `\n`, broadcast every complete
/// line; at EOF or on an error, leave the list (which closes the socket once the last broadcast
/// that holds it is over) and end.
fn serve_client(id: u64, fd: &OwnedFd, clients: &Clients) {
    let mut pending: Vec<u8> = Vec::with_capacity(MAX_LINE);
    let mut buf = [0u8; 16 * 1024];
    loop {
        let n = match unistd::read(fd, &mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(Errno::EINTR) => continue,
            Err(_) => break,
        };
        pending.extend_from_slice(&buf[..n]);
        // A read ends anywhere: only a `\n` ends a line.
        let mut start = 0;
        while let Some(at) = pending[start..].iter().position(|&b| b == b'\n') {
            broadcast(clients, &pending[start..start + at + 1]);
            start += at + 1;
        }
        pending.drain(..start);
        if pending.len() >= MAX_LINE {
            // Longer than the contract allows: the client breaks it, and leaves.
            break;
        }
    }
    // What is left in `pending` is a partial line: dropped.
    lock(clients).retain(|c| c.id != id);
}

/// Send `line` to every client, the sender included, with the lock held from the first send to
/// the last: another thread's line can neither come between two of our sends (the same order
/// everywhere) nor into the middle of one (a whole line). A client whose send fails has gone:
/// it is removed, and shut down so that its thread, waiting in read, ends at once.
fn broadcast(clients: &Clients, line: &[u8]) {
    lock(clients).retain(|c| {
        let sent = send_all(&c.fd, line);
        if sent.is_err() {
            let _ = socket::shutdown(c.fd.as_raw_fd(), Shutdown::Both);
        }
        sent.is_ok()
    });
}

/// Send all of `data`: a send may take part of it.
fn send_all(fd: &OwnedFd, mut data: &[u8]) -> nix::Result<()> {
    while !data.is_empty() {
        // MSG_NOSIGNAL: a departed client costs an EPIPE, not the whole process (SIGPIPE).
        match socket::send(fd.as_raw_fd(), data, MsgFlags::MSG_NOSIGNAL) {
            Ok(n) => data = &data[n..],
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// The listening socket on the wildcard address, and its line on stdout.
fn listen_on(port: u16) -> Result<OwnedFd, String> {
    let fd = socket::socket(
        AddressFamily::Inet,
        SockType::Stream,
        SockFlag::SOCK_CLOEXEC,
        None,
    )
    .map_err(|e| format!("socket: {e}"))?;
    socket::setsockopt(&fd, sockopt::ReuseAddr, &true)
        .map_err(|e| format!("setsockopt(SO_REUSEADDR): {e}"))?;
    socket::bind(fd.as_raw_fd(), &SockaddrIn::new(0, 0, 0, 0, port))
        .map_err(|e| format!("bind to port {port}: {e}"))?;
    socket::listen(&fd, Backlog::new(128).map_err(|e| format!("backlog: {e}"))?)
        .map_err(|e| format!("listen: {e}"))?;
    let local: SockaddrIn =
        socket::getsockname(fd.as_raw_fd()).map_err(|e| format!("getsockname: {e}"))?;
    println!("listening on {}:{}", local.ip(), local.port());
    std::io::stdout()
        .flush()
        .map_err(|e| format!("stdout: {e}"))?;
    Ok(fd)
}
