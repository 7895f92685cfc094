//! Figure checks on the fact model: how many quantities a scope states, and whether it shows a
//! before → after change (the number detector of `document::figures` decides what a figure is).

use super::{Ctx, Scope, Verdict};
use crate::document::facts::Role;
use crate::score::Evidence;
use serde::Deserialize;

/// At least `min` quantities in `part` (the whole text when absent); with `before-after`, half the
/// points need a before → after pair (「48分から21分に短縮」).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct FigureCount {
    #[serde(default)]
    pub part: Option<Scope>,
    pub min: usize,
    #[serde(default)]
    pub before_after: bool,
    /// With `before-after`: when the scope has no before → after pair, only the figures of its
    /// last `tail` sentences (where the result is told) count — a measured result against a target
    /// (「実測したところ9時間で完了し」) earns its half, a breakdown earlier in the example does not.
    #[serde(default)]
    pub tail: Option<usize>,
}

impl FigureCount {
    pub fn validate(&self) -> Result<(), String> {
        if self.min == 0 {
            Err("min は1以上です".into())
        } else if self.tail == Some(0) {
            Err("tail は1以上です".into())
        } else {
            Ok(())
        }
    }

    pub fn run(&self, ctx: &Ctx<'_>) -> Verdict {
        let Some(range) = ctx.range(self.part) else {
            return Verdict::partial(
                0.0,
                Vec::new(),
                format!("{}がありません", self.part.map_or("本文", |p| p.name())),
                Vec::new(),
            );
        };
        let t = ctx.doc.text;
        let quantities: Vec<&crate::document::facts::Fact> = ctx
            .facts
            .facts
            .iter()
            .filter(|f| {
                f.figure.is_quantity()
                    && !f.marker
                    && range.start <= f.figure.span.start
                    && f.figure.span.end <= range.end
            })
            .collect();
        let evidence: Vec<Evidence> = quantities
            .iter()
            .take(3)
            .map(|f| Evidence::at(f.figure.span.clone(), &t[f.figure.span.clone()]))
            .collect();
        let scope = self.part.map_or("本文", |p| p.name());
        let count_share = (quantities.len() as f32 / self.min as f32).min(1.0);
        if !self.before_after {
            if quantities.len() >= self.min {
                return Verdict::full(evidence);
            }
            return Verdict::partial(
                count_share,
                evidence,
                format!(
                    "{scope}の定量情報（数値＋単位）が{}か所しかありません（{}か所以上）",
                    quantities.len(),
                    self.min
                ),
                ctx.place(self.part, "このあたりに規模・時間・件数を数値で書く"),
            );
        }
        let pair = ctx.facts.changes.iter().find(|(a, b, _, _)| {
            let (fa, fb) = (&ctx.facts.facts[*a], &ctx.facts.facts[*b]);
            range.start <= fa.figure.span.start
                && fb.figure.span.end <= range.end
                && fb.role == Role::After
        });
        let mut evidence = evidence;
        if let Some((a, b, _, _)) = pair {
            let r = ctx.facts.facts[*a].figure.span.start..ctx.facts.facts[*b].figure.span.end;
            evidence.insert(0, Evidence::at(r.clone(), &t[r]));
        }
        let count_share = match (pair, self.tail) {
            (None, Some(n)) => {
                let tail = ctx.sentences_in(self.part);
                let from = tail
                    .len()
                    .checked_sub(n)
                    .and_then(|k| tail.get(k))
                    .map_or(range.start, |s| s.range.start);
                let k = quantities
                    .iter()
                    .filter(|f| f.figure.span.start >= from)
                    .count();
                (k as f32 / self.min as f32).min(1.0)
            }
            _ => count_share,
        };
        let share = count_share * 0.5 + if pair.is_some() { 0.5 } else { 0.0 };
        if share >= 1.0 {
            return Verdict::full(evidence);
        }
        let missing = match (quantities.len() >= self.min, pair.is_some()) {
            (true, false) => format!("{scope}に導入前→導入後の数値の変化がありません"),
            (false, true) => format!(
                "{scope}の定量情報が{}か所しかありません（{}か所以上）",
                quantities.len(),
                self.min
            ),
            _ => format!(
                "{scope}に数値による評価（導入前→導入後の変化）がありません（定量情報{}か所）",
                quantities.len()
            ),
        };
        Verdict::partial(
            share,
            evidence,
            missing,
            ctx.place(self.part, "このあたりに導入前→導入後の数値を書く"),
        )
    }
}

