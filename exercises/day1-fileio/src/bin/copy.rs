//! Day 1 — copy, with open/read/write.
//!
//! Read course.md#file-io (한국어: course.ko.md#file-io) and course.md#day1-fileio (한국어: course.ko.md#day1-fileio), then replace the `todo!()` below. Grade
//! yourself with `cargo run -p checker day1-fileio`. (`//>` lines: hint code that compiles in
//! its place once the `//>` is removed.)
//!
//! Contract: `copy [--append] <src> <dst>` copies src to dst. `-` as src is fd 0 (stdin), `-`
//! as dst is fd 1 (stdout). A new dst is created with mode 0644 (the umask is taken off it); an
//! existing dst is truncated, unless `--append` is given: then the copy is added at its end.
//! Errors (a missing source, a destination that cannot be written, a full device such as
//! /dev/full): `copy: <path>: <reason from errno>` on stderr, exit status 1.

// Keeps the compiler quiet while the stub is unfinished; remove it when you are done.
#![allow(unused_imports, unused_variables, dead_code)]

use std::os::fd::{AsFd, OwnedFd};
use std::process::ExitCode;

use day1_fileio::write_all;
use nix::errno::Errno;
use nix::fcntl::{OFlag, open};
use nix::sys::stat::Mode;
use nix::unistd::{close, read};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (src, dst, append) = match args.as_slice() {
        [flag, src, dst] if flag == "--append" => (src, dst, true),
        [src, dst] => (src, dst, false),
        _ => return fail("usage: copy [--append] <src> <dst>"),
    };
    match copy(src, dst, append) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => fail(&message),
    }
}

/// An expected error: one line on stderr, exit status 1.
fn fail(message: &str) -> ExitCode {
    eprintln!("copy: {message}");
    ExitCode::FAILURE
}

/// Copy `src` to `dst`; an error is `<path>: <reason>`, e.g.
/// `format!("{path}: {}", errno.desc())` gives `notes.txt: No such file or directory`.
fn copy(src: &str, dst: &str, append: bool) -> Result<(), String> {
    // TODO 1. C: int in = open(src, O_RDONLY);   nix returns an OwnedFd (closed when dropped).
    //         An Errno becomes the message `<path>: <reason>` with map_err (`?` alone cannot
    //         turn an Errno into this function's String):
    //> let input: Option<OwnedFd> = match src {
    //>     "-" => None, // fd 0, below
    //>     path => Some(
    //>         open(path, OFlag::O_RDONLY, Mode::empty())
    //>             .map_err(|e| format!("{path}: {}", e.desc()))?,
    //>     ),
    //> };
    //> // For "-": fd 0. Keep the Stdin in a variable: as_fd() borrows from it.
    //> let stdin = std::io::stdin();
    //> let from = match &input {
    //>     Some(fd) => fd.as_fd(),
    //>     None => stdin.as_fd(),
    //> };
    // TODO 2. C: int out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0644);   (O_APPEND for --append)
    //         nix: open(dst, OFlag::O_WRONLY | OFlag::O_CREAT | ...,
    //                   Mode::from_bits_truncate(0o644));
    //         for "-" use fd 1 (std::io::stdout(), kept in a variable the same way).
    // TODO 3. Read into a buffer until read returns 0 (end of file), retrying on EINTR; write
    //         the n bytes each read returned with your write_all:
    //> let mut buf = vec![0u8; 64 * 1024];
    //> let n = read(from, &mut buf).map_err(|e| format!("{src}: {}", e.desc()))?; // 0 = the end
    // TODO 4. close(out) and report its error: a failed write can first show up there.
    //         nix: close(fd) takes the OwnedFd.
    todo!("copy src to dst with open, read and write_all")
}
