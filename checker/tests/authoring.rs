//! `checker new` keeps its promise: "`cargo test` and `checker verify` pass" once it has
//! scaffolded an exercise. On a copy of the lab (its tracked files, as a clean clone has them),
//! a program exercise and a library exercise are scaffolded one after the other, with no edit
//! and no rebuild between them, and an existing exercise's rules are tightened and synced
//! (`checker sync`), which also writes again a list's entry that was lost (README's row, the day
//! map's name, the gitignore's program) and derives the new program's stubs from a step written,
//! with its Korean, in its references only (their `//@` lines); every list that names the exercises names the new
//! ones; then the layering check (README's module map names them), their
//! stubs are graded (not started), their solutions (pass), `checker verify` (grading the two new
//! exercises, every other check over the whole lab), the checker's unit tests and the new broken
//! versions run there, and must pass.
//!
//! The copy's checker is built once, after both scaffolds (this build's checker writes them,
//! told where the copy is), together with its unit tests and the broken-versions test, in one
//! cargo call so that the two cores compile side by side. The copy's target directory is kept
//! between runs, beside the test's own; the first time it is seeded with the compiled
//! dependencies of this build, so that only the checker and the exercises compile. So is the
//! build directory every checker run in the copy grades in (the one its own tests use), which
//! took the test from 80 s to 55 s on an idle machine (nix compiled three times less).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The lab's files as a clone has them: tracked, or new and not ignored.
fn lab_files(lab: &Path) -> Vec<PathBuf> {
    let out = Command::new("git")
        .args([
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ])
        .current_dir(lab)
        .output()
        .expect("git lists the lab's files");
    assert!(out.status.success(), "git ls-files failed");
    out.stdout
        .split(|&b| b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| PathBuf::from(String::from_utf8_lossy(p).into_owned()))
        .filter(|p| lab.join(p).is_file())
        .collect()
}

/// A fresh copy of the lab in `to`, but its `target/` (kept: cargo's cache between runs).
fn copy_lab(lab: &Path, to: &Path) {
    for entry in std::fs::read_dir(to).into_iter().flatten().flatten() {
        if entry.file_name() != "target" {
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                std::fs::remove_dir_all(&path).unwrap();
            } else {
                std::fs::remove_file(&path).unwrap();
            }
        }
    }
    for rel in lab_files(lab) {
        let dst = to.join(&rel);
        std::fs::create_dir_all(dst.parent().unwrap()).unwrap();
        std::fs::copy(lab.join(&rel), &dst).unwrap();
    }
}

/// The build directory the copy's tests give every checker they run (`common::checker_command`
/// there): the graded trees' build units, seeded like the copy's target directory with this
/// build's compiled dependencies, so nix and tokio are not compiled again.
fn shared_build(copy: &Path) -> PathBuf {
    copy.join("target/tmp/shared-build")
}

/// `cargo` in the copy, never in this build's target directory.
fn cargo(copy: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO"))
        .args(args)
        .current_dir(copy)
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("CARGO_BUILD_TARGET_DIR")
        .env_remove("CARGO_BUILD_BUILD_DIR")
        .output()
        .unwrap()
}

/// The copy's own checker (its lab is the copy: the checker finds its lab where it was built),
/// building in the build directory the copy's own tests use (`shared_build`).
fn checker(copy: &Path, args: &[&str]) -> Output {
    Command::new(copy.join("target/debug/checker"))
        .args(args)
        .current_dir(copy)
        .env("CARGO_BUILD_BUILD_DIR", shared_build(copy))
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_ACTIONS")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .output()
        .unwrap()
}

fn passed(what: &str, out: &Output) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{what} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

