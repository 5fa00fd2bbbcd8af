//! Every hidden test earns its place: it must fail a realistic broken implementation, and
//! correct alternative designs must pass. The versions live in each exercise's folder, in
//! `checker/exercises/<exercise>/proofs/*.toml` (`[[rust.broken]]`), each the reference solution with one bug
//! (a few lines found and replaced, or a whole file swapped); this runner turns each into a test
//! of its own (`cargo test -p checker --test broken -- day2-inet` runs one exercise's), and
//! one more test proves that every hidden test is failed by at least one version. The C
//! track's versions live beside them (`[[c.broken]]`), edits of `c/solutions/`, each
//! a failure C has and Rust does not; their tests are named `c::<exercise>::...`. Each name
//! starts with the version's round (`r002::c::day2-echo::broken::...`, see `in_turn`).
//!
//! Every run also checks that the checker finished in time and left no process behind.

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use libtest_mimic::{Arguments, Failed, Trial};
use serde::Deserialize;

use common::{Edit, run_checker, tree};

/// One track's versions of one table of an exercise's proofs.
struct File {
    exercise: String,
    /// On the C track (`[[c.broken]]`): edits of `c/solutions/<exercise>/`.
    c: bool,
    broken: Vec<Version>,
    alternative: Vec<Version>,
}

#[derive(Deserialize, Clone)]
struct Version {
    name: String,
    /// What is wrong (or, for an alternative, what is different but correct).
    #[serde(alias = "design")]
    bug: String,
    /// Hidden tests this version must fail.
    #[serde(default)]
    fails: Vec<String>,
    /// The diagnosis each of those failures must carry (the JSON's `diagnosis`), where the
    /// program's state names the cause.
    #[serde(default)]
    diagnosis: Option<String>,
    /// Tests graded beside those it must fail, their verdicts unchecked: a C exercise's
    /// required call is judged only once another test gets past the TODOs
    /// (`rules_wait_for_work`), so a version that fails its rules alone names one.
    #[serde(default)]
    beside: Vec<String>,
    #[serde(default)]
    edit: Vec<Edit>,
    /// How long the whole checker run may take, in seconds.
    #[serde(default = "default_budget")]
    budget: u64,
}

fn default_budget() -> u64 {
    120
}

/// Every exercise's proofs (`checker/exercises/<exercise>/proofs/`), in name order.
fn proofs_dirs() -> Vec<PathBuf> {
    let exercises = common::lab_root().join("checker/exercises");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&exercises)
        .expect("checker/exercises exists")
        .flatten()
        .map(|e| e.path().join("proofs"))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// The Rust track's versions (`[[rust.broken]]`, `[[rust.alternative]]` in each exercise's
/// tables of proofs), then the C track's (`[[c.broken]]`, ...): a `File` per table and track.
fn load() -> Vec<File> {
    let tables: Vec<_> = proofs_dirs()
        .iter()
        .flat_map(|dir| common::proof_tables::<Version>(dir))
        .map(|(_, table)| table)
        .collect();
    let mut rust = Vec::new();
    let mut c = Vec::new();
    for table in tables {
        for (versions, c_track, into) in [(table.rust, false, &mut rust), (table.c, true, &mut c)] {
            if !versions.broken.is_empty() || !versions.alternative.is_empty() {
                into.push(File {
                    exercise: table.exercise.clone(),
                    c: c_track,
                    broken: versions.broken,
                    alternative: versions.alternative,
                });
            }
        }
    }
    rust.into_iter().chain(c).collect()
}

/// The trees the versions of each exercise are graded in, one per version graded at once: a
/// version rewrites only what differs from the last one graded in its tree, so cargo rebuilds
/// the binary or two that changed. A tree of its own per version would compile every crate of
/// the package anew (cargo names build units by their path), one tree at a time (the trees share
/// one build directory, which cargo locks): that was most of the suite's time.
///
/// A tree is taken by locking its lock file (`trees/<tree>.lock`, flock), so that versions
/// graded at once never share one, whether by threads of this process (`cargo test`) or by
/// processes of their own (`cargo nextest`, a process per test); the lock goes with the slot.
struct Slot {
    exercise: String,
    index: usize,
    _lock: std::fs::File,
}

impl Slot {
    /// A tree of `exercise` that no other version is using, until the slot is dropped.
    fn take(exercise: &str) -> Slot {
        let dir = common::scratch().join("trees");
        std::fs::create_dir_all(&dir).expect("making the trees' folder");
        for index in 1.. {
            let path = dir.join(format!("{exercise}--tree-{index}.lock"));
            let file = std::fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            if file.try_lock().is_ok() {
                return Slot {
                    exercise: exercise.to_string(),
                    index,
                    _lock: file,
                };
            }
        }
        unreachable!("an unbounded range ends")
    }

