//! The inputs: tricky ones that caught real implementations, and seeded random ones.

pub(super) const TRICKY_V4: &[&str] = &[
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

pub(super) const TRICKY_V6: &[&str] = &[
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
pub(super) fn gap_everywhere() -> Vec<String> {
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
pub(super) fn random_v4(rng: &mut fastrand::Rng) -> String {
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
pub(super) fn random_v6(rng: &mut fastrand::Rng) -> String {
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
