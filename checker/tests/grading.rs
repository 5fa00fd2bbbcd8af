//! Black-box tests of the checker binary: the solutions pass everything, every stub says
//! "not started" without a panic, a compile error in one exercise leaves the others gradable,
//! the command line behaves, and the wording of a few failures is pinned by golden files.

mod common;
#[path = "grading/first_bugs.rs"]
mod first_bugs;

use std::time::Duration;

use common::{run_checker, tree};

const MINUTES: Duration = Duration::from_secs(600);

fn seed() -> String {
    common::seed().to_string()
}

/// A passing run, as a student's ends: every test passes, the last line counts them. That
/// every solution passes every test is `checker verify`'s to prove (reports.rs runs it on the
/// lab, both tracks); grading them all here too cost the suite a second full grading.
#[test]
fn a_passing_run_ends_with_its_count() {
    // A run with a test the machine kept from being judged is no passing run.
    let Some(run) = judged_run(
        "a_passing_run_ends_with_its_count (day 2's solutions)",
        || run_checker(&["--solutions", "day2", "--seed", &seed()], MINUTES),
    ) else {
        return;
    };
    assert_eq!(run.code(), Some(0), "{}", run.explain());
    let tests = run.tests();
    assert!(!tests.is_empty(), "{}", run.explain());
    for t in tests {
        assert_eq!(
            t["status"],
            "pass",
            "{}: {}\n{}",
            t["name"],
            t["message"],
            run.explain()
        );
    }
    assert!(
        run.stdout()
            .trim_end()
            .ends_with(&format!("{} passed, 0 failed", run.tests().len()))
    );
}

#[test]
fn every_stub_reports_not_started_without_a_panic() {
    let run = run_checker(&["all", "--seed", &seed()], MINUTES);
    assert_eq!(run.code(), Some(1), "{}", run.explain());
    let json = run.json.as_ref().expect("a JSON report");
    for exercise in json["exercises"].as_array().unwrap() {
        assert_eq!(
            exercise["status"],
            "not-started",
            "{}\n{}",
            exercise["name"],
            run.explain()
        );
        for t in exercise["tests"].as_array().unwrap() {
            // Every test meets a todo!(); the rules, which hold trivially on a stub, wait for
            // some code and do not count as a pass meanwhile.
            assert_eq!(
                t["status"],
                "not-started",
                "{}: {}\n{}",
                t["name"],
                t["message"],
                run.explain()
            );
        }
    }
    let stdout = run.stdout();
    assert!(
        !stdout.contains("panicked"),
        "a stub must read as 'not started', not as a panic:\n{stdout}"
    );
    assert!(stdout.contains("not started"), "{stdout}");
    assert!(
        stdout.contains("hint:"),
        "each unstarted test gives a hint:\n{stdout}"
    );
    assert!(!run.stderr().contains("panicked"), "{}", run.explain());
    let last = stdout.trim_end().lines().last().unwrap_or("");
    assert!(
        last.starts_with("0 passed, 0 failed, ") && last.ends_with(" not started"),
        "a fresh stub passes nothing, not even its rules, and fails nothing: {last}"
    );
}

/// Two graded trees whose folders have the same name (two students' `exercises/`), built
/// through one shared cargo build directory: a tree graded again after the other, its trusted
/// copy unchanged and so older than the other's build, must be graded on its own code, not on
/// the other one's binary.
#[test]
fn two_trees_sharing_a_build_directory_never_swap_binaries() {
    let lab = common::lab_root();
    let base = common::scratch().join("same-folder-name");
    let _ = std::fs::remove_dir_all(&base);
    let place = |student: &str, from: &str| {
        let dir = base.join(student).join("exercises");
        copy_package(&lab.join(from).join("day3-udp"), &dir.join("day3-udp"));
        dir
    };
    let stub = place("student-a", "exercises");
    let solved = place("student-b", "solutions");
    let grade = |dir: &std::path::Path| {
        run_checker(&["--root", &dir.to_string_lossy(), "day3-udp"], MINUTES)
    };
    assert_eq!(grade(&stub).code(), Some(1));
    let first = grade(&solved);
    assert!(common::passed_but_unjudged(&first), "{}", first.explain());
    let second = grade(&stub);
    let json = second.json.as_ref().expect("a JSON report");
    assert_eq!(
        json["exercises"][0]["status"],
        "not-started",
        "the stub was graded on the other tree's binary\n{}",
        second.explain()
    );
}

