//! Day 1 — file descriptors: writing everything, whatever happens on the way.
//!
//! Read course.md#sockets-are-file-descriptors (한국어: course.ko.md#sockets-are-file-descriptors), course.md#file-io (한국어: course.ko.md#file-io), course.md#vectored-io (한국어: course.ko.md#vectored-io) and
//! course.md#day1-fileio (한국어: course.ko.md#day1-fileio), then replace every `todo!()` below (and the one in src/bin/copy.rs).
//! Grade yourself with `cargo run -p checker day1-fileio`.
//!
//! Lines that start with `//>` are hint code: each compiles as it stands, in its place, if you
//! remove the `//>` (`checker verify` builds them so). They show the calls, not the whole answer.
//!
//! Rules (the checker enforces them, see clippy.toml): no unsafe code, no `std::fs::File`,
//! `std::fs::copy`, `std::io::copy` and the like: you write with nix's `write` and `writev`.

// Keeps the compiler quiet while the stubs are unfinished; remove it when you are done.
#![allow(unused_imports, unused_variables, dead_code)]

use std::io::IoSlice;
use std::os::fd::AsFd;

use nix::errno::Errno;
use nix::sys::uio::writev;
use nix::unistd::write;

/// Write all of `buf` to `fd`.
///
/// C: `ssize_t write(int fd, const void *buf, size_t count);` — it may write fewer bytes than
/// asked (a short count), or fail with `EINTR` when a signal arrives before it wrote anything.
/// nix: `nix::unistd::write(fd.as_fd(), buf) -> nix::Result<usize>`.
pub fn write_all(fd: impl AsFd, buf: &[u8]) -> nix::Result<()> {
    // TODO: loop until every byte is written: after a short count n, continue with &buf[n..];
    //       on Err(Errno::EINTR) call write again; return any other error. One call:
    //> let n = write(fd.as_fd(), buf)?; // n may be less than buf.len()
    todo!()
}

/// Write all of `bufs`, in order, as if they were one buffer, with one `writev` per attempt.
///
/// C: `ssize_t writev(int fd, const struct iovec *iov, int iovcnt);` — the count it returns is
/// over all the buffers together, and it can be short, like write's.
/// nix: `nix::sys::uio::writev(fd.as_fd(), &[IoSlice::new(a), IoSlice::new(b)]) -> nix::Result<usize>`.
pub fn write_vectored_all(fd: impl AsFd, bufs: &[&[u8]]) -> nix::Result<()> {
    // TODO: keep track of the first buffer not yet fully written and how much of it was.
    //       Each attempt is one writev of what is left: the rest of that buffer, then the
    //       buffers after it, at most 1024 of them (IOV_MAX: with more, writev fails with
    //       EINVAL). After a short count, skip the buffers it covered and continue from the
    //       exact byte where it stopped (never from the first buffer again).
    //       Retry on EINTR; return any other error. One attempt, with every buffer:
    //> let slices: Vec<IoSlice> = bufs.iter().map(|b| IoSlice::new(b)).collect();
    //> let n = writev(fd.as_fd(), &slices)?; // n counts bytes over all the slices
    //       (or keep the slices and let `IoSlice::advance_slices(&mut slices, n)` move on)
    todo!()
}
