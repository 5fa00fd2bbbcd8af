//! Day 6 — a preforked echo server (an alternative design, ../rust.toml,
//! `select-messages`): the parent waits in pselect, and a worker says it is free
//! with a line of text, `done <n>\n` (its count so far), which the parent reads line by line.
//!
//! `prefork-server <port> <workers> <control-path>`: at start the parent listens on the
//! wildcard address (SO_REUSEADDR), makes one `socketpair(AF_UNIX, SOCK_STREAM)` per worker and
//! forks the workers; each worker closes the listening socket and the parent's ends, the parent
//! closes the workers' ends. The parent then binds a Unix-domain stream socket at
//! `<control-path>` (a stale socket file, one nothing answers on, is removed first; one a
//! running server answers on is an error) and prints `listening on <ip>:<port>`. Only the
//! parent accepts, and only while a worker is free: it passes each connection to a free worker
//! (`sendmsg` with SCM_RIGHTS and one byte of data) and closes its own copy at once. A worker
//! echoes its client as day2-echo's server does, closes the connection and sends one byte back:
//! free again. A worker that dies is reaped and replaced. `stats\n` on the control socket gets
//! `worker <pid> served <n>` per worker, then EOF. On SIGTERM or SIGINT: the workers ended and
//! waited for, the control path removed, `bye`, exit 0.

use std::io::{IoSlice, IoSliceMut, Write};
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use nix::errno::Errno;
use nix::sys::select::{FdSet, pselect};
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
    /// What the worker said that is not a whole line yet.
    said: Vec<u8>,
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

fn serve(port: u16, n: usize, path: &str) -> Result<(), String> {
    // Blocked everywhere but inside ppoll, which unblocks them for the wait alone: a signal
    // that comes while the loop works is taken at the next wait, never lost before it.
    install(Signal::SIGTERM, SigHandler::Handler(on_stop))?;
    install(Signal::SIGINT, SigHandler::Handler(on_stop))?;
    signal::sigprocmask(SigmaskHow::SIG_BLOCK, Some(&stop_signals()), None)
        .map_err(|e| format!("sigprocmask: {e}"))?;
    let mut parent = Parent {
        listener: listen_on(port)?,
        control: None,
        workers: Vec::new(),
    };
    for _ in 0..n {
        match parent.fork_worker() {
            Ok(w) => parent.workers.push(w),
            Err(e) => return Err(parent.give_up(e)),
        }
    }
    match bind_control(path) {
        Ok(fd) => parent.control = Some((fd, path.to_string())),
        // No worker is left behind when the server cannot start.
        Err(e) => return Err(parent.give_up(e)),
    }
    let local: SockaddrIn = socket::getsockname(parent.listener.as_raw_fd())
        .map_err(|e| format!("getsockname: {e}"))?;
    println!("listening on {}:{}", local.ip(), local.port());
    std::io::stdout()
        .flush()
        .map_err(|e| format!("stdout: {e}"))?;
    while !STOP.load(Ordering::SeqCst) {
        parent.wait_and_serve()?;
    }
    parent.shut_down()
}

/// The listening socket on the wildcard address, non-blocking: the parent accepts only when
/// poll says a connection is there, and a connection gone meanwhile must not block it.
/// C: `socket(AF_INET, SOCK_STREAM, 0); setsockopt(SO_REUSEADDR); bind; listen;`
fn listen_on(port: u16) -> Result<OwnedFd, String> {
    let fd = socket::socket(
        AddressFamily::Inet,
        SockType::Stream,
        SockFlag::SOCK_NONBLOCK,
        None,
    )
    .map_err(|e| format!("socket: {e}"))?;
    socket::setsockopt(&fd, sockopt::ReuseAddr, &true)
        .map_err(|e| format!("setsockopt(SO_REUSEADDR): {e}"))?;
    socket::bind(fd.as_raw_fd(), &SockaddrIn::new(0, 0, 0, 0, port))
        .map_err(|e| format!("bind to port {port}: {e}"))?;
    socket::listen(&fd, Backlog::new(128).map_err(|e| format!("backlog: {e}"))?)
        .map_err(|e| format!("listen: {e}"))?;
    Ok(fd)
}

