//! Day 7 — the capstone: an MQTT 3.1.1 broker. Devices publish readings to topics
//! (`sensors/kitchen/temp`), others subscribe to topic filters (`sensors/#`) and get them; the
//! broker in between is yours, on the codec of `src/lib.rs`.
//!
//! Read course.md#mqtt (한국어: course.ko.md#mqtt), course.md#mqtt-packets (한국어: course.ko.md#mqtt-packets), course.md#mqtt-connect (한국어: course.ko.md#mqtt-connect), course.md#mqtt-publish (한국어: course.ko.md#mqtt-publish), course.md#mqtt-topics (한국어: course.ko.md#mqtt-topics),
//! course.md#mqtt-retained (한국어: course.ko.md#mqtt-retained), course.md#mqtt-keep-alive (한국어: course.ko.md#mqtt-keep-alive), course.md#mqtt-will (한국어: course.ko.md#mqtt-will), course.md#mqtt-sessions (한국어: course.ko.md#mqtt-sessions), course.md#mqtt-hostile (한국어: course.ko.md#mqtt-hostile),
//! course.md#mqtt-load (한국어: course.ko.md#mqtt-load) and course.md#day7-broker (한국어: course.ko.md#day7-broker), then replace the `todo!()`s of `src/lib.rs`, then
//! those below. Grade yourself with `cargo run -p checker day7-broker`; try it by hand with
//! `cargo run -p day7-broker --bin mqtt-broker -- 1883`, then (Debian's `mosquitto-clients`)
//! `mosquitto_sub -h 127.0.0.1 -p 1883 -t 'sensors/#' -v` in one terminal and
//! `mosquitto_pub -h 127.0.0.1 -p 1883 -t sensors/kitchen/temp -m 21.5` in another.
//!
//! Contract: `mqtt-broker <port>` listens on the wildcard address (SO_REUSEADDR), prints
//! `listening on 0.0.0.0:<port>` (the real port, from getsockname) and flushes, then serves
//! MQTT 3.1.1 clients (OASIS standard; section numbers in the comments) in this subset:
//! - CONNECT and CONNACK (3.1, 3.2): the first packet is a CONNECT (else: close), a second one
//!   closes. Protocol level 4 only: another level gets CONNACK return code 1, then the
//!   connection closes; an empty client identifier with clean session 0 gets return code 2,
//!   then close (with clean session 1 the broker gives it one). A CONNECT with the identifier
//!   of a connected client closes the older connection: a takeover (3.1.4-2).
//! - PUBLISH at QoS 0 and 1 (3.3), a QoS 1 one answered with PUBACK (3.4); a PUBLISH at QoS 2
//!   closes the connection, and a subscription asking for QoS 2 is granted 1. Each subscriber
//!   gets a message at the lower of the publication's QoS and its subscription's, once however
//!   many of its filters match.
//! - SUBSCRIBE and SUBACK, UNSUBSCRIBE and UNSUBACK (3.8 to 3.11), filters with `+` and `#`;
//!   a filter that starts with a wildcard does not match a topic that starts with `$` (4.7).
//! - Retained messages (3.3.1.3): the last one of each topic goes to every new subscription
//!   that matches it, RETAIN set; an empty retained message clears the topic's.
//! - Keep alive (3.1.2.10): PINGREQ gets PINGRESP; a client silent for 1.5 × its keep alive
//!   is closed (a keep alive of 0: no limit).
//! - Wills (3.1.2.5): a connection that ends without DISCONNECT (EOF, an error, a protocol
//!   violation, its keep alive, a takeover) has its will published; DISCONNECT discards it,
//!   and the broker closes the connection.
//! - Persistent sessions (3.1.2.4): with clean session 0 the subscriptions outlive the
//!   connection, QoS 1 messages for the client are queued while it is away (up to 1,000; the
//!   newest are dropped beyond), CONNACK says session present, and the next connection gets
//!   them, those sent before and not acknowledged again with DUP set.
//! - Hostile input (garbage, bad lengths, bad UTF-8, a packet over 256 KiB, a byte at a
//!   time): it closes that connection only; the broker and the other clients go on.
//! - Load: 1,000 devices connected at once; a subscriber that stops reading costs bounded
//!   memory and holds up neither the publishers nor the other subscribers.
//! - SIGINT or SIGTERM: every connection closed, exit 0, within 2 s. Bad usage: one line on
//!   stderr, exit status 1.
//!
//! Rules: no std socket types (see clippy.toml): nix's socket calls, or tokio's for a broker of
//! tasks; no MQTT crate (rumqttc, rumqttd, mqttbytes, paho-mqtt): the codec is `src/lib.rs`,
//! yours. Any design: a thread per connection (day5-threads), poll (day5-poll), epoll
//! (day5-epoll) or tokio tasks (day6-async).
//!
//! The shape below is one way, with threads: one state shared behind a `Mutex`, and per
//! connection a thread that reads and a queue of encoded packets to send, its outbox, which a
//! thread of the connection's own empties into the socket. With poll or epoll, keep the steps
//! and change the shape. Whatever the design: never write to a socket while holding what every
//! connection needs (course.md#mqtt-load).
//!
//! Lines that start with `//>` are hint code: each compiles as it stands, in its place, once
//! the `//>` is removed (`checker verify` builds them so). They show the calls, not the answer.

