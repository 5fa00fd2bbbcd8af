//! Starting the server under test: with its port (0: the kernel picks one), until it says
//! `listening on <ip>:<port>` (or, for a `--program` from elsewhere, until `/proc` shows it
//! listening), and the failure that says why it never got there.

use crate::base::escape;
use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Diagnosis, Failure, FailureKind as Kind};
use crate::contain::limits::Limits;
use crate::contain::procinfo;
use crate::contain::program::Program;
use crate::context::Ctx;
use crate::observe::wire::Origin;
use crate::observe::wire::{Server, free_port, parse_listening};
use std::time::{Duration, Instant};

/// Start the server `name` with `port` as its first argument (then `args`) and wait until it
/// is ready: its `listening on <ip>:<port>` line, or — for a program given with `--program`,
/// which may print none — until its process tree listens (a TCP socket in LISTEN or a bound
/// UDP socket, seen in /proc: no probe connection, which a one-shot server would spend and a
/// fork server would count). The port is the one it really listens on, so a program that
/// ignores the port it is given (a fixed port) is graded too. A program that dies first is
/// explained (a `todo!()` reads "not started").
pub fn start(ctx: &Ctx, name: &str, port: u16, args: &[String]) -> Result<Server, Failure> {
    start_within(ctx, name, port, args, Limits::default())
}

/// `start`, with room for more than the defaults (never less than its scope gives): a server
/// that must hold a thousand clients may run a thread or two for each (`Limits::for_threads`).
pub fn start_within(
    ctx: &Ctx,
    name: &str,
    port: u16,
    args: &[String],
    limits: Limits,
) -> Result<Server, Failure> {
    let origin = ctx.built.origin(name);
    // A program from elsewhere may not take 0 for "any port": it is given a free one.
    let port = match origin {
        Origin::Given if port == 0 => free_port()?,
        _ => port,
    };
    let mut spawn = ctx.program(name)?;
    spawn.limits = spawn.limits.at_least(limits);
    let spawn = spawn
        .server()
        .arg(port.to_string())
        .args(args.iter().cloned());
    let by_hand_command = by_hand_command(ctx, name, args);
    let mut program = spawn.start()?;
    // From now on a wait for this server fails as soon as the server is stuck.
    ctx.watch(program.pid(), name);
    let (port, line) = until_ready(ctx, (name, port, origin), &mut program)?;
    Ok(Server {
        program,
        port,
        line,
        by_hand_command,
        origin,
    })
}

/// Wait until the server is ready, as its origin says: a program the checker built prints its
/// listening line (the port it names, checked), and closing its stdout first is its failure; a
/// program given with `--program` is ready at its line if it prints one, or once /proc shows
/// it listening, looked at every 20 ms. The port it listens on and its line; or why it never
/// got ready.
fn until_ready(
    ctx: &Ctx,
    (name, port, origin): (&str, u16, Origin),
    program: &mut Program,
) -> Result<(u16, String), Failure> {
    // A compiled program listens within milliseconds; 5 s is room for a loaded machine.
    let ready_by = ctx.within(Duration::from_secs(5));
    let look_every = match origin {
        Origin::Built => Duration::from_millis(200),
        Origin::Given => Duration::from_millis(20),
    };
    loop {
        let step = (Instant::now() + look_every).min(ready_by);
        if let Some((_, line)) = program
            .stdout
            .wait_line(step, 0, |l| l.starts_with("listening on"))
        {
            let actual = port_of_line(name, port, origin, &line)
                .map_err(|f| bind_unchecked(f, program.pid(), port, &line))?;
            return Ok((actual, line));
        }
        if let Some(f) = ended_before_listening(ctx, program, origin) {
            return Err(f);
        }
        match origin {
            Origin::Built if program.stdout.is_closed() => {
                return Err(Failure::of_kind(
                    Kind::NoListeningLine,
                    msg!("server-closed-stdout", label = name),
                ));
            }
            Origin::Given => {
                if let Some(actual) = port_in_proc(ctx, name, port, program) {
                    return Ok((actual, String::new()));
                }
            }
            Origin::Built => {}
        }
        if Instant::now() >= ready_by {
            return Err(never_ready(name, origin, program));
        }
    }
}

