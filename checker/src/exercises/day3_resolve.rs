//! Hidden tests of day3-resolve, with the machine's own resolver as the oracle: every expected
//! line comes from the checker calling getaddrinfo/getnameinfo itself (resolver.rs), once before
//! and once after the program runs, on what a machine without network has: localhost, numeric
//! IPv4 and IPv6 addresses (some seeded at random), services from /etc/services and numbers, a
//! name that cannot exist and malformed addresses. An LD_PRELOAD shim shows that every list is
//! freed, and answers for one made-up name with several addresses.

use std::path::Path;
use std::process::ExitStatus;

use crate::catalog::{Exercise, Kind, TestCase, secs};
use crate::context::Ctx;
use crate::escape;
use crate::hints::Kind as HintKind;
use crate::resolver::{self, Calls};
use crate::supervise::Program;
use crate::verdict::{Failure, Status, TestResult};

const RESOLVE: &str = "resolve";

pub static EXERCISE: Exercise = Exercise {
    name: "day3-resolve",
    day: 3,
    title: "name resolution with getaddrinfo/getnameinfo, called from libc",
    section: "day3-resolve",
    kind: Kind::Programs {
        binaries: &[RESOLVE],
    },
    student_files: &["src/bin/resolve.rs"],
    tests: &[
        TestCase {
            id: "localhost",
            title: "resolve localhost: every result, in getaddrinfo's order",
            points: 2,
            timeout: secs(20),
            hint: "Ask getaddrinfo with ai_family = AF_UNSPEC and ai_socktype = SOCK_STREAM, print one line per node of the list, in order.",
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
            section: "name-resolution",
            program: Some(RESOLVE),
            run: frees_list,
        },
    ],
};

/// What the program must do: print these lines and exit 0, or print this error and exit 1.
#[derive(Clone, PartialEq, Debug)]
enum Expected {
    Lines(Vec<String>),
    /// The gai_strerror text (the line is `resolve: <name>: <text>`).
    Error(String),
}

/// A run of `resolve <args>`, with what the oracle says of the same question.
struct Question {
    args: Vec<String>,
    /// The host or address the question is about (what an error line names).
    name: String,
}

impl Question {
    fn forward(host: &str, service: Option<&str>) -> Question {
        let mut args = vec![host.to_string()];
        args.extend(service.map(str::to_string));
        Question {
            args,
            name: host.to_string(),
        }
    }

    fn reverse(ip: &str) -> Question {
        Question {
            args: vec!["-r".into(), ip.into()],
            name: ip.into(),
        }
    }

    fn shown(&self) -> String {
        let words: Vec<String> = self.args.iter().map(|a| escape::shell_word(a)).collect();
        format!("resolve {}", words.join(" "))
    }

    /// The oracle's answer: this machine's getaddrinfo/getnameinfo, as the contract uses them.
    fn oracle(&self) -> Expected {
        let answer = match self.args.as_slice() {
            [flag, ip] if flag == "-r" => resolver::reverse(ip).map(|name| vec![name]),
            [host] => resolver::forward(host, None),
            [host, service] => resolver::forward(host, Some(service)),
            _ => unreachable!("the tests ask only these three shapes"),
        };
        match answer {
            Ok(lines) => Expected::Lines(lines),
            Err(text) => Expected::Error(text),
        }
    }
}

/// A finished run.
struct Run {
    status: ExitStatus,
    stdout: String,
    stderr: String,
    program: Program,
}

fn run(ctx: &Ctx, q: &Question, env: &[(String, String)]) -> Result<Run, Failure> {
    let mut spawn = ctx.program(RESOLVE)?.args(&q.args);
    spawn.env.extend(env.iter().cloned());
    let mut program = spawn.start()?;
    // A lookup that goes to a DNS server the machine cannot reach may take a while.
    let Some(status) = program.wait_until(ctx.within(secs(15))) else {
        return Err(Failure::of_kind(
            HintKind::Timeout,
            format!("`{}` did not exit within 15 s", q.shown()),
        ));
    };
    let grace = ctx.within(std::time::Duration::from_millis(500));
    program.stdout.wait_closed(grace);
    program.stderr.wait_closed(grace);
    Ok(Run {
        status,
        stdout: String::from_utf8_lossy(&program.stdout.bytes()).into_owned(),
        stderr: program.stderr_text(),
        program,
    })
}

/// Run the question and compare with the oracle, asked before and after.
fn ask(ctx: &Ctx, q: &Question) -> TestResult {
    ask_with(ctx, q, q.oracle(), &[], |_| Ok(q.oracle()))
}

/// Run `q` (with `env`) and compare with `expected`; `again` asks the oracle once more after the
/// run, so that a resolver that changed its mind meanwhile is the machine's problem, not the
/// student's.
fn ask_with(
    ctx: &Ctx,
    q: &Question,
    expected: Expected,
    env: &[(String, String)],
    again: impl Fn(&Ctx) -> Result<Expected, Failure>,
) -> TestResult {
    let mut r = run(ctx, q, env)?;
    let after = again(ctx)?;
    if after != expected {
        return Err(Failure::checker_error(format!(
            "this machine's resolver answered `{}` differently twice in a row ({expected:?}, then {after:?}); run the test again",
            q.shown()
        )));
    }
    ctx.log(format!("{} -> {expected:?}", q.shown()));
    match expected {
        Expected::Lines(lines) => expect_lines(q, &mut r, &lines),
        Expected::Error(text) => expect_error(q, &mut r, &text),
    }
}

