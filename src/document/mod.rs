//! The parsed view of a text that lint rules, the score, `itsm count` and the drafter work on:
//! front matter, headings, paragraphs, sentences and the 設問 parts of an essay, all as byte
//! ranges into the original text.
//!
//! Parsing is line-based and linear; it recognises just enough Markdown for
//! essays (ATX headings, fenced code, HTML comments, front matter) and
//! section-number headings such as 「1.1 ITサービスの概要」.
//!
//! - [`front_matter`]: the leading `---` block, parsed once for every reader;
//! - [`aliases`]: names the text defines for itself (「（以下、CVSSという）」);
//! - [`essay`]: helpers over the 設問 parts;
//! - [`figures`]: the one number detector (every figure with its value, unit, bound and range;
//!   chapter numbers, dates and enumerations are not quantities);
//! - [`facts`] and [`consistency`]: the per-document fact model built on the figures;
//! - [`terms`]: content terms that follow a topic from part to part;
//! - [`lists`]: line-start marks (「・」「■」「1.」「（1）」) and whether a marked line is a heading
//!   or a list item;
//! - [`markers`]: the fixed module-paragraph format's markers.
//!
//! Document-wide analyses — the module markers, the fact model ([`facts::Facts::of`]), the essay's
//! thread ([`thread::Thread::of`]) and the target/result issues ([`targets::of`]) — are computed at
//! most once per document, on first use, and kept on the [`Document`]. A dozen lint rules and the
//! score's detectors read the same analyses; recomputing them per rule made linting an essay about
//! twelve times slower, and one cached result also keeps lint and score one judgement.

pub mod aliases;
pub mod consistency;
pub mod essay;
pub mod facts;
pub mod figures;
pub mod front_matter;
pub mod lists;
pub mod markers;
pub mod prose;
pub mod targets;
pub mod terms;
pub mod thread;

pub use front_matter::FrontMatter;
use std::ops::Range;
use std::sync::OnceLock;

/// What kind of text this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One module paragraph in the fixed format.
    Module,
    /// A whole essay with 設問ア・イ・ウ.
    Essay,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Module => "module",
            Kind::Essay => "essay",
        }
    }
}

/// A sentence: text up to and including 。！？ (or a line end), brackets kept whole.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub range: Range<usize>,
    /// Index of the paragraph it belongs to.
    pub paragraph: usize,
}

/// A line-level block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Blank,
    /// `#`-heading, a short numbered section title, or a short marked line that heads prose
    /// (「■ITサービスの概要」「（1）移行方式の選択」, see [`lists`]).
    Heading,
    /// Ordinary text.
    Text,
    /// Inside fenced code, an HTML comment or front matter: not prose.
    Skipped,
}

#[derive(Debug, Clone)]
pub struct Line {
    /// Range without the line terminator.
    pub range: Range<usize>,
    pub kind: LineKind,
}

/// The parsed document.
#[derive(Debug, Clone)]
pub struct Document<'a> {
    pub text: &'a str,
    /// The lines in order, except that a run of blank lines is one entry (its first line).
    pub lines: Vec<Line>,
    /// Paragraph ranges (runs of consecutive text lines).
    pub paragraphs: Vec<Range<usize>>,
    pub sentences: Vec<Sentence>,
    /// The leading `---` front matter (empty when there is none).
    pub front_matter: FrontMatter,
    pub kind: Kind,
    /// The 設問 parts of an essay, in document order (empty for a module).
    pub parts: Vec<Part>,
    /// The document-wide analyses, each computed on first use (see the module notes).
    analyses: Analyses,
}

/// The document-wide analyses that several rules and the score read, each computed at most once
/// per document (the first reader builds it, every later one gets the same value).
#[derive(Debug, Clone, Default)]
struct Analyses {
    /// The module format's markers ([`markers::markers`]).
    markers: OnceLock<markers::Markers>,
    /// The fact model ([`facts::Facts::of`]).
    facts: OnceLock<facts::Facts>,
    /// The essay's thread ([`thread::Thread::of`]).
    thread: OnceLock<thread::Thread>,
    /// Target/result issues ([`targets::of`]).
    targets: OnceLock<Vec<targets::TargetIssue>>,
    /// The figures of the prose ([`figures::in_document`]).
    figures: OnceLock<Vec<figures::Figure>>,
    /// Indices of the sentences that tell a decision by 私 ([`Document::decisions`]).
    decisions: OnceLock<Vec<usize>>,
}

