//! Cross-sentence figure checks on the fact model ([`super::facts`]): contradictions between
//! statements of the same quantity, periods that do not match their claim, per-occurrence counts
//! that cannot fit a period's total, and breakdowns that do not add up across sentences.
//!
//! Each function returns plain findings (the facts involved and a Japanese explanation); the lint
//! rules N002, N004, N005 and N006 report them and the score cites them.
//!
//! Traps kept quiet on purpose: figures for different quantities that merely share a unit (no
//! shared distinctive word or occasion), a baseline restated as the start of its own change, a
//! forecast or target next to its result, and rates stated per different periods.

use super::facts::{Fact, Facts, Period, Role};
use super::figures::{Bound, Unit};

/// How many earlier *facts* (figure statements of [`Facts::facts`], not bytes nor characters)
/// [`contradictions`] looks back over for a statement a figure contradicts.
///
/// Why a count of facts and not a part or a section: N004's defect is a value stated in one part
/// and restated differently in another (設問ア's 「4月は約2,100件」 against 設問ウ's 「改善前の4月は
/// 約1,600件」), so the search must cross parts; and it is a count, not a text length, so how many
/// bytes a Japanese character takes never changes what is compared. An essay of the exam's
/// length (at most 3,600 characters in all parts) holds well under 200 figures, so this never
/// cuts a real search short; it bounds a pathological input (a megabyte of figures) to linear
/// work instead of quadratic.
const LOOKBACK_FACTS: usize = 1024;

/// The facts of each clause, so that "another figure in the same clause" is a lookup instead of a
/// scan of every fact of the document.
struct Clauses(std::collections::HashMap<(usize, usize), Vec<usize>>);

impl Clauses {
    fn of(fs: &[Fact]) -> Self {
        let mut map: std::collections::HashMap<(usize, usize), Vec<usize>> =
            std::collections::HashMap::new();
        for (i, f) in fs.iter().enumerate() {
            map.entry((f.clause.start, f.clause.end))
                .or_default()
                .push(i);
        }
        Clauses(map)
    }

    /// The facts in `f`'s clause, `f` itself excluded.
    fn mates<'a>(&'a self, fs: &'a [Fact], f: &'a Fact) -> impl Iterator<Item = &'a Fact> + 'a {
        self.0
            .get(&(f.clause.start, f.clause.end))
            .into_iter()
            .flatten()
            .map(move |&i| &fs[i])
            .filter(move |o| !std::ptr::eq(*o, f))
    }
}

/// One inconsistency between facts (indices into [`Facts::facts`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Inconsistency {
    /// The fact the finding points at (the later one).
    pub at: usize,
    /// The fact it conflicts with.
    pub other: Option<usize>,
    /// More facts involved (the components of a sum).
    pub also: Vec<usize>,
    pub message: String,
}

fn shown(text: &str, f: &Fact) -> String {
    text[f.figure.span.clone()].to_owned()
}

fn part_name(f: &Fact) -> String {
    f.part
        .map(|p| format!("設問{p}"))
        .unwrap_or_else(|| "本文".into())
}

