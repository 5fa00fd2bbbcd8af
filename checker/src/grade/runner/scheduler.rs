//! Who runs when: the queue of tests waiting to run, longest first. (The `-j` slots that bound
//! how many run at once are grade/slot.rs; more workers than slots pick up the tests that start
//! while others wait off the CPU.)

use std::sync::{Condvar, Mutex};

use super::Job;

/// Workers beyond the slots, for the tests that wait off the CPU.
pub const OFF_CPU_WORKERS: usize = 6;

/// Tests waiting to run, longest timeout first across every exercise built so far: a cheap
/// stand-in for longest-running first, so that a slow test never starts last and stretches
/// the whole run. Ties keep the order in which the tests were queued.
#[derive(Default)]
pub struct Queue {
    state: Mutex<QueueState>,
    ready: Condvar,
}

#[derive(Default)]
struct QueueState {
    jobs: Vec<(u64, Job)>,
    queued: u64,
    /// No more jobs will come.
    closed: bool,
}

impl Queue {
    pub fn push(&self, job: Job) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.queued += 1;
        let seq = state.queued;
        state.jobs.push((seq, job));
        self.ready.notify_one();
    }

    pub fn close(&self) {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).closed = true;
        self.ready.notify_all();
    }

    /// The next job, or `None` once the queue is closed and empty.
    pub fn pop(&self) -> Option<Job> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            let best = state
                .jobs
                .iter()
                .enumerate()
                .max_by_key(|(_, (seq, job))| (job.test.timeout, std::cmp::Reverse(*seq)))
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
