//! Character-level scanning shared by rules, score detectors and drafts: number parsing, pattern
//! caches (`static_regex!`), character classes and multi-term search. Figures (what counts as
//! 定量情報) are found by the one number detector, `crate::document::figures`.

use std::ops::Range;

/// Build a `&'static Regex` once: `static_regex!(r"...")`.
macro_rules! static_regex {
    ($re:literal) => {{
        static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
        RE.get_or_init(|| regex::Regex::new($re).expect("valid regex"))
    }};
}
pub(crate) use static_regex;

/// Parse a number written with half- or full-width digits and commas.
pub fn parse_number(s: &str) -> Option<f64> {
    let ascii: String = s
        .chars()
        .filter_map(|c| match c {
            '0'..='9' | '.' => Some(c),
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '．' => Some('.'),
            ',' | '，' => None,
            _ => None,
        })
        .collect();
    ascii.parse().ok()
}

/// Japanese script (kana or kanji).
pub fn is_japanese(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF66}'..='\u{FF9F}')
}

/// Katakana (including the long-vowel mark and middle dot).
pub fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A0}'..='\u{30FF}' | '\u{FF66}'..='\u{FF9F}')
}

/// Byte ranges of every occurrence of `needle` in `hay`.
pub fn find_all<'a>(hay: &'a str, needle: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
    hay.match_indices(needle)
        .map(move |(i, _)| i..i + needle.len())
}

/// Shift a relative range by `base`.
pub fn shift(r: Range<usize>, base: usize) -> Range<usize> {
    r.start + base..r.end + base
}

/// Finds every occurrence (overlapping ones included) of a list of terms in one pass.
/// Built once per distinct term list and cached, so rules with a vocabulary of names do not
/// scan the text once per name (which is slow on Japanese text, where almost every character
/// starts with the same UTF-8 byte).
#[derive(Clone)]
pub struct TermMatcher {
    ac: aho_corasick::AhoCorasick,
}

impl TermMatcher {
    /// The matcher for `terms` (empty terms are ignored; pattern ids index the non-empty terms
    /// in the order given).
    pub fn for_terms<'a>(terms: impl Iterator<Item = &'a str>) -> TermMatcher {
        use std::sync::Mutex;
        static CACHE: Mutex<Vec<(Vec<String>, TermMatcher)>> = Mutex::new(Vec::new());
        let key: Vec<String> = terms.filter(|t| !t.is_empty()).map(str::to_owned).collect();
        let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, m)) = cache.iter().find(|(k, _)| *k == key) {
            return m.clone();
        }
        let ac = aho_corasick::AhoCorasick::new(&key).expect("plain string patterns always build");
        let m = TermMatcher { ac };
        if cache.len() >= 8 {
            cache.remove(0);
        }
        cache.push((key, m.clone()));
        m
    }

    /// (term index, byte range) of every occurrence in `hay`, overlapping ones included,
    /// ordered by end position.
    pub fn find_all<'h>(
        &'h self,
        hay: &'h str,
    ) -> impl Iterator<Item = (usize, Range<usize>)> + 'h {
        self.ac
            .find_overlapping_iter(hay)
            .map(|m| (m.pattern().as_usize(), m.range()))
    }
}
