//! Day 8 — the device: an MQTT 3.1.1 client that a flaky broker and a flaky network cannot make
//! lose a reading (reference solution).
//!
//! `sensor-device <host> <port> <client-id> <keep-alive-s> <queue-bound> <backoff-min-ms>
//! <backoff-max-ms>` publishes each line of stdin as a reading, QoS 1, on
//! `devices/<id>/readings`, and prints `command <payload>` for each PUBLISH on
//! `devices/<id>/cmd`. The contract is course.md#day8-device; this program is one way to keep
//! it, with one thread and poll(2) on three descriptors:
//! - the socket to the broker (non-blocking, so that connect, send and recv never wait);
//! - stdin, one reading per line;
//! - a signalfd(2) for SIGINT and SIGTERM, blocked everywhere else: a signal is one more thing
//!   poll reports, handled at one place of the loop.
//!
//! Every reading not yet acknowledged stays in `held`, oldest first, with its packet id once it
//! has been sent: a drop loses nothing, and the next connection sends those with an id again,
//! DUP set, before anything new (4.4). Every timer (the retry, the CONNACK, the next PINGREQ,
//! the PINGRESP) is an instant, and poll's timeout is the nearest one.

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
fn parse_args(args: &[String]) -> Option<Config> {
    let [host, port, id, keep_alive, bound, min, max] = args else {
        return None;
    };
    // Rust's parser takes exactly inet_pton's dotted form: four decimal numbers.
    let ip: Ipv4Addr = host.parse().ok()?;
    let port = u16::try_from(number(port)?).ok().filter(|&p| p > 0)?;
    let id_ok = (1..=23).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric());
    let keep_alive = u16::try_from(number(keep_alive)?).ok().filter(|&k| k > 0)?;
    let queue_bound = usize::try_from(number(bound)?).ok().filter(|&b| b > 0)?;
    let (min, max) = (number(min)?, number(max)?);
    if !id_ok || min == 0 || min > max {
        return None;
    }
    let [a, b, c, d] = ip.octets();
    Some(Config {
        broker: SockaddrIn::new(a, b, c, d, port),
        client_id: id.clone(),
        keep_alive,
        queue_bound,
        backoff_min_ms: min,
        backoff_max_ms: max,
    })
}

/// A decimal number, digits only (no sign, no space).
fn number(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// The device's life: poll, act on what is ready, act on the timers; until a signal, or the end
/// of stdin with every reading acknowledged.
fn run(cfg: Config) -> Result<(), String> {
    let signals = block_signals()?;
    let mut device = Device::new(cfg);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        if device.done() {
            device.goodbye();
            return Ok(());
        }
        if device.conn.is_none() && Instant::now() >= device.retry_at {
            device.connect();
        }
        let ready = device.wait(&signals)?;
        if ready.signal {
            device.goodbye();
            return Ok(());
        }
        if ready.stdin {
            device.read_stdin(&mut buf);
        }
        if !ready.socket.is_empty() {
            device.on_socket(ready.socket, &mut buf);
        }
        device.on_timers(Instant::now());
        device.flush();
    }
}

/// SIGINT and SIGTERM blocked (so they never interrupt a call nor kill the device), and a
/// descriptor that poll reports readable when one is pending.
/// C: `sigemptyset(&s); sigaddset(&s, SIGINT); sigaddset(&s, SIGTERM);
///     sigprocmask(SIG_BLOCK, &s, NULL); fd = signalfd(-1, &s, SFD_NONBLOCK | SFD_CLOEXEC);`
fn block_signals() -> Result<SignalFd, String> {
    let mut stop = SigSet::empty();
    stop.add(Signal::SIGINT);
    stop.add(Signal::SIGTERM);
    stop.thread_block()
        .map_err(|e| format!("sigprocmask: {e}"))?;
    SignalFd::with_flags(&stop, SfdFlags::SFD_NONBLOCK | SfdFlags::SFD_CLOEXEC)
        .map_err(|e| format!("signalfd: {e}"))
}

