//! The check of `checker verify` that every line of hint code in a stub (a line that starts
//! with `//>`) compiles, and keeps the exercise's rules, in its place once the `//>` is removed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::base::files::rust_files;
use crate::base::workspace::Tree;
use crate::compile::cargo::run_cargo;
use crate::compile::stage;
use crate::exercises;

use crate::authoring::stub_comments::HINT_CODE;

/// A stub's text with its hint code made code: `//> x` becomes `x`, indentation kept.
pub fn uncomment_hints(text: &str) -> String {
    text.lines()
        .map(|line| {
            let body = line.trim_start();
            match body.strip_prefix(HINT_CODE) {
                Some(code) => {
                    let indent = &line[..line.len() - body.len()];
                    format!("{indent}{}", code.strip_prefix(' ').unwrap_or(code))
                }
                None => line.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// Build every stub with its hint code uncommented, through the checker's own trusted staging
/// (the lab's manifests and rules) and clippy: every hint must compile in its place and keep the
/// exercise's rules. The copies live in the lab's `target/`, so cargo's cache holds from one
/// run to the next.
pub fn hints_compile(lab: &Path) -> Result<Vec<String>> {
    let tree_dir: PathBuf = lab.join("target/checker-build/hint-code/exercises");
    let tree = Tree::at(tree_dir.clone(), None);
    let mut workspace = None;
    let mut with_hints = Vec::new();
    for ex in exercises::ALL {
        if copy_with_hints_uncommented(lab, &tree_dir, ex.name)? {
            with_hints.push(ex.name);
        }
        let staged = stage::stage(&tree, ex)?;
        workspace = staged
            .package_dir
            .parent()
            .and_then(Path::parent)
            .map(Path::to_path_buf);
    }
    let Some(workspace) = workspace else {
        return Ok(Vec::new());
    };
    let target = stubs_target_dir(lab)?;
    let mut args = vec!["clippy", "--workspace", "--all-targets"];
    let target = target.map(|t| t.to_string_lossy().into_owned());
    if let Some(t) = &target {
        args.extend(["--target-dir", t.as_str()]);
    }
    let run = run_cargo(&args, &workspace.join("Cargo.toml"), &[], false)?;
    // A binary is checked twice (as a binary and as its test target): one report per error.
    let mut seen = BTreeSet::new();
    let mut problems: Vec<String> = run
        .diagnostics
        .iter()
        .filter(|d| d.level == "error" && seen.insert(d.rendered.clone()))
        .map(|d| {
            format!(
                "a hint does not compile as written (the `//>` lines, uncommented):\n{}",
                d.rendered.trim_end()
            )
        })
        .collect();
    if !run.success && problems.is_empty() {
        problems.push(format!(
            "building the stubs with their hints failed:\n{}",
            run.stderr.trim_end()
        ));
    }
    if with_hints.is_empty() {
        problems.push("no stub has hint code (`//>` lines): nothing was checked".to_string());
    }
    Ok(problems)
}

/// Copy the stub `name`'s sources under `tree_dir`, each `//>` line uncommented (a copy
/// already the same is left alone, for cargo's cache): whether the stub has any hint code.
fn copy_with_hints_uncommented(lab: &Path, tree_dir: &Path, name: &str) -> Result<bool> {
    let src = lab.join("exercises").join(name).join("src");
    let files = rust_files(&src);
    let has_hints = files.iter().any(|f| {
        std::fs::read_to_string(&f.path)
            .is_ok_and(|t| t.lines().any(|l| l.trim_start().starts_with(HINT_CODE)))
    });
    for file in files {
        let text = std::fs::read_to_string(&file.path)
            .with_context(|| format!("reading {}", file.path.display()))?;
        let copy = tree_dir.join(name).join("src").join(&file.rel);
        std::fs::create_dir_all(copy.parent().unwrap_or(tree_dir))?;
        let content = uncomment_hints(&text);
        if std::fs::read_to_string(&copy).ok().as_deref() != Some(content.as_str()) {
            std::fs::write(&copy, content)?;
        }
    }
    Ok(has_hints)
}

/// The stubs' own trusted workspace already holds nix, checked by the `rules` tests: its target
/// directory is shared. (The per-tree feature of stage.rs keeps the two trees' units apart.)
fn stubs_target_dir(lab: &Path) -> Result<Option<PathBuf>> {
    let stubs = Tree::at(lab.join("exercises"), None);
    Ok(match exercises::ALL.first() {
        Some(ex) => stage::stage(&stubs, ex)?
            .package_dir
            .parent()
            .and_then(Path::parent)
            .map(|ws| ws.join("target")),
        None => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hint_lines_become_code_with_their_indentation() {
        let stub =
            "fn f() {\n    // TODO 1.\n    //> let x = 1;\n    //>     y(x);\n    todo!()\n}";
        assert_eq!(
            uncomment_hints(stub),
            "fn f() {\n    // TODO 1.\n    let x = 1;\n        y(x);\n    todo!()\n}\n"
        );
    }
}
