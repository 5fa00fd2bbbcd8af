#!/usr/bin/env python3
"""Draw a seeded random sample of prose paragraphs of course.ko.md: 20 each from days 1, 4 and 7.
A paragraph is a block of lines between blank lines (each list item its own), outside code fences, not a heading, a table, a
comment or an anchor, with at least 40 Hangul syllables. Usage: sample.py SEED [course.ko.md]"""
import random, re, sys
seed = int(sys.argv[1]); path = sys.argv[2] if len(sys.argv) > 2 else "course.ko.md"
lines = open(path).read().split("\n")
days = {}
day = None
for n, line in enumerate(lines):
    if line.startswith("## "):
        m = re.match(r"## (\d)일차", line)
        day = int(m.group(1)) if m else None
    days.setdefault(day, []).append(n)
def paragraphs(numbers):
    out, cur, fence = [], [], False
    for n in numbers:
        line = lines[n]
        if line.lstrip().lstrip(">").lstrip().startswith("```"):
            fence = not fence; cur and out.append(cur); cur = []; continue
        if fence: continue
        s = line.strip()
        if not s or s.startswith(("#", "|", "<!--", '<a id="')):
            cur and out.append(cur); cur = []; continue
        if re.match(r"(>\s*)?(- |\d+\. )", s) and cur:
            out.append(cur); cur = []
        cur.append(n)
    cur and out.append(cur)
    return [p for p in out if len(re.findall("[가-힣]", " ".join(lines[i] for i in p))) >= 40]
rng = random.Random(seed)
for d in (1, 4, 7):
    ps = paragraphs(days[d])
    pick = sorted(rng.sample(ps, 20))
    print(f"## day {d}: 20 of {len(ps)} paragraphs")
    for p in pick:
        text = " ".join(lines[i].strip() for i in p)
        print(f"\n[ko:{p[0]+1}] {text}")
