//! Hidden tests of day1-endian: byte swaps and host/network order, checked on every u16,
//! on edge and seeded random u32 values, and against the real host's byte order. The expected
//! answers come from Rust's own byte-order methods (allowed in the checker, forbidden to the
//! student); answers are shown as the bytes they put in memory.

use crate::base::i18n::{Text, msg};
use crate::base::verdict::TestResult;
use crate::context::Ctx;
use crate::exercises::kit::library::{Case, expect_all, shapes};
use crate::exercises::kit::rules::RULES;
use crate::lab::exercise::{Exercise, ExerciseKind, TestCase, secs};
use crate::observe::harness::{Call, arg_bytes};
use crate::table::track::c_shim;
use crate::table::track::{CTrack, ImportKind, ImportRule};

pub static EXERCISE: Exercise = Exercise {
    name: "day1-endian",
    day: 1,
    title: "byte order by hand: swaps, htons/htonl, network-order bytes",
    section: "day1-endian",
    kind: ExerciseKind::Library {
        calls: CALLS,
        harness_deps: "",
        binaries: &[],
    },
    student_files: &["src/lib.rs"],
    families: &[],
    tests: &[
        TestCase {
            id: "is-little-endian",
            title: "is_little_endian() tells the real host's byte order",
            points: 1,
            timeout: secs(10),
            hint: "Put a known number in memory and look at its first byte: `1u16.to_ne_bytes()[0]` is 1 on a little-endian host.",
            hint_c: Some(
                "Put a known number in memory and look at its first byte: after `uint16_t one = 1;`, `*(unsigned char *)&one` is 1 on a little-endian host (or use the union of endian.h).",
            ),
            section: "byte-order",
            program: None,
            run: is_little_endian,
        },
        TestCase {
            id: "swap16",
            title: "swap16 on every u16",
            points: 1,
            timeout: secs(10),
            hint: "swap16(0x1234) is 0x3412: the low byte moves up 8 bits, the high byte down 8 bits.",
            hint_c: None,
            section: "byte-order",
            program: None,
            run: swap16,
        },
        TestCase {
            id: "swap32",
            title: "swap32 on edge and random values",
            points: 2,
            timeout: secs(10),
            hint: "Mask each of the four bytes and shift it to its mirrored place; stay with u32 (a signed right shift copies the sign bit).",
            hint_c: Some(
                "Mask each of the four bytes and shift it to its mirrored place; stay with uint32_t (a right shift of a negative int copies the sign bit).",
            ),
            section: "byte-order",
            program: None,
            run: swap32,
        },
        TestCase {
            id: "htons",
            title: "htons on every u16: network order in memory",
            points: 1,
            timeout: secs(10),
            hint: "htons must leave the most significant byte first in memory on every host: swap on little-endian, do nothing on big-endian.",
            hint_c: None,
            section: "byte-order",
            program: None,
            run: htons,
        },
        TestCase {
            id: "ntohs",
            title: "ntohs on every u16",
            points: 1,
            timeout: secs(10),
            hint: "ntohs undoes htons; on any host they are the same operation.",
            hint_c: None,
            section: "byte-order",
            program: None,
            run: ntohs,
        },
        TestCase {
            id: "htonl",
            title: "htonl on edge and random values",
            points: 2,
            timeout: secs(10),
            hint: "htonl(0x01020304) must put the bytes 01 02 03 04 in memory, in that order.",
            hint_c: None,
            section: "byte-order",
            program: None,
            run: htonl,
        },
        TestCase {
            id: "ntohl",
            title: "ntohl on edge and random values",
            points: 1,
            timeout: secs(10),
            hint: "ntohl undoes htonl.",
            hint_c: None,
            section: "byte-order",
            program: None,
            run: ntohl,
        },
        TestCase {
            id: "to-wire-u16",
            title: "to_wire_u16 on every u16",
            points: 1,
            timeout: secs(10),
            hint: "The most significant byte goes first: to_wire_u16(0x1f90) is [0x1f, 0x90].",
            hint_c: Some(
                "The most significant byte goes first: lab_to_wire_u16(0x1f90, out) puts 0x1f in out[0] and 0x90 in out[1].",
            ),
            section: "network-byte-order",
            program: None,
            run: to_wire_u16,
        },
        TestCase {
            id: "from-wire-u16",
            title: "from_wire_u16 on every pair of bytes",
            points: 1,
            timeout: secs(10),
            hint: "The first byte is the most significant: widen it with u16::from before shifting it left by 8.",
            hint_c: Some(
                "The first byte is the most significant: shift in[0] left by 8 and OR in in[1]; the result is a uint16_t.",
            ),
            section: "network-byte-order",
            program: None,
            run: from_wire_u16,
        },
        TestCase {
            id: "to-wire-u32",
            title: "to_wire_u32 on edge and random values",
            points: 1,
            timeout: secs(10),
            hint: "to_wire_u32(0x01020304) is [1, 2, 3, 4] on every host.",
            hint_c: Some(
                "lab_to_wire_u32(0x01020304, out) fills out with 01 02 03 04 on every host.",
            ),
            section: "network-byte-order",
            program: None,
            run: to_wire_u32,
        },
        TestCase {
            id: "from-wire-u32",
            title: "from_wire_u32 on edge and random byte arrays",
            points: 1,
            timeout: secs(10),
            hint: "Widen every byte to u32 before shifting: `(b[0] as u32) << 24`; a u8 shifted by 24 overflows.",
            hint_c: Some(
                "Cast every byte to uint32_t before shifting: `(uint32_t)in[0] << 24`. Without the cast in[0] becomes an int, and a byte of 0x80 or more shifted by 24 overflows it: undefined behaviour, which the checker's build stops at.",
            ),
            section: "network-byte-order",
            program: None,
            run: from_wire_u32,
        },
        TestCase {
            id: "round-trips",
            title: "ntohs(htons(x)), ntohl(htonl(x)) and from_wire(to_wire(x)) give x back",
            points: 1,
            timeout: secs(10),
            hint: "Each conversion must undo the other exactly.",
            hint_c: None,
            section: "byte-order",
            program: None,
            run: round_trips,
        },
    ],
    parts: &[],
    rules: &RULES,
    c: Some(&C_TRACK),
};

