use crate::lint::rule::{Document, declare_rule};
use crate::document::{consistency, facts::Facts};
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 同じ数量を、文や設問をまたいで違う値で書いていること。二つの形を報告する。
    /// - 導入前の値（「改善前の」「導入前の」「従来は」、または「AからBに」の A）が、それより前に書いた
    ///   同じ数量の値と合わない（設問アで「4月は約2,100件に達する」、設問ウで「改善前の4月は約1,600件」）。
    /// - 組織の規模（顧客・利用者・職員・店舗などの数）を、二か所で違う値で書いている（「顧客は約4,800社」と「5,200社の顧客」）。
    ///
    /// 同じ数量とみなすのは、単位と期間（月あたり・年間など）と「平均」の有無が同じで、後の数値が何を数えて
    /// いるかを表す語（「照会」「4月」など）が前の数値の節にもあるときだけである。単位が同じだけの別の数量
    /// （「問合せ600件」と「FAQ30件」）、同じ節で比べている数値（「4台のうち1台」）、2倍以上離れた値
    /// （「顧客約300社」と「顧客12社から依頼」）は比べない。「約」は ±5% まで同じ値とみなす。
    ///
    /// ## なぜ問題か
    /// 基準の値が食い違うと、削減率などの評価の根拠が崩れる。採点者は設問アとウの数値を突き合わせて読み、
    /// 食い違いを「実務として違和感がある」として減点する。
    ///
    /// ## 例
    /// 誤: 設問ア「照会画面の表示に平均8秒掛かり」、設問ウ「見直し前は平均6秒かかっていた照会」
    /// 正: 設問ウ「見直し前は平均8秒かかっていた照会が平均2.1秒に短縮された」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static FIGURE_CONTRADICTION = {
        code: "N004",
        name: "figure-contradiction",
        summary: "同じ数量の値が文・設問の間で食い違う",
        severity: Warning,
        scope: Both,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let facts = Facts::of(doc);
    for x in consistency::contradictions(doc.text, &facts) {
        let at = &facts.facts[x.at];
        let d = ctx
            .report(Some(at.figure.span.clone()), x.message)
            .label("前に書いた値と合わない")
            .help("同じ数量は本文全体で同じ値にそろえ、基準の値を書き直すか、違う数量なら何の数値かを書き分ける");
        if let Some(o) = x.other {
            d.related(facts.facts[o].figure.span.clone(), "前に書いた値");
        }
    }
}
