//! Day 7 — an MQTT 3.1.1 broker: an alternative design, kept by the project's tests. Tasks on
//! tokio, day 6's "fourth way".
//!
//! The contract is the reference solution's (`solutions/day7-broker/src/bin/mqtt-broker.rs`),
//! and so are the codec and the topic matching (the library crate, `day7_broker`): only this
//! file differs. Section numbers in the comments are those of the OASIS standard.
//!
//! # Design
//!
//! The reference gives every connection two OS threads, a reader and a writer, that block in
//! `read(2)` and `send(2)`; the poll alternative (`alt-poll.rs`) serves every connection from
//! one thread that never blocks. Here every connection has two **tasks** on a multi-threaded
//! tokio runtime, shaped like the reference's threads:
//!
//! * its **reader** awaits the socket's read half, cuts the bytes into packets with
//!   `day7_broker::decode` and acts on each one;
//! * its **writer** awaits the connection's **outbox**, a buffer of encoded packets, and writes
//!   it into the socket's write half.
//!
//! What stays: the broker's state (sessions, subscriptions, retained messages) under one
//! `std::sync::Mutex`; routing a PUBLISH only *appends* to the subscribers' outboxes; the
//! outbox is bounded (`OUTBOX_BYTES`): once full, QoS 0 messages for that subscriber are
//! dropped and QoS 1 messages wait in its session (at most `SESSION_QOS1`), to be moved to the
//! outbox as the writer drains it. A subscriber that stops reading stalls only its own writer,
//! in an `.await` that holds no thread.
//!
//! What changes, and why:
//!
//! * **A task is not a thread.** A parked task is a small heap object, not a stack: 1,000
//!   devices cost 2,000 tasks on the runtime's worker threads (one per core), and no stack
//!   size is chosen, no thread limit approached.
//!   The price: a task must never block its worker, so the state's lock is held only for
//!   short synchronous steps, never across an `.await` (the compiler helps: a `std` guard is not
//!   `Send`, so a spawned task that held one across an `.await` would not compile). That is why
//!   the lock is `std`'s and not tokio's: tokio's `Mutex` is for locks held across an `.await`.
//! * **Waking.** The reference's `Condvar` becomes two `tokio::sync::Notify`, one per waiter
//!   (the writer, the reader). `notify_one` stores a permit when no one waits, so a wake that
//!   comes between "look at the outbox" and "await" is not lost: the await returns at once.
//! * **Time.** No `SO_RCVTIMEO`: the reader `select!`s between the socket, its wake-up and a
//!   `tokio::time::sleep_until` of its keep-alive deadline.
//! * **Closing.** No `shutdown(2)` from another thread to break a blocking call: the reader
//!   owns the connection's end. A takeover (or a writer whose peer has gone) marks the outbox
//!   closed and wakes the reader; the reader then aborts its writer, wherever it is stuck, and
//!   the socket closes as its two halves are dropped (the write half's drop sends the FIN).
//! * **Signals.** `tokio::signal` instead of a `sigwait` thread: the accept loop `select!`s on
//!   SIGINT and SIGTERM too; the runtime's shutdown then drops every task, and every socket
//!   with it.
//!
//! Lock order, as in the reference: the state, then an outbox; never the other way.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::os::fd::AsRawFd;
use std::process::ExitCode;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::Duration;

use day7_broker::{Packet, ProtocolError, Will, decode, encode, matches};
use nix::sys::resource::{self, Resource};
use nix::sys::socket::MsgFlags;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::Notify;
use tokio::time::{Instant, sleep_until};

/// The outbox bound, per connection: deliveries are queued while it holds less than 1 MiB (so
/// one packet of the largest size, 256 KiB, always fits). A subscriber that stops reading
/// costs at most this, plus its session's QoS 1 messages.
const OUTBOX_BYTES: usize = 1 << 20;

/// A client whose outbox holds this much (replies it does not read: deliveries alone stop at
/// `OUTBOX_BYTES`) is not read any more until it drains: its own sends then fill the kernel's
/// buffers and wait, in the client.
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

/// One read takes at most this much.
const CHUNK: usize = 16 * 1024;

