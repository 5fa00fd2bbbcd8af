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
}
