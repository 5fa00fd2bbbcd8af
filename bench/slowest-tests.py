#!/usr/bin/env python3
"""Where the project's test time goes, from nextest's JUnit record of the last run
(target/nextest/default/junit.xml, .config/nextest.toml): the slowest tests, their share of the
test time, and the time of each test binary. `.ci/run` prints it after the tests, so every CI log
keeps the measure.

  bench/slowest-tests.py [JUNIT] [--top N]
"""
import os
import sys
import xml.etree.ElementTree as ET

LAB = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main(args):
    top = 20
    if "--top" in args:
        at = args.index("--top")
        top = int(args[at + 1])
        del args[at:at + 2]
    path = args[0] if args else os.path.join(LAB, "target/nextest/default/junit.xml")
    if not os.path.exists(path):
        print(f"slowest-tests: no {path}: run the tests first (cargo nextest run --workspace)")
        return 1
    cases = []
    for suite in ET.parse(path).getroot().iter("testsuite"):
        for case in suite.iter("testcase"):
            cases.append((float(case.get("time", 0)), suite.get("name", "?"), case.get("name")))
    total = sum(c[0] for c in cases)
    print(f"{len(cases)} tests, {total:.0f} s of test time in all; the slowest {top}:")
    for secs, binary, name in sorted(cases, reverse=True)[:top]:
        print(f"  {secs:7.1f} s  {100 * secs / max(total, 1e-9):4.1f} %  {binary} {name}")
    per_binary = {}
    for secs, binary, _ in cases:
        per_binary[binary] = per_binary.get(binary, 0) + secs
    print("by binary:")
    for binary, secs in sorted(per_binary.items(), key=lambda kv: -kv[1]):
        print(f"  {secs:7.1f} s  {binary}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
