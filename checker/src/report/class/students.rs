//! The page's students: a table in three orders (by name, lowest score first, flagged first:
//! each a copy shown when its link is followed, by CSS's `:target`, so sorting needs neither a
//! server nor a script), each row linking to the student's own section: score, flags, why there
//! is no grade, each failure with what the report said, what is not started.

use std::fmt::Write as _;

use super::html::text;
use super::words::{Lab, percent, student_anchor};
use super::{Class, Exercise, Student, Verdict};
use crate::base::i18n::msg;
use crate::grade::outcome::ExerciseStatus;

/// A failure's message on the page: its first line, cut (the student's report has it whole).
const MESSAGE_CHARS: usize = 120;
/// The failures of a student whose message the page shows.
const MESSAGES: usize = 12;

pub fn section(out: &mut String, class: &Class, lab: &Lab) {
    let _ = write!(
        out,
        "<section id=\"students\">\n<h2>{}</h2>\n<p class=\"intro\">{}</p>\n<p class=\"sort\">{}",
        lab.say(msg!("class-students-title")),
        lab.say(msg!("class-students-intro")),
        lab.say(msg!("class-sort"))
    );
    let orders = [
        ("by-score", msg!("class-sort-score")),
        ("by-flags", msg!("class-sort-flags")),
        ("by-name", msg!("class-sort-name")),
    ];
    for (id, words) in &orders {
        let _ = write!(out, "<a href=\"#{id}\">{}</a> ", lab.say(words.clone()));
    }
    out.push_str("</p>\n");
    let mut by_score: Vec<usize> = (0..class.students.len()).collect();
    by_score.sort_by(|&a, &b| {
        let key = |i: usize| class.students[i].percent().unwrap_or(0.0);
        key(a).total_cmp(&key(b))
    });
    let mut by_flags: Vec<usize> = (0..class.students.len()).collect();
    by_flags.sort_by_key(|&i| std::cmp::Reverse(class.students[i].flags.len()));
    let by_name: Vec<usize> = (0..class.students.len()).collect();
    // By name last: shown unless another order is the target (`.order:target ~ #by-name`).
    for (id, order) in [
        ("by-score", by_score),
        ("by-flags", by_flags),
        ("by-name", by_name),
    ] {
        table(out, class, id, &order, lab);
    }
    for (i, s) in class.students.iter().enumerate() {
        student(out, i, s, lab);
    }
    out.push_str("</section>\n");
}

fn table(out: &mut String, class: &Class, id: &str, order: &[usize], lab: &Lab) {
    let _ = writeln!(
        out,
        "<div class=\"order\" id=\"{id}\"><table class=\"students\"><thead><tr><th>{}</th><th>{}</th>\
         <th class=\"n\">{}</th><th class=\"n\">%</th><th class=\"n\">{}</th><th class=\"n\">{}</th>\
         <th class=\"n\">{}</th><th class=\"n\">{}</th><th>{}</th></tr></thead><tbody>",
        lab.say(msg!("class-col-student")),
        lab.say(msg!("class-col-track")),
        lab.say(msg!("class-col-points")),
        lab.say(msg!("class-col-passed")),
        lab.say(msg!("class-col-failed")),
        lab.say(msg!("class-col-not-started")),
        lab.say(msg!("class-col-unjudged")),
        lab.say(msg!("class-col-flags")),
    );
    for &i in order {
        let s = &class.students[i];
        let flags: Vec<String> = s
            .flags
            .iter()
            .map(|f| format!("<span class=\"flag\">{}</span>", f.name()))
            .collect();
        let c = s.counts;
        let _ = writeln!(
            out,
            "<tr data-student=\"{}\"><td><a href=\"#{}\">{}</a></td><td>{}</td><td class=\"n s-points\">{}/{}</td>\
             <td class=\"n s-percent\">{}</td><td class=\"n s-passed\">{}</td><td class=\"n s-failed\">{}</td>\
             <td class=\"n s-not-started\">{}</td><td class=\"n s-unjudged\">{}</td><td>{}</td></tr>",
            student_anchor(i),
            student_anchor(i),
            text(&s.name),
            lab.track(s),
            s.points,
            s.max_points,
            percent(s.percent()),
            c.passed,
            c.failed,
            c.not_started,
            c.unjudged,
            flags.join(" ")
        );
    }
    out.push_str("</tbody></table></div>\n");
}

