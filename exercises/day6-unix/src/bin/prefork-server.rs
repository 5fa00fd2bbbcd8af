//! Day 6 — a preforked echo server: the parent accepts, and hands each connection to a free
//! worker process over a Unix-domain socket.
//!
//! Read course.md#unix-sockets (한국어: course.ko.md#unix-sockets), course.md#unix-paths (한국어: course.ko.md#unix-paths), course.md#socketpair (한국어: course.ko.md#socketpair), course.md#fd-passing (한국어: course.ko.md#fd-passing), course.md#preforking (한국어: course.ko.md#preforking) and course.md#day6-unix (한국어: course.ko.md#day6-unix)
//! (and again course.md#poll (한국어: course.ko.md#poll) and course.md#clean-exit (한국어: course.ko.md#clean-exit)), then replace the `todo!()`s
//! below. Grade yourself with `cargo run -p checker day6-unix`; try it by hand with
//! `cargo run -p day6-unix --bin prefork-server -- 7000 3 control.sock`, `nc 127.0.0.1 7000` in
//! a few terminals, and `echo stats | nc -UN control.sock` in another.
//!
//! Contract: `prefork-server <port> <workers> <control-path>`, `<workers>` from 1 to 16. At start
//! the parent listens on the wildcard address (SO_REUSEADDR), makes one
//! `socketpair(AF_UNIX, SOCK_STREAM)` (or SOCK_SEQPACKET) per worker and forks the workers; each
//! worker closes the listening socket and the parent's ends, the parent closes the workers'
//! ends. It binds a Unix-domain stream socket at `<control-path>`: a socket file already there
//! that nothing answers on (connect: ECONNREFUSED) is stale, removed, and bound again; one that
//! answers belongs to another server: one line on stderr, exit 1. Then it prints
//! `listening on <ip>:<port>` and flushes. Only the parent accepts, and only while a worker is
//! free (otherwise connections wait in the backlog): it passes each connection to a free worker
//! (sendmsg with SCM_RIGHTS and at least one byte of data) and closes its own copy at once. A
//! worker echoes its client as day2-echo's server does, closes the connection and says it is
//! free (one byte on its socketpair). A worker that dies is reaped and replaced. A control
//! client that sends `stats\n` gets `worker <pid> served <n>` per live worker (connections that
//! worker process has finished), then EOF. On SIGTERM or SIGINT: stop accepting, end the workers
//! (SIGTERM) and wait for them, remove `<control-path>`, print `bye`, exit 0, within 2 s. Bad
//! usage, or a control path that cannot be bound or that another server owns: one line on
//! stderr, exit 1, no worker left behind.
//! Rules: nix for every socket (socketpair, sendmsg/recvmsg with ControlMessage::ScmRights,
//! UnixAddr, unlink), fork, waitpid, sigaction, poll; no threads; no std socket types (see
//! clippy.toml).
//!
//! Lines that start with `//>` are hint code: each compiles as it stands, in its place, once
//! the `//>` is removed (`checker verify` builds them so). They show the calls, not the answer.

// Keeps the compiler quiet while the stub is unfinished; remove it when you are done.
#![allow(unused_imports, unused_variables, dead_code, unused_mut)]

use std::io::{IoSlice, IoSliceMut, Write};
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, ppoll};
use nix::sys::signal::{self, SaFlags, SigAction, SigHandler, SigSet, SigmaskHow, Signal};
use nix::sys::socket::{
    self, AddressFamily, Backlog, ControlMessage, ControlMessageOwned, MsgFlags, SockFlag,
    SockType, SockaddrIn, UnixAddr, sockopt,
};
use nix::sys::stat::{SFlag, lstat};
use nix::sys::time::TimeVal;
use nix::sys::wait::{WaitStatus, waitpid};
use nix::unistd::{self, ForkResult, Pid};

/// Set by the SIGTERM and SIGINT handler: stop accepting and shut down.
static STOP: AtomicBool = AtomicBool::new(false);

extern "C" fn on_stop(_: nix::libc::c_int) {
    STOP.store(true, Ordering::SeqCst);
}

