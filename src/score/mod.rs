//! Scoring: the 100-point rubric of `rubrics/score.yaml` applied to one text, with the evidence
//! behind every point, an estimated rank (essays) or pass/fail (modules), and the fixes worth most.
//!
//! How the score is computed (the data is `rubrics/score.yaml`, read by [`rubric`]):
//! - the self-scoring sheet's 8 sections × 10 points and the 4 × 5 「80点以上チェック」 for essays
//!   (five sections for module paragraphs), each made of items;
//! - an item either runs a check ([`checks::Check`]: figures, decisions, part lengths, …) and
//!   earns its share of the points, or deducts a number of points per finding of given lint rules
//!   (`deduct: {N004: 3}`) down to zero. The findings come from `lint::judge` under the same
//!   settings (itsm.yaml, flags), so lint and score are two views of one judgement: a rule turned
//!   off deducts nothing, and every deduction cites the finding's place and the rule's fix;
//! - caps for what graders treat as fatal (a part missing or out of its limits, an outline, an
//!   off-question essay, です・ます throughout, a broken module format) limit the rank and the total
//!   to the top of the capped rank;
//! - the top of the scale (`top: {from: 85, to: 90}`): a sheet total above 85 counts for a third,
//!   so full marks are 90 — graders give their best texts 85–90, and a text with no defect itsm
//!   can see still has some a grader sees;
//! - the middle of the scale (`middle: {from: 35, to: 85, k: 0.25}`, module paragraphs): a sheet
//!   total between 35 and 85 is lowered, by up to 6.25 points at 60 and by nothing at either end —
//!   graders take more off a paragraph with a visible fault than the sheet's item sum does;
//! - ranks from the total: essays A ≥ 70, B ≥ 55, C ≥ 40; modules A ≥ 75, B ≥ 55, C ≥ 35.
//!
//! Boundaries: no flags, no I/O, no printing here; [`render`] formats the result.
//!
//! The score is a heuristic estimate from the published criteria (the seed's self-scoring sheet),
//! not an IPA grade; every output format says so ([`NOTICE`]).

pub mod checks;
pub mod render;
pub mod rubric;

use crate::diagnostic::Diagnostic;
use crate::exam::Limits;
use crate::library::{Library, LibraryError};
use crate::lint::{self, Document, Kind, Settings, Vocabulary};
use crate::score::rubric::{CapRank, ItemDef, KindRubric, ScoreRubric};
use std::ops::Range;
use std::sync::Arc;

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
    pub points: f32,
    pub max: f32,
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
    pub points: f32,
    pub max: f32,
    pub items: Vec<ItemScore>,
}

/// Estimated rank.
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
    pub gain: f32,
    pub text: String,
    /// Where to make it.
    pub span: Option<Range<usize>>,
    /// The change also lifts a rank cap.
    pub lifts_cap: bool,
}

/// A rank cap that applies: which, up to what rank, why (with places) and how to lift it.
#[derive(Debug, Clone)]
pub struct Cap {
    pub id: String,
    pub rank: Rank,
    pub label: String,
    pub reasons: Vec<Evidence>,
    pub fix: String,
}

/// Whether a text meets `--min-score` (or the config's `min-score`), and why not.
#[derive(Debug, Clone)]
pub struct MinScore {
    pub threshold: u32,
    pub pass: bool,
    /// Why it fails (Japanese): the total below the threshold, or a D cap whatever the total.
    pub reason: Option<String>,
}

/// The score of one text.
#[derive(Debug, Clone)]
pub struct ScoreReport {
    pub path: String,
    pub source: String,
    pub kind: Kind,
    /// The total after caps, rounded to a whole point.
    pub total: u32,
    pub max: u32,
    /// The estimated rank (after caps).
    pub rank: Rank,
    /// The rank the total alone would give (differs from `rank` when capped).
    pub uncapped_rank: Rank,
    /// The total before caps.
    pub uncapped_total: u32,
    /// The sum of the sections' points (the sheet), before the top of the scale (`top:`) and caps.
    pub sheet_total: u32,
    /// The rubric's top of the scale, when the sheet total was above its `from`.
    pub top: Option<rubric::Top>,
    /// The rubric's middle of the scale, when it lowered the sheet total.
    pub middle: Option<rubric::Middle>,
    /// Rank A (essay) or a total at or above the module pass mark (A for modules too).
    pub pass: bool,
    /// The caps that apply (empty when none).
    pub caps: Vec<Cap>,
    /// Essays only: each part found, with its length.
    pub parts: Vec<PartLength>,
    pub sections: Vec<SectionScore>,
    pub top_fixes: Vec<Fix>,
    /// Set by the caller that applies a `--min-score` threshold.
    pub min_score: Option<MinScore>,
}

