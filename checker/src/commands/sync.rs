//! `checker sync`: write what is derived from what instructors write by hand. An exercise's
//! rules are written once, in its solution (`solutions/<name>/Cargo.toml`'s `[lints]` and
//! `clippy.toml`): sync copies them to the stub (the checker embeds the stub's), and writes the rules
//! tables of course.md and course.ko.md from them. It writes each stub its reference derives
//! (`authoring::derived_stubs`: the reference's `//@` lines), and the Korean of its comments; it writes each C exercise's Makefile from
//! its `C_TRACK` row, and keeps every list that names the exercises (`authoring::exercise_tables` and `lists`: a
//! missing row of README's tables and the day map, c/exercises/.gitignore and the solutions'
//! workspace members derived). Every title and hint of the exercise tables
//! needs a Korean entry, and so does every reason of the rules: sync adds the missing ones to
//! ko.ftl, in English until translated, next to the entries of the same exercise or family (or
//! of the other reasons). Then it says what is left to translate.
//! `checker new` takes the same steps for a new exercise (both from `authoring`).

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use crate::authoring::catalog::{add_catalog_entries, registered, untranslated};
use crate::authoring::chosen_lab;
use crate::authoring::rules_tables::{copy_rules, rule_entries, write_rules_tables};
use crate::authoring::{derived_stubs, exercise_tables, lists};
use crate::base::i18n::{Messages, msg};
use crate::exercises;
use crate::lab::test::catalog_entries;

pub fn run(lab: Option<std::path::PathBuf>, tr: &Messages) -> Result<ExitCode> {
    let lab = chosen_lab(lab)?;
    let mut written = Vec::new();
    let registered = registered(&lab)?;
    let names: Vec<&str> = registered.iter().map(String::as_str).collect();
    for name in &names {
        written.extend(copy_rules(&lab, name)?);
        written.extend(derived_stubs::write_derived(&lab, name)?);
    }
    written.extend(write_rules_tables(&lab, &names, None)?);
    written.extend(crate::authoring::makefiles::write_makefiles(&lab)?);
    // Every list that names the exercises: a missing row written (its words to fill in), the
    // derived lists rewritten after the Makefiles they are derived from.
    for name in &names {
        if let Some(entry) = lists::entry_in_lab(&lab, name) {
            written.extend(exercise_tables::add_to_tables(&lab, &entry, true, &registered)?.0);
        }
    }
    written.extend(lists::write_derived(&lab)?);
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
        written.push(format!(
            "ko.ftl ({} entries, each in its exercise's or family's folder, or in checker/i18n/)",
            added.len()
        ));
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
