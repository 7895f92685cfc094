//! QUALITY.md §1 damage tests: take every draft the library can produce, damage it one way at a
//! time, and check that the matching rule fires at the damaged place.

use itsm::diagnostic::Diagnostic;
use itsm::draft;
use itsm::library::Library;
use itsm::lint::{self, Document, Kind, Settings, Vocabulary};
use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::OnceLock;

struct Fixture {
    vocab: Vocabulary,
    /// (「module/case」, text), one per module × case.
    drafts: Vec<(String, String)>,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let lib = Library::embedded().expect("library loads");
        let mut seen = BTreeSet::new();
        let mut drafts = Vec::new();
        for case in &lib.cases {
            for theme in &lib.themes {
                let n = draft::candidates(&lib, &case.id, &theme.id).len();
                for v in 1..=n {
                    let d = draft::draft(&lib, case, &theme.id, None, v)
                        .unwrap_or_else(|e| panic!("{} {} {v}: {e:?}", case.id, theme.id));
                    if seen.insert((d.module.clone(), d.case.clone())) {
                        drafts.push((format!("{}/{}", d.module, d.case), d.text));
                    }
                }
            }
        }
        Fixture {
            vocab: Vocabulary::from_library(&lib),
            drafts,
        }
    })
}

fn lint(text: &str) -> Vec<Diagnostic> {
    let settings = Settings {
        kind: Some(Kind::Module),
        ..Default::default()
    };
    lint::lint_text("draft.md", text, &fixture().vocab, &settings).diagnostics
}

fn sentences(text: &str) -> Vec<Range<usize>> {
    Document::parse(text, Some(Kind::Module))
        .sentences
        .iter()
        .map(|s| s.range.clone())
        .collect()
}

/// The sentence that starts with `opener`.
fn sentence_starting(text: &str, opener: &str) -> Option<Range<usize>> {
    sentences(text)
        .into_iter()
        .find(|r| text[r.clone()].starts_with(opener))
}

fn at(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("「{needle}」 not in {text}"))
}

