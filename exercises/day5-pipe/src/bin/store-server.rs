//! Day 5 — a logging echo server: a pipe between processes.
//!
//! Read course.md#pipes (한국어: course.ko.md#pipes), course.md#pipe-buf (한국어: course.ko.md#pipe-buf), course.md#logger-process (한국어: course.ko.md#logger-process) and course.md#day5-pipe (한국어: course.ko.md#day5-pipe)
//! (and again course.md#concurrent-servers (한국어: course.ko.md#concurrent-servers) and course.md#sigchld (한국어: course.ko.md#sigchld)), then replace the `todo!()`s
//! below. Grade yourself with `cargo run -p checker day5-pipe`; try it by hand with
//! `cargo run -p day5-pipe --bin store-server -- 7000 store.log`, `nc 127.0.0.1 7000` in two
//! terminals, and `tail -f store.log` in a third.
//!
//! Contract: `store-server <port> <file>`. At start the server creates a pipe and forks one
//! logger child, which closes the pipe's write end, reads lines from the pipe and appends them
//! to `<file>` (opened with O_CREAT | O_WRONLY | O_APPEND, mode 0644, never truncated) as they
//! come. The parent closes the read end, prints `listening on <ip>:<port>` (as echo-server),
//! then serves clients as day3-fork does: one child per client, children reaped on SIGCHLD with
//! waitpid(WNOHANG) in a loop. Each client child closes the listening socket, echoes its
//! client's bytes back, and writes every complete line it receives to the pipe with one write
//! per line (lines are at most 512 bytes, so each write is atomic: PIPE_BUF). On SIGTERM or
//! SIGINT the parent stops accepting, sends SIGTERM to the client children and waits for them,
//! closes its write end of the pipe so the logger sees EOF, waits for the logger (which exits 0
//! after writing everything), then prints `bye` and exits 0. Ctrl-C sends SIGINT to every
//! process of the terminal's foreground group: the logger ignores SIGINT and SIGTERM and ends
//! only at EOF. Bad usage, or a file that cannot be opened: one line on stderr, exit status 1.
//! Rules: the file and the pipe through nix (`pipe`, `fork`, `open`, `read`, `write`); no
//! threads; no std socket or file types (see clippy.toml).
//!
//! Lines that start with `//>` are hint code: each compiles as it stands, in its place, once
//! the `//>` is removed (`checker verify` builds them so). They show the calls, not the answer.

// Keeps the compiler quiet while the stub is unfinished; remove it when you are done.
#![allow(unused_imports, unused_variables, dead_code, unused_mut)]

use std::io::Write;
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use nix::errno::Errno;
use nix::fcntl::{self, OFlag};
use nix::poll::{PollFd, PollFlags, ppoll};
use nix::sys::signal::{self, SaFlags, SigAction, SigHandler, SigSet, SigmaskHow, Signal};
use nix::sys::socket::{
    self, AddressFamily, Backlog, MsgFlags, SockFlag, SockType, SockaddrIn, sockopt,
};
use nix::sys::stat::Mode;
use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
use nix::unistd::{self, ForkResult, Pid};

/// Set by the SIGTERM and SIGINT handler: stop accepting and shut down.
static STOP: AtomicBool = AtomicBool::new(false);

extern "C" fn on_stop(_: nix::libc::c_int) {
    STOP.store(true, Ordering::SeqCst);
}

/// SIGCHLD: reap every finished child, as in day3-fork (signals do not queue).
/// C: `void reap(int sig) { while (waitpid(-1, NULL, WNOHANG) > 0); }`
extern "C" fn reap_children(_: nix::libc::c_int) {
    // TODO loop on waitpid(-1, WNOHANG) until StillAlive or an error; save and restore errno.
    //> let saved = Errno::last_raw();
    //> let reaped = waitpid(None, Some(WaitPidFlag::WNOHANG)); // loop until StillAlive or Err
    //> Errno::set_raw(saved);
    todo!("reap every finished child")
}

/// C: `struct sigaction sa = { .sa_handler = h, .sa_flags = flags }; sigaction(sig, &sa, NULL);`
fn install(signal: Signal, handler: SigHandler, flags: SaFlags) -> Result<(), String> {
    let action = SigAction::new(handler, flags, SigSet::empty());
    // SAFETY: the handlers only store to an atomic or call waitpid: async-signal-safe.
    unsafe { signal::sigaction(signal, &action) }
        .map(drop)
        .map_err(|e| format!("sigaction({signal}): {e}"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let parsed = match args.as_slice() {
        [port, file] => port.parse::<u16>().ok().map(|p| (p, file.clone())),
        _ => None,
    };
    let Some((port, file)) = parsed else {
        eprintln!(
            "store-server: usage: store-server <port> <file>   (port 0 lets the kernel choose)"
        );
        return ExitCode::FAILURE;
    };
    match serve(port, &file) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("store-server: {message}");
            ExitCode::FAILURE
        }
    }
}

