//! The sources that must be clean: the solutions (rustfmt and clippy) and the Rust the checker
//! keeps as files without compiling it itself (harness, shim, templates), each library
//! exercise's generated harness linted against its solution.

use std::path::Path;

use anyhow::{Context, Result};

use crate::base::files::{Found, rust_files};
use crate::base::workspace::{Tree, in_exercise_folder};
use crate::compile::{cargo, harness, stage};
use crate::contain::reaper;
use crate::exercises;
use crate::lab::exercise::ExerciseKind;
use crate::lab::selection;

/// rustfmt over every solution; clippy over the solutions of the exercises `graded` (every one
/// for `all`), as `verify day9-probe` grades only that one: a new exercise's check need not lint
/// (and build, on a fresh clone) every other solution.
pub(super) fn solutions_clean(lab: &Path, graded: &[String]) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let solutions = lab.join("solutions");
    let mut clippy = vec!["clippy".to_string(), "--all-targets".into(), "-q".into()];
    if graded != ["all"] {
        for selected in selection::select(exercises::ALL, graded)? {
            clippy.extend(["-p".to_string(), selected.exercise.name.to_string()]);
        }
    }
    clippy.extend(["--".to_string(), "-D".into(), "warnings".into()]);
    let fmt = ["fmt", "--all", "--check"].map(String::from).to_vec();
    for (what, args) in [
        ("cargo fmt --check", fmt),
        ("cargo clippy --all-targets -- -D warnings", clippy),
    ] {
        // As a maintainer runs it in solutions/, in that workspace's own target directory
        // (where `.ci/run`'s clippy left it), not in a build directory the environment shares
        // with graded trees, where it would check the whole workspace cold.
        let mut cmd = crate::compile::cargo::cargo_command();
        cmd.args(&args)
            .current_dir(&solutions)
            .env_remove("CARGO_BUILD_BUILD_DIR");
        let out =
            reaper::run_to_completion(&mut cmd).map_err(crate::compile::cargo::cargo_missing)?;
        if !out.status.success() {
            let text = String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr);
            problems.push(format!(
                "{what} fails in solutions/:\n{}",
                text.lines().take(15).collect::<Vec<_>>().join("\n")
            ));
        }
    }
    Ok(problems)
}

/// The Rust the checker keeps as files but does not compile itself: the harness sources, the
/// getaddrinfo shim, the templates of `checker new`. Each must be what rustfmt makes of it;
/// each library exercise's generated harness (against the solution) and the shim must pass
/// clippy with `-D warnings`, like the rest of the project.
pub(super) fn checker_sources_clean(lab: &Path) -> Result<Vec<String>> {
    let checker = lab.join("checker");
    let mut problems = not_rustfmt_clean(lab, &checker)?;
    problems.extend(generated_harnesses_linted(lab)?);
    let scratch = tempfile::tempdir().context("making a scratch directory for the shim")?;
    let mut cmd = std::process::Command::new("clippy-driver");
    cmd.args([
        "--edition",
        "2024",
        "--crate-type",
        "cdylib",
        "-D",
        "warnings",
        "-o",
    ])
    .arg(scratch.path().join("libshim.so"))
    .arg(checker.join("shims/getaddrinfo.rs"));
    problems.extend(lint_failure("checker/shims/getaddrinfo.rs", &mut cmd)?);
    Ok(problems)
}

/// The exercises' harness bridges and C shims (in their folders, no module of the checker's, so
/// `cargo fmt` never sees them).
fn exercise_bridges(checker: &Path) -> Vec<Found> {
    rust_files(&checker.join("exercises"))
        .into_iter()
        .filter(|f| {
            f.rel.ends_with(in_exercise_folder::HARNESS_CALLS)
                || f.is_under(in_exercise_folder::C_SHIM)
        })
        .collect()
}

/// The harness, shim and template sources that are not what rustfmt makes of them.
fn not_rustfmt_clean(lab: &Path, checker: &Path) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let mut files: Vec<_> = ["harness", "shims", "templates", "c-track"]
        .iter()
        .flat_map(|dir| rust_files(&checker.join(dir)))
        .chain(exercise_bridges(checker))
        .map(|f| f.path)
        .collect();
    files.sort();
    for file in &files {
        let text = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
        // Through stdin: rustfmt then formats the file alone (a harness's `mod calls;` is
        // another file only once generated).
        let mut cmd = std::process::Command::new("rustfmt");
        cmd.args(["--edition", "2024", "--emit", "stdout"]);
        let formatted = reaper::run_with_input(&mut cmd, Some(&text)).context("running rustfmt")?;
        if !formatted.status.success() || formatted.stdout != text {
            problems.push(format!(
                "{} is not rustfmt-clean: run `rustfmt --edition 2024 {}`",
                file.strip_prefix(lab).unwrap_or(file).display(),
                file.display()
            ));
        }
    }
    Ok(problems)
}

/// Each library exercise's harness, generated against its solution, through clippy.
fn generated_harnesses_linted(lab: &Path) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let solutions = Tree::at(lab.join("solutions"), Some("--solutions".into()));
    for exercise in exercises::ALL {
        let ExerciseKind::Library {
            calls,
            harness_deps,
            ..
        } = exercise.kind
        else {
            continue;
        };
        let staged = stage::stage(&solutions, exercise)?;
        let ws = cargo::metadata(&staged.package_dir.join("Cargo.toml"))?;
        let source =
            harness::generate(&ws, exercise.name, &staged.package_dir, calls, harness_deps)?;
        let mut cmd = cargo::cargo_command();
        cmd.args(["clippy", "-q", "--manifest-path"])
            .arg(&source.manifest)
            .arg("--target-dir")
            .arg(&source.target_dir)
            .args(["--", "-D", "warnings"]);
        problems.extend(lint_failure(
            &format!("the generated harness of {}", exercise.name),
            &mut cmd,
        )?);
    }
    Ok(problems)
}

/// Run a linter; its first lines of complaint, if it failed.
fn lint_failure(what: &str, cmd: &mut std::process::Command) -> Result<Option<String>> {
    let out = reaper::run_to_completion(cmd).with_context(|| format!("linting {what}"))?;
    if out.status.success() {
        return Ok(None);
    }
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    Ok(Some(format!(
        "{what} is not clippy-clean:\n{}",
        text.lines().take(15).collect::<Vec<_>>().join("\n")
    )))
}
