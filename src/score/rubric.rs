//! The scoring rubric file `rubrics/score.yaml`: its serde shape (`deny_unknown_fields`
//! everywhere) and the checks made after parsing (known detectors, the parameters each one
//! takes, sections that exist, points that add up to 100). Errors point at the offending line.
//!
//! The rubric is data that the library carries as text ([`crate::library::Library::score_file`]);
//! how each detector reads a text is [`crate::score`].

use crate::diagnostic::FileReport;
use crate::library::{error_report, parse_yaml};
use regex::Regex;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// The whole file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreRubric {
    pub essay: EssayRubric,
    pub module: ModuleRubric,
}

/// The essay rubric: 100 points and an estimated rank. The 設問 length limits behind the D cap
/// are the exam's ([`crate::exam::Limits`]), not the rubric's.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EssayRubric {
    pub ranks: Ranks,
    pub sections: Vec<SectionDef>,
    pub items: Vec<ItemDef>,
}

/// The module rubric: 100 points and the pass mark.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleRubric {
    pub pass: u32,
    pub sections: Vec<SectionDef>,
    pub items: Vec<ItemDef>,
}

/// Lowest totals of ranks A, B and C (anything lower is D).
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ranks {
    pub a: u32,
    pub b: u32,
    pub c: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionDef {
    pub id: String,
    pub name: String,
}

/// One scored item.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemDef {
    pub id: String,
    pub section: String,
    pub points: u32,
    pub label: String,
    pub detector: String,
    #[serde(default)]
    pub params: Params,
    /// The concrete change that earns the item (Japanese).
    pub fix: String,
    /// Where the item comes from (seed line, seed-rules id).
    #[serde(default, rename = "ref")]
    pub reference: Option<String>,
}

/// Detector parameters. Which ones a detector takes is in [`DETECTORS`]; giving one it does not
/// take is an error, so a misplaced key never goes unnoticed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// Restrict to a 設問 part (ア, イ, ウ) or, for modules, `example` (from 「具体的には」 on).
    #[serde(default)]
    pub part: Option<String>,
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Words that must appear in the same sentence as one of `keywords`.
    #[serde(default)]
    pub context: Vec<String>,
    #[serde(default)]
    pub min: Option<usize>,
    /// Lint rule codes.
    #[serde(default)]
    pub rules: Vec<String>,
    /// Points lost per finding, by rule code (and `keywords`); default: the whole item.
    #[serde(default)]
    pub weights: BTreeMap<String, u32>,
    /// A module-format marker: name, feature, method, reason, ingenuity, example, order.
    #[serde(default)]
    pub marker: Option<String>,
    #[serde(default)]
    pub before_after: Option<bool>,
    /// Sentences around a match searched for the context (a decision's reason, a problem's cause).
    #[serde(default)]
    pub window: Option<usize>,
    /// Explicit reason phrases, at least one of which must appear somewhere.
    #[serde(default)]
    pub explicit: Vec<String>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    /// Part label → words expected in it.
    #[serde(default)]
    pub parts: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub last_paragraph: Option<bool>,
    #[serde(default)]
    pub stages: Vec<Group>,
    #[serde(default)]
    pub groups: Vec<Group>,
}

/// A named set of words and regular expressions.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub name: String,
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub patterns: Vec<String>,
    /// `patterns`, compiled when the file is validated.
    #[serde(skip)]
    pub compiled: Vec<Regex>,
}

/// A detector: its id, the parameters it takes, and those it requires.
pub struct DetectorSpec {
    pub id: &'static str,
    pub takes: &'static [&'static str],
    pub requires: &'static [&'static str],
    /// Usable in the essay rubric, the module rubric.
    pub essay: bool,
    pub module: bool,
}

