//! Where and how a program's threads run, set from outside, for a test that must make two
//! events coincide rather than hope they do: every thread of the program on one CPU, one of
//! them left where it is and the others in the real-time class (SCHED_FIFO), so that any of
//! them woken runs at once, before the one left behind takes another step, however busy the
//! CPU is with others. That needs a privilege (CAP_SYS_NICE, which the checker has as root);
//! without it, the one left behind goes to the idle class instead (SCHED_IDLE), which any
//! normal thread woken on its CPU preempts (kernel/sched/fair.c, the wake-up check): as sure on
//! a quiet machine, not on one busy with others, whose threads the scheduler may run between.
//! A correct program is correct under every order its threads may run in; this picks the order
//! that shows a race. What cannot be set is left as it was, and the test runs on as it would
//! have.

use std::mem::{size_of, zeroed};

/// A program's threads as they were before `pin_to_one_cpu`, put back when this is dropped.
pub struct Pinned {
    /// Each thread's CPU mask before.
    masks: Vec<(i32, libc::cpu_set_t)>,
    /// Threads moved to the idle class.
    idle: Vec<i32>,
    /// Threads moved to the real-time class.
    realtime: Vec<i32>,
    /// A program whose every thread, those it started since too, goes back to the normal
    /// class and this CPU mask (`in_turn`).
    everyone: Option<(i32, libc::cpu_set_t)>,
}

/// The thread ids of `pid` (empty if it is gone).
fn threads(pid: i32) -> Vec<i32> {
    let Ok(dir) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return Vec::new();
    };
    dir.flatten()
        .filter_map(|e| e.file_name().to_str()?.parse().ok())
        .collect()
}

fn mask_of(tid: i32) -> Option<libc::cpu_set_t> {
    // SAFETY: a zeroed cpu_set_t is an empty set, and the kernel writes at most its size.
    let mut mask: libc::cpu_set_t = unsafe { zeroed() };
    let r = unsafe { libc::sched_getaffinity(tid, size_of::<libc::cpu_set_t>(), &mut mask) };
    (r == 0).then_some(mask)
}

fn set_mask(tid: i32, mask: &libc::cpu_set_t) -> bool {
    // SAFETY: a valid cpu_set_t of the size passed.
    unsafe { libc::sched_setaffinity(tid, size_of::<libc::cpu_set_t>(), mask) == 0 }
}

/// Every thread of `pid` runs on one CPU (the lowest the first thread may use), until
/// the `Pinned` is dropped. Threads it starts later inherit the CPU of the thread that starts them.
pub fn pin_to_one_cpu(pid: i32) -> Pinned {
    let mut pinned = Pinned {
        masks: Vec::new(),
        idle: Vec::new(),
        realtime: Vec::new(),
        everyone: None,
    };
    let Some(first) = threads(pid).first().and_then(|&t| mask_of(t)) else {
        return pinned;
    };
    // SAFETY: CPU_ISSET reads within the set for any index below CPU_SETSIZE.
    let Some(cpu) =
        (0..libc::CPU_SETSIZE as usize).find(|&c| unsafe { libc::CPU_ISSET(c, &first) })
    else {
        return pinned;
    };
    // SAFETY: as above; CPU_SET writes within the set.
    let mut one: libc::cpu_set_t = unsafe { zeroed() };
    unsafe { libc::CPU_SET(cpu, &mut one) };
    for tid in threads(pid) {
        if let Some(before) = mask_of(tid)
            && set_mask(tid, &one)
        {
            pinned.masks.push((tid, before));
        }
    }
    pinned
}

fn set_class(tid: i32, policy: libc::c_int, priority: libc::c_int) -> bool {
    let param = libc::sched_param {
        sched_priority: priority,
    };
    // SAFETY: a valid sched_param for the call's duration.
    unsafe { libc::sched_setscheduler(tid, policy, &param) == 0 }
}

