//! A question text (問題文 and 設問ア・イ・ウ) as candidates paste it: what each 設問 asks for,
//! its 「〜の観点」 constraints and the limits written in it (「800字以内」「800字以上1,600字以内」).
//!
//! Pure text in, data out: the CLI reads the file (`--question FILE` or front matter `question:`),
//! [`Question::parse`] extracts the parts, and rule E013 checks the essay against them. The limits
//! are exposed for the length rule (see [`Question::limits`]). Parsing is deliberately simple and
//! line-based: a 設問 starts at a line that opens with 「設問ア」「設問イ」「設問ウ」 (optionally as a
//! Markdown heading or in brackets) and runs to the next such line or a blank line.

use regex::Regex;
use std::sync::OnceLock;

/// A parsed question.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Question {
    /// The 設問 parts in the order they appear.
    pub parts: Vec<QuestionPart>,
}

/// One 設問 of a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionPart {
    /// 'ア', 'イ' or 'ウ'.
    pub label: char,
    /// The 設問 text as written (lines joined).
    pub text: String,
    /// The requested points as short key phrases, e.g. 「ITサービスの概要」「改善に当たって工夫したこと」.
    pub points: Vec<String>,
    /// 「〜の観点」 constraints, e.g. 「サービスレベルの維持」.
    pub viewpoints: Vec<String>,
    /// Lower limit in characters (「800字以上」).
    pub min: Option<usize>,
    /// Upper limit in characters (「1,600字以内」).
    pub max: Option<usize>,
}

impl QuestionPart {
    pub fn name(&self) -> String {
        format!("設問{}", self.label)
    }
}

/// Why a question text could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuestionError {
    #[error(
        "設問が見つかりません（「設問ア　…について，800字以内で述べよ。」のように行頭に「設問ア」「設問イ」「設問ウ」を置いた行が必要です）"
    )]
    NoParts,
    #[error("設問{0}が2回あります")]
    Duplicate(char),
}

impl Question {
    /// Parse a pasted question text.
    pub fn parse(text: &str) -> Result<Question, QuestionError> {
        let mut raw: Vec<(char, String)> = Vec::new();
        let mut open = false;
        for line in text.lines() {
            let t = line.trim().trim_start_matches('\u{feff}');
            if let Some((label, rest)) = label_line(t) {
                if raw.iter().any(|(l, _)| *l == label) {
                    return Err(QuestionError::Duplicate(label));
                }
                raw.push((label, rest.trim().to_owned()));
                open = true;
            } else if t.is_empty() {
                open = false;
            } else if open && let Some((_, cur)) = raw.last_mut() {
                join_line(cur, t);
            }
        }
        if raw.is_empty() {
            return Err(QuestionError::NoParts);
        }
        Ok(Question {
            parts: raw.into_iter().map(|(l, t)| analyse(l, t)).collect(),
        })
    }

    /// The part for a label.
    pub fn part(&self, label: char) -> Option<&QuestionPart> {
        self.parts.iter().find(|p| p.label == label)
    }

    /// `(label, min, max)` for every part, for the length rule.
    pub fn limits(&self) -> Vec<(char, Option<usize>, Option<usize>)> {
        self.parts.iter().map(|p| (p.label, p.min, p.max)).collect()
    }
}

/// Join a wrapped continuation line; keep a space only between two ASCII words.
fn join_line(cur: &mut String, next: &str) {
    let ascii_end = cur
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    let ascii_start = next
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    if ascii_end && ascii_start {
        cur.push(' ');
    }
    cur.push_str(next);
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("valid regex"))
}

/// 「設問ア　…」「## 設問イ」「〔設問ウ〕…」 → (label, rest of the line).
fn label_line(t: &str) -> Option<(char, &str)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &RE,
        r"^(?:#+\s*)?(?:\*\*)?[\[〔【（(]?設問\s*([アイウ])[\]〕】）)]?(?:\*\*)?(?:[\s　:：.．、,，]+|$)",
    );
    let c = r.captures(t)?;
    let label = c.get(1)?.as_str().chars().next()?;
    Some((label, &t[c.get(0)?.end()..]))
}

/// A number as written in a question: 800, 1,600, １，６００, 1、600.
const NUM: &str = r"[0-9０-９]+(?:[,，、]\s*[0-9０-９]{3})*";

fn parse_count(s: &str) -> Option<usize> {
    let digits: String = s
        .chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(c),
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            _ => None,
        })
        .collect();
    digits.parse().ok()
}

