// Day 6 — a preforked echo server: the parent accepts, and hands each connection to a free
// worker process over a Unix-domain socket.
//
// Read course.md#unix-sockets (한국어: course.ko.md#unix-sockets), course.md#unix-paths (한국어: course.ko.md#unix-paths), course.md#socketpair (한국어: course.ko.md#socketpair), course.md#fd-passing (한국어: course.ko.md#fd-passing), course.md#preforking (한국어: course.ko.md#preforking) and course.md#day6-unix (한국어: course.ko.md#day6-unix)
// (and again course.md#poll (한국어: course.ko.md#poll) and course.md#clean-exit (한국어: course.ko.md#clean-exit)), then replace the `TODO(...)`s
// below. Grade yourself with `cargo run -p checker -- --track c day6-unix` (from the lab's root);
// try it by hand with `make && ./prefork-server 7000 3 control.sock`, `nc 127.0.0.1 7000` in a
// few terminals, and `echo stats | nc -UN control.sock` in another.
//
// Contract: `prefork-server <port> <workers> <control-path>`, `<workers>` from 1 to 16. At start
// the parent listens on the wildcard address (SO_REUSEADDR), makes one
// `socketpair(AF_UNIX, SOCK_STREAM)` (or SOCK_SEQPACKET) per worker and forks the workers; each
// worker closes the listening socket and the parent's ends, the parent closes the workers'
// ends. It binds a Unix-domain stream socket at `<control-path>`: a socket file already there
// that nothing answers on (connect: ECONNREFUSED) is stale, removed, and bound again; one that
// answers belongs to another server: one line on stderr, exit 1. Then it prints
// `listening on <ip>:<port>` and flushes stdout. Only the parent accepts, and only while a worker
// is free (otherwise connections wait in the backlog): it passes each connection to a free
// worker (sendmsg with SCM_RIGHTS and at least one byte of data) and closes its own copy at once.
// A worker echoes its client as day2-echo's server does, closes the connection and says it is
// free (one byte on its socketpair). A worker that dies is reaped and replaced. A control client
// that sends `stats\n` gets `worker <pid> served <n>` per live worker (connections that worker
// process has finished), then EOF. On SIGTERM or SIGINT: stop accepting, end the workers
// (SIGTERM) and wait for them, remove `<control-path>`, print `bye`, exit 0, within 2 s. Bad
// usage, or a control path that cannot be bound or that another server owns: one line on
// stderr, exit 1, no worker left behind.
// Rules (the checker's `rules` test reads the functions your compiled program imports):
// processes made with fork, and connections passed to them with sendmsg (both required);
// pthread_create is forbidden; no getaddrinfo or gethostbyname.
//
// Each `// TODO n.` quotes the C call of the notes for one step; the `TODO("...")` under it
// stops the program there (exit status 101, which the checker reports as "not started"):
// replace it with that step's code.

// -std=c17 hides the POSIX and Linux calls (sigaction, ppoll, accept4, ...) unless this comes
// before the first #include.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../common/lab.h"

// Keeps the compiler quiet while the stub is unfinished (functions not called yet, parameters
// and variables not used yet); remove these lines when you are done.
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wunused-variable"

#define MAX_WORKERS 16

// Set by the SIGTERM and SIGINT handler: stop accepting and shut down.
static volatile sig_atomic_t stop_wanted;

static void on_stop(int sig)
{
    (void)sig;
    stop_wanted = 1;
}

// One worker, as the parent sees it.
struct worker {
    pid_t pid;
    int end;              // the parent's end of the worker's socketpair: connections go out,
                          // "free" bytes come in; -1 once closed
    bool busy;
    unsigned long served; // connections this worker process has finished
};

// Everything the parent holds.
struct parent {
    int listener;
    int control;      // the control socket, -1 until bound
    const char *path; // the control socket's path
    struct worker workers[MAX_WORKERS];
    int nworkers;
};

static long parse_number(const char *s, long max);
static int serve(int port, int n, const char *path);
static int listen_on(int port);
static int bind_control(const char *path);
static int answers(const struct sockaddr_un *addr);
static int fork_worker(const struct parent *p, struct worker *w);
static void close_inherited(const struct parent *p);
static int wait_and_serve(struct parent *p);
static int hear_from(struct parent *p, int i);
static void accept_and_pass(struct parent *p);
static void answer_control(struct parent *p);
static void give_up(struct parent *p);
static int shut_down(struct parent *p);
static int work(int end);
static int receive(int end, int *conn);
static void echo(int conn);
static int send_all(int fd, const void *data, size_t len);