    fn name(&self) -> String {
        format!("{}--tree-{}", self.exercise, self.index)
    }
}

/// Grade one version (of the C track's references if `c`) and check the verdicts.
fn grade((exercise, c): (&str, bool), version: &Version, must_pass: bool) -> Result<(), Failed> {
    let edits: Vec<(&str, Edit)> = version.edit.iter().map(|e| (exercise, e.clone())).collect();
    let slot = Slot::take(&if c {
        format!("c-{exercise}")
    } else {
        exercise.to_string()
    });
    let dir = if c {
        common::c_tree(&slot.name(), &[exercise], &edits)?
    } else {
        tree(&slot.name(), &[exercise], &edits)?
    };
    let seed = common::seed().to_string();
    let root = dir.to_string_lossy();
    let mut args = vec!["--root", &root, "--seed", &seed];
    // The C track is graded in Korean, as a Korean C class is: its report must speak Korean
    // and C (`common::korean`), whatever the version gets wrong.
    if c {
        args.extend(["--lang", "ko"]);
    }
    // A broken version is graded on the tests it declares, the only verdicts checked here; an
    // alternative (or a version that declares none) on the whole exercise. Every test of every
    // version, the undeclared ones too, is graded by bench/flaky.py, which looks for verdicts
    // that change between runs and for the checker's own errors.
    let declared: Vec<String> = version
        .fails
        .iter()
        .chain(&version.beside)
        .map(|test| format!("{exercise}/{test}"))
        .collect();
    let graded: Vec<String> = if must_pass || declared.is_empty() {
        vec![exercise.to_string()]
    } else {
        declared
    };
    let grading = Grading {
        args: &args,
        budget: Duration::from_secs(version.budget),
        korean: c.then_some(&dir),
    };
    // The tests that prove what this version is for: an alternative's every test, a broken
    // version's declared failures (graded again beside the tests it declares beside them).
    let fails: Vec<String> = version
        .fails
        .iter()
        .map(|test| format!("{exercise}/{test}"))
        .collect();
    let beside: Vec<String> = version
        .beside
        .iter()
        .map(|test| format!("{exercise}/{test}"))
        .collect();
    let proves = |name: &str| must_pass || fails.iter().any(|f| f == name);
    let verdicts = grading.until_judged(&graded, &proves, &beside)?;
    record_time(exercise, version, &verdicts.runs[0]);
    let proving: Vec<String> = if must_pass {
        verdicts.tests.keys().cloned().collect()
    } else {
        fails.clone()
    };
    for name in &proving {
        check_verdict(&verdicts, name, version, must_pass)?;
    }
    let unproven: Vec<&String> = proving
        .iter()
        .filter(|name| verdicts.unjudged(name))
        .collect();
    if !unproven.is_empty() {
        let kind = if must_pass { "alternative" } else { "broken" };
        let track = if c { "c::" } else { "" };
        common::not_proven(&format!(
            "{track}{exercise}::{kind}::{}: {} could not be judged in {} gradings ({}; seed {seed})",
            version.name,
            unproven
                .iter()
                .map(|n| n.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            verdicts.runs.len(),
            common::how_busy()
        ));
    }
    Ok(())
}

/// How a version is graded: the checker's arguments but the tests, the budget of one grading,
/// and (on the C track) the tree whose names a Korean report may show.
struct Grading<'a> {
    args: &'a [&'a str],
    budget: Duration,
    korean: Option<&'a PathBuf>,
}

/// What a version's gradings said, test by test (the JSON's objects by name): the first
/// grading's, each test the machine left unjudged (`"judged": false`) taken from a later
/// grading of it that judged it; `runs` every grading, the first first.
struct Verdicts {
    tests: std::collections::BTreeMap<String, (serde_json::Value, usize)>,
    runs: Vec<common::Run>,
}

impl Verdicts {
    fn unjudged(&self, name: &str) -> bool {
        self.tests
            .get(name)
            .is_some_and(|(t, _)| t["judged"] == false)
    }

    fn still_unjudged(&self) -> Vec<String> {
        self.tests
            .keys()
            .filter(|name| self.unjudged(name))
            .cloned()
            .collect()
    }

    /// Take in a grading: its verdicts replace those left unjudged.
    fn take(&mut self, run: common::Run) {
        let index = self.runs.len();
        for t in run.tests() {
            let name = t["name"].as_str().unwrap_or("").to_string();
            if self
                .tests
                .get(&name)
                .is_none_or(|(was, _)| was["judged"] == false)
            {
                self.tests.insert(name, (t, index));
            }
        }
        self.runs.push(run);
    }

