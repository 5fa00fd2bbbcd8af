//! The broker's port: listening while the broker is up, held while it is down.

use std::net::{Ipv4Addr, SocketAddrV4, TcpListener};
use std::os::fd::OwnedFd;

/// A TCP socket that another of ours may bind beside on its port (SO_REUSEPORT), bound to
/// loopback's `port` (0: the kernel's choice).
pub fn port_sharing_socket(port: u16) -> std::io::Result<OwnedFd> {
    use nix::sys::socket::{
        AddressFamily, SockFlag, SockType, SockaddrIn, bind, setsockopt, socket, sockopt,
    };
    let fd = socket(
        AddressFamily::Inet,
        SockType::Stream,
        SockFlag::SOCK_CLOEXEC | SockFlag::SOCK_NONBLOCK,
        None,
    )?;
    setsockopt(&fd, sockopt::ReuseAddr, &true)?;
    setsockopt(&fd, sockopt::ReusePort, &true)?;
    bind(
        std::os::fd::AsRawFd::as_raw_fd(&fd),
        &SockaddrIn::from(SocketAddrV4::new(Ipv4Addr::LOCALHOST, port)),
    )?;
    Ok(fd)
}

/// `fd`, bound, made a listener.
pub fn listening(fd: OwnedFd) -> std::io::Result<TcpListener> {
    nix::sys::socket::listen(&fd, nix::sys::socket::Backlog::new(16)?)?;
    Ok(TcpListener::from(fd))
}

/// Where the broker's port is: its listener while it is up; while it is down, a socket bound
/// to the port and not listening, so that a connect is refused and the port is not handed out
/// meanwhile (a device's own connect on loopback may take any ephemeral port, this one too,
/// and once did: the broker could not come back, "Address already in use").
pub enum Port {
    Up(TcpListener),
    Down(OwnedFd),
}
