//! What a Korean report of the C track must not carry (issue 65): an English word or Rust's
//! notation. Names are not words: a call (`socket`, `htonl`), a file (`echo-server.c`), an
//! option (`--lang`), a test id (`round-trip`), a constant (`SIGCHLD`, `EAGAIN`), a variable of
//! a hint (`n`, `len`) stay as C and the system write them. Data are not words either: what a
//! test sent and got back is quoted (`"hello\n"`), code is in backticks, a command to run
//! stands after its label, and an English term glossed after its Korean (`하프 클로즈(half-close)`)
//! is the term's name. Chosen to stay English, as in every language (docs/maintainers.md,
//! "Languages"): the compiler's own lines (gcc's, as rustc's), and the speakers' labels of a
//! transcript (`client 1`, `hidden server`).

/// The calls, types and words of C and of the lab's protocols a Korean report may name as they
/// are, lower-case (an all-capital word, `SIGPIPE`, `PUBLISH`, is a name already).
#[rustfmt::skip]
const NAMES: &[&str] = &[
    // The socket API, the calls the course teaches, the C library's a hint names.
    "socket", "bind", "listen", "accept", "accept4", "connect", "read", "write", "writev",
    "readv", "send", "recv", "sendto", "recvfrom", "sendmsg", "recvmsg", "close", "shutdown",
    "open", "fork", "waitpid", "wait", "kill", "sigaction", "signal", "alarm", "pause", "poll",
    "ppoll", "select", "epoll", "pipe", "dup", "dup2", "exit", "abort", "fcntl", "setsockopt",
    "getsockopt", "getsockname", "getpeername", "getaddrinfo", "getnameinfo", "freeaddrinfo",
    "htons", "htonl", "ntohs", "ntohl", "socketpair", "memcpy", "malloc", "free", "realloc",
    "printf", "fprintf", "fflush", "perror", "strerror", "errno", "main", "stdin", "stdout",
    "stderr", "stdio", "make", "nm", "cc", "gcc", "libc", "glibc", "pthread", "mutex", "nc",
    "socat", "mosquitto", "strace", "futex", "assert", "strlen", "strtoul", "getline", "umask",
    "chmod", "sockaddr", "pollfd", "revents", "unlink", "min", "do", "while",
    "fopen", "fdopen", "fread", "fwrite", "fgets", "sendfile", "splice", "inet_pton", "pselect",
    "strcpy", "strncpy", "epoll_wait", "EPOLLET", "EAGAIN",
    "vfork", "thrd_create", "pthread_create", "getrlimit", "setrlimit", "realpath",
    // Types and C keywords a value is written with; a hint's variables.
    "int", "char", "void", "struct", "const", "unsigned", "bool", "true", "false", "sizeof",
    "in", "out", "buf", "len", "dst", "src", "value", "why", "fd", "flags", "path", "code",
    "part", "cfd", "arg",
    // The lab's own names: the checker and its command, the course files, the test `rules`.
    "cargo", "run", "checker", "course", "ko", "md", "lab", "git", "rules",
    // Units and protocol names written so in Korean text (MQTT's fields).
    "ms", "s", "KiB", "MiB", "GiB", "QoS", "IPv4", "IPv6", "ipv4", "ipv6", "localhost",
    "loopback", "inet", "retain", "clean", "session", "keep", "alive", "topic", "payload",
    "present",
    // The speakers' labels of a transcript.
    "client", "clients", "early", "late", "hidden", "server", "subscriber", "publisher",
    "device", "devices", "sleepy", "other", "first", "second", "third", "watcher", "control",
    "a", "still", "connected", "at", "once", "stalled", "flooding", "resetting", "next", "slow",
    "fast", "mute", "silent", "pinger", "reader", "probe", "zero", "storm", "active", "again",
    "later", "quiet", "rude", "overlap", "plus", "controller", "short",
];

/// Rust's notation, which a C class never wrote (`::` between names: a path; IPv6's `::1`
/// is no Rust).
const RUST: &[&str] = &["Some(", "None", "Ok(", "Err(", "Vec<", "&["];

/// Whether `text` has a Rust path, `name::name` (not an IPv6 address's `db8::1`, whose groups
/// are hexadecimal).
fn has_rust_path(text: &str) -> bool {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let group = |s: &str| (1..=4).contains(&s.len()) && s.chars().all(|c| c.is_ascii_hexdigit());
    let mut rest = text;
    while let Some(at) = rest.find("::") {
        let before = rest[..at].rsplit(|c: char| !ident(c)).next().unwrap_or("");
        let after = rest[at + 2..]
            .split(|c: char| !ident(c))
            .next()
            .unwrap_or("");
        let ipv6 = group(before) && group(after);
        if !(before.is_empty() || after.is_empty() || ipv6) {
            return true;
        }
        rest = &rest[at + 2..];
    }
    false
}

