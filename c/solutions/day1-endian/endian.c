// Day 1 — byte order, C track (reference solution): everything with shifts and masks.
#include "endian.h"

bool lab_is_little_endian(void)
{
    // The number 1 in memory: its first byte is 1 on a little-endian host, 0 on a big-endian one.
    union {
        uint16_t i;
        unsigned char c[2];
    } u = {.i = 1};
    return u.c[0] == 1;
}

uint16_t lab_swap16(uint16_t x)
{
    // x is promoted to int, so x << 8 keeps the high byte above bit 15; the cast drops it.
    return (uint16_t)((x << 8) | (x >> 8));
}

uint32_t lab_swap32(uint32_t x)
{
    return ((x & 0x000000ffu) << 24) | ((x & 0x0000ff00u) << 8) | ((x & 0x00ff0000u) >> 8) |
           ((x & 0xff000000u) >> 24);
}

uint16_t lab_htons(uint16_t x)
{
    return lab_is_little_endian() ? lab_swap16(x) : x;
}

uint16_t lab_ntohs(uint16_t x)
{
    return lab_htons(x);
}

uint32_t lab_htonl(uint32_t x)
{
    return lab_is_little_endian() ? lab_swap32(x) : x;
}

uint32_t lab_ntohl(uint32_t x)
{
    return lab_htonl(x);
}

void lab_to_wire_u16(uint16_t x, uint8_t out[2])
{
    out[0] = (uint8_t)(x >> 8);
    out[1] = (uint8_t)x;
}

uint16_t lab_from_wire_u16(const uint8_t in[2])
{
    return (uint16_t)((in[0] << 8) | in[1]);
}

void lab_to_wire_u32(uint32_t x, uint8_t out[4])
{
    out[0] = (uint8_t)(x >> 24);
    out[1] = (uint8_t)(x >> 16);
    out[2] = (uint8_t)(x >> 8);
    out[3] = (uint8_t)x;
}

uint32_t lab_from_wire_u32(const uint8_t in[4])
{
    // Widen each byte before shifting: in[0] is promoted to (signed) int, and 0x80 << 24 does
    // not fit in an int.
    return ((uint32_t)in[0] << 24) | ((uint32_t)in[1] << 16) | ((uint32_t)in[2] << 8) |
           (uint32_t)in[3];
}
