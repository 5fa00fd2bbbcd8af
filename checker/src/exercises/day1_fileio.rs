//! Hidden tests of day1-fileio. `write_all` and `write_vectored_all` are called by the harness
//! with the write end of a pipe whose reader is slow, while a timer interrupts the writer with a
//! signal whose handler was installed without SA_RESTART: short writes and EINTR really happen,
//! and the harness counts them (it wraps write(2) and writev(2)). What the reader received is
//! compared byte for byte with what was asked. `copy` is run on seeded random files made with
//! tempfile, and on each error case of its contract.

use std::os::fd::AsRawFd;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::ExitStatus;
use std::time::{Duration, Instant};

use nix::errno::Errno;

use crate::catalog::{Exercise, Kind, TestCase, secs};
use crate::context::Ctx;
use crate::escape;
use crate::harness::{Call, arg_bytes};
use crate::hints::Kind as HintKind;
use crate::supervise::{Input, Program};
use crate::verdict::{Failure, Status, TestResult};

const COPY: &str = "copy";

pub static EXERCISE: Exercise = Exercise {
    name: "day1-fileio",
    day: 1,
    title: "file descriptors: write_all, write_vectored_all and a copy program",
    section: "day1-fileio",
    kind: Kind::Library {
        calls: CALLS,
        harness_deps: r#"nix = { version = "0.31", features = ["net", "process", "signal", "resource", "poll", "event", "fs", "uio"] }"#,
        binaries: &[COPY],
    },
    student_files: &["src/lib.rs", "src/bin/copy.rs"],
    tests: &[
        TestCase {
            id: "write-all",
            title: "write_all into a slow pipe, interrupted by a timer: every byte once, in order",
            points: 3,
            timeout: secs(30),
            hint: "Loop until every byte is written: after a short count n continue with &buf[n..]; on Err(EINTR) call write() again; return any other error.",
            section: "file-io",
            program: None,
            run: write_all,
        },
        TestCase {
            id: "write-vectored-all",
            title: "write_vectored_all into a slow pipe, interrupted: one writev per attempt, resumed at the exact byte",
            points: 3,
            timeout: secs(30),
            hint: "writev's count covers all the buffers: skip the ones it finished, start the next writev inside the one it stopped in, never from the first buffer again; retry on EINTR.",
            section: "vectored-io",
            program: None,
            run: write_vectored_all,
        },
        TestCase {
            id: "copy-files",
            title: "copy: files of 0 B to 8 MiB of random bytes, byte for byte",
            points: 2,
            timeout: secs(60),
            hint: "Read until read() returns 0 and write exactly the n bytes each read returned (with write_all); a short read is not the end of the file.",
            section: "day1-fileio",
            program: Some(COPY),
            run: copy_files,
        },
        TestCase {
            id: "copy-truncate",
            title: "copy over a longer existing file leaves exactly the new content",
            points: 1,
            timeout: secs(60),
            hint: "Open the destination with O_WRONLY | O_CREAT | O_TRUNC: without O_TRUNC the old bytes past the new end stay.",
            section: "file-io",
            program: Some(COPY),
            run: copy_truncate,
        },
        TestCase {
            id: "copy-append",
            title: "copy --append adds to the end of an existing file, and creates a missing one",
            points: 1,
            timeout: secs(60),
            hint: "With --append open with O_WRONLY | O_CREAT | O_APPEND (not O_TRUNC): every write goes to the end, and a missing file is created.",
            section: "file-io",
            program: Some(COPY),
            run: copy_append,
        },
        TestCase {
            id: "copy-mode",
            title: "a new destination gets mode 0644 less the umask; an existing one keeps its mode",
            points: 1,
            timeout: secs(60),
            hint: "Pass Mode::from_bits_truncate(0o644) to open() with O_CREAT and let the kernel take the umask off; never chmod afterwards.",
            section: "file-io",
            program: Some(COPY),
            run: copy_mode,
        },
        TestCase {
            id: "copy-stdio",
            title: "`-` as source reads fd 0, `-` as destination writes fd 1",
            points: 1,
            timeout: secs(60),
            hint: "For `-` use std::io::stdin().as_fd() or std::io::stdout().as_fd() instead of opening a file; on a pipe a read may return less than the buffer long before the end.",
            section: "sockets-are-file-descriptors",
            program: Some(COPY),
            run: copy_stdio,
        },
        TestCase {
            id: "copy-errors",
            title: "each error prints `copy: <path>: <reason>` on stderr and exits with status 1",
            points: 2,
            timeout: secs(60),
            hint: "Check every call's result; on an error print `copy: <path>: <errno's text>` (Errno::desc()) and exit 1: the path is the one the failing call was about.",
            section: "day1-fileio",
            program: Some(COPY),
            run: copy_errors,
        },
    ],
};

