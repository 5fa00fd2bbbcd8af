//! Waiting for a condition on something the checker can only look at (`/proc`, a capture).

use std::time::{Duration, Instant};

use crate::base::verdict::Failure;
use crate::contain::program::Program;
use crate::observe::stuck::Stuck;
use crate::observe::wire::Transcript;

/// Look at `check` until it holds or `within` has passed; whether it held. The looks start a
/// millisecond apart and slow down to every 10 ms (`backoff`): most conditions hold within a
/// few milliseconds, and a fixed 10 ms step made each such wait cost 10 ms (a few hundred of
/// them add up to seconds of the suite).
pub fn until(within: Duration, check: impl FnMut() -> bool) -> bool {
    looking(within, backoff(), check)
}

/// Look at `check` every `step` until it holds or `within` has passed; whether it held. For a
/// test that waits for many short steps in a row (a millisecond or two), where 10 ms each
/// would add up.
pub fn every(step: Duration, within: Duration, check: impl FnMut() -> bool) -> bool {
    looking(within, std::iter::repeat(step), check)
}

/// The pauses between looks of `until`: 1, 2, 4, 8 ms, then 10 ms for ever.
fn backoff() -> impl Iterator<Item = Duration> {
    std::iter::successors(Some(Duration::from_millis(1)), |step| {
        Some((*step * 2).min(Duration::from_millis(10)))
    })
}

/// Look at `check`, pausing as `steps` says between looks, until it holds or `within` has
/// passed; whether it held.
fn looking(
    within: Duration,
    mut steps: impl Iterator<Item = Duration>,
    mut check: impl FnMut() -> bool,
) -> bool {
    let until = Instant::now() + within;
    loop {
        if check() {
            return true;
        }
        if Instant::now() >= until {
            return false;
        }
        std::thread::sleep(steps.next().unwrap_or(Duration::from_millis(10)));
    }
}

/// Whether `look` holds at two looks `apart`: a state that lasts (a program asleep with bytes
/// unread, a socket drained), not one caught in passing (a program about to read them reads
/// within the moment; one starved of a CPU is runnable, not asleep).
pub fn twice(apart: Duration, mut look: impl FnMut() -> bool) -> bool {
    look() && {
        std::thread::sleep(apart);
        look()
    }
}

/// How a wait for a change the program under test must make by itself ended (`until_or_stuck`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Made,
    /// The program was seen stuck (asleep, nothing moving): it will not make the change.
    Stuck,
    /// Not made within the wait, the program not seen stuck: a starved machine may not have
    /// run it yet.
    NotYet,
}

impl Change {
    pub fn made(self) -> bool {
        self == Change::Made
    }

    /// The failure `f` for the change not made: on time, not proven, unless the program was
    /// seen stuck (`NotYet` is judged as a timeout is: `Failure::only_silence`).
    pub fn missed(self, f: Failure) -> Failure {
        match self {
            Change::NotYet => f.only_silence(),
            Change::Made | Change::Stuck => f,
        }
    }
}

/// `until`, for a change the program under test must make by itself (close a socket, reap a
/// child): gives up early, `Stuck`, once the program is stuck (see `observe::stuck`), since a
/// program asleep with nothing moving will not make it.
pub fn until_or_stuck(t: &Transcript, within: Duration, mut check: impl FnMut() -> bool) -> Change {
    let mut steps = backoff();
    let held = t.wait_or_stuck(Instant::now() + within, |step| {
        if check() {
            return Some(());
        }
        let pause = steps.next().unwrap_or(Duration::from_millis(10));
        std::thread::sleep(pause.min(step.saturating_duration_since(Instant::now())));
        None
    });
    match held {
        Ok(Some(())) => Change::Made,
        _ if check() => Change::Made,
        Err(_) => Change::Stuck,
        Ok(None) => Change::NotYet,
    }
}

/// Wait until `program` exits, at most until `deadline`: its status, or `None` at the deadline,
/// or where it sleeps once it is stuck (a program asleep with nothing moving will not exit).
pub fn exit_or_stuck(
    t: &Transcript,
    program: &mut Program,
    deadline: Instant,
) -> Result<Option<std::process::ExitStatus>, Stuck> {
    t.wait_or_stuck(deadline, |step| program.wait_until(step))
}

/// Wait until the processes `pids()` names have settled, before a check of their state in
/// /proc (descriptors, children, threads, handlers): each asleep in whatever call it waits in,
/// and nothing of it changed between two looks; or, for a process that never sleeps, nothing
/// changed for a while. A check made earlier can see a child that has not yet run, or a server
/// half-way through accepting, and take a correct program for a wrong one (under load, more
/// so). At most `within`; whether they settled.
pub fn settled(within: Duration, pids: impl Fn() -> Vec<i32>) -> bool {
    use crate::contain::procinfo;
    let look = || {
        let pids = pids();
        let state: Vec<_> = pids
            .iter()
            .map(|&p| {
                (
                    p,
                    procinfo::descriptors(p),
                    procinfo::children(p),
                    procinfo::thread_states(p).len(),
                )
            })
            .collect();
        let asleep = !pids.is_empty() && pids.iter().all(|&p| procinfo::is_waiting(p));
        (state, asleep)
    };
    let until = Instant::now() + within;
    let (mut last, _) = look();
    let mut still_since = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(10));
        let (now, asleep) = look();
        if now != last {
            (last, still_since) = (now, Instant::now());
        } else if asleep || still_since.elapsed() >= Duration::from_millis(300) {
            return true;
        }
        if Instant::now() >= until {
            return false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::i18n::Text;

    #[test]
    fn a_change_not_made_in_time_is_judged_on_time_and_one_seen_stuck_stands() {
        let f = || Failure::wrong(Text::Plain("still there".into()));
        assert!(Change::NotYet.missed(f()).only_silence);
        assert!(!Change::Stuck.missed(f()).only_silence);
        assert!(Change::Made.made() && !Change::NotYet.made() && !Change::Stuck.made());
    }
}
