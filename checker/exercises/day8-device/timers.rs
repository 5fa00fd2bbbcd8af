//! Part 3, the device's timers: PINGREQ when idle, a half-open link noticed, refused CONNACKs,
//! the backoff between attempts and its jitter, and the clean exit on a signal.
//!
//! Times are judged by what the contract makes certain. The checker measures a gap from the
//! moment it refused (the device cannot start waiting earlier) to the next connection it
//! accepts (the device cannot have connected later): a gap shorter than d_n/2 is proven
//! whatever the load. One longer than d_n plus `ROOM` may be a starved machine's: a timeout,
//! judged again alone. Jitter is `jitter`'s.

use std::time::{Duration, Instant};

use nix::sys::signal::Signal;

use crate::base::i18n::msg;
use crate::base::verdict::{Failure, FailureKind as Kind, TestResult};
use crate::contain::procinfo;
use crate::context::Ctx;
use crate::exercises::kit;
use crate::observe::wire::mqtt::Packet;

use super::broker::{Broker, Event, Manner};
use super::scene::{ROOM, SETUP, client_id, online, readings, soon};
use super::sensor::Setup;
use super::wire::Heard;

/// A keep alive of 1 s: the device's timers show within a test's 3 s.
const QUICK: Setup = Setup {
    keep_alive: 1,
    ..SETUP
};

/// More PINGREQs than this in `pings_when_idle`'s 2.6 s at a keep alive of 1 s floods the
/// broker: a device pings after a keep alive without sending (2 or 3 here), or every quarter of
/// it if it is cautious (10), not again as soon as a PINGRESP comes (thousands).
const MOST_PINGS: u32 = 20;

pub fn pings_when_idle(ctx: &mut Ctx) -> TestResult {
    let (mut b, mut up) = online(ctx, QUICK, Manner::fresh())?;
    let pid = b.device.program.pid();
    let idle = procinfo::Idle::begin(&[pid]);
    let started = Instant::now();
    let end = started + Duration::from_millis(2600);
    let (mut last, mut pings) = (started, 0);
    let awaited = msg!("device-awaiting-ping");
    // 3.1.2-24: the broker allows one and a half times the keep alive.
    let allowed = Duration::from_millis(1500);
    while Instant::now() < end {
        match b.step(&mut up, &awaited, (last + allowed).min(end))? {
            Event::Silent if Instant::now() >= end => break,
            Event::Silent => {}
            Event::Closed => return Err(up.link.closed_instead(awaited, "3.1.2-23".into())),
            Event::Pinged => {
                pings += 1;
                if pings > MOST_PINGS {
                    let want = msg!(
                        "device-want-idle",
                        n = pings,
                        ms = started.elapsed().as_millis().to_string()
                    );
                    return Err(up.link.unexpected(&Packet::Pingreq, want, "3.1.2-23"));
                }
            }
            _ => {}
        }
        if Instant::now() >= last + allowed && Instant::now() < end {
            return Err(up.link.nothing_came(awaited, "3.1.2-23".into(), None));
        }
        last = Instant::now();
    }
    if pings < 2 {
        return Err(up.link.nothing_came(awaited, "3.1.2-23".into(), None));
    }
    // Idle, the device waits for its timer: one that asks for POLLOUT with nothing to send, or
    // polls with a timeout of 0, spins. Judged by its time on a CPU (`procinfo::Waited`), which
    // a busy machine only takes from a spinner; kept off the CPU, it could not be seen.
    let seen = idle.since();
    let secs = format!("{:.1}", seen.waited.as_secs_f64());
    if seen.spins() {
        let ms = seen.on_cpu.as_millis().to_string();
        let f = Failure::wrong(msg!("device-spins-idle", ms = ms, secs = secs));
        return Err(b.t.attach(f.note(msg!("device-pollout-on-demand"))));
    }
    if seen.unseen() {
        let runnable = format!("{:.1}", seen.busiest.as_secs_f64());
        let f = Failure::premise_not_reached(msg!(
            "device-idle-starved",
            secs = secs,
            runnable = runnable
        ));
        return Err(b.t.attach(f));
    }
    Ok(())
}

