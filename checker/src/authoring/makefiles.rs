//! A C exercise's Makefile, derived from its `C_TRACK` row: the programs (every `.c` file the
//! student writes but the library's source), the library's archive, then the lab's build rules
//! (`common/lab.mk`). `checker sync` writes it in c/exercises/ and c/solutions/ and `checker
//! new` a new exercise's; `checker verify` names one that is not the derived one. The checker
//! never runs it (it builds a trusted copy with its own rules): it is the student's `make`.

use std::path::Path;

use anyhow::Result;

use crate::base::files;
use crate::exercises;

/// The trees that hold a C exercise's package.
const C_TREES: [&str; 2] = ["c/exercises", "c/solutions"];

/// The Makefile of a C exercise whose student writes `student_files`, `library` the source stem
/// of its library (`endian` for `endian.c`, built into `libendian.a`), if it has one.
pub fn makefile(student_files: &[&str], library: Option<&str>) -> String {
    let programs: Vec<&str> = student_files
        .iter()
        .filter_map(|f| f.strip_suffix(".c"))
        .filter(|stem| Some(*stem) != library)
        .collect();
    let mut text = String::new();
    if !programs.is_empty() {
        text.push_str(&format!("PROGRAMS = {}\n", programs.join(" ")));
    }
    if let Some(stem) = library {
        text.push_str(&format!("LIBRARY = lib{stem}.a\n"));
    }
    text + "include ../common/lab.mk\n"
}

/// Each C exercise's Makefile, as its row derives it, with its path in each tree.
fn derived() -> Vec<(String, String)> {
    exercises::ALL
        .iter()
        .filter_map(|e| Some((e.name, e.c?)))
        .flat_map(|(name, c)| {
            let text = makefile(c.student_files, c.library);
            C_TREES.map(|tree| (format!("{tree}/{name}/Makefile"), text.clone()))
        })
        .collect()
}

/// Write every C exercise's Makefile that is not the derived one: the files written.
pub fn write_makefiles(lab: &Path) -> Result<Vec<String>> {
    let mut written = Vec::new();
    for (rel, text) in derived() {
        if files::write_if_changed(&lab.join(&rel), text.as_bytes())? {
            written.push(rel);
        }
    }
    Ok(written)
}

/// The C exercises' Makefiles that are not the ones their rows derive.
pub fn differing(lab: &Path) -> Vec<String> {
    derived()
        .into_iter()
        .filter(|(rel, text)| std::fs::read_to_string(lab.join(rel)).ok().as_ref() != Some(text))
        .map(|(rel, _)| {
            format!("{rel} is not the Makefile its C_TRACK row derives: `cargo run -p checker -- sync` writes it")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::makefile;

    #[test]
    fn programs_then_the_library_then_the_rules() {
        assert_eq!(
            makefile(&["echo-server.c", "echo-client.c"], None),
            "PROGRAMS = echo-server echo-client\ninclude ../common/lab.mk\n"
        );
        assert_eq!(
            makefile(&["mqtt-codec.c", "mqtt-broker.c"], Some("mqtt-codec")),
            "PROGRAMS = mqtt-broker\nLIBRARY = libmqtt-codec.a\ninclude ../common/lab.mk\n"
        );
        assert_eq!(
            makefile(&["endian.c"], Some("endian")),
            "LIBRARY = libendian.a\ninclude ../common/lab.mk\n"
        );
    }

    /// The lab's Makefiles are the derived ones (verify says so too).
    #[test]
    fn the_lab_s_makefiles_are_derived() {
        let problems = super::differing(&crate::base::workspace::lab_root());
        assert!(problems.is_empty(), "{problems:#?}");
    }
}
