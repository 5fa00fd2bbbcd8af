# The messages only day5-epoll's tests say, in English; their Korean is in ko.ftl beside this file.
# The build joins every exercise's and family's catalog to the checker's own (checker/i18n/).

edge-no-epoll = the server has no epoll instance watching anything (no `tfd:` line in the fdinfo of an anon_inode:[eventpoll] descriptor)
edge-create = epoll_create1, then epoll_ctl(EPOLL_CTL_ADD) for the listening socket and for every client
edge-level-triggered = fd { $fd } (a client) is level-triggered: events { $events }, without EPOLLET
edge-not-edge-triggered = client sockets are not registered edge-triggered
edge-in-proc = in /proc
edge-register = register each client with EpollFlags::EPOLLIN | EpollFlags::EPOLLOUT | EpollFlags::EPOLLET
edge-register-c = register each client with `ev.events = EPOLLIN | EPOLLOUT | EPOLLET` in epoll_ctl(EPOLL_CTL_ADD)
edge-read-until-eagain = after one EPOLLIN, read until EAGAIN: the rest of a burst is never announced again
