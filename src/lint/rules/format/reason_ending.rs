use crate::lint::rule::{Document, declare_rule};
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 理由の文が「が解決できると考えたからである。」で終わっていないこと。
    ///
    /// ## なぜ問題か
    /// 「〜があったからである」で終わると、問題の存在を述べただけで、手法がそれを解決するという
    /// 因果が書かれない。手本のモジュールでも言い換えが多いため、警告に留める。
    ///
    /// ## 誤検知しないもの
    /// - 「を解決できると考えたからである。」も受け入れる。
    ///   正: 「なぜならば、セキュリティパッチが5日待たされるというサービス運用上の問題・課題を解決できると考えたからである。」
    ///
    /// ## 例
    /// 前提: モジュールの理由の文
    /// 誤: 「なぜならば、平均40日かかっていたからである。」
    /// 正: 「なぜならば、平均40日かかるというサービス運用上の問題・課題が解決できると考えたからである。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static REASON_ENDING = {
        code: "F006",
        name: "reason-ending",
        summary: "理由の文が「が解決できると考えたからである。」で終わらない",
        severity: Warning,
        scope: Module,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let m = crate::document::markers::markers(doc);
    let Some(rs) = m.reason_sentence else { return };
    let s = doc.text[rs.clone()].trim_end();
    if s.ends_with("が解決できると考えたからである。")
        || s.ends_with("を解決できると考えたからである。")
    {
        return;
    }
    let tail_len = s.chars().rev().take(12).map(char::len_utf8).sum::<usize>();
    let span = rs.end - tail_len.min(rs.end - rs.start)..rs.end;
    let msg = if s.ends_with("からである。") {
        "理由の文が「が解決できると考えたからである。」で終わっていません"
    } else {
        "理由の文が「からである。」で結ばれていません"
    };
    ctx.report(Some(span), msg)
        .label("ここを「…が解決できると考えたからである。」にする")
        .help("問題の存在ではなく、手法で問題が解決できると判断したことを書く");
}
