//! What a process tree costs, read from `/proc`: its memory (PSS, the fair share of pages
//! that forked children share with their parent, so a process per client is not charged its
//! parent's pages again for every child), its threads and processes, its CPU time.

use std::collections::HashMap;
use std::time::Duration;

use super::{stat_field, tree};

/// The resources of a process tree at one moment.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    /// Proportional set size summed over the tree (`Pss:` of each `smaps_rollup`), in bytes;
    /// the resident set (VmRSS) where the kernel has no `smaps_rollup`.
    pub memory: u64,
    /// Threads of every process of the tree.
    pub threads: u64,
    /// Processes of the tree (the server itself included).
    pub processes: u64,
}

impl Usage {
    /// The larger of each figure of two readings (a peak over samples).
    pub fn max(self, other: Usage) -> Usage {
        Usage {
            memory: self.memory.max(other.memory),
            threads: self.threads.max(other.threads),
            processes: self.processes.max(other.processes),
        }
    }
}

/// The memory, threads and processes of `pid`'s tree now (zero if it is gone).
pub fn tree_usage(pid: i32) -> Usage {
    let mut usage = Usage::default();
    for p in tree(pid) {
        let Some(threads) = status_number(p, "Threads:") else {
            continue;
        };
        usage.processes += 1;
        usage.threads += threads;
        usage.memory += proportional_bytes(p)
            .or_else(|| status_number(p, "VmRSS:").map(|kib| kib * 1024))
            .unwrap_or(0);
    }
    usage
}

/// The memory of the whole program the checker started: `pid` and every process below it, PSS
/// summed as in `tree_usage`. A resource bound is the program's, so a broker run through a
/// wrapper (`sh -c`, a script that starts it) or with forked workers is measured as one run
/// directly (issue 67: rumqttd passed through its wrapper, 6 MiB, and failed alone, 42 MiB).
/// None once `pid` is gone.
pub fn program_memory(pid: i32) -> Option<u64> {
    status_number(pid, "Threads:")?;
    Some(tree_usage(pid).memory)
}

/// The address space mapped by `pid` and every process below it (VmSize summed), in bytes: a
/// thread's stack counts whole. None once `pid` is gone.
pub fn program_address_space(pid: i32) -> Option<u64> {
    let own = status_number(pid, "VmSize:")?;
    let below: u64 = super::descendants(pid)
        .into_iter()
        .filter_map(|p| status_number(p, "VmSize:"))
        .sum();
    Some((own + below) * 1024)
}

/// The threads of `pid` and of every process below it.
pub fn program_threads(pid: i32) -> usize {
    tree(pid)
        .into_iter()
        .filter_map(|p| status_number(p, "Threads:"))
        .sum::<u64>() as usize
}

/// How long each thread of `pid` and of every process below it has been runnable (on a CPU or
/// queued for one, schedstat's first two fields), by thread id: read twice, the busiest thread
/// of the interval (`busiest_runnable_between`).
pub fn thread_runnable_times(pid: i32) -> HashMap<i32, Duration> {
    let mut times = HashMap::new();
    for p in tree(pid) {
        let Ok(tasks) = std::fs::read_dir(format!("/proc/{p}/task")) else {
            continue;
        };
        for task in tasks.flatten() {
            let tid = task
                .file_name()
                .to_str()
                .and_then(|n| n.parse::<i32>().ok());
            if let (Some(tid), Some(stat)) = (tid, schedstat(&task.path())) {
                times.insert(tid, stat.on_cpu + stat.waiting);
            }
        }
    }
    times
}

/// The run-queue waits (runnable but kept off a CPU: the second field of each task's
/// schedstat) of every thread of a program's tree and of the calling thread, by thread id: read
/// twice, `until` says how long they waited in between, what a scheduler's delays may have
/// added to anything timed then.
pub struct RunDelays(HashMap<i32, Duration>);

