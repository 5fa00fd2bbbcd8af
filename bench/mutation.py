#!/usr/bin/env python3
"""The mutation run's library (issue 60): making the mutants of both tracks, grading them with the
checker, and the record of their verdicts (bench/mutants/). `bench/mutants.py` is its command
line; `mutants_ci` (CI's sample) and `mutants_readme` (README's table) use it too, and it uses
neither, so the imports run one way (CLI -> ci, readme -> this)."""
import concurrent.futures, datetime, difflib, hashlib, json, os, random, re, shutil
import signal, subprocess, sys, tempfile, threading, time
import tomllib

LAB = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERE = os.path.join(LAB, "bench/mutants")
WORK = os.path.join(LAB, "target/tmp/mutants")
CHECKER = os.path.join(LAB, "target/debug/checker")
ENV = dict(os.environ, NO_COLOR="1",
           CARGO_BUILD_BUILD_DIR=os.path.join(LAB, "target/tmp/shared-build"))
for var in ("LC_ALL", "LC_MESSAGES", "LANG", "GITHUB_ACTIONS", "COLUMNS"):
    ENV.pop(var, None)
TRACKS = {"rust": "solutions", "c": "c/solutions"}
LIMIT = 300  # seconds a grading may take before it is killed ("timeout")
SCORED = ("caught", "missed", "timeout", "unjudged")


def say(*words):
    print(*words, flush=True)


# ---------------------------------------------------------------- the solutions and their hash

def exercises(track):
    root = os.path.join(LAB, TRACKS[track])
    return sorted(e for e in os.listdir(root)
                  if e.startswith("day") and os.path.isdir(os.path.join(root, e)))


def sources(track, exercise):
    """The files mutated (relative to the package): Rust sources, or the C folder's .c files."""
    package = os.path.join(LAB, TRACKS[track], exercise)
    if track == "c":
        return sorted(f for f in os.listdir(package) if f.endswith(".c"))
    found = []
    for folder, _, files in os.walk(os.path.join(package, "src")):
        found += [os.path.relpath(os.path.join(folder, f), package)
                  for f in files if f.endswith(".rs")]
    return sorted(found)


def unmarked(text):
    """A reference without its stub's marks (`//@` lines, checker/src/authoring/derived_stubs.rs):
    the code as it compiles, and as it was before the marks. Mutants are made, applied and hashed
    on it, so marking a reference with its stub leaves its record current."""
    kept = [l for l in text.splitlines(True) if not l.lstrip().startswith("//@")]
    return "".join(kept)


def read_source(path):
    return unmarked(open(path).read())


def solution_hash(track, exercise):
    """What the recorded verdicts of an exercise depend on, on its side: its sources (and
    the C track's common/)."""
    h = hashlib.sha1()
    package = os.path.join(LAB, TRACKS[track], exercise)
    files = [os.path.join(package, f) for f in sources(track, exercise)]
    if track == "c":
        common = os.path.join(LAB, "c/solutions/common")
        files += [os.path.join(package, f) for f in sorted(os.listdir(package)) if f.endswith(".h")]
        files += [os.path.join(common, f) for f in sorted(os.listdir(common))]
    for f in files:
        h.update(os.path.relpath(f, LAB).encode() + b"\0" + read_source(f).encode())
    return h.hexdigest()[:12]


def revision():
    return subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=LAB,
                          capture_output=True, text=True).stdout.strip()


# ---------------------------------------------------------------- diffs

def unified(file, before, after):
    return "".join(difflib.unified_diff(before.splitlines(True), after.splitlines(True),
                                        f"a/{file}", f"b/{file}", n=1))


def apply(diff, text):
    """`text` with `diff`'s hunks applied, or None where the text they replace is not there
    (the solution changed since the mutant was made)."""
    lines = text.splitlines(True)
    out, at = [], 0
    hunks = re.split(r"^@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@.*\n", diff, flags=re.M)
    for start, body in zip(hunks[1::2], hunks[2::2]):
        old, new = [], []
        for line in body.splitlines(True):
            if line.startswith("\\"):  # "\ No newline at end of file"
                for side in (old, new):
                    if side and side[-1].endswith("\n"):
                        side[-1] = side[-1][:-1]
                continue
            kind, rest = line[:1], line[1:]
            if kind in " -":
                old.append(rest)
            if kind in " +":
                new.append(rest)
        begin = int(start) - 1 if old else int(start)
        if lines[begin:begin + len(old)] != old or begin < at:
            return None
        out += lines[at:begin] + new
        at = begin + len(old)
    return "".join(out + lines[at:])


