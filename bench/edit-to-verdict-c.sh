#!/usr/bin/env bash
# The C track's edit-to-verdict, as a C student sees it: change a .c file of a copy of the C
# references, then `cargo run -p checker -- <exercise>` in that tree (a tree with common/lab.mk
# is graded as C: the checker copies the sources, builds them with its own flags, reads their
# imports for the rules, and runs every test). Then failing verdicts: per exercise, one C broken
# version (its [[c.broken]]), edited and graded the same way.
# Budgets as on the Rust track: under 2 s for a library exercise, under 3 s for a network one.
# RUNS=N sets the number of timed runs per exercise (default 5).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$LAB"
cargo build -q -p checker
exercises=("${@}")
[ ${#exercises[@]} -eq 0 ] && exercises=(day1-fileio day1-endian day2-inet day2-echo day3-udp day3-shutdown day3-resolve day3-fork day4-signals day5-poll day5-epoll day5-threads day5-pipe day6-unix day7-broker)
# A failing version per exercise, none that edits common/ (the tree's exercises share it).
declare -A wrong=(
  [day1-fileio]=write-all-count-in-size-t
  [day1-endian]=swap32-precedence
  [day2-inet]=pton4-through-strtoul
  [day2-echo]=strlen-on-binary
  [day3-udp]=client-timeout-as-double
  [day3-shutdown]=client-receipt-sizeof
  [day3-resolve]=ip-buffer-inet-addrstrlen
  [day3-fork]=waitpid-without-wnohang
  [day4-signals]=stats-not-flushed
  [day5-poll]=fixed-table-unchecked
  [day5-epoll]=data-ptr-read-as-fd
  [day5-threads]=return-without-unlock
  [day5-pipe]=one-waitpid-per-wakeup
  [day6-unix]=control-buffer-sizeof-int
  [day7-broker]=send-count-ignored
)
# time_verdicts <label> <tree>: edit each exercise's first .c file and time its verdict.
time_verdicts() {
  local label=$1 tree=$2
  for exercise in "${exercises[@]}"; do
    file=$(find "$tree/$exercise" -name '*.c' | sort | head -n 1)
    cargo run -q -p checker -- --root "$tree" "$exercise" >/dev/null 2>&1 || true   # warm-up
    times=()
    for i in $(seq "$RUNS"); do
      echo "/* edited for the benchmark ($i) */" >> "$file"
      times+=("$(time_it cargo run -q -p checker -- --root "$tree" "$exercise")")
    done
    local version=""
    [ "$label" = "passing" ] || version=" (${wrong[$exercise]})"
    echo "edit -> $label verdict, C $exercise$version: $(stats "${times[@]}") s"
  done
}
# copy_tree <dir>: the C references' common/ and each exercise, as a C tree.
copy_tree() {
  cp -r "$LAB/c/solutions/common" "$1/"
  for exercise in "${exercises[@]}"; do
    cp -r "$LAB/c/solutions/$exercise" "$1/"
  done
}
work="$(mktemp -d)"
failing="$(mktemp -d)"
trap 'rm -rf "$work" "$failing"' EXIT
copy_tree "$work"
time_verdicts passing "$work"
copy_tree "$failing"
for exercise in "${exercises[@]}"; do
  python3 "$LAB/bench/apply-broken.py" "$exercise" "${wrong[$exercise]}" "$failing/$exercise" c
done
time_verdicts failing "$failing"