/// The control socket at `path`. A socket file already there is stale if nothing answers on
/// it (connect: ECONNREFUSED): it is removed and the bind tried again. If something answers,
/// another server owns the path.
/// C: `struct sockaddr_un a = { AF_UNIX }; strcpy(a.sun_path, path); bind(fd, &a, sizeof a);`
fn bind_control(path: &str) -> Result<OwnedFd, String> {
    let addr = UnixAddr::new(path).map_err(|e| format!("control path {path}: {e}"))?;
    let fd = socket::socket(
        AddressFamily::Unix,
        SockType::Stream,
        SockFlag::SOCK_NONBLOCK,
        None,
    )
    .map_err(|e| format!("socket(AF_UNIX): {e}"))?;
    match socket::bind(fd.as_raw_fd(), &addr) {
        Ok(()) => {}
        Err(Errno::EADDRINUSE) => {
            let is_socket = lstat(path).is_ok_and(|st| {
                SFlag::from_bits_truncate(st.st_mode) & SFlag::S_IFMT == SFlag::S_IFSOCK
            });
            if !is_socket {
                return Err(format!("{path} exists and is not a socket"));
            }
            if answers(&addr)? {
                return Err(format!("{path}: another server is running there"));
            }
            // Stale: left by a server that did not remove it (killed, crashed).
            unistd::unlink(path).map_err(|e| format!("unlink {path}: {e}"))?;
            socket::bind(fd.as_raw_fd(), &addr).map_err(|e| format!("bind {path}: {e}"))?;
        }
        Err(e) => return Err(format!("bind {path}: {e}")),
    }
    socket::listen(&fd, Backlog::new(16).map_err(|e| format!("backlog: {e}"))?)
        .map_err(|e| format!("listen on {path}: {e}"))?;
    Ok(fd)
}

/// Whether a server answers on the socket file at `addr`.
fn answers(addr: &UnixAddr) -> Result<bool, String> {
    let probe = socket::socket(
        AddressFamily::Unix,
        SockType::Stream,
        SockFlag::empty(),
        None,
    )
    .map_err(|e| format!("socket(AF_UNIX): {e}"))?;
    match socket::connect(probe.as_raw_fd(), addr) {
        Ok(()) => Ok(true),
        Err(Errno::ECONNREFUSED) => Ok(false),
        Err(e) => Err(format!("connect to the control path: {e}")),
    }
}

impl Parent {
    /// A new worker: its socketpair, then fork. The worker keeps its end and closes every
    /// descriptor of the parent's; the parent keeps its end and closes the worker's.
    /// C: `int sv[2]; socketpair(AF_UNIX, SOCK_STREAM, 0, sv); if (fork() == 0) { ... }`
    fn fork_worker(&self) -> Result<Worker, String> {
        let (parent_end, worker_end) = socket::socketpair(
            AddressFamily::Unix,
            SockType::Stream,
            None,
            SockFlag::empty(),
        )
        .map_err(|e| format!("socketpair: {e}"))?;
        // SAFETY: one thread, so the child may run ordinary code.
        match unsafe { unistd::fork() } {
            Ok(ForkResult::Child) => {
                drop(parent_end);
                // The child runs until process::exit, which runs no destructors: the parent's
                // descriptors it inherited are closed here, once.
                for fd in self.inherited() {
                    let _ = unistd::close(fd);
                }
                std::process::exit(work(worker_end))
            }
            Ok(ForkResult::Parent { child }) => Ok(Worker {
                pid: child,
                end: parent_end,
                busy: false,
                served: 0,
                said: Vec::new(),
            }),
            Err(e) => Err(format!("fork: {e}")),
        }
    }

    /// The parent's descriptors a worker inherits and must close: the listening socket, the
    /// control socket, the parent's ends of the other workers' socketpairs.
    fn inherited(&self) -> Vec<RawFd> {
        let mut fds = vec![self.listener.as_raw_fd()];
        fds.extend(self.control.iter().map(|(fd, _)| fd.as_raw_fd()));
        fds.extend(self.workers.iter().map(|w| w.end.as_raw_fd()));
        fds
    }

    /// One wait, and whatever it found: workers free again (or dead), a control client, a
    /// client to pass. The listening socket is watched only while a worker is free: otherwise
    /// the connections wait in the backlog.
    fn wait_and_serve(&mut self) -> Result<(), String> {
        let free = self.workers.iter().any(|w| !w.busy);
        let ready: Vec<bool> = {
            let mut watched = Vec::new();
            watched.extend(self.workers.iter().map(|w| w.end.as_fd()));
            watched.extend(self.control.as_ref().map(|(fd, _)| fd.as_fd()));
            if free {
                watched.push(self.listener.as_fd());
            }
            let mut readable = FdSet::new();
            for fd in &watched {
                readable.insert(*fd);
            }
            // pselect: select that takes the signal mask for the wait alone.
            match pselect(None, &mut readable, None, None, None, &SigSet::empty()) {
                Ok(_) => {}
                Err(Errno::EINTR) => return Ok(()),
                Err(e) => return Err(format!("pselect: {e}")),
            }
            watched.iter().map(|fd| readable.contains(*fd)).collect()
        };
        let n = self.workers.len();
        for (i, _) in ready.iter().take(n).enumerate().filter(|(_, r)| **r) {
            self.hear_from(i)?;
        }
        if ready.get(self.workers.len()) == Some(&true) {
            self.answer_control();
        }
        if free && ready.last() == Some(&true) {
            self.accept_and_pass();
        }
        Ok(())
    }

