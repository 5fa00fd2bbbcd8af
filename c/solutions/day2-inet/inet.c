// Day 2 — address conversion, C track (reference solution). Every function answers what the
// glibc function of the same name answers, quirks included. The text is parsed by hand: no
// inet_* function of the C library, no strtoul, no sscanf. Output is formatted with snprintf.
#include "inet.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

// C's isspace in the C locale: the six characters after which inet_aton stops reading.
static bool is_c_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// The value of the digit c in base 8, 10 or 16, or -1 if c is not one.
static int digit_value(unsigned char c, unsigned base)
{
    unsigned v;
    if (c >= '0' && c <= '9')
        v = (unsigned)(c - '0');
    else if (c >= 'a' && c <= 'f')
        v = (unsigned)(c - 'a') + 10;
    else if (c >= 'A' && c <= 'F')
        v = (unsigned)(c - 'A') + 10;
    else
        return -1;
    return v < base ? (int)v : -1;
}

// Read one part of an inet_aton address at *s the way glibc does: it must start with a digit,
// then strtoul(*s, &end, 0): 0x or 0X followed by a hex digit is hex, another leading 0 is octal
// (the 0 itself is the first octal digit, so "08" reads 0 and stops at the 8), the rest decimal.
// On success stores the value, moves *s past the digits and returns true; false if there is no
// digit or the value does not fit in 32 bits.
static bool read_part(const char **s, uint32_t *value)
{
    const unsigned char *p = (const unsigned char *)*s;
    if (!(*p >= '0' && *p <= '9'))
        return false;
    unsigned base = 10;
    if (p[0] == '0') {
        if ((p[1] == 'x' || p[1] == 'X') && digit_value(p[2], 16) >= 0) {
            base = 16;
            p += 2;
        } else {
            base = 8;
        }
    }
    uint64_t v = 0;
    for (int d; (d = digit_value(*p, base)) >= 0; p++) {
        v = v * base + (unsigned)d;
        if (v > UINT32_MAX)
            return false;
    }
    *value = (uint32_t)v;
    *s = (const char *)p;
    return true;
}

int lab_inet_aton(const char *cp, struct in_addr *inp)
{
    // The largest value of the last part, by the number of parts before it.
    static const uint32_t max_last[4] = {0xffffffffu, 0xffffffu, 0xffffu, 0xffu};
    uint32_t leading[3];
    int n = 0; // parts before the last
    uint32_t last;
    for (;;) {
        if (!read_part(&cp, &last))
            return 0;
        if (*cp != '.')
            break;
        // A part followed by a dot: at most three of them, each one byte.
        if (n == 3 || last > 0xff)
            return 0;
        leading[n++] = last;
        cp++;
    }
    // After the address: the end, or whitespace and then anything (glibc's quirk).
    if (*cp != '\0' && !is_c_space((unsigned char)*cp))
        return 0;
    if (last > max_last[n])
        return 0;
    uint32_t host = last;
    for (int i = 0; i < n; i++)
        host |= leading[i] << (24 - 8 * i);
    if (inp != NULL) {
        // Network byte order in memory, whatever the host's order: most significant first.
        unsigned char *b = (unsigned char *)&inp->s_addr;
        b[0] = (unsigned char)(host >> 24);
        b[1] = (unsigned char)(host >> 16);
        b[2] = (unsigned char)(host >> 8);
        b[3] = (unsigned char)host;
    }
    return 1;
}

in_addr_t lab_inet_addr(const char *cp)
{
    struct in_addr a;
    return lab_inet_aton(cp, &a) ? a.s_addr : INADDR_NONE;
}

// inet_pton(AF_INET): strict dotted decimal, up to the end of the string. Writes out only on
// success.
static int pton4(const char *src, unsigned char out[4])
{
    unsigned char bytes[4];
    for (int i = 0; i < 4; i++) {
        if (i > 0 && *src++ != '.')
            return 0;
        if (!(*src >= '0' && *src <= '9'))
            return 0; // an empty part, or one that does not start with a digit
        if (src[0] == '0' && src[1] >= '0' && src[1] <= '9')
            return 0; // a leading zero
        unsigned value = 0;
        for (; *src >= '0' && *src <= '9'; src++) {
            value = value * 10 + (unsigned)(*src - '0');
            if (value > 255)
                return 0;
        }
        bytes[i] = (unsigned char)value;
    }
    if (*src != '\0')
        return 0;
    memcpy(out, bytes, 4);
    return 1;
}

