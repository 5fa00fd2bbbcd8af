# The messages only day4-signals's tests say, in English; their Korean is in ko.ftl beside this file.
# The build joins every exercise's and family's catalog to the checker's own (checker/i18n/).

signals-zombies-left = { $n } of the { $of } children whose clients left at the same instant are still zombies 3 s after the server was continued, with no further connection
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
sig-client-left-reaped = client 2 closed its connection; waited (3 s at most) until the server had reaped its child
sig-started-bad-idle = started the server with port 0 and idle-seconds `{ $idle }`
sig-when-bad-idle = when started with idle-seconds `{ $idle }`
sig-mute = connected, and will never send a byte: its idle clock starts now
sig-idle-from-the-start = idle-seconds is 1, and this client never sent a byte: its idle clock starts when its child starts (alarm(idle) before the first read, not only after one)
sig-idle-default = started without idle-seconds, the server's idle time is the contract's 5 s: the mute client was owed `timeout\n` by 5.7 s (a default of 6 s comes too late)
sig-default-idle-early = started without idle-seconds, the server sent `timeout\n` after { $seconds } s: the contract's default is 5 s
