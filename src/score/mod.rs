//! Scoring: the 100-point rubric of `rubrics/score.yaml` applied to one text, with the evidence
//! behind every point, an estimated rank (essays) or pass/fail (modules), and the fixes worth most.
//!
//! Boundaries: the rubric (weights, labels, detector ids and their parameters) is data loaded by
//! [`crate::library`]; this module implements the detectors (`detect.rs`) and assembles the
//! result; [`render`] formats it. No flags, no I/O, no printing here. Lint findings are used as
//! evidence where a rule already checks the thing (bullets, product names, abbreviations …), so
//! the score and `itsm lint` never disagree about a defect.
//!
//! The score is a heuristic estimate from the published criteria (the seed's self-scoring sheet),
//! not an IPA grade; every output format says so ([`NOTICE`]).

mod detect;
pub mod render;
pub mod rubric;

use crate::diagnostic::Diagnostic;
use crate::exam::Limits;
use crate::library::{Library, LibraryError};
use crate::lint::{self, Document, Kind, Settings, Vocabulary};
use crate::score::rubric::{ItemDef, ScoreRubric, SectionDef};
use std::ops::Range;

/// Said by every output format.
pub const NOTICE: &str = "この点数は、公開されている採点の観点（自己採点シート・採点講評）から機械的に推定したものであり、IPA の採点結果ではありません。";

/// A cited span (byte range into the text) with the text it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// `None` = the whole file (e.g. 「指摘なし」).
    pub span: Option<Range<usize>>,
    pub text: String,
}

impl Evidence {
    pub fn at(span: Range<usize>, text: impl Into<String>) -> Self {
        Evidence {
            span: Some(span),
            text: text.into(),
        }
    }

    pub fn note(text: impl Into<String>) -> Self {
        Evidence {
            span: None,
            text: text.into(),
        }
    }
}

/// Why points were withheld: what is missing or wrong, where (the defect, or where the missing
/// thing should go), and the change that earns the points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub message: String,
    pub spans: Vec<Evidence>,
    /// The rubric's advice for the item.
    pub fix: String,
    /// A change specific to this text, when the detector knows one.
    pub hint: Option<String>,
}

impl Missing {
    /// The most concrete advice available.
    pub fn advice(&self) -> &str {
        self.hint.as_deref().unwrap_or(&self.fix)
    }
}

#[derive(Debug, Clone)]
pub struct ItemScore {
    pub id: String,
    pub label: String,
    pub points: u32,
    pub max: u32,
    /// What earned the points.
    pub evidence: Vec<Evidence>,
    /// Set when `points < max`.
    pub missing: Option<Missing>,
    pub reference: Option<String>,
}

#[derive(Debug, Clone)]
pub struct SectionScore {
    pub id: String,
    pub name: String,
    pub points: u32,
    pub max: u32,
    pub items: Vec<ItemScore>,
}

/// Estimated essay rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    A,
    B,
    C,
    D,
}

impl Rank {
    pub fn as_str(self) -> &'static str {
        match self {
            Rank::A => "A",
            Rank::B => "B",
            Rank::C => "C",
            Rank::D => "D",
        }
    }
}

/// Length of one 設問 part against its limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartLength {
    pub label: char,
    /// The heading line of the part.
    pub heading: Range<usize>,
    pub chars: usize,
    pub min: Option<usize>,
    pub max: Option<usize>,
}

impl PartLength {
    pub fn within(&self) -> bool {
        self.min.is_none_or(|m| self.chars >= m) && self.max.is_none_or(|m| self.chars <= m)
    }

    /// 「800字以内」「800〜1,600字」.
    pub fn limit_text(&self) -> String {
        match (self.min, self.max) {
            (Some(lo), Some(hi)) => format!("{}〜{}字", thousands(lo), thousands(hi)),
            (None, Some(hi)) => format!("{}字以内", thousands(hi)),
            (Some(lo), None) => format!("{}字以上", thousands(lo)),
            (None, None) => "制限なし".into(),
        }
    }
}

pub use crate::exam::thousands;

/// One of the changes worth most points.
#[derive(Debug, Clone)]
pub struct Fix {
    pub section: String,
    pub item: String,
    pub label: String,
    /// Points the change would gain.
    pub gain: u32,
    pub text: String,
    /// Where to make it.
    pub span: Option<Range<usize>>,
    /// The change also lifts the D cap.
    pub lifts_cap: bool,
}

