//! Line-start markers (「・」「■」「1.」「（1）」「①」…) and the one decision made from them: is a
//! marked line a heading or a list item? Candidates mark headings the way study guides teach
//! (「■ITサービスの概要」「◆特徴」「1.課題」「（1）移行方式の選択」), and the same marks also start
//! bullet lists, which the exam forbids. The parser ([`super::Document::parse`]) classifies each
//! marked line with `resolve`; the bullet rule (S001) reports the lines left as list items.
//!
//! A marked line is a heading when all of these hold:
//! - its mark can open a heading (「■□◆◇●○▶►◎★☆」, 「1.」「１．」, 「(1)」「（１）」 — not 「・」「-」「*」
//!   「①」「1)」「a.」, which only ever start list items);
//! - it is short (at most [`HEADING_MAX_CHARS`] characters) and has no sentence end (「。」);
//! - no neighbouring line (blank lines skipped) starts with a mark of the same family — two or
//!   more in a row are a list;
//! - the next line is prose or another heading (a heading heads something).

use super::{Line, LineKind};

/// Longest marked line that can be a heading (characters, mark included).
pub const HEADING_MAX_CHARS: usize = 40;

/// Which kind of mark a line starts with. Lines whose marks share a family and follow one
/// another are one list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkFamily {
    /// 「・」「-」「*」「+」「●」「■」「◆」…
    Symbol,
    /// 「1.」「１．」
    Number,
    /// 「(1)」「（１）」
    ParenNumber,
    /// 「1)」「１）」
    CloseParenNumber,
    /// 「①」…「⑳」
    Circled,
    /// 「a.」「a)」
    Letter,
}

/// The mark a line starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineMark {
    pub family: MarkFamily,
    /// Byte length of the mark, without the spaces after it.
    pub len: usize,
    /// Whether this mark can open a heading.
    pub heading_mark: bool,
}

/// The list or heading mark `t` (a line without its indent) starts with, if any. Not marks:
/// decimals and section numbers (「1.5倍」「99.9%」「1.1 概要」), signed values (「-5%」「+3件」)
/// and Markdown bold (「**強調**」).
pub fn line_mark(t: &str) -> Option<LineMark> {
    let re = crate::text::scan::static_regex!(
        r"^(?:(?P<sym>[-*+・●○◆◇■□▶►◎★☆])|(?P<num>[0-9０-９]{1,2}[.．])|(?P<paren>[（(][0-9０-９]{1,2}[)）])|(?P<close>[0-9０-９]{1,2}[)）])|(?P<circ>[①-⑳])|(?P<letter>[a-zａ-ｚ][.)）]))"
    );
    let c = re.captures(t)?;
    let (family, m) = if let Some(m) = c.name("sym") {
        (MarkFamily::Symbol, m)
    } else if let Some(m) = c.name("num") {
        (MarkFamily::Number, m)
    } else if let Some(m) = c.name("paren") {
        (MarkFamily::ParenNumber, m)
    } else if let Some(m) = c.name("close") {
        (MarkFamily::CloseParenNumber, m)
    } else if let Some(m) = c.name("circ") {
        (MarkFamily::Circled, m)
    } else {
        (MarkFamily::Letter, c.name("letter")?)
    };
    let mark = m.as_str();
    let rest = &t[m.end()..];
    let next = rest.chars().next();
    let digit_next = next.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let not_mark = match mark {
        "-" | "+" => digit_next,
        "*" => next == Some('*'),
        _ => family == MarkFamily::Number && digit_next,
    };
    // A letter mark needs a space after it (「a. 項目」), so that words (「e.g.」) are not marks.
    let letter_without_space =
        family == MarkFamily::Letter && !next.is_some_and(char::is_whitespace);
    if not_mark || letter_without_space || rest.trim().is_empty() {
        return None;
    }
    let heading_mark = match family {
        MarkFamily::Symbol => !matches!(mark, "-" | "*" | "+" | "・"),
        MarkFamily::Number | MarkFamily::ParenNumber => true,
        _ => false,
    };
    Some(LineMark {
        family,
        len: mark.len(),
        heading_mark,
    })
}

/// Short and without a sentence end: the shape of a heading.
fn heading_shaped(t: &str) -> bool {
    t.chars().count() <= HEADING_MAX_CHARS
        && !t.contains(['。', '！', '？'])
        && !t.ends_with(['、', '，', ','])
}

/// Classify the marked lines of `lines` (already split into blank, text, heading and skipped
/// lines): a marked heading becomes [`LineKind::Heading`], a list item [`LineKind::Text`].
pub(super) fn resolve(text: &str, lines: &mut [Line]) {
    let content: Vec<usize> = (0..lines.len())
        .filter(|&i| matches!(lines[i].kind, LineKind::Text | LineKind::Heading))
        .collect();
    let marks: Vec<Option<LineMark>> = content
        .iter()
        .map(|&i| {
            let t = text[lines[i].range.clone()].trim();
            if t.starts_with('#') {
                None
            } else {
                line_mark(t)
            }
        })
        .collect();
    let family = |k: usize| marks.get(k).copied().flatten().map(|m| m.family);
    // Bottom-up, so that a heading followed by a marked sub-heading (「2.1 計画」「（1）方式」) sees
    // the sub-heading already decided.
    for k in (0..content.len()).rev() {
        let Some(m) = marks[k] else { continue };
        let i = content[k];
        let t = text[lines[i].range.clone()].trim();
        let in_list = (k > 0 && family(k - 1) == Some(m.family)) || family(k + 1) == Some(m.family);
        let heads_something = content.get(k + 1).is_some_and(|&n| {
            lines[n].kind == LineKind::Heading
                || (lines[n].kind == LineKind::Text && marks[k + 1].is_none())
        });
        lines[i].kind = if !in_list && m.heading_mark && heading_shaped(t) && heads_something {
            LineKind::Heading
        } else {
            LineKind::Text
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn family(t: &str) -> Option<MarkFamily> {
        line_mark(t).map(|m| m.family)
    }

    #[test]
    fn marks_and_what_is_not_a_mark() {
        assert_eq!(family("・監視の強化"), Some(MarkFamily::Symbol));
        assert_eq!(family("■ITサービスの概要"), Some(MarkFamily::Symbol));
        assert_eq!(family("1.課題"), Some(MarkFamily::Number));
        assert_eq!(family("２．品質管理"), Some(MarkFamily::Number));
        assert_eq!(family("（1）移行方式の選択"), Some(MarkFamily::ParenNumber));
        assert_eq!(family("1) 項目"), Some(MarkFamily::CloseParenNumber));
        assert_eq!(family("① 項目"), Some(MarkFamily::Circled));
        assert_eq!(family("a. 項目"), Some(MarkFamily::Letter));
        for not in [
            "1.1 概要",
            "1.5倍に増えた。",
            "99.9%の稼働率",
            "-5%となった。",
            "**重要**",
            "e.g.",
            "■",
        ] {
            assert_eq!(family(not), None, "{not}");
        }
        assert!(!line_mark("・項目").unwrap().heading_mark);
        assert!(line_mark("◆特徴").unwrap().heading_mark);
    }
}
