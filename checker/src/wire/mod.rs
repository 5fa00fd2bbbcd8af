//! Wire-level testing: instrumented connections that record every byte into a transcript, so
//! test code stays short and a failure can show what was sent and what came back; starting a
//! server under test and waiting for it to be ready (its `listening on` line, or a successful
//! connect); hidden servers that play the other side for client tests; and a reference echo
//! server with a load generator, to measure a server's throughput against it in the same run.
//!
//! Every connect, read and write has a deadline. The checker's own client writes from one
//! thread while it reads on another whenever it sends more than a socket buffer holds, so it
//! never deadlocks a correct server.

use std::io::{ErrorKind, Read, Write};
use std::net::{Ipv4Addr, Shutdown, SocketAddrV4, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub mod stall;
pub mod udp;

use crate::context::Ctx;
use crate::escape;
use crate::hints::Kind;
use crate::procinfo;
use crate::supervise::Program;
use crate::verdict::Failure;

/// Bytes of each send/receive kept in the transcript (the byte counts are always exact).
const SHOWN: usize = 48;

// ---------------------------------------------------------------------------------------
// Transcripts

/// What happened on the wire during a test, in order, for failure messages and `-v`.
pub struct Transcript {
    start: Instant,
    lines: Mutex<Vec<Line>>,
    log: Arc<Mutex<Vec<String>>>,
}

struct Line {
    at: Duration,
    who: String,
    kind: &'static str,
    bytes: usize,
    shown: Vec<u8>,
    text: String,
}

impl Transcript {
    pub fn new(ctx: &Ctx) -> Arc<Transcript> {
        Arc::new(Transcript {
            start: Instant::now(),
            lines: Mutex::new(Vec::new()),
            log: ctx.log_handle(),
        })
    }

    fn push(&self, who: &str, kind: &'static str, data: &[u8], text: String) {
        let mut lines = self.lines.lock().unwrap_or_else(|e| e.into_inner());
        // Consecutive pieces in the same direction read as one line with a total.
        // (Datagrams never merge: their boundaries are the point.)
        if let Some(last) = lines.last_mut()
            && (kind == "sent" || kind == "received")
            && last.kind == kind
            && last.who == who
        {
            last.bytes += data.len();
            let room = SHOWN.saturating_sub(last.shown.len());
            last.shown.extend_from_slice(&data[..data.len().min(room)]);
            return;
        }
        lines.push(Line {
            at: self.start.elapsed(),
            who: who.to_string(),
            kind,
            bytes: data.len(),
            shown: data[..data.len().min(SHOWN)].to_vec(),
            text,
        });
    }

    pub fn sent(&self, who: &str, data: &[u8]) {
        self.push(who, "sent", data, String::new());
    }

    pub fn received(&self, who: &str, data: &[u8]) {
        self.push(who, "received", data, String::new());
    }

    pub fn sent_datagram(&self, who: &str, data: &[u8], to: u16) {
        self.push(who, "sent datagram", data, format!("to port {to}"));
    }

    pub fn received_datagram(&self, who: &str, data: &[u8], from: u16) {
        self.push(who, "received datagram", data, format!("from port {from}"));
    }

    /// Anything else worth a line: "connected", "EOF", "reset", "server stopped (SIGSTOP)".
    pub fn note(&self, who: &str, text: impl Into<String>) {
        self.push(who, "note", &[], text.into());
    }

    /// The transcript as text, keeping the last `max` lines.
    pub fn render(&self, max: usize) -> String {
        let lines = self.lines.lock().unwrap_or_else(|e| e.into_inner());
        let skip = lines.len().saturating_sub(max);
        let mut out = Vec::new();
        if skip > 0 {
            out.push(format!("… ({skip} earlier lines)"));
        }
        for l in lines.iter().skip(skip) {
            let time = format!("{:>7.3}s", l.at.as_secs_f64());
            let what = match l.kind {
                "sent" | "received" | "sent datagram" | "received datagram" => {
                    let more = if l.bytes > l.shown.len() { "…" } else { "" };
                    let data = format!("\"{}\"{more}", escape::bytes(&l.shown));
                    let size = escape::plural(l.bytes, "byte");
                    match l.kind {
                        "sent datagram" => format!("sent a datagram of {size} {}: {data}", l.text),
                        "received datagram" => {
                            format!("received a datagram of {size} {}: {data}", l.text)
                        }
                        _ => format!("{} {size}: {data}", l.kind),
                    }
                }
                _ => l.text.clone(),
            };
            out.push(format!("{time} {:<14} {what}", l.who));
        }
        out.join("\n")
    }

    /// Attach the transcript to a failure (not to "not started": there is nothing to see).
    pub fn attach(&self, failure: Failure) -> Failure {
        if failure.status == crate::verdict::Status::NotStarted {
            return failure;
        }
        failure.detail("transcript", self.render(24))
    }
}

impl Drop for Transcript {
    fn drop(&mut self) {
        // Shown with -v.
        let text = self.render(200);
        if let Ok(mut log) = self.log.lock() {
            log.extend(text.lines().map(str::to_string));
        }
    }
}

// ---------------------------------------------------------------------------------------
// Errors

/// Turn an I/O error met while talking to the program into a failure of the right kind.
pub fn io_failure(who: &str, doing: &str, e: &std::io::Error) -> Failure {
    let kind = match e.kind() {
        ErrorKind::ConnectionRefused => Kind::Refused,
        ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted | ErrorKind::BrokenPipe => {
            Kind::Reset
        }
        ErrorKind::WouldBlock | ErrorKind::TimedOut => Kind::Timeout,
        ErrorKind::UnexpectedEof => Kind::EarlyEof,
        _ => return Failure::wrong(format!("{who}: {doing}: {e}")),
    };
    let what = match kind {
        Kind::Refused => "connection refused".to_string(),
        Kind::Reset => format!("the connection was reset ({e})"),
        Kind::Timeout => "timed out".to_string(),
        _ => e.to_string(),
    };
    Failure::of_kind(kind, format!("{who}: {doing}: {what}"))
}

/// If the first difference is where U+FFFD (EF BF BD) replaced the bytes sent, say so: the
/// data went through a String (`from_utf8_lossy`), the commonest way to corrupt binary data.
pub fn note_lossy_text(failure: Failure, expected: &[u8], got: &[u8]) -> Failure {
    const REPLACEMENT: &[u8] = b"\xef\xbf\xbd";
    match escape::first_difference(expected, got) {
        Some(at) if got[at..].starts_with(REPLACEMENT) && !expected[at..].starts_with(REPLACEMENT) => {
            failure.note(
                "the bytes EF BF BD are U+FFFD, the replacement character: the data went through a String",
            )
        }
        _ => failure,
    }
}

fn remaining(deadline: Instant) -> Option<Duration> {
    let left = deadline.saturating_duration_since(Instant::now());
    (left > Duration::ZERO).then_some(left)
}

// ---------------------------------------------------------------------------------------
// Instrumented connections

/// A TCP connection made by the checker, recording every byte into a transcript.
pub struct Conn {
    stream: TcpStream,
    pub who: String,
    t: Arc<Transcript>,
}

impl Conn {
    /// Connect, or fail with "refused" or "timed out".
    pub fn connect(
        t: &Arc<Transcript>,
        who: &str,
        port: u16,
        deadline: Instant,
    ) -> Result<Conn, Failure> {
        let addr = SocketAddrV4::new(Ipv4Addr::LOCALHOST, port);
        let timeout = remaining(deadline).ok_or_else(|| {
            Failure::of_kind(Kind::Timeout, format!("{who}: no time left to connect"))
        })?;
        match TcpStream::connect_timeout(&addr.into(), timeout) {
            Ok(stream) => {
                t.note(
                    who,
                    format!(
                        "connected to {addr} from port {}",
                        stream.local_addr().map(|a| a.port()).unwrap_or(0)
                    ),
                );
                Ok(Conn {
                    stream,
                    who: who.to_string(),
                    t: Arc::clone(t),
                })
            }
            Err(e) => {
                t.note(who, format!("connect to {addr} failed: {e}"));
                Err(t.attach(io_failure(who, &format!("connect to {addr}"), &e)))
            }
        }
    }

    pub fn set_nodelay(&self) {
        let _ = self.stream.set_nodelay(true);
    }

    /// Instrument a connection accepted by one of the checker's hidden servers.
    pub fn accepted(t: &Arc<Transcript>, who: &str, stream: TcpStream) -> Conn {
        let _ = stream.set_nonblocking(false);
        Conn {
            stream,
            who: who.to_string(),
            t: Arc::clone(t),
        }
    }

    /// The checker's own port on this connection (the program sees it as the remote port).
    pub fn local_port(&self) -> u16 {
        self.stream.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    /// A second handle on the same connection (for a writer thread).
    pub fn try_clone(&self) -> Result<Conn, Failure> {
        let stream = self.stream.try_clone()?;
        Ok(Conn {
            stream,
            who: self.who.clone(),
            t: Arc::clone(&self.t),
        })
    }

    /// Send all of `data` before `deadline`.
    ///
    /// The transcript records the data when the sending starts, not when the last write
    /// returns: a reply can arrive while a big write is still blocked, and the transcript
    /// must never show the answer before the question. A send that stops early says so.
    pub fn send(&mut self, data: &[u8], deadline: Instant) -> Result<(), Failure> {
        self.t.sent(&self.who, data);
        let stopped = |t: &Transcript, who: &str, rest: &[u8]| {
            t.note(
                who,
                format!(
                    "sending stopped: {} of {} bytes were accepted",
                    data.len() - rest.len(),
                    data.len()
                ),
            )
        };
        let mut rest = data;
        while !rest.is_empty() {
            let Some(left) = remaining(deadline) else {
                stopped(&self.t, &self.who, rest);
                return Err(self.t.attach(Failure::of_kind(
                    Kind::Timeout,
                    format!(
                        "{}: could not send {} more bytes in time: the program stopped reading",
                        self.who,
                        rest.len()
                    ),
                )));
            };
            let _ = self.stream.set_write_timeout(Some(left));
            match self.stream.write(rest) {
                Ok(n) => rest = &rest[n..],
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) if e.kind() == ErrorKind::WouldBlock => {}
                Err(e) => {
                    stopped(&self.t, &self.who, rest);
                    return Err(self.t.attach(io_failure(&self.who, "send", &e)));
                }
            }
        }
        Ok(())
    }

    /// Read what is there (at most `max` bytes), waiting until `deadline`; empty = EOF.
    pub fn recv_some(&mut self, max: usize, deadline: Instant) -> Result<Vec<u8>, Failure> {
        let mut buf = vec![0u8; max];
        loop {
            let left = remaining(deadline).ok_or_else(|| {
                self.t.note(&self.who, "timed out waiting for data");
                self.t.attach(Failure::of_kind(
                    Kind::Timeout,
                    format!("{}: nothing came back in time", self.who),
                ))
            })?;
            let _ = self.stream.set_read_timeout(Some(left));
            match self.stream.read(&mut buf) {
                Ok(0) => {
                    self.t.note(&self.who, "EOF (the other side closed)");
                    return Ok(Vec::new());
                }
                Ok(n) => {
                    buf.truncate(n);
                    self.t.received(&self.who, &buf);
                    return Ok(buf);
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
                Err(e) => {
                    self.t.note(&self.who, format!("read failed: {e}"));
                    return Err(self.t.attach(io_failure(&self.who, "read", &e)));
                }
            }
        }
    }

    /// Read until `expected.len()` bytes have arrived and compare them byte for byte. An early
    /// EOF, a reset or a timeout fails with what did arrive.
    pub fn expect_bytes(&mut self, expected: &[u8], deadline: Instant) -> Result<(), Failure> {
        let mut got = Vec::with_capacity(expected.len());
        while got.len() < expected.len() {
            let piece = match self.recv_some((expected.len() - got.len()).min(1 << 20), deadline) {
                Ok(piece) => piece,
                Err(f) => {
                    return Err(self
                        .mismatch(f.summary.clone(), expected, &got)
                        .kind(f.kind.unwrap_or(Kind::Timeout)));
                }
            };
            if piece.is_empty() {
                return Err(self
                    .mismatch(
                        format!(
                            "{}: the connection ended before all the data came back",
                            self.who
                        ),
                        expected,
                        &got,
                    )
                    .kind(Kind::EarlyEof));
            }
            got.extend_from_slice(&piece);
            let checked = got.len().min(expected.len());
            if got[..checked] != expected[..checked] {
                return Err(self.mismatch(
                    format!(
                        "{}: the bytes that came back differ from the bytes sent",
                        self.who
                    ),
                    expected,
                    &got,
                ));
            }
        }
        Ok(())
    }

    /// A byte-precise failure: lengths, the first differing offset, both sides around it.
    /// `got` is what had arrived when the difference showed (the checker stops reading there).
    pub fn mismatch(&self, summary: String, expected: &[u8], got: &[u8]) -> Failure {
        let mut failure = Failure::wrong(summary);
        match escape::diff(expected, got) {
            Some(rows) => {
                for (label, text) in rows {
                    let text = if label == "lengths" {
                        format!(
                            "expected {}; {} had arrived when the difference showed",
                            escape::plural(expected.len(), "byte"),
                            escape::plural(got.len(), "byte")
                        )
                    } else {
                        text
                    };
                    failure = failure.detail(label, text);
                }
            }
            None => failure = failure.detail("received", escape::quoted(got, 64)),
        }
        self.t.attach(note_lossy_text(failure, expected, got))
    }

    /// Expect the other side to close (EOF) before `deadline`, with no more data.
    pub fn expect_eof(&mut self, deadline: Instant, why: &str) -> Result<(), Failure> {
        match self.recv_some(4096, deadline) {
            Ok(extra) if extra.is_empty() => Ok(()),
            Ok(extra) => Err(self.t.attach(Failure::wrong(format!(
                "{}: expected EOF, but more bytes came: {}",
                self.who,
                escape::quoted(&extra, 48)
            )))),
            Err(f) if f.kind == Some(Kind::Timeout) => Err(Failure::of_kind(
                Kind::Timeout,
                format!("{}: no EOF: the connection stayed open {why}", self.who),
            )
            .detail("transcript", self.t.render(24))),
            Err(f) => Err(f),
        }
    }

    /// Give up on the connection in both directions (shutdown(SHUT_RDWR)), so that a thread
    /// still writing to it (a clone) fails at once instead of waiting out its deadline: a test
    /// stops at its first proof of failure.
    pub fn abort(&self) {
        let _ = self.stream.shutdown(Shutdown::Both);
    }

    /// Bytes that have arrived and wait in our receive queue (FIONREAD).
    pub fn pending(&self) -> usize {
        let mut n: libc::c_int = 0;
        let fd = std::os::fd::AsRawFd::as_raw_fd(&self.stream);
        // SAFETY: a valid socket, and FIONREAD writes one int.
        if unsafe { libc::ioctl(fd, libc::FIONREAD, &mut n) } != 0 {
            return 0;
        }
        usize::try_from(n).unwrap_or(0)
    }

    /// shutdown(SHUT_WR): we send a FIN, the program's read() returns 0.
    pub fn shutdown_write(&mut self) {
        let _ = self.stream.shutdown(Shutdown::Write);
        self.t.note(
            &self.who,
            "shut down its sending side (FIN: the program's read returns 0)",
        );
    }

    /// Close with SO_LINGER 0: the kernel sends RST instead of FIN.
    pub fn reset(self) {
        let linger = libc::linger {
            l_onoff: 1,
            l_linger: 0,
        };
        let fd = std::os::fd::AsRawFd::as_raw_fd(&self.stream);
        // SAFETY: a valid socket and a correctly sized linger struct.
        unsafe {
            libc::setsockopt(
                fd,
                libc::SOL_SOCKET,
                libc::SO_LINGER,
                (&linger as *const libc::linger).cast(),
                std::mem::size_of::<libc::linger>() as libc::socklen_t,
            );
        }
        self.t
            .note(&self.who, "closed with SO_LINGER 0 (RST: a reset)");
        drop(self);
    }

    pub fn set_recv_buffer(&self, bytes: i32) {
        let fd = std::os::fd::AsRawFd::as_raw_fd(&self.stream);
        // SAFETY: a valid socket and an int option value.
        unsafe {
            libc::setsockopt(
                fd,
                libc::SOL_SOCKET,
                libc::SO_RCVBUF,
                (&bytes as *const i32).cast(),
                std::mem::size_of::<i32>() as libc::socklen_t,
            );
        }
    }
}

/// Send `data` from a writer thread (optionally half-closing afterwards) while this thread
/// reads the echo and compares it byte for byte; then, if half-closed, expect EOF.
pub fn echo_round_trip(
    conn: &mut Conn,
    data: Vec<u8>,
    half_close: bool,
    deadline: Instant,
) -> Result<(), Failure> {
    let mut writer = conn.try_clone()?;
    let expected = data.clone();
    let sender = std::thread::spawn(move || {
        let result = writer.send(&data, deadline);
        if half_close && result.is_ok() {
            writer.shutdown_write();
        }
        result
    });
    let read = conn.expect_bytes(&expected, deadline);
    if read.is_err() {
        conn.abort();
    }
    let sent = sender
        .join()
        .unwrap_or_else(|_| Err(Failure::checker_error("the sending thread failed")));
    read?;
    sent?;
    if half_close {
        conn.expect_eof(
            deadline,
            "after the client's EOF (close the connection once read() returns 0)",
        )?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Servers under test

/// A server program, started and ready.
pub struct Server {
    pub program: Program,
    pub port: u16,
    /// The `listening on` line as printed (empty if the program printed none).
    pub line: String,
    /// How a student starts it by hand, on port 7000.
    pub by_hand_command: String,
    /// Given with `--program` (not built from the crate).
    pub external: bool,
}

/// A free TCP port on loopback, for a program that needs one given (race-free enough: the
/// kernel does not hand the same ephemeral port out again at once).
pub fn free_port() -> Result<u16, Failure> {
    let l = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    Ok(l.local_addr()?.port())
}

/// Parse `listening on <ip>:<port>`.
pub fn parse_listening(line: &str) -> Option<(Ipv4Addr, u16)> {
    let rest = line.strip_prefix("listening on ")?;
    let (ip, port) = rest.rsplit_once(':')?;
    Some((ip.parse().ok()?, port.parse().ok()?))
}

/// Start the server `name` with `port` as its first argument (then `args`) and wait until it
/// is ready: its `listening on <ip>:<port>` line, or — for a program given with `--program`,
/// which may print none — until its process tree listens (a TCP socket in LISTEN or a bound
/// UDP socket, seen in /proc: no probe connection, which a one-shot server would spend and a
/// fork server would count). The port is the one it really listens on, so a program that
/// ignores the port it is given (a fixed port) is graded too. A program that dies first is
/// explained (a `todo!()` reads "not started").
pub fn start_server(ctx: &Ctx, name: &str, port: u16, args: &[String]) -> Result<Server, Failure> {
    let external = ctx.built.external.contains(name);
    let port = if external && port == 0 {
        free_port()?
    } else {
        port
    };
    let spawn = ctx
        .program(name)?
        .server()
        .arg(port.to_string())
        .args(args.iter().cloned());
    let shown_args: String = args
        .iter()
        .map(|a| format!(" {}", escape::shell_word(a)))
        .collect();
    let by_hand_command = format!("{} 7000{shown_args}", ctx.by_hand(name));
    let mut program = spawn.start()?;
    // A compiled program listens within milliseconds; 5 s is room for a loaded machine.
    let ready_by = ctx.within(Duration::from_secs(5));
    loop {
        let step =
            (Instant::now() + Duration::from_millis(if external { 20 } else { 200 })).min(ready_by);
        if let Some((_, line)) = program
            .stdout
            .wait_line(step, 0, |l| l.starts_with("listening on"))
        {
            let Some((_, actual)) = parse_listening(&line) else {
                return Err(Failure::of_kind(
                    Kind::NoListeningLine,
                    format!(
                        "{name} printed {}, which is not `listening on <ip>:<port>`",
                        escape::quoted(line.as_bytes(), 80)
                    ),
                ));
            };
            if actual == 0 || (port != 0 && actual != port && !external) {
                return Err(Failure::of_kind(
                    Kind::NoListeningLine,
                    format!("{name} was started with port {port} but says it listens on port {actual}"),
                )
                .note("print the port getsockname() returns, not the argument: with 0 the kernel picks one"));
            }
            return Ok(Server {
                program,
                port: actual,
                line,
                by_hand_command,
                external,
            });
        }
        if program.try_status().is_some()
            || (program.stdout.is_closed()
                && program
                    .wait_until(Instant::now() + Duration::from_millis(200))
                    .is_some())
        {
            let what = if external {
                "before it listened"
            } else {
                "before it printed `listening on <ip>:<port>`"
            };
            return Err(port_taken_note(program.unexpected_exit(what), external));
        }
        if program.stdout.is_closed() && !external {
            return Err(Failure::of_kind(
                Kind::NoListeningLine,
                format!("{name} closed its stdout without printing `listening on <ip>:<port>`"),
            ));
        }
        if external {
            let ports = procinfo::listening(program.pid());
            let chosen = ports
                .iter()
                .find(|l| l.port() == port)
                .or_else(|| ports.first())
                .map(|l| l.port());
            if let Some(actual) = chosen {
                if actual != port {
                    ctx.log(format!(
                        "{name} listens on port {actual}, not on the port it was given ({port}): graded on {actual}"
                    ));
                }
                return Ok(Server {
                    program,
                    port: actual,
                    line: String::new(),
                    by_hand_command,
                    external,
                });
            }
        }
        if Instant::now() >= ready_by {
            if external {
                return Err(Failure::of_kind(
                    Kind::NoListeningLine,
                    format!(
                        "{name} did not listen on any port within 5 s (no socket in LISTEN, no bound UDP socket, in /proc)"
                    ),
                ));
            }
            let mut f = Failure::of_kind(
                Kind::NoListeningLine,
                format!("{name} printed no `listening on <ip>:<port>` line within 5 s"),
            );
            let printed = program.stdout.bytes();
            if !printed.is_empty() {
                f = f.detail("stdout", escape::quoted(&printed, 200));
            }
            let (out, err) = (program.stdout.total(), program.stderr.total());
            if out + err > 1 << 20 {
                f = f.detail(
                    "output",
                    format!("{name} wrote {out} bytes to stdout and {err} to stderr (the checker keeps the first 4 MiB of each)"),
                );
            }
            let listens = procinfo::listening(program.pid());
            if !listens.is_empty() {
                f = f.detail(
                    "it listens on",
                    listens
                        .iter()
                        .map(|l| format!("port {}", l.port()))
                        .collect::<Vec<_>>()
                        .join(", "),
                );
            }
            return Err(f.note(
                "is stdout flushed after the line? is the line printed only after listen()?",
            ));
        }
    }
}

/// A server that could not bind because its port was taken: in plain mode a program that
/// listens on a fixed port shares it with every other test running at the same time.
fn port_taken_note(f: Failure, external: bool) -> Failure {
    let text = format!("{} {}", f.summary, f.output.as_deref().unwrap_or("")).to_lowercase();
    let taken = text.contains("in use") || text.contains("eaddrinuse");
    if !taken {
        return f;
    }
    if external && crate::sandbox::mode() == crate::sandbox::Mode::Plain {
        // Not TIME_WAIT (the generic hint): someone else holds the port.
        let mut f = f;
        f.kind = None;
        return f.note(
            "its port was taken: in plain mode the tests share this machine's ports, so a program that listens on a fixed port (ignoring the one it is given) meets itself in another test or any other program using that port; grade it with -j 1, or as root with --sandbox namespaces (a network of its own per test)",
        );
    }
    f.kind(Kind::AddressInUse)
}

impl Server {
    /// Connect to the server; if that fails because the server is gone, say that (its exit
    /// status and stderr explain more than "connection refused").
    pub fn connect(
        &mut self,
        t: &Arc<Transcript>,
        who: &str,
        deadline: Instant,
    ) -> Result<Conn, Failure> {
        Conn::connect(t, who, self.port, deadline).map_err(|f| {
            match self
                .program
                .wait_until(Instant::now() + Duration::from_millis(200))
            {
                Some(_) => t.attach(
                    self.program
                        .unexpected_exit(&format!("before {who} connected")),
                ),
                None => self.explain_refusal(f),
            }
        })
    }

    /// A refused connect to a live server: does it listen somewhere else (a `bind` that failed
    /// unchecked, after which `listen` picks a port of its own), or nowhere at all?
    pub fn explain_refusal(&self, f: Failure) -> Failure {
        if f.kind != Some(Kind::Refused) {
            return f;
        }
        let ports = procinfo::listening(self.program.pid());
        if ports.iter().any(|l| l.port() == self.port) {
            return f;
        }
        let label = &self.program.label;
        match ports.first() {
            Some(other) => f.note(format!(
                "{label} is alive but listens on port {}, not on {}: did bind() fail without the error being checked? listen() on an unbound socket picks a port of its own",
                other.port(),
                self.port
            )),
            None => f.note(format!(
                "{label} is alive but listens on no port any more: was the listening socket closed?"
            )),
        }
    }

    /// Fail if the server has exited; explain how.
    pub fn check_alive(&mut self, while_doing: &str) -> Result<(), Failure> {
        if self.program.try_status().is_some() {
            return Err(self.program.unexpected_exit(while_doing));
        }
        Ok(())
    }

    /// "try it by hand" for a failure message: the server on port 7000, then `client`.
    pub fn by_hand(&self, client: &str) -> String {
        format!(
            "in one terminal `{}`, in another `{client}`",
            self.by_hand_command
        )
    }
}

// ---------------------------------------------------------------------------------------
// Hidden servers (the other side, for client tests)

/// How a hidden server treats each connection.
#[derive(Clone, Copy, Debug)]
pub enum Behaviour {
    /// Echo everything back, until EOF.
    Echo,
    /// Echo, one byte per write with a pause before each.
    EchoInPieces(Duration),
    /// Read the first piece, echo half of it, then close.
    CloseEarly,
    /// Accept and read, but never answer.
    NeverAnswer,
}

/// A server run by the checker on a free loopback port.
pub struct HiddenServer {
    pub port: u16,
    stop: Arc<AtomicBool>,
    /// Connections accepted and still being served.
    serving: Arc<AtomicUsize>,
    /// Every byte received, over all connections: what the client really sent.
    received: Arc<Mutex<Vec<u8>>>,
}

impl HiddenServer {
    pub fn start(t: &Arc<Transcript>, behaviour: Behaviour) -> Result<HiddenServer, Failure> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
        listener.set_nonblocking(true)?;
        let port = listener.local_addr()?.port();
        let stop = Arc::new(AtomicBool::new(false));
        let serving = Arc::new(AtomicUsize::new(0));
        let received = Arc::new(Mutex::new(Vec::new()));
        let (t, stop2, serving2, received2) = (
            Arc::clone(t),
            Arc::clone(&stop),
            Arc::clone(&serving),
            Arc::clone(&received),
        );
        std::thread::spawn(move || {
            while !stop2.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let _ = stream.set_nonblocking(false);
                        serving2.fetch_add(1, Ordering::SeqCst);
                        t.note("hidden server", "accepted a connection");
                        let (t, stop, serving, received) = (
                            Arc::clone(&t),
                            Arc::clone(&stop2),
                            Arc::clone(&serving2),
                            Arc::clone(&received2),
                        );
                        std::thread::spawn(move || {
                            serve_hidden(stream, behaviour, &t, &stop, &received);
                            serving.fetch_sub(1, Ordering::SeqCst);
                        });
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(2)),
                }
            }
        });
        Ok(HiddenServer {
            port,
            stop,
            serving,
            received,
        })
    }

    /// Every byte the hidden server received so far, over all its connections.
    pub fn received(&self) -> Vec<u8> {
        self.received
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Once the client under test has exited, wait (at most `limit`) until every connection
    /// has seen its EOF, so a failure's transcript is complete and the same on every run.
    pub fn settle(&self, limit: Duration) {
        let until = Instant::now() + limit;
        while self.serving.load(Ordering::SeqCst) > 0 && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}

impl Drop for HiddenServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn serve_hidden(
    mut stream: TcpStream,
    behaviour: Behaviour,
    t: &Transcript,
    stop: &AtomicBool,
    received: &Mutex<Vec<u8>>,
) {
    let who = "hidden server";
    let _ = stream.set_read_timeout(Some(Duration::from_millis(100)));
    let mut buf = vec![0u8; 256 * 1024];
    let mut first = true;
    while !stop.load(Ordering::Relaxed) {
        let n = match stream.read(&mut buf) {
            Ok(0) => {
                t.note(who, "EOF from the client");
                return;
            }
            Ok(n) => n,
            Err(e)
                if matches!(
                    e.kind(),
                    ErrorKind::WouldBlock | ErrorKind::TimedOut | ErrorKind::Interrupted
                ) =>
            {
                continue;
            }
            Err(e) => {
                t.note(who, format!("read failed: {e}"));
                return;
            }
        };
        t.received(who, &buf[..n]);
        received
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(&buf[..n]);
        let data = buf[..n].to_vec();
        let ok = match behaviour {
            Behaviour::Echo => stream.write_all(&data).is_ok(),
            Behaviour::EchoInPieces(pause) => data.iter().all(|b| {
                std::thread::sleep(pause);
                stream.write_all(&[*b]).is_ok()
            }),
            Behaviour::CloseEarly if first => {
                let half = &data[..data.len() / 2];
                let _ = stream.write_all(half);
                t.sent(who, half);
                t.note(who, "closed the connection early, on purpose");
                return;
            }
            Behaviour::CloseEarly => true,
            Behaviour::NeverAnswer => true,
        };
        if !matches!(behaviour, Behaviour::NeverAnswer | Behaviour::CloseEarly) {
            t.sent(who, &data);
        }
        if !ok {
            t.note(who, "write failed: the client went away");
            return;
        }
        first = false;
    }
}

/// Accept one connection on a free loopback port and hand it to `handler` on a thread of its
/// own; the handler's result comes back through the returned receiver. For client tests whose
/// hidden server follows a script.
pub fn serve_once<T: Send + 'static>(
    t: &Arc<Transcript>,
    deadline: Instant,
    handler: impl FnOnce(Conn) -> T + Send + 'static,
) -> Result<(u16, std::sync::mpsc::Receiver<T>), Failure> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    listener.set_nonblocking(true)?;
    let port = listener.local_addr()?.port();
    let (tx, rx) = std::sync::mpsc::channel();
    let t = Arc::clone(t);
    std::thread::spawn(move || {
        while Instant::now() < deadline {
            match listener.accept() {
                Ok((stream, _)) => {
                    t.note("hidden server", "accepted a connection");
                    let _ = tx.send(handler(Conn::accepted(&t, "hidden server", stream)));
                    return;
                }
                Err(_) => std::thread::sleep(Duration::from_millis(2)),
            }
        }
    });
    Ok((port, rx))
}

