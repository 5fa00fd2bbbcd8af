//! One folder per exercise, each holding its hidden tests in one table, built from the steps of
//! `kit`, and what an instructor writes for it (its proofs, its stubs' Korean). The families of
//! tests that several exercises share are in `families/`, each one folder, declared once. An
//! exercise names those it takes in its `families`.

use crate::base::workspace::Track;
use crate::lab::exercise::Exercise;

pub mod kit;

#[cfg(test)]
mod c_words;

// The families of tests that several exercises share, each a folder: its table and its tests.
mod families;
pub use families::family_folder;

// One module per exercise.
#[path = "../../exercises/day1-endian/mod.rs"]
mod day1_endian;
#[path = "../../exercises/day1-fileio/mod.rs"]
mod day1_fileio;
#[path = "../../exercises/day2-echo/mod.rs"]
mod day2_echo;
#[path = "../../exercises/day2-inet/mod.rs"]
mod day2_inet;
#[path = "../../exercises/day3-fork/mod.rs"]
mod day3_fork;
#[path = "../../exercises/day3-resolve/mod.rs"]
mod day3_resolve;
#[path = "../../exercises/day3-shutdown/mod.rs"]
mod day3_shutdown;
#[path = "../../exercises/day3-udp/mod.rs"]
mod day3_udp;
#[path = "../../exercises/day4-signals/mod.rs"]
mod day4_signals;
#[path = "../../exercises/day5-epoll/mod.rs"]
mod day5_epoll;
#[path = "../../exercises/day5-pipe/mod.rs"]
mod day5_pipe;
#[path = "../../exercises/day5-poll/mod.rs"]
mod day5_poll;
#[path = "../../exercises/day5-threads/mod.rs"]
mod day5_threads;
#[path = "../../exercises/day6-async/mod.rs"]
mod day6_async;
#[path = "../../exercises/day6-unix/mod.rs"]
mod day6_unix;
#[path = "../../exercises/day7-broker/mod.rs"]
mod day7_broker;
#[path = "../../exercises/day8-device/mod.rs"]
mod day8_device;
/// What a device sends, decoded as day8-device's tests decode it: `checker broker` reads it so.
pub(crate) use day8_device::decode as device_packets;

/// Every exercise, in course order.
pub static ALL: &[&Exercise] = &[
    &day1_fileio::EXERCISE,
    &day1_endian::EXERCISE,
    &day2_inet::EXERCISE,
    &day2_echo::EXERCISE,
    &day3_udp::EXERCISE,
    &day3_shutdown::EXERCISE,
    &day3_resolve::EXERCISE,
    &day3_fork::EXERCISE,
    &day4_signals::EXERCISE,
    &day5_poll::EXERCISE,
    &day5_epoll::EXERCISE,
    &day5_threads::EXERCISE,
    &day5_pipe::EXERCISE,
    &day6_async::EXERCISE,
    &day6_unix::EXERCISE,
    &day7_broker::EXERCISE,
    &day8_device::EXERCISE,
];

/// The exercises a tree on `track` has, in course order: every one on Rust's, on C's those
/// whose table says how (`Exercise::c`; day6-async is tokio's, and has none).
pub fn on_track(track: Track) -> Vec<&'static Exercise> {
    ALL.iter()
        .copied()
        .filter(|e| track == Track::Rust || e.c.is_some())
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::ALL;
    use crate::lab::exercise::RULES_ID;
    use crate::lab::test::{Test, tests_of};

    #[test]
    fn every_exercise_takes_its_families_as_declared() {
        for ex in ALL {
            for takes in ex.families {
                assert_eq!(takes.mistakes(), Vec::<String>::new(), "{}", ex.name);
            }
        }
    }

    #[test]
    fn an_exercise_in_parts_has_each_test_in_one_part() {
        for ex in ALL {
            assert_eq!(
                crate::lab::test::part_mistakes(ex),
                Vec::<String>::new(),
                "{}",
                ex.name
            );
        }
    }

    #[test]
    fn test_ids_are_unique_and_the_rules_come_last() {
        for ex in ALL {
            let tests = tests_of(ex);
            let ids: BTreeSet<&str> = tests.iter().map(|t| t.id).collect();
            assert_eq!(ids.len(), tests.len(), "{}: a test id twice", ex.name);
            assert!(
                tests.last().is_some_and(|t| t.is_rules && t.id == RULES_ID),
                "{}",
                ex.name
            );
        }
    }

    #[test]
    fn a_family_test_runs_the_program_its_exercise_names() {
        for ex in ALL {
            for takes in ex.families {
                assert!(ex.kind.binaries().contains(&takes.program), "{}", ex.name);
                for row in takes.family.tests {
                    assert_eq!(
                        row.program, None,
                        "{}: a family row names no program",
                        row.id
                    );
                }
            }
        }
    }

    #[test]
    fn shared_tests_are_declared_once_and_translated_under_their_family() {
        let find = |name: &str| *ALL.iter().find(|e| e.name == name).unwrap();
        let [poll, epoll] = ["day5-poll", "day5-epoll"].map(|n| tests_of(find(n)));
        let round_trip = |tests: &[Test]| *tests.iter().find(|t| t.id == "round-trip").unwrap();
        let (p, e) = (round_trip(&poll), round_trip(&epoll));
        assert_eq!(p.title_key(), "echo-server--round-trip--title");
        assert_eq!(p.hint_key(), "echo-server-one-thread--round-trip--hint");
        assert_eq!((p.hint, p.points), (e.hint, e.points));
        assert_eq!(p.program, Some("poll-server"));
        assert_eq!(e.program, Some("epoll-server"));
        let slow = epoll.iter().find(|t| t.id == "slow-reader").unwrap();
        assert_eq!(slow.hint_key(), "day5-epoll--slow-reader--hint");
        assert_eq!(slow.title_key(), "one-thread--slow-reader--title");
        let echo = tests_of(find("day2-echo"));
        assert_eq!(round_trip(&echo).points, 2);
        assert_eq!(
            round_trip(&echo).hint_key(),
            "echo-server--round-trip--hint"
        );
    }
}
