//! The files a new exercise starts from (checker/templates/): real files, with placeholders
//! (`__NAME__`, `__MODULE__`, `__DAY__`, `__PROGRAM__`, and for C `__STEM__`, `__UPPER__`) filled
//! in: each kind of exercise (a library, a program) on each track. Each reference carries its
//! stub (its `//@` lines, `derived_stubs`), from which the stub is derived.

use crate::exercises::kit::c_imports;
use crate::table::track::ImportRule;

pub const MANIFEST: &str = include_str!("../../templates/manifest.toml");

pub struct Kind {
    pub rules: &'static str,
    /// The reference, its stub in it.
    pub solution: &'static str,
    pub tests: &'static str,
    pub calls: Option<&'static str>,
    pub broken: &'static str,
    /// Its sections in course.md and course.ko.md, and its entries in ko.ftl.
    pub course: &'static str,
    pub course_ko: &'static str,
    pub korean: &'static str,
}

pub const LIBRARY: Kind = Kind {
    rules: include_str!("../../templates/library/rules.toml"),
    solution: include_str!("../../templates/library/solution.rs"),
    tests: include_str!("../../templates/library/tests.rs"),
    calls: Some(include_str!("../../templates/library/calls.rs")),
    broken: include_str!("../../templates/library/broken.toml"),
    course: include_str!("../../templates/library/course.md"),
    course_ko: include_str!("../../templates/library/course.ko.md"),
    korean: include_str!("../../templates/library/ko.ftl"),
};

pub const PROGRAM: Kind = Kind {
    rules: include_str!("../../templates/program/rules.toml"),
    solution: include_str!("../../templates/program/solution.rs"),
    tests: include_str!("../../templates/program/tests.rs"),
    calls: None,
    broken: include_str!("../../templates/program/broken.toml"),
    course: include_str!("../../templates/program/course.md"),
    course_ko: include_str!("../../templates/program/course.ko.md"),
    korean: include_str!("../../templates/program/ko.ftl"),
};

/// The C track's files of an exercise of each kind. Its C sources end in `.in`: a class's
/// repository holds the templates with the checker that embeds them, and there a `.c` file
/// outside `exercises/` would read as a reference solution.
pub struct CKind {
    /// The reference, its stub in it.
    pub solution: &'static str,
    /// A library's header, given whole: the stub's is the solution's.
    pub header: Option<&'static str>,
    /// A library's shim: its files, relative to its exercise's folder's `c-shim/`.
    pub shim: &'static [(&'static str, &'static str)],
    pub broken: &'static str,
    /// The `C_TRACK` row that goes after the exercise's table.
    pub track: &'static str,
    /// The rules that row gives (`track`'s `imports`), for the course's rules tables, which
    /// `checker new` writes before a checker is built with the row.
    pub imports: &'static [ImportRule],
}

pub const C_LIBRARY: CKind = CKind {
    solution: include_str!("../../templates/library/c/solution.c.in"),
    header: Some(include_str!("../../templates/library/c/header.h.in")),
    shim: &[
        (
            "Cargo.toml",
            include_str!("../../templates/library/c/shim/Cargo.toml"),
        ),
        (
            "src/lib.rs",
            include_str!("../../templates/library/c/shim/lib.rs"),
        ),
    ],
    broken: include_str!("../../templates/library/c/broken.toml"),
    track: include_str!("../../templates/library/c/track.rs"),
    imports: &[],
};

pub const C_PROGRAM: CKind = CKind {
    solution: include_str!("../../templates/program/c/solution.c.in"),
    header: None,
    shim: &[],
    broken: include_str!("../../templates/program/c/broken.toml"),
    track: include_str!("../../templates/program/c/track.rs"),
    imports: &[c_imports::NO_RESOLVER],
};

#[cfg(test)]
mod tests {
    /// Each C template's `C_TRACK` row gives the rules its `imports` says.
    #[test]
    fn the_c_rows_give_the_rules_the_tables_are_written_with() {
        assert!(
            super::C_PROGRAM
                .track
                .contains("imports: &[c_imports::NO_RESOLVER],")
        );
        assert_eq!(super::C_PROGRAM.imports.len(), 1);
        assert!(super::C_LIBRARY.track.contains("imports: &[],"));
        assert!(super::C_LIBRARY.imports.is_empty());
    }
}
#[cfg(test)]
mod derived {
    /// Each template's reference carries its stub: derived, it stops at its first step, with no
    /// mark left (the scaffold writes the stub so, and the stubs of the lab are derived alike).
    #[test]
    fn each_reference_template_derives_a_stub_that_stops_at_once() {
        for (reference, stops) in [
            (super::PROGRAM.solution, "    todo!()\n"),
            (super::LIBRARY.solution, "    todo!()\n"),
            (super::C_PROGRAM.solution, "    TODO(\"step 1: "),
            (super::C_LIBRARY.solution, "    TODO(\"step 1: "),
        ] {
            let derived = crate::authoring::derived_stubs::derive(reference).unwrap();
            assert!(derived.stub.contains(stops), "{}", derived.stub);
            assert!(!derived.stub.contains("//@"), "{}", derived.stub);
            assert!(derived.korean.contains("# owed "), "{}", derived.korean);
        }
    }
}
