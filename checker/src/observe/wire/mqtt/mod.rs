//! MQTT devices played by the checker: a `Conn` (every byte in the transcript) that sends and
//! reads whole packets, each also noted decoded (`device A → PUBLISH qos=1 id=7 topic=… "21.5"`),
//! and expectations that name the clause of MQTT 3.1.1 a broker breaks when they fail.

pub mod packet;

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use packet::{Packet, Will};

use super::conn::{Conn, where_it_waits};
use super::transcript::Transcript;
use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, FailureKind as Kind};

/// What a wait on the broker found.
#[derive(Debug)]
pub enum Heard {
    Packet(Packet),
    /// EOF or a reset: the broker closed the connection.
    Closed,
    /// Nothing within the wait.
    Silent,
}

/// One device: a TCP connection to the broker, and the bytes read but not decoded yet.
pub struct Device {
    conn: Conn,
    unread: Vec<u8>,
    /// Packets read ahead of the one awaited (a retained PUBLISH before its SUBACK), handed out
    /// first.
    held: VecDeque<Packet>,
    t: Arc<Transcript>,
}

impl Device {
    pub fn connect(
        t: &Arc<Transcript>,
        who: &str,
        port: u16,
        deadline: Instant,
    ) -> Result<Device, Failure> {
        Ok(Device::from(Conn::connect(t, who, port, deadline)?, t))
    }

    /// A device on a connection already made (connected in bulk, or with options of its own).
    pub fn from(conn: Conn, t: &Arc<Transcript>) -> Device {
        conn.set_nodelay();
        Device {
            conn,
            unread: Vec::new(),
            held: VecDeque::new(),
            t: Arc::clone(t),
        }
    }

    pub fn who(&self) -> &str {
        &self.conn.who
    }

    /// The checker's port of this connection (the broker's peer port).
    pub fn local_port(&self) -> u16 {
        self.conn.local_port()
    }

    /// Bytes come from the broker and not yet handed out as packets (read ahead, or waiting in
    /// our socket), and packets held: what `listen` would hand out next.
    pub fn pending(&self) -> usize {
        self.unread.len() + self.held.len() + self.conn.pending()
    }

    /// Its socket's receive buffer (SO_RCVBUF): a device that stopped reading with a small one
    /// reads again faster with a larger one.
    pub fn set_recv_buffer(&self, bytes: i32) {
        self.conn.set_recv_buffer(bytes);
    }

    /// Send a packet, noted decoded.
    pub fn send(&mut self, p: &Packet, deadline: Instant) -> Result<(), Failure> {
        self.note(format!("→ {p}"));
        self.conn.send(&p.encode(), deadline)
    }

    /// Send bytes that are no valid packet (`what` says what they are). A broker that has
    /// already closed may make the send fail: what counts is what the next read finds.
    pub fn send_raw(&mut self, bytes: &[u8], what: impl Into<Text>, deadline: Instant) {
        let what = Text::Plain("→ (".into())
            .then(what.into())
            .then(Text::Plain(")".into()));
        self.t.note(&self.conn.who, what);
        let _ = self.conn.send(bytes, deadline);
    }

    /// Several packets in one write (one segment on loopback).
    pub fn send_together(&mut self, packets: &[Packet], deadline: Instant) -> Result<(), Failure> {
        let names: Vec<String> = packets.iter().map(|p| p.to_string()).collect();
        let said = msg!("mqtt-in-one-write", packets = names.join(" + "));
        self.t.note(&self.conn.who, said);
        // Each packet's bytes appended whole: a byte-by-byte `flat_map`, unoptimized as the
        // checker is built, was most of `stalled-subscriber`'s CPU (16 MiB of PUBLISHes).
        let bytes: Vec<u8> = packets
            .iter()
            .map(Packet::encode)
            .collect::<Vec<_>>()
            .concat();
        self.conn.send(&bytes, deadline)
    }

    /// CONNECT, and its CONNACK must accept: whether the broker says a session was present.
    pub fn handshake(
        &mut self,
        client_id: &str,
        clean_session: bool,
        keep_alive: u16,
        will: Option<Will>,
        deadline: Instant,
    ) -> Result<bool, Failure> {
        self.send_connect(client_id, clean_session, keep_alive, will, deadline)?;
        let connack = self.recv("CONNACK", "3.2", deadline)?;
        self.accepted(connack)
    }

    /// CONNECT, without waiting for its CONNACK.
    pub fn send_connect(
        &mut self,
        client_id: &str,
        clean_session: bool,
        keep_alive: u16,
        will: Option<Will>,
        deadline: Instant,
    ) -> Result<(), Failure> {
        let connect = Packet::Connect {
            clean_session,
            keep_alive,
            client_id: client_id.to_string(),
            will,
        };
        self.send(&connect, deadline)
    }

