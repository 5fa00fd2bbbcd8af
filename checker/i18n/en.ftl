# The checker's messages in English: the source of truth for every message but the tests'
# titles and hints (those stay in the exercise tables, checker/exercises/<name>/mod.rs).
#
# Each message has a stable id; code names it with msg!("id", name = value). Keep the text
# byte for byte what the golden reports expect (checker/tests/golden/). Fluent trims blanks
# at the ends of a value: write {" "} where one must stay. Add a key here first (or, said by one
# exercise's or family's tests alone, to the en.ftl of its folder, checker/exercises/<name>/ or
# checker/src/exercises/families/<family>/),
# then to ko.ftl beside it; `cargo run -p checker -- verify` lists what ko.ftl lacks.

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
exercise-in-progress = in progress
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
report-unjudged = { $n ->
        [one] 1 test could not be judged: the machine was too busy. It earns no points and keeps them in the maximum
       *[other] { $n } tests could not be judged: the machine was too busy. They earn no points and keep them in the maximum
    }: grade again when the machine is quieter.
report-grading = grading
progress-building = building { $exercise } (first time: ~1 min)

## Hints by kind of error (report/hints.rs)

hint-not-started = This code still runs `todo!()`. Replace the `todo!()` with your implementation; the doc comment above it quotes the C call and names its nix equivalent.
hint-not-started-c = This code still stops at a `TODO(...)`. Replace it with your code; the `// TODO` comment above it quotes the call from the course notes.
hint-panic = Your code panicked. The message and the line are shown above; a panic is never a pass, even where the contract expects an error (print one line on stderr and exit with status 1 instead).
hint-panic-c = The message above comes from the lab's glue that calls your function (a shim: the file it names), not from your C code: the glue refused what the function returned or wrote, which breaks the contract of its header (the message says how: a value other than 0 or -1, a string without its NUL). Do what the header's comment promises, on every path.
hint-crash = The process died from a signal. SIGSEGV usually means a stack overflow (endless recursion); SIGABRT a panic inside a panic or an explicit abort; SIGPIPE a write to a socket whose peer had closed (see course.md on SIGPIPE and MSG_NOSIGNAL).
hint-crash-c = The process died from a signal. SIGSEGV means a bad memory access: a NULL, freed or uninitialised pointer, an index past the end of an array, or a stack overflow (endless recursion); SIGABRT an abort: a failed assert(), or the C library stopping on a corrupted heap (a double free, a write past malloc'd memory) or on a buffer overflow that _FORTIFY_SOURCE or the stack protector caught, or the undefined-behaviour sanitizer, whose `runtime error:` line above names the file and line; SIGPIPE a write to a socket whose peer had closed (see course.md on SIGPIPE and MSG_NOSIGNAL).
hint-timeout = Nothing happened within the time limit. Look for a loop that never ends, a read that waits for data that will never come (did you wait for EOF before answering?), or a blocking call on the wrong socket.
hint-stuck = Nothing ran out: the program sleeps in a blocking call that nothing will end (see where it waits). Ask what that call waits for and who would send it: bytes or an EOF the other side never sends (a copy of a descriptor left open somewhere keeps an EOF from coming), a connection nobody makes, a child that never ends, a lock nobody releases.
hint-client-no-timeout = Nothing ran out: the client sleeps in a receive on a socket with no timeout (see where it waits), for bytes that will never come. A datagram can be lost and a server can fall silent: where the contract limits the wait, set SO_RCVTIMEO (or wait in poll with a timeout) and act when it expires. Where it waits for the server's EOF, the server may be waiting for yours: close (or shutdown(SHUT_WR)) once you have nothing more to send.
hint-idle = Nothing ran out: the reply was due, and the program only slept, woken by timers of its own (a sleep, a wait with a timeout), sending nothing while nothing moved (see where it waits). Ask where the bytes it took went: a read that waits for more than one line (a fixed-size read_exact), a queue that another thread looks at on a timer, a line held back until a timer fires. A reply goes out as soon as the bytes that call for it come in.
hint-idle-c = Nothing ran out: the reply was due, and the program only slept, woken by timers of its own (a sleep, a wait with a timeout), sending nothing while nothing moved (see where it waits). Ask where the bytes it took went: a read that waits for more than one line (a loop of read() until a fixed number of bytes has come), a queue that another thread looks at on a timer, a line held back until a timer fires. A reply goes out as soon as the bytes that call for it come in.
hint-holds-unread = The server never read what it accepted: it went back to accept() and left the connection it had accepted unread (see where it waits: the client's bytes wait in that socket), while the client waits for their echo. accept() returns a new socket for each client: read from it and send back what came until read() returns 0, then close it, before you accept the next (or hand it to whatever serves it).
hint-unread-on-edge = The server sleeps in epoll_wait while the client's bytes wait unread in its socket (see where it waits). With EPOLLET, epoll_wait reports a socket once per arrival of data, not while data waits: the arrival that announced these bytes was answered with fewer reads than it took to empty the socket, and nothing will announce them again. On EPOLLIN, read until read() fails with EAGAIN (and on EPOLLOUT, send until EAGAIN or nothing is left).
hint-polls-nothing = The program sleeps in poll() on no descriptor at all (nfds 0) with no timeout (see where it waits): nothing but a signal will ever wake it. poll watches the first nfds entries of its array: count every entry you filled in, the listening socket included (with the listener in fds[0], that is the number of clients plus one).
hint-closed-unread = The server never read what it accepted: it closed the connection without sending a byte back, with the client's bytes unread. A socket closed with bytes unread in it (or before they come) makes its kernel answer with RST: the client's read fails with ECONNRESET, or sees EOF. accept() returns a new socket for each client: read from it and send back what came until read() returns 0, and only then close it (dropping its OwnedFd closes it).
hint-closed-unread-c = The server never read what it accepted: it closed the connection without sending a byte back, with the client's bytes unread. A socket closed with bytes unread in it (or before they come) makes its kernel answer with RST: the client's read fails with ECONNRESET, or sees EOF. accept() returns a new socket for each client: read from it and send back what came until read() returns 0, and only then close(fd) it.
hint-spins-at-eof = Nothing is slow: the program runs without end beside a connection whose other side has closed (see where it spins: that socket is in CLOSE_WAIT, nothing left in it to read). read() returning 0 is EOF: the other side has closed, and nothing more will come however often you read; it never means "no data yet" (a blocking read() waits for data instead). When read() returns 0, stop reading that connection and close it (a client ends), and stop polling it: poll reports a socket at EOF readable forever.
hint-spins-without-accepting = Nothing is slow: the program runs without end, calling the kernel again and again, and takes none of the connections waiting on its listening socket (see where it spins). Look for an accept() that fails at once, every time, and is tried again: one on the wrong descriptor (the port number, a socket already closed), or a loop that takes every error of accept() for EINTR. Only EINTR and ECONNABORTED are worth another try: report any other error and exit with status 1. A server with nobody to serve waits asleep in accept() (or poll, epoll), and takes each client as it comes.
hint-port-byte-order = Nothing failed and no port was taken: the server listens on the port it was given with its two bytes swapped. SockaddrIn::new(0, 0, 0, 0, port) takes the port in host byte order and converts it itself: give it the number as it is, not port.to_be() or htons(port).
hint-port-byte-order-c = Nothing failed and no port was taken: the server listens on the port it was given with its two bytes swapped. sin_port holds the port in network byte order: `addr.sin_port = htons((uint16_t)port);`, and read it back with ntohs().
hint-cut-at-nul = Nothing was lost to a short send: the data was cut at its first zero byte. Keep bytes as bytes, with the count each call returned (read, recv, read_until), in a &[u8] slice or a Vec<u8>, never as a string measured by where it ends.
hint-cut-at-nul-c = Nothing was lost to a short send: the data was cut at its first zero byte, where strlen(), strcpy(), fgets() and printf's %s stop. Keep the count each call returned (read(), recv(), getline()) and send exactly that many bytes; never measure binary data with strlen().
hint-spins = Nothing is slow: the program ran on the CPU far longer than its work takes, and did not end. It retries for ever something that will not change: an error taken for EINTR (EPIPE, ENOSPC, EBADF come back at once, every time), or a read of 0 taken for "no data yet". Only EINTR (and EAGAIN where you wait for readiness) is worth another try: return every other error (or report it and exit with status 1), and take 0 from read() as the end.
hint-refused = Connection refused (ECONNREFUSED): nothing listens on that address and port. A server must bind(), listen() and print its `listening on` line only once it listens; a client must report the error on stderr and exit with status 1.
hint-reset = Connection reset (ECONNRESET): the other side sent RST. That happens when a socket is closed with unread data in its receive buffer, or when a process dies with the connection open (a panic, a crash).
hint-early-eof = The connection ended (read() returned 0, EOF) before all the data arrived. Was the socket closed too early, or was a short write() taken for a complete one? write() may send fewer bytes than asked: loop until everything is sent.
hint-address-in-use = Address already in use (EADDRINUSE). After a server closes, its side of a finished connection waits in TIME_WAIT for 2*MSL; bind() refuses the port meanwhile unless SO_REUSEADDR is set on the listening socket *before* bind().
hint-no-listening-line = A server must print exactly `listening on <ip>:<port>` (the real port, from getsockname()) once it listens, and flush stdout; the checker waits for that line before connecting.
hint-bad-output = Output is part of the contract: it must match byte for byte, spaces and newlines included, and nothing else may be printed on that stream.
hint-bad-exit = Exit statuses are part of the contract: 0 on success, 1 with one line on stderr for an expected error, never a panic (101) or a signal.
hint-bad-exit-c = Exit statuses are part of the contract: 0 on success, 1 with one line on stderr for an expected error, never another status or a signal.
hint-premise-not-reached = The test could not bring about the condition it judges your program under (the machine kept your program, or the checker, from a CPU meanwhile): on this test your program has neither passed nor failed. Grade again when the machine is quieter.
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
cli-did-you-mean = did you mean { $what }?
cli-valid-values = possible values: { $values }
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
conn-lengths-when-differed = expected { $expected }; { $got } had arrived when the difference showed
wire-io-failure = { $who }: { $doing }: { $what }
wire-refused = connection refused
wire-reset = the connection was reset ({ $error })
wire-timed-out = timed out
wire-lossy-text = the bytes EF BF BD are U+FFFD, the replacement character: the data went through a String
wire-cut-at-nul = the bytes stop being the same at offset { $offset }, the data's first NUL byte (0x00): it was measured as a C string on its way (strlen, fgets, printf's %s stop there), not lost to a short send
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
label-held = held

## Every echo server's tests (exercises/echo_server.rs)

echo-line-count = the `listening on` line appears { $count } times; print it once
echo-stopped-after-reset = the server stopped serving after a client reset its connection
echo-after-reset = after a client reset its connection

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
server-port-byte-swapped = it does listen on port { $actual } (/proc/net/tcp shows it), which is { $port } with its two bytes swapped (0x{ $port_hex } read as 0x{ $actual_hex }): the port went into sin_port in host byte order. Nothing failed in bind(): convert the port with htons() (in Rust, SockaddrIn::new takes it in host order and converts it itself)
server-port-byte-swapped-c = it does listen on port { $actual } (/proc/net/tcp shows it), which is { $port } with its two bytes swapped (0x{ $port_hex } read as 0x{ $actual_hex }): the port went into sin_port in host byte order. Nothing failed in bind(): convert the port with htons() when you fill sin_port
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
rules-c-found = what nm found
rules-c-calls = { $callers } calls { $list }: { $reason }
rules-c-calls-nothing = nothing calls { $list }: { $reason }
rules-c-bswap = { $function } (what bswap_{ $bits } and htobe{ $bits } expand to)
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
stalled-premise = the server's sends never met a full buffer while the client was not reading: no stop cut a send of it short, and it was not seen holding its output before a full socket within { $seconds } s, so it had nothing to lose (stopped { $stops } times, { $cut } sends cut short)
stalled-non-blocking = bytes went missing while the client was not reading: a non-blocking send may take only part of the data (or fail with EAGAIN); keep the rest in that client's buffer and send it when poll reports POLLOUT
hidden-accepted = accepted a connection
hidden-eof = EOF from the client
hidden-closed-early = closed the connection early, on purpose
hidden-write-failed = write failed: the client went away
stall-not-blocked = the server stalled with { $queued } bytes waiting for the client, and is not blocked in a send: nothing to interrupt
stall-time-up = in { $seconds } s the server neither blocked in a send nor stalled, with { $queued } bytes waiting for the client: the checker reads on
stall-stopped = server stopped (SIGSTOP) while its send was blocked
stall-continued = server continued (SIGCONT)
stall-restarted = its send had taken no byte yet, so the kernel started it again (no short count): the checker reads some of what waits for it, so that the server moves on, and tries again

## day2-echo's client (exercises/day2_echo/)

client-nothing-listens = nothing listens on port { $port }
client-when-refused = when the connection was refused

## Every one-thread server's tests (exercises/multiplexing.rs)

multi-clients-failed = clients that failed
multi-stopped = stopped the server (SIGSTOP)
multi-continued-together = continued the server: the data and the EOF wait in its socket together

## day3-fork (exercises/day3_fork.rs)

fork-continued = continued the server (SIGCONT)
fork-child-holds-listener = { $n ->
    [one] { $n } child
   *[other] { $n } children
} holds the listening socket (child { $pids })
fork-no-listening-socket = could not find the server's listening socket in /proc
fork-one-waitpid = one waitpid per SIGCHLD is not enough: while the handler runs, more children end and their signals merge into one

## UDP (observe/wire/udp.rs, exercises/day3_udp.rs)

udp-port-closed = { $who }: the server's port is closed (ICMP port unreachable): did the server stop?
udp-port-unbound = { $who }: nothing is bound to the server's port { $port } any more: the server closed its socket or ended, so no reply can come
udp-port-unbound-note = nothing bound to port { $port } any more: stopped waiting
udp-no-reply = { $who }: no reply to a datagram of { $size }
udp-reply-from-elsewhere = { $who }: the reply came from port { $from }, not from the server's port { $port }
udp-reply-cut = { $who }: the reply is { $got } long, the datagram sent was { $sent }: it was cut
udp-reply-differs = { $who }: the reply differs from the datagram sent
udp-unexpected-datagram = { $who }: an unexpected datagram from port { $port }: { $data } ({ $why })
udp-dropped-on-purpose = dropped it, on purpose: the client must send it again

## day4-signals' exit, day5-epoll's edge (exercises/day4_signals/exit.rs, day5_epoll/edge.rs)

edge-not-in-set = fd { $fd } (a client) is not in the epoll set

## The harness of library exercises (observe/harness.rs)

harness-no-return = { $call } did not return within the time limit
harness-endless-loop = an endless loop? (a loop counter that can never reach its bound, a `while` whose condition never changes)
harness-while-running = while running { $call }
harness-private-channel = while running { $call }, something other than the harness wrote to the checker's private channel (fd 3): the code under test must not touch it
harness-written = written
harness-panicked = { $call } panicked: '{ $message }' at { $at }
harness-given = given
harness-unexpected = the harness answered { $call } with something unexpected: { $reply }

## day3-resolve (exercises/day3_resolve/)

resolve-call-libc = call nix::libc::getaddrinfo: the checker watches that call
resolve-call-libc-c = call getaddrinfo(3) of the C library, as the contract says: the checker watches that call (and each freeaddrinfo)

## A program stuck, and where it waits (observe/stuck.rs, observe/wire/conn.rs)

conn-stuck = { $who }: nothing came back, and nothing will: { $label } is stuck, asleep in a blocking call with nothing moving (see where it waits)
conn-unread-on-edge = { $who }: nothing came back, and nothing will: { $label } sleeps in epoll_wait with { $bytes } bytes of this client unread: with EPOLLET it is woken once per arrival; read until EAGAIN
conn-polls-nothing = { $who }: nothing came back, and nothing will: { $label } sleeps in poll() on no descriptor (nfds 0) with no timeout, so no client, not even the listener, can wake it
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
rejudge-premise-unjudged = could not be judged: twice, the test could not bring about what it judges under: { $premise } (while it first ran, { $first }; judged again alone, { $alone }). This is not your program's failure: grade again when the machine is quieter
rejudge-unjudged = could not be judged: the machine was too busy (while it first ran, { $first }; judged again alone, { $alone }). This is not your program's failure: grade again when the machine is quieter
rejudge-no-turn = could not be judged: the machine was too busy while it ran ({ $first }), and its turn to be judged again alone did not come within { $seconds } s. This is not your program's failure: grade again when the machine is quieter
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
clients-queue-full = the server stopped accepting after { $n } clients: connections stayed in its listen queue
clients-queue-still = its listen queue stayed full, not one connection accepted, for { $secs } s while the server was awake: a loop that sleeps or blocks (a sleep, a blocking read) instead of waiting for events never gets back to accept
worker-eintr-after-stop = { $call }() failed with EINTR after the checker stopped and continued { $label } (SIGSTOP, SIGCONT), as Ctrl-Z and fg do, and { $label } took that for an error. A stop interrupts { $call }() even with no signal handler (signal(7)): on EINTR, just call it again
echo-continued = continued the server (SIGCONT)
fork-stopped-parent = stopped the server (SIGSTOP): its children end meanwhile, and their SIGCHLDs merge into one
## Families of tests shared by several exercises (lab/family.rs)

family-run-missing = { $exercise } takes a family of tests whose scenario is the exercise's own, and gives none for this test: the checker's table is incomplete

## A new exercise, and the files derived from what instructors write (commands/new.rs, commands/sync.rs)

new-scaffolded = Scaffolded { $exercise }: it is graded at once (the stub says "not started", the reference passes), and `cargo test` and `checker verify` pass (verify lists the Korean of the stub's comments as owed). Written:
new-left = Left to write by hand, numbered as docs/instructors.md's "Adding an exercise" numbers them (steps 2 to 9 on the Rust track, 10 to 13 on the C track):
new-left-solution = the reference, with its stub in it: { $file } (each `//@ ` line is the stub's only, such as a `// TODO` that quotes the C call and names its nix equivalent, and the todo!() under it, before the reference's lines it replaces, which go between `//@{"{"}` and `//@{"}"}`; under each comment of the stub, its Korean as `//@ko ` lines); then `cargo run -p checker -- sync` writes the stub and the Korean of its comments
new-left-rules = its rules (the shortcuts that would skip the lesson): solutions/{ $exercise }/clippy.toml and Cargo.toml's [lints]; then `cargo run -p checker -- sync` copies them to the stub and writes the course's rules tables
new-left-tests = the tests: { $file } (rows of its own, or families it shares with other exercises in `families`: each a folder of exercises/, its table in family.rs)
new-left-messages = every message id the tests use that the catalogs lack (msg!("...")): its English in { $en } and its Korean in { $ko }
new-left-broken = a broken version that fails each test, and at least one correct alternative design: { $file } (its [[rust.broken]] and [[rust.alternative]]; `cargo test -p checker --test broken -- { $exercise }`)
new-left-course = the course section in English: course.md#{ $exercise } (the exact contract, the C calls beside their nix equivalents, one line per test id)
new-left-course-ko = the course section in Korean: course.ko.md#{ $exercise } (the same, the same test ids)
new-left-korean = the Korean of its titles and hints: the { $exercise }-- entries of { $file } (after adding tests, `cargo run -p checker -- sync` adds the entries to translate, in English, and lists them)
new-left-c-solution = the C reference, with its stub in it: { $files } (the same contract in the notes' C; each step a `//@ // TODO n.` that quotes the C call, a `//@ TODO("...");` under it, and their Korean as `//@ko ` lines, as in the Rust reference; a file without a step, such as a library's header, is given whole); then `cargo run -p checker -- sync`
new-left-c-rules = its C rules, read from what the compiled code imports: the `imports` of `C_TRACK` in { $file } (the calls that would skip the lesson, or the one it is about; exercises/kit/c_imports.rs has the shared ones); then `cargo run -p checker -- sync` writes the course's rules tables
new-left-c-shim = the shim that gives the C functions the Rust exercise's API, so the same hidden tests call them: { $file } (one Rust function per C function)
new-left-c-broken = a broken version of the C solution that fails each test: { $file } (its [[c.broken]], beside the Rust track's: edits of c/solutions/{ $exercise }/; `cargo test -p checker --test broken -- c::{ $exercise }`)
new-left-verify = last: `cargo run -p checker -- verify { $exercise }`
sync-nothing = Every derived file is up to date.
sync-wrote = Written:
sync-untranslated = { $n } entries of the Korean catalog (checker/i18n/ko.ftl and the exercises' ko.ftl) are still in English (translate them):
worker-could-not-enter-sandbox = the checker could not join the test's network namespace, so it did not run the test: { $error }

## day6-unix (exercises/day6_unix/)

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
try-half-open--title = a broker that stops answering is not a broken connection to TCP: its kernel acknowledges the PINGREQ and every keepalive probe; only MQTT's keep alive finds the link dead
try-half-open-setup = A device connects to a broker process (a child that answers each PINGREQ) and sends a PINGREQ with a keep alive of { $keep_alive } s: PINGRESP: { $pingresp }, after { $ms } ms. Its socket has TCP keepalive on, as short as Linux allows.
try-half-open-stopped = The broker process is stopped (SIGSTOP): it is there and reads nothing, like a broker that hangs, or a link that takes bytes and brings nothing back. The device sends a PINGREQ: acknowledged by the broker's kernel (nothing unacknowledged): { $acked }; PINGRESP: { $pingresp }. After { $ms } ms, { $keep_alive } s with no PINGRESP, the device counts the link dead (the contract's device then closes it and reconnects).
try-half-open-keepalive = TCP keepalive (TCP_KEEPIDLE { $idle } s, TCP_KEEPINTVL { $interval } s, TCP_KEEPCNT { $count }) would drop a peer that answers nothing after { $after } s. After that long the kernel has sent { $probes } keepalive probe(s), every one answered by the broker's kernel; the connection is { $state }, SO_ERROR { $error }: for TCP, nothing is wrong.
try-half-open-defaults = And without those options: SO_KEEPALIVE is off unless a program turns it on, and this machine's defaults send the first probe after { $time } s of silence, then { $count } probes { $interval } s apart: a peer that has truly gone (a NAT that forgot the connection drops every packet) is found after { $total } s, { $minutes } minutes.
try-half-open-conclusion = TCP watches the other kernel, not the program: a stopped broker, a broker whose loop hangs, answers every probe. And where the peer has truly vanished, its defaults take two hours. An MQTT device learns in one keep alive that its PINGRESP is not coming (3.1.2-23, and the broker in 1.5 times it, 3.1.2-24): the protocol's own check is the one that holds.
try-thundering-herd--title = devices that back off on the same schedule all hit a broker that comes back in the same 10 ms; jitter spreads them out
try-herd-setup = { $devices } devices (threads) lose their broker at 0 ms; each reconnects at once, then after each refused attempt waits d = min({ $max }, { $min } × 2^(n-1)) ms. The broker's port refuses (bound, not listening) until { $comeback } ms, then listens. The count: attempts in each { $slot } ms slot from the comeback on.
try-herd-without = Without jitter (wait exactly d): { $attempts } attempts in all; from the comeback on the attempts fall in { $slots } slot(s), { $busiest } of them in the slot at { $at } ms: the whole fleet in one instant. The last device was in at { $last } ms.
try-herd-with = With equal jitter (wait a uniform random time in [d/2, d], the contract's): { $attempts } attempts in all; from the comeback on they fall in { $slots } slots, at most { $busiest } in one (at { $at } ms). The last device was in at { $last } ms.
try-herd-conclusion = Devices that lost their broker in the same instant, and wait the same times, march in step for ever: every retry of the whole fleet lands in the same slot, and a broker that has just come back takes every CONNECT, every session and every retained message at once. Random waits between d/2 and d break the step at the first retry and spread it wider at each, and never wait more than d.

## A student's first hour (issue 24)
select-program-unknown = --program { $name }=...: none of the tests selected runs a program called `{ $name }`; the names they use: { $names }
select-program-none = --program { $name }=...: none of the tests selected runs a program (they grade a library); leave --program out, or select the exercise whose program it is
report-rules-void = ✗ A broken rule voids this exercise's points: the tests that pass would earn { $points ->
        [one] { $points } point
       *[other] { $points } points
    } once the rules hold (see the rules line below; { $course }#rules).
report-rules-void-test = Passed, but a broken rule voids this exercise's points: this test's { $points ->
        [one] { $points } point counts
       *[other] { $points } points count
    } once the rules hold (see { $exercise }/rules; { $course }#rules).
load-closed-early = the server closed the connection after echoing { $got } of { $bytes } bytes (FIN, or RST where it left bytes unread): it stopped serving this client before the client's EOF. Keep reading and sending back until read() returns 0
load-reset-early = reading the echo failed after { $got } of { $bytes } bytes ({ $error })
load-too-slow = only { $got } of { $bytes } bytes came back in time, the connection still open: the server is far too slow
library-call-with-x = { $call } with x = { $x }
# The bytes a broker sent that are no MQTT 3.1.1 packet (observe/wire/mqtt/packet.rs)
mqtt-bad-flags = { $packet } with flags { $flags } (2.2.2: { $want })
mqtt-bad-length = { $packet } with a remaining length of { $len } (it is { $want })
mqtt-not-from-a-broker = packet type { $kind } ({ $name }), which a broker never sends to a client
mqtt-length-too-long = a remaining length longer than 4 bytes (2.2.3)
mqtt-connack-flags = CONNACK acknowledge flags { $flags }: bits 7-1 are reserved, 0 (3.2.2.1)
mqtt-connack-code = CONNACK return code { $code } (3.2.2.3: 0 to 5)
mqtt-connack-refused-present = CONNACK refusing with session present 1 (3.2.2-4)
mqtt-suback-shape = SUBACK with flags { $flags } and a remaining length of { $len } (3.9: flags 0000, a packet id and a return code per filter)
mqtt-suback-code = SUBACK return code { $code } (3.9.3: 0, 1, 2 or 0x80)
mqtt-publish-qos3 = PUBLISH at QoS 3 (3.3.1-4)
mqtt-publish-dup-qos0 = PUBLISH at QoS 0 with DUP set (3.3.1-2)
mqtt-publish-cut = PUBLISH of { $bytes } bytes: cut inside its variable header
mqtt-publish-not-utf8 = PUBLISH topic that is not UTF-8 (1.5.3)
mqtt-publish-empty-topic = PUBLISH with an empty topic (4.7.3-1)
mqtt-publish-wildcard = PUBLISH to { $topic }, a topic with a wildcard (3.3.2-2)
mqtt-publish-nul = PUBLISH topic holding U+0000 (1.5.3-2)
mqtt-publish-id-0 = PUBLISH at QoS 1 with packet id 0 (2.3.1-1)
mqtt-connect-reserved-flag = CONNECT id="r" clean=1 with the reserved flag set
mqtt-piece-byte = 1 byte of { $packet }
mqtt-piece-rest = the rest of { $packet }
mqtt-in-one-write = → { $packets } (in one write)
# A value or a call as the track graded writes it (Text::as_written): Rust's notation, C's.
value-code = { $rust }
value-code-c = { $c }
library-in-memory = bytes { $bytes } in memory

# checker watch: which save a verdict belongs to (commands/watch.rs)
watch-verdict-of-start = ↑ the files as they were at { $time }
watch-verdict-of-save = ↑ the save of { $time }: { $files }
watch-changed-while-grading = { $files } changed while being graded ({ $time }): the verdict above is already out of date; grading again
# The stalled reader: how the bytes went missing (exercises/kit/stalled.rs)
stalled-closed-early = the server ended the connection (FIN, or RST where it left bytes unread) before sending everything back, while the client was still sending: it stopped serving this client before its EOF. Keep reading and sending back until read() returns 0, then close
## Servers side by side: `checker compare` (commands/compare.rs, compare/)
help-student-compare = Measure your servers side by side under the same load (echo servers: round trips; chat servers: lines to everyone), at 1 to 1,000 clients: a table, and a chart written under target/compare/. --program NAME=PATH adds a program from elsewhere (a chat server if NAME says chat).
help-student-root-c = Grade the exercises in DIR (DIR/<exercise>/, each with its Makefile and C files) instead of exercises/.
help-student-programs-c = Grade a program not built from its exercise's folder (in any language): NAME=PATH, e.g. --program echo-server=./a.out. Only that program's tests run.
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
# The course section to read, with its heading (issue 24, point 10)
report-read-heading = read: { $course }#{ $section }, "{ $heading }"

## day6-async (exercises/day6_async/)

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
mqtt-what-one-copy = one PUBLISH qos=1 topic=a/b "both"
mqtt-got-copies = { $n } copies of a/b, at QoS { $qos }
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
class-trust-unjudged-intro = The machine was too busy to judge these runs: they earn no points and keep them in the maximum (a busy machine never raises a score), and a regrade judges them.
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

# checker broker: day8-device's misbehaving broker, by hand
help-cmd-broker = Play day8-device's misbehaving broker by hand: listen on 127.0.0.1 for the device you start in another terminal, speak MQTT 3.1.1 to it as the tests do, misbehave as you choose, and print every packet both ways, decoded, with its time. Ctrl+C ends it.
help-cmd-broker-arg-port = The port to listen on (default: 1883, or a free one if 1883 is taken; 0: a free one)
help-cmd-broker-arg-misbehave = A misbehaviour, repeated to combine them: refuse[=N[:RC]] (the first N CONNECTs get CONNACK return code RC, 3 unless said), slow-puback[=MS] (each PUBACK MS milliseconds late), drop[=N] (the connection closed right after a reading's PUBLISH, before its PUBACK, on N connections), half-open (PINGREQ unanswered on the next connection, kept open), lost-session[=N] (session present 0 on the next N reconnections)
help-cmd-broker-arg-send = A command sent on devices/<id>/cmd at QoS 1 once the device has subscribed
help-cmd-broker-arg-dup = Send the command again, DUP 1, the same packet id and payload, once acknowledged
broker-listening = broker listening on 127.0.0.1:{ $port }; start your device against it in another terminal, e.g. sensor-device 127.0.0.1 { $port } dev1 5 100 200 5000
broker-behaves = it behaves: no misbehaviour chosen (--misbehave MODE)
broker-mode-refuse = misbehaves: refuses the first { $n ->
    [one] CONNECT
   *[other] { $n } CONNECTs
} with CONNACK return code { $code }, then closes
broker-mode-slow-puback = misbehaves: each PUBACK { $ms } ms late
broker-mode-drop = misbehaves: closes the connection right after a reading's PUBLISH, before its PUBACK ({ $n ->
    [one] once
   *[other] { $n } times
})
broker-mode-half-open = misbehaves: leaves PINGREQ unanswered on the next connection, and keeps it open (a half-open link)
broker-mode-lost-session = misbehaves: says session present 0 on the next { $n ->
    [one] reconnection
   *[other] { $n } reconnections
}, as a broker restarted without its sessions
broker-cannot-listen = cannot listen on 127.0.0.1:{ $port } (another broker there? --port 0 takes a free port)
broker-accepted = connection { $n } accepted, from { $peer }
broker-replaced = connection { $n } left open by the device, which made connection { $new }: the broker forgets it
broker-link-error = connection { $n }: { $error }
broker-sent = connection { $n } → { $packet }
broker-received = connection { $n } ← { $packet }
broker-device-closed = connection { $n } closed by the device
broker-device-reset = connection { $n } reset by the device
broker-malformed = connection { $n }: not MQTT 3.1.1 as a device sends it: { $error }
broker-drops = connection { $n }: drop: no PUBACK for id={ $id }; the broker closes the connection
broker-puback-late = connection { $n }: slow-puback: PUBACK id={ $id } in { $ms } ms
broker-no-pingresp = connection { $n }: half-open: no PINGRESP (the connection stays open)
broker-refused = connection { $n }: refused; { $left ->
    [0] the next CONNECT is accepted
    [one] 1 refusal left
   *[other] { $left } refusals left
}
broker-session-lost = connection { $n }: lost-session: the broker says it has no session
broker-half-open = connection { $n }: half-open from now on: PINGREQ goes unanswered
broker-dup = connection { $n }: --dup: the command id={ $id } again, DUP 1
broker-hangs-up = connection { $n }: the broker closes it (FIN) and reads what still comes
