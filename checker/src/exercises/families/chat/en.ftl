# The messages only the chat family's tests say, in English; their Korean is in ko.ftl beside this file.
# The build joins every exercise's and family's catalog to the checker's own (checker/i18n/).

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
chat-left-still-held = { $who } left, and 2 s later the server still holds its socket
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
chat-threads-after-leave = { $who } left 2 s ago, and the server still runs { $n ->
    [one] { $n } thread
   *[other] { $n } threads
}, more than the { $fewer } it ran with one client less: its thread never ended
chat-thread-ends-eof-0 = a client's thread ends when its client does: leave the read loop on EOF (0) and on an error, and return
chat-stopped-server = stopped the server (SIGSTOP)
chat-continued-server = continued the server: client 2's last line and its reset wait in its socket together
chat-after-reset = after a client reset its connection
chat-reset-still-held = client 2 reset its connection, and 2 s later the server still holds its socket
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
chat-threads-after-six-left = 6 clients left 2 s ago, and the server still runs { $n ->
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
chat-stale-entry = the client that joined after one left got a line it should not have (the same line twice?): when a client leaves, remove its entry from the list; accept gives its descriptor number to the next client, and an entry left under that number sends every line to the newcomer a second time
chat-visitor-thread-stays = a client left 2 s ago, and the server still runs { $n ->
    [one] { $n } thread
   *[other] { $n } threads
}, { $settled } before it came: its thread has not ended
chat-stacks-kept = after { $n } clients came and left one after another, the server's address space (VmSize) grew by { $grew } MiB: their threads' stacks stayed
chat-detach-threads = a thread that is neither detached nor joined keeps its stack (8 MiB) after it returns: create it detached (pthread_detach, or PTHREAD_CREATE_DETACHED), or join it
