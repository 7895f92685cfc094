//! Word-based checks: sentences that carry given words (a problem with its impact or cause, the
//! manager's control), and the groups of case specifics (organisation, scale, constraints, dated
//! events) that make an essay read as real experience.

use super::{Ctx, Scope, Verdict};
use crate::score::Evidence;
use regex::Regex;
use serde::Deserialize;

/// At least `min` sentences in `part` with one of `keywords` and — when `context` is given — one
/// of `context` in the same sentence or the `window` sentences after it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SentenceMatch {
    #[serde(default)]
    pub part: Option<Scope>,
    pub keywords: Vec<String>,
    #[serde(default)]
    pub context: Vec<String>,
    #[serde(default)]
    pub window: usize,
    #[serde(default = "one")]
    pub min: usize,
    /// What the missing sentence is about (Japanese, for the message).
    pub what: String,
}

fn one() -> usize {
    1
}

impl SentenceMatch {
    pub fn validate(&self) -> Result<(), String> {
        if self.keywords.is_empty() {
            Err("keywords が空です".into())
        } else {
            Ok(())
        }
    }

    pub fn run(&self, ctx: &Ctx<'_>) -> Verdict {
        let ss = ctx.sentences_in(self.part);
        let has = |t: &str, words: &[String]| words.iter().any(|w| t.contains(w.as_str()));
        let mut hits = Vec::new();
        for (i, s) in ss.iter().enumerate() {
            let t = ctx.sentence(s);
            if !has(t, &self.keywords) {
                continue;
            }
            let ok = self.context.is_empty()
                || (i..=(i + self.window).min(ss.len().saturating_sub(1)))
                    .any(|j| has(ctx.sentence(ss[j]), &self.context));
            if ok {
                hits.push(Evidence::at(s.range.clone(), t));
            }
        }
        let min = self.min.max(1);
        if hits.len() >= min {
            hits.truncate(3);
            return Verdict::full(hits);
        }
        let scope = self.part.map_or("本文", |p| p.name());
        Verdict::partial(
            hits.len() as f32 / min as f32,
            hits,
            format!("{scope}に{}がありません", self.what),
            ctx.place(self.part, "このあたりに書く"),
        )
    }
}

/// Groups of case specifics; the share is the groups found / all groups.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseSpecifics {
    pub groups: Vec<Group>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub name: String,
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub patterns: Vec<String>,
}

impl CaseSpecifics {
    pub fn validate(&self) -> Result<(), String> {
        for g in &self.groups {
            if g.keywords.is_empty() && g.patterns.is_empty() {
                return Err(format!(
                    "グループ「{}」に keywords も patterns もありません",
                    g.name
                ));
            }
            for p in &g.patterns {
                Regex::new(p).map_err(|e| {
                    format!("グループ「{}」の正規表現 `{p}` が不正です: {e}", g.name)
                })?;
            }
        }
        Ok(())
    }

    pub fn run(&self, ctx: &Ctx<'_>) -> Verdict {
        let mut evidence = Vec::new();
        let mut lacking = Vec::new();
        let prose: Vec<(std::ops::Range<usize>, &str)> = ctx.doc.prose().collect();
        for g in &self.groups {
            let compiled: Vec<Regex> = g
                .patterns
                .iter()
                .filter_map(|p| Regex::new(p).ok())
                .collect();
            let hit = prose.iter().find_map(|(r, t)| {
                if let Some((i, w)) = g
                    .keywords
                    .iter()
                    .filter_map(|k| t.find(k.as_str()).map(|i| (i, k.as_str())))
                    .min()
                {
                    return Some((r.start + i..r.start + i + w.len(), w.to_owned()));
                }
                compiled.iter().find_map(|re| re.find(t)).map(|m| {
                    (
                        r.start + m.start()..r.start + m.end(),
                        m.as_str().to_owned(),
                    )
                })
            });
            match hit {
                Some((r, w)) => evidence.push(Evidence::at(r, format!("{}: 「{w}」", g.name))),
                None => lacking.push(g.name.clone()),
            }
        }
        if lacking.is_empty() {
            return Verdict::full(evidence);
        }
        let n = self.groups.len().max(1);
        Verdict::partial(
            evidence.len() as f32 / n as f32,
            evidence,
            format!(
                "事例の具体的な要素のうち、{}が本文にありません",
                lacking.join("・")
            ),
            ctx.place(Some(Scope::A), "設問アのこのあたりに書く"),
        )
    }
}