// Keeps the compiler quiet while the stub is unfinished; remove it when you are done.
#![allow(unused_imports, unused_variables, dead_code, unused_mut)]

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

/// The QoS 1 messages a session holds for its client, sent and not yet acknowledged or not yet
/// sent, together: the contract's 1,000. Beyond it, the newest, the one arriving, is dropped:
/// what is kept stays in order, with no gap.
const SESSION_QOS1: usize = 1_000;

/// A connection's outbox bound: 1,000 packets or 1 MiB, whichever comes first. A subscriber
/// that stops reading costs at most this, plus its session's QoS 1 messages.
const OUTBOX_PACKETS: usize = 1_000;
const OUTBOX_BYTES: usize = 1 << 20;

/// A connection that has not sent its CONNECT after this long is closed (3.1.4: "within a
/// reasonable amount of time").
const CONNECT_WAIT: Duration = Duration::from_secs(10);

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

/// Everything the connections share (each thread holds an `Arc<Broker>`).
struct Broker {
    state: Mutex<State>,
}

/// The broker's state: one lock for all of it, never held during a socket call.
#[derive(Default)]
struct State {
    /// The session table, by client identifier. A clean session lives while its client is
    /// connected; a clean session 0 one outlives the connection (3.1.2.4).
    sessions: HashMap<String, Session>,
    /// The retained message of each topic (3.3.1.3): its QoS and its payload.
    retained: BTreeMap<String, (u8, Vec<u8>)>,
    /// Every open connection, CONNECT or not, by its number: closed at shutdown.
    conns: HashMap<u64, Arc<Conn>>,
    /// For the identifiers the broker gives (3.1.3-6).
    assigned: u64,
}

/// One client's session (3.1.2.4).
#[derive(Default)]
struct Session {
    clean: bool,
    /// (topic filter, granted QoS), in the order subscribed.
    subscriptions: Vec<(String, u8)>,
    /// The connection serving the session now (`None`: the client is away), and its will.
    live: Option<(Arc<Conn>, Option<Will>)>,
    /// QoS 1 messages not yet sent, oldest first.
    waiting: VecDeque<Message>,
    /// QoS 1 messages sent and not yet acknowledged, in the order sent.
    in_flight: VecDeque<Message>,
    last_packet_id: u16,
}

/// A QoS 1 message held for a session until its PUBACK (4.3.2).
struct Message {
    topic: String,
    payload: Vec<u8>,
    /// Set when sent for a new subscription's retained message (3.3.1-8).
    retain: bool,
    /// Given when first sent, and kept: a resend uses it again (4.4.0-1).
    packet_id: Option<u16>,
    /// Sent once already: sent again with DUP set (3.3.1-1).
    sent: bool,
}

