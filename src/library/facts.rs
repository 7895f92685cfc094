//! The fact model of a case (`quantities:` in `cases/*.yaml`) and the load-time check that every
//! module variant and essay sentence of the case agrees with it.
//!
//! A quantity is a figure with a unit and, for a rate, a period (「変更要求 月80件」「顧客 5社」
//! 「CABの議題 1回あたり約20件」); a fixed choice names words that contradict it (the backup
//! method 「外付けストレージ」 → never 「テープ」). Texts refer to a quantity by its words; wherever a
//! figure is written right next to one of them (「月80件の変更要求」「変更要求は月80件」「顧客5社」)
//! it must be the model's figure — converted when the period differs (月80件 = 年960件) — unless
//! it is plainly another state (a value reached after a measure: 「…に減った」「…まで」). A count
//! of things (no period) may be written smaller for a subset (「顧客1社」) but never larger. The
//! check reads the raw YAML text, so errors point at the figure with file:line:column.
//!
//! It also rejects collocations that read as a translation (「顧客の5社」 for 「顧客5社」).

use super::{Case, FileReport, Module, error_report};
use regex::Regex;

/// A figure written next to a quantity's words that contradicts the model.
#[derive(Debug, Clone, PartialEq)]
struct Finding {
    /// Byte range of the offending phrase in the checked text.
    range: std::ops::Range<usize>,
    message: String,
}

fn number(s: &str) -> Option<f64> {
    let (s, scale) = match s.strip_suffix('万') {
        Some(rest) => (rest, 10_000.0),
        None => (s, 1.0),
    };
    let t: String = s
        .chars()
        .filter_map(|c| match c {
            '0'..='9' | '.' => Some(c),
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '．' => Some('.'),
            _ => None,
        })
        .collect();
    t.parse::<f64>().ok().map(|n| n * scale)
}

/// Days in a period word, for comparing 月80件 with 年960件.
fn days(per: &str) -> Option<f64> {
    match per.trim_start_matches('1').trim_start_matches('毎') {
        "日" => Some(1.0),
        "週" => Some(7.0),
        "月" => Some(365.0 / 12.0),
        "四半期" => Some(365.0 / 4.0),
        "半年" => Some(365.0 / 2.0),
        "年" => Some(365.0),
        _ => None,
    }
}

const NUM: &str = r"[0-9０-９][0-9０-９,，.．]*万?";
/// Words that put a figure on a period: 「月」「年」「1日」「週」「四半期」「半年」「毎月」.
const PERIOD: &str = r"(?:1日|毎日|毎週|毎月|毎年|毎回|1回あたり|四半期|半年|日|週|月|年)";
/// A figure that is a state reached after a measure or a limit, not the case's baseline.
const AFTER: &[&str] = &[
    "に減",
    "に短縮",
    "に抑",
    "に下が",
    "に増",
    "に伸",
    "に延",
    "に改善",
    "になっ",
    "となっ",
    "まで",
    "以内",
    "以下",
    "以上",
    "未満",
    "超",
    "を超",
    "に縮",
    "へ減",
    "へ増",
    "に半減",
];

thread_local! {
    /// Patterns compiled once per thread: the same quantity words are checked in every field of
    /// every module, and compiling them again for each field made loading the library slow.
    static PATTERNS: std::cell::RefCell<std::collections::HashMap<String, Option<Regex>>> =
        std::cell::RefCell::default();
}

/// `pattern` compiled (once per thread), or `None` when it does not compile.
fn compiled(pattern: &str) -> Option<Regex> {
    PATTERNS.with(|cache| {
        cache
            .borrow_mut()
            .entry(pattern.to_owned())
            .or_insert_with(|| Regex::new(pattern).ok())
            .clone()
    })
}

