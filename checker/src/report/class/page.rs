//! The class at a glance: one self-contained HTML page from the class's reports, in the reader's
//! language — what the class fails (`fails`), why, how far it got (`progress`), what to trust
//! (`trust`), and each student (`students`). Inline CSS and SVG, no script at all (the page's
//! Content-Security-Policy forbids any, so even a string that escaped its escaping could not
//! run), nothing loaded from anywhere: it reads the same from a file, offline, in any browser.

use std::fmt::Write as _;

use super::figures::Figures;
use super::words::{Lab, percent};
use super::{Class, Student};
use crate::base::i18n::{Messages, msg};
use crate::base::workspace::Track;
use crate::lab::exercise::Exercise;

/// The page, in the words of the lab's `catalogue` (its tests' titles, hints and sections).
pub fn page(class: &Class, catalogue: &[&'static Exercise], tr: &Messages) -> String {
    let figures = Figures::of(class);
    let lab = Lab::new(tr, catalogue);
    let mut out = String::with_capacity(64 * 1024 + 4 * 1024 * class.students.len());
    head(&mut out, class, &lab);
    key_figures(&mut out, class, &figures, &lab);
    super::fails::what(&mut out, class, &figures, &lab);
    super::fails::why(&mut out, class, &figures, &lab);
    super::progress::section(&mut out, &figures, &lab);
    super::trust::section(&mut out, class, &figures, &lab);
    super::students::section(&mut out, class, &lab);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

const STYLE: &str = "
:root{--pass:#2e7d32;--fail:#c62828;--ns:#9e9e9e;--unj:#f9a825;--ink:#1f2328;--dim:#59636e;--line:#d0d7de}
*{box-sizing:border-box}
body{word-break:keep-all;overflow-wrap:break-word;font:15px/1.45 system-ui,-apple-system,'Segoe UI','Noto Sans KR','Malgun Gothic',sans-serif;color:var(--ink);margin:0;background:#fff}
header,main{max-width:1100px;margin:0 auto;padding:0 16px}
header{padding-top:12px}
h1{font-size:1.6em;margin:.3em 0}
h2{font-size:1.3em;border-bottom:2px solid var(--line);padding-bottom:4px;margin-top:1.6em}
h3{font-size:1.05em;margin:1.1em 0 .3em}
nav a{margin-right:1em}
.muted,.intro{color:var(--dim)}
.kpi{display:flex;flex-wrap:wrap;gap:8px;margin:10px 0}
.kpi div{border:1px solid var(--line);border-radius:6px;padding:6px 12px;min-width:110px}
.kpi b{display:block;font-size:1.4em}
table{border-collapse:collapse;width:100%;margin:6px 0}
th,td{border-bottom:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f6f8fa;font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
table td:first-child{min-width:16em}
code{font-size:.92em;background:#f6f8fa;padding:0 3px;border-radius:3px}
pre{background:#f6f8fa;padding:8px;overflow-x:auto;white-space:pre-wrap}
svg text{font-size:10px;fill:var(--ink);text-anchor:middle}
svg text.axis{text-anchor:end;fill:var(--dim)}
.pass{fill:var(--pass)}.fail{fill:var(--fail)}.notstarted{fill:var(--ns)}.unjudged{fill:var(--unj)}
.started{fill:#ef6c00}.score{fill:#1565c0}.full{fill:var(--pass)}.nograde{fill:#6a1b9a}
.legend span{display:inline-block;width:10px;height:10px;margin:0 4px 0 12px;vertical-align:middle}
.why li{margin:.4em 0}
.hint{margin:.2em 0 .2em 1em;color:var(--dim)}
.days{display:flex;flex-wrap:wrap;gap:10px 24px}
.days figure{margin:0}
.days figcaption{font-size:.9em}
table.progress{table-layout:fixed}
table.progress th:first-child{width:55%}
table.progress th:nth-child(2){width:180px}
.sort a{margin-left:.8em}
.order{display:none}
.order:target{display:block}
#by-name{display:block}
.order:target~#by-name{display:none}
.student{border-top:1px solid var(--line);margin-top:10px}
.flag{display:inline-block;background:#fff3cd;border:1px solid #e0c36a;border-radius:3px;padding:0 4px;margin:1px;font-size:.85em}
.msg,.student q{white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:.85em;color:var(--dim)}
.student q{quotes:none}
";

/// The document's head and the page's header: title, deadline, the sections.
fn head(out: &mut String, class: &Class, lab: &Lab) {
    let lang = match lab.tr.lang() {
        crate::base::i18n::Lang::En => "en",
        crate::base::i18n::Lang::Ko => "ko",
    };
    let title = lab.say(msg!("class-page-title"));
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} · {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>{title}</h1>\n",
        lab.say(msg!("class-students-count", n = class.students.len()))
    );
    if let Some(deadline) = &class.deadline {
        let _ = writeln!(
            out,
            "<p class=\"muted\">{}</p>",
            lab.say(msg!("class-deadline", deadline = deadline.as_str()))
        );
    }
    let _ = write!(out, "<nav>");
    for (id, title) in [
        ("fails", msg!("class-fails-title")),
        ("why", msg!("class-why-title")),
        ("progress", msg!("class-progress-title")),
        ("trust", msg!("class-trust-title")),
        ("students", msg!("class-students-title")),
    ] {
        let _ = write!(out, "<a href=\"#{id}\">{}</a>", lab.say(title));
    }
    out.push_str("</nav>\n</header>\n<main>\n");
}

/// The class in six numbers.
fn key_figures(out: &mut String, class: &Class, figures: &Figures, lab: &Lab) {
    let graded: Vec<&Student> = class.graded().collect();
    let percents: Vec<f64> = graded.iter().filter_map(|s| s.percent()).collect();
    let mean = (!percents.is_empty()).then(|| percents.iter().sum::<f64>() / percents.len() as f64);
    let on = |t: Track| graded.iter().filter(|s| s.track == Some(t)).count();
    let passing = graded
        .iter()
        .filter(|s| s.max_points > 0 && s.points == s.max_points)
        .count();
    let flagged = class
        .students
        .iter()
        .filter(|s| !s.flags.is_empty())
        .count();
    let items = [
        (
            "k-students",
            class.students.len().to_string(),
            msg!("class-kpi-students"),
        ),
        (
            "k-graded",
            graded.len().to_string(),
            msg!("class-kpi-graded"),
        ),
        (
            "k-mean",
            format!("{}%", percent(mean.map(|m| (m * 10.0).round() / 10.0))),
            msg!("class-kpi-mean"),
        ),
        (
            "k-rust",
            on(Track::Rust).to_string(),
            msg!("class-kpi-rust"),
        ),
        ("k-c", on(Track::C).to_string(), msg!("class-kpi-c")),
        ("k-full", passing.to_string(), msg!("class-kpi-full")),
        (
            "k-not-started",
            figures.overall.not_started.to_string(),
            msg!("class-kpi-not-started"),
        ),
        ("k-flagged", flagged.to_string(), msg!("class-kpi-flagged")),
    ];
    out.push_str("<div class=\"kpi\">");
    for (id, value, label) in items {
        let _ = write!(
            out,
            "<div id=\"{id}\"><b>{value}</b>{}</div>",
            lab.say(label)
        );
    }
    out.push_str("</div>\n");
}
