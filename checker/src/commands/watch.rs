//! `checker watch [targets]`: grade, wait for a change to the graded tree, grade again.
//!
//! The screen must never show a verdict that is no longer true. So what decides is the files'
//! content, not the file system's events: a snapshot (every source file's hash) is taken
//! before each grading; a save made while grading shows up as a difference right after it and
//! is graded at once; an event that changes no content (`cat`, `ls`, `git status`, `touch`, an
//! editor saving the same text) grades nothing. Under each verdict, a line says which save it
//! belongs to (time, files).

use std::collections::BTreeMap;
use std::hash::Hash;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, SystemTime};

use anyhow::Result;
use notify::Watcher;
use notify::event::{EventKind, ModifyKind};

use super::options;
use crate::base::date;
use crate::base::files::files_below;
use crate::base::hash::Fnv;
use crate::base::i18n::{Messages, Text, msg};
use crate::cli::GradingArgs;

pub fn run(targets: &[String], args: &GradingArgs, tr: &Messages) -> Result<ExitCode> {
    let dir = options(args, tr)?.tree.dir;
    let (tx, rx) = std::sync::mpsc::channel::<notify::Result<notify::Event>>();
    let watcher = notify::recommended_watcher(tx).and_then(|mut w| {
        w.watch(&dir, notify::RecursiveMode::Recursive)?;
        Ok(w)
    });
    let mut out = anstream::stdout();
    let mut graded = Snapshot::take(&dir);
    let mut save = Save::first();
    loop {
        let _ = if targets.is_empty() {
            super::overview::run(args, tr)
        } else {
            super::grade::run(targets, args, tr)
        };
        writeln!(out, "\n{}", tr.render(&save.verdict_line()))?;
        match &watcher {
            Ok(_) => {
                // Events queued while grading are settled by the snapshot below: a save made
                // meanwhile is a difference from what was graded, and is graded now.
                while rx.try_recv().is_ok() {}
                if let Some(next) = graded.saved_since(&dir) {
                    save = next;
                    writeln!(out, "{}", tr.render(&save.while_grading_line()))?;
                    writeln!(out, "\n{}\n", "─".repeat(72))?;
                    continue;
                }
                let watching = msg!("watch-watching", dir = dir.display().to_string());
                writeln!(out, "{}", tr.render(&watching))?;
                loop {
                    match rx.recv() {
                        Ok(Ok(event)) if is_content_event(&dir, &event) => {}
                        Ok(_) => continue,
                        Err(_) => return Ok(ExitCode::from(2)),
                    }
                    // Let a burst of saves settle, then look at what changed.
                    std::thread::sleep(Duration::from_millis(300));
                    while rx.try_recv().is_ok() {}
                    if let Some(next) = graded.saved_since(&dir) {
                        save = next;
                        break;
                    }
                }
            }
            Err(e) => {
                let unavailable = msg!("watch-unavailable", error = e.to_string());
                writeln!(out, "{}", tr.render(&unavailable))?;
                let mut line = String::new();
                if std::io::stdin().read_line(&mut line).unwrap_or(0) == 0 {
                    return Ok(ExitCode::SUCCESS);
                }
                let now = Snapshot::take(&dir);
                save = Save::of(&dir, graded.changed(&now));
                graded = now;
            }
        }
        writeln!(out, "\n{}\n", "─".repeat(72))?;
    }
}

/// An event that may have changed a source's content: a file created, written, removed or
/// renamed below the watched directory. Reading a file or changing its metadata (`cat`,
/// `ls`, `git status`, `touch`) is not one.
fn is_content_event(watched: &Path, event: &notify::Event) -> bool {
    let kind_may_change_content = !matches!(
        event.kind,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_))
    );
    kind_may_change_content && event.paths.iter().any(|p| is_source(watched, p))
}

/// A file the build may use: not build output, not a hidden file or directory (`.git/`, an
/// editor's `.swp`), not an editor's backup. Only the part below the watched directory counts
/// (which may itself sit under a `target/`).
fn is_source(watched: &Path, path: &Path) -> bool {
    let inside = path.strip_prefix(watched).unwrap_or(path);
    let name = inside
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    !inside.components().any(|c| {
        let c = c.as_os_str().to_string_lossy();
        c == "target" || c.starts_with('.')
    }) && !name.ends_with('~')
}

/// Every source file below a directory, by the hash of its content.
#[derive(Debug, Default, PartialEq, Eq)]
struct Snapshot(BTreeMap<PathBuf, u64>);

impl Snapshot {
    fn take(dir: &Path) -> Snapshot {
        let mut files = BTreeMap::new();
        for file in files_below(dir) {
            if file.symlink || !is_source(dir, &file.path) {
                continue;
            }
            if let Ok(content) = std::fs::read(&file.path) {
                let mut h = Fnv::new();
                content.hash(&mut h);
                files.insert(file.rel, std::hash::Hasher::finish(&h));
            }
        }
        Snapshot(files)
    }

    /// The save to grade next, if the content below `dir` is no longer what `self` (the graded
    /// snapshot) holds; `self` then becomes the content that save is graded on.
    fn saved_since(&mut self, dir: &Path) -> Option<Save> {
        let now = Snapshot::take(dir);
        let changed = self.changed(&now);
        if changed.is_empty() {
            return None;
        }
        *self = now;
        Some(Save::of(dir, changed))
    }

