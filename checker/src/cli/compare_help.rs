//! `checker compare --help` as compare runs: the runs it names, and only the options it reads;
//! and `checker stubs --help`, which lists none of the grading options (it reads none).

use crate::base::i18n::{Messages, msg};

/// The grading options `compare` takes but never reads (they are global, so clap lists them
/// under every subcommand): hidden from its `--help`, which keeps what chooses and shows the
/// servers (`--solutions`, `--root`, `--program`, `--sandbox`, `--format`, `--output`, `--lang`).
pub const NOT_FOR_COMPARE: &[&str] = &[
    "seed",
    "verbose",
    "jobs",
    "ci",
    "reports",
    "deadline",
    "visibility",
    "student",
];

/// `compare`'s help as it runs: the runs it names come from the constants that run, and the
/// grading options it never reads are hidden. Global options reach a subcommand when the
/// command is built, unless it has its own of that id, so compare gets hidden copies first
/// (changing an argument of a built command would unsettle clap's index of them).
pub fn for_compare(cmd: clap::Command, tr: &Messages) -> clap::Command {
    let (runs, quick) = (crate::compare::RUNS, crate::compare::QUICK_RUNS);
    let runs_help = tr.render(&msg!(
        "help-cmd-compare-arg-runs",
        runs = runs,
        quick = quick
    ));
    let quick_help = tr.render(&msg!("help-cmd-compare-arg-quick", quick = quick));
    let hidden: Vec<clap::Arg> = cmd
        .get_arguments()
        .filter(|a| NOT_FOR_COMPARE.contains(&a.get_id().as_str()))
        .map(|a| a.clone().hide(true))
        .collect();
    cmd.mut_subcommand("compare", |sub| {
        sub.mut_arg("runs", |a| a.help(runs_help))
            .mut_arg("quick", |a| a.help(quick_help))
            .args(hidden)
    })
}

/// The help of subcommands that read only some of the global options: compare's (above), and
/// stubs', which switches the stubs' comments and reads no grading option at all. The global
/// options go to stubs as hidden copies (still accepted after it, as before), but for those of
/// an id it has of its own (its `lang`) and help's own (`--help`, said in the reader's
/// language).
pub fn own_options(cmd: clap::Command, tr: &Messages) -> clap::Command {
    let mut cmd = for_compare(cmd, tr);
    for name in READ_NO_GRADING_OPTION {
        cmd = hide_grading_options(cmd, name);
    }
    cmd
}

/// The subcommands that read no grading option: `stubs`, and `new`, whose `--track` is its own
/// (the tracks it scaffolds), not the track graded.
pub const READ_NO_GRADING_OPTION: [&str; 2] = ["stubs", "new"];

/// `cmd` with the global options hidden from its subcommand `name`'s help, but for those of an
/// id it has of its own.
fn hide_grading_options(cmd: clap::Command, name: &str) -> clap::Command {
    let Some(sub) = cmd.find_subcommand(name) else {
        return cmd;
    };
    let own: Vec<String> = sub
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    let hidden: Vec<clap::Arg> = cmd
        .get_arguments()
        .filter(|a| a.is_global_set() && !["help", "version"].contains(&a.get_id().as_str()))
        .filter(|a| !own.iter().any(|id| id == a.get_id().as_str()))
        .map(|a| a.clone().hide(true))
        .collect();
    cmd.mut_subcommand(name, |sub| sub.args(hidden))
}

