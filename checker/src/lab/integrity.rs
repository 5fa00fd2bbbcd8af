//! The files a student must not edit — each exercise's manifest (`Cargo.toml`: its
//! dependencies and its `[lints]` rules) and its `clippy.toml` (the forbidden shortcuts) — as
//! the lab ships them. The checker carries pristine copies, embedded at build time from the
//! lab's stubs (`checker/build.rs`; in an export, from the copy `export-student` writes in
//! `checker/pristine/`, since there the stubs are the students'); with `--ci` a changed file
//! fails its exercise, naming the file.

use std::path::Path;

use crate::base::files::files_below;
use crate::lab::exercise::Exercise;

include!(concat!(env!("OUT_DIR"), "/pristine.rs"));

/// The files of each exercise's package that are pristine (the build reads the same).
pub const FILES: [&str; 2] = ["Cargo.toml", "clippy.toml"];

/// Where an export keeps them, relative to its root: its `exercises/` are the students'.
pub const EXPORTED: &str = "checker/pristine";

/// The pristine files of an exercise: (file name, content).
pub fn pristine_files(exercise: &str) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
    PRISTINE
        .iter()
        .filter(move |(e, _, _)| *e == exercise)
        .map(|(_, f, c)| (*f, *c))
}

/// The files of `exercise` in `package_dir` that differ from the pristine copies (or are
/// missing), and the files that are neither a pristine file nor a Rust source under `src/`
/// (a `build.rs`, a `.cargo/config.toml`, ...: nothing but sources is graded), with what is
/// wrong.
pub fn changed_files(exercise: &Exercise, package_dir: &Path) -> Vec<String> {
    let mut problems: Vec<String> = pristine_files(exercise.name)
        .filter_map(
            |(file, pristine)| match std::fs::read_to_string(package_dir.join(file)) {
                Ok(content) if content == pristine => None,
                Ok(_) => Some(format!("{}/{file} was changed", exercise.name)),
                Err(_) => Some(format!("{}/{file} is missing", exercise.name)),
            },
        )
        .collect();
    let pristine: Vec<&str> = pristine_files(exercise.name).map(|(f, _)| f).collect();
    // Build output in the package's own target/ is not part of it.
    let files = files_below(package_dir)
        .into_iter()
        .filter(|f| !f.rel.starts_with("target"));
    for file in files {
        let rel = file.rel.as_path();
        let top_level = rel.components().count() == 1;
        let source = rel.starts_with("src") && rel.extension().is_some_and(|e| e == "rs");
        if !(source || (top_level && pristine.iter().any(|p| rel == Path::new(p)))) {
            problems.push(format!(
                "{}/{} is not part of the exercise (only Rust sources under src/ are graded)",
                exercise.name,
                rel.display()
            ));
        }
    }
    problems
}
