use crate::lint::rule::{Document, declare_rule};
use crate::document::LineKind;
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 半角カタカナ（「ｻｰﾋﾞｽ」「ｼｽﾃﾑ」）と半角の句読点・かぎ括弧（「｡」「､」「｢」「｣」「･」）。
    /// 本文と見出しが対象で、コードブロックとコメントは対象外。
    ///
    /// ## なぜ問題か
    /// 論述の日本語は全角で書くのが前提で、半角カタカナは表示環境によって崩れる。
    /// 字数の数え方（CBT の入力欄、原稿用紙のマス）でも扱いが揺れ、同じ語の全角・半角が混じると
    /// 読み手には別の語に見える。
    ///
    /// ## 誤検知しないもの
    /// - 全角のカタカナと、コードブロック・コメントの中。
    ///   正: 「サービスデスクの受付件数\n```\nｻｰﾋﾞｽ\n```」
    ///
    /// ## 例
    /// 誤: 「ｻｰﾋﾞｽﾃﾞｽｸの受付件数」
    /// 正: 「サービスデスクの受付件数」
    ///
    /// ## 設定
    /// - `itsm lint --fix` で全角に直せる（濁点・半濁点は前の文字と結合する: ﾃﾞ→デ、ﾎﾟ→ポ）。
    /// - `rules: {S012: off}` で無効にできる。
    pub(crate) static HALFWIDTH_KATAKANA = {
        code: "S012",
        name: "halfwidth-katakana",
        summary: "半角カタカナ・半角の句読点",
        severity: Warning,
        scope: Both,
        check: check,
    };
}

/// Is `c` a half-width katakana letter or half-width CJK punctuation (U+FF61–U+FF9F)?
pub(crate) fn is_halfwidth_kana(c: char) -> bool {
    ('\u{FF61}'..='\u{FF9F}').contains(&c)
}

/// Full-width counterpart of a half-width kana or punctuation mark.
fn widen(c: char) -> char {
    const TABLE: [char; 63] = [
        '。', '「', '」', '、', '・', 'ヲ', 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ャ', 'ュ', 'ョ', 'ッ',
        'ー', 'ア', 'イ', 'ウ', 'エ', 'オ', 'カ', 'キ', 'ク', 'ケ', 'コ', 'サ', 'シ', 'ス', 'セ',
        'ソ', 'タ', 'チ', 'ツ', 'テ', 'ト', 'ナ', 'ニ', 'ヌ', 'ネ', 'ノ', 'ハ', 'ヒ', 'フ', 'ヘ',
        'ホ', 'マ', 'ミ', 'ム', 'メ', 'モ', 'ヤ', 'ユ', 'ヨ', 'ラ', 'リ', 'ル', 'レ', 'ロ', 'ワ',
        'ン', '゛', '゜',
    ];
    if is_halfwidth_kana(c) {
        TABLE[(c as u32 - 0xFF61) as usize]
    } else {
        c
    }
}

/// Convert half-width kana to full width, joining voiced and semi-voiced marks with the letter
/// before them (「ﾃﾞ」→「デ」, 「ﾎﾟ」→「ポ」, 「ｳﾞ」→「ヴ」).
pub fn to_fullwidth_kana(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let prev = out.chars().next_back();
        let joined = match (c, prev) {
            ('\u{FF9E}', Some('ウ')) => Some('ヴ'),
            ('\u{FF9E}', Some(p)) if voiceable(p) => char::from_u32(p as u32 + 1),
            ('\u{FF9F}', Some(p)) if semi_voiceable(p) => char::from_u32(p as u32 + 2),
            _ => None,
        };
        match joined {
            Some(j) => {
                out.pop();
                out.push(j);
            }
            None => out.push(widen(c)),
        }
    }
    out
}

/// カ〜ト and ハ〜ホ take a voiced mark (the voiced letter is the next code point).
fn voiceable(c: char) -> bool {
    matches!(
        c,
        'カ' | 'キ'
            | 'ク'
            | 'ケ'
            | 'コ'
            | 'サ'
            | 'シ'
            | 'ス'
            | 'セ'
            | 'ソ'
            | 'タ'
            | 'チ'
            | 'ツ'
            | 'テ'
            | 'ト'
    ) || semi_voiceable(c)
}

/// ハ〜ホ take a semi-voiced mark (two code points on).
fn semi_voiceable(c: char) -> bool {
    matches!(c, 'ハ' | 'ヒ' | 'フ' | 'ヘ' | 'ホ')
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    for line in doc
        .lines
        .iter()
        .filter(|l| matches!(l.kind, LineKind::Text | LineKind::Heading))
    {
        let text = &doc.text[line.range.clone()];
        let mut run: Option<usize> = None;
        let flush = |start: usize, end: usize, ctx: &mut Context<'_>| {
            let found = &text[start..end];
            let wide = to_fullwidth_kana(found);
            let span = line.range.start + start..line.range.start + end;
            ctx.report(
                Some(span.clone()),
                format!("半角カタカナ「{found}」があります"),
            )
            .label("半角")
            .help(format!("全角の「{wide}」にする"))
            .fix(span, wide);
        };
        for (i, c) in text.char_indices() {
            match (is_halfwidth_kana(c), run) {
                (true, None) => run = Some(i),
                (false, Some(s)) => {
                    flush(s, i, ctx);
                    run = None;
                }
                _ => {}
            }
        }
        if let Some(s) = run {
            flush(s, text.len(), ctx);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widening_joins_marks() {
        assert_eq!(to_fullwidth_kana("ｻｰﾋﾞｽ"), "サービス");
        assert_eq!(to_fullwidth_kana("ﾎﾟｲﾝﾄ｡"), "ポイント。");
        assert_eq!(to_fullwidth_kana("ｳﾞｧ"), "ヴァ");
        assert_eq!(to_fullwidth_kana("ﾞｱﾟ"), "゛ア゜");
        assert_eq!(to_fullwidth_kana("｢ﾃﾞｰﾀ｣､ﾒﾓ･"), "「データ」、メモ・");
    }
}
