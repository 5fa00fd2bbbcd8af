// Day 3 — UDP client with retransmission.
//
// Read course.md#connected-udp (한국어: course.ko.md#connected-udp), course.md#udp-loss (한국어: course.ko.md#udp-loss) and course.md#day3-udp (한국어: course.ko.md#day3-udp), then replace the
// `TODO(...)`s below. Grade yourself with `cargo run -p checker -- --track c day3-udp` (from the
// lab's root); try it by hand with `make && ./udp-echo-server 7000` and, in another terminal,
// `printf 'hello\n' | ./udp-client 127.0.0.1 7000`.
//
// Contract: `udp-client <ip> <port>`: for each stdin line, sends the line *without* its newline
// as one datagram, waits up to 0.5 s for the reply, tries 3 times in all, and prints the reply
// followed by a newline. Replies from any other address are ignored. No reply after the third
// try: one line on stderr and exit status 1. At stdin EOF: exit 0.
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
        fprintf(stderr, "udp-client: usage: udp-client <ip> <port>\n");
        return 1;
    }
    struct sockaddr_in server = {.sin_family = AF_INET};
    long port = parse_number(argv[2], 65535);
    if (port < 0 || inet_pton(AF_INET, argv[1], &server.sin_addr) != 1) {
        fprintf(stderr, "udp-client: not an IPv4 address and port: %s %s\n", argv[1], argv[2]);
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

// Sends each line of stdin as a datagram and prints the reply. Returns 0 at stdin's EOF; on an
// expected error one line on stderr (`udp-client: <what>`) and -1.
static int run(const struct sockaddr_in *server)
{
    // TODO 1. int fd = socket(AF_INET, SOCK_DGRAM, 0);
    TODO("step 1: socket");
    // TODO 2. Either connect() the UDP socket to the server:
    //           connect(fd, (const struct sockaddr *)server, sizeof *server);
    //         which fixes the peer and makes the kernel drop datagrams from anybody else; or
    //         use sendto/recvfrom and compare the sender's address and port yourself.
    TODO("step 2: connect (or plan to filter by address)");
    // TODO 3. A 0.5 s receive timeout: struct timeval tv = { .tv_usec = 500000 };
    //         setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    //         recv then fails with EAGAIN after 0.5 s.
    TODO("step 3: setsockopt(SO_RCVTIMEO)");
    // TODO 4. For each line of stdin (getline: the true length, NUL bytes included; drop the
    //         '\n' if it ends with one): send(fd, line, len, 0) as one datagram, then
    //         n = recv(fd, buf, sizeof buf, 0); on a timeout (EAGAIN) send again — 3 tries in
    //         all. On a connected socket recv may also fail with ECONNREFUSED (an ICMP error
    //         for an earlier datagram): a failed try too. EINTR: recv again. Print the reply
    //         with fwrite(buf, 1, n, stdout) and a '\n' (printf("%s") stops at a NUL), fflush.
    //         After the 3rd failed try: one line on stderr, return -1. The buffer: 65507 bytes
    //         or more, the largest reply.
    TODO("step 4: send each line as a datagram, retransmitting until a reply comes");
}
