//! Load: a thousand devices at once, and subscribers that stop reading, which must cost the
//! broker bounded memory and delay no one else.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::{KEEP_ALIVE, SERVER, online, soon};
use crate::base::i18n::msg;
use crate::base::verdict::{Failure, TestResult};
use crate::contain::limits::Limits;
use crate::contain::procinfo;
use crate::context::Ctx;
use crate::exercises::kit::{clients, server};
use crate::lab::exercise::secs;
use crate::observe::wire::mqtt::{Device, Heard, Packet};
use crate::observe::wire::{Conn, Server, Transcript};

const DEVICES: usize = 1000;

pub fn thousand_devices(ctx: &mut Ctx) -> TestResult {
    clients::enough_descriptors();
    let t = ctx.transcript();
    // A reader and a writer thread per device is a design the contract allows.
    let mut s = server::start_within(ctx, SERVER, 0, &[], Limits::for_threads(2 * DEVICES))?;
    let quiet = ctx.quiet_transcript();
    let deadline = ctx.within(secs(15));
    let burst = clients::connect_paced(&quiet, &mut s.program, s.port, DEVICES, deadline, 0)?;
    let mut devices: Vec<Device> = burst
        .conns
        .into_iter()
        .map(|c| Device::from(c, &quiet))
        .collect();
    // Every CONNECT and SUBSCRIBE sent first, then every answer read: a thousand handshakes
    // overlap, as they do when a building's devices come back after a power cut.
    for (i, d) in devices.iter_mut().enumerate() {
        let hello = [
            Packet::Connect {
                clean_session: true,
                keep_alive: KEEP_ALIVE,
                client_id: format!("dev{i}"),
                will: None,
            },
            Packet::Subscribe {
                packet_id: 1,
                filters: vec![(format!("dev/{i}/cmd"), 1), ("all".into(), 0)],
            },
        ];
        d.send_together(&hello, deadline)?;
    }
    for d in &mut devices {
        let accepted = Packet::Connack {
            session_present: false,
            return_code: 0,
        };
        d.expect(&accepted, "3.2", deadline)?;
        let granted = Packet::Suback {
            packet_id: 1,
            return_codes: vec![1, 0],
        };
        d.expect(&granted, "3.9", deadline)?;
    }
    let mut controller = online(ctx, &t, &s, "controller")?;
    controller.publish("all", b"hello", 0, false, soon(ctx))?;
    controller.publish("dev/500/cmd", b"you", 1, false, soon(ctx))?;
    for d in &mut devices {
        d.expect_message("all", b"hello", "3.3.5", deadline)?;
    }
    devices[500].expect_message("dev/500/cmd", b"you", "3.3.5", deadline)?;
    Ok(())
}

/// What the publisher sends while two subscribers read nothing: 16 MiB, far more than their
/// sockets hold (each connected with Ethernet's segment size and a small receive buffer).
const MESSAGES: usize = 4096;
const PAYLOAD: usize = 4096;
/// Published and acknowledged in windows: the reader reads each window whole.
const WINDOW: usize = 32;
/// What the two stalled subscribers may cost the broker's resident memory: less than the
/// 16 MiB sent to the one at QoS 0. (The reference keeps at most 1 MiB in a connection's outbox,
/// and the 410 QoS 1 messages of the other's session: about 3 MiB for both.)
const BOUND: u64 = 12 << 20;
/// Message `i`'s topic: one in ten is in `load/0/`, the stalled QoS 1 subscriber's share (410
/// messages, 1.6 MiB, more than an outbox of 1 MiB holds: fewer than the session's bound of
/// 1,000, so a broker keeps them all).
fn topic(i: usize) -> String {
    format!("load/{}/{i}", i % SHARE_EVERY)
}
const SHARE: &str = "load/0/+";
/// Another tenth, at QoS 0, for the third stalled subscriber: more than its outbox holds (1 MiB),
/// fewer messages than mosquitto queues (1,000), so that a QoS 1 message after them is kept.
const OTHER_SHARE: &str = "load/1/+";
const SHARE_EVERY: usize = 10;
/// Published once the QoS 1 subscriber is reading again, after what it was sent: it comes last.
const AFTER: &str = "end";
/// Published at QoS 1 for the third stalled subscriber while its outbox is full of QoS 0
/// messages: nothing is published after them, so they go out only as its outbox drains.
const KEPT: &str = "kept";
const KEPT_COUNT: usize = 3;
/// Published once the subscriber at QoS 0 has read everything kept for it: only its `load/#`
/// matches it (the shares take three levels).
const RESUMED: &str = "load/resumed";
fn kept(k: usize) -> Vec<u8> {
    format!("kept {k}").into_bytes()
}
/// How long the subscriber that reads again waits for the next packet before it takes the
/// broker's queue for empty: a broker draining its outbox sends without pause.
const QUIET: std::time::Duration = std::time::Duration::from_secs(1);
/// How long it listens at a time before it looks whether the broker is done with it
/// (`drained`): a broker seen done ends the wait long before QUIET.
const LOOK: Duration = Duration::from_millis(100);

