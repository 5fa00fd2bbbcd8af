//! Where a process waits, from outside: the system call each of its threads sleeps in and that
//! call's arguments (`/proc/<pid>/task/<tid>/syscall`), the kernel function it sleeps in
//! (`wchan`), how much it has run (`schedstat`), what each of its descriptors is (the links of
//! `/proc/<pid>/fd`), and the descriptors a `poll` waits on (its `pollfd` array, read through
//! `/proc/<pid>/mem`). Reading a sleeping thread's call needs the right to trace it, which the
//! checker has over its own descendants.

use std::time::Duration;

/// A thread of a process, as one look at /proc shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    pub tid: i32,
    /// The one-letter state (R, S, D, T, t, Z, ...).
    pub state: char,
    /// The call it sleeps in, if it is inside one.
    pub call: Option<Call>,
    /// The kernel function it sleeps in (`do_epoll_wait`, `inet_csk_accept`, ...), or "".
    pub wchan: String,
    /// How much it has run: nanoseconds on a CPU and times scheduled in (or its context switches
    /// where schedstat is missing). Any wake-up changes it.
    pub ran: (u64, u64),
}

/// A system call a thread is inside: its number and its six arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Call {
    pub number: i64,
    pub args: [u64; 6],
}

/// What ends a blocking call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ends {
    /// Only an event: data, a connection, a signal, a child's end. Nothing the process can see
    /// coming ends it by itself (but for alarm(), and a socket's timeouts: see `socket_wait_timeout`).
    OnAnEvent,
    /// A timeout of its own, or a call the checker does not know: the process may wake by itself.
    MaybeByItself,
}

impl Call {
    /// The call's name (`recvfrom`, `epoll_wait`, ...), for the ones a program waits in.
    pub fn name(&self) -> Option<&'static str> {
        known(self.number).map(|c| c.name)
    }

    /// The descriptor it waits on, for calls that take one first (read, accept, epoll_wait, ...).
    pub fn fd(&self) -> Option<i32> {
        known(self.number)?.on_fd.then(|| self.args[0] as i32)
    }

    /// What ends this call: an event only (a blocking call without a timeout), or maybe a timer.
    pub fn ends(&self) -> Ends {
        let Some(known) = known(self.number) else {
            return Ends::MaybeByItself;
        };
        let untimed = match known.timeout {
            Timeout::None => true,
            Timeout::Always => false,
            // A negative int (-1): wait forever.
            Timeout::Millis(arg) => (self.args[arg] as i32) < 0,
            // A null pointer to a timespec or timeval: wait forever.
            Timeout::Pointer(arg) => self.args[arg] == 0,
            Timeout::Futex => {
                let op = self.args[1] & 0x7f;
                // FUTEX_WAIT (0), FUTEX_LOCK_PI (6), FUTEX_WAIT_BITSET (9), FUTEX_WAIT_REQUEUE_PI
                // (11), with no timeout (argument 4).
                matches!(op, 0 | 6 | 9 | 11) && self.args[3] == 0
            }
        };
        if untimed {
            Ends::OnAnEvent
        } else {
            Ends::MaybeByItself
        }
    }

    /// Which of its socket's timeouts ends this call, for the calls on a descriptor that one
    /// can end (a receive or an accept: SO_RCVTIMEO; a send or a connect: SO_SNDTIMEO).
    pub fn direction(&self) -> Option<super::Direction> {
        use super::Direction::{Receive, Send};
        match self.name()? {
            "read" | "readv" | "recvfrom" | "recvmsg" | "recvmmsg" | "accept" | "accept4" => {
                Some(Receive)
            }
            "write" | "writev" | "sendto" | "sendmsg" | "connect" => Some(Send),
            _ => None,
        }
    }

    /// For poll and ppoll: where the `pollfd` array is, and how many entries it has.
    fn poll_array(&self) -> Option<(u64, usize)> {
        let name = self.name()?;
        (name == "poll" || name == "ppoll").then_some((self.args[0], self.args[1] as usize))
    }
}

