//! Shared by the project's tests: where the lab is, how to build a tree of exercise packages
//! from the solutions with some files edited (a broken version, a compile error), and how to run
//! the checker on it black-box and read its JSON report.
#![allow(dead_code)] // each test crate uses a different part

pub mod korean;
pub mod schemas;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use serde_json::Value;

pub fn lab_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("checker/ has a parent")
        .to_path_buf()
}

/// Build one package of the reference solutions; the directory of its binaries.
pub fn reference_binaries(package: &str) -> PathBuf {
    let lab = lab_root();
    let status = std::process::Command::new(env!("CARGO"))
        .args(["build", "-q", "-p", package, "--manifest-path"])
        .arg(lab.join("solutions/Cargo.toml"))
        .status()
        .unwrap();
    assert!(
        status.success(),
        "cargo could not build the solutions' {package}"
    );
    lab.join("solutions/target/debug")
}

/// Scratch space that survives between runs, so cargo's cache makes re-runs fast.
pub fn scratch() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
}

/// The seed of this test run: `LAB_TEST_SEED`, or a fresh one (printed on failure), so a test
/// that passes only for lucky inputs shows up as a failure sooner or later.
pub fn seed() -> u64 {
    static SEED: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *SEED.get_or_init(|| {
        std::env::var("LAB_TEST_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                let nanos = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.subsec_nanos())
                    .unwrap_or(0);
                u64::from(nanos % 1_000_000)
            })
    })
}

/// One change to a file of a solution package.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct Edit {
    /// Relative to the package, e.g. `src/lib.rs`.
    pub file: String,
    /// Text to find (exactly once) and what replaces it...
    pub find: Option<String>,
    pub replace: Option<String>,
    /// ...or a whole new content for the file, from a file next to the TOML that defines the
    /// version (relative to its exercise's `proofs/`, see `proofs_dir`; or a whole path).
    pub source: Option<String>,
}

fn write_if_changed(path: &Path, content: &[u8]) {
    if std::fs::read(path).ok().as_deref() != Some(content) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
}

/// Make `to` hold what `from` holds (but `target/`), the files in `skip` aside: unchanged files
/// keep their times, and a file `from` lacks (one a broken version added to a reused tree) goes.
fn copy_package(from: &Path, to: &Path, skip: &std::collections::BTreeMap<PathBuf, String>) {
    for entry in std::fs::read_dir(to).into_iter().flatten().flatten() {
        let (name, dst) = (entry.file_name(), entry.path());
        if name != "target" && !from.join(&name).exists() && !skip.contains_key(&dst) {
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                let _ = std::fs::remove_dir_all(&dst);
            } else {
                let _ = std::fs::remove_file(&dst);
            }
        }
    }
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name == "target" {
            continue;
        }
        let (src, dst) = (entry.path(), to.join(&name));
        if entry.file_type().unwrap().is_dir() {
            copy_package(&src, &dst, skip);
        } else if !skip.contains_key(&dst) {
            write_if_changed(&dst, &std::fs::read(&src).unwrap());
        }
    }
}

/// A tree of exercise packages made from the solutions, with `edits` applied in order; returns
/// the directory to pass as `--root`.
///
/// Layout: `<scratch>/trees/<name>/Cargo.toml` is the workspace and the packages sit in
/// `<scratch>/trees/<name>/<name>/<exercise>`. All trees share one cargo build directory (so nix
/// is compiled once), and cargo names a workspace member's build units by its path *relative to
/// the workspace root*: the tree's name in that path keeps one tree's units from being taken
/// for another's.
pub fn tree(name: &str, exercises: &[&str], edits: &[(&str, Edit)]) -> Result<PathBuf, String> {
    tree_from("solutions", name, exercises, edits)
}

/// `tree`, from the C track's references (`c/solutions/`, with their `common/`): a tree the
/// checker grades as C (it holds `common/lab.mk`). An edit's file is relative to the exercise's
/// folder; `../common/net.h` edits the shared header.
pub fn c_tree(name: &str, exercises: &[&str], edits: &[(&str, Edit)]) -> Result<PathBuf, String> {
    tree_from("c/solutions", name, exercises, edits)
}

