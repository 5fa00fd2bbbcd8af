//! Day 1 — file descriptors, C track: the public API of the Rust exercise `day1-fileio`, each
//! function calling the student's C function of fileio.h (`lab_write_all` for `write_all`,
//! `lab_write_vectored_all` for `write_vectored_all`). The checker's harness calls this crate
//! as it calls the Rust exercise, so the hidden tests are the same: the C code's `write` and
//! `writev` are the harness's own, which count the short writes and the EINTRs.
//!
//! C's answer, 0 or -1 with errno, becomes `Ok(())` or `Err(Errno)`; any other answer breaks the
//! contract of fileio.h, and is a panic that says so.
//!
//! A `TODO("...")` in the C code calls `lab_todo` (`lab_todo.rs`, the same in every shim, which
//! the checker writes beside this file): a panic whose
//! message starts with "not yet implemented", as Rust's `todo!()` does, which unwinds through
//! the C frames (built with `-fexceptions`, declared `C-unwind` here) back to the harness,
//! which reports the test as not started.

// The checker writes lab_todo.rs beside this file (checker/c-track/lab-todo.rs), the same in
// every shim; included rather than a `mod` file, so this file is formatted and linted alone.
mod lab_todo {
    include!("lab_todo.rs");
}

use std::ffi::{c_int, c_void};
use std::os::fd::{AsFd, AsRawFd};

use nix::errno::Errno;
use nix::libc::iovec;

unsafe extern "C-unwind" {
    fn lab_write_all(fd: c_int, buf: *const c_void, len: usize) -> c_int;
    fn lab_write_vectored_all(fd: c_int, iov: *const iovec, iovcnt: c_int) -> c_int;
}

/// `Ok(())` for 0, the errno the C function left for -1.
fn result(function: &str, rc: c_int) -> nix::Result<()> {
    match rc {
        0 => Ok(()),
        -1 => Err(Errno::last()),
        other => panic!("{function} returned {other}: it returns 0 on success, -1 with errno set"),
    }
}

/// Write all of `buf` to `fd`. C: `int lab_write_all(int fd, const void *buf, size_t len);`
pub fn write_all(fd: impl AsFd, buf: &[u8]) -> nix::Result<()> {
    let fd = fd.as_fd().as_raw_fd();
    // SAFETY: `buf` is `buf.len()` readable bytes, what the C function reads; `fd` stays open
    // during the call (borrowed from the caller).
    let rc = unsafe { lab_write_all(fd, buf.as_ptr().cast(), buf.len()) };
    result("lab_write_all", rc)
}

/// Write all of `bufs`, in order, with one `writev` per attempt.
/// C: `int lab_write_vectored_all(int fd, const struct iovec *iov, int iovcnt);`
pub fn write_vectored_all(fd: impl AsFd, bufs: &[&[u8]]) -> nix::Result<()> {
    let fd = fd.as_fd().as_raw_fd();
    let iov: Vec<iovec> = bufs
        .iter()
        .map(|b| iovec {
            iov_base: b.as_ptr().cast_mut().cast(),
            iov_len: b.len(),
        })
        .collect();
    let count = c_int::try_from(iov.len()).map_err(|_| Errno::EINVAL)?;
    // SAFETY: `iov` holds `count` entries, each naming bytes of `bufs` that stay alive and
    // unchanged during the call (the C function only reads them, through writev).
    let rc = unsafe { lab_write_vectored_all(fd, iov.as_ptr(), count) };
    result("lab_write_vectored_all", rc)
}