pub fn dead_link(ctx: &mut Ctx) -> TestResult {
    let (mut b, mut up) = online(ctx, QUICK, Manner::fresh())?;
    up.manner.pings = false;
    up.link.note(msg!("device-half-open"));
    let awaited = msg!("device-awaiting-ping");
    b.until(&mut up, awaited, soon(ctx), |_, e| e == Event::Pinged)?;
    let pinged = Instant::now();
    // The contract's one keep alive (1 s here), with the margin a broker gives a device's ping
    // (3.1.2-24): "a reasonable amount of time" (3.1.2.10) that Paho takes too.
    let by = pinged + Duration::from_millis(1500) + ROOM;
    let closing = msg!("device-awaiting-close");
    loop {
        match b.step(&mut up, &closing, by)? {
            Event::Closed => break,
            Event::Silent => {
                let f = Failure::of_kind(
                    Kind::Timeout,
                    msg!(
                        "device-dead-link-open",
                        ms = pinged.elapsed().as_millis().to_string()
                    ),
                );
                return Err(b.t.attach(f));
            }
            _ => {}
        }
    }
    let closed = Instant::now();
    let mut up = b.connect(Manner::resumed(), soon(ctx))?;
    let again = b
        .accepted_at
        .unwrap_or(closed)
        .saturating_duration_since(closed);
    ctx.log(msg!(
        "device-log-dead-link",
        closed = closed.duration_since(pinged).as_millis().to_string(),
        again = again.as_millis().to_string()
    ));
    b.until(
        &mut up,
        msg!("device-awaiting-birth-again"),
        soon(ctx),
        |_, e| e == Event::Birth,
    )?;
    Ok(())
}

/// Refuse the device's next CONNECT with `code` and close: when the refusal went out. On a
/// refused connection nothing may be published or subscribed; what comes meanwhile is
/// watched for `watch`, and after it (a second at most) for as long as the device is not seen
/// asleep (one a busy machine keeps from a CPU has not had its turn to answer the refusal yet).
fn refuse(
    b: &mut Broker,
    code: u8,
    watch: Duration,
    deadline: Instant,
) -> Result<Instant, Failure> {
    let mut link = b.accept(deadline)?;
    b.expect_connect(&mut link, deadline)?;
    link.send(
        &Packet::Connack {
            session_present: false,
            return_code: code,
        },
        deadline,
    )?;
    let sent = link.last_sent;
    let watch_until = Instant::now() + watch;
    let pid = b.device.program.pid();
    let asleep = || {
        let tree = procinfo::tree(pid);
        !tree.is_empty() && tree.into_iter().all(procinfo::is_waiting)
    };
    // Past the window, a second at most: a device that never sleeps (it spins) ends it too.
    let watch_at_most = deadline.min(watch_until + Duration::from_secs(1));
    while !watch.is_zero() {
        let left = watch_until.saturating_duration_since(Instant::now());
        let left = if left >= Duration::from_millis(1) {
            left
        } else if Instant::now() >= watch_at_most {
            break;
        } else if kit::wait::twice(Duration::from_millis(20), asleep) {
            // Asleep at two looks: whatever it answered is in our socket (read below), or nothing.
            Duration::ZERO
        } else {
            Duration::from_millis(20)
        };
        match link.listen(left)? {
            Heard::Packet(p @ (Packet::Publish { .. } | Packet::Subscribe { .. })) => {
                let what = msg!("device-want-nothing-refused", code = code);
                return Err(link.unexpected(&p, what, "3.2.2.3"));
            }
            Heard::Packet(_) => {}
            Heard::Closed => break,
            Heard::Silent if left.is_zero() => break,
            Heard::Silent => {}
        }
    }
    link.reset();
    Ok(sent)
}

