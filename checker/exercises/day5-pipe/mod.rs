//! Hidden tests of day5-pipe, a logging echo server: a child per client echoes and writes every
//! complete line into a pipe, and a logger child appends what comes out of the pipe to a file.
//! Observed from outside: the echo on the wire, the file once the server has ended (a logger may
//! keep what it read in a buffer until EOF, so the file is read only after the clean exit), the
//! pipe's ends in /proc/<pid>/fd (`pipe:[inode]` links and their access modes), the process
//! tree, and the exit on SIGTERM or SIGINT (`shutdown`). The logger is the child the server has
//! once it listens, before any client. Lines: `log`; processes: `processes`.

mod log;
mod processes;
mod shutdown;

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use log::{echo_and_log, full_pipe, keeps_old_lines, lines_in_pieces, many_clients};
use processes::{child_per_client, no_zombies, pipe_ends};
use shutdown::{sigint_exit, sigterm_exit};

use crate::base::escape;
use crate::base::i18n::msg;
use crate::base::verdict::{Failure, TestResult};
use crate::contain::procinfo;
use crate::context::Ctx;
use crate::exercises::families::graceful_exit::GRACEFUL_EXIT;
use crate::exercises::kit;
use crate::exercises::kit::c_imports;
use crate::exercises::kit::rules::RULES;
use crate::exercises::kit::wait;
use crate::lab::exercise::{Exercise, ExerciseKind, TestCase, secs};
use crate::lab::family::{Takes, Tweak};
use crate::observe::wire::{Conn, Server};
use crate::table::track::{CTrack, ImportKind, ImportRule};

const SERVER: &str = "store-server";

pub static EXERCISE: Exercise = Exercise {
    name: "day5-pipe",
    day: 5,
    title: "a logging echo server: a child per client, a logger child fed through a pipe",
    section: "day5-pipe",
    kind: ExerciseKind::Programs {
        binaries: &[SERVER],
    },
    student_files: &["src/bin/store-server.rs"],
    // The graceful exit is shared (graceful_exit/); its scenario here: the logger
    // stopped while lines wait in the pipe (shutdown.rs). Then the tests of its own.
    families: &[Takes::family(&GRACEFUL_EXIT, SERVER)
        .after_own()
        .tweaks(&[
            Tweak::of("sigterm-exit")
                .points(3)
                .title("SIGTERM while the logger is behind: `bye` only once the logger has ended, status 0 within 2 s, the file complete, no process left")
                .hint("On SIGTERM: stop accepting, kill(child, SIGTERM) each client child and wait for it, close the write end of the pipe, wait for the logger (it ends at EOF, once every write end is closed), then print `bye` and exit 0.")
                .section("logger-process")
                .run(sigterm_exit),
            Tweak::of("sigint-exit")
                .points(2)
                .title("SIGINT to the whole process group, as Ctrl-C sends it: the same clean exit, and the logger does not die of it")
                .hint("Ctrl-C sends SIGINT to every process of the foreground group: the logger ignores SIGINT (and SIGTERM) and ends only at EOF; the client children may die of it; the parent shuts down as on SIGTERM.")
                .section("logger-process")
                .run(sigint_exit),
        ])],
    tests: &[
        TestCase {
            id: "echo-and-log",
            title: "two clients get their echoes, and after SIGTERM the file holds exactly their lines",
            points: 2,
            timeout: secs(15),
            hint: "Each client's child echoes every byte and writes each complete line into the pipe; the logger appends what it reads from the pipe to the file.",
            hint_c: None,
            section: "day5-pipe",
            program: Some(SERVER),
            run: echo_and_log,
        },
        TestCase {
            id: "many-clients",
            title: "24 clients at once send 40 lines each while the pipe is full, 64 more connected and silent: every echo comes, and the file holds every line, whole, once",
            points: 3,
            timeout: secs(20),
            hint: "One write() per complete line, of at most PIPE_BUF bytes, is atomic: no other child's bytes can come into its middle. A write per read, or several lines in one write, is not.",
            hint_c: None,
            section: "pipe-buf",
            program: Some(SERVER),
            run: many_clients,
        },
        TestCase {
            id: "full-pipe",
            title: "8 times a child is stopped while it waits to write its lines into the full pipe, and another child writes a line: it never lands inside one of the first child's lines",
            points: 2,
            timeout: secs(15),
            hint: "Write each line into the pipe with a write() of its own: at most PIPE_BUF (4096) bytes, so it goes in whole or waits whole. A write of several lines at once may be cut where the pipe is full, and another child's line lands in the cut.",
            hint_c: None,
            section: "pipe-buf",
            program: Some(SERVER),
            run: full_pipe,
        },
        TestCase {
            id: "lines-in-pieces",
            title: "a line that arrives in pieces, with another client's line between them, is logged whole; an unfinished line at EOF is not logged",
            points: 2,
            timeout: secs(15),
            hint: "Keep the bytes of the line being received in the child's own buffer; write it into the pipe only once its `\\n` has come; what is left at EOF is not a line.",
            hint_c: None,
            section: "pipe-buf",
            program: Some(SERVER),
            run: lines_in_pieces,
        },
        TestCase {
            id: "keeps-old-lines",
            title: "a file that already exists keeps its lines: the new ones come after them",
            points: 1,
            timeout: secs(15),
            hint: "Open the file with O_CREAT | O_WRONLY | O_APPEND and mode 0o644: never O_TRUNC, and O_APPEND so that every write goes to the end.",
            hint_c: None,
            section: "file-io",
            program: Some(SERVER),
            run: keeps_old_lines,
        },
        TestCase {
            id: "pipe-ends",
            title: "the logger is a child holding the pipe's read end and not its write end; the server holds the write end and not the read end (/proc/<pid>/fd)",
            points: 2,
            timeout: secs(15),
            hint: "After fork, each process closes the end it does not use: the logger drops the write end (or it never sees EOF), the parent drops the read end.",
            hint_c: Some("After fork, each process close()s the end it does not use: the logger the write end (or it never sees EOF), the parent the read end."),
            section: "pipes",
            program: Some(SERVER),
            run: pipe_ends,
        },
        TestCase {
            id: "child-per-client",
            title: "one child per connected client besides the logger, and no child holds the listening socket",
            points: 1,
            timeout: secs(15),
            hint: "fork() a child per accepted client; in the child, close (drop) the listening socket first, as in day3-fork.",
            hint_c: Some("fork() a child per accepted client; in the child, close() the listening socket first, as in day3-fork."),
            section: "concurrent-servers",
            program: Some(SERVER),
            run: child_per_client,
        },
        TestCase {
            id: "no-zombies",
            title: "30 clients leave at the same instant, three times: no zombie remains, the logger lives on",
            points: 2,
            timeout: secs(20),
            hint: "Signals do not queue: one SIGCHLD may stand for many children. Loop on waitpid(-1, WNOHANG) until it has nothing more to reap.",
            hint_c: None,
            section: "sigchld",
            program: Some(SERVER),
            run: no_zombies,
        },
    ],
    parts: &[],
    rules: &RULES,
    c: Some(&C_TRACK),
};