/// One worker, as the parent sees it.
struct Worker {
    pid: Pid,
    /// The parent's end of the worker's socketpair: connections go out, "free" bytes come in.
    end: OwnedFd,
    busy: bool,
    /// Connections this worker process has finished.
    served: u64,
}

/// Everything the parent holds.
struct Parent {
    listener: OwnedFd,
    /// The control socket and its path, once bound.
    control: Option<(OwnedFd, String)>,
    workers: Vec<Worker>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let parsed = match args.as_slice() {
        [port, workers, path] => match (port.parse::<u16>(), workers.parse::<usize>()) {
            (Ok(port), Ok(n)) if (1..=16).contains(&n) => Some((port, n, path.clone())),
            _ => None,
        },
        _ => None,
    };
    let Some((port, workers, path)) = parsed else {
        eprintln!(
            "prefork-server: usage: prefork-server <port> <workers 1-16> <control-path>   (port 0 lets the kernel choose)"
        );
        return ExitCode::FAILURE;
    };
    match serve(port, workers, &path) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("prefork-server: {message}");
            ExitCode::FAILURE
        }
    }
}

/// C: `struct sigaction sa = { .sa_handler = h }; sigaction(sig, &sa, NULL);`
fn install(signal: Signal, handler: SigHandler) -> Result<(), String> {
    let action = SigAction::new(handler, SaFlags::empty(), SigSet::empty());
    // SAFETY: the handler only stores to an atomic: async-signal-safe.
    unsafe { signal::sigaction(signal, &action) }
        .map(drop)
        .map_err(|e| format!("sigaction({signal}): {e}"))
}

/// SIGTERM and SIGINT, the signals the parent waits for.
fn stop_signals() -> SigSet {
    let mut set = SigSet::empty();
    set.add(Signal::SIGTERM);
    set.add(Signal::SIGINT);
    set
}

/// The parent's life: the handlers, the listening socket, the workers, the control socket,
/// the listening line, the loop, the clean exit.
fn serve(port: u16, n: usize, path: &str) -> Result<(), String> {
    // TODO 1. install(SIGTERM and SIGINT, on_stop), then block both: they are taken only
    //         inside ppoll, which unblocks them for the wait alone (course.md#preforking).
    //         C: sigset_t s; sigaddset(&s, SIGTERM); sigprocmask(SIG_BLOCK, &s, NULL);
    //> install(Signal::SIGTERM, SigHandler::Handler(on_stop))?;
    //> signal::sigprocmask(SigmaskHow::SIG_BLOCK, Some(&stop_signals()), None)
    //>     .map_err(|e| format!("sigprocmask: {e}"))?;
    // TODO 2. let mut parent = Parent { listener: listen_on(port)?, control: None, workers: vec![] };
    //         then n times parent.fork_worker() (on an error: return Err(parent.give_up(e))).
    // TODO 3. bind_control(path): on an error, give_up too (no worker left behind).
    // TODO 4. getsockname, print `listening on <ip>:<port>`, flush.
    // TODO 5. while !STOP { parent.wait_and_serve()? }  then parent.shut_down()
    todo!("listen, fork the workers, bind the control socket, then serve until SIGTERM")
}

/// The listening socket on the wildcard address, non-blocking (the parent accepts only when
/// poll says a connection is there).
/// C: `socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0); setsockopt(SO_REUSEADDR); bind; listen;`
fn listen_on(port: u16) -> Result<OwnedFd, String> {
    // TODO socket (SockFlag::SOCK_NONBLOCK), SO_REUSEADDR, bind to SockaddrIn::new(0, 0, 0, 0,
    //      port), listen: as in day2-echo, each with .map_err(...)?.
    //> let fd = socket::socket(AddressFamily::Inet, SockType::Stream, SockFlag::SOCK_NONBLOCK, None)
    //>     .map_err(|e| format!("socket: {e}"))?;
    todo!("socket, SO_REUSEADDR, bind, listen")
}