def mutant_id(exercise, file, diff):
    """Stable across runs and edits elsewhere in the file: the change without line numbers."""
    body = re.sub(r"^@@.*$", "@@", diff, flags=re.M)
    return hashlib.sha1(f"{exercise}\0{file}\0{body}".encode()).hexdigest()[:10]


# ---------------------------------------------------------------- making the mutants

def rust_mutants(exercise):
    out = subprocess.run(["cargo", "mutants", "--list", "--json", "--diff", "--package",
                          exercise], cwd=os.path.join(LAB, "solutions"), capture_output=True,
                         text=True)
    if out.returncode != 0:
        sys.exit(f"cargo mutants --list failed for {exercise} (cargo install cargo-mutants "
                 f"--locked):\n{out.stderr}")
    package = os.path.join(LAB, "solutions", exercise)
    found = []
    for m in json.loads(out.stdout):
        file = os.path.relpath(os.path.join(LAB, "solutions", m["file"]), package)
        original = open(os.path.join(package, file)).read()
        mutated = apply(m["diff"], original)
        if mutated is None:  # its diff's own headers: rebuild it as ours
            sys.exit(f"cannot apply cargo-mutants' diff of {m['name']}")
        # On the reference without its stub's marks (its line numbers too).
        diff = unified(file, unmarked(original), unmarked(mutated))
        if not diff:
            continue
        line = m["span"]["start"]["line"]
        line -= len(original.splitlines(True)[:line - 1]) - len(unmarked(
            "".join(original.splitlines(True)[:line - 1])).splitlines(True))
        found.append({"file": file, "line": line,
                      "what": f"{m['function']['function_name'] if m.get('function') else ''}: "
                              f"{m['genre'].lower()} {m['replacement']!r}".lstrip(": "),
                      "diff": diff})
    return found


def c_mutants(exercise):
    package = os.path.join(LAB, "c/solutions", exercise)
    rules = os.path.join(HERE, "c.rules")
    found = []
    for file in sources("c", exercise):
        original = read_source(os.path.join(package, file))
        with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as clean:
            # Mutated without the stub's marks (`unmarked`).
            source = os.path.join(clean, file)
            open(source, "w").write(original)
            run = subprocess.run(["mutate", source, "--only", rules,
                                  "--noCheck", "--mutantDir", out], capture_output=True,
                                 text=True)
            if run.returncode != 0:
                sys.exit(f"universalmutator failed on {exercise}/{file} (pip install "
                         f"universalmutator):\n{run.stderr}")
            names = sorted(os.listdir(out), key=lambda n: int(n.split(".")[-2]))
            for name in names:
                mutated = open(os.path.join(out, name)).read()
                diff = unified(file, original, mutated)
                line = int(re.search(r"^@@ -(\d+)", diff, re.M).group(1))
                changed = [l[1:].strip() for l in diff.splitlines()
                           if l.startswith("+") and not l.startswith("+++")]
                found.append({"file": file, "line": line + 1 if line else line,
                              "what": " / ".join(changed)[:120], "diff": diff})
    return found


def make_mutants(track, exercise):
    made = rust_mutants(exercise) if track == "rust" else c_mutants(exercise)
    seen = {}
    for m in made:
        key = mutant_id(exercise, m["file"], m["diff"])
        seen[key] = seen.get(key, 0) + 1
        m["id"] = key if seen[key] == 1 else f"{key}-{seen[key]}"
        m["exercise"] = exercise
    return made


# ---------------------------------------------------------------- the trees mutants are graded in

def write_if_changed(path, text):
    try:
        if open(path).read() == text:
            return
    except OSError:
        pass
    os.makedirs(os.path.dirname(path), exist_ok=True)
    open(path, "w").write(text)


