# 실습 day2-echo의 카탈로그 항목: 테스트의 제목과 힌트의 한국어, 그리고 이 테스트들만 쓰는 메시지.
# 빌드가 모든 실습과 묶음의 카탈로그를 채점기 자신의 것(checker/i18n/)에 잇는다.

day2-echo--title = TCP 에코 서버와 클라이언트, 실제 네트워크로 채점
day2-echo--client-echo--title = echo-client가 보낸 줄을 정확히 그대로 출력한다
day2-echo--client-echo--hint = 각 줄을 줄바꿈과 함께 보내고, 그만큼의 바이트가 돌아올 때까지 읽어, 바꾸지 않고 stdout에 쓰라.
day2-echo--client-pieces--title = echo-client가 1바이트씩 오는 응답을 이어 붙인다
day2-echo--client-pieces--hint = recv() 한 번은 지금까지 도착한 것을 돌려줄 뿐, 한 줄 전체를 돌려주지 않는다. 줄 전체가 돌아올 때까지 계속 읽으라.
day2-echo--client-long-line--title = echo-client가 1 MiB짜리 줄을 에코한다
day2-echo--client-long-line--hint = 한 줄은 어떤 고정 버퍼보다도 길 수 있다. stdin의 줄을 Vec에 읽고(read_until), 보낸 만큼의 바이트를 다시 읽으라.
day2-echo--client-long-line--hint-c = 한 줄은 어떤 고정 버퍼보다도 길 수 있다. stdin은 getline()으로 읽고(버퍼를 알아서 늘리고 줄의 길이를 돌려준다), 보낸 만큼의 바이트를 다시 읽으라.
day2-echo--client-short-write--title = 부분 쓰기를 거쳐도 16 MiB 줄의 모든 바이트가 도착한다
day2-echo--client-short-write--hint = send()는 요청보다 적은 바이트를 보낼 수 있다(부분 쓰기). 여기서는 SIGSTOP/SIGCONT 뒤에 그랬다. 마지막 호출이 멈춘 곳부터, 줄의 모든 바이트를 보낼 때까지 반복하라.
day2-echo--client-early-close--title = 일찍 닫는 서버를 상대로 echo-client: stderr에 한 줄, 종료 상태 1
day2-echo--client-early-close--hint = 줄 전체가 돌아오기 전에 recv()가 0을 돌려주면 서버가 닫은 것이다. stderr에 한 줄을 출력하고 상태 1로 종료하라.
day2-echo--server-errors--title = 포트 없이, 또는 다른 소켓이 리슨하는 포트로 시작한 echo-server: stderr에 한 줄, 종료 상태 1
day2-echo--server-errors--hint = 포트 없이 시작하면 서버는 사용법을 알리고 상태 1로 종료한다. bind가 실패하면(EADDRINUSE: 포트가 이미 쓰이고 있다) stderr에 한 줄로 그렇게 알리고 상태 1로 종료한다. 다른 포트로 계속 가서는 안 된다.
day2-echo--clients-together--title = 서버가 처리하기 전에 클라이언트 5개가 모두 연결하고 보낸다: 각자 정확히 자기 바이트를 돌려받는다
day2-echo--clients-together--hint = 함께 도착한 클라이언트들은 리스닝 소켓의 큐에서 기다린다. 차례로 처리하든, 각자 자기 스레드나 프로세스에서 처리하든, 각 클라이언트를 자기 연결 소켓으로 처리하라.
day2-echo--clients-together--hint-c = 스레드마다 자기 디스크립터를 주라. 값으로 주거나(`(void *)(intptr_t)cfd`, 받을 때는 `(int)(intptr_t)arg`) 스레드마다 따로 할당한 메모리(malloc)에 담아 주고, `&cfd`를 주면 안 된다. 스레드가 그 변수를 읽기 전에 다음 accept()가 덮어써서, 두 스레드가 한 클라이언트를 처리하고 다른 클라이언트는 아무도 처리하지 않게 된다.
day2-echo--client-refused--title = 닫힌 포트의 echo-client: stderr에 한 줄, 종료 상태 1
day2-echo--client-refused--hint = 아무도 리슨하지 않으면 connect()가 ECONNREFUSED로 실패한다. stderr에 한 줄을 출력하고 상태 1로 종료하라. 패닉은 안 된다.
day2-echo--client-refused--hint-c = 아무도 리슨하지 않으면 connect()가 ECONNREFUSED로 실패한다. 반환값을 확인하고, stderr에 한 줄(strerror(errno)와 함께)을 출력하고 상태 1로 종료하라.
day2-echo--client-no-answer--title = 답하지 않는 서버를 상대로 echo-client: 약 2초 뒤 종료 상태 1
day2-echo--client-no-answer--hint = SO_RCVTIMEO를 2초로 설정하라(sockopt::ReceiveTimeout). 그러면 recv가 끝없이 기다리지 않고 EAGAIN으로 실패한다.
day2-echo--client-no-answer--hint-c = SO_RCVTIMEO를 2초로 설정하라: `struct timeval tv = {"{"}2, 0{"}"}; setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv)`. 그러면 recv가 끝없이 기다리지 않고 EAGAIN으로 실패한다.
client-no-exit-after-stdin = stdin이 끝났는데 echo-client가 종료하지 않았다
client-while-echoing = 에코하는 중에
client-sent-differs = echo-client가 서버로 보낸 바이트가 받은 줄과 다르다
client-closed-before-echo = echo-client가 자기 줄의 에코가 아직 돌아오는 동안 연결을 닫았다(한 바이트씩 보내던 서버가 연결이 사라진 것을 보았다): recv() 한 번이 돌려준 것을 줄 전체로 여긴 것이다. 그 줄의 바이트 수만큼 돌아올 때까지 계속 읽고, 그다음에 출력하라
client-cut-at-nul = NUL 바이트가 든 줄이 NUL에서 잘렸다: 그 뒤의 바이트는 보내지 않았다. 줄은 바이트다(NUL도 포함한다): 읽은 그대로의 길이를 지키고, 첫 NUL로 길이를 재지 말라
client-cut-at-nul-c = NUL 바이트가 든 줄이 NUL에서 잘렸다: 그 뒤의 바이트는 보내지 않았다. strlen()은 첫 NUL에서 멈추고, fgets()는 몇 바이트를 읽었는지 알려 주지 않는다: 줄마다 getline()으로 읽으라. getline()은 그 길이(NUL을 포함한 모든 바이트)를 돌려주니, 그만큼 보내라
client-no-newlines = 줄바꿈 없이 줄을 보냈다: 각 줄을 읽은 그대로, 줄바꿈까지 보내라(서버는 줄이 아니라 바이트를 에코한다)
client-stdout-differs = echo-client의 stdout이 받은 줄과 다르다
client-by-hand-socat = 한 터미널에서 `socat TCP-LISTEN:7000,reuseaddr,fork EXEC:cat`, 그다음 `printf { $input } | { $client } 127.0.0.1 7000`
client-when-closed-early = 서버가 연결을 일찍 닫았을 때
client-gave-up-log = echo-client가 { $seconds }초 뒤 포기함
client-when-no-answer = 서버가 끝내 답하지 않았을 때(4초)
client-gave-up-early = echo-client가 { $seconds }초 뒤 포기했다. 계약은 느린 서버가 답할 시간으로 2초를 준다
client-wait-2s = 포기하기 전에 계약이 느린 서버에 주는 2초를 다 기다리라(TimeVal::seconds(2)의 SO_RCVTIMEO)
client-wait-2s-c = 포기하기 전에 계약이 느린 서버에 주는 2초를 다 기다리라(tv_sec = 2인 `struct timeval`의 SO_RCVTIMEO)
# 가장 흔한 첫 버그들: 저마다 원인을 밝힌다 (issue 24, 1번)
client-spins-after-eof = 서버는 줄 전체가 돌아오기 전에 연결을 닫았고(FIN), 그 뒤로 recv()는 부를 때마다 곧바로 0을 돌려준다. 클라이언트가 아직 돌고 있다면 0을 "아직 데이터 없음"으로 여기고 recv()를 거듭 부르고 있는 것이다. 0은 연결의 끝이다
echo-together-continued = 서버를 재개함: 클라이언트 { $n }개가 연결해서 각자 자기 바이트와 EOF를 보냈고, 서버는 아직 아무도 처리하지 않았다
echo-together-own-bytes = 서버가 처리를 시작하기 전에 클라이언트 { $n }개가 연결하고 보냈다. 차례로든 한꺼번에든, 각 클라이언트는 정확히 자기 바이트만 돌려받아야 한다
echo-after-together = 함께 도착한 클라이언트들을 처리한 뒤
client-short-send-lost = echo-client가 블로킹된 send 안에서 멈췄다가 재개됐고(send { $stops }번이 짧은 반환값을 돌려줬다), 줄의 바이트 일부가 끝내 도착하지 않았다. send()가 짧은 반환값을 돌려줬는데 나머지를 보내지 않은 것이다
client-all-arrived = 줄의 모든 바이트가 도착했다. 이제 돌려보낸다
client-never-connected = echo-client가 숨은 서버에 끝내 연결하지 않았다
client-waits-line-unsent = echo-client가 줄의 { $len }바이트 가운데 { $sent }바이트만 보내고 그 줄의 에코를 기다린다. 더 오고 있는 바이트가 없고, send 안에 있지도 않다
echo-together-queue-full = 연결 { $n }개가 수락을 기다리는 동안 이 연결은 큐에 들어가지 못했다. 리스닝 소켓의 큐가 가득 찼다. 함께 도착하는 클라이언트들을 담을 만한 backlog를 listen()에 주라(강의 노트는 5, 흔히 128)
