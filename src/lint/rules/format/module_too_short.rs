use crate::lint::rule::{Document, declare_rule};
use crate::lint::rule::{Context, RuleOption};

declare_rule! {
    /// ## 何を検出するか
    /// モジュール段落の字数（空白・改行を除く）が `min-module-chars`（既定 {module-min-chars}字）未満であること。
    ///
    /// ## なぜ問題か
    /// モジュール段落の形式の制約は {module-min-chars} 文字以上。短いモジュールは具体例や工夫が書き切れておらず、
    /// 論文に組み込んでも設問イの字数と具体性を支えられない。
    ///
    /// ## 誤検知しないもの
    /// - 字数は空白と改行を除いて数える（`itsm count` の CBT の数え方と同じ）。段落の上のタイトル行は数えない。
    ///
    /// ## 例
    /// 前提: 手法・理由・工夫の3文で約320字のモジュールの具体例
    /// 誤: 「具体的には、審議の時間が短くなった。」
    /// 正: 「具体的には、導入後は月80件の変更のうち50件が自動承認の標準変更に振り分けられ、高リスクの5件だけを1件15分以上かけて審議した結果、変更起因の障害は年12件から年5件に減った。」
    ///
    /// ## 設定
    /// - `min-module-chars`（既定 {module-min-chars}）
    pub(crate) static MODULE_TOO_SHORT = {
        code: "F010",
        name: "module-too-short",
        summary: "モジュール段落が{module-min-chars}字未満",
        severity: Error,
        scope: Module,
        options: [MIN_MODULE_CHARS],
        check: check,
    };
}

/// Shortest module paragraph in characters.
pub(crate) static MIN_MODULE_CHARS: RuleOption = RuleOption {
    key: "min-module-chars",
    default: crate::exam::MODULE_MIN_CHARS,
    min: 1,
    max: 10_000,
};

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let n = doc.prose_chars();
    let min = ctx.option(&MIN_MODULE_CHARS);
    if n == 0 {
        ctx.report(None, "本文がありません（空のファイルです）")
            .help(format!("モジュールは{min}字以上の1段落で書く"));
        return;
    }
    if n < min {
        let span = doc.sentences.last().map(|s| s.range.clone());
        ctx.report(
            span,
            format!(
                "モジュールが{n}字しかありません（{min}字以上が必要。あと{}字）",
                min - n
            ),
        )
        .label(format!("ここまでで{n}字"))
        .help("具体例に数値と導入前後の変化を足す、背景となる現場の制約を一文加える、など");
    }
}

/// The minimum length of a module paragraph under `settings` (also what `itsm count` holds a
/// module paragraph to).
pub(crate) fn min_module_chars(settings: &crate::lint::Settings) -> usize {
    settings.option(MODULE_TOO_SHORT.code, &MIN_MODULE_CHARS)
}
