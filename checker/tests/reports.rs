//! Grading for CI and for instructors: the machine-readable reports agree with the human one,
//! GitHub Actions gets annotations, a step summary and protection from workflow commands, `--ci`
//! catches edited manifests and rules, the overview comes from a cache, `watch` re-grades on
//! save, `verify` passes, `new` scaffolds a working exercise, and the example workflow runs the
//! command these tests run.

mod common;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use common::{Edit, checker_command, lab_root, run_checker, tree};

const MINUTES: Duration = Duration::from_secs(600);

/// A tree with some passing, some failing and some unstarted tests: day1-endian with a bug,
/// day2-inet as the reference.
fn mixed_tree() -> std::path::PathBuf {
    let bug = Edit {
        file: "src/lib.rs".into(),
        find: Some("    if is_little_endian() { swap16(x) } else { x }".into()),
        replace: Some("    x".into()),
        source: None,
    };
    tree(
        "reports-mixed",
        &["day1-endian", "day2-inet"],
        &[("day1-endian", bug)],
    )
    .unwrap()
}

/// (test name -> status) from the human report's test lines (`  ✓ id  ...`).
fn human_verdicts(report: &str) -> BTreeMap<String, String> {
    let mut verdicts = BTreeMap::new();
    let mut exercise = String::new();
    for line in report.lines() {
        if !line.starts_with(' ') && line.contains(" — ") {
            exercise = line.split(" — ").next().unwrap_or_default().to_string();
        }
        let trimmed = line.trim_start();
        // Failing tests whose cause a test above told, listed under it by name.
        if let Some((_, listed)) = trimmed
            .strip_prefix("✗ the same cause fails ")
            .and_then(|rest| rest.split_once(": "))
        {
            for id in listed.split(", ") {
                verdicts.insert(format!("{exercise}/{id}"), "fail".to_string());
            }
            continue;
        }
        let status = match trimmed.chars().next() {
            Some('✓') => "pass",
            Some('✗') => "fail",
            Some('○') => "not-started",
            Some('!') => "error",
            _ => continue,
        };
        if line.starts_with("  ")
            && !line.starts_with("   ")
            && let Some(id) = trimmed.split_whitespace().nth(1)
        {
            verdicts.insert(format!("{exercise}/{id}"), status.to_string());
        }
    }
    verdicts
}

