//! The one number detector: every figure a candidate writes, with its value, unit, bound and range.
//!
//! A *figure* is a number that states a quantity: 「約30万件」「10万人以上」「数百万」「約10ヶ所」「99.9％」
//! 「9時から18時」「１，２００件」「1.5倍」「約3万2千世帯」. What is **not** a figure: chapter numbers at a line
//! start (「1.」「1.1」「2.3」), enumerations 「(1)」「①」, ordinals (「第2段階」「2回目」「3つ目」), identifiers glued
//! to letters (「P95」「v2.1」), and 「3つ」. Dates (「2024年」「11月」「11月20日」「令和6年」) and times of day
//! (「8時30分」) are reported with [`Unit::Date`] / [`Unit::TimeOfDay`] so that callers can use them as
//! qualifiers (「4月は約2,100件」), but [`Figure::is_quantity`] is false for dates.
//!
//! API:
//! - [`scan`] finds the figures of a piece of text (ranges relative to it);
//! - [`in_document`] finds the figures of a document's prose (headings, front matter and code skipped),
//!   with absolute ranges;
//! - [`Figure::is_quantity`] — what the 「定量情報」 checks count (C002, E005, the score);
//! - [`changes`] pairs figures written as a before → after change (「60分から35分に短縮」).
//!
//! Values are normalised: full-width digits and separators (「１，２００」「１２．５」), Japanese multipliers
//! (万・億・千・百: 「4万5千」 = 45,000; 「1,500万円」 = 15,000,000 円), ranges (「2〜3分」, 「9時から18時まで」),
//! approximations (約, およそ, 程度, 前後) and bounds (以上, 以内, 未満, 超, 最大 …). Vague quantities
//! (「数百万」「数千件」「十数件」) carry their order of magnitude and `vague: true`.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// What a figure's unit measures. Values are converted to a base unit per kind: seconds for
/// durations, yen for money, 1 for counts and percentages, bytes for data.
#[derive(Debug, Clone, PartialEq)]
pub enum Unit {
    /// A count of things: the counter word as written (件, 名, 社, 店舗, か所 …, or a katakana noun).
    Count(String),
    /// Percentage (%, ％, パーセント, 割 converted to percent).
    Percent,
    /// Percentage points (ポイント).
    Points,
    /// A duration, value in seconds.
    Duration,
    /// Money, value in yen.
    Money,
    /// A multiple (倍).
    Ratio,
    /// Data size, value in bytes; or a rate in bits per second (`rate: true`).
    Data { rate: bool },
    /// A time of day (「8時30分」「21時」), value in minutes after midnight.
    TimeOfDay,
    /// A calendar date or part of one (「2024年」「11月」「20日」「令和6年度」): not a quantity.
    Date,
    /// A number with no unit (「同時セッション数は約340となる」).
    None,
}

impl Unit {
    /// Whether two units measure the same thing (same counter for counts).
    pub fn same_as(&self, other: &Unit) -> bool {
        match (self, other) {
            (Unit::Count(a), Unit::Count(b)) => counter_family(a) == counter_family(b),
            (Unit::Data { rate: a }, Unit::Data { rate: b }) => a == b,
            _ => std::mem::discriminant(self) == std::mem::discriminant(other),
        }
    }
}

/// Counter words that count the same things (名 and 人; か所 and ヶ所 …) map to one key.
fn counter_family(c: &str) -> &str {
    match c {
        "人" | "名" => "人",
        "ヶ所" | "カ所" | "箇所" | "ケ所" | "ヵ所" | "か所" => "か所",
        "店" | "店舗" => "店舗",
        "ユーザ" | "ユーザー" => "ユーザ",
        other => other,
    }
}

/// How exactly a value is stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Exact,
    /// 約, およそ, 程度, 前後, ほど, 余り, 強, 弱, 近く.
    Approx,
    /// 以上, 超, を超える, 最低, 少なくとも.
    AtLeast,
    /// 以内, 以下, 未満, まで, 最大, 最長, 足らず.
    AtMost,
}

/// One figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The whole figure: prefix (約, 最大 …), number, unit and bound suffix.
    pub span: Range<usize>,
    /// The number (and unit) alone, without prefix or suffix words.
    pub core: Range<usize>,
    /// Value in the unit's base (see [`Unit`]); for a range, its lower end.
    pub value: f64,
    /// Upper end of a range (「2〜3分」「9時から18時まで」).
    pub high: Option<f64>,
    pub unit: Unit,
    /// The unit as written (「件」「万円」「ヶ月」「％」), empty when there is none.
    pub unit_text: String,
    pub bound: Bound,
    /// 「平均」 was written before it.
    pub average: bool,
    /// A vague amount: 「数百万」「数千件」「十数件」.
    pub vague: bool,
}

impl Figure {
    /// A quantity a grader reads as 定量情報: anything but a date, and not a bare number.
    pub fn is_quantity(&self) -> bool {
        !matches!(self.unit, Unit::Date | Unit::None)
    }

    /// Whether the value is stated only roughly (約, 程度, vague, a range). A bound (以上, 以内) is
    /// an exact threshold, not a rough value.
    pub fn is_rough(&self) -> bool {
        self.vague || self.high.is_some() || self.bound == Bound::Approx
    }

    /// The two values agree within what their wording allows (約 ±5%, exact ±1%).
    pub fn agrees_with(&self, other: &Figure) -> bool {
        if !self.unit.same_as(&other.unit) {
            return false;
        }
        // 「約4,800」 is 4,750–4,850 as a grader reads it; 「数千」 is anything of that order.
        let tol = if self.vague || other.vague {
            0.7
        } else if self.is_rough() || other.is_rough() {
            0.05
        } else {
            0.01
        };
        let (a, b) = (self.value, other.value);
        if let Some(h) = self.high
            && b >= a * (1.0 - tol)
            && b <= h * (1.0 + tol)
        {
            return true;
        }
        if let Some(h) = other.high
            && a >= b * (1.0 - tol)
            && a <= h * (1.0 + tol)
        {
            return true;
        }
        let m = a.abs().max(b.abs());
        m == 0.0 || (a - b).abs() <= tol * m
    }
}

