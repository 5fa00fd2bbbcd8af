#!/usr/bin/env python3
"""Rewrite a whole-file proof as find/replace edits of today's reference solution.

    bench/proof-to-edits.py <proofs/*.toml> <source> [--write] [--base REV]

`source` is the whole file's name as the TOML gives it (`rust/alt-poll.rs`, relative to the
exercise's proofs/). The edits are minimal line hunks found with difflib, each `find` widened
until it occurs once in the reference; they are checked as checker/tests/common applies them (in
order, each to the result of the ones before, its text found exactly once) to give back the
whole file byte for byte. Without --write the edits are printed; with it, every
`[[*.edit]] file/source` block of the TOML that names the source is replaced by them, and the
whole file is deleted once no TOML of its exercise names it.

--base REV: the file was written against the reference as it was at REV. Its changes are
carried onto today's reference by a three-way merge (`git merge-file`), so what the reference
changed since (a fix, a rustfmt) reaches it; the difference from the whole file is printed, to
judge that it changes nothing the proof proves, and the edits reproduce the merged file.

Whether a proof should be edits is a judgement: an edit of the reference (a few localized
hunks) should; another program (an epoll server for a thread per client) stays whole, with a
comment above its entry saying why. The line printed on stderr (lines whole, edits, lines of
find and replace) helps to judge.
"""

import argparse
import difflib
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib

LAB = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def lines(text):
    return text.splitlines(True)


def hunks(ref, new, gap):
    """The differing line ranges, those closer than `gap` equal lines merged."""
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ref, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if out and i1 - out[-1][1] <= gap:
            out[-1][1], out[-1][3] = i2, j2
        else:
            out.append([i1, i2, j1, j2])
    return out


def derive(ref_text, new_text, gap):
    """(find, replace) pairs that turn ref_text into new_text; each find is whole lines of the
    reference, unique in it, and never reaches into a neighbouring hunk. None if, applied in
    order, a find would occur more than once."""
    ref, new = lines(ref_text), lines(new_text)
    todo = hunks(ref, new, gap)
    while True:
        edits = []
        for k, (i1, i2, j1, j2) in enumerate(todo):
            lo = todo[k - 1][1] if k else 0
            hi = todo[k + 1][0] if k + 1 < len(todo) else len(ref)
            a, b = i1, i2
            if a == b:  # an insertion: anchor it on the line before (or after)
                if a > lo:
                    a -= 1
                elif b < hi:
                    b += 1
            turn = 0
            while not ("".join(ref[a:b]).strip() and ref_text.count("".join(ref[a:b])) == 1):
                if turn % 2 == 0 and a > lo:
                    a -= 1
                elif b < hi:
                    b += 1
                elif a > lo:
                    a -= 1
                else:
                    break
                turn += 1
            find = "".join(ref[a:b])
            if not (find.strip() and ref_text.count(find) == 1):
                break  # boxed in by its neighbours: merge with one and start again
            edits.append((find, "".join(ref[a:i1] + new[j1:j2] + ref[i2:b])))
        else:
            break
        x, y = (k - 1, k) if k else (k, k + 1)
        if y >= len(todo):
            sys.exit("no unique text to find: the file may be the reference itself")
        todo[x] = [todo[x][0], todo[y][1], todo[x][2], todo[y][3]]
        del todo[y]
    # As the runner applies them: a replacement may make a later find occur twice (then None:
    # another way of merging hunks may do).
    text = ref_text
    for find, replace in edits:
        if text.count(find) != 1:
            return None
        text = text.replace(find, replace, 1)
    if text != new_text:
        sys.exit("the edits do not give back the file")
    return edits


def toml_string(s):
    if "'''" in s or "\r" in s or s.endswith("'") or any(ord(c) < 32 and c not in "\n\t" for c in s):
        return json.dumps(s, ensure_ascii=False)
    return "'''\n" + s + "'''" if "\n" in s else json.dumps(s, ensure_ascii=False)


