use crate::lint::rule::{Document, declare_rule};
use crate::document::essay as essay_util;
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 設問ウの今後の取り組みが、誰が・何を・いつまでに・どの指標で、のどれも無い決意表明であること
    /// （「今後も継続して取り組んでいきたい」「サービスの品質向上に努めていきたい」「〜が重要であると考える」）。
    /// 文末が「〜していきたい」「〜努めたい」「〜検討していきたい」「〜が重要であると考える」などで、
    /// 数値、相手の組織（「Z社と」「〜部と」）、時期（「次回の契約更新で」「四半期ごとに」）、仕組み
    /// （「自動」「チェックリスト」「手順に加える」）のどれも無い文を指す。モジュール段落の締めの文も同じ。
    ///
    /// ## なぜ問題か
    /// 設問ウの「今後の課題」は、残った問題と次の具体的な手を示す場所である。決意表明だけの
    /// 締めくくりは一般論として減点される。
    ///
    /// ## 誤検知しないもの
    /// - 今後の取り組みに、誰が・何を・いつ・どの指標でのどれかが書かれているもの。
    ///   正: 「今後は、夜間の一次対応をサービスデスクの2名に任せられるよう、手順書を10月までに整備する。」
    ///
    /// ## 例
    /// 誤: 「情報セキュリティ対策に終わりはないため、今後も継続して取り組んでいきたい。」
    /// 正: 「復旧に12時間かかったため、重要な3テーブルを先に戻す手順を次の訓練（10月）で検証する。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static VAGUE_RESOLUTION = {
        code: "C006",
        name: "vague-resolution",
        summary: "今後の取り組みが具体的な中身の無い決意表明になっている",
        severity: Warning,
        scope: Both,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let sentences: Vec<_> = match essay_util::part(doc, 'ウ') {
        Some(p) => essay_util::sentences(doc, p).collect(),
        None if doc.parts.is_empty() => doc.sentences.iter().collect(),
        None => return,
    };
    for r in crate::document::prose::vague_resolutions(doc, &sentences) {
        ctx.report(Some(r), "今後の取り組みが、具体的な中身（誰が・何を・いつ・どの指標で）の無い決意表明です")
            .label("決意表明だけの文")
            .help("残った問題と、次に打つ手を、担当・時期・指標のどれかを入れて書く（例: 次回の契約更新でZ社と受入条件を協議する）");
    }
}
