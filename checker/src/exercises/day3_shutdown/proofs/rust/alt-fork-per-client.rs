//! An alternative design of file-server, kept by the project's tests: a concurrent server that
//! fork()s a child process per client.
//!
//! `file-server <port> <file>`: prints `listening on <ip>:<port>`; for each client sends the
//! whole file, then `shutdown(SHUT_WR)` — the client's read returns 0, so it knows the file is
//! complete — then reads the client's receipt until EOF, prints `client says: <message>` and
//! closes.
//!
//! The parent only accepts: for each connection it forks, closes its own copy of the
//! connection (the child's copy keeps it open) and goes back to accept(). The child closes its
//! copy of the listening socket, serves its one client, prints its line and exits. Finished
//! children are reaped by a SIGCHLD handler that loops on waitpid(WNOHANG), so none stays a
//! zombie; SA_RESTART lets accept() go on after the handler (and EINTR is retried anyway).
//!
//! Clients are served at the same time, so when two finish together their lines come out in
//! the order they finish; clients served one after another get their lines in that order.

use std::io::Write;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::process::ExitCode;

use nix::errno::Errno;
use nix::libc;
use nix::sys::signal::{SaFlags, SigAction, SigHandler, SigSet, Signal, sigaction};
use nix::sys::socket::{
    self, AddressFamily, Backlog, MsgFlags, Shutdown, SockFlag, SockType, SockaddrIn, sockopt,
};
use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
use nix::unistd::{self, ForkResult};

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

/// SIGCHLD: reap every child that has exited (several may have ended for one signal: signals
/// do not queue). Only async-signal-safe calls here: waitpid is one; errno is saved and
/// restored so that the interrupted code does not see waitpid's.
extern "C" fn reap_children(_: libc::c_int) {
    let saved = Errno::last_raw();
    while let Ok(status) = waitpid(None, Some(WaitPidFlag::WNOHANG)) {
        if status == WaitStatus::StillAlive {
            break; // children remain, none has exited
        }
    }
    // ECHILD (no child left) ends the loop too.
    Errno::set_raw(saved);
}

fn serve(port: u16, path: &str) -> Result<(), String> {
    let content = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;

    // Install the reaper before the first fork. SA_NOCLDSTOP: a child stopped and continued
    // (SIGSTOP/SIGCONT) has not ended: no signal for that.
    let reaper = SigAction::new(
        SigHandler::Handler(reap_children),
        SaFlags::SA_RESTART | SaFlags::SA_NOCLDSTOP,
        SigSet::empty(),
    );
    // SAFETY: the handler only calls async-signal-safe functions (waitpid, errno).
    unsafe { sigaction(Signal::SIGCHLD, &reaper) }
        .map_err(|e| format!("sigaction(SIGCHLD): {e}"))?;

    let listener = socket::socket(
        AddressFamily::Inet,
        SockType::Stream,
        SockFlag::empty(),
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
    // Flush before any fork: a child would otherwise inherit (and print again) what is still
    // in the buffer.
    std::io::stdout()
        .flush()
        .map_err(|e| format!("stdout: {e}"))?;

    loop {
        let client = match socket::accept(listener.as_raw_fd()) {
            // SAFETY: accept just returned this descriptor and nothing else owns it.
            Ok(fd) => unsafe { OwnedFd::from_raw_fd(fd) },
            // A signal (SIGCHLD, if a handler ever runs without SA_RESTART), or a client that
            // gave up while queued: just accept the next one.
            Err(Errno::EINTR | Errno::ECONNABORTED) => continue,
            Err(e) => return Err(format!("accept: {e}")),
        };
        // SAFETY: the program has a single thread, so the child may call anything.
        match unsafe { unistd::fork() } {
            Ok(ForkResult::Child) => {
                // The child serves this client only: it needs no listening socket.
                drop(listener);
                let code = serve_one(&client, &content);
                drop(client);
                // _exit: the child must not return into the parent's accept loop, nor run
                // the parent's exit-time cleanup; its output is flushed already.
                // SAFETY: _exit only ends the process.
                unsafe { libc::_exit(code) }
            }
            Ok(ForkResult::Parent { .. }) => {
                // Dropping `client` closes the parent's copy; the child's copy keeps the
                // connection open. Without this the parent would leak a descriptor per client,
                // and the client would never see EOF.
            }
            Err(e) => {
                // No child: this client cannot be served (dropping it closes it), the next may.
                eprintln!("file-server: fork: {e}");
            }
        }
    }
}

/// The child's work: the transfer, then the line. Returns the child's exit status.
fn serve_one(client: &OwnedFd, content: &[u8]) -> i32 {
    match transfer(client, content) {
        Ok(message) => {
            println!("client says: {message}");
            if let Err(e) = std::io::stdout().flush() {
                eprintln!("file-server: stdout: {e}");
                return 1;
            }
            0
        }
        Err(e) => {
            eprintln!("file-server: client dropped: {e}");
            1
        }
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
        // MSG_NOSIGNAL: a vanished client gives EPIPE instead of killing us with SIGPIPE.
        match socket::send(fd.as_raw_fd(), data, MsgFlags::MSG_NOSIGNAL) {
            Ok(n) => data = &data[n..],
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(())
}