#[test]
fn json_and_junit_agree_with_the_human_report() {
    let dir = mixed_tree();
    let root = dir.to_string_lossy().to_string();
    let seed = common::seed().to_string();
    let junit_file = tempfile::NamedTempFile::new().unwrap();
    let json_file = tempfile::NamedTempFile::new().unwrap();
    // One grading, every report of it: the human report on stdout, JUnit and JSON in files.
    // Two gradings could disagree on a busy machine (a test judged again, or not judged), and
    // what is compared here is the rendering of one set of verdicts.
    let out = checker_command()
        .args([
            "--root",
            &root,
            "day1-endian",
            "day2-inet",
            "--seed",
            &seed,
            "--report",
        ])
        .arg(format!("junit={}", junit_file.path().display()))
        .arg("--report")
        .arg(format!("json={}", json_file.path().display()))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let human = human_verdicts(&String::from_utf8_lossy(&out.stdout));
    assert!(human.len() > 20, "{human:?}");
    assert!(
        human.values().any(|s| s == "pass") && human.values().any(|s| s == "fail"),
        "{human:?}"
    );

    // JUnit, parsed back with the crate that wrote it.
    let xml = std::fs::read_to_string(junit_file.path()).unwrap();
    let report = quick_junit::Report::deserialize_from_str(&xml).unwrap();
    let mut junit = BTreeMap::new();
    for suite in &report.test_suites {
        for case in &suite.test_cases {
            let status = match &case.status {
                quick_junit::TestCaseStatus::Success { .. } => "pass".to_string(),
                quick_junit::TestCaseStatus::NonSuccess { ty, .. } => {
                    ty.as_ref().map(|t| t.to_string()).unwrap_or_default()
                }
                quick_junit::TestCaseStatus::Skipped { .. } => "skipped".to_string(),
            };
            junit.insert(
                format!("{}/{}", suite.name.as_str(), case.name.as_str()),
                status,
            );
        }
    }
    assert_eq!(junit, human, "JUnit and the human report disagree");

    // JSON, of the same run.
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(json_file.path()).unwrap()).unwrap();
    let tests: Vec<&serde_json::Value> = doc["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["tests"].as_array().unwrap())
        .collect();
    let json: BTreeMap<String, String> = tests
        .iter()
        .map(|t| {
            (
                t["name"].as_str().unwrap().to_string(),
                t["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(json, human, "JSON and the human report disagree");
    assert_eq!(doc["version"], 3);
    assert_eq!(doc["status"], "fail");
    let totals = &doc["totals"];
    assert_eq!(
        totals["passed"].as_u64().unwrap() + totals["failed"].as_u64().unwrap(),
        human.len() as u64
    );
    assert!(
        doc["days"].as_array().unwrap().len() == 2,
        "a score per day"
    );
    for t in tests {
        assert!(
            t["max_points"].is_u64() && t["points"].is_u64() && t["duration"].is_f64(),
            "{t}"
        );
    }
    // The human report shows the score per day and in total, then the failing tests by name,
    // and ends with the count.
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[lines.len() - 3].starts_with("score: ") && lines[lines.len() - 3].contains("day 1: "),
        "{stdout}"
    );
    let failing: Vec<&String> = human
        .iter()
        .filter(|(_, status)| *status == "fail")
        .map(|(name, _)| name)
        .collect();
    let mut named: Vec<&str> = lines[lines.len() - 2]
        .strip_prefix("failing: ")
        .unwrap_or_else(|| panic!("no failing line:\n{stdout}"))
        .split(", ")
        .collect();
    named.sort_unstable();
    assert_eq!(named, failing, "{stdout}");
    let passed = human.values().filter(|s| *s == "pass").count();
    assert_eq!(
        lines[lines.len() - 1],
        format!("{passed} passed, {} failed", human.len() - passed)
    );
}

#[test]
fn github_actions_gets_annotations_a_summary_and_no_injected_commands() {
    let dir = mixed_tree();
    let summary = tempfile::NamedTempFile::new().unwrap();
    let out = checker_command()
        .args(["--root", dir.to_str().unwrap(), "day1-endian"])
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_STEP_SUMMARY", summary.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    let stop = lines
        .iter()
        .position(|l| l.starts_with("::stop-commands::"))
        .expect("commands stopped first");
    let token = lines[stop].trim_start_matches("::stop-commands::");
    assert!(token.len() >= 16, "an unguessable token");
    let resume = lines
        .iter()
        .position(|l| *l == format!("::{token}::"))
        .expect("commands resumed");
    assert!(stop < resume);
    // Every report line is between the two; only our annotations come after.
    let annotations: Vec<&&str> = lines[resume + 1..]
        .iter()
        .filter(|l| l.starts_with("::error "))
        .collect();
    assert!(
        !annotations.is_empty() && annotations.len() <= 10,
        "{stdout}"
    );
    assert!(
        annotations
            .iter()
            .all(|a| a.contains("file=") && a.contains("day1-endian/src/lib.rs")),
        "{annotations:?}"
    );
    assert!(lines[..stop].iter().all(|l| !l.starts_with("::")));
    let md = std::fs::read_to_string(summary.path()).unwrap();
    assert!(
        md.contains("| day | exercise | status | tests | points |") && md.contains("`day1-endian`"),
        "{md}"
    );
}

#[test]
fn ci_mode_fails_an_exercise_whose_rules_were_edited() {
    let loosened = Edit {
        file: "clippy.toml".into(),
        find: Some("disallowed-types = [".into()),
        replace: Some("disallowed-types = [\n  # nothing forbidden any more\n".into()),
        source: None,
    };
    let dir = tree(
        "reports-tampered",
        &["day2-inet"],
        &[("day2-inet", loosened)],
    )
    .unwrap();
    let root = dir.to_string_lossy().to_string();
    let run = run_checker(&["--root", &root, "day2-inet", "--ci"], MINUTES);
    assert_eq!(run.code(), Some(1), "{}", run.explain());
    assert!(
        run.tests().iter().all(|t| t["status"] == "fail"),
        "{}",
        run.explain()
    );
    assert!(
        run.stdout().contains("day2-inet/clippy.toml was changed"),
        "{}",
        run.explain()
    );
    // Without --ci the edit is the student's own business.
    let run = run_checker(&["--root", &root, "day2-inet"], MINUTES);
    assert_eq!(run.code(), Some(0), "{}", run.explain());
}

/// The overview of the tree at `root`, in `lang`, `columns` wide, from the cache alone: with no
/// cargo to build with, an overview that graded anything would fail (exit 2, "could not run
/// cargo") instead. What it shows is then the verdicts of the one grading that filled the cache,
/// however busy the machine is now: two renderings of it compare word for word, and no clock
/// decides whether it came from the cache.
fn cached_overview(root: &str, lang: &str, columns: &str) -> String {
    let mut cmd = checker_command();
    if !columns.is_empty() {
        cmd.env("COLUMNS", columns);
    }
    let out = cmd
        .args(["--root", root, "--lang", lang])
        .env("CARGO", "/nonexistent/cargo")
        .env("PATH", "/nonexistent")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_ne!(
        out.status.code(),
        Some(2),
        "the overview graded again instead of using the cache:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

#[test]
fn the_overview_comes_from_the_cache_until_a_file_changes() {
    let dir = tree("reports-overview", &["day1-endian"], &[]).unwrap();
    let root = dir.to_string_lossy().to_string();
    let overview = || {
        let out = checker_command().args(["--root", &root]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let first = overview();
    assert!(
        first.contains("Day 1") && first.contains("day1-endian") && first.contains("█"),
        "{first}"
    );
    // README: "shows where you stand and what to do next": the first exercise not passing (in
    // a tree holding only day1-endian, day 1's other one), its course section and its command.
    let next = first
        .lines()
        .find(|l| l.starts_with("Next: "))
        .unwrap_or("");
    assert!(
        next.starts_with("Next: read course.md#day1-fileio, ")
            && next.contains("and run `cargo run -p checker ")
            && next.ends_with(" day1-fileio`"),
        "{first}"
    );
    // Again, with nothing to grade with: the same overview, from the cache.
    let second = cached_overview(&root, "en", "");
    assert_eq!(first, second);
    // An edit invalidates that exercise's verdict.
    let lib = dir.join("day1-endian/src/lib.rs");
    let original = std::fs::read_to_string(&lib).unwrap();
    std::fs::write(
        &lib,
        original.replace(
            "    if is_little_endian() { swap16(x) } else { x }",
            "    x",
        ),
    )
    .unwrap();
    let third = overview();
    std::fs::write(&lib, original).unwrap();
    assert_ne!(
        first, third,
        "the edit must be graded, not served from the cache"
    );
}

/// `watch` never shows a verdict that is no longer true: reading or touching a source grades
/// nothing; a save is graded; a save made while grading is graded right after (the checker is
/// frozen mid-grading, the file saved, the checker continued: no luck involved); each verdict
/// says which save it belongs to.
#[test]
fn watch_never_shows_a_stale_verdict() {
    use nix::sys::signal::{Signal, kill};
    use nix::unistd::Pid;
    use std::sync::mpsc::Receiver;

    let dir = tree("reports-watch", &["day1-endian"], &[]).unwrap();
    let mut child = checker_command()
        .args([
            "--root",
            dir.to_str().unwrap(),
            "watch",
            "day1-endian/htons",
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let pid = Pid::from_raw(child.id() as i32);
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            let _ = tx.send(line);
        }
    });
    // The lines up to the next "watching", or None after a minute.
    let until_watching = |rx: &Receiver<String>| {
        let until = Instant::now() + Duration::from_secs(60);
        let mut lines = Vec::new();
        while Instant::now() < until {
            if let Ok(line) = rx.recv_timeout(Duration::from_secs(1)) {
                if line.starts_with("watching ") {
                    return Some(lines);
                }
                lines.push(line);
            }
        }
        None
    };
    let has_child = || {
        std::fs::read_dir("/proc").unwrap().flatten().any(|e| {
            std::fs::read_to_string(e.path().join("stat")).is_ok_and(|stat| {
                let after_name = stat.rsplit_once(") ").map(|(_, rest)| rest).unwrap_or("");
                after_name.split(' ').nth(1) == Some(&pid.to_string())
            })
        })
    };
    let lib = dir.join("day1-endian/src/lib.rs");
    let original = std::fs::read_to_string(&lib).unwrap();
    let outcome = (|| -> Result<(), String> {
        let first = until_watching(&rx).ok_or("the first grading never finished")?;
        if !first
            .iter()
            .any(|l| l.starts_with("↑ the files as they were at "))
        {
            return Err(format!(
                "the first verdict does not say its time: {first:?}"
            ));
        }
        // Reading, listing and touching the sources change no content: no grading.
        let _ = std::fs::read_to_string(&lib);
        let _ = std::fs::read_dir(dir.join("day1-endian/src"));
        std::fs::File::options()
            .write(true)
            .open(&lib)
            .and_then(|f| f.set_modified(std::time::SystemTime::now()))
            .map_err(|e| e.to_string())?;
        if let Ok(line) = rx.recv_timeout(Duration::from_millis(2500)) {
            return Err(format!("reading and touching graded again: {line}"));
        }
        // A save is graded; a second one made while that grading runs is graded after it.
        std::fs::write(&lib, format!("{original}\n// save 1\n")).unwrap();
        let until = Instant::now() + Duration::from_secs(60);
        while !has_child() {
            if Instant::now() > until {
                return Err("the save was never graded".into());
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        kill(pid, Signal::SIGSTOP).unwrap();
        std::fs::write(&lib, format!("{original}\n// save 2\n")).unwrap();
        kill(pid, Signal::SIGCONT).unwrap();
        let graded = until_watching(&rx).ok_or("no grading after the save")?;
        let changed = graded
            .iter()
            .position(|l| l.contains("changed while being graded"))
            .ok_or(format!(
                "the save made while grading was forgotten: {graded:?}"
            ))?;
        let after = &graded[changed..];
        let named = after
            .iter()
            .any(|l| l.starts_with("↑ the save of ") && l.ends_with("day1-endian/src/lib.rs"));
        if !graded[changed].contains("day1-endian/src/lib.rs") || !named {
            return Err(format!("the verdicts do not name their save: {graded:?}"));
        }
        Ok(())
    })();
    std::fs::write(&lib, original).unwrap();
    let _ = kill(pid, Signal::SIGCONT);
    let _ = child.kill();
    let _ = child.wait();
    outcome.unwrap();
}

/// The solutions' tests `verify`'s report says failed (`<exercise>/<test>: ...` under a
/// solutions check), each with its track's flag (`--track c` or none); `None` if another check
/// failed or a line under a failed check is not one test's. A starved machine fails no test of
/// the lab's: these are graded again, a grading per track (`judged_on_a_quieter_machine`),
/// where a correct solution's verdict that was only the machine's (left unjudged, or a premise
/// not reached) passes, and a real failure fails again.
fn only_unjudged_solutions(stdout: &str) -> Option<Vec<(Option<&'static str>, String)>> {
    let mut unjudged = Vec::new();
    let mut under: Option<Option<&'static str>> = None;
    for line in stdout.lines() {
        if let Some(check) = line.strip_prefix("✗ ") {
            under = if check.starts_with("every solution passes every test") {
                Some(None)
            } else if check.starts_with("the C track: every C solution passes every test") {
                Some(Some("c"))
            } else {
                return None;
            };
        } else if line.starts_with("✓ ") || line.trim().is_empty() {
            under = None;
        } else if let Some(track) = under {
            // One test's line, indented; anything else (a continuation, "... and N more")
            // might hide a failure.
            let (test, _) = line
                .strip_prefix("    ")
                .filter(|l| !l.starts_with(' '))?
                .split_once(": ")?;
            if !test.contains('/') || test.contains(' ') {
                return None;
            }
            unjudged.push((track, test.to_string()));
        }
    }
    (!unjudged.is_empty()).then_some(unjudged)
}

/// The solutions' tests `verify` left unjudged, graded again by track once the machine is
/// quieter, as every grading of correct programs is (`common::every_test_passes`): each must
/// pass; one the machine still kept from being judged is said not proven, never a pass.
fn judged_on_a_quieter_machine(unjudged: &[(Option<&'static str>, String)]) {
    for track in [None, Some("c")] {
        let tests: Vec<&str> = (unjudged.iter())
            .filter(|(t, _)| *t == track)
            .map(|(_, test)| test.as_str())
            .collect();
        if tests.is_empty() {
            continue;
        }
        let mut args = vec!["--solutions"];
        if let Some(track) = track {
            args.extend(["--track", track]);
        }
        // Two minutes a test, as each had when graded alone: the checker's own regradings of
        // what it could not judge take their share of the same run.
        let limit = Duration::from_secs(120 * tests.len() as u64);
        let grading = common::grading_with(&args, limit);
        common::await_a_quieter_machine(Duration::from_secs(20));
        let first = grading(&tests);
        let graded = first.tests();
        assert!(
            tests
                .iter()
                .all(|test| graded.iter().any(|t| t["name"] == *test)),
            "verify: {tests:?} graded again, not all got a verdict\n{}",
            first.explain()
        );
        let what = format!(
            "verify: the solutions{}",
            track.map_or(String::new(), |t| format!(" (track {t})"))
        );
        common::every_test_passes(&first, &what, &[], grading);
    }
}

#[test]
fn verify_passes_on_the_lab() {
    let out = checker_command().arg("verify").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    // What the machine kept from being judged fails nothing: graded again, the status stands
    // for the rest of the report.
    let regraded = out.status.code() == Some(1)
        && only_unjudged_solutions(&stdout).is_some_and(|unjudged| {
            judged_on_a_quieter_machine(&unjudged);
            true
        });
    // Until the Korean course and README land (issue 18), their check fails, saying so, and
    // it alone may fail.
    let twins = "✗ course.ko.md and README.ko.md are the twins of course.md and README.md";
    let twins_missing =
        !lab_root().join("course.ko.md").exists() || !lab_root().join("README.ko.md").exists();
    if twins_missing {
        assert!(stdout.contains(twins), "{stdout}");
        let failed: Vec<&str> = stdout.lines().filter(|l| l.starts_with('✗')).collect();
        assert_eq!(failed.len(), 1, "{stdout}");
        assert!(stdout.contains(" is missing"), "{stdout}");
    }
    assert_eq!(
        out.status.code(),
        Some(if twins_missing || regraded { 1 } else { 0 }),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("every solution passes every test"),
        "{stdout}"
    );
    // What a new exercise may owe (a translation, a README row's words) the lab as shipped does
    // not: an export would carry it to a class.
    assert!(!stdout.contains("owed"), "{stdout}");
    // course.md and the stubs agree: the checks of issue 14 ran (and passed, by the status).
    for check in [
        "every course.md#anchor a stub cites exists, and every todo!() has a // TODO",
        "course.md's rules table matches each exercise's clippy.toml and [lints]",
        "every stub's hint code (`//>` lines) compiles in its place and keeps the rules",
        // The Korean twins (issue 30): the glossary and the register, and no section left
        // behind its English.
        "course.ko.md's rules table matches them too, with its header in Korean",
        "course.ko.md, README.ko.md, the stubs' Korean and the checker's ko.ftl keep course.ko.md's glossary",
        "every Korean section of the course and README was translated from its English section as it is now",
    ] {
        assert!(stdout.contains(&format!("✓ {check}")), "{check}\n{stdout}");
    }
}

/// The grading workflows run the lab's own grading script from a checkout of the lab beside
/// the submission, never the submission's; checker/tests/redteam.rs and grading_a_class.rs run
/// that same script offline.
#[test]
fn the_workflows_run_the_grading_script_these_tests_run() {
    let grade = std::fs::read_to_string(lab_root().join(".github/workflows/grade.yml")).unwrap();
    assert!(grade.contains("lab/.ci/grade-submission submission results"));
    assert!(grade.contains("path: submission") && grade.contains("path: lab"));
    // README: run by hand or on a pull request, "never on each push, which Classroom 50
    // already grades": the `on:` block's events, the lines indented under it.
    let events: Vec<&str> = grade
        .lines()
        .skip_while(|l| *l != "on:")
        .skip(1)
        .take_while(|l| l.starts_with(' ') || l.is_empty())
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .map(|l| l.trim().trim_end_matches(':'))
        .collect();
    assert_eq!(events, ["pull_request", "workflow_dispatch"], "{grade}");
    let regrade =
        std::fs::read_to_string(lab_root().join(".github/workflows/regrade.yml")).unwrap();
    assert!(regrade.contains("lab/.ci/regrade --roster"));
    assert!(regrade.contains("--before \"$DEADLINE\""));
    assert!(regrade.contains("gradebook ../reports --deadline"));
    // Nothing refers to GitHub Classroom, discontinued in August 2026, as something to use.
    assert!(!lab_root().join(".github/workflows/classroom.yml").exists());
    for file in [
        ".github/workflows/grade.yml",
        ".github/workflows/regrade.yml",
        ".ci/grade-submission",
    ] {
        let text = std::fs::read_to_string(lab_root().join(file)).unwrap();
        assert!(!text.contains("GitHub Classroom"), "{file}");
    }
}

/// The overview in an 80-column terminal (PuTTY's default, the notes' classroom), in both
/// languages: no line is wider than the terminal, by display width (a Hangul syllable takes two
/// cells), and the layout only moves line breaks: every word is the one of a wide terminal,
/// whole (issue 24, point 8).
#[test]
fn the_overview_fits_80_columns_in_both_languages() {
    let dir = tree("reports-80-columns", &["day1-endian", "day2-inet"], &[]).unwrap();
    let root = dir.to_string_lossy().to_string();
    // Graded once; every rendering below comes from that grading (`cached_overview`).
    let graded = checker_command().args(["--root", &root]).output().unwrap();
    assert_ne!(graded.status.code(), Some(2), "{graded:?}");
    for lang in ["en", "ko"] {
        let wide = cached_overview(&root, lang, "400");
        let narrow = cached_overview(&root, lang, "80");
        assert!(
            wide.lines()
                .any(|l| unicode_width::UnicodeWidthStr::width(l) > 80),
            "{lang}: nothing to lay out:\n{wide}"
        );
        for line in narrow.lines() {
            let cells = unicode_width::UnicodeWidthStr::width(line);
            assert!(cells <= 80, "{lang}: {cells} cells:\n{line}\n\n{narrow}");
        }
        assert!(
            wide.split_whitespace().eq(narrow.split_whitespace()),
            "{lang}: a word was cut or lost:\n{wide}\n---\n{narrow}"
        );
    }
}

/// A course link a student can follow: the section's heading beside its anchor (what to search
/// the file for), in both languages, and an OSC 8 hyperlink to the course file where the
/// terminal opens links (FORCE_HYPERLINK stands for one here), never in a pipe or a log
/// (issue 24, point 10).
#[test]
fn course_links_name_the_heading_and_are_hyperlinks_where_the_terminal_opens_them() {
    let report = |lang: &str, force: bool| {
        let mut cmd = checker_command();
        cmd.args(["day1-endian/swap32", "--lang", lang]);
        if force {
            // anstream keeps escape sequences (colours, links) only where colours are on.
            cmd.env("FORCE_HYPERLINK", "1")
                .env("CLICOLOR_FORCE", "1")
                .env_remove("NO_COLOR");
        }
        let out = cmd.output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    for (lang, course, line) in [
        (
            "en",
            "course.md",
            "read: course.md#byte-order, \"Byte order\"",
        ),
        (
            "ko",
            "course.ko.md",
            "읽을 곳: course.ko.md#byte-order, \"바이트 순서\"",
        ),
    ] {
        let plain = report(lang, false);
        assert!(plain.contains(line), "{lang}:\n{plain}");
        assert!(
            !plain.contains("\x1b]8;;"),
            "{lang}: a link in a pipe:\n{plain}"
        );
        let linked = report(lang, true);
        let url = format!("file://{}#byte-order", lab_root().join(course).display());
        let link = format!("\x1b]8;;{url}\x1b\\{course}#byte-order\x1b]8;;\x1b\\");
        assert!(
            linked.contains(&link),
            "{lang}: no link to {url}:\n{linked:?}"
        );
    }
}

/// A build that succeeds keeps its unused `Result` warnings (issue 44): the human report shows
/// them under the exercise (a library's, built through the harness, named as in the student's
/// tree), with the one-line fix in Korean, and every test still passes.
#[test]
fn an_unused_result_shows_under_its_exercise_with_the_fix() {
    let dropped = Edit {
        file: "src/lib.rs".into(),
        find: Some("pub fn htons(x: u16) -> u16 {\n".into()),
        replace: Some("pub fn htons(x: u16) -> u16 {\n    \"7\".parse::<u8>();\n".into()),
        source: None,
    };
    let dir = tree(
        "reports-must-use",
        &["day1-endian"],
        &[("day1-endian", dropped)],
    )
    .unwrap();
    let root = dir.to_string_lossy().to_string();
    for (lang, said, fix) in [
        ("en", "⚠ the compiler warns", None),
        (
            "ko",
            "⚠ 컴파일러가 경고한다",
            Some("= 고치는 법: Result를 버려서"),
        ),
    ] {
        let run = run_checker(&["--root", &root, "day1-endian", "--lang", lang], MINUTES);
        assert_eq!(run.code(), Some(0), "{}", run.explain());
        let out = run.stdout();
        assert!(out.contains(said), "{lang}: {out}");
        assert!(
            out.contains("    warning: unused `Result` that must be used"),
            "{lang}: {out}"
        );
        assert!(out.contains("day1-endian/src/lib.rs:"), "{lang}: {out}");
        assert_eq!(fix.is_some_and(|f| out.contains(f)), fix.is_some(), "{out}");
        assert!(!out.contains("고치는 법") || lang == "ko", "{out}");
    }
}

/// What `verify_passes_on_the_lab` grades again: only the solutions' tests left unjudged, each
/// with its track; any other failure is a failure.
#[test]
fn only_the_solutions_unjudged_tests_are_graded_again() {
    let report = "Verifying the lab at /lab\n\
        ✓ every solution passes every test, the rules included (99.5 s)\n\
        ✗ the C track: every C solution passes every test, the rules included (46.7 s)\n    \
        day8-device/jitter: could not be judged: twice, the test could not bring about it\n\
        ✓ the C track: every C stub compiles and fails every test cleanly (10.0 s)\n\
        23 passed, 1 failed\n";
    assert_eq!(
        only_unjudged_solutions(report),
        Some(vec![(Some("c"), "day8-device/jitter".to_string())])
    );
    let continued = report.replace(
        "could not be judged: twice",
        "could not be judged\nday9-x/y: expected 3 lines",
    );
    assert_eq!(only_unjudged_solutions(&continued), None);
    let more = report.replace("bring about it\n", "bring about it\n    ... and 3 more\n");
    assert_eq!(only_unjudged_solutions(&more), None);
    let other = report.replace("the C track: every C solution", "every stub compiles");
    assert_eq!(only_unjudged_solutions(&other), None);
}