/// Every detector `itsm score` implements.
pub const DETECTORS: &[DetectorSpec] = &[
    DetectorSpec {
        id: "theme-keywords",
        takes: &["min"],
        requires: &[],
        essay: true,
        module: false,
    },
    DetectorSpec {
        id: "sentence-match",
        takes: &["part", "keywords", "context", "min", "window"],
        requires: &["keywords"],
        essay: true,
        module: true,
    },
    DetectorSpec {
        id: "no-findings",
        takes: &["rules", "weights", "keywords", "part"],
        requires: &["rules"],
        essay: true,
        module: true,
    },
    DetectorSpec {
        id: "part-structure",
        takes: &[],
        requires: &[],
        essay: true,
        module: false,
    },
    DetectorSpec {
        id: "part-roles",
        takes: &["parts", "last_paragraph"],
        requires: &["parts"],
        essay: true,
        module: false,
    },
    DetectorSpec {
        id: "decision",
        takes: &["min"],
        requires: &[],
        essay: true,
        module: true,
    },
    DetectorSpec {
        id: "decision-reason",
        takes: &["keywords", "window", "explicit"],
        requires: &["keywords"],
        essay: true,
        module: true,
    },
    DetectorSpec {
        id: "term-link",
        takes: &["from", "to", "keywords", "min"],
        requires: &["from", "to", "keywords"],
        essay: true,
        module: false,
    },
    DetectorSpec {
        id: "figures",
        takes: &["part", "min", "before_after"],
        requires: &[],
        essay: true,
        module: true,
    },
    DetectorSpec {
        id: "result-metric",
        takes: &["part", "keywords"],
        requires: &["keywords"],
        essay: true,
        module: true,
    },
    DetectorSpec {
        id: "flow-order",
        takes: &["stages"],
        requires: &["stages"],
        essay: true,
        module: false,
    },
    DetectorSpec {
        id: "itsm-terms",
        takes: &["keywords", "min"],
        requires: &[],
        essay: true,
        module: true,
    },
    DetectorSpec {
        id: "case-specifics",
        takes: &["groups"],
        requires: &["groups"],
        essay: true,
        module: true,
    },
    DetectorSpec {
        id: "format-marker",
        takes: &["marker", "rules"],
        requires: &["marker", "rules"],
        essay: false,
        module: true,
    },
    DetectorSpec {
        id: "length",
        takes: &["min"],
        requires: &["min"],
        essay: false,
        module: true,
    },
];

/// Module-format markers `format-marker` understands.
pub const MARKERS: &[&str] = &[
    "name",
    "feature",
    "method",
    "reason",
    "ingenuity",
    "example",
    "order",
];

const PART_LABELS: &[&str] = &["ア", "イ", "ウ"];

impl Params {
    /// Names of the parameters that are set.
    fn given(&self) -> Vec<&'static str> {
        let mut v = Vec::new();
        let mut flag = |set: bool, name: &'static str| {
            if set {
                v.push(name);
            }
        };
        flag(self.part.is_some(), "part");
        flag(!self.keywords.is_empty(), "keywords");
        flag(!self.context.is_empty(), "context");
        flag(self.min.is_some(), "min");
        flag(!self.rules.is_empty(), "rules");
        flag(!self.weights.is_empty(), "weights");
        flag(self.marker.is_some(), "marker");
        flag(self.before_after.is_some(), "before_after");
        flag(self.window.is_some(), "window");
        flag(!self.explicit.is_empty(), "explicit");
        flag(self.from.is_some(), "from");
        flag(self.to.is_some(), "to");
        flag(!self.parts.is_empty(), "parts");
        flag(self.last_paragraph.is_some(), "last_paragraph");
        flag(!self.stages.is_empty(), "stages");
        flag(!self.groups.is_empty(), "groups");
        v
    }
}

