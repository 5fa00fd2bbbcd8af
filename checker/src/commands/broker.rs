//! `checker broker`: day8-device's misbehaving broker, as a command a student runs by hand
//! against a device started in another terminal. It reads what the device sends as the tests
//! read it (the exercise's decoder) and answers with the tests' codec (`observe::wire::mqtt`),
//! prints every packet both ways, decoded, with the time since it started, and misbehaves as
//! the tests do, each misbehaviour chosen by name. One connection at a time, as one device
//! makes them; it runs until Ctrl+C or SIGTERM (main's handler ends the process).

use std::collections::{HashSet, VecDeque};
use std::io::{ErrorKind, Read, Write};
use std::net::{Ipv4Addr, Shutdown, SocketAddrV4, TcpListener, TcpStream};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::base::i18n::{Localized, Messages, Text, msg};
use crate::cli::Misbehaviour;
use crate::exercises::device_packets::decode;
use crate::observe::wire::mqtt::Packet;

/// What the command line asks for.
pub struct Request<'a> {
    pub port: Option<u16>,
    pub misbehave: &'a [Misbehaviour],
    pub command: Option<&'a str>,
    pub dup: bool,
}

/// The port a broker has by default (IANA's for MQTT).
const MQTT_PORT: u16 = 1883;
/// How long a dropped connection is still read, for what the device sent before it saw the
/// close: the tests' hang-up reads as long.
const HANG_UP: Duration = Duration::from_secs(1);

/// What is left to do wrong, counted down as it is done.
#[derive(Default)]
struct Plan {
    refusals: u32,
    code: u8,
    puback_delay: Option<Duration>,
    drops: u32,
    half_open: bool,
    lost_sessions: u32,
    /// Sent once, at the first SUBSCRIBE.
    command: Option<String>,
    dup: bool,
}

impl Plan {
    fn of(r: &Request) -> Plan {
        let mut plan = Plan {
            command: r.command.map(str::to_string),
            dup: r.dup,
            code: 3,
            ..Plan::default()
        };
        for m in r.misbehave {
            match *m {
                Misbehaviour::Refuse { times, code } => (plan.refusals, plan.code) = (times, code),
                Misbehaviour::SlowPuback(ms) => plan.puback_delay = Some(Duration::from_millis(ms)),
                Misbehaviour::Drop(n) => plan.drops = n,
                Misbehaviour::HalfOpen => plan.half_open = true,
                Misbehaviour::LostSession(n) => plan.lost_sessions = n,
            }
        }
        plan
    }
}

/// One connection of the device.
struct Link {
    stream: TcpStream,
    n: usize,
    unread: Vec<u8>,
    /// PINGREQ left unanswered on it.
    half_open: bool,
    /// Closed after the next reading's PUBLISH.
    drop_armed: bool,
    acks_due: VecDeque<(Instant, u16)>,
    /// The broker's command on it, its id, while its DUP copy is due (`--dup`).
    command: Option<(u16, Packet)>,
}

/// How a step on a connection ended.
enum Next {
    Keep,
    /// The broker closes it: FIN, and what still comes read for `HANG_UP`.
    HangUp,
    /// The device closed it (or broke it): nothing more to read.
    Gone,
}

/// The broker's run: its plan, the sessions it keeps (clean session 0), and its printer.
struct Broker<'a> {
    plan: Plan,
    sessions: HashSet<String>,
    commands_sent: u16,
    start: Instant,
    tr: &'a Messages,
}

pub fn run(request: Request, tr: &Messages) -> Result<ExitCode> {
    let (listener, port) = listen(request.port)?;
    let mut b = Broker {
        plan: Plan::of(&request),
        sessions: HashSet::new(),
        commands_sent: 0,
        start: Instant::now(),
        tr,
    };
    b.say(msg!("broker-listening", port = port.to_string()));
    for m in request.misbehave {
        b.say(described(m));
    }
    if request.misbehave.is_empty() {
        b.say(msg!("broker-behaves"));
    }
    let mut link: Option<Link> = None;
    let mut links = 0;
    loop {
        if let Some(stream) = accepted(&listener) {
            links += 1;
            if let Some(old) = link.take() {
                b.say(msg!("broker-replaced", n = old.n, new = links));
            }
            link = Some(b.open(stream, links)?);
        }
        let next = match link.as_mut() {
            Some(l) => b.serve(l),
            None => Ok(Next::Keep),
        };
        match next {
            Ok(Next::Keep) => std::thread::sleep(Duration::from_millis(2)),
            Ok(how) => b.close(link.take().expect("served a link"), how),
            Err(e) => {
                let l = link.take().expect("served a link");
                b.say(msg!("broker-link-error", n = l.n, error = e.to_string()));
            }
        }
    }
}

