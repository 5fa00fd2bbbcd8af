// Day 1 — file descriptors (C track): writing everything, whatever happens on the way.
//
// Read course.md#sockets-are-file-descriptors (한국어: course.ko.md#sockets-are-file-descriptors),
// course.md#file-io (한국어: course.ko.md#file-io), course.md#vectored-io
// (한국어: course.ko.md#vectored-io) and course.md#day1-fileio (한국어: course.ko.md#day1-fileio),
// then replace every `TODO(...)` below (and the ones in copy.c) with code; fileio.h says what
// each function does. Grade yourself with `cargo run -p checker -- --track c day1-fileio`
// (from the lab's root): the checker builds this file into a library and calls your functions
// on a slow pipe while a timer interrupts them, as the Rust track's tests call its; a
// `TODO(...)` it reaches is reported as "not started".
//
// Rules (the checker's `rules` test reads the functions your compiled code imports): write with
// write and writev; no stdio streams (fopen, fdopen, fread, getc, ...), and no sendfile,
// splice or copy_file_range, which would run the loop the lesson is about.
//
// Each `// TODO n.` quotes the C call of the notes for one step; the `TODO("...")` under it
// stops there: replace it with that step's code.

// -std=c17 hides the POSIX and Linux names (IOV_MAX) unless this comes before the first #include.
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <unistd.h>

#include "fileio.h"
#include "../common/lab.h"

// Keeps the compiler quiet about unused parameters while the stubs are unfinished; remove this
// line when you are done.
#pragma GCC diagnostic ignored "-Wunused-parameter"

int lab_write_all(int fd, const void *buf, size_t len)
{
    // TODO 1. Loop while bytes are left, one write per turn, from a pointer you can move on
    //         (a void * cannot be stepped): `const char *p = buf;` then
    //         ssize_t n = write(fd, p, len);
    TODO("lab_write_all: step 1: write");
    // TODO 2. n >= 0: n bytes were written, maybe fewer than len (a short count): `p += n;
    //         len -= (size_t)n;` and write the rest. -1 with errno == EINTR: a signal came
    //         before anything was written: call write again. -1 with any other errno: return -1
    //         (errno as write left it). Once len is 0: return 0.
    TODO("lab_write_all: step 2: short counts and EINTR");
}

int lab_write_vectored_all(int fd, const struct iovec *iov, int iovcnt)
{
    // TODO 1. Keep two numbers: the first buffer not yet fully written and how much of it was
    //         (`int first = 0; size_t offset = 0;`). Step over the buffers that are done (the
    //         empty ones too); once first == iovcnt, return 0.
    TODO("lab_write_vectored_all: step 1: the first buffer left");
    // TODO 2. One writev of what is left: the rest of that buffer, then the buffers after it,
    //         in an array of your own (iov is the caller's: do not change it), at most IOV_MAX:
    //           struct iovec part[IOV_MAX];   part[0] = iov[first], moved on by offset:
    //           part[0].iov_base = (char *)iov[first].iov_base + offset;   (and its iov_len)
    //           ssize_t n = writev(fd, part, count);
    TODO("lab_write_vectored_all: step 2: writev");
    // TODO 3. n counts bytes over all the buffers: skip the ones it finished and set offset
    //         inside the one it stopped in, then go back to step 1 (never from the first buffer
    //         again). -1 with errno == EINTR: again; any other -1: return -1.
    TODO("lab_write_vectored_all: step 3: short counts and EINTR");
}
