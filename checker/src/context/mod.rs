//! What a running test gets, `Ctx`: its exercise itself and the track it is graded on, the
//! built exercise (`built`), its own seeded random numbers, its deadline, its `-j` slot
//! (`slot`), the scope its programs run in, and a log that `-v` shows in full. Test functions
//! (`TestFn`, each row's `run`) take it; the runner makes one per test.
//!
//! The exercise's table holds those functions, and they take this context, which holds the
//! exercise: the table's types are generic over the function (`table`), and the knot is tied
//! here, once (`TestFn`, `Exercise`).

pub mod built;
pub mod slot;

use std::hash::Hasher;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::base::hash::Fnv;
use crate::base::i18n::Text;
use crate::base::verdict::{Failure, TestResult};
use crate::base::workspace::Track;
use crate::contain::scope::Scope;
use crate::contain::spawn::Spawn;
use crate::context::built::Built;
use crate::context::slot::Slot;
use crate::observe::harness::Harness;
use crate::observe::stuck::Watched;
use crate::observe::wire::Transcript;

/// What runs a test: a function of its context (`table::case::TestCase::run`).
pub type TestFn = fn(&mut Ctx) -> TestResult;

/// An exercise as the lab's tables declare it: `table`'s, its tests run by `TestFn`.
pub type Exercise = crate::table::exercise::Exercise<TestFn>;

/// Which test a context is for (`lab::test::Test::which` makes it from the test itself).
pub struct Which {
    /// Its exercise, as the selection found it (`lab::selection`).
    pub exercise: &'static Exercise,
    pub test: &'static str,
    /// The test must end within this.
    pub timeout: Duration,
    /// The program the test's table row names (`TestCase::program`).
    pub program: Option<&'static str>,
    /// What a family's test gives that program after its port (`Takes::args`).
    pub args: &'static [&'static str],
}

pub struct Ctx<'a> {
    /// The `-j` slot the test runs in (see `off_cpu`).
    slot: &'a Slot,
    /// The exercise itself (its name `day2-echo`, its C track, its student's files), as the
    /// run's selection found it (`lab::selection`): nothing below looks it up again.
    pub exercise: &'static Exercise,
    /// The track the run grades this exercise on, chosen once where the run is planned
    /// (`commands::options`, given to each exercise by `grade::runner::plan`): its tests read
    /// it here, and nothing below decides it again.
    pub track: Track,
    /// The program this test is about (its table row's `program`): tests shared by several
    /// exercises (an echo server's) start it by this name.
    pub program: Option<&'static str>,
    /// The arguments the program takes after its port in a test shared by several exercises
    /// (`Which::args`): empty but where the exercise's contract wants more.
    pub program_args: &'static [&'static str],
    pub built: &'a Built,
    /// Every random input of the test comes from here (seeded from `--seed` and the test id,
    /// so a test draws the same inputs whatever runs beside it).
    pub rng: fastrand::Rng,
    /// The test must be over by then; every wait inside it is bounded by it.
    pub deadline: Instant,
    log: Arc<Mutex<Vec<Text>>>,
    /// The program the test waits for (its server, once started): a wait asks whether it is
    /// stuck rather than waiting out its deadline.
    watched: Arc<Watched>,
    /// Where the test's programs run: its tag, its sandbox, its own fresh directory (removed
    /// with the test, so nothing a program writes lands in the lab).
    scope: Scope,
}

impl<'a> Ctx<'a> {
    pub fn new(
        which: Which,
        track: Track,
        built: &'a Built,
        seed: u64,
        log: Arc<Mutex<Vec<Text>>>,
        scope: Scope,
        slot: &'a Slot,
    ) -> Self {
        Ctx {
            exercise: which.exercise,
            track,
            program: which.program,
            program_args: which.args,
            built,
            rng: fastrand::Rng::with_seed(test_seed(seed, which.exercise.name, which.test)),
            deadline: Instant::now() + which.timeout,
            log,
            watched: {
                let watched = Watched::default();
                watched.when_quiet(slot.lender());
                Arc::new(watched)
            },
            scope,
            slot,
        }
    }

    /// From now on the test's waits watch the program led by `pid` (its server): once it is
    /// certainly stuck, a wait fails at once and says where it sleeps.
    pub fn watch(&self, pid: i32, label: &str) {
        self.watched.watch(pid, label);
    }

    /// The program must wake on a timer of its own that nothing shows (alarm(); a socket's
    /// timeouts are read, see `observe::stuck`): no quiet spell proves it stuck, so nothing is
    /// watched in this test.
    pub fn expect_timers(&self) {
        self.watched.off();
    }

