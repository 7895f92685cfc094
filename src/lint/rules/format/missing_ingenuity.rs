use crate::lint::rule::{Document, declare_rule};
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 「工夫した点は、〜。」の文が無いこと（「工夫した点として」「その工夫として」も可）。
    ///
    /// ## なぜ問題か
    /// 設問イは「工夫した点」を必ず問う。教科書どおりの手法に、現場の制約に合わせた工夫を
    /// 加えたことが A 評価の分かれ目になる（採点講評の傾向）。
    ///
    /// ## 誤検知しないもの
    /// - 「工夫した点として」「その工夫として」で始めてもよい。
    ///   正: 「工夫した点として、承認画面に月間の停止許容時間の残量を示した。」
    ///
    /// ## 例
    /// 前提: モジュールの工夫の文
    /// 誤: 「承認画面には、月間の停止許容時間の残量と延期した場合の機会損失額を並べて示した。」
    /// 正: 「工夫した点は、承認画面に月間の停止許容時間の残量と延期した場合の機会損失額を並べて示した点である。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static MISSING_INGENUITY = {
        code: "F007",
        name: "missing-ingenuity",
        summary: "「工夫した点は、〜。」の文が無い",
        severity: Error,
        scope: Module,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let m = crate::document::markers::markers(doc);
    if m.first.is_none() || m.ingenuity.is_some() {
        return;
    }
    let span = m
        .examples
        .first()
        .cloned()
        .or(m.reason_sentence)
        .or(m.first);
    ctx.report(span, "「工夫した点は、〜。」の文がありません")
        .label("この前に「工夫した点は、〜点である。」を置く")
        .help("現場の制約に合わせて手法をどう変えたかを一文で書く");
}
