#!/usr/bin/env python3
"""day7-broker's hidden tests on the MQTT brokers people use: grade each with `--program`, as a
student's broker written in another language is graded, and write what they got to
bench/brokers/verdicts.toml, the record `checker/tests/mosquitto.rs` keeps in step with the tests
(every test of day 7 has a verdict for every broker, and every failure names the section of MQTT
3.1.1, or the rule of the lab's subset, it breaches).

Usage: python3 bench/brokers.py [--write] [BROKER...]   (default: every broker below)
Without --write it prints the table and the failures; with it, it also rewrites the record.

The brokers, each installed here if missing, into BROKERS_DIR (default /tmp/lab-brokers), as a
user would install it, and run by a wrapper that makes it the exercise's `mqtt-broker <port>`:
- mosquitto: Debian's package (.ci/packages.txt), solutions/day7-broker/mosquitto-as-broker.sh,
  in the subset's configuration (max_qos 1, 256 KiB packets): the one .ci/run grades, 100%.
- aedes: `npm install aedes@VERSION`, bench/brokers/aedes-as-broker.js, as it comes.
- amqtt: `pip install amqtt==VERSION` in a venv, bench/brokers/amqtt-as-broker.py, as it comes.
- rumqttd: `cargo install rumqttd --version VERSION --no-default-features` (its TLS and
  websocket features off; it builds in 10 to 45 minutes on 2 cores, as busy as they are), bench/brokers/rumqttd-as-broker.sh with
  bench/brokers/rumqttd.toml: its sample configuration, one listener, 256 KiB packets.
- sol, a small broker in C, only with SOL=<its binary>: no registry packages it, so it is checked
  out (github.com/codepr/sol) and built by hand; bench/brokers/sol-as-broker.sh. Its code is not
  in the lab.
Neither aedes, amqtt nor rumqttd can be told the subset's highest QoS (1) or packet size: a test
that asks for those (qos2) fails them for the subset, not for the standard, and the record says so.

A test the checker could not judge (the machine starved it) is graded again, up to twice.
"""
import json, os, re, shutil, subprocess, sys, time

LAB = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERE = os.path.join(LAB, "bench", "brokers")
RECORD = os.path.join(HERE, "verdicts.toml")
DIR = os.environ.get("BROKERS_DIR", "/tmp/lab-brokers")
CHECKER = os.path.join(LAB, "target", "debug", "checker")

ORDER = []  # day7-broker's tests in the exercise's order, from `checker list`

AEDES = "1.2.0"
AMQTT = "0.12.1"
RUMQTTD = "0.20.0"


def run(cmd, **kw):
    print("+", " ".join(cmd), file=sys.stderr)
    return subprocess.run(cmd, check=True, **kw)


def mosquitto():
    if not shutil.which("mosquitto") and not os.path.exists("/usr/sbin/mosquitto"):
        run(["apt-get", "install", "-y", "mosquitto"])
    out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "mosquitto"],
                         capture_output=True, text=True).stdout.strip()
    wrapper = os.path.join(LAB, "solutions", "day7-broker", "mosquitto-as-broker.sh")
    return {
        "version": out,
        "source": "Debian's package mosquitto (apt-get install mosquitto)",
        "setup": "solutions/day7-broker/mosquitto-as-broker.sh: the subset's configuration "
                 "(max_qos 1, max_packet_size 262144, anonymous, no persistence)",
        "program": wrapper,
        "env": {},
    }


def aedes():
    where = os.path.join(DIR, "aedes")
    if not os.path.exists(os.path.join(where, "node_modules", "aedes")):
        os.makedirs(where, exist_ok=True)
        run(["npm", "init", "-y"], cwd=where, stdout=subprocess.DEVNULL)
        run(["npm", "install", f"aedes@{AEDES}"], cwd=where)
    return {
        "version": AEDES,
        "source": f"npm install aedes@{AEDES} (Node.js {node_version()})",
        "setup": "bench/brokers/aedes-as-broker.js: as it comes (in-memory, anonymous)",
        "program": os.path.join(HERE, "aedes-as-broker.js"),
        "env": {"NODE_PATH": os.path.join(where, "node_modules")},
    }


