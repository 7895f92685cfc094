use crate::lint::rule::{Document, declare_rule};
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 論文に設問ア・イ・ウのどれかの見出しが無いこと。見出しは「## 設問ア」「設問イ：…」「ウ．評価」の形で
    /// 認識する（「1.」「2.」の章番号だけでは設問とみなさない）。欠けた設問の位置（次の設問の見出し）を指す。
    /// 見出しが1つも無い場合は、ファイル全体について1件だけ報告する。
    ///
    /// ## なぜ問題か
    /// 設問ア・イ・ウは解答欄が分かれており、どれかに答えていない論文は「要求事項について論述していない」
    /// として D 評価になる（IPA の評価ランクの定義。自己採点シートの「設問ア・イ・ウのそれぞれに対応」）。
    /// 見出しが無いと、字数や設問ごとの規則も働かない。
    ///
    /// ## 誤検知しないもの
    /// - 「ア．」「イ．」「ウ．」の形の見出しも設問の見出しとして認識する。
    ///   正: 「ア．ITサービスの概要\nA社は取引サービスを提供している。\nイ．施策\n私は手順の見直しを決めた。\nウ．評価\n障害は月5件から2件に減った。」
    ///
    /// ## 例
    /// 誤: 「## 設問ア\nA社は取引サービスを提供している。\n## 設問ウ\n障害は月5件から2件に減った。」
    /// 正: 「## 設問ア\nA社は取引サービスを提供している。\n## 設問イ\n私は手順の見直しを決めた。\n## 設問ウ\n障害は月5件から2件に減った。」
    ///
    /// ## 設定
    /// なし。1つの設問だけを練習したファイルでは `severity` でこの規則を切る。
    pub(crate) static PART_MISSING = {
        code: "E001",
        name: "part-missing",
        summary: "設問ア・イ・ウのどれかが無い",
        severity: Error,
        scope: Essay,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    if doc.parts.is_empty() {
        ctx.report(None, "設問ア・イ・ウの見出しがありません")
            .help("本文を「## 設問ア」「## 設問イ」「## 設問ウ」の見出しで区切る（「1.」「2.」の章番号だけでは設問と判定しない）");
        return;
    }
    for label in ['ア', 'イ', 'ウ'] {
        if doc.parts.iter().any(|p| p.label == label) {
            continue;
        }
        let next = doc.parts.iter().find(|p| p.label > label);
        let d = ctx.report(
            next.map(|p| p.heading.clone()),
            format!("設問{label}がありません"),
        );
        if next.is_some() {
            d.label(format!("この前に設問{label}を置く"));
        }
        d.help(
            "設問ア・イ・ウのそれぞれに見出しを付けて答える。答えていない設問があると D 評価になる",
        );
    }
}
