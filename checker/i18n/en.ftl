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

report-exercise-counts = ({ $passed }/{ $tests } tests, { $earned }/{ $possible } points)
report-does-not-compile = does not compile
report-not-graded = not graded
report-fix-compile-errors = fix the errors above (the compiler's own messages), then run the checker again; the other exercises are graded as usual
report-not-started-open = not started: open exercises/{ $exercise }/{ $file } and read { $course }#{ $section }
report-test-title = test: { $title }
report-output = output:
report-note = note:
report-hint = hint:
report-read = read: { $course }#{ $section }
report-try-by-hand = try it by hand: { $command }
report-rerun = re-run: { $command }
report-transcript-took = transcript ({ $seconds } s):
report-score = score: { $earned }/{ $possible } points
report-score-day = day { $day }: { $earned }/{ $possible }
report-totals = { $passed } passed, { $failed } failed
report-totals-skipped = { $passed } passed, { $failed } failed, { $skipped } not applicable
report-grading = grading

## Hints by kind of error (report/hints.rs)

hint-not-started = This code still runs `todo!()`. Replace the `todo!()` with your implementation; the doc comment above it quotes the C call and names its nix equivalent.
hint-panic = Your code panicked. The message and the line are shown above; a panic is never a pass, even where the contract expects an error (print one line on stderr and exit with status 1 instead).
hint-crash = The process died from a signal. SIGSEGV usually means a stack overflow (endless recursion); SIGABRT a panic inside a panic or an explicit abort; SIGPIPE a write to a socket whose peer had closed (see course.md on SIGPIPE and MSG_NOSIGNAL).
hint-timeout = Nothing happened within the time limit. Look for a loop that never ends, a read that waits for data that will never come (did you wait for EOF before answering?), or a blocking call on the wrong socket.
hint-refused = Connection refused (ECONNREFUSED): nothing listens on that address and port. A server must bind(), listen() and print its `listening on` line only once it listens; a client must report the error on stderr and exit with status 1.
hint-reset = Connection reset (ECONNRESET): the other side sent RST. That happens when a socket is closed with unread data in its receive buffer, or when a process dies with the connection open (a panic, a crash).
hint-early-eof = The connection ended (read() returned 0, EOF) before all the data arrived. Was the socket closed too early, or was a short write() taken for a complete one? write() may send fewer bytes than asked: loop until everything is sent.
hint-address-in-use = Address already in use (EADDRINUSE). After a server closes, its side of a finished connection waits in TIME_WAIT for 2*MSL; bind() refuses the port meanwhile unless SO_REUSEADDR is set on the listening socket *before* bind().
hint-no-listening-line = A server must print exactly `listening on <ip>:<port>` (the real port, from getsockname()) once it listens, and flush stdout; the checker waits for that line before connecting.
hint-bad-output = Output is part of the contract: it must match byte for byte, spaces and newlines included, and nothing else may be printed on that stream.
hint-bad-exit = Exit statuses are part of the contract: 0 on success, 1 with one line on stderr for an expected error, never a panic (101) or a signal.
hint-rule = The exercise forbids a shortcut that would skip its lesson (see clippy.toml and the [lints] table in the exercise's Cargo.toml). Write that part yourself.

## Grading (grade/)

rules-wait-for-work = nothing to check yet: the rules are checked once your code gets past its todo!()s

## Transcripts of the wire (observe/wire/)

transcript-earlier-lines = … ({ $n } earlier lines)
transcript-sent = sent { $size }: { $data }
transcript-received = received { $size }: { $data }
transcript-sent-datagram = sent a datagram of { $size } to port { $port }: { $data }
transcript-received-datagram = received a datagram of { $size } from port { $port }: { $data }
build-tampered = { $files }: the exercise's manifest and rules must stay as the lab ships them
build-tampered-restore = restore them from the lab (e.g. `git checkout <lab revision> -- <file>`); grading uses the lab's own rules
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
overview-next = Next: read { $course }#{ $section } and run `cargo run -p checker { $exercise }`
overview-all-pass = Every exercise passes. Well done!

## The checker's own messages (commands/, main.rs)

options-cap-kernel = the kernel's (a pids cgroup per program)
options-cap-checker = the checker's (it counts each program's processes)
options-sandbox = sandbox: { $sandbox }; process cap: { $max } at once, enforced by { $cap }
options-jobs-one = jobs: 1 (a --program may listen on a fixed port, and plain mode shares the machine's ports; -j N overrides)
options-no-root = --root { $dir }: no such directory
checker-error = checker: { $error }
select-no-test = `{ $exercise }` has no test `{ $test }`; `checker list` shows the test ids of every exercise
select-nothing-belongs = no exercise belongs to `{ $target }` yet; `checker list` shows them
select-did-you-mean = unknown exercise or target `{ $target }`: did you mean `{ $guess }`? (`checker list` shows every exercise)
select-unknown = unknown exercise or target `{ $target }`; try `all`, a day such as `day1`, or one of: { $names }
grade-no-step-summary = could not write the step summary: { $error }
grade-writing = writing { $file }
watch-watching = watching { $dir } for changes (Ctrl-C to stop)…
watch-unavailable = file watching is unavailable here ({ $error }): press Enter to grade again, Ctrl-C to stop
list-exercise = { $exercise } (day { $day }) — { $title }  [{ $course }#{ $section }]
list-points = { $points } pt
hint-unknown-exercise = unknown exercise `{ $exercise }`; `checker list` shows them
hint-read-first = Read { $course }#{ $section } first.

## How a program ended, and what the checker had to do to it (contain/)

exit-panic = exited with status 101 (a panic)
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

echo-no-listening-line = { $label } printed no `listening on` line (a program given with --program may print none): nothing to check
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
echo-after-reset = after a client reset its connection
echo-stays-silent = stays silent for 1 s
echo-still-holds = 3 clients have left, but the server still holds { $n ->
    [one] { $n } socket
   *[other] { $n } sockets
} for them
echo-close-wait = CLOSE_WAIT: the client closed its side and the server never closed its socket
echo-descriptors-open = the descriptors of finished connections stay open: close (drop) the socket after the client's EOF
echo-stopped-server = stopped the server while the connection was open
echo-could-not-restart = the server could not start again on port { $port } right after its previous run
echo-16mib-late = 16 MiB did not come back in 15 s
echo-too-slow = { $yours } MB/s, less than a quarter of the reference echo server's { $reference } MB/s on this machine

## The kit's steps (exercises/kit/)

errors-still-running = { $label } was still running { $situation }
errors-the-contract = the contract: one line on stderr and exit status 1
errors-lines-instead-of-one = { $label } exited with 1 { $situation }, but wrote { $lines } on stderr instead of one
errors-not-the-line = `{ $shown }` exited with 1, but its stderr is not the one error line
server-before-it-listened = before it listened
server-before-listening-line = before it printed `listening on <ip>:<port>`
server-closed-stdout = { $label } closed its stdout without printing `listening on <ip>:<port>`
server-not-a-listening-line = { $label } printed { $line }, which is not `listening on <ip>:<port>`
server-says-other-port = { $label } was started with port { $port } but says it listens on port { $actual }
server-print-real-port = print the port getsockname() returns, not the argument: with 0 the kernel picks one
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
rules-broken = { $exercise } breaks its rules ({ $places } flagged by clippy)
clients-thread-failed = a client thread failed
clients-flood-short = a flooding client could send only { $at } of { $total } bytes in time
clients-flood-failed = the flooding thread failed
echo-sending-thread-failed = the sending thread failed
stalled-stops = stopped and continued the server { $n } times
stalled-short-send = bytes went missing after the server was stopped and continued: send() returned a short count and the rest was never sent
stalled-non-blocking = bytes went missing while the client was not reading: a non-blocking send may take only part of the data (or fail with EAGAIN); keep the rest in that client's buffer and send it when poll reports POLLOUT
hidden-accepted = accepted a connection
hidden-eof = EOF from the client
hidden-closed-early = closed the connection early, on purpose
hidden-write-failed = write failed: the client went away
stall-not-blocked = the server stalled with { $queued } bytes waiting for the client, and is not blocked in a send (a non-blocking design): nothing to interrupt
stall-stopped = server stopped (SIGSTOP) while its send was blocked
stall-continued = server continued (SIGCONT)

## day2-echo's client (exercises/day2_echo/)

client-no-exit-after-stdin = echo-client did not exit after stdin ended
client-while-echoing = while echoing
client-sent-differs = the bytes echo-client sent to the server differ from the lines it was given
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
