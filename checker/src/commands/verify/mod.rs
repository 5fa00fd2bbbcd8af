//! `checker verify`: the instructors' check that the lab is consistent — every solution passes
//! every test, every stub compiles and fails every test cleanly and fast, the rules hold on the
//! solutions, every test and hint points at a course.md section that exists, each exercise is
//! in its five places and its manifest and rules agree in them, the solutions are rustfmt- and clippy-clean, and
//! so are the sources the checker generates code from (harness, shim, templates). course.md and
//! the stubs agree (`course`): the sections the stubs cite exist, every `todo!()` has its
//! `// TODO`, the rules table matches the rule files, and the stubs' hint code compiles; the
//! C edition of the course teaches C (`c_edition`).
//! The Korean twins (`languages`, `korean`, `stale`) have the same anchors, test ids and code
//! blocks, keep the glossary and one register, and are in step with the English section by
//! section.
//! The project's tests run it; CI runs the project's tests.

mod c_edition;
mod clean;
pub mod course;
mod hints;
mod korean;
mod languages;
mod places;
mod reading_times;
mod stub_korean;
mod trees;

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::base::i18n::{Lang, Messages};
use crate::base::workspace;
use crate::contain::reaper;
use crate::exercises;

use crate::grade::runner::Options;
use crate::lab::selection;
use crate::lab::test::tests_of;

/// A stub's test must fail this fast (a `todo!()` is reached at once).
pub(super) const STUB_TEST_LIMIT: Duration = Duration::from_secs(5);

struct Check {
    name: &'static str,
    problems: Vec<String>,
    /// Work left that fails nothing: what a new exercise owes (its translations, the words of
    /// the rows `checker new` wrote); the lab itself owes nothing (`verify_passes_on_the_lab`).
    owed: Vec<String>,
    took: Duration,
}

