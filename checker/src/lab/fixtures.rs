//! A small catalogue for the unit tests of the layers above (selection, planning, scheduling,
//! outcomes, reports): two days, a library and a program exercise, a family taken with a
//! variant, a tweak and `after_own`, and the library in parts.

use super::exercise::{Exercise, ExerciseKind};
use super::exercise::{RULES_ID, TestCase, secs};
use super::family::{Family, Runs, Takes, Tweak, Variant};
use crate::base::verdict::TestResult;
use crate::context::Ctx;
use crate::table::part::Part;

fn passes(_: &mut Ctx) -> TestResult {
    Ok(())
}

const fn row(id: &'static str, points: u32, timeout: u64) -> TestCase {
    TestCase {
        id,
        title: "a title",
        points,
        timeout: secs(timeout),
        hint: "a hint",
        hint_c: None,
        section: "a-section",
        program: None,
        run: passes,
    }
}

pub static RULES: TestCase = row(RULES_ID, 0, 60);

pub static SHARED: Family = Family {
    name: "shared",
    course: "family-section",
    runs: Runs::InTheFamily,
    tests: &[row("echo", 1, 10), row("flood", 2, 20)],
};

pub static LATE: Family = Family {
    name: "late",
    course: "family-section",
    runs: Runs::InTheFamily,
    tests: &[row("exit", 1, 5)],
};

pub static DESIGN: Variant = Variant {
    name: "shared-design",
    tweaks: &[Tweak::of("echo").hint("in the design's words")],
};

/// `day1-lib`: a library with two tests of its own.
pub static LIB: Exercise = LIBRARY;

const LIBRARY: Exercise = Exercise {
    name: "day1-lib",
    day: 1,
    title: "a library",
    section: "day1-lib",
    kind: ExerciseKind::Library {
        calls: "",
        harness_deps: "",
        binaries: &[],
    },
    student_files: &["src/lib.rs"],
    families: &[],
    tests: &[row("add", 1, 5), row("sub", 2, 30)],
    parts: &[],
    rules: &RULES,
    c: None,
};

/// `day2-server`: a program that takes `SHARED` (with a variant and a tweak), one test of its
/// own, and `LATE` after it.
pub static SERVER: Exercise = Exercise {
    name: "day2-server",
    day: 2,
    title: "a server",
    section: "day2-server",
    kind: ExerciseKind::Programs {
        binaries: &["server", "client"],
    },
    student_files: &["src/bin/server.rs"],
    families: &[
        Takes::family(&SHARED, "server")
            .variant(&DESIGN)
            .tweaks(&[Tweak::of("flood").points(5)]),
        Takes::family(&LATE, "server").after_own(),
    ],
    tests: &[TestCase {
        program: Some("client"),
        hint_c: Some("the hint in C's words"),
        ..row("client-talks", 1, 15)
    }],
    parts: &[],
    rules: &RULES,
    c: None,
};

/// `day1-parted`: `LIB` in two parts, a test each.
pub static PARTED: Exercise = Exercise {
    name: "day1-parted",
    parts: &[
        Part {
            title: "adding",
            section: "day1-adding",
            tests: &["add"],
        },
        Part {
            title: "taking away",
            section: "day1-taking-away",
            tests: &["sub"],
        },
    ],
    ..LIBRARY
};

/// `PARTED` with its parts wrong: `add` in none, `sub` in two, a test it does not have.
pub static PARTED_WRONG: Exercise = Exercise {
    parts: &[
        Part {
            title: "wrong",
            section: "day1-wrong",
            tests: &["sub", "ghost"],
        },
        Part {
            title: "again",
            section: "day1-again",
            tests: &["sub"],
        },
    ],
    ..LIBRARY
};

pub static CATALOGUE: &[&Exercise] = &[&LIB, &SERVER];
