//! Grading pinned to an export: a complete, a half-done and a buggy submission of a student of
//! the export's class, graded through Classroom 50's autograder and Gradescope's (its setup.sh
//! cloning the export at its commit, `--locked`), each report whole and with its points; and
//! the points the same as grading pinned to the lab gives.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use super::common;
use super::common::schemas::{classroom50_problems, gradescope_problems};
use super::{Kind, Track, git, run};

/// What the submissions are graded on: four tests of day2-echo, three of its server and one of
/// its client, enough to tell the three submissions apart and quick to grade (a program
/// exercise: no library harness to build; no `rules`, whose clippy run would be most of the
/// time).
pub const TARGETS: &str = "day2-echo/listening-line day2-echo/round-trip day2-echo/binary-64k \
                           day2-echo/client-echo";

/// The points grading pinned to the lab gives each submission of a track, by test: the same for
/// both languages' exports (their submissions differ only in the stubs' comments).
pub type LabPoints = std::collections::BTreeMap<(Track, &'static str), Vec<(String, u64)>>;

/// The submissions, by name: the points each must earn are the lab's for it.
#[derive(Clone, Copy, Debug)]
pub enum Submission {
    /// day2-echo's server and client, the references.
    Complete,
    /// day2-echo's server, the reference's; its client still the stub.
    HalfDone,
    /// day2-echo a broken version whose server loses binary data.
    Buggy,
}

pub const SUBMISSIONS: [Submission; 3] = [
    Submission::Complete,
    Submission::HalfDone,
    Submission::Buggy,
];

impl Submission {
    fn name(self) -> &'static str {
        match self {
            Submission::Complete => "complete",
            Submission::HalfDone => "half-done",
            Submission::Buggy => "buggy",
        }
    }
}

/// The student's files of `exercise` as the lab's reference for the track has them, in the
/// student's clone `root` (the C references' shared `common/net.h` inlined: the stubs' tree has
/// no such header), with the edits of a broken version applied first.
pub fn solve(root: &Path, track: Track, exercise: &str, edits: &[common::Edit]) {
    let lab = common::lab_root();
    let to = root.join("exercises").join(exercise);
    match track {
        Track::Rust => {
            let from = lab.join("solutions").join(exercise).join("src");
            run(Command::new("rm").arg("-rf").arg(to.join("src")));
            run(Command::new("cp").arg("-r").arg(&from).arg(&to));
        }
        Track::C => {
            let net = std::fs::read_to_string(lab.join("c/solutions/common/net.h")).unwrap();
            for entry in std::fs::read_dir(lab.join("c/solutions").join(exercise)).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "c" || e == "h") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    let text = text.replace("#include \"../common/net.h\"", &net);
                    std::fs::write(to.join(path.file_name().unwrap()), text).unwrap();
                }
            }
        }
    }
    for edit in edits {
        let file = to.join(&edit.file);
        let text = std::fs::read_to_string(&file).unwrap();
        let (find, replace) = (
            edit.find.as_deref().unwrap(),
            edit.replace.as_deref().unwrap(),
        );
        assert_eq!(text.matches(find).count(), 1, "{}: {find}", file.display());
        std::fs::write(&file, text.replacen(find, replace, 1)).unwrap();
    }
}

/// A student's repository holding `submission`: a clone of the export, worked on and committed.
fn submission(origin: &Path, dir: &Path, track: Track, which: Submission) -> PathBuf {
    let repo = dir.join(which.name());
    let _ = std::fs::remove_dir_all(&repo);
    run(Command::new("git")
        .arg("clone")
        .arg("-q")
        .arg(origin)
        .arg(&repo));
    let (broken, client) = match track {
        Track::Rust => (
            "through-string",
            "exercises/day2-echo/src/bin/echo-client.rs",
        ),
        Track::C => ("strlen-on-binary", "exercises/day2-echo/echo-client.c"),
    };
    match which {
        Submission::Complete => solve(&repo, track, "day2-echo", &[]),
        Submission::HalfDone => {
            solve(&repo, track, "day2-echo", &[]);
            git(&repo, &["checkout", "-q", "--", client]);
        }
        Submission::Buggy => {
            let edits = broken_version_edits(track, "day2-echo", broken);
            solve(&repo, track, "day2-echo", &edits);
        }
    }
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", which.name()]);
    repo
}

/// The edits of broken version `name` of `exercise` on `track`, from the exercise's proofs.
fn broken_version_edits(track: Track, exercise: &str, name: &str) -> Vec<common::Edit> {
    match track {
        Track::Rust => common::broken_version_edits(exercise, name),
        Track::C => common::c_broken_version_edits(exercise, name),
    }
}

