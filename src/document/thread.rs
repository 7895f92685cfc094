//! The thread of an essay: the problems 設問ア sets up, the measures 設問イ takes, and whether each
//! measure serves a problem of ア (or a point the question asks for), plus problems first raised in
//! イ or ウ. This is the one problem/measure extractor: E009, E014, E015 and the score's links all
//! read it.
//!
//! Problems and measures are compared by *specific* content terms ([`super::terms`]): words every
//! ITSM essay uses (停止, 障害, 対応, サーバ, 利用者 …) link nothing, so a measure about power supply
//! does not serve a ransomware risk just because both mention 「停止」. Compounds also match through
//! their two-character words and the synonym families, so a measure that serves the ア problem
//! under another name (「復旧に時間がかかる」 ↔ 「切替えを短縮」) still links.

use super::terms::{Term, TermMemo, fold, mentions, terms_except};
use crate::document::Document;
use crate::document::{Part, Sentence};
use crate::text::scan::WordList;
use std::ops::Range;
use std::sync::LazyLock;

/// Words that appear in essays of every theme and link nothing.
pub const GENERIC: &[&str] = &[
    "課題",
    "問題",
    "問題点",
    "解決",
    "改善",
    "対応",
    "発生",
    "必要",
    "状況",
    "場合",
    "今回",
    "当社",
    "自社",
    "以下",
    "以上",
    "以降",
    "全体",
    "実施",
    "結果",
    "存在",
    "一方",
    "特定",
    "重要",
    "当時",
    "現在",
    "従来",
    "今後",
    "可能",
    "認識",
    "把握",
    "考慮",
    "検討",
    "私",
    "サービス",
    "システム",
    "運用",
    "管理",
    "業務",
    "設問",
    "具体的",
    "具体",
    "部分",
    "一部",
    "多数",
    "大幅",
    "非常",
    "十分",
    "不十分",
    "同様",
    "複数",
    "様々",
    "IT",
    "停止",
    "障害",
    "影響",
    "利用者",
    "利用",
    "サーバ",
    "データ",
    "時間",
    "確認",
    "作業",
    "担当者",
    "担当",
    "手順",
    "情報",
    "対策",
    "施策",
    "実施し",
    "導入",
    "見直",
    "見直し",
    "整備",
    "強化",
    "追加",
    "変更",
    "作成",
    "関係者",
    "部門",
    "運用担当者",
    "顧客",
    "事業",
    "提供",
    "社員",
    "職員",
    "会社",
    "機能",
    "画面",
    "処理",
    "ITサービスマネージャ",
    "マネージャ",
    "遅れ",
    "遅延",
    "増加",
    "減少",
    "低下",
    "向上",
    "短縮",
    "削減",
    "発生し",
    "問合",
    "苦情",
    "費用",
    "期間",
    "計画",
    "方法",
    "内容",
    "体制",
    "仕組",
    "工夫",
    "判断",
    "合意",
    "協議",
    "説明",
    "報告",
    "連絡",
    "設定",
    "実績",
    "目標",
    "評価",
    "効果",
    "達成",
    "事象",
    "原因",
    "要因",
    "理由",
    "対象",
    "範囲",
    "全て",
    "すべて",
    "一つ",
    "二つ",
    "三つ",
    "次",
    "まず",
    "最初",
    "最後",
    "以前",
    "前年",
    "翌年",
    "毎日",
    "毎月",
    "毎週",
    "夜間",
    "日中",
    "平日",
    "休日",
    "社内",
    "社外",
    "本番",
    "環境",
    "運用部",
    "情報システム部",
    "システム部",
    "チーム",
    "グループ",
];

/// Explicit statements that a (further) problem existed: 「〜も問題であった」「〜という問題があった」.
static NEW_PROBLEM: WordList = WordList::new(&[
    "も問題であった",
    "も問題だった",
    "も問題となっていた",
    "も課題であった",
    "も課題だった",
    "という問題もあった",
    "という問題があった",
    "という課題もあった",
    "という課題があった",
    "問題も抱えていた",
    "問題も生じていた",
    "も問題になっていた",
    "という問題も",
]);

