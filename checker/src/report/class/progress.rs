//! The page's progress by day: per exercise, how many students have not started, started, or
//! pass every test, and how their scores spread; then the whole lab's scores. A student who has
//! not started stands apart from a score of 0 (and one with no grade apart from both).

use std::fmt::Write as _;

use super::figures::{Figures, Progress};
use super::html::{Labels, bar, histogram, text};
use super::words::Lab;
use crate::base::i18n::msg;

pub fn section(out: &mut String, figures: &Figures, lab: &Lab) {
    let _ = write!(
        out,
        "<section id=\"progress\">\n<h2>{}</h2>\n<p class=\"intro\">{}</p>\n",
        lab.say(msg!("class-progress-title")),
        lab.say(msg!("class-progress-intro"))
    );
    let not_started = lab.tr.render(&msg!("class-col-not-started"));
    let no_grade = lab.tr.render(&msg!("class-no-grade"));
    let axis = lab.tr.render(&msg!("class-histogram-axis"));
    let labels = Labels {
        not_started: &not_started,
        no_grade: &no_grade,
        axis: &axis,
    };
    let _ = writeln!(
        out,
        "<h3>{}</h3>\n<figure>{}</figure>",
        lab.say(msg!("class-histogram-overall")),
        histogram(&figures.overall, &labels, 28, "hist-overall")
    );
    let _ = writeln!(
        out,
        "<p class=\"legend\"><span style=\"background:var(--ns)\"></span>{}\
         <span style=\"background:#ef6c00\"></span>{}<span style=\"background:var(--pass)\"></span>{}</p>",
        lab.say(msg!("class-col-not-started")),
        lab.say(msg!("class-started")),
        lab.say(msg!("class-passing")),
    );
    let mut days: Vec<u8> = figures.exercises.iter().map(|e| e.day).collect();
    days.dedup();
    for day in days {
        let _ = write!(
            out,
            "<h3>{}</h3>\n<table class=\"progress\"><thead><tr><th>{}</th><th></th><th class=\"n\">{}</th>\
             <th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead><tbody>\n",
            lab.say(msg!("class-day", day = day)),
            lab.say(msg!("class-col-exercise")),
            lab.say(msg!("class-col-not-started")),
            lab.say(msg!("class-started")),
            lab.say(msg!("class-passing")),
        );
        let theirs: Vec<&Progress> = figures.exercises.iter().filter(|e| e.day == day).collect();
        for e in &theirs {
            let picture = bar(
                &[
                    (e.not_started, "notstarted"),
                    (e.started, "started"),
                    (e.passing, "pass"),
                ],
                160,
                &format!("{} / {} / {}", e.not_started, e.started, e.passing),
            );
            let _ = writeln!(
                out,
                "<tr data-exercise=\"{}\"><td>{} <code>{}</code></td><td>{picture}</td>\
                 <td class=\"n p-not-started\">{}</td><td class=\"n p-started\">{}</td><td class=\"n p-passing\">{}</td></tr>",
                super::html::attr(&e.name),
                lab.exercise_title(&e.name),
                text(&e.name),
                e.not_started,
                e.started,
                e.passing
            );
        }
        out.push_str("</tbody></table>\n<div class=\"days\">");
        for e in &theirs {
            let _ = write!(
                out,
                "<figure><figcaption><code>{}</code></figcaption>{}</figure>",
                text(&e.name),
                histogram(&e.histogram, &labels, 14, &format!("hist-{}", e.name))
            );
        }
        out.push_str("</div>\n");
    }
    out.push_str("</section>\n");
}
