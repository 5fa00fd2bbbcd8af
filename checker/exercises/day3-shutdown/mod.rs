//! Hidden tests of day3-shutdown, the course's half-close file transfer. Files are made by
//! tempfile (empty, 1 byte, 64 KiB and 8 MiB of seeded random bytes). Server tests receive the
//! file byte for byte up to EOF, then answer in pieces and expect the server's line; client
//! tests run `file-client` against a hidden server that sends in pieces with pauses, half-closes
//! and reads the receipt.
//!
//! Designs that pass: an iterative server, a process or a thread per client, or one thread with
//! poll and non-blocking sockets; the stalled reader accepts a server that never blocks in send.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::base::escape;
use crate::base::i18n::msg;
use crate::base::verdict::FailureKind;
use crate::base::verdict::{Failure, TestResult};
use crate::contain::capture::complete_lines;
use crate::contain::procinfo;
use crate::context::Ctx;
use crate::exercises::kit;
use crate::exercises::kit::c_imports;
use crate::exercises::kit::rules::RULES;
use crate::exercises::kit::stalled;
use crate::exercises::kit::{lines, run};
use crate::lab::exercise::{Exercise, ExerciseKind, TestCase, secs};
use crate::observe::wire::differ;
use crate::observe::wire::stall::Feeding;
use crate::observe::wire::{self, Conn, Server, Transcript};
use crate::table::track::CTrack;

mod reset;
use reset::client_reset_mid_file;

const SERVER: &str = "file-server";
const CLIENT: &str = "file-client";

pub static EXERCISE: Exercise = Exercise {
    name: "day3-shutdown",
    day: 3,
    title: "file transfer with a half-close: shutdown(SHUT_WR) and the receipt",
    section: "day3-shutdown",
    kind: ExerciseKind::Programs {
        binaries: &[SERVER, CLIENT],
    },
    student_files: &["src/bin/file-server.rs", "src/bin/file-client.rs"],
    families: &[],
    tests: &[
        TestCase {
            id: "file-bytes",
            title: "the server sends files of 0 B, 1 B, 64 KiB and 8 MiB byte for byte, then EOF",
            points: 2,
            timeout: secs(30),
            hint: "Send every byte of the file (loop over short sends), then shutdown(SHUT_WR): the client's read returns 0 only then.",
            hint_c: None,
            section: "day3-shutdown",
            program: Some(SERVER),
            run: file_bytes,
        },
        TestCase {
            id: "stalled-reader",
            title: "a 24 MiB file while the client stalls its reading and the server is stopped and continued",
            points: 2,
            timeout: secs(25),
            hint: "send() may send fewer bytes than asked (a short write); it did here after SIGSTOP/SIGCONT. Loop until every byte of the file is sent, from where the last call stopped.",
            hint_c: None,
            section: "short-writes",
            program: Some(SERVER),
            run: stalled_reader,
        },
        TestCase {
            id: "reads-after-shutdown",
            title: "after its half-close the server still reads the client's message and prints it",
            points: 3,
            timeout: secs(15),
            hint: "shutdown(SHUT_WR) closes only the sending direction: keep reading until EOF, then print `client says: <message>`. close() would throw the answer away.",
            hint_c: None,
            section: "half-close",
            program: Some(SERVER),
            run: reads_after_shutdown,
        },
        TestCase {
            id: "message-in-pieces",
            title: "a message that arrives in pieces is printed whole",
            points: 1,
            timeout: secs(15),
            hint: "The client's message ends at its EOF, not at the end of one read: keep reading until read() returns 0.",
            hint_c: None,
            section: "no-message-boundaries",
            program: Some(SERVER),
            run: message_in_pieces,
        },
        TestCase {
            id: "three-clients",
            title: "three clients in a row, each served completely",
            points: 1,
            timeout: secs(20),
            hint: "After a client's EOF, print its line, close its socket and accept the next client.",
            hint_c: None,
            section: "day3-shutdown",
            program: Some(SERVER),
            run: three_clients,
        },
        TestCase {
            id: "server-errors",
            title: "file-server started with no arguments, or on a port another socket listens on: one line on stderr, exit 1",
            points: 1,
            timeout: secs(15),
            hint: "Without its arguments the server says how to start it and exits with 1; when bind fails (EADDRINUSE: the port is taken), it says so in one line on stderr and exits with 1, never going on with a port of its own.",
            hint_c: None,
            section: "network-program-contract",
            program: Some(SERVER),
            run: server_errors,
        },
        TestCase {
            id: "client-file-bytes",
            title: "file-client writes files of 0 B, 1 B, 64 KiB and 8 MiB byte for byte",
            points: 2,
            timeout: secs(30),
            hint: "Create the out-file first, then recv until recv returns 0 (the server's FIN), writing every piece.",
            hint_c: None,
            section: "day3-shutdown",
            program: Some(CLIENT),
            run: client_file_bytes,
        },
        TestCase {
            id: "client-receipt",
            title: "file-client answers exactly `received <N> bytes`, then closes",
            points: 2,
            timeout: secs(15),
            hint: "N is the number of bytes received in all, summed over every recv; send the receipt, then close the socket so the server sees EOF.",
            hint_c: None,
            section: "half-close",
            program: Some(CLIENT),
            run: client_receipt,
        },
        TestCase {
            id: "client-waits-for-eof",
            title: "file-client answers only after the server's EOF",
            points: 2,
            timeout: secs(15),
            hint: "One recv is not the whole file: the end is when recv returns 0. Answer only then.",
            hint_c: None,
            section: "eof",
            program: Some(CLIENT),
            run: client_waits_for_eof,
        },
        TestCase {
            id: "client-refused",
            title: "file-client against a closed port: one line on stderr, exit 1",
            points: 1,
            timeout: secs(10),
            hint: "A refused connect is an expected error: check connect's result, print one line on stderr (what failed, and why) and exit with status 1, as every client of the lab does; never a panic.",
            hint_c: Some(
                "connect() fails with ECONNREFUSED when nobody listens: check what it returns, print one line on stderr (with strerror(errno)) and exit with status 1.",
            ),
            section: "network-program-contract",
            program: Some(CLIENT),
            run: client_refused,
        },
        TestCase {
            id: "client-reset-mid-file",
            title: "file-client against a server that resets mid-file: no byte it did not receive, one line on stderr, exit 1",
            points: 1,
            timeout: secs(10),
            hint: "A reset is an expected error: recv fails with ECONNRESET. Write only the bytes a recv returned, and on an error print one line on stderr and exit with status 1; never send the receipt then.",
            hint_c: Some(
                "recv() returns -1 on an error (ECONNRESET here), and -1 is not a length: check for it before writing (`(size_t)-1` asks write for most of memory), print one line on stderr with strerror(errno) and exit with status 1. Never send the receipt on a reset socket: that send's EPIPE comes as SIGPIPE, which kills the client without a word.",
            ),
            section: "network-program-contract",
            program: Some(CLIENT),
            run: client_reset_mid_file,
        },
    ],
    parts: &[],
    rules: &RULES,
    c: Some(&C_TRACK),
};

