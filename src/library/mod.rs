//! The case / module / rubric library: embedded at compile time, optionally
//! overlaid by a user's folder (`--library DIR`). Everything is validated on
//! load; errors carry file, line and column and render like lint findings.
//!
//! This module knows YAML and the library's shapes. It does not know template
//! syntax (that is [`crate::library::template`]) nor how drafts are assembled ([`crate::draft`]).

mod bundle;
mod embedded;
mod facts;

pub use bundle::{ModuleTerms, Terms};
mod model;
pub mod template;

pub use model::{
    Angle, Case, CaseEssay, CommonWords, EssayTheme, Glossary, Module, ModuleVariants, Problem,
    Quantity, REQUIRED_FACTS, Term, Theme, ThemesFile, Variant,
};

use crate::diagnostic::{FileReport, codes};
use crate::fsio;
use crate::text::did_you_mean;
use serde::de::DeserializeOwned;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

/// A practice question shipped with the library (`questions/<theme>.txt`): the question a whole
/// essay answers when the user gives none.
#[derive(Debug, Clone)]
pub struct QuestionFile {
    /// The theme id (the file name without `.txt`).
    pub theme: String,
    /// Where it came from (`questions/change.txt`, or the overlay's path).
    pub path: String,
    /// The title line (「問１　変更の増加に対応した変更管理の見直しについて」 → the part after 問N).
    pub title: String,
    pub text: String,
}

/// The loaded library.
#[derive(Debug, Clone)]
pub struct Library {
    /// Sorted by id.
    pub cases: Vec<Case>,
    /// Sorted by id.
    pub modules: Vec<Module>,
    /// In file order (the order `itsm list themes` shows).
    pub themes: Vec<Theme>,
    pub categories: BTreeMap<u8, String>,
    pub glossary: Glossary,
    /// The fixed module format (`rubrics/module.j2`).
    pub module_template: String,
    /// The whole-essay layout (`rubrics/essay.j2`).
    pub essay_template: String,
    /// Where the essay template came from (for error messages).
    pub essay_template_path: String,
    /// Module id → (file path, YAML text), so template errors can point into the file. The
    /// embedded files' texts are borrowed from the binary, not copied.
    pub module_sources: BTreeMap<String, (String, Cow<'static, str>)>,
    /// The default question of each theme, in theme order.
    pub questions: Vec<QuestionFile>,
    /// (module id, case id) → (file path, YAML text) for variants a user library added to an
    /// existing module with a variants-only file; they are found there, not in the module's file.
    pub variant_sources: BTreeMap<(String, String), (String, String)>,
    /// Module id → the case of each of its variants, in file order: every case a module serves,
    /// also when the library was loaded for one case ([`CaseSet::Only`]) and its modules carry
    /// only that case's variants.
    pub variant_cases: BTreeMap<String, Vec<String>>,
    /// `rubrics/score.yaml` as (path, text). The score parses and checks it
    /// ([`crate::score::rubric`]), so commands that do not score do not pay for it.
    pub score_file: (String, String),
}

/// Which of the embedded cases a load decodes (an overlay's case files are always parsed).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CaseSet {
    /// None: what linting needs.
    None,
    /// Every case.
    All,
    /// The case with this id alone, and the module variants written for it (`itsm draft --case
    /// ID`); every case when none has this id. Without `essay`, the embedded cases' essay
    /// content (`essay:`, which only whole essays use) is not decoded and their
    /// [`Case::essay`] is `None`; an overlay's files are parsed whole either way.
    Only { id: String, essay: bool },
}

/// Errors found while loading; each is a report on one file.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", summary(.reports))]
pub struct LibraryError {
    pub reports: Vec<FileReport>,
}

/// `path: message` for every finding, one per line.
fn summary(reports: &[FileReport]) -> String {
    let mut s = String::new();
    for r in reports {
        for d in &r.diagnostics {
            s.push_str(&format!("{}: {}\n", r.path, d.message));
        }
    }
    s
}

