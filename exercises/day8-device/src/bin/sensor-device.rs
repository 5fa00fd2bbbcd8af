//! Day 8 — the device: an MQTT 3.1.1 client that a flaky broker and a flaky network cannot make
//! lose a reading. The codec is given, whole, in `src/lib.rs` (day 7's reference; your own
//! day-7 codec can take its place: course.md#device-codec); this file is yours.
//!
//! Read course.md#day8-device (한국어: course.ko.md#day8-device), course.md#device-connect (한국어: course.ko.md#device-connect), course.md#device-loop (한국어: course.ko.md#device-loop), course.md#device-commands (한국어: course.ko.md#device-commands),
//! course.md#device-resend (한국어: course.ko.md#device-resend), course.md#device-queue (한국어: course.ko.md#device-queue), course.md#device-keep-alive (한국어: course.ko.md#device-keep-alive), course.md#device-dead-link (한국어: course.ko.md#device-dead-link),
//! course.md#device-backoff (한국어: course.ko.md#device-backoff) and course.md#device-exit (한국어: course.ko.md#device-exit), then replace the `todo!()`s below. Grade
//! yourself with `cargo run -p checker day8-device`; try it by hand with `mosquitto -p 1884 -v`,
//! `mosquitto_sub -h 127.0.0.1 -p 1884 -t 'devices/#' -v -q 1` in a second terminal and
//! `cargo run -p day8-device --bin sensor-device -- 127.0.0.1 1884 dev1 5 100 200 5000` in a
//! third (type readings; stop mosquitto, type more, start it again).
//!
//! Contract: `sensor-device <host> <port> <client-id> <keep-alive-s> <queue-bound>
//! <backoff-min-ms> <backoff-max-ms>` (anything else: a usage line, exit status 2)
//! - connects to host:port (dotted IPv4), sends CONNECT with clean session 0 and the will
//!   `offline` on `devices/<id>/status` (QoS 1, retained); a CONNACK must come within
//!   keep-alive seconds, with return code 0;
//! - once up: every reading not yet acknowledged again, DUP set, same packet id (4.4); the
//!   SUBSCRIBE to `devices/<id>/cmd` at QoS 1 (at least when the session is not present); the
//!   birth `online` on `devices/<id>/status` (QoS 1, retained); then new readings;
//! - each line of stdin is a reading, a PUBLISH at QoS 1 on `devices/<id>/readings`, in order;
//!   at most queue-bound held unacknowledged: beyond, the oldest is dropped and `dropped <n>`
//!   written to stderr;
//! - each PUBLISH on `devices/<id>/cmd` is acknowledged (QoS 1) and acted on, `command
//!   <payload>` on stdout, unless it is a DUP of a command already acted on;
//! - a PINGREQ after keep-alive seconds without sending; no PINGRESP within keep-alive seconds:
//!   the link is dead;
//! - after the n-th failure in a row, wait a random time in [d/2, d] ms, d = min(max, min ×
//!   2^(n-1)), then connect again;
//! - SIGTERM or SIGINT: DISCONNECT if up, exit 0 within 1 s; end of stdin: wait for every
//!   acknowledgement, DISCONNECT, exit 0.
//!
//! Rules: no std socket types (see clippy.toml): nix's socket calls; no MQTT crate. Any design:
//! poll (day5-poll), epoll (day5-epoll), threads (day5-threads). The shape below is one way:
//! one thread, poll(2) on the socket, stdin and a signalfd(2), and every timer an instant whose
//! nearest is poll's timeout (course.md#device-loop).
//!
//! Lines that start with `//>` are hint code: each compiles as it stands, in its place, once
//! the `//>` is removed (`checker verify` builds them so). They show the calls, not the answer.

// Keeps the compiler quiet while the stub is unfinished; remove it when you are done.
#![allow(unused_imports, unused_variables, dead_code, unused_mut)]

use std::collections::VecDeque;
use std::io::Write;
use std::net::Ipv4Addr;
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use day8_device::{Packet, Will, decode, encode};
use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::signal::{SigSet, Signal};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::sys::socket::{
    self, AddressFamily, MsgFlags, Shutdown, SockFlag, SockType, SockaddrIn, sockopt,
};
use nix::unistd;