/// The same quantity stated with different values: a baseline (「改善前の4月は約1,600件」) that
/// contradicts the earlier statement of the state (「4月は約2,100件に達する」), or a scale figure
/// (customers, staff, stores) given twice with different values.
pub fn contradictions(text: &str, facts: &Facts) -> Vec<Inconsistency> {
    let fs = &facts.facts;
    let clauses = Clauses::of(fs);
    let mut out = Vec::new();
    for (j, b) in fs.iter().enumerate() {
        if !b.comparable() {
            continue;
        }
        // 「4台のうち1台」: a figure that is a subset of another in its own clause is not a
        // restatement of the whole.
        if clauses.mates(fs, b).any(|o| {
            let (lo, hi) = if o.figure.span.start < b.figure.span.start {
                (o.figure.span.end, b.figure.span.start)
            } else {
                (b.figure.span.end, o.figure.span.start)
            };
            o.comparable()
                && o.figure.unit.same_as(&b.figure.unit)
                && text.get(lo..hi).is_some_and(|between| {
                    ["うち", "中", "のみ"].iter().any(|w| between.contains(w))
                })
        }) {
            continue;
        }
        if is_window(text, &clauses, fs, b) {
            continue;
        }
        let scale = is_scale(b);
        if !(b.role == Role::Before || scale && b.role == Role::State) {
            continue;
        }
        let hit = fs[..j]
            .iter()
            .enumerate()
            .rev()
            .take(LOOKBACK_FACTS)
            .find(|(i, a)| {
                a.comparable()
                && a.sentence != b.sentence
                && b.pair != Some(*i)
                && matches!(a.role, Role::State | Role::Before)
                && (!scale || b.role == Role::Before || is_scale(a) && a.head == b.head)
                && a.pair.is_none_or(|p| fs[p].role == Role::After && a.role == Role::Before)
                // A baseline is not measured over the sentence's window (「導入後の半年間に…約25件から」).
                && (b.role == Role::Before || a.window.is_none() == b.window.is_none())
                && b.restates(a)
                && !a.figure.agrees_with(&b.figure)
                // A limit (「1時間以内に終わらない」) is not a measured value: another value of the
                // same quantity is not a contradiction of it.
                && bounded(a) == bounded(b)
                // 「95%から71%に落ちた」: a change that ends at the earlier state starts elsewhere.
                && b.pair.is_none_or(|p| !fs[p].figure.agrees_with(&a.figure))
                // 「30分程度の訓練」 and 「障害では約40分間」: a figure that qualifies a noun
                // counts that noun; the other statement must be about it too.
                && !is_window(text, &clauses, fs, a)
                && attributive(text, a).is_none_or(|w| mentions(b, &w))
                && attributive(text, b).is_none_or(|w| mentions(a, &w))
                // A restatement off by more than half is another group (「顧客約300社」 and
                // 「顧客12社から依頼が届いた」), not a slip.
                && ratio(a.figure.value, b.figure.value) <= 2.0
            });
        if let Some((i, a)) = hit {
            // A different value for a sub-group (「4月と9月」) is still a different quantity when
            // either statement compares with a third figure in the same clause.
            out.push(Inconsistency {
                at: j,
                other: Some(i),
                also: Vec::new(),
                message: format!(
                    "{}では「{}」、{}では「{}」と、同じ数値が食い違っています",
                    part_name(a),
                    shown(text, a),
                    part_name(b),
                    shown(text, b)
                ),
            });
        }
    }
    out
}

/// A duration that is the window of another figure of its clause (「約40分間に約1,300件の問合せ」):
/// it says over how long the other was counted, not how long something took.
fn is_window(text: &str, clauses: &Clauses, fs: &[Fact], f: &Fact) -> bool {
    let rest = text.get(f.figure.span.end..).unwrap_or("");
    let shown = &text[f.figure.span.clone()];
    (rest.starts_with("間に")
        || rest.starts_with("の間に")
        || shown.ends_with('間') && rest.starts_with('に'))
        && clauses
            .mates(fs, f)
            .any(|o| o.figure.span.start > f.figure.span.end && o.comparable())
        && f.figure.unit == Unit::Duration
}

/// A figure written as a limit (「以内」「以上」「未満」「まで」…), not as a measured value.
fn bounded(f: &Fact) -> bool {
    matches!(f.figure.bound, Bound::AtLeast | Bound::AtMost)
}

/// The noun a figure qualifies directly (「30分程度の訓練」 → 訓練), when it does.
fn attributive(text: &str, f: &Fact) -> Option<String> {
    let rest = text.get(f.figure.span.end..)?.strip_prefix('の')?;
    let word =
        |c: char| matches!(c, '\u{4E00}'..='\u{9FFF}' | '々' | '\u{30A1}'..='\u{30FA}' | 'ー');
    let end = rest
        .char_indices()
        .find(|(_, c)| !word(*c))
        .map_or(rest.len(), |(i, _)| i);
    (rest[..end].chars().count() >= 2).then(|| rest[..end].to_owned())
}

/// Whether `w` is among the words of `f`'s clause (one containing the other).
fn mentions(f: &Fact, w: &str) -> bool {
    f.words
        .iter()
        .any(|v| v.contains(w) || w.contains(v.as_str()))
}

