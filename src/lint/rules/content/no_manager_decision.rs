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
    /// ## 例
    /// 正: 「私は、展開完了が1日遅れることを許容すると判断し、店舗運営本部の合意を得た。」
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
pub(crate) fn is_decision(s: &str) -> bool {
    let subject = util::static_regex!(r"私(は|が|自身)");
    let verb = util::static_regex!(
        r"判断し|判断した|設定し|策定し|こととし|ことにし|承認を(得|取)|了承を得|決定し|定め|諮り|諮っ|決断し|決め|指示し|承認し|合意を(得|取り付け)|合意し|交渉し|説得し|確保し|要請し|方針と(し|する)|選択し|選んだ|優先し|配分し|割り当て|任命し|提案し|調整し"
    );
    subject.is_match(s) && verb.is_match(s)
}

/// A decision verb without an explicit subject (「…が必要と判断した」).
fn has_decision_verb(s: &str) -> bool {
    util::static_regex!(r"と判断した|を決定した|に指示した").is_match(s)
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    if doc.sentences.is_empty() {
        return;
    }
    // 「私は…考えた。そこで…こととした。」: the subject carries over to a sentence opening with そこで.
    let subject = util::static_regex!(r"私(は|が)");
    let mut prev_has_subject = false;
    for s in &doc.sentences {
        let t = doc.sentence_text(s);
        if is_decision(t)
            || (prev_has_subject && t.starts_with("そこで") && is_decision(&format!("私は{t}")))
        {
            return;
        }
        prev_has_subject = subject.is_match(t);
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
