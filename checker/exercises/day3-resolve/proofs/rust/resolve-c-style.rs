//! Day 3 — resolve, written the way the C course would: raw pointers walked by hand, an
//! explicit freeaddrinfo on every path, and the port taken from the socket address with ntohs
//! (u16::from_be) instead of NI_NUMERICSERV. (An alternative design: it must pass every test.)

use std::ffi::{CStr, CString, c_char, c_int};
use std::process::ExitCode;

use nix::libc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [flag, ip] if flag == "-r" => reverse(ip),
        [host] => forward(host, None),
        [host, service] => forward(host, Some(service)),
        _ => Err("usage: resolve <host> [<service>] | resolve -r <ip>".to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("resolve: {message}");
            ExitCode::from(1)
        }
    }
}

fn gai_error(code: c_int) -> String {
    // SAFETY: a static NUL-terminated string.
    unsafe { CStr::from_ptr(libc::gai_strerror(code)) }
        .to_string_lossy()
        .into_owned()
}

/// getaddrinfo for AF_UNSPEC and SOCK_STREAM; the caller must freeaddrinfo the result.
fn lookup(node: &str, service: Option<&str>, flags: c_int) -> Result<*mut libc::addrinfo, String> {
    let c_node = CString::new(node).map_err(|_| format!("{node}: {}", gai_error(libc::EAI_NONAME)))?;
    let c_service = match service {
        Some(s) => Some(CString::new(s).map_err(|_| format!("{node}: {}", gai_error(libc::EAI_SERVICE)))?),
        None => None,
    };
    // SAFETY: a zeroed addrinfo is a valid "no hints" value.
    let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
    hints.ai_family = libc::AF_UNSPEC;
    hints.ai_socktype = libc::SOCK_STREAM;
    hints.ai_flags = flags;
    let mut res: *mut libc::addrinfo = std::ptr::null_mut();
    let service_ptr = match &c_service {
        Some(s) => s.as_ptr(),
        None => std::ptr::null(),
    };
    // SAFETY: valid strings and hints; res receives the list.
    let rc = unsafe { libc::getaddrinfo(c_node.as_ptr(), service_ptr, &hints, &mut res) };
    if rc != 0 {
        return Err(format!("{node}: {}", gai_error(rc)));
    }
    Ok(res)
}

fn numeric_host(ai: &libc::addrinfo) -> Result<String, c_int> {
    let mut host = [0 as c_char; 1025];
    // SAFETY: the address is inside the live list; the buffer and its size are right; no
    // service wanted.
    let rc = unsafe {
        libc::getnameinfo(
            ai.ai_addr,
            ai.ai_addrlen,
            host.as_mut_ptr(),
            host.len() as libc::socklen_t,
            std::ptr::null_mut(),
            0,
            libc::NI_NUMERICHOST,
        )
    };
    if rc != 0 {
        return Err(rc);
    }
    // SAFETY: NUL-terminated on success.
    Ok(unsafe { CStr::from_ptr(host.as_ptr()) }.to_string_lossy().into_owned())
}

fn forward(host: &str, service: Option<&str>) -> Result<(), String> {
    let res = lookup(host, service, 0)?;
    let mut lines = Vec::new();
    let mut failure = None;
    let mut p = res;
    while !p.is_null() {
        // SAFETY: p is a node of the list, not freed yet.
        let ai = unsafe { &*p };
        let (family, port) = match ai.ai_family {
            // SAFETY: ai_family says which sockaddr this is; sin_port / sin6_port are in
            // network byte order.
            libc::AF_INET => ("ipv4", u16::from_be(unsafe { (*(ai.ai_addr as *const libc::sockaddr_in)).sin_port })),
            libc::AF_INET6 => ("ipv6", u16::from_be(unsafe { (*(ai.ai_addr as *const libc::sockaddr_in6)).sin6_port })),
            _ => {
                p = ai.ai_next;
                continue;
            }
        };
        match numeric_host(ai) {
            Ok(ip) => lines.push(format!("{family} {ip} {port}")),
            Err(rc) => {
                failure = Some(format!("{host}: {}", gai_error(rc)));
                break;
            }
        }
        p = ai.ai_next;
    }
    // SAFETY: res came from getaddrinfo and is freed once, after the last use of its nodes.
    unsafe { libc::freeaddrinfo(res) };
    if let Some(message) = failure {
        return Err(message);
    }
    for line in lines {
        println!("{line}");
    }
    Ok(())
}

fn reverse(ip: &str) -> Result<(), String> {
    let res = lookup(ip, None, libc::AI_NUMERICHOST)?;
    let mut name = [0 as c_char; 1025];
    // SAFETY: res is a non-empty list from a successful getaddrinfo; the buffer is writable.
    let rc = unsafe {
        libc::getnameinfo(
            (*res).ai_addr,
            (*res).ai_addrlen,
            name.as_mut_ptr(),
            name.len() as libc::socklen_t,
            std::ptr::null_mut(),
            0,
            0,
        )
    };
    // SAFETY: freed once; nothing points into it any more.
    unsafe { libc::freeaddrinfo(res) };
    if rc != 0 {
        return Err(format!("{ip}: {}", gai_error(rc)));
    }
    // SAFETY: NUL-terminated on success.
    println!("{}", unsafe { CStr::from_ptr(name.as_ptr()) }.to_string_lossy());
    Ok(())
}
