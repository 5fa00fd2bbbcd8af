//! Day 2 — address conversion, C track: the public API of the Rust exercise `day2-inet`, each
//! function calling the student's C function of inet.h (`lab_inet_aton` for `inet_aton`, ...).
//! The checker's harness calls this crate as it calls the Rust exercise, so the hidden tests,
//! and their comparison with glibc, are the same.
//!
//! Strings go to C as NUL-terminated copies. A string with a NUL inside has no C form: it is
//! answered as the checker's glibc oracle answers it (observe/glibc.rs), as an error (`None`,
//! `INADDR_NONE`), without calling C. The tests never send one.
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

use std::ffi::{CStr, CString, c_char, c_int, c_void};

/// The error value of `inet_addr`, as in the Rust exercise.
pub const INADDR_NONE: u32 = 0xffff_ffff;

/// Linux's address families and the size of an IPv6 address's text with its NUL (the same on
/// every Linux architecture).
const AF_INET: c_int = 2;
const AF_INET6: c_int = 10;
const INET6_ADDRSTRLEN: usize = 46;

/// C's `struct in_addr`: one `in_addr_t` (`uint32_t`), network byte order.
#[repr(C)]
struct InAddr {
    s_addr: u32,
}

unsafe extern "C-unwind" {
    fn lab_inet_addr(cp: *const c_char) -> u32;
    fn lab_inet_aton(cp: *const c_char, inp: *mut InAddr) -> c_int;
    fn lab_inet_pton(af: c_int, src: *const c_char, dst: *mut c_void) -> c_int;
    fn lab_inet_ntop(af: c_int, src: *const c_void, dst: *mut c_char, size: u32) -> *const c_char;
    fn lab_inet_ntoa(inp: InAddr) -> *mut c_char;
}

/// C: `in_addr_t lab_inet_addr(const char *cp);` — the `in_addr_t` as it sits in memory.
pub fn inet_addr(s: &str) -> u32 {
    let Ok(c) = CString::new(s) else {
        return INADDR_NONE;
    };
    // SAFETY: `c` is a NUL-terminated string that outlives the call.
    unsafe { lab_inet_addr(c.as_ptr()) }
}

/// C: `int lab_inet_aton(const char *cp, struct in_addr *inp);` — `Some` when it returns 1.
pub fn inet_aton(s: &str) -> Option<[u8; 4]> {
    let c = CString::new(s).ok()?;
    let mut out = InAddr { s_addr: 0 };
    // SAFETY: a NUL-terminated string and a writable struct in_addr.
    let ok = unsafe { lab_inet_aton(c.as_ptr(), &mut out) };
    (ok == 1).then(|| out.s_addr.to_ne_bytes())
}

/// C: `lab_inet_pton(AF_INET, src, &addr)` — `Some` when it returns 1.
pub fn inet_pton4(s: &str) -> Option<[u8; 4]> {
    let c = CString::new(s).ok()?;
    let mut out = [0u8; 4];
    // SAFETY: a NUL-terminated string; `out` has room for a struct in_addr (4 bytes).
    let ok = unsafe { lab_inet_pton(AF_INET, c.as_ptr(), out.as_mut_ptr().cast()) };
    (ok == 1).then_some(out)
}

/// C: `lab_inet_pton(AF_INET6, src, &addr6)` — `Some` when it returns 1.
pub fn inet_pton6(s: &str) -> Option<[u8; 16]> {
    let c = CString::new(s).ok()?;
    let mut out = [0u8; 16];
    // SAFETY: a NUL-terminated string; `out` has room for a struct in6_addr (16 bytes).
    let ok = unsafe { lab_inet_pton(AF_INET6, c.as_ptr(), out.as_mut_ptr().cast()) };
    (ok == 1).then_some(out)
}

/// C: `char *lab_inet_ntoa(struct in_addr in);` — the text in its static buffer, copied.
pub fn inet_ntoa(a: [u8; 4]) -> String {
    // SAFETY: the struct is passed by value; nothing else is shared with the C function.
    let p = unsafe {
        lab_inet_ntoa(InAddr {
            s_addr: u32::from_ne_bytes(a),
        })
    };
    assert!(!p.is_null(), "lab_inet_ntoa returned NULL");
    // SAFETY: not NULL, and by its contract a NUL-terminated string in the function's buffer.
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

/// C: `lab_inet_ntop(AF_INET6, src, dst, INET6_ADDRSTRLEN)` — the text it writes into `dst`.
pub fn inet_ntop6(a: [u8; 16]) -> String {
    // Room beyond the size given, so that a text a little too long stays in this buffer.
    let mut dst = [0 as c_char; 64];
    // SAFETY: `a` is 16 readable bytes; `dst` is writable and larger than the size passed.
    let p = unsafe {
        lab_inet_ntop(
            AF_INET6,
            a.as_ptr().cast(),
            dst.as_mut_ptr(),
            INET6_ADDRSTRLEN as u32,
        )
    };
    assert!(
        !p.is_null(),
        "lab_inet_ntop(AF_INET6, src, dst, INET6_ADDRSTRLEN) returned NULL"
    );
    assert!(
        std::ptr::eq(p, dst.as_ptr()),
        "lab_inet_ntop returned a pointer other than dst"
    );
    let bytes: Vec<u8> = dst.iter().map(|&c| c as u8).collect();
    let text =
        CStr::from_bytes_until_nul(&bytes).expect("lab_inet_ntop wrote no NUL within 64 bytes");
    assert!(
        text.count_bytes() < INET6_ADDRSTRLEN,
        "lab_inet_ntop wrote more than size (INET6_ADDRSTRLEN) bytes"
    );
    text.to_string_lossy().into_owned()
}
