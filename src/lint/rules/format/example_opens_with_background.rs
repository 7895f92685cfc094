use crate::lint::rule::Context;
use crate::lint::rule::{Document, declare_rule};
use crate::text::scan as util;
use std::ops::Range;

declare_rule! {
    /// ## 何を検出するか
    /// モジュール段落の具体例が、出来事ではなくサービスや組織の背景の説明から始まっていること
    /// （「具体的には、店舗業務基盤は全200店の約3,000名が使い、朝7時から9時には問い合わせが集中する。」
    /// 「具体的には、C社は夜間の監視を外部の委託先に任せているが、委託先は再起動しかできない。」）。
    /// 「具体的には」で始まる文の最後の述語が過去形（〜た）でなく、現在の状態を述べる形
    /// （〜する・〜している・〜である・〜必要がある・〜できない）であるものを指す。
    /// 採点（itsm score）の「具体例」と「一般論で終わらない」の項目も、同じ判定で減点する。
    ///
    /// ## なぜ問題か
    /// 「具体的には」の後は、手法と工夫を使った1件の出来事を書く場所である。利用者数や委託の体制などの
    /// 背景から始めると、出来事に入るまでが長くなり、どの出来事で手法を使ったのかが後回しになる
    /// （採点者: 「具体的には starts with generic service description instead of the episode」
    /// 「『具体的には』の冒頭が委託先の体制の背景説明で、手法の使用内容に入るまでが長い」）。
    ///
    /// ## 誤検知しないもの
    /// - 過去形で始まる具体例（出来事、導入前に測った値、決めたこと）。
    ///   正: 「具体的には、導入前の半年は月平均30件の夜間の呼び出しのうち18件が私に集中していた。」
    /// - 「具体的には」より前（理由の文など）に書いた背景。
    /// - 論文（設問ア・イ・ウ）には適用しない。
    ///
    /// ## 例
    /// 前提: 具体例の最初の文
    /// 誤: 「具体的には、店舗業務基盤は全200店の約3,000名が使い、朝7時から9時には問い合わせが集中する。」
    /// 正: 「具体的には、2024年12月のある朝7時半に、15店舗からラベル発行の画面が応答しないという問い合わせが相次いだ。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static EXAMPLE_OPENS_WITH_BACKGROUND = {
        code: "F016",
        name: "example-opens-with-background",
        summary: "具体例が出来事ではなく、サービスや組織の背景の説明（現在形の文）から始まっている",
        severity: Warning,
        scope: Module,
        check: check,
    };
}

/// The first sentence of a module's example when it describes the present state (service, users,
/// organisation) instead of telling the episode: what F016 reports and the module rubric's example
/// items deduct for.
pub(crate) fn background_opening(doc: &Document<'_>) -> Option<Range<usize>> {
    let m = crate::document::markers::markers(doc);
    let example = m.examples.first()?;
    let s = doc
        .sentences
        .iter()
        .find(|s| s.range.start <= example.start && example.start < s.range.end)?;
    let t = doc.sentence_text(s);
    let body = t
        .trim_end()
        .trim_end_matches(['。', '．', '.'])
        .trim_end_matches(['」', '』', '）', ')']);
    // The last predicate in the past (〜た; 〜だ after ん or い: 選んだ・相次いだ), hedged or not
    // (〜たと思われる・〜たようだ: S007's business), tells an event or a measured state; anything
    // else (〜する・〜している・〜である・〜必要がある) describes the present.
    let past = util::static_regex!(
        r"(た|[んい]だ)(と[^、。]{0,8}|ようだ|ようである|らしい|はずだ|はずである)?$"
    );
    (!body.is_empty() && !past.is_match(body)).then(|| s.range.clone())
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let Some(r) = background_opening(doc) else {
        return;
    };
    ctx.report(
        Some(r),
        "具体例が出来事ではなく、サービスや組織の背景の説明から始まっています",
    )
    .label("背景の説明")
    .help("「具体的には、」の後は、いつ何が起き、私が何をしたかの出来事から過去形で書き始め、利用者数や体制などの背景は理由の文に移すか削る");
}
