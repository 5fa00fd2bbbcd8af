//! A kernel-enforced cap on the number of processes a program may run, where the machine has a
//! `pids` cgroup controller (cgroup v1 `/sys/fs/cgroup/pids`, or v2 with `pids` enabled at the
//! root). RLIMIT_NPROC does not bind root, and a fork bomb outruns any watcher on a small
//! machine (it fills the whole PID space within a second), so the kernel itself must refuse the
//! forks: each program gets a cgroup of its own with `pids.max`, joined before exec. Where there
//! is no such controller, supervision falls back to counting the tree (see supervise.rs).
//!
//! Where the machine mounts cgroup v2 and the checker sits in its root, the checker also moves
//! into a v2 cgroup of its own (`enter_own_cgroup`), whose pressure file counts the CPU its own
//! tasks waited for (`contain::pressure`).

use std::ffi::CString;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

/// The checker's own directory in the pids hierarchy, if it could make one.
fn base() -> Option<&'static Path> {
    static BASE: OnceLock<Option<PathBuf>> = OnceLock::new();
    BASE.get_or_init(|| {
        let candidates = [
            PathBuf::from("/sys/fs/cgroup/pids"),
            PathBuf::from("/sys/fs/cgroup"),
        ];
        for root in candidates {
            // v2 needs pids enabled for the root's children; v1's pids hierarchy has it always.
            let v2 = root.join("cgroup.subtree_control");
            if root.ends_with("cgroup")
                && !std::fs::read_to_string(&v2)
                    .is_ok_and(|c| c.split_whitespace().any(|w| w == "pids"))
            {
                continue;
            }
            if !root.join("cgroup.procs").exists() {
                continue;
            }
            clean_stale(&root, "lab-checker-");
            let dir = root.join(format!("lab-checker-{}", std::process::id()));
            if std::fs::create_dir(&dir).is_ok() {
                return Some(dir);
            }
        }
        None
    })
    .as_deref()
}

/// Remove the directories `<prefix><pid>` of checkers that are gone (killed before they could
/// clean up).
fn clean_stale(root: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(prefix)
            .and_then(|p| p.parse::<i32>().ok())
        else {
            continue;
        };
        if !Path::new(&format!("/proc/{pid}")).exists() {
            remove_tree(&entry.path());
        }
    }
}

fn remove_tree(dir: &Path) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                remove_tree(&entry.path());
            }
        }
    }
    let _ = std::fs::remove_dir(dir);
}

/// Whether programs get a kernel-enforced cap.
pub fn available() -> bool {
    base().is_some()
}

/// The cgroup of one program.
pub struct Cap {
    dir: PathBuf,
    /// `<dir>/cgroup.procs`, ready for the child to open between fork and exec.
    pub procs: CString,
}

impl Cap {
    /// A new cgroup allowing `max` processes, or `None` where there is no pids controller.
    pub fn new(max: usize) -> Option<Cap> {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        let dir = base()?.join(format!("p{}", NEXT.fetch_add(1, Ordering::Relaxed)));
        std::fs::create_dir(&dir).ok()?;
        if std::fs::write(dir.join("pids.max"), max.to_string()).is_err() {
            let _ = std::fs::remove_dir(&dir);
            return None;
        }
        let procs = CString::new(dir.join("cgroup.procs").to_string_lossy().into_owned()).ok()?;
        Some(Cap { dir, procs })
    }

    /// Where the kernel counts the program's tasks, its threads included (`pids.current`).
    pub fn pids_current(&self) -> PathBuf {
        self.dir.join("pids.current")
    }

    /// How many forks the kernel refused because of the cap (`max` in pids.events).
    pub fn refused_forks(&self) -> u64 {
        std::fs::read_to_string(self.dir.join("pids.events"))
            .ok()
            .and_then(|e| {
                e.lines()
                    .find_map(|l| l.strip_prefix("max ").and_then(|n| n.trim().parse().ok()))
            })
            .unwrap_or(0)
    }
}