def sync(src, dst):
    """`dst` holds what `src` holds (target/ aside); unchanged files keep their times."""
    for folder, dirs, files in os.walk(src):
        dirs[:] = [d for d in dirs if d != "target"]
        for f in files:
            rel = os.path.relpath(os.path.join(folder, f), src)
            write_if_changed(os.path.join(dst, rel), open(os.path.join(folder, f)).read())


class Slot:
    """One worker's tree: the solutions of an exercise in a folder of its own (the folder's name
    keeps each tree's build units apart in the shared build directory)."""

    def __init__(self, track, n):
        self.track, self.n = track, n
        self.base = os.path.join(WORK, f"{track}-w{n}")
        self.root = os.path.join(self.base, f"mut{n}") if track == "rust" else self.base

    def prepare(self, exercise, mutant=None):
        """The exercise's solution in the tree, with `mutant`'s diff applied (False: it no
        longer applies)."""
        src = os.path.join(LAB, TRACKS[self.track])
        package = os.path.join(self.root, exercise)
        sync(os.path.join(src, exercise), package)
        if self.track == "c":
            sync(os.path.join(src, "common"), os.path.join(self.root, "common"))
        else:
            manifest = open(os.path.join(src, "Cargo.toml")).read()
            manifest = re.sub(r"^members = .*$", f'members = ["mut{self.n}/{exercise}"]',
                              manifest, flags=re.M)
            write_if_changed(os.path.join(self.base, "Cargo.toml"), manifest)
            if not os.path.exists(os.path.join(self.base, "Cargo.lock")):
                shutil.copy(os.path.join(src, "Cargo.lock"), os.path.join(self.base, "Cargo.lock"))
        if mutant is None:
            return True
        path = os.path.join(package, mutant["file"])
        text = apply(mutant["diff"], read_source(os.path.join(src, exercise, mutant["file"])))
        if text is None:
            return False
        write_if_changed(path, text)
        return True


# ---------------------------------------------------------------- grading

def checker_run(slot, targets, seed, jobs=2, limit=LIMIT):
    """The checker's JSON report on `targets` in the slot's tree, or "timeout"."""
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        cmd = ["nice", "-n", "19", CHECKER, "--root", slot.root, *targets, "--seed", str(seed),
               "--format", "json", "--output", report.name, "-j", str(jobs)]
        p = subprocess.Popen(cmd, cwd=LAB, env=ENV, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            p.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGTERM)
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
            return "timeout"
        try:
            return json.load(open(report.name))
        except (OSError, json.JSONDecodeError):
            return None


def verdict(doc):
    """(outcome, the failing tests [{test, diagnosis}]) of one checker report."""
    if doc == "timeout":
        return "timeout", []
    if doc is None:
        return "error", []
    ex = doc["exercises"][0]
    if ex["status"] == "does-not-compile":
        return "unviable", []
    tests = ex["tests"]
    failed = [{"test": t["id"], "diagnosis": t.get("diagnosis")} for t in tests
              if t["judged"] is not False and t["status"] in ("fail", "not-started")]
    if failed:
        return "caught", failed
    if any(t["judged"] is False for t in tests):
        return "unjudged", []
    if any(t["status"] == "error" for t in tests):
        return "error", []
    return "missed", []


def grade(slot, mutant, seed, tests=None, limit=LIMIT, first=None):
    """Grade one mutant: (outcome, failing tests, seconds). An unjudged grading or the checker's
    own error is graded again, twice at most, never counted as caught. With `first` (a few
    tests), those are graded first and the whole exercise only if they all pass: a caught
    mutant costs those tests, not every test's wait on a broken program."""
    started = time.time()
    if not slot.prepare(mutant["exercise"], mutant):
        return "stale", [], 0.0
    ex = mutant["exercise"]
    stages = [tests] if tests else [first, None] if first else [None]
    for stage in stages:
        targets = [f"{ex}/{t}" for t in stage] if stage else [ex]
        for attempt in range(3):
            outcome, failed = verdict(checker_run(slot, targets, seed + attempt, limit=limit))
            if outcome not in ("unjudged", "error"):
                break
        if outcome in ("caught", "unviable", "timeout"):
            break
    return outcome, failed, round(time.time() - started, 1)


