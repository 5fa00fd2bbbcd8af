// Day 5 — one thread serves every client with epoll, edge-triggered.
//
// Read course.md#non-blocking (한국어: course.ko.md#non-blocking), course.md#per-client-buffers (한국어: course.ko.md#per-client-buffers), course.md#epoll (한국어: course.ko.md#epoll),
// course.md#level-vs-edge (한국어: course.ko.md#level-vs-edge) and course.md#day5-epoll (한국어: course.ko.md#day5-epoll), then replace the `TODO(...)`s below.
// Grade yourself with `cargo run -p checker -- --track c day5-epoll` (from the lab's root); try it
// by hand with `make && ./epoll-server 7000` and `nc 127.0.0.1 7000` in two terminals.
//
// Contract: the same as poll-server (course.md#day5-poll (한국어: course.ko.md#day5-poll)) — `epoll-server <port>`, the
// `listening on <ip>:<port>` line (flushed), every client served at once from one thread of one
// process, non-blocking sockets, a buffer of pending output per client written when the socket
// is writable, back-pressure over 1 MiB, flush then close after a client's EOF, an error closes
// only its client — with `epoll` instead of poll. Client sockets are registered edge-triggered
// (EPOLLET): on every event, read until EAGAIN and write until EAGAIN or nothing is pending.
// The listening socket may be level- or edge-triggered (if edge, accept until EAGAIN). Bad
// usage: one line on stderr, exit status 1.
// Rules (the checker's `rules` test reads the functions your compiled program imports): one
// thread of one process: fork, vfork and pthread_create are forbidden; epoll_wait (or
// epoll_pwait) is required, and poll, ppoll, select and pselect forbidden (they are
// day5-poll's); no getaddrinfo or gethostbyname.
//
// Each `// TODO n.` quotes the C call of the notes for one step; the `TODO("...")` under it
// stops the program there (exit status 101, which the checker reports as "not started"):
// replace it with that step's code.

// -std=c17 hides the POSIX and Linux calls (accept4, ...) unless this comes before the first
// #include.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../common/lab.h"

// Keeps the compiler quiet while the stub is unfinished (functions not called yet, parameters
// and variables not used yet); remove these lines when you are done.
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wunused-variable"

// Over this much output waiting for a client, stop reading from it.
#define HIGH_WATER (1 << 20)

// One connected client.
struct client {
    int fd;
    char *out;   // bytes read and not yet sent back: out[sent..len) is what is left
    size_t len;  // bytes in out
    size_t cap;  // bytes allocated for out
    size_t sent; // bytes of out already sent
    bool eof;    // its read returned 0: close it once out is sent
};

// The clients by descriptor: epoll gives back the data registered with each socket
// (.data.fd), and by_fd[fd] finds its client; NULL: none (it was closed earlier in this batch
// of events: skip it). The kernel gives the lowest free numbers, so the table stays small; grow
// it with realloc when an fd does not fit. (.data.ptr, a pointer to the struct client, is the
// other way; then a client freed earlier in the same batch leaves a dangling pointer in the
// events still to come: free at the end of the batch.)
static struct client **by_fd;
static size_t by_fd_len;

static size_t pending(const struct client *c)
{
    return c->len - c->sent;
}

static long parse_number(const char *s, long max);
static int serve(int port);
static int listen_on(int port);

