//! What stands out in a student's grade, against the rest of the class and the deadline: the
//! gradebook's `flags` column and the class page's trust section both read these.

use super::{NoGradeCause, Student};
use crate::base::date;
use crate::base::i18n::{Text, msg};

/// One thing that stands out in a grade.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flag {
    /// No commit before the deadline: nothing to grade.
    NoSubmission,
    /// The student's repository could not be cloned: not graded.
    CouldNotClone,
    /// The grading of the student's work failed (the checker did not finish): not graded.
    GradingFailed,
    /// Graded by another lab revision than most students were (graded before a fix, say).
    OtherLabRevision,
    LabRevisionUnknown,
    /// Graded by a lab whose files differ from its commit: not reproducible.
    LabModified,
    /// The commit graded is dated after the deadline.
    AfterDeadline,
    /// A deadline, but no commit to date.
    CommitDateUnknown,
    /// A second report of a student already seen.
    GradedTwice,
}

impl Flag {
    pub const ALL: [Flag; 9] = [
        Flag::NoSubmission,
        Flag::CouldNotClone,
        Flag::GradingFailed,
        Flag::OtherLabRevision,
        Flag::LabRevisionUnknown,
        Flag::LabModified,
        Flag::AfterDeadline,
        Flag::CommitDateUnknown,
        Flag::GradedTwice,
    ];

    /// The flag as the gradebook's `flags` column spells it.
    pub fn name(self) -> &'static str {
        match self {
            Flag::NoSubmission => "no-submission",
            Flag::CouldNotClone => "could-not-clone",
            Flag::GradingFailed => "grading-failed",
            Flag::OtherLabRevision => "other-lab-revision",
            Flag::LabRevisionUnknown => "lab-revision-unknown",
            Flag::LabModified => "lab-modified",
            Flag::AfterDeadline => "after-deadline",
            Flag::CommitDateUnknown => "commit-date-unknown",
            Flag::GradedTwice => "graded-twice",
        }
    }

    /// What it means, in the reader's words.
    pub fn words(self) -> Text {
        match self {
            Flag::NoSubmission => msg!("class-flag-no-submission"),
            Flag::CouldNotClone => msg!("class-flag-could-not-clone"),
            Flag::GradingFailed => msg!("class-flag-grading-failed"),
            Flag::OtherLabRevision => msg!("class-flag-other-lab-revision"),
            Flag::LabRevisionUnknown => msg!("class-flag-lab-revision-unknown"),
            Flag::LabModified => msg!("class-flag-lab-modified"),
            Flag::AfterDeadline => msg!("class-flag-after-deadline"),
            Flag::CommitDateUnknown => msg!("class-flag-commit-date-unknown"),
            Flag::GradedTwice => msg!("class-flag-graded-twice"),
        }
    }

    /// Whether grading the student again at the deadline, with the class's lab, mends it: not
    /// for work that is not there, nor for a report given twice.
    pub fn regrade_mends(self) -> bool {
        !matches!(self, Flag::NoSubmission | Flag::GradedTwice)
    }
}

/// Flag each student against the others and the deadline (`deadline`, else the one each report
/// was graded for).
pub fn flag(students: &mut [Student], deadline: Option<&str>) {
    let usual = super::most_common(
        students
            .iter()
            .filter(|s| s.no_grade.is_none())
            .map(|s| s.lab_revision.clone()),
    )
    .flatten();
    let mut seen: Vec<String> = Vec::new();
    for s in students.iter_mut() {
        if let Some(no_grade) = &s.no_grade {
            s.flags.push(match no_grade.cause {
                NoGradeCause::NoCommit => Flag::NoSubmission,
                NoGradeCause::NotCloned => Flag::CouldNotClone,
                NoGradeCause::GradingFailed => Flag::GradingFailed,
            });
            continue;
        }
        if s.lab_revision.is_none() {
            s.flags.push(Flag::LabRevisionUnknown);
        } else if s.lab_revision != usual {
            s.flags.push(Flag::OtherLabRevision);
        }
        if s.lab_modified {
            s.flags.push(Flag::LabModified);
        }
        let due = deadline
            .or(s.deadline.as_deref())
            .and_then(date::parse_rfc3339);
        let committed = s.commit_date.as_deref().and_then(date::parse_rfc3339);
        match (due, committed) {
            (Some(due), Some(at)) if at > due => s.flags.push(Flag::AfterDeadline),
            (Some(_), None) => s.flags.push(Flag::CommitDateUnknown),
            _ => {}
        }
        if seen.contains(&s.name) {
            s.flags.push(Flag::GradedTwice);
        }
        seen.push(s.name.clone());
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn student(name: &str, lab: &str, committed: &str) -> Student {
        let report = serde_json::json!({
            "student": name, "exercises": [], "totals": {"points": 0, "max_points": 0},
            "provenance": {"lab_revision": lab, "commit": "c0ffee", "commit_date": committed},
        });
        Student::of(&report, Path::new("results.json")).unwrap()
    }

    #[test]
    fn a_grade_that_stands_out_is_flagged() {
        let on_time = "2026-10-31T14:00:00Z";
        let mut students = vec![
            student("kim", "aaa", on_time),
            student("lee", "aaa", "2026-10-31T15:00:01Z"),
            student("park", "bbb", on_time),
            student("kim", "aaa", on_time),
        ];
        flag(&mut students, Some("2026-10-31T23:59:00+09:00"));
        let flags: Vec<Vec<Flag>> = students.iter().map(|s| s.flags.clone()).collect();
        assert_eq!(
            flags,
            [
                vec![],
                vec![Flag::AfterDeadline],
                vec![Flag::OtherLabRevision],
                vec![Flag::GradedTwice]
            ]
        );
        // Without a deadline, nothing is late.
        let mut students = vec![student("lee", "aaa", "2030-01-01T00:00:00Z")];
        flag(&mut students, None);
        assert!(students[0].flags.is_empty());
    }

    #[test]
    fn a_student_with_no_grade_is_flagged_with_its_cause() {
        let report = |cause: Option<&str>| {
            let mut r = serde_json::json!({
                "student": "choi", "no_submission": "could not clone x", "exercises": [],
                "totals": {"points": 0, "max_points": 0},
            });
            if let Some(cause) = cause {
                r["no_submission_cause"] = cause.into();
            }
            Student::of(&r, Path::new("results.json")).unwrap()
        };
        let mut students = vec![
            report(Some("could-not-clone")),
            report(Some("grading-failed")),
            report(None),
        ];
        flag(&mut students, None);
        let flags: Vec<Vec<Flag>> = students.iter().map(|s| s.flags.clone()).collect();
        assert_eq!(
            flags,
            [
                vec![Flag::CouldNotClone],
                vec![Flag::GradingFailed],
                vec![Flag::NoSubmission]
            ]
        );
        assert!(Flag::CouldNotClone.regrade_mends() && !Flag::NoSubmission.regrade_mends());
    }
}
