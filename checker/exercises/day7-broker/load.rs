//! Load: a thousand devices at once, and subscribers that stop reading, which must cost the
//! broker bounded memory and delay no one else.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::resume::{
    AFTER, BOUND, KEPT, LOOK, MESSAGES, OTHER_SHARE, PAYLOAD, QUIET, SHARE, WINDOW, topic,
};
use super::{KEEP_ALIVE, SERVER, online, soon};
use crate::base::i18n::msg;
use crate::base::verdict::{Failure, TestResult};
use crate::contain::limits::Limits;
use crate::contain::procinfo;
use crate::context::Ctx;
use crate::exercises::kit::premise::Premise;
use crate::exercises::kit::{clients, server, wait};
use crate::lab::exercise::secs;
use crate::observe::wire::mqtt::{Device, Packet};
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
    let premise = pings_unread(ctx, &t, &s)?;
    let pid = s.program.pid();
    let verdict =
        super::resume::they_read_again(ctx, (&t, pid), &mut stalled, &mut publisher, &payload);
    premise.judge(verdict)
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
    wait::twice(Duration::from_millis(50), look)
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
/// is never dropped, and a client that does not read its replies is held back). What the
/// memory is judged under (the premise, judged last): the broker read every PINGREQ, or was
/// seen to stop reading them. A broker a busy machine kept from reading for `QUIET` did
/// neither, and its memory proves nothing (a broker that queues every reply passed so under
/// bench/overload.py, having read a few of them).
fn pings_unread(ctx: &Ctx, t: &Arc<Transcript>, s: &Server) -> Result<Premise, Failure> {
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
    let mut held_back = false;
    // Ends when all went out, or none could for QUIET, or for LOOK unread (`not_reading`).
    while sent < total && progress.elapsed() < QUIET {
        if progress.elapsed() >= LOOK && not_reading(pid, &conn) {
            held_back = true;
            break;
        }
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
    let all_read = sent == total && all_read(pid, &conn);
    held_back = held_back || (sent == total && !all_read && not_reading(pid, &conn));
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
    Ok(Premise::of(all_read || held_back, || {
        msg!(
            "mqtt-pings-premise",
            pings = sent / 2,
            secs = format!("{:.0}", QUIET.as_secs_f64())
        )
    }))
}

/// Every byte sent on `conn` read by the broker `pid`: wait until nothing of it waits, in our
/// socket or in the broker's, or nothing has moved for QUIET, or for LOOK the broker has been
/// seen asleep with our bytes unread (`not_reading`, as while sending); whether nothing waits.
fn all_read(pid: i32, conn: &Conn) -> bool {
    let end = procinfo::ServerEnd::of(pid, conn.local_port());
    let waiting = || (conn.unsent(), end.as_ref().and_then(|e| e.recv_queue()));
    let (mut last, mut since) = (waiting(), Instant::now());
    while last.0 + last.1.unwrap_or(0) as usize > 0
        && since.elapsed() < QUIET
        && !(since.elapsed() >= LOOK && not_reading(pid, conn))
    {
        std::thread::sleep(Duration::from_millis(10));
        let now = waiting();
        if now != last {
            (last, since) = (now, Instant::now());
        }
    }
    last.0 + last.1.unwrap_or(0) as usize == 0
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
