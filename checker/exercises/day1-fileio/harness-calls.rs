//! day1-fileio: the student's writes go into a pipe whose reader is slow while a timer
//! interrupts the writer with SIGALRM, caught by a handler installed without SA_RESTART, so that
//! short writes and EINTR really happen. This binary defines the C symbols write and writev
//! (the student's calls through nix resolve to them) to count what happens on that pipe.
use std::os::fd::{AsRawFd, OwnedFd};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering::SeqCst};
use std::time::Duration;

use day1_fileio as ex;
use nix::errno::Errno;
use nix::fcntl::{FcntlArg, fcntl};
use nix::libc;
use nix::sys::signal::{SaFlags, SigAction, SigHandler, SigSet, Signal, sigaction};

use crate::{hex, unhex};

/// The pipe under watch, by inode (0: none; a dup of its fd is the same pipe), and what happened
/// to the calls made on it.
static WATCHED: AtomicU64 = AtomicU64::new(0);
static WRITES: AtomicUsize = AtomicUsize::new(0);
static WRITEVS: AtomicUsize = AtomicUsize::new(0);
static SHORT: AtomicUsize = AtomicUsize::new(0);
static EINTR: AtomicUsize = AtomicUsize::new(0);

fn inode(fd: libc::c_int) -> u64 {
    // SAFETY: all-zero is a valid stat, and fstat only writes into it.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: a valid pointer to a stat; a bad fd only makes fstat fail.
    if unsafe { libc::fstat(fd, &mut st) } == 0 {
        st.st_ino as u64
    } else {
        0
    }
}

/// Is this call on the watched pipe? (errno is kept as the system call left it.)
fn watched(fd: libc::c_int) -> bool {
    let watched = WATCHED.load(SeqCst);
    if watched == 0 {
        return false;
    }
    let errno = Errno::last_raw();
    let found = inode(fd) == watched;
    Errno::set_raw(errno);
    found
}

/// Count a short count or an EINTR.
fn record(asked: usize, ret: libc::ssize_t) {
    if ret < 0 {
        if Errno::last_raw() == libc::EINTR {
            EINTR.fetch_add(1, SeqCst);
        }
    } else if (ret as usize) < asked {
        SHORT.fetch_add(1, SeqCst);
    }
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn write(
    fd: libc::c_int,
    buf: *const libc::c_void,
    count: libc::size_t,
) -> libc::ssize_t {
    // SAFETY: the caller's arguments go to the system call unchanged.
    let ret = unsafe { libc::syscall(libc::SYS_write, fd, buf, count) } as libc::ssize_t;
    if watched(fd) {
        record(count, ret);
        WRITES.fetch_add(1, SeqCst);
    }
    ret
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn writev(
    fd: libc::c_int,
    iov: *const libc::iovec,
    iovcnt: libc::c_int,
) -> libc::ssize_t {
    // SAFETY: the caller's arguments go to the system call unchanged.
    let ret = unsafe { libc::syscall(libc::SYS_writev, fd, iov, iovcnt) } as libc::ssize_t;
    if watched(fd) {
        let asked = if ret >= 0 && iovcnt > 0 && !iov.is_null() {
            // SAFETY: the kernel has just read these iovcnt entries without complaint.
            let entries = unsafe { std::slice::from_raw_parts(iov, iovcnt as usize) };
            entries.iter().map(|e| e.iov_len).sum()
        } else {
            0
        };
        record(asked, ret);
        WRITEVS.fetch_add(1, SeqCst);
    }
    ret
}

extern "C" fn on_alarm(_: libc::c_int) {
    // Nothing to do: the signal's whole job is to interrupt the writer.
}

/// SIGALRM every `micros` microseconds from now on (0: never again).
fn interrupt_every(micros: i64) {
    let period = libc::timeval {
        tv_sec: 0,
        tv_usec: micros as libc::suseconds_t,
    };
    let timer = libc::itimerval {
        it_interval: period,
        it_value: period,
    };
    // SAFETY: a valid itimerval; the previous setting is not wanted.
    unsafe { libc::setitimer(libc::ITIMER_REAL, &timer, std::ptr::null_mut()) };
}

/// Counts the calls on one fd under interruptions while it lives; ends both when dropped, even
/// if the student's code panics.
struct Watch;

impl Watch {
    fn start(fd: &OwnedFd) -> Watch {
        for counter in [&WRITES, &WRITEVS, &SHORT, &EINTR] {
            counter.store(0, SeqCst);
        }
        // Without SA_RESTART a blocked write() returns early when the signal comes: with the
        // bytes written so far, or with EINTR if there were none.
        let action = SigAction::new(
            SigHandler::Handler(on_alarm),
            SaFlags::empty(),
            SigSet::empty(),
        );
        // SAFETY: the handler does nothing, which is async-signal-safe.
        unsafe { sigaction(Signal::SIGALRM, &action) }.expect("sigaction");
        WATCHED.store(inode(fd.as_raw_fd()), SeqCst);
        interrupt_every(500);
        Watch
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        interrupt_every(0);
        WATCHED.store(0, SeqCst);
    }
}

fn outcome(result: &nix::Result<()>) -> String {
    match result {
        Ok(()) => "ok".to_string(),
        Err(e) => format!("err:{e:?}"),
    }
}

/// The counts of the calls made on the watched pipe so far, as a reply gives them.
fn counts() -> String {
    [&WRITES, &WRITEVS, &SHORT, &EINTR]
        .map(|c| c.load(SeqCst).to_string())
        .join(" ")
}

/// Let `write` write `expected` into a pipe read slowly, under interruptions; reply with its
/// result, the counts, and everything the reader received. Once what came differs from
/// `expected` (or goes past it), nothing written later can right it: the reply is made then,
/// `diverged`, and the harness ends, whether or not the call would ever return.
fn through_slow_pipe(expected: Vec<u8>, write: impl FnOnce(&OwnedFd) -> nix::Result<()>) -> String {
    let (read_end, write_end) = nix::unistd::pipe().expect("pipe");
    // A one-page pipe is full at once: the writer waits for the reader nearly all the time.
    let _ = fcntl(&write_end, FcntlArg::F_SETPIPE_SZ(4096));
    let (ready, started) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        // SIGALRM must interrupt the writer, never the reader.
        let _ = SigSet::from(Signal::SIGALRM).thread_block();
        let _ = ready.send(());
        let mut received = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            match nix::unistd::read(&read_end, &mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    let at = received.len();
                    received.extend_from_slice(&buf[..n]);
                    if expected.get(at..at + n) != Some(&buf[..n]) {
                        crate::reply_and_exit(&format!("diverged {} {}", counts(), hex(&received)));
                    }
                }
                Err(Errno::EINTR) => continue,
                Err(_) => break,
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        received
    });
    let _ = started.recv();
    let result = {
        let _watch = Watch::start(&write_end);
        write(&write_end)
    };
    let counts = counts();
    drop(write_end);
    let received = reader.join().unwrap_or_default();
    format!("{} {} {}", outcome(&result), counts, hex(&received))
}

