//! Grading a class, end to end, offline: Classroom 50's autograder on a student's repository at
//! a `submit/*` tag (its `result.json` checked against the `classroom50/result/v1` schema, field
//! by field), the Gradescope bundle from `checker export-gradescope` on a fake `/autograder`
//! root (setup.sh, then run_autograder), and the deadline regrade of a roster of student
//! repositories with the gradebook it gives.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use common::schemas::{classroom50_problems, gradescope_problems};

const DEADLINE: &str = "2026-10-31T23:59:00+09:00";

/// A student's repository written by `checker export-student` into `dir/name`.
fn export(dir: &Path, name: &str) -> PathBuf {
    let root = dir.join(name);
    let out = common::checker_command()
        .arg("export-student")
        .arg(&root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    root
}

/// The reference solution's sources over the student's stub, for each exercise given.
fn solve(root: &Path, exercises: &[&str]) {
    for exercise in exercises {
        let to = root.join("exercises").join(exercise);
        run(Command::new("rm").arg("-rf").arg(to.join("src")));
        run(Command::new("cp")
            .arg("-r")
            .arg(
                common::lab_root()
                    .join("solutions")
                    .join(exercise)
                    .join("src"),
            )
            .arg(&to));
    }
}

/// Commit everything in `root` (a new repository the first time) at `date`.
fn commit(root: &Path, message: &str, date: &str) -> String {
    if !root.join(".git").exists() {
        git(root, &["init", "-q", "-b", "main"], date);
    }
    git(root, &["add", "-A"], date);
    git(
        root,
        &["commit", "-q", "--allow-empty", "-m", message],
        date,
    );
    git(root, &["rev-parse", "HEAD"], date)
}

fn git(dir: &Path, args: &[&str], date: &str) -> String {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=Student",
            "-c",
            "user.email=student@example.edu",
        ])
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{cmd:?} failed:\n{text}");
    text
}