/// `path` with its `..` folded away (`a/day2-echo/../common/net.h` is `a/common/net.h`).
fn folded(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn tree_from(
    source: &str,
    name: &str,
    exercises: &[&str],
    edits: &[(&str, Edit)],
) -> Result<PathBuf, String> {
    let lab = lab_root();
    let ws = scratch().join("trees").join(name);
    let dir = ws.join(name);
    let c = source != "solutions";
    let manifest = std::fs::read_to_string(lab.join("solutions/Cargo.toml")).unwrap();
    let members: Vec<String> = exercises
        .iter()
        .map(|e| format!("\"{name}/{e}\""))
        .collect();
    let manifest: String = manifest
        .lines()
        .map(|l| {
            if l.starts_with("members") {
                format!("members = [{}]", members.join(", "))
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    if !c {
        write_if_changed(&ws.join("Cargo.toml"), manifest.as_bytes());
    }
    if let Ok(lock) = std::fs::read(lab.join("solutions/Cargo.lock"))
        && !c
        && !ws.join("Cargo.lock").exists()
    {
        write_if_changed(&ws.join("Cargo.lock"), &lock);
    }
    // Edits apply in order, each to the result of the ones before.
    let mut edited: std::collections::BTreeMap<PathBuf, String> = std::collections::BTreeMap::new();
    for (exercise, edit) in edits {
        let path = folded(&dir.join(exercise).join(&edit.file));
        let current = match edited.get(&path) {
            Some(text) => text.clone(),
            None => std::fs::read_to_string(lab.join(source).join(exercise).join(&edit.file))
                .unwrap_or_default(),
        };
        let content = match (&edit.source, &edit.find, &edit.replace) {
            (Some(source), _, _) => {
                let from = proofs_dir(exercise).join(source);
                std::fs::read_to_string(&from).map_err(|e| format!("{}: {e}", from.display()))?
            }
            (None, Some(find), Some(replace)) => {
                let count = current.matches(find.as_str()).count();
                if count != 1 {
                    return Err(format!(
                        "edit of {exercise}/{}: the text to find occurs {count} times in the solution (must be once); \
                         was the solution changed? find = {find:?}",
                        edit.file
                    ));
                }
                current.replacen(find.as_str(), replace, 1)
            }
            _ => {
                return Err(format!(
                    "edit of {exercise}/{}: give `find` and `replace`, or `source`",
                    edit.file
                ));
            }
        };
        edited.insert(path, content);
    }
    // Write each file once (an edited file only in its edited form), so unchanged files keep
    // their times and cargo's cache holds between runs.
    let shared: &[&str] = if c { &["common"] } else { &[] };
    for folder in exercises.iter().chain(shared) {
        copy_package(&lab.join(source).join(folder), &dir.join(folder), &edited);
    }
    for (path, content) in &edited {
        write_if_changed(path, content.as_bytes());
    }
    Ok(dir)
}

/// The build directory every checker the tests run builds graded trees in (so nix and tokio
/// are compiled once for all of them).
pub fn shared_build() -> PathBuf {
    scratch().join("shared-build")
}

/// Environment every checker run of the tests gets. The first in a test process seeds the
/// shared build directory, and the lab's harnesses' (whose dependencies are built with the same
/// profile and features: `compile::harness`), with what the references' own builds compiled.
pub fn checker_command() -> std::process::Command {
    static SEEDED: std::sync::Once = std::sync::Once::new();
    SEEDED.call_once(|| {
        seed_from_the_references(&shared_build());
        seed_from_the_references(&lab_root().join("target/checker-build/harness/target"));
    });
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_checker"));
    cmd.env("NO_COLOR", "1")
        .env("CARGO_BUILD_BUILD_DIR", shared_build())
        .env_remove("GITHUB_ACTIONS")
        // Lines as long as they are (a pipe has no width) unless a test asks for one.
        .env_remove("COLUMNS")
        // English unless a test asks for another language: the tests read English reports.
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    cmd
}

/// The result of one checker run.
pub struct Run {
    pub output: Output,
    pub json: Option<Value>,
    pub command: String,
    pub elapsed: Duration,
    /// `elapsed` less the time in which some task of the machine waited for a CPU
    /// (`MachineClock`): what a budget judges, so that a starved machine fails no run on time.
    pub unstarved: Duration,
}

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    pub fn code(&self) -> Option<i32> {
        self.output.status.code()
    }

    /// The status of one test (`exercise/test`) in the JSON report.
    pub fn test_status(&self, name: &str) -> Option<String> {
        self.tests()
            .into_iter()
            .find(|t| t["name"] == name)
            .map(|t| t["status"].as_str().unwrap_or("").to_string())
    }

    pub fn tests(&self) -> Vec<Value> {
        let Some(json) = &self.json else {
            return Vec::new();
        };
        json["exercises"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|e| e["tests"].as_array().cloned().unwrap_or_default())
            .collect()
    }

    pub fn exercise_status(&self, name: &str) -> Option<String> {
        let json = self.json.as_ref()?;
        json["exercises"]
            .as_array()?
            .iter()
            .find(|e| e["name"] == name)
            .map(|e| e["status"].as_str().unwrap_or("").to_string())
    }

    /// Everything about the run, for an assertion message.
    pub fn explain(&self) -> String {
        format!(
            "command: {}\nexit: {:?} after {:.1} s ({:.1} s of it not starved)\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.command,
            self.output.status,
            self.elapsed.as_secs_f64(),
            self.unstarved.as_secs_f64(),
            self.stdout(),
            self.stderr()
        )
    }
}

/// Before grading again what the machine kept from being judged: wait, up to `at_most`, until
/// the share of the last 10 s in which some task waited for a CPU (`cpu_pressure`) is under
/// 40 %, as an instructor told "grade again when the machine is quieter" would. Without
/// pressure information (an old kernel) it waits a few seconds.
pub fn await_a_quieter_machine(at_most: Duration) {
    let started = std::time::Instant::now();
    while started.elapsed() < at_most {
        match cpu_pressure() {
            Some(share) if share < 40.0 => return,
            Some(_) => std::thread::sleep(Duration::from_secs(1)),
            None => return std::thread::sleep(at_most.min(Duration::from_secs(5))),
        }
    }
}

/// The share of the last 10 s, in percent, in which some task waited for a CPU
/// (`/proc/pressure/cpu`'s `some avg10`); `None` where the kernel keeps no such figure.
pub fn cpu_pressure() -> Option<f64> {
    some_pressure("avg10=")?.parse().ok()
}

/// A field of `/proc/pressure/cpu`'s `some` line (`avg10=`, `total=`), as written there.
fn some_pressure(field: &str) -> Option<String> {
    let text = std::fs::read_to_string("/proc/pressure/cpu").ok()?;
    let some = text.lines().find(|l| l.starts_with("some "))?;
    some.split_whitespace()
        .find_map(|f| f.strip_prefix(field))
        .map(String::from)
}

/// "load 23.4, CPU pressure 87 %": how busy the machine is now, for a line that says a test
/// could not prove something on it.
pub fn how_busy() -> String {
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|t| t.split_whitespace().next().map(String::from))
        .unwrap_or_else(|| "?".into());
    match cpu_pressure() {
        Some(share) => format!("load {load}, CPU pressure {share:.0} %"),
        None => format!("load {load}"),
    }
}

/// The verdicts of a grading of correct programs, each test the machine kept from being judged
/// (`"judged": false`) graded again alone by `regrade` (given its name) once the machine is
/// quieter, up to three times, as the broken versions' are: no test of the lab's fails for a
/// starved machine. A test still unjudged is said `not_proven` (with `what` was graded) and left
/// out: never a pass, never a failure. The rest come by name, each its last grading's verdict;
/// one a regrading gave carries that grading's account (`"regraded"`) for a failure's message.
/// A regrading must itself be sound (a JSON report, exit 0 or 1, every test asked for).
#[allow(dead_code)] // not every test binary grades correct programs
pub fn judged_verdicts(
    first: &Run,
    what: &str,
    regrade: impl Fn(&[&str]) -> Run,
) -> std::collections::BTreeMap<String, Value> {
    let mut verdicts = std::collections::BTreeMap::new();
    for t in first.tests() {
        if let Some(name) = t["name"].as_str() {
            verdicts.insert(name.to_string(), t);
        }
    }
    for _ in 0..3 {
        let unjudged = unjudged_in(&verdicts);
        if unjudged.is_empty() {
            break;
        }
        await_a_quieter_machine(Duration::from_secs(20));
        let names: Vec<&str> = unjudged.iter().map(String::as_str).collect();
        let run = regrade(&names);
        let tests = run.tests();
        let graded = |name: &&str| tests.iter().any(|t| t["name"] == *name);
        assert!(
            matches!(run.code(), Some(0 | 1)) && names.iter().all(graded),
            "{what}: graded again, {names:?} did not all get a verdict\n{}",
            run.explain()
        );
        for mut t in tests {
            t["regraded"] = Value::String(run.explain());
            verdicts.insert(t["name"].as_str().unwrap_or("").to_string(), t);
        }
    }
    let unjudged = unjudged_in(&verdicts);
    if !unjudged.is_empty() {
        not_proven(&format!(
            "{what}: {} could not be judged in four gradings ({})",
            unjudged.join(", "),
            how_busy()
        ));
    }
    verdicts.retain(|_, t| t["judged"] != false);
    verdicts
}

fn unjudged_in(verdicts: &std::collections::BTreeMap<String, Value>) -> Vec<String> {
    (verdicts.iter())
        .filter(|(_, t)| t["judged"] == false)
        .map(|(name, _)| name.clone())
        .collect()
}

/// A grading of correct programs in which every test passes, but those named in `may_not_apply`,
/// which pass or do not apply: the first grading's exit status says so (`passed_but_unjudged`),
/// and each test the machine kept from being judged is graded again by `regrade`
/// (`judged_verdicts`). The verdicts by name, those still unjudged left out.
#[allow(dead_code)] // not every test binary grades correct programs
pub fn every_test_passes(
    first: &Run,
    what: &str,
    may_not_apply: &[&str],
    regrade: impl Fn(&[&str]) -> Run,
) -> std::collections::BTreeMap<String, Value> {
    assert!(passed_but_unjudged(first), "{what}:\n{}", first.explain());
    let verdicts = judged_verdicts(first, what, regrade);
    for (name, t) in &verdicts {
        let not_applicable =
            t["status"] == "not-applicable" && may_not_apply.contains(&name.as_str());
        assert!(
            t["status"] == "pass" || not_applicable,
            "{what}: {name}: {t}\n{}",
            first.explain()
        );
    }
    verdicts
}

/// A grading with `args` before the tests it is given, within `timeout`: how a test grades a
/// program of its own, first and again (`judged_verdicts`).
#[allow(dead_code)] // not every test binary grades a program of its own
pub fn grading_with(args: &[&str], timeout: Duration) -> impl Fn(&[&str]) -> Run + use<> {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    move |targets| {
        let mut all: Vec<&str> = args.iter().map(String::as_str).collect();
        all.extend_from_slice(targets);
        run_checker(&all, timeout)
    }
}

/// The checker's exit status says every test passed (0), or (1) that the only tests short of
/// a pass are those the machine kept from being judged.
#[allow(dead_code)] // not every test binary grades correct programs
pub fn passed_but_unjudged(run: &Run) -> bool {
    let short = |t: &Value| t["status"] != "pass" && t["status"] != "not-applicable";
    match run.code() {
        Some(0) => true,
        Some(1) => {
            let tests = run.tests();
            tests.iter().any(short)
                && tests
                    .iter()
                    .filter(|t| short(t))
                    .all(|t| t["judged"] == false)
        }
        _ => false,
    }
}

/// Say that a project test could not prove what it is for on this machine (the machine kept
/// the checker from judging it, however long it waited), without failing: on stderr, and as a
/// line of the record `.ci/run` prints at its end ("not proven on this runner"), the file
/// `LAB_NOT_PROVEN` names (else `not-proven.txt` in the scratch space). Never a pass in
/// disguise: the line names what was not proven, and nothing counts it as proven.
pub fn not_proven(line: &str) {
    eprintln!("NOT PROVEN on this runner: {line}");
    let path = std::env::var_os("LAB_NOT_PROVEN")
        .map_or_else(|| scratch().join("not-proven.txt"), PathBuf::from);
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path);
    if let Ok(mut file) = file {
        use std::io::Write;
        // One write per line: the broken versions' processes append to it side by side.
        let _ = file.write_all(format!("{line}\n").as_bytes());
    }
}

/// Run the checker with `args`, a JSON report written to a file, and a mark in its environment
/// so that any process it leaves behind can be found afterwards.
pub fn run_checker(args: &[&str], timeout: Duration) -> Run {
    run_checker_from(checker_command(), args, timeout)
}

/// `run_checker`, the checker started with a descriptor it did not open on fd 3 (not
/// close-on-exec, as a CI runner or a make jobserver may leave one): what it reports must not
/// change, for the programs it starts must not inherit it (their sockets' numbers would shift).
#[allow(dead_code)] // not every test binary runs it
pub fn run_checker_inheriting_a_descriptor(args: &[&str], timeout: Duration) -> Run {
    use std::os::unix::io::AsRawFd;
    use std::os::unix::process::CommandExt;
    let inherited = std::fs::File::open("/dev/null").unwrap();
    let fd = inherited.as_raw_fd();
    let mut cmd = checker_command();
    // SAFETY: dup2 and fcntl are async-signal-safe; nothing is allocated between fork and
    // exec. (A test of this kind opens no descriptor on another thread meanwhile: std's own
    // pipes for the child are made after this one, never on fd 3 while it is open.)
    unsafe {
        cmd.pre_exec(move || {
            // dup2 onto itself keeps close-on-exec: a test process with few open may have
            // opened /dev/null on fd 3.
            let inherited = if fd == 3 {
                libc::fcntl(3, libc::F_SETFD, 0)
            } else {
                libc::dup2(fd, 3)
            };
            if inherited < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let run = run_checker_from(cmd, args, timeout);
    drop(inherited);
    run
}

fn run_checker_from(mut cmd: std::process::Command, args: &[&str], timeout: Duration) -> Run {
    let report = tempfile::NamedTempFile::new().unwrap();
    let mark = format!("{}-{}", std::process::id(), next_mark());
    cmd.args(args)
        .arg("--format")
        .arg("json")
        .arg("--output")
        .arg(report.path())
        .env("LAB_TEST_MARK", &mark);
    let command = format!("checker {}", args.join(" "));
    let clock = MachineClock::start();
    let output = output_within(cmd, timeout);
    let (elapsed, unstarved) = (clock.elapsed(), clock.unstarved());
    let json = std::fs::read_to_string(report.path())
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok());
    let run = Run {
        output,
        json,
        command,
        elapsed,
        unstarved,
    };
    let leftovers = processes_marked(&mark);
    assert!(
        leftovers.is_empty(),
        "the checker left processes behind: {leftovers:?}\n{}",
        run.explain()
    );
    run
}

/// A run's clock, and the machine's CPU pressure over it (`/proc/pressure/cpu`'s `some` total:
/// the time in which some task waited for a CPU): the time not starved is the time a run had the
/// machine, what a budget may fairly judge. Where the kernel keeps no pressure figure, every
/// moment counts as not starved.
pub struct MachineClock {
    started: std::time::Instant,
    stalled_at_start: Option<Duration>,
}

impl MachineClock {
    pub fn start() -> MachineClock {
        MachineClock {
            started: std::time::Instant::now(),
            stalled_at_start: machine_stalled(),
        }
    }

    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// The time on the clock less the time some task waited for a CPU since the start.
    pub fn unstarved(&self) -> Duration {
        let elapsed = self.elapsed();
        match (self.stalled_at_start, machine_stalled()) {
            (Some(before), Some(now)) => elapsed.saturating_sub(now.saturating_sub(before)),
            _ => elapsed,
        }
    }
}

/// The `some` total of `/proc/pressure/cpu` (microseconds in which some task waited for a CPU).
fn machine_stalled() -> Option<Duration> {
    Some(Duration::from_micros(
        some_pressure("total=")?.parse().ok()?,
    ))
}

/// How much longer than its timeout a run may take on the clock while the machine starves it:
/// a checker that hangs on a machine starved the whole time is still ended.
const STARVED_CLOCK: u32 = 4;

/// `cmd`'s output, ending it once it has had the machine for `timeout` (`MachineClock`: the time
/// a starved machine kept from it is not counted, up to `STARVED_CLOCK` times the timeout on the
/// clock), as a user would, with SIGTERM (on which the checker stops every program and build it
/// started), and with SIGKILL only if it is still there 10 s later. A SIGKILL at once left the
/// checker's cargo build running, taken for the checker's leftover when it was the test's.
fn output_within(mut cmd: std::process::Command, timeout: Duration) -> Output {
    use nix::sys::signal::{Signal, kill};
    use nix::unistd::Pid;
    use std::io::Read;
    use std::process::Stdio;
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let clock = MachineClock::start();
    let pid = Pid::from_raw(child.id() as i32);
    let mut signalled = None;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        match signalled {
            None if clock.unstarved() >= timeout || clock.elapsed() >= STARVED_CLOCK * timeout => {
                signalled = Some((Signal::SIGTERM, kill(pid, Signal::SIGTERM), clock.elapsed()))
            }
            Some((Signal::SIGTERM, _, at)) if clock.elapsed() >= at + Duration::from_secs(10) => {
                signalled = Some((Signal::SIGKILL, kill(pid, Signal::SIGKILL), at));
            }
            _ => {}
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
}

fn next_mark() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Live (non-zombie) processes whose environment holds `LAB_TEST_MARK=<mark>`: every
/// descendant of a checker run inherits it.
pub fn processes_marked(mark: &str) -> Vec<(i32, String)> {
    let mut found = Vec::new();
    // A process killed a moment ago may still be on its way out: look again, a while.
    for attempt in 0..20 {
        found = processes_marked_now(mark);
        if found.is_empty() {
            break;
        }
        std::thread::sleep(Duration::from_millis(25 * (attempt + 1)));
    }
    found
}

/// The marked processes alive at this instant.
#[allow(dead_code)] // not every test binary that includes this module uses it
pub fn processes_marked_now(mark: &str) -> Vec<(i32, String)> {
    let needle = format!("LAB_TEST_MARK={mark}\0");
    let mut found = Vec::new();
    {
        for entry in std::fs::read_dir("/proc").unwrap().flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<i32>() else {
                continue;
            };
            let Ok(env) = std::fs::read(format!("/proc/{pid}/environ")) else {
                continue;
            };
            if memchr::memmem::find(&env, needle.as_bytes()).is_none() {
                continue;
            }
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            let state = stat
                .rsplit(')')
                .next()
                .and_then(|s| s.split_whitespace().next())
                .unwrap_or("");
            if state != "Z" && !stat.is_empty() {
                let cmd = std::fs::read_to_string(format!("/proc/{pid}/cmdline"))
                    .unwrap_or_default()
                    .replace('\0', " ");
                found.push((pid, cmd));
            }
        }
    }
    found
}

/// The proofs of `exercise` (`day1-endian`): its broken versions and alternatives, both tracks
/// (`proofs.toml`, `rust-designs.toml`, and the whole files they name, relative to this
/// folder), in its folder (`checker/exercises/<exercise>/`) beside its test table.
pub fn proofs_dir(exercise: &str) -> PathBuf {
    lab_root()
        .join("checker/exercises")
        .join(exercise)
        .join("proofs")
}

/// One table of an exercise's proofs (`proofs/*.toml`): both tracks' versions, each track's
/// under its name (`[[rust.broken]]`, `[[c.alternative]]`, ...). `V` is what a reader takes of
/// a version.
// Unknown keys are refused: a table left in an older form (`[[broken]]` at the top) would
// otherwise be read as holding nothing.
#[derive(serde::Deserialize)]
#[serde(bound = "V: serde::de::DeserializeOwned", deny_unknown_fields)]
pub struct ProofTable<V> {
    pub exercise: String,
    #[serde(default = "Versions::none")]
    pub rust: Versions<V>,
    #[serde(default = "Versions::none")]
    pub c: Versions<V>,
}

/// One track's versions in a table of proofs.
#[derive(serde::Deserialize)]
#[serde(bound = "V: serde::de::DeserializeOwned", deny_unknown_fields)]
pub struct Versions<V> {
    #[serde(default = "Vec::new")]
    pub broken: Vec<V>,
    #[serde(default = "Vec::new")]
    pub alternative: Vec<V>,
}

impl<V> Versions<V> {
    fn none() -> Self {
        Versions {
            broken: Vec::new(),
            alternative: Vec::new(),
        }
    }
}

/// Every table of proofs in `dir` (an exercise's `proofs/`), in the order of their names.
pub fn proof_tables<V: serde::de::DeserializeOwned>(dir: &Path) -> Vec<(PathBuf, ProofTable<V>)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p)
                .unwrap_or_else(|e| panic!("reading {}: {e}", p.display()));
            let table = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p, table)
        })
        .collect()
}

