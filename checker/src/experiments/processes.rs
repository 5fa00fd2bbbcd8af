//! Processes and signals: a zombie until it is reaped, a blocked send cut short by a signal,
//! and what PIPE_BUF promises.
//!
//! The children are forked from the checker, which has other threads: after fork a child
//! calls only async-signal-safe functions (libc's system calls, no allocation) and leaves with
//! `_exit`. Everything it needs is made before the fork.

use std::os::fd::{AsRawFd, OwnedFd};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use nix::errno::Errno;
use nix::sys::signal::{Signal, kill};
use nix::sys::socket::{setsockopt, sockopt};
use nix::sys::wait::{WaitStatus, waitpid};
use nix::unistd::{ForkResult, Pid, fork, pipe};

use super::net;
use super::{Lab, Outcome, yes_no};
use crate::base::i18n::msg;
use crate::contain::procinfo;

/// Fork a child that runs `child` (async-signal-safe calls only) and `_exit`s with its value.
pub(super) fn spawn(child: impl FnOnce() -> i32) -> Result<Pid> {
    // SAFETY: the child runs only async-signal-safe calls (see the module's comment) and
    // leaves with _exit, never returning into the checker.
    match unsafe { fork() }? {
        ForkResult::Child => {
            let code = child();
            // SAFETY: _exit is async-signal-safe and ends the child at once.
            unsafe { libc::_exit(code) }
        }
        ForkResult::Parent { child } => Ok(child),
    }
}

/// Reap a child, killing it first if it is still there after `limit`.
pub(super) fn reap(pid: Pid, limit: Duration) -> Option<WaitStatus> {
    let mut status = None;
    net::wait_until(limit, || {
        status = waitpid(pid, Some(nix::sys::wait::WaitPidFlag::WNOHANG))
            .ok()
            .filter(|s| *s != WaitStatus::StillAlive);
        status.is_some()
    });
    if status.is_none() {
        let _ = kill(pid, Signal::SIGKILL);
        status = waitpid(pid, None).ok();
    }
    status
}

/// A child that has exited is a zombie (state Z in /proc, still a process: kill(pid, 0)
/// succeeds) until its parent waits for it; then it is gone (ESRCH).
pub fn zombie(lab: &mut Lab) -> Result<Outcome> {
    let child = spawn(|| 7)?;
    let pid = child.as_raw();
    lab.say(msg!("try-zombie-forked", pid = pid));
    let zombie = net::wait_until(Duration::from_secs(2), || procinfo::is_zombie(pid));
    let state = procinfo::state(pid).map(String::from).unwrap_or_default();
    let signalable = kill(child, None).is_ok();
    lab.say(msg!(
        "try-zombie-state",
        pid = pid,
        state = state.clone(),
        kill = yes_no(signalable)
    ));
    let status = waitpid(child, None)?;
    let code = match status {
        WaitStatus::Exited(_, code) => code,
        _ => -1,
    };
    let gone = !std::path::Path::new(&format!("/proc/{pid}")).exists();
    let after = match kill(child, None) {
        Ok(()) => "0".to_string(),
        Err(e) => format!("{e:?}"),
    };
    lab.say(msg!(
        "try-zombie-reaped",
        code = code,
        gone = yes_no(gone),
        kill = after.clone()
    ));
    let holds = zombie && state == "Z" && signalable && code == 7 && gone && after == "ESRCH";
    lab.say(msg!("try-zombie-conclusion"));
    Ok(Outcome::new(holds)
        .fact("state_before_wait", state)
        .fact("kill_before_wait", signalable)
        .fact("exit_code", code)
        .fact("kill_after_wait", after))
}

/// How a blocked send is interrupted in one case of `short_count_sigstop`.
#[derive(Clone, Copy)]
enum Interrupt {
    /// SIGSTOP then SIGCONT, no handler (Ctrl-Z and fg).
    StopContinue,
    /// SIGUSR1 caught by a handler installed with or without SA_RESTART.
    Handler { restart: bool },
}

