//! Day 1 — file descriptors (an alternative design: IoSlice::advance_slices).
//!
//! `write_all` and `write_vectored_all` write every byte, whatever short counts and
//! interruptions happen on the way; `src/bin/copy.rs` copies files with them.

use std::io::IoSlice;
use std::os::fd::AsFd;

use nix::errno::Errno;
use nix::sys::uio::writev;
use nix::unistd::write;

/// Write all of `buf` to `fd`.
pub fn write_all(fd: impl AsFd, mut buf: &[u8]) -> nix::Result<()> {
    while !buf.is_empty() {
        match write(fd.as_fd(), buf) {
            // A short count: the kernel took the first n bytes; the rest is still ours to write.
            Ok(n) => buf = &buf[n..],
            // A signal arrived before anything was written: nothing happened, so try again.
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Write all of `bufs`, in order, with one `writev` per attempt.
pub fn write_vectored_all(fd: impl AsFd, bufs: &[&[u8]]) -> nix::Result<()> {
    // The slices still to write; advance_slices drops the finished ones and moves the start of
    // the first one past the bytes already written.
    let mut iov: Vec<IoSlice> = bufs
        .iter()
        .filter(|b| !b.is_empty())
        .map(|b| IoSlice::new(b))
        .collect();
    let mut rest = iov.as_mut_slice();
    while !rest.is_empty() {
        // At most IOV_MAX (1024) slices a call: with more, writev fails with EINVAL.
        let at_once = rest.len().min(1024);
        match writev(fd.as_fd(), &rest[..at_once]) {
            Ok(n) => IoSlice::advance_slices(&mut rest, n),
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(())
}