/// One 設問 part of an essay: its heading line and its body up to the next part heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// 'ア', 'イ' or 'ウ'.
    pub label: char,
    /// The heading line that opens the part.
    pub heading: Range<usize>,
    /// Everything after the heading line up to the next part heading (or the end).
    pub body: Range<usize>,
}

impl Part {
    pub fn name(&self) -> String {
        format!("設問{}", self.label)
    }
}

/// The part label a heading line opens, if any: 「## 設問ア」「設問イ：…」「ウ．評価」.
pub fn part_label(line: &str) -> Option<char> {
    let t = line.trim().trim_start_matches('#').trim();
    let t = t.strip_prefix("設問").unwrap_or(t);
    let mut chars = t.chars();
    let c = chars.next()?;
    if !matches!(c, 'ア' | 'イ' | 'ウ') {
        return None;
    }
    let rest = chars.as_str();
    let next = rest.chars().next();
    // 「設問アで述べた…」 refers back to a part; it does not open one.
    if rest.starts_with('で') {
        return None;
    }
    let opens = line
        .trim()
        .trim_start_matches('#')
        .trim()
        .starts_with("設問")
        || matches!(next, Some('.' | '．' | '、' | ' ' | '　' | ':' | '：'));
    if opens && line.chars().count() <= 60 && !line.contains('。') {
        Some(c)
    } else {
        None
    }
}

fn is_section_heading(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.contains('。') || t.chars().count() > 40 {
        return false;
    }
    // 「1.1 ITサービスの概要」「2. 施策」「第1章 …」「設問ア」「ア．…」
    let re = regex_section();
    re.is_match(t)
}

/// A note-taking tag line such as 「【適用事例：FX】」 or 「**【適用事例】**」: not prose.
fn is_tag_line(t: &str) -> bool {
    let s = t.trim_matches('*').trim();
    s.starts_with('【') && s.ends_with('】') && s.chars().count() <= 40
}

fn regex_section() -> &'static crate::text::scan::Pattern {
    crate::text::scan::static_regex!(
        r"^(?:設問[アイウ](?:$|[\s　:：.．、]|\S)|(?:第[0-9０-９一二三四五六七八九十]+[章節項]|[アイウ][.．、]|[0-9０-９]+(?:[.．][0-9０-９]+)+[.．]?|[0-9０-９]+[.．])\s*\S)"
    )
}