/// Parse and validate `rubrics/score.yaml`.
pub fn load(path: &str, text: &str, rule_codes: &[&str]) -> Result<ScoreRubric, Vec<FileReport>> {
    let mut rubric: ScoreRubric = parse_yaml(path, text).map_err(|r| vec![r])?;
    let mut errors = Vec::new();
    let err = |errors: &mut Vec<FileReport>, at: Option<std::ops::Range<usize>>, msg: String| {
        errors.push(error_report(path, text, at, msg));
    };
    let essay_at = locate(text, &["essay:"]);
    let module_at = locate(text, &["module:"]);
    let r = rubric.essay.ranks;
    if !(r.a > r.b && r.b > r.c && r.a <= 100) {
        err(
            &mut errors,
            locate(text, &["essay:", "ranks:"]),
            format!(
                "ranks は 100 ≥ a > b > c の順でなければなりません（a: {}, b: {}, c: {}）",
                r.a, r.b, r.c
            ),
        );
    }
    if rubric.module.pass > 100 {
        err(
            &mut errors,
            locate(text, &["module:", "pass:"]),
            format!(
                "pass は 0〜100 の点数です（{} が書かれています）",
                rubric.module.pass
            ),
        );
    }
    for (kind, top, sections, items, at) in [
        (
            "essay",
            "essay:",
            &rubric.essay.sections,
            &mut rubric.essay.items,
            essay_at,
        ),
        (
            "module",
            "module:",
            &rubric.module.sections,
            &mut rubric.module.items,
            module_at,
        ),
    ] {
        let section_ids: Vec<&str> = sections.iter().map(|s| s.id.as_str()).collect();
        let mut seen = BTreeSet::new();
        for s in sections {
            if !seen.insert(s.id.as_str()) {
                err(
                    &mut errors,
                    locate(text, &[top, &format!("id: {}", s.id)]),
                    format!("{kind} の節 `{}` が2回定義されています", s.id),
                );
            }
        }
        let mut item_ids = BTreeSet::new();
        let mut total = 0;
        for item in items.iter_mut() {
            let anchor = format!("id: {}", item.id);
            let item_at = |key: &str| {
                if key.is_empty() {
                    locate(text, &[top, &anchor])
                } else {
                    locate(text, &[top, &anchor, key]).or_else(|| locate(text, &[top, &anchor]))
                }
            };
            total += item.points;
            if !item_ids.insert(item.id.clone()) {
                err(
                    &mut errors,
                    item_at(""),
                    format!("{kind} の項目 `{}` が2回定義されています", item.id),
                );
            }
            if item.points == 0 {
                err(
                    &mut errors,
                    item_at("points:"),
                    format!("項目 `{}` の points は1以上にしてください", item.id),
                );
            }
            if !section_ids.contains(&item.section.as_str()) {
                let mut m = format!(
                    "項目 `{}` の section `{}` は {kind} の sections にありません",
                    item.id, item.section
                );
                if let Some(s) =
                    crate::text::did_you_mean(&item.section, section_ids.iter().copied())
                {
                    m.push_str(&format!("（もしかして `{s}`？）"));
                }
                m.push_str(&format!("。有効な値: {}", section_ids.join(", ")));
                err(&mut errors, item_at("section:"), m);
            }
            let Some(spec) = DETECTORS.iter().find(|d| d.id == item.detector) else {
                let ids: Vec<&str> = DETECTORS.iter().map(|d| d.id).collect();
                let mut m = format!(
                    "項目 `{}` の detector `{}` は未知です",
                    item.id, item.detector
                );
                if let Some(s) = crate::text::did_you_mean(&item.detector, ids.iter().copied()) {
                    m.push_str(&format!("（もしかして `{s}`？）"));
                }
                m.push_str(&format!("。有効な値: {}", ids.join(", ")));
                err(&mut errors, item_at("detector:"), m);
                continue;
            };
            if (kind == "essay" && !spec.essay) || (kind == "module" && !spec.module) {
                err(
                    &mut errors,
                    item_at("detector:"),
                    format!(
                        "detector `{}` は {kind} の採点には使えません",
                        item.detector
                    ),
                );
            }
            let given = item.params.given();
            for p in &given {
                if !spec.takes.contains(p) {
                    err(
                        &mut errors,
                        item_at(&format!("{p}:")),
                        format!(
                            "detector `{}` は params `{p}` を取りません（取るもの: {}）",
                            spec.id,
                            if spec.takes.is_empty() {
                                "なし".to_owned()
                            } else {
                                spec.takes.join(", ")
                            }
                        ),
                    );
                }
            }
            for p in spec.requires {
                if !given.contains(p) {
                    err(
                        &mut errors,
                        item_at("detector:"),
                        format!(
                            "detector `{}` には params `{p}` が必要です（項目 `{}`）",
                            spec.id, item.id
                        ),
                    );
                }
            }
            let p = &mut item.params;
            for part in [&p.part, &p.from, &p.to].into_iter().flatten() {
                let ok =
                    PART_LABELS.contains(&part.as_str()) || (kind == "module" && part == "example");
                if !ok {
                    err(
                        &mut errors,
                        item_at(part),
                        format!(
                            "設問 `{part}` は未知です。有効な値: ア, イ, ウ{}",
                            if kind == "module" { ", example" } else { "" }
                        ),
                    );
                }
            }
            for label in p.parts.keys() {
                if !PART_LABELS.contains(&label.as_str()) {
                    err(
                        &mut errors,
                        item_at(&format!("{label}:")),
                        format!("parts の設問 `{label}` は未知です。有効な値: ア, イ, ウ"),
                    );
                }
            }
            if let Some(m) = &p.marker
                && !MARKERS.contains(&m.as_str())
            {
                err(
                    &mut errors,
                    item_at("marker:"),
                    format!("marker `{m}` は未知です。有効な値: {}", MARKERS.join(", ")),
                );
            }
            for code in p.rules.iter().chain(p.weights.keys()) {
                if code != "keywords" && !rule_codes.contains(&code.as_str()) {
                    err(
                        &mut errors,
                        item_at(code),
                        format!(
                            "規則 `{code}` は未知です（`itsm list rules` で一覧を表示できます）"
                        ),
                    );
                }
            }
            for g in p.groups.iter_mut().chain(p.stages.iter_mut()) {
                if g.keywords.is_empty() && g.patterns.is_empty() {
                    err(
                        &mut errors,
                        item_at(&format!("name: {}", g.name)),
                        format!("`{}` に keywords も patterns もありません", g.name),
                    );
                }
                for pat in &g.patterns {
                    match Regex::new(pat) {
                        Ok(re) => g.compiled.push(re),
                        Err(e) => err(
                            &mut errors,
                            locate(text, &[top, &anchor, pat]).or_else(|| item_at("patterns:")),
                            format!(
                                "正規表現 `{pat}` が不正です: {}",
                                e.to_string().lines().last().unwrap_or("")
                            ),
                        ),
                    }
                }
            }
        }
        for s in sections {
            if !items.iter().any(|i| i.section == s.id) {
                err(
                    &mut errors,
                    locate(text, &[top, &format!("id: {}", s.id)]),
                    format!("{kind} の節 `{}` に項目が1つもありません", s.id),
                );
            }
        }
        if total != 100 {
            err(
                &mut errors,
                at,
                format!("{kind} の items の points の合計が {total} です（100 にしてください）"),
            );
        }
    }
    if errors.is_empty() {
        Ok(rubric)
    } else {
        Err(errors)
    }
}