/// Counts of people, organisations, stores or equipment: the scale of a service, which does not
/// change between the parts of one essay unless a change is written.
fn is_scale(f: &Fact) -> bool {
    let counter = matches!(&f.figure.unit, Unit::Count(c) if matches!(c.as_str(), "人" | "名" | "社" | "店舗" | "店" | "拠点" | "世帯" | "施設" | "床" | "台"));
    let head = f.head.as_deref().unwrap_or("");
    let population = [
        "顧客",
        "利用者",
        "会員",
        "職員",
        "社員",
        "従業員",
        "店舗",
        "拠点",
        "契約",
        "受講者",
        "学生",
        "教員",
        "患者",
        "ユーザ",
        "世帯",
        "加盟店",
        "取引先",
        "病床",
        "オペレータ",
        "荷主",
    ]
    .iter()
    .any(|w| head.contains(w));
    counter && population && f.period.is_none() && f.pair.is_none()
}

/// Periods that do not match their claim:
/// - a result per year (「年12件から年5件」) measured over a shorter window (「導入後3か月」);
/// - a total adding a one-time amount and a per-period amount (「約1,500万円」+「年間約300万円」=「合計約1,800万円」);
/// - a before → after pair whose two values are per different periods (「四半期120件から月14件」).
pub fn period_mismatches(text: &str, facts: &Facts) -> Vec<Inconsistency> {
    let fs = &facts.facts;
    let mut out = Vec::new();
    for (i, f) in fs.iter().enumerate() {
        if !f.comparable() {
            continue;
        }
        if let (Some(p), Some(w)) = (f.period, f.window)
            && f.role == Role::After
            && p.days().is_some_and(|d| w < d * 0.75)
        {
            out.push(Inconsistency {
                at: i,
                other: None,
                also: Vec::new(),
                message: format!(
                    "約{}日の実績を「{}」（{}）の数値で示しています。期間が合いません",
                    w.round(),
                    shown(text, f),
                    p.name()
                ),
            });
        }
    }
    for &(a, b, _, _) in &facts.changes {
        let (fa, fb) = (&fs[a], &fs[b]);
        // 「月1回から週1回に」 changes a frequency: there the period is the point.
        let frequency = matches!(&fa.figure.unit, Unit::Count(c) if c == "回");
        if let (Some(pa), Some(pb)) = (fa.period, fb.period)
            && pa != pb
            && !frequency
        {
            out.push(Inconsistency {
                at: b,
                other: Some(a),
                also: Vec::new(),
                message: format!(
                    "「{}」（{}）と「{}」（{}）を比べています。同じ期間の数値で比べてください",
                    shown(text, fa),
                    pa.name(),
                    shown(text, fb),
                    pb.name()
                ),
            });
        }
    }
    for (i, t) in fs.iter().enumerate() {
        if t.role != Role::Total || !t.comparable() {
            continue;
        }
        let comps: Vec<usize> = candidates(fs, i, 2);
        if comps.len() < 2 {
            continue;
        }
        // Find a subset of consecutive components ending right before the total whose sum is it.
        for start in 0..comps.len() - 1 {
            let set = &comps[start..];
            let sum: f64 = set.iter().map(|&k| fs[k].figure.value).sum();
            if !close(sum, t.figure.value, t.figure.is_rough()) {
                continue;
            }
            let periods: Vec<Option<Period>> = set.iter().map(|&k| fs[k].period).collect();
            if periods.iter().any(|p| *p != periods[0]) {
                out.push(Inconsistency {
                    at: i,
                    other: None,
                    also: set.to_vec(),
                    message: format!(
                        "「{}」は、期間の異なる数値（{}）を合算しています",
                        shown(text, t),
                        set.iter()
                            .map(|&k| match fs[k].period {
                                Some(p) => format!("{}は{}", shown(text, &fs[k]), p.name()),
                                None => format!("{}は一時", shown(text, &fs[k])),
                            })
                            .collect::<Vec<_>>()
                            .join("、")
                    ),
                });
            }
            break;
        }
    }
    out
}

