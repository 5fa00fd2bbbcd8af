// Day 1 — file descriptors (C track, reference solution).
//
// lab_write_all and lab_write_vectored_all write every byte, whatever short counts and
// interruptions happen on the way; copy.c copies files with lab_write_all.

// -std=c17 hides the POSIX and Linux names (IOV_MAX) unless this comes before the first #include.
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <unistd.h>

#include "fileio.h"
#include "../common/lab.h"

int lab_write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            // A signal arrived before anything was written: nothing happened, so try again.
            if (errno == EINTR)
                continue;
            return -1;
        }
        // A short count: the kernel took the first n bytes; the rest is still ours to write.
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

int lab_write_vectored_all(int fd, const struct iovec *iov, int iovcnt)
{
    if (iovcnt < 0) {
        errno = EINVAL;
        return -1;
    }
    // Where the next writev starts: buffer first, from byte offset of it.
    int first = 0;
    size_t offset = 0;
    // Linux takes at most IOV_MAX buffers per writev; more would fail with EINVAL.
    struct iovec part[IOV_MAX];
    for (;;) {
        // Step over finished (and empty) buffers.
        while (first < iovcnt && offset == iov[first].iov_len) {
            first++;
            offset = 0;
        }
        if (first == iovcnt)
            return 0;
        // What is left: the rest of buffer first, then the buffers after it.
        int count = iovcnt - first < IOV_MAX ? iovcnt - first : IOV_MAX;
        for (int i = 0; i < count; i++)
            part[i] = iov[first + i];
        part[0].iov_base = (char *)iov[first].iov_base + offset;
        part[0].iov_len -= offset;
        ssize_t n = writev(fd, part, count);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        // n counts bytes over all the buffers: it may end in the middle of one. Consume the
        // buffers it covered, then continue from the exact byte where it stopped.
        size_t left = (size_t)n;
        while (left > 0) {
            size_t rest = iov[first].iov_len - offset;
            if (left < rest) {
                offset += left;
                left = 0;
            } else {
                left -= rest;
                first++;
                offset = 0;
            }
        }
    }
}