/// The edits of the Rust track's broken version `name` of `exercise` (its `[[rust.broken]]` in
/// the exercise's proofs), to build its tree.
pub fn broken_version_edits(exercise: &str, name: &str) -> Vec<Edit> {
    edits_of(false, exercise, name)
}

/// `broken_version_edits` of the C track's broken version `name` (its `[[c.broken]]`), to
/// apply to a `c_tree`.
pub fn c_broken_version_edits(exercise: &str, name: &str) -> Vec<Edit> {
    edits_of(true, exercise, name)
}

fn edits_of(c: bool, exercise: &str, name: &str) -> Vec<Edit> {
    #[derive(serde::Deserialize)]
    struct Version {
        name: String,
        edit: Vec<Edit>,
    }
    proof_tables::<Version>(&proofs_dir(exercise))
        .into_iter()
        .flat_map(|(_, table)| if c { table.c.broken } else { table.rust.broken })
        .find(|v| v.name == name)
        .unwrap_or_else(|| panic!("{exercise} has no broken version {name}"))
        .edit
}

/// A target directory of a second build of the lab (a scaffolded copy, the Gradescope
/// container's) starts, the first time, from the dependencies this build compiled: copied,
/// never linked (cargo rewrites some of its files in place). The lab's own crates have their
/// own sources there, so cargo builds them again; the dependencies, the same versions with the
/// same profile, it takes as they are.
pub fn seed_target(target: &Path) {
    let debug = target.join("debug");
    if debug.exists() {
        return;
    }
    let ours = scratch()
        .parent()
        .expect("CARGO_TARGET_TMPDIR is target/tmp")
        .join("debug");
    // Times kept: cargo takes a unit whose dependency's output is newer than its own for stale,
    // and a copy that gave each file the time it was copied at would rebuild half the tree.
    let copy_dir = |name: &str| copy_with_times(&ours.join(name), &debug.join(name));
    std::fs::create_dir_all(debug.join("deps")).unwrap();
    copy_dir("build");
    copy_dir(".fingerprint");
    for entry in std::fs::read_dir(ours.join("deps")).unwrap().flatten() {
        if entry.file_name().to_string_lossy().starts_with("lib") {
            let to = debug.join("deps").join(entry.file_name());
            std::fs::copy(entry.path(), &to).unwrap();
            let modified = entry.metadata().unwrap().modified().unwrap();
            std::fs::File::options()
                .write(true)
                .open(&to)
                .unwrap()
                .set_modified(modified)
                .unwrap();
        }
    }
    seed_from_the_references(target);
}

