//! A TCP connection made (or accepted) by the checker, recording every byte into a transcript.

use std::io::{ErrorKind, Read, Write};
use std::net::{Ipv4Addr, Shutdown, SocketAddrV4, TcpStream};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::errors::{io_failure, note_lossy_text, remaining};
use super::transcript::Transcript;
use crate::base::escape;
use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, FailureKind as Kind, Whereabouts};
use crate::contain::procinfo;
use crate::observe::stuck::{EdgeUnread, Spinning, Stuck};

/// The failure of a wait for a program that is stuck (or idle with a reply due): where it
/// sleeps, as evidence.
pub fn stuck_failure(who: &str, stuck: Stuck) -> Failure {
    let label = stuck.label.clone();
    let summary = if stuck.idle {
        msg!(
            "conn-idle",
            who = who,
            label = &label,
            seconds = crate::observe::stuck::IDLE_HOLD.as_secs().to_string()
        )
    } else if stuck.spins == Some(Spinning::WithoutAccepting) {
        msg!("conn-spins-without-accepting", who = who, label = &label)
    } else if stuck.spins.is_some() {
        msg!("conn-spins", who = who, label = &label)
    } else if stuck.polls_nothing {
        msg!("conn-polls-nothing", who = who, label = &label)
    } else if let Some(edge) = stuck.unread_on_edge {
        msg!(
            "conn-unread-on-edge",
            who = who,
            label = &label,
            bytes = edge.bytes.to_string()
        )
    } else {
        msg!("conn-stuck", who = who, label = &label)
    };
    stuck.explains(Failure::of_kind(Kind::Timeout, summary))
}

/// The transcript's note where a wait stops for a program stuck (or idle).
pub fn gave_up(stuck: &Stuck) -> Text {
    if stuck.idle {
        msg!("conn-gave-up-idle")
    } else if stuck.spins.is_some() {
        msg!("conn-gave-up-spins")
    } else {
        msg!("conn-gave-up-stuck")
    }
}

/// `to`, with the evidence of where the program waits (stuck) or was (when the time ran out)
/// that `from` carries, if any (before the transcript, which comes last).
pub fn where_it_waits(from: &Failure, mut to: Failure) -> Failure {
    let at = to
        .details
        .iter()
        .position(|(label, _)| label.is("label-transcript"))
        .unwrap_or(to.details.len());
    let carried = from
        .whereabouts
        .iter()
        .map(|(kind, text)| (kind.label(), text.clone()));
    to.details.splice(at..at, carried);
    to.whereabouts.extend(from.whereabouts.iter().cloned());
    // Where the program waits, when that is certain (it polls nothing, it spins), names the cause
    // over what the data only suggests (an end at the data's first NUL, not proven).
    to.diagnosis = match from.diagnosis {
        Some(waits) if waits.is_certain() && !to.is_certain() => Some(waits),
        _ => to.diagnosis.or(from.diagnosis),
    };
    to
}

/// A TCP connection made by the checker, recording every byte into a transcript.
pub struct Conn {
    stream: TcpStream,
    pub who: String,
    t: Arc<Transcript>,
    /// Bytes read on this handle so far.
    received: usize,
}

impl Conn {
    /// Connect, or fail with "refused" or "timed out".
    pub fn connect(
        t: &Arc<Transcript>,
        who: &str,
        port: u16,
        deadline: Instant,
    ) -> Result<Conn, Failure> {
        let addr = SocketAddrV4::new(Ipv4Addr::LOCALHOST, port);
        let timeout = remaining(deadline).ok_or_else(|| {
            Failure::of_kind(Kind::Timeout, msg!("conn-no-time-to-connect", who = who))
        })?;
        Conn::made(
            t,
            who,
            addr,
            TcpStream::connect_timeout(&addr.into(), timeout),
        )
    }

