//! The copy program: files made with tempfile, stdin and stdout, and each error of its contract.

use super::{COPY, random_sized};
use crate::base::escape;
use crate::base::i18n::{Text, msg};
use crate::base::verdict::FailureKind;
use crate::base::verdict::{Diagnosis, Failure, Status, TestResult};
use crate::contain::program::Program;
use crate::contain::spawn::Input;
use crate::context::Ctx;
use crate::exercises::kit::{errors, run};
use crate::lab::exercise::secs;
use crate::observe::wire::differ;
use nix::errno::Errno;
use std::os::fd::AsRawFd;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::ExitStatus;
use std::time::{Duration, Instant};

/// One run of copy, finished.
struct Run {
    status: ExitStatus,
    stdout: Vec<u8>,
    stderr: String,
    program: Program,
    shown: String,
}

/// Run `copy <args>` in `dir` under `umask` until it exits, with `input` (if any) fed to its
/// stdin in pieces.
fn run_copy(
    ctx: &Ctx,
    dir: &Path,
    umask: u32,
    args: &[&str],
    input: Option<&[u8]>,
) -> Result<Run, Failure> {
    run_copy_within(ctx, dir, umask, args, input, None)
}

/// `run_copy`, for a run whose work takes milliseconds: one that runs `cpu` on the CPU without
/// exiting spins (an error retried for ever), and fails then rather than at the deadline.
fn run_copy_within(
    ctx: &Ctx,
    dir: &Path,
    umask: u32,
    args: &[&str],
    input: Option<&[u8]>,
    cpu: Option<Duration>,
) -> Result<Run, Failure> {
    let copy = ctx.program(COPY)?;
    let shown = format!("copy {}", shell_words(args));
    // The umask is the program's own: set it in a shell that then becomes the program.
    let mut spawn = ctx
        .spawn("/bin/sh", COPY)
        .arg("-c")
        .arg(format!("umask {umask:03o} && exec \"$0\" \"$@\""))
        .arg(copy.program)
        .args(args)
        .stdin(if input.is_some() {
            Input::Pipe
        } else {
            Input::Null
        });
    spawn.cwd = Some(dir.to_path_buf());
    let mut program = spawn.start()?;
    if let Some(input) = input {
        feed_in_pieces(&mut program, input, ctx.within(secs(5)))?;
    }
    let (finished, spun) = match cpu {
        Some(cpu) => run::wait_for_exit_or_spin(ctx, program, secs(15), cpu),
        None => (run::wait_for_exit(ctx, program, secs(15)), None),
    };
    if let Some(ran) = spun {
        return Err(Failure::wrong(msg!(
            "fileio-copy-spins",
            command = &shown,
            ms = ran.as_millis().to_string()
        ))
        .diagnosed(Diagnosis::Spins));
    }
    let Some(status) = finished.status else {
        return Err(Failure::of_kind(
            FailureKind::Timeout,
            msg!("fileio-did-not-exit", command = &shown),
        )
        .note(msg!("fileio-read-loop-end")));
    };
    Ok(Run {
        status,
        stdout: finished.stdout,
        stderr: finished.stderr,
        program: finished.program,
        shown,
    })
}

fn shell_words(args: &[&str]) -> String {
    args.iter()
        .map(|a| escape::shell_word(a))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Run {
    /// The run must have succeeded.
    fn expect_success(&mut self) -> TestResult {
        if self.status.success() {
            return Ok(());
        }
        Err(unless_not_started(
            self.program
                .unexpected_exit(msg!("fileio-on-command", command = &self.shown)),
            |f| f.note(msg!("fileio-should-have-worked")),
        ))
    }
}

/// Explain a failure further, unless it is a `todo!()`: that one says all there is to say.
fn unless_not_started(f: Failure, explain: impl FnOnce(Failure) -> Failure) -> Failure {
    if f.status == Status::NotStarted {
        f
    } else {
        explain(f)
    }
}

/// A scratch directory for one test, inside the test's own (where copy may write).
fn scratch(ctx: &Ctx) -> Result<tempfile::TempDir, Failure> {
    ctx.scratch("copy-")
}

fn read_file(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| {
        Failure::wrong(msg!(
            "fileio-cannot-read",
            path = path.display().to_string(),
            error = e.to_string()
        ))
    })
}

