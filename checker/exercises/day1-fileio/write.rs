//! write_all and write_vectored_all, called by the harness on a slow, interrupted pipe.

use crate::base::escape;
use crate::base::i18n::{Text, msg};
use crate::base::verdict::FailureKind;
use crate::base::verdict::{Diagnosis, Failure, TestResult};
use crate::context::Ctx;
use crate::lab::exercise::secs;
use crate::observe::harness::{Call, arg_bytes};
use crate::observe::wire::differ;

/// What the harness saw of one call.
struct Outcome {
    /// `ok`, `err:<ERRNO>`, or `diverged`: stopped once the bytes that came went wrong.
    result: String,
    writes: usize,
    writevs: usize,
    short: usize,
    eintr: usize,
    received: Vec<u8>,
}

impl Outcome {
    fn parse(call: &Call, reply: &str) -> Result<Outcome, Failure> {
        let words: Vec<&str> = reply.split(' ').collect();
        let parsed = match words.as_slice() {
            [result, writes, writevs, short, eintr, data] => (|| {
                Some(Outcome {
                    result: result.to_string(),
                    writes: writes.parse().ok()?,
                    writevs: writevs.parse().ok()?,
                    short: short.parse().ok()?,
                    eintr: eintr.parse().ok()?,
                    received: crate::observe::harness::unhex(data)?,
                })
            })(),
            _ => None,
        };
        parsed.ok_or_else(|| {
            Failure::checker_error(msg!(
                "harness-unexpected",
                call = &call.shown,
                reply = escape::bytes(&reply.as_bytes()[..reply.len().min(200)])
            ))
        })
    }

    fn counts(&self) -> Text {
        let (short, eintr) = (self.short.to_string(), self.eintr.to_string());
        let write = msg!("fileio-calls-write", n = self.writes);
        let writev = msg!("fileio-calls-writev", n = self.writevs);
        let calls = match (self.writes > 0, self.writevs > 0) {
            (false, false) => return msg!("fileio-calls-none", short = short, eintr = eintr),
            (true, false) => write,
            (false, true) => writev,
            (true, true) => msg!("fileio-calls-both", write = write, writev = writev),
        };
        msg!("fileio-calls", calls = calls, short = short, eintr = eintr)
    }
}

/// Interruptions seen over a whole test: a test that saw none proved nothing.
#[derive(Default)]
struct Interruptions {
    short: usize,
    eintr: usize,
}

impl Interruptions {
    fn add(&mut self, o: &Outcome) {
        self.short += o.short;
        self.eintr += o.eintr;
    }

    fn proved_something(&self, ctx: &Ctx) -> TestResult {
        ctx.log(msg!(
            "fileio-in-all",
            short = self.short.to_string(),
            eintr = self.eintr.to_string()
        ));
        if self.short + self.eintr == 0 {
            return Err(Failure::checker_error(msg!("fileio-proved-nothing")));
        }
        Ok(())
    }
}

/// Where what arrived first differs from what was written, and what the shape of the mistake
/// suggests (its note has a C form, `fileio-restarts-buf-c`): `starts` are the offsets where the caller's buffers begin
/// (`[0]` for write_all).
fn compare(expected: &[u8], got: &[u8], starts: &[usize]) -> Option<(usize, Option<Text>)> {
    let at = escape::first_difference(expected, got)?;
    let rest = &got[at..];
    // Random bytes: 16 matching bytes are no coincidence.
    let resumes_at = |offset: usize| {
        let probe = rest
            .len()
            .min(16)
            .min(expected.len().saturating_sub(offset));
        probe > 0 && offset != at && rest[..probe] == expected[offset..offset + probe]
    };
    let buffer = starts.iter().rposition(|&s| s <= at).unwrap_or(0);
    let next = starts
        .iter()
        .copied()
        .skip(buffer + 1)
        .find(|&s| s > at && s < expected.len());
    let buffer_no = buffer.to_string();
    let note = if rest.is_empty() {
        Some(msg!(
            "fileio-only-first-arrived",
            size = msg!("count-byte", n = at),
            total = expected.len().to_string()
        ))
    } else if resumes_at(0) {
        Some(if starts.len() > 1 {
            msg!("fileio-restarts-first-buffer")
        } else {
            msg!("fileio-restarts-buf")
        })
    } else if starts.len() > 1 && resumes_at(starts[buffer]) {
        Some(msg!("fileio-buffer-restarts", buffer = buffer_no))
    } else if next.is_some_and(resumes_at) {
        Some(msg!("fileio-buffer-rest-missing", buffer = buffer_no))
    } else {
        None
    };
    Some((at, note))
}

