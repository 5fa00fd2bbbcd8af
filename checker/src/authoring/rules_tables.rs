//! The rules tables of course.md and course.ko.md, and the rule files they are read from. An
//! exercise's rules are written once, in its solution (`solutions/<name>/Cargo.toml`'s `[lints]`
//! and `clippy.toml`), copied from there to its stub (whose copy the checker embeds), and shown
//! in each course's table, generated from them (its C column from the exercise's `C_TRACK`).

use std::path::Path;

use anyhow::{Context, Result};

use crate::base::files;
use crate::base::i18n::Lang;
use crate::exercises;
use crate::table::track::{ImportKind, ImportRule};

/// The files of an exercise's rules, written in its solution and copied from there.
pub const RULE_FILES: [&str; 2] = ["Cargo.toml", "clippy.toml"];

/// The comments around the generated rules table in course.md.
pub const TABLE_START: &str =
    "<!-- rules table: checker verify compares it with each exercise's clippy.toml and [lints] -->";
pub const TABLE_END: &str = "<!-- end of the rules table -->";

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
    rules_table_of(lab, &names, lang, (None, ""))
}

/// The C rules of an exercise this checker was built without (`checker new` has just
/// scaffolded its C track): its name and its `C_TRACK`'s imports.
pub type ScaffoldedC<'a> = Option<(&'a str, &'static [ImportRule])>;

/// The rules table of the exercises `names` (in this order), from their rule files, their C
/// column from their `C_TRACK`: `scaffolded`'s for the one it names, and for one this checker
/// was built without, its cell in the course as it is (`course`: a second `checker new` keeps
/// the first one's row).
pub fn rules_table_of(
    lab: &Path,
    names: &[&str],
    lang: Lang,
    (scaffolded, course): (ScaffoldedC, &str),
) -> Result<String> {
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
            c_cell(name, &words, scaffolded).unwrap_or_else(|| c_cell_in(course, name))
        ));
    }
    Ok(format!("{TABLE_START}\n{}\n{TABLE_END}", rows.join("\n")))
}

/// The C cell of `name`'s row in the rules table of `course`, or `—` (no C version).
fn c_cell_in(course: &str, name: &str) -> String {
    let row = format!("| `{name}` |");
    course
        .lines()
        .find(|l| l.starts_with(&row))
        .and_then(|l| l.trim_end().strip_suffix('|')?.rsplit('|').next())
        .map_or("—".to_string(), |cell| cell.trim().to_string())
}

/// An exercise's C rules (its `C_TRACK` table) in a cell: `✗ fork, vfork; ✓ one of poll, ppoll`;
/// `—` where this checker has it with no C version; `None` where it does not know it.
fn c_cell(name: &str, words: &TableWords, scaffolded: ScaffoldedC) -> Option<String> {
    let imports = match scaffolded {
        Some((new, imports)) if new == name => imports,
        _ => match exercises::ALL.iter().find(|e| e.name == name)?.c {
            Some(c) => c.imports,
            None => return Some("—".to_string()),
        },
    };
    let rules: Vec<String> = imports
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
    Some(rules.join("; "))
}

/// Where a course's rules table is, its start and end comments included.
pub fn rules_table_span(course: &str) -> Option<std::ops::Range<usize>> {
    let start = course.find(TABLE_START)?;
    let end = course[start..].find(TABLE_END)?;
    Some(start..start + end + TABLE_END.len())
}