/// A report's text with its data and code left out: what is in double quotes or backticks, a
/// command to run or its usage (after `직접 해 보기:`, `다시 실행:`, `사용법:`), an English gloss
/// after Korean. `None`
/// for a line of the compiler's own (`file.c:3:5: warning: ...`, its excerpt `  3 | code`).
fn prose(line: &str) -> Option<String> {
    // A program's own output, under the report's `| `: data.
    if line.trim_start().starts_with("| ") || line.trim() == "|" {
        return None;
    }
    let trimmed = line.trim_start();
    let compilers = trimmed.contains(": warning:")
        || trimmed.contains(": error:")
        || trimmed.contains(": note:")
        || trimmed.contains(": In function")
        || trimmed.starts_with("In file included from")
        || trimmed
            .split_once(" | ")
            .is_some_and(|(n, _)| n.trim().parse::<u32>().is_ok())
        || trimmed.starts_with("| ")
        || trimmed.trim_start_matches(['^', '~', ' ', '|']).is_empty();
    if compilers {
        return None;
    }
    let mut line = line;
    for label in ["직접 해 보기:", "다시 실행:", "사용법:"] {
        if let Some(at) = line.find(label) {
            line = &line[..at];
        }
    }
    let mut out = String::new();
    let mut inside: Option<char> = None;
    let mut escaped = false;
    let mut gloss = false;
    let mut last: Option<char> = None;
    for c in line.chars() {
        match inside {
            Some(close) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == close {
                    inside = None;
                    out.push(' ');
                }
            }
            None if gloss => {
                if c == ')' {
                    gloss = false;
                }
            }
            None if c == '"' || c == '`' => inside = Some(c),
            // `kill(child, SIGTERM)`: a call's arguments are code.
            None if c == '(' && last.is_some_and(|l| l.is_ascii_alphanumeric() || l == '_') => {
                inside = Some(')')
            }
            // `하프 클로즈(half-close)`: the English name of a Korean term.
            None if c == '(' && last.is_some_and(is_hangul) => gloss = true,
            None => out.push(c),
        }
        last = Some(c);
    }
    Some(out)
}

fn is_hangul(c: char) -> bool {
    ('\u{ac00}'..='\u{d7a3}').contains(&c)
}

/// The characters a name is made of: `echo-server.c`, `--lang`, `-fsanitize=undefined`,
/// `in[0]`, `char *`.
const NAME_CHARS: &str = "_-./#:+%=[]*&>";

/// Whether `token` is a name rather than a word: it holds something no English word has, or it
/// is written in capitals, or is one letter (a variable), or a call, type or label the lab
/// names.
fn is_name(token: &str) -> bool {
    let letters: String = token.chars().filter(|c| c.is_ascii_alphabetic()).collect();
    letters.len() <= 1
        || token
            .chars()
            .any(|c| c.is_ascii_digit() || NAME_CHARS.contains(c))
        || letters.chars().all(|c| c.is_ascii_uppercase())
        || NAMES.contains(&token)
}

/// The problems of one report: each line with an English word or Rust's notation in its prose,
/// and what was found there.
pub fn not_korean(report: &str) -> Vec<String> {
    not_korean_but(report, &[])
}

/// `not_korean`, with more names the report may use as they are: the lab's own (its test
/// ids, its programs: `throughput`, `copy`).
pub fn not_korean_but(report: &str, names: &[String]) -> Vec<String> {
    let mut names = names.to_vec();
    names.extend(speakers(report));
    let mut problems = Vec::new();
    for line in report.lines() {
        let Some(text) = prose(line) else { continue };
        let mut found: Vec<String> = RUST
            .iter()
            .filter(|n| text.contains(*n))
            .map(|n| n.to_string())
            .collect();
        if has_rust_path(&text) {
            found.push("::".into());
        }
        let tokens = text.split(|c: char| !(c.is_ascii_alphanumeric() || NAME_CHARS.contains(c)));
        found.extend(
            tokens
                .map(|t| {
                    t.trim_end_matches(['.', ':'])
                        .trim_start_matches(['.', ':'])
                })
                .filter(|t| t.chars().any(|c| c.is_ascii_alphabetic()) && !is_name(t))
                .filter(|t| !names.iter().any(|n| n == t))
                .map(String::from),
        );
        if !found.is_empty() {
            problems.push(format!("{found:?} in: {line}"));
        }
    }
    problems
}

/// The words of the speakers' labels in a report's transcripts (`0.035s silent client  ...`:
/// the label fills the 14 cells after the time), which its sentences name them by too.
fn speakers(report: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in report.lines() {
        let line = line.trim_start();
        let Some((time, rest)) = line.split_once("s ") else {
            continue;
        };
        if time.split_once('.').is_none_or(|(a, b)| {
            a.parse::<u32>().is_err() || b.len() != 3 || b.parse::<u32>().is_err()
        }) {
            continue;
        }
        // A label of 14 cells or more runs on to the next space.
        let mut label: String = rest.chars().take(14).collect();
        label.extend(rest.chars().skip(14).take_while(|c| !c.is_whitespace()));
        let words = label.split(|c: char| !(c.is_ascii_alphanumeric() || NAME_CHARS.contains(c)));
        found.extend(words.filter(|w| !w.is_empty()).map(String::from));
    }
    found
}

/// The names of the lab a C report uses as they are: the test ids of `run`'s report, and the
/// programs and files of the C exercises in `tree` (`copy`, `resolve`, `echo-server`).
pub fn lab_names(run: &super::Run, tree: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = run
        .tests()
        .iter()
        .filter_map(|t| t["id"].as_str().map(String::from))
        .collect();
    for exercise in std::fs::read_dir(tree).into_iter().flatten().flatten() {
        for file in std::fs::read_dir(exercise.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let path = file.path();
            if path.extension().is_some_and(|e| e == "c")
                && let Some(stem) = path.file_stem()
            {
                names.push(stem.to_string_lossy().into_owned());
            }
        }
    }
    names
}
