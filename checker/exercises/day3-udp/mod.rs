//! Hidden tests of day3-udp: datagrams on the wire. Server tests send datagrams from the
//! checker's own sockets and check every reply's size, bytes, sender and recipient; client
//! tests run `udp-client` against hidden servers that lose, stray or stay silent on purpose.
//! Where loss is simulated, the checker does it itself (no `tc netem`).
//!
//! Designs that pass: a server that blocks in recvfrom, or a non-blocking one with poll; a
//! client with a connected or an unconnected socket, timing out with SO_RCVTIMEO or poll.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::base::escape;
use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, TestResult};
use crate::context::Ctx;
use crate::exercises::kit;
use crate::exercises::kit::c_imports;
use crate::exercises::kit::errors;
use crate::exercises::kit::rules::RULES;
use crate::exercises::kit::run::{self, Finished};
use crate::lab::exercise::{Exercise, ExerciseKind, TestCase, secs};
use crate::observe::wire::differ;
use crate::observe::wire::udp::{HiddenUdpServer, Peer, STRANGER, UdpBehaviour};
use crate::observe::wire::{Server, Transcript};
use crate::table::track::CTrack;

const SERVER: &str = "udp-echo-server";
const CLIENT: &str = "udp-client";

pub static EXERCISE: Exercise = Exercise {
    name: "day3-udp",
    day: 3,
    title: "a UDP echo server and a client that retransmits",
    section: "day3-udp",
    kind: ExerciseKind::Programs {
        binaries: &[SERVER, CLIENT],
    },
    student_files: &["src/bin/udp-echo-server.rs", "src/bin/udp-client.rs"],
    families: &[],
    tests: &[
        TestCase {
            id: "boundaries",
            title: "three datagrams of different sizes come back as three, same sizes, same order",
            points: 2,
            timeout: secs(10),
            hint: "UDP keeps boundaries: one recvfrom() returns one whole datagram (if the buffer is big enough); send each one back with one sendto().",
            hint_c: None,
            section: "datagram-boundaries",
            program: Some(SERVER),
            run: boundaries,
        },
        TestCase {
            id: "reply-to-sender",
            title: "each reply goes to the socket that sent the datagram (two clients, two ports)",
            points: 2,
            timeout: secs(10),
            hint: "Reply to the address recvfrom() filled in for *this* datagram; one socket serves everybody.",
            hint_c: None,
            section: "udp",
            program: Some(SERVER),
            run: reply_to_sender,
        },
        TestCase {
            id: "empty-datagram",
            title: "a datagram of 0 bytes gets an empty reply, and the server goes on",
            points: 1,
            timeout: secs(10),
            hint: "recvfrom() returning 0 is an empty datagram, not an end: UDP has no EOF. Echo it and keep serving.",
            hint_c: None,
            section: "datagram-boundaries",
            program: Some(SERVER),
            run: empty_datagram,
        },
        TestCase {
            id: "max-datagram",
            title: "a 65507-byte datagram comes back whole",
            points: 2,
            timeout: secs(10),
            hint: "A datagram larger than the receive buffer is cut and the rest is lost: make the buffer hold 65507 bytes, the largest UDP payload over IPv4.",
            hint_c: None,
            section: "datagram-boundaries",
            program: Some(SERVER),
            run: max_datagram,
        },
        TestCase {
            id: "binary",
            title: "binary datagrams (NUL, 0xFF, CR, LF) come back unchanged",
            points: 1,
            timeout: secs(10),
            hint: "Echo bytes, not text: keep the datagram in a [u8] buffer.",
            hint_c: Some(
                "Echo bytes, not text: keep the datagram in a `char buf[]` and sendto() exactly the count recvfrom() returned; string functions stop at the first zero byte.",
            ),
            section: "udp",
            program: Some(SERVER),
            run: binary,
        },
        TestCase {
            id: "interleaved-clients",
            title: "200 datagrams from 4 clients, interleaved, each answered to the right client",
            points: 2,
            timeout: secs(20),
            hint: "Each datagram carries its own sender: reply to that address, not to the first or the last client seen.",
            hint_c: None,
            section: "udp",
            program: Some(SERVER),
            run: interleaved_clients,
        },
        TestCase {
            id: "client-echo",
            title: "udp-client prints each reply followed by a newline, byte for byte",
            points: 2,
            timeout: secs(10),
            hint: "Send the line without its newline as one datagram; print the reply, then a newline.",
            hint_c: None,
            section: "day3-udp",
            program: Some(CLIENT),
            run: client_echo,
        },
        TestCase {
            id: "client-retransmits",
            title: "udp-client sends again when a datagram is lost",
            points: 2,
            timeout: secs(15),
            hint: "Wait up to 0.5 s for the reply (SO_RCVTIMEO); when recv fails with EAGAIN, send the datagram again — 3 tries in all.",
            hint_c: None,
            section: "udp-loss",
            program: Some(CLIENT),
            run: client_retransmits,
        },
        TestCase {
            id: "client-ignores-strangers",
            title: "udp-client ignores a datagram from another port",
            points: 2,
            timeout: secs(10),
            hint: "connect() the UDP socket to the server (the kernel then drops datagrams from anybody else), or compare recvfrom()'s sender with the server's address.",
            hint_c: None,
            section: "connected-udp",
            program: Some(CLIENT),
            run: client_ignores_strangers,
        },
        TestCase {
            id: "client-gives-up",
            title: "udp-client against a silent server: 3 tries, 0.5 s apart, then one line on stderr and exit 1",
            points: 2,
            timeout: secs(15),
            hint: "After the third try without a reply, print one line on stderr and exit with status 1.",
            hint_c: None,
            section: "udp-loss",
            program: Some(CLIENT),
            run: client_gives_up,
        },
    ],
    parts: &[],
    rules: &RULES,
    c: Some(&C_TRACK),
};

