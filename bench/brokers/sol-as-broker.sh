#!/bin/bash
# sol-as-broker.sh <port>: sol, a small MQTT 3.1.1 broker in C (github.com/codepr/sol), dressed as
# day7-broker's `mqtt-broker <port>` for bench/brokers.py: it prints `listening on
# 0.0.0.0:<port>` once sol listens, and SIGTERM or SIGINT stops it. The binary is $SOL, built by
# hand from a checkout (no registry packages it; see bench/brokers.py).
set -u
if [ $# -ne 1 ] || ! [[ $1 =~ ^[0-9]+$ ]]; then
    echo "sol-as-broker.sh: usage: sol-as-broker.sh <port>" >&2
    exit 1
fi
port=$1
"${SOL:-sol}" -a 0.0.0.0 -p "$port" >&2 &
pid=$!
stop() {
    kill -TERM "$pid" 2>/dev/null
}
trap stop TERM INT
while ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
        wait "$pid"
        exit 1
    fi
    sleep 0.05
done
echo "listening on 0.0.0.0:$port"
while :; do
    wait "$pid"
    status=$?
    kill -0 "$pid" 2>/dev/null || break
done
exit "$status"
