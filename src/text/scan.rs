//! Character-level scanning shared by rules, score detectors and drafts: number parsing, pattern
//! caches (`static_regex!`), character classes and multi-term search. Figures (what counts as
//! 定量情報) are found by the one number detector, `crate::document::figures`.

use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A `&'static` [`Pattern`] for a regex literal: `static_regex!(r"...")`. The pattern is parsed
/// when the crate compiles (a bad pattern fails the build) and the regex is compiled on first
/// need, so a run only pays for the patterns its text can match.
macro_rules! static_regex {
    ($re:literal) => {{
        static RE: $crate::text::scan::Pattern = {
            let (needles, exact, anchored) = itsm_macros::needles!($re);
            $crate::text::scan::Pattern::new($re, needles, exact, anchored)
        };
        &RE
    }};
}
pub(crate) use static_regex;

/// A regex that is compiled only when a text could match it.
///
/// Compiling a regex costs far more than running it on a short text, and most of the rules'
/// patterns never match a given essay. `itsm_macros::needles!` finds, when the crate compiles,
/// literals one of which every match must contain; for the first few kilobytes of text
/// (`GATED_BYTES`, 4 KiB), [`Pattern::is_match`], [`Pattern::find`], [`Pattern::captures`] and the
/// iterators first look for them and answer "no match" without compiling the regex when none
/// occurs. A pattern that matches exactly its literals (`今後|残課題|引き続き`) answers `is_match`
/// from them alone; a pattern anchored with `^` only looks at how the text starts. Past those
/// bytes, or once the regex exists, every text goes to the [`Regex`] (whose own literal search is
/// faster on long runs); every other `Regex` method is reached through `Deref`. The answers are
/// always the regex's own (the literals are necessary, and sufficient only for exact patterns);
/// `tests/it/patterns.rs` checks that on real text.
pub struct Pattern {
    source: &'static str,
    needles: &'static [&'static [u8]],
    exact: bool,
    anchored: bool,
    /// Bytes checked against the needles so far.
    scanned: AtomicUsize,
    regex: OnceLock<Regex>,
}

/// How much text a [`Pattern`] checks against its needles before it hands every text to the
/// regex: enough for a short file, little enough that a long run pays (almost) nothing.
const GATED_BYTES: usize = 4096;

impl Pattern {
    /// A pattern with the needles `itsm_macros::needles!` found (`needles` empty: none).
    pub const fn new(
        source: &'static str,
        needles: &'static [&'static [u8]],
        exact: bool,
        anchored: bool,
    ) -> Pattern {
        Pattern {
            source,
            needles,
            exact,
            anchored,
            scanned: AtomicUsize::new(0),
            regex: OnceLock::new(),
        }
    }

    /// The regex (compiled on first call).
    pub fn regex(&self) -> &Regex {
        self.regex
            .get_or_init(|| Regex::new(self.source).expect("checked when the crate compiled"))
    }

    /// Whether the regex has been compiled (for the start-up tests).
    pub fn is_compiled(&self) -> bool {
        self.regex.get().is_some()
    }

    /// False only when no match is possible: none of the needles occurs in `hay`. Only the
    /// first `GATED_BYTES` (4 KiB) of text are checked this way (needle by needle, which costs nothing
    /// to set up); after that every text goes to the regex, whose own literal search is faster
    /// on long runs. A rule whose finding needs a match of this pattern somewhere in a text may
    /// ask this first and skip the text (and other patterns' work on it) when the answer is no.
    pub fn may_match(&self, hay: &str) -> bool {
        if self.needles.is_empty() || self.regex.get().is_some() && !self.exact {
            return true;
        }
        if self.anchored {
            return self.needles.iter().any(|n| hay.as_bytes().starts_with(n));
        }
        if self.scanned.fetch_add(hay.len(), Ordering::Relaxed) >= GATED_BYTES {
            return true;
        }
        self.needles
            .iter()
            .any(|n| memchr::memmem::find(hay.as_bytes(), n).is_some())
    }

    /// Whether the needles alone answer `is_match` (an exact pattern, still in its gated bytes).
    fn answers_alone(&self) -> bool {
        self.exact && !self.needles.is_empty() && self.scanned.load(Ordering::Relaxed) < GATED_BYTES
    }

    pub fn is_match(&self, hay: &str) -> bool {
        if !self.may_match(hay) {
            return false;
        }
        self.answers_alone() || self.regex().is_match(hay)
    }

    pub fn find<'h>(&self, hay: &'h str) -> Option<regex::Match<'h>> {
        if !self.may_match(hay) {
            return None;
        }
        self.regex().find(hay)
    }

    pub fn captures<'h>(&self, hay: &'h str) -> Option<regex::Captures<'h>> {
        if !self.may_match(hay) {
            return None;
        }
        self.regex().captures(hay)
    }

    pub fn find_iter<'r, 'h>(&'r self, hay: &'h str) -> impl Iterator<Item = regex::Match<'h>> + 'r
    where
        'h: 'r,
    {
        self.may_match(hay)
            .then(|| self.regex().find_iter(hay))
            .into_iter()
            .flatten()
    }

    pub fn captures_iter<'r, 'h>(
        &'r self,
        hay: &'h str,
    ) -> impl Iterator<Item = regex::Captures<'h>> + 'r
    where
        'h: 'r,
    {
        self.may_match(hay)
            .then(|| self.regex().captures_iter(hay))
            .into_iter()
            .flatten()
    }

    pub fn replace_all<'h, R: regex::Replacer>(
        &self,
        hay: &'h str,
        rep: R,
    ) -> std::borrow::Cow<'h, str> {
        if !self.may_match(hay) {
            return std::borrow::Cow::Borrowed(hay);
        }
        self.regex().replace_all(hay, rep)
    }

    pub fn replace<'h, R: regex::Replacer>(
        &self,
        hay: &'h str,
        rep: R,
    ) -> std::borrow::Cow<'h, str> {
        if !self.may_match(hay) {
            return std::borrow::Cow::Borrowed(hay);
        }
        self.regex().replace(hay, rep)
    }
}

