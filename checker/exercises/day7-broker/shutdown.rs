//! SIGTERM and SIGINT: the broker closes every connection and exits 0 within 2 s, accepting
//! nothing more. (Whether the wills of the devices still connected go out is left open.)

use std::time::{Duration, Instant};

use nix::sys::signal::Signal;

use super::{broker, online};
use crate::base::i18n::msg;
use crate::base::verdict::{Failure, FailureKind, TestResult};
use crate::context::Ctx;
use crate::exercises::families::graceful_exit::steps;
use crate::observe::wire::Conn;

pub fn sigterm(ctx: &mut Ctx) -> TestResult {
    exits_clean(ctx, Signal::SIGTERM)
}

pub fn sigint(ctx: &mut Ctx) -> TestResult {
    exits_clean(ctx, Signal::SIGINT)
}

fn exits_clean(ctx: &mut Ctx, signal: Signal) -> TestResult {
    let (mut s, t) = broker(ctx)?;
    let mut devices = Vec::new();
    for id in ["a", "b", "c"] {
        devices.push(online(ctx, &t, &s, id)?);
    }
    devices[0].subscribe(&[("x/#", 1)], super::soon(ctx))?;
    let pid = s.program.pid();
    steps::wait_until_asleep(Duration::from_secs(1), || {
        crate::contain::procinfo::tree(pid)
    });
    t.note("checker", msg!("mqtt-signal", signal = signal.as_str()));
    // SIGINT as Ctrl-C sends it: to the whole foreground process group.
    if signal == Signal::SIGINT {
        s.program.signal_group(signal)?;
    } else {
        s.program.signal(signal)?;
    }
    let by = Instant::now() + Duration::from_secs(2);
    for d in &mut devices {
        let left = by.saturating_duration_since(Instant::now());
        d.expect_closed(
            msg!("mqtt-what-signal", signal = signal.as_str()),
            msg!("mqtt-clause-all-closed"),
            left,
        )?;
    }
    let Some(status) = s.program.wait_until(by) else {
        return Err(Failure::of_kind(
            FailureKind::Timeout,
            msg!("mqtt-no-exit-in-2s", signal = signal.as_str()),
        ));
    };
    if status.code() != Some(0) {
        let on = msg!("mqtt-after-signal", signal = signal.as_str());
        return Err(s.program.unexpected_exit(on));
    }
    match Conn::connect(
        &t,
        "late device",
        s.port,
        Instant::now() + Duration::from_secs(1),
    ) {
        Err(_) => Ok(()),
        Ok(_) => Err(t.attach(Failure::wrong(msg!("mqtt-accepts-after-exit")))),
    }
}
