//! Part 3's jitter: two devices refused alike must not wait alike. The chance that two correct
//! devices do is computed at `IN_STEP`. A scheduler's delays may lengthen any wait, so each
//! wait's delays are measured (`procinfo::RunDelays`): jitter is a pass only where the waits
//! stay apart beyond them; in step is judged on the waits as measured (`jitter` says why).

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

/// The delays of a wait whose run-queue waits could not be read: too long for any difference
/// to prove or disprove jitter.
const UNKNOWN: Duration = Duration::from_secs(3600);

/// Refuse `attempts` CONNECTs in a row (code 3): the gaps between each refusal and the next
/// connection, each with its delays.
fn gaps(b: &mut Broker, attempts: usize, deadline: Instant) -> Result<Vec<Gap>, Failure> {
    let pid = b.device.program.pid();
    let delays = || procinfo::run_delays(pid);
    let mut gaps = Vec::new();
    // The last refusal: when it was sent, and the delays read just before.
    let mut refused: Option<(Instant, Option<procinfo::RunDelays>)> = None;
    for _ in 0..attempts {
        let mut link = b.accept(deadline)?;
        let accepted = delays();
        if let Some((sent, before)) = refused {
            gaps.push(Gap {
                took: b
                    .accepted_at
                    .unwrap_or(sent)
                    .saturating_duration_since(sent),
                delayed: match (before, &accepted) {
                    (Some(before), Some(after)) => before.until(after),
                    _ => UNKNOWN,
                },
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
    // A wait measured is the device's own wait plus at most its delays. Jitter is a pass only
    // where even the narrowest reading keeps the waits apart (a device that never seeded its
    // generator passed beside a busy run, its waits alike looking apart). In step is judged on
    // the waits as measured: read widest, the delays of two devices and the checker woken
    // together on 2 cores (0 to 8 ms a wait on a quiet machine) left a device seeded alike
    // unjudged 2 runs in 3. Delays that bring correct waits together need wake-ups held to
    // common instants (a container throttled to its quota most of each period).
    let may_differ = apart(&gaps_a, &gaps_b, Reading::Measured);
    if may_differ <= 1 || !varies(&gaps_a, Reading::Measured) || !varies(&gaps_b, Reading::Measured)
    {
        return Err(t.attach(in_step(&gaps_a, &gaps_b, may_differ)));
    }
    let proven = apart(&gaps_a, &gaps_b, Reading::Narrowest) >= 2
        && varies(&gaps_a, Reading::Narrowest)
        && varies(&gaps_b, Reading::Narrowest);
    Premise::of(proven, || msg!("device-jitter-starved")).judge(Ok(()))
}

/// The failure of devices in step: their waits side by side.
fn in_step(a: &[Gap], b: &[Gap], may_differ: usize) -> Failure {
    Failure::wrong(msg!("device-in-step", apart = may_differ, gaps = GAPS))
        .proven()
        .detail(msg!("device-waits-of", device = "A"), ms(a, |g| g.took))
        .detail(msg!("device-waits-of", device = "B"), ms(b, |g| g.took))
}

/// How a difference between waits is read given each wait's delays: as measured, or the
/// narrowest the true difference can be (the delays may have made that much of it).
#[derive(Clone, Copy)]
enum Reading {
    Measured,
    Narrowest,
}

impl Reading {
    /// Whether a difference measured as `measured`, less `noise` where read narrowest, reaches
    /// `at_least`.
    fn reaches(self, measured: Duration, noise: Duration, at_least: Duration) -> bool {
        match self {
            Reading::Measured => measured >= at_least,
            Reading::Narrowest => measured >= at_least + noise,
        }
    }
}

/// Each gap's `of`, in milliseconds, for the log.
fn ms(gaps: &[Gap], of: fn(&Gap) -> Duration) -> String {
    gaps.iter()
        .map(|g| of(g).as_millis().to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// On how many attempts the two devices' waits differ by `IN_STEP` or more, so read.
fn apart(a: &[Gap], b: &[Gap], reading: Reading) -> usize {
    a.iter()
        .zip(b)
        .filter(|&(x, y)| reading.reaches(x.took.abs_diff(y.took), x.delayed + y.delayed, IN_STEP))
        .count()
}

/// Whether a device's waits spread over `2 * IN_STEP` or more, so read (a true wait is the
/// measured one less at most the largest delay).
fn varies(gaps: &[Gap], reading: Reading) -> bool {
    let longest = gaps.iter().map(|g| g.took).max().unwrap_or_default();
    let shortest = gaps.iter().map(|g| g.took).min().unwrap_or_default();
    let noise = gaps.iter().map(|g| g.delayed).max().unwrap_or_default();
    reading.reaches(longest - shortest, noise, 2 * IN_STEP)
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