/// How a call says how long it may wait.
#[derive(Clone, Copy)]
enum Timeout {
    /// It has no timeout.
    None,
    /// It always ends by itself (a sleep).
    Always,
    /// An int of milliseconds in argument n; negative is forever.
    Millis(usize),
    /// A pointer in argument n; null is forever.
    Pointer(usize),
    /// futex: depends on its operation and its timeout pointer.
    Futex,
}

struct Known {
    number: i64,
    name: &'static str,
    /// Its first argument is the descriptor it waits on.
    on_fd: bool,
    timeout: Timeout,
}

const fn call(number: i64, name: &'static str, on_fd: bool, timeout: Timeout) -> Known {
    Known {
        number,
        name,
        on_fd,
        timeout,
    }
}

/// The calls a program waits in, by the numbers of the architecture the checker is built for
/// (libc's): those only x86-64 has (ARM64, like every newer architecture, has only their
/// successors: ppoll, pselect6, epoll_pwait, and rt_sigsuspend for pause), then the others.
#[cfg(target_arch = "x86_64")]
const LEGACY: [Known; 4] = [
    call(libc::SYS_poll, "poll", false, Timeout::Millis(2)),
    call(libc::SYS_select, "select", false, Timeout::Pointer(4)),
    call(libc::SYS_epoll_wait, "epoll_wait", true, Timeout::Millis(3)),
    call(libc::SYS_pause, "pause", false, Timeout::None),
];
#[cfg(not(target_arch = "x86_64"))]
const LEGACY: [Known; 0] = [];

const COMMON: [Known; 23] = [
    call(libc::SYS_accept, "accept", true, Timeout::None),
    call(libc::SYS_nanosleep, "nanosleep", false, Timeout::Always),
    call(libc::SYS_read, "read", true, Timeout::None),
    call(libc::SYS_readv, "readv", true, Timeout::None),
    call(libc::SYS_recvfrom, "recvfrom", true, Timeout::None),
    call(libc::SYS_recvmsg, "recvmsg", true, Timeout::None),
    call(libc::SYS_recvmmsg, "recvmmsg", true, Timeout::Pointer(4)),
    call(libc::SYS_accept4, "accept4", true, Timeout::None),
    call(libc::SYS_connect, "connect", true, Timeout::None),
    call(libc::SYS_write, "write", true, Timeout::None),
    call(libc::SYS_writev, "writev", true, Timeout::None),
    call(libc::SYS_sendto, "sendto", true, Timeout::None),
    call(libc::SYS_sendmsg, "sendmsg", true, Timeout::None),
    call(libc::SYS_wait4, "wait4", false, Timeout::None),
    call(libc::SYS_waitid, "waitid", false, Timeout::None),
    call(libc::SYS_rt_sigsuspend, "sigsuspend", false, Timeout::None),
    call(
        libc::SYS_rt_sigtimedwait,
        "sigtimedwait",
        false,
        Timeout::Pointer(2),
    ),
    call(libc::SYS_futex, "futex", false, Timeout::Futex),
    call(libc::SYS_ppoll, "ppoll", false, Timeout::Pointer(2)),
    call(libc::SYS_pselect6, "pselect", false, Timeout::Pointer(4)),
    call(
        libc::SYS_epoll_pwait,
        "epoll_pwait",
        true,
        Timeout::Millis(3),
    ),
    call(
        libc::SYS_epoll_pwait2,
        "epoll_pwait2",
        true,
        Timeout::Pointer(3),
    ),
    call(
        libc::SYS_clock_nanosleep,
        "clock_nanosleep",
        false,
        Timeout::Always,
    ),
];

/// The names of the calls only x86-64 has (its LEGACY table).
#[cfg(test)]
const X86_64_ONLY: [&str; 4] = ["poll", "select", "epoll_wait", "pause"];

/// The names the table gives calls on some architecture, for the tests of the lists that name
/// them.
#[cfg(test)]
pub fn known_call_names() -> Vec<&'static str> {
    COMMON.iter().map(|c| c.name).chain(X86_64_ONLY).collect()
}