fn copy_package(from: &std::path::Path, to: &std::path::Path) {
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_package(&entry.path(), &target);
        } else {
            std::fs::create_dir_all(to).unwrap();
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A failure on time that the machine's other work did not cause stands at once: beside busy
/// loops outside the checker (two a core), a server that keeps each client unread fails
/// round-trip as stuck, without a second run alone and without "the machine was busy" in its
/// report. The checker counts the waits of its own tasks and programs (a cgroup of its own,
/// `contain::cgroup::enter_own_cgroup`), not the machine's, which beside other work say
/// "starved" nearly always: every such failure was judged twice, and blamed on the machine.
/// Where the checker cannot make that cgroup, the machine's figure stands and this test says it
/// is skipped. (In the hostile programs' test group: its loops take the cores.)
#[test]
fn a_hang_beside_a_busy_machine_is_judged_once_and_never_blamed_on_the_machine() {
    if let Err(why) = an_own_cgroup_can_be_made() {
        eprintln!("skipped: the checker makes no cgroup of its own here ({why})");
        return;
    }
    let holds = [
        (
            "\n    loop {\n        // accept() returns a *new* socket for this client; the listener keeps listening.",
            "\n    let mut held = Vec::new();\n    loop {\n        // accept() returns a *new* socket for this client; the listener keeps listening.",
        ),
        (
            "\n        if let Err(e) = echo(&client) {\n            eprintln!(\"echo-server: client dropped: {e}\");\n        }",
            "\n        held.push(client);\n        let _ = echo;",
        ),
    ];
    let edits: Vec<(&str, common::Edit)> = holds
        .iter()
        .map(|(find, replace)| {
            let edit = common::Edit {
                file: "src/bin/echo-server.rs".into(),
                find: Some(find.to_string()),
                replace: Some(replace.to_string()),
                source: None,
            };
            ("day2-echo", edit)
        })
        .collect();
    let dir = tree("holds-beside-busy-loops", &["day2-echo"], &edits).unwrap();
    let root = dir.to_string_lossy();
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let loops = BusyLoops::start(2 * cores);
    // The checker (and its programs, which inherit it) at a higher priority than the loops and
    // the suite's other tests, which then wait for it: its own tasks wait little, so the test
    // judges the hang, not a checker starved by the suite's load.
    let run = {
        let _raised = Raised::to(-10);
        run_checker(
            &["--root", &root, "day2-echo/round-trip", "--seed", &seed()],
            MINUTES,
        )
    };
    drop(loops);
    // What the test creates: a machine where some task waited for a CPU most of the time (the
    // run's time not starved, `MachineClock`, against its time on the clock).
    let share = 1.0 - run.unstarved.as_secs_f64() / run.elapsed.as_secs_f64();
    assert!(
        share >= 0.5,
        "the busy loops kept the machine's tasks waiting only {:.0} % of the time",
        share * 100.0
    );
    let tests = run.tests();
    assert_eq!(tests.len(), 1, "{}", run.explain());
    assert_eq!(
        (&tests[0]["status"], &tests[0]["judged"]),
        (
            &serde_json::Value::from("fail"),
            &serde_json::Value::from(true)
        ),
        "{}",
        run.explain()
    );
    let report = run.stdout();
    assert!(report.contains("is stuck"), "{}", run.explain());
    assert!(
        !report.contains("judged again alone") && !report.contains("the machine was busy"),
        "a hang the machine did not cause was blamed on it:\n{}",
        run.explain()
    );
}

/// Whether the checker can make a cgroup of its own here, by its rules
/// (`contain::cgroup::own_mount`): root, in the root of a cgroup v2 hierarchy that does not
/// share the CPU out between its children nor hold the process caps, and a cgroup made there
/// has a pressure file. Else why not.
fn an_own_cgroup_can_be_made() -> Result<(), String> {
    use std::path::Path;
    // SAFETY: geteuid only reads the process's credentials.
    if unsafe { libc::geteuid() } != 0 {
        return Err("not root".into());
    }
    let cgroups = std::fs::read_to_string("/proc/self/cgroup").unwrap_or_default();
    if !cgroups.lines().any(|l| l == "0::/") {
        return Err("not in the root of a cgroup v2 hierarchy".into());
    }
    let mount = ["/sys/fs/cgroup/unified", "/sys/fs/cgroup"]
        .into_iter()
        .map(Path::new)
        .find(|m| m.join("cgroup.controllers").exists())
        .ok_or("no cgroup v2 mounted")?;
    let control = std::fs::read_to_string(mount.join("cgroup.subtree_control")).unwrap_or_default();
    let controls = |c: &str| control.split_whitespace().any(|w| w == c);
    if controls("cpu") {
        return Err("the root shares the CPU out between its children".into());
    }
    if mount == Path::new("/sys/fs/cgroup") && controls("pids") {
        return Err("the process caps are cgroups of this hierarchy".into());
    }
    let probe = mount.join(format!("lab-test-probe-{}", std::process::id()));
    std::fs::create_dir(&probe).map_err(|e| format!("{}: {e}", probe.display()))?;
    let pressure = probe.join("cpu.pressure").exists();
    let _ = std::fs::remove_dir(&probe);
    if !pressure {
        return Err("no pressure file in a cgroup".into());
    }
    Ok(())
}

/// The calling thread's nice value, raised until dropped (what it starts inherits it).
struct Raised {
    tid: libc::id_t,
    before: libc::c_int,
}

impl Raised {
    fn to(nice: libc::c_int) -> Raised {
        // SAFETY: gettid, getpriority and setpriority on this thread only read or change its
        // nice value.
        let tid = unsafe { libc::gettid() } as libc::id_t;
        let before = unsafe { libc::getpriority(libc::PRIO_PROCESS, tid) };
        let raised = unsafe { libc::setpriority(libc::PRIO_PROCESS, tid, nice) };
        assert_eq!(
            raised,
            0,
            "setpriority: {}",
            std::io::Error::last_os_error()
        );
        Raised { tid, before }
    }
}

impl Drop for Raised {
    fn drop(&mut self) {
        // SAFETY: as above.
        unsafe { libc::setpriority(libc::PRIO_PROCESS, self.tid, self.before) };
    }
}

/// `n` processes that spin until dropped, outside the checker (children of the test); those
/// started go even if starting the next one fails.
struct BusyLoops(Vec<std::process::Child>);

impl BusyLoops {
    fn start(n: usize) -> BusyLoops {
        let mut loops = BusyLoops(Vec::new());
        for _ in 0..n {
            let child = std::process::Command::new("sh")
                .args(["-c", "while :; do :; done"])
                .spawn()
                .unwrap();
            loops.0.push(child);
        }
        loops
    }
}

impl Drop for BusyLoops {
    fn drop(&mut self) {
        for child in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

#[test]
fn a_compile_error_in_one_exercise_leaves_the_others_gradable() {
    let broken = common::Edit {
        file: "src/lib.rs".into(),
        find: Some("pub fn inet_ntoa(a: [u8; 4]) -> String {".into()),
        replace: Some("pub fn inet_ntoa(a: [u8; 4]) -> String { let x = ;".into()),
        source: None,
    };
    let dir = tree(
        "compile-error",
        &["day1-endian", "day2-inet"],
        &[("day2-inet", broken)],
    )
    .unwrap();
    let root = dir.to_string_lossy();

    // Grading only the healthy exercise works and passes.
    let run = run_checker(
        &["--root", &root, "day1-endian", "--seed", &seed()],
        MINUTES,
    );
    assert_eq!(run.code(), Some(0), "{}", run.explain());

    // Grading both: the broken one "does not compile", with the compiler's own message.
    let run = run_checker(
        &[
            "--root",
            &root,
            "day1-endian",
            "day2-inet",
            "--seed",
            &seed(),
        ],
        MINUTES,
    );
    assert_eq!(run.code(), Some(1), "{}", run.explain());
    assert_eq!(
        run.exercise_status("day1-endian").as_deref(),
        Some("pass"),
        "{}",
        run.explain()
    );
    assert_eq!(
        run.exercise_status("day2-inet").as_deref(),
        Some("does-not-compile"),
        "{}",
        run.explain()
    );
    let stdout = run.stdout();
    assert!(stdout.contains("does not compile"), "{stdout}");
    assert!(
        stdout.contains("expected expression"),
        "the compiler's own diagnostic is shown:\n{stdout}"
    );
    // The path it names is the student's file, never the checker's private copy.
    assert!(
        !stdout.contains("checker-build") && stdout.contains("day2-inet/src/lib.rs:"),
        "the diagnostic points at the student's file:\n{stdout}"
    );
    let json = run.json.as_ref().unwrap().to_string();
    assert!(!json.contains("checker-build"), "{json}");
}

#[test]
fn a_changed_signature_is_reported_as_such() {
    let changed = common::Edit {
        file: "src/lib.rs".into(),
        find: Some("pub fn from_wire_u16(b: [u8; 2]) -> u16 {".into()),
        replace: Some("pub fn from_wire_u16(b: [u8; 2], _also: bool) -> u16 {".into()),
        source: None,
    };
    let dir = tree(
        "changed-signature",
        &["day1-endian"],
        &[("day1-endian", changed)],
    )
    .unwrap();
    let run = run_checker(&["--root", &dir.to_string_lossy(), "day1-endian"], MINUTES);
    assert_eq!(
        run.exercise_status("day1-endian").as_deref(),
        Some("does-not-compile"),
        "{}",
        run.explain()
    );
    assert!(
        run.stdout().contains("signature differs from the stub"),
        "{}",
        run.explain()
    );
}

/// A Korean report keeps rustc's own text and ends a common error with a fix in Korean.
#[test]
fn a_mismatched_type_has_a_korean_fix_beside_rustc_s_text() {
    let mismatched = common::Edit {
        file: "src/lib.rs".into(),
        find: Some("pub fn from_wire_u16(b: [u8; 2]) -> u16 {".into()),
        replace: Some("pub fn from_wire_u16(b: [u8; 2]) -> u16 { let _n: u32 = \"2\";".into()),
        source: None,
    };
    let dir = tree(
        "mismatched-korean",
        &["day1-endian"],
        &[("day1-endian", mismatched)],
    )
    .unwrap();
    let root = dir.to_string_lossy();
    let run = run_checker(&["--root", &root, "day1-endian", "--lang", "ko"], MINUTES);
    let stdout = run.stdout();
    let error = stdout.find("error[E0308]: mismatched types");
    let fix = stdout.find("= 고치는 법: 기대한 타입(expected)과 실제 타입(found)이 다르다");
    assert!(
        matches!((error, fix), (Some(e), Some(f)) if e < f),
        "rustc's E0308, then its Korean fix:\n{stdout}"
    );
}

#[test]
fn one_test_can_be_selected_even_the_rules() {
    let run = run_checker(
        &["--solutions", "day1-endian/rules", "day1-endian/htons"],
        MINUTES,
    );
    assert_eq!(run.code(), Some(0), "{}", run.explain());
    let names: Vec<String> = run
        .tests()
        .iter()
        .map(|t| t["name"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(names, ["day1-endian/htons", "day1-endian/rules"]);
}

#[test]
fn bad_arguments_exit_with_2() {
    let out = common::checker_command()
        .arg("day9-nothing")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown exercise"));
    let out = common::checker_command()
        .arg("--no-such-flag")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_mistyped_program_name_is_an_error_that_lists_the_names() {
    // Any existing file will do as the program: the name is refused before anything runs.
    let out = common::checker_command()
        .args([
            "day2-echo",
            "--program",
            "echo_server=/bin/true",
            "--lang",
            "en",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("echo_server") && err.contains("echo-server, echo-client"),
        "{err}"
    );
    let out = common::checker_command()
        .args([
            "day2-echo",
            "--program",
            "fork-server=/bin/true",
            "--lang",
            "ko",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "another exercise's program");
}

/// On a tree never built (a folder of its own, new each run): the lab's trees may already be
/// built, and a build the checker can reuse asks nothing of cargo (`compile::reuse`), so whether
/// cargo was missing would depend on which test ran first.
#[test]
fn a_missing_cargo_exits_with_2() {
    let name = format!("missing-cargo-{}", std::process::id());
    let dir = tree(&name, &["day1-endian"], &[]).unwrap();
    let out = common::checker_command()
        .args(["--root", dir.to_str().unwrap(), "day1-endian"])
        .env("CARGO", "/nonexistent/cargo")
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(common::scratch().join("trees").join(&name));
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("could not run cargo"));
}

#[test]
fn list_shows_every_exercise_and_test_id() {
    let out = common::checker_command().arg("list").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for id in [
        "day1-endian/htons",
        "day2-inet/pton6-tricky",
        "day2-inet/rules",
    ] {
        assert!(text.contains(id), "{id} missing from:\n{text}");
    }
}

#[test]
fn hint_shows_an_exercise_s_hints() {
    let out = common::checker_command()
        .args(["hint", "day2-inet"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("course.md#inet-pton"));
}

/// A grading in which the machine let every test be judged: graded again, whole, once the
/// machine is quieter, as a student would, up to four gradings; if none was, not proven (the
/// line names `what`) and `None`.
fn judged_run(what: &str, grade: impl Fn() -> common::Run) -> Option<common::Run> {
    let unjudged = |run: &common::Run| run.tests().iter().any(|t| t["judged"] == false);
    let mut run = grade();
    for _ in 0..3 {
        if !unjudged(&run) {
            return Some(run);
        }
        common::await_a_quieter_machine(Duration::from_secs(20));
        run = grade();
    }
    if unjudged(&run) {
        common::not_proven(&format!(
            "grading::{what}: no grading judged every test in four ({})",
            common::how_busy()
        ));
        return None;
    }
    Some(run)
}

/// Golden output: the exact human report for a few failures, so their wording does not
/// regress, in English (`<name>.txt`) and in Korean (`<name>.ko.txt`, with `--lang ko`).
/// `UPDATE_GOLDEN=1 cargo test -p checker --test grading golden` rewrites them.
fn golden(name: &str, args: &[&str], tree_dir: Option<&std::path::Path>) {
    golden_varying(name, args, tree_dir, &[]);
}

/// `golden`, with what else varies from run to run in this report (a regex of it, and what
/// it stands for in the golden file).
fn golden_varying(
    name: &str,
    args: &[&str],
    tree_dir: Option<&std::path::Path>,
    varying: &[(&str, &str)],
) {
    golden_in(name, args, tree_dir, varying);
    let korean: Vec<&str> = args.iter().copied().chain(["--lang", "ko"]).collect();
    golden_in(&format!("{name}.ko"), &korean, tree_dir, varying);
}

fn golden_in(
    name: &str,
    args: &[&str],
    tree_dir: Option<&std::path::Path>,
    varying: &[(&str, &str)],
) {
    // Started as some CI runners start it, with a descriptor open on fd 3: the report names
    // the program's own descriptors (`fd 4`), whatever the checker inherited.
    // A report with a test the machine kept from being judged is not the report this golden
    // file holds (a busy CI run saw one).
    let Some(run) = judged_run(&format!("golden {name}"), || {
        common::run_checker_inheriting_a_descriptor(args, MINUTES)
    }) else {
        return;
    };
    let mut text = run.stdout();
    for (pattern, stands_for) in varying {
        let re = regex::Regex::new(pattern).unwrap();
        text = re.replace_all(&text, *stands_for).into_owned();
    }
    if let Some(dir) = tree_dir {
        text = text.replace(&dir.to_string_lossy().to_string(), "<TREE>");
    }
    // What changes from run to run: times in transcripts and the ports the kernel hands out.
    let times = regex::Regex::new(r"\b\d+\.\d{3}s\b").unwrap();
    let ports = regex::Regex::new(r"(127\.0\.0\.1:|port |포트 )\d+").unwrap();
    text = times.replace_all(&text, "T.TTTs").into_owned();
    text = ports.replace_all(&text, "${1}PORT").into_owned();
    // A Korean particle after a port number follows its last digit (포트 7으로, 포트 8로).
    text = text.replace("PORT으로", "PORT로");
    // ... and the pids of the processes a report lists.
    let pids = regex::Regex::new(r"\b\d+ ([a-z][a-z-]*) \(state").unwrap();
    text = pids.replace_all(&text, "PID $1 (state").into_owned();
    // ... and how much CPU a program that spins took, over how long (observe/stuck/spin.rs).
    let spun = regex::Regex::new(r"(ran |가운데 )\d+ ?ms").unwrap();
    text = spun.replace_all(&text, "${1}N ms").into_owned();
    let over = regex::Regex::new(r"(of the last |지난 )\d+\.\d").unwrap();
    text = over.replace_all(&text, "${1}S").into_owned();
    // ... and how busy the machine was, said of a failure judged again alone (rejudge.rs).
    let busy = regex::Regex::new(r"(?m)^ *(the machine was busy|머신이 바빴다): .*\n").unwrap();
    text = busy.replace_all(&text, "").into_owned();
    let path = common::lab_root()
        .join("checker/tests/golden")
        .join(format!("{name}.txt"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &text).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing: run with UPDATE_GOLDEN=1 to create it",
            path.display()
        )
    });
    if expected != text {
        let at = expected
            .lines()
            .zip(text.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "the report differs from {} from line {}:\n--- expected ---\n{}\n--- got ---\n{}\n(UPDATE_GOLDEN=1 rewrites it if the change is wanted)",
            path.display(),
            at + 1,
            expected
                .lines()
                .skip(at)
                .take(8)
                .collect::<Vec<_>>()
                .join("\n"),
            text.lines().skip(at).take(8).collect::<Vec<_>>().join("\n"),
        );
    }
}

#[test]
fn golden_wrong_answer_of_a_library_function() {
    let edits: Vec<_> = common::broken_version_edits("day1-endian", "swap32-sign-extension")
        .into_iter()
        .map(|e| ("day1-endian", e))
        .collect();
    let dir = tree("golden-swap32", &["day1-endian"], &edits).unwrap();
    golden(
        "day1-swap32-sign-extension",
        &[
            "--root",
            &dir.to_string_lossy(),
            "day1-endian/swap32",
            "--seed",
            "7",
        ],
        Some(&dir),
    );
}

/// The C track's twin of `golden_wrong_answer_of_a_library_function`: a C class's sample
/// failure (course.md#reading-a-failure) speaks C (`uint32_t`, `int32_t`, no `u32`).
#[test]
fn golden_wrong_answer_of_a_c_library_function() {
    let edits: Vec<_> = common::c_broken_version_edits("day1-endian", "swap32-sign-extension")
        .into_iter()
        .map(|e| ("day1-endian", e))
        .collect();
    let dir = common::c_tree("golden-c-swap32", &["day1-endian"], &edits).unwrap();
    golden(
        "day1-swap32-sign-extension-c",
        &[
            "--root",
            &dir.to_string_lossy(),
            "day1-endian/swap32",
            "--seed",
            "7",
        ],
        Some(&dir),
    );
}

/// The sample failure each course shows ("how to read a failure") is the report the checker
/// prints today, in the course's language (course.ko.md showed an older, English-shaped one),
/// for each track (the C edition shows the C one).
#[test]
fn the_course_s_sample_failure_is_the_golden_report() {
    for (course, golden) in [
        ("course.md", "day1-swap32-sign-extension.txt"),
        ("course.ko.md", "day1-swap32-sign-extension.ko.txt"),
        ("course.md", "day1-swap32-sign-extension-c.txt"),
        ("course.ko.md", "day1-swap32-sign-extension-c.ko.txt"),
    ] {
        let root = common::lab_root();
        let text = std::fs::read_to_string(root.join(course)).unwrap();
        let report =
            std::fs::read_to_string(root.join("checker/tests/golden").join(golden)).unwrap();
        let failure: String = report.lines().take(7).map(|l| format!("{l}\n")).collect();
        assert!(
            text.contains(&failure),
            "{course} does not show the report of {golden}:\n{failure}"
        );
    }
}

/// The course has more days than the notes: the READMEs and the course's opening say how they
/// map and what a four-day class leaves out, by linking the course's day map (issue 24, point 6).
#[test]
fn the_readmes_and_the_course_link_the_day_map() {
    let root = common::lab_root();
    for (file, link) in [
        ("README.md", "(course.md#day-map)"),
        ("README.ko.md", "(course.ko.md#day-map)"),
        ("course.md", "(#day-map)"),
        ("course.ko.md", "(#day-map)"),
    ] {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        // The opening as a class reads it: the lab's copy holds every track's opening paragraph
        // (`<!-- track:... -->` regions), a class's only its own, so count the lines of one.
        let mut other_track = false;
        let opening: String = text
            .lines()
            .filter(|l| {
                match l.trim() {
                    "<!-- track:c -->" | "<!-- track:lab -->" => other_track = true,
                    "<!-- /track -->" => other_track = false,
                    _ => {}
                }
                !other_track
            })
            .take(20)
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            opening.contains(link),
            "{file} does not open with a link {link}"
        );
    }
    for course in ["course.md", "course.ko.md"] {
        let text = std::fs::read_to_string(root.join(course)).unwrap();
        assert!(text.contains("<a id=\"day-map\"></a>"), "{course}");
    }
}

#[test]
fn golden_ntop6_compressing_a_single_zero() {
    let edits: Vec<_> = common::broken_version_edits("day2-inet", "ntop6-compresses-single-zero")
        .into_iter()
        .map(|e| ("day2-inet", e))
        .collect();
    let dir = tree("golden-ntop6", &["day2-inet"], &edits).unwrap();
    golden(
        "day2-ntop6-single-zero",
        &[
            "--root",
            &dir.to_string_lossy(),
            "day2-inet/ntop6-structured",
            "--seed",
            "7",
        ],
        Some(&dir),
    );
}

#[test]
fn golden_stub_not_started() {
    golden(
        "day1-stub-not-started",
        &["day1-endian/htons", "--seed", "7"],
        None,
    );
}

/// A server test whose exchange is a strict request and reply, so the transcript's order is
/// fixed. (A TCP stream test is not: the echo of the first bytes may come back while the
/// checker is still sending the rest, and whether "shut down" is logged before or after it
/// depends on scheduling.)
#[test]
fn golden_udp_server_that_goes_through_a_string() {
    let edits: Vec<_> = common::broken_version_edits("day3-udp", "through-string")
        .into_iter()
        .map(|e| ("day3-udp", e))
        .collect();
    let dir = tree("golden-udp-string", &["day3-udp"], &edits).unwrap();
    golden(
        "day3-udp-through-string",
        &[
            "--root",
            &dir.to_string_lossy(),
            "day3-udp/binary",
            "--seed",
            "7",
        ],
        Some(&dir),
    );
}

#[test]
fn golden_echo_client_that_trims_lines() {
    let edits: Vec<_> = common::broken_version_edits("day2-echo", "client-trims-lines")
        .into_iter()
        .map(|e| ("day2-echo", e))
        .collect();
    let dir = tree("golden-echo-client", &["day2-echo"], &edits).unwrap();
    golden(
        "day2-echo-client-trims",
        &[
            "--root",
            &dir.to_string_lossy(),
            "day2-echo/client-echo",
            "--seed",
            "7",
        ],
        Some(&dir),
    );
}

/// Grade one test of a broken version and return the human report.
fn report_of(exercise: &str, version: &str, test: &str) -> String {
    let edits: Vec<_> = common::broken_version_edits(exercise, version)
        .into_iter()
        .map(|e| (exercise, e))
        .collect();
    let dir = tree(&format!("notes-{version}"), &[exercise], &edits).unwrap();
    let run = run_checker(
        &[
            "--root",
            &dir.to_string_lossy(),
            &format!("{exercise}/{test}"),
            "--seed",
            "11",
        ],
        MINUTES,
    );
    assert_eq!(run.code(), Some(1), "{}", run.explain());
    run.stdout()
}

/// The notes of a failure name the real cause, not a symptom.
#[test]
fn notes_name_the_real_cause() {
    // Extra processes that are zombies are called zombies, not "a child that falls back into
    // the accept loop"; a server that takes no SIGCHLD at all is told so.
    let out = report_of("day3-fork", "reaps-after-accept", "back-to-one-process");
    assert!(out.contains("zombies (exited, never reaped)"), "{out}");
    assert!(!out.contains("falls back into the accept loop"), "{out}");
    let out = report_of("day3-fork", "reaps-after-accept", "no-zombie-sequential");
    assert!(out.contains("takes no SIGCHLD at all"), "{out}");
    // A child that goes back to accepting is named as such.
    let out = report_of("day3-fork", "child-falls-through", "back-to-one-process");
    assert!(
        out.contains("children holding the listening socket"),
        "{out}"
    );
    // A listen backlog of 5 is named, not "a loop that never ends".
    let out = report_of("day3-fork", "backlog-5", "fifty-clients");
    assert!(out.contains("course.md#backlog"), "{out}");
    assert!(!out.contains("a loop that never ends"), "{out}");
    // The checker's own SIGTERM is not reported as the server's end.
    let out = report_of("day2-echo", "no-reuseaddr", "restart-same-port");
    assert!(!out.contains("killed by SIGTERM"), "{out}");
}

/// A fork server that never reaps: its leftover processes are named for what they are.
#[test]
fn golden_fork_server_leaving_zombies() {
    let edits: Vec<_> = common::broken_version_edits("day3-fork", "never-reaps")
        .into_iter()
        .map(|e| ("day3-fork", e))
        .collect();
    let dir = tree("golden-fork-zombies", &["day3-fork"], &edits).unwrap();
    golden(
        "day3-fork-zombies",
        &[
            "--root",
            &dir.to_string_lossy(),
            "day3-fork/back-to-one-process",
            "--seed",
            "7",
        ],
        Some(&dir),
    );
}

/// A resolver that asks getaddrinfo without ai_socktype, on a numeric address: the same lines
/// on every machine (no network, no /etc/hosts or /etc/services), and a note that names the
/// cause from the shape of the answer.
#[test]
fn golden_resolve_without_a_socktype_hint() {
    let edits: Vec<_> = common::broken_version_edits("day3-resolve", "no-socktype-hint")
        .into_iter()
        .map(|e| ("day3-resolve", e))
        .collect();
    let dir = tree("golden-resolve-socktype", &["day3-resolve"], &edits).unwrap();
    golden(
        "day3-resolve-no-socktype-hint",
        &[
            "--root",
            &dir.to_string_lossy(),
            "day3-resolve/numeric-ipv4",
            "--seed",
            "7",
        ],
        Some(&dir),
    );
}

/// The language: `--lang` beats LC_ALL, which beats LC_MESSAGES, which beats LANG (the first
/// set and non-empty decides); a language the checker does not speak means English. `--help`
/// shows it without grading anything.
#[test]
fn the_language_comes_from_the_flag_then_lc_all_lc_messages_lang() {
    let help = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = common::checker_command();
        cmd.args(args).arg("--help");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        if text.contains("사용법:") {
            "ko"
        } else {
            assert!(text.contains("Usage:"), "{text}");
            "en"
        }
    };
    let ko = "ko_KR.UTF-8";
    assert_eq!(help(&[], &[]), "en");
    assert_eq!(help(&[], &[("LANG", ko)]), "ko");
    assert_eq!(
        help(&[], &[("LC_MESSAGES", ko), ("LANG", "en_US.UTF-8")]),
        "ko"
    );
    assert_eq!(help(&[], &[("LC_MESSAGES", "C"), ("LANG", ko)]), "en");
    assert_eq!(help(&[], &[("LC_ALL", ko), ("LC_MESSAGES", "C")]), "ko");
    assert_eq!(help(&[], &[("LC_ALL", ""), ("LANG", ko)]), "ko");
    assert_eq!(help(&["--lang", "en"], &[("LC_ALL", ko)]), "en");
    assert_eq!(help(&["--lang=ko"], &[("LC_ALL", "en_US.UTF-8")]), "ko");
    assert_eq!(help(&[], &[("LANG", "fr_FR.UTF-8")]), "en");
}

/// A mistake on the command line is said in Korean, clap's suggestion of a similar option too,
/// and the exit code stays clap's 2.
#[test]
fn a_command_line_mistake_is_said_in_korean() {
    let out = common::checker_command()
        .args(["--lang", "ko", "--jbos", "2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("알 수 없는 인자: --jbos\n"), "{err}");
    assert!(err.contains("비슷한 것: --jobs"), "{err}");
    assert!(!err.contains("error:") && !err.contains("Usage:"), "{err}");
}

/// The overview in Korean keeps its columns: status words padded by display width (a Hangul
/// syllable takes two cells), so every row's counts start in the same column.
#[test]
fn the_korean_overview_is_aligned() {
    let out = common::checker_command()
        .args(["--lang", "ko"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("다음: course.ko.md#"), "{text}");
    let columns: Vec<usize> = text
        .lines()
        .filter(|l| l.starts_with("  day"))
        .map(|l| {
            let at = l.find("테스트").unwrap_or_else(|| panic!("{l}"));
            unicode_width::UnicodeWidthStr::width(&l[..at])
        })
        .collect();
    assert!(columns.len() >= 11, "{text}");
    assert!(columns.windows(2).all(|w| w[0] == w[1]), "{text}");
}

/// Day 7 is climbed in parts (issue 59): the overview shows each part under day7-broker, with
/// its counts and each of its tests marked (a stub's: not started), and says the first part's
/// section is next once day 7 is; `list` shows day 7 part by part, and its JSON says each
/// test's part.
#[test]
fn the_overview_and_list_show_day_7_by_part() {
    let out = common::checker_command()
        .args(["--lang", "en"])
        .env("COLUMNS", "200")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let at = text
        .find("  day7-broker ")
        .unwrap_or_else(|| panic!("{text}"));
    // Each part's line, then its tests' (as many lines as they take), marked not started.
    let day7: Vec<&str> = text[at..]
        .lines()
        .skip(1)
        .take_while(|l| l.starts_with("    "))
        .collect();
    let part = |n: usize, title: &str| {
        let heading = format!("    part {n}: {title}");
        let i = day7
            .iter()
            .position(|l| l.starts_with(&heading) && l.contains("(0/"))
            .unwrap_or_else(|| panic!("no `{heading}`:\n{text}"));
        day7[i + 1..]
            .iter()
            .take_while(|l| l.starts_with("      ○ "))
            .flat_map(|l| l.split("  ").map(|t| t.trim().trim_start_matches("○ ")))
            .filter(|t| !t.is_empty())
            .collect::<Vec<&str>>()
    };
    let first = part(1, "packets, CONNECT and hostile input");
    assert_eq!(first.first(), Some(&"remaining-length-decode"), "{text}");
    assert!(first.contains(&"connect-first"), "{text}");
    assert!(part(2, "routing").contains(&"wildcards"), "{text}");
    assert!(
        part(3, "state and load").contains(&"stalled-subscriber"),
        "{text}"
    );

    let out = common::checker_command()
        .args(["list", "--lang", "en"])
        .env("COLUMNS", "200")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let part = text
        .find("  part 2: routing")
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        text[part..]
            .lines()
            .nth(1)
            .unwrap()
            .contains("day7-broker/publish"),
        "{text}"
    );
    let out = common::checker_command()
        .args(["list", "--format", "json"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let day7 = doc
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "day7-broker")
        .unwrap();
    assert_eq!(day7["parts"].as_array().unwrap().len(), 3);
    let part_of = |id: &str| {
        day7["tests"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id)
            .map(|t| t["part"].clone())
            .unwrap()
    };
    assert_eq!(part_of("hostile-input"), 1);
    assert_eq!(part_of("retained"), 2);
    assert_eq!(part_of("takeover"), 3);
    assert_eq!(part_of("rules"), serde_json::Value::Null);
}

/// The first run builds for up to a minute: on a terminal, the progress line says which
/// exercise cargo is building (a fresh clone's 18 s of silence looked like a hang). `script`
/// gives the checker a terminal; CI's variables, which hide the bar from logs, are removed.
#[test]
fn a_terminal_is_told_what_cargo_builds() {
    for (lang, words) in [
        ("en", "building day1-endian"),
        ("ko", "day1-endian 빌드 중"),
    ] {
        let checker = env!("CARGO_BIN_EXE_checker");
        let std_cmd = common::checker_command();
        let mut cmd = std::process::Command::new("script");
        cmd.args([
            "-qec",
            &format!("{checker} day1-endian/htons --seed 7 --lang {lang}"),
            "/dev/null",
        ]);
        for (k, v) in std_cmd.get_envs() {
            match v {
                Some(v) => cmd.env(k, v),
                None => cmd.env_remove(k),
            };
        }
        cmd.env_remove("CI").env_remove("GITHUB_ACTIONS");
        let out = cmd.output().expect("script(1) from util-linux");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(words), "{lang}: no progress line:\n{text}");
        assert_eq!(out.status.code(), Some(1), "{text}");
    }
}

/// The likeliest first echo server: the stub's hint code as it stands (one read, one send,
/// close). Its reports say the server closed the connection, in both languages, never that it
/// is slow or non-blocking.
#[test]
fn golden_echo_server_from_the_stub_hints() {
    let edits: Vec<_> = common::broken_version_edits("day2-echo", "stub-hints-as-is")
        .into_iter()
        .map(|e| ("day2-echo", e))
        .collect();
    let dir = tree("golden-echo-hints", &["day2-echo"], &edits).unwrap();
    golden(
        "day2-echo-stub-hints-throughput",
        &[
            "--root",
            &dir.to_string_lossy(),
            "day2-echo/throughput",
            "--seed",
            "7",
        ],
        Some(&dir),
    );
    // The stalled reader's transcript depends on the kernel's buffers (how much of the 32 MiB
    // it took), and whether the client meets the server's FIN or its RST first on the race
    // between its two threads: its explanation is pinned, in both languages.
    for (lang, closed, wrong) in [
        ("en", "before sending everything back", "non-blocking"),
        ("ko", "모두 되돌려 보내기 전에 연결을 끝냈다", "논블로킹"),
    ] {
        let run = run_checker(
            &[
                "--root",
                &dir.to_string_lossy(),
                "day2-echo/stalled-reader",
                "--lang",
                lang,
            ],
            MINUTES,
        );
        let out = run.stdout();
        assert!(out.contains(closed) && !out.contains(wrong), "{out}");
    }
}

/// Under a Korean locale the command line's help is Korean all the way: clap's own headings,
/// its `help` subcommand, the defaults and the possible values with their descriptions, in
/// `-h`, `--help` and a subcommand's help alike (issue 24, point 7).
#[test]
fn the_help_is_korean_all_the_way_under_a_korean_locale() {
    let english = [
        "Usage:",
        "Arguments:",
        "Options:",
        "Commands:",
        "Print help",
        "Print this message",
        "Possible values",
        "[default:",
        "[possible values:",
        "Namespaces where the machine allows them",
        "A Gradescope autograder's",
    ];
    for args in [&["--help"][..], &["-h"], &["hint", "--help"], &["help"]] {
        let out = common::checker_command()
            .args(args)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "ko_KR.UTF-8")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("사용법:") && text.contains("옵션:"),
            "{args:?}:\n{text}"
        );
        for words in english {
            assert!(!text.contains(words), "{args:?}: `{words}` in:\n{text}");
        }
    }
}
