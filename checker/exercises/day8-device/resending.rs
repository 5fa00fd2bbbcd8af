//! Part 2, surviving a drop without losing or doubling a reading: the broker closes or resets
//! the connection with readings in flight, acknowledges one in the segment of its FIN, goes
//! down while readings come, comes back with or without the session. The ledger judges every
//! PUBLISH on the next connection (DUP 1 and the same packet id, 4.4; resends first; nothing
//! acknowledged again; in order).

use std::time::{Duration, Instant};

use crate::base::i18n::msg;
use crate::base::verdict::{Failure, FailureKind as Kind, TestResult};
use crate::contain::procinfo;
use crate::context::Ctx;
use crate::exercises::kit::{self, lines};
use crate::lab::exercise::secs;

use super::broker::{Broker, Event, Manner, Up};
use super::scene::{ROOM, SETUP, hang_up, online, readings, settle, soon};
use super::sensor::Setup;

/// Serve `up` until a reading is sent on it, and 50 ms more (what the device sent with it
/// reaches the ledger), acknowledging no reading: the drop comes with readings in flight.
fn until_in_flight(b: &mut Broker, up: &mut Up, ctx: &Ctx) -> TestResult {
    let awaited = msg!(
        "device-awaiting-reading",
        reading = b.shown(b.ledger.acked())
    );
    b.until(up, awaited.clone(), soon(ctx), |_, e| {
        matches!(e, Event::Reading { .. })
    })?;
    settle(b, up, Duration::from_millis(50))
}

pub fn resend_after_drop(ctx: &mut Ctx) -> TestResult {
    let (mut b, mut up) = online(ctx, SETUP, Manner::fresh().held())?;
    b.feed(&readings(ctx, 1, 3))?;
    until_in_flight(&mut b, &mut up, ctx)?;
    hang_up(&mut b, up)?;
    // Only that they come again, DUP 1 and the same id: their place is resend-before-new's.
    let any_order = Manner {
        resends_first: false,
        ..Manner::resumed()
    };
    let mut up = b.connect(any_order, soon(ctx))?;
    b.deliver_all(&mut up, soon(ctx))
}

pub fn resend_before_new(ctx: &mut Ctx) -> TestResult {
    let (mut b, mut up) = online(ctx, SETUP, Manner::fresh().held())?;
    b.feed(&readings(ctx, 1, 5))?;
    until_in_flight(&mut b, &mut up, ctx)?;
    up.link.reset();
    b.feed(&readings(ctx, 6, 2))?;
    let mut up = b.connect(Manner::resumed(), soon(ctx))?;
    b.deliver_all(&mut up, soon(ctx))
}

/// The first reading acknowledged alone, the second in the segment before the broker's FIN:
/// neither may come again.
pub fn acked_not_resent(ctx: &mut Ctx) -> TestResult {
    let (mut b, mut up) = online(ctx, SETUP, Manner::fresh().held())?;
    b.feed(&readings(ctx, 1, 4))?;
    for i in 0..2 {
        let awaited = msg!("device-awaiting-reading", reading = b.shown(i));
        let want = |_: &Broker, e: Event| matches!(e, Event::Reading { index, .. } if index == i);
        let Event::Reading { id, .. } = b.until(&mut up, awaited, soon(ctx), want)? else {
            unreachable!("until returns the event awaited");
        };
        b.ack(&mut up, id, soon(ctx))?;
    }
    hang_up(&mut b, up)?;
    let mut up = b.connect(Manner::resumed(), soon(ctx))?;
    b.deliver_all(&mut up, soon(ctx))
}

pub fn offline_queue(ctx: &mut Ctx) -> TestResult {
    let (mut b, up) = online(ctx, SETUP, Manner::fresh())?;
    b.down()?;
    hang_up(&mut b, up)?;
    b.feed(&readings(ctx, 1, 5))?;
    ctx.off_cpu(|| std::thread::sleep(Duration::from_millis(300)));
    b.up()?;
    let mut up = b.connect(Manner::resumed(), soon(ctx))?;
    fed_while_up(ctx, &mut b, &mut up)
}

/// One reading more, fed once the connection is up: it must come, and after those fed while
/// offline, so a device that lost them shows it at once (4.6), without a wait for them.
fn fed_while_up(ctx: &mut Ctx, b: &mut Broker, up: &mut Up) -> TestResult {
    // Up for the device too: its birth came.
    if !up.born {
        let awaited = msg!("device-awaiting-birth-again");
        b.until(up, awaited, soon(ctx), |_, e| e == Event::Birth)?;
    }
    let n = b.ledger.readings.len();
    b.feed(&readings(ctx, n + 1, 1))?;
    b.deliver_all(up, soon(ctx))
}