/// At most this many readings in flight (sent, not yet acknowledged) at once; the others wait
/// their turn in `held`. Any number from 1 keeps the contract.
const WINDOW: usize = 32;
/// Commands remembered (packet id and payload) to tell a resent one from a new one; the
/// contract asks for at least 16.
const REMEMBERED: usize = 64;
/// The longest reading: a longer line is skipped, and said so on stderr.
const MAX_LINE: usize = 1024;
/// At SIGTERM or the end, how long the DISCONNECT may take to go, and then the broker to close:
/// the whole exit stays within the contract's 1 s.
const GOODBYE: Duration = Duration::from_millis(400);

/// The command line, checked.
struct Config {
    broker: SockaddrIn,
    client_id: String,
    keep_alive: u16,
    queue_bound: usize,
    backoff_min_ms: u64,
    backoff_max_ms: u64,
}

/// A reading not yet acknowledged: its packet id once sent (kept for every resend, 4.4).
struct Reading {
    payload: Vec<u8>,
    packet_id: Option<u16>,
}

/// Where a connection is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// connect(2) in progress (EINPROGRESS): POLLOUT will say how it ended.
    Connecting,
    /// CONNECT sent, waiting for the CONNACK.
    Connected,
    /// CONNACK 0 came.
    Up,
}

/// One TCP connection to the broker.
struct Conn {
    fd: OwnedFd,
    phase: Phase,
    /// Encoded packets not yet taken by send(2).
    out: Vec<u8>,
    /// Bytes received, not yet a whole packet.
    input: Vec<u8>,
    /// Until Up: the connect and the CONNACK must be done by then.
    deadline: Instant,
    /// When a byte last went out: the keep alive counts from it (3.1.2-23).
    last_sent: Instant,
    /// When the PINGREQ still unanswered went out.
    ping_sent: Option<Instant>,
}

