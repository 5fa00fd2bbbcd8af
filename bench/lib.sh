# Shared by the bench scripts: where the lab is, and statistics over repeated runs.
LAB="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${RUNS:-5}"

# now: seconds since the epoch, with nanoseconds.
now() { date +%s.%N; }

# stats <numbers...>: "median X (min Y, max Z, n N)".
stats() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "median %.2f (min %.2f, max %.2f, n %d)\n", m, v[1], v[NR], NR }'
}

# time_it <command...>: run it, print the seconds it took (its output goes to /dev/null).
time_it() {
  local start end
  start=$(now)
  "$@" >/dev/null 2>&1 || true
  end=$(now)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
}