/// What poll found ready.
struct Ready {
    signal: bool,
    stdin: bool,
    socket: PollFlags,
}

impl Device {
    fn new(cfg: Config) -> Device {
        let now = Instant::now();
        Device {
            cfg,
            held: VecDeque::new(),
            dropped: 0,
            conn: None,
            retry_at: now, // the first connection is made at once
            failures: 0,
            last_id: 0,
            birth_id: None,
            subscribe_id: None,
            subscribed: false,
            acted: VecDeque::new(),
            stdin_open: true,
            line: Vec::new(),
            line_too_long: false,
            rng: seed(),
        }
    }

    fn topic(&self, leaf: &str) -> String {
        format!("devices/{}/{leaf}", self.cfg.client_id)
    }

    /// stdin is at its end and every reading is acknowledged: time to go, once a connection in
    /// progress has come up (so that it ends with a DISCONNECT, not a will) or failed.
    fn done(&self) -> bool {
        !self.stdin_open
            && self.held.is_empty()
            && self.conn.as_ref().is_none_or(|c| c.phase == Phase::Up)
    }

    /// One poll(2) on the signals, stdin (while open) and the socket (if any), until the nearest
    /// timer.
    /// C: `struct pollfd fds[3] = {{sfd, POLLIN}, {0, POLLIN}, {sock, POLLIN | POLLOUT}};
    ///     poll(fds, n, timeout_ms);`
    fn wait(&self, signals: &SignalFd) -> Result<Ready, String> {
        let stdin = std::io::stdin();
        let mut fds = vec![PollFd::new(signals.as_fd(), PollFlags::POLLIN)];
        if self.stdin_open {
            fds.push(PollFd::new(stdin.as_fd(), PollFlags::POLLIN));
        }
        if let Some(conn) = &self.conn {
            let mut events = PollFlags::POLLIN;
            if conn.phase == Phase::Connecting || !conn.out.is_empty() {
                events |= PollFlags::POLLOUT;
            }
            fds.push(PollFd::new(conn.fd.as_fd(), events));
        }
        let timeout = self.next_timer().map(|at| {
            let ms = at.saturating_duration_since(Instant::now()).as_millis() + 1;
            PollTimeout::try_from(ms.min(i32::MAX as u128)).unwrap_or(PollTimeout::MAX)
        });
        match poll(&mut fds, timeout.unwrap_or(PollTimeout::NONE)) {
            Ok(_) | Err(Errno::EINTR) => {}
            Err(e) => return Err(format!("poll: {e}")),
        }
        let got = |i: usize| {
            fds.get(i)
                .and_then(PollFd::revents)
                .unwrap_or(PollFlags::empty())
        };
        let socket_at = if self.stdin_open { 2 } else { 1 };
        Ok(Ready {
            signal: !got(0).is_empty(),
            stdin: self.stdin_open && !got(1).is_empty(),
            socket: if self.conn.is_some() {
                got(socket_at)
            } else {
                PollFlags::empty()
            },
        })
    }

    /// The nearest instant at which a timer fires.
    fn next_timer(&self) -> Option<Instant> {
        let keep_alive = Duration::from_secs(self.cfg.keep_alive.into());
        match &self.conn {
            None => Some(self.retry_at),
            Some(c) if c.phase != Phase::Up => Some(c.deadline),
            Some(c) => Some(match c.ping_sent {
                Some(sent) => sent + keep_alive,
                None => c.last_sent + keep_alive,
            }),
        }
    }

    /// The timers: a connection not up by its deadline, a PINGRESP that did not come, a PINGREQ
    /// due.
    fn on_timers(&mut self, now: Instant) {
        let keep_alive = Duration::from_secs(self.cfg.keep_alive.into());
        let Some(conn) = &mut self.conn else {
            return;
        };
        if conn.phase != Phase::Up {
            if now >= conn.deadline {
                self.fail(&format!("not connected within {}s", self.cfg.keep_alive));
            }
            return;
        }
        match conn.ping_sent {
            Some(sent) if now >= sent + keep_alive => {
                self.fail("no PINGRESP within the keep alive: the link is dead");
            }
            None if now >= conn.last_sent + keep_alive => {
                conn.ping_sent = Some(now);
                self.send(&Packet::Pingreq);
            }
            _ => {}
        }
    }

