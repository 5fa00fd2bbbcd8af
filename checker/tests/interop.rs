//! The reference programs talk to real tools from the distribution (netcat-openbsd `nc -N` and
//! socat; `.ci/run` installs them), and the checker grades a server that was not built from the
//! crate at all: a C echo server of the kind the course writes, given with `--program`.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

fn require(tool: &str, package: &str) {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .output()
        .map(|o| o.status.success());
    assert!(
        found.unwrap_or(false),
        "`{tool}` is missing: install {package} (.ci/run does)"
    );
}

/// A running server that is killed when dropped.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_reference_server() -> (Running, u16) {
    let mut child = Command::new(common::reference_binaries("day2-echo").join("echo-server"))
        .arg("0")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port = line.trim().rsplit(':').next().unwrap().parse().unwrap();
    (Running(child), port)
}

fn pipe_through(cmd: &mut Command, input: &[u8]) -> Vec<u8> {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{cmd:?} failed");
    out.stdout
}

#[test]
fn nc_and_socat_talk_to_the_reference_server() {
    require("nc", "netcat-openbsd");
    require("socat", "socat");
    let (_server, port) = start_reference_server();
    let input = b"hello from netcat\n\x00binary\xff\n";
    let out = pipe_through(
        Command::new("nc").args(["-N", "127.0.0.1", &port.to_string()]),
        input,
    );
    assert_eq!(out, input);
    let out = pipe_through(
        Command::new("socat").args(["-t", "2", "-", &format!("TCP:127.0.0.1:{port}")]),
        input,
    );
    assert_eq!(out, input);
}

#[test]
fn the_reference_client_talks_to_socat() {
    require("socat", "socat");
    // Kept while socat listens on it (its `reuseaddr` binds beside the idle socket).
    let reserved = common::ReservedPort::new();
    let port = reserved.port;
    let _socat = Running(
        Command::new("socat")
            .args([
                &format!("TCP-LISTEN:{port},bind=127.0.0.1,reuseaddr,fork"),
                "EXEC:cat",
            ])
            .spawn()
            .unwrap(),
    );
    // Ready when it accepts a connection.
    let ready = (0..200).any(|_| {
        std::thread::sleep(Duration::from_millis(10));
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
    });
    assert!(ready, "socat did not start listening");
    let input = b"one\ntwo\nthree\n";
    let out = pipe_through(
        Command::new(common::reference_binaries("day2-echo").join("echo-client"))
            .args(["127.0.0.1", &port.to_string()]),
        input,
    );
    assert_eq!(out, input);
}

/// An iterative echo server in C, as the course writes it: the port is its only argument and it
/// prints nothing.
const C_ECHO_SERVER: &str = r#"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s <port>\n", argv[0]); return 1; }
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[1])),
                             .sin_addr.s_addr = htonl(INADDR_ANY) };
    if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0) { perror("bind"); return 1; }
    if (listen(fd, 128) < 0) { perror("listen"); return 1; }
    for (;;) {
        int c = accept(fd, NULL, NULL);
        if (c < 0) continue;
        char buf[1024];
        ssize_t n;
        while ((n = read(c, buf, sizeof buf)) > 0) {
            ssize_t off = 0;
            while (off < n) {
                ssize_t w = send(c, buf + off, n - off, MSG_NOSIGNAL);
                if (w < 0) goto done;
                off += w;
            }
        }
    done:
        close(c);
    }
}
"#;

#[test]
fn a_c_server_is_graded_with_program() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("echo_server.c");
    std::fs::write(&source, C_ECHO_SERVER).unwrap();
    let binary = dir.path().join("echo_server");
    let status = Command::new("cc")
        .arg("-O1")
        .arg("-o")
        .arg(&binary)
        .arg(&source)
        .status();
    assert!(
        status.map(|s| s.success()).unwrap_or(false),
        "cc could not build the C echo server"
    );
    let program = format!("echo-server={}", binary.display());
    let grade = common::grading_with(&["--program", &program], Duration::from_secs(300));
    let run = grade(&["day2-echo"]);
    let names: Vec<String> = run
        .tests()
        .iter()
        .map(|t| t["name"].as_str().unwrap_or("").to_string())
        .collect();
    assert!(
        names.contains(&"day2-echo/stalled-reader".to_string()),
        "{names:?}"
    );
    assert!(
        names
            .iter()
            .all(|n| !n.starts_with("day2-echo/client-") && !n.ends_with("/rules")),
        "only the given program's tests run: {names:?}"
    );
    // Every test passes but the line's (it prints none); one the machine kept from being judged
    // is graded again alone.
    let line = ["day2-echo/listening-line"];
    common::every_test_passes(&run, "day2-echo on a C server", &line, grade);
}
