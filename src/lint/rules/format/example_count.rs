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
    /// ## 例
    /// 正: 「具体的には、12月30日の夜間にサーバ台数を平常時の10倍に固定で増やし、…。」
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
