//! How long each test took the last time it ran here, so that the next run starts the longest
//! first: a slow test that starts last stretches the whole run, and a test's timeout says little
//! about how long it really takes. Kept beside the verdicts, in
//! `target/checker-cache/durations.json`; a fresh clone has none, and the queue falls back on
//! the timeouts. Only the order of the tests depends on it, never a verdict.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use serde_json::{Map, Value};

use crate::base::workspace;
use crate::grade::outcome::ExerciseReport;
use crate::lab::test::Test;

/// The last measured duration of each test, by `exercise/test` (`Test::name`).
#[derive(Default)]
pub struct Durations(HashMap<String, Duration>);

fn file() -> PathBuf {
    workspace::lab_root().join("target/checker-cache/durations.json")
}

impl FromIterator<(String, Duration)> for Durations {
    /// Durations by test name (`Test::name`).
    fn from_iter<I: IntoIterator<Item = (String, Duration)>>(iter: I) -> Self {
        Durations(iter.into_iter().collect())
    }
}

impl Durations {
    /// What earlier runs measured (nothing, if the file is missing or unreadable).
    pub fn load() -> Durations {
        let Ok(text) = std::fs::read_to_string(file()) else {
            return Durations::default();
        };
        let Ok(Value::Object(map)) = serde_json::from_str::<Value>(&text) else {
            return Durations::default();
        };
        Durations(
            map.into_iter()
                .filter_map(|(k, v)| Some((k, Duration::from_secs_f64(v.as_f64()?))))
                .collect(),
        )
    }

    pub fn of(&self, test: &Test) -> Option<Duration> {
        self.0.get(&test.name()).copied()
    }

    /// Remember what this run measured, keeping what it did not run. Written whole, then
    /// renamed over the old file, so that checkers running side by side never read half a file
    /// (one of them may lose the other's update: only an order is lost).
    pub fn record(mut self, reports: &[ExerciseReport]) {
        for report in reports {
            for t in &report.tests {
                self.0.insert(t.test.name(), t.duration);
            }
        }
        let map: Map<String, Value> = self
            .0
            .into_iter()
            .map(|(k, d)| (k, Value::from((d.as_secs_f64() * 1000.0).round() / 1000.0)))
            .collect();
        let path = file();
        let Some(dir) = path.parent() else { return };
        let _ = std::fs::create_dir_all(dir);
        if let Ok(mut tmp) = tempfile::NamedTempFile::new_in(dir)
            && tmp
                .write_all(Value::Object(map).to_string().as_bytes())
                .is_ok()
        {
            let _ = tmp.persist(&path);
        }
    }
}
