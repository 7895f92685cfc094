//! The per-document fact model: every figure of a text as a *fact* — what quantity it measures
//! (the words of its clause), its value and unit (from [`super::figures`]), its period (per day,
//! per month, 年間, per meeting …), the observation window it was measured over (「導入後3か月」),
//! its role (a current state, the baseline before a measure, a result after it, a target, a
//! requirement, a forecast, a total), and where it is (sentence, 設問 part).
//!
//! The cross-sentence figure checks (N002, N004–N006) compare facts of the same quantity; the
//! score reads the same model. [`Facts::of`] builds it once per document and keeps it on the
//! [`Document`]: every later reader (rule or score detector) gets the same model without rebuilding.
//!
//! Two facts are *about the same quantity* when their units agree, their periods agree and their
//! clauses share a distinctive word (or the same date qualifier such as 「4月」). Figures that merely
//! share a unit (「問合せ600件」 and 「FAQ30件」) never match.

use super::figures::{self, Bound, Change, Figure, Unit};
use super::terms::{content_runs, run_slices};
use crate::document::Document;
use crate::text::scan::WordList;
use std::ops::Range;
use std::sync::LazyLock;

/// The period a figure is counted over (a rate's denominator).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Period {
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    HalfYear,
    Year,
    /// Per meeting or per occurrence (毎回, 1回あたり).
    Occurrence,
}

impl Period {
    /// Length in days (None for per-occurrence).
    pub fn days(self) -> Option<f64> {
        Some(match self {
            Period::Hour => 1.0 / 24.0,
            Period::Day => 1.0,
            Period::Week => 7.0,
            Period::Month => 30.4,
            Period::Quarter => 91.3,
            Period::HalfYear => 182.6,
            Period::Year => 365.25,
            Period::Occurrence => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Period::Hour => "1時間あたり",
            Period::Day => "1日あたり",
            Period::Week => "週あたり",
            Period::Month => "月あたり",
            Period::Quarter => "四半期あたり",
            Period::HalfYear => "半年あたり",
            Period::Year => "年あたり",
            Period::Occurrence => "1回あたり",
        }
    }
}

/// What a figure stands for in the story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A plain statement of how things are or were.
    State,
    /// The baseline before a measure (改善前, 導入前, 従来, the 「A」 of 「AからB」).
    Before,
    /// A result after a measure (導入後, その結果, the 「B」 of 「AからB」).
    After,
    /// A target (目標, 目指す).
    Target,
    /// A requirement or an agreed level (合意, 求められ, SLA).
    Requirement,
    /// A forecast or estimate (予測, 見込み, 試算, 想定).
    Forecast,
    /// A total of figures stated before (合計, 計, 合わせて).
    Total,
}

/// One figure in its context.
#[derive(Debug, Clone)]
pub struct Fact {
    pub figure: Figure,
    /// Index into `doc.sentences`.
    pub sentence: usize,
    /// The 設問 part the figure is in (None for a module or text outside parts).
    pub part: Option<char>,
    /// The clause around the figure (between 、/，/。 boundaries).
    pub clause: Range<usize>,
    /// Content words of the clause (kanji, katakana, Latin runs), role words removed.
    pub words: Vec<String>,
    /// The content word nearest before the figure (or after it, when nothing precedes).
    pub head: Option<String>,
    /// The distinctive words that say what the figure counts: those before it in its clause, or
    /// (when there are none) the first one after it (「6秒かかっていた照会」 → 照会).
    pub desc: Vec<String>,
    /// Date and time qualifiers of the clause (「4月」「初日」「平日」「夜間」…).
    pub qualifiers: Vec<String>,
    pub period: Option<Period>,
    /// The figure is a rate's denominator (「1日平均」「1件当たり」) or an observation window.
    pub marker: bool,
    /// The observation window of the sentence, in days (「導入後3か月」 → 91).
    pub window: Option<f64>,
    pub role: Role,
    /// Index of the other fact of a before → after pair, when it is one.
    pub pair: Option<usize>,
}

impl Fact {
    /// A quantity that can be compared (not a date, not a bare marker).
    pub fn comparable(&self) -> bool {
        self.figure.is_quantity() && !self.marker && !self.figure.vague
    }