/// `graded`: the exercises whose solutions and stubs are graded (empty: all of them).
pub fn run(mut base: Options, graded: &[String]) -> Result<ExitCode> {
    let lab = workspace::lab_root();
    let mut out = anstream::stdout();
    let graded = announce(&mut out, &lab, graded)?;
    let mut checks = grading_and_course_checks(&lab, &graded, &mut base);
    checks.extend(translation_and_source_checks(&lab, &graded));
    let failed = print_checks(&mut out, &checks)?;
    reaper::stop_everything();
    let owed: usize = checks.iter().map(|c| c.owed.len()).sum();
    let owed = match owed {
        0 => String::new(),
        n => format!("; {n} owed (to write, not failures)"),
    };
    writeln!(
        out,
        "\n{} passed, {failed} failed{owed}",
        checks.len() - failed
    )?;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The solutions and stubs graded, and course.md against the exercises and stubs: run in this
/// order, each as it is built.
fn grading_and_course_checks(lab: &Path, graded: &[String], base: &mut Options) -> Vec<Check> {
    vec![
        timed(
            "every solution passes every test, the rules included",
            || trees::solutions_pass(lab, trees::RUST_TREES, graded, base),
        ),
        timed(
            "every stub compiles and fails every test cleanly (not started) and fast",
            || trees::stubs_not_started(lab, trees::RUST_TREES, graded, base),
        ),
        timed(
            "the C track: every C solution passes every test, the rules included",
            || trees::solutions_pass(lab, trees::C_TREES, graded, base),
        ),
        timed(
            "the C track: every C stub compiles and fails every test cleanly (not started) and fast",
            || trees::stubs_not_started(lab, trees::C_TREES, graded, base),
        ),
        timed(
            "every exercise, test and hint points at a course.md section that exists",
            || course_links(lab),
        ),
        timed("course.md lists every test id of its exercise", || {
            course::lists_tests(lab)
        }),
        timed(
            "each track's day map (course.md and course.ko.md) gives the reading times of the parts that edition has, counted: words of each part, code included, the longer track's edition, 200 a minute",
            || reading_times::check(lab),
        ),
        timed(
            "every exercise takes its families as they are declared: each change names a test of the family, each scenario is given; an exercise in parts has each test in one part",
            || Ok(families_taken_as_declared()),
        ),
        timed(
            "every course.md#anchor a stub cites exists, and every todo!() has a // TODO",
            || {
                let anchors = course_anchors(lab)?;
                let mut problems = course::stub_links(lab, &anchors);
                problems.extend(course::todos_have_comments(lab));
                Ok(problems)
            },
        ),
        timed(
            "the C edition of the course, in both languages, is C: the Rust track's chapter and day 6's part on tokio left out (each named in one line, no link into them), no Rust block, Rust path or Rust-only instruction, and each C exercise's section names its C files and its headers' lab_* prototypes",
            || c_edition::check(lab),
        ),
        timed(
            "course.md's rules table matches each exercise's clippy.toml and [lints]",
            || course::rules_table_matches(lab, Lang::En),
        ),
        timed(
            "course.ko.md's rules table matches them too, with its header in Korean",
            || course::rules_table_matches(lab, Lang::Ko),
        ),
        timed(
            "every stub's hint code (`//>` lines) compiles in its place and keeps the rules",
            || hints::hints_compile(lab),
        ),
    ]
}

/// The Korean twins and the copies and sources that must agree or be clean.
fn translation_and_source_checks(lab: &Path, graded: &[String]) -> Vec<Check> {
    vec![
        timed(
            "the message catalogs (checker/i18n/) parse, and Korean has every key English has and every test's title and hint",
            || languages::catalogs(lab),
        ),
        timed(
            "course.ko.md and README.ko.md are the twins of course.md and README.md (anchors, test ids, code blocks, mermaid diagrams; the READMEs link to each other and have as many sections)",
            || languages::course_parity(lab),
        ),
        timed(
            "course.ko.md, README.ko.md, the stubs' Korean and the checker's ko.ftl keep course.ko.md's glossary (one rendering per term) and one register (한다체: no -세요, -습니다); ko.ftl chooses a particle after a value with JOSA",
            || korean::check(lab),
        ),
        timed(
            "every Korean section of the course and README was translated from its English section as it is now (the `<!-- en: hash -->` under each heading)",
            || crate::authoring::stamps::check(lab),
        ),
        timed_with_owed(
            "every comment of every stub has its Korean (each exercise's korean/), written for the English as it is now, for `export-student --lang ko`",
            || stub_korean::check(lab).map(|f| (f.problems, f.owed)),
        ),
        timed(
            "each exercise is in its five places (stubs, solutions, its folder checker/exercises/<name>/), no file left in an old one",
            || Ok(places::old_places(lab)),
        ),
        timed(
            "manifests and rules agree in exercises/, solutions/ and the copy the checker embeds, each C exercise's Makefile is the one its C_TRACK row derives, and each stub derived from its reference (its `//@` lines) is the one it derives, with the Korean of its comments",
            || places::copies_agree(lab),
        ),
        timed_with_owed(
            "every list that names the exercises names each one and no other: README's tables and the day map (each track's, in both languages), c/exercises/.gitignore and the solutions' workspace members",
            || exercise_lists(lab),
        ),
        timed(
            "stubs and solutions have the same binaries and public functions",
            || same_shape(lab),
        ),
        timed("the solutions are rustfmt- and clippy-clean", || {
            clean::solutions_clean(lab, graded)
        }),
        timed(
            "the checker's harness, shim and template sources are rustfmt-clean, the generated harnesses and the shim clippy-clean",
            || clean::checker_sources_clean(lab),
        ),
    ]
}

/// Say what is verified; the targets that select the exercises to grade.
fn announce(out: &mut impl Write, lab: &Path, graded: &[String]) -> Result<Vec<String>> {
    let graded = if graded.is_empty() {
        vec!["all".to_string()]
    } else {
        graded.to_vec()
    };
    // A name that selects nothing is an error now, not a check that could not run.
    selection::select(exercises::ALL, &graded)?;
    writeln!(out, "Verifying the lab at {}", lab.display())?;
    if graded != ["all"] {
        let only = graded.join(", ");
        writeln!(out, "(grading the solutions and stubs of {only} only)")?;
    }
    writeln!(out)?;
    Ok(graded)
}

/// Each check with its verdict and first problems; the number that failed.
fn print_checks(out: &mut impl Write, checks: &[Check]) -> std::io::Result<usize> {
    let mut failed = 0;
    for c in checks {
        let mark = if c.problems.is_empty() { "✓" } else { "✗" };
        writeln!(out, "{mark} {} ({:.1} s)", c.name, c.took.as_secs_f64())?;
        for p in c.problems.iter().take(20) {
            writeln!(out, "    {p}")?;
        }
        if c.problems.len() > 20 {
            writeln!(out, "    … and {} more", c.problems.len() - 20)?;
        }
        for o in &c.owed {
            writeln!(out, "    owed: {o}")?;
        }
        failed += usize::from(!c.problems.is_empty());
    }
    Ok(failed)
}

/// What a failure says, in English: verify speaks to the lab's maintainers.
pub(super) fn english(text: &crate::base::i18n::Text) -> String {
    Messages::new(Lang::En).render(text)
}

fn timed(name: &'static str, f: impl FnOnce() -> Result<Vec<String>>) -> Check {
    timed_with_owed(name, || f().map(|problems| (problems, Vec::new())))
}

/// A check that may also find work owed, which fails nothing (see `Check::owed`).
fn timed_with_owed(
    name: &'static str,
    f: impl FnOnce() -> Result<(Vec<String>, Vec<String>)>,
) -> Check {
    let start = Instant::now();
    let (problems, owed) =
        f().unwrap_or_else(|e| (vec![format!("could not check: {e:#}")], Vec::new()));
    Check {
        name,
        problems,
        owed,
        took: start.elapsed(),
    }
}

/// The anchors course.md defines (`<a id="...">`).
pub fn course_anchors(lab: &Path) -> Result<BTreeSet<String>> {
    let course = std::fs::read_to_string(lab.join("course.md")).context("reading course.md")?;
    Ok(course
        .split("<a id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect())
}

fn course_links(lab: &Path) -> Result<Vec<String>> {
    let anchors = course_anchors(lab)?;
    let mut problems = Vec::new();
    let mut check = |what: String, anchor: &str| {
        if !anchors.contains(anchor) {
            problems.push(format!(
                "{what} points at course.md#{anchor}, which does not exist"
            ));
        }
    };
    for ex in exercises::ALL {
        check(format!("exercise {}", ex.name), ex.section);
        for (i, part) in ex.parts.iter().enumerate() {
            check(format!("part {} of {}", i + 1, ex.name), part.section);
        }
        for t in tests_of(ex) {
            check(format!("{}/{}", ex.name, t.id), t.section);
            for link in t.hint.split("course.md#").skip(1) {
                let anchor: String = link
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '-')
                    .collect();
                check(format!("the hint of {}/{}", ex.name, t.id), &anchor);
            }
        }
    }
    let explained = crate::base::verdict::FAILURE_KINDS
        .iter()
        .map(|kind| (format!("{kind:?}"), crate::report::hints::explain(*kind)))
        .chain(
            crate::base::verdict::DIAGNOSES
                .iter()
                .map(|d| (format!("{d:?}"), crate::report::hints::diagnosed(*d))),
        );
    for (kind, hint) in explained {
        for link in english(&hint).split("course.md#").skip(1) {
            let anchor: String = link
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '-')
                .collect();
            check(format!("the hint for {kind:?}"), &anchor);
        }
    }
    Ok(problems)
}

fn families_taken_as_declared() -> Vec<String> {
    exercises::ALL
        .iter()
        .flat_map(|ex| {
            ex.families
                .iter()
                .flat_map(|takes| takes.mistakes())
                .map(|m| format!("{}: {m}", ex.name))
                .chain(crate::lab::test::part_mistakes(ex))
        })
        .collect()
}

/// The lists against the exercises this checker has, on each track (`authoring::exercise_tables`, `authoring::lists`).
fn exercise_lists(lab: &Path) -> Result<(Vec<String>, Vec<String>)> {
    use crate::authoring::{exercise_tables, lists};
    let rust: Vec<&str> = exercises::ALL.iter().map(|e| e.name).collect();
    let c: Vec<&str> = exercises::ALL
        .iter()
        .filter(|e| e.c.is_some())
        .map(|e| e.name)
        .collect();
    let (mut problems, owed) = exercise_tables::check_tables(lab, &rust, &c)?;
    problems.extend(lists::check_derived(lab)?);
    Ok((problems, owed))
}

/// The file names under `src/bin`, and the `pub fn` lines of `src/lib.rs`.
fn shape(package: &Path) -> (BTreeSet<String>, BTreeSet<String>) {
    let bins = std::fs::read_dir(package.join("src/bin"))
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    let api = std::fs::read_to_string(package.join("src/lib.rs"))
        .map(|s| {
            s.lines()
                .map(str::trim)
                .filter(|l| {
                    l.starts_with("pub fn ")
                        || l.starts_with("pub const ")
                        || l.starts_with("pub struct ")
                })
                // `mut` on a parameter is the body's business, not the API's.
                .map(|l| {
                    l.trim_end_matches('{')
                        .trim()
                        .replace("(mut ", "(")
                        .replace(", mut ", ", ")
                })
                .collect()
        })
        .unwrap_or_default();
    (bins, api)
}

fn same_shape(lab: &Path) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for ex in exercises::ALL {
        let (stub_bins, stub_api) = shape(&lab.join("exercises").join(ex.name));
        let (sol_bins, sol_api) = shape(&lab.join("solutions").join(ex.name));
        if stub_bins != sol_bins {
            problems.push(format!(
                "{}: binaries differ: stub {stub_bins:?}, solution {sol_bins:?}",
                ex.name
            ));
        }
        for missing in sol_api.symmetric_difference(&stub_api) {
            problems.push(format!(
                "{}: only one of stub and solution has `{missing}`",
                ex.name
            ));
        }
        {
            for b in ex.kind.binaries() {
                if !sol_bins.contains(&format!("{b}.rs")) {
                    problems.push(format!(
                        "{}: the test table runs `{b}`, but there is no src/bin/{b}.rs",
                        ex.name
                    ));
                }
            }
        }
    }
    Ok(problems)
}
