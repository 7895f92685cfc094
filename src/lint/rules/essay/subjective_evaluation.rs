use crate::lint::rule::{Document, declare_rule};
use crate::document::essay as essay_util;
use crate::document::figures;
use crate::text::scan as util;
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 設問ウの主観的な評価の言葉（「うまくいった」「好評」「感謝された」「満足してもらえた」「喜ばれた」
    /// 「（施策は）成功した」「高く評価された」）のうち、同じ文と同じ段落の前後の文に数値が1つも無いもの。
    /// 言葉ごとに指す。「切り戻しに成功した」のように出来事を述べる「〜に成功した」は対象外。
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
        summary: "設問ウの評価が「うまくいった」「感謝された」など主観的で数値が無い",
        severity: Warning,
        scope: Essay,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let Some(p) = essay_util::part(doc, 'ウ') else {
        return;
    };
    let subjective = util::static_regex!(
        r"うまく(いっ|行っ|いか)|上手く(いっ|行っ)|好評|感謝(され|の(言葉|声))|満足して(もらえ|いただ|くれ)|満足(いただ|してもら)|喜ばれ|喜んで(もらえ|いただ|くれ)|大成功|成功(した|だった|であった|を収め|と言え|といえ)|高く評価され|高い評価を(得|受け|いただ)|お褒め"
    );
    let sentences: Vec<_> = essay_util::sentences(doc, p).collect();
    for (i, s) in sentences.iter().enumerate() {
        let t = doc.sentence_text(s);
        for m in subjective.find_iter(t) {
            // 「切り戻しに成功した」 reports an event, not a verdict on the measure.
            if m.as_str().starts_with("成功") && t[..m.start()].ends_with('に') {
                continue;
            }
            let nearby = i.saturating_sub(1)..(i + 2).min(sentences.len());
            let has_figures = sentences[nearby]
                .iter()
                .filter(|n| n.paragraph == s.paragraph)
                .any(|n| !figures::measured(doc.sentence_text(n)).is_empty());
            if has_figures {
                continue;
            }
            let start = s.range.start + m.start();
            ctx.report(
                Some(start..start + m.len()),
                format!("「{}」は主観的な評価で、根拠となる数値がありません", m.as_str()),
            )
            .label("数値の根拠が無い評価")
            .help("評価は指標の値で示す（例: 問い合わせは月200件から105件に減り、満足度調査の平均は3.2から4.1に上がった）");
        }
    }
}
