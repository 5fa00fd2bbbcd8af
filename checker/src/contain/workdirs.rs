//! The directories a test's programs run in, removed when a signal stops the checker: a
//! `TempDir` goes when it is dropped, which `std::process::exit` skips, so a CI runner's
//! SIGTERM or a student's Ctrl-C left one in the system's temporary directory each time.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::reaper::lock;

/// Every live directory's path, until it is dropped.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A fresh directory in the system's temporary directory, named `prefix` and some letters;
/// removed when dropped, or by `remove_all` when the checker is stopped.
pub struct WorkDir(tempfile::TempDir);

impl WorkDir {
    pub fn new(prefix: &str) -> std::io::Result<WorkDir> {
        let dir = tempfile::Builder::new().prefix(prefix).tempdir()?;
        lock(&LIVE).push(dir.path().to_path_buf());
        Ok(WorkDir(dir))
    }

    pub fn path(&self) -> &Path {
        self.0.path()
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        lock(&LIVE).retain(|p| p != self.0.path());
    }
}

/// Remove every live directory now, once what ran in them has been stopped
/// (`reaper::stop_everything`): the checker is about to exit without dropping them.
pub fn remove_all() {
    for dir in lock(&LIVE).drain(..) {
        let _ = std::fs::remove_dir_all(dir);
    }
}

#[cfg(test)]
mod tests {
    use super::{LIVE, WorkDir, lock};

    /// A directory is known while it lives, and forgotten (and gone) once dropped; what
    /// `remove_all` does with the live ones, `hostile.rs` checks on a checker stopped by SIGTERM.
    #[test]
    fn a_directory_is_known_while_it_lives() {
        let dir = WorkDir::new("lab-workdirs-test-").unwrap();
        let path = dir.path().to_path_buf();
        assert!(lock(&LIVE).contains(&path));
        drop(dir);
        assert!(!path.exists());
        assert!(!lock(&LIVE).contains(&path));
    }
}
