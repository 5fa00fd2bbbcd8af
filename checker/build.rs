//! Embeds the pristine copies of the files students must not edit (each exercise's manifest and
//! rules, read from its stub in the lab, or from an export's `checker/pristine/`), so that
//! `checker --ci` can compare a submission's with the lab's own, and `checker verify` can check
//! that the stub and the solution agree; and joins the message catalogs.

use std::fmt::Write;
use std::path::{Path, PathBuf};

#[path = "build/platform.rs"]
mod platform;

fn main() {
    // First, so that a student on macOS or Windows reads one message, not rustc's errors.
    let target_os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let width = std::env::var("CARGO_CFG_TARGET_POINTER_WIDTH").unwrap_or_default();
    if let Some(lines) = platform::refusal(&target_os, &width) {
        for line in lines {
            println!("cargo::error={line}");
        }
        return;
    }
    println!("cargo::rerun-if-changed=build");
    // At run time, not env!(): a build script binary may be reused from a copy of the lab
    // elsewhere (same fingerprint), and must read this copy's files.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let checker = Path::new(&manifest_dir);
    let mut out = String::from(
        "/// (exercise, file, pristine content)\npub static PRISTINE: &[(&str, &str, &str)] = &[\n",
    );
    for (exercise, name, file) in pristine_files(checker) {
        // Each file, not its folder: a folder is watched whole, and a student's every edit of
        // a source beside the manifest would rebuild the checker.
        println!("cargo::rerun-if-changed={}", file.display());
        // The content itself, not include_str!(absolute path): a build reused from a copy of
        // the lab elsewhere (same fingerprint) must not point into a directory that is gone.
        let content = std::fs::read_to_string(&file).unwrap();
        let _ = writeln!(out, "    ({exercise:?}, {name:?}, {content:?}),");
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("pristine.rs");
    std::fs::write(dest, out).unwrap();
    catalogs(checker);
}

/// The files a student must not edit, per exercise: (exercise, file name, path). In the lab,
/// each exercise's stub's (`exercises/<name>/Cargo.toml` and `clippy.toml`, which `sync` keeps
/// equal to its solution's); an export, whose `exercises/` is the students' to edit, carries
/// them as the lab had them in `checker/pristine/<name>/` (`export-student` writes it), and
/// that copy wins. The exercises are those with a folder in `checker/exercises/`.
fn pristine_files(checker: &Path) -> Vec<(String, String, PathBuf)> {
    let exported = checker.join("pristine");
    let (root, exercises) = if exported.is_dir() {
        println!("cargo::rerun-if-changed=pristine");
        (exported.clone(), folders(&exported))
    } else {
        (
            checker.join("../exercises"),
            folders(&checker.join("exercises")),
        )
    };
    let mut found = Vec::new();
    for exercise in exercises {
        let name = exercise.file_name().unwrap().to_string_lossy().into_owned();
        // (`lab::integrity::FILES`.)
        for file in ["Cargo.toml", "clippy.toml"] {
            let path = root.join(&name).join(file);
            if path.is_file() {
                found.push((name.clone(), file.to_string(), path));
            }
        }
    }
    found
}

/// The folders in `dir`, in name order.
fn folders(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

/// Each language's catalog, whole: `i18n/<lang>.ftl` (the checker's own messages), then the
/// `<lang>.ftl` of every exercise's and family's folder (`exercises/<name>/`,
/// `src/exercises/families/<family>/`: the titles, hints and messages only its tests use), each
/// part after a comment that names its file, into `OUT_DIR/<lang>.ftl` (`base::i18n`).
fn catalogs(checker: &Path) {
    println!("cargo::rerun-if-changed=i18n");
    println!("cargo::rerun-if-changed=exercises");
    println!("cargo::rerun-if-changed=src/exercises/families");
    let mut folders_read = folders(&checker.join("exercises"));
    folders_read.extend(folders(&checker.join("src/exercises/families")));
    for lang in ["en", "ko"] {
        let own = checker.join("i18n").join(format!("{lang}.ftl"));
        let mut whole = std::fs::read_to_string(&own).unwrap();
        for folder in &folders_read {
            let part = folder.join(format!("{lang}.ftl"));
            if let Ok(text) = std::fs::read_to_string(&part) {
                let rel = part.strip_prefix(checker).unwrap_or(&part);
                let _ = write!(whole, "\n\n## checker/{}\n\n{text}", rel.display());
            }
        }
        let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join(format!("{lang}.ftl"));
        std::fs::write(dest, whole).unwrap();
    }
}