/// A source file of the library: its display path and text.
struct SourceFile {
    path: String,
    text: String,
}

/// The embedded files of a table of [`embedded`] (display path, text), in path order.
fn embedded_files(table: &[(&str, &str)]) -> Vec<SourceFile> {
    table
        .iter()
        .map(|(path, text)| SourceFile {
            path: (*path).to_owned(),
            text: (*text).to_owned(),
        })
        .collect()
}

fn disk_files(dir: &Path, ext: &str, errors: &mut Vec<FileReport>) -> Vec<SourceFile> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some(ext))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for p in paths {
        let path = p.display().to_string();
        match read_file(&p) {
            Ok(text) => out.push(SourceFile { path, text }),
            Err(m) => errors.push(error_report(&path, "", None, m)),
        }
    }
    out
}

/// Read one overlay file: a regular file of at most [`fsio::limits::LIBRARY_FILE`] (a FIFO or
/// a device in the folder is an error, never a hang), in an encoding `decode` is sure of.
fn read_file(p: &Path) -> Result<String, String> {
    let loaded = fsio::read(p, fsio::limits::LIBRARY_FILE).map_err(|e| e.to_string())?;
    crate::text::decode::decode(&loaded.bytes)
        .map(|d| d.text)
        .map_err(|e| e.to_string())
}

/// An overlay file that replaces an embedded one when it exists (a dangling link counts as
/// absent); `Err` when it exists but cannot be read.
fn read_optional(p: &Path) -> Option<Result<String, String>> {
    p.exists().then(|| read_file(p))
}

/// A one-diagnostic report on a library file.
pub fn error_report(
    path: &str,
    text: &str,
    span: Option<std::ops::Range<usize>>,
    message: String,
) -> FileReport {
    let mut d = codes::INVALID_LIBRARY_FILE.diagnostic(message);
    d.span = span;
    FileReport {
        path: path.to_owned(),
        source: text.to_owned(),
        diagnostics: vec![d],
    }
}

/// Byte offset of a 1-based line / 1-based character column.
fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let mut off = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return off
                + l.char_indices()
                    .nth(col.saturating_sub(1))
                    .map(|(b, _)| b)
                    .unwrap_or(l.trim_end_matches('\n').len());
        }
        off += l.len();
    }
    text.len()
}

/// Parse YAML into `T`, or a report pointing at the error.
pub fn parse_yaml<T: DeserializeOwned>(path: &str, text: &str) -> Result<T, FileReport> {
    #[cfg(test)]
    embedded::tests::YAML_PARSES.with(|n| n.set(n.get() + 1));
    serde_saphyr::from_str::<T>(text).map_err(|e| {
        let (span, msg) = yaml_error_parts(text, &e);
        let mut r = error_report(path, text, span, msg);
        r.diagnostics[0].help = Some(
            "各キーの形（文字列・リスト・対応表）は docs/library-format.md を参照（例: themes: [change, release]）".into(),
        );
        r
    })
}

/// Message and span of a serde-saphyr error, with its own "line X column Y:" prefix removed.
fn yaml_error_parts(
    text: &str,
    e: &serde_saphyr::Error,
) -> (Option<std::ops::Range<usize>>, String) {
    let raw = e.without_snippet().to_string();
    let first = raw.lines().next().unwrap_or("").trim();
    let msg = first
        .strip_prefix("error: ")
        .unwrap_or(first)
        .split_once(": ")
        .filter(|(head, _)| head.starts_with("line "))
        .map(|(_, rest)| rest.to_owned())
        .unwrap_or_else(|| first.to_owned());
    let msg = match msg.rfind(" at line ") {
        Some(i) if msg[i..].contains("column") => msg[..i].to_owned(),
        _ => msg,
    };
    let span = e.location().map(|loc| {
        let start = offset_of(text, loc.line() as usize, loc.column() as usize);
        let end = text[start..]
            .char_indices()
            .nth(1)
            .map(|(b, _)| start + b)
            .unwrap_or(text.len());
        start..end.max(start)
    });
    (span, format!("YAML を解釈できません: {msg}"))
}

