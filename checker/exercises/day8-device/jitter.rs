//! Part 3's jitter: two devices refused alike must not wait alike. The chance that two correct
//! devices do is computed at `IN_STEP`; waits alike are proven whatever the load (a scheduler's
//! delays only lengthen a wait), while waits apart prove jitter only beyond what the devices'
//! and the checker's measured delays could have added to each.

use std::time::{Duration, Instant};

use crate::base::i18n::msg;
use crate::base::verdict::{Failure, TestResult};
use crate::contain::procinfo;
use crate::context::Ctx;
use crate::exercises::kit::premise::Premise;
use crate::observe::wire::mqtt::Packet;

use super::broker::Broker;
use super::scene::{SETUP, client_id};
use super::sensor::Setup;
use super::timers::judge_gap;

/// A wait the broker timed (from its refusal to the next connection it accepted), and what a
/// scheduler's delays may have added to it: the device's and this thread's time runnable but off
/// a CPU, from just before the refusal was sent to just after the connection was accepted.
#[derive(Clone, Copy)]
struct Gap {
    took: Duration,
    delayed: Duration,
}

/// Refuse `attempts` CONNECTs in a row (code 3): the gaps between each refusal and the next
/// connection, each with its delays.
fn gaps(b: &mut Broker, attempts: usize, deadline: Instant) -> Result<Vec<Gap>, Failure> {
    let pid = b.device.program.pid();
    let delays = || procinfo::program_run_delay(pid) + procinfo::own_run_delay();
    let mut gaps = Vec::new();
    // The last refusal: when it was sent, and the delays read just before.
    let mut refused: Option<(Instant, Duration)> = None;
    for _ in 0..attempts {
        let mut link = b.accept(deadline)?;
        let accepted = delays();
        if let Some((sent, before)) = refused {
            gaps.push(Gap {
                took: b
                    .accepted_at
                    .unwrap_or(sent)
                    .saturating_duration_since(sent),
                delayed: accepted.saturating_sub(before),
            });
        }
        b.expect_connect(&mut link, deadline)?;
        let before = delays();
        link.send(
            &Packet::Connack {
                session_present: false,
                return_code: 3,
            },
            deadline,
        )?;
        refused = Some((link.last_sent, before));
        link.reset();
    }
    Ok(gaps)
}

/// How many gaps the two devices' waits are compared on, and within how much two waits count
/// as the same. Two correct devices draw each wait uniformly from [100, 200] ms: two such
/// draws fall within 8 ms of each other with p = 1 - (1 - 8/100)^2 = 0.154. The test fails if
/// at most one gap of 12 differs: 12 p^11 (1 - p) + p^12 = 1.1e-8. Devices that wait alike
/// (no jitter, or a generator seeded alike) differ by what a scheduler delayed them: a pass
/// counts only the differences their measured delays cannot explain.
const GAPS: usize = 12;
const IN_STEP: Duration = Duration::from_millis(8);

pub fn jitter(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let setup = Setup {
        backoff: (200, 200),
        ..SETUP
    };
    let (id_a, id_b) = (client_id(ctx, 8), client_id(ctx, 8));
    let mut a = Broker::start(ctx, &t, &id_a, setup)?;
    let mut b = Broker::start(ctx, &t, &id_b, setup)?;
    ctx.lend_slot();
    let deadline = ctx.deadline;
    let (gaps_a, gaps_b) = std::thread::scope(|s| {
        let other = s.spawn(|| gaps(&mut b, GAPS + 1, deadline));
        let mine = gaps(&mut a, GAPS + 1, deadline);
        (
            mine,
            other
                .join()
                .unwrap_or_else(|_| Err(Failure::checker_error("jitter thread"))),
        )
    });
    let (gaps_a, gaps_b) = (gaps_a?, gaps_b?);
    ctx.log(msg!(
        "device-log-waits",
        a = ms(&gaps_a, |g| g.took),
        b = ms(&gaps_b, |g| g.took)
    ));
    ctx.log(msg!(
        "device-log-delays",
        a = ms(&gaps_a, |g| g.delayed),
        b = ms(&gaps_b, |g| g.delayed)
    ));
    for (i, (ga, gb)) in gaps_a.iter().zip(&gaps_b).enumerate() {
        judge_gap(&a, setup, i as u32 + 1, ga.took)?;
        judge_gap(&b, setup, i as u32 + 1, gb.took)?;
    }
    // A scheduler's delays only lengthen a wait, so waits that differ by less than `IN_STEP`
    // would differ as little without them: being in step is proven whatever the load.
    let seen = apart(&gaps_a, &gaps_b, false);
    if seen <= 1 || !varies(&gaps_a, false) || !varies(&gaps_b, false) {
        let f = Failure::wrong(msg!("device-in-step", apart = seen, gaps = GAPS)).proven();
        return Err(t.attach(
            f.detail(
                msg!("device-waits-of", device = "A"),
                ms(&gaps_a, |g| g.took),
            )
            .detail(
                msg!("device-waits-of", device = "B"),
                ms(&gaps_b, |g| g.took),
            ),
        ));
    }
    // A difference proves jitter only where the delays of that wait cannot explain it: devices
    // that wait alike, starved, look apart (issue 66: a device that never seeded its generator
    // passed so beside a busy run).
    let proven =
        apart(&gaps_a, &gaps_b, true) >= 2 && varies(&gaps_a, true) && varies(&gaps_b, true);
    Premise::of(proven, || msg!("device-jitter-starved")).judge(Ok(()))
}

/// Each gap's `of`, in milliseconds, for the log.
fn ms(gaps: &[Gap], of: fn(&Gap) -> Duration) -> String {
    gaps.iter()
        .map(|g| of(g).as_millis().to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// How many of the two devices' waits differ by `IN_STEP` or more (beyond what their delays
/// could have added, with `beyond_delays`).
fn apart(a: &[Gap], b: &[Gap], beyond_delays: bool) -> usize {
    a.iter()
        .zip(b)
        .filter(|&(x, y)| {
            let noise = if beyond_delays {
                x.delayed + y.delayed
            } else {
                Duration::ZERO
            };
            x.took.abs_diff(y.took) >= IN_STEP + noise
        })
        .count()
}

/// A device's waits spread over `2 * IN_STEP` or more (beyond the most its delays could have
/// lengthened one, with `beyond_delays`).
fn varies(gaps: &[Gap], beyond_delays: bool) -> bool {
    let longest = gaps.iter().map(|g| g.took).max().unwrap_or_default();
    let shortest = gaps.iter().map(|g| g.took).min().unwrap_or_default();
    let noise = gaps
        .iter()
        .filter(|_| beyond_delays)
        .map(|g| g.delayed)
        .max()
        .unwrap_or_default();
    longest - shortest >= 2 * IN_STEP + noise
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The chance that two correct devices look in step, as `IN_STEP` computes it.
    #[test]
    fn two_correct_devices_are_almost_never_in_step() {
        let p: f64 = 1.0 - (1.0 - 8.0 / 100.0_f64).powi(2);
        let n = GAPS as i32;
        let chance = p.powi(n) + f64::from(n) * p.powi(n - 1) * (1.0 - p);
        assert!(chance < 1e-6, "{chance}");
    }
}
