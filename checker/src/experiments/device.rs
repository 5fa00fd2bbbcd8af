//! What day 8's device rests on: TCP does not tell a device that the program at the other end
//! has stopped answering (its kernel still acknowledges everything, keepalive probes included),
//! MQTT's keep alive does, within the keep alive; and devices that retry on the same schedule
//! hit a broker that comes back all at once, where jitter spreads them out.

use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::signal::{Signal, kill};
use nix::sys::socket::{
    Backlog, MsgFlags, SockaddrIn, bind, connect, getsockopt, listen, send, setsockopt, sockopt,
};
use nix::unistd::Pid;

use super::net;
use super::processes::{reap, spawn};
use super::{Lab, Outcome, yes_no};
use crate::base::i18n::msg;

const PINGREQ: [u8; 2] = [0xc0, 0x00];
const PINGRESP: [u8; 2] = [0xd0, 0x00];
/// The device's keep alive, in seconds: short, so the experiment is.
const KEEP_ALIVE_S: u64 = 1;
/// TCP keepalive as short as it goes: a peer that answers nothing would be dropped after
/// idle + count × interval = 3 s.
const KEEPIDLE_S: u32 = 1;
const KEEPINTVL_S: u32 = 1;
const KEEPCNT: u32 = 2;

/// A sysctl of net.ipv4 as a number (this namespace's), 0 where it cannot be read.
fn sysctl(name: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/sys/net/ipv4/{name}"))
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0)
}

/// The broker: a child that answers every PINGREQ with a PINGRESP (async-signal-safe calls
/// only), killed with its parent.
fn pinging_broker(fd: &OwnedFd) -> Result<Pid> {
    let fd = fd.as_raw_fd();
    spawn(|| {
        // SAFETY: prctl, read and write are system calls, async-signal-safe.
        unsafe {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            let mut packet = [0u8; 2];
            while libc::read(fd, packet.as_mut_ptr().cast(), 2) == 2 {
                if packet == PINGREQ {
                    libc::write(fd, PINGRESP.as_ptr().cast(), 2);
                }
            }
        }
        0
    })
}

/// Send a PINGREQ and wait for the PINGRESP at most the keep alive: how long it took, or `None`
/// when the keep alive ran out (the link is dead, by MQTT's rule).
fn ping(device: &OwnedFd) -> Result<Option<Duration>> {
    let sent = Instant::now();
    if send(device.as_raw_fd(), &PINGREQ, MsgFlags::MSG_NOSIGNAL)? != 2 {
        bail!("the PINGREQ did not go whole");
    }
    let deadline = sent + Duration::from_secs(KEEP_ALIVE_S);
    let mut got = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(None);
        }
        let mut pfd = [PollFd::new(device.as_fd(), PollFlags::POLLIN)];
        let ms = u16::try_from(left.as_millis().max(1)).unwrap_or(u16::MAX);
        match poll(&mut pfd, PollTimeout::from(ms)) {
            Ok(0) | Err(Errno::EINTR) => continue,
            Ok(_) => {}
            Err(e) => bail!("poll: {e}"),
        }
        let mut buf = [0u8; 2];
        match net::recv_now(device, &mut buf) {
            Ok(0) => bail!("the broker closed the connection"),
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(Errno::EAGAIN | Errno::EINTR) => {}
            Err(e) => bail!("recv: {e}"),
        }
        if got.len() >= 2 {
            return Ok((got[..2] == PINGRESP).then(|| sent.elapsed()));
        }
    }
}

/// The device's TCP keepalive, as short as Linux allows.
fn short_keepalive(device: &OwnedFd) -> Result<()> {
    setsockopt(device, sockopt::KeepAlive, &true)?;
    setsockopt(device, sockopt::TcpKeepIdle, &KEEPIDLE_S)?;
    setsockopt(device, sockopt::TcpKeepInterval, &KEEPINTVL_S)?;
    setsockopt(device, sockopt::TcpKeepCount, &KEEPCNT)?;
    Ok(())
}

