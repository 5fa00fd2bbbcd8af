// Day 2 — address conversion, the inet_* family (C track).
//
// Read course.md#address-conversion (한국어: course.ko.md#address-conversion) and
// course.md#day2-inet (한국어: course.ko.md#day2-inet), then replace every `TODO(...)` below
// with code; inet.h says what each function does. Grade yourself with
// `cargo run -p checker -- --track c day2-inet` (from the lab's root): the checker builds this
// file into a library and calls your functions, as the Rust track's tests call its. A
// `TODO(...)` it reaches is reported as "not started".
//
// Each function must answer exactly what the glibc function of the same name answers, quirks
// included: the checker calls glibc itself on tricky and random inputs and compares. One quirk
// to know: glibc's inet_aton and inet_addr accept "1.2.3.4 junk" (after the address they stop
// at the first whitespace and ignore the rest); course.md#inet-aton
// (한국어: course.ko.md#inet-aton) explains why that is a trap.
//
// Rules: parse the text by hand. glibc's inet_addr, inet_aton, inet_network, inet_pton,
// inet_ntop, inet_ntoa, getaddrinfo and getnameinfo, and sscanf, are off limits: they are what
// you are re-implementing. snprintf is fine for writing numbers out.
#include "inet.h"
#include "../common/lab.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

// Keeps the compiler quiet about unused parameters while the stubs are unfinished; remove this
// line when you are done.
#pragma GCC diagnostic ignored "-Wunused-parameter"

in_addr_t lab_inet_addr(const char *cp)
{
    // TODO: C's `in_addr_t inet_addr(const char *cp);` (course.md#inet-addr,
    // 한국어: course.ko.md#inet-addr):
    // TODO 1. call lab_inet_aton(cp, &a) with a struct in_addr a;
    // TODO 2. on success return a.s_addr: it is already in network byte order, as it sits in
    //         memory (the bytes of inet_addr("1.2.3.4") are 01 02 03 04 on every host);
    // TODO 3. on failure return INADDR_NONE (0xffffffff, also 255.255.255.255: the flaw).
    TODO("lab_inet_addr");
}

int lab_inet_aton(const char *cp, struct in_addr *inp)
{
    // TODO: C's `int inet_aton(const char *cp, struct in_addr *inp);`: 1 on success, 0 if cp
    // is not an address (course.md#inet-aton, 한국어: course.ko.md#inet-aton):
    // TODO 1. read one to four parts separated by dots. Each part starts with a digit and is
    //         read like strtoul(part, &end, 0): 0x or 0X followed by a hex digit is hex, a
    //         leading 0 is octal ("08": the 0 is read and the 8 is left over), otherwise
    //         decimal. A part larger than 32 bits is an error. Write a small strtoul-like
    //         reader (a static helper): it is most of the work.
    // TODO 2. every part followed by a dot must be at most 255, and there are at most three
    //         of them;
    // TODO 3. after the last part: the end of the string, or a whitespace character (C's
    //         isspace: ' ', '\t', '\n', '\v', '\f', '\r') after which anything may follow;
    //         anything else is an error ("1.2.3.4x", "1.2.3.4.");
    // TODO 4. the last part fills all the bytes that are left: 32 bits alone (0x7f000001),
    //         24 after one part (127.1), 16 after two (1.2.3 is 1.2.0.3), 8 after three; it
    //         must fit in them (1.16777216 and 1.2.3.256 are errors);
    // TODO 5. on success, if inp is not NULL, store the four bytes in inp->s_addr in network
    //         byte order (most significant first in memory), and return 1; on failure
    //         return 0 and leave *inp alone.
    TODO("lab_inet_aton");
}

int lab_inet_pton(int af, const char *src, void *dst)
{
    // TODO: C's `int inet_pton(int af, const char *src, void *dst);` (course.md#inet-pton,
    // 한국어: course.ko.md#inet-pton): 1 on success, 0 if src is not an address (dst left
    // alone), -1 with errno = EAFNOSUPPORT if af is neither AF_INET nor AF_INET6.
    // TODO: AF_INET, dst is 4 bytes: strict dotted decimal. Exactly four parts, each 0 to 255
    //       in decimal, no leading zeros (01.2.3.4 and 192.168.001.001 are refused), nothing
    //       before or after (no space, no trailing dot, no short form like 127.1).
    // TODO: AF_INET6, dst is 16 bytes (course.md#inet-pton):
    // TODO 1. groups of 1 to 4 hex digits (upper or lower case) separated by ':'; five digits
    //         are an error;
    // TODO 2. one "::" may stand for one or more zero groups (::1, fe80::1, 1::, :: alone);
    //         a second "::", ":::", and a single leading or trailing ':' (:1::, 1:) are errors;
    // TODO 3. the last two groups may be a dotted IPv4 address, itself strict as above
    //         (::ffff:192.0.2.1, ::1.2.3.4, 1:2:3:4:5:6:1.2.3.4), and nothing may follow it;
    // TODO 4. eight groups in all, counting the dotted address as two: without "::" exactly
    //         eight, with "::" at most seven written;
    // TODO 5. anything else is an error: zone ids (fe80::1%eth0), brackets ([::1]), spaces.
    // TODO: Write a static helper per family (the AF_INET6 one calls the AF_INET one for a
    //       dotted tail), and store into dst only once the whole text is read.
    TODO("lab_inet_pton");
}

const char *lab_inet_ntop(int af, const void *src, char *dst, socklen_t size)
{
    // TODO: C's `const char *inet_ntop(int af, const void *src, char *dst, socklen_t size);`
    // (course.md#inet-ntop, 한국어: course.ko.md#inet-ntop): the text into dst, returns dst.
    // TODO: AF_INET, src is 4 bytes: "a.b.c.d" in decimal, no padding.
    // TODO: AF_INET6, src is 16 bytes, exactly as glibc prints it:
    // TODO 1. eight 16-bit groups, each byte pair most significant first; each printed in
    //         lowercase hex without leading zeros ("%x": 0db8 is db8, 0000 is 0);
    // TODO 2. find the longest run of two or more zero groups first; it becomes "::" (the
    //         first run on a tie: 1:0:0:2:0:0:3:4 is 1::2:0:0:3:4); a lone zero group stays 0;
    // TODO 3. if that run starts at group 0 and is six long (v4-compatible, ::1.2.3.4), or
    //         five long with group 5 ffff (v4-mapped, ::ffff:1.2.3.4), the last four bytes
    //         are printed in dotted decimal instead of the last two groups;
    // TODO 4. build the text in a local buffer of INET6_ADDRSTRLEN (46) bytes.
    // TODO: If the text and its NUL do not fit in size bytes: errno = ENOSPC, return NULL.
    //       Any other af: errno = EAFNOSUPPORT, return NULL. Otherwise copy it into dst and
    //       return dst.
    TODO("lab_inet_ntop");
}

char *lab_inet_ntoa(struct in_addr in)
{
    // TODO: C's `char *inet_ntoa(struct in_addr in);` (course.md#inet-ntop,
    // 한국어: course.ko.md#inet-ntop): the four bytes of in.s_addr, in memory order, as
    // "a.b.c.d" in decimal ("127.0.0.1" for 7f 00 00 01), in a static buffer of
    // INET_ADDRSTRLEN (16) bytes that the next call overwrites. glibc keeps one buffer per
    // thread: `static _Thread_local char buffer[INET_ADDRSTRLEN];`. Return the buffer.
    TODO("lab_inet_ntoa");
}
