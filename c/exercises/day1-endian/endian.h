// Day 1 — byte order (C track): the lab's own htons, htonl, ntohs and ntohl, the byte swaps
// under them, and numbers as the bytes that travel on the wire, written with shifts and masks.
// Read course.md#byte-order (한국어: course.ko.md#byte-order) and course.md#network-byte-order
// (한국어: course.ko.md#network-byte-order), then course.md#day1-endian
// (한국어: course.ko.md#day1-endian).
//
// Every name starts with lab_: glibc's <arpa/inet.h> and <netinet/in.h> define htons, htonl,
// ntohs and ntohl as macros, which would rewrite functions of those names. The checker calls
// these functions on every 16-bit value and on edge and random 32-bit ones, and compares with
// the right answers.
//
// (The file is named like glibc's own <endian.h>; `#include "endian.h"` finds this one first.
// Do not build with -I. : glibc's headers would then take this file for theirs.)
#ifndef LAB_ENDIAN_H
#define LAB_ENDIAN_H

#include <stdbool.h>
#include <stdint.h>

// Is this machine little-endian (least significant byte first in memory)? The classic answer
// looks at the first byte of the number 1 in memory, through a union:
// `union { uint16_t i; unsigned char c[2]; } u = { 1 }; return u.c[0] == 1;`
// (course.md#byte-order, 한국어: course.ko.md#byte-order)
bool lab_is_little_endian(void);

// The two bytes of x swapped: 0x1234 becomes 0x3412. (course.md#byte-order)
uint16_t lab_swap16(uint16_t x);

// The four bytes of x reversed: 0x12345678 becomes 0x78563412. Unsigned shifts only: a right
// shift of a negative int copies the sign bit. (course.md#byte-order)
uint32_t lab_swap32(uint32_t x);

// C: uint16_t htons(uint16_t hostshort); host to network byte order, 16 bits: swapped on a
// little-endian host, unchanged on a big-endian one. (course.md#byte-order)
uint16_t lab_htons(uint16_t x);

// C: uint16_t ntohs(uint16_t netshort); network to host byte order, 16 bits (the same
// operation as htons: swapping twice gives the value back). (course.md#byte-order)
uint16_t lab_ntohs(uint16_t x);

// C: uint32_t htonl(uint32_t hostlong); host to network byte order, 32 bits.
// (course.md#byte-order)
uint32_t lab_htonl(uint32_t x);

// C: uint32_t ntohl(uint32_t netlong); network to host byte order, 32 bits.
// (course.md#byte-order)
uint32_t lab_ntohl(uint32_t x);

// The two bytes of x as they travel on the wire, most significant first, into out[0] and
// out[1]: 0x1f90 (port 8080) gives 1f 90 on every host. (course.md#network-byte-order,
// 한국어: course.ko.md#network-byte-order)
void lab_to_wire_u16(uint16_t x, uint8_t out[2]);

// The 16-bit number whose wire bytes are in[0] and in[1]: 1f 90 is 8080.
// (course.md#network-byte-order)
uint16_t lab_from_wire_u16(const uint8_t in[2]);

// The four bytes of x in network byte order, into out[0..3]: 0x01020304 gives 01 02 03 04.
// (course.md#network-byte-order)
void lab_to_wire_u32(uint32_t x, uint8_t out[4]);

// The 32-bit number whose wire bytes are in[0..3]: 01 02 03 04 is 0x01020304.
// (course.md#network-byte-order)
uint32_t lab_from_wire_u32(const uint8_t in[4]);

#endif
