// Day 5 — a logging echo server: a pipe between processes.
//
// Read course.md#pipes (한국어: course.ko.md#pipes), course.md#pipe-buf (한국어: course.ko.md#pipe-buf), course.md#logger-process (한국어: course.ko.md#logger-process) and course.md#day5-pipe (한국어: course.ko.md#day5-pipe)
// (and again course.md#concurrent-servers (한국어: course.ko.md#concurrent-servers) and course.md#sigchld (한국어: course.ko.md#sigchld)), then replace the `TODO(...)`s
// below. Grade yourself with `cargo run -p checker -- --track c day5-pipe` (from the lab's root);
// try it by hand with `make && ./store-server 7000 store.log`, `nc 127.0.0.1 7000` in two
// terminals, and `tail -f store.log` in a third.
//
// Contract: `store-server <port> <file>`. At start the server creates a pipe and forks one
// logger child, which closes the pipe's write end, reads lines from the pipe and appends them
// to `<file>` (opened with O_CREAT | O_WRONLY | O_APPEND, mode 0644, never truncated) as they
// come. The parent closes the read end, prints `listening on <ip>:<port>` and flushes stdout (as
// echo-server), then serves clients as day3-fork does: one child per client, children reaped on
// SIGCHLD with waitpid(WNOHANG) in a loop. Each client child closes the listening socket, echoes
// its client's bytes back, and writes every complete line it receives to the pipe with one
// write per line (lines are at most 512 bytes, their `\n` included, so each write is atomic:
// PIPE_BUF). On SIGTERM or SIGINT the parent stops accepting, sends SIGTERM to the client
// children and waits for them, closes its write end of the pipe so the logger sees EOF, waits
// for the logger (which exits 0 after writing everything), then prints `bye` and exits 0.
// Ctrl-C sends SIGINT to every process of the terminal's foreground group: the logger ignores
// SIGINT and SIGTERM and ends only at EOF. Bad usage, or a file that cannot be opened: one line
// on stderr, exit status 1.
// Rules (the checker's `rules` test reads the functions your compiled program imports):
// processes and a pipe: fork and pipe (or pipe2) are required, pthread_create forbidden; no
// getaddrinfo or gethostbyname.
//
// Each `// TODO n.` quotes the C call of the notes for one step; the `TODO("...")` under it
// stops the program there (exit status 101, which the checker reports as "not started"):
// replace it with that step's code.

// -std=c17 hides the POSIX and Linux calls (sigaction, ppoll, ...) unless this comes before the
// first #include.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../common/lab.h"

// Keeps the compiler quiet while the stub is unfinished (functions not called yet, parameters
// and variables not used yet); remove these lines when you are done.
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wunused-variable"

// Set by the SIGTERM and SIGINT handler: stop accepting and shut down.
static volatile sig_atomic_t stop_wanted;

static void on_stop(int sig)
{
    (void)sig;
    stop_wanted = 1;
}

static long parse_number(const char *s, long max);
static int serve(int port, const char *path);
static int shut_down(int listener, const pid_t *clients, size_t nclients, int write_end,
                     pid_t logger);
static int log_lines(int read_end, int file);
static int serve_client(int conn, int write_end);
static int write_all(int fd, const void *data, size_t len);
static int send_all(int fd, const void *data, size_t len);
static int listen_on(int port);

// SIGCHLD: reap every finished child, as in day3-fork (signals do not queue).
// C: `void reap(int sig) { while (waitpid(-1, NULL, WNOHANG) > 0); }`
static void reap_children(int sig)
{
    (void)sig;
    // TODO loop on waitpid(-1, NULL, WNOHANG) until it returns 0 or -1; save errno first and
    //      restore it last.
    TODO("reap every finished child");
}

