//! Git run on a repository the checker does not trust (a student's checkout, the lab a
//! student's clone holds): with nothing of its configuration that runs a program (no pager, no
//! fsmonitor, no hooks: `log` runs none) and with every directory marked safe, as the checker
//! may be root reading a checkout it does not own; the environment's `GIT_*` variables are
//! dropped so that no caller's setting points it elsewhere.

use std::path::Path;
use std::process::Command;

use super::reaper;

/// `git <args>` in `dir`, its output trimmed, or `None` (no git, not a repository, an error).
pub fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let text = String::from_utf8(git_bytes(dir, args)?).ok()?;
    Some(text.trim().to_string())
}

/// `git <args>` in `dir`, its output as it is (a file's bytes), or `None`.
pub fn git_bytes(dir: &Path, args: &[&str]) -> Option<Vec<u8>> {
    let mut cmd = Command::new("git");
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("GIT_") {
            cmd.env_remove(name);
        }
    }
    cmd.args(["-c", "safe.directory=*", "-c", "core.fsmonitor=false"])
        .args([
            "-c",
            "core.pager=cat",
            "--no-pager",
            "--no-optional-locks",
            "-C",
        ])
        .arg(dir)
        .args(args);
    // Through the reaper, as every child of the checker: a plain `output()` lost git's exit
    // status to the orphan reaper now and then (ECHILD), and a regraded student's commit with it.
    let out = reaper::run_to_completion(&mut cmd).ok()?;
    out.status.success().then_some(out.stdout)
}
