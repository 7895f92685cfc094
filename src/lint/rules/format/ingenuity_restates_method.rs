use crate::lint::rule::{Document, Kind, declare_rule};
use crate::document::thread::{GENERIC, specific_terms};
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// モジュール段落の「工夫した点は、〜」が、手法の特徴（第1文の「〜と呼ばれる」から「手法を」まで）を
    /// 言い直しているだけであること。工夫の文の具体的な語（4語以上あるとき）の6割以上が手法の特徴の部分にも
    /// 出てくる場合に、工夫の文を指す。
    ///
    /// ## なぜ問題か
    /// 工夫した点は、手法をその現場に合わせて変えたところである。手法の定義をなぞっただけの工夫は、
    /// 工夫が無いのと同じと読まれる。
    ///
    /// ## 誤検知しないもの
    /// - 工夫が手法の特徴と同じ語を一部使っていても、事例に固有の判断（対象、条件、順序）を加えているもの。
    ///
    /// ## 例
    /// 誤: 「優先度マトリクスと呼ばれる、影響度と緊急度をそれぞれ3段階で評価し、組合せから優先度を決めるという特徴を持つ手法を使用し、インシデントの優先度付けの導入をした。工夫した点は、影響度と緊急度の二つの軸で評価し、組合せで優先度を3段階に分けた点である。」
    /// 正: 「優先度マトリクスと呼ばれる、影響度と緊急度をそれぞれ3段階で評価し、組合せから優先度を決めるという特徴を持つ手法を使用し、インシデントの優先度付けの導入をした。工夫した点は、チェックインの時間帯に宿泊客の手続きが止まる事象は、受付件数に関係なく緊急度を最上位とした点である。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static INGENUITY_RESTATES_METHOD = {
        code: "F011",
        name: "ingenuity-restates-method",
        summary: "工夫した点が手法の特徴の言い直しになっている",
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
    let (Some(first), Some(name), Some(ing)) = (&m.first, &m.name, &m.ingenuity) else {
        return;
    };
    let feature_end = m.method.as_ref().map_or(first.end, |r| r.start);
    if feature_end <= name.end {
        return;
    }
    let feature = crate::document::terms::fold(&doc.text[name.end..feature_end]);
    let Some(s) = doc.sentences.iter().find(|s| s.range.contains(&ing.start)) else {
        return;
    };
    let body = &doc.text[ing.end..s.range.end];
    let terms: Vec<_> = specific_terms(body)
        .into_iter()
        .filter(|t| !GENERIC.contains(&t.text.as_str()))
        .collect();
    if terms.len() < 4 {
        return;
    }
    let shared = terms
        .iter()
        .filter(|t| {
            t.keys
                .iter()
                .any(|k| t.text.contains(k.as_str()) && feature.contains(k.as_str()))
        })
        .count();
    if shared * 10 >= terms.len() * 6 {
        ctx.report(
            Some(s.range.clone()),
            format!(
                "工夫した点が手法の特徴の言い直しです（工夫の語{}語のうち{}語が特徴の部分にあります）",
                terms.len(),
                shared
            ),
        )
        .label("手法の定義をなぞった工夫")
        .related(name.end..feature_end, "手法の特徴")
        .help("その現場の制約に合わせて手法をどう変えたか（対象の絞り方、基準の置き方、例外の扱い）を書く");
    }
}
