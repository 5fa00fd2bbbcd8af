//! A worker runs one test at a time: in a scope of its own (a tag for everything the test
//! starts, a fresh directory, a sandbox where allowed), with a `Ctx` that gives the test its
//! inputs and deadline; then it stops whatever the test left running and writes down what the
//! checker had to do. A test that panics (a bug of the checker's) is an error, never a crash.

use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::attempt::Attempt;
use super::scheduler::{OFF_CPU_WORKERS, Queue};
use super::{Event, Job, Options, rejudge, turns};
use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Diagnosis, Failure, FailureKind, Status, TestResult};
use crate::contain::intervention::{Intervention, Recorder};
use crate::contain::pressure::{self, Window};
use crate::contain::reaper;
use crate::contain::sandbox::{self, Sandbox};
use crate::contain::scope::Scope;
use crate::contain::workdirs::WorkDir;
use crate::context::Ctx;
use crate::context::slot::{Slot, Slots};
use crate::grade::outcome::TestReport;

/// Start the workers: one per slot, and more where slots are lent.
pub fn start(opts: &Options, queue: &Arc<Queue>, events: &Sender<Event>) {
    let slots = Arc::new(Slots::new(opts.jobs));
    let lend = opts.lend_slots;
    let extra = if lend { OFF_CPU_WORKERS } else { 0 };
    for _ in 0..opts.jobs + extra {
        let (slots, queue, events) = (Arc::clone(&slots), Arc::clone(queue), events.clone());
        let (seed, mode) = (opts.seed, opts.sandbox);
        std::thread::spawn(move || {
            loop {
                let slot = Slot::acquire(&slots, lend);
                let Some(job) = queue.pop() else {
                    return;
                };
                run(job, seed, mode, &slot, &events);
            }
        });
    }
}

/// Run one test and send its outcome; a failure on time while the machine starved the test is
/// judged again, alone (`rejudge`).
fn run(job: Job, seed: u64, mode: sandbox::Mode, slot: &Slot, events: &Sender<Event>) {
    let (exercise_index, test_index) = (job.exercise_index, job.test_index);
    let first = {
        let _shared = turns::TURNS.shared();
        attempt(&job, seed, mode, slot, events, Window::open)
    };
    slot.give_back();
    let programs = !job.test.exercise.kind.binaries().is_empty();
    let wait_for_turn = Instant::now() + turns::TURN_WAIT;
    let outcome = if rejudge::worth_judging_again(&first, programs) {
        // Not watched for overruns while it waits for the others to finish.
        let _ = events.send(Event::Requeued {
            exercise_index,
            test_index,
        });
        match turns::TURNS.alone(wait_for_turn) {
            Some(_alone) => {
                // How starved the machine is with none of the checker's tests running: a test's
                // own programs (a server that spins) make pressure too, theirs to answer for.
                // The machine's pressure, not the checker's cgroup's: with no test running,
                // nothing of the checker's waits, whatever else starves the machine.
                let machine = Window::open_machine();
                std::thread::sleep(rejudge::BASELINE);
                let baseline = machine.close();
                let _boost = pressure::boost();
                let unmetered = Slot::unmetered();
                let second = attempt(&job, seed, mode, &unmetered, events, Window::open_own);
                rejudge::conclude(first, second, baseline)
            }
            None => rejudge::no_turn_alone(first),
        }
    } else {
        rejudge::as_it_stands(first)
    };
    let _ = events.send(Event::Finished {
        exercise_index,
        test_index,
        report: Box::new(TestReport::of(
            job.test,
            outcome.failure,
            outcome.took,
            outcome.log,
        )),
    });
}