    /// Worker `i`'s end is readable: "free" bytes (one per finished connection), or EOF: the
    /// worker is dead. Then it is reaped and replaced.
    fn hear_from(&mut self, i: usize) -> Result<(), String> {
        let mut buf = [0u8; 64];
        match unistd::read(&self.workers[i].end, &mut buf) {
            Ok(0) | Err(Errno::ECONNRESET) => {}
            Ok(n) => {
                let w = &mut self.workers[i];
                w.said.extend_from_slice(&buf[..n]);
                while let Some(at) = w.said.iter().position(|&b| b == b'\n') {
                    // `done <n>`: the worker's own count of what it has finished.
                    let line: Vec<u8> = w.said.drain(..=at).collect();
                    let count = std::str::from_utf8(&line)
                        .ok()
                        .and_then(|l| l.trim().strip_prefix("done "))
                        .and_then(|n| n.parse().ok());
                    if let Some(count) = count {
                        w.served = count;
                        w.busy = false;
                    }
                }
                return Ok(());
            }
            Err(Errno::EINTR | Errno::EAGAIN) => return Ok(()),
            Err(e) => return Err(format!("read from worker: {e}")),
        }
        // Its end closed: the worker has exited (or is exiting). Reap it: no zombie.
        let pid = self.workers[i].pid;
        loop {
            match waitpid(pid, None) {
                Ok(WaitStatus::Exited(..) | WaitStatus::Signaled(..)) | Err(Errno::ECHILD) => {
                    break;
                }
                Ok(_) | Err(Errno::EINTR) => continue,
                Err(e) => return Err(format!("waitpid: {e}")),
            }
        }
        let replacement = self.fork_worker()?;
        self.workers[i] = replacement;
        Ok(())
    }

    /// Accept a client and pass it to the first free worker: one byte of data with the
    /// descriptor (a stream socket sends no empty message, and the descriptor goes with data),
    /// then close the parent's copy at once.
    /// C: `struct msghdr m = { .msg_iov = &one, .msg_control = buf, ... };
    ///     cmsg->cmsg_type = SCM_RIGHTS; *(int *)CMSG_DATA(cmsg) = conn; sendmsg(sv, &m, 0);`
    fn accept_and_pass(&mut self) {
        let conn = match socket::accept(self.listener.as_raw_fd()) {
            // SAFETY: accept just returned this descriptor and nothing else owns it.
            Ok(fd) => unsafe { OwnedFd::from_raw_fd(fd) },
            Err(_) => return,
        };
        let fds = [conn.as_raw_fd()];
        let cmsg = [ControlMessage::ScmRights(&fds)];
        let iov = [IoSlice::new(b"c")];
        for w in self.workers.iter_mut().filter(|w| !w.busy) {
            let sent =
                socket::sendmsg::<()>(w.end.as_raw_fd(), &iov, &cmsg, MsgFlags::MSG_NOSIGNAL, None);
            if sent.is_ok() {
                w.busy = true;
                break;
            }
            // That worker is dead: its EOF comes at the next wait. Try the next free one.
        }
        // The worker has its own descriptor now (or no worker could take the client).
        drop(conn);
    }

    /// A control client: one line; `stats` gets one line per worker, then EOF.
    fn answer_control(&mut self) {
        let Some((control, _)) = &self.control else {
            return;
        };
        let conn = match socket::accept(control.as_raw_fd()) {
            // SAFETY: accept just returned this descriptor and nothing else owns it.
            Ok(fd) => unsafe { OwnedFd::from_raw_fd(fd) },
            Err(_) => return,
        };
        // A control client that says nothing must not hold the server up for long.
        let _ = socket::setsockopt(&conn, sockopt::ReceiveTimeout, &TimeVal::new(1, 0));
        let mut line = Vec::new();
        let mut buf = [0u8; 64];
        while !line.contains(&b'\n') && line.len() < 64 {
            match unistd::read(&conn, &mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => line.extend_from_slice(&buf[..n]),
            }
        }
        if line.starts_with(b"stats\n") {
            let report: String = self
                .workers
                .iter()
                .map(|w| format!("worker {} served {}\n", w.pid, w.served))
                .collect();
            let _ = send_all(&conn, report.as_bytes());
        }
    }