    /// The files created, changed or removed from `self` to `now`, sorted.
    fn changed(&self, now: &Snapshot) -> Vec<PathBuf> {
        let mut changed: Vec<PathBuf> = now
            .0
            .iter()
            .filter(|(path, hash)| self.0.get(*path) != Some(hash))
            .map(|(path, _)| path.clone())
            .collect();
        changed.extend(self.0.keys().filter(|p| !now.0.contains_key(*p)).cloned());
        changed.sort();
        changed
    }
}

/// The save a verdict belongs to: when it was made, and which files it changed (none for the
/// first grading, which takes the files as they are).
struct Save {
    /// `14:03:12`, local time: the newest of the changed files, or now.
    time: String,
    files: Vec<PathBuf>,
}

impl Save {
    fn first() -> Save {
        Save {
            time: date::local_clock(date::now()),
            files: Vec::new(),
        }
    }

    fn of(dir: &Path, files: Vec<PathBuf>) -> Save {
        let newest = files
            .iter()
            .filter_map(|f| std::fs::metadata(dir.join(f)).ok()?.modified().ok())
            .max()
            .unwrap_or_else(SystemTime::now);
        let unix = newest
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or_else(|_| date::now());
        Save {
            time: date::local_clock(unix),
            files,
        }
    }

    /// `day1-endian/src/lib.rs`, or the first three and how many more.
    fn files_shown(&self) -> String {
        const SHOWN: usize = 3;
        let mut names: Vec<String> = self
            .files
            .iter()
            .take(SHOWN)
            .map(|f| f.display().to_string())
            .collect();
        if self.files.len() > SHOWN {
            names.push(format!("+{}", self.files.len() - SHOWN));
        }
        names.join(", ")
    }

    fn verdict_line(&self) -> Text {
        if self.files.is_empty() {
            msg!("watch-verdict-of-start", time = &self.time)
        } else {
            msg!(
                "watch-verdict-of-save",
                time = &self.time,
                files = self.files_shown()
            )
        }
    }

    fn while_grading_line(&self) -> Text {
        msg!(
            "watch-changed-while-grading",
            time = &self.time,
            files = self.files_shown()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, AccessMode, CreateKind, DataChange, MetadataKind};

    fn event(kind: EventKind, path: &Path) -> notify::Event {
        notify::Event::new(kind).add_path(path.to_path_buf())
    }

    #[test]
    fn reading_or_touching_a_file_is_not_a_change_of_content() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let lib = root.join("day1-endian/src/lib.rs");
        std::fs::create_dir_all(lib.parent().unwrap()).unwrap();
        std::fs::write(&lib, "fn a() {}\n").unwrap();
        let before = Snapshot::take(root);

        // Read it, touch it, save the same text: the snapshot is the same.
        let _ = std::fs::read(&lib).unwrap();
        std::fs::write(&lib, "fn a() {}\n").unwrap();
        let file = std::fs::File::options().write(true).open(&lib).unwrap();
        file.set_modified(SystemTime::now() + Duration::from_secs(5))
            .unwrap();
        assert!(before.changed(&Snapshot::take(root)).is_empty());
        // ... and such events are not even looked at.
        let read = EventKind::Access(AccessKind::Close(AccessMode::Read));
        assert!(!is_content_event(root, &event(read, &lib)));
        let touch = EventKind::Modify(ModifyKind::Metadata(MetadataKind::WriteTime));
        assert!(!is_content_event(root, &event(touch, &lib)));
        let git = root.join(".git/index.lock");
        let created = EventKind::Create(CreateKind::File);
        assert!(!is_content_event(root, &event(created, &git)));
        let built = root.join("day1-endian/target/debug/x");
        assert!(!is_content_event(root, &event(created, &built)));

        // A real save, a new file, a removed file: each is named.
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        assert!(is_content_event(root, &event(write, &lib)));
        std::fs::write(&lib, "fn a() { todo!() }\n").unwrap();
        let new = root.join("day1-endian/src/extra.rs");
        std::fs::write(&new, "").unwrap();
        std::fs::write(root.join(".hidden"), "").unwrap();
        let after = Snapshot::take(root);
        let rel = |s: &str| PathBuf::from(s);
        assert_eq!(
            before.changed(&after),
            [
                rel("day1-endian/src/extra.rs"),
                rel("day1-endian/src/lib.rs")
            ]
        );
        std::fs::remove_file(&new).unwrap();
        assert_eq!(
            after.changed(&Snapshot::take(root)),
            [rel("day1-endian/src/extra.rs")]
        );
    }

    #[test]
    fn a_save_names_its_files_and_its_time() {
        let save = Save {
            time: "14:03:12".into(),
            files: ["a/src/lib.rs", "b", "c", "d", "e"]
                .map(PathBuf::from)
                .into(),
        };
        assert_eq!(save.files_shown(), "a/src/lib.rs, b, c, +2");
        let en = Messages::new(crate::base::i18n::Lang::En);
        let line = en.render(&save.verdict_line());
        assert!(
            line.contains("14:03:12") && line.contains("a/src/lib.rs"),
            "{line}"
        );
    }
}
