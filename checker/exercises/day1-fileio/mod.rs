//! Hidden tests of day1-fileio. `write_all` and `write_vectored_all` are called by the harness
//! with the write end of a pipe whose reader is slow, while a timer interrupts the writer with a
//! signal whose handler was installed without SA_RESTART: short writes and EINTR really happen,
//! and the harness counts them (it wraps write(2) and writev(2)). What the reader received is
//! compared byte for byte with what was asked. `copy` is run on seeded random files made with
//! tempfile, and on each error case of its contract.

use crate::context::Ctx;
use crate::exercises::kit::rules::RULES;
use crate::lab::exercise::{Exercise, ExerciseKind, TestCase, secs};
use crate::table::track::c_shim;
use crate::table::track::{CTrack, ImportKind, ImportRule};

mod copy;
mod write;
use copy::{copy_append, copy_errors, copy_files, copy_mode, copy_stdio, copy_truncate};
use write::{write_all, write_vectored_all};

const COPY: &str = "copy";

pub static EXERCISE: Exercise = Exercise {
    name: "day1-fileio",
    day: 1,
    title: "file descriptors: write_all, write_vectored_all and a copy program",
    section: "day1-fileio",
    kind: ExerciseKind::Library {
        calls: CALLS,
        harness_deps: r#"nix = { version = "0.31", features = ["net", "process", "signal", "resource", "poll", "event", "fs", "uio"] }"#,
        binaries: &[COPY],
    },
    student_files: &["src/lib.rs", "src/bin/copy.rs"],
    families: &[],
    tests: &[
        TestCase {
            id: "write-all",
            title: "write_all into a slow pipe, interrupted by a timer: every byte once, in order",
            points: 3,
            timeout: secs(30),
            hint: "Loop until every byte is written: after a short count n continue with &buf[n..]; on Err(EINTR) call write() again; return any other error.",
            hint_c: Some(
                "Loop until every byte is written: after a short count n, go on from `(const char *)buf + n` with len - n; when write() returns -1 with errno EINTR, call it again; on any other error return -1.",
            ),
            section: "file-io",
            program: None,
            run: write_all,
        },
        TestCase {
            id: "write-vectored-all",
            title: "write_vectored_all into a slow pipe, interrupted: one writev per attempt, resumed at the exact byte",
            points: 3,
            timeout: secs(30),
            hint: "writev's count covers all the buffers: skip the ones it finished, start the next writev inside the one it stopped in, never from the first buffer again; retry on EINTR.",
            hint_c: None,
            section: "vectored-io",
            program: None,
            run: write_vectored_all,
        },
        TestCase {
            id: "copy-files",
            title: "copy: files of 0 B to 8 MiB of random bytes, byte for byte",
            points: 2,
            timeout: secs(60),
            hint: "Read until read() returns 0 and write exactly the n bytes each read returned (with write_all); a short read is not the end of the file.",
            hint_c: Some(
                "Read until read() returns 0 and write exactly the n bytes each read returned (with lab_write_all); a short read is not the end of the file.",
            ),
            section: "day1-fileio",
            program: Some(COPY),
            run: copy_files,
        },
        TestCase {
            id: "copy-truncate",
            title: "copy over a longer existing file leaves exactly the new content",
            points: 1,
            timeout: secs(60),
            hint: "Open the destination with O_WRONLY | O_CREAT | O_TRUNC: without O_TRUNC the old bytes past the new end stay.",
            hint_c: None,
            section: "file-io",
            program: Some(COPY),
            run: copy_truncate,
        },
        TestCase {
            id: "copy-append",
            title: "copy --append adds to the end of an existing file, and creates a missing one",
            points: 1,
            timeout: secs(60),
            hint: "With --append open with O_WRONLY | O_CREAT | O_APPEND (not O_TRUNC): every write goes to the end, and a missing file is created.",
            hint_c: None,
            section: "file-io",
            program: Some(COPY),
            run: copy_append,
        },
        TestCase {
            id: "copy-mode",
            title: "a new destination gets mode 0644 less the umask; an existing one keeps its mode",
            points: 1,
            timeout: secs(60),
            hint: "Pass Mode::from_bits_truncate(0o644) to open() with O_CREAT and let the kernel take the umask off; never chmod afterwards.",
            hint_c: Some(
                "Pass 0644 as open()'s third argument with O_CREAT and let the kernel take the umask off; never chmod afterwards.",
            ),
            section: "file-io",
            program: Some(COPY),
            run: copy_mode,
        },
        TestCase {
            id: "copy-stdio",
            title: "`-` as source reads fd 0, `-` as destination writes fd 1",
            points: 1,
            timeout: secs(60),
            hint: "For `-` use std::io::stdin().as_fd() or std::io::stdout().as_fd() instead of opening a file; on a pipe a read may return less than the buffer long before the end.",
            hint_c: Some(
                "For `-` use fd 0 (STDIN_FILENO) or fd 1 (STDOUT_FILENO) instead of opening a file; on a pipe a read may return less than the buffer long before the end.",
            ),
            section: "sockets-are-file-descriptors",
            program: Some(COPY),
            run: copy_stdio,
        },
        TestCase {
            id: "copy-errors",
            title: "each error prints `copy: <path>: <reason>` on stderr and exits with status 1",
            points: 2,
            timeout: secs(60),
            hint: "Check every call's result; on an error print `copy: <path>: <errno's text>` (Errno::desc()) and exit 1: the path is the one the failing call was about.",
            hint_c: Some(
                "Check every call's result; on an error print `copy: <path>: <errno's text>` (strerror(errno), at once, before another call changes errno) and exit 1: the path is the one the failing call was about.",
            ),
            section: "day1-fileio",
            program: Some(COPY),
            run: copy_errors,
        },
    ],
    parts: &[],
    rules: &RULES,
    c: Some(&C_TRACK),
};

/// The exercise on the C track: its two files, `fileio.c` built into the archive its harness
/// links through a shim with this exercise's Rust API (its folder's c-shim/), and linked into
/// `copy` with `copy.c`; its rules as what they may import, in the spirit of clippy.toml's: the
/// descriptors are read and written with read, write and writev, never through stdio's streams
/// or a call that copies for them. (stdio's writing functions stay allowed: the compiler makes
/// `fprintf(stderr, "...\n")` an fwrite.)
static C_TRACK: CTrack = CTrack {
    student_files: &["fileio.c", "copy.c"],
    library: Some("fileio"),
    shim: c_shim!("day1-fileio"),
    imports: &[
        ImportRule {
            kind: ImportKind::Forbidden,
            functions: &[
                "fopen",
                "fdopen",
                "freopen",
                "fread",
                "fgetc",
                "getc",
                "getchar",
                "fgets",
                "getline",
                "getdelim",
                "sendfile",
                "splice",
                "copy_file_range",
            ],
            reason: "open, read and write the descriptors yourself (open, read, write, writev): stdio's streams and the kernel's copy calls would run the loop the lesson is about",
        },
        // No required call: write and writev belong to two functions graded apart, and one
        // done before the other would void the exercise's points; the tests already ask for
        // writev (write-vectored-all fails without it).
    ],
};

/// The exercise's half of the harness (see compile/harness.rs): decode, call, encode.
const CALLS: &str = include_str!("harness-calls.rs");

/// Random bytes, of a random length in `range`.
fn random_sized(ctx: &mut Ctx, range: std::ops::Range<usize>) -> Vec<u8> {
    let n = ctx.rng.usize(range);
    ctx.random_bytes(n)
}
