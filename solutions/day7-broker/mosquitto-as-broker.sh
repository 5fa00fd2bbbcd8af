#!/bin/bash
# mosquitto-as-broker.sh <port>: Eclipse Mosquitto dressed as the lab's `mqtt-broker <port>`,
# so that day7-broker's tests can be proven on a broker written by others: it prints
# `listening on 0.0.0.0:<port>` once mosquitto listens, and SIGTERM or SIGINT stops mosquitto
# (and this script) with mosquitto's exit status.
#
# The configuration matches the exercise's contract: MQTT over TCP on <port>, every address;
# anonymous clients; QoS 2 neither granted (a SUBSCRIBE asking 2 gets 1) nor accepted (a PUBLISH
# at QoS 2 closes the connection); packets of at most 256 KiB; nothing kept on disk.
# Needs Debian's `mosquitto` package (apt-get install -y mosquitto).
set -u

if [ $# -ne 1 ] || ! [[ $1 =~ ^[0-9]+$ ]] || [ "$1" -lt 1 ] || [ "$1" -gt 65535 ]; then
    echo "mosquitto-as-broker.sh: usage: mosquitto-as-broker.sh <port>   (1-65535)" >&2
    exit 1
fi
port=$1
mosquitto=$(command -v mosquitto || echo /usr/sbin/mosquitto)
if ! [ -x "$mosquitto" ]; then
    echo "mosquitto-as-broker.sh: mosquitto is not installed (apt-get install -y mosquitto)" >&2
    exit 1
fi

# Under the checker /tmp may be read-only: the working directory (the test's own) is not.
dir=$(mktemp -d 2>/dev/null || mktemp -d -p "$PWD") || exit 1
cat > "$dir/mosquitto.conf" <<CONF
listener $port
allow_anonymous true
max_qos 1
max_packet_size 262144
persistence false
log_dest stderr
log_type error
log_type warning
CONF
# Run as root, mosquitto would switch to the `mosquitto` user; it reads its configuration
# before, so the private directory is fine.

"$mosquitto" -c "$dir/mosquitto.conf" &
pid=$!
signalled=
stop() {
    signalled=1
    kill -TERM "$pid" 2>/dev/null
}
trap stop TERM INT

# Listening once a connection to the port succeeds (bash's /dev/tcp); give up if mosquitto
# has exited (port in use, bad configuration: its message is on stderr already).
while ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
        wait "$pid"
        status=$?
        rm -rf "$dir"
        exit $((status == 0 ? 1 : status))
    fi
    sleep 0.05
done
echo "listening on 0.0.0.0:$port"

# `wait` returns early (128 + the signal) when a trapped signal arrives: wait again for
# mosquitto's own status, which bash keeps even once mosquitto is gone (a `kill -0` there would
# find it gone and keep the 143 of the interrupted wait instead).
while :; do
    wait "$pid"
    status=$?
    if [ "$status" -gt 128 ] && [ -n "$signalled" ]; then
        signalled=
        continue
    fi
    break
done
rm -rf "$dir"
exit "$status"
