//! Shared helpers for rules: figure detection, pattern caches, character tests.

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

/// Positions of the fixed module-format markers in a module paragraph.
#[derive(Debug, Clone, Default)]
pub struct Markers {
    /// The first sentence (the technique sentence).
    pub first: Option<Range<usize>>,
    /// 「と呼ばれる」 in the first sentence.
    pub name: Option<Range<usize>>,
    /// 「という…特徴を持つ」 in the first sentence.
    pub feature: Option<Range<usize>>,
    /// 「と呼ばれる、…手法を」: the feature paraphrased between name and method.
    pub feature_paraphrase: bool,
    /// 「手法を使用し」 or an accepted variant, in the first sentence.
    pub method: Option<Range<usize>>,
    /// The reason sentence (starts with なぜならば / 理由は / 根拠は).
    pub reason_sentence: Option<Range<usize>>,
    /// The opening word of the reason sentence.
    pub reason: Option<Range<usize>>,
    /// The ingenuity sentence opener (工夫した点は …).
    pub ingenuity: Option<Range<usize>>,
    /// Every 「具体的には」.
    pub examples: Vec<Range<usize>>,
}

/// Find the module-format markers.
pub fn markers(doc: &crate::rules::Document<'_>) -> Markers {
    let mut m = Markers::default();
    let text = doc.text;
    let Some(first) = doc.sentences.first() else {
        return m;
    };
    let fr = first.range.clone();
    let fs = &text[fr.clone()];
    m.first = Some(fr.clone());
    m.name = fs
        .find("と呼ばれる")
        .map(|i| fr.start + i..fr.start + i + "と呼ばれる".len());
    m.feature = static_regex!(r"という[^。]{0,80}?特徴を(持つ|もつ|有する)")
        .find(fs)
        .map(|x| shift(x.range(), fr.start));
    let method = static_regex!(
        r"(手法|枠組み|仕組み|技術|方式|制度|会議体|基盤|ツール|モデル|プロセス|方法|体制|ルール)を(使用|用い|活用|導入|採用|適用|設置|構築|設け|整備)(し|て)"
    );
    m.method = method.find(fs).map(|x| shift(x.range(), fr.start));
    if let (Some(n), Some(me)) = (&m.name, &m.method) {
        // Only when the name comes first (a method phrase before the name is F009's business).
        m.feature_paraphrase = text
            .get(n.end..me.start)
            .is_some_and(|between| between.chars().count() >= 10);
    }
    for s in &doc.sentences {
        let st = &text[s.range.clone()];
        if m.reason.is_none() {
            for opener in [
                "なぜならば",
                "なぜなら",
                "その理由は",
                "理由は",
                "根拠は",
                "導入の理由は",
            ] {
                if st.starts_with(opener) {
                    m.reason = Some(s.range.start..s.range.start + opener.len());
                    m.reason_sentence = Some(s.range.clone());
                    break;
                }
            }
        }
        if m.ingenuity.is_none() {
            for opener in [
                "工夫した点は",
                "工夫した点として",
                "その工夫として",
                "工夫点は",
                "工夫したのは",
            ] {
                if let Some(i) = st.find(opener).filter(|i| st[..*i].chars().count() <= 12) {
                    m.ingenuity = Some(s.range.start + i..s.range.start + i + opener.len());
                    break;
                }
            }
        }
    }
    for (r, p) in doc.prose() {
        for x in find_all(p, "具体的には") {
            m.examples.push(shift(x, r.start));
        }
    }
    m
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