/// A broker process stopped (SIGSTOP) with its connection open: the device's PINGREQ is
/// acknowledged by the broker's kernel, TCP keepalive probes too, and the connection stays
/// ESTABLISHED with no error past the time keepalive would drop a silent peer; only the
/// missing PINGRESP, within the keep alive, tells the device the link is dead.
pub fn half_open(lab: &mut Lab) -> Result<Outcome> {
    let (listener, port) = net::listener(0, 4, false)?;
    let device = net::connect_blocking(port)?;
    setsockopt(&device, sockopt::TcpNoDelay, &true)?;
    let accepted = net::accept(&listener, false)?.context("accept")?;
    let broker = pinging_broker(&accepted)?;
    drop(accepted);
    let outcome = stop_and_watch(lab, &device, broker);
    let _ = kill(broker, Signal::SIGKILL);
    reap(broker, Duration::from_secs(2));
    outcome
}

fn stop_and_watch(lab: &mut Lab, device: &OwnedFd, broker: Pid) -> Result<Outcome> {
    short_keepalive(device)?;
    let alive = ping(device)?;
    lab.say(msg!(
        "try-half-open-setup",
        keep_alive = KEEP_ALIVE_S,
        pingresp = yes_no(alive.is_some()),
        ms = alive.map_or(0, |d| d.as_millis() as u64)
    ));
    kill(broker, Signal::SIGSTOP)?;
    let stopped = net::wait_until(Duration::from_secs(2), || {
        crate::contain::procinfo::state(broker.as_raw()) == Some('T')
    });
    let probes_before = net::counter("TcpExt", "TCPKeepAlive");
    let started = Instant::now();
    let answer = ping(device)?;
    let dead_after = started.elapsed();
    let acked = net::wait_until(Duration::from_secs(2), || {
        net::tcp_info(device.as_raw_fd()).tcpi_unacked == 0
    });
    lab.say(msg!(
        "try-half-open-stopped",
        pingresp = yes_no(answer.is_some()),
        acked = yes_no(acked),
        ms = dead_after.as_millis() as u64,
        keep_alive = KEEP_ALIVE_S
    ));
    let tcp = keepalive_after(lab, device, started, probes_before)?;
    let defaults = Defaults::told(lab);
    lab.say(msg!("try-half-open-conclusion"));
    let holds = alive.is_some()
        && stopped
        && answer.is_none()
        && dead_after >= Duration::from_secs(KEEP_ALIVE_S)
        && acked
        && tcp.holds();
    Ok(Outcome::new(holds)
        .fact("pingresp_before_stop", alive.is_some())
        .fact("broker_stopped", stopped)
        .fact("pingresp_after_stop", answer.is_some())
        .fact("pingreq_acked_by_kernel", acked)
        .fact("dead_after_ms", dead_after.as_millis() as u64)
        .fact("keep_alive_s", KEEP_ALIVE_S)
        .fact("keepalive_probes_sent", tcp.probes)
        .fact("keepalive_probes_unanswered", tcp.unanswered)
        .fact("state_after_keepalive", net::state_name(tcp.state))
        .fact("so_error", tcp.error)
        .fact("tcp_keepalive_time_s", defaults.time)
        .fact("tcp_keepalive_intvl_s", defaults.interval)
        .fact("tcp_keepalive_probes", defaults.count)
        .fact("default_dead_after_s", defaults.dead_after()))
}

/// What TCP says of the connection once keepalive would have dropped a silent peer.
struct KeptAlive {
    state: u8,
    error: i32,
    probes: u64,
    unanswered: u8,
}

impl KeptAlive {
    /// Probes went out, all answered, and the connection is as healthy as TCP can tell.
    fn holds(&self) -> bool {
        self.state == net::ESTABLISHED
            && self.error == 0
            && self.probes >= 1
            && self.unanswered == 0
    }
}

