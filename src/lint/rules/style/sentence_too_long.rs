use crate::lint::rule::{Document, declare_rule};
use crate::lint::rule::{Context, RuleOption};

declare_rule! {
    /// ## 何を検出するか
    /// 一文の文字数が `max-sentence-chars`（既定 140字）を超えること。
    ///
    /// ## なぜ問題か
    /// 長い一文は主語と述語の対応が崩れやすく、採点者が論旨を追えない（自己採点表 ⑧表現・文章力）。
    /// モジュールの第1文はフォーマット上どうしても長くなるため、既定値は一般的な目安（80〜100字）より緩い。
    ///
    /// ## 例
    /// 二文に分け、「その結果」「そこで」などで因果を示す。
    ///
    /// ## 設定
    /// - `max-sentence-chars`（既定 140）
    pub(crate) static SENTENCE_TOO_LONG = {
        code: "S005",
        name: "sentence-too-long",
        summary: "一文が長すぎる（既定 140字超）",
        severity: Warning,
        scope: Both,
        options: [MAX_SENTENCE_CHARS],
        check: check,
    };
}

/// Longest sentence in characters.
pub(crate) static MAX_SENTENCE_CHARS: RuleOption = RuleOption {
    key: "max-sentence-chars",
    default: 140,
    min: 10,
    max: 10_000,
};

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let max = ctx.option(&MAX_SENTENCE_CHARS);
    for s in &doc.sentences {
        let n = doc.sentence_text(s).chars().count();
        if n > max {
            ctx.report(
                Some(s.range.clone()),
                format!("一文が{n}字あります（上限{max}字）"),
            )
            .label("この文")
            .help("二文に分け、接続語で論理関係を示す");
        }
    }
}