fn serve(port: u16, path: &str) -> Result<(), String> {
    // TODO 1. The file. C: int file = open(path, O_CREAT | O_WRONLY | O_APPEND, 0644);
    //         Never O_TRUNC: the lines already there stay.
    //> let file = fcntl::open(
    //>     path,
    //>     OFlag::O_CREAT | OFlag::O_WRONLY | OFlag::O_APPEND,
    //>     Mode::from_bits_truncate(0o644),
    //> )
    //> .map_err(|e| format!("open {path}: {e}"))?;
    // TODO 2. The pipe. C: int fds[2]; pipe(fds);   fds[0] is the read end, fds[1] the write end.
    //> let (read_end, write_end) = unistd::pipe().map_err(|e| format!("pipe: {e}"))?;
    // TODO 3. The logger. C: pid_t logger = fork();
    //         child:  close the write end (drop it: else its read never returns 0), then
    //                 std::process::exit(log_lines(&read_end, &file));
    //         parent: close the read end (and the file: the logger has its own copy).
    //> // SAFETY: this process has a single thread, so the child may run ordinary code.
    //> match unsafe { unistd::fork() } {
    //>     Ok(ForkResult::Child) => std::process::exit(log_lines(&read_end, &file)),
    //>     Ok(ForkResult::Parent { child }) => {} // keep `child`: the logger's pid
    //>     Err(e) => return Err(format!("fork: {e}")),
    //> }
    // TODO 4. The handlers: SIGCHLD → reap_children (SA_RESTART | SA_NOCLDSTOP); SIGTERM and
    //         SIGINT → on_stop. Block SIGTERM and SIGINT first, keeping the mask you had to
    //         wait with: then they come only inside ppoll, which fails with EINTR at once. (A
    //         flag and a blocking accept lose a SIGTERM that comes while SIGCHLD's handler runs:
    //         course.md#logger-process.) C: sigprocmask(SIG_BLOCK, &stop, &during_wait);
    //> let mut stop = SigSet::empty();
    //> stop.add(Signal::SIGTERM);
    //> stop.add(Signal::SIGINT);
    //> let during_wait = stop
    //>     .thread_swap_mask(SigmaskHow::SIG_BLOCK)
    //>     .map_err(|e| format!("sigprocmask: {e}"))?;
    //> install(Signal::SIGTERM, SigHandler::Handler(on_stop), SaFlags::empty())?;
    // TODO 5. listen_on(port), then: while !STOP { ppoll the listening socket (POLLIN) with the
    //         mask `during_wait` (EINTR: the loop looks at STOP); accept;
    //         fork: the child drops the listening socket and exits with
    //         serve_client(&conn, &write_end); the parent drops `conn` and keeps the child's pid }
    //         C: struct pollfd fd = { listener, POLLIN }; ppoll(&fd, 1, NULL, &during_wait);
    //> let listener = listen_on(port)?;
    //> let mut fds = [PollFd::new(listener.as_fd(), PollFlags::POLLIN)];
    //> let waited = ppoll(&mut fds, None, Some(during_wait)); // Err(Errno::EINTR): look at STOP
    // TODO 6. shut_down(...)
    todo!("open the file, make the pipe, fork the logger, then serve clients as day3-fork")
}

/// The clean exit, in this order: the listening socket closed; SIGCHLD blocked (from here on
/// this process waits for its children itself, the handler must not take them first); every
/// client child sent SIGTERM and waited for; the write end closed, so that the logger's read
/// returns 0 once the pipe is empty; the logger waited for; then `bye`.
/// C: `sigprocmask(SIG_BLOCK, &chld, NULL); kill(pid, SIGTERM); waitpid(pid, NULL, 0);`
fn shut_down(
    listener: OwnedFd,
    clients: Vec<Pid>,
    write_end: OwnedFd,
    logger: Pid,
) -> Result<(), String> {
    // TODO the steps above; waitpid on a child the handler reaped already fails with ECHILD:
    //      that child is gone, go on.
    //> let mut chld = SigSet::empty();
    //> chld.add(Signal::SIGCHLD);
    //> signal::sigprocmask(SigmaskHow::SIG_BLOCK, Some(&chld), None).map_err(|e| format!("sigprocmask: {e}"))?;
    //> for &child in &clients {
    //>     let _ = signal::kill(child, Signal::SIGTERM);
    //> }
    //> let status = waitpid(logger, None); // Ok(Exited(..)), or Err(ECHILD) if reaped already
    todo!("stop the clients, close the write end, wait for the logger, print bye")
}

