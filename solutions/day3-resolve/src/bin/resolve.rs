//! Day 3 — resolve (reference solution).
//!
//! `resolve <host> [<service>]`: prints each result of `getaddrinfo(host, service)` for
//! AF_UNSPEC and SOCK_STREAM, in the order returned, as `ipv4 <ip> <port>` or
//! `ipv6 <ip> <port>`, the address and port formatted by getnameinfo (NI_NUMERICHOST,
//! NI_NUMERICSERV). `resolve -r <ip>`: the name getnameinfo finds for the numeric address.
//! An error prints `resolve: <host>: <gai_strerror text>` on stderr and exits with status 1.

use std::ffi::{CStr, CString, c_char, c_int};
use std::io::Write;
use std::process::ExitCode;

use nix::libc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let lines = match args.as_slice() {
        [flag, ip] if flag == "-r" => reverse(ip).map(|name| vec![name]),
        [host] => forward(host, None),
        [host, service] => forward(host, Some(service)),
        _ => Err("usage: resolve <host> [<service>] | resolve -r <ip>".to_string()),
    };
    let printed = lines.and_then(|lines| {
        let mut out = std::io::stdout().lock();
        lines
            .iter()
            .try_for_each(|line| writeln!(out, "{line}"))
            .and_then(|()| out.flush())
            .map_err(|e| format!("stdout: {e}"))
    });
    match printed {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("resolve: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The list getaddrinfo returned. It belongs to the C library's allocator: it is given back with
/// freeaddrinfo exactly once, when this owner is dropped, and nothing borrowed from it outlives
/// the owner.
struct AddrInfoList(*mut libc::addrinfo);

impl AddrInfoList {
    /// `getaddrinfo(node, service, {AF_UNSPEC, SOCK_STREAM, flags})`; an error is
    /// `<node>: <gai_strerror text>`.
    fn lookup(node: &str, service: Option<&str>, flags: c_int) -> Result<Self, String> {
        // C strings end with a NUL, so one inside cannot be passed: no such host can exist.
        let invalid = |_| format!("{node}: {}", gai_error(libc::EAI_NONAME));
        let c_node = CString::new(node).map_err(invalid)?;
        let c_service = service.map(CString::new).transpose().map_err(invalid)?;
        // SAFETY: all-zero is a valid addrinfo (null pointers, zero numbers): "no hints".
        let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
        hints.ai_family = libc::AF_UNSPEC;
        hints.ai_socktype = libc::SOCK_STREAM;
        hints.ai_flags = flags;
        let mut list: *mut libc::addrinfo = std::ptr::null_mut();
        // SAFETY: node and service are NUL-terminated strings (or null for no service) that
        // outlive the call, hints is initialised, and list receives the head of a new list.
        let rc = unsafe {
            libc::getaddrinfo(
                c_node.as_ptr(),
                c_service.as_ref().map_or(std::ptr::null(), |s| s.as_ptr()),
                &hints,
                &mut list,
            )
        };
        if rc != 0 {
            // On failure there is no list to free.
            return Err(format!("{node}: {}", gai_error(rc)));
        }
        Ok(AddrInfoList(list))
    }

    /// The results, in the order getaddrinfo returned them (following ai_next).
    fn iter(&self) -> impl Iterator<Item = &libc::addrinfo> {
        // SAFETY: every non-null pointer of the chain points to a node of our list, which lives
        // as long as `self`, and the nodes are only read.
        std::iter::successors(unsafe { self.0.as_ref() }, |ai| unsafe {
            ai.ai_next.as_ref()
        })
    }
}

impl Drop for AddrInfoList {
    fn drop(&mut self) {
        // SAFETY: the pointer came from a successful getaddrinfo and is freed only here, once.
        unsafe { libc::freeaddrinfo(self.0) };
    }
}

/// gai_strerror's text for an EAI_* code.
fn gai_error(code: c_int) -> String {
    // SAFETY: gai_strerror returns a pointer to a static NUL-terminated string.
    unsafe { CStr::from_ptr(libc::gai_strerror(code)) }
        .to_string_lossy()
        .into_owned()
}

/// NI_MAXSERV in <netdb.h>: room for any service text.
const SERV_LEN: usize = 32;

/// `getnameinfo` on one result: (host, service) as text.
fn name_info(ai: &libc::addrinfo, flags: c_int) -> Result<(String, String), c_int> {
    let mut host = [0 as c_char; libc::NI_MAXHOST as usize];
    let mut serv = [0 as c_char; SERV_LEN];
    // SAFETY: ai_addr points to ai_addrlen bytes of a socket address inside a live list; both
    // buffers are writable and their real sizes are passed.
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
        return Err(rc);
    }
    // SAFETY: on success getnameinfo wrote a NUL-terminated string into each buffer.
    let text = |buf: &[c_char]| {
        unsafe { CStr::from_ptr(buf.as_ptr()) }
            .to_string_lossy()
            .into_owned()
    };
    Ok((text(&host), text(&serv)))
}

/// `ipv4 <ip> <port>` / `ipv6 <ip> <port>` for each result, in order.
fn forward(host: &str, service: Option<&str>) -> Result<Vec<String>, String> {
    let list = AddrInfoList::lookup(host, service, 0)?;
    let mut lines = Vec::new();
    for ai in list.iter() {
        let family = match ai.ai_family {
            libc::AF_INET => "ipv4",
            libc::AF_INET6 => "ipv6",
            _ => continue,
        };
        let (ip, port) = name_info(ai, libc::NI_NUMERICHOST | libc::NI_NUMERICSERV)
            .map_err(|rc| format!("{host}: {}", gai_error(rc)))?;
        lines.push(format!("{family} {ip} {port}"));
    }
    // `list` is dropped on return, and with it the C memory: freeaddrinfo.
    Ok(lines)
}

/// The name getnameinfo finds for a numeric address (itself, in text, if it finds none).
fn reverse(ip: &str) -> Result<String, String> {
    // AI_NUMERICHOST: only turn the text into a socket address of its family, never look a
    // name up.
    let list = AddrInfoList::lookup(ip, None, libc::AI_NUMERICHOST)?;
    let ai = list
        .iter()
        .next()
        .ok_or_else(|| format!("{ip}: {}", gai_error(libc::EAI_NONAME)))?;
    let (name, _) = name_info(ai, 0).map_err(|rc| format!("{ip}: {}", gai_error(rc)))?;
    Ok(name)
}