/// The exercise on the C track: its files, and its rules as what the binary may import.
static C_TRACK: CTrack = CTrack {
    student_files: &["store-server.c"],
    library: None,
    shim: &[],
    imports: &[
        c_imports::NO_RESOLVER,
        c_imports::NO_THREADS,
        c_imports::FORKS,
        ImportRule {
            kind: ImportKind::Required,
            functions: &["pipe", "pipe2"],
            reason: "the logger is fed through a pipe made with pipe()",
        },
    ],
};

/// The file the server logs to: in the test's own directory, with what it held before.
pub struct Store {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
    /// Its content before the server started.
    pub old: Vec<u8>,
}

impl Store {
    /// A file that does not exist yet (`old` empty), or that holds `old`.
    fn new(ctx: &Ctx, old: &[u8]) -> Result<Store, Failure> {
        let dir = ctx.scratch("store-")?;
        let path = dir.path().join("store.log");
        if !old.is_empty() {
            std::fs::write(&path, old)?;
        }
        Ok(Store {
            _dir: dir,
            path,
            old: old.to_vec(),
        })
    }

    fn contents(&self) -> Vec<u8> {
        std::fs::read(&self.path).unwrap_or_default()
    }
}

/// The server under test and its logger.
pub struct Running {
    pub s: Server,
    pub logger: i32,
}

impl Running {
    /// Whether the logger still runs: neither gone nor a zombie.
    pub fn logger_runs(&self) -> bool {
        procinfo::state(self.logger).is_some_and(|st| st != 'Z')
    }

    /// `f`, told by its cause where the logger has ended while the server runs: it read a fixed
    /// number of times (the notes' echo_storeserv reads ten), or stopped on an error. Then the
    /// pipe has no reader, a child's next write into it raises SIGPIPE, which kills the child,
    /// and its client loses its echo: the ended logger is what to fix, whatever failed first.
    pub fn explain(&self, f: Failure) -> Failure {
        if self.logger_runs() || self.s.program.pid() <= 0 {
            return f;
        }
        let mut f = f;
        f.kind = None;
        f.diagnosis = None;
        // No pid: the same cause reads the same in every test it fails (told once).
        f.note(msg!("pipe-logger-ended"))
    }
}

