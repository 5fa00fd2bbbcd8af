#!/usr/bin/env python3
"""Flakiness: grade the solutions and every broken version (and correct alternative) N times,
each time with a fresh seed, and report every verdict that changed between runs. Zero changes
of a solution's, an alternative's or a declared verdict is the bar (the exit status says): a
hidden test that is flaky is a bug of the highest priority. A broken version's verdict on a test
it is not declared to fail may change where its bug's own race decides it; those are listed
apart, for README's list of them and their reasons. Every test of every version
is graded here, the ones a version does not declare too (the project's test command grades a
broken version on its declared tests only), so this is also where the checker's own errors
("error" verdicts) and processes it left behind would show on any buggy program: both are
listed, and fail the run.

Usage: bench/flaky.py [RUNS] [exercise...] [--c] [--versions FILE]
(RUNS defaults to 20; the exercises to all). --c grades the C track too (its solutions and
[[c.broken]]). --versions FILE grades only the versions FILE names, one label a line
(`day2-echo--broken--backlog-one`, `c--day2-echo--broken--client-single-send`, `solutions`; `#`
starts a comment): bench/issue67-bugs.txt names the broken versions of issue 67's bugs, whose
"done when" asks that each fail its tests in every one of 5 whole-exercise runs
(`bench/flaky.py 5 --c --versions bench/issue67-bugs.txt`).

A broken version must fail every test it declares in every run, as the project's tests ask of
one grading: a declared test that passed, or could not be judged, in some run is listed with its
count and fails the run too. A test whose verdict counts (a solution's, an alternative's, a
declared one) that the machine kept from being judged (`"judged": false`) is graded again alone,
up to three times, once the machine is quieter, as an instructor would (the grading's line keeps
which, `regraded`); a test still unjudged is counted as such, not as the checker's own error.
Each version's tree (the solutions with its edits, bench/apply-broken.py) is made under
target/tmp/flaky-trees/ and built by its first grading, so the first run takes longer.

Twenty runs take hours. Every grading's verdicts are kept in target/flaky/grading-<hash>.jsonl,
by the content of what verdicts depend on (GRADING: the checker, the solutions, the broken
versions), so a second start on the same grading code, committed, goes on where the first
stopped and counts both. Starts that run at the same time share the work: each grading is
taken by one start (a claim file beside the results), so two starts finish the runs in less
time on a machine with spare CPU, under twice the load. The summary is over every kept grading.
While target/flaky/pause exists, no new grading starts (to measure something else on a quiet
machine without cutting a grading short).
"""
import collections, hashlib, json, os, random, shutil, subprocess, sys, time
import tomllib

import versions

LAB = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
args = [a for a in sys.argv[1:] if a != "--reuse-trees"]  # (trees are always made now)
both_tracks = "--c" in args
args = [a for a in args if a != "--c"]
labels = None
if "--versions" in args:
    at = args.index("--versions")
    labels = {line.split("#", 1)[0].strip() for line in open(args[at + 1])} - {""}
    del args[at:at + 2]
runs = int(args[0]) if args else 20
only = set(args[1:])
checker = os.path.join(LAB, "target/debug/checker")
env = dict(os.environ, NO_COLOR="1", CARGO_BUILD_BUILD_DIR=os.path.join(LAB, "target/tmp/shared-build"))

subprocess.run(["cargo", "build", "-q", "-p", "checker"], cwd=LAB, check=True)
gradings, must_hold = versions.gradings(only, c=both_tracks, labels=labels)

# What a verdict depends on: the checker, the solutions and the broken versions' edits. Runs are
# kept by these files' content, so a commit of README or the course goes on counting them.
GRADING = ["checker", "solutions", "bench/apply-broken.py", "Cargo.toml", "Cargo.lock"]
if both_tracks:
    GRADING.append("c/solutions")


def results_file():
    """target/flaky/grading-<hash of GRADING at HEAD>.jsonl, or None where those files differ
    from their commit (verdicts of uncommitted code are not worth keeping)."""
    trees = subprocess.run(["git", "rev-parse", *(f"HEAD:{p}" for p in GRADING)], cwd=LAB,
                           capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--",
                            *GRADING], cwd=LAB, capture_output=True, text=True).stdout.strip()
    if trees.returncode != 0 or dirty:
        return None
    os.makedirs(os.path.join(LAB, "target/flaky"), exist_ok=True)
    key = hashlib.sha1(trees.stdout.encode()).hexdigest()[:16]
    which = "".join(f"-{e}" for e in sorted(only)) + ("-c" if both_tracks else "")
    if labels is not None:
        which += "-" + hashlib.sha1("\n".join(sorted(labels)).encode()).hexdigest()[:8]
    return os.path.join(LAB, "target/flaky", f"grading-{key}{which}.jsonl")


def kept_gradings(path):
    """Every grading kept so far: {run: {label: the last one kept}}."""
    done = collections.defaultdict(dict)
    if path and os.path.exists(path):
        for line in open(path):
            try:
                g = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut short by a stop
            done[g["run"]][g["label"]] = g
    return done


