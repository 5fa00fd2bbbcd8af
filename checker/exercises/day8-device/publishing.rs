//! Part 1, the device connected and publishing: its CONNECT byte for byte, the birth and the
//! SUBSCRIBE after each CONNACK, readings in order, the clean end at EOF, and its usage.

use std::time::Duration;

use crate::base::i18n::msg;
use crate::base::verdict::{Failure, FailureKind as Kind, TestResult};
use crate::context::Ctx;
use crate::exercises::kit::run;
use crate::lab::exercise::secs;
use crate::observe::wire::mqtt::{Packet, Will};
use crate::observe::wire::server::loopback_listener;

use super::SENSOR;
use super::broker::{Acks, Broker, Event, Manner};
use super::scene::{SETUP, client_id, hang_up, online, readings, soon};
use super::sensor::{Setup, args};

pub fn connect_packet(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    // 23 characters, the most every broker takes (3.1.3-5); 300 s, two different bytes.
    let id = client_id(ctx, 23);
    let setup = Setup {
        keep_alive: 300,
        ..SETUP
    };
    let mut b = Broker::start(ctx, &t, &id, setup)?;
    let mut link = b.accept(soon(ctx))?;
    let expected = Packet::Connect {
        clean_session: false,
        keep_alive: 300,
        client_id: id.clone(),
        will: Some(Will {
            topic: b.topic("status"),
            payload: b"offline".to_vec(),
            qos: 1,
            retain: true,
        }),
    };
    let got = link.raw(expected.to_string(), "3.1.2, 3.1.3", soon(ctx))?;
    if got != expected.encode() {
        let summary = msg!("device-connect-differs", expected = expected.to_string());
        return Err(link.mismatch(summary, &expected.encode(), &got));
    }
    Ok(())
}

pub fn birth(ctx: &mut Ctx) -> TestResult {
    let (mut b, up) = online(ctx, SETUP, Manner::fresh())?;
    hang_up(&mut b, up)?;
    // A reading fed now must come after the birth: one that comes first proves it missing.
    let fed = readings(ctx, 1, 1);
    let mut up = connect_fed(ctx, &mut b, &fed, Manner::resumed())?;
    b.until(
        &mut up,
        msg!("device-awaiting-birth-again"),
        soon(ctx),
        |_, e| e == Event::Birth,
    )?;
    b.deliver_all(&mut up, soon(ctx))
}

/// A reading fed before each connection must come after the SUBSCRIBE when the session is
/// new (the ledger fails a new reading first); on session present 1 it need not.
pub fn subscribes(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let id = client_id(ctx, 8);
    let mut b = Broker::start(ctx, &t, &id, SETUP)?;
    let fed = readings(ctx, 1, 3);
    for (i, manner) in [Manner::fresh(), Manner::fresh(), Manner::resumed()]
        .into_iter()
        .enumerate()
    {
        let mut up = connect_fed(ctx, &mut b, &fed[i..=i], manner)?;
        let awaited = msg!("device-awaiting-reading", reading = b.shown(i));
        b.until(&mut up, awaited, soon(ctx), |_, e| {
            matches!(e, Event::Reading { .. })
        })?;
        b.deliver_all(&mut up, soon(ctx))?;
        hang_up(&mut b, up)?;
    }
    Ok(())
}

/// The next connection, its CONNECT taken, then `fed` on stdin, then the CONNACK: the readings
/// are new on this connection, whatever the device did with the last one.
fn connect_fed(
    ctx: &Ctx,
    b: &mut Broker,
    fed: &[String],
    manner: Manner,
) -> Result<super::broker::Up, Failure> {
    let mut link = b.accept(soon(ctx))?;
    b.expect_connect(&mut link, soon(ctx))?;
    b.feed(fed)?;
    b.accept_connect(link, manner, soon(ctx))
}

pub fn readings_in_order(ctx: &mut Ctx) -> TestResult {
    let (mut b, mut up) = online(ctx, SETUP, Manner::fresh())?;
    let mut fed = readings(ctx, 1, 40);
    fed[17] = "x".repeat(1024);
    let mut input = Vec::new();
    for (i, r) in fed.iter().enumerate() {
        b.note_reading(r.as_bytes());
        input.extend_from_slice(r.as_bytes());
        input.push(b'\n');
        if i == 9 {
            input.push(b'\n');
        }
    }
    // In pieces that end inside lines, a pause between them: each a read of its own.
    for piece in input.chunks(333) {
        b.device.write(&b.t, piece)?;
        std::thread::sleep(Duration::from_millis(15));
    }
    b.deliver_all(&mut up, ctx.within(secs(5)))
}

