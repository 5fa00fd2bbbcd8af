//! The oracle of day3-resolve: the C library's getaddrinfo and getnameinfo, called through FFI
//! exactly as the exercise's contract describes, so that every expected answer is what this
//! machine's resolver says (its /etc/hosts, /etc/services, gai.conf), never a table.
//!
//! And a small LD_PRELOAD library, built by the checker with rustc on first use, that sits
//! between a program and those calls: it logs every list getaddrinfo returns and every
//! freeaddrinfo (so a test can see that each list is freed exactly once, without valgrind), and
//! it can answer for one made-up name with several real answers chained together (so a test can
//! see every result printed on a machine whose names all have one address).

use std::ffi::{CStr, CString, c_char, c_int};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// `getaddrinfo(node, service, {AF_UNSPEC, SOCK_STREAM, flags})`, each result as the lab's
/// line `ipv4 <ip> <port>` / `ipv6 <ip> <port>` (getnameinfo with NI_NUMERICHOST |
/// NI_NUMERICSERV); an error as gai_strerror's text.
pub fn forward(node: &str, service: Option<&str>) -> Result<Vec<String>, String> {
    let list = List::lookup(node, service, 0)?;
    let mut lines = Vec::new();
    for ai in list.iter() {
        let family = match ai.ai_family {
            libc::AF_INET => "ipv4",
            libc::AF_INET6 => "ipv6",
            _ => continue,
        };
        let (ip, port) = name_info(ai, libc::NI_NUMERICHOST | libc::NI_NUMERICSERV)?;
        lines.push(format!("{family} {ip} {port}"));
    }
    Ok(lines)
}

/// The name getnameinfo (flags 0) gives the numeric address `ip` (read with AI_NUMERICHOST).
pub fn reverse(ip: &str) -> Result<String, String> {
    let list = List::lookup(ip, None, libc::AI_NUMERICHOST)?;
    let ai = list
        .iter()
        .next()
        .ok_or_else(|| gai_strerror(libc::EAI_NONAME))?;
    Ok(name_info(ai, 0)?.0)
}

pub fn gai_strerror(code: c_int) -> String {
    // SAFETY: gai_strerror returns a static NUL-terminated string for any code.
    unsafe { CStr::from_ptr(libc::gai_strerror(code)) }
        .to_string_lossy()
        .into_owned()
}

/// A list from getaddrinfo, freed when dropped.
struct List(*mut libc::addrinfo);

impl List {
    fn lookup(node: &str, service: Option<&str>, flags: c_int) -> Result<List, String> {
        let no_such = |_| gai_strerror(libc::EAI_NONAME);
        let node = CString::new(node).map_err(no_such)?;
        let service = service.map(CString::new).transpose().map_err(no_such)?;
        // SAFETY: all-zero is a valid addrinfo: no hints beyond the ones set below.
        let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
        hints.ai_family = libc::AF_UNSPEC;
        hints.ai_socktype = libc::SOCK_STREAM;
        hints.ai_flags = flags;
        let mut list = std::ptr::null_mut();
        // SAFETY: NUL-terminated strings (or null) that outlive the call, initialised hints,
        // and a place for the list.
        let rc = unsafe {
            libc::getaddrinfo(
                node.as_ptr(),
                service.as_ref().map_or(std::ptr::null(), |s| s.as_ptr()),
                &hints,
                &mut list,
            )
        };
        if rc != 0 {
            return Err(gai_strerror(rc));
        }
        Ok(List(list))
    }

    fn iter(&self) -> impl Iterator<Item = &libc::addrinfo> {
        // SAFETY: the nodes belong to our list, alive as long as `self`, and are only read.
        std::iter::successors(unsafe { self.0.as_ref() }, |ai| unsafe {
            ai.ai_next.as_ref()
        })
    }
}

impl Drop for List {
    fn drop(&mut self) {
        // SAFETY: the list came from getaddrinfo and is freed here only.
        unsafe { libc::freeaddrinfo(self.0) }
    }
}

fn name_info(ai: &libc::addrinfo, flags: c_int) -> Result<(String, String), String> {
    let mut host = [0 as c_char; 1025]; // NI_MAXHOST
    let mut serv = [0 as c_char; 32]; // NI_MAXSERV
    // SAFETY: the address lies inside a live list; both buffers are writable, sizes passed.
    let rc = unsafe {
        libc::getnameinfo(
            ai.ai_addr,
            ai.ai_addrlen,
            host.as_mut_ptr(),
            host.len() as libc::socklen_t,
            serv.as_mut_ptr(),
            serv.len() as libc::socklen_t,
            flags,
        )
    };
    if rc != 0 {
        return Err(gai_strerror(rc));
    }
    // SAFETY: on success both buffers hold NUL-terminated strings.
    let text = |b: &[c_char]| {
        unsafe { CStr::from_ptr(b.as_ptr()) }
            .to_string_lossy()
            .into_owned()
    };
    Ok((text(&host), text(&serv)))
}