    /// Start a connection: a non-blocking socket, connect(2), then CONNECT once it is made.
    /// C: `fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    ///     connect(fd, (struct sockaddr *)&a, sizeof a);` (-1 with EINPROGRESS: under way)
    fn connect(&mut self) {
        let now = Instant::now();
        let fd = match socket::socket(
            AddressFamily::Inet,
            SockType::Stream,
            SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC,
            None,
        ) {
            Ok(fd) => fd,
            Err(e) => return self.fail_at_start(&format!("socket: {e}")),
        };
        let phase = match socket::connect(fd.as_raw_fd(), &self.cfg.broker) {
            Ok(()) => Phase::Connected,
            Err(Errno::EINPROGRESS | Errno::EINTR) => Phase::Connecting,
            Err(e) => return self.fail_at_start(&format!("connect: {e}")),
        };
        self.conn = Some(Conn {
            fd,
            phase,
            out: Vec::new(),
            input: Vec::new(),
            deadline: now + Duration::from_secs(self.cfg.keep_alive.into()),
            last_sent: now,
            ping_sent: None,
        });
        if phase == Phase::Connected {
            self.send_connect();
        }
    }

    /// The CONNECT of the contract: clean session 0, the will `offline`, retained, QoS 1.
    fn send_connect(&mut self) {
        let will = Will {
            topic: self.topic("status"),
            payload: b"offline".to_vec(),
            qos: 1,
            retain: true,
        };
        let connect = Packet::Connect {
            clean_session: false,
            keep_alive: self.cfg.keep_alive,
            client_id: self.cfg.client_id.clone(),
            will: Some(will),
            username: None,
            password: None,
        };
        if let Some(conn) = &mut self.conn {
            conn.phase = Phase::Connected;
            // The CONNACK's time counts from the CONNECT.
            conn.deadline = Instant::now() + Duration::from_secs(self.cfg.keep_alive.into());
        }
        self.send(&connect);
    }

    /// Encode a packet into the connection's output; `flush` sends it.
    fn send(&mut self, packet: &Packet) {
        if let Some(conn) = &mut self.conn {
            encode(packet, &mut conn.out);
        }
    }

    /// Send what the connection's output holds, as much as the socket takes now.
    /// C: `n = send(fd, out, len, MSG_NOSIGNAL);` (-1 with EAGAIN: the socket is full, poll for
    /// POLLOUT)
    fn flush(&mut self) {
        let Some(conn) = &mut self.conn else {
            return;
        };
        while !conn.out.is_empty() && conn.phase != Phase::Connecting {
            match socket::send(conn.fd.as_raw_fd(), &conn.out, MsgFlags::MSG_NOSIGNAL) {
                Ok(n) => {
                    conn.out.drain(..n);
                    conn.last_sent = Instant::now();
                }
                Err(Errno::EINTR) => {}
                Err(Errno::EAGAIN) => return,
                Err(e) => return self.fail(&format!("send: {e}")),
            }
        }
    }

    /// What poll said of the socket.
    fn on_socket(&mut self, ready: PollFlags, buf: &mut [u8]) {
        let Some(conn) = &self.conn else {
            return;
        };
        if conn.phase == Phase::Connecting {
            // connect(2) has ended: SO_ERROR says how.
            // C: `getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);`
            match socket::getsockopt(&conn.fd, sockopt::SocketError) {
                Ok(0) => self.send_connect(),
                Ok(err) => self.fail(&format!("connect: {}", Errno::from_raw(err))),
                Err(e) => self.fail(&format!("getsockopt: {e}")),
            }
            return;
        }
        if ready.intersects(PollFlags::POLLIN | PollFlags::POLLHUP | PollFlags::POLLERR) {
            self.receive(buf);
        }
    }

