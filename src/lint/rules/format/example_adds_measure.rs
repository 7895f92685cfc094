use crate::lint::rule::Context;
use crate::lint::rule::{Document, declare_rule};
use crate::text::scan as util;
use std::ops::Range;

declare_rule! {
    /// ## 何を検出するか
    /// モジュール段落の具体例（「具体的には」以降）で、「また、」「さらに、」「加えて、」などで始まる文が
    /// 別の施策を付け足していること（「また、オペレータの研修も実施した。」「さらに、古いデータは安い
    /// ストレージに移した。」）。結果を述べる文（減った・短縮した・なった…）、観察の文（確認した・
    /// 分かった…）、私を主語にした判断の文は数えない。付け足した文を指す。
    /// 採点（itsm score）の「実績」と「一般論で終わらない」の項目も、同じ判定で減点する。
    ///
    /// ## なぜ問題か
    /// 「具体的には」の後は、手法と工夫を使った1件の出来事を書く場所である。別の施策を並べると
    /// 施策の列挙になり（採点者: 「具体的にはが1例ではなく施策の列挙」「分析と無関係な研修を
    /// 付け足している」）、結果がどの施策の効果なのかも読み取れなくなる。
    ///
    /// ## 誤検知しないもの
    /// - 「また、」で始まる結果や観察の文。
    ///   正: 「また、苦情は月18件から7件に減った。」
    /// - 私の判断として付け足した手当て（判断の文、C001 が数えるもの）。
    ///   正: 「また、私は要点検の機器の部品を事前に手配するよう指示し、部品を待たずに修理できるようにした。」
    /// - 論文（設問ア・イ・ウ）には適用しない。
    ///
    /// ## 例
    /// 前提: 具体例の最後の文
    /// 誤: 「また、オペレータの応対の品質を高めるための研修も実施した。」
    /// 正: 「その結果、問い合わせは月約6,000件から約4,100件に減った。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static EXAMPLE_ADDS_MEASURE = {
        code: "F015",
        name: "example-adds-measure",
        summary: "具体例の中で「また、」「さらに、」と別の施策を付け足している",
        severity: Warning,
        scope: Module,
        check: check,
    };
}

/// The sentences of a module's example that add another measure (「また、…も実施した。」): what
/// F015 reports and the module rubric's example items deduct for.
pub(crate) fn added_measures(doc: &Document<'_>) -> Vec<Range<usize>> {
    let m = crate::document::markers::markers(doc);
    let [example] = m.examples.as_slice() else {
        return Vec::new();
    };
    let opener = util::static_regex!(
        r"^(また|さらに|加えて|あわせて|併せて|そのほか|ほかにも|同時に)(、|，)"
    );
    // A result or an observation, not a measure.
    let told = util::static_regex!(
        r"減っ|減少|減ら|短縮|縮ま|縮んだ|なくなっ|無くなっ|向上|改善さ|下が|上が|増え|増加|低下|達成|できた|となった|になった|に抑え|解消|防げ|防止でき|確認し|確かめ|判明|分かっ|わかっ|気づ|気付|検知し|見つか|発見|寄せられ|届い"
    );
    let action = util::static_regex!(r"(した|行った|講じた|設けた|定めた|決めた|移した|加えた)$");
    let watashi = util::static_regex!(r"私(は|が)");
    let decisions = crate::lint::decision_sentences(doc);
    doc.sentences
        .iter()
        .enumerate()
        .filter(|(i, s)| s.range.start > example.start && !decisions.contains(i))
        .map(|(_, s)| s)
        .filter(|s| {
            let t = doc.sentence_text(s);
            let body = t.trim_end().trim_end_matches(['。', '．']);
            opener.is_match(t) && action.is_match(body) && !told.is_match(t) && !watashi.is_match(t)
        })
        .map(|s| s.range.clone())
        .collect()
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    for r in added_measures(doc) {
        ctx.report(
            Some(r),
            "具体例の中で別の施策を付け足しています（具体例は、手法と工夫を使った1件の出来事にする）",
        )
        .label("付け足した施策")
        .help("別の施策は別のモジュールにし、具体例は工夫を使った1件の出来事と、その前後で測った結果で書く");
    }
}
