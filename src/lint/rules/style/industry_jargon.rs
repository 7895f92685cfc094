use crate::lint::rule::{Document, declare_rule};
use crate::text::scan as util;
use crate::lint::rule::Context;
use std::collections::BTreeSet;

declare_rule! {
    /// ## 何を検出するか
    /// 業界用語（`rubrics/glossary.yaml` の `jargon`: 約定、ポジション、ロット、スプレッド、バックテスト、EA、
    /// 不定貫、トイル …）が、初出で括弧の補足なしに使われていること。
    /// 「パイロット」の中の「ロット」、「スプレッドシート」の中の「スプレッド」、「予約定員」の中の「約定」のような
    /// 部分一致は対象外。括弧の中が値や例示（「約定（100件）」）の場合は補足とみなさない。
    ///
    /// ## なぜ問題か
    /// 採点者は ITSM の専門家だが、FX や小売の専門家とは限らない。業界の用語は一般的な
    /// 言い方に置き換えるか、初出で補足する。補足は初出だけでよい。
    ///
    /// ## 誤検知しないもの
    /// - 長い語の一部（「パイロット」の「ロット」、「スプレッドシート」の「スプレッド」、「予約定員」の「約定」）。
    ///   正: 「パイロット店舗の予約定員をスプレッドシートで管理した。」
    ///
    /// ## 例
    /// 誤: 「約定の遅延が発生した。」
    /// 正: 「注文の成立（約定）の遅延が発生した。」または「約定（注文の成立）の遅延が…」
    ///
    /// ## 設定
    /// なし（`rubrics/` の上書きで語を追加できる）。
    pub(crate) static INDUSTRY_JARGON = {
        code: "S010",
        name: "industry-jargon",
        summary: "業界用語が初出で補足されていない（約定、ロット など）",
        severity: Warning,
        scope: Both,
        check: check,
    };
}

/// Ordinary words that contain a jargon term (「予約定員」「契約定例会」 are not 「約定」).
const ORDINARY_WORDS: &[&str] = &[
    "予約定",
    "契約定",
    "集約定",
    "要約定",
    "節約定",
    "制約定",
    "規約定",
    "特約定",
];

/// Is the match `at` of `term` in `p` part of an ordinary word?
fn inside_ordinary_word(p: &str, at: &std::ops::Range<usize>, term: &str) -> bool {
    ORDINARY_WORDS.iter().any(|w| {
        w.match_indices(term).any(|(i, _)| {
            at.start >= i
                && p.get(at.start - i..)
                    .is_some_and(|rest| rest.starts_with(w))
        })
    })
}

/// Is the term glossed by a bracket right after it (「約定（注文の成立）」) or is it the
/// bracketed name after its gloss (「注文の成立（約定）」)? A value or an example list in
/// the bracket (「約定（100件）」) is not a gloss.
fn explained(text: &str, s: usize, e: usize) -> bool {
    let after = &text[e..];
    if let Some(rest) = after.strip_prefix('（').or_else(|| after.strip_prefix('('))
        && let Some(close) = rest.find(['）', ')'])
    {
        return super::unexplained_abbreviation::is_explanation(&rest[..close]);
    }
    let before = &text[..s];
    (before.ends_with('（') || before.ends_with('(')) && after.starts_with(['）', ')', '、', '，'])
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let mut seen = BTreeSet::new();
    let mut hits: Vec<(usize, usize, String, String)> = Vec::new();
    let terms: Vec<(&String, &String)> = ctx
        .vocab
        .jargon
        .iter()
        .filter(|(t, _)| !t.is_empty())
        .collect();
    let matcher = util::TermMatcher::for_terms(terms.iter().map(|(t, _)| t.as_str()));
    for (r, p) in doc.prose() {
        for (i, m) in matcher.find_all(p) {
            let (term, plain) = terms[i];
            let before = p[..m.start].chars().next_back();
            let after = p[m.end..].chars().next();
            let ascii = term.is_ascii();
            let glued = if ascii {
                before.is_some_and(|c| c.is_ascii_alphanumeric())
                    || after.is_some_and(|c| c.is_ascii_alphanumeric())
            } else {
                before.is_some_and(util::is_katakana)
                    && term.chars().next().is_some_and(util::is_katakana)
                    || after.is_some_and(util::is_katakana)
                        && term.chars().last().is_some_and(util::is_katakana)
            };
            if glued || inside_ordinary_word(p, &m, term) {
                continue;
            }
            hits.push((
                r.start + m.start,
                r.start + m.end,
                term.clone(),
                plain.clone(),
            ));
        }
    }
    // The longest term at a position wins (「スプレッド収益」 over 「スプレッド」); overlaps are one word.
    hits.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut last_end = 0;
    for (s, e, term, plain) in hits {
        if s < last_end {
            continue;
        }
        last_end = e;
        if !seen.insert(term.clone()) {
            continue;
        }
        if explained(doc.text, s, e) {
            continue;
        }
        ctx.report(
            Some(s..e),
            format!("業界用語「{term}」が補足なしで使われています"),
        )
        .label("初出")
        .help(format!(
            "「{plain}」と言い換えるか、初出を「{term}（{plain}）」と書く"
        ));
    }
}