    /// The grading `name`'s verdict came from, for a failure's message.
    fn explain(&self, name: &str) -> String {
        let index = self.tests.get(name).map_or(0, |(_, i)| *i);
        self.runs[index].explain()
    }
}

/// How long the broken versions' tests wait for a quieter machine before each grading again of
/// what the machine kept from being judged (`Grading::until_judged`).
const PATIENCE: [Duration; 4] = [
    Duration::from_secs(15),
    Duration::from_secs(30),
    Duration::from_secs(45),
    Duration::from_secs(60),
];

impl Grading<'_> {
    /// Grade `tests`, then grade again those that `proves` and the machine kept from being
    /// judged, alone (with the tests `beside` them), each time once the machine is quieter (`common::await_a_quieter_machine`), up to `PATIENCE`
    /// more times: later in the run, when the suite's own tests (its main load) have moved
    /// on, a test the first gradings could not judge usually is (a suite beside other heavy
    /// work saw a test starved three times in a row, 20 s apart). Each grading is checked
    /// (`check_run`).
    fn until_judged(
        &self,
        tests: &[String],
        proves: &dyn Fn(&str) -> bool,
        beside: &[String],
    ) -> Result<Verdicts, Failed> {
        let mut verdicts = Verdicts {
            tests: std::collections::BTreeMap::new(),
            runs: Vec::new(),
        };
        verdicts.take(self.run(tests)?);
        for wait in PATIENCE {
            let mut again = verdicts.still_unjudged();
            again.retain(|name| proves(name));
            if again.is_empty() {
                break;
            }
            for b in beside {
                if !again.contains(b) {
                    again.push(b.clone());
                }
            }
            common::await_a_quieter_machine(wait);
            verdicts.take(self.run(&again)?);
        }
        Ok(verdicts)
    }

    /// One grading of `tests` (exercises or `exercise/test`), checked.
    fn run(&self, tests: &[String]) -> Result<common::Run, Failed> {
        let mut args = self.args.to_vec();
        args.extend(tests.iter().map(String::as_str));
        let run = run_checker(&args, self.budget + Duration::from_secs(30));
        check_run(&run, self.budget, self.korean)?;
        Ok(run)
    }
}

/// What every grading must be, whatever the version: within its budget, with a JSON report,
/// no error of the checker's own (a test the machine kept from being judged is none), its exit
/// status what its verdicts say (1 once a test failed or was left unjudged, 0 when every test
/// passed), and on the C track a report in Korean and C (`korean`: the graded tree).
fn check_run(run: &common::Run, budget: Duration, korean: Option<&PathBuf>) -> Result<(), Failed> {
    // Judged on the time the run had the machine: a cold build beside a busy run took 135 s on
    // the clock, over the 120 s budget, and failed a version whose verdicts were right.
    if run.unstarved > budget {
        return Err(format!(
            "the checker took {:.1} s not starved, over the budget of {} s\n{}",
            run.unstarved.as_secs_f64(),
            budget.as_secs(),
            run.explain()
        )
        .into());
    }
    if run.json.is_none() {
        return Err(format!("no JSON report\n{}", run.explain()).into());
    }
    let tests = run.tests();
    let errors: Vec<String> = tests
        .iter()
        .filter(|t| t["status"] == "error" && t["judged"] != false)
        .map(|t| format!("{}: {}", t["name"], t["message"]))
        .collect();
    if !errors.is_empty() {
        return Err(format!(
            "the checker reported errors (its own problems):\n{}\n{}",
            errors.join("\n"),
            run.explain()
        )
        .into());
    }
    let not_passed = tests
        .iter()
        .any(|t| t["status"] == "fail" || t["judged"] == false);
    let all_passed = tests.iter().all(|t| t["status"] == "pass");
    if (not_passed && run.code() != Some(1)) || (all_passed && run.code() != Some(0)) {
        return Err(format!(
            "the checker's exit status does not match its verdicts (1 once a test failed or could not be judged, 0 when every test passed)\n{}",
            run.explain()
        )
        .into());
    }
    if let Some(dir) = korean {
        let names = common::korean::lab_names(run, dir);
        let not_korean = common::korean::not_korean_but(&run.stdout(), &names);
        if !not_korean.is_empty() {
            return Err(format!(
                "the Korean report of a C version has English or Rust in it:\n{}\n{}",
                not_korean.join("\n"),
                run.explain()
            )
            .into());
        }
    }
    Ok(())
}

