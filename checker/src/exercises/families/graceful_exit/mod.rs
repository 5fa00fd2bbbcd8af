//! The graceful exit: on SIGTERM, and on SIGINT as Ctrl-C sends it, the server stops accepting,
//! ends and waits for what it started, prints `bye` as its last line and exits 0 in time,
//! leaving no process behind. Taken by day4-signals and day5-pipe. What the signal must find
//! (clients connected, children frozen, a logger behind) and what must be left after it (the
//! port free, the file complete) is each exercise's own scenario: the family gives the ids,
//! texts, points and timeouts, the exercise the run (`Tweak::run`).

use crate::lab::exercise::{TestCase, secs};
use crate::lab::family::{Family, Runs, given_by_the_exercise};

pub mod steps;

pub static GRACEFUL_EXIT: Family = Family {
    name: "graceful-exit",
    course: "day4-signals",
    runs: Runs::InEachExercise,
    tests: &[
        TestCase {
            id: "sigterm-exit",
            title: "SIGTERM: a clean exit: `bye` as the last line, status 0 in time, no process left",
            points: 2,
            timeout: secs(15),
            hint: "The handler only sets a flag; the main loop sees it, stops accepting, ends and waits for every process it started, prints `bye` and returns from main with status 0.",
            hint_c: None,
            section: "clean-exit",
            program: None,
            run: given_by_the_exercise,
        },
        TestCase {
            id: "sigint-exit",
            title: "SIGINT (Ctrl-C): the same clean exit",
            points: 1,
            timeout: secs(15),
            hint: "Install the same handler for SIGINT as for SIGTERM.",
            hint_c: None,
            section: "clean-exit",
            program: None,
            run: given_by_the_exercise,
        },
    ],
};
