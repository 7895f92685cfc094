//! The embedded library from its compiled form ([`super::bundle`], written by `build.rs`): no
//! YAML is parsed and no cross-file check runs when no overlay is given — the build script
//! parsed the files, and the test `embedded_library_compiled_equals_yaml` checks that this
//! library equals the one the YAML loader builds (with every check) from the same files.
//!
//! With an overlay the loader still parses YAML (embedded and overlay files together), so a
//! user's files get the same checks and errors as before.

use super::{CaseSet, Library, Variant, bundle};
use std::borrow::Cow;
use std::collections::BTreeMap;

// CORE and TERMS ([`bundle::Core`], [`bundle::Terms`] as `build.rs` wrote them), CASES (case id,
// [`bundle::CaseEntry`] and [`bundle::CaseEssayEntry`] of each case file), VARIANTS (case id and
// the [`bundle::CaseVariants`] written for it), CASE_TEXTS, MODULE_TEXTS, QUESTION_TEXTS (display
// path and text of each file), THEMES_YAML, GLOSSARY_YAML, SCORE_YAML, MODULE_J2, ESSAY_J2:
// `&'static str`s the build script generated — the binary's one copy of each source file.
include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

impl Library {
    /// The embedded library's [`Terms`](bundle::Terms) (what linting needs), decoded without the
    /// rest of the library.
    pub fn embedded_terms() -> bundle::Terms {
        bundle::decode(TERMS)
            .unwrap_or_else(|e| unreachable!("build.rs wrote the library's terms: {e}"))
    }

    /// The embedded library, decoded from its compiled form, with the cases `cases` selects
    /// ([`CaseSet::None`] as [`Library::load_for_lint`] does; [`CaseSet::Only`] decodes that
    /// case's blobs alone — its essay content only if asked — or every case when no embedded
    /// case has that id, so an unknown id is reported with the full list).
    ///
    /// The modules carry the variants of the cases decoded — of every case for
    /// [`CaseSet::None`], as the YAML loader's library for linting does — and
    /// [`Library::variant_cases`] lists every case each module serves either way.
    pub(super) fn compiled(cases: &CaseSet) -> Library {
        let core: bundle::Core = bundle::decode(CORE)
            .unwrap_or_else(|e| unreachable!("build.rs wrote the library's core: {e}"));
        let only = match cases {
            CaseSet::Only { id, .. } if CASES.iter().any(|(i, _, _)| i == id) => Some(id.as_str()),
            _ => None,
        };
        let wanted = |id: &str| only.is_none_or(|only| id == only);
        // Each decoded case id's variants, per module file, in file order.
        let mut variants: Vec<(&str, Vec<std::vec::IntoIter<Variant>>)> = VARIANTS
            .iter()
            .filter(|(id, _)| wanted(id))
            .map(|(id, text)| {
                let per_module: bundle::CaseVariants = bundle::decode(text)
                    .unwrap_or_else(|e| unreachable!("build.rs wrote the library's variants: {e}"));
                (*id, per_module.into_iter().map(Vec::into_iter).collect())
            })
            .collect();
        // As in the YAML loader: later files replace earlier ones with the same id; sorted by id.
        // Each module gets its decoded variants back in file order.
        let mut modules = BTreeMap::new();
        let mut variant_cases = BTreeMap::new();
        for (i, entry) in core.modules.into_iter().enumerate() {
            let mut m = entry.module;
            m.variants = entry
                .cases
                .iter()
                .filter_map(|case| {
                    let (_, per_module) = variants.iter_mut().find(|(id, _)| id == case)?;
                    per_module[i].next()
                })
                .collect();
            variant_cases.insert(m.id.clone(), entry.cases);
            modules.insert(m.id.clone(), (entry.path, m));
        }
        let with_cases = *cases != CaseSet::None;
        let with_essays = !matches!(cases, CaseSet::Only { essay: false, .. });
        let mut by_id = BTreeMap::new();
        for (_, text, essay) in CASES.iter().filter(|(id, _, _)| with_cases && wanted(id)) {
            let (_, mut c): bundle::CaseEntry = bundle::decode(text)
                .unwrap_or_else(|e| unreachable!("build.rs wrote the library's cases: {e}"));
            if with_essays {
                c.essay = bundle::decode::<bundle::CaseEssayEntry>(essay)
                    .unwrap_or_else(|e| unreachable!("build.rs wrote the cases' essays: {e}"));
            }
            by_id.insert(c.id.clone(), c);
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
        let question_files = super::embedded_files(QUESTION_TEXTS);
        let questions = super::questions_of(&question_files, &core.themes.themes, &mut Vec::new());
        Library {
            questions,
            score_file: ("rubrics/score.yaml".into(), SCORE_YAML.into()),
            module_sources,
            variant_sources: BTreeMap::new(),
            variant_cases,
            cases: by_id.into_values().collect(),
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
    use crate::library::Case;
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
            let set = if with_cases {
                CaseSet::All
            } else {
                CaseSet::None
            };
            let compiled = Library::compiled(&set);
            assert!(
                format!("{compiled:?}") == format!("{yaml:?}"),
                "the compiled library (with_cases = {with_cases}) differs from the YAML one"
            );
        }
    }

    /// Drafting for one case decodes that case and the module variants written for it alone
    /// (the rest of the library as with every case, and every case a module serves); an id no
    /// embedded case has decodes them all, so the error can list them.
    #[test]
    fn one_case_is_decoded_alone() {
        let all = Library::compiled(&CaseSet::All);
        assert!(all.cases.len() > 1);
        for c in &all.cases {
            let one = Library::compiled(&CaseSet::Only {
                id: c.id.clone(),
                essay: true,
            });
            assert_eq!(one.cases.len(), 1);
            assert_eq!(format!("{:?}", one.cases[0]), format!("{c:?}"));
            // A module paragraph's library: the same case without its essay content.
            let paragraph = Library::compiled(&CaseSet::Only {
                id: c.id.clone(),
                essay: false,
            });
            let without_essay = Case {
                essay: None,
                ..c.clone()
            };
            assert!(c.essay.is_some());
            assert_eq!(
                format!("{:?}", paragraph.cases),
                format!("{:?}", [without_essay])
            );
            assert_eq!(
                format!("{:?}", paragraph.modules),
                format!("{:?}", one.modules)
            );
            let mut modules = all.modules.clone();
            for m in &mut modules {
                m.variants.retain(|v| v.case == c.id);
            }
            assert!(modules.iter().any(|m| !m.variants.is_empty()));
            assert_eq!(format!("{:?}", one.modules), format!("{modules:?}"));
            assert_eq!(one.variant_cases, all.variant_cases);
        }
        let unknown = Library::compiled(&CaseSet::Only {
            id: "no-such-case".into(),
            essay: true,
        });
        assert_eq!(format!("{unknown:?}"), format!("{all:?}"));
        assert!(Library::compiled(&CaseSet::None).cases.is_empty());
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
