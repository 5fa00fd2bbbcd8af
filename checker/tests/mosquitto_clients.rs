//! The reference broker (day7-broker's `mqtt-broker`) against real clients: Debian's
//! `mosquitto_sub` and `mosquitto_pub` (package `mosquitto-clients`, which `.ci/run` installs),
//! the clients the course's "try it by hand" lines use. Every test starts its own broker on a
//! free port, waits for its `listening on` line, and stops it (SIGTERM) at the end. With
//! `$DAY7_BROKER` set, that program is the broker instead, e.g.
//! `DAY7_BROKER=$PWD/solutions/day7-broker/mosquitto-as-broker.sh`: the same tests then pass on
//! mosquitto itself. (The byte-level tests are the hidden tests, proven on mosquitto by
//! `mosquitto.rs`.)
//!
//! A subscriber runs with `-d` (debug lines on stdout): its `Subscribed (mid: …)` line says
//! that the broker has answered its SUBSCRIBE, so publishing after it cannot race it.

mod common;

use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use nix::sys::signal::{self, Signal};
use nix::unistd::Pid;

/// The broker under test: the reference `mqtt-broker`, or the program in `$DAY7_BROKER`, run
/// as `<program> <port>` in a process group of its own, and stopped when dropped (SIGTERM, then
/// SIGKILL to the whole group after 2 s: the wrapper's mosquitto goes with it).
struct Broker {
    child: Child,
    port: u16,
}

impl Broker {
    fn start() -> Broker {
        let program = std::env::var("DAY7_BROKER").unwrap_or_else(|_| {
            let dir = common::reference_binaries("day7-broker");
            dir.join("mqtt-broker").display().to_string()
        });
        // Kept until the broker listens on it (a broker of the course sets SO_REUSEADDR).
        let reserved = common::ReservedPort::new();
        let port = reserved.port;
        let mut child = Command::new(&program)
            .arg(port.to_string())
            .stdout(Stdio::piped())
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("start {program}: {e}"));
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("read the listening line");
        assert_eq!(line.trim(), format!("listening on 0.0.0.0:{port}"));
        Broker { child, port }
    }
}

impl Drop for Broker {
    fn drop(&mut self) {
        let _ = signal::kill(Pid::from_raw(self.child.id() as i32), Signal::SIGTERM);
        let deadline = Instant::now() + Duration::from_secs(2);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = signal::killpg(Pid::from_raw(self.child.id() as i32), Signal::SIGKILL);
        let _ = self.child.wait();
    }
}

/// The clients must be there: `.ci/run` installs them (Debian's mosquitto-clients).
fn have_clients() -> bool {
    let found = ["mosquitto_sub", "mosquitto_pub", "stdbuf"]
        .iter()
        .all(|c| {
            Command::new(c)
                .arg("--help")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok()
        });
    assert!(
        found,
        "mosquitto_sub or mosquitto_pub is missing: install Debian's mosquitto-clients (.ci/run does)"
    );
    found
}

/// A running `mosquitto_sub -d`, its stdout read line by line by a thread.
struct Sub {
    child: Child,
    lines: Receiver<String>,
    /// The debug lines seen so far.
    debug: Vec<String>,
    /// The other lines seen so far: the messages, as `-v` or `-F` print them.
    messages: Vec<String>,
}

fn is_debug(line: &str) -> bool {
    line.starts_with("Client ") || line.starts_with("Subscribed (mid")
}

impl Sub {
    /// Start `mosquitto_sub -p <port> -d <args>` and wait (5 s at most) until subscribed.
    fn start(broker: &Broker, args: &[&str]) -> Sub {
        let mut sub = Sub::spawn(broker, args);
        let deadline = Instant::now() + Duration::from_secs(5);
        while !sub.debug.iter().any(|l| l.starts_with("Subscribed (mid")) {
            let left = deadline.saturating_duration_since(Instant::now());
            match sub.lines.recv_timeout(left) {
                Ok(line) => sub.take(line),
                Err(RecvTimeoutError::Timeout) => {
                    panic!("mosquitto_sub {args:?}: no SUBACK in 5 s: {:?}", sub.debug)
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!(
                        "mosquitto_sub {args:?} ended before its SUBACK: {:?}",
                        sub.debug
                    )
                }
            }
        }
        sub
    }