/// The limits clause of a sentence: (min, max, byte range of the number part).
fn limits_in(s: &str) -> Option<(Option<usize>, Option<usize>, std::ops::Range<usize>)> {
    static RANGE: OnceLock<Regex> = OnceLock::new();
    static MAX: OnceLock<Regex> = OnceLock::new();
    static MIN: OnceLock<Regex> = OnceLock::new();
    let range = re(
        &RANGE,
        &format!(r"({NUM})\s*字\s*以上\s*({NUM})\s*字\s*(?:以内|以下)"),
    );
    if let Some(c) = range.captures(s) {
        let m = c.get(0)?;
        return Some((
            parse_count(c.get(1)?.as_str()),
            parse_count(c.get(2)?.as_str()),
            m.range(),
        ));
    }
    let max = re(&MAX, &format!(r"({NUM})\s*字\s*(?:以内|以下|まで)"));
    if let Some(c) = max.captures(s) {
        return Some((None, parse_count(c.get(1)?.as_str()), c.get(0)?.range()));
    }
    let min = re(&MIN, &format!(r"({NUM})\s*字\s*以上"));
    let c = min.captures(s)?;
    Some((parse_count(c.get(1)?.as_str()), None, c.get(0)?.range()))
}

fn analyse(label: char, text: String) -> QuestionPart {
    let mut part = QuestionPart {
        label,
        text: text.clone(),
        points: Vec::new(),
        viewpoints: Vec::new(),
        min: None,
        max: None,
    };
    for sentence in text.split_inclusive(['。', '？', '?']) {
        let mut s = sentence
            .trim()
            .trim_end_matches(['。', '？', '?'])
            .to_owned();
        if let Some((min, max, r)) = limits_in(&s) {
            part.min = part.min.or(min);
            part.max = part.max.or(max);
            // Drop the limits clause: from the delimiter before the number to the sentence end.
            let cut = s[..r.start].rfind(['，', ',', '、']).unwrap_or(r.start);
            s.truncate(cut);
        }
        for v in viewpoints_in(&mut s) {
            if !part.viewpoints.contains(&v) {
                part.viewpoints.push(v);
            }
        }
        for p in points_in(&s) {
            if !part.points.contains(&p) {
                part.points.push(p);
            }
        }
    }
    part
}

/// Extract 「〜の観点」 phrases and remove them (with their particle) from `s`.
fn viewpoints_in(s: &mut String) -> Vec<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &RE,
        r#"[「『"“〝]?([^，,、。「」『』"“”〝〟\s　]{2,40}?)[」』"”〟]?(?:の|という|といった)観点(?:から|で|に立って|に基づいて|を踏まえて|を含めて)?[，,、]?"#,
    );
    let mut out = Vec::new();
    for c in r.captures_iter(s) {
        if let Some(m) = c.get(1) {
            let v = clean_phrase(m.as_str());
            if !v.is_empty() {
                out.push(v);
            }
        }
    }
    *s = r.replace_all(s, "").into_owned();
    out
}

/// Strip quotes, 「あなたが〜た」, 「設問アで述べた」 and list words from a phrase.
fn clean_phrase(p: &str) -> String {
    static LEAD: OnceLock<Regex> = OnceLock::new();
    let lead = re(
        &LEAD,
        r"^(?:及び|並びに|また|さらに|そして|を含めた|を含む|あなたの|あなたは|あなたが[^、，,]{0,8}?[たる](?:\s|　)?|設問[アイウ]で述べた|具体的に)+",
    );
    let mut t: String = p
        .chars()
        .filter(|c| !matches!(c, '"' | '“' | '”' | '〝' | '〟' | '「' | '」' | '『' | '』'))
        .collect();
    loop {
        let trimmed = t.trim_matches(|c: char| c.is_whitespace() || matches!(c, '，' | ',' | '、'));
        let next = lead.replace(trimmed, "").into_owned();
        if next == t {
            break;
        }
        t = next;
    }
    let t = t
        .trim_start_matches("を含めた")
        .trim_start_matches("を含む")
        .trim_end_matches("について")
        .trim_end_matches("など")
        .trim_end_matches('等')
        .trim_end_matches("具体的に")
        .trim();
    t.to_owned()
}

