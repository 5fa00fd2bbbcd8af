//! What a test concluded, and everything a failure tells the student.

use crate::base::i18n::{Text, msg};

pub use crate::base::failure_kind::{FAILURE_KINDS, FailureKind};

/// The status of one test, as every report format names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Pass,
    Fail,
    /// The checker could not run the test (its own problem, or the machine's).
    Error,
    /// The code under test is still a `todo!()`.
    NotStarted,
    DoesNotCompile,
    /// The test does not apply to this program (a `--program` server that prints no
    /// `listening on` line has no line to check): neither passed nor failed, worth no points.
    NotApplicable,
    /// The test failed on time while the machine starved it of CPU, and again when judged alone:
    /// the machine's failure, not the student's. It earns nothing and its points stay in the
    /// maximum (a busy runner must never raise a score); machine reports spell it `error`,
    /// with a message that says why and to grade again.
    Unjudged,
}

impl Status {
    /// The status in the reader's words (the machine reports keep their own names).
    pub fn words(self) -> Text {
        match self {
            Status::Pass => msg!("status-pass"),
            Status::Fail => msg!("status-fail"),
            Status::Error => msg!("status-error"),
            Status::NotStarted => msg!("status-not-started"),
            Status::DoesNotCompile => msg!("status-does-not-compile"),
            Status::NotApplicable => msg!("status-not-applicable"),
            Status::Unjudged => msg!("status-unjudged"),
        }
    }

    /// The status as every machine report names it (the JSON and JUnit reports, the Exercism
    /// test-runner interface): the one spelling of it.
    pub fn name(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Error => "error",
            Status::NotStarted => "not-started",
            Status::DoesNotCompile => "does-not-compile",
            Status::NotApplicable => "not-applicable",
            Status::Unjudged => "error",
        }
    }

    /// Whether the test's points count among those possible: for every test but one that does
    /// not apply. A test the machine kept from being judged keeps its points in the maximum and
    /// earns none: leaving it out would raise the score of a program that fails it (every
    /// report's points follow).
    pub fn is_scored(self) -> bool {
        self != Status::NotApplicable
    }
}

/// How starved of CPU the machine was while a test ran: the time during which some runnable
/// task waited for a CPU (the kernel's pressure stall information, "some"; of the checker's own
/// tasks and programs where they have a cgroup of their own), over the test's wall time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Starvation {
    pub stalled: std::time::Duration,
    pub over: std::time::Duration,
}

impl Starvation {
    /// From this share of the wall time on, a failure on time may be the machine's: judge again.
    /// Grading alone on an idle 2-core machine stays under a tenth; a browser and an IDE beside
    /// it, or another grading, take it past a half.
    pub const STARVED: f64 = 0.25;

    pub fn share(&self) -> f64 {
        if self.over.is_zero() {
            return 0.0;
        }
        self.stalled.as_secs_f64() / self.over.as_secs_f64()
    }

    /// Starved for long enough to matter: a share of a few milliseconds says nothing.
    pub fn is_starved(&self) -> bool {
        self.over >= std::time::Duration::from_millis(200) && self.share() >= Self::STARVED
    }

    /// For a report: "63% of 2.1 s".
    pub fn figures(&self) -> Text {
        msg!(
            "starvation-figures",
            percent = format!("{:.0}", self.share() * 100.0),
            seconds = format!("{:.1}", self.over.as_secs_f64())
        )
    }
}

pub type TestResult = Result<(), Failure>;