/// Openers of a measure in 設問イ (a new paragraph or sentence that adds a measure).
const MEASURE_OPENERS: &[&str] = &[
    "まず",
    "次に",
    "さらに",
    "また",
    "加えて",
    "あわせて",
    "併せて",
    "その他",
    "そのほか",
    "最後に",
    "第一に",
    "第二に",
    "第三に",
    "第四に",
    "一つ目",
    "二つ目",
    "三つ目",
    "四つ目",
    "1つ目",
    "2つ目",
    "3つ目",
    "4つ目",
];

/// A sentence that reports something done (not an analysis or an opinion).
fn is_action(t: &str) -> bool {
    let t = t.trim_end_matches(['。', '．']);
    let acts = [
        "した",
        "ようにした",
        "こととした",
        "ことにした",
        "を行った",
        "を実施した",
        "を設けた",
        "を定めた",
        "を導入した",
        "を整備した",
        "に変更した",
        "に改めた",
        "を追加した",
        "を増やした",
        "を依頼した",
        "させた",
        "である",
        "とした",
    ];
    acts.iter().any(|a| t.ends_with(a))
        && ![
            "考えた",
            "と判断した",
            "分かった",
            "判明した",
            "原因",
            "要因",
        ]
        .iter()
        .any(|w| t.contains(w))
}

/// Acts of management that support a measure rather than add one (resources, approvals).
const MANAGEMENT_ACTS: &[&str] = &[
    "充て",
    "確保し",
    "確保した",
    "同席",
    "承認を得",
    "了承を得",
    "合意を得",
    "予算",
    "要員を",
    "を割り当",
];

/// One problem or measure with its specific terms.
#[derive(Debug, Clone)]
pub struct Item {
    /// The sentence (or sentences) it was read from.
    pub span: Range<usize>,
    /// The sentence that states it (for quoting).
    pub sentence: Range<usize>,
    pub terms: Vec<Term>,
}

/// The essay's thread.
#[derive(Debug, Clone, Default)]
pub struct Thread {
    /// Problem statements of 設問ア (sentences about a problem, issue, cause or its impact).
    pub problems: Vec<Item>,
    /// All specific terms of 設問ア (the situation the problems live in).
    pub setting: Vec<Term>,
    /// Measures of 設問イ, one per measure paragraph or opener sentence.
    pub measures: Vec<Item>,
    /// Problems first raised in 設問イ or ウ (explicit 「〜も問題であった」 whose terms 設問ア never used).
    pub late_problems: Vec<(char, Item)>,
}

fn part<'d>(doc: &'d Document<'_>, label: char) -> Option<&'d Part> {
    doc.parts.iter().find(|p| p.label == label)
}

fn sentences_of<'d>(doc: &'d Document<'_>, p: &'d Part) -> Vec<&'d Sentence> {
    doc.sentences
        .iter()
        .filter(|s| p.body.contains(&s.range.start))
        .collect()
}

/// Whether a sentence states a problem, its cause or its impact.
pub fn is_problem_sentence(t: &str) -> bool {
    static MARKS: WordList = WordList::new(&[
        "問題",
        "課題",
        "要因",
        "原因",
        "不足",
        "遅れ",
        "遅延",
        "集中",
        "できない",
        "できなくなる",
        "できず",
        "かかって",
        "掛かって",
        "かかり",
        "掛かり",
        "低下",
        "苦情",
        "ばらつ",
        "属人",
        "頻発",
        "多発",
        "停止",
        "障害",
        "ミス",
        "漏れ",
        "見落と",
        "長期化",
        "悪化",
        "リスク",
        "おそれ",
        "恐れ",
        "懸念",
        "不満",
        "下回",
        "超過",
        "オーバー",
        "増加",
        "待たせ",
        "滞",
        "失",
        "損",
    ]);
    MARKS.any_in(t)
}

