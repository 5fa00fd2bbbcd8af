//! One module per exercise, each holding its hidden tests in one table, built from the steps
//! of `kit`.

use crate::lab::exercise::Exercise;

pub mod kit;

mod day1_endian;
mod day1_fileio;
mod day2_echo;
mod day2_inet;
mod day3_fork;
mod day3_resolve;
mod day3_shutdown;
mod day3_udp;
mod day4_signals;

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
];