def frontline(mutants, most=3):
    """The tests graded first on an exercise: a greedy cover of its recorded caught mutants (the
    test that caught the most, then the one that caught the most of the rest...), `most` at
    most; None without a record."""
    left = [{f["test"] for f in m.get("caught_by") or []} for m in mutants
            if m.get("outcome") == "caught"]
    chosen = []
    while len(chosen) < most:
        counts = {}
        for caught_by in left:
            for t in caught_by:
                counts[t] = counts.get(t, 0) + 1
        if not counts:
            break
        best = max(sorted(counts), key=counts.get)
        chosen.append(best)
        left = [c for c in left if best not in c]
    return chosen or None


# ------------------------------------------------- C: trivial compiler equivalence (TCE)

def c_object(folder, file, text=None):
    """The stripped object of `file` in `folder` (or of `text` in its place), compiled as the
    checker's flags optimise, without debug information; None where it does not compile."""
    with tempfile.NamedTemporaryFile(suffix=".o") as obj:
        # From standard input, in the file's folder: its includes ("../common/net.h") resolve
        # as they do from the file.
        source = ["-x", "c", "-"] if text is not None else [file]
        run = subprocess.run(["nice", "-n", "19", "cc", "-std=c17", "-O1", "-g0", "-w",
                              "-D_FORTIFY_SOURCE=2", "-c", "-o", obj.name, *source], cwd=folder,
                             input=(text or "").encode(), capture_output=True)
        if run.returncode != 0:
            return None
        subprocess.run(["strip", "--strip-debug", "-R", ".comment", obj.name], check=True)
        return hashlib.sha1(open(obj.name, "rb").read()).hexdigest()


def c_sort_out(exercise, mutants, jobs=2):
    """Unviable, equivalent and duplicate C mutants, told apart by compiling each alone (`jobs`
    at once): their outcomes set; the others left to grade."""
    tree = os.path.join(WORK, "c-tce")
    sync(os.path.join(LAB, "c/solutions/common"), os.path.join(tree, "common"))
    folder = os.path.join(tree, exercise)
    shutil.rmtree(folder, ignore_errors=True)
    sync(os.path.join(LAB, "c/solutions", exercise), folder)
    original = {f: c_object(folder, f, read_source(os.path.join(folder, f)))
                for f in sources("c", exercise)}

    def compiled(m):
        before = read_source(os.path.join(folder, m["file"]))
        return c_object(folder, m["file"], apply(m["diff"], before))

    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        objects = list(pool.map(compiled, mutants))
    seen = {}
    left = []
    for m, obj in zip(mutants, objects):
        if obj is None:
            m["outcome"] = "unviable"
        elif obj == original[m["file"]]:
            m["outcome"] = "equivalent"
        elif (m["file"], obj) in seen:
            m["outcome"], m["twin"] = "duplicate", seen[(m["file"], obj)]
        else:
            seen[(m["file"], obj)] = m["id"]
            left.append(m)
    return left


# ------------------------------------------------- Rust: equivalent missed mutants

def rust_binaries(slot, exercise):
    """Hashes of the package's release binaries, stripped, or None if it does not build."""
    target = os.path.join(WORK, f"release-w{slot.n}")
    env = dict(ENV, CARGO_PROFILE_RELEASE_STRIP="symbols", CARGO_PROFILE_RELEASE_DEBUG="false",
               CARGO_INCREMENTAL="0")
    env.pop("CARGO_BUILD_BUILD_DIR")
    run = subprocess.run(["nice", "-n", "19", "cargo", "build", "-q", "--release", "--bins",
                          "--target-dir", target, "--manifest-path",
                          os.path.join(slot.base, "Cargo.toml")], env=env, capture_output=True)
    if run.returncode != 0:
        return None
    out = os.path.join(target, "release")
    bins = sorted(f for f in os.listdir(out)
                  if os.path.isfile(os.path.join(out, f)) and os.access(os.path.join(out, f), os.X_OK))
    return {b: hashlib.sha1(open(os.path.join(out, b), "rb").read()).hexdigest() for b in bins}