/// A before → after pair in one sentence: 「60分から35分に短縮」「82％から88％に改善」「月42件から19件」.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Index of the before figure in the slice given to [`changes`].
    pub from: usize,
    /// Index of the after figure.
    pub to: usize,
    /// The verb or particle after the pair (「短縮」「減少」「向上」…), empty when none.
    pub verb: String,
    /// Range of `verb`, when there is one.
    pub verb_span: Option<Range<usize>>,
}

const PREFIXES: &[(&str, Bound, bool)] = &[
    ("約", Bound::Approx, false),
    ("およそ", Bound::Approx, false),
    ("概ね", Bound::Approx, false),
    ("おおむね", Bound::Approx, false),
    ("最大で", Bound::AtMost, false),
    ("最大", Bound::AtMost, false),
    ("最長で", Bound::AtMost, false),
    ("最長", Bound::AtMost, false),
    ("最小", Bound::AtLeast, false),
    ("最短", Bound::AtLeast, false),
    ("最低", Bound::AtLeast, false),
    ("少なくとも", Bound::AtLeast, false),
    ("平均で約", Bound::Approx, true),
    ("平均約", Bound::Approx, true),
    ("平均で", Bound::Exact, true),
    ("平均", Bound::Exact, true),
];

const SUFFIXES: &[(&str, Bound)] = &[
    ("程度", Bound::Approx),
    ("前後", Bound::Approx),
    ("ほど", Bound::Approx),
    ("余り", Bound::Approx),
    ("あまり", Bound::Approx),
    ("近く", Bound::Approx),
    ("以上", Bound::AtLeast),
    ("超え", Bound::AtLeast),
    ("を超える", Bound::AtLeast),
    ("を超え", Bound::AtLeast),
    ("超", Bound::AtLeast),
    ("以内", Bound::AtMost),
    ("以下", Bound::AtMost),
    ("未満", Bound::AtMost),
    ("足らず", Bound::AtMost),
];

/// Unit words, longest first within a shared prefix. (text, kind, factor to the base unit).
const UNITS: &[(&str, UnitKind, f64)] = &[
    ("パーセント", UnitKind::Percent, 1.0),
    ("ポイント", UnitKind::Points, 1.0),
    ("%", UnitKind::Percent, 1.0),
    ("％", UnitKind::Percent, 1.0),
    ("割", UnitKind::Percent, 10.0),
    ("ミリ秒", UnitKind::Duration, 0.001),
    ("秒間", UnitKind::Duration, 1.0),
    ("秒", UnitKind::Duration, 1.0),
    ("分間", UnitKind::Duration, 60.0),
    ("時間半", UnitKind::Duration, 3600.0),
    ("時間", UnitKind::Duration, 3600.0),
    ("営業日", UnitKind::Duration, 86400.0),
    ("日間", UnitKind::Duration, 86400.0),
    ("週間", UnitKind::Duration, 604800.0),
    ("週", UnitKind::Duration, 604800.0),
    ("か月間", UnitKind::Duration, 2_629_800.0),
    ("ヶ月間", UnitKind::Duration, 2_629_800.0),
    ("カ月間", UnitKind::Duration, 2_629_800.0),
    ("ケ月間", UnitKind::Duration, 2_629_800.0),
    ("ヵ月間", UnitKind::Duration, 2_629_800.0),
    ("か月", UnitKind::Duration, 2_629_800.0),
    ("ヶ月", UnitKind::Duration, 2_629_800.0),
    ("カ月", UnitKind::Duration, 2_629_800.0),
    ("ケ月", UnitKind::Duration, 2_629_800.0),
    ("ヵ月", UnitKind::Duration, 2_629_800.0),
    ("箇月", UnitKind::Duration, 2_629_800.0),
    ("年間", UnitKind::Duration, 31_557_600.0),
    ("億円", UnitKind::Money, 100_000_000.0),
    ("万円", UnitKind::Money, 10_000.0),
    ("千円", UnitKind::Money, 1_000.0),
    ("円", UnitKind::Money, 1.0),
    ("ドル", UnitKind::Money, 150.0),
    ("倍", UnitKind::Ratio, 1.0),
    ("TB", UnitKind::Data, 1e12),
    ("GB", UnitKind::Data, 1e9),
    ("MB", UnitKind::Data, 1e6),
    ("KB", UnitKind::Data, 1e3),
    ("Gbps", UnitKind::DataRate, 1e9),
    ("Mbps", UnitKind::DataRate, 1e6),
    ("ms", UnitKind::Duration, 0.001),
    // Counters.
    ("店舗", UnitKind::Count, 1.0),
    ("拠点", UnitKind::Count, 1.0),
    ("か所", UnitKind::Count, 1.0),
    ("ヶ所", UnitKind::Count, 1.0),
    ("カ所", UnitKind::Count, 1.0),
    ("ケ所", UnitKind::Count, 1.0),
    ("ヵ所", UnitKind::Count, 1.0),
    ("箇所", UnitKind::Count, 1.0),
    ("世帯", UnitKind::Count, 1.0),
    ("項目", UnitKind::Count, 1.0),
    ("種類", UnitKind::Count, 1.0),
    ("区分", UnitKind::Count, 1.0),
    ("段階", UnitKind::Count, 1.0),
    ("世代", UnitKind::Count, 1.0),
    ("人日", UnitKind::Count, 1.0),
    ("人月", UnitKind::Count, 1.0),
    ("人時", UnitKind::Count, 1.0),
    ("施設", UnitKind::Count, 1.0),
    ("部署", UnitKind::Count, 1.0),
    ("部門", UnitKind::Count, 1.0),
    ("文字", UnitKind::Count, 1.0),
    ("か国", UnitKind::Count, 1.0),
    ("件", UnitKind::Count, 1.0),
    ("人", UnitKind::Count, 1.0),
    ("名", UnitKind::Count, 1.0),
    ("社", UnitKind::Count, 1.0),
    ("店", UnitKind::Count, 1.0),
    ("台", UnitKind::Count, 1.0),
    ("回", UnitKind::Count, 1.0),
    ("床", UnitKind::Count, 1.0),
    ("通", UnitKind::Count, 1.0),
    ("枚", UnitKind::Count, 1.0),
    ("本", UnitKind::Count, 1.0),
    ("個", UnitKind::Count, 1.0),
    ("冊", UnitKind::Count, 1.0),
    ("行", UnitKind::Count, 1.0),
    ("字", UnitKind::Count, 1.0),
    ("校", UnitKind::Count, 1.0),
    ("便", UnitKind::Count, 1.0),
    ("局", UnitKind::Count, 1.0),
    ("駅", UnitKind::Count, 1.0),
    ("棟", UnitKind::Count, 1.0),
    ("室", UnitKind::Count, 1.0),
    ("口", UnitKind::Count, 1.0),
    ("課", UnitKind::Count, 1.0),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UnitKind {
    Count,
    Percent,
    Points,
    Duration,
    Money,
    Ratio,
    Data,
    DataRate,
}

fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn kanji_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn multiplier(c: char) -> Option<f64> {
    Some(match c {
        '億' => 1e8,
        '万' => 1e4,
        '千' => 1e3,
        '百' => 1e2,
        '十' => 10.0,
        _ => return None,
    })
}

/// Characters of `text` with byte offsets, for a scanner that looks both ways.
struct Chars<'a> {
    text: &'a str,
    idx: Vec<(usize, char)>,
}

