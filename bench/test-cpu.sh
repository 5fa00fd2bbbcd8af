#!/usr/bin/env bash
# Where the project's tests spend CPU, per test: each test process runs in a cgroup of its own
# (cgroup v1 `cpuacct`, as root), so its CPU counts every process it started, reparented or in a
# namespace of its own (a sandbox's programs, cargo, rustc, clippy, gcc), which a wall clock on a
# shared machine does not tell and `time` misses for what it does not reap.
#
#   bash bench/test-cpu.sh [cargo nextest run options...]   e.g. -E 'binary(broken)'
#
# Writes target/test-cpu.tsv (binary, test, CPU ns, user and system ticks, start, end, status,
# processes left, runner pid) and prints bench/test-cpu.py's summary of it. Used as cargo's
# target runner (`--runner`), the runner unsets itself for the test, so the cargo a test runs
# does not nest cgroups.
set -uo pipefail
if [ "${1:-}" = --runner ]; then
  shift
  unset CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUNNER
  case " $* " in *" --list "*) exec "$@" ;; esac
  bin=$(basename "$1")
  name=""
  for a in "${@:2}"; do case "$a" in --*) ;; *) name="$a" ;; esac; done
  cg="$TEST_CPU_CGROUP/$$"
  mkdir "$cg" && echo $$ >"$cg/cgroup.procs"
  t0=$(date +%s.%N)
  "$@"
  status=$?
  t1=$(date +%s.%N)
  echo $$ >"$TEST_CPU_CGROUP/../cgroup.procs"
  read -r _ user < <(grep user "$cg/cpuacct.stat")
  read -r _ system < <(grep system "$cg/cpuacct.stat")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "${bin%-*}" "$name" "$(cat "$cg/cpuacct.usage")" \
    "$user" "$system" "$t0" "$t1" "$status" "$(wc -l <"$cg/cgroup.procs")" $$ >>"$TEST_CPU_LOG"
  rmdir "$cg" 2>/dev/null
  exit $status
fi
cd "$(dirname "$0")/.."
root=/sys/fs/cgroup/cpuacct
if [ ! -w "$root" ]; then
  echo "test-cpu: needs a writable cgroup v1 cpuacct hierarchy ($root): run as root" >&2
  exit 2
fi
export TEST_CPU_CGROUP="$root/lab-test-cpu-$$" TEST_CPU_LOG="$PWD/target/test-cpu.tsv"
mkdir -p "$TEST_CPU_CGROUP" target
rm -f "$TEST_CPU_LOG"
export CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUNNER="$PWD/bench/test-cpu.sh --runner"
cargo nextest run --workspace --locked "$@"
status=$?
rmdir "$TEST_CPU_CGROUP" 2>/dev/null
python3 bench/test-cpu.py "$TEST_CPU_LOG"
exit $status
