//! A matching view of a text: the characters that look the same to a reader but not to a
//! pattern are made the same, and every offset in the view maps back to the original text.
//!
//! Rules match fixed Japanese phrases (「です」「と呼ばれる」「具体的には」), so text that is
//! visually identical but encoded differently would slip past them or produce false findings:
//! - NFD kana: 「で」 written as 「て」 + U+3099 (combining voiced mark) or 「ぱ」 as 「は」 + U+309A,
//!   as pasted from macOS file names or some PDF viewers. The view composes them (what NFC
//!   does for kana; other canonical compositions, such as Latin accents or Hangul, affect no rule
//!   and are left alone).
//! - Half-width katakana and punctuation (「ﾃﾞｰﾀ」「｡」「､」「｢」): folded to full width, with
//!   「ﾞ」「ﾟ」 composed onto the preceding kana.
//! - Invisible format characters (zero-width space and joiners, word joiner, a BOM inside the
//!   text, soft hyphen, variation selectors): removed.
//!
//! Spans found in the view are mapped back, so they still cover the original characters (the
//! two characters 「て」+U+3099 for a finding on 「で」). Texts without such characters (nearly
//! all) skip all of this: [`MatchView::of`] returns `None` after one scan.

use std::ops::Range;

/// The view and the anchors that map it back to the original.
#[derive(Debug, Clone)]
pub struct MatchView {
    text: String,
    /// (view offset, original offset) at both ends of every changed piece, in order.
    anchors: Vec<(usize, usize)>,
}

/// Full-width forms of U+FF66..=U+FF9D (ｦ … ﾝ), in code point order.
const HALF_KATAKANA: &str = "ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";

fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

/// Does `c` need changing in the view (alone or together with the character before it)?
fn needs_view(c: char) -> bool {
    matches!(c, '\u{3099}' | '\u{309A}' | '\u{FF61}'..='\u{FF9F}') || is_invisible(c)
}

/// Full-width form of a half-width katakana or punctuation character.
fn full_width(c: char) -> Option<char> {
    match c {
        '｡' => Some('。'),
        '｢' => Some('「'),
        '｣' => Some('」'),
        '､' => Some('、'),
        '･' => Some('・'),
        '\u{FF66}'..='\u{FF9D}' => HALF_KATAKANA.chars().nth(c as usize - 0xFF66),
        'ﾞ' => Some('゛'),
        'ﾟ' => Some('゜'),
        _ => None,
    }
}

/// `base` with a voiced (`semi == false`) or semi-voiced sound mark, if such a kana exists.
fn voiced(base: char, semi: bool) -> Option<char> {
    let b = base as u32;
    // か(304B) … ち(3061) and カ … チ: the unvoiced kana sit on odd code points, each followed
    // by its voiced form; after small っ, つ て と sit on even ones.
    let hira_ka_chi = 0x304B..=0x3061;
    let kata_ka_chi = 0x30AB..=0x30C1;
    let hira_ha = [0x306F, 0x3072, 0x3075, 0x3078, 0x307B]; // は ひ ふ へ ほ
    let kata_ha = [0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB];
    let ha_row = hira_ha.contains(&b) || kata_ha.contains(&b);
    let ka_to_row = ((hira_ka_chi.contains(&b) || kata_ka_chi.contains(&b)) && b % 2 == 1)
        || matches!(b, 0x3064 | 0x3066 | 0x3068 | 0x30C4 | 0x30C6 | 0x30C8);
    let v = match (semi, ha_row, ka_to_row) {
        (true, true, _) => b + 2,
        (true, false, _) => return None,
        (false, true, _) | (false, false, true) => b + 1,
        (false, false, false) => match base {
            'う' => 0x3094,
            'ウ' => 0x30F4,
            'ワ' => 0x30F7,
            'ヰ' => 0x30F8,
            'ヱ' => 0x30F9,
            'ヲ' => 0x30FA,
            'ゝ' => 0x309E,
            'ヽ' => 0x30FE,
            _ => return None,
        },
    };
    char::from_u32(v)
}