    /// The answer to a CONNECT, which must be a CONNACK that accepts: whether the broker says a
    /// session was present.
    pub fn accepted(&self, answer: Packet) -> Result<bool, Failure> {
        match answer {
            Packet::Connack {
                session_present,
                return_code: 0,
            } => Ok(session_present),
            other => Err(self.unexpected(&other, "CONNACK rc=0", "3.2.2.3")),
        }
    }

    /// SUBSCRIBE (packet id 1): the SUBACK's return codes, which must be for that packet id. A
    /// PUBLISH the subscription matches may come before it (3.8.4): it is kept for the next read.
    pub fn subscribe(
        &mut self,
        filters: &[(&str, u8)],
        deadline: Instant,
    ) -> Result<Vec<u8>, Failure> {
        let filters = filters.iter().map(|&(f, q)| (f.to_string(), q)).collect();
        self.send(
            &Packet::Subscribe {
                packet_id: 1,
                filters,
            },
            deadline,
        )?;
        let mut early = Vec::new();
        let codes = loop {
            match self.recv("SUBACK", "3.9", deadline)? {
                Packet::Suback {
                    packet_id: 1,
                    return_codes,
                } => break return_codes,
                p @ Packet::Publish { .. } => early.push(p),
                other => return Err(self.unexpected(&other, "SUBACK id=1", "3.8.4")),
            }
        };
        for p in early.into_iter().rev() {
            self.held.push_front(p);
        }
        Ok(codes)
    }

    /// PUBLISH; at QoS 1 its PUBACK must come, for the same packet id.
    pub fn publish(
        &mut self,
        topic: &str,
        payload: &[u8],
        qos: u8,
        retain: bool,
        deadline: Instant,
    ) -> Result<(), Failure> {
        self.send(&Packet::publish(topic, payload, qos, retain, 9), deadline)?;
        if qos == 1 {
            self.expect(&Packet::Puback { packet_id: 9 }, "3.3.4", deadline)?;
        }
        Ok(())
    }

    /// The next packet must be `expected`, byte for byte (`clause`: where 3.1.1 says so).
    pub fn expect(
        &mut self,
        expected: &Packet,
        clause: impl Into<Text>,
        deadline: Instant,
    ) -> Result<(), Failure> {
        let clause: Text = clause.into();
        let got = self.recv(expected.to_string(), clause.clone(), deadline)?;
        if got == *expected {
            return Ok(());
        }
        // Both as bytes too: where a flag or a length differs, the byte diff points at it.
        let summary = msg!(
            "mqtt-expected-got",
            who = self.who(),
            expected = expected.to_string(),
            got = got.to_string(),
            clause = clause.clone()
        );
        Err(self
            .conn
            .mismatch(summary, &expected.encode(), &got.encode()))
    }

    /// The next packet must be a PUBLISH: it is acknowledged at QoS 1 (`ack`), and returned.
    pub fn message(
        &mut self,
        ack: bool,
        clause: impl Into<Text>,
        deadline: Instant,
    ) -> Result<Packet, Failure> {
        let clause: Text = clause.into();
        let got = self.recv("PUBLISH", clause.clone(), deadline)?;
        match &got {
            Packet::Publish {
                packet_id: Some(id),
                ..
            } if ack => {
                let id = *id;
                self.send(&Packet::Puback { packet_id: id }, deadline)?;
            }
            Packet::Publish { .. } => {}
            other => return Err(self.unexpected(other, "PUBLISH", clause.clone())),
        }
        Ok(got)
    }

    /// The next PUBLISH must carry `topic` and `payload` (acknowledged if QoS 1).
    pub fn expect_message(
        &mut self,
        topic: &str,
        payload: &[u8],
        clause: impl Into<Text>,
        deadline: Instant,
    ) -> Result<Packet, Failure> {
        let clause: Text = clause.into();
        let got = self.message(true, clause.clone(), deadline)?;
        if let Packet::Publish {
            topic: t,
            payload: p,
            ..
        } = &got
            && t == topic
            && p == payload
        {
            return Ok(got);
        }
        let wanted = format!(
            "PUBLISH topic={topic} \"{}\"",
            crate::base::escape::bytes(payload)
        );
        Err(self.unexpected(&got, &wanted, clause))
    }

