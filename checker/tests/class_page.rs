//! Issue 61: the class page (`checker gradebook --html`), opened in a real browser: Debian's
//! Chromium, headless (`.ci/run` installs it from `.ci/packages.txt`; a machine without it fails
//! here, it is never skipped). A made-up class — both tracks, a student with every kind of
//! verdict, one who has not started, one whose repository could not be cloned, one committed
//! late, and a student whose name and failure note are markup meant to run — is written as JSON
//! reports in the schema grading writes (over the lab's real tests, from `checker list`), the
//! page is made in English and in Korean, and the browser's DOM must show the figures the
//! reports give (counted here, apart from the checker), hold nothing a student wrote as markup,
//! and keep its title (the planted scripts would change it). A control page, the same with the
//! hostile strings planted raw and no Content-Security-Policy, must fail those checks: they can
//! fail. Screenshots are left in the test's scratch folder for a person to look at.

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use regex::Regex;
use serde_json::{Value, json};

const DEADLINE: &str = "2026-10-31T23:59:00+09:00";
const HOSTILE_NAME: &str = "<script>document.title='pwned'</script>";
const HOSTILE_NOTE: &str = "\"><img src=x onerror=\"document.title='pwned'\">";
const HOSTILE_WHY: &str = "could not clone <b onmouseover=\"document.title='pwned'\">x</b>";

/// The lab's exercises of a track: name -> (day, [(test id, points)]).
type Lab = BTreeMap<String, (u64, Vec<(String, u64)>)>;

/// The lab's tests of `track`, from `checker list`.
fn catalog(track: &str) -> Lab {
    let out = common::checker_command()
        .args(["list", "--format", "json", "--track", track])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    doc.as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let tests = e["tests"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| {
                    (
                        t["id"].as_str().unwrap().to_string(),
                        t["points"].as_u64().unwrap(),
                    )
                })
                .collect();
            (
                e["name"].as_str().unwrap().to_string(),
                (e["day"].as_u64().unwrap(), tests),
            )
        })
        .collect()
}

/// How one test of a made-up student ends.
#[derive(Clone, Copy, PartialEq)]
enum End {
    Pass,
    /// Failed, with a diagnosis, a kind of error, or neither (a wrong answer).
    Fail(Option<&'static str>, Option<&'static str>),
    NotStarted,
    Unjudged,
}

/// One made-up student: their track, the exercises graded, and how each test ends (every test
/// not named passes; an exercise in `not_started` has every test not started).
struct Student {
    name: &'static str,
    track: &'static str,
    exercises: &'static [&'static str],
    not_started: &'static [&'static str],
    ends: Vec<(&'static str, &'static str, End)>,
    note: Option<&'static str>,
    commit_date: &'static str,
}

impl Student {
    fn end(&self, exercise: &str, test: &str) -> End {
        if self.not_started.contains(&exercise) {
            return End::NotStarted;
        }
        self.ends
            .iter()
            .find(|(e, t, _)| *e == exercise && *t == test)
            .map_or(End::Pass, |(_, _, end)| *end)
    }
}

fn class() -> Vec<Student> {
    vec![
        Student {
            name: "kim",
            track: "rust",
            exercises: &["day1-endian", "day2-echo", "day6-async"],
            not_started: &["day6-async"],
            ends: vec![
                (
                    "day2-echo",
                    "stalled-reader",
                    End::Fail(Some("stuck"), Some("timeout")),
                ),
                (
                    "day2-echo",
                    "round-trip",
                    End::Fail(None, Some("early-eof")),
                ),
                ("day2-echo", "throughput", End::Unjudged),
            ],
            note: None,
            commit_date: "2026-10-31T10:00:00Z",
        },
        Student {
            name: "lee",
            track: "c",
            exercises: &["day1-endian", "day2-echo"],
            not_started: &[],
            ends: vec![
                ("day1-endian", "swap32", End::Fail(None, None)),
                (
                    "day2-echo",
                    "stalled-reader",
                    End::Fail(Some("stuck"), Some("timeout")),
                ),
            ],
            note: None,
            commit_date: "2026-10-31T10:00:00Z",
        },
        Student {
            name: HOSTILE_NAME,
            track: "rust",
            exercises: &["day1-endian", "day2-echo", "day6-async"],
            not_started: &["day2-echo", "day6-async"],
            ends: vec![("day1-endian", "swap32", End::Fail(None, None))],
            note: Some(HOSTILE_NOTE),
            // Committed after the deadline: flagged.
            commit_date: "2026-11-01T10:00:00Z",
        },
        Student {
            name: "park",
            track: "rust",
            exercises: &["day1-endian", "day2-echo", "day6-async"],
            not_started: &["day1-endian", "day2-echo", "day6-async"],
            ends: vec![],
            note: None,
            commit_date: "2026-10-31T10:00:00Z",
        },
    ]
}

