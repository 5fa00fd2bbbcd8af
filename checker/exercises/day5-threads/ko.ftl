# 실습 day5-threads의 카탈로그 항목: 테스트의 제목과 힌트의 한국어, 그리고 이 테스트들만 쓰는 메시지.
# 빌드가 모든 실습과 묶음의 카탈로그를 채점기 자신의 것(checker/i18n/)에 잇는다.

day5-threads--title = 채팅 서버: 클라이언트마다 스레드 하나, 클라이언트 목록은 뮤텍스로 보호하고, 모든 줄을 모두에게 같은 순서로
day5-threads--thread-per-client--title = 함께 연결한 클라이언트 6개를 모두 처리한다. 프로세스 하나의 스레드가 클라이언트마다 하나(이상)씩 늘고, 클라이언트가 떠나면 다시 준다(/proc/<pid>/task)
day5-threads--thread-per-client--hint = 수락한 클라이언트마다 std::thread::spawn으로 스레드를 하나씩, 한 프로세스 안에서(fork 없이) 만들라. 스레드는 클라이언트의 EOF에서 반환한다.
day5-threads--thread-per-client--hint-c = 수락한 클라이언트마다 pthread_create로 분리(detach)된 스레드를 하나씩(pthread_detach나 PTHREAD_CREATE_DETACHED로), 한 프로세스 안에서(fork 없이) 만들라. 스레드는 클라이언트의 EOF에서 반환한다.
