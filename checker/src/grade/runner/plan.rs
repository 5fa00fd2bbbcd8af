//! Which tests a run grades: those of each selected exercise that its selection names, and,
//! when programs are given from elsewhere (`--program NAME=PATH`), only their tests (no crate
//! is built, so there are no rules to check); and the track each exercise is graded on, the one
//! place it is chosen for the tests: they read it in their context (`Ctx::track`).

use std::path::PathBuf;

use crate::base::workspace::Track;
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
    /// The track it is graded on: its tree's, or the run's where its programs are given
    /// (`Options::track`: theirs).
    pub track: Track,
}

/// The run's exercises, each with its tests and its track, from the tree's track and the run's
/// (`Options::tree`, `Options::track`).
pub fn plan(
    selections: &[Selection],
    programs: &[(String, PathBuf)],
    (tree, run): (Track, Track),
) -> Vec<Planned> {
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
                track: if external.is_empty() { tree } else { run },
                external,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::plan;
    use crate::base::workspace::Track;
    use crate::lab::fixtures::{LIB, SERVER};
    use crate::lab::selection::Selection;

    fn ids(selections: &[Selection], programs: &[(String, PathBuf)]) -> Vec<Vec<&'static str>> {
        plan(selections, programs, (Track::Rust, Track::Rust))
            .iter()
            .map(|p| p.tests.iter().map(|t| t.id).collect())
            .collect()
    }

    #[test]
    fn a_selection_keeps_the_tests_it_names() {
        let all = [
            Selection {
                exercise: &LIB,
                only_tests: None,
            },
            Selection {
                exercise: &SERVER,
                only_tests: Some(vec!["exit", "echo"]),
            },
        ];
        assert_eq!(
            ids(&all, &[]),
            [vec!["add", "sub", "rules"], vec!["echo", "exit"]]
        );
    }

    #[test]
    fn a_program_from_elsewhere_runs_its_tests_only_and_builds_nothing() {
        let server = [Selection {
            exercise: &SERVER,
            only_tests: None,
        }];
        let given = [("client".to_string(), PathBuf::from("/bin/true"))];
        assert_eq!(ids(&server, &given), [vec!["client-talks"]]);
        let planned = plan(&server, &given, (Track::Rust, Track::C));
        assert_eq!(planned[0].external, given);
        assert_eq!(planned[0].track, Track::C, "the given programs' track");
        // A program of another exercise changes nothing here.
        let other = [("resolve".to_string(), PathBuf::from("/bin/true"))];
        assert_eq!(ids(&server, &other)[0].len(), 5);
        let built = &plan(&server, &other, (Track::Rust, Track::C))[0];
        assert!(built.external.is_empty());
        assert_eq!(
            built.track,
            Track::Rust,
            "built from the tree, on its track"
        );
    }
}