    /// Whether two facts are about the same quantity: same unit, same period, a shared
    /// distinctive word or the same date qualifier.
    pub fn same_quantity(&self, other: &Fact) -> bool {
        if !self.figure.unit.same_as(&other.figure.unit) || self.period != other.period {
            return false;
        }
        if self.figure.average != other.figure.average {
            return false;
        }
        let q = !self.qualifiers.is_empty() && self.qualifiers == other.qualifiers;
        let shared = self.words.iter().any(|w| {
            !is_generic(w)
                && other
                    .words
                    .iter()
                    .any(|v| !is_generic(v) && (v == w || overlap_word(v, w)))
        });
        // Different date qualifiers name different quantities (「4月」 vs 「9月」).
        let clash = !self.qualifiers.is_empty()
            && !other.qualifiers.is_empty()
            && self.qualifiers != other.qualifiers;
        (q || shared) && !clash
    }

    /// Whether this fact restates the quantity of an `earlier` one: same unit, period and
    /// averaging, no clash of occasions, and every word that says what this figure counts is
    /// among the earlier clause's words (or, with no such word, the same occasion 「4月」).
    /// 「改善前のFAQの閲覧は1,600件」 does not restate 「FAQは30件」 (閲覧 is not there).
    pub fn restates(&self, earlier: &Fact) -> bool {
        if !self.figure.unit.same_as(&earlier.figure.unit)
            || self.period != earlier.period
            || self.figure.average != earlier.figure.average
        {
            return false;
        }
        let clash = !self.qualifiers.is_empty()
            && !earlier.qualifiers.is_empty()
            && self.qualifiers != earlier.qualifiers;
        if clash {
            return false;
        }
        if self.desc.is_empty() {
            return !self.qualifiers.is_empty() && self.qualifiers == earlier.qualifiers;
        }
        self.desc
            .iter()
            .all(|w| earlier.words.iter().any(|v| v == w || overlap_word(v, w)))
    }
}

/// Two words overlap when one contains the other and the shorter has at least 2 characters
/// (「照会」 ⊂ 「照会画面」).
fn overlap_word(a: &str, b: &str) -> bool {
    let (s, l) = if a.chars().count() <= b.chars().count() {
        (a, b)
    } else {
        (b, a)
    };
    s.chars().count() >= 2 && l.contains(s)
}

/// Words that appear around figures of every kind and say nothing about which quantity it is.
const GENERIC: &[&str] = &[
    "平均",
    "合計",
    "全体",
    "結果",
    "程度",
    "以上",
    "以内",
    "以下",
    "未満",
    "最大",
    "最長",
    "最小",
    "最短",
    "実績",
    "目標",
    "予測",
    "見込",
    "試算",
    "想定",
    "時間",
    "件数",
    "割合",
    "対応",
    "発生",
    "実施",
    "導入",
    "改善",
    "短縮",
    "削減",
    "減少",
    "増加",
    "向上",
    "達成",
    "確認",
    "合意",
    "一方",
    "今回",
    "前年",
    "当初",
    "従来",
    "現在",
    "以前",
    "改善前",
    "導入前",
    "見直し前",
    "実施前",
    "対策前",
    "変更前",
    "改善後",
    "導入後",
    "見直し後",
    "実施後",
    "対策後",
    "変更後",
    "稼働後",
    "翌年度",
    "翌月",
    "大幅",
    "月平均",
    "年間",
    "月間",
    "毎月",
    "毎日",
    "毎週",
    "期間",
    "全て",
    "すべて",
    "うち",
    "約",
    "サービス",
    "システム",
    "利用",
    "業務",
    "運用",
    "管理",
    "私",
    "場合",
    "必要",
    "時点",
    "程",
    "以降",
    "合わせ",
    "半年",
    "各回",
    "毎回",
    "内訳",
    "見直",
    "削減率",
    "約束",
    "報告",
    "計算",
    "合計で",
    "全部",
    "当時",
    "最終的",
];

fn is_generic(w: &str) -> bool {
    static SET: LazyLock<crate::text::hash::EdgeSet<&str>> =
        LazyLock::new(|| GENERIC.iter().copied().collect());
    SET.contains(w) || w.chars().nth(1).is_none()
}

