// Day 1 — byte order (C track).
//
// Read course.md#byte-order (한국어: course.ko.md#byte-order) and course.md#day1-endian
// (한국어: course.ko.md#day1-endian), then replace every `TODO(...)` below with code; endian.h
// says what each function does. Grade yourself with
// `cargo run -p checker -- --track c day1-endian` (from the lab's root): the checker builds
// this file into a library and calls your functions, as the Rust track's tests call its.
// A `TODO(...)` it reaches is reported as "not started".
//
// Rules: write the swaps with shifts and masks. htons, htonl, ntohs, ntohl, bswap_16,
// bswap_32, htobe16/be16toh and the like, __builtin_bswap16/32 and memcpy tricks are off
// limits: they are what you are re-implementing.
#include "endian.h"
#include "../common/lab.h"

// Keeps the compiler quiet about unused parameters while the stubs are unfinished; remove this
// line when you are done.
#pragma GCC diagnostic ignored "-Wunused-parameter"

bool lab_is_little_endian(void)
{
    // TODO: true when the least significant byte comes first in memory. Put the number 1 in a
    // union with an array of two unsigned char, and look at the first byte:
    // `union { uint16_t i; unsigned char c[2]; } u = { 1 }; return u.c[0] == 1;`
    TODO("lab_is_little_endian");
}

uint16_t lab_swap16(uint16_t x)
{
    // TODO: shifts and an OR: `(x << 8) | (x >> 8)`, cast back to uint16_t (x is promoted to
    // int before the shift, so x << 8 keeps the high byte above bit 15).
    TODO("lab_swap16");
}

uint32_t lab_swap32(uint32_t x)
{
    // TODO: mask each byte and shift it to its mirrored place (course.md#byte-order). Stay
    // unsigned: a right shift of a negative int copies the top bit and breaks every value from
    // 0x80000000 up.
    TODO("lab_swap32");
}

uint16_t lab_htons(uint16_t x)
{
    // TODO: C's `uint16_t htons(uint16_t hostshort);`: swap on a little-endian host
    // (lab_is_little_endian()), leave alone on a big-endian one.
    TODO("lab_htons");
}

uint16_t lab_ntohs(uint16_t x)
{
    // TODO: C's `uint16_t ntohs(uint16_t netshort);`: network to host order, 16 bits.
    TODO("lab_ntohs");
}

uint32_t lab_htonl(uint32_t x)
{
    // TODO: C's `uint32_t htonl(uint32_t hostlong);`: host to network order, 32 bits.
    TODO("lab_htonl");
}

uint32_t lab_ntohl(uint32_t x)
{
    // TODO: C's `uint32_t ntohl(uint32_t netlong);`: network to host order, 32 bits.
    TODO("lab_ntohl");
}

void lab_to_wire_u16(uint16_t x, uint8_t out[2])
{
    // TODO: the most significant byte first (course.md#network-byte-order,
    // 한국어: course.ko.md#network-byte-order): out[0] is the high byte (x >> 8), out[1] the
    // low one; a cast to uint8_t keeps the low byte.
    TODO("lab_to_wire_u16");
}

uint16_t lab_from_wire_u16(const uint8_t in[2])
{
    // TODO: in[0] is the high byte, in[1] the low one: shift and OR them back together.
    TODO("lab_from_wire_u16");
}

void lab_to_wire_u32(uint32_t x, uint8_t out[4])
{
    // TODO: out[0] gets bits 31..24, out[1] bits 23..16, out[2] bits 15..8, out[3] bits 7..0.
    TODO("lab_to_wire_u32");
}

uint32_t lab_from_wire_u32(const uint8_t in[4])
{
    // TODO: widen each byte to uint32_t before shifting it: `in[0] << 24` alone shifts a
    // (signed) int, and 0x80 << 24 does not fit in one.
    TODO("lab_from_wire_u32");
}
