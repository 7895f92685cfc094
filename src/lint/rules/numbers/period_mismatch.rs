use crate::lint::rule::{Document, declare_rule};
use crate::document::{consistency, facts::Facts};
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 数値の期間が主張と合わないこと。
    /// - 観測した期間より長い期間あたりの値で結果を書いている（「導入後3か月で、障害は年12件から年5件に減った」）。
    /// - 期間の異なる数値を合算している（一時費用「約1,500万円」と年額「年間約300万円」で「合計約1,800万円」）。
    /// - 導入前と導入後を違う期間あたりの値で比べている（「四半期120件から月14件」）。
    ///
    /// 期間は数値の直前の「月」「月平均」「年間」「1日」「毎回」など、観測期間は「導入後3か月」「過去1年間に」
    /// 「4か月間で」などから読み取る。期間が書かれていない数値どうしは比べない。
    ///
    /// ## なぜ問題か
    /// 3か月で年あたりの件数は測れず、一時費用と年額は足せない。採点者はこうした数値を検算して
    /// 「実務として違和感がある」と判断する。
    ///
    /// ## 誤検知しないもの
    /// - 同じ長さの期間どうしの比較や、実績の期間が値の期間に足りている場合。
    ///   正: 「導入後の1年間で、障害は年12件から年5件に減った。」
    ///
    /// ## 例
    /// 誤: 「導入後3か月で、障害は年12件から年5件に減った。」
    /// 正: 「導入前の3か月の3件に対し、導入後の3か月は1件であった。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static PERIOD_MISMATCH = {
        code: "N005",
        name: "period-mismatch",
        summary: "数値の期間が主張と合わない（観測期間、一時と年額の合算、期間の違う比較）",
        severity: Warning,
        scope: Both,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let facts = Facts::of(doc);
    for x in consistency::period_mismatches(doc.text, facts) {
        let at = &facts.facts[x.at];
        let d = ctx
            .report(Some(at.figure.span.clone()), x.message)
            .label("期間が合わない")
            .help("比べる数値・足す数値の期間（月あたり、年額、一時）をそろえ、観測した期間の実績で書く");
        if let Some(o) = x.other {
            d.related(facts.facts[o].figure.span.clone(), "比べている値");
        }
        for &k in &x.also {
            d.related(facts.facts[k].figure.span.clone(), "合算している値");
        }
    }
}
