//! Day 1 — copy (reference solution).
//!
//! `copy [--append] <src> <dst>`: copies src to dst with open/read/write. `-` as src is fd 0
//! (stdin), `-` as dst is fd 1 (stdout). A new dst is created with mode 0644 (less the umask);
//! an existing one is truncated, or appended to with `--append`. An error prints
//! `copy: <path>: <reason>` on stderr and exits with status 1.

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

/// `<path>: <reason>`, the reason being errno's text (`No such file or directory`).
fn failed(path: &str) -> impl Fn(Errno) -> String + '_ {
    move |e| format!("{path}: {}", e.desc())
}

fn copy(src: &str, dst: &str, append: bool) -> Result<(), String> {
    // The source first: a mistyped source must not truncate the destination.
    let input: Option<OwnedFd> = match src {
        "-" => None,
        path => Some(open(path, OFlag::O_RDONLY, Mode::empty()).map_err(failed(path))?),
    };
    let output: Option<OwnedFd> = match dst {
        "-" => None,
        path => {
            // O_APPEND makes every write go to the end; O_TRUNC empties an existing file.
            let keep = if append {
                OFlag::O_APPEND
            } else {
                OFlag::O_TRUNC
            };
            // The mode is used only when O_CREAT creates the file; the umask is taken off it.
            let mode = Mode::from_bits_truncate(0o644);
            Some(open(path, OFlag::O_WRONLY | OFlag::O_CREAT | keep, mode).map_err(failed(path))?)
        }
    };
    let (stdin, stdout) = (std::io::stdin(), std::io::stdout());
    let from = input.as_ref().map_or(stdin.as_fd(), |fd| fd.as_fd());
    let to = output.as_ref().map_or(stdout.as_fd(), |fd| fd.as_fd());

    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match read(from, &mut buf) {
            // End of file: everything has been read.
            Ok(0) => break,
            // A short count is normal (a pipe, a terminal): write what came and read on.
            Ok(n) => n,
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(failed(src)(e)),
        };
        write_all(to, &buf[..n]).map_err(failed(dst))?;
    }
    // close() can report an error that dropping the fd would hide (a delayed write error).
    if let Some(fd) = output {
        close(fd).map_err(failed(dst))?;
    }
    Ok(())
}
