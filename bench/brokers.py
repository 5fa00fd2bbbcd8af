#!/usr/bin/env python3
"""day7-broker's hidden tests on the MQTT brokers people use: grade each with `--program`, as a
student's broker written in another language is graded, and write what they got to
bench/brokers/verdicts.toml, the record `checker/tests/mosquitto.rs` keeps in step with the tests
(every test of day 7 has a verdict for every broker, and every failure names the section of MQTT
3.1.1, or the rule of the lab's subset, it breaches).

Usage: python3 bench/brokers.py [--write] [BROKER...]   (default: every broker below)
       python3 bench/brokers.py --fingerprint   (the fingerprint of the test code now)
Without --write it prints the table and the failures; with it, it also rewrites the record (the
brokers measured; the others' rows kept).

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

Each broker's row carries the fingerprint of the test code it was measured on (`fingerprint`:
FNV-1a over the text of TEST_CODE's Rust files), and checker/tests/mosquitto.rs computes it the
same way: a test made stricter under the same name calls for a new measure, not only a test
renamed. A broker not measured this time keeps its row as it was; if the tests changed since,
the row says why it was not measured again (`stale`, from NOT_MEASURED_AGAIN).
"""
import json, os, re, shutil, subprocess, sys, time, tomllib

LAB = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERE = os.path.join(LAB, "bench", "brokers")
RECORD = os.path.join(HERE, "verdicts.toml")
DIR = os.environ.get("BROKERS_DIR", "/tmp/lab-brokers")
CHECKER = os.path.join(LAB, "target", "debug", "checker")

ORDER = []  # day7-broker's tests in the exercise's order, from `checker list`

# The test code the record's verdicts depend on: day 7's broker tests (not its codec's, which
# call a library no broker has), the MQTT client they speak through, the shutdown steps of
# sigterm-exit and sigint-exit. checker/tests/mosquitto.rs lists the same folders.
TEST_CODE = ["checker/exercises/day7-broker", "checker/src/observe/wire/mqtt",
             "checker/src/exercises/families/graceful_exit"]
NOT_TEST_CODE = {"proofs", "korean", "c-shim", "codec", "harness-calls.rs"}
# Why a broker's row may stand measured on older tests: it cannot be installed here in the time
# a measure takes.
NOT_MEASURED_AGAIN = {
    "sol": "no registry packages sol: it is checked out (github.com/codepr/sol) and built by "
           "hand, so its row is not measured again with the others; measure it with "
           "SOL=<binary> SOL_COMMIT=<commit> python3 bench/brokers.py --write sol",
    "rumqttd": "rumqttd builds from source (cargo install, 10 to 45 minutes on 2 cores) and was "
               "not built when the others were measured again; measure it with "
               "python3 bench/brokers.py --write rumqttd",
}


def fingerprint():
    """FNV-1a (64 bits) over every Rust file of TEST_CODE, in the order of their paths from
    the lab's root: each path, a NUL, its text, a NUL (checker/tests/mosquitto.rs computes the
    same)."""
    files = []
    for top in TEST_CODE:
        for folder, dirs, names in os.walk(os.path.join(LAB, top)):
            dirs[:] = [d for d in dirs if d not in NOT_TEST_CODE]
            files += [os.path.relpath(os.path.join(folder, n), LAB) for n in names
                      if n.endswith(".rs") and n not in NOT_TEST_CODE]
    h = 0xcbf29ce484222325
    for f in sorted(files):
        for b in f.encode() + b"\0" + open(os.path.join(LAB, f), "rb").read() + b"\0":
            h = ((h ^ b) * 0x100000001b3) & 0xffffffffffffffff
    return "%016x" % h

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


def row(name, broker, tests, now):
    """A broker's row, measured now."""
    passed = sum(t["status"] == "pass" for t in tests.values())
    lines = [
        "[[broker]]",
        f"name = {toml_string(name)}",
        f"version = {toml_string(broker['version'])}",
        f"source = {toml_string(broker['source'])}",
        f"setup = {toml_string(broker['setup'])}",
        f"fingerprint = {toml_string(now)}",
        f"passed = {passed}",
        f"tests = {len(tests)}",
        "[broker.verdicts]",
    ]
    for test, t in tests.items():
        if t["status"] == "pass":
            lines.append(f"{test} = \"pass\"")
        else:
            lines.append(f"{test} = {{ verdict = {toml_string(t['status'])}, breaches = "
                         f"{toml_string(breach(test, t.get('message')))}, said = {toml_string(line(t))} }}")
    return name, lines + [""]


def kept_row(b, now):
    """A broker not measured this time, its row as it was; `stale` says why, if the test code
    changed since it was measured."""
    lines = ["[[broker]]"]
    for key in ("name", "version", "source", "setup", "fingerprint"):
        lines.append(f"{key} = {toml_string(b.get(key, 'none'))}")
    if b.get("fingerprint") != now:
        lines.append(f"stale = {toml_string(NOT_MEASURED_AGAIN.get(b['name'], 'not measured again'))}")
    lines += [f"passed = {b['passed']}", f"tests = {b['tests']}", "[broker.verdicts]"]
    for test, v in b["verdicts"].items():
        if v == "pass":
            lines.append(f"{test} = \"pass\"")
        else:
            lines.append(f"{test} = {{ verdict = {toml_string(v['verdict'])}, breaches = "
                         f"{toml_string(v['breaches'])}, said = {toml_string(v['said'])} }}")
    return b["name"], lines + [""]


def main():
    args = sys.argv[1:]
    if args == ["--fingerprint"]:
        print(fingerprint())
        return
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
        "# step with the tests: every test of day 7 for every broker, every failure with its section,",
        "# each row measured on the test code as it is (`fingerprint`), or saying why not (`stale`).",
        "",
    ]
    now = fingerprint()
    measured = {name: (broker, tests) for name, broker, tests in results}
    kept = []
    if os.path.exists(RECORD):
        kept = [b for b in tomllib.load(open(RECORD, "rb")).get("broker", [])
                if b["name"] not in measured]
    rows = [row(name, broker, tests, now) for name, (broker, tests) in measured.items()]
    rows += [kept_row(b, now) for b in kept]
    order = list(BROKERS)
    rows.sort(key=lambda r: order.index(r[0]) if r[0] in order else len(order))
    for _, lines in rows:
        out += lines
    with open(RECORD, "w") as f:
        f.write("\n".join(out))
    print(f"wrote {os.path.relpath(RECORD, LAB)}")


if __name__ == "__main__":
    main()
