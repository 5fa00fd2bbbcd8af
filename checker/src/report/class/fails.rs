//! The page's first two sections: what the class fails (every test, the most points lost by
//! students who tried first) and why (under each failing test, the causes the checker saw, how
//! often, what it told the students, the course section, and who: what to teach again).

use std::fmt::Write as _;

use super::Class;
use super::figures::{Cause, CauseTally, Figures, TestTally};
use super::html::{attr, bar, text};
use super::words::{Lab, student_link};
use crate::base::i18n::msg;
use crate::base::workspace::Track;

/// The tests shown before the rest are folded away.
const SHOWN: usize = 25;

/// The anchor of a test's "why".
fn why_anchor(index: usize) -> String {
    format!("w{index}")
}

/// The table of tests.
pub fn what(out: &mut String, class: &Class, figures: &Figures, lab: &Lab) {
    let _ = write!(
        out,
        "<section id=\"fails\">\n<h2>{}</h2>\n<p class=\"intro\">{}</p>\n",
        lab.say(msg!("class-fails-title")),
        lab.say(msg!("class-fails-intro"))
    );
    if class.graded().next().is_none() {
        let _ = writeln!(
            out,
            "<p>{}</p></section>",
            lab.say(msg!("class-nothing-graded"))
        );
        return;
    }
    legend(out, lab);
    let _ = writeln!(
        out,
        "<table id=\"fails-table\"><thead><tr><th>{}</th><th></th><th class=\"n\">{}</th><th class=\"n\">{}</th>\
         <th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead><tbody>",
        lab.say(msg!("class-col-test")),
        lab.say(msg!("class-col-passed")),
        lab.say(msg!("class-col-failed")),
        lab.say(msg!("class-col-not-started")),
        lab.say(msg!("class-col-unjudged")),
        lab.say(msg!("class-col-lost-tried")),
        lab.say(msg!("class-col-lost-not-started")),
    );
    for (i, t) in figures.tests.iter().enumerate() {
        if i == SHOWN && figures.tests.len() > SHOWN {
            // The rest, folded: the table stays a glance.
            let _ = write!(
                out,
                "</tbody></table>\n<details><summary>{}</summary><table><tbody>\n",
                lab.say(msg!("class-fails-more", n = figures.tests.len() - SHOWN))
            );
        }
        let c = t.counts;
        let name = format!("{}/{}", t.exercise, t.id);
        let title = lab.title(&t.exercise, &t.id, t.title.as_deref());
        let named = if c.failed > 0 {
            format!("<a href=\"#{}\">{title}</a>", why_anchor(i))
        } else {
            title
        };
        let picture = bar(
            &[
                (c.passed, "pass"),
                (c.failed, "fail"),
                (c.unjudged, "unjudged"),
                (c.not_started, "notstarted"),
            ],
            120,
            &format!(
                "{} {}, {} {}, {} {}, {} {}",
                c.passed,
                lab.tr.render(&msg!("class-col-passed")),
                c.failed,
                lab.tr.render(&msg!("class-col-failed")),
                c.unjudged,
                lab.tr.render(&msg!("class-col-unjudged")),
                c.not_started,
                lab.tr.render(&msg!("class-col-not-started")),
            ),
        );
        let _ = writeln!(
            out,
            "<tr data-test=\"{}\"><td>{named}<br><code>{}</code></td><td>{picture}</td>\
             <td class=\"n n-pass\">{}</td><td class=\"n n-fail\">{}</td><td class=\"n n-not-started\">{}</td>\
             <td class=\"n n-unjudged\">{}</td><td class=\"n n-lost\">{}</td><td class=\"n n-lost-ns\">{}</td></tr>",
            attr(&name),
            text(&name),
            c.passed,
            c.failed,
            c.not_started,
            c.unjudged,
            t.lost_tried,
            t.lost_not_started
        );
    }
    out.push_str("</tbody></table>\n");
    if figures.tests.len() > SHOWN {
        out.push_str("</details>\n");
    }
    out.push_str("</section>\n");
}

fn legend(out: &mut String, lab: &Lab) {
    let _ = writeln!(
        out,
        "<p class=\"legend\"><span style=\"background:var(--pass)\"></span>{}\
         <span style=\"background:var(--fail)\"></span>{}<span style=\"background:var(--unj)\"></span>{}\
         <span style=\"background:var(--ns)\"></span>{}</p>",
        lab.say(msg!("class-col-passed")),
        lab.say(msg!("class-col-failed")),
        lab.say(msg!("class-col-unjudged")),
        lab.say(msg!("class-col-not-started")),
    );
}

/// Under each test someone failed: its causes. The hint of a diagnosis or a kind of error is
/// the same under every test, so it is said once, at the top, and each test links to it.
pub fn why(out: &mut String, class: &Class, figures: &Figures, lab: &Lab) {
    let _ = write!(
        out,
        "<section id=\"why\" class=\"why\">\n<h2>{}</h2>\n<p class=\"intro\">{}</p>\n",
        lab.say(msg!("class-why-title")),
        lab.say(msg!("class-why-intro"))
    );
    let failing: Vec<(usize, &TestTally)> = figures
        .tests
        .iter()
        .enumerate()
        .filter(|(_, t)| t.counts.failed > 0)
        .collect();
    if failing.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", lab.say(msg!("class-why-none")));
    }
    causes(out, class, &failing, lab);
    for (i, t) in failing {
        let tried = t.counts.passed + t.counts.failed;
        let _ = write!(
            out,
            "<div id=\"{}\" data-test=\"{}\"><h3>{} <code>{}/{}</code></h3>\n<p>{}",
            why_anchor(i),
            attr(&format!("{}/{}", t.exercise, t.id)),
            lab.title(&t.exercise, &t.id, t.title.as_deref()),
            text(&t.exercise),
            text(&t.id),
            lab.say(msg!(
                "class-why-failed",
                failed = t.counts.failed,
                tried = tried,
                lost = t.lost_tried
            ))
        );
        if let Some(link) = lab.course_link(&t.exercise, &t.id) {
            let _ = write!(out, " {} {link}", lab.say(msg!("class-why-read")));
        }
        out.push_str("</p>\n<ul>\n");
        for cause in &t.causes {
            cause_item(out, class, t, cause, lab);
        }
        out.push_str("</ul></div>\n");
    }
    out.push_str("</section>\n");
}

