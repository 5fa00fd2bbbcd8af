# The messages only day3-resolve's tests say, in English; their Korean is in ko.ftl beside this file.
# The build joins every exercise's and family's catalog to the checker's own (checker/i18n/).

resolve-shim-failed = could not build the getaddrinfo shim (the checker's own problem, not yours): { $error }
resolve-localhost-has = this machine's localhost has { $n ->
    [one] { $n } address
   *[other] { $n } addresses
}
resolve-oracle-failed = getaddrinfo({ $addr }, { $port }) failed: { $error }
resolve-stands-for = { $name } stands for { $addrs }
resolve-made-up-answers = (the checker makes getaddrinfo answer for { $name } with the answers for { $addrs } in that order)
resolve-shim-not-loaded = the checker's getaddrinfo shim was not loaded into resolve (LD_PRELOAD): is resolve linked statically?
resolve-never-called = `{ $command }` never called getaddrinfo from the C library
resolve-freed = `{ $command }` got a list from getaddrinfo and freed it { $n ->
    [0] never
   *[other] { $n } times
}
resolve-getaddrinfo-calls = getaddrinfo calls
resolve-freeaddrinfo-calls = freeaddrinfo calls
resolve-give-it-back = the list is C memory: give it back with freeaddrinfo(head) after its last use
resolve-free-once = free the list exactly once: a second freeaddrinfo frees memory that is no longer yours
resolve-stray-free = `{ $command }` called freeaddrinfo({ $pointer }), a pointer getaddrinfo never returned
resolve-free-head = freeaddrinfo takes the head of the list, as getaddrinfo returned it: it frees every node itself
resolve-on-command = on `{ $command }`
resolve-did-not-exit = `{ $command }` did not exit within 15 s
resolve-oracle-changed = this machine's resolver answered `{ $command }` differently twice in a row ({ $first }, then { $then }); run the test again
resolve-failed-where-checker-succeeds = resolve failed where the checker's own getaddrinfo and getnameinfo succeed: compare your hints, flags and arguments with the contract (getnameinfo takes the node's ai_addr and ai_addrlen as they are)
resolve-other-lines = `{ $command }` printed other lines than getaddrinfo's results
resolve-address-itself = that is the address itself: with flags 0 getnameinfo looks the name up (NI_NUMERICHOST would only format the address)
resolve-no-line = (no line)
resolve-three-times = each address comes back three times (one per socket type: stream, datagram, raw): set ai_socktype = SOCK_STREAM in the hints
resolve-results-missing = { $missing } of the { $total } results are missing: follow ai_next from node to node until it is a null pointer
resolve-three-words = each line is `ipv4 <ip> <port>` or `ipv6 <ip> <port>`: three words, one space between them
resolve-family-word = the family word is wrong: ai_family AF_INET is `ipv4`, AF_INET6 is `ipv6`
resolve-name-not-address = that is a name, not an address: pass NI_NUMERICHOST to getnameinfo
resolve-wrong-address = the address is not the one in the node's ai_addr
resolve-port-swapped = port { $got } is { $port } with its bytes swapped: sin_port is in network byte order; let getnameinfo write it (NI_NUMERICSERV)
resolve-wrong-port = the port is wrong: pass the service to getaddrinfo and print the port of each result
resolve-exited-0 = `{ $command }` exited with status 0, but getaddrinfo fails here: { $text }
resolve-expected-error-line = exit status 1 and on stderr: { $line }
resolve-check-return-code = getaddrinfo returns 0 on success and an EAI_* code on failure: check it
resolve-other-eai-code = `{ $reason }` is gai_strerror's text for another EAI_ code than the checker's own call got (`{ $text }`): compare your hints, flags and arguments with the contract
resolve-gai-strerror = the reason is gai_strerror of the code getaddrinfo (or getnameinfo) returned, here `{ $text }`: they do not set errno
resolve-name-what-was-asked = the line names what was asked: { $name }
