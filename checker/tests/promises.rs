//! What README promises and no other test keeps, each kept here (cheap black-box runs).

mod common;

use std::os::unix::fs::PermissionsExt;

/// README: "Programs run in a fresh temporary directory per test, so a file a program writes
/// never lands in the lab." A `--program` that notes where it runs and leaves a file there is
/// graded from the lab's root (as students run the checker), in both sandbox modes.
#[test]
fn a_file_a_program_writes_never_lands_in_the_lab() {
    let lab = common::lab_root();
    let scratch = tempfile::tempdir_in(common::scratch()).unwrap();
    let record = scratch.path().join("cwds");
    let stray = "stray-from-a-graded-program";
    let script = scratch.path().join("echo-client.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\npwd >> '{}'\necho x > {stray}\nexit 1\n",
            record.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    for sandbox in ["auto", "plain"] {
        let _ = std::fs::remove_file(&record);
        let out = common::checker_command()
            .args(["--sandbox", sandbox, "--program"])
            .arg(format!("echo-client={}", script.display()))
            .args(["day2-echo/client-echo", "day2-echo/client-refused"])
            .current_dir(&lab)
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&out.stdout);
        // Graded (the verdicts are not the point: client-refused passes a program that exits 1).
        assert_ne!(out.status.code(), Some(2), "{report}");
        assert!(
            !lab.join(stray).exists(),
            "{sandbox}: the program's file is in the lab"
        );
        // Where the program could write outside its directory (plain mode), it says where it
        // ran: a directory of each test's own, outside the lab, gone once graded.
        if let Ok(cwds) = std::fs::read_to_string(&record) {
            let cwds: Vec<&str> = cwds.lines().collect();
            assert_eq!(cwds.len(), 2, "{sandbox}: {cwds:?}");
            assert_ne!(cwds[0], cwds[1], "{sandbox}: two tests, one directory");
            for dir in cwds {
                let dir = std::path::Path::new(dir);
                assert!(
                    !dir.starts_with(&lab),
                    "{sandbox}: ran in {}",
                    dir.display()
                );
                assert!(
                    !dir.exists(),
                    "{sandbox}: {} was left behind",
                    dir.display()
                );
            }
        } else {
            assert_eq!(
                sandbox, "auto",
                "plain mode keeps no program from writing here"
            );
        }
    }
}

