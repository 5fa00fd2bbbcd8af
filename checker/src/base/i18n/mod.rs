//! The languages a student reads the checker in: English, and Korean (issue 18).
//!
//! Every message lives in a catalog, one per language (`checker/i18n/en.ftl`, `ko.ftl`, with
//! each exercise's own entries in its folder's `en.ftl`, `ko.ftl`; in Project Fluent's syntax,
//! embedded in the binary), under a stable id. Code says what to say
//! as a `Text` (`msg!("id", arg = value)`, see `text`); a `Messages`, built once from the
//! language chosen (`choose`: `--lang`, else LC_ALL / LC_MESSAGES / LANG, else English), is
//! handed to whatever renders, and turns it into words. A key missing from Korean falls back
//! to English; `checker verify` lists the missing ones (`catalog`).
//!
//! The track is an axis of the renderer too: a message whose C wording differs (it would name
//! `Vec<u8>`, `Err(..)` or `drop the OwnedFd` to a C student) has its C form beside it, under
//! its key plus `-c`, in every catalog; code says `msg!("key")` whatever the track, and
//! `Messages::on(Track::C)` renders `key-c` where the catalogs have it.

pub mod catalog;
mod errno;
mod particle;
mod text;
mod wrap;

use std::rc::Rc;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use unicode_width::UnicodeWidthStr;

use crate::base::workspace::Track;

pub(crate) use text::msg;
pub use text::{Arg, Text};
pub use wrap::wrap;

/// The English catalog, the source of truth for every message but the tests' titles and
/// hints (those are the exercise tables'): `checker/i18n/en.ftl`, the checker's own, then each
/// exercise's and family's `en.ftl` (the messages only its tests say), joined by the build.
pub const EN_FTL: &str = include_str!(concat!(env!("OUT_DIR"), "/en.ftl"));
/// The Korean catalog: `checker/i18n/ko.ftl`, then each exercise's and family's `ko.ftl` (its
/// tests' titles and hints, and its messages).
pub const KO_FTL: &str = include_str!(concat!(env!("OUT_DIR"), "/ko.ftl"));

/// A language the checker speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    En,
    Ko,
}

impl Lang {
    /// The language a locale name (`ko_KR.UTF-8`, `ko`, `en_US`, `C`) asks for; `None` for a
    /// language the checker does not speak.
    pub fn of_locale(locale: &str) -> Option<Lang> {
        let language = locale
            .split(['_', '.', '@', '-'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match language.as_str() {
            "ko" => Some(Lang::Ko),
            "en" | "c" | "posix" => Some(Lang::En),
            _ => None,
        }
    }

    /// The course notes in this language (the anchors are the same in both).
    pub fn course(self) -> &'static str {
        match self {
            Lang::En => "course.md",
            Lang::Ko => "course.ko.md",
        }
    }

    fn ftl(self) -> &'static str {
        match self {
            Lang::En => EN_FTL,
            Lang::Ko => KO_FTL,
        }
    }

    /// The language's tag (`en`, `ko`), as `--lang` takes it.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }
}

/// The language to speak: the `--lang` flag, else the first of LC_ALL, LC_MESSAGES and LANG
/// that is set and not empty (as POSIX chooses a locale's messages), else English. A locale
/// in a language the checker does not speak means English.
pub fn choose(flag: Option<&str>, env: impl Fn(&str) -> Option<String>) -> Lang {
    if let Some(lang) = flag.and_then(Lang::of_locale) {
        return lang;
    }
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| env(name))
        .find(|value| !value.is_empty())
        .and_then(|locale| Lang::of_locale(&locale))
        .unwrap_or(Lang::En)
}

