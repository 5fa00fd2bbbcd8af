# The messages only day3-shutdown's tests say, in English; their Korean is in ko.ftl beside this file.
# The build joins every exercise's and family's catalog to the checker's own (checker/i18n/).

shut-after-file-complete = after the whole file: shut down the sending side (shutdown(SHUT_WR)) so the client knows the file is complete
shut-closed-not-half = the server no longer holds this connection: it was closed, not half-closed
shut-wrong-line = the server printed the wrong line
shut-after-message = after the client's message
shut-no-says-line = the server printed no `client says: ...` line after the client's message ({ $wanted } expected)
shut-closed-instead = the server close()d the connection after sending the file instead of shutdown(SHUT_WR): a closed socket cannot read the client's message (the kernel answers it with a reset)
shut-with-file = with a file of { $size }
shut-after-file = after the whole file: shut down the sending side (shutdown(SHUT_WR))
shut-served-before = { $n } clients were served before this one
shut-client-not-finished = file-client did not finish
shut-during-transfer = during the transfer
shut-no-end-of-message = file-client exited, but the hidden server never saw the end of its message
shut-no-out-file = file-client exited 0 but created no out-file (the file had { $size })
shut-create-first = create the out-file before the first recv, even if nothing arrives
shut-out-file-differs = the out-file differs from the { $size } the server sent
shut-only-start = the out-file holds only the start of the file: did the client stop after its first recv? Read until recv returns 0
shut-wrong-receipt = file-client's message is not `received <N> bytes` with N the bytes it received
shut-answered-early = file-client answered before the server's EOF, while part of the file was still to come
shut-message = message
shut-one-recv = one recv is not the whole file: read until recv returns 0, and only then send the receipt
shut-kept-newline = the server printed an empty line: the message of client 2 ended with a newline, which is not part of the message (drop one trailing newline before printing the line)
shut-wrote-past-reset = the server reset the connection after { $size } of the file, and the out-file holds bytes it never sent
shut-error-is-not-data = a recv that fails returns -1, which is not a count of bytes: check for an error before writing what the buffer holds
client-when-reset = when the server reset the connection mid-file