/// The rules table as a C class reads it (`export-student --track c`): each exercise of the C
/// track with its C rules, without the Rust track's columns (clippy's paths, `unsafe`) and the
/// rows of the exercises only Rust has (a C cell of `—`).
pub fn for_the_c_track(course: &str) -> String {
    let Some(span) = rules_table_span(course) else {
        return course.to_string();
    };
    let cells = |line: &str| -> Vec<String> {
        let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
        inner.split('|').map(|c| c.trim().to_string()).collect()
    };
    let rows: Vec<String> = course[span.clone()]
        .lines()
        .filter_map(|line| {
            if !line.starts_with('|') {
                return Some(line.to_string());
            }
            let row = cells(line);
            let (first, last) = (row.first()?, row.last()?);
            match last.as_str() {
                "—" => None,
                "---" => Some("| --- | --- |".to_string()),
                _ => Some(format!("| {first} | {} |", last.trim_start_matches("C: "))),
            }
        })
        .collect();
    format!(
        "{}{}{}",
        &course[..span.start],
        rows.join("\n"),
        &course[span.end..]
    )
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

/// The ko.ftl entries the reasons of an exercise's rules need (its solution's clippy.toml, the
/// one the others are copied from).
pub fn rule_entries(lab: &Path, name: &str) -> Result<Vec<(String, String)>> {
    let rel = format!("solutions/{name}/clippy.toml");
    let text = std::fs::read_to_string(lab.join(&rel)).with_context(|| format!("reading {rel}"))?;
    Ok(crate::lab::rules::catalog_entries(&text))
}

/// Write the lab's file `rel` if its content changes; its name if it did.
fn write_if_changed(lab: &Path, rel: &str, content: &str) -> Result<Option<String>> {
    let written = files::write_if_changed(&lab.join(rel), content.as_bytes())?;
    Ok(written.then(|| rel.to_string()))
}

/// The solution's manifest and rules, copied to the stub (whose copy the checker embeds at
/// build, the pristine copy `--ci` compares with).
pub fn copy_rules(lab: &Path, name: &str) -> Result<Vec<String>> {
    let mut written = Vec::new();
    for file in RULE_FILES {
        let from = format!("solutions/{name}/{file}");
        let content =
            std::fs::read_to_string(lab.join(&from)).with_context(|| format!("reading {from}"))?;
        written.extend(write_if_changed(
            lab,
            &format!("exercises/{name}/{file}"),
            &content,
        )?);
    }
    Ok(written)
}

/// The rules tables of course.md and course.ko.md (the same rows in both, the header in the
/// course's language), for the exercises `names` in course order (`scaffolded`: the C rules of
/// one this checker was built without).
pub fn write_rules_tables(
    lab: &Path,
    names: &[&str],
    scaffolded: ScaffoldedC,
) -> Result<Vec<String>> {
    let mut written = Vec::new();
    let read = |file: &str| {
        std::fs::read_to_string(lab.join(file)).with_context(|| format!("reading {file}"))
    };
    let before = [read(Lang::En.course())?, read(Lang::Ko.course())?];
    for lang in [Lang::En, Lang::Ko] {
        let file = lang.course();
        let text =
            std::fs::read_to_string(lab.join(file)).with_context(|| format!("reading {file}"))?;
        let table = rules_table_of(lab, names, lang, (scaffolded, &text))?;
        let updated = with_rules_table(&text, &table)
            .with_context(|| format!("{file} has no rules table (its start and end comments)"))?;
        written.extend(write_if_changed(lab, file, &updated)?);
    }
    // Both tables are generated: the Korean one, in step with its English before, stays in step
    // (its section records the English hash as it is now), or verify would call it stale.
    let after = [read(Lang::En.course())?, read(Lang::Ko.course())?];
    let restamped = super::stamps::restamp(&before[0], &before[1], &after[0], &after[1]);
    write_if_changed(lab, Lang::Ko.course(), &restamped)?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_exercise_keeps_its_c_cell() {
        let course = "| x |\n| `day9-a` | — | — | allowed | ✗ `getaddrinfo` |\n";
        assert_eq!(c_cell_in(course, "day9-a"), "✗ `getaddrinfo`");
        assert_eq!(c_cell_in(course, "day9-b"), "—");
    }

    #[test]
    fn a_c_class_reads_the_c_column_alone() {
        let course = format!(
            "before\n{TABLE_START}\n| exercise | forbidden methods | unsafe code | C: calls forbidden (✗) |\n\
             | --- | --- | --- | --- |\n| `day1-a` | `std::fs::copy` | forbidden | ✗ `fopen` |\n\
             | `day6-async` | `std::thread::spawn` | allowed | — |\n{TABLE_END}\nafter\n"
        );
        assert_eq!(
            for_the_c_track(&course),
            format!(
                "before\n{TABLE_START}\n| exercise | calls forbidden (✗) |\n| --- | --- |\n\
                 | `day1-a` | ✗ `fopen` |\n{TABLE_END}\nafter\n"
            )
        );
    }

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
}