impl Library {
    /// The library compiled into the binary.
    pub fn embedded() -> Result<Library, LibraryError> {
        Self::load(None)
    }

    /// The embedded library with a user folder laid over it (`cases/`, `modules/`, `rubrics/`).
    pub fn load(overlay: Option<&Path>) -> Result<Library, LibraryError> {
        Self::load_with(overlay, &CaseSet::All)
    }

    /// The library with the embedded cases `cases` selects (`CaseSet::Only`: what drafting for
    /// one case needs). With an overlay, every case is parsed and checked as by [`Library::load`]
    /// unless `cases` is [`CaseSet::None`].
    pub fn load_cases(overlay: Option<&Path>, cases: &CaseSet) -> Result<Library, LibraryError> {
        Self::load_with(overlay, cases)
    }

    /// The library without its embedded cases: what linting needs (glossary, themes, modules'
    /// glosses and technique names). The cases are the largest files and only drafting uses them,
    /// so `itsm lint` skips parsing them; an overlay's own case files are still parsed and
    /// checked. Modules' case references are not checked here.
    pub fn load_for_lint(overlay: Option<&Path>) -> Result<Library, LibraryError> {
        Self::load_with(overlay, &CaseSet::None)
    }

    fn load_with(overlay: Option<&Path>, cases: &CaseSet) -> Result<Library, LibraryError> {
        match overlay {
            // The embedded files were parsed at build time (see `embedded.rs`).
            None => Ok(Self::compiled(cases)),
            Some(_) => Self::load_yaml(overlay, *cases != CaseSet::None),
        }
    }