fn expect_lines(q: &Question, r: &mut Run, lines: &[String]) -> TestResult {
    let shown = q.shown();
    if !r.status.success() {
        let mut f = r.program.unexpected_exit(&format!("on `{shown}`"));
        if f.status != Status::NotStarted {
            f = f.detail("expected", lines_shown(lines));
        }
        if r.status.code() == Some(1) {
            f = f.note("resolve failed where the checker's own getaddrinfo and getnameinfo succeed: compare your hints, flags and arguments with the contract (getnameinfo takes the node's ai_addr and ai_addrlen as they are)");
        }
        return Err(f);
    }
    let got: Vec<&str> = r.stdout.lines().collect();
    if got == lines {
        return Ok(());
    }
    let mut f = Failure::of_kind(
        HintKind::BadOutput,
        format!("`{shown}` printed other lines than getaddrinfo's results"),
    )
    .detail("expected", lines_shown(lines))
    .detail(
        "got",
        escape::excerpt(r.stdout.as_bytes(), 600)
            .lines()
            .collect::<Vec<_>>()
            .join(" | "),
    );
    let note = if q.args[0] == "-r" {
        (got == [q.name.as_str()]).then(|| {
            "that is the address itself: with flags 0 getnameinfo looks the name up (NI_NUMERICHOST would only format the address)".to_string()
        })
    } else {
        diagnose(lines, &got)
    };
    if let Some(note) = note {
        f = f.note(note);
    }
    Err(f)
}

fn lines_shown(lines: &[String]) -> String {
    if lines.is_empty() {
        "(no line)".into()
    } else {
        lines.join(" | ")
    }
}

/// What the shape of a wrong answer suggests.
fn diagnose(expected: &[String], got: &[&str]) -> Option<String> {
    let fields = |line: &str| -> Vec<String> { line.split(' ').map(str::to_string).collect() };
    let exp: Vec<Vec<String>> = expected.iter().map(|l| fields(l)).collect();
    let gotf: Vec<Vec<String>> = got.iter().map(|l| fields(l)).collect();
    if got.len() == expected.len() * 3 && !expected.is_empty() {
        return Some("each address comes back three times (one per socket type: stream, datagram, raw): set ai_socktype = SOCK_STREAM in the hints".into());
    }
    if got.len() < expected.len() && expected.iter().zip(got).all(|(e, g)| e == g) {
        return Some(format!(
            "{} of the {} results are missing: follow ai_next from node to node until it is a null pointer",
            expected.len() - got.len(),
            expected.len()
        ));
    }
    if got.len() != expected.len() {
        return None;
    }
    for (e, g) in exp.iter().zip(&gotf) {
        if e.len() != 3 || g.len() != 3 {
            return Some("each line is `ipv4 <ip> <port>` or `ipv6 <ip> <port>`: three words, one space between them".into());
        }
        if e[0] != g[0] {
            return Some(
                "the family word is wrong: ai_family AF_INET is `ipv4`, AF_INET6 is `ipv6`".into(),
            );
        }
        if e[1] != g[1] {
            return Some(if g[1].parse::<std::net::IpAddr>().is_err() {
                "that is a name, not an address: pass NI_NUMERICHOST to getnameinfo".to_string()
            } else {
                "the address is not the one in the node's ai_addr".to_string()
            });
        }
        if e[2] != g[2] {
            if let (Ok(port), Ok(got_port)) = (e[2].parse::<u16>(), g[2].parse::<u16>())
                && port.swap_bytes() == got_port
            {
                return Some(format!(
                    "port {got_port} is {port} with its bytes swapped: sin_port is in network byte order; let getnameinfo write it (NI_NUMERICSERV)"
                ));
            }
            return Some("the port is wrong: pass the service to getaddrinfo and print the port of each result".into());
        }
    }
    None
}

