//! When bytes arrived, as the kernel stamped them (SO_TIMESTAMPNS), not when a checker thread
//! got a CPU to read them: a client's timer is judged on the gaps between its bytes' arrivals,
//! which a starved thread of the checker's would otherwise shorten or stretch.

use std::io;
use std::net::UdpSocket;
use std::os::fd::{AsFd, AsRawFd};
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use nix::sys::socket::{ControlMessageOwned, MsgFlags, SockaddrLike, recvmsg, setsockopt, sockopt};

/// Ask the kernel to stamp what arrives on `socket` from now on; on a listening socket, on
/// every connection it accepts (they inherit it), so that a client's first bytes are stamped
/// however soon they follow its connect.
pub fn enable(socket: &impl AsFd) -> io::Result<()> {
    stamping_on();
    setsockopt(socket, sockopt::ReceiveTimestampns, &true).map_err(io::Error::from)
}

/// The kernel stamps arrivals only while some socket asks for it, and turns that on a moment
/// after the first one asks (Linux defers it to a work queue): meanwhile what arrives is
/// stamped when read. So the first `enable` of a process keeps a stamped socket of its own open
/// for the process's life, and waits (at most 100 ms) until a datagram sent to it carries its
/// arrival time.
fn stamping_on() {
    static KEEPER: OnceLock<Option<UdpSocket>> = OnceLock::new();
    KEEPER.get_or_init(|| {
        let keeper = UdpSocket::bind("127.0.0.1:0").ok()?;
        setsockopt(&keeper, sockopt::ReceiveTimestampns, &true).ok()?;
        keeper.set_read_timeout(Some(Duration::from_secs(1))).ok()?;
        let to = keeper.local_addr().ok()?;
        let gap = Duration::from_millis(2);
        for _ in 0..50 {
            keeper.send_to(b"", to).ok()?;
            std::thread::sleep(gap);
            let (_, _, arrived) = recv::<()>(&keeper, &mut [0u8; 1]).ok()?;
            if arrived.elapsed() >= gap {
                break;
            }
        }
        Some(keeper)
    });
}

/// One read of `socket` (stamped by `enable`) into `buf`: how many bytes, from whom (for a
/// datagram; `()` for a stream), and when they arrived (on a stream, the last segment the read
/// took; the time of the read if the kernel gave no stamp), on `Instant`'s clock.
pub fn recv<S: SockaddrLike>(
    socket: &impl AsRawFd,
    buf: &mut [u8],
) -> io::Result<(usize, Option<S>, Instant)> {
    let mut space = nix::cmsg_space!(nix::sys::time::TimeSpec);
    let mut iov = [io::IoSliceMut::new(buf)];
    let msg = recvmsg::<S>(
        socket.as_raw_fd(),
        &mut iov,
        Some(&mut space),
        MsgFlags::empty(),
    )
    .map_err(io::Error::from)?;
    let read_at = (Instant::now(), SystemTime::now());
    let stamp = msg.cmsgs().ok().and_then(|mut cmsgs| {
        cmsgs.find_map(|c| match c {
            ControlMessageOwned::ScmTimestampns(ts) => Some(Duration::from(ts)),
            _ => None,
        })
    });
    // The stamp is on the wall clock: how long before the read it was, taken from the read's
    // instant (a step of the wall clock meanwhile cannot move it by more than the step).
    let ago = stamp.map_or(Duration::ZERO, |at| {
        let wall = read_at.1.duration_since(UNIX_EPOCH).unwrap_or_default();
        wall.saturating_sub(at)
    });
    let arrived = read_at.0.checked_sub(ago).unwrap_or(read_at.0);
    Ok((msg.bytes, msg.address, arrived))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// Sent before `enable` is asked on the reading side (on a listener for the stream, as the
    /// hidden server does, and at once for the datagram, the first stamped socket of this test
    /// process) and read 300 ms after they came, the bytes say they came 300 ms ago or more: a
    /// stamp taken at the read would say less.
    #[test]
    fn bytes_are_stamped_when_they_arrive_not_when_they_are_read() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        enable(&listener).unwrap();
        let mut client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        client.write_all(b"hello?\n").unwrap();
        let (tcp, _) = listener.accept().unwrap();
        let udp = UdpSocket::bind("127.0.0.1:0").unwrap();
        enable(&udp).unwrap();
        let sender = UdpSocket::bind("127.0.0.1:0").unwrap();
        sender.send_to(b"ping", udp.local_addr().unwrap()).unwrap();
        std::thread::sleep(Duration::from_millis(300));
        let mut buf = [0u8; 16];
        let (n, _, arrived) = recv::<()>(&tcp, &mut buf).expect("the bytes");
        assert_eq!(&buf[..n], b"hello?\n");
        assert!(arrived.elapsed() >= Duration::from_millis(300));
        let (n, from, arrived) =
            recv::<nix::sys::socket::SockaddrIn>(&udp, &mut buf).expect("the datagram");
        assert_eq!(&buf[..n], b"ping");
        assert_eq!(
            from.map(|a| a.port()),
            Some(sender.local_addr().unwrap().port())
        );
        assert!(arrived.elapsed() >= Duration::from_millis(300));
    }
}
