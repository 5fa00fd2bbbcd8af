// Day 3 — file transfer with a half-close, the client.
//
// Read course.md#half-close (한국어: course.ko.md#half-close) and course.md#day3-shutdown (한국어: course.ko.md#day3-shutdown), then replace the `TODO(...)`s below.
// Grade yourself with `cargo run -p checker -- --track c day3-shutdown` (from the lab's root);
// try it by hand with `make && ./file-server 7000 Makefile` and, in another terminal,
// `./file-client 127.0.0.1 7000 /tmp/copy`.
//
// Contract: `file-client <ip> <port> <out-file>` reads from the server until EOF into
// out-file, then sends `received <N> bytes` (N = the bytes received), then closes; exit 0.
// Expected errors (refused, ...): one line on stderr, exit status 1.
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
#include <fcntl.h>
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
static int run(const struct sockaddr_in *server, const char *out);

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "file-client: usage: file-client <ip> <port> <out-file>\n");
        return 1;
    }
    struct sockaddr_in server = {.sin_family = AF_INET};
    long port = parse_number(argv[2], 65535);
    if (port < 0 || inet_pton(AF_INET, argv[1], &server.sin_addr) != 1) {
        fprintf(stderr, "file-client: not an IPv4 address and port: %s %s\n", argv[1], argv[2]);
        return 1;
    }
    server.sin_port = htons((uint16_t)port);
    // An expected error: run printed its one line; status 1.
    return run(&server, argv[3]) == 0 ? 0 : 1;
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

// Receives the file until the server's EOF, then sends the receipt. Returns 0; on an expected
// error one line on stderr (`file-client: <what>: ...`) and -1.
static int run(const struct sockaddr_in *server, const char *out)
{
    // TODO 1. int fd = socket(AF_INET, SOCK_STREAM, 0);
    //         connect(fd, (const struct sockaddr *)server, sizeof *server);   as in echo-client.
    TODO("step 1: socket and connect");
    // TODO 2. int file = open(out, O_CREAT | O_WRONLY | O_TRUNC, 0644);
    //         then n = recv(fd, buf, sizeof buf, 0); into it until recv returns 0: the
    //         server's shutdown(SHUT_WR) is what says "that was the whole file". One recv is not
    //         the whole file: keep reading (EINTR: again), write every byte (a write may be
    //         short: loop), count them; close(file).
    TODO("step 2: receive the file until EOF");
    // TODO 3. Only then send the receipt:
    //           char receipt[64]; int len = snprintf(receipt, sizeof receipt,
    //                                                "received %llu bytes", total);
    //         send it all (MSG_NOSIGNAL), and close(fd): the server's read returns 0 and it
    //         knows your message is complete.
    TODO("step 3: send the receipt, then close");
}