def node_version():
    return subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()


def amqtt():
    venv = os.path.join(DIR, "amqtt-venv")
    python = os.path.join(venv, "bin", "python")
    if not os.path.exists(python):
        run([sys.executable, "-m", "venv", venv])
    if subprocess.run([python, "-c", "import amqtt"], capture_output=True).returncode != 0:
        run([python, "-m", "pip", "install", "-q", f"amqtt=={AMQTT}"])
    wrapper = os.path.join(DIR, "amqtt-as-broker")
    with open(wrapper, "w") as f:  # the venv's Python, whatever the PATH
        f.write(f'#!/bin/sh\nexec "{python}" "{os.path.join(HERE, "amqtt-as-broker.py")}" "$@"\n')
    os.chmod(wrapper, 0o755)
    return {
        "version": AMQTT,
        "source": f"pip install amqtt=={AMQTT} (CPython {sys.version.split()[0]}, a venv)",
        "setup": "bench/brokers/amqtt-as-broker.py: as it comes (anonymous allowed)",
        "program": wrapper,
        "env": {},
    }


def rumqttd():
    root = os.path.join(DIR, "rumqttd")
    binary = os.path.join(root, "bin", "rumqttd")
    if not os.path.exists(binary):
        run(["cargo", "install", "rumqttd", "--version", RUMQTTD, "--no-default-features",
             "--root", root])
    return {
        "version": RUMQTTD,
        "source": f"cargo install rumqttd --version {RUMQTTD} --no-default-features",
        "setup": "bench/brokers/rumqttd-as-broker.sh with bench/brokers/rumqttd.toml: its "
                 "sample configuration, one MQTT 3.1.1 listener, packets of 256 KiB",
        "program": os.path.join(HERE, "rumqttd-as-broker.sh"),
        "env": {"RUMQTTD": binary},
    }


def sol():
    binary = os.environ.get("SOL")
    if not binary:
        sys.exit("sol: no registry packages it; check out github.com/codepr/sol, build it by hand "
                 "(gcc -O2 -D_DEFAULT_SOURCE src/*.c -lpthread -lssl -lcrypto -lcrypt) and give "
                 "SOL=<the binary> SOL_COMMIT=<the commit>")
    commit = os.environ.get("SOL_COMMIT", "unknown")
    return {
        "version": f"0.18.5 (codepr/sol {commit})",
        "source": "a checkout of github.com/codepr/sol, built by hand: "
                  "gcc -O2 -D_DEFAULT_SOURCE src/*.c -lpthread -lssl -lcrypto -lcrypt",
        "setup": "bench/brokers/sol-as-broker.sh: its defaults, the port given with -p",
        "program": os.path.join(HERE, "sol-as-broker.sh"),
        "env": {"SOL": binary},
    }


def test_order():
    out = subprocess.run([CHECKER, "list", "--format", "json"], capture_output=True, text=True,
                         cwd=LAB).stdout
    day7 = next(e for e in json.loads(out) if e["name"] == "day7-broker")
    return [t["id"] for t in day7["tests"]]


BROKERS = {"mosquitto": mosquitto, "aedes": aedes, "amqtt": amqtt, "rumqttd": rumqttd, "sol": sol}

# The section a failure breaches, as the checker's message gives it: the first parenthesised
# clause that names one (`(3.1.4-2)`, `(2.2.3: ...)`, `(the lab's contract: ...)`), nested
# parentheses kept; where the message names none, the rule the test stands for.
SECTION = re.compile(r"\((?=\d+\.\d+|the lab's)")
RULES = {
    "sigterm-exit": "the lab's contract: SIGTERM closes every connection, then exit 0 within 2 s",
    "sigint-exit": "the lab's contract: SIGINT closes every connection, then exit 0 within 2 s",
}


