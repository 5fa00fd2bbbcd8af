# The messages only day2-inet's tests say, in English; their Korean is in ko.ftl beside this file.
# The build joins every exercise's and family's catalog to the checker's own (checker/i18n/).

inet-whitespace = glibc accepts this: after the address it stops at the first whitespace (space, \t, \n, \v, \f, \r) and ignores the rest. A pitfall of the real function, which the lab follows exactly: course.md#inet-aton explains it, and how a caller checks the whole string.
inet-leading-zeros = inet_pton refuses leading zeros: to inet_aton `010` is octal 8, so a strict parser must not guess
inet-four-parts = inet_pton wants exactly four parts; the short forms are inet_aton's
inet-two-gaps = two `::` are ambiguous: nobody could tell how many zeros each stands for
inet-seven-groups = with `::` there must be at most seven explicit groups: `::` stands for at least one zero group
inet-lowercase = glibc prints hex digits in lowercase
inet-single-zero = `::` replaces a run of two or more zero groups; a single zero group stays `0`
inet-dotted-end = v4-mapped (::ffff:a.b.c.d) and v4-compatible (::a.b.c.d) addresses end in dotted decimal
inet-addr-reversed = the bytes are reversed: inet_addr returns the address in network order as it sits in memory, so its to_ne_bytes() are the four parts in order
inet-addr-none = 0xffffffff (INADDR_NONE, or 255.255.255.255)
inet-addr-value = { $value } (bytes { $bytes } in memory)
