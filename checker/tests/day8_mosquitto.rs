//! day8-device's reference device against the production broker: Debian's Eclipse Mosquitto 2.0
//! (`.ci/run` installs it), restarted mid-run, with its session store on disk, while a subscriber
//! with a persistent session of its own counts what arrives. The promise of issue 69: every
//! reading arrives exactly once, through a broker restart.
//!
//! **What exactly once means here.** QoS 1 is "at least once" on each leg (4.3.2), and a broker
//! does not deduplicate a QoS 1 PUBLISH. So the test asks what a correct device makes true, and
//! what only a broken one breaks:
//! - every reading arrives at the subscriber (none lost in flight, none lost while the broker
//!   was down: the device queues and resends them);
//! - the first arrivals are the readings in the order they were read;
//! - the device sends each reading once as new (DUP 0), and again only with DUP set;
//! - a reading arrives more than once only as QoS 1 allows: a copy the broker flagged DUP (its
//!   own resend to the subscriber, 4.4, on the subscriber's reconnect), or one copy for each
//!   time a broker received the reading from the device (a resend whose first sending the
//!   stopped broker had taken without its PUBACK reaching the device: the broker takes the
//!   resend as a new message, 3.3.1.1). What the brokers received is read from mosquitto's own
//!   log (`Received PUBLISH from <id> (d<dup>, q1, r0, m<id>, '<topic>', ... (<n> bytes))`):
//!   each reading has a payload of its own length, so the log's byte count names it, whatever
//!   packet ids the device chooses. A reading published twice as new, or an acknowledged one
//!   sent again, is a duplicate nothing explains, and fails.
//!
//! The run is driven by events, never by a sleep that decides: the broker is up once its log
//! says `running`, down once its process has exited; the subscriber is subscribed at its SUBACK
//! and back at its CONNACK (session present, or the test says the store failed, not the device);
//! once the subscriber has a third of the readings, the broker is frozen (SIGSTOP), a burst of
//! readings is written, and the broker is stopped (SIGTERM, SIGCONT: it saves its store and
//! exits without reading on) once the device's PUBLISHes wait unread in its socket
//! (`/proc/net/tcp`): so readings are in flight at the stop, never to be acknowledged by that
//! broker, whatever the device's window. A quarter of the readings come while no broker runs.
//! The end is the device's exit (stdin closed, every reading acknowledged) and a PINGREQ round
//! trip of the subscriber after it, which mosquitto answers after what it queued before. The
//! deadlines only bound a hang; the pacing (a few ms between readings) spreads the readings
//! around the restart and decides nothing. A run takes about 1 s.
//!
//! The C track's reference runs the same scenario (the test at the end).

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Readings fed to the device: a third before the restart, a sixth in flight at it, a quarter
/// while the broker is down, a quarter after.
const READINGS: usize = 200;
/// A deadline that only bounds a hang: nothing in the run comes near it on a quiet machine.
const HANG: Duration = Duration::from_secs(60);
const DEVICE_ID: &str = "d8mosq";
const SUBSCRIBER_ID: &str = "d8watcher";

/// The Rust track's reference device, built.
fn rust_reference_device() -> PathBuf {
    common::reference_binaries("day8-device").join("sensor-device")
}

/// The C track's reference device, built with its Makefile in a tree of its own (the lab's
/// `c/solutions/` stays as it is).
fn c_reference_device() -> PathBuf {
    let tree = common::c_tree("day8-mosquitto-c", &["day8-device"], &[]).unwrap();
    let dir = tree.join("day8-device");
    let status = Command::new("make")
        .arg("-C")
        .arg(&dir)
        .arg("-s")
        .status()
        .expect("run make");
    assert!(status.success(), "make could not build {}", dir.display());
    dir.join("sensor-device")
}

#[test]
fn rust_reference_device_delivers_every_reading_through_a_mosquitto_restart() {
    delivers_every_reading_through_a_restart(&rust_reference_device());
}

