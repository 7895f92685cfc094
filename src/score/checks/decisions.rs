//! The writer's own decisions: sentences whose subject is 私 with a decision verb (the test of
//! rule C001, `lint::decision_sentences`), and whether a reason is given next to them.

use super::{Ctx, Scope, Verdict};
use crate::score::Evidence;
use serde::Deserialize;

/// Indices (into `doc.sentences`) of the decisions by 私: the sentences rule C001 reads as a
/// decision (one judgement for lint and score, see `lint::decision_sentences`).
pub fn decisions<'d>(ctx: &Ctx<'d>) -> &'d [usize] {
    crate::lint::decision_sentences(ctx.doc)
}

fn where_to_decide(ctx: &Ctx<'_>) -> Vec<Evidence> {
    match ctx.doc.kind {
        crate::document::Kind::Essay => ctx.place(
            Some(Scope::I),
            "設問イのこのあたりに「私は、〜と判断した」を書く",
        ),
        crate::document::Kind::Module => ctx
            .markers
            .ingenuity
            .clone()
            .map(|r| {
                vec![Evidence::at(
                    r,
                    "この文の前に「私は、〜と判断した。」を置く",
                )]
            })
            .unwrap_or_default(),
    }
}

/// At least `min` decisions by 私 (share: found / min).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionCount {
    pub min: usize,
}

impl DecisionCount {
    pub fn run(&self, ctx: &Ctx<'_>) -> Verdict {
        let found = decisions(ctx);
        let evidence: Vec<Evidence> = found
            .iter()
            .take(3)
            .map(|&i| {
                let s = &ctx.doc.sentences[i];
                Evidence::at(s.range.clone(), ctx.sentence(s))
            })
            .collect();
        if found.len() >= self.min.max(1) {
            return Verdict::full(evidence);
        }
        let missing = if found.is_empty() {
            "「私は〜と判断した」のような、私を主語にした判断・決定・合意の文がありません"
                .to_owned()
        } else {
            format!(
                "私を主語にした判断の文が{}つしかありません（{}つ以上）",
                found.len(),
                self.min
            )
        };
        Verdict::partial(
            found.len() as f32 / self.min.max(1) as f32,
            evidence,
            missing,
            where_to_decide(ctx),
        )
    }
}

/// Decisions with a reason in their own paragraph (`window` sentences before, the decision, the
/// sentence after): the share of the first `min` decisions that have one.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reasons {
    pub min: usize,
    pub window: usize,
    pub keywords: Vec<String>,
}

impl Reasons {
    pub fn run(&self, ctx: &Ctx<'_>) -> Verdict {
        let found = decisions(ctx);
        if found.is_empty() {
            return Verdict::partial(
                0.0,
                Vec::new(),
                "私を主語にした判断の文がないため、判断の理由も読み取れません",
                where_to_decide(ctx),
            );
        }
        let ss = &ctx.doc.sentences;
        let reasoned: Vec<(usize, usize)> = found
            .iter()
            .filter_map(|&i| {
                let lo = i.saturating_sub(self.window);
                let hi = (i + 1).min(ss.len() - 1);
                let para = ss[i].paragraph;
                std::iter::once(i)
                    .chain(lo..=hi)
                    .filter(|&j| ss[j].paragraph == para)
                    .find(|&j| {
                        let t = ctx.sentence(&ss[j]);
                        self.keywords.iter().any(|k| t.contains(k.as_str()))
                    })
                    .map(|j| (i, j))
            })
            .collect();
        let evidence: Vec<Evidence> = reasoned
            .iter()
            .take(2)
            .map(|&(_, j)| Evidence::at(ss[j].range.clone(), ctx.sentence(&ss[j])))
            .collect();
        let n = reasoned.len().min(self.min.max(1));
        if n >= self.min.max(1) {
            return Verdict::full(evidence);
        }
        let first_bare = found
            .iter()
            .find(|i| !reasoned.iter().any(|(d, _)| d == *i))
            .map(|&i| Evidence::at(ss[i].range.clone(), "この判断の前後に理由を書く"));
        Verdict::partial(
            n as f32 / self.min.max(1) as f32,
            evidence,
            format!(
                "理由（選ばなかった案・比べた根拠・許容したリスク）を添えた判断が{}つです（{}つ以上）",
                n, self.min
            ),
            first_bare.into_iter().collect(),
        )
    }
}