/// The destination must hold exactly `expected`; `note` explains a recognised wrong content.
fn expect_content(
    run: &Run,
    expected: &[u8],
    got: &[u8],
    note: impl Fn(&[u8]) -> Option<Text>,
) -> TestResult {
    if got == expected {
        return Ok(());
    }
    let mut f = Failure::wrong(msg!("fileio-destination-differs", command = &run.shown));
    f = differ(f, expected, got);
    if let Some(text) = note(got) {
        f = f.note(text);
    }
    Err(f)
}

/// What a copy that lost or added bytes probably did.
fn content_note(source: &[u8], got: &[u8]) -> Option<Text> {
    if got.len() < source.len() && source.starts_with(got) {
        Some(msg!(
            "fileio-only-first-copied",
            size = msg!("count-byte", n = got.len())
        ))
    } else if got.len() > source.len() && got.starts_with(source) {
        Some(msg!("fileio-longer-than-source"))
    } else {
        None
    }
}

pub(super) fn copy_files(ctx: &mut Ctx) -> TestResult {
    let dir = scratch(ctx)?;
    let sizes = [
        0,
        1,
        4095,
        4096,
        4097,
        65_537,
        ctx.rng.usize(100_000..1_000_000),
        8 << 20,
    ];
    for size in sizes {
        let content = ctx.random_bytes(size);
        let src = dir.path().join(format!("source-{size}.bin"));
        let dst = dir.path().join(format!("copy-{size}.bin"));
        std::fs::write(&src, &content)?;
        let mut run = copy_paths(ctx, dir.path(), 0o022, &[], &src, &dst)?;
        run.expect_success()?;
        let got = read_file(&dst)?;
        let copy = ctx.by_hand(COPY);
        expect_content(&run, &content, &got, |got| content_note(&content, got)).map_err(|f| {
            f.reproduce(format!(
                "head -c {size} /dev/urandom > src.bin && {copy} src.bin dst.bin && cmp src.bin dst.bin"
            ))
        })?;
        std::fs::remove_file(&src)?;
        std::fs::remove_file(&dst)?;
    }
    Ok(())
}

