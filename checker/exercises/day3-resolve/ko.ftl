# 실습 day3-resolve의 카탈로그 항목: 테스트의 제목과 힌트의 한국어, 그리고 이 테스트들만 쓰는 메시지.
# 빌드가 모든 실습과 묶음의 카탈로그를 채점기 자신의 것(checker/i18n/)에 잇는다.

day3-resolve--title = libc에서 호출하는 getaddrinfo/getnameinfo로 이름 해석(name resolution)
day3-resolve--localhost--title = localhost 해석: 모든 결과를 getaddrinfo의 순서대로
day3-resolve--localhost--hint = ai_family = AF_UNSPEC, ai_socktype = SOCK_STREAM으로 getaddrinfo에 물어보고, 리스트의 노드마다 한 줄씩 순서대로 출력하라.
day3-resolve--every-result--title = IPv4와 IPv6 주소가 여럿인 이름: 돌려받은 순서대로 하나하나
day3-resolve--every-result--hint = getaddrinfo는 연결 리스트를 돌려준다. 머리부터 NULL 포인터까지 ai_next를 따라가며 모든 노드를 출력하라.
day3-resolve--numeric-ipv4--title = 숫자 IPv4 주소는 `ipv4 <ip> 0`으로 돌아온다
day3-resolve--numeric-ipv4--hint = 패밀리는 ai_family다(AF_INET: ipv4). 주소는 getnameinfo와 NI_NUMERICHOST로 포맷하라. 이름을 찾아보지 않는다.
day3-resolve--numeric-ipv6--title = 숫자 IPv6 주소는 getnameinfo가 쓰는 그대로 `ipv6 <ip> 0`으로 돌아온다
day3-resolve--numeric-ipv6--hint = AF_INET6는 ipv6다. getnameinfo에는 노드 자신의 ai_addr와 ai_addrlen을 넘기라(sockaddr_in6는 sockaddr_in보다 길다).
day3-resolve--services--title = 이름(/etc/services)이나 번호로 준 서비스에서 올바른 포트가 나온다
day3-resolve--services--hint = 서비스를 getaddrinfo에 넘기라. sockaddr 안의 포트는 네트워크 바이트 순서다. getnameinfo가 쓰게 하라(NI_NUMERICSERV).
day3-resolve--unknown-host--title = 있을 수 없는 이름: `resolve: <host>: <gai_strerror text>`, 종료 상태 1
day3-resolve--unknown-host--hint = getaddrinfo는 -1과 errno가 아니라 EAI_* 코드를 돌려준다. gai_strerror(code)를 출력하고 상태 1로 종료하라.
day3-resolve--unknown-service--title = 없는 서비스: gai_strerror 줄, 종료 상태 1
day3-resolve--unknown-service--hint = 서비스를 알 수 없어도 getaddrinfo가 실패한다(EAI_SERVICE). 알 수 없는 호스트와 같은 방식으로 알리라.
day3-resolve--malformed-address--title = 잘못된 주소로 resolve -r: gai_strerror 줄, 종료 상태 1
day3-resolve--malformed-address--hint = AI_NUMERICHOST이면 getaddrinfo는 숫자 주소가 아닌 것을 모두 거부한다(EAI_NONAME). 그 오류를 알리라. unwrap하면 안 된다.
day3-resolve--malformed-address--hint-c = AI_NUMERICHOST이면 getaddrinfo는 숫자 주소가 아닌 것을 모두 거부한다(EAI_NONAME). 반환값을 확인하고, stderr에 `resolve: <ip>: `와 gai_strerror(rc)를 출력하고 상태 1로 종료하라. 실패한 호출은 쓰거나 해제할 리스트를 주지 않는다.
day3-resolve--reverse--title = resolve -r <ip>가 getnameinfo가 찾은 이름을 출력한다
day3-resolve--reverse--hint = getaddrinfo(AI_NUMERICHOST)로 텍스트를 소켓 주소로 바꾼 뒤 flags 0으로 getnameinfo를 부르라. 이름을 찾아보고, 없으면 주소를 돌려준다.
day3-resolve--frees-list--title = getaddrinfo가 돌려준 리스트는 모두 freeaddrinfo에 한 번씩 돌려준다
day3-resolve--frees-list--hint = 리스트를 받은 모든 경로에서, 마지막으로 쓴 뒤에 freeaddrinfo(head)를 한 번 부르라(Drop에서 freeaddrinfo를 부르는 구조체에 맡겨도 된다).
day3-resolve--frees-list--hint-c = getaddrinfo가 준 리스트의 머리에 freeaddrinfo(list)를 한 번 부르라(모든 노드를 해제한다. 노드마다 따로 부르지 말라). 리스트를 마지막으로 쓴 뒤에, 리스트를 받은 모든 경로에서, 오류 경로에서도 부른다.
resolve-shim-failed = getaddrinfo 심을 빌드하지 못했다(채점기 자체의 문제이지 여러분의 잘못이 아니다): { $error }
resolve-localhost-has = 이 머신의 localhost에는 주소가 { $n }개 있다
resolve-oracle-failed = getaddrinfo({ $addr }, { $port })가 실패했다: { $error }
resolve-stands-for = { $name }{ JOSA($name, "은", "는") } { $addrs }{ JOSA($addrs, "을", "를") } 뜻한다
resolve-made-up-answers = (채점기는 getaddrinfo가 { $name }에 대해 { $addrs }의 답을 그 순서대로 돌려주게 한다)
resolve-shim-not-loaded = 채점기의 getaddrinfo 심(shim)이 resolve에 로드되지 않았다(LD_PRELOAD): resolve가 정적으로 링크됐는가?
resolve-never-called = `{ $command }`{ JOSA($command, "이", "가") } C 라이브러리의 getaddrinfo를 한 번도 호출하지 않았다
resolve-freed = `{ $command }`{ JOSA($command, "이", "가") } getaddrinfo에서 리스트를 받아 { $n ->
    [0] 한 번도 해제하지 않았다
   *[other] { $n }번 해제했다
}
resolve-getaddrinfo-calls = getaddrinfo 호출 수
resolve-freeaddrinfo-calls = freeaddrinfo 호출 수
resolve-give-it-back = 리스트는 C의 메모리다: 마지막으로 쓴 뒤 freeaddrinfo(head)로 돌려주라
resolve-free-once = 리스트는 정확히 한 번 해제하라: 두 번째 freeaddrinfo는 이미 돌려준 메모리를 다시 해제한다
resolve-stray-free = `{ $command }`{ JOSA($command, "이", "가") } getaddrinfo가 돌려준 적 없는 포인터로 freeaddrinfo({ $pointer })를 호출했다
resolve-free-head = freeaddrinfo는 getaddrinfo가 돌려준 그대로의 리스트 머리를 받아 모든 노드를 스스로 해제한다
resolve-on-command = `{ $command }`{ JOSA($command, "을", "를") } 실행했을 때
resolve-did-not-exit = `{ $command }`{ JOSA($command, "이", "가") } 15초 안에 종료하지 않았다
resolve-oracle-changed = 이 머신의 리졸버가 `{ $command }`에 대해 연달아 다르게 답했다({ $first }, 그다음 { $then }). 테스트를 다시 실행하라
resolve-failed-where-checker-succeeds = 채점기가 직접 부른 getaddrinfo와 getnameinfo는 성공하는데 resolve는 실패했다: 힌트(hints), 플래그, 인자를 계약과 비교해 보라(getnameinfo에는 노드의 ai_addr와 ai_addrlen을 그대로 넘긴다)
resolve-other-lines = `{ $command }`{ JOSA($command, "이", "가") } getaddrinfo의 결과와 다른 줄을 출력했다
resolve-address-itself = 주소 그 자체다: 플래그가 0이면 getnameinfo는 이름을 찾아본다(NI_NUMERICHOST는 주소를 포맷할 뿐이다)
resolve-no-line = (줄 없음)
resolve-three-times = 주소마다 세 번씩 나온다(소켓 타입마다 한 번: stream, datagram, raw): 힌트에 ai_socktype = SOCK_STREAM을 설정하라
resolve-results-missing = 결과 { $total }개 중 { $missing }개가 빠졌다: ai_next를 따라 노드에서 노드로, NULL 포인터가 나올 때까지 가라
resolve-three-words = 각 줄은 `ipv4 <ip> <port>` 또는 `ipv6 <ip> <port>`다: 세 단어, 그 사이에 공백 하나씩
resolve-family-word = 패밀리를 나타내는 단어가 틀렸다: ai_family가 AF_INET이면 `ipv4`, AF_INET6이면 `ipv6`다
resolve-name-not-address = 주소가 아니라 이름이다: getnameinfo에 NI_NUMERICHOST를 넘기라
resolve-wrong-address = 주소가 노드의 ai_addr에 있는 주소가 아니다
resolve-port-swapped = 포트 { $got }{ JOSA($got, "은", "는") } { $port }의 바이트를 뒤바꾼 것이다: sin_port는 네트워크 바이트 순서다. getnameinfo가 쓰게 하라(NI_NUMERICSERV)
resolve-wrong-port = 포트가 틀렸다: getaddrinfo에 서비스를 넘기고 결과마다 그 포트를 출력하라
resolve-exited-0 = `{ $command }`{ JOSA($command, "이", "가") } 상태 0으로 종료했지만 여기서 getaddrinfo는 실패한다: { $text }
resolve-expected-error-line = 종료 상태 1, 그리고 stderr에: { $line }
resolve-check-return-code = getaddrinfo는 성공하면 0을, 실패하면 EAI_* 코드를 돌려준다: 그 값을 확인하라
resolve-other-eai-code = `{ $reason }`{ JOSA($reason, "은", "는") } 채점기가 직접 부른 호출의 결과(`{ $text }`)와 다른 EAI_ 코드에 대한 gai_strerror의 텍스트다: 힌트, 플래그, 인자를 계약과 비교해 보라
resolve-gai-strerror = 이유는 getaddrinfo(또는 getnameinfo)가 돌려준 코드의 gai_strerror이고, 여기서는 `{ $text }`다: 이 함수들은 errno를 설정하지 않는다
resolve-name-what-was-asked = 그 줄에는 물어본 것이 나와야 한다: { $name }
