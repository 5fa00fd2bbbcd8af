//! `checker gradebook <reports...>`: many students' JSON reports (files, or folders of
//! downloaded CI artifacts searched for them) in one CSV table, one row per student, sorted:
//! the points of each exercise, the total, and what graded it — the sandbox (a grade from plain
//! mode, where the student's programs ran beside the checker, is marked as not contained), the
//! lab's revision, the commit graded and its date, the checker's version. The `flags` column
//! names what stands out: a lab revision other than the rest's, a modified lab, work committed
//! after the deadline (`--deadline`, else the one the report was graded for), a student graded
//! twice. Ready for a spreadsheet or an LMS import.
//!
//! The CSV is written by hand (RFC 4180 quoting, a few lines): a CSV crate would add to every
//! cold build of the lab for one command instructors run now and then.

use crate::base::files::files_below;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use serde_json::Value;

use crate::base::date;

/// One student's row.
struct Row {
    student: String,
    /// exercise -> (points, max points)
    points: BTreeMap<String, (u64, u64)>,
    total: (u64, u64),
    sandbox: String,
    contained: bool,
    lab_revision: Option<String>,
    lab_modified: bool,
    commit: Option<String>,
    commit_date: Option<String>,
    checker: Option<String>,
    deadline: Option<String>,
    /// Nothing was graded (`.ci/regrade`: no commit before the deadline, no clone).
    no_submission: bool,
    flags: Vec<&'static str>,
    source: PathBuf,
}

