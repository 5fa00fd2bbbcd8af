//! Building a graded exercise: its programs, and for a library the harness that calls it,
//! from the trusted copy of its sources (stage.rs), always with cargo as a subprocess.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::cargo::{
    self, CargoMissing, KEPT_WARNING, lint_targets, rendered_errors, rendered_warnings, run_cargo,
};
use super::harness::{self, Harness};
use super::{reuse, stage};
use crate::base::i18n::msg;
use crate::base::workspace::{Track, Tree};
use crate::context::built::{BuildOutcome, Built};
use crate::lab::exercise::{Exercise, ExerciseKind};

/// Build the package of `exercise` in `tree`, and its harness for a library when `harness`
/// says a test to run calls the library (a run of the programs' tests alone never waits for
/// it: day 7's harness is the broker's library compiled once more, tokio and all).
pub fn build(
    tree: &Tree,
    exercise: &Exercise,
    color: bool,
    harness: Harness,
) -> Result<BuildOutcome> {
    match (tree.track, exercise.c) {
        (Track::Rust, _) => rust(tree, exercise, color, harness),
        (Track::C, Some(c)) => super::c::build(tree, exercise, c, harness),
        (Track::C, None) => Ok(BuildOutcome::Missing(crate::base::export::not_on_c_track(
            exercise.name,
        ))),
    }
}

/// The package has no Cargo.toml where the lab puts it: said with both paths.
fn no_manifest(tree: &Tree, exercise: &Exercise) -> Option<BuildOutcome> {
    let package_dir = tree.package_dir(exercise.name);
    let manifest = package_dir.join("Cargo.toml");
    (!manifest.is_file()).then(|| {
        BuildOutcome::Missing(msg!(
            "build-no-package",
            dir = package_dir.display().to_string(),
            manifest = manifest.display().to_string()
        ))
    })
}

/// Build a Rust package with cargo, from a staged copy, reusing an earlier build of the same
/// files.
fn rust(tree: &Tree, exercise: &Exercise, color: bool, harness: Harness) -> Result<BuildOutcome> {
    if let Some(missing) = no_manifest(tree, exercise) {
        return Ok(missing);
    }
    // This checker's turn at the package, from staging to stamping (see reuse.rs).
    let turn = reuse::Turn::take(&stage::workspace(tree), exercise.name);
    // Built from a trusted copy, never in the student's tree (see stage.rs).
    let staged = stage::stage(tree, exercise)?;
    let manifest = staged.package_dir.join("Cargo.toml");
    let package_dir = staged
        .package_dir
        .canonicalize()
        .context("resolving the package directory")?;
    // Taken after staging: it hashes what cargo is about to read.
    let key = reuse::build_key(&package_dir, exercise, color);
    if let Some(built) = key
        .as_deref()
        .and_then(|k| reuse::load_build(&turn, &package_dir, exercise, k))
        .filter(|built| serves(harness, exercise, built))
    {
        return Ok(BuildOutcome::Built(built));
    }
    let binaries = match &exercise.kind {
        ExerciseKind::Programs { binaries } | ExerciseKind::Library { binaries, .. } => binaries,
    };
    // The package's own programs first: their errors are the student's, as cargo prints them.
    let (executables, mut warnings) = match build_binaries(exercise, &package_dir, binaries, color)?
    {
        Ok(built) => built,
        Err(outcome) => {
            return Ok(match read_workspace(&manifest)? {
                Ok(_) => outcome,
                Err(unreadable) => unreadable,
            });
        }
    };
    let dirs = (package_dir.as_path(), manifest.as_path());
    let harness = match library_harness(exercise, harness, dirs, color, &mut warnings)? {
        Ok(binary) => binary,
        Err(outcome) => return Ok(outcome),
    };
    let built = Built {
        by_hand_dir: None,
        package_dir,
        executables,
        harness,
        external: Default::default(),
        lint_targets: lint_targets(&exercise.kind),
        warnings,
        key,
    };
    reuse::store_build(&turn, &built);
    Ok(BuildOutcome::Built(built))
}

/// A build kept from an earlier run serves if it has the harness this run needs.
fn serves(harness: Harness, exercise: &Exercise, built: &Built) -> bool {
    harness == Harness::NotNeeded
        || built.harness.is_some()
        || matches!(exercise.kind, ExerciseKind::Programs { .. })
}

