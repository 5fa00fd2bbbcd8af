//! What happened on the wire during a test, in order, for failure messages and `-v`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::base::escape;
use crate::base::i18n::{Text, msg};
use crate::base::verdict::{Failure, Status};
use crate::observe::stuck::{Stuck, Watched};

/// How long a wait goes before it first asks whether the program is stuck, and how often it
/// asks again: most answers come within the first.
const FIRST_LOOK: Duration = Duration::from_millis(100);
const LOOK_EVERY: Duration = Duration::from_millis(50);

/// Bytes of each send/receive kept in the transcript (the byte counts are always exact).
const SHOWN: usize = 48;

/// What happened on the wire during a test, in order, for failure messages and `-v`.
pub struct Transcript {
    start: Instant,
    lines: Mutex<Vec<Line>>,
    log: Arc<Mutex<Vec<Text>>>,
    /// Bumped by every byte line: the checker's own traffic, which keeps a program from looking
    /// stuck.
    activity: AtomicU64,
    /// Pauses of the checker's own under way (`Transcript::pausing`): the program waits for the
    /// checker then, and is not stuck however long a loaded machine stretches the pause.
    pausing: AtomicU64,
    /// Who is on which of the checker's ports ("client 1"), to say whose socket is whose.
    names: Mutex<HashMap<u16, String>>,
    /// The program the test waits for, shared by the test's transcripts (`Ctx::watch`).
    watched: Arc<Watched>,
}

struct Line {
    at: Duration,
    who: String,
    kind: Kind,
    bytes: usize,
    shown: Vec<u8>,
}

/// What a line of the transcript records.
#[derive(Clone, PartialEq)]
enum Kind {
    Sent,
    Received,
    /// A datagram, with the port it went to.
    SentDatagram(u16),
    /// A datagram, with the port it came from.
    ReceivedDatagram(u16),
    /// Anything else: "connected", "EOF", "server stopped (SIGSTOP)".
    Note(Text),
}

impl Kind {
    /// Bytes of a stream, where consecutive pieces one way read as one line with a total
    /// (datagrams never merge: their boundaries are the point).
    fn merges(&self) -> bool {
        matches!(self, Kind::Sent | Kind::Received)
    }
}

impl Transcript {
    /// A transcript that mirrors itself into `log`, the test's log, and whose waits watch the
    /// test's program (`Ctx::transcript`).
    pub fn new(log: Arc<Mutex<Vec<Text>>>, watched: Arc<Watched>) -> Arc<Transcript> {
        Arc::new(Transcript {
            start: Instant::now(),
            lines: Mutex::new(Vec::new()),
            log,
            activity: AtomicU64::new(0),
            pausing: AtomicU64::new(0),
            names: Mutex::new(HashMap::new()),
            watched,
        })
    }

    /// `who` is on the checker's port `port` (for saying whose socket a program waits on).
    pub fn name_port(&self, port: u16, who: &str) {
        if let Ok(mut names) = self.names.lock() {
            names.insert(port, who.to_string());
        }
    }

    /// Where the program this test waits for is stuck, once it certainly is (see
    /// `observe::stuck`), or idle with a reply due in a test whose replies are due at once
    /// (`Stuck::idle`); `None` while it may still do something.
    pub fn stuck(&self) -> Option<Stuck> {
        if self.pausing.load(Ordering::SeqCst) > 0 {
            return None;
        }
        let names = self.names.lock().map(|n| n.clone()).unwrap_or_default();
        let activity = self.activity.load(Ordering::SeqCst);
        self.watched
            .stuck(activity, &names)
            .or_else(|| self.watched.idle(activity, &names))
    }

    /// The one loop of every wait that gives up once the program under test is stuck:
    /// `attempt(step)` looks (it may wait until `step`, at most 50 ms ahead), until it gives a
    /// value; `Ok(None)` once `deadline` has passed; where the program sleeps once it is stuck,
    /// looked at from 100 ms in (before that, a program that has not yet run looks asleep).
    pub fn wait_or_stuck<T>(
        &self,
        deadline: Instant,
        mut attempt: impl FnMut(Instant) -> Option<T>,
    ) -> Result<Option<T>, Stuck> {
        let began = Instant::now();
        loop {
            let step = (Instant::now() + LOOK_EVERY).min(deadline);
            if let Some(value) = attempt(step) {
                return Ok(Some(value));
            }
            if Instant::now() >= deadline {
                return Ok(None);
            }
            if began.elapsed() >= FIRST_LOOK
                && let Some(stuck) = self.stuck()
            {
                return Err(stuck);
            }
        }
    }

    /// Run `pause`, a wait of the checker's own before it sends more (a hidden server's pause
    /// between pieces): meanwhile the program waits for the checker, and is never stuck. Moves
    /// the activity when it ends, so the stillness counts from then.
    pub fn pausing<T>(&self, pause: impl FnOnce() -> T) -> T {
        self.pausing.fetch_add(1, Ordering::SeqCst);
        let out = pause();
        self.activity.fetch_add(1, Ordering::SeqCst);
        self.pausing.fetch_sub(1, Ordering::SeqCst);
        out
    }