/// The exercise on the C track: its files, and its rules as what the binary may import.
static C_TRACK: CTrack = CTrack {
    student_files: &["udp-echo-server.c", "udp-client.c"],
    library: None,
    shim: &[],
    imports: &[c_imports::NO_RESOLVER],
};

fn server(ctx: &Ctx) -> Result<Server, Failure> {
    kit::server::start(ctx, SERVER, 0, &[])
}

fn nc_u(port_hint: &str) -> String {
    format!("printf 'hello' | nc -u -w1 127.0.0.1 {port_hint}")
}

fn boundaries(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = server(ctx)?;
    let peer = Peer::bind(&t, "client")?;
    let datagrams: Vec<Vec<u8>> = [5usize, 1400, 300]
        .iter()
        .enumerate()
        .map(|(i, &n)| (0..n).map(|k| b'a' + ((i * 7 + k) % 26) as u8).collect())
        .collect();
    for d in &datagrams {
        peer.send_to(d, s.port)?;
    }
    for d in &datagrams {
        peer.expect(d, s.port, ctx.within(secs(3)))
            .map_err(|f| f.reproduce(s.by_hand(&nc_u("7000"))))?;
    }
    ctx.off_cpu(|| peer.expect_nothing(Duration::from_millis(200), msg!("udp-three-replies")))
}

fn reply_to_sender(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = server(ctx)?;
    let a = Peer::bind(&t, "client A")?;
    let b = Peer::bind(&t, "client B")?;
    a.send_to(b"from A", s.port)?;
    a.expect(b"from A", s.port, ctx.within(secs(3)))?;
    b.send_to(b"from B", s.port)?;
    b.expect(b"from B", s.port, ctx.within(secs(3)))?;
    ctx.off_cpu(|| a.expect_nothing(Duration::from_millis(150), msg!("udp-b-reply-to-b")))?;
    a.send_to(b"A again", s.port)?;
    a.expect(b"A again", s.port, ctx.within(secs(3)))?;
    b.expect_nothing(Duration::from_millis(150), msg!("udp-a-reply-to-a"))
}

