//! The lists derived from the exercises: `c/exercises/.gitignore` (the programs the student's
//! `make` builds, from the C Makefiles) and the solutions' workspace members (from the
//! registered exercises). `checker new` and `checker sync` write them, from what is on disk (so a
//! checker built before the newest exercise keeps it); `checker verify` names one that is off.
//! README's tables and the day map, which need words, are `exercise_tables`; an exercise's
//! entry in them as its files have it (`entry_in_lab`, for `sync`) is here.

use std::path::Path;

use anyhow::{Context, Result};

use super::catalog;
use super::exercise_tables::{Entry, day_of};
use crate::base::files;

/// `c/exercises/.gitignore`: its head (comments and patterns), then each program `make` builds,
/// as `/<exercise>/<program>`, the exercises by name, each's programs as its Makefile lists them.
pub const GITIGNORE: &str = "c/exercises/.gitignore";

/// The programs of a C Makefile's `PROGRAMS = ...` line.
fn programs(makefile: &str) -> Vec<String> {
    makefile
        .lines()
        .filter_map(|l| l.strip_prefix("PROGRAMS = "))
        .flat_map(|l| l.split_whitespace().map(str::to_string))
        .collect()
}

/// The gitignore the C exercises' Makefiles derive, from the one there is (its head kept).
fn derived_gitignore(lab: &Path, current: &str) -> Result<String> {
    let mut exercises: Vec<String> = std::fs::read_dir(lab.join("c/exercises"))
        .context("reading c/exercises")?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| day_of(n).is_some())
        .collect();
    exercises.sort();
    let mut text: String = current
        .split_inclusive('\n')
        .take_while(|l| !l.starts_with("/day"))
        .collect();
    for name in exercises {
        let makefile =
            std::fs::read_to_string(lab.join("c/exercises").join(&name).join("Makefile"))
                .unwrap_or_default();
        for program in programs(&makefile) {
            text.push_str(&format!("/{name}/{program}\n"));
        }
    }
    Ok(text)
}

/// The solutions' workspace manifest, whose `members` are every registered exercise that has a
/// solution package, in course order.
pub const MEMBERS: &str = "solutions/Cargo.toml";

fn derived_members(lab: &Path, current: &str) -> Result<String> {
    let members: Vec<String> = catalog::registered(lab)?
        .into_iter()
        .filter(|n| lab.join("solutions").join(n).join("Cargo.toml").is_file())
        .map(|n| format!("\"{n}\""))
        .collect();
    let line = format!("members = [{}]", members.join(", "));
    Ok(current
        .split_inclusive('\n')
        .map(|l| {
            if l.starts_with("members = [") {
                let end = if l.ends_with('\n') { "\n" } else { "" };
                format!("{line}{end}")
            } else {
                l.to_string()
            }
        })
        .collect())
}

/// The derived lists, each with its file: (relative path, as it is, as derived).
fn derived_lists(lab: &Path) -> Result<Vec<(&'static str, String, String)>> {
    let mut lists = Vec::new();
    for (rel, derive) in [
        (
            GITIGNORE,
            derived_gitignore as fn(&Path, &str) -> Result<String>,
        ),
        (MEMBERS, derived_members),
    ] {
        let current =
            std::fs::read_to_string(lab.join(rel)).with_context(|| format!("reading {rel}"))?;
        let derived = derive(lab, &current)?;
        lists.push((rel, current, derived));
    }
    Ok(lists)
}

/// Write the derived lists that are not as derived: the files written.
pub fn write_derived(lab: &Path) -> Result<Vec<String>> {
    let mut written = Vec::new();
    for (rel, _, derived) in derived_lists(lab)? {
        if files::write_if_changed(&lab.join(rel), derived.as_bytes())? {
            written.push(format!("{rel} (the exercises' entries, derived)"));
        }
    }
    Ok(written)
}

/// The derived lists that are off, each with the lines it lacks or has too many.
pub fn check_derived(lab: &Path) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for (rel, current, derived) in derived_lists(lab)? {
        if current == derived {
            continue;
        }
        let lacks: Vec<&str> = derived
            .lines()
            .filter(|l| !current.lines().any(|c| c == *l))
            .collect();
        let extra: Vec<&str> = current
            .lines()
            .filter(|l| !derived.lines().any(|d| d == *l))
            .collect();
        problems.push(format!(
            "{rel} is not the list the exercises derive (lacks {lacks:?}, has {extra:?} too many, or its order differs): `cargo run -p checker -- sync` writes it"
        ));
    }
    Ok(problems)
}

/// The entry of an exercise in the lab as its files have it (for `sync`): its C sources those
/// of its C stub's folder, a library when its Makefile builds one.
pub fn entry_in_lab<'a>(lab: &Path, name: &'a str) -> Option<Entry<'a>> {
    let day = day_of(name)?;
    let folder = lab.join("c/exercises").join(name);
    let c = folder.join("Makefile").is_file().then(|| {
        let makefile = std::fs::read_to_string(folder.join("Makefile")).unwrap_or_default();
        let library = makefile.lines().any(|l| l.starts_with("LIBRARY = "));
        let mut sources: Vec<String> = std::fs::read_dir(&folder)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|f| f.ends_with(".c"))
            .collect();
        sources.sort();
        (sources, library)
    });
    Some(Entry { name, day, c })
}

#[cfg(test)]
mod tests {
    /// The lab's lists are as `sync` keeps them and `verify` wants them: no churn. Its tables
    /// name every exercise of their track and no other; its derived lists are as derived.
    #[test]
    fn the_lab_s_lists_are_kept() {
        let lab = crate::base::workspace::lab_root();
        assert_eq!(super::check_derived(&lab).unwrap(), Vec::<String>::new());
        let rust: Vec<&str> = crate::exercises::ALL.iter().map(|e| e.name).collect();
        let c: Vec<&str> = crate::exercises::ALL
            .iter()
            .filter(|e| e.c.is_some())
            .map(|e| e.name)
            .collect();
        // (A day map's row owed for a new day fails nothing: the authoring test's lab has one.)
        let (problems, _owed) =
            crate::authoring::exercise_tables::check_tables(&lab, &rust, &c).unwrap();
        assert_eq!(problems, Vec::<String>::new());
    }
}