/// Date-like qualifiers that name *which* occasion a figure is about.
static QUALIFIER_WORDS: WordList = WordList::new(&[
    "初日",
    "平日",
    "休日",
    "週末",
    "夜間",
    "深夜",
    "日中",
    "年末",
    "年度末",
    "月末",
    "月初",
    "繁忙期",
    "閑散期",
    "学期始め",
    "ピーク",
    "平常時",
    "通常時",
    "午前",
    "午後",
]);

fn is_boundary(c: char) -> bool {
    matches!(c, '、' | '，' | '。' | ',' | '！' | '？' | '\n')
}

/// The clause of `sentence` (absolute range) around the byte range `r`.
fn clause_of(text: &str, sentence: &Range<usize>, r: &Range<usize>) -> Range<usize> {
    let s = &text[sentence.clone()];
    let rel_start = r.start - sentence.start;
    let rel_end = r.end - sentence.start;
    // 「1,300件」: a comma between digits is a thousands separator, not a clause boundary.
    let digit =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let at_boundary = |i: usize, c: char| {
        is_boundary(c)
            && !(matches!(c, ',' | '，')
                && digit(s[..i].chars().next_back())
                && digit(s[i + c.len_utf8()..].chars().next()))
    };
    let start = s[..rel_start]
        .char_indices()
        .rev()
        .find(|&(i, c)| at_boundary(i, c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = s[rel_end..]
        .char_indices()
        .find(|&(i, c)| at_boundary(rel_end + i, c))
        .map_or(s.len(), |(i, _)| rel_end + i);
    sentence.start + start..sentence.start + end
}

static BEFORE_WORDS: WordList = WordList::new(&[
    "改善前",
    "導入前",
    "見直し前",
    "実施前",
    "対策前",
    "変更前",
    "移行前",
    "適用前",
    "改修前",
    "従来",
    "以前は",
    "の前は",
    "前は",
    "当初",
    "これまで",
    "それまで",
]);
static AFTER_WORDS: WordList = WordList::new(&[
    "改善後",
    "導入後",
    "見直し後",
    "実施後",
    "対策後",
    "変更後",
    "移行後",
    "適用後",
    "改修後",
    "稼働後",
    "翌年度",
    "翌月",
    "その結果",
    "結果、",
    "結果，",
    "実施した後",
    "導入した後",
    "運用開始後",
]);
static TARGET_WORDS: WordList = WordList::new(&["目標", "目指"]);
static REQUIREMENT_WORDS: WordList =
    WordList::new(&["合意", "求められ", "求め", "要求", "SLA", "契約"]);
static FORECAST_WORDS: WordList =
    WordList::new(&["予測", "見込", "試算", "想定", "見積", "見通し", "案"]);
static TOTAL_WORDS: WordList = WordList::new(&["合計", "合わせて", "総額", "総計", "全体で"]);
/// Verbs after a figure that make it the result of a change (「2秒に短縮した」).
static RESULT_VERBS: WordList = WordList::new(&[
    "短縮",
    "削減",
    "減少",
    "減っ",
    "減ら",
    "低下",
    "改善",
    "向上",
    "増加",
    "抑え",
    "下が",
    "なった",
    "収ま",
    "とどま",
    "上回",
    "下回",
    "達成",
]);

fn has_any(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.contains(w))
}

/// Period words that may stand right before a figure (after 約/平均 are stripped).
const PERIOD_PREFIXES: &[(&str, Period)] = &[
    ("1日平均", Period::Day),
    ("1日あたり", Period::Day),
    ("1日当たり", Period::Day),
    ("1日に", Period::Day),
    ("日平均", Period::Day),
    ("毎日", Period::Day),
    ("1日", Period::Day),
    ("1時間あたり", Period::Hour),
    ("1時間当たり", Period::Hour),
    ("1時間に", Period::Hour),
    ("毎時", Period::Hour),
    ("1時間", Period::Hour),
    ("毎週", Period::Week),
    ("週に", Period::Week),
    ("週平均", Period::Week),
    ("週", Period::Week),
    ("月平均", Period::Month),
    ("月間", Period::Month),
    ("毎月", Period::Month),
    ("月に", Period::Month),
    ("1か月あたり", Period::Month),
    ("1か月に", Period::Month),
    ("月", Period::Month),
    ("四半期", Period::Quarter),
    ("半年間に", Period::HalfYear),
    ("年平均", Period::Year),
    ("年間", Period::Year),
    ("毎年", Period::Year),
    ("年に", Period::Year),
    ("1年あたり", Period::Year),
    ("年", Period::Year),
    ("毎回", Period::Occurrence),
    ("各回", Period::Occurrence),
    ("1回あたり", Period::Occurrence),
    ("1回当たり", Period::Occurrence),
    ("1回に", Period::Occurrence),
    ("1回で", Period::Occurrence),
];

const PERIOD_SUFFIXES: &[(&str, Period)] = &[
    ("/月", Period::Month),
    ("／月", Period::Month),
    ("/年", Period::Year),
    ("／年", Period::Year),
    ("/日", Period::Day),
    ("／日", Period::Day),
    ("/週", Period::Week),
    ("／週", Period::Week),
];

/// The period written right before the figure (allowing 「約」「平均」 between), or after it.
fn period_of(text: &str, clause: &Range<usize>, f: &Figure, prev_end: usize) -> Option<Period> {
    let start = clause.start.max(prev_end);
    let before = text.get(start..f.span.start).unwrap_or("");
    let before = before
        .trim_end_matches("約")
        .trim_end_matches("平均")
        .trim_end_matches("で")
        .trim_end_matches("は")
        .trim_end_matches("の");
    for &(w, p) in PERIOD_PREFIXES {
        if let Some(head) = before.strip_suffix(w) {
            // 「4月」 is a date, not 「月」; 「24時間」「3か月」 are figures, not markers.
            if (w.starts_with('月')
                || w.starts_with('年')
                || w.starts_with('週')
                || w.starts_with('日'))
                && head.chars().last().is_some_and(|c| {
                    c.is_ascii_digit()
                        || ('０'..='９').contains(&c)
                        || c == 'か'
                        || c == 'ヶ'
                        || c == 'カ'
                        || c == '毎'
                        || c == '今'
                        || c == '先'
                        || c == '翌'
                        || c == '前'
                        || c == '同'
                        || c == '当'
                        || c == '各'
                        || c == '昨'
                        || c == '来'
                        || c == '本'
                        || c == '半'
                        || c == '隔'
                })
            {
                continue;
            }
            return Some(p);
        }
    }
    // 「月に数回」「年に2回」 with words between: only the particle form, within the clause.
    let after = &text[f.span.end..clause.end.max(f.span.end)];
    for &(w, p) in PERIOD_SUFFIXES {
        if after.starts_with(w) {
            return Some(p);
        }
    }
    None
}

/// An observation window in the sentence: 「導入後3か月」「過去1年間に」「4か月間で」「稼働後2週間の」
/// 「導入後の半年」. Returns its length in days and the range of its figure (or word).
fn window_of(
    text: &str,
    sentence: &Range<usize>,
    figs: &[(usize, &Figure)],
) -> Option<(f64, Option<usize>)> {
    let s = &text[sentence.clone()];
    for &(idx, f) in figs {
        let windowy = matches!(
            f.unit_text.as_str(),
            "日間"
                | "週間"
                | "週"
                | "か月"
                | "ヶ月"
                | "カ月"
                | "ケ月"
                | "ヵ月"
                | "箇月"
                | "か月間"
                | "ヶ月間"
                | "カ月間"
                | "ケ月間"
                | "ヵ月間"
                | "年間"
                | "年"
                | "日"
                | "営業日"
        );
        if f.unit != Unit::Duration
            || f.high.is_some()
            || !windowy
            || !matches!(f.bound, Bound::Exact | Bound::Approx)
        {
            continue;
        }
        let before = &text[sentence.start..f.span.start];
        let after = &text[f.span.end..sentence.end];
        let lead = [
            "過去",
            "導入後",
            "稼働後",
            "改善後",
            "開始後",
            "実施後",
            "運用開始後",
            "直近",
            "見直し後",
            "適用後",
            "導入から",
            "稼働から",
            "その後",
            "後の",
            "後",
        ]
        .iter()
        .any(|w| before.trim_end_matches(['の', 'は']).ends_with(w));
        let tail = ["で", "に", "の", "は", "が経過"]
            .iter()
            .any(|w| after.starts_with(w));
        let spanned = f.unit_text.ends_with('間') && tail;
        if (lead && (tail || after.starts_with(['、', '，']))) || spanned {
            return Some((f.value / 86400.0, Some(idx)));
        }
    }
    for (w, days) in [
        ("半年間", 182.6),
        ("導入後の半年", 182.6),
        ("後の半年", 182.6),
        ("1年間", 365.25),
        ("半年で", 182.6),
    ] {
        if s.contains(w) {
            return Some((days, None));
        }
    }
    None
}

/// The fact model of one document.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub facts: Vec<Fact>,
    /// Before → after pairs as (before fact, after fact, verb, verb span).
    pub changes: Vec<(usize, usize, String, Option<Range<usize>>)>,
}

