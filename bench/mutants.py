#!/usr/bin/env python3
"""How strong the hidden tests are, measured: every reference solution mutated, each mutant
graded by the checker, on both tracks (issue 60).

  bench/mutants.py run rust|c [exercise...] [--sample K/N] [--jobs J] [--resume]
      Make the mutants (cargo-mutants for solutions/, universalmutator with
      bench/mutants/c.rules for c/solutions/) and grade each with the checker; the verdicts
      go to bench/mutants/results-<track>.json (merged: a run of some exercises keeps the
      others'). --sample K/N grades every N-th mutant from the K-th (a shake-out, or a run
      that would not fit); --resume keeps the verdicts already recorded on the same solution
      (an interrupted run goes on where it stopped).
  bench/mutants.py again rust|c ID... [--seeds N] [--jobs J]
      Grade recorded mutants again with N fresh seeds each (triage of a missed one).
  bench/mutants.py again rust|c --excluded [exercise...] [--seeds N] [--jobs J]
      Grade every excluded mutant (of those exercises) again on the current checker: one now
      caught (or whose diff no longer applies: stale) is named, for its exclusion to go.
  bench/mutants.py equiv rust
      Look again for equivalent mutants among the missed ones (their release binaries).
  bench/mutants.py summary [--markdown]
      The score per exercise and track, from the recorded runs.
  bench/mutants.py missed rust|c [exercise...]
      Every missed mutant not excluded, with its change (what triage has left).
  bench/mutants.py show ID
      A mutant's diff and verdicts.
  bench/mutants.py readme [--check]
      Write the score table of README.md and README.ko.md from the record (--check: fail
      when they do not say what the record says; `ci` checks it first).
  bench/mutants.py ci [--budget SECONDS] [ID...]
      CI's sample: a shard of the recorded caught mutants chosen from the revision, and every
      recorded mutant of a solution changed since its run, graded on the tests that caught
      it; fails when one is now missed. Says when a recorded run is not current. With IDs:
      those recorded caught mutants alone.

What a mutant becomes:
  caught      some hidden test failed it (the tests and their diagnoses are recorded);
  missed      every test passed (triaged: a gap closed by a test, or an exclusion in
              bench/mutants/exclusions.toml with its reason);
  unviable    it does not compile;
  timeout     the checker's run took over the limit (killed);
  unjudged    the machine kept a test from being judged, three gradings running: never
              counted as caught;
  equivalent  its stripped binary is the original's (C: every mutant's object compared; Rust:
              a missed mutant's release binaries, unless it is in a library, which the
              checker's harness calls);
  duplicate   (C) its object is another mutant's: graded once, as that one.
The score of an exercise: caught / (caught + missed + timeout + unjudged), the excluded missed
ones out of both; unviable, equivalent and duplicate mutants are not in it.

Gradings run under `nice -n 19` (others share the machine), J at a time (default 2), each
checker with -j 2; a mutant only rewrites its file in a tree reused for its exercise, so each
grading rebuilds one crate (or one C file)."""

import sys

import mutants_ci
import mutants_readme
from mutation import again, equiv, missed, run, say, show, summary


def main():
    args = sys.argv[1:]
    if not args or args[0] in ("-h", "--help"):
        say(__doc__)
        return
    opts = {}
    rest = []
    it = iter(args[1:])
    for a in it:
        if a.startswith("--") and a not in ("--markdown", "--resume", "--check", "--excluded"):
            opts[a] = next(it)
        else:
            rest.append(a)
    cmd = args[0]
    if cmd == "run":
        sample = tuple(int(x) for x in opts["--sample"].split("/")) if "--sample" in opts else None
        run(rest[0], [r for r in rest[1:] if r != "--resume"], sample,
            int(opts.get("--jobs", 2)), "--resume" in rest)
    elif cmd == "again":
        excluded = "--excluded" in rest
        named = [r for r in rest[1:] if r != "--excluded"]
        again(rest[0], set(named), int(opts.get("--seeds", 2)), int(opts.get("--jobs", 1)),
              named if excluded else None)
    elif cmd == "equiv":
        equiv(rest[0])
    elif cmd == "summary":
        summary("--markdown" in args)
    elif cmd == "missed":
        missed(rest[0], rest[1:])
    elif cmd == "show":
        show(rest[0])
    elif cmd == "readme":
        sys.exit(mutants_readme.main("--check" in args))
    elif cmd == "ci":
        sys.exit(mutants_ci.main(float(opts.get("--budget", 50)), set(rest)))
    else:
        sys.exit(f"unknown command {cmd}: see bench/mutants.py --help")


if __name__ == "__main__":
    main()
