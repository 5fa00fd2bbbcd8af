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

use anyhow::{Context, Result, bail};

use super::verify::course;
use crate::base::files;
use crate::base::i18n::catalog::Catalog;
use crate::base::i18n::{Lang, Messages, msg};
use crate::base::workspace;
use crate::exercises;
use crate::lab::test::catalog_entries;

/// The files of an exercise's rules, written in its solution and copied from there.
pub const RULE_FILES: [&str; 2] = ["Cargo.toml", "clippy.toml"];

/// The clone of the lab `--lab` names (checked to be one), or the one this checker was built
/// from.
pub fn chosen_lab(lab: Option<std::path::PathBuf>) -> Result<std::path::PathBuf> {
    match lab {
        Some(dir) if !dir.join("checker/Cargo.toml").is_file() => {
            bail!(
                "{}: not a clone of the lab (no checker/Cargo.toml there)",
                dir.display()
            )
        }
        Some(dir) => Ok(dir),
        None => Ok(workspace::lab_root()),
    }
}

pub fn run(lab: Option<std::path::PathBuf>, tr: &Messages) -> Result<ExitCode> {
    let lab = chosen_lab(lab)?;
    let mut written = Vec::new();
    let registered = registered(&lab)?;
    let names: Vec<&str> = registered.iter().map(String::as_str).collect();
    for name in &names {
        written.extend(copy_rules(&lab, name)?);
    }
    written.extend(write_rules_tables(&lab, &names)?);
    let mut entries: Vec<(String, String)> = exercises::ALL
        .iter()
        .flat_map(|e| catalog_entries(e))
        .map(|(key, english)| (key, english.to_string()))
        .collect();
    for name in &names {
        entries.extend(rule_entries(&lab, name)?);
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

/// The exercises in course order as the lab's `mod.rs` registers them: read from the source,
/// not the running checker's list, which lacks an exercise scaffolded since it was built (two
/// `new` in a row, or `sync --lab` on a clone that has more).
pub fn registered(lab: &Path) -> Result<Vec<String>> {
    let path = lab.join("checker/src/exercises/mod.rs");
    let text = std::fs::read_to_string(&path).context("reading checker/src/exercises/mod.rs")?;
    Ok(text
        .lines()
        .filter_map(|l| l.trim().strip_prefix('&')?.strip_suffix("::EXERCISE,"))
        .map(|module| module.replace('_', "-"))
        .collect())
}

/// The rules tables of course.md and course.ko.md (the same rows in both, the header in the
/// course's language), for the exercises `names` in course order.
pub fn write_rules_tables(lab: &Path, names: &[&str]) -> Result<Vec<String>> {
    let mut written = Vec::new();
    let read = |file: &str| {
        std::fs::read_to_string(lab.join(file)).with_context(|| format!("reading {file}"))
    };
    let before = [read(Lang::En.course())?, read(Lang::Ko.course())?];
    for lang in [Lang::En, Lang::Ko] {
        let file = lang.course();
        let table = course::rules_table_of(lab, names, lang)?;
        let text =
            std::fs::read_to_string(lab.join(file)).with_context(|| format!("reading {file}"))?;
        let updated = course::with_rules_table(&text, &table)
            .with_context(|| format!("{file} has no rules table (its start and end comments)"))?;
        written.extend(write_if_changed(lab, file, &updated)?);
    }
    // Both tables are generated: the Korean one, in step with its English before, stays in step
    // (its section records the English hash as it is now), or verify would call it stale.
    let after = [read(Lang::En.course())?, read(Lang::Ko.course())?];
    let restamped = super::verify::stale::restamp(&before[0], &before[1], &after[0], &after[1]);
    write_if_changed(lab, Lang::Ko.course(), &restamped)?;
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