/// `pid`'s tree's and the calling thread's run-queue waits; `None` where one cannot be read
/// (the kernel keeps no schedstat, or the program is gone): then nothing bounds the delays.
pub fn run_delays(pid: i32) -> Option<RunDelays> {
    let mut by_thread = HashMap::new();
    for p in tree(pid) {
        let Ok(tasks) = std::fs::read_dir(format!("/proc/{p}/task")) else {
            continue;
        };
        for task in tasks.flatten() {
            let Some(tid) = task.file_name().to_str().and_then(|n| n.parse().ok()) else {
                continue;
            };
            by_thread.insert(tid, run_delay(&task.path())?);
        }
    }
    if by_thread.is_empty() {
        return None;
    }
    let own = run_delay(std::path::Path::new("/proc/thread-self"))?;
    by_thread.insert(nix::unistd::gettid().as_raw(), own);
    Some(RunDelays(by_thread))
}

impl RunDelays {
    /// How long the threads waited from `self` to `later`: each thread's growth, a thread born
    /// since counted from zero (a thread gone since took its figure with it: its wait in
    /// between is not seen).
    pub fn until(&self, later: &RunDelays) -> Duration {
        later
            .0
            .iter()
            .map(|(tid, now)| now.saturating_sub(self.0.get(tid).copied().unwrap_or_default()))
            .sum()
    }
}

/// The second field of the schedstat of the task whose /proc directory is `task`.
fn run_delay(task: &std::path::Path) -> Option<Duration> {
    Some(schedstat(task)?.waiting)
}

/// A thread's scheduler statistics (`/proc/<pid>/task/<tid>/schedstat`).
pub struct Schedstat {
    /// Time on a CPU.
    pub on_cpu: Duration,
    /// Time runnable, waiting on a run queue for a CPU.
    pub waiting: Duration,
    /// Times it was given a CPU.
    pub slices: u64,
}

/// The schedstat of the task whose /proc directory is `task`; `None` where the kernel keeps
/// none or the task is gone.
pub fn schedstat(task: &std::path::Path) -> Option<Schedstat> {
    let text = std::fs::read_to_string(task.join("schedstat")).ok()?;
    let mut fields = text.split_whitespace().map(|n| n.parse::<u64>().ok());
    let (on_cpu, waiting, slices) = (fields.next()??, fields.next()??, fields.next()??);
    Some(Schedstat {
        on_cpu: Duration::from_nanos(on_cpu),
        waiting: Duration::from_nanos(waiting),
        slices,
    })
}

/// The most any one thread was runnable between two readings of `thread_runnable_times` (a
/// thread born since counts from zero). A thread that spins is runnable the whole interval,
/// however busy the machine; one that waits is runnable only while a wake-up waits its turn.
pub fn busiest_runnable_between(
    before: &HashMap<i32, Duration>,
    after: &HashMap<i32, Duration>,
) -> Duration {
    after
        .iter()
        .map(|(tid, now)| now.saturating_sub(before.get(tid).copied().unwrap_or_default()))
        .max()
        .unwrap_or_default()
}

/// The CPU time `pid`'s tree has used: every thread's time on a CPU in nanoseconds
/// (`/proc/<pid>/task/<tid>/schedstat`: a process per client spends well under the 10 ms tick
/// that utime counts in, and would show none), plus what the children it has already waited for
/// used (cutime and cstime of the root: a process per client ends and is reaped while the
/// server runs).
pub fn tree_cpu_time(pid: i32) -> Duration {
    let per_second = clock_ticks();
    let ticks = |p: i32, fields: &[usize]| -> u64 {
        fields
            .iter()
            .filter_map(|&f| stat_field(p, f)?.parse::<u64>().ok())
            .sum()
    };
    let mut total = Duration::from_millis(ticks(pid, &[16, 17]) * 1000 / per_second);
    for p in tree(pid) {
        total += process_cpu(p);
    }
    total
}

