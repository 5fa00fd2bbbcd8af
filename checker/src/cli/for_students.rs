//! The help a class reads: in a class's export (`base::export`), `--help` leaves out the
//! instructor's commands and the options only grading a class uses; the lab's help lists them
//! all. They stay accepted where they work in an export (`export-gradescope`, `gradebook`, the
//! CI options `.ci/grade-submission` passes); `commands::lab_only` refuses, in one line, those
//! that need the instructor's lab.

use crate::base::export::Export;
use crate::base::i18n::{Lang, Messages, msg};
use crate::base::workspace::Track;

/// The instructor's commands.
pub const INSTRUCTORS_COMMANDS: &[&str] = &[
    "verify",
    "gradebook",
    "export-student",
    "export-gradescope",
    "new",
    "sync",
];

/// The options of the lab (`--solutions`, `--track`) and of grading a class, by id.
pub const INSTRUCTORS_OPTIONS: &[&str] = &[
    "solutions",
    "track",
    "ci",
    "reports",
    "deadline",
    "visibility",
    "student",
];

/// `cmd` as the reader of `export` sees it (`None`: the lab, as it is). A Korean export's
/// `stubs` is left out too: its stubs' English is nowhere in it.
pub fn in_export(cmd: clap::Command, export: Option<Export>) -> clap::Command {
    let Some(export) = export else {
        return cmd;
    };
    let mut hidden: Vec<&str> = INSTRUCTORS_COMMANDS.to_vec();
    if export.lang == Lang::Ko {
        hidden.push("stubs");
    }
    let mut cmd = cmd;
    for name in hidden {
        cmd = cmd.mut_subcommand(name, |sub| sub.hide(true));
    }
    for id in INSTRUCTORS_OPTIONS {
        cmd = cmd.mut_arg(*id, |a| a.hide(true));
    }
    cmd
}

/// `cmd`'s texts as the reader of `export` needs them, in their language (`None`: the lab's):
/// `compare` without the instructor's `--solutions`, and on the C track `--root` and
/// `--program` without Rust's crates and manifests (a C exercise is a folder with a Makefile).
pub fn in_words_of(cmd: clap::Command, export: Option<Export>, tr: &Messages) -> clap::Command {
    let Some(export) = export else {
        return cmd;
    };
    let compare = tr.render(&msg!("help-student-compare"));
    let cmd = cmd.mut_subcommand("compare", |sub| sub.about(compare));
    if export.track != Track::C {
        return cmd;
    }
    let root = tr.render(&msg!("help-student-root-c"));
    let programs = tr.render(&msg!("help-student-programs-c"));
    let reword = move |c: clap::Command| {
        c.mut_args(|a| match a.get_id().as_str() {
            "root" => a.help(root.clone()).long_help(None::<&str>),
            "programs" => a.help(programs.clone()).long_help(None::<&str>),
            _ => a,
        })
    };
    reword(cmd).mut_subcommands(reword.clone())
}

#[cfg(test)]
mod tests {
    use crate::base::export::Export;
    use crate::base::i18n::{Lang, Messages};
    use crate::base::workspace::Track;

    fn help(lang: Lang, export: Option<Export>) -> String {
        let tr = Messages::new(lang);
        let mut cmd = super::super::command_for(&tr, None, export);
        cmd.render_long_help().to_string()
    }

    /// An export's `--help`, in either language, lists no instructor's command or option; the
    /// lab's lists them all.
    #[test]
    fn a_student_s_help_lists_no_instructor_s_command() {
        for lang in [Lang::En, Lang::Ko] {
            let lab = help(lang, None);
            for track in [Track::Rust, Track::C] {
                let student = help(lang, Some(Export { lang, track }));
                for name in super::INSTRUCTORS_COMMANDS {
                    let listed = format!("\n  {name} ");
                    assert!(
                        lab.contains(&listed),
                        "{lang:?}: the lab's help lacks {name}"
                    );
                    assert!(!student.contains(&listed), "{lang:?}: {student}");
                }
                // An option's own line (compare's text names --solutions too).
                let listed = |help: &str, long: &str| {
                    help.lines()
                        .any(|l| l.starts_with("  ") && l.trim_start().starts_with(long))
                };
                for long in ["--solutions", "--track", "--ci", "--deadline"] {
                    assert!(listed(&lab, long), "{lang:?}: the lab's help lacks {long}");
                    assert!(!listed(&student, long), "{lang:?} {track:?}: {student}");
                }
                for kept in [
                    "\n  list ",
                    "\n  hint ",
                    "\n  watch ",
                    "\n  try ",
                    "\n  broker ",
                    "--seed",
                ] {
                    assert!(student.contains(kept), "{lang:?}: {student}");
                }
                let stubs = student.contains("\n  stubs ");
                assert_eq!(stubs, lang == Lang::En, "{lang:?}: {student}");
            }
        }
    }

    /// A student's help names no instructor's command in its texts either (compare's
    /// `--solutions`), and a C class's names no crate or manifest of Rust, in any command's
    /// help.
    #[test]
    fn a_c_student_s_help_speaks_of_c_folders_and_no_instructor_s_option() {
        for lang in [Lang::En, Lang::Ko] {
            for track in [Track::Rust, Track::C] {
                let tr = Messages::new(lang).on(track);
                let mut cmd = super::super::command_for(&tr, None, Some(Export { lang, track }));
                let mut helps = vec![cmd.render_long_help().to_string()];
                cmd.build();
                for sub in cmd.get_subcommands_mut() {
                    helps.push(sub.render_long_help().to_string());
                }
                for help in &helps {
                    assert!(!help.contains("--solutions"), "{lang:?} {track:?}: {help}");
                    if track == Track::C {
                        for rust in ["Cargo.toml", "크레이트", "crate"] {
                            assert!(!help.contains(rust), "{lang:?}: {rust} in {help}");
                        }
                    }
                }
            }
        }
    }
}
