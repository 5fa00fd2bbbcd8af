//! day8-device: `sensor-device <port>` (an example: replace it with the exercise).
//!
//! Contract: prints `listening on <ip>:<port>`, then sends `hello\n` to each client and closes.

// Keeps the compiler quiet while the stub is unfinished.
#![allow(unused_imports, unused_variables, dead_code)]

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
            eprintln!("sensor-device: usage: sensor-device <port>");
            return ExitCode::FAILURE;
        }
    };
    match serve(port) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("sensor-device: {message}");
            ExitCode::FAILURE
        }
    }
}

fn serve(port: u16) -> Result<(), String> {
    // TODO the socket calls, each quoted with its C form and its nix equivalent.
    todo!()
}
