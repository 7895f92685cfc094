//! Targets and results on the fact model: a result that only restates its target, a target missed
//! but reported as met, a target first set in 設問ウ, a "result" that is only a target or an
//! expectation, and a requirement of 設問ア that 設問ウ never evaluates.
//!
//! A target deliberately beaten (目標 4時間以内, 実績 3時間) is the normal good case and is never
//! reported; an honest shortfall (「目標の30％には届かなかった。原因は…」) is not either.

use super::facts::{Fact, Facts, Role};
use super::figures::{Bound, Unit};
use crate::document::Document;
use std::ops::Range;

/// Endings of a sentence that states an intent or an expectation rather than a result.
pub const INTENT_ENDINGS: &[&str] = &[
    "目標とした",
    "目標とする",
    "目標としている",
    "目標である",
    "目標に定めた",
    "目標を設定した",
    "目指した",
    "目指す",
    "目指している",
    "見込みである",
    "見込みだ",
    "見込みとなった",
    "見込んでいる",
    "見込まれる",
    "見込まれた",
    "見込まれている",
    "予定である",
    "予定だ",
    "予定としている",
    "計画している",
    "計画である",
    "見通しである",
    "見通しだ",
    "見込める",
    "想定している",
    "想定される",
    "目標に掲げた",
    "目標にした",
    "目標値とした",
    "つもりである",
    "はずだ",
    "期待できる",
    "期待される",
    "期待している",
    "狙いである",
    "はずである",
    "と思います",
    "と思う",
    "なくなると考える",
    "できると考えている",
    // An outlook obtained is still an outlook (「RTOの12時間を満たす見込みを得た」「再開できる見通しが立った」):
    // graders read it as 「結果が見込みにとどまる」 even after a figure measured in a test.
    "見込みを得た",
    "見込みが立った",
    "見通しを得た",
    "見通しが立った",
    "めどが立った",
    "目途が立った",
];

/// Whether a sentence ends as an intent or expectation.
pub fn is_intent(sentence: &str) -> bool {
    let t = sentence.trim_end().trim_end_matches(['。', '．', '！']);
    INTENT_ENDINGS.iter().any(|e| t.ends_with(e))
        || t.contains("目標を設定し") && !t.contains("達成")
}

