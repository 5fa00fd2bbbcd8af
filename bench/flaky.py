#!/usr/bin/env python3
"""Flakiness: grade the solutions and every broken version (and correct alternative) N times,
each time with a fresh seed, and report every verdict that changed between runs. Zero is the
bar: a hidden test that is flaky is a bug of the highest priority. Every test of every version
is graded here, the ones a version does not declare too (the project's test command grades a
broken version on its declared tests only), so this is also where the checker's own errors
("error" verdicts) and processes it left behind would show on any buggy program: both are
listed, and fail the run.

Usage: bench/flaky.py [--reuse-trees] [RUNS] [exercise...]   (RUNS defaults to 20; the
exercises to all). The trees of the broken versions are made by `cargo test -p checker --test
broken`, which this script runs first (about 10 minutes); `--reuse-trees` skips that and grades
the trees the last such run left in target/tmp/trees (right after it, on the same commit).
"""
import collections, json, os, random, subprocess, sys, time
import tomllib

LAB = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
args = sys.argv[1:]
reuse_trees = "--reuse-trees" in args
args = [a for a in args if a != "--reuse-trees"]
runs = int(args[0]) if args else 20
only = set(args[1:])
checker = os.path.join(LAB, "target/debug/checker")
env = dict(os.environ, NO_COLOR="1", CARGO_BUILD_BUILD_DIR=os.path.join(LAB, "target/tmp/shared-build"))

subprocess.run(["cargo", "build", "-q", "-p", "checker"], cwd=LAB, check=True)
if not reuse_trees:
    print("making the broken trees (cargo test -p checker --test broken) ...", flush=True)
    subprocess.run(["cargo", "test", "-q", "-p", "checker", "--test", "broken"], cwd=LAB,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

# (label, arguments) of every grading to repeat.
gradings = [("solutions", ["--solutions", "all"])]
for name in sorted(os.listdir(os.path.join(LAB, "checker/tests/broken-versions"))):
    if not name.endswith(".toml"):
        continue
    spec = tomllib.load(open(os.path.join(LAB, "checker/tests/broken-versions", name), "rb"))
    exercise = spec["exercise"]
    if only and exercise not in only:
        continue
    for kind in ("broken", "alternative"):
        for version in spec.get(kind, []):
            tree_name = f"{exercise}--{kind}--{version['name']}"
            tree = os.path.join(LAB, "target/tmp/trees", tree_name, tree_name)
            if os.path.isdir(tree):
                gradings.append((tree_name, ["--root", tree, exercise]))

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


def record(key, status, seed, message):
    """Count a verdict; the moment one differs from its first run, say so with both seeds, so
    the flaky case can be re-run by hand without waiting for the last run."""
    verdicts[key][status] += 1
    first = first_seen.setdefault(key, (status, seed))
    if status != first[0]:
        label, test = key
        print(f"  CHANGED {label}: {test}: {first[0]} (seed {first[1]}) -> {status} (seed {seed})",
              flush=True)
        for line in (message or "").splitlines()[:30]:
            print(f"    {line}", flush=True)

started = time.time()
for run in range(1, runs + 1):
    for label, args in gradings:
        seed = str(random.randrange(1_000_000))
        mark = f"flaky-{os.getpid()}-{run}-{label}"
        out = subprocess.run([checker, *args, "--seed", seed, "--format", "json"],
                             cwd=LAB, env=dict(env, LAB_TEST_MARK=mark), capture_output=True,
                             text=True)
        leftovers = marked(mark)
        if leftovers:
            left_behind.append((label, seed, leftovers))
            print(f"  LEFT BEHIND by {label} (seed {seed}): {leftovers}", flush=True)
        try:
            report = json.loads(out.stdout)
        except json.JSONDecodeError:
            record((label, "(the whole run)"), f"checker failed: exit {out.returncode}", seed,
                   out.stderr[-2000:])
            continue
        for exercise in report["exercises"]:
            for test in exercise["tests"]:
                record((label, test["name"]), test["status"], seed, test.get("message"))
                if test["status"] == "error":
                    own_errors.append((label, test["name"], seed, test.get("message") or ""))
                    print(f"  ERROR (the checker's own) {label}: {test['name']} (seed {seed})",
                          flush=True)
    changed = [(k, v) for k, v in verdicts.items() if len(v) > 1]
    print(f"run {run}/{runs}: {len(gradings)} gradings, {len(changed)} verdicts changed so far "
          f"({time.time() - started:.0f} s)", flush=True)

changed = sorted((k, v) for k, v in verdicts.items() if len(v) > 1)
print(f"\n{len(verdicts)} verdicts watched over {runs} runs; {len(changed)} changed")
for (label, test), counts in changed:
    print(f"  {label}: {test}: {dict(counts)}")
print(f"{len(own_errors)} verdicts were the checker's own errors; "
      f"{len(left_behind)} gradings left processes behind")
for label, test, seed, message in own_errors:
    print(f"  error {label}: {test} (seed {seed}): {message.splitlines()[0] if message else ''}")
for label, seed, leftovers in left_behind:
    print(f"  left behind by {label} (seed {seed}): {leftovers}")
sys.exit(1 if changed or own_errors or left_behind else 0)