// ---------------------------------------------------------------------------------------
// Reference echo server and load generator

/// The checker's own echo server (std::net, a thread per connection): the yardstick for a
/// student's server, measured in the same run on the same machine. Its buffer is the 1 KiB of
/// the course's C examples, so the bar ("a quarter of it") stops pathological designs (a
/// system call per byte is ~100 times slower) without failing any sensible buffer size.
const REFERENCE_BUFFER: usize = 1024;

pub struct ReferenceEcho {
    pub port: u16,
    stop: Arc<AtomicBool>,
}

impl ReferenceEcho {
    pub fn start() -> Result<ReferenceEcho, Failure> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
        listener.set_nonblocking(true)?;
        let port = listener.local_addr()?.port();
        let stop = Arc::new(AtomicBool::new(false));
        let stop2 = Arc::clone(&stop);
        std::thread::spawn(move || {
            while !stop2.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((mut stream, _)) => {
                        let _ = stream.set_nonblocking(false);
                        std::thread::spawn(move || {
                            let mut buf = vec![0u8; REFERENCE_BUFFER];
                            while let Ok(n) = stream.read(&mut buf) {
                                if n == 0 || stream.write_all(&buf[..n]).is_err() {
                                    break;
                                }
                            }
                        });
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(2)),
                }
            }
        });
        Ok(ReferenceEcho { port, stop })
    }
}

