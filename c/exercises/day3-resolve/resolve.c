// Day 3 — resolve: name resolution with getaddrinfo and getnameinfo.
//
// Read course.md#name-resolution (한국어: course.ko.md#name-resolution) and course.md#day3-resolve (한국어: course.ko.md#day3-resolve), then replace the `TODO(...)`s below.
// Grade yourself with `cargo run -p checker -- --track c day3-resolve` (from the lab's root);
// try it by hand with `make && ./resolve localhost http`, `./resolve -r 127.0.0.1`, and compare
// with the C library's own answer, `getent ahosts localhost`.
//
// Contract: `resolve <host> [<service>]` prints each result of getaddrinfo(host, service) with
// ai_family = AF_UNSPEC and ai_socktype = SOCK_STREAM (no flags), in the order returned, one
// per line: `ipv4 <ip> <port>` or `ipv6 <ip> <port>` (ai_family AF_INET or AF_INET6), the
// address and the port written by getnameinfo with NI_NUMERICHOST | NI_NUMERICSERV; without a
// service the port is 0. Exit status 0. `resolve -r <ip>` reads the numeric address `ip` with
// getaddrinfo and AI_NUMERICHOST (no lookup: anything else fails) and prints the name
// getnameinfo (flags 0) finds for it, or the address itself when it finds none. When
// getaddrinfo or getnameinfo fails: exactly one line `resolve: <host>: <gai_strerror text>` on
// stderr (<host> as given), exit status 1. Every list getaddrinfo returns is freed with
// freeaddrinfo, exactly once.
// Rules (the checker's `rules` test reads the functions your compiled program imports): call
// getaddrinfo and getnameinfo; not the old gethostbyname/gethostbyaddr family, which they
// replace, and no inet_ntop, inet_ntoa, inet_pton, inet_aton or inet_addr: getnameinfo writes
// the addresses and getaddrinfo reads them.
//
// Each `// TODO n.` quotes the C call of the notes for one step; the `TODO("...")` under it
// stops the program there (exit status 101, which the checker reports as "not started"):
// replace it with that step's code.

// -std=c17 hides the POSIX and Linux calls unless this comes before the first #include.
#define _GNU_SOURCE
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "../common/lab.h"

// Keeps the compiler quiet while the stub is unfinished (parameters not used yet); remove this
// line when you are done.
#pragma GCC diagnostic ignored "-Wunused-parameter"

static int forward(const char *host, const char *service);
static int reverse(const char *ip);

int main(int argc, char **argv)
{
    int status;
    if (argc == 3 && strcmp(argv[1], "-r") == 0)
        status = reverse(argv[2]);
    else if (argc == 2 || argc == 3)
        status = forward(argv[1], argc == 3 ? argv[2] : NULL);
    else {
        fprintf(stderr, "resolve: usage: resolve <host> [<service>] | resolve -r <ip>\n");
        return 1;
    }
    // Given: stdout is a pipe under the checker, fully buffered; a write error shows only here.
    if (fflush(stdout) == EOF) {
        perror("resolve: stdout");
        return 1;
    }
    return status;
}

// Prints one line per result of getaddrinfo(host, service), in order; service may be NULL.
// Returns 0, or 1 after the error line, e.g.
// fprintf(stderr, "resolve: %s: %s\n", host, gai_strerror(rc)).
static int forward(const char *host, const char *service)
{
    // TODO 1. struct addrinfo hints; memset(&hints, 0, sizeof hints);
    //         hints.ai_family = AF_UNSPEC; hints.ai_socktype = SOCK_STREAM;
    //         (without the socket type, each address comes back once per type)
    TODO("step 1: the hints");
    // TODO 2. struct addrinfo *list; int rc = getaddrinfo(host, service, &hints, &list);
    //         rc != 0 is an EAI_* code, not -1 with errno: its text is gai_strerror(rc).
    //         Print the error line and return 1 (a failed call gives no list to free).
    TODO("step 2: getaddrinfo");
    // TODO 3. for (struct addrinfo *ai = list; ai != NULL; ai = ai->ai_next) { ... }
    //         — every node, from the head: ai->ai_family is AF_INET ("ipv4") or AF_INET6
    //         ("ipv6"); skip any other.
    TODO("step 3: walk the list along ai_next");
    // TODO 4. char ip[NI_MAXHOST], port[NI_MAXSERV];
    //         getnameinfo(ai->ai_addr, ai->ai_addrlen, ip, sizeof ip, port, sizeof port,
    //                     NI_NUMERICHOST | NI_NUMERICSERV);
    //         printf("%s %s %s\n", family, ip, port);
    //         — the node's own ai_addrlen (a sockaddr_in6 is longer than a sockaddr_in), and a
    //         buffer for IPv6 text (INET_ADDRSTRLEN, 16 bytes, is too small). A non-zero return
    //         is an EAI_* code, as in step 2.
    TODO("step 4: getnameinfo each node, print its line");
    // TODO 5. freeaddrinfo(list);   — once, through the head (it frees every node), after the
    //         last use of the list, on every path that got one: the error paths too.
    TODO("step 5: freeaddrinfo");
}

// Prints the name getnameinfo finds for the numeric address ip. Returns 0, or 1 after the
// error line `resolve: <ip>: <gai_strerror text>`.
static int reverse(const char *ip)
{
    // TODO 1. As in forward, but with hints.ai_flags = AI_NUMERICHOST and no service:
    //         getaddrinfo(ip, NULL, &hints, &list);   — it only turns the text into a socket
    //         address of its family, with no lookup; anything else is an error (EAI_NONAME).
    TODO("step 1: getaddrinfo with AI_NUMERICHOST");
    // TODO 2. char name[NI_MAXHOST];
    //         getnameinfo(list->ai_addr, list->ai_addrlen, name, sizeof name, NULL, 0, 0);
    //         — flags 0: it looks the name up, and writes the address itself when there is
    //         none. printf("%s\n", name);
    TODO("step 2: getnameinfo with flags 0, print the name");
    // TODO 3. freeaddrinfo(list);   — on the error path too.
    TODO("step 3: freeaddrinfo");
}
