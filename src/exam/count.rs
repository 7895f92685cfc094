//! Character counting of essays per 設問 part, in the two ways a candidate can be held to a limit.
//!
//! Purpose: answer "how long is each 設問 — on screen and on the old 原稿用紙?" for `itsm count`
//! and for the `E004 part-length` rule. Boundaries: this module only counts and compares; it
//! reads a parsed [`Document`], never flags, files or the terminal.
//!
//! Facts and conventions below come from `exam-format.md` (project reference, §1.2–1.4). No IPA
//! document defines a counting rule, and the CBT input box of 2026 is not specified publicly
//! (§1.6, §7-3), so both modes are conventions chosen here and written down so that a user can
//! check every number by hand.
//!
//! # What is counted
//! - A part is the body of a 設問 part ([`Part::body`]): every line after the 「設問ア」 heading
//!   up to the next part heading. The part heading itself is not counted (each 設問 has its own
//!   answer area, §1.3). Section headings inside a part (「1.1 ITサービスの概要」) are written by
//!   the candidate, so they count.
//! - Not counted: front matter, HTML comments (whole lines and inline `<!-- … -->`), fenced code,
//!   blank lines, line breaks (CR and LF: a Markdown hard-wrap newline is not a character, so CRLF
//!   and LF files count the same), a BOM (U+FEFF), and leftover Markdown markup: the `#` marks of
//!   an ATX heading with the spaces after them, `**`, and half-width spaces or tabs at a line end
//!   (Markdown's hard-break markup, invisible on screen).
//! - A "character" is an extended grapheme cluster, so a decomposed 「が」 (か + U+3099, as
//!   macOS file names produce) is one character.
//! - A text without parts (a module paragraph) is counted over its paragraphs only: a title
//!   heading or a tag line such as 「【適用事例】」 is not part of the paragraph
//!   ([`count_whole`]).
//!
//! # CBT mode ([`CountMode::Cbt`](super::CountMode::Cbt), the default)
//! Characters as typed into the answer box: every character that remains after the removals
//! above, **spaces included** (full-width 「　」 and half-width ' ' are typed keys), half-width and
//! full-width alike 1 each. Limits compare this number.
//!
//! # 原稿用紙 mode ([`CountMode::Genkou`](super::CountMode::Genkou))
//! The old answer sheet: horizontal, 25 cells × 16 rows = 400 per page (§1.3). Layout rules
//! (general 横書き原稿用紙 conventions that §1.4-2 sources for IT 高度 論文):
//! - Every paragraph (a run of consecutive text lines, as in [`Document::paragraphs`]) starts on
//!   a new row with a 1-cell indent (段落はじめは1マス空ける). If the paragraph already starts
//!   with a space (「　」 or ' '), that typed space is the indent and no cell is added.
//! - A section heading takes its own row(s), without indent; the text after it starts a new row.
//! - A full-width character (kana, kanji, full-width digit or letter, 「　」) takes 1 cell;
//!   punctuation 「、。，．」 and brackets take 1 cell each.
//! - 行頭禁則: a 「、。，．」』）】〕」 that would start a row is written into the last cell of the
//!   previous row instead (it adds no cell and no row); several in a row all go there.
//! - Half-width digits: a run is packed 2 per cell (「2026」 = 2 cells, 「12345」 = 3 cells, a
//!   single digit = 1 cell). Half-width uppercase letters 1 per cell; a run of half-width
//!   lowercase letters 2 per cell (「abc」 = 2 cells, 「DevOps」 = D, ev, O, ps = 4 cells).
//!   Any other half-width character (space, 「.」「%」「-」「(」, half-width kana) takes 1 cell.
//!   A pair packed into one cell may be split only between cells, never inside a cell.
//!
//! The result is `rows` (rows the part occupies) and `cells` (cells used, the indent cells
//! included, hung punctuation not). Graders are reported to count rows against the printed
//! markers (「800字」 is printed on the row where 800 is reached, §1.3), so limits are compared
//! against `rows × 25`: 設問イ needs 32 rows (800) and may use at most 64 (1,600).
//!
//! The limits the counts are compared with are in [`crate::exam`] ([`Limits::exam`](super::Limits::exam)).

