//! Gathering a run's provenance (`report::provenance`): the lab's revision and the student's
//! commit from git, the hash of the sources graded.
//!
//! The student's repository is untrusted, so git reads it with nothing of its configuration
//! that runs a program (no pager, no fsmonitor, no hooks: `log` runs none) and with every
//! directory marked safe, as the checker may be root reading a checkout it does not own; the
//! environment's `GIT_*` variables are dropped so that no caller's setting points it elsewhere.

use std::hash::Hasher;
use std::path::Path;
use std::process::Command;

use crate::base::date;
use crate::base::files::{Found, c_files, rust_files};
use crate::base::hash::Fnv;
use crate::base::workspace::{self, Track, Tree};
use crate::contain::{reaper, sandbox};
use crate::report::provenance::Provenance;

pub fn gather(tree: &Tree, mode: sandbox::Mode, deadline: Option<&str>) -> Provenance {
    let lab = workspace::lab_root();
    let lab_revision = git(&lab, &["rev-parse", "HEAD"]);
    let lab_modified = lab_revision.is_some()
        && git(&lab, &["status", "--porcelain", "--untracked-files=no"])
            .is_some_and(|s| !s.is_empty());
    let (commit, commit_time) = match git(&tree.dir, &["log", "-1", "--format=%H %ct"]) {
        Some(line) => {
            let mut parts = line.split_whitespace();
            let commit = parts.next().map(str::to_string);
            (commit, parts.next().and_then(|t| t.parse().ok()))
        }
        None => (None, None),
    };
    Provenance {
        lab_revision,
        lab_modified,
        checker_version: env!("CARGO_PKG_VERSION").to_string(),
        commit,
        commit_time,
        sources: sources_hash(&tree.dir, tree.track),
        sandbox: sandbox::containment(mode),
        deadline: deadline.map(str::to_string),
        graded_at: date::now(),
    }
}

/// FNV-1a over every source below `dir` that its track grades (path, then content), in path
/// order: a Rust tree's `.rs` files, a C tree's `.c` and `.h` files.
fn sources_hash(dir: &Path, track: Track) -> String {
    let graded = match track {
        Track::Rust => rust_files(dir),
        Track::C => c_files(dir),
    };
    let mut h = Fnv::new();
    for Found { rel, path, .. } in graded {
        if rel.components().any(|c| c.as_os_str() == "target") {
            continue;
        }
        h.write(rel.to_string_lossy().as_bytes());
        h.write(&[0]);
        h.write(&std::fs::read(&path).unwrap_or_default());
        h.write(&[0]);
    }
    format!("fnv1a64:{:016x}", h.finish())
}

/// `git <args>` in `dir`, its output trimmed, or `None` (no git, not a repository, an error).
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let text = String::from_utf8(git_bytes(dir, args)?).ok()?;
    Some(text.trim().to_string())
}

/// `git <args>` in `dir`, its output as it is (a file's bytes), or `None`.
pub fn git_bytes(dir: &Path, args: &[&str]) -> Option<Vec<u8>> {
    let mut cmd = Command::new("git");
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("GIT_") {
            cmd.env_remove(name);
        }
    }
    cmd.args(["-c", "safe.directory=*", "-c", "core.fsmonitor=false"])
        .args([
            "-c",
            "core.pager=cat",
            "--no-pager",
            "--no-optional-locks",
            "-C",
        ])
        .arg(dir)
        .args(args);
    // Through the reaper, as every child of the checker: a plain `output()` lost git's exit
    // status to the orphan reaper now and then (ECHILD), and a regraded student's commit with it.
    let out = reaper::run_to_completion(&mut cmd).ok()?;
    out.status.success().then_some(out.stdout)
}

#[cfg(test)]
mod tests {
    use super::sources_hash;
    use crate::base::workspace::Track;

    /// The same work gives the same hash, and other work another, on either track: a C tree's
    /// hash follows its `.c` and `.h` files (it once hashed only `.rs` files, the same constant
    /// for every C submission).
    #[test]
    fn the_hash_follows_the_sources_of_the_tree_s_track() {
        let dir = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write("day2-echo/echo-server.c", "int main(void) { return 0; }\n");
        write("common/net.h", "#pragma once\n");
        write("day2-echo/src/main.rs", "fn main() {}\n");
        let c = sources_hash(dir.path(), Track::C);
        let rust = sources_hash(dir.path(), Track::Rust);
        assert_eq!(
            c,
            sources_hash(dir.path(), Track::C),
            "the same work, the same hash"
        );
        write("day2-echo/echo-server.c", "int main(void) { return 1; }\n");
        assert_ne!(c, sources_hash(dir.path(), Track::C), "an edited .c file");
        let c = sources_hash(dir.path(), Track::C);
        write("common/net.h", "#pragma once\n#define X 1\n");
        assert_ne!(c, sources_hash(dir.path(), Track::C), "an edited header");
        // A Rust tree's hash is its .rs files', whatever C lies beside them.
        assert_eq!(rust, sources_hash(dir.path(), Track::Rust));
        // Build output is no source.
        let c = sources_hash(dir.path(), Track::C);
        write("day2-echo/target/gen.c", "int x;\n");
        assert_eq!(c, sources_hash(dir.path(), Track::C));
    }
}