/// The control socket at `path`.
/// C: `struct sockaddr_un a = { .sun_family = AF_UNIX }; strcpy(a.sun_path, path);
///     fd = socket(AF_UNIX, SOCK_STREAM, 0); bind(fd, (struct sockaddr *)&a, sizeof a); listen(fd, 16);`
/// If bind fails with EADDRINUSE, a file is there. Only a socket file may be removed (lstat:
/// S_IFSOCK), and only a stale one, that nothing answers on (`answers`). Then
/// `unlink(path)` and bind again. If something answers, another server owns the path.
fn bind_control(path: &str) -> Result<OwnedFd, String> {
    // TODO UnixAddr::new(path), socket(AddressFamily::Unix, SockType::Stream, ...), bind;
    //      on EADDRINUSE: lstat, answers, unistd::unlink, bind again; then listen.
    //> let addr = UnixAddr::new(path).map_err(|e| format!("control path {path}: {e}"))?;
    //> let fd = socket::socket(AddressFamily::Unix, SockType::Stream, SockFlag::SOCK_NONBLOCK, None)
    //>     .map_err(|e| format!("socket(AF_UNIX): {e}"))?;
    //> let bound = socket::bind(fd.as_raw_fd(), &addr); // Err(Errno::EADDRINUSE): a file is there
    //> let is_socket = lstat(path)
    //>     .is_ok_and(|st| SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT == SFlag::S_IFSOCK);
    //> let removed = unistd::unlink(path);
    todo!("bind the control socket, replacing a stale socket file")
}

/// Whether a server answers on the socket file at `addr`.
/// C: `connect(probe, (struct sockaddr *)&a, sizeof a)`: 0, a server is there; ECONNREFUSED, nobody.
fn answers(addr: &UnixAddr) -> Result<bool, String> {
    // TODO a new AF_UNIX stream socket, connect: Ok → true, Err(Errno::ECONNREFUSED) → false.
    //> let probe = socket::socket(AddressFamily::Unix, SockType::Stream, SockFlag::empty(), None)
    //>     .map_err(|e| format!("socket(AF_UNIX): {e}"))?;
    //> let connected = socket::connect(probe.as_raw_fd(), addr);
    todo!("connect to see whether a server is there")
}

impl Parent {
    /// A new worker: its socketpair, then fork. The worker keeps its end and closes every
    /// descriptor of the parent's (`inherited`); the parent keeps its end and closes the
    /// worker's.
    /// C: `int sv[2]; socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    ///     if (fork() == 0) { close(sv[0]); close(listenfd); ...; exit(work(sv[1])); } close(sv[1]);`
    fn fork_worker(&self) -> Result<Worker, String> {
        // TODO socketpair; fork; in the child: drop(parent_end), unistd::close each fd of
        //      self.inherited() (std::process::exit runs no destructors, so these closes are
        //      the only ones), then std::process::exit(work(worker_end)); in the parent: the
        //      Worker { pid: child, end: parent_end, busy: false, served: 0 } (worker_end is
        //      dropped when the function returns: closed).
        //> let (parent_end, worker_end) =
        //>     socket::socketpair(AddressFamily::Unix, SockType::Stream, None, SockFlag::empty())
        //>         .map_err(|e| format!("socketpair: {e}"))?;
        //> // SAFETY: one thread, so the child may run ordinary code.
        //> match unsafe { unistd::fork() } {
        //>     Ok(ForkResult::Child) => std::process::exit(work(worker_end)), // close what it inherited first
        //>     Ok(ForkResult::Parent { child }) => {}
        //>     Err(e) => return Err(format!("fork: {e}")),
        //> }
        todo!("socketpair, fork, each side closes the other's end")
    }

    /// The parent's descriptors a worker inherits and must close: the listening socket, the
    /// control socket, the parent's ends of the other workers' socketpairs.
    fn inherited(&self) -> Vec<RawFd> {
        // TODO collect their raw numbers (as_raw_fd()).
        todo!("the descriptors a worker closes")
    }