impl ScoreReport {
    pub fn capped(&self) -> bool {
        !self.caps.is_empty()
    }

    /// Apply a `--min-score` threshold: a D-capped text fails whatever its total.
    pub fn apply_min_score(&mut self, threshold: u32) {
        let d_cap = self.caps.iter().find(|c| c.rank == Rank::D);
        let reason = if let Some(c) = d_cap {
            Some(format!(
                "ランクの上限 D（{}）にかかっているため、点数にかかわらず --min-score {threshold} を満たしません",
                c.label
            ))
        } else if self.total < threshold {
            Some(format!(
                "推定 {}点が --min-score {threshold} に届きません",
                self.total
            ))
        } else {
            None
        };
        self.min_score = Some(MinScore {
            threshold,
            pass: reason.is_none(),
            reason,
        });
    }
}

/// Part lengths of an essay against its limits, in document order, counted by the shared counter
/// (the same numbers `itsm count` and the length rule E004 use, under the same counting mode).
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

/// The library a [`Scorer`] reads: borrowed for one command, or shared (`itsm serve` keeps a
/// scorer for as long as it runs).
enum LibraryRef<'a> {
    Borrowed(&'a Library),
    Shared(Arc<Library>),
}

impl std::ops::Deref for LibraryRef<'_> {
    type Target = Library;
    fn deref(&self) -> &Library {
        match self {
            LibraryRef::Borrowed(l) => l,
            LibraryRef::Shared(l) => l,
        }
    }
}

/// Scores texts against the library's rubric.
pub struct Scorer<'a> {
    lib: LibraryRef<'a>,
    rubric: ScoreRubric,
    vocab: Vocabulary,
}

impl Scorer<'static> {
    /// A scorer that owns a share of the library (see [`Scorer::new`]).
    pub fn shared(lib: Arc<Library>) -> Result<Self, LibraryError> {
        Scorer::with(LibraryRef::Shared(lib))
    }
}

impl<'a> Scorer<'a> {
    /// Fails when `rubrics/score.yaml` (or the overlay's) is invalid.
    pub fn new(lib: &'a Library) -> Result<Self, LibraryError> {
        Scorer::with(LibraryRef::Borrowed(lib))
    }

    fn with(lib: LibraryRef<'a>) -> Result<Self, LibraryError> {
        let codes: Vec<&str> = crate::lint::registry::RULES
            .iter()
            .map(|r| r.code)
            .collect();
        let (path, text) = &lib.score_file;
        let rubric =
            rubric::load(path, text, &codes).map_err(|reports| LibraryError { reports })?;
        let vocab = Vocabulary::from_library(&lib);
        Ok(Scorer { lib, rubric, vocab })
    }

    pub fn rubric(&self) -> &ScoreRubric {
        &self.rubric
    }

