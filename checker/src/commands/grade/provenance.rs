//! Gathering a run's provenance (`report::provenance`): the lab's revision and the student's
//! commit from git, the hash of the sources graded.
//! The student's repository is untrusted: git reads it as `contain::git` runs it.

use std::hash::Hasher;
use std::path::Path;

use crate::base::date;
use crate::base::files::{Found, c_files, rust_files};
use crate::base::hash::Fnv;
use crate::base::workspace::{self, Track, Tree};
use crate::contain::git::git;
use crate::contain::sandbox;
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
