use crate::lint::rule::{Document, declare_rule};
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 「具体的には」が無いこと、または2回以上あること。
    ///
    /// ## なぜ問題か
    /// フォーマットは「具体的には」の後に、手法を使った架空の具体例を**1件**書くことを求める。
    /// 具体例が無いと一般論に見え、複数あると焦点がぼける。
    ///
    /// ## 誤検知しないもの
    /// - 「具体的に」「具体的な」は「具体的には」と数えない。
    ///   正: 「具体的には、導入後は月80件の変更のうち50件が自動承認となった。承認の手順を具体的に示した画面も用意した。」
    ///
    /// ## 例
    /// 前提: モジュールの具体例の文
    /// 誤: 「導入後は月80件の変更のうち50件が自動承認の標準変更に振り分けられた。」
    /// 誤: 「具体的には、月80件の変更のうち50件が自動承認となった。具体的には、高リスクの5件だけを審議した。」
    /// 正: 「具体的には、導入後は月80件の変更のうち50件が自動承認の標準変更に振り分けられた。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static EXAMPLE_COUNT = {
        code: "F008",
        name: "example-count",
        summary: "「具体的には」が無い、または2回以上ある",
        severity: Error,
        scope: Module,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let m = crate::document::markers::markers(doc);
    let Some(first) = m.first else { return };
    match m.examples.len() {
        0 => {
            let last = doc
                .sentences
                .last()
                .map(|s| s.range.clone())
                .unwrap_or(first);
            ctx.report(Some(last), "「具体的には」で始まる具体例がありません")
                .label("最後に「具体的には、〜。」で架空の具体例を1件書く")
                .help("日時・件数・時間などの数値と、導入前後の変化を含めた1件のエピソードにする");
        }
        1 => {}
        n => {
            let second = m.examples[1].clone();
            ctx.report(
                Some(second),
                format!("「具体的には」が{n}回あります。具体例は1件に絞ります"),
            )
            .label("2回目の「具体的には」")
            .related(m.examples[0].clone(), "1回目")
            .help("2件目の例は削るか、1件目のエピソードに統合する");
        }
    }
}