extern "C" fn on_usr1(_: libc::c_int) {}

/// What one blocked send returned: the count, or -errno.
fn interrupted_send(interrupt: Interrupt, nothing_moved: bool) -> Result<i64> {
    const BYTES: usize = 8 << 20;
    let (_listener, client, server) = small_buffered_connection()?;
    if nothing_moved {
        fill(&client, &server)?;
    }
    // What the socket holds before the child's send: with nothing moved, it stays so.
    let filled = outq(&client);
    let data = vec![b'x'; if nothing_moved { 64 << 10 } else { BYTES }];
    let (result_r, result_w) = pipe()?;
    let fd = client.as_raw_fd();
    let out = result_w.as_raw_fd();
    let child = spawn(|| {
        // SAFETY: sigaction, fcntl, send and write are async-signal-safe; `data` was made
        // before the fork.
        unsafe {
            if let Interrupt::Handler { restart } = interrupt {
                let mut action: libc::sigaction = std::mem::zeroed();
                action.sa_sigaction = on_usr1 as extern "C" fn(libc::c_int) as usize;
                action.sa_flags = if restart { libc::SA_RESTART } else { 0 };
                libc::sigaction(libc::SIGUSR1, &action, std::ptr::null_mut());
            }
            let flags = libc::fcntl(fd, libc::F_GETFL);
            libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK);
            let n = libc::send(fd, data.as_ptr().cast(), data.len(), 0);
            let value: i64 = if n < 0 {
                -i64::from(*libc::__errno_location())
            } else {
                n as i64
            };
            libc::write(out, (&value as *const i64).cast(), 8);
        }
        0
    })?;
    drop(result_w);
    let pid = child.as_raw();
    if !blocked_in_send(pid, &client, filled, nothing_moved) {
        let _ = kill(child, Signal::SIGKILL);
        reap(child, Duration::from_secs(1));
        bail!("the child did not block in send()");
    }
    interrupt_child(child, interrupt)?;
    // A send that is restarted blocks again: read what the server has, so it can finish.
    let value = loop {
        if let Some(v) = read_i64(&result_r, Duration::from_millis(50)) {
            break v;
        }
        drain(&server);
        if procinfo::state(pid).is_none() {
            break i64::MIN;
        }
    };
    reap(child, Duration::from_secs(2));
    Ok(value)
}

/// The child blocked in send() is interrupted: stopped then continued, or sent SIGUSR1.
fn interrupt_child(child: Pid, interrupt: Interrupt) -> Result<()> {
    match interrupt {
        Interrupt::StopContinue => {
            kill(child, Signal::SIGSTOP)?;
            let pid = child.as_raw();
            net::wait_until(Duration::from_secs(2), || procinfo::state(pid) == Some('T'));
            kill(child, Signal::SIGCONT)?;
        }
        Interrupt::Handler { .. } => kill(child, Signal::SIGUSR1)?,
    }
    Ok(())
}

/// A connection whose buffers are small and fixed (no autotuning): it fills at once and stays
/// full. The listener, the client's end and the server's.
fn small_buffered_connection() -> Result<(OwnedFd, OwnedFd, OwnedFd)> {
    let (listener, port) = net::listener(0, 1, false)?;
    setsockopt(&listener, sockopt::RcvBuf, &(16 << 10))?;
    let client = net::tcp_socket(false)?;
    setsockopt(&client, sockopt::SndBuf, &(16 << 10))?;
    nix::sys::socket::connect(
        client.as_raw_fd(),
        &nix::sys::socket::SockaddrIn::new(127, 0, 0, 1, port),
    )?;
    let server = net::accept(&listener, false)?.context("accept")?;
    Ok((listener, client, server))
}

