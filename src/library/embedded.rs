//! The embedded library from its compiled form ([`super::bundle`], written by `build.rs`): no
//! YAML is parsed and no cross-file check runs when no overlay is given — the build script
//! parsed the files, and the test `embedded_library_compiled_equals_yaml` checks that this
//! library equals the one the YAML loader builds (with every check) from the same files.
//!
//! With an overlay the loader still parses YAML (embedded and overlay files together), so a
//! user's files get the same checks and errors as before.

use super::{Library, bundle};
use std::borrow::Cow;
use std::collections::BTreeMap;

// CORE, CASES and TERMS ([`bundle::Core`], [`bundle::Cases`], [`bundle::Terms`] as `build.rs` wrote
// them), MODULE_TEXTS,
// SCORE_YAML, MODULE_J2, ESSAY_J2: `&'static str`s the build script generated.
include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

impl Library {
    /// The embedded library's [`Terms`](bundle::Terms) (what linting needs), decoded without the
    /// rest of the library.
    pub fn embedded_terms() -> bundle::Terms {
        bundle::decode(TERMS)
            .unwrap_or_else(|e| unreachable!("build.rs wrote the library's terms: {e}"))
    }

    /// The embedded library, decoded from its compiled form; `with_cases` = false leaves the
    /// cases out (as [`Library::load_for_lint`] does).
    pub(super) fn compiled(with_cases: bool) -> Library {
        let core: bundle::Core = bundle::decode(CORE)
            .unwrap_or_else(|e| unreachable!("build.rs wrote the library's core: {e}"));
        // As in the YAML loader: later files replace earlier ones with the same id; sorted by id.
        let mut modules = BTreeMap::new();
        for (path, m) in core.modules {
            modules.insert(m.id.clone(), (path, m));
        }
        let mut cases = BTreeMap::new();
        if with_cases {
            let compiled: bundle::Cases = bundle::decode(CASES)
                .unwrap_or_else(|e| unreachable!("build.rs wrote the library's cases: {e}"));
            for (_, c) in compiled.cases {
                cases.insert(c.id.clone(), c);
            }
        }
        let module_sources = modules
            .iter()
            .map(|(id, (path, _))| {
                let text = MODULE_TEXTS
                    .iter()
                    .find(|(p, _)| p == path)
                    .map_or("", |(_, t)| t);
                (id.clone(), (path.clone(), Cow::Borrowed(text)))
            })
            .collect();
        let questions = super::embedded_questions(&core.themes.themes);
        Library {
            questions,
            score_file: ("rubrics/score.yaml".into(), SCORE_YAML.into()),
            module_sources,
            variant_sources: BTreeMap::new(),
            cases: cases.into_values().collect(),
            modules: modules.into_values().map(|(_, m)| m).collect(),
            themes: core.themes.themes,
            categories: core.themes.categories,
            glossary: core.glossary,
            module_template: MODULE_J2.into(),
            essay_template: ESSAY_J2.into(),
            essay_template_path: "rubrics/essay.j2".into(),
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use std::cell::Cell;

    thread_local! {
        /// How many YAML documents [`super::super::parse_yaml`] parsed on this thread.
        pub(in crate::library) static YAML_PARSES: Cell<usize> = const { Cell::new(0) };
    }

    fn yaml_parses_during<T>(f: impl FnOnce() -> T) -> (T, usize) {
        let before = YAML_PARSES.with(Cell::get);
        let out = f();
        (out, YAML_PARSES.with(Cell::get) - before)
    }

    /// The compiled library is the library the YAML loader builds from the same files, with every
    /// cross-file check passing; for drafting (with cases) and for linting (without).
    #[test]
    fn embedded_library_compiled_equals_yaml() {
        for with_cases in [true, false] {
            let yaml = Library::load_yaml(None, with_cases).unwrap_or_else(|e| {
                panic!("the embedded library does not pass the loader's checks:\n{e}")
            });
            let compiled = Library::compiled(with_cases);
            assert!(
                format!("{compiled:?}") == format!("{yaml:?}"),
                "the compiled library (with_cases = {with_cases}) differs from the YAML one"
            );
        }
    }

    /// Linting reads the terms alone; they are the YAML library's.
    #[test]
    fn embedded_terms_equal_the_yaml_librarys() {
        let yaml = Library::load_yaml(None, false).expect("the embedded library loads");
        assert_eq!(
            format!("{:?}", Library::embedded_terms()),
            format!("{:?}", yaml.terms())
        );
    }

    /// Regression guard for start-up: without an overlay, loading the library (for drafting and
    /// for linting) parses no YAML; with one, the YAML loader runs.
    #[test]
    fn the_embedded_library_is_not_parsed_from_yaml_at_run_time() {
        let (lib, parses) = yaml_parses_during(|| Library::load(None));
        assert!(lib.is_ok_and(|l| !l.cases.is_empty()));
        assert_eq!(parses, 0, "Library::load(None) parsed YAML");
        let (lib, parses) = yaml_parses_during(|| Library::load_for_lint(None));
        assert!(lib.is_ok_and(|l| l.cases.is_empty() && !l.modules.is_empty()));
        assert_eq!(parses, 0, "Library::load_for_lint(None) parsed YAML");

        let dir = tempfile::tempdir().expect("temp dir");
        let (lib, parses) = yaml_parses_during(|| Library::load(Some(dir.path())));
        assert!(lib.is_ok());
        assert!(parses > 0, "an overlay is read through the YAML loader");
    }
}
