//! The files a student must not edit — each exercise's manifest (`Cargo.toml`: its
//! dependencies and its `[lints]` rules) and its `clippy.toml` (the forbidden shortcuts) — as
//! the lab ships them. The checker carries pristine copies (`checker/pristine/`, embedded at
//! build time); with `--ci` a changed file fails its exercise, naming the file.

use std::path::Path;

use crate::lab::exercise::Exercise;

include!(concat!(env!("OUT_DIR"), "/pristine.rs"));

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
    for file in files_below(package_dir) {
        let rel = file.strip_prefix(package_dir).unwrap_or(&file);
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

/// Every file below `dir` (symbolic links included as files), `target/` left out.
fn files_below(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut queue = vec![dir.to_path_buf()];
    while let Some(d) = queue.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() => {
                    if !(d == dir && entry.file_name() == "target") {
                        queue.push(path);
                    }
                }
                Ok(_) => found.push(path),
                Err(_) => {}
            }
        }
    }
    found.sort();
    found
}
