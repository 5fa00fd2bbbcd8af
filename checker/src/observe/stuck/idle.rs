//! A program that holds still with a reply due, though its own timers wake it: every thread
//! asleep at every look (in a sleep, a timed poll, a receive), its threads the same, its
//! sockets' queues unmoved, and the checker's traffic unchanged, for `IDLE_HOLD`. It is not
//! stuck (a timer will wake it), but a test whose replies are due at once (a chat line, an
//! echo: no contract of the lab lets a server hold one back on a timer) has its proof: a thread
//! that had the reply to send would have run, and a thread waiting for a CPU is seen running, so
//! no busy machine makes such a stillness (a starved run is judged again all the same, see
//! `grade::runner::rejudge`). Seen in a public chat server: a thread per client reads fixed
//! 32-byte messages, and the main loop polls a queue every 100 ms; a 20-byte line is never
//! sent, and each test waited out its 5 to 8 s.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use super::{Look, Stuck, Threads, Watch};
use crate::contain::procinfo;

/// How long a program must hold still, a reply due, before the reply counts as not coming: a
/// server that polls on a timer of 100 ms (or even 500 ms) sends it well within.
pub const IDLE_HOLD: Duration = Duration::from_secs(1);
/// The fewest looks that must have seen it so (about 25 in `IDLE_HOLD` on a machine that gives
/// the checker its turns): a few looks far apart prove nothing.
const IDLE_LOOKS: u32 = 10;

/// Since when every look has found the program holding still, and how many looks did.
#[derive(Clone, Copy, Debug)]
pub struct Span {
    since: Instant,
    looks: u32,
}

impl Span {
    /// The span after a look at `now`, given the previous look and its span.
    pub fn after(
        previous: Option<(&Look, Option<Span>)>,
        look: &Look,
        now: Instant,
    ) -> Option<Span> {
        if !look.all_sleeping() {
            return None;
        }
        Some(match previous {
            Some((before, Some(span))) if before.same_outside(look) => Span {
                since: span.since,
                looks: span.looks + 1,
            },
            _ => Span {
                since: now,
                looks: 1,
            },
        })
    }

    fn long_enough(&self) -> bool {
        self.since.elapsed() >= IDLE_HOLD && self.looks >= IDLE_LOOKS
    }
}

impl Look {
    /// Every live thread asleep in a call, whatever ends it: an event or a timer of its own.
    fn all_sleeping(&self) -> bool {
        let mut live = self
            .tasks
            .iter()
            .map(|(_, t)| t)
            .filter(|t| t.state != 'Z' && t.state != 'X')
            .peekable();
        live.peek().is_some() && live.all(|t| t.state == 'S' && t.call.is_some())
    }

    /// Nothing anyone outside could see has changed: the same threads, the same sockets with the
    /// same queues, the checker's traffic the same. (How long each thread ran may have grown.)
    fn same_outside(&self, other: &Look) -> bool {
        let tids = |l: &Look| l.tasks.iter().map(|(_, t)| t.tid).collect::<Vec<_>>();
        self.activity == other.activity
            && self.sockets == other.sockets
            && tids(self) == tids(other)
    }
}

impl Watch {
    /// `Some` once the program has held still for `IDLE_HOLD` (see the module); where each of
    /// its threads is then.
    pub(super) fn idle(&self, activity: u64, names: &HashMap<u16, String>) -> Option<Stuck> {
        let last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        let seen = last.as_ref()?;
        if seen.look.activity != activity || !seen.idle.is_some_and(|span| span.long_enough()) {
            return None;
        }
        let pids = procinfo::tree(self.pid);
        let where_ = self.diagnose(&pids, names, Threads::All);
        // Read while the program could still move: it holds still only if it still does.
        let now = self.look(activity);
        if !now.all_sleeping() || !now.same_outside(&seen.look) {
            return None;
        }
        Some(Stuck {
            label: self.label.clone(),
            where_,
            untimed_socket_wait: false,
            unknown_socket_timeout: false,
            idle: true,
            holds_unread: false,
            unread_on_edge: None,
            spins: None,
            polls_nothing: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::Watched;
    use super::*;
    use crate::base::i18n::{Lang, Messages};

    /// Ask as a test does, every 20 ms for `within`: stuck first, then idle.
    fn wait_idle(watched: &Watched, within: Duration) -> Option<Stuck> {
        let until = Instant::now() + within;
        while Instant::now() < until {
            if watched.stuck(0, &HashMap::new()).is_none()
                && let Some(idle) = watched.idle(0, &HashMap::new())
            {
                return Some(idle);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// A program asleep on a timer of its own: never stuck, and idle once its replies are due.
    fn poller() -> std::process::Child {
        std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap()
    }

    #[test]
    fn a_program_that_only_wakes_on_its_timers_is_idle_when_a_reply_is_due() {
        let mut child = poller();
        let watched = Watched::default();
        watched.watch(child.id() as i32, "poller");
        watched.replies_due();
        let began = Instant::now();
        let idle = wait_idle(&watched, IDLE_HOLD * 4);
        let _ = child.kill();
        let _ = child.wait();
        let idle = idle.expect("a program that only sleeps with a reply due is idle");
        assert!(began.elapsed() >= IDLE_HOLD, "{:?}", began.elapsed());
        assert!(idle.idle && idle.diagnosis() == crate::base::verdict::Diagnosis::Idle);
        let text = Messages::new(Lang::En).render(&idle.where_);
        assert!(text.contains("poller sleeps in"), "{text}");
    }

    #[test]
    fn without_a_reply_due_a_program_on_its_timers_is_never_idle() {
        let mut child = poller();
        let watched = Watched::default();
        watched.watch(child.id() as i32, "poller");
        let idle = wait_idle(&watched, IDLE_HOLD * 2);
        let _ = child.kill();
        let _ = child.wait();
        assert!(idle.is_none(), "{idle:?}");
    }

    #[test]
    fn the_checker_moving_bytes_keeps_a_program_from_looking_idle() {
        let mut child = poller();
        let watched = Watched::default();
        watched.watch(child.id() as i32, "poller");
        watched.replies_due();
        let until = Instant::now() + IDLE_HOLD * 2;
        let mut activity = 0;
        let mut seen = None;
        while Instant::now() < until {
            activity += 1;
            if watched.stuck(activity, &HashMap::new()).is_none() {
                seen = seen.or(watched.idle(activity, &HashMap::new()));
            }
            std::thread::sleep(Duration::from_millis(150));
        }
        let _ = child.kill();
        let _ = child.wait();
        assert!(seen.is_none(), "{seen:?}");
    }
}
