//! An alternative design of echo-server, kept by the project's tests: ONE thread serves every
//! client at once with select(2).
//!
//! `echo-server <port>`: listens on the wildcard address, prints `listening on <ip>:<port>`,
//! then echoes every byte each client sends back to that client, until the client's EOF.
//!
//! Every socket is made non-blocking (fcntl O_NONBLOCK), so no call can ever stop the whole
//! server: select() tells us which sockets can make progress. Each client has its own output
//! buffer: what send() did not take (a short write, or EAGAIN) waits there, and is sent when
//! select reports the socket writable. Back-pressure: while a client's pending output is over
//! `HIGH_WATER`, its socket leaves the read set, so a client that sends without reading cannot
//! make us buffer without limit; the other clients are served as usual. After a client's EOF we
//! send what is still buffered, then close it.
//!
//! select's limit: an fd_set holds only descriptors below FD_SETSIZE (1024 with glibc), and
//! FdSet::insert panics on a larger one. That is plenty for the lab; a client whose descriptor
//! does not fit is refused (closed at once), and a server for thousands of clients uses poll or
//! epoll instead.

use std::io::Write;
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::process::ExitCode;

use nix::errno::Errno;
use nix::fcntl::{FcntlArg, OFlag, fcntl};
use nix::sys::select::{FD_SETSIZE, FdSet, select};
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

    /// Everything sent back and nothing more to come: the connection is finished.
    fn done(&self) -> bool {
        self.eof && self.out.is_empty()
    }
}

/// Switch a descriptor to non-blocking mode: C's `fcntl(fd, F_SETFL, flags | O_NONBLOCK)`.
fn set_nonblocking(fd: &OwnedFd) -> nix::Result<()> {
    let flags = OFlag::from_bits_truncate(fcntl(fd, FcntlArg::F_GETFL)?);
    fcntl(fd, FcntlArg::F_SETFL(flags | OFlag::O_NONBLOCK))?;
    Ok(())
}

/// Can select() watch this descriptor? (FD_SET on a larger one would write past the set.)
fn fits_fd_set(fd: RawFd) -> bool {
    usize::try_from(fd).is_ok_and(|fd| fd < FD_SETSIZE)
}

/// socket → setsockopt(SO_REUSEADDR) → bind → listen → getsockname, then the select loop.
fn serve(port: u16) -> Result<(), String> {
    let listener = socket::socket(
        AddressFamily::Inet,
        SockType::Stream,
        SockFlag::empty(),
        None,
    )
    .map_err(|e| format!("socket: {e}"))?;
    // Non-blocking: select can say "readable" for a client that has given up by the time we
    // accept; accept then fails with EAGAIN instead of waiting for the next client.
    set_nonblocking(&listener).map_err(|e| format!("fcntl(O_NONBLOCK): {e}"))?;
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
    if !fits_fd_set(listener.as_raw_fd()) {
        return Err("the listening socket's descriptor is too large for select()".into());
    }

    let mut clients: Vec<Client> = Vec::new();
    let mut buf = vec![0u8; CHUNK];
    loop {
        // select() overwrites its sets with the ready descriptors: build them afresh on every
        // turn, from the clients as they are now.
        let (listener_ready, ready): (bool, Vec<(bool, bool)>) = {
            let mut readable = FdSet::new();
            let mut writable = FdSet::new();
            readable.insert(listener.as_fd());
            for client in &clients {
                if client.wants_input() {
                    readable.insert(client.fd.as_fd());
                }
                if !client.out.is_empty() {
                    writable.insert(client.fd.as_fd());
                }
            }
            // nfds = None: nix passes the highest descriptor in the sets + 1.
            match select(None, &mut readable, &mut writable, None, None) {
                Ok(_) => {}
                Err(Errno::EINTR) => continue, // a signal: just wait again
                Err(e) => return Err(format!("select: {e}")),
            }
            (
                readable.contains(listener.as_fd()),
                clients
                    .iter()
                    .map(|c| {
                        (
                            readable.contains(c.fd.as_fd()),
                            writable.contains(c.fd.as_fd()),
                        )
                    })
                    .collect(),
            )
        };

        // A socket with an error or a reset is reported readable (and writable): the read or
        // send that follows returns the error, and that closes the client.
        let mut closed = vec![false; clients.len()];
        for (i, client) in clients.iter_mut().enumerate() {
            let (can_read, can_write) = ready[i];
            let mut result = Ok(());
            if can_read {
                result = receive(client, &mut buf);
            }
            if result.is_ok() && !client.out.is_empty() && (can_read || can_write) {
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
        // Remove the finished clients after the loop over the results, which pairs each
        // client with its place in `ready` by index. Dropping a Client closes its socket.
        let mut index = 0;
        clients.retain(|_| {
            let keep = !closed[index];
            index += 1;
            keep
        });

        if listener_ready {
            accept_all(&listener, &mut clients)?;
        }
    }
}

/// Accept every connection waiting in the listen queue.
fn accept_all(listener: &OwnedFd, clients: &mut Vec<Client>) -> Result<(), String> {
    loop {
        let fd = match socket::accept(listener.as_raw_fd()) {
            // SAFETY: accept just returned this descriptor and nothing else owns it.
            Ok(fd) => unsafe { OwnedFd::from_raw_fd(fd) },
            // The queue is empty: back to select.
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
        if !fits_fd_set(fd.as_raw_fd()) {
            // Dropping `fd` closes the connection: the client sees EOF at once.
            eprintln!("echo-server: too many clients for select(): connection refused");
            continue;
        }
        // accept() does not pass O_NONBLOCK on to the new socket on Linux: set it.
        if let Err(e) = set_nonblocking(&fd) {
            eprintln!("echo-server: client dropped: fcntl(O_NONBLOCK): {e}");
            continue;
        }
        clients.push(Client {
            fd,
            out: Pending::default(),
            eof: false,
        });
    }
}

/// One read from the client into its output buffer.
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
/// EAGAIN is not an error: the rest stays in the buffer until select says writable again.
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
            Err(Errno::EAGAIN) => return Ok(()), // its socket buffer is full: wait
            Err(e) => return Err(e),             // EPIPE, ECONNRESET, ...
        }
    }
    Ok(())
}
