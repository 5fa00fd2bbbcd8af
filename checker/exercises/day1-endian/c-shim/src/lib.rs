//! Day 1 — byte order, C track: the public API of the Rust exercise `day1-endian`, each
//! function calling the student's C function of endian.h (`lab_swap16` for `swap16`, ...). The
//! checker's harness calls this crate as it calls the Rust exercise, so the hidden tests are
//! the same.
//!
//! A `TODO("...")` in the C code calls `lab_todo` (`lab_todo.rs`, the same in every shim, which
//! the checker writes beside this file): a panic whose
//! message starts with "not yet implemented", as Rust's `todo!()` does, which unwinds through
//! the C frames (built with `-fexceptions`, declared `C-unwind` here) back to the harness,
//! which reports the test as not started.

// The checker writes lab_todo.rs beside this file (checker/c-track/lab-todo.rs), the same in
// every shim; included rather than a `mod` file, so this file is formatted and linted alone.
mod lab_todo {
    include!("lab_todo.rs");
}

unsafe extern "C-unwind" {
    safe fn lab_is_little_endian() -> bool;
    safe fn lab_swap16(x: u16) -> u16;
    safe fn lab_swap32(x: u32) -> u32;
    safe fn lab_htons(x: u16) -> u16;
    safe fn lab_ntohs(x: u16) -> u16;
    safe fn lab_htonl(x: u32) -> u32;
    safe fn lab_ntohl(x: u32) -> u32;
    fn lab_to_wire_u16(x: u16, out: *mut u8);
    fn lab_from_wire_u16(b: *const u8) -> u16;
    fn lab_to_wire_u32(x: u32, out: *mut u8);
    fn lab_from_wire_u32(b: *const u8) -> u32;
}

/// Is this machine little-endian? C: `bool lab_is_little_endian(void);`
pub fn is_little_endian() -> bool {
    lab_is_little_endian()
}

/// Swap the two bytes of a 16-bit value. C: `uint16_t lab_swap16(uint16_t x);`
pub fn swap16(x: u16) -> u16 {
    lab_swap16(x)
}

/// Reverse the four bytes of a 32-bit value. C: `uint32_t lab_swap32(uint32_t x);`
pub fn swap32(x: u32) -> u32 {
    lab_swap32(x)
}

/// Host to network byte order, 16 bits. C: `uint16_t lab_htons(uint16_t x);`
pub fn htons(x: u16) -> u16 {
    lab_htons(x)
}

/// Network to host byte order, 16 bits. C: `uint16_t lab_ntohs(uint16_t x);`
pub fn ntohs(x: u16) -> u16 {
    lab_ntohs(x)
}

/// Host to network byte order, 32 bits. C: `uint32_t lab_htonl(uint32_t x);`
pub fn htonl(x: u32) -> u32 {
    lab_htonl(x)
}

/// Network to host byte order, 32 bits. C: `uint32_t lab_ntohl(uint32_t x);`
pub fn ntohl(x: u32) -> u32 {
    lab_ntohl(x)
}

/// The two bytes of `x` on the wire. C: `void lab_to_wire_u16(uint16_t x, uint8_t out[2]);`
pub fn to_wire_u16(x: u16) -> [u8; 2] {
    let mut out = [0u8; 2];
    // SAFETY: `out` is two writable bytes, what the C function writes.
    unsafe { lab_to_wire_u16(x, out.as_mut_ptr()) };
    out
}

/// Read a 16-bit number in network byte order. C: `uint16_t lab_from_wire_u16(const uint8_t in[2]);`
pub fn from_wire_u16(b: [u8; 2]) -> u16 {
    // SAFETY: `b` is two readable bytes, what the C function reads.
    unsafe { lab_from_wire_u16(b.as_ptr()) }
}

/// The four bytes of `x` on the wire. C: `void lab_to_wire_u32(uint32_t x, uint8_t out[4]);`
pub fn to_wire_u32(x: u32) -> [u8; 4] {
    let mut out = [0u8; 4];
    // SAFETY: `out` is four writable bytes, what the C function writes.
    unsafe { lab_to_wire_u32(x, out.as_mut_ptr()) };
    out
}

/// Read a 32-bit number in network byte order. C: `uint32_t lab_from_wire_u32(const uint8_t in[4]);`
pub fn from_wire_u32(b: [u8; 4]) -> u32 {
    // SAFETY: `b` is four readable bytes, what the C function reads.
    unsafe { lab_from_wire_u32(b.as_ptr()) }
}