    /// Start `mosquitto_sub -p <port> -d <args>`, not waiting for anything.
    fn spawn(broker: &Broker, args: &[&str]) -> Sub {
        // stdbuf -oL: mosquitto_sub's stdout, a pipe here, flushed at every line (else its
        // debug lines wait in a buffer until it exits).
        let mut child = Command::new("stdbuf")
            .args(["-oL", "mosquitto_sub", "-p", &broker.port.to_string(), "-d"])
            .args(args)
            .stdout(Stdio::piped())
            .spawn()
            .expect("start mosquitto_sub");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Sub {
            child,
            lines,
            debug: Vec::new(),
            messages: Vec::new(),
        }
    }

    fn take(&mut self, line: String) {
        if is_debug(&line) {
            self.debug.push(line);
        } else {
            self.messages.push(line);
        }
    }

    /// Wait (10 s at most) for the client to end by itself (`-C` or `-W`), and return the
    /// messages it printed.
    fn messages(mut self) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if self.child.try_wait().expect("try_wait").is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        while let Ok(line) = self.lines.recv_timeout(Duration::from_secs(1)) {
            self.take(line);
        }
        std::mem::take(&mut self.messages)
    }

    /// SIGKILL: the client sends nothing more, not even DISCONNECT.
    fn kill(mut self) {
        self.child.kill().expect("kill mosquitto_sub");
        self.child.wait().expect("wait mosquitto_sub");
    }
}