/// Late PUBACKs: a DISCONNECT before the last is a reading given up.
pub fn eof_waits_for_acks(ctx: &mut Ctx) -> TestResult {
    let late = Manner {
        acks: Acks::After(Duration::from_millis(150)),
        ..Manner::fresh()
    };
    let (mut b, mut up) = online(ctx, SETUP, late)?;
    let fed = readings(ctx, 1, 6);
    b.feed(&fed)?;
    b.device.end_input(&b.t);
    let deadline = ctx.within(secs(5));
    loop {
        match b.step(&mut up, &msg!("device-awaiting-readings"), deadline)? {
            Event::Disconnected if b.ledger.all_acked() => break,
            Event::Disconnected | Event::Closed => {
                let left = b.ledger.readings.len() - b.ledger.acked();
                return Err(b
                    .t
                    .attach(Failure::wrong(msg!("device-left-early", left = left)).proven()));
            }
            Event::Silent => {
                let expecting = if b.ledger.all_acked() {
                    msg!("device-awaiting-disconnect")
                } else {
                    msg!("device-awaiting-readings")
                };
                return Err(up
                    .link
                    .nothing_came(expecting, msg!("device-clause-eof"), None));
            }
            _ => {}
        }
    }
    let t = std::sync::Arc::clone(&b.t);
    let mut finished = run::wait_for_exit(ctx, b.device.program, secs(1));
    finished.expect_success(
        &t,
        msg!("device-no-exit-after-disconnect"),
        msg!("device-after-eof"),
    )
}

/// Each wrong command line: exit status 2, and no connection to the port it names.
pub fn usage(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let listener = loopback_listener()?;
    listener.set_nonblocking(true)?;
    let port = listener.local_addr()?.port();
    let cases = wrong_command_lines(&args(port, "dev1", SETUP));
    for case in cases {
        let shown = case
            .iter()
            .map(|a| crate::base::escape::shell_word(a))
            .collect::<Vec<_>>()
            .join(" ");
        t.note("checker", msg!("device-usage-case", args = shown.as_str()));
        let spawn = ctx.program(SENSOR)?.args(case);
        let mut done = run::to_exit_or_stuck(ctx, &t, (spawn, SENSOR), secs(2), None)?;
        let connected = listener.accept().is_ok();
        let code = done.status.and_then(|s| s.code());
        if code != Some(2) || connected || done.stderr.trim().is_empty() {
            let f = match done.status {
                None => done.still_running(msg!("device-usage-running", args = shown.as_str())),
                Some(_) if code != Some(2) => done
                    .program
                    .unexpected_exit(msg!("device-usage-when", args = shown.as_str()))
                    .note(msg!("device-usage-status")),
                Some(_) if connected => {
                    Failure::wrong(msg!("device-usage-connected", args = shown.as_str())).proven()
                }
                Some(_) => Failure::of_kind(
                    Kind::BadOutput,
                    msg!("device-usage-silent", args = shown.as_str()),
                ),
            };
            return Err(t
                .attach(f)
                .reproduce(format!("{} {shown}", ctx.by_hand(SENSOR))));
        }
    }
    Ok(())
}

/// Each way the contract's command line can be wrong, from `good`, a right one: a count, a
/// host that is no IPv4 address, a value out of its range.
fn wrong_command_lines(good: &[String]) -> Vec<Vec<String>> {
    let with = |at: usize, value: &str| {
        let mut a = good.to_vec();
        a[at] = value.to_string();
        a
    };
    vec![
        Vec::new(),
        good[..6].to_vec(),
        [good, &["x".to_string()]].concat(),
        with(0, "localhost"),
        with(0, "127.0.0.256"),
        with(1, "0"),
        with(1, "65536"),
        with(1, "18x3"),
        with(2, ""),
        with(2, &"a".repeat(24)),
        with(2, "dev-1"),
        with(3, "0"),
        with(3, "65536"),
        with(4, "0"),
        with(5, "0"),
        with(5, "300"),
    ]
}
