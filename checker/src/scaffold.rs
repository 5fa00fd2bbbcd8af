//! `checker new <dayN>-<name>`: scaffold a new exercise, complete and green from the start —
//! stub and solution packages with the same manifest and rules, the pristine copies `--ci`
//! compares with, a test module with one table, its registration, a course.md section, and
//! broken versions that prove its tests — so that an instructor edits working code instead of
//! assembling it. README's instructor guide walks through the rest.

use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::workspace;

/// What the new exercise is: a library (tested through a harness) or a program.
pub struct Plan<'a> {
    pub name: &'a str,
    pub program: Option<&'a str>,
}

pub fn run(plan: &Plan) -> Result<Vec<String>> {
    let lab = workspace::lab_root();
    let name = plan.name;
    let day: u8 = name
        .strip_prefix("day")
        .and_then(|rest| rest.split_once('-'))
        .filter(|(_, rest)| {
            !rest.is_empty()
                && rest
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
        .and_then(|(d, _)| d.parse().ok())
        .with_context(|| {
            format!("`{name}`: an exercise is named day<N>-<name>, lowercase, e.g. day5-epoll")
        })?;
    if let Some(p) = plan.program
        && !p
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        bail!("`{p}`: a program name is lowercase letters, digits and dashes");
    }
    let module = name.replace('-', "_");
    for dir in ["exercises", "solutions", "checker/pristine"] {
        if lab.join(dir).join(name).exists() {
            bail!("{dir}/{name} already exists");
        }
    }
    let mut made = Vec::new();
    let mut write = |rel: String, content: String| -> Result<()> {
        let path = lab.join(&rel);
        std::fs::create_dir_all(path.parent().unwrap_or(&lab))
            .with_context(|| format!("creating {}", rel))?;
        std::fs::write(&path, content).with_context(|| format!("writing {rel}"))?;
        made.push(rel);
        Ok(())
    };

    let manifest = manifest(name, day, plan.program.is_some());
    let rules = rules(name, plan.program.is_some());
    for tree in ["exercises", "solutions", "checker/pristine"] {
        write(format!("{tree}/{name}/Cargo.toml"), manifest.clone())?;
        write(format!("{tree}/{name}/clippy.toml"), rules.clone())?;
    }
    match plan.program {
        None => {
            write(
                format!("solutions/{name}/src/lib.rs"),
                library_source(name, day, true),
            )?;
            write(
                format!("exercises/{name}/src/lib.rs"),
                library_source(name, day, false),
            )?;
        }
        Some(p) => {
            write(
                format!("solutions/{name}/src/bin/{p}.rs"),
                program_source(name, p, true),
            )?;
            write(
                format!("exercises/{name}/src/bin/{p}.rs"),
                program_source(name, p, false),
            )?;
        }
    }
    write(
        format!("checker/src/exercises/{module}.rs"),
        test_module(name, day, plan.program),
    )?;
    write(
        format!("checker/tests/broken-versions/{name}.toml"),
        broken_versions(name, plan.program),
    )?;

    register(&lab, name, &module, day)?;
    made.push("checker/src/exercises/mod.rs (registered)".into());
    add_member(&lab, name)?;
    made.push("solutions/Cargo.toml (member added)".into());
    add_course_section(&lab, name, day, plan.program)?;
    made.push("course.md (section added)".into());
    // The lab's own style for the generated code (and the registration lines).
    for dir in [lab.clone(), lab.join("solutions")] {
        let mut fmt = workspace::cargo_command();
        fmt.args(["fmt", "--all"]).current_dir(&dir);
        let _ = crate::supervise::run_to_completion(&mut fmt);
    }
    Ok(made)
}

fn manifest(name: &str, day: u8, program: bool) -> String {
    let deps = if program {
        "\n[dependencies]\nnix.workspace = true\n"
    } else {
        ""
    };
    format!(
        r#"[package]
name = "{name}"
description = "Day {day}: TODO say in one line what the student builds"
edition.workspace = true
version.workspace = true
publish.workspace = true
{deps}
# The exercise's rules (do not edit): see clippy.toml next to this file.
[lints.clippy]
disallowed_methods = "forbid"
disallowed_types = "forbid"
"#
    )
}

fn rules(name: &str, program: bool) -> String {
    if program {
        format!(
            r#"# Rules of {name} (do not edit): the checker enforces them with clippy.
# TODO list the shortcuts that would skip the lesson, each with its reason.
disallowed-types = [
  {{ path = "std::net::TcpListener", reason = "{name}: use socket/bind/listen/accept from nix::sys::socket" }},
  {{ path = "std::net::TcpStream", reason = "{name}: use the socket calls from nix::sys::socket" }},
]
"#
        )
    } else {
        format!(
            r#"# Rules of {name} (do not edit): the checker enforces them with clippy.
# TODO list the shortcuts that would skip the lesson, each with its reason.
disallowed-methods = [
  {{ path = "u32::wrapping_mul", reason = "{name}: an example rule; write it with an addition" }},
]
"#
        )
    }
}

fn library_source(name: &str, day: u8, solution: bool) -> String {
    let body = if solution {
        "    // An addition that wraps around, like the C `uint32_t` arithmetic it mirrors.\n    x.wrapping_add(x)"
    } else {
        "    // TODO\n    todo!()"
    };
    let allow = if solution {
        ""
    } else {
        "// Keeps the compiler quiet while the stubs are unfinished.\n#![allow(unused_variables)]\n\n"
    };
    format!(
        r#"//! Day {day} — {name}{}.
//!
//! TODO: what the student builds, and the course.md section to read.
//! Grade yourself with `cargo run -p checker {name}`.

{allow}/// Double `x`, wrapping around at 2^32 (an example: replace it with the exercise).
///
/// C: `uint32_t twice = x * 2;` — TODO quote the C call this function mirrors and name its nix
/// equivalent.
pub fn double(x: u32) -> u32 {{
{body}
}}
"#,
        if solution {
            " (reference solution)"
        } else {
            ""
        }
    )
}

fn program_source(name: &str, program: &str, solution: bool) -> String {
    let serve = if solution {
        r#"    let listener = socket::socket(AddressFamily::Inet, SockType::Stream, SockFlag::empty(), None)
        .map_err(|e| format!("socket: {e}"))?;
    socket::setsockopt(&listener, sockopt::ReuseAddr, &true).map_err(|e| format!("setsockopt: {e}"))?;
    socket::bind(listener.as_raw_fd(), &SockaddrIn::new(0, 0, 0, 0, port))
        .map_err(|e| format!("bind to port {port}: {e}"))?;
    socket::listen(&listener, Backlog::new(128).map_err(|e| format!("backlog: {e}"))?)
        .map_err(|e| format!("listen: {e}"))?;
    let local: SockaddrIn = socket::getsockname(listener.as_raw_fd()).map_err(|e| format!("getsockname: {e}"))?;
    println!("listening on {}:{}", local.ip(), local.port());
    std::io::stdout().flush().map_err(|e| format!("stdout: {e}"))?;
    loop {
        let client = match socket::accept(listener.as_raw_fd()) {
            // SAFETY: accept just returned this descriptor and nothing else owns it.
            Ok(fd) => unsafe { OwnedFd::from_raw_fd(fd) },
            Err(Errno::EINTR | Errno::ECONNABORTED) => continue,
            Err(e) => return Err(format!("accept: {e}")),
        };
        let mut greeting: &[u8] = b"hello\n";
        while !greeting.is_empty() {
            match socket::send(client.as_raw_fd(), greeting, MsgFlags::MSG_NOSIGNAL) {
                Ok(n) => greeting = &greeting[n..],
                Err(Errno::EINTR) => continue,
                Err(_) => break,
            }
        }
    }"#
    } else {
        "    // TODO the socket calls, each quoted with its C form and its nix equivalent.\n    todo!()"
    };
    let allow = if solution {
        ""
    } else {
        "// Keeps the compiler quiet while the stub is unfinished.\n#![allow(unused_imports, unused_variables, dead_code)]\n\n"
    };
    format!(
        r#"//! {name}: `{program} <port>` (an example: replace it with the exercise).
//!
//! Contract: prints `listening on <ip>:<port>`, then sends `hello\n` to each client and closes.

{allow}use std::io::Write;
use std::os::fd::{{AsRawFd, FromRawFd, OwnedFd}};
use std::process::ExitCode;

use nix::errno::Errno;
use nix::sys::socket::{{self, AddressFamily, Backlog, MsgFlags, SockFlag, SockType, SockaddrIn, sockopt}};

fn main() -> ExitCode {{
    let port = match std::env::args().nth(1).map(|a| a.parse::<u16>()) {{
        Some(Ok(port)) => port,
        _ => {{
            eprintln!("{program}: usage: {program} <port>");
            return ExitCode::FAILURE;
        }}
    }};
    match serve(port) {{
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {{
            eprintln!("{program}: {{message}}");
            ExitCode::FAILURE
        }}
    }}
}}

fn serve(port: u16) -> Result<(), String> {{
{serve}
}}
"#
    )
}

fn test_module(name: &str, day: u8, program: Option<&str>) -> String {
    match program {
        None => format!(
            r#"//! Hidden tests of {name}. TODO: say what they observe and where the expected answers
//! come from.

use crate::catalog::{{Exercise, Kind, TestCase, secs}};
use crate::context::Ctx;
use crate::harness::Call;
use crate::library::{{Case, expect_all, shapes}};
use crate::verdict::TestResult;

pub static EXERCISE: Exercise = Exercise {{
    name: "{name}",
    day: {day},
    title: "TODO one line: what the student builds",
    section: "{name}",
    kind: Kind::Library {{ calls: CALLS, harness_deps: "", binaries: &[] }},
    student_files: &["src/lib.rs"],
    // One row per test: change points, timeouts and hints here.
    tests: &[TestCase {{
        id: "double",
        title: "double on edge and random values",
        points: 1,
        timeout: secs(10),
        hint: "TODO the hint a student needs when this test fails.",
        section: "{name}",
        program: None,
        run: double,
    }}],
}};

/// The exercise-specific half of the harness (see harness.rs): decode, call, encode.
const CALLS: &str = r\#"use crate::arg_num;
use {module} as ex;

pub fn call(function: &str, args: &[String]) -> String {{
    match function {{
        "double" => ex::double(arg_num(args, 0)).to_string(),
        other => panic!("the checker asked for an unknown function {{other}}"),
    }}
}}
"\#;

fn double(ctx: &mut Ctx) -> TestResult {{
    let mut inputs = vec![0, 1, 0x7fff_ffff, 0x8000_0000, u32::MAX];
    inputs.extend((0..100).map(|_| ctx.rng.u32(..)));
    let cases: Vec<Case<u32>> = inputs
        .into_iter()
        .map(|x| Case {{
            call: Call::new("double", vec![x.to_string()], format!("double({{x:#x}})")),
            expected: x.wrapping_mul(2),
        }})
        .collect();
    expect_all(ctx, &cases, &shapes::U32_HEX, |_, _| None)
}}
"#,
            module = name.replace('-', "_")
        )
        .replace("r\\#\"", "r#\"")
        .replace("\"\\#;", "\"#;"),
        Some(p) => format!(
            r#"//! Hidden tests of {name}. TODO: say what they observe from outside.

use crate::catalog::{{Exercise, Kind, TestCase, secs}};
use crate::context::Ctx;
use crate::verdict::TestResult;
use crate::wire::{{self, Conn, Transcript}};

const SERVER: &str = "{p}";

pub static EXERCISE: Exercise = Exercise {{
    name: "{name}",
    day: {day},
    title: "TODO one line: what the student builds",
    section: "{name}",
    kind: Kind::Programs {{ binaries: &[SERVER] }},
    student_files: &["src/bin/{p}.rs"],
    // One row per test: change points, timeouts and hints here.
    tests: &[TestCase {{
        id: "greets",
        title: "a client gets `hello\\n`, then EOF",
        points: 1,
        timeout: secs(10),
        hint: "TODO the hint a student needs when this test fails.",
        section: "{name}",
        program: Some(SERVER),
        run: greets,
    }}],
}};

fn greets(ctx: &mut Ctx) -> TestResult {{
    let t = Transcript::new(ctx);
    let s = wire::start_server(ctx, SERVER, 0, &[])?;
    let mut c = Conn::connect(&t, "client", s.port, ctx.within(secs(5)))?;
    c.expect_bytes(b"hello\n", ctx.within(secs(5)))?;
    c.expect_eof(ctx.within(secs(5)), "after the greeting: close the connection")
}}
"#
        ),
    }
}

fn broken_versions(name: &str, program: Option<&str>) -> String {
    match program {
        None => format!(
            r#"# Broken versions of {name} (see day1-endian.toml for the format): each hidden test must fail
# one of them. TODO replace these with realistic bugs of the real exercise.
exercise = "{name}"

[[broken]]
name = "returns-its-input"
bug = "double returns x unchanged"
fails = ["double"]
[[broken.edit]]
file = "src/lib.rs"
find = "    x.wrapping_add(x)"
replace = "    x"

[[broken]]
name = "uses-wrapping-mul"
bug = "takes the shortcut the rules forbid"
fails = ["rules"]
[[broken.edit]]
file = "src/lib.rs"
find = "    x.wrapping_add(x)"
replace = "    x.wrapping_mul(2)"
"#
        ),
        Some(p) => format!(
            r#"# Broken versions of {name} (see day1-endian.toml for the format): each hidden test must fail
# one of them. TODO replace these with realistic bugs of the real exercise.
exercise = "{name}"

[[broken]]
name = "greets-wrongly"
bug = "sends hi instead of hello"
fails = ["greets"]
[[broken.edit]]
file = "src/bin/{p}.rs"
find = "b\"hello\\n\""
replace = "b\"hi\\n\""

[[broken]]
name = "uses-tcpstream"
bug = "uses std::net, the shortcut the rules forbid"
fails = ["rules"]
[[broken.edit]]
file = "src/bin/{p}.rs"
find = "    loop {{"
replace = "    let _ = std::net::TcpStream::connect(\"127.0.0.1:9\");\n    loop {{"
"#
        ),
    }
}

/// `mod <module>;` and the `ALL` entry, in course order (after the last exercise of its day).
fn register(lab: &Path, name: &str, module: &str, day: u8) -> Result<()> {
    let path = lab.join("checker/src/exercises/mod.rs");
    let text = std::fs::read_to_string(&path).context("reading checker/src/exercises/mod.rs")?;
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let last_mod = lines
        .iter()
        .rposition(|l| l.starts_with("mod "))
        .context("no `mod` line in exercises/mod.rs")?;
    lines.insert(last_mod + 1, format!("mod {module};"));
    let day_of = |l: &str| -> Option<u8> {
        l.trim()
            .strip_prefix("&day")
            .and_then(|r| r.split('_').next())
            .and_then(|d| d.parse().ok())
    };
    let after = lines
        .iter()
        .rposition(|l| day_of(l).is_some_and(|d| d <= day));
    let at = match after {
        Some(i) => i + 1,
        None => {
            lines
                .iter()
                .position(|l| l.contains("pub static ALL"))
                .context("no ALL in exercises/mod.rs")?
                + 1
        }
    };
    lines.insert(at, format!("    &{module}::EXERCISE,"));
    std::fs::write(&path, lines.join("\n") + "\n")
        .context("writing checker/src/exercises/mod.rs")?;
    let _ = name;
    Ok(())
}

fn add_member(lab: &Path, name: &str) -> Result<()> {
    let path = lab.join("solutions/Cargo.toml");
    let text = std::fs::read_to_string(&path).context("reading solutions/Cargo.toml")?;
    let updated: Vec<String> = text
        .lines()
        .map(|l| {
            match l
                .strip_prefix("members = [")
                .and_then(|r| r.strip_suffix(']'))
            {
                Some(list) => format!("members = [{list}, \"{name}\"]"),
                None => l.to_string(),
            }
        })
        .collect();
    std::fs::write(&path, updated.join("\n") + "\n").context("writing solutions/Cargo.toml")
}

/// The exercise's section, at the end of its day (before the next day's anchor).
fn add_course_section(lab: &Path, name: &str, day: u8, program: Option<&str>) -> Result<()> {
    let path = lab.join("course.md");
    let text = std::fs::read_to_string(&path).context("reading course.md")?;
    let test = if program.is_some() {
        "greets"
    } else {
        "double"
    };
    let section = format!(
        "<a id=\"{name}\"></a>\n### Exercise {name}\n\nTODO: what to write (the exact contract), the rules, and the C calls beside their nix\nequivalents. Grade it with `cargo run -p checker {name}`.\n\n**What the checker tests.**\n\n- `{test}` — TODO one line per test.\n\nAnd `rules`.\n\n"
    );
    let next_day = format!("<a id=\"day{}\"></a>", day + 1);
    let updated = match text.find(&next_day) {
        Some(at) => format!("{}{section}{}", &text[..at], &text[at..]),
        None => format!("{}\n{section}", text.trim_end()),
    };
    std::fs::write(&path, updated).context("writing course.md")
}
