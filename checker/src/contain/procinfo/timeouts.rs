//! The timers of a process's own that wake a blocking call on a socket: the socket's receive
//! and send timeouts (SO_RCVTIMEO, SO_SNDTIMEO), which /proc does not show, read through a
//! moment's duplicate of the descriptor (pidfd_getfd, which the checker may do to its own
//! descendants, as for `ListenQueue`); and what may deliver a SIGALRM (alarm() itself is shown
//! nowhere: a handler for it, or a POSIX timer, is what can be seen).

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::time::Duration;

/// Which of a socket's two timeouts a call obeys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// SO_RCVTIMEO: read, recv, recvfrom, recvmsg, accept.
    Receive,
    /// SO_SNDTIMEO: write, send, sendto, sendmsg, connect.
    Send,
}

/// A duplicate of descriptor `fd` of `pid`, ours until dropped; `None` if the process or the
/// descriptor is gone, or where the kernel does not let the checker take it.
pub fn duplicate(pid: i32, fd: i32) -> Option<OwnedFd> {
    // SAFETY: pidfd_open takes a pid and flags, and returns a new descriptor or -1.
    let pidfd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) };
    let pidfd = i32::try_from(pidfd).ok().filter(|&d| d >= 0)?;
    // SAFETY: the descriptor was just returned to us, and nothing else owns it.
    let pidfd = unsafe { OwnedFd::from_raw_fd(pidfd) };
    // SAFETY: pidfd_getfd takes a pidfd, the target's descriptor number and flags, and
    // returns a new descriptor of ours or -1.
    let dup = unsafe { libc::syscall(libc::SYS_pidfd_getfd, pidfd.as_raw_fd(), fd, 0) };
    let dup = i32::try_from(dup).ok().filter(|&d| d >= 0)?;
    // SAFETY: as above.
    Some(unsafe { OwnedFd::from_raw_fd(dup) })
}

/// The timeout of socket `fd` of `pid` for calls of `direction`: `Some(ZERO)` when none is set
/// (such a call waits for ever), `None` when it cannot be read (not a socket, gone, or not
/// allowed). The duplicate is closed at once.
pub fn socket_timeout(pid: i32, fd: i32, direction: Direction) -> Option<Duration> {
    let dup = duplicate(pid, fd)?;
    let option = match direction {
        Direction::Receive => libc::SO_RCVTIMEO,
        Direction::Send => libc::SO_SNDTIMEO,
    };
    let mut tv = libc::timeval {
        tv_sec: 0,
        tv_usec: 0,
    };
    let mut len = std::mem::size_of::<libc::timeval>() as libc::socklen_t;
    // SAFETY: a descriptor of ours, and a timeval of the size passed.
    let r = unsafe {
        libc::getsockopt(
            dup.as_raw_fd(),
            libc::SOL_SOCKET,
            option,
            (&mut tv as *mut libc::timeval).cast(),
            &mut len,
        )
    };
    if r != 0 {
        return None;
    }
    let secs = u64::try_from(tv.tv_sec).unwrap_or(0);
    let micros = u64::try_from(tv.tv_usec).unwrap_or(0);
    Some(Duration::from_secs(secs) + Duration::from_micros(micros))
}

/// `pid` may be woken by a SIGALRM of its own making: it catches SIGALRM (alarm() and
/// setitimer() arm nothing /proc shows, so a handler is the sign), or it holds a POSIX timer
/// (/proc/<pid>/timers).
pub fn may_take_an_alarm(pid: i32) -> bool {
    let alarm_bit = 1u64 << (libc::SIGALRM - 1);
    super::caught_signals(pid) & alarm_bit != 0
        || std::fs::read_to_string(format!("/proc/{pid}/timers"))
            .is_ok_and(|t| !t.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_receive_timeout_and_its_absence() {
        let me = std::process::id() as i32;
        let socket = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        let fd = socket.as_raw_fd();
        let Some(none) = socket_timeout(me, fd, Direction::Receive) else {
            eprintln!("pidfd_getfd is not allowed here");
            return;
        };
        assert_eq!(none, Duration::ZERO);
        socket
            .set_read_timeout(Some(Duration::from_millis(500)))
            .unwrap();
        assert_eq!(
            socket_timeout(me, fd, Direction::Receive),
            Some(Duration::from_millis(500))
        );
        assert_eq!(
            socket_timeout(me, fd, Direction::Send),
            Some(Duration::ZERO)
        );
        let (pipe, _w) = nix::unistd::pipe().unwrap();
        assert_eq!(
            socket_timeout(me, pipe.as_raw_fd(), Direction::Receive),
            None
        );
    }
}