/// Start `store-server <port> <file>`, and find its logger: the child it has once it listens,
/// waiting for lines.
fn start(ctx: &Ctx, store: &Store) -> Result<Running, Failure> {
    let s = kit::server::start(ctx, SERVER, 0, &[store.path.to_string_lossy().into_owned()])?;
    let pid = s.program.pid();
    wait::until(Duration::from_secs(1), || {
        !procinfo::children(pid).is_empty()
    });
    let children = procinfo::children(pid);
    match children.as_slice() {
        [logger] => {
            // Ready once the logger waits for lines too, and nothing of the tree changes any
            // more: by then it has closed what it closes.
            wait::settled(Duration::from_secs(2), || procinfo::tree(pid));
            Ok(Running { s, logger: *logger })
        }
        [] => Err(Failure::wrong(msg!("pipe-no-logger"))),
        _ => Err(Failure::wrong(msg!(
            "pipe-children-before-clients",
            n = children.len()
        ))),
    }
}

/// Lines `client <c> line <k> ...` of random lengths, at most `max` bytes each, `\n` included.
fn lines_for(rng: &mut fastrand::Rng, client: usize, n: usize, max: usize) -> Vec<Vec<u8>> {
    (0..n)
        .map(|k| {
            let mut line = format!("client {client} line {k} ").into_bytes();
            let len = rng.usize(line.len() + 1..=max);
            while line.len() + 1 < len {
                line.push(if rng.u8(..8) == 0 {
                    b' '
                } else {
                    rng.alphanumeric() as u8
                });
            }
            line.push(b'\n');
            line
        })
        .collect()
}

/// Send `data` and expect it back, byte for byte.
fn echo_back(c: &mut Conn, data: &[u8], deadline: Instant) -> TestResult {
    c.send(data, deadline)?;
    c.expect_bytes(data, deadline)
}

/// The file, once the server has ended: what it held before, then exactly the lines sent (in
/// any order), each whole.
fn check_file(store: &Store, sent: &[Vec<u8>]) -> TestResult {
    let content = store.contents();
    if !content.starts_with(&store.old) {
        return Err(Failure::wrong(msg!("pipe-old-lines-gone"))
            .detail(msg!("pipe-it-began-with"), escape::quoted(&store.old, 120))
            .detail(msg!("pipe-it-begins-with"), escape::quoted(&content, 120))
            .note(msg!("pipe-open-append")));
    }
    let new = &content[store.old.len()..];
    // What follows the last `\n`, if anything: not a line.
    let complete = new.len() - new.iter().rev().take_while(|&&b| b != b'\n').count();
    let (lines, tail) = new.split_at(complete);
    let mut count: HashMap<&[u8], i64> = HashMap::new();
    for line in sent {
        *count.entry(line).or_default() += 1;
    }
    for line in lines.split_inclusive(|&b| b == b'\n') {
        *count.entry(line).or_default() -= 1;
    }
    let extra: Vec<&[u8]> = count
        .iter()
        .filter(|&(_, &n)| n < 0)
        .map(|(l, _)| *l)
        .collect();
    let missing: Vec<&[u8]> = count
        .iter()
        .filter(|&(_, &n)| n > 0)
        .map(|(l, _)| *l)
        .collect();
    if let Some(first) = extra.first() {
        return Err(Failure::wrong(msg!("pipe-extra-lines", n = extra.len()))
            .detail(msg!("pipe-for-example"), escape::quoted(first, 120))
            .detail(
                msg!("pipe-missing"),
                msg!(
                    "pipe-missing-of",
                    missing = missing.len().to_string(),
                    total = sent.len().to_string()
                ),
            )
            .note(msg!("pipe-one-write-per-line")));
    }
    if !tail.is_empty() {
        return Err(Failure::wrong(msg!("pipe-ends-mid-line"))
            .detail(msg!("pipe-its-last-bytes"), escape::quoted(tail, 60))
            .note(msg!("pipe-only-complete-lines")));
    }
    if let Some(first) = missing.first() {
        return Err(Failure::wrong(msg!(
            "pipe-lines-missing",
            missing = missing.len().to_string(),
            total = sent.len().to_string()
        ))
        .detail(msg!("pipe-for-example"), escape::quoted(first, 120))
        .note(msg!("pipe-logger-writes-everything")));
    }
    Ok(())
}
