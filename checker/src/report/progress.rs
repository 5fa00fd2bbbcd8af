//! A progress bar on stderr, drawn only on a terminal and never in CI logs.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::base::i18n::{Messages, msg};
use crate::grade::runner::{BuildHook, RunningHook};
use crate::lab::exercise::Exercise;

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

/// What the bar's message shows: the exercise cargo builds, and the tests under way.
#[derive(Default)]
struct Shown {
    building: String,
    running: String,
}

impl Shown {
    fn show(&self, bar: &indicatif::ProgressBar) {
        let parts: Vec<&str> = [self.building.as_str(), self.running.as_str()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect();
        bar.set_message(parts.join(" · "));
    }
}

/// The tests under way as the bar names them: the three running longest, with their seconds.
fn running_line(tests: &[(String, Duration)]) -> String {
    const SHOWN: usize = 3;
    let mut line: Vec<String> = tests
        .iter()
        .take(SHOWN)
        .map(|(name, ran)| format!("{name} {} s", ran.as_secs()))
        .collect();
    if tests.len() > SHOWN {
        line.push(format!("+{}", tests.len() - SHOWN));
    }
    line.join(", ")
}

/// The bar's hooks: what cargo builds (on a fresh clone the first build compiles the exercises'
/// libraries for up to a minute), and which tests run (a test that takes long names itself):
/// neither must look like a hang. `exercises`: those the build may name.
pub fn hooks(
    bar: &indicatif::ProgressBar,
    exercises: &[&'static Exercise],
    tr: &Messages,
) -> (BuildHook, RunningHook) {
    let shown = Arc::new(Mutex::new(Shown::default()));
    let words: Vec<(&'static str, String)> = exercises
        .iter()
        .map(|e| {
            let line = msg!("progress-building", exercise = e.name);
            (e.name, tr.render(&line))
        })
        .collect();
    let (on_bar, on_shown) = (bar.clone(), Arc::clone(&shown));
    let building: BuildHook = Arc::new(move |exercise| {
        let mut shown = on_shown.lock().unwrap_or_else(|e| e.into_inner());
        shown.building = exercise
            .and_then(|name| words.iter().find(|(n, _)| *n == name))
            .map(|(_, line)| line.clone())
            .unwrap_or_default();
        shown.show(&on_bar);
    });
    let bar = bar.clone();
    let running: RunningHook = Arc::new(move |tests| {
        let mut shown = shown.lock().unwrap_or_else(|e| e.into_inner());
        shown.running = running_line(tests);
        shown.show(&bar);
    });
    (building, running)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_names_the_tests_running_longest() {
        let tests: Vec<(String, Duration)> = (0..5)
            .map(|i| {
                (
                    format!("day2-echo/t{i}"),
                    Duration::from_millis(4200 - i * 1000),
                )
            })
            .collect();
        assert_eq!(
            running_line(&tests),
            "day2-echo/t0 4 s, day2-echo/t1 3 s, day2-echo/t2 2 s, +2"
        );
        assert_eq!(running_line(&[]), "");
    }
}
