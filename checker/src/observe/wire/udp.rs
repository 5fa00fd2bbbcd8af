//! UDP on the wire: the checker's own datagram sockets, recorded in the transcript one datagram
//! per line (boundaries are the point), and hidden UDP servers that lose, stray or stay silent
//! on purpose, for client tests.

use std::collections::HashMap;
use std::io::ErrorKind;
use std::net::{Ipv4Addr, SocketAddr, UdpSocket};
use std::os::fd::AsRawFd;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use nix::sys::socket::SockaddrIn;

use super::Transcript;
use super::errors::remaining;
use super::server::loopback_udp;
use super::stamp;
use crate::base::escape;
use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, FailureKind as Kind};
use crate::contain::procinfo;

/// A UDP socket of the checker's, bound to a free loopback port.
pub struct Peer {
    sock: UdpSocket,
    pub who: String,
    t: Arc<Transcript>,
}

impl Peer {
    pub fn bind(t: &Arc<Transcript>, who: &str) -> Result<Peer, Failure> {
        let sock = loopback_udp()?;
        t.name_port(sock.local_addr()?.port(), who);
        Ok(Peer {
            sock,
            who: who.to_string(),
            t: Arc::clone(t),
        })
    }

    pub fn send_to(&self, data: &[u8], port: u16) -> Result<(), Failure> {
        self.sock.send_to(data, (Ipv4Addr::LOCALHOST, port))?;
        self.t.sent_datagram(&self.who, data, port);
        Ok(())
    }

    /// The next datagram, or `None` if none comes before `deadline`. A wait that nothing ends
    /// fails once the server is stuck (see `observe::stuck`), saying where it sleeps.
    pub fn recv(&self, deadline: Instant) -> Result<Option<(Vec<u8>, SocketAddr)>, Failure> {
        self.recv_watching(deadline, true, None)
    }

    /// `recv`, and when a reply is awaited from `from` (the server's port): once nothing is
    /// bound to that port any more, no reply can come, and the wait fails at once.
    fn recv_watching(
        &self,
        deadline: Instant,
        watch: bool,
        from: Option<u16>,
    ) -> Result<Option<(Vec<u8>, SocketAddr)>, Failure> {
        let mut buf = vec![0u8; 70_000];
        let began = Instant::now();
        let mut unbound = 0u32;
        loop {
            let Some(left) = remaining(deadline) else {
                return Ok(None);
            };
            if let Some(f) = self.no_reply_can_come(began, watch, from, &mut unbound) {
                return Err(f);
            }
            let _ = self
                .sock
                .set_read_timeout(Some(left.min(Duration::from_millis(50))));
            match self.sock.recv_from(&mut buf) {
                Ok((n, from)) => {
                    self.t.received_datagram(&self.who, &buf[..n], from.port());
                    return Ok(Some((buf[..n].to_vec(), from)));
                }
                Err(e)
                    if matches!(
                        e.kind(),
                        ErrorKind::WouldBlock | ErrorKind::TimedOut | ErrorKind::Interrupted
                    ) => {}
                // An ICMP "port unreachable" for an earlier datagram: the server is gone.
                Err(e) if e.kind() == ErrorKind::ConnectionRefused => {
                    return Err(self.t.attach(Failure::of_kind(
                        Kind::Refused,
                        msg!("udp-port-closed", who = &self.who),
                    )));
                }
                Err(e) => return Err(Failure::from(e)),
            }
        }
    }

    /// Why no datagram can come any more, once the wait is 100 ms old: the server is stuck
    /// (when `watch`), or nothing is bound to its port `from` at two looks in a row
    /// (`unbound` counts them).
    fn no_reply_can_come(
        &self,
        began: Instant,
        watch: bool,
        from: Option<u16>,
        unbound: &mut u32,
    ) -> Option<Failure> {
        if watch
            && began.elapsed() >= Duration::from_millis(100)
            && let Some(stuck) = self.t.stuck()
        {
            self.t.note(&self.who, super::conn::gave_up(&stuck));
            return Some(self.t.attach(super::conn::stuck_failure(&self.who, stuck)));
        }
        // Two looks in a row, 50 ms apart: a server that closes and binds its socket
        // again is not taken for gone in between.
        *unbound = match from {
            Some(port) if began.elapsed() >= Duration::from_millis(100) => {
                if procinfo::udp_port_bound_here(port) {
                    0
                } else {
                    *unbound + 1
                }
            }
            _ => 0,
        };
        if let Some(port) = from
            && *unbound >= 2
        {
            self.t
                .note(&self.who, msg!("udp-port-unbound-note", port = port));
            return Some(self.t.attach(Failure::of_kind(
                Kind::Refused,
                msg!("udp-port-unbound", who = &self.who, port = port),
            )));
        }
        None
    }

