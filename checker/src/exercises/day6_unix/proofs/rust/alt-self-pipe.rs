//! Day 6 — a preforked echo server (an alternative design, ../rust.toml,
//! `self-pipe`): plain poll and the self-pipe trick (each handler writes a byte
//! into a non-blocking pipe that poll watches), dead workers found by SIGCHLD and
//! waitpid(-1, WNOHANG), the control socket bound before the workers are forked.
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
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::signal::{self, SaFlags, SigAction, SigHandler, SigSet, Signal};
use nix::sys::socket::{
    self, AddressFamily, Backlog, ControlMessage, ControlMessageOwned, MsgFlags, SockFlag,
    SockType, SockaddrIn, UnixAddr, sockopt,
};
use nix::sys::stat::{SFlag, lstat};
use nix::sys::time::TimeVal;
use nix::sys::wait::{WaitPidFlag, WaitStatus, waitpid};
use nix::unistd::{self, ForkResult, Pid};

/// Set by the SIGTERM and SIGINT handler: stop accepting and shut down.
static STOP: AtomicBool = AtomicBool::new(false);

/// The self-pipe's write end, for the handlers (-1 until it exists).
static WAKE: AtomicI32 = AtomicI32::new(-1);

/// A byte into the self-pipe: the parent's poll wakes, whenever the signal came.
fn wake() {
    let saved = Errno::last_raw();
    let fd = WAKE.load(Ordering::SeqCst);
    if fd >= 0 {
        // SAFETY: write(2) is async-signal-safe; a full pipe (EAGAIN) already wakes poll.
        unsafe { nix::libc::write(fd, b"x".as_ptr().cast(), 1) };
    }
    Errno::set_raw(saved);
}

extern "C" fn on_stop(_: nix::libc::c_int) {
    STOP.store(true, Ordering::SeqCst);
    wake();
}

extern "C" fn on_child(_: nix::libc::c_int) {
    wake();
}

/// One worker, as the parent sees it.
struct Worker {
    pid: Pid,
    /// The parent's end of the worker's socketpair: connections go out, "free" bytes come in.
    end: OwnedFd,
    busy: bool,
    /// Connections this worker process has finished.
    served: u64,
    /// Its end read EOF: it is dying, and waits to be reaped (not watched meanwhile).
    ended: bool,
}

