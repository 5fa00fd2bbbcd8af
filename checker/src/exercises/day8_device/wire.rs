//! The broker's side of one connection from the device: every byte in the transcript, packets
//! read whole and decoded as a client sends them (`decode`), each also noted decoded (`connection 2 ← PUBLISH qos=1 id=3
//! dup topic=… "r1"`).

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, FailureKind as Kind};
use crate::observe::wire::conn::{gave_up, stuck_failure, where_it_waits};
use crate::observe::wire::mqtt::Packet;
use crate::observe::wire::{Conn, Transcript};

use super::decode::{decode, frame_len};

/// What a wait on the device found.
#[derive(Debug)]
pub enum Heard {
    Packet(Packet),
    /// EOF or a reset: the device closed the connection.
    Closed,
    /// Nothing within the wait.
    Silent,
}

/// One connection of the device, accepted by the checker's broker.
pub struct Link {
    conn: Conn,
    unread: Vec<u8>,
    /// The connection's number in the test, from 1.
    pub n: usize,
    t: Arc<Transcript>,
    /// When the broker last sent something on it (a refusal, a close): the device's wait
    /// before its next attempt starts no earlier.
    pub last_sent: Instant,
}

impl Link {
    pub fn new(conn: Conn, n: usize, t: &Arc<Transcript>) -> Link {
        conn.set_nodelay();
        Link {
            conn,
            unread: Vec::new(),
            n,
            t: Arc::clone(t),
            last_sent: Instant::now(),
        }
    }

    pub fn who(&self) -> &str {
        &self.conn.who
    }

    /// Send a packet, noted decoded.
    pub fn send(&mut self, p: &Packet, deadline: Instant) -> Result<(), Failure> {
        self.t.note(&self.conn.who, Text::Plain(format!("→ {p}")));
        self.last_sent = Instant::now();
        // A device that has already closed may make the send fail: what counts is what the
        // next read finds.
        match self.conn.send(&p.encode(), deadline) {
            Err(f) if f.kind == Some(Kind::Timeout) => Err(f),
            _ => Ok(()),
        }
    }

    /// The bytes of the next whole packet, undecoded (CONNECT, compared byte for byte).
    pub fn raw(
        &mut self,
        expecting: impl Into<Text>,
        clause: impl Into<Text>,
        deadline: Instant,
    ) -> Result<Vec<u8>, Failure> {
        let (expecting, clause) = (expecting.into(), clause.into());
        loop {
            if let Some(len) = frame_len(&self.unread).map_err(|e| self.malformed(e))? {
                let bytes: Vec<u8> = self.unread.drain(..len).collect();
                return Ok(bytes);
            }
            match self.read(&expecting, &clause, deadline)? {
                true => {}
                false => return Err(self.closed_instead(expecting, clause)),
            }
        }
    }

    /// The next packet, which must come before `deadline` (`expecting` names it for the
    /// report, `clause` the rule that makes it due).
    pub fn next(
        &mut self,
        expecting: impl Into<Text>,
        clause: impl Into<Text>,
        deadline: Instant,
    ) -> Result<Packet, Failure> {
        let (expecting, clause) = (expecting.into(), clause.into());
        match self.hear(&expecting, &clause, deadline)? {
            Heard::Packet(p) => Ok(p),
            Heard::Closed => Err(self.closed_instead(expecting, clause)),
            Heard::Silent => Err(self.nothing_came(expecting, clause, None)),
        }
    }

    /// The next packet, the device's close, or silence until `deadline`; a device found stuck
    /// ends the wait with where it sleeps.
    pub fn hear(
        &mut self,
        expecting: &Text,
        clause: &Text,
        deadline: Instant,
    ) -> Result<Heard, Failure> {
        loop {
            if let Some(p) = self.decoded()? {
                return Ok(Heard::Packet(p));
            }
            if Instant::now() >= deadline {
                return Ok(Heard::Silent);
            }
            match self.read(expecting, clause, deadline) {
                Ok(true) => {}
                Ok(false) => return Ok(Heard::Closed),
                Err(f) if f.kind == Some(Kind::Timeout) && !f.is_stuck() => {
                    return Ok(Heard::Silent);
                }
                Err(f) => return Err(f),
            }
        }
    }

