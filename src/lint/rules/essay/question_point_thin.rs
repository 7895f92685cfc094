use crate::lint::rule::{Document, declare_rule};
use crate::lint::rules::essay::question_point_missing as question_point;
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 問題文の設問が求める「〜の観点」「〜の視点」に、答案の設問の中でたった1文しか使っていないこと
    /// （`itsm lint --question FILE` か front matter の `question:` があるときだけ）。観点の言葉
    /// （「対応要員の視点」なら「対応要員」「要員」）をそのまま使った文を数え、ちょうど1文で、その文の段落が
    /// （行）であと2文以上続かない（説明が続かない）なら、その文を指す。言い換えだけで答えている場合は数えない
    /// （言葉が1つも無ければ E013 の対象）。本文が6文に満たない設問は対象外。「〜について」で問われる事項は、
    /// 1文で名指しして続く文で答えるのが普通なので対象外。
    ///
    /// ## なぜ問題か
    /// 問われた事項を1文で済ませると、採点者は「半分しか答えていない」と読む。とくに「〜の観点を含めて」は
    /// 出題者が最も見たい点で、判断の理由と具体的な内容を数文で書く必要がある。
    ///
    /// ## 誤検知しないもの
    /// - 観点の言葉を使った文が1文でも、その後に説明が2文以上続くもの。言い換えだけで答えたもの（E013 の対象）。
    ///   「〜について」で問われる事項。
    ///
    /// ## 例
    /// 問題文: 「設問イ　設問アで述べた問題に対して，あなたが実施した対策を，利用者の視点と対応要員の視点を含めて，800字以上1,600字以内で具体的に述べよ。」
    /// 誤（論文）: 「## 設問ア\nA社は会員向けの通販サービスを提供している。問い合わせが月9,000件あり、応答率が60%に落ちていた。\n## 設問イ\n私は、問い合わせの多い手続きについてFAQを整備すると判断した。利用者の視点では、検索しやすい言葉で質問を書き、画面ごとにFAQへの入口を置いた。FAQは月2回、問い合わせの記録から更新した。更新の前には、担当課長が内容を確かめた。FAQの閲覧は月3,000件に達した。なお、対応要員の視点では、FAQを応対の手引きとしても使うこととした。\n## 設問ウ\n応答率は60%から85%に上がった。\n」
    /// 正（論文）: 「## 設問ア\nA社は会員向けの通販サービスを提供している。問い合わせが月9,000件あり、応答率が60%に落ちていた。\n## 設問イ\n私は、問い合わせの多い手続きについてFAQを整備すると判断した。利用者の視点では、検索しやすい言葉で質問を書き、画面ごとにFAQへの入口を置いた。FAQは月2回、問い合わせの記録から更新した。更新の前には、担当課長が内容を確かめた。FAQの閲覧は月3,000件に達した。対応要員の視点では、FAQを応対の手引きとしても使うこととした。対応要員は回答の根拠としてFAQの番号を記録に残す。新人は最初の2週間、FAQに沿って応対する。\n## 設問ウ\n応答率は60%から85%に上がった。\n」
    ///
    /// ## 設定
    /// - `--question FILE`（front matter の `question:` より優先）
    pub(crate) static QUESTION_POINT_THIN = {
        code: "E017",
        name: "question-point-thin",
        summary: "問題文の設問が求める観点・視点に1文でしか答えていない（--question）",
        severity: Warning,
        scope: Essay,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let Some(q) = ctx.settings.question.clone() else {
        return;
    };
    for a in question_point::answers(doc, &q) {
        let total = doc
            .sentences
            .iter()
            .filter(|s| a.part.body.contains(&s.range.start))
            .count();
        // Points are often answered by one sentence that names them and the sentences after it;
        // only perspectives (「〜の観点」「〜の視点」) must run through the answer.
        let perspective = a.viewpoint || a.point.ends_with("視点") || a.point.ends_with("観点");
        if !perspective || a.sentences.len() != 1 || total < 6 {
            continue;
        }
        // Elaborated when its paragraph goes on for two more sentences after it.
        let s0 = &a.sentences[0];
        let Some(si) = doc.sentences.iter().position(|s| s.range == *s0) else {
            continue;
        };
        // A paragraph of an essay is a line (「　」-indented lines follow each other without blank lines).
        let rest = doc.sentences[si + 1..]
            .iter()
            .take_while(|s| !doc.text[s0.start..s.range.start].contains('\n'))
            .count();
        if rest >= 2 {
            continue;
        }
        let what = if a.viewpoint { "観点" } else { "事項" };
        ctx.report(
            Some(a.sentences[0].clone()),
            format!(
                "{}で求められている「{}」の{what}に、この1文でしか答えていません",
                a.part_name, a.point
            ),
        )
        .label("問われた事項への答えがこの1文だけ")
        .help(format!(
            "「{}」について、何を根拠にどう判断し、何を実施して、どうなったかを数文で書く",
            a.point
        ));
    }
}
