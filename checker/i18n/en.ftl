# The checker's messages in English: the source of truth for every message but the tests'
# titles and hints (those stay in the exercise tables, checker/src/exercises/).
#
# Each message has a stable id; code names it with msg!("id", name = value). Keep the text
# byte for byte what the golden reports expect (checker/tests/golden/). Fluent trims blanks
# at the ends of a value: write {" "} where one must stay. Add a key here first, then to
# ko.ftl; `cargo run -p checker -- verify` lists what ko.ftl lacks.

## Words shared by the reports

status-pass = pass
status-fail = fail
status-error = error
status-not-started = not started
status-does-not-compile = does not compile
status-not-applicable = not applicable
status-unjudged = could not be judged

exercise-passing = passing
exercise-failing = failing
exercise-not-started = not started
exercise-does-not-compile = does not compile

count-byte = { $n ->
    [one] { $n } byte
   *[other] { $n } bytes
}
count-line = { $n ->
    [one] { $n } line
   *[other] { $n } lines
}
count-place = { $n ->
    [one] { $n } place
   *[other] { $n } places
}
count-process = { $n ->
    [one] { $n } process
   *[other] { $n } processes
}

## The human report (report/human.rs)

summary-title = Socket-programming lab: results
summary-columns = day | exercise | status | tests | points
summary-score = Score: { $earned }/{ $possible } points.
summary-failing = Failing tests
summary-tests-not-started = { $passed }/{ $tests } ({ $n } not started)
report-exercise-counts = ({ $passed }/{ $tests } tests, { $earned }/{ $possible } points)
report-exercise-counts-not-started = ({ $passed }/{ $tests } tests, { $not_started } not started, { $earned }/{ $possible } points)
report-does-not-compile = does not compile
report-not-graded = not graded
report-fix-compile-errors = fix the errors above (the compiler's own messages), then run the checker again; the other exercises are graded as usual
report-not-started-open = not started: open { $dir }{ $exercise }/{ $file } and read { $course }#{ $section }
report-test-title = test: { $title }
report-output = output:
report-note = note:
report-hint = hint:
report-read = read: { $course }#{ $section }
report-try-by-hand = try it by hand: { $command }
report-rerun = re-run: { $command }
report-same-cause = the same cause fails { $n ->
    [one] { $n } more test:
   *[other] { $n } more tests:
}
report-transcript-took = transcript ({ $seconds } s):
report-score = score: { $earned }/{ $possible } points
report-score-day = day { $day }: { $earned }/{ $possible }
report-failing = failing: { $tests }
report-totals = { $passed } passed, { $failed } failed
report-totals-not-started = , { $n } not started
report-totals-not-applicable = , { $n } not applicable
report-totals-unjudged = , { $n } could not be judged (the machine was too busy: grade again)
report-grading = grading
progress-building = building { $exercise } (first time: ~1 min)

## Hints by kind of error (report/hints.rs)

hint-not-started = This code still runs `todo!()`. Replace the `todo!()` with your implementation; the doc comment above it quotes the C call and names its nix equivalent.
hint-not-started-c = This code still stops at a `TODO(...)`. Replace it with your code; the `// TODO` comment above it quotes the call from the course notes.
hint-panic = Your code panicked. The message and the line are shown above; a panic is never a pass, even where the contract expects an error (print one line on stderr and exit with status 1 instead).
hint-panic-c = The message above comes from the lab's Rust glue that calls your function (a shim: the file it names), not from your C code: the glue refused what the function returned or wrote, which breaks the contract of its header (the message says how: a value other than 0 or -1, a string without its NUL). Do what the header's comment promises, on every path.
hint-crash = The process died from a signal. SIGSEGV usually means a stack overflow (endless recursion); SIGABRT a panic inside a panic or an explicit abort; SIGPIPE a write to a socket whose peer had closed (see course.md on SIGPIPE and MSG_NOSIGNAL).
hint-crash-c = The process died from a signal. SIGSEGV means a bad memory access: a NULL, freed or uninitialised pointer, an index past the end of an array, or a stack overflow (endless recursion); SIGABRT an abort: a failed assert(), or the C library stopping on a corrupted heap (a double free, a write past malloc'd memory) or on a buffer overflow that _FORTIFY_SOURCE or the stack protector caught, or the undefined-behaviour sanitizer, whose `runtime error:` line above names the file and line; SIGPIPE a write to a socket whose peer had closed (see course.md on SIGPIPE and MSG_NOSIGNAL).
hint-timeout = Nothing happened within the time limit. Look for a loop that never ends, a read that waits for data that will never come (did you wait for EOF before answering?), or a blocking call on the wrong socket.
hint-stuck = Nothing ran out: the program sleeps in a blocking call that nothing will end (see where it waits). Ask what that call waits for and who would send it: bytes or an EOF the other side never sends (a copy of a descriptor left open somewhere keeps an EOF from coming), a connection nobody makes, a child that never ends, a lock nobody releases.
hint-client-no-timeout = Nothing ran out: the client sleeps in a receive on a socket with no timeout (see where it waits), for bytes that will never come. A datagram can be lost and a server can fall silent: where the contract limits the wait, set SO_RCVTIMEO (or wait in poll with a timeout) and act when it expires. Where it waits for the server's EOF, the server may be waiting for yours: close (or shutdown(SHUT_WR)) once you have nothing more to send.
hint-idle = Nothing ran out: the reply was due, and the program only slept, woken by timers of its own (a sleep, a wait with a timeout), sending nothing while nothing moved (see where it waits). Ask where the bytes it took went: a read that waits for more than one line (a fixed-size read_exact), a queue that another thread looks at on a timer, a line held back until a timer fires. A reply goes out as soon as the bytes that call for it come in.
hint-idle-c = Nothing ran out: the reply was due, and the program only slept, woken by timers of its own (a sleep, a wait with a timeout), sending nothing while nothing moved (see where it waits). Ask where the bytes it took went: a read that waits for more than one line (a loop of read() until a fixed number of bytes has come), a queue that another thread looks at on a timer, a line held back until a timer fires. A reply goes out as soon as the bytes that call for it come in.
hint-holds-unread = The server never read what it accepted: it went back to accept() and left the connection it had accepted unread (see where it waits: the client's bytes wait in that socket), while the client waits for their echo. accept() returns a new socket for each client: read from it and send back what came until read() returns 0, then close it, before you accept the next (or hand it to whatever serves it).
hint-closed-unread = The server never read what it accepted: it closed the connection without sending a byte back, with the client's bytes unread. A socket closed with bytes unread in it (or before they come) makes its kernel answer with RST: the client's read fails with ECONNRESET, or sees EOF. accept() returns a new socket for each client: read from it and send back what came until read() returns 0, and only then close it (dropping its OwnedFd closes it).
hint-closed-unread-c = The server never read what it accepted: it closed the connection without sending a byte back, with the client's bytes unread. A socket closed with bytes unread in it (or before they come) makes its kernel answer with RST: the client's read fails with ECONNRESET, or sees EOF. accept() returns a new socket for each client: read from it and send back what came until read() returns 0, and only then close(fd) it.
hint-spins-at-eof = Nothing is slow: the program runs without end beside a connection whose other side has closed (see where it spins: that socket is in CLOSE_WAIT, nothing left in it to read). read() returning 0 is EOF: the other side has closed, and nothing more will come however often you read; it never means "no data yet" (a blocking read() waits for data instead). When read() returns 0, stop reading that connection and close it (a client ends), and stop polling it: poll reports a socket at EOF readable forever.
hint-spins-without-accepting = Nothing is slow: the program runs without end, calling the kernel again and again, and takes none of the connections waiting on its listening socket (see where it spins). Look for an accept() that fails at once, every time, and is tried again: one on the wrong descriptor (the port number, a socket already closed), or a loop that takes every error of accept() for EINTR. Only EINTR and ECONNABORTED are worth another try: report any other error and exit with status 1. A server with nobody to serve waits asleep in accept() (or poll, epoll), and takes each client as it comes.
hint-spins = Nothing is slow: the program ran on the CPU far longer than its work takes, and did not end. It retries for ever something that will not change: an error taken for EINTR (EPIPE, ENOSPC, EBADF come back at once, every time), or a read of 0 taken for "no data yet". Only EINTR (and EAGAIN where you wait for readiness) is worth another try: return every other error (or report it and exit with status 1), and take 0 from read() as the end.
hint-refused = Connection refused (ECONNREFUSED): nothing listens on that address and port. A server must bind(), listen() and print its `listening on` line only once it listens; a client must report the error on stderr and exit with status 1.
hint-reset = Connection reset (ECONNRESET): the other side sent RST. That happens when a socket is closed with unread data in its receive buffer, or when a process dies with the connection open (a panic, a crash).
hint-early-eof = The connection ended (read() returned 0, EOF) before all the data arrived. Was the socket closed too early, or was a short write() taken for a complete one? write() may send fewer bytes than asked: loop until everything is sent.
hint-address-in-use = Address already in use (EADDRINUSE). After a server closes, its side of a finished connection waits in TIME_WAIT for 2*MSL; bind() refuses the port meanwhile unless SO_REUSEADDR is set on the listening socket *before* bind().
hint-no-listening-line = A server must print exactly `listening on <ip>:<port>` (the real port, from getsockname()) once it listens, and flush stdout; the checker waits for that line before connecting.
hint-bad-output = Output is part of the contract: it must match byte for byte, spaces and newlines included, and nothing else may be printed on that stream.
hint-bad-exit = Exit statuses are part of the contract: 0 on success, 1 with one line on stderr for an expected error, never a panic (101) or a signal.
hint-bad-exit-c = Exit statuses are part of the contract: 0 on success, 1 with one line on stderr for an expected error, never another status or a signal.
hint-missing-call = The exercise's lesson is a call your program does not make yet (the rule names it): make it where the course section shows it; another way of doing the same job is not this exercise.
hint-rule = The exercise forbids a shortcut that would skip its lesson (see clippy.toml and the [lints] table in the exercise's Cargo.toml). Write that part yourself.
hint-rule-c = The exercise forbids a shortcut that would skip its lesson: a C library function the rule names (read from what your compiled code calls). Write that part yourself.

## Grading (grade/)

rules-wait-for-work = nothing to check yet: the rules are checked once your code gets past its TODOs

## Transcripts of the wire (observe/wire/)

transcript-earlier-lines = … ({ $n } earlier lines)
transcript-sent = sent { $size }: { $data }
transcript-received = received { $size }: { $data }
transcript-sent-datagram = sent a datagram of { $size } to port { $port }: { $data }
transcript-received-datagram = received a datagram of { $size } from port { $port }: { $data }
build-tampered = { $files }: the exercise's manifest and rules must stay as the lab ships them
build-tampered-restore = restore them from the lab (e.g. `git checkout <lab revision> -- <file>`); grading uses the lab's own rules
build-no-c-package = there is no C exercise at { $dir } (a folder with its .c files and a Makefile)
build-c-does-not-compile = `{ $exercise }` does not compile (the compiler's errors are below, with the files and lines they point at)
build-c-does-not-link = `{ $exercise }` compiles, but does not link: it calls a function nobody defines (the linker's words are below: the function, and the file that calls it)
build-no-package = there is no package at { $dir } (expected { $manifest })
build-cargo-cannot-read = cargo cannot read the package (its Cargo.toml or its workspace)
build-does-not-compile = `{ $exercise }` does not compile
build-signature-differs = `{ $exercise }` compiles, but the checker cannot call its functions: a public signature differs from the stub's (compare with the doc comments)
build-cargo-build-failed = `cargo build` failed for { $exercise }
build-no-binary = the package has no binary named `{ $bin }`: it must stay at src/bin/{ $bin }.rs

## The overview: `checker` alone (commands/overview.rs)

overview-heading = Socket-programming lab: where you stand ({ $dir })
overview-day = Day { $day }  { $bar }  { $done }/{ $exercises } exercises passing, { $points }/{ $max } points
overview-counts = { $passed }/{ $tests } tests  { $points }/{ $max } points
overview-next = Next: read { $course }#{ $section }, "{ $heading }", and run `cargo run -p checker { $exercise }`
overview-all-pass = Every exercise passes. Well done!
overview-part = part { $part }: { $title } ({ $passed }/{ $tests } tests, { $points }/{ $max } points)

## The checker's own messages (commands/, main.rs)

cli-unknown-argument = unknown argument: { $arg }
cli-invalid-value = { $arg } cannot take the value '{ $value }'
cli-invalid-subcommand = unknown command or target: { $name }
cli-missing-argument = missing: { $arg }
cli-not-understood = the command line was not understood
cli-see-help = `cargo run -p checker -- --help` lists every command and option.
options-cap-kernel = the kernel's (a pids cgroup per program)
options-cap-checker = the checker's (it counts each program's processes)
options-sandbox = sandbox: { $sandbox }; process cap: { $max } at once, enforced by { $cap }
sandbox-plain-asked = plain mode, as asked (--sandbox plain)
sandbox-namespaces = a fresh network, PID and mount namespace per test, read-only but for the test's directory
sandbox-namespaces-user = a fresh network, PID and mount namespace per test, read-only but for the test's directory (as root of a user namespace of its own: the checker is not root)
sandbox-plain-unavailable = plain mode (namespaces unavailable: { $error })
options-jobs-one = jobs: 1 (a --program may listen on a fixed port, and plain mode shares the machine's ports; -j N overrides)
options-track-differs = { $dir } is on the { $found } track (C when it holds common/lab.mk), not on the { $asked } track that --track asks for
options-no-root = --root { $dir }: no such directory
checker-error = checker: { $error }
select-no-test = `{ $exercise }` has no test `{ $test }`; `checker list` shows the test ids of every exercise
select-not-on-c-track = { $exercise } is not on the C track (`checker list --track c` lists those that are); without `--track c` it is graded in Rust
select-nothing-belongs = no exercise belongs to `{ $target }` yet; `checker list` shows them
select-did-you-mean = unknown exercise or target `{ $target }`: did you mean `{ $guess }`? (`checker list` shows every exercise)
select-unknown = unknown exercise or target `{ $target }`; try `all`, a day such as `day1`, or one of: { $names }
grade-no-step-summary = could not write the step summary: { $error }
grade-writing = writing { $file }
watch-watching = watching { $dir } for changes (Ctrl-C to stop)…
watch-unavailable = file watching is unavailable here ({ $error }): press Enter to grade again, Ctrl-C to stop
list-exercise = { $exercise } (day { $day }) — { $title }  [{ $course }#{ $section }]
list-points = { $points } pt
list-part = part { $part }: { $title }  [{ $course }#{ $section }]
hint-unknown-exercise = unknown exercise `{ $exercise }`; `checker list` shows them
hint-read-first = Read { $course }#{ $section }, "{ $heading }", first.

## How a program ended, and what the checker had to do to it (contain/)

exit-panic = exited with status 101 (a Rust panic's status)
exit-status = exited with status { $code }
exit-sigsegv = was killed by SIGSEGV (segmentation fault: a stack overflow?)
exit-sigabrt = was killed by SIGABRT (abort)
exit-sigpipe = was killed by SIGPIPE (it wrote to a socket or pipe whose reader had gone)
exit-sigkill = was killed by SIGKILL (killed, perhaps for using too much memory or time)
exit-signal = was killed by { $signal }
exit-other = ended with { $status }
intervention-ended = { $label } had ended on its own: it { $how }
intervention-server-ended = { $label } had ended on its own: it { $how } while the test still needed it: a server runs until it is stopped
intervention-last-words = {" "}(its last words on stderr: "{ $line }")
intervention-found-stopped = { $label } was stopped (SIGSTOP): the checker continued and ended it
intervention-ignored-sigterm = { $label } did not end on SIGTERM within { $ms } ms: the checker killed it with SIGKILL
intervention-left-running = { $label } left { $count } running after it ended (orphans, setsid?): the checker killed them
intervention-fork-bomb = the checker killed a program that ran more than { $max } processes at once (a fork bomb?)
intervention-refused-forks = { $label } tried to run more than { $max } processes at once (a fork bomb?): the kernel refused { $refused } of its forks
intervention-flooded = { $label } wrote { $bytes } bytes of output (the checker keeps the first 4 MiB of each stream)
intervention-sandbox-leftovers = { $n ->
    [one] 1 process was
   *[other] { $n } processes were
} still running in the test's sandbox after its programs were stopped (daemons?): they ended with it
program-killed-fork-bomb = { $label } was killed by the checker { $situation }: it ran more than { $max } processes at once (a fork bomb?)
program-fork-bomb-note = every fork() must be matched by an exit() in the child; a child that loops back and forks again multiplies
program-still-running = { $label } is still running
program-reached-c-todo = not started: { $label } reached a TODO(...) at { $at }
program-reached-todo = not started: { $label } reached a todo!() at { $at }
program-panicked = { $label } panicked { $situation }: '{ $message }' at { $at }
program-ended = { $label } { $how } { $situation }
worker-no-directory = the checker could not make a directory for the test: { $error }
worker-no-sandbox = no sandbox for this test ({ $error }): plain mode
worker-test-failed = the checker's test itself failed: { $what }
worker-server-ended = { $label } { $how } while the test was still talking to it: a server runs until it is stopped, and a client's error costs only that client's connection
worker-the-checker-saw = the checker saw
collector-abandoned = the test did not finish within its time limit ({ $seconds } s) and was abandoned
checker-could-not-run = the checker could not run this test: { $error }

## Differences byte for byte, and the labels of evidence (base/escape.rs, observe/wire/)

escape-quoted = { $data } ({ $n ->
    [one] { $n } byte
   *[other] { $n } bytes
})
escape-quoted-cut = { $data }… ({ $n ->
    [one] { $n } byte
   *[other] { $n } bytes
} in all, first { $max } shown)
diff-nothing-here = (nothing: it ends here)
diff-end-of-data = end of data
diff-lengths = lengths
diff-lengths-text = expected { $expected }, got { $got }
diff-first-difference = first difference
diff-first-difference-text = at offset { $at }: expected { $expected }, got { $got }
label-expected = expected
label-got = got
label-received = received
label-sent = sent
label-transcript = transcript
label-probe = probe (its bytes in the server's socket before it accepted it)
label-stdout = stdout
label-output = output
label-then = then
conn-lengths-when-differed = expected { $expected }; { $got } had arrived when the difference showed
wire-io-failure = { $who }: { $doing }: { $what }
wire-refused = connection refused
wire-reset = the connection was reset ({ $error })
wire-timed-out = timed out
wire-lossy-text = the bytes EF BF BD are U+FFFD, the replacement character: the data went through a String
wire-read-failed = read failed: { $error }
conn-no-time-to-connect = { $who }: no time left to connect
conn-connected = connected to { $addr } from port { $port }
conn-connect-failed = connect to { $addr } failed: { $error }
conn-connect-to = connect to { $addr }
conn-sending-stopped = sending stopped: { $accepted } of { $total } bytes were accepted
conn-could-not-send = { $who }: could not send { $left } more bytes in time: the program stopped reading
conn-timed-out-waiting = timed out waiting for data
conn-nothing-came-back = { $who }: nothing came back in time
conn-eof = EOF (the other side closed)
conn-ended-early = { $who }: the connection ended before all the data came back
conn-bytes-differ = { $who }: the bytes that came back differ from the bytes sent
conn-more-bytes = { $who }: expected EOF, but more bytes came: { $bytes }
conn-no-eof = { $who }: no EOF: the connection stayed open { $why }
conn-shut-down = shut down its sending side (FIN: the program's read returns 0)
conn-closed-rst = closed with SO_LINGER 0 (RST: a reset)
server-before-connected = before { $who } connected
server-listens-elsewhere = { $label } is alive but listens on port { $actual }, not on { $port }: did bind() fail without the error being checked? listen() on an unbound socket picks a port of its own
server-listens-nowhere = { $label } is alive but listens on no port any more: was the listening socket closed?
server-by-hand = in one terminal `{ $server }`, in another `{ $client }`
sockets-in-state = a socket in { $state } with port { $port }
sockets-descriptor-open = a socket whose connection is over but whose descriptor is still open
eof-after-client-eof = after the client's EOF
eof-after-client-eof-close = after the client's EOF (close the connection once read() returns 0)
label-line = line
label-held = held

## Every echo server's tests (exercises/echo_server.rs)

echo-no-listening-line = { $label } printed no `listening on` line (a program given with --program may print none): its listening socket in /proc is on the wildcard address, and the line itself is not checked
echo-line-not-wildcard = the line says { $ip }: the contract is to bind the wildcard address, 0.0.0.0
echo-listens-not-wildcard = the server listens on { $ip }:{ $port }, not on the wildcard address 0.0.0.0
echo-line-count = the `listening on` line appears { $count } times; print it once
echo-other-port = started with port { $wanted }, the server listens on { $port }
echo-served-then-stopped = { $n ->
    [one] client 1 was served
   *[other] clients 1 to { $n } were served
}; a server goes back to accept() after each client and runs until it is stopped
echo-after-serving = after serving client { $i }
echo-stopped-after-reset = the server stopped serving after a client reset its connection
echo-sigpipe-after-reset = after the reset, bytes the client had sent before it were still to be read and echoed: the server's first write failed (ECONNRESET), it wrote again, and that write (EPIPE) raised SIGPIPE, which kills a process by default. Stop writing to a connection once a write fails, and send with MSG_NOSIGNAL (or set SIGPIPE to SIG_IGN) so that an EPIPE is an error to handle, not the end of the server
echo-after-reset = after a client reset its connection
echo-stays-silent = stays silent for 1 s
echo-still-holds = 3 clients have left, but the server still holds { $n ->
    [one] { $n } socket
   *[other] { $n } sockets
} for them
echo-close-wait = CLOSE_WAIT: the client closed its side and the server never closed its socket
echo-descriptors-open = the descriptors of finished connections stay open: close (drop) the socket after the client's EOF
echo-descriptors-open-c = the descriptors of finished connections stay open: close(fd) the connected socket after the client's EOF
echo-stopped-server = stopped the server while the connection was open
echo-could-not-restart = the server could not start again on port { $port } right after its previous run
echo-16mib-late = 16 MiB did not come back in 15 s
echo-too-slow = { $yours } MB/s, less than a quarter of the reference echo server's { $reference } MB/s on this machine
echo-time-wait-log = a TIME_WAIT entry holds port { $port }: { $held }
echo-throughput-log = round { $round }: reference { $reference } MB/s, yours { $yours } MB/s

## The kit's steps (exercises/kit/)

errors-still-running = { $label } was still running { $situation }
run-stuck = { $what }, and would never have ended: { $label } is stuck, asleep in a blocking call that nothing will end (see where it waits)
run-spins = { $what }, and would never have ended: { $label } spins, running without end beside a connection whose other side has closed (see where it spins)
run-spins-without-accepting = { $what }, and would never have ended: { $label } spins, running without end while connections wait to be accepted on its listening socket (see where it spins)
errors-the-contract = the contract: one line on stderr and exit status 1
errors-lines-instead-of-one = { $label } exited with 1 { $situation }, but wrote { $lines } on stderr instead of one
errors-not-the-line = `{ $shown }` exited with 1, but its stderr is not the one error line
errors-takes-no-arguments = { $label } kept running when started with no arguments (a program given with --program may take no port and listen on its own): the lab's usage and taken-port errors are not checked
errors-started-bare = started `{ $command }` with no arguments
errors-when-no-arguments = when started with no arguments
errors-port-taken = a socket of the checker listens on port { $port }; the server is started on it
errors-when-port-taken = when its port ({ $port }) was taken
server-before-it-listened = before it listened
server-before-listening-line = before it printed `listening on <ip>:<port>`
server-closed-stdout = { $label } closed its stdout without printing `listening on <ip>:<port>`
server-not-a-listening-line = { $label } printed { $line }, which is not `listening on <ip>:<port>`
server-says-other-port = { $label } was started with port { $port } but says it listens on port { $actual }
server-print-real-port = print the port getsockname() returns, not the argument: with 0 the kernel picks one
server-bind-unchecked = it does listen on port { $actual }: its bind() to port { $port } failed (EADDRINUSE, while an old connection of that port waits in TIME_WAIT?) and nothing checked the result, so listen() bound a port of its own. Check what bind() returns, and on an error say so on stderr and exit 1
server-graded-on-its-port = { $label } listens on port { $actual }, not on the port it was given ({ $port }): graded on { $actual }
server-never-listened = { $label } did not listen on any port within 5 s (no socket in LISTEN, no bound UDP socket, in /proc)
server-no-line-in-5s = { $label } printed no `listening on <ip>:<port>` line within 5 s
server-wrote-much = { $label } wrote { $out } bytes to stdout and { $err } to stderr (the checker keeps the first 4 MiB of each)
server-it-listens-on = it listens on
server-ports = port { $ports }
server-flushed = is stdout flushed after the line? is the line printed only after listen()?
server-port-taken = its port was taken: in plain mode the tests share this machine's ports, so a program that listens on a fixed port (ignoring the one it is given) meets itself in another test or any other program using that port; grade it with -j 1, or as root with --sandbox namespaces (a network of its own per test)
server-no-program = a server test whose table row names no program
library-unreadable-answer = could not read the harness's answer to { $call }: { $reply }
library-wrong-answer = { $call }: expected { $expected }, got { $got }
library-wrong-answers = wrong answers
library-wrong-of = { $wrong } of { $total } inputs
library-log-ok = { $call } = { $value } [ok]
library-log-wrong = { $call } = { $value } [WRONG]
library-calls-log = { $calls } calls, { $wrong } wrong
library-undefined-behaviour-c = the undefined-behaviour sanitizer stopped the harness in this call (SIGILL): the checker builds your functions with -fsanitize=undefined, which stops at the first operation whose result C leaves undefined: an int shifted past its bits (a byte is promoted to int before it is shifted), a signed overflow, a shift by the width of the type or more
rules-broken-c = { $exercise } breaks its rules: its compiled code calls what the exercise forbids, or not what it asks for ({ $n } { $n ->
    [one] rule
   *[other] rules
 })
rules-broken = { $exercise } breaks its rules ({ $places } flagged by clippy)
clients-thread-failed = a client thread failed
clients-flood-short = a flooding client could send only { $at } of { $total } bytes in time
clients-flood-failed = the flooding thread failed
echo-sending-thread-failed = the sending thread failed
stalled-stops = stopped and continued the server { $n } times
stalled-short-send = bytes went missing after the server was stopped and continued: send() returned a short count and the rest was never sent
stalled-sent-nothing = nothing came back, not even the first bytes, and the server never blocked in a send: it sent nothing while the client was not reading, so no bytes went missing after a send: see where it was, and what it was waiting for
stalled-non-blocking = bytes went missing while the client was not reading: a non-blocking send may take only part of the data (or fail with EAGAIN); keep the rest in that client's buffer and send it when poll reports POLLOUT
hidden-accepted = accepted a connection
hidden-eof = EOF from the client
hidden-closed-early = closed the connection early, on purpose
hidden-write-failed = write failed: the client went away
stall-not-blocked = the server stalled with { $queued } bytes waiting for the client, and is not blocked in a send: nothing to interrupt
stall-stopped = server stopped (SIGSTOP) while its send was blocked
stall-continued = server continued (SIGCONT)
stall-restarted = its send had taken no byte yet, so the kernel started it again (no short count): the checker reads some of what waits for it, so that the server moves on, and tries again

## day2-echo's client (exercises/day2_echo/)

client-no-exit-after-stdin = echo-client did not exit after stdin ended
client-while-echoing = while echoing
client-sent-differs = the bytes echo-client sent to the server differ from the lines it was given
client-closed-before-echo = echo-client closed the connection while the echo of its lines was still coming back (the server, sending it a byte at a time, found the connection gone): it took what one recv() returned for the whole line. Keep reading until as many bytes as the line had have come back, then print it
client-cut-at-nul = the line with a NUL byte in it was cut at the NUL: the bytes after it never went out. A line is bytes, NUL included: keep its length as read, never measure it by its first NUL
client-cut-at-nul-c = the line with a NUL byte in it was cut at the NUL: the bytes after it never went out. strlen() stops at the first NUL, and fgets() cannot say how many bytes it read: read each line with getline(), which returns its length (every byte, NUL included), and send that many
client-no-newlines = it sent the lines without their newlines: send each line exactly as read, newline included (the server echoes bytes, not lines)
client-stdout-differs = echo-client's stdout differs from the lines it was given
client-by-hand-socat = `socat TCP-LISTEN:7000,reuseaddr,fork EXEC:cat` in one terminal, then `printf { $input } | { $client } 127.0.0.1 7000`
client-when-closed-early = when the server closed the connection early
client-nothing-listens = nothing listens on port { $port }
client-when-refused = when the connection was refused
client-gave-up-log = echo-client gave up after { $seconds } s
client-when-no-answer = when the server never answered (4 s)
client-gave-up-early = echo-client gave up after { $seconds } s; the contract gives a slow server 2 s to answer
client-wait-2s = wait the whole 2 s the contract gives a slow server (SO_RCVTIMEO of TimeVal::seconds(2)) before giving up
client-wait-2s-c = wait the whole 2 s the contract gives a slow server (SO_RCVTIMEO of a `struct timeval` with tv_sec = 2) before giving up

## Every one-thread server's tests (exercises/multiplexing.rs)

multi-clients-failed = clients that failed
multi-of-100 = { $failed } of 100
multi-never-served = { $n } of 200 clients that connected in a burst were never served
multi-first-unserved = first unserved
multi-accept-all = connections that arrive together wait in the listen queue until accepted: accept all of them (until EAGAIN) each time the listening socket is readable, and keep no fixed limit on clients
multi-fixed-table = the server sleeps holding { $n } clients while the next connection waits in its listen queue, not accepted: a fixed table of clients, full? Keep no fixed limit (a Vec that grows), and accept whenever the listening socket is readable
multi-fixed-table-c = the server sleeps holding { $n } clients while the next connection waits in its listen queue, not accepted: a fixed table of clients, full? Keep no fixed limit (an array that grows with realloc), and accept whenever the listening socket is readable
multi-stalled-sent = the stalled client has sent { $size } and read nothing
multi-stopped-everybody = the server stopped serving everybody while one client did not read: a send to that client must never wait; keep what does not fit in that client's buffer and send it when its socket is writable
multi-slowest-echo = the slowest echo took { $ms } ms
multi-waited = a client waited { $seconds } s for its echo while another client did not read
multi-lost-bytes = the client that did not read lost bytes: keep its output in its buffer until its socket is writable again
multi-memory-log = the client sent { $sent } MiB; the server's memory grew by { $grew } MiB
multi-memory-grew = the server's memory grew by { $grew } MiB for a client that sent { $sent } MiB and read nothing
multi-back-pressure = back-pressure: while over 1 MiB waits for a client, stop reading from it (do not ask for POLLIN); its data then waits in the kernel, and its send blocks
multi-cpu-log = CPU time in the 0.3 s after the reset: { $ms } ms
multi-pollerr = POLLERR and POLLHUP (EPOLLERR, EPOLLHUP) come whether asked for or not: on either, close that client
multi-runnable-log = time the server was runnable in the 0.3 s its 20 clients were quiet: { $ms } ms
multi-spins-idle = with 20 clients connected and quiet, the server was runnable { $ms } ms of 0.3 s: it spins instead of waiting
multi-pollout-on-demand = ask for POLLOUT (EPOLLOUT) only while a client has output waiting: a socket with room to write is always writable, so poll returns at once, again and again
multi-spins = after a client reset its connection, the server used { $ms } ms of CPU in 0.3 s: it spins
multi-still-holds-reset = a client reset its connection, and a second later the server still holds its socket
multi-reset-not-taken = the client reset its connection, and the server's kernel never took the reset (its socket stayed ESTABLISHED): the checker could not judge this test; run it again
multi-reset-taken-late = the server's kernel took the client's reset only { $ms } ms after it was sent (a reset can wait in a queue, or be ignored until the server's kernel next sends to that port): the second counts from then
multi-stopped = stopped the server (SIGSTOP)
multi-continued-together = continued the server: the data and the EOF wait in its socket together
echo-continued-after-reset = continued the server: the reset has reached its socket, the next read or send on it fails
multi-read-zero = a read of 0 ends the client's input, not its output: send what is buffered for it, then close
multi-output-waits = sent { $sent } without reading: { $waiting } of the echo now wait in the server's own buffer (neither in its socket nor in ours); next, the EOF
multi-slow-reader = output waiting for a slow reader was never sent: send until EAGAIN, and send the rest when the socket is writable again
multi-closed-after = the server closed the connection after { $got } of { $total } bytes
multi-send-then-close = after a client's EOF, send everything still buffered for it, then close
multi-bytes-differ = the bytes that came back differ from the ones sent
multi-fd-listening = fd { $fd }: the listening socket
multi-fd-client = fd { $fd }: a client's socket
multi-blocking = { $n ->
    [one] { $n } of the server's sockets is
   *[other] { $n } of the server's sockets are
} blocking (no O_NONBLOCK in /proc/{ $pid }/fdinfo)
multi-blocking-label = blocking
multi-make-non-blocking = with one thread for everybody, one call that waits stops everybody: make every socket non-blocking (SOCK_NONBLOCK in socket() and accept4(), or fcntl O_NONBLOCK)
multi-threads = with 20 clients connected the server runs { $threads ->
    [one] { $threads } thread
   *[other] { $threads } threads
} and { $children ->
    [one] { $children } child process
   *[other] { $children } child processes
}
multi-one-thread = the lesson is one thread of one process for every client: poll or epoll tells it which socket is ready

## day3-fork (exercises/day3_fork.rs)

fork-a-silent = connected, and says nothing
fork-b-not-served = client B was not served while client A was connected: the server serves one client at a time (fork a child per client)
fork-a-stays = stays connected until the end
fork-b-left = closes its connection: its child ends
fork-c-not-served-after-b = client C was not served after client B left while client A stayed: the server no longer accepts once a child is reaped (a SIGCHLD handler calling waitpid without WNOHANG waits there for A's child too)
fork-stopped-for-burst = stopped the server (SIGSTOP): 50 clients arrive while it is busy
fork-continued = continued the server (SIGCONT)
fork-slow-connects = { $n } of 50 clients that arrived at once could connect only after a second or more
fork-of-50 = { $failed } of 50
fork-fifty-in-6s = 50 conversations of half a second each must all be over within 6 s: served one at a time they take 25 s
fork-cannot-all-be-over = { $at_once ->
    [one] one conversation at a time at most
   *[other] { $at_once } conversations at a time at most
}, { $waiting } not started yet: they need { $seconds } s more at the least, past the 6 s the test gives them (decided now, not at the deadline)
fork-connects = connects
fork-connects-text = { $connected } clients connected, { $slow } of them only after a second or more
fork-backlog = connections waited a second or more to be accepted: the kernel dropped their SYN because the listen queue was full, and the client sent it again 1 s later. 50 clients at once need a larger backlog than listen(fd, 5): course.md#backlog
fork-three-clients = 3 clients are connected, and { $n ->
    [one] { $n } child of the server holds
   *[other] { $n } children of the server hold
} a client's connection (each client has a child of its own, which serves it; threads do not count, nor the { $others } other children)
fork-2s-after-half-close = 2 s after the client's half-close
fork-parent-holds = the parent still holds its copy of the connected socket: it must close (drop) it right after fork(), or the connection never ends
fork-parent-holds-c = the parent still holds its copy of the connected socket: it must close(fd) it right after fork(), or the connection never ends
fork-no-listening-socket = could not find the server's listening socket in /proc
fork-child-holds-listener = { $n ->
    [one] { $n } child
   *[other] { $n } children
} holds the listening socket (child { $pids })
fork-zombies-after-20 = run { $run }: { $n ->
    [one] { $n } zombie child
   *[other] { $n } zombie children
} 1 s after the last of 20 clients left
fork-reaps-late = the zombies went only when one more client connected: the server reaps when accept returns, not when SIGCHLD arrives. Reap in the SIGCHLD handler (or wake the loop with the signal: EINTR without SA_RESTART, a self-pipe, a signalfd)
fork-zombies-after-50 = run { $run }: { $n } of 50 children stay zombies after their clients left at the same instant
fork-one-waitpid = one waitpid per SIGCHLD is not enough: while the handler runs, more children end and their signals merge into one
signals-zombies-left = { $n } of the { $of } children whose clients left at the same instant are still zombies 3 s after the server was continued, with no further connection
fork-reaps-none = the server takes SIGCHLD, yet none of the { $n } children that ended was reaped: what runs on the signal never calls waitpid. Reap there: loop on waitpid(-1, WNOHANG) until it has no more to give
fork-after-5-left = after its 5 clients left
fork-stopped-serving = the server stopped serving once its children were gone: does accept() fail with EINTR when SIGCHLD arrives? Retry on EINTR (or install the handler with SA_RESTART)
fork-while-clients-left = while its clients left
fork-still-has = 5 clients have left, and the server still has { $n ->
    [one] { $n } process
   *[other] { $n } processes
} besides itself
fork-zombies-label = zombies (exited, never reaped)
fork-servers-label = children holding the listening socket
fork-others-label = other processes
fork-falls-back = a child that does not exit after its client falls back into the accept loop and becomes a second server: exit at the end of the child's branch
fork-elsewhere-label = children that hold the listening socket and wait for something else
fork-lives-on = these children do not accept: each waits for something else (see where above), a process that lives as long as the server (a logger?). Once the clients are gone the server is one process: do that work in the parent, or end that child when its work is done; and a child closes the listening socket it inherited
fork-never-reaped = the children exited, but nobody reaped them: loop on waitpid(-1, WNOHANG) when SIGCHLD arrives
fork-neither = these processes are neither zombies nor children that accept: every process the server starts must end when its work is done
fork-after-children-died = after its children died while it waited for clients
fork-accept-eintr = run { $run }: accept() failed with EINTR when SIGCHLD arrived; retry on EINTR (or install the handler with SA_RESTART)
fork-stopped-accepting = run { $run }: the server stopped accepting after its children died
fork-no-sigchld = the server takes no SIGCHLD at all (no handler in SigCgt, no signalfd): nothing reaps a child when it exits; install a SIGCHLD handler that loops on waitpid(-1, WNOHANG)
fork-sigchld-ignored = SIGCHLD is ignored (SIG_IGN): the kernel then reaps the children by itself, but the lesson is a handler that reaps them with waitpid
fork-sigchld-default = SIGCHLD has its default disposition: no handler reaps the children
fork-sigchld-not-taken = SIGCHLD is not taken: no handler (SigCgt in /proc/<pid>/status) and no signalfd

## UDP (observe/wire/udp.rs, exercises/day3_udp.rs)

udp-port-closed = { $who }: the server's port is closed (ICMP port unreachable): did the server stop?
udp-port-unbound = { $who }: nothing is bound to the server's port { $port } any more: the server closed its socket or ended, so no reply can come
udp-port-unbound-note = nothing bound to port { $port } any more: stopped waiting
udp-no-reply = { $who }: no reply to a datagram of { $size }
udp-reply-from-elsewhere = { $who }: the reply came from port { $from }, not from the server's port { $port }
udp-reply-cut = { $who }: the reply is { $got } long, the datagram sent was { $sent }: it was cut
udp-reply-differs = { $who }: the reply differs from the datagram sent
udp-b-reply-to-b = B's reply must go to B
udp-a-reply-to-a = A's reply must go to A
udp-unexpected-datagram = { $who }: an unexpected datagram from port { $port }: { $data } ({ $why })
udp-dropped-on-purpose = dropped it, on purpose: the client must send it again
udp-three-replies = three datagrams were sent, three replies expected
udp-empty-is-a-datagram = an empty datagram is a datagram: its reply is empty too
udp-after-empty = after an empty datagram
udp-got-from-stranger = client { $client } got { $data } from port { $port }, not from the server
udp-not-its-own = client { $client } did not get back exactly its own 5 datagrams of wave { $wave }
udp-nothing = nothing
udp-client-no-exit = udp-client did not exit after stdin ended
udp-while-talking = while talking to the server
udp-stdout-differs = udp-client's stdout differs from the lines it was given ({ $note })
udp-printed-stranger = it printed the stranger's datagram: a reply from another port must be ignored
udp-plain-echo = plain echo
udp-dropped-first = the server dropped the first copy of each datagram
udp-gave-up-after-one-try = udp-client sent its datagram once and gave up (exit 1): the server dropped that first copy, and no second one came. Without a reply within 0.5 s, send the datagram again; give up only after the third try
udp-stranger-first = a stranger answered first
udp-gave-up-log = udp-client gave up after { $seconds } s, { $tries } tries
udp-still-trying = udp-client was still running after 4 s, having sent the datagram { $n ->
    [one] once
   *[other] { $n } times
}: stop after the third try
udp-gave-up-stuck = udp-client sent the datagram { $n ->
    [one] once
   *[other] { $n } times
} and did not give up
udp-when-no-answer = when the server never answered
udp-tries = udp-client sent the datagram { $n ->
    [one] { $n } time
   *[other] { $n } times
} before giving up; the contract says 3 tries in all

## day4-signals (exercises/day4_signals/)

sig-sent-usr1-waiting = sent SIGUSR1 while the server waited for clients
sig-stats-wrong = the statistics line is not right
sig-after-usr1 = after SIGUSR1
sig-no-stats-line = no `{ $wanted }` line within 0.5 s of SIGUSR1
sig-sa-restart = the line came only when the next client connected: with SA_RESTART the interrupted accept() restarts and the loop never sees the flag in time; install the SIGUSR1 handler without it (or wake the loop another way: a self-pipe, a signalfd, ppoll)
sig-no-child-holds = no child of the server holds the client's connection: serve each client in a child of its own (fork)
sig-could-not-stop-child = could not stop the child: { $error }
sig-stopped-child = stopped the child serving the client (SIGSTOP)
sig-reset-not-seen = the server's side of the connection never took in the client's reset
sig-stopped-parent = stopped the parent (SIGSTOP), so its child's exit status stays readable
sig-continued-child = continued the child: it finds a line to echo on a connection that was reset
sig-continued-parent = continued the parent (SIGCONT)
sig-child-did-not-end = the child serving the client did not end within 3 s after its client reset the connection
sig-killed-by-sigpipe = the child serving the client was killed by SIGPIPE when it wrote to the reset connection
sig-msg-nosignal = send with MsgFlags::MSG_NOSIGNAL (or ignore SIGPIPE on purpose): the write then fails with EPIPE, which the child can handle
sig-msg-nosignal-c = send with MSG_NOSIGNAL (`send(fd, buf, len, MSG_NOSIGNAL)`), or ignore SIGPIPE on purpose: the write then fails with EPIPE, which the child can handle
sig-killed-by = the child serving the client was killed by { $signal } after its client reset the connection
sig-a-signal = a signal
sig-after-child-reset = after a child's client reset its connection
sig-now-silent = now stays silent
sig-idle-1s = idle-seconds is 1: a client silent for 1 s must get `timeout\n` (alarm(idle) in the child, a SIGALRM handler without SA_RESTART)
sig-after-timeout = after `timeout`: disconnect the idle client
sig-active-timed-out = an active client was timed out: alarm() must start again after every read
sig-silent-thread-failed = the silent client's thread failed
sig-timeout-early = `timeout` came { $seconds } s after the client went silent; idle-seconds is 1
sig-filled-pipe = stopped reading the server's stdout and filled the pipe ({ $filler } bytes of filler lines)
sig-sent-sigterm = sent SIGTERM: the server's `bye` cannot be written until the pipe is drained
sig-sent-usr1-writing = sent SIGUSR1 while the server was blocked writing to its stdout
sig-never-blocked = the server never blocked writing to its stdout
sig-drained = drained the pipe
sig-still-running-after-term = the server was still running 2 s after SIGTERM, its stdout drained
sig-usr1-during-bye = after a SIGUSR1 arrived while it was writing `bye` to its stdout
sig-handler-prints = the SIGUSR1 handler ran in the middle of the println! of `bye`: a handler that prints needs the stdout lock the interrupted println! holds; set a flag in the handler and print from the main loop
sig-handler-prints-c = { $ended ->
    [unhandled] SIGUSR1 ended the program while it wrote `bye`: its handler must stay installed to the end (no SA_RESETHAND, no signal(SIGUSR1, SIG_DFL) before the last write), and the handler itself only sets a `volatile sig_atomic_t` flag
   *[interrupted] SIGUSR1 interrupted the write of `bye` (stdout was full), and the program took that for an error: a handler installed without SA_RESTART makes write() fail with EINTR, and stdio's fflush() then fails and loses what it buffered. Install the handlers with SA_RESTART, or write `bye` with write() and write again after EINTR and after a short count
}
sig-no-bye = the server exited with status 0 but never printed `bye`
sig-sending-thread-failed = a sending thread failed
sig-storm-sent = sent { $sent } SIGUSR1 to the process group in { $ms } ms
sig-during-storm = during a storm of SIGUSR1
sig-eintr-retry = a call interrupted by a signal fails with EINTR: retry it instead of giving up on the client
sig-no-served-line = not one `served <N> clients` line after 1000 SIGUSR1
sig-malformed-stats = a malformed statistics line

## day4-signals' exit, day5-epoll's edge (exercises/day4_signals/exit.rs, day5_epoll/edge.rs)

edge-no-epoll = the server has no epoll instance watching anything (no `tfd:` line in the fdinfo of an anon_inode:[eventpoll] descriptor)
edge-create = epoll_create1, then epoll_ctl(EPOLL_CTL_ADD) for the listening socket and for every client
edge-not-in-set = fd { $fd } (a client) is not in the epoll set
edge-level-triggered = fd { $fd } (a client) is level-triggered: events { $events }, without EPOLLET
edge-not-edge-triggered = client sockets are not registered edge-triggered
edge-in-proc = in /proc
edge-register = register each client with EpollFlags::EPOLLIN | EpollFlags::EPOLLOUT | EpollFlags::EPOLLET
edge-register-c = register each client with `ev.events = EPOLLIN | EPOLLOUT | EPOLLET` in epoll_ctl(EPOLL_CTL_ADD)
edge-read-until-eagain = after one EPOLLIN, read until EAGAIN: the rest of a burst is never announced again
exit-on = on { $signal }
exit-must-exit-0 = after { $signal } the server must exit by itself with status 0: install a handler that sets a flag
exit-stopped-children = stopped the server's { $n } children (SIGSTOP)
exit-sent-signal = sent { $signal } with 2 clients connected
exit-continued-children = continued the children (SIGCONT)
exit-children-alive = after { $signal } the server exited while { $n ->
    [one] its child was
   *[other] { $n } of its children were
} still alive
exit-stop-children = stop the children (kill(child, SIGTERM)) and wait for them (waitpid until it fails with ECHILD) before printing bye and exiting
exit-still-running = the server was still running 1 s after { $signal }
exit-handler-flag = the handler sets a flag; the loop sees it when accept() fails with EINTR (no SA_RESTART), then closes, stops the children, reaps them and returns
exit-no-bye = the last line printed is not `bye` after { $signal }
exit-left-running = the server exited but left { $n ->
    [one] { $n } child process
   *[other] { $n } child processes
} running
exit-send-sigterm = send SIGTERM to every child (kill) and wait for them before exiting
exit-not-reaped = the server exited without reaping { $n ->
    [one] { $n } child
   *[other] { $n } children
}
exit-waitpid-echild = after kill(child, SIGTERM), waitpid until it fails with ECHILD, then print bye
exit-port-taken = port { $port } is still taken after the server exited ({ $error })
exit-child-kept-listener = something still listens on it: a child kept the listening socket
exit-close-listener = close the listening socket before exiting

## day3-shutdown (exercises/day3_shutdown.rs)

shut-after-file-complete = after the whole file: shut down the sending side (shutdown(SHUT_WR)) so the client knows the file is complete
shut-closed-not-half = the server no longer holds this connection: it was closed, not half-closed
shut-wrong-line = the server printed the wrong line
shut-after-message = after the client's message
shut-no-says-line = the server printed no `client says: ...` line after the client's message ({ $wanted } expected)
shut-closed-instead = the server close()d the connection after sending the file instead of shutdown(SHUT_WR): a closed socket cannot read the client's message (the kernel answers it with a reset)
shut-with-file = with a file of { $size }
shut-after-file = after the whole file: shut down the sending side (shutdown(SHUT_WR))
shut-served-before = { $n } clients were served before this one
shut-client-not-finished = file-client did not finish
shut-during-transfer = during the transfer
shut-no-end-of-message = file-client exited, but the hidden server never saw the end of its message
shut-no-out-file = file-client exited 0 but created no out-file (the file had { $size })
shut-create-first = create the out-file before the first recv, even if nothing arrives
shut-out-file-differs = the out-file differs from the { $size } the server sent
shut-only-start = the out-file holds only the start of the file: did the client stop after its first recv? Read until recv returns 0
shut-wrong-receipt = file-client's message is not `received <N> bytes` with N the bytes it received
shut-answered-early = file-client answered before the server's EOF, while part of the file was still to come
shut-message = message
shut-one-recv = one recv is not the whole file: read until recv returns 0, and only then send the receipt

## day1-endian, day2-inet's notes (exercises/day1_endian.rs, day2_inet/)

endian-machine-little = this machine is little-endian: 0x0102 sits in memory as { $bytes }
endian-machine-big = this machine is big-endian: 0x0102 sits in memory as { $bytes }
endian-sign-extension = wrong only from 0x8000_0000 up? That is sign extension: a right shift of a signed (i32) value copies the top bit into the bytes it frees. Shift u32 values.
endian-sign-extension-c = wrong only from 0x80000000 up? That is sign extension: a right shift of a signed value (an int or an int32_t) copies the top bit into the bytes it frees. Shift uint32_t values (cast first: `(uint32_t)x`).
endian-htons-unchanged = htons returned its input unchanged: on this little-endian host it must swap
inet-whitespace = glibc accepts this: after the address it stops at the first whitespace (space, \t, \n, \v, \f, \r) and ignores the rest. A pitfall of the real function, which the lab follows exactly: course.md#inet-aton explains it, and how a caller checks the whole string.
inet-leading-zeros = inet_pton refuses leading zeros: to inet_aton `010` is octal 8, so a strict parser must not guess
inet-four-parts = inet_pton wants exactly four parts; the short forms are inet_aton's
inet-two-gaps = two `::` are ambiguous: nobody could tell how many zeros each stands for
inet-seven-groups = with `::` there must be at most seven explicit groups: `::` stands for at least one zero group
inet-lowercase = glibc prints hex digits in lowercase
inet-single-zero = `::` replaces a run of two or more zero groups; a single zero group stays `0`
inet-dotted-end = v4-mapped (::ffff:a.b.c.d) and v4-compatible (::a.b.c.d) addresses end in dotted decimal
inet-addr-reversed = the bytes are reversed: inet_addr returns the address in network order as it sits in memory, so its to_ne_bytes() are the four parts in order

## The harness of library exercises (observe/harness.rs)

harness-no-return = { $call } did not return within the time limit
harness-endless-loop = an endless loop? (a loop counter that can never reach its bound, a `while` whose condition never changes)
harness-while-running = while running { $call }
harness-private-channel = while running { $call }, something other than the harness wrote to the checker's private channel (fd 3): the code under test must not touch it
harness-written = written
harness-panicked = { $call } panicked: '{ $message }' at { $at }
harness-given = given
harness-unexpected = the harness answered { $call } with something unexpected: { $reply }

## day1-fileio (exercises/day1_fileio/)

fileio-calls = called { $calls }: { $short } short, { $eintr } failed with EINTR
fileio-calls-none = called neither write() nor writev(): { $short } short, { $eintr } failed with EINTR
fileio-calls-both = { $write } and { $writev }
fileio-calls-write = write() { $n ->
    [one] { $n } time
   *[other] { $n } times
}
fileio-calls-writev = writev() { $n ->
    [one] { $n } time
   *[other] { $n } times
}
fileio-the-calls = the calls
fileio-in-all = in all: { $short } short writes, { $eintr } EINTR
fileio-proved-nothing = no write was short or interrupted during this test, so it proved nothing; the machine may be too slow or too loaded for its timer (run it again)
fileio-only-first-arrived = only the first { $size } of { $total } arrived: a write returned a short count (here after a signal) and the rest was never written
fileio-restarts-first-buffer = after a short write the bytes start again from the first buffer: continue from the exact byte where the write stopped
fileio-restarts-buf = after a short write the bytes start again from the beginning of buf: continue with &buf[n..], after the n bytes written
fileio-restarts-buf-c = after a short write the bytes start again from the beginning of buf: go on from `(const char *)buf + n` with len - n, after the n bytes written
fileio-buffer-restarts = after a short write, buffer { $buffer } starts again from its beginning although part of it was written: continue inside it, from the exact byte where the write stopped
fileio-buffer-rest-missing = after a short write the rest of buffer { $buffer } is missing: the write stopped inside it, and the next write must start with the part it did not write
fileio-returned-err = { $call } returned Err({ $errno }) instead of Ok(())
fileio-returned-err-c = { $call } returned -1 with errno { $errno } instead of 0
fileio-eintr-call-again = EINTR means a signal arrived before the call wrote anything: nothing went wrong, so call it again
fileio-bytes-differ = { $call }: the bytes that arrived differ from the ones written, from offset { $at } on
fileio-no-reply = no reply to { $call }
fileio-epipe-kept-trying = write() failed with EPIPE (the reader is gone), and the call kept trying: retry only on EINTR, return every other error
fileio-epipe-spins = { $call } did not return: it ran { $ms } ms on the CPU, retrying a write that fails with EPIPE at once, every time (the reader is gone)
fileio-stopped = where it ended
fileio-stopped-when-wrong = the call was stopped there: bytes that came wrong stay wrong, whatever it writes next
fileio-copy-spins = `{ $command }` ran { $ms } ms on the CPU and did not exit, where its work takes a few milliseconds: it spins
fileio-expected-epipe = { $call }: expected Err(EPIPE), got { $got }
fileio-expected-epipe-c = { $call }: expected -1 with errno EPIPE, got { $got_c }
fileio-minus-one-errno = -1 with errno { $errno }
fileio-return-epipe = write() fails with EPIPE once nobody can read the pipe: return that error to the caller
fileio-writev-never-through = interrupted, each writev gets only part of the way: a loop that starts the buffer it stopped in from its beginning again never gets through a big one. Continue from the exact byte where the last writev stopped
fileio-never-writev = { $call } never called writev(): the bytes arrived, but one at a time through write()
fileio-one-writev-each = each attempt must be one writev of everything still to write (nix::sys::uio::writev)
fileio-one-writev-each-c = each attempt must be one writev() of everything still to write: the rest of the buffer it stopped in, then the buffers after it, in an iovec array of your own
fileio-write-as-well = { $call } called write() as well as writev()
fileio-no-write-for-rest = each attempt must be one writev of what is left, the rest of a partly written buffer included: no write() for that part
fileio-did-not-exit = `{ $command }` did not exit within 15 s
fileio-read-loop-end = does the read loop end when read() returns 0?
fileio-on-command = on `{ $command }`
fileio-should-have-worked = this copy should have worked: a readable source, a destination it may create or write
fileio-cannot-read = copy exited 0, but { $path } cannot be read: { $error }
fileio-destination-differs = after `{ $command }` the destination differs from what it should hold
fileio-only-first-copied = only the first { $size } were copied: read until read() returns 0, and write every byte of each read
fileio-longer-than-source = the copy is longer than the source and starts with all of it: write the n bytes read() returned, not the whole buffer
fileio-old-bytes-remain = the destination, { $old } long before, still holds its old bytes after the new { $new }: open it with O_TRUNC
fileio-added-after-old = the new content was added after the old one: O_APPEND is only for --append
fileio-old-content-gone = the old content is gone: with --append open with O_APPEND, not O_TRUNC
fileio-written-over-start = the new bytes were written over the start of the file: O_APPEND makes every write go to the end
fileio-append-creates = with --append a missing destination is created, as without it: O_WRONLY | O_CREAT | O_APPEND
fileio-wrong-mode = under umask { $umask }, `{ $command }` created the destination with mode { $got }, expected { $expected } (0644 less the umask)
fileio-mode-0666 = created with mode 0666: pass 0o644 as open()'s mode
fileio-mode-ignores-umask = the mode does not follow the umask: pass the mode to open() with O_CREAT and let the kernel take the umask off; never chmod afterwards
fileio-mode-changed = `{ $command }` changed the mode of the existing destination from 0604 to { $got }
fileio-mode-only-on-create = open() uses the mode only when it creates the file; copy must not change an existing file's permissions
fileio-no-stdin-pipe = no stdin pipe
fileio-dash-not-a-file = `-` is not a file name: as the source it means fd 0 (std::io::stdin().as_fd()), as the destination fd 1 (std::io::stdout().as_fd())
fileio-dash-not-a-file-c = `-` is not a file name: as the source it means fd 0 (STDIN_FILENO), as the destination fd 1 (STDOUT_FILENO); open() neither
fileio-only-first-read = only the first { $size } arrived, the bytes of the first read(): on a pipe read() returns what is there, possibly less than the buffer, long before the end. Only 0 means the end
fileio-stdout-differs = `{ $command }` wrote something else on stdout than the { $size }
fileio-created-dash = copy created a file named `-`: as the destination `-` means fd 1 (std::io::stdout().as_fd())
fileio-created-dash-c = copy created a file named `-`: as the destination `-` means fd 1 (STDOUT_FILENO), not a file to open()
fileio-no-dev-full = this user cannot write to /dev/full here: that case is left out
fileio-exited-0 = `{ $command }` exited with status 0, but it cannot have worked ({ $errno })
fileio-expected-error-line = exit status 1 and on stderr: { $line }
fileio-dev-full-enospc = every write() to /dev/full fails with ENOSPC: check each write's result and stop at the first error
fileio-errno-desc = the reason is errno's text alone: Errno::desc() gives `{ $desc }`, while Display adds the name (`{ $display }`)
fileio-errno-desc-c = the reason is errno's text alone, as strerror(errno) gives it: `{ $desc }`, without errno's name before it (`{ $display }`)
fileio-name-the-path = the line must name the path the failing call was about: { $path }

## day3-resolve (exercises/day3_resolve/)

resolve-shim-failed = could not build the getaddrinfo shim (the checker's own problem, not yours): { $error }
resolve-localhost-has = this machine's localhost has { $n ->
    [one] { $n } address
   *[other] { $n } addresses
}
resolve-oracle-failed = getaddrinfo({ $addr }, { $port }) failed: { $error }
resolve-stands-for = { $name } stands for { $addrs }
resolve-made-up-answers = (the checker makes getaddrinfo answer for { $name } with the answers for { $addrs } in that order)
resolve-shim-not-loaded = the checker's getaddrinfo shim was not loaded into resolve (LD_PRELOAD): is resolve linked statically?
resolve-never-called = `{ $command }` never called getaddrinfo from the C library
resolve-call-libc = call nix::libc::getaddrinfo: the checker watches that call
resolve-call-libc-c = call getaddrinfo(3) of the C library, as the contract says: the checker watches that call (and each freeaddrinfo)
resolve-freed = `{ $command }` got a list from getaddrinfo and freed it { $n ->
    [0] never
   *[other] { $n } times
}
resolve-getaddrinfo-calls = getaddrinfo calls
resolve-freeaddrinfo-calls = freeaddrinfo calls
resolve-give-it-back = the list is C memory: give it back with freeaddrinfo(head) after its last use
resolve-free-once = free the list exactly once: a second freeaddrinfo frees memory that is no longer yours
resolve-stray-free = `{ $command }` called freeaddrinfo({ $pointer }), a pointer getaddrinfo never returned
resolve-free-head = freeaddrinfo takes the head of the list, as getaddrinfo returned it: it frees every node itself
resolve-on-command = on `{ $command }`
resolve-did-not-exit = `{ $command }` did not exit within 15 s
resolve-oracle-changed = this machine's resolver answered `{ $command }` differently twice in a row ({ $first }, then { $then }); run the test again
resolve-failed-where-checker-succeeds = resolve failed where the checker's own getaddrinfo and getnameinfo succeed: compare your hints, flags and arguments with the contract (getnameinfo takes the node's ai_addr and ai_addrlen as they are)
resolve-other-lines = `{ $command }` printed other lines than getaddrinfo's results
resolve-address-itself = that is the address itself: with flags 0 getnameinfo looks the name up (NI_NUMERICHOST would only format the address)
resolve-no-line = (no line)
resolve-three-times = each address comes back three times (one per socket type: stream, datagram, raw): set ai_socktype = SOCK_STREAM in the hints
resolve-results-missing = { $missing } of the { $total } results are missing: follow ai_next from node to node until it is a null pointer
resolve-three-words = each line is `ipv4 <ip> <port>` or `ipv6 <ip> <port>`: three words, one space between them
resolve-family-word = the family word is wrong: ai_family AF_INET is `ipv4`, AF_INET6 is `ipv6`
resolve-name-not-address = that is a name, not an address: pass NI_NUMERICHOST to getnameinfo
resolve-wrong-address = the address is not the one in the node's ai_addr
resolve-port-swapped = port { $got } is { $port } with its bytes swapped: sin_port is in network byte order; let getnameinfo write it (NI_NUMERICSERV)
resolve-wrong-port = the port is wrong: pass the service to getaddrinfo and print the port of each result
resolve-exited-0 = `{ $command }` exited with status 0, but getaddrinfo fails here: { $text }
resolve-expected-error-line = exit status 1 and on stderr: { $line }
resolve-check-return-code = getaddrinfo returns 0 on success and an EAI_* code on failure: check it
resolve-other-eai-code = `{ $reason }` is gai_strerror's text for another EAI_ code than the checker's own call got (`{ $text }`): compare your hints, flags and arguments with the contract
resolve-gai-strerror = the reason is gai_strerror of the code getaddrinfo (or getnameinfo) returned, here `{ $text }`: they do not set errno
resolve-name-what-was-asked = the line names what was asked: { $name }

## day5-pipe (exercises/day5_pipe/)

pipe-no-logger = the server has no child process a second after it printed `listening on`: the logger is forked at start
pipe-children-before-clients = before any client came, the server has { $n ->
    [one] { $n } child process
   *[other] { $n } child processes
}: only the logger is expected
pipe-old-lines-gone = the lines the file held before the server started are gone or overwritten
pipe-it-began-with = it began with
pipe-it-begins-with = it begins with
pipe-open-append = open the file with O_APPEND and without O_TRUNC: O_TRUNC empties it, and without O_APPEND the first write goes to offset 0, over the old lines
pipe-extra-lines = the file holds { $n ->
    [one] { $n } line
   *[other] { $n } lines
} that no client sent: pieces of lines mixed together, or repeated
pipe-for-example = for example
pipe-missing = missing
pipe-missing-of = { $missing } of the { $total } lines sent
pipe-one-write-per-line = write each complete line into the pipe with one write() of its own, at most PIPE_BUF bytes: such a write is atomic, no other child's bytes come into its middle
pipe-ends-mid-line = the file ends in the middle of a line
pipe-its-last-bytes = its last bytes
pipe-only-complete-lines = only complete lines are logged: what a client sent after its last `\n` before its EOF is not a line
pipe-lines-missing = { $missing } of the { $total } lines the clients sent are not in the file
pipe-logger-writes-everything = every complete line a client sends goes into the pipe, and the logger writes everything it reads before it ends: the server prints bye only once the logger has ended
pipe-after-client-eof = after the client's EOF (the child exits)
pipe-silent-clients = connected { $n } more clients, which send nothing: a child each, at the same time as the 24 that talk
pipe-stopped-logger-fills = stopped the logger (SIGSTOP): the pipe fills up
pipe-a-sending-thread-failed = a sending thread failed
pipe-continued-logger = continued the logger (SIGCONT)
pipe-clients-failed = clients that failed
pipe-of-clients = { $failed } of { $total }
pipe-could-not-stop-logger = could not stop the logger: { $error }
pipe-no-child-serves-1 = no child of the server serves client 1
pipe-stopped-logger = stopped the logger (SIGSTOP)
pipe-rounds = { $rounds } times: stopped client 1's child while it waited to write into the full pipe, let client 2's line into the pipe, continued the child
pipe-sending-thread-failed = the sending thread failed
pipe-reading-thread-failed = the reading thread failed
pipe-could-not-signal = could not send { $signal } to { $pid }: { $error }
pipe-logger-gone = the logger has ended already: nothing reads the pipe
pipe-process-ended = process { $pid } of the server has ended already
pipe-logger-ended = the logger has ended while the server still runs: it must read the pipe until read() returns 0, once every write end is closed, not a fixed number of times. With no reader left, a child's next write into the pipe raises SIGPIPE, which kills the child, and its client loses its echo
pipe-logger-no-read-end = the logger (process { $pid }) holds no read end of any pipe
pipe-create-before-fork = create the pipe before fork(): the logger reads its read end
pipe-server-no-write-end = the server holds no write end of the pipe its logger reads
pipe-logger-reads = the logger reads
pipe-parent-keeps-write-end = the parent keeps the write end: each client's child inherits it at fork and writes its lines into it
pipe-logger-holds-write-end = the logger holds the write end of its own pipe ({ $pipe }) as well as the read end
pipe-logger-close-write-end = the logger must close the write end right after fork: while any write end is open, its read never returns 0 (EOF), so it never ends
pipe-server-holds-read-end = the server holds the read end of the logger's pipe ({ $pipe }) as well as the write end
pipe-parent-close-read-end = after fork the parent closes the read end: only the logger reads, and every client child would inherit a read end it has no use for
pipe-child-holds-read-end = the child serving the client holds the read end of the logger's pipe ({ $pipe })
pipe-close-read-before-fork = close the read end in the parent before any client's fork: children inherit what the parent holds
pipe-three-clients = 3 clients are connected, and the server has { $n ->
    [one] { $n } child process
   *[other] { $n } child processes
}: the logger and one per client are expected
pipe-holder-logger = { $pid } (the logger)
pipe-holder-client-child = { $pid } (a client's child)
pipe-children-hold-listener = { $n ->
    [one] a child holds
   *[other] children hold
} the listening socket
pipe-holding-it = holding it
pipe-child-never-accepts = a child never accepts: it closes (drops) the listening socket first, or the port stays taken while it lives
pipe-child-never-accepts-c = a child never accepts: it close()s the listening socket first, or the port stays taken while it lives
pipe-while-clients-left = while its clients left
pipe-children-still-running = round { $round }: { $n ->
    [one] { $n } child
   *[other] { $n } children
} besides the logger still running 2 s after their clients left
pipe-child-exits-at-eof = a client's child exits at its client's EOF (read returns 0)
pipe-zombies = round { $round }: { $n ->
    [one] { $n } zombie child
   *[other] { $n } zombie children
} left after 30 clients left at the same instant
pipe-loop-waitpid = one waitpid per SIGCHLD is not enough: while the handler runs, more children end and their signals merge into one; loop on waitpid(-1, WNOHANG)
pipe-sent-sigterm = sent SIGTERM: the file is read once the server has ended
pipe-on-signal = on { $signal }
pipe-still-running = the server was still running 2 s after { $signal }
pipe-logger-waits-for-itself = the logger still holds the write end of its own pipe, so its read never returns 0 (EOF), it never ends, and the server waits for it for ever: close the write end in the logger right after fork
pipe-client-children-running = { $n ->
    [one] { $n } client child
   *[other] { $n } client children
} of the server still running: a child that keeps the parent's SIGTERM handler (a flag nobody reads in the child) is not ended by the parent's SIGTERM; right after fork, give SIGTERM and SIGINT their default action back in the child (SigHandler::SigDfl)
pipe-client-children-running-c = { $n ->
    [one] { $n } client child
   *[other] { $n } client children
} of the server still running: a child that keeps the parent's SIGTERM handler (a flag nobody reads in the child) is not ended by the parent's SIGTERM; right after fork, give SIGTERM and SIGINT their default action back in the child (sigaction with `sa.sa_handler = SIG_DFL`)
pipe-logger-still-running = the logger is still running: it ends at EOF, which comes only once every write end of the pipe is closed — the parent's (after its children are gone) and every client child's (they must end: SIGTERM, with its default action in the child)
pipe-handler-sets-flag = on SIGTERM the handler sets a flag; the loop sees it when accept() fails with EINTR (no SA_RESTART), then stops the children, waits for them and for the logger, prints bye and returns
pipe-flag-lost-in-accept = the parent catches SIGTERM but sleeps in accept(): its handler set the flag, and nothing looks at it. A signal that comes while another handler runs (SIGCHLD's, installed with SA_RESTART, as the clients leave) or between the loop's test of the flag and accept() is lost so. Keep SIGTERM and SIGINT blocked but during the wait: ppoll the listening socket with the unblocked mask, then accept (course.md#logger-process)
pipe-stopped-logger-waits = stopped the logger (SIGSTOP): what the clients send now waits in the pipe
pipe-sent-to-group = sent { $signal } to the server's process group (Ctrl-C)
pipe-sent-to-server = sent { $signal } to the server
pipe-bye-too-early = after { $signal } the server printed `bye` or exited while the logger had not ended (it was stopped, with lines still in the pipe)
pipe-bye-after-logger = close the write end, then waitpid() for the logger, and only then print bye: bye means the file is complete
pipe-exit-by-itself = the server ends by itself with status 0: a handler that sets a flag, not the default action
pipe-sigint-reaches-logger = Ctrl-C's SIGINT reaches every process of the group, the logger too: a logger with SIGINT's default action dies of it (as soon as it runs) with lines still in the pipe; it must ignore SIGINT and SIGTERM and end only at EOF
pipe-left-logger = { $pid } (the logger)
pipe-left-child = { $pid } (a child)
pipe-left-running = the server exited and left { $n ->
    [one] { $n } process
   *[other] { $n } processes
} running
pipe-still-running-label = still running
pipe-wait-every-child = wait for every child, the logger last, before exiting
pipe-not-reaped = the server exited without reaping { $n ->
    [one] { $n } child
   *[other] { $n } children
}
pipe-waitpid-every-child = waitpid() for every child before exiting

## day5-threads (exercises/day5_threads/)

chat-line-times = { $who } got a line { $times } times, instead of once
chat-the-line = the line
chat-it-got = it got
chat-once-to-everyone = every complete line goes once to every connected client, whole: the 4096-byte line too (a line may be that long)
chat-three-lines-orders = { $first } and { $who } got the same three lines in different orders
chat-hold-lock-broadcast = hold the lock from the first send of a broadcast to the last
chat-unfinished-came = an unfinished line came
chat-closed-while-due = { $who }: the server closed the connection while lines were still due
chat-unfinished-came-last = an unfinished line came last
chat-waiting-for = waiting for
chat-line-not-expected = { $who }: line { $line } of { $total } is not the one expected
chat-expected-in-all = expected in all
chat-no-own-line = { $who } never got its own line back: a line goes to every connected client, the sender included (add a client to the list before reading from it)
chat-missed-hello = { $earlier } was connected when { $who } said hello, and never got that line: a line goes to every client in the list
chat-eof-note = a read of 0 is the client's EOF: remove it from the list and close its socket (drop every handle on it), then end its thread
chat-eof-note-c = a read of 0 is the client's EOF: remove it from the list (with the lock held) and close(fd) its socket, then return from its thread
chat-2s-after-eof = 2 s after its EOF
chat-after-its-eof = after its EOF
chat-left-still-held = { $who } left, and a second later the server still holds its socket
chat-removed-and-closed = a client that ends is removed from the list, and its socket closed
chat-leave-took-another = { $stays } stayed, and never got the line sent after { $who } left: removing { $who } from the list took { $stays } out instead (or as well). Remove the leaver's own entry: find it by its descriptor (or its id) with the lock held, and close the gap without skipping or overwriting the entry after it; an index kept from when the client joined is stale once an earlier client has left
chat-burst-stopped = stopped the server (SIGSTOP): { $n ->
    [one] { $n } client connects
   *[other] { $n } clients connect
} meanwhile, and wait in its listen queue together
chat-burst-continued = continued the server, every thread of it on one CPU in the real-time class: a thread it starts waits behind the accept loop until that loop sleeps, so the loop accepts every waiting client before any thread it started takes a step
chat-burst-continued-pinned = continued the server, every thread of it on one CPU (the real-time class needs a privilege the checker does not have here: a thread it starts may run before the accept loop's next step)
chat-burst-unserved = no thread of the server reads from { $who }, while two threads or more read from another client: each thread must serve the socket accepted for it. Move each accepted socket into its own thread's closure, never share one variable the accept loop overwrites
chat-burst-unserved-c = no thread of the server reads from { $who }, while two threads or more read from another client: each thread read its descriptor from the accept loop's variable (pthread_create(..., &clnt_sock)) after the next accept had overwritten it. Give each thread its own copy: the descriptor in a malloc'd int that the thread frees, or its value cast to (void *)(intptr_t)
chat-threads-after-leave = { $who } left a second ago, and the server still runs { $n ->
    [one] { $n } thread
   *[other] { $n } threads
}, more than the { $fewer } it ran with one client less: its thread never ended
chat-thread-ends-eof-0 = a client's thread ends when its client does: leave the read loop on EOF (0) and on an error, and return
chat-stopped-server = stopped the server (SIGSTOP)
chat-continued-server = continued the server: client 2's last line and its reset wait in its socket together
chat-after-reset = after a client reset its connection
chat-reset-still-held = client 2 reset its connection, and a second later the server still holds its socket
chat-gone-remove = a send to a client that has gone fails (EPIPE, ECONNRESET), and so does its read: either way, remove it from the list
chat-missed-last-words = { $who } did not get client 2's last line and the line sent after the reset
chat-either-order = { $first } and { $second }, in either order
chat-two-lines-orders = { $first } and { $second } got the two lines in different orders
chat-hold-lock-across = hold the lock across the whole broadcast
chat-thread-panicked = a thread of the server panicked: '{ $message }' at { $at }
chat-poisoned = a thread panicked while it held the lock, which poisoned the mutex: every lock().unwrap() after it panics too. A send to a client that has gone fails (EPIPE, ECONNRESET): remove that client, never unwrap() the send
chat-never-unwrap-send = a send to a client that has gone fails (EPIPE, ECONNRESET): remove that client, never unwrap() the send. A panic while the lock is held poisons the mutex, and every later lock().unwrap() panics too
chat-processes-do-not-share = the server has { $n ->
    [one] { $n } child process
   *[other] { $n } child processes
}: processes do not share the list of clients, so a line reaches only the clients of the process that read it; one process, a thread per client
chat-six-clients-children = with 6 clients connected the server has { $n ->
    [one] { $n } child process
   *[other] { $n } child processes
}
chat-one-process = one process, one thread per client: the threads share the list of clients, which processes could not
chat-six-clients-threads = with 6 clients connected the server runs { $n ->
    [one] { $n } thread
   *[other] { $n } threads
}, and { $idle } with none: one thread per client, at least
chat-spawn-thread = std::thread::spawn a thread for each accepted client; it reads from that client until its EOF
chat-spawn-thread-c = pthread_create a thread for each accepted client; it reads from that client until its EOF
chat-threads-after-six-left = 6 clients left a second ago, and the server still runs { $n ->
    [one] { $n } thread
   *[other] { $n } threads
}: { $busy } with them, { $idle } before they came
chat-thread-ends = a client's thread ends when its client does: leave the read loop on EOF and on an error, and return
chat-order-note = hold the lock from the first send of a broadcast to the last: then no other line can come between two of them, and every client gets the lines in the order the server took them
chat-a-sending-thread-failed = a sending thread failed
chat-client-thread-failed = a client thread failed
chat-under-load = every complete line goes to every connected client: does a send fail, or a thread end, under load?
chat-crossing-stops-reading = stops reading, so that a broadcast blocks on it
chat-crossing-reads-again = reads again, after client 0's { $lines } lines; every thread of the server now runs on one CPU, the others in the real-time class: any of them that wakes runs before the thread that was blocked sending to client 1 takes another step
chat-crossing-reads-again-idle = reads again, after client 0's { $lines } lines; every thread of the server now runs on one CPU, the one that was blocked sending to client 1 in the idle class: any other that wakes runs before its next step
chat-crossing-nothing-blocked = reads again, after client 0's { $lines } lines (no thread of the server was blocked sending to it: nothing to slow down)
chat-crossing-two-senders = threads { $tids } of the server are each asleep in a send to client 1, at once, while client 3's line waits: two broadcasts are under way together. A send that waits for room lets the socket go meanwhile, so the bytes of one line can land between the pieces of the other, and the clients not yet sent to get the two lines in either order
chat-crossing-note = client 3's line was waiting while a broadcast of client 0's was held up by client 1, and the checker let the server's other threads run before the held-up thread's next step: a broadcast that lets the lock go between two sends (or sends from a copy of the list) lets the waiting line through to the clients it had not reached yet
chat-forwards-pieces = the server sends on what each read returns before the line is complete (the start of a line one client sent, with no `\n` yet, reached another at once): a read is not a line, and holding the lock across the broadcast of a piece does not keep another client's piece from coming between two of them. Keep each client's bytes in a buffer of its own and broadcast a line only once its `\n` has come, whole
chat-lines = lines
chat-got-of = { $who } got { $got } of the { $all } lines sent
chat-last-line-it-got = the last line it got
chat-unsent-line = { $who } got a line that no client sent (line { $line } of what it got): two lines mixed, or a piece of one
chat-whole-line-under-lock = a line goes out only once its `\n` has come, whole, with the lock held across the whole broadcast: two threads that write to the same client at once can mix their lines
chat-line-again = { $who } got line { $line } of client { $client } again, or after a later one: each sender's lines must keep their order
chat-line-early = { $who } got line { $line } of client { $client } before an earlier one: each sender's lines must keep their order
chat-lines-orders-from = { $first } and { $who } got the lines in different orders, from line { $line } on
chat-read-ends-anywhere = a read ends anywhere: keep what a client sent in its own buffer, and send a line only once its `\n` has come
chat-drop-unfinished = what is left after the last `\n` when a client's EOF comes is not a line: drop it
chat-removed-gets-eof = a client that ends is removed from the list and its socket closed: then it gets EOF

## A program stuck, and where it waits (observe/stuck.rs, observe/wire/conn.rs)

conn-stuck = { $who }: nothing came back, and nothing will: { $label } is stuck, asleep in a blocking call with nothing moving (see where it waits)
conn-idle = { $who }: nothing came back: with the reply due, { $label } did nothing for { $seconds } s but sleep, woken by timers of its own, with nothing moving (see where it waits)
conn-spins = { $who }: nothing came back, and nothing will: { $label } spins, running without end beside a connection whose other side has closed (see where it spins)
conn-spins-without-accepting = { $who }: nothing came back, and nothing will: { $label } spins, running without end while connections wait to be accepted on its listening socket (see where it spins)
conn-gave-up-stuck = stopped waiting: the program is stuck
conn-gave-up-spins = stopped waiting: the program spins
conn-gave-up-idle = stopped waiting: the program holds still with the reply due
label-where-it-waits = where it waits
label-where-it-spins = where it spins
label-machine-busy = the machine was busy
label-what-it-saw = what the test saw
starvation-figures = tasks waited for a CPU { $percent }% of { $seconds } s
rejudge-log = judged again alone: while it first ran, { $first }
rejudge-figures = while it first ran, { $first }; judged again alone, { $alone }
rejudge-unjudged = could not be judged: the machine was too busy (while it first ran, { $first }; judged again alone, { $alone }). This is not your program's failure: grade again when the machine is quieter
stuck-sleeps-on = { $who } sleeps in { $call }() on fd { $fd } ({ $what }){ $wchan }
stuck-sleeps-poll = { $who } sleeps in { $call }() on { $n ->
    [one] { $n } descriptor
   *[other] { $n } descriptors
}: { $fds }{ $wchan }
stuck-sleeps = { $who } sleeps in { $call }() ({ $what }){ $wchan }
stuck-wchan = {" "}[in the kernel: { $wchan }]
stuck-fd = fd { $fd } ({ $what })
stuck-fd-no-events = { $what }, polled for no event
stuck-child = { $label }'s child { $pid }
stuck-thread = { $who } (thread { $tid })
stuck-zombie = { $who } is a zombie: it ended and nobody reaped it
label-when-time-ran-out = where it was when the time ran out
stuck-runs = { $who } runs (on a CPU, or waiting for one)
stuck-spins = { $who } ran { $cpu } ms of the last { $over } s, much of it in system calls, and nothing moved in its sockets: it does not wait, it spins
stuck-spins-without-accepting = { $who } ran { $cpu } ms of the last { $over } s, much of it in system calls, holding no socket but listening ones, and accepted none of the connections waiting there: it does not wait, it spins
stuck-is-stopped = { $who } is stopped (SIGSTOP or Ctrl-Z)
stuck-more-threads = … and { $n ->
    [one] { $n } more thread
   *[other] { $n } more threads
} asleep
stuck-waits-child = waiting for a child to end
stuck-waits-signal = waiting for a signal
stuck-waits-lock = waiting for a lock, a condition variable or another thread
stuck-waits-sleep = a sleep: a timer of its own ends it
stuck-waits-fds = waiting on its descriptor sets
stuck-client-on-port = the client on port { $port }
stuck-fd-closed = closed meanwhile
stuck-udp = its UDP socket, nothing to read
stuck-udp-unread = its UDP socket, { $n ->
    [one] { $n } byte
   *[other] { $n } bytes
} unread
stuck-socket = a socket
stuck-pipe-read = the read end of a pipe
stuck-pipe-write = the write end of a pipe
stuck-epoll = an epoll instance watching { $n ->
    [one] { $n } descriptor
   *[other] { $n } descriptors
}: { $fds }
stuck-signalfd = a signalfd
stuck-listening = the listening socket, no connection waiting
stuck-listening-waiting = the listening socket, { $n ->
    [one] { $n } connection
   *[other] { $n } connections
} waiting to be accepted
stuck-client-nothing = { $client }'s socket, nothing to read
stuck-client-unread = { $client }'s socket, { $n ->
    [one] { $n } byte
   *[other] { $n } bytes
} unread
stuck-client-eof = { $client }'s socket, its EOF read or waiting
stuck-server-nothing = its connection to the server on port { $port }, nothing to read
stuck-server-unread = its connection to the server on port { $port }, { $n ->
    [one] { $n } byte
   *[other] { $n } bytes
} unread
stuck-server-eof = its connection to the server on port { $port }, the server's EOF read or waiting
stuck-no-timeout = no { $option } on fd { $fd } and no timer armed: only the other end could end this { $call }(), and it sends nothing more
stuck-in-child = {" "}of child { $pid }
stuck-unaccepted = { $n ->
    [one] { $n } connection waits
   *[other] { $n } connections wait
} to be accepted on fd { $fd }{ $holder } (the listening socket)
stuck-unread = { $client }'s { $size } wait unread on fd { $fd }{ $holder }
stuck-unsent = { $size } for { $client } wait in the send queue of fd { $fd }{ $holder }, not yet taken by { $client }
stuck-still-open = { $client }'s socket is still open on fd { $fd }{ $holder }: its EOF came, and it was never closed
pipe-stuck-after = { $label } did not end after { $signal }, and never will: it is stuck, asleep with nothing moving (see where it waits)
multi-stopped-reading = sent { $sent } without reading: the server stopped reading with { $unread } unread in its socket (back-pressure of its own); next, the EOF
clients-queue-full = the server stopped accepting after { $n } clients: connections stayed in its listen queue
clients-queue-still = its listen queue stayed full, not one connection accepted, for { $secs } s while the server was awake: a loop that sleeps or blocks (a sleep, a blocking read) instead of waiting for events never gets back to accept
multi-syn-retransmitted = { $n } connects waited a second or more: the kernel dropped their SYN because the listen queue was full, and TCP sent it again 1 s later (course.md#backlog)
worker-eintr-after-stop = { $call }() failed with EINTR after the checker stopped and continued { $label } (SIGSTOP, SIGCONT), as Ctrl-Z and fg do, and { $label } took that for an error. A stop interrupts { $call }() even with no signal handler (signal(7)): on EINTR, just call it again
multi-continued-at-once = continued the server: two resets, two lines and two connections wait for it at once
multi-events-at-once = while the server was stopped, two clients reset, two sent a line and two connected, so one poll (or epoll_wait) reported them all: serve each client with its own events, and remove finished clients only after the walk (never Vec::remove(i) during it: the next client would be skipped and the rest paired with their neighbours' events); accept until EAGAIN
multi-events-at-once-c = while the server was stopped, two clients reset, two sent a line and two connected, so one poll (or epoll_wait) reported them all: serve each client with its own events, and remove finished clients only after the walk (never during it, by moving the entries after one down or the last one into its place: the next client would be skipped and the rest paired with their neighbours' events); accept until EAGAIN
multi-reset-ended-server = the server ended once two clients had reset their connections: an error on one client's socket (POLLERR, ECONNRESET from read or send) closes that client only, never the server
chat-stale-entry = the client that joined after one left got a line it should not have (the same line twice?): when a client leaves, remove its entry from the list; accept gives its descriptor number to the next client, and an entry left under that number sends every line to the newcomer a second time
echo-restarted-elsewhere = started again with port { $port }, the server listens on { $actual } instead: its bind() to { $port } failed (EADDRINUSE: the old connection waits in TIME_WAIT), nothing checked it, and listen() bound a port of its own
echo-continued = continued the server (SIGCONT)
udp-tries-too-close = udp-client's three tries came within { $seconds } s: it must wait up to 0.5 s for the reply after each
fork-stopped-parent = stopped the server (SIGSTOP): its children end meanwhile, and their SIGCHLDs merge into one
pipe-stopped-server = stopped the server (SIGSTOP): its clients' children end meanwhile, and their SIGCHLDs merge into one
pipe-continued-server = continued the server (SIGCONT)
## Families of tests shared by several exercises (lab/family.rs)

family-run-missing = { $exercise } takes a family of tests whose scenario is the exercise's own, and gives none for this test: the checker's table is incomplete

## A new exercise, and the files derived from what instructors write (commands/new.rs, commands/sync.rs)

new-scaffolded = Scaffolded { $exercise }: it is graded at once (the stub says "not started", the reference passes), and `cargo test` and `checker verify` pass (verify lists the Korean of the stub's comments as owed). Written:
new-left = Left to write by hand, numbered as docs/instructors.md's "Adding an exercise" numbers them (steps 2 to 11 on the Rust track, 12 to 17 on the C track):
new-left-solution = the solution: { $file }
new-left-stub = the stub: { $file } (the same signatures and binaries, todo!() bodies each after a `// TODO`, doc comments that quote the C call and name its nix equivalent)
new-left-stub-korean = the Korean of the stub's comments: { $file } (each `# owed <hash>` block holds the English until translated; write its Korean under `# en <hash>` instead, and the same for every comment you add)
new-left-rules = its rules (the shortcuts that would skip the lesson): solutions/{ $exercise }/clippy.toml and Cargo.toml's [lints]; then `cargo run -p checker -- sync` copies them to the stub and checker/pristine/ and writes the course's rules tables
new-left-tests = the tests: { $file } (rows of its own, or families it shares with other exercises in `families`: each a folder of exercises/, its table in family.rs)
new-left-messages = every message id the tests use that the catalogs lack (msg!("...")): its English in checker/i18n/en.ftl and its Korean in checker/i18n/ko.ftl
new-left-broken = a broken version that fails each test, and at least one correct alternative design: { $file } (`cargo test -p checker --test broken -- { $exercise }`)
new-left-course = the course section in English: course.md#{ $exercise } (the exact contract, the C calls beside their nix equivalents, one line per test id)
new-left-course-ko = the course section in Korean: course.ko.md#{ $exercise } (the same, the same test ids)
new-left-korean = the Korean of its titles and hints: the { $exercise }-- entries of checker/i18n/ko.ftl (after adding tests, `cargo run -p checker -- sync` adds the entries to translate, in English, and lists them)
new-left-c-solution = the C solution: { $files } (the same contract, in the notes' C)
new-left-c-stub = the C stub: { $files } (the same functions and programs, each step a `// TODO n.` that quotes the C call, with a `TODO("...")` under it)
new-left-c-stub-korean = the Korean of the C stub's comments: { $files } (the `# owed <hash>` blocks, as for the Rust stub)
new-left-c-rules = its C rules, read from what the compiled code imports: the `imports` of `C_TRACK` in { $file } (the calls that would skip the lesson, or the one it is about; exercises/kit/c_imports.rs has the shared ones); then `cargo run -p checker -- sync` writes the course's rules tables
new-left-c-shim = the shim that gives the C functions the Rust exercise's API, so the same hidden tests call them: { $file } (one Rust function per C function)
new-left-c-broken = a broken version of the C solution that fails each test: { $file } (edits of c/solutions/{ $exercise }/; `cargo test -p checker --test broken -- c::{ $exercise }`)
new-left-verify = last: `cargo run -p checker -- verify { $exercise }`
sync-nothing = Every derived file is up to date.
sync-wrote = Written:
sync-untranslated = { $n } entries of ko.ftl are still in English (translate them):
worker-could-not-enter-sandbox = the checker could not join the test's network namespace, so it did not run the test: { $error }

## day6-unix (exercises/day6_unix/)

prefork-the-parent = the parent ({ $pid })
prefork-worker = worker { $pid }
prefork-none = none
prefork-held-by = held by
prefork-holding-it = holding it
prefork-at-start = at start
prefork-with-clients = with { $n ->
    [one] { $n } client
   *[other] { $n } clients
} connected
prefork-after-clients = after the clients left
prefork-no-server-side = the server's socket of client { $client }'s connection is not in the TCP table of its namespace
prefork-parent-holds = the parent still holds client { $client }'s connection ({ $inode }) after passing it to a worker
prefork-close-after-passing = once sendmsg has passed the descriptor, the worker has its own: close the parent's copy at once (drop the OwnedFd). While the parent holds it, the connection stays open after the worker closes it, and the client never sees EOF
prefork-close-after-passing-c = once sendmsg has passed the descriptor, the worker has its own: close(fd) the parent's copy at once. While the parent holds it, the connection stays open after the worker closes it, and the client never sees EOF
prefork-workers-holding = client { $client }'s connection is held by { $n ->
    [0] no worker
    [one] { $n } worker
   *[other] { $n } workers
}, where exactly one must hold it
prefork-one-worker-per-connection = the parent passes each connection to one worker over that worker's socketpair (sendmsg with SCM_RIGHTS); the worker serves it and closes it
prefork-workers-hold-listener = { $n ->
    [one] { $n } worker holds
   *[other] { $n } workers hold
} the listening socket
prefork-worker-closes-listener = a worker closes the listening socket right after fork: only the parent accepts, and hands the connections out
prefork-no-workers = the server has no worker process once it listens: the workers are forked at start
prefork-ends-label = socketpair ends (unnamed, connected Unix-domain sockets)
prefork-parent-keeps-worker-end = the parent still holds { $worker }'s end of its socketpair ({ $inode })
prefork-parent-closes-worker-end = after each fork the parent closes the worker's end of the new socketpair: a worker forked later would inherit it, and the parent would never see EOF when that worker dies
prefork-worker-keeps-ends = { $worker } holds { $n } ends of socketpairs, where it needs only its own
prefork-worker-closes-parent-ends = after fork a worker closes the parent's end of its own socketpair and the parent's ends of the workers forked before it: it inherited them all
prefork-end-shared = { $inode } is held by more than one process: { $holders }
prefork-one-holder-per-end = each end of a socketpair has one holder: the parent one end, the worker the other
prefork-worker-no-end = { $worker } holds no end of a socketpair: how does it get its connections?
prefork-socketpair-before-fork = make one socketpair(AF_UNIX, SOCK_STREAM) per worker before forking it: the parent keeps one end, the worker the other
prefork-parent-too-few-ends = the parent holds { $n ->
    [one] { $n } socketpair end
   *[other] { $n } socketpair ends
} for { $workers } workers
prefork-worker-count = the server has { $n ->
    [one] { $n } worker
   *[other] { $n } workers
} { $when }, where { $expected } were asked for
prefork-fork-n-workers = fork exactly <workers> workers at start, and fork a new one only in place of one that died
prefork-more-processes = the server's tree has { $n } processes below the parent { $when }, where its { $workers } workers are all there should be
prefork-no-process-per-client = a worker serves its clients itself, one after another: no process per client, no child of a worker
prefork-all-at-once = the server has { $workers } workers: that many clients are served at once
prefork-served-too-many = { $who } got its echo while every worker was busy with a client: more clients were served at once than there are workers
prefork-one-client-per-worker = a worker serves one client at a time, and there are <workers> of them: the next client waits in the backlog
prefork-accepted-while-busy = while every worker was busy, the parent accepted { $who } anyway: a busy worker cannot serve it
prefork-accepted-and-closed = while every worker was busy, the parent accepted { $who } and closed it: no worker was free to take it
prefork-leave-in-backlog = while no worker is free, leave the listening socket out of poll and do not accept: the connection waits in the backlog, and is accepted when a worker says it is free
prefork-no-backlog-socket = { $who }'s connection is not in the server's TCP table
prefork-one-left = one of the clients being served left: a worker is free, and { $who } must be served now
prefork-serve-when-free = a worker said it was free, and { $who } was not served within 2 s: when a worker says it is free, accept the next connection and pass it to that worker
prefork-client-stays = client 1 stays connected: its worker is busy until it leaves
prefork-visitor-to-busy = { $who } got no echo: its connection was passed to { $busy }, busy with client 1, while { $free } waited idle
prefork-visitor-in-flight = { $who } got no echo: the parent accepted its connection and passed it, and no worker has taken it. It waits on a socketpair, and only { $busy }, busy with client 1, leaves one waiting: { $free } waited idle
prefork-visitor-unanswered = { $who } got no echo while { $free } waited idle
prefork-pass-to-free-worker = pass each connection to a worker that said it is free, not to the next in turn: a busy worker serves its own client first, and a connection passed to it waits behind that client
prefork-no-worker-for = no worker holds client { $client }'s connection
prefork-killed = killed worker { $pid } (SIGKILL)
prefork-not-reaped = worker { $pid } is still a zombie { $secs } s after it was killed: the parent never reaped it
prefork-waitpid-dead-worker = when a worker dies, its end of the socketpair reads EOF and SIGCHLD comes: waitpid it, then fork its replacement
prefork-not-replaced = { $secs } s after a worker was killed, the server has { $n ->
    [one] { $n } worker
   *[other] { $n } workers
}, where { $expected } were asked for
prefork-fork-replacement = a dead worker is replaced: close its end, make a new socketpair and fork a new worker in its place
prefork-others-undisturbed = the killed worker was not this client's: its connection and its worker go on
prefork-replacement-serves = after a worker was replaced, the workers free (the replacement among them) must serve new clients at once
prefork-worker-gone = worker { $pid } was gone after 50 clients, one after another
prefork-worker-serves-many = a worker serves client after client: it ends only when the parent ends it (or something kills it)
prefork-fds-grew = { $who } held { $before } descriptors at start and { $after } after 50 clients
prefork-new-descriptors = descriptors that were not there at start
prefork-parent-closes-copy = the parent closes its copy of each connection as soon as sendmsg has passed it
prefork-worker-closes-conn = every descriptor recvmsg gives a worker is its own: close it (drop the OwnedFd) when its client is done; shutdown() alone does not free it
prefork-worker-closes-conn-c = every descriptor recvmsg gives a worker is its own: close(fd) it when its client is done; shutdown() alone does not free it
prefork-control-connect = cannot connect to the control socket at { $path }: { $error }
prefork-control-listens = the parent binds a Unix-domain stream socket at <control-path> and listens on it, before printing `listening on`
prefork-stats-no-eof = no EOF within 2 s after `stats`: the control connection was not closed
prefork-close-control = after the `worker <pid> served <n>` lines, close the control connection: the client reads until EOF
prefork-control-eof = EOF
prefork-stats-bad-line = a line of the `stats` reply is not `worker <pid> served <n>`: { $line }
prefork-stats-reply = the reply
prefork-stats-not-a-worker = the `stats` reply lists { $pid }, which is not a live worker of the server
prefork-stats-missing = the `stats` reply does not list worker { $pid }
prefork-stats-twice = the `stats` reply lists a worker twice
prefork-stats-live-workers = one line per live worker, with its pid: a replacement's pid, not the dead worker's
prefork-stats-sum = the counts of the `stats` reply add up to { $sum }, but { $finished } connections have finished
prefork-count-when-free = count a connection when its worker says it is free: it has finished it. A connection still being served is not counted yet
prefork-replacement-not-zero = the replacement worker { $pid } says it served { $n }: a new worker process has served nothing yet
prefork-count-per-process = the counts are per worker process: when a worker is replaced, its slot's count starts again at 0
prefork-killed-count-gone = the killed worker had served { $n }: those counts go with it
prefork-left-stale = left a stale socket file at { $path }: bound, then closed (nothing answers on it)
prefork-stale-unlink = bind fails with EADDRINUSE while the file is there: connect() to it, and if that fails with ECONNREFUSED nobody is there: unlink the path and bind again
prefork-second-server = started a second server on { $path }, which the first one owns
prefork-when-path-owned = when another server owns its control path
prefork-second-took-path = the second server must leave the path alone: a connect() that succeeds means a server is there, and unlinking its path would cut it off from its clients
prefork-left-running = the server left { $n ->
    [one] { $n } process
   *[other] { $n } processes
} running ({ $pids })
prefork-left-zombies = the server left { $n ->
    [one] { $n } process
   *[other] { $n } processes
} it never reaped
prefork-end-workers = before exiting, end the workers forked so far (SIGTERM) and waitpid each one
prefork-started-as = started it as `{ $command }`
prefork-when-started-as = when started as `{ $command }`
prefork-sent-to-parent = sent { $signal } to the parent
prefork-sent-to-group = sent { $signal } to the whole process group (as Ctrl-C does)
prefork-on-signal = after { $signal }
prefork-exit-by-itself = on { $signal } the parent shuts down by itself and returns from main with status 0
prefork-path-left = the control path { $path } is still there after the server exited
prefork-unlink-at-exit = at exit, after the workers are waited for, remove the control path (unlink): the next server would find a stale file there
prefork-still-running = the server is still running 2 s after { $signal }
prefork-still-there = still running
prefork-workers-outlive = the parent waits for workers that do not end: send each SIGTERM before waiting, and give the workers SIGTERM's default action back after fork, unblocked (they inherit the parent's handlers and its signal mask)
prefork-handler-sets-flag = the handler sets a flag, and the loop must see it: a signal that comes while the parent waits must end the wait (ppoll with the signals blocked outside it, or poll failing with EINTR)

# An echo server that will never close (exercises/kit/echo.rs, expect_eof_or_stuck)
echo-asleep-holding = the server holds this connection after the client's EOF, has nothing left to send on it, and every one of its processes is asleep: nothing will close it. Close the connection once read() returns 0, in every process that holds it

## Grading a class: Classroom 50, Gradescope, the regrade (report/gradescope.rs)

gradescope-summary = { $points }/{ $max } points ({ $passed } passed, { $failed } failed)

## Experiments: `checker try` (commands/experiment.rs, experiments/)
help-cmd-try = Run an experiment that shows a claim of the course on this machine (backlog, zombie, ...): what it did, what the kernel answered, what that shows. Without a name: the list.
help-cmd-try-arg-name = An experiment's name, or `all`
try-list-heading = Experiments: each shows a claim of the course on this machine.
try-list-usage = Run one: `cargo run -p checker -- try <name>` (or `try all`; `--format json` for the figures).
try-unknown = no experiment is called `{ $name }`; there are: { $names }
try-heading = { $name } — { $title }  [{ $course }#{ $section }]
try-holds = ✓ The course's claim holds on this machine.
try-does-not-hold = ✗ The course's claim does NOT hold on this machine: please tell your instructor (with this output).
try-unavailable = — Could not run here: { $why }
try-needs-namespace = it needs a network namespace of its own (root, or a kernel that lets users make namespaces) for raw sockets
try-failed = the experiment failed: { $error }
try-yes = yes
try-no = no
try-backlog--title = listen(fd, 5) and no accept(): how many of clients A–G get connected
try-backlog-listen = The server: socket, bind 127.0.0.1:{ $port }, listen(fd, { $backlog }), and never accept(). Clients A to G call connect(), one after another.
try-backlog-queued = client { $client }: connected; it waits in the accept queue ({ $queued } waiting)
try-backlog-dropped = client { $client }: its SYN was dropped (the listener's ListenOverflows counter went up); it stays in { $state } and will send the SYN again
try-backlog-conclusion = { $completed } connections completed with backlog { $backlog }: Linux queues backlog + 1 completed connections, and drops the SYN after that (the client is not refused: it waits and retries).
try-accept-queue-full--title = a full accept queue: the SYN is dropped and sent again 1 s later
try-full-listen = The server listens on 127.0.0.1:{ $port } with backlog 1 and does not accept yet.
try-full-two-queued = Two clients connected: the accept queue is full (backlog + 1 = 2).
try-full-dropped = A third client calls connect(): its SYN is dropped; the client waits in { $state }.
try-full-accepted = The server calls accept() once: there is room in the queue again.
try-full-completed = The third client's connection completed { $ms } ms after its connect(), after { $retrans } retransmission(s) of its SYN.
try-full-conclusion = A dropped SYN costs the client its retransmission timeout (1 s the first time, then 2, 4, ...): a server that accepts late makes connects slow, not refused.
try-reset-in-accept-queue--title = a connection reset while it waits in the accept queue: does accept() still return it?
try-reset-queue-listen = The server listens on 127.0.0.1:{ $port } (backlog 5) and does not accept yet.
try-reset-queue-queued = A client connected: { $queued } connection(s) wait in the accept queue.
try-reset-queue-reset = The client sets SO_LINGER to 0 and closes: RST. The server's side took it; the accept queue holds { $queued }.
try-reset-queue-accepted = accept() returns it (state { $state }); the server's first recv() gives { $read }.
try-reset-queue-gone = accept() finds nothing: the reset connection left the queue.
try-reset-queue-conclusion = On Linux a connection reset in the accept queue stays there: accept() returns it, and the first read fails with ECONNRESET (then reads 0). A server must expect errors from a connection it has just accepted.
try-reset-queue-other = The kernel did not behave as the course says: see the lines above.
try-connect-unreachable--title = connect() answered by ICMP "host unreachable" fails at once
try-unreach-syn = A client calls connect() to port { $port }, whose queue is full: its SYN goes unanswered (the experiment sees it on a raw socket).
try-unreach-sent = The experiment answers that SYN with ICMP type 3 code 1, "host unreachable", as a router on the way would.
try-unreach-result = connect() ended with { $error } { $ms } ms after it started, after { $retrans } retransmission(s) of the SYN.
try-unreach-conclusion = On Linux an ICMP unreachable that answers a SYN ends connect() at once (tcp_v4_err): it is not a "soft error" waited out with more SYNs, as on BSD. The soft-error rule is for connections already established.
try-rst-unread--title = close() with unread data sends RST, not FIN
try-rst-unread-close = The client sent "hello"; the server closed without reading it. The client's recv(): { $read }
try-rst-read-first = The same, but the server read "hello" before close(). The client's recv(): { $read }
try-rst-conclusion = Data left unread at close() makes the kernel reset the connection (RST): the peer's read fails with ECONNRESET and whatever it had not read yet is lost. Read to EOF (or shutdown(SHUT_WR) first) when the peer may still be sending.
try-fin-delayed-ack--title = the ACK of a FIN waits for the delayed-ACK timer
try-fin-request = The client sent a request; the server read it and does nothing more.
try-fin-right-after = The client calls shutdown(SHUT_WR): a FIN. Right after, the client's socket is in { $state } (its FIN not yet acknowledged).
try-fin-acked = The ACK came { $ms } ms later, alone (the client is now in { $state }).
try-fin-answered = Again, with a server that closes as soon as it reads EOF: the client's side goes to { $state } (passing through FIN_WAIT2: { $fin_wait2 }): the server's FIN carried the ACK, no ACK came alone.
try-fin-conclusion = Linux does not acknowledge a FIN at once: it waits (40 ms or more) in case its own data or FIN can carry the ACK. The client's socket shows it: FIN_WAIT1 until the ACK comes, FIN_WAIT2 after; a server that answers at once sends the ACK with its FIN.
try-time-wait-reuseaddr--title = TIME_WAIT after the active close, and SO_REUSEADDR
try-tw-bind = port { $port } in TIME_WAIT: { $tw }; old socket SO_REUSEADDR { $old }, new socket SO_REUSEADDR { $new }: bind() → { $result }
try-tw-conclusion = The side that closes first keeps the connection in TIME_WAIT (2 MSL, 60 s on Linux); binding its port again fails with EADDRINUSE unless both sockets set SO_REUSEADDR, the new one and, on Linux, the old one too — which is the case when the same server restarts.
try-udp-icmp-unconnected--title = an unconnected UDP socket is not told of ICMP "port unreachable"
try-udp-unconnected = sendto() to 127.0.0.1:{ $port }, where nothing listens: an ICMP "port unreachable" comes back. The unconnected socket's recv(): { $result }
try-udp-recverr = The same with IP_RECVERR set on the unconnected socket: recv() gives { $result }
try-udp-connected = The same with a connected socket (connect, then send): recv() gives { $result }
try-udp-conclusion = The ICMP error reaches a connected UDP socket (ECONNREFUSED on the next call) but not an unconnected one, which could not tell whose datagram it was, unless it asked with IP_RECVERR: connect a UDP client to learn that nobody listens.
try-zombie--title = a child that exited is a zombie until its parent waits for it
try-zombie-forked = fork(): the child (pid { $pid }) calls _exit(7) at once; the parent does not wait yet.
try-zombie-state = /proc/{ $pid }/stat says state { $state }; kill(pid, 0) succeeds: { $kill }
try-zombie-reaped = waitpid() collects it: exited with { $code }; /proc entry gone: { $gone }; kill(pid, 0) now gives { $kill }
try-zombie-conclusion = A zombie is a process that has ended but still holds its pid and exit status until waitpid() reaps it; kill() on it still succeeds. Once reaped, the pid is free and may belong to another process: forget a pid when you reap it.
try-short-count-sigstop--title = a blocked send interrupted by a signal returns a short count
try-short-stop-moved = SIGSTOP and SIGCONT (as Ctrl-Z and fg), no handler, after some bytes went
try-short-restart-moved = a SIGUSR1 handler with SA_RESTART, after some bytes went
try-short-no-restart-moved = a SIGUSR1 handler without SA_RESTART, after some bytes went
try-short-stop-nothing = SIGSTOP and SIGCONT, no handler, before any byte went
try-short-restart-nothing = a SIGUSR1 handler with SA_RESTART, before any byte went
try-short-no-restart-nothing = a SIGUSR1 handler without SA_RESTART, before any byte went
try-short-case = send({ $asked } bytes) blocked; { $case }: it returned { $result }
try-short-conclusion = A blocked send that has moved some bytes returns that count whenever a signal interrupts it, with or without SA_RESTART, and after SIGSTOP/SIGCONT too. SA_RESTART only decides what happens when nothing had moved: restart, or fail with EINTR. Always send the rest.
try-epollet-starve--title = EPOLLET and one read per event: the rest waits, and no event comes for it
try-epoll-round = { $mode }: the client sent { $sent } bytes at once; the server, one recv of { $read } bytes per event, was told { $events } time(s) and read { $received } bytes; then epoll stayed quiet (50 ms) with { $left } bytes unread in the socket.
try-epoll-more = EPOLLET: one more byte arrives; epoll_wait reports { $events } event(s): only new data makes a new edge.
try-epoll-conclusion = Edge-triggered, an event means "data arrived", not "data is there": read until EAGAIN at every event, or the rest sits there unseen until the client sends more. Level-triggered, epoll reports the socket again while data waits.
try-pipe-buf-atomic--title = writes of at most PIPE_BUF bytes into a pipe are never split
try-pipe-small = 4 writers each wrote 64 records of { $bytes } bytes (PIPE_BUF) into one pipe at once: { $records } records, { $mixed } of them mixed with another's bytes.
try-pipe-large = Writer A: one write() of { $bytes } bytes into an empty pipe (64 KiB), which waits for room; writer B: one write() of 100 bytes, which waits behind A. No signal: the reader empties the pipe twice. A's write() returned { $first }, B's { $small }, and B's bytes landed at offset { $at }, inside A's write.
try-pipe-conclusion = A write of at most PIPE_BUF (4096) bytes into a pipe is atomic: it lands whole or waits. A larger one is not: while it waits for room, other writers' bytes take the room and land inside it, even though it returns its whole count. Several writers into one pipe: one write() per record, at most PIPE_BUF each.
try-accept-nonblock--title = a socket accept() returns does not inherit the listener's O_NONBLOCK
try-accept-nb = The listening socket is made non-blocking (fcntl, O_NONBLOCK): { $listener }. Two clients connect. The socket accept() returns is non-blocking: { $accepted }; the one accept4(SOCK_NONBLOCK) returns: { $accept4 }.
try-accept-nb-conclusion = On Linux O_NONBLOCK is not inherited by accept(): a server that waits with poll or epoll must make each new socket non-blocking itself (accept4 with SOCK_NONBLOCK, or fcntl), or one slow client blocks it.
try-shut-rd--title = shutdown(SHUT_RD) on Linux: reads end, but the data still comes in
try-shutrd-empty = The server calls shutdown(SHUT_RD) with nothing received yet: its recv() returns { $read } at once, without waiting.
try-shutrd-data = The client is not told: its send() of 5 bytes returns { $sent }; they arrive, and the server's recv() returns { $read } bytes. A reset sent: { $reset }.
try-shutrd-conclusion = SHUT_RD only makes a read that finds nothing return 0: TCP has no way to tell the peer to stop sending, and Linux goes on accepting what it sends. To refuse data, close the socket.
try-write-to-closed--title = writing to a peer that closed: the first write succeeds, a later one gets EPIPE or SIGPIPE
try-epipe-first = The server closes its socket; the client, which has not read the FIN, sends 5 bytes: send() returns { $result }.
try-epipe-reset = The server's kernel answers those bytes with RST; the client's socket is closed by it: { $reset }.
try-epipe-child = A child process with SIGPIPE at its default action sends again on that socket: { $status }.
try-epipe-second = The client sends again with MSG_NOSIGNAL: send() returns { $result }.
try-epipe-conclusion = A write to a peer that has closed usually succeeds the first time (the data goes out, the peer answers with RST); the next one fails with EPIPE and raises SIGPIPE, whose default action ends the process without a word. Ignore SIGPIPE or send with MSG_NOSIGNAL, and treat EPIPE as "this client is gone".
try-connect-refused--title = a non-blocking connect to a closed port: writable, POLLERR, SO_ERROR = ECONNREFUSED
try-refused = A non-blocking socket connects to 127.0.0.1:{ $port }, where nothing listens: connect() returns { $connect }. poll(POLLOUT) reports { $revents }; getsockopt(SO_ERROR) gives { $error }, and read again, { $again }.
try-refused-conclusion = A non-blocking connect that fails still makes the socket writable: writable means "connect has finished", not "connected". SO_ERROR says how it finished, and reading it clears it.
try-select-timeout--title = select() rewrites its timeout with the time it did not sleep
try-select-ready = select() with a timeout of { $before } ms on a pipe that a thread writes to 50 ms later: it returned { $ready }, and the timeout now says { $left } ms.
try-select-expired = select() with a timeout of 50 ms on a pipe nobody writes to: it returned { $ready }, and the timeout now says { $left } µs.
try-select-conclusion = On Linux select() overwrites its timeout with the time that was left: a loop that sets it once, before the loop, waits less each round, then not at all (a busy loop). Set it again before every call, like the sets.
try-epoll-close-dup--title = an epoll entry outlives close() while a duplicate of the descriptor lives
try-epoll-dup-closed = A socket registered as descriptor { $fd } is duplicated (dup), then descriptor { $fd } is closed. Data arrives: epoll_wait reports { $events } event(s), under the closed number; epoll_ctl(DEL, { $fd }) gives { $delete }.
try-epoll-dup-last = The epoll instance holds { $before } entry while the duplicate lives (its /proc fdinfo); once the duplicate, the socket's last descriptor, is closed: { $after }.
try-epoll-dup-conclusion = An epoll entry belongs to the open socket, not to the number: closing one descriptor while a dup or a child's copy lives leaves the entry, which reports under a number you closed and can no longer delete. With shared descriptors, epoll.delete before close.
try-sigchld-merge--title = standard signals do not queue: five children, one SIGCHLD
try-sigchld-blocked = A process blocks SIGCHLD, installs a handler, and forks { $children } children that exit at once. All have ended: { $ended }; SIGCHLD is pending: { $pending }.
try-sigchld-unblocked = It unblocks SIGCHLD: the handler runs { $runs } time(s); one loop of waitpid(-1, WNOHANG) reaps { $reaped } children.
try-sigchld-conclusion = A pending standard signal is one bit: the SIGCHLDs of children that end while one is pending merge into it. A handler that calls waitpid once per signal leaves zombies; loop on waitpid(WNOHANG) until none is left.
try-scm-rights--title = SCM_RIGHTS: 0 bytes of data pass nothing; too little room closes the surplus
try-scm-empty = sendmsg() on a Unix stream socket with 0 bytes of data and one descriptor returns { $sent }; the receiver's recvmsg() gives { $got }, with { $fds } descriptor(s).
try-scm-ctrunc = sendmsg() with 1 byte and { $sent } descriptors (pipes' write ends), to a receiver with room for { $room } (CMSG_SPACE of { $room } ints): it gets { $got } descriptor(s), MSG_CTRUNC set: { $cut }. Of the pipes, { $closed } now read EOF (the kernel closed their write end), { $open } are still open.
try-scm-conclusion = Descriptors ride on data: on a stream socket a sendmsg of 0 bytes sends nothing, descriptors included; send at least one byte. A receiver with too small a control buffer gets MSG_CTRUNC, and the descriptors that did not fit are closed: give room for all you expect.
try-length-byte-at-a-time--title = a remaining length that arrives a byte at a time is read a byte at a time; three packets can come in one read
try-length-setup = A device sends a PUBLISH whose remaining length is { $length } (the fixed header `30 c8 01`): its first byte, each byte of the length, then its body, each in a send of its own (TCP_NODELAY); the broker reads once each time the bytes are in.
try-length-first = read { $n }: `{ $bytes }`: the first byte, type { $kind } (PUBLISH) and its flags; no byte of the remaining length yet: read more.
try-length-more = read { $n }: `{ $bytes }`: & 0x7f is { $digit }, << { $shift }: { $value } so far, and its top bit says another byte follows: read more (alone, this byte would say { $value }).
try-length-done = read { $n }: `{ $bytes }`: & 0x7f is { $digit }, << { $shift }: the remaining length is { $value }, in { $used } bytes, its top bit clear; the packet is 1 + { $used } + { $value } = { $total } bytes.
try-length-body = read { $n }: { $bytes } bytes: the whole body, a PUBLISH to { $topic } with { $payload } bytes of payload.
try-length-together = Three PINGREQs (`c0 00`), each in a send of its own, before the broker reads: read { $n } returns { $bytes } bytes, { $packets } packets.
try-length-conclusion = TCP hands over bytes, not packets: a read can end inside a remaining length, or hold several packets. Keep what came in a buffer, decode from its start, and a length byte whose top bit is set means "read more", never "the length is this".
try-send-buffer-full--title = a socket nobody reads fills up: once both its buffers are full a non-blocking send gets EAGAIN, and poll says it is not writable
try-sendbuf-setup = A client connects and never reads. The server sends 64 KiB at a time with MSG_DONTWAIT (a non-blocking send) until the kernel takes no more, and again each time every byte sent is acknowledged.
try-sendbuf-full = send() returned EAGAIN after { $kib } KiB ({ $bytes } bytes, { $rounds } round(s)): { $peer } KiB wait in the reader's receive buffer (FIONREAD), { $own } KiB in the writer's send buffer (SIOCOUTQ); SO_RCVBUF is { $rcvbuf } KiB, SO_SNDBUF { $sndbuf } KiB.
try-sendbuf-pollout = poll() for POLLOUT, timeout 0: writable: { $writable }. The reader then reads all { $read } bytes; writable again: { $again }.
try-sendbuf-conclusion = A socket whose reader stops takes what its two buffers hold, then a non-blocking send gets EAGAIN and a blocking one waits, for as long as the reader does not read. A broker that writes to every subscriber from the code serving the publisher stops with the slowest subscriber: each connection needs a bounded outbox of its own, drained by its own writer (its thread, its POLLOUT, its task).

## A student's first hour (issue 24)
select-program-unknown = --program { $name }=...: none of the tests selected runs a program called `{ $name }`; the names they use: { $names }
select-program-none = --program { $name }=...: none of the tests selected runs a program (they grade a library); leave --program out, or select the exercise whose program it is
report-rules-void = ✗ A broken rule voids this exercise's points: the tests that pass would earn { $points ->
        [one] { $points } point
       *[other] { $points } points
    } once the rules hold (see the rules line below; { $course }#rules).
load-closed-early = the server closed the connection after echoing { $got } of { $bytes } bytes (FIN, or RST where it left bytes unread): it stopped serving this client before the client's EOF. Keep reading and sending back until read() returns 0
load-reset-early = reading the echo failed after { $got } of { $bytes } bytes ({ $error })
load-too-slow = only { $got } of { $bytes } bytes came back in time, the connection still open: the server is far too slow
# A library call as shown in a report: code, with its arguments described in words
fileio-slow-pipe = slow pipe
fileio-closed-pipe = pipe whose reader is gone
fileio-empty-buffer = an empty buffer
fileio-random-data = { $size } of random data
fileio-more-buffers = … { $n } buffers in all (more than one writev takes: IOV_MAX, 1024)
library-in-memory = bytes { $bytes } in memory

# day7-broker's codec, graded alone (exercises/day7_broker/codec.rs)
codec-length-value = { $value }, in { $bytes } bytes
codec-length-incomplete = incomplete: more bytes needed
codec-length-malformed = malformed
codec-length-8-bits = that is the value with 8 bits a byte: each byte carries 7 (its top bit says "another follows"), so byte i is shifted by 7 × i, not 8 × i (2.2.3).
codec-length-fifth = a 4th byte whose top bit is set is malformed at once (2.2.3): return Err(ProtocolError::RemainingLengthTooLong) without reading or waiting for a 5th.
codec-length-fifth-c = a 4th byte whose top bit is set is malformed at once (2.2.3): return -1 without reading or waiting for a 5th.
codec-length-cut = bytes that end inside the length are neither a length nor an error: Ok(None), and the caller reads more.
codec-length-cut-c = bytes that end inside the length are neither a length nor an error: return 0, and the caller reads more.
codec-encode-replaced = { $bytes }, and the byte already in the buffer is gone: append to `out`, never replace it
codec-encode-zero = nothing was written: 0 is one byte, 0x00 (the loop runs at least once).
codec-encode-last-byte = the last byte has its top bit set, which says "another follows": set it only while some of the length is left.
codec-flags-accepted = accepted
codec-flags-refused = refused
codec-flags-why = type { $kind } with flags { $flags }: { $rule }.
codec-flags-rule-reserved = types 0 and 15 are reserved (2.2.1), refused
codec-flags-rule-qos2 = PUBREC, PUBREL and PUBCOMP belong to QoS 2, which the lab's broker does not speak, refused
codec-flags-rule-qos3 = QoS 3 does not exist (3.3.1-4), refused
codec-flags-rule-dup = DUP must be 0 at QoS 0 (3.3.1-2), refused
codec-flags-rule-publish = PUBLISH takes QoS 0, 1 or 2 with any RETAIN, and DUP at QoS 1 and 2 (3.3.1)
codec-flags-rule-0010 = SUBSCRIBE and UNSUBSCRIBE carry exactly 0010 (3.8.1-1, 3.10.1-1)
codec-flags-rule-zero = this type's flags are 0000 (2.2.2-2)
codec-decode-no-flags = decode took a packet whose flags check_flags refuses: call check_flags(type, flags)? on the first byte of every packet, before its body.
codec-decode-no-flags-c = mqtt_next_packet took a packet whose flags are wrong: call mqtt_bad_flags on the first byte of every packet, before its body, and return -1 when it says why.
codec-decoded-incomplete = incomplete: more bytes needed
codec-decoded-packet = { $packet }, { $bytes } bytes long
codec-decoded-level = refused as another protocol level, { $level } (the broker answers it CONNACK return code 1)
codec-decoded-refused = refused ({ $why })
codec-decoded-refused-any = refused: a malformed packet, whatever the error
codec-connect-level = a CONNECT of another protocol level is refused as such, Err(ProtocolError::UnsupportedLevel(level)), as soon as the level byte is read: the broker answers it CONNACK return code 1 (3.1.2-2).
codec-connect-level-c = a CONNECT of another protocol level makes mqtt_decode_connect return 1, k->level set, as soon as the level byte is read: the broker answers it CONNACK return code 1 (3.1.2-2).
codec-connect-big-endian = the keep alive has its two bytes swapped: 2-byte integers are big-endian, the first byte the most significant (1.5.2).
codec-decode-cut = a buffer that ends inside a packet, even inside its remaining length, is neither a packet nor an error: Ok(None), and the caller reads more.
codec-decode-cut-c = a buffer that ends inside a packet, even inside its remaining length, is neither a packet nor an error: mqtt_next_packet returns 0, and the caller reads more.
codec-decode-took = a packet takes exactly its own bytes, 1 + the length's bytes + the remaining length: the bytes after it are the next packet's.
codec-decode-took-c = p->total is exactly the packet's own bytes, 1 + the length's bytes + the remaining length: the bytes after it are the next packet's.
codec-decode-whole = the packet is whole: 1 + the length's bytes + the remaining length is { $bytes }, and the buffer holds that many: decode it (is its remaining length read right?).
inet-addr-none = 0xffffffff (INADDR_NONE, or 255.255.255.255)
inet-addr-value = { $value } (bytes { $bytes } in memory)
# checker watch: which save a verdict belongs to (commands/watch.rs)
watch-verdict-of-start = ↑ the files as they were at { $time }
watch-verdict-of-save = ↑ the save of { $time }: { $files }
watch-changed-while-grading = { $files } changed while being graded ({ $time }): the verdict above is already out of date; grading again
# The stalled reader: how the bytes went missing (exercises/kit/stalled.rs)
stalled-closed-early = the server ended the connection (FIN, or RST where it left bytes unread) before sending everything back, while the client was still sending: it stopped serving this client before its EOF. Keep reading and sending back until read() returns 0, then close
## Servers side by side: `checker compare` (commands/compare.rs, compare/)
help-cmd-compare = Measure your servers side by side under the same load (echo servers: round trips; chat servers: lines to everyone), at 1 to 1,000 clients: a table, and a chart written under target/compare/. --solutions measures the reference servers, --program NAME=PATH adds a program from elsewhere (a chat server if NAME says chat).
help-cmd-compare-arg-targets = Which servers: an exercise, a day, a program, echo or chat (default: all)
help-cmd-compare-arg-quick = A first look: 1, 10 and 100 clients, shorter windows, { $quick } runs
help-cmd-compare-arg-runs = How many times each figure is measured, a fresh server each time (default { $runs }; { $quick } with --quick)
help-cmd-compare-arg-clients = The numbers of clients, e.g. 1,10,100,1000
compare-machine = Measured on { $cores } cores, one server at a time (load { $before } before, { $after } after; Linux { $kernel }; sandbox: { $sandbox }). Each figure is the median of { $runs } runs, ± how far the farthest run was; where that is over { $unstable }%, the runs disagree too much for one figure, and it reads lowest–highest.
compare-echo-heading = Echo servers: every client sends { $size } bytes and waits for them to come back, again and again, for { $seconds } s after { $warm } s of warm-up.
compare-echo-busy = Only { $busy } of each level's clients send; the others stay connected and silent (--busy): a server that looks at every connection on each turn pays for them all.
compare-chat-heading = Chat servers: the clients take turns to send a line of { $size } bytes; the next goes once every client has received it.
compare-mqtt-heading = MQTT brokers: every client subscribes to one topic; the clients take turns to publish a message of { $size } bytes to it at QoS 0, and the next goes once every subscriber has received it.
compare-col-server = server
compare-col-clients = clients
compare-col-served = served
compare-col-p50 = p50
compare-col-p99 = p99
compare-col-round-trips = round trips/s
compare-col-p50-everyone = p50 to all
compare-col-p99-everyone = p99 to all
compare-col-lines = lines/s
compare-col-messages = messages/s
compare-col-deliveries = received/s
compare-col-cpu = CPU
compare-col-cpu-per-trip = CPU/trip
compare-col-memory = memory
compare-col-per-connection = per connection
compare-col-threads = threads
compare-col-processes = processes
compare-col-errors = errors
compare-error-refused = { $count } refused
compare-error-reset = { $count } reset
compare-error-timed-out = { $count } not connected
compare-error-wrong = { $count } wrong or lost
compare-trouble-heading = Under load:
compare-trouble = { $server } at { $clients } clients: { $what }
compare-skipped-heading = Not measured:
compare-chart = Chart: { $path } (open it in a browser)
compare-took = Took { $seconds } s. Measure again:
compare-building = building { $exercise }
compare-does-not-compile = it does not compile: `cargo build` shows why
compare-round-trip = during the first round trip
compare-wrong-answer = the first line did not come back as sent: got { $got }
compare-no-answer = the first line did not come back: { $error }
compare-under-load = while { $clients } clients loaded it
compare-no-levels = --clients needs at least one number of clients above 0
compare-unknown-target = `{ $target }` names no server to compare; there are: { $names } (or a day, an exercise, `echo`, `chat`)
compare-lowered-clients = { $from } clients lowered to { $to }: the open-file limit (RLIMIT_NOFILE, hard) is { $limit }, and every client takes a descriptor in the checker and in the server
compare-chart-title = Your servers side by side, under the same load, on { $cores } cores
compare-chart-subtitle = median of { $runs } runs (bars: lowest to highest run) · { $size }-byte messages · load { $load } · Linux { $kernel } · both axes logarithmic
compare-chart-echo-latency = echo: round trip, 99th percentile
compare-chart-echo-rate = echo: round trips per second, all clients
compare-chart-chat-latency = chat: a line to every client, 99th percentile
compare-chart-chat-rate = chat: lines delivered to everyone per second
compare-chart-mqtt-latency = MQTT: a message to every subscriber, 99th percentile
compare-chart-mqtt-rate = MQTT: messages delivered to every subscriber per second
compare-chart-memory = memory of the server's processes (PSS)
compare-chart-axis-ms = milliseconds
compare-chart-axis-per-second = per second
compare-chart-axis-mib = MiB
compare-chart-served = { $served }/{ $clients } served
compare-chart-axis-clients = clients connected
# The likeliest first bugs, each named for its cause (issue 24, point 1)
client-spins-after-eof = the server had closed the connection (FIN) before the whole line came back, and from then on every recv() returns 0 at once: a client still running is calling recv() again and again, taking 0 for "no data yet". 0 is the end of the connection
# The course section to read, with its heading (issue 24, point 10)
report-read-heading = read: { $course }#{ $section }, "{ $heading }"

## day6-async (exercises/day6_async/)

async-syn-retry = the server took over a second to accept { $n } clients: the listen queue was full and a SYN was dropped, then sent again (SYN retransmission)
async-threads-grew = with { $clients } clients connected the server runs { $with } threads, { $none } with none: its threads grow with its clients
async-tasks-not-threads = a task per client (tokio::spawn), never a thread: no std::thread, no spawn_blocking, no blocking call that makes the runtime start more threads. The runtime's workers serve every client
async-line-to-all = one line to { $clients } clients must reach every one within 2 s
async-other-line = { $who } got another line than the one sent to everybody
async-memory-grew = with { $clients } clients connected the server's resident memory grew by { $kib } KiB, { $per } KiB a client (at most 64)
async-small-state = a task's state is what it holds across an .await: keep a client's buffer small (a few KiB), and allocate what it needs when it needs it
async-stops-reading = stops reading, so that its lines pile up in the kernel, then in the server
async-never-piled = { $lines } lines went to the clients that read, and none waits inside the server for the client that does not, though the server still holds its connection (the kernel holds a few hundred at most): the server dropped that client's lines instead of keeping them
async-cut-early = { $who } was disconnected after { $sent } lines were sent: it got { $got } of them, then the end, so at most { $behind } lines waited inside the server for it, not more than 1,024
async-keep-until-behind = a client that stops reading is disconnected only once more than 1,024 lines wait inside the server for it: broadcast::channel(1024), or a bounded queue of 1,024 per client. A smaller bound cuts off a client that merely paused
async-let-go-before-signal = { $who } was disconnected after { $lines } lines, before the signal, where { $who } was to be kept
async-others-waited = of the { $n } lines sent from line { $line } on, one did not reach the steady clients within a second, while { $held } lines waited inside the server for the client that does not read: the server waits for the slow client
async-far-behind = more than 1,024 lines wait inside the server for client 0 ({ $lines } sent)
async-behind-memory = while the client that does not read was far behind, { $lines } more lines made the server's memory grow by { $kib } KiB: what waits for it is not bounded
async-bound-the-queue = bound what waits for a client: broadcast::channel(1024), whose recv() returns Err(Lagged) when a receiver is too far behind, or a bounded queue per client (mpsc::channel(1024) and try_send); then disconnect that client
async-gap = the client that fell behind got a line other than line { $line }: a gap, or lines out of order
async-lagged-close = Err(Lagged) means lines were lost for that client: close its connection rather than go on with a gap
async-others-go-on = client 0, too far behind, got EOF; then client 1, which reads steadily, sent a line and did not get it back: disconnect the client that lags, never the server (Err(Lagged) ends that client's task, not the process)
async-cut-line = the connection ended in the middle of a line: disconnect a client between two lines, after a write_all has finished, never in the middle of one
async-not-disconnected = client 0 was more than 1,024 lines behind ({ $lines } sent), and after { $got } lines neither the rest nor EOF came: it must be disconnected
async-all-came = client 0 got every one of the { $lines } lines, and was never disconnected although more than 1,024 lines waited for it inside the server
async-signal-with-lines = { $signal } sent: { $lines } lines sent, client 0 and client 1 behind by at least 64 each
async-eof-at-shutdown = after the shutdown signal
async-close-every-client = at the shutdown every client gets its lines, then EOF: close every connection (drop the socket, or shutdown() it) before main returns
async-taken-lines-lost = client 0 got EOF after { $line } of the { $lines } lines the server had taken: a shutdown delivers every line taken to the clients that read
async-deliver-then-close = a shutdown stops reading new lines, lets every writer send what it holds, and only then closes
async-no-exit-in-2s = the server had not exited 2 s after { $signal }
async-grace = a client that does not read cannot hold up the shutdown: give its writer a grace (tokio::time::timeout, or a sleep in a select!) of at most 1.5 s, then drop it, print bye and return from main
async-after-signal = after { $signal }
async-left-behind = the server exited, and left a process behind

# The OS's errors (base/i18n/errno.rs): English is the OS's own text (strerror); another
# language says it in its words, and the errno's name follows in parentheses.
errno-econnrefused = Connection refused
errno-econnreset = Connection reset by peer
errno-epipe = Broken pipe
errno-eaddrinuse = Address already in use
errno-eaddrnotavail = Cannot assign requested address
errno-eagain = Resource temporarily unavailable
errno-eintr = Interrupted system call
errno-enoent = No such file or directory
errno-eacces = Permission denied
errno-etimedout = Connection timed out
errno-ebadf = Bad file descriptor
errno-einval = Invalid argument
errno-enotconn = Transport endpoint is not connected
errno-eisconn = Transport endpoint is already connected
errno-emfile = Too many open files
errno-echild = No child processes
errno-enotsock = Socket operation on non-socket
errno-enetunreach = Network is unreachable

# report/explain.rs: beside rustc's and clippy's English, in another language than English.
report-rule-reason = = why: { $reason }
report-compiler-fix = = how to fix: { $fix }
rustc-fix-e0308 = the type expected and the type found differ: convert the value (as, into(), ?) or change the function's return type to match
rustc-fix-e0499 = the same value is borrowed &mut twice at once: finish with the first borrow before taking the second, or split the value
rustc-fix-e0502 = the value is borrowed with & and &mut at once: copy what you read first, or change the value once the & borrow has ended
rustc-fix-e0382 = the value was moved away already: lend it (&), .clone() it if you need two, or use it before it moves
rustc-fix-e0425 = no such name here: check the spelling, and bring it in with use if it lives in another module
rustc-fix-e0277-question-mark = ? works only in a function that returns a Result (or Option) whose error the error converts into: change the return type, or handle the error with match or map_err
rustc-fix-must-use = a Result was dropped, so its error goes unseen: pass it on with ?, or handle it with match or if let (let _ = only where ignoring it is really right)
report-compiler-warnings = ⚠ the compiler warns (no test fails for it, but an error where it points would go unseen):

# checker stubs ko|en (commands/stubs.rs)
stubs-in-korean = Korean
stubs-in-english = English
stubs-switched = { $count ->
    [one] 1 stub now has its comments in { $language }.
   *[other] { $count } stubs now have their comments in { $language }.
}
stubs-already = { $count ->
    [one] 1 stub was in it already.
   *[other] { $count } stubs were in it already.
}
stubs-left-edited = { $count ->
    [one] Left as you edited it: { $files }
   *[other] Left as you edited them ({ $count }): { $files }
}
stubs-no-english = Not switched back, as git's history holds no English copy of them (git checkout one from the lab): { $files }
help-cmd-stubs = Switch the comments of the stubs in exercises/ to Korean (ko) or back to English (en). Only stubs still as the lab ships them are switched; one you have edited is left as it is, and named.
help-cmd-stubs-arg-lang = ko or en

# A class's export (commands/lab_only.rs): what needs the instructor's lab, said in one line
export-needs-lab = `{ $what }` needs the instructor's lab (its solutions and its own tests), and this repository is a class's export of it
export-other-track = this repository holds the { $track } track only: `--track { $asked }` does not apply here
export-stubs-korean = this repository's stubs were written with Korean comments and it holds no English copy of them, so `stubs` is not offered here
select-not-on-c-track-export = { $exercise } is not on the C track, and this repository holds the C track only: a C class writes day5-epoll's event loop instead

## day7-broker: the devices the checker plays (observe/wire/mqtt)
mqtt-closed-instead = the broker closed { $who }'s connection where { $expected } was due ({ $clause })
mqtt-nothing-came = { $who } waited for { $expected } ({ $clause }): nothing came in time
mqtt-not-closed = { $who } sent { $what }: the broker must close the connection ({ $clause }), but { $instead }
mqtt-instead-sent = it sent { $got }
mqtt-instead-open = it was still open { $secs } s later
mqtt-expected-got = { $who } expected { $expected } ({ $clause }), the broker sent { $got }
mqtt-malformed = { $who } received bytes that are no MQTT 3.1.1 packet: { $error }
mqtt-ping-late = the checker's own PINGREQ would have left too late (the machine is busy): the pinger starts again
mqtt-stalled-took = every message reached the reader in { $secs } s while two subscribers read nothing
mqtt-resumed-label = after the stall
mqtt-resumed-why = the subscriber at QoS 0 read again: what the broker kept for it must be whole packets, in the order published (messages may have been dropped, never part of a packet: a short send's rest must be sent next)
mqtt-resumed-wanted = a PUBLISH of the publisher's, { $next } or a later one, with its 4096 bytes
mqtt-resumed-payload = { $who } received { $topic } with a payload that is not the one published: { $len } bytes, the first difference at byte { $at } ({ $byte } instead of `x`): a packet whose bytes were lost after its header was sent
mqtt-memory-grew = the broker's resident memory grew from { $before } MiB to { $after } MiB while two subscribers read nothing ({ $sent } MiB sent to each): more than the { $bound } MiB a bounded queue per device needs (the lab's contract: a subscriber that stops reading costs bounded memory)
mqtt-signal = { $signal } to the broker, three devices connected
mqtt-no-exit-in-2s = the broker had not exited 2 s after { $signal }
mqtt-after-signal = after { $signal }
mqtt-accepts-after-exit = the broker exited, yet a new connection to its port was accepted
mqtt-what-its-connack = its CONNECT, refused
mqtt-what-before-connect = { $packet } before CONNECT
mqtt-what-reserved-flag = a CONNECT with the reserved flag set
mqtt-what-second-connect = a second CONNECT
mqtt-what-taken-over = nothing (another connection took its client id)
mqtt-what-filter = the filter { $filter }
mqtt-what-wildcard-topic = a PUBLISH to the topic { $topic }
mqtt-what-qos2 = a PUBLISH at QoS 2
mqtt-what-signal = nothing ({ $signal } came to the broker)
mqtt-what-silent = nothing for 1.5 s (a keep-alive of 1 s)
mqtt-what-keep-alive-first = its whole keep-alive of 1 s in silence
mqtt-what-ping-in-grace = PINGRESP (the PINGREQ came 2.5 s after the CONNECT, inside the 3 s grace)
mqtt-what-the-close = the close
mqtt-what-new-packet-id = PUBLISH qos=1 topic={ $topic } with a packet identifier no unacknowledged message has (in use: { $ids })
mqtt-what-5-byte-length = a remaining length of 5 bytes
mqtt-what-oversize = a PUBLISH announcing 300 KiB
mqtt-what-not-utf8 = a topic that is not UTF-8
mqtt-what-nul = U+0000 in a topic
mqtt-what-type-15 = the reserved packet type 15
mqtt-what-garbage = 64 bytes of 0xff
mqtt-what-one-copy = one PUBLISH qos=1 topic=a/b "both"
mqtt-got-copies = { $n } copies of a/b, at QoS { $qos }
mqtt-clause-refused-then-closed = 3.2.2-5: after a CONNACK that refuses, the broker closes
mqtt-clause-in-pieces = 2.2: a packet may arrive in pieces
mqtt-clause-several-in-one-read = 2.2: one read may hold several packets
mqtt-clause-only-offender = 4.8: only the offending connection is closed
mqtt-clause-while-stalled = { $clause }, while two subscribers read nothing (the lab's contract: a subscriber that stops reading delays no one)
mqtt-clause-only-matching = 3.3.5: only to matching subscriptions
mqtt-clause-own-messages = 3.3.5: a publisher gets its own messages only if it subscribed
mqtt-clause-grant-at-most-1 = 3.9.3: the lab's subset grants at most QoS 1
mqtt-clause-no-qos2 = the lab's subset: no QoS 2 flow
mqtt-clause-size-limit = the lab's limit: 256 KiB a packet
mqtt-clause-empty-retained = 3.3.1-10, 3.3.1-11: an empty retained message clears the topic
mqtt-clause-not-before-keep-alive = 3.1.2-24: not before the keep-alive has passed (a close is due at one and a half times it)
mqtt-clause-disconnect-closes = the lab's contract: after DISCONNECT the broker closes
mqtt-clause-kept-while-away = 3.1.2-5: QoS 1 messages are kept while the device is away
mqtt-clause-clean-keeps-nothing = 3.1.2-6: a clean session keeps no subscription
mqtt-clause-unsubscribed = 3.10.4-2: no more deliveries after UNSUBACK
mqtt-clause-all-closed = the lab's contract: every connection closed
mqtt-clause-one-copy = 3.3.5-1 and the lab's contract: one copy, at the highest QoS granted

# The class page: `checker gradebook --html` (report/class/)
class-page-title = The class at a glance
class-students-count = { $n ->
    [one] { $n } student
   *[other] { $n } students
}
class-deadline = Deadline: { $deadline }
class-kpi-students = students
class-kpi-graded = graded
class-kpi-mean = mean score, of the graded
class-kpi-rust = on the Rust track
class-kpi-c = on the C track
class-kpi-full = with every point
class-kpi-not-started = not started at all
class-kpi-flagged = flagged
class-fails-title = What the class fails
class-fails-intro = Every test, the most points lost by students who tried it first: that is what to teach again. Students who had not started it are counted apart, and so are runs the machine could not judge. A test's name leads to why it fails.
class-nothing-graded = No student was graded.
class-col-test = Test
class-col-exercise = Exercise
class-col-passed = passed
class-col-failed = failed
class-col-not-started = not started
class-col-unjudged = not judged
class-col-lost-tried = points lost, tried
class-col-lost-not-started = points lost, not started
class-col-student = Student
class-col-track = Track
class-col-points = Points
class-col-flags = Flags
class-why-title = Why
class-why-intro = Under each test some student failed: what the checker saw, how often, what it told the students, the course section to teach from, and who.
class-why-none = No student who tried a test failed it.
class-why-failed = { $failed } of the { $tried } students who tried it failed; { $lost } points lost.
class-why-read = Course:
class-cause-diagnosis = the program's state: { $name }
class-cause-kind = { $name }
class-cause-does-not-compile = did not compile
class-cause-refused = not graded: a file students must not change was changed
class-cause-wrong = a wrong answer
class-hint = What they were told:
class-hint-on-rust = Told on the Rust track:
class-hint-on-c = Told on the C track:
class-hint-does-not-compile = The exercise did not compile: each student's report shows the compiler's messages.
class-hint-refused = With --ci, an exercise holding anything but its sources (a build.rs, a changed Cargo.toml or clippy.toml) earns nothing: the student's report names the file.
class-which-students = Which students
class-progress-title = Progress by day
class-progress-intro = Per exercise, how many graded students have not started it, started it, or pass every test; then how their scores spread, in tenths of the maximum. A student who has not started stands apart from a score of 0.
class-histogram-overall = The whole lab: every student's score
class-histogram-axis = % of the maximum
class-no-grade = no grade
class-started = started
class-passing = all passing
class-day = Day { $day }
class-trust-title = What to trust
class-trust-intro = What stands out in the grades, what could not be judged, and what graded them. A regrade at the deadline, with the lab pinned, mends most of it.
class-trust-flags = Flags
class-trust-none = Nothing stands out.
class-flag-no-submission = no commit before the deadline: nothing to grade
class-flag-could-not-clone = the repository could not be cloned: not graded
class-flag-grading-failed = the grading did not finish: not graded
class-flag-other-lab-revision = graded by another lab revision than most students (graded before a fix, say)
class-flag-lab-revision-unknown = the lab revision that graded it is unknown
class-flag-lab-modified = graded by a lab whose files differ from its commit: it cannot be reproduced
class-flag-after-deadline = the commit graded is dated after the deadline
class-flag-commit-date-unknown = a deadline, but no commit to date
class-flag-graded-twice = a second report of the same student
class-trust-unjudged = Tests that could not be judged
class-trust-unjudged-none = Every test was judged.
class-trust-unjudged-intro = The machine was too busy to judge these runs: they are worth no points either way, and a regrade judges them.
class-trust-graded-by = What graded the class
class-trust-revision = Lab revision
class-trust-checker = Checker
class-trust-sandbox = Sandbox
class-trust-graded-by-note = A revision marked + was modified; a sandbox marked ✗ did not contain the students' programs (plain mode): they ran beside the checker, a grade to trust less.
class-unknown = unknown
class-trust-regrade = Grading them again
class-trust-regrade-none = No student needs grading again.
class-trust-regrade-intro = { $n ->
    [one] A regrade at the deadline would mend 1 student's grade. In the lab, with your roster:
   *[other] A regrade at the deadline would mend { $n } students' grades. In the lab, with your roster:
}
class-students-title = The students
class-students-intro = Each student's score, tests and flags; a name leads to the student's own failures.
class-sort-name = by name
class-sort-score = lowest score first
class-sort-flags = flagged first
class-track-rust = Rust
class-track-c = C
class-track-unknown = track unknown
class-student-score = { $points } of { $max } points ({ $percent }%)
class-student-no-grade = No grade:
class-student-not-started = Not started:
class-student-all-passing = Every test passes.
class-back = Back to the table
class-causes-title = What the checker saw, and what it told the students
class-failures-count = { $n ->
    [one] { $n } failure
   *[other] { $n } failures
}
class-fails-more = { $n } more tests
class-trust-unjudged-count = { $runs } runs of { $tests } tests
class-sort = Order:
mqtt-what-pingresp-or-close = PINGRESP, or the close (a broker may refuse a `$` topic from a client, 4.7.2)
mqtt-what-reserved-bits = a { $packet } whose fixed header's flags are { $bits }
mqtt-what-qos3 = a PUBLISH at QoS 3 (both QoS bits set)
mqtt-what-qos-byte = a SUBSCRIBE whose requested QoS byte has a reserved bit set ({ $byte })
mqtt-clause-long-length = 2.2.3: this packet's remaining length, { $len }, takes { $count } bytes ({ $hex }), 7 bits a byte, the lowest first
mqtt-clause-resent = 4.4.0-1, 3.3.1-1: each of the { $n } messages left unacknowledged is sent again first, with DUP and its packet id
mqtt-clause-qos1-kept = 4.3.2 and the lab's contract: the QoS 1 messages of a subscriber that does not read are kept up to the session's bound (1,000), so all { $kept } of its share
mqtt-resumed-why-qos1 = the subscriber at QoS 1 read again, acknowledging each message: the broker owns every QoS 1 message it acknowledged to the publisher, and must send this subscriber all { $kept } it subscribed to, each once, in the order published, then the message published after them
