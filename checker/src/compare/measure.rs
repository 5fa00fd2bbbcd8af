//! Measuring one server: in a sandbox of its own where the machine allows it (a fresh network
//! and PID namespace, as a test's programs run), first a round trip to see it works at all,
//! then for each number of clients (one run; `compare::run` runs it again) a fresh start of
//! the server, the fleet
//! connected, the server's memory read idle, the load for the window, its CPU time and memory
//! read again, everything stopped. A server that dies or refuses is a figure of that level;
//! the next level starts it again.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddrV4, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::Settings;
use super::figures::{Figures, Level, name};
use super::servers::{Contestant, Contract};
use crate::base::i18n::{Text, msg};
use crate::base::workspace::Track;
use crate::contain::procinfo::{self, Usage};
use crate::contain::reaper;
use crate::contain::sandbox::{self, Sandbox};
use crate::contain::scope::Scope;
use crate::contain::workdirs::WorkDir;
use crate::context::built::Built;
use crate::context::slot::{Slot, Slots};
use crate::context::{Ctx, Which};
use crate::exercises::kit;
use crate::lab::exercise::{Exercise, ExerciseKind};
use crate::observe::fleet::{Fleet, Tally, chat, echo};

/// How a server came out of the comparison.
pub enum Outcome {
    /// Its figures, one `Level` per number of clients.
    Measured(Vec<Level>),
    /// Not measured, and why (it does not build, is not started, fails a round trip).
    Skipped(Text),
}

/// One run of `c` (built as `built`, on `track`: the compared tree's) at every level `settings`
/// say, in a sandbox of its own; `step` is called after each level.
pub fn measure(
    c: &Contestant,
    built: &Built,
    track: Track,
    settings: &Settings,
    step: &(dyn Fn(&str, usize) + Sync),
) -> Outcome {
    let workdir = match WorkDir::new("lab-compare-") {
        Ok(dir) => dir,
        Err(e) => return Outcome::Skipped(Text::Plain(e.to_string())),
    };
    let sandbox = (settings.mode == sandbox::Mode::Namespaces)
        .then(|| Sandbox::create(Some(workdir.path())).ok())
        .flatten();
    let mut scope = Scope::new(sandbox.as_ref().map(Sandbox::fds), workdir.path().into());
    scope.limits = settings.limits;
    let tag = scope.tag_prefix.clone();
    // The namespace is joined by a thread of its own, where the fleet runs.
    let outcome = std::thread::scope(|threads| {
        threads
            .spawn(|| {
                let _inside = match sandbox.as_ref().map(Sandbox::enter).transpose() {
                    Ok(inside) => inside,
                    Err(e) => return Outcome::Skipped(Text::Plain(format!("{e:#}"))),
                };
                let slots = Arc::new(Slots::new(1));
                let slot = Slot::acquire(&slots, false);
                let lab = Lab {
                    c,
                    built,
                    track,
                    settings,
                    scope: &scope,
                    slot: &slot,
                };
                lab.all_levels(step)
            })
            .join()
            .unwrap_or_else(|_| Outcome::Skipped(Text::Plain("the measurement panicked".into())))
    });
    reaper::stop_tagged(&tag);
    drop(sandbox);
    outcome
}

/// The exercise a program from elsewhere is measured in, in its context: none of the lab's (its
/// test's seed is drawn from the name `outside`).
static OUTSIDE: Exercise = Exercise {
    name: "outside",
    day: 0,
    title: "a program from elsewhere",
    section: "",
    kind: ExerciseKind::Programs { binaries: &[] },
    student_files: &[],
    families: &[],
    tests: &[],
    parts: &[],
    rules: &kit::rules::RULES,
    c: None,
};

/// What measuring one server needs at hand.
struct Lab<'a> {
    c: &'a Contestant,
    built: &'a Built,
    track: Track,
    settings: &'a Settings,
    scope: &'a Scope,
    slot: &'a Slot,
}