/// Wait past the point where keepalive drops a peer that answers nothing (with a margin), then
/// read the connection's state, its error and the probes sent since `probes_before`.
fn keepalive_after(
    lab: &mut Lab,
    device: &OwnedFd,
    started: Instant,
    probes_before: u64,
) -> Result<KeptAlive> {
    let silent_peer_dropped = u64::from(KEEPIDLE_S + KEEPCNT * KEEPINTVL_S);
    std::thread::sleep(
        Duration::from_millis(silent_peer_dropped * 1000 + 500).saturating_sub(started.elapsed()),
    );
    let kept = KeptAlive {
        state: net::state(device),
        error: getsockopt(device, sockopt::SocketError)?,
        probes: net::counter("TcpExt", "TCPKeepAlive").saturating_sub(probes_before),
        unanswered: net::tcp_info(device.as_raw_fd()).tcpi_probes,
    };
    lab.say(msg!(
        "try-half-open-keepalive",
        idle = KEEPIDLE_S,
        interval = KEEPINTVL_S,
        count = KEEPCNT,
        after = silent_peer_dropped,
        probes = kept.probes,
        state = net::state_name(kept.state),
        error = kept.error
    ));
    Ok(kept)
}

/// This machine's keepalive settings (net.ipv4.tcp_keepalive_*).
struct Defaults {
    time: u64,
    interval: u64,
    count: u64,
}

impl Defaults {
    /// Read and said.
    fn told(lab: &mut Lab) -> Defaults {
        let defaults = Defaults {
            time: sysctl("tcp_keepalive_time"),
            interval: sysctl("tcp_keepalive_intvl"),
            count: sysctl("tcp_keepalive_probes"),
        };
        let total = defaults.dead_after();
        lab.say(msg!(
            "try-half-open-defaults",
            time = defaults.time,
            interval = defaults.interval,
            count = defaults.count,
            total = total,
            minutes = total / 60
        ));
        defaults
    }

    /// When a peer that answers nothing is dropped: the idle time, then every probe.
    fn dead_after(&self) -> u64 {
        self.time + self.count * self.interval
    }
}

/// Devices in the herd, and their backoff (the contract's: d_n = min(max, min × 2^(n-1))).
const DEVICES: usize = 20;
const BACKOFF_MIN_MS: u64 = 50;
const BACKOFF_MAX_MS: u64 = 400;
/// When the broker listens again, after going down at 0.
const COMEBACK_MS: u64 = 1000;
/// The width of a slot of the count.
const SLOT_MS: u64 = 10;
/// A device that has not connected by then gives up (the experiment never hangs).
const GIVE_UP_MS: u64 = 5000;

/// When one device tried to connect, in ms since the broker went down.
struct Attempt {
    at_ms: u64,
    connected: bool,
}

/// One device: the first attempt at once, then after each failure the contract's wait, with
/// or without jitter, each attempt scheduled from the previous one's scheduled time (so the
/// machine's own delays do not add up).
fn device(port: u16, start: Instant, jitter: bool, rng: &mut fastrand::Rng) -> Vec<Attempt> {
    let mut attempts = Vec::new();
    let (mut scheduled, mut failures) = (0u64, 0u32);
    while scheduled < GIVE_UP_MS {
        std::thread::sleep(
            (start + Duration::from_millis(scheduled)).saturating_duration_since(Instant::now()),
        );
        let at_ms = start.elapsed().as_millis() as u64;
        let Ok(fd) = net::tcp_socket(false) else {
            break;
        };
        let connected = connect(fd.as_raw_fd(), &SockaddrIn::new(127, 0, 0, 1, port)).is_ok();
        attempts.push(Attempt { at_ms, connected });
        if connected {
            break;
        }
        failures += 1;
        let d = BACKOFF_MAX_MS.min(BACKOFF_MIN_MS << (failures - 1).min(20));
        scheduled += if jitter { rng.u64(d / 2..=d) } else { d };
    }
    attempts
}

/// What one run of the herd showed.
struct Herd {
    attempts: usize,
    all_connected: bool,
    /// The busiest slot from the comeback on: its start (ms) and its attempts.
    busiest_after: (u64, usize),
    slots_after: usize,
    last_connected_ms: u64,
}