pub fn run(paths: &[PathBuf], output: Option<&Path>, deadline: Option<&str>) -> Result<ExitCode> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            json_files(path, &mut files);
        } else {
            files.push(path.clone());
        }
    }
    let mut rows = Vec::new();
    for file in &files {
        let text =
            std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
        let Ok(report) = serde_json::from_str::<Value>(&text) else {
            continue; // not JSON: some other artifact
        };
        if let Some(row) = row_of(&report, file) {
            rows.push(row);
        }
    }
    anyhow::ensure!(
        !rows.is_empty(),
        "no checker report among {} (a report is what `--format json` or `--report json=FILE` writes)",
        paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    rows.sort_by(|a, b| a.student.cmp(&b.student).then(a.source.cmp(&b.source)));
    flag(&mut rows, deadline);
    let text = table(&rows);
    match output {
        Some(path) => {
            std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?
        }
        None => {
            let _ = std::io::stdout().write_all(text.as_bytes());
        }
    }
    let flagged: Vec<String> = rows
        .iter()
        .filter(|r| !r.flags.is_empty())
        .map(|r| format!("{} ({})", r.student, r.flags.join(" ")))
        .collect();
    if !flagged.is_empty() {
        eprintln!(
            "gradebook: {} of {} rows flagged: {}",
            flagged.len(),
            rows.len(),
            flagged.join(", ")
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// What stands out in each row, against the others and the deadline.
fn flag(rows: &mut [Row], deadline: Option<&str>) {
    // The lab revision most rows were graded with (the first such, in row order).
    let mut counts: Vec<(&Option<String>, usize)> = Vec::new();
    for r in rows.iter().filter(|r| !r.no_submission) {
        match counts.iter_mut().find(|(rev, _)| *rev == &r.lab_revision) {
            Some(c) => c.1 += 1,
            None => counts.push((&r.lab_revision, 1)),
        }
    }
    let usual = counts
        .iter()
        .fold(
            None,
            |best: Option<(&Option<String>, usize)>, c| match best {
                Some(b) if b.1 >= c.1 => Some(b),
                _ => Some(*c),
            },
        )
        .and_then(|(rev, _)| rev.clone());
    let mut seen: Vec<String> = Vec::new();
    for r in rows.iter_mut() {
        if r.no_submission {
            r.flags.push("no-submission");
            continue;
        }
        if r.lab_revision.is_none() {
            r.flags.push("lab-revision-unknown");
        } else if r.lab_revision != usual {
            r.flags.push("other-lab-revision");
        }
        if r.lab_modified {
            r.flags.push("lab-modified");
        }
        let due = deadline
            .or(r.deadline.as_deref())
            .and_then(date::parse_rfc3339);
        let committed = r.commit_date.as_deref().and_then(date::parse_rfc3339);
        match (due, committed) {
            (Some(due), Some(at)) if at > due => r.flags.push("after-deadline"),
            (Some(_), None) => r.flags.push("commit-date-unknown"),
            _ => {}
        }
        if seen.contains(&r.student) {
            r.flags.push("graded-twice");
        }
        seen.push(r.student.clone());
    }
}

/// Every `.json` file below `dir`.
fn json_files(dir: &Path, into: &mut Vec<PathBuf>) {
    into.extend(
        files_below(dir)
            .into_iter()
            .filter(|f| f.rel.extension().is_some_and(|e| e == "json"))
            .map(|f| f.path),
    );
}

/// The row of one report, or `None` if the JSON is not a checker report.
fn row_of(report: &Value, file: &Path) -> Option<Row> {
    let exercises = report.get("exercises")?.as_array()?;
    report.get("totals")?;
    let points = exercises
        .iter()
        .filter_map(|e| {
            Some((
                e["name"].as_str()?.to_string(),
                (e["points"].as_u64()?, e["max_points"].as_u64()?),
            ))
        })
        .collect();
    let totals = &report["totals"];
    let provenance = &report["provenance"];
    let text = |v: &Value| v.as_str().map(str::to_string);
    Some(Row {
        student: student_of(report, file),
        points,
        total: (
            totals["points"].as_u64().unwrap_or(0),
            totals["max_points"].as_u64().unwrap_or(0),
        ),
        sandbox: report["sandbox"]["mode"]
            .as_str()
            .unwrap_or("unknown")
            .to_string(),
        contained: report["sandbox"]["contained"].as_bool().unwrap_or(false),
        lab_revision: text(&provenance["lab_revision"]),
        lab_modified: provenance["lab_modified"].as_bool().unwrap_or(false),
        commit: text(&provenance["commit"]),
        commit_date: text(&provenance["commit_date"]),
        checker: text(&provenance["checker_version"]),
        deadline: text(&provenance["deadline"]),
        no_submission: !report["no_submission"].is_null(),
        flags: Vec::new(),
        source: file.to_path_buf(),
    })
}

/// The report's `student` (from `--student`), else the name of its folder when the file has a
/// generic name (an artifact downloaded per student: `alice/results.json`), else its name.
fn student_of(report: &Value, file: &Path) -> String {
    if let Some(name) = report["student"].as_str().filter(|s| !s.is_empty()) {
        return name.to_string();
    }
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let generic = ["results", "report", "grade", "checker"]
        .iter()
        .any(|g| stem.starts_with(g));
    match file.parent().and_then(Path::file_name) {
        Some(folder) if generic => folder.to_string_lossy().into_owned(),
        _ => stem,
    }
}

/// The table: a header, then one line per row. Exercise columns in course order (the order of
/// the lab's catalogue, then any other name a report holds).
fn table(rows: &[Row]) -> String {
    let mut names: Vec<String> = crate::exercises::ALL
        .iter()
        .map(|e| e.name.to_string())
        .filter(|n| rows.iter().any(|r| r.points.contains_key(n)))
        .collect();
    for r in rows {
        for name in r.points.keys() {
            if !names.contains(name) {
                names.push(name.clone());
            }
        }
    }
    let max_of = |name: &str| {
        rows.iter()
            .filter_map(|r| r.points.get(name).map(|p| p.1))
            .max()
            .unwrap_or(0)
    };
    let mut header = vec!["student".to_string()];
    header.extend(names.iter().map(|n| format!("{n} (/{})", max_of(n))));
    header.extend(
        [
            "total",
            "max",
            "sandbox",
            "contained",
            "lab_revision",
            "commit",
            "commit_date",
            "checker",
            "flags",
            "report",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    let mut out = csv_line(&header);
    for r in rows {
        let mut line = vec![r.student.clone()];
        line.extend(
            names
                .iter()
                .map(|n| r.points.get(n).map(|p| p.0.to_string()).unwrap_or_default()),
        );
        line.push(r.total.0.to_string());
        line.push(r.total.1.to_string());
        line.push(r.sandbox.clone());
        line.push(if r.contained { "yes" } else { "no" }.to_string());
        for field in [&r.lab_revision, &r.commit, &r.commit_date, &r.checker] {
            line.push(field.clone().unwrap_or_default());
        }
        line.push(r.flags.join(" "));
        line.push(r.source.display().to_string());
        out.push_str(&csv_line(&line));
    }
    out
}

/// One CSV record (RFC 4180): fields with a comma, a quote or a line break are quoted, and
/// their quotes doubled.
fn csv_line(fields: &[String]) -> String {
    let quoted: Vec<String> = fields
        .iter()
        .map(|f| {
            if f.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f.clone()
            }
        })
        .collect();
    quoted.join(",") + "\r\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        let line = csv_line(&["plain".into(), "a,b".into(), "say \"hi\"".into()]);
        assert_eq!(line, "plain,\"a,b\",\"say \"\"hi\"\"\"\r\n");
    }

    fn report(student: &str, lab: &str, committed: &str) -> Row {
        let report = serde_json::json!({
            "student": student, "exercises": [], "totals": {"points": 0, "max_points": 0},
            "provenance": {"lab_revision": lab, "commit": "c0ffee", "commit_date": committed},
        });
        row_of(&report, Path::new("results.json")).unwrap()
    }

    #[test]
    fn a_grade_that_stands_out_is_flagged() {
        let on_time = "2026-10-31T14:00:00Z";
        let mut rows = vec![
            report("kim", "aaa", on_time),
            report("lee", "aaa", "2026-10-31T15:00:01Z"),
            report("park", "bbb", on_time),
            report("kim", "aaa", on_time),
        ];
        flag(&mut rows, Some("2026-10-31T23:59:00+09:00"));
        let flags: Vec<String> = rows.iter().map(|r| r.flags.join(" ")).collect();
        assert_eq!(
            flags,
            ["", "after-deadline", "other-lab-revision", "graded-twice"]
        );
        // Without a deadline, nothing is late.
        let mut rows = vec![report("lee", "aaa", "2030-01-01T00:00:00Z")];
        flag(&mut rows, None);
        assert!(rows[0].flags.is_empty());
    }

    #[test]
    fn the_student_is_named_by_the_report_or_its_folder() {
        let report = serde_json::json!({"student": "kim"});
        assert_eq!(student_of(&report, Path::new("x/results.json")), "kim");
        let report = serde_json::json!({});
        assert_eq!(student_of(&report, Path::new("lee/results.json")), "lee");
        assert_eq!(student_of(&report, Path::new("dl/park.json")), "park");
    }
}