/// A failed test: what went wrong, with the evidence.
#[derive(Debug, Clone)]
pub struct Failure {
    pub status: Status,
    /// Why it failed, in one or two lines (e.g. "htonl(0x01020304): expected bytes 01 02 03 04,
    /// got 04 03 02 01").
    pub summary: Text,
    /// Labelled evidence, shown in order: ("sent", ...), ("expected", ...), ("got", ...).
    pub details: Vec<(Text, Text)>,
    /// The kind of error, which chooses the hint; `None` keeps the test's own hint.
    pub kind: Option<FailureKind>,
    /// What the program's state showed, where it says more than the kind: it chooses the hint
    /// over the kind (a stuck program ran out of nothing, whatever a timeout's hint would say).
    pub diagnosis: Option<Diagnosis>,
    /// A hint specific to this failure, shown before the general one.
    pub note: Option<Text>,
    /// A command that reproduces the exchange by hand (e.g. with nc).
    pub reproduce: Option<Text>,
    /// What the program printed, already escaped, if it helps.
    pub output: Option<String>,
    /// What came back proves the failure whatever the timing (lines in two orders, a line no
    /// one sent): a busy machine cannot have caused it, so it is never judged again.
    pub proven: bool,
    /// Where the program was, each also among `details` (see `whereabouts`).
    pub whereabouts: Vec<(Whereabouts, Text)>,
    /// The test saw only silence where the program had to act (a connection it should have
    /// closed left open, a thread or a child not yet gone, an answer not yet given when a wait
    /// ran out): a busy machine's starved program shows the same, so it is judged as a timeout
    /// is (`grade::runner::rejudge`), while its kind, if any, still chooses the hint.
    pub only_silence: bool,
}

impl Failure {
    /// The code gave a wrong answer.
    pub fn wrong(summary: impl Into<Text>) -> Self {
        Failure {
            status: Status::Fail,
            summary: summary.into(),
            details: Vec::new(),
            kind: None,
            diagnosis: None,
            note: None,
            reproduce: None,
            output: None,
            proven: false,
            whereabouts: Vec::new(),
            only_silence: false,
        }
    }

    /// Failed with a kind of error that has its own explanation (refused, timeout, ...).
    pub fn of_kind(kind: FailureKind, summary: impl Into<Text>) -> Self {
        Failure {
            kind: Some(kind),
            ..Failure::wrong(summary)
        }
    }

    /// The code under test hit a `todo!()`.
    pub fn not_started(summary: impl Into<Text>) -> Self {
        Failure {
            status: Status::NotStarted,
            kind: Some(FailureKind::NotStarted),
            ..Failure::wrong(summary)
        }
    }

    /// The test does not apply to the program graded (say why).
    pub fn not_applicable(summary: impl Into<Text>) -> Self {
        Failure {
            status: Status::NotApplicable,
            ..Failure::wrong(summary)
        }
    }

    /// The test could not create the condition it judges the program under (its buffers full,
    /// a send of it cut short, ...): whatever the program did then proves nothing either way,
    /// so it is neither a pass nor a failure. The grading judges it again alone, and it could
    /// not be judged if it cannot the second time either (`grade::runner::rejudge`).
    pub fn premise_not_reached(summary: impl Into<Text>) -> Self {
        Failure {
            status: Status::Unjudged,
            kind: Some(FailureKind::PremiseNotReached),
            ..Failure::wrong(summary)
        }
    }

    /// The test could not create its condition (`premise_not_reached`).
    pub fn is_premise_not_reached(&self) -> bool {
        self.kind == Some(FailureKind::PremiseNotReached)
    }

    /// The checker itself could not run the test.
    pub fn checker_error(summary: impl Into<Text>) -> Self {
        Failure {
            status: Status::Error,
            ..Failure::wrong(summary)
        }
    }

    pub fn detail(mut self, label: impl Into<Text>, text: impl Into<Text>) -> Self {
        self.details.push((label.into(), text.into()));
        self
    }

    pub fn note(mut self, note: impl Into<Text>) -> Self {
        self.note = Some(note.into());
        self
    }

    pub fn kind(mut self, kind: FailureKind) -> Self {
        self.kind = Some(kind);
        self
    }

    /// Where the program was: shown as a detail under its label, and kept as evidence.
    pub fn whereabouts(mut self, kind: Whereabouts, text: impl Into<Text>) -> Self {
        let text = text.into();
        self.details.push((kind.label(), text.clone()));
        self.whereabouts.push((kind, text));
        self
    }

    pub fn diagnosed(mut self, diagnosis: Diagnosis) -> Self {
        self.diagnosis = Some(diagnosis);
        self
    }

