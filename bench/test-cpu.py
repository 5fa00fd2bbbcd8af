#!/usr/bin/env python3
"""The CPU the project's tests used, from bench/test-cpu.sh's record (target/test-cpu.tsv): the
total, each test binary's, the tests that used most, and the broken versions by exercise and
track (their test names are `rNNN[::c]::<exercise>::broken|alternative::<name>`).

  bench/test-cpu.py [RECORD] [--top N]
"""
import collections
import os
import sys

LAB = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main(args):
    top = 25
    if "--top" in args:
        at = args.index("--top")
        top = int(args[at + 1])
        del args[at:at + 2]
    path = args[0] if args else os.path.join(LAB, "target/test-cpu.tsv")
    rows = []
    for line in open(path):
        f = line.rstrip("\n").split("\t")
        if len(f) >= 9:
            rows.append((f[0], f[1], int(f[2]) / 1e9, float(f[6]) - float(f[5]), f[7], int(f[8])))
    cpu = sum(r[2] for r in rows)
    span = max(float(line.split("\t")[6]) for line in open(path)) - min(
        float(line.split("\t")[5]) for line in open(path))
    print(f"{len(rows)} tests: {cpu:.0f} s of CPU, {sum(r[3] for r in rows):.0f} s of test time, "
          f"{span:.0f} s from the first start to the last end")
    failed = [f"{r[0]} {r[1]}" for r in rows if r[4] != "0"]
    if failed:
        print(f"{len(failed)} failed (their CPU counts): " + ", ".join(failed[:10]))
    left = [f"{r[0]} {r[1]} ({r[5]})" for r in rows if r[5]]
    if left:
        print("processes left in a test's cgroup: " + ", ".join(left))
    groups = collections.defaultdict(lambda: [0.0, 0.0, 0])
    for r in rows:
        key = r[0]
        if r[0] == "broken":
            parts = r[1].split("::") + ["", "", ""]
            track = "c" if parts[1] == "c" else "rust"
            exercise = parts[2] if track == "c" else parts[1]
            key = f"broken {track} {exercise}"
        g = groups[key]
        g[0] += r[2]
        g[1] += r[3]
        g[2] += 1
    print("by binary (the broken versions by track and exercise): CPU s, test time s, tests")
    for key, (c, w, n) in sorted(groups.items(), key=lambda kv: -kv[1][0]):
        print(f"  {c:8.1f} {w:8.1f} {n:5d}  {key}")
    print(f"the {top} tests that used most CPU: CPU s, test time s")
    for r in sorted(rows, key=lambda r: -r[2])[:top]:
        print(f"  {r[2]:7.1f} {r[3]:7.1f}  {r[0]} {r[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
