/* Small helpers shared by the C reference programs (the course's C idioms). */
#ifndef CTRACK_NET_H
#define CTRACK_NET_H

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

/* The listen backlog. 128 here; -DBACKLOG=5 builds the notes' first example's value (a probe:
 * see FINDINGS.md). */
#ifndef BACKLOG
#define BACKLOG 128
#endif

/* Parse a port 0..65535; returns -1 if not a number in range. */
static inline int parse_port(const char *s)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < 0 || v > 65535)
        return -1;
    return (int)v;
}

/* send() everything, retrying EINTR and short writes; MSG_NOSIGNAL: EPIPE instead of SIGPIPE.
 * Returns 0, or -1 with errno set. */
static inline int send_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len > 0) {
        ssize_t n = send(fd, p, len, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* write() everything to a non-socket fd (stdout, a file, a pipe). */
static inline int write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* socket/SO_REUSEADDR/bind 0.0.0.0:port/[listen]; type SOCK_STREAM listens, SOCK_DGRAM only binds.
 * Then prints "listening on ip:port" (real port from getsockname) and flushes stdout.
 * Exits 1 with a message on error. */
static inline int make_server(const char *prog, int type, int port)
{
    int fd = socket(AF_INET, type, 0);
    if (fd < 0) {
        fprintf(stderr, "%s: socket: %s\n", prog, strerror(errno));
        exit(1);
    }
    int one = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0) {
        fprintf(stderr, "%s: setsockopt(SO_REUSEADDR): %s\n", prog, strerror(errno));
        exit(1);
    }
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons((uint16_t)port);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
        fprintf(stderr, "%s: bind to port %d: %s\n", prog, port, strerror(errno));
        exit(1);
    }
    if (type == SOCK_STREAM && listen(fd, BACKLOG) < 0) {
        fprintf(stderr, "%s: listen: %s\n", prog, strerror(errno));
        exit(1);
    }
    struct sockaddr_in local;
    socklen_t len = sizeof local;
    if (getsockname(fd, (struct sockaddr *)&local, &len) < 0) {
        fprintf(stderr, "%s: getsockname: %s\n", prog, strerror(errno));
        exit(1);
    }
    char ip[INET_ADDRSTRLEN];
    if (inet_ntop(AF_INET, &local.sin_addr, ip, sizeof ip) == NULL) {
        fprintf(stderr, "%s: inet_ntop: %s\n", prog, strerror(errno));
        exit(1);
    }
    printf("listening on %s:%u\n", ip, (unsigned)ntohs(local.sin_port));
    if (fflush(stdout) == EOF) {
        fprintf(stderr, "%s: stdout: %s\n", prog, strerror(errno));
        exit(1);
    }
    return fd;
}

/* Parse "<ip> <port>" into addr; exits 1 with a message if invalid. */
static inline void parse_addr(const char *prog, const char *ip, const char *port,
                              struct sockaddr_in *addr)
{
    memset(addr, 0, sizeof *addr);
    addr->sin_family = AF_INET;
    int p = parse_port(port);
    if (p < 0 || inet_pton(AF_INET, ip, &addr->sin_addr) != 1) {
        fprintf(stderr, "%s: not an IPv4 address and port: %s %s\n", prog, ip, port);
        exit(1);
    }
    addr->sin_port = htons((uint16_t)p);
}

#endif
