# 실습 day2-inet의 카탈로그 항목: 테스트의 제목과 힌트의 한국어, 그리고 이 테스트들만 쓰는 메시지.
# 빌드가 모든 실습과 묶음의 카탈로그를 채점기 자신의 것(checker/i18n/)에 잇는다.

day2-inet--title = inet_* 주소 변환, glibc와 바이트 단위로 똑같이
day2-inet--aton-tricky--title = 까다로운 입력에 inet_aton(짧은 형식, 8진수, 16진수, 범위, 쓰레기 값)
day2-inet--aton-tricky--hint = 각 부분은 strtoul(part, &end, 0)처럼 읽는다. 0x..는 16진수, 0..는 8진수, 나머지는 10진수이고, 마지막 부분이 남은 바이트를 채운다(127.1은 127.0.0.1).
day2-inet--aton-random--title = 시드로 만든 무작위 주소 비슷한 문자열에 inet_aton
day2-inet--aton-random--hint = 여러분의 파서를 course.ko.md#inet-aton의 규칙과 부분별로 비교하라. 실패한 입력은 보고서에 나온다.
day2-inet--addr--title = inet_addr: 네트워크 순서의 in_addr_t, 오류이면 INADDR_NONE
day2-inet--addr--hint = inet_addr("1.2.3.4").to_ne_bytes()는 [1, 2, 3, 4]여야 한다. u32::from_ne_bytes로 바이트에서 u32를 만들라.
day2-inet--addr--hint-c = lab_inet_addr("1.2.3.4")의 바이트는 메모리에서 01 02 03 04여야 한다. in_addr_t를 네트워크 바이트 순서로 만들라. 이를테면 네 바이트를 memcpy로 옮겨 넣는다.
day2-inet--pton4-tricky--title = 까다로운 입력에 inet_pton4(엄격한 점 10진 표기)
day2-inet--pton4-tricky--hint = 정확히 네 부분, 각각 10진수 0..=255, 앞의 0 없이, 그 밖의 것은 없이. 127.1과 01.2.3.4는 거부해야 한다.
day2-inet--pton4-tricky--hint-c = 정확히 네 부분, 각각 10진수 0부터 255까지, 앞의 0 없이, 그 밖의 것은 없이. 127.1과 01.2.3.4는 거부해야 한다.
day2-inet--pton4-random--title = 시드로 만든 무작위 주소 비슷한 문자열에 inet_pton4
day2-inet--pton4-random--hint = 실패한 입력은 보고서에 나온다. course.ko.md#inet-pton의 네 가지 규칙에 비추어 확인하라.
day2-inet--pton6-tricky--title = 까다로운 입력에 inet_pton6(곳곳의 ::, 두 개의 ::, 내장 IPv4, zone id, 그룹 수)
day2-inet--pton6-tricky--hint = ::는 많아야 하나이고 0인 그룹 하나 이상을 뜻한다. 그룹은 모두 여덟 개이고, 그룹마다 16진수 1~4자리다. 마지막 두 그룹 자리에 점 표기 IPv4가 올 수 있다.
day2-inet--pton6-random--title = 시드로 만든 무작위 주소 비슷한 문자열에 inet_pton6
day2-inet--pton6-random--hint = 실패한 입력은 보고서에 나온다. 그룹 수와 ::를 규칙에 비추어 세어 보라.
day2-inet--ntoa--title = inet_ntoa: 점 10진 표기
day2-inet--ntoa--hint = 10진수 넷을 점으로 잇고 채움 문자는 없다. [10, 0, 0, 1]은 "10.0.0.1"이다.
day2-inet--ntoa--hint-c = 10진수 넷을 점으로 잇고 채움 문자는 없다. in.s_addr의 바이트가 메모리 순서로 10 0 0 1이면 "10.0.0.1"이다.
day2-inet--ntop6-structured--title = 0인 그룹의 모든 패턴, 동점, v4-mapped와 v4-compatible에 inet_ntop6
day2-inet--ntop6-structured--hint = 앞의 0 없는 소문자 16진수. ::는 두 개 이상 이어진 0인 그룹 중 가장 긴 것을 대신한다(동점이면 앞의 것). ::ffff:a.b.c.d와 ::a.b.c.d는 점 10진 표기로 끝난다.
day2-inet--ntop6-random--title = 시드로 만든 무작위 주소에 inet_ntop6, glibc와 바이트 단위로 똑같이
day2-inet--ntop6-random--hint = 구조화된 테스트의 규칙과 비교하라. 실패한 주소는 보고서에 나온다.
day2-inet--round-trips--title = inet_pton6(inet_ntop6(x)) == x 그리고 inet_pton4(inet_ntoa(x)) == x
day2-inet--round-trips--hint = inet_ntop6가 무엇을 출력하든, 그것을 inet_pton6로 읽으면 같은 16바이트가 나와야 한다.
inet-whitespace = glibc는 이것을 받아들인다: 주소 뒤의 첫 공백 문자(space, \t, \n, \v, \f, \r)에서 멈추고 나머지를 무시한다. 실제 함수의 함정이고, 이 실습은 그 동작을 그대로 따른다: 그 까닭과 호출하는 쪽이 문자열 전체를 확인하는 방법은 course.ko.md#inet-aton에 있다.
inet-leading-zeros = inet_pton은 앞의 0을 거부한다: inet_aton에서 `010`은 8진수 8이므로, 엄격한 파서는 어느 쪽인지 짐작하면 안 된다
inet-four-parts = inet_pton은 정확히 네 부분을 요구한다. 짧은 형식은 inet_aton만 받아들인다
inet-two-gaps = `::`가 둘이면 모호하다: 각각이 0 몇 개를 뜻하는지 아무도 알 수 없다
inet-seven-groups = `::`가 있으면 명시적인 그룹은 많아야 일곱 개다: `::`는 적어도 0인 그룹 하나를 뜻한다
inet-lowercase = glibc는 16진수 숫자를 소문자로 출력한다
inet-single-zero = `::`는 두 개 이상 이어진 0인 그룹을 대신한다. 0인 그룹 하나는 `0`으로 남는다
inet-dotted-end = v4-mapped(::ffff:a.b.c.d)와 v4-compatible(::a.b.c.d) 주소는 점 10진 표기로 끝난다
inet-addr-reversed = 바이트가 뒤집혔다: inet_addr는 주소를 메모리에 네트워크 순서 그대로 놓아 돌려주므로, 그 to_ne_bytes()는 네 부분이 순서대로다
inet-addr-none = 0xffffffff (INADDR_NONE, 곧 255.255.255.255)
inet-addr-value = { $value } (메모리의 바이트 { $bytes })