pub fn connack_refused(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let id = client_id(ctx, 8);
    let setup = Setup {
        backoff: (20, 40),
        ..QUICK
    };
    let mut b = Broker::start(ctx, &t, &id, setup)?;
    for code in 1..=5 {
        refuse(&mut b, code, Duration::from_millis(100), soon(ctx))?;
    }
    no_connack(&mut b, soon(ctx))?;
    let mut up = b.connect(Manner::fresh(), soon(ctx))?;
    b.until(&mut up, msg!("device-awaiting-birth"), soon(ctx), |_, e| {
        e == Event::Birth
    })?;
    Ok(())
}

/// A CONNECT the broker never answers: the device gives the CONNACK its keep alive (1 s),
/// then closes the connection, and connects again.
fn no_connack(b: &mut Broker, deadline: Instant) -> TestResult {
    let mut link = b.accept(deadline)?;
    b.expect_connect(&mut link, deadline)?;
    link.note(msg!("device-no-connack"));
    let sent = Instant::now();
    let closing = msg!("device-awaiting-close-connack");
    match link.hear(
        &closing,
        &"3.1.4, 3.2".into(),
        sent + Duration::from_secs(1) + ROOM,
    )? {
        Heard::Closed => Ok(()),
        Heard::Packet(p) => Err(link.unexpected(&p, closing, "3.2")),
        Heard::Silent => {
            let ms = sent.elapsed().as_millis().to_string();
            let f = Failure::of_kind(Kind::Timeout, msg!("device-connack-waited", ms = ms));
            Err(b.t.attach(f))
        }
    }
}

/// d_n = min(max, min × 2^(n-1)).
fn ceiling(setup: Setup, n: u32) -> Duration {
    let (min, max) = setup.backoff;
    Duration::from_millis(max.min(min.saturating_mul(1 << (n - 1).min(30))))
}

/// The gap after the n-th failure in a row, judged: never below d_n/2 (proven), never above
/// d_n and `ROOM` (a timeout).
pub(super) fn judge_gap(b: &Broker, setup: Setup, n: u32, gap: Duration) -> TestResult {
    let d = ceiling(setup, n);
    let (gap_ms, d_ms) = (gap.as_millis().to_string(), d.as_millis().to_string());
    // 5 ms for a wait rounded down to whole milliseconds, and a coarse clock's tick.
    if gap + Duration::from_millis(5) < d / 2 {
        let f =
            Failure::wrong(msg!("device-backoff-early", n = n, gap = gap_ms, d = d_ms)).proven();
        return Err(b.t.attach(f));
    }
    if gap > d + ROOM {
        let f = Failure::of_kind(
            Kind::Timeout,
            msg!("device-backoff-late", n = n, gap = gap_ms, d = d_ms),
        );
        return Err(b.t.attach(f));
    }
    Ok(())
}

pub fn backoff(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let id = client_id(ctx, 8);
    // d_n: 40, 80, 160, 320, 640, 640, 640. An unbounded device's 7th wait is 1280 ms at
    // least; one that does not start again from 40 waits 320 ms at least.
    let setup = Setup {
        backoff: (40, 640),
        ..SETUP
    };
    let mut b = Broker::start(ctx, &t, &id, setup)?;
    ctx.lend_slot();
    let deadline = ctx.deadline;
    let mut last = refuse(&mut b, 3, Duration::ZERO, deadline)?;
    for n in 1..=7 {
        let up = n == 7;
        let (gap, next) = if up {
            let mut up = b.connect(Manner::fresh(), deadline)?;
            let gap = b
                .accepted_at
                .unwrap_or(last)
                .saturating_duration_since(last);
            b.until(&mut up, msg!("device-awaiting-birth"), soon(ctx), |_, e| {
                e == Event::Birth
            })?;
            up.link.reset();
            (gap, Instant::now())
        } else {
            let next = refuse(&mut b, 3, Duration::ZERO, deadline)?;
            (
                b.accepted_at
                    .unwrap_or(last)
                    .saturating_duration_since(last),
                next,
            )
        };
        let d = ceiling(setup, n).as_millis().to_string();
        ctx.log(msg!(
            "device-log-wait",
            n = n,
            gap = gap.as_millis().to_string(),
            d = d
        ));
        judge_gap(&b, setup, n, gap)?;
        last = next;
    }
    // After the CONNACK 0, the count starts again: the reset is failure 1.
    b.accept(deadline)?;
    let gap = b
        .accepted_at
        .unwrap_or(last)
        .saturating_duration_since(last);
    let d = ceiling(setup, 1).as_millis().to_string();
    ctx.log(msg!(
        "device-log-wait",
        n = 1,
        gap = gap.as_millis().to_string(),
        d = d
    ));
    judge_gap(&b, setup, 1, gap).map_err(|f| f.note(msg!("device-backoff-reset")))
}

