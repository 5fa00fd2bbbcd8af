//! The commands a student types, as the documents write them (docs/maintainers.md, "Commands a
//! student types"): every fenced block whose info string is `sh` holds them, one a line (a `\`
//! at a line's end continues it), and each line's comment says what the text promises of it:
//!
//! - `# prints: TEXT` (Korean `# 출력: TEXT`): its output holds TEXT;
//! - `# exits N` (`# 종료 상태 N`): it exits with status N (else 0);
//! - `# in another terminal` (any comment that names a terminal, `# in two terminals`, Korean
//!   `# 다른 터미널에서`): it runs in a terminal of its own, beside the line before it, which
//!   keeps running too (a server, which prints its `prints:` text once ready); each is waited for
//!   until it prints its text, and stopped with Ctrl+C at the block's end;
//! - `# the server prints: TEXT` (`# 서버 출력: TEXT`): by the block's end, what runs beside it
//!   has printed TEXT.
//!
//! A block a test machine cannot run says why in its info string, `sh (not run: REASON)`; what
//! a terminal showed (a `$` prompt and what came back) is a `console` block. A block in an
//! exercise's section of the course (its `<a id="day2-echo">` heading, up to the next heading of
//! its level or above) runs with that exercise's reference solution in place: the course shows
//! what a working program does. Every other block runs on the stubs as the class receives them.

use std::path::{Path, PathBuf};
use std::time::Duration;

/// A block of commands, where a document has it.
#[derive(Clone, Debug)]
pub struct Block {
    pub doc: String,
    /// The exercise whose section of the course holds it.
    pub exercise: Option<String>,
    /// The line of its opening fence, from 1.
    pub line: usize,
    /// `Some(reason)` for a block marked `(not run: ...)`.
    pub not_run: Option<String>,
    pub commands: Vec<Command>,
}

/// One command line and what its comment promises.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Command {
    pub text: String,
    pub prints: Vec<String>,
    /// What the programs running beside it print by the block's end.
    pub server_prints: Vec<String>,
    pub exits: i32,
    /// Runs beside the line before it.
    pub beside_previous: bool,
    /// Keeps running until the block's end (a line after it runs beside it).
    pub keeps_running: bool,
}

impl Block {
    pub fn place(&self) -> String {
        format!("{}:{}", self.doc, self.line)
    }

    /// The exercises to solve before it runs: its section's.
    pub fn exercises(&self) -> Vec<String> {
        self.exercise.iter().cloned().collect()
    }
}

/// A line without the blockquote's `>` and the list's indentation it sits in.
fn unquoted(line: &str) -> &str {
    line.trim_start_matches(['>', ' '])
}

/// The `sh` blocks of a document, and the problems of blocks that break the convention (a
/// shell block written under another name, a comment the test cannot read).
pub fn blocks(doc: &str, text: &str) -> (Vec<Block>, Vec<String>) {
    let mut blocks = Vec::new();
    let mut problems = Vec::new();
    // The exercise of the section being read: an exercise's anchor names the heading under it.
    let (mut anchor, mut exercise): (Option<String>, Option<String>) = (None, None);
    let mut lines = text.lines().enumerate();
    while let Some((i, line)) = lines.next() {
        if let Some(id) = line
            .strip_prefix("<a id=\"")
            .and_then(|r| r.split('"').next())
        {
            let named = id.starts_with("day") && id[3..].starts_with(|c: char| c.is_ascii_digit());
            anchor = (named && id.contains('-')).then(|| id.to_string());
        }
        if line.starts_with("## ") || line.starts_with("### ") {
            exercise = anchor.take();
        }
        let Some(info) = unquoted(line).strip_prefix("```") else {
            continue;
        };
        let info = info.trim();
        let mut body = Vec::new();
        for (_, l) in lines.by_ref() {
            if unquoted(l).starts_with("```") {
                break;
            }
            body.push(unquoted(l).to_string());
        }
        let lang = info.split_whitespace().next().unwrap_or("");
        if ["bash", "shell", "zsh"].contains(&lang) {
            problems.push(format!(
                "{doc}:{}: a `{lang}` block: commands a student types are `sh` (docs/maintainers.md)",
                i + 1
            ));
        }
        if lang != "sh" {
            continue;
        }
        let not_run = info
            .strip_prefix("sh")
            .map(str::trim)
            .and_then(|rest| rest.strip_prefix("(not run:"))
            .map(|r| r.trim_end_matches(')').trim().to_string());
        if not_run.is_none() && info != "sh" {
            problems.push(format!(
                "{doc}:{}: ```{info}: a block is `sh` or `sh (not run: REASON)`",
                i + 1
            ));
        }
        let commands = commands(&body);
        if not_run.is_none()
            && let Some(c) = commands.iter().find(|c| c.text.starts_with('$'))
        {
            problems.push(format!(
                "{doc}:{}: `{}`: a transcript is a `console` block",
                i + 1,
                c.text
            ));
        }
        blocks.push(Block {
            doc: doc.to_string(),
            exercise: exercise.clone(),
            line: i + 1,
            not_run,
            commands,
        });
    }
    (blocks, problems)
}