    /// Expect the next datagram to be exactly `expected`, from the server's `port`.
    pub fn expect(&self, expected: &[u8], port: u16, deadline: Instant) -> Result<(), Failure> {
        let no_reply = || {
            Failure::of_kind(
                Kind::Timeout,
                msg!(
                    "udp-no-reply",
                    who = &self.who,
                    size = msg!("count-byte", n = expected.len())
                ),
            )
        };
        let got = match self.recv_watching(deadline, true, Some(port)) {
            Ok(got) => got,
            // The server is stuck: no reply, and where it waits.
            Err(f) if f.kind == Some(Kind::Timeout) => {
                return Err(self.t.attach(super::conn::where_it_waits(&f, no_reply())));
            }
            Err(f) => return Err(f),
        };
        let Some((got, from)) = got else {
            return Err(self.t.attach(no_reply()));
        };
        if from.port() != port {
            return Err(self.t.attach(Failure::wrong(msg!(
                "udp-reply-from-elsewhere",
                who = &self.who,
                from = from.port().to_string(),
                port = port.to_string()
            ))));
        }
        if got != expected {
            let f = Failure::wrong(if got.len() < expected.len() {
                msg!(
                    "udp-reply-cut",
                    who = &self.who,
                    got = msg!("count-byte", n = got.len()),
                    sent = msg!("count-byte", n = expected.len())
                )
            } else {
                msg!("udp-reply-differs", who = &self.who)
            });
            return Err(self.t.attach(super::differ(f, expected, &got)));
        }
        Ok(())
    }

    /// Fail if another datagram arrives within `wait` (a reply sent to the wrong client, a
    /// duplicate).
    pub fn expect_nothing(&self, wait: Duration, why: impl Into<Text>) -> Result<(), Failure> {
        // A quiet spell is what this wait hopes for: it does not ask whether the server is stuck.
        if let Some((extra, from)) = self.recv_watching(Instant::now() + wait, false, None)? {
            return Err(self.t.attach(Failure::wrong(msg!(
                "udp-unexpected-datagram",
                who = &self.who,
                port = from.port().to_string(),
                data = escape::quoted(&extra, 48),
                why = why.into()
            ))));
        }
        Ok(())
    }
}

/// How a hidden UDP server treats datagrams.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UdpBehaviour {
    Echo,
    /// Drop the first copy of every distinct datagram, echo the next ones: the client must
    /// retransmit.
    DropFirstCopy,
    /// Answer each datagram first from another port (with other bytes), then properly.
    StrangerFirst,
    /// Never answer.
    Silent,
}

/// What a hidden stranger sends: never something a correct client would print.
pub const STRANGER: &[u8] = b"a datagram from a stranger";

pub struct HiddenUdpServer {
    pub port: u16,
    shared: Shared,
    /// The socket again, to see what waits unread in it (`settle`).
    probe: UdpSocket,
}

/// What the hidden UDP server's thread shares with the test.
#[derive(Clone, Default)]
struct Shared {
    stop: Arc<AtomicBool>,
    received: Arc<AtomicUsize>,
    /// When each datagram came, as the kernel stamped it on arrival (SO_TIMESTAMPNS): a
    /// client's retry timer shows in the gaps, whatever its start, and whenever this server's
    /// thread got a CPU to read it.
    arrivals: Arc<std::sync::Mutex<Vec<Instant>>>,
    /// The server's thread (its id, once it runs), to see it asleep in its read (`settle`).
    reader: Arc<std::sync::atomic::AtomicI32>,
}

