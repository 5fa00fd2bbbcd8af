#!/usr/bin/env python3
"""What the class page costs for a large class: STUDENTS (default 200) made-up JSON reports, in
the schema grading writes (report/json.rs, version 3) over the lab's real exercises and tests
(`checker list --format json`, both tracks), then `checker gradebook --output --html` over
them, ROUNDS times (default 3). Prints the reports' size, each round's wall time, and the page's
and the CSV's size. The budget (issue 61): under 2 s and under 2 MiB for 200 students. The
checker reads the reports on every core: on an idle machine the wall time is about the CPU time
over the cores; on a loaded one, the load average printed says why it is more.

The class is made to be heavy, not kind: every student graded on the whole lab, four in five on
the Rust track, progress spread over the days, a failure's message of 0.3 to 1.5 KB with program
output beside it as real reports carry, causes (diagnoses, kinds of error, wrong answers) drawn
per test, a few runs not judged, students with no grade, one graded by another lab revision,
one committed late. Seeded: the same class every time (SEED).

Usage: bench/class-page.py   (STUDENTS=200 ROUNDS=3 SEED=61 KEEP=dir to keep the files)
"""
import json, os, random, shutil, subprocess, sys, tempfile, time

LAB = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STUDENTS = int(os.environ.get("STUDENTS", "200"))
ROUNDS = int(os.environ.get("ROUNDS", "3"))
DEADLINE = "2026-10-31T23:59:00+09:00"
DIAGNOSES = ["stuck", "client-without-timeout", "holds-unread", "closed-unread", "spins-at-eof"]
KINDS = ["timeout", "reset", "early-eof", "bad-output", "bad-exit", "refused", "panic"]


def checker(*args):
    return subprocess.run([os.path.join(LAB, "target/debug/checker"), *args], check=True,
                          capture_output=True, text=True).stdout


def message(rng):
    lines = ["sent: \"hello\\n\" (6 bytes)", "expected: \"hello\\n\" (6 bytes)",
             "got: \"hel\" (3 bytes), then the connection closed",
             "note: the server closed before the whole line came back"]
    text = "\n".join(rng.sample(lines, rng.randint(2, 4)))
    return text + "\n" + "where it waits: read(4) in main at src/main.rs:42 " * rng.randint(2, 20)


def report(rng, name, catalog, track, days_done, skill):
    exercises, totals = [], dict(passed=0, failed=0, not_started=0, unjudged=0, points=0, max_points=0)
    for ex in catalog[track]:
        started = ex["day"] <= days_done
        tests, points, max_points = [], 0, 0
        for t in ex["tests"]:
            rules = t["id"] == "rules"
            if not started:
                status = "not-started"
            elif rng.random() < 0.01:
                status = "error"
            elif rng.random() < skill:
                status = "pass"
            else:
                status = "fail"
            failing = status == "fail"
            cause = rng.random()
            tmax = 0 if status == "error" or rules else t["points"]
            tpoints = tmax if status == "pass" else 0
            tests.append({
                "name": f"{ex['name']}/{t['id']}", "id": t["id"], "title": t["title"],
                "status": status, "judged": status != "error",
                "message": message(rng) if failing else None,
                "output": ("x" * rng.randint(0, 2000)) if failing else None,
                "diagnosis": rng.choice(DIAGNOSES) if failing and cause < 0.3 else None,
                "kind": rng.choice(KINDS) if failing and 0.3 <= cause < 0.7 else None,
                "points": tpoints, "max_points": tmax, "duration": 0.5, "section": t["section"],
            })
            points += tpoints
            max_points += tmax
            key = {"pass": "passed", "fail": "failed", "not-started": "not_started", "error": "unjudged"}[status]
            totals[key] += 1
        if not started:
            status = "not-started"
        elif all(t["status"] == "pass" for t in tests):
            status = "pass"
        else:
            status = "fail"
        exercises.append({
            "name": ex["name"], "day": ex["day"], "status": status, "message": None,
            "points": points, "max_points": max_points,
            "score": round(points / max_points, 3) if max_points else 0,
            "passed": sum(t["status"] == "pass" for t in tests),
            "failed": sum(t["status"] == "fail" for t in tests),
            "not_started": sum(t["status"] == "not-started" for t in tests),
            "rules_void_points": False, "tests": tests,
        })
        totals["points"] += points
        totals["max_points"] += max_points
    return {
        "version": 3, "status": "fail", "message": None, "seed": 1, "tree": "/tmp/x",
        "student": name, "track": track, "sandbox": {"mode": "namespaces", "contained": True},
        "exercises": exercises, "days": [],
        "totals": dict(totals, score=round(totals["points"] / max(totals["max_points"], 1), 3)),
        "provenance": {"lab_revision": "a" * 40, "lab_modified": False, "checker_version": "0.1.0",
                       "commit": "c" * 40, "commit_date": "2026-10-31T10:00:00Z",
                       "sources": "0", "sandbox": {"mode": "namespaces", "contained": True},
                       "deadline": DEADLINE, "graded_at": "2026-11-01T00:00:00Z"},
    }


def main():
    subprocess.run(["cargo", "build", "-q", "-p", "checker"], cwd=LAB, check=True)
    catalog = {track: json.loads(checker("list", "--format", "json", "--track", track))
               for track in ("rust", "c")}
    rng = random.Random(int(os.environ.get("SEED", "61")))
    work = os.environ.get("KEEP") or tempfile.mkdtemp()
    reports = os.path.join(work, "reports")
    os.makedirs(reports, exist_ok=True)
    for i in range(STUDENTS):
        name = f"student{i:03d}"
        os.makedirs(os.path.join(reports, name), exist_ok=True)
        path = os.path.join(reports, name, "results.json")
        if i % 50 == 7:
            doc = {"version": 3, "student": name, "no_submission": f"could not clone ORG/{name}: repository not found",
                   "no_submission_cause": "could-not-clone", "exercises": [],
                   "totals": {"points": 0, "max_points": 0}, "sandbox": {"mode": "none", "contained": False},
                   "provenance": {"deadline": DEADLINE}}
        else:
            track = "c" if rng.random() < 0.2 else "rust"
            doc = report(rng, name, catalog, track, rng.choice([0, 1, 2, 3, 4, 5, 6, 7, 7, 7]),
                         rng.uniform(0.5, 0.98))
            if i == 11:
                doc["provenance"]["lab_revision"] = "b" * 40
            if i == 12:
                doc["provenance"]["commit_date"] = "2026-11-01T10:00:00Z"
        with open(path, "w") as f:
            json.dump(doc, f, indent=2)
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(reports) for f in fs)
    print(f"{STUDENTS} reports, {size / 2**20:.1f} MiB of JSON in {reports}")
    page, csv = os.path.join(work, "class.html"), os.path.join(work, "gradebook.csv")
    for r in range(ROUNDS):
        start, before = time.monotonic(), os.times()
        subprocess.run([os.path.join(LAB, "target/debug/checker"), "gradebook", reports,
                        "--deadline", DEADLINE, "--output", csv, "--html", page],
                       check=True, capture_output=True)
        after = os.times()
        cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
        print(f"round {r + 1}: {time.monotonic() - start:.2f} s wall, {cpu:.2f} s of CPU "
              f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    print(f"page: {os.path.getsize(page) / 2**10:.0f} KiB ({page}); csv: {os.path.getsize(csv) / 2**10:.0f} KiB")
    if not os.environ.get("KEEP"):
        shutil.rmtree(work)


if __name__ == "__main__":
    sys.exit(main())
