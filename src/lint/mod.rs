//! Linting: parse a text, run every applicable rule, apply severity settings,
//! and return a sorted [`FileReport`]. No I/O and no CLI flags here.

pub mod document;

use crate::count::{CountMode, Limits};
use crate::diagnostic::{FileReport, Severity};
use crate::library::{Glossary, Library};
use crate::rules::{Context, registry::RULES};
pub use document::{Document, Kind};
use std::collections::{BTreeMap, BTreeSet};

/// Resolved settings for one lint run (built from defaults, config and flags by the caller).
#[derive(Debug, Clone)]
pub struct Settings {
    /// Force the kind instead of detecting it.
    pub kind: Option<Kind>,
    /// Rule code → severity override; `None` turns the rule off.
    pub severity: BTreeMap<String, Option<Severity>>,
    /// Maximum characters in a sentence (S005).
    pub max_sentence_chars: usize,
    /// Maximum 読点 in a sentence (S006).
    pub max_commas: usize,
    /// Minimum characters of a module paragraph (F010).
    pub min_module_chars: usize,
    /// Minimum number of figures in an essay (C002).
    pub min_essay_figures: usize,
    /// How part lengths are counted (E004).
    pub counting: CountMode,
    /// Length limits per 設問 part (E004).
    pub limits: Limits,
    /// Kind to use when the text declares none in its front matter (from the config's `kinds`
    /// globs). Unlike `kind`, a front-matter `kind:` wins over it; it wins over structure.
    pub fallback_kind: Option<Kind>,
    /// The theme the essay is meant to answer (theme id; E010). Front matter `theme:` is used when this is `None`.
    pub theme: Option<String>,
    /// The question the essay answers (E013; its limits are for the length rule).
    pub question: Option<crate::question::Question>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            kind: None,
            severity: BTreeMap::new(),
            max_sentence_chars: 140,
            max_commas: 4,
            min_module_chars: 400,
            min_essay_figures: 3,
            counting: CountMode::Cbt,
            limits: Limits::exam(),
            fallback_kind: None,
            theme: None,
            question: None,
        }
    }
}

/// Vocabulary the rules consult: the library glossary plus any user additions.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// Abbreviations allowed without explanation.
    pub common: BTreeSet<String>,
    /// Abbreviation → Japanese gloss.
    pub glossary: BTreeMap<String, String>,
    /// Real names → generic wording.
    pub banned: BTreeMap<String, String>,
    /// Industry jargon → plain wording.
    pub jargon: BTreeMap<String, String>,
    /// Themes as (id, Japanese name, keywords), in library order (E010).
    pub themes: Vec<(String, String, Vec<String>)>,
    /// Technique (module) names with the theme ids the library files them under (E010).
    pub techniques: Vec<(String, Vec<String>)>,
}

impl Vocabulary {
    pub fn from_glossary(g: &Glossary) -> Vocabulary {
        Vocabulary {
            common: g.common.iter().cloned().collect(),
            glossary: g.glossary.clone(),
            banned: g.banned.clone(),
            jargon: g.jargon.clone(),
            themes: Vec::new(),
            techniques: Vec::new(),
        }
    }

    pub fn from_library(lib: &Library) -> Vocabulary {
        let mut v = Self::from_glossary(&lib.glossary);
        // Glosses that modules declare are known explanations too.
        for m in &lib.modules {
            for (k, g) in &m.abbreviations {
                v.glossary.entry(k.clone()).or_insert_with(|| g.clone());
            }
        }
        v.themes = lib
            .themes
            .iter()
            .map(|t| (t.id.clone(), t.name.clone(), t.keywords.clone()))
            .collect();
        v.techniques = lib
            .modules
            .iter()
            .map(|m| (m.name.clone(), m.themes.clone()))
            .collect();
        v
    }
}

/// The severity a rule runs at under `settings`; `None` when it is turned off.
pub fn effective_severity(settings: &Settings, rule: &crate::rules::Rule) -> Option<Severity> {
    match settings.severity.get(rule.code) {
        Some(s) => *s,
        None => Some(rule.default_severity),
    }
}

/// Parse `text` with the kind the settings call for (see [`Settings::fallback_kind`]).
fn parse_document<'a>(text: &'a str, settings: &Settings) -> Document<'a> {
    let doc = Document::parse(text, settings.kind);
    match settings.fallback_kind {
        Some(k)
            if settings.kind.is_none()
                && doc.kind != k
                && !doc.front_matter.iter().any(|(key, _)| key == "kind") =>
        {
            Document::parse(text, Some(k))
        }
        _ => doc,
    }
}

/// Lint one text. Inline suppression comments (see [`crate::suppress`]) are honoured.
pub fn lint_text(path: &str, text: &str, vocab: &Vocabulary, settings: &Settings) -> FileReport {
    let doc = parse_document(text, settings);
    let mut diagnostics = Vec::new();
    for rule in RULES {
        if !rule.scope.applies(doc.kind) {
            continue;
        }
        let severity = match settings.severity.get(rule.code) {
            Some(None) => continue,
            Some(Some(s)) => *s,
            None => rule.default_severity,
        };
        let mut ctx = Context::new(settings, vocab, rule);
        (rule.check)(&doc, &mut ctx);
        for mut d in ctx.out {
            d.severity = severity;
            diagnostics.push(d);
        }
    }
    crate::suppress::apply(text, &mut diagnostics, settings);
    let mut report = FileReport {
        path: path.to_owned(),
        source: text.to_owned(),
        diagnostics,
    };
    report.sort();
    report
}
