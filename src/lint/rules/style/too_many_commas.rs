use crate::lint::rule::{Document, declare_rule};
use crate::lint::rule::{Context, RuleOption};

declare_rule! {
    /// ## 何を検出するか
    /// 一文の読点（「、」「，」）が `max-commas`（既定 4個）を超えること。
    ///
    /// ## なぜ問題か
    /// 読点が多い文は、要素を詰め込みすぎていて係り受けが読み取りにくい。
    ///
    /// ## 例
    /// 列挙が多いときは「AとB」にまとめるか、文を分ける。
    ///
    /// ## 設定
    /// - `max-commas`（既定 4）
    pub(crate) static TOO_MANY_COMMAS = {
        code: "S006",
        name: "too-many-commas",
        summary: "一文の読点が多すぎる（既定 5個以上）",
        severity: Warning,
        scope: Both,
        options: [MAX_COMMAS],
        check: check,
    };
}

/// Most 読点 in one sentence.
pub(crate) static MAX_COMMAS: RuleOption = RuleOption {
    key: "max-commas",
    default: 4,
    min: 1,
    max: 100,
};

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let max = ctx.option(&MAX_COMMAS);
    for s in &doc.sentences {
        let t = doc.sentence_text(s);
        let n = t.chars().filter(|c| matches!(c, '、' | '，')).count();
        if n > max {
            ctx.report(
                Some(s.range.clone()),
                format!("一文に読点が{n}個あります（上限{max}個）"),
            )
            .label("この文")
            .help("文を分けるか、並列する要素をまとめる");
        }
    }
}