#[test]
fn c_reference_device_delivers_every_reading_through_a_mosquitto_restart() {
    delivers_every_reading_through_a_restart(&c_reference_device());
}

/// The scenario, for the device at `program`.
fn delivers_every_reading_through_a_restart(program: &std::path::Path) {
    assert!(
        Command::new("sh")
            .args(["-c", "command -v mosquitto || test -x /usr/sbin/mosquitto"])
            .output()
            .is_ok_and(|o| o.status.success()),
        "mosquitto is missing: install Debian's mosquitto (.ci/run does)"
    );
    let store = tempdir("day8-mosquitto");
    // Kept for the whole run: the broker restarts on it, and no other test may take it meanwhile.
    let reserved = common::ReservedPort::new();
    let port = reserved.port;
    let mut broker = Mosquitto::start(&store, port);
    let (subscriber, arrivals) = Subscriber::start(port);
    let mut device = Device::start(program, port);
    // `reading-0001-x`, `reading-0002-xx`, ...: each one's length names it in mosquitto's log.
    let readings: Vec<String> = (1..=READINGS)
        .map(|i| format!("reading-{i:04}-{}", "x".repeat(i)))
        .collect();
    let mut seen = Seen::default();

    // A third of the readings, paced. Once the subscriber has them, the broker is frozen
    // (SIGSTOP), the rest of the first half comes in a burst, and the broker is stopped
    // (SIGTERM, SIGCONT) once the device's PUBLISHes wait unread in its socket: readings are in
    // flight, sent and never to be acknowledged by this broker, whatever the device's design.
    let third = READINGS / 3;
    device.feed(&readings[..third], Duration::from_millis(5));
    seen.wait_for(&arrivals, &readings[third - 1], "before the restart");
    broker.freeze();
    device.feed(&readings[third..READINGS / 2], Duration::ZERO);
    wait_until_unread_by_broker(port, subscriber.local_port);
    let first_log = broker.stop();
    // The broker is down: readings keep coming (the device holds them), then the same port again.
    device.feed(
        &readings[READINGS / 2..READINGS * 3 / 4],
        Duration::from_millis(2),
    );
    let mut broker = Mosquitto::start(&store, port);
    subscriber.reconnect();
    device.feed(&readings[READINGS * 3 / 4..], Duration::from_millis(5));
    let status = device.finish();
    assert!(
        status.success(),
        "the device ended with {status} at the end of stdin: {}",
        device.stderr()
    );
    seen.wait_for(&arrivals, &readings[READINGS - 1], "at the end");
    subscriber.barrier();
    seen.drain(&arrivals);
    let mut log = first_log;
    log.extend(broker.stop());
    let receipts = broker_receipts(&log, &readings);
    judge(&readings, &seen, &receipts, &device.stderr(), &log);
    let _ = std::fs::remove_dir_all(&store);
}

/// What the subscriber has received: each payload's arrivals, with and without DUP, and the
/// payloads in the order they first came.
#[derive(Default)]
struct Seen {
    first: Vec<String>,
    plain: BTreeMap<String, usize>,
    flagged_dup: BTreeMap<String, usize>,
    session_present_on_return: Option<bool>,
}

impl Seen {
    fn note(&mut self, event: Event) {
        match event {
            Event::Publish { dup, payload } => {
                if !self.plain.contains_key(&payload) && !self.flagged_dup.contains_key(&payload) {
                    self.first.push(payload.clone());
                }
                let counts = if dup {
                    &mut self.flagged_dup
                } else {
                    &mut self.plain
                };
                *counts.entry(payload).or_default() += 1;
            }
            Event::Back { session_present } => {
                self.session_present_on_return = Some(session_present);
            }
            Event::Pong => {}
        }
    }

