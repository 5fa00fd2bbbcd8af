//! The registry of the checker's children and the reaper: the one place that knows every
//! process the checker started and collects what nobody waits for.
//!
//! The checker is a child subreaper, so orphans come back to it; a background reaper collects
//! the orphans that nobody supervises, and never touches a pid a supervisor will wait for (that
//! would steal its exit status). SIGCHLD keeps its default disposition: children would inherit
//! an ignored SIGCHLD and reap their own zombies, faking a pass. Watchers kill a program that
//! reaches its cap of processes: its pids cgroup's (`caps`), or its tree's where it has no
//! cgroup that counts it. These registries are process-wide by nature (there is one set of
//! children, one reaper); everything else about a test is passed explicitly in its `Scope`.

use std::collections::{BTreeMap, BTreeSet};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Once};
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill, killpg};
use nix::sys::wait::{Id, WaitPidFlag, waitid, waitpid};
use nix::unistd::Pid;

mod caps;

use super::capture::Capture;
use super::intervention::{Intervention, Recorder};
use crate::contain::procinfo;
use caps::CapWatch;

/// The environment variable that tags every process a program starts.
pub const TAG_VAR: &str = "LAB_CHECKER_TAG";

/// Direct children whose exit status a supervisor (or a cargo run) will collect itself.
static TRACKED: Mutex<BTreeSet<i32>> = Mutex::new(BTreeSet::new());
/// A live program: its tag, the recorder of its test, and where the kernel counts its tasks
/// (its pids cgroup's `pids.current`), if it has one.
#[derive(Clone)]
struct Live {
    tag: String,
    recorder: Recorder,
    pids_current: Option<PathBuf>,
}

/// Live programs by pid, for the process cap and the emergency cleanup when the checker is
/// interrupted.
static LIVE: Mutex<BTreeMap<i32, Live>> = Mutex::new(BTreeMap::new());

/// Register a started program as live; `pids_current` is its cgroup's count of tasks, if any.
pub fn register_live(pid: i32, tag: &str, recorder: &Recorder, pids_current: Option<PathBuf>) {
    let starting = pids_current
        .as_ref()
        .and_then(|p| lock(&STARTING).remove(p));
    // A pid is the program's from now on: an entry left by an earlier program of that pid
    // (kept for `went_over_cap`) goes.
    if starting.is_some_and(|s| s.killed) {
        lock(&OVER_CAP).insert(pid);
    } else {
        lock(&OVER_CAP).remove(&pid);
    }
    let live = Live {
        tag: tag.to_string(),
        recorder: recorder.clone(),
        pids_current,
    };
    lock(&LIVE).insert(pid, live);
}

/// A program about to start, by its cgroup: `CapWatch` kills a cgroup at its cap whether its
/// program is registered or not (the thread that starts a program may wait long for a CPU once
/// it has forked: seen 10 s beside a fork bomb at nice -20, the bomb itself), and tells the
/// program's test through this until `register_live` takes it over.
struct Starting {
    recorder: Recorder,
    /// Killed for reaching its cap: `register_live` marks the program so (`went_over_cap`).
    killed: bool,
}

static STARTING: Mutex<BTreeMap<PathBuf, Starting>> = Mutex::new(BTreeMap::new());

/// A program about to start whose cgroup counts its tasks at `pids_current` (where it has
/// one); `register_live` (or `not_started`) ends this.
pub fn watch_before_start(pids_current: Option<&Path>, recorder: &Recorder) {
    let Some(pids_current) = pids_current else {
        return;
    };
    let starting = Starting {
        recorder: recorder.clone(),
        killed: false,
    };
    lock(&STARTING).insert(pids_current.to_path_buf(), starting);
}

/// The program watched at `pids_current` could not be started.
pub fn not_started(pids_current: Option<&Path>) {
    if let Some(pids_current) = pids_current {
        lock(&STARTING).remove(pids_current);
    }
}

/// Forget a program that is gone.
pub fn forget_live(pid: i32) {
    lock(&LIVE).remove(&pid);
    lock(&ALLOWED).remove(&pid);
}

/// Programs allowed another number of processes than `MAX_PROCESSES` (pid -> the most).
static ALLOWED: Mutex<BTreeMap<i32, usize>> = Mutex::new(BTreeMap::new());