/// Whether the child `pid` sleeps in send() (within 3 s), its socket's queue no longer growing
/// and moved as asked: still `filled` with nothing moved, past it otherwise.
fn blocked_in_send(pid: i32, client: &OwnedFd, filled: usize, nothing_moved: bool) -> bool {
    let mut queued = usize::MAX;
    net::wait_until(Duration::from_secs(3), || {
        let now = outq(client);
        let steady = now == queued;
        queued = now;
        let moved_as_asked = if nothing_moved {
            now == filled
        } else {
            now > filled
        };
        procinfo::in_write_call(pid) && steady && moved_as_asked
    })
}

/// Fill a connection the peer never reads until not one more byte fits: send without waiting
/// until EAGAIN, again each time the queues have settled, until a round takes nothing and both
/// queues (ours unacknowledged, the peer's unread) hold still: the peer's window is closed,
/// nothing will free room, and a blocking send can move nothing.
fn fill(fd: &OwnedFd, peer: &OwnedFd) -> Result<()> {
    let chunk = vec![b'f'; 64 << 10];
    let queues = || (outq(fd), net::unread(peer.as_raw_fd()));
    loop {
        let mut took = 0;
        loop {
            match nix::sys::socket::send(
                fd.as_raw_fd(),
                &chunk,
                nix::sys::socket::MsgFlags::MSG_DONTWAIT,
            ) {
                Ok(n) => took += n,
                Err(Errno::EAGAIN) => break,
                Err(e) => bail!("send: {e}"),
            }
        }
        let before = queues();
        std::thread::sleep(Duration::from_millis(100));
        if took == 0 && queues() == before {
            return Ok(());
        }
    }
}

/// Bytes not yet acknowledged in a socket's send queue (SIOCOUTQ).
fn outq(fd: &OwnedFd) -> usize {
    let mut n: libc::c_int = 0;
    // SAFETY: SIOCOUTQ (TIOCOUTQ) writes one int.
    unsafe { libc::ioctl(fd.as_raw_fd(), libc::TIOCOUTQ, &mut n) };
    n.max(0) as usize
}

fn drain(fd: &OwnedFd) {
    let mut buf = vec![0u8; 256 << 10];
    while matches!(net::recv_now(fd, &mut buf), Ok(n) if n > 0) {}
}

pub(super) fn read_i64(fd: &OwnedFd, wait: Duration) -> Option<i64> {
    let mut pfd = [nix::poll::PollFd::new(
        std::os::fd::AsFd::as_fd(fd),
        nix::poll::PollFlags::POLLIN,
    )];
    let ms = nix::poll::PollTimeout::try_from(wait.as_millis() as i32).ok()?;
    if nix::poll::poll(&mut pfd, ms).ok()? == 0 {
        return None;
    }
    let mut bytes = [0u8; 8];
    (nix::unistd::read(fd, &mut bytes).ok()? == 8).then(|| i64::from_ne_bytes(bytes))
}

/// A blocked send that has moved some bytes returns that count whenever a signal interrupts
/// it, SIGSTOP included, with or without SA_RESTART; SA_RESTART decides only what happens when
/// nothing had moved (restarted, or EINTR).
pub fn short_count_sigstop(lab: &mut Lab) -> Result<Outcome> {
    let cases = [
        ("stop-moved", Interrupt::StopContinue, false),
        ("restart-moved", Interrupt::Handler { restart: true }, false),
        (
            "no-restart-moved",
            Interrupt::Handler { restart: false },
            false,
        ),
        ("stop-nothing", Interrupt::StopContinue, true),
        (
            "restart-nothing",
            Interrupt::Handler { restart: true },
            true,
        ),
        (
            "no-restart-nothing",
            Interrupt::Handler { restart: false },
            true,
        ),
    ];
    let mut outcome = Outcome::new(true);
    let mut holds = true;
    for (name, interrupt, nothing_moved) in cases {
        let asked = if nothing_moved { 64 << 10 } else { 8 << 20 };
        let got = interrupted_send(interrupt, nothing_moved)?;
        let shown = if got < 0 {
            format!("{:?}", Errno::from_raw((-got) as i32))
        } else {
            got.to_string()
        };
        let expected = match (nothing_moved, interrupt) {
            (false, _) => got > 0 && got < asked,
            (true, Interrupt::Handler { restart: false }) => got == -(Errno::EINTR as i64),
            (true, _) => got == asked,
        };
        holds &= expected;
        lab.say(msg!(
            "try-short-case",
            case = msg_case(name),
            asked = asked,
            result = shown.clone()
        ));
        outcome = outcome.fact(name, shown);
    }
    lab.say(msg!("try-short-conclusion"));
    outcome.holds = holds;
    Ok(outcome)
}

