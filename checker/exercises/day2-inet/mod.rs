//! Hidden tests of day2-inet, with glibc as the oracle: every expected answer comes from the
//! real glibc function (glibc.rs) on a list of tricky inputs, thousands of seeded random
//! strings from an address-like grammar, structured IPv6 addresses and round trips. glibc is
//! followed exactly, its quirks included: `inet_aton`/`inet_addr` stop at the first whitespace
//! after the address and accept `"1.2.3.4 junk"` (course.md#inet-aton teaches that pitfall).

use crate::base::escape;
use crate::base::i18n::{Text, msg};
use crate::base::verdict::TestResult;
use crate::context::Ctx;
use crate::exercises::kit::library::{Answers, Case, expect_all, shapes};
use crate::exercises::kit::rules::RULES;
use crate::lab::exercise::{Exercise, ExerciseKind, TestCase, secs};
use crate::observe::glibc;
use crate::observe::harness::{Call, arg_bytes, arg_str};

mod inputs;
use crate::table::track::c_shim;
use crate::table::track::{CTrack, ImportKind, ImportRule};
use inputs::{TRICKY_V4, TRICKY_V6, gap_everywhere, random_v4, random_v6};

pub static EXERCISE: Exercise = Exercise {
    name: "day2-inet",
    day: 2,
    title: "the inet_* address conversions, byte for byte as glibc",
    section: "day2-inet",
    kind: ExerciseKind::Library {
        calls: CALLS,
        harness_deps: "",
        binaries: &[],
    },
    student_files: &["src/lib.rs"],
    families: &[],
    tests: &[
        TestCase {
            id: "aton-tricky",
            title: "inet_aton on tricky inputs (short forms, octal, hex, ranges, junk)",
            points: 2,
            timeout: secs(10),
            hint: "Each part is read like strtoul(part, &end, 0): 0x.. hex, 0.. octal, else decimal; the last part fills the remaining bytes (127.1 is 127.0.0.1).",
            hint_c: None,
            section: "inet-aton",
            program: None,
            run: aton_tricky,
        },
        TestCase {
            id: "aton-random",
            title: "inet_aton on seeded random address-like strings",
            points: 2,
            timeout: secs(10),
            hint: "Compare your parser with the rules in course.md#inet-aton part by part; the failing input is shown.",
            hint_c: None,
            section: "inet-aton",
            program: None,
            run: aton_random,
        },
        TestCase {
            id: "addr",
            title: "inet_addr: the in_addr_t in network order, INADDR_NONE on error",
            points: 1,
            timeout: secs(10),
            hint: "inet_addr(\"1.2.3.4\").to_ne_bytes() must be [1, 2, 3, 4]: build the u32 from the bytes with u32::from_ne_bytes.",
            hint_c: Some(
                "The bytes of lab_inet_addr(\"1.2.3.4\") in memory must be 01 02 03 04: build the in_addr_t in network byte order, e.g. by copying the four bytes into it with memcpy.",
            ),
            section: "inet-addr",
            program: None,
            run: addr,
        },
        TestCase {
            id: "pton4-tricky",
            title: "inet_pton4 on tricky inputs (strict dotted decimal)",
            points: 2,
            timeout: secs(10),
            hint: "Exactly four parts, each 0..=255 in decimal, no leading zeros, nothing else: 127.1 and 01.2.3.4 are refused.",
            hint_c: Some(
                "Exactly four parts, each 0 to 255 in decimal, no leading zeros, nothing else: 127.1 and 01.2.3.4 are refused.",
            ),
            section: "inet-pton",
            program: None,
            run: pton4_tricky,
        },
        TestCase {
            id: "pton4-random",
            title: "inet_pton4 on seeded random address-like strings",
            points: 1,
            timeout: secs(10),
            hint: "The failing input is shown; check it against the four rules of course.md#inet-pton.",
            hint_c: None,
            section: "inet-pton",
            program: None,
            run: pton4_random,
        },
        TestCase {
            id: "pton6-tricky",
            title: "inet_pton6 on tricky inputs (:: everywhere, two ::, embedded IPv4, zone ids, group counts)",
            points: 3,
            timeout: secs(10),
            hint: "At most one ::, standing for one or more zero groups; eight groups in all; 1 to 4 hex digits per group; a dotted IPv4 may replace the last two groups.",
            hint_c: None,
            section: "inet-pton",
            program: None,
            run: pton6_tricky,
        },
        TestCase {
            id: "pton6-random",
            title: "inet_pton6 on seeded random address-like strings",
            points: 2,
            timeout: secs(10),
            hint: "The failing input is shown; count its groups and its :: against the rules.",
            hint_c: None,
            section: "inet-pton",
            program: None,
            run: pton6_random,
        },
        TestCase {
            id: "ntoa",
            title: "inet_ntoa: dotted decimal",
            points: 1,
            timeout: secs(10),
            hint: "Four decimal numbers joined by dots, no padding: [10, 0, 0, 1] is \"10.0.0.1\".",
            hint_c: Some(
                "Four decimal numbers joined by dots, no padding: the bytes 10 0 0 1 of in.s_addr, in memory order, are \"10.0.0.1\".",
            ),
            section: "inet-ntop",
            program: None,
            run: ntoa,
        },
        TestCase {
            id: "ntop6-structured",
            title: "inet_ntop6 on every pattern of zero groups, ties, v4-mapped and v4-compatible",
            points: 3,
            timeout: secs(10),
            hint: "Lowercase hex without leading zeros; :: replaces the longest run of two or more zero groups (the first one on a tie); ::ffff:a.b.c.d and ::a.b.c.d end in dotted decimal.",
            hint_c: None,
            section: "inet-ntop",
            program: None,
            run: ntop6_structured,
        },
        TestCase {
            id: "ntop6-random",
            title: "inet_ntop6 on seeded random addresses, byte for byte as glibc",
            points: 1,
            timeout: secs(10),
            hint: "Compare with the structured test's rules; the failing address is shown.",
            hint_c: None,
            section: "inet-ntop",
            program: None,
            run: ntop6_random,
        },
        TestCase {
            id: "round-trips",
            title: "inet_pton6(inet_ntop6(x)) == x and inet_pton4(inet_ntoa(x)) == x",
            points: 1,
            timeout: secs(10),
            hint: "Whatever inet_ntop6 prints, inet_pton6 must read back to the same 16 bytes.",
            hint_c: None,
            section: "inet-ntop",
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
    student_files: &["inet.c"],
    library: Some("inet"),
    shim: c_shim!("day2-inet"),
    imports: &[ImportRule {
        kind: ImportKind::Forbidden,
        functions: &[
            "inet_addr",
            "inet_aton",
            "inet_network",
            "inet_pton",
            "inet_ntop",
            "inet_ntoa",
            "getaddrinfo",
            "getnameinfo",
            "sscanf",
        ],
        reason: "parse and format the address yourself: these are the functions you are writing",
    }],
};

/// The exercise's half of the harness (see compile/harness.rs): decode, call, encode.
const CALLS: &str = include_str!("harness-calls.rs");

/// C's `isspace` in the C locale.
fn has_c_space(s: &str) -> bool {
    s.bytes()
        .any(|b| matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))
}

/// Explain a wrong answer on an input that glibc accepts because it stops at whitespace.
fn whitespace_note(input: &str) -> Option<Text> {
    (has_c_space(input) && glibc::aton(input).is_some()).then(|| msg!("inet-whitespace"))
}

/// A call of one string, as the track writes it: `inet_pton4("1.2.3.4")`, or in C the call
/// of inet.h it stands for, `lab_inet_pton(AF_INET, "1.2.3.4", dst)`.
fn string_call(function: &'static str, input: &str) -> Call {
    let quoted = format!("\"{}\"", escape::bytes(input.as_bytes()));
    let c = match function {
        "inet_pton4" => format!("lab_inet_pton(AF_INET, {quoted}, dst)"),
        "inet_pton6" => format!("lab_inet_pton(AF_INET6, {quoted}, dst)"),
        "inet_aton" => format!("lab_inet_aton({quoted}, &in)"),
        _ => format!("lab_{function}({quoted})"),
    };
    Call::new(
        function,
        vec![arg_str(input)],
        Text::as_written(format!("{function}({quoted})"), c),
    )
}

/// An address parsed or refused: Rust's `Option` (`None`, `Some([0a 00 00 01])`), or what
/// the C function returns (`0`, or `1` and the bytes it wrote, `{0x0a, 0x00, 0x00, 0x01}`).
fn show_opt(v: &Option<Vec<u8>>) -> Text {
    let Some(b) = v else {
        return Text::as_written("None", "0");
    };
    let dotted = if b.len() == 4 {
        format!(" ({}.{}.{}.{})", b[0], b[1], b[2], b[3])
    } else {
        String::new()
    };
    Text::as_written(
        format!("Some([{}]){dotted}", escape::hex(b)),
        format!("1, {}{dotted}", shapes::c_array(b)),
    )
}

const OPT_BYTES: Answers<Option<Vec<u8>>> = Answers {
    parse: shapes::parse_opt_bytes,
    show: show_opt,
};

const ADDR: Answers<u32> = Answers {
    parse: |s| s.parse().ok(),
    show: |v| {
        if *v == u32::MAX {
            msg!("inet-addr-none")
        } else {
            let bytes = escape::hex(&v.to_ne_bytes());
            msg!(
                "inet-addr-value",
                value = format!("{v:#010x}"),
                bytes = bytes
            )
        }
    },
};

fn aton_cases(inputs: &[String]) -> Vec<Case<Option<Vec<u8>>>> {
    inputs
        .iter()
        .map(|s| Case {
            call: string_call("inet_aton", s),
            expected: glibc::aton(s).map(|b| b.to_vec()),
        })
        .collect()
}

fn input_of(call: &Call) -> String {
    crate::observe::harness::unhex(&call.args[0])
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

fn aton_note(case: &Case<Option<Vec<u8>>>, _got: &Option<Vec<u8>>) -> Option<Text> {
    whitespace_note(&input_of(&case.call))
}

fn tricky_v4() -> Vec<String> {
    TRICKY_V4.iter().map(|s| s.to_string()).collect()
}

fn aton_tricky(ctx: &mut Ctx) -> TestResult {
    expect_all(ctx, &aton_cases(&tricky_v4()), &OPT_BYTES, aton_note)
}

fn aton_random(ctx: &mut Ctx) -> TestResult {
    let inputs: Vec<String> = (0..4000).map(|_| random_v4(&mut ctx.rng)).collect();
    expect_all(ctx, &aton_cases(&inputs), &OPT_BYTES, aton_note)
}

fn addr(ctx: &mut Ctx) -> TestResult {
    let mut inputs = tricky_v4();
    inputs.extend((0..1500).map(|_| random_v4(&mut ctx.rng)));
    let cases: Vec<_> = inputs
        .iter()
        .map(|s| Case {
            call: string_call("inet_addr", s),
            expected: glibc::addr(s),
        })
        .collect();
    expect_all(ctx, &cases, &ADDR, |case, got| {
        if *got != case.expected && got.swap_bytes() == case.expected {
            return Some(msg!("inet-addr-reversed"));
        }
        whitespace_note(&input_of(&case.call))
    })
}

fn pton4_cases(inputs: &[String]) -> Vec<Case<Option<Vec<u8>>>> {
    inputs
        .iter()
        .map(|s| Case {
            call: string_call("inet_pton4", s),
            expected: glibc::pton4(s).map(|b| b.to_vec()),
        })
        .collect()
}

fn pton4_note(case: &Case<Option<Vec<u8>>>, got: &Option<Vec<u8>>) -> Option<Text> {
    let input = input_of(&case.call);
    if case.expected.is_none() && got.is_some() {
        if input.split('.').any(|p| p.len() > 1 && p.starts_with('0')) {
            return Some(msg!("inet-leading-zeros"));
        }
        if input.split('.').count() != 4 {
            return Some(msg!("inet-four-parts"));
        }
    }
    None
}

fn pton4_tricky(ctx: &mut Ctx) -> TestResult {
    expect_all(ctx, &pton4_cases(&tricky_v4()), &OPT_BYTES, pton4_note)
}

fn pton4_random(ctx: &mut Ctx) -> TestResult {
    let inputs: Vec<String> = (0..4000).map(|_| random_v4(&mut ctx.rng)).collect();
    expect_all(ctx, &pton4_cases(&inputs), &OPT_BYTES, pton4_note)
}

fn pton6_cases(inputs: &[String]) -> Vec<Case<Option<Vec<u8>>>> {
    inputs
        .iter()
        .map(|s| Case {
            call: string_call("inet_pton6", s),
            expected: glibc::pton6(s).map(|b| b.to_vec()),
        })
        .collect()
}

fn pton6_note(case: &Case<Option<Vec<u8>>>, got: &Option<Vec<u8>>) -> Option<Text> {
    let input = input_of(&case.call);
    if case.expected.is_none() && got.is_some() {
        if input.matches("::").count() > 1 {
            return Some(msg!("inet-two-gaps"));
        }
        if input.contains("::") {
            return Some(msg!("inet-seven-groups"));
        }
    }
    None
}

fn pton6_tricky(ctx: &mut Ctx) -> TestResult {
    let mut inputs: Vec<String> = TRICKY_V6.iter().map(|s| s.to_string()).collect();
    inputs.extend(gap_everywhere());
    expect_all(ctx, &pton6_cases(&inputs), &OPT_BYTES, pton6_note)
}

fn pton6_random(ctx: &mut Ctx) -> TestResult {
    let inputs: Vec<String> = (0..4000).map(|_| random_v6(&mut ctx.rng)).collect();
    expect_all(ctx, &pton6_cases(&inputs), &OPT_BYTES, pton6_note)
}

fn ntoa(ctx: &mut Ctx) -> TestResult {
    let mut inputs: Vec<[u8; 4]> = vec![
        [0; 4],
        [255; 4],
        [127, 0, 0, 1],
        [10, 0, 0, 255],
        [1, 22, 133, 4],
    ];
    inputs.extend((0..500).map(|_| ctx.rng.u32(..).to_ne_bytes()));
    let cases: Vec<_> = inputs
        .iter()
        .map(|a| Case {
            call: Call::new(
                "inet_ntoa",
                vec![arg_bytes(a)],
                Text::as_written(
                    format!("inet_ntoa([{}])", escape::hex(a)),
                    format!("lab_inet_ntoa({})", shapes::c_array(a)),
                ),
            ),
            expected: glibc::ntoa(*a),
        })
        .collect();
    expect_all(ctx, &cases, &shapes::STRING, |_, _| None)
}

fn ntop6_call(a: &[u8; 16]) -> Case<String> {
    Case {
        call: Call::new(
            "inet_ntop6",
            vec![arg_bytes(a)],
            Text::as_written(
                format!("inet_ntop6([{}])", escape::hex(a)),
                format!(
                    "lab_inet_ntop(AF_INET6, {}, dst, INET6_ADDRSTRLEN)",
                    shapes::c_array(a)
                ),
            ),
        ),
        expected: glibc::ntop6(*a),
    }
}

fn ntop6_note(case: &Case<String>, got: &String) -> Option<Text> {
    if got.to_lowercase() == case.expected && got != &case.expected {
        return Some(msg!("inet-lowercase"));
    }
    if got.contains("::") && !case.expected.contains("::") {
        return Some(msg!("inet-single-zero"));
    }
    if got.contains(':') && case.expected.contains('.') && !got.contains('.') {
        return Some(msg!("inet-dotted-end"));
    }
    None
}

fn words_to_bytes(words: &[u16; 8]) -> [u8; 16] {
    let mut a = [0u8; 16];
    for (i, w) in words.iter().enumerate() {
        a[2 * i] = (w >> 8) as u8;
        a[2 * i + 1] = *w as u8;
    }
    a
}

fn ntop6_structured(ctx: &mut Ctx) -> TestResult {
    let mut addresses: Vec<[u8; 16]> = Vec::new();
    // Every pattern of zero and non-zero groups: runs of every length and position, and ties.
    for mask in 0u16..256 {
        let mut words = [0u16; 8];
        for (i, w) in words.iter_mut().enumerate() {
            if mask & (1 << i) == 0 {
                *w = match ctx.rng.u8(..4) {
                    0 => 0xffff,
                    1 => ctx.rng.u16(1..16),
                    _ => ctx.rng.u16(1..),
                };
            }
        }
        addresses.push(words_to_bytes(&words));
    }
    // v4-mapped and v4-compatible, and their near misses.
    for _ in 0..40 {
        let v4 = ctx.rng.u32(..).to_be_bytes();
        let tail = [
            u16::from_be_bytes([v4[0], v4[1]]),
            u16::from_be_bytes([v4[2], v4[3]]),
        ];
        for head in [
            [0, 0, 0, 0, 0, 0xffff],
            [0; 6],
            [0, 0, 0, 0, 1, 0xffff],
            [0, 0, 0, 0, 0, 0xfffe],
        ] {
            let mut words = [0u16; 8];
            words[..6].copy_from_slice(&head);
            words[6..].copy_from_slice(&tail);
            addresses.push(words_to_bytes(&words));
        }
    }
    for words in [
        [0, 0, 0, 0, 0, 0xffff, 0, 0],
        [0, 0, 0, 0, 0, 0xffff, 0, 1],
        [0, 0, 0, 0, 0, 0, 0, 1],
        [0, 0, 0, 0, 0, 0, 1, 0],
        [0; 8],
    ] {
        addresses.push(words_to_bytes(&words));
    }
    let cases: Vec<_> = addresses.iter().map(ntop6_call).collect();
    expect_all(ctx, &cases, &shapes::STRING, ntop6_note)
}

fn ntop6_random(ctx: &mut Ctx) -> TestResult {
    let addresses: Vec<[u8; 16]> = (0..2000)
        .map(|i| {
            let mut words = [0u16; 8];
            for w in &mut words {
                // Zero often enough that runs of every length turn up.
                *w = if ctx.rng.u8(..3) == 0 {
                    0
                } else {
                    ctx.rng.u16(..)
                };
            }
            // Chance alone would bring a v4-mapped or v4-compatible head in only most runs;
            // every 50th address has one, so what this test catches is the same on every seed.
            if i % 50 == 0 {
                words[..6].copy_from_slice(if i % 100 == 0 {
                    &[0, 0, 0, 0, 0, 0xffff]
                } else {
                    &[0; 6]
                });
            }
            words_to_bytes(&words)
        })
        .collect();
    let cases: Vec<_> = addresses.iter().map(ntop6_call).collect();
    expect_all(ctx, &cases, &shapes::STRING, ntop6_note)
}

/// `inet_pton6(inet_ntop6(x)) with x = [..]`: the calls around x as the track writes them, and
/// x's bytes (`library-call-with-x`, in the reader's words).
fn round_trip_call(rust: &str, c: &str, x: &[u8]) -> Text {
    msg!(
        "library-call-with-x",
        call = Text::as_written(rust, c),
        x = shapes::bytes(x)
    )
}

fn round_trips(ctx: &mut Ctx) -> TestResult {
    let mut cases: Vec<Case<Option<Vec<u8>>>> = Vec::new();
    for _ in 0..1000 {
        let mut words = [0u16; 8];
        for w in &mut words {
            *w = if ctx.rng.bool() { 0 } else { ctx.rng.u16(..) };
        }
        if ctx.rng.u8(..5) == 0 {
            words[..5].fill(0);
            words[5] = if ctx.rng.bool() { 0xffff } else { 0 };
        }
        let a = words_to_bytes(&words);
        cases.push(Case {
            call: Call::new(
                "pton6_ntop6",
                vec![arg_bytes(&a)],
                round_trip_call(
                    "inet_pton6(inet_ntop6(x))",
                    "lab_inet_pton(AF_INET6, lab_inet_ntop(AF_INET6, x, buf, INET6_ADDRSTRLEN), dst)",
                    &a,
                ),
            ),
            expected: Some(a.to_vec()),
        });
    }
    for _ in 0..500 {
        let a = ctx.rng.u32(..).to_ne_bytes();
        cases.push(Case {
            call: Call::new(
                "pton4_ntoa",
                vec![arg_bytes(&a)],
                round_trip_call(
                    "inet_pton4(inet_ntoa(x))",
                    "lab_inet_pton(AF_INET, lab_inet_ntoa(x), dst)",
                    &a,
                ),
            ),
            expected: Some(a.to_vec()),
        });
    }
    expect_all(ctx, &cases, &OPT_BYTES, |_, _| None)
}