// ---------------------------------------------------------------------------------------
// The LD_PRELOAD shim

/// Environment variables the shim reads.
pub const LOG_VAR: &str = "LAB_RESOLVE_LOG";
pub const FAKE_VAR: &str = "LAB_RESOLVE_FAKE";

/// The shim's source: one file, no dependencies, built with rustc as a cdylib.
const SHIM: &str = r#"//! Built by the lab's checker and preloaded (LD_PRELOAD) into `resolve` for some hidden tests.
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

type GetAddrInfo =
    unsafe extern "C" fn(*const c_char, *const c_char, *const AddrInfo, *mut *mut AddrInfo) -> c_int;
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
    let Some(path) = env(c"LAB_RESOLVE_LOG") else { return };
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
unsafe fn chained(addrs: &str, service: *const c_char, hints: *const AddrInfo, res: *mut *mut AddrInfo) -> c_int {
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
        Some((name, addrs)) if asked == Some(name.as_bytes()) => unsafe { chained(addrs, service, hints, res) },
        _ => unsafe { real_getaddrinfo()(node, service, hints, res) },
    };
    let list = if rc == 0 { unsafe { *res } } else { std::ptr::null_mut() };
    log(&format!("getaddrinfo {rc} {list:p}\n"));
    rc
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn freeaddrinfo(list: *mut AddrInfo) {
    log(&format!("freeaddrinfo {list:p}\n"));
    // SAFETY: what the caller gives freeaddrinfo goes to the real one unchanged.
    unsafe { real_freeaddrinfo()(list) }
}
"#;

/// The shim's path, built on first use (next to the checker's own binary, named after a hash
/// of its source so that a changed source is rebuilt).
pub fn shim() -> Result<PathBuf, String> {
    static BUILT: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    BUILT.get_or_init(build_shim).clone()
}

fn build_shim() -> Result<PathBuf, String> {
    let exe = std::env::current_exe().map_err(|e| format!("where is the checker? {e}"))?;
    let dir = exe.parent().unwrap_or(Path::new(".")).join("lab-shims");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let hash = SHIM.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    let path = dir.join(format!("libresolve-shim-{hash:016x}.so"));
    if path.is_file() {
        return Ok(path);
    }
    // Built under a name of its own, then renamed: checkers running side by side never see
    // half a library.
    let scratch = tempfile::Builder::new()
        .prefix("shim-")
        .tempdir_in(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    let source = scratch.path().join("shim.rs");
    std::fs::write(&source, SHIM).map_err(|e| format!("{}: {e}", source.display()))?;
    let output = scratch.path().join("libshim.so");
    let mut cmd = std::process::Command::new(rustc());
    cmd.args([
        "--edition",
        "2024",
        "--crate-type",
        "cdylib",
        "-C",
        "opt-level=1",
        "-C",
        "panic=abort",
        "-o",
    ])
    .arg(&output)
    .arg(&source);
    let out = crate::supervise::run_to_completion(&mut cmd)
        .map_err(|e| format!("could not run rustc to build the checker's getaddrinfo shim: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "rustc could not build the checker's getaddrinfo shim:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    std::fs::rename(&output, &path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

/// The rustc of the toolchain that runs us: next to cargo if cargo is a path, else on the PATH.
fn rustc() -> PathBuf {
    if let Some(rustc) = std::env::var_os("RUSTC") {
        return rustc.into();
    }
    if let Some(cargo) = std::env::var_os("CARGO") {
        let sibling = Path::new(&cargo).with_file_name("rustc");
        if sibling.is_file() {
            return sibling;
        }
    }
    "rustc".into()
}

/// What the shim logged during one run.
#[derive(Debug, Default)]
pub struct Calls {
    pub loaded: bool,
    /// The lists getaddrinfo returned (0 for a failed call), in order.
    pub lookups: Vec<(i32, String)>,
    /// The pointers given to freeaddrinfo, in order.
    pub frees: Vec<String>,
}

pub fn read_log(path: &Path) -> Calls {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut calls = Calls::default();
    for line in text.lines() {
        let words: Vec<&str> = line.split(' ').collect();
        match words.as_slice() {
            ["loaded"] => calls.loaded = true,
            ["getaddrinfo", rc, list] => calls
                .lookups
                .push((rc.parse().unwrap_or(-1), list.to_string())),
            ["freeaddrinfo", list] => calls.frees.push(list.to_string()),
            _ => {}
        }
    }
    calls
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oracle_answers_for_numeric_addresses() {
        assert_eq!(
            forward("127.0.0.1", Some("80")).unwrap(),
            ["ipv4 127.0.0.1 80"]
        );
        assert_eq!(forward("::1", None).unwrap(), ["ipv6 ::1 0"]);
        assert!(reverse("1.2.3.4.5").is_err());
    }
}
