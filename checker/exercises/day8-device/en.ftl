# The messages only day8-device's tests say, in English; their Korean is in ko.ftl beside this file.
# The build joins every exercise's and family's catalog to the checker's own (checker/i18n/).

# The broker's connections (wire.rs, broker.rs)
device-nothing-came = { $who }: the broker waited for { $expected } ({ $clause }); nothing came in time
device-closed-instead = the device closed { $who } where { $expected } was due ({ $clause })
device-expected-got = { $who }: the broker expected { $expected } ({ $clause }); the device sent { $got }
device-malformed = { $who }: the device sent bytes that are no MQTT 3.1.1 packet: { $error }
device-not-from-a-device = packet type { $kind } ({ $name }), which the lab's device never sends
device-bad-connect = a CONNECT outside the lab's subset (protocol name MQTT, level 4, reserved bit 0, no user name or password, nothing left over)
device-bad-subscribe = SUBSCRIBE with flags { $flags } or no topic filter (3.8.1-1: flags 0010; 3.8.3-3: at least one filter)
device-subscribe-id-0 = SUBSCRIBE with packet id 0 (2.3.1-1)
device-stdin-full = the device does not read its stdin: a write of readings to it failed ({ $error })
device-stdin-closed = EOF (stdin closed)
device-broker-listens = the checker's broker listens on 127.0.0.1:{ $port }
device-broker-down = the broker goes down: its port refuses connections
device-broker-back = the broker is back on the same port
device-accepted = connection accepted
device-awaiting-connection = while the broker waited for connection { $n }
device-no-connection = the broker waited for the device's connection { $n }: none came in time
device-awaiting-birth = the birth PUBLISH `online` (QoS 1, retained)
device-awaiting-birth-again = the birth PUBLISH `online` of this connection (every connection has its own)
device-awaiting-reading = the PUBLISH of the reading { $reading }
device-awaiting-readings = the PUBLISHes of the readings not yet acknowledged
device-awaiting-subscribe = SUBSCRIBE to the cmd topic
device-awaiting-command-ack = PUBACK id={ $id } for the broker's command
device-awaiting-disconnect = DISCONNECT
device-awaiting-ping = PINGREQ (keep alive 1 s)
device-want-idle = silence until the keep alive is spent, not PINGREQ { $n } in { $ms } ms (a keep alive of 1 s asks for a PINGREQ after a second without sending, not one as soon as each PINGRESP comes: that floods the broker)
device-spins-idle = with nothing to send but a PINGREQ a second, the device was on a CPU { $ms } ms of { $secs } s: it spins instead of waiting for its next timer
device-idle-starved = whether the device spins between its PINGREQs could not be seen: in { $secs } s its busiest thread was runnable { $runnable } s, yet the busy machine kept it off a CPU most of that time
device-pollout-on-demand = ask for POLLOUT only while output waits to be sent (or a connect is under way): a connected socket with room to write is always writable, so poll returns at once, again and again
device-awaiting-close = the device's close of a connection whose PINGRESP does not come
device-no-such-command = a PUBACK for a PUBLISH of the broker (this id has none)
device-not-now = PUBLISH, PUBACK, SUBSCRIBE, PINGREQ or DISCONNECT (a CONNECT comes once per connection)
device-clause-contract = the contract
device-clause-reading = contract: readings at QoS 1, RETAIN 0, on devices/<id>/readings
device-clause-fed = contract: one PUBLISH per non-empty line of stdin
device-clause-subscribe = contract 3b: SUBSCRIBE after a CONNACK with session present 0, before new readings
device-clause-birth = contract 3c: the birth before new readings, on every connection
device-clause-bound = contract: a full queue drops the oldest, never sent again
device-clause-eof = contract: at EOF, every reading acknowledged, then DISCONNECT
# What the broker expected (ledger.rs)
device-want-birth-new = the birth with DUP 0 and a new packet id (this id carries no birth of an earlier connection)
device-want-birth-first = the birth PUBLISH `online` on { $topic } first
device-want-subscribe-first = SUBSCRIBE to { $topic } first
device-want-fed = a PUBLISH of one of the readings fed (this payload is no line of stdin)
device-want-not-again = nothing more of { $reading }: the broker acknowledged it
device-want-resend = { $packet }, the reading sent on connection { $link } and never acknowledged, again with DUP 1 and the same packet id
device-want-once = { $reading } once on this connection
device-want-in-order = the PUBLISH of { $reading } first (readings in the order read)
device-want-dropped = nothing of { $reading }: a queue bound of 3 drops it
device-want-free-id = a packet id no unacknowledged PUBLISH holds: { $id } is { $holder }'s
device-id-holder-reading = the reading { $reading }
device-id-holder-birth = the birth
device-want-nothing-refused = nothing on a connection refused with return code { $code }, only its close
# Part 1 (publishing.rs, commands.rs)
device-connect-differs = the device's CONNECT is not { $expected } byte for byte (3.1.2, 3.1.3; flags 0x2C)
device-left-early = the device ended the connection with { $left } readings not yet acknowledged: at the end of stdin it must wait for their PUBACKs
device-no-exit-after-disconnect = the device did not exit within 1 s of its DISCONNECT
device-after-eof = after its DISCONNECT at the end of stdin
device-usage-case = sensor-device { $args }
device-usage-running = `sensor-device { $args }` did not exit
device-usage-when = on `sensor-device { $args }`
device-usage-status = the contract: a wrong command line ends with a usage line on stderr and exit status 2
device-usage-connected = `sensor-device { $args }` connected to the broker: with a wrong command line the device connects nowhere
device-usage-silent = `sensor-device { $args }` exited with 2 but wrote nothing on stderr: a usage line says what it takes
device-command-not-printed = the line `{ $line }` did not come on stdout
device-flush = stdout into a pipe is fully buffered: flush it after each line (fflush(stdout)), or the line waits in the device
device-stdout-differs = the device's stdout is not the lines of the commands it had to act on, each once
# Part 2 (resending.rs)
device-drops-said = the device's `dropped` lines on stderr are not the ones expected: 8 readings with a queue bound of 3 drop the 5 oldest, counted 1 to 5
device-stdin-unread = 8 readings came on stdin while offline: the device had not read them 2 s later (it reads stdin whether connected or not, and drops the oldest beyond its bound)
device-floods = in the 600 ms its broker was down, the device ran { $ms } ms on the CPU and called connect() { $tries } times (its backoff allows { $most }): it retries a refused connect at once, flooding the broker
device-back-late = the device connected again { $ms } ms after the broker came back: its waits are at most backoff-max, { $max } ms
# Part 3 (timers.rs)
device-half-open = the broker stops answering PINGREQ, the connection left open (a half-open link)
device-dead-link-open = the connection was still open { $ms } ms after the unanswered PINGREQ: with a keep alive of 1 s the device gives the PINGRESP 1 s (the checker allows 1.5 s), then closes and reconnects
device-backoff-early = after failure { $n } the device connected again { $gap } ms later: its wait is at least d/2, d = { $d } ms
device-backoff-late = after failure { $n } the device connected again { $gap } ms later: its wait is at most d = { $d } ms (d = min(max, min × 2^(n-1)))
device-backoff-reset = a CONNACK 0 sets the count of failures back to 0: the failure after it waits as the first did
device-in-step = the two devices refused alike waited alike: their waits differ by 8 ms or more on { $apart } of { $gaps } attempts only, or one device's waits hardly vary
device-signal = { $signal } to the device
device-no-disconnect = the device closed the connection after { $signal } without DISCONNECT: the broker publishes its will `offline` (3.1.2-8)
device-no-exit = the device did not exit within 1 s of { $signal }
device-after-signal = after { $signal }
device-want-reading = PUBLISH qos=1 topic={ $topic } (a reading)
device-waits-of = the waits of device { $device }, ms
device-log-cpu = while the broker was down 600 ms: { $ms } ms on the CPU, { $tries } connect() calls
device-log-back = connected again { $ms } ms after the broker came back
device-log-dead-link = closed { $closed } ms after its unanswered PINGREQ, connected again { $again } ms later
device-log-wait = the wait after failure { $n }: { $gap } ms (d = { $d } ms)
device-log-waits = the waits of device A: { $a } ms; of device B: { $b } ms
device-log-delays = what the scheduler's delays may have added to each wait (the device's and the checker's time runnable but off a CPU): A { $a } ms; B { $b } ms
device-jitter-starved = the machine was too busy while the two devices waited: a scheduler's delays can make waits alike look different, so their difference proves no jitter
device-no-connack = the broker reads the CONNECT and answers nothing
device-awaiting-close-connack = the device's close of a connection whose CONNACK does not come
device-connack-waited = the connection was still open { $ms } ms after a CONNECT the broker never answered: with a keep alive of 1 s, the device gives the CONNACK 1 s, then closes and reconnects
