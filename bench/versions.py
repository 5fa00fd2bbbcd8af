"""The versions bench scripts grade: the solutions, and every broken version and correct
alternative of the exercises' proofs (checker/exercises/*/proofs/), each in a tree of its own (the solutions' package
with the version's edits, made by bench/apply-broken.py under target/tmp/flaky-trees/); with
`c=True`, the C track's too (its solutions, and the proofs' [[c.broken]] on c/solutions/).
Shared by flaky.py and overload.py."""
import os, shutil, subprocess, sys
import tomllib

LAB = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
solutions = os.path.join(LAB, "solutions")
manifest = open(os.path.join(solutions, "Cargo.toml")).read()


def make_tree(exercise, kind, name):
    """The solutions' package of `exercise` with the version's edits, in a workspace of its own
    (files rewritten only where they differ, so a second run of this script rebuilds nothing);
    the directory to grade with --root."""
    # The package sits at <tree>/<label>/<exercise>: cargo names a member's build units by its
    # path from the workspace root, and every tree shares one build directory.
    label = f"{exercise}--{kind}--{name}"
    tree = os.path.join(LAB, "target/tmp/flaky-trees", label)
    package = os.path.join(tree, label, exercise)
    fresh = os.path.join(tree, ".fresh")
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(os.path.join(solutions, exercise), fresh,
                    ignore=shutil.ignore_patterns("target"))
    subprocess.run([sys.executable, os.path.join(LAB, "bench/apply-broken.py"), exercise, name,
                    fresh], check=True)
    if not os.path.isdir(package) or subprocess.run(
            ["diff", "-rq", fresh, package], capture_output=True).returncode != 0:
        shutil.rmtree(package, ignore_errors=True)
        os.makedirs(os.path.dirname(package), exist_ok=True)
        os.rename(fresh, package)
    shutil.rmtree(fresh, ignore_errors=True)
    members = [line if not line.startswith("members") else f'members = ["{label}/{exercise}"]'
               for line in manifest.splitlines()]
    text = "\n".join(members) + "\n"
    path = os.path.join(tree, "Cargo.toml")
    if not os.path.exists(path) or open(path).read() != text:
        open(path, "w").write(text)
    lock = os.path.join(tree, "Cargo.lock")
    if not os.path.exists(lock):
        shutil.copy(os.path.join(solutions, "Cargo.lock"), lock)
    return os.path.join(tree, label)

def make_c_tree(exercise, kind, name):
    """A C track's version: the exercise's folder of c/solutions and the shared common/ (which
    an edit may change, as `../common/net.h`), with the version's edits; the directory to grade
    with --root (a tree holding common/lab.mk is graded as C)."""
    tree = os.path.join(LAB, "target/tmp/flaky-trees", f"c--{exercise}--{kind}--{name}")
    fresh = tree + ".fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    for folder in (exercise, "common"):
        shutil.copytree(os.path.join(LAB, "c/solutions", folder), os.path.join(fresh, folder))
    subprocess.run([sys.executable, os.path.join(LAB, "bench/apply-broken.py"), exercise, name,
                    os.path.join(fresh, exercise), "c"], check=True)
    if not os.path.isdir(tree) or subprocess.run(
            ["diff", "-rq", fresh, tree], capture_output=True).returncode != 0:
        shutil.rmtree(tree, ignore_errors=True)
        os.rename(fresh, tree)
    shutil.rmtree(fresh, ignore_errors=True)
    return tree


def tables(track):
    """Every table of proofs' versions of `track` ("rust" or "c": its `[[rust.broken]]`, ...),
    each with its exercise, the exercises in name order."""
    exercises = os.path.join(LAB, "checker/exercises")
    for exercise in sorted(os.listdir(exercises)):
        proofs = os.path.join(exercises, exercise, "proofs")
        if not os.path.isdir(proofs):
            continue
        for name in sorted(os.listdir(proofs)):
            if name.endswith(".toml"):
                table = tomllib.load(open(os.path.join(proofs, name), "rb"))
                if track in table:
                    yield {"exercise": table["exercise"], **table[track]}


# Tests a broken version is graded on beside those it must fail (its `beside`, by label): a C
# exercise's required call is judged only once another test gets past the TODOs.
BESIDE = {}


def gradings(only, c=False, labels=None):
    """(label, the checker's arguments) of every grading, and what may never change: every
    verdict of the solutions and of an alternative, and a broken version's verdicts on the tests
    it is declared to fail (label -> those tests; None: all). `only`: exercises (empty: all).
    `labels`: only these gradings (`solutions`, `c-solutions`, `day2-echo--broken--backlog-one`,
    `c--day2-echo--broken--client-single-send`, ...), each of which must exist."""
    # The solutions of the exercises chosen (all of them when none is).
    chosen = sorted(only) or ["all"]
    solutions = [("solutions", ["--solutions", *chosen])]
    if c:
        # Of those, the ones with a C track (day6-async has none).
        c_chosen = [e for e in chosen if e == "all"
                    or os.path.isdir(os.path.join(LAB, "c/solutions", e))]
        if c_chosen:
            solutions.append(("c-solutions", ["--solutions", "--track", "c", *c_chosen]))
    found, must_hold = [], {}
    for label, argv in solutions:
        if labels is None or label in labels:
            found.append((label, argv))
            must_hold[label] = None
    tracks = [("", "rust", make_tree)]
    if c:
        tracks.append(("c--", "c", make_c_tree))
    for prefix, track, make in tracks:
        for spec in tables(track):
            exercise = spec["exercise"]
            if only and exercise not in only:
                continue
            for kind in ("broken", "alternative"):
                for version in spec.get(kind, []):
                    label = f"{prefix}{exercise}--{kind}--{version['name']}"
                    if labels is not None and label not in labels:
                        continue
                    tree = make(exercise, kind, version["name"])
                    found.append((label, ["--root", tree, exercise]))
                    must_hold[label] = (None if kind == "alternative"
                                        else set(version.get("fails", [])))
                    BESIDE[label] = set(version.get("beside", []))
    missing = sorted(set(labels or ()) - set(must_hold))
    if missing:
        sys.exit(f"no such version (or its track not asked for): {', '.join(missing)}")
    return found, must_hold
