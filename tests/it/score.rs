//! `itsm score`: the rubric orders texts sensibly and cites its evidence.
//!
//! - A hand-written A-style essay (tests/fixtures/score/essay-a.md: fictional, written for this
//!   test, about 2,300 characters across 設問ア・イ・ウ) scores ≥ 80 and rank A.
//! - Monotonic damage (QUALITY.md §1): each damage, applied one at a time, fires its rule and
//!   costs points in the section it belongs to, and the withheld item names the cause.
//! - Ordering on the seed notes' own module paragraphs: the well-formed ones score clearly above
//!   the fragments.
//! - Every module draft the library produces passes the module rubric.
//! - `--min-score` exit codes, output formats, and rubric validation errors.

use assert_cmd::Command;
use itsm::draft;
use itsm::library::Library;
use itsm::lint::{Document, Kind};
use itsm::score::{Rank, ScoreReport, Scorer, SectionScore};
use predicates::prelude::*;
use std::ops::Range;
use std::sync::OnceLock;

const ESSAY: &str = include_str!("../fixtures/score/essay-a.md");
const ESSAY_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/score/essay-a.md"
);

fn lib() -> &'static Library {
    static L: OnceLock<Library> = OnceLock::new();
    L.get_or_init(|| Library::embedded().expect("library loads"))
}

fn scorer() -> &'static Scorer<'static> {
    static S: OnceLock<Scorer<'static>> = OnceLock::new();
    S.get_or_init(|| Scorer::new(lib()).expect("rubric loads"))
}

fn score(text: &str, kind: Option<Kind>) -> ScoreReport {
    scorer().score("test.md", text, kind)
}

fn section<'a>(r: &'a ScoreReport, id: &str) -> &'a SectionScore {
    r.sections
        .iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no section {id}"))
}

/// Everything a report says about why points were withheld in `section`.
fn causes(r: &ScoreReport, sec: &str) -> String {
    let mut out = String::new();
    for i in &section(r, sec).items {
        if let Some(m) = &i.missing {
            out.push_str(&m.message);
            out.push('\n');
            for e in &m.spans {
                out.push_str(&e.text);
                if let Some(s) = &e.span {
                    out.push_str(&format!(" [{}]", &r.source[s.clone()]));
                }
                out.push('\n');
            }
        }
    }
    out
}

fn breakdown(r: &ScoreReport) -> String {
    let mut out = format!("total {} rank {:?}\n", r.total, r.rank);
    for s in &r.sections {
        out.push_str(&format!("{} {}/{}\n", s.name, s.points, s.max));
        for i in &s.items {
            if let Some(m) = &i.missing {
                out.push_str(&format!(
                    "  {} {}/{}: {}\n",
                    i.id, i.points, i.max, m.message
                ));
            }
        }
    }
    out
}

fn sentences(text: &str) -> Vec<Range<usize>> {
    Document::parse(text, None)
        .sentences
        .iter()
        .map(|s| s.range.clone())
        .collect()
}

fn at(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("「{needle}」 not in the text"))
}

#[test]
fn clean_essay_scores_a() {
    let r = score(ESSAY, None);
    assert_eq!(r.kind, Kind::Essay);
    assert!(r.total >= 80, "{}", breakdown(&r));
    assert_eq!(r.rank, Rank::A, "{}", breakdown(&r));
    assert!(!r.capped() && r.pass);
    // Observed: 96/100 (every item earned with cited evidence; 設問ウ at 678 characters reads a little thin).
    for s in &r.sections {
        for i in &s.items {
            if i.points > 0.0 {
                assert!(
                    !i.evidence.is_empty(),
                    "{} earned points without evidence",
                    i.id
                );
            }
        }
    }
    let labels: Vec<char> = r.parts.iter().map(|p| p.label).collect();
    assert_eq!(labels, ['ア', 'イ', 'ウ']);
    assert!(r.parts.iter().all(|p| p.within()), "{:?}", r.parts);
    assert!(r.total <= 100 && r.max == 100);
}

/// Damage the essay; the `sec` section must drop and name `cause` (the rubric weighs a single
/// minor fault at half a point to 3 points and moderate ones at about 6–8, as graders do).
fn damaged(name: &str, text: &str, sec: &str, cause: &str) -> ScoreReport {
    assert_ne!(text, ESSAY, "{name}: the damage changed nothing");
    let base = score(ESSAY, None);
    let d = score(text, None);
    let before = section(&base, sec).points;
    let after = section(&d, sec).points;
    assert!(
        before > after,
        "{name}: {sec} went {before} → {after}\n{}",
        breakdown(&d)
    );
    // Half points count (the total is rounded to a whole point).
    let exact = |r: &ScoreReport| -> f32 { r.sections.iter().map(|s| s.points).sum() };
    assert!(
        exact(&d) < exact(&base),
        "{name}: total {} → {}",
        exact(&base),
        exact(&d)
    );
    let why = causes(&d, sec);
    assert!(
        why.contains(cause),
        "{name}: the evidence does not name 「{cause}」:\n{why}"
    );
    d
}

#[test]
fn damage_bullets_cost_structure() {
    let i = at(ESSAY, "工夫した点は");
    let t = format!(
        "{}・台帳の整備\n・会議体の設置\n{}",
        &ESSAY[..i],
        &ESSAY[i..]
    );
    let d = damaged("bullets", &t, "structure", "「・」");
    assert!(causes(&d, "structure").contains("S001"));
}

#[test]
fn damage_inline_enumeration_costs_structure() {
    let i = at(ESSAY, "施策として、") + "施策として、".len();
    let t = format!("{}(1){}", &ESSAY[..i], &ESSAY[i..]);
    damaged("(1)", &t, "structure", "(1)");
}

