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
}

impl Window {
    pub fn open() -> Window {
        Window {
            began: Instant::now(),
            stalled_at_start: stalled_micros(),
        }
    }

    /// How starved the window was until now; `None` where the kernel keeps no pressure
    /// information (then a failure is judged as it is).
    pub fn close(&self) -> Option<Starvation> {
        let stalled = stalled_micros()?.checked_sub(self.stalled_at_start?)?;
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