    /// One recv(2), then every whole packet it completes.
    /// C: `n = recv(fd, buf, sizeof buf, 0);` (0: the broker closed)
    fn receive(&mut self, buf: &mut [u8]) {
        let Some(conn) = &mut self.conn else {
            return;
        };
        match socket::recv(conn.fd.as_raw_fd(), buf, MsgFlags::empty()) {
            Ok(0) => return self.fail("the broker closed the connection"),
            Ok(n) => conn.input.extend_from_slice(&buf[..n]),
            Err(Errno::EAGAIN | Errno::EINTR) => return,
            Err(e) => return self.fail(&format!("recv: {e}")),
        }
        loop {
            let Some(conn) = &mut self.conn else {
                return; // a packet ended the connection
            };
            match decode(&conn.input) {
                Ok(Some((packet, n))) => {
                    conn.input.drain(..n);
                    self.on_packet(packet);
                }
                Ok(None) => return,
                Err(e) => return self.fail(&format!("from the broker: {e}")),
            }
        }
    }

    /// A packet from the broker.
    fn on_packet(&mut self, packet: Packet) {
        let up = self.conn.as_ref().is_some_and(|c| c.phase == Phase::Up);
        match packet {
            Packet::Connack {
                session_present,
                return_code: 0,
            } if !up => self.on_up(session_present),
            Packet::Connack { return_code, .. } if !up => {
                self.fail(&format!("CONNACK return code {return_code}"));
            }
            Packet::Puback { packet_id } if up => self.on_puback(packet_id),
            Packet::Publish {
                dup,
                qos: qos @ (0 | 1),
                topic,
                packet_id,
                payload,
                ..
            } if up => self.on_command(dup && qos == 1, packet_id, &topic, payload),
            Packet::Suback {
                packet_id,
                return_codes,
            } if up && Some(packet_id) == self.subscribe_id => {
                self.subscribe_id = None;
                self.subscribed = return_codes.first().is_some_and(|&c| c != 0x80);
            }
            Packet::Suback { .. } if up => {}
            Packet::Pingresp if up => {
                if let Some(conn) = &mut self.conn {
                    conn.ping_sent = None;
                }
            }
            other => self.fail(&format!("unexpected from the broker: {other:?}")),
        }
    }

    /// CONNACK 0: the unacknowledged readings again (DUP, same ids), the subscription if the
    /// session lacks it, the birth, then new readings.
    fn on_up(&mut self, session_present: bool) {
        self.failures = 0;
        if let Some(conn) = &mut self.conn {
            conn.phase = Phase::Up;
        }
        let topic = self.topic("readings");
        let resend: Vec<Packet> = self
            .held
            .iter()
            .filter_map(|r| Some(publish(&topic, true, r.packet_id?, &r.payload, false)))
            .collect();
        for packet in &resend {
            self.send(packet);
        }
        if !session_present || !self.subscribed {
            self.subscribed = false;
            let packet_id = self.new_packet_id();
            self.subscribe_id = Some(packet_id);
            let filters = vec![(self.topic("cmd"), 1)];
            self.send(&Packet::Subscribe { packet_id, filters });
        }
        let birth_id = self.new_packet_id();
        self.birth_id = Some(birth_id);
        self.send(&publish(
            &self.topic("status"),
            false,
            birth_id,
            b"online",
            true,
        ));
        self.pump();
    }

    /// A PUBACK: the reading (or the birth) with that id is delivered. An unknown id (a
    /// reading dropped from a full queue, a duplicate PUBACK) is ignored.
    fn on_puback(&mut self, packet_id: u16) {
        if self.birth_id == Some(packet_id) {
            self.birth_id = None;
        } else if let Some(i) = self
            .held
            .iter()
            .position(|r| r.packet_id == Some(packet_id))
        {
            self.held.remove(i);
            self.pump();
        }
    }

