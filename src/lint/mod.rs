//! Linting: parse a text, run every applicable rule, apply severity settings and inline
//! suppressions, and return a sorted [`FileReport`]. No I/O and no CLI flags here.
//!
//! - [`rule`]: what a rule is ([`Rule`], [`RuleOption`], [`Context`]);
//! - [`rules`]: the rules, one file each, and the list of them (`RULES`);
//! - [`registry`]: looking up rules and every other user-visible code;
//! - [`suppress`]: inline `<!-- itsm-disable … -->` comments (X001, X002);
//! - [`fix`]: applying the safe fixes rules attach to findings (`--fix`).
//!
//! [`Settings`] and [`Vocabulary`] are what the caller resolved (see
//! [`crate::config::resolve`]); rules read them through their [`Context`].

pub mod fix;
pub mod method_fit;
pub mod registry;
pub mod rule;
pub mod rules;
mod sections;
pub mod suppress;

use crate::diagnostic::{Diagnostic, FileReport, Severity};
pub use crate::document::{Document, Kind};
use crate::exam::{CountMode, Limits};
use crate::library::{Glossary, Library, Terms};
pub use rule::{Context, Rule, RuleOption, Scope};
use rules::RULES;
pub(crate) use rules::content::no_manager_decision::decision_sentences;
pub(crate) use rules::format::reason_then_ingenuity::{ReasonGapDecisions, reason_gap_decisions};
use std::collections::{BTreeMap, BTreeSet};

/// Resolved settings for one lint run (built from defaults, config and flags by the caller).
#[derive(Debug, Clone)]
pub struct Settings {
    /// Force the kind instead of detecting it.
    pub kind: Option<Kind>,
    /// Rule code → severity override; `None` turns the rule off.
    pub severity: BTreeMap<String, Option<Severity>>,
    /// Rule options set by the config: (rule code, option key) → value. A rule reads its
    /// options with [`Context::option`]; an option not set here has its declared default.
    pub options: BTreeMap<(&'static str, &'static str), usize>,
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
    pub question: Option<crate::exam::question::Question>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            kind: None,
            severity: BTreeMap::new(),
            options: BTreeMap::new(),
            counting: CountMode::Cbt,
            limits: Limits::exam(),
            fallback_kind: None,
            theme: None,
            question: None,
        }
    }
}

impl Settings {
    /// The value of `rule`'s option under these settings (its default when not set).
    pub fn option(&self, rule: &'static str, option: &RuleOption) -> usize {
        self.options
            .get(&(rule, option.key))
            .copied()
            .unwrap_or(option.default)
    }

    /// Set one of `rule`'s options.
    pub fn set_option(&mut self, rule: &'static str, option: &'static RuleOption, value: usize) {
        self.options.insert((rule, option.key), value);
    }
}

/// The minimum length of a module paragraph under `settings` (F010's `min-module-chars`).
/// The first of `names` that the real-name rule (S003) would find in `text`, if any: a banned
/// word's replacement must hold none, or `--fix` would replace its own output again.
pub fn banned_name_in<'a>(text: &str, names: &[&'a str]) -> Option<&'a str> {
    rules::style::real_product_name::first_banned_in(text, names)
}

pub fn min_module_chars(settings: &Settings) -> usize {
    rules::format::module_too_short::min_module_chars(settings)
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
            common: g.common.words().into_iter().collect(),
            glossary: g.glossary.clone(),
            banned: g.banned.clone(),
            jargon: g.jargon.clone(),
            themes: Vec::new(),
            techniques: Vec::new(),
        }
    }

    pub fn from_library(lib: &Library) -> Vocabulary {
        Self::from_terms(&lib.terms())
    }

    /// The vocabulary of a library's [`Terms`] (all that linting reads of the library).
    pub fn from_terms(terms: &Terms) -> Vocabulary {
        let mut v = Self::from_glossary(&terms.glossary);
        // Glosses that modules declare are known explanations too.
        for m in &terms.modules {
            for (k, g) in &m.abbreviations {
                v.glossary.entry(k.clone()).or_insert_with(|| g.clone());
            }
        }
        v.themes = terms
            .themes
            .iter()
            .map(|t| (t.id.clone(), t.name.clone(), t.keywords.clone()))
            .collect();
        v.techniques = terms
            .modules
            .iter()
            .map(|m| (m.name.clone(), m.themes.clone()))
            .collect();
        v
    }
}

/// The severity a rule runs at under `settings`; `None` when it is turned off.
pub fn effective_severity(settings: &Settings, rule: &Rule) -> Option<Severity> {
    match settings.severity.get(rule.code) {
        Some(s) => *s,
        None => Some(rule.default_severity),
    }
}

/// Parse `text` with the kind the settings call for (see [`Settings::fallback_kind`]).
pub fn parse_document<'a>(text: &'a str, settings: &Settings) -> Document<'a> {
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

/// Rules that judge the very characters the matching view folds (half-width katakana): they
/// run on the original text, everything else on the view.
const RAW_RULES: &[&str] = &["S012"];

