use crate::lint::rule::{Document, declare_rule};
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 「なぜならば」（または「理由は」「根拠は」）で始まる理由の文が無いこと。
    ///
    /// ## なぜ問題か
    /// 採点者が最も見るのは「なぜその手法を選んだか」である（固定フォーマットの理由の文、80点以上チェックの「判断理由」）。
    /// 理由の文が無いモジュールは、施策の羅列に見える。
    ///
    /// ## 誤検知しないもの
    /// - 「理由は」「根拠は」で始まる文も理由の文とみなす。
    ///   正: 「理由は、5名の承認者が週1回のCABで全件を承認しており、セキュリティパッチも5日待たされるというサービス運用上の問題・課題が解決できると考えたからである。」
    ///
    /// ## 例
    /// 前提: モジュールの第2文
    /// 誤: 「これまでは、5名の承認者が週1回のCABで全件を承認していた。」
    /// 正: 「なぜならば、5名の承認者が週1回のCABで全件を承認しており、セキュリティパッチも5日待たされるというサービス運用上の問題・課題が解決できると考えたからである。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static MISSING_REASON = {
        code: "F004",
        name: "missing-reason",
        summary: "「なぜならば」で始まる理由の文が無い",
        severity: Error,
        scope: Module,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let m = crate::document::markers::markers(doc);
    if m.first.is_none() || m.reason.is_some() {
        return;
    }
    let span = doc.sentences.get(1).map(|s| s.range.clone()).or(m.first);
    ctx.report(
        span,
        "理由の文（「なぜならば、〜からである。」）がありません",
    )
    .label("第1文の後に「なぜならば」で始まる理由の文を置く")
    .help(
        "「なぜならば、〈問題〉というサービス運用上の問題・課題が解決できると考えたからである。」",
    );
}