    /// The next packet, which must come before `deadline` (`expecting` names it for the report).
    pub fn recv(
        &mut self,
        expecting: impl Into<Text>,
        clause: impl Into<Text>,
        deadline: Instant,
    ) -> Result<Packet, Failure> {
        let clause: Text = clause.into();
        let expecting: Text = expecting.into();
        loop {
            if let Some(p) = self.decoded()? {
                return Ok(p);
            }
            match self.conn.recv_some(65536, deadline) {
                Ok(bytes) if bytes.is_empty() => {
                    return Err(self.unexpected_close(expecting, clause));
                }
                Ok(bytes) => self.unread.extend_from_slice(&bytes),
                Err(f) if f.kind == Some(Kind::Timeout) => {
                    let waited = Failure::of_kind(
                        Kind::Timeout,
                        msg!(
                            "mqtt-nothing-came",
                            who = self.who(),
                            expected = expecting,
                            clause = clause.clone()
                        ),
                    );
                    return Err(self.t.attach(where_it_waits(&f, waited)));
                }
                Err(f) => return Err(f),
            }
        }
    }

    /// Wait at most `wait` for a packet, or for the broker to close.
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

    /// After `what` was sent, the broker must close the connection within `wait`, sending
    /// nothing first (`clause` says why).
    pub fn expect_closed(
        &mut self,
        what: impl Into<Text>,
        clause: impl Into<Text>,
        wait: Duration,
    ) -> Result<(), Failure> {
        let what: Text = what.into();
        let clause: Text = clause.into();
        let instead = match self.listen(wait)? {
            Heard::Closed => return Ok(()),
            Heard::Packet(p) => msg!("mqtt-instead-sent", got = p.to_string()),
            Heard::Silent => return Err(self.not_closed_after(what, clause, wait)),
        };
        Err(self.t.attach(Failure::wrong(msg!(
            "mqtt-not-closed",
            who = self.who(),
            what = what.clone(),
            clause = clause.clone(),
            instead = instead
        ))))
    }

    /// End without DISCONNECT: a reset, as a device that loses power leaves its broker.
    pub fn reset(self) {
        self.conn.reset();
    }

    /// End without DISCONNECT: a plain close (FIN), as a device whose program ended.
    pub fn close(mut self) {
        self.conn.shutdown_write();
    }

    /// Its side closed (FIN), its socket still read: a device that sent its last bytes.
    pub fn half_close(&mut self) {
        self.note("→ (EOF: shutdown(SHUT_WR))".to_string());
        self.conn.shutdown_write();
    }

    /// The broker closed the connection where `expected` was due.
    /// A wrong answer, not an early end of data: the close is the broker's decision, and the
    /// test's hint (about that decision) is the one to show, not the general one about EOF.
    pub fn unexpected_close(&self, expected: impl Into<Text>, clause: impl Into<Text>) -> Failure {
        let clause: Text = clause.into();
        let expected: Text = expected.into();
        self.t.attach(Failure::wrong(msg!(
            "mqtt-closed-instead",
            who = self.who(),
            expected = expected,
            clause = clause
        )))
    }

    /// The broker kept the connection open `after` the moment `what` should have closed it:
    /// only silence was seen (`Failure::only_silence`), judged as a timeout is. No kind: the
    /// test's own hint says what the standard asks, where a timeout's would talk of endless loops.
    pub fn not_closed_after(
        &self,
        what: impl Into<Text>,
        clause: impl Into<Text>,
        after: Duration,
    ) -> Failure {
        let what: Text = what.into();
        let clause: Text = clause.into();
        let instead = msg!(
            "mqtt-instead-open",
            secs = format!("{:.1}", after.as_secs_f64())
        );
        let f = Failure::wrong(msg!(
            "mqtt-not-closed",
            who = self.who(),
            what = what.clone(),
            clause = clause.clone(),
            instead = instead
        ));
        self.t.attach(Failure {
            only_silence: true,
            ..f
        })
    }

    /// A packet that is not the one due.
    pub fn unexpected(
        &self,
        got: &Packet,
        expected: impl Into<Text>,
        clause: impl Into<Text>,
    ) -> Failure {
        let clause: Text = clause.into();
        let expected: Text = expected.into();
        self.t.attach(Failure::wrong(msg!(
            "mqtt-expected-got",
            who = self.who(),
            expected = expected.clone(),
            got = got.to_string(),
            clause = clause.clone()
        )))
    }

    /// The next whole packet among the bytes read, noted; a malformed one fails.
    fn decoded(&mut self) -> Result<Option<Packet>, Failure> {
        if let Some(p) = self.held.pop_front() {
            return Ok(Some(p));
        }
        match packet::decode(&self.unread) {
            Ok(Some((p, n))) => {
                self.unread.drain(..n);
                self.note(format!("← {p}"));
                Ok(Some(p))
            }
            Ok(None) => Ok(None),
            Err(error) => Err(self.t.attach(Failure::wrong(msg!(
                "mqtt-malformed",
                who = self.who(),
                error = error
            )))),
        }
    }

    fn note(&self, line: String) {
        self.t.note(&self.conn.who, Text::Plain(line));
    }
}
