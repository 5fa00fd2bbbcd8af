# The messages only day2-echo's tests say, in English; their Korean is in ko.ftl beside this file.
# The build joins every exercise's and family's catalog to the checker's own (checker/i18n/).

client-no-exit-after-stdin = echo-client did not exit after stdin ended
client-while-echoing = while echoing
client-sent-differs = the bytes echo-client sent to the server differ from the lines it was given
client-closed-before-echo = echo-client closed the connection while the echo of its lines was still coming back (the server, sending it a byte at a time, found the connection gone): it took what one recv() returned for the whole line. Keep reading until as many bytes as the line had have come back, then print it
client-cut-at-nul = the line with a NUL byte in it was cut at the NUL: the bytes after it never went out. A line is bytes, NUL included: keep its length as read, never measure it by its first NUL
client-cut-at-nul-c = the line with a NUL byte in it was cut at the NUL: the bytes after it never went out. strlen() stops at the first NUL, and fgets() cannot say how many bytes it read: read each line with getline(), which returns its length (every byte, NUL included), and send that many
client-no-newlines = it sent the lines without their newlines: send each line exactly as read, newline included (the server echoes bytes, not lines)
client-stdout-differs = echo-client's stdout differs from the lines it was given
client-by-hand-socat = `socat TCP-LISTEN:7000,reuseaddr,fork EXEC:cat` in one terminal, then `printf { $input } | { $client } 127.0.0.1 7000`
client-when-closed-early = when the server closed the connection early
client-gave-up-log = echo-client gave up after { $seconds } s
client-when-no-answer = when the server never answered (4 s)
client-gave-up-early = echo-client gave up after { $seconds } s; the contract gives a slow server 2 s to answer
client-wait-2s = wait the whole 2 s the contract gives a slow server (SO_RCVTIMEO of TimeVal::seconds(2)) before giving up
client-wait-2s-c = wait the whole 2 s the contract gives a slow server (SO_RCVTIMEO of a `struct timeval` with tv_sec = 2) before giving up
# The likeliest first bugs, each named for its cause (issue 24, point 1)
client-spins-after-eof = the server had closed the connection (FIN) before the whole line came back, and from then on every recv() returns 0 at once: a client still running is calling recv() again and again, taking 0 for "no data yet". 0 is the end of the connection
echo-together-continued = continued the server: { $n } clients have connected, each has sent its bytes and its EOF, and none has been served yet
echo-together-own-bytes = { $n } clients had connected and sent before the server ran: each must get exactly its own bytes back, served in turn or at once
echo-after-together = after serving clients that arrived together
client-short-send-lost = echo-client was stopped and continued inside a blocked send ({ $stops } of its sends came back short), and bytes of the line never arrived: send() returned a short count and the rest was never sent
client-all-arrived = every byte of the line has arrived: it goes back
client-never-connected = echo-client never connected to the hidden server
client-waits-line-unsent = echo-client waits for the echo of its line with { $sent } of its { $len } bytes sent: nothing more is on its way, and it is not in a send
echo-together-queue-full = { $n } connections were waiting to be accepted and this one was not let in: the listening socket's queue was full. Give listen() a backlog that holds clients who arrive together (the notes use 5; 128 is common)
