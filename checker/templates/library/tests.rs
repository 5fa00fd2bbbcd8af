//! Hidden tests of __NAME__. TODO: say what they observe and where the expected answers
//! come from.

use crate::base::verdict::TestResult;
use crate::context::Ctx;
use crate::exercises::kit::library::{Case, expect_all, shapes};
use crate::exercises::kit::rules::RULES;
use crate::lab::exercise::{Exercise, ExerciseKind, TestCase, secs};
use crate::observe::harness::Call;

pub static EXERCISE: Exercise = Exercise {
    name: "__NAME__",
    day: __DAY__,
    title: "TODO one line: what the student builds",
    section: "__NAME__",
    kind: ExerciseKind::Library {
        calls: include_str!("harness-calls.rs"),
        harness_deps: "",
        binaries: &[],
    },
    student_files: &["src/lib.rs"],
    // The families of tests it shares with other exercises (exercises/families/), e.g.
    // `Takes::family(&ECHO_SERVER, SERVER)` for an echo server.
    families: &[],
    // Its own tests, one row each: change points, timeouts and hints here.
    tests: &[TestCase {
        id: "double",
        title: "double on edge and random values",
        points: 1,
        timeout: secs(10),
        hint: "TODO the hint a student needs when this test fails.",
        // The hint in C's words, where the one above names what only Rust has (`Vec<u8>`,
        // `unwrap()`): `Some("...")`, its Korean under `__NAME__--<id>--hint-c`.
        hint_c: None,
        section: "__NAME__",
        program: None,
        run: double,
    }],
    parts: &[],
    rules: &RULES,
    c: None,
};

fn double(ctx: &mut Ctx) -> TestResult {
    let mut inputs = vec![0, 1, 0x7fff_ffff, 0x8000_0000, u32::MAX];
    inputs.extend((0..100).map(|_| ctx.rng.u32(..)));
    let cases: Vec<Case<u32>> = inputs
        .into_iter()
        .map(|x| Case {
            call: Call::new("double", vec![x.to_string()], format!("double({x:#x})")),
            expected: x.wrapping_mul(2),
        })
        .collect();
    expect_all(ctx, &cases, &shapes::U32_HEX, |_, _| None)
}
