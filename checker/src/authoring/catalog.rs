//! The message catalogs' entries an exercise needs: every title and hint of its table, every
//! reason of its rules, each with a Korean entry, added in English until translated, next to the
//! entries of the same exercise or family (in its folder's ko.ftl; the rules' reasons, shared,
//! in checker/i18n/ko.ftl); the catalogs' files; and the exercises as the lab registers them,
//! read from its source.

use std::path::Path;

use anyhow::{Context, Result};

use crate::base::files;
use crate::base::i18n::catalog::Catalog;
use crate::base::workspace::in_exercise_folder;

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

/// The checker's own catalog of `lang` (`en`, `ko`), relative to the lab.
fn own_catalog(lang: &str) -> String {
    format!("checker/i18n/{lang}.ftl")
}

/// The files of the catalog of `lang`, relative to the lab: the checker's own, then each
/// exercise's and family's folder's that has one, as the build joins them (checker/build.rs).
pub fn catalog_files(lab: &Path, lang: &str) -> Vec<String> {
    let mut found = vec![own_catalog(lang)];
    for parent in [in_exercise_folder::ROOT, "checker/src/exercises/families"] {
        let mut folders: Vec<String> = std::fs::read_dir(lab.join(parent))
            .map(|d| {
                d.flatten()
                    .filter(|e| e.path().is_dir())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        folders.sort();
        found.extend(
            folders
                .into_iter()
                .map(|f| format!("{parent}/{f}/{lang}.ftl"))
                .filter(|rel| lab.join(rel).is_file()),
        );
    }
    found
}

/// The whole catalog of `lang` as the files on disk hold it now.
fn whole_catalog(lab: &Path, lang: &str) -> Result<String> {
    catalog_files(lab, lang)
        .iter()
        .map(|rel| std::fs::read_to_string(lab.join(rel)).with_context(|| format!("reading {rel}")))
        .collect::<Result<Vec<_>>>()
        .map(|parts| parts.join("\n"))
}

/// The file a Korean entry belongs in: its exercise's or family's folder's ko.ftl when the key's
/// owner (what comes before its first `--`) is one (an exercise as the lab's source has it, one
/// scaffolded since this checker was built included), else the checker's own.
fn korean_file(lab: &Path, key: &str) -> String {
    let owner = key.split("--").next().unwrap_or(key);
    let exercise = owner.starts_with("day")
        && lab
            .join(in_exercise_folder::file(owner, in_exercise_folder::TESTS))
            .is_file();
    match crate::exercises::family_folder(owner) {
        Some(family) => format!("checker/src/exercises/{family}/ko.ftl"),
        None if exercise => in_exercise_folder::file(owner, in_exercise_folder::KOREAN_CATALOG),
        None => own_catalog("ko"),
    }
}

/// Add to the Korean catalog the entries it lacks, `key = <English>`, each in its owner's file
/// after the last entry of the same exercise or family (or in a block of its own at the end):
/// shown in English until someone translates it. The keys added.
pub fn add_catalog_entries(lab: &Path, entries: &[(String, String)]) -> Result<Vec<String>> {
    let whole = Catalog::parse(&whole_catalog(lab, "ko")?);
    let mut added = Vec::new();
    let mut changed: Vec<(String, String)> = Vec::new();
    for (key, english) in entries {
        if whole.has(key) || added.contains(key) {
            continue;
        }
        let rel = korean_file(lab, key);
        let at = match changed.iter().position(|(r, _)| *r == rel) {
            Some(at) => at,
            None => {
                let text = std::fs::read_to_string(lab.join(&rel)).unwrap_or_default();
                changed.push((rel, text));
                changed.len() - 1
            }
        };
        changed[at].1 = with_entry(&changed[at].1, key, english);
        added.push(key.clone());
    }
    for (rel, text) in changed {
        files::write_if_changed(&lab.join(rel), text.as_bytes())?;
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

/// The entries of the Korean catalog still in English (the value sync wrote, or a copy of it).
pub fn untranslated(lab: &Path, entries: &[(String, String)]) -> Result<Vec<String>> {
    let text = whole_catalog(lab, "ko")?;
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
    #[test]
    fn the_registered_exercises_are_the_checker_s_in_its_order() {
        let names = super::registered(&crate::base::workspace::lab_root()).unwrap();
        let all: Vec<&str> = crate::exercises::ALL.iter().map(|e| e.name).collect();
        assert_eq!(names, all);
    }

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
