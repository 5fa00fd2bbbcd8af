//! Day 2 — address conversion, the `inet_*` family.
//!
//! Read course.md#address-conversion (한국어: course.ko.md#address-conversion) and course.md#day2-inet (한국어: course.ko.md#day2-inet), then replace every `todo!()`
//! below.
//! Grade yourself with `cargo run -p checker day2-inet`.
//!
//! Each function must answer exactly what the glibc function of the same name answers, quirks
//! included: the checker calls glibc itself on tricky and random inputs and compares. One quirk
//! to know: glibc's `inet_aton`/`inet_addr` accept `"1.2.3.4 junk"` (after the address they
//! stop at the first whitespace and ignore the rest); course.md#inet-aton (한국어: course.ko.md#inet-aton) explains why that is
//! a trap.
//!
//! Rules (enforced by the checker, see clippy.toml and Cargo.toml): no `std::net` types
//! (`Ipv4Addr`, `Ipv6Addr`, ... parse and format addresses for you), no `unsafe` (so no C
//! `inet_*` either). Parsing plain numbers with `str::parse` or `u32::from_str_radix` is fine.

// Keeps the compiler quiet about unused arguments while the stubs are unfinished.
#![allow(unused_variables)]

/// The error value of `inet_addr`. It is also the valid address 255.255.255.255: that
/// ambiguity is the flaw of `inet_addr` (course.md#inet-addr explains it).
pub const INADDR_NONE: u32 = 0xffff_ffff;

/// C: `in_addr_t inet_addr(const char *cp);`
///
/// Returns the address in network byte order *as it sits in memory*:
/// `inet_addr("1.2.3.4").to_ne_bytes() == [1, 2, 3, 4]` on every machine. `INADDR_NONE` on error.
/// (nix has no wrapper: its `SockaddrIn` takes the address already parsed.)
pub fn inet_addr(s: &str) -> u32 {
    // TODO: reuse inet_aton and `u32::from_ne_bytes`.
    todo!()
}

/// C: `int inet_aton(const char *cp, struct in_addr *inp);` — 1 on success, 0 on error;
/// here `Some(bytes)` or `None`.
///
/// One to four parts separated by dots. Each part is read like `strtoul(part, &end, 0)`:
/// `0x`/`0X` then hex digits is hex, a leading `0` is octal, otherwise decimal. The last part
/// fills all the bytes that are left: `127.1` is 127.0.0.1, `1.2.3` is 1.2.0.3, `0x7f000001`
/// alone is 127.0.0.1. Every part but the last must be at most 255, and the last must fit.
/// After the address: the end of the string, or a whitespace character (C's `isspace`: space,
/// `\t`, `\n`, `\v`, `\f`, `\r`) after which anything may follow, as in glibc.
pub fn inet_aton(s: &str) -> Option<[u8; 4]> {
    // TODO: split into parts, read each number with its base, check ranges, assemble bytes.
    todo!()
}

/// C: `inet_pton(AF_INET, src, &addr)` — 1 on success, 0 if `src` is not an address.
///
/// Strict: exactly four decimal parts, each 0..=255, no leading zeros (`01` is refused),
/// nothing before or after.
pub fn inet_pton4(s: &str) -> Option<[u8; 4]> {
    // TODO
    todo!()
}

/// C: `inet_pton(AF_INET6, src, &addr6)` — the 16 bytes of an IPv6 address.
///
/// Eight groups of 1 to 4 hex digits separated by `:`; one `::` may stand for one or more
/// zero groups (`::1`, `fe80::1`, `1::`); the last two groups may be written as a dotted IPv4
/// address (`::ffff:192.0.2.1`). Refuse two `::`, five hex digits, too many or too few groups,
/// zone ids (`fe80::1%eth0`), brackets and spaces.
pub fn inet_pton6(s: &str) -> Option<[u8; 16]> {
    // TODO
    todo!()
}

/// C: `char *inet_ntoa(struct in_addr in);` — dotted decimal, `[127, 0, 0, 1]` is `"127.0.0.1"`.
pub fn inet_ntoa(a: [u8; 4]) -> String {
    // TODO
    todo!()
}

/// C: `inet_ntop(AF_INET6, src, dst, INET6_ADDRSTRLEN)`, exactly as glibc prints it:
/// lowercase hex without leading zeros; the longest run of two or more zero groups becomes
/// `::` (the first run on a tie); a lone zero group stays `0`; `::ffff:a.b.c.d` (v4-mapped)
/// and `::a.b.c.d` (v4-compatible, word 6 not zero) end in dotted decimal.
pub fn inet_ntop6(a: [u8; 16]) -> String {
    // TODO
    todo!()
}
