//! Positions in text: byte offsets → 1-based line and character column.
//!
//! Columns count Unicode scalar values (characters), never bytes, so
//! `essay.md:2:20` means the 20th character of line 2 whatever the script.

/// Line start offsets of a text, built once per file.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i + 1);
            }
        }
        LineIndex { text, starts }
    }

    /// 0-based line number containing byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line]
    }

    /// 1-based (line, character column) of byte `offset` (clamped to the text and to a char boundary).
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.starts[line];
        let col = self.text[start..offset].chars().count();
        (line + 1, col + 1)
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

/// Number of characters as a candidate counts them: everything except whitespace.
pub fn count_chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let text = "本稿では、\nしかし、ＳＬＡの観点";
        let idx = LineIndex::new(text);
        let off = text.find("ＳＬＡ").unwrap();
        assert_eq!(idx.position(off), (2, 5));
        assert_eq!(idx.position(0), (1, 1));
        assert_eq!(idx.position(text.len()), (2, 11));
    }
}
