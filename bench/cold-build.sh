#!/usr/bin/env bash
# A cold build of the student's workspace (the checker and every exercise stub), into an empty
# target directory: what `cargo run -p checker` costs on a fresh clone, downloads aside.
# Budget: under 30 s on a 2-core machine. RUNS=N sets the number of builds (default 3).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
RUNS="${RUNS:-3}"
cd "$LAB"
cargo fetch -q   # downloads are not part of a build
times=()
for _ in $(seq "$RUNS"); do
  target="$(mktemp -d)"
  times+=("$(time_it env CARGO_TARGET_DIR="$target" cargo build -q --workspace)")
  rm -rf "$target"
done
echo "cold build of the workspace ($(nproc) cores): $(stats "${times[@]}") s"