def complete_runs(done):
    """The runs every grading of which was kept (a run cut short is finished by a later start)."""
    labels = {label for label, _ in gradings}
    return {run: list(gs.values()) for run, gs in done.items() if set(gs) == labels}


def claim(run, label):
    """Take one grading for this start, unless another start has it: the claim file (linked
    into place whole, so never seen empty) holds the pid of the start grading it, and "done"
    once its verdicts are kept. A claim whose start has gone without finishing is taken over."""
    path = os.path.join(claims, f"{run}--{label}")
    mine = os.path.join(claims, f".{os.getpid()}")
    with open(mine, "w") as f:
        f.write(str(os.getpid()))
    try:
        for _ in range(2):
            try:
                os.link(mine, path)  # fails if the claim exists
                return True
            except FileExistsError:
                try:
                    holder = open(path).read().strip()
                except OSError:
                    continue
                if holder == "done" or os.path.exists(f"/proc/{holder}"):
                    return False
                try:
                    os.unlink(path)
                except FileNotFoundError:
                    pass
        return False
    finally:
        os.unlink(mine)


verdicts = collections.defaultdict(collections.Counter)  # (grading, test) -> status counts
own_errors = []  # (grading, test, seed, message) of every "error" verdict: the checker's own
left_behind = []  # (grading, seed, processes) the checker left running


def marked(mark):
    """Live processes whose environment carries LAB_TEST_MARK=<mark> (every descendant of a
    checker run inherits it), after a grace for those on their way out."""
    needle = f"LAB_TEST_MARK={mark}\0".encode()
    for _ in range(10):
        found = []
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                if needle not in open(f"/proc/{pid}/environ", "rb").read():
                    continue
                state = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0]
                if state != "Z":
                    found.append(open(f"/proc/{pid}/cmdline").read().replace("\0", " "))
            except OSError:
                continue
        if not found:
            return []
        time.sleep(0.1)
    return found
first_seen = {}  # (grading, test) -> (status, seed) of the first run


def grade_once(args, seed, mark, label):
    """One grading: {test: (status, message)} (an unjudged test, `"status": "error"` with
    `"judged": false` in the JSON, as "unjudged": not the checker's own error), and the
    processes it left behind (also listed in `left_behind`)."""
    out = subprocess.run([checker, *args, "--seed", seed, "--format", "json"], cwd=LAB,
                         env=dict(env, LAB_TEST_MARK=mark), capture_output=True, text=True)
    leftovers = marked(mark)
    if leftovers:
        left_behind.append((label, seed, leftovers))
        print(f"  LEFT BEHIND by {label} (seed {seed}): {leftovers}", flush=True)
    try:
        report = json.loads(out.stdout)
        tests = {t["name"]: ("unjudged" if t.get("judged") is False else t["status"],
                             t.get("message"))
                 for e in report["exercises"] for t in e["tests"]}
    except (json.JSONDecodeError, KeyError, TypeError):
        tests = {"(the whole run)": (f"checker failed: exit {out.returncode}",
                                     out.stderr[-2000:])}
    return tests, leftovers


def record(key, status, seed, message, quiet=False):
    """Count a verdict; the moment one differs from its first run, say so with both seeds, so
    the flaky case can be re-run by hand without waiting for the last run."""
    verdicts[key][status] += 1
    first = first_seen.setdefault(key, (status, seed))
    if status != first[0] and not quiet:
        label, test = key
        print(f"  CHANGED {label}: {test}: {first[0]} (seed {first[1]}) -> {status} (seed {seed})",
              flush=True)
        for line in (message or "").splitlines()[:30]:
            print(f"    {line}", flush=True)

def replay(kept, quiet=False):
    """Count the verdicts of kept gradings as if graded now."""
    for run in sorted(kept):
        for g in kept[run]:
            for test, (status, message) in g["tests"].items():
                record((g["label"], test), status, g["seed"], message, quiet)
            own_errors.extend((g["label"], t, g["seed"], m or "")
                              for t, (st, m) in g["tests"].items() if st == "error")
            if g.get("left_behind"):
                left_behind.append((g["label"], g["seed"], g["left_behind"]))


def must_not_change(label, test):
    """A solution's or an alternative's verdict, a declared one, or the whole run's."""
    tests = must_hold.get(label)
    return tests is None or test.split("/", 1)[-1] in tests or test == "(the whole run)"


kept_path = results_file()
done = kept_gradings(kept_path)
kept = complete_runs(done)
if kept:
    print(f"{len(kept)} runs kept in {kept_path} from earlier starts: going on from there",
          flush=True)
replay(kept)
kept_at_start = len(kept)
claims = kept_path[:-len(".jsonl")] + ".claims" if kept_path else None
if claims:
    os.makedirs(claims, exist_ok=True)
