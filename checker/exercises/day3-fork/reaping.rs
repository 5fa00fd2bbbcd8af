//! The children's end: no zombie after clients one after another or all at once, the tree
//! back to one process once they are gone, and what the report says each left-behind process
//! is, from where it waits.

use std::time::Duration;

use super::{RACY_RUNS, children, jitter, reaping_note, start, takes_sigchld, zombies};
use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, TestResult};
use crate::contain::procinfo;
use crate::context::Ctx;
use crate::exercises::kit::{echo, wait};
use crate::lab::exercise::secs;
use crate::observe::stuck;
use crate::observe::wire::{Conn, Server, Transcript};

pub fn no_zombie_sequential(ctx: &mut Ctx) -> TestResult {
    for run in 1..=RACY_RUNS {
        let t = ctx.transcript();
        let s = start(ctx)?;
        for i in 0..20 {
            let mut c = Conn::connect(&t, &format!("client {i}"), s.port, ctx.within(secs(5)))?;
            echo::round_trip(&mut c, &format!("client {i}\n"), ctx.within(secs(5)))?;
            c.shutdown_write();
            c.expect_eof(ctx.within(secs(3)), msg!("eof-after-client-eof"))?;
            jitter(ctx, 5);
        }
        // No new connection from now on: a server that reaps only after accept() never will.
        let reaped = wait::until_or_stuck(&t, Duration::from_secs(1), || zombies(&s).is_empty());
        if !reaped.made() {
            let left = zombies(&s);
            let f = Failure::wrong(msg!(
                "fork-zombies-after-20",
                run = run.to_string(),
                n = left.len()
            ));
            let (why, seen) = if !takes_sigchld(s.program.pid()) {
                (msg!("fork-no-sigchld"), false)
            } else if left.len() >= 20 {
                // Each child ended on its own, a SIGCHLD each: none reaped is no waitpid.
                (msg!("fork-reaps-none", n = left.len()), false)
            } else {
                why_zombies_stay(ctx, &t, &s, &left)?
            };
            // On time, not proven (a starved machine may not have run the handler yet), unless
            // the server was seen stuck or ran again with the zombies left (`why_zombies_stay`).
            return Err(if seen { f } else { reaped.missed(f) }.note(why));
        }
    }
    Ok(())
}

/// Why the zombies `left` stay with a server that takes SIGCHLD: one more client connects and
/// stays, and once the parent sleeps again, the zombies gone means it reaps when accept returns
/// (the next client, not the signal, does it); still there, its SIGCHLDs merged (two children
/// ended before the handler ran) and one waitpid per signal left the others: seen (true), for
/// the server ran and its pending SIGCHLD was delivered as accept returned.
fn why_zombies_stay(
    ctx: &Ctx,
    t: &std::sync::Arc<Transcript>,
    s: &Server,
    left: &[i32],
) -> Result<(Text, bool), Failure> {
    let mut c = Conn::connect(t, "one more client", s.port, ctx.within(secs(5)))?;
    echo::round_trip(&mut c, "one more\n", ctx.within(secs(5)))?;
    let pid = s.program.pid();
    wait::until(Duration::from_secs(2), || procinfo::is_waiting(pid));
    let now = zombies(s);
    Ok(if left.iter().any(|z| now.contains(z)) {
        (msg!("fork-one-waitpid"), true)
    } else {
        (msg!("fork-reaps-late"), false)
    })
}

pub fn no_zombie_burst(ctx: &mut Ctx) -> TestResult {
    for run in 1..=RACY_RUNS {
        let t = ctx.transcript();
        let mut s = start(ctx)?;
        let mut conns = Vec::new();
        for i in 0..50 {
            let mut c = Conn::connect(&t, &format!("client {i}"), s.port, ctx.within(secs(5)))?;
            echo::round_trip(&mut c, &format!("client {i}\n"), ctx.within(secs(5)))?;
            conns.push(c);
        }
        wait::until(Duration::from_secs(2), || children(&s).len() >= 50);
        jitter(ctx, 20);
        // All at once: 50 children exit while the parent is stopped, so their SIGCHLDs merge
        // into one, every time (a signal does not queue); then the parent is continued.
        s.program.freeze()?;
        t.note("checker", msg!("fork-stopped-parent"));
        for c in conns.iter_mut() {
            c.shutdown_write();
        }
        drop(conns);
        wait::until(Duration::from_secs(3), || {
            children(&s).iter().all(|&(_, st)| st == 'Z')
        });
        s.program.thaw()?;
        t.note("checker", msg!("fork-continued"));
        let all_gone = wait::until_or_stuck(&t, Duration::from_secs(3), || children(&s).is_empty());
        if !all_gone.made() {
            let z = zombies(&s).len();
            if z > 0 {
                let f = Failure::wrong(msg!(
                    "fork-zombies-after-50",
                    run = run.to_string(),
                    n = z.to_string()
                ));
                return Err(all_gone.missed(f).note(reaping_note(
                    &s,
                    if z >= 50 {
                        msg!("fork-reaps-none", n = z)
                    } else {
                        msg!("fork-one-waitpid")
                    },
                )));
            }
        }
    }
    Ok(())
}

