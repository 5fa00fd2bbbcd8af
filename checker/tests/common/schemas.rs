//! The report formats of the graders a class uses, checked by hand against their
//! specifications: what Classroom 50 and Gradescope would refuse or misread.

use serde_json::Value;

/// The `classroom50/result/v1` schema (foundation50/classroom50, schemas/result-v1.schema.json),
/// checked by hand: every required field with its type and pattern, no other field at the top,
/// each test's required fields; then what Classroom 50's runner checks beyond the schema
/// (runner.py `validate_result`): the identity matches the run's, score <= max-score, per test
/// too. Returns what is wrong, empty if nothing.
pub fn classroom50_problems(doc: &Value, classroom: &str, assignment: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut check = |ok: bool, what: &str| {
        if !ok {
            problems.push(what.to_string());
        }
    };
    let Some(top) = doc.as_object() else {
        return vec!["not an object".into()];
    };
    let text = |v: &Value| v.as_str().filter(|s| !s.is_empty()).is_some();
    let count = |v: &Value| v.as_u64().is_some();
    let instant = |v: &Value| {
        v.as_str().is_some_and(|s| {
            s.len() == 20
                && s.ends_with('Z')
                && s.bytes().enumerate().all(|(i, b)| match i {
                    4 | 7 => b == b'-',
                    10 => b == b'T',
                    13 | 16 => b == b':',
                    19 => b == b'Z',
                    _ => b.is_ascii_digit(),
                })
        })
    };
    const REQUIRED: [&str; 13] = [
        "schema",
        "classroom",
        "assignment",
        "assignment_type",
        "owner",
        "submission",
        "commit",
        "release",
        "review",
        "datetime",
        "score",
        "max-score",
        "tests",
    ];
    const OPTIONAL: [&str; 2] = ["graded_at", "submitted_by"];
    for field in REQUIRED {
        check(top.contains_key(field), &format!("missing {field}"));
    }
    for field in top.keys() {
        check(
            REQUIRED.contains(&field.as_str()) || OPTIONAL.contains(&field.as_str()),
            &format!("field {field} is not in the schema (additionalProperties: false)"),
        );
    }
    check(doc["schema"] == "classroom50/result/v1", "schema");
    for field in [
        "classroom",
        "assignment",
        "owner",
        "commit",
        "release",
        "review",
    ] {
        check(text(&doc[field]), &format!("{field}: a non-empty string"));
    }
    check(
        matches!(
            doc["assignment_type"].as_str(),
            Some("individual" | "group")
        ),
        "assignment_type",
    );
    check(
        doc["submission"]
            .as_str()
            .is_some_and(|s| s.starts_with("submit/")),
        "submission: submit/*",
    );
    check(instant(&doc["datetime"]), "datetime: YYYY-MM-DDTHH:MM:SSZ");
    check(
        doc.get("graded_at").is_none_or(instant),
        "graded_at: YYYY-MM-DDTHH:MM:SSZ",
    );
    check(
        count(&doc["score"]) && count(&doc["max-score"]),
        "score, max-score: integers >= 0",
    );
    check(
        doc["classroom"] == classroom && doc["assignment"] == assignment,
        "identity",
    );
    check(
        doc["score"].as_u64() <= doc["max-score"].as_u64(),
        "score <= max-score",
    );
    let tests = doc["tests"].as_array().cloned().unwrap_or_default();
    check(doc["tests"].is_array(), "tests: an array");
    for (i, t) in tests.iter().enumerate() {
        check(text(&t["test-name"]), &format!("tests[{i}].test-name"));
        check(t["passed"].is_boolean(), &format!("tests[{i}].passed"));
        check(
            count(&t["score"]) && count(&t["max-score"]),
            &format!("tests[{i}] scores"),
        );
        check(
            t["score"].as_u64() <= t["max-score"].as_u64(),
            &format!("tests[{i}].score <= max-score"),
        );
    }
    problems
}

/// Gradescope's `results.json` fields (gradescope-autograders.readthedocs.io, "Autograder
/// Specifications"), checked by hand: no field it does not define, each of the right type.
pub fn gradescope_problems(doc: &Value) -> Vec<String> {
    const TOP: [&str; 11] = [
        "score",
        "execution_time",
        "output",
        "output_format",
        "test_output_format",
        "test_name_format",
        "visibility",
        "stdout_visibility",
        "extra_data",
        "tests",
        "leaderboard",
    ];
    const TEST: [&str; 11] = [
        "score",
        "max_score",
        "status",
        "name",
        "name_format",
        "number",
        "output",
        "output_format",
        "tags",
        "visibility",
        "extra_data",
    ];
    const VISIBILITY: [&str; 4] = ["hidden", "after_due_date", "after_published", "visible"];
    let mut problems = Vec::new();
    let Some(top) = doc.as_object() else {
        return vec!["not an object".into()];
    };
    for key in top.keys().filter(|k| !TOP.contains(&k.as_str())) {
        problems.push(format!("unknown field {key}"));
    }
    let visible = |v: &Value| v.is_null() || v.as_str().is_some_and(|s| VISIBILITY.contains(&s));
    if !doc["score"].is_number() || !doc["execution_time"].is_number() || !doc["output"].is_string()
    {
        problems.push("score, execution_time, output".into());
    }
    if !visible(&doc["visibility"]) || !visible(&doc["stdout_visibility"]) {
        problems.push("visibility".into());
    }
    for (i, t) in doc["tests"].as_array().into_iter().flatten().enumerate() {
        let obj = t.as_object().unwrap();
        for key in obj.keys().filter(|k| !TEST.contains(&k.as_str())) {
            problems.push(format!("tests[{i}]: unknown field {key}"));
        }
        let ok = t["score"].is_number()
            && t["max_score"].is_number()
            && t["score"].as_f64() <= t["max_score"].as_f64()
            && matches!(t["status"].as_str(), Some("passed" | "failed"))
            && t["name"].is_string()
            && t["number"].is_string()
            && t["output"].is_string()
            && visible(&t["visibility"])
            && t["tags"]
                .as_array()
                .is_some_and(|a| a.iter().all(Value::is_string));
        if !ok {
            problems.push(format!("tests[{i}]: {t}"));
        }
    }
    problems
}