#[test]
fn damage_removing_figures_costs_effect_and_check80() {
    let t: String = ESSAY
        .chars()
        .filter(|c| !c.is_ascii_digit() && !('０'..='９').contains(c))
        .collect();
    let d = damaged("figures", &t, "effect", "数値");
    let base = score(ESSAY, None);
    // The three figures (2 points) and the reasons whose figures were their grounds.
    assert!(section(&d, "check80").points + 2.0 <= section(&base, "check80").points);
    assert!(causes(&d, "check80").contains("数値"));
}

#[test]
fn damage_removing_the_decisions_costs_decision() {
    let decision = |s: &str| {
        (s.contains("私は") || s.contains("私が"))
            && [
                "判断",
                "決定",
                "合意",
                "承認",
                "約束",
                "ことにした",
                "こととした",
            ]
            .iter()
            .any(|v| s.contains(v))
    };
    let mut t = String::new();
    let mut from = 0;
    let mut removed = 0;
    for r in sentences(ESSAY) {
        if decision(&ESSAY[r.clone()]) {
            t.push_str(&ESSAY[from..r.start]);
            from = r.end;
            removed += 1;
        }
    }
    t.push_str(&ESSAY[from..]);
    assert!(removed >= 4, "only {removed} decision sentences");
    damaged("私は…判断した", &t, "decision", "私を主語にした判断");
}

#[test]
fn damage_desu_masu_costs_expression() {
    let t = ESSAY.replacen("提供する事業者である。", "提供する事業者です。", 1);
    damaged("です・ます", &t, "expression", "です");
}

#[test]
fn damage_unexplained_mttr_costs_expression() {
    let t = ESSAY.replacen(
        "夜間の障害の平均復旧時間は45分から15分に短縮した",
        "夜間の障害のMTTRは45分から15分に短縮した",
        1,
    );
    damaged("MTTR", &t, "expression", "MTTR");
}

#[test]
fn damage_product_name_costs_theme() {
    let i = at(ESSAY, "工夫した点は");
    let t = format!(
        "{}障害の連絡にはSlackを使った。{}",
        &ESSAY[..i],
        &ESSAY[i..]
    );
    damaged("product", &t, "theme", "Slack");
}

/// The text without the part `label` (its heading and body).
fn without_part(label: char) -> String {
    let doc = Document::parse(ESSAY, None);
    let p = doc
        .parts
        .iter()
        .find(|p| p.label == label)
        .expect("part present");
    format!("{}{}", &ESSAY[..p.heading.start], &ESSAY[p.body.end..])
}

#[test]
fn damage_missing_part_costs_compliance_and_caps_at_d() {
    for label in ['ア', 'イ', 'ウ'] {
        let t = without_part(label);
        let d = damaged(
            &format!("設問{label}なし"),
            &t,
            "compliance",
            &format!("設問{label}"),
        );
        assert!(d.capped(), "設問{label}なし: not capped");
        assert_eq!(d.rank, Rank::D);
        assert!(
            d.caps
                .iter()
                .flat_map(|c| &c.reasons)
                .any(|c| c.text.contains(&format!("設問{label}がありません"))),
            "{:?}",
            d.caps
        );
        // The first fix is the one that lifts the cap.
        assert!(d.top_fixes[0].lifts_cap, "{:?}", d.top_fixes);
    }
}

#[test]
fn part_outside_its_length_caps_at_d() {
    // Drop 設問ウ's 「今後の課題」 subsection: ウ falls below 600 characters.
    let i = at(ESSAY, "### 3.2 今後の課題");
    let t = &ESSAY[..i];
    let r = score(t, None);
    let u = r.parts.iter().find(|p| p.label == 'ウ').expect("ウ");
    assert!(u.chars < 600, "{}", u.chars);
    assert!(r.capped());
    assert_eq!(r.rank, Rank::D);
    assert!(r.caps[0].reasons[0].text.contains("設問ウ"), "{:?}", r.caps);
    // The count is the shared CBT count (the one `itsm count` and E004 use): sub-headings
    // count, their `#` marks and line breaks do not.
    let doc = itsm::lint::Document::parse(t, Some(itsm::lint::Kind::Essay));
    assert_eq!(u.chars, itsm::exam::count_part(&doc, &doc.parts[2]).cbt);
    let plain: usize = t[r.parts[2].heading.end..]
        .trim()
        .chars()
        .filter(|c| *c != '\n')
        .count();
    assert_eq!(u.chars, plain - "### ".chars().count());
}

#[test]
fn top_fixes_are_the_largest_losses() {
    let t = ESSAY
        .replacen("提供する事業者である。", "提供する事業者です。", 1)
        .replacen("平均復旧時間は45分", "MTTRは45分", 1);
    let r = score(&t, None);
    assert!(r.top_fixes.len() >= 2, "{:?}", r.top_fixes);
    assert!(r.top_fixes.windows(2).all(|w| w[0].gain >= w[1].gain));
    let items: Vec<&str> = r.top_fixes.iter().map(|f| f.item.as_str()).collect();
    let lost = |id: &str| {
        let i = section(&r, "expression")
            .items
            .iter()
            .find(|i| i.id == id)
            .unwrap_or_else(|| panic!("no item {id}"));
        i.max - i.points
    };
    // The です・ます damage costs more than the unexplained MTTR (half a point), which is not
    // among the three largest; the fixes are ordered by what they earn, so style comes before
    // terms (the fixture's own small losses — a 設問ウ near its minimum — may come first).
    assert!(lost("style") > lost("terms") && lost("terms") > 0.0);
    assert!(!items.contains(&"terms"), "{items:?}");
    let smallest = r.top_fixes.last().map_or(0.0, |f| f.gain);
    assert!(
        items.contains(&"style") || lost("style") <= smallest,
        "{items:?}"
    );
    for f in &r.top_fixes {
        assert!(f.span.is_some(), "{} has no place", f.item);
        assert!(!f.text.is_empty());
    }
}