/// A student's JSON report, in the schema of report/json.rs; and their points and maximum.
fn report(s: &Student, lab: &Lab) -> (Value, u64, u64) {
    let (mut points, mut max) = (0, 0);
    let mut counts: BTreeMap<&str, u64> = BTreeMap::new();
    let mut exercises = Vec::new();
    for name in s.exercises {
        let (day, tests) = &lab[*name];
        let mut shown = Vec::new();
        let (mut e_points, mut e_max) = (0, 0);
        for (id, worth) in tests {
            let end = s.end(name, id);
            let (status, earned, possible) = match end {
                End::Pass => ("pass", *worth, *worth),
                End::Fail(..) => ("fail", 0, *worth),
                End::NotStarted => ("not-started", 0, *worth),
                End::Unjudged => ("error", 0, 0),
            };
            *counts
                .entry(match end {
                    End::Pass => "passed",
                    End::Fail(..) => "failed",
                    End::NotStarted => "not_started",
                    End::Unjudged => "unjudged",
                })
                .or_default() += 1;
            let (diagnosis, kind) = match end {
                End::Fail(d, k) => (d, k),
                _ => (None, None),
            };
            let message = match end {
                End::Fail(..) => Some(s.note.unwrap_or("expected 01 02 03 04, got 04 03 02 01")),
                _ => None,
            };
            shown.push(json!({
                "name": format!("{name}/{id}"), "id": id, "title": id, "status": status,
                "judged": end != End::Unjudged, "message": message, "output": message,
                "diagnosis": diagnosis, "kind": kind, "points": earned, "max_points": possible,
                "duration": 0.1, "section": "byte-order",
            }));
            e_points += earned;
            e_max += possible;
        }
        let status = if s.not_started.contains(name) {
            "not-started"
        } else if shown.iter().all(|t| t["status"] == "pass") {
            "pass"
        } else {
            "fail"
        };
        exercises.push(json!({
            "name": name, "day": day, "status": status, "message": null, "points": e_points,
            "max_points": e_max, "rules_void_points": false, "tests": shown,
        }));
        points += e_points;
        max += e_max;
    }
    let count = |k: &str| counts.get(k).copied().unwrap_or(0);
    let doc = json!({
        "version": 3, "status": "fail", "student": s.name, "track": s.track,
        "sandbox": {"mode": "namespaces", "contained": true},
        "exercises": exercises,
        "totals": {"passed": count("passed"), "failed": count("failed"),
                   "not_started": count("not_started"), "unjudged": count("unjudged"),
                   "points": points, "max_points": max},
        "provenance": {"lab_revision": "0123456789abcdef", "lab_modified": false,
                       "checker_version": "0.1.0", "commit": "c0ffee",
                       "commit_date": s.commit_date, "deadline": DEADLINE},
    });
    (doc, points, max)
}

