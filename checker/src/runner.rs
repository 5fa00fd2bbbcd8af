//! Grading: build each selected exercise (one after another, as cargo would anyway) and run
//! its tests on a pool of workers as soon as it is built, reporting exercises in course order.
//! A test that overruns its timeout has its processes killed; one that still does not return
//! is reported as an error and abandoned, so grading always ends.

use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Result;

use crate::building::{self, BuildOutcome, Built};
use crate::catalog::{self, Exercise, Selection, TestCase};
use crate::context::Ctx;
use crate::integrity;
use crate::sandbox::{self, Sandbox};
use crate::supervise;
use crate::verdict::{Failure, Status};
use crate::workspace::Tree;

/// Workers beyond the slots, for the tests that wait `off_cpu`.
const OFF_CPU_WORKERS: usize = 6;

pub struct Options {
    pub tree: Tree,
    /// Check the files students must not edit (`--ci`).
    pub ci: bool,
    /// Programs given with `--program NAME=PATH`.
    pub programs: Vec<(String, std::path::PathBuf)>,
    pub seed: u64,
    /// How many tests may use the CPU at once (`-j`).
    pub jobs: usize,
    /// Whether a test that waits on a timer lends its slot to another (`off_cpu`). Not when
    /// tests must not overlap at all (programs that may share a fixed port in plain mode).
    pub lend_slots: bool,
    pub color: bool,
}

/// The outcome of one test.
#[derive(Clone)]
pub struct TestReport {
    pub test: &'static TestCase,
    pub status: Status,
    pub failure: Option<Failure>,
    pub duration: Duration,
    /// The test's transcript (shown with -v).
    pub log: Vec<String>,
}

impl TestReport {
    pub fn points_earned(&self) -> u32 {
        if self.status == Status::Pass {
            self.test.points
        } else {
            0
        }
    }
}

/// Why an exercise could not be tested at all.
#[derive(Debug, Clone)]
pub struct BuildProblem {
    pub summary: String,
    pub diagnostics: String,
    /// The status of each of its tests: does-not-compile, or fail for a submission that
    /// changed a file students must not edit.
    pub status: Status,
}

#[derive(Clone)]
pub struct ExerciseReport {
    pub exercise: &'static Exercise,
    pub build_problem: Option<BuildProblem>,
    pub tests: Vec<TestReport>,
}

/// The verdict of a whole exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExerciseStatus {
    Passing,
    Failing,
    NotStarted,
    DoesNotCompile,
}

impl ExerciseStatus {
    pub fn label(self) -> &'static str {
        match self {
            ExerciseStatus::Passing => "passing",
            ExerciseStatus::Failing => "failing",
            ExerciseStatus::NotStarted => "not started",
            ExerciseStatus::DoesNotCompile => "does not compile",
        }
    }
}

impl ExerciseReport {
    pub fn status(&self) -> ExerciseStatus {
        match &self.build_problem {
            Some(p) if p.status == Status::DoesNotCompile => return ExerciseStatus::DoesNotCompile,
            Some(_) => return ExerciseStatus::Failing,
            None => {}
        }
        if self
            .tests
            .iter()
            .all(|t| matches!(t.status, Status::Pass | Status::NotApplicable))
        {
            return ExerciseStatus::Passing;
        }
        // The rules hold trivially for a stub, so they do not count as progress.
        let work: Vec<&TestReport> = self
            .tests
            .iter()
            .filter(|t| t.test.id != catalog::RULES.id)
            .collect();
        if !work.is_empty() && work.iter().all(|t| matches!(t.status, Status::NotStarted)) {
            return ExerciseStatus::NotStarted;
        }
        ExerciseStatus::Failing
    }

    pub fn passed(&self) -> usize {
        self.tests
            .iter()
            .filter(|t| t.status == Status::Pass)
            .count()
    }

    pub fn failed(&self) -> usize {
        self.tests.len() - self.passed() - self.not_applicable()
    }

    /// Tests that do not apply to the program graded: neither passed nor failed.
    pub fn not_applicable(&self) -> usize {
        self.tests
            .iter()
            .filter(|t| t.status == Status::NotApplicable)
            .count()
    }

    /// Points earned and possible. A broken rule voids the exercise's points: work that skips
    /// the lesson earns nothing.
    pub fn points(&self) -> (u32, u32) {
        let rules_broken = self
            .tests
            .iter()
            .any(|t| t.test.id == catalog::RULES.id && t.status == Status::Fail);
        let possible = self
            .tests
            .iter()
            .filter(|t| t.status != Status::NotApplicable)
            .map(|t| t.test.points)
            .sum();
        if rules_broken {
            return (0, possible);
        }
        (
            self.tests.iter().map(TestReport::points_earned).sum(),
            possible,
        )
    }
}