def rust_equivalent(slot, mutant):
    exercise = mutant["exercise"]
    in_library = not (mutant["file"].startswith("src/bin/") or mutant["file"] == "src/main.rs")
    if in_library and os.path.exists(os.path.join(LAB, "solutions", exercise, "src/lib.rs")):
        return False  # a library's functions are called by the harness, not only by binaries
    slot.prepare(exercise)
    original = rust_binaries(slot, exercise)
    slot.prepare(exercise, mutant)
    mutated = rust_binaries(slot, exercise)
    slot.prepare(exercise)
    return original is not None and original == mutated


# ---------------------------------------------------------------- the record

def results_path(track):
    return os.path.join(HERE, f"results-{track}.json")


def load(track):
    try:
        doc = json.load(open(results_path(track)))
    except OSError:
        return {"track": track, "exercises": {}, "mutants": []}
    fold_triage(track, doc)
    return doc


def save(track, doc):
    doc["mutants"].sort(key=lambda m: (m["exercise"], m["file"], m["line"], m["id"]))
    with open(results_path(track), "w") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
        f.write("\n")


def exclusions():
    path = os.path.join(HERE, "exclusions.toml")
    if not os.path.exists(path):
        return {}
    found = {}
    for e in tomllib.load(open(path, "rb")).get("exclusion", []):
        for ident in e.get("ids", []):
            found[ident] = e
    return found


# ---------------------------------------------------------------- commands

def ensure_checker():
    subprocess.run(["nice", "-n", "10", "cargo", "build", "-q", "-p", "checker"], cwd=LAB,
                   check=True)


def run(track, only, sample, jobs, resume=False):
    ensure_checker()
    doc = load(track)
    todo, first = [], {}
    for exercise in only or exercises(track):
        first[exercise] = frontline([m for m in doc["mutants"] if m["exercise"] == exercise])
        made = make_mutants(track, exercise)
        if sample:
            k, n = sample
            made = made[k::n]
        left = c_sort_out(exercise, made) if track == "c" else made
        if resume:
            # An interrupted run goes on: a mutant already graded on this solution keeps its
            # verdict (a smaller sample of the same start is part of a bigger one).
            info = doc["exercises"].get(exercise, {})
            graded = {m["id"]: m for m in doc["mutants"] if m["exercise"] == exercise
                      and m.get("outcome") and info.get("hash") == solution_hash(track, exercise)}
            for m in made:
                if m["id"] in graded and m.get("outcome") in (None, graded[m["id"]]["outcome"]):
                    m.update({k: v for k, v in graded[m["id"]].items() if k != "diff"})
            left = [m for m in left if not m.get("outcome")]
        say(f"{exercise}: {len(made)} mutants, {len(left)} to grade")
        todo += left
        doc["exercises"][exercise] = {"hash": solution_hash(track, exercise),
                                      "revision": revision(),
                                      "date": datetime.date.today().isoformat(),
                                      "mutants": len(made),
                                      "sample": f"{sample[0]}/{sample[1]}" if sample else None}
        doc["mutants"] = [m for m in doc["mutants"]
                          if m["exercise"] != exercise] + made
    # Each worker takes the next mutant; mutants of one exercise follow each other, so a tree
    # rebuilds one crate per mutant.
    slots = [Slot(track, n) for n in range(jobs)]
    free = list(slots)
    lock = threading.Lock()
    started, done = time.time(), [0]
    seed0 = random.randrange(1, 2**31)

    def one(m):
        with lock:
            slot = free.pop()
        try:
            seed = seed0 + done[0]
            outcome, failed, secs = grade(slot, m, seed, first=first[m["exercise"]])
            if outcome == "missed" and track == "rust" and rust_equivalent(slot, m):
                outcome = "equivalent"
            m.update(outcome=outcome, caught_by=failed, seed=seed, seconds=secs)
        finally:
            with lock:
                free.append(slot)
                done[0] += 1
                n = done[0]
        mark = {"caught": "caught by " + ", ".join(
            f"{f['test']}" + (f" ({f['diagnosis']})" if f["diagnosis"] else "")
            for f in failed[:3])}.get(outcome, outcome.upper())
        say(f"[{n}/{len(todo)} {time.time() - started:.0f} s] {m['id']} {m['exercise']} "
            f"{m['file']}:{m['line']} {m['what'][:70]} -> {mark} ({secs} s)")
        if n % 10 == 0:
            with lock:
                save(track, doc)

    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        list(pool.map(one, todo))
    doc["track"] = track
    doc["tool"] = tool_version(track)
    doc["revision"] = revision()
    doc["date"] = datetime.date.today().isoformat()
    save(track, doc)
    say(f"graded {len(todo)} mutants in {time.time() - started:.0f} s")
    summary(False)