/// Check `text` (one field or file) against the case's quantities. `text` may hold template
/// expressions (`{{ c.x }}`); they are blanked out before the check so spans stay exact.
fn findings(case: &Case, text: &str) -> Vec<Finding> {
    let masked = mask_templates(text);
    let mut out = Vec::new();
    for q in &case.quantities {
        for w in &q.never {
            for (at, _) in masked.match_indices(w.as_str()) {
                out.push(Finding {
                    range: at..at + w.len(),
                    message: format!(
                        "事例 `{}` の事実（{}）と食い違う語「{w}」があります。事例では「{}」です",
                        case.id,
                        q.words.first().map_or("", String::as_str),
                        q.says.as_deref().unwrap_or("別の方式")
                    ),
                });
            }
        }
        let (Some(value), Some(unit)) = (q.value.as_deref(), q.unit.as_deref()) else {
            continue;
        };
        let Some(model) = number(value) else { continue };
        let unit = regex::escape(unit);
        for word in &q.words {
            // Most texts do not mention most quantities: skip before any regex work.
            if !masked.contains(word.as_str()) {
                continue;
            }
            let w = regex::escape(word);
            // 「月80件の変更要求」「約50件の議題」 / 「変更要求は月80件」「顧客5社」 / 「顧客の5社」.
            let patterns = [
                format!(r"(?P<per>{PERIOD})?(?:約|平均|およそ)?(?P<n>{NUM}){unit}の{w}"),
                format!(
                    r"{w}(?:は|が|も|の数は|の件数は)?(?:(?P<per>{PERIOD})(?:平均)?)?(?:約|平均|およそ)?(?P<n>{NUM}){unit}"
                ),
            ];
            for (pi, pat) in patterns.iter().enumerate() {
                let Some(re) = compiled(pat) else { continue };
                for c in re.captures_iter(&masked) {
                    let (Some(m), Some(n)) = (c.get(0), c.name("n")) else {
                        continue;
                    };
                    // Part of a longer word (「新規顧客5社」 is another count than 「顧客」,
                    // 「月12件の変更起因障害」 another than 「変更」).
                    if pi == 1 && word_continues_before(&masked, m.start()) {
                        continue;
                    }
                    if pi == 0 && word_continues_after(&masked, m.end()) {
                        continue;
                    }
                    // A total over a span (「過去2年間の変更約1,500件」) is not a rate.
                    let lead: String = masked[..m.start()]
                        .chars()
                        .rev()
                        .take_while(|c| *c != '。')
                        .take(14)
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev()
                        .collect();
                    if ["過去", "間の", "間で", "累計", "合計", "延べ"]
                        .iter()
                        .any(|w| lead.contains(w))
                    {
                        continue;
                    }
                    // The word is part of a longer word of another quantity (「当番へ転送される
                    // アラート」 is another count than 「アラート」).
                    let word_at = if pi == 0 {
                        m.end() - word.len()
                    } else {
                        m.start()
                    };
                    if covered_by_longer(case, q, word, &masked, word_at) {
                        continue;
                    }
                    let rest = &masked[m.end()..];
                    if AFTER.iter().any(|a| rest.starts_with(a)) {
                        continue;
                    }
                    let Some(written) = number(n.as_str()) else {
                        continue;
                    };
                    let per = c.name("per").map(|p| p.as_str());
                    let expected = match (q.per.as_deref(), per) {
                        (Some(model_per), Some(text_per)) => {
                            match (days(model_per), days(text_per)) {
                                (Some(a), Some(b)) => model * b / a,
                                _ => model,
                            }
                        }
                        // A count written without its period is an episode's count, not the rate.
                        (Some(_), None) => continue,
                        _ => model,
                    };
                    let tolerance = if per.is_some() && per != q.per.as_deref() {
                        0.1
                    } else {
                        0.0
                    };
                    let fits = (written - expected).abs() <= expected.abs() * tolerance + 1e-9
                        || (q.subset && written < expected);
                    if !fits {
                        out.push(Finding {
                            range: m.range(),
                            message: format!(
                                "「{}」は事例 `{}` の事実と合いません。{}は{}{}{}です（cases/{}.yaml の quantities: {}）",
                                m.as_str(),
                                case.id,
                                word,
                                q.per.as_deref().unwrap_or(""),
                                value,
                                q.unit.as_deref().unwrap_or(""),
                                case.id,
                                q.id
                            ),
                        });
                    }
                }
            }
            // 「顧客の5社」 reads as a translation: 「顧客5社」.
            if q.direct
                && let Some(re) = compiled(&format!(r"{w}の(?:{NUM}){unit}"))
            {
                for m in re.find_iter(&masked) {
                    if word_continues_before(&masked, m.start()) {
                        continue;
                    }
                    out.push(Finding {
                        range: m.range(),
                        message: format!(
                            "「{}」は不自然な言い方です。「{}」のように書きます",
                            m.as_str(),
                            m.as_str().replacen('の', "", 1)
                        ),
                    });
                }
            }
        }
    }
    out.sort_by_key(|f| (f.range.start, f.range.end));
    out.dedup_by(|a, b| a.range == b.range);
    out
}

