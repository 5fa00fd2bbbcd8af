//! The kinds of error a test can meet beyond a plain wrong answer (`verdict::Failure::kind`,
//! which chooses a failure's hint), and their names in the machine reports.

/// The kinds of error a test can meet, beyond a plain wrong answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureKind {
    NotStarted,
    Panic,
    Crash,
    /// The code did not return or answer in time.
    Timeout,
    /// connect() got ECONNREFUSED: nobody listens on that port.
    Refused,
    /// The peer sent RST (ECONNRESET) while we talked.
    Reset,
    /// The peer closed (EOF) before sending everything it should.
    EarlyEof,
    /// bind() got EADDRINUSE.
    AddressInUse,
    /// The program never printed its `listening on <ip>:<port>` line.
    NoListeningLine,
    /// The program printed something the contract does not allow, or in the wrong shape.
    BadOutput,
    /// The program exited with a status the contract does not allow.
    BadExit,
    /// A rule of the exercise (clippy.toml, [lints]) was broken.
    Rule,
    /// A C exercise's code makes none of the calls its lesson is about (a rule read from what
    /// it imports): judged only once the code gets past its TODOs, as a stub makes none yet.
    MissingCall,
    /// The test could not create the condition it judges under (`Failure::premise_not_reached`).
    PremiseNotReached,
}

impl FailureKind {
    /// The kind as the JSON report names it (the class page reads it back: `of_name`).
    pub fn name(self) -> &'static str {
        match self {
            FailureKind::NotStarted => "not-started",
            FailureKind::Panic => "panic",
            FailureKind::Crash => "crash",
            FailureKind::Timeout => "timeout",
            FailureKind::Refused => "refused",
            FailureKind::Reset => "reset",
            FailureKind::EarlyEof => "early-eof",
            FailureKind::AddressInUse => "address-in-use",
            FailureKind::NoListeningLine => "no-listening-line",
            FailureKind::BadOutput => "bad-output",
            FailureKind::BadExit => "bad-exit",
            FailureKind::Rule => "rule",
            FailureKind::MissingCall => "missing-call",
            FailureKind::PremiseNotReached => "premise-not-reached",
        }
    }

    /// The kind a report names `name`.
    pub fn of_name(name: &str) -> Option<FailureKind> {
        FAILURE_KINDS.iter().copied().find(|k| k.name() == name)
    }
}

/// Every kind, for checks that go through all the explanations.
pub const FAILURE_KINDS: &[FailureKind] = &[
    FailureKind::NotStarted,
    FailureKind::Panic,
    FailureKind::Crash,
    FailureKind::Timeout,
    FailureKind::Refused,
    FailureKind::Reset,
    FailureKind::EarlyEof,
    FailureKind::AddressInUse,
    FailureKind::NoListeningLine,
    FailureKind::BadOutput,
    FailureKind::BadExit,
    FailureKind::Rule,
    FailureKind::MissingCall,
    FailureKind::PremiseNotReached,
];