pub fn stalled_subscriber(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = server::start(ctx, SERVER, 0, &[])?;
    let mut stalled = Vec::new();
    let stalled_filters: [(&str, &[(&str, u8)]); 3] = [
        ("stalled1", &[(SHARE, 1), (AFTER, 1)]),
        ("stalled0", &[("load/#", 0)]),
        ("stalled2", &[(OTHER_SHARE, 0), (KEPT, 1)]),
    ];
    for (id, filters) in stalled_filters {
        let conn = Conn::connect_small(&t, &format!("device {id}"), s.port, 1460, Some(4096))?;
        let mut d = Device::from(conn, &t);
        d.handshake(id, true, KEEP_ALIVE, None, soon(ctx))?;
        d.subscribe(filters, soon(ctx))?;
        stalled.push(d);
    }
    let before = procinfo::program_memory(s.program.pid());
    let quiet = ctx.quiet_transcript();
    let mut reader = Device::connect(&quiet, "device reader", s.port, soon(ctx))?;
    reader.handshake("reader", true, KEEP_ALIVE, None, soon(ctx))?;
    reader.subscribe(&[("load/#", 1)], soon(ctx))?;
    let mut publisher = Device::connect(&quiet, "device publisher", s.port, soon(ctx))?;
    publisher.handshake("publisher", true, KEEP_ALIVE, None, soon(ctx))?;
    let payload = vec![b'x'; PAYLOAD];
    let started = Instant::now();
    past_the_stalled(ctx, (&mut publisher, &mut reader), &payload)?;
    t.note(
        "checker",
        msg!(
            "mqtt-stalled-took",
            secs = format!("{:.1}", started.elapsed().as_secs_f64())
        ),
    );
    let after = procinfo::program_memory(s.program.pid());
    if let (Some(before), Some(after)) = (before, after)
        && after > before + BOUND
    {
        return Err(t.attach(Failure::wrong(msg!(
            "mqtt-memory-grew",
            before = before >> 20,
            after = after >> 20,
            bound = BOUND >> 20,
            sent = (MESSAGES * PAYLOAD) >> 20
        ))));
    }
    pings_unread(ctx, &t, &s)?;
    let pid = s.program.pid();
    they_read_again(ctx, (&t, pid), &mut stalled, &mut publisher, &payload)
}

/// The three stalled subscribers read again, in turn: the one at QoS 1 (`resumes_qos1`), the one
/// at QoS 0, then the third, whose QoS 1 messages on KEPT were published while its outbox was
/// full (acknowledged to their publisher, they wait in its session until it reads again).
fn they_read_again(
    ctx: &Ctx,
    (t, pid): (&Arc<Transcript>, i32),
    stalled: &mut [Device],
    publisher: &mut Device,
    payload: &[u8],
) -> TestResult {
    for k in 0..KEPT_COUNT {
        publisher.publish(KEPT, &kept(k), 1, false, soon(ctx))?;
    }
    resumes_qos1(ctx, &mut stalled[0], publisher, payload)?;
    if let Resumed::Open(last) = resumes(ctx, (t, pid), &mut stalled[1], payload, 0)? {
        // Drained and open, it is sent what is published next: a broker that left it marked
        // as blocked never wrote to it again (C mutant 39648ecc3b).
        publisher.publish(RESUMED, b"after the stall", 0, false, soon(ctx))?;
        after_the_stall(ctx, &mut stalled[1], payload, last).map_err(|f| t.attach(f))?;
    }
    resumes(ctx, (t, pid), &mut stalled[2], payload, KEPT_COUNT)?;
    Ok(())
}

/// The message published once the subscriber at QoS 0 had read what was kept for it: it must
/// come, after nothing but the rest of what was kept (in order, after message `last`), if the
/// broker was judged done with it a moment early (`drained`).
fn after_the_stall(
    ctx: &Ctx,
    d: &mut Device,
    payload: &[u8],
    mut last: Option<usize>,
) -> Result<(), Failure> {
    let clause = msg!("mqtt-clause-sent-after-resume");
    loop {
        let got = d.message(false, clause.clone(), soon(ctx))?;
        if matches!(&got, Packet::Publish { topic, payload: p, .. }
            if topic == RESUMED && p.as_slice() == b"after the stall")
        {
            return Ok(());
        }
        match load_index(&got, payload, last) {
            Some(i) => last = Some(i),
            None => {
                let wanted = format!("PUBLISH topic={RESUMED} \"after the stall\"");
                return Err(d.unexpected(&got, wanted, clause));
            }
        }
    }
}