/// The made-up class's reports in `dir`, one folder a student as the regrade leaves them; the
/// figures each student's row must show: name -> (points, max).
fn write_class(dir: &Path) -> BTreeMap<String, (u64, u64)> {
    let lab = [("rust", catalog("rust")), ("c", catalog("c"))];
    let mut totals = BTreeMap::new();
    for (i, s) in class().iter().enumerate() {
        let track = &lab.iter().find(|(t, _)| *t == s.track).unwrap().1;
        let (doc, points, max) = report(s, track);
        let folder = dir.join(format!("student-{i}"));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("results.json"), doc.to_string()).unwrap();
        totals.insert(s.name.to_string(), (points, max));
    }
    // A student the regrade could not clone: why is a string git wrote, the student's URL in it.
    let folder = dir.join("choi");
    std::fs::create_dir_all(&folder).unwrap();
    let gone = json!({
        "version": 3, "student": "choi", "no_submission": HOSTILE_WHY,
        "no_submission_cause": "could-not-clone", "exercises": [],
        "totals": {"points": 0, "max_points": 0}, "sandbox": {"mode": "none", "contained": false},
        "provenance": {"deadline": DEADLINE},
    });
    std::fs::write(folder.join("results.json"), gone.to_string()).unwrap();
    totals
}

/// Per test of the made-up class: passed, failed, not started, not judged, points lost by those
/// who tried, points lost by those who had not started. Counted here, from the class itself.
fn expected_tests() -> BTreeMap<String, [u64; 6]> {
    let labs = [("rust", catalog("rust")), ("c", catalog("c"))];
    let mut tally: BTreeMap<String, [u64; 6]> = BTreeMap::new();
    for s in class() {
        let lab = &labs.iter().find(|(t, _)| *t == s.track).unwrap().1;
        for name in s.exercises {
            for (id, worth) in &lab[*name].1 {
                let t = tally.entry(format!("{name}/{id}")).or_default();
                match s.end(name, id) {
                    End::Pass => t[0] += 1,
                    End::Fail(..) => {
                        t[1] += 1;
                        t[4] += worth;
                    }
                    End::NotStarted => {
                        t[2] += 1;
                        t[5] += worth;
                    }
                    End::Unjudged => t[3] += 1,
                }
            }
        }
    }
    tally
}

/// Debian's Chromium: `CHROMIUM`, else `chromium` on the PATH.
fn chromium() -> PathBuf {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return path.into();
    }
    let found = Command::new("sh")
        .args(["-c", "command -v chromium"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    match found {
        Some(path) if !path.is_empty() => path.into(),
        _ => panic!(
            "chromium is missing: install Debian's chromium (`bash .ci/install-packages`, which \
             .ci/run runs, does; the grading runners skip it with --grading)"
        ),
    }
}

/// Chromium, headless and offline, with a fresh profile, on `page` with `what` (`--dump-dom`,
/// `--screenshot=...`): its stdout. In a process group of its own, stopped whole if it outlives
/// two minutes (a busy machine starts a browser slowly; a hung one never ends); tried twice
/// before the test fails, with what it said.
fn browse(page: &Path, what: &[&str]) -> String {
    let mut said = String::new();
    for _ in 0..2 {
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(chromium())
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .args(what)
            .arg(format!("file://{}", page.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .process_group(0)
            .spawn()
            .expect("chromium starts");
        let (mut out, mut err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
        let reader = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = out.read_to_string(&mut text);
            text
        });
        let errors = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = err.read_to_string(&mut text);
            text
        });
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break Some(status);
            }
            if started.elapsed() > Duration::from_secs(120) {
                break None;
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        // Whatever it left behind (its zygote, its renderers) goes with it.
        // SAFETY: killpg only sends a signal to the group this test made.
        unsafe { libc::killpg(child.id() as libc::pid_t, libc::SIGKILL) };
        let _ = child.wait();
        let (text, errors) = (reader.join().unwrap(), errors.join().unwrap());
        match status {
            Some(s) if s.success() => return text,
            Some(s) => said = format!("chromium ended with {s}:\n{errors}"),
            None => said = format!("chromium did not end within 2 minutes:\n{errors}"),
        }
    }
    panic!("{said}");
}

