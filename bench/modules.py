#!/usr/bin/env python3
"""The checker's module graph: which module (file) uses which, from `crate::` paths and
`super::` imports. Prints any import cycle (strongly connected component of more than one
module), any use that points up the layers (LAYERS, top to bottom), a file over 500 lines
without its reason in LONG_FILES, and a function over 100 lines; exits 1 if there is any of
these, or if more functions than FN_BUDGET are over 60 lines. Used to keep the layering
of checker/src honest, the exercises' modules in checker/exercises/<name>/ included
(docs/maintainers.md, "Layout")."""
import os, re, sys

ROOT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "checker/src")

# Each exercise's folder (checker/exercises/<name>/): its modules are the checker's
# `exercises::<module>`, declared with #[path] in checker/src/exercises/mod.rs.
EXERCISES = os.path.join(os.path.dirname(ROOT), "exercises")

def module_of(path):
    if path.startswith(EXERCISES + os.sep):
        parts = os.path.relpath(path, EXERCISES)[:-3].split(os.sep)
        parts = ["exercises", parts[0].replace("-", "_")] + parts[1:]
    else:
        parts = os.path.relpath(path, ROOT)[:-3].split(os.sep)
    if parts[-1] in ("mod", "main"):
        parts = parts[:-1]
    return "::".join(parts)

# What an exercise's folder holds beside its modules (base::workspace::in_exercise_folder): its
# proofs, the Korean of its stubs, its C shim and harness bridge, Rust that is data to the checker.
EXERCISE_DATA = {"proofs", "korean", "c-shim", "harness-calls.rs"}

modules = {}
for top in (ROOT, EXERCISES):
    for dirpath, dirs, files in os.walk(top):
        dirs[:] = [d for d in dirs if d not in EXERCISE_DATA]
        for f in files:
            if f.endswith(".rs") and f not in EXERCISE_DATA:
                p = os.path.join(dirpath, f)
                modules[module_of(p)] = p

def resolve(name):
    """The longest known module that prefixes this path."""
    parts = name.split("::")
    for n in range(len(parts), 0, -1):
        cand = "::".join(parts[:n])
        if cand in modules:
            return cand
    return None

edges = {m: set() for m in modules}
hidden = []  # (module, path): uses through a name the crate root imports

def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)

def use_paths(tree):
    """Every path a use tree names: `a::{b, c::{d, e as f}, self}` gives a::b, a::c::d,
    a::c::e and a (a grouped import is as much an arrow as a plain one)."""
    tree = re.sub(r"\s+", "", tree)
    out = []
    def walk(prefix, s):
        depth, start, parts = 0, 0, []
        for i, ch in enumerate(s):
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
            elif ch == "," and depth == 0:
                parts.append(s[start:i]); start = i + 1
        parts.append(s[start:])
        for part in filter(None, parts):
            brace = part.find("{")
            if brace >= 0:
                head = part[:brace].rstrip(":")
                walk(prefix + ([head] if head else []), part[brace + 1:part.rindex("}")])
            else:
                name = re.sub(r"as\w+$", "", part) if re.search(r"[^:]as\w+$", part) else part
                segs = [x for x in name.split("::") if x and x not in ("self", "*")]
                out.append("::".join(prefix + segs))
    walk([], tree)
    return out

def anchor(m, path):
    """A path as a module path from the crate root, or None when it is not ours (std::...)."""
    parent = m.rsplit("::", 1)[0] if "::" in m else ""
    segs = path.split("::")
    if segs[0] == "crate":
        return "::".join(segs[1:]), True
    if segs[0] == "super":
        base = m.split("::") if m else []
        while segs and segs[0] == "super":
            base = base[:-1]; segs = segs[1:]
        return "::".join(base + segs), False
    if segs[0] == "self":
        return "::".join((m.split("::") if m else []) + segs[1:]), False
    return None, False

def add_edge(m, path, through_root, graph=None):
    r = resolve(path.replace("::self", "")) if path else None
    if r and r != m and not m.startswith(r + "::"):
        (edges if graph is None else graph)[m].add(r)
    elif r is None and through_root:
        # `crate::x` where x is no module: a name the crate root imports (`use
        # crate::contain::sandbox` in main.rs makes `crate::sandbox`), an arrow this
        # graph cannot follow. Name the module's own path instead.
        hidden.append((m, "crate::" + path))

