//! Hidden tests of day3-resolve, with the machine's own resolver as the oracle: every expected
//! line comes from the checker calling getaddrinfo/getnameinfo itself (resolver.rs), once before
//! and once after the program runs, on what a machine without network has: localhost, numeric
//! IPv4 and IPv6 addresses (some seeded at random), services from /etc/services and numbers, a
//! name that cannot exist and malformed addresses. An LD_PRELOAD shim shows that every list is
//! freed, and answers for one made-up name with several addresses.

use std::path::Path;

use crate::base::i18n::msg;
use crate::base::verdict::{Failure, Status, TestResult};
use crate::context::Ctx;
use crate::exercises::kit::rules::RULES;
use crate::lab::exercise::{Exercise, ExerciseKind, TestCase, secs};
use crate::observe::resolver::{self, Calls};
use crate::table::track::{CTrack, ImportKind, ImportRule};

mod question;
use question::{Expected, Question, ask, ask_with, run_question};

const RESOLVE: &str = "resolve";

pub static EXERCISE: Exercise = Exercise {
    name: "day3-resolve",
    day: 3,
    title: "name resolution with getaddrinfo/getnameinfo, called from libc",
    section: "day3-resolve",
    kind: ExerciseKind::Programs {
        binaries: &[RESOLVE],
    },
    student_files: &["src/bin/resolve.rs"],
    families: &[],
    tests: &[
        TestCase {
            id: "localhost",
            title: "resolve localhost: every result, in getaddrinfo's order",
            points: 2,
            timeout: secs(20),
            hint: "Ask getaddrinfo with ai_family = AF_UNSPEC and ai_socktype = SOCK_STREAM, print one line per node of the list, in order.",
            hint_c: None,
            section: "day3-resolve",
            program: Some(RESOLVE),
            run: localhost,
        },
        TestCase {
            id: "every-result",
            title: "a name with several IPv4 and IPv6 addresses: each one, in the order returned",
            points: 2,
            timeout: secs(30),
            hint: "getaddrinfo returns a linked list: follow ai_next from the head until a null pointer, printing every node.",
            hint_c: None,
            section: "name-resolution",
            program: Some(RESOLVE),
            run: every_result,
        },
        TestCase {
            id: "numeric-ipv4",
            title: "numeric IPv4 addresses come back as `ipv4 <ip> 0`",
            points: 1,
            timeout: secs(20),
            hint: "The family is ai_family (AF_INET: ipv4); format the address with getnameinfo and NI_NUMERICHOST, which never looks a name up.",
            hint_c: None,
            section: "day3-resolve",
            program: Some(RESOLVE),
            run: numeric_ipv4,
        },
        TestCase {
            id: "numeric-ipv6",
            title: "numeric IPv6 addresses come back as `ipv6 <ip> 0`, as getnameinfo writes them",
            points: 1,
            timeout: secs(20),
            hint: "AF_INET6 is ipv6; pass getnameinfo the node's own ai_addr and ai_addrlen (a sockaddr_in6 is longer than a sockaddr_in).",
            hint_c: None,
            section: "name-resolution",
            program: Some(RESOLVE),
            run: numeric_ipv6,
        },
        TestCase {
            id: "services",
            title: "services by name (/etc/services) and by number give the right port",
            points: 2,
            timeout: secs(20),
            hint: "Pass the service to getaddrinfo; the port in the sockaddr is in network byte order: let getnameinfo write it (NI_NUMERICSERV).",
            hint_c: None,
            section: "name-resolution",
            program: Some(RESOLVE),
            run: services,
        },
        TestCase {
            id: "unknown-host",
            title: "a name that cannot exist: `resolve: <host>: <gai_strerror text>`, exit 1",
            points: 1,
            timeout: secs(30),
            hint: "getaddrinfo returns an EAI_* code, not -1 and errno: print gai_strerror(code) and exit with status 1.",
            hint_c: None,
            section: "day3-resolve",
            program: Some(RESOLVE),
            run: unknown_host,
        },
        TestCase {
            id: "unknown-service",
            title: "a service that does not exist: the gai_strerror line, exit 1",
            points: 1,
            timeout: secs(20),
            hint: "An unknown service makes getaddrinfo fail too (EAI_SERVICE): report it like an unknown host.",
            hint_c: None,
            section: "day3-resolve",
            program: Some(RESOLVE),
            run: unknown_service,
        },
        TestCase {
            id: "malformed-address",
            title: "resolve -r with a malformed address: the gai_strerror line, exit 1",
            points: 1,
            timeout: secs(20),
            hint: "With AI_NUMERICHOST getaddrinfo rejects anything that is not a numeric address (EAI_NONAME): report it, never unwrap it.",
            hint_c: Some(
                "With AI_NUMERICHOST getaddrinfo rejects anything that is not a numeric address (EAI_NONAME): check what it returns, print `resolve: <ip>: ` and gai_strerror(rc) on stderr and exit with status 1; a failed call gives no list to use or free.",
            ),
            section: "day3-resolve",
            program: Some(RESOLVE),
            run: malformed_address,
        },
        TestCase {
            id: "reverse",
            title: "resolve -r <ip> prints the name getnameinfo finds",
            points: 2,
            timeout: secs(30),
            hint: "Turn the text into a socket address with getaddrinfo (AI_NUMERICHOST), then getnameinfo with flags 0: it looks the name up (and gives the address back when there is none).",
            hint_c: None,
            section: "name-resolution",
            program: Some(RESOLVE),
            run: reverse,
        },
        TestCase {
            id: "frees-list",
            title: "every list getaddrinfo returns is given back to freeaddrinfo, once",
            points: 2,
            timeout: secs(60),
            hint: "Call freeaddrinfo(head) once, after the last use of the list, on every path that got one (a struct whose Drop calls it does that for you).",
            hint_c: Some(
                "Call freeaddrinfo(list) once, on the head getaddrinfo gave you (it frees every node: never node by node), after the last use of the list, on every path that got one, the error paths too.",
            ),
            section: "name-resolution",
            program: Some(RESOLVE),
            run: frees_list,
        },
    ],
    parts: &[],
    rules: &RULES,
    c: Some(&C_TRACK),
};

