use crate::lint::rule::{Document, Kind, declare_rule};
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 書き手の事例ではなく、教科書の一般論を述べている箇所。同じ段落に続く一般論の文（「〜することが重要である」
    /// 「〜が求められる」「ITILでは〜が定められている」のように、私も、数値も、事例の組織名や日時も無く、
    /// 現在形で結ぶ文）が、論文では3文以上、モジュール段落では2文以上続くとき、その最初の文を指す。
    /// 「ITILでは」「〜に沿って」「ベストプラクティス」のような枠組みの説明を含むときは2文から報告する。
    /// モジュールの「なぜならば〜からである」「工夫した点は〜」「具体的には〜」の文は対象外。
    ///
    /// ## なぜ問題か
    /// 採点者が見たいのは、その現場で私が何を判断し、どう工夫したかである。ITIL のプロセスを並べたり
    /// 「〜が重要である」と一般論を述べたりした字数は評価されず、「一般論に逃げる」として減点される。
    ///
    /// ## 例
    /// 誤: 「ITILでは，検知と記録，分類，…というプロセスが定められている。重大なインシデントの場合は，別の手順で対応する必要がある。」
    /// 正: 「私は，ログインできない受講者が約2万人に及ぶと見積もり，優先度を最上位とした。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static TEXTBOOK_GENERALITY = {
        code: "C005",
        name: "textbook-generality",
        summary: "事例ではなく教科書の一般論（ITILの説明、「〜が重要である」）を続けて書いている",
        severity: Warning,
        scope: Both,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let min = if doc.kind == Kind::Module { 2 } else { 3 };
    let sentences: Vec<_> = doc.sentences.iter().collect();
    for t in crate::document::prose::textbook_runs(doc, &sentences, min) {
        ctx.report(
            Some(t.first.clone()),
            format!(
                "一般論の文が{}文続いています（私の判断も、事例の数値・組織も出てきません）",
                t.sentences
            ),
        )
        .label("教科書の一般論")
        .help("一般論を削り、その現場で私が何を根拠にどう判断し、何をしたかを数値と組織名で書く");
    }
}