impl HiddenUdpServer {
    pub fn start(t: &Arc<Transcript>, behaviour: UdpBehaviour) -> Result<HiddenUdpServer, Failure> {
        let sock = loopback_udp()?;
        let stranger = loopback_udp()?;
        sock.set_read_timeout(Some(Duration::from_millis(50)))?;
        stamp::enable(&sock)?;
        let port = sock.local_addr()?.port();
        let shared = Shared::default();
        let probe = sock.try_clone()?;
        let (t, theirs) = (Arc::clone(t), shared.clone());
        std::thread::spawn(move || serve_datagrams(&sock, &stranger, behaviour, &t, &theirs));
        Ok(HiddenUdpServer {
            port,
            shared,
            probe,
        })
    }

    /// The time from the first datagram received to the last (their arrivals in the kernel).
    pub fn span(&self) -> Duration {
        let at = self
            .shared
            .arrivals
            .lock()
            .map(|a| a.clone())
            .unwrap_or_default();
        match (at.first(), at.last()) {
            (Some(first), Some(last)) => last.saturating_duration_since(*first),
            _ => Duration::ZERO,
        }
    }

    /// Datagrams received so far.
    pub fn received(&self) -> usize {
        self.shared.received.load(Ordering::SeqCst)
    }

    /// Wait, at most 1 s, until every datagram that came is counted: none waits unread in the
    /// socket and the server's thread sleeps in its read, at two looks 5 ms apart. Until then a
    /// thread starved of a CPU may not have taken the client's last try (after the client's
    /// exit, before the tries are counted).
    pub fn settle(&self) {
        let taken = || {
            let mut unread: libc::c_int = 0;
            // SAFETY: a valid socket; FIONREAD writes one int (the next datagram's size).
            let asked = unsafe { libc::ioctl(self.probe.as_raw_fd(), libc::FIONREAD, &mut unread) };
            let tid = self.shared.reader.load(Ordering::SeqCst);
            asked == 0 && unread == 0 && tid != 0 && thread_asleep(tid)
        };
        let until = Instant::now() + Duration::from_secs(1);
        while Instant::now() < until {
            if taken() && {
                std::thread::sleep(Duration::from_millis(5));
                taken()
            } {
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

/// The hidden UDP server's life: each datagram counted, stamped and answered as `behaviour`
/// says, until the test stops it.
fn serve_datagrams(
    sock: &UdpSocket,
    stranger: &UdpSocket,
    behaviour: UdpBehaviour,
    t: &Transcript,
    shared: &Shared,
) {
    shared
        .reader
        .store(nix::unistd::gettid().as_raw(), Ordering::SeqCst);
    let who = "hidden server";
    let mut seen: HashMap<Vec<u8>, usize> = HashMap::new();
    let mut buf = vec![0u8; 70_000];
    while !shared.stop.load(Ordering::Relaxed) {
        let Ok((n, Some(from), arrived)) = stamp::recv::<SockaddrIn>(sock, &mut buf) else {
            continue;
        };
        shared.received.fetch_add(1, Ordering::SeqCst);
        let from = SocketAddr::from(std::net::SocketAddrV4::from(from));
        if let Ok(mut at) = shared.arrivals.lock() {
            at.push(arrived);
        }
        let data = buf[..n].to_vec();
        t.received_datagram(who, &data, from.port());
        let copies = seen.entry(data.clone()).or_insert(0);
        *copies += 1;
        match behaviour {
            UdpBehaviour::Echo => {}
            UdpBehaviour::DropFirstCopy if *copies == 1 => {
                t.note(who, msg!("udp-dropped-on-purpose"));
                continue;
            }
            UdpBehaviour::DropFirstCopy => {}
            UdpBehaviour::StrangerFirst => {
                let _ = stranger.send_to(STRANGER, from);
                t.sent_datagram("stranger", STRANGER, from.port());
                // Let the stranger's datagram arrive first.
                std::thread::sleep(Duration::from_millis(20));
            }
            UdpBehaviour::Silent => continue,
        }
        let _ = sock.send_to(&data, from);
        t.sent_datagram(who, &data, from.port());
    }
}

/// Whether a thread of this process sleeps (state S in /proc/self/task/<tid>/stat).
fn thread_asleep(tid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/self/task/{tid}/stat"))
        .ok()
        .and_then(|stat| {
            stat.rsplit_once(')')?
                .1
                .split_whitespace()
                .next()
                .map(String::from)
        })
        .is_some_and(|state| state == "S")
}

impl Drop for HiddenUdpServer {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
    }
}