/// Facts with the same unit as `fs[i]` in its sentence and the `back` sentences before it,
/// before it in the text, that are plain amounts (not markers, not dates).
fn candidates(fs: &[Fact], i: usize, back: usize) -> Vec<usize> {
    let t = &fs[i];
    (0..i)
        .filter(|&k| {
            let f = &fs[k];
            f.comparable()
                && f.figure.unit.same_as(&t.figure.unit)
                && f.sentence + back >= t.sentence
                && f.part == t.part
                && f.role != Role::Total
        })
        .collect()
}

fn ratio(a: f64, b: f64) -> f64 {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    if lo <= 0.0 { f64::INFINITY } else { hi / lo }
}

fn close(a: f64, b: f64, rough: bool) -> bool {
    let m = a.abs().max(b.abs());
    m == 0.0 || (a - b).abs() <= if rough { 0.06 } else { 0.01 } * m
}

/// Breakdowns across sentences that do not add up: a total 「過去1年間に6回停止し」 followed by
/// 「原因は、…が2回、…が2回、…が1回であった」 (5 ≠ 6), or components that exceed the total.
pub fn breakdown_mismatches(text: &str, facts: &Facts, sentences: &[&str]) -> Vec<Inconsistency> {
    let fs = &facts.facts;
    let mut out = Vec::new();
    // The opener of each sentence, looked for once (several facts share a next sentence).
    let mut openers: Vec<Option<Option<usize>>> = vec![None; sentences.len()];
    for (i, t) in fs.iter().enumerate() {
        if !t.comparable() || t.figure.is_rough() && t.figure.high.is_some() {
            continue;
        }
        // The next sentence lists the breakdown: it opens with 「内訳は」「原因は」「そのうち」 and lists
        // ≥ 2 figures of the unit, each followed by が/、/と (「…が2回、…が2回」).
        let next = t.sentence + 1;
        let Some(st) = sentences.get(next) else {
            continue;
        };
        let opener = *openers[next].get_or_insert_with(|| {
            [
                "内訳は",
                "原因は",
                "内訳を見ると",
                "そのうち",
                "うち、",
                "うち，",
            ]
            .iter()
            .filter_map(|w| st.find(w))
            .min()
        });
        let Some(opener) = opener else { continue };
        if opener > 3 * 12 && !st.contains("の原因は") && !st.contains("の内訳は") {
            continue;
        }
        if t.pair.is_some() || t.figure.value < 2.0 {
            continue;
        }
        let next_facts: Vec<usize> = (i + 1..fs.len())
            .take_while(|&k| fs[k].sentence <= next)
            .filter(|&k| fs[k].sentence == next)
            .collect();
        let comps: Vec<usize> = next_facts
            .iter()
            .copied()
            .filter(|&k| {
                let f = &fs[k];
                f.comparable()
                    && f.figure.unit.same_as(&t.figure.unit)
                    && f.period == t.period
                    && f.pair.is_none()
                    && text[f.figure.span.end..].starts_with(['が', '、', '，', 'と', 'で'])
            })
            .collect();
        if comps.len() < 2 {
            continue;
        }
        // 「約1,800件に減り、そのうち…126件」: a figure of the unit with its own 「のうち」 in that
        // sentence is the total this breakdown belongs to.
        if next_facts.iter().any(|&k| {
            let f = &fs[k];
            f.figure.unit.same_as(&t.figure.unit)
                && !comps.contains(&k)
                && text[f.figure.span.end..].starts_with("のうち")
        }) {
            continue;
        }
        // The total must be about the same thing as the breakdown's sentence.
        if !comps.iter().any(|&k| fs[k].same_quantity(t))
            && !st.contains("内訳")
            && !st.contains("原因")
        {
            continue;
        }
        let sum: f64 = comps.iter().map(|&k| fs[k].figure.value).sum();
        let full = st.contains("内訳") || st.contains("原因は");
        let bad = if full {
            !close(
                sum,
                t.figure.value,
                t.figure.is_rough() || comps.iter().any(|&k| fs[k].figure.is_rough()),
            )
        } else {
            sum > t.figure.value * 1.06
        };
        if bad {
            out.push(Inconsistency {
                at: comps[comps.len() - 1],
                other: Some(i),
                also: comps.clone(),
                message: format!(
                    "内訳（{}）の和は{}で、「{}」と合いません",
                    comps
                        .iter()
                        .map(|&k| shown(text, &fs[k]))
                        .collect::<Vec<_>>()
                        .join("、"),
                    fmt_value(sum, &t.figure.unit, &t.figure.unit_text),
                    shown(text, t)
                ),
            });
        }
    }
    out
}

