use crate::lint::rule::{Document, Kind, declare_rule};
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 効果が目標や見込みだけで、実績が書かれていないこと。
    /// - モジュール: 「具体的には」以降の数値を含む文がすべて「目標とした」「目指した」「目標を設定し」「見込みである」
    ///   「見込まれる」「予定である」「期待される」「見込みを得た」「見通しが立った」で終わる場合と、段落の
    ///   最後の文（効果を述べる文）が見込み・願望（「今後なくなると思います」「減少することが見込まれる」
    ///   「RTOの12時間を満たす見込みを得た」）である場合。試験で測った値を挙げても、見込みで締めた効果は
    ///   見込みである（採点者: 「the outcome is only a 見込み」「見通しが立ったと評価している」）。
    /// - 論文: 設問ウの数値を含む文がすべて目標・見込みの文である場合。
    ///
    /// 訓練や試験で実測した値（「訓練では30分で復旧した」）は実績として扱う。目標を書いたうえで実績を示す文
    /// （「目標の24時間を大きく下回った」）も実績である。
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
        scope: Both,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    use crate::document::targets::is_intent;
    // Where the results should be: the example of a module, 設問ウ of an essay.
    let from = match doc.kind {
        Kind::Module => match crate::document::markers::markers(doc).examples.first() {
            Some(ex) => ex.start,
            None => return,
        },
        Kind::Essay => match doc.parts.iter().find(|p| p.label == 'ウ') {
            Some(p) => p.body.start,
            None => return,
        },
    };
    let to = match doc.kind {
        Kind::Module => doc.text.len(),
        Kind::Essay => doc
            .parts
            .iter()
            .find(|p| p.label == 'ウ')
            .map_or(doc.text.len(), |p| p.body.end),
    };
    let scope: Vec<&crate::document::Sentence> = doc
        .sentences
        .iter()
        .filter(|s| s.range.start >= from && s.range.end <= to)
        .collect();
    let with_figures: Vec<&crate::document::Sentence> = scope
        .iter()
        .copied()
        .filter(|s| !crate::document::figures::quantities(doc.sentence_text(s)).is_empty())
        .collect();
    // A sentence is about intent when its ending is (「…を目標とした。」「…見込まれる。」);
    // 「目標の24時間を大きく下回った。」 is a result that mentions a target.
    if !with_figures.is_empty() && with_figures.iter().all(|s| is_intent(doc.sentence_text(s))) {
        let last = with_figures.last().expect("non-empty").range.clone();
        ctx.report(
            Some(last),
            "効果が目標・見込みだけで、実績の数値がありません",
        )
        .label("目標・見込みの文")
        .help("導入前→導入後の実測値（件数・時間・割合）で結果を書く");
        return;
    }
    // A module closes on its effect; when that is a hope or an expectation there is no result
    // (「苦情も大幅に減少することが見込まれる。」「作業ミスは今後なくなると思います。」).
    if doc.kind == Kind::Module
        && let Some(last) = scope.last()
        && is_intent(doc.sentence_text(last))
    {
        ctx.report(
            Some(last.range.clone()),
            "効果を見込み・願望で締めくくっていて、測った結果がありません",
        )
        .label("見込み・願望の文")
        .help("導入後に実際に測った値（件数・時間・割合）で結果を書く");
    }
}
