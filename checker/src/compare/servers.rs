//! Which servers `checker compare` measures: every exercise whose program takes the
//! echo-server contract (its round trip, not only its listening line) or the chat contract, as
//! the exercise tables declare them, so a new exercise that takes a family (day 6's async
//! servers) is compared as soon as it exists; plus the servers graded by tests of their own
//! (`OWN_TESTS`: day3-fork's echo server, day7-broker's MQTT broker); plus programs from
//! elsewhere (`--program`), and mosquitto beside the brokers where it is installed.

use std::path::PathBuf;

use crate::lab::exercise::Exercise;

/// The load a server is measured under: what its contract makes comparable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Contract {
    /// Every byte comes back: round trips.
    Echo,
    /// Every line goes to every client: lines to everyone.
    Chat,
    /// An MQTT broker: every client subscribes to one topic, and each message published to it
    /// goes to every subscriber (the chat load, spoken in MQTT 3.1.1).
    Mqtt,
}

/// Every contract, in the order the report shows them.
pub const CONTRACTS: [Contract; 3] = [Contract::Echo, Contract::Chat, Contract::Mqtt];

impl Contract {
    pub fn name(self) -> &'static str {
        match self {
            Contract::Echo => "echo",
            Contract::Chat => "chat",
            Contract::Mqtt => "mqtt",
        }
    }
}

/// Servers graded by tests of their own rather than by a family: day3-fork's echo server (its
/// tests watch its processes; day4-signals and day5-pipe add timeouts and logging to the same
/// design, so they would only repeat it) and day7-broker's MQTT broker.
const OWN_TESTS: &[(&str, &str, Contract)] = &[
    ("day3-fork", "fork-server", Contract::Echo),
    ("day7-broker", "mqtt-broker", Contract::Mqtt),
];

/// One server to measure.
#[derive(Clone)]
pub struct Contestant {
    /// The name it is shown under: its program's name.
    pub name: String,
    /// The exercise that builds it (`None` for a program from elsewhere).
    pub exercise: Option<&'static Exercise>,
    pub contract: Contract,
    /// A program given with `--program NAME=PATH`, not built from the lab.
    pub outside: Option<PathBuf>,
    /// What its exercise gives the program after its port (`Takes::args`).
    pub args: &'static [&'static str],
}

/// The lab's servers, in course order.
pub fn of_the_lab(exercises: &[&'static Exercise]) -> Vec<Contestant> {
    let mut found = Vec::new();
    for &exercise in exercises {
        let mut add = |program: &str, contract, args: &'static [&'static str]| {
            if !found
                .iter()
                .any(|c: &Contestant| c.name == program && c.exercise.is_some())
            {
                found.push(Contestant {
                    name: program.to_string(),
                    exercise: Some(exercise),
                    contract,
                    outside: None,
                    args,
                });
            }
        };
        for takes in exercise.families {
            match takes.family.name {
                "echo-server" if takes.shares("round-trip") => {
                    add(takes.program, Contract::Echo, takes.args)
                }
                "chat" => add(takes.program, Contract::Chat, takes.args),
                _ => {}
            }
        }
        for &(name, program, contract) in OWN_TESTS {
            if name == exercise.name {
                add(program, contract, &[]);
            }
        }
    }
    found
}

/// A program from elsewhere: measured as a chat server if its name says chat, as an MQTT broker
/// if it says mqtt, broker or mosquitto, else as an echo server. Named like a lab server, it
/// takes that server's place.
pub fn outside(name: &str, path: PathBuf, lab: &mut Vec<Contestant>) {
    let contract = if name.contains("chat") {
        Contract::Chat
    } else if ["mqtt", "broker", "mosquitto"]
        .iter()
        .any(|w| name.contains(w))
    {
        Contract::Mqtt
    } else {
        Contract::Echo
    };
    lab.retain(|c| c.name != name);
    lab.push(Contestant {
        name: name.to_string(),
        exercise: None,
        contract,
        outside: Some(path),
        args: &[],
    });
}

/// Eclipse Mosquitto, the production broker, measured beside the lab's brokers where Debian's
/// `mosquitto` is installed: through `mosquitto-as-broker.sh`, which runs it in day7-broker's
/// subset as `mqtt-broker <port>`.
pub fn mosquitto(lab: &std::path::Path) -> Option<Contestant> {
    let wrapper = lab.join("solutions/day7-broker/mosquitto-as-broker.sh");
    let installed = [
        "/usr/sbin/mosquitto",
        "/usr/bin/mosquitto",
        "/usr/local/sbin/mosquitto",
    ]
    .iter()
    .any(|p| std::path::Path::new(p).is_file());
    (installed && wrapper.is_file()).then(|| Contestant {
        name: "mosquitto".to_string(),
        exercise: None,
        contract: Contract::Mqtt,
        outside: Some(wrapper),
        args: &[],
    })
}

/// Whether `target` (an exercise, a day, a program, `echo`, `chat` or `mqtt`) names `c`.
pub fn named_by(c: &Contestant, target: &str) -> bool {
    let exercise = c.exercise.map(|e| e.name).unwrap_or("");
    target == c.name
        || target == exercise
        || target == c.contract.name()
        || (target.starts_with("day") && exercise.starts_with(&format!("{target}-")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lab_compares_its_echo_and_chat_servers_in_course_order() {
        let lab = of_the_lab(crate::exercises::ALL);
        let names: Vec<(&str, Contract)> =
            lab.iter().map(|c| (c.name.as_str(), c.contract)).collect();
        let echo = |n| (n, Contract::Echo);
        // Day 6's async servers join by taking the families; these are there already.
        for expected in [
            echo("echo-server"),
            echo("fork-server"),
            echo("poll-server"),
            echo("epoll-server"),
            ("chat-server", Contract::Chat),
        ] {
            assert!(names.contains(&expected), "{expected:?} in {names:?}");
        }
        let position = |n: &str| names.iter().position(|(m, _)| *m == n).unwrap();
        assert!(position("echo-server") < position("fork-server"));
        assert!(position("fork-server") < position("poll-server"));
        assert!(!names.iter().any(|(n, _)| *n == "echo-client"));
        assert!(lab.iter().any(|c| named_by(c, "day5")));
        assert!(lab.iter().filter(|c| named_by(c, "chat")).count() >= 1);
    }

    #[test]
    fn a_program_from_elsewhere_is_added_or_takes_a_lab_servers_place() {
        let mut lab = of_the_lab(crate::exercises::ALL);
        let before = lab.len();
        outside("c-echo", PathBuf::from("/bin/true"), &mut lab);
        assert_eq!(lab.len(), before + 1);
        outside("poll-server", PathBuf::from("/bin/true"), &mut lab);
        assert_eq!(lab.len(), before + 1);
        outside("my-chat", PathBuf::from("/bin/true"), &mut lab);
        assert_eq!(lab.last().unwrap().contract, Contract::Chat);
    }
}
