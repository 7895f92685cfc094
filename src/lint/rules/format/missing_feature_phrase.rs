use crate::lint::rule::{Document, declare_rule};
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 第1文に「〜という特徴を持つ」が無く、手法名と「手法を使用し」の間に特徴の説明も無いこと。
    ///
    /// ## なぜ問題か
    /// 手法の特徴が書かれていないと、その手法を選んだ理由（問題との対応）が読み取れない。
    /// 手本のモジュールの多くは「〜と呼ばれる、〈特徴の説明〉手法を使用し」と言い換えているので、
    /// 手法名と手法の間に10字以上の説明があれば言い換えとして受け入れる（寛容な判定）。
    ///
    /// ## 誤検知しないもの
    /// - 「という特徴を持つ」が無くても、手法名と「手法を使用し」の間に10字以上の説明があれば言い換えとみなす。
    ///   正: 「動的承認ルーティングと呼ばれる、変更の種類とリスクに応じて承認者を自動で振り分ける手法を使用し、変更の承認の仕組みを見直した。」
    ///
    /// ## 例
    /// 前提: モジュールの第1文
    /// 誤: 「既知の誤りデータベース（KEDB）と呼ばれる手法を使用し、問題の記録を整備した。」
    /// 正: 「既知の誤りデータベース（KEDB）と呼ばれる、原因と回避策を記録して共有するという特徴を持つ手法を使用し、問題の記録を整備した。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static MISSING_FEATURE_PHRASE = {
        code: "F002",
        name: "missing-feature-phrase",
        summary: "第1文に「〜という特徴を持つ」（手法の特徴）が無い",
        severity: Warning,
        scope: Module,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let m = crate::document::markers::markers(doc);
    let Some(first) = m.first else { return };
    if m.feature.is_none() && !m.feature_paraphrase {
        let span = m.name.or(m.method).unwrap_or(first);
        ctx.report(
            Some(span),
            "手法の特徴（「〜という特徴を持つ」）が書かれていません",
        )
        .label("手法名の後に「〈特徴〉という特徴を持つ」を入れる")
        .help(
            "例: 「…と呼ばれる、変更をリスクに応じて3区分に分けるという特徴を持つ手法を使用し、」",
        );
    }
}