    /// Take arrivals until `payload` has come; a hang fails with what came.
    fn wait_for(&mut self, arrivals: &Receiver<Event>, payload: &str, when: &str) {
        let deadline = Instant::now() + HANG;
        while !self.first.iter().any(|p| p == payload) {
            let left = deadline.saturating_duration_since(Instant::now());
            match arrivals.recv_timeout(left) {
                Ok(event) => self.note(event),
                Err(RecvTimeoutError::Timeout) => panic!(
                    "{when}: {payload} never reached the subscriber in {HANG:?}; it has {} readings, the last {:?}",
                    self.first.len(),
                    self.first.last()
                ),
                Err(RecvTimeoutError::Disconnected) => panic!("the subscriber's thread ended"),
            }
        }
    }

    /// Take every arrival up to the subscriber's PINGRESP (after `Subscriber::barrier`).
    fn drain(&mut self, arrivals: &Receiver<Event>) {
        loop {
            match arrivals.recv_timeout(HANG) {
                Ok(Event::Pong) => return,
                Ok(event) => self.note(event),
                Err(e) => panic!("no PINGRESP for the subscriber's barrier: {e:?}"),
            }
        }
    }
}

/// The verdict, from what arrived and what the brokers received.
fn judge(
    readings: &[String],
    seen: &Seen,
    receipts: &[Receipts],
    device_stderr: &str,
    log: &[String],
) {
    assert_eq!(
        seen.session_present_on_return,
        Some(true),
        "the subscriber's session did not survive the restart (mosquitto's store): the test could not judge the device"
    );
    let missing: Vec<&String> = readings
        .iter()
        .filter(|r| !seen.first.contains(r))
        .collect();
    assert!(
        missing.is_empty(),
        "readings lost: {:?}\ndevice's stderr:\n{device_stderr}\nthe brokers' log of them:\n{}",
        // Named by their number (`reading-0068`), without the padding.
        missing.iter().map(|r| &r[..12]).collect::<Vec<_>>(),
        log_of(log, &missing).join("\n")
    );
    if seen.first != readings {
        let first: Vec<&str> = seen.first.iter().map(|r| &r[..12]).collect();
        panic!("the readings' first arrivals are out of order: {first:?}");
    }
    // The figures, for `--nocapture`: how much of QoS 1's leeway the run used.
    eprintln!(
        "{} readings; {} copies flagged DUP by the broker; {} resends (DUP) received from the device; {} copies more than one without DUP",
        readings.len(),
        seen.flagged_dup.values().sum::<usize>(),
        receipts.iter().map(|r| r.resent).sum::<usize>(),
        seen.plain
            .values()
            .map(|&n| n.saturating_sub(1))
            .sum::<usize>(),
    );
    let mut unexplained = Vec::new();
    for (reading, got) in readings.iter().zip(receipts) {
        let plain = seen.plain.get(reading).copied().unwrap_or(0);
        if got.new > 1 {
            let name = &reading[..12];
            unexplained.push(format!("{name}: sent {} times as new (DUP 0)", got.new));
        } else if plain > got.new + got.resent {
            unexplained.push(format!(
                "{}: {plain} copies without DUP, the brokers received it {} times",
                &reading[..12],
                got.new + got.resent
            ));
        }
    }
    assert!(
        unexplained.is_empty(),
        "duplicates that QoS 1 does not explain (a reading published twice as new, or an acknowledged one sent again):\n{}",
        unexplained.join("\n")
    );
    assert!(
        !device_stderr.lines().any(|l| l.starts_with("dropped ")),
        "the device dropped readings with a bound of 1000:\n{device_stderr}"
    );
}

/// The brokers' log lines that name one of `readings` (by its length, as mosquitto logs it),
/// with each restart's `running` and the stops between them: where a lost reading went.
fn log_of(log: &[String], readings: &[&String]) -> Vec<String> {
    let lengths: Vec<String> = readings
        .iter()
        .map(|r| format!("({} bytes)", r.len()))
        .collect();
    log.iter()
        .filter(|line| {
            lengths.iter().any(|l| line.contains(l.as_str()))
                || line.contains(" running")
                || line.contains("terminating")
                || line.contains("Saving")
        })
        .cloned()
        .collect()
}