fn msg_case(name: &str) -> crate::base::i18n::Text {
    match name {
        "stop-moved" => msg!("try-short-stop-moved"),
        "restart-moved" => msg!("try-short-restart-moved"),
        "no-restart-moved" => msg!("try-short-no-restart-moved"),
        "stop-nothing" => msg!("try-short-stop-nothing"),
        "restart-nothing" => msg!("try-short-restart-nothing"),
        _ => msg!("try-short-no-restart-nothing"),
    }
}

/// Writes of at most PIPE_BUF bytes into a pipe are atomic: four writers' 4096-byte records
/// arrive whole. A larger write is not: while it waits for room, another writer's bytes can
/// take the room, and land inside it, with no signal at all.
pub fn pipe_buf_atomic(lab: &mut Lab) -> Result<Outcome> {
    const RECORD: usize = libc::PIPE_BUF;
    const RECORDS: usize = 64;
    let (r, w) = pipe()?;
    let records: Vec<Vec<u8>> = (0..4u8).map(|i| vec![b'a' + i; RECORD]).collect();
    let mut writers = Vec::new();
    for record in &records {
        let fd = w.as_raw_fd();
        writers.push(spawn(|| {
            for _ in 0..RECORDS {
                // SAFETY: write is async-signal-safe; `record` was made before the fork.
                let n = unsafe { libc::write(fd, record.as_ptr().cast(), record.len()) };
                if n != RECORD as isize {
                    return 1;
                }
            }
            0
        })?);
    }
    drop(w);
    let stream = read_all(&r)?;
    let whole_writes = writers.into_iter().all(|p| {
        matches!(
            reap(p, Duration::from_secs(2)),
            Some(WaitStatus::Exited(_, 0))
        )
    });
    let mixed = stream
        .chunks(RECORD)
        .filter(|c| c.iter().any(|&b| b != c[0]))
        .count();
    lab.say(msg!(
        "try-pipe-small",
        records = 4 * RECORDS,
        bytes = RECORD,
        mixed = mixed
    ));
    let small_atomic = whole_writes && mixed == 0 && stream.len() == 4 * RECORDS * RECORD;
    let (large, small, at) = large_write_split(lab)?;
    // B's 100 bytes inside A's one write(), which returned its whole count.
    let inside = at.is_some_and(|p| p > 0 && p < 160 << 10);
    let holds = small_atomic && large == 160 << 10 && small == 100 && inside;
    lab.say(msg!("try-pipe-conclusion"));
    Ok(Outcome::new(holds)
        .fact("small_records_mixed", mixed)
        .fact("large_write_returned", large)
        .fact("small_write_returned", small)
        .fact("small_write_at", at.map(|p| p as i64).unwrap_or(-1)))
}

/// Fork a child that makes one write() of `data` into `fd` and sends its count (or -errno)
/// down `out`.
fn one_write(fd: i32, data: &[u8], out: i32) -> Result<Pid> {
    spawn(|| {
        // SAFETY: write is async-signal-safe; `data` was made before the fork.
        unsafe {
            let n = libc::write(fd, data.as_ptr().cast(), data.len());
            let value: i64 = if n < 0 {
                -i64::from(*libc::__errno_location())
            } else {
                n as i64
            };
            libc::write(out, (&value as *const i64).cast(), 8);
        }
        0
    })
}