/// [`GENERIC`] as a set: looked up for every word of every sentence of an essay.
pub(crate) static GENERIC_SET: LazyLock<crate::text::hash::EdgeSet<&str>> =
    LazyLock::new(|| GENERIC.iter().copied().collect());

/// Specific terms of `text`: content terms minus the generic words. (Content terms have two or
/// more characters, and the generic words are the stop set, so nothing is left to filter.)
pub fn specific_terms(text: &str) -> Vec<Term> {
    terms_except(text, &GENERIC_SET)
}

/// [`specific_terms`] through a memo: the thread reads a part and then its sentences again.
fn memo_specific<'t>(memo: &mut TermMemo<'_, 't>, text: &'t str) -> Vec<Term> {
    memo.terms(text)
}

/// Whether `text` (already folded) mentions any of `ts`.
pub fn links(folded: &str, ts: &[Term]) -> bool {
    ts.iter().any(|t| mentions(folded, t))
}

impl Thread {
    /// The thread of an essay (empty for a text without 設問ア and イ), read on the first call and
    /// cached on the document: several rules ask for it.
    pub fn of<'d>(doc: &'d Document<'_>) -> &'d Thread {
        doc.analyses.thread.get_or_init(|| Thread::build(doc))
    }

    fn build(doc: &Document<'_>) -> Thread {
        let mut th = Thread::default();
        let Some(a) = part(doc, 'ア') else {
            return th;
        };
        // The memo looks words up by slices of the texts it reads: the part text outlives it.
        let a_text = super::essay::text(doc, a);
        let mut memo = TermMemo::new(&GENERIC_SET);
        th.setting = memo_specific(&mut memo, &a_text);
        for s in sentences_of(doc, a) {
            let t = doc.sentence_text(s);
            if is_problem_sentence(t) {
                th.problems.push(Item {
                    span: s.range.clone(),
                    sentence: s.range.clone(),
                    terms: memo_specific(&mut memo, t),
                });
            }
        }
        let a_folded = fold(&a_text);
        for label in ['イ', 'ウ'] {
            let Some(p) = part(doc, label) else { continue };
            for s in sentences_of(doc, p) {
                let t = doc.sentence_text(s);
                if !NEW_PROBLEM.any_in(t) {
                    continue;
                }
                let ts = memo_specific(&mut memo, t);
                // Terms 設問ア never used make it new; a restated ア problem is not. A sentence that
                // adds a problem (「…という問題もあった」) about the setting's people or things
                // (「会員」「アプリ」) is still new when two or more of its words, and at least a third,
                // are new to 設問ア (「65歳以上」「不安」).
                let (fresh, known): (Vec<Term>, Vec<Term>) =
                    ts.into_iter().partition(|x| !mentions(&a_folded, x));
                let all = fresh.len() + known.len();
                if fresh.is_empty()
                    || !known.is_empty() && (fresh.len() < 2 || fresh.len() * 3 < all)
                {
                    continue;
                }
                th.late_problems.push((
                    label,
                    Item {
                        span: s.range.clone(),
                        sentence: s.range.clone(),
                        // The new words first: they name the problem 設問ア did not set up.
                        terms: fresh.into_iter().chain(known).collect(),
                    },
                ));
            }
        }
        if let Some(i) = part(doc, 'イ') {
            th.measures = measures(doc, i, &mut memo);
            // The causes 設問イ itself analyses (「発生要因の分析」) are problems the measures may serve.
            let first_measure = th.measures.first().map_or(i.body.end, |m| m.span.start);
            for s in sentences_of(doc, i) {
                let t = doc.sentence_text(s);
                if s.range.start < first_measure
                    || ["原因", "要因", "分析", "ため", "問題"]
                        .iter()
                        .any(|w| t.contains(w))
                        && !th.measures.iter().any(|m| m.span.contains(&s.range.start))
                {
                    th.setting.extend(memo_specific(&mut memo, t));
                }
            }
        }
        th
    }

