//! Looking at processes from outside, through `/proc`: the process tree, states,
//! environments, sockets. Supervision uses it to find every process a program left behind;
//! the hidden tests use it to count children and zombies and to find sockets.
//!
//! The few files read here are parsed by hand rather than with the procfs crate: it would
//! add about a tenth to a cold build of the lab (its budget is 30 s on two cores), and
//! these formats are fixed by the kernel's ABI (proc(5)).
//!
//! Processes are here; sockets and their tables in `sockets`, descriptors (flags, epoll
//! targets, signalfds) in `fds`, what a process tree costs (memory, threads, CPU) in `usage`,
//! whether programs with nothing to do wait or spin in `idle`, where each thread waits (its
//! system call, wchan) in `waits`, the timers that may wake it (a socket's timeouts, a SIGALRM)
//! in `timeouts`.

mod fds;
mod idle;
mod peer;
mod sockets;
mod tables;
mod timeouts;
mod usage;
mod waits;

pub use fds::*;
pub use idle::*;
pub use peer::*;
pub use sockets::*;
pub use tables::*;
pub use timeouts::*;
pub use usage::*;
pub use waits::*;

/// The fields of /proc/<pid>/stat after the command name: field 3 (state) is index 0.
/// The name is skipped up to the last `)`, so one with spaces or parentheses cannot confuse
/// the split.
fn stat_fields(pid: i32) -> Option<Vec<String>> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 1..];
    Some(rest.split_whitespace().map(str::to_string).collect())
}

/// A field of /proc/<pid>/stat by its number in proc(5) (3 = state, 5 = pgrp, 52 =
/// exit_code).
fn stat_field(pid: i32, number: usize) -> Option<String> {
    stat_fields(pid)?.into_iter().nth(number.checked_sub(3)?)
}

/// A hexadecimal mask line of /proc/<pid>/status, e.g. `SigCgt:`.
fn status_mask(pid: i32, key: &str) -> Option<u64> {
    status_masks(pid, [key]).map(|[m]| m)
}

/// The masks `keys` of one read of /proc/<pid>/status (0 for a key it lacks); `None` once
/// the process is gone.
fn status_masks<const N: usize>(pid: i32, keys: [&str; N]) -> Option<[u64; N]> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    Some(keys.map(|key| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| u64::from_str_radix(v.trim(), 16).ok())
            .unwrap_or(0)
    }))
}

/// Direct children of `pid`, from every thread's `task/*/children` (threads count as one
/// process: a child belongs to the thread that forked it, so all of them are read).
pub fn children(pid: i32) -> Vec<i32> {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return Vec::new();
    };
    let mut kids: Vec<i32> = tasks
        .flatten()
        .flat_map(|task| pids_in(task.path().join("children")))
        .collect();
    kids.sort_unstable();
    kids.dedup();
    kids
}

/// The children of this process's main thread: where the kernel puts every orphan it gives the
/// checker as a subreaper. An orphan goes to the subreaper's first live thread
/// (kernel/exit.c: `find_new_reaper`, `find_alive_thread`, since Linux 3.19; before, the
/// thread that started its parent), the main thread while the process runs, whichever thread
/// started the process it came from. One thread's list is cheap to read many times a second;
/// `children` reads every thread's, and the checker runs dozens of them.
pub fn main_thread_children() -> Vec<i32> {
    let me = std::process::id();
    pids_in(format!("/proc/{me}/task/{me}/children"))
}

/// The pids a list file holds, one or more a line (a `task/<tid>/children` file, a cgroup's
/// `cgroup.procs`); none if it is gone.
pub fn pids_in(file: impl AsRef<std::path::Path>) -> Vec<i32> {
    std::fs::read_to_string(file)
        .map(|list| {
            list.split_whitespace()
                .filter_map(|c| c.parse().ok())
                .collect()
        })
        .unwrap_or_default()
}

/// How many processes `pid`'s tree holds (itself included), counting no further than `limit`:
/// cheap to ask of a fork bomb.
pub fn count_tree(pid: i32, limit: usize) -> usize {
    let mut count = 1;
    let mut queue = children(pid);
    while let Some(p) = queue.pop() {
        count += 1;
        if count >= limit {
            return count;
        }
        queue.extend(children(p));
    }
    count
}

/// Every process below `pid` (not `pid` itself), parents before children.
pub fn descendants(pid: i32) -> Vec<i32> {
    let mut found = Vec::new();
    let mut queue = children(pid);
    while let Some(p) = queue.pop() {
        if !found.contains(&p) {
            found.push(p);
            queue.extend(children(p));
        }
    }
    found
}

