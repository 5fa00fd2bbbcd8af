//! How starved of CPU the checker is: the kernel's pressure stall information (PSI), the
//! microseconds during which some runnable task waited for a CPU, read from the checker's own
//! cgroup where it has one (cgroup v2's `cpu.pressure`: a container's share, not the host's; or
//! the cgroup the checker makes for itself and its programs, `cgroup::enter_own_cgroup`) and
//! from `/proc/pressure/cpu` otherwise. A test's window over it says whether a failure on time
//! may be the machine's (`Starvation`).

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use crate::base::verdict::Starvation;

/// A test's run, as its counter saw it begin.
pub struct Window {
    began: Instant,
    at_start: Counter,
}

/// What a window counts the stall in.
enum Counter {
    /// A pressure file's "some" total (microseconds), if the kernel keeps one.
    Pressure {
        read: fn() -> Option<u64>,
        total: Option<u64>,
    },
    /// Each of the checker's threads' waits on a run queue (microseconds), by thread id: a
    /// thread that ends takes its total with it, so the window adds up each thread's growth,
    /// never one sum against another.
    OwnThreads(BTreeMap<u32, u64>),
}

impl Counter {
    fn now(&self) -> Counter {
        match self {
            Counter::Pressure { read, .. } => Counter::Pressure {
                read: *read,
                total: read(),
            },
            Counter::OwnThreads(_) => Counter::OwnThreads(own_waits()),
        }
    }

    /// Microseconds stalled from `self` to `later`.
    fn stalled_until(&self, later: &Counter) -> Option<u64> {
        match (self, later) {
            (Counter::Pressure { total: before, .. }, Counter::Pressure { total: after, .. }) => {
                after.as_ref()?.checked_sub(*before.as_ref()?)
            }
            (Counter::OwnThreads(before), Counter::OwnThreads(after)) => Some(
                after
                    .iter()
                    .map(|(tid, waited)| waited.saturating_sub(*before.get(tid).unwrap_or(&0)))
                    .sum(),
            ),
            _ => None,
        }
    }
}

impl Window {
    /// Measured by the pressure of the checker's own cgroup (the machine's where it has
    /// none): any of its tasks waiting for a CPU counts.
    pub fn open() -> Window {
        Window::on(Counter::Pressure {
            read: stalled_micros,
            total: None,
        })
    }

    /// Measured by the machine's pressure, whatever cgroup the waiting tasks are in: how busy
    /// the machine is while none of the checker's tests run (a browser in a cgroup of its own
    /// makes no pressure in the checker's).
    pub fn open_machine() -> Window {
        Window::on(Counter::Pressure {
            read: machine_stalled_micros,
            total: None,
        })
    }

    /// Measured by the checker's own threads' waits for a CPU (their schedstat run delays): for
    /// a test judged alone at a raised priority, where what the machine's other tasks wait for
    /// says nothing of whether the test got the CPU it needed.
    pub fn open_own() -> Window {
        Window::on(Counter::OwnThreads(BTreeMap::new()))
    }

    fn on(counter: Counter) -> Window {
        Window {
            began: Instant::now(),
            at_start: counter.now(),
        }
    }

    /// How starved the window was until now; `None` where the kernel keeps no pressure
    /// information (then a failure is judged as it is).
    pub fn close(&self) -> Option<Starvation> {
        let stalled = self.at_start.stalled_until(&self.at_start.now())?;
        Some(Starvation {
            stalled: Duration::from_micros(stalled),
            over: self.began.elapsed(),
        })
    }
}

/// The total of the "some" line of the checker's CPU pressure file.
fn stalled_micros() -> Option<u64> {
    pressure_files()
        .into_iter()
        .find_map(|path| std::fs::read_to_string(path).ok())
        .and_then(|text| some_total(&text))
}

/// The total of the "some" line of the machine's CPU pressure file.
fn machine_stalled_micros() -> Option<u64> {
    some_total(&std::fs::read_to_string(MACHINE_PRESSURE).ok()?)
}

const MACHINE_PRESSURE: &str = "/proc/pressure/cpu";

/// The cgroup v2 pressure file of the checker's own cgroup (where one is mounted), then the
/// machine's. The root's (`0::/`) is a container's own where it has a cgroup namespace, and the
/// machine's otherwise.
fn pressure_files() -> Vec<String> {
    let mut files = Vec::new();
    if let Ok(cgroups) = std::fs::read_to_string("/proc/self/cgroup")
        && let Some(path) = cgroups.lines().find_map(|l| l.strip_prefix("0::"))
    {
        let path = path.trim_end_matches('/');
        for mount in ["/sys/fs/cgroup", "/sys/fs/cgroup/unified"] {
            files.push(format!("{mount}{path}/cpu.pressure"));
        }
    }
    files.push(MACHINE_PRESSURE.into());
    files
}

