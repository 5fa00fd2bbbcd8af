# graceful-exit 묶음의 카탈로그 항목: 테스트의 제목과 힌트의 한국어, 그리고 이 테스트들만 쓰는 메시지.
# 빌드가 모든 실습과 묶음의 카탈로그를 채점기 자신의 것(checker/i18n/)에 잇는다.

# 깔끔한 종료 (graceful_exit/mod.rs): day4-signals, day5-pipe
graceful-exit--sigterm-exit--title = SIGTERM: 깔끔한 종료. 마지막 줄은 `bye`, 제시간에 상태 0, 남은 프로세스는 없다
graceful-exit--sigterm-exit--hint = 핸들러는 플래그만 세우라. 메인 루프가 그 플래그를 보고 수락을 멈추고, 자기가 시작한 프로세스를 모두 끝내고 기다린 뒤, `bye`를 출력하고 main에서 상태 0으로 돌아오라.
graceful-exit--sigint-exit--title = SIGINT(Ctrl-C): 똑같이 깔끔한 종료
graceful-exit--sigint-exit--hint = SIGINT에도 SIGTERM과 같은 핸들러를 설치하라.
exit-no-bye = { $signal } 뒤에 마지막으로 출력한 줄이 `bye`가 아니다