def render(kind, file, edits):
    return "".join(
        f"[[{kind}.edit]]\nfile = {json.dumps(file)}\nfind = {toml_string(f)}\nreplace = {toml_string(r)}\n"
        for f, r in edits
    )


def merged_onto_today(reference, path, rev, whole):
    old = subprocess.run(["git", "-C", LAB, "show", f"{rev}:{path}"],
                         capture_output=True, text=True, check=True).stdout
    with tempfile.TemporaryDirectory() as d:
        for name, text in (("today", reference), ("then", old), ("whole", whole)):
            with open(os.path.join(d, name), "w") as f:
                f.write(text)
        r = subprocess.run(["git", "merge-file", "-p"] + [os.path.join(d, n) for n in ("today", "then", "whole")],
                           capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"the three-way merge has {r.returncode} conflicts: write the edits by hand")
    sys.stderr.writelines(difflib.unified_diff(lines(whole), lines(r.stdout), "whole file", "merged"))
    return r.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("toml")
    ap.add_argument("source")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--base", metavar="REV")
    args = ap.parse_args()
    text = open(args.toml).read()
    exercise = tomllib.loads(text)["exercise"]
    proofs = os.path.dirname(os.path.abspath(args.toml))
    # A block's table names its track: [[rust.broken.edit]], [[c.alternative.edit]].
    block = re.compile(r'\[\[((rust|c)\.(?:broken|alternative))\.edit\]\]\nfile = "([^"]+)"\nsource = "'
                       + re.escape(args.source) + r'"\n')
    found = block.findall(text)
    if not found:
        sys.exit(f"{args.toml}: no edit block names {args.source}")
    tracks = {t for _, t, _ in found}
    if len(tracks) != 1:
        sys.exit(f"{args.source} is named on both tracks: give it one")
    package = os.path.join(LAB, "c/solutions" if tracks.pop() == "c" else "solutions", exercise)
    files = {f for _, _, f in found}
    if len(files) != 1:
        sys.exit(f"{args.source} stands for several files: {sorted(files)}")
    file = files.pop()
    reference = open(os.path.join(package, file)).read()
    whole_path = os.path.normpath(os.path.join(proofs, args.source))
    whole = open(whole_path).read()
    if args.base:
        whole = merged_onto_today(reference, os.path.relpath(os.path.join(package, file), LAB), args.base, whole)
    # The fewest lines of TOML over a few ways of merging nearby hunks.
    found_edits = [e for e in (derive(reference, whole, gap) for gap in range(6)) if e is not None]
    if not found_edits:
        sys.exit("no set of edits applies in order with each find found once: write them by hand")
    edits = min(found_edits, key=lambda e: sum(len(lines(f)) + len(lines(r)) + 4 for f, r in e))
    size = sum(len(lines(f)) + len(lines(r)) for f, r in edits)
    print(f"{args.source}: {len(lines(whole))} lines whole, {len(edits)} edits, {size} lines of find and replace",
          file=sys.stderr)
    if not args.write:
        sys.stdout.write(render(found[0][0], file, edits))
        return
    new_text = block.sub(lambda m: render(m.group(1), file, edits), text)
    tomllib.loads(new_text)
    with open(args.toml, "w") as f:
        f.write(new_text)
    def sources(toml):
        spec = tomllib.load(open(toml, "rb"))
        return {os.path.normpath(os.path.join(os.path.dirname(toml), e["source"]))
                for track in ("rust", "c")
                for v in spec.get(track, {}).get("broken", []) + spec.get(track, {}).get("alternative", [])
                for e in v.get("edit", []) if "source" in e}
    tables = glob.glob(os.path.join(LAB, "checker/exercises/*/proofs/*.toml"))
    if not any(whole_path in sources(t) for t in tables):
        os.remove(whole_path)
        print(f"deleted {os.path.relpath(whole_path, LAB)}", file=sys.stderr)


if __name__ == "__main__":
    main()
