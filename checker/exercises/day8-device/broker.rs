//! The checker's broker: a listener of the test's own on loopback, the device started with its
//! port on its command line (`sensor`), and each connection served as the test's `Manner` says
//! (session present or not, PUBACKs at once, late or never, PINGREQs answered or not). What the
//! device publishes is checked as it comes against the readings fed to it (`Ledger`): the
//! rules of resending (4.4), order (4.6) and packet ids (2.3.1-2) hold whatever its design,
//! one PUBLISH in flight at a time or many.

use std::collections::{HashSet, VecDeque};

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, FailureKind as Kind, Whereabouts};
use crate::context::Ctx;
use crate::observe::wire::conn;
use crate::observe::wire::mqtt::Packet;
use crate::observe::wire::server::loopback;
use crate::observe::wire::{Conn, Transcript};

use super::fates::{Fate, Ledger};
use super::port::{Port, listening, port_sharing_socket};
use super::sensor::{Sensor, Setup};
use super::wire::{Heard, Link};

/// When the broker PUBACKs a reading.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Acks {
    AtOnce,
    After(Duration),
    /// Only when the test says (`Broker::ack`).
    Held,
}

/// How the broker treats one connection.
#[derive(Clone, Copy)]
pub struct Manner {
    pub session_present: bool,
    pub acks: Acks,
    /// PINGREQ answered with PINGRESP; false: a half-open link, silent.
    pub pings: bool,
    /// The readings not acknowledged on an earlier connection must come again before any
    /// PUBLISH with a new packet id (4.4); false where a test judges only that they come.
    pub resends_first: bool,
}

impl Manner {
    pub const fn fresh() -> Manner {
        Manner {
            session_present: false,
            acks: Acks::AtOnce,
            pings: true,
            resends_first: true,
        }
    }

    pub const fn resumed() -> Manner {
        Manner {
            session_present: true,
            ..Manner::fresh()
        }
    }

    pub const fn held(self) -> Manner {
        Manner {
            acks: Acks::Held,
            ..self
        }
    }
}

/// What one step of a connection brought.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// A reading PUBLISH: which reading (its index among those fed), its id, whether it is
    /// the first send.
    Reading {
        index: usize,
        id: u16,
        first: bool,
    },
    Birth,
    Subscribed,
    /// The device's PUBACK for a command of the broker.
    CommandAcked(u16),
    Pinged,
    /// Anything else answered or allowed (a birth of an earlier connection again).
    Other,
    Disconnected,
    Closed,
    Silent,
}

/// One connection, up (its CONNACK 0 sent), and what is due on it.
pub struct Up {
    pub link: Link,
    pub(super) manner: Manner,
    /// Readings not acknowledged on earlier connections, to come again first, in order.
    pub(super) resends_due: VecDeque<usize>,
    subscribed: bool,
    /// Its birth has come.
    pub(super) born: bool,
    /// Its PUBACKs due later (`Acks::After`).
    pub(super) acks_due: VecDeque<(Instant, u16)>,
}

impl Up {
    pub fn subscribed(&self) -> bool {
        self.subscribed
    }
}

/// The broker: its port (listening, or held while it is down), the device, and the ledger.
pub struct Broker {
    listener: Port,
    pub port: u16,
    pub t: Arc<Transcript>,
    links: usize,
    pub device: Sensor,
    pub ledger: Ledger,
    /// Commands sent at QoS 1 and not yet acknowledged by the device.
    commands: HashSet<u16>,
    /// When the last connection was accepted.
    pub accepted_at: Option<Instant>,
}

impl Broker {
    /// A broker listening, and the device started against it.
    pub fn start(
        ctx: &Ctx,
        t: &Arc<Transcript>,
        id: &str,
        setup: Setup,
    ) -> Result<Broker, Failure> {
        let listener = loopback(|| listening(port_sharing_socket(0)?), |l| l.local_addr())?;
        let port = listener.local_addr()?.port();
        t.note(
            "broker",
            msg!("device-broker-listens", port = port.to_string()),
        );
        let device = Sensor::start(ctx, port, id, setup)?;
        Ok(Broker {
            listener: Port::Up(listener),
            port,
            t: Arc::clone(t),
            links: 0,
            device,
            ledger: Ledger::default(),
            commands: HashSet::new(),
            accepted_at: None,
        })
    }

    pub fn topic(&self, what: &str) -> String {
        format!("devices/{}/{what}", self.device.id)
    }

    /// The broker goes away: its listener closes, and a connect is refused until `up`; the port
    /// stays held (bound, not listening) by a socket that becomes the listener again.
    pub fn down(&mut self) -> Result<(), Failure> {
        if let Port::Up(_) = self.listener {
            self.listener = Port::Down(port_sharing_socket(self.port)?);
        }
        self.t.note("broker", msg!("device-broker-down"));
        Ok(())
    }

    /// The broker comes back on the same port.
    pub fn up(&mut self) -> Result<(), Failure> {
        if let Port::Down(held) = &self.listener {
            self.listener = Port::Up(listening(held.try_clone()?)?);
        }
        self.t.note("broker", msg!("device-broker-back"));
        Ok(())
    }

