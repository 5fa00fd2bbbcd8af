// Day 8 — day8-device (C track; an example: replace it with the exercise).
//
// Read course.md#day8-device (한국어: course.ko.md#day8-device), then replace the `TODO(...)`s below.
// Grade yourself with `cargo run -p checker -- --track c day8-device` (from the lab's root).
//
// Contract: `sensor-device <port>` prints `listening on <ip>:<port>`, then sends `hello\n` to
// each client and closes.
//
// Each `// TODO n.` quotes the C call of the notes for one step; the `TODO("...")` under it
// stops the program there (exit status 101, which the checker reports as "not started"):
// replace it with that step's code.

// -std=c17 hides the POSIX and Linux calls unless this comes before the first #include.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../common/lab.h"

// Keeps the compiler quiet while the stub is unfinished; remove these lines when you are done.
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wunused-variable"

static int serve(int port);

int main(int argc, char **argv)
{
    char *end = NULL;
    long port = argc == 2 ? strtol(argv[1], &end, 10) : -1;
    if (port < 0 || port > 65535 || end == argv[1] || *end != '\0') {
        fprintf(stderr, "sensor-device: usage: sensor-device <port>\n");
        return 1;
    }
    return serve((int)port) == 0 ? 0 : 1;
}

static int serve(int port)
{
    // TODO 1. the socket calls, each quoted with its C form.
    TODO("step 1: socket, bind, listen, accept");
    return -1;
}
