//! The checks of `checker verify` that keep course.md and the stubs telling the same story:
//! every `course.md#anchor` a stub cites exists; every `todo!()` of a stub has a `// TODO`
//! beside it; course.md's rules table says what each exercise's `clippy.toml` and `[lints]`
//! say. (That every line of hint code compiles is `hints`'.)

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Context, Result};

use crate::base::files::rust_files;
use crate::base::i18n::Lang;
use crate::exercises;
use crate::lab::test::tests_of;
use crate::lab::track::ImportKind;

/// The marker that opens hint code in a stub: `//> let fd = socket(...)?;`.
pub const HINT_CODE: &str = "//>";
/// The comments around the generated rules table in course.md.
const TABLE_START: &str =
    "<!-- rules table: checker verify compares it with each exercise's clippy.toml and [lints] -->";
const TABLE_END: &str = "<!-- end of the rules table -->";

/// Every `.rs` file of every stub, by its path relative to the lab, with its text.
fn stub_sources(lab: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for ex in exercises::ALL {
        let src = lab.join("exercises").join(ex.name).join("src");
        for file in rust_files(&src) {
            if let Ok(text) = std::fs::read_to_string(&file.path) {
                let rel = file.rel.display();
                files.push((format!("exercises/{}/src/{rel}", ex.name), text));
            }
        }
    }
    files.sort();
    files
}

/// The anchors a text cites as `course.md#anchor`.
fn cited_anchors(text: &str) -> Vec<String> {
    // Both files have the same anchors: `course.ko.md#x` cites x too.
    text.replace("course.ko.md#", "course.md#")
        .split("course.md#")
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect::<String>()
        })
        .filter(|a| !a.is_empty())
        .collect()
}

/// Every `course.md#anchor` cited in a stub names an anchor of course.md.
pub fn stub_links(lab: &Path, anchors: &BTreeSet<String>) -> Vec<String> {
    let mut problems = Vec::new();
    for (file, text) in stub_sources(lab) {
        for (n, line) in text.lines().enumerate() {
            for anchor in cited_anchors(line) {
                if !anchors.contains(&anchor) {
                    problems.push(format!(
                        "{file}:{}: cites course.md#{anchor}, which does not exist",
                        n + 1
                    ));
                }
            }
        }
    }
    problems
}

/// Whether a line is a comment (of any kind) once its indentation is gone.
fn is_comment(line: &str) -> bool {
    line.trim_start().starts_with("//")
}

/// Whether a line opens a function: `fn name(`, possibly `pub`, `extern "C"`, `unsafe`.
fn opens_function(line: &str) -> bool {
    !is_comment(line) && (line.trim_start().starts_with("fn ") || line.contains(" fn "))
}

/// Every `todo!()` of a stub has a `// TODO` comment before it in the same function.
pub fn todos_have_comments(lab: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for (file, text) in stub_sources(lab) {
        let lines: Vec<&str> = text.lines().collect();
        for (n, line) in lines.iter().enumerate() {
            if is_comment(line) || !line.contains("todo!(") {
                continue;
            }
            let explained = lines[..n]
                .iter()
                .rev()
                .take_while(|l| !opens_function(l))
                .any(|l| l.trim_start().starts_with("// TODO"));
            if !explained {
                problems.push(format!(
                    "{file}:{}: a todo!() with no `// TODO` comment before it in its function",
                    n + 1
                ));
            }
        }
    }
    problems
}

/// What an exercise's rules forbid, read from its `clippy.toml` and its manifest's `[lints]`.
#[derive(Debug, Default)]
struct Rules {
    methods: Vec<String>,
    types: Vec<String>,
    unsafe_forbidden: bool,
}

