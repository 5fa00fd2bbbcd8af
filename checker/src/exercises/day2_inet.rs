//! Hidden tests of day2-inet, with glibc as the oracle: every expected answer comes from the
//! real glibc function (glibc.rs) on a list of tricky inputs, thousands of seeded random
//! strings from an address-like grammar, structured IPv6 addresses and round trips. glibc is
//! followed exactly, its quirks included: `inet_aton`/`inet_addr` stop at the first whitespace
//! after the address and accept `"1.2.3.4 junk"` (course.md#inet-aton teaches that pitfall).

use crate::catalog::{Exercise, Kind, TestCase, secs};
use crate::context::Ctx;
use crate::escape;
use crate::glibc;
use crate::harness::{Call, arg_bytes, arg_str};
use crate::library::{Answers, Case, expect_all, shapes};
use crate::verdict::TestResult;

pub static EXERCISE: Exercise = Exercise {
    name: "day2-inet",
    day: 2,
    title: "the inet_* address conversions, byte for byte as glibc",
    section: "day2-inet",
    kind: Kind::Library {
        calls: CALLS,
        harness_deps: "",
        binaries: &[],
    },
    student_files: &["src/lib.rs"],
    tests: &[
        TestCase {
            id: "aton-tricky",
            title: "inet_aton on tricky inputs (short forms, octal, hex, ranges, junk)",
            points: 2,
            timeout: secs(10),
            hint: "Each part is read like strtoul(part, &end, 0): 0x.. hex, 0.. octal, else decimal; the last part fills the remaining bytes (127.1 is 127.0.0.1).",
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
            section: "inet-ntop",
            program: None,
            run: round_trips,
        },
    ],
};

const CALLS: &str = r#"use crate::{arg_bytes, arg_str, hex, opt_hex};
use day2_inet as ex;

pub fn call(function: &str, args: &[String]) -> String {
    match function {
        "inet_addr" => ex::inet_addr(&arg_str(args, 0)).to_string(),
        "inet_aton" => opt_hex(ex::inet_aton(&arg_str(args, 0)).as_ref().map(|b| &b[..])),
        "inet_pton4" => opt_hex(ex::inet_pton4(&arg_str(args, 0)).as_ref().map(|b| &b[..])),
        "inet_pton6" => opt_hex(ex::inet_pton6(&arg_str(args, 0)).as_ref().map(|b| &b[..])),
        "inet_ntoa" => hex(ex::inet_ntoa(arg_bytes(args, 0)).as_bytes()),
        "inet_ntop6" => hex(ex::inet_ntop6(arg_bytes(args, 0)).as_bytes()),
        "pton6_ntop6" => {
            let text = ex::inet_ntop6(arg_bytes(args, 0));
            opt_hex(ex::inet_pton6(&text).as_ref().map(|b| &b[..]))
        }
        "pton4_ntoa" => {
            let text = ex::inet_ntoa(arg_bytes(args, 0));
            opt_hex(ex::inet_pton4(&text).as_ref().map(|b| &b[..]))
        }
        other => panic!("the checker asked for an unknown function {other}"),
    }
}
"#;

// ---------------------------------------------------------------------------------------
// Notes on the glibc quirk students meet most.

/// C's `isspace` in the C locale.
fn has_c_space(s: &str) -> bool {
    s.bytes()
        .any(|b| matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))
}

/// Explain a wrong answer on an input that glibc accepts because it stops at whitespace.
fn whitespace_note(input: &str) -> Option<String> {
    (has_c_space(input) && glibc::aton(input).is_some()).then(|| {
        "glibc accepts this: after the address it stops at the first whitespace (space, \\t, \\n, \\v, \\f, \\r) \
         and ignores the rest. A pitfall of the real function, which the lab follows exactly: \
         course.md#inet-aton explains it, and how a caller checks the whole string."
            .to_string()
    })
}

// ---------------------------------------------------------------------------------------
// Inputs.

