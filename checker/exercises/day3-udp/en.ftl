# The messages only day3-udp's tests say, in English; their Korean is in ko.ftl beside this file.
# The build joins every exercise's and family's catalog to the checker's own (checker/i18n/).

udp-b-reply-to-b = B's reply must go to B
udp-a-reply-to-a = A's reply must go to A
udp-three-replies = three datagrams were sent, three replies expected
udp-empty-is-a-datagram = an empty datagram is a datagram: its reply is empty too
udp-after-empty = after an empty datagram
udp-got-from-stranger = client { $client } got { $data } from port { $port }, not from the server
udp-not-its-own = client { $client } did not get back exactly its own 5 datagrams of wave { $wave }
udp-nothing = nothing
udp-client-no-exit = udp-client did not exit after stdin ended
udp-while-talking = while talking to the server
udp-stdout-differs = udp-client's stdout differs from the lines it was given ({ $note })
udp-printed-stranger = it printed the stranger's datagram: a reply from another port must be ignored
udp-plain-echo = plain echo
udp-dropped-first = the server dropped the first copy of each datagram
udp-gave-up-after-one-try = udp-client sent its datagram once and gave up (exit 1): the server dropped that first copy, and no second one came. Without a reply within 0.5 s, send the datagram again; give up only after the third try
udp-stranger-first = a stranger answered first
udp-gave-up-log = udp-client gave up after { $seconds } s, { $tries } tries
udp-still-trying = udp-client was still running after 4 s, having sent the datagram { $n ->
    [one] once
   *[other] { $n } times
}: stop after the third try
udp-gave-up-stuck = udp-client sent the datagram { $n ->
    [one] once
   *[other] { $n } times
} and did not give up
udp-when-no-answer = when the server never answered
udp-tries = udp-client sent the datagram { $n ->
    [one] { $n } time
   *[other] { $n } times
} before giving up; the contract says 3 tries in all
udp-tries-too-close = udp-client's three tries came within { $seconds } s: it must wait up to 0.5 s for the reply after each