    /// Connect as a client on a path of smaller packets would: its SYN announces `mss` bytes
    /// a segment (TCP_MAXSEG; 1460 is Ethernet's) instead of loopback's 64 KiB. The server's
    /// kernel sizes its send buffer by the segments in flight, so a client that stops reading
    /// lets a few hundred KiB pile up in the kernel rather than the 4 MiB loopback allows; its
    /// own receive buffer keeps its size. (The connect itself waits at most for loopback's
    /// handshake.)
    pub fn connect_with_mss(
        t: &Arc<Transcript>,
        who: &str,
        port: u16,
        mss: u32,
    ) -> Result<Conn, Failure> {
        Conn::connect_small(t, who, port, mss, None)
    }

    /// `connect_with_mss`, with a receive buffer of `recv_buffer` bytes set before the connect:
    /// the window scale is then chosen for it. (Shrunk after the handshake, a buffer of a few
    /// KiB under a scale made for megabytes advertises windows rounded to 0 or 1 KiB, and the
    /// peer's sends stall in zero-window probes and their backoff.)
    pub fn connect_small(
        t: &Arc<Transcript>,
        who: &str,
        port: u16,
        mss: u32,
        recv_buffer: Option<usize>,
    ) -> Result<Conn, Failure> {
        use nix::sys::socket::{self, AddressFamily, SockFlag, SockType, SockaddrIn, sockopt};
        let addr = SocketAddrV4::new(Ipv4Addr::LOCALHOST, port);
        let made = socket::socket(
            AddressFamily::Inet,
            SockType::Stream,
            SockFlag::SOCK_CLOEXEC,
            None,
        )
        .and_then(|fd| {
            socket::setsockopt(&fd, sockopt::TcpMaxSeg, &mss)?;
            if let Some(bytes) = recv_buffer {
                socket::setsockopt(&fd, sockopt::RcvBuf, &bytes)?;
            }
            socket::connect(
                std::os::fd::AsRawFd::as_raw_fd(&fd),
                &SockaddrIn::from(addr),
            )?;
            Ok(TcpStream::from(fd))
        })
        .map_err(std::io::Error::from);
        Conn::made(t, who, addr, made)
    }

    /// The connection a connect made, or its failure, noted in the transcript.
    fn made(
        t: &Arc<Transcript>,
        who: &str,
        addr: SocketAddrV4,
        made: std::io::Result<TcpStream>,
    ) -> Result<Conn, Failure> {
        match made {
            Ok(stream) => {
                let port = stream.local_addr().map(|a| a.port()).unwrap_or(0);
                t.name_port(port, who);
                t.note(
                    who,
                    msg!(
                        "conn-connected",
                        addr = addr.to_string(),
                        port = port.to_string()
                    ),
                );
                Ok(Conn {
                    stream,
                    who: who.to_string(),
                    t: Arc::clone(t),
                    received: 0,
                })
            }
            Err(e) => {
                let (addr, error) = (addr.to_string(), e.to_string());
                t.note(
                    who,
                    msg!("conn-connect-failed", addr = &addr, error = error),
                );
                Err(t.attach(io_failure(who, msg!("conn-connect-to", addr = addr), &e)))
            }
        }
    }

    pub fn set_nodelay(&self) {
        let _ = self.stream.set_nodelay(true);
    }

    /// Instrument a connection accepted by one of the checker's hidden servers.
    pub fn accepted(t: &Arc<Transcript>, who: &str, stream: TcpStream) -> Conn {
        let _ = stream.set_nonblocking(false);
        Conn {
            stream,
            who: who.to_string(),
            t: Arc::clone(t),
            received: 0,
        }
    }

    /// How many bytes have been read on this handle.
    pub fn received(&self) -> usize {
        self.received
    }