def breach(test, message):
    message = message or ""
    found = SECTION.search(message)
    if not found:
        return RULES.get(test, "")
    depth, start = 0, found.start()
    for i in range(start, len(message)):
        depth += {"(": 1, ")": -1}.get(message[i], 0)
        if depth == 0:
            return message[start + 1:i]
    return message[start + 1:]


def grade(broker):
    """Each test's report; a test the machine kept from being judged is graded again, alone with
    the others left, up to five times."""
    env = dict(os.environ, NO_COLOR="1", **broker["env"])
    program = f"mqtt-broker={broker['program']}"
    tests, wanted = {}, ["day7-broker"]
    for _ in range(6):
        args = [CHECKER, *wanted, "--program", program, "--format", "json"]
        out = subprocess.run(args, capture_output=True, text=True, env=env, cwd=LAB)
        for t in json.loads(out.stdout)["exercises"][0]["tests"]:
            name = t["name"].split("/", 1)[1]
            if name != "rules":
                tests[name] = t
        wanted = [f"day7-broker/{n}" for n, t in tests.items() if t.get("judged") is False]
        if not wanted:
            break
    return dict(sorted(tests.items(), key=lambda kv: ORDER.index(kv[0]) if kv[0] in ORDER else 99))


def line(t):
    first = (t.get("message") or "").strip().splitlines()
    return first[0] if first else ""


def toml_string(s):
    return json.dumps(s, ensure_ascii=False)


def main():
    args = sys.argv[1:]
    write = "--write" in args
    names = [a for a in args if a != "--write"] or [
        b for b in BROKERS if b != "sol" or os.environ.get("SOL")]
    run(["cargo", "build", "-q", "-p", "checker"], cwd=LAB)
    ORDER.extend(test_order())
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=LAB,
                            capture_output=True, text=True).stdout.strip()
    results = []
    for name in names:
        broker = BROKERS[name]()
        started = time.time()
        tests = grade(broker)
        results.append((name, broker, tests))
        passed = sum(t["status"] == "pass" for t in tests.values())
        print(f"{name} {broker['version']}: {passed}/{len(tests)} "
              f"({time.time() - started:.0f} s)")
        for test, t in tests.items():
            if t["status"] != "pass":
                print(f"  {test}: {t['status']}: {line(t)}")
    if not write:
        return
    unjudged = [f"{name}/{test}" for name, _, tests in results
                for test, t in tests.items() if t.get("judged") is False]
    if unjudged:
        sys.exit(f"not written: the machine kept {', '.join(unjudged)} from being judged; "
                 "measure again on a quieter machine")
    out = [
        "# day7-broker's hidden tests on the MQTT brokers people use, written by bench/brokers.py",
        f"# (`python3 bench/brokers.py --write`) on {commit}, {time.strftime('%Y-%m-%d')}. Each",
        "# broker is graded with --program as a student's broker in another language is; each",
        "# failure gives the section of MQTT 3.1.1 (or the rule of the lab's subset) it breaches and",
        "# the first line of the checker's report. checker/tests/mosquitto.rs keeps the record in",
        "# step with the tests: every test of day 7 for every broker, every failure with its section.",
        "",
    ]
    for name, broker, tests in results:
        passed = sum(t["status"] == "pass" for t in tests.values())
        out += [
            "[[broker]]",
            f"name = {toml_string(name)}",
            f"version = {toml_string(broker['version'])}",
            f"source = {toml_string(broker['source'])}",
            f"setup = {toml_string(broker['setup'])}",
            f"passed = {passed}",
            f"tests = {len(tests)}",
            "[broker.verdicts]",
        ]
        for test, t in tests.items():
            if t["status"] == "pass":
                out.append(f"{test} = \"pass\"")
            else:
                out.append(f"{test} = {{ verdict = {toml_string(t['status'])}, breaches = "
                           f"{toml_string(breach(test, t.get('message')))}, said = {toml_string(line(t))} }}")
        out.append("")
    with open(RECORD, "w") as f:
        f.write("\n".join(out))
    print(f"wrote {os.path.relpath(RECORD, LAB)}")


if __name__ == "__main__":
    main()
