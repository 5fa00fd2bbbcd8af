// Day 2 — address conversion (C track): the inet_* family, answering exactly what glibc's
// functions of the same names answer, quirks included: the checker calls glibc itself on
// tricky and thousands of random inputs and compares, byte for byte.
// Read course.md#address-conversion (한국어: course.ko.md#address-conversion) and
// course.md#day2-inet (한국어: course.ko.md#day2-inet); course.md#sockaddr
// (한국어: course.ko.md#sockaddr) shows struct in_addr.
//
// Every name starts with lab_, so as not to clash with glibc's own functions in
// <arpa/inet.h>, which this header does not include (and your inet.c must not call: writing
// them is the lesson).
#ifndef LAB_INET_H
#define LAB_INET_H

#include <netinet/in.h> // struct in_addr, in_addr_t, INADDR_NONE, INET_ADDRSTRLEN, INET6_ADDRSTRLEN
#include <sys/socket.h> // AF_INET, AF_INET6, socklen_t

// C: in_addr_t inet_addr(const char *cp);
// The IPv4 address in cp as an in_addr_t in network byte order, as it sits in memory: the
// bytes of inet_addr("1.2.3.4") in memory are 01 02 03 04 on every host. It accepts exactly
// what inet_aton accepts. INADDR_NONE (0xffffffff) on error, which is also the valid address
// 255.255.255.255: the function's flaw. (course.md#inet-addr, 한국어: course.ko.md#inet-addr)
in_addr_t lab_inet_addr(const char *cp);

// C: int inet_aton(const char *cp, struct in_addr *inp);
// 1 and the address in *inp (network byte order) if cp is an address; 0 if not (then *inp is
// left alone). inp may be NULL: only the answer. One to four parts separated by dots, each
// read like strtoul(part, &end, 0): 0x or 0X then hex digits is hex, a leading 0 octal,
// otherwise decimal, and a part starts with a digit. The last part fills all the bytes that
// are left (127.1 is 127.0.0.1, 1.2.3 is 1.2.0.3, 0x7f000001 is 127.0.0.1); every part but
// the last is at most 255 and the last must fit. After the address: the end of the string, or
// a whitespace character (C's isspace: space, \t, \n, \v, \f, \r) after which anything may
// follow, as in glibc. (course.md#inet-aton, 한국어: course.ko.md#inet-aton)
int lab_inet_aton(const char *cp, struct in_addr *inp);

// C: int inet_pton(int af, const char *src, void *dst);
// af = AF_INET: dst is a struct in_addr * (4 bytes), and src must be strict dotted decimal:
// exactly four parts, each 0 to 255 in decimal without leading zeros, nothing before or after.
// af = AF_INET6: dst is a struct in6_addr * (16 bytes): eight groups of 1 to 4 hex digits
// separated by ':', one "::" standing for one or more zero groups, the last two groups
// possibly a dotted IPv4 address (strict, as above); no zone id, no brackets, no spaces.
// 1 on success (dst holds the address in network byte order), 0 if src is not an address
// (dst left alone), -1 with errno = EAFNOSUPPORT for any other af.
// (course.md#inet-pton, 한국어: course.ko.md#inet-pton)
int lab_inet_pton(int af, const char *src, void *dst);

// C: const char *inet_ntop(int af, const void *src, char *dst, socklen_t size);
// The text of the address at src (AF_INET: 4 bytes, AF_INET6: 16 bytes, network byte order)
// into dst, a buffer of size bytes, NUL included; returns dst. NULL with errno = ENOSPC if the
// text and its NUL do not fit in size bytes (INET_ADDRSTRLEN, 16, and INET6_ADDRSTRLEN, 46,
// always do), or with errno = EAFNOSUPPORT for any other af. IPv4 is dotted decimal; IPv6 is
// exactly what glibc prints: lowercase hex groups without leading zeros, the longest run of
// two or more zero groups (the first one on a tie) written "::", a lone zero group kept as
// "0", and ::ffff:a.b.c.d (v4-mapped) and ::a.b.c.d (v4-compatible: the first six groups
// zero, the seventh not) ending in dotted decimal. (course.md#inet-ntop,
// 한국어: course.ko.md#inet-ntop)
const char *lab_inet_ntop(int af, const void *src, char *dst, socklen_t size);

// C: char *inet_ntoa(struct in_addr in);
// The address in dotted decimal ("127.0.0.1" for the bytes 7f 00 00 01), in a static buffer
// that the next call overwrites (one buffer per thread, as glibc has it).
// (course.md#inet-ntop, 한국어: course.ko.md#inet-ntop)
char *lab_inet_ntoa(struct in_addr in);

#endif