impl MatchView {
    /// The view of `text`, or `None` when the text has nothing to change (the usual case).
    pub fn of(text: &str) -> Option<MatchView> {
        if !text.chars().any(needs_view) {
            return None;
        }
        let mut out = String::with_capacity(text.len());
        let mut anchors = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            // The character as the view writes it, and whether it changed.
            let mut emitted = full_width(c);
            let mut end = i + c.len_utf8();
            if is_invisible(c) {
                anchors.push((out.len(), i));
                anchors.push((out.len(), end));
                continue;
            }
            let base = emitted.unwrap_or(c);
            // A following (combining or half-width) sound mark composes with the base kana.
            if let Some(&(j, m)) = chars.peek() {
                let semi = match m {
                    '\u{3099}' | 'ﾞ' => Some(false),
                    '\u{309A}' | 'ﾟ' => Some(true),
                    _ => None,
                };
                if let Some(v) = semi.and_then(|s| voiced(base, s)) {
                    emitted = Some(v);
                    end = j + m.len_utf8();
                    chars.next();
                }
            }
            match emitted {
                Some(e) => {
                    anchors.push((out.len(), i));
                    out.push(e);
                    anchors.push((out.len(), end));
                }
                None => out.push(c),
            }
        }
        // Marks that compose with nothing stay as they are: then there is no view at all (and
        // linting the view cannot recurse).
        if anchors.is_empty() {
            return None;
        }
        Some(MatchView { text: out, anchors })
    }

    /// The text rules see.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Original offset of view offset `x` used as the start of a span (after any removed
    /// characters at that point).
    pub fn start_in_original(&self, x: usize) -> usize {
        let k = self.anchors.partition_point(|a| a.0 <= x);
        match k.checked_sub(1).map(|k| self.anchors[k]) {
            Some((v, o)) => o + (x - v),
            None => x,
        }
    }

    /// Original offset of view offset `x` used as the end of a span (before any removed
    /// characters at that point).
    pub fn end_in_original(&self, x: usize) -> usize {
        let k = self.anchors.partition_point(|a| a.0 < x);
        match self.anchors.get(k) {
            Some(&(v, o)) if v == x => o,
            _ => self.start_in_original(x),
        }
    }

    /// Map a view range back to the original text.
    pub fn range_in_original(&self, r: &Range<usize>) -> Range<usize> {
        let s = self.start_in_original(r.start);
        let e = self.end_in_original(r.end).max(s);
        s..e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(t: &str) -> String {
        MatchView::of(t)
            .map(|v| v.text)
            .unwrap_or_else(|| t.to_owned())
    }

    #[test]
    fn table_covers_the_half_width_block() {
        assert_eq!(HALF_KATAKANA.chars().count(), 0xFF9D - 0xFF66 + 1);
        assert_eq!(full_width('ｦ'), Some('ヲ'));
        assert_eq!(full_width('ｰ'), Some('ー'));
        assert_eq!(full_width('ﾝ'), Some('ン'));
    }

    #[test]
    fn kana_marks_compose_like_nfc() {
        assert_eq!(view("て\u{3099}す"), "です");
        assert_eq!(view("は\u{309A}イロット"), "ぱイロット");
        assert_eq!(view("ウ\u{3099}ィ"), "ヴィ");
        assert_eq!(
            view("か\u{3099}き\u{3099}く\u{3099}つ\u{3099}と\u{3099}"),
            "がぎぐづど"
        );
        assert_eq!(view("ホ\u{309A}ヘ\u{3099}"), "ポベ");
        // A mark that composes with nothing stays, and then there is no view.
        assert!(MatchView::of("あ\u{3099}").is_none());
        assert_eq!(view("あ\u{3099}か\u{3099}"), "あ\u{3099}が");
        // Every composed result is what NFC gives: base + 1 (voiced) or + 2 (semi-voiced).
        for base in
            "かきくけこさしすせそたちつてとはひふへほカキクケコサシスセソタチツテトハヒフヘホ"
                .chars()
        {
            assert_eq!(
                voiced(base, false),
                char::from_u32(base as u32 + 1),
                "{base}"
            );
        }
        assert_eq!(voiced('っ', false), None);
        assert_eq!(voiced('ッ', false), None);
    }

    #[test]
    fn compositions_match_the_unicode_nfc_table() {
        // Every kana that NFC composes with U+3099 / U+309A (generated from Unicode data),
        // and nothing else in the kana blocks.
        let voiced_bases = "うかきくけこさしすせそたちつてとはひふへほゝウカキクケコサシスセソタチツテトハヒフヘホワヰヱヲヽ";
        let voiced_forms = "ゔがぎぐげござじずぜぞだぢづでどばびぶべぼゞヴガギグゲゴザジズゼゾダヂヅデドバビブベボヷヸヹヺヾ";
        let semi_bases = "はひふへほハヒフヘホ";
        let semi_forms = "ぱぴぷぺぽパピプペポ";
        for (b, v) in voiced_bases.chars().zip(voiced_forms.chars()) {
            assert_eq!(voiced(b, false), Some(v), "{b}");
        }
        for (b, v) in semi_bases.chars().zip(semi_forms.chars()) {
            assert_eq!(voiced(b, true), Some(v), "{b}");
        }
        for c in ('\u{3040}'..='\u{30FF}').filter(|c| !voiced_bases.contains(*c)) {
            assert_eq!(voiced(c, false), None, "{c}");
        }
        for c in ('\u{3040}'..='\u{30FF}').filter(|c| !semi_bases.contains(*c)) {
            assert_eq!(voiced(c, true), None, "{c}");
        }
    }

    #[test]
    fn half_width_katakana_folds_with_marks() {
        assert_eq!(view("ﾃﾞｰﾀﾍﾞｰｽのﾊﾟｲﾛｯﾄ｡"), "データベースのパイロット。");
        assert_eq!(view("ｳﾞｪﾙ"), "ヴェル");
        assert_eq!(view("ﾞ"), "゛");
    }

    #[test]
    fn invisible_characters_are_removed_and_offsets_map_back() {
        let t = "で\u{200B}す。";
        let v = MatchView::of(t).unwrap();
        assert_eq!(v.text(), "です。");
        let r = v.range_in_original(&(0..v.text().find('。').unwrap()));
        assert_eq!(&t[r], "で\u{200B}す");
        // A span starting or ending at a removed character leaves it out.
        let t = "\u{200B}です\u{200B}";
        let v = MatchView::of(t).unwrap();
        let r = v.range_in_original(&(0..v.text().len()));
        assert_eq!(&t[r], "です");
    }

    #[test]
    fn spans_cover_the_original_characters() {
        let t = "手順て\u{3099}す。ﾃﾞｰﾀを見る。";
        let v = MatchView::of(t).unwrap();
        let at = v.text().find("です").unwrap();
        assert_eq!(
            &t[v.range_in_original(&(at..at + "です".len()))],
            "て\u{3099}す"
        );
        let at = v.text().find("データ").unwrap();
        assert_eq!(&t[v.range_in_original(&(at..at + "データ".len()))], "ﾃﾞｰﾀ");
        let end = v.text().len();
        assert_eq!(v.range_in_original(&(end..end)), t.len()..t.len());
    }

    #[test]
    fn plain_text_needs_no_view() {
        assert!(MatchView::of("普通の文である。ＳＬＡ、①、％").is_none());
        // The view of a view is itself: nothing is left to change.
        let v = MatchView::of("ｶﾞ\u{200B}ヘ\u{309A}").unwrap();
        assert!(MatchView::of(v.text()).is_none());
    }
}
