use crate::lint::rule::{Document, declare_rule};
use crate::document::LineKind;
use crate::lint::rule::Context;

declare_rule! {
    /// ## 何を検出するか
    /// 全角の英字（「ＳＬＡ」「ＴＣＰ／ＩＰ」）と、半角の数字も使っている文書の中の全角の数字
    /// （「９９．９％」「１，０００件」）。数字の間の「．」「，」、数字の後の「％」、英数字の間の
    /// 「－」「／」も同じ語の一部として扱う。
    /// 本文と見出しが対象で、コードブロックとコメントは対象外。
    ///
    /// ## なぜ問題か
    /// 同じ略語や数値が全角と半角で混じると、読み手には別の語に見え、検索や字数の確認もずれる。
    /// CBT の答案では英字を半角でそろえるのが自然で、原稿用紙方式の字数（半角英数字は2字で1マス）
    /// の見積もりも半角が前提になる。
    ///
    /// ## 誤検知しないもの
    /// - 半角の数字の後の全角の「％」（「99.9％」）: 日本語の文章の普通の書き方で、IPA の問題文もこう書く。
    ///   正: 「月間稼働率99.9％を目標とし、回答率は62％から88％に上がった。」
    /// - 全角の数字だけで書いた文書: 一貫していれば読み手は迷わない。半角の数字が一つでも混じると、全角の数字を指摘する。
    ///   正: 「変更は月平均２０件で、変更に起因する障害は月４件から１件に減った。」
    /// - 全角の括弧・句読点・空白（「（）」「、」「　」）: 日本語の約物。
    ///
    /// ## 例
    /// 誤: 「ＳＬＡの目標値を99.9%とした。」
    /// 正: 「SLAの目標値を99.9％とした。」
    ///
    /// ## 設定
    /// - `itsm lint --fix` で半角に直せる。
    /// - 全角でそろえる方針なら `rules: {S013: off}` で無効にする。
    pub(crate) static FULLWIDTH_ASCII = {
        code: "S013",
        name: "fullwidth-ascii",
        summary: "全角の英字（ＳＬＡ）、半角と混じった全角の数字",
        severity: Warning,
        scope: Both,
        check: check,
    };
}

fn is_fw_alnum(c: char) -> bool {
    matches!(c, 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '０'..='９')
}

fn is_fw_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_alnum(c: char) -> bool {
    c.is_ascii_alphanumeric() || is_fw_alnum(c)
}

/// Map full-width ASCII (U+FF01–U+FF5E) to ASCII; everything else is kept.
pub fn to_halfwidth_ascii(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Runs of alphanumerics (with the connectors described in the rule) that contain at least one
/// full-width character, as byte ranges of `text`.
pub(crate) fn runs(text: &str) -> Vec<std::ops::Range<usize>> {
    // Every run reported has one of these characters: a line without them (most lines) has none.
    if !text
        .chars()
        .any(|c| is_fw_alnum(c) || matches!(c, '．' | '，' | '－' | '／'))
    {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_alnum(chars[i].1) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i + 1;
        while j < chars.len() {
            let c = chars[j].1;
            let prev = chars[j - 1].1;
            let next = chars.get(j + 1).map(|x| x.1);
            let joins = if is_alnum(c) {
                true
            } else if matches!(c, '．' | '，' | '.' | ',') {
                is_fw_digit(prev) && next.is_some_and(is_fw_digit)
            } else if matches!(c, '－' | '／' | '-' | '/') {
                is_alnum(prev) && next.is_some_and(is_alnum)
            } else {
                matches!(c, '％' | '%') && is_fw_digit(prev)
            };
            if !joins {
                break;
            }
            j += 1;
        }
        let run = &chars[start..j];
        // A full-width 「％」 after half-width digits is ordinary Japanese; a run counts when it
        // has a full-width letter or digit, or full-width punctuation inside a number (「99．9」).
        if run.iter().any(|&(_, c)| is_fw_alnum(c))
            || run.iter().any(|&(_, c)| matches!(c, '．' | '，' | '－' | '／'))
        {
            let end = chars.get(j).map_or(text.len(), |x| x.0);
            out.push(chars[start].0..end);
        }
        i = j;
    }
    out
}

/// Does this run have a full-width letter (not just digits and their punctuation)?
fn has_fw_letter(run: &str) -> bool {
    run.chars()
        .any(|c| matches!(c, 'Ａ'..='Ｚ' | 'ａ'..='ｚ'))
}

fn check(doc: &Document<'_>, ctx: &mut Context<'_>) {
    let lines: Vec<_> = doc
        .lines
        .iter()
        .filter(|l| matches!(l.kind, LineKind::Text | LineKind::Heading))
        .collect();
    // Full-width digits written consistently are a style, not a mistake: they are reported only
    // when the document also writes half-width digits.
    let half_digits = lines
        .iter()
        .any(|l| doc.text[l.range.clone()].bytes().any(|b| b.is_ascii_digit()));
    for line in lines {
        let text = &doc.text[line.range.clone()];
        for r in runs(text) {
            let found = &text[r.clone()];
            // 「ＸＸ社」 is a placeholder left in (S014), not a style question.
            if (!half_digits && !has_fw_letter(found))
                || crate::lint::rules::style::placeholder_left::is_placeholder_token(found)
            {
                continue;
            }
            let half = to_halfwidth_ascii(found);
            let span = line.range.start + r.start..line.range.start + r.end;
            let what = if has_fw_letter(found) {
                "全角の英字"
            } else {
                "半角の数字と混じった全角の数字"
            };
            ctx.report(Some(span.clone()), format!("{what}「{found}」があります"))
                .label("全角")
                .help(format!("半角の「{half}」にする"))
                .fix(span, half);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(t: &str) -> Vec<&str> {
        runs(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn runs_take_connectors_only_inside_words() {
        assert_eq!(
            found("ＳＬＡを９９．９％にした。"),
            vec!["ＳＬＡ", "９９．９％"]
        );
        assert_eq!(
            found("ＴＣＰ／ＩＰと１，０００件"),
            vec!["ＴＣＰ／ＩＰ", "１，０００"]
        );
        assert_eq!(found("Ａ，Ｂの順に。"), vec!["Ａ", "Ｂ"]);
        assert_eq!(found("SLAは99.9%、（注）　全角空白。"), Vec::<&str>::new());
        assert_eq!(found("99．9%"), vec!["99．9%"]);
        assert_eq!(found("稼働率99.9％と95％"), Vec::<&str>::new());
        assert_eq!(
            to_halfwidth_ascii("９９．９％とＭｕｌｔｉ－ＡＺ"),
            "99.9%とMulti-AZ"
        );
    }
}