    /// The checker's own port on this connection (the program sees it as the remote port).
    pub fn local_port(&self) -> u16 {
        self.stream.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    /// A second handle on the same connection (for a writer thread).
    pub fn try_clone(&self) -> Result<Conn, Failure> {
        let stream = self.stream.try_clone()?;
        Ok(Conn {
            stream,
            who: self.who.clone(),
            t: Arc::clone(&self.t),
            received: 0,
        })
    }

    /// Send all of `data` before `deadline`.
    ///
    /// The transcript records the data when the sending starts, not when the last write
    /// returns: a reply can arrive while a big write is still blocked, and the transcript
    /// must never show the answer before the question. A send that stops early says so.
    pub fn send(&mut self, data: &[u8], deadline: Instant) -> Result<(), Failure> {
        self.t.sent(&self.who, data);
        let stopped = |t: &Transcript, who: &str, rest: &[u8]| {
            t.note(
                who,
                msg!(
                    "conn-sending-stopped",
                    accepted = (data.len() - rest.len()).to_string(),
                    total = data.len().to_string()
                ),
            )
        };
        let mut rest = data;
        while !rest.is_empty() {
            let Some(left) = remaining(deadline) else {
                stopped(&self.t, &self.who, rest);
                return Err(self.t.attach(Failure::of_kind(
                    Kind::Timeout,
                    msg!(
                        "conn-could-not-send",
                        who = &self.who,
                        left = rest.len().to_string()
                    ),
                )));
            };
            let _ = self.stream.set_write_timeout(Some(left));
            match self.stream.write(rest) {
                Ok(n) => rest = &rest[n..],
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) if e.kind() == ErrorKind::WouldBlock => {}
                Err(e) => {
                    stopped(&self.t, &self.who, rest);
                    return Err(self.t.attach(io_failure(&self.who, "send", &e)));
                }
            }
        }
        Ok(())
    }

    /// One write of at most all of `data`, waiting at most `wait` for room: how many bytes went
    /// out (0 if none could). For a sender that must be able to stop between writes.
    pub fn send_some(&mut self, data: &[u8], wait: Duration) -> Result<usize, Failure> {
        let _ = self
            .stream
            .set_write_timeout(Some(wait.max(Duration::from_millis(1))));
        match self.stream.write(data) {
            Ok(n) => {
                self.t.sent(&self.who, &data[..n]);
                Ok(n)
            }
            Err(e) if matches!(e.kind(), ErrorKind::Interrupted | ErrorKind::WouldBlock) => Ok(0),
            Err(e) => Err(self.t.attach(io_failure(&self.who, "send", &e))),
        }
    }

    /// Read what is there (at most `max` bytes), waiting until `deadline`; empty = EOF.
    pub fn recv_some(&mut self, max: usize, deadline: Instant) -> Result<Vec<u8>, Failure> {
        let mut buf = vec![0u8; max];
        let n = self.recv_into(&mut buf, deadline)?;
        buf.truncate(n);
        Ok(buf)
    }