/// The most CPU time any one thread of `pid`'s tree has used (schedstat): what a program that
/// spins shows, one thread on a CPU the whole time, where a process per client adds up many
/// small ones.
pub fn busiest_thread_cpu(pid: i32) -> Duration {
    tree(pid)
        .into_iter()
        .filter_map(|p| std::fs::read_dir(format!("/proc/{p}/task")).ok())
        .flat_map(|tasks| tasks.flatten())
        .filter_map(|task| thread_on_cpu(&task.path()))
        .max()
        .unwrap_or_default()
}

/// The CPU time of process `p` alone (its threads'; zero once it is gone).
pub fn process_cpu(p: i32) -> Duration {
    on_cpu(p).unwrap_or_else(|| {
        let ticks: u64 = [14, 15]
            .iter()
            .filter_map(|&f| stat_field(p, f)?.parse::<u64>().ok())
            .sum();
        Duration::from_millis(ticks * 1000 / clock_ticks())
    })
}

/// Time on a CPU of every thread of `p` (the first field of each task's schedstat).
fn on_cpu(p: i32) -> Option<Duration> {
    let tasks = std::fs::read_dir(format!("/proc/{p}/task")).ok()?;
    let mut total = Duration::ZERO;
    for task in tasks.flatten() {
        total += thread_on_cpu(&task.path())?;
    }
    Some(total)
}

/// Time on a CPU of the thread whose /proc directory is `task` (its schedstat's first field).
fn thread_on_cpu(task: &std::path::Path) -> Option<Duration> {
    Some(schedstat(task)?.on_cpu)
}

/// Clock ticks per second (utime, stime, cutime and cstime count in them).
fn clock_ticks() -> u64 {
    // SAFETY: sysconf takes a constant and reads no memory of ours.
    match unsafe { libc::sysconf(libc::_SC_CLK_TCK) } {
        n if n > 0 => n as u64,
        _ => 100,
    }
}

/// `Pss:` of /proc/<pid>/smaps_rollup, in bytes.
fn proportional_bytes(pid: i32) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    kib_field(&text, "Pss:").map(|kib| kib * 1024)
}

/// A number field of /proc/<pid>/status (`Threads:`, or `VmRSS:` in KiB).
fn status_number(pid: i32, key: &str) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    kib_field(&text, key)
}

