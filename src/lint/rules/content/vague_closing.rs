use crate::lint::rule::Context;
use crate::lint::rule::{Document, Kind, declare_rule};
use crate::document::figures;
use crate::text::scan as util;
use std::ops::Range;

declare_rule! {
    /// ## 何を検出するか
    /// モジュール段落の最後の文が、数値の無い効果の主張で締めくくられていること（「サービスの安全性が
    /// 向上した。」「顧客満足度の向上にもつながったと考える。」「安心して遊べるサービスを提供できる
    /// 体制を整えた。」）。向上・改善・つながった・整えた・実現・高まった・貢献…を述べ、数値を一つも
    /// 含まない最後の文を指す。採点（itsm score）の「一般論で終わらない」「具体例」「実績」の項目も、同じ判定で
    /// 減点する。
    ///
    /// 数値は他の規則（C002 など）と同じく数える: 量を表す数（「6日」「三件」「１２％」）と測った値
    /// （「3.2から4.1に」）。漢数字・全角数字も数値であり、日付（「2024年」）は数値とみなさない。
    ///
    /// ## なぜ問題か
    /// モジュールは具体例の最後に、理由に書いた問題がどう変わったかを測った値で述べて終える。
    /// 数値の無い「向上した」「つながった」で締めると、効果が主観的な主張になり（採点者: 「主観的な締め」
    /// 「Result does not measure the stated problem and ends vaguely」「結果に数値がない」）、その前に
    /// 書いた数値も何の効果なのかが読み取れなくなる。
    ///
    /// ## 誤検知しないもの
    /// - 最後の文に測った値があるもの。
    ///   正: 「その結果、重要な脆弱性の適用までの日数は平均40日から6日に短縮した。」
    /// - 最後の文が効果を主張しないもの（出来事・判断の文）。
    ///   正: 「私は、この基準を翌月から全店に広げることを決めた。」
    /// - 「今後も〜していきたい」の決意表明（C006 が指摘する）、論文（設問ア・イ・ウ）。
    ///
    /// ## 例
    /// 前提: 具体例の最後の文
    /// 誤: 「その結果、重要な脆弱性が長期間放置されることはなくなり、サービスの安全性が向上した。」
    /// 正: 「その結果、重要な脆弱性の適用までの日数は平均40日から6日に短縮した。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static VAGUE_CLOSING = {
        code: "C007",
        name: "vague-closing",
        summary: "モジュールの最後の文が、数値の無い効果の主張（向上した・つながった）で終わっている",
        severity: Warning,
        scope: Module,
        check: check,
    };
}

/// The last sentence of a module when it claims an effect with no figure: what C007 reports and
/// the module rubric deducts for.
pub(crate) fn vague_closing(doc: &Document<'_>) -> Option<Range<usize>> {
    if doc.kind != Kind::Module {
        return None;
    }
    let m = crate::document::markers::markers(doc);
    let example = m.examples.first()?;
    let last = doc.sentences.last()?;
    if last.range.end <= example.start {
        return None;
    }
    let t = doc.sentence_text(last);
    let claim = util::static_regex!(
        r"向上|改善|つなが|整え|実現|できるようにな|高ま|貢献|安心|円滑|スムーズ|強化"
    );
    // 「今後も〜していきたい」 is C006's resolution, not a claimed effect.
    let resolution = util::static_regex!(r"今後|たい。?$");
    (claim.is_match(t) && !resolution.is_match(t) && !has_figure(t)).then(|| last.range.clone())
}

/// Whether a sentence states a figure, as the figure layer reads them ([`figures`]): a quantity
/// (what C002 and the score count as 定量情報: 「6日」「三件」「１２％」「数件」) or a measured
/// bare number (「3.2から4.1に」). A date (「2024年」) or a chapter number is no figure.
fn has_figure(t: &str) -> bool {
    !figures::quantities(t).is_empty() || !figures::measured(t).is_empty()
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let Some(r) = vague_closing(doc) else {
        return;
    };
    ctx.report(
        Some(r),
        "モジュールを、数値の無い効果の主張で締めくくっています（何がどれだけ変わったかが無い）",
    )
    .label("数値の無い効果の主張")
    .help("最後の文で、理由に書いた問題の指標を導入前→導入後の測った値で書く（例: 平均40日から6日に短縮した）");
}