const TRICKY_V4: &[&str] = &[
    "1.2.3.4",
    "0.0.0.0",
    "255.255.255.255",
    "255.255.255.256",
    "256.1.1.1",
    "127.1",
    "1.2.3",
    "10.1",
    "1",
    "0x7f000001",
    "2130706433",
    "017700000001",
    "0x7f.1",
    "0x7F.0.0.1",
    "0X7f.0.0.1",
    "010.0.0.1",
    "08.1.1.1",
    "09",
    "0",
    "00",
    "000000000001.2.3.4",
    "0x",
    "0x.1.1.1",
    "1.0x",
    "0xg",
    "1.2.3.4.",
    ".1.2.3.4",
    "1..2.3",
    "1.2..3",
    "",
    ".",
    "...",
    " ",
    " 1.2.3.4",
    "1.2.3.4 ",
    "1.2.3.4 junk",
    "1.2.3.4\tx",
    "1.2.3.4\u{b}x",
    "1.2.3.4\u{c}",
    "1.2.3.4\r\n",
    "1.2.3 .4",
    "1.2.3. 4",
    "1.2.3.4\n",
    "1.2.3.4x",
    "1.2.3.4.5",
    "4294967295",
    "4294967296",
    "0xffffffff",
    "0x100000000",
    "0x0000000000ff",
    "99999999999999999999",
    "1.16777215",
    "1.16777216",
    "1.2.65535",
    "1.2.65536",
    "1.2.3.0xff",
    "1.2.3.0x100",
    "1.2.3.255",
    "1.2.3.256",
    "0377.0377.0377.0377",
    "0400.1.1.1",
    "+1.2.3.4",
    "-1.2.3.4",
    "1.-2.3.4",
    "1.+2.3.4",
    "a.b.c.d",
    "1.2.3.a",
    "1e3",
    "0x1.0x2.0x3.0x4",
    "01.02.03.04",
    "1.2.3.04",
    "1.2.3.00",
    "00.0.0.0",
    "1111.1.1.1",
    "1.2.3.-4",
    "\u{0661}.\u{0662}.\u{0663}.\u{0664}",
    "1.2.3.4\u{a0}",
    "192.168.001.001",
    "192.168.1.1",
];

const TRICKY_V6: &[&str] = &[
    "::",
    "::1",
    "1::",
    "1::2",
    "::ffff:1.2.3.4",
    "::1.2.3.4",
    "1:2:3:4:5:6:7:8",
    "1:2:3:4:5:6:7::",
    "::2:3:4:5:6:7:8",
    "1:2:3:4:5:6:7:8:9",
    "1:2:3:4:5:6:7",
    "1::2::3",
    ":::",
    ":1::",
    "1:",
    ":1",
    "1::2:",
    "12345::",
    "1:2:3:4:5:6:1.2.3.4",
    "1:2:3:4:5:6:7:1.2.3.4",
    "::1.2.3",
    "::1.2.3.4.5",
    "::256.1.1.1",
    "::01.2.3.4",
    "::1.2.3.4:5",
    "fe80::1%eth0",
    "fe80::1%1",
    "[::1]",
    " ::1",
    "::1 ",
    "FFFF::",
    "ffff::",
    "Ab:cD::Ef",
    "0:0:0:0:0:0:0:0",
    "0000:0000:0000:0000:0000:0000:0000:0001",
    "00000::",
    "::g",
    "1::2:3:4:5:6:7",
    "1:2:3:4:5:6:7:8::",
    "::1:2:3:4:5:6:7:8",
    "1.2.3.4",
    "::ffff:1.2.3.4:",
    "2001:db8::1",
    "2001:db8:0:0:1:0:0:1",
    ":",
    "",
    "a::b::",
    "::0:1",
    "1:::2",
    "::ffff:0x1.2.3.4",
    "::ffff:1.2.3",
    "1:2:3:4:5::1.2.3.4",
    "1:2:3:4:5:6::1.2.3.4",
    "::1234:1.2.3.4",
    "::12345",
    "1:2:3:4:5:6:7:8:",
    ":1:2:3:4:5:6:7:8",
    "::ffff:255.255.255.255",
    "::ffff:256.255.255.255",
    "0::0",
    "1:2::3:4",
    "1:2:3:4:5:6:7:08",
];

