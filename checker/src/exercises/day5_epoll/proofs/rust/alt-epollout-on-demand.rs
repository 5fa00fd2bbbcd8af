//! An alternative design of epoll-server, kept by the project's tests: each client is registered
//! EPOLLIN | EPOLLET, and EPOLLOUT is added (EPOLL_CTL_MOD) only while output waits for it, then
//! taken away once everything is sent. (The reference registers EPOLLOUT from the start.)
//!
//! `epoll-server <port>` prints `listening on <ip>:<port>`, then serves all clients at once from
//! one thread of one process. Every socket is non-blocking. The listening socket is registered
//! level-triggered (accept until EAGAIN anyway); each client is registered edge-triggered
//! (EPOLLIN | EPOLLOUT | EPOLLET): epoll reports a change once, so on every event the server
//! reads until EAGAIN and writes until EAGAIN or nothing is left. Each client has its own buffer
//! of output still to send; over 1 MiB, the server stops reading from that client until the
//! buffer drains (back-pressure) — and then reads again without waiting for a new event, since
//! the data that waits will not raise another edge.

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

/// Over this much output waiting for a client, the server stops reading from it.
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
    /// EPOLLOUT is in its registration now.
    watching_out: bool,
}

impl Client {
    fn pending(&self) -> usize {
        self.out.len() - self.sent
    }

    /// Send until EAGAIN or nothing is left. Err: the connection failed.
    fn write_out(&mut self) -> nix::Result<()> {
        while self.pending() > 0 {
            match socket::send(
                self.fd.as_raw_fd(),
                &self.out[self.sent..],
                MsgFlags::MSG_NOSIGNAL,
            ) {
                Ok(n) => self.sent += n,
                Err(Errno::EINTR) => continue,
                Err(Errno::EAGAIN) => break,
                Err(e) => return Err(e),
            }
        }
        if self.pending() == 0 {
            self.out.clear();
            self.sent = 0;
        } else if self.sent > HIGH_WATER {
            self.out.drain(..self.sent);
            self.sent = 0;
        }
        Ok(())
    }

    /// Read until EAGAIN, EOF, or the buffer is over the high-water mark. Ok(true) if
    /// anything came (data or EOF).
    fn read_in(&mut self, buf: &mut [u8]) -> nix::Result<bool> {
        let mut progressed = false;
        while !self.eof && self.pending() <= HIGH_WATER {
            match unistd::read(&self.fd, buf) {
                Ok(0) => self.eof = true,
                Ok(n) => self.out.extend_from_slice(&buf[..n]),
                Err(Errno::EINTR) => continue,
                Err(Errno::EAGAIN) => break,
                Err(e) => return Err(e),
            }
            progressed = true;
        }
        Ok(progressed)
    }

    /// Move everything that can move now; false once the client is done and must close.
    fn pump(&mut self, buf: &mut [u8]) -> nix::Result<bool> {
        loop {
            self.write_out()?;
            if self.eof {
                return Ok(self.pending() > 0);
            }
            if self.pending() > HIGH_WATER || !self.read_in(buf)? {
                // Waiting for EPOLLOUT (the send hit EAGAIN) or EPOLLIN (the read did).
                return Ok(true);
            }
        }
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
    let epoll = Epoll::new(EpollCreateFlags::EPOLL_CLOEXEC).map_err(|e| format!("epoll: {e}"))?;
    epoll
        .add(&listener, EpollEvent::new(EpollFlags::EPOLLIN, LISTENER))
        .map_err(|e| format!("epoll_ctl(ADD, listener): {e}"))?;
    let mut clients: HashMap<u64, Client> = HashMap::new();
    let mut next_id = 0u64;
    let mut buf = vec![0u8; 64 * 1024];
    let mut events = vec![EpollEvent::empty(); 256];
    loop {
        let n = match epoll.wait(&mut events, EpollTimeout::NONE) {
            Ok(n) => n,
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(format!("epoll_wait: {e}")),
        };
        for event in &events[..n] {
            let id = event.data();
            if id == LISTENER {
                accept_all(&listener, &epoll, &mut clients, &mut next_id)?;
                continue;
            }
            // A client closed earlier in this batch has no entry any more.
            let Some(client) = clients.get_mut(&id) else {
                continue;
            };
            let keep = !event.events().contains(EpollFlags::EPOLLERR)
                && client.pump(&mut buf).unwrap_or(false);
            let wants_out = client.pending() > 0;
            if keep && wants_out != client.watching_out {
                let mut interest = EpollFlags::EPOLLIN | EpollFlags::EPOLLET;
                if wants_out {
                    interest |= EpollFlags::EPOLLOUT;
                }
                epoll
                    .modify(&client.fd, &mut EpollEvent::new(interest, id))
                    .map_err(|e| format!("epoll_ctl(MOD): {e}"))?;
                client.watching_out = wants_out;
            }
            if !keep {
                // Closing the descriptor takes it out of the epoll set too.
                clients.remove(&id);
            }
        }
    }
}

/// Accept every connection waiting (until EAGAIN); register each edge-triggered.
fn accept_all(
    listener: &OwnedFd,
    epoll: &Epoll,
    clients: &mut HashMap<u64, Client>,
    next_id: &mut u64,
) -> Result<(), String> {
    loop {
        let fd = match socket::accept4(
            listener.as_raw_fd(),
            SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC,
        ) {
            // SAFETY: accept4 just returned this descriptor; nothing else owns it.
            Ok(fd) => unsafe { OwnedFd::from_raw_fd(fd) },
            Err(Errno::EAGAIN) => return Ok(()),
            Err(Errno::EINTR | Errno::ECONNABORTED) => continue,
            // Out of descriptors or a network error on a pending connection: the listener is
            // level-triggered, so the next epoll_wait reports it again.
            Err(_) => return Ok(()),
        };
        let id = *next_id;
        *next_id += 1;
        let interest = EpollFlags::EPOLLIN | EpollFlags::EPOLLET;
        epoll
            .add(&fd, EpollEvent::new(interest, id))
            .map_err(|e| format!("epoll_ctl(ADD, client): {e}"))?;
        clients.insert(
            id,
            Client {
                fd,
                out: Vec::new(),
                sent: 0,
                eof: false,
                watching_out: false,
            },
        );
    }
}

/// The non-blocking listening socket on the wildcard address, and its line on stdout.
fn listen_on(port: u16) -> Result<OwnedFd, String> {
    let fd = socket::socket(
        AddressFamily::Inet,
        SockType::Stream,
        SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC,
        None,
    )
    .map_err(|e| format!("socket: {e}"))?;
    socket::setsockopt(&fd, sockopt::ReuseAddr, &true).map_err(|e| format!("SO_REUSEADDR: {e}"))?;
    socket::bind(fd.as_raw_fd(), &SockaddrIn::new(0, 0, 0, 0, port))
        .map_err(|e| format!("bind to port {port}: {e}"))?;
    socket::listen(
        &fd,
        Backlog::new(128).map_err(|e| format!("backlog: {e}"))?,
    )
    .map_err(|e| format!("listen: {e}"))?;
    let local: SockaddrIn =
        socket::getsockname(fd.as_raw_fd()).map_err(|e| format!("getsockname: {e}"))?;
    let mut out = std::io::stdout();
    writeln!(out, "listening on {}:{}", local.ip(), local.port())
        .and_then(|()| out.flush())
        .map_err(|e| format!("stdout: {e}"))?;
    Ok(fd)
}