/// One TCP connection, shared by its threads and the state (which closes it on a takeover or
/// at shutdown). The socket closes when the last `Arc` goes.
struct Conn {
    /// A number for this connection alone: a session tells "still my connection?" by it.
    id: u64,
    fd: OwnedFd,
    /// The client identifier, set by the CONNECT: the way from the connection to its session.
    client_id: OnceLock<String>,
    outbox: Mutex<Outbox>,
    /// Signalled at every change of the outbox: a packet in, a packet out, closed.
    changed: Condvar,
    /// The will of a connection taken over, handed back to it by the newer one: a DISCONNECT
    /// may still wait unread in its socket, so its own reader publishes it, or not (3.14.4-3).
    will_taken_over: Mutex<Option<Will>>,
}

/// What is to be sent on a connection, in order.
#[derive(Default)]
struct Outbox {
    /// Encoded packets, oldest first.
    queue: VecDeque<Vec<u8>>,
    /// Their bytes, together.
    bytes: usize,
    /// A QoS 1 message waits in the session because the outbox was full: once there is room,
    /// the session is asked for more.
    starved: bool,
    /// Shut down: nothing more goes out.
    closed: bool,
}

/// A lock that survives a panic in another thread (course.md#poisoning).
/// C: `pthread_mutex_lock(&m);` — unlocked when the guard is dropped.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // TODO lock; a poisoned lock: take the guard as it is, if no update of yours can stop
    //      halfway.
    //> let guard = m.lock().unwrap_or_else(PoisonError::into_inner);
    todo!("lock the mutex")
}

/// The broker's life: the signals, the listening socket, the state, then accept for ever.
fn serve(port: u16) -> Result<(), String> {
    // TODO 1. Block SIGINT and SIGTERM in this thread before any other starts (every thread
    //         inherits the mask): only the signal thread takes them, in sigwait(2).
    //         C: `sigemptyset(&s); sigaddset(&s, SIGINT); sigaddset(&s, SIGTERM);
    //             pthread_sigmask(SIG_BLOCK, &s, NULL);`
    //> let mut stop = SigSet::empty();
    //> stop.add(Signal::SIGINT);
    //> stop.add(Signal::SIGTERM);
    //> stop.thread_block().map_err(|e| format!("pthread_sigmask: {e}"))?;
    // TODO 2. raise_fd_limit(); let listener = listen_on(port)?; the broker, shared:
    //> let broker = Arc::new(Broker { state: Mutex::new(State::default()) });
    // TODO 3. The signal thread, with its own `Arc` (`move`): wait_for_stop.
    // TODO 4. Accept for ever, a number per connection: accept (EINTR, ECONNABORTED: again;
    //         EMFILE and the like: say so on stderr, pause 50 ms, go on: a client lost, not the
    //         broker); TCP_NODELAY (small packets, each a whole message); an `Arc<Conn>` into
    //         `state.conns`; then spawn_connection (an error: shut it down, remove it).
    todo!("block the signals, listen, then accept for ever")
}

/// 1,000 devices need over 1,000 descriptors, and the soft limit is often 1,024: raise it to
/// the hard one.
/// C: `struct rlimit r; getrlimit(RLIMIT_NOFILE, &r); r.rlim_cur = r.rlim_max;
///     setrlimit(RLIMIT_NOFILE, &r);`
fn raise_fd_limit() {
    // TODO getrlimit; the soft limit lower than the hard one: setrlimit(hard, hard).
    //> if let Ok((soft, hard)) = resource::getrlimit(Resource::RLIMIT_NOFILE) {
    //>     let raised = resource::setrlimit(Resource::RLIMIT_NOFILE, hard, hard);
    //> }
    todo!("raise RLIMIT_NOFILE")
}