/// `from` (a file or a folder) copied to `to` with its files' times, which cargo's freshness reads.
fn copy_with_times(from: &Path, to: &Path) {
    let status = std::process::Command::new("cp")
        .arg("-rp")
        .arg(from)
        .arg(to)
        .status()
        .unwrap();
    assert!(status.success(), "seeding {}", to.display());
}

/// A lab's copy (an export's clone, a Gradescope image, the authoring copy) builds the library
/// exercises' harnesses in a build directory of its own (`target/checker-build/harness/`, where
/// no other tree's units can mix with them): started cold, it compiled nix, tokio and theirs
/// again, some 25 s of CPU a copy. It takes this lab's instead: the units of the crates from the
/// registry that it lacks or holds newer (`seed_registry_units`). The exercises' own units and
/// the harnesses' are built in the copy, as a grading there builds them; what this lab has not
/// built yet is built there too. (A clean clone's lab holds only this run's units; a long-lived
/// one may hold older toolchains' too, copied once into a new copy.)
#[allow(dead_code)] // not every test binary makes a copy
pub fn seed_harnesses(copy: &Path) {
    build_the_labs_harnesses();
    let ours = lab_root().join("target/checker-build/harness/target/debug");
    let theirs = copy.join("target/checker-build/harness/target/debug");
    seed_registry_units(&ours, &theirs);
}

