//! What every test of day8-device sets up: the device's command line, the time a step may
//! take, readings and client ids drawn for the test, the first connection served up to its
//! birth, and the broker's hang-up.

use std::time::{Duration, Instant};

use crate::base::i18n::msg;
use crate::base::verdict::{Failure, TestResult};
use crate::context::Ctx;
use crate::lab::exercise::secs;

use super::broker::{Broker, Event, Manner, Up};
use super::sensor::Setup;

/// What a reaction may take beyond the contract's times on a quiet machine (a wake-up, a
/// connect, a scheduler's tick): past it, a failure on time, judged again if starved.
pub const ROOM: Duration = Duration::from_millis(250);

/// The device's command line in tests not about its timers: a keep alive no test reaches, a
/// bound no test fills, and a backoff short enough for a test's reconnections.
pub const SETUP: Setup = Setup {
    keep_alive: 60,
    bound: 100,
    backoff: (50, 200),
};

/// Three seconds from now: room for any step on a loaded machine.
pub fn soon(ctx: &Ctx) -> Instant {
    ctx.within(secs(3))
}

/// A client id every broker accepts (3.1.3-5): `len` letters and digits, drawn for the test.
pub fn client_id(ctx: &mut Ctx, len: usize) -> String {
    const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    (0..len)
        .map(|_| char::from(ALNUM[ctx.rng.usize(..ALNUM.len())]))
        .collect()
}

/// `n` readings, unique in the test: a temperature and a sequence number (`21.5 #3`).
pub fn readings(ctx: &mut Ctx, from: usize, n: usize) -> Vec<String> {
    (from..from + n)
        .map(|i| format!("{}.{} #{i}", ctx.rng.u32(15..30), ctx.rng.u32(0..10)))
        .collect()
}

/// The device started, its first connection up with a birth (and a SUBSCRIBE on session
/// present 0) served.
pub fn online(
    ctx: &mut Ctx,
    setup: Setup,
    manner: Manner,
) -> Result<(Broker, super::broker::Up), Failure> {
    let t = ctx.transcript();
    let id = client_id(ctx, 8);
    let mut b = Broker::start(ctx, &t, &id, setup)?;
    let mut up = b.connect(manner, soon(ctx))?;
    b.until(&mut up, msg!("device-awaiting-birth"), soon(ctx), |_, e| {
        e == Event::Birth
    })?;
    Ok((b, up))
}

/// Take what the device sends for `wait` (into the ledger), or until it closes.
pub fn settle(b: &mut Broker, up: &mut Up, wait: Duration) -> TestResult {
    let until = Instant::now() + wait;
    let awaited = msg!("device-awaiting-readings");
    while !matches!(b.step(up, &awaited, until)?, Event::Silent | Event::Closed) {}
    Ok(())
}

/// The broker closes the connection (FIN) and takes what the device still sends until it
/// closes too, so that nothing the device sent is left unread (which would reset it).
pub fn hang_up(b: &mut Broker, mut up: Up) -> TestResult {
    up.link.shut_down();
    settle(b, &mut up, Duration::from_secs(1))
}