/// The score of one text.
#[derive(Debug, Clone)]
pub struct ScoreReport {
    pub path: String,
    pub source: String,
    pub kind: Kind,
    pub total: u32,
    pub max: u32,
    /// Essays only.
    pub rank: Option<Rank>,
    /// Essays only: the rank the total alone would give (differs from `rank` when capped).
    pub uncapped_rank: Option<Rank>,
    /// Essay: rank A. Module: total ≥ the rubric's pass mark.
    pub pass: bool,
    /// Module pass mark (modules only).
    pub pass_mark: Option<u32>,
    /// The rank was capped at D (a part missing or outside its length limits).
    pub capped: bool,
    pub cap_reasons: Vec<Evidence>,
    /// Essays only: each part found, with its length.
    pub parts: Vec<PartLength>,
    pub sections: Vec<SectionScore>,
    pub top_fixes: Vec<Fix>,
}

/// Part lengths of an essay against the limits in effect, in document order, counted in CBT
/// characters by the shared counter (the same numbers `itsm count` and the length rule E004 use).
pub fn part_lengths(doc: &Document<'_>, limits: &Limits) -> Vec<PartLength> {
    doc.parts
        .iter()
        .map(|p| {
            let limit = limits.get(p.label);
            PartLength {
                label: p.label,
                heading: p.heading.clone(),
                chars: crate::exam::count_part(doc, p).cbt,
                min: limit.min,
                max: limit.max,
            }
        })
        .collect()
}

/// Scores texts against the library's rubric.
pub struct Scorer<'a> {
    lib: &'a Library,
    rubric: ScoreRubric,
    vocab: Vocabulary,
}

impl<'a> Scorer<'a> {
    /// Fails when `rubrics/score.yaml` (or the overlay's) is invalid.
    pub fn new(lib: &'a Library) -> Result<Self, LibraryError> {
        let codes: Vec<&str> = crate::lint::registry::RULES
            .iter()
            .map(|r| r.code)
            .collect();
        let (path, text) = &lib.score_file;
        let rubric =
            rubric::load(path, text, &codes).map_err(|reports| LibraryError { reports })?;
        Ok(Scorer {
            lib,
            rubric,
            vocab: Vocabulary::from_library(lib),
        })
    }

    pub fn rubric(&self) -> &ScoreRubric {
        &self.rubric
    }

    /// Score one text with the default settings. `kind` forces the kind; otherwise it is
    /// detected as `itsm lint` does.
    pub fn score(&self, path: &str, text: &str, kind: Option<Kind>) -> ScoreReport {
        let settings = Settings {
            kind,
            ..Settings::default()
        };
        self.score_with(path, text, &settings, &self.vocab)
    }

    /// Score one text under resolved settings and vocabulary (`itsm.yaml` and flags applied, see
    /// [`crate::config::resolve`]): the kind, rule severities and options, the vocabulary and the
    /// part limits are the ones `itsm lint` uses for the same file.
    pub fn score_with(
        &self,
        path: &str,
        text: &str,
        settings: &Settings,
        vocab: &Vocabulary,
    ) -> ScoreReport {
        score_text(path, text, self.lib, &self.rubric, vocab, settings)
    }
}

fn score_text(
    path: &str,
    text: &str,
    lib: &Library,
    rubric: &ScoreRubric,
    vocab: &Vocabulary,
    settings: &Settings,
) -> ScoreReport {
    let doc = lint::parse_document(text, settings);
    let settings = Settings {
        kind: Some(doc.kind),
        ..settings.clone()
    };
    let findings = lint::lint_text(path, text, vocab, &settings).diagnostics;
    let (sections_def, items_def) = match doc.kind {
        Kind::Essay => (&rubric.essay.sections, &rubric.essay.items),
        Kind::Module => (&rubric.module.sections, &rubric.module.items),
    };
    let parts = match doc.kind {
        Kind::Essay => part_lengths(&doc, &settings.limits),
        Kind::Module => Vec::new(),
    };
    let ctx = detect::Ctx::new(&doc, &findings, lib, &parts, &settings.limits);
    let sections = score_sections(&ctx, sections_def, items_def);
    let total: u32 = sections.iter().map(|s| s.points).sum();
    let max: u32 = sections.iter().map(|s| s.max).sum();

    let (rank, uncapped_rank, pass, pass_mark, capped, cap_reasons) = match doc.kind {
        Kind::Essay => {
            let reasons = cap_reasons(&doc, &parts);
            let r = rubric.essay.ranks;
            let by_total = if total >= r.a {
                Rank::A
            } else if total >= r.b {
                Rank::B
            } else if total >= r.c {
                Rank::C
            } else {
                Rank::D
            };
            let capped = !reasons.is_empty();
            let rank = if capped { Rank::D } else { by_total };
            (
                Some(rank),
                Some(by_total),
                rank == Rank::A,
                None,
                capped,
                reasons,
            )
        }
        Kind::Module => {
            let mark = rubric.module.pass;
            (None, None, total >= mark, Some(mark), false, Vec::new())
        }
    };
    let top_fixes = top_fixes(&sections, items_def, capped);
    ScoreReport {
        path: path.to_owned(),
        source: text.to_owned(),
        kind: doc.kind,
        total,
        max,
        rank,
        uncapped_rank,
        pass,
        pass_mark,
        capped,
        cap_reasons,
        parts,
        sections,
        top_fixes,
    }
}

