//! The `-j` slots: at most `jobs` tests use the CPU at once. Each test holds a `Slot`, handed
//! to it in its `Ctx`; a test that only waits on a timer lends it to another (`Ctx::off_cpu`).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};

/// The right to run a test: at most `jobs` at once.
pub struct Slots {
    jobs: usize,
    running: Mutex<usize>,
    changed: Condvar,
}

impl Slots {
    pub fn new(jobs: usize) -> Self {
        Slots {
            jobs,
            running: Mutex::new(0),
            changed: Condvar::new(),
        }
    }

    pub fn acquire(&self) {
        let mut running = self.running.lock().unwrap_or_else(|e| e.into_inner());
        while *running >= self.jobs {
            running = self
                .changed
                .wait(running)
                .unwrap_or_else(|e| e.into_inner());
        }
        *running += 1;
    }

    fn release(&self) {
        *self.running.lock().unwrap_or_else(|e| e.into_inner()) -= 1;
        self.changed.notify_one();
    }
}

/// The slot one test holds, handed to it in its `Ctx`.
pub struct Slot {
    slots: Arc<Slots>,
    /// Whether the test may give it away before it ends.
    lend: bool,
    held: Arc<AtomicBool>,
}

impl Slot {
    /// Take a slot (waits for one).
    pub fn acquire(slots: &Arc<Slots>, lend: bool) -> Slot {
        slots.acquire();
        Slot {
            slots: Arc::clone(slots),
            lend,
            held: Arc::new(AtomicBool::new(true)),
        }
    }

    /// A slot that counts against no `-j` limit, for a test that has the machine to itself
    /// (judged again alone): lending it gives nothing away.
    pub fn unmetered() -> Slot {
        Slot {
            slots: Arc::new(Slots::new(1)),
            lend: false,
            held: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Give the slot to another test before this one ends, where slots are lent. The test
    /// does not take one back: what follows such a wait is short, and a test that had to
    /// queue for a slot again could be starved by tests that are slow to fail.
    pub fn lend(&self) {
        if self.lend {
            self.give_back();
        }
    }

    /// The test is over: the slot goes back, if the test still holds it.
    pub fn give_back(&self) {
        release(&self.slots, &self.held);
    }

    /// `lend`, callable from any thread of the test, at any time while it runs (by the watch of
    /// its program, say, when that program has gone quiet).
    pub fn lender(&self) -> impl Fn() + Send + Sync + 'static {
        let (slots, held, lend) = (Arc::clone(&self.slots), Arc::clone(&self.held), self.lend);
        move || {
            if lend {
                release(&slots, &held);
            }
        }
    }
}

/// Give the slot back once: the first of the test's end and its lending does.
fn release(slots: &Slots, held: &AtomicBool) {
    if held.swap(false, Ordering::SeqCst) {
        slots.release();
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.give_back();
    }
}