/// The listening socket on the wildcard address, and its line on stdout (as in day2-echo).
/// C: `fd = socket(AF_INET, SOCK_STREAM, 0); setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, ...);
///     bind(fd, (struct sockaddr *)&a, sizeof a); listen(fd, 1024); getsockname(fd, ...);`
/// nix: `socket::socket`, `socket::setsockopt(&fd, sockopt::ReuseAddr, &true)`, `socket::bind`,
/// `socket::listen(&fd, Backlog::new(1024)?)`, `socket::getsockname`.
fn listen_on(port: u16) -> Result<OwnedFd, String> {
    // TODO socket, SO_REUSEADDR, bind to SockaddrIn::new(0, 0, 0, 0, port), listen with a long
    //      backlog (1,000 devices may connect at once), getsockname, then
    //      `listening on <ip>:<port>` and a flush; each with .map_err(...)?.
    //> let fd = socket::socket(AddressFamily::Inet, SockType::Stream, SockFlag::SOCK_CLOEXEC, None)
    //>     .map_err(|e| format!("socket: {e}"))?;
    //> let backlog = Backlog::new(1024).map_err(|e| format!("backlog: {e}"))?;
    todo!("socket, SO_REUSEADDR, bind, listen, print the listening line")
}

/// The signal thread: wait for SIGINT or SIGTERM, then close every connection and exit 0,
/// within 2 s: no client is waited for.
/// C: `int sig; sigwait(&s, &sig); ... shutdown(fd, SHUT_RDWR); ... exit(0);`
fn wait_for_stop(stop: SigSet, broker: &Broker) {
    // TODO `stop.wait()` (sigwait); then shut down every connection of `state.conns` (each
    //      client sees its FIN now); `std::process::exit(0)` (it closes every descriptor).
    //> let signal = stop.wait();
    todo!("wait for SIGINT or SIGTERM, close every connection, exit 0")
}

/// A connection's two threads: one reads (serve_connection), one empties its outbox into the
/// socket (write_loop).
/// C: `pthread_attr_setstacksize(&a, 256 * 1024); pthread_create(&t, &a, reader, conn);`
fn spawn_connection(broker: &Arc<Broker>, conn: &Arc<Conn>) -> std::io::Result<()> {
    // TODO each thread with its own `Arc`s (`move`), and a small stack: two threads a
    //      connection, 1,000 devices, at Rust's default 2 MiB each, is 4 GiB of address space.
    //> let (b, c) = (Arc::clone(broker), Arc::clone(conn));
    //> std::thread::Builder::new()
    //>     .stack_size(256 * 1024)
    //>     .spawn(move || write_loop(&b, &c))?;
    todo!("a reader and a writer thread for the connection")
}

impl Conn {
    /// Queue a delivery (a PUBLISH for a subscriber) if the outbox has room; `false`, nothing
    /// queued, if it is full: a QoS 0 message is then dropped, a QoS 1 one waits in its
    /// session (course.md#mqtt-load).
    fn offer(&self, packet: &Packet) -> bool {
        // TODO lock the outbox; closed, or full (OUTBOX_PACKETS, OUTBOX_BYTES): false. Else
        //      encode the packet onto the queue, count its bytes, notify `changed`, true.
        //> let mut bytes = Vec::new();
        //> encode(packet, &mut bytes);
        todo!("queue a delivery, within the bound")
    }

    /// Queue a reply to the client's own packet (CONNACK, PUBACK, SUBACK, UNSUBACK, PINGRESP):
    /// never dropped. A client that sends without reading its replies is held back by its
    /// reader instead, which reads no more while the outbox is far over its bound.
    fn push(&self, packet: &Packet) {
        // TODO as `offer`, without the bound; a closed outbox takes nothing.
        todo!("queue a reply")
    }

