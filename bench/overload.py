#!/usr/bin/env python3
"""Verdicts on a busy machine: grade the solutions, every correct alternative and every broken
version of the exercises' proofs/ while the machine is overloaded — BUSY busy loops per
core (default 4) and a process holding MEMORY MiB (default 2048) — ROUNDS times (default 10).
The bar (the exit status says): no verdict of a solution or an alternative other than a pass,
and every broken version fails each test it declares. A test the checker could not judge
(`"judged": false` in the JSON: the machine starved it, and again when judged alone) is neither:
it is counted apart, with the round's load.

Usage: bench/overload.py [ROUNDS] [exercise...] [--versions FILE]
       (BUSY=N MEMORY=MiB WARM=0 C=0 CHECKER=path)
Both tracks: the C track's solutions and versions ([[c.broken]]) too, but with C=0. Exercises
named: only their solutions and versions. --versions FILE: only the gradings FILE names, one
label a line as bench/versions.py names them (`#` starts a comment): bench/issue66-verdicts.txt
names the solutions, every alternative, and the servers issue 66 measured. CHECKER: the checker binary to grade with (a copy, so
that building the lab meanwhile does not change it under a measurement), else target/debug's.
The load is sampled before every grading: each round says its range.
The versions' trees are bench/versions.py's (shared with flaky.py), built by the first round.
The JSON report of every wrong verdict is kept in target/overload-wrong/.
"""
import json, os, random, shutil, subprocess, sys, tempfile, time

import versions

LAB = versions.LAB
args = sys.argv[1:]
labels = None
if "--versions" in args:
    at = args.index("--versions")
    labels = {line.split("#", 1)[0].strip() for line in open(args[at + 1])} - {""}
    del args[at:at + 2]
rounds = int(args[0]) if args else 10
only = set(args[1:])
busy = int(os.environ.get("BUSY", "4"))
memory = int(os.environ.get("MEMORY", "2048"))
checker = os.environ.get("CHECKER") or os.path.join(LAB, "target/debug/checker")
env = dict(os.environ, NO_COLOR="1", CARGO_BUILD_BUILD_DIR=os.path.join(LAB, "target/tmp/shared-build"))

if not os.environ.get("CHECKER"):
    subprocess.run(["cargo", "build", "-q", "-p", "checker"], cwd=LAB, check=True)
gradings, must_hold = versions.gradings(only, c=os.environ.get("C", "1") != "0", labels=labels)
# A broken version is graded on the tests it declares (as the project's tests do); the solutions
# and an alternative on everything.
plan = []
for label, grading_args in gradings:
    declared = must_hold[label]
    if declared:
        exercise = grading_args[-1]
        graded = declared | versions.BESIDE.get(label, set())
        grading_args = grading_args[:-1] + [f"{exercise}/{t}" for t in sorted(graded)]
    plan.append((label, grading_args, declared))

# Warm the builds on a quiet machine: overload is about verdicts, not cargo (WARM=0 skips it
# where the trees were built by an earlier run).
if os.environ.get("WARM", "1") != "0":
    for label, grading_args, _ in plan:
        subprocess.run([checker, *grading_args], cwd=LAB, env=env, capture_output=True)

cores = os.cpu_count() or 2
loops = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(busy * cores)]
hog = subprocess.Popen([sys.executable, "-c",
                        f"import time\nb = bytearray({memory} << 20)\n"
                        "for i in range(0, len(b), 4096): b[i] = 1\ntime.sleep(10**6)"])
# The whole JSON report of a wrong verdict (its log says whether the test was judged again, and
# how starved each run was), kept for reading afterwards.
KEPT = os.path.join(LAB, "target/overload-wrong")


def keep(report, n, label, seed):
    os.makedirs(KEPT, exist_ok=True)
    kept = shutil.copyfile(report, os.path.join(KEPT, f"round{n}-{label}-{seed}.json"))
    print(f"  report kept: {kept}", flush=True)


wrong = []      # (round, label, test, status, message): a verdict that must not be
unjudged = []   # (round, label, test)
loads = []
try:
    for n in range(1, rounds + 1):
        started = time.time()
        sampled = []
        for label, grading_args, declared in plan:
            sampled.append(os.getloadavg()[0])
            seed = str(random.randrange(1, 2**32))
            with tempfile.NamedTemporaryFile(suffix=".json") as report:
                subprocess.run([checker, *grading_args, "--seed", seed, "--format", "json",
                                "--output", report.name], cwd=LAB, env=env,
                               capture_output=True, timeout=900)
                try:
                    doc = json.load(open(report.name))
                except (json.JSONDecodeError, OSError):
                    wrong.append((n, label, "(the whole run)", "no report", seed))
                    continue
            for e in doc["exercises"]:
                for t in e["tests"]:
                    test = t["id"]
                    if t.get("judged") is False:
                        unjudged.append((n, label, test))
                        print(f"  unjudged: {label} {test}", flush=True)
                    elif (t["status"] != "pass" if declared is None
                          else test in declared and t["status"] != "fail"):
                        wrong.append((n, label, test, t["status"], t["message"]))
                        keep(report.name, n, label, seed)
                        print(f"  WRONG: {label} {test} ({t['status']}, seed {seed}): "
                              f"{t['message']}", flush=True)
        sampled.append(os.getloadavg()[0])
        loads.extend(sampled)
        print(f"round {n}/{rounds}: {time.time() - started:.0f} s at load {min(sampled):.0f} to "
              f"{max(sampled):.0f} (mean {sum(sampled) / len(sampled):.0f}); "
              f"{len(wrong)} wrong, {len(unjudged)} could not be judged so far", flush=True)
finally:
    for p in loops + [hog]:
        p.kill()

print(f"{rounds} rounds of {len(plan)} gradings ({busy} busy loops per core, {memory} MiB held), "
      f"load {min(loads):.0f} to {max(loads):.0f}: {len(wrong)} wrong verdicts, "
      f"{len(unjudged)} tests that could not be judged")
for w in wrong:
    print("  WRONG", *w)
for u in unjudged:
    print("  unjudged", *u)
sys.exit(1 if wrong else 0)
