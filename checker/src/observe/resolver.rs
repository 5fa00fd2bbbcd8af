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

use anyhow::Context;

use crate::base::hash::fnv;

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
const SHIM: &str = include_str!("../../shims/getaddrinfo.rs");

/// The shim's path, built on first use (next to the checker's own binary, named after a hash
/// of its source so that a changed source is rebuilt).
pub fn shim() -> Result<PathBuf, String> {
    static BUILT: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    BUILT
        .get_or_init(|| build_shim().map_err(|e| format!("{e:#}")))
        .clone()
}

fn build_shim() -> anyhow::Result<PathBuf> {
    let exe = std::env::current_exe().context("where is the checker's own binary?")?;
    let dir = exe.parent().unwrap_or(Path::new(".")).join("lab-shims");
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let path = dir.join(format!("libresolve-shim-{:016x}.so", fnv(SHIM.as_bytes())));
    if path.is_file() {
        return Ok(path);
    }
    // Built under a name of its own, then renamed: checkers running side by side never see
    // half a library.
    let scratch = tempfile::Builder::new()
        .prefix("shim-")
        .tempdir_in(&dir)
        .with_context(|| format!("making a directory in {}", dir.display()))?;
    let source = scratch.path().join("shim.rs");
    std::fs::write(&source, SHIM).with_context(|| format!("writing {}", source.display()))?;
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
    let out = crate::contain::reaper::run_to_completion(&mut cmd)
        .context("could not run rustc to build the checker's getaddrinfo shim")?;
    if !out.status.success() {
        anyhow::bail!(
            "rustc could not build the checker's getaddrinfo shim:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    std::fs::rename(&output, &path)
        .with_context(|| format!("moving the shim to {}", path.display()))?;
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