/// The call with this number, if it is one a program waits in.
fn known(number: i64) -> Option<&'static Known> {
    COMMON
        .iter()
        .chain(LEGACY.iter())
        .find(|c| c.number == number)
}

/// Every thread of `pid` as it is now (empty if the process is gone).
pub fn tasks(pid: i32) -> Vec<Task> {
    let Ok(dir) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return Vec::new();
    };
    let mut tasks: Vec<Task> = dir
        .flatten()
        .filter_map(|entry| {
            let tid: i32 = entry.file_name().to_str()?.parse().ok()?;
            let path = entry.path();
            let stat = std::fs::read_to_string(path.join("stat")).ok()?;
            let state = stat[stat.rfind(')')? + 1..]
                .split_whitespace()
                .next()?
                .chars()
                .next()?;
            let wchan = std::fs::read_to_string(path.join("wchan"))
                .map(|w| if w == "0" { String::new() } else { w })
                .unwrap_or_default();
            let call = std::fs::read_to_string(path.join("syscall"))
                .ok()
                .and_then(|s| parse_call(&s))
                .map(|call| restarted(call, &wchan));
            Some(Task {
                tid,
                state,
                call,
                wchan,
                ran: ran(&path),
            })
        })
        .collect();
    tasks.sort_by_key(|t| t.tid);
    tasks
}

/// The call a thread sleeps in again after a signal stopped it (SIGSTOP, then SIGCONT, as the
/// tests that make data and EOF arrive together do): the kernel restarts a poll(2) as
/// restart_syscall, its arguments still in their registers, and only the kernel function it
/// sleeps in says it is a poll (`do_restart_poll` sleeps in `poll_schedule_timeout`; select
/// and ppoll restart as themselves). Read as the poll it is, so the watch judges it as one.
fn restarted(call: Call, wchan: &str) -> Call {
    #[cfg(target_arch = "x86_64")]
    if call.number == libc::SYS_restart_syscall && wchan.starts_with("poll_schedule_timeout") {
        return Call {
            number: libc::SYS_poll,
            ..call
        };
    }
    let _ = wchan;
    call
}

/// `nr arg1 ... arg6 sp pc` while in a call; `running` or `-1 sp pc` otherwise.
fn parse_call(text: &str) -> Option<Call> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let number: i64 = words.first()?.parse().ok()?;
    if number < 0 || words.len() < 7 {
        return None;
    }
    let mut args = [0u64; 6];
    for (arg, word) in args.iter_mut().zip(&words[1..7]) {
        *arg = u64::from_str_radix(word.trim_start_matches("0x"), 16).ok()?;
    }
    Some(Call { number, args })
}

/// Time on a CPU and times scheduled in (schedstat), or the context switches (status).
fn ran(task: &std::path::Path) -> (u64, u64) {
    if let Some(stat) = super::schedstat(task) {
        return (stat.on_cpu.as_nanos() as u64, stat.slices);
    }
    let status = std::fs::read_to_string(task.join("status")).unwrap_or_default();
    let count = |key: &str| -> u64 {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0)
    };
    (
        count("voluntary_ctxt_switches:"),
        count("nonvoluntary_ctxt_switches:"),
    )
}

/// What descriptor `fd` of `pid` is: the target of its /proc link (`socket:[123]`,
/// `pipe:[456]`, `anon_inode:[eventpoll]`, a path).
pub fn fd_target(pid: i32, fd: i32) -> Option<String> {
    std::fs::read_link(format!("/proc/{pid}/fd/{fd}"))
        .ok()
        .map(|t| t.to_string_lossy().into_owned())
}

/// Does `pid` hold a timerfd that is armed (its fdinfo's `it_value` not zero)? Such a process
/// wakes by itself, whatever call it sleeps in.
pub fn has_armed_timer(pid: i32) -> bool {
    super::descriptors(pid)
        .into_iter()
        .filter(|(_, target)| target == "anon_inode:[timerfd]")
        .any(|(fd, _)| {
            std::fs::read_to_string(format!("/proc/{pid}/fdinfo/{fd}")).is_ok_and(|info| {
                info.lines()
                    .find_map(|l| l.strip_prefix("it_value:"))
                    .is_some_and(|v| v.chars().any(|c| c.is_ascii_digit() && c != '0'))
            })
        })
}

