// Day 5 — a chat server: one thread per client, the clients behind a mutex.
//
// Read course.md#threads (한국어: course.ko.md#threads), course.md#data-races (한국어: course.ko.md#data-races), course.md#poisoning (한국어: course.ko.md#poisoning), course.md#thread-cost (한국어: course.ko.md#thread-cost)
// and course.md#day5-threads (한국어: course.ko.md#day5-threads), then replace the `TODO(...)`s below.
// Grade yourself with `cargo run -p checker -- --track c day5-threads` (from the lab's root); try
// it by hand with `make && ./chat-server 7000` and `nc 127.0.0.1 7000` in two or three
// terminals: what one types, all of them see.
//
// Contract: `chat-server <port>` binds the wildcard address with SO_REUSEADDR, listens, prints
// `listening on <ip>:<port>` (the real port, from getsockname) and flushes stdout — as
// echo-server. Then one thread per client (pthread_create), the shared list of clients behind a
// pthread mutex. Each complete line a client sends (ending in `\n`, at most 4096 bytes, its `\n`
// included) is sent to every connected client, the sender included, whole. All clients receive
// the lines in one and the same order (the order in which the server took them), and each
// sender's lines keep their order. A client that ends (EOF) or fails is removed: its socket is
// closed and its thread ends; the server keeps running. A partial line left at EOF is dropped.
// Bad usage: one line on stderr, exit status 1.
// Rules (the checker's `rules` test reads the functions your compiled program imports): a
// thread per client: pthread_create is required; fork and vfork are forbidden (threads of one
// process share the list), and so are poll, ppoll, select, pselect and epoll_wait (each thread
// waits in its own read); no getaddrinfo or gethostbyname.
//
// Each `// TODO n.` quotes the C call of the notes for one step; the `TODO("...")` under it
// stops the program there (exit status 101, which the checker reports as "not started"):
// replace it with that step's code.

// -std=c17 hides the POSIX and Linux calls unless this comes before the first #include.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
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

// The longest line the contract allows, `\n` included.
#define MAX_LINE 4096

// A connected client as every thread sees it. Who closes the socket: the client's own thread,
// once it has taken the client out of the list (then no broadcast can be using the fd). A
// broadcast whose send fails only marks it and shuts it down (shutdown(fd, SHUT_RDWR)), so
// that the thread's read returns at once: a close there would free the number for the next
// accept while the thread still reads "its" fd. (The Rust track's Arc<OwnedFd> makes the same
// rule: the socket closes when its last holder lets go.)
struct client {
    int fd;
    bool gone;           // a send to it failed: skip it; its thread removes it
    struct client *next; // the list
};

// The list of connected clients, shared by every thread, and its lock.
static struct client *clients;
static pthread_mutex_t clients_lock = PTHREAD_MUTEX_INITIALIZER;

static long parse_number(const char *s, long max);
static int serve(int port);
static void lock(void);
static void unlock(void);
static void *serve_client(void *arg);
static void broadcast(const char *line, size_t len);
static int send_all(int fd, const void *data, size_t len);
static int listen_on(int port);

