//! `checker verify`: the instructors' check that the lab is consistent — every solution passes
//! every test, every stub compiles and fails every test cleanly and fast, the rules hold on the
//! solutions, every test and hint points at a course.md section that exists, the three copies
//! of each exercise's manifest and rules agree, and the solutions are rustfmt- and clippy-clean.
//! The project's tests run it; CI runs the project's tests.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::catalog;
use crate::runner::{self, ExerciseStatus, Options};
use crate::verdict::Status;
use crate::workspace::{self, Tree};
use crate::{integrity, supervise};

/// A stub's test must fail this fast (a `todo!()` is reached at once).
const STUB_TEST_LIMIT: Duration = Duration::from_secs(5);

struct Check {
    name: &'static str,
    problems: Vec<String>,
    took: Duration,
}

pub fn run(mut base: Options) -> Result<ExitCode> {
    let lab = workspace::lab_root();
    let mut out = anstream::stdout();
    let mut checks = Vec::new();
    let _ = writeln!(out, "Verifying the lab at {}\n", lab.display());

    checks.push(timed(
        "every solution passes every test, the rules included",
        || {
            base.tree = Tree {
                dir: lab.join("solutions"),
                flag: Some("--solutions".into()),
            };
            let reports = runner::grade(
                catalog::select(&["all".into()]).map_err(anyhow::Error::msg)?,
                &base,
                |_| {},
            )?;
            Ok(reports
                .iter()
                .flat_map(|r| r.tests.iter().map(move |t| (r, t)))
                .filter(|(_, t)| t.status != Status::Pass)
                .map(|(r, t)| {
                    let why = t
                        .failure
                        .as_ref()
                        .map(|f| f.summary.clone())
                        .unwrap_or_else(|| t.status.label().into());
                    format!("{}/{}: {why}", r.exercise.name, t.test.id)
                })
                .collect())
        },
    ));

    checks.push(timed(
        "every stub compiles and fails every test cleanly (not started) and fast",
        || {
            base.tree = Tree {
                dir: lab.join("exercises"),
                flag: None,
            };
            let reports = runner::grade(
                catalog::select(&["all".into()]).map_err(anyhow::Error::msg)?,
                &base,
                |_| {},
            )?;
            let mut problems = Vec::new();
            for r in &reports {
                if r.status() != ExerciseStatus::NotStarted {
                    problems.push(format!(
                        "{}: the stub's status is {}, not 'not started'",
                        r.exercise.name,
                        r.status().label()
                    ));
                }
                for t in &r.tests {
                    // The rules too: they wait for code (runner::rules_wait_for_work).
                    let expected = Status::NotStarted;
                    if t.status != expected {
                        let why = t
                            .failure
                            .as_ref()
                            .map(|f| f.summary.clone())
                            .unwrap_or_default();
                        problems.push(format!(
                            "{}/{}: {} instead of {} {why}",
                            r.exercise.name,
                            t.test.id,
                            t.status.label(),
                            expected.label()
                        ));
                    }
                    if t.test.id != catalog::RULES.id && t.duration > STUB_TEST_LIMIT {
                        problems.push(format!(
                            "{}/{}: took {:.1} s on the stub (a todo!() should fail at once)",
                            r.exercise.name,
                            t.test.id,
                            t.duration.as_secs_f64()
                        ));
                    }
                }
            }
            Ok(problems)
        },
    ));

    checks.push(timed(
        "every exercise, test and hint points at a course.md section that exists",
        || course_links(&lab),
    ));
    checks.push(timed(
        "course.md lists every test id of its exercise",
        || course_lists_tests(&lab),
    ));
    checks.push(timed(
        "manifests and rules agree in exercises/, solutions/ and checker/pristine/",
        || copies_agree(&lab),
    ));
    checks.push(timed(
        "stubs and solutions have the same binaries and public functions",
        || same_shape(&lab),
    ));
    checks.push(timed("the solutions are rustfmt- and clippy-clean", || {
        solutions_clean(&lab)
    }));

    let mut failed = 0;
    for c in &checks {
        let mark = if c.problems.is_empty() { "✓" } else { "✗" };
        let _ = writeln!(out, "{mark} {} ({:.1} s)", c.name, c.took.as_secs_f64());
        for p in c.problems.iter().take(20) {
            let _ = writeln!(out, "    {p}");
        }
        if c.problems.len() > 20 {
            let _ = writeln!(out, "    … and {} more", c.problems.len() - 20);
        }
        failed += usize::from(!c.problems.is_empty());
    }
    supervise::stop_everything();
    let _ = writeln!(out, "\n{} passed, {failed} failed", checks.len() - failed);
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn timed(name: &'static str, f: impl FnOnce() -> Result<Vec<String>>) -> Check {
    let start = Instant::now();
    let problems = f().unwrap_or_else(|e| vec![format!("could not check: {e:#}")]);
    Check {
        name,
        problems,
        took: start.elapsed(),
    }
}

/// The anchors course.md defines (`<a id="...">`).
pub fn course_anchors(lab: &Path) -> Result<BTreeSet<String>> {
    let course = std::fs::read_to_string(lab.join("course.md")).context("reading course.md")?;
    Ok(course
        .split("<a id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect())
}

fn course_links(lab: &Path) -> Result<Vec<String>> {
    let anchors = course_anchors(lab)?;
    let mut problems = Vec::new();
    let mut check = |what: String, anchor: &str| {
        if !anchors.contains(anchor) {
            problems.push(format!(
                "{what} points at course.md#{anchor}, which does not exist"
            ));
        }
    };
    for ex in catalog::all() {
        check(format!("exercise {}", ex.name), ex.section);
        for t in catalog::tests_of(ex) {
            check(format!("{}/{}", ex.name, t.id), t.section);
            for link in t.hint.split("course.md#").skip(1) {
                let anchor: String = link
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '-')
                    .collect();
                check(format!("the hint of {}/{}", ex.name, t.id), &anchor);
            }
        }
    }
    for kind in crate::hints::ALL {
        for link in crate::hints::explain(*kind).split("course.md#").skip(1) {
            let anchor: String = link
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '-')
                .collect();
            check(format!("the hint for {kind:?}"), &anchor);
        }
    }
    Ok(problems)
}

fn course_lists_tests(lab: &Path) -> Result<Vec<String>> {
    let course = std::fs::read_to_string(lab.join("course.md")).context("reading course.md")?;
    let mut problems = Vec::new();
    for ex in catalog::all() {
        // The exercise's own section: from its anchor to the next exercise-level anchor.
        let start = course.find(&format!("<a id=\"{}\"></a>", ex.section));
        let Some(start) = start else { continue };
        let rest = &course[start + 1..];
        let end = rest.find("\n<a id=\"day").map_or(rest.len(), |e| e);
        let section = &rest[..end];
        for t in ex.tests {
            if !section.contains(&format!("`{}`", t.id)) {
                problems.push(format!(
                    "course.md#{} does not mention the test `{}`",
                    ex.section, t.id
                ));
            }
        }
    }
    Ok(problems)
}

fn copies_agree(lab: &Path) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for ex in catalog::all() {
        let pristine: Vec<_> = integrity::pristine_files(ex.name).collect();
        if pristine.is_empty() {
            problems.push(format!(
                "checker/pristine/{} is missing (the copies `--ci` compares with)",
                ex.name
            ));
        }
        for (file, content) in pristine {
            for tree in ["exercises", "solutions"] {
                let path = lab.join(tree).join(ex.name).join(file);
                match std::fs::read_to_string(&path) {
                    Ok(c) if c == content => {}
                    Ok(_) => problems.push(format!(
                        "{tree}/{}/{file} differs from checker/pristine/{}/{file}",
                        ex.name, ex.name
                    )),
                    Err(_) => problems.push(format!("{tree}/{}/{file} is missing", ex.name)),
                }
            }
        }
    }
    Ok(problems)
}

