// Day 4 — the fork server with signals.
//
// Read course.md#sigaction (한국어: course.ko.md#sigaction), course.md#async-signal-safety (한국어: course.ko.md#async-signal-safety), course.md#sa-restart (한국어: course.ko.md#sa-restart),
// course.md#sigalrm (한국어: course.ko.md#sigalrm), course.md#clean-exit (한국어: course.ko.md#clean-exit) and course.md#day4-signals (한국어: course.ko.md#day4-signals), then replace the
// `TODO(...)`s below.
// Grade yourself with `cargo run -p checker -- --track c day4-signals` (from the lab's root); try
// it by hand with `make && ./signal-server 7000 3`, then in another terminal
// `kill -USR1 $(pgrep -o signal-server)`, `nc 127.0.0.1 7000` (say nothing: after 3 s you get
// `timeout`) and `kill -TERM $(pgrep -o signal-server)`.
//
// Contract: `signal-server <port> [<idle-seconds>]` (default 5) is day3's fork server, plus:
// - SIGUSR1: prints `served <N> clients` (clients accepted so far) within 0.5 s, also while
//   blocked in accept: the handler only sets a flag and the main loop prints (installed
//   *without* SA_RESTART, so that accept() returns EINTR).
// - SIGINT or SIGTERM: stops accepting, closes the listening socket, sends SIGTERM to its
//   children and reaps them, prints `bye`, exits with status 0 within 1 s; the port is free at
//   once.
// - SIGPIPE: a client that resets while the server writes to it must not kill the server
//   (MSG_NOSIGNAL on send, or a deliberate ignore), and the server keeps serving the others.
// - SIGALRM: a client that sends nothing for idle-seconds gets `timeout\n` and is disconnected
//   (alarm() in its child).
// Rules (the checker's `rules` test reads the functions your compiled program imports): as
// day3-fork: a child process per client (fork required, pthread_create forbidden); handlers
// installed with sigaction: signal(), sysv_signal and bsd_signal are forbidden (what signal()
// does after a handler runs differs between systems); no getaddrinfo or gethostbyname.
//
// Each `// TODO n.` quotes the C call of the notes for one step; the `TODO("...")` under it
// stops the program there (exit status 101, which the checker reports as "not started"):
// replace it with that step's code.

// -std=c17 hides the POSIX and Linux calls (sigaction, kill, ...) unless this comes before the
// first #include.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
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

// Flags the handlers set and the main loop reads. Assigning a volatile sig_atomic_t is
// async-signal-safe; printing is not (printf takes stdout's lock, which the interrupted code
// may hold).
static volatile sig_atomic_t stats_wanted; // SIGUSR1
static volatile sig_atomic_t stop_wanted;  // SIGTERM, SIGINT
static volatile sig_atomic_t idle_expired; // SIGALRM, in a child

static long parse_number(const char *s, long max);
static int serve(int port, unsigned idle);
static int serve_client(int client, unsigned idle);

int main(int argc, char **argv)
{
    // Nothing to do for SIGPIPE (the Rust track restores its default here): a C program starts
    // with the default action, terminate. That is this exercise's lesson: a send to a reset
    // connection kills the process unless it says MSG_NOSIGNAL (or SIGPIPE is ignored on
    // purpose).
    long port = -1, idle = 5;
    if (argc == 2 || argc == 3)
        port = parse_number(argv[1], 65535);
    if (argc == 3 && (idle = parse_number(argv[2], UINT_MAX)) < 0)
        port = -1;
    if (port < 0) {
        fprintf(stderr, "signal-server: usage: signal-server <port> [<idle-seconds>]\n");
        return 1;
    }
    // An expected error (the port is taken, ...): serve printed its one line; status 1.
    return serve((int)port, (unsigned)idle) == 0 ? 0 : 1;
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

// The fork server, with flags set by the signal handlers. Returns 0 after `bye`; if a step
// fails: one line on stderr (`signal-server: <what>: ...`) and -1.
static int serve(int port, unsigned idle)
{
    // TODO 1. Handlers, each installed with
    //           struct sigaction sa = { .sa_handler = on_usr1 };   (sa_flags 0: no SA_RESTART)
    //           sigemptyset(&sa.sa_mask); sigaction(SIGUSR1, &sa, NULL);
    //         SIGUSR1 -> static void on_usr1(int sig) { (void)sig; stats_wanted = 1; }
    //         SIGTERM and SIGINT -> set stop_wanted;
    //         these three WITHOUT SA_RESTART, so that a blocked accept() returns EINTR and the
    //         loop acts at once.
    //         SIGCHLD -> reap every finished child (as in day3-fork), or only set a flag too and
    //         let the main loop reap: then only the loop touches the list of TODO 4, and it
    //         forgets each pid the moment it reaps it (course.md#clean-exit).
    TODO("step 1: the handlers (sigaction)");
    // TODO 2. The listening socket and its line, as in day3-fork.
    TODO("step 2: the listening socket and its line");
    // TODO 3. while (!stop_wanted) {
    //           if (stats_wanted) { stats_wanted = 0; print `served <N> clients` }
    //           accept (EINTR: back to the top, where the flags are looked at;
    //           ECONNABORTED: again); N += 1;
    //           fork: the child closes the listener and _exit(serve_client(c, idle)); the
    //           parent keeps the child's pid in a list (realloc'd as it grows) and closes c.
    //         }
    //         Print with snprintf, then write(STDOUT_FILENO, line, len) in a loop that retries
    //         EINTR: printf + fflush interrupted by the next SIGUSR1 fails with EINTR and may
    //         lose the line (the usr1-while-printing test).
    TODO("step 3: the accept loop, with the flags");
    // TODO 4. The clean exit: close the listening socket, send SIGTERM to the children not yet
    //         reaped (kill(pid, SIGTERM)), reap them all (waitpid(-1, NULL, 0) until ECHILD,
    //         retrying EINTR), print `bye` (write, as above), return 0 (status 0). A reaped pid
    //         may be a stranger's by now: forget it when it is reaped (course.md#clean-exit).
    TODO("step 4: the clean exit");
}

// In the child: echo with an idle timeout. Returns the exit status.
static int serve_client(int client, unsigned idle)
{
    // TODO 1. The child inherits the parent's handlers: give it its own, with sigaction —
    //         SIGTERM and SIGINT back to SIG_DFL (the parent's SIGTERM must end it), SIGUSR1
    //         ignored (SIG_IGN), and SIGALRM -> set idle_expired, without SA_RESTART (the alarm
    //         must interrupt a read from a silent client). Why ignore SIGUSR1:
    //         `kill -USR1 -<pgid>` (and the checker's storm) reaches the children too. With the
    //         default action a child would die of it; with the parent's handler it would only
    //         set a flag nobody in the child reads, and break its reads and sends with EINTR for
    //         nothing (course.md#day4-signals). (If your parent sets SO_RCVTIMEO on the
    //         listening socket, the accepted socket inherits it: clear it here.)
    TODO("step 1: the child's own handlers");
    // TODO 2. alarm(idle); — and again after every successful read.
    TODO("step 2: alarm(idle)");
    // TODO 3. Echo until EOF. When read() fails with EINTR and idle_expired is set: send
    //         "timeout\n" and return; EINTR without it: read again. Send with MSG_NOSIGNAL: a
    //         reset client then gives EPIPE instead of a deadly SIGPIPE.
    TODO("step 3: echo with an idle timeout");
}