fn path_arg(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// Run `copy [flags] src dst` in `dir` under `umask`, with no input.
fn copy_paths(
    ctx: &Ctx,
    dir: &Path,
    umask: u32,
    flags: &[&str],
    src: &Path,
    dst: &Path,
) -> Result<Run, Failure> {
    let (src, dst) = (path_arg(src), path_arg(dst));
    let args: Vec<&str> = flags
        .iter()
        .copied()
        .chain([src.as_str(), dst.as_str()])
        .collect();
    run_copy(ctx, dir, umask, &args, None)
}

pub(super) fn copy_truncate(ctx: &mut Ctx) -> TestResult {
    let dir = scratch(ctx)?;
    for (new_len, old_len) in [
        (ctx.rng.usize(1000..5000), ctx.rng.usize(10_000..20_000)),
        (0, 3000),
    ] {
        let content = ctx.random_bytes(new_len);
        let old = ctx.random_bytes(old_len);
        let src = dir.path().join("new.bin");
        let dst = dir.path().join("existing.bin");
        std::fs::write(&src, &content)?;
        std::fs::write(&dst, &old)?;
        let mut run = copy_paths(ctx, dir.path(), 0o022, &[], &src, &dst)?;
        run.expect_success()?;
        let got = read_file(&dst)?;
        expect_content(&run, &content, &got, |got| {
            if got.len() == old.len()
                && got.starts_with(&content)
                && got.ends_with(&old[content.len()..])
            {
                Some(msg!(
                    "fileio-old-bytes-remain",
                    old = msg!("count-byte", n = old.len()),
                    new = msg!("count-byte", n = content.len())
                ))
            } else if got == [old.as_slice(), content.as_slice()].concat() {
                Some(msg!("fileio-added-after-old"))
            } else {
                content_note(&content, got)
            }
        })?;
    }
    Ok(())
}

pub(super) fn copy_append(ctx: &mut Ctx) -> TestResult {
    let dir = scratch(ctx)?;
    let dst = dir.path().join("log.bin");
    let first = random_sized(ctx, 1000..5000);
    std::fs::write(&dst, &first)?;
    let mut expected = first.clone();
    for round in 0..2 {
        // More than any common buffer (4 to 64 KiB) holds and short of the next power of two,
        // so a copy that reads only once fails here whatever the seed, never by luck.
        let more = random_sized(ctx, 100_000..120_000);
        let src = dir.path().join(format!("more-{round}.bin"));
        std::fs::write(&src, &more)?;
        let mut run = copy_paths(ctx, dir.path(), 0o022, &["--append"], &src, &dst)?;
        run.expect_success()?;
        let before = expected.clone();
        expected.extend_from_slice(&more);
        let got = read_file(&dst)?;
        expect_content(&run, &expected, &got, |got| {
            if got == more {
                Some(msg!("fileio-old-content-gone"))
            } else if got.len() == before.len().max(more.len()) && got.starts_with(&more) {
                Some(msg!("fileio-written-over-start"))
            } else {
                None
            }
        })?;
    }
    // --append to a file that does not exist yet creates it.
    let content = ctx.random_bytes(5000);
    let src = dir.path().join("first.bin");
    let new = dir.path().join("new-log.bin");
    std::fs::write(&src, &content)?;
    let mut run = copy_paths(ctx, dir.path(), 0o022, &["--append"], &src, &new)?;
    run.expect_success()
        .map_err(|f| unless_not_started(f, |f| f.note(msg!("fileio-append-creates"))))?;
    let got = read_file(&new)?;
    expect_content(&run, &content, &got, |got| content_note(&content, got))
}

/// The permission bits of a file.
fn mode_of(path: &Path) -> Result<u32, Failure> {
    Ok(std::fs::metadata(path)?.permissions().mode() & 0o7777)
}

pub(super) fn copy_mode(ctx: &mut Ctx) -> TestResult {
    let dir = scratch(ctx)?;
    let content = ctx.random_bytes(100);
    let src = dir.path().join("source.bin");
    std::fs::write(&src, &content)?;
    std::fs::set_permissions(&src, std::fs::Permissions::from_mode(0o600))?;
    // (flags, umask): a new file in each case.
    let cases: [(&[&str], u32); 4] = [
        (&[], 0o022),
        (&[], 0o077),
        (&[], 0o000),
        (&["--append"], 0o000),
    ];
    for (i, (flags, umask)) in cases.into_iter().enumerate() {
        let dst = dir.path().join(format!("new-{i}.bin"));
        let mut run = copy_paths(ctx, dir.path(), umask, flags, &src, &dst)?;
        run.expect_success()?;
        let expected = 0o644 & !umask;
        let got = mode_of(&dst)?;
        if got != expected {
            let mut f = Failure::wrong(msg!(
                "fileio-wrong-mode",
                umask = format!("{umask:03o}"),
                command = &run.shown,
                got = format!("{got:04o}"),
                expected = format!("{expected:04o}")
            ));
            if got == 0o666 & !umask {
                f = f.note(msg!("fileio-mode-0666"));
            } else if got == 0o644 {
                f = f.note(msg!("fileio-mode-ignores-umask"));
            }
            return Err(f.reproduce(format!(
                "(umask {umask:03o}; {} {}src.bin new.bin) && stat -c %a new.bin",
                ctx.by_hand(COPY),
                flags.iter().map(|f| format!("{f} ")).collect::<String>()
            )));
        }
    }
    // An existing destination keeps its own mode.
    let dst = dir.path().join("existing.bin");
    std::fs::write(&dst, b"old content")?;
    std::fs::set_permissions(&dst, std::fs::Permissions::from_mode(0o604))?;
    let mut run = copy_paths(ctx, dir.path(), 0o022, &[], &src, &dst)?;
    run.expect_success()?;
    let got = mode_of(&dst)?;
    if got != 0o604 {
        return Err(Failure::wrong(msg!(
            "fileio-mode-changed",
            command = &run.shown,
            got = format!("{got:04o}")
        ))
        .note(msg!("fileio-mode-only-on-create")));
    }
    Ok(())
}

/// Bytes in a pipe not yet read, seen from its write end (FIONREAD).
fn unread(fd: &impl AsRawFd) -> Option<i32> {
    let mut n: libc::c_int = 0;
    // SAFETY: FIONREAD writes one int into `n`; the fd is open.
    let rc = unsafe { libc::ioctl(fd.as_raw_fd(), libc::FIONREAD, &mut n) };
    (rc == 0).then_some(n)
}

/// Feed `input` to the program's stdin in two pieces: the first, then - once the program has
/// read it all - a pause and the rest. A copy that takes a short read for the end stops after
/// the first piece.
fn feed_in_pieces(program: &mut Program, input: &[u8], deadline: Instant) -> TestResult {
    use std::io::Write;
    let mut stdin = program
        .take_stdin()
        .ok_or_else(|| Failure::checker_error(msg!("fileio-no-stdin-pipe")))?;
    let cut = input.len().min(1000);
    let _ = stdin.write_all(&input[..cut]);
    while unread(&stdin).is_some_and(|n| n > 0)
        && program.try_status().is_none()
        && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(2));
    }
    std::thread::sleep(Duration::from_millis(50));
    // The program may have stopped reading: then the rest cannot go in, which the test will see.
    std::thread::spawn({
        let rest = input[cut..].to_vec();
        move || {
            let _ = stdin.write_all(&rest);
        }
    });
    Ok(())
}

