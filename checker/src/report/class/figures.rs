//! What the class page shows, counted once from the class: per test, how many passed, failed,
//! did not start or could not be judged, the points lost there and the causes of its failures;
//! per exercise, how far students got and how their scores spread; the same over the whole lab.

use std::collections::HashMap;

use super::{Class, Counts, Exercise, Student, TestResult, Verdict};
use crate::grade::outcome::ExerciseStatus;

pub struct Figures {
    /// Every test any report holds, the most points lost by students who tried first.
    pub tests: Vec<TestTally>,
    /// Per exercise of the class, in course order.
    pub exercises: Vec<Progress>,
    /// Every student's score over the whole lab.
    pub overall: Histogram,
}

/// One test across the class.
pub struct TestTally {
    pub exercise: String,
    pub id: String,
    /// The title a report gave it (the page prefers the lab's own, in the reader's language).
    pub title: Option<String>,
    pub counts: Counts,
    /// Points lost by students who tried (failed, or did not compile; a broken rule's voided
    /// points count against the rules test), and by those who did not start.
    pub lost_tried: u64,
    pub lost_not_started: u64,
    /// Why it failed, the most common cause first.
    pub causes: Vec<CauseTally>,
    /// The students (indices into `Class::students`) whose run of it could not be judged.
    pub unjudged: Vec<usize>,
    /// Its place in course order, for ties.
    order: usize,
}

/// What made a test fail, as the report said it: the diagnosis of the program's state where
/// there is one (it chose the hint), else the kind of error, else the test's own hint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cause {
    Diagnosis(String),
    Kind(String),
    /// The exercise did not compile.
    DoesNotCompile,
    /// The exercise was not graded: a file students must not change was changed (`--ci`).
    Refused,
    /// A wrong answer: the test's own hint says what to look at.
    Wrong,
}

pub struct CauseTally {
    pub cause: Cause,
    /// Indices into `Class::students`.
    pub students: Vec<usize>,
}

/// How far the class got in one exercise.
pub struct Progress {
    pub name: String,
    pub day: u8,
    pub not_started: u64,
    /// Started, and not yet passing everything.
    pub started: u64,
    pub passing: u64,
    pub histogram: Histogram,
}

/// Scores in tenths, with the students who had not started, or had no grade, apart from zero.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Histogram {
    pub no_grade: u64,
    pub not_started: u64,
    /// 0, 1–9, 10–19, ..., 90–99 and 100 percent.
    pub bins: [u64; BINS],
}

pub const BINS: usize = 12;

impl Histogram {
    /// The bin of a score: 0 for nothing, 11 for everything, else its tenth.
    pub fn bin(points: u64, max: u64) -> usize {
        if points == 0 || max == 0 {
            0
        } else if points >= max {
            BINS - 1
        } else {
            1 + (points * 10 / max) as usize
        }
    }

    /// `0`, `1–9`, `10–19`, ..., `100`: the label under a bin.
    pub fn label(bin: usize) -> String {
        match bin {
            0 => "0".into(),
            b if b == BINS - 1 => "100".into(),
            1 => "1–9".into(),
            b => format!("{}–{}", (b - 1) * 10, (b - 1) * 10 + 9),
        }
    }

    pub fn tallest(&self) -> u64 {
        self.bins
            .iter()
            .copied()
            .chain([self.not_started, self.no_grade])
            .max()
            .unwrap_or(0)
    }
}

impl Figures {
    pub fn of(class: &Class) -> Figures {
        let mut tests = Tallies::default();
        for (i, s) in class.students.iter().enumerate() {
            for e in &s.exercises {
                tests.add(i, e, class);
            }
        }
        let mut tests = tests.tests;
        tests.sort_by(|a, b| {
            (b.lost_tried, b.counts.failed, b.lost_not_started, a.order).cmp(&(
                a.lost_tried,
                a.counts.failed,
                a.lost_not_started,
                b.order,
            ))
        });
        for t in &mut tests {
            t.causes
                .sort_by_key(|c| std::cmp::Reverse(c.students.len()));
        }
        let exercises = class
            .exercises
            .iter()
            .map(|c| progress(class, &c.name, c.day))
            .collect();
        let mut overall = Histogram::default();
        for s in &class.students {
            if s.no_grade.is_some() {
                overall.no_grade += 1;
            } else if s.not_started() {
                overall.not_started += 1;
            } else {
                overall.bins[Histogram::bin(s.points, s.max_points)] += 1;
            }
        }
        Figures {
            tests,
            exercises,
            overall,
        }
    }
}