    /// When the server cannot start after the workers are forked: end them and wait for them,
    /// so none is left behind. Returns the error.
    fn give_up(self, error: String) -> String {
        for w in &self.workers {
            let _ = signal::kill(w.pid, Signal::SIGTERM);
        }
        for w in &self.workers {
            let _ = waitpid(w.pid, None);
        }
        error
    }

    /// The clean exit: no more clients; the workers sent SIGTERM and waited for; the control
    /// path removed; then `bye`.
    fn shut_down(self) -> Result<(), String> {
        drop(self.listener);
        for w in &self.workers {
            let _ = signal::kill(w.pid, Signal::SIGTERM);
        }
        for w in &self.workers {
            loop {
                match waitpid(w.pid, None) {
                    Ok(WaitStatus::Exited(..) | WaitStatus::Signaled(..)) | Err(Errno::ECHILD) => {
                        break;
                    }
                    Ok(_) | Err(Errno::EINTR) => continue,
                    Err(e) => return Err(format!("waitpid: {e}")),
                }
            }
        }
        if let Some((control, path)) = self.control {
            drop(control);
            unistd::unlink(path.as_str()).map_err(|e| format!("unlink {path}: {e}"))?;
        }
        println!("bye");
        std::io::stdout()
            .flush()
            .map_err(|e| format!("stdout: {e}"))
    }
}

/// A worker's life: wait for a connection on its end of the socketpair, serve it, close it,
/// say it is free (one byte); until the parent's end closes. Returns the exit status.
fn work(end: OwnedFd) -> i32 {
    // The parent's handlers and its blocked mask are inherited: SIGTERM and SIGINT get their
    // default action back (the parent's SIGTERM ends a worker) and are unblocked.
    for s in [Signal::SIGTERM, Signal::SIGINT] {
        if install(s, SigHandler::SigDfl).is_err() {
            return 1;
        }
    }
    if signal::sigprocmask(SigmaskHow::SIG_UNBLOCK, Some(&stop_signals()), None).is_err() {
        return 1;
    }
    let mut served: u64 = 0;
    loop {
        let conn = match receive(&end) {
            Ok(Some(conn)) => conn,
            // The parent is gone: nothing more will come.
            Ok(None) => return 0,
            Err(_) => return 1,
        };
        echo(&conn);
        drop(conn);
        served += 1;
        if send_all(&end, format!("done {served}\n").as_bytes()).is_err() {
            return 0;
        }
    }
}

/// Receive one descriptor: `recvmsg` with room for one SCM_RIGHTS descriptor beside the one
/// byte of data. `None` at EOF. The number it arrives under is the worker's own.
/// C: `char byte; char buf[CMSG_SPACE(sizeof(int))]; recvmsg(sv, &m, 0);
///     int conn = *(int *)CMSG_DATA(CMSG_FIRSTHDR(&m));`
fn receive(end: &OwnedFd) -> nix::Result<Option<OwnedFd>> {
    loop {
        let mut byte = [0u8; 1];
        let mut iov = [IoSliceMut::new(&mut byte)];
        let mut space = nix::cmsg_space!([RawFd; 1]);
        let msg = match socket::recvmsg::<()>(
            end.as_raw_fd(),
            &mut iov,
            Some(&mut space),
            MsgFlags::MSG_CMSG_CLOEXEC,
        ) {
            Ok(msg) => msg,
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(e),
        };
        if msg.bytes == 0 {
            return Ok(None);
        }
        for cmsg in msg.cmsgs()? {
            if let ControlMessageOwned::ScmRights(fds) = cmsg
                && let Some(&fd) = fds.first()
            {
                // SAFETY: the kernel just installed this descriptor for us; we own it.
                return Ok(Some(unsafe { OwnedFd::from_raw_fd(fd) }));
            }
        }
        // A byte without a descriptor: not a connection; wait for the next.
    }
}

/// Echo everything until the client's EOF, as day2-echo's server does; an error ends only
/// this client.
fn echo(conn: &OwnedFd) {
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match unistd::read(conn, &mut buf) {
            Ok(0) => return,
            Ok(n) => n,
            Err(Errno::EINTR) => continue,
            Err(_) => return,
        };
        if send_all(conn, &buf[..n]).is_err() {
            return;
        }
    }
}

fn send_all(fd: &OwnedFd, mut data: &[u8]) -> nix::Result<()> {
    while !data.is_empty() {
        // MSG_NOSIGNAL: a client that resets costs an EPIPE, not the worker (SIGPIPE).
        match socket::send(fd.as_raw_fd(), data, MsgFlags::MSG_NOSIGNAL) {
            Ok(n) => data = &data[n..],
            Err(Errno::EINTR) => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(())
}
