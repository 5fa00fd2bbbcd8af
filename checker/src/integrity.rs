//! The files a student must not edit — each exercise's manifest (`Cargo.toml`: its
//! dependencies and its `[lints]` rules) and its `clippy.toml` (the forbidden shortcuts) — as
//! the lab ships them. The checker carries pristine copies (`checker/pristine/`, embedded at
//! build time); with `--ci` a changed file fails its exercise, naming the file.

use std::path::Path;

use crate::catalog::Exercise;

include!(concat!(env!("OUT_DIR"), "/pristine.rs"));

/// The pristine files of an exercise: (file name, content).
pub fn pristine_files(exercise: &str) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
    PRISTINE
        .iter()
        .filter(move |(e, _, _)| *e == exercise)
        .map(|(_, f, c)| (*f, *c))
}

/// The files of `exercise` in `package_dir` that differ from the pristine copies (or are
/// missing), with what is wrong.
pub fn changed_files(exercise: &Exercise, package_dir: &Path) -> Vec<String> {
    pristine_files(exercise.name)
        .filter_map(
            |(file, pristine)| match std::fs::read_to_string(package_dir.join(file)) {
                Ok(content) if content == pristine => None,
                Ok(_) => Some(format!("{}/{file} was changed", exercise.name)),
                Err(_) => Some(format!("{}/{file} is missing", exercise.name)),
            },
        )
        .collect()
}
