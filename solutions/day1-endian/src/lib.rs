//! Day 1 — byte order (reference solution).
//!
//! A multi-byte number sits in memory in the host's byte order: little-endian on x86 and most
//! ARM machines, big-endian on some others. TCP/IP fixes one order for every number it puts on
//! the wire: big-endian, "network byte order". The C library's `htons`/`htonl` convert host to
//! network order and `ntohs`/`ntohl` convert back; on a big-endian host they do nothing.
//!
//! Everything here is written with shifts and masks: that is the lesson.

/// Is this machine little-endian?
///
/// C: the classic union trick, `union { uint16_t i; char c[2]; } u = { 1 }; return u.c[0] == 1;`
/// — look at the first byte of a number in memory. `to_ne_bytes` shows exactly that memory.
pub fn is_little_endian() -> bool {
    0x0001_u16.to_ne_bytes()[0] == 0x01
}

/// Swap the two bytes of a 16-bit value: `0x1234` becomes `0x3412`.
#[allow(clippy::manual_rotate)] // written out on purpose: this is `x.rotate_left(8)`
pub fn swap16(x: u16) -> u16 {
    // `u16` shifts are logical (zero-filling), and the low byte moved up drops out of range.
    (x << 8) | (x >> 8)
}

/// Reverse the four bytes of a 32-bit value: `0x12345678` becomes `0x78563412`.
pub fn swap32(x: u32) -> u32 {
    // Unsigned shifts: a signed (`i32`) right shift would copy the top bit into the hole and
    // corrupt every value from 0x8000_0000 up.
    ((x & 0x0000_00ff) << 24)
        | ((x & 0x0000_ff00) << 8)
        | ((x & 0x00ff_0000) >> 8)
        | ((x & 0xff00_0000) >> 24)
}

/// Host to network byte order, 16 bits. C: `uint16_t htons(uint16_t hostshort);`
pub fn htons(x: u16) -> u16 {
    if is_little_endian() { swap16(x) } else { x }
}

/// Network to host byte order, 16 bits. C: `uint16_t ntohs(uint16_t netshort);`
///
/// The same operation as `htons`: swapping twice gives the value back.
pub fn ntohs(x: u16) -> u16 {
    htons(x)
}

/// Host to network byte order, 32 bits. C: `uint32_t htonl(uint32_t hostlong);`
pub fn htonl(x: u32) -> u32 {
    if is_little_endian() { swap32(x) } else { x }
}

/// Network to host byte order, 32 bits. C: `uint32_t ntohl(uint32_t netlong);`
pub fn ntohl(x: u32) -> u32 {
    htonl(x)
}

/// The two bytes of `x` as they travel on the wire: most significant byte first.
///
/// This is what `sin_port = htons(port)` puts in memory, written without depending on the host.
pub fn to_wire_u16(x: u16) -> [u8; 2] {
    [(x >> 8) as u8, x as u8]
}

/// Read a 16-bit number that arrived in network byte order.
pub fn from_wire_u16(b: [u8; 2]) -> u16 {
    (u16::from(b[0]) << 8) | u16::from(b[1])
}

/// The four bytes of `x` in network byte order: `0x01020304` becomes `[1, 2, 3, 4]`.
pub fn to_wire_u32(x: u32) -> [u8; 4] {
    [(x >> 24) as u8, (x >> 16) as u8, (x >> 8) as u8, x as u8]
}

/// Read a 32-bit number that arrived in network byte order.
pub fn from_wire_u32(b: [u8; 4]) -> u32 {
    // Widen each byte before shifting: `(b[0] << 24)` on a `u8` would overflow.
    (u32::from(b[0]) << 24) | (u32::from(b[1]) << 16) | (u32::from(b[2]) << 8) | u32::from(b[3])
}
