//! What graded what, recorded in every machine report so that any grade can be traced back and
//! reproduced: the lab's revision (the hidden tests), the checker's version, the sandbox that
//! ran the programs, and the student's work graded — its commit and that commit's date, and a
//! hash of the sources themselves for work that is not in git (a Gradescope upload).

use serde_json::{Value, json};

use crate::base::date;

#[derive(Clone, Debug, Default)]
pub struct Provenance {
    /// The commit of the lab the checker was built from; `None` outside git.
    pub lab_revision: Option<String>,
    /// The lab's tracked files differ from that commit: the grade cannot be reproduced from it.
    pub lab_modified: bool,
    pub checker_version: String,
    /// The student's commit graded, and its committer date (seconds since the epoch).
    pub commit: Option<String>,
    pub commit_time: Option<i64>,
    /// FNV-1a of every Rust source graded, by path: the same work gives the same hash.
    pub sources: String,
    /// `sandbox::containment()`: the mode, and whether programs were contained.
    pub sandbox: (&'static str, bool),
    /// The deadline this grade was for (`--deadline`), as given.
    pub deadline: Option<String>,
    pub graded_at: i64,
}

impl Provenance {
    pub fn commit_date(&self) -> Option<String> {
        self.commit_time.map(date::rfc3339)
    }

    /// `1a2b3c4d`: a revision as people read it.
    pub fn short(revision: Option<&str>) -> String {
        revision.map_or("unknown".into(), |r| r.chars().take(8).collect())
    }

    /// The record as the JSON report's `provenance` (and Gradescope's `extra_data`, and each
    /// Classroom 50 test's `graded-by`).
    pub fn to_json(&self) -> Value {
        json!({
            "lab_revision": self.lab_revision,
            "lab_modified": self.lab_modified,
            "checker_version": self.checker_version,
            "commit": self.commit,
            "commit_date": self.commit_date(),
            "sources": self.sources,
            "sandbox": {"mode": self.sandbox.0, "contained": self.sandbox.1},
            "deadline": self.deadline,
            "graded_at": date::rfc3339(self.graded_at),
        })
    }

    /// One line for a human: `lab 1a2b3c4d · checker 0.1.0 · sandbox namespaces · commit ...`.
    pub fn line(&self) -> String {
        let mut line = format!(
            "lab {}{} · checker {} · sandbox {}{}",
            Provenance::short(self.lab_revision.as_deref()),
            if self.lab_modified { " (modified)" } else { "" },
            self.checker_version,
            self.sandbox.0,
            if self.sandbox.1 {
                ""
            } else {
                " (not contained)"
            },
        );
        match (&self.commit, self.commit_date()) {
            (Some(c), Some(d)) => {
                line.push_str(&format!(" · commit {} of {d}", Self::short(Some(c))))
            }
            _ => line.push_str(&format!(" · sources {}", self.sources)),
        }
        line
    }
}
