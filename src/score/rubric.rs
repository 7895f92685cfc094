//! The scoring rubric file `rubrics/score.yaml`: its serde shape (`deny_unknown_fields`
//! everywhere, the checks typed by [`super::checks::Check`]) and the checks made after parsing
//! (known rule codes, exactly one of `check:`/`deduct:` per item, sections whose items add up to
//! the section's points, 100 in all). Errors point at the offending line.

use super::checks::Check;
use crate::diagnostic::FileReport;
use crate::library::error_report;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// The whole file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreRubric {
    pub essay: KindRubric,
    pub module: KindRubric,
}

/// The rubric for one kind of text.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindRubric {
    /// Lowest totals of ranks A, B and C (anything lower is D).
    pub ranks: Ranks,
    /// Faults a grader treats as fatal: each caps the rank (and the total at the rank's top).
    #[serde(default)]
    pub caps: Vec<CapDef>,
    /// The top of the scale: the sheet's points above `from` count for less, so that full marks
    /// are `to` (what graders give their best texts).
    #[serde(default)]
    pub top: Option<Top>,
    /// The middle of the scale: a sheet total between `from` and `to` is lowered, most halfway
    /// (graders take more off a text with a visible fault than the sheet's item sum does).
    #[serde(default)]
    pub middle: Option<Middle>,
    pub sections: Vec<SectionDef>,
}

/// The top of the scale (`top: {from: 85, to: 90}`): a sheet total above `from` is mapped
/// linearly onto `from..=to`, so 100 on the sheet is `to`. Below `from` nothing changes, so the
/// ranks (all below `from`) do not move.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Top {
    pub from: f32,
    pub to: f32,
}

impl Top {
    /// The estimate for a sheet total out of `max`.
    pub fn apply(&self, sheet: f32, max: f32) -> f32 {
        if sheet <= self.from || max <= self.from {
            sheet
        } else {
            self.from + (sheet - self.from) * (self.to - self.from) / (max - self.from)
        }
    }
}

/// The middle of the scale (`middle: {from: 35, to: 85, k: 0.25}`): a sheet total `t` strictly
/// between `from` and `to` is lowered by `k·(to − t)·(t − from) / ((to − from) / 2)` — nothing at
/// either end, `k·(to − from)/2` points halfway. With `k ≤ 0.5` the mapping keeps the order of
/// totals (its slope is at least `1 − 2k`), so a better sheet never gets a lower estimate.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Middle {
    pub from: f32,
    pub to: f32,
    pub k: f32,
}

impl Middle {
    /// Whether a sheet total is inside the band this mapping lowers.
    pub fn lowers(&self, sheet: f32) -> bool {
        sheet > self.from && sheet < self.to
    }

