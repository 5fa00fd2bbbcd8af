//! The echo client against hidden servers that echo, echo in pieces, close early, never
//! answer, or are not there.

use super::CLIENT;
use crate::base::escape;
use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Diagnosis, Failure, FailureKind, TestResult};
use crate::context::Ctx;
use crate::exercises::kit::errors;
use crate::exercises::kit::run::{self, Finished};
use crate::observe::wire::differ;
use crate::observe::wire::{self, Behaviour, HiddenServer, Transcript};
use std::time::{Duration, Instant};

/// Run echo-client against `port` until it exits (or `wait` passes). Once it has exited, the
/// hidden server behind the port (if any) settles, so a failure's transcript is complete.
fn run_client(
    ctx: &Ctx,
    t: &Transcript,
    hidden: Option<&HiddenServer>,
    port: u16,
    input: &[u8],
    wait: Duration,
) -> Result<Finished, Failure> {
    let run = run::client(ctx, t, CLIENT, port, &[], Some(input), wait)?;
    if let (Some(hidden), Some(_)) = (hidden, run.status) {
        hidden.settle(Duration::from_secs(1));
    }
    Ok(run)
}

fn expect_clean_echo(ctx: &mut Ctx, behaviour: Behaviour, input: Vec<u8>) -> TestResult {
    let t = ctx.transcript();
    let hidden = HiddenServer::start(&t, behaviour)?;
    let mut run = run_client(
        ctx,
        &t,
        Some(&hidden),
        hidden.port,
        &input,
        Duration::from_secs(12),
    )?;
    run.expect_success(
        &t,
        msg!("client-no-exit-after-stdin"),
        msg!("client-while-echoing"),
    )?;
    // What went over the wire, not only what came out: a client that sends the lines without
    // their newlines and prints them back with one has the right stdout.
    let on_wire = hidden.received();
    // The hidden server reads nothing more once a write of its echo fails: a client that closed
    // before its echo had all come back sent the rest, unread. Its stdout tells the cause.
    let cut_short = hidden.write_failed() && input.starts_with(&on_wire);
    if on_wire != input && !cut_short {
        let mut f = differ(
            Failure::wrong(msg!("client-sent-differs")),
            &input,
            &on_wire,
        );
        let stripped: Vec<u8> = input.iter().copied().filter(|&b| b != b'\n').collect();
        if on_wire == stripped {
            f = f.note(msg!("client-no-newlines"));
        } else if cut_at_nul(&input, &on_wire) {
            f = f.note(msg!("client-cut-at-nul"));
        }
        return Err(t.attach(f));
    }
    if run.stdout != input {
        let mut f = differ(
            Failure::wrong(msg!("client-stdout-differs")),
            &input,
            &run.stdout,
        );
        if cut_short {
            f = f.note(msg!("client-closed-before-echo"));
        }
        return Err(t.attach(f).reproduce(msg!(
            "client-by-hand-socat",
            input = escape::printf_arg(whole_lines_of(&input)),
            client = ctx.by_hand(CLIENT)
        )));
    }
    Ok(())
}

/// Whether what went over the wire is the input cut at its first NUL byte: the same bytes up
/// to the NUL, and then not the NUL (a line measured with strlen()).
fn cut_at_nul(input: &[u8], on_wire: &[u8]) -> bool {
    input.iter().position(|&b| b == 0).is_some_and(|nul| {
        on_wire.len() >= nul && on_wire[..nul] == input[..nul] && on_wire.get(nul) != Some(&0)
    })
}

/// What a command to try by hand sends: the input's whole lines within its first 160 bytes (a
/// short command that still ends its last line), or its first 60 bytes if no line ends there.
fn whole_lines_of(input: &[u8]) -> &[u8] {
    let head = &input[..input.len().min(160)];
    match head.iter().rposition(|&b| b == b'\n') {
        Some(last) => &head[..=last],
        None => &input[..input.len().min(60)],
    }
}

