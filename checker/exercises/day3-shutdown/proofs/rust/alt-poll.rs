//! An alternative design of file-server, kept by the project's tests: ONE thread serves every
//! client at once with poll(2) and non-blocking sockets.
//!
//! `file-server <port> <file>`: prints `listening on <ip>:<port>`; for each client sends the
//! whole file, then `shutdown(SHUT_WR)` — the client's read returns 0, so it knows the file is
//! complete — then reads the client's receipt until EOF, prints `client says: <message>` and
//! closes.
//!
//! Each client is a small state machine. Sending: on POLLOUT, send the file from the client's
//! offset until EAGAIN (a short count just moves the offset); once all is sent,
//! shutdown(SHUT_WR). Receiving: on POLLIN, read until EAGAIN, collecting the message; at EOF
//! print the line and close. No call ever blocks, so a slow client never holds up the others.

use std::io::Write;
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd};
use std::process::ExitCode;

use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::socket::{
    self, AddressFamily, Backlog, MsgFlags, Shutdown, SockFlag, SockType, SockaddrIn, sockopt,
};
use nix::unistd;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (port, path) = match args.as_slice() {
        [port, path] => match port.parse::<u16>() {
            Ok(port) => (port, path.clone()),
            Err(_) => return fail(&format!("not a port: {port}")),
        },
        _ => return fail("usage: file-server <port> <file>"),
    };
    match serve(port, &path) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => fail(&message),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("file-server: {message}");
    ExitCode::FAILURE
}

/// Where a client is in the transfer.
enum Phase {
    /// Sending the file; `sent` bytes of it have gone out.
    Sending { sent: usize },
    /// The file is sent and our side shut down; collecting the client's message until EOF.
    Receiving { message: Vec<u8> },
}

struct Client {
    fd: OwnedFd,
    phase: Phase,
}

/// What became of a client after it was served.
enum Outcome {
    /// More to do: keep it in the poll set.
    Going,
    /// The whole message is in: print it, then close.
    Said(Vec<u8>),
}

fn serve(port: u16, path: &str) -> Result<(), String> {
    let content = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    // Non-blocking: poll can say "readable" for a client that has given up by the time we
    // accept; accept then fails with EAGAIN instead of waiting for the next client.
    let listener = socket::socket(
        AddressFamily::Inet,
        SockType::Stream,
        SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC,
        None,
    )
    .map_err(|e| format!("socket: {e}"))?;
    socket::setsockopt(&listener, sockopt::ReuseAddr, &true)
        .map_err(|e| format!("setsockopt(SO_REUSEADDR): {e}"))?;
    socket::bind(listener.as_raw_fd(), &SockaddrIn::new(0, 0, 0, 0, port))
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
    loop {
        // The poll set is rebuilt on every turn: entry 0 is the listener, entry i + 1 is
        // clients[i], watched for what its phase needs.
        let ready: Vec<PollFlags> = {
            let mut fds = Vec::with_capacity(clients.len() + 1);
            fds.push(PollFd::new(listener.as_fd(), PollFlags::POLLIN));
            for client in &clients {
                let events = match client.phase {
                    Phase::Sending { .. } => PollFlags::POLLOUT,
                    Phase::Receiving { .. } => PollFlags::POLLIN,
                };
                fds.push(PollFd::new(client.fd.as_fd(), events));
            }
            match poll(&mut fds, PollTimeout::NONE) {
                Ok(_) => {}
                Err(Errno::EINTR) => continue, // a signal: wait again
                Err(e) => return Err(format!("poll: {e}")),
            }
            fds.iter()
                .map(|fd| fd.revents().unwrap_or(PollFlags::empty()))
                .collect()
        };

        // Serve the ready clients. POLLERR and POLLHUP come unasked: the send or read that
        // follows returns the error (or EOF), which ends that client.
        let mut finished = vec![false; clients.len()];
        for (i, client) in clients.iter_mut().enumerate() {
            if ready[i + 1].is_empty() {
                continue;
            }
            match step(client, &content) {
                Ok(Outcome::Going) => {}
                Ok(Outcome::Said(mut message)) => {
                    // A message may end with a newline: the line we print has its own.
                    if message.last() == Some(&b'\n') {
                        message.pop();
                    }
                    println!("client says: {}", String::from_utf8_lossy(&message));
                    std::io::stdout()
                        .flush()
                        .map_err(|e| format!("stdout: {e}"))?;
                    finished[i] = true;
                }
                Err(e) => {
                    // A client that resets or vanishes costs only its own connection.
                    eprintln!("file-server: client dropped: {e}");
                    finished[i] = true;
                }
            }
        }
        // Remove the finished clients after the loop, which pairs clients and results by
        // index. Dropping a Client closes its socket (shutdown() only ended one direction).
        let mut index = 0;
        clients.retain(|_| {
            let keep = !finished[index];
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
                phase: Phase::Sending { sent: 0 },
            }),
            Err(Errno::EAGAIN) => return Ok(()), // the queue is empty: back to poll
            // A signal, or a client that gave up while queued: try the next one.
            Err(Errno::EINTR | Errno::ECONNABORTED | Errno::EPROTO) => continue,
            Err(e) => return Err(format!("accept: {e}")),
        }
    }
}

/// Do what the client's phase allows now, without blocking.
fn step(client: &mut Client, content: &[u8]) -> nix::Result<Outcome> {
    if let Phase::Sending { sent } = &mut client.phase {
        while *sent < content.len() {
            // MSG_NOSIGNAL: a vanished client gives EPIPE instead of killing us with SIGPIPE.
            match socket::send(
                client.fd.as_raw_fd(),
                &content[*sent..],
                MsgFlags::MSG_NOSIGNAL,
            ) {
                Ok(n) => *sent += n, // a short count only moves the offset
                Err(Errno::EINTR) => continue,
                Err(Errno::EAGAIN) => return Ok(Outcome::Going), // wait for POLLOUT
                Err(e) => return Err(e),
            }
        }
        // The whole file is out (an empty file: at once). SHUT_WR sends a FIN after the data,
        // so the client reads 0 once it has everything; the socket stays open for reading —
        // close() here would lose the client's answer.
        socket::shutdown(client.fd.as_raw_fd(), Shutdown::Write)?;
        client.phase = Phase::Receiving {
            message: Vec::new(),
        };
        // The message may be there already: read it now rather than after another poll.
    }
    let Phase::Receiving { message } = &mut client.phase else {
        return Ok(Outcome::Going);
    };
    let mut buf = [0u8; 4096];
    loop {
        match unistd::read(&client.fd, &mut buf) {
            Ok(0) => return Ok(Outcome::Said(std::mem::take(message))),
            Ok(n) => message.extend_from_slice(&buf[..n]),
            Err(Errno::EINTR) => continue,
            Err(Errno::EAGAIN) => return Ok(Outcome::Going), // the rest comes later: POLLIN
            Err(e) => return Err(e),
        }
    }
}