impl<'a> Chars<'a> {
    fn new(text: &'a str) -> Self {
        Chars {
            text,
            idx: text.char_indices().collect(),
        }
    }
    fn len(&self) -> usize {
        self.idx.len()
    }
    fn at(&self, i: usize) -> Option<char> {
        self.idx.get(i).map(|&(_, c)| c)
    }
    fn byte(&self, i: usize) -> usize {
        self.idx.get(i).map_or(self.text.len(), |&(b, _)| b)
    }
    fn rest(&self, i: usize) -> &'a str {
        &self.text[self.byte(i)..]
    }
    fn before(&self, i: usize) -> &'a str {
        &self.text[..self.byte(i)]
    }
}

/// A plain number at char index `i`: digits with thousands separators and a decimal part.
/// Returns (value, next char index).
fn plain_number(cs: &Chars<'_>, mut i: usize) -> Option<(f64, usize)> {
    let start = i;
    let mut s = String::new();
    while let Some(c) = cs.at(i) {
        if let Some(d) = digit(c) {
            s.push(char::from_digit(d, 10)?);
            i += 1;
        } else if matches!(c, ',' | '，')
            && !s.is_empty()
            && (1..=3).all(|k| cs.at(i + k).and_then(digit).is_some())
            && cs.at(i + 4).and_then(digit).is_none()
        {
            i += 1;
        } else if matches!(c, '.' | '．')
            && !s.is_empty()
            && !s.contains('.')
            && cs.at(i + 1).and_then(digit).is_some()
        {
            s.push('.');
            i += 1;
        } else {
            break;
        }
    }
    if i == start {
        return None;
    }
    s.parse().ok().map(|v| (v, i))
}

/// A number with Japanese multipliers: 「4万5千」「1,500万」「14万」「3億」. (value, next index).
fn compound_number(cs: &Chars<'_>, i: usize) -> Option<(f64, usize)> {
    let (mut cur, mut j) = plain_number(cs, i)?;
    let mut total = 0.0;
    let mut last_mult = f64::INFINITY;
    loop {
        match cs.at(j).and_then(multiplier) {
            Some(m) if m < last_mult && m >= 1e3 => {
                // 「4万5千」: 万 closes a group; digits may follow for the next group.
                total += cur * m;
                last_mult = m;
                j += 1;
                if let Some((v, k)) = plain_number(cs, j) {
                    // Only when another multiplier or a unit follows, or the digits are a tail
                    // of the group (「1万2000」).
                    cur = v;
                    j = k;
                    continue;
                }
                cur = 0.0;
                break;
            }
            _ => break,
        }
    }
    Some((total + cur, j))
}

/// A vague amount at `i`: 「数百万」「数千」「十数」「数十」「数」 followed by a unit. (value, next index).
fn vague_number(cs: &Chars<'_>, i: usize) -> Option<(f64, usize)> {
    let mut j = i;
    let mut value = 1.0;
    let mut saw_su = false;
    if cs.at(j) == Some('十') && cs.at(j + 1) == Some('数') {
        value = 15.0;
        j += 2;
        saw_su = true;
    } else if cs.at(j) == Some('数') {
        value = 3.0;
        j += 1;
        saw_su = true;
    }
    if !saw_su {
        return None;
    }
    // 「数百万」 = 数 × 百 × 万: small multipliers fall, 万 and 億 may follow them.
    let (mut last_small, mut last_big) = (f64::INFINITY, 1.0);
    while let Some(m) = cs.at(j).and_then(multiplier) {
        if m >= 1e4 {
            if m <= last_big {
                break;
            }
            last_big = m;
            last_small = f64::INFINITY;
        } else if m < last_small {
            last_small = m;
        } else {
            break;
        }
        value *= m;
        j += 1;
    }
    Some((value, j))
}

