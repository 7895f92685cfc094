//! Positions in text: byte offsets → 1-based line and character column.
//!
//! Columns count Unicode scalar values (characters), never bytes, so
//! `essay.md:2:20` means the 20th character of line 2 whatever the script.

/// Line start offsets of a text, built once per file, plus character checkpoints so that
/// turning a byte offset into a column costs O(log n + 64) however long the line is
/// (a 1 MB single-line file with thousands of findings stays linear).
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// Byte offset of character number `k * CHECKPOINT` for every k.
    checkpoints: Vec<usize>,
}

/// Characters between two checkpoints.
const CHECKPOINT: usize = 64;

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        let mut checkpoints = Vec::with_capacity(text.len() / CHECKPOINT + 1);
        let mut chars = 0usize;
        for (i, b) in text.bytes().enumerate() {
            // Every byte that is not a UTF-8 continuation byte starts a character.
            if b & 0xC0 != 0x80 {
                if chars.is_multiple_of(CHECKPOINT) {
                    checkpoints.push(i);
                }
                chars += 1;
            }
            if b == b'\n' {
                starts.push(i + 1);
            }
        }
        LineIndex {
            text,
            starts,
            checkpoints,
        }
    }

    /// Number of characters before byte `offset` (which must be on a char boundary).
    fn chars_before(&self, offset: usize) -> usize {
        let k = self.checkpoints.partition_point(|&c| c <= offset);
        if k == 0 {
            return 0;
        }
        let from = self.checkpoints[k - 1];
        (k - 1) * CHECKPOINT + self.text[from..offset].chars().count()
    }

    /// 0-based character index of byte `offset` in the whole text (clamped to the text and
    /// to a char boundary).
    pub fn char_index(&self, offset: usize) -> usize {
        self.chars_before(self.clamp(offset))
    }

    fn clamp(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
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
        let offset = self.clamp(offset);
        let line = self.line_of(offset);
        let start = self.starts[line];
        let col = self.chars_before(offset) - self.chars_before(start);
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
        assert_eq!(idx.char_index(off), 10);
    }

    #[test]
    fn checkpoints_agree_with_counting() {
        // Long mixed-width lines cross many checkpoints; compare with plain counting everywhere.
        let mut text = String::new();
        for i in 0..300 {
            text.push_str(if i % 3 == 0 { "ａb𠮷" } else { "文x" });
            if i % 97 == 0 {
                text.push_str("\r\n");
            }
        }
        let idx = LineIndex::new(&text);
        for (off, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let line_start = text[..off].rfind('\n').map(|i| i + 1).unwrap_or(0);
            let line = text[..off].matches('\n').count() + 1;
            let col = text[line_start..off].chars().count() + 1;
            assert_eq!(idx.position(off), (line, col), "offset {off}");
            assert_eq!(idx.char_index(off), text[..off].chars().count());
        }
        // Offsets inside a character are moved back to its start.
        let inside = text.find('𠮷').unwrap() + 1;
        assert_eq!(idx.position(inside), idx.position(inside - 1));
        assert_eq!(LineIndex::new("").position(5), (1, 1));
    }
}
