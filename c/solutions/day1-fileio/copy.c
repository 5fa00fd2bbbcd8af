// Day 1 — copy (C track, reference solution).
//
// `copy [--append] <src> <dst>`: copies src to dst with open, read and lab_write_all. `-` as
// src is fd 0 (stdin), `-` as dst is fd 1 (stdout). A new dst is created with mode 0644 (less
// the umask); an existing one is truncated, or appended to with `--append`. An error prints
// `copy: <path>: <reason>` on stderr and exits with status 1.

// -std=c17 hides the POSIX and Linux calls unless this comes before the first #include.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "../common/lab.h"

static int copy(const char *src, const char *dst, bool append);

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "--append") == 0)
        return copy(argv[2], argv[3], true) == 0 ? 0 : 1;
    if (argc == 3)
        return copy(argv[1], argv[2], false) == 0 ? 0 : 1;
    fprintf(stderr, "copy: usage: copy [--append] <src> <dst>\n");
    return 1;
}

// The error line of a call about path that failed: `copy: <path>: <errno's text>`; -1.
static int failed(const char *path)
{
    fprintf(stderr, "copy: %s: %s\n", path, strerror(errno));
    return -1;
}

// Copies src to dst. Returns 0; on an error, its line on stderr and -1 (the process ends then,
// and its descriptors are closed with it).
static int copy(const char *src, const char *dst, bool append)
{
    // The source first: a mistyped source must not truncate the destination.
    int in = STDIN_FILENO;
    if (strcmp(src, "-") != 0) {
        in = open(src, O_RDONLY);
        if (in < 0)
            return failed(src);
    }
    int out = STDOUT_FILENO;
    if (strcmp(dst, "-") != 0) {
        // O_APPEND makes every write go to the end; O_TRUNC empties an existing file. The mode
        // is used only when O_CREAT creates the file; the umask is taken off it.
        out = open(dst, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), 0644);
        if (out < 0)
            return failed(dst);
    }
    char buf[64 * 1024];
    for (;;) {
        ssize_t n = read(in, buf, sizeof buf);
        // End of file: everything has been read.
        if (n == 0)
            break;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return failed(src);
        }
        // A short count is normal (a pipe, a terminal): write what came and read on.
        if (lab_write_all(out, buf, (size_t)n) != 0)
            return failed(dst);
    }
    // close() can report an error that the end of the process would hide (a delayed write
    // error).
    if (out != STDOUT_FILENO && close(out) != 0)
        return failed(dst);
    return 0;
}
