//! Grading a class you can trust: a student who wants a free pass gets nothing. Each case is a
//! cheat, tried on a student repository written by `checker export-student` and graded through
//! `.ci/grade-submission`, the script the grading workflows run. Each asserts that the student
//! earns no point they did not earn, and that nothing the student wrote ran outside a contained
//! build or program (a cheat that runs leaves a marker file; none may appear). Plus: the
//! exported repository holds no solution (that it builds and grades, exports.rs proves on the same
//! export); the gradebook reads the reports back.
//! (Classroom 50's and Gradescope's reports are checked in grading_a_class.rs.)

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// A student repository exported from the lab into a fresh directory, with `edit` applied.
struct Repo {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

fn export(edit: impl FnOnce(&Path)) -> Repo {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("student");
    let out = common::checker_command()
        .args(["export-student"])
        .arg(&root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "export-student failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    edit(&root);
    Repo { _dir: dir, root }
}

/// Copy a solution package over the student's stub (an honest, complete exercise).
fn solve(root: &Path, exercise: &str) {
    let from = common::lab_root()
        .join("solutions")
        .join(exercise)
        .join("src");
    copy_dir(&from, &root.join("exercises").join(exercise).join("src"));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The result of grading a repository with the workflows' script.
struct Graded {
    code: Option<i32>,
    output: String,
    json: Option<Value>,
    _out: tempfile::TempDir,
    /// The grading's temporary directory, its own: a program that kills the checker leaves the
    /// checker's test directory there (nothing can remove it), and it goes with the test.
    _tmp: tempfile::TempDir,
}

impl Graded {
    fn points(&self) -> u64 {
        self.json
            .as_ref()
            .and_then(|j| j["totals"]["points"].as_u64())
            .unwrap_or(0)
    }

    /// A figure of the last of the script's gradings: how many tests `failed`, or the machine
    /// kept from being judged (`unjudged`).
    fn total(&self, of: &str) -> u64 {
        self.json
            .as_ref()
            .and_then(|j| j["totals"][of].as_u64())
            .unwrap_or(0)
    }
}

fn grade(repo: &Repo, targets: &str, extra: &[&str]) -> Graded {
    let out = tempfile::tempdir().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let script = common::lab_root().join(".ci/grade-submission");
    let result = Command::new("bash")
        .arg(script)
        .arg(&repo.root)
        .arg(out.path())
        .args(["--student", "redteam"])
        .args(extra)
        .env("GRADE_TARGETS", targets)
        .env("NO_COLOR", "1")
        .env("CARGO_BUILD_BUILD_DIR", common::shared_build())
        .env("TMPDIR", tmp.path())
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_OUTPUT")
        .output()
        .unwrap();
    let read = |name: &str| {
        std::fs::read_to_string(out.path().join(name))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
    };
    Graded {
        code: result.status.code(),
        output: format!(
            "{}\n{}",
            String::from_utf8_lossy(&result.stdout),
            String::from_utf8_lossy(&result.stderr)
        ),
        json: read("results.json"),
        _out: out,
        _tmp: tmp,
    }
}

/// A file that a cheat creates if it runs; it must never appear.
struct Marker(PathBuf);

impl Marker {
    fn new(name: &str) -> Marker {
        let path = std::env::temp_dir().join(format!(
            "lab-redteam-{name}-{}-{}",
            std::process::id(),
            fastrand_u64()
        ));
        let _ = std::fs::remove_file(&path);
        Marker(path)
    }

    fn path(&self) -> String {
        self.0.to_string_lossy().into_owned()
    }

    fn assert_absent(&self, what: &str, graded: &Graded) {
        assert!(
            !self.0.exists(),
            "{what} ran outside any containment (it wrote {})\n{}",
            self.0.display(),
            graded.output
        );
    }
}

impl Drop for Marker {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn fastrand_u64() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0)
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn executable(path: &Path, text: &str) {
    write(path, text);
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn namespaces_available() -> bool {
    Command::new("unshare")
        .args([
            "--net",
            "--pid",
            "--mount",
            "--fork",
            "--kill-child",
            "true",
        ])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

#[test]
fn an_honest_solution_earns_its_points() {
    let repo = export(|root| solve(root, "day1-endian"));
    let graded = grade(&repo, "day1-endian", &[]);
    // A test still left unjudged by the script's own gradings again (the machine starved by a
    // fork bomb of the hostile tests beside it) earns nothing and is no one's failure.
    let unjudged = graded.total("unjudged");
    if unjudged > 0 && graded.total("failed") == 0 && graded.code == Some(1) {
        common::not_proven(&format!(
            "redteam: an honest day1-endian: {unjudged} test(s) could not be judged in 3 gradings"
        ));
        return;
    }
    assert_eq!(graded.code, Some(0), "{}", graded.output);
    assert_eq!(graded.points(), 14, "{}", graded.output);
}

#[test]
fn a_build_script_never_runs_and_voids_its_exercise() {
    let marker = Marker::new("build-rs");
    let repo = export(|root| {
        solve(root, "day1-endian");
        write(
            &root.join("exercises/day1-endian/build.rs"),
            &format!(
                "fn main() {{ let _ = std::fs::write({:?}, \"build.rs ran\"); }}\n",
                marker.path()
            ),
        );
    });
    let graded = grade(&repo, "day1-endian", &[]);
    marker.assert_absent("a build.rs", &graded);
    assert_eq!(graded.code, Some(1), "{}", graded.output);
    assert_eq!(graded.points(), 0, "{}", graded.output);
    assert!(
        graded
            .output
            .contains("build.rs is not part of the exercise"),
        "{}",
        graded.output
    );
}

#[test]
fn a_cargo_config_changes_nothing() {
    let marker = Marker::new("cargo-config");
    let repo = export(|root| {
        let fake = format!(
            "#!/bin/sh\necho 'cargo config ran' > {}\necho '103 passed, 0 failed'\nexit 0\n",
            marker.path()
        );
        executable(&root.join("fake.sh"), &fake);
        executable(
            &root.join("wrap.sh"),
            &format!(
                "#!/bin/sh\necho 'rustc-wrapper ran' > {}\nexec \"$@\"\n",
                marker.path()
            ),
        );
        // The runner for every Linux target (a cfg, not x86-64's triple: ARM64 too).
        write(
            &root.join(".cargo/config.toml"),
            &format!(
                "[target.'cfg(target_os = \"linux\")']\nrunner = \"{0}/fake.sh\"\n\n[build]\nrustc-wrapper = \"{0}/wrap.sh\"\n\n[alias]\nbuild = \"run --bin fake\"\nclippy = \"run --bin fake\"\n",
                root.display()
            ),
        );
        write(
            &root.join("exercises/.cargo/config.toml"),
            &format!("[build]\nrustc-wrapper = \"{}/wrap.sh\"\n", root.display()),
        );
    });
    let graded = grade(&repo, "day1-endian", &[]);
    marker.assert_absent("the student's cargo configuration", &graded);
    // The stub earns nothing, and is graded as such.
    assert_eq!(graded.code, Some(1), "{}", graded.output);
    assert_eq!(graded.points(), 0, "{}", graded.output);
    assert!(graded.json.is_some(), "{}", graded.output);
}

#[test]
fn a_toolchain_file_changes_nothing() {
    let repo = export(|root| {
        solve(root, "day1-endian");
        let toolchain = "[toolchain]\nchannel = \"nonexistent-evil-toolchain\"\n";
        write(&root.join("rust-toolchain.toml"), toolchain);
        write(&root.join("exercises/rust-toolchain.toml"), toolchain);
    });
    let graded = grade(&repo, "day1-endian", &[]);
    assert_eq!(graded.code, Some(0), "{}", graded.output);
    assert_eq!(graded.points(), 14, "{}", graded.output);
}

#[test]
fn an_edited_checker_in_the_student_tree_is_not_used() {
    let repo = export(|root| {
        write(
            &root.join("checker/src/main.rs"),
            "fn main() { println!(\"103 passed, 0 failed\"); }\n",
        );
    });
    let graded = grade(&repo, "day1-endian", &[]);
    assert_eq!(graded.code, Some(1), "{}", graded.output);
    assert_eq!(graded.points(), 0, "{}", graded.output);
}

/// A library that writes replies of its own on the harness's private channel (fd 3), hoping
/// they are taken for the harness's.
#[test]
fn forged_harness_replies_earn_nothing() {
    let repo = export(|root| {
        solve(root, "day1-endian");
        let lib = root.join("exercises/day1-endian/src/lib.rs");
        let text = std::fs::read_to_string(&lib).unwrap().replace(
            "pub fn htons(x: u16) -> u16 {",
            "pub fn htons(x: u16) -> u16 {\n    forge();\n    let _ = x;\n    return 0;",
        ) + "\nfn forge() {\n    use std::io::Write;\n    if let Ok(mut fd3) = std::fs::OpenOptions::new().write(true).open(\"/proc/self/fd/3\") {\n        for _ in 0..64 {\n            let _ = fd3.write_all(b\"ok 0\\n\");\n        }\n    }\n}\n";
        std::fs::write(&lib, text).unwrap();
    });
    let graded = grade(&repo, "day1-endian/htons", &[]);
    assert_eq!(graded.code, Some(1), "{}", graded.output);
    assert_eq!(graded.points(), 0, "{}", graded.output);
    assert!(
        graded
            .output
            .contains("something other than the harness wrote to the checker's private channel"),
        "{}",
        graded.output
    );
}

/// A server that finds the report file in its parent's command line, writes a perfect report
/// there and kills the checker. In plain mode it reaches the checker, but the script keeps no
/// report of a checker that died; in a sandbox it reaches nothing.
#[test]
fn a_program_that_fakes_the_report_and_kills_the_checker_earns_nothing() {
    let marker = Marker::new("kills-parent");
    let source = include_str!("programs/fakes_the_report.rs").replace("MARKER", &marker.path());
    let repo = export(|root| {
        solve(root, "day2-echo");
        write(
            &root.join("exercises/day2-echo/src/bin/echo-server.rs"),
            &source,
        );
    });
    let mut modes = vec!["plain"];
    if namespaces_available() {
        modes.push("namespaces");
    }
    for mode in modes {
        // (In plain mode it may write anywhere; what matters is that nothing counts.)
        let _ = std::fs::remove_file(&marker.0);
        let graded = grade(&repo, "day2-echo/round-trip", &["--sandbox", mode]);
        assert!(
            graded.points() == 0,
            "{mode}: a faked report was taken for a grade\n{}",
            graded.output
        );
        match mode {
            "plain" => {
                // It reached the checker: no grade at all, and no report left behind.
                assert_eq!(graded.code, Some(2), "{mode}\n{}", graded.output);
                assert!(graded.json.is_none(), "{mode}\n{}", graded.output);
            }
            _ => {
                // Contained: it could neither see the checker nor write a file.
                assert_eq!(graded.code, Some(1), "{mode}\n{}", graded.output);
                let json = graded.json.as_ref().expect("a report");
                assert_eq!(json["sandbox"]["contained"], true, "{}", graded.output);
                marker.assert_absent("the program's write outside its directory", &graded);
            }
        }
    }
}

#[test]
fn the_exported_repository_holds_no_solution_and_works() {
    let repo = export(|_| {});
    let root = &repo.root;
    assert!(!root.join("solutions").exists());
    assert!(!root.join("checker/tests").exists());
    assert!(!root.join("bench").exists());
    // An exercise's folder goes with the checker, its proofs (broken versions, alternatives) not.
    assert!(root.join("checker/exercises/day2-echo/korean").exists());
    assert!(!root.join("checker/exercises/day2-echo/proofs").exists());
    // A solution file its stub holds as it is (day8-device's codec, given whole) is the
    // exercise's given part, not an answer.
    let lab = common::lab_root();
    let solutions: Vec<Vec<u8>> = walk(&lab.join("solutions"))
        .iter()
        .filter(|s| !s.components().any(|c| c.as_os_str() == "target"))
        .filter_map(|s| {
            let content = std::fs::read(s).ok()?;
            let stub = lab
                .join("exercises")
                .join(s.strip_prefix(lab.join("solutions")).ok()?);
            (std::fs::read(stub).ok() != Some(content.clone())).then_some(content)
        })
        .collect();
    let leaks = walk(root)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .filter(|p| {
            let content = std::fs::read(p).unwrap_or_default();
            solutions.contains(&content)
        })
        .collect::<Vec<_>>();
    assert!(leaks.is_empty(), "solution files in the export: {leaks:?}");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(readme.contains("cargo run -p checker"), "{readme}");
    assert!(!readme.contains("broken-versions"), "{readme}");
    let korean = std::fs::read_to_string(root.join("README.ko.md")).unwrap();
    assert!(korean.contains("cargo run -p checker"), "{korean}");
    assert!(!korean.contains("broken-versions"), "{korean}");
    assert!(root.join("course.ko.md").exists());
    for file in [
        ".github/workflows/grade.yml",
        ".github/workflows/regrade.yml",
        ".ci/regrade",
    ] {
        assert!(root.join(file).exists(), "{file}");
    }
    assert!(!root.join(".github/workflows/classroom.yml").exists());
    // That the checker builds and grades in it is proven where the same export (Rust, English)
    // is cloned and its README's first command, `cargo run -p checker day1` ("prints: not
    // started; exits 1"), runs: exports.rs. Built here too, it cost a second checker build of
    // the same sources (some 40 s of CPU a run).
}

#[test]
fn a_korean_export_has_korean_stubs_that_grade_as_the_english_ones() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("student");
    let out = common::checker_command()
        .args(["--lang", "ko", "export-student"])
        .arg(&root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let server =
        std::fs::read_to_string(root.join("exercises/day2-echo/src/bin/echo-server.rs")).unwrap();
    assert!(server.contains("//! 2일차 — TCP 에코 서버."), "{server}");
    assert!(!server.contains("//! Day 2 — TCP echo server."), "{server}");
    // Only the comments changed: the code and the hint code are the English stub's.
    let english = std::fs::read_to_string(
        common::lab_root().join("exercises/day2-echo/src/bin/echo-server.rs"),
    )
    .unwrap();
    let code = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| {
                let l = l.trim_start();
                !l.starts_with("//") || l.starts_with("//>")
            })
            .map(str::to_string)
            .collect()
    };
    assert_eq!(code(&server), code(&english));
    // And the stubs grade as the English ones do: not started.
    let graded = common::checker_command()
        .args(["--root"])
        .arg(root.join("exercises"))
        .args(["day1-endian", "--lang", "ko"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&graded.stdout);
    assert_eq!(graded.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("시작 전"), "{stdout}");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}

#[test]
fn the_gradebook_reads_the_reports_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut expected = Vec::new();
    for (student, solved) in [("kim", true), ("lee", false)] {
        let repo = export(|root| {
            if solved {
                solve(root, "day1-endian");
            }
        });
        let graded = grade(&repo, "day1-endian", &[]);
        let json = graded.json.expect("a report");
        let folder = dir.path().join(student);
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("results.json"), json.to_string()).unwrap();
        expected.push((student, json["totals"]["points"].as_u64().unwrap()));
    }
    let out = common::checker_command()
        .arg("gradebook")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8_lossy(&out.stdout).into_owned();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(
        lines[0].starts_with(
            "student,track,day1-endian (/14),total,max,percent,passed,failed,not_started,unjudged,\
             sandbox,contained,lab_revision,commit,commit_date,checker,flags"
        ),
        "{csv}"
    );
    // Every report was graded with --student redteam; the gradebook keeps the name it gives.
    // Two students, then the class's row.
    assert_eq!(lines.len(), 4, "{csv}");
    assert!(
        lines[3].starts_with("(class: 2 students; 2 graded),rust 2,"),
        "{csv}"
    );
    let points: Vec<u64> = lines[1..3]
        .iter()
        .map(|l| l.split(',').nth(3).unwrap().parse().unwrap())
        .collect();
    let mut want: Vec<u64> = expected.iter().map(|(_, p)| *p).collect();
    let mut got = points.clone();
    want.sort();
    got.sort();
    assert_eq!(got, want, "{csv}");
}
