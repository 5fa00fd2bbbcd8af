// Day 3 — the concurrent echo server: a process per client.
//
// Read course.md#processes (한국어: course.ko.md#processes), course.md#zombies (한국어: course.ko.md#zombies), course.md#wait (한국어: course.ko.md#wait), course.md#concurrent-servers (한국어: course.ko.md#concurrent-servers),
// course.md#sigchld (한국어: course.ko.md#sigchld) and course.md#day3-fork (한국어: course.ko.md#day3-fork), then replace the `TODO(...)`s below.
// Grade yourself with `cargo run -p checker -- --track c day3-fork` (from the lab's root); try it
// by hand with `make && ./fork-server 7000` and, in two other terminals at once,
// `(printf 'a\n'; sleep 5) | nc -N 127.0.0.1 7000`, then `ps -o pid,ppid,stat,cmd -C fork-server`.
//
// Contract: `fork-server <port>` prints `listening on <ip>:<port>` (the real port, from
// getsockname) and flushes stdout, then for each client fork()s a child. The parent closes the
// connected socket and goes back to accept(); the child closes the listening socket, echoes
// until the client's EOF, and exits. The parent reaps every child when SIGCHLD arrives, looping
// on waitpid(-1, WNOHANG) — in the handler (the way below), or in the main loop woken by the
// signal (a flag and EINTR, a self-pipe, a signalfd) — and keeps accepting when accept is
// interrupted (EINTR, or SA_RESTART).
// Rules (the checker's `rules` test reads the functions your compiled program imports): a child
// process per client: fork is required, pthread_create forbidden; no getaddrinfo or
// gethostbyname (the sockaddr_in is built by hand).
//
// Each `// TODO n.` quotes the C call of the notes for one step; the `TODO("...")` under it
// stops the program there (exit status 101, which the checker reports as "not started"):
// replace it with that step's code.

// -std=c17 hides the POSIX and Linux calls (sigaction, ...) unless this comes before the first
// #include.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
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

static long parse_number(const char *s, long max);
static int serve(int port);
static int echo(int client);

int main(int argc, char **argv)
{
    long port = argc == 2 ? parse_number(argv[1], 65535) : -1;
    if (port < 0) {
        fprintf(stderr, "fork-server: usage: fork-server <port>   (0 lets the kernel choose)\n");
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

// The SIGCHLD handler. C: `void reap(int sig) { while (waitpid(-1, NULL, WNOHANG) > 0); }`
// waitpid with WNOHANG returns 0 when children remain but none has finished, and -1 with
// ECHILD when there are none.
static void reap_children(int sig)
{
    (void)sig; // one handler for one signal: its number is not needed
    // TODO Reap *every* finished child: signals don't queue, so one SIGCHLD may stand for
    //      several children. Only async-signal-safe calls (waitpid is one; printf is not);
    //      save errno first and restore it last (int saved = errno; ... errno = saved;):
    //      the code the signal interrupted may be about to read it.
    TODO("loop on waitpid(-1, WNOHANG) until nothing is left to reap");
}

// Installs the SIGCHLD handler, listens, then forks a child per client, forever. If a step
// before the loop fails: one line on stderr (`fork-server: <what>: ...`) and return -1.
static int serve(int port)
{
    // TODO 1. struct sigaction sa = { .sa_handler = reap_children,
    //                                 .sa_flags = SA_RESTART | SA_NOCLDSTOP };
    //         sigemptyset(&sa.sa_mask); sigaction(SIGCHLD, &sa, NULL);
    //         (SA_NOCLDSTOP: no SIGCHLD for a child that is only stopped.)
    TODO("step 1: sigaction(SIGCHLD)");
    // TODO 2. The listening socket, as in day2-echo (backlog 128: 50 clients may come at
    //         once); print the line and fflush *before* any fork (a child inherits the stdio
    //         buffer, and what is still in it would come out twice).
    TODO("step 2: the listening socket and its line");
    // TODO 3. for (;;) {
    //           accept (retry on EINTR and ECONNABORTED);
    //           pid_t pid = fork();
    //           child  (pid == 0): close(listener), echo(c), close(c), then
    //                              _exit(status) — never back into the loop; _exit, not exit:
    //                              exit would flush stdio buffers that are the parent's;
    //           parent (pid > 0):  close(c) — else the client never sees EOF, since the
    //                              connection ends only at the last close; loop on;
    //           fork failed (-1):  report it on stderr, close(c), loop on.
    //         }
    TODO("step 3: accept and fork a child per client, forever");
}

// In the child: sends back everything the client sends, until its EOF (as in day2-echo).
// Returns 0 at the client's EOF, or -1 with errno set.
static int echo(int client)
{
    // TODO n = read(client, buf, sizeof buf); then send everything read (a loop: send may be
    //      short; MSG_NOSIGNAL), until read returns 0; retry on EINTR.
    TODO("echo until EOF");
}
