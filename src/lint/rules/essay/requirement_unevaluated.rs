use crate::lint::rule::{Document, declare_rule};
use crate::document::{facts::Facts, targets};
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 設問アで述べた要求・目標の水準（「稼働率99.9％以上」「2時間以内に回復する」のような「以上」「以内」つきの
    /// 割合と時間で、合意・要求・目標として書いたもの）を、設問ウで評価していないこと。設問ウにその数量の語
    /// （「稼働率」「回復」）も同じ値も出てこない場合に、設問アの数値を指す。受付時間・計画停止の枠など
    /// 設計上の条件は対象外。
    ///
    /// ## なぜ問題か
    /// 設問アで示した要求は、設問ウで達成状況を確かめるための物差しである。挙げた要求が評価されないと、
    /// 採点者は問題と評価のつながりが弱いと読む。
    ///
    /// ## 誤検知しないもの
    /// - 設問アのサービスの概要で述べた SLA（サービスの説明であり、設問ウで評価する要求ではない）、受付時間・サービス時間。
    /// - 設問ウで同じ値を使って評価したもの。
    ///   正（論文）: 「## 設問ア\nF社は部品メーカーである。\n停止した場合でも2時間以内に回復することを求められていた。\n## 設問イ\n私は、サーバを冗長化すると判断した。\n## 設問ウ\n停止2回の回復時間はそれぞれ40分と1時間10分で、2時間以内の要求を満たした。\n」
    ///
    /// ## 例
    /// 誤（論文）: 「## 設問ア\nF社は部品メーカーである。\n停止した場合でも2時間以内に回復することを求められていた。\n## 設問イ\n私は、サーバを冗長化すると判断した。\n## 設問ウ\n停止は年5回から年1回に減った。\n」
    /// 正: 設問ウ「停止2回の回復時間はそれぞれ40分と1時間10分で、2時間以内の要求を満たした」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static REQUIREMENT_UNEVALUATED = {
        code: "E018",
        name: "requirement-unevaluated",
        summary: "設問アの要求・目標の水準が設問ウで評価されていない",
        severity: Info,
        scope: Essay,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let facts = Facts::of(doc);
    for x in targets::issues(doc, &facts) {
        if x.kind == targets::TargetIssueKind::Unevaluated {
            ctx.report(Some(x.span), x.message)
                .label("設問ウで評価されていない要求")
                .help("設問ウで、この要求に対する実績（値と達成したかどうか）を書く");
        }
    }
}
