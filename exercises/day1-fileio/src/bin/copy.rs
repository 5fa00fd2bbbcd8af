//! Day 1 — copy, with open/read/write.
//!
//! Read course.md, "File I/O" and "day1-fileio", then replace the `todo!()` below. Grade
//! yourself with `cargo run -p checker day1-fileio`.
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
    // TODO 1. C: int in = open(src, O_RDONLY);
    //         nix: open(src, OFlag::O_RDONLY, Mode::empty()) -> nix::Result<OwnedFd>
    //         For "-" use fd 0 instead: std::io::stdin().as_fd().
    // TODO 2. C: int out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0644);   (O_APPEND for --append)
    //         nix: open(dst, OFlag::O_WRONLY | OFlag::O_CREAT | ..., Mode::from_bits_truncate(0o644))
    //         For "-" use fd 1 instead: std::io::stdout().as_fd().
    // TODO 3. Read into a buffer until read returns 0 (end of file), retrying on EINTR; write
    //         the n bytes each read returned with your write_all.
    // TODO 4. close(out) and report its error: a failed write can first show up there.
    todo!("copy src to dst with open, read and write_all")
}
