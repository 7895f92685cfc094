use crate::lint::rule::{Document, Kind, declare_rule};
use crate::text::scan as util;
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 「私は」「私が」を主語にした、管理者としての判断・決定・指示・交渉・合意・資源確保の記述
    /// （「私は〜と判断した」「〜を決定した」「〜に指示した」「〜と交渉し合意を得た」「要員を確保した」）が
    /// 1つも無いこと。
    ///
    /// ## なぜ問題か
    /// B 評価の最大の要因は「担当者の作業記録」になっていることである（採点講評の傾向）。
    /// A 評価の論文は、ITサービスマネージャとして現状を分析し、判断し、関係者と調整し、資源を配分した
    /// ことを書く。日本語は主語を省略できるため、他の文で判断が読み取れる場合もあるので警告に留める。
    ///
    /// ## 誤検知しないもの
    /// - 依頼・協力の要請・指示も管理者の調整として数える。
    ///   正: 「私は、保守を担当するB社に承認画面の改修を依頼した。」
    /// - 「私は」の文に続く「そこで」「そのうえで」の文は、同じ主語の判断として読む。
    ///   正: 「私は、自動承認の範囲をCABの承認者に説明した。そのうえで、半年後に範囲を見直す案を提案し、合意を得た。」
    /// - 主語を省いた判断（「〜と合意した。」）は、判断が書かれていないとは言わず、主語の明示を求める（同じ C001 の別の指摘）。
    ///
    /// ## 例
    /// 前提: 判断の文のほかは整ったモジュール（誤は判断の文が無い場合）
    /// 誤: 「自動テストに合格した技術的な変更は人の承認なしでリリースしてよいという方針を、CABの承認者に説明した。」
    /// 正: 「私は、自動テストに合格した技術的な変更は人の承認なしでリリースしてよいと判断し、CABの承認者4名から合意を得た。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static NO_MANAGER_DECISION = {
        code: "C001",
        name: "no-manager-decision",
        summary: "「私は〜と判断した」など管理者としての判断の記述が無い",
        severity: Warning,
        scope: Both,
        check: check,
    };
}

/// Does this sentence state a decision by 私?
fn is_decision(s: &str) -> bool {
    let subject = util::static_regex!(r"私(は|が|自身)");
    let verb = util::static_regex!(
        r"判断し|判断した|設定し|策定し|こととし|ことにし|承認を(得|取)|了承を得|決定し|定め|諮り|諮っ|決断し|決め|指示(し|する)|承認し|合意を(得|取り付け)|合意し|交渉し|説得し|確保し|要請し|方針と(し|する)|選択し|選んだ|優先し|配分し|割り当て|任命し|提案し|調整し|依頼し|協力を(求め|要請し|得)"
    );
    subject.is_match(s) && verb.is_match(s)
}

/// A decision verb without an explicit subject (「…が必要と判断した」「…と合意し」).
fn has_decision_verb(s: &str) -> bool {
    // 「…と合意した。」「…と合意し、」 — not 「顧客と合意した99.9%」, which names an agreed value.
    util::static_regex!(r"と判断した|を決定した|に指示した|[とで]合意し(、|た。|た$)|協議して決め")
        .is_match(s)
}

/// The sentences (indices into `doc.sentences`) that state a decision by 私: [`is_decision`], or a
/// sentence opening with 「そこで」「そのうえで」 right after a sentence whose subject is 私
/// (「私は…説明した。そのうえで…提案し、合意を得た。」). C001 and the score's decision items
/// both read this, so lint and score agree on what a decision is. Found once per document.
pub(crate) fn decision_sentences<'d>(doc: &'d Document<'_>) -> &'d [usize] {
    doc.decisions(find_decisions)
}

fn find_decisions(doc: &Document<'_>) -> Vec<usize> {
    let subject = util::static_regex!(r"私(は|が)");
    let carries = util::static_regex!(r"^(そこで|そのうえで|その上で)");
    let mut out = Vec::new();
    let mut prev_has_subject = false;
    for (i, s) in doc.sentences.iter().enumerate() {
        let t = doc.sentence_text(s);
        if is_decision(t)
            || (prev_has_subject && carries.is_match(t) && is_decision(&format!("私は{t}")))
        {
            out.push(i);
        }
        prev_has_subject = subject.is_match(t);
    }
    out
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    if doc.sentences.is_empty() || !decision_sentences(doc).is_empty() {
        return;
    }
    let implicit = doc
        .sentences
        .iter()
        .find(|s| has_decision_verb(doc.sentence_text(s)))
        .map(|s| s.range.clone());
    let m = crate::document::markers::markers(doc);
    let span = match doc.kind {
        Kind::Module => m.ingenuity.clone().or(m.examples.first().cloned()),
        Kind::Essay => None,
    };
    if let Some(r) = implicit {
        ctx.report(Some(r), "判断の主体（「私は」）が明示されていません")
            .label("誰が判断したのかが書かれていない")
            .help("ITサービスマネージャとしての判断であることを「私は、〜と判断し、〜の合意を得た。」の形で明示する");
        return;
    }
    let d = ctx.report(
        span,
        "「私は〜と判断した」のような、管理者としての判断の記述がありません",
    );
    if d.span.is_some() {
        d.label("この前に「私は、〜と判断し、〜の合意を得た。」を置く");
    }
    d.help("誰と調整し、何を根拠に、何を決めたか（判断・指示・合意・資源の確保）を「私は」を主語に書く");
}
