//! Every rule's documented examples run (issue 10 and 13): each 「誤:」 example fires the rule
//! and each 「正:」 example does not. The examples are read from the registry's explanation texts
//! — what `itsm explain CODE` prints — so the documentation cannot drift from the behaviour.
//!
//! The format, under a rule's `## 例` and `## 誤検知しないもの` (see docs/architecture.md):
//! - `誤: 「…」` and `正: 「…」` lines (a leading `- ` and indentation allowed), one example per
//!   quote; several quotes on one line (「…」または「…」) are each an example; a quote inside
//!   （…） is a remark, not an example; `\n` in a quote is a line break;
//! - `誤（モジュール）:` / `正（論文）:` lint the example as that kind;
//! - `問題文: 「…」` is the pasted question the examples answer (E013);
//! - any other line (`前提: …`, the traps' descriptions) is prose for the reader.
//!
//! A quoted example is linted alone, as a module when the rule judges modules only and as an
//! essay otherwise. A rule that judges a whole text (a 設問 part, the module format, the
//! decision, the figures) has a carrier here instead: a complete, clean text with one slot `{}`
//! for the example, so that only the example decides. Only the rule's own findings count.

use crate::fixtures::{S1, S2, S3, S4, S5, S6, S7, S8, S9};
use itsm::exam::question::Question;
use itsm::library::Library;
use itsm::lint::registry::RULES;
use itsm::lint::{self, Kind, Rule, Scope, Settings, Vocabulary};
use std::sync::OnceLock;

/// Rules whose examples cannot run as a short text, with the reason and where they are tested.
const NOT_RUNNABLE: &[(&str, &str)] = &[(
    "E004",
    "its examples are parts of hundreds of characters; the limits are tested in tests/it/count.rs",
)];

fn vocab() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| Vocabulary::from_library(&Library::embedded().expect("library loads")))
}

/// One documented example.
#[derive(Debug)]
struct Example {
    /// 誤 (must fire) or 正 (must not).
    wrong: bool,
    /// The kind the line asks for (`正（モジュール）:`).
    kind: Option<Kind>,
    text: String,
}

/// The examples of one rule.
#[derive(Debug, Default)]
struct Examples {
    list: Vec<Example>,
    question: Option<String>,
}

/// The top-level 「…」 quotes of a line (nested 「」 kept inside), with `\n` turned into a line
/// break; quotes inside a （…） remark are left out.
fn quotes(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut depth, mut paren) = (0usize, 0usize);
    let mut cur = String::new();
    for c in line.chars() {
        match c {
            '（' if depth == 0 => paren += 1,
            '）' if depth == 0 => paren = paren.saturating_sub(1),
            '「' => {
                if depth > 0 {
                    cur.push(c);
                }
                depth += 1;
            }
            '」' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    if paren == 0 {
                        out.push(cur.replace("\\n", "\n"));
                    }
                    cur.clear();
                } else {
                    cur.push(c);
                }
            }
            _ if depth > 0 => cur.push(c),
            _ => {}
        }
    }
    out
}

fn examples(rule: &Rule) -> Examples {
    let text = rule.explanation_text();
    let mut ex = Examples::default();
    let mut in_examples = false;
    for line in text.lines() {
        let t = line.trim();
        if let Some(h) = t.strip_prefix("## ") {
            in_examples = matches!(h, "例" | "誤検知しないもの");
            continue;
        }
        if !in_examples {
            continue;
        }
        let t = t.strip_prefix("- ").unwrap_or(t);
        if let Some(rest) = t.strip_prefix("問題文:") {
            ex.question = quotes(rest).into_iter().next();
            continue;
        }
        let wrong = match t.chars().next() {
            Some('誤') => true,
            Some('正') => false,
            _ => continue,
        };
        let rest = &t['誤'.len_utf8()..];
        let (kind, rest) = if let Some(r) = rest.strip_prefix("（モジュール）") {
            (Some(Kind::Module), r)
        } else if let Some(r) = rest.strip_prefix("（論文）") {
            (Some(Kind::Essay), r)
        } else {
            (None, rest)
        };
        let Some(rest) = rest.strip_prefix(':') else {
            continue;
        };
        for q in quotes(rest) {
            ex.list.push(Example {
                wrong,
                kind,
                text: q,
            });
        }
    }
    ex
}

