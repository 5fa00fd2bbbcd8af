//! Day 2 — address conversion, the `inet_*` family (reference solution).
//!
//! Every function here behaves like the glibc function it is named after, quirks included;
//! the checker compares them with glibc itself on tricky and random inputs. The quirk that
//! surprises most: `inet_aton` and `inet_addr` stop at the first whitespace after the address
//! and ignore what follows (`"1.2.3.4 junk"` is accepted).

/// The error value of `inet_addr`: 0xffff_ffff, which is also the valid broadcast address
/// `255.255.255.255` — the flaw that made `inet_aton` and `inet_pton` its replacements.
pub const INADDR_NONE: u32 = 0xffff_ffff;

/// C: `in_addr_t inet_addr(const char *cp);`
///
/// The address in network byte order *as it sits in memory*: `inet_addr("1.2.3.4")` is the
/// `u32` whose `to_ne_bytes()` are `[1, 2, 3, 4]`. `INADDR_NONE` on error.
pub fn inet_addr(s: &str) -> u32 {
    match inet_aton(s) {
        Some(bytes) => u32::from_ne_bytes(bytes),
        None => INADDR_NONE,
    }
}

/// C: `int inet_aton(const char *cp, struct in_addr *inp);`
///
/// One to four parts separated by dots, each decimal, octal (leading `0`) or hex (`0x`), as
/// `strtoul(part, &end, 0)` reads them. The last part fills all the bytes that are left:
/// `a` is 32 bits, `a.b` is 8 + 24, `a.b.c` is 8 + 8 + 16, `a.b.c.d` is 8 + 8 + 8 + 8.
pub fn inet_aton(s: &str) -> Option<[u8; 4]> {
    let bytes = s.as_bytes();
    let mut pos = 0;
    let mut leading_parts: Vec<u32> = Vec::with_capacity(3);
    let last = loop {
        let (value, next) = parse_c_number(bytes, pos)?;
        pos = next;
        if bytes.get(pos) == Some(&b'.') {
            // Only the last part may be wider than a byte, and there are at most four parts.
            if leading_parts.len() == 3 || value > 0xff {
                return None;
            }
            leading_parts.push(value);
            pos += 1;
        } else {
            break value;
        }
    };
    // Trailing characters: glibc accepts the address if a whitespace character (C's isspace:
    // space, \t, \n, \v, \f, \r) follows it, whatever comes after that.
    if pos != bytes.len() && !matches!(bytes[pos], b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
        return None;
    }
    // The last part must fit in the bytes the leading parts left over.
    let last_bits = 32 - 8 * leading_parts.len() as u32;
    if last_bits < 32 && last >> last_bits != 0 {
        return None;
    }
    let mut host_order: u32 = last;
    for (i, part) in leading_parts.iter().enumerate() {
        host_order |= part << (24 - 8 * i as u32);
    }
    Some([
        (host_order >> 24) as u8,
        (host_order >> 16) as u8,
        (host_order >> 8) as u8,
        host_order as u8,
    ])
}

/// Read one number at `pos` the way `strtoul(s, &end, 0)` does after an `isdigit` check:
/// `0x`/`0X` followed by a hex digit is hex, another leading `0` is octal, the rest decimal.
/// Returns the value and the position after it; `None` if there is no digit or the value
/// does not fit in 32 bits.
fn parse_c_number(s: &[u8], pos: usize) -> Option<(u32, usize)> {
    let first = *s.get(pos)?;
    if !first.is_ascii_digit() {
        return None;
    }
    let is_hex_prefix = first == b'0'
        && matches!(s.get(pos + 1), Some(b'x' | b'X'))
        && s.get(pos + 2).is_some_and(u8::is_ascii_hexdigit);
    let (radix, mut end) = if is_hex_prefix {
        (16, pos + 2)
    } else if first == b'0' {
        (8, pos)
    } else {
        (10, pos)
    };
    let mut value: u64 = 0;
    while let Some(digit) = s.get(end).and_then(|&c| (c as char).to_digit(radix)) {
        value = value * u64::from(radix) + u64::from(digit);
        if value > u64::from(u32::MAX) {
            return None;
        }
        end += 1;
    }
    Some((value as u32, end))
}

/// C: `inet_pton(AF_INET, src, dst)` — strict dotted decimal: exactly four parts, each
/// 0..=255 written in decimal without leading zeros, nothing else.
pub fn inet_pton4(s: &str) -> Option<[u8; 4]> {
    let mut out = [0u8; 4];
    let mut parts = s.split('.');
    for byte in out.iter_mut() {
        let part = parts.next()?;
        let valid_digits = !part.is_empty()
            && part.len() <= 3
            && part.bytes().all(|c| c.is_ascii_digit())
            && !(part.len() > 1 && part.starts_with('0'));
        if !valid_digits {
            return None;
        }
        *byte = part.parse::<u8>().ok()?; // above 255 fails here
    }
    if parts.next().is_some() {
        return None;
    }
    Some(out)
}

