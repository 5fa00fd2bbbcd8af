//! `checker stubs ko|en`: a Korean class's own clone gets the stubs' comments in Korean (and
//! back), as `export-student --lang ko` writes them for a class made from the lab: the Rust
//! stubs, or in a C-only repository (`--track c`) the C stubs (`authoring::stub_comments::stub_files`). Only a
//! stub still as the lab ships it is switched: its `.ko` file's stamp is the hash of the English
//! stub its Korean was checked against (`authoring::stub_comments`), and a stub whose hash is not that one has
//! been edited, so it is left as it is and named (a student's work is never rewritten). Back to
//! English, the English stub is the one in the clone's git history whose hash is the stamp
//! (the clone's first commit has it), and a Korean stub is switched back only while it is
//! exactly that stub's Korean.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::authoring::stub_comments::{
    ko_file, korean, stamp, stub_files, stub_hash, translations,
};
use crate::base::i18n::{Lang, Messages, msg};
use crate::base::workspace;
use crate::contain::git::git_bytes;

/// What became of each stub.
#[derive(Debug, Default, PartialEq)]
pub struct Switched {
    /// Rewritten in the language asked for.
    pub done: Vec<PathBuf>,
    /// In it already (or with nothing to translate).
    pub already: Vec<PathBuf>,
    /// Left as they are: the student edited them.
    pub edited: Vec<PathBuf>,
    /// Korean stubs whose English the clone's git history does not hold.
    pub no_english: Vec<PathBuf>,
}

/// Switch the stubs below `lab/exercises/` to `lang`'s comments, where they are untouched.
pub fn switch(lab: &Path, lang: Lang) -> Result<Switched> {
    let mut found = Switched::default();
    for rel in stub_files(lab) {
        let Ok(ko_text) = std::fs::read_to_string(ko_file(lab, &rel)) else {
            continue;
        };
        let Some(stamp) = stamp(&ko_text) else {
            continue;
        };
        let path = lab.join("exercises").join(&rel);
        let source = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let ko = translations(&ko_text);
        let english = stub_hash(&source) == stamp;
        // No comment left that a Korean replaces: Korean already (or edited and Korean).
        let no_english_left = korean(&source, &ko) == source;
        let said = match lang {
            Lang::Ko if english => {
                let written = korean(&source, &ko);
                if written == source {
                    &mut found.already
                } else {
                    write(&path, &written)?;
                    &mut found.done
                }
            }
            Lang::Ko if no_english_left => &mut found.already,
            Lang::Ko => &mut found.edited,
            // English comments still there (the stub edited, or no Korean yet): English.
            Lang::En if english || !no_english_left => &mut found.already,
            Lang::En => match english_of(lab, &rel, stamp) {
                Some(original) if korean(&original, &ko) == source => {
                    write(&path, &original)?;
                    &mut found.done
                }
                Some(_) => &mut found.edited,
                None => &mut found.no_english,
            },
        };
        said.push(PathBuf::from("exercises").join(rel));
    }
    Ok(found)
}

fn write(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}

/// The English stub `rel` whose hash is `stamp`, from the clone's git history (newest first).
fn english_of(lab: &Path, rel: &Path, stamp: &str) -> Option<String> {
    let file = format!("exercises/{}", rel.display());
    let log = git_bytes(lab, &["log", "--format=%H", "--", &file])?;
    let commits = String::from_utf8(log).ok()?;
    commits.lines().find_map(|commit| {
        let blob = git_bytes(lab, &["show", &format!("{commit}:{file}")])?;
        let text = String::from_utf8(blob).ok()?;
        (stub_hash(&text) == stamp).then_some(text)
    })
}