/// Let the live program `pid` run up to `max` processes at once.
pub fn allow_processes(pid: i32, max: usize) {
    lock(&ALLOWED).insert(pid, max);
}

/// Did the checker kill `pid` for going over `MAX_PROCESSES`?
pub fn went_over_cap(pid: i32) -> bool {
    lock(&OVER_CAP).contains(&pid)
}

/// Forget a tracked child whose status its supervisor has collected.
pub fn untrack(pid: i32) {
    lock(&TRACKED).remove(&pid);
}

/// The most CPU time one thread of the programs whose tag starts with `prefix` has used so far
/// (before `stop_tagged`: whether a program that did not answer had the CPU).
pub fn tagged_busiest_cpu(prefix: &str) -> std::time::Duration {
    let leaders: Vec<i32> = lock(&LIVE)
        .iter()
        .filter(|(_, live)| live.tag.starts_with(prefix))
        .map(|(&pid, _)| pid)
        .collect();
    leaders
        .into_iter()
        .map(crate::contain::procinfo::busiest_thread_cpu)
        .max()
        .unwrap_or_default()
}

/// Stop every program (and escaped descendant) whose tag starts with `prefix`.
pub fn stop_tagged(prefix: &str) {
    let leaders: Vec<i32> = lock(&LIVE)
        .iter()
        .filter(|(_, live)| live.tag.starts_with(prefix))
        .map(|(&pid, _)| pid)
        .collect();
    for pid in leaders {
        let _ = killpg(Pid::from_raw(pid), Signal::SIGKILL);
    }
    kill_tagged_orphans(prefix, None);
}

pub(super) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere must not stop the cleanup: take the data even if poisoned.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Make the checker a child subreaper and start the orphan reaper. Idempotent.
pub fn init() {
    static INIT: Once = Once::new();
    INIT.call_once(|| {
        // Orphaned descendants of the programs we run come back to us instead of init, so
        // they can be found, killed and reaped.
        let _ = nix::sys::prctl::set_child_subreaper(true);
        // Two watchers: the kernel's caps in a thread that takes no lock, and the trees of the
        // programs without one, which waits for the registries (and for `TRACKED`, which a
        // thread starting a program holds until it has started). The orphan reaper is ahead of
        // the programs too: a fork bomb's killed processes count against its cap until they are
        // reaped (it still waits for `TRACKED` while a program is being started).
        let mut caps = CapWatch::default();
        every_round("cgroup-cap", move || caps.enforce());
        every_round("process-cap", enforce_process_cap);
        every_round("orphan-reaper", reap_orphans);
    });
}

/// A thread named `name`, ahead of every program (`schedule::ahead_of_programs`), that runs
/// `round` every 50 ms.
fn every_round(name: &str, mut round: impl FnMut() + Send + 'static) {
    std::thread::Builder::new()
        .name(name.into())
        .spawn(move || {
            super::schedule::ahead_of_programs();
            loop {
                std::thread::sleep(Duration::from_millis(50));
                round();
            }
        })
        .ok();
}

/// While a test inspects the orphans a program left behind, they must stay as they are.
static REAPER_PAUSES: AtomicU64 = AtomicU64::new(0);

/// Pauses the reaping of orphans while it lives (a test counts a program's leftover zombies).
pub struct ReaperPause(());

impl ReaperPause {
    pub fn new() -> Self {
        REAPER_PAUSES.fetch_add(1, Ordering::SeqCst);
        ReaperPause(())
    }
}