    /// The program was found stuck (asleep where nothing will wake it): nothing more will come
    /// from it, so a test that was still waiting can stop.
    pub fn is_stuck(&self) -> bool {
        matches!(
            self.diagnosis,
            Some(
                Diagnosis::Stuck
                    | Diagnosis::ClientWithoutTimeout
                    | Diagnosis::HoldsUnread
                    | Diagnosis::UnreadOnEdge
                    | Diagnosis::PollsNothing
                    | Diagnosis::SpinsAtEof
                    | Diagnosis::SpinsWithoutAccepting
                    | Diagnosis::Spins
            )
        )
    }

    /// The program's own state, or what it sent, proves the failure however busy the machine:
    /// it spins, it dropped a connection it never read, or it answered what no timing
    /// explains (`Diagnosis::is_certain`). Such a failure is never judged again. A program seen
    /// asleep (stuck) is not certain: a starved run is judged again, alone.
    pub fn is_certain(&self) -> bool {
        self.proven || self.diagnosis.is_some_and(Diagnosis::is_certain)
    }

    /// The test saw only silence where the program had to act (see `only_silence`): judged as
    /// a timeout is, with the test's own hint.
    pub fn only_silence(mut self) -> Self {
        self.only_silence = true;
        self
    }

    /// What came back proves this failure whatever the timing (see `proven`).
    pub fn proven(mut self) -> Self {
        self.proven = true;
        self
    }

    pub fn reproduce(mut self, command: impl Into<Text>) -> Self {
        self.reproduce = Some(command.into());
        self
    }

    /// What the program printed. Not for a `todo!()`: a stub reads "not started", and its
    /// panic message would only say so less clearly.
    pub fn output(mut self, output: impl Into<String>) -> Self {
        let output = output.into();
        if !output.trim().is_empty() && self.status != Status::NotStarted {
            self.output = Some(output);
        }
        self
    }
}

/// A problem inside the checker (a socket it could not open, ...) becomes an "error" verdict,
/// never a panic and never a pass.
impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::checker_error(msg!("checker-could-not-run", error = format!("{e:#}")))
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::from(anyhow::Error::from(e))
    }
}

/// What the program's state said when a test failed, beyond the kind of error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Diagnosis {
    /// Stuck: asleep in blocking calls that nothing will end, nothing moving (the failure's
    /// "where it waits" says where).
    Stuck,
    /// A client stuck so, in a receive (or a send) on a socket with no timeout set on it: only
    /// its peer, which sends nothing more, could end it.
    ClientWithoutTimeout,
    /// Held still with a reply due, asleep at every look with nothing moving, though timers of
    /// its own woke it (`observe::stuck::idle`). Not stuck: a starved run is judged again.
    Idle,
    /// A server stuck in accept() while a connection it accepted holds the client's bytes
    /// unread: it went back for the next client without serving this one.
    HoldsUnread,
    /// A server asleep in epoll_wait while a connection holds the client's bytes unread: the
    /// edge that announced them is spent (EPOLLET), and it stopped reading before EAGAIN.
    UnreadOnEdge,
    /// Every thread asleep in poll on no descriptor at all (nfds 0) with no timeout: only a
    /// signal could end that wait, so it is certain however busy the machine.
    PollsNothing,
    /// A server closed the connection without sending a byte back and with what the client
    /// sent unread: its kernel reset the connection, as it does a socket closed with unread
    /// bytes (or one already closed when the bytes came). A certain failure, not a slow one.
    ClosedUnread,
    /// A program that does not sleep but spins in system calls, nothing of its sockets moving,
    /// beside a connection whose peer has closed (CLOSE_WAIT, nothing left to read): it takes
    /// read() returning 0 for "no data yet". Nothing will come: as certain as stuck.
    SpinsAtEof,
    /// A server that holds no socket but listening ones spins in system calls, nothing of its
    /// sockets moving, while connections wait to be accepted: an accept() on the wrong
    /// descriptor retried on every error. Watched three times as long as a sleeper (no read of
    /// 0 proves the loop), then as certain as stuck.
    SpinsWithoutAccepting,
    /// A server listens on the port it was given with its two bytes swapped (the kernel's table
    /// shows it): the port went into `sin_port` without `htons()`. Nothing failed in bind().
    PortByteOrder,
    /// The bytes that came back are the data cut at its first NUL byte: it went through a C
    /// string (strlen, fgets, %s) on its way.
    CutAtNul,
    /// A program (or a call) that only had to end ran on the CPU far longer than its work takes
    /// without ending: it retries for ever an error that will not go away (or a read of 0).
    /// CPU time, not time: a busy machine does not add to it, so as certain as stuck.
    Spins,
}