    /// One wait, and whatever it found: workers free again (or dead), a control client, a
    /// client to pass. The listening socket is watched only while a worker is free.
    /// C: `struct pollfd fds[N]; ppoll(fds, n, NULL, &empty_mask);` (poll that unblocks the
    /// signals for the wait: a signal ends it with EINTR, never slips in before it)
    fn wait_and_serve(&mut self) -> Result<(), String> {
        // TODO build the PollFds: each worker's end, the control socket, and the listening
        //      socket only if some worker is free; ppoll(&mut fds, None, Some(SigSet::empty()));
        //      EINTR: return Ok(()) (the loop looks at STOP). Then, for what is ready (revents),
        //      hear_from(i), answer_control(), accept_and_pass().
        //> let free = self.workers.iter().any(|w| !w.busy);
        //> let mut fds: Vec<PollFd> = self
        //>     .workers
        //>     .iter()
        //>     .map(|w| PollFd::new(w.end.as_fd(), PollFlags::POLLIN))
        //>     .collect();
        //> let ready = ppoll(&mut fds, None, Some(SigSet::empty())); // Err(Errno::EINTR): a signal
        //> let woke = fds[0].revents().is_some_and(|r| !r.is_empty());
        todo!("wait in ppoll, then serve what is ready")
    }

    /// Worker `i`'s end is readable: "free" bytes (one per finished connection), or EOF (0):
    /// the worker is dead. Then waitpid it (no zombie) and fork its replacement into its slot.
    fn hear_from(&mut self, i: usize) -> Result<(), String> {
        // TODO read: n > 0: served += n, busy = false; 0 or ECONNRESET: waitpid(pid, None),
        //      then self.workers[i] = self.fork_worker()?.
        //> let mut buf = [0u8; 16];
        //> let got = unistd::read(&self.workers[i].end, &mut buf); // Ok(0): the worker is gone
        //> let reaped = waitpid(self.workers[i].pid, None);
        todo!("a worker is free again, or dead: reap and replace it")
    }

    /// Accept a client and pass it to a free worker, with one byte of data (a descriptor
    /// travels with data), then close the parent's copy at once.
    /// C: `struct iovec one = { "c", 1 }; char buf[CMSG_SPACE(sizeof(int))];
    ///     struct msghdr m = { .msg_iov = &one, .msg_iovlen = 1, .msg_control = buf, ... };
    ///     cmsg->cmsg_level = SOL_SOCKET; cmsg->cmsg_type = SCM_RIGHTS;
    ///     memcpy(CMSG_DATA(cmsg), &conn, sizeof conn); sendmsg(sv, &m, 0); close(conn);`
    fn accept_and_pass(&mut self) {
        // TODO accept; sendmsg to the first free worker (MSG_NOSIGNAL: a dead worker costs an
        //      EPIPE; try the next); mark it busy; drop the connection.
        //> let conn = match socket::accept(self.listener.as_raw_fd()) {
        //>     // SAFETY: accept just returned this descriptor and nothing else owns it.
        //>     Ok(fd) => unsafe { OwnedFd::from_raw_fd(fd) },
        //>     Err(_) => return,
        //> };
        //> let fds = [conn.as_raw_fd()];
        //> let cmsg = [ControlMessage::ScmRights(&fds)];
        //> let iov = [IoSlice::new(b"c")];
        //> let sent = socket::sendmsg::<()>(self.workers[0].end.as_raw_fd(), &iov, &cmsg, MsgFlags::MSG_NOSIGNAL, None);
        todo!("accept, pass to a free worker, close the copy")
    }

    /// A control client: one line; `stats` gets one line per worker, then EOF. A client that
    /// says nothing must not hold the server up for long: a receive timeout.
    /// C: `setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &(struct timeval){1, 0}, ...); read(c, ...);`
    fn answer_control(&mut self) {
        // TODO accept on the control socket; read until `\n`; if it is `stats`, send
        //      `worker <pid> served <n>\n` per worker (send_all); drop the connection: EOF.
        //> let timeout = TimeVal::new(1, 0); // socket::setsockopt(&conn, sockopt::ReceiveTimeout, &timeout)
        //> let line = format!("worker {} served {}\n", self.workers[0].pid, self.workers[0].served);
        todo!("answer stats")
    }

