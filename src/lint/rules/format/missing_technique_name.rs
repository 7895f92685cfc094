use crate::lint::rule::{Document, declare_rule};
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// モジュール段落の第1文に「〈手法名〉と呼ばれる」が無いこと。
    ///
    /// ## なぜ問題か
    /// モジュール段落の固定フォーマットは手法名の提示から始まる。手法名が無いと、何を使ったのかが
    /// 採点者に伝わらず、モジュールとして再利用もできない。
    ///
    /// ## 誤検知しないもの
    /// - 手法名に略語や括弧が付いていてもよい。
    ///   正: 「変更諮問委員会（CAB）と呼ばれる、変更の影響を関係者で事前に評価するという特徴を持つ会議体を設置し、変更の審議の方法を見直した。」
    ///
    /// ## 例
    /// 前提: モジュールの第1文
    /// 誤: 「変更を三つの区分に分け、区分ごとに承認経路を自動で切り替えるという特徴を持つ手法を使用し、変更の承認の仕組みを見直した。」
    /// 正: 「動的承認ルーティングと呼ばれる、変更を三つの区分に分け、区分ごとに承認経路を自動で切り替えるという特徴を持つ手法を使用し、変更の承認の仕組みを見直した。」
    ///
    /// ## 設定
    /// なし（重大度の変更・無効化のみ）。
    pub(crate) static MISSING_TECHNIQUE_NAME = {
        code: "F001",
        name: "missing-technique-name",
        summary: "第1文に「〜と呼ばれる」（手法名）が無い",
        severity: Error,
        scope: Module,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let m = crate::document::markers::markers(doc);
    let Some(first) = m.first else { return };
    if m.name.is_none() {
        ctx.report(Some(first), "第1文に手法名（「〜と呼ばれる」）がありません")
            .label(
                "この文を「〈手法名〉と呼ばれる、〈特徴〉という特徴を持つ手法を使用し、…」で始める",
            )
            .help("フォーマット: 〜と呼ばれる〜という特徴を持つ手法を使用し、〜をした。");
    }
}
