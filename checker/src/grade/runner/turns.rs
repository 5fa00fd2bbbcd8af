//! Turns on the machine: tests run side by side, and a test judged again (`rejudge`) runs
//! alone, once every test under way has finished.

use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Who holds the machine: tests run side by side (`running`), or one test alone. A test that
/// waits to run alone (`waiting`) holds back every test not yet started, so that its turn comes
/// once those under way finish: otherwise the others' turns overlap one after another until the
/// queue is empty, and on a busy machine its wait ran out first (its failure then stood).
pub struct Turns {
    state: Mutex<State>,
    changed: Condvar,
}

struct State {
    running: usize,
    waiting: usize,
    alone: bool,
}

/// The turns of this grading's tests.
pub static TURNS: Turns = Turns::new();

/// How long a test waits for its turn alone: the tests under way finish within their own
/// deadlines; one that never returns is given up on by the collector, and grading must end.
pub const TURN_WAIT: Duration = Duration::from_secs(90);

impl Turns {
    const fn new() -> Turns {
        Turns {
            state: Mutex::new(State {
                running: 0,
                waiting: 0,
                alone: false,
            }),
            changed: Condvar::new(),
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The right to run beside other tests (held for a test's first run): given once no test
    /// runs alone or waits to.
    pub fn shared(&self) -> Shared<'_> {
        let mut s = self.state();
        while s.alone || s.waiting > 0 {
            s = self.changed.wait(s).unwrap_or_else(|e| e.into_inner());
        }
        s.running += 1;
        Shared(self)
    }

    /// The machine to one test: waits for every test under way to finish, and holds the others
    /// back until dropped. `None` if that takes past `deadline`.
    pub fn alone(&self, deadline: Instant) -> Option<Alone<'_>> {
        let mut s = self.state();
        s.waiting += 1;
        while s.alone || s.running > 0 {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                s.waiting -= 1;
                drop(s);
                self.changed.notify_all();
                return None;
            }
            s = self
                .changed
                .wait_timeout(s, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        s.waiting -= 1;
        s.alone = true;
        Some(Alone(self))
    }
}

/// A test's turn beside others, given back when dropped.
pub struct Shared<'a>(&'a Turns);

impl Drop for Shared<'_> {
    fn drop(&mut self) {
        self.0.state().running -= 1;
        self.0.changed.notify_all();
    }
}

/// A test's turn alone, given back when dropped.
pub struct Alone<'a>(&'a Turns);

impl Drop for Alone<'_> {
    fn drop(&mut self) {
        self.0.state().alone = false;
        self.0.changed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_test_waiting_to_run_alone_holds_back_the_tests_not_yet_started() {
        let turns = Turns::new();
        let order = Mutex::new(Vec::new());
        let under_way = turns.shared();
        std::thread::scope(|s| {
            s.spawn(|| {
                let _alone = turns
                    .alone(Instant::now() + Duration::from_secs(30))
                    .unwrap();
                order.lock().unwrap().push("alone");
            });
            while turns.state().waiting == 0 {
                std::thread::sleep(Duration::from_millis(1));
            }
            s.spawn(|| {
                let _next = turns.shared();
                order.lock().unwrap().push("next");
            });
            // The next test waits too, though a shared turn is under way.
            std::thread::sleep(Duration::from_millis(50));
            assert!(order.lock().unwrap().is_empty());
            drop(under_way);
        });
        assert_eq!(*order.lock().unwrap(), ["alone", "next"]);
    }

    #[test]
    fn a_wait_past_its_deadline_gives_up_and_holds_nobody_back() {
        let turns = Turns::new();
        let under_way = turns.shared();
        assert!(
            turns
                .alone(Instant::now() + Duration::from_millis(50))
                .is_none()
        );
        drop(turns.shared());
        drop(under_way);
        assert!(turns.alone(Instant::now()).is_some());
    }
}
