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
    /// ## 例
    /// 具体例に日時・件数・導入前後の数値を足し、背景の制約を一文加える。
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