/// Run the rules `keep` selects on `doc`, at the severities `settings` gives them.
fn run_rules(
    doc: &Document<'_>,
    vocab: &Vocabulary,
    settings: &Settings,
    keep: impl Fn(&Rule) -> bool,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for rule in RULES.iter().copied().filter(|r| keep(r)) {
        if !rule.scope.applies(doc.kind) {
            continue;
        }
        let Some(severity) = effective_severity(settings, rule) else {
            continue;
        };
        let mut ctx = Context::new(settings, vocab, rule);
        (rule.check)(doc, &mut ctx);
        for mut d in ctx.out {
            d.severity = severity;
            diagnostics.push(d);
        }
    }
    diagnostics
}

/// Map diagnostics found in the matching view (spans, related spans and fixes) back onto the
/// original text.
fn restore(view: &crate::text::normalize::MatchView, diagnostics: &mut [Diagnostic]) {
    for d in diagnostics {
        if let Some(s) = &d.span {
            d.span = Some(view.range_in_original(s));
        }
        for (r, _) in &mut d.related {
            *r = view.range_in_original(r);
        }
        if let Some(f) = &mut d.fix {
            f.range = view.range_in_original(&f.range);
        }
    }
}

/// Lint one text: the findings of its [`judge`]ment. Inline suppression comments (see
/// [`crate::lint::suppress`]) are honoured.
///
/// NFD kana, half-width katakana and invisible characters: the rules see a matching view of the
/// text and their spans and fixes are mapped back onto the original characters (see
/// [`crate::text::normalize`]); the few rules about those characters themselves see the original.
pub fn lint_text(path: &str, text: &str, vocab: &Vocabulary, settings: &Settings) -> FileReport {
    judge(path, text, vocab, settings).report
}

/// One text judged once: the document (parsed with the kind the settings call for), the settings
/// with that kind fixed, and the rules' findings on it. `itsm lint` reports its findings, `itsm
/// score` deducts for them, and the practice server shows both (two views of one judgement).
pub struct Judgement<'a> {
    pub doc: Document<'a>,
    /// `settings` with [`Settings::kind`] set to the document's kind.
    pub settings: Settings,
    /// The rules' findings on `doc` under these settings.
    pub report: FileReport,
}

/// Parse `text` once and run the rules on it (see [`Judgement`]). The one place that decides how
/// a text is judged:
///
/// - its kind is [`parse_document`]'s: `--kind` (or the API's `kind`), else front matter `kind:`,
///   else the config's `kinds:` globs ([`Settings::fallback_kind`]), else the document layer's
///   detection (a heading that names a 設問 makes an essay);
/// - a module text made of several headed paragraphs (see `sections`) is judged paragraph by
///   paragraph, each as one module; an essay is never split, whatever its headings look like.
pub fn judge<'a>(
    path: &str,
    text: &'a str,
    vocab: &Vocabulary,
    settings: &Settings,
) -> Judgement<'a> {
    let doc = parse_document(text, settings);
    let settings = Settings {
        kind: Some(doc.kind),
        ..settings.clone()
    };
    let sections = match doc.kind {
        Kind::Module => sections::module_sections(text),
        Kind::Essay => None,
    };
    // The rules read `doc` itself, so they and the score's detectors share its analyses (fact
    // model, thread, …); a matching view is parsed with the kind fixed here.
    let report = match sections {
        Some(sections) => lint_sections(path, text, &sections, vocab, &settings),
        None => lint_parsed(path, &doc, vocab, &settings),
    };
    Judgement {
        doc,
        settings,
        report,
    }
}

/// The findings on a multi-module file: each of `sections` linted as one module, spans shifted
/// back into `text`.
fn lint_sections(
    path: &str,
    text: &str,
    sections: &[std::ops::Range<usize>],
    vocab: &Vocabulary,
    settings: &Settings,
) -> FileReport {
    let mut diagnostics = Vec::new();
    for r in sections {
        let part = &text[r.clone()];
        let part = lint_parsed(path, &parse_document(part, settings), vocab, settings);
        for mut d in part.diagnostics {
            let shift = |x: &std::ops::Range<usize>| x.start + r.start..x.end + r.start;
            d.span = Some(d.span.as_ref().map_or(r.clone(), shift));
            for (x, _) in &mut d.related {
                *x = shift(x);
            }
            if let Some(f) = &mut d.fix {
                f.range = shift(&f.range);
            }
            diagnostics.push(d);
        }
    }
    FileReport::sorted(path, text, diagnostics)
}

/// The findings on one document, judged whole (`settings.kind` is `doc`'s kind, so the matching
/// view is parsed as the same kind).
fn lint_parsed(
    path: &str,
    doc: &Document<'_>,
    vocab: &Vocabulary,
    settings: &Settings,
) -> FileReport {
    let text = doc.text;
    let mut diagnostics = match crate::text::normalize::MatchView::of(text) {
        Some(view) => {
            let vdoc = parse_document(view.text(), settings);
            let mut d = run_rules(&vdoc, vocab, settings, |r| !RAW_RULES.contains(&r.code));
            restore(&view, &mut d);
            d.extend(run_rules(doc, vocab, settings, |r| {
                RAW_RULES.contains(&r.code)
            }));
            d
        }
        None => run_rules(doc, vocab, settings, |_| true),
    };
    crate::lint::suppress::apply(text, &mut diagnostics, settings);
    FileReport::sorted(path, text, diagnostics)
}
