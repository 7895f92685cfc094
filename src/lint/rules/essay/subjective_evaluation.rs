use crate::lint::rule::{Document, declare_rule};
use crate::document::essay as essay_util;
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 設問ウの評価のうち、根拠となる測定値が無いもの。二つの形を文ごとに指す。
    /// - 他人の評価を根拠にしている（「好評であった」「感謝された」「大変満足しているとの評価をいただいた」）のに、
    ///   同じ文に測った値（満足度調査の点数、件数など）が無い。前後の文に別の数値があっても、称賛そのものは根拠にならない。
    /// - 書き手の印象で結論を出している（「うまくいった」「有効であったと考える」「対応力が向上した」
    ///   「意識も向上し」「仕組みを作ることができた」）のに、その段落のそれまでの文に数値が1つも無い。
    ///   数値で評価した段落の締めくくりの「効果があったと考える」は対象外。
    ///
    /// ## なぜ問題か
    /// 採点講評の減点要因に「設問ウの評価不足: うまくいった、感謝されたなど主観的・定性的な評価だけで、
    /// KPI の達成度が無い」がある。利用者の声を書くなら、満足度調査の点数や問い合わせ件数の
    /// 変化などの数値を並べて根拠にする（自己採点シートの⑥効果・評価）。
    ///
    /// ## 誤検知しないもの
    /// - 出来事を述べる「〜に成功した」、数値の根拠が同じ文か前後の文にある評価。
    ///   正: 「切替え当日に問題が見つかったが、手順どおり旧環境への切り戻しに成功した。」
    ///   正: 「新しい手順は好評で、満足度調査の平均は3.2から4.1に上がった。」
    ///
    /// ## 例
    /// 前提: 設問ウ
    /// 誤: 「新しい手順は利用部門から好評であった。」
    /// 正: 「利用部門への満足度調査では、5段階評価の平均が3.2から4.1に上がった。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static SUBJECTIVE_EVALUATION = {
        code: "E008",
        name: "subjective-evaluation",
        summary: "設問ウの評価が「うまくいった」「感謝された」など主観的で、測った値が無い",
        severity: Warning,
        scope: Essay,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let Some(p) = essay_util::part(doc, 'ウ') else {
        return;
    };
    let sentences: Vec<_> = essay_util::sentences(doc, p).collect();
    for c in crate::document::prose::subjective_claims(doc, &sentences) {
        let (msg, label) = if c.praise {
            (
                format!(
                    "「{}」は他人の評価で、測った値（満足度調査の点数、件数など）が同じ文にありません",
                    c.word
                ),
                "称賛を根拠にした評価",
            )
        } else {
            (
                format!("「{}」は主観的な評価で、根拠となる数値がありません", c.word),
                "数値の根拠が無い評価",
            )
        };
        ctx.report(Some(c.span), msg)
            .label(label)
            .help("評価は指標の値で示す（例: 問い合わせは月200件から105件に減り、満足度調査の平均は3.2から4.1に上がった）");
    }
}
