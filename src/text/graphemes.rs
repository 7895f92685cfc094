//! Extended grapheme clusters (what `itsm count` calls a character), exactly as
//! `unicode-segmentation` splits them, but fast on Japanese text.
//!
//! UAX #29 joins two characters into one cluster only when the first is a control, a CR, a
//! Hangul jamo, a prepend mark, a ZWJ, a regional indicator, or an Indic linker, or the second
//! extends the first (Extend, ZWJ, SpacingMark). Kana, kanji, CJK punctuation, full-width forms
//! and printable ASCII are none of these (`stands_alone`), so a pair of them is always two
//! clusters: such a character followed by another is a cluster by itself, without asking the
//! segmenter. Anything else (「か」+U+3099, an emoji sequence, CRLF) goes to `unicode-segmentation`,
//! started at the boundary reached so far (the rules look back no further than the cluster they
//! are in, and a run of regional indicators is split in pairs from any boundary in it).

use unicode_segmentation::UnicodeSegmentation;

/// Characters whose Grapheme_Cluster_Break is Other: never joined to a neighbour of this set.
fn stands_alone(c: char) -> bool {
    matches!(c,
        ' '..='~'
        | '\u{3000}'..='\u{3029}' // ideographic space, CJK punctuation and brackets (not U+302A–302F, which combine)
        | '\u{3041}'..='\u{3096}' // hiragana (not U+3099/309A, the combining voiced marks)
        | '\u{309B}'..='\u{30FF}' // spacing voiced marks, hiragana iteration marks, katakana
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF01}'..='\u{FF5E}' // full-width ASCII
        | '\u{FF61}'..='\u{FF9D}' // half-width punctuation and katakana (not U+FF9E/FF9F, which combine)
    )
}

/// The extended grapheme clusters of `s`, the same as `s.graphemes(true)`.
pub fn graphemes(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        let mut chars = rest.chars();
        let c = chars.next()?;
        let len = if stands_alone(c) && chars.next().is_none_or(stands_alone) {
            c.len_utf8()
        } else {
            rest.graphemes(true).next().map_or(rest.len(), str::len)
        };
        let (g, r) = rest.split_at(len);
        rest = r;
        Some(g)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_clusters_as_unicode_segmentation() {
        // Every pair and triple of characters from the fast set's edges and the joining kinds.
        let chars = [
            'a', ' ', '~', '\r', '\n', '\t', 'か', 'カ', 'ｶ', '漢', '、', '。', '　', 'Ａ', 'ー',
            '\u{3099}', '\u{309A}', '\u{309B}', '\u{FF9E}', '\u{FF9F}', '\u{302A}', '\u{0301}',
            '\u{200D}', '\u{FE0F}', '\u{20E3}', '😀', '👩', '🇯', '🇵', '\u{0915}', '\u{094D}',
            '\u{0903}', '\u{0600}', '\u{1100}', '\u{1161}', '\u{11A8}', '가', '〰', '〽', '#',
        ];
        let mut texts: Vec<String> = Vec::new();
        for a in chars {
            for b in chars {
                texts.push([a, b].iter().collect());
                for c in chars {
                    texts.push([a, b, c].iter().collect());
                }
            }
        }
        texts.push("変更承認の待ち時間がP95で3秒、ＳＬＡは99.9%。ﾊﾟｽﾜｰﾄﾞ\r\n👩\u{200D}💻🇯🇵🇯".into());
        for t in &texts {
            let fast: Vec<&str> = graphemes(t).collect();
            let slow: Vec<&str> = t.graphemes(true).collect();
            assert_eq!(fast, slow, "{t:?}");
        }
    }
}