/// The requested points of one sentence (limits and viewpoints already removed).
fn points_in(s: &str) -> Vec<String> {
    static BACKREF: OnceLock<Regex> = OnceLock::new();
    // 「設問アで述べた問題点を踏まえて，」「設問イで述べた見直しについて，」: context, not a point.
    let backref = re(
        &BACKREF,
        r"^\s*設問[アイウ]で述べた[^，,、]{0,40}?(?:について|を踏まえて|に対して|のために|ために|を解決するために|を低減するために|を満たすために)[，,、]",
    );
    let s = backref.replace(s.trim(), "");
    let s = s.trim();
    // What is requested: before 「を含めて」, before the last 「について」, or the whole question form.
    let item = if let Some(i) = s.find("を含めて") {
        &s[..i]
    } else if let Some(i) = s.rfind("について") {
        &s[..i]
    } else {
        s
    };
    let item = item.trim_end_matches(['？', '?']);
    let mut out = Vec::new();
    for seg in split_items(item) {
        let p = clean_phrase(&seg);
        // Purpose and circumstance clauses (「〜に対応するために」「〜に当たって」) are context, not points.
        if p.is_empty()
            || [
                "ために",
                "ため",
                "踏まえて",
                "受けて",
                "ように",
                "際に",
                "当たって",
                "あたって",
                "おいて",
                "うえで",
                "上で",
                "対して",
                "対し",
                "応じて",
                "向けて",
                "伴い",
                "伴って",
            ]
            .iter()
            .any(|e| p.ends_with(e))
            || !p.chars().any(is_content_char)
        {
            continue;
        }
        out.push(p);
    }
    out
}

fn is_content_char(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{30A1}'..='\u{30FA}' | 'A'..='Z' | 'a'..='z')
}