/// 設問イ describes the decisions and the measures, 設問ウ their results: a before → after result
/// already stated in 設問イ and then repeated in 設問ウ mixes the two parts' roles (graders: 「結果を
/// イで先に書き、ウで同じ数値を繰り返している」). A result stated only in イ is not this check's
/// concern (the evaluation checks look at ウ). Share: 1 with no such result, 0 otherwise.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultsInEvaluation {
    /// Also a sentence of one part copied nearly word for word into another
    /// ([`crate::document::prose::repeated_sentences`]): one costs half the points, two or more all.
    #[serde(default)]
    pub repeats: bool,
}

impl ResultsInEvaluation {
    pub fn run(&self, ctx: &Ctx<'_>) -> Verdict {
        let (Some(_), Some(u)) = (ctx.range(Some(Scope::I)), ctx.range(Some(Scope::U))) else {
            return Verdict::full(vec![Evidence::note(
                "設問イ・ウの片方が無い（設問の欠落で減点済み）",
            )]);
        };
        let facts = &ctx.facts.facts;
        let same = |a: &crate::document::facts::Fact, b: &crate::document::facts::Fact| {
            a.figure.unit == b.figure.unit
                && a.figure.unit_text == b.figure.unit_text
                && (a.figure.value - b.figure.value).abs() < 1e-9
        };
        let repeated: Vec<_> = ctx
            .facts
            .changes
            .iter()
            .filter(|(a, b, _, _)| {
                let (fa, fb) = (&facts[*a], &facts[*b]);
                fa.part == Some('イ')
                    && fb.part == Some('イ')
                    && fb.role == Role::After
                    && fb.figure.is_quantity()
                    && facts.iter().any(|f| {
                        u.start <= f.figure.span.start && f.figure.span.end <= u.end && same(f, fb)
                    })
            })
            .collect();
        let t = ctx.doc.text;
        let copies = if self.repeats {
            crate::document::prose::repeated_sentences(ctx.doc)
        } else {
            Vec::new()
        };
        if repeated.is_empty() && copies.is_empty() {
            return Verdict::full(vec![Evidence::note(
                "設問イで導入前→導入後の結果を先に書いて設問ウで繰り返していない",
            )]);
        }
        let mut places: Vec<Evidence> = repeated
            .iter()
            .map(|(a, b, _, _)| {
                let r = facts[*a].figure.span.start..facts[*b].figure.span.end;
                Evidence::at(r.clone(), format!("「{}」は設問ウで述べる", &t[r]))
            })
            .collect();
        let quote = |r: &std::ops::Range<usize>| -> String {
            let s: String = t[r.clone()].chars().take(20).collect();
            format!("{s}…")
        };
        places.extend(copies.iter().map(|c| {
            Evidence::at(
                c.again.clone(),
                format!("設問{}の「{}」とほぼ同じ文", c.first_part, quote(&c.first)),
            )
        }));
        let share = if !repeated.is_empty() || copies.len() >= 2 {
            0.0
        } else {
            0.5
        };
        let mut what = Vec::new();
        if !repeated.is_empty() {
            what.push("設問イで実施の結果（導入前→導入後の数値）を先に書き、設問ウで同じ数値を繰り返しています");
        }
        if !copies.is_empty() {
            what.push("ある設問の文を、別の設問でほぼそのまま繰り返しています");
        }
        Verdict::partial(share, Vec::new(), what.join("。"), places)
    }
}
