//! Character-level scanning shared by rules, score detectors and drafts: figure detection,
//! number parsing, pattern caches (`static_regex!`),
//! character classes and multi-term search.

use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

/// Build a `&'static Regex` once: `static_regex!(r"...")`.
macro_rules! static_regex {
    ($re:literal) => {{
        static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
        RE.get_or_init(|| regex::Regex::new($re).expect("valid regex"))
    }};
}
pub(crate) use static_regex;

/// A number with a unit: 「40日」「99.9%」「1,000名」「5倍」「30分」. Years (「2024年」) excluded.
pub fn figure_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?:約|およそ|最大|最小|平均|年間|月間)?([0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?)\s*(%|％|パーセント|ポイント|件|分|時間|日|営業日|名|人|回|倍|秒|ミリ秒|円|万円|億円|千円|社|店舗|店|拠点|台|か月|ヶ月|カ月|箇所|か所|週|年|GB|TB|MB|通|枚|明細|人時|人月|行|字|割|段階|種類|項目|本|個|世代|区分)",
        )
        .expect("valid regex")
    })
}

/// Figures in `text` (ranges relative to `text`), without years such as 2024年.
pub fn figures(text: &str) -> Vec<Range<usize>> {
    figure_re()
        .captures_iter(text)
        .filter(|c| {
            let num = c.get(1).map(|m| m.as_str()).unwrap_or("");
            let unit = c.get(2).map(|m| m.as_str()).unwrap_or("");
            !(unit == "年" && num.chars().count() == 4)
        })
        .map(|c| c.get(0).expect("whole match").range())
        .collect()
}

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
