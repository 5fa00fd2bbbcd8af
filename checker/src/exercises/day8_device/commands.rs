//! Commands from the broker: printed `command <payload>` at once, acknowledged with their own
//! packet id, and a DUP 1 copy of one already acted on acknowledged without acting again. A
//! command that must not be acted on is followed by one that must (a marker): the first line
//! to come tells, no silence is waited out.

use std::time::Instant;

use crate::base::escape;
use crate::base::i18n::msg;
use crate::base::verdict::{Failure, FailureKind as Kind, TestResult};
use crate::context::Ctx;
use crate::exercises::kit::lines;

use super::broker::{Broker, Event, Manner, Up};
use super::scene::{SETUP, online, readings, soon};

/// Send a command and wait for the device's PUBACK of it (at QoS 1).
fn command(
    b: &mut Broker,
    up: &mut Up,
    payload: &str,
    id: Option<u16>,
    dup: bool,
    deadline: Instant,
) -> TestResult {
    b.command(up, payload, id, dup, deadline)?;
    if let Some(id) = id {
        let awaited = msg!("device-awaiting-command-ack", id = id);
        b.until(up, awaited, deadline, |_, e| e == Event::CommandAcked(id))?;
    }
    Ok(())
}

/// The device's stdout must come to hold exactly `lines` (`command <payload>` each), the last
/// of them due now.
fn printed(b: &Broker, expected: &[String], deadline: Instant) -> TestResult {
    let n = expected.len();
    let got = lines::wait_nth_watching(&b.device.program.stdout, "command ", n - 1, deadline, &b.t);
    let stdout = b.device.program.stdout.bytes();
    let all: Vec<String> = crate::contain::capture::complete_lines(&stdout)
        .map(|l| l.into_owned())
        .collect();
    if all == expected {
        return Ok(());
    }
    let f = match got {
        Err(stuck) => {
            let who = "stdout";
            crate::observe::wire::conn::where_it_waits(
                &crate::observe::wire::conn::stuck_failure(who, stuck),
                Failure::of_kind(
                    Kind::Timeout,
                    msg!(
                        "device-command-not-printed",
                        line = expected[n - 1].as_str()
                    ),
                ),
            )
        }
        Ok(None) if all.len() < n && expected.starts_with(&all) => Failure::of_kind(
            Kind::Timeout,
            msg!(
                "device-command-not-printed",
                line = expected[n - 1].as_str()
            ),
        )
        .note(msg!("device-flush")),
        _ if !expected.starts_with(&all) => Failure::wrong(msg!("device-stdout-differs")).proven(),
        _ => Failure::of_kind(
            Kind::Timeout,
            msg!(
                "device-command-not-printed",
                line = expected[n - 1].as_str()
            ),
        ),
    };
    let show = |l: &[String]| {
        escape::quoted(
            l.iter()
                .map(|l| format!("{l}\n"))
                .collect::<String>()
                .as_bytes(),
            600,
        )
    };
    Err(b.t.attach(
        f.detail(msg!("label-expected"), show(expected))
            .detail(msg!("label-got"), show(&all)),
    ))
}

pub fn commands(ctx: &mut Ctx) -> TestResult {
    let (mut b, mut up) = online(ctx, SETUP, Manner::fresh().held())?;
    if !up.subscribed() {
        b.until(
            &mut up,
            msg!("device-awaiting-subscribe"),
            soon(ctx),
            |_, e| e == Event::Subscribed,
        )?;
    }
    let mut expected = Vec::new();
    command(&mut b, &mut up, "interval 5", Some(7), false, soon(ctx))?;
    expected.push("command interval 5".to_string());
    printed(&b, &expected, soon(ctx))?;
    command(&mut b, &mut up, "flush", None, false, soon(ctx))?;
    expected.push("command flush".to_string());
    printed(&b, &expected, soon(ctx))?;
    // A reading in flight (its PUBACK held), and a command with the same packet id.
    b.feed(&readings(ctx, 1, 1))?;
    let awaited = msg!("device-awaiting-reading", reading = b.shown(0));
    let Event::Reading { id, .. } = b.until(&mut up, awaited, soon(ctx), |_, e| {
        matches!(e, Event::Reading { .. })
    })?
    else {
        unreachable!("until returns the event awaited");
    };
    command(&mut b, &mut up, "led on", Some(id), false, soon(ctx))?;
    expected.push("command led on".to_string());
    printed(&b, &expected, soon(ctx))?;
    b.ack(&mut up, id, soon(ctx))?;
    command(&mut b, &mut up, "interval 60", Some(id), false, soon(ctx))?;
    expected.push("command interval 60".to_string());
    printed(&b, &expected, soon(ctx))
}

pub fn duplicate_command(ctx: &mut Ctx) -> TestResult {
    let (mut b, mut up) = online(ctx, SETUP, Manner::fresh())?;
    let mut expected: Vec<String> = Vec::new();
    // (payload, id, dup, acted on)
    let script: &[(&str, u16, bool, bool)] = &[
        ("reboot", 11, false, true),
        ("reboot", 11, true, false),
        ("reboot", 11, false, true),
        ("reset", 11, true, true),
    ];
    for &(payload, id, dup, acts) in script {
        command(&mut b, &mut up, payload, Some(id), dup, soon(ctx))?;
        if acts {
            acted(&mut expected, payload);
        }
    }
    let sixteen: Vec<String> = (1..=16).map(|i| format!("c{i}")).collect();
    for (i, p) in sixteen.iter().enumerate() {
        command(&mut b, &mut up, p, Some(100 + i as u16), false, soon(ctx))?;
        acted(&mut expected, p);
    }
    // c1 is the 16th command back: still remembered.
    command(&mut b, &mut up, "c1", Some(100), true, soon(ctx))?;
    command(&mut b, &mut up, "mark 1", Some(12), false, soon(ctx))?;
    acted(&mut expected, "mark 1");
    printed(&b, &expected, soon(ctx))?;
    // A command whose PUBACK the broker never read: the connection drops, and the broker
    // sends it again with DUP on the next one (4.4).
    b.command(&mut up, "flush", Some(40), false, soon(ctx))?;
    acted(&mut expected, "flush");
    printed(&b, &expected, soon(ctx))?;
    up.link.reset();
    b.forget_commands();
    let mut up = b.connect(Manner::resumed(), soon(ctx))?;
    command(&mut b, &mut up, "flush", Some(40), true, soon(ctx))?;
    command(&mut b, &mut up, "mark 2", Some(41), false, soon(ctx))?;
    acted(&mut expected, "mark 2");
    printed(&b, &expected, soon(ctx))
}

/// The line a command acted on prints.
fn acted(expected: &mut Vec<String>, payload: &str) {
    expected.push(format!("command {payload}"));
}
