//! A member of the chat as the checker plays it: a connection read line by line (a line is the
//! bytes up to and with a `\n`, however the reads cut them), and the join that makes sure a
//! client is in the server's list before the test counts on it: a client is surely in the list
//! once its own first line has come back to it, since the sender is one of the clients a line
//! goes to.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Instant;

use crate::base::escape;
use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, FailureKind, TestResult};
use crate::observe::wire::{Conn, Transcript};

/// Lines as they came, each with its `\n`.
pub type Lines = Vec<Vec<u8>>;

/// Longest excerpt of a line shown in a failure.
const SHOWN: usize = 72;

/// A client of the chat server, reading whole lines. Its failures carry the test's transcript.
pub struct Member {
    pub conn: Conn,
    t: Arc<Transcript>,
    /// Complete lines that came and were not taken yet.
    lines: VecDeque<Vec<u8>>,
    /// The bytes after the last `\n` that came.
    partial: Vec<u8>,
}

impl Member {
    pub fn connect(
        t: &Arc<Transcript>,
        who: &str,
        port: u16,
        deadline: Instant,
    ) -> Result<Member, Failure> {
        Ok(Member::from_conn(t, Conn::connect(t, who, port, deadline)?))
    }

    /// A member on a connection made elsewhere (paced connects of many clients).
    pub fn from_conn(t: &Arc<Transcript>, conn: Conn) -> Member {
        Member {
            conn,
            t: Arc::clone(t),
            lines: VecDeque::new(),
            partial: Vec::new(),
        }
    }

    /// Whether a complete line has come and not been taken yet.
    pub fn has_line(&self) -> bool {
        !self.lines.is_empty()
    }

    /// The bytes after the last `\n` that came: an unfinished line.
    pub fn unfinished(&self) -> &[u8] {
        &self.partial
    }

    pub fn who(&self) -> &str {
        &self.conn.who
    }

    /// The next complete line (its `\n` included), waiting until `deadline`.
    pub fn next_line(&mut self, deadline: Instant) -> Result<Vec<u8>, Failure> {
        loop {
            if let Some(line) = self.lines.pop_front() {
                return Ok(line);
            }
            let piece = self.conn.recv_some(64 << 10, deadline).map_err(|f| {
                if self.partial.is_empty() {
                    f
                } else {
                    f.detail(msg!("chat-unfinished-came"), shown(&self.partial))
                }
            })?;
            if piece.is_empty() {
                let f = Failure::of_kind(
                    FailureKind::EarlyEof,
                    msg!("chat-closed-while-due", who = self.who()),
                );
                return Err(self.t.attach(if self.partial.is_empty() {
                    f
                } else {
                    f.detail(msg!("chat-unfinished-came-last"), shown(&self.partial))
                }));
            }
            self.take(&piece);
        }
    }

    /// Cut what came into lines.
    fn take(&mut self, piece: &[u8]) {
        self.partial.extend_from_slice(piece);
        let mut start = 0;
        while let Some(at) = self.partial[start..].iter().position(|&b| b == b'\n') {
            self.lines
                .push_back(self.partial[start..start + at + 1].to_vec());
            start += at + 1;
        }
        self.partial.drain(..start);
    }

    /// Expect exactly `wanted`, in this order, as the next lines.
    pub fn expect_lines(&mut self, wanted: &[&[u8]], deadline: Instant) -> TestResult {
        for (i, want) in wanted.iter().enumerate() {
            let got = self
                .next_line(deadline)
                .map_err(|f| f.detail(msg!("chat-waiting-for"), shown(want)))?;
            if got != *want {
                let mut f = Failure::wrong(msg!(
                    "chat-line-not-expected",
                    who = self.who(),
                    line = (i + 1).to_string(),
                    total = wanted.len().to_string()
                ))
                .detail(msg!("label-expected"), shown(want))
                .detail(msg!("label-got"), shown(&got));
                if wanted.contains(&got.as_slice()) {
                    f = f.detail(msg!("chat-expected-in-all"), list(wanted));
                }
                return Err(self.t.attach(f));
            }
        }
        Ok(())
    }

    /// The next `n` lines; on a failure, the failure and the lines that did come.
    pub fn read_lines(&mut self, n: usize, deadline: Instant) -> Result<Lines, (Failure, Lines)> {
        let mut got = Vec::with_capacity(n);
        while got.len() < n {
            match self.next_line(deadline) {
                Ok(line) => got.push(line),
                Err(f) => return Err((f, got)),
            }
        }
        Ok(got)
    }

    /// Send `line` whole.
    pub fn say(&mut self, line: &[u8], deadline: Instant) -> TestResult {
        self.conn.send(line, deadline)
    }
}

/// A line for a failure message: escaped, cut to a readable length.
pub fn shown(line: &[u8]) -> Text {
    escape::quoted(line, SHOWN)
}

/// Lines for a failure message, one per row.
pub fn list(lines: &[&[u8]]) -> Text {
    Text::lines(lines.iter().map(|l| shown(l)))
}

/// Connect `n` clients, `client 0` to `client n-1`, one after another (see `join`). When it
/// returns, every member has read every line so far.
pub fn join_all(
    t: &Arc<Transcript>,
    port: u16,
    n: usize,
    deadline: Instant,
) -> Result<Vec<Member>, Failure> {
    let mut members: Vec<Member> = Vec::with_capacity(n);
    for k in 0..n {
        join(t, &mut members, &format!("client {k}"), port, deadline)?;
    }
    Ok(members)
}

/// Connect one more client, `who`: it says `hello from <who>` and must get it back (then it
/// is surely in the server's list), and every member already there must get it too.
pub fn join(
    t: &Arc<Transcript>,
    members: &mut Vec<Member>,
    who: &str,
    port: u16,
    deadline: Instant,
) -> TestResult {
    let m = Member::connect(t, who, port, deadline)?;
    join_as(members, m, deadline)
}

/// `m`, connected elsewhere, joins as `join` says.
pub fn join_as(members: &mut Vec<Member>, mut m: Member, deadline: Instant) -> TestResult {
    let who = m.who().to_string();
    let who = who.as_str();
    let hello = format!("hello from {who}\n");
    m.say(hello.as_bytes(), deadline)?;
    m.expect_lines(&[hello.as_bytes()], deadline)
        .map_err(|f| f.note(msg!("chat-no-own-line", who = who)))?;
    for earlier in members.iter_mut() {
        earlier
            .expect_lines(&[hello.as_bytes()], deadline)
            .map_err(|f| {
                f.note(msg!(
                    "chat-missed-hello",
                    earlier = earlier.who(),
                    who = who
                ))
            })?;
    }
    members.push(m);
    Ok(())
}