/// The pid of `pid` as the process itself sees it, in its innermost PID namespace (the last
/// number of `NSpid:` in /proc/<pid>/status): what a program in a sandbox prints as its pid.
/// The same number where there is one PID namespace.
pub fn own_pid(pid: i32) -> Option<i32> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("NSpid:"))
        .and_then(|v| v.split_whitespace().last()?.parse().ok())
}

/// The one-letter state of a process (R, S, D, Z, T, t, X, ...); `None` if it is gone.
pub fn state(pid: i32) -> Option<char> {
    stat_field(pid, 3)?.chars().next()
}

/// The command name of a process (/proc/<pid>/comm), empty if it is gone.
pub fn comm(pid: i32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .map(|c| c.trim_end().to_string())
        .unwrap_or_default()
}

pub fn is_zombie(pid: i32) -> bool {
    state(pid) == Some('Z')
}

/// Whether the process's environment holds `NAME=value` starting with `prefix`.
/// Environments are inherited through fork and exec, so a tag set on a program marks every
/// process that descends from it, even one that left its process group with setsid().
pub fn environ_has(pid: i32, name: &str, prefix: &str) -> bool {
    let Ok(env) = std::fs::read(format!("/proc/{pid}/environ")) else {
        return false;
    };
    let wanted = format!("{name}={prefix}");
    env.split(|&b| b == 0)
        .any(|var| var.starts_with(wanted.as_bytes()))
}

/// The process group of a process (readable for a zombie too).
pub fn pgid(pid: i32) -> Option<i32> {
    stat_field(pid, 5)?.parse().ok()
}

/// Every pid on the machine (in our PID namespace).
pub fn all_pids() -> Vec<i32> {
    let Ok(all) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    all.flatten()
        .filter_map(|e| e.file_name().to_str()?.parse().ok())
        .collect()
}

/// The process and every process below it.
pub fn tree(pid: i32) -> Vec<i32> {
    let mut all = vec![pid];
    all.extend(descendants(pid));
    all
}

/// Is some thread of `pid` inside a call that writes (`is_write_call`)?
pub fn in_write_call(pid: i32) -> bool {
    blocked_calls(pid).into_iter().any(is_write_call)
}

/// Which way a call on a pipe goes: a pipe's reader, or its writer.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum PipeCall {
    Read,
    Write,
}

/// Whether a thread of `pid` sleeps in a call on a pipe, reading or writing as `way` says (a
/// pipe, not a socket: a peer the machine holds back leaves a program waiting on a socket too).
pub fn asleep_on_pipe(pid: i32, way: PipeCall) -> bool {
    tasks(pid).into_iter().any(|task| {
        task.state == 'S'
            && task.call.is_some_and(|call| {
                is_write_call(call.number) == (way == PipeCall::Write)
                    && call
                        .fd()
                        .and_then(|fd| fd_target(pid, fd))
                        .is_some_and(|target| target.starts_with("pipe:"))
            })
    })
}

/// Is the system call numbered `number` one that writes (write, writev, send, sendto, sendmsg,
/// sendmmsg, sendfile)?
pub fn is_write_call(number: i64) -> bool {
    [
        libc::SYS_sendfile,
        libc::SYS_write,
        libc::SYS_writev,
        libc::SYS_sendto,
        libc::SYS_sendmsg,
        libc::SYS_sendmmsg,
    ]
    .contains(&number)
}

/// The number of the system call each thread of `pid` is blocked in (from task/*/syscall).
fn blocked_calls(pid: i32) -> Vec<i64> {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return Vec::new();
    };
    tasks
        .flatten()
        .filter_map(|task| {
            std::fs::read_to_string(task.path().join("syscall"))
                .ok()
                .and_then(|s| {
                    s.split_whitespace()
                        .next()
                        .and_then(|n| n.parse::<i64>().ok())
                })
        })
        .collect()
}

/// The one-letter state of each thread of `pid` (from task/*/stat); empty if it is gone.
pub fn thread_states(pid: i32) -> Vec<char> {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return Vec::new();
    };
    tasks
        .flatten()
        .filter_map(|task| {
            let stat = std::fs::read_to_string(task.path().join("stat")).ok()?;
            stat[stat.rfind(')')? + 1..]
                .split_whitespace()
                .next()?
                .chars()
                .next()
        })
        .collect()
}

/// Is every thread of `pid` asleep in the kernel, waiting for something to happen? That is
/// what a server does between clients, whatever it waits in: accept, poll, ppoll, select,
/// epoll_wait, sigsuspend, a read on a self-pipe or a signalfd. (A test that needs a signal
/// to find the program waiting must not insist on one particular call: every design waits.)
pub fn is_waiting(pid: i32) -> bool {
    let states = thread_states(pid);
    !states.is_empty() && states.iter().all(|&s| s == 'S')
}