impl std::ops::Deref for Pattern {
    type Target = Regex;
    fn deref(&self) -> &Regex {
        self.regex()
    }
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

/// A fixed word list searched in one pass (an Aho–Corasick automaton, built on first use): for
/// the lists a detector checks every clause or sentence against, where
/// `words.iter().any(|w| s.contains(w))` would scan the text once per word.
pub struct WordList {
    words: &'static [&'static str],
    ac: OnceLock<aho_corasick::AhoCorasick>,
}

impl WordList {
    pub const fn new(words: &'static [&'static str]) -> WordList {
        WordList {
            words,
            ac: OnceLock::new(),
        }
    }

    /// The words, in the order given.
    pub fn words(&self) -> &'static [&'static str] {
        self.words
    }

    fn automaton(&self) -> &aho_corasick::AhoCorasick {
        // A DFA without a prefilter: the texts are clauses and sentences, too short for a
        // prefilter's skipping to repay its start-up on every call.
        self.ac.get_or_init(|| {
            aho_corasick::AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .prefilter(false)
                .build(self.words)
                .expect("plain string patterns always build")
        })
    }

    /// Whether any of the words occurs in `s`.
    pub fn any_in(&self, s: &str) -> bool {
        self.automaton().is_match(s)
    }

    /// `(s.find(w), w)` for every word `w` that occurs in `s`: the first occurrence of each.
    pub fn first_occurrences(&self, s: &str) -> Vec<(usize, &'static str)> {
        let mut seen = vec![false; self.words.len()];
        let mut out = Vec::new();
        // Overlapping matches come in order of their end, so a word's first is its leftmost.
        for m in self.automaton().find_overlapping_iter(s) {
            let i = m.pattern().as_usize();
            if !std::mem::replace(&mut seen[i], true) {
                out.push((m.start(), self.words[i]));
            }
        }
        out
    }

    /// Where the last occurrence of any of the words in `s` ends.
    pub fn last_end(&self, s: &str) -> Option<usize> {
        self.automaton()
            .find_overlapping_iter(s)
            .map(|m| m.end())
            .max()
    }
}