impl Facts {
    /// The fact model of `doc`'s prose, built on the first call and cached on the document.
    pub fn of<'d>(doc: &'d Document<'_>) -> &'d Facts {
        doc.analyses.facts.get_or_init(|| Facts::build(doc))
    }

    /// Build the fact model of `doc`'s prose.
    fn build(doc: &Document<'_>) -> Facts {
        let text = doc.text;
        let figs = doc.figures();
        let mut facts: Vec<Fact> = Vec::new();
        let mut changes = Vec::new();
        let mut fi = 0;
        for (si, s) in doc.sentences.iter().enumerate() {
            // Figures inside this sentence.
            while fi < figs.len() && figs[fi].span.start < s.range.start {
                fi += 1;
            }
            let mut mine: Vec<Figure> = Vec::new();
            let mut j = fi;
            while j < figs.len() && figs[j].span.end <= s.range.end {
                mine.push(figs[j].clone());
                j += 1;
            }
            if mine.is_empty() {
                continue;
            }
            let part = doc
                .parts
                .iter()
                .find(|p| p.body.contains(&s.range.start))
                .map(|p| p.label);
            let stext = &text[s.range.clone()];
            let rel: Vec<Figure> = mine
                .iter()
                .map(|f| {
                    let mut g = f.clone();
                    g.span = f.span.start - s.range.start..f.span.end - s.range.start;
                    g.core = f.core.start - s.range.start..f.core.end - s.range.start;
                    g
                })
                .collect();
            let pairs: Vec<Change> = figures::changes(stext, &rel);
            let indexed: Vec<(usize, &Figure)> = mine.iter().enumerate().collect();
            let window = window_of(text, &s.range, &indexed);
            let base = facts.len();
            let mut prev_end = s.range.start;
            for (k, f) in mine.iter().enumerate() {
                let clause = clause_of(text, &s.range, &f.span);
                let ctext = &text[clause.clone()];
                let before_fig = &text[clause.start..f.span.start];
                let after_fig = &text[f.span.end..clause.end];
                // The clause with every figure blanked out, so that 「月平均約」 is not a word.
                let mut masked = ctext.to_owned();
                for g in &mine {
                    if clause.start <= g.span.start && g.span.end <= clause.end {
                        let r = g.span.start - clause.start..g.span.end - clause.start;
                        masked.replace_range(r.clone(), &" ".repeat(r.len()));
                    }
                }
                let mut words: Vec<String> = content_runs(&masked);
                words.retain(|w| !QUALIFIER_WORDS.words().contains(&w.as_str()));
                let cut = f.span.start - clause.start;
                // Words that name an event the figure is dated by (「自動化の前は」「導入後の」) say
                // when, not what: they are not part of what the figure counts.
                let before_part = &masked[..cut];
                let before_runs = run_slices(before_part);
                let mut after_runs: Option<Vec<&str>> = None;
                let mut after = || {
                    after_runs
                        .get_or_insert_with(|| run_slices(&masked[cut..]))
                        .clone()
                };
                let mut desc: Vec<String> = before_runs
                    .iter()
                    .filter(|w| !is_generic(w) && !QUALIFIER_WORDS.words().contains(w))
                    .filter(|w| {
                        before_part.find(**w).is_none_or(|i| {
                            let rest = &before_part[i + w.len()..];
                            ![
                                "の前", "前は", "前の", "の後", "後の", "後は", "以前", "以降",
                            ]
                            .iter()
                            .any(|m| rest.starts_with(m))
                        })
                    })
                    .map(|w| w.to_string())
                    .collect();
                if desc.is_empty() {
                    desc = after()
                        .into_iter()
                        .find(|w| !is_generic(w) && !QUALIFIER_WORDS.words().contains(w))
                        .map(str::to_owned)
                        .into_iter()
                        .collect();
                }
                let head = before_runs
                    .into_iter()
                    .rev()
                    .find(|w| !is_generic(w))
                    .or_else(|| after().into_iter().find(|w| !is_generic(w)))
                    .map(str::to_owned);
                let mut qualifiers: Vec<String> = mine
                    .iter()
                    .filter(|g| {
                        g.unit == Unit::Date
                            && g.unit_text == "月"
                            && clause.start <= g.span.start
                            && g.span.end <= clause.end
                    })
                    .map(|g| text[g.core.clone()].to_owned())
                    .collect();
                for (_, q) in QUALIFIER_WORDS.first_occurrences(ctext) {
                    qualifiers.push(q.to_owned());
                }
                qualifiers.sort();
                qualifiers.dedup();
                let period = period_of(text, &clause, f, prev_end);
                let after_rest = &text[f.span.end..s.range.end];
                let per_marker = f.is_quantity()
                    && f.value > 0.0
                    && matches!(f.unit, Unit::Duration | Unit::Count(_))
                    && ["あたり", "当たり", "平均", "に約", "で約"]
                        .iter()
                        .any(|w| after_rest.starts_with(w))
                    && (text[f.core.clone()].starts_with('1')
                        || text[f.core.clone()].starts_with('１'));
                let is_window = window.is_some_and(|(_, w)| w == Some(k));
                let role = role_of(ctext, before_fig, after_fig, stext);
                facts.push(Fact {
                    figure: f.clone(),
                    sentence: si,
                    part,
                    clause,
                    words,
                    head,
                    desc,
                    qualifiers,
                    period,
                    marker: per_marker || is_window,
                    window: if is_window {
                        None
                    } else {
                        window.map(|(d, _)| d)
                    },
                    role,
                    pair: None,
                });
                prev_end = f.span.end;
            }
            // A rate's denominator gives the next figure its period (「1日平均約160件」).
            for k in 0..mine.len() {
                let i = base + k;
                if facts[i].marker
                    && !facts[i].figure.unit_text.ends_with('間')
                    && k + 1 < mine.len()
                {
                    let p = match facts[i].figure.unit {
                        Unit::Duration => match facts[i].figure.value as u64 {
                            3600 => Some(Period::Hour),
                            86400 => Some(Period::Day),
                            604800 => Some(Period::Week),
                            _ => None,
                        },
                        Unit::Count(_) => Some(Period::Occurrence),
                        _ => None,
                    };
                    if let Some(p) = p
                        && facts[i + 1].period.is_none()
                    {
                        facts[i + 1].period = Some(p);
                    }
                }
            }
            for c in pairs {
                let (a, b) = (base + c.from, base + c.to);
                if matches!(facts[a].role, Role::State | Role::After) {
                    facts[a].role = Role::Before;
                }
                if matches!(facts[b].role, Role::State | Role::Before) {
                    facts[b].role = Role::After;
                }
                // 「月42件から19件」: the after value shares the before value's period.
                if facts[b].period.is_none() {
                    facts[b].period = facts[a].period;
                }
                facts[a].pair = Some(b);
                facts[b].pair = Some(a);
                let vs = c
                    .verb_span
                    .map(|r| r.start + s.range.start..r.end + s.range.start);
                changes.push((a, b, c.verb, vs));
            }
        }
        Facts { facts, changes }
    }

