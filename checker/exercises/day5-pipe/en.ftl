# The messages only day5-pipe's tests say, in English; their Korean is in ko.ftl beside this file.
# The build joins every exercise's and family's catalog to the checker's own (checker/i18n/).

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
pipe-rounds = { $rounds } times: stopped client 1's child while it waited (inside a write to the full pipe { $caught } times), let client 2's line into the pipe, continued the child
pipe-full-premise = in none of the { $rounds } rounds was client 1's child caught inside a write to the full pipe: its writes were never cut where the pipe filled, so client 2's lines had no cut to land in
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
pipe-stuck-after = { $label } did not end after { $signal }, and never will: it is stuck, asleep with nothing moving (see where it waits)
pipe-stopped-server = stopped the server (SIGSTOP): its clients' children end meanwhile, and their SIGCHLDs merge into one
pipe-continued-server = continued the server (SIGCONT)
