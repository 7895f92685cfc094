use crate::lint::rule::{Document, declare_rule};
use crate::document::targets;
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 目標と実績の書き方の不自然さ。同じ文で目標と実績を比べているときに、二つの形を報告する。
    /// - 実績が目標とちょうど同じ値で「達成した」と書いている（「停止時間の合計は4時間であり、目標とした4時間以内を達成した」）。
    ///   目標の文にその単位の数値が目標しか無いときは、同じ段落の直前の文の実績と比べる（「ちょうど3時間を要した。
    ///   3時間以内という目標を達成した。」）。文をまたぐときは、ちょうど同じ値の場合だけを報告する。
    /// - 目標に届いていないのに、「ほぼ目標どおり」「達成した」と書いている（目標30％削減に対して28％）。
    ///
    /// 目標を上回った実績（目標4時間以内に対して3時間）や、届かなかったことを正直に書いた文
    /// （「目標の30％には届かなかった。原因は…」）は報告しない。
    ///
    /// ## なぜ問題か
    /// 実績が目標と同じ値だと、目標を実績に合わせて書いたように読め、評価の信頼性が下がる。未達を言い換えて
    /// 達成のように書くと、採点者は評価の客観性を疑う。
    ///
    /// ## 誤検知しないもの
    /// - 目標を上回った実績、届かなかったことを届かなかったと書いた実績。
    ///   正: 「目標の30％削減に対し、実績は36％の削減であり、目標を上回った。」
    ///
    /// ## 例
    /// 誤: 「約28％の削減となり、目標の30％にはわずかに届かなかったが、ほぼ目標どおりの効果が得られた。」
    /// 正: 「約28％の削減にとどまり、目標の30％には届かなかった。提出画面の問合せが減らなかったためである。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static TARGET_RESULT_MISMATCH = {
        code: "C004",
        name: "target-result-mismatch",
        summary: "実績が目標とちょうど同じ、または未達を達成のように書いている",
        severity: Warning,
        scope: Both,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    for x in targets::of(doc) {
        let (label, help) = match x.kind {
            targets::TargetIssueKind::EqualsTarget => (
                "目標と同じ値の実績",
                "目標は施策の前に根拠をもって立て、実績はその目標に対して測った値をそのまま書く",
            ),
            targets::TargetIssueKind::MissedButClaimed => (
                "未達を達成のように書いている",
                "届かなかった目標は届かなかったと書き、その原因と次の手を述べる",
            ),
            _ => continue,
        };
        let d = ctx.report(Some(x.span.clone()), x.message.clone()).label(label).help(help);
        if let Some(o) = x.other.clone() {
            d.related(o, "目標");
        }
    }
}