pub(super) fn copy_stdio(ctx: &mut Ctx) -> TestResult {
    let dir = scratch(ctx)?;
    // A run that failed because it took `-` for a file name says so.
    let succeeded = |run: &mut Run| {
        let took_dash_for_a_file = run.stderr.contains(": -: ");
        run.expect_success().map_err(|f| {
            unless_not_started(f, |f| {
                if took_dash_for_a_file {
                    f.note(msg!("fileio-dash-not-a-file"))
                } else {
                    f
                }
            })
        })
    };

    // stdin -> file
    let input = random_sized(ctx, 100_000..300_000);
    let dst = dir.path().join("from-stdin.bin");
    let args = ["-", &path_arg(&dst)];
    let mut run = run_copy(ctx, dir.path(), 0o022, &args, Some(&input))?;
    succeeded(&mut run)?;
    let got = read_file(&dst)?;
    expect_content(&run, &input, &got, |got| stdin_note(&input, got))?;

    // file -> stdout
    let content = random_sized(ctx, 100_000..300_000);
    let src = dir.path().join("to-stdout.bin");
    std::fs::write(&src, &content)?;
    let mut run = run_copy(ctx, dir.path(), 0o022, &[&path_arg(&src), "-"], None)?;
    succeeded(&mut run)?;
    expect_stdout(&run, &content, dir.path())?;

    // stdin -> stdout
    let input = random_sized(ctx, 100_000..300_000);
    let mut run = run_copy(ctx, dir.path(), 0o022, &["-", "-"], Some(&input))?;
    succeeded(&mut run)?;
    expect_stdout(&run, &input, dir.path())
}

fn stdin_note(input: &[u8], got: &[u8]) -> Option<Text> {
    if got.len() < input.len() && input.starts_with(got) {
        Some(msg!(
            "fileio-only-first-read",
            size = msg!("count-byte", n = got.len())
        ))
    } else {
        content_note(input, got)
    }
}