int main(int argc, char **argv)
{
    long port = -1, n = -1;
    if (argc == 4) {
        port = parse_number(argv[1], 65535);
        n = parse_number(argv[2], MAX_WORKERS);
    }
    if (port < 0 || n < 1) {
        fprintf(stderr, "prefork-server: usage: prefork-server <port> <workers 1-16> "
                        "<control-path>   (port 0 lets the kernel choose)\n");
        return 1;
    }
    // An expected error (the port, the control path, ...): serve printed its one line; status 1.
    return serve((int)port, (int)n, argv[3]) == 0 ? 0 : 1;
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

// Given. C: `struct sigaction sa = { .sa_handler = h }; sigaction(sig, &sa, NULL);`
// Returns 0, or -1 after one line on stderr.
static int install(int sig, void (*handler)(int))
{
    struct sigaction sa = {.sa_handler = handler};
    sigemptyset(&sa.sa_mask);
    if (sigaction(sig, &sa, NULL) < 0) {
        fprintf(stderr, "prefork-server: sigaction(%d): %s\n", sig, strerror(errno));
        return -1;
    }
    return 0;
}

// Given: SIGTERM and SIGINT, the signals the parent waits for.
static sigset_t stop_signals(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    return set;
}

// The parent's life: the handlers, the listening socket, the workers, the control socket, the
// listening line, the loop, the clean exit. Returns 0 after `bye`; if a step fails: one line on
// stderr (`prefork-server: <what>: ...`) and -1, with no worker left behind.
static int serve(int port, int n, const char *path)
{
    // TODO 1. install(SIGTERM and SIGINT, on_stop), then block both: they are taken only
    //         inside ppoll, which unblocks them for the wait alone (course.md#preforking).
    //         C: sigset_t s = stop_signals(); sigprocmask(SIG_BLOCK, &s, NULL);
    TODO("step 1: the handlers, and block SIGTERM and SIGINT");
    // TODO 2. struct parent p = { .listener = listen_on(port), .control = -1, .path = path };
    //         (listener -1: return -1) then n workers:
    //           for (int i = 0; i < n; i++, p.nworkers++) fork_worker(&p, &p.workers[i]);
    //         (on an error: give_up(&p), return -1).
    TODO("step 2: listen, fork the workers");
    // TODO 3. p.control = bind_control(path): on an error, give_up(&p) too (no worker left
    //         behind), return -1.
    TODO("step 3: bind the control socket");
    // TODO 4. getsockname, print `listening on <ip>:<port>`, fflush (as in day2-echo).
    TODO("step 4: the listening line");
    // TODO 5. while (!stop_wanted) { if (wait_and_serve(&p) < 0) { give_up(&p); return -1; } }
    //         then return shut_down(&p).
    TODO("step 5: serve until SIGTERM, then shut down");
}

// The listening socket on the wildcard address, non-blocking (the parent accepts only when
// poll says a connection is there). Returns it, or -1 after one line on stderr.
// C: `socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0); setsockopt(SO_REUSEADDR); bind; listen;`
static int listen_on(int port)
{
    // TODO socket (SOCK_NONBLOCK | SOCK_CLOEXEC), SO_REUSEADDR, bind to INADDR_ANY and the
    //      port, listen(fd, 128): as in day2-echo; each error: one line on stderr, -1.
    TODO("socket, SO_REUSEADDR, bind, listen");
}

// The control socket at `path`. Returns it, or -1 after one line on stderr.
// C: `struct sockaddr_un a = { .sun_family = AF_UNIX }; strcpy(a.sun_path, path);
//     fd = socket(AF_UNIX, SOCK_STREAM, 0); bind(fd, (struct sockaddr *)&a, sizeof a);
//     listen(fd, 16);`
// (a path that does not fit in sun_path, 108 bytes with its NUL, is an error: check it before
// the strcpy). If bind fails with EADDRINUSE, a file is there. Only a socket file may be
// removed (lstat: S_ISSOCK(st.st_mode)), and only a stale one, that nothing answers on
// (answers). Then unlink(path) and bind again. If something answers, another server owns the
// path.
static int bind_control(const char *path)
{
    // TODO the address, socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), bind;
    //      on EADDRINUSE: lstat, answers, unlink, bind again; then listen.
    TODO("bind the control socket, replacing a stale socket file");
}

// Whether a server answers on the socket file at `addr`: 1 yes, 0 no, -1 after one line on
// stderr if it cannot tell.
// C: `connect(probe, (struct sockaddr *)&a, sizeof a)`: 0, a server is there; ECONNREFUSED, nobody.
static int answers(const struct sockaddr_un *addr)
{
    // TODO a new AF_UNIX stream socket, connect: 0 → 1, ECONNREFUSED → 0; close the probe.
    TODO("connect to see whether a server is there");
}

// A new worker into *w: its socketpair, then fork. The worker keeps its end and closes every
// descriptor of the parent's (close_inherited); the parent keeps its end and closes the
// worker's. Returns 0, or -1 after one line on stderr.
// C: `int sv[2]; socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
//     if (fork() == 0) { close(sv[0]); close(listenfd); ...; _exit(work(sv[1])); } close(sv[1]);`
static int fork_worker(const struct parent *p, struct worker *w)
{
    // TODO socketpair; fork; in the child: close(sv[0]), close_inherited(p), then
    //      _exit(work(sv[1])) — _exit, not exit: never back into the parent's code, and no
    //      flush of stdio buffers that are the parent's; in the parent: close(sv[1]) and
    //      *w = (struct worker){ .pid = pid, .end = sv[0] }.
    TODO("socketpair, fork, each side closes the other's end");
}

// In a new worker: closes the parent's descriptors it inherited: the listening socket, the
// control socket, the parent's ends of the other workers' socketpairs (those that are open:
// -1 is none).
static void close_inherited(const struct parent *p)
{
    // TODO close each of them.
    TODO("close the descriptors a worker inherits");
}

// One wait, and whatever it found: workers free again (or dead), a control client, a client
// to pass. The listening socket is watched only while a worker is free. Returns 0, or -1 after
// one line on stderr if the server cannot go on.
// C: `struct pollfd fds[N]; sigset_t none; sigemptyset(&none); ppoll(fds, n, NULL, &none);`
// (a poll that unblocks the signals for the wait: a signal ends it with EINTR, never slips in
// before it)
static int wait_and_serve(struct parent *p)
{
    // TODO build the pollfds: each worker's end, the control socket, and the listening socket
    //      only if some worker is free, all with .events = POLLIN; ppoll; EINTR: return 0 (the
    //      loop looks at stop_wanted). Then, for what is ready (revents != 0), in this order:
    //      hear_from(p, i) (a free byte may free the worker for the new client, or count in
    //      the stats), answer_control(p), accept_and_pass(p).
    TODO("wait in ppoll, then serve what is ready");
}

// Worker i's end is readable: "free" bytes (one per finished connection), or EOF (0): the
// worker is dead. Then waitpid it (no zombie) and fork its replacement into its slot. Returns
// 0, or -1 after one line on stderr.
static int hear_from(struct parent *p, int i)
{
    // TODO char buf[16]; n = read(p->workers[i].end, buf, sizeof buf);
    //      n > 0: served += n, busy = false; 0 or ECONNRESET: close its end (and set it to -1,
    //      so that the replacement does not inherit it), waitpid(pid, NULL, 0), then
    //      fork_worker(p, &p->workers[i]); EINTR: return 0, poll will say so again.
    TODO("a worker is free again, or dead: reap and replace it");
}

// Accepts a client and passes it to a free worker, with one byte of data (a descriptor travels
// with data), then closes the parent's copy at once.
// C: struct iovec one = { .iov_base = "c", .iov_len = 1 };
//    union { char buf[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } u;   (aligned for it)
//    struct msghdr m = { .msg_iov = &one, .msg_iovlen = 1,
//                        .msg_control = u.buf, .msg_controllen = sizeof u.buf };
//    struct cmsghdr *cmsg = CMSG_FIRSTHDR(&m);
//    cmsg->cmsg_level = SOL_SOCKET; cmsg->cmsg_type = SCM_RIGHTS;
//    cmsg->cmsg_len = CMSG_LEN(sizeof(int)); memcpy(CMSG_DATA(cmsg), &conn, sizeof conn);
//    sendmsg(w->end, &m, MSG_NOSIGNAL); close(conn);
static void accept_and_pass(struct parent *p)
{
    // TODO accept (a plain accept: the worker wants a blocking socket; EAGAIN, ECONNABORTED,
    //      EINTR: return, poll will say so again); sendmsg to the first free worker
    //      (MSG_NOSIGNAL: a dead worker costs an EPIPE; try the next); mark it busy; close the
    //      connection.
    TODO("accept, pass to a free worker, close the copy");
}

// A control client: one line; `stats` gets one line per worker, then EOF. A client that says
// nothing must not hold the server up for long: a receive timeout.
// C: `struct timeval tv = { .tv_sec = 1 }; setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
//     read(c, ...);`
static void answer_control(struct parent *p)
{
    // TODO accept on the control socket; read until `\n` (EINTR: again; a timeout or an error:
    //      give up on this client); if it is `stats`, send `worker <pid> served <n>\n` per
    //      worker (snprintf, send_all); close the connection: EOF.
    TODO("answer stats");
}

// When the server cannot start after the workers are forked: ends them and waits for them.
static void give_up(struct parent *p)
{
    // TODO kill(pid, SIGTERM) each worker, then waitpid each (EINTR: again).
    TODO("end the workers");
}

// The clean exit: no more clients; the workers sent SIGTERM and waited for; the control path
// removed; then `bye`. Returns 0, or -1 after one line on stderr.
// C: `kill(pid, SIGTERM); waitpid(pid, NULL, 0); ... unlink(path); puts("bye");`  (and fflush)
static int shut_down(struct parent *p)
{
    // TODO the steps above, in that order: close the listening and control sockets, end and
    //      wait for the workers, unlink(p->path), print `bye`.
    TODO("end and wait for the workers, unlink the control path, bye");
}

// A worker's life: waits for a connection on its end of the socketpair, serves it, closes it,
// says it is free (one byte); until the parent's end closes. Returns the exit status.
static int work(int end)
{
    // TODO 1. The parent's handlers and blocked signals are inherited: install SIG_DFL for
    //         SIGTERM and SIGINT, then unblock them:
    //         sigset_t s = stop_signals(); sigprocmask(SIG_UNBLOCK, &s, NULL);
    TODO("step 1: the worker's signals");
    // TODO 2. for (;;) { receive(end, &conn): 0 → return 0; -1 → return 1; echo(conn);
    //         close(conn); send one byte on end (send(end, "f", 1, MSG_NOSIGNAL)): free again }
    TODO("step 2: receive, echo, close, say free");
}

// Receives one descriptor into *conn: recvmsg with room for one SCM_RIGHTS descriptor beside
// one byte of data. Returns 1, 0 at EOF (the parent closed its end), or -1 with errno set.
// The number it arrives under is the worker's own.
// C: `char byte; struct iovec one = { &byte, 1 }; (the same union as for sendmsg)
//     recvmsg(end, &m, 0); memcpy(conn, CMSG_DATA(CMSG_FIRSTHDR(&m)), sizeof *conn);`
static int receive(int end, int *conn)
{
    // TODO recvmsg (MSG_CMSG_CLOEXEC; EINTR: again); 0 bytes: EOF; then the first cmsghdr:
    //      CMSG_FIRSTHDR(&m) may be NULL, and its level and type must be SOL_SOCKET and
    //      SCM_RIGHTS before CMSG_DATA holds a descriptor.
    TODO("recvmsg one descriptor");
}

// Echoes everything until the client's EOF, as day2-echo's server does; an error ends only
// this client.
// C: `while ((n = read(conn, buf, sizeof buf)) > 0) send_all(conn, buf, n);`
static void echo(int conn)
{
    // TODO for (;;) { read (0: return; EINTR: again); send_all what came; errors: return }
    TODO("echo until EOF");
}

// Sends all `len` bytes at `data` with MSG_NOSIGNAL (as in day2-echo). Returns 0, or -1 with
// errno.
// C: `n = send(fd, p, len, MSG_NOSIGNAL);`
static int send_all(int fd, const void *data, size_t len)
{
    // TODO loop until everything is sent; retry on EINTR.
    TODO("send everything");
}
