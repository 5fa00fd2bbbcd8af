// Day 3 — UDP echo server.
//
// Read course.md#udp (한국어: course.ko.md#udp), course.md#datagram-boundaries (한국어: course.ko.md#datagram-boundaries) and course.md#day3-udp (한국어: course.ko.md#day3-udp), then replace the
// `TODO(...)`s below.
// Grade yourself with `cargo run -p checker -- --track c day3-udp` (from the lab's root); try it
// by hand with `make && ./udp-echo-server 7000` and `nc -u 127.0.0.1 7000`.
//
// Contract: `udp-echo-server <port>` (0 = let the kernel choose) binds the wildcard address,
// prints exactly `listening on <ip>:<port>` (the real port, from getsockname) and flushes stdout
// (fflush: stdout is fully buffered when it is a pipe); then sends every datagram back to the
// address it came from, unchanged, whatever its size from 0 to 65507 bytes. Runs until killed;
// no datagram ever stops it.
// Rules (the checker's `rules` test reads the functions your compiled program imports): no
// getaddrinfo or gethostbyname: build the sockaddr_in yourself (htons, INADDR_ANY, inet_pton);
// name resolution is day3-resolve's.
//
// Each `// TODO n.` quotes the C call of the notes for one step; the `TODO("...")` under it
// stops the program there (exit status 101, which the checker reports as "not started"):
// replace it with that step's code.

// -std=c17 hides the POSIX and Linux calls unless this comes before the first #include.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../common/lab.h"

// Keeps the compiler quiet while the stub is unfinished (functions not called yet, parameters
// and variables not used yet); remove these lines when you are done.
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wunused-variable"

static long parse_number(const char *s, long max);
static int serve(int port);

int main(int argc, char **argv)
{
    long port = argc == 2 ? parse_number(argv[1], 65535) : -1;
    if (port < 0) {
        fprintf(stderr,
                "udp-echo-server: usage: udp-echo-server <port>   (0 lets the kernel choose)\n");
        return 1;
    }
    // An expected error (the port is taken, ...): serve printed its one line; status 1.
    return serve((int)port) == 0 ? 0 : 1;
}

// Given: a decimal number from 0 to max, digits only; -1 if it is not one.
static long parse_number(const char *s, long max)
{
    if (*s < '0' || *s > '9')
        return -1;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || *end != '\0' || v > max)
        return -1;
    return v;
}

// Binds a UDP socket, prints the listening line, then echoes every datagram to its sender,
// forever. If a step before the loop fails: one line on stderr
// (`udp-echo-server: <what>: <strerror(errno)>`) and return -1.
static int serve(int port)
{
    // TODO 1. int fd = socket(AF_INET, SOCK_DGRAM, 0);
    TODO("step 1: socket");
    // TODO 2. bind(fd, (struct sockaddr *)&addr, sizeof addr);   (INADDR_ANY, htons(port))
    //         No listen() and no accept(): UDP has no connections.
    TODO("step 2: bind");
    // TODO 3. getsockname, print `listening on <ip>:<port>`, fflush(stdout) (as in day2-echo).
    TODO("step 3: getsockname, print the listening line, flush");
    // TODO 4. for (;;) {
    //           socklen_t len = sizeof from;   — again before each call: recvfrom writes
    //                                            the sender's length into it
    //           ssize_t n = recvfrom(fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &len);
    //           sendto(fd, buf, n, 0, (struct sockaddr *)&from, len);
    //         }
    //         Inside the loop an error is reported on stderr and the loop goes on (EINTR:
    //         simply again): a return would stop the server. The buffer must hold the largest
    //         datagram (65507 bytes; a static char buf[65536]): a datagram that does not fit
    //         is cut and the rest is lost. n == 0 is an empty datagram, not an end: echo it too.
    TODO("step 4: echo every datagram to its sender, forever");
}