/// The `path = "..."` entries of `disallowed-methods` and `disallowed-types` (the lab's
/// clippy.toml files write one entry per line, as `{ path = "...", reason = "..." }`).
fn read_rules(package: &Path) -> Result<Rules> {
    let clippy = std::fs::read_to_string(package.join("clippy.toml"))
        .with_context(|| format!("reading {}", package.join("clippy.toml").display()))?;
    let manifest = std::fs::read_to_string(package.join("Cargo.toml"))
        .with_context(|| format!("reading {}", package.join("Cargo.toml").display()))?;
    let mut rules = Rules::default();
    let mut list: Option<&mut Vec<String>> = None;
    for line in clippy.lines().map(str::trim) {
        if line.starts_with("disallowed-methods") {
            list = Some(&mut rules.methods);
        } else if line.starts_with("disallowed-types") {
            list = Some(&mut rules.types);
        } else if line.starts_with(']') {
            list = None;
        }
        if let (Some(list), Some(rest)) = (list.as_mut(), line.split("path = \"").nth(1))
            && let Some(path) = rest.split('"').next()
        {
            list.push(path.to_string());
        }
    }
    let mut section = "";
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            section = line;
        } else if section == "[lints.rust]"
            && line.replace(' ', "").starts_with("unsafe_code=\"forbid\"")
        {
            rules.unsafe_forbidden = true;
        }
    }
    Ok(rules)
}