/// Run the test once, in a scope of its own.
fn attempt(
    job: &Job,
    seed: u64,
    mode: sandbox::Mode,
    slot: &Slot,
    events: &Sender<Event>,
    measure: fn() -> Window,
) -> Attempt {
    let at = Instant::now();
    let window = measure();
    let workdir = match test_directory() {
        Ok(dir) => dir,
        Err(attempt) => return attempt,
    };
    let log = Arc::new(Mutex::new(Vec::new()));
    let sandbox = sandbox_for(job, mode, workdir.path(), &log);
    let scope = Scope::new(
        sandbox.as_ref().map(Sandbox::fds),
        workdir.path().to_path_buf(),
    );
    let recorder: Recorder = scope.recorder.clone();
    let busiest = scope.busiest_cpu.clone();
    let tag = scope.tag_prefix.clone();
    announce_start(events, job, &tag, at);
    // The test's own thread joins the sandbox's network namespace, where its programs listen.
    // If it cannot, the checker is at fault: running the test anyway would show the student
    // a "connection refused" of the checker's making.
    let entered = match sandbox.as_ref().map(Sandbox::enter).transpose() {
        Ok(entered) => entered,
        Err(e) => return could_not_enter(sandbox, slot, &e, at),
    };
    let result = run_in_its_ctx(job, seed, &log, scope, slot);
    // How much of a CPU its programs' busiest thread had, of those the test stopped and those
    // still running: one that spun for the whole test did not lack it.
    let program_cpu = busiest.most().max(reaper::tagged_busiest_cpu(&tag));
    let interventions = stop_what_is_left(&tag, &recorder, sandbox.as_ref());
    drop(entered);
    drop(sandbox);
    drop(workdir);
    let forked_past_cap = forked_past_cap(&interventions);
    // The status is the failure's once explained: a failure a todo!() explains is "not
    // started", whatever the test saw.
    let failure = result.err().map(|f| explained_by(f, &interventions));
    let starvation = window.close();
    slot.give_back();
    give_freed_memory_back();
    let log = log.lock().map(|l| l.clone()).unwrap_or_default();
    Attempt {
        failure,
        took: at.elapsed(),
        log,
        starvation,
        program_cpu,
        forked_past_cap,
    }
}

/// The progress display learns that the test started, and the tag of its programs.
fn announce_start(events: &Sender<Event>, job: &Job, tag: &str, at: Instant) {
    let _ = events.send(Event::Started {
        exercise_index: job.exercise_index,
        test_index: job.test_index,
        tag: tag.to_string(),
        at,
    });
}

/// The checker's own failure to enter the sandbox: the sandbox goes before the slot is given
/// back, and the test is not run.
fn could_not_enter(
    sandbox: Option<Sandbox>,
    slot: &Slot,
    e: &anyhow::Error,
    at: Instant,
) -> Attempt {
    drop(sandbox);
    slot.give_back();
    let summary = msg!("worker-could-not-enter-sandbox", error = format!("{e:#}"));
    Attempt::checker_error(summary, at.elapsed())
}

/// The test itself, with its context, which goes when it returns.
fn run_in_its_ctx(
    job: &Job,
    seed: u64,
    log: &Arc<Mutex<Vec<Text>>>,
    scope: Scope,
    slot: &Slot,
) -> TestResult {
    let mut ctx = Ctx::new(
        job.test.which(),
        job.track,
        &job.built,
        seed,
        Arc::clone(log),
        scope,
        slot,
    );
    run_catching_panics(job.test.run, &mut ctx)
}

/// The test's own directory: its programs run there, and in a sandbox it is the only place
/// they may write. Without one the checker is at fault, which the attempt says.
fn test_directory() -> Result<WorkDir, Attempt> {
    WorkDir::new("lab-checker-run-").map_err(|e| {
        let summary = msg!("worker-no-directory", error = e.to_string());
        Attempt::checker_error(summary, Duration::ZERO)
    })
}

/// Anything the test started and did not stop is stopped now, and its namespaces go: what the
/// checker had to do to its programs, sandbox leftovers included.
fn stop_what_is_left(
    tag: &str,
    recorder: &Recorder,
    sandbox: Option<&Sandbox>,
) -> Vec<Intervention> {
    reaper::stop_tagged(tag);
    let mut interventions = recorder.take();
    if let Some(left) = sandbox.map(Sandbox::leftovers).filter(|&n| n > 0) {
        interventions.push(Intervention::SandboxLeftovers { count: left });
    }
    interventions
}

/// Whether the checker had to stop a fork bomb or refuse forks to the test's programs.
fn forked_past_cap(interventions: &[Intervention]) -> bool {
    interventions.iter().any(|i| {
        matches!(
            i,
            Intervention::KilledForkBomb | Intervention::RefusedForks { .. }
        )
    })
}