/// The command to start the server by hand, on port 7000 with the same arguments.
fn by_hand_command(ctx: &Ctx, name: &str, args: &[String]) -> String {
    let shown_args: String = args
        .iter()
        .map(|a| format!(" {}", escape::shell_word(a)))
        .collect();
    format!("{} 7000{shown_args}", ctx.by_hand(name))
}

/// The server ended before it listened: how, and that its port was taken where it said so.
/// `None` while it runs. (Its stdout closed, it gets 200 ms to be seen ending.)
fn ended_before_listening(ctx: &Ctx, program: &mut Program, origin: Origin) -> Option<Failure> {
    let ended = program.try_status().is_some()
        || (program.stdout.is_closed()
            && program
                .wait_until(Instant::now() + Duration::from_millis(200))
                .is_some());
    if !ended {
        return None;
    }
    let what = match origin {
        Origin::Given => msg!("server-before-it-listened"),
        Origin::Built => msg!("server-before-listening-line"),
    };
    let f = program.unexpected_exit(what);
    Some(if said_address_in_use(program) {
        port_taken(f, origin, ctx.own_network())
    } else {
        f
    })
}

/// The port a `listening on <ip>:<port>` line names, which must be the one the server was
/// given (unless it was 0, or the program is not the lab's own).
fn port_of_line(name: &str, port: u16, origin: Origin, line: &str) -> Result<u16, Failure> {
    let Some((_, actual)) = parse_listening(line) else {
        return Err(Failure::of_kind(
            Kind::NoListeningLine,
            msg!(
                "server-not-a-listening-line",
                label = name,
                line = escape::quoted(line.as_bytes(), 80)
            ),
        ));
    };
    if actual == 0 || (port != 0 && actual != port && origin == Origin::Built) {
        return Err(Failure::of_kind(
            Kind::NoListeningLine,
            msg!(
                "server-says-other-port",
                label = name,
                port = port.to_string(),
                actual = actual.to_string()
            ),
        )
        .note(msg!("server-print-real-port")));
    }
    Ok(actual)
}

/// A line that names another port than the one the server was given, where the server does
/// listen on the port its line names and not on its own: the line is true, and its bind() to
/// the port failed unchecked (EADDRINUSE, say), so listen() bound a port of its own. Said so,
/// rather than told to print what getsockname() returns, which it does.
fn bind_unchecked(f: Failure, pid: i32, port: u16, line: &str) -> Failure {
    let said = parse_listening(line).map(|(_, actual)| actual);
    let listens: Vec<u16> = procinfo::listening(pid).iter().map(|l| l.port()).collect();
    match said {
        // The port's two bytes swapped: it went into sin_port without htons(), and the kernel
        // read it in network order. Nothing failed: no EADDRINUSE to speak of.
        Some(actual)
            if byte_swapped(port, actual)
                && listens.contains(&actual)
                && !listens.contains(&port) =>
        {
            let mut f = f.diagnosed(Diagnosis::PortByteOrder).proven();
            f.note = Some(byte_order_note(port, actual));
            f
        }
        Some(actual) if port != 0 && listens.contains(&actual) && !listens.contains(&port) => {
            let mut f = f;
            f.kind = Some(Kind::AddressInUse);
            f.note = Some(msg!(
                "server-bind-unchecked",
                port = port.to_string(),
                actual = actual.to_string()
            ));
            f
        }
        _ => f,
    }
}

/// Whether a server given `port` that listens on `actual` put the port into `sin_port` in host
/// byte order: `actual` is `port` with its two bytes swapped (the checker gives only ports whose
/// two bytes differ, so a right port is never taken for a swapped one).
pub fn byte_swapped(port: u16, actual: u16) -> bool {
    port != 0 && actual != port && actual == port.swap_bytes()
}

/// What the kernel's table shows of a port given without htons(), in the report's words.
pub fn byte_order_note(port: u16, actual: u16) -> Text {
    msg!(
        "server-port-byte-swapped",
        port = port.to_string(),
        actual = actual.to_string(),
        port_hex = format!("{port:04x}"),
        actual_hex = format!("{actual:04x}")
    )
}

