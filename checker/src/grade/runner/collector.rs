//! The collector: gathers what the builder and the workers report, kills the processes of a
//! test that overruns its timeout and then gives up on it, and hands each exercise over in
//! course order as soon as it and every exercise before it are complete.

use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use anyhow::Result;

use super::plan::Planned;
use super::{Event, RunningHook};
use crate::base::i18n::msg;
use crate::base::verdict::Failure;
use crate::contain::pressure::Window;
use crate::contain::reaper;
use crate::grade::outcome::{BuildProblem, ExerciseReport, TestReport, rules_wait_for_work};

/// How long past its timeout a test may run before its processes are killed, and then
/// before it is given up: in time it had the machine (the clock less the time in which some
/// task waited for a CPU), so that a starved test ends with a verdict of its own, which a
/// starved run has judged again, and at most `CLOCK_CAP` times as long on the clock, so that
/// grading always ends.
const OVERRUN_KILL: Duration = Duration::from_secs(2);
const OVERRUN_ABANDON: Duration = Duration::from_secs(5);
const CLOCK_CAP: u32 = 4;

/// A test under way.
struct Running {
    exercise: usize,
    test: usize,
    tag: String,
    at: Instant,
    killed: bool,
    /// The CPU pressure on the checker's tasks (the machine's, where they have no cgroup of
    /// their own) since it started.
    window: Window,
}

impl Running {
    /// Whether it has run longer than `limit` in time it had the machine, or `CLOCK_CAP` times
    /// `limit` on the clock. (In a full run of the project's tests, day1-endian's from-wire-u16,
    /// 0.3 s alone, was given up on at 15 s on the clock beside the hostile fork bomb.)
    fn past(&self, now: Instant, limit: Duration) -> bool {
        let clock = now - self.at;
        if clock <= limit {
            return false;
        }
        let stalled = self.window.close().map_or(Duration::ZERO, |s| s.stalled);
        clock.saturating_sub(stalled) > limit || clock > limit * CLOCK_CAP
    }
}

/// What has come in so far, per exercise.
struct Board<'a> {
    planned: &'a [Planned],
    outcomes: Vec<Vec<Option<TestReport>>>,
    /// How many tests each exercise's builder queued (known once it is built).
    expected: Vec<Option<usize>>,
    problems: Vec<Option<BuildProblem>>,
    /// Each exercise's build warnings, for its report.
    warnings: Vec<Vec<String>>,
    running: Vec<Running>,
}

pub fn collect(
    planned: &[Planned],
    events: Receiver<Event>,
    on_running: Option<&RunningHook>,
    mut done: impl FnMut(&ExerciseReport),
) -> Result<Vec<ExerciseReport>> {
    let mut board = Board {
        planned,
        outcomes: planned.iter().map(|p| vec![None; p.tests.len()]).collect(),
        expected: vec![None; planned.len()],
        problems: vec![None; planned.len()],
        warnings: vec![Vec::new(); planned.len()],
        running: Vec::new(),
    };
    let mut reports = Vec::new();
    let mut told: Option<(Vec<(usize, usize)>, Instant)> = None;
    while reports.len() < planned.len() {
        match events.recv_timeout(Duration::from_millis(100)) {
            Ok(Event::Fatal(e)) => {
                reaper::stop_everything();
                return Err(e);
            }
            Ok(event) => board.take(event),
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {}
        }
        board.watch_overruns(Instant::now());
        if let Some(hook) = on_running {
            board.tell_running(hook, &mut told);
        }
        while let Some(report) = board.next_complete(reports.len()) {
            done(&report);
            reports.push(report);
        }
    }
    Ok(reports)
}

impl Board<'_> {
    fn take(&mut self, event: Event) {
        match event {
            Event::Built {
                exercise_index,
                tests,
                problem,
                warnings,
            } => {
                self.expected[exercise_index] = Some(tests);
                self.warnings[exercise_index] = warnings;
                if let Some(problem) = problem {
                    for (i, &test) in self.planned[exercise_index].tests.iter().enumerate() {
                        self.outcomes[exercise_index][i] =
                            Some(TestReport::unbuilt(test, &problem));
                    }
                    self.problems[exercise_index] = Some(problem);
                }
            }
            Event::Requeued {
                exercise_index,
                test_index,
            } => self
                .running
                .retain(|r| !(r.exercise == exercise_index && r.test == test_index)),
            Event::Started {
                exercise_index,
                test_index,
                tag,
                at,
            } => self.running.push(Running {
                exercise: exercise_index,
                test: test_index,
                tag,
                at,
                killed: false,
                window: Window::open(),
            }),
            Event::Finished {
                exercise_index,
                test_index,
                report,
            } => {
                self.running
                    .retain(|r| !(r.exercise == exercise_index && r.test == test_index));
                let slot = &mut self.outcomes[exercise_index][test_index];
                if slot.is_none() {
                    *slot = Some(*report);
                }
            }
            Event::Fatal(_) => {}
        }
    }

    /// Tell `hook` the tests under way when they change, or a second after it last did.
    fn tell_running(&self, hook: &RunningHook, told: &mut Option<(Vec<(usize, usize)>, Instant)>) {
        let now = Instant::now();
        let mut running: Vec<&Running> = self.running.iter().collect();
        running.sort_by_key(|r| r.at);
        let which: Vec<(usize, usize)> = running.iter().map(|r| (r.exercise, r.test)).collect();
        if told
            .as_ref()
            .is_some_and(|(last, at)| *last == which && now - *at < Duration::from_secs(1))
        {
            return;
        }
        let names: Vec<(String, Duration)> = running
            .iter()
            .map(|r| (self.planned[r.exercise].tests[r.test].name(), now - r.at))
            .collect();
        hook(&names);
        *told = Some((which, now));
    }

    /// Kill the processes of a test past its timeout, then give up on it.
    fn watch_overruns(&mut self, now: Instant) {
        for run in self.running.iter_mut() {
            let test = self.planned[run.exercise].tests[run.test];
            if !run.killed && run.past(now, test.timeout + OVERRUN_KILL) {
                reaper::stop_tagged(&run.tag);
                run.killed = true;
            }
            let slot = &mut self.outcomes[run.exercise][run.test];
            if slot.is_none() && run.past(now, test.timeout + OVERRUN_ABANDON) {
                let failure = Failure::checker_error(msg!(
                    "collector-abandoned",
                    seconds = test.timeout.as_secs().to_string()
                ));
                *slot = Some(TestReport::of(
                    test,
                    Some(failure),
                    now - run.at,
                    Vec::new(),
                ));
            }
        }
    }

    /// Exercise `i`'s report, if it is complete.
    fn next_complete(&mut self, i: usize) -> Option<ExerciseReport> {
        if i >= self.planned.len()
            || self.expected[i].is_none()
            || !self.outcomes[i].iter().all(Option::is_some)
        {
            return None;
        }
        let mut report = ExerciseReport {
            exercise: self.planned[i].exercise,
            build_problem: self.problems[i].take(),
            warnings: std::mem::take(&mut self.warnings[i]),
            tests: self.outcomes[i]
                .iter_mut()
                .filter_map(Option::take)
                .collect(),
        };
        rules_wait_for_work(&mut report.tests);
        Some(report)
    }
}
