//! When bytes arrived, as the kernel stamped them (SO_TIMESTAMPNS), not when a checker thread
//! got a CPU to read them: a client's timer is judged on the gaps between its bytes' arrivals,
//! which a starved thread of the checker's would otherwise shorten or stretch.

use std::io;
use std::os::fd::{AsFd, AsRawFd};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use nix::sys::socket::{ControlMessageOwned, MsgFlags, SockaddrLike, recvmsg, setsockopt, sockopt};

/// Ask the kernel to stamp what arrives on `socket`.
pub fn enable(socket: &impl AsFd) -> io::Result<()> {
    setsockopt(socket, sockopt::ReceiveTimestampns, &true).map_err(io::Error::from)
}

/// The time now, on the clock of the kernel's stamps (since the epoch).
pub fn now() -> Duration {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
}

/// One read of `socket` (stamped by `enable`) into `buf`: how many bytes, from whom (for a
/// datagram; `()` for a stream), and when they arrived (the last of them, on a stream; the
/// time of the read if the kernel gave no stamp).
pub fn recv<S: SockaddrLike>(
    socket: &impl AsRawFd,
    buf: &mut [u8],
) -> io::Result<(usize, Option<S>, Duration)> {
    let mut space = nix::cmsg_space!(nix::sys::time::TimeSpec);
    let mut iov = [io::IoSliceMut::new(buf)];
    let msg = recvmsg::<S>(
        socket.as_raw_fd(),
        &mut iov,
        Some(&mut space),
        MsgFlags::empty(),
    )
    .map_err(io::Error::from)?;
    let stamp = msg.cmsgs().ok().and_then(|mut cmsgs| {
        cmsgs.find_map(|c| match c {
            ControlMessageOwned::ScmTimestampns(ts) => Some(Duration::from(ts)),
            _ => None,
        })
    });
    Ok((msg.bytes, msg.address, stamp.unwrap_or_else(now)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// Read 300 ms after they came, the bytes say they came 300 ms ago or more (a stamp taken
    /// at the read would say less): on a datagram socket and on a stream.
    #[test]
    fn bytes_are_stamped_when_they_arrive_not_when_they_are_read() {
        let udp = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        enable(&udp).unwrap();
        let sender = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        sender.send_to(b"ping", udp.local_addr().unwrap()).unwrap();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let mut client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (tcp, _) = listener.accept().unwrap();
        enable(&tcp).unwrap();
        client.write_all(b"hello?\n").unwrap();
        std::thread::sleep(Duration::from_millis(300));
        let mut buf = [0u8; 16];
        let (n, from, arrived) =
            recv::<nix::sys::socket::SockaddrIn>(&udp, &mut buf).expect("the datagram");
        assert_eq!(&buf[..n], b"ping");
        assert_eq!(
            from.map(|a| a.port()),
            Some(sender.local_addr().unwrap().port())
        );
        assert!(now().saturating_sub(arrived) >= Duration::from_millis(300));
        let (n, _, arrived) = recv::<()>(&tcp, &mut buf).expect("the bytes");
        assert_eq!(&buf[..n], b"hello?\n");
        assert!(now().saturating_sub(arrived) >= Duration::from_millis(300));
    }
}
