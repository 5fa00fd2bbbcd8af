//! Day 7 — an MQTT 3.1.1 broker (reference solution).
//!
//! `mqtt-broker <port>` prints `listening on 0.0.0.0:<port>` once it listens, then serves MQTT
//! 3.1.1 clients (OASIS standard; section numbers in the comments) in this subset: CONNECT,
//! PUBLISH at QoS 0 and 1, SUBSCRIBE and UNSUBSCRIBE with wildcards, retained messages, keep
//! alive, last will, and persistent sessions (clean session 0) kept in memory. SIGINT or
//! SIGTERM: every connection closed, exit 0.
//!
//! # Design
//!
//! Every connection has two threads:
//!
//! * its **reader** waits in `read(2)` (with a timeout: the keep alive), cuts the bytes into
//!   packets with `day7_broker::decode` and acts on each one;
//! * its **writer** drains the connection's **outbox**, a queue of encoded packets, into the
//!   socket with `send(2)`.
//!
//! A PUBLISH is routed by its publisher's reader: under the one `Mutex` of the broker's state
//! (sessions, subscriptions, retained messages) it *appends* a packet to each subscriber's
//! outbox and never writes to a socket. So a subscriber that stops reading stalls only its own
//! writer, in `send`; the publisher and every other subscriber go on. The outbox is bounded
//! (`OUTBOX_PACKETS`, `OUTBOX_BYTES`): once full, QoS 0 messages for that subscriber are
//! dropped, and QoS 1 messages wait in its session (at most `SESSION_QOS1`), to be moved to
//! the outbox as it drains.
//!
//! Lock order: the state, then an outbox; never the other way, and never a socket call under
//! the state's lock, which every reader needs.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::io::Write;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::process::ExitCode;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use day7_broker::{Packet, ProtocolError, Will, decode, encode, matches};
use nix::errno::Errno;
use nix::sys::resource::{self, Resource};
use nix::sys::signal::{SigSet, Signal};
use nix::sys::socket::{
    self, AddressFamily, Backlog, MsgFlags, Shutdown, SockFlag, SockType, SockaddrIn, sockopt,
};
use nix::sys::time::{TimeVal, TimeValLike};
use nix::unistd;

/// The outbox bound, per connection: 1,000 packets or 1 MiB of encoded packets, whichever
/// comes first (a packet is taken while the outbox holds less than 1 MiB, so one packet of the
/// largest size, 256 KiB, always fits). A subscriber that stops reading costs at most this,
/// plus its session's QoS 1 messages.
const OUTBOX_PACKETS: usize = 1_000;
const OUTBOX_BYTES: usize = 1 << 20;

/// The QoS 1 messages a session holds, in flight (sent, not yet acknowledged) and waiting
/// (not yet sent: the client is offline or its outbox is full), together. Beyond it, the
/// **newest** message, the one arriving, is dropped: what is kept stays a gap-free prefix of
/// what was published, delivered in order.
const SESSION_QOS1: usize = 1_000;

/// A connection that has not sent its CONNECT after this long is closed (the standard asks
/// for one "within a reasonable amount of time"). A CONNECT trickling in a byte at a time is
/// fine meanwhile.
const CONNECT_WAIT: Duration = Duration::from_secs(10);

/// Every thread's stack. Two threads a connection, 1,000 devices: 2,000 threads; they need
/// little stack (the read buffers are on the heap), so not the 2 MiB of address space that
/// `std::thread` reserves for each by default.
const THREAD_STACK: usize = 256 * 1024;

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

/// A lock that survives a panic elsewhere: the data under it is always left whole (nothing
/// panics halfway through an update), so a poisoned guard is taken as it is.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

// ---------------------------------------------------------------------------------------------
// Connections and their outboxes
// ---------------------------------------------------------------------------------------------