/// `::` at every position among 0 to 7 explicit groups.
fn gap_everywhere() -> Vec<String> {
    let mut out = Vec::new();
    for n in 0..=8usize {
        for at in 0..=n {
            let groups: Vec<String> = (1..=n).map(|g| format!("{g:x}")).collect();
            out.push(format!(
                "{}::{}",
                groups[..at].join(":"),
                groups[at..].join(":")
            ));
        }
    }
    out
}

/// Random strings from an IPv4-like grammar, with the usual slips. Weighted towards almost-valid
/// addresses (four decimal parts, one of them slightly off), where the bugs hide: every bug class
/// of the broken versions turns up dozens of times in 4000 strings, whatever the seed.
fn random_v4(rng: &mut fastrand::Rng) -> String {
    let parts = match rng.u8(..10) {
        0 => 1,
        1 => 2,
        2 => 3,
        3 => 5,
        _ => 4,
    };
    let mut s = String::new();
    for i in 0..parts {
        if i > 0 {
            s.push('.');
            if rng.u8(..100) < 2 {
                s.push('.');
            }
        }
        match rng.u8(..100) {
            0..=44 => s.push_str(&rng.u32(..256).to_string()),
            45..=54 => s.push_str(&rng.u32(256..1000).to_string()),
            55..=59 => s.push_str(&rng.u32(1000..=70_000).to_string()),
            60..=62 => s.push_str(&rng.u64(..=0x1_0000_0100).to_string()),
            63..=70 => s.push_str(&format!("0{:o}", rng.u32(..0o1000))),
            71..=75 => s.push_str(&format!("0{}", rng.u32(..1000))), // may hold an 8 or a 9
            76..=79 => s.push_str(&format!("0x{:x}", rng.u32(..0x200))),
            80..=82 => s.push_str(&format!("0X{:X}", rng.u32(..))),
            83..=87 => s.push_str(&format!("0{}", rng.u8(..10))),
            88..=90 => {}
            91..=93 => s.push(*rng.choice(&['x', 'g', '+', '-', 'a', ' ']).unwrap_or(&'x')),
            _ => s.push_str(&format!("{:02}", rng.u8(..100))),
        }
    }
    match rng.u8(..40) {
        0 => s.push('.'),
        1 => s.insert(0, ' '),
        2 => s.push_str(" x"),
        3 => s.push('\t'),
        _ => {}
    }
    s
}

/// Random strings from an IPv6-like grammar.
fn random_v6(rng: &mut fastrand::Rng) -> String {
    let groups = rng.usize(0..=9);
    let gap = match rng.u8(..10) {
        0..=5 => Some(rng.usize(0..=groups)),
        _ => None,
    };
    let v4_tail = rng.u8(..6) == 0;
    let mut words: Vec<String> = Vec::new();
    for _ in 0..groups {
        let digits = *rng.choice(&[1, 1, 2, 3, 4, 4, 4, 5, 0]).unwrap_or(&4);
        let mut w: String = (0..digits)
            .map(|_| {
                rng.choice(b"0123456789abcdefABCDEF")
                    .map_or('0', |&c| c as char)
            })
            .collect();
        if rng.u8(..40) == 0 {
            w.push(*rng.choice(&['g', '%', ' ', '.']).unwrap_or(&'g'));
        }
        words.push(w);
    }
    let mut s = match gap {
        Some(at) => format!("{}::{}", words[..at].join(":"), words[at..].join(":")),
        None => words.join(":"),
    };
    if v4_tail {
        if !s.ends_with(':') && !s.is_empty() {
            s.push(':');
        }
        s.push_str(&random_v4(rng));
    }
    match rng.u8(..25) {
        0 => s.push_str("::"),
        1 => s.push_str("%eth0"),
        2 => s.insert(0, ':'),
        3 => s.push(':'),
        _ => {}
    }
    s
}