def tool_version(track):
    cmd = ["cargo", "mutants", "--version"] if track == "rust" else [
        sys.executable, "-m", "pip", "show", "universalmutator"]
    out = subprocess.run(cmd, capture_output=True, text=True).stdout
    if track == "c":
        out = "universalmutator " + re.search(r"^Version: (.*)$", out, re.M).group(1)
    return out.strip()


def triage_path(track):
    return os.path.join(HERE, f"triage-{track}.jsonl")


def note_triage(track, line):
    """Triage's findings go to a file of their own (a line each), so a run that is saving its
    results at the same time loses none; `load` folds them in."""
    with open(triage_path(track), "a") as f:
        f.write(json.dumps(line, ensure_ascii=False) + "\n")


def fold_triage(track, doc):
    """A missed mutant caught again with another seed is caught (noted so); one found equivalent
    since is equivalent."""
    try:
        lines = [json.loads(l) for l in open(triage_path(track)) if l.strip()]
    except OSError:
        return
    by_id = {m["id"]: m for m in doc["mutants"]}
    for line in lines:
        m = by_id.get(line["id"])
        if m is None or m.get("diff") != line.get("diff", m.get("diff")):
            continue
        if line["kind"] == "equivalent" and m.get("outcome") == "missed":
            m["outcome"] = "equivalent"
        elif line["kind"] == "again":
            m.setdefault("regraded", [])
            if [line["seed"], line["outcome"]] not in m["regraded"]:
                m["regraded"].append([line["seed"], line["outcome"]])
            if m.get("outcome") == "unjudged" and line["outcome"] == "missed":
                m["outcome"] = "missed"  # judged this time: every test passed
            elif m.get("outcome") in ("missed", "unjudged") and line["outcome"] == "caught":
                m.update(outcome="caught", caught_by=line["caught_by"], seed=line["seed"],
                         note=f"{m['outcome']} on its first grading, caught when graded again (another "
                              f"seed, or a test sharpened since: triage-{track}.jsonl)")


def again(track, ids, seeds, jobs=1, excluded_in=None):
    """Grade recorded mutants again, `seeds` fresh seeds each, `jobs` at a time: those of `ids`,
    or with `excluded_in` (a list of exercises, empty for all) every excluded one of those
    exercises (are the exclusions still true of the current checker?). Each verdict goes to the
    triage file; an excluded mutant caught now is named at the end, for its exclusion to go."""
    ensure_checker()
    doc = load(track)
    if excluded_in is not None:
        ids = {i for i, e in exclusions().items() if e["track"] == track}
        ids = {m["id"] for m in doc["mutants"] if m["id"] in ids
               and (not excluded_in or m["exercise"] in excluded_in)}
    todo = sorted((m for m in doc["mutants"] if m["id"] in ids),
                  key=lambda m: (m["exercise"], m["file"], m["line"]))
    free = [Slot(track, 8 + n) for n in range(jobs)]  # trees of their own, beside a run's
    lock = threading.Lock()
    caught_now, started = [], time.time()

    def one(m):
        with lock:
            slot = free.pop()
        try:
            for _ in range(seeds):
                seed = random.randrange(1, 2**31)
                outcome, failed, secs = grade(slot, m, seed)
                say(f"[{time.time() - started:.0f} s] {m['id']} {m['exercise']} seed {seed}: "
                    f"{outcome} {[f['test'] for f in failed]} ({secs} s)")
                with lock:
                    note_triage(track, {"id": m["id"], "kind": "again", "seed": seed,
                                        "outcome": outcome, "caught_by": failed,
                                        "diff": m["diff"]})
                    if outcome in ("caught", "stale"):
                        caught_now.append((m["exercise"], m["id"], outcome, failed))
                if outcome in ("caught", "stale"):
                    break
        finally:
            with lock:
                free.append(slot)

    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        list(pool.map(one, todo))
    say(f"graded {len(todo)} mutants again in {time.time() - started:.0f} s")
    for exercise, ident, outcome, failed in sorted(caught_now):
        tests = ", ".join(f["test"] for f in failed)
        say(f"  {exercise} {ident}: {outcome}" + (f" by {tests}" if tests else ""))


