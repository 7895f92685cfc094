use crate::lint::rule::{Document, declare_rule};
use crate::text::scan as util;
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 理由の文に「サービス運用上の問題・課題」（または「〜上の問題・課題」「〜における問題・課題」）が無いこと。
    ///
    /// ## なぜ問題か
    /// モジュールは、その現場に特有の運用・保守・サービス品質の問題を手法で解決する、という視点で書く
    /// （固定フォーマットの理由の文の要件）。理由が開発や一般論になっていると、ITサービスマネージャの論述にならない。
    /// 「可用性管理上の問題・課題」のような言い換えは受け入れる。
    ///
    /// ## 誤検知しないもの
    /// - 「可用性管理上の問題・課題」「〜における問題・課題」のような言い換え。
    ///   正: 「なぜならば、承認待ちの間にセキュリティパッチの適用が5日遅れるという変更管理上の問題・課題が解決できると考えたからである。」
    ///
    /// ## 例
    /// 前提: モジュールの理由の文
    /// 誤: 「なぜならば、5名の承認者が週1回のCABで全件を承認しており、セキュリティパッチも5日待たされていたからである。」
    /// 正: 「なぜならば、5名の承認者が週1回のCABで全件を承認しており、セキュリティパッチも5日待たされるというサービス運用上の問題・課題が解決できると考えたからである。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static MISSING_SERVICE_PROBLEM = {
        code: "F005",
        name: "missing-service-problem",
        summary: "理由の文に「サービス運用上の問題・課題」が無い",
        severity: Warning,
        scope: Module,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let m = crate::document::markers::markers(doc);
    let Some(rs) = m.reason_sentence else { return };
    let s = &doc.text[rs.clone()];
    let ok = s.contains("サービス運用上の問題・課題")
        || util::static_regex!(r"(上|における)の?(問題・課題|課題・問題)").is_match(s);
    if !ok {
        ctx.report(
            Some(rs),
            "理由の文に「サービス運用上の問題・課題」がありません",
        )
        .label("解決したい運用上の問題をここで述べる")
        .help("「〜というサービス運用上の問題・課題が解決できると考えたからである」の形にする");
    }
}
