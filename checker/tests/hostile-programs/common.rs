// Shared by the hostile programs: a listening socket and its line, as the contract wants.
use std::io::Write;
use std::os::fd::{AsRawFd, OwnedFd};

use nix::sys::socket::{self, AddressFamily, Backlog, SockFlag, SockType, SockaddrIn};

fn listen_and_announce() -> OwnedFd {
    let port: u16 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(0);
    let fd = socket::socket(AddressFamily::Inet, SockType::Stream, SockFlag::empty(), None).unwrap();
    socket::bind(fd.as_raw_fd(), &SockaddrIn::new(0, 0, 0, 0, port)).unwrap();
    socket::listen(&fd, Backlog::new(16).unwrap()).unwrap();
    let local: SockaddrIn = socket::getsockname(fd.as_raw_fd()).unwrap();
    println!("listening on 0.0.0.0:{}", local.port());
    std::io::stdout().flush().unwrap();
    fd
}