/// The signals a process catches (SigCgt in /proc/<pid>/status), as a bit mask: bit n-1 is
/// signal n.
pub fn caught_signals(pid: i32) -> u64 {
    status_mask(pid, "SigCgt:").unwrap_or(0)
}

/// The signals a process blocks (SigBlk of its main thread).
pub fn blocked_signals(pid: i32) -> u64 {
    status_mask(pid, "SigBlk:").unwrap_or(0)
}

/// Is the process being killed: SIGKILL pending (the kernel puts it in each thread's set at
/// once), the process not yet run to its end (a starved machine's)?
pub fn dying(pid: i32) -> bool {
    let kill = 1 << (libc::SIGKILL - 1);
    status_masks(pid, ["SigPnd:", "ShdPnd:"]).is_some_and(|m| m.iter().any(|m| m & kill != 0))
}

/// Does `signal` keep its default action for the process: neither caught, ignored nor
/// blocked (one that is gone keeps it)? With SIGTERM's, the kernel ends it for certain.
pub fn keeps_default_action(pid: i32, signal: libc::c_int) -> bool {
    let bit = 1 << (signal - 1);
    status_masks(pid, ["SigCgt:", "SigIgn:", "SigBlk:"])
        .is_none_or(|masks| masks.iter().all(|m| m & bit == 0))
}

/// The signals a process ignores (SigIgn).
pub fn ignored_signals(pid: i32) -> u64 {
    status_mask(pid, "SigIgn:").unwrap_or(0)
}

/// For a zombie, its wait status (what its parent's waitpid would return), from the
/// `exit_code` field of /proc/<pid>/stat.
pub fn zombie_wait_status(pid: i32) -> Option<i32> {
    let fields = stat_fields(pid)?;
    if fields.first().map(String::as_str) != Some("Z") {
        return None;
    }
    fields.get(52 - 3)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_this_process() {
        let me = std::process::id() as i32;
        // The main thread (whose state /proc/<pid>/stat shows) waits for the test threads.
        assert!(matches!(state(me), Some('R' | 'S')), "{:?}", state(me));
        assert!(!is_zombie(me));
        assert!(own_pid(me).is_some());
        assert_eq!(pgid(me), Some(nix::unistd::getpgrp().as_raw()));
        assert!(all_pids().contains(&me));
        // SIGCHLD is never ignored by the checker (see supervise.rs), and nothing here
        // catches SIGUSR2.
        assert_eq!(ignored_signals(me) & (1 << (libc::SIGCHLD - 1)), 0);
        assert_eq!(caught_signals(me) & (1 << (libc::SIGUSR2 - 1)), 0);
    }

    /// An orphan comes back to the main thread of a subreaper, whichever thread started the
    /// process it came from: where the reaper and the cleanup look for every orphan
    /// (`main_thread_children`).
    #[test]
    fn an_orphan_comes_back_to_the_main_thread() {
        use nix::sys::signal::{Signal, kill};
        use nix::unistd::Pid;
        nix::sys::prctl::set_child_subreaper(true).unwrap();
        let orphan: i32 = std::thread::spawn(|| {
            let out = std::process::Command::new("sh")
                .args(["-c", "sleep 30 </dev/null >/dev/null 2>&1 & echo $!"])
                .output()
                .unwrap();
            String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
        })
        .join()
        .unwrap();
        let found = main_thread_children();
        let _ = kill(Pid::from_raw(orphan), Signal::SIGKILL);
        let _ = nix::sys::wait::waitpid(Pid::from_raw(orphan), None);
        assert!(
            found.contains(&orphan),
            "orphan {orphan} is not among the main thread's children {found:?}"
        );
    }

    #[test]
    fn a_zombie_shows_its_wait_status() {
        // Another test of this binary may reap every child of the process (the reaper's
        // waitpid(-1)) while this one looks: a zombie gone before it was read is tried again.
        for _ in 0..5 {
            let mut child = std::process::Command::new("sh")
                .args(["-c", "exit 3"])
                .spawn()
                .unwrap();
            let pid = child.id() as i32;
            let until = std::time::Instant::now() + std::time::Duration::from_secs(5);
            while !is_zombie(pid) && std::time::Instant::now() < until {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            let status = zombie_wait_status(pid);
            if status.is_none() && !is_zombie(pid) {
                let _ = child.wait();
                continue;
            }
            assert_eq!(status, Some(3 << 8));
            assert!(child.wait().unwrap().code() == Some(3));
            return;
        }
        panic!("five zombies in a row were reaped before they could be read");
    }
}