/// The exercise on the C track: its files, and its rules as what the binary may import. In C
/// the lesson is the resolver's own calls: the old ones they replace are forbidden, and so is
/// reading or writing an address by hand.
static C_TRACK: CTrack = CTrack {
    student_files: &["resolve.c"],
    library: None,
    shim: &[],
    imports: &[
        ImportRule {
            kind: ImportKind::Forbidden,
            functions: &[
                "gethostbyname",
                "gethostbyname2",
                "gethostbyname_r",
                "gethostbyname2_r",
                "gethostbyaddr",
                "gethostbyaddr_r",
            ],
            reason: "getaddrinfo and getnameinfo replace the old resolver calls (IPv4 only, or their answer in static storage the next call overwrites)",
        },
        ImportRule {
            kind: ImportKind::Forbidden,
            functions: &[
                "inet_ntop",
                "inet_ntoa",
                "inet_pton",
                "inet_aton",
                "inet_addr",
            ],
            reason: "let getnameinfo write each address (NI_NUMERICHOST) and getaddrinfo read it (AI_NUMERICHOST)",
        },
        ImportRule {
            kind: ImportKind::Required,
            functions: &["getaddrinfo"],
            reason: "resolve with getaddrinfo(3)",
        },
        ImportRule {
            kind: ImportKind::Required,
            functions: &["getnameinfo"],
            reason: "write each address (and find each name) with getnameinfo(3)",
        },
    ],
};

fn localhost(ctx: &mut Ctx) -> TestResult {
    let q = Question::forward("localhost", None);
    if let Expected::Lines(lines) = q.oracle() {
        ctx.log(msg!("resolve-localhost-has", n = lines.len()));
    }
    ask(ctx, &q)
}

/// Seeded random numeric addresses that need no network: private IPv4, documentation IPv6.
fn random_ipv4(ctx: &mut Ctx) -> String {
    format!(
        "10.{}.{}.{}",
        ctx.rng.u8(..),
        ctx.rng.u8(..),
        ctx.rng.u8(1..255)
    )
}

fn random_ipv6(ctx: &mut Ctx) -> String {
    // Zero groups at random places, so that getnameinfo has runs of zeros to shorten.
    let groups: Vec<String> = (0..6)
        .map(|_| {
            if ctx.rng.bool() {
                "0".to_string()
            } else {
                format!("{:x}", ctx.rng.u16(..))
            }
        })
        .collect();
    format!("2001:db8:{}", groups.join(":"))
}

