//! Who runs when: the queue of tests waiting to run, longest first (by the last run's
//! durations, grade/durations.rs, else by timeout). (The `-j` slots that bound
//! how many run at once are grade/slot.rs; more workers than slots pick up the tests that start
//! while others wait off the CPU.)

use std::sync::{Condvar, Mutex};

use super::Job;
use crate::grade::durations::Durations;

/// Workers beyond the slots, for the tests that wait off the CPU.
pub const OFF_CPU_WORKERS: usize = 24;

/// Tests waiting to run, longest first across every exercise built so far, so that a slow test
/// never starts last and stretches the whole run: first the tests never measured here, by
/// timeout (a cheap stand-in for their length), then the others by how long they took last
/// time. Ties keep the order in which the tests were queued.
pub struct Queue {
    state: Mutex<QueueState>,
    ready: Condvar,
}

struct QueueState {
    jobs: Vec<(u64, Job)>,
    queued: u64,
    /// No more jobs will come.
    closed: bool,
    durations: Option<Durations>,
}

impl Queue {
    pub fn new(durations: Durations) -> Queue {
        Queue {
            state: Mutex::new(QueueState {
                jobs: Vec::new(),
                queued: 0,
                closed: false,
                durations: Some(durations),
            }),
            ready: Condvar::new(),
        }
    }

    /// The durations the order came from, to be updated once the run is over.
    pub fn take_durations(&self) -> Option<Durations> {
        self.state
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .durations
            .take()
    }

    /// Queue jobs together, so that the first worker to wake already chooses among all of them.
    pub fn push_all(&self, jobs: impl IntoIterator<Item = Job>) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        for job in jobs {
            state.queued += 1;
            let seq = state.queued;
            state.jobs.push((seq, job));
        }
        self.ready.notify_all();
    }

    pub fn close(&self) {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).closed = true;
        self.ready.notify_all();
    }

    /// The next job, or `None` once the queue is closed and empty.
    pub fn pop(&self) -> Option<Job> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            let durations = state.durations.as_ref();
            let length = |job: &Job| match durations.and_then(|d| d.of(&job.test)) {
                Some(took) => (false, took),
                None => (true, job.test.timeout),
            };
            let best = state
                .jobs
                .iter()
                .enumerate()
                .max_by_key(|(_, (seq, job))| (length(job), std::cmp::Reverse(*seq)))
                .map(|(i, _)| i);
            if let Some(i) = best {
                return Some(state.jobs.swap_remove(i).1);
            }
            if state.closed {
                return None;
            }
            state = self.ready.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use super::Queue;
    use crate::context::built::Built;
    use crate::grade::durations::Durations;
    use crate::grade::runner::Job;
    use crate::lab::fixtures::{LIB, SERVER};
    use crate::lab::test::tests_of;

    fn jobs() -> Vec<Job> {
        let built = Arc::new(Built {
            by_hand_dir: None,
            package_dir: Default::default(),
            executables: Default::default(),
            harness: None,
            external: Default::default(),
            lint_targets: Vec::new(),
            warnings: Vec::new(),
            key: None,
        });
        [&LIB, &SERVER]
            .iter()
            .enumerate()
            .flat_map(|(e, ex)| {
                let built = Arc::clone(&built);
                tests_of(ex)
                    .into_iter()
                    .enumerate()
                    .map(move |(i, test)| Job {
                        exercise_index: e,
                        test_index: i,
                        test,
                        track: crate::base::workspace::Track::Rust,
                        built: Arc::clone(&built),
                    })
            })
            .collect()
    }

    fn order(queue: &Queue) -> Vec<String> {
        queue.close();
        std::iter::from_fn(|| queue.pop().map(|j| j.test.name())).collect()
    }

    #[test]
    fn never_measured_first_by_timeout_then_the_longest_measured() {
        let measured: Durations = [
            ("day1-lib/add".to_string(), Duration::from_secs(3)),
            ("day2-server/echo".to_string(), Duration::from_secs(9)),
            ("day2-server/flood".to_string(), Duration::from_millis(100)),
        ]
        .into_iter()
        .collect();
        let queue = Queue::new(measured);
        queue.push_all(jobs());
        let got = order(&queue);
        // Unmeasured by timeout (rules 60 s twice, in the order queued; sub 30; client-talks 15;
        // exit 5), then the measured, longest first.
        assert_eq!(
            got,
            [
                "day1-lib/rules",
                "day2-server/rules",
                "day1-lib/sub",
                "day2-server/client-talks",
                "day2-server/exit",
                "day2-server/echo",
                "day1-lib/add",
                "day2-server/flood",
            ]
        );
    }

    #[test]
    fn a_closed_empty_queue_ends_the_workers() {
        let queue = Queue::new(Durations::default());
        queue.close();
        assert!(queue.pop().is_none());
        assert!(queue.take_durations().is_some());
        assert!(queue.take_durations().is_none());
    }
}