/// A total after an enumeration across sentences that does not add up: 「一つ目は…年間約1,100万円の
/// 削減となる。」「二つ目は…約600万円」「三つ目は…約400万円」 and then 「これら三つの削減策によって、
/// 合計で年間約2,500万円」 (2,100 ≠ 2,500). Items are opened by an ordinal at the sentence start
/// (一つ目 / 二つ目 … / 第一に …), at most 12 sentences before the total and in the same part; each
/// item's first figure of the total's unit and period is its amount. Every item must have one.
pub fn enumerated_total_mismatches(
    text: &str,
    facts: &Facts,
    sentences: &[&str],
) -> Vec<Inconsistency> {
    const ORDINALS: [[&str; 3]; 5] = [
        ["一つ目", "1つ目", "第一に"],
        ["二つ目", "2つ目", "第二に"],
        ["三つ目", "3つ目", "第三に"],
        ["四つ目", "4つ目", "第四に"],
        ["五つ目", "5つ目", "第五に"],
    ];
    let ordinal = |st: &str| {
        let head: String = st.chars().take(6).collect();
        ORDINALS
            .iter()
            .position(|os| os.iter().any(|o| head.contains(o)))
    };
    let fs = &facts.facts;
    let mut out = Vec::new();
    for (i, t) in fs.iter().enumerate() {
        if !t.comparable() || t.pair.is_some() {
            continue;
        }
        let st = sentences.get(t.sentence).copied().unwrap_or("");
        let lead = &text[t.clause.start.min(t.figure.span.start)..t.figure.span.start];
        let in_sentence_lead = text[..t.figure.span.start]
            .char_indices()
            .rev()
            .take(12)
            .map(|(k, _)| k)
            .last()
            .map_or("", |k| &text[k..t.figure.span.start]);
        if !["合計", "合わせて", "総額"]
            .iter()
            .any(|w| lead.contains(w) || in_sentence_lead.contains(w))
        {
            continue;
        }
        // Item openers: walk back from the total's sentence.
        let mut opens: Vec<(usize, usize)> = Vec::new(); // (ordinal index, sentence)
        for k in (t.sentence.saturating_sub(12)..t.sentence).rev() {
            if let Some(o) = ordinal(sentences[k]) {
                opens.push((o, k));
                if o == 0 {
                    break;
                }
            }
        }
        opens.reverse();
        // 一つ目, 二つ目, … in order, starting at the first.
        if opens.len() < 2 || opens.iter().enumerate().any(|(n, &(o, _))| o != n) {
            continue;
        }
        if st.contains("のうち") {
            continue;
        }
        let mut amounts = Vec::new();
        for (n, &(_, from)) in opens.iter().enumerate() {
            let to = opens.get(n + 1).map_or(t.sentence, |&(_, k)| k);
            let first = fs.iter().position(|f| {
                (from..to).contains(&f.sentence)
                    && f.part == t.part
                    && f.comparable()
                    && f.pair.is_none()
                    && f.figure.unit.same_as(&t.figure.unit)
                    && f.period == t.period
            });
            match first {
                Some(k) => amounts.push(k),
                None => break,
            }
        }
        if amounts.len() != opens.len() {
            continue;
        }
        let sum: f64 = amounts.iter().map(|&k| fs[k].figure.value).sum();
        let rough = t.figure.is_rough() || amounts.iter().any(|&k| fs[k].figure.is_rough());
        if !close(sum, t.figure.value, rough) {
            let written = shown(text, t);
            let (scale, unit) = if written.contains("億円") {
                (100_000_000.0, "億円")
            } else if written.contains("万円") {
                (10_000.0, "万円")
            } else {
                (1.0, "円")
            };
            let sum_text = if matches!(t.figure.unit, Unit::Money) {
                format!("{}{unit}", group(sum / scale))
            } else {
                fmt_value(sum, &t.figure.unit, &t.figure.unit_text)
            };
            out.push(Inconsistency {
                at: i,
                other: amounts.first().copied(),
                also: amounts.clone(),
                message: format!(
                    "列挙した{}つの数値（{}）の和は{}で、合計の「{}」と合いません",
                    amounts.len(),
                    amounts
                        .iter()
                        .map(|&k| shown(text, &fs[k]))
                        .collect::<Vec<_>>()
                        .join("、"),
                    sum_text,
                    shown(text, t)
                ),
            });
        }
    }
    out
}