    /// Facts of one 設問 part.
    pub fn in_part(&self, label: char) -> impl Iterator<Item = (usize, &Fact)> {
        self.facts
            .iter()
            .enumerate()
            .filter(move |(_, f)| f.part == Some(label))
    }

    /// Quantities (not dates, markers) of the whole text.
    pub fn quantities(&self) -> impl Iterator<Item = &Fact> {
        self.facts
            .iter()
            .filter(|f| f.figure.is_quantity() && !f.marker)
    }
}

fn role_of(clause: &str, before: &str, after: &str, sentence: &str) -> Role {
    if TOTAL_WORDS.any_in(clause) || before.ends_with("計") {
        return Role::Total;
    }
    // The marker nearest the figure dates it: 「導入前の3か月は25件あった呼出しが導入後の3か月は
    // 15件となり」 — the 15件 is after.
    if BEFORE_WORDS
        .last_end(before)
        .is_some_and(|b| AFTER_WORDS.last_end(before).is_none_or(|a| b > a))
    {
        return Role::Before;
    }
    if TARGET_WORDS.any_in(clause) {
        return Role::Target;
    }
    // 「…を30％削減し、一次解決率を70％に向上させることを目標とした」: every figure of a sentence
    // that sets targets is a target.
    if super::targets::is_intent(sentence) && TARGET_WORDS.any_in(sentence) {
        return Role::Target;
    }
    if FORECAST_WORDS.any_in(clause) {
        return Role::Forecast;
    }
    if AFTER_WORDS.any_in(clause) || RESULT_VERBS.any_in(after) {
        return Role::After;
    }
    if REQUIREMENT_WORDS.any_in(clause)
        || has_any(sentence, &["合意", "求められ", "要求", "SLAでは", "契約"])
            && (after.starts_with("以内")
                || after.starts_with("以上")
                || before.ends_with("以内")
                || clause.contains("以内")
                || clause.contains("以上"))
    {
        return Role::Requirement;
    }
    if TARGET_WORDS.any_in(sentence)
        && (clause.contains("以内") || clause.contains("以上") || clause.contains("未満"))
    {
        return Role::Target;
    }
    Role::State
}

