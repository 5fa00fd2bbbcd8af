//! Embeds the pristine copies of the files students must not edit (`checker/pristine/`: each
//! exercise's manifest and rules), so that `checker --ci` can compare a submission's with the
//! lab's own, and `checker verify` can check that the three copies agree.

use std::fmt::Write;
use std::path::Path;

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
    println!("cargo::rerun-if-changed=pristine");
    println!("cargo::rerun-if-changed=build");
    // At run time, not env!(): a build script binary may be reused from a copy of the lab
    // elsewhere (same fingerprint), and must read this copy's files.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let root = Path::new(&manifest_dir).join("pristine");
    let mut exercises: Vec<_> = std::fs::read_dir(&root)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    exercises.sort();
    let mut out = String::from(
        "/// (exercise, file, pristine content)\npub static PRISTINE: &[(&str, &str, &str)] = &[\n",
    );
    for dir in exercises.iter().filter(|p| p.is_dir()) {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        for file in files.iter().filter(|p| p.is_file()) {
            let exercise = dir.file_name().unwrap().to_string_lossy();
            let name = file.file_name().unwrap().to_string_lossy();
            // The content itself, not include_str!(absolute path): a build reused from a copy
            // of the lab elsewhere (same fingerprint) must not point into a directory that is
            // gone.
            let content = std::fs::read_to_string(file).unwrap();
            let _ = writeln!(out, "    ({exercise:?}, {name:?}, {content:?}),");
        }
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("pristine.rs");
    std::fs::write(dest, out).unwrap();
    catalogs(Path::new(&manifest_dir));
}

/// Each language's catalog, whole: `i18n/<lang>.ftl` (the checker's own messages), then the
/// `<lang>.ftl` of every exercise's and family's folder (`src/exercises/<module>/`,
/// `src/exercises/families/<family>/`: the titles, hints and messages only its tests use), each
/// part after a comment that names its file, into `OUT_DIR/<lang>.ftl` (`base::i18n`).
fn catalogs(checker: &Path) {
    println!("cargo::rerun-if-changed=i18n");
    println!("cargo::rerun-if-changed=src/exercises");
    let mut folders = Vec::new();
    for parent in ["src/exercises", "src/exercises/families"] {
        let mut found: Vec<_> = std::fs::read_dir(checker.join(parent))
            .map(|d| {
                d.flatten()
                    .map(|e| e.path())
                    .filter(|p| p.is_dir())
                    .collect()
            })
            .unwrap_or_default();
        found.sort();
        folders.extend(found);
    }
    for lang in ["en", "ko"] {
        let own = checker.join("i18n").join(format!("{lang}.ftl"));
        let mut whole = std::fs::read_to_string(&own).unwrap();
        for folder in &folders {
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