/// What the test allocated (clients, floods, captures) goes back to the kernel: malloc keeps
/// freed memory in its arenas, and every program the checker starts is forked from it, a fork
/// copying the page tables of all it holds (a fifth of the suite's CPU went to forks while
/// the checker held 100 MB it no longer used).
fn give_freed_memory_back() {
    // SAFETY: malloc_trim only returns free memory; it is safe to call from any thread.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// The programs of an exercise run in a sandbox of their own, where allowed.
fn sandbox_for(
    job: &Job,
    mode: sandbox::Mode,
    workdir: &std::path::Path,
    log: &Mutex<Vec<Text>>,
) -> Option<Sandbox> {
    let has_programs = !job.test.exercise.kind.binaries().is_empty();
    if !has_programs || mode != sandbox::Mode::Namespaces {
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
        } => Some(crate::contain::exit::reached_todo(label, at)),
        _ => None,
    });
    if let Some(summary) = todo {
        return Failure::not_started(summary);
    }
    let mut f = f;
    blame_the_server_end(&mut f, interventions);
    let seen = Text::lines(interventions.iter().map(|i| i.describe()));
    f.detail(msg!("worker-the-checker-saw"), seen)
}

/// A server that ended on its own is the cause of the symptom the test saw: the failure names
/// that end, not the symptom's hint, and shows the server's last words.
fn blame_the_server_end(f: &mut Failure, interventions: &[Intervention]) {
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
        // The server did not close the connection unread: it ended.
        if f.diagnosis == Some(Diagnosis::ClosedUnread) {
            f.diagnosis = None;
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
}

#[cfg(test)]
mod tests {
    use super::explained_by;
    use crate::base::i18n::{Text, msg};
    use crate::base::verdict::{Failure, FailureKind, Status};
    use crate::contain::intervention::Intervention;

    fn ended(server: bool, todo_at: Option<&str>) -> Intervention {
        Intervention::EndedOnItsOwn {
            label: "echo-server".into(),
            how: Text::Plain("exited with status 101".into()),
            last_words: vec!["thread 'main' panicked".into()],
            server,
            todo_at: todo_at.map(String::from),
            eintr_after_stop: None,
        }
    }

    #[test]
    fn a_failure_nothing_explains_is_kept() {
        let f = Failure::of_kind(FailureKind::Refused, "refused");
        let got = explained_by(f, &[]);
        assert_eq!(
            (got.status, got.kind),
            (Status::Fail, Some(FailureKind::Refused))
        );
    }

    #[test]
    fn a_todo_makes_any_failure_not_started() {
        let f = Failure::of_kind(FailureKind::Reset, "reset by peer");
        let got = explained_by(f, &[ended(true, Some("src/bin/echo-server.rs:12:5"))]);
        assert_eq!(got.status, Status::NotStarted);
        assert!(got.summary.is("program-reached-todo"));
    }

    #[test]
    fn a_server_that_ended_is_the_cause_of_the_symptom() {
        let f = Failure::of_kind(FailureKind::Refused, "refused");
        let got = explained_by(f, &[ended(true, None)]);
        assert_eq!((got.status, got.kind), (Status::Fail, None));
        assert!(
            got.note
                .as_ref()
                .is_some_and(|n| n.is("worker-server-ended"))
        );
        assert_eq!(got.output.as_deref(), Some("thread 'main' panicked"));
        assert!(
            got.details
                .iter()
                .any(|(label, _)| label.is("worker-the-checker-saw"))
        );
    }

    #[test]
    fn a_wrong_answer_keeps_its_own_hint() {
        let f = Failure::wrong(msg!("echo-line-count", count = "2"));
        let got = explained_by(f, &[ended(true, None)]);
        assert_eq!(got.kind, None);
        assert!(got.note.is_none());
    }

    #[test]
    fn not_started_stays_not_started() {
        let f = Failure::not_started("todo");
        let got = explained_by(f, &[ended(false, None)]);
        assert_eq!(got.status, Status::NotStarted);
        assert!(got.details.is_empty());
    }
}