impl Drop for ReaperPause {
    fn drop(&mut self) {
        REAPER_PAUSES.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Reap zombie children that no supervisor is waiting for.
fn reap_orphans() {
    if REAPER_PAUSES.load(Ordering::SeqCst) > 0 {
        return;
    }
    // Holding TRACKED while deciding means a freshly spawned program is either already
    // registered or not yet forked: never reaped behind its supervisor's back.
    let tracked = lock(&TRACKED);
    // Most rounds find no child ended: the kernel says so without reaping one (WNOWAIT), and
    // the round reads no list. Ended children are looked for among the orphans, where the
    // kernel puts them (`main_thread_children`); a tracked child is its supervisor's to reap.
    let ended = waitid(
        Id::All,
        WaitPidFlag::WEXITED | WaitPidFlag::WNOHANG | WaitPidFlag::WNOWAIT,
    );
    if !matches!(ended, Ok(status) if status.pid().is_some()) {
        return;
    }
    for pid in procinfo::main_thread_children() {
        if !tracked.contains(&pid) && procinfo::is_zombie(pid) {
            let _ = waitpid(Pid::from_raw(pid), Some(WaitPidFlag::WNOHANG));
        }
    }
}

pub use super::limits::MAX_PROCESSES;

/// Programs the checker killed for going over `MAX_PROCESSES`.
static OVER_CAP: Mutex<BTreeSet<i32>> = Mutex::new(BTreeSet::new());

fn try_lock<T>(m: &Mutex<T>) -> Option<MutexGuard<'_, T>> {
    match m.try_lock() {
        Ok(guard) => Some(guard),
        Err(std::sync::TryLockError::Poisoned(e)) => Some(e.into_inner()),
        Err(std::sync::TryLockError::WouldBlock) => None,
    }
}

/// The caps of programs without a cgroup's count (no pids controller on the machine, or a
/// program that never joined its cgroup): each one's tree is counted (stopping at the cap) and
/// killed when it reaches the cap, as going over it is. The registry is read only if it is
/// free, so that it does not wait behind a starved thread (seen: a round 3 s late,
/// the kernel refusing 70,000 forks of a bomb meanwhile).
fn enforce_process_cap() {
    let Some(live) = try_lock(&LIVE) else {
        return;
    };
    let live: Vec<(i32, Live)> = live.iter().map(|(p, l)| (*p, l.clone())).collect();
    for (pid, live) in live {
        let counted = live
            .pids_current
            .as_deref()
            .and_then(|f| std::fs::read_to_string(f).ok())
            .and_then(|n| n.trim().parse::<usize>().ok());
        if counted.is_some_and(|n| n > 0) || !over_cap(pid) {
            continue; // a cgroup counts it (`CapWatch`), or it is under the cap
        }
        // Marked before the kill: its test may see it end at once, and asks then.
        if lock(&OVER_CAP).insert(pid) {
            live.recorder.record(Intervention::KilledForkBomb);
        }
        kill_everything_of(pid, &live);
    }
}

/// Whether `pid`'s tree holds as many processes as it may, or more (not if the registry of
/// those allowed more is busy: the next round asks again).
fn over_cap(pid: i32) -> bool {
    let Some(allowed) = try_lock(&ALLOWED) else {
        return false;
    };
    let max = allowed.get(&pid).copied().unwrap_or(MAX_PROCESSES);
    drop(allowed);
    procinfo::count_tree(pid, max) >= max
}

/// Kill `pid`'s group first (one call stops a bomb that stays in it), then its tree, then its
/// tagged orphans.
fn kill_everything_of(pid: i32, live: &Live) {
    for _ in 0..3 {
        let _ = killpg(Pid::from_raw(pid), Signal::SIGKILL);
        for p in procinfo::descendants(pid) {
            let _ = kill(Pid::from_raw(p), Signal::SIGKILL);
        }
    }
    kill_tagged_orphans(&live.tag, None);
}

/// Spawn a command the caller will `wait()` for, registered so the orphan reaper leaves it
/// alone. Every child process of the checker goes through here.
pub fn spawn_tracked(cmd: &mut Command) -> std::io::Result<Child> {
    init();
    let mut tracked = lock(&TRACKED);
    let child = cmd.spawn()?;
    tracked.insert(child.id() as i32);
    Ok(child)
}

/// Wait for a tracked child and forget it.
pub fn wait_tracked(child: &mut Child) -> std::io::Result<ExitStatus> {
    let status = child.wait();
    lock(&TRACKED).remove(&(child.id() as i32));
    status
}

/// Run a short-lived helper command (cargo, rustfmt) to completion, capturing its output.
/// It runs in a process group of its own, killed once it has exited: nothing a build started
/// (a compiler server, anything a dependency's build script left running) outlives it.
pub fn run_to_completion(cmd: &mut Command) -> std::io::Result<std::process::Output> {
    run_with_input(cmd, None)
}

/// `run_to_completion`, with `input` written to the helper's stdin (rustfmt reading a file).
pub fn run_with_input(
    cmd: &mut Command,
    input: Option<&[u8]>,
) -> std::io::Result<std::process::Output> {
    cmd.stdin(if input.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .process_group(0);
    let mut child = spawn_tracked(cmd)?;
    register_live(
        child.id() as i32,
        &format!("lab-{}-0-helper.", std::process::id()),
        &Recorder::default(),
        None,
    );
    let stdout = child.stdout.take().map(|s| Capture::start(s, usize::MAX));
    let stderr = child.stderr.take().map(|s| Capture::start(s, usize::MAX));
    if let (Some(input), Some(mut pipe)) = (input, child.stdin.take()) {
        // Its output is read by the captures meanwhile, so the helper cannot block us.
        let _ = std::io::Write::write_all(&mut pipe, input);
    }
    let status = wait_tracked(&mut child);
    let _ = killpg(Pid::from_raw(child.id() as i32), Signal::SIGKILL);
    forget_live(child.id() as i32);
    let status = status?;
    let take = |c: Option<Arc<Capture>>| {
        c.map(|c| {
            c.wait_closed(Instant::now() + Duration::from_secs(5));
            c.bytes()
        })
        .unwrap_or_default()
    };
    Ok(std::process::Output {
        status,
        stdout: take(stdout),
        stderr: take(stderr),
    })
}

/// The live orphans (and their descendants) that carry `tag_prefix`. An orphan comes back to
/// the checker, a subreaper, as soon as its parent dies, so looking below the children of its
/// main thread (where the kernel puts orphans) that no supervisor waits for finds every
/// process that escaped its program's group.
fn tagged_orphans(tag_prefix: &str) -> Vec<i32> {
    let orphans: Vec<i32> = {
        let tracked = lock(&TRACKED);
        procinfo::main_thread_children()
            .into_iter()
            .filter(|p| !tracked.contains(p))
            .collect()
    };
    let mut found: Vec<i32> = Vec::new();
    for orphan in orphans {
        found.push(orphan);
        found.extend(procinfo::descendants(orphan));
    }
    found.retain(|&p| !procinfo::is_zombie(p) && procinfo::environ_has(p, TAG_VAR, tag_prefix));
    found
}

/// Kill the orphans (and their descendants) that carry `tag_prefix` (`tagged_orphans`). Returns
/// how many were killed outside the process group `spared` (the program's own, killed with it:
/// what is said of its members is the caller's).
pub(super) fn kill_tagged_orphans(tag_prefix: &str, spared: Option<i32>) -> usize {
    let mut quiet_rounds = 0;
    let mut killed = std::collections::BTreeSet::new();
    for _round in 0..100 {
        let found = tagged_orphans(tag_prefix);
        if found.is_empty() {
            // Processes killed a moment ago may still be orphaning their children: look twice.
            quiet_rounds += 1;
            if quiet_rounds >= 2 {
                break;
            }
        } else {
            quiet_rounds = 0;
        }
        for p in found {
            // Its group read before the kill; one gone meanwhile (reaped: no group) ended on
            // its own and escaped nothing.
            let escaped = match spared {
                None => true,
                Some(group) => procinfo::pgid(p).is_some_and(|g| g != group),
            };
            let _ = kill(Pid::from_raw(p), Signal::SIGKILL);
            if escaped {
                killed.insert(p);
            }
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    killed.len()
}

/// Kill every process on the machine that carries a tag starting with `tag_prefix`.
fn sweep_tag(tag_prefix: &str) {
    let me = std::process::id() as i32;
    for _round in 0..50 {
        let found: Vec<i32> = procinfo::all_pids()
            .into_iter()
            .filter(|&p| p != me && !procinfo::is_zombie(p))
            .filter(|&p| procinfo::environ_has(p, TAG_VAR, tag_prefix))
            .collect();
        if found.is_empty() {
            return;
        }
        for p in found {
            let _ = kill(Pid::from_raw(p), Signal::SIGKILL);
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Stop everything this checker started (on Ctrl-C, or before exiting).
pub fn stop_everything() {
    let live: Vec<i32> = lock(&LIVE).keys().copied().collect();
    for pid in live {
        let _ = killpg(Pid::from_raw(pid), Signal::SIGKILL);
    }
    sweep_tag(&format!("lab-{}-", std::process::id()));
    reap_orphans();
    super::cgroup::clean_up();
}