    /// Close now: shutdown(2) both ways, so that the reader's read returns 0 and the writer's
    /// send fails at once, wherever they wait; the descriptor itself closes with the last `Arc`.
    /// C: `shutdown(fd, SHUT_RDWR);`
    fn shut_down(&self) {
        // TODO shutdown, then mark the outbox closed and notify `changed` (the writer wakes).
        //> let done = socket::shutdown(self.fd.as_raw_fd(), Shutdown::Both);
        todo!("shut the connection down")
    }
}

/// The writer thread: send the outbox's packets in order until the connection closes. The one
/// place the connection's socket is written, with no lock held: a client that stops reading
/// blocks this thread in send, and only this one.
fn write_loop(broker: &Broker, conn: &Conn) {
    // TODO loop {
    //   1. Lock the outbox; wait on `changed` while it is empty and open; closed: return.
    //      Take the oldest packet, and let the lock go.
    //> let mut outbox = lock(&conn.outbox);
    //> outbox = conn.changed.wait(outbox).unwrap_or_else(PoisonError::into_inner);
    //   2. send_all it. An error (EPIPE, ECONNRESET): the client has gone: shut_down (the
    //      reader ends the session) and return.
    //   3. The outbox starved and has room again: the session's waiting messages may go
    //      (send_waiting, under the state's lock, taken with no outbox lock held: the lock
    //      order is the state, then an outbox).
    // }
    todo!("empty the outbox into the socket")
}

/// Send all of `data` (a send may take part of it), with MSG_NOSIGNAL: a client that has gone
/// is an EPIPE, not a SIGPIPE for the whole broker.
/// C: `n = send(fd, p, len, MSG_NOSIGNAL);`
fn send_all(fd: &OwnedFd, data: &[u8]) -> nix::Result<()> {
    // TODO loop until everything is sent; retry on EINTR.
    //> let n = socket::send(fd.as_raw_fd(), data, MsgFlags::MSG_NOSIGNAL)?;
    todo!("send everything")
}

/// How a connection's reading ends.
enum End {
    /// DISCONNECT (3.14): the will is discarded.
    Disconnect,
    /// EOF: the client closed its side without DISCONNECT. The will is published; the replies
    /// to what it sent before are still sent (it may half-close and read on, as `nc -N` does).
    Eof,
    /// An error, a protocol violation, a silent client: the will is published.
    Closed(String),
    /// A CONNACK refusing the connection (return code 1 or 2) is queued: send it, then close.
    Refused(String),
}

/// What a connection's reader keeps between packets.
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
    // TODO 1. A Reader with no client yet, and its read_loop.
    //> let mut reader = Reader { broker, conn, client_id: None, keep_alive: None };
    // TODO 2. `lock(&broker.state).connection_ended(conn, disconnected)`: the session, the
    //         will (`disconnected`: the end was `End::Disconnect`).
    // TODO 3. Closed: `conn.shut_down()` (say why on stderr if you like). Disconnect, Eof,
    //         Refused: shut down once what is queued is sent, the replies to every packet
    //         before (wait on `changed` until the outbox is empty, at most 1 s: a client that
    //         does not read is not waited for).
    todo!("read until the connection ends, then leave its session")
}

