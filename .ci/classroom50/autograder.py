"""Classroom 50 autograder for the socket-programming lab.

Put this file in your classroom50 repository as CLASSROOM/autograders/ASSIGNMENT/autograder.py
and set the settings below. Classroom 50's runner (runner.py, fetched by the
autograde-runner workflow) runs it once per submission, in the student's checkout of the
submitted commit -- a push, or a submit/* tag in tag mode -- with CLASSROOM, ASSIGNMENT,
SUBMISSION_TAG, COMMIT_URL, RELEASE_URL, REVIEW_URL and OWNER in its environment; it must leave
./result.json (schema classroom50/result/v1) and exit 0 when it graded (pass or fail).

It clones the lab at LAB_REVISION (without its solutions and broken versions) into the runner's
temporary directory, outside the student's checkout, and grades the checkout with the lab's own
.ci/grade-submission (--ci: the student's sources are built from a copy beside the lab's
manifests and rules; a build.rs or an edited Cargo.toml earns nothing). grade-submission writes
every report, each recording the lab's revision, the commit graded, the checker's version and
the sandbox; Classroom 50's is copied to ./result.json. The human report goes to the job's log.
"""

import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

# The lab to grade with (your copy of the lab, or the student template, which holds everything
# grading needs and no solution), as git clones it: it must be readable from the students'
# workflows (public, or in your organization).
LAB_REPOSITORY = "https://github.com/your-org/socket-lab.git"
# A tag or a commit, never a branch: every student of a cohort is graded by the same tests.
LAB_REVISION = "v1.0.0"
# What this assignment grades: all, a day (day2), exercises (day2-inet day2-echo).
TARGETS = "all"
# The language of the feedback students read in the job's log and result.json: en or ko.
REPORT_LANG = "en"
# The class's track: rust, or c (repositories from `checker export-student --track c`). Empty:
# the pinned lab's own, which is an export's track, but Rust in the whole lab (which holds both):
# a C class pinned to the whole lab must say c here. `checker export-student` writes its class's
# track and language above.
TRACK = ""


def run(cmd, **kw):
    print("autograder: " + " ".join(cmd), flush=True)
    return subprocess.run(cmd, check=False, **kw).returncode


def lab_checkout(scratch):
    """The lab at LAB_REVISION; SOCKET_LAB_DIR names one already there (the lab's tests)."""
    if os.environ.get("SOCKET_LAB_DIR"):
        return pathlib.Path(os.environ["SOCKET_LAB_DIR"])
    lab = scratch / "lab"
    shutil.rmtree(lab, ignore_errors=True)
    steps = [
        ["git", "clone", "-q", "--no-checkout", LAB_REPOSITORY, str(lab)],
        ["git", "-C", str(lab), "sparse-checkout", "set", "--no-cone", "/*", "!/solutions/",
         "!/checker/exercises/*/proofs/", "!/checker/tests/golden/"],
        ["git", "-C", str(lab), "-c", "advice.detachedHead=false", "checkout", "-q",
         "--detach", LAB_REVISION],
    ]
    for step in steps:
        if run(step) != 0:
            sys.exit("autograder: could not check out the lab at " + LAB_REVISION)
    return lab


def track_note(lab):
    """A word in the job's log when TRACK leaves the whole lab grading a C submission as Rust
    (the track is never taken from the student's files, which the student controls)."""
    if TRACK or (lab / "checker" / "export.txt").is_file():
        return
    if pathlib.Path("exercises/common/lab.mk").is_file():
        print("autograder: this submission holds the C track's exercises, but TRACK is empty and "
              "the whole lab grades Rust then: set TRACK = \"c\" for a C class", flush=True)


def main():
    scratch = pathlib.Path(os.environ.get("RUNNER_TEMP") or tempfile.mkdtemp()) / "socket-lab"
    scratch.mkdir(parents=True, exist_ok=True)
    lab = lab_checkout(scratch)
    track_note(lab)
    reports = scratch / "reports"
    env = dict(os.environ, GRADE_TARGETS=os.environ.get("GRADE_TARGETS") or TARGETS)
    cmd = [str(lab / ".ci" / "grade-submission"), os.getcwd(), str(reports),
           "--student", os.environ.get("OWNER") or os.environ.get("USERNAME") or "student",
           "--lang", REPORT_LANG] + (["--track", TRACK] if TRACK else [])
    # As root every test gets namespaces of its own (a read-only file system but for its
    # directory); GitHub's runners give the runner user sudo without a password.
    if os.geteuid() != 0 and shutil.which("sudo") and run(["sudo", "-n", "true"]) == 0:
        cmd = ["sudo", "-E", "env", "PATH=" + os.environ.get("PATH", "")] + cmd
    status = run(cmd, env=env)
    if status not in (0, 1) or not (reports / "classroom50.json").is_file():
        sys.exit(f"autograder: grading ended with status {status}, no grade")
    shutil.copyfile(reports / "classroom50.json", "result.json")
    print(f"autograder: graded ({'every test passed' if status == 0 else 'some tests failed'})")


if __name__ == "__main__":
    main()
