//! Structure checks: 設問 part lengths, the module's length, and the rank caps graders treat as
//! fatal (a part missing or outside its limits, an outline instead of prose, です・ます throughout,
//! findings of given rules such as a broken module format or an off-question essay).

use super::{Ctx, Verdict};
use crate::document::prose;
use crate::score::{Evidence, thousands};
use serde::Deserialize;

/// Each 設問 part present and within its limits. The share is the mean over ア・イ・ウ of how far
/// each part fills its minimum (a missing part is 0, a part over its maximum counts half).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartLengths {}

impl PartLengths {
    pub fn run(&self, ctx: &Ctx<'_>) -> Verdict {
        let mut total = 0.0;
        let mut evidence = Vec::new();
        let mut lacking = Vec::new();
        let mut places = Vec::new();
        for label in crate::exam::PART_LABELS {
            let Some(p) = ctx.parts.iter().find(|p| p.label == label) else {
                lacking.push(format!("設問{label}がありません"));
                continue;
            };
            let fill = match (p.min, p.max) {
                (_, Some(hi)) if p.chars > hi => 0.5,
                (Some(lo), _) if lo > 0 => (p.chars as f32 / lo as f32).min(1.0),
                _ if p.chars == 0 => 0.0,
                _ => 1.0,
            };
            total += fill;
            let text = format!("設問{label} {}字（{}）", thousands(p.chars), p.limit_text());
            if p.within() {
                evidence.push(Evidence::at(p.heading.clone(), text));
            } else {
                lacking.push(format!("{text}が制限の外です"));
                places.push(Evidence::at(p.heading.clone(), text));
            }
        }
        let share = total / 3.0;
        if lacking.is_empty() {
            Verdict::full(evidence)
        } else {
            Verdict::partial(share, evidence, lacking.join("。"), places)
        }
    }
}

/// A module paragraph of at least `min` characters. The share rises linearly from `from`
/// characters (default 0: nothing) to `min`: a fragment of a paragraph earns nothing.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleLength {
    pub min: usize,
    #[serde(default)]
    pub from: usize,
}

impl ModuleLength {
    pub fn run(&self, ctx: &Ctx<'_>) -> Verdict {
        let n = ctx.doc.prose_chars();
        if n >= self.min {
            return Verdict::full(vec![Evidence::note(format!("本文 {}字", thousands(n)))]);
        }
        let last = ctx.doc.sentences.last().map(|s| s.range.clone());
        let from = self.from.min(self.min.saturating_sub(1));
        Verdict::partial(
            n.saturating_sub(from) as f32 / (self.min - from).max(1) as f32,
            Vec::new(),
            format!(
                "本文が{}字しかありません（{}字以上。あと{}字）",
                thousands(n),
                thousands(self.min),
                thousands(self.min - n)
            ),
            last.map(|r| vec![Evidence::at(r, format!("ここまでで{}字", thousands(n)))])
                .unwrap_or_default(),
        )
    }
}

/// Cap condition: a 設問 part missing, far too short (below `short` × its minimum) or far too
/// long (above `long` × its maximum). A part a few characters outside its limits is the length
/// rule's error (E004) and costs points in 「設問への適合」, but graders do not fail an essay for it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartsOutOfLimits {
    pub short: f32,
    pub long: f32,
}

impl PartsOutOfLimits {
    pub fn run(&self, ctx: &Ctx<'_>) -> Verdict {
        let mut reasons = Vec::new();
        if ctx.doc.parts.is_empty() {
            reasons.push(Evidence::note(
                "設問ア・イ・ウの見出し（「## 設問ア」など）がありません",
            ));
        } else {
            for label in crate::exam::PART_LABELS {
                if !ctx.parts.iter().any(|p| p.label == label) {
                    reasons.push(Evidence::note(format!("設問{label}がありません")));
                }
            }
            for p in ctx.parts {
                let far_short = p
                    .min
                    .is_some_and(|m| (p.chars as f32) < self.short * m as f32);
                let far_long = p
                    .max
                    .is_some_and(|m| (p.chars as f32) > self.long * m as f32);
                if far_short || far_long {
                    reasons.push(Evidence::at(
                        p.heading.clone(),
                        format!(
                            "設問{}が{}字で、制限（{}）を大きく外れています",
                            p.label,
                            thousands(p.chars),
                            p.limit_text()
                        ),
                    ));
                }
            }
        }
        cap(reasons)
    }
}