def equiv(track):
    """Look again for equivalent mutants among the missed ones (Rust)."""
    doc = load(track)
    slot = Slot(track, 7)  # a tree of its own, beside a run's
    for m in doc["mutants"]:
        if m.get("outcome") == "missed" and track == "rust" and rust_equivalent(slot, m):
            note_triage(track, {"id": m["id"], "kind": "equivalent", "diff": m["diff"]})
            say(f"{m['id']} {m['exercise']} {m['file']}:{m['line']}: equivalent")


def tally(track):
    """Per exercise: outcome -> count, with excluded missed mutants apart."""
    doc, excluded = load(track), exclusions()
    table = {}
    for m in doc["mutants"]:
        row = table.setdefault(m["exercise"], {})
        outcome = m.get("outcome", "ungraded")
        if outcome == "missed" and m["id"] in excluded:
            outcome = "excluded"
        row[outcome] = row.get(outcome, 0) + 1
    return doc, table


def score(row):
    scored = sum(row.get(o, 0) for o in SCORED)
    return row.get("caught", 0) / scored if scored else None


def summary(markdown):
    for track in TRACKS:
        doc, table = tally(track)
        if not table:
            continue
        cols = ["caught", "missed", "excluded", "timeout", "unjudged", "unviable", "equivalent",
                "duplicate", "ungraded"]
        cols = [c for c in cols if any(row.get(c) for row in table.values())]
        total = {c: sum(row.get(c, 0) for row in table.values()) for c in cols}
        if markdown:
            say(f"\n{track} track ({doc.get('tool', '?')}), run {doc.get('date')} at "
                f"{doc.get('revision')}:\n")
            say("| exercise | score | " + " | ".join(cols) + " |")
            say("|---|---:|" + "---:|" * len(cols))
        else:
            say(f"{track}: " + " ".join(f"{c:>10}" for c in ["score"] + cols))
        rows = sorted(table.items()) + [("all", total)]
        for ex, row in rows:
            s = score(row)
            s = f"{100 * s:.1f} %" if s is not None else "-"
            info = doc["exercises"].get(ex, {})
            stale = ex != "all" and info.get("hash") != solution_hash(track, ex)
            sample = info.get("sample")
            name = (ex + (f" (a third: sample {sample})" if sample == "0/3" else
                          f" (sample {sample})" if sample else "")
                    + (" (not current)" if stale else ""))
            if markdown:
                name = f"**{name}**" if ex == "all" else name
                say(f"| {name} | {s} | " + " | ".join(str(row.get(c, 0)) for c in cols) + " |")
            else:
                say(f"  {name:<44} {s:>8} " + " ".join(f"{row.get(c, 0):>10}" for c in cols))


def missed(track, only):
    """Every missed mutant not excluded, with its change: what triage has left to do."""
    doc, excluded = load(track), exclusions()
    for m in doc["mutants"]:
        if m.get("outcome") == "missed" and m["id"] not in excluded and (
                not only or m["exercise"] in only):
            say(f"{m['id']} {m['exercise']} {m['file']}:{m['line']} {m['what']}")
            for l in m["diff"].splitlines():
                if l[:1] in "+-" and l[:3] not in ("---", "+++"):
                    say("    " + l)


def show(ident):
    for track in TRACKS:
        for m in load(track)["mutants"]:
            if m["id"] == ident:
                say(json.dumps({k: v for k, v in m.items() if k != "diff"}, indent=1))
                say(m["diff"])
                return
    sys.exit(f"no mutant {ident}")
