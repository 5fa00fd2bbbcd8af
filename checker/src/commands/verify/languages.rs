//! The lab in two languages (issue 18): the message catalogs (`checker/i18n/*.ftl`) and the
//! Korean twins of the course and README.

use std::path::Path;

use anyhow::Result;

use crate::base::i18n::catalog;
use crate::exercises;

/// The catalogs parse; English has every id the checker's code names; Korean has every English
/// message and every exercise's and test's title and hint (else the report says which keys
/// are missing, and English is shown for them meanwhile); Korean has no key English lacks, and
/// passes no variable English does not.
pub fn catalogs(lab: &Path) -> Result<Vec<String>> {
    let table_keys: Vec<String> = exercises::ALL
        .iter()
        .flat_map(|e| e.catalog_keys())
        .collect();
    let mut used = Vec::new();
    for file in rust_files(&lab.join("checker/src")) {
        let source = std::fs::read_to_string(&file)?;
        used.extend(catalog::ids_in_source(&source));
    }
    used.sort();
    used.dedup();
    Ok(catalog::problems(&table_keys, &used))
}

fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    #[test]
    fn korean_has_every_message_and_every_title_and_hint_of_this_tree() {
        let problems = super::catalogs(&crate::base::workspace::lab_root()).unwrap();
        assert!(problems.is_empty(), "{problems:#?}");
    }
}