/// The value of `--lang` in raw command-line arguments (`--lang ko`, `--lang=ko`): the
/// language must be known before parsing, to write `--help` in it.
pub fn flag_in_args(args: &[String]) -> Option<&str> {
    let mut it = args.iter().skip(1);
    while let Some(arg) = it.next() {
        if arg == "--" {
            return None;
        }
        if arg == "--lang" {
            return it.next().map(String::as_str);
        }
        if let Some(value) = arg.strip_prefix("--lang=") {
            return Some(value);
        }
    }
    None
}

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Lang) -> Bundle {
    let id = lang.tag().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new(vec![id]);
    // Unicode isolation marks would change every English line byte for byte.
    bundle.set_use_isolating(false);
    // A catalog with a syntax error still gives every message it could parse (verify names
    // the error); a duplicate id keeps the first.
    let resource = FluentResource::try_new(lang.ftl().to_string()).unwrap_or_else(|(r, _)| r);
    let _ = bundle.add_resource(resource);
    // `{ $who }{ JOSA($who, "이", "가") }`: the particle that fits the word (particle.rs).
    let _ = bundle.add_function("JOSA", |positional, _named| {
        let text = |i: usize| match positional.get(i) {
            Some(FluentValue::String(s)) => s.to_string(),
            Some(FluentValue::Number(n)) => n.as_string().to_string(),
            _ => String::new(),
        };
        let (word, consonant, vowel) = (text(0), text(1), text(2));
        FluentValue::from(particle::particle(&word, &consonant, &vowel).to_string())
    });
    bundle
}

/// The catalogs of one language, with English behind them for a missing key, worded for one
/// track (Rust unless `on` says otherwise): built once, then handed to every renderer.
pub struct Messages {
    lang: Lang,
    track: Track,
    own: Rc<Bundle>,
    english: Option<Rc<Bundle>>,
}

/// The key of a message's C wording: `client-wait-2s-c`.
pub fn c_key(id: &str) -> String {
    format!("{id}-c")
}

impl Messages {
    pub fn new(lang: Lang) -> Messages {
        Messages {
            lang,
            track: Track::Rust,
            own: Rc::new(bundle(lang)),
            english: (lang != Lang::En).then(|| Rc::new(bundle(Lang::En))),
        }
    }

    /// The same catalogs, worded for a student of `track`: on C, a message that has a C form
    /// (`<key>-c`) is rendered in it.
    pub fn on(&self, track: Track) -> Messages {
        Messages {
            track,
            own: Rc::clone(&self.own),
            english: self.english.clone(),
            ..*self
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The track whose words this renders.
    pub fn track(&self) -> Track {
        self.track
    }

    /// The course notes to point at: `course.md` or `course.ko.md`.
    pub fn course(&self) -> &'static str {
        self.lang.course()
    }

    /// The words of a text in this language.
    pub fn render(&self, text: &Text) -> String {
        let mut out = String::new();
        self.write(text, &mut out);
        out
    }

    fn write(&self, text: &Text, out: &mut String) {
        match text {
            Text::Plain(s) => out.push_str(s),
            Text::Join(parts) => parts.iter().for_each(|p| self.write(p, out)),
            Text::Msg { id, args } => out.push_str(&self.format(id, args)),
            Text::Own { key, english } => out.push_str(&self.own_or(key, english)),
        }
    }

    /// A message by id, in its C form on the C track where it has one; the id itself if no
    /// catalog has it (verify reports that).
    fn format(&self, id: &str, args: &[(&'static str, Arg)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, arg) in args {
            match arg {
                // An OS error inside a sentence is said in the sentence's language: in an
                // argument named `error` only, never in what a program printed (`$line`,
                // `$got`: quoted as it was).
                Arg::Text(t) if *name == "error" => {
                    let said = self.os_errors(&self.render(t));
                    fluent_args.set(*name, FluentValue::from(said))
                }
                Arg::Text(t) => fluent_args.set(*name, FluentValue::from(self.render(t))),
                Arg::Num(n) => fluent_args.set(*name, FluentValue::from(*n)),
            }
        }
        let bundles = || {
            [Some(&self.own), self.english.as_ref()]
                .into_iter()
                .flatten()
        };
        let c_form = (self.track == Track::C).then(|| c_key(id));
        let found = c_form
            .iter()
            .flat_map(|c| bundles().map(move |b| (b, c.as_str())))
            .chain(bundles().map(|b| (b, id)))
            .find_map(|(b, id)| Some((b, b.get_message(id)?.value()?)));
        let Some((bundle, pattern)) = found else {
            return id.to_string();
        };
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned()
    }

    /// A message of this language's own catalog only, or `english` (the exercise tables'
    /// titles and hints, whose English lives in the tables).
    pub fn own_or<'a>(&'a self, id: &str, english: &'a str) -> std::borrow::Cow<'a, str> {
        if self.lang == Lang::En {
            return english.into();
        }
        match self.own.get_message(id).and_then(|m| m.value()) {
            Some(pattern) => {
                let mut errors = Vec::new();
                self.own
                    .format_pattern(pattern, None, &mut errors)
                    .into_owned()
                    .into()
            }
            None => english.into(),
        }
    }
}

/// An error of the checker's own in words of the catalogs (`anyhow`'s context, say): `main`
/// renders it in the reader's language; elsewhere it reads in English.
#[derive(Debug)]
pub struct Localized(pub Text);

impl std::fmt::Display for Localized {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&Messages::new(Lang::En).render(&self.0))
    }
}