/// Each test's points in a JSON report of the checker (`results.json`), by test name.
fn points(report: &Value) -> Vec<(String, u64)> {
    let mut found: Vec<(String, u64)> = report["exercises"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|e| e["tests"].as_array().cloned().unwrap_or_default())
        .map(|t| {
            (
                t["name"].as_str().unwrap_or("").to_string(),
                t["points"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    found.sort();
    found
}

fn read_json(path: &Path) -> Option<Value> {
    serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
}

/// The environment of Gradescope's and Classroom 50's runs: online, as Gradescope's image is
/// built (setup.sh fetches every platform's packages), and students' exercises built in the
/// build directory the lab's tests share (nix compiled once), as a grader of a whole class may.
fn graders(env: &[(&'static str, PathBuf)]) -> Vec<(&'static str, PathBuf)> {
    let mut env: Vec<(&str, PathBuf)> = env
        .iter()
        .filter(|(k, _)| *k != "CARGO_NET_OFFLINE")
        .cloned()
        .collect();
    env.push(("CARGO_BUILD_BUILD_DIR", common::shared_build()));
    env
}

/// Gradescope's image for `kind`'s export at `origin` (its commit `revision`): the bundle
/// `export-gradescope` writes, unzipped into `dir/autograder/source`, and its setup.sh run, which
/// clones the export into `dir/autograder/lab` and builds its checker (`--locked`). The root, or
/// what went wrong.
pub fn gradescope_image(
    kind: Kind,
    (origin, revision): (&Path, &str),
    dir: &Path,
    env: &[(&'static str, PathBuf)],
) -> Result<PathBuf, String> {
    let env = &graders(env)[..];
    let root = dir.join("autograder");
    let _ = std::fs::remove_dir_all(&root);
    let zip = dir.join("autograder.zip");
    let out = common::checker_command()
        .args(["export-gradescope", "--lang", kind.lang])
        .arg(&zip)
        .arg("--lab-repository")
        .arg(origin)
        .args(["--lab-revision", revision])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    unzip(&zip, &root.join("source"));
    let mut setup = Command::new("bash");
    setup
        .arg(root.join("source/setup.sh"))
        .env("AUTOGRADER_ROOT", &root)
        .env("GRADE_TARGETS", "day2-echo/listening-line");
    with_env(&mut setup, env);
    let out = setup.output().unwrap();
    let said =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    if !out.status.success() || !said.contains(&format!("the lab at {revision} is ready")) {
        return Err(format!(
            "{}: Gradescope's setup.sh failed:\n{said}",
            kind.name()
        ));
    }
    Ok(root)
}

/// Gradescope's image for `kind`'s export at `origin` (its commit `revision`), made from the
/// image at `root` of the first export, whose setup.sh ran: the bundle `export-gradescope`
/// writes must be that one's but for config.env's repository, revision and language (its
/// setup.sh would then clone, build the checker and warm the build with this export's stubs),
/// and the lab in the image is moved to `revision` as a fresh clone has it: every file git does
/// not track removed (what the previous exports' commands built in the clone: `make`'s
/// programs), but for `target/`, where the checker stages what it grades and builds the library
/// harnesses (cargo rebuilds there what the changed files change), then fetched and checked out
/// (git rewrites only the files that differ, so cargo rebuilds only what they change). What went
/// wrong, if anything did.
pub fn gradescope_image_moved(
    kind: Kind,
    (origin, revision): (&Path, &str),
    dir: &Path,
    root: &Path,
) -> Result<(), String> {
    let name = kind.name();
    let zip = dir.join("autograder.zip");
    let bundle = dir.join("autograder-source");
    let _ = std::fs::remove_dir_all(&bundle);
    let out = common::checker_command()
        .args(["export-gradescope", "--lang", kind.lang])
        .arg(&zip)
        .arg("--lab-repository")
        .arg(origin)
        .args(["--lab-revision", revision])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    unzip(&zip, &bundle);
    let source = root.join("source");
    let read = |dir: &Path, file: &str| std::fs::read_to_string(dir.join(file)).unwrap_or_default();
    for script in ["setup.sh", "run_autograder"] {
        if read(&bundle, script) != read(&source, script) {
            return Err(format!(
                "{name}: Gradescope's {script} differs from the first export's"
            ));
        }
    }
    // config.env: the same lines but these three, which say this export's.
    let chosen = ["LAB_REPOSITORY=", "LAB_REVISION=", "REPORT_LANG="];
    let rest = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| !chosen.iter().any(|c| l.starts_with(c)))
            .map(str::to_string)
            .collect()
    };
    let config = read(&bundle, "config.env");
    let value = |key: &str| {
        config
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .map(|v| v.trim_matches(['\'', '"']).to_string())
    };
    if rest(&config) != rest(&read(&source, "config.env"))
        || value("LAB_REVISION=").as_deref() != Some(revision)
        || value("REPORT_LANG=").as_deref() != Some(kind.lang)
        || value("LAB_REPOSITORY=").map(PathBuf::from).as_deref() != Some(origin)
    {
        return Err(format!(
            "{name}: Gradescope's config.env is not the first export's with this export's repository, revision and language:\n{config}"
        ));
    }
    std::fs::remove_dir_all(&source).unwrap();
    std::fs::rename(&bundle, &source).unwrap();
    let lab = root.join("lab");
    // Cleaned first (a checkout leaves nothing untracked behind it): a program `make` built
    // under one track may sit where the next track's files are.
    git(&lab, &["clean", "-fdxq", "-e", "/target"]);
    git(&lab, &["fetch", "-q", &origin.to_string_lossy(), "main"]);
    git(&lab, &["checkout", "-q", "--detach", revision]);
    if git(&lab, &["rev-parse", "HEAD"]) != revision {
        return Err(format!("{name}: the clone is not at the export's commit"));
    }
    Ok(())
}

fn unzip(zip: &Path, to: &Path) {
    run(Command::new("python3")
        .args([
            "-c",
            "import sys, zipfile\nzipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])",
        ])
        .arg(zip)
        .arg(to));
}

/// Grade the three submissions of `kind`'s class pinned to the export at `origin` (its commit
/// `revision`): through Gradescope's image at `root` (`gradescope_image`) and Classroom 50's
/// autograder given the same checkout of the export, and pinned to the lab; the problems found.
pub fn grade(
    kind: Kind,
    (origin, revision): (&Path, &str),
    (dir, root): (&Path, &Path),
    env: &[(&'static str, PathBuf)],
    lab_points: &mut LabPoints,
) -> Vec<String> {
    let env = &graders(env)[..];
    let mut problems = Vec::new();
    let lab = root.join("lab");
    for which in SUBMISSIONS {
        let repo = submission(origin, dir, kind.track, which);
        let what = format!("{} ({} submission)", kind.name(), which.name());
        // Pinned to the lab: the lab's own procedure, on the same submission.
        let expected = match lab_points.get(&(kind.track, which.name())) {
            Some(points) => points.clone(),
            None => {
                let Some(points) = by_the_lab(kind.track, &repo, dir, which) else {
                    problems.push(format!("{what}: the lab wrote no report"));
                    continue;
                };
                lab_points.insert((kind.track, which.name()), points.clone());
                points
            }
        };
        problems.extend(classroom50(
            kind, &lab, &repo, &what, revision, &expected, env,
        ));
        problems.extend(gradescope(root, &repo, &what, revision, &expected, env));
    }
    // The three are told apart, or the comparison proves little: the complete one earns every
    // point, the others some less.
    let total = |which: Submission| -> Option<u64> {
        let points = lab_points.get(&(kind.track, which.name()))?;
        Some(points.iter().map(|(_, p)| p).sum())
    };
    let totals = SUBMISSIONS.map(total);
    if let [Some(complete), Some(half), Some(buggy)] = totals
        && !(half < complete && buggy < complete)
    {
        problems.push(format!(
            "{}: the submissions earn {complete}, {half} and {buggy} points: the test cannot tell them apart",
            kind.name()
        ));
    }
    problems
}

/// Each test's points for the submission in `repo`, graded pinned to the lab (its own
/// `.ci/grade-submission`).
fn by_the_lab(
    track: Track,
    repo: &Path,
    dir: &Path,
    which: Submission,
) -> Option<Vec<(String, u64)>> {
    let out = dir.join(format!("{}-lab", which.name()));
    let mut grading = Command::new("bash");
    grading
        .arg(common::lab_root().join(".ci/grade-submission"))
        .arg(repo)
        .arg(&out)
        .args(["--seed", "1"]);
    if track == Track::C {
        grading.args(["--track", "c"]);
    }
    grading
        .env("GRADE_TARGETS", TARGETS)
        .env("CARGO_BUILD_BUILD_DIR", common::shared_build())
        .env_remove("CARGO_TARGET_DIR");
    let _ = grading.output().unwrap();
    read_json(&out.join("results.json")).map(|report| points(&report))
}

fn with_env(cmd: &mut Command, env: &[(&str, PathBuf)]) {
    for (k, v) in env {
        cmd.env(k, v);
    }
}

/// Classroom 50's autograder on the submission's `submit/*` tag, with the pinned export.
fn classroom50(
    kind: Kind,
    lab: &Path,
    repo: &Path,
    what: &str,
    revision: &str,
    expected: &[(String, u64)],
    env: &[(&str, PathBuf)],
) -> Vec<String> {
    let sha = git(repo, &["rev-parse", "HEAD"]);
    let tag = format!("submit/2026-10-30T01-00-05Z-{}", &sha[..7]);
    git(repo, &["tag", &tag]);
    let url = "https://github.com/net-2026/socket-lab-kim";
    let scratch = repo.with_extension("runner");
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).unwrap();
    let mut cmd = Command::new("python3");
    cmd.arg(lab.join(".ci/classroom50/autograder.py"))
        .current_dir(repo)
        .env("CLASSROOM", "net-2026")
        .env("ASSIGNMENT", "socket-lab")
        .env("SUBMISSION_TAG", &tag)
        .env("COMMIT_URL", format!("{url}/commit/{sha}"))
        .env("RELEASE_URL", format!("{url}/releases/tag/x"))
        .env("REVIEW_URL", format!("{url}/compare/a...{sha}"))
        .env("OWNER", "kim")
        .env("ASSIGNMENT_TYPE", "individual")
        .env("SOCKET_LAB_DIR", lab)
        .env("RUNNER_TEMP", &scratch)
        .env("GRADE_TARGETS", TARGETS);
    with_env(&mut cmd, env);
    let out = cmd.output().unwrap();
    let log =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let result = repo.join("result.json");
    let Some(doc) = read_json(&result).filter(|_| out.status.success()) else {
        return vec![format!("{what}: Classroom 50 gave no result.json:\n{log}")];
    };
    let _ = std::fs::remove_file(&result);
    let mut problems: Vec<String> = classroom50_problems(&doc, "net-2026", "socket-lab")
        .into_iter()
        .map(|p| format!("{what}: Classroom 50's result.json: {p}"))
        .collect();
    let mut got: Vec<(String, u64)> = doc["tests"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| {
            (
                t["test-name"].as_str().unwrap_or("").to_string(),
                t["score"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    got.sort();
    if got != expected {
        problems.push(format!(
            "{what}: Classroom 50's points {got:?}, the lab's {expected:?}"
        ));
    }
    let total: u64 = expected.iter().map(|(_, p)| p).sum();
    if doc["score"].as_u64() != Some(total) {
        problems.push(format!(
            "{what}: Classroom 50's score {}, the lab's {total}",
            doc["score"]
        ));
    }
    if doc["tests"][0]["graded-by"]["lab_revision"] != revision {
        problems.push(format!(
            "{what}: Classroom 50 graded by {}",
            doc["tests"][0]["graded-by"]
        ));
    }
    let _ = kind;
    problems
}

/// Gradescope's run_autograder on an upload of the submission (the repository, without git).
fn gradescope(
    root: &Path,
    repo: &Path,
    what: &str,
    revision: &str,
    expected: &[(String, u64)],
    env: &[(&str, PathBuf)],
) -> Vec<String> {
    let submission = root.join("submission");
    let _ = std::fs::remove_dir_all(&submission);
    run(Command::new("cp").arg("-r").arg(repo).arg(&submission));
    let _ = std::fs::remove_dir_all(submission.join(".git"));
    std::fs::write(
        root.join("submission_metadata.json"),
        r#"{"id": 1, "users": [{"email": "kim@example.edu"}]}"#,
    )
    .unwrap();
    let _ = std::fs::remove_dir_all(root.join("results"));
    let mut cmd = Command::new("bash");
    cmd.arg(root.join("source/run_autograder"))
        .env("AUTOGRADER_ROOT", root)
        .env("GRADE_TARGETS", TARGETS);
    with_env(&mut cmd, env);
    let log = run(&mut cmd);
    let Some(doc) = read_json(&root.join("results/results.json")) else {
        return vec![format!("{what}: Gradescope gave no results.json:\n{log}")];
    };
    let mut problems: Vec<String> = gradescope_problems(&doc)
        .into_iter()
        .map(|p| format!("{what}: Gradescope's results.json: {p}"))
        .collect();
    let mut got: Vec<(String, u64)> = doc["tests"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| {
            let name = t["name"].as_str().unwrap_or("");
            let id = name.split(':').next().unwrap_or(name).to_string();
            (id, t["score"].as_f64().unwrap_or(0.0) as u64)
        })
        .collect();
    got.sort();
    if got != expected {
        problems.push(format!(
            "{what}: Gradescope's points {got:?}, the lab's {expected:?}"
        ));
    }
    if doc["extra_data"]["provenance"]["lab_revision"] != revision {
        problems.push(format!(
            "{what}: Gradescope graded by {}",
            doc["extra_data"]["provenance"]
        ));
    }
    problems
}
