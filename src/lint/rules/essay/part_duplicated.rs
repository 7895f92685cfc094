use crate::lint::rule::{Document, declare_rule};
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 同じ設問（ア・イ・ウ）の見出しが2回以上あること。設問ごとに1件、2回目の見出しを指して回数を示す。
    /// 見出しの直後に本文を挟まずに同じ設問の小見出し（「## 設問ア」の下の「ア．ITサービスの概要」）が
    /// 続く場合は、1つの設問とみなす。
    ///
    /// ## なぜ問題か
    /// 設問ごとに解答欄が1つずつある（問題冊子の設問の構成）。同じ設問が2か所にあると、どちらが解答なのかが
    /// 分からず、字数もその設問の欄に収まらない。多くは貼り付けの誤りか、別の設問の見出しの書き間違いである。
    ///
    /// ## 誤検知しないもの
    /// - 設問の見出しの直後（本文の前）にある同じ設問の小見出しは、1つの設問の見出しとみなす。
    ///   正: 「## 設問ア\nア．ITサービスの概要\nA社は取引サービスを提供している。\n## 設問イ\n私は手順の見直しを決めた。\n## 設問ウ\n障害は月5件から2件に減った。」
    ///
    /// ## 例
    /// 誤: 「## 設問ア\nA社は取引サービスを提供している。\n## 設問イ\n私は手順の見直しを決めた。\n## 設問イ\n障害は月5件から2件に減った。」（2つ目は「## 設問ウ」の誤り）
    /// 正: 「## 設問ア\nA社は取引サービスを提供している。\n## 設問イ\n私は手順の見直しを決めた。\n## 設問ウ\n障害は月5件から2件に減った。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static PART_DUPLICATED = {
        code: "E002",
        name: "part-duplicated",
        summary: "同じ設問の見出しが2回以上ある",
        severity: Error,
        scope: Essay,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    for label in ['ア', 'イ', 'ウ'] {
        let mut same = doc.parts.iter().filter(|p| p.label == label);
        let (Some(first), Some(second)) = (same.next(), same.next()) else {
            continue;
        };
        let n = 2 + same.count();
        ctx.report(
            Some(second.heading.clone()),
            format!("{}の見出しが{n}回あります", second.name()),
        )
        .label("2回目の見出し")
        .related(first.heading.clone(), "最初の見出し")
        .help("1つにまとめるか、別の設問の見出しの書き間違いなら直す");
    }
}