/// A `--program` server is ready once `/proc` shows it listening: on the port it was given,
/// or on the one it chose (then graded there, and said so).
fn port_in_proc(ctx: &Ctx, name: &str, port: u16, program: &Program) -> Option<u16> {
    let ports = procinfo::listening(program.pid());
    let actual = ports
        .iter()
        .find(|l| l.port() == port)
        .or_else(|| ports.first())
        .map(|l| l.port())?;
    if actual != port {
        ctx.log(msg!(
            "server-graded-on-its-port",
            label = name,
            actual = actual.to_string(),
            port = port.to_string()
        ));
    }
    Some(actual)
}

/// The failure of a server still not ready after 5 s: what it printed, and where it listens.
fn never_ready(name: &str, origin: Origin, program: &Program) -> Failure {
    if origin == Origin::Given {
        return Failure::of_kind(
            Kind::NoListeningLine,
            msg!("server-never-listened", label = name),
        );
    }
    let mut f = Failure::of_kind(
        Kind::NoListeningLine,
        msg!("server-no-line-in-5s", label = name),
    );
    let printed = program.stdout.bytes();
    if !printed.is_empty() {
        f = f.detail(msg!("label-stdout"), escape::quoted(&printed, 200));
    }
    let (out, err) = (program.stdout.total(), program.stderr.total());
    if out + err > 1 << 20 {
        f = f.detail(
            msg!("label-output"),
            msg!(
                "server-wrote-much",
                label = name,
                out = out.to_string(),
                err = err.to_string()
            ),
        );
    }
    let listens = procinfo::listening(program.pid());
    if !listens.is_empty() {
        let ports: Vec<String> = listens.iter().map(|l| l.port().to_string()).collect();
        f = f.detail(
            msg!("server-it-listens-on"),
            msg!("server-ports", ports = ports.join(", ")),
        );
    }
    f.note(msg!("server-flushed"))
}

/// Whether a server that ended said on stderr that its bind failed with EADDRINUSE: the
/// errno's name, or its description as strerror gives it (Rust's io::Error and C's perror print
/// that). What the program said, never the checker's own messages.
fn said_address_in_use(program: &Program) -> bool {
    let said = String::from_utf8_lossy(&program.stderr.bytes()).to_lowercase();
    let errno = nix::errno::Errno::EADDRINUSE;
    said.contains(&errno.desc().to_lowercase()) || said.contains("eaddrinuse")
}

/// A server that could not bind because its port was taken. In plain mode a program that
/// listens on a fixed port shares it with every other test running at the same time: that is
/// not the TIME_WAIT of the generic hint.
fn port_taken(f: Failure, origin: Origin, own_network: bool) -> Failure {
    if origin == Origin::Given && !own_network {
        let mut f = f;
        f.kind = None;
        return f.note(msg!("server-port-taken"));
    }
    f.kind(Kind::AddressInUse)
}

/// The program a test shared by several exercises is about: the one its table row names.
pub fn under_test(ctx: &Ctx) -> Result<&'static str, Failure> {
    ctx.program
        .ok_or_else(|| Failure::checker_error(msg!("server-no-program")))
}

/// Start the server the test's table row names, on `port`, with the arguments its exercise
/// gives it after the port (`Ctx::program_args`: none for most).
pub fn start_under_test(ctx: &Ctx, port: u16) -> Result<Server, Failure> {
    let args: Vec<String> = ctx.program_args.iter().map(|a| a.to_string()).collect();
    start(ctx, under_test(ctx)?, port, &args)
}

/// `f` with the note that fits how `s` is now: `ended` if it has exited (what happened ended
/// it), `running` if it still runs.
pub fn note_if_ended(f: Failure, s: &mut Server, ended: Text, running: Text) -> Failure {
    f.note(if s.program.try_status().is_some() {
        ended
    } else {
        running
    })
}

#[cfg(test)]
mod tests {
    use super::byte_swapped;

    /// A port's bytes swapped is told apart from any other port, and from the port itself.
    #[test]
    fn a_port_given_without_htons_is_its_bytes_swapped() {
        assert!(byte_swapped(0x9f57, 0x579f));
        assert!(!byte_swapped(0x9f57, 0x9f57));
        assert!(!byte_swapped(0x9f57, 0x9f58));
        assert!(!byte_swapped(0, 0));
    }
}
