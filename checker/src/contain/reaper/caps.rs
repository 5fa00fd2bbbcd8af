//! The kernel's caps on the programs' processes (a pids cgroup per program), enforced by a
//! watcher that reads the cgroups themselves, with no lock another thread may hold.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

use super::{Intervention, LIVE, OVER_CAP, STARTING, try_lock};
use crate::contain::procinfo;

/// The caps the kernel holds (a pids cgroup per program), enforced with no lock another thread
/// may hold: a thread of ordinary priority that holds one beside a fork bomb of raised priority
/// waits seconds for the CPU, and the watcher with it (seen: a bomb at nice -10 lived 3 s
/// beside busy loops, the kernel refusing 29,000 forks). A cgroup whose processes reach its
/// `pids.max` is killed, and killed again at every round while it exists: a child forked
/// between a round's reading and its kill survives that round, outside the program's tree (its
/// parent is gone) but in its cgroup (seen: 8 to 14 s, 800,000 forks refused). Its members are
/// the program's whatever their pids. The program's test is told once the registries are free.
#[derive(Default)]
pub(super) struct CapWatch {
    /// The cgroups killed for reaching their cap, and whether their test has been told.
    killed: BTreeMap<PathBuf, bool>,
}

impl CapWatch {
    pub(super) fn enforce(&mut self) {
        let caps = crate::contain::cgroup::every_cap();
        self.killed
            .retain(|dir, _| caps.iter().any(|(d, _)| d == dir));
        for (dir, max) in caps {
            let counted = dir.join("pids.current");
            if !self.killed.contains_key(&dir) {
                if processes_or_zombies(&dir, max) < max {
                    continue;
                }
                self.killed.insert(dir.clone(), false);
            }
            kill_members(&counted);
        }
        for (dir, told) in self.killed.iter_mut().filter(|(_, told)| !**told) {
            *told = tell_killed(&dir.join("pids.current"));
        }
    }
}

/// Record that the program counted at `pids_current` was killed as a fork bomb, if the
/// registries are free now: whether it was told.
fn tell_killed(pids_current: &Path) -> bool {
    let Some(live) = try_lock(&LIVE) else {
        return false;
    };
    let found = live
        .iter()
        .find(|(_, l)| l.pids_current.as_deref() == Some(pids_current))
        .map(|(&pid, l)| (pid, l.recorder.clone()));
    drop(live);
    if let Some((pid, recorder)) = found {
        let Some(mut over) = try_lock(&OVER_CAP) else {
            return false;
        };
        let first = over.insert(pid);
        drop(over);
        if first {
            recorder.record(Intervention::KilledForkBomb);
        }
        return true;
    }
    let Some(mut starting) = try_lock(&STARTING) else {
        return false;
    };
    let Some(s) = starting.get_mut(pids_current) else {
        return false; // registered meanwhile: told at the next round
    };
    s.killed = true;
    let recorder = s.recorder.clone();
    drop(starting);
    recorder.record(Intervention::KilledForkBomb);
    true
}

/// The processes of the pids cgroup whose `pids.current` is `pids_current` (its
/// `cgroup.procs`: threads are not counted).
fn members(pids_current: &Path) -> Vec<i32> {
    procinfo::pids_in(pids_current.with_file_name("cgroup.procs"))
}

fn processes_in_cgroup(pids_current: &Path) -> usize {
    let mut m = members(pids_current);
    m.sort_unstable();
    m.dedup();
    m.len()
}

/// How many of a cgroup's tasks, which the kernel counts against its cap (`pids.current`), are
/// processes or their zombies (not yet reaped, they still count): all but the threads beyond
/// each process's first. A bomb is processes; a program at its cap with threads is not one.
fn processes_or_zombies(dir: &Path, max: usize) -> usize {
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).ok();
    let counted = || read("pids.current").and_then(|n| n.trim().parse::<usize>().ok());
    // Only a cgroup at its cap is looked into; its count is read again after its threads and
    // processes, and the smaller taken: a thread started or a process ended meanwhile is not
    // taken for a zombie. (Threads are `tasks` in cgroup v1, `cgroup.threads` in v2.)
    let Some(before) = counted().filter(|&n| n >= max) else {
        return 0;
    };
    let Some(threads) = read("tasks").or_else(|| read("cgroup.threads")) else {
        return 0;
    };
    let live_threads = threads.split_whitespace().count();
    let processes = processes_in_cgroup(&dir.join("pids.current"));
    let tasks = before.min(counted().unwrap_or(0));
    tasks.saturating_sub(live_threads.saturating_sub(processes))
}

/// Kill every process of the cgroup (three passes: one forked during a pass is met by the next).
fn kill_members(pids_current: &Path) {
    for _ in 0..3 {
        for p in members(pids_current) {
            let _ = kill(Pid::from_raw(p), Signal::SIGKILL);
        }
    }
}
