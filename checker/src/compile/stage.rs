//! The trusted build tree. Nothing a student writes may change how their code is built: a
//! `build.rs`, a `.cargo/config.toml` (a `runner`, a `rustc-wrapper`, an `[alias]`), a
//! `rust-toolchain.toml`, a `[patch]` in the workspace manifest, an edited exercise manifest.
//! So the checker never builds in the student's tree: it copies each graded exercise's Rust
//! sources (`src/**/*.rs`, nothing else) next to the lab's pristine manifest and rules, into a
//! workspace of its own under the lab's `target/checker-build/`, whose root manifest and lock
//! file are the lab's, and runs cargo there. Cargo finds no configuration file of the
//! student's (none is an ancestor of that directory), and rustup no toolchain file.
//!
//! Copies are written only when their content changes, so cargo's cache holds from one run to
//! the next; a source the student deleted is deleted from the copy.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::base::files::{rust_files, sync_files, write_if_changed};
use crate::base::hash::fnv;
use crate::base::workspace::{self, Tree};
use crate::lab::exercise::Exercise;
use crate::lab::integrity;

/// An exercise's package, staged for building.
pub struct Staged {
    /// The package's directory in the trusted workspace.
    pub package_dir: PathBuf,
}

/// Where the graded tree `tree` is built: one trusted workspace per tree, and in it the folder
/// that holds the packages, named like the tree (`exercises`, `solutions`, or the last part of
/// a `--root` path) so that the paths the compiler and panics print read as the student's own:
/// `exercises/day2-echo/src/bin/echo-server.rs:12:5`.
fn workspace_dir(tree: &Tree) -> (PathBuf, String) {
    let lab = workspace::lab_root();
    // One per track too: a tree that changed track (a folder graded as Rust, then as C) must
    // not leave C packages without a manifest among a Rust workspace's members.
    let track = match tree.track {
        workspace::Track::Rust => "",
        workspace::Track::C => "\0c",
    };
    let id = format!(
        "{:012x}",
        fnv(format!("{}{track}", tree.dir.to_string_lossy()).as_bytes()) >> 16
    );
    let folder = tree
        .dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.is_empty() && n != "target")
        .unwrap_or_else(|| "packages".to_string());
    (lab.join("target/checker-build").join(id), folder)
}

/// The trusted workspace `tree` is built in.
pub fn workspace(tree: &Tree) -> PathBuf {
    workspace_dir(tree).0
}

/// Where exercise `name` of `tree` is copied to be built.
pub fn package_dir(tree: &Tree, name: &str) -> PathBuf {
    let (ws, folder) = workspace_dir(tree);
    ws.join(folder).join(name)
}

/// Copy `exercise` of `tree` into its trusted workspace.
pub fn stage(tree: &Tree, exercise: &Exercise) -> Result<Staged> {
    let lab = workspace::lab_root();
    let (ws, folder) = workspace_dir(tree);
    // The lab's own workspace manifest, with the staged packages as its members. (Members sit
    // one level down, in a folder named after the tree: cargo names a member's build units by
    // its path relative to the workspace root, and trees may share one build directory.)
    let root = std::fs::read_to_string(lab.join("Cargo.toml"))
        .with_context(|| format!("reading {}", lab.join("Cargo.toml").display()))?;
    let manifest: Vec<String> = root
        .lines()
        .filter(|l| !l.trim_start().starts_with("exclude"))
        .map(|l| {
            if l.trim_start().starts_with("members") {
                format!("members = [\"{folder}/*\"]")
            } else {
                l.to_string()
            }
        })
        .collect();
    write_if_changed(
        &ws.join("Cargo.toml"),
        (manifest.join("\n") + "\n").as_bytes(),
    )?;
    let lock = ws.join("Cargo.lock");
    if !lock.exists()
        && let Ok(content) = std::fs::read(lab.join("Cargo.lock"))
    {
        write_if_changed(&lock, &content)?;
    }
    let package_dir = ws.join(&folder).join(exercise.name);
    for (file, content) in integrity::pristine_files(exercise.name) {
        let content = if file == "Cargo.toml" {
            with_tree_feature(&with_libc_as_nix_asks(content), &ws)
        } else {
            content.to_string()
        };
        write_if_changed(&package_dir.join(file), content.as_bytes())?;
    }
    sync_files(
        &tree.package_dir(exercise.name).join("src"),
        &package_dir.join("src"),
        rust_files,
    )?;
    Ok(Staged { package_dir })
}

/// The package manifest with a feature named after the trusted workspace, on by default.
/// Cargo names a workspace member's build units by its path relative to the workspace root
/// (`exercises/day2-echo`), so two graded trees built through one shared build directory
/// (`CARGO_BUILD_BUILD_DIR`, as a grader of a whole class may set, and as the project's tests
/// do) would share units, and the older sources of one would pass for up to date against the
/// other's newer build: one student's binary graded as another's. The enabled features are part
/// of a unit's identity: with one per tree, units never mix, while the dependencies (nix) are
/// still built once.
fn with_tree_feature(manifest: &str, ws: &Path) -> String {
    let id = ws
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let feature = format!("checker-tree-{id}");
    let lines = format!("default = [\"{feature}\"]\n{feature} = []\n");
    under_heading(manifest, "[features]", &lines).unwrap_or_else(|| {
        format!(
            "{}\n# Added by the checker: this graded tree's own build units (see compile/stage.rs).\n[features]\n{lines}",
            manifest.trim_end()
        )
    })
}