/// The exercise-specific half of the harness (see harness.rs).
const CALLS: &str = r#"//! day1-fileio: the student's writes go into a pipe whose reader is slow while a timer
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
    if unsafe { libc::fstat(fd, &mut st) } == 0 { st.st_ino as u64 } else { 0 }
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
pub unsafe extern "C" fn write(fd: libc::c_int, buf: *const libc::c_void, count: libc::size_t) -> libc::ssize_t {
    // SAFETY: the caller's arguments go to the system call unchanged.
    let ret = unsafe { libc::syscall(libc::SYS_write, fd, buf, count) } as libc::ssize_t;
    if watched(fd) {
        record(count, ret);
        WRITES.fetch_add(1, SeqCst);
    }
    ret
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn writev(fd: libc::c_int, iov: *const libc::iovec, iovcnt: libc::c_int) -> libc::ssize_t {
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
    let period = libc::timeval { tv_sec: 0, tv_usec: micros as libc::suseconds_t };
    let timer = libc::itimerval { it_interval: period, it_value: period };
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
        let action = SigAction::new(SigHandler::Handler(on_alarm), SaFlags::empty(), SigSet::empty());
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

/// Let `write` write into a pipe read slowly, under interruptions; reply with its result, the
/// counts, and everything the reader received.
fn through_slow_pipe(write: impl FnOnce(&OwnedFd) -> nix::Result<()>) -> String {
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
                Ok(n) => received.extend_from_slice(&buf[..n]),
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
    let counts = [&WRITES, &WRITEVS, &SHORT, &EINTR].map(|c| c.load(SeqCst).to_string());
    drop(write_end);
    let received = reader.join().unwrap_or_default();
    format!("{} {} {}", outcome(&result), counts.join(" "), hex(&received))
}

/// Let `write` write into a pipe whose reader is gone: a real error, which must come back.
fn into_closed_pipe(write: impl FnOnce(&OwnedFd) -> nix::Result<()>) -> String {
    let (read_end, write_end) = nix::unistd::pipe().expect("pipe");
    drop(read_end);
    // Rust programs ignore SIGPIPE: the write fails with EPIPE instead.
    outcome(&write(&write_end))
}

pub fn call(function: &str, args: &[String]) -> String {
    let buffers: Vec<Vec<u8>> = args.iter().map(|a| unhex(a)).collect();
    let slices: Vec<&[u8]> = buffers.iter().map(Vec::as_slice).collect();
    let first = slices.first().copied().unwrap_or_default();
    match function {
        "write_all" => through_slow_pipe(|fd| ex::write_all(fd, first)),
        "write_vectored_all" => through_slow_pipe(|fd| ex::write_vectored_all(fd, &slices)),
        "write_all_closed" => into_closed_pipe(|fd| ex::write_all(fd, first)),
        "write_vectored_all_closed" => into_closed_pipe(|fd| ex::write_vectored_all(fd, &slices)),
        other => panic!("the checker asked for an unknown function {other}"),
    }
}
"#;

fn random_bytes(ctx: &mut Ctx, n: usize) -> Vec<u8> {
    let mut data = vec![0u8; n];
    ctx.rng.fill(&mut data);
    data
}

/// Random bytes, of a random length in `range`.
fn random_sized(ctx: &mut Ctx, range: std::ops::Range<usize>) -> Vec<u8> {
    let n = ctx.rng.usize(range);
    random_bytes(ctx, n)
}

// ---------------------------------------------------------------------------------------
// write_all and write_vectored_all

/// What the harness saw of one call.
struct Outcome {
    /// `ok`, or `err:<ERRNO>`.
    result: String,
    writes: usize,
    writevs: usize,
    short: usize,
    eintr: usize,
    received: Vec<u8>,
}

impl Outcome {
    fn parse(call: &Call, reply: &str) -> Result<Outcome, Failure> {
        let words: Vec<&str> = reply.split(' ').collect();
        let parsed = match words.as_slice() {
            [result, writes, writevs, short, eintr, data] => (|| {
                Some(Outcome {
                    result: result.to_string(),
                    writes: writes.parse().ok()?,
                    writevs: writevs.parse().ok()?,
                    short: short.parse().ok()?,
                    eintr: eintr.parse().ok()?,
                    received: crate::harness::unhex(data)?,
                })
            })(),
            _ => None,
        };
        parsed.ok_or_else(|| {
            Failure::checker_error(format!(
                "the harness answered {} with something unexpected: {}",
                call.shown,
                escape::bytes(&reply.as_bytes()[..reply.len().min(200)])
            ))
        })
    }

    fn counts(&self) -> String {
        let mut parts = Vec::new();
        if self.writes > 0 {
            parts.push(format!("write() {}", escape::plural(self.writes, "time")));
        }
        if self.writevs > 0 {
            parts.push(format!("writev() {}", escape::plural(self.writevs, "time")));
        }
        if parts.is_empty() {
            parts.push("neither write() nor writev()".into());
        }
        format!(
            "called {}: {} short, {} failed with EINTR",
            parts.join(" and "),
            self.short,
            self.eintr
        )
    }
}

/// Interruptions seen over a whole test: a test that saw none proved nothing.
#[derive(Default)]
struct Interruptions {
    short: usize,
    eintr: usize,
}

impl Interruptions {
    fn add(&mut self, o: &Outcome) {
        self.short += o.short;
        self.eintr += o.eintr;
    }

    fn proved_something(&self, ctx: &Ctx) -> TestResult {
        ctx.log(format!(
            "in all: {} short writes, {} EINTR",
            self.short, self.eintr
        ));
        if self.short + self.eintr == 0 {
            return Err(Failure::checker_error(
                "no write was short or interrupted during this test, so it proved nothing; \
                 the machine may be too slow or too loaded for its timer (run it again)",
            ));
        }
        Ok(())
    }
}

/// Where what arrived first differs from what was written, and what the shape of the mistake
/// suggests: `starts` are the offsets where the caller's buffers begin (`[0]` for write_all).
fn compare(expected: &[u8], got: &[u8], starts: &[usize]) -> Option<(usize, Option<String>)> {
    let at = escape::first_difference(expected, got)?;
    let rest = &got[at..];
    // Random bytes: 16 matching bytes are no coincidence.
    let resumes_at = |offset: usize| {
        let probe = rest
            .len()
            .min(16)
            .min(expected.len().saturating_sub(offset));
        probe > 0 && offset != at && rest[..probe] == expected[offset..offset + probe]
    };
    let buffer = starts.iter().rposition(|&s| s <= at).unwrap_or(0);
    let next = starts
        .iter()
        .copied()
        .skip(buffer + 1)
        .find(|&s| s > at && s < expected.len());
    let note = if rest.is_empty() {
        Some(format!(
            "only the first {} of {} arrived: a write returned a short count (here after a signal) and the rest was never written",
            escape::plural(at, "byte"),
            expected.len()
        ))
    } else if resumes_at(0) {
        Some(if starts.len() > 1 {
            "after a short write the bytes start again from the first buffer: continue from the exact byte where the write stopped".to_string()
        } else {
            "after a short write the bytes start again from the beginning of buf: continue with &buf[n..], after the n bytes written".to_string()
        })
    } else if starts.len() > 1 && resumes_at(starts[buffer]) {
        Some(format!(
            "after a short write, buffer {buffer} starts again from its beginning although part of it was written: continue inside it, from the exact byte where the write stopped"
        ))
    } else if next.is_some_and(resumes_at) {
        Some(format!(
            "after a short write the rest of buffer {buffer} is missing: the write stopped inside it, and the next write must start with the part it did not write"
        ))
    } else {
        None
    };
    Some((at, note))
}

/// The verdict on one call that had to write `expected`.
fn check_write(call: &Call, expected: &[u8], starts: &[usize], o: &Outcome) -> TestResult {
    if o.result != "ok" {
        let errno = o.result.trim_start_matches("err:");
        let mut f = Failure::wrong(format!(
            "{} returned Err({errno}) instead of Ok(())",
            call.shown
        ))
        .detail("the calls", o.counts());
        if errno == "EINTR" {
            f = f.note(
                "EINTR means a signal arrived before the call wrote anything: nothing went wrong, so call it again",
            );
        }
        return Err(f);
    }
    let Some((at, note)) = compare(expected, &o.received, starts) else {
        return Ok(());
    };
    let mut f = Failure::wrong(format!(
        "{}: the bytes that arrived differ from the ones written, from offset {at} on",
        call.shown
    ));
    for (label, text) in escape::diff(expected, &o.received).unwrap_or_default() {
        f = f.detail(label, text);
    }
    f = f.detail("the calls", o.counts());
    if let Some(note) = note {
        f = f.note(note);
    }
    Err(f)
}

/// Make one call in a harness of its own, within `limit`: a call that never returns is then
/// named for what it is, and does not hold up the others.
fn call_alone(ctx: &Ctx, call: &Call, limit: std::time::Duration) -> Result<String, Failure> {
    let mut replies = ctx
        .harness()?
        .run(std::slice::from_ref(call), ctx.within(limit))?;
    replies
        .pop()
        .ok_or_else(|| Failure::checker_error(format!("no reply to {}", call.shown)))
}

/// A write into a pipe whose reader is gone must return that error (EPIPE), not loop or panic.
fn check_closed_pipe(ctx: &Ctx, call: Call) -> TestResult {
    let result = call_alone(ctx, &call, secs(5)).map_err(|f| {
        if f.kind == Some(HintKind::Timeout) {
            f.note("write() failed with EPIPE (the reader is gone), and the call kept trying: retry only on EINTR, return every other error")
        } else {
            f
        }
    })?;
    if result == "err:EPIPE" {
        return Ok(());
    }
    let got = match result.strip_prefix("err:") {
        Some(errno) => format!("Err({errno})"),
        None => "Ok(())".to_string(),
    };
    Err(Failure::wrong(format!(
        "{}: expected Err(EPIPE), got {got}",
        call.shown
    ))
    .note("write() fails with EPIPE once nobody can read the pipe: return that error to the caller"))
}

/// `12 345 bytes of random data` and the like, for a call as shown to the student.
fn size(n: usize) -> String {
    if n == 0 {
        "an empty buffer".into()
    } else {
        format!("{} of random data", escape::plural(n, "byte"))
    }
}

fn write_all(ctx: &mut Ctx) -> TestResult {
    let sizes = [
        0,
        1,
        4095,
        4096,
        4097,
        65_537,
        ctx.rng.usize(100_000..200_000),
        ctx.rng.usize(250_000..400_000),
    ];
    let inputs: Vec<Vec<u8>> = sizes.iter().map(|&n| random_bytes(ctx, n)).collect();
    let calls: Vec<Call> = inputs
        .iter()
        .map(|data| {
            Call::new(
                "write_all",
                vec![arg_bytes(data)],
                format!("write_all(slow pipe, {})", size(data.len())),
            )
        })
        .collect();
    let mut seen = Interruptions::default();
    for (call, data) in calls.iter().zip(&inputs) {
        let o = Outcome::parse(call, &call_alone(ctx, call, secs(10))?)?;
        ctx.log(format!("{}: {}", call.shown, o.counts()));
        seen.add(&o);
        check_write(call, data, &[0], &o)?;
    }
    seen.proved_something(ctx)?;
    let data = random_bytes(ctx, 1000);
    check_closed_pipe(
        ctx,
        Call::new(
            "write_all_closed",
            vec![arg_bytes(&data)],
            "write_all(pipe whose reader is gone, 1000 bytes)".into(),
        ),
    )
}

/// Buffer sizes for write_vectored_all: big ones (interruptions fall inside them) among small
/// and empty ones.
fn random_buffer_sizes(ctx: &mut Ctx) -> Vec<usize> {
    let n = ctx.rng.usize(5..=9);
    let mut sizes: Vec<usize> = (0..n)
        .map(|_| match ctx.rng.u8(0..4) {
            0 => 0,
            1 => ctx.rng.usize(1..100),
            2 => ctx.rng.usize(4000..5000),
            _ => ctx.rng.usize(30_000..90_000),
        })
        .collect();
    // At least two big ones, the first buffer among them.
    sizes[0] = ctx.rng.usize(30_000..90_000);
    let other = ctx.rng.usize(1..n);
    sizes[other] = ctx.rng.usize(30_000..90_000);
    sizes
}

fn vectored_call(function: &'static str, buffers: &[Vec<u8>], what: &str) -> Call {
    let sizes: Vec<String> = buffers.iter().map(|b| format!("{} B", b.len())).collect();
    Call::new(
        function,
        buffers.iter().map(|b| arg_bytes(b)).collect(),
        format!("write_vectored_all({what}, [{}])", sizes.join(", ")),
    )
}

fn write_vectored_all(ctx: &mut Ctx) -> TestResult {
    let mut lists: Vec<Vec<Vec<u8>>> = vec![
        vec![],
        vec![vec![]],
        vec![b"a".to_vec()],
        vec![b"hello, ".to_vec(), vec![], b"world\n".to_vec()],
    ];
    for _ in 0..2 {
        let sizes = random_buffer_sizes(ctx);
        lists.push(sizes.iter().map(|&n| random_bytes(ctx, n)).collect());
    }
    let calls: Vec<Call> = lists
        .iter()
        .map(|bufs| vectored_call("write_vectored_all", bufs, "slow pipe"))
        .collect();
    let mut seen = Interruptions::default();
    for (call, bufs) in calls.iter().zip(&lists) {
        let reply = call_alone(ctx, call, secs(10)).map_err(|f| {
            if f.kind == Some(HintKind::Timeout) {
                f.note("interrupted, each writev gets only part of the way: a loop that starts the buffer it stopped in from its beginning again never gets through a big one. Continue from the exact byte where the last writev stopped")
            } else {
                f
            }
        })?;
        let o = Outcome::parse(call, &reply)?;
        ctx.log(format!("{}: {}", call.shown, o.counts()));
        seen.add(&o);
        let expected = bufs.concat();
        let starts: Vec<usize> = bufs
            .iter()
            .scan(0, |at, b| {
                let start = *at;
                *at += b.len();
                Some(start)
            })
            .collect();
        check_write(call, &expected, &starts, &o)?;
        if !expected.is_empty() && o.writevs == 0 {
            return Err(Failure::wrong(format!(
                "{} never called writev(): the bytes arrived, but one at a time through write()",
                call.shown
            ))
            .detail("the calls", o.counts())
            .note("each attempt must be one writev of everything still to write (nix::sys::uio::writev)"));
        }
        if o.writes > 0 {
            return Err(Failure::wrong(format!(
                "{} called write() as well as writev()",
                call.shown
            ))
            .detail("the calls", o.counts())
            .note("each attempt must be one writev of what is left, the rest of a partly written buffer included: no write() for that part"));
        }
    }
    seen.proved_something(ctx)?;
    let bufs = vec![b"nobody ".to_vec(), b"reads ".to_vec(), b"this".to_vec()];
    check_closed_pipe(
        ctx,
        vectored_call(
            "write_vectored_all_closed",
            &bufs,
            "pipe whose reader is gone",
        ),
    )
}

// ---------------------------------------------------------------------------------------
// The copy program

/// One run of copy, finished.
struct Run {
    status: ExitStatus,
    stdout: Vec<u8>,
    stderr: String,
    program: Program,
    shown: String,
}

/// Run `copy <args>` in `dir` under `umask` until it exits, with `input` (if any) fed to its
/// stdin in pieces.
fn run_copy(
    ctx: &Ctx,
    dir: &Path,
    umask: u32,
    args: &[&str],
    input: Option<&[u8]>,
) -> Result<Run, Failure> {
    let copy = ctx.program(COPY)?;
    let shown = format!("copy {}", shell_words(args));
    // The umask is the program's own: set it in a shell that then becomes the program.
    let mut spawn = ctx
        .spawn("/bin/sh", COPY)
        .arg("-c")
        .arg(format!("umask {umask:03o} && exec \"$0\" \"$@\""))
        .arg(copy.program)
        .args(args)
        .stdin(if input.is_some() {
            Input::Pipe
        } else {
            Input::Null
        });
    spawn.cwd = Some(dir.to_path_buf());
    let mut program = spawn.start()?;
    if let Some(input) = input {
        feed_in_pieces(&mut program, input, ctx.within(secs(5)))?;
    }
    let Some(status) = program.wait_until(ctx.within(secs(15))) else {
        return Err(Failure::of_kind(
            HintKind::Timeout,
            format!("`{shown}` did not exit within 15 s"),
        )
        .note("does the read loop end when read() returns 0?"));
    };
    let grace = ctx.within(Duration::from_millis(500));
    program.stdout.wait_closed(grace);
    program.stderr.wait_closed(grace);
    Ok(Run {
        status,
        stdout: program.stdout.bytes(),
        stderr: program.stderr_text(),
        program,
        shown,
    })
}

fn shell_words(args: &[&str]) -> String {
    args.iter()
        .map(|a| escape::shell_word(a))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Run {
    /// The run must have succeeded.
    fn expect_success(&mut self) -> TestResult {
        if self.status.success() {
            return Ok(());
        }
        let shown = self.shown.clone();
        Err(unless_not_started(
            self.program.unexpected_exit(&format!("on `{shown}`")),
            |f| {
                f.note("this copy should have worked: a readable source, a destination it may create or write")
            },
        ))
    }
}

/// Explain a failure further, unless it is a `todo!()`: that one says all there is to say.
fn unless_not_started(f: Failure, explain: impl FnOnce(Failure) -> Failure) -> Failure {
    if f.status == Status::NotStarted {
        f
    } else {
        explain(f)
    }
}

/// A scratch directory for one test, inside the test's own (where copy may write).
fn scratch(ctx: &Ctx) -> Result<tempfile::TempDir, Failure> {
    ctx.scratch("copy-")
}

fn read_file(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| {
        Failure::wrong(format!(
            "copy exited 0, but {} cannot be read: {e}",
            path.display()
        ))
    })
}

/// The destination must hold exactly `expected`; `note` explains a recognised wrong content.
fn expect_content(
    run: &Run,
    expected: &[u8],
    got: &[u8],
    note: impl Fn(&[u8]) -> Option<String>,
) -> TestResult {
    if got == expected {
        return Ok(());
    }
    let mut f = Failure::wrong(format!(
        "after `{}` the destination differs from what it should hold",
        run.shown
    ));
    for (label, text) in escape::diff(expected, got).unwrap_or_default() {
        f = f.detail(label, text);
    }
    if let Some(text) = note(got) {
        f = f.note(text);
    }
    Err(f)
}

/// What a copy that lost or added bytes probably did.
fn content_note(source: &[u8], got: &[u8]) -> Option<String> {
    if got.len() < source.len() && source.starts_with(got) {
        Some(format!(
            "only the first {} were copied: read until read() returns 0, and write every byte of each read",
            escape::plural(got.len(), "byte")
        ))
    } else if got.len() > source.len() && got.starts_with(source) {
        Some("the copy is longer than the source and starts with all of it: write the n bytes read() returned, not the whole buffer".into())
    } else {
        None
    }
}

fn copy_files(ctx: &mut Ctx) -> TestResult {
    let dir = scratch(ctx)?;
    let sizes = [
        0,
        1,
        4095,
        4096,
        4097,
        65_537,
        ctx.rng.usize(100_000..1_000_000),
        8 << 20,
    ];
    for size in sizes {
        let content = random_bytes(ctx, size);
        let src = dir.path().join(format!("source-{size}.bin"));
        let dst = dir.path().join(format!("copy-{size}.bin"));
        std::fs::write(&src, &content)?;
        let mut run = run_copy(
            ctx,
            dir.path(),
            0o022,
            &[&path_arg(&src), &path_arg(&dst)],
            None,
        )?;
        run.expect_success()?;
        let got = read_file(&dst)?;
        expect_content(&run, &content, &got, |got| content_note(&content, got)).map_err(|f| {
            f.reproduce(format!(
                "head -c {size} /dev/urandom > src.bin && cargo run -q -p day1-fileio --bin copy -- src.bin dst.bin && cmp src.bin dst.bin"
            ))
        })?;
        std::fs::remove_file(&src)?;
        std::fs::remove_file(&dst)?;
    }
    Ok(())
}

fn path_arg(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn copy_truncate(ctx: &mut Ctx) -> TestResult {
    let dir = scratch(ctx)?;
    for (new_len, old_len) in [
        (ctx.rng.usize(1000..5000), ctx.rng.usize(10_000..20_000)),
        (0, 3000),
    ] {
        let content = random_bytes(ctx, new_len);
        let old = random_bytes(ctx, old_len);
        let src = dir.path().join("new.bin");
        let dst = dir.path().join("existing.bin");
        std::fs::write(&src, &content)?;
        std::fs::write(&dst, &old)?;
        let mut run = run_copy(
            ctx,
            dir.path(),
            0o022,
            &[&path_arg(&src), &path_arg(&dst)],
            None,
        )?;
        run.expect_success()?;
        let got = read_file(&dst)?;
        expect_content(&run, &content, &got, |got| {
            if got.len() == old.len()
                && got.starts_with(&content)
                && got.ends_with(&old[content.len()..])
            {
                Some(format!(
                    "the destination, {} long before, still holds its old bytes after the new {}: open it with O_TRUNC",
                    escape::plural(old.len(), "byte"),
                    escape::plural(content.len(), "byte")
                ))
            } else if got == [old.as_slice(), content.as_slice()].concat() {
                Some(
                    "the new content was added after the old one: O_APPEND is only for --append"
                        .into(),
                )
            } else {
                content_note(&content, got)
            }
        })?;
    }
    Ok(())
}

fn copy_append(ctx: &mut Ctx) -> TestResult {
    let dir = scratch(ctx)?;
    let dst = dir.path().join("log.bin");
    let first = random_sized(ctx, 1000..5000);
    std::fs::write(&dst, &first)?;
    let mut expected = first.clone();
    for round in 0..2 {
        // More than any common buffer (4 to 64 KiB) holds and short of the next power of two,
        // so a copy that reads only once fails here whatever the seed, never by luck.
        let more = random_sized(ctx, 100_000..120_000);
        let src = dir.path().join(format!("more-{round}.bin"));
        std::fs::write(&src, &more)?;
        let mut run = run_copy(
            ctx,
            dir.path(),
            0o022,
            &["--append", &path_arg(&src), &path_arg(&dst)],
            None,
        )?;
        run.expect_success()?;
        let before = expected.clone();
        expected.extend_from_slice(&more);
        let got = read_file(&dst)?;
        expect_content(&run, &expected, &got, |got| {
            if got == more {
                Some(
                    "the old content is gone: with --append open with O_APPEND, not O_TRUNC".into(),
                )
            } else if got.len() == before.len().max(more.len()) && got.starts_with(&more) {
                Some("the new bytes were written over the start of the file: O_APPEND makes every write go to the end".into())
            } else {
                None
            }
        })?;
    }
    // --append to a file that does not exist yet creates it.
    let content = random_bytes(ctx, 5000);
    let src = dir.path().join("first.bin");
    let new = dir.path().join("new-log.bin");
    std::fs::write(&src, &content)?;
    let mut run = run_copy(
        ctx,
        dir.path(),
        0o022,
        &["--append", &path_arg(&src), &path_arg(&new)],
        None,
    )?;
    run.expect_success().map_err(|f| {
        unless_not_started(f, |f| {
            f.note("with --append a missing destination is created, as without it: O_WRONLY | O_CREAT | O_APPEND")
        })
    })?;
    let got = read_file(&new)?;
    expect_content(&run, &content, &got, |got| content_note(&content, got))
}

/// The permission bits of a file.
fn mode_of(path: &Path) -> Result<u32, Failure> {
    Ok(std::fs::metadata(path)?.permissions().mode() & 0o7777)
}

fn copy_mode(ctx: &mut Ctx) -> TestResult {
    let dir = scratch(ctx)?;
    let content = random_bytes(ctx, 100);
    let src = dir.path().join("source.bin");
    std::fs::write(&src, &content)?;
    std::fs::set_permissions(&src, std::fs::Permissions::from_mode(0o600))?;
    // (flags, umask): a new file in each case.
    let cases: [(&[&str], u32); 4] = [
        (&[], 0o022),
        (&[], 0o077),
        (&[], 0o000),
        (&["--append"], 0o000),
    ];
    for (i, (flags, umask)) in cases.into_iter().enumerate() {
        let dst = dir.path().join(format!("new-{i}.bin"));
        let mut args: Vec<String> = flags.iter().map(|s| s.to_string()).collect();
        args.extend([path_arg(&src), path_arg(&dst)]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut run = run_copy(ctx, dir.path(), umask, &args, None)?;
        run.expect_success()?;
        let expected = 0o644 & !umask;
        let got = mode_of(&dst)?;
        if got != expected {
            let mut f = Failure::wrong(format!(
                "under umask {umask:03o}, `{}` created the destination with mode {got:04o}, expected {expected:04o} (0644 less the umask)",
                run.shown
            ));
            if got == 0o666 & !umask {
                f = f.note("created with mode 0666: pass 0o644 as open()'s mode");
            } else if got == 0o644 {
                f = f.note("the mode does not follow the umask: pass the mode to open() with O_CREAT and let the kernel take the umask off; never chmod afterwards");
            }
            return Err(f.reproduce(format!(
                "(umask {umask:03o}; cargo run -q -p day1-fileio --bin copy -- {}src.bin new.bin) && stat -c %a new.bin",
                flags.iter().map(|f| format!("{f} ")).collect::<String>()
            )));
        }
    }
    // An existing destination keeps its own mode.
    let dst = dir.path().join("existing.bin");
    std::fs::write(&dst, b"old content")?;
    std::fs::set_permissions(&dst, std::fs::Permissions::from_mode(0o604))?;
    let mut run = run_copy(
        ctx,
        dir.path(),
        0o022,
        &[&path_arg(&src), &path_arg(&dst)],
        None,
    )?;
    run.expect_success()?;
    let got = mode_of(&dst)?;
    if got != 0o604 {
        return Err(Failure::wrong(format!(
            "`{}` changed the mode of the existing destination from 0604 to {got:04o}",
            run.shown
        ))
        .note("open() uses the mode only when it creates the file; copy must not change an existing file's permissions"));
    }
    Ok(())
}

/// Bytes in a pipe not yet read, seen from its write end (FIONREAD).
fn unread(fd: &impl AsRawFd) -> Option<i32> {
    let mut n: libc::c_int = 0;
    // SAFETY: FIONREAD writes one int into `n`; the fd is open.
    let rc = unsafe { libc::ioctl(fd.as_raw_fd(), libc::FIONREAD, &mut n) };
    (rc == 0).then_some(n)
}

/// Feed `input` to the program's stdin in two pieces: the first, then - once the program has
/// read it all - a pause and the rest. A copy that takes a short read for the end stops after
/// the first piece.
fn feed_in_pieces(program: &mut Program, input: &[u8], deadline: Instant) -> TestResult {
    use std::io::Write;
    let mut stdin = program
        .take_stdin()
        .ok_or_else(|| Failure::checker_error("no stdin pipe"))?;
    let cut = input.len().min(1000);
    let _ = stdin.write_all(&input[..cut]);
    while unread(&stdin).is_some_and(|n| n > 0)
        && program.try_status().is_none()
        && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(2));
    }
    std::thread::sleep(Duration::from_millis(50));
    // The program may have stopped reading: then the rest cannot go in, which the test will see.
    std::thread::spawn({
        let rest = input[cut..].to_vec();
        move || {
            let _ = stdin.write_all(&rest);
        }
    });
    Ok(())
}

fn copy_stdio(ctx: &mut Ctx) -> TestResult {
    let dir = scratch(ctx)?;
    // A run that failed because it took `-` for a file name says so.
    let succeeded = |run: &mut Run| {
        let took_dash_for_a_file = run.stderr.contains(": -: ");
        run.expect_success().map_err(|f| {
            unless_not_started(f, |f| {
                if took_dash_for_a_file {
                    f.note("`-` is not a file name: as the source it means fd 0 (std::io::stdin().as_fd()), as the destination fd 1 (std::io::stdout().as_fd())")
                } else {
                    f
                }
            })
        })
    };

    // stdin -> file
    let input = random_sized(ctx, 100_000..300_000);
    let dst = dir.path().join("from-stdin.bin");
    let args = ["-", &path_arg(&dst)];
    let mut run = run_copy(ctx, dir.path(), 0o022, &args, Some(&input))?;
    succeeded(&mut run)?;
    let got = read_file(&dst)?;
    expect_content(&run, &input, &got, |got| stdin_note(&input, got))?;

    // file -> stdout
    let content = random_sized(ctx, 100_000..300_000);
    let src = dir.path().join("to-stdout.bin");
    std::fs::write(&src, &content)?;
    let mut run = run_copy(ctx, dir.path(), 0o022, &[&path_arg(&src), "-"], None)?;
    succeeded(&mut run)?;
    expect_stdout(&run, &content, dir.path())?;

    // stdin -> stdout
    let input = random_sized(ctx, 100_000..300_000);
    let mut run = run_copy(ctx, dir.path(), 0o022, &["-", "-"], Some(&input))?;
    succeeded(&mut run)?;
    expect_stdout(&run, &input, dir.path())
}

fn stdin_note(input: &[u8], got: &[u8]) -> Option<String> {
    if got.len() < input.len() && input.starts_with(got) {
        Some(format!(
            "only the first {} arrived, the bytes of the first read(): on a pipe read() returns what is there, possibly less than the buffer, long before the end. Only 0 means the end",
            escape::plural(got.len(), "byte")
        ))
    } else {
        content_note(input, got)
    }
}

fn expect_stdout(run: &Run, expected: &[u8], dir: &Path) -> TestResult {
    if run.stdout == expected {
        return Ok(());
    }
    let mut f = Failure::wrong(format!(
        "`{}` wrote something else on stdout than the {}",
        run.shown,
        escape::plural(expected.len(), "byte")
    ));
    for (label, text) in escape::diff(expected, &run.stdout).unwrap_or_default() {
        f = f.detail(label, text);
    }
    if dir.join("-").exists() {
        f = f.note("copy created a file named `-`: as the destination `-` means fd 1 (std::io::stdout().as_fd())");
    } else if let Some(note) = stdin_note(expected, &run.stdout) {
        f = f.note(note);
    }
    Err(f)
}

fn copy_errors(ctx: &mut Ctx) -> TestResult {
    let dir = scratch(ctx)?;
    let d = dir.path();
    let src = d.join("source.txt");
    std::fs::write(&src, random_bytes(ctx, 5000))?;
    let subdir = d.join("a-directory");
    std::fs::create_dir(&subdir)?;
    let missing = d.join("no-such-file.txt");
    let in_missing_dir = d.join("no-such-dir").join("out.txt");
    let out = d.join("out.txt");
    // (args, the path the message names, errno)
    let mut cases: Vec<(Vec<String>, String, Errno)> = vec![
        (
            vec![path_arg(&missing), path_arg(&out)],
            path_arg(&missing),
            Errno::ENOENT,
        ),
        (
            vec![path_arg(&subdir), path_arg(&out)],
            path_arg(&subdir),
            Errno::EISDIR,
        ),
        (
            vec![path_arg(&src), path_arg(&subdir)],
            path_arg(&subdir),
            Errno::EISDIR,
        ),
        (
            vec![path_arg(&src), path_arg(&in_missing_dir)],
            path_arg(&in_missing_dir),
            Errno::ENOENT,
        ),
    ];
    // Where this user may write to /dev/full (it is not writable everywhere: some machines
    // make it 0644), every write to it fails with ENOSPC.
    if std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .is_ok()
    {
        cases.push((
            vec![path_arg(&src), "/dev/full".into()],
            "/dev/full".into(),
            Errno::ENOSPC,
        ));
    } else {
        ctx.log("this user cannot write to /dev/full here: that case is left out");
    }
    for (args, path, errno) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut run = run_copy(ctx, d, 0o022, &args, None)?;
        expect_error_line(&mut run, &path, errno)?;
    }
    Ok(())
}

/// Exit status 1 and exactly `copy: <path>: <reason>` on stderr.
fn expect_error_line(run: &mut Run, path: &str, errno: Errno) -> TestResult {
    let expected = format!("copy: {path}: {}", errno.desc());
    let shown = run.shown.clone();
    match run.status.code() {
        Some(1) => {}
        Some(0) => {
            let mut f = Failure::of_kind(
                HintKind::BadExit,
                format!("`{shown}` exited with status 0, but it cannot have worked ({errno:?})"),
            )
            .detail(
                "expected",
                format!("exit status 1 and on stderr: {expected}"),
            );
            if errno == Errno::ENOSPC {
                f = f.note("every write() to /dev/full fails with ENOSPC: check each write's result and stop at the first error");
            }
            return Err(f.output(escape::excerpt(run.stderr.as_bytes(), 600)));
        }
        _ => {
            return Err(unless_not_started(
                run.program.unexpected_exit(&format!("on `{shown}`")),
                |f| {
                    f.detail(
                        "expected",
                        format!("exit status 1 and on stderr: {expected}"),
                    )
                },
            ));
        }
    }
    let lines: Vec<&str> = run.stderr.lines().collect();
    if lines == [expected.as_str()] {
        return Ok(());
    }
    let mut f = Failure::of_kind(
        HintKind::BadOutput,
        format!("`{shown}` exited with 1, but its stderr is not the one error line"),
    )
    .detail(
        "expected",
        escape::quoted(format!("{expected}\n").as_bytes(), 200),
    )
    .detail("got", escape::quoted(run.stderr.as_bytes(), 200));
    let first = lines.first().copied().unwrap_or_default();
    if first.contains(&format!("{errno:?}: ")) {
        f = f.note(format!(
            "the reason is errno's text alone: Errno::desc() gives `{}`, while Display adds the name (`{errno}`)",
            errno.desc()
        ));
    } else if first.ends_with(errno.desc()) && !first.contains(path) {
        f = f.note(format!(
            "the line must name the path the failing call was about: {path}"
        ));
    }
    Err(f)
}