/// A test that fails halfway leaves no client behind.
impl Drop for Sub {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `mosquitto_pub -p <port> <args>`, which must succeed.
fn publish(broker: &Broker, args: &[&str]) {
    let status = Command::new("mosquitto_pub")
        .args(["-p", &broker.port.to_string()])
        .args(args)
        .status()
        .expect("run mosquitto_pub");
    assert!(status.success(), "mosquitto_pub {args:?}: {status}");
}

/// `+` matches one level; QoS 0 and 1 delivered at min(publication, subscription), in the
/// order published, with RETAIN 0.
#[test]
fn wildcard_subscription_qos0_and_qos1() {
    if !have_clients() {
        return;
    }
    let broker = Broker::start();
    let sub = Sub::start(
        &broker,
        &[
            "-t",
            "sensors/+/temp",
            "-q",
            "1",
            "-C",
            "2",
            "-W",
            "5",
            "-F",
            "%t %p q%q r%r",
        ],
    );
    publish(
        &broker,
        &["-t", "sensors/kitchen/temp", "-m", "21", "-q", "0"],
    );
    publish(
        &broker,
        &["-t", "sensors/kitchen/humidity", "-m", "40", "-q", "1"],
    );
    publish(
        &broker,
        &["-t", "sensors/kitchen/x/temp", "-m", "0", "-q", "1"],
    );
    publish(&broker, &["-t", "sensors/hall/temp", "-m", "19", "-q", "1"]);
    assert_eq!(
        sub.messages(),
        [
            "sensors/kitchen/temp 21 q0 r0",
            "sensors/hall/temp 19 q1 r0"
        ]
    );
}

/// A QoS 1 publication to a QoS 0 subscription arrives at QoS 0; `#` matches the parent.
#[test]
fn qos_is_the_minimum_and_hash_matches_the_parent() {
    if !have_clients() {
        return;
    }
    let broker = Broker::start();
    let sub = Sub::start(
        &broker,
        &[
            "-t",
            "sport/#",
            "-q",
            "0",
            "-C",
            "2",
            "-W",
            "5",
            "-F",
            "%t %p q%q",
        ],
    );
    publish(&broker, &["-t", "sport", "-m", "parent", "-q", "1"]);
    publish(&broker, &["-t", "sport/tennis/p1", "-m", "deep", "-q", "1"]);
    assert_eq!(
        sub.messages(),
        ["sport parent q0", "sport/tennis/p1 deep q0"]
    );
}

/// A retained message goes to a new subscription with RETAIN 1, and normal deliveries have
/// RETAIN 0; an empty retained message clears it.
#[test]
fn retained_messages() {
    if !have_clients() {
        return;
    }
    let broker = Broker::start();
    publish(
        &broker,
        &["-t", "status/door", "-m", "open", "-r", "-q", "1"],
    );
    let sub = Sub::start(
        &broker,
        &[
            "-t",
            "status/#",
            "-q",
            "1",
            "-C",
            "2",
            "-W",
            "5",
            "-F",
            "%t %p r%r",
        ],
    );
    publish(&broker, &["-t", "status/door", "-m", "closed", "-q", "1"]);
    assert_eq!(
        sub.messages(),
        ["status/door open r1", "status/door closed r0"]
    );

    // Cleared by an empty retained payload: a new subscriber gets nothing.
    publish(&broker, &["-t", "status/door", "-n", "-r", "-q", "1"]);
    let sub = Sub::start(&broker, &["-t", "status/#", "-C", "1", "-W", "1", "-v"]);
    assert_eq!(sub.messages(), Vec::<String>::new());
}

/// A client killed (no DISCONNECT) has its will published, retained as asked; a client that
/// says DISCONNECT has not.
#[test]
fn will_on_sigkill_not_after_disconnect() {
    if !have_clients() {
        return;
    }
    let broker = Broker::start();
    let watcher = Sub::start(
        &broker,
        &[
            "-t",
            "wills/#",
            "-q",
            "1",
            "-C",
            "2",
            "-W",
            "8",
            "-F",
            "%t %p q%q",
        ],
    );
    // Leaves cleanly: mosquitto_sub -C 1 sends DISCONNECT once it has its message.
    let polite = Sub::start(
        &broker,
        &[
            "-t",
            "bye",
            "-C",
            "1",
            "--will-topic",
            "wills/polite",
            "--will-payload",
            "should not appear",
        ],
    );
    publish(&broker, &["-t", "bye", "-m", "x"]);
    assert_eq!(polite.messages(), ["x"]);
    // Killed: the will, at QoS 1, retained.
    let doomed = Sub::start(
        &broker,
        &[
            "-t",
            "x",
            "--will-topic",
            "wills/dev1",
            "--will-payload",
            "gone",
            "--will-qos",
            "1",
            "--will-retain",
        ],
    );
    doomed.kill();
    publish(&broker, &["-t", "wills/marker", "-m", "end", "-q", "1"]);
    assert_eq!(
        watcher.messages(),
        ["wills/dev1 gone q1", "wills/marker end q1"]
    );
    // Retained: a later subscriber sees it too.
    let late = Sub::start(&broker, &["-t", "wills/dev1", "-C", "1", "-W", "5", "-v"]);
    assert_eq!(late.messages(), ["wills/dev1 gone"]);
}

/// Clean session 0: the subscription survives the client's absence, and the QoS 1 messages
/// published meanwhile are delivered, in order, when it comes back (QoS 0 ones are not kept).
#[test]
fn persistent_session_keeps_qos1_messages() {
    if !have_clients() {
        return;
    }
    let broker = Broker::start();
    let args = ["-i", "sleeper", "-c", "-q", "1", "-t", "dev/#"];
    Sub::start(&broker, &args).kill();
    publish(&broker, &["-t", "dev/a", "-m", "one", "-q", "1"]);
    publish(&broker, &["-t", "dev/b", "-m", "lost", "-q", "0"]);
    publish(&broker, &["-t", "dev/c", "-m", "two", "-q", "1"]);
    publish(&broker, &["-t", "dev/d", "-m", "three", "-q", "1"]);
    let mut back = args.to_vec();
    back.extend(["-C", "3", "-W", "5", "-v"]);
    // Not waiting for the SUBACK: the session's messages may come first, and -C 3 end it.
    let sub = Sub::spawn(&broker, &back);
    assert_eq!(sub.messages(), ["dev/a one", "dev/c two", "dev/d three"]);
}