/// A clean essay with one slot: `part` is the part the slot replaces ('ア', 'イ' or 'ウ'),
/// `around` what the slot keeps before and after it in that part.
fn essay_slot(part: char, before: &str, after: &str) -> String {
    let parts = [
        (
            'ア',
            "A社は、個人投資家向けの取引サービスを提供している。利用者は約12万名で、稼働率99.9%を事業部門と合意している。私は運用課長である。",
        ),
        (
            'イ',
            "私は、障害の切り分け手順を見直すと判断し、運用課長の合意を得た。工夫した点は、過去の障害記録を分類して手順書に反映した点である。",
        ),
        (
            'ウ',
            "平均復旧時間は60分から35分に短縮した。今後の課題は、夜間の要員の育成である。",
        ),
    ];
    let mut out = String::new();
    for (label, body) in parts {
        out.push_str(&format!("## 設問{label}\n"));
        if label == part {
            out.push_str(&format!("{before}{{}}{after}\n\n"));
        } else {
            out.push_str(&format!("{body}\n\n"));
        }
    }
    out
}

/// Where the examples of a rule that judges a whole text go (`{}` is the slot).
fn carrier(code: &str) -> Option<(Kind, String)> {
    let m = |sentences: &[&str]| (Kind::Module, sentences.concat());
    Some(match code {
        // The module format: the example replaces the element the rule looks for.
        "F001" | "F002" | "F003" | "F017" => m(&["{}", S2, S3, S4, S5, S6, S7, S8, S9]),
        "F004" | "F005" | "F006" => m(&[S1, "{}", S3, S4, S5, S6, S7, S8, S9]),
        "F007" => m(&[S1, S2, S3, S4, "{}", S6, S7, S8, S9]),
        // F016: the first sentence of the example (the one that opens with 「具体的には」).
        "F008" | "F016" => m(&[S1, S2, S3, S4, S5, "{}", S7, S8, S9]),
        // The example holds the reason and the ingenuity, in some order.
        "F009" => m(&[S1, "{}", S3, S4, S6, S7, S8, S9]),
        // The example holds the reason and what follows it, up to the ingenuity.
        "F014" => m(&[S1, "{}", S6, S3, S4, S7, S8, S9]),
        // About 320 characters before the example.
        "F010" => m(&[S1, S2, S5, "{}"]),
        // 1,581 characters before the example (the module and a repeated part of it).
        "F013" => m(&[
            S1, S2, S3, S4, S5, S6, S7, S8, S9, S3, S4, S7, S6, S3, S4, S7, S6, S8, S9, S3, S7, S8,
            S8, "{}",
        ]),
        // A module without a decision: the example is the decision sentence.
        "C001" => m(&[S1, S2, S3, "{}", S5, S6, S7, S8, S9]),
        // The closing sentence of the module (its result).
        "C007" => m(&[S1, S2, S5, S6, S3, S4, S7, S8, "{}"]),
        // A sentence of the example, before its last (the result).
        "F015" => m(&[S1, S2, S5, S6, S3, S4, S7, S8, "{}", S9]),
        // The example is the whole 具体例.
        "C002" | "C003" => m(&[S1, S2, S3, S4, S5, "{}"]),
        "E005" => (Kind::Essay, essay_slot('ア', "", "")),
        "E006" | "E008" => (
            Kind::Essay,
            essay_slot('ウ', "", "今後の課題は、夜間の要員の育成である。"),
        ),
        "E007" => (
            Kind::Essay,
            essay_slot('ウ', "平均復旧時間は60分から35分に短縮した。", ""),
        ),
        "E012" | "E013" => (Kind::Essay, essay_slot('イ', "", "")),
        "E009" => (
            Kind::Essay,
            "## 設問ア\nA社は取引サービスを提供している。変更の承認待ちが平均40日に及ぶことが課題であった。\n\n\
             ## 設問イ\n{}\n\n## 設問ウ\n承認待ちの日数は平均40日から3日になった。今後の課題は、夜間の要員の育成である。\n"
                .to_owned(),
        ),
        // An essay that names its theme; the rest says nothing about any theme.
        "E010" => (
            Kind::Essay,
            "---\ntheme: change\n---\n## 設問ア\nA社は、個人投資家向けの取引サービスを提供している。利用者は約12万名である。\n\n\
             ## 設問イ\n{}\n\n## 設問ウ\n施策の効果を毎月の会議で確かめた。今後の課題は、要員の育成である。\n"
                .to_owned(),
        ),
        _ => return None,
    })
}

