//! An alternative design of chat-server, kept by the project's tests: each client's thread
//! reads lines with `std::io::BufReader::read_until` over a small `Read` adapter on its socket;
//! the list of clients is in an `RwLock` (broadcasters only read it), and a separate
//! `Mutex<()>` — the talking stick — is held across each whole broadcast, so lines never cross.
//! Each thread registers itself before it reads.
//!
//! `chat-server <port>` prints `listening on <ip>:<port>`, then: each complete line a client
//! sends goes to every connected client, the sender included, whole, in one order for all. A
//! client that ends or fails is removed and its socket closed; a partial line left at EOF
//! (read_until returns it without its `\n`) is dropped.

use std::io::{BufRead, BufReader, Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::process::ExitCode;
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use nix::errno::Errno;
use nix::sys::socket::{
    self, AddressFamily, Backlog, MsgFlags, SockFlag, SockType, SockaddrIn, sockopt,
};
use nix::unistd;

const MAX_LINE: u64 = 4096;

struct Chat {
    clients: RwLock<Vec<(u64, Arc<OwnedFd>)>>,
    /// Held from the first send of a broadcast to the last.
    talking: Mutex<()>,
}

/// `Read` on a socket through nix's read, for BufReader.
struct Socket<'a>(&'a OwnedFd);

impl Read for Socket<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            match unistd::read(self.0, buf) {
                Ok(n) => return Ok(n),
                Err(Errno::EINTR) => continue,
                Err(e) => return Err(e.into()),
            }
        }
    }
}

fn main() -> ExitCode {
    let Some(port) = std::env::args().nth(1).and_then(|p| p.parse::<u16>().ok()) else {
        eprintln!("chat-server: usage: chat-server <port>");
        return ExitCode::FAILURE;
    };
    let listener = match listen_on(port) {
        Ok(fd) => fd,
        Err(message) => {
            eprintln!("chat-server: {message}");
            return ExitCode::FAILURE;
        }
    };
    let chat = Arc::new(Chat {
        clients: RwLock::new(Vec::new()),
        talking: Mutex::new(()),
    });
    for id in 0u64.. {
        let Ok(fd) = socket::accept(listener.as_raw_fd()) else {
            continue;
        };
        // SAFETY: accept just returned this descriptor and nothing else owns it.
        let fd = Arc::new(unsafe { OwnedFd::from_raw_fd(fd) });
        let chat = Arc::clone(&chat);
        std::thread::spawn(move || serve_client(id, fd, &chat));
    }
    ExitCode::SUCCESS
}

fn serve_client(id: u64, fd: Arc<OwnedFd>, chat: &Chat) {
    chat.clients
        .write()
        .unwrap_or_else(PoisonError::into_inner)
        .push((id, Arc::clone(&fd)));
    let mut reader = BufReader::new(Socket(&fd));
    let mut line = Vec::new();
    loop {
        line.clear();
        match (&mut reader).take(MAX_LINE).read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => break,
            // At EOF the last bytes come without their `\n`: not a line. Too long: gone.
            Ok(_) if !line.ends_with(b"\n") => break,
            Ok(_) => broadcast(chat, &line),
        }
    }
    chat.clients
        .write()
        .unwrap_or_else(PoisonError::into_inner)
        .retain(|(other, _)| *other != id);
}

fn broadcast(chat: &Chat, line: &[u8]) {
    let _stick = chat.talking.lock().unwrap_or_else(PoisonError::into_inner);
    let clients = chat.clients.read().unwrap_or_else(PoisonError::into_inner);
    for (_, fd) in clients.iter() {
        // A client that has gone fails here; its own thread removes it.
        let _ = send_all(fd, line);
    }
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
    socket::setsockopt(&fd, sockopt::ReuseAddr, &true).map_err(|e| format!("SO_REUSEADDR: {e}"))?;
    socket::bind(fd.as_raw_fd(), &SockaddrIn::new(0, 0, 0, 0, port))
        .map_err(|e| format!("bind: {e}"))?;
    socket::listen(&fd, Backlog::new(128).map_err(|e| format!("backlog: {e}"))?)
        .map_err(|e| format!("listen: {e}"))?;
    let local: SockaddrIn =
        socket::getsockname(fd.as_raw_fd()).map_err(|e| format!("getsockname: {e}"))?;
    println!("listening on {}:{}", local.ip(), local.port());
    std::io::stdout().flush().map_err(|e| format!("stdout: {e}"))?;
    Ok(fd)
}
