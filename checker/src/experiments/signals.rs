//! Standard signals do not queue: a signal that arrives while the same one is pending merges
//! with it. Several children that end while SIGCHLD is blocked bring one handler run.
//!
//! The experiment's own process (a child of the checker, forked as processes.rs explains: only
//! async-signal-safe calls) blocks SIGCHLD, forks its children, and unblocks it once the
//! checker has seen every child end.

use std::os::fd::AsRawFd;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use anyhow::{Result, bail};
use nix::unistd::pipe;

use super::processes::{read_i64, reap, spawn};
use super::{Lab, Outcome, net, yes_no};
use crate::base::i18n::msg;
use crate::contain::procinfo;

const CHILDREN: usize = 5;

/// How many times the SIGCHLD handler ran (in the experiment's process).
static HANDLER_RUNS: AtomicU32 = AtomicU32::new(0);

extern "C" fn on_chld(_: libc::c_int) {
    HANDLER_RUNS.fetch_add(1, Ordering::SeqCst);
}

/// The experiment's process: SIGCHLD blocked and handled, five children that exit at once,
/// their pids sent out; once told to go, SIGCHLD unblocked, then every child reaped.
fn parent_of_five(out: i32, go: i32) -> i32 {
    // SAFETY: sigprocmask, sigaction, fork, write, read, waitpid and _exit are
    // async-signal-safe; nothing here allocates.
    unsafe {
        let mut chld: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut chld);
        libc::sigaddset(&mut chld, libc::SIGCHLD);
        libc::sigprocmask(libc::SIG_BLOCK, &chld, std::ptr::null_mut());
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = on_chld as extern "C" fn(libc::c_int) as usize;
        action.sa_flags = libc::SA_RESTART;
        libc::sigaction(libc::SIGCHLD, &action, std::ptr::null_mut());
        for _ in 0..CHILDREN {
            let pid = libc::fork();
            if pid == 0 {
                libc::_exit(0);
            }
            let pid = i64::from(pid);
            libc::write(out, (&pid as *const i64).cast(), 8);
        }
        let mut byte = 0u8;
        libc::read(go, (&mut byte as *mut u8).cast(), 1);
        libc::sigprocmask(libc::SIG_UNBLOCK, &chld, std::ptr::null_mut());
        let runs = i64::from(HANDLER_RUNS.load(Ordering::SeqCst));
        let mut reaped = 0i64;
        while libc::waitpid(-1, std::ptr::null_mut(), libc::WNOHANG) > 0 {
            reaped += 1;
        }
        libc::write(out, (&runs as *const i64).cast(), 8);
        libc::write(out, (&reaped as *const i64).cast(), 8);
    }
    0
}

/// Is SIGCHLD pending for process `pid` (its shared pending set, /proc/<pid>/status)?
fn sigchld_pending(pid: i32) -> bool {
    let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) else {
        return false;
    };
    status
        .lines()
        .find_map(|l| l.strip_prefix("ShdPnd:"))
        .and_then(|v| u64::from_str_radix(v.trim(), 16).ok())
        .is_some_and(|set| set & (1 << (libc::SIGCHLD - 1)) != 0)
}

pub fn sigchld_merge(lab: &mut Lab) -> Result<Outcome> {
    let (result_r, result_w) = pipe()?;
    let (go_r, go_w) = pipe()?;
    let (out, go) = (result_w.as_raw_fd(), go_r.as_raw_fd());
    let parent = spawn(|| parent_of_five(out, go))?;
    drop(result_w);
    drop(go_r);
    let mut pids = Vec::new();
    while pids.len() < CHILDREN {
        match read_i64(&result_r, Duration::from_secs(2)) {
            Some(pid) => pids.push(pid as i32),
            None => break,
        }
    }
    // Every child has ended (a zombie: its SIGCHLD was sent before), while SIGCHLD is blocked.
    let ended = pids.len() == CHILDREN
        && net::wait_until(Duration::from_secs(2), || {
            pids.iter().all(|&p| procinfo::is_zombie(p))
        });
    let pending = sigchld_pending(parent.as_raw());
    lab.say(msg!(
        "try-sigchld-blocked",
        children = CHILDREN,
        ended = yes_no(ended),
        pending = yes_no(pending)
    ));
    nix::unistd::write(&go_w, b"g")?;
    let runs = read_i64(&result_r, Duration::from_secs(2));
    let reaped = read_i64(&result_r, Duration::from_secs(2));
    reap(parent, Duration::from_secs(2));
    let (Some(runs), Some(reaped)) = (runs, reaped) else {
        bail!("the experiment's process did not report");
    };
    lab.say(msg!("try-sigchld-unblocked", runs = runs, reaped = reaped));
    lab.say(msg!("try-sigchld-conclusion"));
    let holds = ended && pending && runs == 1 && reaped == CHILDREN as i64;
    Ok(Outcome::new(holds)
        .fact("children", CHILDREN)
        .fact("children_ended", ended)
        .fact("pending_while_blocked", pending)
        .fact("handler_runs", runs)
        .fact("reaped", reaped))
}
