//! How starved of CPU the machine is: the kernel's pressure stall information (PSI), the
//! microseconds during which some runnable task waited for a CPU, read from the checker's own
//! cgroup where it has one (cgroup v2's `cpu.pressure`: a container's share, not the host's)
//! and from `/proc/pressure/cpu` otherwise. A test's window over it says whether a failure on
//! time may be the machine's (`Starvation`).

use std::time::{Duration, Instant};

use crate::base::verdict::Starvation;

/// A test's run, as the pressure counter saw it begin.
pub struct Window {
    began: Instant,
    stalled_at_start: Option<u64>,
    read: fn() -> Option<u64>,
}

impl Window {
    /// Measured by the machine's pressure: any task waiting for a CPU counts.
    pub fn open() -> Window {
        Window::on(stalled_micros)
    }

    /// Measured by the checker's own threads' waits for a CPU (their schedstat run delays): for
    /// a test judged alone at a raised priority, where what the machine's other tasks wait for
    /// says nothing of whether the test got the CPU it needed.
    pub fn open_own() -> Window {
        Window::on(own_wait_micros)
    }

    fn on(read: fn() -> Option<u64>) -> Window {
        Window {
            began: Instant::now(),
            stalled_at_start: read(),
            read,
        }
    }

    /// How starved the window was until now; `None` where the kernel keeps no pressure
    /// information (then a failure is judged as it is).
    pub fn close(&self) -> Option<Starvation> {
        let stalled = (self.read)()?.checked_sub(self.stalled_at_start?)?;
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

/// The cgroup v2 pressure file of the checker's own cgroup (where one is mounted), then the
/// machine's.
fn pressure_files() -> Vec<String> {
    let mut files = Vec::new();
    if let Ok(cgroups) = std::fs::read_to_string("/proc/self/cgroup")
        && let Some(path) = cgroups.lines().find_map(|l| l.strip_prefix("0::"))
        && path != "/"
    {
        for mount in ["/sys/fs/cgroup", "/sys/fs/cgroup/unified"] {
            files.push(format!("{mount}{path}/cpu.pressure"));
        }
    }
    files.push("/proc/pressure/cpu".into());
    files
}

/// How long the checker's threads have waited on a run queue, in all (the second field of each
/// `/proc/self/task/<tid>/schedstat`, in nanoseconds), in microseconds.
fn own_wait_micros() -> Option<u64> {
    let tasks = std::fs::read_dir("/proc/self/task").ok()?;
    let waited: u64 = tasks
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .sum();
    Some(waited / 1000)
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

    /// Two busy threads per core for half a second starve each other: the window says so.
    #[test]
    fn a_busy_machine_reads_as_starved() {
        if stalled_micros().is_none() {
            eprintln!("no pressure information on this kernel: nothing to measure");
            return;
        }
        let window = Window::open();
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let until = Instant::now() + Duration::from_millis(500);
        let spinners: Vec<_> = (0..cores * 3)
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
        let starved = window.close().unwrap();
        assert!(starved.is_starved(), "{starved:?}");
    }
}
