#!/usr/bin/env python3
"""Apply the edits of one broken version or correct alternative (in its exercise's folder,
checker/exercises/<exercise>/proofs/*.toml, `[[rust.broken]]`) to a copy of its package, as the
project's tests do: `apply-broken.py <exercise> <name> <package-dir>`; with a fourth argument
`c`, a C track's version (`[[c.broken]]`) to a copy of its folder of c/solutions. Used by
edit-to-verdict.sh and edit-to-verdict-c.sh to time a failing verdict, and by flaky.py to make
the trees it grades."""
import os, sys, tomllib

LAB = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
exercise, name, package = sys.argv[1:4]
proofs = os.path.join(LAB, "checker/exercises", exercise, "proofs")
track = "c" if sys.argv[4:5] == ["c"] else "rust"
# An exercise's versions may be spread over several tables (proofs.toml, rust-designs.toml).
specs = [tomllib.load(open(os.path.join(proofs, f), "rb")).get(track, {})
         for f in sorted(os.listdir(proofs)) if f.endswith(".toml")]
version = next(v for spec in specs
               for v in spec.get("broken", []) + spec.get("alternative", []) if v["name"] == name)
for edit in version["edit"]:
    path = os.path.join(package, edit["file"])
    if "source" in edit:
        # A source is named from the exercise's proofs/, on either track (as the tests read it).
        text = open(os.path.join(proofs, edit["source"])).read()
    else:
        text = open(path).read()
        if text.count(edit["find"]) != 1:
            sys.exit(f"{exercise}/{name}: the text to find is not in {edit['file']} exactly once")
        text = text.replace(edit["find"], edit["replace"], 1)
    open(path, "w").write(text)
