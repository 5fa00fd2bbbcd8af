//! How a program ended, in words: exit statuses, signals, and Rust panics (or a C stub's
//! `TODO`) found on stderr.

use std::os::unix::process::ExitStatusExt;
use std::process::ExitStatus;

use nix::sys::signal::Signal;

use crate::base::i18n::{Arg, Text, msg};

/// Killed by a signal or a panic (status 101).
pub fn is_crash(status: ExitStatus) -> bool {
    status.signal().is_some() || status.code() == Some(101)
}

/// "exited with status 1", "was killed by SIGSEGV (segmentation fault)".
pub fn describe_exit(status: ExitStatus) -> Text {
    if let Some(code) = status.code() {
        return match code {
            101 => msg!("exit-panic"),
            _ => msg!("exit-status", code = code.to_string()),
        };
    }
    match status.signal().and_then(|s| Signal::try_from(s).ok()) {
        Some(Signal::SIGSEGV) => msg!("exit-sigsegv"),
        Some(Signal::SIGABRT) => msg!("exit-sigabrt"),
        Some(Signal::SIGPIPE) => msg!("exit-sigpipe"),
        Some(Signal::SIGKILL) => msg!("exit-sigkill"),
        Some(signal) => msg!("exit-signal", signal = signal.as_str()),
        None => msg!("exit-other", status = status.to_string()),
    }
}

/// The first line of a sanitizer's report (UBSan's, ASan's): it names the fault at the
/// program's file and line (`echo-server.c:41:9: runtime error: index 64 out of bounds`).
pub fn is_sanitizer_report(line: &str) -> bool {
    line.contains(": runtime error: ") || line.contains("ERROR: AddressSanitizer")
}

/// "not started: echo-server reached a todo!() at src/bin/echo-server.rs:12:5", or for a C
/// stub, "... reached a TODO(...) at echo-server.c:31".
pub fn reached_todo(label: impl Into<Arg>, at: &str) -> Text {
    let label = label.into();
    if at.contains(".c:") || at.contains(".h:") {
        msg!("program-reached-c-todo", label = label, at = at)
    } else {
        msg!("program-reached-todo", label = label, at = at)
    }
}

/// A Rust panic as printed on stderr.
pub struct Panic {
    pub message: String,
    pub location: String,
}

/// What a C stub's `TODO("...")` prints before it exits (c/exercises/common/lab.h), after
/// its file and line: `echo-server.c:31: not yet implemented: step 1: socket`; a Korean
/// export's lab.h (derived by `authoring::stub_comments::korean_lab_h`) says it in Korean.
pub const C_TODO: &str = ": not yet implemented";
pub const C_TODO_KO: &str = ": 아직 작성하지 않았다";

/// Find `thread '…' panicked at src/x.rs:1:2:\nmessage` in a program's stderr, or the line a
/// C stub's `TODO` prints, read as the same: the place, and "not yet implemented".
pub fn parse_panic(stderr: &str) -> Option<Panic> {
    let mut lines = stderr.lines();
    while let Some(line) = lines.next() {
        let todo = [C_TODO, C_TODO_KO]
            .into_iter()
            .find_map(|mark| Some((line.find(mark)?, mark)));
        if let Some((at, mark)) = todo
            && (line[..at].contains(".c:") || line[..at].contains(".h:"))
            && !line[..at].contains(' ')
        {
            // Read as the English says it, whichever lab.h said it.
            return Some(Panic {
                message: format!("{}{}", &C_TODO[2..], &line[at + mark.len()..]),
                location: line[..at].to_string(),
            });
        }
        if let Some(pos) = line.find(" panicked at ") {
            let location = line[pos + " panicked at ".len()..]
                .trim_end_matches(':')
                .to_string();
            let message = lines
                .by_ref()
                .take_while(|l| !l.starts_with("note: "))
                .collect::<Vec<_>>()
                .join("\n");
            return Some(Panic { message, location });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_rust_panic() {
        let stderr = "\nthread 'main' (4242) panicked at src/bin/echo-server.rs:12:5:\nnot yet implemented\nnote: run with `RUST_BACKTRACE=1`\n";
        let panic = parse_panic(stderr).expect("a panic");
        assert_eq!(panic.location, "src/bin/echo-server.rs:12:5");
        assert_eq!(panic.message, "not yet implemented");
    }

    #[test]
    fn reads_a_c_stubs_todo_as_rusts() {
        let stderr = "echo-server.c:31: not yet implemented: step 1: socket\n";
        let todo = parse_panic(stderr).expect("a TODO");
        assert_eq!(todo.location, "echo-server.c:31");
        assert!(todo.message.starts_with("not yet implemented"));
        let korean =
            parse_panic("echo-server.c:31: 아직 작성하지 않았다: 1단계: socket\n").unwrap();
        assert_eq!(korean.location, "echo-server.c:31");
        assert_eq!(korean.message, "not yet implemented: 1단계: socket");
        // A program's own words are not a TODO.
        assert!(parse_panic("echo-server: read: not yet implemented by the kernel\n").is_none());
    }
}
