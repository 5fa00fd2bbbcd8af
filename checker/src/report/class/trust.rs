//! The page's trust section: what stands out in the grades (the gradebook's flags), who has no
//! grade and why, the tests the machine could not judge, work committed after the deadline, the
//! lab revisions, checkers and sandboxes that graded the class, and the command that grades the
//! affected students again.

use std::fmt::Write as _;

use super::figures::Figures;
use super::html::text;
use super::words::{Lab, student_link};
use super::{Class, Flag, Student};
use crate::base::i18n::{Text, msg};

pub fn section(out: &mut String, class: &Class, figures: &Figures, lab: &Lab) {
    let _ = write!(
        out,
        "<section id=\"trust\">\n<h2>{}</h2>\n<p class=\"intro\">{}</p>\n",
        lab.say(msg!("class-trust-title")),
        lab.say(msg!("class-trust-intro"))
    );
    flags(out, class, lab);
    unjudged(out, class, figures, lab);
    graded_by(out, class, lab);
    regrade(out, class, lab);
    out.push_str("</section>\n");
}

/// Each flag raised, what it means, and whose grade (with why, for a student with no grade, and
/// the commit's date, for work after the deadline).
fn flags(out: &mut String, class: &Class, lab: &Lab) {
    let _ = writeln!(out, "<h3>{}</h3>", lab.say(msg!("class-trust-flags")));
    let raised: Vec<Flag> = Flag::ALL
        .into_iter()
        .filter(|f| class.students.iter().any(|s| s.flags.contains(f)))
        .collect();
    if raised.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", lab.say(msg!("class-trust-none")));
        return;
    }
    out.push_str("<table id=\"flags\"><tbody>\n");
    for flag in raised {
        let whose: Vec<String> = class
            .students
            .iter()
            .enumerate()
            .filter(|(_, s)| s.flags.contains(&flag))
            .map(|(i, s)| {
                let detail = match (&s.no_grade, flag) {
                    (Some(no), _) => format!(" ({})", text(&no.why)),
                    (None, Flag::AfterDeadline) => {
                        format!(" ({})", text(s.commit_date.as_deref().unwrap_or_default()))
                    }
                    _ => String::new(),
                };
                format!("{}{detail}", student_link(class, i))
            })
            .collect();
        let _ = writeln!(
            out,
            "<tr data-flag=\"{}\"><td><span class=\"flag\">{}</span></td><td class=\"n\">{}</td><td>{}<br>{}</td></tr>",
            flag.name(),
            flag.name(),
            whose.len(),
            lab.say(flag.words()),
            whose.join(", ")
        );
    }
    out.push_str("</tbody></table>\n");
}

/// The tests the machine kept from being judged: worth nothing either way, judged by a regrade.
fn unjudged(out: &mut String, class: &Class, figures: &Figures, lab: &Lab) {
    let _ = writeln!(out, "<h3>{}</h3>", lab.say(msg!("class-trust-unjudged")));
    let tests: Vec<_> = figures
        .tests
        .iter()
        .filter(|t| !t.unjudged.is_empty())
        .collect();
    if tests.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", lab.say(msg!("class-trust-unjudged-none")));
        return;
    }
    let runs: usize = tests.iter().map(|t| t.unjudged.len()).sum();
    let _ = writeln!(
        out,
        "<p class=\"intro\">{}</p><details{}><summary>{}</summary><ul id=\"unjudged\">",
        lab.say(msg!("class-trust-unjudged-intro")),
        if runs <= 10 { " open" } else { "" },
        lab.say(msg!(
            "class-trust-unjudged-count",
            runs = runs,
            tests = tests.len()
        ))
    );
    for t in tests {
        let whose: Vec<String> = t.unjudged.iter().map(|&s| student_link(class, s)).collect();
        let _ = writeln!(
            out,
            "<li><code>{}/{}</code>: {}</li>",
            text(&t.exercise),
            text(&t.id),
            whose.join(", ")
        );
    }
    out.push_str("</ul></details>\n");
}

