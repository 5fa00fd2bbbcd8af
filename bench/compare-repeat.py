#!/usr/bin/env python3
"""Do `checker compare`'s figures repeat within their printed spread? Measure twice (the
reference servers, or what the arguments say), then for every server, level and figure: is the
second median within the first's printed range (median ± the farthest run), and do the two
ranges overlap? Prints both shares and every figure that misses.

Usage: bench/compare-repeat.py [compare arguments...]   (default: --solutions)"""
import json, os, subprocess, sys

LAB = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
args = sys.argv[1:] or ["--solutions"]


def measure():
    out = subprocess.run(["cargo", "run", "-q", "-p", "checker", "--", "compare", *args,
                          "--format", "json"], cwd=LAB, capture_output=True, text=True, check=True)
    report = json.loads(out.stdout)
    return {(s["name"], level["clients"], name): figure
            for s in report["servers"] for level in s.get("levels", [])
            for name, figure in level["figures"].items()}


first, second = measure(), measure()
within = overlap = 0
misses = []
for key, a in first.items():
    b = second.get(key)
    if b is None:
        continue
    low = min(a["low"], a["median"] * (1 - a["spread_percent"] / 100))
    high = max(a["high"], a["median"] * (1 + a["spread_percent"] / 100))
    inside = low <= b["median"] <= high
    within += inside
    overlap += a["low"] <= b["high"] and b["low"] <= a["high"]
    if not inside:
        misses.append(f"  {key[0]} at {key[1]} clients, {key[2]}: {a['median']:.4g} "
                      f"±{a['spread_percent']:.1f}% then {b['median']:.4g}")
n = len([k for k in first if k in second])
print(f"second medians within the first's printed spread: {within} of {n} ({100 * within / n:.0f}%)")
print(f"ranges of the two that overlap: {overlap} of {n} ({100 * overlap / n:.0f}%)")
print("\n".join(misses))