/// The commands of a block's lines, continuations joined, comments read.
fn commands(body: &[String]) -> Vec<Command> {
    let mut joined: Vec<String> = Vec::new();
    let mut continued = false;
    for line in body {
        if continued {
            let last = joined.last_mut().unwrap();
            last.push(' ');
            last.push_str(line.trim());
        } else if !line.trim().is_empty() {
            joined.push(line.trim().to_string());
        }
        continued = line.trim_end().ends_with('\\');
        if continued {
            let last = joined.last_mut().unwrap();
            last.truncate(last.trim_end().trim_end_matches('\\').trim_end().len());
        }
    }
    let mut commands: Vec<Command> = joined
        .iter()
        .filter(|l| !l.starts_with('#'))
        .map(|l| command(l))
        .collect();
    for i in 1..commands.len() {
        if commands[i].beside_previous {
            commands[i - 1].keeps_running = true;
            commands[i].keeps_running = true;
        }
    }
    commands
}

/// Where a line's comment starts: a `#` after a blank, outside quotes.
fn comment_at(line: &str) -> Option<usize> {
    let (mut single, mut double) = (false, false);
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\'' if !double => single = !single,
            b'"' if !single => double = !double,
            b'#' if !single && !double && i > 0 && bytes[i - 1] == b' ' => return Some(i),
            _ => {}
        }
    }
    None
}

fn command(line: &str) -> Command {
    let (text, comment) = match comment_at(line) {
        Some(at) => (line[..at].trim(), line[at + 1..].trim()),
        None => (line.trim(), ""),
    };
    let mut prints = Vec::new();
    let mut server_prints = Vec::new();
    let mut exits = 0;
    let mut beside_previous = false;
    // Clauses are cut by `;` (and, in Korean, by `. `).
    for clause in comment.split(';').flat_map(|c| c.split(". ")) {
        let clause = clause.trim();
        if clause.contains("terminal") || clause.contains("터미널") {
            beside_previous = true;
        }
        let said = |marks: &[&str]| {
            marks
                .iter()
                .find_map(|m| clause.split_once(m))
                .map(|(_, text)| text.trim().trim_matches('`').to_string())
        };
        if let Some(text) = said(&["the server prints:", "서버 출력:"]) {
            server_prints.push(text);
        } else if let Some(text) = said(&["prints:", "출력:"]) {
            prints.push(text);
        } else if let Some(n) = clause
            .strip_prefix("exits ")
            .or_else(|| clause.strip_prefix("종료 상태 "))
        {
            exits = n
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .and_then(|d| d.parse().ok())
                .unwrap_or(-1);
        }
    }
    Command {
        text: text.to_string(),
        prints,
        server_prints,
        exits,
        beside_previous,
        keeps_running: false,
    }
}