/// Everything the device knows.
struct Device {
    cfg: Config,
    /// Readings not yet acknowledged, oldest first: the sent ones, then the waiting ones.
    held: VecDeque<Reading>,
    dropped: u64,
    conn: Option<Conn>,
    /// With no connection: when to try again.
    retry_at: Instant,
    /// Failures since the last CONNACK 0: the backoff's n.
    failures: u32,
    /// The last packet id given; the birth's and the SUBSCRIBE's while unacknowledged.
    last_id: u16,
    birth_id: Option<u16>,
    subscribe_id: Option<u16>,
    /// A SUBACK granted the subscription to the commands, in the broker's session.
    subscribed: bool,
    /// Commands acted on, newest last: (packet id, payload).
    acted: VecDeque<(u16, Vec<u8>)>,
    /// stdin: still open, and the line being read.
    stdin_open: bool,
    line: Vec<u8>,
    line_too_long: bool,
    rng: u64,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(cfg) = parse_args(&args) else {
        eprintln!(
            "sensor-device: usage: sensor-device <host> <port> <client-id> <keep-alive-s> \
             <queue-bound> <backoff-min-ms> <backoff-max-ms>"
        );
        return ExitCode::from(2);
    };
    match run(cfg) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("sensor-device: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The contract's command line, or `None` for anything else.
/// C: `inet_pton(AF_INET, host, &a.sin_addr) == 1`, then each number with `strtoul` and its
/// bounds. Rust: `host.parse::<Ipv4Addr>()` takes exactly inet_pton's dotted form.
fn parse_args(args: &[String]) -> Option<Config> {
    // TODO seven arguments; each checked against its bounds (port 1..65535, client id 1 to 23
    //      letters and digits, keep alive 1..65535, queue bound >= 1, 1 <= min <= max); the
    //      address as a SockaddrIn.
    //> let [host, port, id, keep_alive, bound, min, max] = args else { return None; };
    //> let ip: Ipv4Addr = host.parse().ok()?;
    //> let [a, b, c, d] = ip.octets();
    todo!("check the command line")
}

/// A decimal number, digits only (no sign, no space).
fn number(s: &str) -> Option<u64> {
    // TODO empty, or a byte that is not a digit: None; else parse.
    todo!("a number of digits only")
}

/// The device's life: poll, act on what is ready, act on the timers; until a signal, or the end
/// of stdin with every reading acknowledged.
fn run(cfg: Config) -> Result<(), String> {
    // TODO block_signals; a Device; a buffer (64 KiB); then loop {
    //   1. done(): goodbye, return.
    //   2. No connection and retry_at passed: connect.
    //   3. wait; a signal: goodbye, return. stdin ready: read_stdin; the socket: on_socket.
    //   4. on_timers(now), then flush.
    // }
    todo!("the loop")
}

/// SIGINT and SIGTERM blocked (so they never interrupt a call nor kill the device), and a
/// descriptor that poll reports readable when one is pending.
/// C: `sigemptyset(&s); sigaddset(&s, SIGINT); sigaddset(&s, SIGTERM);
///     sigprocmask(SIG_BLOCK, &s, NULL); fd = signalfd(-1, &s, SFD_NONBLOCK | SFD_CLOEXEC);`
/// nix: `SigSet::thread_block`, `SignalFd::with_flags`.
fn block_signals() -> Result<SignalFd, String> {
    // TODO the set, blocked, then its signalfd; each error with .map_err(...)?.
    //> let mut stop = SigSet::empty();
    //> stop.add(Signal::SIGINT);
    todo!("block SIGINT and SIGTERM, and a signalfd for them")
}

/// What poll found ready.
struct Ready {
    signal: bool,
    stdin: bool,
    socket: PollFlags,
}

impl Device {
    fn new(cfg: Config) -> Device {
        // TODO every field empty or zero; retry_at now (the first connection is made at once);
        //      stdin open; rng from seed().
        todo!("a new device")
    }

    fn topic(&self, leaf: &str) -> String {
        // TODO `devices/<id>/<leaf>`.
        todo!("a topic of this device")
    }

    /// stdin is at its end and every reading is acknowledged: time to go, once a connection in
    /// progress has come up (so that it ends with a DISCONNECT, not a will) or failed.
    fn done(&self) -> bool {
        // TODO stdin closed, `held` empty, and no connection or one that is up.
        todo!("time to go?")
    }

    /// One poll(2) on the signals, stdin (while open) and the socket (if any), until the nearest
    /// timer.
    /// C: `struct pollfd fds[3] = {{sfd, POLLIN}, {0, POLLIN}, {sock, POLLIN | POLLOUT}};
    ///     poll(fds, n, timeout_ms);`
    /// nix: `poll(&mut [PollFd::new(fd.as_fd(), PollFlags::POLLIN), ...], timeout)`.
    fn wait(&self, signals: &SignalFd) -> Result<Ready, String> {
        // TODO the signalfd always; stdin while open; the socket if any, POLLIN, and POLLOUT
        //      while connecting or while `out` holds bytes. The timeout: next_timer, in ms
        //      rounded up (never 0 by rounding down: that would spin); none: PollTimeout::NONE.
        //      EINTR is no error. Then each entry's revents.
        //> let stdin = std::io::stdin();
        //> let mut fds = vec![PollFd::new(signals.as_fd(), PollFlags::POLLIN)];
        //> fds.push(PollFd::new(stdin.as_fd(), PollFlags::POLLIN));
        todo!("poll until something is ready or a timer fires")
    }

    /// The nearest instant at which a timer fires.
    fn next_timer(&self) -> Option<Instant> {
        // TODO no connection: retry_at. Not up: its deadline. Up: the PINGRESP's deadline if a
        //      PINGREQ is out, else the next PINGREQ's (last_sent + keep alive).
        todo!("the nearest timer")
    }

    /// The timers: a connection not up by its deadline, a PINGRESP that did not come, a PINGREQ
    /// due.
    fn on_timers(&mut self, now: Instant) {
        // TODO not up and past its deadline: fail. Up: a PINGREQ out for keep-alive seconds: fail
        //      (the link is dead); none out and nothing sent for keep-alive seconds: send a
        //      PINGREQ and note when.
        todo!("act on the timers")
    }

    /// Start a connection: a non-blocking socket, connect(2), then CONNECT once it is made.
    /// C: `fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    ///     connect(fd, (struct sockaddr *)&a, sizeof a);` (-1 with EINPROGRESS: under way)
    /// nix: `socket::socket(..., SockFlag::SOCK_NONBLOCK, None)`, `socket::connect`.
    fn connect(&mut self) {
        // TODO socket (an error: fail_at_start); connect: Ok, connected at once (send_connect);
        //      EINPROGRESS, under way (Phase::Connecting); another error: fail_at_start. The
        //      Conn's deadline: now + keep alive.
        //> let fd = socket::socket(AddressFamily::Inet, SockType::Stream, SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC, None);
        todo!("start a connection")
    }

    /// The CONNECT of the contract: clean session 0, the will `offline`, retained, QoS 1.
    fn send_connect(&mut self) {
        // TODO Phase::Connected, the deadline now + keep alive (the CONNACK counts from the
        //      CONNECT), then send the Packet::Connect.
        //> let will = Will { topic: self.topic("status"), payload: b"offline".to_vec(), qos: 1, retain: true };
        todo!("send CONNECT")
    }

    /// Encode a packet into the connection's output; `flush` sends it.
    fn send(&mut self, packet: &Packet) {
        // TODO encode onto `out`, if there is a connection.
        todo!("queue a packet")
    }

    /// Send what the connection's output holds, as much as the socket takes now.
    /// C: `n = send(fd, out, len, MSG_NOSIGNAL);` (-1 with EAGAIN: the socket is full, poll for
    /// POLLOUT)
    /// nix: `socket::send(fd.as_raw_fd(), &out, MsgFlags::MSG_NOSIGNAL)`.
    fn flush(&mut self) {
        // TODO while connected (not Connecting) and `out` holds bytes: send; drain what was
        //      taken and note last_sent; EAGAIN: stop; EINTR: again; an error: fail.
        todo!("send what is queued")
    }

    /// What poll said of the socket.
    /// C: `getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);` once a non-blocking connect
    /// is writable. nix: `socket::getsockopt(&fd, sockopt::SocketError)`.
    fn on_socket(&mut self, ready: PollFlags, buf: &mut [u8]) {
        // TODO Connecting: SO_ERROR 0, send_connect; else fail. Otherwise POLLIN, POLLHUP or
        //      POLLERR: receive.
        todo!("the socket is ready")
    }

    /// One recv(2), then every whole packet it completes.
    /// C: `n = recv(fd, buf, sizeof buf, 0);` (0: the broker closed)
    /// nix: `socket::recv(fd.as_raw_fd(), buf, MsgFlags::empty())`.
    fn receive(&mut self, buf: &mut [u8]) {
        // TODO recv: 0 or an error, fail; EAGAIN, EINTR: nothing. Append to `input`; then
        //      decode packet after packet (Ok(None): wait for more; Err: fail), each to
        //      on_packet: a packet may end the connection, so look again each time.
        todo!("receive and decode")
    }

    /// A packet from the broker.
    fn on_packet(&mut self, packet: Packet) {
        // TODO before up: CONNACK 0, on_up; another return code: fail. Up: PUBACK, on_puback;
        //      PUBLISH at QoS 0 or 1, on_command; SUBACK of our SUBSCRIBE, subscribed unless
        //      0x80; PINGRESP, no PINGREQ out any more. Anything else: fail.
        todo!("act on a packet")
    }

    /// CONNACK 0: the unacknowledged readings again (DUP, same ids), the subscription if the
    /// session lacks it, the birth, then new readings.
    fn on_up(&mut self, session_present: bool) {
        // TODO failures back to 0; Phase::Up. Then, in this order:
        //      1. each held reading with an id: PUBLISH again, DUP 1, the same id (4.4);
        //      2. session not present, or no SUBACK yet: SUBSCRIBE to `devices/<id>/cmd`, QoS 1;
        //      3. the birth `online` on `devices/<id>/status`, QoS 1, RETAIN 1, a new id;
        //      4. pump.
        todo!("the connection is up")
    }

    /// A PUBACK: the reading (or the birth) with that id is delivered. An unknown id (a
    /// reading dropped from a full queue, a duplicate PUBACK) is ignored.
    fn on_puback(&mut self, packet_id: u16) {
        // TODO the birth's id: forget it. A held reading's: remove it, then pump.
        todo!("a PUBACK")
    }

    /// A PUBLISH from the broker: acknowledged if QoS 1, acted on unless it is a resend (DUP)
    /// of a command already acted on (same id, same payload).
    fn on_command(&mut self, dup: bool, packet_id: Option<u16>, topic: &str, payload: Vec<u8>) {
        // TODO on the cmd topic and not a duplicate: `command <payload>` on stdout, flushed;
        //      remember (id, payload), the oldest forgotten beyond REMEMBERED. Then a PUBACK if
        //      it has an id, duplicate or not.
        todo!("a command")
    }

    /// While up, send the waiting readings, in order, as the window allows.
    fn pump(&mut self) {
        // TODO count those in flight (with an id); while under WINDOW, give the first reading
        //      without an id a new one and PUBLISH it, DUP 0.
        todo!("send waiting readings")
    }

    /// A packet id in 1..=65535 that no unacknowledged packet has, the next after the last
    /// given: an id comes back only after 65,535 others.
    fn new_packet_id(&mut self) -> u16 {
        // TODO the next after last_id (after 65535: 1), skipping the birth's, the SUBSCRIBE's
        //      and every held reading's.
        todo!("a free packet id")
    }

    /// One read(2) of stdin: each whole line a reading; 0 is the end.
    /// C: `n = read(0, buf, sizeof buf);`
    /// nix: `unistd::read(std::io::stdin().as_fd(), buf)`.
    fn read_stdin(&mut self, buf: &mut [u8]) {
        // TODO read; 0 (or an error): stdin closed, and a last line without its '\n' ends.
        //      Each byte: '\n' ends the line (end_of_line); else onto `line`, up to MAX_LINE.
        todo!("read stdin")
    }

    fn end_of_line(&mut self) {
        // TODO too long: say so on stderr; empty: skip; else add_reading.
        todo!("a line is complete")
    }

    /// A new reading; with the queue full, the oldest is dropped first, and counted.
    fn add_reading(&mut self, payload: Vec<u8>) {
        // TODO `held` at queue_bound: drop the front, count it, `dropped <n>` on stderr. Push
        //      the new one (no id yet), then pump.
        todo!("a new reading")
    }

    /// A failure: the connection closed (no DISCONNECT: the broker publishes the will), and
    /// the next attempt after the backoff.
    fn fail(&mut self, why: &str) {
        // TODO drop the Conn (close(2)); forget the birth's and the SUBSCRIBE's ids (a new
        //      connection sends its own); fail_at_start.
        todo!("a failure")
    }

    /// After the n-th failure in a row, wait a random time in [d/2, d], d = min(max, min ×
    /// 2^(n-1)) ms: exponential, bounded, and two devices never in step.
    fn fail_at_start(&mut self, why: &str) {
        // TODO one more failure; d, with saturating arithmetic (2^(n-1) overflows soon); the
        //      wait d/2 + random() % (d - d/2 + 1); say why and how long on stderr; retry_at.
        todo!("the backoff")
    }

    /// xorshift64*: enough to keep devices out of step, no cryptography.
    fn random(&mut self) -> u64 {
        // TODO x ^= x >> 12; x ^= x << 25; x ^= x >> 27; return x × 0x2545f4914f6cdd1d.
        todo!("a random number")
    }

    /// The end: if up, DISCONNECT (the broker then discards the will), sent within GOODBYE;
    /// then shutdown(SHUT_WR) and read until the broker closes, so that close(2) finds nothing
    /// unread and sends no reset that could overtake the DISCONNECT.
    /// C: `send(fd, "\xe0\x00", 2, MSG_NOSIGNAL); shutdown(fd, SHUT_WR);
    ///     while (recv(fd, buf, sizeof buf, 0) > 0) {} close(fd);`
    /// nix: `socket::shutdown(fd.as_raw_fd(), Shutdown::Write)`.
    fn goodbye(&mut self) {
        // TODO not up: nothing to say. Else send DISCONNECT; flush until `out` is empty or
        //      GOODBYE has passed (wait_for POLLOUT); shutdown the write side; recv until 0, an
        //      error or GOODBYE.
        todo!("say goodbye")
    }
}

/// A PUBLISH at QoS 1.
fn publish(topic: &str, dup: bool, packet_id: u16, payload: &[u8], retain: bool) -> Packet {
    // TODO a Packet::Publish.
    todo!("a PUBLISH at QoS 1")
}

/// poll(2) on one descriptor until `until`: whether it became ready.
fn wait_for(fd: &OwnedFd, events: PollFlags, until: Instant) -> bool {
    // TODO the time left in ms as a PollTimeout; poll one PollFd; more than 0 ready.
    todo!("wait for one descriptor")
}

/// The jitter's seed: the clock's nanoseconds and the process id, so that devices started
/// together still draw differently.
fn seed() -> u64 {
    // TODO SystemTime's nanoseconds since the epoch, mixed with the pid; never 0 (xorshift
    //      would stay at 0).
    todo!("a seed")
}