/// A student's own section.
fn student(out: &mut String, i: usize, s: &Student, lab: &Lab) {
    let _ = write!(
        out,
        "<div class=\"student\" id=\"{}\"><h3>{}</h3>\n<p>{} · {}",
        student_anchor(i),
        text(&s.name),
        lab.track(s),
        lab.say(msg!(
            "class-student-score",
            points = s.points,
            max = s.max_points,
            percent = percent(s.percent())
        ))
    );
    for f in &s.flags {
        let _ = write!(out, " <span class=\"flag\">{}</span>", f.name());
    }
    out.push_str("</p>\n");
    if let Some(no) = &s.no_grade {
        let _ = writeln!(
            out,
            "<p class=\"no-grade\">{} <span class=\"msg\">{}</span></p>",
            lab.say(msg!("class-student-no-grade")),
            text(&no.why)
        );
    }
    let not_started: Vec<String> = s
        .exercises
        .iter()
        .filter(|e| e.status == Some(ExerciseStatus::NotStarted))
        .map(|e| format!("<code>{}</code>", text(&e.name)))
        .collect();
    let failing: Vec<&Exercise> = s
        .exercises
        .iter()
        .filter(|e| e.status != Some(ExerciseStatus::NotStarted))
        .filter(|e| {
            e.tests.iter().any(|t| {
                matches!(
                    t.verdict,
                    Verdict::Failed | Verdict::Unjudged | Verdict::NotStarted
                )
            })
        })
        .collect();
    if s.no_grade.is_none() && failing.is_empty() && not_started.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", lab.say(msg!("class-student-all-passing")));
    }
    if !failing.is_empty() {
        out.push_str("<ul class=\"failures\">\n");
        // What each failure said, for a student's first failures only: the page stays small
        // for a class that fails much, and the student's report has every message.
        let mut said = MESSAGES;
        for e in failing {
            exercise(out, e, &mut said, lab);
        }
        out.push_str("</ul>\n");
    }
    if !not_started.is_empty() {
        let _ = writeln!(
            out,
            "<p>{} {}</p>",
            lab.say(msg!("class-student-not-started")),
            not_started.join(", ")
        );
    }
    let _ = writeln!(
        out,
        "<p><a href=\"#students\">{}</a></p></div>",
        lab.say(msg!("class-back"))
    );
}

/// An exercise the student started and does not pass whole: its score, each test failed with
/// its cause and, while `said` lasts, the first line of what the student read, then the tests
/// not started or not judged by id (the student's own report has every message whole).
fn exercise(out: &mut String, e: &Exercise, said: &mut usize, lab: &Lab) {
    let _ = write!(
        out,
        "<li><b>{}</b> {}/{}",
        text(&e.name),
        e.points,
        e.max_points
    );
    if let Some(message) = &e.message {
        let _ = write!(out, "<div class=\"msg\">{}</div>", text(&cut(message)));
    }
    out.push_str("<ul>");
    for t in e.tests.iter().filter(|t| t.verdict == Verdict::Failed) {
        let cause = t.diagnosis.as_ref().or(t.kind.as_ref());
        // A failure is a `fail` unless said otherwise (`does-not-compile`).
        let status = if t.status == "fail" {
            String::new()
        } else {
            format!(" {}", text(&t.status))
        };
        let _ = write!(
            out,
            "<li><code>{}</code>{status}{}",
            text(&t.id),
            cause.map(|c| format!(" · {}", text(c))).unwrap_or_default()
        );
        if let Some(message) = t.message.as_ref().filter(|_| *said > 0) {
            let _ = write!(out, "<br><q>{}</q>", text(&cut(message)));
            *said -= 1;
        }
        out.push_str("</li>");
    }
    for (verdict, words) in [
        (Verdict::NotStarted, msg!("class-col-not-started")),
        (Verdict::Unjudged, msg!("class-col-unjudged")),
    ] {
        let ids: Vec<String> = e
            .tests
            .iter()
            .filter(|t| t.verdict == verdict)
            .map(|t| text(&t.id).into_owned())
            .collect();
        if !ids.is_empty() {
            let _ = write!(out, "<li>{}: {}</li>", lab.say(words), ids.join(", "));
        }
    }
    out.push_str("</ul></li>\n");
}

/// A message's first line, at most `MESSAGE_CHARS` characters, with `…` where it was cut.
fn cut(message: &str) -> String {
    let first = message.lines().next().unwrap_or_default();
    let mut shown: String = first.chars().take(MESSAGE_CHARS).collect();
    if shown.len() < message.trim_end().len() {
        shown.push('…');
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_message_is_cut_and_says_so() {
        assert_eq!(cut("one line"), "one line");
        assert_eq!(cut("a\nb"), "a…");
        assert_eq!(cut(&"x".repeat(300)).chars().count(), MESSAGE_CHARS + 1);
    }
}
