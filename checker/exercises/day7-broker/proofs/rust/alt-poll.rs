//! Day 7 — an MQTT 3.1.1 broker: an alternative design, kept by the project's tests. ONE
//! thread serves every device with poll(2).
//!
//! The contract is the reference solution's (`solutions/day7-broker/src/bin/mqtt-broker.rs`),
//! and so are the codec and the topic matching (the library crate, `day7_broker`): only this
//! file differs. Section numbers in the comments are those of the OASIS standard.
//!
//! # Design
//!
//! The reference gives every connection a reader and a writer thread, and shares the broker's
//! state under one `Mutex`. Here one thread owns everything: the listener, every connection,
//! the sessions, the retained messages. It sleeps in `poll(2)` and, for each socket that can
//! make progress, does only what cannot block (every socket is non-blocking):
//!
//! * a readable connection: one `read(2)` appended to its **read buffer**, then every whole
//!   packet in the buffer decoded and acted on; a packet cut anywhere waits there for the rest;
//! * a writable connection: `send(2)` from its **outbox**, a byte queue of encoded packets,
//!   until the outbox is empty or the kernel answers EAGAIN.
//!
//! Routing a PUBLISH only *appends* to the subscribers' outboxes; the sends happen at the end
//! of the loop's turn. A subscriber that stops reading makes its `send` return EAGAIN: its bytes
//! wait in its outbox, and the loop asks poll for POLLOUT on it, never waiting for it. The
//! outbox is bounded (`OUTBOX_BYTES`, as the reference's): once full, QoS 0 messages for that
//! subscriber are dropped and QoS 1 messages wait in its session (at most `SESSION_QOS1`), to
//! be moved to the outbox as it drains. Replies (CONNACK, PUBACK, …) go past the bound; a
//! client that sends without reading them is not read either (no POLLIN) while its outbox
//! holds twice the bound.
//!
//! Time: no thread sleeps in `read` with a timeout here, so every connection carries a
//! deadline (its keep alive, the wait for its CONNECT, the last second of a refused one), and
//! poll's timeout is the nearest of them.
//!
//! Signals: the handler writes a byte into a pipe that poll watches (the self-pipe trick); a
//! flag alone could be set just before poll goes to sleep, and be seen only at the next event.
//!
//! What one thread buys: no lock, no lock order, no "is this still my connection?" (a
//! connection taken over is out of the table before any other line runs), and 1,000 devices
//! cost 1,000 descriptors and buffers, no thread (so no limit is raised here: the descriptors
//! are the process's to be given). What it costs: every step must be short and never block,
//! since one slow step (routing a message to 1,000 subscribers) delays everyone.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::io::Write;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, IntoRawFd, OwnedFd};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::{Duration, Instant};

use day7_broker::{Packet, ProtocolError, Will, decode, encode, matches};
use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::signal::{self, SaFlags, SigAction, SigHandler, SigSet, Signal};
use nix::sys::socket::{
    self, AddressFamily, Backlog, MsgFlags, Shutdown, SockFlag, SockType, SockaddrIn, sockopt,
};
use nix::unistd;

/// The outbox bound, per connection: deliveries are queued while it holds less than 1 MiB (so
/// one packet of the largest size, 256 KiB, always fits). A subscriber that stops reading
/// costs at most this, plus its session's QoS 1 messages.
const OUTBOX_BYTES: usize = 1 << 20;

/// A client whose outbox holds this much (replies it does not read) is not read any more
/// until it drains: its own sends then fill the kernel's buffers and block, in the client.
const READ_PAUSE: usize = 2 * OUTBOX_BYTES;

/// The QoS 1 messages a session holds, in flight (sent, not yet acknowledged) and waiting
/// (not yet sent: the client is offline or its outbox is full), together. Beyond it the
/// newest, the one arriving, is dropped: what is kept stays a gap-free prefix of what was
/// published, delivered in order.
const SESSION_QOS1: usize = 1_000;

/// A connection that has not sent its CONNECT after this long is closed (the standard asks
/// for one "within a reasonable amount of time"). A CONNECT trickling in is fine meanwhile.
const CONNECT_WAIT: Duration = Duration::from_secs(10);

/// A refused connection is closed once its CONNACK is sent, or after this long: a peer that
/// does not read is not waited for.
const REFUSED_LINGER: Duration = Duration::from_secs(1);

/// One `read` takes at most this much: a turn of the loop gives every connection its share.
const CHUNK: usize = 64 * 1024;