fn score_sections(
    ctx: &detect::Ctx<'_>,
    sections: &[SectionDef],
    items: &[ItemDef],
) -> Vec<SectionScore> {
    sections
        .iter()
        .map(|s| {
            let items: Vec<ItemScore> = items
                .iter()
                .filter(|i| i.section == s.id)
                .map(|i| score_item(ctx, i))
                .collect();
            SectionScore {
                id: s.id.clone(),
                name: s.name.clone(),
                points: items.iter().map(|i| i.points).sum(),
                max: items.iter().map(|i| i.max).sum(),
                items,
            }
        })
        .collect()
}

fn score_item(ctx: &detect::Ctx<'_>, def: &ItemDef) -> ItemScore {
    let o = detect::run(ctx, def);
    let points = o.points.min(def.points);
    let missing = (points < def.points).then(|| Missing {
        message: o
            .missing
            .clone()
            .unwrap_or_else(|| "条件の一部だけを満たしています".into()),
        spans: o.where_.clone(),
        fix: def.fix.clone(),
        hint: o.hint.clone(),
    });
    ItemScore {
        id: def.id.clone(),
        label: def.label.clone(),
        points,
        max: def.points,
        evidence: o.evidence,
        missing,
        reference: def.reference.clone(),
    }
}

/// Why the rank is capped at D: a part missing, or a part outside its limits (seed L183-188).
fn cap_reasons(doc: &Document<'_>, parts: &[PartLength]) -> Vec<Evidence> {
    let mut out = Vec::new();
    for label in ['ア', 'イ', 'ウ'] {
        if !parts.iter().any(|p| p.label == label) {
            out.push(Evidence {
                span: None,
                text: format!("設問{label}がありません"),
            });
        }
    }
    for p in parts {
        if !p.within() {
            out.push(Evidence::at(
                p.heading.clone(),
                format!(
                    "設問{}が{}字で、制限（{}）の外です",
                    p.label,
                    thousands(p.chars),
                    p.limit_text()
                ),
            ));
        }
    }
    if doc.parts.is_empty() && out.len() == 3 {
        out = vec![Evidence::note(
            "設問ア・イ・ウの見出し（「## 設問ア」など）がありません",
        )];
    }
    out
}

/// The three changes worth most points: largest loss first; when the rank is capped, the item
/// that checks the parts comes first whatever it is worth, since nothing else lifts the cap.
fn top_fixes(sections: &[SectionScore], defs: &[ItemDef], capped: bool) -> Vec<Fix> {
    let mut all: Vec<(bool, u32, usize, Fix)> = Vec::new();
    let mut order = 0;
    for s in sections {
        for i in &s.items {
            order += 1;
            let Some(m) = &i.missing else { continue };
            let lifts_cap = capped
                && defs
                    .iter()
                    .any(|d| d.id == i.id && d.detector == "part-structure");
            all.push((
                lifts_cap,
                i.max - i.points,
                order,
                Fix {
                    section: s.name.clone(),
                    item: i.id.clone(),
                    label: i.label.clone(),
                    gain: i.max - i.points,
                    text: m.advice().to_owned(),
                    span: m.spans.iter().find_map(|e| e.span.clone()),
                    lifts_cap,
                },
            ));
        }
    }
    all.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    all.into_iter().take(3).map(|(_, _, _, f)| f).collect()
}

/// Findings of lint rules, for detectors that take their evidence from them.
pub(crate) fn of_rules<'a>(
    findings: &'a [Diagnostic],
    rules: &'a [String],
) -> impl Iterator<Item = &'a Diagnostic> + 'a {
    findings
        .iter()
        .filter(move |d| rules.iter().any(|r| r == d.code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(800), "800");
        assert_eq!(thousands(1600), "1,600");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