impl Lab<'_> {
    /// A context for starting the server (the checker's own way: its listening line, or for
    /// a program from elsewhere its socket in LISTEN; a `todo!()` reads "not started").
    fn ctx(&self) -> Ctx<'_> {
        let which = Which {
            exercise: self.c.exercise.unwrap_or(&OUTSIDE),
            test: "compare",
            timeout: Duration::from_secs(60),
            program: None,
            args: self.c.args,
        };
        let log = Arc::new(Mutex::new(Vec::new()));
        Ctx::new(
            which,
            self.track,
            self.built,
            0,
            log,
            self.scope.clone(),
            self.slot,
        )
    }

    /// What the server is given after its port (its exercise's `Takes::args`).
    fn program_args(&self) -> Vec<String> {
        self.c.args.iter().map(|a| a.to_string()).collect()
    }

    fn all_levels(&self, step: &(dyn Fn(&str, usize) + Sync)) -> Outcome {
        if let Err(why) = self.works() {
            return Outcome::Skipped(why);
        }
        let counts = match self.c.contract {
            Contract::Echo => &self.settings.echo_levels,
            Contract::Chat | Contract::Mqtt => &self.settings.chat_levels,
        };
        let mut levels: Vec<Level> = counts
            .iter()
            .map(|&clients| Level {
                clients,
                runs: Vec::new(),
                trouble: Vec::new(),
            })
            .collect();
        for level in &mut levels {
            let (figures, trouble) = self.level(level.clients);
            level.runs.extend(figures);
            level.trouble.extend(trouble);
            step(&self.c.name, level.clients);
        }
        Outcome::Measured(levels)
    }

    /// The server starts and answers one line (echoed back, or sent back to its sender), or a
    /// broker its CONNECT.
    fn works(&self) -> Result<(), Text> {
        let ctx = self.ctx();
        let mut server = kit::server::start(&ctx, &self.c.name, 0, &self.program_args())
            .map_err(|f| f.summary)?;
        // A line and its echo; a broker: a CONNECT and its CONNACK.
        let (line, answer) = match self.c.contract {
            Contract::Mqtt => {
                let connect = crate::observe::wire::mqtt::Packet::Connect {
                    clean_session: true,
                    keep_alive: 0,
                    client_id: "compare".into(),
                    will: None,
                };
                (connect.encode(), vec![0x20, 0x02, 0x00, 0x00])
            }
            Contract::Echo | Contract::Chat => {
                (b"compare: hello\n".to_vec(), b"compare: hello\n".to_vec())
            }
        };
        let answered = (|| -> std::io::Result<Vec<u8>> {
            let address = SocketAddrV4::new(Ipv4Addr::LOCALHOST, server.port);
            let mut stream = TcpStream::connect_timeout(&address.into(), Duration::from_secs(2))?;
            stream.set_read_timeout(Some(Duration::from_secs(2)))?;
            stream.write_all(&line)?;
            let mut got = vec![0u8; answer.len()];
            stream.read_exact(&mut got)?;
            Ok(got)
        })();
        match answered {
            Ok(got) if got == answer => Ok(()),
            _ if server.program.try_status().is_some() => Err(server
                .program
                .unexpected_exit(msg!("compare-round-trip"))
                .summary),
            Ok(got) => Err(msg!(
                "compare-wrong-answer",
                got = crate::base::escape::quoted(&got, 60)
            )),
            Err(e) => Err(msg!("compare-no-answer", error = e.to_string())),
        }
    }

    /// The contract's traffic through `fleet` (`at_start` called when it starts): how long it
    /// took and, for echo, how many round trips completed; its figures go to `figures`.
    fn traffic(
        &self,
        fleet: &mut Fleet,
        figures: &mut Figures,
        (clients, budget): (usize, Duration),
        at_start: impl FnMut(),
    ) -> (std::io::Result<Duration>, u64) {
        let (size, window) = (self.settings.size, self.settings.window);
        let busy = self.settings.busy.unwrap_or(clients);
        let mut completed = 0;
        let elapsed = match self.c.contract {
            Contract::Echo => echo::round_trips(fleet, size, window, busy, at_start).map(|run| {
                echo_figures(figures, &run);
                completed = run.completed;
                run.elapsed
            }),
            Contract::Chat => {
                chat::lines_to_everyone(fleet, size, chat::Framing::Lines, window, at_start).map(
                    |run| {
                        chat_figures(figures, &run, fleet);
                        run.elapsed
                    },
                )
            }
            Contract::Mqtt => chat::join_topic(fleet, Instant::now() + budget)
                .and_then(|()| {
                    chat::lines_to_everyone(fleet, size, chat::Framing::Mqtt, window, at_start)
                })
                .map(|run| {
                    chat_figures(figures, &run, fleet);
                    run.elapsed
                }),
        };
        (elapsed, completed)
    }

    /// One run at `clients` clients: the figures, and what went wrong if something did.
    fn level(&self, clients: usize) -> (Option<Figures>, Option<Text>) {
        let ctx = self.ctx();
        let mut server = match kit::server::start(&ctx, &self.c.name, 0, &self.program_args()) {
            Ok(server) => server,
            Err(f) => return (None, Some(f.summary)),
        };
        let (pid, port) = (server.program.pid(), server.port);
        let before = procinfo::tree_usage(pid);
        let budget = Duration::from_millis(1000 + 2 * clients as u64);
        let queue = || procinfo::accept_queue(pid, port);
        let mut fleet = match Fleet::connect(port, clients, Instant::now() + budget, queue) {
            Ok(fleet) => fleet,
            Err(e) => return (None, Some(Text::Plain(e.to_string()))),
        };
        let held = wait_until_held(pid, port, fleet.tally.connected as usize);
        let idle = procinfo::tree_usage(pid);
        let mut figures = Figures::default();
        let mut cpu_start = Duration::ZERO;
        let at_start = || cpu_start = procinfo::tree_cpu_time(pid);
        let (elapsed, completed) =
            self.traffic(&mut fleet, &mut figures, (clients, budget), at_start);
        let cpu = procinfo::tree_cpu_time(pid).saturating_sub(cpu_start);
        let loaded = procinfo::tree_usage(pid);
        fleet.close();
        let elapsed = match elapsed {
            Ok(elapsed) => elapsed,
            Err(e) => return (None, Some(Text::Plain(e.to_string()))),
        };
        let alive = server.program.try_status().is_none();
        // A server that died has no CPU time, memory or threads left to read.
        if alive {
            cpu_figures(&mut figures, cpu, elapsed, completed);
            usage_figures(&mut figures, before, idle, loaded, held);
        }
        tally_figures(&mut figures, fleet.tally);
        let trouble = (!alive).then(|| {
            server
                .program
                .unexpected_exit(msg!("compare-under-load", clients = clients))
                .summary
        });
        (Some(figures), trouble)
    }
}

