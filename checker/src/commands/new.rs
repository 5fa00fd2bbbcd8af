//! `checker new <dayN>-<name>`: scaffold a new exercise, complete and green from the start
//! (`authoring::scaffold` writes it), then say what was made and what is left to write
//! (docs/instructors.md's "Adding an exercise" walks through it).

use std::io::Write;

use anyhow::Result;

use crate::authoring::scaffold::{Plan, scaffold, source_file};
use crate::base::i18n::{Messages, Text, msg};

/// `checker new <name> [--binary NAME] [--lab DIR]`: scaffold, then say what was made and what
/// is left. The lab is the clone this checker was built from unless `--lab` names another (an
/// instructor's second clone; the project's test scaffolds a copy without building its
/// checker first).
pub fn run(
    name: &str,
    binary: Option<&str>,
    lab: Option<std::path::PathBuf>,
    tr: &Messages,
) -> Result<std::process::ExitCode> {
    let lab = crate::authoring::chosen_lab(lab)?;
    let plan = Plan {
        name,
        program: binary,
        lab,
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
    // Numbered as docs/instructors.md's "Adding an exercise" numbers them: step 1 was this scaffold.
    for (i, step) in left_to_write(&plan).iter().enumerate() {
        writeln!(out, "  {}. {}", i + 2, tr.render(step))?;
    }
    Ok(std::process::ExitCode::SUCCESS)
}

/// What the instructor writes by hand, in the order docs/instructors.md's "Adding an exercise" gives.
fn left_to_write(plan: &Plan) -> Vec<Text> {
    let name = plan.name;
    let module = name.replace('-', "_");
    let source = source_file(plan);
    vec![
        msg!(
            "new-left-solution",
            file = format!("solutions/{name}/{source}")
        ),
        msg!("new-left-stub", file = format!("exercises/{name}/{source}")),
        msg!(
            "new-left-stub-korean",
            file = format!("checker/i18n/stubs/{name}/{source}.ko")
        ),
        msg!("new-left-rules", exercise = name),
        msg!(
            "new-left-tests",
            file = format!("checker/src/exercises/{module}.rs")
        ),
        msg!("new-left-messages"),
        msg!(
            "new-left-broken",
            file = format!("checker/tests/broken-versions/{name}.toml"),
            exercise = name
        ),
        msg!("new-left-course", exercise = name),
        msg!("new-left-course-ko", exercise = name),
        msg!("new-left-korean", exercise = name),
        msg!("new-left-verify"),
    ]
}