    /// Where the program this test waits for is now, stuck or not (`Watched::now`).
    pub fn program_now(&self) -> Option<Text> {
        let names = self.names.lock().map(|n| n.clone()).unwrap_or_default();
        self.watched.now(&names)
    }

    fn push(&self, who: &str, kind: Kind, data: &[u8]) {
        // Bytes moved by the checker; its notes (a timeout, a FIN, a signal) change nothing
        // for the program, or change what /proc shows of it.
        if !matches!(kind, Kind::Note(_)) {
            self.activity.fetch_add(1, Ordering::SeqCst);
        }
        let mut lines = self.lines.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(last) = lines.last_mut()
            && kind.merges()
            && last.kind == kind
            && last.who == who
        {
            last.bytes += data.len();
            let room = SHOWN.saturating_sub(last.shown.len());
            last.shown.extend_from_slice(&data[..data.len().min(room)]);
            return;
        }
        lines.push(Line {
            at: self.start.elapsed(),
            who: who.to_string(),
            kind,
            bytes: data.len(),
            shown: data[..data.len().min(SHOWN)].to_vec(),
        });
    }

    pub fn sent(&self, who: &str, data: &[u8]) {
        self.push(who, Kind::Sent, data);
    }

    pub fn received(&self, who: &str, data: &[u8]) {
        self.push(who, Kind::Received, data);
    }

    pub fn sent_datagram(&self, who: &str, data: &[u8], to: u16) {
        self.push(who, Kind::SentDatagram(to), data);
    }

    pub fn received_datagram(&self, who: &str, data: &[u8], from: u16) {
        self.push(who, Kind::ReceivedDatagram(from), data);
    }

    /// Anything else worth a line: "connected", "EOF", "reset", "server stopped (SIGSTOP)".
    pub fn note(&self, who: &str, text: impl Into<Text>) {
        self.push(who, Kind::Note(text.into()), &[]);
    }

    /// The transcript as text, keeping the last `max` lines.
    pub fn render(&self, max: usize) -> Text {
        let lines = self.lines.lock().unwrap_or_else(|e| e.into_inner());
        let skip = lines.len().saturating_sub(max);
        let mut out = Vec::new();
        if skip > 0 {
            out.push(msg!("transcript-earlier-lines", n = skip));
        }
        for l in lines.iter().skip(skip) {
            let time = format!("{:>7.3}s", l.at.as_secs_f64());
            let more = if l.bytes > l.shown.len() { "…" } else { "" };
            let data = format!("\"{}\"{more}", escape::bytes(&l.shown));
            let size = msg!("count-byte", n = l.bytes);
            let what = match &l.kind {
                Kind::Sent => msg!("transcript-sent", size = size, data = data),
                Kind::Received => msg!("transcript-received", size = size, data = data),
                Kind::SentDatagram(port) => msg!(
                    "transcript-sent-datagram",
                    size = size,
                    port = port.to_string(),
                    data = data
                ),
                Kind::ReceivedDatagram(port) => msg!(
                    "transcript-received-datagram",
                    size = size,
                    port = port.to_string(),
                    data = data
                ),
                Kind::Note(text) => text.clone(),
            };
            out.push(Text::Plain(format!("{time} {:<14} ", l.who)).then(what));
        }
        Text::lines(out)
    }

    /// Attach the transcript to a failure (not to "not started": there is nothing to see).
    pub fn attach(&self, failure: Failure) -> Failure {
        if failure.status == Status::NotStarted {
            return failure;
        }
        failure.detail(msg!("label-transcript"), self.render(24))
    }
}

impl Drop for Transcript {
    fn drop(&mut self) {
        // Shown with -v.
        let text = self.render(200);
        if let Ok(mut log) = self.log.lock() {
            log.push(text);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::Transcript;
    use crate::base::i18n::{Lang, Messages};

    #[test]
    fn pieces_one_way_merge_and_datagrams_keep_their_boundaries() {
        let t = Transcript::new(Arc::new(Mutex::new(Vec::new())), Arc::default());
        t.sent("client", b"ab");
        t.sent("client", b"cd");
        t.received("client", b"abcd");
        t.sent_datagram("client", b"x", 7);
        t.sent_datagram("client", b"y", 7);
        t.note("checker", "stopped");
        let text = Messages::new(Lang::En).render(&t.render(10));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 5, "{text}");
        assert!(
            lines[0].contains("4 bytes") && lines[0].contains("\"abcd\""),
            "{text}"
        );
        assert!(lines[2].contains("7"), "{text}");
        assert!(lines[4].ends_with("stopped"), "{text}");
    }
}