pub fn back_to_one_process(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let mut s = start(ctx)?;
    for i in 0..5 {
        let mut c = s.connect(&t, &format!("client {i}"), ctx.within(secs(5)))?;
        echo::round_trip(&mut c, &format!("client {i}\n"), ctx.within(secs(5)))?;
        c.shutdown_write();
        c.expect_eof(ctx.within(secs(3)), msg!("eof-after-client-eof"))?;
    }
    let pid = s.program.pid();
    let count = || procinfo::tree(pid).len();
    let one = wait::until_or_stuck(&t, Duration::from_secs(2), || count() == 1);
    if one.made() {
        // One process, and it is the server at work: a server on its way out (an accept()
        // that SIGCHLD interrupted, taken for a fatal error) counts one for a moment too.
        s.check_alive(msg!("fork-after-5-left"))?;
        let mut c = s.connect(&t, "a later client", ctx.within(secs(5)))?;
        return echo::round_trip(&mut c, "still there?\n", ctx.within(secs(5)))
            .map_err(|f| f.note(msg!("fork-stopped-serving")));
    }
    s.check_alive(msg!("fork-while-clients-left"))?;
    Err(one.missed(still_has(extra_processes(pid, s.port))))
}

/// The processes besides the server, by what they are: unreaped children, children that went
/// back to accepting (they hold the listening socket), or something else.
struct Extra {
    zombies: Vec<String>,
    servers: Vec<String>,
    others: Vec<String>,
    /// Holding the listening socket but asleep elsewhere, with where.
    elsewhere: Vec<Text>,
}

/// Say what the extra processes of the server `pid`, listening on `port`, are.
fn extra_processes(pid: i32, port: u16) -> Extra {
    let listeners = procinfo::listening_inodes(pid, port);
    let (mut zombies, mut servers, mut others) = (Vec::new(), Vec::new(), Vec::new());
    // Holding the listening socket is not accepting: a logger forked before the accept loop
    // holds it too, asleep in read() on its pipe. Where it sleeps tells them apart.
    let mut elsewhere: Vec<Text> = Vec::new();
    for p in procinfo::descendants(pid) {
        let state = procinfo::state(p).unwrap_or('?');
        let shown = format!("{p} {} (state {state})", procinfo::comm(p));
        if state == 'Z' {
            zombies.push(shown);
        } else if !procinfo::holds_any(p, &listeners) {
            others.push(shown);
        } else if waits_for_connections(p) {
            servers.push(shown);
        } else {
            let who = Text::Plain(format!("{p} {}", procinfo::comm(p)));
            elsewhere.push(stuck::where_it_sleeps(p, &who).unwrap_or(Text::Plain(shown)));
        }
    }
    Extra {
        zombies,
        servers,
        others,
        elsewhere,
    }
}

/// The failure that names the extra processes, with the note for the likeliest cause.
fn still_has(extra: Extra) -> Failure {
    let Extra {
        zombies,
        servers,
        others,
        elsewhere,
    } = extra;
    let total = zombies.len() + servers.len() + others.len() + elsewhere.len();
    let mut f = Failure::wrong(msg!("fork-still-has", n = total));
    if !zombies.is_empty() {
        f = f.detail(msg!("fork-zombies-label"), zombies.join(", "));
    }
    if !servers.is_empty() {
        f = f.detail(msg!("fork-servers-label"), servers.join(", "));
    }
    if !elsewhere.is_empty() {
        f = f.detail(
            msg!("fork-elsewhere-label"),
            Text::Join(
                elsewhere
                    .into_iter()
                    .flat_map(|w| [w, "\n".into()])
                    .collect(),
            ),
        );
    }
    if !others.is_empty() {
        f = f.detail(msg!("fork-others-label"), others.join(", "));
    }
    let note = if !servers.is_empty() {
        msg!("fork-falls-back")
    } else if total > zombies.len() + others.len() {
        msg!("fork-lives-on")
    } else if !zombies.is_empty() {
        msg!("fork-never-reaped")
    } else {
        msg!("fork-neither")
    };
    f.note(note)
}

/// The calls that wait for connections, by procinfo's names for them (ARM64 has no poll, select
/// or epoll_wait: glibc calls ppoll, pselect6 and epoll_pwait there).
const WAITING_FOR_CLIENTS: [&str; 9] = [
    "accept",
    "accept4",
    "poll",
    "ppoll",
    "select",
    "pselect",
    "epoll_wait",
    "epoll_pwait",
    "epoll_pwait2",
];

/// Whether a thread of `pid` sleeps in a call that waits for connections: accept, or one that
/// waits on many descriptors (poll, select, epoll).
fn waits_for_connections(pid: i32) -> bool {
    procinfo::tasks(pid).iter().any(|task| {
        task.call
            .and_then(|call| call.name())
            .is_some_and(|name| WAITING_FOR_CLIENTS.contains(&name))
    })
}

#[cfg(test)]
mod tests {
    /// Every name is one procinfo's table gives a call, on x86-64 or ARM64.
    #[test]
    fn names_the_calls_as_procinfo_does() {
        let known = crate::contain::procinfo::known_call_names();
        for name in super::WAITING_FOR_CLIENTS {
            assert!(known.contains(&name), "{name} is no name of procinfo's");
        }
    }
}