    /// Wait at most `wait` for a packet or the close, without asking whether the device is
    /// stuck: a window in which something must not come.
    pub fn listen(&mut self, wait: Duration) -> Result<Heard, Failure> {
        let deadline = Instant::now() + wait;
        loop {
            if let Some(p) = self.decoded()? {
                return Ok(Heard::Packet(p));
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if !self.conn.readable_within(left) {
                return Ok(Heard::Silent);
            }
            match self
                .conn
                .recv_some(65536, Instant::now() + Duration::from_millis(100))
            {
                Ok(bytes) if bytes.is_empty() => return Ok(Heard::Closed),
                Ok(bytes) => self.unread.extend_from_slice(&bytes),
                Err(f) if f.kind == Some(Kind::Reset) => return Ok(Heard::Closed),
                Err(f) if f.kind == Some(Kind::Timeout) => {}
                Err(f) => return Err(f),
            }
        }
    }

    /// Read what comes: true for bytes, false for the device's close (EOF or reset).
    fn read(
        &mut self,
        expecting: &Text,
        clause: &Text,
        deadline: Instant,
    ) -> Result<bool, Failure> {
        match self.conn.recv_some(65536, deadline) {
            Ok(bytes) if bytes.is_empty() => Ok(false),
            Ok(bytes) => {
                self.unread.extend_from_slice(&bytes);
                Ok(true)
            }
            Err(f) if f.kind == Some(Kind::Reset) => Ok(false),
            Err(f) if f.kind == Some(Kind::Timeout) && f.is_stuck() => {
                Err(self.nothing_came(expecting.clone(), clause.clone(), Some(&f)))
            }
            Err(f) => Err(f),
        }
    }

    /// The failure of a wait for `expecting` that ran out, or found the device stuck (`from`
    /// says where it sleeps).
    pub fn nothing_came(&self, expecting: Text, clause: Text, from: Option<&Failure>) -> Failure {
        let waited = Failure::of_kind(
            Kind::Timeout,
            msg!(
                "device-nothing-came",
                who = self.who(),
                expected = expecting,
                clause = clause
            ),
        );
        let waited = match from {
            Some(f) => where_it_waits(f, waited),
            None => match self.t.stuck() {
                Some(stuck) => {
                    self.t.note(self.who(), gave_up(&stuck));
                    where_it_waits(&stuck_failure(self.who(), stuck), waited)
                }
                None => match self.t.program_now() {
                    Some(now) => {
                        waited.whereabouts(crate::base::verdict::Whereabouts::WhenTimeRanOut, now)
                    }
                    None => waited,
                },
            },
        };
        self.t.attach(waited)
    }

    /// The device closed the connection where `expected` was due.
    pub fn closed_instead(&self, expected: Text, clause: Text) -> Failure {
        self.t.attach(Failure::wrong(msg!(
            "device-closed-instead",
            who = self.who(),
            expected = expected,
            clause = clause
        )))
    }

    /// A packet that is not the one due: what the device did wrong on the wire, proven by
    /// the packet itself whatever the timing.
    pub fn unexpected(
        &self,
        got: &Packet,
        expected: impl Into<Text>,
        clause: impl Into<Text>,
    ) -> Failure {
        self.t
            .attach(Failure::wrong(msg!(
                "device-expected-got",
                who = self.who(),
                expected = expected.into(),
                got = got.to_string(),
                clause = clause.into()
            )))
            .proven()
    }

    /// `expected` and `got` as bytes too: where a flag or a length differs, the diff shows it.
    pub fn mismatch(&self, summary: Text, expected: &[u8], got: &[u8]) -> Failure {
        self.conn.mismatch(summary, expected, got).proven()
    }

    /// Send a FIN, and go on reading what the device still sends.
    pub fn shut_down(&mut self) {
        self.conn.shutdown_write();
    }

    /// Close with a RST.
    pub fn reset(self) {
        self.conn.reset();
    }

    pub fn note(&self, text: impl Into<Text>) {
        self.t.note(&self.conn.who, text);
    }

    /// The next whole packet among the bytes read, noted; a malformed one fails.
    fn decoded(&mut self) -> Result<Option<Packet>, Failure> {
        match decode(&self.unread) {
            Ok(Some((p, n))) => {
                self.unread.drain(..n);
                self.t.note(&self.conn.who, Text::Plain(format!("← {p}")));
                Ok(Some(p))
            }
            Ok(None) => Ok(None),
            Err(error) => Err(self.malformed(error)),
        }
    }

    fn malformed(&self, error: Text) -> Failure {
        self.t
            .attach(Failure::wrong(msg!(
                "device-malformed",
                who = self.who(),
                error = error
            )))
            .proven()
    }
}
