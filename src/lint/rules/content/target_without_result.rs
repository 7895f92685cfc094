use crate::lint::rule::{Document, Kind, declare_rule};
use crate::document::figures;
use crate::text::scan as util;
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 効果が目標や見込みだけで、実績が書かれていないこと。モジュールでは「具体的には」以降の数値を含む文が
    /// すべて「目標とした」「目指した」「見込みである」「予定である」「期待できる」で終わる文である場合に報告する。
    /// 訓練や試験で実測した値（「訓練では30分で復旧した」）は実績として扱う。
    ///
    /// ## なぜ問題か
    /// 採点講評が繰り返し指摘する減点要因。設問ウは施策の評価を問うので、目標値だけでは
    /// 評価にならない。導入前→導入後の実測値で書く。
    ///
    /// ## 誤検知しないもの
    /// - 訓練や試験で実測した値、目標に触れた結果の文は実績として扱う。
    ///   正: 「具体的には、切替訓練では目標の30分に対して22分で復旧できた。」
    ///   正: 「具体的には、審議の時間は1件あたり平均4分となり、目標とした5分以内を下回った。」
    ///
    /// ## 例
    /// 前提: モジュールの具体例（「具体的には」以降）
    /// 誤: 「具体的には、審議の時間を1件あたり5分以内にすることを目標とした。」
    /// 正: 「具体的には、審議の時間は導入前の1件あたり平均15分から、導入後3か月で4分になった。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static TARGET_WITHOUT_RESULT = {
        code: "C003",
        name: "target-without-result",
        summary: "効果が目標・見込みだけで実績が無い",
        severity: Warning,
        scope: Module,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    if doc.kind != Kind::Module {
        return;
    }
    let m = crate::document::markers::markers(doc);
    let Some(ex) = m.examples.first() else { return };
    let intent = util::static_regex!(
        r"(目標と(した|する|している)|目標である|目指(した|す|している)|見込み(である|だ|だった|となった)|見込んでいる|予定(である|だ)|計画(した|している)|期待(できる|される|している)|狙いである)[。！]?$"
    );
    let with_figures: Vec<&crate::document::Sentence> = doc
        .sentences
        .iter()
        .filter(|s| s.range.end > ex.start && !figures::quantities(doc.sentence_text(s)).is_empty())
        .collect();
    if with_figures.is_empty() {
        return;
    }
    // A sentence is about intent when its ending is (「…を目標とした。」「…見込みだった。」);
    // 「目標の24時間を大きく下回った。」 is a result that mentions a target.
    let ends_in_intent = |t: &str| intent.is_match(t.trim_end());
    if with_figures
        .iter()
        .all(|s| ends_in_intent(doc.sentence_text(s)))
    {
        let last = with_figures.last().expect("non-empty").range.clone();
        ctx.report(
            Some(last),
            "効果が目標・見込みだけで、実績の数値がありません",
        )
        .label("目標・見込みの文")
        .help("導入前→導入後の実測値（件数・時間・割合）で結果を書く");
    }
}
