#!/usr/bin/env bash
# Does `checker compare`'s chart read in a browser, without the table? Measure the reference
# servers (--quick unless arguments say otherwise), then render target/compare/compare.svg in
# headless Chromium to target/compare/compare.png, to be looked at. Chromium comes from Debian's
# package `chromium` (apt-get install chromium); the flags keep it off the network, which a CI
# machine may close.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$LAB"
command -v chromium >/dev/null || { echo "chromium is not installed (apt-get install chromium)"; exit 2; }
args=("$@")
[ ${#args[@]} -eq 0 ] && args=(--quick)
cargo run -q -p checker -- compare --solutions "${args[@]}"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
svg="$LAB/target/compare/compare.svg"
size=$(grep -o 'width="[0-9]*" height="[0-9]*"' "$svg" | head -n 1 | tr -dc '0-9 ' | awk '{ print $1 "," $2 }')
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --window-size="$size" \
  --screenshot="$LAB/target/compare/compare.png" "file://$svg" 2>/dev/null
echo "rendered by $(chromium --version): target/compare/compare.png ($size)"
