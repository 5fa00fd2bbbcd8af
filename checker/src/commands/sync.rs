//! `checker sync`: write what is derived from what instructors write by hand. An exercise's
//! rules are written once, in its solution (`solutions/<name>/Cargo.toml`'s `[lints]` and
//! `clippy.toml`): sync copies them to the stub and to `checker/pristine/`, and writes the rules
//! tables of course.md and course.ko.md from them. Every title and hint of the exercise tables
//! needs a Korean entry, and so does every reason of the rules: sync adds the missing ones to
//! ko.ftl, in English until translated, next to the entries of the same exercise or family (or
//! of the other reasons). Then it says what is left to translate.
//! `checker new` uses the same steps for a new exercise.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::verify::course;
use crate::base::files;
use crate::base::i18n::catalog::Catalog;
use crate::base::i18n::{Lang, Messages, msg};
use crate::base::workspace;
use crate::exercises;
use crate::lab::test::catalog_entries;

/// The files of an exercise's rules, written in its solution and copied from there.
pub const RULE_FILES: [&str; 2] = ["Cargo.toml", "clippy.toml"];

pub fn run(tr: &Messages) -> Result<ExitCode> {
    let lab = workspace::lab_root();
    let mut written = Vec::new();
    for ex in exercises::ALL {
        written.extend(copy_rules(&lab, ex.name)?);
    }
    let names: Vec<&str> = exercises::ALL.iter().map(|e| e.name).collect();
    written.extend(write_rules_tables(&lab, &names)?);
    let mut entries: Vec<(String, String)> = exercises::ALL
        .iter()
        .flat_map(|e| catalog_entries(e))
        .map(|(key, english)| (key, english.to_string()))
        .collect();
    for ex in exercises::ALL {
        entries.extend(rule_entries(&lab, ex.name)?);
    }
    let added = add_catalog_entries(&lab, &entries)?;
    if !added.is_empty() {
        written.push(format!("checker/i18n/ko.ftl ({} entries)", added.len()));
    }
    let mut out = anstream::stdout();
    let heading = if written.is_empty() {
        msg!("sync-nothing")
    } else {
        msg!("sync-wrote")
    };
    writeln!(out, "{}", tr.render(&heading))?;
    for file in &written {
        writeln!(out, "  {file}")?;
    }
    let untranslated = untranslated(&lab, &entries)?;
    if !untranslated.is_empty() {
        let left = msg!("sync-untranslated", n = untranslated.len());
        writeln!(out, "{}", tr.render(&left))?;
        for key in untranslated {
            writeln!(out, "  {key}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
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

/// The solution's manifest and rules, copied to the stub and to the pristine copies.
pub fn copy_rules(lab: &Path, name: &str) -> Result<Vec<String>> {
    let mut written = Vec::new();
    for file in RULE_FILES {
        let from = format!("solutions/{name}/{file}");
        let content =
            std::fs::read_to_string(lab.join(&from)).with_context(|| format!("reading {from}"))?;
        for tree in ["exercises", "checker/pristine"] {
            written.extend(write_if_changed(
                lab,
                &format!("{tree}/{name}/{file}"),
                &content,
            )?);
        }
    }
    Ok(written)
}

/// The rules tables of course.md and course.ko.md (the same rows in both, the header in the
/// course's language), for the exercises `names` in course order.
pub fn write_rules_tables(lab: &Path, names: &[&str]) -> Result<Vec<String>> {
    let mut written = Vec::new();
    for lang in [Lang::En, Lang::Ko] {
        let file = lang.course();
        let table = course::rules_table_of(lab, names, lang)?;
        let text =
            std::fs::read_to_string(lab.join(file)).with_context(|| format!("reading {file}"))?;
        let updated = course::with_rules_table(&text, &table)
            .with_context(|| format!("{file} has no rules table (its start and end comments)"))?;
        written.extend(write_if_changed(lab, file, &updated)?);
    }
    Ok(written)
}

/// Add to ko.ftl the entries it lacks, `key = <English>`, each after the last entry of the same
/// exercise or family (or in a block of its own at the end): shown in English until someone
/// translates it. The keys added.
pub fn add_catalog_entries(lab: &Path, entries: &[(String, String)]) -> Result<Vec<String>> {
    let rel = "checker/i18n/ko.ftl";
    let mut text =
        std::fs::read_to_string(lab.join(rel)).with_context(|| format!("reading {rel}"))?;
    let mut added = Vec::new();
    for (key, english) in entries {
        if Catalog::parse(&text).has(key) || added.contains(key) {
            continue;
        }
        text = with_entry(&text, key, english);
        added.push(key.clone());
    }
    if !added.is_empty() {
        write_if_changed(lab, rel, &text)?;
    }
    Ok(added)
}

/// `text` with the entry `key = value` after the last entry whose key has the same owner (what
/// comes before its first `--`), else at the end under a heading of its own.
fn with_entry(text: &str, key: &str, value: &str) -> String {
    let owner = key.split("--").next().unwrap_or(key);
    let prefix = format!("{owner}--");
    let line = format!("{key} = {}", fluent_text(value));
    let mut lines: Vec<&str> = text.lines().collect();
    match lines.iter().rposition(|l| l.starts_with(&prefix)) {
        Some(at) => {
            lines.insert(at + 1, &line);
            lines.join("\n") + "\n"
        }
        None => format!("{}\n\n## {owner}\n{line}\n", text.trim_end()),
    }
}

/// A table's text as a Fluent value on one line: braces would open a placeable.
fn fluent_text(text: &str) -> String {
    text.replace('{', "\u{0}")
        .replace('}', "{\"}\"}")
        .replace('\u{0}', "{\"{\"}")
}

/// The entries of ko.ftl still in English (the value sync wrote, or a copy of it).
pub fn untranslated(lab: &Path, entries: &[(String, String)]) -> Result<Vec<String>> {
    let rel = "checker/i18n/ko.ftl";
    let text = std::fs::read_to_string(lab.join(rel)).with_context(|| format!("reading {rel}"))?;
    let values: Vec<(&str, &str)> = text.lines().filter_map(|l| l.split_once(" = ")).collect();
    Ok(entries
        .iter()
        .filter(|(key, english)| {
            values
                .iter()
                .any(|(k, v)| k == key && (*v == english || *v == fluent_text(english)))
        })
        .map(|(key, _)| key.clone())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::{fluent_text, with_entry};

    #[test]
    fn an_entry_goes_after_its_owners_last() {
        let text = "a = 1\n\nday9-x--title = 제목\nday9-x--t--title = 하나\n\nz = 2\n";
        let got = with_entry(text, "day9-x--t--hint", "a hint");
        assert_eq!(
            got,
            "a = 1\n\nday9-x--title = 제목\nday9-x--t--title = 하나\nday9-x--t--hint = a hint\n\nz = 2\n"
        );
        let got = with_entry(text, "fam--t--title", "new");
        assert!(
            got.ends_with("z = 2\n\n## fam\nfam--t--title = new\n"),
            "{got}"
        );
    }

    #[test]
    fn braces_stay_text() {
        assert_eq!(fluent_text("a {b} c"), "a {\"{\"}b{\"}\"} c");
        let ftl = format!("k = {}\n", fluent_text("x {y}"));
        let catalog = crate::base::i18n::catalog::Catalog::parse(&ftl);
        assert!(catalog.has("k"));
    }
}
