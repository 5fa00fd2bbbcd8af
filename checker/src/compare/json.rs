//! The comparison as JSON (`--format json`): every figure of every level as its median, its
//! lowest and highest run and each run's value, with the machine and the settings it was
//! measured with. Field names and units are the figures' own (`figures::name`).

use serde_json::{Value, json};

use super::figures::Level;
use super::measure::Outcome;
use super::{Comparison, Measured};
use crate::base::i18n::Messages;

pub fn document(cmp: &Comparison, chart: Option<&str>, tr: &Messages) -> Value {
    let m = &cmp.machine;
    let s = &cmp.settings;
    let servers: Vec<Value> = cmp.servers.iter().map(|sv| server_json(sv, tr)).collect();
    json!({
        "machine": {
            "cores": m.cores,
            "load_before": m.load_before,
            "load_after": m.load_after,
            "kernel": m.kernel,
            "sandbox": m.sandbox,
            "open_files": m.open_files,
        },
        "settings": {
            "runs": s.runs,
            "quick": s.quick,
            "echo_clients": s.echo_levels,
            "chat_clients": s.chat_levels,
            "warm_up_ms": s.window.warm_up.as_millis() as u64,
            "measure_ms": s.window.measure.as_millis() as u64,
            "message_bytes": s.size,
        },
        "notes": cmp.notes.iter().map(|n| tr.render(n)).collect::<Vec<_>>(),
        "seconds": cmp.seconds,
        "chart": chart,
        "servers": servers,
    })
}

/// One server: who it is, and why it was skipped or each of its levels.
fn server_json(server: &Measured, tr: &Messages) -> Value {
    let c = &server.contestant;
    let mut entry = json!({
        "name": c.name,
        "exercise": c.exercise.map(|e| e.name),
        "contract": c.contract.name(),
        "outside": c.outside.as_ref().map(|p| p.display().to_string()),
    });
    match &server.outcome {
        Outcome::Skipped(why) => {
            entry["status"] = json!("skipped");
            entry["why"] = json!(tr.render(why));
        }
        Outcome::Measured(levels) => {
            entry["status"] = json!("measured");
            entry["levels"] = levels.iter().map(|level| level_json(level, tr)).collect();
        }
    }
    entry
}

/// One level: its clients, runs and trouble, and each figure's median, range and runs.
fn level_json(level: &Level, tr: &Messages) -> Value {
    let figures: serde_json::Map<String, Value> = level
        .stats()
        .into_iter()
        .map(|(name, stat)| {
            let runs: Vec<Option<f64>> = level.runs.iter().map(|r| r.get(name)).collect();
            let value = json!({"median": stat.median, "low": stat.low,
                "high": stat.high,
                "spread_percent": stat.spread_percent(), "runs": runs});
            (name.to_string(), value)
        })
        .collect();
    let trouble: Vec<String> = level.trouble.iter().map(|t| tr.render(t)).collect();
    json!({"clients": level.clients, "runs": level.runs.len(),
           "trouble": trouble, "figures": figures})
}