struct Job {
    exercise_index: usize,
    test_index: usize,
    test: &'static TestCase,
    exercise: &'static Exercise,
    built: Arc<Built>,
}

enum Event {
    Built {
        exercise_index: usize,
        tests: usize,
        problem: Option<BuildProblem>,
    },
    Started {
        exercise_index: usize,
        test_index: usize,
        tag: String,
        at: Instant,
    },
    Finished {
        exercise_index: usize,
        test_index: usize,
        report: TestReport,
    },
    /// The checker could not do its job (cargo missing): stop everything.
    Fatal(anyhow::Error),
}

/// How long past its timeout a test may run before its processes are killed, and then
/// before it is given up.
const OVERRUN_KILL: Duration = Duration::from_secs(2);
const OVERRUN_ABANDON: Duration = Duration::from_secs(5);

/// Grade the selections; `done` is called for each exercise, in course order, as soon as it
/// and every exercise before it are finished.
pub fn grade(
    selections: Vec<Selection>,
    opts: &Options,
    mut done: impl FnMut(&ExerciseReport),
) -> Result<Vec<ExerciseReport>> {
    supervise::init();
    let (events_tx, events) = mpsc::channel::<Event>();
    let queue = Arc::new(Queue::default());

    let slots = Arc::new(Slots::new(opts.jobs));
    // More workers than slots: the tests waiting `off_cpu` hold none.
    let lend = opts.lend_slots;
    let extra = if lend { OFF_CPU_WORKERS } else { 0 };
    for _ in 0..opts.jobs + extra {
        let slots = Arc::clone(&slots);
        let queue = Arc::clone(&queue);
        let events_tx = events_tx.clone();
        let seed = opts.seed;
        std::thread::spawn(move || worker(&queue, slots, events_tx, seed, lend));
    }

    // The builder: one exercise after another; its tests start as soon as it is built.
    let external = |e: &Exercise| -> Vec<(String, std::path::PathBuf)> {
        let binaries = e.kind.binaries();
        opts.programs
            .iter()
            .filter(|(name, _)| binaries.contains(&name.as_str()))
            .cloned()
            .collect()
    };
    let chosen: Vec<(&'static Exercise, Vec<&'static TestCase>)> = selections
        .iter()
        .map(|s| {
            let given = external(s.exercise);
            let tests = catalog::tests_of(s.exercise)
                .into_iter()
                .filter(|t| {
                    s.only_tests
                        .as_ref()
                        .is_none_or(|only| only.contains(&t.id))
                })
                // With programs given from outside, only their tests run (no crate, no rules).
                .filter(|t| {
                    given.is_empty()
                        || given
                            .iter()
                            .any(|(name, _)| t.program == Some(name.as_str()))
                })
                .collect();
            (s.exercise, tests)
        })
        .collect();
    let externals: Vec<Vec<(String, std::path::PathBuf)>> =
        chosen.iter().map(|(e, _)| external(e)).collect();
    {
        let chosen = chosen.clone();
        let tree = opts.tree.clone();
        let color = opts.color;
        let ci = opts.ci;
        let events_tx = events_tx.clone();
        let queue = Arc::clone(&queue);
        std::thread::spawn(move || {
            for (index, (exercise, tests)) in chosen.into_iter().enumerate() {
                // With --ci, the files students must not edit are checked before anything runs.
                let tampered = if ci {
                    integrity::changed_files(exercise, &tree.package_dir(exercise.name))
                } else {
                    Vec::new()
                };
                if !tampered.is_empty() {
                    let _ = events_tx.send(Event::Built {
                        exercise_index: index,
                        tests: tests.len(),
                        problem: Some(BuildProblem {
                            summary: format!("{}: the exercise's manifest and rules must stay as the lab ships them", tampered.join(", ")),
                            diagnostics: "restore them from the lab (e.g. `git checkout <lab revision> -- <file>`); grading uses the lab's own rules".to_string(),
                            status: Status::Fail,
                        }),
                    });
                    continue;
                }
                let outcome = if externals[index].is_empty() {
                    building::build(&tree, exercise, color)
                } else {
                    Ok(building::external(&externals[index]))
                };
                let outcome = match outcome {
                    Ok(outcome) => outcome,
                    Err(e) => {
                        let _ = events_tx.send(Event::Fatal(e));
                        return;
                    }
                };
                let problem = match outcome {
                    BuildOutcome::Built(built) => {
                        let built = Arc::new(built);
                        let _ = events_tx.send(Event::Built {
                            exercise_index: index,
                            tests: tests.len(),
                            problem: None,
                        });
                        for (test_index, &test) in tests.iter().enumerate() {
                            queue.push(Job {
                                exercise_index: index,
                                test_index,
                                test,
                                exercise,
                                built: Arc::clone(&built),
                            });
                        }
                        continue;
                    }
                    BuildOutcome::Missing(summary) => BuildProblem {
                        summary,
                        diagnostics: String::new(),
                        status: Status::DoesNotCompile,
                    },
                    BuildOutcome::DoesNotCompile {
                        summary,
                        diagnostics,
                    } => BuildProblem {
                        summary,
                        diagnostics,
                        status: Status::DoesNotCompile,
                    },
                };
                let _ = events_tx.send(Event::Built {
                    exercise_index: index,
                    tests: tests.len(),
                    problem: Some(problem),
                });
            }
            queue.close();
        });
    }
    drop(events_tx);

    // The collector: gather results, watch for overruns, report in course order.
    let mut reports: Vec<Option<ExerciseReport>> = vec![None; chosen.len()];
    let mut slots: Vec<Vec<Option<TestReport>>> =
        chosen.iter().map(|(_, t)| vec![None; t.len()]).collect();
    let mut expected: Vec<Option<usize>> = vec![None; chosen.len()];
    let mut problems: Vec<Option<BuildProblem>> = vec![None; chosen.len()];
    let mut running: Vec<(usize, usize, String, Instant, bool)> = Vec::new();
    let mut next_to_report = 0;

    while next_to_report < chosen.len() {
        match events.recv_timeout(Duration::from_millis(100)) {
            Ok(Event::Fatal(e)) => {
                supervise::stop_everything();
                return Err(e);
            }
            Ok(Event::Built {
                exercise_index,
                tests,
                problem,
            }) => {
                expected[exercise_index] = Some(tests);
                if let Some(problem) = problem {
                    for (i, test) in chosen[exercise_index].1.iter().enumerate() {
                        slots[exercise_index][i] = Some(TestReport {
                            test,
                            status: problem.status,
                            failure: None,
                            duration: Duration::ZERO,
                            log: Vec::new(),
                        });
                    }
                    problems[exercise_index] = Some(problem);
                }
            }
            Ok(Event::Started {
                exercise_index,
                test_index,
                tag,
                at,
            }) => {
                running.push((exercise_index, test_index, tag, at, false));
            }
            Ok(Event::Finished {
                exercise_index,
                test_index,
                report,
            }) => {
                running.retain(|r| !(r.0 == exercise_index && r.1 == test_index));
                if slots[exercise_index][test_index].is_none() {
                    slots[exercise_index][test_index] = Some(report);
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => {}
        }

        // Overruns: kill the test's processes, then give up on it.
        let now = Instant::now();
        for run in running.iter_mut() {
            let (e, t, tag, at, killed) = (run.0, run.1, &run.2, run.3, &mut run.4);
            let timeout = chosen[e].1[t].timeout;
            if !*killed && now > at + timeout + OVERRUN_KILL {
                supervise::stop_tagged(tag);
                *killed = true;
            }
            if now > at + timeout + OVERRUN_ABANDON && slots[e][t].is_none() {
                slots[e][t] = Some(TestReport {
                    test: chosen[e].1[t],
                    status: Status::Error,
                    failure: Some(Failure::checker_error(format!(
                        "the test did not finish within its time limit ({} s) and was abandoned",
                        timeout.as_secs()
                    ))),
                    duration: now - at,
                    log: Vec::new(),
                });
            }
        }

        // Report every exercise that is complete, in order.
        while next_to_report < chosen.len() {
            let i = next_to_report;
            let complete = expected[i].is_some() && slots[i].iter().all(Option::is_some);
            if !complete {
                break;
            }
            let mut report = ExerciseReport {
                exercise: chosen[i].0,
                build_problem: problems[i].take(),
                tests: slots[i]
                    .iter_mut()
                    .map(|s| s.take().expect("complete"))
                    .collect(),
            };
            rules_wait_for_work(&mut report.tests);
            done(&report);
            reports[i] = Some(report);
            next_to_report += 1;
        }
    }
    Ok(reports.into_iter().flatten().collect())
}

/// Tests waiting to run, longest timeout first across every exercise built so far: a cheap
/// stand-in for longest-running first, so that a slow test never starts last and stretches
/// the whole run. Ties keep the order in which the tests were queued.
#[derive(Default)]
struct Queue {
    state: Mutex<QueueState>,
    ready: std::sync::Condvar,
}

#[derive(Default)]
struct QueueState {
    jobs: Vec<(u64, Job)>,
    queued: u64,
    /// No more jobs will come.
    closed: bool,
}

impl Queue {
    fn push(&self, job: Job) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.queued += 1;
        let seq = state.queued;
        state.jobs.push((seq, job));
        self.ready.notify_one();
    }

    fn close(&self) {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).closed = true;
        self.ready.notify_all();
    }

    /// The next job, or `None` once the queue is closed and empty.
    fn pop(&self) -> Option<Job> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            let best = state
                .jobs
                .iter()
                .enumerate()
                .max_by_key(|(_, (seq, job))| (job.test.timeout, std::cmp::Reverse(*seq)))
                .map(|(i, _)| i);
            if let Some(i) = best {
                return Some(state.jobs.swap_remove(i).1);
            }
            if state.closed {
                return None;
            }
            state = self.ready.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }
}