/// A target-vs-result finding.
#[derive(Debug, Clone)]
pub struct TargetIssue {
    /// Where to point (the result figure, or the target).
    pub span: Range<usize>,
    /// The other figure involved.
    pub other: Option<Range<usize>>,
    pub kind: TargetIssueKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetIssueKind {
    /// The result equals the target exactly.
    EqualsTarget,
    /// The target was missed but the text says it was met (「ほぼ目標どおり」).
    MissedButClaimed,
    /// A target first appears in 設問ウ.
    LateTarget,
    /// A requirement or target of ア/イ that ウ never evaluates.
    Unevaluated,
}

fn shown(text: &str, f: &Fact) -> String {
    text[f.figure.span.clone()].to_owned()
}

/// Whether lower values are better for this target (以内, 以下, 未満, 短縮 …).
fn lower_is_better(text: &str, t: &Fact) -> Option<bool> {
    let clause = &text[t.clause.clone()];
    match t.figure.bound {
        Bound::AtMost => return Some(true),
        Bound::AtLeast => return Some(false),
        _ => {}
    }
    if t.figure.unit == Unit::Percent
        && ["削減", "短縮", "減少", "向上", "改善", "上げ", "増加"]
            .iter()
            .any(|w| clause.contains(w))
    {
        // 「30％削減」「70％に向上」: a percentage of improvement, higher is better.
        return Some(false);
    }
    None
}

/// Words saying a target was missed. The negated forms of a claim come first so that removing
/// them from a sentence leaves no 「達成」 behind.
const MISSED: &[&str] = &[
    "達成できなかった",
    "達成できず",
    "達成できていない",
    "達成しなかった",
    "達成しておらず",
    "達成には至らなかった",
    "達成に至らなかった",
    "未達成",
    "満たせなかった",
    "満たさなかった",
    "満たせず",
    "満たしていない",
    "収まらなかった",
    "収まらず",
    "クリアできなかった",
    "届かなかった",
    "届かず",
    "下回った",
    "未達",
    "及ばなかった",
    "達しなかった",
];

/// Whether a result figure is a strict bound rather than a value: 「2秒を超え」「2秒を上回り」
/// 「2秒未満」 say on which side of the value the result lies, so they never equal a target.
fn strict_comparison(text: &str, r: &Fact) -> bool {
    let written = &text[r.figure.span.clone()];
    let after = &text[r.figure.span.end..];
    ["超え", "超える", "超", "未満"]
        .iter()
        .any(|w| written.ends_with(w))
        || ["を上回", "を下回", "より"]
            .iter()
            .any(|w| after.starts_with(w))
}

/// Whether the target's clause names a subject of its own before the figure (「データ反映の遅延は
/// 最大3分と…」): a content word followed by the topic particle 「は」.
fn own_subject(text: &str, t: &Fact) -> bool {
    let before: Vec<char> = text[t.clause.start..t.figure.span.start].chars().collect();
    before.windows(2).any(|w| {
        w[1] == 'は'
            && (matches!(w[0], '\u{4E00}'..='\u{9FFF}' | '\u{30A0}'..='\u{30FF}')
                || w[0].is_ascii_alphanumeric())
    })
}

/// Whether the figure itself is the target value: 「目標の30％」「30％の目標」「目標とした4時間以内」.
fn names_target(text: &str, f: &Fact) -> bool {
    let before = &text[f.clause.start..f.figure.span.start];
    let after = &text[f.figure.span.end..f.clause.end];
    // A period word may sit between (「目標の年間4時間以内」).
    let tail: String = {
        let v: Vec<char> = before.chars().collect();
        v[v.len().saturating_sub(8)..].iter().collect()
    };
    // 「目標の達成率は91％」: the figure measures how far the target was met.
    if ["達成率", "達成度", "達成件数", "達成割合"]
        .iter()
        .any(|w| tail.contains(w))
    {
        return false;
    }
    [
        "目標の",
        "目標とした",
        "目標とする",
        "目標である",
        "目標値の",
        "目標値",
        "目標は",
        "目標を",
    ]
    .iter()
    .any(|w| tail.contains(w))
        || [
            "の目標",
            "を目標",
            "という目標",
            "とする目標",
            "とした目標",
            "目標",
        ]
        .iter()
        .any(|w| after.starts_with(w))
}

/// Whether `at` lies in 設問ア's service overview: under a sub-heading with 「概要」, or (with no
/// sub-headings) in its first paragraph line.
fn in_overview(doc: &Document<'_>, at: usize) -> bool {
    use crate::document::LineKind;
    let Some(a) = doc.parts.iter().find(|p| p.label == 'ア') else {
        return false;
    };
    let lines: Vec<&crate::document::Line> = doc
        .lines
        .iter()
        .filter(|l| a.body.contains(&l.range.start))
        .collect();
    let mut heading: Option<&str> = None;
    let mut first_text = None;
    for l in &lines {
        match l.kind {
            LineKind::Heading => heading = Some(&doc.text[l.range.clone()]),
            LineKind::Text => {
                if first_text.is_none() {
                    first_text = Some(l.range.clone());
                }
                if l.range.start <= at && at <= l.range.end {
                    return match heading {
                        Some(h) => h.contains("概要"),
                        None => first_text
                            .as_ref()
                            .is_some_and(|f| f.start == l.range.start),
                    };
                }
            }
            _ => {}
        }
    }
    false
}

/// Target/result issues of a document, found on the first call and cached on the document (E016,
/// E018 and C004 each report their own kinds of it).
pub fn of<'d>(doc: &'d Document<'_>) -> &'d [TargetIssue] {
    doc.analyses
        .targets
        .get_or_init(|| issues(doc, Facts::of(doc)))
}

/// Target/result issues of a document (essays and modules alike; 設問 checks need parts).
pub fn issues(doc: &Document<'_>, facts: &Facts) -> Vec<TargetIssue> {
    let text = doc.text;
    let fs = &facts.facts;
    let mut out = Vec::new();
    let sentence = |f: &Fact| doc.sentence_text(&doc.sentences[f.sentence]);
    // Results compared with a target in the same sentence: 「停止時間の合計は4時間であり、目標とした4時間以内を達成した」.
    for (i, t) in fs.iter().enumerate() {
        if t.role != Role::Target || !t.comparable() {
            continue;
        }
        let st = sentence(t);
        let result = |r: &Fact| {
            r.comparable()
                && matches!(r.role, Role::After | Role::State | Role::Total)
                && r.figure.unit.same_as(&t.figure.unit)
        };
        // The result in the same sentence closest before the target — the figure the target is
        // about (「約540件に減り、翌月は約495件となって、500件以下の目標を達成した」 compares 495, not
        // the earlier step 540); else, when the target's sentence states no figure of its unit but
        // the target, the last result of the sentence just before it in the same paragraph
        // (「…までに、ちょうど3時間を要した。3時間以内という目標を達成した。」).
        // The closest figure of the target's unit is the one judged: a result behind another
        // figure of that unit (「…1時間35分かかり、遅延は最大3分と合意した…5分以内に収まった」)
        // measures something else. A result in an earlier clause is not the target's either when
        // the target's clause names its own subject before it (「遅延は」).
        let same = fs
            .iter()
            .enumerate()
            .rfind(|(j, r)| {
                *j != i
                    && r.sentence == t.sentence
                    && r.figure.unit.same_as(&t.figure.unit)
                    && r.figure.span.start < t.figure.span.start
            })
            .filter(|(_, r)| result(r))
            .filter(|(_, r)| r.clause == t.clause || !own_subject(text, t));
        let alone = !fs.iter().enumerate().any(|(j, r)| {
            j != i && r.sentence == t.sentence && r.figure.unit.same_as(&t.figure.unit)
        });
        let before = (same.is_none() && alone && t.sentence > 0)
            .then(|| {
                let prev = &doc.sentences[t.sentence - 1];
                (prev.paragraph == doc.sentences[t.sentence].paragraph).then(|| {
                    fs.iter()
                        .enumerate()
                        .rfind(|(_, r)| r.sentence == t.sentence - 1 && result(r))
                })
            })
            .flatten()
            .flatten();
        // Across sentences only an equal value is judged: the sentence before may measure something
        // else of the same unit.
        let across = same.is_none();
        let Some((_, r)) = same.or(before) else {
            continue;
        };
        // A sentence that says the target was missed (「目標は達成できなかった」) is an honest
        // shortfall: its 「達成」 claims nothing.
        let missed_words = MISSED.iter().any(|w| st.contains(w));
        let positive = MISSED.iter().fold(st.to_owned(), |s, w| s.replace(w, ""));
        let claimed = ["達成", "目標どおり", "目標通り", "クリア", "満たし", "収ま"]
            .iter()
            .any(|w| positive.contains(w));
        let euphemism = [
            "ほぼ目標どおり",
            "ほぼ目標通り",
            "概ね目標どおり",
            "おおむね目標どおり",
            "ほぼ達成",
            "実質的に達成",
        ]
        .iter()
        .any(|w| st.contains(w));
        if (r.figure.value - t.figure.value).abs() < 1e-9
            && !r.figure.is_rough()
            && !strict_comparison(text, r)
            && claimed
            && !missed_words
        {
            out.push(TargetIssue {
                span: r.figure.span.clone(),
                other: Some(t.figure.span.clone()),
                kind: TargetIssueKind::EqualsTarget,
                message: format!(
                    "実績「{}」が目標「{}」とちょうど同じです。目標が実績に合わせて書かれたように読めます",
                    shown(text, r),
                    shown(text, t)
                ),
            });
            continue;
        }
        let worse = lower_is_better(text, t).map(|lower| {
            if lower {
                r.figure.value > t.figure.value * 1.0001
            } else {
                r.figure.value < t.figure.value * 0.9999
            }
        });
        if !across
            && (missed_words || worse == Some(true))
            && (euphemism || claimed && worse == Some(true) && !missed_words)
        {
            out.push(TargetIssue {
                span: r.figure.span.clone(),
                other: Some(t.figure.span.clone()),
                kind: TargetIssueKind::MissedButClaimed,
                message: format!(
                    "実績「{}」は目標「{}」に届いていませんが、達成したように書かれています",
                    shown(text, r),
                    shown(text, t)
                ),
            });
        }
    }
    // Targets first set in 設問ウ.
    if !doc.parts.is_empty() {
        for t in fs.iter().filter(|f| {
            f.part == Some('ウ')
                && f.role == Role::Target
                && f.comparable()
                && names_target(text, f)
        }) {
            // Set earlier as a target or requirement, or as the design value the measure was
            // built to (「失われる記録を最大でも5分間の入力分に抑えた」 before 「5分以内とする目標も
            // 満たした」).
            let earlier = fs.iter().any(|e| {
                matches!(e.part, Some('ア' | 'イ'))
                    && e.figure.is_quantity()
                    && e.figure.unit.same_as(&t.figure.unit)
                    && e.figure.agrees_with(&t.figure)
            });
            if !earlier {
                out.push(TargetIssue {
                    span: t.figure.span.clone(),
                    other: None,
                    kind: TargetIssueKind::LateTarget,
                    message: format!(
                        "目標「{}」が設問ウで初めて出てきます。目標は設問イ（または設問ア）で立てておく",
                        shown(text, t)
                    ),
                });
            }
        }
        // Requirements and targets of ア that ウ never evaluates (by the quantity's word).
        let u_text: String = doc
            .parts
            .iter()
            .filter(|p| p.label == 'ウ')
            .map(|p| &text[p.body.clone()])
            .collect();
        if !u_text.is_empty() {
            for r in fs.iter().filter(|f| {
                f.part == Some('ア')
                    && matches!(f.role, Role::Requirement | Role::Target)
                    && f.comparable()
                    && matches!(f.figure.unit, Unit::Percent | Unit::Duration)
                    && matches!(f.figure.bound, Bound::AtMost | Bound::AtLeast)
            }) {
                // Restated in ウ with its value (「95%以上が5秒以内という目標を満たし続けた」).
                if fs.iter().any(|u| {
                    u.part == Some('ウ')
                        && u.figure.unit.same_as(&r.figure.unit)
                        && u.figure.agrees_with(&r.figure)
                }) {
                    continue;
                }
                // The service overview's SLA describes the service; the requirements that ウ
                // must answer are the ones ア raises with its problem (after the overview).
                if in_overview(doc, r.figure.span.start) {
                    continue;
                }
                let clause = &text[r.clause.clone()];
                // Service hours and windows are design parameters, not levels to evaluate.
                if [
                    "受付時間",
                    "サービス時間",
                    "提供時間",
                    "計画停止",
                    "深夜",
                    "時から",
                ]
                .iter()
                .any(|w| clause.contains(w))
                {
                    continue;
                }
                // 「2時間以内に回復する」: the verb after a bounded duration names the quantity;
                // otherwise the word before the figure does (「稼働率99.9％以上」).
                let after = &text[r.figure.span.end..r.clause.end];
                let verb = after
                    .strip_prefix('に')
                    .and_then(|a| super::terms::content_runs(a).into_iter().next())
                    .filter(|w| w.chars().count() >= 2);
                let Some(head) = verb
                    .as_ref()
                    .or_else(|| r.desc.iter().rev().find(|w| w.chars().count() >= 2))
                else {
                    continue;
                };
                let head = head.clone();
                let keys = super::terms::terms(&head, &[]);
                let folded = super::terms::fold(&u_text);
                if keys.iter().any(|k| super::terms::mentions(&folded, k)) {
                    continue;
                }
                out.push(TargetIssue {
                    span: r.figure.span.clone(),
                    other: None,
                    kind: TargetIssueKind::Unevaluated,
                    message: format!(
                        "設問アの「{}」（{}）に対する実績が設問ウにありません",
                        shown(text, r),
                        head
                    ),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Kind;

    fn kinds(t: &str) -> Vec<TargetIssueKind> {
        let d = Document::parse(t, Some(Kind::Essay));
        let f = Facts::of(&d);
        issues(&d, f).into_iter().map(|x| x.kind).collect()
    }

    #[test]
    fn equal_missed_beaten() {
        let k = kinds(
            "## 設問イ\n年間の停止時間を4時間以内にすることを目標とした。\n## 設問ウ\n停止時間の合計は4時間であり、目標とした4時間以内を達成した。\n",
        );
        assert_eq!(k, vec![TargetIssueKind::EqualsTarget]);
        // Trap: a target deliberately beaten.
        let k = kinds(
            "## 設問イ\n年間の停止時間を4時間以内にすることを目標とした。\n## 設問ウ\n停止時間の合計は3時間であり、目標とした4時間以内を達成した。\n",
        );
        assert!(k.is_empty(), "{k:?}");
        let k = kinds(
            "## 設問イ\n問合せを30％削減することを目標とした。\n## 設問ウ\n約28％の削減となり、目標の30％にはわずかに届かなかったが、ほぼ目標どおりの効果が得られた。\n",
        );
        assert_eq!(k, vec![TargetIssueKind::MissedButClaimed]);
        // An honest shortfall is not reported.
        let k = kinds(
            "## 設問イ\n問合せを30％削減することを目標とした。\n## 設問ウ\n約28％の削減となり、目標の30％には届かなかった。原因は提出画面にある。\n",
        );
        assert!(k.is_empty(), "{k:?}");
    }

    #[test]
    fn late_and_unevaluated() {
        let k = kinds(
            "## 設問ア\nF社は部品メーカーである。\n停止した場合でも2時間以内に回復することを求められていた。\n## 設問イ\n冗長化した。\n## 設問ウ\n停止は1回であり、目標の年間4時間以内を達成した。\n",
        );
        assert!(k.contains(&TargetIssueKind::LateTarget), "{k:?}");
        assert!(k.contains(&TargetIssueKind::Unevaluated), "{k:?}");
        let k = kinds(
            "## 設問ア\nF社は部品メーカーである。\n障害時は2時間以内に回復することを求められていた。\n## 設問ウ\n障害は1回で、40分で回復した。\n",
        );
        assert!(!k.contains(&TargetIssueKind::Unevaluated), "{k:?}");
    }
}