fn expect_error(q: &Question, r: &mut Run, text: &str) -> TestResult {
    let shown = q.shown();
    let line = format!("resolve: {}: {text}", q.name);
    match r.status.code() {
        Some(1) => {}
        Some(0) => {
            return Err(Failure::of_kind(
                HintKind::BadExit,
                format!("`{shown}` exited with status 0, but getaddrinfo fails here: {text}"),
            )
            .detail("expected", format!("exit status 1 and on stderr: {line}"))
            .output(escape::excerpt(r.stdout.as_bytes(), 600))
            .note("getaddrinfo returns 0 on success and an EAI_* code on failure: check it"));
        }
        _ => {
            let mut f = r.program.unexpected_exit(&format!("on `{shown}`"));
            if f.status != Status::NotStarted {
                f = f.detail("expected", format!("exit status 1 and on stderr: {line}"));
            }
            return Err(f);
        }
    }
    let got: Vec<&str> = r.stderr.lines().collect();
    if got == [line.as_str()] {
        return Ok(());
    }
    let mut f = Failure::of_kind(
        HintKind::BadOutput,
        format!("`{shown}` exited with 1, but its stderr is not the one error line"),
    )
    .detail(
        "expected",
        escape::quoted(format!("{line}\n").as_bytes(), 200),
    )
    .detail("got", escape::quoted(r.stderr.as_bytes(), 200));
    let first = got.first().copied().unwrap_or_default();
    if got.len() == 1 && !first.ends_with(text) {
        let reason = first.rsplit(": ").next().unwrap_or_default();
        f = f.note(if is_gai_text(reason) {
            format!(
                "`{reason}` is gai_strerror's text for another EAI_ code than the checker's own call got (`{text}`): compare your hints, flags and arguments with the contract"
            )
        } else {
            format!(
                "the reason is gai_strerror of the code getaddrinfo (or getnameinfo) returned, here `{text}`: they do not set errno"
            )
        });
    } else if got.len() == 1 && !first.contains(&q.name) {
        f = f.note(format!("the line names what was asked: {}", q.name));
    }
    Err(f)
}

/// Is this one of gai_strerror's texts (glibc's EAI_ codes run from -1 to -11 and -100 to -105)?
fn is_gai_text(reason: &str) -> bool {
    (-11..=-1)
        .chain(-105..=-100)
        .any(|code| resolver::gai_strerror(code) == reason)
}

fn localhost(ctx: &mut Ctx) -> TestResult {
    let q = Question::forward("localhost", None);
    if let Expected::Lines(lines) = q.oracle() {
        ctx.log(format!(
            "this machine's localhost has {}",
            escape::plural(lines.len(), "address")
        ));
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
    let shim = resolver::shim().map_err(Failure::checker_error)?;
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
                Failure::checker_error(format!("getaddrinfo({addr}, {port}) failed: {e}"))
            })?);
        }
        Ok(Expected::Lines(lines))
    };
    let dir = ctx.scratch("resolve-")?;
    let log = dir.path().join("calls.log");
    let env = shim_env(&shim, &log, Some(format!("{name}={}", addrs.join(","))));
    ctx.log(format!("{name} stands for {}", addrs.join(", ")));
    ask_with(ctx, &q, expected()?, &env, |_| expected()).map_err(|f| {
        if f.status != Status::Fail {
            f
        } else if !resolver::read_log(&log).loaded {
            Failure::checker_error(NOT_LOADED)
        } else {
            f.note(format!(
                "(the checker makes getaddrinfo answer for {name} with the answers for {} in that order)",
                addrs.join(", ")
            ))
        }
    })
}

const NOT_LOADED: &str = "the checker's getaddrinfo shim was not loaded into resolve (LD_PRELOAD): is resolve linked statically?";

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
        return Err(Failure::wrong(format!(
            "`{}` never called getaddrinfo from the C library",
            q.shown()
        ))
        .note("call nix::libc::getaddrinfo: the checker watches that call"));
    }
    for list in &lists {
        let freed = calls.frees.iter().filter(|f| f == list).count();
        if freed != 1 {
            let mut f = Failure::wrong(format!(
                "`{}` got a list from getaddrinfo and freed it {}",
                q.shown(),
                match freed {
                    0 => "never".to_string(),
                    n => format!("{n} times"),
                }
            ))
            .detail("getaddrinfo calls", calls.lookups.len().to_string())
            .detail("freeaddrinfo calls", calls.frees.len().to_string());
            f = f.note(if freed == 0 {
                "the list is C memory: give it back with freeaddrinfo(head) after its last use"
            } else {
                "free the list exactly once: a second freeaddrinfo frees memory that is no longer yours"
            });
            return Err(f);
        }
    }
    if let Some(stray) = calls
        .frees
        .iter()
        .find(|f| !lists.contains(f) && f.as_str() != "0x0")
    {
        return Err(Failure::wrong(format!(
            "`{}` called freeaddrinfo({stray}), a pointer getaddrinfo never returned",
            q.shown()
        ))
        .note("freeaddrinfo takes the head of the list, as getaddrinfo returned it: it frees every node itself"));
    }
    Ok(())
}

fn frees_list(ctx: &mut Ctx) -> TestResult {
    let shim = resolver::shim().map_err(Failure::checker_error)?;
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
        let mut r = run(ctx, q, &env)?;
        let calls = resolver::read_log(&log);
        ctx.log(format!("{}: {calls:?}", q.shown()));
        if !calls.loaded {
            return Err(Failure::checker_error(NOT_LOADED));
        }
        let expected_exit = if q.name == "x.invalid" { 1 } else { 0 };
        if r.status.code() != Some(expected_exit) {
            return Err(r.program.unexpected_exit(&format!("on `{}`", q.shown())));
        }
        check_frees(q, &calls)?;
    }
    Ok(())
}
