//! The embedded library in compiled form: what the build script (`build.rs`) makes of `cases/`,
//! `modules/`, `rubrics/themes.yaml` and `rubrics/glossary.yaml`, and what the loader reads back.
//!
//! The build script parses every embedded YAML file with the shapes of [`super::model`] (so a
//! malformed file fails the build with its file, line and column) and writes the values with
//! [`encode`]; at run time [`decode`] turns them back into the same values in well under a
//! millisecond instead of parsing YAML on every run. The cases are a separate blob, so commands
//! that need no case (lint) never decode them, and each case is a blob of its own.
//!
//! This file is compiled twice — into the crate and, with `#[path]`, into the build script — so
//! it may use only [`super::model`], serde, serde_json and std. The cross-file checks (theme and
//! case references, required facts, templates) stay in the loader: `tests/it/library.rs`
//! runs them on the embedded YAML and checks that the compiled library equals it.

use super::model::{Case, Glossary, Module, Theme, ThemesFile};
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use std::collections::BTreeMap;

/// File name of [`Core`] in the build script's output folder.
#[allow(dead_code)] // written by build.rs; `embedded.rs` names it in `include_bytes!`
pub const CORE_FILE: &str = "library-core.json";
/// File name of [`Terms`] in the build script's output folder.
#[allow(dead_code)] // written by build.rs; `embedded.rs` names it in `include_bytes!`
pub const TERMS_FILE: &str = "library-terms.json";
/// File name of the `i`th embedded case file ([`CaseEntry`]) in the build script's output folder.
#[allow(dead_code)] // used by build.rs
pub fn case_file(i: usize) -> String {
    format!("library-case-{i}.json")
}

/// What every command needs: themes, glossary and modules.
#[derive(Debug, Serialize, Deserialize)]
pub struct Core {
    pub themes: ThemesFile,
    pub glossary: Glossary,
    /// Every embedded module file as (display path, module), in path order.
    pub modules: Vec<(String, Module)>,
}

/// One embedded case file as (display path, case). Each case is a blob of its own (the cases are
/// the largest files), so a command that needs one case (`itsm draft --case fx`) decodes only
/// that one, and lint decodes none.
pub type CaseEntry = (String, Case);

/// The part of the library the rules read — glossary, themes, technique names with their themes
/// and the glosses modules declare — without the texts: all that linting needs, so `itsm lint`
/// decodes only this ([`super::Library::embedded_terms`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Terms {
    pub glossary: Glossary,
    /// In file order.
    pub themes: Vec<Theme>,
    /// In module id order.
    pub modules: Vec<ModuleTerms>,
}

/// What the rules read of one module.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ModuleTerms {
    pub name: String,
    pub themes: Vec<String>,
    pub abbreviations: BTreeMap<String, String>,
}

impl Terms {
    /// The terms of a library's glossary, themes and modules (`modules` sorted by id).
    pub fn of<'a>(
        glossary: &Glossary,
        themes: &[Theme],
        modules: impl IntoIterator<Item = &'a Module>,
    ) -> Terms {
        Terms {
            glossary: glossary.clone(),
            themes: themes.to_vec(),
            modules: modules
                .into_iter()
                .map(|m| ModuleTerms {
                    name: m.name.clone(),
                    themes: m.themes.clone(),
                    abbreviations: m.abbreviations.clone(),
                })
                .collect(),
        }
    }
}

/// The compiled form of `value`.
///
/// JSON, because the case shapes hold free-form maps (`serde_json::Value`) that a
/// non-self-describing format cannot read back; serde_json reads the whole library in well
/// under a millisecond.
#[allow(dead_code)] // used by build.rs
pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("library values always serialize")
}

/// Read back what [`encode`] wrote. The text comes from `include_str!`, so it was checked as
/// UTF-8 when the crate compiled and serde_json need not check each string again.
pub fn decode<T: DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    serde_json::from_str(text)
}