use super::{Count, Genkou, ROW_CELLS};
use crate::document::{Document, LineKind, Part};
use std::borrow::Cow;
use std::ops::Range;

/// The count of one 設問 part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartCount {
    /// 'ア', 'イ' or 'ウ'.
    pub label: char,
    /// The part heading line (byte range), where findings point.
    pub heading: Range<usize>,
    pub count: Count,
}

/// Count every 設問 part of `doc`, in document order (empty when it has no parts).
pub fn count_parts(doc: &Document<'_>) -> Vec<PartCount> {
    doc.parts
        .iter()
        .map(|p| PartCount {
            label: p.label,
            heading: p.heading.clone(),
            count: count_part(doc, p),
        })
        .collect()
}

/// Count one part's body: its text lines and its section headings.
pub fn count_part(doc: &Document<'_>, part: &Part) -> Count {
    count_blocks(&blocks(doc, part.body.clone(), true))
}

/// Count a text without parts (a module paragraph): its paragraphs only, headings excluded.
pub fn count_whole(doc: &Document<'_>) -> Count {
    count_blocks(&blocks(doc, 0..doc.text.len(), false))
}

/// A unit of layout: a paragraph (indented) or a heading (own row, no indent), markup removed.
#[derive(Debug)]
struct Block {
    heading: bool,
    text: String,
}

/// The blocks of the lines inside `range`. Consecutive text lines form one paragraph; any other
/// line (heading, blank, comment, code) ends it.
fn blocks(doc: &Document<'_>, range: Range<usize>, with_headings: bool) -> Vec<Block> {
    let mut out = Vec::new();
    let mut para: Option<String> = None;
    // Lines are in order: start at the first line of the range (binary search) so counting every
    // part of a document stays linear in its size.
    let first = doc.lines.partition_point(|l| l.range.start < range.start);
    for line in doc.lines[first..]
        .iter()
        .take_while(|l| l.range.start <= range.end)
        .filter(|l| l.range.end <= range.end)
    {
        let raw = &doc.text[line.range.clone()];
        match &line.kind {
            LineKind::Text => {
                para.get_or_insert_with(String::new)
                    .push_str(&clean(raw, false));
            }
            kind => {
                if let Some(p) = para.take() {
                    out.push(Block {
                        heading: false,
                        text: p,
                    });
                }
                if *kind == LineKind::Heading && with_headings {
                    out.push(Block {
                        heading: true,
                        text: clean(raw, true).into_owned(),
                    });
                }
            }
        }
    }
    if let Some(p) = para {
        out.push(Block {
            heading: false,
            text: p,
        });
    }
    out.retain(|b| !b.text.is_empty());
    out
}

/// One line with markup removed: inline HTML comments, ATX `#` marks and the spaces after them
/// (heading lines), `**`, trailing half-width spaces and tabs, CR and BOM. A line with none of
/// the markup (most lines) is a slice of itself.
fn clean(line: &str, heading: bool) -> Cow<'_, str> {
    if line.contains("<!--") || line.contains("**") || line.contains(['\r', '\u{feff}']) {
        let mut s = String::with_capacity(line.len());
        let mut rest = line;
        while let Some(i) = rest.find("<!--") {
            s.push_str(&rest[..i]);
            rest = match rest[i + 4..].find("-->") {
                Some(j) => &rest[i + 4 + j + 3..],
                None => "",
            };
        }
        s.push_str(rest);
        let s = s.replace("**", "").replace(['\r', '\u{feff}'], "");
        return Cow::Owned(trim_layout(&s, heading).to_owned());
    }
    Cow::Borrowed(trim_layout(line, heading))
}

