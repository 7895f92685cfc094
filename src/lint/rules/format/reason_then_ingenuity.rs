use crate::lint::rule::Context;
use std::ops::Range;
use crate::lint::rule::{Document, declare_rule};

declare_rule! {
    /// ## 何を検出するか
    /// モジュール段落で、理由の文（「なぜならば、〜と考えたからである。」）と「工夫した点は、〜。」の間に
    /// 私の判断を述べる文（「私は、〜と判断し、〜の合意を得た。」など、C001 が判断と認める文）が
    /// 挟まっていること（工夫の文が無いときは、理由の文と「具体的には」の間）。挟まった判断の文を指す。
    /// 採点（itsm score）のモジュールの形式の項目も、同じ判定で減点する。
    ///
    /// ## なぜ問題か
    /// 固定フォーマットは「なぜそうしたか」の直後に「どう工夫したか」を置き、手法 → 理由 → 工夫 → 具体例の
    /// 流れで覚えて論文に組み込む部品である。理由と工夫の間に「何を決めたか」が先に入ると、行ったことが
    /// 工夫より前に語られて順序が崩れ、理由と工夫の結び付きも読み取りにくくなる。判断と合意は
    /// 「具体的には、」の後で、具体例の一部として述べる。
    ///
    /// ## 誤検知しないもの
    /// - 理由の文のすぐ後に「工夫した点は」が続き、判断を「具体的には、」の後に書いたもの。
    ///   正: 「なぜならば、承認待ちが長いというサービス運用上の問題・課題が解決できると考えたからである。工夫した点は、承認画面に停止許容時間の残量を示した点である。」
    /// - 理由と工夫の間の、組織や私の役割を述べる文、「この問題の背景には、〜」の背景の文（判断を述べない文）。
    ///   正: 「なぜならば、承認待ちが長いというサービス運用上の問題・課題が解決できると考えたからである。私は運用課のITサービスマネージャとして変更管理を統括している。工夫した点は、承認画面に停止許容時間の残量を示した点である。」
    /// - 工夫の文が理由の文より前にあるもの（順序の誤りは F009）、理由の文や工夫の文が無いもの（F004・F007）。
    /// - 論文（設問ア・イ・ウ）には適用しない。
    ///
    /// ## 例
    /// 前提: 第1文の後の理由と工夫の文
    /// 誤: 「なぜならば、承認待ちが長いというサービス運用上の問題・課題が解決できると考えたからである。私は、この方針についてCABの合意を得た。工夫した点は、承認画面に停止許容時間の残量を示した点である。」
    /// 正: 「なぜならば、承認待ちが長いというサービス運用上の問題・課題が解決できると考えたからである。工夫した点は、承認画面に停止許容時間の残量を示した点である。」
    ///
    /// 直し方: 判断と合意の文を「具体的には、」の直後に移す。
    ///
    /// ## 設定
    /// なし。
    pub(crate) static REASON_THEN_INGENUITY = {
        code: "F014",
        name: "reason-then-ingenuity",
        summary: "理由の文と「工夫した点は」の間に判断の文が挟まっている",
        severity: Warning,
        scope: Module,
        check: check,
    };
}

/// What F014 and the module rubric's `reason-then-ingenuity` check judge: the sentences between the
/// reason and 「工夫した点は」 (or 「具体的には」) and, among them, those that state a decision by 私
/// (C001's [`decision_sentences`](crate::lint::decision_sentences), so that lint and score agree
/// on what a decision is). Context sentences (the organisation, 私's role, 「この問題の背景には…」)
/// are the user's own format and are not counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ReasonGapDecisions {
    /// The reason sentence or the part after it is missing, or 工夫 comes first (F004/F007/F009).
    NotApplicable,
    /// The decision sentences between the reason and `next` (empty: the format holds).
    Between {
        decisions: Vec<Range<usize>>,
        next: Range<usize>,
    },
}

/// See [`ReasonGapDecisions`].
pub(crate) fn reason_gap_decisions(doc: &Document<'_>) -> ReasonGapDecisions {
    use crate::document::markers::{ReasonGap, reason_gap};
    let ReasonGap::Between { sentences, next } = reason_gap(doc) else {
        return ReasonGapDecisions::NotApplicable;
    };
    let decided: Vec<Range<usize>> = crate::lint::decision_sentences(doc)
        .iter()
        .map(|&i| doc.sentences[i].range.clone())
        .collect();
    let decisions = sentences
        .into_iter()
        .filter(|r| decided.contains(r))
        .collect();
    ReasonGapDecisions::Between { decisions, next }
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let ReasonGapDecisions::Between { decisions, next } = reason_gap_decisions(doc) else {
        return;
    };
    let (Some(first), Some(last)) = (decisions.first(), decisions.last()) else {
        return;
    };
    let opener = if doc.text[next.clone()].starts_with("具体的には") {
        "「具体的には」"
    } else {
        "「工夫した点は」"
    };
    ctx.report(
        Some(first.start..last.end),
        format!("理由の文と{opener}の間に、判断を述べる文が挟まっています"),
    )
    .label("判断と合意の文は「具体的には、」の後へ移す")
    .related(next, format!("{opener}はここ"))
    .help("理由の文の直後に「工夫した点は、〜。」を置き、私の判断と合意は具体例の中で述べる");
}
