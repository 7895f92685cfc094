use crate::lint::rule::{Document, declare_rule};
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 設問の見出しが ア → イ → ウ の順に並んでいないこと（例: 設問イが設問アより前にある）。
    /// 順序を乱している見出しを指す。同じ設問の2回目の見出しは E002 が扱う。
    ///
    /// ## なぜ問題か
    /// 論文は、アで述べた問題をイで解決し、ウでその解決の度合いを評価するという流れで読まれる
    /// （問題冊子の設問の構成）。順序が入れ替わると、この流れが追えず、解答欄にも収まらない。
    ///
    /// ## 誤検知しないもの
    /// - 本文の中で前の設問を指す「設問アで述べた…」は見出しではない。
    ///   正: 「## 設問ア\nA社は取引サービスを提供している。\n## 設問イ\n設問アで述べた問題に対し、私は手順の見直しを決めた。\n## 設問ウ\n障害は月5件から2件に減った。」
    ///
    /// ## 例
    /// 誤: 「## 設問イ\n私は手順の見直しを決めた。\n## 設問ア\nA社は取引サービスを提供している。\n## 設問ウ\n障害は月5件から2件に減った。」
    /// 正: 「## 設問ア\nA社は取引サービスを提供している。\n## 設問イ\n私は手順の見直しを決めた。\n## 設問ウ\n障害は月5件から2件に減った。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static PART_ORDER = {
        code: "E003",
        name: "part-order",
        summary: "設問の順序が ア → イ → ウ になっていない",
        severity: Error,
        scope: Essay,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let mut latest: Option<&crate::document::Part> = None;
    let mut seen: Vec<char> = Vec::with_capacity(3);
    for p in &doc.parts {
        if seen.contains(&p.label) {
            continue;
        }
        seen.push(p.label);
        match latest {
            Some(l) if p.label < l.label => {
                ctx.report(
                    Some(p.heading.clone()),
                    format!("{}が{}より後にあります", p.name(), l.name()),
                )
                .label(format!("{}の前に置く", l.name()))
                .related(l.heading.clone(), "先に出てくる見出し")
                .help("設問ア・イ・ウの順に並べる");
            }
            _ => latest = Some(p),
        }
    }
}
