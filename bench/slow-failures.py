#!/usr/bin/env python3
"""Failing verdicts that take over 3 s: every broken version of checker/tests/broken-versions/ is
graded on the tests it declares (the trees of bench/versions.py, built first), and each failing
test's duration (the JSON report's) is listed when it is over LIMIT seconds (default 3), slowest
first. README's list of the tests that must still wait, with why, is checked against it.

Usage: bench/slow-failures.py [exercise...]   (LIMIT=seconds in the environment)
"""
import json, os, subprocess, sys, tempfile

import versions

LAB = versions.LAB
only = set(sys.argv[1:])
limit = float(os.environ.get("LIMIT", "3"))
checker = os.path.join(LAB, "target/debug/checker")
env = dict(os.environ, NO_COLOR="1",
           CARGO_BUILD_BUILD_DIR=os.path.join(LAB, "target/tmp/shared-build"))

subprocess.run(["cargo", "build", "-q", "-p", "checker"], cwd=LAB, check=True)
gradings, must_hold = versions.gradings(only)
slow, graded = [], 0
for label, args in gradings:
    declared = must_hold[label]
    if not declared:
        continue  # the solutions and the alternatives pass
    exercise = args[-1]
    args = args[:-1] + [f"{exercise}/{t}" for t in sorted(declared)]
    subprocess.run([checker, *args], cwd=LAB, env=env, capture_output=True)  # build it first
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        subprocess.run([checker, *args, "--format", "json", "--output", report.name], cwd=LAB,
                       env=env, capture_output=True)
        try:
            doc = json.load(open(report.name))
        except (json.JSONDecodeError, OSError):
            print(f"  no report: {label}", flush=True)
            continue
    graded += 1
    for e in doc["exercises"]:
        for t in e["tests"]:
            if t["status"] == "fail" and t["duration"] > limit:
                slow.append((t["duration"], label, t["id"]))
                print(f"  {t['duration']:5.1f} s  {label}: {t['id']}", flush=True)
slow.sort(reverse=True)
print(f"{graded} broken versions graded: {len(slow)} failing verdicts over {limit:g} s")
for took, label, test in slow:
    print(f"{took:6.1f} s  {label.split('--')[0]}/{test}  ({label.split('--')[-1]})")
