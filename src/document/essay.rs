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

pub use crate::document::terms::{Term, fold, mentions, terms};