/// A heading's `#` marks and the spaces after them, and trailing half-width spaces and tabs.
fn trim_layout(s: &str, heading: bool) -> &str {
    let mut s = s;
    if heading {
        let t = s.trim_start();
        if t.starts_with('#') {
            s = t
                .trim_start_matches('#')
                .trim_start_matches([' ', '\t', '\u{3000}']);
        }
    }
    s.trim_end_matches([' ', '\t'])
}

/// Characters that never start a row (行頭禁則).
fn no_row_start(c: char) -> bool {
    matches!(
        c,
        '、' | '。' | '，' | '．' | '」' | '』' | '）' | '】' | '〕'
    )
}

/// Where the layout puts things; [`Counter`] only counts (for `itsm count`, E004 and the score),
/// [`Recorder`] keeps every cell (for the 原稿用紙 view). Both are driven by the one layout
/// procedure, [`lay_out`], so the view and the counts cannot disagree.
trait Sheet {
    /// Start a new row.
    fn new_row(&mut self);
    /// Fill the next cell of the current row with `cell` ("" for a paragraph indent).
    fn put(&mut self, cell: &str);
    /// Write `mark` into the last cell of the current row (行頭禁則).
    fn hang(&mut self, mark: &str);
    /// Cells used in the current row.
    fn col(&self) -> usize;
}

/// Counts rows and cells.
#[derive(Default)]
struct Counter {
    rows: usize,
    col: usize,
    cells: usize,
}

impl Sheet for Counter {
    fn new_row(&mut self) {
        self.rows += 1;
        self.col = 0;
    }
    fn put(&mut self, _: &str) {
        self.col += 1;
        self.cells += 1;
    }
    fn hang(&mut self, _: &str) {}
    fn col(&self) -> usize {
        self.col
    }
}

/// One row of the 原稿用紙 as laid out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SheetRow {
    /// The cells used, left to right (at most [`ROW_CELLS`]): "" for a paragraph indent, one
    /// grapheme cluster, or a packed pair of half-width digits or lowercase letters.
    pub cells: Vec<String>,
    /// Punctuation hung into the last cell under 行頭禁則 ("" if none).
    pub hang: String,
}

/// Keeps every row and cell.
#[derive(Default)]
struct Recorder {
    rows: Vec<SheetRow>,
}

impl Sheet for Recorder {
    fn new_row(&mut self) {
        self.rows.push(SheetRow::default());
    }
    fn put(&mut self, cell: &str) {
        if let Some(r) = self.rows.last_mut() {
            r.cells.push(cell.to_owned());
        }
    }
    fn hang(&mut self, mark: &str) {
        if let Some(r) = self.rows.last_mut() {
            r.hang.push_str(mark);
        }
    }
    fn col(&self) -> usize {
        self.rows.last().map_or(0, |r| r.cells.len())
    }
}

/// Lay `blocks` out on the sheet (the rules in the module notes); returns the CBT count.
fn lay_out(blocks: &[Block], sheet: &mut impl Sheet) -> usize {
    let mut cbt = 0;
    for b in blocks {
        // One pass over the block's grapheme clusters; `at` is the byte offset of the next one.
        let mut g = crate::text::graphemes::graphemes(&b.text).peekable();
        sheet.new_row();
        if !b.heading && !g.peek().is_some_and(|f| matches!(*f, " " | "\u{3000}")) {
            sheet.put(""); // paragraph indent
        }
        let mut at = 0;
        while let Some(cell) = g.next() {
            cbt += 1;
            let c = cell.chars().next().unwrap_or(' ');
            let single = cell.len() == 1;
            let packed: Option<fn(char) -> bool> = if single && c.is_ascii_digit() {
                Some(|c| c.is_ascii_digit())
            } else if single && c.is_ascii_lowercase() {
                Some(|c| c.is_ascii_lowercase())
            } else {
                None
            };
            if let Some(p) = packed {
                // Half-width digits or lowercase letters: two to a cell. The run is ASCII, so
                // its graphemes are single bytes and `b.text` can be sliced by pairs.
                let mut run = 1;
                while g.next_if(|x| x.len() == 1 && x.chars().all(p)).is_some() {
                    run += 1;
                }
                cbt += run - 1;
                let text = &b.text[at..at + run];
                for k in (0..run).step_by(2) {
                    fill(sheet, &text[k..(k + 2).min(run)]);
                }
                at += run;
            } else {
                if no_row_start(c) && sheet.col() == ROW_CELLS {
                    sheet.hang(cell);
                } else {
                    fill(sheet, cell);
                }
                at += cell.len();
            }
        }
    }
    cbt
}

