# 실습 day1-endian의 카탈로그 항목: 테스트의 제목과 힌트의 한국어, 그리고 이 테스트들만 쓰는 메시지.
# 빌드가 모든 실습과 묶음의 카탈로그를 채점기 자신의 것(checker/i18n/)에 잇는다.

day1-endian--title = 손으로 다루는 바이트 순서: 스왑, htons/htonl, 네트워크 순서의 바이트
day1-endian--is-little-endian--title = is_little_endian()이 실제 호스트의 바이트 순서를 알려 준다
day1-endian--is-little-endian--hint = 값을 정해 둔 수를 메모리에 두고 첫 바이트를 보라. 리틀 엔디안 호스트에서 `1u16.to_ne_bytes()[0]`은 1이다.
day1-endian--is-little-endian--hint-c = 값을 정해 둔 수를 메모리에 두고 첫 바이트를 보라. `uint16_t one = 1;`이면 리틀 엔디안 호스트에서 `*(unsigned char *)&one`은 1이다(endian.h의 union을 써도 된다).
day1-endian--swap16--title = 모든 u16에 swap16
day1-endian--swap16--hint = swap16(0x1234)는 0x3412다. 아래 바이트는 8비트 위로, 위 바이트는 8비트 아래로 옮긴다.
day1-endian--swap32--title = 경계값과 무작위 값에 swap32
day1-endian--swap32--hint = 네 바이트를 하나씩 마스크해서 맞은편 대칭 자리로 시프트하라. u32로 계산하라(부호 있는 값을 오른쪽으로 시프트하면 부호 비트가 복사된다).
day1-endian--swap32--hint-c = 네 바이트를 하나씩 마스크해서 맞은편 대칭 자리로 시프트하라. uint32_t로 계산하라(음수 int를 오른쪽으로 시프트하면 부호 비트가 복사된다).
day1-endian--htons--title = 모든 u16에 htons: 메모리에 네트워크 순서로
day1-endian--htons--hint = htons는 어느 호스트에서나 가장 중요한 바이트를 메모리의 맨 앞에 두어야 한다. 리틀 엔디안에서는 바꾸고, 빅 엔디안에서는 아무것도 하지 않는다.
day1-endian--ntohs--title = 모든 u16에 ntohs
day1-endian--ntohs--hint = ntohs는 htons를 되돌린다. 어느 호스트에서나 둘은 같은 연산이다.
day1-endian--htonl--title = 경계값과 무작위 값에 htonl
day1-endian--htonl--hint = htonl(0x01020304)는 메모리에 바이트 01 02 03 04를 그 순서로 두어야 한다.
day1-endian--ntohl--title = 경계값과 무작위 값에 ntohl
day1-endian--ntohl--hint = ntohl은 htonl을 되돌린다.
day1-endian--to-wire-u16--title = 모든 u16에 to_wire_u16
day1-endian--to-wire-u16--hint = 가장 중요한 바이트가 먼저 온다. to_wire_u16(0x1f90)은 [0x1f, 0x90]이다.
day1-endian--to-wire-u16--hint-c = 가장 중요한 바이트가 먼저 온다. lab_to_wire_u16(0x1f90, out)은 out[0]에 0x1f를, out[1]에 0x90을 넣는다.
day1-endian--from-wire-u16--title = 모든 바이트 쌍에 from_wire_u16
day1-endian--from-wire-u16--hint = 첫 바이트가 가장 중요한 바이트다. 8만큼 왼쪽으로 시프트하기 전에 u16::from으로 넓히라.
day1-endian--from-wire-u16--hint-c = 첫 바이트가 가장 중요한 바이트다. in[0]을 8만큼 왼쪽으로 시프트하고 in[1]과 OR하라. 결과는 uint16_t다.
day1-endian--to-wire-u32--title = 경계값과 무작위 값에 to_wire_u32
day1-endian--to-wire-u32--hint = to_wire_u32(0x01020304)는 어느 호스트에서나 [1, 2, 3, 4]다.
day1-endian--to-wire-u32--hint-c = lab_to_wire_u32(0x01020304, out)는 어느 호스트에서나 out을 01 02 03 04로 채운다.
day1-endian--from-wire-u32--title = 경계값과 무작위 바이트 배열에 from_wire_u32
day1-endian--from-wire-u32--hint = 시프트하기 전에 바이트마다 u32로 넓히라: `(b[0] as u32) << 24`. u8을 24만큼 시프트하면 넘친다.
day1-endian--from-wire-u32--hint-c = 시프트하기 전에 바이트마다 uint32_t로 캐스트하라: `(uint32_t)in[0] << 24`. 캐스트가 없으면 in[0]은 int가 되고, 0x80 이상인 바이트를 24만큼 시프트하면 int가 넘친다. 정의되지 않은 동작이고, 채점기의 빌드는 거기서 멈춘다.
day1-endian--round-trips--title = ntohs(htons(x)), ntohl(htonl(x)), from_wire(to_wire(x))가 x를 돌려준다
day1-endian--round-trips--hint = 두 변환은 서로를 정확히 되돌려야 한다.
endian-machine-little = 이 머신은 리틀 엔디안이다: 0x0102는 메모리에 { $bytes }{ JOSA($bytes, "으로", "로") } 놓인다
endian-machine-big = 이 머신은 빅 엔디안이다: 0x0102는 메모리에 { $bytes }{ JOSA($bytes, "으로", "로") } 놓인다
endian-sign-extension = 0x8000_0000부터만 틀리는가? 부호 확장이다: 부호 있는(i32) 값을 오른쪽으로 시프트하면 맨 위 비트가 비는 바이트로 복사된다. u32 값을 시프트하라.
endian-sign-extension-c = 0x80000000부터만 틀리는가? 부호 확장이다: 부호 있는 값(int나 int32_t)을 오른쪽으로 시프트하면 맨 위 비트가 비는 바이트로 복사된다. uint32_t 값을 시프트하라(먼저 `(uint32_t)x`로 캐스트한다).
endian-htons-unchanged = htons가 입력을 그대로 돌려줬다: 이 리틀 엔디안 호스트에서는 바이트를 바꿔야 한다