/// Split a list of requested items at 「と，」「，」「、」「及び」「並びに」 and at a bare 「と」 between
/// two nouns; quoted phrases stay whole.
fn split_items(item: &str) -> Vec<String> {
    let chars: Vec<char> = item.chars().collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut i = 0;
    let is_noun = |c: char| matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{30A1}'..='\u{30FA}' | 'ー');
    while i < chars.len() {
        let c = chars[i];
        match c {
            '"' => quoted = !quoted,
            '“' | '〝' | '「' | '『' => quoted = true,
            '”' | '〟' | '」' | '』' => quoted = false,
            _ => {}
        }
        if !quoted {
            let rest: String = chars[i..].iter().take(4).collect();
            if matches!(c, '，' | ',' | '、') {
                out.push(std::mem::take(&mut cur));
                i += 1;
                continue;
            }
            if rest.starts_with("及び") || rest.starts_with("並びに") {
                out.push(std::mem::take(&mut cur));
                i += if rest.starts_with("及び") { 2 } else { 3 };
                continue;
            }
            if c == 'と' {
                let prev = i.checked_sub(1).map(|p| chars[p]);
                let next = chars.get(i + 1).copied();
                let judged = [
                    "と考",
                    "と思",
                    "と判断",
                    "と認識",
                    "と特定",
                    "と想定",
                    "と推定",
                    "とし",
                    "とな",
                    "とも",
                    "と合意",
                    "と協力",
                    "と協議",
                    "と調整",
                    "と連携",
                    "と共有",
                    "と交渉",
                ]
                .iter()
                .any(|w| rest.starts_with(w));
                // 「仕組みと，」: a list item ends at 「と」 before a comma whatever it ends with.
                if next.is_some_and(|n| matches!(n, '，' | ',' | '、'))
                    && prev.is_some_and(|p| !matches!(p, '，' | ',' | '、'))
                {
                    out.push(std::mem::take(&mut cur));
                    i += 2;
                    continue;
                }
                // 「関係者と協力して行った評価」「関係者と取り決めた内容」: 「と」 with a verb after
                // it means "with"; the phrase is one item, not two.
                let verb_follows = {
                    let after = &chars[i + 1..];
                    let run = after
                        .iter()
                        .take_while(|c| matches!(**c, '\u{3400}'..='\u{9FFF}'))
                        .count();
                    run > 0
                        && after.get(run).is_some_and(|c| {
                            matches!(*c, '\u{3041}'..='\u{3096}')
                                && !matches!(*c, 'の' | 'と' | 'や' | 'へ')
                        })
                };
                if prev.is_some_and(is_noun)
                    && next.is_some_and(|n| is_noun(n) || n == '"' || n == '“')
                    && !judged
                    && !verb_follows
                {
                    out.push(std::mem::take(&mut cur));
                    i += 1;
                    continue;
                }
            }
        }
        cur.push(c);
        i += 1;
    }
    out.push(cur);
    out.into_iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const Q: &str = "\
問1　変更管理プロセスの改善について

ITサービスを取り巻く環境は絶えず変化している。……（問題文）

設問ア　あなたが携わったITサービスの概要と，変更管理プロセスの改善が必要となった環境の変化について，８００字以内で述べよ。
設問イ　設問アで述べた環境の変化に対応するために，変更管理プロセスをどのように改善したか。改善に当たって工夫したことを含めて，８００字以上１，６００字以内で具体的に述べよ。
設問ウ　設問イで述べた改善の実施状況と評価，及び今後の改善点について，600字以上1,200字以内で具体的に述べよ。
";

    #[test]
    fn parses_points_and_full_width_limits() {
        let q = Question::parse(Q).unwrap();
        let labels: Vec<char> = q.parts.iter().map(|p| p.label).collect();
        assert_eq!(labels, ['ア', 'イ', 'ウ']);
        assert_eq!(
            q.parts[0].points,
            [
                "ITサービスの概要",
                "変更管理プロセスの改善が必要となった環境の変化"
            ]
        );
        assert_eq!((q.parts[0].min, q.parts[0].max), (None, Some(800)));
        assert_eq!(
            q.parts[1].points,
            [
                "変更管理プロセスをどのように改善したか",
                "改善に当たって工夫したこと"
            ]
        );
        assert_eq!((q.parts[1].min, q.parts[1].max), (Some(800), Some(1600)));
        assert_eq!(
            q.parts[2].points,
            ["改善の実施状況", "評価", "今後の改善点"]
        );
        assert_eq!((q.parts[2].min, q.parts[2].max), (Some(600), Some(1200)));
        assert_eq!(
            q.limits(),
            [
                ('ア', None, Some(800)),
                ('イ', Some(800), Some(1600)),
                ('ウ', Some(600), Some(1200))
            ]
        );
    }

    #[test]
    fn quoted_items_viewpoints_and_wrapped_lines() {
        let q = Question::parse(
            "設問ア　あなたが携わった IT サービスの概要と,\"災害によって発生する, IT サービスの継続に影響を与えると特定した事態\", 及び\"分析して評価した事業への影響\"について, 800 字以内で述べよ。\n\
             設問イ　設問アで述べた事態に対して，サービスレベルの維持の観点から実施した対策について，\n800字以上1、600字以内で具体的に述べよ。",
        )
        .unwrap();
        assert_eq!(
            q.parts[0].points,
            [
                "IT サービスの概要",
                "災害によって発生する, IT サービスの継続に影響を与えると特定した事態",
                "分析して評価した事業への影響"
            ]
        );
        assert_eq!(q.parts[0].max, Some(800));
        assert_eq!(q.parts[1].viewpoints, ["サービスレベルの維持"]);
        assert_eq!(q.parts[1].points, ["実施した対策"]);
        assert_eq!((q.parts[1].min, q.parts[1].max), (Some(800), Some(1600)));
    }

    #[test]
    fn a_verb_after_to_keeps_the_item_whole() {
        let q = Question::parse(
            "設問イ　設問アで述べた課題に対して，あなたが行った対応の迅速化のための取組と，取組に当たって関係者と取り決めた内容について，顧客への影響の最小化の観点を含めて，800字以上1,600字以内で具体的に述べよ。\n\
             設問ウ　設問イで述べた改善の評価，及び運用担当者の負担の観点を含めた今後の改善について，600字以上1,200字以内で具体的に述べよ。\n\
             設問ア　あなたが携わったITサービスの概要と，構成情報が実際の状態と食い違うことで生じていた問題について，800字以内で述べよ。",
        )
        .unwrap();
        assert_eq!(
            q.parts[0].points,
            [
                "対応の迅速化のための取組",
                "取組に当たって関係者と取り決めた内容"
            ]
        );
        assert_eq!(q.parts[1].points, ["改善の評価", "今後の改善"]);
        assert_eq!(
            q.parts[2].points,
            [
                "ITサービスの概要",
                "構成情報が実際の状態と食い違うことで生じていた問題"
            ]
        );
    }

    #[test]
    fn errors() {
        assert_eq!(Question::parse("問題文だけ"), Err(QuestionError::NoParts));
        assert_eq!(
            Question::parse("設問ア　概要について述べよ。\n設問ア　重複"),
            Err(QuestionError::Duplicate('ア'))
        );
        // 「設問アで述べた」 at a line start is a reference, not a new part.
        let q =
            Question::parse("設問イ　対策について，\n設問アで述べた問題との関係を含めて述べよ。")
                .unwrap();
        assert_eq!(q.parts.len(), 1);
    }
}