// Given. C: `struct sigaction sa = { .sa_handler = h, .sa_flags = flags };
//            sigaction(sig, &sa, NULL);`
// Returns 0, or -1 after one line on stderr.
static int install(int sig, void (*handler)(int), int flags)
{
    struct sigaction sa = {.sa_handler = handler, .sa_flags = flags};
    sigemptyset(&sa.sa_mask);
    if (sigaction(sig, &sa, NULL) < 0) {
        fprintf(stderr, "store-server: sigaction(%d): %s\n", sig, strerror(errno));
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    long port = argc == 3 ? parse_number(argv[1], 65535) : -1;
    if (port < 0) {
        fprintf(stderr, "store-server: usage: store-server <port> <file>   "
                        "(port 0 lets the kernel choose)\n");
        return 1;
    }
    // An expected error (the file, the port, ...): serve printed its one line; status 1.
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

// Opens the file, makes the pipe, forks the logger, then serves clients as day3-fork until
// SIGTERM or SIGINT. Returns 0 after `bye`; if a step fails: one line on stderr
// (`store-server: <what>: ...`) and -1.
static int serve(int port, const char *path)
{
    // TODO 1. The file. C: int file = open(path, O_CREAT | O_WRONLY | O_APPEND, 0644);
    //         Never O_TRUNC: the lines already there stay. (open, not fopen(path, "a"): the
    //         flags are the lesson, and every write lands at the end, whoever else appends.)
    TODO("step 1: open the file");
    // TODO 2. The pipe. C: int fds[2]; pipe(fds);   fds[0] is the read end, fds[1] the write end.
    TODO("step 2: pipe");
    // TODO 3. The logger. C: pid_t logger = fork();
    //         child:  close the write end (else its read never returns 0), then
    //                 _exit(log_lines(fds[0], file));   (_exit, not exit: no stdio flush of
    //                 buffers that are the parent's)
    //         parent: close the read end (and the file: the logger has its own copy).
    TODO("step 3: fork the logger");
    // TODO 4. The handlers: SIGCHLD -> reap_children (SA_RESTART | SA_NOCLDSTOP); SIGTERM and
    //         SIGINT -> on_stop. Block SIGTERM and SIGINT first, keeping the mask you had to
    //         wait with: then they come only inside ppoll, which fails with EINTR at once. (A
    //         flag and a blocking accept lose a SIGTERM that comes between the test of the
    //         flag and the accept, or while SIGCHLD's handler runs: course.md#logger-process.)
    //         C: sigset_t stop, during_wait; sigemptyset(&stop); sigaddset(&stop, SIGTERM);
    //            sigaddset(&stop, SIGINT); sigprocmask(SIG_BLOCK, &stop, &during_wait);
    TODO("step 4: block SIGTERM and SIGINT, install the handlers");
    // TODO 5. listen_on(port), then: while (!stop_wanted) { ppoll the listening socket
    //         (POLLIN) with the mask during_wait (EINTR: the loop looks at stop_wanted);
    //         accept (EINTR, ECONNABORTED: again); fork: the child closes the listening
    //         socket and _exit(serve_client(c, fds[1])); the parent closes c and keeps the
    //         child's pid in a list (realloc'd as it grows) }
    //         C: struct pollfd p = { .fd = listener, .events = POLLIN };
    //            ppoll(&p, 1, NULL, &during_wait);
    TODO("step 5: listen, then serve clients as day3-fork");
    // TODO 6. return shut_down(listener, pids, npids, fds[1], logger);
    TODO("step 6: shut down");
}

// The clean exit, in this order: the listening socket closed; SIGCHLD blocked (from here on
// this process waits for its children itself, the handler must not take them first); every
// client child sent SIGTERM and waited for; the write end closed, so that the logger's read
// returns 0 once the pipe is empty; the logger waited for; then `bye`. Returns 0, or -1 after
// one line on stderr.
// C: `sigprocmask(SIG_BLOCK, &chld, NULL); kill(pid, SIGTERM); waitpid(pid, NULL, 0);`
static int shut_down(int listener, const pid_t *clients, size_t nclients, int write_end,
                     pid_t logger)
{
    // TODO the steps above; waitpid on a child the handler reaped already fails with ECHILD:
    //      that child is gone, go on; EINTR: wait again. Print `bye` with write(STDOUT_FILENO,
    //      "bye\n", 4) (write_all), or printf + fflush.
    TODO("stop the clients, close the write end, wait for the logger, print bye");
}

// The logger: copies the pipe to the file until EOF (read returns 0), then returns 0. Ctrl-C
// reaches it too: ignore SIGINT and SIGTERM first, so that it ends only at EOF, with
// everything written.
// C: `signal(SIGINT, SIG_IGN);
//     while ((n = read(read_end, buf, sizeof buf)) > 0) write(file, buf, n);`
// (the notes' signal(); here install(SIGINT, SIG_IGN, 0))
static int log_lines(int read_end, int file)
{
    // TODO ignore SIGINT and SIGTERM; then for (;;) { read the pipe; 0: return 0; write what
    //      came to the file (all of it: write_all); EINTR: again; another error: return 1 }.
    TODO("copy the pipe into the file until EOF");
}

// In a client's child: echoes every byte back, and writes every complete line into the pipe,
// one write per line. Returns the exit status (0 at the client's EOF).
// C: `n = read(conn, buf, sizeof buf); send(conn, buf, n, MSG_NOSIGNAL);
//     write(write_end, line, len);`
static int serve_client(int conn, int write_end)
{
    // TODO 1. The parent's handlers and mask are inherited: give SIGTERM, SIGINT and SIGCHLD
    //         back their default action (install(sig, SIG_DFL, 0)) and unblock SIGTERM and
    //         SIGINT (sigprocmask(SIG_UNBLOCK, &stop, NULL)), so that the parent's SIGTERM
    //         ends this child.
    TODO("step 1: the child's signals");
    // TODO 2. for (;;) { read (0: return 0 — what is left after the last `\n` is not a line;
    //         EINTR: again); send_all the bytes back; append them to a line buffer (grown with
    //         realloc); for each complete line in it, one write_all into write_end (at most 512
    //         bytes: PIPE_BUF makes it atomic); then memmove the rest to the front }
    TODO("step 2: echo, and log each complete line");
}

// Writes all `len` bytes at `data`. Returns 0, or -1 with errno.
// C: `n = write(fd, p, len);` — a pipe takes a write of at most PIPE_BUF bytes whole (or
// waits); a file may take less.
static int write_all(int fd, const void *data, size_t len)
{
    // TODO loop until everything is written; retry on EINTR.
    TODO("write everything");
}

// Sends all `len` bytes at `data` with MSG_NOSIGNAL (as in day2-echo). Returns 0, or -1 with
// errno.
// C: `n = send(fd, p, len, MSG_NOSIGNAL);`
static int send_all(int fd, const void *data, size_t len)
{
    // TODO loop until everything is sent; retry on EINTR.
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