/// How long a command may take: a cargo build on a busy machine, or a moment.
fn deadline(command: &Command) -> Duration {
    if command.text.contains("cargo ") || command.text.contains("make ") {
        Duration::from_secs(600)
    } else {
        Duration::from_secs(30)
    }
}

/// The bash script that runs a block as a student would, in `dir`, each command's output and
/// status left in `out`: a command another runs beside is started in a process group of its
/// own and waited for until it prints its text; at the end each is stopped as Ctrl+C stops it
/// (SIGINT to its group), and whether it ended is recorded.
pub fn script(block: &Block, dir: &Path, out: &Path) -> String {
    let mut s = String::from(
        "set -u -m\nip link set lo up 2>/dev/null\nready() { # file text pid seconds\n  \
         local end=$((SECONDS + $4)); while [ $SECONDS -lt $end ]; do\n    \
         grep -qF -- \"$2\" \"$1\" 2>/dev/null && return 0; kill -0 \"$3\" 2>/dev/null || break; sleep 0.1\n  \
         done; grep -qF -- \"$2\" \"$1\" 2>/dev/null\n}\n",
    );
    s.push_str(&format!("cd '{}'\npids=()\n", dir.display()));
    for (i, c) in block.commands.iter().enumerate() {
        let file = out.join(format!("{i}.sh"));
        std::fs::write(&file, format!("{}\n", c.text)).unwrap();
        let (log, status) = (
            out.join(format!("{i}.out")),
            out.join(format!("{i}.status")),
        );
        let secs = deadline(c).as_secs();
        if c.keeps_running {
            // A line with nothing to wait for has a moment to start.
            let wait_for = c.prints.first().cloned();
            // A line beside another waits a moment only: what it prints may come after the lines
            // below it (a subscriber's message, once published); it is read again at the end.
            let secs = if c.beside_previous { 3 } else { secs };
            let ready = match &wait_for {
                Some(w) => format!(
                    "ready '{}' '{}' $pid {secs}",
                    log.display(),
                    w.replace('\'', "'\\''")
                ),
                None => "sleep 0.5".to_string(),
            };
            s.push_str(&format!(
                "bash '{f}' >'{log}' 2>&1 </dev/null &\npid=$!; pids+=($pid)\n\
                 if {ready}; then echo ready >'{status}'; else echo not-ready >'{status}'; fi\n",
                f = file.display(),
                log = log.display(),
                status = status.display(),
            ));
        } else {
            s.push_str(&format!(
                "timeout -k 5 {secs} bash '{f}' >'{log}' 2>&1 </dev/null; echo $? >'{status}'\n",
                f = file.display(),
                log = log.display(),
                status = status.display(),
            ));
        }
    }
    s.push_str(&format!(
        "for p in \"${{pids[@]}}\"; do kill -INT -- -$p 2>/dev/null; done\n\
         for p in \"${{pids[@]}}\"; do\n  for _ in $(seq 50); do kill -0 $p 2>/dev/null || break; sleep 0.1; done\n  \
         if kill -0 $p 2>/dev/null; then echo \"$p\" >>'{o}/still-running'; kill -KILL -- -$p; fi\ndone\nwait\n",
        o = out.display()
    ));
    s
}