/// The number after `key` on its line, with any `kB` unit dropped.
fn kib_field(text: &str, key: &str) -> Option<u64> {
    text.lines()
        .find_map(|l| l.strip_prefix(key))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checker_itself_has_memory_a_thread_and_cpu_time() {
        let me = std::process::id() as i32;
        let usage = tree_usage(me);
        assert!(usage.memory > 100 * 1024, "{usage:?}");
        assert!(usage.threads >= 1 && usage.processes >= 1, "{usage:?}");
        let spin = std::time::Instant::now();
        while spin.elapsed() < Duration::from_millis(30) {}
        assert!(tree_cpu_time(me) > Duration::ZERO);
        assert_eq!(tree_usage(-5), Usage::default());
    }

    /// A program that holds 64 MiB, started through a wrapper that does not `exec` it (as the
    /// lab's mosquitto and rumqttd wrappers, or a `sh -c` line, start a broker), and started
    /// directly: the bounds of the tests measure both the same (issue 67: rumqttd passed its
    /// memory bound through its wrapper, 6 MiB, and failed it run directly, 42 MiB).
    #[test]
    fn a_program_run_through_a_wrapper_is_measured_whole() {
        use std::io::BufRead;
        const HOLDS: u64 = 64 << 20;
        let program =
            "import time; b = b'x' * (64 << 20); print('ready', flush=True); time.sleep(30)";
        let measure = |mut cmd: std::process::Command| {
            let mut child = cmd
                .stdout(std::process::Stdio::piped())
                .spawn()
                .expect("python3 starts");
            let mut line = String::new();
            let out = child.stdout.take().expect("piped");
            std::io::BufReader::new(out).read_line(&mut line).unwrap();
            assert_eq!(line.trim(), "ready");
            let pid = child.id() as i32;
            let whole = (program_memory(pid), program_threads(pid));
            let alone = status_number(pid, "VmRSS:").unwrap_or(0) * 1024;
            for p in super::super::descendants(pid) {
                // SAFETY: kill takes two integers and touches no memory of ours.
                unsafe { libc::kill(p, libc::SIGKILL) };
            }
            child.kill().ok();
            child.wait().ok();
            (whole, alone)
        };
        let mut direct = std::process::Command::new("python3");
        direct.args(["-c", program]);
        let mut wrapped = std::process::Command::new("sh");
        // `; true` keeps the shell waiting for its child, as a wrapper script does.
        wrapped.args(["-c", &format!("python3 -c \"{program}\"; true")]);
        let ((direct, direct_threads), _) = measure(direct);
        let ((wrapped, wrapped_threads), shell) = measure(wrapped);
        let (direct, wrapped) = (direct.unwrap(), wrapped.unwrap());
        assert!(shell < HOLDS / 4, "the shell alone holds {shell} bytes");
        assert!(
            direct >= HOLDS && wrapped >= HOLDS,
            "{direct} and {wrapped}"
        );
        assert!(
            wrapped.abs_diff(direct) < 16 << 20,
            "{direct} and {wrapped}"
        );
        assert_eq!(
            wrapped_threads,
            direct_threads + 1,
            "the shell's thread is counted too"
        );
        assert_eq!(program_memory(-5), None);
    }

    /// The busiest thread of an interval is the one whose runnable time grew most, a thread
    /// born meanwhile counted from zero; threads gone since count no more.
    #[test]
    fn the_busiest_thread_is_the_one_runnable_longest_between_readings() {
        let ms = Duration::from_millis;
        let before = HashMap::from([(1, ms(500)), (2, ms(10)), (3, ms(900))]);
        let after = HashMap::from([(1, ms(520)), (2, ms(1300)), (4, ms(40))]);
        assert_eq!(busiest_runnable_between(&before, &after), ms(1290));
        assert_eq!(busiest_runnable_between(&after, &HashMap::new()), ms(0));
        let me = std::process::id() as i32;
        let mine = thread_runnable_times(me);
        let spin = std::time::Instant::now();
        while spin.elapsed() < ms(60) {}
        let later = thread_runnable_times(me);
        assert!(busiest_runnable_between(&mine, &later) >= ms(50));
    }

    #[test]
    fn fields_are_read_in_kib_or_as_plain_numbers() {
        let text = "Rss:   1608 kB\nPss:    250 kB\nThreads:\t7\n";
        assert_eq!(kib_field(text, "Pss:"), Some(250));
        assert_eq!(kib_field(text, "Threads:"), Some(7));
        assert_eq!(kib_field(text, "Swap:"), None);
    }
}

/// The CPU time `pid`'s tree has used so far, in user space and in the kernel (utime and stime
/// of every process, in clock ticks): how a busy loop of system calls (a read() that returns 0
/// at once, again and again) differs from a computation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CpuSplit {
    pub user: Duration,
    pub system: Duration,
}

impl CpuSplit {
    pub fn total(self) -> Duration {
        self.user + self.system
    }

    /// What was used since `earlier`.
    pub fn since(self, earlier: CpuSplit) -> CpuSplit {
        CpuSplit {
            user: self.user.saturating_sub(earlier.user),
            system: self.system.saturating_sub(earlier.system),
        }
    }
}

pub fn tree_cpu_split(pid: i32) -> CpuSplit {
    let per_second = clock_ticks();
    let ticks = |p: i32, field: usize| -> u64 {
        stat_field(p, field)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    let as_time = |t: u64| Duration::from_millis(t * 1000 / per_second);
    tree(pid)
        .into_iter()
        .map(|p| CpuSplit {
            user: as_time(ticks(p, 14)),
            system: as_time(ticks(p, 15)),
        })
        .fold(CpuSplit::default(), |sum, p| CpuSplit {
            user: sum.user + p.user,
            system: sum.system + p.system,
        })
}
