// Day 1 — copy, with open, read and your lab_write_all (C track).
//
// Read course.md#file-io (한국어: course.ko.md#file-io) and course.md#day1-fileio
// (한국어: course.ko.md#day1-fileio), then replace the `TODO(...)`s below, and those of fileio.c,
// whose lab_write_all this program writes with. Grade yourself with
// `cargo run -p checker -- --track c day1-fileio` (from the lab's root); try it by hand with
// `make && ./copy Makefile /tmp/copy`, `printf 'abc' | ./copy - -` and
// `./copy Makefile /dev/full` (copy: /dev/full: No space left on device).
//
// Contract: `copy [--append] <src> <dst>` copies src to dst. `-` as src is fd 0 (stdin), `-`
// as dst is fd 1 (stdout). A new dst is created with mode 0644 (the umask is taken off it); an
// existing dst is truncated, unless `--append` is given: then the copy is added at its end.
// Errors (a missing source, a destination that cannot be written, a full device such as
// /dev/full): `copy: <path>: <reason from errno>` on stderr, exit status 1.
// Rules (the checker's `rules` test reads the functions your compiled code imports): open, read
// and write the descriptors yourself; no stdio streams (fopen, fdopen, fread, getc, ...), and
// no sendfile, splice or copy_file_range.
//
// Each `// TODO n.` quotes the C call of the notes for one step; the `TODO("...")` under it
// stops the program there (exit status 101, which the checker reports as "not started"):
// replace it with that step's code.

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

// Keeps the compiler quiet while the stub is unfinished (functions not called yet, parameters
// not used yet); remove these lines when you are done.
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wunused-parameter"

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

// Given: the error line of a call about path that failed, `copy: <path>: <errno's text>`
// (`notes.txt: No such file or directory`); returns -1. Call it at once, before anything else
// changes errno: `if (in < 0) return failed(src);`
static int failed(const char *path)
{
    fprintf(stderr, "copy: %s: %s\n", path, strerror(errno));
    return -1;
}

// Copies src to dst. Returns 0; on an error, its line on stderr (failed) and -1.
static int copy(const char *src, const char *dst, bool append)
{
    // TODO 1. int in = open(src, O_RDONLY);   for "-", fd 0 (STDIN_FILENO) instead. The source
    //         first: a mistyped source then never truncates the destination.
    TODO("step 1: open the source");
    // TODO 2. int out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0644);   O_APPEND instead of
    //         O_TRUNC with --append; for "-", fd 1 (STDOUT_FILENO). The kernel takes the umask
    //         off 0644; the mode is used only when the file is created.
    TODO("step 2: open the destination");
    // TODO 3. Read into a buffer until read returns 0 (the end of the file), again on EINTR:
    //           char buf[64 * 1024];   ssize_t n = read(in, buf, sizeof buf);
    //         and write the n bytes each read returned with your lab_write_all(out, buf, n)
    //         (a short read is not the end: only 0 is).
    TODO("step 3: read until 0, write each piece with lab_write_all");
    // TODO 4. close(out) and report its error: a failed write can first show up there.
    TODO("step 4: close the destination");
}
