//! Cargo as a subprocess: the checker never links student code. Artifact paths come from
//! `--message-format=json`, never guessed; when a package does not compile, the compiler's own
//! diagnostics are shown. Cargo always runs beside the manifest it is given (the checker's
//! trusted copy, see stage.rs), so no configuration file of a student's applies.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::contain::reaper;
use crate::lab::exercise::ExerciseKind;

/// The cargo workspace a package belongs to, as `cargo metadata` reports it.
#[derive(Clone, Debug)]
pub struct Workspace {
    pub root: PathBuf,
}

/// The cargo binary: the one that runs us under `cargo run`, else `cargo` on the PATH.
pub fn cargo_command() -> std::process::Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    std::process::Command::new(cargo)
}

/// Ask cargo which workspace holds the package at `manifest`.
pub fn metadata(manifest: &Path) -> Result<Workspace> {
    let mut cmd = cargo_command();
    cmd.args([
        "metadata",
        "--no-deps",
        "--format-version",
        "1",
        "--manifest-path",
    ])
    .arg(manifest);
    if let Some(dir) = manifest.parent() {
        cmd.current_dir(dir);
    }
    let out = reaper::run_to_completion(&mut cmd).map_err(cargo_missing)?;
    if !out.status.success() {
        bail!("{}", String::from_utf8_lossy(&out.stderr).trim());
    }
    let meta: serde_json::Value =
        serde_json::from_slice(&out.stdout).context("reading `cargo metadata` output")?;
    let path = |key: &str| meta.get(key).and_then(|v| v.as_str()).map(PathBuf::from);
    let root = path("workspace_root").context("cargo metadata without workspace_root")?;
    Ok(Workspace { root })
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
pub struct Diagnostic {
    pub level: String,
    pub code: Option<String>,
    pub rendered: String,
    /// The package directory the message belongs to.
    pub package_dir: Option<PathBuf>,
    pub has_spans: bool,
}

pub struct CargoRun {
    pub success: bool,
    /// (package dir, target name) -> executable
    pub executables: BTreeMap<(PathBuf, String), PathBuf>,
    pub diagnostics: Vec<Diagnostic>,
    /// cargo's own messages (not the compiler's): manifest errors and the like.
    pub stderr: String,
}

pub fn run_cargo(
    args: &[&str],
    manifest: &Path,
    env: &[(&str, &Path)],
    color: bool,
) -> Result<CargoRun> {
    let mut cmd = cargo_command();
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
        .env("CARGO_TERM_COLOR", if color { "always" } else { "never" })
        // No debug info in what the checker builds: nothing reads it (its programs run
        // without backtraces, a panic names its line all the same); rustc writes less, and
        // cargo then strips the standard library's from each program it links.
        .env("CARGO_PROFILE_DEV_DEBUG", "false");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = reaper::run_to_completion(&mut cmd).map_err(cargo_missing)?;
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
        take_message(&mut run, &msg);
    }
    Ok(run)
}

/// One of cargo's JSON messages: an executable built, or a compiler diagnostic.
fn take_message(run: &mut CargoRun, msg: &serde_json::Value) {
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

/// `path+file:///work/lab/exercises/day2-echo#0.1.0` -> `/work/lab/exercises/day2-echo`. The id
/// is a URL: a lab cloned into `~/소켓 랩` is `/home/kim/%EC%86%8C%EC%BC%93%20%EB%9E%A9/...`
/// there, decoded here byte for byte.
fn package_dir_of(package_id: &str) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStringExt;
    let rest = package_id.strip_prefix("path+file://")?;
    let url = rest.split('#').next()?.as_bytes();
    let mut bytes = Vec::with_capacity(url.len());
    let mut i = 0;
    while i < url.len() {
        let hex = url
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (url[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                bytes.push(byte);
                i += 3;
            }
            (byte, _) => {
                bytes.push(byte);
                i += 1;
            }
        }
    }
    let path = PathBuf::from(std::ffi::OsString::from_vec(bytes));
    // Compare like with like: the checker canonicalizes the paths it looks for.
    Some(path.canonicalize().unwrap_or(path))
}

/// The warnings of `lint` (`unused_must_use`) on the code of the package in `package_dir`, as
/// the compiler printed them: a build that succeeds keeps them, for the report to show (they
/// fail nothing).
pub fn rendered_warnings(run: &CargoRun, package_dir: &Path, lint: &str) -> Vec<String> {
    run.diagnostics
        .iter()
        .filter(|d| d.level == "warning" && d.code.as_deref() == Some(lint) && d.has_spans)
        .filter(|d| d.package_dir.as_deref() == Some(package_dir))
        .map(|d| d.rendered.trim_end().to_string())
        .collect()
}

/// The errors among the diagnostics, as the compiler printed them.
pub fn rendered_errors(run: &CargoRun) -> String {
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

/// The warning a successful build keeps for the report: a `Result` left unused, whose error
/// would go unseen (the Korean report adds its fix).
pub const KEPT_WARNING: &str = "unused_must_use";

/// What clippy checks for an exercise's rules: its library, its programs, or both.
pub fn lint_targets(kind: &ExerciseKind) -> Vec<&'static str> {
    match *kind {
        ExerciseKind::Library { binaries: &[], .. } => vec!["--lib"],
        ExerciseKind::Library { .. } => vec!["--lib", "--bins"],
        ExerciseKind::Programs { .. } => vec!["--bins"],
    }
}

#[cfg(test)]
mod tests {
    /// A lab in a folder named in Korean, with a blank: cargo's package id says it in a URL.
    #[test]
    fn a_package_id_s_path_is_decoded() {
        let id = "path+file:///home/kim/%EC%86%8C%EC%BC%93%20%EB%9E%A9/exercises/day1-endian#0.1.0";
        assert_eq!(
            super::package_dir_of(id),
            Some(std::path::PathBuf::from(
                "/home/kim/소켓 랩/exercises/day1-endian"
            ))
        );
    }

    use super::*;

    fn diagnostic(level: &str, code: &str, dir: &str) -> Diagnostic {
        Diagnostic {
            level: level.into(),
            code: Some(code.into()),
            rendered: format!("{level}: {code}\n --> src/main.rs:3:5\n"),
            package_dir: Some(PathBuf::from(dir)),
            has_spans: true,
        }
    }

    /// Only the lint asked for, only a warning, only on the student's package.
    #[test]
    fn a_build_keeps_its_unused_must_use_warnings() {
        let run = CargoRun {
            success: true,
            executables: BTreeMap::new(),
            diagnostics: vec![
                diagnostic("warning", "unused_must_use", "/lab/day2-echo"),
                diagnostic("warning", "unused_variables", "/lab/day2-echo"),
                diagnostic("warning", "unused_must_use", "/lab/harness"),
                diagnostic("error", "unused_must_use", "/lab/day2-echo"),
            ],
            stderr: String::new(),
        };
        let kept = rendered_warnings(&run, Path::new("/lab/day2-echo"), "unused_must_use");
        assert_eq!(
            kept,
            vec!["warning: unused_must_use\n --> src/main.rs:3:5".to_string()]
        );
    }
}
