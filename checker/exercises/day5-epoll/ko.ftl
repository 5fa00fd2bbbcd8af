# 실습 day5-epoll의 카탈로그 항목: 테스트의 제목과 힌트의 한국어, 그리고 이 테스트들만 쓰는 메시지.
# 빌드가 모든 실습과 묶음의 카탈로그를 채점기 자신의 것(checker/i18n/)에 잇는다.

day5-epoll--title = 스레드 하나가 엣지 트리거 epoll로 모든 클라이언트를 처리한다: EAGAIN까지 읽고 쓴다
day5-epoll--many-clients--hint = 클라이언트마다 버퍼를 하나 두고, 등록할 때 함께 넘긴 데이터(epoll_event.data)로 찾으라. 같은 이벤트 묶음에서 먼저 닫은 클라이언트는 더 이상 항목이 없으니 건너뛰라.
day5-epoll--connect-burst--hint = epoll이 리스닝 소켓에 EPOLLIN을 알리면 EAGAIN까지 수락하라. 클라이언트 수에 고정된 한도를 두지 말라.
day5-epoll--stalled-client--hint = 한 클라이언트를 기다리지 말라. 소켓은 논블로킹이고, send는 소켓에 들어가는 만큼만 보내며, 나머지는 EPOLLOUT이 올 때까지 그 클라이언트의 버퍼에서 기다린다.
day5-epoll--back-pressure--hint = 백프레셔(back-pressure): 한 클라이언트에게 보낼 것이 1 MiB를 넘게 기다리는 동안에는 버퍼가 빌 때까지 그 클라이언트에서 읽기를 멈추라(그다음 곧바로 다시 읽으라: 이미 기다리는 데이터에는 새 EPOLLIN이 오지 않는다). 데이터는 커널에서 기다리고 보내는 쪽은 느려진다.
day5-epoll--reset-while-stalled--hint = EPOLLERR와 EPOLLHUP은 요청하지 않아도 알림이 온다. 둘 중 하나가 오면 그 클라이언트를 닫으라.
day5-epoll--slow-reader--hint = 엣지 트리거: EPOLLOUT이 오면 EAGAIN이 나거나 남은 것이 없을 때까지 보내라(그 전에 멈추면 새 EPOLLOUT은 오지 않는다). EOF 뒤에는 모두 보낸 뒤에만 닫으라.
day5-epoll--one-thread--hint = 모든 클라이언트를 프로세스 하나의 스레드 하나로 처리한다: 스레드도 fork도 없다. 어느 소켓이 준비됐는지는 epoll이 알려 준다.
day5-epoll--edge-triggered--title = 모든 클라이언트 소켓을 엣지 트리거로 등록한다(epoll fd의 /proc fdinfo에 있는 tfd 줄의 EPOLLET)
day5-epoll--edge-triggered--hint = 각 클라이언트를 EpollFlags::EPOLLIN | EpollFlags::EPOLLOUT | EpollFlags::EPOLLET로 등록하라.
day5-epoll--edge-triggered--hint-c = 각 클라이언트를 epoll_ctl(EPOLL_CTL_ADD)로 `ev.events = EPOLLIN | EPOLLOUT | EPOLLET`와 함께 등록하라.
day5-epoll--burst-then-silence--title = write 한 번에 1 MiB, 그다음 아무것도 보내지 않음: 모두 돌아온다
day5-epoll--burst-then-silence--hint = 엣지 트리거: EPOLLIN이 오면 EAGAIN까지 읽으라. 읽지 않고 남긴 것은 다시 알림이 오지 않는다.
edge-no-epoll = 서버에 무언가를 지켜보는 epoll 인스턴스가 없다(anon_inode:[eventpoll] 디스크립터의 fdinfo에 `tfd:` 줄이 없다)
edge-create = epoll_create1 뒤에 리스닝 소켓과 모든 클라이언트에 epoll_ctl(EPOLL_CTL_ADD)
edge-level-triggered = 클라이언트의 fd { $fd }{ JOSA($fd, "이", "가") } 레벨 트리거다: 이벤트 마스크 { $events }, EPOLLET 없음
edge-not-edge-triggered = 클라이언트 소켓을 엣지 트리거로 등록하지 않았다
edge-in-proc = /proc에서
edge-register = 각 클라이언트를 EpollFlags::EPOLLIN | EpollFlags::EPOLLOUT | EpollFlags::EPOLLET로 등록하라
edge-register-c = 각 클라이언트를 epoll_ctl(EPOLL_CTL_ADD)로 `ev.events = EPOLLIN | EPOLLOUT | EPOLLET`와 함께 등록하라
edge-read-until-eagain = EPOLLIN 한 번 뒤에는 EAGAIN까지 읽으라: 한꺼번에 온 것의 나머지는 다시 알림이 오지 않는다