fn cap(reasons: Vec<Evidence>) -> Verdict {
    Verdict {
        share: if reasons.is_empty() { 0.0 } else { 1.0 },
        evidence: reasons,
        ..Verdict::default()
    }
}

/// Cap condition: an outline rather than prose — two or more placeholders (〇〇, ××, XX), a note to
/// self (「※要調整※」「【メモ】」), or half or more of the prose lines headline fragments with no
/// sentence end (the detector is shared with the placeholder lint rule: `document::prose`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outline {}

impl Outline {
    pub fn run(&self, ctx: &Ctx<'_>) -> Verdict {
        let o = prose::outline(ctx.doc);
        if !o.is_outline() {
            return cap(Vec::new());
        }
        let t = ctx.doc.text;
        let mut reasons: Vec<Evidence> = Vec::new();
        for r in o.placeholders.iter().take(3) {
            reasons.push(Evidence::at(
                r.clone(),
                format!("伏字「{}」が残っています", &t[r.clone()]),
            ));
        }
        for r in o.notes.iter().take(3) {
            reasons.push(Evidence::at(
                r.clone(),
                format!("メモ「{}」が残っています", &t[r.clone()]),
            ));
        }
        if reasons.is_empty() {
            let first = o.fragments.first().cloned().unwrap_or(0..0);
            reasons.push(Evidence::at(
                first,
                format!(
                    "本文の{}行のうち{}行が、文になっていない見出し・箇条の断片です",
                    o.lines,
                    o.fragments.len()
                ),
            ));
        }
        cap(reasons)
    }
}

/// Cap condition: です・ます in at least `share` of the sentences (the whole text in the wrong style).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DesuMasu {
    pub share: f32,
}

impl DesuMasu {
    pub fn run(&self, ctx: &Ctx<'_>) -> Verdict {
        let n = ctx.doc.sentences.len();
        let polite: Vec<&crate::diagnostic::Diagnostic> =
            ctx.findings.iter().filter(|d| d.code == "S004").collect();
        if n == 0 || (polite.len() as f32) < self.share * n as f32 {
            return cap(Vec::new());
        }
        let first = polite.iter().find_map(|d| d.span.clone());
        cap(vec![match first {
            Some(r) => Evidence::at(
                r,
                format!("{}文のうち{}文がです・ます調です", n, polite.len()),
            ),
            None => Evidence::note(format!("{}文のうち{}文がです・ます調です", n, polite.len())),
        }])
    }
}

/// Cap condition: any finding of the given lint rules (under the file's settings: a rule turned
/// off in itsm.yaml caps nothing).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Findings {
    pub rules: Vec<String>,
}

impl Findings {
    pub fn validate(&self, codes: &[&str]) -> Result<(), String> {
        match self.rules.iter().find(|r| !codes.contains(&r.as_str())) {
            Some(r) => Err(format!("未知の規則 `{r}` です")),
            None if self.rules.is_empty() => Err("rules が空です".into()),
            None => Ok(()),
        }
    }

    pub fn run(&self, ctx: &Ctx<'_>) -> Verdict {
        let reasons: Vec<Evidence> = ctx
            .findings
            .iter()
            .filter(|d| self.rules.iter().any(|r| r == d.code))
            .take(3)
            .map(|d| match &d.span {
                Some(r) => Evidence::at(r.clone(), format!("{}: {}", d.code, d.message)),
                None => Evidence::note(format!("{}: {}", d.code, d.message)),
            })
            .collect();
        cap(reasons)
    }
}

