//! The hints the C track words apart. The hidden tests and their hints are shared between the
//! tracks, but some hints name what only the Rust track sees (`Vec<u8>`, `drop the OwnedFd`,
//! `sockopt::ReceiveTimeout`, `unwrap()`): for those tests, this table says the same thing with
//! the C calls of the course notes. A row is keyed as the test's hint is translated: by whose
//! words the hint is (a family, a family's variant, or the exercise, `Test::hint_owner`) and the
//! test's id; its Korean is in ko.ftl under the hint's key plus `-c`
//! (`echo-server--binary-64k--hint-c`, `Test::c_hint_key`), which `checker verify` requires.
//! The notes the tests build word themselves apart as messages do: a `<key>-c` message beside
//! the Rust one, in en.ftl and ko.ftl, which the renderer chooses (`Messages::on`).
//!
//! (The table is here, not in `lab`, because `lab` may not use `exercises`: `hint_on` is how the
//! reports, which know the track, choose a test's hint.)

use std::borrow::Cow;

use crate::base::i18n::Messages;
use crate::base::workspace::Track;
use crate::lab::test::Test;

/// (hint owner as in catalog keys, test id, the hint in English for the C track).
pub const C_HINTS: &[(&str, &str, &str)] = &[
    // The echo-server family (day2-echo, day3-fork, day5-threads, day6-unix).
    (
        "echo-server",
        "listening-line",
        "Bind INADDR_ANY (`a.sin_addr.s_addr = htonl(INADDR_ANY)`), then print the address getsockname() returns, once, and fflush(stdout).",
    ),
    (
        "echo-server",
        "binary-64k",
        "Echo bytes, not text: keep the data in a `char buf[]` with the count read() returned, and send exactly that many bytes; string functions (strlen, strcpy, printf's %s) stop at the first zero byte.",
    ),
    (
        "echo-server",
        "reset-then-normal",
        "read/send fail with ECONNRESET or EPIPE when a client vanishes: report it, close(fd) that connection and accept the next client; never exit() on it. Send with `send(fd, buf, len, MSG_NOSIGNAL)`, or the EPIPE comes as a SIGPIPE that kills the server.",
    ),
    (
        "echo-server",
        "no-close-wait",
        "Close the connected socket when its client is done: `close(fd)`. shutdown() alone does not free the descriptor.",
    ),
    // The echo tests as one-thread servers have them (day5-poll, day5-epoll).
    (
        "echo-server-one-thread",
        "binary-64k",
        "Echo bytes, not text: keep each client's data in a buffer of its own (a `char` array or malloc'd memory) with its length, never handled as a C string: strlen and printf's %s stop at the first zero byte.",
    ),
    (
        "echo-server-one-thread",
        "reset-then-normal",
        "ECONNRESET or EPIPE on one client's read or send closes that client only: never leave the loop, never exit() on it (send with MSG_NOSIGNAL, so that EPIPE comes back as an error, not as a SIGPIPE).",
    ),
    (
        "echo-server-one-thread",
        "no-close-wait",
        "Once a client's EOF came and its buffer is sent, close its socket (`close(fd)`) and forget it: take it out of the set you wait on and free its buffer.",
    ),
    // The chat family (day5-threads).
    (
        "chat",
        "client-leaves",
        "On EOF (read returns 0) or an error, remove the client from the list with the lock held, close(fd) its socket, and return from its thread.",
    ),
    (
        "chat",
        "client-resets",
        "A send to a client that has gone fails (EPIPE, ECONNRESET): remove that client. Send with MSG_NOSIGNAL (else the SIGPIPE kills the whole server), and never end a thread or the program with the lock held: every other thread would wait in pthread_mutex_lock forever.",
    ),
    // The exercises' own tests.
    (
        "day1-fileio",
        "write-all",
        "Loop until every byte is written: after a short count n, go on from `(const char *)buf + n` with len - n; when write() returns -1 with errno EINTR, call it again; on any other error return -1.",
    ),
    (
        "day1-fileio",
        "copy-files",
        "Read until read() returns 0 and write exactly the n bytes each read returned (with lab_write_all); a short read is not the end of the file.",
    ),
    (
        "day1-fileio",
        "copy-mode",
        "Pass 0644 as open()'s third argument with O_CREAT and let the kernel take the umask off; never chmod afterwards.",
    ),
    (
        "day1-fileio",
        "copy-stdio",
        "For `-` use fd 0 (STDIN_FILENO) or fd 1 (STDOUT_FILENO) instead of opening a file; on a pipe a read may return less than the buffer long before the end.",
    ),
    (
        "day1-fileio",
        "copy-errors",
        "Check every call's result; on an error print `copy: <path>: <errno's text>` (strerror(errno), at once, before another call changes errno) and exit 1: the path is the one the failing call was about.",
    ),
    (
        "day1-endian",
        "is-little-endian",
        "Put a known number in memory and look at its first byte: after `uint16_t one = 1;`, `*(unsigned char *)&one` is 1 on a little-endian host (or use the union of endian.h).",
    ),
    (
        "day1-endian",
        "swap32",
        "Mask each of the four bytes and shift it to its mirrored place; stay with uint32_t (a right shift of a negative int copies the sign bit).",
    ),
    (
        "day1-endian",
        "to-wire-u16",
        "The most significant byte goes first: lab_to_wire_u16(0x1f90, out) puts 0x1f in out[0] and 0x90 in out[1].",
    ),
    (
        "day1-endian",
        "from-wire-u16",
        "The first byte is the most significant: shift in[0] left by 8 and OR in in[1]; the result is a uint16_t.",
    ),
    (
        "day1-endian",
        "to-wire-u32",
        "lab_to_wire_u32(0x01020304, out) fills out with 01 02 03 04 on every host.",
    ),
    (
        "day1-endian",
        "from-wire-u32",
        "Cast every byte to uint32_t before shifting: `(uint32_t)in[0] << 24`. Without the cast in[0] becomes an int, and a byte of 0x80 or more shifted by 24 overflows it: undefined behaviour, which the checker's build stops at.",
    ),
    (
        "day2-inet",
        "addr",
        "The bytes of lab_inet_addr(\"1.2.3.4\") in memory must be 01 02 03 04: build the in_addr_t in network byte order, e.g. by copying the four bytes into it with memcpy.",
    ),
    (
        "day2-inet",
        "pton4-tricky",
        "Exactly four parts, each 0 to 255 in decimal, no leading zeros, nothing else: 127.1 and 01.2.3.4 are refused.",
    ),
    (
        "day2-inet",
        "ntoa",
        "Four decimal numbers joined by dots, no padding: the bytes 10 0 0 1 of in.s_addr, in memory order, are \"10.0.0.1\".",
    ),
    (
        "day2-echo",
        "client-long-line",
        "A line can be longer than any fixed buffer: read stdin with getline() (it grows its buffer and returns the line's length), and read back as many bytes as you sent.",
    ),
    (
        "day2-echo",
        "client-refused",
        "connect() fails with ECONNREFUSED when nobody listens: check what it returns, print one line on stderr (with strerror(errno)) and exit with status 1.",
    ),
    (
        "day2-echo",
        "client-no-answer",
        "Set SO_RCVTIMEO to 2 s: `struct timeval tv = {2, 0}; setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv)`; recv then fails with EAGAIN instead of waiting forever.",
    ),
    (
        "day3-shutdown",
        "client-refused",
        "connect() fails with ECONNREFUSED when nobody listens: check what it returns, print one line on stderr (with strerror(errno)) and exit with status 1.",
    ),
    (
        "day3-fork",
        "back-to-one-process",
        "Every process the server starts must be gone once its client is: the child ends at the end of its branch with `_exit(0)`, never back into the accept loop, and the parent reaps it.",
    ),
    (
        "day3-resolve",
        "malformed-address",
        "With AI_NUMERICHOST getaddrinfo rejects anything that is not a numeric address (EAI_NONAME): check what it returns, print `resolve: <ip>: ` and gai_strerror(rc) on stderr and exit with status 1; a failed call gives no list to use or free.",
    ),
    (
        "day3-resolve",
        "frees-list",
        "Call freeaddrinfo(list) once, on the head getaddrinfo gave you (it frees every node: never node by node), after the last use of the list, on every path that got one, the error paths too.",
    ),
    (
        "day3-udp",
        "binary",
        "Echo bytes, not text: keep the datagram in a `char buf[]` and sendto() exactly the count recvfrom() returned; string functions stop at the first zero byte.",
    ),
    (
        "day4-signals",
        "usr1-while-printing",
        "A handler can run in the middle of any call of the main loop, a printf included: keep it to setting a `volatile sig_atomic_t` flag. printf is not async-signal-safe: called from a handler that interrupted another printf, it can garble stdout's buffer or deadlock on its lock.",
    ),
    (
        "day5-epoll",
        "edge-triggered",
        "Register each client with `ev.events = EPOLLIN | EPOLLOUT | EPOLLET` in epoll_ctl(EPOLL_CTL_ADD).",
    ),
    (
        "day5-pipe",
        "pipe-ends",
        "After fork, each process close()s the end it does not use: the logger the write end (or it never sees EOF), the parent the read end.",
    ),
    (
        "day5-pipe",
        "child-per-client",
        "fork() a child per accepted client; in the child, close() the listening socket first, as in day3-fork.",
    ),
    (
        "day5-threads",
        "thread-per-client",
        "pthread_create a detached thread per accepted client (pthread_detach, or PTHREAD_CREATE_DETACHED), in one process (no fork); the thread returns at its client's EOF.",
    ),
    (
        "day6-unix",
        "passes-the-connection",
        "After sendmsg the worker has a descriptor of its own for the connection: the parent close()s its copy at once, and never reads or writes client data.",
    ),
    (
        "day6-unix",
        "no-fd-leak",
        "Every descriptor a worker receives is its own: close() it when its client is done, or one leaks per client until the worker hits its limit.",
    ),
    (
        "day7-broker",
        "remaining-length-decode",
        "Byte i adds (buf[i] & 0x7f) << (7 * i) to a size_t, least significant first; a byte whose top bit is clear ends the length: set *value, return i + 1. The len bytes end before that: return 0, read more. A 4th byte with its top bit set: return -1 at once (2.2.3).",
    ),
    (
        "day7-broker",
        "remaining-length-encode",
        "Repeat (do … while, so that 0 writes one byte): a byte of len % 128, len /= 128, its top bit set if some of len is left, written at out[n++]; return n. 127 is {0x7f}, 128 {0x80, 0x01}.",
    ),
    (
        "day7-broker",
        "fixed-header",
        "mqtt_bad_flags returns NULL for flags 0000 on every type but PUBLISH, SUBSCRIBE and UNSUBSCRIBE, 0010 on those two, PUBLISH's DUP, QoS and RETAIN but QoS 3 and DUP at QoS 0; a reason for anything else, types 0, 15 and 5 to 7 included. mqtt_next_packet calls it on every packet's first byte.",
    ),
    (
        "day7-broker",
        "connect-fields",
        "mqtt_decode_connect reads the name MQTT, the level (another: set k->level, return 1 at once), the connect flags bit by bit, the keep alive big-endian, then the client id, the will topic and message, the user name and the password in that order, each only if its flag says so; -1 for anything malformed, bytes left over included.",
    ),
    (
        "day7-broker",
        "decode-byte-at-a-time",
        "mqtt_next_packet returns 0 for a buffer that ends anywhere inside a packet, its remaining length included, and 1 once it is whole, p->total its own bytes only: what follows is the next packet's.",
    ),
    (
        "day7-broker",
        "thousand-devices",
        "A thousand connections at once: a poll or epoll loop holds them all in one thread (no fixed array of connections or pollfds: grow them with realloc); with a thread or two per device, give them small stacks (pthread_attr_setstacksize). Raise the soft RLIMIT_NOFILE to the hard one at start (getrlimit, setrlimit), and listen with a backlog that takes a burst (listen(fd, 1024)).",
    ),
];