/// A kanji numeral such as 「二十」「三」 (only used before a strong counter). (value, next index).
fn kanji_number(cs: &Chars<'_>, i: usize) -> Option<(f64, usize)> {
    let mut j = i;
    let mut total = 0.0;
    let mut cur = 0.0;
    let mut any = false;
    while let Some(c) = cs.at(j) {
        if let Some(d) = kanji_digit(c) {
            cur = d as f64;
            any = true;
        } else if let Some(m) = multiplier(c) {
            if m >= 1e4 {
                total = (total + if cur == 0.0 { 1.0 } else { cur }) * m;
            } else {
                total += if cur == 0.0 { 1.0 } else { cur } * m;
            }
            cur = 0.0;
            any = true;
        } else {
            break;
        }
        j += 1;
    }
    any.then_some((total + cur, j))
}

/// The unit at char index `i`: (kind, text, factor, next index).
fn unit_at(cs: &Chars<'_>, i: usize) -> Option<(UnitKind, &'static str, f64, usize)> {
    // Only the units that start with the character at `i` (in the order of UNITS, so the
    // longest match, and the last among equally long ones, is the same as over all units).
    static BY_FIRST: LazyLock<HashMap<char, Vec<usize>>> = LazyLock::new(|| {
        let mut m: HashMap<char, Vec<usize>> = HashMap::new();
        for (k, (u, _, _)) in UNITS.iter().enumerate() {
            if let Some(c) = u.chars().next() {
                m.entry(c).or_default().push(k);
            }
        }
        m
    });
    let rest = cs.rest(i);
    BY_FIRST
        .get(&cs.at(i)?)?
        .iter()
        .map(|&k| &UNITS[k])
        .filter(|(u, _, _)| rest.starts_with(u))
        .max_by_key(|(u, _, _)| u.len())
        .map(|&(u, k, f)| (k, u, f, i + u.chars().count()))
}

fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | 'ー')
}

fn is_ascii_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

/// Find every figure in `text`. Ranges are byte ranges into `text`.
pub fn scan(text: &str) -> Vec<Figure> {
    let cs = Chars::new(text);
    let mut out: Vec<Figure> = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        let c = cs.at(i).unwrap_or(' ');
        let starts_digit = digit(c).is_some();
        let starts_vague = (c == '数' || (c == '十' && cs.at(i + 1) == Some('数')))
            && cs
                .at(i.wrapping_sub(1))
                .is_none_or(|p| p != '複' && p != '少');
        let starts_kanji = kanji_digit(c).is_some() || (c == '十' && !starts_vague);
        if !(starts_digit || starts_vague || starts_kanji) {
            i += 1;
            continue;
        }
        // A digit glued to a previous digit/letter was consumed or is an identifier.
        if starts_digit
            && i > 0
            && cs.at(i - 1).is_some_and(|p| {
                is_ascii_letter(p)
                    || p == '_'
                    || p == '-' && i >= 2 && cs.at(i - 2).is_some_and(is_ascii_letter)
            })
        {
            i = skip_digits(&cs, i);
            continue;
        }
        let parsed = if starts_digit {
            compound_number(&cs, i).map(|(v, j)| (v, j, false))
        } else if starts_vague {
            vague_number(&cs, i).map(|(v, j)| (v, j, true))
        } else {
            kanji_number(&cs, i).map(|(v, j)| (v, j, false))
        };
        let Some((value, j, vague)) = parsed else {
            i += 1;
            continue;
        };
        match figure_at(&cs, i, j, value, vague, starts_kanji) {
            Some((f, next)) => {
                out.push(f);
                i = next;
            }
            None => {
                i = j.max(i + 1);
            }
        }
    }
    merge_ranges(text, &mut out);
    out
}

fn skip_digits(cs: &Chars<'_>, mut i: usize) -> usize {
    while cs
        .at(i)
        .is_some_and(|c| digit(c).is_some() || matches!(c, '.' | '．' | ',' | '，'))
    {
        i += 1;
    }
    i
}