/// Fill the next cell, starting a new row when this one is full.
fn fill(sheet: &mut impl Sheet, cell: &str) {
    if sheet.col() == ROW_CELLS {
        sheet.new_row();
    }
    sheet.put(cell);
}

fn count_blocks(blocks: &[Block]) -> Count {
    let mut sheet = Counter::default();
    let cbt = lay_out(blocks, &mut sheet);
    Count {
        cbt,
        genkou: Genkou {
            rows: sheet.rows,
            cells: sheet.cells,
        },
    }
}

/// The 原稿用紙 rows of one part's body, cell by cell (what [`count_part`] counts).
pub fn layout_part(doc: &Document<'_>, part: &Part) -> Vec<SheetRow> {
    let mut sheet = Recorder::default();
    lay_out(&blocks(doc, part.body.clone(), true), &mut sheet);
    sheet.rows
}

/// The 原稿用紙 rows of a text without parts, cell by cell (what [`count_whole`] counts).
pub fn layout_whole(doc: &Document<'_>) -> Vec<SheetRow> {
    let mut sheet = Recorder::default();
    lay_out(&blocks(doc, 0..doc.text.len(), false), &mut sheet);
    sheet.rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exam::{Fit, Limit, Limits, thousands as group};

    fn whole(t: &str) -> Count {
        count_whole(&Document::parse(t, Some(crate::document::Kind::Module)))
    }

    #[test]
    fn grouping() {
        assert_eq!(group(0), "0");
        assert_eq!(group(800), "800");
        assert_eq!(group(1600), "1,600");
        assert_eq!(group(1234567), "1,234,567");
    }

    #[test]
    fn limits_describe_and_fit() {
        let l = Limits::exam();
        assert_eq!(l.get('イ').describe(), "800字以上1,600字以内");
        assert_eq!(l.get('ア').describe(), "800字以内");
        assert_eq!(Limit::new(Some(400), None).describe(), "400字以上");
        assert_eq!(l.get('イ').fit_chars(752), Fit::Short(48));
        assert_eq!(l.get('イ').fit_chars(1601), Fit::Over(1));
        assert_eq!(l.get('ア').fit_chars(0), Fit::Within);
        assert_eq!(l.get('イ').fit_rows(31), Fit::Short(1));
        assert_eq!(l.get('イ').fit_rows(64), Fit::Within);
        assert_eq!(l.get('ウ').fit_rows(49), Fit::Over(1));
        assert_eq!(l.get('エ'), Limit::default());
    }

    #[test]
    fn markup_is_not_counted() {
        // 「重要**」 → 重要 (2) + 「な点だ。」 (4) = 6; the comment and trailing spaces go.
        assert_eq!(whole("**重要**な点だ。<!-- メモ -->  \n").cbt, 6);
    }

    fn cells(rows: &[SheetRow]) -> Vec<Vec<&str>> {
        rows.iter()
            .map(|r| r.cells.iter().map(String::as_str).collect())
            .collect()
    }

    #[test]
    fn the_layout_is_what_is_counted() {
        let t = "## 設問ア\n\n### 1.1 ITサービスの概要\n\nA社は2026年から顧客5社にSaaSを提供しているサービス事業者である。利用者は約10万名である。\n";
        let doc = Document::parse(t, None);
        let rows = layout_part(&doc, &doc.parts[0]);
        assert_eq!(
            cells(&rows),
            [
                vec![
                    "1", ".", "1", " ", "I", "T", "サ", "ー", "ビ", "ス", "の", "概", "要"
                ],
                vec![
                    "", "A", "社", "は", "20", "26", "年", "か", "ら", "顧", "客", "5", "社", "に",
                    "S", "aa", "S", "を", "提", "供", "し", "て", "い", "る", "サ"
                ],
                vec![
                    "ー", "ビ", "ス", "事", "業", "者", "で", "あ", "る", "。", "利", "用", "者",
                    "は", "約", "10", "万", "名", "で", "あ", "る", "。"
                ],
            ]
        );
        let c = count_part(&doc, &doc.parts[0]);
        assert_eq!(c.genkou, Genkou { rows: 3, cells: 60 });
        // 24 kanji and 「。」: the mark hangs in the last cell of the full row.
        let t = format!("{}。", "字".repeat(24));
        let doc = Document::parse(&t, Some(crate::document::Kind::Module));
        let rows = layout_whole(&doc);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].cells.len(), 25);
        assert_eq!(rows[0].hang, "。");
        assert_eq!(whole(&t).genkou, Genkou { rows: 1, cells: 25 });
        // A typed space is the indent cell; a single trailing digit has a cell of its own.
        let rows = layout_whole(&Document::parse(
            "　字12345",
            Some(crate::document::Kind::Module),
        ));
        assert_eq!(cells(&rows), [vec!["　", "字", "12", "34", "5"]]);
    }

    /// `clean` as first written: every removal on a copy.
    fn reference_clean(line: &str, heading: bool) -> String {
        let mut s = String::new();
        let mut rest = line;
        while let Some(i) = rest.find("<!--") {
            s.push_str(&rest[..i]);
            rest = match rest[i + 4..].find("-->") {
                Some(j) => &rest[i + 4 + j + 3..],
                None => "",
            };
        }
        s.push_str(rest);
        let mut s = s.replace("**", "").replace(['\r', '\u{feff}'], "");
        if heading {
            let t = s.trim_start();
            if t.starts_with('#') {
                s = t
                    .trim_start_matches('#')
                    .trim_start_matches([' ', '\t', '　'])
                    .to_owned();
            }
        }
        s.trim_end_matches([' ', '\t']).to_owned()
    }

    #[test]
    fn clean_matches_the_reference() {
        for line in [
            "平文の行である。",
            "末尾に空白 \t ",
            "**強調**と<!-- 注 -->注記",
            "<!-- 閉じない注記",
            "*\r*と\u{feff}BOM",
            "## 　見出し  ",
            "  ### 1.1 概要",
            "#",
            "",
            "　全角空白で始まる行",
        ] {
            for heading in [false, true] {
                assert_eq!(
                    clean(line, heading),
                    reference_clean(line, heading),
                    "{line:?}"
                );
            }
        }
    }

    #[test]
    fn clusters_pack_only_when_single_bytes() {
        // A keycap 「1⃣」 is one cluster of two characters: not packed with the digits after it.
        let c = whole("1\u{20E3}23ab\u{0301}cd");
        // Indent, 「1⃣」, 「23」, 「a」, 「b́」, 「cd」.
        assert_eq!(c.cbt, 7);
        assert_eq!(c.genkou, Genkou { rows: 1, cells: 6 });
    }

    #[test]
    fn a_digit_run_straddles_rows_cell_by_cell() {
        // Indent 1 + 23 kanji = 24 cells, then 「1234」 = 2 cells: 「12」 ends row 1, 「34」 opens row 2.
        let t = format!("{}1234", "字".repeat(23));
        let c = whole(&t);
        assert_eq!(c.genkou, Genkou { rows: 2, cells: 26 });
        assert_eq!(c.cbt, 27);
    }
}