int main(int argc, char **argv)
{
    long port = argc == 2 ? parse_number(argv[1], 65535) : -1;
    if (port < 0) {
        fprintf(stderr,
                "epoll-server: usage: epoll-server <port>   (0 lets the kernel choose)\n");
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

// Appends n bytes to c->out, growing it with realloc (double it, and keep the old pointer
// until realloc succeeds): what a Vec does by itself in the Rust track. Returns 0, or -1 if
// out of memory. (Once everything is sent, start again at the front: len = sent = 0.)
static int append(struct client *c, const char *data, size_t n)
{
    // TODO grow out if len + n > cap, then memcpy(c->out + c->len, data, n); c->len += n;
    TODO("append to the client's output buffer");
}

// Moves everything that can move now: edge-triggered, nobody will say so again. Returns 1 to
// keep the client, 0 once it is done (EOF and everything sent) and must be closed, -1 if it
// failed (errno set). `buf` is a scratch buffer of `size` bytes for reading.
static int pump(struct client *c, char *buf, size_t size)
{
    // TODO for (;;) {
    //   1. Send until EAGAIN or nothing is pending.
    //      C: n = send(c->fd, c->out + c->sent, pending(c), MSG_NOSIGNAL);
    //      EINTR: again; EAGAIN: stop sending (EPOLLOUT comes when there is room); another
    //      error: return -1.
    TODO("step 1: send until EAGAIN");
    //   2. After the EOF: done once nothing is pending (return 0 closes it).
    TODO("step 2: done after EOF and flush?");
    //   3. Over HIGH_WATER: stop reading for now (back-pressure). The data left in the socket
    //      raises no new edge: come back to reading as soon as the buffer drains.
    TODO("step 3: back-pressure");
    //   4. Read until EAGAIN, the EOF or HIGH_WATER.  C: n = read(c->fd, buf, size);
    //      0: the EOF; EINTR: again; EAGAIN: nothing more now (EPOLLIN comes with the next
    //      data); another error: return -1.
    //      Nothing came: return 1, wait for the next event. Something came: go round again,
    //      since what was just read may be sendable at once.
    TODO("step 4: read until EAGAIN");
    // }
}

// epoll_create1, register the listener, then wait and serve, forever. Returns -1 after one
// line on stderr if the server cannot go on.
static int serve(int port)
{
    int listener = listen_on(port);
    if (listener < 0)
        return -1;
    // TODO 1. int ep = epoll_create1(EPOLL_CLOEXEC);
    TODO("step 1: epoll_create1");
    // TODO 2. struct epoll_event ev = { .events = EPOLLIN, .data.fd = listener };
    //         epoll_ctl(ep, EPOLL_CTL_ADD, listener, &ev);
    TODO("step 2: register the listener");
    // TODO 3. The events array and a read buffer:
    //           struct epoll_event events[256]; static char buf[64 * 1024];
    //         (the clients are in by_fd[], above)
    TODO("step 3: the events array and a buffer");
    // TODO 4. for (;;) {
    //   C: int n = epoll_wait(ep, events, 256, -1);   EINTR: wait again.
    //   For each events[i], by events[i].data.fd:
    //   the listener: accept until EAGAIN (accept4(listener, NULL, NULL, SOCK_NONBLOCK |
    //   SOCK_CLOEXEC); EINTR, ECONNABORTED: again), and register each new client
    //   edge-triggered, with its own fd as data:
    //     struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT | EPOLLET, .data.fd = c };
    //     epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev);   then a calloc'd struct client in by_fd[c].
    //   A client: EPOLLERR, or pump() giving 0 or -1: remove it — epoll_ctl(ep, EPOLL_CTL_DEL,
    //   fd, NULL), close(fd), free its buffer and the struct, by_fd[fd] = NULL. A fd whose
    //   by_fd entry is NULL was closed earlier in this batch: skip it.
    // }
    TODO("step 4: wait and serve, forever");
}

// The non-blocking listening socket on the wildcard address, and its line on stdout. Returns
// it, or -1 after one line on stderr.
static int listen_on(int port)
{
    // TODO as in day2-echo, with a non-blocking socket.
    //      C: int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    //      Then SO_REUSEADDR, bind to INADDR_ANY and the port, listen(s, 128), getsockname,
    //      and `listening on <ip>:<port>` with fflush; each error: one line on stderr, -1.
    TODO("socket, SO_REUSEADDR, bind, listen, print the listening line");
}