int main(int argc, char **argv)
{
    long port = argc == 2 ? parse_number(argv[1], 65535) : -1;
    if (port < 0) {
        fprintf(stderr, "chat-server: usage: chat-server <port>   (0 lets the kernel choose)\n");
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

// Accepts clients for ever, a thread for each.
// C: `pthread_create(&tid, NULL, serve_client, c); pthread_detach(tid);`
// (detached: nobody joins it, and its resources go when it returns). Returns -1 after one line
// on stderr if the server cannot go on.
static int serve(int port)
{
    int listener = listen_on(port);
    if (listener < 0)
        return -1;
    // TODO for (;;) {
    //   1. accept (retry on EINTR and ECONNABORTED; another error: print it and go on).
    TODO("step 1: accept");
    //   2. A struct client for it (malloc), put in the list — under the lock — *before* its
    //      thread reads a byte: its own first line must reach it too.
    TODO("step 2: into the list");
    //   3. A thread for it: pthread_create(&tid, NULL, serve_client, c); pthread_detach(tid);
    //      pthread_* return an error number (0: done), never -1 and errno: strerror(e).
    //      If it fails: take the client out of the list again and close it.
    TODO("step 3: a thread of its own");
    // }
}

// The list, locked. C: `pthread_mutex_lock(&clients_lock);` — and unlock() after. Both return
// an error number (0: done), not -1 and errno; one that fails is a bug: abort(). There is no
// poisoning in C: a thread that crashes (SIGSEGV) takes the whole process with it, and one
// that returns with the lock held leaves every other thread waiting for ever.
static void lock(void)
{
    // TODO lock the mutex; abort on an error.
    TODO("lock the list");
}

static void unlock(void)
{
    // TODO pthread_mutex_unlock(&clients_lock); abort on an error.
    TODO("unlock the list");
}

// One client's thread (arg: its struct client): read, cut the bytes into lines at each `\n`,
// broadcast every complete line; at EOF (read returns 0) or on an error, leave the list, close
// the socket, free the struct, and return NULL (which ends the thread).
// C: `void *serve_client(void *arg) { ... while ((n = read(fd, buf, sizeof buf)) > 0) ...;
//     return NULL; }`
static void *serve_client(void *arg)
{
    struct client *me = arg;
    char pending[MAX_LINE]; // the bytes of a line not yet complete: pending[0..have)
    size_t have = 0;
    // TODO for (;;) {
    //   1. n = read(me->fd, pending + have, sizeof pending - have);   0: EOF, leave the loop;
    //      EINTR: again; an error: leave the loop.
    TODO("step 1: read");
    //   2. have += n; a read ends anywhere, so only a `\n` ends a line: broadcast each complete
    //      line (memchr finds the '\n'), then memmove the rest to the front for the next read.
    TODO("step 2: broadcast each complete line");
    //   3. The buffer full (have == MAX_LINE) and no `\n`: the client breaks the contract;
    //      leave.
    TODO("step 3: a line too long: leave");
    // }
    // TODO What is left in pending is an unfinished line: drop it. Take this client out of the
    //      list (under the lock), then close(me->fd) and free(me): no broadcast can use it now.
    TODO("leave the list, close, free");
}

// Sends `line` to every client in the list, the sender included, with the lock held from the
// first send to the last: then no other line can come between two of these sends (every client
// gets the lines in the same order) or into the middle of one (every line whole). A send to a
// client that has gone fails (EPIPE, ECONNRESET): mark that client gone and shut its socket
// down (shutdown(fd, SHUT_RDWR)), so that its thread, waiting in read, ends at once.
// C: `pthread_mutex_lock(&clients_lock); for (c = clients; c; c = c->next) send_all(c->fd, line, len);`
// `pthread_mutex_unlock(&clients_lock);`
static void broadcast(const char *line, size_t len)
{
    // TODO one lock for the whole broadcast; skip the clients already gone.
    TODO("send the line to every client, under one lock");
}

// Sends all `len` bytes at `data` (as in day2-echo). Returns 0, or -1 with errno.
// C: `n = send(fd, p, len, MSG_NOSIGNAL);`
static int send_all(int fd, const void *data, size_t len)
{
    // TODO loop until everything is sent; retry on EINTR; MSG_NOSIGNAL, so a departed client
    //      costs an EPIPE instead of a SIGPIPE for the whole process.
    TODO("send everything");
}

// The listening socket on the wildcard address, and its line on stdout (as in day2-echo).
// C: `socket(AF_INET, SOCK_STREAM, 0); setsockopt(SO_REUSEADDR); bind; listen; getsockname;`
// Returns it, or -1 after one line on stderr.
static int listen_on(int port)
{
    // TODO socket, SO_REUSEADDR, bind to INADDR_ANY and the port, listen(fd, 128),
    //      getsockname, and `listening on <ip>:<port>` with fflush; each error: one line on
    //      stderr, -1.
    TODO("socket, SO_REUSEADDR, bind, listen, print the listening line");
}