/// README: "The lab, the student's repository and `<out-dir>` must lie apart from each other."
/// `.ci/grade-submission` refuses, before it builds or grades anything, a student's repository
/// inside the lab or holding it, and an output directory inside the student's repository.
#[test]
fn grade_submission_refuses_a_student_repository_and_output_that_overlap() {
    let lab = common::lab_root();
    let student = tempfile::tempdir_in(common::scratch()).unwrap();
    let apart = tempfile::tempdir_in(common::scratch()).unwrap();
    let lab_inside = lab.join("exercises");
    let out_inside = student.path().join("out");
    for (what, repo, out) in [
        (
            "a student's repository inside the lab",
            lab_inside.as_path(),
            apart.path(),
        ),
        (
            "an output inside the student's repository",
            student.path(),
            out_inside.as_path(),
        ),
    ] {
        let run = std::process::Command::new("bash")
            .arg(lab.join(".ci/grade-submission"))
            .arg(repo)
            .arg(out)
            .env_remove("GITHUB_ACTIONS")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{what}: {stderr}");
        assert!(stderr.contains("must be apart"), "{what}: {stderr}");
    }
    // The lab inside the student's repository: the lab's parent as the repository (and the
    // output outside both, so that only this overlap is refused).
    let parent = lab.parent().unwrap();
    // The system's temporary directory holds the lab itself where a clone sits in /tmp.
    let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
    let outside = [std::env::temp_dir(), "/var/tmp".into(), "/dev/shm".into()]
        .into_iter()
        .chain(home)
        .find(|dir| dir.is_dir() && !dir.starts_with(parent))
        .unwrap_or_else(|| panic!("no writable directory outside {}", parent.display()));
    let elsewhere = tempfile::tempdir_in(outside).unwrap();
    let run = std::process::Command::new("bash")
        .arg(lab.join(".ci/grade-submission"))
        .arg(parent)
        .arg(elsewhere.path())
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// README ("On macOS or Windows"): the dev container installs what `.ci/run` installs, from one
/// list (but what only the lab's own tests use: a browser), and a class's repository has it. The container cannot run here: its file must parse,
/// install through the script `.ci/run` runs, and be exported with what it needs.
#[test]
fn the_dev_container_installs_what_ci_installs_and_is_exported() {
    let lab = common::lab_root();
    let text = std::fs::read_to_string(lab.join(".devcontainer/devcontainer.json")).unwrap();
    // JSON with comments is allowed there; this one has none, so that any JSON parser reads it.
    let config: serde_json::Value =
        serde_json::from_str(&text).expect("devcontainer.json is plain JSON");
    assert!(config["image"].as_str().unwrap().contains("/rust:"));
    let setup: Vec<&str> = [
        "onCreateCommand",
        "updateContentCommand",
        "postCreateCommand",
    ]
    .iter()
    .filter_map(|step| config[step].as_str())
    .collect();
    let setup = setup.join(" && ");
    // Namespaces, loopback pacing, cgroups and sysctls all need it (README says why).
    assert_eq!(config["privileged"], true);
    let ci = std::fs::read_to_string(lab.join(".ci/run")).unwrap();
    // The same two steps, and no other installation on either side.
    for both in [&setup, &ci] {
        assert!(both.contains("bash .ci/install-packages"), "{both}");
        assert!(!both.contains("apt-get"), "a second list in\n{both}");
        assert_eq!(rustup_components(both), ["clippy", "rustfmt"], "{both}");
    }
    // The container is a student's too, and the grading runners install as it does: neither
    // gets what only the lab's own tests use; CI gets everything.
    assert!(
        setup.contains("bash .ci/install-packages --grading"),
        "{setup}"
    );
    assert!(!ci.contains("--grading"), "{ci}");
    let installer = std::fs::read_to_string(lab.join(".ci/install-packages")).unwrap();
    assert!(installer.contains("done < .ci/packages.txt"), "{installer}");
    for workflow in ["grade.yml", "regrade.yml"] {
        let text = std::fs::read_to_string(lab.join(".github/workflows").join(workflow)).unwrap();
        assert!(
            text.contains("bash lab/.ci/install-packages --grading"),
            "{workflow}"
        );
        assert!(
            !text.contains("apt-get install"),
            "{workflow}: a second list"
        );
    }
    // Every line of the list is a command and a package.
    let list = std::fs::read_to_string(lab.join(".ci/packages.txt")).unwrap();
    let packages: Vec<(&str, &str)> = list
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut words = l.split_whitespace();
            (words.next().unwrap(), words.next().expect(l))
        })
        .collect();
    for needed in ["netcat-openbsd", "socat", "iproute2", "util-linux"] {
        assert!(packages.iter().any(|(_, p)| *p == needed), "{needed}");
    }

    // Outside the lab, as export-student requires.
    let out = tempfile::tempdir().unwrap();
    let export = out.path().join("class");
    let status = common::checker_command()
        .arg("export-student")
        .arg(&export)
        .status()
        .unwrap();
    assert!(status.success());
    for file in [
        ".devcontainer/devcontainer.json",
        ".ci/install-packages",
        ".ci/packages.txt",
        "checker/build/platform.rs",
    ] {
        assert_eq!(
            std::fs::read(export.join(file)).ok(),
            std::fs::read(lab.join(file)).ok(),
            "{file} is not exported as it is"
        );
    }
}

/// docs/maintainers.md ("Two runners"): `.ci/run`'s two parts (`LAB_CI_PART=versions` and
/// `rest`, one nextest profile each) run every test of the whole run once between them: each
/// part's filter is the default profile's and one side of the same split (a whole expression:
/// its parentheses close within it), and `.ci/run` runs the tests with the part's profile and
/// reads that profile's JUnit record.
#[test]
fn ci_parts_run_every_test_once() {
    let lab = common::lab_root();
    let text = std::fs::read_to_string(lab.join(".config/nextest.toml")).unwrap();
    let config: toml::Table = toml::from_str(&text).unwrap();
    let filter = |profile: &str| -> String {
        config["profile"][profile]["default-filter"]
            .as_str()
            .unwrap_or_else(|| panic!("profile {profile} has no default-filter"))
            .to_string()
    };
    let all = filter("default");
    let versions = filter("ci-versions");
    let split = versions
        .strip_prefix(&format!("({all}) & ("))
        .and_then(|rest| rest.strip_suffix(')'))
        .unwrap_or_else(|| panic!("ci-versions is not ({all}) & (...): {versions}"));
    // `a) | (b` would pass the comparison below and split nothing.
    let mut depth = 0i32;
    for c in split.chars() {
        depth += match c {
            '(' => 1,
            ')' => -1,
            _ => 0,
        };
        assert!(
            depth >= 0,
            "the split closes a parenthesis it did not open: {split}"
        );
    }
    assert_eq!(depth, 0, "the split leaves a parenthesis open: {split}");
    assert_eq!(
        filter("ci-rest"),
        format!("({all}) & not ({split})"),
        "ci-rest is not the rest of ci-versions"
    );
    let ci = std::fs::read_to_string(lab.join(".ci/run")).unwrap();
    for part in [
        "all | versions | rest",
        "profile=\"ci-$part\"",
        "--profile \"$profile\"",
        "target/nextest/$profile/junit.xml",
    ] {
        assert!(ci.contains(part), ".ci/run lacks {part}");
    }
}

