//! A file of several module paragraphs, each under its own `## ` heading (what `itsm draft
//! --theme T` prints for two cases, or a study file that collects modules): each paragraph is
//! judged as one module, so the module format's once-per-paragraph rules (one 「具体的には」, one
//! 「工夫した点は」) count per paragraph, and the headings that label them are not module text.
//!
//! Only a module file (its kind as `lint::judge` decides it: `--kind`, front matter, `kinds:`, else
//! no heading naming a 設問) made of nothing but such blocks is split — a heading, one paragraph,
//! optionally an HTML comment line (the markdown format's `<!-- itsm: … -->`) — at least two of
//! them, no front matter and no heading starting with 設問. Anything else is linted as one
//! document.

use std::ops::Range;

/// The byte ranges of the paragraphs of a multi-module file, or `None` when `text` is not one.
pub(crate) fn module_sections(text: &str) -> Option<Vec<Range<usize>>> {
    if text.trim_start().starts_with("---") {
        return None;
    }
    let mut sections: Vec<Range<usize>> = Vec::new();
    // The paragraph being read: its range, and whether a heading opened it.
    let mut open: Option<Range<usize>> = None;
    let mut after_heading = false;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let t = line.trim();
        let end = start + line.trim_end_matches(['\n', '\r']).len();
        if t.is_empty() {
            if let Some(r) = open.take() {
                sections.push(r);
            }
            continue;
        }
        if let Some(h) = t.strip_prefix("## ") {
            if h.starts_with("設問") || open.is_some() {
                return None;
            }
            after_heading = true;
            continue;
        }
        if t.starts_with('#') {
            return None;
        }
        if t.starts_with("<!--") && t.ends_with("-->") {
            if let Some(r) = open.take() {
                sections.push(r);
            }
            continue;
        }
        match &mut open {
            Some(r) => r.end = end,
            None if after_heading => {
                after_heading = false;
                open = Some(start..end);
            }
            // Text that no heading introduces, or a second paragraph under one heading.
            None => return None,
        }
    }
    if let Some(r) = open.take() {
        sections.push(r);
    }
    (sections.len() >= 2 && !after_heading).then_some(sections)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headed_paragraphs_are_sections() {
        let t = "## A\n\n段落1。\n\n## B\n\n段落2。\n<!-- itsm: case=x -->\n";
        let s = module_sections(t).unwrap();
        assert_eq!(
            s.iter().map(|r| &t[r.clone()]).collect::<Vec<_>>(),
            ["段落1。", "段落2。"]
        );
    }

    #[test]
    fn other_shapes_are_one_document() {
        for t in [
            "段落1。\n\n段落2。\n",
            "## A\n\n段落1。\n",
            "## A\n\n段落1。\n\n段落2。\n\n## B\n\n段落3。\n",
            "## 設問ア\n\n本文。\n\n## 設問イ\n\n本文。\n",
            "---\nkind: module\n---\n## A\n\n段落1。\n\n## B\n\n段落2。\n",
            "## A\n\n段落1。\n\n### 小見出し\n\n## B\n\n段落2。\n",
            "## A\n\n段落1。\n\n## B\n",
        ] {
            assert_eq!(module_sections(t), None, "{t:?}");
        }
    }
}