impl Drop for Cap {
    fn drop(&mut self) {
        // Empty once every process of the program has exited; try a little while.
        for _ in 0..50 {
            if std::fs::remove_dir(&self.dir).is_ok() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
    }
}

/// The cap of every program of this checker that has a cgroup: its directory and its
/// `pids.max`. Read from the directories themselves, so that the watcher needs no lock another
/// thread may hold.
pub fn every_cap() -> Vec<(PathBuf, usize)> {
    let Some(base) = base() else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(base) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| {
            let max = std::fs::read_to_string(e.path().join("pids.max")).ok()?;
            Some((e.path(), max.trim().parse().ok()?))
        })
        .collect()
}

/// Remove the checker's own directory (at exit, once its programs are gone), and leave its own
/// v2 cgroup.
pub fn clean_up() {
    if let Some(dir) = base() {
        remove_tree(dir);
    }
    leave_own_cgroup();
}

/// Where the checker's own v2 cgroup is made: the mount of cgroup v2 (`cgroup.controllers` at
/// its root), if the checker sits in its root (`0::/`: a machine's, or a container's with a
/// cgroup namespace of its own); elsewhere (a systemd slice, a cgroup a container runtime made)
/// its cgroup is already its own or its user's, and is left alone. Not where the process caps
/// use v2 (a program joining its cap's cgroup would leave the checker's), nor where the root
/// shares the CPU out between its children (`cpu` in `cgroup.subtree_control`): the checker,
/// one child among others, would get one child's share.
fn own_mount() -> Option<PathBuf> {
    let cgroups = std::fs::read_to_string("/proc/self/cgroup").ok()?;
    if cgroups.lines().find_map(|l| l.strip_prefix("0::"))? != "/" {
        return None;
    }
    let mount = ["/sys/fs/cgroup/unified", "/sys/fs/cgroup"]
        .into_iter()
        .map(PathBuf::from)
        .find(|m| m.join("cgroup.controllers").exists())?;
    let shared_out = std::fs::read_to_string(mount.join("cgroup.subtree_control"))
        .is_ok_and(|c| c.split_whitespace().any(|w| w == "cpu"));
    if shared_out || base().is_some_and(|caps| caps.starts_with(&mount)) {
        return None;
    }
    Some(mount)
}

const OWN_PREFIX: &str = "lab-checker-own-";

/// The checker's own v2 cgroup, once `enter_own_cgroup` has made it (`None` where it could not).
static OWN: OnceLock<Option<PathBuf>> = OnceLock::new();

/// Move the checker, its threads and every program it starts from now on (their children
/// inherit it) into a v2 cgroup of its own, `lab-checker-own-<pid>`, where it may (root, cgroup
/// v2 mounted, a pressure file there): its `cpu.pressure` then counts the time any of them
/// waited for a CPU, ended programs included, and none of the machine's other work. Once per
/// process; elsewhere it does nothing, and the machine's pressure is read instead.
pub fn enter_own_cgroup() {
    OWN.get_or_init(|| {
        let mount = own_mount()?;
        clean_stale(&mount, OWN_PREFIX);
        let dir = mount.join(format!("{OWN_PREFIX}{}", std::process::id()));
        // One left by a checker that had this pid, its programs not yet gone, is taken over.
        if let Err(e) = std::fs::create_dir(&dir)
            && e.kind() != std::io::ErrorKind::AlreadyExists
        {
            return None;
        }
        let me = std::process::id().to_string();
        if !dir.join("cpu.pressure").exists()
            || std::fs::write(dir.join("cgroup.procs"), &me).is_err()
        {
            let _ = std::fs::remove_dir(&dir);
            return None;
        }
        Some(dir)
    });
}

/// Back to the hierarchy's root, and the checker's own cgroup removed once the programs killed
/// last have ended (if one outlives the wait, the next checker removes the cgroup).
fn leave_own_cgroup() {
    let Some(Some(dir)) = OWN.get() else {
        return;
    };
    if let Some(root) = dir.parent() {
        let _ = std::fs::write(root.join("cgroup.procs"), std::process::id().to_string());
    }
    for _ in 0..50 {
        if std::fs::remove_dir(dir).is_ok() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
}