/// The tallies of every test, found by exercise and test id.
#[derive(Default)]
struct Tallies {
    tests: Vec<TestTally>,
    at: HashMap<(String, String), usize>,
}

impl Tallies {
    /// The tally of test `id` of `exercise`, new the first time.
    fn of(&mut self, exercise: &str, t: &TestResult, class: &Class) -> &mut TestTally {
        let key = (exercise.to_string(), t.id.clone());
        let next = self.tests.len();
        let at = *self.at.entry(key).or_insert(next);
        if at == next {
            self.tests.push(TestTally {
                exercise: exercise.to_string(),
                id: t.id.clone(),
                title: t.title.clone(),
                counts: Counts::default(),
                lost_tried: 0,
                lost_not_started: 0,
                causes: Vec::new(),
                unjudged: Vec::new(),
                order: course_order(class, exercise) * 1000 + next,
            });
        }
        &mut self.tests[at]
    }

    /// Add one student's exercise to the tallies of its tests.
    fn add(&mut self, student: usize, e: &Exercise, class: &Class) {
        // Points a broken rule voided, counted against the rules test.
        let voided: u64 = e
            .tests
            .iter()
            .filter(|t| t.verdict == Verdict::Passed)
            .map(|t| t.max_points.saturating_sub(t.points))
            .sum();
        for t in &e.tests {
            let tally = self.of(&e.name, t, class);
            let lost = t.max_points.saturating_sub(t.points);
            match t.verdict {
                Verdict::Passed => tally.counts.passed += 1,
                Verdict::Failed => {
                    tally.counts.failed += 1;
                    tally.lost_tried += lost;
                    let cause = cause_of(t, e);
                    match tally.causes.iter_mut().find(|c| c.cause == cause) {
                        Some(c) => c.students.push(student),
                        None => tally.causes.push(CauseTally {
                            cause,
                            students: vec![student],
                        }),
                    }
                }
                Verdict::NotStarted => {
                    tally.counts.not_started += 1;
                    tally.lost_not_started += lost;
                }
                Verdict::Unjudged => {
                    tally.counts.unjudged += 1;
                    tally.unjudged.push(student);
                }
                Verdict::NotApplicable => {}
            }
            if t.id == crate::lab::exercise::RULES_ID && e.rules_void_points {
                tally.lost_tried += voided;
            }
        }
    }
}

fn course_order(class: &Class, exercise: &str) -> usize {
    class
        .exercises
        .iter()
        .position(|c| c.name == exercise)
        .unwrap_or(class.exercises.len())
}

/// What made test `t` of exercise `e` fail.
fn cause_of(t: &TestResult, e: &Exercise) -> Cause {
    if t.status == "does-not-compile" {
        return Cause::DoesNotCompile;
    }
    if let Some(d) = &t.diagnosis {
        return Cause::Diagnosis(d.clone());
    }
    if let Some(k) = &t.kind {
        return Cause::Kind(k.clone());
    }
    // A failure with no message of its own is its exercise's: not graded (`--ci`).
    if t.message.is_none() && e.message.is_some() && !e.rules_void_points {
        return Cause::Refused;
    }
    Cause::Wrong
}

/// How far the graded students got in exercise `name`.
fn progress(class: &Class, name: &str, day: u8) -> Progress {
    let mut p = Progress {
        name: name.to_string(),
        day,
        not_started: 0,
        started: 0,
        passing: 0,
        histogram: Histogram::default(),
    };
    let theirs = class
        .graded()
        .filter_map(|s: &Student| s.exercises.iter().find(|e| e.name == name));
    for e in theirs {
        match e.status {
            Some(ExerciseStatus::NotStarted) => {
                p.not_started += 1;
                p.histogram.not_started += 1;
                continue;
            }
            Some(ExerciseStatus::Passing) => p.passing += 1,
            _ => p.started += 1,
        }
        p.histogram.bins[Histogram::bin(e.points, e.max_points)] += 1;
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_score_falls_in_its_tenth_with_nothing_and_everything_apart() {
        assert_eq!(Histogram::bin(0, 10), 0);
        assert_eq!(Histogram::bin(1, 200), 1);
        assert_eq!(Histogram::bin(5, 10), 6);
        assert_eq!(Histogram::bin(199, 200), 10);
        assert_eq!(Histogram::bin(10, 10), 11);
        let labels: Vec<String> = (0..BINS).map(Histogram::label).collect();
        assert_eq!(labels[0], "0");
        assert_eq!(labels[1], "1–9");
        assert_eq!(labels[2], "10–19");
        assert_eq!(labels[10], "90–99");
        assert_eq!(labels[11], "100");
    }
}