    /// Read what is there into `buf`, waiting until `deadline`: how many bytes came, 0 = EOF.
    /// Once nothing has come for a moment, the wait asks whether the program is stuck (see
    /// `observe::stuck`): if it is, waiting longer cannot help, and the failure says where it
    /// sleeps.
    fn recv_into(&mut self, buf: &mut [u8], deadline: Instant) -> Result<usize, Failure> {
        let t = Arc::clone(&self.t);
        let read = t.wait_or_stuck(deadline, |step| {
            let left = step.saturating_duration_since(Instant::now());
            let _ = (self.stream).set_read_timeout(Some(left.max(Duration::from_millis(1))));
            match self.stream.read(buf) {
                Ok(0) => {
                    self.t.note(&self.who, msg!("conn-eof"));
                    Some(Ok(0))
                }
                Ok(n) => {
                    self.t.received(&self.who, &buf[..n]);
                    self.received += n;
                    Some(Ok(n))
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => None,
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => None,
                Err(e) => {
                    let error = e.to_string();
                    self.t
                        .note(&self.who, msg!("wire-read-failed", error = error));
                    Some(Err(self.t.attach(io_failure(&self.who, "read", &e))))
                }
            }
        });
        match read {
            Ok(Some(read)) => read,
            Ok(None) => {
                self.t.note(&self.who, msg!("conn-timed-out-waiting"));
                let failure = Failure::of_kind(
                    Kind::Timeout,
                    msg!("conn-nothing-came-back", who = &self.who),
                );
                Err(self.t.attach(match self.t.program_now() {
                    Some(now) => failure.whereabouts(Whereabouts::WhenTimeRanOut, now),
                    None => failure,
                }))
            }
            Err(mut stuck) => {
                self.t.note(&self.who, gave_up(&stuck));
                stuck.unread_on_edge = stuck.unread_on_edge.and_then(|e| self.unread_on_edge(e));
                Err(self.t.attach(stuck_failure(&self.who, stuck)))
            }
        }
    }

    /// Read until `expected.len()` bytes have arrived and compare them byte for byte. An early
    /// EOF, a reset or a timeout fails with what did arrive.
    pub fn expect_bytes(&mut self, expected: &[u8], deadline: Instant) -> Result<(), Failure> {
        self.expect_bytes_at(expected, 0, expected.len(), deadline)
    }

    /// Expect the `n` bytes of `expected` from offset `from` on, those before it having come
    /// already (a failure shows the whole stream, as `expect_bytes`).
    pub fn expect_bytes_at(
        &mut self,
        expected: &[u8],
        from: usize,
        n: usize,
        deadline: Instant,
    ) -> Result<(), Failure> {
        let end = (from + n).min(expected.len());
        // One window, read into and compared piece by piece: a 32 MiB echo costs no 32 MiB
        // buffer (every fork the checker makes copies its page tables).
        let mut window = vec![0u8; (end - from).min(1 << 20)];
        let mut matched = from;
        // What had arrived, for the report: the matching part is `expected`'s own prefix.
        let arrived = |matched: usize, piece: &[u8]| [&expected[..matched], piece].concat();
        while matched < end {
            let want = window.len().min(end - matched);
            match self.recv_into(&mut window[..want], deadline) {
                Ok(0) => {
                    let summary = msg!("conn-ended-early", who = &self.who);
                    return Err(self
                        .mismatch(summary, expected, &arrived(matched, &[]))
                        .kind(Kind::EarlyEof));
                }
                Ok(n) => {
                    let piece = &window[..n];
                    if piece != &expected[matched..matched + n] {
                        let summary = msg!("conn-bytes-differ", who = &self.who);
                        return Err(self.mismatch(summary, expected, &arrived(matched, piece)));
                    }
                    matched += n;
                }
                Err(f) => {
                    let mismatch = self
                        .mismatch(f.summary.clone(), expected, &arrived(matched, &[]))
                        .kind(f.kind.unwrap_or(Kind::Timeout));
                    return Err(where_it_waits(&f, mismatch));
                }
            }
        }
        Ok(())
    }

    /// A byte-precise failure: lengths, the first differing offset, both sides around it.
    /// `got` is what had arrived when the difference showed (the checker stops reading there).
    pub fn mismatch(&self, summary: impl Into<Text>, expected: &[u8], got: &[u8]) -> Failure {
        let mut failure = Failure::wrong(summary);
        match escape::diff(expected, got) {
            Some(rows) => {
                for (label, text) in rows {
                    let text = if label.is("diff-lengths") {
                        msg!(
                            "conn-lengths-when-differed",
                            expected = msg!("count-byte", n = expected.len()),
                            got = msg!("count-byte", n = got.len())
                        )
                    } else {
                        text
                    };
                    failure = failure.detail(label, text);
                }
            }
            None => failure = failure.detail(msg!("label-received"), escape::quoted(got, 64)),
        }
        self.t.attach(note_lossy_text(failure, expected, got))
    }

    /// Expect the other side to close (EOF) before `deadline`, with no more data.
    pub fn expect_eof(&mut self, deadline: Instant, why: impl Into<Text>) -> Result<(), Failure> {
        match self.recv_some(4096, deadline) {
            Ok(extra) if extra.is_empty() => Ok(()),
            Ok(extra) => Err(self.t.attach(Failure::wrong(msg!(
                "conn-more-bytes",
                who = &self.who,
                bytes = escape::quoted(&extra, 48)
            )))),
            Err(f) if f.kind == Some(Kind::Timeout) => Err(where_it_waits(&f, self.no_eof(why))),
            Err(f) => Err(f),
        }
    }

    /// `edge` (a server asleep in epoll_wait beside unread bytes) as this client's: the bytes
    /// of this connection its server left unread, if it read some of them (it echoed a byte)
    /// and stopped before EAGAIN. A server that never echoed a byte here never read it at all
    /// (a wrong descriptor, say), and bytes of another client are not this wait's cause:
    /// `None`, plain stuck, where it waits tells the rest.
    fn unread_on_edge(&self, edge: EdgeUnread) -> Option<EdgeUnread> {
        if self.received == 0 {
            return None;
        }
        let end = procinfo::ServerEnd::of(edge.pid, self.local_port())?;
        let bytes = end.recv_queue().filter(|&unread| unread > 0)?;
        Some(EdgeUnread { bytes, ..edge })
    }

    /// Whether the watched program is stuck now (`observe::stuck`): a wait for it to take
    /// what was sent can stop.
    pub fn program_stuck(&self) -> bool {
        self.t.stuck().is_some()
    }

    /// The failure of a wait on a program seen spinning (running without end beside a
    /// connection its peer closed, `observe::stuck::spin`): nothing will come, however long the
    /// wait. `None` if it does not spin (asleep, stuck or not, is judged by the wait itself).
    pub fn spinning_now(&self) -> Option<Failure> {
        let stuck = self.t.stuck().filter(|s| s.spins.is_some())?;
        self.t.note(&self.who, gave_up(&stuck));
        Some(self.t.attach(stuck_failure(&self.who, stuck)))
    }

    /// The failure of a connection that stayed open after the client's EOF, with its transcript.
    pub fn no_eof(&self, why: impl Into<Text>) -> Failure {
        Failure::of_kind(
            Kind::Timeout,
            msg!("conn-no-eof", who = &self.who, why = why.into()),
        )
        .detail(msg!("label-transcript"), self.t.render(24))
    }

    /// Give up on the connection in both directions (shutdown(SHUT_RDWR)), so that a thread
    /// still writing to it (a clone) fails at once instead of waiting out its deadline: a test
    /// stops at its first proof of failure.
    pub fn abort(&self) {
        let _ = self.stream.shutdown(Shutdown::Both);
    }

    /// Whether something (bytes, EOF, an error) can be read within `wait`, without reading it.
    pub fn readable_within(&self, wait: Duration) -> bool {
        let mut fd = libc::pollfd {
            fd: std::os::fd::AsRawFd::as_raw_fd(&self.stream),
            events: libc::POLLIN,
            revents: 0,
        };
        let ms = wait.as_millis().min(i32::MAX as u128) as i32;
        // SAFETY: one valid pollfd, for the duration of the call.
        unsafe { libc::poll(&mut fd, 1, ms) > 0 }
    }

    /// Bytes that have arrived and wait in our receive queue (FIONREAD).
    pub fn pending(&self) -> usize {
        self.queue_bytes(libc::FIONREAD)
    }

    /// Bytes of ours the program's kernel has acknowledged in all (TCP_INFO): once its
    /// receive buffer is full, it grows only as the program reads.
    pub fn bytes_acked(&self) -> Option<u64> {
        crate::contain::procinfo::tcp_info(&self.stream).map(|info| info.tcpi_bytes_acked)
    }

    /// Bytes we wrote that the program's kernel has not acknowledged yet (SIOCOUTQ).
    pub fn unsent(&self) -> usize {
        self.queue_bytes(libc::TIOCOUTQ)
    }

    /// One of the socket's queue sizes, by the ioctl that reports it (0 if it fails).
    fn queue_bytes(&self, request: libc::Ioctl) -> usize {
        let mut n: libc::c_int = 0;
        let fd = std::os::fd::AsRawFd::as_raw_fd(&self.stream);
        // SAFETY: a valid socket, and FIONREAD and SIOCOUTQ each write one int.
        if unsafe { libc::ioctl(fd, request, &mut n) } != 0 {
            return 0;
        }
        usize::try_from(n).unwrap_or(0)
    }

    /// Our FIN has reached the program's kernel: it acknowledged it, and our end has left
    /// FIN_WAIT1 (TCP_INFO's state; false while the FIN waits behind bytes a full window holds
    /// back, or if the socket cannot say).
    pub fn fin_acknowledged(&self) -> bool {
        // include/net/tcp_states.h: ESTABLISHED 1, FIN_WAIT1 4.
        crate::contain::procinfo::tcp_info(&self.stream)
            .is_some_and(|info| !matches!(info.tcpi_state, 1 | 4))
    }

    /// The program closed the connection, or reset it: our end is in CLOSE_WAIT (its FIN came)
    /// or CLOSE (its RST came; a socket closed with bytes unread sends one). TCP_INFO's state.
    pub fn closed_by_peer(&self) -> bool {
        // include/net/tcp_states.h: CLOSE 7, CLOSE_WAIT 8.
        crate::contain::procinfo::tcp_info(&self.stream)
            .is_some_and(|info| matches!(info.tcpi_state, 7 | 8))
    }

    /// The window our end last advertised (TCP_INFO's rcv_wnd): at most what the program's
    /// kernel can still send us before we read (our free room only shrinks while we do not).
    /// Call `quick_ack` first, so that what came is acknowledged, and the window told, at once
    /// rather than after the delayed-ACK timer.
    pub fn advertised_window(&self) -> Option<u32> {
        crate::contain::procinfo::tcp_info(&self.stream).map(|info| info.tcpi_rcv_wnd)
    }

    /// shutdown(SHUT_WR): we send a FIN, the program's read() returns 0.
    pub fn shutdown_write(&mut self) {
        let _ = self.stream.shutdown(Shutdown::Write);
        self.t.note(&self.who, msg!("conn-shut-down"));
    }

    /// Close with SO_LINGER 0: the kernel sends RST instead of FIN.
    pub fn reset(self) {
        let linger = libc::linger {
            l_onoff: 1,
            l_linger: 0,
        };
        let fd = std::os::fd::AsRawFd::as_raw_fd(&self.stream);
        // SAFETY: a valid socket and a correctly sized linger struct.
        unsafe {
            libc::setsockopt(
                fd,
                libc::SOL_SOCKET,
                libc::SO_LINGER,
                (&linger as *const libc::linger).cast(),
                std::mem::size_of::<libc::linger>() as libc::socklen_t,
            );
        }
        self.t.note(&self.who, msg!("conn-closed-rst"));
        drop(self);
    }

    /// Acknowledge what came at once (TCP_QUICKACK), rather than after the delayed-ACK timer
    /// (40 ms): a server that writes many small pieces with Nagle's algorithm on sends the next
    /// only once the last is acknowledged. The kernel turns it off again by itself, so a reader
    /// that must not wait on that timer sets it before each read.
    pub fn quick_ack(&self) {
        let fd = std::os::fd::AsRawFd::as_raw_fd(&self.stream);
        let on: libc::c_int = 1;
        // SAFETY: a valid socket and an int option value.
        unsafe {
            libc::setsockopt(
                fd,
                libc::IPPROTO_TCP,
                libc::TCP_QUICKACK,
                (&on as *const libc::c_int).cast(),
                std::mem::size_of::<libc::c_int>() as libc::socklen_t,
            );
        }
    }

    pub fn set_recv_buffer(&self, bytes: i32) {
        let fd = std::os::fd::AsRawFd::as_raw_fd(&self.stream);
        // SAFETY: a valid socket and an int option value.
        unsafe {
            libc::setsockopt(
                fd,
                libc::SOL_SOCKET,
                libc::SO_RCVBUF,
                (&bytes as *const i32).cast(),
                std::mem::size_of::<i32>() as libc::socklen_t,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::verdict::Diagnosis;

    /// What replaces a failure keeps where the program was, by the evidence's kind, placed
    /// before the transcript; the rest of the first failure stays behind.
    #[test]
    fn where_it_waits_carries_the_evidence_before_the_transcript() {
        let from = Failure::wrong("nothing came back")
            .detail("sent", "hello")
            .whereabouts(Whereabouts::Waits, "read() on its socket")
            .diagnosed(Diagnosis::Stuck);
        let to = Failure::wrong("the client got no reply").detail(msg!("label-transcript"), "…");
        let got = where_it_waits(&from, to);
        assert_eq!(got.whereabouts, from.whereabouts);
        assert_eq!(got.diagnosis, Some(Diagnosis::Stuck));
        let labels: Vec<&Text> = got.details.iter().map(|(l, _)| l).collect();
        assert_eq!(labels.len(), 2, "{labels:?}");
        assert!(labels[0].is("label-where-it-waits"));
        assert!(labels[1].is("label-transcript"));
    }
}