/// The findings of `rule` on `example` (placed in the rule's carrier, if it has one).
fn findings(rule: &Rule, example: &Example, question: Option<&str>) -> (String, Vec<String>) {
    let alone = example.kind.unwrap_or(if rule.scope == Scope::Module {
        Kind::Module
    } else {
        Kind::Essay
    });
    let (kind, text) = match carrier(rule.code) {
        Some((kind, c)) if example.kind.is_none() => {
            assert_eq!(c.matches("{}").count(), 1, "{}: one slot", rule.code);
            (kind, c.replace("{}", &example.text))
        }
        _ => (alone, example.text.clone()),
    };
    let settings = Settings {
        kind: Some(kind),
        question: question
            .map(|q| Question::parse(q).unwrap_or_else(|e| panic!("{}: 問題文: {e}", rule.code))),
        ..Default::default()
    };
    let report = lint::lint_text("example.md", &text, vocab(), &settings);
    let found = report
        .diagnostics
        .iter()
        .filter(|d| d.code == rule.code)
        .map(|d| {
            let at = d.span.clone().map(|s| &text[s]).unwrap_or("<file>");
            format!("「{at}」 {}", d.message)
        })
        .collect();
    (text, found)
}

#[test]
fn every_rule_documents_runnable_examples_and_they_hold() {
    let mut failures = Vec::new();
    for rule in RULES.iter().copied() {
        let ex = examples(rule);
        if let Some((_, why)) = NOT_RUNNABLE.iter().find(|(c, _)| *c == rule.code) {
            assert!(!why.is_empty());
            continue;
        }
        let wrong = ex.list.iter().filter(|e| e.wrong).count();
        if wrong == 0 || wrong == ex.list.len() {
            failures.push(format!(
                "{}: `## 例` needs at least one quoted 「誤:」 and one 「正:」 example (found {wrong} and {})",
                rule.code,
                ex.list.len() - wrong
            ));
            continue;
        }
        let q = ex.question.as_deref();
        for e in &ex.list {
            let (text, found) = findings(rule, e, q);
            if e.wrong && found.is_empty() {
                failures.push(format!(
                    "{}: 誤 「{}」 does not fire\n--- linted:\n{text}",
                    rule.code, e.text
                ));
            }
            if !e.wrong && !found.is_empty() {
                failures.push(format!(
                    "{}: 正 「{}」 fires: {found:?}\n--- linted:\n{text}",
                    rule.code, e.text
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_rule_documents_its_false_positive_traps() {
    let missing: Vec<&str> = RULES
        .iter()
        .filter(|r| !r.explanation_text().contains("## 誤検知しないもの"))
        .map(|r| r.code)
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a `## 誤検知しないもの` section (the cases where the rule stays quiet): {missing:?}"
    );
}

#[test]
fn quotes_are_read_with_nesting_and_line_breaks() {
    assert_eq!(
        quotes("「・監視\\n・手順」または「「A」と書く」（「B」の誤り）"),
        ["・監視\n・手順", "「A」と書く"]
    );
    assert_eq!(quotes("評価だけを書いて終わる"), Vec::<String>::new());
}