    /// Parse and check the embedded YAML files and the overlay's together.
    fn load_yaml(overlay: Option<&Path>, with_cases: bool) -> Result<Library, LibraryError> {
        let mut errors = Vec::new();
        // The embedded cases are tested to load; linting skips them (a user's overlay cases are
        // still parsed, so a broken file is reported wherever it is used).
        let mut case_files = if with_cases {
            embedded_files(embedded::CASE_TEXTS)
        } else {
            Vec::new()
        };
        let mut module_files = embedded_files(embedded::MODULE_TEXTS);
        let embedded_modules = module_files.len();
        let mut themes_file = SourceFile {
            path: "rubrics/themes.yaml".into(),
            text: embedded::THEMES_YAML.to_owned(),
        };
        let mut glossary_file = SourceFile {
            path: "rubrics/glossary.yaml".into(),
            text: embedded::GLOSSARY_YAML.to_owned(),
        };
        let mut template_text = embedded::MODULE_J2.to_owned();
        let mut essay_file = SourceFile {
            path: "rubrics/essay.j2".into(),
            text: embedded::ESSAY_J2.to_owned(),
        };
        let mut score_file = SourceFile {
            path: "rubrics/score.yaml".into(),
            text: embedded::SCORE_YAML.to_owned(),
        };
        let mut question_files = embedded_files(embedded::QUESTION_TEXTS);
        if let Some(dir) = overlay {
            question_files.extend(disk_files(&dir.join("questions"), "txt", &mut errors));
            if !dir.is_dir() {
                errors.push(error_report(
                    &dir.display().to_string(),
                    "",
                    None,
                    "ライブラリのフォルダが見つかりません".into(),
                ));
            }
            case_files.extend(disk_files(&dir.join("cases"), "yaml", &mut errors));
            module_files.extend(disk_files(&dir.join("modules"), "yaml", &mut errors));
            for (name, slot) in [
                ("themes.yaml", &mut themes_file),
                ("glossary.yaml", &mut glossary_file),
                ("score.yaml", &mut score_file),
            ] {
                let p = dir.join("rubrics").join(name);
                match read_optional(&p) {
                    Some(Ok(text)) => {
                        *slot = SourceFile {
                            path: p.display().to_string(),
                            text,
                        }
                    }
                    Some(Err(m)) => {
                        errors.push(error_report(&p.display().to_string(), "", None, m))
                    }
                    None => {}
                }
            }
            let p = dir.join("rubrics").join("module.j2");
            match read_optional(&p) {
                Some(Ok(t)) => template_text = t,
                Some(Err(m)) => errors.push(error_report(&p.display().to_string(), "", None, m)),
                None => {}
            }
            let p = dir.join("rubrics").join("essay.j2");
            match read_optional(&p) {
                Some(Ok(t)) => {
                    essay_file = SourceFile {
                        path: p.display().to_string(),
                        text: t,
                    }
                }
                Some(Err(m)) => errors.push(error_report(&p.display().to_string(), "", None, m)),
                None => {}
            }
        }

        let themes: ThemesFile = match parse_yaml(&themes_file.path, &themes_file.text) {
            Ok(t) => t,
            Err(r) => {
                errors.push(r);
                ThemesFile {
                    themes: Vec::new(),
                    categories: BTreeMap::new(),
                }
            }
        };
        let glossary: Glossary = parse_yaml(&glossary_file.path, &glossary_file.text)
            .unwrap_or_else(|r| {
                errors.push(r);
                Glossary::default()
            });

        // Later files (the overlay) replace earlier ones with the same id.
        let mut cases: BTreeMap<String, (Case, usize)> = BTreeMap::new();
        let mut case_src: Vec<&SourceFile> = Vec::new();
        for f in &case_files {
            match parse_yaml::<Case>(&f.path, &f.text) {
                Ok(c) => {
                    case_src.push(f);
                    cases.insert(c.id.clone(), (c, case_src.len() - 1));
                }
                Err(r) => errors.push(r),
            }
        }
        let mut modules: BTreeMap<String, (Module, usize)> = BTreeMap::new();
        let mut module_src: Vec<&SourceFile> = Vec::new();
        let mut variant_sources = BTreeMap::new();
        for (i, f) in module_files.iter().enumerate() {
            // A user's file with only `id` and `variants` adds variants to the module of that
            // id (embedded or defined earlier); any other file defines or replaces a module.
            if i >= embedded_modules
                && let Ok(add) = serde_saphyr::from_str::<ModuleVariants>(&f.text)
            {
                match modules.get_mut(&add.id) {
                    Some((m, _)) => {
                        for v in add.variants {
                            variant_sources.insert(
                                (add.id.clone(), v.case.clone()),
                                (f.path.clone(), f.text.clone()),
                            );
                            m.variants.push(v);
                        }
                    }
                    None => {
                        let ids: Vec<&str> = modules.keys().map(String::as_str).collect();
                        let mut r = unknown_ref(f, &add.id, "モジュール", &ids);
                        r.diagnostics[0].help = Some(
                            "id と variants だけのファイルは既存のモジュールに例を足す。新しいモジュールなら name・themes・feature も書く（docs/library-format.md）".into(),
                        );
                        errors.push(r);
                    }
                }
                continue;
            }
            match parse_yaml::<Module>(&f.path, &f.text) {
                Ok(m) => {
                    module_src.push(f);
                    modules.insert(m.id.clone(), (m, module_src.len() - 1));
                }
                Err(r) => errors.push(r),
            }
        }

        // Cross-references.
        let theme_ids: Vec<&str> = themes.themes.iter().map(|t| t.id.as_str()).collect();
        for (case, src) in cases.values() {
            let f = case_src[*src];
            for key in REQUIRED_FACTS {
                if !case.facts.contains_key(*key) {
                    errors.push(error_report(
                        &f.path,
                        &f.text,
                        find_key(&f.text, "facts"),
                        format!(
                            "事例 `{}` の facts に必須キー `{key}` がありません（必須: {}）",
                            case.id,
                            REQUIRED_FACTS.join(", ")
                        ),
                    ));
                }
            }
            for p in &case.problems {
                for t in &p.themes {
                    if !theme_ids.contains(&t.as_str()) {
                        errors.push(unknown_ref(f, t, "テーマ", &theme_ids));
                    }
                }
            }
        }
        for (m, src) in modules.values() {
            let f = module_src[*src];
            if m.variants.is_empty() {
                errors.push(error_report(
                    &f.path,
                    &f.text,
                    find_key(&f.text, "variants"),
                    format!("モジュール `{}` に variants が1件もありません", m.id),
                ));
            }
            for t in &m.themes {
                if !theme_ids.contains(&t.as_str()) {
                    errors.push(unknown_ref(f, t, "テーマ", &theme_ids));
                }
            }
            let case_ids: Vec<&str> = cases.keys().map(String::as_str).collect();
            for v in m.variants.iter().filter(|_| with_cases) {
                if !cases.contains_key(&v.case) {
                    errors.push(unknown_ref(f, &v.case, "事例", &case_ids));
                }
            }
        }

        for (case, src) in cases.values() {
            if let Some(essay) = &case.essay {
                check_case_essay(
                    case,
                    essay,
                    case_src[*src],
                    &theme_ids,
                    &modules,
                    &mut errors,
                );
            }
        }
        if let Err(e) = crate::library::template::parse(&essay_file.path, &essay_file.text) {
            let mut r = error_report(&essay_file.path, &essay_file.text, e.range, e.message);
            r.diagnostics[0].code = codes::TEMPLATE_ERROR.code;
            r.diagnostics[0].name = codes::TEMPLATE_ERROR.name;
            errors.push(r);
        }

        // Cases' fact models, and every module variant's figures against its case's.
        let module_refs: Vec<(&Module, &SourceFile)> = modules
            .values()
            .map(|(m, src)| (m, module_src[*src]))
            .collect();
        for (case, src) in cases.values() {
            let f = case_src[*src];
            facts::check_case(case, &f.path, &f.text, &mut errors);
            for (m, mf) in &module_refs {
                facts::check_module(case, m, &mf.path, &mf.text, &mut errors);
            }
        }
        for (m, f) in &module_refs {
            check_angles(m, f, &mut errors);
        }

        let questions = questions_of(&question_files, &themes.themes, &mut errors);

        if !errors.is_empty() {
            return Err(LibraryError { reports: errors });
        }
        let module_sources = modules
            .iter()
            .map(|(id, (_, src))| {
                let f = module_src[*src];
                (id.clone(), (f.path.clone(), Cow::Owned(f.text.clone())))
            })
            .collect();
        let variant_cases = modules
            .iter()
            .map(|(id, (m, _))| (id.clone(), m.variant_cases()))
            .collect();
        Ok(Library {
            questions,
            variant_sources,
            variant_cases,
            score_file: (score_file.path, score_file.text),
            module_sources,
            cases: cases.into_values().map(|(c, _)| c).collect(),
            modules: modules.into_values().map(|(m, _)| m).collect(),
            themes: themes.themes,
            categories: themes.categories,
            glossary,
            module_template: template_text,
            essay_template: essay_file.text,
            essay_template_path: essay_file.path,
        })
    }