impl<'a> Document<'a> {
    /// Parse `text`. `kind` forces the kind; otherwise it is detected.
    pub fn parse(text: &'a str, kind: Option<Kind>) -> Document<'a> {
        let mut lines = Vec::new();
        let front_matter = FrontMatter::parse(text).unwrap_or_default();
        let mut off = 0;
        let mut in_code = false;
        let mut in_comment = false;
        for raw in text.split_inclusive('\n') {
            let body = raw.trim_end_matches(['\n', '\r']);
            let range = off..off + body.len();
            off += raw.len();
            let t = body.trim();
            let kind = if range.start < front_matter.range.end {
                LineKind::Skipped
            } else if in_code {
                if t.starts_with("```") || t.starts_with("~~~") {
                    in_code = false;
                }
                LineKind::Skipped
            } else if t.starts_with("```") || t.starts_with("~~~") {
                in_code = true;
                LineKind::Skipped
            } else if in_comment {
                if t.contains("-->") {
                    in_comment = false;
                }
                LineKind::Skipped
            } else if t.starts_with("<!--") {
                if !t.contains("-->") {
                    in_comment = true;
                }
                LineKind::Skipped
            } else if t.is_empty() {
                LineKind::Blank
            } else if t.starts_with('#') || is_section_heading(t) || is_tag_line(t) {
                LineKind::Heading
            } else {
                LineKind::Text
            };
            // A run of blank lines is one entry: a file of newlines costs one, not one per line.
            if kind == LineKind::Blank && lines.last().is_some_and(|l: &Line| l.kind == kind) {
                continue;
            }
            lines.push(Line { range, kind });
        }
        lists::resolve(text, &mut lines);
        let mut paragraphs: Vec<Range<usize>> = Vec::new();
        let mut cur: Option<Range<usize>> = None;
        for l in &lines {
            if l.kind == LineKind::Text {
                cur = Some(match cur {
                    Some(r) => r.start..l.range.end,
                    None => l.range.clone(),
                });
            } else if let Some(r) = cur.take() {
                paragraphs.push(r);
            }
        }
        if let Some(r) = cur {
            paragraphs.push(r);
        }
        let mut sentences = Vec::new();
        for (pi, p) in paragraphs.iter().enumerate() {
            split_sentences(text, p.clone(), pi, &mut sentences);
        }
        let detected = if let Some(k) = front_matter.get("kind") {
            if k == "essay" {
                Kind::Essay
            } else {
                Kind::Module
            }
        } else if lines
            .iter()
            .any(|l| l.kind == LineKind::Heading && text[l.range.clone()].contains("設問"))
        {
            Kind::Essay
        } else {
            Kind::Module
        };
        let mut parts: Vec<Part> = Vec::new();
        // Whether prose came after the latest part heading.
        let mut prose_since_part = false;
        for l in &lines {
            if l.kind == LineKind::Text {
                prose_since_part = true;
            }
            if l.kind != LineKind::Heading {
                continue;
            }
            if let Some(label) = part_label(&text[l.range.clone()]) {
                // A same-label sub-heading right under the part heading (「## 設問ア」 then
                // 「ア．ITサービスの概要」, no prose between) belongs to that part.
                if !prose_since_part && parts.last().is_some_and(|p| p.label == label) {
                    continue;
                }
                prose_since_part = false;
                if let Some(prev) = parts.last_mut() {
                    prev.body.end = l.range.start;
                }
                let body_start = (l.range.end + 1).min(text.len());
                parts.push(Part {
                    label,
                    heading: l.range.clone(),
                    body: body_start..text.len(),
                });
            }
        }
        let kind = kind.unwrap_or(detected);
        if kind == Kind::Module {
            parts.clear();
        }
        Document {
            text,
            lines,
            paragraphs,
            sentences,
            front_matter,
            kind,
            parts,
            analyses: Analyses::default(),
        }
    }

    /// The figures of the prose in document order ([`figures::in_document`]), found once per
    /// document and shared by the fact model and the rules that count figures.
    pub fn figures(&self) -> &[figures::Figure] {
        self.analyses
            .figures
            .get_or_init(|| figures::in_document(self))
    }

    /// The decisions by 私 (sentence indices), found once by `find` on first use. What counts as a
    /// decision is rule C001's judgement (`lint::decision_sentences` passes its finder), so this
    /// layer only holds the result and never knows the rule.
    pub fn decisions(&self, find: fn(&Document<'a>) -> Vec<usize>) -> &[usize] {
        self.analyses.decisions.get_or_init(|| find(self))
    }

    pub fn sentence_text(&self, s: &Sentence) -> &'a str {
        &self.text[s.range.clone()]
    }

    /// Prose ranges (paragraph text), for rules that scan characters.
    pub fn prose(&self) -> impl Iterator<Item = (Range<usize>, &'a str)> + '_ {
        self.paragraphs
            .iter()
            .map(move |r| (r.clone(), &self.text[r.clone()]))
    }

    /// Heading lines.
    pub fn headings(&self) -> impl Iterator<Item = &Line> {
        self.lines.iter().filter(|l| l.kind == LineKind::Heading)
    }

    /// Characters of prose, whitespace and leftover Markdown markup (`**`, `$`, `> `) excluded
    /// (what a candidate counts as 字数).
    pub fn prose_chars(&self) -> usize {
        self.prose()
            .map(|(_, t)| {
                t.lines()
                    .map(|l| {
                        let l = l.trim_start();
                        let l = l.strip_prefix('>').unwrap_or(l);
                        l.chars()
                            .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '$'))
                            .count()
                    })
                    .sum::<usize>()
            })
            .sum()
    }
}

