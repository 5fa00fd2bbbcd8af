#!/usr/bin/env bash
# From editing one exercise file to its verdict, as a student sees it: change a source file of
# a copy of the solutions, then `cargo run -p checker -- <exercise>` (cargo's own checks, the
# exercise's rebuild, clippy for its rules, and every test).
# Then the same for failing verdicts: per network exercise, a realistic broken version that
# answers wrong, one that hangs, and one whose client hangs (a test stops at its first proof
# of failure, and a program asleep with nothing moving is one: a failing verdict is as fast as
# a passing one).
# Budgets: under 2 s for a library exercise, under 3 s for a network one, pass or fail.
# RUNS=N sets the number of timed runs per exercise (default 5).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$LAB"
cargo build -q -p checker
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A tree of its own (a workspace holding the solutions), as `--root` grades it.
cp "$LAB/solutions/Cargo.toml" "$LAB/solutions/Cargo.lock" "$work/"
exercises=("${@}")
[ ${#exercises[@]} -eq 0 ] && exercises=(day1-fileio day1-endian day2-inet day2-echo day3-udp day3-shutdown day3-resolve day3-fork day4-signals day5-poll day5-epoll day5-threads day5-pipe day6-async day6-unix)
for exercise in "${exercises[@]}"; do
  cp -r "$LAB/solutions/$exercise" "$work/"
done
# Only the copied packages are members of the copy's workspace.
members=$(printf '"%s", ' "${exercises[@]}")
sed -i "s/^members = .*/members = [${members%, }]/" "$work/Cargo.toml"
for exercise in "${exercises[@]}"; do
  # The library if there is one (its edit rebuilds everything that uses it), else a program.
  file="$work/$exercise/src/lib.rs"
  [ -f "$file" ] || file=$(find "$work/$exercise/src" -name '*.rs' | sort | head -n 1)
  cargo run -q -p checker -- --root "$work" "$exercise" >/dev/null 2>&1 || true   # warm-up
  times=()
  for i in $(seq "$RUNS"); do
    echo "// edited for the benchmark ($i)" >> "$file"
    times+=("$(time_it cargo run -q -p checker -- --root "$work" "$exercise")")
  done
  echo "edit -> verdict, $exercise: $(stats "${times[@]}") s"
done

# Failing verdicts: a copy of each network exercise with one broken version applied, first one
# that answers wrong, then one that hangs (the program sleeps for ever while the test waits
# for it: the test must fail as soon as that is certain, and say where it waits).
declare -A wrong=(
  [day2-echo]=ignores-send-count
  [day3-udp]=empty-means-end
  [day3-shutdown]=lossy-text
  [day3-fork]=reaps-after-accept
  [day4-signals]=no-term-handler
  [day5-poll]=removes-during-walk
  [day5-epoll]=level-triggered
  [day5-threads]=lock-per-send
  [day5-pipe]=write-per-read
  [day6-async]=lag-ignored
  [day6-unix]=keeps-passed-descriptor
)
declare -A hanging=(
  [day2-echo]=never-closes
  [day3-udp]=remembers-first-client
  [day3-shutdown]=close-instead-of-shutdown
  [day3-fork]=parent-keeps-connfd
  [day4-signals]=usr1-sa-restart
  [day5-poll]=table-of-99
  [day5-epoll]=one-read-per-event
  [day5-threads]=never-removes
  [day5-pipe]=logger-keeps-write-end
  [day6-async]=never-closes
)
# Clients that hang, one per client program of the lab (echo-client, udp-client, file-client):
# each asleep in a receive (or a poll) that nothing will end, while the checker's hidden server
# has nothing more to say. Told as soon as that is certain, like a server.
declare -A client_hanging=(
  [day2-echo]=client-no-timeout
  [day3-udp]=client-no-timeout
  [day3-shutdown]=client-waits-for-hangup
)
# Servers that make slow progress where the contract asks for more, or none while timers of
# their own wake them: the failure is certain long before the deadline (fifty-clients: at most
# one conversation at a time, 49 queued; a chat line due while the server has held still a second).
declare -A slow=(
  [day3-fork]=waits-for-each-child
  [day5-threads]=fixed-size-messages
)
# failing_verdicts <label> <map name>: time each exercise's broken version from the map.
failing_verdicts() {
  local label=$1
  local -n versions=$2
  local failing
  failing="$(mktemp -d)"
  cp "$LAB/solutions/Cargo.toml" "$LAB/solutions/Cargo.lock" "$failing/"
  local chosen=()
  for exercise in "${exercises[@]}"; do
    [ -n "${versions[$exercise]:-}" ] || continue
    cp -r "$LAB/solutions/$exercise" "$failing/"
    python3 "$LAB/bench/apply-broken.py" "$exercise" "${versions[$exercise]}" "$failing/$exercise"
    chosen+=("$exercise")
  done
  if [ ${#chosen[@]} -gt 0 ]; then
    members=$(printf '"%s", ' "${chosen[@]}")
    sed -i "s/^members = .*/members = [${members%, }]/" "$failing/Cargo.toml"
    for exercise in "${chosen[@]}"; do
      file=$(find "$failing/$exercise/src" -name '*.rs' | sort | head -n 1)
      cargo run -q -p checker -- --root "$failing" "$exercise" >/dev/null 2>&1 || true   # warm-up
      times=()
      for i in $(seq "$RUNS"); do
        echo "// edited for the benchmark ($i)" >> "$file"
        times+=("$(time_it cargo run -q -p checker -- --root "$failing" "$exercise")")
      done
      echo "edit -> $label verdict, $exercise (${versions[$exercise]}): $(stats "${times[@]}") s"
    done
  fi
  rm -rf "$failing"
}
failing_verdicts "failing" wrong
failing_verdicts "hanging" hanging
failing_verdicts "client hanging" client_hanging
failing_verdicts "slow" slow
