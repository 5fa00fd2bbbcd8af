#!/usr/bin/env python3
"""How long each failing verdict takes: every broken version of the exercises' proofs/
(the trees of bench/versions.py, built first) is graded on every test of its exercise, as a
student's `cargo run -p checker -- <exercise>` does, and each failing test's duration (the JSON
report's, a second judging included) is listed; those over LIMIT seconds (default 3) are
flagged. A test declared in the version's `fails` is marked `*`; the others fail or pass by the
bug's own race (see docs/maintainers.md, "Which verdicts may still differ between runs").

The flagged tests must be in docs/maintainers.md's list of the tests that must still wait (between
`<!-- slow failures -->` and `<!-- end of slow failures -->`, each as `exercise/test`): the
script ends with status 1 naming any that is not.

`--program NAME=PATH` grades a program from elsewhere instead (one exercise given), as the
checker's own option does: a public chat server's failing verdicts, say.

`--solutions RUNS` times the references' verdicts instead (every one a pass, each within LIMIT
seconds is the bar, principle 6): the solutions of both tracks are graded RUNS times, as
`cargo run -p checker -- --solutions [--track c] <exercise>` does, and each test's durations
(least, median, most) are listed with the load average before and after each run (the machine
may be shared: a figure is worth what the load was). Exit status 1 if a median is over LIMIT.

Usage: bench/slow-failures.py [exercise...] [--program NAME=PATH]   (LIMIT=seconds)
       bench/slow-failures.py --solutions RUNS exercise...
"""
import json, os, re, subprocess, sys, tempfile

import versions

LAB = versions.LAB
args = sys.argv[1:]
programs = []
while "--program" in args:
    at = args.index("--program")
    programs += ["--program", args[at + 1]]
    del args[at:at + 2]
solutions_runs = 0
if "--solutions" in args:
    at = args.index("--solutions")
    solutions_runs = int(args[at + 1])
    del args[at:at + 2]
only = set(args)
limit = float(os.environ.get("LIMIT", "3"))
checker = os.path.join(LAB, "target/debug/checker")
env = dict(os.environ, NO_COLOR="1",
           CARGO_BUILD_BUILD_DIR=os.path.join(LAB, "target/tmp/shared-build"))


def listed_in_readme():
    """The tests docs/maintainers.md says must still wait over 3 s to fail."""
    text = open(os.path.join(LAB, "docs/maintainers.md")).read()
    block = re.search(r"<!-- slow failures -->(.*?)<!-- end of slow failures -->", text, re.S)
    return set(re.findall(r"`([a-z0-9-]+/[a-z0-9-]+)`", block.group(1))) if block else set()


def grade(label, argv):
    """(test id, status, duration) of each test of one grading, or None without a report."""
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        subprocess.run([checker, *argv, "--format", "json", "--output", report.name], cwd=LAB,
                       env=env, capture_output=True)
        try:
            doc = json.load(open(report.name))
        except (json.JSONDecodeError, OSError):
            print(f"  no report: {label}", flush=True)
            return None
    # An unjudged test is `"status": "error"` with `"judged": false` in the JSON.
    return [(t["id"], t["status"] if t.get("judged", True) else "unjudged", t["duration"])
            for e in doc["exercises"] for t in e["tests"]]


def load_average():
    return open("/proc/loadavg").read().split()[0]


def time_the_solutions(runs):
    """Each reference's verdicts, RUNS gradings of each exercise on each track: every test's
    least, median and most duration; a test not passed every time is named."""
    over = []
    for exercise in sorted(only):
        for track in ("rust", "c"):
            times, others, loads = {}, [], []
            # A first grading builds the references (`rules` would time the build): not counted.
            grade(f"{track} {exercise}", ["--solutions", "--track", track, exercise])
            for _ in range(runs):
                before = load_average()
                tests = grade(f"{track} {exercise}",
                              ["--solutions", "--track", track, exercise]) or []
                loads.append(f"{before}-{load_average()}")
                for test, status, took in tests:
                    times.setdefault(test, []).append(took)
                    if status != "pass":
                        others.append(f"{test} {status}")
            print(f"\n{exercise}, {track} track, {runs} runs (load average before-after each: "
                  f"{', '.join(loads)})", flush=True)
            for test, took in times.items():
                took.sort()
                median = took[len(took) // 2]
                flag = " OVER" if median > limit else (" near" if took[-1] > limit * 0.8 else "")
                print(f"  {test:24} {took[0]:5.2f} {median:5.2f} {took[-1]:5.2f} s{flag}")
                if median > limit:
                    over.append(f"{exercise}/{test} ({track})")
            if others:
                print(f"  not passed: {', '.join(others)}")
    print(f"\nmedians over {limit:g} s: {', '.join(over) or 'none'}")
    sys.exit(1 if over else 0)


subprocess.run(["cargo", "build", "-q", "-p", "checker"], cwd=LAB, check=True)
if solutions_runs:
    time_the_solutions(solutions_runs)
if programs:
    if len(only) != 1:
        sys.exit("--program grades one exercise: name it")
    gradings = [(f"{next(iter(only))}--program--{' '.join(programs[1::2])}",
                 [*programs, next(iter(only))])]
    declared = {gradings[0][0]: set()}
else:
    gradings, declared = versions.gradings(only)
    gradings = [(label, a) for label, a in gradings if declared[label]]
slow, graded = [], 0
for label, argv in gradings:
    tests = grade(label, argv)
    if tests is None:
        continue
    graded += 1
    exercise, _, name = label.split("--", 2)
    failing = [(took, test) for test, status, took in tests if status == "fail"]
    unjudged = [test for test, status, _ in tests if status == "unjudged"]
    shown = ", ".join(
        f"{test}{'*' if test in declared[label] else ''} {took:.1f} s"
        f"{' SLOW' if took > limit else ''}" for took, test in sorted(failing, reverse=True))
    print(f"{exercise} {name}: {shown or 'no failing test'}"
          f"{'; could not be judged: ' + ', '.join(unjudged) if unjudged else ''}", flush=True)
    slow += [(took, f"{exercise}/{test}", name) for took, test in failing if took > limit]
slow.sort(reverse=True)
print(f"\n{graded} gradings: {len(slow)} failing verdicts over {limit:g} s")
for took, test, name in slow:
    print(f"{took:6.1f} s  {test}  ({name})")
unlisted = sorted({test for _, test, _ in slow} - listed_in_readme())
if unlisted and not programs:
    print(f"not in docs/maintainers.md's list of the tests that must still wait: {', '.join(unlisted)}")
    sys.exit(1)
