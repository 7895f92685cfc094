use crate::lint::rule::{Document, declare_rule};
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 第1文に「手法を使用し」（または「枠組みを導入し」「仕組みを構築し」などの言い換え）が無いこと。
    ///
    /// ## なぜ問題か
    /// モジュール段落の固定フォーマットの第1文は「〜手法を使用し、〜をした。」で、何を使って何をしたのかを
    /// 一文で示す。これが無いと、手法の紹介だけで行動が書かれていない段落になる。
    ///
    /// ## 例
    /// 誤: 「カナリアリリースと呼ばれる方式がある。」
    /// 正: 「カナリアリリースと呼ばれる、…という特徴を持つ手法を使用し、段階展開の仕組みの導入をした。」
    ///
    /// ## 設定
    /// なし。言い換えとして受け入れる語: 手法・枠組み・仕組み・技術・方式・制度・会議体・基盤・ツール 等 ＋
    /// 使用し・用いて・活用し・導入し・採用し・適用し・設置し・構築し。
    pub(crate) static MISSING_METHOD_USE = {
        code: "F003",
        name: "missing-method-use",
        summary: "第1文に「手法を使用し」が無い",
        severity: Error,
        scope: Module,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let m = crate::document::markers::markers(doc);
    let Some(first) = m.first else { return };
    if m.method.is_none() {
        ctx.report(
            Some(first),
            "第1文に「〜手法を使用し、〜をした」がありません",
        )
        .label("この文で、手法を使って何をしたかを述べる")
        .help("フォーマット: 〜と呼ばれる〜という特徴を持つ手法を使用し、〜をした。");
    }
}