/// Copy to the build directory `theirs` (a profile's folder, `.../debug`) the units of `ours`
/// that come from the registry and that it lacks or holds newer, with their times (as
/// `seed_target`), under cargo's lock of both build directories, so that none is taken half
/// written or lands under a build. Cargo takes a copied unit only where its own would have the
/// same name: the same version, features, profile and dependencies.
fn seed_registry_units(ours: &Path, theirs: &Path) {
    if !ours.is_dir() {
        return;
    }
    // A crate of the lab's (an exercise's library, a harness) is named by its path, the copy's
    // own: only what comes from the registry is the same unit there.
    let from_the_registry = |name: &str| {
        let name = name.strip_prefix("lib").unwrap_or(name);
        !(name.starts_with("day") || name.starts_with("checker"))
    };
    // The registry's units `ours` held when `theirs` was last seeded from it: the same, nothing
    // is taken and no lock either. Every broken version is a test process of its own that seeds
    // the shared build directory, and under the locks each waited for the build under way there
    // (0.4 of the 6 test threads, on average, waited so). The units' names, not the folders'
    // times: the references' own programs are built in `ours` all through a run, and each such
    // build sent every test process after it to wait for the locks.
    let held = |dir: &Path| {
        let mut units: Vec<String> = std::fs::read_dir(dir.join(".fingerprint"))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| from_the_registry(name))
            .collect();
        units.sort();
        units.join("\n")
    };
    let stamp = theirs.join(format!(".seeded-from-{:016x}", {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        ours.hash(&mut h);
        h.finish()
    }));
    let now = held(ours);
    if std::fs::read_to_string(&stamp).is_ok_and(|was| was == now) {
        return;
    }
    let locked = |dir: &Path| {
        let file = std::fs::File::options()
            .create(true)
            .append(true)
            .open(dir.join(".cargo-lock"))
            .ok()?;
        file.lock().ok()?;
        Some(file)
    };
    std::fs::create_dir_all(theirs).unwrap();
    let (Some(_ours), Some(_theirs)) = (locked(ours), locked(theirs)) else {
        return;
    };
    // A unit both directories hold (libc, built by the references' tests and by the project's
    // build, seconds apart) is taken from whichever built it first: cargo takes a unit for stale
    // when a dependency's output is newer than its own, and the older copy is older than every
    // unit either directory built on it. (The newer one kept beside the other's dependents, those
    // were compiled again: nix and tokio, in the exports' directory.)
    let modified = |path: &Path| {
        std::fs::symlink_metadata(path)
            .and_then(|m| m.modified())
            .ok()
    };
    for sub in ["build", ".fingerprint", "deps"] {
        std::fs::create_dir_all(theirs.join(sub)).unwrap();
        for entry in std::fs::read_dir(ours.join(sub))
            .into_iter()
            .flatten()
            .flatten()
        {
            let name = entry.file_name().to_string_lossy().into_owned();
            let to = theirs.join(sub).join(&name);
            let unit = sub != "deps" || name.starts_with("lib");
            if !unit || !from_the_registry(&name) {
                continue;
            }
            if let Some(theirs_modified) = modified(&to) {
                if modified(&entry.path()).is_none_or(|ours| ours >= theirs_modified) {
                    continue;
                }
                let removed = if to.is_dir() {
                    std::fs::remove_dir_all(&to)
                } else {
                    std::fs::remove_file(&to)
                };
                // Left in place, `cp -r` would copy the folder into it.
                if removed.is_err() {
                    continue;
                }
            }
            copy_with_times(&entry.path(), &to);
        }
    }
    // Read under the lock: what `ours` held when it was copied.
    let _ = std::fs::write(&stamp, held(ours));
}

