//! Whether programs that have nothing to do wait or spin, judged by their time on a CPU: a
//! loop that spins is on a CPU whenever the machine lets it, where a program that waits uses a
//! few milliseconds for its rare wake-ups. A busy machine takes CPU time from a spinner and
//! adds none to a waiting program, so the time on a CPU never fails a correct program; a
//! spinner it keeps off the CPU is runnable (queued for one) the whole time, and whether it
//! spins then cannot be seen: not a pass, but "premise not reached", judged again (issue 66).
//! (Time runnable alone, which a busy machine does not shrink for a spinner, made a correct
//! server starved of a CPU, its wake-ups queued, look like one.)

use std::collections::HashMap;
use std::time::{Duration, Instant};

use super::{busiest_runnable_between, thread_runnable_times, tree_cpu_time};

/// What some programs had used when they began to wait: their time on a CPU (the trees'), and
/// each of their threads' runnable time.
pub struct Idle {
    pids: Vec<i32>,
    from: Instant,
    on_cpu: Duration,
    runnable: HashMap<i32, Duration>,
}

/// What the programs used while they waited, since `Idle::begin`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Waited {
    /// How long they waited.
    pub waited: Duration,
    /// Their time on a CPU meanwhile, every thread of every process of theirs.
    pub on_cpu: Duration,
    /// The most any one of their threads was runnable meanwhile (on a CPU or queued for one).
    pub busiest: Duration,
}

impl Idle {
    /// From now on, the programs `pids` (and every process below them) wait.
    pub fn begin(pids: &[i32]) -> Idle {
        let (on_cpu, runnable) = read(pids);
        Idle {
            pids: pids.to_vec(),
            from: Instant::now(),
            on_cpu,
            runnable,
        }
    }

    /// What they used since `begin`.
    pub fn since(&self) -> Waited {
        let (on_cpu, runnable) = read(&self.pids);
        Waited {
            waited: self.from.elapsed(),
            on_cpu: on_cpu.saturating_sub(self.on_cpu),
            busiest: busiest_runnable_between(&self.runnable, &runnable),
        }
    }

    /// Watch for `at_least`, and on while whether they spin cannot be seen (`Waited::unseen`),
    /// until `until` at the latest: a program that waits is runnable only while a wake-up of
    /// its waits for a CPU, and is seen waiting once it has had it; one that spins stays
    /// runnable, and is seen spinning as soon as the machine gives it an eighth of the time.
    pub fn watch(&self, at_least: Duration, until: Instant) -> Waited {
        std::thread::sleep(at_least.saturating_sub(self.from.elapsed()));
        loop {
            let seen = self.since();
            if !seen.unseen() || Instant::now() >= until {
                return seen;
            }
            std::thread::sleep(LOOK_AGAIN.min(until.saturating_duration_since(Instant::now())));
        }
    }
}

/// How often `Idle::watch` looks again while it cannot tell.
const LOOK_AGAIN: Duration = Duration::from_millis(100);

impl Waited {
    /// On a CPU an eighth of the wait or more: a loop that spins (a poll that returns at once, a
    /// timeout of 0), whatever the load, for a busy machine only takes CPU time away from it.
    /// A program that waits uses a few milliseconds, even one that wakes on a short timer.
    pub fn spins(&self) -> bool {
        self.on_cpu > self.waited / 8
    }

    /// Not seen spinning, yet one thread was runnable half the wait or more: a spinner the
    /// machine kept off the CPU looks like this (queued for one most of the time), and so does
    /// a waiting program whose wake-ups waited their turn. Whether it spins could not be seen:
    /// neither a pass nor a failure.
    pub fn unseen(&self) -> bool {
        !self.spins() && self.busiest > self.waited / 2
    }
}

/// The trees' time on a CPU, and each of their threads' runnable time.
fn read(pids: &[i32]) -> (Duration, HashMap<i32, Duration>) {
    let on_cpu = pids.iter().copied().map(tree_cpu_time).sum();
    let runnable = pids
        .iter()
        .copied()
        .flat_map(thread_runnable_times)
        .collect();
    (on_cpu, runnable)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn waited(on_cpu: u64, busiest: u64) -> Waited {
        Waited {
            waited: Duration::from_millis(800),
            on_cpu: Duration::from_millis(on_cpu),
            busiest: Duration::from_millis(busiest),
        }
    }

    /// On a CPU an eighth of the wait spins, whatever the runnable time; below, runnable half
    /// the wait cannot be told from a spinner kept off the CPU; else it waits.
    #[test]
    fn a_program_spins_by_its_time_on_a_cpu_and_is_unseen_when_kept_off_it() {
        assert!(waited(101, 800).spins());
        assert!(waited(101, 120).spins() && !waited(101, 800).unseen());
        assert!(!waited(100, 800).spins() && waited(100, 800).unseen());
        assert!(waited(3, 401).unseen());
        let waits = waited(3, 400);
        assert!(!waits.spins() && !waits.unseen());
    }

    /// A thread of ours that spins is never seen waiting (spinning, or kept off the CPU on a
    /// busy machine); a process asleep is never seen spinning. The spinner is watched until it
    /// has had 100 ms on a CPU (a second at most on a quiet machine; a starved one may take
    /// longer, and a watch that ends first proves nothing, so it is watched on, 60 s at most).
    #[test]
    fn a_spinning_thread_never_waits_and_a_sleeping_one_never_spins() {
        use std::sync::atomic::{AtomicBool, Ordering};
        let me = std::process::id() as i32;
        let done = std::sync::Arc::new(AtomicBool::new(false));
        let stop = std::sync::Arc::clone(&done);
        let spinner = std::thread::spawn(move || while !stop.load(Ordering::Relaxed) {});
        let idle = Idle::begin(&[me]);
        let until = Instant::now() + Duration::from_secs(60);
        let mut seen = idle.watch(Duration::from_millis(200), until);
        while seen.on_cpu < Duration::from_millis(100) && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(100));
            seen = idle.since();
        }
        done.store(true, Ordering::Relaxed);
        spinner.join().unwrap();
        assert!(seen.spins() || seen.unseen(), "{seen:?}");
        let mut sleeper = std::process::Command::new("sleep")
            .arg("5")
            .spawn()
            .unwrap();
        let idle = Idle::begin(&[sleeper.id() as i32]);
        let seen = idle.watch(
            Duration::from_millis(200),
            Instant::now() + Duration::from_secs(1),
        );
        let _ = sleeper.kill();
        let _ = sleeper.wait();
        assert!(!seen.spins(), "{seen:?}");
    }
}
