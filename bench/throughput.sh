#!/usr/bin/env bash
# The checker's own load generator (the one the throughput test uses) through the reference
# echo server, next to a C epoll echo server through the same load generator, and iperf3's raw
# loopback rate when iperf3 is installed — all on loopback, in the same run.
# RUNS=N sets the number of measurements of each (default 5); BYTES the bytes per measurement.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
BYTES="${BYTES:-268435456}"
cd "$LAB"
cargo build -q -p checker
(cd solutions && cargo build -q -p day2-echo)
checker="$LAB/target/debug/checker"
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

# start <command...>: run a server, wait for its `listening on` line, print its port.
start() {
  "$@" >"$work/out.$#" 2>/dev/null &
  pids+=($!)
  for _ in $(seq 200); do
    line=$(head -n 1 "$work/out.$#" 2>/dev/null || true)
    [ -n "$line" ] && { echo "${line##*:}"; return; }
    sleep 0.01
  done
  echo "server did not start: $*" >&2; exit 1
}

measure() {
  local port=$1 rates=()
  for _ in $(seq "$RUNS"); do rates+=("$("$checker" __loadgen "$port" "$BYTES")"); done
  stats "${rates[@]}"
}

ref_port=$(start "$LAB/solutions/target/debug/echo-server" 0)
echo "load generator -> reference echo-server (debug build): $(measure "$ref_port") MB/s"
if cc -O2 -o "$work/epoll-echo" "$LAB/bench/epoll-echo.c" 2>/dev/null; then
  c_port=$(start "$work/epoll-echo" 0)
  echo "load generator -> C epoll echo server (-O2):         $(measure "$c_port") MB/s"
else
  echo "(no C compiler: C epoll server skipped)"
fi
if command -v iperf3 >/dev/null; then
  iperf3 -s -p 5299 >/dev/null 2>&1 &
  pids+=($!)
  sleep 0.5
  rates=()
  for _ in $(seq "$RUNS"); do
    r=$(iperf3 -c 127.0.0.1 -p 5299 -n "$BYTES" -J 2>/dev/null |
      python3 -c 'import json,sys; print(round(json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"] / 8e6))' 2>/dev/null || true)
    [ -n "$r" ] && rates+=("$r")
  done
  [ ${#rates[@]} -gt 0 ] && echo "iperf3 one-way, loopback (for scale):                $(stats "${rates[@]}") MB/s"
else
  echo "(iperf3 not installed: apt-get install iperf3 for the raw loopback figure)"
fi