pause = os.path.join(LAB, "target/flaky/pause")
started = time.time()
for run in range(1, runs + 1):
    if run in kept:
        continue
    graded = 0
    for label, args in gradings:
        if label in done.get(run, {}) or (claims and not claim(run, label)):
            continue  # kept by an earlier start, or taken by one running now
        graded += 1
        while os.path.exists(pause):
            time.sleep(1)
        seed = str(random.randrange(1_000_000))
        mark = f"flaky-{os.getpid()}-{run}-{label}"
        tests, leftovers = grade_once(args, seed, mark, label)
        # A verdict that counts (a solution's, an alternative's, a test the broken version
        # declares; the others may be starved by the bug itself) that the machine kept from
        # being judged: that test graded again alone, up to three times, once the machine is
        # quieter, as an instructor would. The run keeps its other verdicts.
        regraded = []
        for test, (status, _) in list(tests.items()):
            for _ in range(3):
                if status != "unjudged" or not must_not_change(label, test):
                    break
                quieter = time.time() + 20
                while time.time() < quieter and os.getloadavg()[0] > os.cpu_count():
                    time.sleep(1)
                again, more = grade_once([*args[:-1], test], seed, mark, label)
                leftovers += more
                status, message = again.get(test, ("unjudged", "not in the report"))
                tests[test] = (status, message)
                regraded.append(test)
        if regraded:
            print(f"  {label} (seed {seed}): graded again alone, unjudged at first: "
                  f"{', '.join(regraded)}", flush=True)
        for test, (status, message) in tests.items():
            record((label, test), status, seed, message)
            if status == "error":
                own_errors.append((label, test, seed, message or ""))
                print(f"  ERROR (the checker's own) {label}: {test} (seed {seed})", flush=True)
        if kept_path:
            # One write() to a file opened O_APPEND: starts running at once never mix lines.
            line = json.dumps({"run": run, "label": label, "seed": seed, "tests": tests,
                               "left_behind": leftovers, "regraded": regraded}) + "\n"
            fd = os.open(kept_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            os.write(fd, line.encode())
            os.close(fd)
            finished = os.path.join(claims, f".{os.getpid()}.done")
            with open(finished, "w") as f:
                f.write("done")
            os.replace(finished, os.path.join(claims, f"{run}--{label}"))
    changed = [(k, v) for k, v in verdicts.items() if len(v) > 1]
    print(f"run {run}/{runs}: {graded} of its {len(gradings)} gradings here, {len(changed)} verdicts changed so far "
          f"({time.time() - started:.0f} s)", flush=True)

if kept_path:
    # Over every grading kept, those of starts that ran beside this one too.
    verdicts.clear(), first_seen.clear(), own_errors.clear(), left_behind.clear()
    kept = complete_runs(kept_gradings(kept_path))
    replay(kept, quiet=True)
    if len(kept) < runs:
        print(f"\n(only {len(kept)} of {runs} runs complete: another start is still grading)")
    runs = len(kept)
changed = sorted((k, v) for k, v in verdicts.items() if len(v) > 1)
broken_bar = [(k, v) for k, v in changed if must_not_change(*k)]
# Every declared test of every broken version, failed in every run?
declared = sorted(((label, test), counts) for (label, test), counts in verdicts.items()
                  if "--broken--" in label and test.split("/", 1)[-1] in (must_hold.get(label) or ()))
not_failed = [(k, v) for k, v in declared if v["fail"] != sum(v.values())]
versions_seen = sorted({label for (label, _), _ in declared})
print(f"\n{len(declared)} declared tests of {len(versions_seen)} broken versions, each failed in "
      f"every one of its runs but {len(not_failed)}:")
for label in versions_seen:
    mine = [(test.split("/", 1)[-1], v) for (l, test), v in declared if l == label]
    shown = ", ".join(f"{test} {v['fail']}/{sum(v.values())}" for test, v in mine)
    print(f"  {label}: {shown}")
for (label, test), counts in not_failed:
    print(f"  NOT FAILED EVERY RUN {label}: {test}: {dict(counts)}")
racy = [(k, v) for k, v in changed if not must_not_change(*k)]
print(f"\n{len(verdicts)} verdicts watched over {runs} runs ({kept_at_start} of them kept from "
      f"earlier starts); {len(changed)} changed")
print(f"{len(broken_bar)} of a solution, an alternative or a declared test (the bar is 0):")
for (label, test), counts in broken_bar:
    print(f"  {label}: {test}: {dict(counts)}")
print(f"{len(racy)} of broken versions on tests they are not declared to fail (README lists "
      f"each that its bug's own race decides, with why):")
for (label, test), counts in racy:
    print(f"  {label}: {test}: {dict(counts)}")
print(f"{len(own_errors)} verdicts were the checker's own errors; "
      f"{len(left_behind)} gradings left processes behind")
for label, test, seed, message in own_errors:
    print(f"  error {label}: {test} (seed {seed}): {message.splitlines()[0] if message else ''}")
for label, seed, leftovers in left_behind:
    print(f"  left behind by {label} (seed {seed}): {leftovers}")
sys.exit(1 if broken_bar or not_failed or own_errors or left_behind else 0)
