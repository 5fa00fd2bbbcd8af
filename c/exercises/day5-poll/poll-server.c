// Day 5 — one thread serves every client with poll(2).
//
// Read course.md#one-thread (한국어: course.ko.md#one-thread), course.md#non-blocking (한국어: course.ko.md#non-blocking), course.md#poll (한국어: course.ko.md#poll),
// course.md#per-client-buffers (한국어: course.ko.md#per-client-buffers) and course.md#day5-poll (한국어: course.ko.md#day5-poll), then replace the `TODO(...)`s below.
// Grade yourself with `cargo run -p checker -- --track c day5-poll` (from the lab's root); try it
// by hand with `make && ./poll-server 7000` and `nc 127.0.0.1 7000` in two terminals.
//
// Contract: `poll-server <port>` binds the wildcard address with SO_REUSEADDR, listens, prints
// `listening on <ip>:<port>` (the real port, from getsockname) and flushes stdout — as
// echo-server. Then it serves all clients at once from one thread of one process with `poll(2)`
// over the listening socket and every client. Sockets are non-blocking. Every byte a client
// sends is echoed back to it, in order. A client's pending output is kept in its own buffer and
// written when poll reports POLLOUT; while that buffer holds over 1 MiB the server stops reading
// from that client (back-pressure) but keeps serving the others. After a client's EOF the server
// sends what is still buffered, then closes that connection. An error on one client
// (ECONNRESET, EPIPE, POLLERR) closes only that client. Runs until killed.
// Bad usage: one line on stderr, exit status 1.
// Rules (the checker's `rules` test reads the functions your compiled program imports): one
// thread of one process: fork, vfork and pthread_create are forbidden; poll (or ppoll, select,
// pselect) is required, and epoll forbidden (it is day5-epoll's); no getaddrinfo or
// gethostbyname.
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
#include <poll.h>
#include <stdbool.h>
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

// Every connected client, in the order of the pollfd array: clients[i] is fds[i + 1].
static struct client *clients;
static size_t nclients, capclients;

static size_t pending(const struct client *c)
{
    return c->len - c->sent;
}

static long parse_number(const char *s, long max);
static int serve(int port);
static int accept_all(int listener);
static int add_client(int fd);
static int listen_on(int port);

int main(int argc, char **argv)
{
    long port = argc == 2 ? parse_number(argv[1], 65535) : -1;
    if (port < 0) {
        fprintf(stderr, "poll-server: usage: poll-server <port>   (0 lets the kernel choose)\n");
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

// What to ask poll about this client: POLLIN unless its EOF came or its buffer holds over
// HIGH_WATER (back-pressure); POLLOUT while its buffer is not empty (never otherwise: a socket
// with room is always writable, and poll would return at once, for ever).
// C: `struct pollfd p = { .fd = c, .events = POLLIN | POLLOUT };`
static short interest(const struct client *c)
{
    // TODO build the events from c->eof, pending(c) and HIGH_WATER.
    TODO("POLLIN while it may read, POLLOUT while it has output");
}

// Appends n bytes to c->out, growing it with realloc (double it, and keep the old pointer
// until realloc succeeds): what a Vec does by itself in the Rust track. Returns 0, or -1 if
// out of memory. (Once everything is sent, start again at the front: len = sent = 0.)
static int append(struct client *c, const char *data, size_t n)
{
    // TODO grow out if len + n > cap, then memcpy(c->out + c->len, data, n); c->len += n;
    TODO("append to the client's output buffer");
}

// Acts on what poll reported (`ready`, the pollfd's revents); false once the client is done
// (its EOF came and its buffer is sent) or failed, and must be closed. `buf` is a scratch
// buffer of `size` bytes for reading.
static bool serve_client(struct client *c, short ready, char *buf, size_t size)
{
    // TODO 1. POLLERR or POLLNVAL: the client failed; return false (close it).
    TODO("step 1: POLLERR, POLLNVAL");
    // TODO 2. POLLIN (or POLLHUP) and no EOF yet: one read, appended to out.
    //         n = read(c->fd, buf, size);   0 is the EOF; EAGAIN and EINTR are no errors
    //         (nothing after all); any other error closes this client.
    TODO("step 2: POLLIN: one read");
    // TODO 3. POLLOUT and something pending: one send of what is left; it may take part.
    //         n = send(c->fd, c->out + c->sent, pending(c), MSG_NOSIGNAL);
    //         n more bytes are gone; EAGAIN, EINTR: nothing after all; EPIPE, ECONNRESET, ...:
    //         close this client.
    TODO("step 3: POLLOUT: one send");
    // TODO 4. Done once the EOF came and nothing is pending.
    TODO("step 4: done after EOF and flush?");
}

// The loop: poll over the listener and every client, forever. Returns -1 after one line on
// stderr if the server cannot go on.
static int serve(int port)
{
    int listener = listen_on(port);
    if (listener < 0)
        return -1;
    static char buf[64 * 1024];
    struct pollfd *fds = NULL; // 1 + nclients entries, grown with realloc as clients come
    // TODO for (;;) {
    //   1. The pollfd array: the listening socket first, then one entry per client, in the
    //      order of clients[].
    //      C: fds[0] = (struct pollfd){ .fd = listener, .events = POLLIN };
    //         fds[i + 1] = (struct pollfd){ .fd = clients[i].fd, .events = interest(&clients[i]) };
    TODO("step 1: the pollfd array");
    //   2. C: poll(fds, 1 + nclients, -1);   EINTR: nothing is ready, poll again (continue).
    TODO("step 2: poll");
    //   3. poll wrote its answers into the revents fields: fds[i + 1].revents is clients[i]'s
    //      (0: nothing to do), fds[0].revents the listener's. Keep nfds = 1 + nclients as it
    //      was for this poll: step 5 adds clients.
    TODO("step 3: read the answers");
    //   4. Serve each client with its answer (serve_client), and remove the finished ones
    //      (close(fd), free(out)) in the same pass: keep a second index j and copy each kept
    //      client to clients[j++] — never shift the array while walking it with a memmove per
    //      removal: the next client would be skipped or get another's answer.
    TODO("step 4: serve each client, remove the finished ones");
    //   5. POLLIN on the listening socket (fds[0].revents): accept_all(listener).
    TODO("step 5: accept the new clients");
    // }
}

// Accepts every connection waiting, until EAGAIN; each socket non-blocking. Returns 0, or -1
// after one line on stderr if the server cannot go on.
static int accept_all(int listener)
{
    // TODO loop until EAGAIN (the queue is empty).
    //      C: int c = accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    //      A plain accept would give a *blocking* socket: Linux does not pass O_NONBLOCK on.
    //      EINTR, ECONNABORTED: try again. EMFILE and the like: return 0, retry on the next
    //      poll. Each new socket: add_client(c).
    TODO("accept until EAGAIN");
}

// Appends a new client with this socket to clients[], growing it with realloc (double it): no
// fixed limit on clients. Returns 0, or -1 if out of memory.
static int add_client(int fd)
{
    // TODO grow clients[] if nclients == capclients, then
    //      clients[nclients++] = (struct client){ .fd = fd };
    TODO("add a client to the list");
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