/// The exercise on the C track: its files, and its rules as what the binary may import.
static C_TRACK: CTrack = CTrack {
    student_files: &["file-server.c", "file-client.c"],
    library: None,
    shim: &[],
    imports: &[c_imports::NO_RESOLVER],
};

/// The sizes every transfer test uses.
const SIZES: [usize; 4] = [0, 1, 64 * 1024, 8 << 20];

/// A temporary file with `content`, removed when the returned guard is dropped.
fn temp_file(ctx: &Ctx, content: &[u8]) -> Result<(tempfile::TempDir, PathBuf), Failure> {
    let dir = ctx.scratch("file-")?;
    let path = dir.path().join("file.bin");
    std::fs::write(&path, content)?;
    Ok((dir, path))
}

fn start(ctx: &Ctx, file: &Path) -> Result<Server, Failure> {
    kit::server::start(ctx, SERVER, 0, &[file.to_string_lossy().into_owned()])
}

/// A connection whose file has been received up to EOF.
struct Fetched {
    conn: Conn,
    /// The server no longer held its end once the file was sent: it close()d instead of
    /// shutting down its sending side.
    closed_by_server: bool,
}

/// Connect, receive the whole file and its EOF, byte for byte.
fn fetch(
    ctx: &Ctx,
    t: &std::sync::Arc<Transcript>,
    s: &Server,
    who: &str,
    content: &[u8],
) -> Result<Fetched, Failure> {
    let mut conn = Conn::connect(t, who, s.port, ctx.within(secs(5)))?;
    conn.expect_bytes(content, ctx.within(secs(15)))?;
    conn.expect_eof(ctx.within(secs(3)), msg!("shut-after-file-complete"))?;
    // A half-closed connection is still open for reading: the server must still hold it.
    let closed_by_server = !procinfo::holds_connection(s.program.pid(), conn.local_port());
    if closed_by_server {
        t.note("checker", msg!("shut-closed-not-half"));
    }
    Ok(Fetched {
        conn,
        closed_by_server,
    })
}