pub(super) fn client_echo(ctx: &mut Ctx) -> TestResult {
    // A NUL in a line: every byte is data (a client that measures a line with strlen() stops
    // there).
    let input = b"hello\nsecond line\n\n  tabs\tand spaces  \n\xc3\xbcn\xc3\xafc\xc3\xb6d\xc3\xa9\na NUL \0 in the middle\nthe end\n".to_vec();
    expect_clean_echo(ctx, Behaviour::Echo, input)
}

pub(super) fn client_pieces(ctx: &mut Ctx) -> TestResult {
    let input = b"comes back one byte at a time\nand so does this\n".to_vec();
    expect_clean_echo(
        ctx,
        Behaviour::EchoInPieces(Duration::from_millis(2)),
        input,
    )
}

pub(super) fn client_long_line(ctx: &mut Ctx) -> TestResult {
    let mut input: Vec<u8> = (0..(1 << 20)).map(|_| ctx.rng.u8(b' '..=b'~')).collect();
    input.push(b'\n');
    input.extend_from_slice(b"and a short one\n");
    expect_clean_echo(ctx, Behaviour::Echo, input)
}

/// The client must fail the way the contract says: exit 1, one line on stderr.
fn expect_clean_error(
    ctx: &Ctx,
    t: &Transcript,
    run: &mut Finished,
    situation: Text,
) -> TestResult {
    let line = errors::one_error_line(run, "echo-client", situation, Some(t))?;
    ctx.log(format!("stderr: {}", escape::bytes(line.as_bytes())));
    Ok(())
}

pub(super) fn client_early_close(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let hidden = HiddenServer::start(&t, Behaviour::CloseEarly)?;
    let mut run = run_client(
        ctx,
        &t,
        Some(&hidden),
        hidden.port,
        b"hello, is anybody there?\nsecond\n",
        Duration::from_secs(8),
    )?;
    expect_clean_error(ctx, &t, &mut run, msg!("client-when-closed-early")).map_err(|mut f| {
        // Past the server's FIN every recv() returns 0 at once: a client still running is not
        // waiting, it calls recv() again and again, 0 taken for "no data yet".
        // Seen spinning, it keeps that diagnosis (and its hint); the note says why it spins.
        if f.kind == Some(FailureKind::Timeout) && f.diagnosis.is_none() {
            f.kind = None;
            f = f.note(msg!("client-spins-after-eof"));
        } else if f.diagnosis == Some(Diagnosis::SpinsAtEof) {
            f = f.note(msg!("client-spins-after-eof"));
        }
        f
    })
}

pub(super) fn client_refused(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let port = wire::free_port()?;
    t.note(
        "checker",
        msg!("client-nothing-listens", port = port.to_string()),
    );
    let mut run = run_client(ctx, &t, None, port, b"hello\n", Duration::from_secs(5))?;
    expect_clean_error(ctx, &t, &mut run, msg!("client-when-refused"))
        .map_err(|f| f.reproduce(format!("{} 127.0.0.1 1 <<< hello", ctx.by_hand(CLIENT))))
}

pub(super) fn client_no_answer(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let hidden = HiddenServer::start(&t, Behaviour::NeverAnswer)?;
    let started = Instant::now();
    // 2 s of SO_RCVTIMEO, plus room for a slow machine; the checker kills it after that.
    let mut run = ctx.off_cpu(|| {
        run_client(
            ctx,
            &t,
            Some(&hidden),
            hidden.port,
            b"hello?\n",
            Duration::from_secs(4),
        )
    })?;
    // From its line's arrival, not from its start (a loaded machine's slow process start would
    // stretch a timeout too short into a long one).
    let took = hidden
        .first_byte_at()
        .map_or_else(|| started.elapsed(), |at| at.elapsed());
    ctx.log(msg!(
        "client-gave-up-log",
        seconds = format!("{:.1}", took.as_secs_f64())
    ));
    expect_clean_error(ctx, &t, &mut run, msg!("client-when-no-answer"))?;
    if took < Duration::from_millis(1600) {
        return Err(t
            .attach(Failure::wrong(msg!(
                "client-gave-up-early",
                seconds = format!("{:.2}", took.as_secs_f64())
            )))
            .note(msg!("client-wait-2s")));
    }
    Ok(())
}
