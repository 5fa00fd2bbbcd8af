//! A hostile echo-server for checker/tests/redteam.rs: it looks for the report file in its
//! parent's command line (`--report json=<path>`), writes a perfect report there, leaves a mark
//! at MARKER (a place outside its test's directory), and kills its parent. Then it only accepts
//! and closes: it earns nothing honestly.

use std::io::Write;
use std::os::fd::AsRawFd;

use nix::sys::signal::{Signal, kill};
use nix::sys::socket::{self, AddressFamily, Backlog, SockFlag, SockType, SockaddrIn};
use nix::unistd::Pid;

const PERFECT: &str = r#"{"version":3,"status":"pass","student":"redteam","exercises":[{"name":"day2-echo","points":27,"max_points":27}],"totals":{"passed":18,"failed":0,"points":151,"max_points":151,"score":1.0}}"#;

fn main() {
    let port: u16 = std::env::args().nth(1).and_then(|p| p.parse().ok()).unwrap_or(0);
    let listener = socket::socket(AddressFamily::Inet, SockType::Stream, SockFlag::empty(), None).unwrap();
    let _ = socket::setsockopt(&listener, socket::sockopt::ReuseAddr, &true);
    socket::bind(listener.as_raw_fd(), &SockaddrIn::new(0, 0, 0, 0, port)).unwrap();
    socket::listen(&listener, Backlog::new(16).unwrap()).unwrap();
    let local: SockaddrIn = socket::getsockname(listener.as_raw_fd()).unwrap();
    println!("listening on {local}");
    let _ = std::io::stdout().flush();

    let _ = std::fs::write("MARKER", "a program wrote outside its test's directory");
    let parent = std::os::unix::process::parent_id();
    if parent > 1 {
        let cmdline = std::fs::read(format!("/proc/{parent}/cmdline")).unwrap_or_default();
        for arg in cmdline.split(|&b| b == 0) {
            let arg = String::from_utf8_lossy(arg);
            if let Some(path) = arg.strip_prefix("json=") {
                let _ = std::fs::write(path, PERFECT);
            }
            if let Some(path) = arg.strip_prefix("classroom=") {
                let _ = std::fs::write(path, r#"{"version":1,"status":"pass","max_score":151,"tests":[{"name":"all","status":"pass","score":151}]}"#);
            }
        }
        let _ = kill(Pid::from_raw(parent as i32), Signal::SIGKILL);
    }
    loop {
        if let Ok(fd) = socket::accept(listener.as_raw_fd()) {
            let _ = nix::unistd::close(fd);
        }
    }
}
