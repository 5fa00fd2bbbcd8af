//! Building what is graded, always with cargo as a subprocess: the checker never links student
//! code. Artifact paths come from `--message-format=json`, never guessed; when a package does not
//! compile, the compiler's own diagnostics are shown. The exercise's rules are checked with
//! clippy (disallowed methods and types from the package's clippy.toml, lints from its
//! `[lints]` table), on resolved paths rather than text.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::catalog::{Exercise, Kind};
use crate::harness;
use crate::workspace::{self, Tree};

/// A graded package, built.
#[derive(Clone, Debug)]
pub struct Built {
    pub package_dir: PathBuf,
    /// Binary name -> path, for program exercises.
    pub executables: BTreeMap<String, PathBuf>,
    /// The harness binary, for library exercises.
    pub harness: Option<PathBuf>,
    /// Programs given with `--program NAME=PATH` instead of being built.
    pub external: std::collections::BTreeSet<String>,
}

pub enum BuildOutcome {
    Built(Built),
    /// No package at the expected place.
    Missing(String),
    DoesNotCompile {
        summary: String,
        /// The compiler's (or cargo's) own diagnostics.
        diagnostics: String,
    },
}

/// What to say when cargo cannot be started at all (the checker cannot do its job: exit 2).
pub fn cargo_missing(e: std::io::Error) -> anyhow::Error {
    anyhow::Error::new(CargoMissing(e))
}

#[derive(Debug)]
pub struct CargoMissing(pub std::io::Error);

impl std::fmt::Display for CargoMissing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "could not run cargo ({}): install Rust with rustup (https://rustup.rs) and make sure `cargo` is on your PATH",
            self.0
        )
    }
}

impl std::error::Error for CargoMissing {}

/// One compiler message from cargo's JSON stream.
#[derive(Debug, Clone)]
struct Diagnostic {
    level: String,
    code: Option<String>,
    rendered: String,
    /// The package directory the message belongs to.
    package_dir: Option<PathBuf>,
    has_spans: bool,
}

struct CargoRun {
    success: bool,
    /// (package dir, target name) -> executable
    executables: BTreeMap<(PathBuf, String), PathBuf>,
    diagnostics: Vec<Diagnostic>,
    /// cargo's own messages (not the compiler's): manifest errors and the like.
    stderr: String,
}