// ---- modules -------------------------------------------------------------------------------

/// Every module × case draft the library produces (rendered once for all tests).
fn all_drafts() -> &'static [(String, String)] {
    static D: OnceLock<Vec<(String, String)>> = OnceLock::new();
    D.get_or_init(render_drafts)
}

fn render_drafts() -> Vec<(String, String)> {
    let lib = lib();
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for c in &lib.cases {
        for t in &lib.themes {
            let n = draft::candidates(lib, &c.id, &t.id).len();
            for v in 1..=n {
                let d = draft::draft(lib, c, &t.id, None, v)
                    .unwrap_or_else(|e| panic!("{} {} {v}: {e:?}", c.id, t.id));
                if seen.insert((d.module.clone(), d.case.clone())) {
                    out.push((format!("{}/{}", d.module, d.case), d.text));
                }
            }
        }
    }
    out
}

#[test]
fn every_module_draft_passes_the_module_rubric() {
    let pass = scorer().rubric().module.ranks.a;
    let mut failures = Vec::new();
    let drafts = all_drafts();
    assert!(drafts.len() >= 90, "only {} drafts", drafts.len());
    let mut lowest = 100;
    for (id, text) in drafts {
        let r = score(text, Some(Kind::Module));
        lowest = lowest.min(r.total);
        if !r.pass || r.total < pass {
            failures.push(format!("{id}: {}", breakdown(&r)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Observed when this test was written: 98 module × case drafts, lowest 97 (234 of the 237
    // case × theme × variant candidates score 100; the others lose part of 「導入前→導入後」).
    println!("{} drafts, lowest {lowest}", drafts.len());
}

type Damage = fn(&str) -> Option<String>;

fn module_damages() -> Vec<(&'static str, &'static str, &'static str, Damage)> {
    vec![
        ("bullets", "expression", "S001", |t| {
            let i = t.find("工夫した点は")?;
            Some(format!(
                "{}\n・監視項目の見直し\n・手順の整備\n{}",
                &t[..i],
                &t[i..]
            ))
        }),
        ("(1)", "expression", "S001", |t| {
            let i = t.find("工夫した点は、")? + "工夫した点は、".len();
            Some(format!("{}(1){}", &t[..i], &t[i..]))
        }),
        ("drop 具体的には", "format", "具体的には", |t| {
            t.contains("具体的には、")
                .then(|| t.replacen("具体的には、", "", 1))
        }),
        ("swap reason and ingenuity", "format", "F009", |t| {
            let ss = sentences(t);
            let r = ss
                .iter()
                .find(|r| t[(*r).clone()].starts_with("なぜならば"))?
                .clone();
            let g = ss
                .iter()
                .find(|r| t[(*r).clone()].starts_with("工夫した点は"))?
                .clone();
            Some(
                [
                    &t[..r.start],
                    &t[g.clone()],
                    &t[r.end..g.start],
                    &t[r.clone()],
                    &t[g.end..],
                ]
                .concat(),
            )
        }),
        ("below 400", "format", "400", |t| {
            let mut cut = String::new();
            for r in sentences(t) {
                let next = format!("{cut}{}", &t[r]);
                if itsm::text::lines::count_chars(&next) >= 400 {
                    break;
                }
                cut = next;
            }
            Some(cut)
        }),
        ("MTTR", "expression", "MTTR", |t| {
            Some(format!("MTTRを短くするため、{t}"))
        }),
        ("product", "expression", "Slack", |t| {
            let i = t.find("工夫した点は")?;
            Some(format!(
                "{}障害の連絡にはSlackを使った。{}",
                &t[..i],
                &t[i..]
            ))
        }),
        ("です・ます", "expression", "です", |t| {
            let ss = sentences(t);
            let s = ss
                .iter()
                .skip(1)
                .find(|r| t[(*r).clone()].ends_with("である。"))?;
            let stem = t[s.clone()].strip_suffix("である。")?;
            Some(format!("{}{stem}です。{}", &t[..s.start], &t[s.end..]))
        }),
        ("added measure", "example", "F015", |t| {
            // A second measure bolted into the example before its closing sentence.
            let last = sentences(t).last()?.clone();
            Some(format!(
                "{}また、夜間の当番表も見直すようにした。{}",
                &t[..last.start],
                &t[last.start..]
            ))
        }),
        ("vague closing", "example", "C007", |t| {
            // The measured closing replaced by a claim without a figure.
            let last = sentences(t).last()?.clone();
            Some(format!(
                "{}その結果、サービスの品質が向上した。",
                &t[..last.start]
            ))
        }),
        ("figures", "example", "数値", |t| {
            Some(
                t.chars()
                    .filter(|c| !c.is_ascii_digit() && !('０'..='９').contains(c))
                    .collect(),
            )
        }),
        ("decision", "manager", "私", |t| {
            let ss = sentences(t);
            let mut out = String::new();
            let mut from = 0;
            for r in ss.iter().filter(|r| t[(*r).clone()].starts_with("私は")) {
                out.push_str(&t[from..r.start]);
                from = r.end;
            }
            (from > 0).then(|| out + &t[from..])
        }),
    ]
}

#[test]
fn module_damage_costs_its_section() {
    // Every fourth draft (all modules × cases are covered for the lint rules by tests/damage.rs;
    // here the point is the rubric's mapping of findings to sections). Run once on all of them:
    // no failure.
    let drafts: Vec<&(String, String)> = all_drafts().iter().step_by(4).collect();
    let mut failures = Vec::new();
    let mut applied = 0;
    for (id, text) in drafts {
        let base = score(text, Some(Kind::Module));
        for (name, sec, cause, damage) in module_damages() {
            let Some(t) = damage(text) else {
                if name != "decision" {
                    failures.push(format!("{id}: {name} could not be applied"));
                }
                continue;
            };
            applied += 1;
            let d = score(&t, Some(Kind::Module));
            let drop = section(&base, sec).points - section(&d, sec).points;
            let why = causes(&d, sec);
            // The sheet's sum (the total above 85 counts a third, so a 1-point loss may round away).
            let exact = |r: &ScoreReport| -> f32 { r.sections.iter().map(|s| s.points).sum() };
            if drop <= 0.0 || !why.contains(cause) || exact(&d) >= exact(&base) {
                failures.push(format!(
                    "{id}: {name}: {sec} dropped {drop}, total {} → {}; causes: {why}",
                    base.total, d.total
                ));
            }
        }
    }
    assert!(applied >= 220, "only {applied} damaged drafts");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---- the seed notes' own modules --------------------------------------------------------------

/// The text under each `#` heading of seed lines 1496-1974, up to the next heading.
fn seed_sections(text: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    let mut raw: Vec<(String, Vec<&str>)> = Vec::new();
    for l in lines.iter().take(1974).skip(1495) {
        if l.starts_with('#') {
            raw.push((l.trim_start_matches('#').trim().to_owned(), Vec::new()));
        } else if let Some(cur) = raw.last_mut() {
            cur.1.push(l);
        }
    }
    raw.into_iter()
        .filter_map(|(h, mut body)| {
            while body
                .last()
                .is_some_and(|l| l.trim().is_empty() || l.trim().chars().all(|c| c == '-'))
            {
                body.pop();
            }
            let start = body.iter().position(|l| !l.trim().is_empty())?;
            Some((h, body[start..].join("\n") + "\n"))
        })
        .collect()
}

#[test]
fn seed_modules_are_ordered_sensibly() {
    let seed = crate::seed_notes();
    let sections = seed_sections(&seed);
    let total = |prefix: &str| {
        let (h, body) = sections
            .iter()
            .find(|(h, _)| h.starts_with(prefix))
            .unwrap_or_else(|| panic!("no seed section {prefix}"));
        let r = score(body, Some(Kind::Module));
        println!("{h}: {}", r.total);
        (r.total, r)
    };
    let (oncall, _) = total("オンコールローテーション");
    let (drill, drill_r) = total("インシデント対応訓練");
    let (tape, tape_r) = total("磁気テープ装置の故障・CMDB");
    let (desk, desk_r) = total("サービスデスク");
    // Observed when this test was written: オンコールローテーション 70 (B: no sentence has 私 as
    // the subject of a decision, which the module rubric weighs at 15 points), インシデント対応訓練
    // 50 (C: besides that, its 「結果」 only sets a target — 「…に短縮する目標を設定し」 — the
    // faults graders mark down), 磁気テープ/CMDB 11 and the サービスデスク bullet note 6 (no format
    // markers, under 400 characters, bullets).
    assert!(oncall >= 65, "オンコール: {oncall}");
    assert!(drill >= 45, "訓練: {drill}");
    assert!(
        causes(&drill_r, "example").contains("C003"),
        "{}",
        causes(&drill_r, "example")
    );
    for (good, name) in [(oncall, "オンコール"), (drill, "訓練")] {
        for (bad, frag) in [(tape, "磁気テープ"), (desk, "サービスデスク")] {
            assert!(bad < 35, "{frag}: {bad}");
            assert!(good >= bad + 25, "{name} {good} vs {frag} {bad}");
        }
    }
    // The fragments fail for the reasons a reader would give.
    assert!(causes(&tape_r, "format").contains("F001"));
    assert!(causes(&tape_r, "format").contains("400"));
    assert!(causes(&desk_r, "expression").contains("S001"));
    assert!(!desk_r.pass && !tape_r.pass);
}

// ---- the command line ---------------------------------------------------------------------

fn itsm() -> Command {
    let mut c = Command::cargo_bin("itsm").unwrap();
    c.env("NO_COLOR", "1");
    c
}

#[test]
fn min_score_sets_the_exit_code() {
    itsm()
        .args(["score", ESSAY_PATH, "--min-score", "80"])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("推定ランク A")
                .and(predicate::str::contains("IPA の採点結果ではありません")),
        );
    let dir = tempfile::tempdir().unwrap();
    let weak = dir.path().join("weak.md");
    std::fs::write(&weak, without_part('ウ')).unwrap();
    itsm()
        .args(["score", weak.to_str().unwrap(), "--min-score", "95"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("推定ランク D"));
    itsm()
        .args(["score", ESSAY_PATH, "--min-score", "101"])
        .assert()
        .code(2);
    itsm()
        .args(["score", dir.path().join("absent.md").to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("見つかりません"));
}

#[test]
fn json_output_is_versioned_and_cites_spans() {
    let out = itsm()
        .args(["score", ESSAY_PATH, "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], 2);
    assert!(v["notice"].as_str().unwrap().contains("IPA"));
    let f = &v["files"][0];
    assert_eq!(f["kind"], "essay");
    assert_eq!(f["rank"], "A");
    assert_eq!(f["capped"], false);
    let sections = f["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 9);
    let sum: f64 = sections.iter().map(|s| s["max"].as_f64().unwrap()).sum();
    assert_eq!(sum, 100.0);
    let item = &sections[3]["items"][0];
    assert_eq!(item["id"], "decision-subject");
    let ev = &item["evidence"][0];
    assert!(ev["span"]["start"]["line"].as_u64().unwrap() > 1);
    assert!(ev["text"].as_str().unwrap().contains("私は"));
    // Observed when this test was written: 99 points, one fix (a reason for one more decision).
    for fix in f["top_fixes"].as_array().unwrap() {
        assert!(fix["gain"].as_f64().unwrap() > 0.0, "{fix}");
        assert!(fix["span"]["start"]["line"].is_u64(), "{fix}");
    }
}

#[test]
fn sarif_and_github_report_withheld_items() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("e.md");
    std::fs::write(&p, ESSAY.replacen("平均復旧時間は45分", "MTTRは45分", 1)).unwrap();
    let out = itsm()
        .args(["score", p.to_str().unwrap(), "--format", "sarif"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    let terms = results
        .iter()
        .find(|r| r["ruleId"] == "score/essay/terms")
        .unwrap_or_else(|| panic!("{results:?}"));
    // Partly earned: a note (a warning is for an item that earned nothing or lifts a cap).
    assert_eq!(terms["level"], "note");
    assert!(terms["message"]["text"].as_str().unwrap().contains("MTTR"));
    assert!(terms["locations"][0]["physicalLocation"]["region"]["startLine"].is_u64());
    itsm()
        .args(["score", p.to_str().unwrap(), "--format", "github"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("::notice file=")
                .and(predicate::str::contains("essay/terms"))
                .and(predicate::str::contains("MTTR")),
        );
}

#[test]
fn invalid_rubric_is_an_error_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("rubrics")).unwrap();
    let good = include_str!("../../rubrics/score.yaml");
    let run = |bad: &str| {
        std::fs::write(dir.path().join("rubrics/score.yaml"), bad).unwrap();
        itsm()
            .args([
                "score",
                ESSAY_PATH,
                "--library",
                dir.path().to_str().unwrap(),
            ])
            .assert()
            .code(2)
    };
    // An unknown check, with its position and the checks there are.
    let bad = good.replacen(
        "check: {decisions: {min: 2}}",
        "check: {decision: {min: 2}}",
        1,
    );
    assert_ne!(bad, good);
    let line = bad[..bad.find("check: {decision:").unwrap()]
        .matches('\n')
        .count()
        + 1;
    run(&bad).stderr(
        predicate::str::contains(format!("score.yaml:{line}:"))
            .and(predicate::str::contains("`decision`"))
            .and(predicate::str::contains("decisions")),
    );
    // Item points that no longer add up to their section's.
    let bad = good.replacen("points: 3\n", "points: 4\n", 1);
    run(&bad).stderr(predicate::str::contains("合計が 11"));
    // An unknown key.
    let bad = good.replacen("      fix: ", "      fixx: ", 1);
    run(&bad).stderr(predicate::str::contains("fixx"));
}

#[test]
fn a_study_group_can_reweigh_the_rubric() {
    // Move a point from 「テーマ」 to 「判断」: the essay still scores, and the new weights show.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("rubrics")).unwrap();
    let good = include_str!("../../rubrics/score.yaml");
    let t = good
        .replacen(
            "    - id: theme\n      name: ①テーマ適合性\n      points: 10",
            "    - id: theme\n      name: ①テーマ適合性\n      points: 9",
            1,
        )
        .replacen(
            "          points: 2\n          label: 技術論文",
            "          points: 1\n          label: 技術論文",
            1,
        )
        .replacen(
            "    - id: decision\n      name: ④判断・意思決定\n      points: 10",
            "    - id: decision\n      name: ④判断・意思決定\n      points: 11",
            1,
        )
        .replacen(
            "          points: 5\n          label: 判断の主体",
            "          points: 6\n          label: 判断の主体",
            1,
        );
    assert_ne!(t, good);
    std::fs::write(dir.path().join("rubrics/score.yaml"), &t).unwrap();
    let lib = Library::load(Some(dir.path())).expect("overlay loads");
    let r = Scorer::new(&lib)
        .expect("overlay rubric loads")
        .score("e.md", ESSAY, None);
    assert_eq!(section(&r, "decision").max, 11.0);
    assert_eq!(section(&r, "theme").max, 9.0);
    assert_eq!(r.max, 100);
}

#[test]
fn empty_and_odd_inputs_do_not_panic() {
    for t in [
        "",
        "   \n\n",
        "## 設問ア\n",
        "・\n(1)\n",
        "私は。",
        "具体的には",
    ] {
        for k in [None, Some(Kind::Module), Some(Kind::Essay)] {
            let r = score(t, k);
            assert!(r.total <= r.max);
        }
    }
}

/// Every whole essay the library drafts scores at least 80 (rank A).
#[test]
fn every_library_essay_scores_a() {
    let lib = itsm::library::Library::embedded().unwrap();
    let scorer = itsm::score::Scorer::new(&lib).unwrap();
    let mut low = Vec::new();
    let mut n = 0;
    for c in &lib.cases {
        for t in &lib.themes {
            let e = itsm::draft::essay::essay(&lib, c, &t.id, None, 1).expect("essay");
            let r = scorer.score("essay.md", &e.text, None);
            n += 1;
            if r.rank != itsm::score::Rank::A {
                low.push(format!("{}/{}: {} {:?}", c.id, t.id, r.total, r.rank));
            }
        }
    }
    assert_eq!(n, 64);
    assert!(low.is_empty(), "{}", low.join("\n"));
}

#[test]
fn min_score_comes_from_the_config_unless_the_flag_is_given() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("itsm.yaml"), "min-score: 100\n").unwrap();
    let f = dir.path().join("m.md");
    // Not capped (a D-capped text fails --min-score whatever its total, even 0).
    std::fs::write(&f, ESSAY).unwrap();
    let run = |args: &[&str]| {
        assert_cmd::Command::cargo_bin("itsm")
            .unwrap()
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(
        run(&["score", "m.md"]),
        Some(1),
        "config min-score 100 applies"
    );
    assert_eq!(
        run(&["score", "m.md", "--min-score", "0"]),
        Some(0),
        "the flag wins"
    );
}

// ---- checks on what graders mark in polished text ----------------------------------------

fn item<'a>(r: &'a ScoreReport, sec: &str, id: &str) -> &'a itsm::score::ItemScore {
    section(r, sec)
        .items
        .iter()
        .find(|i| i.id == id)
        .unwrap_or_else(|| panic!("no item {sec}/{id}"))
}

#[test]
fn a_result_told_first_in_part_i_and_repeated_in_part_u_costs_structure() {
    // Not fired: the fixture tells its results only in 設問ウ.
    let base = score(ESSAY, None);
    let roles = item(&base, "structure", "roles");
    assert_eq!(roles.points, roles.max, "{}", breakdown(&base));
    // Fired: 設問イ states the result 「45分から15分に短縮」 that 設問ウ reports again.
    let i = at(ESSAY, "## 設問ウ");
    let t = format!(
        "{}その結果、夜間の障害の平均復旧時間は45分から15分に短縮した。\n\n{}",
        &ESSAY[..i],
        &ESSAY[i..]
    );
    let r = score(&t, None);
    let roles = item(&r, "structure", "roles");
    assert_eq!(roles.points, 0.0, "{}", breakdown(&r));
    let m = roles.missing.as_ref().expect("missing");
    assert!(m.spans.iter().any(|p| {
        p.span
            .as_ref()
            .is_some_and(|s| t[s.clone()].contains("45分から15分"))
    }));
    // Not fired: a planned target in 設問イ is not a result.
    let t = format!(
        "{}平均復旧時間を45分から15分に短縮することを目標とした。\n\n{}",
        &ESSAY[..i],
        &ESSAY[i..]
    );
    let r = score(&t, None);
    let roles = item(&r, "structure", "roles");
    assert_eq!(roles.points, roles.max, "{}", breakdown(&r));
}

#[test]
fn a_sentence_copied_into_another_part_costs_structure() {
    // Fired: a dated event of 設問イ told again, nearly word for word, in 設問ウ (one copy: half).
    let copy = "2024年11月の深夜2時に注文の処理が滞った際、監視センターの担当者は手順書の基準に従って予備系へ切り替えた。";
    let (i, u) = (at(ESSAY, "## 設問ウ"), at(ESSAY, "### 3.2 今後の課題"));
    let again = "2024年11月の深夜2時に注文の処理が滞った際も、監視センターの担当者は手順書の基準に従って予備系へ切り替えた。";
    let t = format!(
        "{}{copy}\n\n{}{again}\n\n{}",
        &ESSAY[..i],
        &ESSAY[i..u],
        &ESSAY[u..]
    );
    let r = score(&t, None);
    let roles = item(&r, "structure", "roles");
    assert_eq!(roles.points, roles.max / 2.0, "{}", breakdown(&r));
    let m = roles.missing.as_ref().expect("missing");
    assert!(
        m.spans
            .iter()
            .any(|p| p.span.as_ref().is_some_and(|s| &t[s.clone()] == again)),
        "{}",
        breakdown(&r)
    );
    // Not fired: the same event named again with its result (part of the words, not the sentence).
    let t = format!(
        "{}{copy}\n\n{}2024年11月の深夜2時に注文の処理が滞った際は、予備系への切替えまでの時間が導入前の平均48分から12分に縮んだ。\n\n{}",
        &ESSAY[..i],
        &ESSAY[i..u],
        &ESSAY[u..]
    );
    let r = score(&t, None);
    let roles = item(&r, "structure", "roles");
    assert_eq!(roles.points, roles.max, "{}", breakdown(&r));
}

#[test]
fn part_u_near_its_minimum_reads_thin() {
    // The fixture's 設問ウ has 678 characters: part of the points (full from 780).
    let base = score(ESSAY, None);
    let s = item(&base, "effect", "substance");
    assert!(s.points > 0.0 && s.points < s.max, "{}", breakdown(&base));
    // 120 more characters of evaluation in 設問ウ earn the item.
    let i = at(ESSAY, "### 3.2 今後の課題");
    let add = "導入前の半年と比べると、問題として登録した14件のうち恒久対策を終えた11件では同じ原因の障害が一度も起きておらず、残る3件は委託先の製品の修正を待っている。恒久対策が進まない案件を定例会議で毎週確かめたことが、再発の防止につながったと評価する。\n\n";
    let t = format!("{}{add}{}", &ESSAY[..i], &ESSAY[i..]);
    let r = score(&t, None);
    let s = item(&r, "effect", "substance");
    assert_eq!(s.points, s.max, "{}", breakdown(&r));
}

const MODULE: &str = "インシデントモデルと呼ばれる、よく起きる障害ごとに切り分けと復旧の手順と判断の基準を前もって決めておくという特徴を持つ手法を使用し、夜間の障害対応手順の整備をした。なぜならば、夜間の障害で監視センターの担当者が対応に迷い、平均復旧時間が長くなるというサービス運用上の問題・課題が解決できると考えたからである。工夫した点は、過去1年の障害記録から件数の多い8種類を選び、種類ごとに判断の基準となる数値を手順書に書き込んだ点である。具体的には、2024年11月の深夜2時に注文の処理が滞った際、監視センターの担当者は手順書の基準に従って予備系へ切り替え、当番への電話なしに12分で復旧させた。私は、基準の数値を運用課長と合意したうえで手順書に載せると判断した。夜間の障害の平均復旧時間は、導入前の半年の48分から導入後の半年で21分に短縮した。";

#[test]
fn decisions_between_the_reason_and_the_ingenuity_cost_the_format() {
    let contiguous = |t: &str| {
        let r = score(t, Some(Kind::Module));
        let i = item(&r, "format", "contiguous");
        (i.points, i.max)
    };
    // Not fired: 「工夫した点は」 right after the reason.
    let (p, max) = contiguous(MODULE);
    assert_eq!(p, max);
    let reason_end = at(MODULE, "工夫した点は");
    // A decision sentence between (the same judgement as lint rule F014): half; two: nothing.
    let one = "私は、基準の数値を運用課長と合意したうえで手順書に載せると判断した。";
    let t = format!("{}{one}{}", &MODULE[..reason_end], &MODULE[reason_end..]);
    assert_eq!(contiguous(&t).0, max / 2.0, "one decision between: half");
    let two = format!("{one}私は、夜間の当番を2名に増やすことについて運用課長の承認を得た。");
    let t = format!("{}{two}{}", &MODULE[..reason_end], &MODULE[reason_end..]);
    assert_eq!(contiguous(&t).0, 0.0, "two decisions between: nothing");
    // Not fired: a context sentence (the user's own format puts background there).
    let context = "夜間は外部の監視センターが一次対応を担っている。";
    let t = format!(
        "{}{context}{}",
        &MODULE[..reason_end],
        &MODULE[reason_end..]
    );
    assert_eq!(contiguous(&t).0, max, "context between: full");
    // Not fired by this check: without 「工夫した点は」, 「具体的には」 follows the reason directly
    // (the missing ingenuity is F007's finding).
    let ing = at(MODULE, "具体的には");
    let t = format!("{}{}", &MODULE[..reason_end], &MODULE[ing..]);
    assert_eq!(contiguous(&t).0, max);
}

#[test]
fn a_module_result_without_a_measured_change_needs_figures_in_its_closing_sentence() {
    let result = |t: &str| item(&score(t, Some(Kind::Module)), "example", "actual-result").points;
    // A measured result against a target in the closing sentence earns half.
    let last = at(MODULE, "夜間の障害の平均復旧時間は");
    let t = format!(
        "{}その後の3か月の夜間の障害は平均20分で復旧し、30分以内という目標を満たした。",
        &MODULE[..last]
    );
    assert_eq!(result(&t), 8.5);
    // Figures only earlier in the example (the episode) and a vague closing sentence: nothing.
    let t = format!(
        "{}その結果、夜間の対応は大きく改善された。",
        &MODULE[..last]
    );
    assert_eq!(result(&t), 0.0);
    assert_eq!(result(MODULE), 17.0);
}

#[test]
fn background_opening_and_unpriced_approval_cost_their_sections() {
    let fx = lib().case("fx").expect("fx case");
    let d = draft::draft(lib(), fx, "change", None, 1)
        .expect("draft")
        .text;
    let base = score(&d, Some(Kind::Module));
    // F016: the example opens with the service's background instead of the episode.
    let t = d.replacen(
        "具体的には、",
        "具体的には、A社の取引サービスは約12万名の個人投資家が使い、夜間も注文を受け付けている。",
        1,
    );
    let r = score(&t, Some(Kind::Module));
    assert!(
        section(&r, "example").points < section(&base, "example").points,
        "{}",
        breakdown(&r)
    );
    assert!(
        causes(&r, "example").contains("F016"),
        "{}",
        causes(&r, "example")
    );
    assert!(r.total < base.total);
    // C008: a cost approved with no amount, after the example's first sentence (no amount in it
    // or in the sentence before it).
    let first = sentences(&d)
        .into_iter()
        .find(|r| d[r.clone()].starts_with("具体的には"))
        .expect("example");
    let t = format!(
        "{}私は、監視ツールの追加費用について情報システム部長の承認を得た。{}",
        &d[..first.end],
        &d[first.end..]
    );
    let r = score(&t, Some(Kind::Module));
    assert!(
        section(&r, "manager").points < section(&base, "manager").points,
        "{}",
        breakdown(&r)
    );
    assert!(
        causes(&r, "manager").contains("C008"),
        "{}",
        causes(&r, "manager")
    );
    assert!(r.total < base.total);
}

/// C009: a sentence of 設問イ written again in 設問ウ costs 効果・評価 and 表現 (graders: 「イの事例の
/// 結果をウでほぼ同文で繰り返している」).
#[test]
fn a_repeated_sentence_costs_evaluation_and_expression() {
    let twice = "私は、夜間の障害の一次対応を運用チームから当番制の技術担当に移すと判断した。";
    // Once, at the end of 設問イ; then again at the start of 設問ウ.
    let u = at(ESSAY, "## 設問ウ");
    let once = format!("{}\n\n{twice}\n\n{}", ESSAY[..u].trim_end(), &ESSAY[u..]);
    let j = at(&once, "## 設問ウ");
    let j = j + once[j..].find('\n').expect("line") + 1;
    let t = format!("{}{twice}{}", &once[..j], &once[j..]);
    let (r1, d) = (score(&once, None), score(&t, None));
    for sec in ["effect", "expression"] {
        assert!(
            section(&d, sec).points < section(&r1, sec).points,
            "{sec}: {}",
            breakdown(&d)
        );
        assert!(causes(&d, sec).contains("C009"), "{}", causes(&d, sec));
    }
    assert!(d.total < r1.total, "{} → {}", r1.total, d.total);
}

#[test]
fn the_top_of_the_scale_counts_a_third_above_85() {
    // A library draft with no defect itsm can see earns the whole sheet; graders give their best
    // texts 85–90, so the rubric's `top: {from: 85, to: 90}` maps the sheet's 100 to 90.
    let (id, text) = all_drafts()
        .iter()
        .find(|(_, t)| score(t, Some(Kind::Module)).sheet_total == 100)
        .expect("a draft earns the whole sheet");
    let r = score(text, Some(Kind::Module));
    assert_eq!((r.sheet_total, r.total, r.rank), (100, 90, Rank::A), "{id}");
    assert!(r.top.is_some());
    let human = itsm::score::render::human(std::slice::from_ref(&r));
    assert!(human.contains("採点表の合計 100点 → 推定 90点"), "{human}");
    let t = scorer().rubric().module.top.expect("module top");
    // Linear between 85 and 90; at or below 85 nothing moves (so the ranks do not).
    assert_eq!(t.apply(94.0, 100.0), 88.0);
    assert_eq!(t.apply(85.0, 100.0), 85.0);
    assert_eq!(t.apply(60.0, 100.0), 60.0);
    // The hand-written essay: sheet 96 → 88.7, shown as 89.
    let e = score(ESSAY, None);
    assert!(
        e.sheet_total > 85 && e.total < e.sheet_total,
        "{}",
        breakdown(&e)
    );
    // Data, not code: a rubric without `top:` gives the sheet total.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("rubrics")).unwrap();
    let good = include_str!("../../rubrics/score.yaml");
    let flat = good.replace("  top: {from: 85, to: 90}\n", "");
    assert_ne!(flat, good);
    std::fs::write(dir.path().join("rubrics/score.yaml"), &flat).unwrap();
    let lib = Library::load(Some(dir.path())).expect("overlay loads");
    let r =
        Scorer::new(&lib)
            .expect("overlay rubric loads")
            .score("m.md", text, Some(Kind::Module));
    assert_eq!((r.sheet_total, r.total), (100, 100));
    assert!(r.top.is_none());
    // A `from` under rank A's floor would move ranks: refused with its position.
    let low = good.replacen("  top: {from: 85, to: 90}", "  top: {from: 60, to: 90}", 1);
    std::fs::write(dir.path().join("rubrics/score.yaml"), &low).unwrap();
    let lib = Library::load(Some(dir.path())).expect("overlay loads");
    let err = Scorer::new(&lib).err().expect("invalid top is refused");
    let msg = format!("{:?}", err.reports);
    assert!(msg.contains("top"), "{msg}");
}

#[test]
fn the_middle_of_the_module_scale_is_lowered_most_halfway() {
    // Graders take more off a module paragraph with a visible fault than the sheet's item sum:
    // `middle: {from: 35, to: 85, k: 0.25}` lowers a sheet total inside 35–85, most at 60.
    let m = scorer().rubric().module.middle.expect("module middle");
    assert_eq!((m.from, m.to, m.k), (35.0, 85.0, 0.25));
    assert_eq!(m.apply(60.0), 53.75);
    assert_eq!(m.apply(35.0), 35.0);
    assert_eq!(m.apply(85.0), 85.0);
    assert_eq!(m.apply(20.0), 20.0);
    assert!((m.apply(77.0) - 73.64).abs() < 0.01);
    // Order kept: a better sheet never gets a lower estimate.
    let mut last = 0.0;
    for t in 0..=100 {
        let e = m.apply(t as f32);
        assert!(e >= last, "{t}: {e} < {last}");
        last = e;
    }
    // Essays have no middle.
    assert!(scorer().rubric().essay.middle.is_none());
    // A dev module with a target-only result and no decision: sheet 67 → 61 (B), said in the output.
    let text = include_str!("../fixtures/graded/modules/dev-module-04.md");
    let r = score(text, Some(Kind::Module));
    assert_eq!(
        (r.sheet_total, r.total, r.rank),
        (67, 61, Rank::B),
        "{}",
        breakdown(&r)
    );
    assert!(r.middle.is_some() && r.top.is_none());
    let human = itsm::score::render::human(std::slice::from_ref(&r));
    assert!(human.contains("採点表の合計 67点 → 推定 61点"), "{human}");
    // The rank follows the total as shown: sheet 61 → 54.6, shown as 55, rank B.
    let text = include_str!("../fixtures/graded/modules/dev-module-08.md");
    let r = score(text, Some(Kind::Module));
    assert_eq!(
        (r.sheet_total, r.total, r.rank),
        (61, 55, Rank::B),
        "{}",
        breakdown(&r)
    );
    // Data, not code: without `middle:` the sheet total is the estimate.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("rubrics")).unwrap();
    let good = include_str!("../../rubrics/score.yaml");
    let line = "  middle: {from: 35, to: 85, k: 0.25}\n";
    let flat = good.replacen(line, "", 1);
    assert_ne!(flat, good);
    std::fs::write(dir.path().join("rubrics/score.yaml"), &flat).unwrap();
    let lib = Library::load(Some(dir.path())).expect("overlay loads");
    let r = Scorer::new(&lib).expect("overlay rubric loads").score(
        "m.md",
        include_str!("../fixtures/graded/modules/dev-module-04.md"),
        Some(Kind::Module),
    );
    assert_eq!((r.sheet_total, r.total), (67, 67));
    assert!(r.middle.is_none());
    // A k above 0.5 could reverse the order of totals: refused with its position.
    let steep = good.replacen(line, "  middle: {from: 35, to: 85, k: 0.8}\n", 1);
    std::fs::write(dir.path().join("rubrics/score.yaml"), &steep).unwrap();
    let lib = Library::load(Some(dir.path())).expect("overlay loads");
    let err = Scorer::new(&lib).err().expect("a steep middle is refused");
    let msg = format!("{:?}", err.reports);
    assert!(msg.contains("middle"), "{msg}");
}