    /// A PUBLISH from the broker: acknowledged if QoS 1, acted on unless it is a resend (DUP)
    /// of a command already acted on (same id, same payload).
    fn on_command(&mut self, dup: bool, packet_id: Option<u16>, topic: &str, payload: Vec<u8>) {
        let known = |(id, p): &(u16, Vec<u8>)| Some(*id) == packet_id && *p == payload;
        let duplicate = dup && self.acted.iter().any(known);
        if topic == self.topic("cmd") && !duplicate {
            let mut stdout = std::io::stdout().lock();
            let _ = stdout
                .write_all(b"command ")
                .and_then(|()| stdout.write_all(&payload))
                .and_then(|()| stdout.write_all(b"\n"))
                .and_then(|()| stdout.flush());
            if let Some(id) = packet_id {
                if self.acted.len() == REMEMBERED {
                    self.acted.pop_front();
                }
                self.acted.push_back((id, payload));
            }
        }
        if let Some(packet_id) = packet_id {
            self.send(&Packet::Puback { packet_id });
        }
    }

    /// While up, send the waiting readings, in order, as the window allows.
    fn pump(&mut self) {
        if !self.conn.as_ref().is_some_and(|c| c.phase == Phase::Up) {
            return;
        }
        let topic = self.topic("readings");
        let mut in_flight = self.held.iter().filter(|r| r.packet_id.is_some()).count();
        while in_flight < WINDOW {
            let Some(i) = self.held.iter().position(|r| r.packet_id.is_none()) else {
                return;
            };
            let packet_id = self.new_packet_id();
            self.held[i].packet_id = Some(packet_id);
            let packet = publish(&topic, false, packet_id, &self.held[i].payload, false);
            self.send(&packet);
            in_flight += 1;
        }
    }

    /// A packet id in 1..=65535 that no unacknowledged packet has, the next after the last
    /// given: an id comes back only after 65,535 others.
    fn new_packet_id(&mut self) -> u16 {
        loop {
            self.last_id = self.last_id.checked_add(1).unwrap_or(1);
            let id = Some(self.last_id);
            let used = self.birth_id == id
                || self.subscribe_id == id
                || self.held.iter().any(|r| r.packet_id == id);
            if !used {
                return self.last_id;
            }
        }
    }

    /// One read(2) of stdin: each whole line a reading; 0 is the end.
    /// C: `n = read(0, buf, sizeof buf);`
    fn read_stdin(&mut self, buf: &mut [u8]) {
        let n = match unistd::read(std::io::stdin().as_fd(), buf) {
            Ok(n) => n,
            Err(Errno::EINTR | Errno::EAGAIN) => return,
            Err(e) => {
                eprintln!("sensor-device: stdin: {e}");
                0
            }
        };
        if n == 0 {
            self.stdin_open = false;
            self.end_of_line(); // a last line without its '\n'
            return;
        }
        for &byte in &buf[..n] {
            if byte == b'\n' {
                self.end_of_line();
            } else if self.line.len() < MAX_LINE {
                self.line.push(byte);
            } else {
                self.line_too_long = true;
            }
        }
    }

    fn end_of_line(&mut self) {
        let line = std::mem::take(&mut self.line);
        if std::mem::take(&mut self.line_too_long) {
            eprintln!("sensor-device: a line over {MAX_LINE} bytes, skipped");
        } else if !line.is_empty() {
            self.add_reading(line);
        }
    }

    /// A new reading; with the queue full, the oldest is dropped first, and counted.
    fn add_reading(&mut self, payload: Vec<u8>) {
        if self.held.len() >= self.cfg.queue_bound {
            self.held.pop_front();
            self.dropped += 1;
            eprintln!("dropped {}", self.dropped);
        }
        self.held.push_back(Reading {
            payload,
            packet_id: None,
        });
        self.pump();
    }