/// What of a student's grade a row of "what graded the class" counts.
type Describe = fn(&Student) -> Option<String>;

/// Which lab revisions, checkers and sandboxes graded how many students.
fn graded_by(out: &mut String, class: &Class, lab: &Lab) {
    let _ = writeln!(
        out,
        "<h3>{}</h3>\n<table id=\"graded-by\"><tbody>",
        lab.say(msg!("class-trust-graded-by"))
    );
    let unknown = lab.tr.render(&msg!("class-unknown"));
    let rows: [(Text, Describe); 3] = [
        (msg!("class-trust-revision"), |s| {
            s.lab_revision.as_ref().map(|r| {
                let short: String = r.chars().take(10).collect();
                if s.lab_modified {
                    format!("{short}+")
                } else {
                    short
                }
            })
        }),
        (msg!("class-trust-checker"), |s| s.checker.clone()),
        (msg!("class-trust-sandbox"), |s| {
            Some(format!(
                "{}{}",
                s.sandbox,
                if s.contained { "" } else { " ✗" }
            ))
        }),
    ];
    for (label, value) in rows {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for s in class.graded() {
            let v = value(s).unwrap_or_else(|| unknown.clone());
            match counts.iter_mut().find(|(seen, _)| *seen == v) {
                Some(c) => c.1 += 1,
                None => counts.push((v, 1)),
            }
        }
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        let listed: Vec<String> = counts
            .iter()
            .map(|(v, n)| format!("<code>{}</code> × {n}", text(v)))
            .collect();
        let _ = writeln!(
            out,
            "<tr><th>{}</th><td>{}</td></tr>",
            lab.say(label),
            listed.join(" · ")
        );
    }
    out.push_str("</tbody></table>\n");
    let _ = writeln!(
        out,
        "<p class=\"muted\">{}</p>",
        lab.say(msg!("class-trust-graded-by-note"))
    );
}

/// The students a regrade would mend (a flag it mends, or a test not judged), and the commands.
fn regrade(out: &mut String, class: &Class, lab: &Lab) {
    let _ = writeln!(out, "<h3>{}</h3>", lab.say(msg!("class-trust-regrade")));
    let mut names: Vec<&str> = class
        .students
        .iter()
        .filter(|s| s.flags.iter().any(|f| f.regrade_mends()) || s.counts.unjudged > 0)
        .map(|s| s.name.as_str())
        .collect();
    names.dedup();
    if names.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", lab.say(msg!("class-trust-regrade-none")));
        return;
    }
    let deadline = class.deadline.as_deref().unwrap_or("DEADLINE");
    let command = format!(
        "lab/.ci/regrade --roster roster.txt --before {} --out reports --only {}\n\
         cargo run -p checker -- gradebook reports --deadline {} --output gradebook.csv --html class.html",
        shell_word(deadline),
        shell_word(&names.join(",")),
        shell_word(deadline),
    );
    let _ = writeln!(
        out,
        "<p>{}</p>\n<pre id=\"regrade\">{}</pre>",
        lab.say(msg!("class-trust-regrade-intro", n = names.len())),
        text(&command)
    );
}

/// `word` as one word of a POSIX shell: as it is when it is plain, else in single quotes (a
/// student's name is theirs to choose).
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.,:+/@".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_reaches_the_shell_as_one_word() {
        assert_eq!(shell_word("kim,lee"), "kim,lee");
        assert_eq!(
            shell_word("2026-10-31T23:59:00+09:00"),
            "2026-10-31T23:59:00+09:00"
        );
        assert_eq!(shell_word("a b"), "'a b'");
        assert_eq!(shell_word("$(rm -rf ~)"), "'$(rm -rf ~)'");
        assert_eq!(shell_word("it's"), "'it'\\''s'");
    }
}