/// A value with thousands separators (「2,100」), one decimal when it has a fraction.
fn group(v: f64) -> String {
    if v.fract().abs() > 1e-9 {
        return format!("{v:.1}");
    }
    let out = crate::text::thousands(v.abs() as usize);
    if v < 0.0 { format!("-{out}") } else { out }
}

fn fmt_value(v: f64, unit: &Unit, unit_text: &str) -> String {
    let n = match unit {
        Unit::Count(_) | Unit::Percent | Unit::Ratio | Unit::None => v,
        _ => return format!("{v}"),
    };
    if n.fract() == 0.0 {
        format!("{}{unit_text}", n as i64)
    } else {
        format!("{n:.1}{unit_text}")
    }
}

/// Per-occurrence counts that cannot fit a period's total: 「CABは毎週開催」「毎回約50件を審議」 against
/// 「変更は月80件」 (about 4.3 meetings × 50 = 215 ≫ 80).
pub fn rate_mismatches(text: &str, facts: &Facts, sentences: &[&str]) -> Vec<Inconsistency> {
    let fs = &facts.facts;
    let mut out = Vec::new();
    // Meetings per month: 「週1回」「月2回」「毎週」.
    let mut freq: Option<(f64, usize)> = None;
    for (i, f) in fs.iter().enumerate() {
        if let Unit::Count(c) = &f.figure.unit
            && c == "回"
            && let Some(p) = f.period
            && let Some(d) = p.days()
        {
            let st = sentences.get(f.sentence).copied().unwrap_or("");
            if [
                "会議",
                "委員会",
                "CAB",
                "審議",
                "定例",
                "レビュー",
                "ミーティング",
                "開催",
                "打合せ",
            ]
            .iter()
            .any(|w| st.contains(w))
            {
                freq = Some((f.figure.value * 30.4 / d, i));
            }
        }
    }
    let Some((per_month, fi)) = freq else {
        return out;
    };
    for (i, per) in fs.iter().enumerate() {
        // The state after a measure (「約20件から約8件に減り」) is compared with totals that the
        // measure changed too; only plain and before values are checked.
        if per.period != Some(Period::Occurrence) || !per.comparable() || per.role == Role::After {
            continue;
        }
        let total = fs.iter().enumerate().find(|(_, t)| {
            t.comparable()
                && t.figure.unit.same_as(&per.figure.unit)
                && t.period.is_some_and(|p| p.days().is_some())
                && t.same_quantity_loose(per)
        });
        let Some((ti, t)) = total else { continue };
        let Some(d) = t.period.and_then(Period::days) else {
            continue;
        };
        let monthly = t.figure.value * 30.4 / d;
        let expected = per_month * per.figure.value;
        if monthly > 0.0 && (expected > monthly * 2.0 || expected < monthly * 0.5) {
            out.push(Inconsistency {
                at: i,
                other: Some(ti),
                also: vec![fi],
                message: format!(
                    "月に約{:.0}回×「{}」は月約{:.0}件で、「{}」（月約{:.0}件）と合いません",
                    per_month,
                    shown(text, per),
                    expected,
                    shown(text, t),
                    monthly
                ),
            });
        }
    }
    out
}

