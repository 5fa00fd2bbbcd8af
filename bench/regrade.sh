#!/usr/bin/env bash
# What the deadline regrade costs per student: one job of .ci/regrade, as a runner of the
# regrade workflow runs it, over a roster of student repositories made here — the lab's own
# stubs, a copy of the solutions, the solutions with a planted build.rs — each ROUNDS times
# (default 2), graded in full (`all`), then the gradebook of them all.
#
# The job starts cold, as a fresh runner does: an empty build area for the students' exercises
# (the checker itself is built once before the clock starts, as the workflow's cache keeps it).
# The first student pays for the exercises' dependencies (nix and the rest); every later one
# finds them warm. Prints the job's log lines "== NAME: graded in N s", then the cost of a
# student with a warm cache by kind, and the gradebook.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ROUNDS="${ROUNDS:-2}"
DEADLINE="2026-10-31T23:59:00+09:00"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$LAB"
cargo build -q -p checker
checker="$LAB/target/debug/checker"

# The three kinds of student tree, as git repositories committed before the deadline.
make_student() { # name kind
  local dir="$work/students/$1"
  "$checker" export-student "$dir" >/dev/null
  if [ "$2" != stubs ]; then
    for ex in "$LAB"/solutions/*/; do
      ex="$(basename "$ex")"
      [ -d "$dir/exercises/$ex" ] || continue
      rm -rf "$dir/exercises/$ex/src" && cp -r "$LAB/solutions/$ex/src" "$dir/exercises/$ex/src"
    done
  fi
  [ "$2" = build-rs ] && echo 'fn main() {}' > "$dir/exercises/day2-echo/build.rs"
  git -C "$dir" init -q -b main
  git -C "$dir" add -A
  GIT_COMMITTER_DATE="2026-10-30T12:00:00+09:00" git -C "$dir" -c user.name=s -c user.email=s@x \
    commit -q -m work
  echo "$1 $dir" >> "$work/roster.txt"
}
for round in $(seq "$ROUNDS"); do
  for kind in stubs solutions build-rs; do make_student "$kind-$round" "$kind"; done
done

# One job, cold: an empty build directory for the exercises (.ci/regrade shares one across the
# job's students).
export CARGO_BUILD_BUILD_DIR="$work/build-area"
start=$(now)
bash "$LAB/.ci/regrade" --roster "$work/roster.txt" --before "$DEADLINE" --out "$work/reports" \
  -- "$@" 2>&1 | grep '^== .*graded in' | tee "$work/log"
end=$(now)
echo "the job: $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", b - a }') s for $((3 * ROUNDS)) students ($(nproc) cores)"
for kind in stubs solutions build-rs; do
  # Every student of this kind but the job's first, whose build warmed the cache.
  mapfile -t secs < <(grep "== $kind-" "$work/log" | grep -v '== stubs-1:' | sed 's/.*graded in \([0-9]*\) s/\1/')
  [ ${#secs[@]} -gt 0 ] && echo "a student with a warm cache, $kind: $(stats "${secs[@]}") s"
done
echo "the job's first student (cold cache): $(head -1 "$work/log" | sed 's/.*graded in //')"
"$checker" gradebook "$work/reports" --deadline "$DEADLINE" | cut -d, -f1,15,16,17,23 | column -s, -t
