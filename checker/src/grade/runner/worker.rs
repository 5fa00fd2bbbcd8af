//! A worker runs one test at a time: in a scope of its own (a tag for everything the test
//! starts, a fresh directory, a sandbox where allowed), with a `Ctx` that gives the test its
//! inputs and deadline; then it stops whatever the test left running and writes down what the
//! checker had to do. A test that panics (a bug of the checker's) is an error, never a crash.

use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::scheduler::{OFF_CPU_WORKERS, Queue};
use super::{Event, Job, Options};
use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, FailureKind, Status, TestResult};
use crate::contain::intervention::{Intervention, Recorder};
use crate::contain::reaper;
use crate::contain::sandbox::{self, Sandbox};
use crate::contain::scope::Scope;
use crate::context::slot::{Slot, Slots};
use crate::context::{Ctx, Which};
use crate::grade::outcome::TestReport;

/// Start the workers: one per slot, and more where slots are lent.
pub fn start(opts: &Options, queue: &Arc<Queue>, events: &Sender<Event>) {
    let slots = Arc::new(Slots::new(opts.jobs));
    let lend = opts.lend_slots;
    let extra = if lend { OFF_CPU_WORKERS } else { 0 };
    for _ in 0..opts.jobs + extra {
        let (slots, queue, events) = (Arc::clone(&slots), Arc::clone(queue), events.clone());
        let seed = opts.seed;
        std::thread::spawn(move || {
            loop {
                let slot = Slot::acquire(&slots, lend);
                let Some(job) = queue.pop() else {
                    return;
                };
                run(job, seed, &slot, &events);
            }
        });
    }
}

/// Run one test and send its outcome.
fn run(job: Job, seed: u64, slot: &Slot, events: &Sender<Event>) {
    let at = Instant::now();
    let (exercise_index, test_index) = (job.exercise_index, job.test_index);
    let finished = |report: TestReport| {
        let _ = events.send(Event::Finished {
            exercise_index,
            test_index,
            report,
        });
    };
    // The test's own directory: its programs run there, and in a sandbox it is the only place
    // they may write.
    let workdir = match tempfile::Builder::new()
        .prefix("lab-checker-run-")
        .tempdir()
    {
        Ok(dir) => dir,
        Err(e) => {
            return finished(TestReport {
                test: job.test,
                status: Status::Error,
                failure: Some(Failure::checker_error(msg!(
                    "worker-no-directory",
                    error = e.to_string()
                ))),
                duration: Duration::ZERO,
                log: Vec::new(),
            });
        }
    };
    let log = Arc::new(Mutex::new(Vec::new()));
    let sandbox = sandbox_for(&job, workdir.path(), &log);
    let scope = Scope::new(
        sandbox.as_ref().map(Sandbox::fds),
        workdir.path().to_path_buf(),
    );
    let recorder: Recorder = scope.recorder.clone();
    let tag = scope.tag_prefix.clone();
    let _ = events.send(Event::Started {
        exercise_index,
        test_index,
        tag: tag.clone(),
        at,
    });
    let entered = sandbox.as_ref().and_then(|s| s.enter().ok());
    let which = Which {
        exercise: job.exercise.name,
        test: job.test.id,
        timeout: job.test.timeout,
        program: job.test.program,
    };
    let mut ctx = Ctx::new(which, &job.built, seed, Arc::clone(&log), scope, slot);
    let result = run_catching_panics(job.test.run, &mut ctx);
    drop(ctx);
    // Anything the test started and did not stop is stopped now, and its namespaces go.
    reaper::stop_tagged(&tag);
    let mut interventions = recorder.take();
    if let Some(left) = sandbox.as_ref().map(Sandbox::leftovers).filter(|&n| n > 0) {
        interventions.push(Intervention::SandboxLeftovers { count: left });
    }
    drop(entered);
    drop(sandbox);
    drop(workdir);
    let (status, failure) = match result {
        Ok(()) => (Status::Pass, None),
        Err(f) => (f.status, Some(explained_by(f, &interventions))),
    };
    slot.give_back();
    finished(TestReport {
        test: job.test,
        status,
        failure,
        duration: at.elapsed(),
        log: log.lock().map(|l| l.clone()).unwrap_or_default(),
    });
}

/// The programs of an exercise run in a sandbox of their own, where allowed.
fn sandbox_for(job: &Job, workdir: &std::path::Path, log: &Mutex<Vec<Text>>) -> Option<Sandbox> {
    let has_programs = !job.exercise.kind.binaries().is_empty();
    if !has_programs || sandbox::mode() != sandbox::Mode::Namespaces {
        return None;
    }
    match Sandbox::create(Some(workdir)) {
        Ok(s) => Some(s),
        Err(e) => {
            if let Ok(mut l) = log.lock() {
                l.push(msg!("worker-no-sandbox", error = format!("{e:#}")));
            }
            None
        }
    }
}

/// The checker never panics on student behaviour; if a test has a bug, the test reports an
/// error instead of taking the run down.
fn run_catching_panics(run: fn(&mut Ctx) -> TestResult, ctx: &mut Ctx) -> TestResult {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(ctx))).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(Failure::checker_error(msg!(
            "worker-test-failed",
            what = what
        )))
    })
}

/// What the checker had to do to the programs explains many a refusal or timeout: add it to
/// the failure. A server that ended on its own is the cause of whatever the test saw next (a
/// refused connect, a reset): the failure then keeps the test's own hint, not the one for the
/// symptom, and shows how the server ended and its last words.
fn explained_by(f: Failure, interventions: &[Intervention]) -> Failure {
    if interventions.is_empty() || f.status == Status::NotStarted {
        return f;
    }
    // A program that reached a todo!() explains everything the test saw after it (a server that
    // died at once may still have had its first client's connection completed by the kernel,
    // which the test then saw reset): the exercise is not started, whatever the symptom.
    let todo = interventions.iter().find_map(|i| match i {
        Intervention::EndedOnItsOwn {
            label,
            todo_at: Some(at),
            ..
        } => Some(msg!("program-reached-todo", label = label, at = at)),
        _ => None,
    });
    if let Some(summary) = todo {
        return Failure::not_started(summary);
    }
    let mut f = f;
    let server_end = interventions.iter().find_map(|i| match i {
        Intervention::EndedOnItsOwn {
            label,
            how,
            last_words,
            server: true,
            eintr_after_stop,
            ..
        } => Some((label, how, last_words, eintr_after_stop)),
        _ => None,
    });
    if let Some((label, how, last_words, eintr_after_stop)) = server_end {
        // It ended on the EINTR that the checker's stop caused: say exactly that, whatever the
        // test would have guessed.
        if let Some(call) = eintr_after_stop {
            f.kind = None;
            f.note = Some(msg!("worker-eintr-after-stop", label = label, call = call));
        }
        // The test saw only a symptom (refused, reset, ...): name the cause.
        if matches!(
            f.kind,
            Some(
                FailureKind::Reset
                    | FailureKind::Refused
                    | FailureKind::EarlyEof
                    | FailureKind::Timeout
            )
        ) {
            f.kind = None;
            if f.note.is_none() {
                f.note = Some(msg!("worker-server-ended", label = label, how = how));
            }
        }
        if f.output.is_none() && !last_words.is_empty() {
            f.output = Some(last_words.join("\n"));
        }
    }
    let seen = Text::lines(interventions.iter().map(|i| i.describe()));
    f.detail(msg!("worker-the-checker-saw"), seen)
}
