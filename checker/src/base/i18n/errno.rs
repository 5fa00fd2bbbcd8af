//! The OS's errors in the reader's language (issue 44): std and nix write an error the kernel
//! returned in English ("Connection refused (os error 111)", "ECONNREFUSED: Connection
//! refused"), which read oddly inside a Korean sentence. In another language than English each
//! errno the lab meets is said in it with the errno's name kept, the name a student looks up
//! and the course uses: "연결이 거부되었다(ECONNREFUSED)". Only in a message's argument named
//! `error` (the checker's own calls that failed): what a program printed is quoted as it was.
//!
//! The words are the catalogs' (`errno-<name>`): English's entry is the OS's own text (a test
//! holds it to strerror), Korean's the translation. An errno not in the table stays as the OS
//! wrote it.

use nix::errno::Errno;

use super::Messages;

/// The errnos the lab meets, and the catalog id of each one's words.
pub const ERRNOS: &[(Errno, &str)] = &[
    (Errno::ECONNREFUSED, "errno-econnrefused"),
    (Errno::ECONNRESET, "errno-econnreset"),
    (Errno::EPIPE, "errno-epipe"),
    (Errno::EADDRINUSE, "errno-eaddrinuse"),
    (Errno::EADDRNOTAVAIL, "errno-eaddrnotavail"),
    (Errno::EAGAIN, "errno-eagain"),
    (Errno::EINTR, "errno-eintr"),
    (Errno::ENOENT, "errno-enoent"),
    (Errno::EACCES, "errno-eacces"),
    (Errno::ETIMEDOUT, "errno-etimedout"),
    (Errno::EBADF, "errno-ebadf"),
    (Errno::EINVAL, "errno-einval"),
    (Errno::ENOTCONN, "errno-enotconn"),
    (Errno::EISCONN, "errno-eisconn"),
    (Errno::EMFILE, "errno-emfile"),
    (Errno::ECHILD, "errno-echild"),
    (Errno::ENOTSOCK, "errno-enotsock"),
    (Errno::ENETUNREACH, "errno-enetunreach"),
];

/// How std writes an errno: `Connection refused (os error 111)`.
fn as_std_writes(errno: Errno) -> String {
    std::io::Error::from_raw_os_error(errno as i32).to_string()
}

/// How nix writes an errno: `ECONNREFUSED: Connection refused`.
fn as_nix_writes(errno: Errno) -> String {
    errno.to_string()
}

impl Messages {
    /// `text` with each errno of the table that std or nix wrote said in this language
    /// (unchanged in English).
    pub fn os_errors(&self, text: &str) -> String {
        if self.lang == super::Lang::En || !(text.contains("(os error ") || text.contains(": ")) {
            return text.to_string();
        }
        let mut out = text.to_string();
        for &(errno, id) in ERRNOS {
            let said = format!("{}({errno:?})", self.format(id, &[]));
            for english in [as_std_writes(errno), as_nix_writes(errno)] {
                if out.contains(&english) {
                    out = out.replace(&english, &said);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::catalog::Catalog;
    use super::super::{EN_FTL, KO_FTL, Lang};
    use super::*;

    /// Every errno of the table has its words in both catalogs, English's the OS's own.
    #[test]
    fn every_errno_is_said_in_both_languages() {
        let (en, ko) = (Catalog::parse(EN_FTL), Catalog::parse(KO_FTL));
        let english = Messages::new(Lang::En);
        for &(errno, id) in ERRNOS {
            assert!(en.has(id), "en.ftl lacks {id}");
            assert!(ko.has(id), "ko.ftl lacks {id}");
            let strerror = as_std_writes(errno);
            let strerror = strerror.split(" (os error").next().unwrap();
            // (nix's own words may differ, EAGAIN's "Try again": both forms are looked for.)
            assert_eq!(english.format(id, &[]), strerror, "{id}: the OS's words");
        }
    }

    #[test]
    fn an_os_error_inside_a_korean_sentence_is_said_in_korean() {
        let ko = Messages::new(Lang::Ko);
        assert_eq!(
            ko.os_errors("connect: Connection refused (os error 111)"),
            "connect: 연결이 거부되었다(ECONNREFUSED)"
        );
        assert_eq!(
            ko.os_errors("write: EPIPE: Broken pipe"),
            format!("write: {}(EPIPE)", ko.format("errno-epipe", &[]))
        );
        // An errno the table lacks stays as the OS wrote it; English is left alone.
        let other = std::io::Error::from_raw_os_error(Errno::ENOSPC as i32).to_string();
        assert_eq!(ko.os_errors(&other), other);
        let en = Messages::new(Lang::En);
        let refused = "Connection refused (os error 111)";
        assert_eq!(en.os_errors(refused), refused);
        // In a message: an `error` is said in Korean, a program's own line is quoted as is.
        let said = ko.render(&crate::base::i18n::msg!(
            "wire-read-failed",
            error = refused
        ));
        assert!(said.ends_with("연결이 거부되었다(ECONNREFUSED)"), "{said}");
        let line = "echo-server: bind: EADDRINUSE: Address already in use";
        let quoted = ko.render(&crate::base::i18n::msg!(
            "intervention-last-words",
            line = line
        ));
        assert!(quoted.contains(line), "{quoted}");
    }
}