/// The verdict on one call that had to write `expected`; its words have a C form where C's
/// calls return otherwise (`fileio-returned-err-c`).
fn check_write(call: &Call, expected: &[u8], starts: &[usize], o: &Outcome) -> TestResult {
    let diverged = o.result == "diverged";
    if o.result != "ok" && !diverged {
        let errno = o.result.trim_start_matches("err:");
        let mut f = Failure::wrong(msg!(
            "fileio-returned-err",
            call = &call.shown,
            errno = errno
        ))
        .detail(msg!("fileio-the-calls"), o.counts());
        if errno == "EINTR" {
            f = f.note(msg!("fileio-eintr-call-again"));
        }
        return Err(f);
    }
    let Some((at, note)) = compare(expected, &o.received, starts) else {
        return Ok(());
    };
    let mut f = Failure::wrong(msg!(
        "fileio-bytes-differ",
        call = &call.shown,
        at = at.to_string()
    ));
    f = differ(f, expected, &o.received);
    f = f.detail(msg!("fileio-the-calls"), o.counts());
    if diverged {
        f = f.detail(msg!("fileio-stopped"), msg!("fileio-stopped-when-wrong"));
    }
    if let Some(note) = note {
        f = f.note(note);
    }
    Err(f)
}

/// Make one call in a harness of its own, within `limit`: a call that never returns is then
/// named for what it is, and does not hold up the others.
fn call_alone(ctx: &Ctx, call: &Call, limit: std::time::Duration) -> Result<String, Failure> {
    let mut replies = ctx
        .harness(&crate::exercises::kit::library::library_files(ctx))?
        .run(std::slice::from_ref(call), ctx.within(limit))?;
    replies
        .pop()
        .ok_or_else(|| Failure::checker_error(msg!("fileio-no-reply", call = &call.shown)))
}

/// A write into a pipe whose reader is gone must return that error (EPIPE), not loop or panic.
fn check_closed_pipe(ctx: &Ctx, call: Call) -> TestResult {
    let result = call_alone(ctx, &call, secs(5)).map_err(|f| {
        if f.kind == Some(FailureKind::Timeout) {
            f.note(msg!("fileio-epipe-kept-trying"))
        } else {
            f
        }
    })?;
    if result == "err:EPIPE" {
        return Ok(());
    }
    // The harness stopped a call that ran on the CPU without returning: it retries EPIPE.
    if let Some(ms) = result.strip_prefix("spins ") {
        return Err(Failure::wrong(msg!(
            "fileio-epipe-spins",
            call = &call.shown,
            ms = ms.to_string()
        ))
        .diagnosed(Diagnosis::Spins)
        .note(msg!("fileio-epipe-kept-trying")));
    }
    // What came back, as each track's function returns it.
    let (returned, returned_c): (Text, Text) = match result.strip_prefix("err:") {
        Some(errno) => (
            format!("Err({errno})").into(),
            msg!("fileio-minus-one-errno", errno = errno),
        ),
        None => ("Ok(())".into(), "0".into()),
    };
    let summary = msg!(
        "fileio-expected-epipe",
        call = &call.shown,
        got = returned,
        got_c = returned_c
    );
    Err(Failure::wrong(summary).note(msg!("fileio-return-epipe")))
}

/// `12345 bytes of random data` and the like, for a call as shown to the student.
pub(super) fn size(n: usize) -> Text {
    if n == 0 {
        msg!("fileio-empty-buffer")
    } else {
        msg!("fileio-random-data", size = msg!("count-byte", n = n))
    }
}

/// `write_all(slow pipe, ...)`: the call as code (named as the track names it, `lab_write_all`
/// in C), what it is given in the reader's words.
fn call_into(function: &str, pipe: Text, what: Text) -> Text {
    Text::Join(vec![
        Text::as_written(format!("{function}("), format!("lab_{function}(")),
        pipe,
        ", ".into(),
        what,
        ")".into(),
    ])
}

