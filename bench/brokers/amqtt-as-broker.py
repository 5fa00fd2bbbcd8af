#!/usr/bin/env python3
"""amqtt-as-broker.py <port>: amqtt (PyPI) dressed as day7-broker's `mqtt-broker <port>`, for
bench/brokers.py: it prints `listening on 0.0.0.0:<port>` once amqtt listens, and SIGTERM or
SIGINT stops it (exit 0). amqtt as it comes: anonymous clients, nothing else set (it has no
setting for the subset's highest QoS or packet size). Run it with the Python amqtt is installed in."""
import asyncio
import logging
import signal
import socket
import sys
import time

from amqtt.broker import Broker


async def main(port: int) -> None:
    config = {
        "listeners": {"default": {"type": "tcp", "bind": f"0.0.0.0:{port}"}},
        "plugins": {"amqtt.plugins.authentication.AnonymousAuthPlugin": {"allow_anonymous": True}},
    }
    broker = Broker(config)
    await broker.start()
    # Listening once a connection to the port succeeds.
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            await asyncio.sleep(0.05)
    print(f"listening on 0.0.0.0:{port}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    await broker.shutdown()


if __name__ == "__main__":
    if len(sys.argv) != 2 or not sys.argv[1].isdigit():
        print("amqtt-as-broker.py: usage: amqtt-as-broker.py <port>", file=sys.stderr)
        sys.exit(1)
    logging.basicConfig(level=logging.ERROR)
    asyncio.run(main(int(sys.argv[1])))
