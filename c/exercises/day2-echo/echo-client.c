// Day 2 — TCP echo client.
//
// Read course.md#echo-walkthrough (한국어: course.ko.md#echo-walkthrough) and course.md#day2-echo (한국어: course.ko.md#day2-echo), then replace the `TODO(...)`s below.
// Grade yourself with `cargo run -p checker -- --track c day2-echo` (from the lab's root); try
// it by hand with `make && ./echo-server 7000` and, in another terminal,
// `printf 'hello\nworld\n' | ./echo-client 127.0.0.1 7000`.
//
// Contract: `echo-client <ip> <port>` connects; for each line of stdin, sends it (with its
// newline), reads until the whole line has come back (TCP keeps no message boundaries: it may
// arrive in pieces) and writes it to stdout; its stdout equals its input byte for byte, NUL
// bytes included. At stdin EOF it closes and exits 0. Connection refused, a server that closes
// early, or no reply within 2 s (SO_RCVTIMEO): one clear line on stderr and exit status 1 —
// never a crash, never a hang.
// Rules (the checker's `rules` test reads the functions your compiled program imports): no
// getaddrinfo or gethostbyname: build the sockaddr_in yourself (htons, INADDR_ANY, inet_pton);
// name resolution is day3-resolve's.
//
// Each `// TODO n.` quotes the C call of the notes for one step; the `TODO("...")` under it
// stops the program there (exit status 101, which the checker reports as "not started"):
// replace it with that step's code.

// -std=c17 hides the POSIX and Linux calls (getline, ...) unless this comes before the first
// #include.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "../common/lab.h"

// Keeps the compiler quiet while the stub is unfinished (functions not called yet, parameters
// and variables not used yet); remove these lines when you are done.
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wunused-variable"

static long parse_number(const char *s, long max);
static int run(const struct sockaddr_in *server);

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "echo-client: usage: echo-client <ip> <port>\n");
        return 1;
    }
    struct sockaddr_in server = {.sin_family = AF_INET};
    long port = parse_number(argv[2], 65535);
    if (port < 0 || inet_pton(AF_INET, argv[1], &server.sin_addr) != 1) {
        fprintf(stderr, "echo-client: not an IPv4 address and port: %s %s\n", argv[1], argv[2]);
        return 1;
    }
    server.sin_port = htons((uint16_t)port);
    // An expected error: run printed its one line; status 1.
    return run(&server) == 0 ? 0 : 1;
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

// Connects, then echoes each line of stdin through the server. Returns 0 at stdin's EOF; on an
// expected error one line on stderr, e.g.
// fprintf(stderr, "echo-client: cannot connect: %s\n", strerror(errno)), and -1.
static int run(const struct sockaddr_in *server)
{
    // TODO 1. int fd = socket(AF_INET, SOCK_STREAM, 0);
    TODO("step 1: socket");
    // TODO 2. connect(fd, (const struct sockaddr *)server, sizeof *server);
    //         ECONNREFUSED means nobody listens there: one line on stderr, return -1.
    TODO("step 2: connect");
    // TODO 3. struct timeval tv = { .tv_sec = 2 };
    //         setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    //         A recv that waits longer then fails with EAGAIN (EWOULDBLOCK: the same on Linux).
    TODO("step 3: setsockopt(SO_RCVTIMEO)");
    // TODO 4. For each line of stdin: ssize_t len = getline(&line, &cap, stdin);   (-1: EOF)
    //         getline keeps the newline and every byte, NUL included, and returns the true
    //         length; fgets + strlen would stop at the first NUL. Send it all (send with
    //         MSG_NOSIGNAL, looping over short writes), then recv until as many bytes have come
    //         back (0 = the server closed early; EAGAIN = the 2 s timeout; EINTR: again),
    //         fwrite them to stdout and fflush. At stdin's EOF: free(line), close(fd), return 0.
    TODO("step 4: echo each line of stdin through the server");
}
