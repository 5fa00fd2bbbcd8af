//! The checker runs code it cannot trust. Each hostile program in
//! `checker/tests/hostile-programs/` replaces day2-echo's server, and the checker must,
//! in both sandbox modes: finish within its budget, report failures that name what happened,
//! keep the program's output from faking a verdict, and leave no process behind (every run of
//! the checker carries a mark in its environment, inherited by everything it starts, and
//! `/proc` is searched for it afterwards).

mod common;

use std::time::Duration;

use libtest_mimic::{Arguments, Failed, Trial};

use common::{Edit, run_checker, tree};

struct Hostile {
    name: &'static str,
    /// The report must contain one of these: the failure names what happened.
    names_it: &'static [&'static str],
}

const HOSTILE: &[Hostile] = &[
    Hostile {
        name: "endless-loop",
        // A computation in user space, which a server may do before it accepts: told at the
        // read's deadline (observe/stuck/spin.rs). The first phrase is the early verdict of
        // one that spins in system calls beside the connections it never accepts.
        names_it: &[
            "accepted none of the connections waiting there",
            "nothing came back in time",
        ],
    },
    Hostile {
        name: "fork-bomb",
        names_it: &["fork bomb"],
    },
    Hostile {
        name: "daemon",
        names_it: &[
            "running after it ended",
            "still running in the test's sandbox",
        ],
    },
    Hostile {
        name: "ignores-sigterm",
        names_it: &["did not end on SIGTERM"],
    },
    Hostile {
        name: "sleeps-in-sigterm-handler",
        names_it: &["did not end on SIGTERM"],
    },
    Hostile {
        name: "floods-output",
        names_it: &["bytes to stdout", "bytes of output"],
    },
    Hostile {
        name: "closes-stdout",
        names_it: &["closed its stdout"],
    },
    Hostile {
        name: "binds-never-accepts",
        names_it: &["nothing came back in time"],
    },
    Hostile {
        name: "eats-memory",
        names_it: &["SIGABRT", "memory allocation"],
    },
    Hostile {
        name: "stops-its-group",
        names_it: &["stopped (SIGSTOP)"],
    },
    Hostile {
        name: "fakes-a-pass",
        names_it: &["failed"],
    },
];

/// The tests each hostile server is put through.
const TESTS: &[&str] = &["day2-echo/round-trip", "day2-echo/sequential-clients"];
/// How long the whole checker run may take, not counting what a starved machine kept from it.
const BUDGET: Duration = Duration::from_secs(40);

/// A file of the hostile programs, by its whole path (an edit's source is otherwise its
/// exercise's proofs').
fn programs(file: &str) -> String {
    let dir = common::lab_root().join("checker/tests/hostile-programs");
    dir.join(file).to_string_lossy().into_owned()
}

fn run(hostile: &Hostile, mode: &str) -> Result<(), Failed> {
    let edits = vec![
        (
            "day2-echo",
            Edit {
                file: "src/bin/echo-server.rs".into(),
                find: None,
                replace: None,
                source: Some(programs(&format!("{}.rs", hostile.name))),
            },
        ),
        (
            "day2-echo",
            Edit {
                file: "src/hostile_common.rs".into(),
                find: None,
                replace: None,
                source: Some(programs("common.rs")),
            },
        ),
    ];
    let dir = tree(
        &format!("hostile--{}", hostile.name),
        &["day2-echo"],
        &edits,
    )?;
    let mut args = vec!["--root", dir.to_str().unwrap(), "--sandbox", mode, "-v"];
    args.extend_from_slice(TESTS);
    // run_checker also fails if anything the checker started is still alive afterwards.
    // A test the machine kept from being judged (`"judged": false`: the suite's other hostile
    // programs starve the machine too) is graded again, up to twice, only while the report
    // does not yet say what happened: an unjudged failure keeps what it saw, and every check
    // below holds for it (an endless loop graded three times spun 30 s of CPU for nothing).
    let said = |run: &common::Run| hostile.names_it.iter().any(|p| run.stdout().contains(p));
    let unjudged = |run: &common::Run| run.tests().iter().any(|t| t["judged"] == false);
    let mut run = run_checker(&args, BUDGET + Duration::from_secs(30));
    for _ in 0..2 {
        if !unjudged(&run) || said(&run) {
            break;
        }
        common::await_a_quieter_machine(Duration::from_secs(20));
        run = run_checker(&args, BUDGET + Duration::from_secs(30));
    }
    let report = run.stdout();
    // The time the run had the machine (`common::MachineClock`): a starved machine fails no
    // run on time.
    if run.unstarved > BUDGET {
        return Err(format!(
            "took {:.1} s not starved, over the budget of {} s\n{}",
            run.unstarved.as_secs_f64(),
            BUDGET.as_secs(),
            run.explain()
        )
        .into());
    }
    if run.code() != Some(1) {
        return Err(format!(
            "the checker must exit with 1 (tests failed)\n{}",
            run.explain()
        )
        .into());
    }
    for t in run.tests() {
        // Failed, or (still, after two more gradings) kept from being judged by a machine these
        // hostile programs starve themselves: never a pass, never the checker's own error.
        if t["status"] != "fail" && t["judged"] != false {
            return Err(format!(
                "{} must fail, its status is {}\n{}",
                t["name"],
                t["status"],
                run.explain()
            )
            .into());
        }
    }
    if run.tests().len() != TESTS.len() {
        return Err(format!(
            "expected {} tests in the JSON report\n{}",
            TESTS.len(),
            run.explain()
        )
        .into());
    }
    if !hostile
        .names_it
        .iter()
        .any(|phrase| report.contains(phrase))
    {
        return Err(format!(
            "the report does not say what happened (one of {:?})\n{}",
            hostile.names_it,
            run.explain()
        )
        .into());
    }
    // Nothing the program printed can fake a verdict or reach a terminal or a CI log raw.
    // The count is the JSON report's: failed, and those the machine (which these programs
    // starve themselves) kept from being judged, told apart.
    let last = report.lines().last().unwrap_or_default();
    let unjudged = run.tests().iter().filter(|t| t["judged"] == false).count();
    let mut count = format!("0 passed, {} failed", TESTS.len() - unjudged);
    if unjudged > 0 {
        count +=
            &format!(", {unjudged} could not be judged (the machine was too busy: grade again)");
    }
    if last != count {
        return Err(format!(
            "the last line must be the checker's own count, got {last:?}\n{}",
            run.explain()
        )
        .into());
    }
    if report.contains('\x1b') || run.stderr().contains('\x1b') {
        return Err(format!(
            "an escape sequence from the program reached the checker's output\n{}",
            run.explain()
        )
        .into());
    }
    if let Some(line) = report
        .lines()
        .chain(run.stderr().lines())
        .find(|l| l.starts_with("::"))
    {
        return Err(format!(
            "a line of the checker's output starts a workflow command: {line:?}\n{}",
            run.explain()
        )
        .into());
    }
    Ok(())
}