/// Spans of the findings of `code`.
fn spans(diags: &[Diagnostic], code: &str) -> Vec<Option<Range<usize>>> {
    diags
        .iter()
        .filter(|d| d.code == code)
        .map(|d| d.span.clone())
        .collect()
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Apply `damage` to every draft. It returns the damaged text and the rule's expected
/// finding(s): a check over the spans of that rule. Failures are collected and reported together.
fn run(code: &str, damage: impl Fn(&str) -> Option<(String, Expect)>) {
    let f = fixture();
    assert!(f.drafts.len() >= 90, "only {} drafts", f.drafts.len());
    let mut failures = Vec::new();
    let mut applied = 0;
    for (id, text) in &f.drafts {
        let Some((damaged, expect)) = damage(text) else {
            failures.push(format!("{id}: the damage could not be applied"));
            continue;
        };
        applied += 1;
        assert_ne!(&damaged, text, "{id}: the damage changed nothing");
        let diags = lint(&damaged);
        let got = spans(&diags, code);
        if got.is_empty() {
            failures.push(format!("{id}: {code} did not fire"));
            continue;
        }
        if let Err(e) = expect(&damaged, &got) {
            let shown: Vec<String> = got
                .iter()
                .map(|s| {
                    s.clone()
                        .map(|s| format!("{s:?}「{}」", &damaged[s.clone()]))
                        .unwrap_or_else(|| "file".into())
                })
                .collect();
            failures.push(format!("{id}: {code} {e}; got {shown:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {applied} damaged drafts:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

type Expect = Box<dyn Fn(&str, &[Option<Range<usize>>]) -> Result<(), String>>;

/// Exactly these spans (and no other finding of the rule).
fn exactly(want: Vec<Range<usize>>) -> Expect {
    Box::new(move |_, got| {
        let want: Vec<_> = want.iter().cloned().map(Some).collect();
        if got == want.as_slice() {
            Ok(())
        } else {
            Err(format!("expected {want:?}"))
        }
    })
}

/// One finding whose span is exactly `want`.
fn one_at(want: Range<usize>) -> Expect {
    exactly(vec![want])
}

#[test]
fn undamaged_drafts_are_clean() {
    let f = fixture();
    assert!(f.drafts.len() >= 90, "only {} drafts", f.drafts.len());
    let mut failures = Vec::new();
    for (id, text) in &f.drafts {
        let module = id.split('/').next().unwrap_or_default();
        for d in lint(text) {
            if super::fixtures::pending(module, d.code) {
                continue;
            }
            let s = d.span.clone().map(|s| &text[s]).unwrap_or("file");
            failures.push(format!("{id}: {} 「{s}」 {}", d.code, d.message));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn bullet_list_fires_s001() {
    run("S001", |t| {
        let i = at(t, "工夫した点は");
        let list = "\n・監視項目の見直し\n・切り分け手順の整備\n";
        let damaged = format!("{}{list}{}", &t[..i], &t[i..]);
        // One finding for the whole list, from the first mark to the end of the last item.
        let first = i + 1;
        let end = first + "・監視項目の見直し\n・切り分け手順の整備".len();
        Some((damaged, one_at(first..end)))
    });
}

#[test]
fn inline_enumeration_fires_s001() {
    run("S001", |t| {
        let i = at(t, "工夫した点は、") + "工夫した点は、".len();
        let damaged = format!("{}(1){}", &t[..i], &t[i..]);
        Some((damaged, one_at(i..i + "(1)".len())))
    });
}

#[test]
fn dropping_gutaiteki_niwa_fires_f008() {
    run("F008", |t| {
        let damaged = t.replacen("具体的には、", "", 1);
        Some((
            damaged,
            Box::new(|d: &str, got: &[Option<Range<usize>>]| {
                let last = sentences(d).last().cloned();
                match got {
                    [Some(s)] if Some(s) == last.as_ref() => Ok(()),
                    _ => Err(format!("expected the last sentence {last:?}")),
                }
            }),
        ))
    });
}

#[test]
fn swapping_reason_and_ingenuity_fires_f009() {
    run("F009", |t| {
        let reason = sentence_starting(t, "なぜならば")?;
        let ingenuity = sentence_starting(t, "工夫した点は")?;
        assert!(reason.end <= ingenuity.start);
        let damaged = [
            &t[..reason.start],
            &t[ingenuity.clone()],
            &t[reason.end..ingenuity.start],
            &t[reason.clone()],
            &t[ingenuity.end..],
        ]
        .concat();
        // 「工夫した点は」 now stands where the reason was.
        Some((
            damaged,
            one_at(reason.start..reason.start + "工夫した点は".len()),
        ))
    });
}

#[test]
fn cutting_below_400_characters_fires_f010() {
    run("F010", |t| {
        let mut cut = String::new();
        for r in sentences(t) {
            let next = format!("{cut}{}", &t[r]);
            if itsm::text::lines::count_chars(&next) >= 400 {
                break;
            }
            cut = next;
        }
        let last = sentences(&cut).last().cloned()?;
        assert_eq!(last.end, cut.len());
        Some((cut, one_at(last)))
    });
}

#[test]
fn unexplained_mttr_fires_s002() {
    run("S002", |t| {
        // At the very start, so it is the first use whatever the draft says later.
        let damaged = format!("MTTRを短くするため、{t}");
        Some((damaged, one_at(0.."MTTR".len())))
    });
}

#[test]
fn real_product_name_fires_s003() {
    run("S003", |t| {
        let i = at(t, "工夫した点は");
        let sentence = "障害の連絡にはSlackを使った。";
        let damaged = format!("{}{sentence}{}", &t[..i], &t[i..]);
        let s = i + sentence.find("Slack").expect("Slack");
        Some((damaged, one_at(s..s + "Slack".len())))
    });
}

#[test]
fn desu_masu_sentence_fires_s004() {
    run("S004", |t| {
        // The ingenuity sentence, or failing that another one that ends in 「である。」/「した。」.
        let all = sentences(t);
        let pick = sentence_starting(t, "工夫した点は")
            .filter(|r| t[r.clone()].ends_with("である。"))
            .or_else(|| {
                all.iter()
                    .skip(1)
                    .find(|r| {
                        t[(*r).clone()].ends_with("である。") || t[(*r).clone()].ends_with("した。")
                    })
                    .cloned()
            })?;
        let s = &t[pick.clone()];
        let (stem, polite, word) = if let Some(stem) = s.strip_suffix("である。") {
            (stem, "です。", "です")
        } else {
            (s.strip_suffix("した。")?, "しました。", "ました")
        };
        let damaged = format!("{}{stem}{polite}{}", &t[..pick.start], &t[pick.end..]);
        let w = pick.start + stem.len() + polite.find(word).expect("word");
        Some((damaged, one_at(w..w + word.len())))
    });
}

#[test]
fn removing_every_figure_fires_c002() {
    run("C002", |t| {
        let damaged: String = t
            .chars()
            // Digits, and the kanji that make a figure of a word (「数時間」「三つ」) now that the
            // example part opens with the case's background.
            .filter(|c| {
                !c.is_ascii_digit()
                    && !('０'..='９').contains(c)
                    && !"一二三四五六七八九十百千万数".contains(*c)
            })
            .collect();
        let i = at(&damaged, "具体的には");
        Some((damaged, one_at(i..i + "具体的には".len())))
    });
}

#[test]
fn removing_the_decision_fires_c001() {
    run("C001", |t| {
        // A decision sentence (「私は」 first, or after a short lead-in), or its part after 「具体的には、」
        // (the format's example part opens with the decision; the opener stays).
        const OPENER: &str = "具体的には、";
        let decisions: Vec<Range<usize>> = sentences(t)
            .into_iter()
            .filter_map(|r| {
                let s = &t[r.clone()];
                // 「この夜の後、私は…」: a short lead-in before the subject is still a decision sentence.
                let lead_in = s
                    .find("、私は")
                    .is_some_and(|p| s[..p].chars().count() <= 12 && !s.starts_with(OPENER));
                if s.starts_with("私は") || lead_in {
                    Some(r)
                } else if s.starts_with(OPENER) && s[OPENER.len()..].starts_with("私は") {
                    Some(r.start + OPENER.len()..r.end)
                } else {
                    None
                }
            })
            .collect();
        if decisions.is_empty() {
            return None;
        }
        let mut damaged = String::new();
        let mut from = 0;
        for r in &decisions {
            damaged.push_str(&t[from..r.start]);
            from = r.end;
        }
        damaged.push_str(&t[from..]);
        Some((
            damaged,
            Box::new(|d: &str, got: &[Option<Range<usize>>]| {
                let i = at(d, "工夫した点は");
                // Or, when a decision is still written without its subject (「…と合意した。」),
                // at that sentence ("who decided is not written").
                let subjectless = |s: &Range<usize>| {
                    sentences(d).contains(s)
                        && !d[s.clone()].contains('私')
                        && [
                            "と判断した",
                            "を決定した",
                            "に指示した",
                            "合意し",
                            "協議して決め",
                        ]
                        .iter()
                        .any(|v| d[s.clone()].contains(v))
                };
                match got {
                    [Some(s)] if overlaps(s, &(i..i + "工夫した点は".len())) || subjectless(s) => {
                        Ok(())
                    }
                    _ => Err(format!("expected 「工夫した点は」 at {i}")),
                }
            }),
        ))
    });
}

#[test]
fn damages_are_local() {
    // Each damage above is checked on its own rule; this makes sure an unrelated damage does not
    // light up the whole catalogue (e.g. a product name is not also a format error).
    let f = fixture();
    let (id, text) = &f.drafts[0];
    let i = at(text, "工夫した点は");
    let damaged = format!("{}障害の連絡にはSlackを使った。{}", &text[..i], &text[i..]);
    let codes: BTreeSet<&str> = lint(&damaged).iter().map(|d| d.code).collect();
    assert_eq!(codes, BTreeSet::from(["S003"]), "{id}");
}