fn empty_datagram(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let mut s = server(ctx)?;
    let peer = Peer::bind(&t, "client")?;
    peer.send_to(b"", s.port)?;
    peer.expect(b"", s.port, ctx.within(secs(3)))
        .map_err(|f| f.note(msg!("udp-empty-is-a-datagram")))?;
    peer.send_to(b"still there?", s.port)?;
    peer.expect(b"still there?", s.port, ctx.within(secs(3)))?;
    s.check_alive(msg!("udp-after-empty"))
}

fn max_datagram(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = server(ctx)?;
    let peer = Peer::bind(&t, "client")?;
    let big: Vec<u8> = (0..65_507).map(|_| ctx.rng.u8(..)).collect();
    peer.send_to(&big, s.port)?;
    peer.expect(&big, s.port, ctx.within(secs(3)))
}

fn binary(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = server(ctx)?;
    let peer = Peer::bind(&t, "client")?;
    let mut datagrams = vec![
        b"\x00\xff\r\n\x80\xc3(".to_vec(),
        vec![0u8; 64],
        vec![0xffu8; 3],
    ];
    datagrams.push((0..512).map(|_| ctx.rng.u8(..)).collect());
    for d in &datagrams {
        peer.send_to(d, s.port)?;
        peer.expect(d, s.port, ctx.within(secs(3)))?;
    }
    Ok(())
}

/// Up to five datagrams client `i + 1` gets within 3 s each, every one from the server's port.
fn five_replies(
    ctx: &Ctx,
    t: &Arc<Transcript>,
    (i, p): (usize, &Peer),
    port: u16,
) -> Result<Vec<Vec<u8>>, Failure> {
    let mut got: Vec<Vec<u8>> = Vec::new();
    for _ in 0..5 {
        match p.recv(ctx.within(secs(3)))? {
            Some((d, from)) if from.port() == port => got.push(d),
            Some((d, from)) => {
                return Err(t.attach(Failure::wrong(msg!(
                    "udp-got-from-stranger",
                    client = (i + 1).to_string(),
                    data = escape::quoted(&d, 40),
                    port = from.port().to_string()
                ))));
            }
            None => break,
        }
    }
    Ok(got)
}