fn every_result(ctx: &mut Ctx) -> TestResult {
    let shim = resolver::shim()
        .map_err(|e| Failure::checker_error(msg!("resolve-shim-failed", error = e)))?;
    let mut addrs = vec!["127.0.0.1".to_string(), "::1".to_string()];
    for _ in 0..ctx.rng.usize(1..=3) {
        let addr = if ctx.rng.bool() {
            random_ipv4(ctx)
        } else {
            random_ipv6(ctx)
        };
        addrs.push(addr);
    }
    ctx.rng.shuffle(&mut addrs);
    let port = ctx.rng.u16(1024..60000).to_string();
    let name = "several.lab-checker.invalid";
    let q = Question::forward(name, Some(&port));
    // The shim answers for `name` with the real answers for `addrs`, chained in that order.
    let expected = || -> Result<Expected, Failure> {
        let mut lines = Vec::new();
        for addr in &addrs {
            lines.extend(resolver::forward(addr, Some(&port)).map_err(|e| {
                Failure::checker_error(msg!(
                    "resolve-oracle-failed",
                    addr = addr,
                    port = &port,
                    error = e
                ))
            })?);
        }
        Ok(Expected::Lines(lines))
    };
    let dir = ctx.scratch("resolve-")?;
    let log = dir.path().join("calls.log");
    let env = shim_env(&shim, &log, Some(format!("{name}={}", addrs.join(","))));
    ctx.log(msg!(
        "resolve-stands-for",
        name = name,
        addrs = addrs.join(", ")
    ));
    ask_with(ctx, &q, expected()?, &env, |_| expected()).map_err(|f| {
        if f.status != Status::Fail {
            f
        } else if !resolver::read_log(&log).loaded {
            Failure::checker_error(msg!("resolve-shim-not-loaded"))
        } else {
            let made_up = msg!(
                "resolve-made-up-answers",
                name = name,
                addrs = addrs.join(", ")
            );
            // A note that names the bug ("follow ai_next") stays first; the made-up answers
            // follow it rather than replace it.
            let note = match f.note.clone() {
                Some(first) => first.then(" ").then(made_up),
                None => made_up,
            };
            f.note(note)
        }
    })
}

fn shim_env(shim: &Path, log: &Path, fake: Option<String>) -> Vec<(String, String)> {
    let mut env = vec![
        (
            "LD_PRELOAD".to_string(),
            shim.to_string_lossy().into_owned(),
        ),
        (
            resolver::LOG_VAR.to_string(),
            log.to_string_lossy().into_owned(),
        ),
    ];
    if let Some(fake) = fake {
        env.push((resolver::FAKE_VAR.to_string(), fake));
    }
    env
}

fn numeric_ipv4(ctx: &mut Ctx) -> TestResult {
    let mut addrs = vec!["127.0.0.1".to_string(), "0.0.0.0".to_string()];
    addrs.push(random_ipv4(ctx));
    addrs.push(format!("192.0.2.{}", ctx.rng.u8(1..255)));
    for addr in addrs {
        ask(ctx, &Question::forward(&addr, None))?;
    }
    Ok(())
}

fn numeric_ipv6(ctx: &mut Ctx) -> TestResult {
    let mut addrs = vec![
        "::1".to_string(),
        "::ffff:127.0.0.1".to_string(),
        "fe80::1".to_string(),
    ];
    addrs.push(random_ipv6(ctx));
    for addr in addrs {
        ask(ctx, &Question::forward(&addr, None))?;
    }
    Ok(())
}

fn services(ctx: &mut Ctx) -> TestResult {
    let random_port = loop {
        // A port whose two bytes differ, so that a missing byte swap shows.
        let port = ctx.rng.u16(1..65535);
        if port.swap_bytes() != port {
            break port.to_string();
        }
    };
    let questions = [
        ("127.0.0.1", "http"),
        ("::1", "ssh"),
        ("localhost", "8080"),
        ("127.0.0.1", "65535"),
        ("::1", random_port.as_str()),
    ];
    for (host, service) in questions {
        ask(ctx, &Question::forward(host, Some(service)))?;
    }
    Ok(())
}