impl Fact {
    /// Like [`Fact::same_quantity`] but across periods (a per-meeting count and a monthly total).
    pub fn same_quantity_loose(&self, other: &Fact) -> bool {
        let mut a = self.clone();
        a.period = other.period;
        a.figure.average = other.figure.average;
        a.same_quantity(other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Kind};

    fn run(t: &str) -> (Vec<String>, Vec<String>, Vec<String>, Vec<String>) {
        let d = Document::parse(t, Some(Kind::Essay));
        let f = Facts::of(&d);
        let ss: Vec<&str> = d.sentences.iter().map(|s| d.sentence_text(s)).collect();
        let m = |v: Vec<Inconsistency>| v.into_iter().map(|x| x.message).collect::<Vec<_>>();
        (
            m(contradictions(t, f)),
            m(period_mismatches(t, f)),
            m(breakdown_mismatches(t, f, &ss)),
            m(rate_mismatches(t, f, &ss)),
        )
    }

    /// The look-back counts facts: a baseline contradicts a state written thousands of bytes of
    /// Japanese prose (three bytes a character) earlier, in another part.
    #[test]
    fn the_look_back_counts_facts_not_text() {
        let filler = "利用者の声を聞き、運用の手順を見直した。".repeat(120);
        let t = format!(
            "## 設問ア\n4月の問合せは約2,100件に達する。\n{filler}\n## 設問ウ\n改善前の4月の問合せは約1,600件であった。\n"
        );
        assert!(t.len() > 3 * LOOKBACK_FACTS && t.chars().count() > LOOKBACK_FACTS);
        let (c, ..) = run(&t);
        assert_eq!(c.len(), 1, "{c:?}");
        assert!(c[0].contains("約2,100件") && c[0].contains("約1,600件"));
    }

    #[test]
    fn baseline_contradicts_the_state() {
        let (c, ..) = run(
            "## 設問ア\n問合せは月平均約600件であるが、4月は約2,100件に達する。\n## 設問ウ\n翌年度の4月の問合せは約1,150件であった。改善前の4月は約1,600件であったので約28％の削減となった。\n",
        );
        assert_eq!(c.len(), 1, "{c:?}");
        assert!(c[0].contains("約2,100件") && c[0].contains("約1,600件"));
        let (c, ..) = run(
            "## 設問ア\n照会画面の表示に平均8秒掛かり、苦情が出ていた。\n## 設問ウ\n見直し前は平均6秒かかっていた照会が短縮された。\n",
        );
        assert_eq!(c.len(), 1, "{c:?}");
    }

    #[test]
    fn quantities_that_share_a_unit_are_not_compared() {
        // Trap: the same unit, different quantities.
        let (c, ..) = run(
            "## 設問ア\n問合せは月平均約600件である。FAQは30件ある。\n## 設問ウ\n改善前のFAQの閲覧は約1,600件であった。導入前の問合せは月平均約600件であった。\n",
        );
        assert!(c.is_empty(), "{c:?}");
        let (c, ..) =
            run("## 設問ア\n顧客は約4,800社である。\n## 設問ウ\n顧客5,200社に展開した。\n");
        assert_eq!(c.len(), 1, "{c:?}");
    }

    #[test]
    fn periods() {
        let (_, p, ..) = run("導入後3か月で、障害は年12件から年5件に減った。");
        assert_eq!(p.len(), 1, "{p:?}");
        let (_, p, ..) = run(
            "費用は機器の追加で約1,500万円、保守契約の変更で年間約300万円の増加となり、合計で約1,800万円であった。",
        );
        assert_eq!(p.len(), 1, "{p:?}");
        let (_, p, ..) = run(
            "導入後1年で、障害は年12件から年5件に減った。費用は約1,500万円と約300万円で、合計で約1,800万円であった。",
        );
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn breakdowns_and_rates() {
        let (_, _, b, _) = run(
            "過去1年間にシステムは6回停止した。原因は、ディスクの故障が2回、スイッチの故障が2回、不具合が1回であった。",
        );
        assert_eq!(b.len(), 1, "{b:?}");
        let (_, _, b, _) = run(
            "過去1年間にシステムは6回停止した。原因は、ディスクの故障が2回、スイッチの故障が2回、不具合が2回であった。",
        );
        assert!(b.is_empty(), "{b:?}");
        let (.., r) = run("変更は月80件ある。CABは毎週1回開催し、毎回約50件の変更を審議する。");
        assert_eq!(r.len(), 1, "{r:?}");
        let (.., r) = run("変更は月80件ある。CABは毎週1回開催し、毎回約20件の変更を審議する。");
        assert!(r.is_empty(), "{r:?}");
    }
}
