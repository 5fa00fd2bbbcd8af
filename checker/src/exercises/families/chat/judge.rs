//! What the clients of a chat got, judged against what was sent: every line whole and sent by
//! someone, each once, each sender's in order, and one order for every client.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::member::{self as chat, shown};
use crate::base::i18n::msg;
use crate::base::verdict::{Failure, TestResult};
use crate::observe::wire::Transcript;

/// What a client that did not get everything did get.
pub fn incomplete(f: Failure, who: &str, got: &[Vec<u8>], sent: &[Vec<Vec<u8>>]) -> Failure {
    let all: usize = sent.iter().map(Vec::len).sum();
    let f = f.detail(
        msg!("chat-lines"),
        msg!(
            "chat-got-of",
            who = who,
            got = got.len().to_string(),
            all = all.to_string()
        ),
    );
    match got.last() {
        Some(last) => f.detail(msg!("chat-last-line-it-got"), shown(last)),
        None => f,
    }
}

/// Every line whole and sent by someone, each exactly once, each sender's in order, and the
/// same order for every client. A failure here is proven: no timing makes a correct server
/// send what was not sent, or two clients the lines in two orders.
pub fn judge(received: &[(String, Vec<Vec<u8>>)], sent: &[Vec<Vec<u8>>]) -> TestResult {
    let origin: HashMap<&[u8], (usize, usize)> = sent
        .iter()
        .enumerate()
        .flat_map(|(c, lines)| {
            lines
                .iter()
                .enumerate()
                .map(move |(i, l)| (l.as_slice(), (c, i)))
        })
        .collect();
    for (who, lines) in received {
        each_line_sent_once_in_order(who, lines, &origin, sent)?;
    }
    same_order_for_everyone(received)
}

/// What `who` received: every line one that was sent, each exactly once, each sender's in
/// order (`origin`: each line's sender and place among its lines).
fn each_line_sent_once_in_order(
    who: &str,
    lines: &[Vec<u8>],
    origin: &HashMap<&[u8], (usize, usize)>,
    sent: &[Vec<Vec<u8>>],
) -> TestResult {
    let mut next = vec![0usize; sent.len()];
    for (k, line) in lines.iter().enumerate() {
        let Some(&(c, i)) = origin.get(line.as_slice()) else {
            return Err(Failure::wrong(msg!(
                "chat-unsent-line",
                who = who,
                line = (k + 1).to_string()
            ))
            .detail(msg!("label-got"), shown(line))
            .note(msg!("chat-whole-line-under-lock"))
            .proven());
        };
        if i != next[c] {
            let (line_no, client) = (i.to_string(), c.to_string());
            let summary = if i < next[c] {
                msg!(
                    "chat-line-again",
                    who = who,
                    line = line_no,
                    client = client
                )
            } else {
                msg!(
                    "chat-line-early",
                    who = who,
                    line = line_no,
                    client = client
                )
            };
            return Err(Failure::wrong(summary)
                .detail(msg!("label-got"), shown(line))
                .detail(
                    msg!("label-expected"),
                    shown(&sent[c][next[c].min(sent[c].len() - 1)]),
                )
                .note(msg!("chat-order-note"))
                .proven());
        }
        next[c] += 1;
    }
    Ok(())
}

/// Every client received the lines in the first client's order.
fn same_order_for_everyone(received: &[(String, Vec<Vec<u8>>)]) -> TestResult {
    let (first, reference) = &received[0];
    for (who, lines) in &received[1..] {
        if let Some(k) = (0..lines.len()).find(|&k| lines[k] != reference[k]) {
            return Err(Failure::wrong(msg!(
                "chat-lines-orders-from",
                first = first,
                who = who,
                line = (k + 1).to_string()
            ))
            .detail(first.clone(), shown(&reference[k]))
            .detail(who.clone(), shown(&lines[k]))
            .note(msg!("chat-order-note"))
            .proven());
        }
    }
    Ok(())
}

/// Whether the server sends on what a read returns before the line is complete: two fresh
/// clients join, one sends the start of a line, and the other is watched for it. A server that
/// sends lines never sends it; one that broadcasts each read as it comes (a 100-byte buffer, as
/// the notes' chat server has) sends it at once. Asked once lines came mixed or crossed, so
/// that the note names the cause: a read that is not a line, or a lock let go.
pub(super) fn forwards_pieces(t: &Arc<Transcript>, port: u16) -> bool {
    let deadline = Instant::now() + Duration::from_secs(3);
    let mut probes = Vec::new();
    for who in ["probe A", "probe B"] {
        if chat::join(t, &mut probes, who, port, deadline).is_err() {
            return false;
        }
    }
    if probes[0].say(b"an unfinished line", deadline).is_err() {
        return false;
    }
    let watch = Instant::now() + Duration::from_millis(500);
    probes[1]
        .conn
        .recv_some(64, watch)
        .is_ok_and(|piece| !piece.is_empty())
}