/// An echo run's figures: round trips a second, clients served and sending, the latency.
fn echo_figures(figures: &mut Figures, run: &echo::EchoRun) {
    let seconds = run.elapsed.as_secs_f64();
    figures.set(name::RATE, run.completed as f64 / seconds);
    figures.set(name::SERVED, run.served as f64);
    figures.set(name::SENDING, run.sending as f64);
    percentiles(figures, &run.latency);
}

/// A chat run's figures: lines a second, deliveries a second (to every live client), the
/// latency. A line that did not reach everyone in time counts as a wrong answer.
fn chat_figures(figures: &mut Figures, run: &chat::ChatRun, fleet: &mut Fleet) {
    let rate = run.delivered as f64 / run.elapsed.as_secs_f64();
    figures.set(name::RATE, rate);
    figures.set(name::DELIVERIES, rate * fleet.live() as f64);
    fleet.tally.wrong += run.given_up;
    percentiles(figures, &run.latency);
}

/// What went wrong for the clients: refused, reset, timed out, wrong answers.
fn tally_figures(figures: &mut Figures, t: Tally) {
    for (n, v) in [
        (name::REFUSED, t.refused),
        (name::RESET, t.reset),
        (name::TIMED_OUT, t.timed_out),
        (name::WRONG, t.wrong),
    ] {
        figures.set(n, v as f64);
    }
}

/// The server's share of a CPU over the window, and its CPU time per round trip if any came.
fn cpu_figures(figures: &mut Figures, cpu: Duration, elapsed: Duration, completed: u64) {
    figures.set(name::CPU, cpu.as_secs_f64() / elapsed.as_secs_f64() * 100.0);
    if completed > 0 {
        figures.set(
            name::CPU_PER_TRIP,
            cpu.as_secs_f64() * 1e6 / completed as f64,
        );
    }
}

/// The median and 99th percentile of a histogram, if it holds anything.
fn percentiles(figures: &mut Figures, latency: &hdrhistogram::Histogram<u64>) {
    if latency.is_empty() {
        return;
    }
    figures.set(name::P50, latency.value_at_quantile(0.5) as f64);
    figures.set(name::P99, latency.value_at_quantile(0.99) as f64);
}

/// Memory, threads and processes: the peak of the idle and loaded readings, and what each
/// held connection cost when idle.
fn usage_figures(figures: &mut Figures, before: Usage, idle: Usage, loaded: Usage, held: usize) {
    let peak = idle.max(loaded);
    figures.set(name::MEMORY, peak.memory as f64);
    figures.set(name::THREADS, peak.threads as f64);
    figures.set(name::PROCESSES, peak.processes as f64);
    figures.set(name::HELD, held as f64);
    if held > 0 {
        let grown = idle.memory.saturating_sub(before.memory);
        figures.set(name::PER_CONNECTION, grown as f64 / held as f64);
    }
}

/// Wait until the server holds every connection the fleet made (it has accepted them all),
/// or until that stops growing; how many it holds.
fn wait_until_held(pid: i32, port: u16, connected: usize) -> usize {
    let until = Instant::now() + Duration::from_secs(1);
    let mut held = procinfo::connections_held(pid, port);
    let mut last_change = Instant::now();
    while held < connected
        && Instant::now() < until
        && last_change.elapsed() < Duration::from_millis(60)
    {
        std::thread::sleep(Duration::from_millis(10));
        let now = procinfo::connections_held(pid, port);
        if now != held {
            held = now;
            last_change = Instant::now();
        }
    }
    held
}