    /// What the rules read of this library (see [`Terms`]).
    pub fn terms(&self) -> Terms {
        Terms::of(&self.glossary, &self.themes, &self.modules)
    }

    pub fn case(&self, id: &str) -> Option<&Case> {
        self.cases.iter().find(|c| c.id == id)
    }

    pub fn module(&self, id: &str) -> Option<&Module> {
        self.modules.iter().find(|m| m.id == id)
    }

    /// The case of each variant of module `id`, in file order (see [`Library::variant_cases`]).
    pub fn cases_of(&self, id: &str) -> &[String] {
        self.variant_cases.get(id).map_or(&[], Vec::as_slice)
    }

    /// The theme a user named: its id (any case) or its Japanese name (「変更管理」), as in front
    /// matter's `theme:`.
    pub fn find_theme(&self, given: &str) -> Option<&Theme> {
        let given = given.trim();
        self.themes
            .iter()
            .find(|t| t.id.eq_ignore_ascii_case(given) || t.name == given)
    }

    pub fn theme(&self, id: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.id == id)
    }

    /// The default question of a theme (`questions/<theme>.txt`).
    pub fn question(&self, theme: &str) -> Option<&QuestionFile> {
        self.questions.iter().find(|q| q.theme == theme)
    }

    /// Where a module's source lives (for error messages).
    pub fn module_path(&self, id: &str) -> String {
        format!("modules/{id}.yaml")
    }
}