/// Build the figure whose number spans chars `i..j`; (figure, next char index).
fn figure_at(
    cs: &Chars<'_>,
    i: usize,
    j: usize,
    value: f64,
    vague: bool,
    kanji: bool,
) -> Option<(Figure, usize)> {
    let prev = if i > 0 { cs.at(i - 1) } else { None };
    // Ordinals: 「第2」「No.3」.
    if prev == Some('第') {
        return None;
    }
    let mut k = j;
    let mut value = value;
    let mut unit = Unit::None;
    let mut unit_text = String::new();
    let rest = cs.rest(j);
    if let Some((kind, text, factor, next)) = unit_at(cs, j) {
        k = next;
        unit_text = text.to_owned();
        value *= factor;
        unit = match kind {
            UnitKind::Count => Unit::Count(text.to_owned()),
            UnitKind::Percent => Unit::Percent,
            UnitKind::Points => Unit::Points,
            UnitKind::Duration => Unit::Duration,
            UnitKind::Money => Unit::Money,
            UnitKind::Ratio => Unit::Ratio,
            UnitKind::Data => Unit::Data { rate: false },
            UnitKind::DataRate => Unit::Data { rate: true },
        };
        // 「回」 of 「回答」「回復」「回線」, 「本」 of 「本番」「本社」, 「台」 of 「台帳」 …: not counters.
        let after = cs.at(k);
        let glued = match text {
            "回" => after.is_some_and(|c| "答復線収避転路帰覧".contains(c)),
            "本" => after.is_some_and(|c| "番社部店来格件日稼".contains(c)),
            "台" => after.is_some_and(|c| "帳風湾本".contains(c)),
            "通" => after.is_some_and(|c| "常知信過勤話販り".contains(c)),
            "行" => after.is_some_and(|c| "政動っいうわ".contains(c)),
            "口" => after.is_some_and(|c| "座頭コ".contains(c)),
            "局" => after.is_some_and(|c| "面所長".contains(c)),
            "課" => after.is_some_and(|c| "題長金税".contains(c)),
            "室" => after.is_some_and(|c| "長内".contains(c)),
            "名" => after.is_some_and(|c| "称前簿義".contains(c)),
            "個" => after.is_some_and(|c| "人別々所".contains(c)),
            "字" => after.is_some_and(|c| "幕".contains(c)),
            "便" => after.is_some_and(|c| "利宜乗".contains(c)),
            "割" => after.is_some_and(|c| "引り当合".contains(c)),
            "週" => after.is_some_and(|c| "末次".contains(c)),
            _ => false,
        };
        if glued {
            unit = Unit::None;
            unit_text.clear();
            value /= factor;
            k = j;
        }
    } else if rest.starts_with('年') && !rest.starts_with("年間") {
        // 「2024年」「令和6年」 are dates; 「3年」 is a duration.
        let b = cs.before(i);
        let era = ["令和", "平成", "昭和", "西暦"]
            .iter()
            .any(|e| b.ends_with(e));
        if era || (!kanji && (1000.0..3000.0).contains(&value) && value.fract() == 0.0) {
            unit = Unit::Date;
            unit_text = if rest.starts_with("年度") {
                "年度".into()
            } else {
                "年".into()
            };
            k = j + unit_text.chars().count();
        } else if value < 100.0 {
            unit = Unit::Duration;
            unit_text = "年".into();
            value *= 31_557_600.0;
            k = j + 1;
        }
    } else if rest.starts_with('月') {
        // 「11月」 is a date (「3か月」 was matched as a duration above).
        if value.fract() == 0.0 && (1.0..=12.0).contains(&value) {
            unit = Unit::Date;
            unit_text = "月".into();
            k = j + 1;
        }
    } else if rest.starts_with('日') && !rest.starts_with("日間") {
        // 「20日」 after a month is a date; otherwise a duration (「3日」).
        let b = cs.before(i).trim_end();
        if b.ends_with('月') && !b.ends_with("か月") && !b.ends_with("ヶ月") && !b.ends_with("カ月")
        {
            unit = Unit::Date;
        } else {
            unit = Unit::Duration;
            value *= 86400.0;
        }
        unit_text = "日".into();
        k = j + 1;
    } else if rest.starts_with('時') && !rest.starts_with("時間") {
        // A time of day: 「8時」「8時30分」「21時半」.
        let mut minutes = value * 60.0;
        let mut t = "時".to_owned();
        k = j + 1;
        if cs.at(k) == Some('半') {
            minutes += 30.0;
            t.push('半');
            k += 1;
        } else if let Some((m, k2)) = plain_number(cs, k)
            && cs.rest(k2).starts_with('分')
        {
            minutes += m;
            t = cs.text[cs.byte(j)..cs.byte(k2 + 1)].to_owned();
            k = k2 + 1;
        }
        unit = Unit::TimeOfDay;
        unit_text = t;
        value = minutes;
    } else if rest.starts_with("分の") {
        // 「3分の1」 is a fraction.
        let (num, next) = plain_number(cs, j + 2)
            .or_else(|| kanji_number(cs, j + 2))
            .unwrap_or((1.0, j + 2));
        unit = Unit::Ratio;
        unit_text = "分の".into();
        value = if value == 0.0 { 0.0 } else { num / value };
        k = next;
    } else if rest.starts_with('分') {
        unit = Unit::Duration;
        unit_text = "分".into();
        value *= 60.0;
        k = j + 1;
    } else if !kanji && !vague {
        // 「340セッション」: a katakana noun right after the number counts it.
        let kata: String = rest.chars().take_while(|c| is_katakana(*c)).collect();
        if kata.chars().count() >= 2 {
            k = j + kata.chars().count();
            unit = Unit::Count(kata.clone());
            unit_text = kata;
        }
    }
    // Kanji numerals only before a counter (「三つの案」 and 「一時的」 are not figures).
    if kanji && !matches!(unit, Unit::Count(_) | Unit::Ratio) {
        return None;
    }
    if kanji
        && matches!(&unit, Unit::Count(c) if matches!(c.as_str(), "回" | "本" | "行" | "通" | "口" | "個" | "段階" | "区分" | "部門" | "課" | "局" | "室" | "名" | "台"))
    {
        // 「一回」「一本化」「一行」「三段階」 read as words more often than as figures.
        return None;
    }
    if kanji && value == 1.0 && j == i + 1 && matches!(&unit, Unit::Count(c) if c == "人") {
        // 「一人で切り分けた」「一人ひとり」: a way of working, not a head count.
        return None;
    }
    if vague && matches!(unit, Unit::None | Unit::Date) {
        // 「数」 alone (「数多く」) is not a figure; 「数百万」 with no unit still is.
        if cs.before(j).ends_with('数') {
            return None;
        }
    }
    // 「つ」: 「3つの案」 is an enumeration, not a quantity.
    if cs.rest(k).starts_with('つ') && matches!(unit, Unit::None) {
        return None;
    }
    // Ordinals: 「2回目」「3件目」「1つ目」; enumerations 「(1)」「（2）」.
    if cs.rest(k).starts_with('目') && !matches!(unit, Unit::None | Unit::Date) {
        return None;
    }
    if matches!(prev, Some('(' | '（')) && matches!(cs.at(j), Some(')' | '）')) {
        return None;
    }
    // Compound durations: 「1時間40分」「3分30秒」「2日と6時間」 are one figure.
    if unit == Unit::Duration {
        let mut kk = k;
        while let Some((v, n)) = plain_number(cs, kk) {
            let r = cs.rest(n);
            let (f, len) = if r.starts_with("分") && !r.starts_with("分の") {
                (60.0, 1)
            } else if r.starts_with("秒") {
                (1.0, 1)
            } else {
                break;
            };
            let current = value;
            let smaller = f < unit_factor(&unit_text).max(60.0) || unit_text == "分" && f == 1.0;
            if !smaller {
                break;
            }
            value = current + v * f;
            kk = n + len;
            unit_text = cs.text[cs.byte(j)..cs.byte(kk)].to_owned();
        }
        k = kk;
    }
    // Prefixes.
    let before = cs.before(i);
    let mut start_byte = cs.byte(i);
    let mut bound = Bound::Exact;
    let mut average = false;
    for &(p, b, avg) in PREFIXES {
        if before.ends_with(p) {
            start_byte -= p.len();
            bound = b;
            average = avg;
            // 「平均約」 etc.: look once more for 平均 before 約.
            if !avg && cs.text[..start_byte].ends_with("平均") {
                start_byte -= "平均".len();
                average = true;
            }
            break;
        }
    }
    let core = cs.byte(i)..cs.byte(k);
    let mut end_char = k;
    let rest = cs.rest(k);
    for &(s, b) in SUFFIXES {
        if rest.starts_with(s) {
            end_char = k + s.chars().count();
            if bound == Bound::Exact || b != Bound::Approx {
                bound = b;
            }
            break;
        }
    }
    Some((
        Figure {
            span: start_byte..cs.byte(end_char),
            core,
            value,
            high: None,
            unit,
            unit_text,
            bound,
            average,
            vague,
        },
        end_char,
    ))
}