/// The workspace as cargo reads it: only a library's harness needs it, and a build that fails
/// asks it why (a manifest cargo cannot read is said so). Each run of cargo costs a tenth of a
/// second of CPU, and the suite builds every exercise: it is read only then.
fn read_workspace(manifest: &Path) -> Result<std::result::Result<cargo::Workspace, BuildOutcome>> {
    match cargo::metadata(manifest) {
        Ok(ws) => Ok(Ok(ws)),
        Err(e) if e.downcast_ref::<CargoMissing>().is_some() => Err(e),
        Err(e) => Ok(Err(BuildOutcome::DoesNotCompile {
            summary: msg!("build-cargo-cannot-read"),
            diagnostics: format!("{e:#}"),
        })),
    }
}

/// A library's harness, when a test to run needs it, generated against its workspace (`calls`
/// and `harness_deps` from the exercise) and built: its binary. Its warnings join `warnings`.
fn library_harness(
    exercise: &Exercise,
    needed: Harness,
    (package_dir, manifest): (&Path, &Path),
    color: bool,
    warnings: &mut Vec<String>,
) -> Result<std::result::Result<Option<PathBuf>, BuildOutcome>> {
    let ExerciseKind::Library {
        calls,
        harness_deps,
        ..
    } = &exercise.kind
    else {
        return Ok(Ok(None));
    };
    if needed == Harness::NotNeeded {
        return Ok(Ok(None));
    }
    let workspace = match read_workspace(manifest)? {
        Ok(ws) => ws,
        Err(outcome) => return Ok(Err(outcome)),
    };
    let source = harness::generate(&workspace, exercise.name, package_dir, calls, harness_deps)?;
    Ok(
        match harness::build(exercise, package_dir, &source, color)? {
            Ok((binary, more)) => {
                // The library is compiled for the programs and again for the harness: the same
                // warning, kept once.
                for warning in more {
                    if !warnings.contains(&warning) {
                        warnings.push(warning);
                    }
                }
                Ok(Some(binary))
            }
            Err(outcome) => Err(outcome),
        },
    )
}

/// A package's programs, built: each one's executable by name, and the kept warnings.
type Programs = (BTreeMap<String, PathBuf>, Vec<String>);

/// Build the package's `binaries` (none: nothing to do) and find each one's executable (and
/// the kept warnings), or the outcome that says why they could not be built.
fn build_binaries(
    exercise: &Exercise,
    package_dir: &Path,
    binaries: &[&str],
    color: bool,
) -> Result<Result<Programs, BuildOutcome>> {
    let mut executables = BTreeMap::new();
    if binaries.is_empty() {
        return Ok(Ok((executables, Vec::new())));
    }
    let run = run_cargo(
        &["build", "--bins"],
        &package_dir.join("Cargo.toml"),
        &[],
        color,
    )?;
    if !run.success {
        return Ok(Err(BuildOutcome::DoesNotCompile {
            summary: msg!("build-cargo-build-failed", exercise = exercise.name),
            diagnostics: rendered_errors(&run),
        }));
    }
    for &bin in binaries {
        match run
            .executables
            .get(&(package_dir.to_path_buf(), bin.to_string()))
        {
            Some(path) => {
                executables.insert(bin.to_string(), path.clone());
            }
            None => {
                return Ok(Err(BuildOutcome::DoesNotCompile {
                    summary: msg!("build-no-binary", bin = bin.to_string()),
                    diagnostics: String::new(),
                }));
            }
        }
    }
    let warnings = rendered_warnings(&run, package_dir, KEPT_WARNING);
    Ok(Ok((executables, warnings)))
}

/// The track of a run whose programs are given with `--program` (`commands::options` asks once;
/// the reports are worded for it): the graded tree's where it is C (or `--track c` says so);
/// else C unless one of them was built by rustc. A
/// program from elsewhere is most often C, and its student reads C's calls, not `Vec<u8>` or
/// `OwnedFd`. A Rust program keeps its compiler's mark (`rustc version` in `.comment`, the
/// standard library's `/rustc/<hash>/` paths in its panic locations), stripped or not.
pub fn program_track(tree: Track, programs: &[(String, PathBuf)]) -> Track {
    if tree == Track::C || programs.is_empty() {
        return tree;
    }
    let rust = |path: &PathBuf| {
        std::fs::read(path).is_ok_and(|bytes| {
            let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
            has(b"rustc version") || has(b"/rustc/")
        })
    };
    if programs.iter().any(|(_, path)| rust(path)) {
        Track::Rust
    } else {
        Track::C
    }
}

/// Programs given with `--program NAME=PATH`: nothing to build.
pub fn external(programs: &[(String, PathBuf)]) -> BuildOutcome {
    BuildOutcome::Built(Built {
        by_hand_dir: None,
        package_dir: PathBuf::new(),
        executables: programs.iter().cloned().collect(),
        harness: None,
        external: programs.iter().map(|(name, _)| name.clone()).collect(),
        lint_targets: Vec::new(),
        warnings: Vec::new(),
        key: None,
    })
}