/// Writer A's one write() of 160 KiB into an empty 64 KiB pipe, and writer B's one write() of
/// 100 bytes; no signal anywhere. A fills the pipe and waits for room; B, come later, waits
/// behind it. The reader empties the pipe: the kernel wakes the first writer waiting (A), which
/// fills it again and queues up behind B; the reader empties it again: B's turn, then A's rest.
/// Where did B's bytes land, and what did each write return?
fn large_write_split(lab: &mut Lab) -> Result<(i64, i64, Option<usize>)> {
    const LARGE: usize = 160 << 10;
    const PIPE: usize = 64 << 10;
    let (r, w) = pipe()?;
    let (result_r, result_w) = pipe()?;
    let (large, small) = (vec![b'A'; LARGE], vec![b'B'; 100]);
    let (fd, out) = (w.as_raw_fd(), result_w.as_raw_fd());
    let a = one_write(fd, &large, out)?;
    // Writer A waits in write() with the pipe full.
    let waits_full = |pid: Pid| {
        net::wait_until(Duration::from_secs(3), || {
            net::unread(r.as_raw_fd()) == PIPE && procinfo::in_write_call(pid.as_raw())
        })
    };
    let a_waits = waits_full(a);
    let b = one_write(fd, &small, out)?;
    let b_waits = waits_full(b);
    let mut stream = Vec::new();
    let mut first = vec![0u8; PIPE];
    if a_waits && b_waits {
        read_exact(&r, &mut first)?;
        stream.extend_from_slice(&first);
        // A took the room and waits again, its write not finished; B still waits.
        if waits_full(a) && procinfo::in_write_call(b.as_raw()) {
            read_exact(&r, &mut first)?;
            stream.extend_from_slice(&first);
        }
    }
    drop(w);
    drop(result_w);
    stream.extend(read_all(&r)?);
    let (ra, rb) = (
        reap(a, Duration::from_secs(2)),
        reap(b, Duration::from_secs(2)),
    );
    if !(a_waits && b_waits) || ra.is_none() || rb.is_none() {
        bail!("the writers did not wait for room as they should");
    }
    // The two counts, in the order the writes ended: A's 160 KiB, B's 100.
    let (mut large_returned, mut small_returned) = (-1, -1);
    while let Some(v) = read_i64(&result_r, Duration::from_millis(100)) {
        if v == 100 {
            small_returned = v;
        } else {
            large_returned = v;
        }
    }
    let b_at = stream.iter().position(|&b| b == b'B');
    let whole = stream.len() == LARGE + 100 && stream.iter().filter(|&&b| b == b'B').count() == 100;
    lab.say(msg!(
        "try-pipe-large",
        bytes = LARGE,
        first = large_returned,
        small = small_returned,
        at = b_at.map(|p| p as i64).unwrap_or(-1)
    ));
    Ok((large_returned, small_returned, b_at.filter(|_| whole)))
}

fn read_all(fd: &OwnedFd) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut buf = vec![0u8; 1000];
    loop {
        match nix::unistd::read(fd, &mut buf) {
            Ok(0) => return Ok(out),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(Errno::EINTR) => {}
            Err(e) => bail!("read: {e}"),
        }
    }
}

fn read_exact(fd: &OwnedFd, buf: &mut [u8]) -> Result<()> {
    let mut got = 0;
    while got < buf.len() {
        match nix::unistd::read(fd, &mut buf[got..]) {
            Ok(0) => bail!("the pipe ended early"),
            Ok(n) => got += n,
            Err(Errno::EINTR) => {}
            Err(e) => bail!("read: {e}"),
        }
    }
    Ok(())
}
