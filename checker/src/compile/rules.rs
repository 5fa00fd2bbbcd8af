//! An exercise's rules — the shortcuts that would skip its lesson, in its `clippy.toml` and
//! the `[lints]` of its manifest — checked with clippy on the trusted copy of its sources.

use anyhow::Result;

use super::cargo::run_cargo;
use super::reuse;
use crate::context::built::Built;

/// The lints that express an exercise's rules. An error from any of them is a broken rule.
const RULE_LINTS: &[&str] = &[
    "clippy::disallowed_methods",
    "clippy::disallowed_types",
    "clippy::disallowed_macros",
    "unsafe_code",
    // `#[allow(...)]` on a forbidden lint: an attempt to switch a rule off.
    "E0453",
];

/// Run clippy on the package and return each broken rule, as clippy explains it; what it said
/// of the same build before, if it was asked (`reuse`).
pub fn rule_violations(built: &Built, color: bool) -> Result<Vec<String>> {
    let turn = reuse::Turn::at(&built.package_dir);
    let key = reuse::rules_key(built, color);
    if let Some(violations) = key
        .as_deref()
        .and_then(|k| reuse::load_rules(&turn, built, k))
    {
        return Ok(violations);
    }
    let manifest = built.package_dir.join("Cargo.toml");
    let mut args = vec!["clippy"];
    args.extend(&built.lint_targets);
    let run = run_cargo(&args, &manifest, &[], color)?;
    if !run.success && run.diagnostics.is_empty() && run.stderr.contains("no such command") {
        anyhow::bail!("clippy is not installed: run `rustup component add clippy`");
    }
    let violations: Vec<String> = run
        .diagnostics
        .iter()
        .filter(|d| d.level == "error")
        .filter(|d| d.code.as_deref().is_some_and(|c| RULE_LINTS.contains(&c)))
        .map(|d| d.rendered.trim_end().to_string())
        .collect();
    // Only a verdict clippy gave: a run that failed otherwise (no clippy) is asked again.
    if let (Some(key), true) = (&key, run.success || !violations.is_empty()) {
        reuse::store_rules(&turn, built, key, &violations);
    }
    Ok(violations)
}
