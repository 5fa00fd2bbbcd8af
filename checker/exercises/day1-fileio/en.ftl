# The messages only day1-fileio's tests say, in English; their Korean is in ko.ftl beside this file.
# The build joins every exercise's and family's catalog to the checker's own (checker/i18n/).

fileio-calls = called { $calls }: { $short } short, { $eintr } failed with EINTR
fileio-calls-none = called neither write() nor writev(): { $short } short, { $eintr } failed with EINTR
fileio-calls-both = { $write } and { $writev }
fileio-calls-write = write() { $n ->
    [one] { $n } time
   *[other] { $n } times
}
fileio-calls-writev = writev() { $n ->
    [one] { $n } time
   *[other] { $n } times
}
fileio-the-calls = the calls
fileio-in-all = in all: { $short } short writes, { $eintr } EINTR
fileio-proved-nothing = no write was short or interrupted during this test, so it proved nothing; the machine may be too slow or too loaded for its timer (run it again)
fileio-only-first-arrived = only the first { $size } of { $total } arrived: a write returned a short count (here after a signal) and the rest was never written
fileio-restarts-first-buffer = after a short write the bytes start again from the first buffer: continue from the exact byte where the write stopped
fileio-restarts-buf = after a short write the bytes start again from the beginning of buf: continue with &buf[n..], after the n bytes written
fileio-restarts-buf-c = after a short write the bytes start again from the beginning of buf: go on from `(const char *)buf + n` with len - n, after the n bytes written
fileio-buffer-restarts = after a short write, buffer { $buffer } starts again from its beginning although part of it was written: continue inside it, from the exact byte where the write stopped
fileio-buffer-rest-missing = after a short write the rest of buffer { $buffer } is missing: the write stopped inside it, and the next write must start with the part it did not write
fileio-returned-err = { $call } returned Err({ $errno }) instead of Ok(())
fileio-returned-err-c = { $call } returned -1 with errno { $errno } instead of 0
fileio-eintr-call-again = EINTR means a signal arrived before the call wrote anything: nothing went wrong, so call it again
fileio-bytes-differ = { $call }: the bytes that arrived differ from the ones written, from offset { $at } on
fileio-no-reply = no reply to { $call }
fileio-epipe-kept-trying = write() failed with EPIPE (the reader is gone), and the call kept trying: retry only on EINTR, return every other error
fileio-epipe-spins = { $call } did not return: it ran { $ms } ms on the CPU, retrying a write that fails with EPIPE at once, every time (the reader is gone)
fileio-stopped = where it ended
fileio-stopped-when-wrong = the call was stopped there: bytes that came wrong stay wrong, whatever it writes next
fileio-copy-spins = `{ $command }` ran { $ms } ms on the CPU and did not exit, where its work takes a few milliseconds: it spins
fileio-expected-epipe = { $call }: expected Err(EPIPE), got { $got }
fileio-expected-epipe-c = { $call }: expected -1 with errno EPIPE, got { $got_c }
fileio-minus-one-errno = -1 with errno { $errno }
fileio-return-epipe = write() fails with EPIPE once nobody can read the pipe: return that error to the caller
fileio-writev-never-through = interrupted, each writev gets only part of the way: a loop that starts the buffer it stopped in from its beginning again never gets through a big one. Continue from the exact byte where the last writev stopped
fileio-never-writev = { $call } never called writev(): the bytes arrived, but one at a time through write()
fileio-one-writev-each = each attempt must be one writev of everything still to write (nix::sys::uio::writev)
fileio-one-writev-each-c = each attempt must be one writev() of everything still to write: the rest of the buffer it stopped in, then the buffers after it, in an iovec array of your own
fileio-write-as-well = { $call } called write() as well as writev()
fileio-no-write-for-rest = each attempt must be one writev of what is left, the rest of a partly written buffer included: no write() for that part
fileio-did-not-exit = `{ $command }` did not exit within 15 s
fileio-read-loop-end = does the read loop end when read() returns 0?
fileio-on-command = on `{ $command }`
fileio-should-have-worked = this copy should have worked: a readable source, a destination it may create or write
fileio-cannot-read = copy exited 0, but { $path } cannot be read: { $error }
fileio-destination-differs = after `{ $command }` the destination differs from what it should hold
fileio-only-first-copied = only the first { $size } were copied: read until read() returns 0, and write every byte of each read
fileio-longer-than-source = the copy is longer than the source and starts with all of it: write the n bytes read() returned, not the whole buffer
fileio-old-bytes-remain = the destination, { $old } long before, still holds its old bytes after the new { $new }: open it with O_TRUNC
fileio-added-after-old = the new content was added after the old one: O_APPEND is only for --append
fileio-old-content-gone = the old content is gone: with --append open with O_APPEND, not O_TRUNC
fileio-written-over-start = the new bytes were written over the start of the file: O_APPEND makes every write go to the end
fileio-append-creates = with --append a missing destination is created, as without it: O_WRONLY | O_CREAT | O_APPEND
fileio-wrong-mode = under umask { $umask }, `{ $command }` created the destination with mode { $got }, expected { $expected } (0644 less the umask)
fileio-mode-0666 = created with mode 0666: pass 0o644 as open()'s mode
fileio-mode-ignores-umask = the mode does not follow the umask: pass the mode to open() with O_CREAT and let the kernel take the umask off; never chmod afterwards
fileio-mode-changed = `{ $command }` changed the mode of the existing destination from 0604 to { $got }
fileio-mode-only-on-create = open() uses the mode only when it creates the file; copy must not change an existing file's permissions
fileio-no-stdin-pipe = no stdin pipe
fileio-dash-not-a-file = `-` is not a file name: as the source it means fd 0 (std::io::stdin().as_fd()), as the destination fd 1 (std::io::stdout().as_fd())
fileio-dash-not-a-file-c = `-` is not a file name: as the source it means fd 0 (STDIN_FILENO), as the destination fd 1 (STDOUT_FILENO); open() neither
fileio-only-first-read = only the first { $size } arrived, the bytes of the first read(): on a pipe read() returns what is there, possibly less than the buffer, long before the end. Only 0 means the end
fileio-stdout-differs = `{ $command }` wrote something else on stdout than the { $size }
fileio-created-dash = copy created a file named `-`: as the destination `-` means fd 1 (std::io::stdout().as_fd())
fileio-created-dash-c = copy created a file named `-`: as the destination `-` means fd 1 (STDOUT_FILENO), not a file to open()
fileio-no-dev-full = this user cannot write to /dev/full here: that case is left out
fileio-exited-0 = `{ $command }` exited with status 0, but it cannot have worked ({ $errno })
fileio-expected-error-line = exit status 1 and on stderr: { $line }
fileio-dev-full-enospc = every write() to /dev/full fails with ENOSPC: check each write's result and stop at the first error
fileio-errno-desc = the reason is errno's text alone: Errno::desc() gives `{ $desc }`, while Display adds the name (`{ $display }`)
fileio-errno-desc-c = the reason is errno's text alone, as strerror(errno) gives it: `{ $desc }`, without errno's name before it (`{ $display }`)
fileio-name-the-path = the line must name the path the failing call was about: { $path }
# A library call as shown in a report: code, with its arguments described in words
fileio-slow-pipe = slow pipe
fileio-closed-pipe = pipe whose reader is gone
fileio-empty-buffer = an empty buffer
fileio-random-data = { $size } of random data
fileio-more-buffers = … { $n } buffers in all (more than one writev takes: IOV_MAX, 1024)