/// Send `message` in `pieces` with pauses, then our own EOF.
fn answer(ctx: &Ctx, c: &mut Conn, message: &[u8], pieces: usize) -> Result<(), Failure> {
    let size = message.len().div_ceil(pieces.max(1)).max(1);
    for (i, piece) in message.chunks(size).enumerate() {
        if i > 0 {
            std::thread::sleep(Duration::from_millis(40));
        }
        c.send(piece, ctx.deadline)?;
    }
    c.shutdown_write();
    Ok(())
}

/// Wait for the server's `client says: <message>` line, the `nth` such line (0-based).
/// A server that is stuck (asleep, nothing moving) will print nothing more: the wait ends then.
fn expect_line(
    ctx: &Ctx,
    t: &Transcript,
    s: &mut Server,
    fetched: &Fetched,
    message: &str,
    nth: usize,
) -> TestResult {
    let wanted = format!("client says: {message}");
    let says = "client says:";
    let waited = lines::wait_nth_watching(&s.program.stdout, says, nth, ctx.within(secs(3)), t);
    let stuck = waited.as_ref().err().cloned();
    let lines = waited
        .ok()
        .flatten()
        .unwrap_or_else(|| lines::with_prefix(&s.program.stdout.bytes(), says));
    if let Some(line) = lines.get(nth) {
        if *line == wanted {
            return Ok(());
        }
        let f = Failure::of_kind(FailureKind::BadOutput, msg!("shut-wrong-line"));
        if wanted.len() > 120 {
            // Quoted, a long line cut short would look like the one expected: say where they part.
            return Err(differ(f, wanted.as_bytes(), line.as_bytes()));
        }
        return Err(f
            .detail(
                msg!("label-expected"),
                escape::quoted(wanted.as_bytes(), 120),
            )
            .detail(msg!("label-got"), escape::quoted(line.as_bytes(), 120)));
    }
    s.check_alive(msg!("shut-after-message"))?;
    let mut f = Failure::wrong(msg!(
        "shut-no-says-line",
        wanted = escape::quoted(wanted.as_bytes(), 80)
    ));
    if fetched.closed_by_server {
        f = f.note(msg!("shut-closed-instead"));
    }
    match stuck {
        Some(stuck) => f = stuck.explains(f),
        // No line when time ran out, the server not seen stuck: on time, not proven.
        None => f = f.only_silence(),
    }
    Err(f.output(escape::excerpt(&s.program.stdout.bytes(), 600)))
}

fn file_bytes(ctx: &mut Ctx) -> TestResult {
    for size in SIZES {
        let t = ctx.transcript();
        let content = ctx.random_bytes(size);
        let (_dir, path) = temp_file(ctx, &content)?;
        let mut s = start(ctx, &path)?;
        let mut f = fetch(ctx, &t, &s, "client", &content)
            .map_err(|f| f.note(msg!("shut-with-file", size = msg!("count-byte", n = size))))?;
        let message = format!("received {size} bytes");
        answer(ctx, &mut f.conn, message.as_bytes(), 1)?;
        expect_line(ctx, &t, &mut s, &f, &message, 0)?;
    }
    Ok(())
}

fn stalled_reader(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let content = ctx.random_bytes(24 << 20);
    let (_dir, path) = temp_file(ctx, &content)?;
    let s = start(ctx, &path)?;
    let mut conn = Conn::connect(&t, "client", s.port, ctx.within(secs(5)))?;
    let deadline = ctx.within(secs(20));
    let leader = (s.program.pid(), Feeding::NotFed);
    let premise = stalled::read_everything(ctx, &t, leader, &mut conn, &content, deadline)?;
    let verdict = conn
        .expect_eof(ctx.within(secs(3)), msg!("shut-after-file"))
        .and_then(|()| answer(ctx, &mut conn, b"received 25165824 bytes", 1));
    premise.judge(verdict)
}

fn reads_after_shutdown(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    // A NUL byte in the middle, as any binary file has: 1000 random bytes hold none about one
    // time in 50, and a server that sends a piece as a C string (strlen) passed then.
    let mut content = ctx.random_bytes(1000);
    content[500] = 0;
    let (_dir, path) = temp_file(ctx, &content)?;
    let mut s = start(ctx, &path)?;
    let mut f = fetch(ctx, &t, &s, "client", &content)?;
    answer(ctx, &mut f.conn, b"received 1000 bytes", 1)?;
    expect_line(ctx, &t, &mut s, &f, "received 1000 bytes", 0).map_err(|e| t.attach(e))
}

