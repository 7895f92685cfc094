use crate::lint::rule::{Document, declare_rule};
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// フォーマットの要素（手法名 → 手法の使用 → 理由 → 工夫 → 具体例）の順序が入れ替わっていること。
    ///
    /// ## なぜ問題か
    /// モジュール段落の固定フォーマットは、何をしたか → なぜか → どう工夫したか → 具体的に、の順で
    /// 論理を積み上げる。順序が崩れると、理由より先に具体例が来るなど論旨が追えなくなる。
    ///
    /// ## 誤検知しないもの
    /// - 工夫の文と具体例の間に判断や背景の文が挟まるのは、このルールでは問題にしない
    ///   （理由の文と工夫の文の間に挟まる文は F014）。
    ///   正: 「なぜならば、承認待ちが長いというサービス運用上の問題・課題が解決できると考えたからである。工夫した点は、承認画面に停止許容時間の残量を示した点である。私は、この方針についてCABの合意を得た。」
    ///
    /// ## 例
    /// 前提: 第1文の後の理由と工夫の文
    /// 誤: 「工夫した点は、承認画面に停止許容時間の残量を示した点である。なぜならば、承認待ちが長いというサービス運用上の問題・課題が解決できると考えたからである。」
    /// 正: 「なぜならば、承認待ちが長いというサービス運用上の問題・課題が解決できると考えたからである。工夫した点は、承認画面に停止許容時間の残量を示した点である。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static FORMAT_ORDER = {
        code: "F009",
        name: "format-order",
        summary: "フォーマット要素の順序が違う（手法→理由→工夫→具体例）",
        severity: Error,
        scope: Module,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let m = crate::document::markers::markers(doc);
    let seq = [
        ("「と呼ばれる」", m.name.clone()),
        ("「手法を使用し」", m.method.clone()),
        ("「なぜならば」", m.reason.clone()),
        ("「工夫した点は」", m.ingenuity.clone()),
        ("「具体的には」", m.examples.first().cloned()),
    ];
    let present: Vec<(&str, std::ops::Range<usize>)> = seq
        .into_iter()
        .filter_map(|(n, r)| r.map(|r| (n, r)))
        .collect();
    for w in present.windows(2) {
        let (pn, pr) = &w[0];
        let (n, r) = &w[1];
        if r.start < pr.start {
            ctx.report(Some(r.clone()), format!("{n}が{pn}より前にあります"))
                .label(format!("{n}は{pn}の後に置く"))
                .related(pr.clone(), format!("{pn}はここ"))
                .help("順序: と呼ばれる → 手法を使用し → なぜならば → 工夫した点は → 具体的には");
            return;
        }
    }
}