/// The file names under `src/bin`, and the `pub fn` lines of `src/lib.rs`.
fn shape(package: &Path) -> (BTreeSet<String>, BTreeSet<String>) {
    let bins = std::fs::read_dir(package.join("src/bin"))
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    let api = std::fs::read_to_string(package.join("src/lib.rs"))
        .map(|s| {
            s.lines()
                .map(str::trim)
                .filter(|l| {
                    l.starts_with("pub fn ")
                        || l.starts_with("pub const ")
                        || l.starts_with("pub struct ")
                })
                // `mut` on a parameter is the body's business, not the API's.
                .map(|l| {
                    l.trim_end_matches('{')
                        .trim()
                        .replace("(mut ", "(")
                        .replace(", mut ", ", ")
                })
                .collect()
        })
        .unwrap_or_default();
    (bins, api)
}

fn same_shape(lab: &Path) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for ex in catalog::all() {
        let (stub_bins, stub_api) = shape(&lab.join("exercises").join(ex.name));
        let (sol_bins, sol_api) = shape(&lab.join("solutions").join(ex.name));
        if stub_bins != sol_bins {
            problems.push(format!(
                "{}: binaries differ: stub {stub_bins:?}, solution {sol_bins:?}",
                ex.name
            ));
        }
        for missing in sol_api.symmetric_difference(&stub_api) {
            problems.push(format!(
                "{}: only one of stub and solution has `{missing}`",
                ex.name
            ));
        }
        {
            for b in ex.kind.binaries() {
                if !sol_bins.contains(&format!("{b}.rs")) {
                    problems.push(format!(
                        "{}: the test table runs `{b}`, but there is no src/bin/{b}.rs",
                        ex.name
                    ));
                }
            }
        }
    }
    Ok(problems)
}

fn solutions_clean(lab: &Path) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let solutions = lab.join("solutions");
    for (what, args) in [
        ("cargo fmt --check", vec!["fmt", "--all", "--check"]),
        (
            "cargo clippy --all-targets -- -D warnings",
            vec!["clippy", "--all-targets", "-q", "--", "-D", "warnings"],
        ),
    ] {
        let mut cmd = workspace::cargo_command();
        cmd.args(&args).current_dir(&solutions);
        let out = supervise::run_to_completion(&mut cmd).map_err(crate::building::cargo_missing)?;
        if !out.status.success() {
            let text = String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr);
            problems.push(format!(
                "{what} fails in solutions/:\n{}",
                text.lines().take(15).collect::<Vec<_>>().join("\n")
            ));
        }
    }
    Ok(problems)
}