fn message_in_pieces(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let content = ctx.random_bytes(5000);
    let (_dir, path) = temp_file(ctx, &content)?;
    let mut s = start(ctx, &path)?;
    let mut f = fetch(ctx, &t, &s, "client", &content)?;
    // Over 2 KiB: a message buffer that starts at 1 KiB (or the notes' BUF_SIZE) must grow.
    let message: String = (1..=60)
        .map(|i| format!("received 5000 bytes, part {i:02} of 60; "))
        .collect::<String>()
        + "thank you";
    answer(ctx, &mut f.conn, message.as_bytes(), 3)?;
    expect_line(ctx, &t, &mut s, &f, &message, 0).map_err(|e| t.attach(e))
}

fn three_clients(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let content = ctx.random_bytes(20_000);
    let (_dir, path) = temp_file(ctx, &content)?;
    let mut s = start(ctx, &path)?;
    for i in 0..3 {
        let mut f = fetch(ctx, &t, &s, &format!("client {}", i + 1), &content)
            .map_err(|f| f.note(msg!("shut-served-before", n = i.to_string())))?;
        let message = format!("received 20000 bytes (client {})", i + 1);
        // The second ends its message with a newline, as `echo` does: the server drops it
        // from the line it prints (the contract), and prints no empty line after it.
        let sent = if i == 1 {
            format!("{message}\n")
        } else {
            message.clone()
        };
        answer(ctx, &mut f.conn, sent.as_bytes(), 1)?;
        expect_line(ctx, &t, &mut s, &f, &message, i).map_err(|e| t.attach(e))?;
    }
    let out = s.program.stdout.bytes();
    if complete_lines(&out).any(|l| l.is_empty()) {
        return Err(t.attach(
            Failure::of_kind(FailureKind::BadOutput, msg!("shut-kept-newline"))
                .output(escape::excerpt(&out, 600)),
        ));
    }
    Ok(())
}

/// The contract's expected errors: started without arguments, or on a port that is taken.
fn server_errors(ctx: &mut Ctx) -> TestResult {
    let (_dir, path) = temp_file(ctx, b"a file\n")?;
    kit::errors::server_start_errors(ctx, SERVER, &[path.to_string_lossy().into_owned()])
}

// ---------------------------------------------------------------------------------------
// Client tests

/// What the hidden server saw: the client's whole message, and whether any of it arrived
/// before the server's EOF.
struct Receipt {
    message: Vec<u8>,
    early: bool,
}

/// A hidden server that sends `content` in pieces (pausing between some), then half-closes and
/// reads the client's message until its EOF.
fn hidden_file_server(
    ctx: &Ctx,
    t: &std::sync::Arc<Transcript>,
    content: Vec<u8>,
    pause: Duration,
) -> Result<(u16, std::sync::mpsc::Receiver<Result<Receipt, Failure>>), Failure> {
    let deadline = ctx.within(secs(20));
    let server_t = std::sync::Arc::clone(t);
    wire::serve_once(t, deadline, move |mut c| {
        let mut early = Vec::new();
        let pieces: Vec<&[u8]> = if content.len() < 4 {
            vec![&content[..]]
        } else {
            let quarter = content.len() / 4;
            vec![
                &content[..quarter],
                &content[quarter..2 * quarter],
                &content[2 * quarter..],
            ]
        };
        for (i, piece) in pieces.iter().enumerate() {
            c.send(piece, deadline)?;
            if i + 1 < pieces.len() {
                // Pause; anything the client sends now, it sent before our EOF. The client waits
                // for us meanwhile: it is not stuck, however long a loaded machine makes this.
                let got = server_t
                    .pausing(|| c.recv_some(4096, Instant::now() + pause))
                    .or_else(|f| {
                        if f.kind == Some(FailureKind::Timeout) {
                            Ok(Vec::new())
                        } else {
                            Err(f)
                        }
                    })?;
                early.extend_from_slice(&got);
            }
        }
        c.shutdown_write();
        let mut message = early.clone();
        loop {
            let piece = c.recv_some(4096, deadline)?;
            if piece.is_empty() {
                break;
            }
            message.extend_from_slice(&piece);
        }
        Ok(Receipt {
            message,
            early: !early.is_empty(),
        })
    })
}