/// `manifest` with `lines` first in its section `heading` (`[features]`), if it has one.
fn under_heading(manifest: &str, heading: &str, lines: &str) -> Option<String> {
    let heading = format!("\n{heading}\n");
    let after = manifest.find(&heading)? + heading.len();
    Some(format!(
        "{}{lines}{}",
        &manifest[..after],
        &manifest[after..]
    ))
}

/// The package manifest, for a package with dependencies but not nix, with libc as nix asks for it
/// (its `extra_traits` feature) under a name no lesson uses. Cargo resolves the features of a
/// package built alone (`--manifest-path`, as here) for that package only: day6-async's tokio,
/// and the mio, socket2 and libc beneath it, came out as units of their own, where every other
/// exercise, the lab's whole-workspace builds and the references' (whose units seed the project
/// tests' build directories) have libc with nix's feature: tokio compiled twice in each build
/// directory (docs/maintainers.md). With the feature asked for here, a package built alone makes
/// the very units the whole workspace made. Nothing of the student's changes: no lesson names
/// this dependency, and the student's own manifest is untouched. (Code that named it would build
/// here and not in the student's tree; what it reaches, an `unsafe extern "C"` block reaches
/// as well. A package that asks for libc itself is left alone: cargo refuses one crate twice.)
fn with_libc_as_nix_asks(manifest: &str) -> String {
    let names = |krate: &str| {
        manifest.lines().any(|l| {
            let l = l.trim_start();
            [" ", "=", "."]
                .iter()
                .any(|after| l.starts_with(&format!("{krate}{after}")))
                || l.contains(&format!("package = \"{krate}\""))
        })
    };
    if names("nix") || names("libc") {
        return manifest.to_string();
    }
    // A package with no dependencies (day1-endian) builds no libc at all: nothing to align.
    under_heading(
        manifest,
        "[dependencies]",
        "checker-libc-as-nix-asks = { package = \"libc\", version = \"0.2\", features = [\"extra_traits\"] }\n",
    )
    .unwrap_or_else(|| manifest.to_string())
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use crate::base::workspace;

    /// Each package's versions in a lock file.
    fn versions(lock: &str) -> BTreeMap<String, BTreeSet<String>> {
        let lock: toml::Table = toml::from_str(lock).expect("a lock file is TOML");
        let mut versions: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for package in lock["package"].as_array().into_iter().flatten() {
            if let (Some(name), Some(version)) =
                (package["name"].as_str(), package["version"].as_str())
            {
                versions
                    .entry(name.into())
                    .or_default()
                    .insert(version.into());
            }
        }
        versions
    }

    /// A staged workspace takes its graded tree's lock file: the stubs' (the lab's) and the
    /// references' (`solutions/`). A crate they lock at two versions is two builds of every
    /// unit above it in a build directory both reach (four patch versions apart, a clean-clone
    /// CI run built tokio 20 times; in step, 13). An export has no references: nothing to
    /// compare there.
    #[test]
    fn the_stubs_and_the_references_lock_the_same_versions() {
        let lab = workspace::lab_root();
        let Ok(solutions) = std::fs::read_to_string(lab.join("solutions/Cargo.lock")) else {
            return;
        };
        let stubs = versions(&std::fs::read_to_string(lab.join("Cargo.lock")).unwrap());
        let references = versions(&solutions);
        let apart: Vec<String> = (stubs.iter())
            .filter_map(|(name, ours)| {
                let theirs = references.get(name)?;
                (ours != theirs).then(|| {
                    format!("{name}: {ours:?} in Cargo.lock, {theirs:?} in solutions/Cargo.lock")
                })
            })
            .collect();
        assert!(
            apart.is_empty(),
            "the two lock files disagree (`cargo update -p <crate> --precise <version>` in one of them):\n{}",
            apart.join("\n")
        );
    }

    /// A package with dependencies but not nix (day6-async: tokio) is built with libc as nix asks
    /// for it, so that tokio's units are the whole workspace's; one with nix, or with no
    /// dependency at all, is staged as it is.
    #[test]
    fn only_a_package_without_nix_is_given_libc_as_nix_asks() {
        let lab = workspace::lab_root();
        let manifest = |name: &str| {
            std::fs::read_to_string(lab.join("exercises").join(name).join("Cargo.toml")).unwrap()
        };
        let asked =
            |m: &str| super::with_libc_as_nix_asks(m).contains("features = [\"extra_traits\"]");
        assert!(asked(&manifest("day6-async")));
        let staged = super::with_libc_as_nix_asks(&manifest("day6-async"));
        let libc = staged.find("checker-libc-as-nix-asks").unwrap();
        assert!(staged[..libc].ends_with("\n[dependencies]\n"), "{staged}");
        for name in ["day2-echo", "day7-broker", "day1-endian"] {
            let m = manifest(name);
            assert_eq!(super::with_libc_as_nix_asks(&m), m, "{name}");
        }
        let own_libc = "[package]\nname = \"x\"\n\n[dependencies]\nlibc = \"0.2\"\ntokio = \"1\"\n";
        assert_eq!(super::with_libc_as_nix_asks(own_libc), own_libc);
    }
}