/// One TCP connection, shared by its reader, its writer, and the broker's state (which closes
/// it on a takeover or at shutdown). The socket closes when the last `Arc` goes.
struct Conn {
    /// A number for this connection alone: a session tells "still my connection?" by it.
    id: u64,
    fd: OwnedFd,
    /// The client identifier, set by the CONNECT (the writer needs it to find its session).
    client_id: OnceLock<String>,
    outbox: Mutex<Outbox>,
    /// Signalled at every change of the outbox: a packet in, a packet sent, closed.
    changed: Condvar,
    /// The will of a connection taken over, handed back to it by the newer one: a DISCONNECT
    /// may still wait unread in its socket, so its own reader publishes it, or not (3.14.4-3).
    will_taken_over: Mutex<Option<Will>>,
}

#[derive(Default)]
struct Outbox {
    /// Encoded packets, oldest first, not yet handed to `send`.
    queue: VecDeque<Vec<u8>>,
    /// Their bytes, together.
    bytes: usize,
    /// The writer is inside `send` with a packet taken off the queue.
    sending: bool,
    /// A QoS 1 message waits in the session because the outbox was full: the writer asks the
    /// session for more once there is room.
    starved: bool,
    /// Shut down: the writer stops.
    closed: bool,
}

impl Outbox {
    fn has_room(&self) -> bool {
        self.queue.len() < OUTBOX_PACKETS && self.bytes < OUTBOX_BYTES
    }
}

impl Conn {
    fn new(id: u64, fd: OwnedFd) -> Conn {
        Conn {
            id,
            fd,
            client_id: OnceLock::new(),
            outbox: Mutex::new(Outbox::default()),
            changed: Condvar::new(),
            will_taken_over: Mutex::new(None),
        }
    }

    /// Queue a delivery if the outbox has room; `false` (nothing queued) if it is full.
    fn offer(&self, packet: &Packet) -> bool {
        let mut outbox = lock(&self.outbox);
        if outbox.closed || !outbox.has_room() {
            return false;
        }
        Self::append(&mut outbox, packet);
        self.changed.notify_all();
        true
    }

    /// Queue a reply to the client's own packet (CONNACK, PUBACK, SUBACK, …), past the bound:
    /// a reply is never dropped. A client that sends without reading its replies is held back
    /// by its reader instead (`wait_for_room`).
    fn push(&self, packet: &Packet) {
        let mut outbox = lock(&self.outbox);
        if !outbox.closed {
            Self::append(&mut outbox, packet);
            self.changed.notify_all();
        }
    }

    fn append(outbox: &mut Outbox, packet: &Packet) {
        let mut bytes = Vec::new();
        encode(packet, &mut bytes);
        outbox.bytes += bytes.len();
        outbox.queue.push_back(bytes);
    }

    /// Queue the packet `make` builds if the outbox has room; else (nothing built) remember
    /// that the session holds QoS 1 messages the outbox could not take, for the writer to ask
    /// again once it has sent some. One lock for both: the writer cannot drain the outbox
    /// between "full" and "starved" and so miss the call back.
    fn offer_or_starve(&self, make: impl FnOnce() -> Packet) -> bool {
        let mut outbox = lock(&self.outbox);
        if outbox.closed || !outbox.has_room() {
            outbox.starved = true;
            return false;
        }
        Self::append(&mut outbox, &make());
        self.changed.notify_all();
        true
    }

    /// The reader's brake: wait while the outbox holds twice its bound (deliveries alone stop
    /// at the bound, so only replies the client does not read take it there), but never past
    /// the keep alive's `deadline` (3.1.2-24 holds for a client that stopped reading too):
    /// whether there is room now.
    fn wait_for_room(&self, deadline: Option<Instant>) -> bool {
        let mut outbox = lock(&self.outbox);
        while !outbox.closed
            && (outbox.queue.len() >= 2 * OUTBOX_PACKETS || outbox.bytes >= 2 * OUTBOX_BYTES)
        {
            outbox = match deadline.map(|d| d.checked_duration_since(Instant::now())) {
                None => self
                    .changed
                    .wait(outbox)
                    .unwrap_or_else(PoisonError::into_inner),
                Some(Some(left)) if !left.is_zero() => {
                    self.changed
                        .wait_timeout(outbox, left)
                        .unwrap_or_else(PoisonError::into_inner)
                        .0
                }
                Some(_) => return false,
            };
        }
        true
    }

