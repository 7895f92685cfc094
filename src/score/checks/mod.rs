//! The score's checks: what an item of `rubrics/score.yaml` looks for when it is not simply a
//! deduction per lint finding. [`Check`] is the one list of them — a YAML `check: {figures: {…}}`
//! deserialises straight into its variant's typed parameters (`deny_unknown_fields`), so an unknown
//! check or a misplaced parameter is an error with its line, and there is nothing else to register.
//!
//! Each group of checks lives in its own file:
//! - [`structure`]: part lengths, module length, rank caps (parts, outline, です・ます, rule findings);
//! - [`figures`]: figures in a scope, before → after pairs (the number detector);
//! - [`decisions`]: the writer's own decisions (私) and the reasons given for them;
//! - [`wording`]: sentences with given words (problem, impact, cause, control), case specifics,
//!   the ITSM vocabulary.
//!
//! A check returns a [`Verdict`]: the share of the item's points earned (0.0–1.0), the evidence that
//! earned it, and — when short — what is missing and where to write it.

pub mod decisions;
pub mod figures;
pub mod structure;
pub mod wording;

use super::{Evidence, PartLength};
use crate::diagnostic::Diagnostic;
use crate::document::facts::Facts;
use crate::document::markers::Markers;
use crate::document::{Document, Kind, Sentence};
use serde::Deserialize;
use std::ops::Range;

/// Every check the rubric can use, with its parameters.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum Check {
    /// Each 設問 part present and within its limits (share: how far each part fills its minimum).
    PartLengths(structure::PartLengths),
    /// A module paragraph of at least `min` characters.
    ModuleLength(structure::ModuleLength),
    /// Cap condition: a part missing or outside its limits.
    PartsOutOfLimits(structure::PartsOutOfLimits),
    /// Cap condition: an outline rather than prose (placeholders, notes to self, fragments).
    Outline(structure::Outline),
    /// Cap condition: です・ます in at least `share` of the sentences.
    DesuMasu(structure::DesuMasu),
    /// Cap condition: any finding of the given rules.
    Findings(structure::Findings),
    /// Figures (quantities) in a scope.
    Figures(figures::FigureCount),
    /// Decisions whose subject is 私.
    Decisions(decisions::DecisionCount),
    /// Decisions with a stated reason nearby.
    Reasons(decisions::Reasons),
    /// Sentences in a scope with any of `keywords` (and, if given, any of `context`).
    Sentences(wording::SentenceMatch),
    /// Groups of case specifics (organisation, scale, constraints, dated events).
    CaseSpecifics(wording::CaseSpecifics),
    /// A 設問 part written well past its minimum (設問ウ near its minimum reads thin).
    PartFill(structure::PartFill),
    /// Module: 「工夫した点は」 right after the reason sentence.
    ReasonThenIngenuity(structure::ReasonThenIngenuity),
    /// Essay: results stated in 設問ウ, not first in 設問イ and repeated.
    ResultsInEvaluation(figures::ResultsInEvaluation),
}

impl Check {
    /// Parameters that cannot be checked by their type alone.
    pub fn validate(&self, codes: &[&str]) -> Result<(), String> {
        match self {
            Check::Findings(f) => f.validate(codes),
            Check::CaseSpecifics(c) => c.validate(),
            Check::Sentences(s) => s.validate(),
            Check::Figures(f) => f.validate(),
            Check::PartFill(p) => p.validate(),
            _ => Ok(()),
        }
    }

    pub fn run(&self, ctx: &Ctx<'_>) -> Verdict {
        match self {
            Check::PartLengths(c) => c.run(ctx),
            Check::ModuleLength(c) => c.run(ctx),
            Check::PartsOutOfLimits(c) => c.run(ctx),
            Check::Outline(c) => c.run(ctx),
            Check::DesuMasu(c) => c.run(ctx),
            Check::Findings(c) => c.run(ctx),
            Check::Figures(c) => c.run(ctx),
            Check::Decisions(c) => c.run(ctx),
            Check::Reasons(c) => c.run(ctx),
            Check::Sentences(c) => c.run(ctx),
            Check::CaseSpecifics(c) => c.run(ctx),
            Check::PartFill(c) => c.run(ctx),
            Check::ReasonThenIngenuity(c) => c.run(ctx),
            Check::ResultsInEvaluation(c) => c.run(ctx),
        }
    }
}

