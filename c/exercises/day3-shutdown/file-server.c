// Day 3 — file transfer with a half-close, the server.
//
// Read course.md#shutdown (한국어: course.ko.md#shutdown), course.md#half-close (한국어: course.ko.md#half-close) and course.md#day3-shutdown (한국어: course.ko.md#day3-shutdown), then replace the
// `TODO(...)`s below. Grade yourself with `cargo run -p checker -- --track c day3-shutdown`
// (from the lab's root); try it by hand with `make && ./file-server 7000 Makefile` and, in
// another terminal, `printf 'thanks' | nc -N 127.0.0.1 7000`.
//
// Contract: `file-server <port> <file>` prints `listening on <ip>:<port>` (the real port, from
// getsockname) and flushes stdout (fflush: stdout is fully buffered when it is a pipe); for each
// client in turn: sends the whole file, then `shutdown(SHUT_WR)`, then reads the client's
// message until EOF and prints `client says: <message>` on stdout (one trailing newline of the
// message, if it has one, is not printed), flushed, then closes and serves the next client.
// Expected errors (a file it cannot read, the port is taken, ...): one line on stderr, exit
// status 1.
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
#include <sys/stat.h>
#include <unistd.h>

#include "../common/lab.h"

// Keeps the compiler quiet while the stub is unfinished (functions not called yet, parameters
// and variables not used yet); remove these lines when you are done.
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wunused-variable"

static long parse_number(const char *s, long max);
static int serve(int port, const char *path);
static char *transfer(int client, const char *content, size_t len, size_t *message_len);

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "file-server: usage: file-server <port> <file>\n");
        return 1;
    }
    long port = parse_number(argv[1], 65535);
    if (port < 0) {
        fprintf(stderr, "file-server: not a port: %s\n", argv[1]);
        return 1;
    }
    // An expected error: serve printed its one line; status 1.
    return serve((int)port, argv[2]) == 0 ? 0 : 1;
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

// Reads the file, listens, then for each client transfers the file and prints what the client
// says. If a step before the loop fails: one line on stderr (`file-server: <what>: ...`) and
// return -1.
static int serve(int port, const char *path)
{
    // TODO 1. Read the whole file into memory: int f = open(path, O_RDONLY);
    //         struct stat st; fstat(f, &st); char *content = malloc(st.st_size);
    //         then read(f, ...) until st.st_size bytes are in (read may return less), close(f).
    //         (An empty file is a file too: malloc(0) may return NULL.) Then the listening
    //         socket as in day2-echo: socket, SO_REUSEADDR, bind, listen, getsockname, print
    //         the line, fflush.
    TODO("step 1: read the file, then listen");
    // TODO 2. For each accepted client (accept: retry on EINTR and ECONNABORTED): call
    //         transfer(); print `client says: <message>` with fwrite and a '\n', fflush,
    //         free the message; on an error report it on stderr; close(c) either way; accept
    //         the next.
    TODO("step 2: for each client, transfer the file and print what it says");
}

// Sends the file, half-closes, and reads the client's message until its EOF. Returns the
// message in a malloc'd buffer of *message_len bytes (the caller frees it; one trailing '\n'
// left out), or NULL with errno set.
static char *transfer(int client, const char *content, size_t len, size_t *message_len)
{
    // TODO 1. Send all of `content`: send(client, p, n, MSG_NOSIGNAL) in a loop (a send may
    //         be short; EINTR: again).
    TODO("step 1: send the whole file");
    // TODO 2. shutdown(client, SHUT_WR);
    //         The client's read now returns 0 once it has the whole file — and this side
    //         stays open for reading. (close() here would lose the client's answer.)
    TODO("step 2: shutdown(SHUT_WR)");
    // TODO 3. n = read(client, buf, sizeof buf); until it returns 0: that is the client's whole
    //         message, however many pieces it came in. Grow the buffer with realloc as it
    //         comes (keep the old pointer until realloc succeeds).
    TODO("step 3: read the client's message until EOF");
}