/// Split a paragraph into sentences at 。！？ outside brackets and at line ends.
fn split_sentences(text: &str, range: Range<usize>, paragraph: usize, out: &mut Vec<Sentence>) {
    let para = &text[range.clone()];
    let mut depth: i32 = 0;
    let mut start = 0;
    let push = |s: usize, e: usize, out: &mut Vec<Sentence>| {
        let seg = &para[s..e];
        let lead = seg.len() - seg.trim_start().len();
        let trail = seg.len() - seg.trim_end().len();
        if seg.trim().is_empty() {
            return;
        }
        out.push(Sentence {
            range: range.start + s + lead..range.start + e - trail,
            paragraph,
        });
    };
    for (i, c) in para.char_indices() {
        match c {
            '「' | '『' | '（' | '(' | '【' | '［' => depth += 1,
            '」' | '』' | '）' | ')' | '】' | '］' => depth = (depth - 1).max(0),
            '\n' => {
                depth = 0;
                push(start, i, out);
                start = i + 1;
            }
            '。' | '！' | '？' if depth == 0 => {
                let e = i + c.len_utf8();
                push(start, e, out);
                start = e;
            }
            _ => {}
        }
    }
    push(start, para.len(), out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_keep_brackets_whole() {
        let t = "私は「対応する。」と述べた。次の文だ。";
        let d = Document::parse(t, None);
        let s: Vec<&str> = d.sentences.iter().map(|s| d.sentence_text(s)).collect();
        assert_eq!(s, vec!["私は「対応する。」と述べた。", "次の文だ。"]);
    }

    #[test]
    fn essay_parts() {
        let t = "## 設問ア\n概要である。\n設問イ\n施策である。\nウ．評価\n効果である。";
        let d = Document::parse(t, None);
        assert_eq!(d.kind, Kind::Essay);
        let labels: Vec<char> = d.parts.iter().map(|p| p.label).collect();
        assert_eq!(labels, vec!['ア', 'イ', 'ウ']);
        assert_eq!(&t[d.parts[0].body.clone()], "概要である。\n");
        assert_eq!(&t[d.parts[2].body.clone()], "効果である。");
        assert_eq!(part_label("アクセス数の推移"), None);
        assert_eq!(part_label("イ. 施策"), Some('イ'));
        assert_eq!(part_label("設問アで述べた問題の評価"), None);
        // A same-label sub-heading under the part heading is not a second part.
        let t = "## 設問ア\nア．ITサービスの概要\n概要である。\n## 設問イ\n施策である。\n## 設問イ\n再掲である。";
        let d = Document::parse(t, None);
        let labels: Vec<char> = d.parts.iter().map(|p| p.label).collect();
        assert_eq!(labels, vec!['ア', 'イ', 'イ']);
        assert_eq!(&t[d.parts[0].heading.clone()], "## 設問ア");
        assert_eq!(
            &t[d.parts[0].body.clone()],
            "ア．ITサービスの概要\n概要である。\n"
        );
    }

    #[test]
    fn headings_and_kind() {
        let t = "---\nkind: essay\n---\n## 設問ア\n1.1 ITサービスの概要\n本文である。\n";
        let d = Document::parse(t, None);
        assert_eq!(d.kind, Kind::Essay);
        assert_eq!(d.headings().count(), 2);
        assert_eq!(d.paragraphs.len(), 1);
        let m = Document::parse("1. 箇条書きの項目である。\n", None);
        assert_eq!(m.kind, Kind::Module);
        assert_eq!(
            m.headings().count(),
            0,
            "a sentence with 。 is not a heading"
        );
    }
}