/// What a check found.
#[derive(Debug, Clone, Default)]
pub struct Verdict {
    /// Share of the item's points earned, 0.0–1.0 (for a cap condition: 1.0 = the cap applies).
    pub share: f32,
    pub evidence: Vec<Evidence>,
    /// What is missing (when `share < 1`).
    pub missing: Option<String>,
    /// Where it should go, or the defect's place.
    pub places: Vec<Evidence>,
}

impl Verdict {
    pub fn full(evidence: Vec<Evidence>) -> Self {
        Verdict {
            share: 1.0,
            evidence,
            ..Verdict::default()
        }
    }

    pub fn partial(
        share: f32,
        evidence: Vec<Evidence>,
        missing: impl Into<String>,
        places: Vec<Evidence>,
    ) -> Self {
        Verdict {
            share: share.clamp(0.0, 1.0),
            evidence,
            missing: Some(missing.into()),
            places,
        }
    }
}

/// A scope a check looks in: a 設問 part, the module example (from 「具体的には」), or everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Scope {
    #[serde(rename = "ア")]
    A,
    #[serde(rename = "イ")]
    I,
    #[serde(rename = "ウ")]
    U,
    #[serde(rename = "example")]
    Example,
}

impl Scope {
    pub fn name(self) -> &'static str {
        match self {
            Scope::A => "設問ア",
            Scope::I => "設問イ",
            Scope::U => "設問ウ",
            Scope::Example => "具体例（「具体的には」以降）",
        }
    }

    fn label(self) -> Option<char> {
        match self {
            Scope::A => Some('ア'),
            Scope::I => Some('イ'),
            Scope::U => Some('ウ'),
            Scope::Example => None,
        }
    }
}

/// What the checks read: the document, the lint findings under the same settings, the fact model,
/// the module markers and the part lengths.
pub struct Ctx<'a> {
    pub doc: &'a Document<'a>,
    pub findings: &'a [Diagnostic],
    pub parts: &'a [PartLength],
    pub facts: &'a Facts,
    pub markers: Markers,
}

impl<'a> Ctx<'a> {
    pub fn new(doc: &'a Document<'a>, findings: &'a [Diagnostic], parts: &'a [PartLength]) -> Self {
        Ctx {
            doc,
            findings,
            parts,
            facts: Facts::of(doc),
            markers: match doc.kind {
                Kind::Module => crate::document::markers::markers(doc),
                Kind::Essay => Markers::default(),
            },
        }
    }

    pub fn sentence(&self, s: &Sentence) -> &'a str {
        let doc: &'a Document<'a> = self.doc;
        &doc.text[s.range.clone()]
    }

    /// The byte range of a scope; `None` when it names a part the text does not have.
    pub fn range(&self, scope: Option<Scope>) -> Option<Range<usize>> {
        match scope {
            None => Some(0..self.doc.text.len()),
            // A module without 「具体的には」 has no example to look in.
            Some(Scope::Example) => self
                .markers
                .examples
                .first()
                .map(|r| r.start..self.doc.text.len()),
            Some(s) => self
                .doc
                .parts
                .iter()
                .find(|p| Some(p.label) == s.label())
                .map(|p| p.body.clone()),
        }
    }

    /// Sentences inside a scope.
    pub fn sentences_in(&self, scope: Option<Scope>) -> Vec<&'a Sentence> {
        let Some(r) = self.range(scope) else {
            return Vec::new();
        };
        let doc: &'a Document<'a> = self.doc;
        doc.sentences
            .iter()
            .filter(|s| s.range.start >= r.start && s.range.end <= r.end)
            .collect()
    }

    /// Where something missing from a scope should be written: its first sentence, or (for a
    /// module) the 「工夫した点は」 sentence.
    pub fn place(&self, scope: Option<Scope>, what: &str) -> Vec<Evidence> {
        if let Some(s) = self.sentences_in(scope).first() {
            return vec![Evidence::at(s.range.clone(), what.to_owned())];
        }
        if let Some(r) = &self.markers.ingenuity {
            return vec![Evidence::at(r.clone(), what.to_owned())];
        }
        Vec::new()
    }
}
