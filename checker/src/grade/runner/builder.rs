//! The builder: one exercise after another (cargo would serialize them anyway), each one's
//! tests queued as soon as it is built. With `--ci`, the files students must not edit are
//! checked first: an exercise whose manifest or rules changed, or that holds anything but
//! sources, is not built at all.

use std::sync::Arc;
use std::sync::mpsc::Sender;

use super::plan::Planned;
use super::scheduler::Queue;
use super::{Event, Job, Options};
use crate::base::i18n::{Text, msg};
use crate::base::verdict::Status;
use crate::compile::package;
use crate::context::built::{BuildOutcome, Built};
use crate::grade::outcome::BuildProblem;
use crate::lab::integrity;

pub fn start(planned: Vec<Planned>, opts: &Options, queue: Arc<Queue>, events: Sender<Event>) {
    let tree = opts.tree.clone();
    let (color, ci) = (opts.color, opts.ci);
    let on_build = opts.on_build.clone();
    std::thread::spawn(move || {
        for (index, p) in planned.into_iter().enumerate() {
            let tests = p.tests.len();
            if let Some(hook) = &on_build {
                hook(Some(p.exercise.name));
            }
            let result = build_one(&p, &tree, ci, color);
            if let Some(hook) = &on_build {
                hook(None);
            }
            let problem = match result {
                Ok(Ok(built)) => {
                    let _ = events.send(Event::Built {
                        exercise_index: index,
                        tests,
                        problem: None,
                        warnings: built.warnings.clone(),
                    });
                    // All at once: a worker waiting for the first job would otherwise take
                    // tests in table order, not the longest first.
                    queue.push_all(p.tests.iter().enumerate().map(|(test_index, &test)| Job {
                        exercise_index: index,
                        test_index,
                        test,
                        track: p.track,
                        built: Arc::clone(&built),
                    }));
                    continue;
                }
                Ok(Err(problem)) => problem,
                Err(e) => {
                    let _ = events.send(Event::Fatal(e));
                    return;
                }
            };
            let _ = events.send(Event::Built {
                exercise_index: index,
                tests,
                problem: Some(problem),
                warnings: Vec::new(),
            });
        }
        queue.close();
    });
}

/// Build one exercise, or say why its tests cannot run; `Err` if the checker cannot do its
/// job at all (no cargo).
fn build_one(
    p: &Planned,
    tree: &crate::base::workspace::Tree,
    ci: bool,
    color: bool,
) -> anyhow::Result<Result<Arc<Built>, BuildProblem>> {
    // A C exercise is built from its .c and .h files alone, with the lab's own build rules: a
    // changed Makefile changes nothing, so there is nothing to refuse.
    if ci && tree.track == crate::base::workspace::Track::Rust {
        let tampered = integrity::changed_files(p.exercise, &tree.package_dir(p.exercise.name));
        if !tampered.is_empty() {
            return Ok(Err(BuildProblem {
                summary: msg!("build-tampered", files = tampered.join(", ")),
                diagnostics: msg!("build-tampered-restore"),
                status: Status::Fail,
            }));
        }
    }
    let outcome = if p.external.is_empty() {
        package::build(
            tree,
            p.exercise,
            color,
            crate::compile::harness::Harness::for_tests(&p.tests),
        )?
    } else {
        package::external(&p.external)
    };
    Ok(match outcome {
        BuildOutcome::Built(built) => Ok(Arc::new(built)),
        BuildOutcome::Missing(summary) => Err(BuildProblem {
            summary,
            diagnostics: Text::Plain(String::new()),
            status: Status::DoesNotCompile,
        }),
        BuildOutcome::DoesNotCompile {
            summary,
            diagnostics,
        } => Err(BuildProblem {
            summary,
            diagnostics: Text::Plain(diagnostics),
            status: Status::DoesNotCompile,
        }),
    })
}

#[cfg(test)]
mod tests {
    use crate::compile::harness::Harness;
    use crate::lab::test::{Test, tests_of};

    fn tests(exercise: &str) -> Vec<Test> {
        let exercise = crate::exercises::ALL
            .iter()
            .find(|e| e.name == exercise)
            .expect("an exercise of the lab");
        tests_of(exercise)
    }

    #[test]
    fn only_a_test_that_calls_the_library_needs_the_harness() {
        let day7 = tests("day7-broker");
        let (library, programs): (Vec<Test>, Vec<Test>) = day7
            .iter()
            .filter(|t| !t.is_rules)
            .partition(|t| t.program.is_none());
        assert!(!library.is_empty() && !programs.is_empty());
        // The broker's tests and its rules alone build no harness; one codec test among them does.
        assert_eq!(Harness::for_tests(&programs), Harness::NotNeeded);
        let rules: Vec<Test> = day7.iter().copied().filter(|t| t.is_rules).collect();
        assert_eq!(Harness::for_tests(&rules), Harness::NotNeeded);
        let mixed: Vec<Test> = programs.iter().chain(&library[..1]).copied().collect();
        assert_eq!(Harness::for_tests(&mixed), Harness::Needed);
        // A library exercise graded whole needs it; a program exercise never does.
        assert_eq!(Harness::for_tests(&tests("day1-endian")), Harness::Needed);
        assert_eq!(Harness::for_tests(&tests("day2-echo")), Harness::NotNeeded);
    }
}
