//! Hidden tests of day8-device. TODO: say what they observe from outside.

use crate::base::verdict::TestResult;
use crate::context::Ctx;
use crate::exercises::kit::rules::RULES;
use crate::exercises::kit::server;
use crate::lab::exercise::{Exercise, ExerciseKind, TestCase, secs};
use crate::observe::wire::Conn;

const SERVER: &str = "sensor-device";

pub static EXERCISE: Exercise = Exercise {
    name: "day8-device",
    day: 8,
    title: "TODO one line: what the student builds",
    section: "day8-device",
    kind: ExerciseKind::Programs {
        binaries: &[SERVER],
    },
    student_files: &["src/bin/sensor-device.rs"],
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
        // `unwrap()`): `Some("...")`, its Korean under `day8-device--<id>--hint-c`.
        hint_c: None,
        section: "day8-device",
        program: Some(SERVER),
        run: greets,
    }],
    parts: &[],
    rules: &RULES,
    c: Some(&C_TRACK),
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

use crate::exercises::kit::c_imports;
use crate::lab::track::CTrack;

/// The exercise on the C track: its files, and its rules as what the compiled program may
/// import. TODO the calls it may not make, or must (`c_imports` has the shared ones).
static C_TRACK: CTrack = CTrack {
    student_files: &["sensor-device.c"],
    // The given codec, mqtt-codec.c, built into libmqtt-codec.a and linked into the device, as
    // day 7's broker links it (no harness calls it: the exercise is a program).
    library: Some("mqtt-codec"),
    shim: &[],
    imports: &[c_imports::NO_RESOLVER],
};
