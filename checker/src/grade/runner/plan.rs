//! Which tests a run grades: those of each selected exercise that its selection names, and,
//! when programs are given from elsewhere (`--program NAME=PATH`), only their tests (no crate
//! is built, so there are no rules to check).

use std::path::PathBuf;

use crate::lab::exercise::Exercise;
use crate::lab::selection::Selection;
use crate::lab::test::{Test, tests_of};

/// One exercise of the run.
#[derive(Clone)]
pub struct Planned {
    pub exercise: &'static Exercise,
    pub tests: Vec<Test>,
    /// Its programs given with `--program`: then nothing is built.
    pub external: Vec<(String, PathBuf)>,
}

pub fn plan(selections: &[Selection], programs: &[(String, PathBuf)]) -> Vec<Planned> {
    selections
        .iter()
        .map(|s| {
            let binaries = s.exercise.kind.binaries();
            let external: Vec<(String, PathBuf)> = programs
                .iter()
                .filter(|(name, _)| binaries.contains(&name.as_str()))
                .cloned()
                .collect();
            let tests = tests_of(s.exercise)
                .into_iter()
                .filter(|t| {
                    s.only_tests
                        .as_ref()
                        .is_none_or(|only| only.contains(&t.id))
                })
                .filter(|t| {
                    external.is_empty()
                        || external
                            .iter()
                            .any(|(name, _)| t.program == Some(name.as_str()))
                })
                .collect();
            Planned {
                exercise: s.exercise,
                tests,
                external,
            }
        })
        .collect()
}
