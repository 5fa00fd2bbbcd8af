//! Grading a selection: decide which tests run (`plan`), build each exercise one after another,
//! as cargo would anyway (`builder`), run its tests on a pool of workers as soon as it is built
//! (`scheduler` hands out the `-j` slots, `worker` runs one test in its scope and sandbox), and
//! gather the outcomes, watching for overruns and reporting exercises in course order
//! (`collector`). A test that overruns its timeout has its processes killed; one that still
//! does not return is reported as an error and abandoned, so grading always ends.

mod attempt;
mod builder;
mod collector;
mod plan;
mod rejudge;
mod scheduler;
mod turns;
mod worker;

use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::Result;

use crate::base::workspace::{Track, Tree};
use crate::contain::reaper;
use crate::context::built::Built;
use crate::grade::durations::Durations;
use crate::grade::outcome::{BuildProblem, ExerciseReport, TestReport};
use crate::lab::selection::Selection;
use crate::lab::test::Test;

/// How a run grades.
#[derive(Clone)]
pub struct Options {
    pub tree: Tree,
    /// The run's track, chosen once from the command line (`commands::options`): the tree's,
    /// or for programs given from elsewhere theirs (`compile::package::program_track`). The
    /// reports are worded for it, and the plan gives it to each exercise (`plan::Planned`).
    pub track: Track,
    /// How the programs of each test are contained (`sandbox::choose` decided it for the run).
    pub sandbox: crate::contain::sandbox::Mode,
    /// Check the files students must not edit (`--ci`).
    pub ci: bool,
    /// Programs given with `--program NAME=PATH`.
    pub programs: Vec<(String, std::path::PathBuf)>,
    pub seed: u64,
    /// How many tests may use the CPU at once (`-j`).
    pub jobs: usize,
    /// Whether a test that waits on a timer lends its slot to another (`Ctx::off_cpu`). Not
    /// when tests must not overlap at all (programs that may share a fixed port in plain mode).
    pub lend_slots: bool,
    pub color: bool,
    /// Told which exercise cargo is building (`Some`), and when that build ends (`None`): a
    /// build can take a minute on a fresh clone, and the student should see what happens.
    pub on_build: Option<BuildHook>,
    /// Told the tests under way (`day2-echo/throughput`, the longest running first) whenever
    /// that changes, and every second: a test that takes long must not look like a hang.
    pub on_running: Option<RunningHook>,
}

/// See `Options::on_build`.
pub type BuildHook = Arc<dyn Fn(Option<&'static str>) + Send + Sync>;
/// See `Options::on_running`: each test's name and how long it has run.
pub type RunningHook = Arc<dyn Fn(&[(String, Duration)]) + Send + Sync>;

/// One test to run, once its exercise is built: the test (which knows its exercise), where
/// its outcome goes on the collector's board, the track its exercise is graded on, and what
/// it runs.
struct Job {
    exercise_index: usize,
    test_index: usize,
    test: Test,
    track: Track,
    built: Arc<Built>,
}

/// What the builder and the workers tell the collector.
enum Event {
    Built {
        exercise_index: usize,
        tests: usize,
        problem: Option<BuildProblem>,
        /// The compiler's warnings the report shows (they fail nothing).
        warnings: Vec<String>,
    },
    Started {
        exercise_index: usize,
        test_index: usize,
        tag: String,
        at: Instant,
    },
    /// A test's first run is over and it waits to be judged again alone (`rejudge`): no
    /// longer watched for overruns until it starts again.
    Requeued {
        exercise_index: usize,
        test_index: usize,
    },
    Finished {
        exercise_index: usize,
        test_index: usize,
        report: Box<TestReport>,
    },
    /// The checker could not do its job (cargo missing): stop everything.
    Fatal(anyhow::Error),
}

/// Grade the selections; `done` is called for each exercise, in course order, as soon as it
/// and every exercise before it are finished.
pub fn grade(
    selections: Vec<Selection>,
    opts: &Options,
    done: impl FnMut(&ExerciseReport),
) -> Result<Vec<ExerciseReport>> {
    reaper::init();
    // A failure on time is judged again when the checker's own tasks were starved, not whenever
    // the whole machine was (`rejudge`): where it can, the checker counts their waits in a
    // cgroup of its own.
    crate::contain::cgroup::enter_own_cgroup();
    let planned = plan::plan(&selections, &opts.programs, (opts.tree.track, opts.track));
    let (events_tx, events) = mpsc::channel::<Event>();
    let queue = Arc::new(scheduler::Queue::new(Durations::load()));
    worker::start(opts, &queue, &events_tx);
    builder::start(planned.clone(), opts, Arc::clone(&queue), events_tx);
    let reports = collector::collect(&planned, events, opts.on_running.as_ref(), done)?;
    if let Some(durations) = queue.take_durations() {
        durations.record(&reports);
    }
    Ok(reports)
}
