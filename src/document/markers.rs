//! The fixed module-paragraph format's markers (「〜と呼ばれる」「〜という特徴を持つ」「手法を使用し」
//! 「なぜならば」「工夫した点は」「具体的には」) located in a parsed [`Document`]: what the F rules check
//! and what the module rubric scores.

use super::Document;
use crate::text::scan::{find_all, shift, static_regex};
use std::ops::Range;

/// Positions of the fixed module-format markers in a module paragraph.
#[derive(Debug, Clone, Default)]
pub struct Markers {
    /// The first sentence (the technique sentence).
    pub first: Option<Range<usize>>,
    /// 「と呼ばれる」 in the first sentence.
    pub name: Option<Range<usize>>,
    /// 「という…特徴を持つ」 in the first sentence.
    pub feature: Option<Range<usize>>,
    /// 「と呼ばれる、…手法を」: the feature paraphrased between name and method.
    pub feature_paraphrase: bool,
    /// 「手法を使用し」 or an accepted variant, in the first sentence.
    pub method: Option<Range<usize>>,
    /// The reason sentence (starts with なぜならば / 理由は / 根拠は).
    pub reason_sentence: Option<Range<usize>>,
    /// The opening word of the reason sentence.
    pub reason: Option<Range<usize>>,
    /// The ingenuity sentence opener (工夫した点は …).
    pub ingenuity: Option<Range<usize>>,
    /// Every 「具体的には」.
    pub examples: Vec<Range<usize>>,
}

/// Find the module-format markers (computed once per document; every F rule asks).
pub fn markers(doc: &Document<'_>) -> Markers {
    doc.analyses.markers.get_or_init(|| find(doc)).clone()
}

fn find(doc: &Document<'_>) -> Markers {
    let mut m = Markers::default();
    let text = doc.text;
    let Some(first) = doc.sentences.first() else {
        return m;
    };
    let fr = first.range.clone();
    let fs = &text[fr.clone()];
    m.first = Some(fr.clone());
    m.name = fs
        .find("と呼ばれる")
        .map(|i| fr.start + i..fr.start + i + "と呼ばれる".len());
    m.feature = static_regex!(r"という[^。]{0,80}?特徴を(持つ|もつ|有する)")
        .find(fs)
        .map(|x| shift(x.range(), fr.start));
    let method = static_regex!(
        r"(手法|枠組み|仕組み|技術|方式|制度|会議体|基盤|ツール|モデル|プロセス|方法|体制|ルール)を(使用|用い|活用|導入|採用|適用|設置|構築|設け|整備)(し|て)"
    );
    m.method = method.find(fs).map(|x| shift(x.range(), fr.start));
    if let (Some(n), Some(me)) = (&m.name, &m.method) {
        // Only when the name comes first (a method phrase before the name is F009's business).
        m.feature_paraphrase = text
            .get(n.end..me.start)
            .is_some_and(|between| between.chars().count() >= 10);
    }
    for s in &doc.sentences {
        let st = &text[s.range.clone()];
        if m.reason.is_none() {
            for opener in [
                "なぜならば",
                "なぜなら",
                "その理由は",
                "理由は",
                "根拠は",
                "導入の理由は",
            ] {
                if st.starts_with(opener) {
                    m.reason = Some(s.range.start..s.range.start + opener.len());
                    m.reason_sentence = Some(s.range.clone());
                    break;
                }
            }
        }
        if m.ingenuity.is_none() {
            for opener in [
                "工夫した点は",
                "工夫した点として",
                "その工夫として",
                "工夫点は",
                "工夫したのは",
            ] {
                // The opener starts within the sentence's first 12 characters: look only there,
                // so a text of many sentences costs a constant per sentence.
                if let Some(i) = st
                    .char_indices()
                    .take(13)
                    .map(|(i, _)| i)
                    .find(|&i| st[i..].starts_with(opener))
                {
                    m.ingenuity = Some(s.range.start + i..s.range.start + i + opener.len());
                    break;
                }
            }
        }
    }
    for (r, p) in doc.prose() {
        for x in find_all(p, "具体的には") {
            m.examples.push(shift(x, r.start));
        }
    }
    m
}

/// Where the technique's name starts in `before`, the text of the first sentence before
/// 「と呼ばれる」: after the last 「、」 (or 「，」「。」) outside parentheses, so that
/// 「CMDB（構成管理データベース、連絡先）登録連絡先の定期確認」 is one name.
pub fn name_start(before: &str) -> usize {
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in before.char_indices() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth -= 1,
            '、' | '，' | '。' if depth == 0 => start = i + c.len_utf8(),
            _ => {}
        }
    }
    start
}

/// What sits between the reason sentence (「なぜならば…考えたからである。」) and the next part of
/// the fixed format: 「工夫した点は」, or 「具体的には」 when 工夫 is missing. Lint rule F014
/// (`reason-then-ingenuity`) and the module rubric's check of the same name read it through
/// `lint::reason_gap_decisions`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReasonGap {
    /// The reason sentence or the part after it is missing (F004/F007/F008's finding).
    Missing,
    /// 「工夫した点は」 comes before the reason sentence's end (F009's finding); its range.
    Reversed(Range<usize>),
    /// The ranges of the sentences between the reason and the next part (empty: adjacent), and
    /// the range of that part's opener.
    Between {
        sentences: Vec<Range<usize>>,
        next: Range<usize>,
    },
}

/// Locate what sits between the reason sentence and 「工夫した点は」 (or 「具体的には」).
pub fn reason_gap(doc: &Document<'_>) -> ReasonGap {
    let m = markers(doc);
    let Some(reason) = m.reason_sentence.clone() else {
        return ReasonGap::Missing;
    };
    let next = m
        .ingenuity
        .clone()
        .or_else(|| m.examples.iter().find(|r| r.start >= reason.end).cloned());
    let Some(next) = next else {
        return ReasonGap::Missing;
    };
    if next.start < reason.end {
        return ReasonGap::Reversed(next);
    }
    let sentences = doc
        .sentences
        .iter()
        .filter(|s| s.range.start >= reason.end && s.range.end <= next.start)
        .map(|s| s.range.clone())
        .collect();
    ReasonGap::Between { sentences, next }
}
