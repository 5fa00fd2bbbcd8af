//! `checker broker`, day8-device's misbehaving broker as a student runs it by hand (the course's
//! device-debugging section): the Rust reference device started against it as the course says,
//! two misbehaviours combined (the connection dropped right after a reading's PUBLISH, then a
//! reconnection answered with session present 0), and the printed lines must show what the
//! course teaches: that reading again on the next connection, DUP 1, the same packet id. The
//! command ends on SIGTERM and on SIGINT (Ctrl+C) and leaves no process behind (principle 4).
//! Each wait is for a line to come, bounded only against a hang.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// Bounds a hang only: every line comes within a few ms on a quiet machine.
const HANG: Duration = Duration::from_secs(20);

/// The command started: its stdout's lines as they come, and its marked environment.
struct Broker {
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
    mark: String,
}

impl Broker {
    fn start(args: &[&str]) -> Broker {
        let mark = format!("broker-by-hand-{}-{}", std::process::id(), args.len());
        let mut child = common::checker_command()
            .arg("broker")
            .args(args)
            .env("LAB_TEST_MARK", &mark)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start checker broker");
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        Broker {
            child,
            lines,
            seen: Vec::new(),
            mark,
        }
    }

    /// The first line (from the start) that `wanted` picks, waited for.
    fn until(&mut self, what: &str, wanted: impl Fn(&str) -> bool) -> String {
        if let Some(l) = self.seen.iter().find(|l| wanted(l)) {
            return l.clone();
        }
        let end = Instant::now() + HANG;
        while let Ok(line) = self
            .lines
            .recv_timeout(end.saturating_duration_since(Instant::now()))
        {
            self.seen.push(line.clone());
            if wanted(&line) {
                return line;
            }
        }
        panic!(
            "no line {what}; the broker printed:\n{}",
            self.seen.join("\n")
        )
    }

    fn port(&mut self) -> u16 {
        let line = self.until("`listening on`", |l| l.contains("listening on 127.0.0.1:"));
        let after = line.split("127.0.0.1:").nth(1).unwrap();
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().unwrap()
    }

    /// Stopped with `signal`: it must end, with 128 + the signal, and leave nothing running.
    fn stop(mut self, signal: i32) {
        // SAFETY: kill sends a signal to the child this test started, still unreaped.
        unsafe { libc::kill(self.child.id() as i32, signal) };
        let end = Instant::now() + Duration::from_secs(3);
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(
                Instant::now() < end,
                "checker broker still runs after signal {signal}"
            );
            std::thread::sleep(Duration::from_millis(10));
        };
        use std::os::unix::process::ExitStatusExt;
        assert!(
            status.code() == Some(128 + signal) || status.signal() == Some(signal),
            "checker broker ended with {status} after signal {signal}"
        );
        let left = common::processes_marked(&self.mark);
        assert!(left.is_empty(), "left running: {left:?}");
    }
}

/// `(id, dup)` of a PUBLISH of `payload` on connection `n`, as the broker printed it
/// (`connection 2 ← PUBLISH qos=1 id=3 dup topic=devices/d8hand/readings "r1"`).
fn publish_of(line: &str) -> (u16, bool) {
    let id = line
        .split_whitespace()
        .find_map(|w| w.strip_prefix("id="))
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("no id in {line}"));
    (id, line.split_whitespace().any(|w| w == "dup"))
}

#[test]
fn a_reading_dropped_in_flight_comes_again_with_dup_and_its_id_on_a_lost_session() {
    let mut broker = Broker::start(&[
        "--port",
        "0",
        "--misbehave",
        "drop",
        "--misbehave",
        "lost-session",
    ]);
    let port = broker.port().to_string();
    let device = common::reference_binaries("day8-device").join("sensor-device");
    let mut device = Command::new(device)
        .args(["127.0.0.1", &port, "d8hand", "5", "10", "20", "50"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the reference device");
    let mut stdin = device.stdin.take().unwrap();
    stdin.write_all(b"r1\n").unwrap();
    let reading = |n: usize| {
        move |l: &str| l.contains(&format!("connection {n} ← PUBLISH")) && l.ends_with("\"r1\"")
    };
    let first = broker.until("with r1's first PUBLISH", reading(1));
    broker.until("saying the broker dropped it", |l| {
        l.contains("connection 1: drop:")
    });
    broker.until("with connection 2's CONNACK, session present 0", |l| {
        l.contains("connection 2 → CONNACK session-present=0 rc=0")
    });
    let again = broker.until("with r1 again on connection 2", reading(2));
    let ((id, dup), (id_again, dup_again)) = (publish_of(&first), publish_of(&again));
    assert!(!dup, "the first send has DUP 0: {first}");
    assert!(dup_again, "the resend has DUP 1 (3.3.1-1): {again}");
    assert_eq!(
        id, id_again,
        "the resend keeps the packet id (4.4): {first} / {again}"
    );
    // The lost session: the device subscribes again, then every reading is delivered and it ends.
    broker.until("with connection 2's SUBSCRIBE", |l| {
        l.contains("connection 2 ← SUBSCRIBE")
    });
    drop(stdin);
    broker.until("with the device's DISCONNECT", |l| {
        l.contains("connection 2 ← DISCONNECT")
    });
    let status = device.wait().unwrap();
    assert!(status.success(), "the reference device ended with {status}");
    broker.stop(libc::SIGTERM);
}

#[test]
fn ctrl_c_ends_the_broker_and_leaves_nothing() {
    let mut broker = Broker::start(&["--port", "0", "--misbehave", "half-open"]);
    broker.port();
    broker.until("naming the misbehaviour", |l| l.contains("half-open link"));
    broker.stop(libc::SIGINT);
}
