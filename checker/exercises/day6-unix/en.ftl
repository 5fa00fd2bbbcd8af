# The messages only day6-unix's tests say, in English; their Korean is in ko.ftl beside this file.
# The build joins every exercise's and family's catalog to the checker's own (checker/i18n/).

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
prefork-writing-stats = writing `stats` on the control connection
prefork-reading-stats = reading the reply to `stats`
prefork-control-closed-unread = the server had closed the control connection before reading the `stats` line (or closed it with the line unread): read the client's command, answer it, then close