/// Run file-client against a hidden file server sending `content`; check its exit.
fn transfer(
    ctx: &mut Ctx,
    t: &std::sync::Arc<Transcript>,
    content: &[u8],
    pause: Duration,
) -> Result<(Receipt, Vec<u8>), Failure> {
    let (port, receipt) = hidden_file_server(ctx, t, content.to_vec(), pause)?;
    let dir = ctx.scratch("client-")?;
    let out = dir.path().join("received.bin");
    let args = [out.to_string_lossy().into_owned()];
    let mut run = run::client(ctx, t, CLIENT, port, &args, None, secs(15))?;
    run.expect_success(
        t,
        msg!("shut-client-not-finished"),
        msg!("shut-during-transfer"),
    )?;
    let receipt = receipt
        .recv_timeout(
            ctx.within(secs(5))
                .saturating_duration_since(Instant::now()),
        )
        .map_err(|_| {
            t.attach(Failure::of_kind(
                FailureKind::Timeout,
                msg!("shut-no-end-of-message"),
            ))
        })??;
    let written = std::fs::read(&out).map_err(|_| {
        Failure::wrong(msg!(
            "shut-no-out-file",
            size = msg!("count-byte", n = content.len())
        ))
        .note(msg!("shut-create-first"))
    })?;
    Ok((receipt, written))
}

fn client_file_bytes(ctx: &mut Ctx) -> TestResult {
    for size in SIZES {
        let t = ctx.transcript();
        let content = ctx.random_bytes(size);
        let (_receipt, written) = transfer(ctx, &t, &content, Duration::from_millis(30))?;
        if written != content {
            let mut f = Failure::wrong(msg!(
                "shut-out-file-differs",
                size = msg!("count-byte", n = size)
            ));
            f = differ(f, &content, &written);
            if written.len() < content.len() && !written.is_empty() && content.starts_with(&written)
            {
                f = f.note(msg!("shut-only-start"));
            }
            return Err(t.attach(f));
        }
    }
    Ok(())
}

/// The receipt must be `received <N> bytes` (a single trailing newline is tolerated).
fn check_receipt(t: &Transcript, receipt: &Receipt, size: usize) -> TestResult {
    let expected = format!("received {size} bytes");
    let message = receipt
        .message
        .strip_suffix(b"\n")
        .unwrap_or(&receipt.message);
    if message != expected.as_bytes() {
        return Err(t.attach(
            Failure::wrong(msg!("shut-wrong-receipt"))
                .detail(
                    msg!("label-expected"),
                    escape::quoted(expected.as_bytes(), 80),
                )
                .detail(msg!("label-got"), escape::quoted(&receipt.message, 80)),
        ));
    }
    Ok(())
}

fn client_receipt(ctx: &mut Ctx) -> TestResult {
    for size in [0, 100_000] {
        let t = ctx.transcript();
        let content = ctx.random_bytes(size);
        let (receipt, _written) = transfer(ctx, &t, &content, Duration::from_millis(30))?;
        check_receipt(&t, &receipt, size)?;
    }
    Ok(())
}

fn client_waits_for_eof(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let content = ctx.random_bytes(3000);
    // Long pauses between the pieces: a client that answers after its first read does it now.
    // The pauses make the test: it waits.
    ctx.lend_slot();
    let (receipt, _written) = transfer(ctx, &t, &content, Duration::from_millis(300))?;
    if receipt.early {
        return Err(t.attach(
            Failure::wrong(msg!("shut-answered-early"))
                .detail(msg!("shut-message"), escape::quoted(&receipt.message, 80))
                .note(msg!("shut-one-recv")),
        ));
    }
    check_receipt(&t, &receipt, content.len())
}

/// The contract's error path: nothing listens on the port, connect is refused, and the client
/// says so in one line on stderr and exits with 1 (no panic, no out-file left as if it had
/// worked, no hang).
fn client_refused(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let port = wire::free_port()?;
    t.note(
        "checker",
        msg!("client-nothing-listens", port = port.to_string()),
    );
    let dir = ctx.scratch("client-")?;
    let out = dir.path().join("received.bin");
    let args = [out.to_string_lossy().into_owned()];
    let mut run = run::client(ctx, &t, CLIENT, port, &args, None, secs(5))?;
    let line = kit::errors::one_error_line(&mut run, CLIENT, msg!("client-when-refused"), Some(&t))
        .map_err(|f| f.reproduce(format!("{} 127.0.0.1 1 /tmp/copy", ctx.by_hand(CLIENT))))?;
    ctx.log(format!("stderr: {}", escape::bytes(line.as_bytes())));
    Ok(())
}
