//! An alternative design of chat-server, kept by the project's tests: two threads per client.
//! Its reader thread cuts lines and, with the list locked, hands each line to every client's
//! channel (`std::sync::mpsc`); its writer thread sends what comes out of its own channel. The
//! lock covers the hand-over, not the sends, so a client that reads slowly delays nobody, and
//! every channel still gets the lines in the one order the server took them.
//!
//! `chat-server <port>` prints `listening on <ip>:<port>`, then: each complete line a client
//! sends goes to every connected client, the sender included, whole, in one order for all. A
//! client that ends or fails is removed (its channel closes, so its writer ends too, and its
//! socket closes with the last of its two threads). A partial line left at EOF is dropped.

use std::io::Write;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use nix::errno::Errno;
use nix::sys::socket::{
    self, AddressFamily, Backlog, MsgFlags, Shutdown, SockFlag, SockType, SockaddrIn, sockopt,
};
use nix::unistd;

const MAX_LINE: usize = 4096;

/// A connected client as the broadcasters see it: the way into its writer thread.
struct Client {
    id: u64,
    lines: Sender<Arc<[u8]>>,
}

type Clients = Arc<Mutex<Vec<Client>>>;

fn main() -> ExitCode {
    let port = match std::env::args().skip(1).collect::<Vec<_>>().as_slice() {
        [port] => port.parse::<u16>().ok(),
        _ => None,
    };
    let Some(port) = port else {
        eprintln!("chat-server: usage: chat-server <port>");
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
    let mut next_id = 0;
    loop {
        let fd = match socket::accept(listener.as_raw_fd()) {
            // SAFETY: accept just returned this descriptor and nothing else owns it.
            Ok(fd) => Arc::new(unsafe { OwnedFd::from_raw_fd(fd) }),
            Err(e) => {
                eprintln!("chat-server: accept: {e}");
                continue;
            }
        };
        let id = next_id;
        next_id += 1;
        let (tx, rx) = mpsc::channel();
        lock(&clients).push(Client { id, lines: tx });
        let out = Arc::clone(&fd);
        std::thread::spawn(move || write_lines(&out, rx));
        let shared = Arc::clone(&clients);
        std::thread::spawn(move || read_lines(id, &fd, &shared));
    }
}

fn lock(clients: &Clients) -> MutexGuard<'_, Vec<Client>> {
    clients.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The writer: send each line that comes out of the channel; end when the channel closes (the
/// client left the list) or a send fails (the client has gone: its reader sees it too).
fn write_lines(fd: &OwnedFd, lines: Receiver<Arc<[u8]>>) {
    for line in lines {
        if send_all(fd, &line).is_err() {
            let _ = socket::shutdown(fd.as_raw_fd(), Shutdown::Both);
            return;
        }
    }
}

/// The reader: cut lines at each `\n`; each complete line goes into every client's channel,
/// all of them under one lock. At EOF or on an error, leave the list.
fn read_lines(id: u64, fd: &OwnedFd, clients: &Clients) {
    let mut pending: Vec<u8> = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        let n = match unistd::read(fd, &mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        pending.extend_from_slice(&buf[..n]);
        while let Some(at) = pending.iter().position(|&b| b == b'\n') {
            let line: Arc<[u8]> = pending.drain(..=at).collect::<Vec<u8>>().into();
            // A closed channel is a writer that gave up: that client has gone.
            lock(clients).retain(|c| c.lines.send(Arc::clone(&line)).is_ok());
        }
        if pending.len() >= MAX_LINE {
            break;
        }
    }
    lock(clients).retain(|c| c.id != id);
}

fn send_all(fd: &OwnedFd, mut data: &[u8]) -> nix::Result<()> {
    while !data.is_empty() {
        match socket::send(fd.as_raw_fd(), data, MsgFlags::MSG_NOSIGNAL) {
            Ok(n) => data = &data[n..],
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

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
