//! `checker new <dayN>-<name> [--track rust|c|both]`: scaffold a new exercise on both tracks (or
//! one; `--track c` adds the C track to an exercise that has the Rust one), complete and green
//! from the start (`authoring::scaffold` writes it), then say what was made and what is left to
//! write on each track (docs/instructors.md's "Adding an exercise" walks through it).

use std::io::Write;

use anyhow::Result;

use crate::authoring::scaffold::{Plan, c_files, scaffold, source_file};
use crate::base::i18n::{Messages, Text, msg};
use crate::base::workspace::{TrackArg, in_exercise_folder as exercise};

/// `checker new <name> [--binary NAME] [--track rust|c|both] [--lab DIR]`: scaffold, then say
/// what was made and what is left. The lab is the clone this checker was built from unless
/// `--lab` names another (an instructor's second clone; the project's test scaffolds a copy
/// without building its checker first).
pub fn run(
    name: &str,
    binary: Option<&str>,
    tracks: TrackArg,
    lab: Option<std::path::PathBuf>,
    tr: &Messages,
) -> Result<std::process::ExitCode> {
    let lab = crate::authoring::chosen_lab(lab)?;
    let plan = Plan {
        name,
        program: binary,
        lab,
        tracks,
    };
    let made = scaffold(&plan)?;
    let mut out = anstream::stdout();
    writeln!(
        out,
        "{}",
        tr.render(&msg!("new-scaffolded", exercise = name))
    )?;
    for file in made {
        writeln!(out, "  {file}")?;
    }
    writeln!(out, "\n{}", tr.render(&msg!("new-left")))?;
    // Numbered as docs/instructors.md's "Adding an exercise" numbers them (step 1 was this
    // scaffold): the Rust track's steps, the C track's, then verify.
    for (number, step) in left_to_write(&plan) {
        writeln!(out, "  {number}. {}", tr.render(&step))?;
    }
    Ok(std::process::ExitCode::SUCCESS)
}

/// The step verify is, the last of docs/instructors.md's "Adding an exercise".
const VERIFY_STEP: usize = 14;

/// What the instructor writes by hand on the tracks scaffolded, each with its number in
/// docs/instructors.md's "Adding an exercise": steps 2 to 9 on the Rust track, 10 to 13 on the
/// C track, 14 verify. The stubs and the Korean of their comments are derived from the
/// references' `//@` lines (`checker sync`), not written.
fn left_to_write(plan: &Plan) -> Vec<(usize, Text)> {
    let mut steps = Vec::new();
    if plan.tracks.has_rust() {
        steps.extend((2..).zip(rust_steps(plan)));
    }
    if plan.tracks.has_c() {
        steps.extend(c_steps(plan));
    }
    steps.push((VERIFY_STEP, msg!("new-left-verify", exercise = plan.name)));
    steps
}

/// Steps 2 to 9: the Rust track.
fn rust_steps(plan: &Plan) -> Vec<Text> {
    let name = plan.name;
    let source = source_file(plan);
    vec![
        msg!(
            "new-left-solution",
            file = format!("solutions/{name}/{source}")
        ),
        msg!("new-left-rules", exercise = name),
        msg!(
            "new-left-tests",
            file = exercise::file(name, exercise::TESTS)
        ),
        msg!(
            "new-left-messages",
            en = exercise::file(name, exercise::ENGLISH_CATALOG),
            ko = exercise::file(name, exercise::KOREAN_CATALOG)
        ),
        msg!(
            "new-left-broken",
            file = exercise::file(name, exercise::PROOFS_TABLE),
            exercise = name
        ),
        msg!("new-left-course", exercise = name),
        msg!("new-left-course-ko", exercise = name),
        msg!(
            "new-left-korean",
            exercise = name,
            file = exercise::file(name, exercise::KOREAN_CATALOG)
        ),
    ]
}

/// Steps 10 to 13: the C track (12, the shim, for a library only).
fn c_steps(plan: &Plan) -> Vec<(usize, Text)> {
    let name = plan.name;
    let files = c_files(plan);
    let listed = |tree: &str| {
        files
            .iter()
            .map(|f| format!("{tree}/{f}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut steps = vec![
        (
            10,
            msg!(
                "new-left-c-solution",
                files = listed(&format!("c/solutions/{name}"))
            ),
        ),
        (11, msg!("new-left-c-rules", file = test_module(plan))),
    ];
    if plan.program.is_none() {
        steps.push((
            12,
            msg!(
                "new-left-c-shim",
                file = exercise::file(name, &format!("{}/src/lib.rs", exercise::C_SHIM))
            ),
        ));
    }
    steps.push((
        13,
        msg!(
            "new-left-c-broken",
            file = exercise::file(name, exercise::PROOFS_TABLE),
            exercise = name
        ),
    ));
    steps
}

/// The exercise's test module: `mod.rs` in its folder.
fn test_module(plan: &Plan) -> String {
    exercise::file(plan.name, exercise::TESTS)
}