/// Exit status: 0 every stub is in `lang` or was left for a reason said, 2 the checker could
/// not work.
pub fn run(lang: Lang, tr: &Messages) -> Result<ExitCode> {
    let found = switch(&workspace::lab_root(), lang)?;
    let language = match lang {
        Lang::En => msg!("stubs-in-english"),
        Lang::Ko => msg!("stubs-in-korean"),
    };
    let list = |files: &[PathBuf]| {
        let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        names.join(", ")
    };
    let mut lines = vec![msg!(
        "stubs-switched",
        count = found.done.len(),
        language = language
    )];
    if !found.already.is_empty() {
        lines.push(msg!("stubs-already", count = found.already.len()));
    }
    if !found.edited.is_empty() {
        let files = list(&found.edited);
        lines.push(msg!(
            "stubs-left-edited",
            count = found.edited.len(),
            files = files
        ));
    }
    if !found.no_english.is_empty() {
        let files = list(&found.no_english);
        lines.push(msg!(
            "stubs-no-english",
            count = found.no_english.len(),
            files = files
        ));
    }
    for line in lines {
        println!("{}", tr.render(&line));
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let (from, to) = (entry.path(), to.join(entry.file_name()));
            if entry.file_name() == "target" {
                continue;
            }
            if from.is_dir() {
                copy(&from, &to);
            } else {
                std::fs::copy(&from, &to).unwrap();
            }
        }
    }

    fn git(dir: &Path, args: &[&str]) {
        let ok = git_bytes(dir, args).is_some();
        assert!(ok, "git {args:?}");
    }

    /// `dir` made a git repository of one commit holding all it has, as a student's clone is.
    fn commit_all(dir: &Path) {
        git(dir, &["init", "-q"]);
        git(dir, &["add", "-A"]);
        let who = ["-c", "user.name=s", "-c", "user.email=s@x"];
        git(dir, &[&who[..], &["commit", "-qm", "lab"]].concat());
    }

    /// A C-only repository (`export-student --track c`): its C stubs, in `exercises/`, switch
    /// to Korean and back as the Rust stubs do, their code untouched.
    #[test]
    fn a_c_only_repository_s_stubs_switch_too() {
        let lab = workspace::lab_root();
        let dir = tempfile::tempdir().unwrap();
        let clone = dir.path();
        copy(&lab.join("c/exercises"), &clone.join("exercises"));
        copy(
            &lab.join(workspace::in_exercise_folder::ROOT),
            &clone.join(workspace::in_exercise_folder::ROOT),
        );
        commit_all(clone);
        let echo = PathBuf::from("exercises/day2-echo/echo-server.c");
        let english = std::fs::read_to_string(clone.join(&echo)).unwrap();

        let to_korean = switch(clone, Lang::Ko).unwrap();
        assert!(to_korean.done.contains(&echo), "{to_korean:?}");
        assert!(to_korean.edited.is_empty(), "{to_korean:?}");
        let korean_text = std::fs::read_to_string(clone.join(&echo)).unwrap();
        assert!(korean_text.contains("// TODO 1. int fd = socket(AF_INET, SOCK_STREAM, 0);"));
        assert!(korean_text.contains("bind보다 먼저"), "{korean_text}");
        // The code is the English stub's, but for what its TODOs say (in Korean too).
        assert!(
            korean_text.contains("TODO(\"1단계: socket\");"),
            "{korean_text}"
        );
        let code = |text: &str| -> Vec<String> {
            let lines = text.lines().filter(|l| !l.trim_start().starts_with("//"));
            lines
                .map(|l| l.split(" //").next().unwrap_or(l))
                .map(|l| l.split("TODO(\"").next().unwrap_or(l).to_string())
                .collect()
        };
        assert_eq!(code(&korean_text), code(&english));

        let to_english = switch(clone, Lang::En).unwrap();
        assert!(to_english.done.contains(&echo), "{to_english:?}");
        assert_eq!(std::fs::read_to_string(clone.join(&echo)).unwrap(), english);
    }

    /// On a temporary copy of the lab's stubs and their Korean, in a git repository as a
    /// student's clone is: every stub switches to Korean and back; a stub the student edited
    /// is left and named, both ways; a Korean stub whose English git does not hold is named.
    #[test]
    fn the_stubs_switch_to_korean_and_back_leaving_edited_ones() {
        let lab = workspace::lab_root();
        let dir = tempfile::tempdir().unwrap();
        let copy_of = dir.path();
        copy(&lab.join("exercises"), &copy_of.join("exercises"));
        copy(
            &lab.join(workspace::in_exercise_folder::ROOT),
            &copy_of.join(workspace::in_exercise_folder::ROOT),
        );
        // The stubs with Korean to switch to (a new exercise's, whose Korean is still owed,
        // stay as they are and are counted as already so).
        let stubs: Vec<PathBuf> = stub_files(copy_of)
            .into_iter()
            .filter(|rel| {
                let Ok(ko) = std::fs::read_to_string(ko_file(copy_of, rel)) else {
                    return false;
                };
                let text = std::fs::read_to_string(copy_of.join("exercises").join(rel)).unwrap();
                korean(&text, &translations(&ko)) != text
            })
            .collect();
        assert!(stubs.len() >= 10, "{stubs:?}");
        let edited = PathBuf::from("exercises").join(&stubs[0]);
        let english: Vec<String> = stubs
            .iter()
            .map(|r| std::fs::read_to_string(copy_of.join("exercises").join(r)).unwrap())
            .collect();
        let path = copy_of.join(&edited);
        std::fs::write(&path, format!("{}// mine\n", english[0])).unwrap();
        commit_all(copy_of);

        let to_korean = switch(copy_of, Lang::Ko).unwrap();
        assert_eq!(to_korean.edited, vec![edited.clone()], "{to_korean:?}");
        assert_eq!(to_korean.done.len(), stubs.len() - 1, "{to_korean:?}");
        let second = PathBuf::from("exercises").join(&stubs[1]);
        let korean_text = std::fs::read_to_string(copy_of.join(&second)).unwrap();
        assert_ne!(korean_text, english[1]);
        assert!(korean_text.chars().any(|c| ('가'..='힣').contains(&c)));
        // Switching again changes nothing.
        let again = switch(copy_of, Lang::Ko).unwrap();
        assert!(again.done.is_empty(), "{again:?}");
        assert!(again.already.len() >= stubs.len() - 1, "{again:?}");

        // The student edits one Korean stub; back to English, that one stays, the others
        // are the English stubs again, byte for byte.
        let third = PathBuf::from("exercises").join(&stubs[2]);
        let third_path = copy_of.join(&third);
        let mut text = std::fs::read_to_string(&third_path).unwrap();
        text.push_str("// 내 코드\n");
        std::fs::write(&third_path, &text).unwrap();
        let to_english = switch(copy_of, Lang::En).unwrap();
        assert_eq!(to_english.edited, vec![third.clone()], "{to_english:?}");
        assert!(to_english.already.contains(&edited), "{to_english:?}");
        assert_eq!(to_english.done.len(), stubs.len() - 2);
        assert_eq!(
            std::fs::read_to_string(copy_of.join(&second)).unwrap(),
            english[1]
        );
        assert_eq!(std::fs::read_to_string(&third_path).unwrap(), text);
        // Without the English in git, a Korean stub cannot go back, and says so.
        std::fs::remove_dir_all(copy_of.join(".git")).unwrap();
        switch(copy_of, Lang::Ko).unwrap();
        let lost = switch(copy_of, Lang::En).unwrap();
        assert!(lost.done.is_empty(), "{lost:?}");
        assert_eq!(lost.no_english.len(), stubs.len() - 1, "{lost:?}");
    }
}