pub fn sigterm(ctx: &mut Ctx) -> TestResult {
    exits_clean(ctx, Signal::SIGTERM)
}

pub fn sigint(ctx: &mut Ctx) -> TestResult {
    exits_clean(ctx, Signal::SIGINT)
}

/// Connected with a reading in flight, then while the broker is down: each time the signal
/// ends the device within 1 s, exit 0, and the connected one sends DISCONNECT first.
fn exits_clean(ctx: &mut Ctx, signal: Signal) -> TestResult {
    let (mut b, mut up) = online(ctx, SETUP, Manner::fresh().held())?;
    b.feed(&readings(ctx, 1, 1))?;
    let awaited = msg!("device-awaiting-reading", reading = b.shown(0));
    b.until(&mut up, awaited, soon(ctx), |_, e| {
        matches!(e, Event::Reading { .. })
    })?;
    std::thread::sleep(Duration::from_millis(50));
    send(&mut b, signal)?;
    let by = Instant::now() + Duration::from_secs(1);
    let awaited = msg!("device-awaiting-disconnect");
    loop {
        match b.step(&mut up, &awaited, by + ROOM)? {
            Event::Disconnected => break,
            Event::Closed => {
                let f =
                    Failure::wrong(msg!("device-no-disconnect", signal = signal.as_str())).proven();
                return Err(b.t.attach(f));
            }
            Event::Silent => {
                return Err(up.link.nothing_came(awaited, "3.14, 3.1.2-8".into(), None));
            }
            _ => {}
        }
    }
    exited(&mut b, signal, by)?;
    // Offline, in a long backoff: the signal must wake it too.
    let t = std::sync::Arc::clone(&b.t);
    let id = client_id(ctx, 8);
    let slow = Setup {
        backoff: (2000, 8000),
        ..SETUP
    };
    let mut b = Broker::start(ctx, &t, &id, slow)?;
    b.down()?;
    ctx.off_cpu(|| std::thread::sleep(Duration::from_millis(300)));
    send(&mut b, signal)?;
    exited(&mut b, signal, Instant::now() + Duration::from_secs(1))
}

fn send(b: &mut Broker, signal: Signal) -> TestResult {
    b.t.note("checker", msg!("device-signal", signal = signal.as_str()));
    // SIGINT as Ctrl-C sends it: to the whole foreground process group.
    if signal == Signal::SIGINT {
        b.device.program.signal_group(signal)?;
    } else {
        b.device.program.signal(signal)?;
    }
    Ok(())
}

/// The device must have exited with status 0 by `by` (and room).
fn exited(b: &mut Broker, signal: Signal, by: Instant) -> TestResult {
    let Some(status) = b.device.program.wait_until(by + ROOM) else {
        let f = Failure::of_kind(
            Kind::Timeout,
            msg!("device-no-exit", signal = signal.as_str()),
        );
        return Err(b.t.attach(f));
    };
    if status.code() != Some(0) {
        return Err(b.t.attach(
            b.device
                .program
                .unexpected_exit(msg!("device-after-signal", signal = signal.as_str())),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ceilings_double_up_to_the_bound() {
        let s = Setup {
            backoff: (40, 640),
            ..SETUP
        };
        let d: Vec<u128> = (1..=8).map(|n| ceiling(s, n).as_millis()).collect();
        assert_eq!(d, [40, 80, 160, 320, 640, 640, 640, 640]);
        assert_eq!(ceiling(s, 64).as_millis(), 640);
    }
}