/// Figures of a whole text that read as quantities (for counting 定量情報).
pub fn count_quantities(doc: &Document<'_>) -> usize {
    doc.figures().iter().filter(|f| f.is_quantity()).count()
}

/// Unused bounds are kept in the API for callers that compare roughness.
pub fn is_bounded(f: &Figure) -> bool {
    f.bound != Bound::Exact
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Kind;

    fn facts(t: &str) -> (Document<'_>, Facts) {
        let d = Document::parse(t, Some(Kind::Essay));
        let f = Facts::of(&d).clone();
        (d, f)
    }

    #[test]
    fn periods_roles_and_pairs() {
        let (d, f) = facts(
            "## 設問ア\n問合せは月平均約600件であり、4月は約2,100件に達する。\n## 設問ウ\n改善前の4月は約1,600件であった。月42件から19件に減少した。\n",
        );
        let t = |i: usize| &d.text[f.facts[i].figure.span.clone()];
        assert_eq!(t(0), "平均約600件");
        assert_eq!(f.facts[0].period, Some(Period::Month));
        assert_eq!(f.facts[2].qualifiers, vec!["4月"]);
        assert_eq!(f.facts[4].role, Role::Before);
        assert_eq!(f.facts[4].part, Some('ウ'));
        assert_eq!(f.facts[5].role, Role::Before);
        assert_eq!(f.facts[6].role, Role::After);
        assert_eq!(f.facts[6].period, Some(Period::Month));
        assert!(f.facts[2].same_quantity(&f.facts[4]));
        assert!(!f.facts[0].same_quantity(&f.facts[2]));
    }

    #[test]
    fn rate_markers_and_windows() {
        let (_, f) = facts(
            "アラートは1日平均約160件発生した。導入後3か月で、障害は年12件から年5件に減った。",
        );
        let q: Vec<&Fact> = f.facts.iter().filter(|x| !x.marker).collect();
        assert_eq!(q[0].period, Some(Period::Day));
        let five = f.facts.iter().find(|x| x.figure.value == 5.0).unwrap();
        assert_eq!(five.period, Some(Period::Year));
        assert!((five.window.unwrap() - 91.3).abs() < 1.0);
    }
}
