use crate::lint::rule::{Context, RuleOption};
use crate::lint::rule::{Document, declare_rule};

declare_rule! {
    /// ## 何を検出するか
    /// モジュール段落の字数（空白・改行を除く）が `max-module-chars`（既定 {module-max-chars}字）を超えること。
    /// 下限は F010（module-too-short）が見る。
    ///
    /// ## なぜ問題か
    /// モジュール段落は論文の設問イに組み込む部品であり、設問イの上限（{module-max-chars}字）に収まらないものは
    /// そのまま使えない。同じ例を何度も繰り返した文章や、複数の段落をつないだ文章も、形式の上では
    /// 整って見えるが、1つのモジュールとしては採点できない。この指摘があるモジュールは、採点（itsm score）で
    /// 合格にしない。
    ///
    /// ## 誤検知しないもの
    /// - 字数は空白と改行を除いて数える（`itsm count` の CBT の数え方と同じ）。段落の上のタイトル行は数えない。
    /// - 論文（設問ア・イ・ウ）には適用しない（設問ごとの上限は E004）。
    ///
    /// ## 例
    /// 前提: 同じ例を繰り返して約1,580字まで書いたモジュールの最後の一文
    /// 誤: 「この区分は、翌年度に全社の変更管理の標準として採用され、他の三つのサービスにも広げられた。」
    /// 正: 「この区分は翌年度も続けた。」
    ///
    /// 直し方: 1つの手法・1つの具体例に絞り、繰り返しや別の手法の話は別のモジュールに分ける。
    ///
    /// ## 設定
    /// - `max-module-chars`（既定 {module-max-chars-n}）
    pub(crate) static MODULE_TOO_LONG = {
        code: "F013",
        name: "module-too-long",
        summary: "モジュール段落が{module-max-chars}字を超える",
        severity: Error,
        scope: Module,
        options: [MAX_MODULE_CHARS],
        check: check,
    };
}

/// Longest module paragraph in characters.
pub(crate) static MAX_MODULE_CHARS: RuleOption = RuleOption {
    key: "max-module-chars",
    default: crate::exam::MODULE_MAX_CHARS,
    min: 1,
    max: 100_000,
};

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let n = doc.prose_chars();
    let max = ctx.option(&MAX_MODULE_CHARS);
    if n <= max {
        return;
    }
    // The sentence where the limit is crossed.
    let mut seen = 0;
    let span = doc
        .sentences
        .iter()
        .find(|s| {
            seen += crate::text::lines::count_chars(doc.sentence_text(s));
            seen > max
        })
        .map(|s| s.range.clone());
    ctx.report(
        span,
        format!(
            "モジュールが{}字あり、上限の{}字を{}字超えています",
            crate::exam::thousands(n),
            crate::exam::thousands(max),
            crate::exam::thousands(n - max)
        ),
    )
    .label("ここで上限を超える")
    .help("1つの手法・1つの具体例に絞り、繰り返しや別の話題は別のモジュールに分ける");
}
