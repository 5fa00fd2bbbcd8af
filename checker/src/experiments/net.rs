//! What the experiments share: sockets on loopback made the C way (the calls the course
//! teaches), the kernel's view of a TCP socket (`TCP_INFO`), the network namespace's counters
//! (`/proc/thread-self/net/netstat` and `snmp`), and waiting for a condition.

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use nix::errno::Errno;
use nix::sys::socket::{
    AddressFamily, Backlog, SockFlag, SockType, SockaddrIn, bind, connect, getsockname, listen,
    setsockopt, socket, sockopt,
};

/// TCP states as `tcpi_state` numbers them (include/net/tcp_states.h).
pub const ESTABLISHED: u8 = 1;
pub const SYN_SENT: u8 = 2;
pub const FIN_WAIT1: u8 = 4;
pub const FIN_WAIT2: u8 = 5;
pub const CLOSE: u8 = 7;
pub const CLOSE_WAIT: u8 = 8;

pub fn state_name(state: u8) -> &'static str {
    [
        "?",
        "ESTABLISHED",
        "SYN_SENT",
        "SYN_RECV",
        "FIN_WAIT1",
        "FIN_WAIT2",
        "TIME_WAIT",
        "CLOSE",
        "CLOSE_WAIT",
        "LAST_ACK",
        "LISTEN",
        "CLOSING",
    ]
    .get(state as usize)
    .copied()
    .unwrap_or("?")
}

/// A TCP socket, blocking unless `nonblocking`.
pub fn tcp_socket(nonblocking: bool) -> Result<OwnedFd> {
    let flags = if nonblocking {
        SockFlag::SOCK_NONBLOCK
    } else {
        SockFlag::empty()
    };
    Ok(socket(AddressFamily::Inet, SockType::Stream, flags, None)?)
}

/// A listening socket on 127.0.0.1 (`port` 0: the kernel picks one) and its port.
pub fn listener(port: u16, backlog: i32, reuse: bool) -> Result<(OwnedFd, u16)> {
    let fd = tcp_socket(false)?;
    if reuse {
        setsockopt(&fd, sockopt::ReuseAddr, &true)?;
    }
    bind(fd.as_raw_fd(), &SockaddrIn::new(127, 0, 0, 1, port))?;
    listen(&fd, Backlog::new(backlog).context("backlog")?)?;
    let port = local_port(&fd)?;
    Ok((fd, port))
}

pub fn local_port(fd: &OwnedFd) -> Result<u16> {
    Ok(getsockname::<SockaddrIn>(fd.as_raw_fd())?.port())
}

/// A non-blocking connect to 127.0.0.1:`port`: under way (EINPROGRESS) or done.
pub fn connect_nonblocking(port: u16) -> Result<OwnedFd> {
    let fd = tcp_socket(true)?;
    match connect(fd.as_raw_fd(), &SockaddrIn::new(127, 0, 0, 1, port)) {
        Ok(()) | Err(Errno::EINPROGRESS) => Ok(fd),
        Err(e) => bail!("connect: {e}"),
    }
}

/// A blocking connect to 127.0.0.1:`port`.
pub fn connect_blocking(port: u16) -> Result<OwnedFd> {
    let fd = tcp_socket(false)?;
    connect(fd.as_raw_fd(), &SockaddrIn::new(127, 0, 0, 1, port)).context("connect")?;
    Ok(fd)
}

/// accept4 on a listening socket; `None` when nothing waits (the socket is non-blocking).
pub fn accept(listener: &OwnedFd, nonblocking: bool) -> Result<Option<OwnedFd>> {
    let flags = if nonblocking {
        SockFlag::SOCK_NONBLOCK
    } else {
        SockFlag::empty()
    };
    match nix::sys::socket::accept4(listener.as_raw_fd(), flags) {
        // SAFETY: accept4 returned a new descriptor that nothing else owns.
        Ok(fd) => Ok(Some(unsafe { OwnedFd::from_raw_fd(fd) })),
        Err(Errno::EAGAIN) => Ok(None),
        Err(e) => bail!("accept: {e}"),
    }
}

/// The kernel's view of a TCP socket.
pub fn tcp_info(fd: RawFd) -> libc::tcp_info {
    // SAFETY: the caller's descriptor, open for the call.
    let fd = unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) };
    // A zeroed one where the kernel cannot say, as before.
    crate::contain::procinfo::tcp_info(fd).unwrap_or_else(|| {
        // SAFETY: tcp_info is plain data, valid when zeroed.
        unsafe { std::mem::zeroed() }
    })
}

pub fn state(fd: &OwnedFd) -> u8 {
    tcp_info(fd.as_raw_fd()).tcpi_state
}

/// How many connections wait in a listening socket's accept queue (for a listener,
/// `tcpi_unacked` is the queue's length and `tcpi_sacked` its limit).
pub fn accept_queue(listener: &OwnedFd) -> u32 {
    tcp_info(listener.as_raw_fd()).tcpi_unacked
}

/// Bytes waiting to be read on a socket or a pipe (FIONREAD).
pub fn unread(fd: RawFd) -> usize {
    let mut n: libc::c_int = 0;
    // SAFETY: FIONREAD writes one int.
    unsafe { libc::ioctl(fd, libc::FIONREAD, &mut n) };
    n.max(0) as usize
}

/// A counter of this thread's network namespace: `group` and `name` as in
/// /proc/net/netstat or /proc/net/snmp (e.g. `TcpExt` `ListenOverflows`, `Icmp`
/// `InDestUnreachs`). 0 if the kernel does not have it.
pub fn counter(group: &str, name: &str) -> u64 {
    for file in ["netstat", "snmp"] {
        let Ok(text) = std::fs::read_to_string(format!("/proc/thread-self/net/{file}")) else {
            continue;
        };
        let lines: Vec<&str> = text.lines().collect();
        for pair in lines.chunks(2) {
            let [names, values] = pair else { continue };
            let prefix = format!("{group}:");
            if !names.starts_with(&prefix) || !values.starts_with(&prefix) {
                continue;
            }
            let names = names.split_whitespace().skip(1);
            let values = values.split_whitespace().skip(1);
            if let Some((_, v)) = names.zip(values).find(|(n, _)| *n == name) {
                return v.parse().unwrap_or(0);
            }
        }
    }
    0
}

/// Wait until `done()` holds, checking every millisecond; whether it did before `limit`.
pub fn wait_until(limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let until = Instant::now() + limit;
    loop {
        if done() {
            return true;
        }
        if Instant::now() >= until {
            return false;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// recv once, without waiting: the bytes read, 0 at EOF, or the error.
pub fn recv_now(fd: &OwnedFd, buf: &mut [u8]) -> std::result::Result<usize, Errno> {
    nix::sys::socket::recv(
        fd.as_raw_fd(),
        buf,
        nix::sys::socket::MsgFlags::MSG_DONTWAIT,
    )
}

/// What a recv gave, as the course names it: `3 bytes`, `0 (EOF)`, `ECONNRESET`.
pub fn recv_result(r: std::result::Result<usize, Errno>) -> String {
    match r {
        Ok(0) => "0 (EOF)".into(),
        Ok(n) => format!("{n}"),
        Err(e) => format!("{e:?}"),
    }
}