/// A writer keeps its spare buffer between batches (no allocation per batch), unless a burst
/// grew it past this: an idle connection does not hold a burst's memory.
const SPARE_KEPT: usize = 64 * 1024;

fn main() -> ExitCode {
    let port = match std::env::args().skip(1).collect::<Vec<_>>().as_slice() {
        [port] => port.parse::<u16>().ok(),
        _ => None,
    };
    let Some(port) = port else {
        eprintln!("mqtt-broker: usage: mqtt-broker <port>   (0 lets the kernel choose)");
        return ExitCode::from(1);
    };
    raise_fd_limit();
    // Built by hand rather than with `#[tokio::main]`, for the bounded shutdown below.
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("mqtt-broker: the tokio runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(serve(port));
    // Every task still running is dropped here, and with it its connection's socket: this is
    // what closes every connection after SIGINT or SIGTERM. No task blocks, so this is quick;
    // the bound keeps the exit within the contract's 2 s whatever happens.
    runtime.shutdown_timeout(Duration::from_millis(500));
    match result {
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

/// What a connection's two tasks and the broker's state share. The socket is not here: its
/// halves belong to the tasks, and close when both tasks have dropped them.
struct Conn {
    /// A number for this connection alone: a session tells "still my connection?" by it.
    id: u64,
    /// The client identifier, set by the CONNECT (the writer needs it to find its session).
    client_id: OnceLock<String>,
    outbox: Mutex<Outbox>,
    /// For the writer: packets queued, or the end.
    wake_writer: Notify,
    /// For the reader: room in the outbox again, or the connection closed by someone else.
    wake_reader: Notify,
    /// The will of a connection taken over, handed back to it by the newer one: a DISCONNECT
    /// may still wait unread in its socket, so its own reader publishes it, or not (3.14.4-3).
    will_taken_over: Mutex<Option<Will>>,
}

/// Encoded packets waiting for the writer, and what the writer is doing with them.
#[derive(Default)]
struct Outbox {
    /// Packets back to back, oldest first, not yet taken by the writer.
    buf: Vec<u8>,
    /// Bytes the writer has taken and not yet written. Counted with `buf`: a writer stuck in a
    /// write to a peer that does not read still takes up its outbox's room.
    writing: usize,
    /// A QoS 1 message waits in the session because the outbox was full: the writer asks the
    /// session for more once there is room.
    starved: bool,
    /// The writer sends what is queued, then stops (a refused connection's CONNACK).
    finishing: bool,
    /// Closed: nothing more is queued, the writer stops, the reader ends the connection.
    closed: bool,
}

impl Outbox {
    fn pending(&self) -> usize {
        self.buf.len() + self.writing
    }

    fn has_room(&self) -> bool {
        self.pending() < OUTBOX_BYTES
    }
}

/// What the writer does next.
enum Next {
    /// Write the batch it was just handed.
    Write,
    /// Nothing queued: await a wake.
    Wait,
    /// The end: return, dropping the socket's write half.
    Stop,
}

impl Conn {
    fn new(id: u64) -> Conn {
        Conn {
            id,
            client_id: OnceLock::new(),
            outbox: Mutex::new(Outbox::default()),
            wake_writer: Notify::new(),
            wake_reader: Notify::new(),
            will_taken_over: Mutex::new(None),
        }
    }

    /// Queue a QoS 0 delivery if the outbox has room; dropped otherwise.
    fn offer(&self, packet: &Packet) {
        let mut outbox = lock(&self.outbox);
        if !outbox.closed && outbox.has_room() {
            self.append(&mut outbox, packet);
        }
    }

    /// Queue a reply to the client's own packet (CONNACK, PUBACK, SUBACK, …) past the bound: a
    /// reply is never dropped. A client that sends without reading its replies is held back by
    /// its reader instead (`READ_PAUSE`).
    fn push(&self, packet: &Packet) {
        let mut outbox = lock(&self.outbox);
        if !outbox.closed {
            self.append(&mut outbox, packet);
        }
    }

    /// Encoded straight into the outbox: `encode` appends.
    fn append(&self, outbox: &mut Outbox, packet: &Packet) {
        encode(packet, &mut outbox.buf);
        self.wake_writer.notify_one();
    }

    /// Queue the packet `make` builds if the outbox has room; else (nothing built) remember
    /// that the session holds QoS 1 messages the outbox could not take, for the writer to ask
    /// again once it has written some. One lock for both: the writer cannot drain the outbox
    /// between "full" and "starved" and so miss the call back.
    fn offer_or_starve(&self, make: impl FnOnce() -> Packet) -> bool {
        let mut outbox = lock(&self.outbox);
        if outbox.closed || !outbox.has_room() {
            outbox.starved = true;
            return false;
        }
        self.append(&mut outbox, &make());
        true
    }

    /// Close now: nothing more is queued; the writer stops at its next look, and the reader,
    /// woken, ends the connection (and aborts the writer if it is stuck in a write).
    fn close(&self) {
        lock(&self.outbox).closed = true;
        self.wake_writer.notify_one();
        self.wake_reader.notify_one();
    }

    fn is_closed(&self) -> bool {
        lock(&self.outbox).closed
    }

    /// Close once what is queued has been written.
    fn finish(&self) {
        lock(&self.outbox).finishing = true;
        self.wake_writer.notify_one();
    }

    /// The reader's brake: the client has left this much of its replies unread.
    fn read_paused(&self) -> bool {
        lock(&self.outbox).pending() >= READ_PAUSE
    }

    /// The writer's next step: the queued bytes are swapped into `batch` (an empty buffer,
    /// whose capacity the outbox takes over: two buffers, no allocation per batch).
    fn next_batch(&self, batch: &mut Vec<u8>) -> Next {
        let mut outbox = lock(&self.outbox);
        if outbox.closed {
            Next::Stop
        } else if outbox.buf.is_empty() {
            if outbox.finishing {
                Next::Stop
            } else {
                Next::Wait
            }
        } else {
            std::mem::swap(&mut outbox.buf, batch);
            outbox.writing = batch.len();
            Next::Write
        }
    }

    /// The writer wrote `n` bytes of its batch: room is made. Wakes a reader held back by its
    /// brake, and says whether the session's waiting QoS 1 messages may now come.
    fn wrote(&self, n: usize) -> bool {
        let mut outbox = lock(&self.outbox);
        let before = outbox.pending();
        outbox.writing -= n;
        if before >= READ_PAUSE && outbox.pending() < READ_PAUSE {
            self.wake_reader.notify_one();
        }
        let refill = outbox.starved && outbox.has_room();
        if refill {
            outbox.starved = false;
        }
        refill
    }
}

/// The writer task: write the outbox's packets in order until the connection closes.
async fn write_loop(broker: Arc<Broker>, conn: Arc<Conn>, mut socket: OwnedWriteHalf) {
    let mut batch = Vec::new();
    loop {
        match conn.next_batch(&mut batch) {
            Next::Write => {}
            Next::Wait => {
                conn.wake_writer.notified().await;
                continue;
            }
            Next::Stop => return,
        }
        let mut written = 0;
        while written < batch.len() {
            // The one place a socket is written, with no lock held: a peer that does not read
            // parks this task here, and only this task.
            match socket.write(&batch[written..]).await {
                Ok(n) if n > 0 => {
                    written += n;
                    // Room is made at every write, not once the batch is done: a slow reader
                    // gets its QoS 0 messages as soon as there is room for them.
                    if conn.wrote(n) {
                        broker.refill(&conn);
                    }
                }
                // The peer has gone (EPIPE, ECONNRESET; Rust ignores SIGPIPE, so EPIPE is an
                // error here, not the broker's death): wake the reader, which ends the session.
                _ => {
                    conn.close();
                    return;
                }
            }
        }
        batch.clear();
        if batch.capacity() > SPARE_KEPT {
            batch = Vec::new();
        }
    }
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

/// A QoS 1 message held for a session; the payload is shared by every session it goes to.
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
            // QoS 0 goes straight to the outbox, or nowhere: not when offline (3.1.2.4 leaves
            // keeping them optional), not when the outbox is full, and not past QoS 1
            // messages still waiting (they are older).
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
            // QoS they were granted (3.3.5-1), and never above the publication's; RETAIN 0:
            // an established subscription (3.3.1-9).
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

/// A connection's reader task, which owns the connection's life: it starts the writer, reads
/// until the connection ends, leaves the session (the will goes out unless DISCONNECT came),
/// and closes.
async fn serve_connection(broker: Arc<Broker>, conn: Arc<Conn>, stream: TcpStream) {
    let (socket_in, socket_out) = stream.into_split();
    let mut writer = tokio::spawn(write_loop(
        Arc::clone(&broker),
        Arc::clone(&conn),
        socket_out,
    ));
    let mut reader = Reader {
        broker: &broker,
        conn: &conn,
        client_id: None,
        keep_alive: None,
    };
    let end = reader.read_loop(socket_in).await;
    lock(&broker.state).connection_ended(&conn, matches!(end, End::Disconnect));
    match end {
        End::Disconnect => conn.close(),
        End::Closed(why) => {
            if let Some(id) = &reader.client_id {
                eprintln!("mqtt-broker: closing {id}: {why}");
            }
            conn.close();
        }
        End::Refused(why) => {
            eprintln!("mqtt-broker: refusing a connection: {why}");
            conn.finish();
            // The writer returns once the CONNACK is written, and its half's drop closes the
            // socket (the read half went with `read_loop`).
            if tokio::time::timeout(REFUSED_LINGER, &mut writer)
                .await
                .is_ok()
            {
                return;
            }
        }
    }
    // The writer may be parked in a write to a peer that does not read: not waited for.
    // Awaited once aborted, so that its half of the socket is gone when this task ends.
    writer.abort();
    let _ = writer.await;
}

/// A connection closed by someone else (a takeover, or its writer): what its client sent before,
/// readable now without waiting, may hold a DISCONNECT, sent just before the CONNECT that took
/// it over, which discards its will (3.14.4-3).
fn left_in_socket(socket: &OwnedReadHalf, mut received: Vec<u8>, chunk: &mut [u8]) -> End {
    // Straight from the socket, without waiting: tokio's `try_read` answers WouldBlock until its
    // reactor has seen the socket readable, which may be later than the bytes came. Bounded: a
    // client that keeps sending does not keep this task.
    let fd = socket.as_ref().as_raw_fd();
    while received.len() < OUTBOX_BYTES {
        match nix::sys::socket::recv(fd, chunk, MsgFlags::MSG_DONTWAIT) {
            Ok(n) if n > 0 => received.extend_from_slice(&chunk[..n]),
            _ => break, // EOF, nothing more now (EAGAIN), or an error
        }
    }
    let mut used = 0;
    while let Ok(Some((packet, n))) = decode(&received[used..]) {
        if matches!(packet, Packet::Disconnect) {
            return End::Disconnect;
        }
        used += n;
    }
    End::Closed("taken over, or the client stopped taking data".into())
}

/// When the keep alive runs out; never, for `None`.
async fn expiry(deadline: Option<Instant>) {
    match deadline {
        Some(deadline) => sleep_until(deadline).await,
        None => std::future::pending().await,
    }
}

impl Reader<'_> {
    async fn read_loop(&mut self, mut socket: OwnedReadHalf) -> End {
        let mut received: Vec<u8> = Vec::new();
        let mut chunk = vec![0u8; CHUNK];
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

            // Then the next read, or whatever comes first: the keep alive's end, or a wake
            // (closed by someone else, or room again in an outbox that held the reading back).
            loop {
                if self.conn.is_closed() {
                    return left_in_socket(&socket, std::mem::take(&mut received), &mut chunk);
                }
                // A client that does not read its replies is not read either, until its keep
                // alive runs out.
                let paused = self.conn.read_paused();
                tokio::select! {
                    () = self.conn.wake_reader.notified() => continue,
                    read = socket.read(&mut chunk), if !paused => match read {
                        Ok(0) => return End::Closed("connection closed by the client".into()),
                        Ok(n) => {
                            received.extend_from_slice(&chunk[..n]);
                            break;
                        }
                        Err(e) => return End::Closed(format!("read: {e}")),
                    },
                    () = expiry(deadline) => return End::Closed("keep alive expired".into()),
                }
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
            // Taken over: a DISCONNECT the client sent before the newer CONNECT discards the
            // will (3.14.4-3); the rest is the newer connection's business now.
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
        // will published, since it did not send DISCONNECT. Its session ends with it if it was
        // a clean one (3.1.2-6), even when the newer asks to resume: nothing to resume.
        let older = state
            .sessions
            .get_mut(&client_id)
            .and_then(|s| s.detach().map(|live| (live, s.clean)));
        if let Some((older, was_clean)) = older {
            // Its reader, woken, ends it and publishes its will, handed back to it, unless a
            // DISCONNECT waits in its socket, sent just before this CONNECT (3.14.4-3).
            *lock(&older.conn.will_taken_over) = older.will;
            older.conn.close();
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
        // Named before the lock goes: the writer may drain the outbox and ask for the session's
        // waiting messages by this name at once.
        let _ = self.conn.client_id.set(client_id.clone());
        // A resumed session: messages left unacknowledged (DUP set) and those that arrived
        // while the client was away.
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

async fn serve(port: u16) -> Result<(), String> {
    // Installed before the listening line: a signal sent as soon as it is read is caught, not
    // left to its default action (which would end the process with a non-zero status).
    let mut terminate =
        signal(SignalKind::terminate()).map_err(|e| format!("SIGTERM handler: {e}"))?;
    let mut interrupt =
        signal(SignalKind::interrupt()).map_err(|e| format!("SIGINT handler: {e}"))?;
    let listener = listen_on(port)?;
    let broker = Arc::new(Broker {
        state: Mutex::new(State::default()),
    });
    let mut id = 0u64;
    loop {
        // The accept loop also waits for the signals: when one comes, `serve` returns, the
        // listener is dropped (nothing more is accepted), and `main` shuts the runtime down.
        let stream = tokio::select! {
            _ = terminate.recv() => return Ok(()),
            _ = interrupt.recv() => return Ok(()),
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) if e.kind() == std::io::ErrorKind::ConnectionAborted => continue,
                Err(e) => {
                    // EMFILE and the like: this client is lost, the others go on; a pause, so
                    // that a full descriptor table does not spin this loop.
                    eprintln!("mqtt-broker: accept: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        // Small packets, each a whole message: no Nagle delay.
        let _ = stream.set_nodelay(true);
        id += 1;
        let conn = Arc::new(Conn::new(id));
        tokio::spawn(serve_connection(Arc::clone(&broker), conn, stream));
    }
}

/// 1,000 devices need over 1,000 descriptors: the soft limit is raised to the hard one.
fn raise_fd_limit() {
    if let Ok((soft, hard)) = resource::getrlimit(Resource::RLIMIT_NOFILE)
        && soft < hard
    {
        let _ = resource::setrlimit(Resource::RLIMIT_NOFILE, hard, hard);
    }
}

/// The listening socket on the wildcard address, and its line on stdout. A `TcpSocket` rather
/// than `TcpListener::bind`: the address is built here, not resolved, and the backlog is ours.
fn listen_on(port: u16) -> Result<TcpListener, String> {
    let socket = TcpSocket::new_v4().map_err(|e| format!("socket: {e}"))?;
    socket
        .set_reuseaddr(true)
        .map_err(|e| format!("setsockopt(SO_REUSEADDR): {e}"))?;
    socket
        .bind(SocketAddr::from((Ipv4Addr::UNSPECIFIED, port)))
        .map_err(|e| format!("bind to port {port}: {e}"))?;
    // 1,000 devices may connect at once: a long accept queue.
    let listener = socket.listen(1024).map_err(|e| format!("listen: {e}"))?;
    let local = listener
        .local_addr()
        .map_err(|e| format!("getsockname: {e}"))?;
    println!("listening on {local}");
    std::io::stdout()
        .flush()
        .map_err(|e| format!("stdout: {e}"))?;
    Ok(listener)
}
