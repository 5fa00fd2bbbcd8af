# The messages only the echo-server family's tests say, in English; their Korean is in ko.ftl beside this file.
# The build joins every exercise's and family's catalog to the checker's own (checker/i18n/).

label-then = then
eof-after-client-eof-close = after the client's EOF (close the connection once read() returns 0)
label-line = line
echo-no-listening-line = { $label } printed no `listening on` line (a program given with --program may print none): its listening socket in /proc is on the wildcard address, and the line itself is not checked
echo-line-not-wildcard = the line says { $ip }: the contract is to bind the wildcard address, 0.0.0.0
echo-listens-not-wildcard = the server listens on { $ip }:{ $port }, not on the wildcard address 0.0.0.0
echo-other-port = started with port { $wanted }, the server listens on { $port }
echo-served-then-stopped = { $n ->
    [one] client 1 was served
   *[other] clients 1 to { $n } were served
}; a server goes back to accept() after each client and runs until it is stopped
echo-after-serving = after serving client { $i }
echo-sigpipe-after-reset = after the reset, bytes the client had sent before it were still to be read and echoed: the server's first write failed (ECONNRESET), it wrote again, and that write (EPIPE) raised SIGPIPE, which kills a process by default. Stop writing to a connection once a write fails, and send with MSG_NOSIGNAL (or set SIGPIPE to SIG_IGN) so that an EPIPE is an error to handle, not the end of the server
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
echo-continued-after-reset = continued the server: the reset has reached its socket, the next read or send on it fails
echo-restarted-elsewhere = started again with port { $port }, the server listens on { $actual } instead: its bind() to { $port } failed (EADDRINUSE: the old connection waits in TIME_WAIT), nothing checked it, and listen() bound a port of its own
echo-continued-after-half-close-reset = continued the server: a line, the client's EOF and then its reset wait in its socket; the reset came in CLOSE_WAIT, so its next write fails with EPIPE
echo-after-half-close-reset = after a client half-closed and then reset its connection
echo-sigpipe-after-half-close-reset = the client had half-closed (shutdown(SHUT_WR)) before its reset, so the server's socket was in CLOSE_WAIT when the reset came: there the very first write after it fails with EPIPE, not ECONNRESET, and raises SIGPIPE, which kills a process by default. Checking every write is not enough: send with MSG_NOSIGNAL (or set SIGPIPE to SIG_IGN) so that EPIPE is an error to handle, not the end of the server
echo-half-close-premise = the server's socket was not seen in CLOSE_WAIT taking the reset before it ran again (the client's FIN unacknowledged, or the reset not taken within 1 s): the condition this test judges under never happened
