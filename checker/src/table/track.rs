//! The two ways through the lab: Rust through nix (the design), and C, the notes' own language.
//! An exercise on the C track says so in its table (`Exercise::c`): the files its student
//! writes, the archive a library exercise is built into, and its rules, which C cannot express
//! through clippy: they are read from what the compiled code imports (`compile::c`).
//!
//! A tree of exercise packages is on the C track when it has `common/lab.mk`, the build rules
//! every C exercise includes (`c/exercises/`, `c/solutions/`, or a C-only repository's
//! `exercises/`); `--track c` chooses the lab's C trees.

/// An exercise as the C track has it.
#[derive(Debug)]
pub struct CTrack {
    /// The files the student writes, relative to the package (`echo-server.c`).
    pub student_files: &'static [&'static str],
    /// A library exercise's source stem: `endian` for `endian.c`, built into `libendian.a` and
    /// called by the same hidden tests through a Rust shim of the lab's (its folder's `c-shim/`).
    pub library: Option<&'static str>,
    /// A library exercise's shim, the crate that gives its C functions the Rust exercise's API
    /// (`checker/exercises/<exercise>/c-shim/`: each file relative to it, compiled in with
    /// `c_shim!`; its build script is the checker's, `c-track/shim-build.rs`); none for programs.
    pub shim: &'static [(&'static str, &'static str)],
    /// What the compiled code may not import, or must.
    pub imports: &'static [ImportRule],
}

/// The files of the C shim of `$exercise` (`day1-endian`: its folder's `c-shim/`), as
/// `CTrack::shim` holds them.
macro_rules! c_shim {
    ($exercise:literal) => {
        &[
            (
                "Cargo.toml",
                include_str!(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/exercises/",
                    $exercise,
                    "/c-shim/Cargo.toml"
                )),
            ),
            (
                "src/lib.rs",
                include_str!(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/exercises/",
                    $exercise,
                    "/c-shim/src/lib.rs"
                )),
            ),
        ]
    };
}
pub(crate) use c_shim;

/// A rule on the functions a C exercise's compiled code calls from the C library.
#[derive(Debug)]
pub struct ImportRule {
    pub kind: ImportKind,
    /// The functions, as C names them (`inet_pton`); fortified and versioned names
    /// (`__read_chk`, `accept@GLIBC_2.2.5`) count as theirs.
    pub functions: &'static [&'static str],
    /// Why, as the student reads it.
    pub reason: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportKind {
    /// None of the functions may be called: it would skip the lesson.
    Forbidden,
    /// At least one of them must be: the lesson is that call.
    Required,
}

/// The C library's own name for a function an object imports: `__printf_chk` (what
/// `_FORTIFY_SOURCE` calls) is `printf`, `__isoc99_sscanf` is `sscanf`, `accept@GLIBC_2.2.5`
/// is `accept`.
pub fn c_name(symbol: &str) -> &str {
    let name = symbol.split('@').next().unwrap_or(symbol);
    for prefix in ["__isoc99_", "__isoc23_"] {
        if let Some(rest) = name.strip_prefix(prefix) {
            return rest;
        }
    }
    match name.strip_prefix("__").and_then(|n| n.strip_suffix("_chk")) {
        Some(base) => base,
        None => name,
    }
}

/// Each broken rule of `rules`, given the C names of what the code imports: the rule's reason
/// and the functions at fault (for a missing required call, the functions it asks for).
pub fn broken<'a>(
    rules: &'a [ImportRule],
    imported: &[String],
) -> Vec<(&'a ImportRule, Vec<String>)> {
    rules
        .iter()
        .filter_map(|rule| {
            let called: Vec<String> = rule
                .functions
                .iter()
                .filter(|f| imported.iter().any(|i| i == *f))
                .map(|f| f.to_string())
                .collect();
            match rule.kind {
                ImportKind::Forbidden if !called.is_empty() => Some((rule, called)),
                ImportKind::Required if called.is_empty() => {
                    Some((rule, rule.functions.iter().map(|f| f.to_string()).collect()))
                }
                _ => None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_import_is_named_as_c_names_it() {
        assert_eq!(c_name("__printf_chk"), "printf");
        assert_eq!(c_name("__read_chk@GLIBC_2.4"), "read");
        assert_eq!(c_name("accept@GLIBC_2.2.5"), "accept");
        assert_eq!(c_name("__isoc99_sscanf"), "sscanf");
        assert_eq!(c_name("__errno_location"), "__errno_location");
        assert_eq!(c_name("signal"), "signal");
    }

    #[test]
    fn rules_break_on_a_forbidden_call_or_a_missing_required_one() {
        const RULES: &[ImportRule] = &[
            ImportRule {
                kind: ImportKind::Forbidden,
                functions: &["fork", "pthread_create"],
                reason: "one thread",
            },
            ImportRule {
                kind: ImportKind::Required,
                functions: &["poll", "ppoll"],
                reason: "wait with poll",
            },
        ];
        let imported = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        assert!(broken(RULES, &imported(&["socket", "ppoll"])).is_empty());
        let found = broken(RULES, &imported(&["fork", "select"]));
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].1, vec!["fork".to_string()]);
        assert_eq!(found[1].1, vec!["poll".to_string(), "ppoll".to_string()]);
    }
}