/// How many times the brokers received a reading from the device, as new and with DUP set.
#[derive(Clone, Default)]
struct Receipts {
    new: usize,
    resent: usize,
}

/// Each reading's receipts, from mosquitto's `Received PUBLISH from <id> (d<dup>, q1, r0,
/// m<packet id>, '<topic>', ... (<n> bytes))` lines: the byte count names the reading.
fn broker_receipts(log: &[String], readings: &[String]) -> Vec<Receipts> {
    let prefix = format!("Received PUBLISH from {DEVICE_ID} (");
    let topic = format!("'devices/{DEVICE_ID}/readings'");
    let by_length: BTreeMap<usize, usize> = readings
        .iter()
        .enumerate()
        .map(|(i, r)| (r.len(), i))
        .collect();
    let mut receipts = vec![Receipts::default(); readings.len()];
    for line in log {
        let Some((_, rest)) = line.split_once(&prefix) else {
            continue;
        };
        if !rest.contains(&topic) {
            continue;
        }
        let length = rest
            .rsplit_once(" (")
            .and_then(|(_, n)| n.split(' ').next()?.parse::<usize>().ok());
        let Some(&i) = length.and_then(|n| by_length.get(&n)) else {
            panic!("a reading mosquitto received is none of the test's: {line}");
        };
        if rest.starts_with("d1") {
            receipts[i].resent += 1;
        } else {
            receipts[i].new += 1;
        }
    }
    receipts
}

/// A private directory for mosquitto's store (`CARGO_TARGET_TMPDIR`, fresh for each run).
fn tempdir(name: &str) -> PathBuf {
    let dir = common::scratch().join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the store's directory");
    dir
}

/// A mosquitto on `port` with its store in a directory: what it holds at SIGTERM (sessions,
/// their subscriptions and queued messages) the next one on the same directory takes up.
struct Mosquitto {
    child: Child,
    log: Arc<Mutex<Vec<String>>>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Mosquitto {
    /// Start it and wait for its `running` line (its listener is open by then).
    fn start(store: &std::path::Path, port: u16) -> Mosquitto {
        // `user root`: run as root (CI), mosquitto would become `mosquitto`, who cannot write
        // the store; as anyone else the line does nothing.
        let config = store.join("mosquitto.conf");
        std::fs::write(
            &config,
            format!(
                "listener {port} 127.0.0.1\nallow_anonymous true\npersistence true\n\
                 persistence_location {}/\nuser root\nlog_dest stderr\nlog_type all\n",
                store.display()
            ),
        )
        .expect("write mosquitto.conf");
        let program = if std::path::Path::new("/usr/sbin/mosquitto").exists() {
            "/usr/sbin/mosquitto"
        } else {
            "mosquitto"
        };
        let mut child = Command::new(program)
            .arg("-c")
            .arg(&config)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start mosquitto");
        let log = Arc::new(Mutex::new(Vec::new()));
        let (running_tx, running) = mpsc::channel();
        let stderr = child.stderr.take().expect("mosquitto's stderr");
        let lines = Arc::clone(&log);
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if line.contains(" running") {
                    let _ = running_tx.send(());
                }
                lines.lock().unwrap().push(line);
            }
        });
        let mut broker = Mosquitto {
            child,
            log,
            reader: Some(reader),
        };
        if running.recv_timeout(HANG).is_err() {
            let log = broker.stop();
            panic!("mosquitto on port {port} never said it was running: {log:?}");
        }
        broker
    }

    /// SIGSTOP: it reads nothing more until `stop`.
    fn freeze(&self) {
        let _ = nix::sys::signal::kill(self.pid(), nix::sys::signal::Signal::SIGSTOP);
    }

    fn pid(&self) -> nix::unistd::Pid {
        nix::unistd::Pid::from_raw(self.child.id() as i32)
    }

    /// SIGTERM (mosquitto saves its store), SIGCONT if it was frozen (it then ends without
    /// reading on), and wait for it to exit; its whole log.
    fn stop(&mut self) -> Vec<String> {
        let _ = nix::sys::signal::kill(self.pid(), nix::sys::signal::Signal::SIGTERM);
        let _ = nix::sys::signal::kill(self.pid(), nix::sys::signal::Signal::SIGCONT);
        terminate(&mut self.child);
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        std::mem::take(&mut *self.log.lock().unwrap())
    }
}

