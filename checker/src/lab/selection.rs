//! How command-line targets (`all`, `day2`, `day2-inet`, `day2-inet/pton6-tricky`) select
//! exercises and tests from a catalogue (the lab's is `exercises::ALL`).

use anyhow::Result;

use super::exercise::Exercise;
use super::test::tests_of;
use crate::base::i18n::{Localized, msg};

/// The exercise named `name`.
pub fn find(catalogue: &[&'static Exercise], name: &str) -> Option<&'static Exercise> {
    catalogue.iter().copied().find(|e| e.name == name)
}

/// What a command-line target selects.
pub struct Selection {
    pub exercise: &'static Exercise,
    /// `None` = every test of the exercise.
    pub only_tests: Option<Vec<&'static str>>,
}

/// Resolve targets such as `all`, `day2`, `day2-inet` or `day2-inet/pton6-tricky`, keeping
/// course order and dropping duplicates.
pub fn select(catalogue: &[&'static Exercise], targets: &[String]) -> Result<Vec<Selection>> {
    let mut picked: Vec<Selection> = Vec::new();
    for target in targets {
        let target = target.trim_end_matches('/');
        let matches = target_selects(catalogue, target)?;
        if matches.is_empty() {
            return Err(anyhow::Error::new(Localized(msg!(
                "select-nothing-belongs",
                target = target
            ))));
        }
        for m in matches {
            add_selection(&mut picked, m);
        }
    }
    let position = |e: &Exercise| catalogue.iter().position(|x| x.name == e.name);
    picked.sort_by_key(|s| position(s.exercise));
    Ok(picked)
}

/// `select` from the exercises a track has (`on_track`), where a target that names an exercise
/// of the whole lab (`all`) the track lacks says so rather than "no such exercise".
pub fn on_track(
    track: &[&'static Exercise],
    all: &[&'static Exercise],
    targets: &[String],
) -> Result<Vec<Selection>> {
    for target in targets {
        let name = target.split('/').next().unwrap_or(target);
        if find(track, name).is_none() && find(all, name).is_some() {
            return Err(anyhow::Error::new(Localized(
                crate::base::export::not_on_c_track(name),
            )));
        }
    }
    select(track, targets)
}

/// What one target selects: every exercise, a day's, one exercise, or one of its tests.
fn target_selects(catalogue: &[&'static Exercise], target: &str) -> Result<Vec<Selection>> {
    Ok(if target == "all" {
        catalogue
            .iter()
            .map(|&exercise| Selection {
                exercise,
                only_tests: None,
            })
            .collect()
    } else if let Some(day) = target
        .strip_prefix("day")
        .and_then(|d| d.parse::<u8>().ok())
    {
        catalogue
            .iter()
            .filter(|e| e.day == day)
            .map(|&exercise| Selection {
                exercise,
                only_tests: None,
            })
            .collect()
    } else if let Some((name, test)) = target.split_once('/') {
        let exercise = find(catalogue, name).ok_or_else(|| unknown(catalogue, name))?;
        let case = tests_of(exercise)
            .into_iter()
            .find(|t| t.id == test)
            .ok_or_else(|| {
                anyhow::Error::new(Localized(msg!(
                    "select-no-test",
                    exercise = name,
                    test = test
                )))
            })?;
        vec![Selection {
            exercise,
            only_tests: Some(vec![case.id]),
        }]
    } else {
        let exercise = find(catalogue, target).ok_or_else(|| unknown(catalogue, target))?;
        vec![Selection {
            exercise,
            only_tests: None,
        }]
    })
}

/// Add `m` to what is picked: a whole exercise wins over some of its tests; tests add up.
fn add_selection(picked: &mut Vec<Selection>, m: Selection) {
    match picked
        .iter_mut()
        .find(|p| p.exercise.name == m.exercise.name)
    {
        Some(p) => match (&mut p.only_tests, m.only_tests) {
            (_, None) => p.only_tests = None,
            (Some(tests), Some(more)) => {
                for t in more {
                    if !tests.contains(&t) {
                        tests.push(t);
                    }
                }
            }
            (None, Some(_)) => {}
        },
        None => picked.push(m),
    }
}

/// Every `--program NAME=PATH` must name a program that one of the selected tests runs: a
/// mistyped name (or another exercise's program) would otherwise be ignored, and the student's
/// stubs graded in its place. The error lists the names these tests use.
pub fn check_programs(selections: &[Selection], programs: &[String]) -> Result<()> {
    let mut used: Vec<&str> = Vec::new();
    for s in selections {
        for t in tests_of(s.exercise) {
            let selected = s
                .only_tests
                .as_ref()
                .is_none_or(|only| only.contains(&t.id));
            if let Some(p) = t.program.filter(|p| selected && !used.contains(p)) {
                used.push(p);
            }
        }
    }
    for name in programs {
        if !used.contains(&name.as_str()) {
            let text = if used.is_empty() {
                msg!("select-program-none", name = name.as_str())
            } else {
                msg!(
                    "select-program-unknown",
                    name = name.as_str(),
                    names = used.join(", ")
                )
            };
            return Err(anyhow::Error::new(Localized(text)));
        }
    }
    Ok(())
}

fn unknown(catalogue: &[&Exercise], name: &str) -> anyhow::Error {
    let names: Vec<&str> = catalogue.iter().map(|e| e.name).collect();
    let closest = names
        .iter()
        .map(|n| (strsim::damerau_levenshtein(name, n), *n))
        .min()
        .filter(|(distance, _)| *distance <= 3);
    let text = match closest {
        Some((_, guess)) => msg!("select-did-you-mean", target = name, guess = guess),
        None => msg!("select-unknown", target = name, names = names.join(", ")),
    };
    anyhow::Error::new(Localized(text))
}

#[cfg(test)]
mod tests {
    use super::select;
    use crate::base::i18n::{Lang, Localized, Messages};
    use crate::lab::fixtures::CATALOGUE;

    fn picked(targets: &[&str]) -> Vec<(String, Option<Vec<&'static str>>)> {
        let targets: Vec<String> = targets.iter().map(|t| t.to_string()).collect();
        select(CATALOGUE, &targets)
            .unwrap()
            .into_iter()
            .map(|s| (s.exercise.name.to_string(), s.only_tests))
            .collect()
    }

    fn error(target: &str) -> String {
        let e = select(CATALOGUE, &[target.to_string()]).err().unwrap();
        let text = &e.downcast_ref::<Localized>().unwrap().0;
        Messages::new(Lang::En).render(text)
    }

    #[test]
    fn all_a_day_an_exercise_a_test() {
        assert_eq!(picked(&["all"]).len(), 2);
        assert_eq!(picked(&["day2"]), [("day2-server".into(), None)]);
        assert_eq!(picked(&["day1-lib/"]), [("day1-lib".into(), None)]);
        assert_eq!(
            picked(&["day2-server/echo"]),
            [("day2-server".into(), Some(vec!["echo"]))]
        );
        assert_eq!(
            picked(&["day2-server/rules"]),
            [("day2-server".into(), Some(vec!["rules"]))],
            "the rules are a test like the others"
        );
    }

    #[test]
    fn course_order_no_duplicates_and_a_whole_exercise_wins() {
        let got = picked(&[
            "day2-server/echo",
            "day1-lib",
            "day2-server/exit",
            "day1-lib/add",
        ]);
        assert_eq!(
            got,
            [
                ("day1-lib".into(), None),
                ("day2-server".into(), Some(vec!["echo", "exit"]))
            ]
        );
        assert_eq!(
            picked(&["day2-server/echo", "day2"]),
            [("day2-server".into(), None)]
        );
    }

    #[test]
    fn a_program_must_be_one_the_selected_tests_run() {
        use super::check_programs;
        let of = |targets: &[&str], programs: &[&str]| {
            let targets: Vec<String> = targets.iter().map(|t| t.to_string()).collect();
            let programs: Vec<String> = programs.iter().map(|p| p.to_string()).collect();
            check_programs(&select(CATALOGUE, &targets).unwrap(), &programs).map_err(|e| {
                Messages::new(Lang::En).render(&e.downcast_ref::<Localized>().unwrap().0)
            })
        };
        assert!(of(&["day2-server"], &["server", "client"]).is_ok());
        assert!(of(&["day2-server"], &[]).is_ok());
        let typo = of(&["day2-server"], &["servr"]).unwrap_err();
        assert!(
            typo.contains("servr") && typo.contains("server, client"),
            "{typo}"
        );
        // Another exercise's program, or a test that does not run it.
        assert!(of(&["day2-server/client-talks"], &["server"]).is_err());
        assert!(
            of(&["day1-lib"], &["server"])
                .unwrap_err()
                .contains("server")
        );
    }

    #[test]
    fn mistakes_say_what_to_type() {
        assert!(
            error("day2-servr").contains("day2-server"),
            "{}",
            error("day2-servr")
        );
        assert!(error("day2-server/nope").contains("nope"));
        assert!(error("day7").contains("day7"));
        assert!(error("zzzzzzzzzz").contains("day1-lib, day2-server"));
    }
}