// ---------------------------------------------------------------------------------------
// Calls and answers.

fn string_call(function: &'static str, input: &str) -> Call {
    Call::new(
        function,
        vec![arg_str(input)],
        format!("{function}(\"{}\")", escape::bytes(input.as_bytes())),
    )
}

fn show_opt(v: &Option<Vec<u8>>) -> String {
    match v {
        None => "None".to_string(),
        Some(b) if b.len() == 4 => format!(
            "Some([{}]) ({}.{}.{}.{})",
            escape::hex(b),
            b[0],
            b[1],
            b[2],
            b[3]
        ),
        Some(b) => format!("Some([{}])", escape::hex(b)),
    }
}

const OPT_BYTES: Answers<Option<Vec<u8>>> = Answers {
    parse: shapes::parse_opt_bytes,
    show: show_opt,
};

const ADDR: Answers<u32> = Answers {
    parse: |s| s.parse().ok(),
    show: |v| {
        if *v == u32::MAX {
            "0xffffffff (INADDR_NONE, or 255.255.255.255)".to_string()
        } else {
            format!(
                "{v:#010x} (bytes {} in memory)",
                escape::hex(&v.to_ne_bytes())
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
    crate::harness::unhex(&call.args[0])
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

fn aton_note(case: &Case<Option<Vec<u8>>>, _got: &Option<Vec<u8>>) -> Option<String> {
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
            return Some(
                "the bytes are reversed: inet_addr returns the address in network order as it \
                 sits in memory, so its to_ne_bytes() are the four parts in order"
                    .to_string(),
            );
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

fn pton4_note(case: &Case<Option<Vec<u8>>>, got: &Option<Vec<u8>>) -> Option<String> {
    let input = input_of(&case.call);
    if case.expected.is_none() && got.is_some() {
        if input.split('.').any(|p| p.len() > 1 && p.starts_with('0')) {
            return Some("inet_pton refuses leading zeros: to inet_aton `010` is octal 8, so a strict parser must not guess".into());
        }
        if input.split('.').count() != 4 {
            return Some(
                "inet_pton wants exactly four parts; the short forms are inet_aton's".into(),
            );
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

fn pton6_note(case: &Case<Option<Vec<u8>>>, got: &Option<Vec<u8>>) -> Option<String> {
    let input = input_of(&case.call);
    if case.expected.is_none() && got.is_some() {
        if input.matches("::").count() > 1 {
            return Some(
                "two `::` are ambiguous: nobody could tell how many zeros each stands for".into(),
            );
        }
        if input.contains("::") {
            return Some("with `::` there must be at most seven explicit groups: `::` stands for at least one zero group".into());
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
                format!("inet_ntoa([{}])", escape::hex(a)),
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
            format!("inet_ntop6([{}])", escape::hex(a)),
        ),
        expected: glibc::ntop6(*a),
    }
}

fn ntop6_note(case: &Case<String>, got: &String) -> Option<String> {
    if got.to_lowercase() == case.expected && got != &case.expected {
        return Some("glibc prints hex digits in lowercase".into());
    }
    if got.contains("::") && !case.expected.contains("::") {
        return Some(
            "`::` replaces a run of two or more zero groups; a single zero group stays `0`".into(),
        );
    }
    if got.contains(':') && case.expected.contains('.') && !got.contains('.') {
        return Some("v4-mapped (::ffff:a.b.c.d) and v4-compatible (::a.b.c.d) addresses end in dotted decimal".into());
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
                format!("inet_pton6(inet_ntop6(x)) with x = [{}]", escape::hex(&a)),
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
                format!("inet_pton4(inet_ntoa(x)) with x = [{}]", escape::hex(&a)),
            ),
            expected: Some(a.to_vec()),
        });
    }
    expect_all(ctx, &cases, &OPT_BYTES, |_, _| None)
}
