//! Built by the lab's checker and preloaded (LD_PRELOAD) into `resolve` for some hidden tests.
//! It logs the lists getaddrinfo returns and the ones given to freeaddrinfo (to the file named
//! by LAB_RESOLVE_LOG), and answers for the name in LAB_RESOLVE_FAKE (`name=addr,addr,...`)
//! with the real answers for those numeric addresses, chained in that order.
use std::ffi::{CStr, c_char, c_int, c_void};

#[repr(C)]
pub struct AddrInfo {
    ai_flags: c_int,
    ai_family: c_int,
    ai_socktype: c_int,
    ai_protocol: c_int,
    ai_addrlen: u32,
    ai_addr: *mut c_void,
    ai_canonname: *mut c_char,
    ai_next: *mut AddrInfo,
}

type GetAddrInfo = unsafe extern "C" fn(
    *const c_char,
    *const c_char,
    *const AddrInfo,
    *mut *mut AddrInfo,
) -> c_int;
type FreeAddrInfo = unsafe extern "C" fn(*mut AddrInfo);

unsafe extern "C" {
    fn dlsym(handle: *mut c_void, symbol: *const c_char) -> *mut c_void;
    fn getenv(name: *const c_char) -> *const c_char;
    fn open(path: *const c_char, flags: c_int, mode: u32) -> c_int;
    fn write(fd: c_int, buf: *const c_void, count: usize) -> isize;
    fn close(fd: c_int) -> c_int;
}

/// glibc's RTLD_NEXT: the next definition after this library, i.e. the C library's.
const RTLD_NEXT: *mut c_void = -1isize as *mut c_void;

fn env(name: &CStr) -> Option<&'static CStr> {
    // SAFETY: getenv returns null or a NUL-terminated string that lives as long as we need.
    let value = unsafe { getenv(name.as_ptr()) };
    (!value.is_null()).then(|| unsafe { CStr::from_ptr(value) })
}

fn log(line: &str) {
    let Some(path) = env(c"LAB_RESOLVE_LOG") else {
        return;
    };
    // O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC: one write per line, appended whole.
    // SAFETY: a NUL-terminated path; the fd is ours until close.
    unsafe {
        let fd = open(path.as_ptr(), 0o1 | 0o100 | 0o2000 | 0o2000000, 0o600);
        if fd >= 0 {
            write(fd, line.as_ptr().cast(), line.len());
            close(fd);
        }
    }
}

extern "C" fn loaded() {
    log("loaded\n");
}

#[used]
#[unsafe(link_section = ".init_array")]
static LOADED: extern "C" fn() = loaded;

fn real_getaddrinfo() -> GetAddrInfo {
    // SAFETY: the C library defines getaddrinfo with exactly this signature.
    unsafe { std::mem::transmute(dlsym(RTLD_NEXT, c"getaddrinfo".as_ptr())) }
}

fn real_freeaddrinfo() -> FreeAddrInfo {
    // SAFETY: the C library defines freeaddrinfo with exactly this signature.
    unsafe { std::mem::transmute(dlsym(RTLD_NEXT, c"freeaddrinfo".as_ptr())) }
}

/// The real answers for `addrs`, chained: glibc allocates every node on its own, so the chain
/// is freed by one freeaddrinfo of its head.
unsafe fn chained(
    addrs: &str,
    service: *const c_char,
    hints: *const AddrInfo,
    res: *mut *mut AddrInfo,
) -> c_int {
    let (lookup, free) = (real_getaddrinfo(), real_freeaddrinfo());
    let mut head: *mut AddrInfo = std::ptr::null_mut();
    let mut tail: *mut *mut AddrInfo = &mut head;
    for addr in addrs.split(',') {
        let node = std::ffi::CString::new(addr).unwrap_or_default();
        let mut part = std::ptr::null_mut();
        // SAFETY: the caller's service and hints, our own node; `tail` points into our chain.
        unsafe {
            let rc = lookup(node.as_ptr(), service, hints, &mut part);
            if rc != 0 {
                if !head.is_null() {
                    free(head);
                }
                return rc;
            }
            *tail = part;
            while !(*tail).is_null() {
                tail = &mut (**tail).ai_next;
            }
        }
    }
    // SAFETY: `res` is the caller's place for the list.
    unsafe { *res = head };
    0
}

/// getaddrinfo(3), logged, and answered from LAB_RESOLVE_FAKE for the faked name.
///
/// # Safety
/// The caller keeps getaddrinfo's contract: `node` and `service` are null or C strings,
/// `hints` is null or valid, `res` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn getaddrinfo(
    node: *const c_char,
    service: *const c_char,
    hints: *const AddrInfo,
    res: *mut *mut AddrInfo,
) -> c_int {
    let fake = env(c"LAB_RESOLVE_FAKE").and_then(|f| f.to_str().ok()?.split_once('='));
    // SAFETY: node is null or a NUL-terminated string, per getaddrinfo's contract.
    let asked = (!node.is_null()).then(|| unsafe { CStr::from_ptr(node) }.to_bytes());
    let rc = match fake {
        Some((name, addrs)) if asked == Some(name.as_bytes()) => unsafe {
            chained(addrs, service, hints, res)
        },
        _ => unsafe { real_getaddrinfo()(node, service, hints, res) },
    };
    let list = if rc == 0 {
        unsafe { *res }
    } else {
        std::ptr::null_mut()
    };
    log(&format!("getaddrinfo {rc} {list:p}\n"));
    rc
}

/// freeaddrinfo(3), logged.
///
/// # Safety
/// `list` is a list getaddrinfo returned and nobody freed yet, as freeaddrinfo requires.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn freeaddrinfo(list: *mut AddrInfo) {
    log(&format!("freeaddrinfo {list:p}\n"));
    // SAFETY: what the caller gives freeaddrinfo goes to the real one unchanged.
    unsafe { real_freeaddrinfo()(list) }
}
