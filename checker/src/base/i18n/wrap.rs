//! Text laid out in a terminal's columns, by display width (a Hangul syllable takes two cells).

use unicode_width::UnicodeWidthChar;

use super::width;

/// `text` in lines of at most `cells` terminal cells, cut between words; a word wider than a
/// whole line is cut between two characters, never inside one (a syllable stays whole).
pub fn wrap(text: &str, cells: usize) -> Vec<String> {
    let cells = cells.max(2);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let space = usize::from(!line.is_empty());
        if width(&line) + space + width(word) <= cells {
            if space == 1 {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            if !line.is_empty() && width(&line) + c.width().unwrap_or(0) > cells {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_between_words_and_never_inside_a_syllable() {
        assert_eq!(
            wrap("byte order by hand: swaps", 12),
            ["byte order", "by hand:", "swaps"]
        );
        // Hangul takes two cells a syllable: 10 cells hold one word of three, not two (13).
        assert_eq!(
            wrap("손으로 다루는 바이트 순서", 10),
            ["손으로", "다루는", "바이트", "순서"]
        );
        assert_eq!(
            wrap("바이트순서를손으로", 5),
            ["바이", "트순", "서를", "손으", "로"]
        );
        assert_eq!(wrap("", 80), [""]);
        for line in wrap(
            "동시 에코 서버: 클라이언트마다 프로세스 하나, 자식은 SIGCHLD에서 회수",
            21,
        ) {
            assert!(width(&line) <= 21, "{line}");
        }
    }
}