/// A command with the environment of the lab's tests: the shared build cache, no colour, no
/// GitHub Actions, English unless asked.
fn command(program: &str) -> Command {
    let mut cmd = Command::new(program);
    cmd.env("NO_COLOR", "1")
        .env("CARGO_BUILD_BUILD_DIR", common::shared_build())
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_OUTPUT")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    cmd
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

fn lab_revision() -> String {
    git(&common::lab_root(), &["rev-parse", "HEAD"], DEADLINE)
}

#[test]
fn the_schema_check_catches_what_classroom_50_refuses() {
    let good = serde_json::json!({
        "schema": "classroom50/result/v1", "classroom": "c", "assignment": "a",
        "assignment_type": "individual", "owner": "kim", "submission": "submit/x", "commit": "u",
        "release": "u", "review": "u", "datetime": "2026-10-31T14:59:00Z", "score": 1,
        "max-score": 2, "tests": [{"test-name": "t", "passed": true, "score": 1, "max-score": 2}],
    });
    assert_eq!(classroom50_problems(&good, "c", "a"), Vec::<String>::new());
    let mut spoiled = Vec::new();
    for (field, value) in [
        ("extra", serde_json::json!(1)),
        ("submission", serde_json::json!("v1")),
        ("datetime", serde_json::json!("2026-10-31T23:59:00+09:00")),
        ("score", serde_json::json!(3)),
        ("owner", serde_json::json!("")),
        (
            "tests",
            serde_json::json!([{"test-name": "t", "passed": "yes", "score": 0, "max-score": 0}]),
        ),
    ] {
        let mut bad = good.clone();
        bad[field] = value;
        spoiled.push((field, classroom50_problems(&bad, "c", "a")));
    }
    let mut missing = good.clone();
    missing.as_object_mut().unwrap().remove("review");
    spoiled.push(("review", classroom50_problems(&missing, "c", "a")));
    for (field, problems) in spoiled {
        assert!(!problems.is_empty(), "a spoiled {field} went unnoticed");
    }
}

/// Classroom 50's runner runs .ci/classroom50/autograder.py in the student's checkout of a
/// `submit/*` tag, with the submission's identity in its environment; the autograder leaves
/// `./result.json`.
#[test]
fn classroom_50_grades_a_submit_tag_into_a_valid_result() {
    let dir = tempfile::tempdir().unwrap();
    let repo = export(dir.path(), "net-2026-socket-lab-kim");
    solve(&repo, &["day1-endian"]);
    let sha = commit(&repo, "day 1", "2026-10-30T10:00:00+09:00");
    let tag = format!("submit/2026-10-30T01-00-05Z-{}", &sha[..7]);
    git(&repo, &["tag", &tag], DEADLINE);
    git(
        &repo,
        &["-c", "advice.detachedHead=false", "checkout", "-q", &tag],
        DEADLINE,
    );
    let url = "https://github.com/net-2026/net-2026-socket-lab-kim";
    let (result, log) = classroom50(
        &common::lab_root().join(".ci/classroom50/autograder.py"),
        Submission {
            repo: &repo,
            tag: &tag,
            url,
            owner: "kim",
        },
        &common::lab_root(),
        &[("RUNNER_TEMP", dir.path())],
    );
    assert_eq!(result["submission"], tag.as_str());
    assert_eq!(result["owner"], "kim");
    assert_eq!(result["commit"], format!("{url}/commit/{sha}"));
    // The submission instant is the graded commit's date, in UTC.
    assert_eq!(result["datetime"], "2026-10-30T01:00:00Z");
    assert_eq!(result["score"], 14, "day1-endian solved, day2-inet a stub");
    let tests = result["tests"].as_array().unwrap();
    let sum: u64 = tests.iter().map(|t| t["score"].as_u64().unwrap()).sum();
    let max: u64 = tests.iter().map(|t| t["max-score"].as_u64().unwrap()).sum();
    assert_eq!((sum, max), (14, result["max-score"].as_u64().unwrap()));
    let htons = tests
        .iter()
        .find(|t| t["test-name"] == "day1-endian/htons")
        .unwrap();
    assert_eq!(htons["passed"], true);
    let stub = tests
        .iter()
        .find(|t| t["test-name"] == "day2-inet/pton6-tricky")
        .unwrap();
    assert_eq!(
        (&stub["passed"], &stub["status"]),
        (&Value::Bool(false), &Value::from("not-started"))
    );
    // Every test says what graded it.
    for t in tests {
        let by = &t["graded-by"];
        assert_eq!(by["commit"], sha.as_str(), "{t}");
        assert_eq!(by["lab_revision"], lab_revision().as_str(), "{t}");
        assert!(
            by["checker_version"].is_string() && by["sandbox"]["mode"].is_string(),
            "{t}"
        );
    }
    // The human report went to the job's log.
    assert!(log.contains("day1-endian"), "{log}");
}

/// The bundle `checker export-gradescope` writes, run as Gradescope runs it, on a fake
/// `/autograder`: setup.sh clones the lab at the pinned revision and builds it, run_autograder
/// grades an uploaded submission and leaves `results/results.json`.
#[test]
fn the_gradescope_autograder_grades_a_submission_on_a_fake_autograder_root() {
    let dir = tempfile::tempdir().unwrap();
    let (root, listing) = gradescope_bundle(
        dir.path(),
        &["--lang", "ko", "--visibility", "after_due_date"],
    );
    assert!(
        listing.contains("setup.sh 0o755") && listing.contains("run_autograder 0o755"),
        "{listing}"
    );
    let config = std::fs::read_to_string(root.join("source/config.env")).unwrap();
    assert!(
        config.contains("REPORT_LANG=ko") && config.contains("VISIBILITY=after_due_date"),
        "{config}"
    );

    // The image setup.sh makes of the lab (shared with the C class's test below).
    let image = gradescope_image(&root);
    let (root, target) = (&image.root, &image.target);
    assert!(root.join("lab/.ci/grade-submission").exists());
    // The exercises' folders are there, their proofs are not.
    assert!(root.join("lab/checker/exercises/day2-echo/mod.rs").exists());
    for secret in ["solutions", "checker/exercises/day2-echo/proofs"] {
        assert!(
            !root.join("lab").join(secret).exists(),
            "{secret} stay out of the container"
        );
    }

    // A submission uploaded as the whole repository, without git.
    let student = export(dir.path(), "upload");
    solve(&student, &["day1-endian"]);
    move_dir(&student, &root.join("submission"));
    std::fs::write(
        root.join("submission_metadata.json"),
        r#"{"id": 1, "created_at": "2026-10-30T10:00:00+09:00", "users": [{"email": "kim@example.edu", "name": "Kim"}]}"#,
    )
    .unwrap();
    gradescope_script(root, "run_autograder", target, "day1-endian day2-inet");
    let results = read_json(&root.join("results/results.json"));
    assert_eq!(
        gradescope_problems(&results),
        Vec::<String>::new(),
        "{results:#}"
    );
    assert_eq!(results["score"], 14, "{results:#}");
    let tests = results["tests"].as_array().unwrap();
    assert!(tests.iter().all(|t| t["visibility"] == "after_due_date"));
    let htons = tests
        .iter()
        .find(|t| t["extra_data"]["id"] == "htons")
        .unwrap();
    assert_eq!(
        (&htons["status"], &htons["score"]),
        (&Value::from("passed"), &htons["max_score"])
    );
    // The failure as the student reads it, in the course's language (Korean here).
    let stub = tests
        .iter()
        .find(|t| t["extra_data"]["id"] == "pton6-tricky")
        .unwrap();
    assert_eq!(stub["status"], "failed");
    let hangul = |s: &str| s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
    assert!(hangul(stub["output"].as_str().unwrap()), "{stub}");
    // What graded it: the pinned lab, the sources (an upload has no commit), the sandbox.
    let provenance = &results["extra_data"]["provenance"];
    assert_eq!(provenance["lab_revision"], lab_revision().as_str());
    assert_eq!(
        provenance["lab_modified"], false,
        "the pinned checkout is clean"
    );
    assert!(
        provenance["commit"].is_null() && provenance["sources"].is_string(),
        "{provenance}"
    );
    assert!(
        results["output"].as_str().unwrap().contains("checker"),
        "{results:#}"
    );
}

/// The bundle `checker export-gradescope <args>` writes for the lab at its revision, unzipped as
/// Gradescope does into `<dir>/autograder/source/`: the autograder's root, and each file's name
/// and mode.
fn gradescope_bundle(dir: &Path, args: &[&str]) -> (PathBuf, String) {
    let root = dir.join("autograder");
    let zip = dir.join("autograder.zip");
    let out = common::checker_command()
        .arg("export-gradescope")
        .args(args)
        .arg(&zip)
        .arg("--lab-repository")
        .arg(common::lab_root())
        .args(["--lab-revision", &lab_revision()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listing = run(command("python3")
        .args(["-c", "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nz.extractall(sys.argv[2])\nfor i in z.infolist(): print(i.filename, oct(i.external_attr >> 16 & 0o777))"])
        .arg(&zip)
        .arg(root.join("source")));
    (root, listing)
}

/// The Gradescope image of the lab at its revision, its setup.sh run (the lab cloned, its checker
/// built, the exercises' build warmed on day1-endian), held by one test at a time: the two tests
/// that grade through Gradescope pinned to the whole lab (a Korean Rust class, an English C
/// class) share it, so that setup.sh's clone and checker build (some 40 s of CPU) are made once
/// a run, not once a test. A bundle `root` (`gradescope_bundle`) whose image is already made
/// must be that image's bundle but for config.env's language, track and visibility, which
/// run_autograder reads as it grades (setup.sh reads the track only to choose the stubs it warms
/// the build with): its `source/` then replaces the image's, as the exports test moves the first
/// export's image to each next export. The image is kept between runs (in the temporary folder, as
/// Gradescope's root is outside any repository; its target directory in the tests' scratch), and
/// made again for another revision of the lab.
struct Image {
    root: PathBuf,
    target: PathBuf,
    _turn: std::fs::File,
}

fn gradescope_image(bundle: &Path) -> Image {
    // Outside the lab's repository, as Gradescope's /autograder is: git must find no repository
    // around an upload (its report says it has no commit). One a lab clone, kept between runs.
    let base = std::env::temp_dir().join(format!("lab-gradescope-image-{:016x}", {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        common::lab_root().hash(&mut h);
        h.finish()
    }));
    std::fs::create_dir_all(&base).unwrap();
    let turn = std::fs::File::create(base.join("turn.lock")).unwrap();
    turn.lock().unwrap();
    let root = base.join("autograder");
    let target = common::scratch().join("gradescope-target");
    // The container builds the lab's checker; its dependencies are this build's.
    common::seed_target(&target);
    let revision = lab_revision();
    let made = root.join("made-at");
    let source = bundle.join("source");
    let image_made = std::fs::read_to_string(&made).is_ok_and(|r| r == revision);
    if image_made {
        let read = |dir: &Path, file: &str| std::fs::read_to_string(dir.join(file)).unwrap();
        for script in ["setup.sh", "run_autograder"] {
            assert_eq!(
                read(&source, script),
                read(&root.join("source"), script),
                "Gradescope's {script} differs between two bundles of the lab"
            );
        }
        // config.env: the same lines but what run_autograder reads of the class.
        let chosen = ["REPORT_LANG=", "TRACK=", "VISIBILITY="];
        let rest = |text: String| -> Vec<String> {
            text.lines()
                .filter(|l| !chosen.iter().any(|c| l.starts_with(c)))
                .map(str::to_string)
                .collect()
        };
        assert_eq!(
            rest(read(&source, "config.env")),
            rest(read(&root.join("source"), "config.env")),
            "two bundles of the lab differ in config.env beyond the class's language, track and visibility"
        );
    } else {
        let _ = std::fs::remove_dir_all(&root);
    }
    let _ = std::fs::remove_dir_all(root.join("source"));
    std::fs::create_dir_all(&root).unwrap();
    run(Command::new("cp")
        .arg("-a")
        .arg(&source)
        .arg(root.join("source")));
    if !image_made {
        let setup = gradescope_script(&root, "setup.sh", &target, "day1-endian");
        assert!(
            setup.contains(&format!("the lab at {revision} is ready")),
            "{setup}"
        );
        std::fs::write(&made, &revision).unwrap();
    }
    common::seed_harnesses(&root.join("lab"));
    // What a grading leaves: the next test's upload and results are its own.
    for left in ["submission", "results"] {
        let _ = std::fs::remove_dir_all(root.join(left));
    }
    let _ = std::fs::remove_file(root.join("submission_metadata.json"));
    Image {
        root,
        target,
        _turn: turn,
    }
}

/// `from` moved to `to` (copied where they are on two file systems: the test's temporary folder
/// and the tests' scratch).
fn move_dir(from: &Path, to: &Path) {
    if std::fs::rename(from, to).is_err() {
        run(Command::new("cp").arg("-a").arg(from).arg(to));
        std::fs::remove_dir_all(from).unwrap();
    }
}

/// One of the bundle's scripts (`setup.sh`, `run_autograder`) run as Gradescope runs it, on the
/// fake root, grading `targets`, the container's cargo builds in `target`; its output.
fn gradescope_script(root: &Path, script: &str, target: &Path, targets: &str) -> String {
    run(command("bash")
        .arg(root.join("source").join(script))
        .env("AUTOGRADER_ROOT", root)
        .env("CARGO_TARGET_DIR", target)
        .env("GRADE_TARGETS", targets))
}

/// The deadline regrade of a roster of student repositories, run as the workflow runs it, in
/// two batches: each student at the last commit before the deadline, then the gradebook.
#[test]
fn the_deadline_regrade_grades_each_student_at_the_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let before = "2026-10-30T12:00:00+09:00";
    // The lab's own stubs, then a solution pushed after the deadline: the stubs are graded.
    let kim = export(dir.path(), "kim");
    let kim_sha = commit(&kim, "start", before);
    solve(&kim, &["day1-endian"]);
    commit(&kim, "too late", "2026-11-01T09:00:00+09:00");
    // A copy of the solutions.
    let lee = export(dir.path(), "lee");
    solve(&lee, &["day1-endian", "day2-inet"]);
    commit(&lee, "done", before);
    // The solutions with a planted build.rs: the exercise earns nothing.
    let park = export(dir.path(), "park");
    solve(&park, &["day1-endian"]);
    std::fs::write(
        park.join("exercises/day1-endian/build.rs"),
        "fn main() {}\n",
    )
    .unwrap();
    commit(&park, "done", before);
    // Nothing before the deadline.
    let choi = export(dir.path(), "choi");
    commit(&choi, "late start", "2026-11-02T09:00:00+09:00");
    // A repository that cannot be cloned, first in its batch: the student after it is graded.
    let gone = dir.path().join("gone-repository");

    let roster = dir.path().join("roster.txt");
    let mut text = String::from("# name repository\n");
    for (name, repo) in [
        ("gone", &gone),
        ("kim", &kim),
        ("lee", &lee),
        ("park", &park),
        ("choi", &choi),
    ] {
        text.push_str(&format!("{name} {}\n", repo.display()));
    }
    std::fs::write(&roster, text).unwrap();
    let regrade = common::lab_root().join(".ci/regrade");
    let plan = run(command("bash")
        .arg(&regrade)
        .arg("--roster")
        .arg(&roster)
        .args(["--plan", "--per-job", "2"]));
    assert_eq!(plan.trim(), "[0,1,2]");
    let reports = dir.path().join("reports");
    for batch in ["0", "1", "2"] {
        let out = command("bash")
            .arg(&regrade)
            .arg("--roster")
            .arg(&roster)
            .args([
                "--before",
                DEADLINE,
                "--per-job",
                "2",
                "--batch",
                batch,
                "--out",
            ])
            .arg(&reports)
            .env("GRADE_TARGETS", "day1-endian")
            .output()
            .unwrap();
        let log = format!(
            "{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        // Status 1: the batch went through, and a student could not be graded (named).
        let expected = if batch == "0" { 1 } else { 0 };
        assert_eq!(out.status.code(), Some(expected), "batch {batch}:\n{log}");
        if batch != "2" {
            assert!(log.contains("graded in"), "{log}"); // choi alone has nothing to grade
        }
        if batch == "0" {
            assert!(log.contains("== kim: graded in"), "{log}");
            assert!(
                log.contains("1 student(s) could not be graded")
                    && log.contains("  gone (could not clone"),
                "{log}"
            );
        }
    }
    let page = dir.path().join("class.html");
    let out = common::checker_command()
        .arg("gradebook")
        .arg(&reports)
        .args(["--deadline", DEADLINE, "--html"])
        .arg(&page)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stdout.is_empty(),
        "with --html and no --output, no CSV on stdout"
    );
    let out = common::checker_command()
        .arg("gradebook")
        .arg(&reports)
        .args(["--deadline", DEADLINE])
        .output()
        .unwrap();
    let csv = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let column = |name: &str| header.iter().position(|h| h.starts_with(name)).unwrap();
    let row = |student: &str| -> Vec<String> {
        let line = csv
            .lines()
            .find(|l| l.starts_with(&format!("{student},")))
            .unwrap();
        line.split(',').map(str::to_string).collect()
    };
    let points = column("day1-endian (/14)");
    let flags = column("flags");
    assert_eq!(
        row("kim")[points],
        "0",
        "the solution came after the deadline\n{csv}"
    );
    assert_eq!(row("kim")[column("commit")], kim_sha, "{csv}");
    assert_eq!(
        row("kim")[column("commit_date")],
        "2026-10-30T03:00:00Z",
        "{csv}"
    );
    assert_eq!(row("lee")[points], "14", "{csv}");
    assert_eq!(
        row("park")[points],
        "0",
        "a build.rs voids the exercise\n{csv}"
    );
    assert!(row("choi")[flags].contains("no-submission"), "{csv}");
    for student in ["kim", "lee", "park"] {
        let r = row(student);
        assert_eq!(r[column("lab_revision")], lab_revision(), "{csv}");
        assert_eq!(r[column("track")], "rust", "{csv}");
        assert!(
            !r[flags].contains("after-deadline") && !r[flags].contains("other-lab"),
            "{csv}"
        );
    }
    assert_eq!(row("lee")[column("percent")], "100.0", "{csv}");
    assert_eq!(row("kim")[column("percent")], "0.0", "{csv}");
    // The stubs' tests are not started, not failed.
    assert_eq!(row("kim")[column("failed")], "0", "{csv}");
    assert_ne!(row("kim")[column("not_started")], "0", "{csv}");
    // The student who could not be cloned is listed, with why and the class's maximum.
    let gone = row("gone");
    assert_eq!(gone[flags], "could-not-clone", "{csv}");
    assert!(
        gone[column("no_grade_because")].starts_with("could not clone "),
        "{csv}"
    );
    assert_eq!(
        (gone[column("total")].as_str(), gone[column("max")].as_str()),
        ("0", "14"),
        "{csv}"
    );
    // A row for the class: 5 students, 3 graded (choi and gone have no grade).
    let last = csv.lines().last().unwrap();
    assert!(
        last.starts_with("(class: 5 students; 3 graded),rust 3,"),
        "{csv}"
    );

    // The page names the student with no grade, why, and the command that grades them again.
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("could-not-clone"), "{html}");
    assert!(html.contains("--only gone"), "{html}");
    assert!(
        !html.contains("--only choi") && !html.contains(",choi"),
        "{html}"
    );
}

/// README (Classroom 50): `autograder.py` "clones the lab at `LAB_REVISION`" without its
/// solutions (and broken versions), outside the student's checkout. The grading test above
/// hands it the lab (`SOCKET_LAB_DIR`); here its own checkout runs, from this lab's repository
/// at its HEAD, and must hold what grading needs and no solution.
#[test]
fn classroom_50_s_checkout_of_the_lab_holds_no_solution() {
    let lab = common::lab_root();
    let head = git(&lab, &["rev-parse", "HEAD"], DEADLINE);
    let scratch = tempfile::tempdir().unwrap();
    let script = format!(
        "import pathlib, sys\nsys.path.insert(0, {dir:?})\nimport autograder\n\
         autograder.LAB_REPOSITORY = {repo:?}\nautograder.LAB_REVISION = {rev:?}\n\
         print(autograder.lab_checkout(pathlib.Path({scratch:?})))\n",
        dir = lab.join(".ci/classroom50").to_string_lossy(),
        repo = lab.to_string_lossy(),
        rev = head.trim(),
        scratch = scratch.path().to_string_lossy(),
    );
    let out = command("python3")
        .args(["-c", &script])
        .env_remove("SOCKET_LAB_DIR")
        // The import leaves no __pycache__ in the lab's tree.
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let checkout = std::path::PathBuf::from(said.lines().last().unwrap_or_default());
    assert!(checkout.starts_with(scratch.path()), "{said}");
    for needed in [
        ".ci/grade-submission",
        "checker/src/main.rs",
        "checker/exercises/day2-echo/mod.rs",
        "exercises",
        "Cargo.lock",
    ] {
        assert!(
            checkout.join(needed).exists(),
            "{needed} missing from the checkout"
        );
    }
    for kept_out in [
        "solutions",
        "checker/exercises/day2-echo/proofs",
        "checker/tests/golden",
    ] {
        assert!(
            !checkout.join(kept_out).exists(),
            "{kept_out} reached the student's runner"
        );
    }
}

/// Each test's points in a Classroom 50 `result.json` or a Gradescope `results.json`, by
/// `exercise/test`, sorted.
fn points_by_test(doc: &Value) -> Vec<(String, u64)> {
    let mut points: Vec<(String, u64)> = doc["tests"]
        .as_array()
        .unwrap_or_else(|| panic!("no tests: {doc:#}"))
        .iter()
        .map(|t| {
            let name = match t["test-name"].as_str() {
                Some(name) => name.to_string(),
                None => format!("{}/{}", t["extra_data"]["exercise"], t["extra_data"]["id"])
                    .replace('"', ""),
            };
            (name, t["score"].as_u64().unwrap())
        })
        .collect();
    points.sort();
    points
}

/// A student's checkout at a `submit/*` tag, as Classroom 50's workflow hands it over.
struct Submission<'a> {
    repo: &'a Path,
    tag: &'a str,
    /// The student repository's address.
    url: &'a str,
    owner: &'a str,
}

