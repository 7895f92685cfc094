use crate::lint::rule::{Document, declare_rule};
use crate::document::essay as essay_util;
use crate::text::scan as util;
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 設問ウに残された課題・今後の取り組みの記述が無いこと。「今後の課題」「残された課題」「残存リスク」
    /// 「引き続き」「改善の余地」「さらなる改善」「〜が必要である」「〜を検討する」などが1つも無い場合に、
    /// 設問ウの見出しを指す。本文の無い設問ウは字数の規則に任せる。
    ///
    /// ## なぜ問題か
    /// 設問ウでは評価とともに今後の改善点・残存リスクの認識が問われる。残った課題を
    /// 標準化と継続的な改善につなげる記述は加点要素である（PDCA の継続）。
    /// 自己採点表も「設問ごとに完結している」ことを求めており（⑦構成・論理性）、評価だけで終わる設問ウは
    /// 問われた「改善策」に答えていない。
    ///
    /// ## 例
    /// 誤: 評価だけを書いて終わる
    /// 正: 「夜間の判定はまだ人手に頼っており、判定の自動化が今後の課題である。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static REMAINING_ISSUES_MISSING = {
        code: "E007",
        name: "remaining-issues-missing",
        summary: "設問ウに今後の課題・残存リスクが無い",
        severity: Warning,
        scope: Essay,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let Some(p) = essay_util::part(doc, 'ウ') else {
        return;
    };
    if !essay_util::has_prose(doc, p) {
        return;
    }
    let remaining = util::static_regex!(
        r"今後|残され|残る|残った|残って|残存|残課題|引き続き|改善の余地|さらなる|更なる|課題が残|課題は残|次の課題|課題と(し|な)|課題だ|課題で|次期|来期|来年度|次年度|必要がある|必要である|必要だ|取り組む|取り組んでいく|検討する|検討している|検討中|予定である|予定だ|計画である|計画している|不十分|十分ではな|至っていない|できていない|できなかった|取り組ん|継続|たいと考え|進めてい|目指"
    );
    if remaining.is_match(&essay_util::text(doc, p)) {
        return;
    }
    ctx.report(
        Some(p.heading.clone()),
        "設問ウに今後の課題（残された課題・残存リスク）がありません",
    )
    .label("ここで評価の後に今後の課題を書く")
    .help("評価で見えた不十分な点と、それにどう取り組むかを書く（例: 夜間の判定はまだ人手に頼っており、判定の自動化が今後の課題である）");
}
