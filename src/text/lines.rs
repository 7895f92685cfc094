//! Positions in text: byte offsets → 1-based line and character column.
//!
//! Columns count Unicode scalar values (characters), never bytes, so
//! `essay.md:2:20` means the 20th character of line 2 whatever the script.

/// Lines and character columns of a text, built once per file (the columns' part on the first
/// column look-up), in memory that
/// does not grow with the number of lines: the count of line breaks before every
/// `MARK`-th (1024th) byte, and the byte offset of every `CHECKPOINT`-th (64th) character. A look-up scans
/// at most one mark's bytes and one checkpoint's characters, so a 1 MB single-line file with
/// thousands of findings stays linear, and 50 MB of newlines costs kilobytes, not one entry
/// per line.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    /// `breaks[k]`: the number of `\n` in `text[..k * MARK]`.
    breaks: Vec<usize>,
    /// Total number of `\n`.
    total_breaks: usize,
    /// Byte offset of character number `k * CHECKPOINT` for every k, built on the first
    /// column look-up (the human report asks only for lines).
    checkpoints: std::sync::OnceLock<Vec<usize>>,
}

/// Characters between two checkpoints.
const CHECKPOINT: usize = 64;
/// Bytes between two line-break marks.
const MARK: usize = 1024;

fn count_breaks(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut breaks = Vec::with_capacity(bytes.len() / MARK + 1);
        let mut total_breaks = 0;
        for chunk in bytes.chunks(MARK) {
            breaks.push(total_breaks);
            total_breaks += count_breaks(chunk);
        }
        LineIndex {
            text,
            breaks,
            total_breaks,
            checkpoints: std::sync::OnceLock::new(),
        }
    }

    fn checkpoints(&self) -> &[usize] {
        self.checkpoints.get_or_init(|| {
            let mut checkpoints = Vec::with_capacity(self.text.len() / CHECKPOINT / 2 + 1);
            let mut chars = 0usize;
            for (i, b) in self.text.as_bytes().iter().enumerate() {
                // Every byte that is not a UTF-8 continuation byte starts a character.
                if b & 0xC0 != 0x80 {
                    if chars.is_multiple_of(CHECKPOINT) {
                        checkpoints.push(i);
                    }
                    chars += 1;
                }
            }
            checkpoints
        })
    }

    /// Number of characters before byte `offset` (which must be on a char boundary).
    fn chars_before(&self, offset: usize) -> usize {
        let checkpoints = self.checkpoints();
        let k = checkpoints.partition_point(|&c| c <= offset);
        if k == 0 {
            return 0;
        }
        let from = checkpoints[k - 1];
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

    /// 0-based line number containing byte `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        let k = offset / MARK;
        match self.breaks.get(k) {
            Some(&n) => n + count_breaks(&self.text.as_bytes()[k * MARK..offset]),
            None => self.total_breaks,
        }
    }

    /// Byte offset where 0-based `line` starts (the end of the text past the last line).
    pub fn line_start(&self, line: usize) -> usize {
        if line == 0 {
            return 0;
        }
        if line > self.total_breaks {
            return self.text.len();
        }
        // The last mark with fewer breaks before it than `line`: the line's break is after it
        // and before the next mark.
        let k = self.breaks.partition_point(|&n| n < line) - 1;
        let mut need = line - self.breaks[k];
        let bytes = self.text.as_bytes();
        for (i, &b) in bytes[k * MARK..].iter().enumerate() {
            if b == b'\n' {
                need -= 1;
                if need == 0 {
                    return k * MARK + i + 1;
                }
            }
        }
        self.text.len()
    }

    /// 1-based (line, character column) of byte `offset` (clamped to the text and to a char boundary).
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = self.clamp(offset);
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let col = self.chars_before(offset) - self.chars_before(start);
        (line + 1, col + 1)
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.total_breaks + 1
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
    fn lines_alone_do_not_build_the_column_checkpoints() {
        let text = "一行目\n二行目は少し長い\n".repeat(100);
        let idx = LineIndex::new(&text);
        assert_eq!(idx.line_of(text.len()), 200);
        assert_eq!(idx.line_start(2), "一行目\n二行目は少し長い\n".len());
        assert!(idx.checkpoints.get().is_none());
        assert_eq!(idx.position(text.find('二').unwrap_or(0) + 3), (2, 2));
        assert!(idx.checkpoints.get().is_some());
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

    #[test]
    fn line_starts_agree_with_counting_across_marks() {
        // Lines of every length around the mark size, and runs of empty lines.
        let mut text = String::new();
        for i in 0..400 {
            text.push_str(&"あ".repeat(i * 7 % 900));
            text.push_str(if i % 5 == 0 { "\n\n\n" } else { "\n" });
        }
        let idx = LineIndex::new(&text);
        let starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        assert_eq!(idx.line_count(), starts.len());
        for (line, &s) in starts.iter().enumerate() {
            assert_eq!(idx.line_start(line), s, "line {line}");
            assert_eq!(idx.line_of(s), line, "offset {s}");
            assert_eq!(idx.position(s), (line + 1, 1));
        }
        assert_eq!(idx.line_of(text.len()), starts.len() - 1);
    }

    #[test]
    fn newlines_cost_no_entry_per_line() {
        let text = "\n".repeat(1 << 20);
        let idx = LineIndex::new(&text);
        assert_eq!(idx.line_count(), (1 << 20) + 1);
        assert!(idx.breaks.len() <= (1 << 20) / MARK + 1);
        assert_eq!(idx.position(12345), (12346, 1));
    }
}