/// Classroom 50's autograder `script` on `submission`, with the lab at `lab` and `envs` beside
/// the workflow's own; its `result.json` (checked against Classroom 50's schema, then taken out
/// of the checkout) and its log. A fresh runner directory unless `envs` names one.
fn classroom50(
    script: &Path,
    submission: Submission,
    lab: &Path,
    envs: &[(&str, &Path)],
) -> (Value, String) {
    let Submission {
        repo,
        tag,
        url,
        owner,
    } = submission;
    let sha = git(repo, &["rev-parse", "HEAD"], DEADLINE);
    let runner = tempfile::tempdir().unwrap();
    let mut cmd = command("python3");
    cmd.arg(script)
        .current_dir(repo)
        .env("CLASSROOM", "net-2026")
        .env("ASSIGNMENT", "socket-lab")
        .env("SUBMISSION_TAG", tag)
        .env("COMMIT_URL", format!("{url}/commit/{sha}"))
        .env(
            "RELEASE_URL",
            format!("{url}/releases/tag/{}", tag.replace('/', "%2F")),
        )
        .env("REVIEW_URL", format!("{url}/compare/aaaaaaa...{sha}"))
        .env("OWNER", owner)
        .env("USERNAME", owner)
        .env("ASSIGNMENT_TYPE", "individual")
        .env("SOCKET_LAB_DIR", lab)
        .env("RUNNER_TEMP", runner.path())
        .env("GRADE_TARGETS", "day1-endian day2-inet");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{log}");
    let result = read_json(&repo.join("result.json"));
    std::fs::remove_file(repo.join("result.json")).unwrap();
    assert_eq!(
        classroom50_problems(&result, "net-2026", "socket-lab"),
        Vec::<String>::new(),
        "{result:#}"
    );
    (result, log)
}