/// What the references' own builds compiled (`solutions/target/`: their lints and the codec's
/// unit tests run before the project's tests in CI), for a build directory that grades trees of
/// references or stubs: the same dependencies, locked alike (`compile::stage`'s test), at the
/// same features where a package is built alone. Each unit is compiled once, not once more per
/// build directory (tokio's stack is 16 s of CPU cold).
fn seed_from_the_references(build: &Path) {
    seed_registry_units(
        &lab_root().join("solutions/target/debug"),
        &build.join("debug"),
    );
}

/// This lab's harnesses of every library exercise (those with a C shim), on both tracks, built
/// as a grading builds them: the first test of each graded on the stubs (not started at once).
/// The lab's own tests build the same units sooner or later; a copy seeded before they have
/// would build them cold (in CI the exports' clone is ready before the broken versions of day
/// 7's codec have run).
fn build_the_labs_harnesses() {
    // Once a test process: after that the lab's harnesses are there, or being built by a test
    // that holds their build directory's lock.
    static BUILT: std::sync::Once = std::sync::Once::new();
    BUILT.call_once(|| {
        let _ = std::panic::catch_unwind(build_them);
    });
}

/// `build_the_labs_harnesses`' work: a grading that fails or runs past its time seeds less and
/// fails nothing (a copy then builds what it lacks).
fn build_them() {
    let listed = output_within(
        {
            let mut cmd = checker_command();
            cmd.arg("list");
            cmd
        },
        Duration::from_secs(60),
    );
    let list = String::from_utf8_lossy(&listed.stdout);
    let libraries: Vec<String> = std::fs::read_dir(lab_root().join("checker/exercises"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().join("c-shim").is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let first_tests: Vec<String> = libraries
        .iter()
        .filter_map(|exercise| {
            list.lines()
                .filter_map(|l| l.split_whitespace().next())
                .find(|id| id.starts_with(&format!("{exercise}/")))
                .map(str::to_string)
        })
        .collect();
    for track in ["rust", "c"] {
        let mut cmd = checker_command();
        cmd.args(["--track", track]).args(&first_tests);
        let _ = output_within(cmd, Duration::from_secs(300));
    }
}

/// A port on 127.0.0.1 kept for a program the test starts on it (a broker, socat): a socket
/// bound there with SO_REUSEADDR and never listening, held until dropped. A port taken from
/// the kernel and closed at once is free for any other test's bind(0) until the program binds
/// it, and again while the program is restarted on it: mosquitto once failed to start that way
/// ("Address already in use"). While this socket holds it, the kernel's bind(0) and connect()
/// never choose it, yet a program that sets SO_REUSEADDR itself (mosquitto, socat's
/// `reuseaddr`, every server of the course) binds it and listens, as Linux allows beside a
/// bound socket that does not listen.
pub struct ReservedPort {
    pub port: u16,
    _socket: std::os::fd::OwnedFd,
}

impl ReservedPort {
    pub fn new() -> ReservedPort {
        use nix::sys::socket::{self, AddressFamily, SockFlag, SockType, SockaddrIn, sockopt};
        let socket = socket::socket(
            AddressFamily::Inet,
            SockType::Stream,
            SockFlag::SOCK_CLOEXEC,
            None,
        )
        .expect("a socket to keep a port");
        socket::setsockopt(&socket, sockopt::ReuseAddr, &true).expect("SO_REUSEADDR");
        socket::bind(
            std::os::fd::AsRawFd::as_raw_fd(&socket),
            &SockaddrIn::new(127, 0, 0, 1, 0),
        )
        .expect("bind a port of the kernel's choosing");
        let bound: SockaddrIn =
            socket::getsockname(std::os::fd::AsRawFd::as_raw_fd(&socket)).expect("the port bound");
        ReservedPort {
            port: bound.port(),
            _socket: socket,
        }
    }
}
