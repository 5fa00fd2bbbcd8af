//! The C track from outside (issue 42): a C-only repository written by `checker export-student
//! --track c` is graded as C with no flag (its `exercises/` holds `common/lab.mk`), its stubs
//! "not started", a C reference copied over a stub passing, no solution in it, and its workspace
//! consistent with its lock file; a compile error names the student's own file and line.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;

/// A C-only student repository in a fresh directory outside the lab (as export requires),
/// removed with the guard.
fn export(name: &str) -> (tempfile::TempDir, PathBuf) {
    export_in(name, "en")
}

/// `export`, for a class that reads `lang`.
fn export_in(name: &str, lang: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join(name);
    let out = common::checker_command()
        .args(["export-student", "--track", "c", "--lang", lang])
        .arg(&root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (dir, root)
}

/// Grade `targets` of the tree at `root` (no `--track`: the tree says it), as JSON.
fn grade(root: &Path, targets: &[&str]) -> common::Run {
    let root = root.to_string_lossy();
    let mut args = vec!["--root", root.as_ref(), "--seed", "1"];
    args.extend(targets);
    common::run_checker(&args, Duration::from_secs(120))
}

fn statuses(run: &common::Run) -> Vec<(String, String)> {
    run.tests()
        .iter()
        .map(|t: &Value| {
            (
                t["name"].as_str().unwrap_or("").to_string(),
                t["status"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn a_c_only_repository_grades_as_c_and_holds_no_solution() {
    let (_dir, repo) = export("class");
    let exercises = repo.join("exercises");
    assert!(exercises.join("common/lab.mk").is_file());
    assert!(exercises.join("day2-echo/echo-server.c").is_file());
    assert!(!repo.join("c").exists() && !repo.join("solutions").exists());
    // No C reference's source reached it, wherever it was put (the checker's own C files, the
    // templates `new` writes from, go with its sources and are no reference).
    let is_c = |p: &PathBuf| p.extension().is_some_and(|e| e == "c");
    // A reference's file its stub holds as it is (day8-device's codec, given whole) is the
    // exercise's given part, not a reference.
    let lab = common::lab_root();
    let references: Vec<Vec<u8>> = walk(&lab.join("c/solutions"))
        .into_iter()
        .filter(is_c)
        .filter_map(|p| {
            let content = std::fs::read(&p).unwrap();
            let stub = lab
                .join("c/exercises")
                .join(p.strip_prefix(lab.join("c/solutions")).unwrap());
            (std::fs::read(stub).ok() != Some(content.clone())).then_some(content)
        })
        .collect();
    assert!(!references.is_empty(), "no C reference found to compare");
    for entry in walk(&repo).into_iter().filter(is_c) {
        let content = std::fs::read(&entry).unwrap();
        assert!(
            !references.contains(&content),
            "{} is a C reference",
            entry.display()
        );
    }
    // The workspace (the checker alone) agrees with its lock file: `--locked` builds work.
    let locked = std::process::Command::new(std::env::var("CARGO").unwrap_or("cargo".into()))
        .args(["update", "--workspace", "--locked", "--offline"])
        .arg("--manifest-path")
        .arg(repo.join("Cargo.toml"))
        .output()
        .unwrap();
    assert!(
        locked.status.success(),
        "{}",
        String::from_utf8_lossy(&locked.stderr)
    );

    // The stubs: every test "not started", graded as C with no flag.
    let stubs = grade(&exercises, &["day2-echo", "day1-endian"]);
    let not_started = statuses(&stubs);
    assert!(!not_started.is_empty(), "{}", stubs.explain());
    for (name, status) in &not_started {
        assert_eq!(status, "not-started", "{name}\n{}", stubs.explain());
    }

    // A C reference over the stub passes, a library exercise's too.
    for (exercise, file) in [
        ("day2-echo", "echo-server.c"),
        ("day2-echo", "echo-client.c"),
    ] {
        let reference = std::fs::read_to_string(
            common::lab_root()
                .join("c/solutions")
                .join(exercise)
                .join(file),
        )
        .unwrap();
        // The references share helpers (common/net.h) the stubs' tree does not have: inline it.
        let net =
            std::fs::read_to_string(common::lab_root().join("c/solutions/common/net.h")).unwrap();
        let source = reference.replace("#include \"../common/net.h\"", &net);
        std::fs::write(exercises.join(exercise).join(file), source).unwrap();
    }
    std::fs::copy(
        common::lab_root().join("c/solutions/day1-endian/endian.c"),
        exercises.join("day1-endian/endian.c"),
    )
    .unwrap();
    let solved = grade(&exercises, &["day2-echo", "day1-endian"]);
    // Every test passes; one the machine kept from being judged is graded again alone.
    let regrade = |targets: &[&str]| grade(&exercises, targets);
    common::every_test_passes(&solved, "the C references", &[], regrade);
}

#[test]
fn a_compile_error_names_the_students_file_and_line() {
    let (_dir, repo) = export("broken-build");
    let server = repo.join("exercises/day3-fork/fork-server.c");
    let source = std::fs::read_to_string(&server).unwrap();
    std::fs::write(
        &server,
        format!("{source}\nint broken(void) {{ return nope; }}\n"),
    )
    .unwrap();
    let lines = source.lines().count() + 2;
    let run = grade(&repo.join("exercises"), &["day3-fork"]);
    let report = run.stdout() + &run.stderr();
    assert!(
        run.tests()
            .iter()
            .all(|t| t["status"] == "does-not-compile"),
        "{}",
        run.explain()
    );
    let json = run.json.clone().unwrap_or_default().to_string();
    let place = format!("day3-fork/fork-server.c:{lines}:");
    assert!(
        json.contains(&place) || report.contains(&place),
        "the compiler's error should name {place}\n{}",
        run.explain()
    );
}

/// Every file below `dir`.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut queue = vec![dir.to_path_buf()];
    while let Some(d) = queue.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                queue.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found
}

/// README ("Build and try by hand"): `make -C c/exercises/day2-echo` builds the stub with the
/// lab's own rules (`common/lab.mk`, no checker involved), and the program "exits with status
/// 101: `<file>:<line>: not yet implemented: step 1: ...`" as README quotes it. A copy of the
/// stubs is built, so the lab's tree stays clean.
#[test]
fn a_c_stub_built_by_hand_stops_at_its_first_todo_as_readme_says() {
    let lab = common::lab_root();
    let readme = std::fs::read_to_string(lab.join("README.md")).unwrap();
    let quoted = readme
        .split("exits with status\n101: `")
        .nth(1)
        .and_then(|rest| rest.split('`').next())
        .expect("README quotes what a stub prints when it stops");
    let dir = tempfile::tempdir().unwrap();
    for folder in ["common", "day2-echo"] {
        let out = std::process::Command::new("cp")
            .arg("-r")
            .arg(lab.join("c/exercises").join(folder))
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
    }
    let exercise = dir.path().join("day2-echo");
    let make = std::process::Command::new("make")
        .arg("-C")
        .arg(&exercise)
        .output()
        .unwrap();
    assert!(
        make.status.success(),
        "make failed:\n{}",
        String::from_utf8_lossy(&make.stderr)
    );
    let run = std::process::Command::new(exercise.join("echo-server"))
        .arg("7000")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(101), "{stderr}");
    assert!(
        stderr.contains(quoted),
        "README quotes `{quoted}`; the stub printed:\n{stderr}"
    );
}

/// README: day6-async is "Not on the C track": `list --track c` lists every other exercise (as
/// many as the Rust track has, but it: no count written here, so a new exercise changes
/// nothing), and grading it on the C track refuses with one line that says where it is graded
/// instead.
#[test]
fn the_c_track_lists_every_exercise_but_day6_async_and_refuses_it() {
    let listed_on = |track: &str| {
        let list = common::checker_command()
            .args(["list", "--track", track])
            .output()
            .unwrap();
        let listed = String::from_utf8_lossy(&list.stdout).into_owned();
        let exercises: Vec<String> = listed
            .lines()
            .filter(|l| !l.starts_with(' ') && l.contains(" (day "))
            .filter_map(|l| l.split_whitespace().next())
            .map(str::to_string)
            .collect();
        (exercises, listed)
    };
    let (exercises, listed) = listed_on("c");
    let (mut rust, _) = listed_on("rust");
    assert!(rust.iter().any(|e| e == "day6-async"), "{rust:?}");
    rust.retain(|e| e != "day6-async");
    assert_eq!(exercises, rust, "{listed}");
    let refused = common::checker_command()
        .args(["--track", "c", "day6-async"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(2), "{said}");
    assert!(
        said.contains("day6-async is not on the C track") && said.contains("graded in Rust"),
        "{said}"
    );
}

/// What the Korean check below reads as English or Rust, and what it leaves: names, data,
/// commands, glosses, the compiler's lines.
#[test]
fn names_data_and_commands_pass_and_words_do_not() {
    let fine = "  ✗ round-trip  실패: echo-server가 \"hello world\\n\"을 돌려주지 않았다(read, EAGAIN, course.ko.md#day2-echo)\n\
                하프 클로즈(half-close)로 끝난다: `shutdown(fd, SHUT_WR)`, kill(child, SIGTERM)\n\
                ::는 0인 그룹을 뜻한다: ipv6 2001:db8::271a:e28f:0:40c8\n\
                직접 해 보기: make -s -C exercises/day2-echo/ && ./echo-client 127.0.0.1 1 <<< hello\n\
                echo.c:3:5: warning: unused variable 'x' [-Wunused]";
    assert_eq!(common::korean::not_korean(fine), Vec::<String>::new());
    let transcript = "silent client: 제시간에 아무것도 돌아오지 않았다\n  0.035s silent client  20바이트 보냄: \"hello\\n\"\n  0.015s device sleepy (awake) → PUBACK id=6\n  | fork-server: accept: Interrupted system call";
    assert_eq!(common::korean::not_korean(transcript), Vec::<String>::new());
    for english in [
        "inet_pton6(x) with x = {0x00}",
        "호출: nix::unistd::write",
        "값: None",
        "값: Some([01 02])",
        "the harness가 멈췄다",
        "endian.c calls htonl: swap the bytes yourself",
        "오류: Malformed(\"x\")",
    ] {
        assert_eq!(common::korean::not_korean(english).len(), 1, "{english}");
    }
}

/// A Korean C class reads Korean and C (issue 65): its stubs' `TODO` strings and `lab.h` are
/// Korean, and its stubs graded in Korean (every exercise, each test at a `TODO`) print no
/// English word and no Rust notation beyond the names of calls, files and options; nor does a
/// mistake on the command line. (The C broken versions are graded in Korean too, each checked
/// the same way: `tests/broken.rs`.)
#[test]
fn a_korean_c_class_s_stubs_are_graded_in_korean_and_c() {
    let (_dir, repo) = export_in("class-ko", "ko");
    let exercises = repo.join("exercises");
    let lab_h = std::fs::read_to_string(exercises.join("common/lab.h")).unwrap();
    assert!(
        !lab_h.contains("not yet implemented") && !lab_h.contains("Rust"),
        "{lab_h}"
    );
    let server = std::fs::read_to_string(exercises.join("day2-echo/echo-server.c")).unwrap();
    assert!(server.contains("TODO(\"1단계: socket\")"), "{server}");
    let root = exercises.to_string_lossy();
    let run = common::run_checker(
        &[
            "--root",
            root.as_ref(),
            "--seed",
            "1",
            "--lang",
            "ko",
            "all",
        ],
        Duration::from_secs(300),
    );
    assert!(run.stdout().contains("시작 전"), "{}", run.explain());
    let names = common::korean::lab_names(&run, &exercises);
    let problems = common::korean::not_korean_but(&run.stdout(), &names);
    assert!(
        problems.is_empty(),
        "English or Rust in the Korean report of the C stubs:\n{}\n{}",
        problems.join("\n"),
        run.explain()
    );
    for mistake in [&["--bogus"][..], &["list", "day1"], &["--seeed", "3"]] {
        let out = common::checker_command()
            .args(["--lang", "ko"])
            .args(mistake)
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{said}");
        assert!(
            said.contains("사용법:") || said.contains("비슷한 것"),
            "{said}"
        );
        let problems = common::korean::not_korean(&said);
        assert!(problems.is_empty(), "{mistake:?}: {problems:?}\n{said}");
    }
}