/// Merge 「2〜3分」「9時から18時まで」 into one figure with a range; a unitless first number takes
/// the second's unit.
fn merge_ranges(text: &str, figs: &mut Vec<Figure>) {
    let mut out: Vec<Figure> = Vec::with_capacity(figs.len());
    let mut i = 0;
    while i < figs.len() {
        if i + 1 < figs.len() {
            let (a, b) = (&figs[i], &figs[i + 1]);
            let between = &text[a.span.end..b.span.start];
            let tilde = matches!(between, "〜" | "～" | "~" | "－" | "-" | "ー");
            let until = between == "から"
                && (text[b.span.end..].starts_with("まで")
                    || matches!(a.unit, Unit::TimeOfDay) && matches!(b.unit, Unit::TimeOfDay));
            let units_fit = a.unit.same_as(&b.unit) || matches!(a.unit, Unit::None);
            if (tilde || until) && units_fit && b.value >= figure_value_in(a, b) {
                let mut m = b.clone();
                m.span = a.span.start..b.span.end;
                m.core = a.core.start..b.core.end;
                m.value = figure_value_in(a, b);
                m.high = Some(b.value);
                out.push(m);
                i += 2;
                continue;
            }
        }
        out.push(figs[i].clone());
        i += 1;
    }
    *figs = out;
}

/// The value of `a` in `b`'s unit (a unitless 「2」 of 「2〜3分」 means 2 minutes).
fn figure_value_in(a: &Figure, b: &Figure) -> f64 {
    if matches!(a.unit, Unit::None) {
        let scale = match &b.unit {
            Unit::Duration | Unit::Money | Unit::Data { .. } => unit_factor(&b.unit_text),
            Unit::TimeOfDay => 60.0,
            _ => 1.0,
        };
        a.value * scale
    } else {
        a.value
    }
}

fn unit_factor(unit_text: &str) -> f64 {
    UNITS
        .iter()
        .find(|(u, _, _)| *u == unit_text)
        .map(|&(_, _, f)| f)
        .unwrap_or(match unit_text {
            "分" => 60.0,
            "日" => 86400.0,
            "年" => 31_557_600.0,
            _ => 1.0,
        })
}

/// Figures in the prose of a document (headings, front matter, comments and code skipped), with
/// absolute byte ranges, in document order. Chapter numbers at the start of a prose line
/// (「1.1 概要」 when the heading parser did not catch it) are skipped too.
pub fn in_document(doc: &crate::document::Document<'_>) -> Vec<Figure> {
    let mut out = Vec::new();
    for p in &doc.paragraphs {
        let para = &doc.text[p.clone()];
        let mut line_start = 0;
        for line in para.split_inclusive('\n') {
            let skip = chapter_prefix(line);
            let base = p.start + line_start + skip;
            for mut f in scan(&line[skip..]) {
                f.span = f.span.start + base..f.span.end + base;
                f.core = f.core.start + base..f.core.end + base;
                out.push(f);
            }
            line_start += line.len();
        }
    }
    out
}

/// The quantities of `text` (figures that are neither dates nor bare numbers, chapter numbers
/// at line starts skipped): what the 「定量情報」 checks count — C002, E005, E006, E008, C003 and
/// the score. Ranges are byte ranges into `text`.
pub fn quantities(text: &str) -> Vec<Range<usize>> {
    figures_where(text, |f, _| f.is_quantity())
}

/// The measured values of `text`: figures written with digits that are neither dates nor vague
/// — quantities and bare numbers (「平均は3.2から4.1に」), but not 「数回」「二人で」. What backs an
/// evaluation (E006, E008): a grader wants the measured value, not a rough amount.
pub fn measured(text: &str) -> Vec<Range<usize>> {
    figures_where(text, |f, scanned| {
        f.unit != Unit::Date
            && !f.vague
            && scanned[f.core.clone()]
                .chars()
                .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    })
}

/// The spans of the figures of `text` that `keep` accepts (it sees each figure with the line it
/// was found in), chapter numbers at line starts skipped.
fn figures_where(text: &str, keep: impl Fn(&Figure, &str) -> bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let skip = chapter_prefix(line);
        let base = line_start + skip;
        let scanned = &line[skip..];
        out.extend(
            scan(scanned)
                .into_iter()
                .filter(|f| keep(f, scanned))
                .map(|f| f.span.start + base..f.span.end + base),
        );
        line_start += line.len();
    }
    out
}