/// The write end of the self-pipe, for the signal handler (-1 until it exists).
static WAKE: AtomicI32 = AtomicI32::new(-1);

/// SIGINT and SIGTERM: one byte into the self-pipe, the loop does the rest. `write(2)` is
/// async-signal-safe, the pipe is non-blocking (a full pipe already says "stop"), and errno is
/// restored, since the handler may run between a call of the loop and its reading of errno.
extern "C" fn on_stop(_: nix::libc::c_int) {
    let saved = Errno::last_raw();
    let fd = WAKE.load(Ordering::Relaxed);
    if fd >= 0 {
        // SAFETY: the write end is never closed: it is leaked on purpose (see `serve`).
        let _ = unistd::write(unsafe { BorrowedFd::borrow_raw(fd) }, &[1]);
    }
    Errno::set_raw(saved);
}

fn main() -> ExitCode {
    let port = match std::env::args().skip(1).collect::<Vec<_>>().as_slice() {
        [port] => port.parse::<u16>().ok(),
        _ => None,
    };
    let Some(port) = port else {
        eprintln!("mqtt-broker: usage: mqtt-broker <port>   (0 lets the kernel choose)");
        return ExitCode::from(1);
    };
    match serve(port) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("mqtt-broker: {message}");
            ExitCode::FAILURE
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Connections and their outboxes
// ---------------------------------------------------------------------------------------------

/// A connection's key in `Broker::conns`: a number never used again, so a stale one (of a
/// connection closed earlier in the same turn) finds nothing instead of a stranger.
type Token = u64;

type Conns = HashMap<Token, Conn>;

/// Encoded packets waiting for `send`, back to back in one buffer: `buf[sent..]`.
#[derive(Default)]
struct Outbox {
    buf: Vec<u8>,
    sent: usize,
    /// A QoS 1 message waits in the session because the outbox was full: once `send` has
    /// made room, the session is asked for more.
    starved: bool,
}

impl Outbox {
    fn pending(&self) -> usize {
        self.buf.len() - self.sent
    }

    fn has_room(&self) -> bool {
        self.pending() < OUTBOX_BYTES
    }

    /// `send` took `n` bytes. The buffer is emptied when all is sent (and its memory given
    /// back after a burst), or compacted once the sent part is the larger half, so a busy
    /// outbox neither grows without end nor moves its bytes at every send.
    fn consumed(&mut self, n: usize) {
        self.sent += n;
        if self.sent == self.buf.len() {
            self.sent = 0;
            if self.buf.capacity() > 4 * CHUNK {
                self.buf = Vec::new();
            } else {
                self.buf.clear();
            }
        } else if self.sent > self.buf.len() / 2 {
            self.buf.drain(..self.sent);
            self.sent = 0;
        }
    }
}

/// One TCP connection: its socket, its buffers, and what its CONNECT said.
struct Conn {
    fd: OwnedFd,
    /// Bytes read and not yet decoded: at most the start of one packet between two turns
    /// (`decode` refuses one over `MAX_PACKET` from its fixed header).
    received: Vec<u8>,
    outbox: Outbox,
    /// The last `send` hit EAGAIN: nothing more is tried before poll reports POLLOUT.
    blocked: bool,
    /// Set by the CONNECT; the session is found by it.
    client_id: Option<String>,
    /// Published when the connection ends without DISCONNECT (3.1.2-8).
    will: Option<Will>,
    /// 1.5 × the keep alive (3.1.2-24); `None` for a keep alive of 0 (no limit).
    keep_alive: Option<Duration>,
    /// When the connection is closed if nothing comes: the keep alive, the wait for the
    /// CONNECT, or the linger of a refused one.
    deadline: Option<Instant>,
    /// A CONNACK refusing the connection is queued: read nothing more, close once it is sent.
    refused: bool,
}

impl Conn {
    fn new(fd: OwnedFd) -> Conn {
        Conn {
            fd,
            received: Vec::new(),
            outbox: Outbox::default(),
            blocked: false,
            client_id: None,
            will: None,
            keep_alive: None,
            deadline: Some(Instant::now() + CONNECT_WAIT),
            refused: false,
        }
    }

    /// Queue a packet whatever the bound: a reply to the client's own packet (never dropped:
    /// a client that does not read them is held back by `wants_read`), or a QoS 1 message
    /// `send_waiting` found room for.
    fn push(&mut self, packet: &Packet) {
        encode(packet, &mut self.outbox.buf);
    }

    /// Queue a QoS 0 delivery if the outbox has room; dropped otherwise.
    fn offer(&mut self, packet: &Packet) {
        if self.outbox.has_room() {
            self.push(packet);
        }
    }

    fn wants_read(&self) -> bool {
        !self.refused && self.outbox.pending() < READ_PAUSE
    }

    /// Send from the outbox until it is empty or the kernel takes no more (EAGAIN: `blocked`).
    /// An error means the peer has gone (EPIPE, ECONNRESET).
    fn send_some(&mut self) -> nix::Result<()> {
        while self.outbox.pending() > 0 {
            let data = &self.outbox.buf[self.outbox.sent..];
            // MSG_NOSIGNAL: a vanished peer is an EPIPE here, not a SIGPIPE for the broker.
            match socket::send(self.fd.as_raw_fd(), data, MsgFlags::MSG_NOSIGNAL) {
                Ok(n) => self.outbox.consumed(n),
                Err(Errno::EAGAIN) => {
                    self.blocked = true;
                    return Ok(());
                }
                Err(Errno::EINTR) => continue,
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Sessions
// ---------------------------------------------------------------------------------------------

struct Retained {
    qos: u8,
    payload: Arc<[u8]>,
}

#[derive(Default)]
struct Session {
    clean: bool,
    /// (topic filter, granted QoS), in the order subscribed.
    subscriptions: Vec<(String, u8)>,
    /// The connection serving the session now.
    live: Option<Token>,
    /// QoS 1 messages not yet sent, oldest first. Those sent once before (in flight when the
    /// connection ended) come first, with their packet identifier, and go again with DUP.
    waiting: VecDeque<Message>,
    /// QoS 1 messages sent and not yet acknowledged, in the order sent.
    in_flight: VecDeque<Message>,
    last_packet_id: u16,
}

/// A QoS 1 message held for a session; the payload is shared by every session it goes to.
struct Message {
    topic: Arc<str>,
    payload: Arc<[u8]>,
    /// Sent as a result of a new subscription (3.3.1-8).
    retain: bool,
    /// Given when first sent, and kept: a resend uses it again (4.4.0-1).
    packet_id: Option<u16>,
    /// Sent once already: sent again with DUP set (3.3.1-1).
    sent: bool,
}

impl Session {
    /// The connection leaves the session: messages in flight go back to the head of the
    /// waiting ones, to be sent again, DUP set, on the next connection (4.4.0-1).
    fn detach(&mut self) {
        while let Some(m) = self.in_flight.pop_back() {
            self.waiting.push_front(m);
        }
        self.live = None;
    }

    /// Deliver a message at `qos` (already the minimum of the publication's and the
    /// subscription's, 3.8.4).
    fn deliver(
        &mut self,
        conns: &mut Conns,
        topic: &Arc<str>,
        payload: &Arc<[u8]>,
        qos: u8,
        retain: bool,
    ) {
        if qos == 0 {
            // QoS 0 goes straight to the outbox, or nowhere: not when offline (3.1.2.4 leaves
            // keeping them optional), not when the outbox is full, and not past QoS 1
            // messages still waiting (they are older).
            if let Some(conn) = self.live.and_then(|t| conns.get_mut(&t))
                && self.waiting.is_empty()
            {
                conn.offer(&Packet::Publish {
                    dup: false,
                    qos: 0,
                    retain,
                    topic: topic.to_string(),
                    packet_id: None,
                    payload: payload.to_vec(),
                });
            }
            return;
        }
        if self.waiting.len() + self.in_flight.len() >= SESSION_QOS1 {
            return; // full: the newest is dropped (see SESSION_QOS1)
        }
        self.waiting.push_back(Message {
            topic: Arc::clone(topic),
            payload: Arc::clone(payload),
            retain,
            packet_id: None,
            sent: false,
        });
        self.send_waiting(conns);
    }

    /// Move waiting QoS 1 messages to the outbox while it has room, in order, each with a
    /// packet identifier; they are then in flight until their PUBACK. Full: the outbox is
    /// marked starved, and `Broker::flush` calls again once `send` has made room.
    fn send_waiting(&mut self, conns: &mut Conns) {
        let Some(conn) = self.live.and_then(|t| conns.get_mut(&t)) else {
            return;
        };
        while !self.waiting.is_empty() {
            if !conn.outbox.has_room() {
                conn.outbox.starved = true;
                return;
            }
            let Some(mut m) = self.waiting.pop_front() else {
                break;
            };
            let packet_id = match m.packet_id {
                Some(id) => id,
                None => self.new_packet_id(),
            };
            m.packet_id = Some(packet_id);
            conn.push(&Packet::Publish {
                dup: m.sent,
                qos: 1,
                retain: m.retain,
                topic: m.topic.to_string(),
                packet_id: Some(packet_id),
                payload: m.payload.to_vec(),
            });
            m.sent = true;
            self.in_flight.push_back(m);
        }
    }

    /// A packet identifier not used by a message held, never 0 (2.3.1-1, 2.3.1-4).
    fn new_packet_id(&mut self) -> u16 {
        loop {
            self.last_packet_id = self.last_packet_id.wrapping_add(1);
            let id = self.last_packet_id;
            if id != 0
                && !self.in_flight.iter().any(|m| m.packet_id == Some(id))
                && !self.waiting.iter().any(|m| m.packet_id == Some(id))
            {
                return id;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The broker: every connection and every session, owned by the loop's one thread
// ---------------------------------------------------------------------------------------------

#[derive(Default)]
struct Broker {
    conns: Conns,
    /// By client identifier. A clean-session client's session lives while it is connected; a
    /// clean session 0 one survives its disconnection (3.1.2.4).
    sessions: HashMap<String, Session>,
    /// The retained message of each topic (3.3.1.3).
    retained: BTreeMap<String, Retained>,
    next_token: Token,
    /// For the identifiers the broker assigns (3.1.3-6).
    assigned: u64,
}

/// How a connection ends.
#[derive(Clone, Copy)]
enum End<'a> {
    /// DISCONNECT (3.14): no will.
    Disconnect,
    /// The peer went (EOF, reset), broke the protocol, fell silent past its keep alive, or was
    /// taken over: the will, if any, is published.
    Closed(&'a str),
}

/// Whether the packets after this one may be read: `Stop` once the connection is closed, or
/// refused and closing.
enum Step {
    Go,
    Stop,
}

impl Broker {
    /// Accept every connection waiting. `Some(until)`: accepting failed (EMFILE and the like),
    /// and the listener is left out of poll until then, so that a full descriptor table does
    /// not spin the loop; the connection waiting is served once a descriptor is free.
    fn accept_all(&mut self, listener: &OwnedFd) -> Option<Instant> {
        loop {
            let flags = SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC;
            match socket::accept4(listener.as_raw_fd(), flags) {
                Ok(fd) => {
                    // SAFETY: accept4 just returned this descriptor and nothing else owns it.
                    let fd = unsafe { OwnedFd::from_raw_fd(fd) };
                    // Small packets, each a whole message: no Nagle delay.
                    let _ = socket::setsockopt(&fd, sockopt::TcpNoDelay, &true);
                    self.next_token += 1;
                    self.conns.insert(self.next_token, Conn::new(fd));
                }
                Err(Errno::EAGAIN) => return None,
                Err(Errno::EINTR | Errno::ECONNABORTED) => continue,
                Err(e) => {
                    eprintln!("mqtt-broker: accept: {e}");
                    return Some(Instant::now() + Duration::from_millis(50));
                }
            }
        }
    }

    /// The connection is readable (or hung up): one read, then every whole packet.
    fn read_from(&mut self, token: Token, chunk: &mut [u8]) {
        let Some(conn) = self.conns.get_mut(&token) else {
            return; // closed earlier in this turn
        };
        if conn.refused {
            // Only a hang-up or an error brings it here (it is not polled for input).
            self.end(token, End::Closed("refused"));
            return;
        }
        match unistd::read(&conn.fd, chunk) {
            Ok(0) => self.end(token, End::Closed("connection closed by the client")),
            Ok(n) => {
                conn.received.extend_from_slice(&chunk[..n]);
                self.process(token);
            }
            Err(Errno::EAGAIN | Errno::EINTR) => {}
            Err(e) => self.end(token, End::Closed(&format!("read: {e}"))),
        }
    }

    /// Every whole packet received so far. A read may have brought less than one (a byte at a
    /// time is a valid stream) or several.
    fn process(&mut self, token: Token) {
        let mut used = 0;
        loop {
            let Some(conn) = self.conns.get_mut(&token) else {
                return;
            };
            let connected = conn.client_id.is_some();
            match decode(&conn.received[used..]) {
                Ok(Some((packet, n))) => {
                    used += n;
                    if let Step::Stop = self.handle(token, packet) {
                        return;
                    }
                    // 3.1.2-24: the keep alive counts whole packets, of any type.
                    if let Some(conn) = self.conns.get_mut(&token) {
                        conn.deadline = conn.keep_alive.map(|k| Instant::now() + k);
                    }
                }
                Ok(None) => break,
                Err(ProtocolError::UnsupportedLevel(level)) if !connected => {
                    // 3.1.2-2: return code 1, then close.
                    self.refuse(token, 1, &format!("protocol level {level}"));
                    return;
                }
                Err(e) => {
                    self.end(token, End::Closed(&e.to_string()));
                    return;
                }
            }
        }
        if let Some(conn) = self.conns.get_mut(&token) {
            conn.received.drain(..used);
        }
    }

    /// Act on one packet.
    fn handle(&mut self, token: Token, packet: Packet) -> Step {
        let Some(client_id) = self.conns.get(&token).and_then(|c| c.client_id.clone()) else {
            // 3.1.0-1: the first packet must be a CONNECT.
            return match packet {
                Packet::Connect {
                    clean_session,
                    keep_alive,
                    client_id,
                    will,
                    ..
                } => self.connect(token, clean_session, keep_alive, client_id, will),
                _ => self.stop(token, End::Closed("first packet is not CONNECT")),
            };
        };
        let Broker {
            conns,
            sessions,
            retained,
            ..
        } = self;
        // A connection in the table with a client id is its session's live one: a takeover
        // removes the older from the table at once, before anything else runs.
        let (Some(conn), Some(session)) = (conns.get_mut(&token), sessions.get_mut(&client_id))
        else {
            return self.stop(token, End::Closed("no session"));
        };
        match packet {
            // 3.1.0-2: a second CONNECT is a protocol violation.
            Packet::Connect { .. } => self.stop(token, End::Closed("second CONNECT")),
            Packet::Publish {
                qos,
                retain,
                topic,
                packet_id,
                payload,
                ..
            } => {
                if qos == 2 {
                    return self.stop(token, End::Closed("PUBLISH at QoS 2, not supported"));
                }
                self.publish(&topic, &payload, qos, retain);
                if let Some(packet_id) = packet_id
                    && let Some(conn) = self.conns.get_mut(&token)
                {
                    // 3.3.4: QoS 1 is answered with PUBACK, once routed.
                    conn.push(&Packet::Puback { packet_id });
                }
                Step::Go
            }
            Packet::Puback { packet_id } => {
                // 4.3.2: acknowledged; the next waiting message may go.
                session.in_flight.retain(|m| m.packet_id != Some(packet_id));
                session.send_waiting(conns);
                Step::Go
            }
            Packet::Subscribe { packet_id, filters } => {
                // 3.8.4-3: a filter already subscribed is replaced; 3.9.3: the granted QoS is
                // at most 1, the broker's highest.
                let mut return_codes = Vec::with_capacity(filters.len());
                for (filter, requested) in &filters {
                    let granted = (*requested).min(1);
                    match session.subscriptions.iter_mut().find(|(f, _)| f == filter) {
                        Some(existing) => existing.1 = granted,
                        None => session.subscriptions.push((filter.clone(), granted)),
                    }
                    return_codes.push(granted);
                }
                // The SUBACK first, then the retained messages the new subscriptions match,
                // RETAIN set (3.3.1-6, 3.3.1-8): both in this one step, nothing in between.
                conn.push(&Packet::Suback {
                    packet_id,
                    return_codes: return_codes.clone(),
                });
                for ((filter, _), granted) in filters.iter().zip(return_codes) {
                    for (topic, r) in retained.iter() {
                        if matches(filter, topic) {
                            let topic: Arc<str> = Arc::from(topic.as_str());
                            let qos = r.qos.min(granted);
                            session.deliver(conns, &topic, &r.payload, qos, true);
                        }
                    }
                }
                Step::Go
            }
            Packet::Unsubscribe { packet_id, filters } => {
                // 3.10.4-1: filters compared character by character; 3.10.4-5: UNSUBACK even
                // when none matched.
                session.subscriptions.retain(|(f, _)| !filters.contains(f));
                conn.push(&Packet::Unsuback { packet_id });
                Step::Go
            }
            Packet::Pingreq => {
                conn.push(&Packet::Pingresp); // 3.12.4-1
                Step::Go
            }
            Packet::Disconnect => self.stop(token, End::Disconnect),
            Packet::Connack { .. }
            | Packet::Suback { .. }
            | Packet::Unsuback { .. }
            | Packet::Pingresp => self.stop(token, End::Closed("a server's packet from a client")),
        }
    }

    /// 3.1.4: the CONNECT.
    fn connect(
        &mut self,
        token: Token,
        clean: bool,
        keep_alive: u16,
        client_id: String,
        will: Option<Will>,
    ) -> Step {
        if client_id.is_empty() && !clean {
            // 3.1.3-8: no identifier and a session to keep: return code 2, then close.
            self.refuse(token, 2, "empty client id with clean session 0");
            return Step::Stop;
        }
        let client_id = if client_id.is_empty() {
            // 3.1.3-6: the broker assigns one, unique among the sessions.
            loop {
                self.assigned += 1;
                let id = format!("auto-{}", self.assigned);
                if !self.sessions.contains_key(&id) {
                    break id;
                }
            }
        } else {
            client_id
        };
        // 3.1.4-2: a client with this identifier already connected is disconnected, and its
        // will published, since it did not send DISCONNECT. Its session ends with it if it was
        // a clean one (3.1.2-6), even when the newer asks to resume: nothing to resume.
        if let Some(older) = self.sessions.get(&client_id).and_then(|s| s.live) {
            self.end(older, End::Closed("taken over by a newer connection"));
        }
        // 3.1.2-6: clean session 1 discards any previous session; 3.2.2-2, 3.2.2-3: session
        // present says whether one was resumed.
        if clean {
            self.sessions.remove(&client_id);
        }
        let session_present = self.sessions.contains_key(&client_id);
        let Broker {
            conns, sessions, ..
        } = self;
        let Some(conn) = conns.get_mut(&token) else {
            return Step::Stop;
        };
        // The CONNACK is the first packet in this connection's outbox (3.2.0-1), before any
        // delivery can reach the session.
        conn.push(&Packet::Connack {
            session_present,
            return_code: 0,
        });
        conn.client_id = Some(client_id.clone());
        conn.will = will;
        conn.keep_alive = match keep_alive {
            0 => None,
            k => Some(Duration::from_millis(u64::from(k) * 1500)),
        };
        let session = sessions.entry(client_id).or_default();
        session.clean = clean;
        session.live = Some(token);
        // A resumed session: messages left unacknowledged (DUP set) and those that arrived
        // while the client was away.
        session.send_waiting(conns);
        Step::Go
    }

    /// Queue a CONNACK refusing the connection; it closes once that is sent.
    fn refuse(&mut self, token: Token, return_code: u8, why: &str) {
        if let Some(conn) = self.conns.get_mut(&token) {
            eprintln!("mqtt-broker: refusing a connection: {why}");
            conn.push(&Packet::Connack {
                session_present: false,
                return_code,
            });
            conn.refused = true;
            conn.deadline = Some(Instant::now() + REFUSED_LINGER);
        }
    }

    /// Publish a message: keep or clear the topic's retained message, then deliver it to
    /// every matching subscription. Called for a client's PUBLISH and for a will.
    fn publish(&mut self, topic: &str, payload: &[u8], qos: u8, retain: bool) {
        let topic: Arc<str> = Arc::from(topic);
        let payload: Arc<[u8]> = Arc::from(payload);
        if retain {
            if payload.is_empty() {
                // 3.3.1-10, 3.3.1-11: an empty retained message clears the topic's, and is
                // itself not kept (it is still delivered, below).
                self.retained.remove(&*topic);
            } else {
                // 3.3.1-5: it replaces the topic's retained message.
                let retained = Retained {
                    qos,
                    payload: Arc::clone(&payload),
                };
                self.retained.insert(topic.to_string(), retained);
            }
        }
        for session in self.sessions.values_mut() {
            // One copy per client, however many of its subscriptions match, at the highest
            // QoS they were granted (3.3.5-1), and never above the publication's; RETAIN 0:
            // an established subscription (3.3.1-9).
            let granted = session
                .subscriptions
                .iter()
                .filter(|(filter, _)| matches(filter, &topic))
                .map(|&(_, granted)| granted)
                .max();
            if let Some(granted) = granted {
                session.deliver(&mut self.conns, &topic, &payload, qos.min(granted), false);
            }
        }
    }

    /// End a connection: close it, leave its session (ended if clean, 3.1.2-6), and publish
    /// its will unless it said DISCONNECT (3.1.2-8, 3.14.4-3).
    fn end(&mut self, token: Token, how: End<'_>) {
        let Some(conn) = self.conns.remove(&token) else {
            return;
        };
        // shutdown(2): the FIN goes now; the descriptor closes as `conn` goes below.
        let _ = socket::shutdown(conn.fd.as_raw_fd(), Shutdown::Both);
        if let Some(id) = &conn.client_id {
            if let End::Closed(why) = how {
                eprintln!("mqtt-broker: closing {id}: {why}");
            }
            if let Some(session) = self.sessions.get_mut(id)
                && session.live == Some(token)
            {
                session.detach();
                if session.clean {
                    self.sessions.remove(id);
                }
            }
        }
        if let (End::Closed(_), Some(will)) = (how, &conn.will) {
            // 3.1.2.5: at its QoS (2 taken as 1, the broker's highest) and retain flag.
            self.publish(&will.topic, &will.payload, will.qos.min(1), will.retain);
        }
    }

    /// `end`, for `handle`: no packet after this one.
    fn stop(&mut self, token: Token, how: End<'_>) -> Step {
        self.end(token, how);
        Step::Stop
    }

    /// Send what the connection's outbox holds, as far as the kernel takes it; as room is made,
    /// the session's waiting QoS 1 messages follow.
    fn flush(&mut self, token: Token) {
        loop {
            let Some(conn) = self.conns.get_mut(&token) else {
                return;
            };
            if let Err(e) = conn.send_some() {
                self.end(token, End::Closed(&format!("send: {e}")));
                return;
            }
            if !conn.outbox.starved || !conn.outbox.has_room() {
                return;
            }
            conn.outbox.starved = false;
            let blocked = conn.blocked;
            if let Some(id) = conn.client_id.clone()
                && let Some(session) = self.sessions.get_mut(&id)
            {
                session.send_waiting(&mut self.conns);
            }
            if blocked {
                return; // the refill is sent on the next POLLOUT
            }
        }
    }

    /// End of a turn: send to every connection with something queued and a socket not known
    /// to be full, then close the refused ones whose CONNACK is gone.
    fn flush_all(&mut self) {
        for token in self.tokens_where(|c| c.outbox.pending() > 0 && !c.blocked) {
            self.flush(token);
        }
        for token in self.tokens_where(|c| c.refused && c.outbox.pending() == 0) {
            self.end(token, End::Closed("refused")); // no session, no will: just closed
        }
    }

    /// The connections `pick` chooses, listed first: acting on one may close others.
    fn tokens_where(&self, pick: impl Fn(&Conn) -> bool) -> Vec<Token> {
        self.conns
            .iter()
            .filter(|(_, c)| pick(c))
            .map(|(&t, _)| t)
            .collect()
    }

    /// The nearest deadline, for poll's timeout.
    fn next_deadline(&self) -> Option<Instant> {
        self.conns.values().filter_map(|c| c.deadline).min()
    }

    /// Close every connection whose deadline has passed: silent past its keep alive (the
    /// will goes out), no CONNECT in time, or a refused one whose peer does not read.
    fn expire(&mut self, now: Instant) {
        for token in self.tokens_where(|c| c.deadline.is_some_and(|d| d <= now)) {
            // Logged only for a connected client: the keep alive is the one deadline it has.
            self.end(token, End::Closed("keep alive expired"));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The loop
// ---------------------------------------------------------------------------------------------

fn serve(port: u16) -> Result<(), String> {
    // The self-pipe, both ends non-blocking: the handler must never wait, nor the loop.
    let (wake_r, wake_w) =
        unistd::pipe2(OFlag::O_NONBLOCK | OFlag::O_CLOEXEC).map_err(|e| format!("pipe2: {e}"))?;
    // Leaked on purpose: a signal that comes while `serve` returns must not write to a
    // descriptor closed (or, worse, reused for something else).
    WAKE.store(wake_w.into_raw_fd(), Ordering::Relaxed);
    let stop = SigAction::new(
        SigHandler::Handler(on_stop),
        SaFlags::SA_RESTART,
        SigSet::empty(),
    );
    for sig in [Signal::SIGINT, Signal::SIGTERM] {
        // SAFETY: the handler only calls write(2) and touches errno, both async-signal-safe.
        unsafe { signal::sigaction(sig, &stop) }.map_err(|e| format!("sigaction({sig}): {e}"))?;
    }

    let listener = listen_on(port)?;
    let mut broker = Broker::default();
    let mut chunk = vec![0u8; CHUNK];
    // Set while accepting fails for want of descriptors.
    let mut accept_paused: Option<Instant> = None;
    loop {
        let now = Instant::now();
        if accept_paused.is_some_and(|until| until <= now) {
            accept_paused = None;
        }
        // Who waits for what: the pipe and the listener first, then every connection, with
        // `tokens` saying whose each entry is.
        let mut fds = Vec::with_capacity(broker.conns.len() + 2);
        let mut tokens = Vec::with_capacity(broker.conns.len());
        fds.push(PollFd::new(wake_r.as_fd(), PollFlags::POLLIN));
        let mut listening = PollFlags::empty();
        listening.set(PollFlags::POLLIN, accept_paused.is_none());
        fds.push(PollFd::new(listener.as_fd(), listening));
        for (&token, conn) in &broker.conns {
            let mut events = PollFlags::empty();
            events.set(PollFlags::POLLIN, conn.wants_read());
            events.set(PollFlags::POLLOUT, conn.outbox.pending() > 0);
            // Even with no event asked, poll reports POLLHUP and POLLERR: a refused or
            // held-back connection whose peer goes is still seen.
            fds.push(PollFd::new(conn.fd.as_fd(), events));
            tokens.push(token);
        }
        // The nearest deadline: the keep alives are kept by poll's timeout, rounded up to the
        // next millisecond so that the loop never wakes just before a deadline and spins.
        let wake_at = [broker.next_deadline(), accept_paused]
            .into_iter()
            .flatten()
            .min();
        let timeout = match wake_at {
            None => PollTimeout::NONE,
            Some(at) => {
                let ms = at
                    .saturating_duration_since(now)
                    .as_nanos()
                    .div_ceil(1_000_000);
                PollTimeout::try_from(ms).unwrap_or(PollTimeout::MAX)
            }
        };
        match poll(&mut fds, timeout) {
            Ok(_) | Err(Errno::EINTR) => {}
            Err(e) => return Err(format!("poll: {e}")),
        }
        let fired = |fd: &PollFd<'_>| fd.revents().filter(|r| !r.is_empty());
        let stop = fired(&fds[0]).is_some();
        let incoming = fired(&fds[1]).is_some();
        let ready: Vec<(Token, PollFlags)> = tokens
            .iter()
            .zip(&fds[2..])
            .filter_map(|(&token, fd)| fired(fd).map(|r| (token, r)))
            .collect();
        drop(fds);

        if stop {
            // Every client gets its FIN now; the descriptors, the listener's too, close as
            // `serve` returns. (Whether the wills of the devices still connected go out is
            // left open by the contract; like the reference, this broker does not send them.)
            for conn in broker.conns.values() {
                let _ = socket::shutdown(conn.fd.as_raw_fd(), Shutdown::Both);
            }
            return Ok(());
        }
        if incoming {
            accept_paused = broker.accept_all(&listener);
        }
        for (token, revents) in ready {
            if revents.contains(PollFlags::POLLOUT)
                && let Some(conn) = broker.conns.get_mut(&token)
            {
                conn.blocked = false; // sent below, in `flush_all`
            }
            let gone = PollFlags::POLLHUP | PollFlags::POLLERR | PollFlags::POLLNVAL;
            if revents.intersects(PollFlags::POLLIN | gone) {
                broker.read_from(token, &mut chunk);
            }
        }
        broker.flush_all();
        broker.expire(Instant::now());
    }
}

/// The listening socket on the wildcard address, non-blocking, and its line on stdout.
fn listen_on(port: u16) -> Result<OwnedFd, String> {
    let fd = socket::socket(
        AddressFamily::Inet,
        SockType::Stream,
        SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC,
        None,
    )
    .map_err(|e| format!("socket: {e}"))?;
    socket::setsockopt(&fd, sockopt::ReuseAddr, &true)
        .map_err(|e| format!("setsockopt(SO_REUSEADDR): {e}"))?;
    socket::bind(fd.as_raw_fd(), &SockaddrIn::new(0, 0, 0, 0, port))
        .map_err(|e| format!("bind to port {port}: {e}"))?;
    // 1,000 devices may connect at once: a long accept queue.
    socket::listen(
        &fd,
        Backlog::new(1024).map_err(|e| format!("backlog: {e}"))?,
    )
    .map_err(|e| format!("listen: {e}"))?;
    let local: SockaddrIn =
        socket::getsockname(fd.as_raw_fd()).map_err(|e| format!("getsockname: {e}"))?;
    println!("listening on {}:{}", local.ip(), local.port());
    std::io::stdout()
        .flush()
        .map_err(|e| format!("stdout: {e}"))?;
    Ok(fd)
}