fn expect_stdout(run: &Run, expected: &[u8], dir: &Path) -> TestResult {
    if run.stdout == expected {
        return Ok(());
    }
    let mut f = Failure::wrong(msg!(
        "fileio-stdout-differs",
        command = &run.shown,
        size = msg!("count-byte", n = expected.len())
    ));
    f = differ(f, expected, &run.stdout);
    if dir.join("-").exists() {
        f = f.note(msg!("fileio-created-dash"));
    } else if let Some(note) = stdin_note(expected, &run.stdout) {
        f = f.note(note);
    }
    Err(f)
}

pub(super) fn copy_errors(ctx: &mut Ctx) -> TestResult {
    let dir = scratch(ctx)?;
    let d = dir.path();
    let src = d.join("source.txt");
    std::fs::write(&src, ctx.random_bytes(5000))?;
    let subdir = d.join("a-directory");
    std::fs::create_dir(&subdir)?;
    let missing = d.join("no-such-file.txt");
    let in_missing_dir = d.join("no-such-dir").join("out.txt");
    let out = d.join("out.txt");
    // (args, the path the message names, errno)
    let mut cases: Vec<(Vec<String>, String, Errno)> = vec![
        (
            vec![path_arg(&missing), path_arg(&out)],
            path_arg(&missing),
            Errno::ENOENT,
        ),
        (
            vec![path_arg(&subdir), path_arg(&out)],
            path_arg(&subdir),
            Errno::EISDIR,
        ),
        (
            vec![path_arg(&src), path_arg(&subdir)],
            path_arg(&subdir),
            Errno::EISDIR,
        ),
        (
            vec![path_arg(&src), path_arg(&in_missing_dir)],
            path_arg(&in_missing_dir),
            Errno::ENOENT,
        ),
    ];
    // Where this user may write to /dev/full (it is not writable everywhere: some machines
    // make it 0644), every write to it fails with ENOSPC.
    if std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .is_ok()
    {
        cases.push((
            vec![path_arg(&src), "/dev/full".into()],
            "/dev/full".into(),
            Errno::ENOSPC,
        ));
    } else {
        ctx.log(msg!("fileio-no-dev-full"));
    }
    for (args, path, errno) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        // 5,000 bytes at most, then an error: a millisecond's work, a second of CPU is a spin.
        let mut run = run_copy_within(ctx, d, 0o022, &args, None, Some(secs(1)))?;
        expect_error_line(&mut run, &path, errno)?;
    }
    Ok(())
}

/// Exit status 1 and exactly `copy: <path>: <reason>` on stderr.
fn expect_error_line(run: &mut Run, path: &str, errno: Errno) -> TestResult {
    let expected = format!("copy: {path}: {}", errno.desc());
    let shown = run.shown.clone();
    match run.status.code() {
        Some(1) => {}
        Some(0) => {
            let mut f = Failure::of_kind(
                FailureKind::BadExit,
                msg!(
                    "fileio-exited-0",
                    command = &shown,
                    errno = format!("{errno:?}")
                ),
            )
            .detail(
                msg!("label-expected"),
                msg!("fileio-expected-error-line", line = &expected),
            );
            if errno == Errno::ENOSPC {
                f = f.note(msg!("fileio-dev-full-enospc"));
            }
            return Err(f.output(escape::excerpt(run.stderr.as_bytes(), 600)));
        }
        _ => {
            return Err(unless_not_started(
                run.program
                    .unexpected_exit(msg!("fileio-on-command", command = &shown)),
                |f| {
                    f.detail(
                        msg!("label-expected"),
                        msg!("fileio-expected-error-line", line = &expected),
                    )
                },
            ));
        }
    }
    let Some(mut f) = errors::not_the_error_line(&shown, &expected, &run.stderr) else {
        return Ok(());
    };
    let first = run.stderr.lines().next().unwrap_or_default();
    if first.contains(&format!("{errno:?}: ")) {
        let (desc, display) = (errno.desc(), errno.to_string());
        f = f.note(msg!("fileio-errno-desc", desc = desc, display = &display));
    } else if first.ends_with(errno.desc()) && !first.contains(path) {
        f = f.note(msg!("fileio-name-the-path", path = path));
    }
    Err(f)
}