def inline_modules(text):
    """Split a file into its own text and its inline modules' (`mod tests { ... }`), each
    with its name: inside one, `super::` is the file itself."""
    blocks, out, pos = [], [], 0
    for hit in re.finditer(r"\bmod\s+(\w+)\s*\{", text):
        if hit.start() < pos:
            continue
        depth, i = 1, hit.end()
        while depth and i < len(text):
            depth += {"{": 1, "}": -1}.get(text[i], 0); i += 1
        out.append(text[pos:hit.start()])
        test_only = re.search(r"#\[cfg\(test\)\]\s*$", text[max(0, hit.start() - 40):hit.start()])
        blocks.append((hit.group(1), text[hit.end():i - 1], bool(test_only)))
        pos = i
    out.append(text[pos:])
    return "".join(out), blocks

def scan(m, owner, text, graph=None):
    """The arrows of `text`, read as module m's, added to module owner (in `graph`)."""
    for hit in re.finditer(r"(?:^|[;{}\s])use\s+((?:crate|super|self)::[^;]*);", text):
        for path in use_paths(hit.group(1)):
            full, through_root = anchor(m, path)
            if full is not None:
                add_edge(owner, full, through_root, graph)
    # Inline paths outside use statements: crate::a::b::f(), super::x::Y.
    inline = re.sub(r"(?:^|[;{}\s])use\s+[^;]*;", " ", text)
    for hit in re.finditer(r"\b((?:crate|super)(?:::super)*::[A-Za-z_]\w*(?:::[A-Za-z_]\w*)*)", inline):
        full, through_root = anchor(m, hit.group(1))
        if full is not None:
            add_edge(owner, full, through_root, graph)

test_edges = {m: set() for m in modules}
for m, p in modules.items():
    text, blocks = inline_modules(strip_comments(open(p).read()))
    scan(m, m, text)
    for name, body, test_only in blocks:
        # A test module may reach sideways (one test renders every format): its arrows are
        # checked for pointing up, not counted in the cycles.
        scan((m + "::" if m else "") + name, m, body, test_edges if test_only else None)

    # `pub use child::X` in a mod.rs: the facade depends on its child.
    for hit in re.finditer(r"^\s*pub use (\w+)::", text, re.M):
        child = (m + "::" if m else "") + hit.group(1)
        if child in modules:
            edges[m].add(child)

