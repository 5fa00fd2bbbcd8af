//! Who runs when: the queue of tests waiting to run, longest first (by the last run's
//! durations, grade/durations.rs, else by timeout). (The `-j` slots that bound
//! how many run at once are grade/slot.rs; more workers than slots pick up the tests that start
//! while others wait off the CPU.)

use std::sync::{Condvar, Mutex};

use super::Job;
use crate::grade::durations::Durations;

/// Workers beyond the slots, for the tests that wait off the CPU.
pub const OFF_CPU_WORKERS: usize = 6;

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