/// The exercise on the C track: its file, built into the archive its harness links through a
/// shim with this exercise's Rust API (its folder's c-shim/), and its rules as what it may import.
static C_TRACK: CTrack = CTrack {
    student_files: &["endian.c"],
    library: Some("endian"),
    shim: c_shim!("day1-endian"),
    imports: &[ImportRule {
        kind: ImportKind::Forbidden,
        functions: &[
            "htons",
            "htonl",
            "ntohs",
            "ntohl",
            "__bswap_16",
            "__bswap_32",
            "__bswap_64",
        ],
        reason: "swap and order the bytes yourself with shifts and masks: these are the functions you are writing",
    }],
};

/// The exercise's half of the harness (see compile/harness.rs): decode, call, encode.
const CALLS: &str = include_str!("harness-calls.rs");

/// The u32 values every 32-bit test uses, then seeded random ones.
const EDGES_U32: [u32; 12] = [
    0,
    1,
    0xff,
    0xff00,
    0x0001_0000,
    0x01020304,
    0x1234_5678,
    0x7fff_ffff,
    0x8000_0000,
    0x8000_00ff,
    0xdead_beef,
    0xffff_ffff,
];

fn u32_inputs(ctx: &mut Ctx) -> Vec<u32> {
    let mut values = EDGES_U32.to_vec();
    values.extend((0..2000).map(|_| ctx.rng.u32(..)));
    values
}

fn all_u16() -> impl Iterator<Item = u16> {
    0..=u16::MAX
}

/// `from_wire_u16([0x1f, 0x90])`, or in C `lab_from_wire_u16({0x1f, 0x90})`.
fn from_wire_call(function: &str, bytes: &[u8]) -> Text {
    let each: Vec<String> = bytes.iter().map(|b| format!("{b:#04x}")).collect();
    Text::as_written(
        format!("{function}([{}])", each.join(", ")),
        format!("lab_{function}({})", shapes::c_array(bytes)),
    )
}

fn call16(function: &'static str, x: u16) -> Call {
    Call::new(
        function,
        vec![x.to_string()],
        format!("{function}({x:#06x})"),
    )
}

fn call32(function: &'static str, x: u32) -> Call {
    Call::new(
        function,
        vec![x.to_string()],
        format!("{function}({x:#010x})"),
    )
}

/// The bytes of a wrong 32-bit answer give away a signed shift: 0xff where zeros belong. Said
/// with the types of the student's track (`endian-sign-extension-c`).
fn sign_extension_note(input: u32, expected: u32, got: u32) -> Option<Text> {
    let smeared = (got ^ expected) & 0xff00_0000 != 0 && input >= 0x8000_0000;
    smeared.then(|| msg!("endian-sign-extension"))
}

fn is_little_endian(ctx: &mut Ctx) -> TestResult {
    let cases = [Case {
        call: Call::new("is_little_endian", vec![], "is_little_endian()"),
        expected: cfg!(target_endian = "little"),
    }];
    expect_all(ctx, &cases, &shapes::BOOL, |_, _| {
        let bytes = crate::base::escape::hex(&0x0102u16.to_ne_bytes());
        Some(if cfg!(target_endian = "little") {
            msg!("endian-machine-little", bytes = bytes)
        } else {
            msg!("endian-machine-big", bytes = bytes)
        })
    })
}

fn swap16(ctx: &mut Ctx) -> TestResult {
    let cases: Vec<_> = all_u16()
        .map(|x| Case {
            call: call16("swap16", x),
            expected: x.swap_bytes(),
        })
        .collect();
    expect_all(ctx, &cases, &shapes::U16_HEX, |_, _| None)
}

fn swap32(ctx: &mut Ctx) -> TestResult {
    let cases: Vec<_> = u32_inputs(ctx)
        .into_iter()
        .map(|x| Case {
            call: call32("swap32", x),
            expected: x.swap_bytes(),
        })
        .collect();
    expect_all(ctx, &cases, &shapes::U32_HEX, |case, got| {
        let input = case.call.args[0].parse().unwrap_or(0);
        sign_extension_note(input, case.expected, *got)
    })
}

