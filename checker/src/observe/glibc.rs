//! The oracle of day2-inet: the real glibc functions, called through FFI. The expected answers
//! of the hidden tests come from here, never from a hand-written table.

use std::ffi::{CStr, CString, c_char, c_int, c_void};
use std::sync::Mutex;

unsafe extern "C" {
    fn inet_addr(cp: *const c_char) -> u32;
    fn inet_aton(cp: *const c_char, inp: *mut libc::in_addr) -> c_int;
    fn inet_pton(af: c_int, src: *const c_char, dst: *mut c_void) -> c_int;
    fn inet_ntop(
        af: c_int,
        src: *const c_void,
        dst: *mut c_char,
        size: libc::socklen_t,
    ) -> *const c_char;
    fn inet_ntoa(addr: libc::in_addr) -> *mut c_char;
}

/// Test inputs never contain NUL (C would stop there); `None` if one does.
fn c_string(s: &str) -> Option<CString> {
    CString::new(s).ok()
}

/// glibc's `inet_addr`: the `in_addr_t` in network byte order as it sits in memory.
pub fn addr(s: &str) -> u32 {
    let Some(c) = c_string(s) else {
        return u32::MAX;
    };
    // SAFETY: `c` is a valid NUL-terminated string for the duration of the call.
    unsafe { inet_addr(c.as_ptr()) }
}

/// glibc's `inet_aton`: the four bytes, or `None` when it returns 0.
pub fn aton(s: &str) -> Option<[u8; 4]> {
    let c = c_string(s)?;
    let mut out = libc::in_addr { s_addr: 0 };
    // SAFETY: valid string and a valid, writable in_addr.
    let ok = unsafe { inet_aton(c.as_ptr(), &mut out) };
    (ok == 1).then(|| out.s_addr.to_ne_bytes())
}

/// glibc's `inet_pton(AF_INET, ...)`.
pub fn pton4(s: &str) -> Option<[u8; 4]> {
    let c = c_string(s)?;
    let mut out = [0u8; 4];
    // SAFETY: valid string; `out` has room for an in_addr (4 bytes).
    let ok = unsafe { inet_pton(libc::AF_INET, c.as_ptr(), out.as_mut_ptr().cast()) };
    (ok == 1).then_some(out)
}

/// glibc's `inet_pton(AF_INET6, ...)`.
pub fn pton6(s: &str) -> Option<[u8; 16]> {
    let c = c_string(s)?;
    let mut out = [0u8; 16];
    // SAFETY: valid string; `out` has room for an in6_addr (16 bytes).
    let ok = unsafe { inet_pton(libc::AF_INET6, c.as_ptr(), out.as_mut_ptr().cast()) };
    (ok == 1).then_some(out)
}

/// glibc's `inet_ntop(AF_INET6, ...)`.
pub fn ntop6(a: [u8; 16]) -> String {
    let mut buf = [0 as c_char; 64]; // INET6_ADDRSTRLEN is 46
    // SAFETY: `a` is 16 readable bytes; `buf` is writable and its size is passed.
    let p = unsafe {
        inet_ntop(
            libc::AF_INET6,
            a.as_ptr().cast(),
            buf.as_mut_ptr(),
            buf.len() as libc::socklen_t,
        )
    };
    assert!(
        !p.is_null(),
        "inet_ntop(AF_INET6) cannot fail with a 64-byte buffer"
    );
    // SAFETY: on success inet_ntop wrote a NUL-terminated string into `buf`.
    unsafe { CStr::from_ptr(buf.as_ptr()) }
        .to_string_lossy()
        .into_owned()
}

/// glibc's `inet_ntoa`. It returns a static buffer, which is why it is not thread-safe: the
/// checker runs tests in parallel, so calls are serialised and the text copied out at once.
pub fn ntoa(a: [u8; 4]) -> String {
    static LOCK: Mutex<()> = Mutex::new(());
    let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    // SAFETY: inet_ntoa takes the address by value and returns a pointer to its static,
    // NUL-terminated buffer, which we copy before releasing the lock.
    unsafe {
        CStr::from_ptr(inet_ntoa(libc::in_addr {
            s_addr: u32::from_ne_bytes(a),
        }))
    }
    .to_string_lossy()
    .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glibc_answers_as_the_man_pages_say() {
        assert_eq!(aton("127.1"), Some([127, 0, 0, 1]));
        assert_eq!(aton("0x7f.1"), Some([127, 0, 0, 1]));
        assert_eq!(pton4("127.1"), None);
        assert_eq!(addr("255.255.255.255"), u32::MAX);
        assert_eq!(ntop6(pton6("::ffff:1.2.3.4").unwrap()), "::ffff:1.2.3.4");
        assert_eq!(ntoa([10, 0, 0, 1]), "10.0.0.1");
    }
}