/// Whether `word` at `at` sits inside an occurrence of a longer word of another quantity.
fn covered_by_longer(case: &Case, q: &super::Quantity, word: &str, text: &str, at: usize) -> bool {
    case.quantities
        .iter()
        .filter(|o| o.id != q.id)
        .flat_map(|o| o.words.iter())
        .filter(|w2| w2.len() > word.len())
        .filter_map(|w2| w2.find(word).map(|off| (w2, off)))
        .any(|(w2, off)| {
            at >= off
                && text
                    .get(at - off..)
                    .is_some_and(|s| s.starts_with(w2.as_str()))
        })
}

/// Whether the character before `at` continues a kanji/katakana word (so the match is the tail
/// of a longer word).
fn word_continues_before(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_some_and(|c| matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{30a1}'..='\u{30fa}' | 'ー'))
}

/// Whether the character at `at` continues the word just matched (a longer compound).
fn word_continues_after(text: &str, at: usize) -> bool {
    text[at..]
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{30a1}'..='\u{30fa}' | 'ー'))
}

/// `{{ … }}` and `{% … %}` replaced by spaces of the same byte length.
fn mask_templates(text: &str) -> String {
    let mut out = text.to_owned();
    let mut from = 0;
    while let Some(i) = out[from..].find(['{']) {
        let at = from + i;
        let close = match out[at..].chars().nth(1) {
            Some('{') => "}}",
            Some('%') => "%}",
            _ => {
                from = at + 1;
                continue;
            }
        };
        let Some(j) = out[at..].find(close) else {
            break;
        };
        let end = at + j + close.len();
        out.replace_range(at..end, &" ".repeat(end - at));
        from = end;
    }
    out
}

/// Report findings of `field` (a text inside `file`) at their place in the file: the field is
/// searched for from `anchor` on (the variant or the theme entry it belongs to).
fn report(
    path: &str,
    file: &str,
    anchor: usize,
    field: &str,
    found: Vec<Finding>,
    errors: &mut Vec<FileReport>,
) {
    // Where the field itself starts in the file: its first characters after the anchor.
    let head: String = field.chars().take(24).collect();
    let field_at = file[anchor..]
        .find(head.as_str())
        .map(|s| anchor + s)
        .or_else(|| file.find(head.as_str()));
    for f in found {
        let snippet = &field[f.range.clone()];
        // The text before the snippet in the field, as a prefix to skip in the file.
        let span = field_at
            .and_then(|at| {
                let before: String = field[..f.range.start]
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                let skip = before.chars().count();
                // Walk `skip` non-blank characters from the field's start in the file.
                let mut n = 0;
                let mut pos = at;
                for (i, c) in file[at..].char_indices() {
                    if n == skip {
                        pos = at + i;
                        break;
                    }
                    if !c.is_whitespace() {
                        n += 1;
                    }
                }
                file[pos..].starts_with(snippet).then_some(pos)
            })
            .or_else(|| file[anchor..].find(snippet).map(|s| anchor + s))
            .or_else(|| file.find(snippet))
            .map(|s| s..s + snippet.len());
        let dup = errors.iter().any(|r| {
            r.path == path
                && r.diagnostics
                    .first()
                    .is_some_and(|d| d.span == span && d.message == f.message)
        });
        if !dup {
            errors.push(error_report(path, file, span, f.message));
        }
    }
}

/// The case file: the model is well formed (unique ascii ids, parseable figures, parts that fit
/// their total, actors introduced by a phrase ending in their name) and the case's own essay
/// sentences and facts agree with it.
pub(super) fn check_case(case: &Case, path: &str, file: &str, errors: &mut Vec<FileReport>) {
    let mut seen = std::collections::BTreeSet::new();
    for q in &case.quantities {
        let at = file
            .find(&format!("id: {}", q.id))
            .map(|s| s + 4..s + 4 + q.id.len());
        let mut bad = |msg: String| errors.push(error_report(path, file, at.clone(), msg));
        if !seen.insert(q.id.as_str()) {
            bad(format!("quantities: id `{}` が2回あります", q.id));
        }
        if q.id.is_empty()
            || !q
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            bad(format!(
                "quantities: id `{}` は英小文字・数字・_ で書いてください（モジュールから {{{{ q.ID }}}} で使います）",
                q.id
            ));
        }
        if q.words.is_empty() {
            bad(format!("quantities.{}: words が空です", q.id));
        }
        match (&q.value, &q.unit) {
            (Some(v), Some(_)) if number(v).is_none() => bad(format!(
                "quantities.{}: value「{v}」が数値ではありません",
                q.id
            )),
            (Some(_), None) => bad(format!("quantities.{}: value には unit が必要です", q.id)),
            (None, _) if q.never.is_empty() => bad(format!(
                "quantities.{}: value（数量）か never（食い違う語）のどちらかが必要です",
                q.id
            )),
            _ => {}
        }
        if !q.parts.is_empty() {
            let total = q.value.as_deref().and_then(number).unwrap_or(f64::INFINITY);
            let mut sum = 0.0;
            for p in &q.parts {
                match case.quantities.iter().find(|x| &x.id == p) {
                    Some(x) if x.unit == q.unit && x.per == q.per => {
                        sum += x.value.as_deref().and_then(number).unwrap_or(0.0)
                    }
                    Some(_) => bad(format!(
                        "quantities.{}: 内訳 `{p}` の単位か期間が合計と違います",
                        q.id
                    )),
                    None => bad(format!("quantities.{}: 内訳 `{p}` がありません", q.id)),
                }
            }
            if sum > total + 1e-9 {
                bad(format!(
                    "quantities.{}: 内訳の合計 {sum} が全体 {total} を超えています",
                    q.id
                ));
            }
        }
    }
    for (name, intro) in &case.actors {
        if !intro.ends_with(name.as_str()) || intro.trim() == name {
            let at = file.find(&format!("{name}:")).map(|s| s..s + name.len());
            errors.push(error_report(
                path,
                file,
                at,
                format!("actors.{name}: 紹介の句は「インフラ運用を委託している{name}」のように、説明のあとに{name}で終えてください"),
            ));
        }
    }
    for (key, v) in &case.facts {
        let anchor = file.find(&format!("{key}:")).unwrap_or(0);
        report(path, file, anchor, v, findings(case, v), errors);
    }
    for p in &case.problems {
        report(path, file, 0, &p.text, findings(case, &p.text), errors);
    }
    if let Some(essay) = &case.essay {
        for alts in &essay.overview {
            for s in alts {
                report(path, file, 0, s, findings(case, s), errors);
            }
        }
        let entries = essay.themes.iter().flat_map(|(theme, e)| {
            std::iter::once((theme, e)).chain(e.alt.values().map(move |a| (theme, a)))
        });
        for (theme, e) in entries {
            let anchor = file.find(&format!("\n    {theme}:")).unwrap_or(0);
            let fields = [
                e.focus.as_deref(),
                Some(e.situation.as_str()),
                Some(e.problem.as_str()),
                Some(e.impact.as_str()),
                Some(e.challenge.as_str()),
                e.reason.as_deref(),
                Some(e.alternative.as_str()),
                Some(e.target.as_str()),
                Some(e.resources.as_str()),
                e.support_link.as_deref(),
                Some(e.viewpoint.as_str()),
                e.rollout.as_deref(),
                Some(e.result.as_str()),
                Some(e.evaluation.as_str()),
                Some(e.setback.as_str()),
            ];
            for f in fields
                .into_iter()
                .flatten()
                .chain(e.issues.iter().map(String::as_str))
            {
                report(path, file, anchor, f, findings(case, f), errors);
            }
        }
    }
}