/// Is the broker done with `d`, with nothing more to send it: its socket to `d` has nothing
/// unacknowledged, `d` has nothing unread, and every thread of the broker is asleep, at two
/// looks 50 ms apart. A broker draining an outbox is runnable, or has bytes in flight; what
/// this takes for the end is only ever taken for a pass (a failure waits QUIET out), so a
/// broker that sends on a timer of its own is never failed for it.
fn drained(pid: i32, d: &Device) -> bool {
    let Some(end) = procinfo::ServerEnd::of(pid, d.local_port()) else {
        return false;
    };
    let look =
        || end.send_queue() == Some(0) && procinfo::tree(pid).into_iter().all(procinfo::is_waiting);
    look() && {
        std::thread::sleep(Duration::from_millis(50));
        look()
    }
}

/// Has the broker stopped reading `conn`: bytes of ours wait in its socket, unread, while every
/// thread of it sleeps, at two looks 50 ms apart? (A broker that reads, to queue what it reads
/// or not, is runnable or empties the queue.)
fn not_reading(pid: i32, conn: &Conn) -> bool {
    let Some(end) = procinfo::ServerEnd::of(pid, conn.local_port()) else {
        return false;
    };
    let look = || {
        end.recv_queue().is_some_and(|q| q > 0)
            && procinfo::tree(pid).into_iter().all(procinfo::is_waiting)
    };
    look() && {
        std::thread::sleep(Duration::from_millis(50));
        look()
    }
}

/// How a stalled subscriber that read again ended.
enum Resumed {
    /// The broker closed it.
    Closed,
    /// Still open, and done: the last load message it got (`load_index`), if any.
    Open(Option<usize>),
}

/// What the device that sends without reading sends: PINGREQs, 2 bytes each, whose PINGRESPs
/// overflow what the sockets hold (it connects as the stalled subscribers do, with Ethernet's
/// segment size and a small receive buffer, so the broker's send buffer stays small too).
const PINGS: usize = 1 << 20;
/// What it may cost the broker's resident memory: its 2 MiB of replies, twice over (a buffer
/// that grows by doubling), and room. A broker that queues every reply, each a packet of its
/// own, grows by tens of bytes a PINGREQ: 50 MiB and more.
const PINGS_BOUND: u64 = 8 << 20;

/// A device sends PINGREQs and reads none of the PINGRESPs: the broker must read it no further
/// until it reads (its sends then stall in its own socket), or keep what it read bounded
/// otherwise; never queue every reply, and never close it for that (the lab's contract: a reply
/// is never dropped, and a client that does not read its replies is held back).
fn pings_unread(ctx: &Ctx, t: &Arc<Transcript>, s: &Server) -> TestResult {
    let pid = s.program.pid();
    // Its 2 MiB of bytes are not written to the transcript: a note says what it sends.
    let quiet = ctx.quiet_transcript();
    let mut conn = Conn::connect_small(&quiet, "device pinger", s.port, 1460, Some(4096))?;
    let mut pinger = Device::from(conn.try_clone()?, &quiet);
    pinger.handshake("pinger", true, KEEP_ALIVE, None, soon(ctx))?;
    let before = procinfo::program_memory(pid);
    // One byte more than whole PINGREQs: a send that ended inside one goes on from its 2nd byte.
    let chunk: Vec<u8> = [0xc0, 0x00].repeat(32 * 1024 + 1);
    let total = 2 * PINGS;
    let mut sent = 0;
    let mut progress = Instant::now();
    // Ends when all went out, or when none could for QUIET, or for LOOK while the broker
    // slept with our bytes unread (`not_reading`): the broker stopped reading it.
    while sent < total
        && progress.elapsed() < QUIET
        && !(progress.elapsed() >= LOOK && not_reading(pid, &conn))
    {
        let from = sent % 2;
        let len = (total - sent).min(chunk.len() - from);
        match conn.send_some(&chunk[from..from + len], Duration::from_millis(100)) {
            Ok(0) => {}
            Ok(n) => {
                sent += n;
                progress = Instant::now();
            }
            Err(_) => {
                let f = Failure::wrong(msg!("mqtt-pinger-closed", pings = sent / 2));
                return Err(t.attach(f));
            }
        }
    }
    t.note("device pinger", msg!("mqtt-pinger-sent", pings = sent / 2));
    if sent == total {
        // All sent: wait until the broker has read them, or stopped reading, before measuring.
        let end = procinfo::ServerEnd::of(pid, conn.local_port());
        let waiting = || (conn.unsent(), end.as_ref().and_then(|e| e.recv_queue()));
        let (mut last, mut since) = (waiting(), Instant::now());
        while last.0 + last.1.unwrap_or(0) as usize > 0 && since.elapsed() < QUIET {
            std::thread::sleep(Duration::from_millis(10));
            let now = waiting();
            if now != last {
                (last, since) = (now, Instant::now());
            }
        }
    }
    let after = procinfo::program_memory(pid);
    if let (Some(before), Some(after)) = (before, after)
        && after > before + PINGS_BOUND
    {
        return Err(t.attach(Failure::wrong(msg!(
            "mqtt-memory-grew-pings",
            before = before >> 20,
            after = after >> 20,
            bound = PINGS_BOUND >> 20,
            pings = sent / 2
        ))));
    }
    Ok(())
}

