//! Day 1 — file descriptors (reference solution).
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

/// Linux's limit on the buffers of one writev (UIO_MAXIOV); more would fail with EINVAL.
const IOV_MAX: usize = 1024;

/// Write all of `bufs`, in order, with one `writev` per attempt.
pub fn write_vectored_all(fd: impl AsFd, bufs: &[&[u8]]) -> nix::Result<()> {
    // Where the next writev starts: buffer `first`, from byte `offset` of it.
    let mut first = 0;
    let mut offset = 0;
    loop {
        // Step over finished (and empty) buffers.
        while first < bufs.len() && offset == bufs[first].len() {
            first += 1;
            offset = 0;
        }
        if first == bufs.len() {
            return Ok(());
        }
        let mut iov = Vec::with_capacity((bufs.len() - first).min(IOV_MAX));
        iov.push(IoSlice::new(&bufs[first][offset..]));
        iov.extend(
            bufs[first + 1..]
                .iter()
                .take(IOV_MAX - 1)
                .map(|b| IoSlice::new(b)),
        );
        match writev(fd.as_fd(), &iov) {
            // n counts bytes over all the buffers: it may end in the middle of one. Consume
            // the buffers it covered, then continue from the exact byte where it stopped.
            Ok(mut n) => {
                while n > 0 {
                    let left = bufs[first].len() - offset;
                    if n < left {
                        offset += n;
                        n = 0;
                    } else {
                        n -= left;
                        first += 1;
                        offset = 0;
                    }
                }
            }
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(e),
        }
    }
}