    /// The replies this test waits for are due at once, and its program's contract gives it no
    /// timer before them (a chat line, an echo): a program that holds still for a second with
    /// one due, even waking on timers of its own, fails then (`observe::stuck::idle`).
    pub fn replies_due(&self) {
        self.watched.replies_due();
    }

    /// Run `f`, a wait on a timer (a program's own timeout, an idle period the test imposes),
    /// after lending this test's `-j` slot to another test: a test that only waits need not
    /// hold up the CPU-bound ones. It does not take the slot back (see `Slot::lend`).
    pub fn off_cpu<T>(&self, f: impl FnOnce() -> T) -> T {
        self.slot.lend();
        f()
    }

    /// Lend this test's `-j` slot now: what is left of the test mostly waits on timers (a
    /// program paced by the checker's pauses, a contract's retry timer), with short steps
    /// between them. For waits that need `&mut Ctx` and so cannot go inside `off_cpu`.
    pub fn lend_slot(&self) {
        self.slot.lend();
    }

    /// `n` random bytes from the test's seeded generator.
    pub fn random_bytes(&mut self, n: usize) -> Vec<u8> {
        let mut data = vec![0u8; n];
        self.rng.fill(&mut data);
        data
    }

    /// The earlier of the test's deadline and `from_now` from now.
    pub fn within(&self, from_now: Duration) -> Instant {
        (Instant::now() + from_now).min(self.deadline)
    }

    /// Add a line to the test's transcript (shown with `-v`, and with a failure).
    pub fn log(&self, line: impl Into<Text>) {
        if let Ok(mut log) = self.log.lock() {
            log.push(line.into());
        }
    }

    /// A transcript of the test's connections, mirrored into its log.
    pub fn transcript(&self) -> Arc<Transcript> {
        Transcript::new(Arc::clone(&self.log), Arc::clone(&self.watched))
    }

    /// A transcript of the test's connections that keeps its last lines for a failure but does
    /// not mirror them into the test's log (a thousand clients' traffic), and whose waits still
    /// watch the test's program.
    pub fn quiet_transcript(&self) -> Arc<Transcript> {
        Transcript::new(Arc::new(Mutex::new(Vec::new())), Arc::clone(&self.watched))
    }

    /// Start the harness of a library exercise, named in reports by `label` (the student's
    /// files it runs).
    pub fn harness(&self, label: &str) -> Result<Harness, Failure> {
        let binary = self
            .built
            .harness
            .as_ref()
            .ok_or_else(|| Failure::checker_error("this exercise has no harness"))?;
        Harness::start(binary, label, &self.scope)
    }

    /// Prepare to run one of the exercise's programs, in the test's own fresh directory.
    pub fn program(&self, name: &str) -> Result<Spawn, Failure> {
        let path =
            self.built.executables.get(name).ok_or_else(|| {
                Failure::checker_error(format!("no program named {name} was built"))
            })?;
        Ok(Spawn::new(path, name).in_scope(&self.scope))
    }

    /// Prepare to run any other command as part of the test (in its scope).
    pub fn spawn(&self, program: impl AsRef<std::path::Path>, label: &str) -> Spawn {
        Spawn::new(program, label).in_scope(&self.scope)
    }

    /// How a student runs program `name` by hand (its arguments follow): the cargo command,
    /// make and the program's path on the C track, or the path of a program given with
    /// `--program`.
    pub fn by_hand(&self, name: &str) -> String {
        match self.built.executables.get(name) {
            Some(path) if self.built.origin(name) == built::Origin::Given => {
                crate::base::escape::shell_word(&path.to_string_lossy())
            }
            _ => match &self.built.by_hand_dir {
                Some(dir) => format!("make -s -C {dir} && {dir}{name}"),
                None => format!("cargo run -q -p {} --bin {name} --", self.exercise.name),
            },
        }
    }

    /// Whether the test's programs run in a network namespace of their own (a sandbox): else
    /// they share the machine's ports with every other test and program (plain mode).
    pub fn own_network(&self) -> bool {
        self.scope.sandbox.is_some()
    }

    /// The test's own directory, where its programs run: in a sandbox, the only place they
    /// may write, so every file a program writes goes here.
    pub fn workdir(&self) -> &std::path::Path {
        &self.scope.workdir
    }

    /// A fresh directory inside the test's own, for files a program reads or writes.
    pub fn scratch(&self, prefix: &str) -> Result<tempfile::TempDir, Failure> {
        Ok(tempfile::Builder::new()
            .prefix(prefix)
            .tempdir_in(self.workdir())?)
    }
}

/// The seed of one test: the run's seed mixed with the test's identity (FNV-1a).
pub fn test_seed(seed: u64, exercise: &str, test: &str) -> u64 {
    let mut hash = Fnv::seeded(seed);
    hash.write(format!("{exercise}/{test}").as_bytes());
    hash.finish()
}