/// C: `inet_pton(AF_INET6, src, dst)` — up to eight groups of one to four hex digits, one
/// `::` standing for one or more zero groups, and optionally an embedded dotted IPv4 address
/// in place of the last two groups (`::ffff:192.0.2.1`). No zone ids (`%eth0`), no brackets.
pub fn inet_pton6(s: &str) -> Option<[u8; 16]> {
    let mut groups: Vec<u16> = Vec::with_capacity(8); // groups written before/after "::"
    let mut gap_at: Option<usize> = None; // index in `groups` where "::" stands
    let mut rest = s;

    // A leading "::" is the only place a ':' may start the string.
    if let Some(after) = rest.strip_prefix("::") {
        gap_at = Some(0);
        rest = after;
    } else if rest.starts_with(':') {
        return None;
    }
    if rest.is_empty() {
        return gap_at.map(|_| [0u8; 16]); // "::" alone is the all-zero address
    }

    let pieces: Vec<&str> = rest.split(':').collect();
    for (i, piece) in pieces.iter().enumerate() {
        let is_last = i + 1 == pieces.len();
        if piece.is_empty() {
            // An empty piece is the second half of a "::" in the middle, or at the very end.
            if gap_at.is_some() || i == 0 {
                return None;
            }
            gap_at = Some(groups.len());
            if is_last {
                return None; // "1:" — a single trailing colon
            }
            // "1::" splits into ["1", "", ""]: the final empty piece belongs to this "::".
            if i + 2 == pieces.len() && pieces[i + 1].is_empty() {
                break;
            }
            continue;
        }
        if is_last && piece.contains('.') {
            let v4 = inet_pton4(piece)?;
            groups.push(u16::from(v4[0]) << 8 | u16::from(v4[1]));
            groups.push(u16::from(v4[2]) << 8 | u16::from(v4[3]));
            break;
        }
        if piece.len() > 4 || !piece.bytes().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        groups.push(u16::from_str_radix(piece, 16).ok()?);
    }

    let words: Vec<u16> = match gap_at {
        None if groups.len() == 8 => groups,
        // "::" must stand for at least one zero group.
        Some(at) if groups.len() < 8 => {
            let mut words = groups[..at].to_vec();
            words.resize(8 - (groups.len() - at), 0);
            words.extend_from_slice(&groups[at..]);
            words
        }
        _ => return None,
    };
    let mut out = [0u8; 16];
    for (i, word) in words.iter().enumerate() {
        out[2 * i] = (word >> 8) as u8;
        out[2 * i + 1] = *word as u8;
    }
    Some(out)
}

/// C: `char *inet_ntoa(struct in_addr in);` — dotted decimal. (glibc returns a static buffer,
/// which is why it is not thread-safe; a `String` has no such problem.)
pub fn inet_ntoa(a: [u8; 4]) -> String {
    format!("{}.{}.{}.{}", a[0], a[1], a[2], a[3])
}

/// C: `inet_ntop(AF_INET6, src, dst, INET6_ADDRSTRLEN)`, exactly as glibc prints it:
/// lowercase hex without leading zeros; the longest run of two or more zero groups (the first
/// one on a tie) becomes `::`; a single zero group stays `0`; `::ffff:a.b.c.d` (v4-mapped) and
/// `::a.b.c.d` (v4-compatible, word 6 not zero) end in dotted decimal.
pub fn inet_ntop6(a: [u8; 16]) -> String {
    let words: Vec<u16> = a
        .chunks(2)
        .map(|pair| u16::from(pair[0]) << 8 | u16::from(pair[1]))
        .collect();

    // Find the longest run of zero words; `>` keeps the first run on a tie.
    let (mut best_start, mut best_len) = (0, 0);
    let mut i = 0;
    while i < 8 {
        if words[i] == 0 {
            let start = i;
            while i < 8 && words[i] == 0 {
                i += 1;
            }
            if i - start > best_len {
                (best_start, best_len) = (start, i - start);
            }
        } else {
            i += 1;
        }
    }
    let gap = (best_len >= 2).then_some(best_start..best_start + best_len);

    let embeds_v4 = gap
        .as_ref()
        .is_some_and(|g| g.start == 0 && (g.len() == 6 || (g.len() == 5 && words[5] == 0xffff)));

    let mut text = String::with_capacity(39);
    for (i, word) in words.iter().enumerate() {
        if let Some(gap) = gap.as_ref().filter(|g| g.contains(&i)) {
            if i == gap.start {
                text.push(':');
            }
            continue;
        }
        if i != 0 {
            text.push(':');
        }
        if i == 6 && embeds_v4 {
            text.push_str(&inet_ntoa([a[12], a[13], a[14], a[15]]));
            break;
        }
        text.push_str(&format!("{word:x}"));
    }
    if gap.is_some_and(|g| g.end == 8) {
        text.push(':');
    }
    text
}
