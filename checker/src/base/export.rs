//! What a class's repository is: `checker export-student` writes, beside the checker's
//! manifest, a small file that says the repository is an export, in which language its class
//! reads and on which track it is. The checker then speaks that language unless `--lang` says
//! otherwise (whatever the machine's locale), keeps the instructor's commands out of the
//! student's `--help`, and says in one line that a command needing the instructor's lab (its
//! solutions, its tests) needs it. The lab itself has no such file.

use std::path::Path;
use std::sync::OnceLock;

use super::i18n::{Lang, Text, msg};
use super::workspace::{self, Track};

/// The file, relative to the repository's root.
pub const FILE: &str = "checker/export.txt";

/// A class's repository, as its file records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Export {
    /// The language the class reads: the course, README and the stubs' comments were written
    /// in it, and the checker speaks it by default.
    pub lang: Lang,
    /// The track its `exercises/` is on (the only one it holds).
    pub track: Track,
}

impl Export {
    /// The file's text.
    pub fn render(self) -> String {
        format!(
            "# Written by `checker export-student`: this repository is a class's export of the lab.\n\
             # The checker speaks its language unless --lang says otherwise; it holds one track.\n\
             lang = {}\ntrack = {}\n",
            self.lang.tag(),
            self.track.flag()
        )
    }

    /// The file's text read back; `None` if it is not one.
    pub fn parse(text: &str) -> Option<Export> {
        let mut lang = None;
        let mut track = None;
        for line in text.lines().map(str::trim) {
            match line.split_once('=').map(|(k, v)| (k.trim(), v.trim())) {
                Some(("lang", value)) => lang = Lang::of_locale(value),
                Some(("track", "rust")) => track = Some(Track::Rust),
                Some(("track", "c")) => track = Some(Track::C),
                _ => {}
            }
        }
        Some(Export {
            lang: lang?,
            track: track?,
        })
    }

    /// The export whose root is `root`, if it is one.
    pub fn at(root: &Path) -> Option<Export> {
        Export::parse(&std::fs::read_to_string(root.join(FILE)).ok()?)
    }
}

/// The export the checker was built in (read once); `None` in the instructor's lab.
pub fn current() -> Option<Export> {
    static CURRENT: OnceLock<Option<Export>> = OnceLock::new();
    *CURRENT.get_or_init(|| Export::at(&workspace::lab_root()))
}

/// What to say of an exercise the C track lacks: in the lab, that it is graded in Rust without
/// `--track c`; in a C class's export, which has no Rust, what a C class does instead.
pub fn not_on_c_track(exercise: &str) -> Text {
    match current() {
        Some(_) => msg!("select-not-on-c-track-export", exercise = exercise),
        None => msg!("select-not-on-c-track", exercise = exercise),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_s_file_reads_back_as_written() {
        for lang in [Lang::En, Lang::Ko] {
            for track in [Track::Rust, Track::C] {
                let export = Export { lang, track };
                assert_eq!(Export::parse(&export.render()), Some(export));
            }
        }
        assert_eq!(Export::parse("lang = ko\n"), None, "no track");
        assert_eq!(Export::parse("lang = fr\ntrack = c\n"), None);
    }
}