    /// The estimate for a sheet total.
    pub fn apply(&self, sheet: f32) -> f32 {
        if !self.lowers(sheet) {
            return sheet;
        }
        let half = (self.to - self.from) / 2.0;
        sheet - self.k * (self.to - sheet) * (sheet - self.from) / half
    }
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ranks {
    pub a: u32,
    pub b: u32,
    pub c: u32,
}

/// A rank cap: when `when` holds, the rank is at most `rank`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapDef {
    pub id: String,
    pub rank: CapRank,
    pub label: String,
    pub when: Check,
    /// What lifts the cap (Japanese).
    pub fix: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
pub enum CapRank {
    C,
    D,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionDef {
    pub id: String,
    pub name: String,
    pub points: f32,
    /// The 設問 part this section is about: its points are scaled by how far the part fills its
    /// expected length (what is not written earns nothing).
    #[serde(default)]
    pub part: Option<super::checks::Scope>,
    pub items: Vec<ItemDef>,
}

/// One scored item: a check that earns a share of `points`, deductions per lint finding (rule code
/// → points per finding) down to zero, or both (the share earned, less the deductions).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemDef {
    pub id: String,
    pub points: f32,
    pub label: String,
    #[serde(default)]
    pub check: Option<Check>,
    #[serde(default)]
    pub deduct: Option<BTreeMap<String, f32>>,
    /// The concrete change that earns the item (Japanese).
    pub fix: String,
    /// Where the criterion comes from (the self-scoring sheet, the graders' remarks).
    #[serde(default, rename = "ref")]
    pub reference: Option<String>,
}

impl KindRubric {
    pub fn items(&self) -> impl Iterator<Item = &ItemDef> {
        self.sections.iter().flat_map(|s| s.items.iter())
    }
}

/// Parse and check a rubric file. `codes` are the lint rule codes deductions may name.
pub fn load(path: &str, text: &str, codes: &[&str]) -> Result<ScoreRubric, Vec<FileReport>> {
    let rubric: ScoreRubric = crate::library::parse_yaml(path, text).map_err(|r| vec![r])?;
    let mut errors = Vec::new();
    // The line of the first occurrence of `needle` (an item's `id: …`), as the error's span.
    let span_of = |needle: &str| -> Option<std::ops::Range<usize>> {
        let i = text.find(needle)?;
        let start = text[..i].rfind('\n').map_or(0, |n| n + 1);
        let end = text[i..].find('\n').map_or(text.len(), |n| i + n);
        Some(start..end)
    };
    let mut err = |needle: &str, msg: String| {
        errors.push(error_report(path, text, span_of(needle), msg));
    };
    for (kind, k) in [("essay", &rubric.essay), ("module", &rubric.module)] {
        let mut ids = BTreeSet::new();
        let mut total = 0.0;
        if !(k.ranks.a > k.ranks.b && k.ranks.b > k.ranks.c) {
            err(
                "ranks:",
                format!("{kind}.ranks は a > b > c でなければなりません"),
            );
        }
        // The top of the scale must not move a rank: no rank floor between `from` and 100.
        if let Some(t) = &k.top
            && !(t.from < t.to
                && t.to <= 100.0
                && [k.ranks.a, k.ranks.b, k.ranks.c]
                    .iter()
                    .all(|&x| x as f32 <= t.from || x > 100))
        {
            err(
                "top:",
                format!(
                    "{kind}.top は from < to ≤ 100 で、ranks の下限（a・b・c）が from を超えて 100 以下にあってはなりません（ランクを動かさないため）"
                ),
            );
        }
        // The middle must keep the order of totals and stay under the top of the scale.
        if let Some(m) = &k.middle
            && !(m.from < m.to
                && m.k > 0.0
                && m.k <= 0.5
                && m.to <= k.top.map_or(100.0, |t| t.from))
        {
            err(
                "middle:",
                format!(
                    "{kind}.middle は from < to、0 < k ≤ 0.5 で、to は top の from（無ければ 100）以下でなければなりません（点数の順序を変えないため）"
                ),
            );
        }
        for c in &k.caps {
            if let Err(m) = c.when.validate(codes) {
                err(&format!("id: {}", c.id), format!("上限 `{}`: {m}", c.id));
            }
        }
        for s in &k.sections {
            let mut sum = 0.0;
            for i in &s.items {
                let at = format!("id: {}", i.id);
                if !ids.insert(i.id.clone()) {
                    err(&at, format!("項目 `{}` が2回あります", i.id));
                }
                if i.check.is_none() && i.deduct.is_none() {
                    err(
                        &at,
                        format!("項目 `{}` には check: か deduct: が必要です", i.id),
                    );
                }
                if let Some(c) = &i.check
                    && let Err(m) = c.validate(codes)
                {
                    err(&at, format!("項目 `{}`: {m}", i.id));
                }
                if let Some(d) = &i.deduct {
                    for code in d.keys() {
                        if !codes.contains(&code.as_str()) {
                            err(
                                &at,
                                format!(
                                    "項目 `{}` の deduct に未知の規則 `{code}` があります",
                                    i.id
                                ),
                            );
                        }
                    }
                }
                if i.points <= 0.0 {
                    err(&at, format!("項目 `{}` の points は正の数です", i.id));
                }
                sum += i.points;
            }
            if (sum - s.points).abs() > 1e-3 {
                err(
                    &format!("id: {}", s.id),
                    format!(
                        "節 `{}` の項目の points の合計が {sum} で、節の points（{}）と合いません",
                        s.id, s.points
                    ),
                );
            }
            total += s.points;
        }
        if (total - 100.0).abs() > 1e-3 {
            err(
                &format!("{kind}:"),
                format!("{kind} の節の points の合計が {total} です（100 にする）"),
            );
        }
    }
    if errors.is_empty() {
        Ok(rubric)
    } else {
        Err(errors)
    }
}
