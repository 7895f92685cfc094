use crate::lint::rule::{Document, declare_rule};
use crate::document::{consistency, facts::Facts};
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 1回あたりの件数と回数の積が、同じ数量の期間の総数と合わないこと（2倍以上、または半分以下）。
    /// 会議（変更諮問委員会、定例、レビューなど）の頻度（「週1回」「月2回」）、1回あたりの件数（「毎回約50件」
    /// 「1回あたり10件」）、月や年の総数（「変更は月80件」）がそろっているときだけ検算する。
    ///
    /// ## なぜ問題か
    /// 毎週の会議で毎回約50件を審議すると月に約200件になり、月80件の変更とは合わない。数字の組み立てが
    /// 崩れている論文は、採点者に作り話と読まれる。
    ///
    /// ## 誤検知しないもの
    /// - 施策の後の値（「約20件から約8件に減った」）や、総数の一部だけを扱う回（「そのうち高リスクの約5件だけ」）。
    ///   正: 「変更は月80件ある。CABは週1回開催し、1回あたりの議題は約20件から約8件に減った。」
    ///   正: 「変更は月80件ある。CABは週1回開催し、そのうち高リスクの約5件だけを1件15分かけて審議する。」
    ///
    /// ## 例
    /// 誤: 「変更は月80件ある。CABは週1回開催し、毎回約50件の変更を審議する。」
    /// 正: 「変更は月80件ある。CABは週1回開催し、毎回約20件の変更を審議する。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static RATE_TOTAL_MISMATCH = {
        code: "N006",
        name: "rate-total-mismatch",
        summary: "1回あたりの件数×回数が期間の総数と合わない",
        severity: Warning,
        scope: Both,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let facts = Facts::of(doc);
    let sentences: Vec<&str> = doc.sentences.iter().map(|s| doc.sentence_text(s)).collect();
    for x in consistency::rate_mismatches(doc.text, facts, &sentences) {
        let at = &facts.facts[x.at];
        let d = ctx
            .report(Some(at.figure.span.clone()), x.message)
            .label("回数×1回あたりが総数と合わない")
            .help("開催頻度、1回あたりの件数、期間の総数のどれかを直して、掛け算が合うようにする");
        if let Some(o) = x.other {
            d.related(facts.facts[o].figure.span.clone(), "期間の総数");
        }
        for &k in &x.also {
            d.related(facts.facts[k].figure.span.clone(), "開催頻度");
        }
    }
}