impl Drop for ReferenceEcho {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Push `bytes` through an echo server at `port` (writer and reader on two threads) and return
/// the rate in MB/s, or a failure if it does not come back whole before `deadline`.
pub fn echo_throughput(port: u16, bytes: usize, deadline: Instant) -> Result<f64, Failure> {
    let stream = TcpStream::connect_timeout(
        &SocketAddrV4::new(Ipv4Addr::LOCALHOST, port).into(),
        Duration::from_secs(2),
    )
    .map_err(|e| io_failure("load generator", "connect", &e))?;
    let mut writer = stream.try_clone()?;
    let mut reader = stream;
    let start = Instant::now();
    let sender = std::thread::spawn(move || {
        let chunk = vec![0x5au8; 64 * 1024];
        let mut left = bytes;
        while left > 0 {
            let n = left.min(chunk.len());
            if let Some(t) = remaining(deadline) {
                let _ = writer.set_write_timeout(Some(t));
            }
            if writer.write_all(&chunk[..n]).is_err() {
                return;
            }
            left -= n;
        }
        let _ = writer.shutdown(Shutdown::Write);
    });
    let mut buf = vec![0u8; 256 * 1024];
    let mut got = 0usize;
    while got < bytes {
        let Some(left) = remaining(deadline) else {
            break;
        };
        let _ = reader.set_read_timeout(Some(left));
        match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(_) => break,
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    let _ = reader.shutdown(Shutdown::Both);
    let _ = sender.join();
    if got < bytes {
        return Err(Failure::of_kind(
            Kind::Timeout,
            format!("only {got} of {bytes} bytes came back in time: the server is far too slow"),
        ));
    }
    Ok(bytes as f64 / elapsed / 1e6)
}