/// What is wrong with a page's DOM as the browser built it: a title other than `title` (a
/// planted script changed it), an element a student's string would have made, an attribute
/// that runs code.
fn planted(dom: &str, title: &str) -> Vec<String> {
    let mut found = Vec::new();
    let seen = Regex::new(r"(?s)<title>(.*?)</title>").unwrap();
    match seen.captures(dom) {
        Some(c) if c[1].starts_with(title) => {}
        other => found.push(format!("title {:?}", other.map(|c| c[1].to_string()))),
    }
    for tag in ["<script", "<img", "<b "] {
        if dom.to_lowercase().contains(tag) {
            found.push(format!("a {tag}> element"));
        }
    }
    let handler = Regex::new(r"<[^>]*\son\w+=").unwrap();
    if let Some(m) = handler.find(dom) {
        found.push(format!("an event handler: {}", m.as_str()));
    }
    found
}

/// The text of the first element matching `class` in `html`, as a number.
fn cell(html: &str, class: &str) -> Option<String> {
    let re = Regex::new(&format!(r#"<td class="n {class}">([^<]*)</td>"#)).unwrap();
    re.captures(html).map(|c| c[1].to_string())
}

/// The DOM's figures of every test are those counted here, the most points lost first.
fn tests_shown(dom: &str, lang: &str, expected: &BTreeMap<String, [u64; 6]>) {
    let rows = Regex::new(r#"(?s)<tr data-test="([^"]+)">(.*?)</tr>"#).unwrap();
    let mut shown: BTreeMap<String, [u64; 6]> = BTreeMap::new();
    for row in rows.captures_iter(dom) {
        let figures = [
            "n-pass",
            "n-fail",
            "n-not-started",
            "n-unjudged",
            "n-lost",
            "n-lost-ns",
        ]
        .map(|class| {
            cell(&row[2], class)
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("{lang}: no {class} in {}", &row[0]))
        });
        shown.insert(row[1].to_string(), figures);
    }
    assert_eq!(&shown, expected, "{lang}");
    // Sorted by the points lost by those who tried: the first row lost the most.
    let first = rows.captures(dom).unwrap()[1].to_string();
    let most = expected.values().map(|t| t[4]).max().unwrap();
    assert_eq!(expected[&first][4], most, "{lang}: {first} first");
}

/// Every student's row shows their points, maximum and percentage, in each of the table's
/// three orders.
fn students_shown(dom: &str, lang: &str, totals: &BTreeMap<String, (u64, u64)>) {
    let names =
        Regex::new(r##"<tr data-student="(s\d+)"><td><a href="#s\d+">([^<]*)</a>"##).unwrap();
    let rows = Regex::new(r#"(?s)<tr data-student="(s\d+)">(.*?)</tr>"#).unwrap();
    let row_of: BTreeMap<String, String> = rows
        .captures_iter(dom)
        .map(|c| (c[1].to_string(), c[2].to_string()))
        .collect();
    let mut seen = 0;
    for c in names.captures_iter(dom) {
        let name = c[2]
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        let row = &row_of[&c[1]];
        if name == "choi" {
            // No grade: 0 of the class's usual maximum (the Rust track's whole, here).
            let rust_max = totals["park"].1;
            assert_eq!(
                cell(row, "s-points").unwrap(),
                format!("0/{rust_max}"),
                "{lang}"
            );
        } else {
            let (points, max) = totals[&name];
            assert_eq!(
                cell(row, "s-points").unwrap(),
                format!("{points}/{max}"),
                "{lang}: {name}"
            );
            let percent = format!(
                "{:.1}",
                (points as f64 * 1000.0 / max as f64).round() / 10.0
            );
            assert_eq!(cell(row, "s-percent").unwrap(), percent, "{lang}: {name}");
        }
        seen += 1;
    }
    assert_eq!(
        seen,
        3 * 5,
        "{lang}: five students, in each of the table's three orders"
    );
}

#[test]
fn the_class_page_shows_the_reports_figures_and_runs_nothing_a_student_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    let totals = write_class(&reports);
    let expected = expected_tests();
    let regrade = Regex::new(r#"(?s)<pre id="regrade">(.*?)</pre>"#).unwrap();
    let shots = common::scratch().join("class-page");
    std::fs::create_dir_all(&shots).unwrap();
    for (lang, title, heading) in [
        ("en", "The class at a glance", "What the class fails"),
        ("ko", "반 전체를 한눈에", "반이 무엇을 틀리는가"),
    ] {
        let page = dir.path().join(format!("class-{lang}.html"));
        let out = common::checker_command()
            .arg("gradebook")
            .arg(&reports)
            .args(["--deadline", DEADLINE, "--lang", lang, "--html"])
            .arg(&page)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let dom = browse(&page, &["--dump-dom"]);
        assert!(dom.contains(&format!("<html lang=\"{lang}\">")), "{dom}");
        assert!(dom.contains(&format!("<h2>{heading}</h2>")), "{lang}");
        assert_eq!(planted(&dom, title), Vec::<String>::new(), "{lang}:\n{dom}");
        // What students wrote is there, as text.
        for text in [HOSTILE_NAME, HOSTILE_NOTE, HOSTILE_WHY] {
            let shown = text
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            assert!(dom.contains(&shown), "{lang}: {text} is not shown as text");
        }

        tests_shown(&dom, lang, &expected);
        students_shown(&dom, lang, &totals);
        // The C student's maximum is the C track's: smaller, no day6-async.
        assert!(totals["lee"].1 < totals["kim"].1);
        for (id, n) in [
            ("k-students", "5"),
            ("k-graded", "4"),
            ("k-rust", "3"),
            ("k-c", "1"),
        ] {
            assert!(
                dom.contains(&format!("<div id=\"{id}\"><b>{n}</b>")),
                "{lang}: {id}"
            );
        }
        // The whole lab's histogram: park has not started, choi has no grade.
        for (label, n) in [("no grade", 1), ("not started", 1)] {
            if lang == "en" {
                assert!(
                    dom.contains(&format!("data-label=\"{label}\" data-n=\"{n}\"")),
                    "{label}"
                );
            }
        }
        // The students a regrade mends: the one not cloned and the one committed late, not the
        // one who has not started.
        let command = regrade.captures(&dom).expect("a regrade command")[1].to_string();
        assert!(command.contains("--only '"), "{command}");
        assert!(command.contains("choi") && command.contains("kim") && !command.contains("park"));

        let shot = shots.join(format!("class-page-{lang}.png"));
        let _ = std::fs::remove_file(&shot);
        browse(
            &page,
            &[
                "--window-size=1280,1600",
                &format!("--screenshot={}", shot.display()),
            ],
        );
        let png = std::fs::read(&shot).unwrap_or_default();
        assert!(
            png.starts_with(b"\x89PNG") && png.len() > 20_000,
            "{lang}: no screenshot at {}",
            shot.display()
        );
        eprintln!(
            "the class page in {lang}, as Chromium shows it: {}",
            shot.display()
        );
    }

    // The control: the same page with the hostile strings planted raw and no CSP must be caught.
    let page = std::fs::read_to_string(dir.path().join("class-en.html")).unwrap();
    let escaped = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let raw = page
        .replace(
            "<meta http-equiv=\"Content-Security-Policy\"",
            "<meta name=\"x\"",
        )
        .replacen(&escaped(HOSTILE_NAME), HOSTILE_NAME, 1)
        .replacen(&escaped(HOSTILE_NOTE), HOSTILE_NOTE, 1);
    assert_ne!(raw, page);
    let control = dir.path().join("control.html");
    std::fs::write(&control, raw).unwrap();
    let dom = browse(&control, &["--dump-dom"]);
    let caught = planted(&dom, "The class at a glance");
    assert!(
        caught.iter().any(|c| c.starts_with("title")) && caught.len() >= 2,
        "a planted script ran unnoticed: {caught:?}"
    );
}