pub(super) fn write_all(ctx: &mut Ctx) -> TestResult {
    let sizes = [
        0,
        1,
        4095,
        4096,
        4097,
        65_537,
        ctx.rng.usize(100_000..200_000),
        ctx.rng.usize(250_000..400_000),
    ];
    let inputs: Vec<Vec<u8>> = sizes.iter().map(|&n| ctx.random_bytes(n)).collect();
    let calls: Vec<Call> = inputs
        .iter()
        .map(|data| {
            Call::new(
                "write_all",
                vec![arg_bytes(data)],
                call_into("write_all", msg!("fileio-slow-pipe"), size(data.len())),
            )
        })
        .collect();
    let mut seen = Interruptions::default();
    // Each call is paced by the harness's slow reader and its timer: the test waits.
    ctx.lend_slot();
    for (call, data) in calls.iter().zip(&inputs) {
        let o = Outcome::parse(call, &call_alone(ctx, call, secs(10))?)?;
        ctx.log(call.shown.clone().then(": ").then(o.counts()));
        seen.add(&o);
        check_write(call, data, &[0], &o)?;
    }
    seen.proved_something(ctx)?;
    let data = ctx.random_bytes(1000);
    check_closed_pipe(
        ctx,
        Call::new(
            "write_all_closed",
            vec![arg_bytes(&data)],
            call_into(
                "write_all",
                msg!("fileio-closed-pipe"),
                msg!("count-byte", n = 1000),
            ),
        ),
    )
}

/// Buffer sizes for write_vectored_all: big ones (interruptions fall inside them) among small
/// and empty ones.
fn random_buffer_sizes(ctx: &mut Ctx) -> Vec<usize> {
    let n = ctx.rng.usize(5..=9);
    let mut sizes: Vec<usize> = (0..n)
        .map(|_| match ctx.rng.u8(0..4) {
            0 => 0,
            1 => ctx.rng.usize(1..100),
            2 => ctx.rng.usize(4000..5000),
            _ => ctx.rng.usize(30_000..90_000),
        })
        .collect();
    // At least two big ones, the first buffer among them.
    sizes[0] = ctx.rng.usize(30_000..90_000);
    let other = ctx.rng.usize(1..n);
    sizes[other] = ctx.rng.usize(30_000..90_000);
    sizes
}

fn vectored_call(function: &'static str, buffers: &[Vec<u8>], into: Text) -> Call {
    let sizes: Vec<String> = buffers.iter().map(|b| format!("{} B", b.len())).collect();
    // A list longer than one writev takes is shown by its first sizes and its length.
    // Rust's slice, `[4 B, 0 B]`; C's array and its count, `{4 B, 0 B}, 2`.
    let (open, close) = (
        Text::as_written(", [", ", {"),
        Text::as_written("])", format!("}}, {})", sizes.len())),
    );
    let list: Text = if sizes.len() > 16 {
        Text::Join(vec![
            open,
            format!("{}, ", sizes[..3].join(", ")).into(),
            msg!("fileio-more-buffers", n = sizes.len()),
            close,
        ])
    } else {
        Text::Join(vec![open, sizes.join(", ").into(), close])
    };
    let name = Text::as_written("write_vectored_all(", "lab_write_vectored_all(");
    Call::new(
        function,
        buffers.iter().map(|b| arg_bytes(b)).collect(),
        Text::Join(vec![name, into, list]),
    )
}

/// More buffers than Linux takes in one writev (IOV_MAX, 1024), each of 0 to 16 bytes: a
/// write_vectored_all that hands them all to one writev gets EINVAL.
fn over_iov_max(ctx: &mut Ctx) -> Vec<Vec<u8>> {
    let n = ctx.rng.usize(1200..1600);
    (0..n)
        .map(|_| {
            let len = ctx.rng.usize(0..=16);
            ctx.random_bytes(len)
        })
        .collect()
}

