#!/usr/bin/env python3
"""Convert an exercise to stubs derived from its references (checker/src/authoring/derived_stubs.rs):
print REFERENCE marked with its stub, from the stub and the Korean of its comments as they are
committed: each hunk where they differ becomes the stub's lines (`//@ `) before the reference's
lines they replace (between `//@{` and `//@}`), and each translated comment gets its Korean as
`//@ko ` lines under it (`//@ko-next ` above a comment after code; `//@ko TODO("...")` under a
C `TODO`). Day 8 was converted so.

    python3 bench/mark-stubs.py solutions/day8-device/src/lib.rs exercises/day8-device/src/lib.rs \
        checker/exercises/day8-device/korean/rust/src/lib.rs.ko > marked.rs

Then put it in place of the reference, format it (`cargo fmt`), and run `checker sync`: `git
diff` must show no stub and no .ko file changed. A broken version whose `find` spans a mark
must be given its new text (or a narrower one); bench/mutation.py reads references without
their marks, so their mutation records stay current."""
import difflib, sys


def fnv(text):
    x = 0xcbf29ce484222325
    for b in text.encode():
        x ^= b
        x = (x * 0x100000001b3) & 0xffffffffffffffff
    return "%016x" % x


def is_comment(line):
    b = line.lstrip()
    return b.startswith("//") and not b.startswith("//>")


def comment_after_code(line):
    if line.lstrip().startswith("//"):
        return None
    i = 0
    n = len(line)
    while i < n:
        c = line[i]
        if c == '"':
            i += 1
            while i < n and line[i] != '"':
                i += 2 if line[i] == "\\" else 1
        elif c == "'":
            a = line[i + 1] if i + 1 < n else None
            b = line[i + 2] if i + 2 < n else None
            d = line[i + 3] if i + 3 < n else None
            if a == "\\" and b is not None and d == "'":
                i += 3
            elif a is not None and b == "'":
                i += 2
        elif c == "/" and line[i + 1:i + 2] == "/":
            return None if line[i:].startswith("//>") else i
        i += 1
    return None


def blocks(lines):
    ind = lambda l: len(l) - len(l.lstrip())
    found = []
    i = 0
    while i < len(lines):
        start = i
        if is_comment(lines[i]):
            while i < len(lines) and is_comment(lines[i]):
                i += 1
            column = ind(lines[start])
        else:
            column = comment_after_code(lines[i])
            if column is None:
                i += 1
                continue
            i += 1
            width = column
            while i < len(lines) and is_comment(lines[i]) and ind(lines[i]) == width:
                i += 1
        first = lines[start][column:]
        text = [first.lstrip()] + [l.lstrip() for l in lines[start + 1:i]]
        found.append((start, i - start, fnv("\n".join(t.strip() for t in text))))
    return found


def translations(text):
    found, cur = {}, None
    for line in text.splitlines():
        key = None
        for h in ("# en ", "# owed "):
            if line.startswith(h):
                key = ("owed:" if h == "# owed " else "") + line[len(h):].strip()
        if line.startswith("# todo "):
            key = "todo:" + line[len("# todo "):]
        if key is not None:
            if cur:
                found[cur[0]] = trim(cur[1])
            cur = (key, [])
        elif cur is not None:
            cur[1].append(line)
    if cur:
        found[cur[0]] = trim(cur[1])
    return found


def trim(ls):
    while ls and not ls[-1].strip():
        ls.pop()
    return ls


def todo_calls(line):
    c = comment_after_code(line)
    line = line[:c] if c is not None else line
    out, frm = [], 0
    while True:
        at = line.find('TODO("', frm)
        if at < 0:
            return out
        s = at + 6
        e = line.find('")', s)
        if e < 0:
            return out
        out.append(line[s:e])
        frm = e


def indent(l):
    return l[:len(l) - len(l.lstrip())]


def main():
    ref = open(sys.argv[1]).read().splitlines()
    stub_text = open(sys.argv[2]).read()
    stub = stub_text.splitlines()
    ko = translations(open(sys.argv[3]).read()) if len(sys.argv) > 3 else {}
    marked, emit = [], {}
    sm = difflib.SequenceMatcher(None, ref, stub, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            for k in range(i2 - i1):
                marked.append(ref[i1 + k])
                emit[j1 + k] = len(marked) - 1
            continue
        context = [l for l in stub[j1:j2] + ref[i1:i2] if l.strip()]
        base = indent(context[0]) if context else ""
        for j in range(j1, j2):
            l = stub[j]
            if not l.strip():
                marked.append(base + "//@")
            else:
                marked.append(indent(l) + "//@ " + l.lstrip())
            emit[j] = len(marked) - 1
        if i1 < i2:
            rind = indent(next((l for l in ref[i1:i2] if l.strip()), base))
            marked.append(rind + "//@{")
            marked.extend(ref[i1:i2])
            marked.append(rind + "//@}")
    # Korean, inserted after the line that emits each block's last line.
    inserts = {}
    before = {}
    seen = set()
    for start, n, h in blocks(stub):
        if h in seen:
            continue
        seen.add(h)
        if h not in ko:
            continue
        ind = indent(stub[start])
        if is_comment(stub[start]):
            inserts.setdefault(emit[start + n - 1], []).extend(ind + "//@ko " + k if k.strip() else ind + "//@ko" for k in ko[h])
        else:
            before.setdefault(emit[start], []).extend(ind + "//@ko-next " + k for k in ko[h])
    done = set()
    for j, l in enumerate(stub):
        if l.lstrip().startswith("//"):
            continue
        for said in todo_calls(l):
            if all(ch.isalnum() or ch == "_" for ch in said) or said in done:
                continue
            done.add(said)
            k = ko.get("todo:" + said)
            if k and k[0] != said:
                inserts.setdefault(emit[j], []).append(indent(l) + '//@ko TODO("' + k[0].strip() + '");')
    out = []
    for m, l in enumerate(marked):
        out.extend(before.get(m, []))
        out.append(l)
        out.extend(inserts.get(m, []))
    sys.stdout.write("\n".join(out) + "\n")


main()
