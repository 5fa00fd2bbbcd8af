// Day 1 — file descriptors (C track): write everything, whatever the kernel does on the way.
// Read course.md#file-io (한국어: course.ko.md#file-io) and course.md#vectored-io
// (한국어: course.ko.md#vectored-io), then course.md#day1-fileio
// (한국어: course.ko.md#day1-fileio).
//
// The checker calls these two functions with the write end of a pipe that is read slowly while
// a timer keeps interrupting them, so short counts and EINTR really happen, and compares what
// arrives with what was asked, byte for byte. copy.c writes with lab_write_all.
#ifndef LAB_FILEIO_H
#define LAB_FILEIO_H

#include <stddef.h>
#include <sys/uio.h>

// Writes all len bytes of buf to fd. C: ssize_t write(int fd, const void *buf, size_t count);
// may write fewer bytes than asked (a short count): the rest is still yours to write; or fail
// with EINTR when a signal came before it wrote anything: call it again. Returns 0 once every
// byte is written, or -1 with errno as the failing write left it (EPIPE, ENOSPC, ...).
// (course.md#file-io, 한국어: course.ko.md#file-io)
int lab_write_all(int fd, const void *buf, size_t len);

// Writes the iovcnt buffers of iov in order, as if they were one, with one writev per attempt
// (no write). C: ssize_t writev(int fd, const struct iovec *iov, int iovcnt); its count is
// over all the buffers together and can be short, like write's: continue from the exact byte
// where it stopped. Empty buffers and iovcnt 0 are fine; iov itself is not changed. Returns 0,
// or -1 with errno, as lab_write_all does. (course.md#vectored-io,
// 한국어: course.ko.md#vectored-io)
int lab_write_vectored_all(int fd, const struct iovec *iov, int iovcnt);

#endif
