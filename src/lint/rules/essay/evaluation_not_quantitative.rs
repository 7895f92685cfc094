use crate::lint::rule::{Document, declare_rule};
use crate::document::essay as essay_util;
use crate::document::figures;
use crate::text::scan as util;
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 設問ウに定量的な評価が1つも無いこと。定量的な評価とは、数値（数値＋単位）を含み、導入前後の変化
    /// （「60分から35分に」のように数値が2つある）または結果を表す語（削減・短縮・向上・達成・減少・
    /// 維持・下回った・0件になった…、実績・効果・目標）を伴う文である。設問ウの見出しを指す。
    /// 本文の無い設問ウは字数の規則に任せる。
    ///
    /// ## なぜ問題か
    /// 設問ウで問われる評価は、定量的な品質指標（KPI）で示す（自己採点シートの⑥効果・評価）。
    /// 「うまくいった」のような定性的な評価だけでは評価不足として減点される（採点講評の減点要因）。
    /// 目標値と実績値、導入前後の差を数値で書く。
    ///
    /// ## 誤検知しないもの
    /// - 数値が一つでも、結果を表す語（達成・短縮・以内…）を伴えば定量的な評価とみなす。
    ///   正: 「目標の45分以内を、導入後の6か月間すべての月で達成した。」
    ///
    /// ## 例
    /// 前提: 設問ウ（後に今後の課題の文が続く）
    /// 誤: 「施策の結果、障害対応は大きく改善した。」
    /// 正: 「障害の平均復旧時間は60分から35分に短縮し、目標の45分以内を達成した。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static EVALUATION_NOT_QUANTITATIVE = {
        code: "E006",
        name: "evaluation-not-quantitative",
        summary: "設問ウに数値による評価（導入前後の変化・目標の達成）が無い",
        severity: Warning,
        scope: Essay,
        check: check,
    };
}

/// Does the sentence evaluate with figures?
pub(crate) fn is_quantitative(s: &str) -> bool {
    let n = figures::measured(s).len();
    let result = util::static_regex!(
        r"削減|短縮|向上|達成|改善|減少|減っ|減ら|減り|減じ|増加|増え|増や|低下|上昇|抑え|抑制|下回|上回|満た|維持|留ま|とどま|解消|半減|縮ま|高ま|超え|以内|以下|未満|収ま|下が|上が|回復|防い|防げ|ゼロ|なくな|無くな|実現|確保|実績|効果|目標|結果|なった|となり|になり|であった|だった"
    );
    n >= 2 && s.contains("から") || n >= 1 && result.is_match(s)
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let Some(p) = essay_util::part(doc, 'ウ') else {
        return;
    };
    if !essay_util::has_prose(doc, p) {
        return;
    }
    if essay_util::sentences(doc, p).any(|s| is_quantitative(doc.sentence_text(s))) {
        return;
    }
    ctx.report(
        Some(p.heading.clone()),
        "設問ウに数値による評価（導入前後の変化や目標の達成度）がありません",
    )
    .label("ここで施策の効果を数値で示す")
    .help("評価の指標を決め、導入前→導入後の値と目標値を書く（例: 平均復旧時間は60分から35分に短縮し、目標の45分以内を達成した）");
}