/// Byte length of a chapter number at the start of a line: 「1.」「1.1」「２．３」 followed by a space
/// or a non-digit, or an enumerator 「(1)」「1)」. Zero when there is none.
pub fn chapter_prefix(line: &str) -> usize {
    let t = line.trim_start_matches([' ', '　', '\t']);
    let lead = line.len() - t.len();
    let mut n = 0;
    let mut groups = 0;
    let mut chars = t.char_indices().peekable();
    // (1) / （1）
    if let Some(&(_, c)) = chars.peek()
        && matches!(c, '(' | '（')
    {
        let inner: String = t[c.len_utf8()..]
            .chars()
            .take_while(|c| digit(*c).is_some())
            .collect();
        if !inner.is_empty() {
            let after = &t[c.len_utf8() + inner.len()..];
            if let Some(close) = after.chars().next().filter(|c| matches!(c, ')' | '）')) {
                return lead + c.len_utf8() + inner.len() + close.len_utf8();
            }
        }
        return 0;
    }
    loop {
        let mut digits = 0;
        while let Some(&(i, c)) = chars.peek() {
            if digit(c).is_some() {
                digits += 1;
                n = i + c.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        if digits == 0 || digits > 2 {
            return 0;
        }
        groups += 1;
        match chars.peek() {
            Some(&(i, c)) if matches!(c, '.' | '．') => {
                n = i + c.len_utf8();
                chars.next();
                if chars.peek().is_none_or(|&(_, c)| digit(c).is_none()) {
                    return lead + n;
                }
            }
            Some(&(i, c)) if matches!(c, ')' | '）') && groups == 1 => {
                return lead + i + c.len_utf8();
            }
            Some(&(_, c)) if groups >= 2 && (c == ' ' || c == '　' || !c.is_ascii()) => {
                return lead + n;
            }
            _ => return 0,
        }
    }
}

/// Change verbs after a before → after pair.
const CHANGE_VERBS: &[&str] = &[
    "短縮",
    "削減",
    "減少",
    "低下",
    "減っ",
    "減ら",
    "減り",
    "下が",
    "下げ",
    "抑え",
    "縮小",
    "改善",
    "向上",
    "増加",
    "増え",
    "増や",
    "上が",
    "上げ",
    "拡大",
    "延び",
    "延長",
    "伸び",
    "悪化",
    "増大",
    "変更",
    "見直",
    "引き上げ",
    "引き下げ",
    "落ち着",
    "なっ",
    "なり",
    "なる",
    "推移",
    "増強",
    "移行",
    "変わ",
];

/// Before → after pairs among `figs` (sorted, from one sentence `text`, ranges relative to `text`):
/// 「AからBに/へ」「AからB（verb）」「A→B」. Ranges (「9時から18時まで」) are not changes.
pub fn changes(text: &str, figs: &[Figure]) -> Vec<Change> {
    let mut out = Vec::new();
    for i in 0..figs.len() {
        let a = &figs[i];
        if !a.is_quantity() && !matches!(a.unit, Unit::None) {
            continue;
        }
        let after_a = &text[a.span.end..];
        let sep = ["から", "→", "⇒", "より"]
            .iter()
            .find(|s| after_a.starts_with(**s))
            .copied();
        // 「導入前の48分から導入後の半年で21分に」: a few words may sit between the pair.
        let Some(sep) = sep else { continue };
        let Some(j) = (i + 1..figs.len()).find(|&j| {
            let b = &figs[j];
            let gap = &text[a.span.end + sep.len()..b.span.start];
            gap.chars().count() <= 16
                && !gap.contains('。')
                && !gap.contains('、')
                && !gap.contains('，')
                && (b.unit.same_as(&a.unit) || matches!(a.unit, Unit::None))
        }) else {
            continue;
        };
        let b = &figs[j];
        let tail = &text[b.span.end..];
        if tail.starts_with("まで") && sep == "から" {
            continue;
        }
        let tail = tail
            .strip_prefix("に")
            .or_else(|| tail.strip_prefix("へと"))
            .or_else(|| tail.strip_prefix("へ"))
            .or_else(|| tail.strip_prefix("まで"))
            .unwrap_or(tail);
        let tail_off = text.len() - tail.len();
        let verb = CHANGE_VERBS
            .iter()
            .filter_map(|v| tail.find(v).filter(|&p| p <= 12).map(|p| (p, *v)))
            .min();
        let ok = verb.is_some() || sep != "から" || text[b.span.end..].starts_with(['に', 'へ']);
        if !ok {
            continue;
        }
        let (verb, verb_span) = match verb {
            Some((p, v)) => (v.to_owned(), Some(tail_off + p..tail_off + p + v.len())),
            None => (String::new(), None),
        };
        out.push(Change {
            from: i,
            to: j,
            verb,
            verb_span,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_at_tries_all_units_that_fit() {
        // Every unit, alone and followed by each other unit: the same choice as a search of
        // the whole list (longest match, the last of equally long ones).
        let all = |rest: &str| {
            UNITS
                .iter()
                .filter(|(u, _, _)| rest.starts_with(u))
                .max_by_key(|(u, _, _)| u.len())
                .map(|&(u, k, f)| (k, u, f, u.chars().count()))
        };
        for (u, _, _) in UNITS {
            for (v, _, _) in UNITS
                .iter()
                .chain([&("", UnitKind::Count, 1.0), &("x", UnitKind::Count, 1.0)])
            {
                let t = format!("{u}{v}");
                assert_eq!(unit_at(&Chars::new(&t), 0), all(&t), "{t}");
            }
        }
        assert_eq!(unit_at(&Chars::new(""), 0), None);
    }

    fn one(t: &str) -> Figure {
        let f = scan(t);
        assert_eq!(f.len(), 1, "{t}: {f:?}");
        f.into_iter().next().unwrap()
    }

    #[test]
    fn values_units_and_bounds() {
        let f = one("約30万件");
        assert_eq!((f.value, f.bound), (300_000.0, Bound::Approx));
        assert_eq!(f.unit, Unit::Count("件".into()));
        let f = one("10万人以上");
        assert_eq!((f.value, f.bound), (100_000.0, Bound::AtLeast));
        let f = one("約3万2千世帯");
        assert_eq!(f.value, 32_000.0);
        let f = one("月平均約4万5千件");
        assert_eq!(f.value, 45_000.0);
        assert!(f.average);
        let f = one("約1,500万円");
        assert_eq!((f.value, f.unit.clone()), (15_000_000.0, Unit::Money));
        let f = one("１，２００件");
        assert_eq!(f.value, 1200.0);
        let f = one("99.9％");
        assert_eq!((f.value, f.unit.clone()), (99.9, Unit::Percent));
        let f = one("９９．９%");
        assert_eq!(f.value, 99.9);
        let f = one("約10ヶ所");
        assert_eq!(f.unit, Unit::Count("ヶ所".into()));
        assert!(f.unit.same_as(&Unit::Count("か所".into())));
        let f = one("数百万");
        assert!(f.vague);
        assert_eq!(f.value, 300.0 * 10_000.0);
        let f = one("十数件");
        assert!(f.vague);
        let f = one("4時間以内");
        assert_eq!((f.value, f.bound), (4.0 * 3600.0, Bound::AtMost));
        let f = one("1.5倍");
        assert_eq!((f.value, f.unit.clone()), (1.5, Unit::Ratio));
        let f = one("3か月");
        assert_eq!(f.unit, Unit::Duration);
        let f = one("二十件");
        assert_eq!(f.value, 20.0);
        let f = one("約340セッション");
        assert_eq!(f.unit, Unit::Count("セッション".into()));
        let f = one("3分の1");
        assert_eq!(f.unit, Unit::Ratio);
        let f = one("7割");
        assert_eq!((f.value, f.unit.clone()), (70.0, Unit::Percent));
    }

    #[test]
    fn ranges_and_times() {
        let f = one("9時から18時まで");
        assert_eq!((f.value, f.high), (540.0, Some(1080.0)));
        assert_eq!(f.unit, Unit::TimeOfDay);
        let f = one("2〜3分");
        assert_eq!((f.value, f.high), (120.0, Some(180.0)));
        let f = one("1時間40分");
        assert_eq!(f.value, 6000.0);
        let f = one("8時30分頃");
        assert_eq!(f.value, 510.0);
    }

    #[test]
    fn not_figures() {
        assert!(scan("三つの案を比較した").is_empty());
        assert!(scan("一時的に停止した").is_empty());
        assert!(scan("第2段階で").is_empty());
        assert!(scan("2回目の会議").is_empty());
        assert!(scan("P95で").is_empty());
        assert!(scan("(1) 段階的なリリース").is_empty());
        assert!(scan("回答に3日").iter().all(|f| f.unit == Unit::Duration));
        assert!(scan("数多くの").is_empty());
        let d = scan("2024年11月20日");
        assert!(d.iter().all(|f| f.unit == Unit::Date), "{d:?}");
        assert_eq!(chapter_prefix("1.1 ITサービスの概要"), 3);
        assert_eq!(chapter_prefix("2. 施策"), 2);
        assert_eq!(chapter_prefix("1．ITサービス"), "1．".len());
        assert_eq!(chapter_prefix("(1) 段階的"), 3);
        assert_eq!(chapter_prefix("99.9%の稼働率"), 0);
        assert_eq!(chapter_prefix("3件の障害"), 0);
    }

    #[test]
    fn before_after_pairs() {
        let t = "平均復旧時間は導入前の48分から導入後の半年で21分に短縮した。";
        let f = scan(t);
        let c = changes(t, &f);
        assert_eq!(c.len(), 1, "{f:?}");
        assert_eq!(c[0].verb, "短縮");
        let t = "受付時間は平日の9時から17時までである。";
        let f = scan(t);
        assert!(changes(t, &f).is_empty());
        let t = "月42件から19件に減少した";
        let f = scan(t);
        assert_eq!(changes(t, &f).len(), 1);
    }

    #[test]
    fn quantities_as_candidates_write_them() {
        // Issue 13's corpus: every way of writing a figure counts once; chapter numbers do not.
        let q = |t: &str| -> Vec<String> {
            quantities(t).into_iter().map(|r| t[r].to_owned()).collect()
        };
        assert_eq!(q("約30万件の問合せ"), ["約30万件"]);
        assert_eq!(q("10万人以上の会員"), ["10万人以上"]);
        assert_eq!(q("数百万件の記録"), ["数百万件"]);
        assert_eq!(q("約10ヶ所と約10カ所"), ["約10ヶ所", "約10カ所"]);
        assert_eq!(q("9時から18時まで"), ["9時から18時"]);
        assert_eq!(q("1.1 ITサービスの概要\n2. 課題"), Vec::<String>::new());
        assert_eq!(
            q("一人で切り分け、一人ひとりに説明した"),
            Vec::<String>::new()
        );
        assert_eq!(q("二人で確認した"), ["二人"]);
        // Bare numbers are measured values, not quantities; rough amounts are neither measured
        // values nor, for an evaluation, evidence.
        assert_eq!(measured("平均は3.2から4.1に上がった").len(), 2);
        assert!(quantities("平均は3.2から4.1に上がった").is_empty());
        assert!(measured("月に数回あり、二人で確認した").is_empty());
        assert_eq!(quantities("月に数回あり、二人で確認した").len(), 2);
    }
}