/// A thread of `pid` asleep in `call` on a socket: the timeout of that socket that ends the
/// call (SO_RCVTIMEO for a receive, SO_SNDTIMEO for a send): `Some(ZERO)` when none is set,
/// `None` for a call or a descriptor no socket timeout ends, or one that cannot be read.
pub fn socket_wait_timeout(pid: i32, call: &Call) -> Option<Duration> {
    let (fd, direction) = (call.fd()?, call.direction()?);
    on_a_socket(pid, call).then_some(())?;
    super::socket_timeout(pid, fd, direction)
}

/// `call`, of a thread of `pid`, is one a socket's timeout can end, on a socket.
pub fn on_a_socket(pid: i32, call: &Call) -> bool {
    call.direction().is_some()
        && call
            .fd()
            .and_then(|fd| fd_target(pid, fd))
            .is_some_and(|t| t.starts_with("socket:["))
}

/// For a thread inside poll or ppoll: how many entries its `pollfd` array has, and the first
/// 64 of them (the descriptor, the events asked for), read from its memory. `None` if the call
/// is another one or the memory cannot be read.
pub fn polled_fds(pid: i32, call: &Call) -> Option<(usize, Vec<(i32, i16)>)> {
    use std::os::unix::fs::FileExt;
    let (at, total) = call.poll_array()?;
    let n = total.min(64);
    let mut raw = vec![0u8; n * 8];
    let mem = std::fs::File::open(format!("/proc/{pid}/mem")).ok()?;
    mem.read_exact_at(&mut raw, at).ok()?;
    let entries = raw
        .chunks_exact(8)
        .map(|entry| {
            let fd = i32::from_ne_bytes(entry[..4].try_into().unwrap_or_default());
            let events = i16::from_ne_bytes(entry[4..6].try_into().unwrap_or_default());
            (fd, events)
        })
        .collect();
    Some((total, entries))
}

/// Every live thread of every process in `pids` sleeps in a call that only an event ends, and
/// none has a timer armed: nothing inside them will wake them (alarm() and socket timeouts
/// aside, which /proc does not show). Zombies do not count; at least one thread must live.
pub fn only_an_event_wakes(pids: &[i32]) -> bool {
    let tasks: Vec<Task> = pids.iter().flat_map(|&p| tasks(p)).collect();
    all_wait_for_an_event(&tasks) && !pids.iter().any(|&p| has_armed_timer(p))
}

/// Every live thread of `tasks` (zombies aside) sleeps in a call only an event ends, and at
/// least one lives.
pub fn all_wait_for_an_event<'a>(tasks: impl IntoIterator<Item = &'a Task>) -> bool {
    let mut live = tasks
        .into_iter()
        .filter(|t| t.state != 'Z' && t.state != 'X')
        .peekable();
    live.peek().is_some()
        && live.all(|t| t.state == 'S' && t.call.is_some_and(|c| c.ends() == Ends::OnAnEvent))
}

/// How much CPU time a program that never sleeps (a busy loop) must have had, with what it was
/// given in front of it, to count as having done what it does with it.
const A_TURN: Duration = Duration::from_millis(50);

/// Whether the program led by `pid` has had its turn since the state a test waits for began
/// (`Turn::new` then): every process of it asleep in a blocking call, or, for one that never
/// sleeps, `A_TURN` of CPU time run since. A test that waits for a program to sleep would
/// otherwise wait out its whole limit for a busy loop (seconds per test, for a program that
/// spins on a level-triggered EPOLLOUT).
pub struct Turn {
    pid: i32,
    cpu: Duration,
}

impl Turn {
    pub fn new(pid: i32) -> Turn {
        Turn {
            pid,
            cpu: super::tree_cpu_time(pid),
        }
    }

    pub fn had(&self) -> bool {
        let tree = super::tree(self.pid);
        (!tree.is_empty() && tree.into_iter().all(super::is_waiting)) || self.ran()
    }

