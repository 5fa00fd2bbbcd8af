//! What only the instructor's lab can do. A class's export (`checker export-student`) holds no
//! solution, none of the checker's tests and one track: there, a command that needs what it
//! lacks says so in one line and the checker exits 2, instead of measuring nothing and passing
//! (`compare --solutions`) or failing every test for a reason that is not the student's
//! (`--track c` in a Rust class's repository).

use anyhow::{Result, bail};

use crate::base::export::{self, Export};
use crate::base::i18n::{Lang, Localized, msg};
use crate::base::workspace::Track;
use crate::cli::{Cli, Command};

/// The subcommands an export does not offer, by name (the student's `--help` leaves them out,
/// with the instructor's other commands: `cli::for_students`).
pub fn needs_the_lab(command: &Command) -> Option<&'static str> {
    match command {
        Command::Verify { .. } => Some("verify"),
        Command::New { .. } => Some("new"),
        Command::Sync { .. } => Some("sync"),
        Command::ExportStudent { .. } => Some("export-student"),
        _ => None,
    }
}

/// Refuse, in an export, what needs the instructor's lab or another track; in the lab, nothing.
pub fn refuse_in_an_export(cli: &Cli) -> Result<()> {
    match export::current() {
        Some(export) => refuse(cli, export),
        None => Ok(()),
    }
}

fn refuse(cli: &Cli, export: Export) -> Result<()> {
    if let Some(name) = cli.command.as_ref().and_then(needs_the_lab) {
        bail!(Localized(msg!("export-needs-lab", what = name)));
    }
    if cli.grading.solutions {
        let what = match cli.command {
            Some(Command::Compare { .. }) => "compare --solutions",
            _ => "--solutions",
        };
        bail!(Localized(msg!("export-needs-lab", what = what)));
    }
    if let Some(asked) = cli.grading.track()
        && asked != export.track
    {
        bail!(Localized(msg!(
            "export-other-track",
            track = match export.track {
                Track::Rust => "Rust",
                Track::C => "C",
            },
            asked = asked.flag()
        )));
    }
    // The English of a Korean export's stubs is in no file and in no commit of it: switching
    // back could never work, so switching is not offered.
    if matches!(cli.command, Some(Command::Stubs { .. })) && export.lang == Lang::Ko {
        bail!(Localized(msg!("export-stubs-korean")));
    }
    Ok(())
}
