//! Each exercise in its five places: its Rust and C stubs (`exercises/`, `c/exercises/`), its
//! Rust and C solutions (`solutions/`, `c/solutions/`) and its folder (`checker/exercises/<name>/`:
//! tests, catalogs, Korean stubs, proofs, the C track's other designs). What is derived from
//! them is made at build (the pristine manifests, from the stubs) or kept by `sync` (the
//! Makefiles, the stubs their references derive), and agrees with them.

use std::path::Path;

use anyhow::Result;

use crate::base::workspace::in_exercise_folder;
use crate::exercises;
use crate::lab::integrity;

/// The places an exercise's files were kept before they had one folder, and where they went.
const OLD_PLACES: &[(&str, &str)] = &[
    (
        "c/variants",
        "each exercise's C designs are in its folder's proofs/c-variants/",
    ),
    (
        "checker/pristine",
        "the checker embeds the stubs' manifests and rules at build; only an export keeps this copy",
    ),
];

/// The stub's and the solution's manifest and rules are the copy the checker embeds (the
/// stub's at its build), each C exercise's Makefile is the one its `C_TRACK` row derives, and
/// each stub derived from its reference (`authoring::derived_stubs`), and its Korean, is the
/// one the reference derives.
pub(super) fn copies_agree(lab: &Path) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for ex in exercises::ALL {
        let embedded: Vec<_> = integrity::pristine_files(ex.name).collect();
        if embedded.is_empty() {
            problems.push(format!(
                "the checker embeds no manifest of {} (exercises/{}/Cargo.toml: the copy `--ci` compares with)",
                ex.name, ex.name
            ));
        }
        for (file, content) in embedded {
            for tree in ["exercises", "solutions"] {
                let path = lab.join(tree).join(ex.name).join(file);
                match std::fs::read_to_string(&path) {
                    Ok(c) if c == content => {}
                    Ok(_) => problems.push(format!(
                        "{tree}/{}/{file} differs from the copy the checker embeds (the stub's at its build; `checker sync` copies the solution's to the stub)",
                        ex.name
                    )),
                    Err(_) => problems.push(format!("{tree}/{}/{file} is missing", ex.name)),
                }
            }
        }
    }
    problems.extend(crate::authoring::makefiles::differing(lab));
    for ex in exercises::ALL {
        problems.extend(crate::authoring::derived_stubs::differing(lab, ex.name));
    }
    Ok(problems)
}

/// Files of an exercise left in a place it no longer has: an exercise's folder under
/// `checker/src/exercises/` (where only the shared kit, families and the list are), the C
/// designs' old `c/variants/`, a `checker/pristine/` in the lab (an export's alone has one).
pub(super) fn old_places(lab: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let shared = lab.join("checker/src/exercises");
    for entry in std::fs::read_dir(&shared).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() && name.starts_with("day") {
            problems.push(format!(
                "checker/src/exercises/{name}/ is an old place: the exercise's folder is {}",
                in_exercise_folder::file(&name.replace('_', "-"), "")
            ));
        }
    }
    let in_lab = lab.join("solutions").is_dir();
    for (old, now) in OLD_PLACES {
        if lab.join(old).exists() && (in_lab || *old != "checker/pristine") {
            problems.push(format!("{old}/ is an old place: {now}"));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::old_places;

    #[test]
    fn a_file_in_an_old_place_is_named() {
        let lab = tempfile::tempdir().unwrap();
        let make = |rel: &str| std::fs::create_dir_all(lab.path().join(rel)).unwrap();
        make("checker/src/exercises/kit");
        make("checker/src/exercises/families");
        make("solutions");
        assert_eq!(old_places(lab.path()), Vec::<String>::new());
        make("checker/src/exercises/day3_udp/proofs");
        make("c/variants/day3-udp");
        make("checker/pristine/day3-udp");
        let said = old_places(lab.path()).join("\n");
        assert!(
            said.contains("checker/src/exercises/day3_udp/ is an old place: the exercise's folder is checker/exercises/day3-udp"),
            "{said}"
        );
        assert!(said.contains("c/variants/ is an old place"), "{said}");
        assert!(said.contains("checker/pristine/ is an old place"), "{said}");
        // An export keeps its pristine copy: it has no solutions.
        std::fs::remove_dir_all(lab.path().join("solutions")).unwrap();
        assert!(!old_places(lab.path()).join("\n").contains("pristine"));
    }
}
