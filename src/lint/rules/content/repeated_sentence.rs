//! C009: the same sentence, or the same sentence tail, written twice in one text. A tail runs from
//! the sentence start or from just after a reading comma to the sentence end, so 「…した結果、X。」
//! and 「…したことで、X。」 share the tail X. Tails are compared after dropping white space and the
//! reading commas (、，,); words and figures must be the same. Only tails of at least [`MIN_CHARS`]
//! characters count: short formulaic endings (「目標を達成した。」) may recur.

use crate::lint::rule::Context;
use crate::lint::rule::{Document, declare_rule};
use std::collections::HashMap;

declare_rule! {
    /// ## 何を検出するか
    /// 同じ文（25字以上）が、1つの論文またはモジュール段落の中に2回以上あること。文の前半が違っても、
    /// 読点（、）の後から文末までの後半（25字以上）が前の文の後半と同じなら、その後半を繰り返しとみなす。
    /// 読点と空白の違いは無視し、語と数値が同じなら同じとみなす。2回目（3回目以降も）を指し、最初に書いた
    /// 箇所を示す。
    ///
    /// ## なぜ問題か
    /// 採点者は、設問イの施策の結果を設問ウでそのまま繰り返した文や、続けて2回書いた文を「同じ文の繰り返し」
    /// として減点する。繰り返した分だけ字数を埋めたように読まれ、設問ウなら評価の中身（目標との比較、
    /// 施策ごとの評価、残った問題）が薄くなる。
    ///
    /// ## 誤検知しないもの
    /// - 24字以下の短い文や文末の繰り返し（「効果は大きかった。」「目標を達成した。」など）。
    /// - 同じ事実を別の言葉や別の数値で述べ直した文（要約や比較は繰り返しではない）。
    ///   正: 「## 設問イ\n翌月初の請求書約6,000通は1時間以内に送り終え、請求機能の停止は0分だった。\n## 設問ウ\n請求機能の停止は目標の30分以内に対して0分であり、目標を上回った。」
    ///
    /// ## 例
    /// 誤: 「## 設問イ\n月末の変更を止めた結果、翌月初の請求書約6,000通は1時間以内に送り終え、請求機能の停止は0分だった。\n## 設問ウ\n予算を守ったことで、翌月初の請求書約6,000通は1時間以内に送り終え、請求機能の停止は0分だった。」
    /// 正: 「## 設問イ\n月末の変更を止めた結果、翌月初の請求書約6,000通は1時間以内に送り終え、請求機能の停止は0分だった。\n## 設問ウ\n請求機能の停止は目標の30分以内に対して0分であり、目標を上回った。」
    ///
    /// ## 設定
    /// なし。
    pub(crate) static REPEATED_SENTENCE = {
        code: "C009",
        name: "repeated-sentence",
        summary: "同じ文、または読点の後から文末までの同じ後半（25字以上）を2回書いている",
        severity: Warning,
        scope: Both,
        check: check,
    };
}

/// The shortest sentence (in characters, after dropping white space and commas) that counts.
pub const MIN_CHARS: usize = 25;

/// The sentence as compared: no white space, no reading commas.
fn key(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '、' | '，' | ','))
        .collect()
}

/// Where a tail of the sentence at `range` may start: the sentence start and after each reading
/// comma, each with the byte offset.
fn tail_starts(text: &str, range: &std::ops::Range<usize>) -> Vec<usize> {
    let mut out = vec![range.start];
    out.extend(
        text[range.clone()]
            .char_indices()
            .filter(|(_, c)| matches!(c, '、' | '，'))
            .map(|(i, c)| range.start + i + c.len_utf8()),
    );
    out
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    // Each counted tail of an earlier sentence, with the span where it was first written.
    let mut seen: HashMap<String, std::ops::Range<usize>> = HashMap::new();
    for s in &doc.sentences {
        let tails: Vec<(String, std::ops::Range<usize>)> = tail_starts(doc.text, &s.range)
            .into_iter()
            .map(|b| (key(&doc.text[b..s.range.end]), b..s.range.end))
            .filter(|(k, _)| k.chars().count() >= MIN_CHARS)
            .collect();
        // The longest tail already written (tails run from longest to shortest).
        if let Some((span, f)) = tails
            .iter()
            .find_map(|(k, span)| seen.get(k).map(|f| (span.clone(), f.clone())))
        {
            let whole = span.start == s.range.start;
            ctx.report(
                Some(span),
                if whole {
                    "同じ文が前にもあります"
                } else {
                    "この文の後半は、前の文の後半と同じです"
                },
            )
            .label("繰り返した文")
            .related(f, "最初に書いた箇所")
            .help("繰り返した部分を消すか、ここで言うべきこと（目標との比較、評価、残った問題）に書き換える");
        }
        for (k, span) in tails {
            seen.entry(k).or_insert(span);
        }
    }
}
