"""CI's part of the mutation run (bench/mutants.py ci): within a budget of seconds, grade every
recorded caught mutant of a solution that changed since its run, then a rotating sample of the
others (a run of consecutive mutants from a place chosen by the revision), each on the tests
that caught it (and, if those pass now, on its whole exercise). Fails when a mutant recorded as
caught is now missed. Says which recorded runs are not current.

First, a self-test: the solution itself, given as a recorded caught mutant (its diff emptied),
must be reported as a mutant now missed; else this step could not see a regression."""
import hashlib, os, subprocess, time

import mutation as M


def current(track, doc):
    """Exercises whose recorded run is not current: solution changed since."""
    stale = []
    for ex, info in sorted(doc["exercises"].items()):
        if not os.path.isdir(os.path.join(M.LAB, M.TRACKS[track], ex)):
            continue
        if info.get("hash") != M.solution_hash(track, ex):
            stale.append(ex)
    return stale


def check(track, mutant, slot, seed, limit=M.LIMIT):
    """(ok, what happened) for one recorded caught mutant graded again (a grading over `limit`
    seconds is stopped: no verdict)."""
    # One of the tests that caught it is enough to see it caught still (a mutant that breaks
    # a server is often caught by every test of its exercise): the first recorded.
    tests = [f["test"] for f in mutant.get("caught_by", [])][:1]
    outcome, failed, secs = M.grade(slot, mutant, seed, tests, limit)
    if outcome in ("missed", "error"):
        # The test that caught it passes now, or is gone (renamed, removed: the checker refuses
        # the target): is it caught by another test of its exercise?
        outcome, failed, more = M.grade(slot, mutant, seed, None, limit)
        secs += more
    label = f"{track} {mutant['id']} {mutant['exercise']} {mutant['file']}:{mutant['line']}"
    if outcome == "caught":
        return True, f"  caught: {label} by {', '.join(f['test'] for f in failed)} ({secs} s)"
    if outcome == "missed":
        return False, (f"  NOW MISSED: {label}, recorded as caught by {', '.join(f['test'] for f in mutant['caught_by'])}: "
                       f"{mutant['what']}\n" + "".join(f"    {l}\n" for l in mutant["diff"].splitlines()))
    if outcome == "error":
        return False, f"  THE CHECKER COULD NOT GRADE IT: {label} (no report, or its own error)"
    # stale (the diff no longer applies), unviable, unjudged, timeout: no verdict on the tests.
    return True, f"  {outcome}: {label} ({secs} s)"


def self_test(slot_for):
    """The failure this step exists for, shown: a recorded caught mutant whose diff is emptied
    (the solution itself) must come out as now missed."""
    for track in ("c", "rust"):  # a C mutant is the quicker to grade
        doc = M.load(track)
        caught = [m for m in doc["mutants"] if m.get("outcome") == "caught"
                  and m["exercise"] not in current(track, doc)]
        if caught:
            break
    else:
        print("bench/mutants: no recorded caught mutant to self-test with")
        return True
    # The quickest to grade: one caught by a single test, graded fast.
    m = dict(min(caught, key=lambda m: (len(m["caught_by"]), m.get("seconds", 99), m["id"])))
    m["diff"] = ""
    ok, said = check(track, m, slot_for(track), 1)
    if ok:
        print("bench/mutants: SELF-TEST FAILED: the solution given as a recorded caught mutant "
              "was not reported as now missed:\n" + said)
        return False
    print(f"bench/mutants: self-test: the solution given as mutant {m['id']} is reported now "
          "missed, as it must be")
    return True


def main(budget, only=()):
    """`only`: these recorded caught mutants alone (ids), in place of the sample."""
    started = time.time()
    rev = M.revision()
    M.ensure_checker()
    slots = {}

    def slot_for(track):
        return slots.setdefault(track, M.Slot(track, 9))

    import mutants_readme
    ok = mutants_readme.main(check=True) == 0
    ok = self_test(slot_for) and ok
    changed, sample = [], []
    for track in M.TRACKS:
        doc = M.load(track)
        if not doc["mutants"]:
            print(f"bench/mutants: no recorded run of the {track} track")
            continue
        stale = current(track, doc)
        for ex in stale:
            info = doc["exercises"][ex]
            print(f"bench/mutants: the recorded run of {track} {ex} is not current: its solution "
                  f"changed since {info.get('revision')} ({info.get('date')}); run "
                  f"`bench/mutants.py run {track} {ex}`")
        caught = [(track, m) for m in doc["mutants"] if m.get("outcome") == "caught"]
        changed += [(t, m) for t, m in caught if m["exercise"] in stale]
        sample += [(t, m) for t, m in caught if m["exercise"] not in stale]
    # The sample rotates with the revision: consecutive mutants (by id, both tracks) from a
    # place the revision's hash chooses.
    sample.sort(key=lambda tm: tm[1]["id"])
    if only:
        changed, sample = [], [(t, m) for t, m in changed + sample if m["id"] in only]
    if sample and not only:
        at = int(hashlib.sha1(rev.encode()).hexdigest(), 16) % len(sample)
        sample = sample[at:] + sample[:at]
    graded, regressions, skipped = 0, 0, 0
    for n, (track, m) in enumerate(changed + sample):
        if time.time() - started > budget:
            skipped = len(changed) - n if n < len(changed) else 0
            break
        # The last grading stops at the budget's end, with 10 s of grace (a timeout: no verdict).
        limit = max(10, budget + 10 - (time.time() - started))
        good, said = check(track, m, slot_for(track), n + 1, limit)
        print(said, flush=True)
        graded += 1
        regressions += not good
    print(f"bench/mutants: {graded} recorded caught mutants graded again in "
          f"{time.time() - started:.0f} s ({len(changed)} of changed solutions), "
          f"{regressions} now missed")
    if skipped:
        print(f"bench/mutants: {skipped} mutants of changed solutions left ungraded (over the "
              f"budget of {budget:.0f} s): the recorded run is not current")
    for track, slot in slots.items():
        # Leave the trees as the solutions (a rerun starts from them).
        for ex in os.listdir(slot.root) if os.path.isdir(slot.root) else []:
            if ex.startswith("day"):
                slot.prepare(ex)
    return 0 if ok and not regressions else 1