impl std::error::Error for Localized {}

/// An error and its causes in the reader's language, as `{:#}` would print them.
pub fn error_chain(e: &anyhow::Error, tr: &Messages) -> String {
    e.chain()
        .map(|cause| match cause.downcast_ref::<Localized>() {
            Some(l) => tr.render(&l.0),
            None => cause.to_string(),
        })
        .collect::<Vec<_>>()
        .join(": ")
}

/// How many terminal cells a text takes: a Hangul syllable takes two.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` padded with spaces on the right to `cells` terminal cells (`{:<n}` by display width).
pub fn pad(s: &str, cells: usize) -> String {
    format!("{s}{}", " ".repeat(cells.saturating_sub(width(s))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }

    #[test]
    fn the_flag_beats_lc_all_beats_lc_messages_beats_lang() {
        let all = env(&[
            ("LC_ALL", "ko_KR.UTF-8"),
            ("LC_MESSAGES", "en_US.UTF-8"),
            ("LANG", "ko_KR.UTF-8"),
        ]);
        assert_eq!(choose(Some("en"), &all), Lang::En);
        assert_eq!(choose(None, &all), Lang::Ko);
        let messages = env(&[("LC_MESSAGES", "ko_KR.UTF-8"), ("LANG", "en_US.UTF-8")]);
        assert_eq!(choose(None, &messages), Lang::Ko);
        assert_eq!(choose(Some("en"), &messages), Lang::En);
        let lang = env(&[("LANG", "ko_KR.UTF-8")]);
        assert_eq!(choose(None, &lang), Lang::Ko);
        let over_lang = env(&[("LC_MESSAGES", "C"), ("LANG", "ko_KR.UTF-8")]);
        assert_eq!(choose(None, &over_lang), Lang::En);
        assert_eq!(choose(Some("ko"), env(&[])), Lang::Ko);
    }

    #[test]
    fn an_empty_variable_does_not_decide_and_unknown_means_english() {
        let empty = env(&[("LC_ALL", ""), ("LC_MESSAGES", ""), ("LANG", "ko_KR.UTF-8")]);
        assert_eq!(choose(None, &empty), Lang::Ko);
        assert_eq!(choose(None, env(&[])), Lang::En);
        assert_eq!(choose(None, env(&[("LANG", "fr_FR.UTF-8")])), Lang::En);
        // An unknown language set first decides (English), as POSIX takes the first set.
        let fr = env(&[("LC_ALL", "fr_FR.UTF-8"), ("LANG", "ko_KR.UTF-8")]);
        assert_eq!(choose(None, &fr), Lang::En);
        assert_eq!(choose(Some("xx"), env(&[("LANG", "ko")])), Lang::Ko);
        for ko in [
            "ko",
            "ko_KR",
            "ko_KR.UTF-8",
            "ko-KR",
            "ko_KR.eucKR@x",
            "KO_kr",
        ] {
            assert_eq!(Lang::of_locale(ko), Some(Lang::Ko), "{ko}");
        }
    }

    #[test]
    fn the_flag_is_read_before_parsing() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            flag_in_args(&args(&["checker", "--lang", "ko"])),
            Some("ko")
        );
        assert_eq!(
            flag_in_args(&args(&["checker", "day1", "--lang=en"])),
            Some("en")
        );
        assert_eq!(flag_in_args(&args(&["checker", "day1"])), None);
        assert_eq!(
            flag_in_args(&args(&["checker", "--", "--lang", "ko"])),
            None
        );
    }

    #[test]
    fn messages_render_with_arguments_plurals_and_english_fallback() {
        let en = Messages::new(Lang::En);
        let ko = Messages::new(Lang::Ko);
        assert_eq!(en.render(&msg!("count-byte", n = 1)), "1 byte");
        assert_eq!(en.render(&msg!("count-byte", n = 2)), "2 bytes");
        assert_eq!(en.render(&msg!("count-byte", n = 0)), "0 bytes");
        assert_eq!(ko.render(&msg!("count-byte", n = 2)), "2바이트");
        assert_eq!(ko.render(&msg!("no-such-key")), "no-such-key");
        let nested = msg!("report-totals", passed = 1, failed = 0);
        assert_eq!(en.render(&nested), "1 passed, 0 failed");
        assert_eq!(ko.own_or("no-such-title", "the table's"), "the table's");
        assert_eq!(en.own_or("status-pass", "english"), "english");
    }

    /// One register, 한다체, and particles that fit their word: no -세요 and no bookkeeping
    /// forms like 이(가) anywhere in the Korean catalog.
    #[test]
    fn korean_has_no_polite_endings_and_no_bookkeeping_particles() {
        for (n, line) in KO_FTL.lines().enumerate() {
            for bad in [
                "세요",
                "습니다",
                "십시오",
                "이(가)",
                "을(를)",
                "은(는)",
                "과(와)",
                "(으)로",
            ] {
                assert!(!line.contains(bad), "ko.ftl:{}: {bad} in {line}", n + 1);
            }
        }
        let ko = Messages::new(Lang::Ko);
        let still = |label: &str| ko.render(&msg!("program-still-running", label = label));
        assert_eq!(still("echo-server"), "echo-server가 아직 돌고 있다");
        assert_eq!(still("클라이언트 1"), "클라이언트 1이 아직 돌고 있다");
        let edge = msg!("edge-not-in-set", fd = 5);
        assert_eq!(ko.render(&edge), "클라이언트의 fd 5가 epoll 집합에 없다");
    }

    /// Code names one message; the renderer of a C student's report says its C form where the
    /// catalogs have one, in either language, and the message itself where they do not.
    #[test]
    fn a_message_is_said_in_its_c_form_on_the_c_track() {
        let en = Messages::new(Lang::En);
        let note = msg!("resolve-call-libc");
        assert!(en.render(&note).contains("nix::libc"));
        let c = en.on(Track::C).render(&note);
        assert!(c.contains("getaddrinfo(3)") && !c.contains("nix"), "{c}");
        assert_eq!(
            en.on(Track::C).on(Track::Rust).render(&note),
            en.render(&note)
        );
        let ko = Messages::new(Lang::Ko).on(Track::C);
        assert_eq!(ko.render(&note), ko.render(&msg!("resolve-call-libc-c")));
        assert_ne!(ko.render(&note), Messages::new(Lang::Ko).render(&note));
        // Inside another message too, and a message without a C form is the same on both.
        let nested = msg!("report-note").then(note);
        assert!(
            ko.render(&nested)
                .ends_with(&ko.render(&msg!("resolve-call-libc-c")))
        );
        let count = msg!("count-byte", n = 2);
        assert_eq!(en.on(Track::C).render(&count), en.render(&count));
    }

    #[test]
    fn widths_count_terminal_cells() {
        assert_eq!(width("pass"), 4);
        assert_eq!(width("통과"), 4);
        assert_eq!(pad("통과", 6), "통과  ");
        assert_eq!(pad("pass", 2), "pass");
    }
}