/// `DEVICES` devices lose the broker at 0 and retry; the broker listens again at
/// `COMEBACK_MS`. A socket bound but not listening refuses (RST), as a broker's port does
/// while it restarts.
fn herd(jitter: bool) -> Result<Herd> {
    let broker = net::tcp_socket(false)?;
    bind(broker.as_raw_fd(), &SockaddrIn::new(127, 0, 0, 1, 0))?;
    let port = net::local_port(&broker)?;
    let start = Instant::now() + Duration::from_millis(20);
    let all = std::thread::scope(|scope| -> Result<Vec<Attempt>> {
        let devices: Vec<_> = (0..DEVICES)
            .map(|_| {
                let mut rng = fastrand::Rng::new();
                scope.spawn(move || device(port, start, jitter, &mut rng))
            })
            .collect();
        std::thread::sleep(
            (start + Duration::from_millis(COMEBACK_MS)).saturating_duration_since(Instant::now()),
        );
        listen(&broker, Backlog::new(64).context("backlog")?)?;
        let mut all = Vec::new();
        for d in devices {
            all.extend(d.join().map_err(|_| anyhow::anyhow!("a device panicked"))?);
        }
        Ok(all)
    })?;
    let mut slots = std::collections::BTreeMap::<u64, usize>::new();
    for a in all.iter().filter(|a| a.at_ms >= COMEBACK_MS) {
        *slots.entry(a.at_ms / SLOT_MS * SLOT_MS).or_default() += 1;
    }
    let busiest_after = slots
        .iter()
        .max_by_key(|(at, n)| (**n, std::cmp::Reverse(**at)))
        .map_or((0, 0), |(at, n)| (*at, *n));
    let connected: Vec<u64> = all
        .iter()
        .filter(|a| a.connected)
        .map(|a| a.at_ms)
        .collect();
    Ok(Herd {
        attempts: all.len(),
        all_connected: connected.len() == DEVICES,
        busiest_after,
        slots_after: slots.len(),
        last_connected_ms: connected.iter().copied().max().unwrap_or(0),
    })
}

/// The same devices, the same broker down for a second, without jitter and with it: without,
/// every device tries in the same 10 ms slot each time, the broker's comeback included; with
/// the contract's equal jitter they spread over the slots.
pub fn thundering_herd(lab: &mut Lab) -> Result<Outcome> {
    lab.say(msg!(
        "try-herd-setup",
        devices = DEVICES,
        min = BACKOFF_MIN_MS,
        max = BACKOFF_MAX_MS,
        comeback = COMEBACK_MS,
        slot = SLOT_MS
    ));
    let steady = herd(false)?;
    let spread = herd(true)?;
    lab.say(msg!(
        "try-herd-without",
        attempts = steady.attempts,
        busiest = steady.busiest_after.1,
        at = steady.busiest_after.0,
        slots = steady.slots_after,
        last = steady.last_connected_ms
    ));
    lab.say(msg!(
        "try-herd-with",
        attempts = spread.attempts,
        busiest = spread.busiest_after.1,
        at = spread.busiest_after.0,
        slots = spread.slots_after,
        last = spread.last_connected_ms
    ));
    lab.say(msg!("try-herd-conclusion"));
    let holds = steady.all_connected
        && spread.all_connected
        && steady.busiest_after.1 * 4 >= DEVICES * 3
        && spread.busiest_after.1 * 2 <= DEVICES
        && spread.slots_after > steady.slots_after;
    Ok(Outcome::new(holds)
        .fact("devices", DEVICES)
        .fact("without_jitter_attempts", steady.attempts)
        .fact("without_jitter_busiest_slot", steady.busiest_after.1)
        .fact("without_jitter_busiest_slot_at_ms", steady.busiest_after.0)
        .fact("without_jitter_slots", steady.slots_after)
        .fact("without_jitter_all_connected", steady.all_connected)
        .fact("with_jitter_attempts", spread.attempts)
        .fact("with_jitter_busiest_slot", spread.busiest_after.1)
        .fact("with_jitter_slots", spread.slots_after)
        .fact("with_jitter_all_connected", spread.all_connected)
        .fact("with_jitter_last_connected_ms", spread.last_connected_ms))
}