/// This process's CPU time so far, user and system.
fn cpu_time() -> Duration {
    use nix::sys::resource::{UsageWho, getrusage};
    getrusage(UsageWho::RUSAGE_SELF).map_or(Duration::ZERO, |u| {
        let micros = |t: nix::sys::time::TimeVal| {
            Duration::from_secs(t.tv_sec() as u64) + Duration::from_micros(t.tv_usec() as u64)
        };
        micros(u.user_time()) + micros(u.system_time())
    })
}

/// How much CPU time a write into a closed pipe may take without returning: EPIPE comes at
/// once, so a call still running after this retries an error that will not go away.
const SPIN_CPU: Duration = Duration::from_millis(300);

/// Let `write` write into a pipe whose reader is gone: a real error, which must come back. A
/// call that runs `SPIN_CPU` on the CPU without returning is answered `spins <ms>` then, and
/// the harness ends.
fn into_closed_pipe(write: impl FnOnce(&OwnedFd) -> nix::Result<()>) -> String {
    let (read_end, write_end) = nix::unistd::pipe().expect("pipe");
    drop(read_end);
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watching = std::sync::Arc::clone(&done);
    let began = cpu_time();
    std::thread::spawn(move || {
        while !watching.load(SeqCst) {
            std::thread::sleep(Duration::from_millis(20));
            let spent = cpu_time().saturating_sub(began);
            if spent >= SPIN_CPU && !watching.load(SeqCst) {
                crate::reply_and_exit(&format!("spins {}", spent.as_millis()));
            }
        }
    });
    // Rust programs ignore SIGPIPE: the write fails with EPIPE instead.
    let result = write(&write_end);
    done.store(true, SeqCst);
    outcome(&result)
}

pub fn call(function: &str, args: &[String]) -> String {
    let buffers: Vec<Vec<u8>> = args.iter().map(|a| unhex(a)).collect();
    let slices: Vec<&[u8]> = buffers.iter().map(Vec::as_slice).collect();
    let first = slices.first().copied().unwrap_or_default();
    match function {
        "write_all" => through_slow_pipe(first.to_vec(), |fd| ex::write_all(fd, first)),
        "write_vectored_all" => {
            through_slow_pipe(slices.concat(), |fd| ex::write_vectored_all(fd, &slices))
        }
        "write_all_closed" => into_closed_pipe(|fd| ex::write_all(fd, first)),
        "write_vectored_all_closed" => into_closed_pipe(|fd| ex::write_vectored_all(fd, &slices)),
        other => panic!("the checker asked for an unknown function {other}"),
    }
}
