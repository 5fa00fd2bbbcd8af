//! Hidden tests of __NAME__. TODO: say what they observe from outside.

use crate::base::verdict::TestResult;
use crate::context::Ctx;
use crate::exercises::kit::rules::RULES;
use crate::exercises::kit::server;
use crate::lab::exercise::{Exercise, ExerciseKind, TestCase, secs};
use crate::observe::wire::Conn;

const SERVER: &str = "__PROGRAM__";

pub static EXERCISE: Exercise = Exercise {
    name: "__NAME__",
    day: __DAY__,
    title: "TODO one line: what the student builds",
    section: "__NAME__",
    kind: ExerciseKind::Programs {
        binaries: &[SERVER],
    },
    student_files: &["src/bin/__PROGRAM__.rs"],
    // The families of tests it shares with other exercises (exercises/families/), e.g.
    // `Takes::family(&ECHO_SERVER, SERVER)` for an echo server.
    families: &[],
    // Its own tests, one row each: change points, timeouts and hints here.
    tests: &[TestCase {
        id: "greets",
        title: "a client gets `hello\\n`, then EOF",
        points: 1,
        timeout: secs(10),
        hint: "TODO the hint a student needs when this test fails.",
        // The hint in C's words, where the one above names what only Rust has (`Vec<u8>`,
        // `unwrap()`): `Some("...")`, its Korean under `__NAME__--<id>--hint-c`.
        hint_c: None,
        section: "__NAME__",
        program: Some(SERVER),
        run: greets,
    }],
    parts: &[],
    rules: &RULES,
    c: None,
};

fn greets(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = server::start(ctx, SERVER, 0, &[])?;
    let mut c = Conn::connect(&t, "client", s.port, ctx.within(secs(5)))?;
    c.expect_bytes(b"hello\n", ctx.within(secs(5)))?;
    c.expect_eof(
        ctx.within(secs(5)),
        "after the greeting: close the connection",
    )
}
