# The messages only day6-async's tests say, in English; their Korean is in ko.ftl beside this file.
# The build joins every exercise's and family's catalog to the checker's own (checker/i18n/).

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
async-read-again-short = client 0 read again and got { $got } of the { $sent } lines, then nothing more in time: every line the server keeps for a client that paused must come once it reads
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
