//! An exercise as its table declares it: its name, day and title, what the student builds
//! (`ExerciseKind`) and writes, its own tests (`case`), the families it takes (`family`), its
//! parts (`part`) and what it is on the C track (`track`).

use std::borrow::Cow;

use super::case::{TestCase, catalog_key};
use super::family::Takes;
use super::part::Part;
use super::track::CTrack;
use crate::base::i18n::Messages;
use crate::base::workspace::Track;

/// A graded exercise: one package in `exercises/` (stub) and `solutions/` (reference). `Run`
/// runs its tests (the lab's `TestFn`, see `table`).
pub struct Exercise<Run: 'static> {
    /// Package and directory name, e.g. `day2-inet`.
    pub name: &'static str,
    pub day: u8,
    /// One line saying what the student builds.
    pub title: &'static str,
    /// The course.md anchor of the exercise's own section.
    pub section: &'static str,
    pub kind: ExerciseKind,
    /// The files the student writes, relative to the package (for messages and annotations).
    pub student_files: &'static [&'static str],
    /// The shared families of tests it takes (`exercises/<family>/family.rs`), graded before its own.
    pub families: &'static [Takes<Run>],
    /// Its own tests.
    pub tests: &'static [TestCase<Run>],
    /// Its parts, each a sitting with the tests it unlocks (`part.rs`); none for most.
    pub parts: &'static [Part],
    /// The test every exercise ends with: its rules hold (exercises/kit/rules.rs).
    pub rules: &'static TestCase<Run>,
    /// The exercise on the C track (`track.rs`); `None`: Rust only.
    pub c: Option<&'static CTrack>,
}

pub enum ExerciseKind {
    /// A library: the checker generates a harness crate that calls its functions.
    /// `calls` is the exercise-specific part of that harness (see `harness.rs`);
    /// `harness_deps` are extra `[dependencies]` lines for it (e.g. nix, to set up pipes and
    /// signals around the calls), empty for most exercises. `binaries` are programs of the
    /// same package that its tests also run (built, sandboxed and linted like a program
    /// exercise's), empty for most.
    Library {
        calls: &'static str,
        harness_deps: &'static str,
        binaries: &'static [&'static str],
    },
    /// Programs: the checker builds the package's binaries and runs them.
    Programs { binaries: &'static [&'static str] },
}

impl ExerciseKind {
    /// The package's programs that the tests run.
    pub fn binaries(&self) -> &'static [&'static str] {
        match *self {
            ExerciseKind::Library { binaries, .. } | ExerciseKind::Programs { binaries } => {
                binaries
            }
        }
    }
}

impl<Run: 'static> Exercise<Run> {
    /// The files the student writes on `track`, relative to the package.
    pub fn student_files_on(&self, track: Track) -> &'static [&'static str] {
        match (track, self.c) {
            (Track::C, Some(c)) => c.student_files,
            _ => self.student_files,
        }
    }

    /// The exercise's one-line title in the reader's language.
    pub fn title_in<'a>(&'a self, tr: &'a Messages) -> Cow<'a, str> {
        tr.own_or(&catalog_key(self.name, None, "title"), self.title)
    }

    /// The catalog key of the title of its part `n` (1-based, as the reports number them).
    pub fn part_key(&self, n: usize) -> String {
        catalog_key(self.name, Some(&format!("part-{n}")), "title")
    }

    /// The title of its part `n` (1-based) in the reader's language.
    pub fn part_title_in<'a>(&'a self, n: usize, tr: &'a Messages) -> Cow<'a, str> {
        let part = &self.parts[n - 1];
        tr.own_or(&self.part_key(n), part.title)
    }

    /// The number (1-based) of the part test `id` belongs to; `None` for the rules, or an
    /// exercise without parts.
    pub fn part_of(&self, id: &str) -> Option<usize> {
        self.parts
            .iter()
            .position(|p| p.tests.contains(&id))
            .map(|i| i + 1)
    }
}
