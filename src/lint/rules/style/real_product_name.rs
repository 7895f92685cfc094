use crate::lint::rule::{Document, declare_rule};
use crate::text::scan as util;
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 実在の企業名・製品名・サービス名（`rubrics/glossary.yaml` の `banned` と設定の `banned`）。
    /// 「A社」「Sクラウド」のような伏字や、ITIL・JIS Q 20000 などの規格名は対象外。
    ///
    /// ## なぜ問題か
    /// 論述の制約は「具体的なサービス名の使用禁止」。製品名を書くと技術論文に見え、
    /// 実在の組織を特定できる記述は試験の論述として不適切である。
    ///
    /// ## 誤検知しないもの
    /// - 「A社」「Sクラウド」のような伏字と、ITIL・JIS Q 20000 などの規格名。
    ///   正: 「A社はSクラウド上でサービスを提供し、ITILとJIS Q 20000-1を参考に運用している。」
    ///
    /// ## 例
    /// 誤: 「Slackで通知し、Jiraで管理した。」
    /// 正: 「チャットツールで通知し、チケット管理ツールで管理した。」
    ///
    /// ## 設定
    /// - `banned`: 追加の禁止語と言い換え（`itsm.yaml`）
    /// - `itsm lint --fix`: 禁止語を用語集・設定の言い換え（一般名）に置き換える
    pub(crate) static REAL_PRODUCT_NAME = {
        code: "S003",
        name: "real-product-name",
        summary: "実在の企業名・製品名・サービス名",
        severity: Error,
        scope: Both,
        check: check,
    };
}

/// Whether the occurrence `m` of `name` in `text` counts: an ASCII name must not sit inside a
/// longer ASCII word (「Git」 is not found in 「GitHub」).
fn stands_alone(text: &str, m: &std::ops::Range<usize>, name: &str) -> bool {
    if !name.is_ascii() {
        return true;
    }
    let before = text[..m.start].chars().next_back();
    let after = text[m.end..].chars().next();
    !(before.is_some_and(|c| c.is_ascii_alphanumeric())
        || after.is_some_and(|c| c.is_ascii_alphanumeric()))
}

/// The first banned name (of `names`) this rule would find in `text`: a replacement that holds
/// one would be replaced again by the next `--fix` round (config validation, CF001).
pub(crate) fn first_banned_in<'a>(text: &str, names: &[&'a str]) -> Option<&'a str> {
    let matcher = util::TermMatcher::for_terms(names.iter().copied().filter(|n| !n.is_empty()));
    let non_empty: Vec<&str> = names.iter().copied().filter(|n| !n.is_empty()).collect();
    matcher
        .find_all(text)
        .map(|(i, m)| (non_empty[i], m))
        .find(|(n, m)| stands_alone(text, m, n))
        .map(|(n, _)| n)
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let mut found: Vec<(std::ops::Range<usize>, String, String)> = Vec::new();
    let names: Vec<(&String, &String)> = ctx
        .vocab
        .banned
        .iter()
        .filter(|(n, _)| !n.is_empty())
        .collect();
    let matcher = util::TermMatcher::for_terms(names.iter().map(|(n, _)| n.as_str()));
    for (r, p) in doc.prose() {
        for (i, m) in matcher.find_all(p) {
            let (name, generic) = names[i];
            if !stands_alone(p, &m, name) {
                continue;
            }
            found.push((util::shift(m, r.start), name.clone(), generic.clone()));
        }
    }
    // Prefer the longest name at a position (e.g. 「Amazon Web Services」 over 「Amazon」).
    found.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));
    let mut last_end = 0;
    for (span, name, generic) in found {
        if span.start < last_end {
            continue;
        }
        last_end = span.end;
        let span_for_fix = span.clone();
        ctx.report(Some(span), format!("実在の名称「{name}」は使えません"))
            .label(format!("「{generic}」などの一般名に置き換える"))
            .help(format!("「{name}」→「{generic}」"))
            .fix(span_for_fix, generic);
    }
}
