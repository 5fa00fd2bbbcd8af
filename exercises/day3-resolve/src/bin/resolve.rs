//! Day 3 — resolve: getaddrinfo and getnameinfo, called from C.
//!
//! Read course.md#name-resolution (한국어: course.ko.md#name-resolution) and course.md#day3-resolve (한국어: course.ko.md#day3-resolve), then replace the `todo!()`s below.
//! Grade yourself with `cargo run -p checker day3-resolve`.
//!
//! Contract: `resolve <host> [<service>]` prints each result of
//! `getaddrinfo(host, service)` for AF_UNSPEC and SOCK_STREAM, in the order returned, one per
//! line: `ipv4 <ip> <port>` or `ipv6 <ip> <port>`, the address (and port) formatted by
//! getnameinfo with NI_NUMERICHOST (and NI_NUMERICSERV). `resolve -r <ip>` prints the name
//! getnameinfo (flags 0) finds for the numeric address `ip`. Errors:
//! `resolve: <host>: <gai_strerror text>` on stderr, exit status 1.
//!
//! nix does not wrap these calls: you call them from `nix::libc`, inside small `unsafe`
//! blocks, each with a `// SAFETY:` comment that says why it is sound. The list getaddrinfo
//! returns is C memory you own: free it with freeaddrinfo, exactly once.
//!
//! Lines that start with `//>` are hint code: each compiles as it stands, in its place, once
//! the `//>` is removed (`checker verify` builds them so). They show the calls, not the answer.

// Keeps the compiler quiet while the stub is unfinished; remove it when you are done.
#![allow(unused_imports, unused_variables, dead_code)]

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

/// gai_strerror's text for an EAI_* code (`Name or service not known` for EAI_NONAME).
///
/// C: `const char *gai_strerror(int errcode);` — a static string. nix: none; `libc::gai_strerror`.
fn gai_error(code: c_int) -> String {
    // TODO: CStr::from_ptr(libc::gai_strerror(code)) in an unsafe block, then an owned String.
    //> // SAFETY: gai_strerror returns a pointer to a static NUL-terminated string.
    //> let text = unsafe { CStr::from_ptr(libc::gai_strerror(code)) };
    //> let owned: String = text.to_string_lossy().into_owned();
    todo!()
}

/// The lines `ipv4 <ip> <port>` / `ipv6 <ip> <port>`, one per result, in order; an error is
/// `<host>: <gai_strerror text>`.
///
/// C: `int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
/// struct addrinfo **res);` then, for each result, `getnameinfo(ai->ai_addr, ai->ai_addrlen,
/// host, sizeof host, serv, sizeof serv, NI_NUMERICHOST | NI_NUMERICSERV);`, and at the end
/// `freeaddrinfo(res);`. nix: none; `libc::getaddrinfo`, `libc::getnameinfo`, `libc::freeaddrinfo`.
fn forward(host: &str, service: Option<&str>) -> Result<Vec<String>, String> {
    // TODO 1. CString::new(host) (and the service, or a null pointer without one).
    //> let c_host = CString::new(host).map_err(|_| format!("{host}: a NUL byte in the name"))?;
    // TODO 2. hints: a zeroed libc::addrinfo with ai_family = AF_UNSPEC, ai_socktype = SOCK_STREAM.
    //> // SAFETY: all-zero bytes are a valid addrinfo (zero numbers, null pointers).
    //> let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
    //> hints.ai_family = libc::AF_UNSPEC;
    //> hints.ai_socktype = libc::SOCK_STREAM;
    // TODO 3. getaddrinfo(...): a non-zero return is an EAI_* code for gai_error (and there is
    //         no list to free).
    //> let mut head: *mut libc::addrinfo = std::ptr::null_mut();
    //> // SAFETY: c_host is NUL-terminated, hints is initialised, head receives the list.
    //> let rc = unsafe { libc::getaddrinfo(c_host.as_ptr(), std::ptr::null(), &hints, &mut head) };
    //> if rc != 0 {
    //>     return Err(format!("{host}: {}", gai_error(rc)));
    //> }
    // TODO 4. Walk the list from its head along ai_next until a null pointer; for each node,
    //         getnameinfo into two c_char buffers (libc::NI_MAXHOST and 32 bytes), then the line.
    // TODO 5. freeaddrinfo(head), once, after the last use of the list — also when you return
    //         early with an error. (A struct whose Drop calls it makes that automatic.)
    todo!("getaddrinfo, walk the list, getnameinfo each address, freeaddrinfo")
}

/// The name getnameinfo (flags 0) finds for the numeric address `ip`; an error is
/// `<ip>: <gai_strerror text>`.
///
/// C: `getaddrinfo(ip, NULL, &hints, &res)` with `hints.ai_flags = AI_NUMERICHOST` turns the
/// text into a socket address of the right family without any lookup; then
/// `getnameinfo(res->ai_addr, res->ai_addrlen, host, sizeof host, NULL, 0, 0)`; then
/// `freeaddrinfo(res)`. nix: none; the same libc calls as `forward`.
fn reverse(ip: &str) -> Result<String, String> {
    // TODO: as forward, with AI_NUMERICHOST and no service; getnameinfo on the first result
    //       with flags 0 gives the name (or the address itself when no name is found).
    todo!("getaddrinfo with AI_NUMERICHOST, then getnameinfo for the name")
}