# Tarjan's strongly connected components.
index, low, stack, on, sccs, counter = {}, {}, [], set(), [], [0]
sys.setrecursionlimit(10000)
def visit(v):
    index[v] = low[v] = counter[0]; counter[0] += 1
    stack.append(v); on.add(v)
    for w in edges[v]:
        if w not in index:
            visit(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v: break
        sccs.append(comp)
for v in modules:
    if v not in index:
        visit(v)
cycles = [c for c in sccs if len(c) > 1]
for c in cycles:
    print("cycle:", " <-> ".join(sorted(c)))
# A file is read whole by whoever changes it: 500 lines, unless it says why it needs more. A
# reason is for a file that is one thing and reads as one (a table, a parser, one protocol's
# steps), not for a file that has not been split yet. A reason whose file is back under 500 is
# dropped, so the table says what is true.
FILE_LINES = 500
LONG_FILES = {
    "cli": "every subcommand's arguments as clap reads them: one derive each, documented where it is declared",
    "contain::program": "one running program's life: its start, its watch and the three ways of stopping it (SIGTERM, the group's SIGKILL, the descendants found in /proc)",
    "contain::sandbox": "the namespaces made per test, as root or in a user namespace, and the remounts and sysctls inside: one sequence that must run in its order",
    "contain::procinfo::waits": "every blocking call the stuck watch names, with the argument it reads for each: one table of system calls",
    "observe::wire::conn": "one TCP connection of the checker's, every way it reads and writes (exact, until, with a deadline, half-closed, reset)",
    "observe::wire::mqtt::packet": "MQTT 3.1.1's packets, encoded and decoded: one codec, its two directions side by side",
    "report::human": "the terminal report: the summary, each test's line and the totals, which share their layout",
    "exercises::families::echo_server": "the echo-server family's table and its tests, which every echo server takes",
    "exercises::families::one_thread": "the one-thread server family's table and its tests",
    "exercises::day1_fileio::copy": "day1-fileio's copy program: one table of its tests and their files",
    "exercises::day2_inet": "day2-inet's table with its harness calls: four library functions and their oracles",
    "grade::outcome": "a test's outcome from its runs: the rules of judging again (starved, stuck, a premise not reached) and their unit tests, each rule beside its cases",
    "commands::export": "export-student: what a class's repository holds, each file chosen, rewritten for its track and language, and its grading files given the class's settings",
    "exercises::day7_broker": "day7-broker's table: its tests in three parts, each row a title, a hint, a section and points, and its C track's row; data more than code",
    "exercises::day7_broker::sessions": "day7-broker's sessions, wills and takeovers: each a scenario of one client id's several connections, told in the order they happen",
    "exercises::day3_fork": "day3-fork's table and tests: the fork server's contract",
    "exercises::day3_shutdown": "day3-shutdown's table and tests: the half-close contract, client and server",
    "exercises::day4_signals": "day4-signals' table and tests: the signal handlers' contract",
    "authoring::exercise_tables": "the ten tables that name the exercises (README's and the day maps, each track's, in both languages): one declaration of them, the row each gets, what each lacks, and their unit tests",
}
# Functions over 60 lines: the budget is 25 (issue 58); FN_CEILING is where the tree stands,
# lowered as long functions are split and never raised, until it meets the budget. None over 100.
FN_LONG, FN_MAX, FN_BUDGET, FN_CEILING = 60, 100, 25, 22
long = [(sum(1 for _ in open(p)), m) for m, p in modules.items()]
long_files = [(n, m) for n, m in sorted(long, reverse=True) if n > FILE_LINES and m not in LONG_FILES]
for n, m in long_files:
    print(f"over {FILE_LINES} lines without a reason in LONG_FILES: {m} ({n})")
stale_reasons = sorted(m for m in LONG_FILES if m not in modules or dict((b, a) for a, b in long)[m] <= FILE_LINES)
for m in stale_reasons:
    print(f"LONG_FILES names {m}, which is not over {FILE_LINES} lines (drop its reason)")
# Long functions: a `fn` line, then its body up to the closing brace at the same indentation
# (rustfmt's layout makes this exact enough).
long_fns, over_budget = [], []
for m, p in modules.items():
    lines = open(p).read().split("\n")
    for i, line in enumerate(lines):
        hit = re.match(r"^(\s*)(pub(\([^)]*\))? )?(const )?(async )?(unsafe )?fn (\w+)", line)
        if not hit:
            continue
        # A declaration (a trait's, an `extern` block's) ends with `;` before any body opens.
        head = next(l for l in lines[i:] if l.rstrip().endswith((";", "{")))
        if head.rstrip().endswith(";"):
            continue
        indent = hit.group(1)
        for j in range(i + 1, len(lines)):
            if lines[j] == indent + "}":
                if j - i + 1 > FN_MAX:
                    long_fns.append((j - i + 1, m, hit.group(7)))
                if j - i + 1 > FN_LONG:
                    over_budget.append((j - i + 1, m, hit.group(7)))
                break
for n, m, f in sorted(long_fns, reverse=True):
    print(f"fn over {FN_MAX} lines: {m}::{f} ({n})")
if len(over_budget) > FN_CEILING or "-v" in sys.argv:
    for n, m, f in sorted(over_budget, reverse=True):
        print(f"fn over {FN_LONG} lines: {m}::{f} ({n})")
# The layers, top to bottom (docs/maintainers.md, "Layout"): a module may use its own layer and those below.
LAYERS = ["main", "commands", "cli", "authoring", "compare", "experiments", "report", "grade", "exercises", "compile", "lab", "context", "table",
          "observe", "contain", "base"]
def layer(m):
    return LAYERS.index(m.split("::")[0] if m else "main")
upward = sorted({(m, e) for g in (edges, test_edges) for m, es in g.items() for e in es
                 if layer(e) < layer(m)})
for m, e in upward:
    print(f"upward: {m} -> {e}")
# Arrows the layers allow but the design does not: the renderer knows no test kit and no
# exercise table (the command layer gives it the exercises, their tests carry their hints in
# both tracks' words), tests included.
APART = {("report", "exercises"): "the reports are given the lab's exercises as data (issue 58)"}
apart = sorted({(m, e) for g in (edges, test_edges) for m, es in g.items() for e in es
                if (m.split("::")[0], e.split("::")[0]) in APART})
for m, e in apart:
    print(f"kept apart: {m} -> {e} ({APART[(m.split('::')[0], e.split('::')[0])]})")
unknown = sorted({m.split("::")[0] for m in modules if m} - set(LAYERS))
for u in unknown:
    print(f"module outside the layers: {u} (add it to LAYERS)")
for m, t in sorted(set(hidden)):
    print(f"use through the crate root: {m} -> {t} (name the module's own path)")
# A command is built on the layers below it, never on another command: what two commands share
# is a layer's (authoring/ for those that write or check the lab). `watch` is the exception, and
# says why.
COMMANDS_CALLED = {
    ("watch", "grade"): "watch grades again on each save: it is the grading command, repeated",
    ("watch", "overview"): "watch without a target shows the overview again on each save, as `checker` alone does",
}
def command_of(m):
    parts = m.split("::")
    return parts[1] if len(parts) > 1 and parts[0] == "commands" else None
command_calls = sorted({(command_of(m), command_of(e)) for m, es in edges.items() for e in es
                        if command_of(m) and command_of(e) and command_of(m) != command_of(e)})
for a, b in command_calls:
    if (a, b) not in COMMANDS_CALLED:
        print(f"a command calls another: commands::{a} -> commands::{b} (share it through a layer below)")
bad_command_calls = [c for c in command_calls if c not in COMMANDS_CALLED]
for c in sorted(set(COMMANDS_CALLED) - set(command_calls)):
    print(f"COMMANDS_CALLED names {c[0]} -> {c[1]}, which no longer is (drop it)")
stale_command_calls = sorted(set(COMMANDS_CALLED) - set(command_calls))
# The maintainers' module map (docs/maintainers.md, the table under "Every module, by layer", in both languages) names every
# module of the tree in its layer's row, and nothing that is not there: it cannot drift.
def module_map_problems(readme):
    path = os.path.join(os.path.dirname(ROOT), "..", readme)
    rows = {}
    for line in open(path, encoding="utf-8"):
        hit = re.match(r"^\| `(\w+)/` \| (.*) \|\s*$", line)
        if hit and hit.group(1) in LAYERS:
            rows[hit.group(1)] = set(re.findall(r"`([\w.]+)/?`", hit.group(2)))
    problems = [f"{readme}: the module map has no row for {l}/"
                for l in LAYERS if l not in ("main", "cli") and l not in rows]
    text = open(path, encoding="utf-8").read()
    drawn = re.search(r"```text\nmain\.rs ─ (.*?)```", text, re.S)
    for l in LAYERS[1:]:
        if not drawn or not re.search(rf"^\s*(main\.rs ─ )?{l}/\s", "main.rs ─ " + drawn.group(1), re.M):
            problems.append(f"{readme}: the layers' drawing has no {l}/")
    for l, names in rows.items():
        inside = [m for m in modules if m == l or m.startswith(l + "::")]
        wanted = {part for m in inside for part in m.split("::")[1:]}
        if l == "commands":
            # The arguments, a layer of their own, share the commands' row: cli.rs and cli/.
            wanted |= {"cli.rs"} | {part for m in modules if m == "cli" or m.startswith("cli::")
                                     for part in m.split("::")}
        for name in sorted(wanted - names):
            problems.append(f"{readme}: {l}/ row misses `{name}`")
        words = {"Ctx", "mod.rs", "cli.rs", "checker", "bench", "hint", "export-student"}
        for name in sorted(names - wanted - words):
            if not name.startswith("bench/"):
                problems.append(f"{readme}: {l}/ row names `{name}`, which is not in checker/src/{l}/")
    return problems
map_problems = module_map_problems("docs/maintainers.md") + module_map_problems("docs/maintainers.ko.md")
for problem in map_problems:
    print(problem)
print(f"{len(modules)} modules, {sum(len(e) for e in edges.values())} edges, {len(cycles)} cycles, "
      f"{len(over_budget)} functions over {FN_LONG} lines (at most {FN_CEILING} now, budget {FN_BUDGET})")
sys.exit(1 if cycles or upward or apart or unknown or hidden or map_problems or long_fns or long_files
         or stale_reasons or bad_command_calls or stale_command_calls or len(over_budget) > FN_CEILING else 0)
