# The messages only the one-thread family's tests say, in English; their Korean is in ko.ftl beside this file.
# The build joins every exercise's and family's catalog to the checker's own (checker/i18n/).

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
multi-quiet-log = the server in the { $secs } s it had nothing to do: { $ms } ms on a CPU (an eighth of the wait or more is a loop that spins); its busiest thread runnable (on a CPU or queued for one) { $queued } ms
multi-spins-idle = with 20 clients connected and quiet, the server was on a CPU { $ms } ms of { $secs } s: it spins instead of waiting
multi-pollout-on-demand = ask for POLLOUT (EPOLLOUT) only while a client has output waiting: a socket with room to write is always writable, so poll returns at once, again and again
multi-spins = after a client reset its connection, the server used { $ms } ms of CPU in 0.3 s: it spins
multi-still-holds-reset = a client reset its connection, and a second later the server still holds its socket
multi-reset-not-taken = the client reset its connection, and the server's kernel never took the reset (its socket stayed ESTABLISHED): the checker could not judge this test; run it again
multi-reset-taken-late = the server's kernel took the client's reset only { $ms } ms after it was sent (a reset can wait in a queue, or be ignored until the server's kernel next sends to that port): the second counts from then
multi-read-zero = a read of 0 ends the client's input, not its output: send what is buffered for it, then close
multi-output-waits = sent { $sent } without reading: { $waiting } of the echo now wait in the server's own buffer (neither in its socket nor in ours); next, the EOF
multi-slow-premise = output never waited in the server's own buffer before the client's EOF: after { $sent } sent without reading, within { $seconds } s, the server neither held any of the echo back nor stopped reading, so the EOF came with nothing left to send
multi-stalled-premise = the server never held output for the stalled client before a full socket within { $seconds } s (the client had sent { $sent } without reading): it never had to serve the others while one did not read, so their echoes prove nothing
multi-back-pressure-premise = the server was never seen to stop reading the flooding client within { $seconds } s (the client had sent { $sent }; the server's memory grew { $grew } MiB): a server that reads everything would not have grown more by then either, so the memory proves nothing
multi-reset-premise = output never waited for the resetting client before its reset (the server's socket for it was not full within { $seconds } s): a reset with nothing waiting proves nothing about one while output waits
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
multi-stopped-reading = sent { $sent } without reading: the server stopped reading with { $unread } unread in its socket (back-pressure of its own); next, the EOF
multi-syn-retransmitted = { $n } connects waited a second or more: the kernel dropped their SYN because the listen queue was full, and TCP sent it again 1 s later (course.md#backlog)
multi-continued-at-once = continued the server: two resets, two lines and two connections wait for it at once
multi-events-at-once = while the server was stopped, two clients reset, two sent a line and two connected, so one poll (or epoll_wait) reported them all: serve each client with its own events, and remove finished clients only after the walk (never Vec::remove(i) during it: the next client would be skipped and the rest paired with their neighbours' events); accept until EAGAIN
multi-events-at-once-c = while the server was stopped, two clients reset, two sent a line and two connected, so one poll (or epoll_wait) reported them all: serve each client with its own events, and remove finished clients only after the walk (never during it, by moving the entries after one down or the last one into its place: the next client would be skipped and the rest paired with their neighbours' events); accept until EAGAIN
multi-reset-ended-server = the server ended once two clients had reset their connections: an error on one client's socket (POLLERR, ECONNRESET from read or send) closes that client only, never the server
multi-spins-held-back = while the flooding client read nothing and the server held it back, the server was on a CPU { $ms } ms of { $secs } s: it spins instead of waiting
multi-quiet-starved = whether the server spins while it has nothing to do could not be seen: in { $secs } s its busiest thread was runnable { $runnable } s, yet the busy machine kept it off a CPU most of that time
multi-pollin-on-demand = ask for POLLIN (EPOLLIN, level-triggered) only while you are willing to read from a client: a socket with unread data is always readable, so poll returns at once, again and again
