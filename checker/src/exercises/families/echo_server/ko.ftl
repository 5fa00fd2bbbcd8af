# echo-server 묶음의 카탈로그 항목: 테스트의 제목과 힌트의 한국어, 그리고 이 테스트들만 쓰는 메시지.
# 빌드가 모든 실습과 묶음의 카탈로그를 채점기 자신의 것(checker/i18n/)에 잇는다.

label-then = 그다음
# 에코 서버의 계약 (echo_server/family.rs): day2-echo, day5-poll, day5-epoll
echo-server--listening-line--title = 와일드카드 주소와 실제 포트로 `listening on 0.0.0.0:<port>`를 한 번 출력한다
echo-server--listening-line--hint = INADDR_ANY(SockaddrIn::new(0, 0, 0, 0, port))에 바인드한 뒤, getsockname()이 돌려준 주소를 한 번 출력하고 flush하라.
echo-server--listening-line--hint-c = INADDR_ANY에 바인드한 뒤(`a.sin_addr.s_addr = htonl(INADDR_ANY)`), getsockname()이 돌려준 주소를 한 번 출력하고 fflush(stdout)하라.
echo-server--round-trip--title = 한 줄이 온전히 돌아오고, 클라이언트의 하프 클로즈 뒤에 EOF가 온다
echo-server--round-trip--hint = 반복: 읽고, 읽은 것을 돌려보내라. read가 0을 돌려주면 클라이언트가 끝난 것이니 연결을 닫으라.
echo-server--binary-64k--title = 64 KiB의 무작위 바이트(NUL, CR, LF, 0xFF 포함)가 그대로 돌아온다
echo-server--binary-64k--hint = 텍스트가 아니라 바이트를 에코하라. String을 거치면(from_utf8_lossy) 잘못된 UTF-8이 U+FFFD가 된다. 데이터는 Vec<u8>이나 [u8]에 두라.
echo-server--binary-64k--hint-c = 텍스트가 아니라 바이트를 에코하라. 데이터는 `char buf[]`에 두고 read()가 돌려준 바이트 수와 함께 다루며, 정확히 그만큼 보내라. 문자열 함수(strlen, strcpy, printf의 %s)는 첫 0 바이트에서 멈춘다.
echo-server--one-byte-writes--title = write 한 번에 1바이트씩(TCP_NODELAY) 보낸 4 KiB가 온전히 돌아온다
echo-server--one-byte-writes--hint = TCP는 메시지 경계를 지키지 않는다. 데이터는 아무 크기의 조각으로 온다. 조각이 오는 대로 에코하고 EOF까지 계속 읽으라.
echo-server--stalled-reader--title = 채점기가 읽기를 멈추고 서버를 멈췄다 재개하는 동안 32 MiB
echo-server--stalled-reader--hint = send()는 요청보다 적은 바이트를 보낼 수 있다(부분 쓰기). 여기서는 SIGSTOP/SIGCONT 뒤에 그랬다. 마지막 호출이 멈춘 곳부터, 모든 바이트를 보낼 때까지 반복하라.
echo-server--sequential-clients--title = 클라이언트 20개를 차례로, 각각 끝까지 처리한다
echo-server--sequential-clients--hint = 한 클라이언트의 EOF 뒤에는 그 소켓을 닫고 다음 클라이언트를 위해 accept()로 돌아가라. 서버는 누가 끝낼 때까지 계속 돈다.
echo-server--reset-then-normal--title = 도중에 리셋하는 클라이언트는 자기 연결만 잃는다
echo-server--reset-then-normal--hint = 클라이언트가 사라지면 read/send가 ECONNRESET이나 EPIPE로 실패한다. 알리고, 그 연결을 닫고, 다음 클라이언트를 수락하라. unwrap()하면 안 된다.
echo-server--reset-then-normal--hint-c = 클라이언트가 사라지면 read/send가 ECONNRESET이나 EPIPE로 실패한다. 알리고, 그 연결을 close(fd)로 닫고, 다음 클라이언트를 수락하라. 그렇다고 exit()하지는 말라. `send(fd, buf, len, MSG_NOSIGNAL)`로 보내라. 그러지 않으면 EPIPE 대신 SIGPIPE가 와서 서버가 죽는다.
echo-server--half-close-reset--title = 하프 클로즈한 뒤 읽지 않고 리셋하는 클라이언트는 자기 연결만 잃는다
echo-server--half-close-reset--hint = 하프 클로즈한 뒤 리셋한 클라이언트에게 쓰면 곧바로 EPIPE로 실패한다. 그 연결을 닫고 다음 클라이언트를 수락하라. unwrap()하면 안 된다.
echo-server--half-close-reset--hint-c = 클라이언트가 하프 클로즈(shutdown(SHUT_WR))한 뒤 리셋하면 서버의 바로 다음 write가 EPIPE로 실패하는데, 그때 SIGPIPE가 와서 서버가 죽는다. `send(fd, buf, len, MSG_NOSIGNAL)`로 보내거나(또는 시작할 때 한 번 `signal(SIGPIPE, SIG_IGN)`), 그 연결을 close(fd)로 닫고 계속하라.
echo-server--idle-connection--title = 1초 동안 아무것도 보내지 않다가 다시 쓰이는 연결
echo-server--idle-connection--hint = 아무것도 보내지 않는 클라이언트가 끝난 클라이언트는 아니다. read()가 0을 돌려줄 때만 EOF다.
echo-server--no-close-wait--title = 클라이언트가 떠나면 서버는 그 클라이언트의 소켓을 잡고 있지 않는다(/proc/<pid>/fd, net/tcp)
echo-server--no-close-wait--hint = 클라이언트가 끝나면 연결 소켓을 닫으라(OwnedFd를 drop). shutdown()만으로는 디스크립터가 풀리지 않는다.
echo-server--no-close-wait--hint-c = 클라이언트가 끝나면 연결 소켓을 닫으라: `close(fd)`. shutdown()만으로는 디스크립터가 풀리지 않는다.
echo-server--restart-same-port--title = 클라이언트를 처리한 직후 멈춘 서버가 같은 포트에서 바로 다시 시작한다
echo-server--restart-same-port--hint = bind() 전에 리스닝 소켓에 SO_REUSEADDR를 설정하라. 이전 실행의 연결들이 TIME_WAIT로 기다리며 포트를 잡고 있다.
echo-server--throughput--title = 처리량이 채점기에 든 기준 에코 서버의 4분의 1 이상
echo-server--throughput--hint = 큰 덩어리(수십 KiB의 버퍼)로 읽고 쓰라. 바이트마다 시스템 호출 한 번은 수천 배 느리다.
eof-after-client-eof-close = 클라이언트의 EOF 뒤에도(read()가 0을 돌려주면 연결을 닫으라)
label-line = 줄
echo-no-listening-line = { $label }{ JOSA($label, "이", "가") } `listening on` 줄을 출력하지 않았다(--program으로 준 프로그램은 출력하지 않을 수 있다). /proc에서 본 리스닝 소켓은 와일드카드 주소에 있고, 줄 자체는 확인하지 않는다
echo-line-not-wildcard = 줄에 { $ip }{ JOSA($ip, "이", "가") } 있다: 계약은 와일드카드 주소 0.0.0.0에 바인드하는 것이다
echo-listens-not-wildcard = 서버가 와일드카드 주소 0.0.0.0이 아니라 { $ip }:{ $port }에서 리슨한다
echo-other-port = 포트 { $wanted }{ JOSA($wanted, "으로", "로") } 시작했는데 서버는 { $port }에서 리슨한다
echo-served-then-stopped = { $n ->
    [1] 서버가 클라이언트 1을 처리했다
   *[other] 서버가 클라이언트 1~{ $n }{ JOSA($n, "을", "를") } 처리했다
}. 서버는 클라이언트마다 accept()로 돌아가 멈출 때까지 계속 돈다
echo-after-serving = 클라이언트 { $i }{ JOSA($i, "을", "를") } 처리한 뒤
echo-sigpipe-after-reset = 리셋 뒤에도 클라이언트가 그 전에 보낸 바이트가 에코되기를 기다리며 남아 있었다: 서버의 첫 write는 실패했는데(ECONNRESET) 서버가 다시 썼고, 그 write(EPIPE)가 SIGPIPE를 일으켰다. SIGPIPE의 기본 동작은 프로세스 종료다. write가 실패한 연결에는 더 쓰지 말고, MSG_NOSIGNAL로 보내라(또는 SIGPIPE를 SIG_IGN으로 두라). 그러면 EPIPE로 서버가 끝나지 않고, 처리할 오류로 돌아온다
echo-stays-silent = 1초 동안 아무것도 보내지 않음
echo-still-holds = 클라이언트 3개가 떠났는데 서버가 아직 그 클라이언트들의 소켓 { $n }개를 닫지 않았다
echo-close-wait = CLOSE_WAIT: 클라이언트는 자기 쪽을 닫았는데 서버가 소켓을 닫지 않았다
echo-descriptors-open = 끝난 연결의 디스크립터가 열린 채다: 클라이언트의 EOF 뒤에 소켓을 닫으라(drop)
echo-descriptors-open-c = 끝난 연결의 디스크립터가 열린 채다: 클라이언트의 EOF 뒤에 연결 소켓을 close(fd)로 닫으라
echo-stopped-server = 연결이 열린 채로 서버를 멈춤
echo-could-not-restart = 서버가 이전 실행 직후 포트 { $port }에서 다시 시작하지 못했다
echo-16mib-late = 16 MiB가 15초 안에 돌아오지 않았다
echo-too-slow = { $yours } MB/s: 이 머신에서 기준 에코 서버의 { $reference } MB/s의 4분의 1이 안 된다
echo-time-wait-log = 포트 { $port }{ JOSA($port, "을", "를") } 잡은 TIME_WAIT 항목이 있는가: { $held }
echo-throughput-log = { $round }번째: 기준 { $reference } MB/s, 여러분의 서버 { $yours } MB/s
echo-continued-after-reset = 서버를 재개함: 리셋이 그 소켓에 도착했으니 그 소켓의 다음 read나 send는 실패한다
echo-restarted-elsewhere = 포트 { $port }{ JOSA($port, "으로", "로") } 다시 시작했는데 서버는 { $actual }에서 리슨한다: { $port }에 대한 bind()가 실패했고(EADDRINUSE: 이전 연결이 TIME_WAIT로 남아 있다), 그 결과를 확인하지 않아 listen()할 때 커널이 포트를 골랐다
echo-continued-after-half-close-reset = 서버를 재개함: 한 줄, 클라이언트의 EOF, 그리고 리셋이 소켓에서 기다린다. 리셋이 CLOSE_WAIT에서 왔으므로 서버의 다음 write는 EPIPE로 실패한다
echo-after-half-close-reset = 클라이언트가 하프 클로즈한 뒤 연결을 리셋한 다음
echo-sigpipe-after-half-close-reset = 클라이언트가 리셋하기 전에 하프 클로즈(shutdown(SHUT_WR))했으므로 리셋이 왔을 때 서버의 소켓은 CLOSE_WAIT에 있었다. 그 상태에서는 리셋 뒤의 첫 write부터 ECONNRESET이 아니라 EPIPE로 실패하고 SIGPIPE를 일으키며, SIGPIPE의 기본 동작은 프로세스 종료다. write마다 결과를 검사하는 것으로는 모자란다. MSG_NOSIGNAL로 보내서(또는 SIGPIPE를 SIG_IGN으로 두어서) EPIPE로 서버가 끝나지 않고 처리할 오류로 돌아오게 하라
echo-half-close-premise = 서버가 다시 돌기 전에 서버의 소켓이 CLOSE_WAIT에서 리셋을 받는 것을 보지 못했다(클라이언트의 FIN에 확인 응답이 오지 않았거나, 1초 안에 리셋이 반영되지 않았다). 이 테스트가 판정하려는 조건이 생기지 않았다