/// The anchor of a cause said once for every test.
fn cause_anchor(cause: &Cause) -> Option<String> {
    match cause {
        Cause::Diagnosis(name) => Some(format!("c-d-{name}")),
        Cause::Kind(name) => Some(format!("c-k-{name}")),
        Cause::DoesNotCompile => Some("c-compile".into()),
        Cause::Refused => Some("c-refused".into()),
        Cause::Wrong => None,
    }
}

fn cause_label(cause: &Cause, lab: &Lab) -> String {
    match cause {
        Cause::Diagnosis(name) => lab.say(msg!("class-cause-diagnosis", name = name.as_str())),
        Cause::Kind(name) => lab.say(msg!("class-cause-kind", name = name.as_str())),
        Cause::DoesNotCompile => lab.say(msg!("class-cause-does-not-compile")),
        Cause::Refused => lab.say(msg!("class-cause-refused")),
        Cause::Wrong => lab.say(msg!("class-cause-wrong")),
    }
}

/// Every cause but a wrong answer, the most frequent first: how often, and what the students of
/// each track were told.
fn causes(out: &mut String, class: &Class, failing: &[(usize, &TestTally)], lab: &Lab) {
    let mut seen: Vec<(&Cause, usize, Vec<usize>)> = Vec::new();
    for (_, t) in failing {
        for c in t.causes.iter().filter(|c| c.cause != Cause::Wrong) {
            match seen.iter_mut().find(|(cause, ..)| **cause == c.cause) {
                Some((_, n, students)) => {
                    *n += c.students.len();
                    students.extend(&c.students);
                }
                None => seen.push((&c.cause, c.students.len(), c.students.clone())),
            }
        }
    }
    if seen.is_empty() {
        return;
    }
    seen.sort_by_key(|(_, n, _)| std::cmp::Reverse(*n));
    let _ = writeln!(
        out,
        "<h3>{}</h3>\n<dl id=\"causes\">",
        lab.say(msg!("class-causes-title"))
    );
    for (cause, n, students) in seen {
        let _ = write!(
            out,
            "<dt id=\"{}\"><b>{}</b>: {}</dt><dd>",
            attr(&cause_anchor(cause).unwrap_or_default()),
            cause_label(cause, lab),
            lab.say(msg!("class-failures-count", n = n))
        );
        hints(out, class, cause, &students, ("", ""), lab);
        out.push_str("</dd>\n");
    }
    out.push_str("</dl>\n");
}

/// The hint as each track present among `students` was told it (once if both were told the
/// same), for a failure of `cause` on test `exercise/id`.
fn hints(
    out: &mut String,
    class: &Class,
    cause: &Cause,
    students: &[usize],
    (exercise, id): (&str, &str),
    lab: &Lab,
) {
    let tracks: Vec<Track> = [Track::Rust, Track::C]
        .into_iter()
        .filter(|track| {
            students
                .iter()
                .any(|&s| class.students[s].track.unwrap_or_default() == *track)
        })
        .collect();
    let said: Vec<(Track, String)> = tracks
        .iter()
        .filter_map(|&track| Some((track, lab.hint(cause, exercise, id, track)?)))
        .collect();
    let same = said.windows(2).all(|w| w[0].1 == w[1].1);
    for (n, (track, hint)) in said.iter().enumerate() {
        if same && n > 0 {
            break;
        }
        let who = match (same, track) {
            (true, _) => lab.say(msg!("class-hint")),
            (false, Track::Rust) => lab.say(msg!("class-hint-on-rust")),
            (false, Track::C) => lab.say(msg!("class-hint-on-c")),
        };
        let _ = write!(out, "<div class=\"hint\">{who} {hint}</div>");
    }
}

/// One cause of a test's failures: what it is (linked to what was said of it), how many, the
/// test's own hint for a wrong answer, and who.
fn cause_item(out: &mut String, class: &Class, t: &TestTally, cause: &CauseTally, lab: &Lab) {
    let label = cause_label(&cause.cause, lab);
    let named = match cause_anchor(&cause.cause) {
        Some(anchor) => format!("<a href=\"#{}\">{label}</a>", attr(&anchor)),
        None => format!("<b>{label}</b>"),
    };
    let _ = write!(
        out,
        "<li data-cause-n=\"{}\">{named}: {}",
        cause.students.len(),
        lab.say(msg!("class-students-count", n = cause.students.len()))
    );
    if cause.cause == Cause::Wrong {
        hints(
            out,
            class,
            &cause.cause,
            &cause.students,
            (&t.exercise, &t.id),
            lab,
        );
    }
    let names: Vec<String> = cause
        .students
        .iter()
        .map(|&s| student_link(class, s))
        .collect();
    let _ = writeln!(
        out,
        "<details><summary>{}</summary>{}</details></li>",
        lab.say(msg!("class-which-students")),
        names.join(", ")
    );
}