/// The listener: on the port asked for, or on 1883, or (taken) on a free one.
fn listen(port: Option<u16>) -> Result<(TcpListener, u16)> {
    let bind = |p| TcpListener::bind(SocketAddrV4::new(Ipv4Addr::LOCALHOST, p));
    let listener = match port {
        Some(p) => bind(p).with_context(|| Localized(msg!("broker-cannot-listen", port = p)))?,
        None => match bind(MQTT_PORT) {
            Ok(l) => l,
            Err(e) if e.kind() == ErrorKind::AddrInUse => bind(0)?,
            Err(e) => Err(e).context(Localized(msg!("broker-cannot-listen", port = MQTT_PORT)))?,
        },
    };
    listener.set_nonblocking(true)?;
    let port = listener.local_addr()?.port();
    Ok((listener, port))
}

fn accepted(listener: &TcpListener) -> Option<TcpStream> {
    listener.accept().ok().map(|(stream, _)| stream)
}

/// What a misbehaviour does, as the start of the run says it.
fn described(m: &Misbehaviour) -> Text {
    match *m {
        Misbehaviour::Refuse { times, code } => msg!("broker-mode-refuse", n = times, code = code),
        Misbehaviour::SlowPuback(ms) => msg!("broker-mode-slow-puback", ms = ms),
        Misbehaviour::Drop(n) => msg!("broker-mode-drop", n = n),
        Misbehaviour::HalfOpen => msg!("broker-mode-half-open"),
        Misbehaviour::LostSession(n) => msg!("broker-mode-lost-session", n = n),
    }
}