/// The components every `rustup component add` of a script adds, sorted.
fn rustup_components(script: &str) -> Vec<&str> {
    let mut components: Vec<&str> = script
        .match_indices("rustup component add")
        .flat_map(|(at, add)| {
            script[at + add.len()..]
                .split_whitespace()
                .take_while(|w| w.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        })
        .collect();
    components.sort_unstable();
    components
}

/// README ("Prerequisites"): on macOS or Windows, building the checker "stops at once with a
/// message that points to" README's section. The build script runs on this machine whatever the
/// target, and stops before any crate is compiled for it, so no target need be installed: what a
/// student there reads is what cargo prints here, the message first and nothing of rustc's.
#[test]
fn building_for_macos_or_windows_stops_at_once_with_the_message() {
    let lab = common::lab_root();
    let target_dir = tempfile::tempdir_in(common::scratch()).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    for (target, system) in [
        ("aarch64-apple-darwin", "macOS"),
        ("x86_64-apple-darwin", "macOS"),
        ("x86_64-pc-windows-msvc", "Windows"),
    ] {
        let out = std::process::Command::new(&cargo)
            .args([
                "build",
                "--offline",
                "--locked",
                "-p",
                "checker",
                "--target",
                target,
            ])
            .arg("--target-dir")
            .arg(target_dir.path())
            .env("CARGO_TERM_COLOR", "never")
            .current_dir(&lab)
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{target}: built\n{said}");
        let lines: Vec<&str> = said.lines().map(str::trim).collect();
        let first = lines
            .iter()
            .position(|l| l.starts_with("error"))
            .unwrap_or_else(|| panic!("{target}: no error\n{said}"));
        assert!(
            lines[first].ends_with(&format!("The lab needs Linux, and this is {system}: the checker watches your programs through what only Linux has (epoll, /proc, private networks per test).")),
            "{target}: the message is not first\n{said}"
        );
        // Before it, only cargo's line for the checker (and its wait for a lock another cargo
        // holds, as on a machine where builds run side by side); after it, nothing compiled.
        assert!(
            lines[..first].iter().all(|l| l.is_empty()
                || l.starts_with("Compiling checker ")
                || l.starts_with("Blocking waiting for file lock")),
            "{target}: printed before the message\n{said}"
        );
        for needed in [
            "README.md#on-macos-or-windows",
            "README.ko.md#macos나-윈도우에서",
            "이 랩은 리눅스가 필요한데",
        ] {
            assert!(said.contains(needed), "{target}: no {needed}\n{said}");
        }
        assert!(
            !said.contains("error[") && !said.contains("could not compile"),
            "{target}: rustc's errors\n{said}"
        );
    }
}

/// checker/Cargo.toml: "`cargo build -p checker` then makes the very units the project's test
/// build made". Each package the checker depends on, with the features `cargo build -p checker`
/// turns on, must have the features the workspace's test build (every member, dev-dependencies
/// too) turns on: a feature only the workspace asks for compiles that crate, and the checker,
/// twice.
#[test]
fn the_checker_alone_builds_with_the_features_the_workspace_build_gives_it() {
    type Features = std::collections::BTreeMap<String, std::collections::BTreeSet<String>>;
    let features = |args: &[&str]| -> Features {
        let out = std::process::Command::new(env!("CARGO"))
            .args([
                "tree",
                "-q",
                "--offline",
                "--prefix",
                "none",
                "-f",
                "{p} [{f}]",
            ])
            .args(["--target", "x86_64-unknown-linux-gnu"])
            .args(args)
            .current_dir(common::lab_root())
            .output()
            .unwrap();
        assert!(out.status.success(), "cargo tree {args:?}: {out:?}");
        // A package may show twice (for the target and for the host): each set of features.
        let mut found = Features::new();
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            let line = line.trim_end_matches(" (*)");
            if line.contains("(proc-macro)") || line.contains(" (/") {
                continue;
            }
            if let Some((package, features)) = line.split_once(" [") {
                let sets = found.entry(package.to_string()).or_default();
                sets.insert(features.to_string());
            }
        }
        found
    };
    let alone = features(&["-p", "checker", "-e", "normal,build"]);
    let workspace = features(&["--workspace", "-e", "normal,build,dev"]);
    let differ: Vec<String> = alone
        .iter()
        .filter(|(package, f)| workspace.get(*package).is_some_and(|w| w != *f))
        .map(|(package, f)| {
            format!(
                "{package}: {f:?} alone, {:?} in the workspace",
                workspace[package]
            )
        })
        .collect();
    assert!(
        !alone.is_empty() && differ.is_empty(),
        "name these features in checker/Cargo.toml: {differ:#?}"
    );
}

