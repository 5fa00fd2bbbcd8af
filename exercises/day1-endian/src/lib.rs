//! Day 1 — byte order.
//!
//! Read course.md#byte-order (한국어: course.ko.md#byte-order) and course.md#day1-endian (한국어: course.ko.md#day1-endian), then replace every `todo!()` below.
//! Grade yourself with `cargo run -p checker day1-endian`.
//!
//! Rules (the checker enforces them, see clippy.toml): write the swaps with shifts and masks.
//! `to_be`, `from_be`, `to_le`, `from_le`, `swap_bytes`, `to_be_bytes`, `from_be_bytes`,
//! `to_le_bytes`, `from_le_bytes` and libc's `htons` family are off limits;
//! `to_ne_bytes`/`from_ne_bytes` are allowed (they only show how memory looks).

// Keeps the compiler quiet about unused arguments while the stubs are unfinished.
#![allow(unused_variables)]

/// Is this machine little-endian?
///
/// C: the union trick — `union { uint16_t i; char c[2]; } u = { 1 }; return u.c[0] == 1;`
/// Rust: look at the first byte of a number in memory with `to_ne_bytes()`.
pub fn is_little_endian() -> bool {
    // TODO: true when the least significant byte comes first in memory.
    todo!()
}

/// Swap the two bytes of a 16-bit value: `0x1234` becomes `0x3412`.
pub fn swap16(x: u16) -> u16 {
    // TODO: shifts and an OR.
    todo!()
}

/// Reverse the four bytes of a 32-bit value: `0x12345678` becomes `0x78563412`.
pub fn swap32(x: u32) -> u32 {
    // TODO: mask each byte and shift it to its mirrored place. Stay unsigned: a signed right
    // shift copies the top bit and breaks every value from 0x8000_0000 up.
    todo!()
}

/// Host to network byte order, 16 bits.
///
/// C: `uint16_t htons(uint16_t hostshort);` — nix has no wrapper (Rust's `u16::to_be` is
/// what you are re-implementing).
pub fn htons(x: u16) -> u16 {
    // TODO: swap on a little-endian host, leave alone on a big-endian one.
    todo!()
}

/// Network to host byte order, 16 bits. C: `uint16_t ntohs(uint16_t netshort);`
pub fn ntohs(x: u16) -> u16 {
    // TODO
    todo!()
}

/// Host to network byte order, 32 bits. C: `uint32_t htonl(uint32_t hostlong);`
pub fn htonl(x: u32) -> u32 {
    // TODO
    todo!()
}

/// Network to host byte order, 32 bits. C: `uint32_t ntohl(uint32_t netlong);`
pub fn ntohl(x: u32) -> u32 {
    // TODO
    todo!()
}

/// The two bytes of `x` as they travel on the wire: most significant byte first.
/// `to_wire_u16(0x1f90)` (port 8080) is `[0x1f, 0x90]` on every machine.
pub fn to_wire_u16(x: u16) -> [u8; 2] {
    // TODO: shifts and `as u8` (which keeps the low byte).
    todo!()
}

/// Read a 16-bit number that arrived in network byte order: `[0x1f, 0x90]` is 8080.
pub fn from_wire_u16(b: [u8; 2]) -> u16 {
    // TODO: widen each byte with `u16::from` before shifting.
    todo!()
}

/// The four bytes of `x` in network byte order: `0x01020304` becomes `[1, 2, 3, 4]`.
pub fn to_wire_u32(x: u32) -> [u8; 4] {
    // TODO
    todo!()
}

/// Read a 32-bit number that arrived in network byte order: `[1, 2, 3, 4]` is `0x01020304`.
pub fn from_wire_u32(b: [u8; 4]) -> u32 {
    // TODO
    todo!()
}
