//! Korean particles chosen by the word they follow: 이/가, 을/를, 은/는, 과/와 and (으)로
//! depend on whether the word's last syllable, as read aloud, ends in a consonant (받침).
//! ko.ftl calls it as a Fluent function, `{ $who }{ JOSA($who, "이", "가") }`, so a message
//! never shows the bookkeeping form `이(가)`.
//!
//! A Hangul syllable says it exactly; a digit is read in Korean (1 일, 3 삼, 6 육 ...); a word
//! in Latin letters, as a Korean reader says the loanword (socket 소켓, file 파일, server
//! 서버): by its last letters, which is right for the names the checker prints (programs,
//! exercises, signals, commands).

/// How a word's last syllable ends, as read aloud.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    Vowel,
    /// A final consonant other than ㄹ.
    Consonant,
    /// ㄹ, which takes 로 rather than 으로.
    Rieul,
}

/// How `word` ends when read aloud: its last letter, digit or syllable (trailing punctuation,
/// quotes and brackets skipped).
pub fn ending(word: &str) -> Ending {
    let trimmed = word.trim_end_matches(|c: char| !c.is_alphanumeric());
    let Some(last) = trimmed.chars().last() else {
        return Ending::Vowel;
    };
    if ('가'..='힣').contains(&last) {
        return match (last as u32 - '가' as u32) % 28 {
            0 => Ending::Vowel,
            8 => Ending::Rieul,
            _ => Ending::Consonant,
        };
    }
    if let Some(d) = last.to_digit(10) {
        // 영 일 이 삼 사 오 육 칠 팔 구
        return match d {
            1 | 7 | 8 => Ending::Rieul,
            0 | 3 | 6 => Ending::Consonant,
            _ => Ending::Vowel,
        };
    }
    let letters: Vec<char> = trimmed
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphabetic())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    latin(&letters)
}

/// A loanword's ending from its last letters (`rev`: last first).
fn latin(rev: &[char]) -> Ending {
    let is_vowel = |c: char| "aeiou".contains(c);
    match rev {
        ['l', ..] => Ending::Rieul,
        ['m' | 'n', ..] => Ending::Consonant,
        ['g', 'n', ..] => Ending::Consonant,
        // A silent e: file 파일, line 라인, time 타임; pipe 파이프, make 메이크.
        ['e', 'l', ..] => Ending::Rieul,
        ['e', 'm' | 'n', ..] => Ending::Consonant,
        // reset 리셋, socket 소켓, inet 아이넷; but client 클라이언트, SIGINT 시그인트.
        ['t', v, ..] if is_vowel(*v) => Ending::Consonant,
        _ => Ending::Vowel,
    }
}

/// The particle for `word`: `after_consonant` (이, 을, 은, 과, 으로) or `after_vowel` (가, 를,
/// 는, 와, 로); 으로 becomes 로 after ㄹ too.
pub fn particle<'a>(word: &str, after_consonant: &'a str, after_vowel: &'a str) -> &'a str {
    match ending(word) {
        Ending::Consonant => after_consonant,
        Ending::Rieul if after_consonant == "으로" => after_vowel,
        Ending::Rieul => after_consonant,
        Ending::Vowel => after_vowel,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hangul_digits_and_loanwords() {
        let i_ga = |w: &str| particle(w, "이", "가");
        assert_eq!(i_ga("서버"), "가");
        assert_eq!(i_ga("클라이언트 1"), "이");
        assert_eq!(i_ga("client 2"), "가");
        assert_eq!(i_ga("echo-server"), "가");
        assert_eq!(i_ga("`day1-endian`"), "이");
        assert_eq!(i_ga("day2-inet"), "이");
        assert_eq!(i_ga("day5-poll"), "이");
        assert_eq!(i_ga("file"), "이");
        assert_eq!(i_ga("pipe"), "가");
        assert_eq!(i_ga("write_all(slow pipe, an empty buffer)"), "가");
        assert_eq!(i_ga("SIGTERM"), "이");
        assert_eq!(i_ga("SIGINT"), "가");
        assert_eq!(particle("SIGUSR1", "을", "를"), "을");
        assert_eq!(particle("0600", "으로", "로"), "으로");
        assert_eq!(particle("포트 7", "으로", "로"), "로");
        assert_eq!(particle("파일", "으로", "로"), "로");
        assert_eq!(particle("socket", "은", "는"), "은");
        assert_eq!(particle("", "은", "는"), "는");
    }
}