/// Cross-check a case's `essay:` map: known theme ids, and named modules (`module`, `support`)
/// that exist, cover the theme and have a variant for this case.
fn check_case_essay(
    case: &Case,
    essay: &CaseEssay,
    f: &SourceFile,
    theme_ids: &[&str],
    modules: &BTreeMap<String, (Module, usize)>,
    errors: &mut Vec<FileReport>,
) {
    if essay.overview.iter().all(|alts| alts.is_empty()) {
        errors.push(error_report(
            &f.path,
            &f.text,
            find_key(&f.text, "overview"),
            format!(
                "事例 `{}` の essay.overview が空です（設問ア 1.1 の文）",
                case.id
            ),
        ));
    }
    // Each theme's sentences, and those written for another of its modules (`alt.ID`), which
    // name that module as theirs.
    let entries = essay.themes.iter().flat_map(|(theme, e)| {
        std::iter::once((theme, None, e))
            .chain(e.alt.iter().map(move |(id, a)| (theme, Some(id), a)))
    });
    for (theme, alt_of, entry) in entries {
        if alt_of.is_none() && !theme_ids.contains(&theme.as_str()) {
            errors.push(unknown_ref(f, theme, "テーマ", theme_ids));
        }
        let at = f
            .text
            .find(&format!("\n    {theme}:"))
            .map(|s| s + 5..s + 5 + theme.len());
        let theme_label = match alt_of {
            Some(id) => format!("{theme}.alt.{id}"),
            None => theme.clone(),
        };
        let module_of = alt_of.cloned().or_else(|| entry.module.clone());
        if entry.support.is_some() && entry.support_link.is_none() {
            errors.push(error_report(
                &f.path,
                &f.text,
                at.clone(),
                format!("essay.themes.{theme_label}: support を使うときは、その手法が同じ問題にどう効いたかを support_link に書いてください"),
            ));
        }
        if entry.issues.len() != 2 {
            errors.push(error_report(
                &f.path,
                &f.text,
                at.clone(),
                format!(
                    "essay.themes.{theme_label}: issues には残った課題を2件（担当と次の一手つき）書いてください（今は{}件）",
                    entry.issues.len()
                ),
            ));
        }
        for (key, id) in [("module", &module_of), ("support", &entry.support)] {
            let Some(id) = id else { continue };
            let span = f.text.find(&format!("{key}: {id}")).map(|s| {
                let at = s + key.len() + 2;
                at..at + id.len()
            });
            let at = format!("essay.themes.{theme_label}.{key}");
            let problem = match modules.get(id) {
                None => {
                    let ids: Vec<&str> = modules.keys().map(String::as_str).collect();
                    let mut msg = format!("{at}: 未知のモジュール `{id}`");
                    if let Some(s) = did_you_mean(id, ids.iter().copied()) {
                        msg.push_str(&format!("（もしかして `{s}`？）"));
                    }
                    Some(msg)
                }
                Some((m, _)) if !m.themes.contains(theme) => Some(format!(
                    "{at}: モジュール `{id}` はテーマ `{theme}` を扱いません（扱うテーマ: {}）",
                    m.themes.join(", ")
                )),
                Some((m, _)) if !m.variants.iter().any(|v| v.case == case.id) => Some(format!(
                    "{at}: モジュール `{id}` には事例 `{}` 向けの例がありません",
                    case.id
                )),
                Some(_) => None,
            };
            if let Some(msg) = problem {
                errors.push(error_report(&f.path, &f.text, span, msg));
            }
        }
    }
}