/// Every text of `module`'s variants for `case` (angles included) against the case's model.
pub(super) fn check_module(
    case: &Case,
    module: &Module,
    path: &str,
    file: &str,
    errors: &mut Vec<FileReport>,
) {
    for v in module.variants.iter().filter(|v| v.case == case.id) {
        let anchor = file.find(&format!("case: {}", v.case)).unwrap_or(0);
        let mut fields: Vec<&str> = vec![
            &v.action,
            &v.problem,
            &v.decision,
            &v.ingenuity,
            &v.example,
            &v.before,
            &v.after,
            &v.remaining,
        ];
        fields.extend(v.background.as_deref());
        for a in v.angles.values() {
            fields.extend(
                [
                    &a.action,
                    &a.problem,
                    &a.background,
                    &a.decision,
                    &a.ingenuity,
                    &a.example,
                    &a.before,
                    &a.after,
                    &a.remaining,
                ]
                .into_iter()
                .flatten()
                .map(String::as_str),
            );
        }
        for f in fields {
            report(path, file, anchor, f, findings(case, f), errors);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case() -> Case {
        serde_saphyr::from_str(
            r#"
id: t
name: t
summary: t
facts: {}
quantities:
  - id: changes
    words: [変更要求]
    value: "80"
    unit: 件
    per: 月
  - id: cab_items
    words: [議題]
    value: "20"
    unit: 件
    per: 毎回
  - id: customers
    words: [顧客]
    value: "5"
    unit: 社
    subset: true
    direct: true
  - id: backup
    words: [バックアップ]
    says: 外付けストレージ
    never: [テープ]
"#,
        )
        .unwrap()
    }

    fn messages(text: &str) -> Vec<String> {
        findings(&case(), text)
            .into_iter()
            .map(|f| text[f.range].to_owned())
            .collect()
    }

    #[test]
    fn figures_that_contradict_the_model_are_found() {
        assert_eq!(
            messages("月80件の変更要求を審議した。"),
            Vec::<String>::new()
        );
        assert_eq!(messages("年960件の変更要求がある。"), Vec::<String>::new());
        assert_eq!(
            messages("月50件の変更要求を審議した。"),
            ["月50件の変更要求"]
        );
        assert_eq!(
            messages("その夜は12件の変更要求を受けた。"),
            Vec::<String>::new()
        );
        assert_eq!(
            messages("CABは毎回約50件の議題を扱う。"),
            ["毎回約50件の議題"]
        );
        assert_eq!(messages("変更要求は月60件に減った。"), Vec::<String>::new());
        assert_eq!(messages("顧客5社と顧客1社。"), Vec::<String>::new());
        assert_eq!(messages("顧客7社から苦情。"), ["顧客7社"]);
        assert_eq!(messages("顧客の5社へ告知した。"), ["顧客の5社"]);
        assert_eq!(messages("新規顧客7社を得た。"), Vec::<String>::new());
        assert_eq!(messages("年12件の変更起因障害。"), Vec::<String>::new());
        assert_eq!(
            messages("過去2年間の変更要求約1,500件を集計した。"),
            Vec::<String>::new()
        );
        assert_eq!(messages("毎日テープに取得する。"), ["テープ"]);
        // Template expressions are not text.
        assert_eq!(messages("{{ q.changes }}の変更要求"), Vec::<String>::new());
    }
}
