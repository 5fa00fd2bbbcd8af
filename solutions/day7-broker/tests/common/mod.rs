//! What both test files share: the broker under test, started on a free port and stopped at
//! the end.
#![allow(dead_code)] // each test file uses a different part

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use nix::sys::signal::{self, Signal};
use nix::unistd::Pid;

/// The broker under test: `mqtt-broker`, or the program in `$DAY7_BROKER` (e.g.
/// `mosquitto-as-broker.sh`), run as `<program> <port>` in a process group of its own, and
/// stopped when dropped (SIGTERM, then SIGKILL to the whole group after 2 s).
pub struct Broker {
    pub child: Child,
    pub port: u16,
}

impl Broker {
    pub fn start() -> Broker {
        let program = std::env::var("DAY7_BROKER")
            .unwrap_or_else(|_| env!("CARGO_BIN_EXE_mqtt-broker").to_string());
        // A free port: the kernel's choice for a socket closed at once (mosquitto cannot take 0).
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        // A process group of its own: the wrapper's mosquitto goes with it if it must be killed.
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
        // SIGTERM, not SIGKILL: mosquitto-as-broker.sh passes it on to mosquitto.
        let _ = signal::kill(Pid::from_raw(self.child.id() as i32), Signal::SIGTERM);
        let deadline = Instant::now() + Duration::from_secs(2);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        // The whole group: mosquitto-as-broker.sh's mosquitto too.
        let _ = signal::killpg(Pid::from_raw(self.child.id() as i32), Signal::SIGKILL);
        let _ = self.child.wait();
    }
}
