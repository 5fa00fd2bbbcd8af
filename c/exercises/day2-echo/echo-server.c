// Day 2 — TCP echo server.
//
// Read course.md#echo-walkthrough (한국어: course.ko.md#echo-walkthrough) and course.md#day2-echo (한국어: course.ko.md#day2-echo), then replace the `TODO(...)`s below.
// Grade yourself with `cargo run -p checker -- --track c day2-echo` (from the lab's root); try
// it by hand with `make && ./echo-server 7000` and, in another terminal,
// `printf 'hello\n' | nc -N 127.0.0.1 7000`.
//
// Contract: `echo-server <port>` (0 = let the kernel choose) binds the wildcard address, sets
// SO_REUSEADDR, listens, prints exactly `listening on <ip>:<port>` (the real port, from
// getsockname) and flushes stdout (fflush: stdout is fully buffered when it is a pipe, as it is
// under the checker); then serves clients one after another, sending back every byte a client
// sends until its EOF, closing that connection, and accepting the next. A client that resets or
// vanishes costs only its own connection. Runs until killed. An error that stops the server
// (the port is taken, ...): one line on stderr, exit status 1.
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
static int echo(int client);
static int send_all(int fd, const void *data, size_t len);

int main(int argc, char **argv)
{
    long port = argc == 2 ? parse_number(argv[1], 65535) : -1;
    if (port < 0) {
        fprintf(stderr, "echo-server: usage: echo-server <port>   (0 lets the kernel choose)\n");
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

// socket → setsockopt(SO_REUSEADDR) → bind → listen → getsockname → print, then accept clients
// forever. If a step fails: one line on stderr, e.g.
// fprintf(stderr, "echo-server: bind to port %d: %s\n", port, strerror(errno)), and return -1.
static int serve(int port)
{
    // TODO 1. int fd = socket(AF_INET, SOCK_STREAM, 0);
    TODO("step 1: socket");
    // TODO 2. int one = 1; setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    //         — before bind!
    TODO("step 2: setsockopt(SO_REUSEADDR)");
    // TODO 3. struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port),
    //                                  .sin_addr.s_addr = htonl(INADDR_ANY) };
    //         bind(fd, (struct sockaddr *)&a, sizeof a);
    //         (the fields not named are zeroed, sin_zero included)
    TODO("step 3: bind");
    // TODO 4. listen(fd, 128);   — not the notes' 5: under a burst the kernel drops the SYNs
    //         a full queue has no room for (course.md#backlog).
    TODO("step 4: listen");
    // TODO 5. socklen_t len = sizeof a; getsockname(fd, (struct sockaddr *)&a, &len);
    //         — the port the kernel chose. Then inet_ntop(AF_INET, &a.sin_addr, ip, sizeof ip)
    //         into char ip[INET_ADDRSTRLEN], printf("listening on %s:%u\n", ip,
    //         ntohs(a.sin_port)), and fflush(stdout).
    TODO("step 5: getsockname, print the listening line, flush");
    // TODO 6. for (;;) { int c = accept(fd, NULL, NULL); ... }
    //         Retry on EINTR and ECONNABORTED; then echo(c), report its error on stderr
    //         (`echo-server: a client: ...`), close(c) whatever happened, and go on with the
    //         next client. A close forgotten leaves the client without EOF, in CLOSE_WAIT.
    TODO("step 6: accept clients forever, echo each, close it");
}

// Sends back everything the client sends until it shuts down its side. Returns 0 at the
// client's EOF, or -1 with errno set (ECONNRESET, EPIPE, ...).
static int echo(int client)
{
    // TODO ssize_t n = read(client, buf, sizeof buf);   then send_all(client, buf, n);
    //      until read returns 0: that is EOF, the client is done. Retry on EINTR. A char
    //      buffer of 16 KiB or more, and the count read returned: the bytes may be anything,
    //      NUL included, so no strlen, no printf("%s").
    TODO("read from the client and send every byte back until EOF");
}

// Sends all `len` bytes at `data`, however many calls it takes. Returns 0, or -1 with errno.
static int send_all(int fd, const void *data, size_t len)
{
    // TODO ssize_t n = send(fd, p, len, MSG_NOSIGNAL);
    //      send may take only part of the data (a short write): loop from where it stopped.
    //      Retry on EINTR. MSG_NOSIGNAL: a reset client gives EPIPE instead of a SIGPIPE,
    //      which would kill the whole server.
    TODO("send the whole buffer, looping over short writes");
}