// inet_pton(AF_INET6). Writes out only on success.
static int pton6(const char *src, unsigned char out[16])
{
    unsigned char bytes[16] = {0};
    int n = 0;    // bytes filled so far
    int gap = -1; // where "::" stands, as an index in bytes
    // A ':' may start the text only as the first half of a "::".
    if (src[0] == ':' && src[1] != ':')
        return 0;
    if (src[0] == ':')
        src++;
    const char *group = src; // where the current group starts
    unsigned value = 0;
    int digits = 0; // hex digits of the current group so far
    for (;; src++) {
        unsigned char c = (unsigned char)*src;
        int d = digit_value(c, 16);
        if (d >= 0) {
            if (digits == 4)
                return 0; // five hex digits
            value = value << 4 | (unsigned)d;
            digits++;
        } else if (c == ':') {
            group = src + 1;
            if (digits == 0) {
                // The second ':' of a "::" (or of the leading one).
                if (gap >= 0)
                    return 0; // two "::", or ":::"
                gap = n;
                continue;
            }
            if (src[1] == '\0')
                return 0; // one trailing ':'
            if (n == 16)
                return 0; // more than eight groups
            bytes[n++] = (unsigned char)(value >> 8);
            bytes[n++] = (unsigned char)value;
            value = 0;
            digits = 0;
        } else if (c == '.') {
            // A dotted IPv4 address in place of the last two groups: read from the start of
            // the current group to the end of the text, strictly.
            if (n > 12 || !pton4(group, bytes + n))
                return 0;
            n += 4;
            digits = 0;
            break;
        } else if (c == '\0') {
            break;
        } else {
            return 0; // anything else: '%', '[', a space, ...
        }
    }
    if (digits > 0) {
        if (n == 16)
            return 0;
        bytes[n++] = (unsigned char)(value >> 8);
        bytes[n++] = (unsigned char)value;
    }
    if (gap >= 0) {
        // "::" stands for at least one zero group: move what follows it to the end.
        if (n == 16)
            return 0;
        int after = n - gap; // bytes written after the "::"
        memmove(bytes + 16 - after, bytes + gap, (size_t)after);
        memset(bytes + gap, 0, (size_t)(16 - after - gap));
        n = 16;
    }
    if (n != 16)
        return 0;
    memcpy(out, bytes, 16);
    return 1;
}

int lab_inet_pton(int af, const char *src, void *dst)
{
    switch (af) {
    case AF_INET:
        return pton4(src, dst);
    case AF_INET6:
        return pton6(src, dst);
    default:
        errno = EAFNOSUPPORT;
        return -1;
    }
}

// The text of a 4-byte address into tmp (at least INET_ADDRSTRLEN bytes).
static void ntop4(const unsigned char a[4], char *tmp, size_t size)
{
    snprintf(tmp, size, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
}

// The text of a 16-byte address into tmp (at least INET6_ADDRSTRLEN bytes), as glibc prints it.
static void ntop6(const unsigned char a[16], char *tmp, size_t size)
{
    unsigned words[8];
    for (int i = 0; i < 8; i++)
        words[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
    // The longest run of zero words; '>' keeps the first one on a tie.
    int best = -1, best_len = 0;
    for (int i = 0; i < 8;) {
        if (words[i] != 0) {
            i++;
            continue;
        }
        int start = i;
        while (i < 8 && words[i] == 0)
            i++;
        if (i - start > best_len) {
            best = start;
            best_len = i - start;
        }
    }
    if (best_len < 2)
        best = -1; // a lone zero group stays "0"
    // v4-mapped (::ffff:a.b.c.d) and v4-compatible (::a.b.c.d, word 6 not zero).
    bool dotted = best == 0 && (best_len == 6 || (best_len == 5 && words[5] == 0xffff));

    char *p = tmp;
    char *end = tmp + size;
    for (int i = 0; i < 8; i++) {
        if (best >= 0 && i >= best && i < best + best_len) {
            if (i == best)
                *p++ = ':';
            continue;
        }
        if (i != 0)
            *p++ = ':';
        if (i == 6 && dotted) {
            ntop4(a + 12, p, (size_t)(end - p));
            p += strlen(p);
            break;
        }
        p += snprintf(p, (size_t)(end - p), "%x", words[i]);
    }
    if (best >= 0 && best + best_len == 8)
        *p++ = ':'; // a run at the end: "1::"
    *p = '\0';
}

const char *lab_inet_ntop(int af, const void *src, char *dst, socklen_t size)
{
    char tmp[INET6_ADDRSTRLEN];
    switch (af) {
    case AF_INET:
        ntop4(src, tmp, sizeof tmp);
        break;
    case AF_INET6:
        ntop6(src, tmp, sizeof tmp);
        break;
    default:
        errno = EAFNOSUPPORT;
        return NULL;
    }
    if (strlen(tmp) + 1 > size) {
        errno = ENOSPC;
        return NULL;
    }
    return strcpy(dst, tmp);
}

char *lab_inet_ntoa(struct in_addr in)
{
    // One buffer per thread, as in glibc; the next call in the same thread overwrites it.
    static _Thread_local char buffer[INET_ADDRSTRLEN];
    ntop4((const unsigned char *)&in.s_addr, buffer, sizeof buffer);
    return buffer;
}