/// Can this machine make namespaces (root and unshare)? Asked the way the checker asks it.
/// A checker stopped from outside in the middle of a test (SIGTERM, as a CI timeout sends, or
/// SIGKILL) leaves nothing behind: not the programs, not the sandbox's processes; and, stopped
/// by SIGTERM, not the test's directory (SIGKILL gives it no chance to remove one).
fn killed_mid_run(signal: libc::c_int, mode: &str) -> Result<(), Failed> {
    let mark = format!("{}-killed-{signal}-{mode}", std::process::id());
    // The checker's temporary directory, this test's own: what is left in it is the checker's.
    let tmp = tempfile::tempdir()?;
    let mut checker = common::checker_command()
        .args([
            "--solutions",
            "day2-echo/client-no-answer",
            "--sandbox",
            mode,
        ])
        .env("LAB_TEST_MARK", &mark)
        .env("TMPDIR", tmp.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()?;
    // The test is under way once echo-client runs (it waits 5 s for an answer that never
    // comes); the first run may build the solutions first.
    let until = std::time::Instant::now() + Duration::from_secs(120);
    while !common::processes_marked_now(&mark)
        .iter()
        .any(|(_, cmd)| cmd.contains("echo-client"))
    {
        if std::time::Instant::now() > until || checker.try_wait()?.is_some() {
            let _ = checker.kill();
            let _ = checker.wait();
            return Err("echo-client never started".into());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    // SAFETY: a signal to our own child.
    unsafe { libc::kill(checker.id() as libc::pid_t, signal) };
    checker.wait()?;
    let left = common::processes_marked(&mark);
    if !left.is_empty() {
        return Err(
            format!("after signal {signal} to the checker, still running: {left:?}").into(),
        );
    }
    if signal == libc::SIGTERM {
        let dirs: Vec<_> = std::fs::read_dir(tmp.path())?
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with("lab-checker-run-"))
            .collect();
        if !dirs.is_empty() {
            return Err(format!(
                "after SIGTERM to the checker, its test's directory is left: {dirs:?}"
            )
            .into());
        }
    }
    Ok(())
}

fn namespaces_available() -> bool {
    std::process::Command::new("unshare")
        .args(["--net", "--pid", "--fork", "--kill-child", "true"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

fn main() {
    let args = Arguments::from_args();
    let mut trials = Vec::new();
    let mut modes = vec!["plain"];
    if namespaces_available() {
        modes.push("namespaces");
    } else {
        eprintln!(
            "hostile: this machine does not allow namespaces: only plain mode is tested here"
        );
    }
    for mode in modes {
        for (signal, name) in [(libc::SIGTERM, "sigterm"), (libc::SIGKILL, "sigkill")] {
            trials.push(Trial::test(
                format!("{mode}::checker-killed-by-{name}"),
                move || killed_mid_run(signal, mode),
            ));
        }
        for hostile in HOSTILE {
            trials.push(Trial::test(
                format!("{mode}::{}", hostile.name),
                move || run(hostile, mode),
            ));
        }
    }
    libtest_mimic::run(&args, trials).exit();
}
