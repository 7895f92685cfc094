use crate::lint::rule::Context;
use crate::lint::rule::{Document, declare_rule};
use crate::text::scan as util;
use std::ops::Range;

declare_rule! {
    /// ## 何を検出するか
    /// 費用・予算・投資の承認を得たと書きながら、その金額を書いていない文（「当番手当の予算について
    /// 情報システム部長の承認を得た。」「契約変更の費用について経営層の承認を得た。」）。
    /// その文にも直前の2文にも金額（〜円）や割合（〜%）が無いものを指す。
    /// 採点（itsm score）の「管理者としての判断」の項目も、同じ判定で減点する。
    ///
    /// ## なぜ問題か
    /// 費用の承認は、いくらを何と比べて妥当と判断したかを示してはじめて管理者の判断になる。
    /// 金額が無いと、費用対効果の判断が読み取れない（採点者: 「契約変更の費用が金額で示されていない」
    /// 「費用の増加額が示されず、費用対効果の判断が読み取れない」「監視ツールの追加費用の金額がない」）。
    ///
    /// ## 誤検知しないもの
    /// - 金額を同じ文か直前の2文に書いたもの。
    ///   正: 「当番手当は年約120万円と見積もった。私は、この予算について情報システム部長の承認を得た。」
    /// - 割合で示した費用（「本番の約10%の費用について承認を得た」）。
    /// - 費用の承認でない承認（「方針の改定案について部長の承認を得た」）。
    ///
    /// ## 例
    /// 誤: 「私は、当番手当の予算について情報システム部長の承認を得た。」
    /// 正: 「私は、当番手当の予算（年約120万円）について情報システム部長の承認を得た。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static COST_APPROVAL_WITHOUT_AMOUNT = {
        code: "C008",
        name: "cost-approval-without-amount",
        summary: "費用・予算の承認を得たと書きながら、その金額が無い",
        severity: Warning,
        scope: Both,
        check: check,
    };
}

/// Sentences that approve a cost, a budget or an investment with no amount in them or in the two
/// sentences before: what C008 reports and the rubrics' manager-decision items deduct for.
pub(crate) fn unpriced_approvals(doc: &Document<'_>) -> Vec<Range<usize>> {
    let approval = util::static_regex!(
        r"(費用|予算|投資|経費|増額)(について|に関して|の)[^、。]{0,12}(承認|了承|決裁)"
    );
    let amount = util::static_regex!(r"円|[0-9０-９]\s*(%|％)");
    let ss = &doc.sentences;
    ss.iter()
        .enumerate()
        .filter(|(i, s)| {
            let t = doc.sentence_text(s);
            approval.is_match(t)
                && !ss[i.saturating_sub(2)..=*i]
                    .iter()
                    .any(|p| amount.is_match(doc.sentence_text(p)))
        })
        .map(|(_, s)| s.range.clone())
        .collect()
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    for r in unpriced_approvals(doc) {
        ctx.report(
            Some(r),
            "費用・予算の承認を得たと書いていますが、その金額がありません",
        )
        .label("金額の無い費用の承認")
        .help("承認を得た費用の金額（例: 年約120万円）と、何と比べて妥当と判断したかを同じ文か直前の文に書く");
    }
}