    /// Feed readings: each a line on the device's stdin, its payload unique in the test.
    pub fn feed(&mut self, readings: &[String]) -> Result<(), Failure> {
        let mut bytes = Vec::new();
        for r in readings {
            self.note_reading(r.as_bytes());
            bytes.extend_from_slice(r.as_bytes());
            bytes.push(b'\n');
        }
        self.device.write(&self.t, &bytes)
    }

    /// A reading the device will read (fed by the test in its own pieces).
    pub fn note_reading(&mut self, payload: &[u8]) {
        self.ledger
            .by_payload
            .insert(payload.to_vec(), self.ledger.readings.len());
        self.ledger.readings.push(payload.to_vec());
        self.ledger.fates.push(Fate::Unsent);
    }

    /// The next connection of the device, accepted before `deadline`.
    pub fn accept(&mut self, deadline: Instant) -> Result<Link, Failure> {
        let Port::Up(listener) = &self.listener else {
            return Err(Failure::checker_error("the broker is down"));
        };
        let n = self.links + 1;
        let program = &mut self.device.program;
        // A connection, or the device's exit (the contract: it never exits on a network error).
        let got = self.t.wait_or_stuck(deadline, |step| {
            loop {
                match listener.accept() {
                    Ok((stream, _)) => return Some(Some(stream)),
                    Err(_) if program.try_status().is_some() => return Some(None),
                    Err(_) if Instant::now() >= step => return None,
                    Err(_) => std::thread::sleep(Duration::from_millis(1)),
                }
            }
        });
        let waited = || Failure::of_kind(Kind::Timeout, msg!("device-no-connection", n = n));
        let stream = match got {
            Ok(Some(Some(stream))) => stream,
            Ok(Some(None)) => {
                let exited = program.unexpected_exit(msg!("device-awaiting-connection", n = n));
                return Err(self.t.attach(exited));
            }
            Ok(None) => {
                return Err(self.t.attach(match self.t.program_now() {
                    Some(now) => waited().whereabouts(Whereabouts::WhenTimeRanOut, now),
                    None => waited(),
                }));
            }
            Err(stuck) => {
                let who = format!("connection {n}");
                self.t.note("broker", conn::gave_up(&stuck));
                let f = conn::stuck_failure(&who, stuck);
                return Err(self.t.attach(conn::where_it_waits(&f, waited())));
            }
        };
        self.links = n;
        self.accepted_at = Some(Instant::now());
        let who = format!("connection {n}");
        self.t.note(&who, msg!("device-accepted"));
        let conn = Conn::accepted(&self.t, &who, stream);
        self.t.name_port(conn.local_port(), &who);
        Ok(Link::new(conn, n, &self.t))
    }

    /// The device's CONNECT on `link` (any the lab's subset allows: `connect-packet` judges
    /// its bytes).
    pub fn expect_connect(&mut self, link: &mut Link, deadline: Instant) -> Result<(), Failure> {
        match link.next("CONNECT", "3.1.0-1", deadline)? {
            Packet::Connect { .. } => Ok(()),
            other => Err(link.unexpected(&other, "CONNECT", "3.1.0-1")),
        }
    }

    /// Accept the next connection, take its CONNECT and accept it: the connection is up.
    pub fn connect(&mut self, manner: Manner, deadline: Instant) -> Result<Up, Failure> {
        let mut link = self.accept(deadline)?;
        self.expect_connect(&mut link, deadline)?;
        self.accept_connect(link, manner, deadline)
    }

    /// CONNACK 0 on a connection whose CONNECT came.
    pub fn accept_connect(
        &mut self,
        mut link: Link,
        manner: Manner,
        deadline: Instant,
    ) -> Result<Up, Failure> {
        link.send(
            &Packet::Connack {
                session_present: manner.session_present,
                return_code: 0,
            },
            deadline,
        )?;
        let mut due: Vec<(u16, usize)> = self
            .ledger
            .fates
            .iter()
            .enumerate()
            .filter_map(|(i, f)| match f {
                Fate::Sent { id, .. } => Some((*id, i)),
                _ => None,
            })
            .collect();
        due.sort_by_key(|&(_, i)| i);
        // A birth never acknowledged may come again with DUP; a new one needs a new id.
        let births: Vec<u16> = (self.ledger.in_flight.iter())
            .filter(|(_, r)| r.is_none())
            .map(|(id, _)| *id)
            .collect();
        for id in births {
            self.ledger.in_flight.remove(&id);
            self.ledger.old_births.insert(id);
        }
        Ok(Up {
            link,
            manner,
            resends_due: due.into_iter().map(|(_, i)| i).collect(),
            subscribed: false,
            born: false,
            acks_due: VecDeque::new(),
        })
    }