    /// Measures of イ that serve none of ア's problems (by specific terms), nor the situation of
    /// ア, nor one of the `extra` terms (the question's points, the theme's keywords).
    pub fn unlinked_measures<'t>(&'t self, extra: &'t [Term]) -> impl Iterator<Item = &'t Item> {
        self.measures.iter().filter(move |m| {
            let folded = fold(
                &m.terms
                    .iter()
                    .map(|t| t.text.as_str())
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
            !links(&folded, &self.setting)
                && !self.problems.iter().any(|p| links(&folded, &p.terms))
                && !links(&folded, extra)
                && !m.terms.is_empty()
        })
    }
}

/// The measures of 設問イ: a paragraph (or a sentence) that opens with an enumerating connective
/// and ends with an action, read together with the rest of its paragraph.
fn measures<'d>(doc: &'d Document<'_>, p: &Part, memo: &mut TermMemo<'_, 'd>) -> Vec<Item> {
    let ss = sentences_of(doc, p);
    let mut out: Vec<Item> = Vec::new();
    let mut i = 0;
    while i < ss.len() {
        let t = doc.sentence_text(ss[i]);
        let opens = MEASURE_OPENERS.iter().any(|o| t.starts_with(o))
            && is_action(t)
            && !MANAGEMENT_ACTS.iter().any(|w| t.contains(w));
        if !opens {
            i += 1;
            continue;
        }
        // The measure runs to the end of its paragraph or the next opener.
        let mut j = i + 1;
        while j < ss.len()
            && ss[j].paragraph == ss[i].paragraph
            && !MEASURE_OPENERS
                .iter()
                .any(|o| doc.sentence_text(ss[j]).starts_with(o))
        {
            j += 1;
        }
        let span = ss[i].range.start..ss[j - 1].range.end;
        let body = &doc.text[span.clone()];
        out.push(Item {
            span: span.clone(),
            sentence: ss[i].range.clone(),
            terms: memo_specific(memo, body),
        });
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Kind;

    #[test]
    fn late_problem_and_bolted_on_measure() {
        let t = "## 設問ア\nランサムウェアによる被害が増えており、給与データが暗号化されるリスクがあった。\n\
## 設問イ\nまず、バックアップをネットワークから切り離した媒体にも取得することにした。ランサムウェアに感染しても戻せる。\n\
さらに、停電が発生してもサーバが停止しないように、無停電電源装置の容量を増やした。\n\
また、夜間の運用担当者のスキル不足も問題であった。そこで、訓練を行った。\n\
## 設問ウ\n被害は発生していない。\n";
        let d = Document::parse(t, Some(Kind::Essay));
        let th = Thread::of(&d);
        assert_eq!(th.late_problems.len(), 1);
        let un: Vec<&str> = th
            .unlinked_measures(&[])
            .map(|m| &t[m.sentence.clone()])
            .collect();
        assert!(un.iter().any(|s| s.contains("無停電電源装置")), "{un:?}");
        assert!(!un.iter().any(|s| s.contains("バックアップ")), "{un:?}");
    }

    #[test]
    fn specific_terms_need_no_filter() {
        // Content terms have two or more characters and the generic words are the stop set, so
        // specific_terms returns no single character and no generic word.
        let t = "私はITサービスマネージャとして、障害の影響を分析し、課題を整理した。A社のSLAは99.9%である。";
        let ts = specific_terms(t);
        assert!(!ts.is_empty());
        for x in &ts {
            assert!(x.text.chars().nth(1).is_some(), "{}", x.text);
            assert!(!GENERIC_SET.contains(x.text.as_str()), "{}", x.text);
        }
    }

    #[test]
    fn a_measure_under_another_name_still_links() {
        // Trap: 「復旧に時間がかかる」 served by 「切替え」.
        let t = "## 設問ア\n障害時の復旧に平均50分かかり、受付が止まることが問題であった。\n\
## 設問イ\nまず、予備系への切替え手順を自動化し、切替えを5分で終えられるようにした。\n";
        let d = Document::parse(t, Some(Kind::Essay));
        let th = Thread::of(&d);
        assert_eq!(th.measures.len(), 1);
        assert_eq!(th.unlinked_measures(&[]).count(), 0);
    }
}