impl Broker<'_> {
    /// One line: the time since the start, then what happened, in the reader's language.
    fn say(&self, text: Text) {
        let t = self.start.elapsed().as_secs_f64();
        let line = format!("{t:8.3}  {}\n", self.tr.render(&text));
        // A closed stdout (`| head`) ends nothing: the device may still be served.
        let _ = std::io::stdout().write_all(line.as_bytes());
    }

    fn open(&mut self, stream: TcpStream, n: usize) -> Result<Link> {
        let peer = stream.peer_addr()?.to_string();
        stream.set_nonblocking(true)?;
        stream.set_nodelay(true)?;
        self.say(msg!("broker-accepted", n = n, peer = peer));
        Ok(Link {
            stream,
            n,
            unread: Vec::new(),
            half_open: false,
            drop_armed: false,
            acks_due: VecDeque::new(),
            command: None,
        })
    }

    fn send(&self, l: &mut Link, p: &Packet) -> std::io::Result<()> {
        self.say(msg!("broker-sent", n = l.n, packet = p.to_string()));
        l.stream.set_nonblocking(false)?;
        let sent = l.stream.write_all(&p.encode());
        l.stream.set_nonblocking(true)?;
        sent
    }

    /// Read what has come, answer every whole packet, send the PUBACKs now due.
    fn serve(&mut self, l: &mut Link) -> std::io::Result<Next> {
        let mut buf = [0u8; 4096];
        match l.stream.read(&mut buf) {
            Ok(0) => {
                self.say(msg!("broker-device-closed", n = l.n));
                return Ok(Next::Gone);
            }
            Ok(got) => l.unread.extend_from_slice(&buf[..got]),
            Err(e) if e.kind() == ErrorKind::WouldBlock => {}
            Err(e) if e.kind() == ErrorKind::ConnectionReset => {
                self.say(msg!("broker-device-reset", n = l.n));
                return Ok(Next::Gone);
            }
            Err(e) => return Err(e),
        }
        loop {
            match decode(&l.unread) {
                Ok(Some((p, len))) => {
                    l.unread.drain(..len);
                    self.say(msg!("broker-received", n = l.n, packet = p.to_string()));
                    match self.answer(l, p)? {
                        Next::Keep => {}
                        other => return Ok(other),
                    }
                }
                Ok(None) => break,
                Err(error) => {
                    self.say(msg!("broker-malformed", n = l.n, error = error));
                    return Ok(Next::HangUp);
                }
            }
        }
        while l
            .acks_due
            .front()
            .is_some_and(|&(at, _)| at <= Instant::now())
        {
            let (_, id) = l.acks_due.pop_front().expect("a PUBACK due");
            self.send(l, &Packet::Puback { packet_id: id })?;
        }
        Ok(Next::Keep)
    }

    /// The broker's answer to one packet of the device, misbehaving as the plan says.
    fn answer(&mut self, l: &mut Link, p: Packet) -> std::io::Result<Next> {
        match p {
            Packet::Connect {
                clean_session,
                client_id,
                ..
            } => self.connect(l, clean_session, client_id),
            Packet::Publish {
                qos: 1,
                packet_id: Some(id),
                topic,
                ..
            } => {
                if l.drop_armed && topic.ends_with("/readings") {
                    self.plan.drops -= 1;
                    self.say(msg!("broker-drops", n = l.n, id = id));
                    return Ok(Next::HangUp);
                }
                match self.plan.puback_delay {
                    Some(delay) => {
                        let ms = delay.as_millis() as u64;
                        self.say(msg!("broker-puback-late", n = l.n, id = id, ms = ms));
                        l.acks_due.push_back((Instant::now() + delay, id));
                    }
                    None => self.send(l, &Packet::Puback { packet_id: id })?,
                }
                Ok(Next::Keep)
            }
            Packet::Subscribe { packet_id, filters } => {
                let return_codes = filters.iter().map(|(_, qos)| (*qos).min(1)).collect();
                let suback = Packet::Suback {
                    packet_id,
                    return_codes,
                };
                self.send(l, &suback)?;
                if let (Some(cmd), Some((topic, _))) = (self.plan.command.take(), filters.first()) {
                    self.command(l, topic, cmd)?;
                }
                Ok(Next::Keep)
            }
            Packet::Puback { packet_id }
                if l.command.as_ref().is_some_and(|c| c.0 == packet_id) =>
            {
                self.command_acked(l)?;
                Ok(Next::Keep)
            }
            Packet::Pingreq if l.half_open => {
                self.say(msg!("broker-no-pingresp", n = l.n));
                Ok(Next::Keep)
            }
            Packet::Pingreq => {
                self.send(l, &Packet::Pingresp)?;
                Ok(Next::Keep)
            }
            Packet::Disconnect => Ok(Next::HangUp),
            _ => Ok(Next::Keep),
        }
    }

    /// CONNACK: a refusal while the plan has some, else session present as a broker that kept
    /// the session (clean session 0, a client id seen before) says it, unless it is to be lost.
    fn connect(&mut self, l: &mut Link, clean: bool, id: String) -> std::io::Result<Next> {
        if self.plan.refusals > 0 {
            self.plan.refusals -= 1;
            let left = self.plan.refusals;
            let connack = Packet::Connack {
                session_present: false,
                return_code: self.plan.code,
            };
            self.send(l, &connack)?;
            self.say(msg!("broker-refused", n = l.n, left = left));
            return Ok(Next::HangUp);
        }
        let mut present = !clean && self.sessions.contains(&id);
        if present && self.plan.lost_sessions > 0 {
            self.plan.lost_sessions -= 1;
            present = false;
            self.say(msg!("broker-session-lost", n = l.n));
        }
        if clean {
            self.sessions.remove(&id);
        } else {
            self.sessions.insert(id);
        }
        let connack = Packet::Connack {
            session_present: present,
            return_code: 0,
        };
        self.send(l, &connack)?;
        l.drop_armed = self.plan.drops > 0;
        if std::mem::take(&mut self.plan.half_open) {
            l.half_open = true;
            self.say(msg!("broker-half-open", n = l.n));
        }
        Ok(Next::Keep)
    }

    /// The command of `--command`, on the topic the device subscribed to; with `--dup`, kept
    /// on the link for its copy.
    fn command(&mut self, l: &mut Link, topic: &str, text: String) -> std::io::Result<()> {
        self.commands_sent += 1;
        let p = Packet::publish(topic, text.as_bytes(), 1, false, self.commands_sent);
        self.send(l, &p)?;
        if self.plan.dup {
            l.command = Some((self.commands_sent, p));
        }
        Ok(())
    }

    /// The device's PUBACK of the command: with `--dup`, the same PUBLISH again, DUP 1.
    fn command_acked(&mut self, l: &mut Link) -> std::io::Result<()> {
        let Some((
            id,
            Packet::Publish {
                dup: false,
                qos,
                retain,
                topic,
                packet_id,
                payload,
            },
        )) = l.command.take()
        else {
            return Ok(());
        };
        self.say(msg!("broker-dup", n = l.n, id = id));
        let again = Packet::Publish {
            dup: true,
            qos,
            retain,
            topic,
            packet_id,
            payload,
        };
        self.send(l, &again)
    }

    /// The end of a connection: after a hang-up by the broker, a FIN, and what the device
    /// still sends read for a moment (printed), so that nothing is left unread to reset it.
    fn close(&mut self, mut l: Link, how: Next) {
        if !matches!(how, Next::HangUp) {
            return;
        }
        self.say(msg!("broker-hangs-up", n = l.n));
        let _ = l.stream.shutdown(Shutdown::Write);
        let until = Instant::now() + HANG_UP;
        while Instant::now() < until {
            match self.serve_closing(&mut l) {
                Ok(true) => std::thread::sleep(Duration::from_millis(2)),
                _ => return,
            }
        }
    }

    /// One read of a connection being closed: its packets printed, none answered; false once
    /// the device has closed too.
    fn serve_closing(&self, l: &mut Link) -> std::io::Result<bool> {
        let mut buf = [0u8; 4096];
        match l.stream.read(&mut buf) {
            Ok(0) => {
                self.say(msg!("broker-device-closed", n = l.n));
                return Ok(false);
            }
            Ok(got) => l.unread.extend_from_slice(&buf[..got]),
            Err(e) if e.kind() == ErrorKind::WouldBlock => return Ok(true),
            Err(_) => return Ok(false),
        }
        while let Ok(Some((p, len))) = decode(&l.unread) {
            l.unread.drain(..len);
            self.say(msg!("broker-received", n = l.n, packet = p.to_string()));
        }
        Ok(true)
    }
}