fn run_cargo(
    args: &[&str],
    manifest: &Path,
    env: &[(&str, &Path)],
    color: bool,
) -> Result<CargoRun> {
    let mut cmd = workspace::cargo_command();
    let format = if color {
        "json-diagnostic-rendered-ansi"
    } else {
        "json"
    };
    // Cargo reads configuration files from its working directory upwards: it runs beside the
    // trusted manifest, never in a student's tree.
    if let Some(dir) = manifest.parent() {
        cmd.current_dir(dir);
    }
    cmd.args(args)
        .arg("--manifest-path")
        .arg(manifest)
        .arg(format!("--message-format={format}"))
        .env("CARGO_TERM_COLOR", if color { "always" } else { "never" });
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = crate::supervise::run_to_completion(&mut cmd).map_err(cargo_missing)?;
    let mut run = CargoRun {
        success: out.status.success(),
        executables: BTreeMap::new(),
        diagnostics: Vec::new(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    for line in out.stdout.split(|&b| b == b'\n') {
        let Ok(msg) = serde_json::from_slice::<serde_json::Value>(line) else {
            continue;
        };
        let package_dir = msg
            .get("package_id")
            .and_then(|p| p.as_str())
            .and_then(package_dir_of);
        match msg.get("reason").and_then(|r| r.as_str()) {
            Some("compiler-artifact") => {
                let exe = msg.get("executable").and_then(|e| e.as_str());
                let name = msg.pointer("/target/name").and_then(|n| n.as_str());
                if let (Some(exe), Some(name), Some(dir)) = (exe, name, package_dir) {
                    run.executables
                        .insert((dir, name.to_string()), PathBuf::from(exe));
                }
            }
            Some("compiler-message") => {
                let m = &msg["message"];
                run.diagnostics.push(Diagnostic {
                    level: m["level"].as_str().unwrap_or_default().to_string(),
                    code: m
                        .pointer("/code/code")
                        .and_then(|c| c.as_str())
                        .map(str::to_string),
                    rendered: m["rendered"].as_str().unwrap_or_default().to_string(),
                    package_dir,
                    has_spans: m["spans"].as_array().is_some_and(|s| !s.is_empty()),
                });
            }
            _ => {}
        }
    }
    Ok(run)
}

/// `path+file:///work/lab/exercises/day2-echo#0.1.0` -> `/work/lab/exercises/day2-echo`.
fn package_dir_of(package_id: &str) -> Option<PathBuf> {
    let rest = package_id.strip_prefix("path+file://")?;
    let path = PathBuf::from(rest.split('#').next()?);
    // Compare like with like: the checker canonicalizes the paths it looks for.
    Some(path.canonicalize().unwrap_or(path))
}

/// The errors among the diagnostics, as the compiler printed them.
fn rendered_errors(run: &CargoRun) -> String {
    let mut text: Vec<String> = run
        .diagnostics
        .iter()
        .filter(|d| d.level == "error" && d.has_spans)
        .map(|d| d.rendered.trim_end().to_string())
        .collect();
    if text.is_empty() {
        // cargo itself failed (a manifest error, a missing workspace): show what it said.
        text.extend(
            run.stderr
                .lines()
                .filter(|l| {
                    !l.trim_start().starts_with("Compiling")
                        && !l.trim_start().starts_with("Checking")
                })
                .map(str::to_string),
        );
    }
    text.join("\n")
}

/// Build the package of `exercise` in `tree` (and its harness, for a library).
pub fn build(tree: &Tree, exercise: &Exercise, color: bool) -> Result<BuildOutcome> {
    let package_dir = tree.package_dir(exercise.name);
    let manifest = package_dir.join("Cargo.toml");
    if !manifest.is_file() {
        return Ok(BuildOutcome::Missing(format!(
            "there is no package at {} (expected {})",
            package_dir.display(),
            manifest.display()
        )));
    }
    // Built from a trusted copy, never in the student's tree (see stage.rs).
    let staged = crate::stage::stage(tree, exercise)?;
    let manifest = staged.package_dir.join("Cargo.toml");
    let package_dir = staged
        .package_dir
        .canonicalize()
        .context("resolving the package directory")?;
    let workspace = match workspace::metadata(&manifest) {
        Ok(ws) => ws,
        Err(e) if e.downcast_ref::<CargoMissing>().is_some() => return Err(e),
        Err(e) => {
            return Ok(BuildOutcome::DoesNotCompile {
                summary: "cargo cannot read the package (its Cargo.toml or its workspace)".into(),
                diagnostics: format!("{e:#}"),
            });
        }
    };
    match &exercise.kind {
        Kind::Programs { binaries } => {
            let executables = match build_binaries(exercise, &package_dir, binaries, color)? {
                Ok(executables) => executables,
                Err(outcome) => return Ok(outcome),
            };
            Ok(BuildOutcome::Built(Built {
                package_dir,
                executables,
                harness: None,
                external: Default::default(),
            }))
        }
        Kind::Library {
            calls,
            harness_deps,
            binaries,
        } => {
            // The package's own programs first: their errors are the student's, as cargo
            // prints them.
            let executables = match build_binaries(exercise, &package_dir, binaries, color)? {
                Ok(executables) => executables,
                Err(outcome) => return Ok(outcome),
            };
            let source =
                harness::generate(&workspace, exercise.name, &package_dir, calls, harness_deps)?;
            // The harness has a target dir of its own, intermediate artifacts included: every
            // harness crate sits at the root of its own workspace, and cargo names such units
            // by their path relative to that root, so two graded trees sharing one build
            // directory would take each other's harness for up to date.
            let target = source.target_dir.clone();
            let run = run_cargo(
                &["build", "--target-dir", &target.to_string_lossy()],
                &source.manifest,
                &[("CARGO_BUILD_BUILD_DIR", &target)],
                color,
            )?;
            if !run.success {
                let student_errors = run
                    .diagnostics
                    .iter()
                    .any(|d| d.level == "error" && d.package_dir.as_deref() == Some(&package_dir));
                let summary = if student_errors || run.diagnostics.is_empty() {
                    format!("`{}` does not compile", exercise.name)
                } else {
                    format!(
                        "`{}` compiles, but the checker cannot call its functions: a public \
                         signature differs from the stub's (compare with the doc comments)",
                        exercise.name
                    )
                };
                return Ok(BuildOutcome::DoesNotCompile {
                    summary,
                    diagnostics: rendered_errors(&run),
                });
            }
            let harness_dir = source
                .manifest
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default();
            let harness_dir = harness_dir.canonicalize().unwrap_or(harness_dir);
            let binary = run
                .executables
                .iter()
                .find(|((dir, _), _)| dir == &harness_dir)
                .map(|(_, path)| path.clone())
                .context("cargo built the harness but reported no executable for it")?;
            Ok(BuildOutcome::Built(Built {
                package_dir,
                executables,
                harness: Some(binary),
                external: Default::default(),
            }))
        }
    }
}

/// Build the package's `binaries` (none: nothing to do) and find each one's executable, or the
/// outcome that says why they could not be built.
fn build_binaries(
    exercise: &Exercise,
    package_dir: &Path,
    binaries: &[&str],
    color: bool,
) -> Result<Result<BTreeMap<String, PathBuf>, BuildOutcome>> {
    let mut executables = BTreeMap::new();
    if binaries.is_empty() {
        return Ok(Ok(executables));
    }
    let run = run_cargo(
        &["build", "--bins"],
        &package_dir.join("Cargo.toml"),
        &[],
        color,
    )?;
    if !run.success {
        return Ok(Err(BuildOutcome::DoesNotCompile {
            summary: format!("`cargo build` failed for {}", exercise.name),
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
                    summary: format!(
                        "the package has no binary named `{bin}`: it must stay at src/bin/{bin}.rs"
                    ),
                    diagnostics: String::new(),
                }));
            }
        }
    }
    Ok(Ok(executables))
}