/// Classroom 50's autograder `script` on the C student's checkout `repo`, tagged for submission
/// here, with the lab at `lab`; its `result.json`.
fn classroom50_result(script: &Path, repo: &Path, lab: &Path) -> Value {
    let sha = git(repo, &["rev-parse", "HEAD"], DEADLINE);
    let tag = format!("submit/2026-10-30T01-00-05Z-{}", &sha[..7]);
    git(repo, &["tag", "-f", &tag], DEADLINE);
    let submission = Submission {
        repo,
        tag: &tag,
        url: "https://github.com/net-2026/net-2026-socket-lab-c",
        owner: "lee",
    };
    classroom50(script, submission, lab, &[]).0
}

/// The points of the lab's own procedure (`.ci/grade-submission --track c`, the one every
/// grader runs) for the C student's checkout `repo`, as Classroom 50's result.json reports them,
/// written under `dir`.
fn grade_submission_c(repo: &Path, dir: &Path) -> Value {
    let out = dir.join("by-the-procedure");
    let graded = command("bash")
        .arg(common::lab_root().join(".ci/grade-submission"))
        .arg(repo)
        .arg(&out)
        .args(["--track", "c"])
        .env("GRADE_TARGETS", "day1-endian day2-inet")
        .env_remove("CARGO_TARGET_DIR")
        .output()
        .unwrap();
    assert!(
        graded.status.code().is_some_and(|c| c < 2),
        "the lab's procedure could not grade the C checkout ({}):\n{}{}",
        graded.status,
        String::from_utf8_lossy(&graded.stdout),
        String::from_utf8_lossy(&graded.stderr)
    );
    read_json(&out.join("classroom50.json"))
}