    /// It has run `A_TURN` of CPU time since (asleep or not now).
    pub fn ran(&self) -> bool {
        super::tree_cpu_time(self.pid).saturating_sub(self.cpu) >= A_TURN
    }
}

/// Processes just signalled, each with its CPU time then. One that is runnable (a thread in
/// state R) and has not run `A_TURN` of CPU time since waits for a CPU, a starved machine's,
/// not for anything of its own; so does one a tracer holds (state t: the checker's `hold`, or
/// a test's): it has not yet shown what the signal did to it. (Asleep, stopped by a signal, in
/// the kernel or ended, it has.)
pub struct Signalled(Vec<(i32, Duration)>);

impl Signalled {
    pub fn new(pids: impl IntoIterator<Item = i32>) -> Signalled {
        Signalled(
            pids.into_iter()
                .map(|p| (p, super::process_cpu(p)))
                .collect(),
        )
    }

    /// Does process `pid`, one of them, still wait for its turn on a CPU?
    pub fn waits(&self, pid: i32) -> bool {
        let Some(&(_, then)) = self.0.iter().find(|(p, _)| *p == pid) else {
            return false;
        };
        let states = super::thread_states(pid);
        states.contains(&'t')
            || states.contains(&'R') && super::process_cpu(pid).saturating_sub(then) < A_TURN
    }