/// What went wrong with a block run by `script`, one line each.
pub fn outcome(block: &Block, out: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let read = |name: String| std::fs::read_to_string(out.join(name)).unwrap_or_default();
    for (i, c) in block.commands.iter().enumerate() {
        let log = read(format!("{i}.out"));
        let status = read(format!("{i}.status"));
        let shown = || {
            let tail: Vec<&str> = log.lines().rev().take(12).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            tail.join("\n    ")
        };
        if c.keeps_running {
            let printed = c.prints.iter().all(|p| log.contains(p.as_str()));
            if status.trim() != "ready" && !printed {
                problems.push(format!(
                    "{}: `{}` never printed {:?} (a line runs beside it):\n    {}",
                    block.place(),
                    c.text,
                    c.prints.first().map(String::as_str).unwrap_or(""),
                    shown()
                ));
            }
            continue;
        }
        let code: i32 = status.trim().parse().unwrap_or(-1);
        if code != c.exits {
            problems.push(format!(
                "{}: `{}` exited {code}, the text says {}:\n    {}",
                block.place(),
                c.text,
                c.exits,
                shown()
            ));
        }
        for text in &c.prints {
            if !log.contains(text.as_str()) {
                problems.push(format!(
                    "{}: `{}` did not print {text:?}:\n    {}",
                    block.place(),
                    c.text,
                    shown()
                ));
            }
        }
    }
    let beside: String = block
        .commands
        .iter()
        .enumerate()
        .filter(|(_, c)| c.keeps_running)
        .map(|(i, _)| read(format!("{i}.out")))
        .collect();
    for c in &block.commands {
        for text in &c.server_prints {
            if !beside.contains(text.as_str()) {
                problems.push(format!(
                    "{}: after `{}`, what runs beside it never printed {text:?}:\n    {}",
                    block.place(),
                    c.text,
                    beside
                        .lines()
                        .rev()
                        .take(8)
                        .collect::<Vec<_>>()
                        .join("\n    ")
                ));
            }
        }
    }
    if !read("still-running".into()).is_empty() {
        problems.push(format!(
            "{}: a program still ran after Ctrl+C",
            block.place()
        ));
    }
    problems
}

/// Run `script` in a network namespace of its own where one can be had (the lab's fixed ports,
/// 7000 and 1883, are then the block's alone), else on the machine's.
pub fn run_script(script: &str, out: &Path, env: &[(&str, PathBuf)]) {
    let file = out.join("block.sh");
    std::fs::write(&file, script).unwrap();
    // A network and a PID namespace: the block's `pgrep` finds its own programs only.
    const UNSHARE: [&str; 5] = ["-rn", "--pid", "--fork", "--mount-proc", "--kill-child"];
    let isolated = std::process::Command::new("unshare")
        .args(UNSHARE)
        .arg("true")
        .status()
        .is_ok_and(|s| s.success());
    let mut cmd = if isolated {
        let mut c = std::process::Command::new("unshare");
        c.args(UNSHARE).arg("bash").arg(&file);
        c
    } else {
        let mut c = std::process::Command::new("bash");
        c.arg(&file);
        c
    };
    for (k, v) in env {
        cmd.env(k, v);
    }
    let status = cmd.status().unwrap();
    assert!(status.success() || status.code().is_some(), "{status:?}");
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_block_s_comments_say_what_each_line_promises() {
        let text = "<a id=\"day2-echo\"></a>\n### Exercise day2-echo\n> ```sh\n>   cargo run -p day2-echo --bin echo-server -- 7000     # prints: listening on 0.0.0.0:7000\n>   printf 'hello\\n' | nc -N 127.0.0.1 7000    # in another terminal; prints: hello\n>   x -t 'a/#' \\\n>     --y   # exits 1\n> ```\n```sh (not run: needs sudo)\nsudo x\n```\n```bash\nls\n```\n";
        let (blocks, problems) = super::blocks("d.md", text);
        assert_eq!(problems.len(), 1, "{problems:?}");
        let c = &blocks[0].commands;
        assert_eq!(c.len(), 3, "{c:?}");
        assert!(c[0].keeps_running && c[1].beside_previous && c[1].keeps_running);
        assert_eq!(c[1].prints, ["hello"]);
        assert_eq!((c[2].text.as_str(), c[2].exits), ("x -t 'a/#' --y", 1));
        assert_eq!(blocks[0].exercises(), ["day2-echo"]);
        assert_eq!(blocks[1].not_run.as_deref(), Some("needs sudo"));
    }
}