/// Where the program was, as a failure shows it: evidence a test that replaces one failure by
/// another carries over (`observe::wire::where_it_waits`), chosen by what it is, not by its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whereabouts {
    /// The call it is asleep in, nothing moving (stuck).
    Waits,
    /// The calls it spins in.
    Spins,
    /// Where it was when the test's time ran out (not stuck: it may have been about to move).
    WhenTimeRanOut,
}

impl Whereabouts {
    /// The label it is shown under.
    pub fn label(self) -> Text {
        match self {
            Whereabouts::Waits => msg!("label-where-it-waits"),
            Whereabouts::Spins => msg!("label-where-it-spins"),
            Whereabouts::WhenTimeRanOut => msg!("label-when-time-ran-out"),
        }
    }
}

impl Diagnosis {
    /// Whether the program's state proves the failure however busy the machine. A program
    /// that spins used CPU time, which a busy machine does not add to; a kernel that reset a
    /// connection its program closed unread shows what was done. A program seen asleep with
    /// nothing moving (stuck, holding bytes unread, a client without a timeout) is not proof on
    /// a starved machine: the wake-up it was owed, or the checker's own next bytes, may have
    /// waited for a CPU past the watch's half second (a correct day5-pipe server and a tokio
    /// chat server were both taken for stuck at loads of 25 to 33).
    pub fn is_certain(self) -> bool {
        match self {
            Diagnosis::Spins
            | Diagnosis::SpinsAtEof
            | Diagnosis::SpinsWithoutAccepting
            | Diagnosis::PollsNothing
            | Diagnosis::ClosedUnread => true,
            // Certain where a failure proves them (`Failure::proven`: a wrong byte after the
            // NUL, the port's swapped bytes in the kernel's table), not by themselves: an echo
            // that only stopped at a NUL may have been late.
            Diagnosis::PortByteOrder | Diagnosis::CutAtNul => false,
            Diagnosis::Stuck
            | Diagnosis::ClientWithoutTimeout
            | Diagnosis::HoldsUnread
            | Diagnosis::UnreadOnEdge
            | Diagnosis::Idle => false,
        }
    }

    /// The diagnosis a report names `name`.
    pub fn of_name(name: &str) -> Option<Diagnosis> {
        DIAGNOSES.iter().copied().find(|d| d.name() == name)
    }

    /// The diagnosis as the JSON report names it.
    pub fn name(self) -> &'static str {
        match self {
            Diagnosis::Stuck => "stuck",
            Diagnosis::ClientWithoutTimeout => "client-without-timeout",
            Diagnosis::Idle => "idle",
            Diagnosis::HoldsUnread => "holds-unread",
            Diagnosis::UnreadOnEdge => "unread-on-edge",
            Diagnosis::PollsNothing => "polls-nothing",
            Diagnosis::ClosedUnread => "closed-unread",
            Diagnosis::SpinsAtEof => "spins-at-eof",
            Diagnosis::SpinsWithoutAccepting => "spins-without-accepting",
            Diagnosis::Spins => "spins",
            Diagnosis::PortByteOrder => "port-byte-order",
            Diagnosis::CutAtNul => "cut-at-nul",
        }
    }
}

/// Every diagnosis, for checks that go through all the explanations.
pub const DIAGNOSES: &[Diagnosis] = &[
    Diagnosis::Stuck,
    Diagnosis::ClientWithoutTimeout,
    Diagnosis::Idle,
    Diagnosis::HoldsUnread,
    Diagnosis::UnreadOnEdge,
    Diagnosis::PollsNothing,
    Diagnosis::ClosedUnread,
    Diagnosis::SpinsAtEof,
    Diagnosis::SpinsWithoutAccepting,
    Diagnosis::Spins,
    Diagnosis::PortByteOrder,
    Diagnosis::CutAtNul,
];