/// The publisher's messages, a window at a time, while the stalled subscribers read nothing:
/// each acknowledged to the publisher, and delivered to the reader.
fn past_the_stalled(
    ctx: &Ctx,
    (publisher, reader): (&mut Device, &mut Device),
    payload: &[u8],
) -> TestResult {
    for first in (0..MESSAGES).step_by(WINDOW) {
        let window: Vec<Packet> = (first..first + WINDOW)
            .map(|i| Packet::publish(&topic(i), payload, 1, false, (i % 60_000 + 1) as u16))
            .collect();
        publisher.send_together(&window, soon(ctx))?;
        for i in first..first + WINDOW {
            let ack = Packet::Puback {
                packet_id: (i % 60_000 + 1) as u16,
            };
            publisher.expect(
                &ack,
                msg!("mqtt-clause-while-stalled", clause = "3.3.4"),
                soon(ctx),
            )?;
        }
        for i in first..first + WINDOW {
            reader.expect_message(
                &topic(i),
                payload,
                msg!("mqtt-clause-while-stalled", clause = "4.6"),
                soon(ctx),
            )?;
        }
    }
    Ok(())
}

/// `d`, the subscriber at QoS 1, reads again, acknowledging each message: every one of its
/// share must come, each once, in order (a copy sent again with DUP is taken too), then the
/// message published once it had read a few. The broker PUBACKed each to the publisher, so it
/// owns them (4.3.2): those it could not send yet wait in the subscriber's session, whose bound
/// (the contract's 1,000; mosquitto queues 1,000 beyond its 20 in flight) the share is under. A
/// broker that dropped some, as it may drop QoS 0, sends the last message in their place.
fn resumes_qos1(
    ctx: &Ctx,
    d: &mut Device,
    publisher: &mut Device,
    payload: &[u8],
) -> Result<(), Failure> {
    let share = MESSAGES.div_ceil(SHARE_EVERY);
    // Its 4 KiB buffer kept the stall cheap; read back through it, 1.6 MiB would crawl.
    d.set_recv_buffer(256 * 1024);
    let after_stall = |f: Failure| {
        f.detail(
            msg!("mqtt-resumed-label"),
            msg!("mqtt-resumed-why-qos1", kept = share),
        )
    };
    let clause = msg!("mqtt-clause-qos1-kept", kept = share);
    let mut next = 0;
    while next <= share {
        if next == 20 {
            publisher
                .publish(AFTER, b"after", 1, false, soon(ctx))
                .map_err(after_stall)?;
        }
        let got = d
            .message(true, clause.clone(), soon(ctx))
            .map_err(after_stall)?;
        let due = match next < share {
            true => topic(next * SHARE_EVERY),
            false => AFTER.to_string(),
        };
        let index = match &got {
            Packet::Publish {
                topic: got_topic,
                qos: 1,
                dup,
                ..
            } if *got_topic == due => Some((next, *dup)),
            Packet::Publish {
                topic: got_topic,
                qos: 1,
                dup: true,
                payload: p,
                ..
            } if p.as_slice() == payload => (0..next)
                .find(|i| *got_topic == topic(i * SHARE_EVERY))
                .map(|i| (i, true)),
            _ => None,
        };
        match index {
            Some((i, _)) if i == next => next += 1,
            Some(_) => {} // sent again, DUP set: at least once
            None => {
                let wanted = format!("PUBLISH qos=1 topic={due}");
                return Err(after_stall(d.unexpected(&got, wanted, clause)));
            }
        }
    }
    Ok(())
}

