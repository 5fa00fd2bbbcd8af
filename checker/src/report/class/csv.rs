//! The gradebook as CSV: one row per student, sorted — track, the points of each exercise,
//! total, maximum and percentage, the tests passed, failed, not started and not judged (a
//! student who has not started is no student who failed), what graded it, the flags, why a
//! student has no grade — then one row for the class: the means of the graded students and the
//! sums of their tests. Ready for a spreadsheet or an LMS import (drop the last row there).
//!
//! Written by hand (RFC 4180 quoting, a few lines): a CSV crate would add to every cold build
//! of the lab for one command instructors run now and then.

use super::{Class, Student};

/// The table: a header, a line per student, the class's line.
pub fn table(class: &Class) -> String {
    let mut header = vec!["student".to_string(), "track".to_string()];
    header.extend(
        class
            .exercises
            .iter()
            .map(|c| format!("{} (/{})", c.name, c.max_points)),
    );
    header.extend(
        [
            "total",
            "max",
            "percent",
            "passed",
            "failed",
            "not_started",
            "unjudged",
            "sandbox",
            "contained",
            "lab_revision",
            "commit",
            "commit_date",
            "checker",
            "flags",
            "no_grade_because",
            "report",
        ]
        .map(String::from),
    );
    let mut out = line(&header);
    for s in &class.students {
        out.push_str(&line(&row(class, s)));
    }
    out.push_str(&line(&summary(class)));
    out
}

fn row(class: &Class, s: &Student) -> Vec<String> {
    let mut line = vec![s.name.clone(), track(s).to_string()];
    line.extend(class.exercises.iter().map(|c| {
        s.exercises
            .iter()
            .find(|e| e.name == c.name)
            .map(|e| e.points.to_string())
            .unwrap_or_default()
    }));
    line.push(s.points.to_string());
    line.push(s.max_points.to_string());
    line.push(s.percent().map(|p| format!("{p:.1}")).unwrap_or_default());
    let c = s.counts;
    for n in [c.passed, c.failed, c.not_started, c.unjudged] {
        line.push(n.to_string());
    }
    line.push(s.sandbox.clone());
    line.push(if s.contained { "yes" } else { "no" }.to_string());
    for field in [&s.lab_revision, &s.commit, &s.commit_date, &s.checker] {
        line.push(field.clone().unwrap_or_default());
    }
    let flags: Vec<&str> = s.flags.iter().map(|f| f.name()).collect();
    line.push(flags.join(" "));
    line.push(
        s.no_grade
            .as_ref()
            .map(|n| n.why.clone())
            .unwrap_or_default(),
    );
    line.push(s.source.display().to_string());
    line
}

/// `rust` or `c`; empty where the report does not say.
pub fn track(s: &Student) -> &'static str {
    s.track.map(|t| t.flag()).unwrap_or_default()
}

/// The class's row: means over the graded students (each exercise's over those graded in it),
/// sums of their tests, how many of each track, how many flagged.
fn summary(class: &Class) -> Vec<String> {
    let graded: Vec<&Student> = class.graded().collect();
    let mean = |values: &[f64]| {
        if values.is_empty() {
            String::new()
        } else {
            format!("{:.1}", values.iter().sum::<f64>() / values.len() as f64)
        }
    };
    let mut line = vec![format!(
        "(class: {} students; {} graded)",
        class.students.len(),
        graded.len()
    )];
    let tracks: Vec<String> = [
        crate::base::workspace::Track::Rust,
        crate::base::workspace::Track::C,
    ]
    .iter()
    .map(|t| (t, graded.iter().filter(|s| s.track == Some(*t)).count()))
    .filter(|(_, n)| *n > 0)
    .map(|(t, n)| format!("{} {n}", t.flag()))
    .collect();
    line.push(tracks.join(" "));
    line.extend(class.exercises.iter().map(|c| {
        let points: Vec<f64> = graded
            .iter()
            .filter_map(|s| s.exercises.iter().find(|e| e.name == c.name))
            .map(|e| e.points as f64)
            .collect();
        mean(&points)
    }));
    let totals: Vec<f64> = graded.iter().map(|s| s.points as f64).collect();
    line.push(mean(&totals));
    line.push(
        super::most_common(graded.iter().map(|s| s.max_points))
            .map(|m| m.to_string())
            .unwrap_or_default(),
    );
    let percents: Vec<f64> = graded.iter().filter_map(|s| s.percent()).collect();
    line.push(mean(&percents));
    let sum = |f: fn(&Student) -> u64| graded.iter().map(|s| f(s)).sum::<u64>().to_string();
    line.push(sum(|s| s.counts.passed));
    line.push(sum(|s| s.counts.failed));
    line.push(sum(|s| s.counts.not_started));
    line.push(sum(|s| s.counts.unjudged));
    line.extend(["", "", "", "", "", ""].map(String::from));
    let flagged = class
        .students
        .iter()
        .filter(|s| !s.flags.is_empty())
        .count();
    line.push(format!("{flagged} flagged"));
    let no_grade = class.students.len() - graded.len();
    line.push(format!("{no_grade} with no grade"));
    line.push(String::new());
    line
}

/// One CSV record (RFC 4180): fields with a comma, a quote or a line break are quoted, and
/// their quotes doubled.
pub fn line(fields: &[String]) -> String {
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
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        let line = line(&["plain".into(), "a,b".into(), "say \"hi\"".into()]);
        assert_eq!(line, "plain,\"a,b\",\"say \"\"hi\"\"\"\r\n");
    }

    fn report(student: &str, track: &str, points: u64, max: u64) -> Student {
        let doc = serde_json::json!({
            "student": student, "track": track,
            "exercises": [{"name": "day1-endian", "day": 1, "status": "fail", "points": points, "max_points": max, "tests": []}],
            "totals": {"points": points, "max_points": max, "passed": 1, "failed": 2, "not_started": 3, "unjudged": 0},
            "provenance": {"lab_revision": "aaa"},
        });
        Student::of(&doc, &PathBuf::from(format!("{student}.json"))).unwrap()
    }

    #[test]
    fn each_row_has_its_track_and_percentage_and_the_class_a_row_of_its_own() {
        let gone = serde_json::json!({
            "student": "choi", "no_submission": "could not clone x: not found",
            "no_submission_cause": "could-not-clone", "exercises": [],
            "totals": {"points": 0, "max_points": 0},
        });
        let class = Class::of(
            vec![
                report("kim", "rust", 7, 14),
                report("lee", "c", 14, 14),
                Student::of(&gone, &PathBuf::from("choi.json")).unwrap(),
            ],
            None,
            &[],
        );
        let csv = table(&class);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines[0],
            "student,track,day1-endian (/14),total,max,percent,passed,failed,not_started,unjudged,\
             sandbox,contained,lab_revision,commit,commit_date,checker,flags,no_grade_because,report"
        );
        assert!(lines[1].starts_with("choi,,,0,14,0.0,0,0,0,0,"), "{csv}");
        assert!(
            lines[1].contains(",could-not-clone,could not clone x: not found,"),
            "{csv}"
        );
        assert!(
            lines[2].starts_with("kim,rust,7,7,14,50.0,1,2,3,0,"),
            "{csv}"
        );
        assert!(lines[3].starts_with("lee,c,14,14,14,100.0,"), "{csv}");
        assert!(
            lines[4]
                .starts_with("(class: 3 students; 2 graded),rust 1 c 1,10.5,10.5,14,75.0,2,4,6,0,"),
            "{csv}"
        );
        assert!(lines[4].ends_with(",1 flagged,1 with no grade,"), "{csv}");
    }
}