/// Programs given with `--program NAME=PATH`: nothing to build.
pub fn external(programs: &[(String, PathBuf)]) -> BuildOutcome {
    BuildOutcome::Built(Built {
        package_dir: PathBuf::new(),
        executables: programs.iter().cloned().collect(),
        harness: None,
        external: programs.iter().map(|(name, _)| name.clone()).collect(),
    })
}

/// The lints that express an exercise's rules. An error from any of them is a broken rule.
const RULE_LINTS: &[&str] = &[
    "clippy::disallowed_methods",
    "clippy::disallowed_types",
    "clippy::disallowed_macros",
    "unsafe_code",
    // `#[allow(...)]` on a forbidden lint: an attempt to switch a rule off.
    "E0453",
];

/// Run clippy on the package and return each broken rule, as clippy explains it.
pub fn rule_violations(built: &Built, exercise: &Exercise, color: bool) -> Result<Vec<String>> {
    let manifest = built.package_dir.join("Cargo.toml");
    let targets: &[&str] = match exercise.kind {
        Kind::Library { binaries: &[], .. } => &["clippy", "--lib"],
        Kind::Library { .. } => &["clippy", "--lib", "--bins"],
        Kind::Programs { .. } => &["clippy", "--bins"],
    };
    let run = run_cargo(targets, &manifest, &[], color)?;
    if !run.success && run.diagnostics.is_empty() && run.stderr.contains("no such command") {
        anyhow::bail!("clippy is not installed: run `rustup component add clippy`");
    }
    Ok(run
        .diagnostics
        .iter()
        .filter(|d| d.level == "error")
        .filter(|d| d.code.as_deref().is_some_and(|c| RULE_LINTS.contains(&c)))
        .map(|d| d.rendered.trim_end().to_string())
        .collect())
}

/// The `rules` test of every exercise.
pub fn rules_test(ctx: &mut crate::context::Ctx) -> crate::verdict::TestResult {
    let violations = rule_violations(ctx.built, ctx.exercise, false)?;
    if violations.is_empty() {
        return Ok(());
    }
    Err(crate::verdict::Failure::of_kind(
        crate::hints::Kind::Rule,
        format!(
            "{} breaks its rules ({} flagged by clippy)",
            ctx.exercise.name,
            crate::escape::plural(violations.len(), "place")
        ),
    )
    .output(violations.join("\n")))
}
