#!/bin/bash
# rumqttd-as-broker.sh <port>: rumqttd (crates.io) dressed as day7-broker's `mqtt-broker <port>`,
# for bench/brokers.py: it prints `listening on 0.0.0.0:<port>` once rumqttd listens, and SIGTERM
# or SIGINT stops it. The binary is $RUMQTTD (bench/brokers.py installs it), its configuration
# rumqttd.toml beside this script with the port filled in.
set -u
if [ $# -ne 1 ] || ! [[ $1 =~ ^[0-9]+$ ]]; then
    echo "rumqttd-as-broker.sh: usage: rumqttd-as-broker.sh <port>" >&2
    exit 1
fi
port=$1
here=$(dirname "$0")
dir=$(mktemp -d 2>/dev/null || mktemp -d -p "$PWD") || exit 1
sed "s/PORT/$port/" "$here/rumqttd.toml" > "$dir/rumqttd.toml"
"${RUMQTTD:-rumqttd}" -c "$dir/rumqttd.toml" -q >&2 &
pid=$!
stop() {
    kill -TERM "$pid" 2>/dev/null
}
trap stop TERM INT
while ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
        wait "$pid"
        rm -rf "$dir"
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
rm -rf "$dir"
exit "$status"