impl Drop for Mosquitto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Wait until bytes from a client other than the subscriber (the device's PUBLISHes) wait in
/// the broker's socket, unread (`/proc/net/tcp`'s rx_queue of the broker's side).
fn wait_until_unread_by_broker(port: u16, subscriber_port: u16) {
    let deadline = Instant::now() + HANG;
    loop {
        let table = std::fs::read_to_string("/proc/net/tcp").expect("read /proc/net/tcp");
        let unread: u64 = table
            .lines()
            .skip(1)
            .filter_map(|line| {
                let fields: Vec<&str> = line.split_whitespace().collect();
                let port_of = |a: &str| u16::from_str_radix(a.rsplit(':').next()?, 16).ok();
                let queues = fields.get(4)?.split_once(':')?;
                let ours =
                    port_of(fields.get(1)?)? == port && port_of(fields.get(2)?)? != subscriber_port;
                ours.then(|| u64::from_str_radix(queues.1, 16).ok())?
            })
            .sum();
        if unread > 0 {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the device sent nothing to the frozen broker in {HANG:?}"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// SIGTERM, then wait for the exit; SIGKILL if it has not come within the hang bound.
fn terminate(child: &mut Child) {
    let pid = nix::unistd::Pid::from_raw(child.id() as i32);
    let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM);
    let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGCONT);
    let deadline = Instant::now() + HANG;
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// The device under test, its stdin a pipe the test writes readings to.
struct Device {
    child: Child,
    stdin: Option<ChildStdin>,
    /// The thread reading stderr (whole at the exit), then what it read.
    stderr_reader: Option<std::thread::JoinHandle<String>>,
    stderr: String,
}

impl Device {
    /// Keep alive 60 s (no PINGREQ in the run), a queue of 1,000 (nothing dropped), and a
    /// backoff of 50 to 400 ms: back within 0.4 s of the broker.
    fn start(program: &std::path::Path, port: u16) -> Device {
        let mut child = Command::new(program)
            .args([
                "127.0.0.1",
                &port.to_string(),
                DEVICE_ID,
                "60",
                "1000",
                "50",
                "400",
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", program.display()));
        let mut pipe = child.stderr.take().expect("the device's stderr");
        let stderr_reader = std::thread::spawn(move || {
            let mut all = String::new();
            let _ = pipe.read_to_string(&mut all);
            all
        });
        Device {
            stdin: child.stdin.take(),
            child,
            stderr_reader: Some(stderr_reader),
            stderr: String::new(),
        }
    }

    fn feed(&mut self, readings: &[String], pace: Duration) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        for reading in readings {
            stdin
                .write_all(format!("{reading}\n").as_bytes())
                .and_then(|()| stdin.flush())
                .expect("write a reading to the device");
            std::thread::sleep(pace);
        }
    }

    /// Close stdin, and wait for the exit (every reading acknowledged, then DISCONNECT).
    fn finish(&mut self) -> std::process::ExitStatus {
        drop(self.stdin.take());
        let deadline = Instant::now() + HANG;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                if let Some(reader) = self.stderr_reader.take() {
                    self.stderr = reader.join().unwrap_or_default();
                }
                return status;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        panic!("the device has not exited {HANG:?} after the end of stdin");
    }

    /// What the device wrote on stderr, once it has exited.
    fn stderr(&self) -> String {
        self.stderr.clone()
    }
}

impl Drop for Device {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What the subscriber's thread reports.
enum Event {
    Publish { dup: bool, payload: String },
    Back { session_present: bool },
    Pong,
}

/// Orders to the subscriber's thread.
enum Order {
    Reconnect,
    Barrier,
}

/// A raw MQTT 3.1.1 subscriber (the test's own few packets): clean session 0, a fixed id,
/// `devices/<id>/readings` at QoS 1, every PUBLISH acknowledged and reported with its DUP flag.
struct Subscriber {
    orders: Sender<Order>,
    /// Its first connection's port: its own bytes are not the device's.
    local_port: u16,
}

impl Subscriber {
    /// Connected and subscribed (its SUBACK in) before it returns.
    fn start(port: u16) -> (Subscriber, Receiver<Event>) {
        let (orders, orders_rx) = mpsc::channel();
        let (events_tx, events) = mpsc::channel();
        let (ready_tx, ready) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = mqtt_connect(port).0;
            let local_port = reader.stream.local_addr().map_or(0, |a| a.port());
            mqtt_write(&reader.stream, &subscribe_packet());
            loop {
                match reader.next() {
                    Some((0x90, _)) => break,
                    Some(_) => {}
                    None => panic!("the subscriber got no SUBACK"),
                }
            }
            let _ = ready_tx.send(local_port);
            subscriber_loop(port, reader, &orders_rx, &events_tx);
        });
        let local_port = ready
            .recv_timeout(HANG)
            .expect("the subscriber connected and subscribed");
        (Subscriber { orders, local_port }, events)
    }

    /// The broker is back: connect again (the same session).
    fn reconnect(&self) {
        let _ = self.orders.send(Order::Reconnect);
    }

    /// A PINGREQ: its PINGRESP (reported as `Pong`) comes after what the broker queued before.
    fn barrier(&self) {
        let _ = self.orders.send(Order::Barrier);
    }
}

/// The subscriber's life: acknowledge and report each PUBLISH; once the broker has gone, wait
/// for the order to reconnect (what the old connection still holds is read first).
fn subscriber_loop(
    port: u16,
    mut reader: PacketReader,
    orders: &Receiver<Order>,
    events: &Sender<Event>,
) {
    loop {
        let order = if reader.closed {
            orders.recv().map_err(|_| mpsc::TryRecvError::Disconnected)
        } else {
            orders.try_recv()
        };
        match order {
            Ok(Order::Barrier) => mqtt_write(&reader.stream, &[0xc0, 0x00]),
            Ok(Order::Reconnect) => {
                while !reader.closed {
                    if let Some(packet) = reader.next() {
                        handle(&reader.stream, packet, events);
                    }
                }
                let session_present;
                (reader, session_present) = mqtt_connect(port);
                let _ = events.send(Event::Back { session_present });
            }
            Err(mpsc::TryRecvError::Disconnected) => return,
            Err(mpsc::TryRecvError::Empty) => {}
        }
        if let Some(packet) = reader.next() {
            handle(&reader.stream, packet, events);
        }
    }
}

/// A packet the subscriber received: a PUBLISH acknowledged and reported, a PINGRESP reported.
fn handle(stream: &TcpStream, (first, body): (u8, Vec<u8>), events: &Sender<Event>) {
    match first >> 4 {
        3 => {
            let topic_len = usize::from(u16::from_be_bytes([body[0], body[1]]));
            let id = [body[2 + topic_len], body[3 + topic_len]];
            let payload = String::from_utf8_lossy(&body[4 + topic_len..]).into_owned();
            mqtt_write(stream, &[0x40, 0x02, id[0], id[1]]);
            let dup = first & 0x08 != 0;
            let _ = events.send(Event::Publish { dup, payload });
        }
        13 => {
            let _ = events.send(Event::Pong);
        }
        _ => {}
    }
}

/// Connect (clean session 0, keep alive 60 s) and read the CONNACK: the reader, holding what
/// came after the CONNACK in the same read (a returning session's queued PUBLISHes follow it
/// at once), and whether the broker had the session.
fn mqtt_connect(port: u16) -> (PacketReader, bool) {
    let stream = TcpStream::connect(("127.0.0.1", port)).expect("connect the subscriber");
    let mut connect = vec![0x10, 0];
    connect.extend_from_slice(&[0, 4, b'M', b'Q', b'T', b'T', 4, 0x00, 0, 60]);
    connect.extend_from_slice(&(SUBSCRIBER_ID.len() as u16).to_be_bytes());
    connect.extend_from_slice(SUBSCRIBER_ID.as_bytes());
    connect[1] = (connect.len() - 2) as u8;
    mqtt_write(&stream, &connect);
    let mut reader = PacketReader::new(stream);
    let (first, body) = loop {
        if let Some(packet) = reader.next() {
            break packet;
        }
        assert!(
            !reader.closed,
            "the broker closed the subscriber before its CONNACK"
        );
    };
    assert_eq!(
        (first, body.get(1)),
        (0x20, Some(&0)),
        "the subscriber's CONNACK"
    );
    (reader, body[0] & 1 == 1)
}

fn subscribe_packet() -> Vec<u8> {
    let topic = format!("devices/{DEVICE_ID}/readings");
    let mut packet = vec![0x82, 0, 0, 1];
    packet.extend_from_slice(&(topic.len() as u16).to_be_bytes());
    packet.extend_from_slice(topic.as_bytes());
    packet.push(1);
    packet[1] = (packet.len() - 2) as u8;
    packet
}

fn mqtt_write(mut stream: &TcpStream, packet: &[u8]) {
    // A broker that has just gone: the next read tells; nothing to do here.
    let _ = stream.write_all(packet);
}

/// Whole packets out of a stream, with a short read timeout so that the subscriber's thread
/// looks at its orders between them.
struct PacketReader {
    stream: TcpStream,
    buf: Vec<u8>,
    closed: bool,
}

impl PacketReader {
    fn new(stream: TcpStream) -> PacketReader {
        stream
            .set_read_timeout(Some(Duration::from_millis(20)))
            .expect("a read timeout");
        PacketReader {
            stream,
            buf: Vec::new(),
            closed: false,
        }
    }

    /// The next packet (its first byte and its body), or `None` for now (nothing whole yet, or
    /// the connection is closed).
    fn next(&mut self) -> Option<(u8, Vec<u8>)> {
        loop {
            if let Some((len, header)) = whole_packet(&self.buf) {
                let packet: Vec<u8> = self.buf.drain(..header + len).collect();
                return Some((packet[0], packet[header..].to_vec()));
            }
            if self.closed {
                return None;
            }
            let mut chunk = [0u8; 4096];
            match self.stream.read(&mut chunk) {
                Ok(n) if n > 0 => self.buf.extend_from_slice(&chunk[..n]),
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                    return None; // quiet for now
                }
                _ => {
                    self.closed = true; // EOF, or a reset: the broker has gone
                    return None;
                }
            }
        }
    }
}

/// The remaining length and the fixed header's size of the packet at the start of `buf`, if
/// it is whole.
fn whole_packet(buf: &[u8]) -> Option<(usize, usize)> {
    let mut len = 0usize;
    for i in 1..5 {
        let byte = *buf.get(i)?;
        len |= usize::from(byte & 0x7f) << (7 * (i - 1));
        if byte & 0x80 == 0 {
            return (buf.len() >= 1 + i + len).then_some((len, 1 + i));
        }
    }
    None
}
