//! Walking a directory and writing files the way the checker always does: one walker (nothing
//! followed through a symbolic link, sorted, for stable hashes and messages) and one
//! write-if-changed (so that cargo's cache holds between runs).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// A file below a directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Its path relative to the directory walked.
    pub rel: PathBuf,
    pub path: PathBuf,
    /// A symbolic link (never followed; the caller decides whether it counts).
    pub symlink: bool,
}

impl Found {
    /// Whether a component of its relative path is `name` (a `target/` of build output).
    pub fn is_under(&self, name: &str) -> bool {
        self.rel.components().any(|c| c.as_os_str() == name)
    }
}

/// Every file below `dir` (a symbolic link is listed, never followed), sorted by path.
pub fn files_below(dir: &Path) -> Vec<Found> {
    let mut found = Vec::new();
    let mut queue = vec![dir.to_path_buf()];
    while let Some(d) = queue.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                queue.push(path);
                continue;
            }
            let rel = path.strip_prefix(dir).unwrap_or(&path).to_path_buf();
            found.push(Found {
                rel,
                path,
                symlink: kind.is_symlink(),
            });
        }
    }
    found.sort_by(|a, b| a.rel.cmp(&b.rel));
    found
}

/// Every file of a package (build output left out), by name and content, into `h`.
pub fn package_files(dir: &Path, h: &mut impl std::hash::Hasher) {
    use std::hash::Hash;
    for file in files_below(dir)
        .into_iter()
        .filter(|f| !f.is_under("target"))
    {
        file.rel.to_string_lossy().hash(h);
        if let Ok(content) = std::fs::read(&file.path) {
            content.hash(h);
        }
    }
}

/// The Rust sources below `dir` (regular files ending in `.rs`), sorted.
pub fn rust_files(dir: &Path) -> Vec<Found> {
    files_below(dir)
        .into_iter()
        .filter(|f| !f.symlink && f.rel.extension().is_some_and(|e| e == "rs"))
        .collect()
}

/// The C sources below `dir` (regular files ending in `.c` or `.h`), sorted.
pub fn c_files(dir: &Path) -> Vec<Found> {
    files_below(dir)
        .into_iter()
        .filter(|f| !f.symlink && f.rel.extension().is_some_and(|e| e == "c" || e == "h"))
        .collect()
}

/// Make `to` hold exactly `from`'s files that `pick` lists (`rust_files`, `c_files`), nothing
/// else of that kind: written only where they changed, so a build's cache holds.
pub fn sync_files(from: &Path, to: &Path, pick: fn(&Path) -> Vec<Found>) -> Result<()> {
    let mut wanted = std::collections::BTreeSet::new();
    for file in pick(from) {
        let content = std::fs::read(&file.path)
            .with_context(|| format!("reading {}", file.path.display()))?;
        write_if_changed(&to.join(&file.rel), &content)?;
        wanted.insert(file.rel);
    }
    for file in pick(to) {
        if !wanted.contains(&file.rel) {
            let _ = std::fs::remove_file(file.path);
        }
    }
    Ok(())
}

/// Write `content` to `path` (its directories made) unless it already holds it; whether it
/// wrote.
pub fn write_if_changed(path: &Path, content: &[u8]) -> Result<bool> {
    if std::fs::read(path).ok().as_deref() == Some(content) {
        return Ok(false);
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    // Written beside it, then renamed over it: a build reading it meanwhile (another checker's,
    // sharing the C track's common/ headers) sees the old file or the new, never half of one.
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut partial = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("writing beside {}", path.display()))?;
    std::io::Write::write_all(&mut partial, content)
        .with_context(|| format!("writing {}", path.display()))?;
    partial
        .persist(path)
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_walker_lists_files_sorted_and_never_follows_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        assert!(write_if_changed(&root.join("src/b.rs"), b"b").unwrap());
        assert!(!write_if_changed(&root.join("src/b.rs"), b"b").unwrap());
        write_if_changed(&root.join("src/a/x.rs"), b"x").unwrap();
        write_if_changed(&root.join("target/debug/out.rs"), b"o").unwrap();
        write_if_changed(&root.join("notes.txt"), b"n").unwrap();
        std::os::unix::fs::symlink("/etc", root.join("src/link.rs")).unwrap();
        let rels: Vec<String> = files_below(root)
            .iter()
            .map(|f| f.rel.display().to_string())
            .collect();
        assert_eq!(
            rels,
            [
                "notes.txt",
                "src/a/x.rs",
                "src/b.rs",
                "src/link.rs",
                "target/debug/out.rs"
            ]
        );
        let sources: Vec<String> = rust_files(&root.join("src"))
            .iter()
            .map(|f| f.rel.display().to_string())
            .collect();
        assert_eq!(sources, ["a/x.rs", "b.rs"]);
        assert!(files_below(root).iter().any(|f| f.is_under("target")));
    }
}
