//! Showing bytes to a human: escaped, with lengths, and where two byte strings first differ.
//! Everything a student's program printed goes through here before it reaches the terminal or a
//! CI log, so it can never carry ANSI sequences or start a line with a workflow command.

use std::fmt::Write as _;

use crate::base::i18n::{Text, msg};

/// Escape bytes so the result is one line of printable ASCII: `\n`, `\r`, `\t`, `\0`, `\\`,
/// `\"` and `\xNN` for everything else that is not printable ASCII (ESC included).
pub fn bytes(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len() + 2);
    for &b in data {
        match b {
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0 => out.push_str("\\0"),
            b'\\' => out.push_str("\\\\"),
            b'"' => out.push_str("\\\""),
            0x20..=0x7e => out.push(b as char),
            _ => {
                let _ = write!(out, "\\x{b:02x}");
            }
        }
    }
    out
}

/// `"hello\n" (6 bytes)`, cut to about `max` bytes with what was left out said.
pub fn quoted(data: &[u8], max: usize) -> Text {
    if data.len() <= max {
        msg!(
            "escape-quoted",
            data = format!("\"{}\"", bytes(data)),
            n = data.len()
        )
    } else {
        msg!(
            "escape-quoted-cut",
            data = format!("\"{}\"", bytes(&data[..max])),
            n = data.len(),
            max = max
        )
    }
}

/// A program's output shown line by line (each line escaped and indented by the caller),
/// cut to about `max` bytes.
pub fn excerpt(data: &[u8], max: usize) -> String {
    let shown = &data[..data.len().min(max)];
    let mut lines: Vec<String> = shown.split(|&b| b == b'\n').map(bytes).collect();
    if shown.ends_with(b"\n") {
        lines.pop();
    }
    if data.len() > max {
        lines.push(format!("… ({} more bytes)", data.len() - max));
    }
    lines.join("\n")
}

/// Bytes as hex pairs: `01 02 03 04`.
pub fn hex(data: &[u8]) -> String {
    data.iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where `got` first differs from `expected`: `None` if equal.
pub fn first_difference(expected: &[u8], got: &[u8]) -> Option<usize> {
    let common = expected.len().min(got.len());
    (0..common)
        .find(|&i| expected[i] != got[i])
        .or((expected.len() != got.len()).then_some(common))
}

/// A byte-precise comparison for a failure message: lengths, the first differing offset, and
/// both sides around it. `None` if the two are equal.
pub fn diff(expected: &[u8], got: &[u8]) -> Option<Vec<(Text, Text)>> {
    let at = first_difference(expected, got)?;
    let window = |data: &[u8]| {
        let start = at.saturating_sub(16);
        let end = (at + 24).min(data.len());
        let prefix = if start > 0 { "…" } else { "" };
        let suffix = if end < data.len() { "…" } else { "" };
        if start >= data.len() {
            return msg!("diff-nothing-here");
        }
        Text::Plain(format!("{prefix}\"{}\"{suffix}", bytes(&data[start..end])))
    };
    let describe = |data: &[u8]| match data.get(at) {
        Some(b) => Text::Plain(format!("0x{b:02x}")),
        None => msg!("diff-end-of-data"),
    };
    Some(vec![
        (
            msg!("diff-lengths"),
            msg!(
                "diff-lengths-text",
                expected = msg!("count-byte", n = expected.len()),
                got = msg!("count-byte", n = got.len())
            ),
        ),
        (
            msg!("diff-first-difference"),
            msg!(
                "diff-first-difference-text",
                at = at.to_string(),
                expected = describe(expected),
                got = describe(got)
            ),
        ),
        (msg!("label-expected"), window(expected)),
        (msg!("label-got"), window(got)),
    ])
}

/// Quote a word for a POSIX shell if it needs it.
pub fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./:=@%+,".contains(&b));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// Quote bytes for `printf` in a shell command: `printf 'hello\n'`.
pub fn printf_arg(data: &[u8]) -> String {
    let mut out = String::from("'");
    for &b in data {
        match b {
            b'\n' => out.push_str("\\n"),
            b'\\' => out.push_str("\\\\"),
            b'%' => out.push_str("%%"),
            b'\'' => out.push_str("'\\''"),
            0x20..=0x7e => out.push(b as char),
            _ => {
                let _ = write!(out, "\\{b:03o}");
            }
        }
    }
    out.push('\'');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_control_and_ansi_bytes() {
        assert_eq!(bytes(b"a\n\x1b[31m\0\xff"), "a\\n\\x1b[31m\\0\\xff");
    }

    #[test]
    fn finds_the_first_difference() {
        assert_eq!(first_difference(b"hello", b"hello"), None);
        assert_eq!(first_difference(b"hello", b"help"), Some(3));
        assert_eq!(first_difference(b"hello", b"hell"), Some(4));
        assert_eq!(first_difference(b"", b"x"), Some(0));
    }

    #[test]
    fn diff_names_lengths_and_offset() {
        let d = diff(b"hello\n", b"hellO\n").unwrap();
        let en = crate::base::i18n::Messages::new(crate::base::i18n::Lang::En);
        assert_eq!(en.render(&d[0].1), "expected 6 bytes, got 6 bytes");
        assert_eq!(en.render(&d[1].1), "at offset 4: expected 0x6f, got 0x4f");
    }

    #[test]
    fn quoted_says_the_length_in_both_languages() {
        use crate::base::i18n::{Lang, Messages};
        let (en, ko) = (Messages::new(Lang::En), Messages::new(Lang::Ko));
        assert_eq!(en.render(&quoted(b"a", 10)), "\"a\" (1 byte)");
        let cut = quoted(&[b'a'; 20_000], 3);
        assert_eq!(
            en.render(&cut),
            "\"aaa\"… (20000 bytes in all, first 3 shown)"
        );
        assert_eq!(
            ko.render(&cut),
            "\"aaa\"… (모두 20000바이트, 처음 3바이트만 보임)"
        );
    }

    #[test]
    fn shell_words_are_quoted_when_needed() {
        assert_eq!(shell_word("127.0.0.1"), "127.0.0.1");
        assert_eq!(shell_word("a b"), "'a b'");
        assert_eq!(shell_word("it's"), "'it'\\''s'");
    }

    #[test]
    fn printf_args_survive_a_shell() {
        assert_eq!(printf_arg(b"hi\n\x00%"), "'hi\\n\\000%%'");
    }
}