    /// When the server cannot start after the workers are forked: end them and wait for them.
    /// Returns the error.
    fn give_up(self, error: String) -> String {
        // TODO signal::kill(pid, SIGTERM) each worker, then waitpid each.
        //> let sent = signal::kill(self.workers[0].pid, Signal::SIGTERM);
        todo!("end the workers, then return the error")
    }

    /// The clean exit: no more clients; the workers sent SIGTERM and waited for; the control
    /// path removed; then `bye`.
    /// C: `kill(pid, SIGTERM); waitpid(pid, NULL, 0); ... unlink(path); puts("bye");`
    fn shut_down(self) -> Result<(), String> {
        // TODO the steps above, in that order.
        //> let removed = unistd::unlink("control.sock");
        todo!("end and wait for the workers, unlink the control path, bye")
    }
}

/// A worker's life: wait for a connection on its end of the socketpair, serve it, close it,
/// say it is free (one byte); until the parent's end closes. Returns the exit status.
fn work(end: OwnedFd) -> i32 {
    // TODO 1. The parent's handlers and blocked signals are inherited: install SigDfl for
    //         SIGTERM and SIGINT, then SIG_UNBLOCK them.
    //> let restored = install(Signal::SIGTERM, SigHandler::SigDfl);
    //> let unblocked = signal::sigprocmask(SigmaskHow::SIG_UNBLOCK, Some(&stop_signals()), None);
    // TODO 2. loop { receive(&end): Ok(None) → return 0; echo(&conn); drop(conn);
    //         send one byte on `end` (MSG_NOSIGNAL): free again }
    //> let said = socket::send(end.as_raw_fd(), b"f", MsgFlags::MSG_NOSIGNAL);
    todo!("receive, echo, close, say free")
}

/// Receive one descriptor: recvmsg with room for one SCM_RIGHTS descriptor beside one byte of
/// data. `None` at EOF. The number it arrives under is the worker's own.
/// C: `char byte; struct iovec one = { &byte, 1 }; char buf[CMSG_SPACE(sizeof(int))];
///     recvmsg(sv, &m, 0); memcpy(&conn, CMSG_DATA(CMSG_FIRSTHDR(&m)), sizeof conn);`
fn receive(end: &OwnedFd) -> nix::Result<Option<OwnedFd>> {
    // TODO recvmsg; msg.bytes == 0: EOF; for each cmsg in msg.cmsgs()?: ScmRights(fds) → the
    //      first fd, wrapped in an OwnedFd (this process owns it now).
    //> let mut byte = [0u8; 1];
    //> let mut iov = [IoSliceMut::new(&mut byte)];
    //> let mut space = nix::cmsg_space!([RawFd; 1]);
    //> let msg = socket::recvmsg::<()>(end.as_raw_fd(), &mut iov, Some(&mut space), MsgFlags::MSG_CMSG_CLOEXEC)?;
    //> for cmsg in msg.cmsgs()? {
    //>     if let ControlMessageOwned::ScmRights(fds) = cmsg {
    //>         // SAFETY: the kernel just installed these descriptors in this process.
    //>         let conn = fds.first().map(|&fd| unsafe { OwnedFd::from_raw_fd(fd) });
    //>     }
    //> }
    todo!("recvmsg one descriptor")
}

/// Echo everything until the client's EOF, as day2-echo's server does; an error ends only
/// this client.
/// C: `while ((n = read(conn, buf, sizeof buf)) > 0) send_all(conn, buf, n);`
fn echo(conn: &OwnedFd) {
    // TODO loop { read (0: return); send_all what came; errors: return }
    //> let mut buf = vec![0u8; 64 * 1024];
    //> let n = unistd::read(conn, &mut buf).unwrap_or(0);
    todo!("echo until EOF")
}

/// Send all of `data` with MSG_NOSIGNAL (as in day2-echo).
/// C: `n = send(fd, p, len, MSG_NOSIGNAL);`
fn send_all(fd: &OwnedFd, data: &[u8]) -> nix::Result<()> {
    // TODO loop until everything is sent; retry on EINTR.
    //> let n = socket::send(fd.as_raw_fd(), data, MsgFlags::MSG_NOSIGNAL)?;
    todo!("send everything")
}