/// README: "`cargo run -p checker -- -v day1` first says how tests are isolated (`sandbox: a
/// fresh network, ... per test` is the full isolation; `plain mode` grades too ...)".
#[test]
fn verbose_grading_first_says_how_tests_are_isolated() {
    let first_line = |mode: &str| {
        let out = common::checker_command()
            .args(["-v", "--solutions", "--sandbox", mode, "day1-endian/htons"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        stderr.lines().next().unwrap_or_default().to_string()
    };
    let plain = first_line("plain");
    assert!(
        plain.starts_with("sandbox: plain mode, as asked"),
        "{plain}"
    );
    // Chosen by the machine: the full isolation (as root, or as root of a user namespace of
    // its own), or plain mode saying why namespaces are unavailable.
    let auto = first_line("auto");
    assert!(
        (auto.starts_with("sandbox: a fresh network,") && auto.contains(" per test"))
            || auto.starts_with("sandbox: plain mode (namespaces unavailable: "),
        "{auto}"
    );
    // As root with unshare at hand (CI, the dev container), it is the full isolation.
    // SAFETY: geteuid reads the process's own credentials.
    let root = unsafe { libc::geteuid() } == 0;
    let unshare = std::process::Command::new("unshare")
        .args([
            "--net",
            "--pid",
            "--mount",
            "--fork",
            "--kill-child",
            "true",
        ])
        .output()
        .is_ok_and(|o| o.status.success());
    if root && unshare {
        assert!(auto.starts_with("sandbox: a fresh network,"), "{auto}");
    }
}

/// README: "`--seed N` (replay the same random inputs; every failure prints the command that
/// reproduces it)". A broken inet_aton graded on seeded random inputs with no seed given: the
/// command its failure prints gives the same failure, random input and all.
#[test]
fn a_failure_s_re_run_command_reproduces_it() {
    let edits: Vec<_> = common::broken_version_edits("day2-inet", "aton-decimal-only")
        .into_iter()
        .map(|e| ("day2-inet", e))
        .collect();
    let dir = common::tree("promises-re-run", &["day2-inet"], &edits).unwrap();
    let grade = |args: &[&str]| {
        let out = common::checker_command().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let first = grade(&["--root", dir.to_str().unwrap(), "day2-inet/aton-random"]);
    let failure = |report: &str| {
        report
            .lines()
            .find(|l| l.contains("✗ aton-random"))
            .map(str::to_string)
            .unwrap_or_else(|| panic!("no failure line:\n{report}"))
    };
    let rerun = first
        .lines()
        .find_map(|l| l.trim().strip_prefix("re-run: cargo run -p checker -- "))
        .unwrap_or_else(|| panic!("no re-run command:\n{first}"));
    assert!(rerun.contains("--seed "), "{rerun}");
    // Pasted into a shell, as a student would (the tree's path may be quoted), with this
    // build's checker for `cargo run -p checker --`.
    let shell = format!("exec \"$CHECKER\" {rerun}");
    let mut bash = std::process::Command::new("bash");
    for (key, value) in common::checker_command().get_envs() {
        match value {
            Some(value) => bash.env(key, value),
            None => bash.env_remove(key),
        };
    }
    let out = bash
        .args(["-c", &shell])
        .env("CHECKER", env!("CARGO_BIN_EXE_checker"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let again = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(failure(&first), failure(&again), "{first}\n---\n{again}");
}

/// README: "Grading with `--ci` takes the track from the lab, never from the graded tree." A
/// Rust tree with a planted `common/lab.mk` (the C track's mark) is graded as Rust with `--ci`;
/// without it, the same tree reads as C, which is what the plant would exploit.
#[test]
fn ci_grading_takes_the_track_from_the_lab_not_the_tree() {
    let dir = common::tree("promises-planted-track", &["day1-endian"], &[]).unwrap();
    std::fs::create_dir_all(dir.join("common")).unwrap();
    std::fs::write(dir.join("common/lab.mk"), "# planted\n").unwrap();
    let grade = |ci: bool| {
        let mut cmd = common::checker_command();
        cmd.args([
            "--root",
            dir.to_str().unwrap(),
            "day1-endian",
            "--format",
            "json",
        ]);
        if ci {
            cmd.arg("--ci");
        }
        let out = cmd.output().unwrap();
        let json: serde_json::Value =
            serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {out:?}"));
        json["exercises"][0]["status"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(grade(true), "pass");
    assert_ne!(grade(false), "pass", "the plant did not change the track");
}

/// course.md (#mqtt-packets) and the day7-broker stub: "`cargo test -p day7-broker --lib` runs
/// the stub's tests of [the codec] in a second (each fails with "not yet implemented" until its
/// functions are written)". In the lab's stub they run and each fails so, at a `todo!()` of the
/// codec; each is the reference solution's test of the same name, word for word (.ci/run runs
/// those, which pass). The course names the stub's real function.
#[test]
fn the_day7_stub_s_codec_tests_run_and_wait_for_the_codec() {
    let lab = common::lab_root();
    let course = std::fs::read_to_string(lab.join("course.md")).unwrap();
    assert!(course.contains("`cargo test -p day7-broker --lib`"));
    assert!(course.contains(
        "pub fn decode_remaining_length(buf: &[u8]) -> Result<Option<(usize, usize)>, ProtocolError>"
    ));
    let out = std::process::Command::new(env!("CARGO"))
        .args(["test", "-p", "day7-broker", "--lib"])
        .current_dir(&lab)
        .env("RUST_BACKTRACE", "0")
        .output()
        .unwrap();
    let said =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let failed: Vec<&str> = said
        .lines()
        .filter_map(|l| l.strip_prefix("test ")?.strip_suffix(" ... FAILED"))
        .collect();
    assert!(failed.len() >= 4, "{said}");
    assert!(!said.contains(" ... ok"), "a stub's test passed:\n{said}");
    assert_eq!(
        said.matches("panicked at exercises/day7-broker/src/lib.rs")
            .count(),
        failed.len(),
        "{said}"
    );
    assert_eq!(
        said.matches("not yet implemented: ").count(),
        failed.len(),
        "every failure is a todo!() of the codec:\n{said}"
    );
    let stub = std::fs::read_to_string(lab.join("exercises/day7-broker/src/lib.rs")).unwrap();
    let solution = std::fs::read_to_string(lab.join("solutions/day7-broker/src/lib.rs")).unwrap();
    for name in &failed {
        let name = name.trim_start_matches("tests::");
        let body = |source: &str| {
            let start = source.find(&format!("    fn {name}()"))?;
            let end = source[start..].find("\n    }\n")?;
            Some(source[start..start + end].to_string())
        };
        assert!(body(&stub).is_some(), "{name} is not in the stub");
        assert_eq!(
            body(&stub),
            body(&solution),
            "{name} differs from the solution's"
        );
    }
}

/// README ("Grading a program in another language"): a program given with `--program` hears C's
/// words unless rustc built it, with no `--track c` needed. A C epoll server registered
/// level-triggered is told the C call to make, not nix's flags.
#[test]
fn a_c_program_given_with_program_is_told_in_c() {
    let edit = common::Edit {
        file: "epoll-server.c".into(),
        find: Some("EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET,".into()),
        replace: Some("EPOLLIN | EPOLLOUT | EPOLLRDHUP,".into()),
        source: None,
    };
    let dir = common::c_tree(
        "promises-program-in-c",
        &["day5-epoll"],
        &[("day5-epoll", edit)],
    )
    .unwrap();
    let folder = dir.join("day5-epoll");
    let make = std::process::Command::new("make")
        .args(["-s", "-C"])
        .arg(&folder)
        .output()
        .unwrap();
    assert!(make.status.success(), "{make:?}");
    let program = format!("epoll-server={}", folder.join("epoll-server").display());
    let out = common::checker_command()
        .args(["day5-epoll/edge-triggered", "--program", &program])
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(report.contains("ev.events = EPOLLIN"), "{report}");
    assert!(!report.contains("EpollFlags"), "{report}");
}