/// The verdict of one test that proves what `version` is for: an alternative's test passed, a
/// broken version's declared test failed (with its diagnosis, if it declares one). A test the
/// machine kept from being judged in every grading proves nothing either way: the caller says
/// so (`common::not_proven`), and it fails nothing here.
fn check_verdict(
    verdicts: &Verdicts,
    name: &str,
    version: &Version,
    must_pass: bool,
) -> Result<(), Failed> {
    if verdicts.unjudged(name) {
        return Ok(());
    }
    let test = verdicts.tests.get(name).map(|(t, _)| t);
    let status = test.and_then(|t| t["status"].as_str());
    let seed = common::seed();
    if must_pass {
        return match status {
            Some("pass") => Ok(()),
            _ => Err(format!(
                "a correct alternative ({}) must pass every test; {name} did not ({:?}: {})\n{}",
                version.bug,
                status,
                test.map_or(serde_json::Value::Null, |t| t["message"].clone()),
                verdicts.explain(name)
            )
            .into()),
        };
    }
    if status != Some("fail") {
        return Err(format!(
            "{name} must fail this broken version ({}), but its status is {status:?} (seed {seed})\n{}",
            version.bug,
            verdicts.explain(name)
        )
        .into());
    }
    let said = test.and_then(|t| t["diagnosis"].as_str());
    if version.diagnosis.is_some() && said != version.diagnosis.as_deref() {
        return Err(format!(
            "{name} must fail this broken version ({}) diagnosed {:?}, but its diagnosis is {said:?} (seed {seed})\n{}",
            version.bug,
            version.diagnosis,
            verdicts.explain(name)
        )
        .into());
    }
    Ok(())
}

/// With `BROKEN_TIMES=<file>`, a line per version graded is added to the file: the exercise, the
/// version, the checker's whole run and the sum of its tests' durations, in seconds (the rest is
/// the build and the checker's own start). Where the suite's time goes, for README.
fn record_time(exercise: &str, version: &Version, run: &common::Run) {
    let Some(path) = std::env::var_os("BROKEN_TIMES") else {
        return;
    };
    let tests: f64 = run
        .tests()
        .iter()
        .filter_map(|t| t["duration"].as_f64())
        .sum();
    let line = format!(
        "{exercise}\t{}\t{:.2}\t{tests:.2}\n",
        version.name,
        run.elapsed.as_secs_f64()
    );
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path);
    if let Ok(mut file) = file {
        use std::io::Write;
        let _ = file.write_all(line.as_bytes());
    }
}

/// Every hidden test (every id `checker list` shows) is failed by some broken version. A test a
/// family runs as its own (`"family"` in the list) is the same test in every exercise that
/// takes the family: a broken version of any of them proves it.
fn every_test_is_proven(files: &[File]) -> Result<(), Failed> {
    let out = common::checker_command()
        .args(["list", "--format", "json"])
        .output()
        .unwrap();
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("checker list --format json: {e}"))?;
    // The Rust track's versions: the C track's prove what C adds, on the same tests.
    let proven: BTreeSet<String> = files
        .iter()
        .filter(|f| !f.c)
        .flat_map(|f| {
            f.broken
                .iter()
                .flat_map(move |v| v.fails.iter().map(move |t| format!("{}/{t}", f.exercise)))
        })
        .collect();
    let tests: Vec<(String, Option<String>)> = listed
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|exercise| {
            let name = exercise["name"].as_str().unwrap_or("").to_string();
            exercise["tests"]
                .as_array()
                .into_iter()
                .flatten()
                .map(move |test| {
                    let id = test["id"].as_str().unwrap_or("");
                    let family = test["family"].as_str().map(|f| format!("{f}/{id}"));
                    (format!("{name}/{id}"), family)
                })
        })
        .collect();
    let proven_families: BTreeSet<&String> = tests
        .iter()
        .filter(|(name, _)| proven.contains(name))
        .filter_map(|(_, family)| family.as_ref())
        .collect();
    let unproven: Vec<&str> = tests
        .iter()
        .filter(|(name, family)| {
            !proven.contains(name) && !family.as_ref().is_some_and(|f| proven_families.contains(f))
        })
        .map(|(name, _)| name.as_str())
        .collect();
    if unproven.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "these hidden tests are not failed by any broken version in their exercise's proofs/: {}",
            unproven.join(", ")
        )
        .into())
    }
}

/// How a version's test is named before its exercise: `c::` on the C track.
fn track(file: &File) -> &'static str {
    if file.c { "c::" } else { "" }
}

