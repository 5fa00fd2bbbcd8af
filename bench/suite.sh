#!/usr/bin/env bash
# The whole hidden suite on the reference solutions, once built: `checker --solutions all`.
# Budget: under 10 s on a 2-core machine. RUNS=N sets the number of timed runs (default 5);
# SANDBOX=plain grades without namespaces, as a student who is not root does.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$LAB"
cargo build -q -p checker
checker="$LAB/target/debug/checker"
sandbox=(--sandbox "${SANDBOX:-auto}")
"$checker" --solutions all "${sandbox[@]}" >/dev/null || true   # warm-up: builds the solutions and harnesses
times=()
for _ in $(seq "$RUNS"); do
  times+=("$(time_it "$checker" --solutions all "${sandbox[@]}")")
done
echo "checker --solutions all ${sandbox[*]} ($(nproc) cores, default -j): $(stats "${times[@]}") s"