impl Pinned {
    /// Move every thread of `pid` but `except` to the real-time class (SCHED_FIFO, the lowest
    /// priority): one of them woken on the CPU runs at once, before any thread of the normal
    /// classes takes another step, however busy the CPU is with others. Needs CAP_SYS_NICE (or
    /// an RLIMIT_RTPRIO): whether every one could be moved; if not, none is.
    pub fn realtime_except(&mut self, pid: i32, except: &[i32]) -> bool {
        for tid in threads(pid).into_iter().filter(|t| !except.contains(t)) {
            if !set_class(tid, libc::SCHED_FIFO, 1) {
                for tid in self.realtime.drain(..) {
                    set_class(tid, libc::SCHED_OTHER, 0);
                }
                return false;
            }
            self.realtime.push(tid);
        }
        true
    }

    /// Move thread `tid` to the idle class: any other thread woken on its CPU runs first.
    /// Whether it could be moved.
    pub fn idle(&mut self, tid: i32) -> bool {
        let moved = set_class(tid, libc::SCHED_IDLE, 0);
        if moved {
            self.idle.push(tid);
        }
        moved
    }
}

/// Every thread of `pid` on one CPU and in the real-time class (SCHED_FIFO), and so every thread
/// it starts from now on (a new thread inherits the CPU and the class of the one that starts
/// it, pthread_create's default): a thread started waits behind the one that started it until
/// that one sleeps, so a loop that starts a thread per connection accepts every connection
/// already queued before any thread it started takes a step. Until the `Pinned` is dropped,
/// which puts every thread of `pid`, new ones too, back in the normal class on the CPUs it had.
/// Whether the class could be set (it needs CAP_SYS_NICE); if not, the threads are only pinned.
pub fn in_turn(pid: i32) -> (Pinned, bool) {
    let before = threads(pid).first().and_then(|&t| mask_of(t));
    let mut pinned = pin_to_one_cpu(pid);
    pinned.everyone = before.map(|mask| (pid, mask));
    let realtime = pinned.realtime_except(pid, &[]);
    (pinned, realtime)
}

impl Drop for Pinned {
    /// Put every thread back: its CPUs, and the normal class for those moved to the idle one.
    /// Going back to the normal class needs a privilege (RLIMIT_NICE, or CAP_SYS_NICE) the
    /// checker may not have; a thread left idle still runs whenever its CPU has nothing else.
    fn drop(&mut self) {
        for tid in self.realtime.iter().chain(&self.idle) {
            set_class(*tid, libc::SCHED_OTHER, 0);
        }
        for (tid, mask) in &self.masks {
            set_mask(*tid, mask);
        }
        if let Some((pid, mask)) = &self.everyone {
            for tid in threads(*pid) {
                set_class(tid, libc::SCHED_OTHER, 0);
                set_mask(tid, mask);
            }
        }
    }
}

/// The real-time priority of the checker's process-cap watcher: above the programs' threads
/// this module moves to the real-time class (priority 1), so that nothing a test starts runs
/// before it.
const WATCHER_PRIORITY: libc::c_int = 2;

/// Put the calling thread ahead of every program the checker runs, where the checker may
/// (root, or CAP_SYS_NICE): the real-time class (SCHED_FIFO, reset for anything it would start),
/// else the highest normal priority (nice -20). For the threads that stop a fork bomb and reap
/// what it leaves: a bomb holds hundreds of processes spinning in `fork()` at the pids cap, at
/// the raised priority a test judged again gives its programs (nice -10), and a watcher of
/// ordinary priority waited seconds for the CPU (seen: 17 s, and 60 s for a bomb at nice -20;
/// about 1 s with this). Their work is a few file reads every 50 ms. Whether the thread could
/// be raised at all.
pub fn ahead_of_programs() -> bool {
    // SAFETY: gettid has no preconditions; the calls below only change this thread's class.
    let tid = unsafe { libc::gettid() };
    set_class(
        tid,
        libc::SCHED_FIFO | libc::SCHED_RESET_ON_FORK,
        WATCHER_PRIORITY,
    ) || unsafe { libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, -20) } == 0
}