/// The span of the first occurrence of `path[last]` after `path[0]`, … in order (a cheap way to
/// point into the YAML text after serde has dropped positions).
fn locate(text: &str, path: &[&str]) -> Option<std::ops::Range<usize>> {
    let mut from = 0;
    let mut found = None;
    for needle in path {
        let i = from + text[from..].find(needle)?;
        found = Some(i..i + needle.len());
        from = i + needle.len();
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = include_str!("../../rubrics/score.yaml");

    fn codes() -> Vec<&'static str> {
        crate::lint::registry::RULES
            .iter()
            .map(|r| r.code)
            .collect()
    }

    /// The messages and the 1-based lines of the errors for `text`.
    fn errors(text: &str) -> Vec<(String, usize)> {
        match load("score.yaml", text, &codes()) {
            Ok(_) => Vec::new(),
            Err(reports) => reports
                .iter()
                .flat_map(|r| &r.diagnostics)
                .map(|d| {
                    let line = d
                        .span
                        .as_ref()
                        .map(|s| text[..s.start].matches('\n').count() + 1)
                        .unwrap_or(0);
                    (d.message.clone(), line)
                })
                .collect(),
        }
    }

    fn line_of(text: &str, needle: &str) -> usize {
        text[..text.find(needle).expect("needle")]
            .matches('\n')
            .count()
            + 1
    }

    #[test]
    fn shipped_rubric_is_valid_and_adds_up() {
        let r = load("score.yaml", GOOD, &codes()).expect("valid");
        let sum = |items: &[ItemDef]| items.iter().map(|i| i.points).sum::<u32>();
        assert_eq!(sum(&r.essay.items), 100);
        assert_eq!(sum(&r.module.items), 100);
        assert_eq!(r.essay.sections.len(), 9);
        // The 8 sections of the self-scoring sheet are 10 points each, the 80点 checks 4 × 5.
        for s in &r.essay.sections {
            let pts: u32 = r
                .essay
                .items
                .iter()
                .filter(|i| i.section == s.id)
                .map(|i| i.points)
                .sum();
            assert_eq!(pts, if s.id == "check80" { 20 } else { 10 }, "{}", s.id);
        }
    }

    #[test]
    fn a_parameter_the_detector_does_not_take_is_an_error_at_its_line() {
        let t = GOOD.replacen("params: {min: 2}", "params: {min: 2, window: 1}", 1);
        let e = errors(&t);
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].0.contains("params `window` を取りません"), "{e:?}");
        assert_eq!(e[0].1, line_of(&t, "params: {min: 2, window: 1}"));
    }

    #[test]
    fn a_missing_required_parameter_is_an_error() {
        let t = GOOD.replacen("      params: {rules: [S001]}\n", "", 1);
        let e = errors(&t);
        assert!(
            e.iter()
                .any(|(m, _)| m.contains("params `rules` が必要です")),
            "{e:?}"
        );
    }

    #[test]
    fn unknown_section_rule_and_bad_regex_are_errors() {
        let t = GOOD
            .replacen("section: effect", "section: efect", 1)
            .replacen("rules: [S001]", "rules: [S999]", 1)
            .replacen("'[A-ZＡ-Ｚ]社'", "'[A-Z社'", 1);
        let e = errors(&t);
        let msgs: Vec<&str> = e.iter().map(|(m, _)| m.as_str()).collect();
        assert!(
            msgs.iter()
                .any(|m| m.contains("`efect`") && m.contains("もしかして `effect`")),
            "{msgs:?}"
        );
        assert!(msgs.iter().any(|m| m.contains("`S999` は未知")), "{msgs:?}");
        assert!(
            msgs.iter().any(|m| m.contains("正規表現 `[A-Z社`")),
            "{msgs:?}"
        );
        // The points no longer match 100 only where a section lost an item: not here.
        assert!(!msgs.iter().any(|m| m.contains("合計")), "{msgs:?}");
    }

    #[test]
    fn unknown_keys_are_rejected_by_serde() {
        let t = GOOD.replacen(
            "  ranks: {a: 80, b: 60, c: 40}",
            "  ranks: {a: 80, b: 60, c: 40, d: 20}",
            1,
        );
        let e = errors(&t);
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].0.contains('d'), "{e:?}");
        assert_eq!(e[0].1, line_of(&t, "ranks:"));
    }
}