/// The logger: copy the pipe to the file until EOF (read returns 0), then return 0. Ctrl-C
/// reaches it too: ignore SIGINT and SIGTERM first, so that it ends only at EOF, with
/// everything written.
/// C: `signal(SIGINT, SIG_IGN); while ((n = read(pipe, buf, sizeof buf)) > 0) write(file, buf, n);`
fn log_lines(pipe: &OwnedFd, file: &OwnedFd) -> i32 {
    // TODO ignore SIGINT and SIGTERM (SigHandler::SigIgn); then loop { read the pipe; 0: return
    //      0; write what came to the file (all of it: write_all); EINTR: again }.
    //> install(Signal::SIGINT, SigHandler::SigIgn, SaFlags::empty()).unwrap_or_default();
    //> let mut buf = vec![0u8; 64 * 1024];
    //> let n = unistd::read(pipe, &mut buf).unwrap_or(0); // 0: EOF, every write end closed
    //> let written = write_all(file, &buf[..n]);
    todo!("copy the pipe into the file until EOF")
}

/// In a client's child: echo every byte back, and write every complete line into the pipe, one
/// write per line. Returns the exit status (0 at the client's EOF).
/// C: `n = read(conn, buf, sizeof buf); send(conn, buf, n, MSG_NOSIGNAL); write(pipe, line, len);`
fn serve_client(conn: &OwnedFd, pipe: &OwnedFd) -> i32 {
    // TODO 1. The parent's handlers and mask are inherited: give SIGTERM, SIGINT and SIGCHLD
    //         back their default action (SigHandler::SigDfl) and unblock SIGTERM and SIGINT
    //         (SigmaskHow::SIG_UNBLOCK), so that the parent's SIGTERM ends this child.
    // TODO 2. loop { read (0: return 0 — what is left after the last `\n` is not a line);
    //         send_all the bytes back; append them to `line`; for each complete line in it,
    //         one write_all into the pipe (at most 512 bytes: PIPE_BUF makes it atomic) }
    //> let mut line: Vec<u8> = Vec::new();
    //> let mut buf = vec![0u8; 16 * 1024];
    //> let n = unistd::read(conn, &mut buf).unwrap_or(0);
    //> line.extend_from_slice(&buf[..n]);
    //> if let Some(at) = line.iter().position(|&b| b == b'\n') {
    //>     let logged = write_all(pipe, &line[..=at]); // one write for this line
    //> }
    todo!("echo, and log each complete line")
}

/// Write all of `data`. C: `n = write(fd, p, len);` — a pipe takes a write of at most PIPE_BUF
/// bytes whole (or waits); a file may take less.
fn write_all(fd: &OwnedFd, data: &[u8]) -> nix::Result<()> {
    // TODO loop until everything is written; retry on EINTR.
    //> let n = unistd::write(fd, data)?;
    todo!("write everything")
}

/// Send all of `data` with MSG_NOSIGNAL (as in day2-echo).
/// C: `n = send(fd, p, len, MSG_NOSIGNAL);`
fn send_all(fd: &OwnedFd, data: &[u8]) -> nix::Result<()> {
    // TODO loop until everything is sent; retry on EINTR.
    //> let n = socket::send(fd.as_raw_fd(), data, MsgFlags::MSG_NOSIGNAL)?;
    todo!("send everything")
}

/// The listening socket on the wildcard address, and its line on stdout (as in day2-echo).
/// C: `socket(AF_INET, SOCK_STREAM, 0); setsockopt(SO_REUSEADDR); bind; listen; getsockname;`
fn listen_on(port: u16) -> Result<OwnedFd, String> {
    // TODO socket, SO_REUSEADDR, bind to SockaddrIn::new(0, 0, 0, 0, port), listen,
    //      getsockname, and `listening on <ip>:<port>` with a flush, each with .map_err(...)?.
    //> let fd = socket::socket(AddressFamily::Inet, SockType::Stream, SockFlag::SOCK_CLOEXEC, None)
    //>     .map_err(|e| format!("socket: {e}"))?;
    todo!("socket, SO_REUSEADDR, bind, listen, print the listening line")
}