    /// The library the scorer belongs to.
    pub fn library(&self) -> &Library {
        &self.lib
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
    /// [`crate::config::resolve`]): the kind, rule severities and options, the vocabulary, the
    /// question and the part limits are the ones `itsm lint` uses for the same file, and the
    /// findings the score deducts for are exactly the ones `itsm lint` reports.
    pub fn score_with(
        &self,
        path: &str,
        text: &str,
        settings: &Settings,
        vocab: &Vocabulary,
    ) -> ScoreReport {
        self.score_judged(&lint::judge(path, text, vocab, settings))
    }

    /// Score a text already judged (parsed and linted once, see [`lint::judge`]): the findings
    /// the score deducts for are the judgement's own.
    pub fn score_judged(&self, judgement: &lint::Judgement<'_>) -> ScoreReport {
        score_judgement(judgement, &self.rubric)
    }
}

fn rank_of(total: f32, r: &rubric::Ranks) -> Rank {
    if total >= r.a as f32 {
        Rank::A
    } else if total >= r.b as f32 {
        Rank::B
    } else if total >= r.c as f32 {
        Rank::C
    } else {
        Rank::D
    }
}

/// The highest total a capped text can have: one point under the next rank up.
fn cap_total(rank: Rank, r: &rubric::Ranks) -> f32 {
    match rank {
        Rank::A => 100.0,
        Rank::B => r.a as f32 - 1.0,
        Rank::C => r.b as f32 - 1.0,
        Rank::D => r.c as f32 - 1.0,
    }
}

fn score_judgement(judgement: &lint::Judgement<'_>, rubric: &ScoreRubric) -> ScoreReport {
    let lint::Judgement {
        doc,
        settings,
        report,
    } = judgement;
    let (path, text) = (report.path.as_str(), doc.text);
    let findings = &report.diagnostics;
    let k: &KindRubric = match doc.kind {
        Kind::Essay => &rubric.essay,
        Kind::Module => &rubric.module,
    };
    let parts = match doc.kind {
        Kind::Essay => part_lengths(doc, &settings.limits),
        Kind::Module => Vec::new(),
    };
    let ctx = checks::Ctx::new(doc, findings, &parts);
    let sections: Vec<SectionScore> = k
        .sections
        .iter()
        .map(|s| {
            let mut items: Vec<ItemScore> = s.items.iter().map(|i| score_item(&ctx, i)).collect();
            // A section about one 設問 earns in proportion to how much of that part is written.
            if let Some(scope) = s.part
                && doc.kind == Kind::Essay
            {
                let fill = part_fill(&parts, scope, &settings.limits);
                if fill < 1.0 {
                    for i in &mut items {
                        let scaled = (i.points * fill * 2.0).round() / 2.0;
                        if scaled < i.points {
                            let note = format!(
                                "{}が想定の字数の{}%しか書かれていないため、この節の点を{}%にしています",
                                scope.name(),
                                (fill * 100.0).round(),
                                (fill * 100.0).round()
                            );
                            let m = i.missing.get_or_insert_with(|| Missing {
                                message: String::new(),
                                spans: Vec::new(),
                                fix: String::new(),
                                hint: None,
                            });
                            if m.message.is_empty() {
                                m.message = note;
                                m.fix = format!("{}を設問の字数の制限まで書く", scope.name());
                            } else {
                                m.message.push_str(&format!("。{note}"));
                            }
                            i.points = scaled;
                        }
                    }
                }
            }
            SectionScore {
                id: s.id.clone(),
                name: s.name.clone(),
                points: items.iter().map(|i| i.points).sum(),
                max: s.points,
                items,
            }
        })
        .collect();
    let raw: f32 = sections.iter().map(|s| s.points).sum();
    let max: f32 = sections.iter().map(|s| s.max).sum();
    let caps: Vec<Cap> = k
        .caps
        .iter()
        .filter_map(|c| {
            let v = c.when.run(&ctx);
            (v.share >= 1.0).then(|| Cap {
                id: c.id.clone(),
                rank: match c.rank {
                    CapRank::C => Rank::C,
                    CapRank::D => Rank::D,
                },
                label: c.label.clone(),
                reasons: v.evidence,
                fix: c.fix.clone(),
            })
        })
        .collect();
    // Graders keep their best texts under about 90: what itsm cannot see still costs points.
    // In the middle of the scale they take more off a text with a visible fault than the sheet does.
    let estimate = k.top.map_or(raw, |t| t.apply(raw, max));
    let estimate = k.middle.map_or(estimate, |m| m.apply(estimate));
    // The rank follows the total as shown (54.6 shows as 55, a B).
    let uncapped_rank = rank_of(estimate.round(), &k.ranks);
    let worst = caps.iter().map(|c| c.rank).max();
    // A capped text is placed inside the capped band in proportion to the rest of its sheet: a
    // fatal flaw in an otherwise good essay lands at the top of D, in a poor one near the bottom.
    let (total, rank) = match worst {
        Some(cr) => {
            let top = cap_total(cr, &k.ranks);
            (
                (raw * (top + 1.0) / max.max(1.0)).min(top),
                cr.max(uncapped_rank),
            )
        }
        None => (estimate, uncapped_rank),
    };
    let top_fixes = top_fixes(&sections, &caps);
    ScoreReport {
        path: path.to_owned(),
        source: text.to_owned(),
        kind: doc.kind,
        total: total.round() as u32,
        max: max.round() as u32,
        rank,
        uncapped_rank,
        uncapped_total: estimate.round() as u32,
        sheet_total: raw.round() as u32,
        top: k.top.filter(|t| raw > t.from),
        middle: k
            .middle
            .filter(|m| m.lowers(raw) && estimate.round() as u32 != raw.round() as u32),
        pass: rank == Rank::A,
        caps,
        parts,
        sections,
        top_fixes,
        min_score: None,
    }
}

fn score_item(ctx: &checks::Ctx<'_>, def: &ItemDef) -> ItemScore {
    let max = def.points;
    // The check's share of the points (all of them when the item only deducts).
    let verdict = def.check.as_ref().map(|c| c.run(ctx));
    let earned = verdict.as_ref().map_or(max, |v| {
        // Halves; a check that is not fully met never rounds up to the full points.
        let p = (max * v.share * 2.0).round() / 2.0;
        if v.share < 1.0 && p >= max {
            (max - 0.5).max(0.0)
        } else {
            p
        }
    });
    // Deductions per finding of the named rules, down to zero.
    let hits: Vec<(&Diagnostic, f32)> = match &def.deduct {
        Some(w) => ctx
            .findings
            .iter()
            .filter_map(|d| w.get(d.code).map(|x| (d, *x)))
            .collect(),
        None => Vec::new(),
    };
    let lost: f32 = hits.iter().map(|(_, w)| w).sum::<f32>().min(earned);
    let points = earned - lost;
    let mut evidence = verdict
        .as_ref()
        .map(|v| v.evidence.clone())
        .unwrap_or_default();
    if hits.is_empty()
        && let Some(w) = &def.deduct
        && verdict.is_none()
    {
        let codes: Vec<&str> = w.keys().map(String::as_str).collect();
        evidence.push(Evidence::note(format!("指摘なし（{}）", codes.join("・"))));
    }
    let mut messages = Vec::new();
    let mut spans = Vec::new();
    let mut hint = None;
    if let Some(v) = &verdict
        && earned < max
    {
        messages.push(
            v.missing
                .clone()
                .unwrap_or_else(|| "条件の一部だけを満たしています".into()),
        );
        spans.extend(v.places.iter().cloned());
    }
    if !hits.is_empty() {
        let mut codes: Vec<&str> = hits.iter().map(|(d, _)| d.code).collect();
        codes.sort_unstable();
        codes.dedup();
        let first = hits[0].0;
        messages.push(if hits.len() == 1 {
            format!("{}（{}）", first.message, first.code)
        } else {
            format!(
                "{}（{}）ほか、{}件の指摘（{}）",
                first.message,
                first.code,
                hits.len(),
                codes.join("・")
            )
        });
        spans.extend(hits.iter().map(|(d, w)| Evidence {
            span: d.span.clone(),
            text: format!("{}: −{} {}", d.code, fmt_points(*w), d.message),
        }));
        hint = first.help.clone();
    }
    let missing = (points < max).then(|| Missing {
        message: messages.join("。"),
        spans,
        fix: def.fix.clone(),
        hint,
    });
    ItemScore {
        id: def.id.clone(),
        label: def.label.clone(),
        points,
        max,
        evidence,
        missing,
        reference: def.reference.clone(),
    }
}

/// How far a part fills its expected length: characters / the part's minimum (ア, which has only
/// a maximum, is expected to use three quarters of it). A missing part fills nothing.
fn part_fill(parts: &[PartLength], scope: checks::Scope, limits: &Limits) -> f32 {
    let label = match scope {
        checks::Scope::A => 'ア',
        checks::Scope::I => 'イ',
        checks::Scope::U => 'ウ',
        checks::Scope::Example => return 1.0,
    };
    let Some(p) = parts.iter().find(|p| p.label == label) else {
        return 0.0;
    };
    let l = limits.get(label);
    let expected = l.min.or(l.max.map(|m| m * 3 / 4)).unwrap_or(0);
    if expected == 0 {
        1.0
    } else {
        (p.chars as f32 / expected as f32).min(1.0)
    }
}

/// 「4.5」「5」: points with at most one decimal.
pub fn fmt_points(p: f32) -> String {
    let r = (p * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// The three changes worth most points: largest loss first; when the rank is capped, the changes
/// that lift the caps come first whatever they are worth, since nothing else lifts them.
fn top_fixes(sections: &[SectionScore], caps: &[Cap]) -> Vec<Fix> {
    let mut all: Vec<Fix> = caps
        .iter()
        .map(|c| Fix {
            section: "ランクの上限".into(),
            item: c.id.clone(),
            label: c.label.clone(),
            gain: 0.0,
            text: c.fix.clone(),
            span: c.reasons.iter().find_map(|e| e.span.clone()),
            lifts_cap: true,
        })
        .collect();
    let mut items: Vec<(usize, Fix)> = Vec::new();
    for s in sections {
        for i in &s.items {
            let Some(m) = &i.missing else { continue };
            items.push((
                items.len(),
                Fix {
                    section: s.name.clone(),
                    item: i.id.clone(),
                    label: i.label.clone(),
                    gain: i.max - i.points,
                    text: m.advice().to_owned(),
                    span: m.spans.iter().find_map(|e| e.span.clone()),
                    lifts_cap: false,
                },
            ));
        }
    }
    items.sort_by(|a, b| b.1.gain.total_cmp(&a.1.gain).then(a.0.cmp(&b.0)));
    all.extend(items.into_iter().map(|(_, f)| f));
    all.truncate(3);
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_format() {
        assert_eq!(fmt_points(4.5), "4.5");
        assert_eq!(fmt_points(5.0), "5");
        assert_eq!(thousands(1600), "1,600");
    }
}
