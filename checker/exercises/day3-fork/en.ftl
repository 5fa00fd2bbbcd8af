# The messages only day3-fork's tests say, in English; their Korean is in ko.ftl beside this file.
# The build joins every exercise's and family's catalog to the checker's own (checker/i18n/).

fork-a-silent = connected, and says nothing
fork-b-not-served = client B was not served while client A was connected: the server serves one client at a time (fork a child per client)
fork-a-stays = stays connected until the end
fork-b-left = closes its connection: its child ends
fork-c-not-served-after-b = client C was not served after client B left while client A stayed: the server no longer accepts once a child is reaped (a SIGCHLD handler calling waitpid without WNOHANG waits there for A's child too)
fork-stopped-for-burst = stopped the server (SIGSTOP): 50 clients arrive while it is busy
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
fork-zombies-after-20 = run { $run }: { $n ->
    [one] { $n } zombie child
   *[other] { $n } zombie children
} 1 s after the last of 20 clients left
fork-reaps-late = the zombies went only when one more client connected: the server reaps when accept returns, not when SIGCHLD arrives. Reap in the SIGCHLD handler (or wake the loop with the signal: EINTR without SA_RESTART, a self-pipe, a signalfd)
fork-zombies-after-50 = run { $run }: { $n } of 50 children stay zombies after their clients left at the same instant
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
