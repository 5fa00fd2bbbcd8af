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

Usage: bench/slow-failures.py [exercise...] [--program NAME=PATH]   (LIMIT=seconds)
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
    return [(t["id"], t["status"], t["duration"]) for e in doc["exercises"] for t in e["tests"]]


subprocess.run(["cargo", "build", "-q", "-p", "checker"], cwd=LAB, check=True)
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
