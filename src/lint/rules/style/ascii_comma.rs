use crate::document::LineKind;
use crate::lint::rule::Context;
use crate::lint::rule::{Document, declare_rule};
use crate::text::scan as util;

declare_rule! {
    /// ## 何を検出するか
    /// 日本語の文の読点として使われた半角のカンマ「,」（「〜したため,昼の〜」）。
    /// 前後のどちらかが日本語の文字であるカンマを読点とみなす。
    ///
    /// ## なぜ問題か
    /// 読点は「、」か「，」で書く（IPA の問題文は「，」）。半角のカンマが混じると、
    /// 入力の途中で切り替え忘れた跡に見え、清書されていない印象を与える。
    ///
    /// ## 誤検知しないもの
    /// - 数字の桁区切り（「1,200件」）と、英字どうしの間のカンマ。
    ///   正: 「利用者は約4,800名で、平均修復時間（Mean Time To Repair, MTTR）を毎月測っている。」
    /// - 全角のカンマ「，」で読点をそろえた文章（IPA の問題文と同じ書き方）。
    ///   正: 「私は，受付の順序を見直した。」
    ///
    /// ## 例
    /// 誤: 「受付順に処理していたため,昼の時間帯に決済が止まった。」
    /// 正: 「受付順に処理していたため、昼の時間帯に決済が止まった。」
    ///
    /// ## 設定
    /// - `itsm lint --fix` で、その文書で多く使われている読点（「、」か「，」）に直せる。
    pub(crate) static ASCII_COMMA = {
        code: "S015",
        name: "ascii-comma",
        summary: "読点に半角のカンマ「,」を使っている（桁区切りは対象外）",
        severity: Warning,
        scope: Both,
        check: check,
    };
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let lines: Vec<_> = doc
        .lines
        .iter()
        .filter(|l| matches!(l.kind, LineKind::Text | LineKind::Heading))
        .map(|l| (l.range.start, &doc.text[l.range.clone()]))
        .collect();
    if !lines.iter().any(|(_, t)| t.contains(',')) {
        return;
    }
    let (touten, comma) = lines.iter().fold((0, 0), |(a, b), (_, t)| {
        (a + t.matches('、').count(), b + t.matches('，').count())
    });
    let replacement = if comma > touten { "，" } else { "、" };
    for (base, t) in lines {
        for (i, _) in t.match_indices(',') {
            let before = t[..i].trim_end_matches([' ', '　']).chars().next_back();
            let after = t[i + 1..].trim_start_matches([' ', '　']).chars().next();
            let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
            // Digit grouping: 「1,200」 (a digit before and three after).
            let grouping = digit(t[..i].chars().next_back())
                && t[i + 1..].chars().take(3).filter(|c| c.is_ascii_digit()).count() == 3;
            let japanese = |c: Option<char>| {
                c.is_some_and(|c| util::is_japanese(c) || matches!(c, '」' | '）' | '「' | '（'))
            };
            if grouping || !(japanese(before) || japanese(after)) {
                continue;
            }
            let at = base + i;
            ctx.report(Some(at..at + 1), "読点に半角のカンマ「,」を使っています")
                .label("半角のカンマ")
                .help(format!("読点は「{replacement}」で書く"))
                .fix(at..at + 1, replacement);
        }
    }
}