#[test]
fn a_scaffolded_exercise_passes_verify_and_the_project_tests() {
    let copy = common::scratch().join("scaffolded-lab");
    copy_lab(&common::lab_root(), &copy);
    common::seed_target(&copy.join("target"));
    common::seed_target(&shared_build(&copy));
    // Scaffolded by this build's checker (the same sources as the copy's), told where the copy
    // is: the copy's checker is built once, with the new exercises in it.
    let new = |args: &[&str]| {
        let mut all = vec!["new"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--lab", copy.to_str().unwrap()]);
        Command::new(env!("CARGO_BIN_EXE_checker"))
            .args(&all)
            .env("NO_COLOR", "1")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .output()
            .unwrap()
    };
    // Two in a row, as an instructor may: the second must not lose the first's rows. Both on
    // both tracks (new's default): a program, and a library, whose C version is called through
    // a shim.
    let said = passed(
        "checker new day9-probe --binary probe-server",
        &new(&["day9-probe", "--binary", "probe-server"]),
    );
    assert!(said.contains("checker verify` pass"), "{said}");
    for file in [
        "checker/exercises/day9-probe/korean/rust/src/bin/probe-server.rs.ko",
        "checker/exercises/day9-probe/mod.rs",
        "checker/exercises/day9-probe/proofs/proofs.toml",
        "c/solutions/day9-probe/probe-server.c",
        "c/exercises/day9-probe/probe-server.c",
        "checker/exercises/day9-probe/korean/c/probe-server.c.ko",
        "checker/exercises/day9-probe/proofs/proofs.toml (the C track's broken versions, [[c.broken]])",
    ] {
        assert!(said.contains(file), "new did not list {file}:\n{said}");
    }
    // What is left is listed for each track, numbered as docs/instructors.md numbers it.
    for step in ["  2. ", "  10. ", "  13. ", "  14. "] {
        assert!(said.contains(step), "new did not list step {step}:\n{said}");
    }
    let said = passed(
        "checker new day9-tally --track both",
        &new(&["day9-tally", "--track", "both"]),
    );
    assert!(
        said.contains("checker/exercises/day9-tally/c-shim/src/lib.rs")
            && said.contains("checker/exercises/day9-tally/harness-calls.rs")
            && said.contains("  12. "),
        "{said}"
    );
    // Every list that names the exercises names the two: README's tables of each track (the C
    // ones with the C files), in both languages, the gitignore of what `make` builds, the
    // solutions' workspace. Day 9 has no row in the day map: verify owes it (below).
    let read = |rel: &str| std::fs::read_to_string(copy.join(rel)).unwrap();
    for (file, rows) in [
        (
            "README.md",
            [
                "| 9 | `day9-probe` | TODO: what the student writes |",
                "| 9 | `day9-tally` | TODO: what the student writes (`tally.c`) |",
                "| 9 | `day9-probe` | `probe-server.c` |",
                "| 9 | `day9-tally` | `tally.c`: TODO: its functions (a library) |",
            ],
        ),
        (
            "README.ko.md",
            [
                "| 9 | `day9-probe` | TODO: 학생이 작성할 것 |",
                "| 9 | `day9-tally` | TODO: 학생이 작성할 것(`tally.c`) |",
                "| 9 | `day9-probe` | `probe-server.c` |",
                "| 9 | `day9-tally` | `tally.c`: TODO: 함수들(라이브러리) |",
            ],
        ),
    ] {
        let text = read(file);
        for row in rows {
            assert!(
                text.contains(&format!("\n{row}\n")),
                "new did not write {row} in {file}"
            );
        }
    }
    let ignored = read("c/exercises/.gitignore");
    assert!(
        // After the lab's last exercise's programs, whichever day that is.
        ignored.ends_with("/day8-device/sensor-device\n/day9-probe/probe-server\n"),
        "{ignored}"
    );
    assert!(
        read("solutions/Cargo.toml").contains(", \"day8-device\", \"day9-probe\", \"day9-tally\"]"),
        "the solutions' workspace lacks the new members"
    );
    // What sync keeps: a row lost (as a merge may lose one) is written again, with its words to
    // fill in; a name lost from its day's row of the day map too; the gitignore is derived again.
    let lost = [
        ("README.md", "| 9 | `day9-probe` | `probe-server.c` |\n"),
        ("c/exercises/.gitignore", "/day9-probe/probe-server\n"),
        ("course.md", ", `day3-fork`"),
    ];
    let before: Vec<String> = lost.iter().map(|(file, _)| read(file)).collect();
    for (file, text) in lost {
        let kept = read(file);
        assert!(kept.contains(text), "{file} lacks {text:?}");
        std::fs::write(copy.join(file), kept.replacen(text, "", 1)).unwrap();
    }
    // An instructor tightens an existing exercise's rules in its solution, then `checker sync`
    // (README: it "copies them to the stub, and writes the rules tables"; the checker embeds
    // the stub's at build): the copy follows, and verify below finds the tables and their
    // Korean in step.
    let rules = "day1-endian/clippy.toml";
    let solution_rules = copy.join("solutions").join(rules);
    let tightened = std::fs::read_to_string(&solution_rules).unwrap().replace(
        "disallowed-methods = [\n",
        "disallowed-methods = [\n  { path = \"std::mem::transmute\", reason = \"day1-endian: a number's bytes come from shifts and masks, never from a transmute\" },\n",
    );
    std::fs::write(&solution_rules, &tightened).unwrap();
    // The stubs are derived from the references (their `//@` lines): the instructor writes a
    // step of the new program, and its Korean, in its references only; sync writes the stubs
    // and the Korean of their comments.
    let reference = "solutions/day9-probe/src/bin/probe-server.rs";
    let step =
        "    //@ // TODO the socket calls, each quoted with its C form and its nix equivalent.\n";
    let written = read(reference).replace(
        step,
        "    //@ // TODO 1. C: `socket(AF_INET, SOCK_STREAM, 0)`; nix: `socket::socket`.\n    //@ko // TODO 1. C: `socket(AF_INET, SOCK_STREAM, 0)`. nix: `socket::socket`.\n",
    );
    assert_ne!(written, read(reference), "{reference} has no `{step}`");
    std::fs::write(copy.join(reference), written).unwrap();
    let c_reference = "c/solutions/day9-probe/probe-server.c";
    let todo = "    //@ TODO(\"step 1: socket, bind, listen, accept\");\n";
    let written = read(c_reference).replace(
        todo,
        &format!("{todo}    //@ko TODO(\"1단계: socket, bind, listen, accept\");\n"),
    );
    assert_ne!(written, read(c_reference), "{c_reference} has no `{todo}`");
    std::fs::write(copy.join(c_reference), written).unwrap();
    let synced = passed(
        "checker sync",
        &Command::new(env!("CARGO_BIN_EXE_checker"))
            .args(["sync", "--lab", copy.to_str().unwrap()])
            .env("NO_COLOR", "1")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .output()
            .unwrap(),
    );
    for ((file, text), before) in lost.iter().zip(&before) {
        // (Sync also rewrites course.md's rules table, from day1-endian's tightened rules.)
        let now = read(file);
        assert!(
            now.matches(text).count() == before.matches(text).count()
                && (*file == "course.md" || now == *before),
            "sync did not write {file} again:\n{synced}"
        );
    }
    let stub = read("exercises/day9-probe/src/bin/probe-server.rs");
    assert!(
        stub.contains("    // TODO 1. C: `socket(AF_INET, SOCK_STREAM, 0)`; nix: `socket::socket`.\n    todo!()\n")
            && !stub.contains("//@"),
        "sync did not derive the stub from its reference:\n{synced}\n{stub}"
    );
    let korean = read("checker/exercises/day9-probe/korean/rust/src/bin/probe-server.rs.ko");
    assert!(
        korean.contains(
            "\n// TODO 1. C: `socket(AF_INET, SOCK_STREAM, 0)`. nix: `socket::socket`.\n"
        ),
        "{korean}"
    );
    let korean = read("checker/exercises/day9-probe/korean/c/probe-server.c.ko");
    assert!(
        korean.contains(
            "# todo step 1: socket, bind, listen, accept\n1단계: socket, bind, listen, accept\n"
        ),
        "{korean}"
    );
    let text = std::fs::read_to_string(copy.join("exercises").join(rules)).unwrap();
    assert_eq!(
        text, tightened,
        "sync left exercises/{rules} behind:\n{synced}"
    );
    for course in ["course.md", "course.ko.md"] {
        let text = std::fs::read_to_string(copy.join(course)).unwrap();
        assert!(
            text.contains("transmute"),
            "sync left {course}'s rules table behind"
        );
    }
    // .ci/run's layering check: README's module map names the new modules.
    passed(
        "python3 bench/modules.py",
        &Command::new("python3")
            .arg("bench/modules.py")
            .current_dir(&copy)
            .output()
            .unwrap(),
    );
    passed(
        "building the checker with the new exercises",
        // The lock file gains the new packages, as the instructor's does. One cargo call
        // builds the checker, its unit tests and the broken-versions test side by side (the
        // two cores each compile one), for the steps below.
        &cargo(
            &copy,
            &[
                "test",
                "--no-run",
                "-q",
                "--offline",
                "-p",
                "checker",
                "--bin",
                "checker",
                "--test",
                "broken",
            ],
        ),
    );
    // The library's harness starts from the lab's harnesses' dependencies (built first if the
    // lab has not built them yet).
    common::seed_harnesses(&copy);
    // Graded at once: the stubs are "not started" (exit 1, no panic), the solutions pass.
    let stubs = checker(&copy, &["day9"]);
    let shown = String::from_utf8_lossy(&stubs.stdout);
    assert_eq!(stubs.status.code(), Some(1), "{shown}");
    assert!(
        shown.contains("○ double") && shown.contains("○ greets") && !shown.contains("panicked"),
        "{shown}"
    );
    passed(
        "checker --solutions day9",
        &checker(&copy, &["--solutions", "day9"]),
    );
    // The same on the C track.
    let stubs = checker(&copy, &["--track", "c", "day9"]);
    let shown = String::from_utf8_lossy(&stubs.stdout);
    assert_eq!(stubs.status.code(), Some(1), "{shown}");
    assert!(
        shown.contains("○ double") && shown.contains("○ greets") && !shown.contains("panicked"),
        "{shown}"
    );
    passed(
        "checker --track c --solutions day9",
        &checker(&copy, &["--track", "c", "--solutions", "day9"]),
    );
    let verify = checker(&copy, &["verify", "day9-probe", "day9-tally"]);
    let report = passed("checker verify", &verify);
    assert!(report.contains(" passed, 0 failed; "), "{report}");
    assert!(
        report.contains("✓ every list that names the exercises")
            && report.contains("owed: course.md: the Rust track's table `| the notes | this course | exercises | reading time |` has no row for day 9, where day9-probe belongs"),
        "{report}"
    );
    // The stubs' Korean is owed, said so, and fails nothing.
    for stub in [
        "exercises/day9-probe/src/bin/probe-server.rs:1:",
        "exercises/day9-tally/src/lib.rs:1:",
        "c/exercises/day9-probe/probe-server.c:1:",
        "c/exercises/day9-tally/tally.c:1:",
    ] {
        assert!(report.contains(&format!("owed: {stub}")), "{report}");
    }
    let unit = passed(
        "cargo test -p checker --bin checker",
        &cargo(
            &copy,
            &[
                "test",
                "-q",
                "--offline",
                "-p",
                "checker",
                "--bin",
                "checker",
            ],
        ),
    );
    assert!(unit.contains("test result: ok."), "{unit}");
    // The broken versions new wrote prove its tests, and its alternative passes.
    let proofs = passed(
        "cargo test -p checker --test broken -- day9-",
        &cargo(
            &copy,
            &[
                "test",
                "-q",
                "--offline",
                "-p",
                "checker",
                "--test",
                "broken",
                "--",
                "day9-",
            ],
        ),
    );
    assert!(!proofs.contains(" 0 passed"), "{proofs}");
}