/// Paths grouped for a short cell: those that share a parent are written once with their last
/// segments in braces (`std::net::{TcpListener, TcpStream}`), and parents whose sets of last
/// segments are equal are written together (`{to_be, from_be}` on `u16`, `u32`).
fn cell(paths: &[String]) -> String {
    if paths.is_empty() {
        return "—".to_string();
    }
    // parent -> last segments, in first-seen order
    let mut parents: Vec<(String, Vec<String>)> = Vec::new();
    for p in paths {
        let (parent, last) = p.rsplit_once("::").unwrap_or(("", p));
        match parents.iter_mut().find(|(q, _)| q == parent) {
            Some((_, lasts)) => lasts.push(last.to_string()),
            None => parents.push((parent.to_string(), vec![last.to_string()])),
        }
    }
    // last-segment sets -> parents sharing it
    let mut groups: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    for (parent, lasts) in parents {
        match groups.iter_mut().find(|(l, _)| *l == lasts) {
            Some((_, ps)) => ps.push(parent),
            None => groups.push((lasts, vec![parent])),
        }
    }
    let one = |parent: &str, lasts: &[String]| match lasts {
        [single] if parent.is_empty() => format!("`{single}`"),
        [single] => format!("`{parent}::{single}`"),
        many => format!("`{parent}::{{{}}}`", many.join(", ")),
    };
    groups
        .iter()
        .map(|(lasts, parents)| match parents.as_slice() {
            [parent] => one(parent, lasts),
            many => format!(
                "`{{{}}}` on {}",
                lasts.join(", "),
                many.iter()
                    .map(|p| format!("`{p}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The rules table's header and its two words for unsafe code, in each course's language.
struct TableWords {
    header: &'static str,
    forbidden: &'static str,
    allowed: &'static str,
    /// Before the functions of a required call: "one of" (Korean puts it after).
    one_of: (&'static str, &'static str),
}

fn table_words(lang: Lang) -> TableWords {
    match lang {
        Lang::En => TableWords {
            header: "| exercise | forbidden methods | forbidden types | unsafe code | C: calls forbidden (✗), required (✓) |",
            forbidden: "forbidden",
            allowed: "allowed",
            one_of: ("one of ", ""),
        },
        Lang::Ko => TableWords {
            header: "| 실습 | 금지된 메서드 | 금지된 타입 | unsafe 코드 | C: 금지된 호출(✗), 필요한 호출(✓) |",
            forbidden: "금지",
            allowed: "허용",
            one_of: ("", " 중 하나"),
        },
    }
}

/// The rules table as the course in `lang` must show it, generated from the exercises' rule
/// files: the paths are the same in both languages, the header and the two words are not.
pub fn rules_table(lab: &Path, lang: Lang) -> Result<String> {
    let names: Vec<&str> = exercises::ALL.iter().map(|e| e.name).collect();
    rules_table_of(lab, &names, lang)
}

/// The rules table of the exercises `names` (in this order), from their rule files.
pub fn rules_table_of(lab: &Path, names: &[&str], lang: Lang) -> Result<String> {
    let words = table_words(lang);
    let mut rows = vec![
        words.header.to_string(),
        "| --- | --- | --- | --- | --- |".to_string(),
    ];
    for name in names {
        let rules = read_rules(&lab.join("exercises").join(name))?;
        rows.push(format!(
            "| `{}` | {} | {} | {} | {} |",
            name,
            cell(&rules.methods),
            cell(&rules.types),
            if rules.unsafe_forbidden {
                words.forbidden
            } else {
                words.allowed
            },
            c_cell(name, &words)
        ));
    }
    Ok(format!("{TABLE_START}\n{}\n{TABLE_END}", rows.join("\n")))
}

/// An exercise's C rules (its `C_TRACK` table) in a cell: `✗ fork, vfork; ✓ one of poll, ppoll`;
/// `—` where it has no C version.
fn c_cell(name: &str, words: &TableWords) -> String {
    let Some(c) = exercises::ALL
        .iter()
        .find(|e| e.name == name)
        .and_then(|e| e.c)
    else {
        return "—".to_string();
    };
    let rules: Vec<String> = c
        .imports
        .iter()
        .map(|rule| {
            let calls: Vec<String> = rule.functions.iter().map(|f| format!("`{f}`")).collect();
            let calls = calls.join(", ");
            match rule.kind {
                ImportKind::Forbidden => format!("✗ {calls}"),
                ImportKind::Required if rule.functions.len() == 1 => format!("✓ {calls}"),
                ImportKind::Required => {
                    format!("✓ {}{calls}{}", words.one_of.0, words.one_of.1)
                }
            }
        })
        .collect();
    rules.join("; ")
}

/// Where a course's rules table is, its start and end comments included.
fn rules_table_span(course: &str) -> Option<std::ops::Range<usize>> {
    let start = course.find(TABLE_START)?;
    let end = course[start..].find(TABLE_END)?;
    Some(start..start + end + TABLE_END.len())
}

/// `course` with `table` (from `rules_table_of`) in place of its rules table.
pub fn with_rules_table(course: &str, table: &str) -> Option<String> {
    let span = rules_table_span(course)?;
    Some(format!(
        "{}{table}{}",
        &course[..span.start],
        &course[span.end..]
    ))
}

/// The rules table of the course in `lang` (course.md, course.ko.md) is exactly the one the
/// rule files give.
pub fn rules_table_matches(lab: &Path, lang: Lang) -> Result<Vec<String>> {
    let file = lang.course();
    let course =
        std::fs::read_to_string(lab.join(file)).with_context(|| format!("reading {file}"))?;
    let expected = rules_table(lab, lang)?;
    let found = rules_table_span(&course).map_or("", |span| &course[span]);
    if found == expected {
        return Ok(Vec::new());
    }
    let mut problems = vec![format!(
        "{file}'s rules table (between `{TABLE_START}` and `{TABLE_END}`) differs from the exercises' clippy.toml and [lints]; it should read:"
    )];
    problems.extend(expected.lines().map(str::to_string));
    Ok(problems)
}

/// Every test is named in its exercise's course section, or, a test a family runs itself, in
/// the family's.
pub fn lists_tests(lab: &Path) -> Result<Vec<String>> {
    let course = std::fs::read_to_string(lab.join("course.md")).context("reading course.md")?;
    // An exercise's section: from its anchor to the next exercise-level anchor.
    let section = |anchor: &str| -> Option<&str> {
        let start = course.find(&format!("<a id=\"{anchor}\"></a>"))?;
        let rest = &course[start + 1..];
        Some(&rest[..rest.find("\n<a id=\"day").unwrap_or(rest.len())])
    };
    let mut problems = Vec::new();
    for ex in exercises::ALL {
        let Some(own) = section(ex.section) else {
            continue;
        };
        for t in tests_of(ex).iter().filter(|t| !t.is_rules) {
            let named = format!("`{}`", t.id);
            // A test a family runs as its own is told once, in the family's section.
            let told_by_family = t
                .family
                .and_then(|f| section(f.course))
                .is_some_and(|s| s.contains(&named));
            if !own.contains(&named) && !told_by_family {
                problems.push(format!(
                    "course.md#{} does not mention the test `{}`",
                    ex.section, t.id
                ));
            }
        }
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_group_paths_by_parent_and_by_shared_names() {
        let paths: Vec<String> = [
            "u16::to_be",
            "u16::from_be",
            "u32::to_be",
            "u32::from_be",
            "libc::htons",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            cell(&paths),
            "`{to_be, from_be}` on `u16`, `u32`; `libc::htons`"
        );
        assert_eq!(cell(&[]), "—");
    }

    #[test]
    fn anchors_are_read_up_to_the_first_other_character() {
        assert_eq!(
            cited_anchors("Read course.md#byte-order, then course.md#day1-endian."),
            vec!["byte-order", "day1-endian"]
        );
    }
}