/// How long each of the checker's threads has waited on a run queue (the second field of its
/// `/proc/self/task/<tid>/schedstat`, in nanoseconds), in microseconds, by thread id.
fn own_waits() -> BTreeMap<u32, u64> {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return BTreeMap::new();
    };
    tasks
        .flatten()
        .filter_map(|t| {
            let tid = t.file_name().to_str()?.parse().ok()?;
            let waited = super::procinfo::schedstat(&t.path())?.waiting;
            Some((tid, waited.as_micros() as u64))
        })
        .collect()
}

/// Raise the calling thread's priority (nice -10) for as long as the guard lives, where the
/// checker may (root, or CAP_SYS_NICE): the threads and programs a test starts from this
/// thread inherit it, so a test judged again gets the machine's share it needs beside busy
/// processes of ordinary priority. Elsewhere it changes nothing.
pub struct Boost {
    before: Option<i32>,
}

pub fn boost() -> Boost {
    // SAFETY: getpriority/setpriority on the calling thread (its tid) only change its nice.
    let tid = unsafe { libc::gettid() } as libc::id_t;
    let before = unsafe { libc::getpriority(libc::PRIO_PROCESS, tid) };
    let raised = unsafe { libc::setpriority(libc::PRIO_PROCESS, tid, -10) } == 0;
    Boost {
        before: raised.then_some(before),
    }
}

impl Drop for Boost {
    fn drop(&mut self) {
        if let Some(before) = self.before {
            // SAFETY: as above; lowering a priority back is always allowed.
            let tid = unsafe { libc::gettid() } as libc::id_t;
            unsafe { libc::setpriority(libc::PRIO_PROCESS, tid, before) };
        }
    }
}

/// `some avg10=0.00 avg60=0.00 avg300=0.00 total=1234` → 1234.
fn some_total(text: &str) -> Option<u64> {
    text.lines()
        .find(|l| l.starts_with("some "))?
        .split_whitespace()
        .find_map(|field| field.strip_prefix("total="))?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_some_line_s_total() {
        let text = "some avg10=0.02 avg60=7.28 avg300=9.17 total=1532551972\n\
                    full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n";
        assert_eq!(some_total(text), Some(1_532_551_972));
        assert_eq!(some_total("full total=3\n"), None);
    }

    /// `threads` threads busy for `how_long`, each ended before it returns.
    fn spin(threads: usize, how_long: Duration) {
        let until = Instant::now() + how_long;
        let spinners: Vec<_> = (0..threads)
            .map(|_| {
                std::thread::spawn(move || {
                    while Instant::now() < until {
                        std::hint::spin_loop();
                    }
                })
            })
            .collect();
        for s in spinners {
            let _ = s.join();
        }
    }

    /// Two busy threads per core for half a second starve each other: the window says so.
    #[test]
    fn a_busy_machine_reads_as_starved() {
        if stalled_micros().is_none() {
            eprintln!("no pressure information on this kernel: nothing to measure");
            return;
        }
        let window = Window::open();
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        spin(cores * 3, Duration::from_millis(500));
        let starved = window.close().unwrap();
        assert!(starved.is_starved(), "{starved:?}");
    }

    /// A thread that ends during a window takes its total with it: the window adds up each
    /// thread's growth (a new thread's whole total), never one sum less another, which a
    /// thread that ended would make smaller than the start, or even negative.
    #[test]
    fn the_own_window_adds_each_thread_s_growth() {
        let at = |pairs: &[(u32, u64)]| Counter::OwnThreads(pairs.iter().copied().collect());
        let before = at(&[(1, 100), (2, 500)]);
        // Thread 2 ended (its 500 gone), thread 1 waited 50 more, thread 3 is new with 20.
        let after = at(&[(1, 150), (3, 20)]);
        assert_eq!(before.stalled_until(&after), Some(70));
        // And a window over real threads, one of which ends inside it, still reads.
        let window = Window::open_own();
        spin(4, Duration::from_millis(100));
        assert!(window.close().is_some());
    }

    /// The machine's window reads the machine's file, whatever cgroup the checker is in.
    #[test]
    fn the_machine_window_reads_the_machine_s_pressure() {
        if machine_stalled_micros().is_none() {
            eprintln!("no pressure information on this kernel: nothing to measure");
            return;
        }
        assert!(Window::open_machine().close().is_some());
    }
}
