//! The chat contract: its table (`family`), its tests, and day5-threads' thread count: every
//! client reads whole lines, and what each got is compared with what the others got and with
//! what was sent (`judge`), under load and in pieces (`order`) and with two lines made to cross
//! (`crossing`); the server's threads, its children, the sockets it still holds (`leave`). The checker plays the clients (`member`). Each test starts the program its
//! exercise names (`Ctx::program`).

mod burst;
mod crossing;
mod family;
mod judge;
mod leave;
pub mod member;
mod order;

pub use family::CHAT;
pub use leave::{client_leaves, client_resets, thread_per_client};
pub use order::{lines_in_pieces, many_senders};

use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, TestResult};
use crate::context::Ctx;
use crate::exercises::kit;
use crate::lab::exercise::secs;
use crate::observe::wire::Server;
use member as chat;

/// The chat server under test: the program the test's row names (day5-threads' own, or the
/// program of another exercise that takes the chat family). A line is due as soon as the
/// server has taken it: one that holds still with a line due fails then, whatever timers of
/// its own wake it.
fn start(ctx: &Ctx) -> Result<Server, Failure> {
    ctx.replies_due();
    kit::server::start_under_test(ctx, 0)
}

/// Three clients each send a line at once (the second one as long as the contract allows):
/// every client gets all three, whole, each once, in the same order.
pub fn to_everyone(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = start(ctx)?;
    let deadline = ctx.within(secs(8));
    let mut m = chat::join_all(&t, s.port, 3, deadline)?;
    let long: String = (0..4095).map(|_| ctx.rng.alphanumeric()).collect();
    let lines: [Vec<u8>; 3] = [
        b"a line from client 0\n".to_vec(),
        format!("{long}\n").into_bytes(),
        b"a line from client 2\n".to_vec(),
    ];
    for (member, line) in m.iter_mut().zip(&lines) {
        member.say(line, deadline)?;
    }
    let mut got = Vec::new();
    for member in m.iter_mut() {
        let lines = member.read_lines(3, deadline).map_err(|(f, _)| f)?;
        got.push((member.who().to_string(), lines));
    }
    for (who, lines_got) in &got {
        for line in &lines {
            let times = lines_got.iter().filter(|l| *l == line).count();
            if times != 1 {
                return Err(t.attach(
                    Failure::wrong(msg!(
                        "chat-line-times",
                        who = who,
                        times = times.to_string()
                    ))
                    .detail(msg!("chat-the-line"), chat::shown(line))
                    .detail(
                        msg!("chat-it-got"),
                        Text::lines(lines_got.iter().map(|l| chat::shown(l))),
                    )
                    .note(msg!("chat-once-to-everyone")),
                ));
            }
        }
    }
    if let Some((who, lines_got)) = got.iter().find(|(_, l)| *l != got[0].1) {
        return Err(t.attach(
            Failure::wrong(msg!(
                "chat-three-lines-orders",
                first = &got[0].0,
                who = who
            ))
            .detail(
                got[0].0.clone(),
                Text::lines(got[0].1.iter().map(|l| chat::shown(l))),
            )
            .detail(
                who.clone(),
                Text::lines(lines_got.iter().map(|l| chat::shown(l))),
            )
            .note(msg!("chat-hold-lock-broadcast")),
        ));
    }
    Ok(())
}
