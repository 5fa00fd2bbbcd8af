//! The stalled subscribers of `stalled-subscriber` read again (`load`): each must get what the
//! broker kept for it, whole and in order, and the QoS 1 messages its session held; a broker seen
//! done with a subscriber ends the wait early, and only a broker seen done is failed at once
//! for what it never sent (one not seen done is waited for: a busy machine may starve it).

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::soon;
use crate::base::i18n::msg;
use crate::base::verdict::{Failure, TestResult};
use crate::contain::procinfo;
use crate::context::Ctx;
use crate::exercises::kit::wait;
use crate::observe::wire::Transcript;
use crate::observe::wire::mqtt::{Device, Heard, Packet};

/// What the publisher sends while two subscribers read nothing: 16 MiB, far more than their
/// sockets hold (each connected with Ethernet's segment size and a small receive buffer).
pub(super) const MESSAGES: usize = 4096;
pub(super) const PAYLOAD: usize = 4096;
/// Published and acknowledged in windows: the reader reads each window whole.
pub(super) const WINDOW: usize = 32;
/// What the two stalled subscribers may cost the broker's resident memory: less than the
/// 16 MiB sent to the one at QoS 0. (The reference keeps at most 1 MiB in a connection's outbox,
/// and the 410 QoS 1 messages of the other's session: about 3 MiB for both.)
pub(super) const BOUND: u64 = 12 << 20;
/// Message `i`'s topic: one in ten is in `load/0/`, the stalled QoS 1 subscriber's share (410
/// messages, 1.6 MiB, more than an outbox of 1 MiB holds: fewer than the session's bound of
/// 1,000, so a broker keeps them all).
pub(super) fn topic(i: usize) -> String {
    format!("load/{}/{i}", i % SHARE_EVERY)
}
pub(super) const SHARE: &str = "load/0/+";
/// Another tenth, at QoS 0, for the third stalled subscriber: more than its outbox holds (1 MiB),
/// fewer messages than mosquitto queues (1,000), so that a QoS 1 message after them is kept.
pub(super) const OTHER_SHARE: &str = "load/1/+";
pub(super) const SHARE_EVERY: usize = 10;
/// Published once the QoS 1 subscriber is reading again, after what it was sent: it comes last.
pub(super) const AFTER: &str = "end";
/// Published at QoS 1 for the third stalled subscriber while its outbox is full of QoS 0
/// messages: nothing is published after them, so they go out only as its outbox drains.
pub(super) const KEPT: &str = "kept";
pub(super) const KEPT_COUNT: usize = 3;
/// Published once the subscriber at QoS 0 has read everything kept for it: only its `load/#`
/// matches it (the shares take three levels).
pub(super) const RESUMED: &str = "load/resumed";
pub(super) fn kept(k: usize) -> Vec<u8> {
    format!("kept {k}").into_bytes()
}
/// How long the subscriber that reads again waits for the next packet before it takes the
/// broker's queue for empty: a broker draining its outbox sends without pause.
pub(super) const QUIET: std::time::Duration = std::time::Duration::from_secs(1);
/// How long it listens at a time before it looks whether the broker is done with it
/// (`drained`): a broker seen done ends the wait long before QUIET.
pub(super) const LOOK: Duration = Duration::from_millis(100);

/// The three stalled subscribers read again, in turn: the one at QoS 1 (`resumes_qos1`), the one
/// at QoS 0, then the third, whose QoS 1 messages on KEPT were published while its outbox was
/// full (acknowledged to their publisher, they wait in its session until it reads again).
pub(super) fn they_read_again(
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
/// looks 50 ms apart. A broker draining an outbox is runnable, or has bytes in flight. Taken
/// for the end at once once what was owed came; taken for a failure only after QUIET of
/// silence (a broker that sends on a timer of its own sends within it).
fn drained(pid: i32, d: &Device) -> bool {
    let Some(end) = procinfo::ServerEnd::of(pid, d.local_port()) else {
        return false;
    };
    let look = || {
        end.send_queue() == Some(0)
            && d.pending() == 0
            && procinfo::tree(pid).into_iter().all(procinfo::is_waiting)
    };
    wait::twice(Duration::from_millis(50), look)
}

/// How a stalled subscriber that read again ended.
enum Resumed {
    /// The broker closed it.
    Closed,
    /// Still open, and done: the last load message it got (`load_index`), if any.
    Open(Option<usize>),
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
/// silent for QUIET: that fails nothing once the `kept_due` QoS 1 messages on KEPT came, and
/// fails a broker done with it before they came (silent but not done, it is waited for). (No
/// PINGREQ marks the end: mosquitto answers none while that client's queue is full.) It reads
/// through a buffer of 256 KiB, as the one at QoS 1 does (`resumes_qos1`): through its 4 KiB one,
/// what was kept crawls back in segments of a few KiB, and the verdict came past 3 s.
fn resumes(
    ctx: &Ctx,
    (t, pid): (&Arc<Transcript>, i32),
    d: &mut Device,
    payload: &[u8],
    kept_due: usize,
) -> Result<Resumed, Failure> {
    let after_stall = |f: Failure| f.detail(msg!("mqtt-resumed-label"), msg!("mqtt-resumed-why"));
    d.set_recv_buffer(256 * 1024);
    let (mut last, mut kept_got, mut silent_since) = (None, 0, Instant::now());
    let until = soon(ctx);
    loop {
        let packet = match d.listen(LOOK).map_err(after_stall)? {
            Heard::Packet(p) => p,
            Heard::Closed => return Ok(Resumed::Closed),
            Heard::Silent => match silence(pid, d, (kept_got, kept_due), silent_since, until) {
                None => continue,
                Some(Ok(())) => return Ok(Resumed::Open(last)),
                Some(Err(f)) => return Err(t.attach(f)),
            },
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

/// What a silence of the subscriber reading again means (`kept`: the QoS 1 messages on KEPT
/// come, due): listen on (`None`), it is done with (`Ok`), or what it was owed is missing.
fn silence(
    pid: i32,
    d: &Device,
    (got, due): (usize, usize),
    silent_since: Instant,
    until: Instant,
) -> Option<Result<(), Failure>> {
    if got == due && drained(pid, d) {
        return Some(Ok(()));
    }
    if silent_since.elapsed() < QUIET {
        return None;
    }
    if got == due {
        return Some(Ok(()));
    }
    // Open, silent, and done with it: the QoS 1 messages its session held had to come as its
    // outbox drained (4.3.2: the broker acknowledged them to their publisher).
    if drained(pid, d) {
        return Some(Err(kept_missing(d, due, got)));
    }
    // Silent but not seen done: a broker a busy machine starves looks the same, so the wait
    // goes on; past it, only silence was seen (judged as a timeout is, the test's hint kept).
    if Instant::now() < until {
        return None;
    }
    Some(Err(Failure {
        only_silence: true,
        ..kept_missing(d, due, got)
    }))
}

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

/// The index of `packet`, a load message published after message `last`, whole: `None` if it
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