    /// A failure: the connection closed (no DISCONNECT: the broker publishes the will), and
    /// the next attempt after the backoff.
    fn fail(&mut self, why: &str) {
        self.conn = None; // close(2)
        self.birth_id = None;
        self.subscribe_id = None;
        self.fail_at_start(why);
    }

    /// After the n-th failure in a row, wait a random time in [d/2, d], d = min(max, min ×
    /// 2^(n-1)) ms: exponential, bounded, and two devices never in step.
    fn fail_at_start(&mut self, why: &str) {
        self.failures = self.failures.saturating_add(1);
        let doubled = 2u64.saturating_pow(self.failures - 1);
        let d = self
            .cfg
            .backoff_max_ms
            .min(self.cfg.backoff_min_ms.saturating_mul(doubled));
        let wait = d / 2 + self.random() % (d - d / 2 + 1);
        eprintln!("sensor-device: {why}; connecting again in {wait} ms");
        self.retry_at = Instant::now() + Duration::from_millis(wait);
    }

    /// xorshift64*: enough to keep devices out of step, no cryptography.
    fn random(&mut self) -> u64 {
        self.rng ^= self.rng >> 12;
        self.rng ^= self.rng << 25;
        self.rng ^= self.rng >> 27;
        self.rng.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// The end: if up, DISCONNECT (the broker then discards the will), sent within GOODBYE;
    /// then shutdown(SHUT_WR) and read until the broker closes, so that close(2) finds nothing
    /// unread and sends no reset that could overtake the DISCONNECT.
    /// C: `send(fd, "\xe0\x00", 2, MSG_NOSIGNAL); shutdown(fd, SHUT_WR);
    ///     while (recv(fd, buf, sizeof buf, 0) > 0) {} close(fd);`
    fn goodbye(&mut self) {
        if !self.conn.as_ref().is_some_and(|c| c.phase == Phase::Up) {
            return;
        }
        self.send(&Packet::Disconnect);
        let until = Instant::now() + GOODBYE;
        while self.conn.as_ref().is_some_and(|c| !c.out.is_empty()) && Instant::now() < until {
            self.flush();
            if let Some(conn) = &self.conn {
                wait_for(&conn.fd, PollFlags::POLLOUT, until);
            }
        }
        let Some(conn) = self.conn.take() else {
            return;
        };
        let _ = socket::shutdown(conn.fd.as_raw_fd(), Shutdown::Write);
        let until = Instant::now() + GOODBYE;
        let mut buf = [0u8; 4096];
        while wait_for(&conn.fd, PollFlags::POLLIN, until) {
            match socket::recv(conn.fd.as_raw_fd(), &mut buf, MsgFlags::empty()) {
                Ok(0) => break,
                Ok(_) | Err(Errno::EAGAIN | Errno::EINTR) => {}
                Err(_) => break,
            }
        }
    }
}

/// A PUBLISH at QoS 1.
fn publish(topic: &str, dup: bool, packet_id: u16, payload: &[u8], retain: bool) -> Packet {
    Packet::Publish {
        dup,
        qos: 1,
        retain,
        topic: topic.to_owned(),
        packet_id: Some(packet_id),
        payload: payload.to_vec(),
    }
}

/// poll(2) on one descriptor until `until`: whether it became ready.
fn wait_for(fd: &OwnedFd, events: PollFlags, until: Instant) -> bool {
    let ms = until.saturating_duration_since(Instant::now()).as_millis();
    let timeout = PollTimeout::try_from(ms).unwrap_or(PollTimeout::MAX);
    let mut fds = [PollFd::new(fd.as_fd(), events)];
    matches!(poll(&mut fds, timeout), Ok(n) if n > 0)
}

/// The jitter's seed: the clock's nanoseconds and the process id, so that devices started
/// together still draw differently.
fn seed() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let pid = u64::from(std::process::id());
    (nanos ^ (pid << 32) ^ pid.rotate_left(17)) | 1
}
