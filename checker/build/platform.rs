//! Where the lab can run, decided before anything of the checker compiles: the build script
//! refuses any other system with one message that says why and what to do (in both languages),
//! instead of a page of errors from deep inside the checker. The checker's tests include this
//! file too, so the message and its condition are tested on the machine that can run them.

/// Where README's section for students on other systems starts (both languages).
pub const README_SECTION: &str = "README.md#on-macos-or-windows";
pub const README_SECTION_KO: &str = "README.ko.md#macos나-윈도우에서";

/// The lines to print when the lab cannot be built for `target_os` with pointers
/// `pointer_width` bits wide (cargo's CARGO_CFG_TARGET_OS and CARGO_CFG_TARGET_POINTER_WIDTH);
/// `None` where it can: 64-bit Linux, x86-64 or ARM64 alike (the system call numbers the checker
/// reads in /proc come from the libc crate, for the architecture it is built for).
pub fn refusal(target_os: &str, pointer_width: &str) -> Option<Vec<String>> {
    if target_os == "linux" && pointer_width == "64" {
        return None;
    }
    let mut lines = Vec::new();
    if target_os == "linux" {
        lines.push(
            "The lab needs 64-bit Linux (x86-64 or ARM64): the checker reads the system calls \
             your programs wait in as a 64-bit kernel shows them. On a Raspberry Pi, install \
             the 64-bit Raspberry Pi OS."
                .to_string(),
        );
        lines.push(
            "이 랩은 64비트 리눅스(x86-64나 ARM64)가 필요하다. 채점기는 프로그램이 기다리는 \
             시스템 호출을 64비트 커널이 보여 주는 대로 읽는다. 라즈베리 파이라면 64비트 \
             라즈베리 파이 OS를 설치하라."
                .to_string(),
        );
        return Some(lines);
    }
    let system = match target_os {
        "macos" => "macOS",
        "windows" => "Windows",
        "freebsd" => "FreeBSD",
        other => other,
    };
    lines.extend([
        format!(
            "The lab needs Linux, and this is {system}: the checker watches your programs \
                 through what only Linux has (epoll, /proc, private networks per test)."
        ),
        format!("Three ways to get it, each explained in {README_SECTION}:"),
        "  1. the dev container: open the lab in GitHub Codespaces, or in VS Code with the \
             Dev Containers extension and Docker;"
            .to_string(),
        "  2. on Windows, WSL 2 (`wsl --install`), with the lab cloned inside Linux;".to_string(),
        "  3. a Linux virtual machine (Ubuntu), as the course notes use.".to_string(),
        format!(
            "이 랩은 리눅스가 필요한데 이 시스템은 {system}다. 채점기는 리눅스에만 있는 \
                 것(epoll, /proc, 테스트마다 따로 두는 네트워크)으로 프로그램을 지켜본다."
        ),
        format!("리눅스를 쓰는 세 가지 방법({README_SECTION_KO}에 자세히 있다):"),
        "  1. 개발 컨테이너: GitHub Codespaces에서, 또는 Docker와 Dev Containers 확장을 \
             설치한 VS Code에서 랩을 연다."
            .to_string(),
        "  2. 윈도우라면 WSL 2(`wsl --install`)를 설치하고, 랩을 리눅스 안에 클론한다.".to_string(),
        "  3. 리눅스 가상 머신(우분투): 강의 노트가 쓰는 방법이다.".to_string(),
    ]);
    Some(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixty_four_bit_linux_builds_on_either_architecture() {
        assert_eq!(refusal("linux", "64"), None);
    }

    /// What a student on macOS or Windows reads, in both languages, with the three ways and
    /// where README explains them.
    #[test]
    fn other_systems_are_told_the_three_ways_in_both_languages() {
        for (os, shown) in [
            ("macos", "macOS"),
            ("windows", "Windows"),
            ("freebsd", "FreeBSD"),
        ] {
            let text = refusal(os, "64").expect(os).join("\n");
            for needed in [
                shown,
                README_SECTION,
                README_SECTION_KO,
                "Codespaces",
                "WSL 2",
                "virtual machine",
                "가상 머신",
                "개발 컨테이너",
            ] {
                assert!(text.contains(needed), "{os}: no {needed:?} in\n{text}");
            }
        }
        let pi = refusal("linux", "32").expect("32-bit Linux").join("\n");
        assert!(
            pi.contains("64-bit Raspberry Pi OS") && pi.contains("64비트"),
            "{pi}"
        );
    }

    /// The sections the message points at exist, under the headings that make those anchors.
    #[test]
    fn the_readme_sections_it_names_exist() {
        let lab = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        for (file, heading) in [
            ("README.md", "## On macOS or Windows"),
            ("README.ko.md", "## macOS나 윈도우에서"),
        ] {
            let text = std::fs::read_to_string(lab.join(file)).unwrap();
            assert!(text.lines().any(|l| l == heading), "{file}: no `{heading}`");
        }
    }
}