#[cfg(test)]
mod tests {
    /// `checker stubs --help` and `checker new --help` list no grading option, in both
    /// languages (they read none), and one given after `stubs` is still accepted, as before.
    #[test]
    fn stubs_help_lists_no_grading_option() {
        use crate::base::i18n::{Lang, Messages};
        for (lang, name) in [Lang::En, Lang::Ko]
            .into_iter()
            .flat_map(|l| super::READ_NO_GRADING_OPTION.map(|n| (l, n)))
        {
            let tr = Messages::new(lang);
            let mut cmd = super::super::command_in(&tr, None);
            let top = cmd.render_long_help().to_string();
            let sub = cmd.find_subcommand_mut(name).unwrap();
            let help = sub.render_long_help().to_string();
            let longs = [
                "--seed",
                "--jobs",
                "--solutions",
                "--root",
                "--format",
                "--report",
            ];
            for long in longs {
                assert!(!help.contains(long), "{lang:?}: {name} --help shows {long}");
                assert!(top.contains(long), "{lang:?}: checker --help lacks {long}");
            }
            assert!(help.contains("--help"), "{lang:?}: {help}");
        }
        let tr = Messages::new(Lang::En);
        let matches = super::super::command(&tr)
            .try_get_matches_from(["checker", "stubs", "ko", "--seed", "3"])
            .unwrap();
        use clap::FromArgMatches;
        let cli = super::super::Cli::from_arg_matches(&matches).unwrap();
        assert_eq!(cli.grading.seed, Some(3));
    }

    /// `new`'s `--track` is its own: `both` (its default) is taken there, and refused by grading
    /// (`parse` says so), which takes one track; one track given to `new` is read as new's.
    #[test]
    fn new_reads_its_own_track() {
        use crate::base::i18n::{Lang, Messages};
        use crate::base::workspace::TrackArg;
        use clap::FromArgMatches;
        let tr = Messages::new(Lang::En);
        let parsed = |args: &[&str]| {
            let matches = super::super::command(&tr)
                .try_get_matches_from(args)
                .unwrap();
            super::super::Cli::from_arg_matches(&matches).unwrap()
        };
        for (args, want) in [
            (&["checker", "new", "day9-x"][..], TrackArg::Both),
            (
                &["checker", "new", "day9-x", "--track", "c"][..],
                TrackArg::C,
            ),
            (
                &["checker", "new", "day9-x", "--track", "both"][..],
                TrackArg::Both,
            ),
        ] {
            let Some(super::super::Command::New { track, .. }) = parsed(args).command else {
                panic!("{args:?} is no `new`");
            };
            assert_eq!(track, want, "{args:?}");
        }
        assert_eq!(
            parsed(&["checker", "--track", "c", "day1"]).grading.track(),
            Some(crate::base::workspace::Track::C)
        );
    }

    /// compare's help says the runs it makes (from the constants it runs with) and lists only
    /// the options it reads, in both languages; the grading options stay in the top level's
    /// help and are still accepted after `compare`.
    #[test]
    fn compare_help_says_its_own_runs_and_options() {
        use crate::base::i18n::{Lang, Messages};
        for lang in [Lang::En, Lang::Ko] {
            let tr = Messages::new(lang);
            let mut cmd = super::super::command_in(&tr, None);
            let top = cmd.render_long_help().to_string();
            let sub = cmd.find_subcommand_mut("compare").unwrap();
            let help = sub.render_long_help().to_string();
            let runs = crate::compare::RUNS.to_string();
            let quick = crate::compare::QUICK_RUNS.to_string();
            let runs_line = help.lines().skip_while(|l| !l.contains("--runs")).nth(1);
            let runs_line = runs_line.unwrap_or_default();
            assert!(runs_line.contains(&runs), "{lang:?}: {runs_line}");
            assert!(runs_line.contains(&quick), "{lang:?}: {runs_line}");
            for id in super::NOT_FOR_COMPARE {
                let arg = sub.get_arguments().find(|a| a.get_id() == *id).unwrap();
                let long = format!("--{}", arg.get_long().unwrap());
                assert!(
                    !help.contains(&long),
                    "{lang:?}: compare --help shows {long}"
                );
                assert!(top.contains(&long), "{lang:?}: checker --help lacks {long}");
            }
            for kept in ["--solutions", "--program", "--format", "--lang", "--output"] {
                assert!(help.contains(kept), "{lang:?}: compare --help lacks {kept}");
            }
        }
        let tr = Messages::new(Lang::En);
        let matches = super::super::command(&tr)
            .try_get_matches_from(["checker", "compare", "--seed", "3", "--runs", "2"])
            .unwrap();
        use clap::FromArgMatches;
        let cli = super::super::Cli::from_arg_matches(&matches).unwrap();
        assert_eq!(cli.grading.seed, Some(3));
    }
}