    /// The next thing the device does on `up` before `deadline` (`expecting` names what the
    /// test waits for). PINGREQ, SUBSCRIBE and births are answered as the manner says, and
    /// every PUBLISH is checked against the ledger.
    pub fn step(
        &mut self,
        up: &mut Up,
        expecting: &Text,
        deadline: Instant,
    ) -> Result<Event, Failure> {
        let clause = msg!("device-clause-contract");
        loop {
            while let Some(&(at, id)) = up.acks_due.front() {
                if at > Instant::now() {
                    break;
                }
                up.acks_due.pop_front();
                self.ack(up, id, deadline)?;
            }
            let until = up
                .acks_due
                .front()
                .map_or(deadline, |&(at, _)| at.min(deadline));
            match up.link.hear(expecting, &clause, until)? {
                Heard::Silent if Instant::now() >= deadline => return Ok(Event::Silent),
                Heard::Silent => {}
                Heard::Closed => return Ok(Event::Closed),
                Heard::Packet(p) => return self.handle(up, p, deadline),
            }
        }
    }

    /// `step`, until `done` says the event is the one awaited; a close or silence fails.
    pub fn until(
        &mut self,
        up: &mut Up,
        expecting: Text,
        deadline: Instant,
        mut done: impl FnMut(&Broker, Event) -> bool,
    ) -> Result<Event, Failure> {
        loop {
            match self.step(up, &expecting, deadline)? {
                Event::Closed => {
                    return Err(up
                        .link
                        .closed_instead(expecting, msg!("device-clause-contract")));
                }
                Event::Silent => {
                    return Err(up.link.nothing_came(
                        expecting,
                        msg!("device-clause-contract"),
                        None,
                    ));
                }
                e if done(self, e) => return Ok(e),
                _ => {}
            }
        }
    }

    /// Serve `up` until every reading fed is acknowledged (or dropped, where allowed).
    pub fn deliver_all(&mut self, up: &mut Up, deadline: Instant) -> Result<(), Failure> {
        if self.ledger.all_acked() {
            return Ok(());
        }
        let left = self
            .ledger
            .fates
            .iter()
            .position(|f| !matches!(f, Fate::Acked | Fate::Dropped));
        let awaited = match left {
            Some(i) => msg!("device-awaiting-reading", reading = self.shown(i)),
            None => msg!("device-awaiting-readings"),
        };
        self.until(up, awaited, deadline, |b, _| b.ledger.all_acked())?;
        Ok(())
    }

    /// PUBACK the device's PUBLISH `id`.
    pub fn ack(&mut self, up: &mut Up, id: u16, deadline: Instant) -> Result<(), Failure> {
        up.link.send(&Packet::Puback { packet_id: id }, deadline)?;
        if let Some(Some(i)) = self.ledger.in_flight.remove(&id) {
            self.ledger.fates[i] = Fate::Acked;
        }
        Ok(())
    }

    /// A command to the device on its cmd topic: QoS 1 with `id` (and `dup`), or QoS 0.
    pub fn command(
        &mut self,
        up: &mut Up,
        payload: &str,
        id: Option<u16>,
        dup: bool,
        deadline: Instant,
    ) -> Result<(), Failure> {
        let p = Packet::Publish {
            dup,
            qos: if id.is_some() { 1 } else { 0 },
            retain: false,
            topic: self.topic("cmd"),
            packet_id: id,
            payload: payload.as_bytes().to_vec(),
        };
        if let Some(id) = id {
            self.commands.insert(id);
        }
        up.link.send(&p, deadline)
    }

    /// The connection the commands were sent on is gone: their PUBACKs will not come.
    pub fn forget_commands(&mut self) {
        self.commands.clear();
    }

    /// A reading as the transcript shows it.
    pub fn shown(&self, i: usize) -> String {
        format!(
            "\"{}\"",
            crate::base::escape::bytes(&self.ledger.readings[i])
        )
    }

    fn handle(&mut self, up: &mut Up, p: Packet, deadline: Instant) -> Result<Event, Failure> {
        match p {
            Packet::Pingreq => {
                if up.manner.pings {
                    up.link.send(&Packet::Pingresp, deadline)?;
                }
                Ok(Event::Pinged)
            }
            Packet::Subscribe {
                packet_id,
                ref filters,
            } => {
                let wanted = vec![(self.topic("cmd"), 1)];
                if *filters != wanted {
                    let expected = format!("SUBSCRIBE id={packet_id} {}:qos=1", self.topic("cmd"));
                    return Err(up
                        .link
                        .unexpected(&p, expected, msg!("device-clause-subscribe")));
                }
                up.subscribed = true;
                let suback = Packet::Suback {
                    packet_id,
                    return_codes: vec![1],
                };
                up.link.send(&suback, deadline)?;
                Ok(Event::Subscribed)
            }
            Packet::Puback { packet_id } => {
                if self.commands.remove(&packet_id) {
                    return Ok(Event::CommandAcked(packet_id));
                }
                Err(up
                    .link
                    .unexpected(&p, msg!("device-no-such-command"), "3.4, 4.3.2"))
            }
            Packet::Disconnect => {
                // As a broker does (3.14.4: it closes the connection if the client has not), so a
                // device that waits for the broker's FIN before it closes ends at once.
                up.link.shut_down();
                Ok(Event::Disconnected)
            }
            Packet::Publish { .. } => self.publish(up, p, deadline),
            other => Err(up
                .link
                .unexpected(&other, msg!("device-not-now"), "3.1.0-2")),
        }
    }
}
