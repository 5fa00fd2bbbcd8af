//! What an instructor writes, and what is derived from it: the course's sections and their
//! Korean stamps (`stamps`), the rules tables and the rule files they come from
//! (`rules_tables`), the catalogs' entries (`catalog`), the stubs' comments and their Korean
//! (`stub_comments`), the stubs derived from their references' `//@` lines (`derived_stubs`), a new exercise scaffolded from the templates (`scaffold`, `templates`,
//! `additions`), the tables and lists that name the exercises (`exercise_tables`, `lists`). The commands that write or check the lab (`new`, `sync`, `stubs`,
//! `verify`, `export-student`) are built on it, so no command calls another.

pub mod additions;
pub mod catalog;
pub mod derived_stubs;
pub mod exercise_tables;
pub mod lists;
pub mod makefiles;
pub mod rules_tables;
pub mod scaffold;
pub mod stamps;
pub mod stub_comments;
pub mod templates;

use anyhow::{Result, bail};

use crate::base::workspace;

/// The clone of the lab `--lab` names (checked to be one), or the one this checker was built
/// from.
pub fn chosen_lab(lab: Option<std::path::PathBuf>) -> Result<std::path::PathBuf> {
    match lab {
        Some(dir) if !dir.join("checker/Cargo.toml").is_file() => {
            bail!(
                "{}: not a clone of the lab (no checker/Cargo.toml there)",
                dir.display()
            )
        }
        Some(dir) => Ok(dir),
        None => Ok(workspace::lab_root()),
    }
}
