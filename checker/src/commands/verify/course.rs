//! The checks of `checker verify` that keep course.md and the stubs telling the same story:
//! every `course.md#anchor` a stub cites exists; every `todo!()` of a stub has a `// TODO`
//! beside it; course.md's rules table says what each exercise's `clippy.toml` and `[lints]`
//! say (the table itself is `authoring::rules_tables`'). (That every line of hint code
//! compiles is `hints`'.)

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Context, Result};

use crate::authoring::rules_tables::{TABLE_END, TABLE_START, rules_table, rules_table_span};
use crate::base::files::rust_files;
use crate::base::i18n::Lang;
use crate::exercises;
use crate::lab::test::tests_of;

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
    fn anchors_are_read_up_to_the_first_other_character() {
        assert_eq!(
            cited_anchors("Read course.md#byte-order, then course.md#day1-endian."),
            vec!["byte-order", "day1-endian"]
        );
    }
}
