use super::{Document, declare_rule, util};
use crate::rules::Context;
use std::collections::BTreeSet;

declare_rule! {
    /// ## 何を検出するか
    /// 業界用語（`rubrics/glossary.yaml` の `jargon`: 約定、ポジション、ロット、スプレッド、バックテスト、EA、
    /// 不定貫、トイル …）が、初出で括弧の補足なしに使われていること。
    /// 「パイロット」の中の「ロット」、「スプレッドシート」の中の「スプレッド」のような部分一致は対象外。
    ///
    /// ## なぜ問題か
    /// 採点者は ITSM の専門家だが、FX や小売の専門家とは限らない（種 L434）。業界の用語は一般的な
    /// 言い方に置き換えるか、初出で補足する。補足は初出だけでよい（種 L449）。
    ///
    /// ## 例
    /// 誤: 「約定の遅延が発生した。」
    /// 正: 「注文の成立（約定）の遅延が発生した。」または「約定（注文の成立）の遅延が…」
    ///
    /// ## 設定
    /// なし（`rubrics/` の上書きで語を追加できる）。
    pub(crate) static JARGON = {
        code: "S010",
        name: "industry-jargon",
        summary: "業界用語が初出で補足されていない（約定、ロット など）",
        severity: Warning,
        scope: Both,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let mut seen = BTreeSet::new();
    let mut hits: Vec<(usize, usize, String, String)> = Vec::new();
    for (r, p) in doc.prose() {
        for (term, plain) in &ctx.vocab.jargon {
            for m in util::find_all(p, term) {
                let before = p[..m.start].chars().next_back();
                let after = p[m.end..].chars().next();
                let ascii = term.is_ascii();
                let glued = if ascii {
                    before.is_some_and(|c| c.is_ascii_alphanumeric()) || after.is_some_and(|c| c.is_ascii_alphanumeric())
                } else {
                    before.is_some_and(util::is_katakana) && term.chars().next().is_some_and(util::is_katakana)
                        || after.is_some_and(util::is_katakana) && term.chars().last().is_some_and(util::is_katakana)
                };
                if glued {
                    continue;
                }
                hits.push((r.start + m.start, r.start + m.end, term.clone(), plain.clone()));
            }
        }
    }
    hits.sort();
    for (s, e, term, plain) in hits {
        if !seen.insert(term.clone()) {
            continue;
        }
        let after = &doc.text[e..];
        let before = &doc.text[..s];
        let explained = after.starts_with('（') || after.starts_with('(') || before.ends_with('（') || before.ends_with('(');
        if explained {
            continue;
        }
        ctx.report(Some(s..e), format!("業界用語「{term}」が補足なしで使われています"))
            .label("初出")
            .help(format!("「{plain}」と言い換えるか、初出を「{term}（{plain}）」と書く"));
    }
}
