//! C010: the same amount of money secured twice in a row — two adjacent sentences of one paragraph
//! that each approve, secure or budget (承認・確保・計上・予算・組み込み・充て) a cost, with the same
//! amount of money in both. Graders read it as the same sentence written twice
//! (「購入費約80万円の確保を2文続けて書いている」「同じ費用の承認・計上が2文で重複している」).
//! Head counts are left out: 「運用担当2名」 in one sentence and 「開発チームの2名」 in the next are two
//! teams, not a repeat.

use crate::document::figures::{self, Unit};
use crate::lint::rule::Context;
use crate::lint::rule::{Document, declare_rule};
use crate::text::scan as util;
use std::ops::Range;

declare_rule! {
    /// ## 何を検出するか
    /// 同じ段落の続く2文が、どちらも費用の承認・確保・計上（承認・確保・計上・予算・組み込み・充て）を述べ、
    /// 同じ金額を書いていること（「…追加費用の年約180万円について部長の承認を得た。…追加費用年約180万円を
    /// 予算に組み込んだ。」）。2文目を指し、1文目を示す。
    ///
    /// ## なぜ問題か
    /// 採点者は、同じ費用の承認と確保を続けて2回書いた文を「同じ内容の文の重複」「推敲不足」として減点する。
    /// 字数を埋めたように読まれ、資源の確保が1つしか書かれていないことも目立つ。承認を得たことと
    /// 予算に組み込んだことは、1文にまとめる。
    ///
    /// ## 誤検知しないもの
    /// - 金額の違う2つの費用、続かない文（間に別の文がある）、別の段落。
    /// - 人数（「運用担当2名」と次の文の「開発チームの2名」は別の人たちである）。
    ///   正: 「調査には運用担当2名を2週間充てた。恒久対策には開発チームの2名を1か月間充てた。」
    /// - 承認・確保を述べない文での同じ金額（比較や効果の説明）。
    ///   正: 「エッジサーバは保守を加えても年約200万円である。前年度の損失約300万円に対し、年約200万円は効果の範囲に収まる。」
    ///
    /// ## 例
    /// 誤: 「私は、監視ツールの追加費用の年約180万円について部長の承認を得た。開発チームの1名を3週間充て、監視ツールの追加費用年約180万円を予算に組み込んだ。」
    /// 正: 「私は、監視ツールの追加費用の年約180万円について部長の承認を得て予算に組み込み、開発チームの1名を3週間充てた。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static RESTATED_COST = {
        code: "C010",
        name: "restated-cost",
        summary: "同じ金額の費用の承認・確保を、続く2文で2回書いている",
        severity: Warning,
        scope: Both,
        check: check,
    };
}

/// The amounts of money in a sentence (value in yen), as the figure layer reads them.
fn amounts(t: &str) -> Vec<f64> {
    figures::scan(t)
        .into_iter()
        .filter(|f| f.unit == Unit::Money && !f.vague && f.value > 0.0)
        .map(|f| f.value)
        .collect()
}

/// Pairs `(second, first)` of adjacent sentences in one paragraph that both secure a cost with
/// the same amount: what C010 reports and the rubrics deduct for.
pub(crate) fn restated_costs(doc: &Document<'_>) -> Vec<(Range<usize>, Range<usize>)> {
    let secures = util::static_regex!(r"承認|確保|計上|予算|組み込|組込|充て|割り当て|割当て");
    let ss = &doc.sentences;
    ss.windows(2)
        .filter(|w| w[0].paragraph == w[1].paragraph)
        .filter_map(|w| {
            let (a, b) = (doc.sentence_text(&w[0]), doc.sentence_text(&w[1]));
            if !(secures.is_match(a) && secures.is_match(b)) {
                return None;
            }
            let first = amounts(a);
            amounts(b)
                .iter()
                .any(|v| first.iter().any(|u| (u - v).abs() < 0.5))
                .then(|| (w[1].range.clone(), w[0].range.clone()))
        })
        .collect()
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    for (again, first) in restated_costs(doc) {
        ctx.report(
            Some(again),
            "前の文と同じ金額の費用の承認・確保を、もう一度書いています",
        )
        .label("同じ費用の2回目")
        .help("費用の承認と予算への組込みは1文にまとめ、空いた字数で何と比べて妥当と判断したかを書く")
        .related(first, "1回目");
    }
}
