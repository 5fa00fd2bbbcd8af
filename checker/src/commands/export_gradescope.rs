//! `checker export-gradescope OUT.zip`: a Gradescope autograder to upload. Gradescope builds an
//! image from a zip holding `setup.sh` and `run_autograder` at its root
//! (gradescope-autograders.readthedocs.io, "Autograder Specifications"): setup.sh here installs
//! Rust and clones the lab at a pinned revision, builds the checker there and warms the
//! exercises' build cache; run_autograder grades `/autograder/submission` through the lab's
//! `.ci/grade-submission` (`--ci`) and copies the Gradescope report to
//! `/autograder/results/results.json`. `config.env` holds the choices: the lab and its
//! revision, the language of the feedback (`--lang`), the class's track (`--track`, else this
//! export's; empty: the pinned lab's own), when students see it (`--visibility`).
//! The scripts themselves are real files, `checker/templates/gradescope/`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use crate::base::escape::shell_word;
use crate::base::export;
use crate::base::i18n::{self, Lang};
use crate::base::workspace::{self, Track};
use crate::cli::GradingArgs;

const SETUP: &str = include_str!("../../templates/gradescope/setup.sh");
const RUN: &str = include_str!("../../templates/gradescope/run_autograder");
const CONFIG: &str = include_str!("../../templates/gradescope/config.env");

pub fn run(
    out: &Path,
    repository: Option<String>,
    revision: Option<String>,
    args: &GradingArgs,
) -> Result<ExitCode> {
    let lab = workspace::lab_root();
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .arg("-C")
            .arg(&lab)
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let Some(repository) = repository.or_else(|| git(&["remote", "get-url", "origin"])) else {
        bail!(
            "which lab should Gradescope clone? Give --lab-repository URL (this lab has no `origin`)"
        );
    };
    let Some(revision) = revision.or_else(|| git(&["rev-parse", "HEAD"])) else {
        bail!("which revision of the lab? Give --lab-revision (a tag or a commit)");
    };
    let lang = args
        .lang
        .unwrap_or_else(|| i18n::choose(None, |name| std::env::var(name).ok()));
    let lang = if lang == Lang::Ko { "ko" } else { "en" };
    // The class's track, where it is known: `--track`, else this export's. Otherwise the pinned
    // lab's own (an export's; Rust in the whole lab).
    let track = args.track().or(export::current().map(|e| e.track));
    let config = CONFIG
        .replace("__LAB_REPOSITORY__", &shell_word(&repository))
        .replace("__LAB_REVISION__", &shell_word(&revision))
        .replace("__LANG__", lang)
        .replace("__TRACK__", track.map_or("", Track::flag))
        .replace("__VISIBILITY__", args.visibility.label());
    let zip = bundle(&[
        ("setup.sh", SETUP, 0o755),
        ("run_autograder", RUN, 0o755),
        ("config.env", &config, 0o644),
    ])?;
    std::fs::write(out, zip).with_context(|| format!("writing {}", out.display()))?;
    println!(
        "Wrote the Gradescope autograder {} (lab {repository} at {revision}, track {}, feedback in {}, tests {}).",
        out.display(),
        track.map_or(
            "of the pinned lab (Rust in the whole lab; --track c for a C class)",
            Track::flag
        ),
        lang,
        args.visibility.label()
    );
    println!(
        "Next: in the assignment's Configure Autograder page, upload it (base image Ubuntu) and wait for the build; the lab's docs/instructors.md, \"Gradescope\", explains the rest."
    );
    Ok(ExitCode::SUCCESS)
}

/// A zip of `(name, content, unix mode)` files at its root.
fn bundle(files: &[(&str, &str, u32)]) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut archive = rawzip::ZipArchiveWriter::new(&mut bytes);
    for (name, content, mode) in files {
        let (mut entry, config) = archive
            .new_file(*name)
            .unix_permissions(*mode)
            .start()
            .context("zip")?;
        let mut writer = config.wrap(&mut entry);
        writer.write_all(content.as_bytes())?;
        let (_, descriptor) = writer.finish().context("zip")?;
        entry.finish(descriptor).context("zip")?;
    }
    archive.finish().context("zip")?;
    Ok(bytes)
}
