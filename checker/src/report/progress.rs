//! A progress bar on stderr, drawn only on a terminal and never in CI logs.

use std::sync::Arc;

use crate::base::i18n::{Messages, msg};
use crate::grade::runner::BuildHook;

pub fn bar(len: usize, what: &str) -> indicatif::ProgressBar {
    let in_ci = std::env::var_os("CI").is_some() || super::github::active();
    if in_ci || !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    // `wide_msg` takes what the terminal's width leaves, cut rather than wrapped.
    bar.set_style(
        indicatif::ProgressStyle::with_template(&format!(
            "{what} [{{bar:16}}] {{pos}}/{{len}} {{elapsed}} {{wide_msg}}"
        ))
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// What the bar says while cargo builds an exercise: on a fresh clone the first build compiles
/// the exercises' libraries for up to a minute, which must not look like a hang.
pub fn building(bar: &indicatif::ProgressBar, tr: &Messages) -> BuildHook {
    let bar = bar.clone();
    let words: Vec<(&'static str, String)> = crate::exercises::ALL
        .iter()
        .map(|e| {
            let line = msg!("progress-building", exercise = e.name);
            (e.name, tr.render(&line))
        })
        .collect();
    Arc::new(move |exercise| match exercise {
        Some(name) => {
            if let Some((_, line)) = words.iter().find(|(n, _)| *n == name) {
                bar.set_message(line.clone());
            }
        }
        None => bar.set_message(""),
    })
}