impl Reader<'_> {
    /// The bytes received so far, cut into packets: a read may bring less than one packet (a
    /// byte at a time is a valid stream) or several (course.md#mqtt-packets).
    fn read_loop(&mut self) -> End {
        // TODO The bytes received and not yet decoded, a read buffer on the heap (a thread's
        //      stack is small here), and a deadline: CONNECT_WAIT until the CONNECT, then the
        //      keep alive. loop {
        //   1. Decode every whole packet received so far: `decode(&received[used..])`:
        //      `Ok(Some((packet, n)))`: `used += n`, `self.handle(packet)` (`Some(end)`: return
        //      it), and the deadline starts again (3.1.2-24: any whole packet counts).
        //      `Ok(None)`: a packet is cut, read more. `Err(UnsupportedLevel(_))` before the
        //      CONNECT: push CONNACK return code 1, `End::Refused`. Any other `Err`:
        //      `End::Closed` (4.8). Then `received.drain(..used)`.
        //> let mut received: Vec<u8> = Vec::new();
        //> let step = decode(&received); // Ok(Some((packet, n))), Ok(None) or Err(e)
        //   2. The outbox far over its bound (the client does not read its replies): wait on
        //      `changed` for room, but never past the deadline.
        //   3. The deadline passed: `End::Closed`. Else what is left of it becomes the read's
        //      timeout (SO_RCVTIMEO; a TimeVal of 0 is no timeout).
        //> let left = TimeVal::milliseconds(1500); // what is left until the deadline
        //> let set = socket::setsockopt(&self.conn.fd, sockopt::ReceiveTimeout, &left);
        //   4. read(2): 0, `End::Eof`; n, append the bytes to `received`; EAGAIN (the
        //      timeout) or EINTR, loop again (step 3 decides); another error, `End::Closed`.
        //> let mut chunk = vec![0u8; 16 * 1024];
        //> let got = unistd::read(&self.conn.fd, &mut chunk); // Err(Errno::EAGAIN): the timeout
        // }
        todo!("read, decode, act, until the connection ends")
    }

    /// Act on one packet (course.md#mqtt-publish, course.md#mqtt-topics,
    /// course.md#mqtt-retained); `Some` ends the connection.
    fn handle(&mut self, packet: Packet) -> Option<End> {
        // TODO 1. No CONNECT yet (`self.client_id` is `None`): a CONNECT goes to
        //         `self.connect`; any other packet closes (3.1.0-1).
        // TODO 2. Lock the state. The session no longer served by this connection (a newer one
        //         took it over, and shut this one down): a DISCONNECT still counts, sent before
        //         the newer CONNECT (`End::Disconnect`: the will is not published); any other
        //         packet is ignored, up to the EOF the shutdown gives.
        //> let mut state = lock(&self.broker.state);
        // TODO 3. match packet:
        //      CONNECT again: close (3.1.0-2).
        //      PUBLISH: QoS 2, close (not in the subset); `state.publish(...)`; at QoS 1, then
        //        PUBACK with its packet identifier (3.3.4).
        //      PUBACK: the message in flight with that identifier is done (4.3.2): the next
        //        waiting one may go.
        //      SUBSCRIBE: each filter granted `requested.min(1)`; a filter subscribed already
        //        is replaced (3.8.4-3). SUBACK, the granted QoS in the filters' order (3.9.3),
        //        then the retained messages each filter matches, RETAIN set (3.3.1-6), at the
        //        lower of their QoS and the granted one.
        //      UNSUBSCRIBE: remove the filters equal character by character (3.10.4-1);
        //        UNSUBACK even if none was there (3.10.4-5).
        //      PINGREQ: PINGRESP (3.12.4-1).
        //      DISCONNECT: discard the will (3.14.4-3); `End::Disconnect`.
        //      CONNACK, SUBACK, UNSUBACK, PINGRESP: a server's packet from a client: close.
        todo!("act on one packet")
    }

    /// The CONNECT (3.1.4, course.md#mqtt-connect, course.md#mqtt-sessions).
    fn connect(
        &mut self,
        clean: bool,
        keep_alive: u16,
        client_id: String,
        will: Option<Will>,
    ) -> Option<End> {
        // TODO 1. An empty client identifier with clean session 0: CONNACK return code 2,
        //         `End::Refused` (3.1.3-8). Empty with clean session 1: give it one, unique
        //         among the sessions (3.1.3-6).
        // TODO 2. Under the state's lock: a connection that serves this identifier already
        //         (a takeover, 3.1.4-2): detach it from the session, hand its will back to it
        //         (`will_taken_over`), shut it down; its session ends with it if it was a clean
        //         one. Not its will published here: a DISCONNECT it sent just before this
        //         CONNECT may wait unread in its socket, and its own reader decides (3.14.4-3).
        // TODO 3. Clean session 1 discards any previous session (3.1.2-6); session present
        //         says whether one is left (3.2.2-2, 3.2.2-3). The session, new or resumed,
        //         takes `clean`.
        // TODO 4. CONNACK return code 0, the first packet this connection sends: queued under
        //         the lock, before any delivery can reach the session (3.2.0-1). Then the
        //         session is live on this connection, with its will; `conn.client_id` is set.
        // TODO 5. A resumed session: its waiting messages go out, those sent before with DUP
        //         (send_waiting).
        // TODO 6. `self.client_id`, and `self.keep_alive`: 1.5 × `keep_alive` seconds, `None`
        //         for 0 (3.1.2-24).
        //> let limit = Duration::from_millis(u64::from(keep_alive) * 1500);
        todo!("accept the client, take over, start or resume its session")
    }
}

