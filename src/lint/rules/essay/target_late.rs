use crate::lint::rule::{Document, declare_rule};
use crate::document::{facts::Facts, targets};
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 設問ウで初めて出てくる目標値。設問ウで「目標の〜」「〜を目標とした」と書いた数値のうち、設問アや設問イに
    /// 同じ単位・同じ値の目標・要求（「〜を目標とした」「〜を合意している」「〜以内」「〜以上」）が無いものを指す。
    ///
    /// ## なぜ問題か
    /// 目標は施策の前に立て、設問ウでその達成度を評価する。結果を見てから目標を書いたように読める論文は、
    /// 評価の妥当性を疑われる。
    ///
    /// ## 例
    /// 誤: 設問ウで初めて「目標とした稼働率99.9％を達成した」
    /// 正: 設問イで「稼働率99.9％以上を目標とした」と書き、設問ウで実績を示す
    ///
    /// ## 設定
    /// なし。
    pub(crate) static TARGET_LATE = {
        code: "E016",
        name: "target-late",
        summary: "目標値が設問ウで初めて出てくる",
        severity: Warning,
        scope: Essay,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let facts = Facts::of(doc);
    for x in targets::issues(doc, &facts) {
        if x.kind == targets::TargetIssueKind::LateTarget {
            ctx.report(Some(x.span), x.message)
                .label("設問ア・イに無い目標")
                .help("目標は設問イ（または設問ア）で立て、設問ウではその目標に対する実績を書く");
        }
    }
}