/// Everything the parent holds.
struct Parent {
    listener: OwnedFd,
    /// The self-pipe: the read end poll watches, the write end the handlers write to.
    wake: (OwnedFd, OwnedFd),
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

fn serve(port: u16, n: usize, path: &str) -> Result<(), String> {
    // Blocked everywhere but inside ppoll, which unblocks them for the wait alone: a signal
    // that comes while the loop works is taken at the next wait, never lost before it.
    let wake = unistd::pipe2(OFlag::O_NONBLOCK | OFlag::O_CLOEXEC)
        .map_err(|e| format!("pipe: {e}"))?;
    WAKE.store(wake.1.as_raw_fd(), Ordering::SeqCst);
    install(Signal::SIGTERM, SigHandler::Handler(on_stop))?;
    install(Signal::SIGINT, SigHandler::Handler(on_stop))?;
    install(Signal::SIGCHLD, SigHandler::Handler(on_child))?;
    let listener = listen_on(port)?;
    // The control socket first: nothing to undo if it cannot be bound.
    let control = bind_control(path)?;
    let mut parent = Parent {
        listener,
        wake,
        control: Some((control, path.to_string())),
        workers: Vec::new(),
    };
    for _ in 0..n {
        match parent.fork_worker() {
            Ok(w) => parent.workers.push(w),
            Err(e) => return Err(parent.give_up(e)),
        }
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
                ended: false,
            }),
            Err(e) => Err(format!("fork: {e}")),
        }
    }

    /// The parent's descriptors a worker inherits and must close: the listening socket, the
    /// control socket, the parent's ends of the other workers' socketpairs.
    fn inherited(&self) -> Vec<RawFd> {
        let mut fds = vec![
            self.listener.as_raw_fd(),
            self.wake.0.as_raw_fd(),
            self.wake.1.as_raw_fd(),
        ];
        fds.extend(self.control.iter().map(|(fd, _)| fd.as_raw_fd()));
        fds.extend(self.workers.iter().map(|w| w.end.as_raw_fd()));
        fds
    }

    /// One wait, and whatever it found: workers free again (or dead), a control client, a
    /// client to pass. The listening socket is watched only while a worker is free: otherwise
    /// the connections wait in the backlog.
    fn wait_and_serve(&mut self) -> Result<(), String> {
        self.reap_and_replace()?;
        if STOP.load(Ordering::SeqCst) {
            return Ok(());
        }
        let free = self.workers.iter().any(|w| !w.busy && !w.ended);
        let ready: Vec<bool> = {
            let control = self.control.as_ref().map(|(fd, _)| fd);
            // A worker whose end read EOF is not watched: its EOF would wake poll at once, again
            // and again, until SIGCHLD says it can be reaped. (Its PollFd stays, asking nothing.)
            let mut fds: Vec<PollFd> = self
                .workers
                .iter()
                .map(|w| {
                    let events = if w.ended {
                        PollFlags::empty()
                    } else {
                        PollFlags::POLLIN
                    };
                    PollFd::new(w.end.as_fd(), events)
                })
                .collect();
            fds.extend(control.map(|fd| PollFd::new(fd.as_fd(), PollFlags::POLLIN)));
            fds.push(PollFd::new(self.wake.0.as_fd(), PollFlags::POLLIN));
            if free {
                fds.push(PollFd::new(self.listener.as_fd(), PollFlags::POLLIN));
            }
            match poll(&mut fds, PollTimeout::NONE) {
                Ok(_) => {}
                Err(Errno::EINTR) => return Ok(()),
                Err(e) => return Err(format!("poll: {e}")),
            }
            fds.iter()
                .enumerate()
                .map(|(i, p)| {
                    let asked = i >= self.workers.len() || !self.workers[i].ended;
                    asked && p.revents().is_some_and(|r| !r.is_empty())
                })
                .collect()
        };
        // The self-pipe: empty it (the signals themselves are the flags and SIGCHLD).
        let mut drain = [0u8; 64];
        while let Ok(n) = unistd::read(&self.wake.0, &mut drain) {
            if n == 0 {
                break;
            }
        }
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

    /// Reap every worker that has ended (SIGCHLD woke the loop: signals do not queue, so
    /// waitpid(-1, WNOHANG) until none is left), and fork its replacement into its slot.
    fn reap_and_replace(&mut self) -> Result<(), String> {
        loop {
            let pid = match waitpid(None, Some(WaitPidFlag::WNOHANG)) {
                Ok(WaitStatus::Exited(pid, _) | WaitStatus::Signaled(pid, ..)) => pid,
                Ok(WaitStatus::StillAlive) | Err(Errno::ECHILD) => return Ok(()),
                Ok(_) | Err(Errno::EINTR) => continue,
                Err(e) => return Err(format!("waitpid: {e}")),
            };
            if STOP.load(Ordering::SeqCst) {
                self.workers.retain(|w| w.pid != pid);
                continue;
            }
            if let Some(i) = self.workers.iter().position(|w| w.pid == pid) {
                let replacement = self.fork_worker()?;
                self.workers[i] = replacement;
            }
        }
    }

    /// Worker `i`'s end is readable: "free" bytes (one per finished connection), or EOF: the
    /// worker is dead. Then it is reaped and replaced.
    fn hear_from(&mut self, i: usize) -> Result<(), String> {
        let mut buf = [0u8; 16];
        match unistd::read(&self.workers[i].end, &mut buf) {
            // Dying: SIGCHLD will say when it can be reaped.
            Ok(0) | Err(Errno::ECONNRESET) => self.workers[i].ended = true,
            Ok(n) => {
                let w = &mut self.workers[i];
                w.served += n as u64;
                w.busy = false;
            }
            Err(Errno::EINTR | Errno::EAGAIN) => {}
            Err(e) => return Err(format!("read from worker: {e}")),
        }
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
        for w in self.workers.iter_mut().filter(|w| !w.busy && !w.ended) {
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

    /// Reap what has ended, without replacing it.
    fn reap_quietly(&mut self) -> Result<(), String> {
        while let Ok(WaitStatus::Exited(pid, _) | WaitStatus::Signaled(pid, ..)) =
            waitpid(None, Some(WaitPidFlag::WNOHANG))
        {
            self.workers.retain(|w| w.pid != pid);
        }
        Ok(())
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
    fn shut_down(mut self) -> Result<(), String> {
        // Ended workers the loop has not reaped yet: reaped here, not waited for below.
        let _ = self.reap_quietly();
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
    WAKE.store(-1, Ordering::SeqCst);
    for s in [Signal::SIGTERM, Signal::SIGINT, Signal::SIGCHLD] {
        if install(s, SigHandler::SigDfl).is_err() {
            return 1;
        }
    }
    loop {
        let conn = match receive(&end) {
            Ok(Some(conn)) => conn,
            // The parent is gone: nothing more will come.
            Ok(None) => return 0,
            Err(_) => return 1,
        };
        echo(&conn);
        drop(conn);
        match socket::send(end.as_raw_fd(), b"f", MsgFlags::MSG_NOSIGNAL) {
            Ok(_) => {}
            Err(_) => return 0,
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