/// A variant's angles: each names another theme of its module (not the first, which the variant
/// serves as written) and rewrites at least the problem and the decision or the ingenuity, so
/// the paragraph stresses what that theme asks.
fn check_angles(m: &Module, f: &SourceFile, errors: &mut Vec<FileReport>) {
    for v in &m.variants {
        let anchor = f.text.find(&format!("case: {}", v.case)).unwrap_or(0);
        for (theme, a) in &v.angles {
            let span = f.text[anchor..]
                .find(&format!("{theme}:"))
                .map(|s| anchor + s..anchor + s + theme.len());
            let msg = if m.themes.first() == Some(theme) {
                Some(format!(
                    "モジュール `{}`（事例 `{}`）: angles.{theme} は不要です。`{theme}` はこのモジュールの主テーマで、例そのものがこの観点で書かれています",
                    m.id, v.case
                ))
            } else if !m.themes.contains(theme) {
                Some(format!(
                    "モジュール `{}`（事例 `{}`）: angles.{theme} のテーマはモジュールの themes にありません（themes: {}）",
                    m.id,
                    v.case,
                    m.themes.join(", ")
                ))
            } else if a.problem.is_none() || (a.decision.is_none() && a.ingenuity.is_none()) {
                Some(format!(
                    "モジュール `{}`（事例 `{}`）: angles.{theme} には problem と、decision か ingenuity の少なくとも一方を書いてください（テーマの観点で書き直す文）",
                    m.id, v.case
                ))
            } else {
                None
            };
            if let Some(msg) = msg {
                errors.push(error_report(&f.path, &f.text, span, msg));
            }
        }
    }
}

fn find_key(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let pat = format!("{key}:");
    let mut off = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with(&pat) || t.starts_with(&format!("- {pat}")) {
            let start = off + (line.len() - t.len());
            return Some(start..start + t.trim_end().len());
        }
        off += line.len();
    }
    None
}

/// The default questions (`questions/<theme>.txt`) in theme order: a later file (the overlay's)
/// replaces an earlier one of the same theme; a file named after no theme is an error.
fn questions_of(
    files: &[SourceFile],
    themes: &[Theme],
    errors: &mut Vec<FileReport>,
) -> Vec<QuestionFile> {
    let theme_ids: Vec<&str> = themes.iter().map(|t| t.id.as_str()).collect();
    let mut questions: BTreeMap<String, QuestionFile> = BTreeMap::new();
    for f in files {
        let theme = Path::new(&f.path)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        if !theme_ids.contains(&theme.as_str()) {
            errors.push(unknown_ref(
                &SourceFile {
                    path: f.path.clone(),
                    text: theme.clone(),
                },
                &theme,
                "テーマ（問題文のファイル名）",
                &theme_ids,
            ));
            continue;
        }
        // The title line without its 「問１　」.
        let title = f
            .text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or_default()
            .trim_start_matches('問')
            .trim_start_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
            .trim_start_matches(['　', ' '])
            .to_owned();
        questions.insert(
            theme.clone(),
            QuestionFile {
                theme,
                path: f.path.clone(),
                title,
                text: f.text.clone(),
            },
        );
    }
    themes
        .iter()
        .filter_map(|t| questions.remove(&t.id))
        .collect()
}

fn unknown_ref(f: &SourceFile, value: &str, what: &str, valid: &[&str]) -> FileReport {
    let span = f.text.find(value).map(|s| s..s + value.len());
    let mut msg = format!("未知の{what} `{value}`");
    if let Some(s) = did_you_mean(value, valid.iter().copied()) {
        msg.push_str(&format!("（もしかして `{s}`？）"));
    }
    msg.push_str(&format!("。有効な値: {}", valid.join(", ")));
    error_report(&f.path, &f.text, span, msg)
}