/// Finds every occurrence (overlapping ones included) of a list of terms in one pass.
/// Built once per distinct term list and cached, so rules with a vocabulary of names do not
/// scan the text once per name (which is slow on Japanese text, where almost every character
/// starts with the same UTF-8 byte).
#[derive(Clone)]
pub struct TermMatcher {
    /// Cheap to build, slower to run: used for the first [`TERMS_NFA_BYTES`] of text.
    nfa: aho_corasick::AhoCorasick,
    /// The same terms as a DFA (built once that much text has been searched), and the text
    /// searched so far; shared by the clones of one matcher.
    dfa: std::sync::Arc<(OnceLock<aho_corasick::AhoCorasick>, AtomicUsize)>,
    terms: std::sync::Arc<Vec<String>>,
}

/// How much text a [`TermMatcher`] searches with its NFA before it builds its DFA: building the
/// DFA costs more than a short run's search, and less than a long run's.
const TERMS_NFA_BYTES: usize = 64 * 1024;

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
        let nfa = aho_corasick::AhoCorasick::builder()
            // Noncontiguous: the cheapest to build (a contiguous NFA is built from it), and a
            // short run's search is too short for the difference in search speed to show.
            .kind(Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA))
            .build(&key)
            .expect("plain string patterns always build");
        let m = TermMatcher {
            nfa,
            dfa: std::sync::Arc::new((OnceLock::new(), AtomicUsize::new(0))),
            terms: std::sync::Arc::new(key.clone()),
        };
        if cache.len() >= 8 {
            cache.remove(0);
        }
        cache.push((key, m.clone()));
        m
    }

    /// The automaton to search `hay` with: both find the same matches.
    fn automaton(&self, hay: &str) -> &aho_corasick::AhoCorasick {
        let (dfa, searched) = &*self.dfa;
        if let Some(d) = dfa.get() {
            return d;
        }
        if searched.fetch_add(hay.len(), Ordering::Relaxed) < TERMS_NFA_BYTES {
            return &self.nfa;
        }
        dfa.get_or_init(|| {
            aho_corasick::AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(self.terms.iter())
                .expect("plain string patterns always build")
        })
    }

    /// (term index, byte range) of every occurrence in `hay`, overlapping ones included,
    /// ordered by end position.
    pub fn find_all<'h>(
        &'h self,
        hay: &'h str,
    ) -> impl Iterator<Item = (usize, Range<usize>)> + 'h {
        let ac = self.automaton(hay);
        // Most paragraphs contain none of the terms, and a plain search (which may skip ahead
        // with a prefilter) says so faster than the overlapping walk: it finds a match exactly
        // when the overlapping search would find one.
        ac.is_match(hay)
            .then(|| ac.find_overlapping_iter(hay))
            .into_iter()
            .flatten()
            .map(|m| (m.pattern().as_usize(), m.range()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every occurrence of every term, by a substring search per term, ordered as `find_all`.
    fn naive(terms: &[&str], hay: &str) -> Vec<(usize, Range<usize>)> {
        let mut out: Vec<(usize, Range<usize>)> = terms
            .iter()
            .enumerate()
            .flat_map(|(i, t)| find_all(hay, t).map(move |r| (i, r)))
            .collect();
        out.sort_by_key(|(i, r)| (r.end, r.start, *i));
        out
    }

    #[test]
    fn term_matcher_finds_every_occurrence_before_and_after_its_dfa() {
        // Terms unique to this test, so the cached matcher is this test's own.
        let terms = ["試験用語", "用語集", "語", "テスト専用A", "A社"];
        let m = TermMatcher::for_terms(terms.iter().copied());
        let texts = [
            "どれも含まない段落である。",
            "試験用語集の語とテスト専用A社。",
            "",
            "語",
        ];
        let sorted = |mut v: Vec<(usize, Range<usize>)>| {
            v.sort_by_key(|(i, r)| (r.end, r.start, *i));
            v
        };
        // The first texts go through the NFA; past TERMS_NFA_BYTES the DFA answers.
        let long = "段落".repeat(TERMS_NFA_BYTES / 6 + 1);
        for round in 0..2 {
            for t in texts {
                assert_eq!(
                    sorted(m.find_all(t).collect()),
                    naive(&terms, t),
                    "{t} (round {round})"
                );
            }
            assert_eq!(m.find_all(&long).count(), 0);
        }
        assert!(m.dfa.0.get().is_some());
    }
}