/// How far a 設問 part goes beyond its minimum: graders read a 設問ウ written just past its
/// minimum as thin (an evaluation without substance). The share rises from 0 at the minimum to 1
/// at the minimum plus `full` × (maximum − minimum); a missing part earns nothing, a part without
/// limits earns all of it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartFill {
    pub part: super::Scope,
    /// Share of the span between minimum and maximum that earns the whole item (0 < full ≤ 1).
    pub full: f32,
}

impl PartFill {
    pub fn validate(&self) -> Result<(), String> {
        if !(self.full > 0.0 && self.full <= 1.0) {
            return Err("full は0より大きく1以下です".into());
        }
        if matches!(self.part, super::Scope::Example) {
            return Err("part は ア・イ・ウ のどれかです".into());
        }
        Ok(())
    }

    pub fn run(&self, ctx: &Ctx<'_>) -> Verdict {
        let name = self.part.name();
        let Some(p) = ctx
            .parts
            .iter()
            .find(|p| Some(p.label) == self.part.label())
        else {
            return Verdict::partial(0.0, Vec::new(), format!("{name}がありません"), Vec::new());
        };
        let (Some(lo), Some(hi)) = (p.min, p.max) else {
            return Verdict::full(vec![Evidence::at(
                p.heading.clone(),
                format!("{name} {}字", thousands(p.chars)),
            )]);
        };
        let target = lo as f32 + self.full * hi.saturating_sub(lo) as f32;
        let text = format!("{name} {}字", thousands(p.chars));
        if p.chars as f32 >= target {
            return Verdict::full(vec![Evidence::at(p.heading.clone(), text)]);
        }
        let share = (p.chars as f32 - lo as f32) / (target - lo as f32);
        Verdict::partial(
            share.max(0.0),
            vec![Evidence::at(p.heading.clone(), text.clone())],
            format!(
                "{text}は最低字数（{}字）に近く、評価の中身が薄く読まれます（約{}字以上）",
                thousands(lo),
                thousands(target.ceil() as usize)
            ),
            vec![Evidence::at(p.heading.clone(), text)],
        )
    }
}

/// The module's fixed order keeps 「なぜならば…考えたからである。」 and 「工夫した点は」 next to
/// each other (or, without 工夫, the reason and 「具体的には」) with no decision sentence between. The
/// detector is `lint::reason_gap_decisions`, shared with lint rule F014 (`reason-then-ingenuity`).
/// Share: 1 with no decision between, ½ with one, 0 with more.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReasonThenIngenuity {}

impl ReasonThenIngenuity {
    pub fn run(&self, ctx: &Ctx<'_>) -> Verdict {
        use crate::lint::ReasonGapDecisions;
        // The same detector as lint rule F014: the score's share is that rule's finding weighed.
        match crate::lint::reason_gap_decisions(ctx.doc) {
            // A missing reason or 工夫, or 工夫 first, is the format rules' finding
            // (F004/F007/F008/F009): half, so that it is neither rewarded nor counted twice.
            ReasonGapDecisions::NotApplicable => Verdict::partial(
                0.5,
                vec![Evidence::note(
                    "理由の文か工夫の文が無いか順序が違う（F004・F007・F009で減点）",
                )],
                "理由の文（なぜならば〜）の後に「工夫した点は」の文がありません",
                ctx.place(None, "理由の文のすぐ後に「工夫した点は、〜。」を置く"),
            ),
            ReasonGapDecisions::Between { decisions, next } if decisions.is_empty() => {
                Verdict::full(vec![Evidence::at(
                    next,
                    "理由の文の後に判断を挟まず「工夫した点は」",
                )])
            }
            ReasonGapDecisions::Between { decisions, .. } => {
                let share = if decisions.len() == 1 { 0.5 } else { 0.0 };
                Verdict::partial(
                    share,
                    Vec::new(),
                    format!(
                        "理由の文と「工夫した点は」の間に判断の文が{}文挟まり、固定フォーマットの順序が崩れています（F014）",
                        decisions.len()
                    ),
                    decisions
                        .into_iter()
                        .map(|r| Evidence::at(r, "この文を「具体的には、」の後に移す"))
                        .collect(),
                )
            }
        }
    }
}