fn interleaved_clients(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let s = server(ctx)?;
    let peers: Vec<Peer> = (1..=4)
        .map(|i| Peer::bind(&t, &format!("client {i}")))
        .collect::<Result<_, _>>()?;
    // 10 waves of 20 datagrams (5 per client, interleaved): enough to mix the clients, few
    // enough that no socket buffer on loopback overflows (which would be real UDP loss).
    for wave in 0..10 {
        for k in 0..5 {
            for (i, p) in peers.iter().enumerate() {
                p.send_to(
                    format!("client {} datagram {}", i + 1, wave * 5 + k).as_bytes(),
                    s.port,
                )?;
            }
        }
        for (i, p) in peers.iter().enumerate() {
            let got = five_replies(ctx, &t, (i, p), s.port)?;
            let expected: Vec<Vec<u8>> = (0..5)
                .map(|k| format!("client {} datagram {}", i + 1, wave * 5 + k).into_bytes())
                .collect();
            let mut sorted = got.clone();
            sorted.sort();
            let mut want = expected.clone();
            want.sort();
            if sorted != want {
                let shown: Vec<Text> = got.iter().map(|d| escape::quoted(d, 40)).collect();
                return Err(t.attach(
                    Failure::wrong(msg!(
                        "udp-not-its-own",
                        client = (i + 1).to_string(),
                        wave = (wave + 1).to_string()
                    ))
                    .detail(
                        msg!("label-got"),
                        if shown.is_empty() {
                            msg!("udp-nothing")
                        } else {
                            Text::lines(shown)
                        },
                    ),
                ));
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Client tests

/// Run udp-client against `port` until it exits (or `wait` passes).
fn run_client(
    ctx: &Ctx,
    t: &Transcript,
    port: u16,
    input: &[u8],
    wait: Duration,
) -> Result<Finished, Failure> {
    run::client(ctx, t, CLIENT, port, &[], Some(input), wait)
}

fn expect_output(ctx: &mut Ctx, behaviour: UdpBehaviour, input: &[u8], note: Text) -> TestResult {
    let t = ctx.transcript();
    let hidden = HiddenUdpServer::start(&t, behaviour)?;
    let mut run = run_client(ctx, &t, hidden.port, input, Duration::from_secs(9))?;
    if behaviour == UdpBehaviour::DropFirstCopy
        && run.status.is_some_and(|s| s.code() == Some(1))
        && hidden.received() == 1
    {
        // It gave up as the contract has a client give up, but after one try: the exit status
        // is not the fault, the missing retransmission is.
        return Err(t.attach(
            Failure::wrong(msg!("udp-gave-up-after-one-try"))
                .output(escape::excerpt(run.stderr.as_bytes(), 300)),
        ));
    }
    run.expect_success(&t, msg!("udp-client-no-exit"), msg!("udp-while-talking"))?;
    let out = run.stdout;
    if out != input {
        let mut f = differ(
            Failure::wrong(msg!("udp-stdout-differs", note = note)),
            input,
            &out,
        );
        if out.windows(STRANGER.len()).any(|w| w == STRANGER) {
            f = f.note(msg!("udp-printed-stranger"));
        }
        return Err(t.attach(f));
    }
    Ok(())
}

fn client_echo(ctx: &mut Ctx) -> TestResult {
    expect_output(
        ctx,
        UdpBehaviour::Echo,
        // A NUL in a datagram: every byte is data (printf("%s") of a reply stops there).
        b"hello\n\nspaces  and\ttabs\n\xc3\xa9t\xc3\xa9\na NUL \0 in the middle\nlast one\n",
        msg!("udp-plain-echo"),
    )
}

fn client_retransmits(ctx: &mut Ctx) -> TestResult {
    // The client's 0.5 s retry timer makes most of this test.
    ctx.lend_slot();
    expect_output(
        ctx,
        UdpBehaviour::DropFirstCopy,
        // One line is enough: each retransmission costs the 0.5 s wait the contract sets.
        b"lost the first time\n",
        msg!("udp-dropped-first"),
    )
}

fn client_ignores_strangers(ctx: &mut Ctx) -> TestResult {
    expect_output(
        ctx,
        UdpBehaviour::StrangerFirst,
        b"who is there?\nme again\n",
        msg!("udp-stranger-first"),
    )
}

fn client_gives_up(ctx: &mut Ctx) -> TestResult {
    let t = ctx.transcript();
    let hidden = HiddenUdpServer::start(&t, UdpBehaviour::Silent)?;
    let started = Instant::now();
    let mut run =
        ctx.off_cpu(|| run_client(ctx, &t, hidden.port, b"anybody?\n", Duration::from_secs(4)))?;
    let took = started.elapsed();
    hidden.settle();
    let tries = hidden.received();
    ctx.log(msg!(
        "udp-gave-up-log",
        seconds = format!("{:.2}", took.as_secs_f64()),
        tries = tries.to_string()
    ));
    if run.status.is_none() {
        // Stuck (asleep where nothing wakes it) or still at it after 4 s: either way, how many
        // tries the server saw, and where the client waits.
        let summary = if run.stuck.is_some() {
            msg!("udp-gave-up-stuck", n = tries)
        } else {
            msg!("udp-still-trying", n = tries)
        };
        return Err(t.attach(run.still_running(summary)));
    }
    errors::one_error_line(&mut run, "udp-client", msg!("udp-when-no-answer"), Some(&t))?;
    if tries != 3 {
        return Err(t.attach(Failure::wrong(msg!("udp-tries", n = tries))));
    }
    // Judged on the gaps between its tries, as the server saw them (1 s from the first to the
    // third, waiting 0.5 s each time): not on how long the whole run took, which a loaded
    // machine's slow process start would stretch.
    let span = hidden.span();
    if span < Duration::from_millis(800) {
        return Err(t.attach(Failure::wrong(msg!(
            "udp-tries-too-close",
            seconds = format!("{:.2}", span.as_secs_f64())
        ))));
    }
    Ok(())
}