    /// Does any of them?
    pub fn starved(&self) -> bool {
        self.0.iter().any(|&(p, _)| self.waits(p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The numbers compared with /proc/<pid>/syscall are the libc crate's, for the architecture
    /// the checker is built for (ARM64 numbers its calls unlike x86-64): no table entry is a
    /// literal.
    #[test]
    fn every_call_number_is_libc_s_for_this_architecture() {
        let source = include_str!("waits.rs");
        let mut lines = source.lines().map(str::trim).peekable();
        let mut entries = 0;
        while let Some(line) = lines.next() {
            let Some(rest) = line.strip_prefix("call(") else {
                continue;
            };
            let number = if rest.is_empty() {
                lines.peek().copied().unwrap_or_default()
            } else {
                rest
            };
            assert!(
                number.starts_with("libc::SYS_"),
                "a literal: {line} {number}"
            );
            entries += 1;
        }
        assert!(entries >= COMMON.len(), "{entries} entries read");
        #[cfg(target_arch = "x86_64")]
        assert_eq!(LEGACY.map(|c| c.name), X86_64_ONLY);
        let mut numbers: Vec<i64> = COMMON
            .iter()
            .chain(LEGACY.iter())
            .map(|c| c.number)
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        assert_eq!(
            numbers.len(),
            COMMON.len() + LEGACY.len(),
            "two calls, one number"
        );
    }

    /// The same across the checker (its harness and shims too): every system-call number is
    /// named through libc (`libc::SYS_*`, never a local constant or a number), and this file is
    /// the one place that tells architectures apart.
    #[test]
    fn no_system_call_number_of_one_architecture_anywhere() {
        let checker = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        let mut dirs: Vec<_> = ["src", "harness", "shims", "build"]
            .iter()
            .map(|d| checker.join(d))
            .collect();
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    files.push(path);
                }
            }
        }
        assert!(files.len() > 100, "{} files read", files.len());
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            for (at, _) in text.match_indices("SYS_") {
                let before = &text[..at];
                // Part of a longer name (CAP_SYS_NICE), or this test's own text.
                if before.ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '"') {
                    continue;
                }
                assert!(
                    before.ends_with("libc::"),
                    "{}: a system-call number not libc's: {}",
                    path.display(),
                    text[at..].lines().next().unwrap_or_default()
                );
            }
            if !path.ends_with("procinfo/waits.rs") {
                assert!(
                    !text.contains(&format!("target_{}", "arch")),
                    "{}: architectures told apart outside waits.rs",
                    path.display()
                );
            }
        }
    }

    #[test]
    fn sees_a_child_asleep_in_read_on_its_stdin() {
        let mut child = std::process::Command::new("cat")
            .stdin(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let pid = child.id() as i32;
        let until = std::time::Instant::now() + std::time::Duration::from_secs(5);
        let mut seen = None;
        while std::time::Instant::now() < until {
            if let [task] = tasks(pid).as_slice()
                && task.state == 'S'
                && let Some(call) = task.call
            {
                seen = Some(call);
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        let _ = child.kill();
        let _ = child.wait();
        let call = seen.expect("cat asleep in a call");
        assert_eq!(call.name(), Some("read"));
        assert_eq!(call.fd(), Some(0));
        assert_eq!(call.ends(), Ends::OnAnEvent);
    }

    #[test]
    fn a_busy_loop_has_its_turn_by_cpu_time_and_a_sleeper_by_sleeping() {
        let mut spinner = std::process::Command::new("sh")
            .args(["-c", "while :; do :; done"])
            .spawn()
            .unwrap();
        let mut sleeper = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        let (spin, sleep) = (
            Turn::new(spinner.id() as i32),
            Turn::new(sleeper.id() as i32),
        );
        let until = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while !(spin.had() && sleep.had()) && std::time::Instant::now() < until {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let (spun, slept, sleeper_ran) = (spin.ran(), sleep.had(), sleep.ran());
        for child in [&mut spinner, &mut sleeper] {
            let _ = child.kill();
            let _ = child.wait();
        }
        assert!(spun, "a busy loop runs 50 ms of CPU time within 5 s");
        assert!(slept, "sleep is asleep in a call");
        assert!(!sleeper_ran, "sleep does not run");
    }

    /// A spinner waits for a CPU until it has run `A_TURN` since, then no more; a sleeper never
    /// does. (The spinner is watched until it has had its turn: on a starved machine that may
    /// take longer, 60 s at most.)
    #[test]
    fn a_signalled_spinner_waits_for_a_cpu_until_it_has_run_and_a_sleeper_never() {
        /// Killed and reaped however the test ends.
        struct Reaped(std::process::Child);
        impl Drop for Reaped {
            fn drop(&mut self) {
                let _ = self.0.kill();
                let _ = self.0.wait();
            }
        }
        let spawn = |program: &str, args: &[&str]| {
            Reaped(
                std::process::Command::new(program)
                    .args(args)
                    .spawn()
                    .unwrap(),
            )
        };
        let spinner = spawn("sh", &["-c", "while :; do :; done"]);
        let sleeper = spawn("sleep", &["60"]);
        let (spin, sleep) = (spinner.0.id() as i32, sleeper.0.id() as i32);
        let until = std::time::Instant::now() + Duration::from_secs(10);
        while !super::super::is_waiting(sleep) && std::time::Instant::now() < until {
            std::thread::sleep(Duration::from_millis(2));
        }
        // Asked at once; again if the spinner had its turn meanwhile (this thread kept off the
        // CPU that long).
        let signalled = loop {
            let before = super::super::process_cpu(spin);
            let signalled = Signalled::new([spin, sleep]);
            let waits = signalled.waits(spin);
            if super::super::process_cpu(spin).saturating_sub(before) < A_TURN / 2 {
                assert!(waits && !signalled.waits(sleep));
                break signalled;
            }
        };
        let then = super::super::process_cpu(spin);
        let until = std::time::Instant::now() + Duration::from_secs(60);
        while super::super::process_cpu(spin).saturating_sub(then) < A_TURN + A_TURN / 5
            && std::time::Instant::now() < until
        {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(!signalled.waits(spin) && !signalled.starved());
    }

    #[test]
    fn a_sleep_ends_by_itself() {
        let call = Call {
            number: libc::SYS_clock_nanosleep,
            args: [0; 6],
        };
        assert_eq!(call.ends(), Ends::MaybeByItself);
        let forever = Call {
            number: libc::SYS_ppoll,
            args: [1, 2, 0, 0, 8, 0],
        };
        assert_eq!(forever.ends(), Ends::OnAnEvent);
        let timed = Call {
            number: libc::SYS_ppoll,
            args: [1, 2, 0x7fff_0000, 0, 8, 0],
        };
        assert_eq!(timed.ends(), Ends::MaybeByItself);
    }
}