pub fn queue_bound(ctx: &mut Ctx) -> TestResult {
    let setup = Setup { bound: 3, ..SETUP };
    let (mut b, up) = online(ctx, setup, Manner::fresh())?;
    b.down()?;
    hang_up(&mut b, up)?;
    b.feed(&readings(ctx, 1, 8))?;
    // Offline, the device takes all eight in: the pipe empties, and it settles.
    if !kit::wait::until(secs(2), || b.device.unread_input() == 0) {
        let f = Failure::of_kind(Kind::Timeout, msg!("device-stdin-unread"));
        return Err(b.t.attach(f));
    }
    let pid = b.device.program.pid();
    kit::wait::settled(secs(1), || procinfo::tree(pid));
    // The five oldest are gone: one that comes proves the queue held more than 3.
    b.ledger.drop_oldest(5);
    b.up()?;
    let mut up = b.connect(Manner::resumed(), soon(ctx))?;
    b.deliver_all(&mut up, soon(ctx))?;
    let want: Vec<String> = (1..=5).map(|n| format!("dropped {n}")).collect();
    let stderr = &b.device.program.stderr;
    lines::wait_nth(stderr, "dropped ", 4, ctx.within(secs(1)));
    let said = lines::with_prefix(&stderr.bytes(), "dropped ");
    if said == want {
        return Ok(());
    }
    let show = |l: &[String]| l.join(" | ");
    let f = Failure::wrong(msg!("device-drops-said"));
    Err(b.t.attach(
        f.detail(msg!("label-expected"), show(&want))
            .detail(msg!("label-got"), show(&said)),
    ))
}

pub fn session_lost(ctx: &mut Ctx) -> TestResult {
    let (mut b, mut up) = online(ctx, SETUP, Manner::fresh().held())?;
    b.feed(&readings(ctx, 1, 3))?;
    until_in_flight(&mut b, &mut up, ctx)?;
    hang_up(&mut b, up)?;
    b.feed(&readings(ctx, 4, 1))?;
    let mut up = b.connect(Manner::fresh(), soon(ctx))?;
    b.deliver_all(&mut up, soon(ctx))?;
    if !up.subscribed() {
        let awaited = msg!("device-awaiting-subscribe");
        b.until(&mut up, awaited, soon(ctx), |_, e| e == Event::Subscribed)?;
    }
    Ok(())
}

/// The broker down for 600 ms, connect() refused: the device may not spin, and must be back
/// within backoff-max (and room) of the broker's return, its readings delivered.
pub fn broker_down_then_up(ctx: &mut Ctx) -> TestResult {
    let (mut b, up) = online(ctx, SETUP, Manner::fresh())?;
    b.down()?;
    hang_up(&mut b, up)?;
    b.feed(&readings(ctx, 1, 2))?;
    let pid = b.device.program.pid();
    let (cpu, opens) = (procinfo::tree_cpu_time(pid), active_opens(pid));
    ctx.off_cpu(|| std::thread::sleep(DOWN));
    let ran = procinfo::tree_cpu_time(pid).saturating_sub(cpu);
    // Its own network (a sandbox): every connect() counted is the device's.
    let tries = opens
        .zip(active_opens(pid))
        .map(|(a, z)| z.saturating_sub(a));
    let tries = tries.filter(|_| ctx.own_network());
    let (ms, n) = (
        ran.as_millis().to_string(),
        tries.map_or("?".into(), |n| n.to_string()),
    );
    ctx.log(msg!("device-log-cpu", ms = ms.as_str(), tries = n.as_str()));
    // Waits of at least backoff-min/2: at most DOWN / (min / 2) attempts, and one more.
    let most = DOWN.as_millis() as u64 / (SETUP.backoff.0 / 2) + 1;
    if ran > Duration::from_millis(50) || tries.is_some_and(|n| n > most) {
        let f = Failure::wrong(msg!("device-floods", ms = ms, tries = n, most = most));
        return Err(b
            .t
            .attach(f.diagnosed(crate::base::verdict::Diagnosis::Spins)));
    }
    b.up()?;
    let back = Instant::now();
    let mut up = b.connect(Manner::resumed(), ctx.within(secs(3)))?;
    let took = b
        .accepted_at
        .unwrap_or(back)
        .saturating_duration_since(back);
    ctx.log(msg!("device-log-back", ms = took.as_millis().to_string()));
    if took > Duration::from_millis(SETUP.backoff.1) + ROOM {
        let f = Failure::of_kind(
            Kind::Timeout,
            msg!(
                "device-back-late",
                ms = took.as_millis().to_string(),
                max = SETUP.backoff.1.to_string()
            ),
        );
        return Err(b.t.attach(f));
    }
    fed_while_up(ctx, &mut b, &mut up)
}

/// How long the broker stays down in `broker-down-then-up`.
const DOWN: Duration = Duration::from_millis(600);

/// The connect() calls made so far in the network namespace of process `pid` (the TCP
/// counter ActiveOpens of /proc/<pid>/net/snmp).
fn active_opens(pid: i32) -> Option<u64> {
    let snmp = std::fs::read_to_string(format!("/proc/{pid}/net/snmp")).ok()?;
    let mut tcp = snmp.lines().filter(|l| l.starts_with("Tcp:"));
    let (names, values) = (tcp.next()?, tcp.next()?);
    let at = names.split_whitespace().position(|n| n == "ActiveOpens")?;
    values.split_whitespace().nth(at)?.parse().ok()
}
