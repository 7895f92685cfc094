//! The front matter of a text, parsed in one place: a first line `---`, then `key: value` lines,
//! closed by a line `---` or `...` (YAML's document end). A block that is never closed runs to
//! the end of the text. Values are kept as written (outer quotes removed); [`value`] drops a
//! trailing YAML comment as well.
//!
//! Everything that needs the front matter (the document's kind, the essay's `theme:` and
//! `question:`, suppression comments, drafts, the score) reads it from here.

use std::ops::Range;

/// The front matter block of a text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// `(key, value)` pairs in file order; values trimmed and without outer quotes.
    pub entries: Vec<(String, String)>,
    /// The line of each entry (trimmed), parallel to `entries`.
    pub entry_lines: Vec<Range<usize>>,
    /// From the opening `---` to the end of the closing line (its line break included), or to
    /// the end of the text when the block is not closed. Empty when there is no front matter.
    pub range: Range<usize>,
    /// Whether a `---` or `...` line closes the block.
    pub closed: bool,
}

/// Whether a (trimmed) line opens a front matter block.
pub fn is_open(line: &str) -> bool {
    line == "---"
}

/// Whether a (trimmed) line closes a front matter block.
pub fn is_close(line: &str) -> bool {
    line == "---" || line == "..."
}

impl FrontMatter {
    /// The front matter at the start of `text`, if its first line is `---`.
    pub fn parse(text: &str) -> Option<FrontMatter> {
        let mut lines = text.split_inclusive('\n');
        let first = lines.next()?;
        if !is_open(first.trim()) {
            return None;
        }
        let mut fm = FrontMatter {
            range: 0..text.len(),
            ..FrontMatter::default()
        };
        let mut off = first.len();
        for raw in lines {
            let start = off;
            off += raw.len();
            let t = raw.trim();
            if is_close(t) {
                fm.range = 0..off;
                fm.closed = true;
                break;
            }
            if let Some((k, v)) = t.split_once(':') {
                let lead = raw.len() - raw.trim_start().len();
                fm.entries.push((
                    k.trim().to_owned(),
                    v.trim().trim_matches(['"', '\'']).to_owned(),
                ));
                fm.entry_lines.push(start + lead..start + lead + t.len());
            }
        }
        Some(fm)
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The `(key, value)` pairs in file order.
    pub fn iter(&self) -> std::slice::Iter<'_, (String, String)> {
        self.entries.iter()
    }

    /// The value of `key` as written (outer quotes removed), if the key is present.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The value of `key` without a trailing YAML comment or quotes (`change  # 変更管理` →
    /// `change`); `None` when the key is absent or its value is empty.
    pub fn value(&self, key: &str) -> Option<String> {
        self.get(key).map(value).filter(|v| !v.is_empty())
    }

    /// The line (trimmed byte range) that declares `key`.
    pub fn line_of(&self, key: &str) -> Option<Range<usize>> {
        self.entries
            .iter()
            .position(|(k, _)| k == key)
            .map(|i| self.entry_lines[i].clone())
    }
}

/// A front-matter value without a trailing YAML comment or quotes (`change  # 変更管理` → `change`).
pub fn value(v: &str) -> String {
    let cut = v
        .char_indices()
        .find(|&(i, c)| c == '#' && v[..i].ends_with(char::is_whitespace))
        .map_or(v.len(), |(i, _)| i);
    v[..cut].trim().trim_matches(['"', '\'']).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_closers_and_unclosed_blocks() {
        for closer in ["---", "..."] {
            let t = format!("---\nkind: essay\ntheme: \"change\"  # 変更管理\n{closer}\n本文\n");
            let fm = FrontMatter::parse(&t).unwrap();
            assert_eq!(fm.get("kind"), Some("essay"));
            assert_eq!(fm.value("theme").as_deref(), Some("change"));
            assert_eq!(&t[fm.range.clone()], &t[..t.find("本文").unwrap()]);
            assert_eq!(&t[fm.line_of("kind").unwrap()], "kind: essay");
            assert!(fm.closed);
        }
        let t = "---\nkind: module\n本文";
        assert_eq!(FrontMatter::parse(t).unwrap().range, 0..t.len());
        assert!(!FrontMatter::parse(t).unwrap().closed);
        assert!(!FrontMatter::parse("---\n").unwrap().closed);
        assert_eq!(FrontMatter::parse("本文\n---\n"), None);
    }
}
