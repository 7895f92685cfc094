//! Shared helpers for the essay rules (E0xx): the first occurrence of each 設問 part, its text and
//! sentences. Content terms (the one term extractor shared with the score) live in
//! [`crate::document::terms`] and are re-exported here.

use super::{Document, LineKind, Part, Sentence};

/// The first part with this label.
pub(crate) fn part<'d>(doc: &'d Document<'_>, label: char) -> Option<&'d Part> {
    doc.parts.iter().find(|p| p.label == label)
}

/// Sentences that start inside the part's body.
pub(crate) fn sentences<'d>(
    doc: &'d Document<'_>,
    p: &'d Part,
) -> impl Iterator<Item = &'d Sentence> + 'd {
    doc.sentences
        .iter()
        .filter(move |s| p.body.contains(&s.range.start))
}

/// Whether the part has any prose.
pub(crate) fn has_prose(doc: &Document<'_>, p: &Part) -> bool {
    sentences(doc, p).next().is_some()
}

/// The part's prose and sub-heading lines (not front matter, comments or code), one per line.
pub(crate) fn text(doc: &Document<'_>, p: &Part) -> String {
    let mut out = String::new();
    for l in &doc.lines {
        if p.body.contains(&l.range.start) && matches!(l.kind, LineKind::Text | LineKind::Heading) {
            out.push_str(&doc.text[l.range.clone()]);
            out.push('\n');
        }
    }
    out
}

/// Numbers in `text` (half- or full-width digits), without years such as 「2024年」. Looser than
/// [`crate::text::scan::figures`]: any unit counts (「120パック」), so checks built on it stay quiet
/// whenever a figure is there.
pub(crate) fn numbers(text: &str) -> usize {
    crate::text::scan::static_regex!(r"[0-9０-９][0-9０-９,，.．]*")
        .find_iter(text)
        .filter(|m| {
            let digits = m.as_str().trim_end_matches([',', '，', '.', '．']);
            let year = digits.chars().count() == 4 && text[m.end()..].starts_with('年');
            !year
        })
        .count()
}

pub use crate::document::terms::{Term, fold, mentions, terms};