/// A C class pinned to the whole lab: Classroom 50's autograder with `TRACK = "c"` and the
/// Gradescope bundle of `export-gradescope --track c` grade a C student's submission as the
/// lab's own procedure with `--track c` does, test by test. An autograder pinned to the class's
/// export (whose files carry the track the export wrote) is checked against the same procedure
/// in the exports' test, where the export's checker is built: its three C submissions of
/// day2-echo, graded through the export's Classroom 50 and Gradescope. (A library exercise
/// there is built and graded by the README's `cargo run -p checker day1`, on the stubs; its
/// points for a solution pinned to the export are not compared: adding day1-endian to those
/// gradings cost 30 s of CPU.) Without the track, the whole lab graded a C class as Rust: 0
/// points.
#[test]
fn a_c_class_pinned_to_the_lab_gets_the_points_of_its_export() {
    let dir = tempfile::tempdir().unwrap();
    let lab = common::lab_root();
    // The class's export, which its students clone (its own autograders carry its track).
    let out = common::checker_command()
        .args(["export-student", "--track", "c"])
        .arg(dir.path().join("c-export"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let export = dir.path().join("c-export");
    commit(&export, "the C class's lab", DEADLINE);
    let script = std::fs::read_to_string(export.join(".ci/classroom50/autograder.py")).unwrap();
    assert!(
        script.contains("\nTRACK = \"c\"\n"),
        "the export writes its track"
    );

    // A student of the class: day1-endian solved in C, day2-inet still the stub.
    let student = dir.path().join("lee");
    git(
        dir.path(),
        &["clone", "-q", &export.to_string_lossy(), "lee"],
        DEADLINE,
    );
    let net = std::fs::read_to_string(lab.join("c/solutions/common/net.h")).unwrap();
    for file in ["endian.c", "endian.h"] {
        let text = std::fs::read_to_string(lab.join("c/solutions/day1-endian").join(file))
            .unwrap()
            .replace("#include \"../common/net.h\"", &net);
        std::fs::write(student.join("exercises/day1-endian").join(file), text).unwrap();
    }
    commit(&student, "day 1 in C", "2026-10-30T10:00:00+09:00");

    // Classroom 50 pinned to the whole lab, its autograder set as the instructor sets it.
    let pinned_to_lab = dir.path().join("autograder.py");
    let lab_script = std::fs::read_to_string(lab.join(".ci/classroom50/autograder.py")).unwrap();
    assert!(lab_script.contains("\nTRACK = \"\"\n"), "{lab_script}");
    std::fs::write(
        &pinned_to_lab,
        lab_script.replace("\nTRACK = \"\"\n", "\nTRACK = \"c\"\n"),
    )
    .unwrap();
    let by_lab = points_by_test(&classroom50_result(&pinned_to_lab, &student, &lab));

    // The lab's own procedure on the same checkout, with the track (`.ci/grade-submission
    // --track c`), which the exports' test checks the C export's autograders against, so the
    // class's export need not be built here a second time.
    let by_procedure = points_by_test(&grade_submission_c(&student, dir.path()));
    assert_eq!(
        by_lab, by_procedure,
        "Classroom 50 pinned to the lab: the points of the lab's procedure with the track"
    );
    let earned: u64 = by_lab.iter().map(|(_, p)| p).sum();
    assert!(earned > 0, "day1-endian earns its points in C: {by_lab:?}");

    // Gradescope pinned to the whole lab: config.env carries the track.
    let (root, _) = gradescope_bundle(dir.path(), &["--track", "c", "--lang", "en"]);
    let config = std::fs::read_to_string(root.join("source/config.env")).unwrap();
    assert!(config.contains("\nTRACK=c\n"), "{config}");
    let image = gradescope_image(&root);
    let (root, target) = (&image.root, &image.target);
    // Uploaded as its exercises/ folder alone.
    move_dir(&student.join("exercises"), &root.join("submission"));
    gradescope_script(root, "run_autograder", target, "day1-endian day2-inet");
    let results = read_json(&root.join("results/results.json"));
    assert_eq!(
        gradescope_problems(&results),
        Vec::<String>::new(),
        "{results:#}"
    );
    assert_eq!(
        points_by_test(&results),
        by_procedure,
        "Gradescope pinned to the lab: the points of the lab's procedure with the track\n{results:#}"
    );
    assert_eq!(results["score"].as_u64(), Some(earned));
}

/// `.ci/grade-submission`, every grader's one procedure, grades a submission again, whole, while
/// the machine kept a test from being judged, up to GRADE_ATTEMPTS gradings (3 by default): the
/// last grading's reports stand, and the log says what could still not be judged. A grading
/// again that dies (a panic, a report not written) leaves the previous grading's reports and
/// status standing; a first grading that dies leaves none. A fake checker stands in for the
/// real one (no busy machine can be made to order): it writes reports whose count of tests not
/// judged is the next of `FAKE_UNJUDGED`, and at grading `FAKE_DIES_AT` writes one report and
/// dies.
#[test]
fn a_submission_is_graded_again_until_every_test_is_judged_or_the_bound() {
    let dir = tempfile::tempdir().unwrap();
    let lab = dir.path().join("lab");
    std::fs::create_dir_all(lab.join(".ci")).unwrap();
    std::fs::copy(
        common::lab_root().join(".ci/grade-submission"),
        lab.join(".ci/grade-submission"),
    )
    .unwrap();
    let bin = dir.path().join("bin");
    let debug = dir.path().join("target/debug");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::create_dir_all(&debug).unwrap();
    let executable = |path: &Path, text: &str| {
        use std::os::unix::fs::PermissionsExt;
        std::fs::write(path, text).unwrap();
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    };
    // The checker's build succeeds at once; the checker counts its gradings.
    executable(&bin.join("cargo"), "#!/bin/sh\nexit 0\n");
    executable(
        &debug.join("checker"),
        r#"#!/usr/bin/env bash
n=$(( $(cat "$FAKE_COUNT" 2>/dev/null || echo 0) + 1 )); echo "$n" > "$FAKE_COUNT"
counts=($FAKE_UNJUDGED); unjudged=${counts[$((n - 1))]:-0}
while [ $# -gt 0 ]; do
  if [ "$1" = --report ]; then
    echo "{\"grading\": $n, \"totals\": {\"unjudged\": $unjudged}}" > "${2#*=}"; shift
    [ "$n" != "${FAKE_DIES_AT:-}" ] || exit 101
  fi
  shift
done
exit 1
"#,
    );
    let student = dir.path().join("student");
    std::fs::create_dir_all(student.join("exercises")).unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let grade_dying = |unjudged: &str, attempts: Option<&str>, dies_at: &str| {
        let count = dir
            .path()
            .join(format!("count-{unjudged}-{attempts:?}-{dies_at}"));
        let out_dir = dir
            .path()
            .join(format!("out-{unjudged}-{attempts:?}-{dies_at}"));
        let mut cmd = command("bash");
        cmd.arg(lab.join(".ci/grade-submission"))
            .arg(&student)
            .arg(&out_dir)
            .env("PATH", &path)
            .env("CARGO_TARGET_DIR", dir.path().join("target"))
            .env("FAKE_COUNT", &count)
            .env("FAKE_UNJUDGED", unjudged)
            .env("FAKE_DIES_AT", dies_at);
        match attempts {
            Some(n) => cmd.env("GRADE_ATTEMPTS", n),
            None => cmd.env_remove("GRADE_ATTEMPTS"),
        };
        let out = cmd.output().unwrap();
        let log = String::from_utf8_lossy(&out.stderr).into_owned();
        let gradings: u32 = std::fs::read_to_string(&count)
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        let reports: Vec<String> = std::fs::read_dir(&out_dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        let report = out_dir.join("results.json");
        let report = report.exists().then(|| read_json(&report));
        (out.status.code(), report, reports.len(), log, gradings)
    };
    let grade = |unjudged: &str, attempts: Option<&str>| -> (Value, String, u32) {
        let (status, report, _, log, gradings) = grade_dying(unjudged, attempts, "");
        assert_eq!(status, Some(1), "the checker's status\n{log}");
        (report.expect("a report"), log, gradings)
    };
    // Judged at the second grading: its reports stand.
    let (report, log, gradings) = grade("2 0", None);
    assert_eq!(
        (gradings, &report["grading"]),
        (2, &Value::from(2)),
        "{log}"
    );
    assert!(
        log.contains("2 test(s) could not be judged") && log.contains("2 of 3"),
        "{log}"
    );
    // Never judged: three gradings, and the log says so.
    let (report, log, gradings) = grade("1 1 1 1", None);
    assert_eq!(
        (gradings, &report["totals"]["unjudged"]),
        (3, &Value::from(1))
    );
    assert!(
        log.contains("still could not be judged after 3 gradings"),
        "{log}"
    );
    // The bound is the instructor's; every test judged at once is graded once.
    assert_eq!(grade("1 1", Some("1")).2, 1);
    assert_eq!(grade("0", None).2, 1);
    // Graded again, the second grading dies: the first's four reports and status stand.
    let (status, report, files, log, gradings) = grade_dying("1 1 1", None, "2");
    assert_eq!((status, gradings, files), (Some(1), 2, 4), "{log}");
    assert_eq!(report.unwrap()["grading"], Value::from(1), "{log}");
    assert!(log.contains("the reports of grading 1 stand"), "{log}");
    // The first grading dies: no grade, no report.
    let (status, report, files, log, _) = grade_dying("0", None, "1");
    assert_eq!((status, report, files), (Some(2), None, 0), "{log}");
}