/// The right to run a test: at most `jobs` at once.
struct Slots {
    jobs: usize,
    running: Mutex<usize>,
    changed: std::sync::Condvar,
}

impl Slots {
    fn new(jobs: usize) -> Self {
        Slots {
            jobs,
            running: Mutex::new(0),
            changed: std::sync::Condvar::new(),
        }
    }

    fn acquire(&self) {
        let mut running = self.running.lock().unwrap_or_else(|e| e.into_inner());
        while *running >= self.jobs {
            running = self
                .changed
                .wait(running)
                .unwrap_or_else(|e| e.into_inner());
        }
        *running += 1;
    }

    fn release(&self) {
        *self.running.lock().unwrap_or_else(|e| e.into_inner()) -= 1;
        self.changed.notify_one();
    }
}

thread_local! {
    /// The `-j` slots of the test running on this thread, and whether it still holds one
    /// (see `off_cpu`).
    static SLOTS: std::cell::RefCell<Option<Arc<Slots>>> = const { std::cell::RefCell::new(None) };
    static HOLDS_SLOT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Run `f`, a wait on a timer (a program's own timeout, an idle period the test imposes),
/// after giving this test's `-j` slot to another test. The test does not take a slot back:
/// what follows such a wait is short (checking what came back), and a test that had to queue
/// for a slot again could be starved by tests that are slow to fail.
pub fn off_cpu<T>(f: impl FnOnce() -> T) -> T {
    // Only where slots are lent (the worker set SLOTS): otherwise the slot stays held and
    // the worker releases it when the test ends.
    if let Some(slots) = SLOTS.with(|s| s.borrow().clone())
        && HOLDS_SLOT.with(|h| h.replace(false))
    {
        slots.release();
    }
    f()
}

fn worker(queue: &Queue, slots: Arc<Slots>, events: mpsc::Sender<Event>, seed: u64, lend: bool) {
    if lend {
        SLOTS.with(|s| *s.borrow_mut() = Some(Arc::clone(&slots)));
    }
    loop {
        slots.acquire();
        let Some(job) = queue.pop() else {
            slots.release();
            return;
        };
        HOLDS_SLOT.with(|h| h.set(true));
        let at = Instant::now();
        let log = Arc::new(Mutex::new(Vec::new()));
        // The test's own directory: its programs run there, and in a sandbox it is the only
        // place they may write.
        let workdir = match tempfile::Builder::new()
            .prefix("lab-checker-run-")
            .tempdir()
        {
            Ok(dir) => dir,
            Err(e) => {
                let _ = events.send(Event::Finished {
                    exercise_index: job.exercise_index,
                    test_index: job.test_index,
                    report: TestReport {
                        test: job.test,
                        status: Status::Error,
                        failure: Some(Failure::checker_error(format!(
                            "the checker could not make a directory for the test: {e}"
                        ))),
                        duration: Duration::ZERO,
                        log: Vec::new(),
                    },
                });
                if HOLDS_SLOT.with(|h| h.replace(false)) {
                    slots.release();
                }
                continue;
            }
        };
        // The programs of an exercise run in a sandbox of their own, where allowed.
        let has_programs = !job.exercise.kind.binaries().is_empty();
        let sandbox = match (has_programs, sandbox::mode()) {
            (true, sandbox::Mode::Namespaces) => match Sandbox::create(Some(workdir.path())) {
                Ok(s) => Some(s),
                Err(e) => {
                    log.lock()
                        .map(|mut l| {
                            l.push(format!("no sandbox for this test ({e:#}): plain mode"))
                        })
                        .ok();
                    None
                }
            },
            _ => None,
        };
        let scope = supervise::Scope::new(
            sandbox.as_ref().map(Sandbox::fds),
            workdir.path().to_path_buf(),
        );
        let tag = scope.tag_prefix.clone();
        let _ = events.send(Event::Started {
            exercise_index: job.exercise_index,
            test_index: job.test_index,
            tag: tag.clone(),
            at,
        });
        let entered = sandbox.as_ref().and_then(|s| s.enter().ok());
        let result = {
            let mut ctx = Ctx::new(
                job.exercise,
                job.test,
                &job.built,
                seed,
                Arc::clone(&log),
                scope,
            );
            // The checker never panics on student behaviour; if a test has a bug, the test
            // reports an error instead of taking the run down.
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (job.test.run)(&mut ctx)))
                .unwrap_or_else(|panic| {
                    let what = panic
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_default();
                    Err(Failure::checker_error(format!(
                        "the checker's test itself failed: {what}"
                    )))
                })
        };
        // Anything the test started and did not stop is stopped now, and its namespaces go.
        supervise::stop_tagged(&tag);
        let mut interventions = supervise::interventions(&tag);
        if let Some(left) = sandbox.as_ref().map(Sandbox::leftovers).filter(|&n| n > 0) {
            interventions.push(supervise::Intervention::SandboxLeftovers { count: left });
        }
        drop(entered);
        drop(sandbox);
        drop(workdir);
        let (status, failure) = match result {
            Ok(()) => (Status::Pass, None),
            Err(f) => (f.status, Some(explained_by(f, &interventions))),
        };
        let report = TestReport {
            test: job.test,
            status,
            failure,
            duration: at.elapsed(),
            log: log.lock().map(|l| l.clone()).unwrap_or_default(),
        };
        if HOLDS_SLOT.with(|h| h.replace(false)) {
            slots.release();
        }
        let _ = events.send(Event::Finished {
            exercise_index: job.exercise_index,
            test_index: job.test_index,
            report,
        });
    }
}

