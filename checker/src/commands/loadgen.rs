//! `checker __loadgen <port> <bytes>` (internal, for bench/throughput.sh): push bytes through an
//! echo server with the checker's own load generator and print MB/s.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use crate::observe::wire;

pub fn run() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(2).collect();
    let (Some(port), Some(bytes)) = (
        args.first().and_then(|p| p.parse().ok()),
        args.get(1).and_then(|b| b.parse().ok()),
    ) else {
        eprintln!("usage: checker __loadgen <port> <bytes>");
        return ExitCode::from(2);
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    match wire::echo_throughput(port, bytes, (deadline, None), || None) {
        Ok(rate) => {
            println!("{rate:.0}");
            ExitCode::SUCCESS
        }
        Err(f) => {
            let en = crate::base::i18n::Messages::new(crate::base::i18n::Lang::En);
            eprintln!("loadgen: {}", en.render(&f.summary));
            ExitCode::from(1)
        }
    }
}
