//@ //! __NAME__: `__PROGRAM__ <port>` (an example: replace it with the exercise).
//@{
//! __NAME__: `__PROGRAM__ <port>` (reference solution; an example: replace it with the exercise).
//@}
//!
//! Contract: prints `listening on <ip>:<port>`, then sends `hello\n` to each client and closes.
//@{
// The stub is derived from this file (`checker sync` writes it): a `//@ ` line is the stub's
// only, the lines between `//@{` and `//@}` are the reference's only (the stub has the `//@`
// lines before them instead), and a `//@ko ` line is the Korean of the stub's comment just
// above it (docs/instructors.md, "Adding an exercise").
//@}
//@
//@ // Keeps the compiler quiet while the stub is unfinished.
//@ #![allow(unused_imports, unused_variables, dead_code)]

use std::io::Write;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::process::ExitCode;

use nix::errno::Errno;
use nix::sys::socket::{
    self, AddressFamily, Backlog, MsgFlags, SockFlag, SockType, SockaddrIn, sockopt,
};

fn main() -> ExitCode {
    let port = match std::env::args().nth(1).map(|a| a.parse::<u16>()) {
        Some(Ok(port)) => port,
        _ => {
            eprintln!("__PROGRAM__: usage: __PROGRAM__ <port>");
            return ExitCode::FAILURE;
        }
    };
    match serve(port) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("__PROGRAM__: {message}");
            ExitCode::FAILURE
        }
    }
}

fn serve(port: u16) -> Result<(), String> {
    //@ // TODO the socket calls, each quoted with its C form and its nix equivalent.
    //@ todo!()
    //@{
    let listener = socket::socket(
        AddressFamily::Inet,
        SockType::Stream,
        SockFlag::empty(),
        None,
    )
    .map_err(|e| format!("socket: {e}"))?;
    socket::setsockopt(&listener, sockopt::ReuseAddr, &true)
        .map_err(|e| format!("setsockopt: {e}"))?;
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
        let client = match socket::accept(listener.as_raw_fd()) {
            // SAFETY: accept just returned this descriptor and nothing else owns it.
            Ok(fd) => unsafe { OwnedFd::from_raw_fd(fd) },
            Err(Errno::EINTR | Errno::ECONNABORTED) => continue,
            Err(e) => return Err(format!("accept: {e}")),
        };
        let mut greeting: &[u8] = b"hello\n";
        while !greeting.is_empty() {
            match socket::send(client.as_raw_fd(), greeting, MsgFlags::MSG_NOSIGNAL) {
                Ok(n) => greeting = &greeting[n..],
                Err(Errno::EINTR) => continue,
                Err(_) => break,
            }
        }
    }
    //@}
}