/// A line on stderr every tenth version graded, and at the last: how far the suite is (it takes
/// minutes, and libtest prints no count).
struct Progress {
    total: usize,
    done: AtomicUsize,
    started: Instant,
}

impl Progress {
    fn one_more(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if done.is_multiple_of(10) || done == self.total {
            let secs = self.started.elapsed().as_secs();
            eprintln!(
                "broken versions: {done} of {} graded in {}:{:02}",
                self.total,
                secs / 60,
                secs % 60
            );
        }
    }
}

/// One version to grade, under its test's name.
struct Graded {
    name: String,
    exercise: String,
    c: bool,
    version: Version,
    must_pass: bool,
}

/// Every version, each exercise's in a queue of its own (ordered by the files its versions
/// edit, below), taken from the queues in turn: the versions graded at once are then mostly of
/// different exercises, so each exercise needs few trees (a tree per version graded at once,
/// each built cold once: 99 trees for 41). A test's name starts with its round (`r003::day2-echo::broken::...`), because cargo nextest runs a
/// binary's tests in the order of their names: without it, the versions of one exercise ran
/// side by side, and built 92 trees.
fn in_turn(files: &[File]) -> Vec<Graded> {
    let mut queues: Vec<(String, Vec<Graded>)> = Vec::new();
    for file in files {
        let key = format!("{}{}", track(file), file.exercise);
        let mut queue = Vec::new();
        for (versions, must_pass) in [(&file.broken, false), (&file.alternative, true)] {
            let kind = if must_pass { "alternative" } else { "broken" };
            for version in versions {
                queue.push(Graded {
                    name: format!("{key}::{kind}::{}", version.name),
                    exercise: file.exercise.clone(),
                    c: file.c,
                    version: version.clone(),
                    must_pass,
                });
            }
        }
        // A file of the same exercise (day2-echo-designs.toml) joins its exercise's queue.
        match queues.iter_mut().find(|(k, _)| *k == key) {
            Some((_, q)) => q.extend(queue),
            None => queues.push((key, queue)),
        }
    }
    // Within an exercise, the versions that edit the same files follow each other: a tree
    // then builds again only what the next version changes, not also what the last one did
    // (a version of the C codec after one of the broker rebuilt the codec twice, the broker
    // once, where the next codec version rebuilds what it must anyway).
    for (_, queue) in &mut queues {
        queue.sort_by_cached_key(|v| {
            let mut files: Vec<&str> = v.version.edit.iter().map(|e| e.file.as_str()).collect();
            files.sort_unstable();
            files.dedup();
            files.join("\n")
        });
    }
    let mut queues: Vec<_> = queues.into_iter().map(|(_, q)| q.into_iter()).collect();
    let mut turns = Vec::new();
    for round in 0.. {
        let before = turns.len();
        for queue in &mut queues {
            turns.extend(queue.next().map(|mut v| {
                v.name = format!("r{round:03}::{}", v.name);
                v
            }));
        }
        if turns.len() == before {
            break;
        }
    }
    turns
}

fn main() {
    let mut args = Arguments::from_args();
    // Twice as many versions at once as there are cores, unless told (`--test-threads`,
    // RUST_TEST_THREADS): a version's tests spend most of their time waiting (for a reply, a
    // timeout, a process to end), and at one per core a third of the CPU stayed idle (254 s on
    // 2 cores, 172 s at 4). A verdict never depends on the load (a starved test is judged
    // again), so this is also the load the checker promises to stand.
    if args.test_threads.is_none() && std::env::var_os("RUST_TEST_THREADS").is_none() {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        args.test_threads = Some(2 * cores);
    }
    let files = load();
    let versions = in_turn(&files);
    // The versions this run grades: libtest's filters, applied as libtest applies them.
    let selected = |name: &str| {
        let kept = match &args.filter {
            Some(f) if args.exact => name == f,
            Some(f) => name.contains(f.as_str()),
            None => true,
        };
        kept && !args.skip.iter().any(|s| name.contains(s.as_str()))
    };
    let total = versions.iter().filter(|v| selected(&v.name)).count();
    let progress = Arc::new(Progress {
        total,
        done: AtomicUsize::new(0),
        started: Instant::now(),
    });
    let mut trials: Vec<Trial> = versions
        .into_iter()
        .map(|v| {
            let progress = Arc::clone(&progress);
            Trial::test(v.name, move || {
                let verdict = grade((&v.exercise, v.c), &v.version, v.must_pass);
                progress.one_more();
                verdict
            })
        })
        .collect();
    trials.push(Trial::test(
        "every_hidden_test_fails_some_broken_version",
        move || every_test_is_proven(&files),
    ));
    libtest_mimic::run(&args, trials).exit();
}