fn htons(ctx: &mut Ctx) -> TestResult {
    let cases: Vec<_> = all_u16()
        .map(|x| Case {
            call: call16("htons", x),
            expected: x.to_be(),
        })
        .collect();
    expect_all(ctx, &cases, &shapes::U16_MEMORY, |case, got| {
        (Some(*got) == case.call.args[0].parse().ok()).then(|| msg!("endian-htons-unchanged"))
    })
}

fn ntohs(ctx: &mut Ctx) -> TestResult {
    let cases: Vec<_> = all_u16()
        .map(|x| Case {
            call: call16("ntohs", x),
            expected: u16::from_be(x),
        })
        .collect();
    expect_all(ctx, &cases, &shapes::U16_HEX, |_, _| None)
}

fn htonl(ctx: &mut Ctx) -> TestResult {
    let cases: Vec<_> = u32_inputs(ctx)
        .into_iter()
        .map(|x| Case {
            call: call32("htonl", x),
            expected: x.to_be(),
        })
        .collect();
    expect_all(ctx, &cases, &shapes::U32_MEMORY, |case, got| {
        let input = case.call.args[0].parse().unwrap_or(0);
        sign_extension_note(input, case.expected, *got)
    })
}

fn ntohl(ctx: &mut Ctx) -> TestResult {
    let cases: Vec<_> = u32_inputs(ctx)
        .into_iter()
        .map(|x| Case {
            call: call32("ntohl", x),
            expected: u32::from_be(x),
        })
        .collect();
    expect_all(ctx, &cases, &shapes::U32_HEX, |case, got| {
        let input = case.call.args[0].parse().unwrap_or(0);
        sign_extension_note(input, case.expected, *got)
    })
}

fn to_wire_u16(ctx: &mut Ctx) -> TestResult {
    let cases: Vec<_> = all_u16()
        .map(|x| Case {
            call: call16("to_wire_u16", x),
            expected: x.to_be_bytes().to_vec(),
        })
        .collect();
    expect_all(ctx, &cases, &shapes::BYTES, |_, _| None)
}

fn from_wire_u16(ctx: &mut Ctx) -> TestResult {
    let cases: Vec<_> = all_u16()
        .map(|x| {
            let bytes = x.to_be_bytes();
            let shown = from_wire_call("from_wire_u16", &bytes);
            Case {
                call: Call::new("from_wire_u16", vec![arg_bytes(&bytes)], shown),
                expected: x,
            }
        })
        .collect();
    expect_all(ctx, &cases, &shapes::U16_HEX, |_, _| None)
}

fn to_wire_u32(ctx: &mut Ctx) -> TestResult {
    let cases: Vec<_> = u32_inputs(ctx)
        .into_iter()
        .map(|x| Case {
            call: call32("to_wire_u32", x),
            expected: x.to_be_bytes().to_vec(),
        })
        .collect();
    expect_all(ctx, &cases, &shapes::BYTES, |_, _| None)
}

fn from_wire_u32(ctx: &mut Ctx) -> TestResult {
    let cases: Vec<_> = u32_inputs(ctx)
        .into_iter()
        .map(|x| {
            let b = x.to_be_bytes();
            let shown = from_wire_call("from_wire_u32", &b);
            Case {
                call: Call::new("from_wire_u32", vec![arg_bytes(&b)], shown),
                expected: x,
            }
        })
        .collect();
    expect_all(ctx, &cases, &shapes::U32_HEX, |case, got| {
        sign_extension_note(case.expected, case.expected, *got)
    })
}

fn round_trips(ctx: &mut Ctx) -> TestResult {
    // `shown` names the calls around x: "ntohs(htons(" becomes "ntohs(htons(0x1))".
    let round = |function: &'static str, shown: &str, x: u64| {
        let closing = ")".repeat(shown.matches('(').count());
        Call::new(
            function,
            vec![x.to_string()],
            format!("{shown}{x:#x}{closing}"),
        )
    };
    let mut cases16: Vec<Case<u16>> = Vec::new();
    for x in all_u16().step_by(7) {
        cases16.push(Case {
            call: round("ntohs_htons", "ntohs(htons(", u64::from(x)),
            expected: x,
        });
        cases16.push(Case {
            call: round(
                "wire_u16_round_trip",
                "from_wire_u16(to_wire_u16(",
                u64::from(x),
            ),
            expected: x,
        });
    }
    expect_all(ctx, &cases16, &shapes::U16_HEX, |_, _| None)?;
    let mut cases32: Vec<Case<u32>> = Vec::new();
    for x in u32_inputs(ctx) {
        cases32.push(Case {
            call: round("ntohl_htonl", "ntohl(htonl(", u64::from(x)),
            expected: x,
        });
        cases32.push(Case {
            call: round(
                "wire_u32_round_trip",
                "from_wire_u32(to_wire_u32(",
                u64::from(x),
            ),
            expected: x,
        });
    }
    expect_all(ctx, &cases32, &shapes::U32_HEX, |_, _| None)
}