/// What the checker had to do to the programs explains many a refusal or timeout: add it to
/// the failure. A server that ended on its own is the cause of whatever the test saw next (a
/// refused connect, a reset): the failure then keeps the test's own hint, not the one for the
/// symptom, and shows how the server ended and its last words.
fn explained_by(f: Failure, interventions: &[supervise::Intervention]) -> Failure {
    use crate::hints::Kind;
    if interventions.is_empty() || f.status == Status::NotStarted {
        return f;
    }
    let mut f = f;
    let server_end = interventions.iter().find_map(|i| match i {
        supervise::Intervention::EndedOnItsOwn {
            label,
            how,
            last_words,
            server: true,
        } => Some((label, how, last_words)),
        _ => None,
    });
    if let Some((label, how, last_words)) = server_end {
        // The test saw only a symptom (refused, reset, ...): name the cause.
        if matches!(
            f.kind,
            Some(Kind::Reset | Kind::Refused | Kind::EarlyEof | Kind::Timeout)
        ) {
            f.kind = None;
            if f.note.is_none() {
                f.note = Some(format!(
                    "{label} {how} while the test was still talking to it: a server runs until it is stopped, and a client's error costs only that client's connection"
                ));
            }
        }
        if f.output.is_none() && !last_words.is_empty() {
            f.output = Some(last_words.join("\n"));
        }
    }
    let seen: Vec<String> = interventions.iter().map(|i| i.describe()).collect();
    f.detail("the checker saw", seen.join("\n"))
}

/// The rules hold trivially while nothing is written: an untouched stub's `rules` would read
/// as a pass among failures ("1 passed"). Until some other test gets past its `todo!()`, the
/// rules count as not started too.
fn rules_wait_for_work(tests: &mut [TestReport]) {
    let others: Vec<Status> = tests
        .iter()
        .filter(|t| t.test.id != catalog::RULES.id)
        .map(|t| t.status)
        .collect();
    if others.is_empty() || others.iter().any(|&s| s != Status::NotStarted) {
        return;
    }
    for t in tests
        .iter_mut()
        .filter(|t| t.test.id == catalog::RULES.id && t.status == Status::Pass)
    {
        t.status = Status::NotStarted;
        t.failure = Some(Failure::not_started(
            "nothing to check yet: the rules are checked once your code gets past its todo!()s",
        ));
    }
}