/// The test's hint as the C track words it, where it words it apart.
pub fn c_hint(test: &Test) -> Option<&'static str> {
    C_HINTS
        .iter()
        .find(|(owner, id, _)| *owner == test.hint_owner() && *id == test.id)
        .map(|(_, _, hint)| *hint)
}

/// The test's hint for a student of `track`, in the reader's language: on the C track, the C
/// hint where the table has one (its Korean from ko.ftl, else its English); else the test's own.
pub fn hint_on<'a>(test: &'a Test, track: Track, tr: &'a Messages) -> Cow<'a, str> {
    match (track, c_hint(test)) {
        (Track::C, Some(hint)) => Cow::Owned(tr.own_or(&test.c_hint_key(), hint).into_owned()),
        _ => test.hint_in(tr),
    }
}

/// The `-c` keys the other languages' catalogs need, with their English.
pub fn catalog_entries() -> Vec<(String, &'static str)> {
    C_HINTS
        .iter()
        .map(|(owner, id, hint)| {
            (
                crate::lab::case::catalog_key(owner, Some(id), "hint-c"),
                *hint,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::i18n::{Lang, Messages};
    use crate::exercises::ALL;
    use crate::lab::test::tests_of;

    /// What a C student never sees: Rust's types, nix's names, Rust's macros and calls
    /// (`sockopt::`, not `sockopt`: C's setsockopt is the call).
    const RUST_WORDS: &[&str] = &[
        "nix",
        "Vec",
        "String",
        "unwrap",
        "OwnedFd",
        "drop",
        "todo!",
        "panic",
        "std::",
        "sockopt::",
        "TimeVal",
        "MsgFlags",
        "SockaddrIn",
        "from_utf8",
        "read_until",
        "BufReader",
        "Arc",
        "Mutex",
        "println!",
        "EpollFlags",
        "to_ne_bytes",
        "from_ne_bytes",
        "u16::",
        "u32::",
        "as u32",
        "[u8]",
        "..=",
        "thread::spawn",
    ];

    #[test]
    fn every_row_names_a_test_of_a_c_track_exercise_and_no_row_is_there_twice() {
        let c_tests: Vec<Test> = ALL
            .iter()
            .filter(|e| e.c.is_some())
            .flat_map(|e| tests_of(e))
            .collect();
        for (n, (owner, id, _)) in C_HINTS.iter().enumerate() {
            assert!(
                c_tests
                    .iter()
                    .any(|t| t.hint_owner() == *owner && t.id == *id),
                "{owner}/{id}: no test of a C-track exercise has that hint"
            );
            assert!(
                !C_HINTS[..n].iter().any(|(o, i, _)| o == owner && i == id),
                "{owner}/{id} twice"
            );
        }
    }

    #[test]
    fn no_c_hint_names_rust_things_in_english_or_korean() {
        let ko = Messages::new(Lang::Ko);
        for (key, english) in catalog_entries() {
            let korean = ko.own_or(&key, "");
            assert!(!korean.is_empty(), "ko.ftl has no {key}");
            for word in RUST_WORDS {
                assert!(!english.contains(word), "{key}: `{word}` in {english:?}");
                assert!(!korean.contains(word), "{key}: `{word}` in {korean:?}");
            }
        }
    }

    /// Each `<key>-c` message of a catalog (the C wording of a note or of a kind's hint), with
    /// its text, continuation lines included.
    fn c_messages(ftl: &str) -> Vec<(String, String)> {
        let mut found: Vec<(String, String)> = Vec::new();
        let mut open = false;
        for line in ftl.lines() {
            match line.split_once(" = ") {
                Some((key, text)) if !key.contains(' ') && !key.starts_with('#') => {
                    open = key.ends_with("-c");
                    if open {
                        found.push((key.to_string(), text.to_string()));
                    }
                }
                _ if open && !line.trim().is_empty() && !line.starts_with('#') => {
                    found.last_mut().unwrap().1.push_str(line);
                }
                _ => open = false,
            }
        }
        found
    }

    #[test]
    fn no_c_note_names_rust_things_in_english_or_korean() {
        use crate::base::i18n::{EN_FTL, KO_FTL};
        let (en, ko) = (c_messages(EN_FTL), c_messages(KO_FTL));
        assert!(en.len() > 25, "{en:?}");
        for (key, _) in &en {
            assert!(ko.iter().any(|(k, _)| k == key), "ko.ftl has no {key}");
        }
        for (key, text) in en.iter().chain(&ko) {
            for word in RUST_WORDS
                .iter()
                .chain(&["Err(", "Ok(", "as_fd", "Errno", "&buf"])
            {
                assert!(!text.contains(word), "{key}: `{word}` in {text:?}");
            }
        }
    }

    #[test]
    fn the_c_track_reads_the_c_hint_and_the_rust_track_its_own() {
        let echo = ALL.iter().find(|e| e.name == "day2-echo").unwrap();
        let tests = tests_of(echo);
        let binary = tests.iter().find(|t| t.id == "binary-64k").unwrap();
        let en = Messages::new(Lang::En);
        assert!(hint_on(binary, Track::Rust, &en).contains("Vec<u8>"));
        assert!(hint_on(binary, Track::C, &en).contains("char buf[]"));
        let ko = Messages::new(Lang::Ko);
        let korean = hint_on(binary, Track::C, &ko);
        assert!(
            korean.contains("char buf[]") && !korean.contains("Vec"),
            "{korean}"
        );
        // A hint the C track shares keeps its words on both.
        let round = tests.iter().find(|t| t.id == "round-trip").unwrap();
        assert_eq!(hint_on(round, Track::C, &en), round.hint);
    }
}