fn unknown_host(ctx: &mut Ctx) -> TestResult {
    let label: String = (0..8)
        .map(|_| char::from(ctx.rng.u8(b'a'..=b'z')))
        .collect();
    for host in ["x.invalid".to_string(), format!("{label}.invalid")] {
        ask(ctx, &Question::forward(&host, None))?;
    }
    Ok(())
}

fn unknown_service(ctx: &mut Ctx) -> TestResult {
    let label: String = (0..8)
        .map(|_| char::from(ctx.rng.u8(b'a'..=b'z')))
        .collect();
    for service in ["no-such-service".to_string(), format!("lab-{label}")] {
        ask(ctx, &Question::forward("127.0.0.1", Some(&service)))?;
    }
    Ok(())
}

fn malformed_address(ctx: &mut Ctx) -> TestResult {
    let bad_octet = ctx.rng.u16(256..1000);
    for ip in [
        "1.2.3.4.5".to_string(),
        format!("10.{bad_octet}.0.1"),
        "::1::2".to_string(),
        "12345::".to_string(),
    ] {
        ask(ctx, &Question::reverse(&ip))?;
    }
    Ok(())
}

fn reverse(ctx: &mut Ctx) -> TestResult {
    for ip in ["127.0.0.1", "::1"] {
        ask(ctx, &Question::reverse(ip))?;
    }
    Ok(())
}

/// The lists the run got from getaddrinfo must each have been freed exactly once.
fn check_frees(q: &Question, calls: &Calls) -> TestResult {
    let lists: Vec<&String> = calls
        .lookups
        .iter()
        .filter(|(rc, _)| *rc == 0)
        .map(|(_, list)| list)
        .collect();
    if calls.lookups.is_empty() {
        return Err(
            Failure::wrong(msg!("resolve-never-called", command = q.shown()))
                .note(msg!("resolve-call-libc")),
        );
    }
    for list in &lists {
        let freed = calls.frees.iter().filter(|f| f == list).count();
        if freed != 1 {
            let mut f = Failure::wrong(msg!("resolve-freed", command = q.shown(), n = freed))
                .detail(
                    msg!("resolve-getaddrinfo-calls"),
                    calls.lookups.len().to_string(),
                )
                .detail(
                    msg!("resolve-freeaddrinfo-calls"),
                    calls.frees.len().to_string(),
                );
            f = f.note(if freed == 0 {
                msg!("resolve-give-it-back")
            } else {
                msg!("resolve-free-once")
            });
            return Err(f);
        }
    }
    if let Some(stray) = calls
        .frees
        .iter()
        .find(|f| !lists.contains(f) && f.as_str() != "0x0")
    {
        return Err(Failure::wrong(msg!(
            "resolve-stray-free",
            command = q.shown(),
            pointer = stray
        ))
        .note(msg!("resolve-free-head")));
    }
    Ok(())
}

fn frees_list(ctx: &mut Ctx) -> TestResult {
    let shim = resolver::shim()
        .map_err(|e| Failure::checker_error(msg!("resolve-shim-failed", error = e)))?;
    let dir = ctx.scratch("resolve-")?;
    let name = "several.lab-checker.invalid";
    let questions = [
        Question::forward("localhost", Some("http")),
        Question::forward("::1", None),
        Question::forward(name, Some("80")),
        Question::reverse("127.0.0.1"),
        Question::forward("x.invalid", None),
    ];
    for (i, q) in questions.iter().enumerate() {
        let log = dir.path().join(format!("calls-{i}.log"));
        let env = shim_env(&shim, &log, Some(format!("{name}=127.0.0.1,::1,10.1.2.3")));
        let mut r = run_question(ctx, q, &env)?;
        let calls = resolver::read_log(&log);
        ctx.log(format!("{}: {calls:?}", q.shown()));
        if !calls.loaded {
            return Err(Failure::checker_error(msg!("resolve-shim-not-loaded")));
        }
        let expected_exit = if q.name == "x.invalid" { 1 } else { 0 };
        if r.status.code() != Some(expected_exit) {
            return Err(r
                .program
                .unexpected_exit(msg!("resolve-on-command", command = q.shown())));
        }
        check_frees(q, &calls)?;
    }
    Ok(())
}
