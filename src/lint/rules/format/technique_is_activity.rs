use crate::lint::rule::Context;
use crate::lint::rule::{Document, Kind, declare_rule};
use crate::text::scan as util;
use std::ops::Range;

declare_rule! {
    /// ## 何を検出するか
    /// モジュール段落の手法名（第1文の「〜と呼ばれる」の前）が、「〈対象〉の設定」「〈対象〉の定期確認」のように、
    /// 自分が行った作業に「の＋中身の無い作業の語」を付けた名前になっていること。作業の語は、設定・確認・
    /// 実施・作成・導入・徹底・強化（「定期」「継続的な」が前に付くものも）。手法名を指す（括弧の中の説明は
    /// 除いて判定する）。
    /// 採点（itsm score）の「固定フォーマット」の項目も、同じ判定で減点する。
    ///
    /// ## なぜ問題か
    /// 「〜と呼ばれる」は、採点者も知っている手法の名前を示す場所である。作業の名前を手法名にすると、
    /// 手法の提示ではなく、したことの言い直しになる（採点者: 「手法名が一般的な管理項目の設定で、手法と
    /// しての特徴が弱い」「社内の点検手順に名前を付けたもので、一般に認知された手法ではない」）。
    ///
    /// ## 誤検知しないもの
    /// - 手法名は確立した名前で、作業は「〜をした」の部分に書いたもの。
    ///   正: 「優先度マトリクスと呼ばれる、影響度と緊急度をそれぞれ3段階で評価し、組合せから優先度を決めるという特徴を持つ手法を使用し、優先度別の解決目標時間の設定をした。」
    /// - 「の」の後が作業の語でない名前（「〜の階層化」「〜の記録」「〜に基づく容量計画」）。作ったものや
    ///   置いたものを名指す語（定義・設置・明確化・整備・策定）と、棚卸し・見直しも数えない
    ///   （「障害重要度レベルの定義」「BCP対策本部の設置」は、採点者も手法名として読む）。
    ///   正: 「サービスレベル合意の階層化と呼ばれる、全体の合意の下に利用部門ごとの目標を置くという特徴を持つ手法を使用し、窓口の応答時間の目標を利用部門ごとに分けた。」
    /// - 括弧の中の説明（「（以下、〜の設定という）」）。
    /// - 論文（設問ア・イ・ウ）には適用しない。
    ///
    /// ## 例
    /// 前提: モジュールの第1文
    /// 誤: 「優先度別の解決目標時間の設定と呼ばれる、インシデントの優先度ごとに解決までの目標時間を決めて守らせるという特徴を持つ手法を使用し、優先度を4段階に分けて目標時間を定めた。」
    /// 正: 「優先度マトリクスと呼ばれる、影響度と緊急度をそれぞれ3段階で評価し、組合せから優先度を決めるという特徴を持つ手法を使用し、優先度を4段階に分けて解決の目標時間を定めた。」
    ///
    /// ## 設定
    /// なし（重大度の変更・無効化のみ）。
    pub(crate) static TECHNIQUE_IS_ACTIVITY = {
        code: "F017",
        name: "technique-is-activity",
        summary: "手法名が「〜の設定」「〜の定期確認」のような自分の作業の名前になっている",
        severity: Warning,
        scope: Module,
        check: check,
    };
}

/// The range of the technique's name when it is an activity (「優先度別の解決目標時間の設定」),
/// with the activity word: what F017 reports and the module rubric deducts for.
pub(crate) fn activity_name(doc: &Document<'_>) -> Option<(Range<usize>, String)> {
    if doc.kind != Kind::Module {
        return None;
    }
    let m = crate::document::markers::markers(doc);
    let (first, name) = (m.first?, m.name?);
    let before = &doc.text[first.start..name.start];
    let start = crate::document::markers::name_start(before);
    let seg = &before[start..];
    let lead = seg.len() - seg.trim_start_matches(['#', '*', ' ', '　', '\n']).len();
    let trail = seg.len() - seg.trim_end_matches(['*', ' ', '　']).len();
    let range = first.start + start + lead..name.start - trail;
    // The name without its parenthesised remarks (「CMDB（構成管理データベース）登録連絡先の定期確認」).
    let mut base = String::new();
    let mut depth = 0i32;
    for c in doc.text[range.clone()].chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth -= 1,
            _ if depth == 0 => base.push(c),
            _ => {}
        }
    }
    let activity = util::static_regex!(
        r"の(?:定期的な|定期|継続的な|継続)?(設定|確認|実施|作成|導入|徹底|強化)$"
    );
    let caps = activity.captures(&base)?;
    let word = caps.get(1)?.as_str().to_owned();
    (range.start < range.end).then_some((range, word))
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let Some((range, word)) = activity_name(doc) else {
        return;
    };
    ctx.report(
        Some(range),
        format!("手法名が「〜の{word}」という自分の作業の名前になっています（確立した手法の名前ではありません）"),
    )
    .label("作業の名前")
    .help("採点者も知っている手法の名前（優先度マトリクス、構成監査、標準変更など）を「〜と呼ばれる」に置き、行った作業は「〜をした」の部分に書く");
}
