#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image (written by
# `checker export-gradescope`; its settings are in config.env beside it). It installs what
# grading needs, clones the lab at the pinned revision and builds the checker there, so that
# every submission is graded by the same tests.
#
# AUTOGRADER_ROOT (default /autograder) moves everything, for the lab's own tests.
set -euo pipefail
root="${AUTOGRADER_ROOT:-/autograder}"
# shellcheck source=/dev/null
source "$root/source/config.env"

# The tools the hidden tests use (a real netcat and socat), git, a C toolchain for cargo.
need=()
for tool in git:git cc:build-essential nc:netcat-openbsd socat:socat python3:python3 unshare:util-linux; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || need+=("${tool#*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ca-certificates "${need[@]}"
fi

# Rust through rustup, with clippy (the checker runs it to enforce each exercise's rules).
if ! command -v cargo >/dev/null 2>&1; then
  command -v curl >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs |
    sh -s -- -y --profile minimal --component clippy
  # shellcheck source=/dev/null
  source "$HOME/.cargo/env"
fi

# The lab at the pinned revision, without its solutions or broken versions: students' programs
# run in this container, and in plain mode they could read whatever it holds.
lab="$root/lab"
rm -rf "$lab"
# One build directory for the warm-up and every submission: the exercises' dependencies are
# built here, once.
export CARGO_BUILD_BUILD_DIR="${CARGO_BUILD_BUILD_DIR:-$lab/target/shared-build}"
git clone -q --no-checkout "$LAB_REPOSITORY" "$lab"
git -C "$lab" sparse-checkout set --no-cone '/*' '!/solutions/' '!/checker/exercises/*/proofs/' '!/checker/tests/golden/'
git -C "$lab" -c advice.detachedHead=false checkout -q --detach "$LAB_REVISION"

# The checker, built once, and every dependency the exercises use: grading a stub tree once
# leaves the exercises' build cache warm, so a submission compiles only the student's code.
(cd "$lab" && cargo fetch --locked -q && env -u CARGO_BUILD_BUILD_DIR cargo build --locked -q -p checker)
# The class's stubs: the whole lab keeps the C track's in c/exercises/, an export its track's in
# exercises/.
stubs="$lab/exercises"
[ "${TRACK:-}" = c ] && [ -d "$lab/c/exercises" ] && stubs="$lab/c/exercises"
warm="$(mktemp -d)" warm_reports="$(mktemp -d)"
cp -r "$stubs" "$warm/exercises"
"$lab/.ci/grade-submission" "$warm" "$warm_reports" ${TRACK:+--track "$TRACK"} >/dev/null 2>&1 || true
rm -rf "$warm" "$warm_reports"
echo "setup: the lab at $(git -C "$lab" rev-parse HEAD) is ready"
