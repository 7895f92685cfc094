//! The embedded library in compiled form: what the build script (`build.rs`) makes of `cases/`,
//! `modules/`, `rubrics/themes.yaml` and `rubrics/glossary.yaml`, and what the loader reads back.
//!
//! The build script parses every embedded YAML file with the shapes of [`super::model`] (so a
//! malformed file fails the build with its file, line and column) and writes the values with
//! [`encode`]; at run time [`decode`] turns them back into the same values in well under a
//! millisecond instead of parsing YAML on every run. What a run decodes follows what it needs:
//! lint reads [`Terms`] alone; `itsm draft --case fx` reads the [`Core`] (modules without their
//! variants), the case file of fx without its essay content and the module variants written for
//! fx — each case, each case's essay content and each case's variants are a blob of their own,
//! and the core keeps, per module, the case of each variant, so the library can list the cases a
//! module serves without decoding their variants.
//!
//! This file is compiled twice — into the crate and, with `#[path]`, into the build script — so
//! it may use only [`super::model`], serde, serde_json and std. The cross-file checks (theme and
//! case references, required facts, templates) stay in the loader: `tests/it/library.rs`
//! runs them on the embedded YAML and checks that the compiled library equals it.

use super::model::{Case, CaseEssay, Glossary, Module, Theme, ThemesFile, Variant};
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
/// File name of the essay content of the `i`th embedded case file ([`CaseEssayEntry`]) in the
/// build script's output folder.
#[allow(dead_code)] // used by build.rs
pub fn essay_file(i: usize) -> String {
    format!("library-essay-{i}.json")
}

/// File name of the module variants written for the `i`th case id ([`CaseVariants`]) in the
/// build script's output folder.
#[allow(dead_code)] // used by build.rs
pub fn variants_file(i: usize) -> String {
    format!("library-variants-{i}.json")
}

/// What every command that drafts or scores needs: themes, glossary and modules without their
/// variants.
#[derive(Debug, Serialize, Deserialize)]
pub struct Core {
    pub themes: ThemesFile,
    pub glossary: Glossary,
    /// Every embedded module file, in path order.
    pub modules: Vec<CoreModule>,
}

/// One embedded module file without its variants: those are stored per case
/// ([`CaseVariants`]).
#[derive(Debug, Serialize, Deserialize)]
pub struct CoreModule {
    /// Display path (`modules/kedb.yaml`).
    pub path: String,
    /// The module with `variants` empty.
    pub module: Module,
    /// The case of each of its variants, in file order: where each variant goes back when the
    /// variants of several cases are decoded, and the cases the module serves when only one
    /// case's are.
    pub cases: Vec<String>,
}

/// The variants written for one case id: for each module file of [`Core::modules`] (same
/// order), its variants for that case in file order (empty for a module without one).
pub type CaseVariants = Vec<Vec<Variant>>;

impl Core {
    /// Split the variants off `modules` ((display path, module) in path order): the core, and
    /// each case id (in id order) with the variants written for it.
    #[allow(dead_code)] // used by build.rs
    pub fn split(
        themes: ThemesFile,
        glossary: Glossary,
        modules: Vec<(String, Module)>,
    ) -> (Core, BTreeMap<String, CaseVariants>) {
        let mut by_case: BTreeMap<String, CaseVariants> = BTreeMap::new();
        let n = modules.len();
        let mut core_modules = Vec::with_capacity(n);
        for (i, (path, mut module)) in modules.into_iter().enumerate() {
            let cases = module.variant_cases();
            for v in std::mem::take(&mut module.variants) {
                by_case
                    .entry(v.case.clone())
                    .or_insert_with(|| vec![Vec::new(); n])[i]
                    .push(v);
            }
            core_modules.push(CoreModule {
                path,
                module,
                cases,
            });
        }
        let core = Core {
            themes,
            glossary,
            modules: core_modules,
        };
        (core, by_case)
    }
}

/// One embedded case file as (display path, case without its `essay:` content). Each case is a
/// blob of its own (the cases are the largest files), so a command that needs one case (`itsm
/// draft --case fx`) decodes only that one, and lint decodes none.
pub type CaseEntry = (String, Case);

/// The `essay:` content of one embedded case file: most of a case, and needed only for whole
/// essays, so a module paragraph (`itsm draft --case fx` without `--essay`) does not decode it.
pub type CaseEssayEntry = Option<CaseEssay>;

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
