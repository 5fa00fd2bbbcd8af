//! A server's end of one connection, looked at through a moment's duplicate of its descriptor
//! (pidfd_getfd, which the checker may do to its own descendants): its send queue for one
//! ioctl, where /proc/<pid>/net/tcp costs a walk of the kernel's whole connection table (a few
//! milliseconds on a busy machine, every time).

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

/// The server's socket connected to one of the checker's ports.
pub struct ServerEnd {
    pidfd: OwnedFd,
    fd: i32,
    peer_port: u16,
}

impl ServerEnd {
    /// The socket of `pid` whose peer is the checker's `peer_port`; `None` if it holds none, or
    /// where the kernel does not let the checker duplicate its descriptors.
    pub fn of(pid: i32, peer_port: u16) -> Option<ServerEnd> {
        // SAFETY: pidfd_open takes a pid and flags, and returns a new descriptor or -1.
        let pidfd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) };
        let pidfd = i32::try_from(pidfd).ok().filter(|&d| d >= 0)?;
        // SAFETY: the descriptor was just returned to us, and nothing else owns it.
        let pidfd = unsafe { OwnedFd::from_raw_fd(pidfd) };
        super::socket_fds(pid).into_iter().find_map(|(fd, _)| {
            let end = ServerEnd {
                pidfd: pidfd.try_clone().ok()?,
                fd,
                peer_port,
            };
            end.duplicate().is_some().then_some(end)
        })
    }

    /// The server's descriptor number for this connection.
    pub fn fd(&self) -> i32 {
        self.fd
    }

    /// Bytes the server has written to this connection that the peer has not acknowledged
    /// (SIOCOUTQ: /proc/net/tcp's tx_queue); `None` once the server no longer holds it.
    pub fn send_queue(&self) -> Option<u64> {
        let dup = self.duplicate()?;
        let mut queued: libc::c_int = 0;
        // SAFETY: a valid socket, and an int for the answer.
        let r = unsafe { libc::ioctl(dup.as_raw_fd(), libc::TIOCOUTQ, &mut queued) };
        (r == 0).then(|| u64::try_from(queued).unwrap_or(0))
    }

    /// Bytes that came from the peer and the server has not read (SIOCINQ: /proc/net/tcp's
    /// rx_queue); `None` once the server no longer holds the connection.
    pub fn recv_queue(&self) -> Option<u64> {
        let dup = self.duplicate()?;
        let mut unread: libc::c_int = 0;
        // SAFETY: a valid socket, and an int for the answer.
        let r = unsafe { libc::ioctl(dup.as_raw_fd(), libc::FIONREAD, &mut unread) };
        (r == 0).then(|| u64::try_from(unread).unwrap_or(0))
    }

    /// Whether the kernel would take more of the server's output on this connection now (poll
    /// reports POLLOUT): false once its send buffer is full, when a non-blocking send fails
    /// with EAGAIN (or comes back short) and a blocking one waits. `None` once the server no
    /// longer holds the connection.
    pub fn writable(&self) -> Option<bool> {
        let dup = self.duplicate()?;
        let mut fd = libc::pollfd {
            fd: dup.as_raw_fd(),
            events: libc::POLLOUT,
            revents: 0,
        };
        // SAFETY: one valid pollfd, for the duration of the call; a timeout of 0 never waits.
        let ready = unsafe { libc::poll(&mut fd, 1, 0) };
        (ready >= 0).then_some(fd.revents & libc::POLLOUT != 0)
    }

    /// A duplicate of the descriptor, if it is still a socket connected to `peer_port`. It is
    /// closed as soon as it is dropped: held, it would keep the connection open after the
    /// server closes it.
    fn duplicate(&self) -> Option<OwnedFd> {
        // SAFETY: pidfd_getfd takes a pidfd, the target's descriptor number and flags, and
        // returns a new descriptor of ours or -1.
        let dup =
            unsafe { libc::syscall(libc::SYS_pidfd_getfd, self.pidfd.as_raw_fd(), self.fd, 0) };
        let dup = i32::try_from(dup).ok().filter(|&d| d >= 0)?;
        // SAFETY: the descriptor was just returned to us, and nothing else owns it.
        let dup = unsafe { OwnedFd::from_raw_fd(dup) };
        let peer: nix::sys::socket::SockaddrStorage =
            nix::sys::socket::getpeername(dup.as_raw_fd()).ok()?;
        let port = peer
            .as_sockaddr_in()
            .map(|a| a.port())
            .or_else(|| peer.as_sockaddr_in6().map(|a| a.port()))?;
        (port == self.peer_port).then_some(dup)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::net::{TcpListener, TcpStream};

    use super::ServerEnd;

    /// A connection's end is writable until sends have filled what its kernel holds for it,
    /// the peer reading nothing: what a stalled reader's premise asks of a server.
    #[test]
    fn an_end_is_not_writable_once_its_peer_reads_nothing_and_it_filled_up() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (mut server, _) = listener.accept().unwrap();
        let port = client.local_addr().unwrap().port();
        let end = ServerEnd::of(std::process::id() as i32, port).expect("our own descriptor");
        assert_eq!(end.writable(), Some(true));
        server.set_nonblocking(true).unwrap();
        let chunk = vec![7u8; 64 << 10];
        while server.write(&chunk).is_ok() {}
        assert_eq!(end.writable(), Some(false));
        drop(server);
        assert_eq!(end.writable(), None, "gone with the connection");
    }
}