pub(super) fn write_vectored_all(ctx: &mut Ctx) -> TestResult {
    let mut lists: Vec<Vec<Vec<u8>>> = vec![
        vec![],
        vec![vec![]],
        vec![b"a".to_vec()],
        vec![b"hello, ".to_vec(), vec![], b"world\n".to_vec()],
        // An empty buffer first: stepping over it must leave the next one whole (C mutants
        // 016bb72433, b27751c868 set the offset to 1 or -1 there, a verdict that otherwise hung
        // on a short write ending at a buffer's end).
        vec![vec![], b"abc".to_vec()],
    ];
    for _ in 0..2 {
        let sizes = random_buffer_sizes(ctx);
        lists.push(sizes.iter().map(|&n| ctx.random_bytes(n)).collect());
    }
    lists.push(over_iov_max(ctx));
    let calls: Vec<Call> = lists
        .iter()
        .map(|bufs| vectored_call("write_vectored_all", bufs, msg!("fileio-slow-pipe")))
        .collect();
    let mut seen = Interruptions::default();
    // Each call is paced by the harness's slow reader and its timer: the test waits.
    ctx.lend_slot();
    for (call, bufs) in calls.iter().zip(&lists) {
        let reply = call_alone(ctx, call, secs(10)).map_err(|f| {
            if f.kind == Some(FailureKind::Timeout) {
                f.note(msg!("fileio-writev-never-through"))
            } else {
                f
            }
        })?;
        let o = Outcome::parse(call, &reply)?;
        ctx.log(call.shown.clone().then(": ").then(o.counts()));
        seen.add(&o);
        let expected = bufs.concat();
        let starts = buffer_starts(bufs);
        check_write(call, &expected, &starts, &o)?;
        writev_only(call, &expected, &o)?;
    }
    seen.proved_something(ctx)?;
    let bufs = vec![b"nobody ".to_vec(), b"reads ".to_vec(), b"this".to_vec()];
    check_closed_pipe(
        ctx,
        vectored_call(
            "write_vectored_all_closed",
            &bufs,
            msg!("fileio-closed-pipe"),
        ),
    )
}

/// Where each buffer starts in the bytes they make together.
fn buffer_starts(bufs: &[Vec<u8>]) -> Vec<usize> {
    bufs.iter()
        .scan(0, |at, b| {
            let start = *at;
            *at += b.len();
            Some(start)
        })
        .collect()
}

/// The bytes went by writev alone: at least one writev (unless there were no bytes), no write.
fn writev_only(call: &Call, expected: &[u8], o: &Outcome) -> TestResult {
    if !expected.is_empty() && o.writevs == 0 {
        return Err(
            Failure::wrong(msg!("fileio-never-writev", call = &call.shown))
                .detail(msg!("fileio-the-calls"), o.counts())
                .note(msg!("fileio-one-writev-each")),
        );
    }
    if o.writes > 0 {
        return Err(
            Failure::wrong(msg!("fileio-write-as-well", call = &call.shown))
                .detail(msg!("fileio-the-calls"), o.counts())
                .note(msg!("fileio-no-write-for-rest")),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::workspace::Track;

    /// A write_all that starts again from the beginning of buf after a short write is told
    /// how to go on in its track's words.
    #[test]
    fn a_restart_is_told_in_the_track_s_words() {
        let expected: Vec<u8> = (0..200u8).collect();
        let mut got = expected[..50].to_vec();
        got.extend_from_slice(&expected);
        let (at, note) = compare(&expected, &got, &[0]).unwrap();
        assert_eq!(at, 50);
        let en = crate::base::i18n::Messages::new(crate::base::i18n::Lang::En);
        let note = note.unwrap();
        assert!(note.is("fileio-restarts-buf"));
        let rust = en.render(&note);
        let c = en.on(Track::C).render(&note);
        assert!(
            rust.contains("&buf[") && !c.contains("&buf["),
            "{rust}\n{c}"
        );
    }

    #[test]
    fn an_error_returned_is_told_as_the_track_returns_it() {
        let call = Call::new("write_all", vec![], "write_all(slow pipe, 10 bytes)");
        let o = Outcome {
            result: "err:EAGAIN".into(),
            writes: 1,
            writevs: 0,
            short: 0,
            eintr: 0,
            received: Vec::new(),
        };
        let en = crate::base::i18n::Messages::new(crate::base::i18n::Lang::En);
        let said = |track| {
            let f = check_write(&call, b"0123456789", &[0], &o).unwrap_err();
            en.on(track).render(&f.summary)
        };
        assert!(said(Track::Rust).contains("Err(EAGAIN) instead of Ok(())"));
        let c = said(Track::C);
        assert!(c.contains("-1 with errno EAGAIN instead of 0"), "{c}");
    }
}