/// `d`, a subscriber at QoS 0, reads again: what the broker kept for it must still be whole
/// packets, each a message of the publisher's in the order published (4.6). The broker may have
/// dropped messages or closed the connection; it may not have lost part of a packet (the rest
/// of a short send). It is read until the broker closes, or is done with it (`drained`) or
/// silent for QUIET: that fails nothing once the `kept_due` QoS 1 messages on KEPT came. (No
/// PINGREQ marks the end: mosquitto answers none while that client's queue is full.)
fn resumes(
    ctx: &Ctx,
    (t, pid): (&Arc<Transcript>, i32),
    d: &mut Device,
    payload: &[u8],
    kept_due: usize,
) -> Result<Resumed, Failure> {
    let after_stall = |f: Failure| f.detail(msg!("mqtt-resumed-label"), msg!("mqtt-resumed-why"));
    let mut last = None;
    let mut kept_got = 0;
    let mut silent_since = Instant::now();
    loop {
        let packet = match d.listen(LOOK).map_err(after_stall)? {
            Heard::Packet(p) => p,
            Heard::Closed => return Ok(Resumed::Closed),
            Heard::Silent if kept_got == kept_due && drained(pid, d) => {
                return Ok(Resumed::Open(last));
            }
            Heard::Silent if silent_since.elapsed() < QUIET => continue,
            Heard::Silent if kept_got == kept_due => return Ok(Resumed::Open(last)),
            // Open, and silent: the QoS 1 messages its session held had to come as its outbox
            // drained (4.3.2: the broker acknowledged them to their publisher).
            Heard::Silent => return Err(t.attach(kept_missing(d, kept_due, kept_got))),
        };
        silent_since = Instant::now();
        // The QoS 1 messages on KEPT may come anywhere among the others, in order, each once
        // (a copy sent again with DUP is taken too).
        if let Packet::Publish {
            topic,
            qos: 1,
            packet_id: Some(id),
            payload: p,
            dup,
            ..
        } = &packet
            && topic == KEPT
        {
            let again = *dup && (0..kept_got).any(|k| *p == kept(k));
            if !again && (kept_got == kept_due || *p != kept(kept_got)) {
                let wanted = format!("PUBLISH qos=1 topic={KEPT} \"kept {kept_got}\"");
                return Err(after_stall(d.unexpected(&packet, wanted, "4.6")));
            }
            kept_got += usize::from(!again);
            let ack = Packet::Puback { packet_id: *id };
            d.send(&ack, soon(ctx)).map_err(after_stall)?;
            continue;
        }
        let index = load_index(&packet, payload, last);
        if let Some(f) = torn_payload(d, &packet, payload) {
            return Err(after_stall(t.attach(f)));
        }
        match index {
            Some(i) => last = Some(i),
            None => {
                let next = topic(last.map_or(0, |i| i + 1));
                let wanted = msg!("mqtt-resumed-wanted", next = next);
                return Err(after_stall(d.unexpected(&packet, wanted, "4.6")));
            }
        }
    }
}

/// The index of `packet`, a load message published after message `last`, whole: `None` if it
/// The failure of a subscriber that fell silent before all `due` QoS 1 messages on KEPT came.
fn kept_missing(d: &Device, due: usize, got: usize) -> Failure {
    Failure::wrong(msg!(
        "mqtt-kept-missing",
        who = d.who(),
        topic = KEPT,
        count = due,
        got = got
    ))
}

/// is anything else.
fn load_index(packet: &Packet, payload: &[u8], last: Option<usize>) -> Option<usize> {
    match packet {
        Packet::Publish {
            topic, payload: p, ..
        } if p.as_slice() == payload => topic
            .rsplit('/')
            .next()
            .and_then(|i| i.parse::<usize>().ok())
            .filter(|&i| *topic == self::topic(i) && last.is_none_or(|last| i > last)),
        _ => None,
    }
}

/// A load message whose length is kept but not its bytes: the rest of a short send was lost.
fn torn_payload(d: &Device, packet: &Packet, payload: &[u8]) -> Option<Failure> {
    let Packet::Publish {
        topic, payload: p, ..
    } = packet
    else {
        return None;
    };
    if !topic.starts_with("load/") || p.as_slice() == payload {
        return None;
    }
    let at = p.iter().zip(payload).take_while(|(a, b)| a == b).count();
    Some(Failure::wrong(msg!(
        "mqtt-resumed-payload",
        who = d.who(),
        topic = topic.as_str(),
        len = p.len(),
        at = at,
        byte = p.get(at).map_or("—".to_string(), |b| format!("{b:#04x}"))
    )))
}
