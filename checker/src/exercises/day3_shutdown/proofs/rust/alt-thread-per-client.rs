//! An alternative design of file-server, kept by the project's tests: a concurrent server with
//! a thread per client.
//!
//! `file-server <port> <file>`: prints `listening on <ip>:<port>`; for each client sends the
//! whole file, then `shutdown(SHUT_WR)` — the client's read returns 0, so it knows the file is
//! complete — then reads the client's receipt until EOF, prints `client says: <message>` and
//! closes.
//!
//! The main thread only accepts; each connection moves into a thread of its own, which owns it
//! (dropping it at the end closes it). The file is read once and shared by every thread through
//! an `Arc`. Each line goes out with one locked write, so lines of clients that finish together
//! never mix; they come out in the order the clients finish.

use std::io::Write;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::process::ExitCode;
use std::sync::Arc;

use nix::errno::Errno;
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

fn serve(port: u16, path: &str) -> Result<(), String> {
    let content: Arc<[u8]> = std::fs::read(path)
        .map_err(|e| format!("{path}: {e}"))?
        .into();
    let listener = socket::socket(
        AddressFamily::Inet,
        SockType::Stream,
        SockFlag::SOCK_CLOEXEC,
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

    loop {
        let client = match socket::accept4(listener.as_raw_fd(), SockFlag::SOCK_CLOEXEC) {
            // SAFETY: accept4 just returned this descriptor and nothing else owns it.
            Ok(fd) => unsafe { OwnedFd::from_raw_fd(fd) },
            Err(Errno::EINTR | Errno::ECONNABORTED) => continue,
            Err(e) => return Err(format!("accept: {e}")),
        };
        let content = Arc::clone(&content);
        // The thread owns `client`: when it ends, the connection is closed. A thread that
        // cannot be started costs only this client (its socket is closed with the closure).
        let spawned = std::thread::Builder::new()
            .name("client".into())
            .spawn(move || serve_one(&client, &content));
        if let Err(e) = spawned {
            eprintln!("file-server: cannot start a thread for a client: {e}");
        }
        // The JoinHandle is dropped: the thread runs on, detached, and nobody waits for it.
    }
}

/// One client's whole service, on its own thread: the transfer, then the line.
fn serve_one(client: &OwnedFd, content: &[u8]) {
    match transfer(client, content) {
        Ok(message) => {
            // One lock for the line and the flush: no other thread's line can come between.
            let mut out = std::io::stdout().lock();
            if let Err(e) = writeln!(out, "client says: {message}").and_then(|()| out.flush()) {
                eprintln!("file-server: stdout: {e}");
            }
        }
        Err(e) => eprintln!("file-server: client dropped: {e}"),
    }
}

/// Send the file, half-close, and read the client's answer until its EOF.
fn transfer(client: &OwnedFd, content: &[u8]) -> nix::Result<String> {
    send_all(client, content)?;
    // SHUT_WR sends a FIN after the data: the client reads 0 once it has everything. The
    // socket stays open for reading — close() here would lose the client's answer.
    socket::shutdown(client.as_raw_fd(), Shutdown::Write)?;
    let mut message = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match unistd::read(client, &mut buf) {
            Ok(0) => break,
            Ok(n) => message.extend_from_slice(&buf[..n]),
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(e),
        }
    }
    // A message may end with a newline: the line we print has its own.
    if message.last() == Some(&b'\n') {
        message.pop();
    }
    Ok(String::from_utf8_lossy(&message).into_owned())
}

/// send() may take fewer bytes than offered (a short write, e.g. after SIGSTOP/SIGCONT):
/// keep sending from where it stopped.
fn send_all(fd: &OwnedFd, mut data: &[u8]) -> nix::Result<()> {
    while !data.is_empty() {
        // MSG_NOSIGNAL: a vanished client gives EPIPE instead of killing us with SIGPIPE
        // (which would end every thread, not just this client's).
        match socket::send(fd.as_raw_fd(), data, MsgFlags::MSG_NOSIGNAL) {
            Ok(n) => data = &data[n..],
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(())
}
