//! One module per exercise, each holding its hidden tests in one table, built from the steps
//! of `kit`; families of tests that several exercises share have a module of their own: `echo_server`
//! (the echo-server contract of day2-echo and day 5) and `multiplexing` (a server that serves
//! every client from one thread: day5-poll and day5-epoll).

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
mod day5_epoll;
mod day5_pipe;
mod day5_poll;
mod day5_threads;
mod echo_server;
mod multiplexing;

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
];