impl State {
    /// Publish a message, a client's PUBLISH or a will: keep or clear the topic's retained
    /// message, then deliver it to every session with a matching subscription.
    fn publish(&mut self, topic: &str, payload: &[u8], qos: u8, retain: bool) {
        // TODO 1. RETAIN set: an empty payload removes the topic's retained message and is not
        //         kept itself (3.3.1-10, 3.3.1-11); any other replaces it (3.3.1-5).
        // TODO 2. Each session: the highest QoS granted among its subscriptions that match
        //         (`matches`), if any: one delivery (one copy per client, 3.3.5-1), at the
        //         lower of that and `qos`, RETAIN 0 (an established subscription, 3.3.1-9).
        //> for session in self.sessions.values_mut() {
        //>     let granted: Option<u8> = session.subscriptions.iter()
        //>         .filter(|(filter, _)| matches(filter, topic)).map(|&(_, g)| g).max();
        //> }
        todo!("retain, then deliver to each matching session")
    }

    /// A connection ended, with or without DISCONNECT: it leaves `conns`; if it still serves
    /// its session, it leaves the session (messages in flight wait again, to go with DUP on the
    /// next connection, 4.4.0-1), a clean session ends (3.1.2-6), and the will, unless
    /// DISCONNECT discarded it, is published at its QoS (2 taken as 1) and RETAIN (3.1.2-8).
    fn connection_ended(&mut self, conn: &Conn, disconnected: bool) {
        // TODO the steps above. A connection never CONNECTed has no session; one taken over
        //      leaves the session alone (the newer connection owns it) and publishes the will
        //      handed back to it (`conn.will_taken_over`), unless `disconnected`.
        todo!("end the connection's part in its session, publish its will")
    }
}

impl Session {
    /// Deliver a message at `qos`, already the lower of the publication's and the
    /// subscription's (3.8.4).
    fn deliver(&mut self, topic: &str, payload: &[u8], qos: u8, retain: bool) {
        // TODO QoS 0: offered to the live connection's outbox, or nowhere: not kept while the
        //      client is away, dropped when the outbox is full, and not sent past QoS 1
        //      messages still waiting (they are older).
        //      QoS 1: the session full (SESSION_QOS1, waiting and in flight together): dropped.
        //      Else a Message at the end of `waiting`, then send_waiting.
        todo!("deliver a message to this session")
    }

    /// Move waiting QoS 1 messages to the live connection's outbox while it has room, in
    /// order, each with its packet identifier (a new one the first time) and DUP if sent
    /// before; they are then in flight until their PUBACK.
    fn send_waiting(&mut self) {
        // TODO no live connection: nothing. Else pop each waiting message: the outbox full,
        //      it goes back to the head and the outbox is marked starved (the writer asks
        //      again once it has room, write_loop's step 3); else it goes to `in_flight`.
        todo!("send the waiting messages")
    }

    /// A packet identifier no message of the session uses, never 0 (2.3.1-1, 2.3.1-4).
    fn new_packet_id(&mut self) -> u16 {
        // TODO `last_packet_id.wrapping_add(1)` until it is neither 0 nor in use.
        todo!("a free packet identifier")
    }
}
