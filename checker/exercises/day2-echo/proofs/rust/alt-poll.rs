//! An alternative design of echo-server, kept by the project's tests: ONE thread serves every
//! client at once with poll(2).
//!
//! `echo-server <port>`: listens on the wildcard address, prints `listening on <ip>:<port>`,
//! then echoes every byte each client sends back to that client, until the client's EOF.
//!
//! Every socket is non-blocking, so no call can ever stop the whole server: poll() tells us
//! which socket can make progress. Each client has its own output buffer: what send() did not
//! take (a short write, or EAGAIN) waits there, and is sent when poll reports POLLOUT.
//! Back-pressure: while a client's pending output is over `HIGH_WATER`, we stop reading from
//! that client (no POLLIN for it), so a client that sends without reading cannot make us buffer
//! without limit; the kernel's buffers then fill and its own sends block. The other clients are
//! served as usual. After a client's EOF we send what is still buffered, then close it.

use std::io::Write;
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd};
use std::process::ExitCode;

use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::socket::{
    self, AddressFamily, Backlog, MsgFlags, SockFlag, SockType, SockaddrIn, sockopt,
};
use nix::unistd;

/// One read takes at most this much.
const CHUNK: usize = 64 * 1024;
/// Stop reading from a client while more than this waits to be sent back to it.
const HIGH_WATER: usize = 1024 * 1024;

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

impl Client {
    /// Read from this client now? Not after its EOF, and not while too much waits for it.
    fn wants_input(&self) -> bool {
        !self.eof && self.out.len() <= HIGH_WATER
    }

    /// The events poll() should watch for this client.
    fn interest(&self) -> PollFlags {
        let mut events = PollFlags::empty();
        if self.wants_input() {
            events |= PollFlags::POLLIN;
        }
        if !self.out.is_empty() {
            events |= PollFlags::POLLOUT;
        }
        events
    }

    /// Everything sent back and nothing more to come: the connection is finished.
    fn done(&self) -> bool {
        self.eof && self.out.is_empty()
    }
}

/// socket → setsockopt(SO_REUSEADDR) → bind → listen → getsockname, then the poll loop.
fn serve(port: u16) -> Result<(), String> {
    // SOCK_NONBLOCK: accept() on it fails with EAGAIN instead of waiting when nobody is queued
    // (poll can say "readable" for a client that has given up by the time we accept).
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

    let mut clients: Vec<Client> = Vec::new();
    let mut buf = vec![0u8; CHUNK];
    loop {
        // The poll set is rebuilt on every turn from the clients as they are now: entry 0 is
        // the listener, entry i + 1 is clients[i]. Rebuilding it means a closed client can
        // never stay in it by mistake.
        let ready: Vec<PollFlags> = {
            let mut fds = Vec::with_capacity(clients.len() + 1);
            fds.push(PollFd::new(listener.as_fd(), PollFlags::POLLIN));
            for client in &clients {
                fds.push(PollFd::new(client.fd.as_fd(), client.interest()));
            }
            match poll(&mut fds, PollTimeout::NONE) {
                Ok(_) => {}
                Err(Errno::EINTR) => continue, // a signal: just wait again
                Err(e) => return Err(format!("poll: {e}")),
            }
            fds.iter()
                .map(|fd| fd.revents().unwrap_or(PollFlags::empty()))
                .collect()
        };

        // Serve the clients that are ready. POLLERR and POLLHUP come whether asked for or not:
        // the read or send that follows returns the error (or EOF), and that closes the client.
        let mut closed = vec![false; clients.len()];
        for (i, client) in clients.iter_mut().enumerate() {
            let revents = ready[i + 1];
            if revents.is_empty() {
                continue;
            }
            let trouble = PollFlags::POLLERR | PollFlags::POLLHUP | PollFlags::POLLNVAL;
            let mut result = Ok(());
            if client.wants_input() && revents.intersects(PollFlags::POLLIN | trouble) {
                result = receive(client, &mut buf);
            }
            if result.is_ok()
                && !client.out.is_empty()
                && revents.intersects(PollFlags::POLLOUT | PollFlags::POLLIN | trouble)
            {
                result = flush(client);
            }
            match result {
                Ok(()) if client.done() => closed[i] = true,
                Ok(()) => {}
                Err(e) => {
                    // A reset or vanished client costs only its own connection.
                    eprintln!("echo-server: client dropped: {e}");
                    closed[i] = true;
                }
            }
        }
        // Remove the finished clients only now, after the loop over the poll results: removing
        // them inside it would shift the indexes that pair each client with its revents.
        // Dropping a Client closes its socket: the client sees EOF, nothing stays in
        // CLOSE_WAIT.
        let mut index = 0;
        clients.retain(|_| {
            let keep = !closed[index];
            index += 1;
            keep
        });

        if ready[0].intersects(PollFlags::POLLIN) {
            accept_all(&listener, &mut clients)?;
        }
    }
}

/// Accept every connection waiting in the listen queue.
fn accept_all(listener: &OwnedFd, clients: &mut Vec<Client>) -> Result<(), String> {
    loop {
        // accept4 with SOCK_NONBLOCK: the new socket is non-blocking from the start.
        match socket::accept4(
            listener.as_raw_fd(),
            SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC,
        ) {
            Ok(fd) => clients.push(Client {
                // SAFETY: accept4 just returned this descriptor and nothing else owns it.
                fd: unsafe { OwnedFd::from_raw_fd(fd) },
                out: Pending::default(),
                eof: false,
            }),
            // The queue is empty: back to poll.
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
        }
    }
}

/// One read from the client into its output buffer, and send what we can at once.
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
/// EAGAIN is not an error: the rest stays in the buffer until the next POLLOUT.
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
            Err(Errno::EAGAIN) => return Ok(()), // its socket buffer is full: wait for POLLOUT
            Err(e) => return Err(e),             // EPIPE, ECONNRESET, ...
        }
    }
    Ok(())
}