    /// Close now: `shutdown(2)` both ways, so that the reader's `read` returns 0 and the
    /// writer's `send` fails at once, wherever they wait. The descriptor itself closes with
    /// the last `Arc`.
    fn shut_down(&self) {
        let _ = socket::shutdown(self.fd.as_raw_fd(), Shutdown::Both);
        lock(&self.outbox).closed = true;
        self.changed.notify_all();
    }

    fn is_shut_down(&self) -> bool {
        lock(&self.outbox).closed
    }

    /// Close once what is queued has been sent (at most 1 s: a peer that does not read is not
    /// waited for).
    fn flush_and_shut_down(&self) {
        let deadline = Instant::now() + Duration::from_secs(1);
        let mut outbox = lock(&self.outbox);
        while !outbox.closed && (!outbox.queue.is_empty() || outbox.sending) {
            let Some(left) = deadline.checked_duration_since(Instant::now()) else {
                break;
            };
            outbox = self
                .changed
                .wait_timeout(outbox, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        drop(outbox);
        self.shut_down();
    }
}

/// The writer thread: send the outbox's packets in order until the connection closes.
fn write_loop(broker: &Broker, conn: &Conn) {
    loop {
        let packet = {
            let mut outbox = lock(&conn.outbox);
            loop {
                if outbox.closed {
                    return;
                }
                if let Some(packet) = outbox.queue.pop_front() {
                    outbox.bytes -= packet.len();
                    outbox.sending = true;
                    break packet;
                }
                outbox = conn
                    .changed
                    .wait(outbox)
                    .unwrap_or_else(PoisonError::into_inner);
            }
        };
        // The one place a socket is written, with no lock held: a peer that does not read
        // blocks this thread here, and only this thread.
        let sent = send_all(&conn.fd, &packet);
        let refill = {
            let mut outbox = lock(&conn.outbox);
            outbox.sending = false;
            let refill = outbox.starved && outbox.has_room();
            if refill {
                outbox.starved = false;
            }
            conn.changed.notify_all();
            refill
        };
        if sent.is_err() {
            // The peer has gone (EPIPE, ECONNRESET): wake the reader, which ends the session.
            conn.shut_down();
            return;
        }
        if refill {
            broker.refill(conn);
        }
    }
}

/// `send` may take part of the data: go on from where it stopped.
fn send_all(fd: &OwnedFd, mut data: &[u8]) -> nix::Result<()> {
    while !data.is_empty() {
        // MSG_NOSIGNAL: a vanished peer is an EPIPE here, not a SIGPIPE for the whole broker.
        match socket::send(fd.as_raw_fd(), data, MsgFlags::MSG_NOSIGNAL) {
            Ok(n) => data = &data[n..],
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The broker's state: sessions, subscriptions, retained messages
// ---------------------------------------------------------------------------------------------

struct Broker {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// By client identifier. A clean-session client's session lives while it is connected; a
    /// clean session 0 one survives its disconnection (3.1.2.4).
    sessions: HashMap<String, Session>,
    /// The retained message of each topic (3.3.1.3).
    retained: BTreeMap<String, Retained>,
    /// Every open connection, CONNECT or not: closed at shutdown.
    conns: HashMap<u64, Arc<Conn>>,
    /// For the identifiers the broker assigns (3.1.3-6).
    assigned: u64,
}

struct Retained {
    qos: u8,
    payload: Arc<[u8]>,
}

#[derive(Default)]
struct Session {
    clean: bool,
    /// (topic filter, granted QoS), in the order subscribed.
    subscriptions: Vec<(String, u8)>,
    /// The connection serving the session now, and its will.
    live: Option<Live>,
    /// QoS 1 messages not yet sent, oldest first. Those sent once before (in flight when the
    /// connection ended) come first, with their packet identifier, and go again with DUP.
    waiting: VecDeque<Message>,
    /// QoS 1 messages sent and not yet acknowledged, in the order sent.
    in_flight: VecDeque<Message>,
    last_packet_id: u16,
}

struct Live {
    conn: Arc<Conn>,
    will: Option<Will>,
}

/// A QoS 1 message held for a session.
struct Message {
    topic: Arc<str>,
    payload: Arc<[u8]>,
    /// Sent as a result of a new subscription (3.3.1-8).
    retain: bool,
    /// Given when first handed to the outbox, and kept: a resend uses it again (4.4.0-1).
    packet_id: Option<u16>,
    /// Sent once already: sent again with DUP set (3.3.1-1).
    sent: bool,
}

impl Session {
    /// Is `conn` the connection serving this session now? (A reader whose connection was
    /// taken over may still be running for a moment.)
    fn is_served_by(&self, conn: &Conn) -> bool {
        self.live.as_ref().is_some_and(|l| l.conn.id == conn.id)
    }

    /// The connection leaves the session: messages in flight go back to the head of the
    /// waiting ones, to be sent again, DUP set, on the next connection (4.4.0-1).
    fn detach(&mut self) -> Option<Live> {
        while let Some(m) = self.in_flight.pop_back() {
            self.waiting.push_front(m);
        }
        self.live.take()
    }

    /// Deliver a message at `qos` (already the minimum of the publication's and the
    /// subscription's, 3.8.4).
    fn deliver(&mut self, topic: &Arc<str>, payload: &Arc<[u8]>, qos: u8, retain: bool) {
        if qos == 0 {
            // QoS 0 goes straight to the outbox, or nowhere: not when offline (the broker
            // keeps no QoS 0 messages, 3.1.2.4 leaves it optional), not when the outbox is full,
            // and not past QoS 1 messages still waiting (they are older).
            if let Some(live) = &self.live
                && self.waiting.is_empty()
            {
                live.conn.offer(&Packet::Publish {
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
        self.send_waiting();
    }

    /// Move waiting QoS 1 messages to the outbox while it has room, in order, each with a
    /// packet identifier; they are then in flight until their PUBACK.
    fn send_waiting(&mut self) {
        let Some(live) = &self.live else {
            return;
        };
        let conn = Arc::clone(&live.conn);
        while let Some(mut m) = self.waiting.pop_front() {
            let packet_id = match m.packet_id {
                Some(id) => id,
                None => self.new_packet_id(),
            };
            m.packet_id = Some(packet_id);
            let queued = conn.offer_or_starve(|| Packet::Publish {
                dup: m.sent,
                qos: 1,
                retain: m.retain,
                topic: m.topic.to_string(),
                packet_id: Some(packet_id),
                payload: m.payload.to_vec(),
            });
            if !queued {
                // Full: back at the head, until the writer calls `refill`.
                self.waiting.push_front(m);
                return;
            }
            m.sent = true;
            self.in_flight.push_back(m);
        }
    }

    /// A packet identifier not used by a message in flight, never 0 (2.3.1-1, 2.3.1-4).
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

impl State {
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
            // QoS they were granted (3.3.5-1; mosquitto does the same), and never above the
            // publication's; RETAIN 0: an established subscription (3.3.1-9).
            let granted = session
                .subscriptions
                .iter()
                .filter(|(filter, _)| matches(filter, &topic))
                .map(|&(_, granted)| granted)
                .max();
            if let Some(granted) = granted {
                session.deliver(&topic, &payload, qos.min(granted), false);
            }
        }
    }

    /// A connection ends, after a DISCONNECT (`disconnected`) or without one: leave its
    /// session, end the session if clean (3.1.2-6), publish the will unless DISCONNECT came
    /// (3.1.2-8, 3.14.4-3).
    fn connection_ended(&mut self, conn: &Conn, disconnected: bool) {
        self.conns.remove(&conn.id);
        let Some(client_id) = conn.client_id.get() else {
            return; // never connected: no session, no will
        };
        let will = match self.sessions.get_mut(client_id) {
            Some(session) if session.is_served_by(conn) => {
                let live = session.detach();
                if session.clean {
                    self.sessions.remove(client_id);
                }
                // After a DISCONNECT the will is gone already.
                live.and_then(|l| l.will)
            }
            // Taken over: the newer connection owns the session, and handed our will back.
            _ => lock(&conn.will_taken_over).take().filter(|_| !disconnected),
        };
        if let Some(will) = will {
            self.publish_will(&will);
        }
    }

    /// 3.1.2.5: the will, at its QoS (2 taken as 1, the broker's highest) and retain flag.
    fn publish_will(&mut self, will: &Will) {
        self.publish(&will.topic, &will.payload, will.qos.min(1), will.retain);
    }
}

impl Broker {
    /// The writer made room in a starved outbox: send the session's waiting messages.
    fn refill(&self, conn: &Conn) {
        let mut state = lock(&self.state);
        if let Some(client_id) = conn.client_id.get()
            && let Some(session) = state.sessions.get_mut(client_id)
            && session.is_served_by(conn)
        {
            session.send_waiting();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// A connection's reader
// ---------------------------------------------------------------------------------------------

/// How a connection's reading ends.
enum End {
    /// DISCONNECT (3.14): no will.
    Disconnect,
    /// EOF: the client closed its side without DISCONNECT. The will is published; the replies
    /// to what it sent before are still sent (it may half-close and read on, as `nc -N` does).
    Eof,
    /// The peer went (EOF, reset), broke the protocol, fell silent past its keep alive, or was
    /// taken over: the will, if any, is published.
    Closed(String),
    /// A CONNACK refusing the connection was queued: send it, then close.
    Refused(String),
}

/// What the reader keeps of its connection between packets.
struct Reader<'a> {
    broker: &'a Broker,
    conn: &'a Arc<Conn>,
    /// Set by the CONNECT.
    client_id: Option<String>,
    /// 1.5 × the keep alive (3.1.2-24); `None` for a keep alive of 0 (no limit).
    keep_alive: Option<Duration>,
}

/// The reader thread: read, decode, act, until the connection ends; then leave the session,
/// publish the will unless DISCONNECT came, and close.
fn serve_connection(broker: &Broker, conn: &Arc<Conn>) {
    let mut reader = Reader {
        broker,
        conn,
        client_id: None,
        keep_alive: None,
    };
    let end = reader.read_loop();
    lock(&broker.state).connection_ended(conn, matches!(end, End::Disconnect));
    match end {
        // Every packet read before is answered: its reply is in the outbox, sent before the
        // close.
        End::Disconnect => conn.flush_and_shut_down(),
        End::Eof => {
            if let Some(id) = &reader.client_id {
                let why = if conn.is_shut_down() {
                    "taken over, or the client stopped taking data"
                } else {
                    "connection closed by the client"
                };
                eprintln!("mqtt-broker: closing {id}: {why}");
            }
            conn.flush_and_shut_down();
        }
        End::Closed(why) => {
            if let Some(id) = &reader.client_id {
                // Shut down before the read failed: by a takeover, or by the writer.
                let why = if conn.is_shut_down() {
                    "taken over, or the client stopped taking data".to_string()
                } else {
                    why
                };
                eprintln!("mqtt-broker: closing {id}: {why}");
            }
            conn.shut_down();
        }
        End::Refused(why) => {
            eprintln!("mqtt-broker: refusing a connection: {why}");
            conn.flush_and_shut_down();
        }
    }
}

impl Reader<'_> {
    fn read_loop(&mut self) -> End {
        let mut received: Vec<u8> = Vec::new();
        let mut chunk = vec![0u8; 16 * 1024];
        let mut deadline = Some(Instant::now() + CONNECT_WAIT);
        loop {
            // Every whole packet received so far. A read may have brought less than one (a
            // byte at a time is a valid stream) or several.
            let mut used = 0;
            loop {
                match decode(&received[used..]) {
                    Ok(Some((packet, n))) => {
                        used += n;
                        if let Some(end) = self.handle(packet) {
                            return end;
                        }
                        // 3.1.2-24: the keep alive counts whole packets, of any type.
                        deadline = self.keep_alive.map(|k| Instant::now() + k);
                    }
                    Ok(None) => break,
                    Err(ProtocolError::UnsupportedLevel(level)) if self.client_id.is_none() => {
                        // 3.1.2-2: return code 1, then close.
                        self.conn.push(&Packet::Connack {
                            session_present: false,
                            return_code: 1,
                        });
                        return End::Refused(format!("protocol level {level}"));
                    }
                    Err(e) => return End::Closed(e.to_string()),
                }
            }
            received.drain(..used);
            // A client that does not read its replies is not read either, until its keep alive
            // runs out.
            if !self.conn.wait_for_room(deadline) {
                return End::Closed("keep alive expired".into());
            }

            // The keep alive as a read timeout: SO_RCVTIMEO set to what is left of it.
            let timeout = match deadline {
                None => TimeVal::zero(), // 0: no timeout
                Some(deadline) => match deadline.checked_duration_since(Instant::now()) {
                    Some(left) if !left.is_zero() => {
                        TimeVal::microseconds(left.as_micros().max(1) as i64)
                    }
                    _ => return End::Closed("keep alive expired".into()),
                },
            };
            if let Err(e) = socket::setsockopt(&self.conn.fd, sockopt::ReceiveTimeout, &timeout) {
                return End::Closed(format!("setsockopt(SO_RCVTIMEO): {e}"));
            }
            match unistd::read(&self.conn.fd, &mut chunk) {
                Ok(0) => return End::Eof,
                Ok(n) => received.extend_from_slice(&chunk[..n]),
                // The timeout: the deadline is checked above.
                Err(Errno::EAGAIN | Errno::EINTR) => continue,
                Err(e) => return End::Closed(format!("read: {e}")),
            }
        }
    }

    /// Act on one packet; `Some` ends the connection.
    fn handle(&mut self, packet: Packet) -> Option<End> {
        let Some(client_id) = self.client_id.clone() else {
            // 3.1.0-1: the first packet must be a CONNECT.
            return match packet {
                Packet::Connect {
                    clean_session,
                    keep_alive,
                    client_id,
                    will,
                    ..
                } => self.connect(clean_session, keep_alive, client_id, will),
                _ => Some(End::Closed("first packet is not CONNECT".into())),
            };
        };
        let mut state = lock(&self.broker.state);
        if !state
            .sessions
            .get(&client_id)
            .is_some_and(|s| s.is_served_by(self.conn))
        {
            // Taken over: the socket, shut down, gives what the client sent before, then EOF.
            // A DISCONNECT among it discards the will (3.14.4-3); the rest is the newer
            // connection's business now.
            return match packet {
                Packet::Disconnect => Some(End::Disconnect),
                _ => None,
            };
        }
        match packet {
            // 3.1.0-2: a second CONNECT is a protocol violation.
            Packet::Connect { .. } => Some(End::Closed("second CONNECT".into())),
            Packet::Publish {
                qos,
                retain,
                topic,
                packet_id,
                payload,
                ..
            } => {
                if qos == 2 {
                    return Some(End::Closed("PUBLISH at QoS 2, not supported".into()));
                }
                state.publish(&topic, &payload, qos, retain);
                if let Some(packet_id) = packet_id {
                    // 3.3.4: QoS 1 is answered with PUBACK, once routed.
                    self.conn.push(&Packet::Puback { packet_id });
                }
                None
            }
            Packet::Connack { .. }
            | Packet::Suback { .. }
            | Packet::Unsuback { .. }
            | Packet::Pingresp => Some(End::Closed("a server's packet from a client".into())),
            other => {
                let State {
                    sessions, retained, ..
                } = &mut *state;
                let session = sessions.get_mut(&client_id)?; // checked above: it is there
                self.session_packet(session, retained, other)
            }
        }
    }

    /// The packets that act on the client's own session.
    fn session_packet(
        &self,
        session: &mut Session,
        retained: &BTreeMap<String, Retained>,
        packet: Packet,
    ) -> Option<End> {
        match packet {
            Packet::Puback { packet_id } => {
                // 4.3.2: acknowledged; the next waiting message may go.
                session.in_flight.retain(|m| m.packet_id != Some(packet_id));
                session.send_waiting();
                None
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
                // The SUBACK first (under the lock: no delivery for the new subscription can
                // overtake it), then the retained messages the new subscriptions match, RETAIN
                // set (3.3.1-6, 3.3.1-8).
                self.conn.push(&Packet::Suback {
                    packet_id,
                    return_codes: return_codes.clone(),
                });
                for ((filter, _), granted) in filters.iter().zip(return_codes) {
                    for (topic, r) in retained.iter() {
                        if matches(filter, topic) {
                            let topic: Arc<str> = Arc::from(topic.as_str());
                            session.deliver(&topic, &r.payload, r.qos.min(granted), true);
                        }
                    }
                }
                None
            }
            Packet::Unsubscribe { packet_id, filters } => {
                // 3.10.4-1: filters compared character by character; 3.10.4-5: UNSUBACK even
                // when none matched.
                session.subscriptions.retain(|(f, _)| !filters.contains(f));
                self.conn.push(&Packet::Unsuback { packet_id });
                None
            }
            Packet::Pingreq => {
                self.conn.push(&Packet::Pingresp); // 3.12.4-1
                None
            }
            Packet::Disconnect => {
                // 3.14.4-3: the will is discarded.
                if let Some(live) = &mut session.live {
                    live.will = None;
                }
                Some(End::Disconnect)
            }
            _ => None, // the others are handled in `handle`
        }
    }

    /// 3.1.4: the CONNECT.
    fn connect(
        &mut self,
        clean: bool,
        keep_alive: u16,
        client_id: String,
        will: Option<Will>,
    ) -> Option<End> {
        if client_id.is_empty() && !clean {
            // 3.1.3-8: no identifier and a session to keep: return code 2, then close.
            self.conn.push(&Packet::Connack {
                session_present: false,
                return_code: 2,
            });
            return Some(End::Refused("empty client id with clean session 0".into()));
        }
        let mut state = lock(&self.broker.state);
        let client_id = if client_id.is_empty() {
            // 3.1.3-6: the broker assigns one, unique among the sessions.
            loop {
                state.assigned += 1;
                let id = format!("auto-{}", state.assigned);
                if !state.sessions.contains_key(&id) {
                    break id;
                }
            }
        } else {
            client_id
        };
        // 3.1.4-2: a client with this identifier already connected is disconnected, and its
        // will published if it did not send DISCONNECT. Its reader knows: a DISCONNECT sent just
        // before this CONNECT may still wait in its socket, so the will goes back to it, to
        // publish once it has read up to the EOF the shutdown gives it (3.14.4-3).
        // The older connection's session ends with it if it was a clean one (3.1.2-6), even
        // when the newer asks to resume: there is nothing to resume.
        let older = state
            .sessions
            .get_mut(&client_id)
            .and_then(|s| s.detach().map(|live| (live, s.clean)));
        if let Some((older, was_clean)) = older {
            *lock(&older.conn.will_taken_over) = older.will;
            older.conn.shut_down();
            if was_clean {
                state.sessions.remove(&client_id);
            }
        }
        // 3.1.2-6: clean session 1 discards any previous session; 3.2.2-2, 3.2.2-3: session
        // present says whether one was resumed.
        if clean {
            state.sessions.remove(&client_id);
        }
        let session_present = state.sessions.contains_key(&client_id);
        let session = state.sessions.entry(client_id.clone()).or_default();
        session.clean = clean;
        // The CONNACK is the first packet in this connection's outbox (3.2.0-1), queued under
        // the lock before any delivery can reach the session.
        self.conn.push(&Packet::Connack {
            session_present,
            return_code: 0,
        });
        session.live = Some(Live {
            conn: Arc::clone(self.conn),
            will,
        });
        // A resumed session: messages left unacknowledged (DUP set) and those that arrived
        // while the client was away.
        // Named before the lock goes: the writer may drain the outbox and ask for the session's
        // waiting messages by this name at once.
        let _ = self.conn.client_id.set(client_id.clone());
        session.send_waiting();
        drop(state);
        self.client_id = Some(client_id);
        self.keep_alive = match keep_alive {
            0 => None,
            k => Some(Duration::from_millis(u64::from(k) * 1500)),
        };
        None
    }
}

// ---------------------------------------------------------------------------------------------
// Listening, accepting, and stopping
// ---------------------------------------------------------------------------------------------

fn serve(port: u16) -> Result<(), String> {
    // SIGINT and SIGTERM blocked in this thread before any other starts: every thread
    // inherits the mask, and only the signal thread takes them, with sigwait(2).
    let mut stop = SigSet::empty();
    stop.add(Signal::SIGINT);
    stop.add(Signal::SIGTERM);
    stop.thread_block()
        .map_err(|e| format!("pthread_sigmask: {e}"))?;
    raise_fd_limit();

    let listener = listen_on(port)?;
    let broker = Arc::new(Broker {
        state: Mutex::new(State::default()),
    });

    let shared = Arc::clone(&broker);
    std::thread::Builder::new()
        .name("signals".into())
        .stack_size(THREAD_STACK)
        .spawn(move || {
            if stop.wait().is_ok() {
                // Stop accepting and close every connection: shutdown(2) sends each client
                // its FIN now; exit closes the descriptors, the listener's included.
                for conn in lock(&shared.state).conns.values() {
                    let _ = socket::shutdown(conn.fd.as_raw_fd(), Shutdown::Both);
                }
                std::process::exit(0);
            }
        })
        .map_err(|e| format!("spawning the signal thread: {e}"))?;

    for id in 0u64.. {
        let fd = match socket::accept(listener.as_raw_fd()) {
            // SAFETY: accept just returned this descriptor and nothing else owns it.
            Ok(fd) => unsafe { OwnedFd::from_raw_fd(fd) },
            Err(Errno::EINTR | Errno::ECONNABORTED) => continue,
            Err(e) => {
                // EMFILE and the like: this client is lost, the others go on; a pause, so
                // that a full descriptor table does not spin this loop.
                eprintln!("mqtt-broker: accept: {e}");
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
        };
        // Small packets, each a whole message: no Nagle delay.
        let _ = socket::setsockopt(&fd, sockopt::TcpNoDelay, &true);
        let conn = Arc::new(Conn::new(id, fd));
        lock(&broker.state).conns.insert(id, Arc::clone(&conn));
        if let Err(e) = spawn_pair(&broker, &conn) {
            eprintln!("mqtt-broker: a connection dropped: {e}");
            conn.shut_down();
            lock(&broker.state).conns.remove(&id);
        }
    }
    Ok(())
}

/// A connection's writer and reader threads.
fn spawn_pair(broker: &Arc<Broker>, conn: &Arc<Conn>) -> std::io::Result<()> {
    let (b, c) = (Arc::clone(broker), Arc::clone(conn));
    std::thread::Builder::new()
        .name(format!("writer-{}", conn.id))
        .stack_size(THREAD_STACK)
        .spawn(move || write_loop(&b, &c))?;
    let (b, c) = (Arc::clone(broker), Arc::clone(conn));
    std::thread::Builder::new()
        .name(format!("reader-{}", conn.id))
        .stack_size(THREAD_STACK)
        .spawn(move || serve_connection(&b, &c))?;
    Ok(())
}

/// 1,000 devices need over 1,000 descriptors: the soft limit is raised to the hard one.
fn raise_fd_limit() {
    if let Ok((soft, hard)) = resource::getrlimit(Resource::RLIMIT_NOFILE)
        && soft < hard
    {
        let _ = resource::setrlimit(Resource::RLIMIT_NOFILE, hard, hard);
    }
}

/// The listening socket on the wildcard address, and its line on stdout.
fn listen_on(port: u16) -> Result<OwnedFd, String> {
    let fd = socket::socket(
        AddressFamily::Inet,
        SockType::Stream,
        SockFlag::SOCK_CLOEXEC,
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
