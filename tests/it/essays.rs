//! Every whole-essay draft (`itsm draft --essay`) for every case × theme: lint-clean under the
//! project's own rules, every 設問 part within its limits (typed characters and the 25×16 sheet),
//! the parts present once and in order, one story from 設問ア to 設問ウ, deterministic, and
//! different from case to case.

use itsm::draft::essay::{self as essay_draft, Essay};
use itsm::library::Library;
use itsm::lint::{self, Kind, Settings, Vocabulary};
use std::collections::HashSet;

fn all_essays(lib: &Library) -> Vec<Essay> {
    let mut out = Vec::new();
    for c in &lib.cases {
        for t in &lib.themes {
            let e = essay_draft::essay(lib, c, &t.id, None, 1)
                .unwrap_or_else(|e| panic!("{} × {}: {e:?}", c.id, t.id));
            out.push(e);
        }
    }
    out
}

fn id(e: &Essay) -> String {
    format!("{} × {}", e.case, e.theme)
}

/// The theme's default question (`questions/<theme>.txt`), parsed.
fn default_question(lib: &Library, theme: &str) -> itsm::exam::Question {
    let f = lib.question(theme).expect("every theme has a question");
    itsm::exam::Question::parse(&f.text).expect("the question parses")
}

/// The text of each part (heading line excluded), in document order, with its label.
fn parts(text: &str) -> Vec<(char, String)> {
    let mut out: Vec<(char, String)> = Vec::new();
    for line in text.lines() {
        if let Some(label) = line.strip_prefix("## 設問").and_then(|r| r.chars().next()) {
            out.push((label, String::new()));
        } else if let Some((_, body)) = out.last_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    out
}

/// Characters as typed: line breaks and heading marks (`#` and the space after them) excluded.
fn cbt_chars(body: &str) -> usize {
    body.lines()
        .map(|l| {
            let t = l.trim_end_matches('\r');
            let t = if t.starts_with('#') {
                t.trim_start_matches('#').trim_start()
            } else {
                t
            };
            t.chars().count()
        })
        .sum()
}

#[test]
fn every_case_and_theme_has_an_essay_with_its_own_sentences() {
    let lib = Library::embedded().expect("library loads");
    for c in &lib.cases {
        let essay = c
            .essay
            .as_ref()
            .unwrap_or_else(|| panic!("{}: no essay map", c.id));
        for t in &lib.themes {
            assert!(
                essay.themes.contains_key(&t.id),
                "{}: essay.themes has no `{}`",
                c.id,
                t.id
            );
        }
    }
    for e in all_essays(&lib) {
        assert!(e.notes.is_empty(), "{}: {:?}", id(&e), e.notes);
    }
}

#[test]
fn every_essay_lints_clean() {
    let lib = Library::embedded().expect("library loads");
    let vocab = Vocabulary::from_library(&lib);
    let essays = all_essays(&lib);
    assert_eq!(essays.len(), lib.cases.len() * lib.themes.len());
    assert_eq!(essays.len(), 64);
    let mut problems = Vec::new();
    let mut pending_seen = Vec::new();
    for e in &essays {
        // Judged against the question it answers, so the question checks (E013, E017 …) run.
        let settings = Settings {
            kind: Some(Kind::Essay),
            theme: Some(e.theme.clone()),
            question: Some(default_question(&lib, &e.theme)),
            ..Settings::default()
        };
        let r = lint::lint_text("essay.md", &e.text, &vocab, &settings);
        for d in &r.diagnostics {
            if super::fixtures::pending(&id(e), d.code) {
                pending_seen.push((id(e), d.code));
                continue;
            }
            let span = d
                .span
                .clone()
                .map(|s| e.text[s].to_owned())
                .unwrap_or_default();
            problems.push(format!("{}: {} {} 「{span}」", id(e), d.code, d.message));
        }
        // Detected as an essay without being told.
        let doc = lint::Document::parse(&e.text, None);
        assert_eq!(doc.kind, Kind::Essay, "{}", id(e));
    }
    let stale: Vec<_> = super::fixtures::LIBRARY_PENDING
        .iter()
        .filter(|p| super::fixtures::is_essay_entry(p.0) && !p.0.contains(" --variant "))
        .filter(|p| !pending_seen.iter().any(|(k, c)| k == p.0 && c == &p.1))
        .collect();
    assert!(
        stale.is_empty(),
        "fixed in the library, remove from LIBRARY_PENDING (tests/it/fixtures.rs): {stale:?}"
    );
    assert!(
        problems.is_empty(),
        "{} findings:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_part_is_within_its_limits() {
    let lib = Library::embedded().expect("library loads");
    let mut problems = Vec::new();
    for e in all_essays(&lib) {
        let doc = itsm::lint::Document::parse(&e.text, Some(Kind::Essay));
        let counted = itsm::exam::count_parts(&doc);
        for (label, body) in parts(&e.text) {
            let chars = cbt_chars(&body);
            // Rows as the shared counter lays them out (`itsm count`: hung punctuation,
            // half-width figures two to a cell).
            let shared = counted
                .iter()
                .find(|p| p.label == label)
                .expect("shared count")
                .count
                .genkou
                .rows;
            let rows = shared;
            let (chars_ok, rows_ok) = match label {
                'ア' => (chars <= 800, rows <= 32),
                'イ' => ((800..=1600).contains(&chars), (32..=64).contains(&rows)),
                'ウ' => ((600..=1200).contains(&chars), (24..=48).contains(&rows)),
                other => panic!("{}: unexpected part {other}", id(&e)),
            };
            if !chars_ok || !rows_ok {
                problems.push(format!("{} 設問{label}: {chars}字 {rows}行", id(&e)));
            }
            // The drafter's own count agrees with this one on characters, and with the shared
            // counter (`itsm count`, hung punctuation and half-width figures) on rows.
            let own = e
                .parts
                .iter()
                .find(|p| p.part.ends_with(label))
                .expect("part length");
            assert_eq!(
                (own.chars, own.rows),
                (chars, shared),
                "{} 設問{label}",
                id(&e)
            );
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn parts_are_present_once_and_in_order_with_front_matter_and_sections() {
    let lib = Library::embedded().expect("library loads");
    for e in all_essays(&lib) {
        let labels: Vec<char> = parts(&e.text).iter().map(|(l, _)| *l).collect();
        assert_eq!(labels, ['ア', 'イ', 'ウ'], "{}", id(&e));
        let doc = lint::Document::parse(&e.text, None);
        let doc_labels: Vec<char> = doc.parts.iter().map(|p| p.label).collect();
        assert_eq!(doc_labels, ['ア', 'イ', 'ウ'], "{}", id(&e));
        let fm: Vec<(&str, &str)> = doc
            .front_matter
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            fm,
            [
                ("kind", "essay"),
                ("case", e.case.as_str()),
                ("theme", e.theme.as_str())
            ],
            "{}",
            id(&e)
        );
        // The sections answer the theme's default question: each requested point is a heading
        // of its part (numbered 1.1, 1.2 … in order), and no heading asks for anything else.
        let q = default_question(&lib, &e.theme);
        for (n, (label, body)) in parts(&e.text).iter().enumerate() {
            let headings: Vec<(String, String)> = body
                .lines()
                .filter_map(|l| l.strip_prefix("### "))
                .map(|h| {
                    let (no, title) = h.split_once(' ').unwrap();
                    (no.to_owned(), title.to_owned())
                })
                .collect();
            let numbers: Vec<String> = (1..=headings.len())
                .map(|k| format!("{}.{k}", n + 1))
                .collect();
            assert_eq!(
                headings
                    .iter()
                    .map(|(no, _)| no.clone())
                    .collect::<Vec<_>>(),
                numbers,
                "{}: 設問{label}",
                id(&e)
            );
            let points = &q.part(*label).unwrap().points;
            // Two short points may share one heading (「投資の判断と取組の評価」).
            let is_point = |t: &str| points.iter().any(|p| p.contains(t));
            for (_, title) in &headings {
                assert!(
                    is_point(title) || title.split('と').all(is_point),
                    "{}: 設問{label} heading 「{title}」 is no point of the question {points:?}",
                    id(&e)
                );
            }
            for p in points
                .iter()
                .filter(|p| !(p.ends_with("について") && p.chars().count() <= 14))
            {
                assert!(
                    headings
                        .iter()
                        .any(|(_, t)| p.contains(t.as_str()) || t.contains(p.as_str())),
                    "{}: 設問{label} point 「{p}」 has no heading",
                    id(&e)
                );
            }
        }
        assert!(e.text.contains("### 1.1 ITサービスの概要"), "{}", id(&e));
        assert!(e.text.trim_end().ends_with("以上"), "{}", id(&e));
    }
}

fn without_glosses(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '（' => depth += 1,
            '）' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn one_story_from_the_problem_to_the_evaluation() {
    let lib = Library::embedded().expect("library loads");
    let subjective = [
        "うまくいった",
        "好評",
        "感謝され",
        "満足してもらえた",
        "成功した",
    ];
    for e in all_essays(&lib) {
        let c = lib.case(&e.case).unwrap();
        let entry = &c.essay.as_ref().unwrap().themes[&e.theme];
        // Glosses added at first use (「CSIRT（…）」) do not count as a difference.
        let p: Vec<String> = parts(&e.text)
            .into_iter()
            .map(|(_, b)| without_glosses(&b))
            .collect();
        let (a, i, u) = (&p[0], &p[1], &p[2]);
        let has = |body: &str, field: &str, what: &str| {
            let head: String = without_glosses(field.trim()).chars().take(20).collect();
            assert!(
                body.contains(&head),
                "{}: {what} 「{head}」 missing",
                id(&e)
            );
        };
        // 設問ア raises the one problem 設問イ solves and 設問ウ evaluates.
        has(a, &entry.problem, "設問ア: the problem");
        has(i, &entry.alternative, "設問イ: the rejected alternatives");
        has(i, &entry.target, "設問イ: the target");
        has(u, &entry.result, "設問ウ: the result");
        has(u, &entry.setback, "設問ウ: the setback");
        assert_eq!(entry.issues.len(), 2, "{}: two remaining issues", id(&e));
        for issue in &entry.issues {
            has(u, issue, "設問ウ: a remaining issue");
        }
        // A target is not its own result: the result states a figure the target does not.
        let figures = |s: &str| -> HashSet<String> {
            let mut out = HashSet::new();
            let mut cur = String::new();
            for ch in s.chars().chain(std::iter::once(' ')) {
                if ch.is_ascii_digit() || (ch == '.' && !cur.is_empty()) {
                    cur.push(ch);
                } else if !cur.is_empty() {
                    out.insert(std::mem::take(&mut cur));
                }
            }
            out
        };
        let (target, result) = (figures(&entry.target), figures(&entry.result));
        assert!(
            !result.is_subset(&target),
            "{}: the result repeats the target's figures",
            id(&e)
        );
        // 設問ア: overview with the service, the SLA figure and my role.
        assert!(a.contains(&c.facts["service"]), "{}", id(&e));
        assert!(a.contains(&c.facts["availability"]), "{}", id(&e));
        assert!(a.contains("私は"), "{}", id(&e));
        let theme = lib.theme(&e.theme).unwrap();
        assert!(
            theme.keywords.iter().any(|k| e.text.contains(k.as_str())),
            "{}: no keyword of the theme",
            id(&e)
        );
        // The 観点 of 設問イ is answered in so many words, and 設問ア closes on its last point.
        let q = default_question(&lib, &e.theme);
        for vp in &q.part('イ').unwrap().viewpoints {
            assert!(
                i.contains(vp.as_str()),
                "{}: 観点「{vp}」 not answered",
                id(&e)
            );
        }
        let last_heading = a
            .lines()
            .filter_map(|l| l.strip_prefix("### "))
            .next_back()
            .and_then(|h| h.split_once(' '))
            .map(|(_, t)| t.to_owned())
            .unwrap();
        let closing = a.lines().rev().find(|l| !l.trim().is_empty()).unwrap();
        let closing = closing.rsplit('。').find(|s| !s.is_empty()).unwrap();
        assert!(
            closing.contains(&last_heading),
            "{}: 設問ア does not close on 「{last_heading}」: {closing}",
            id(&e)
        );
        for w in subjective {
            assert!(!u.contains(w), "{}: subjective 「{w}」", id(&e));
        }
        // No personal blame as a cause: 「不注意」 only where it is denied.
        assert!(!e.text.contains("うっかり"), "{}", id(&e));
        for (at, _) in e.text.match_indices("不注意") {
            assert!(
                e.text[at..].starts_with("不注意ではなく"),
                "{}: 不注意 as a cause",
                id(&e)
            );
        }
    }
}

#[test]
fn essays_are_deterministic() {
    let lib = Library::embedded().expect("library loads");
    let first: Vec<String> = all_essays(&lib).into_iter().map(|e| e.text).collect();
    let again: Vec<String> = all_essays(&lib).into_iter().map(|e| e.text).collect();
    assert_eq!(first, again);
    let reloaded = Library::embedded().expect("library loads");
    let third: Vec<String> = all_essays(&reloaded).into_iter().map(|e| e.text).collect();
    assert_eq!(first, third);
}

fn grams(text: &str) -> HashSet<String> {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    chars.windows(10).map(|w| w.iter().collect()).collect()
}

#[test]
fn the_same_theme_reads_differently_from_case_to_case() {
    let lib = Library::embedded().expect("library loads");
    let essays = all_essays(&lib);
    for t in &lib.themes {
        let same: Vec<&Essay> = essays.iter().filter(|e| e.theme == t.id).collect();
        assert_eq!(same.len(), lib.cases.len());
        for (k, a) in same.iter().enumerate() {
            for b in &same[k + 1..] {
                let (ga, gb) = (grams(&a.text), grams(&b.text));
                let shared = ga.intersection(&gb).count() as f64;
                let jaccard = shared / ga.union(&gb).count() as f64;
                // Measured: at most about 0.17 (the shared layout); a shared module goes past 0.3.
                assert!(
                    jaccard < 0.3,
                    "{} and {} share {jaccard:.2} of their 10-character runs",
                    id(a),
                    id(b)
                );
            }
        }
    }
}

#[test]
fn other_variants_and_cases_without_essay_data_still_make_an_essay() {
    let lib = Library::embedded().expect("library loads");
    let vocab = Vocabulary::from_library(&lib);
    let settings = Settings {
        kind: Some(Kind::Essay),
        ..Settings::default()
    };
    let fx = lib.case("fx").unwrap();
    // --variant 2 of fx × change builds on another module and keeps two techniques.
    let v1 = essay_draft::essay(&lib, fx, "change", None, 1).unwrap();
    let v2 = essay_draft::essay(&lib, fx, "change", None, 2).unwrap();
    assert_ne!(v1.module, v2.module);
    assert_eq!(v2.support.as_deref(), Some(v1.module.as_str()));
    assert_eq!(v1.variants, v2.variants);
    let r = lint::lint_text("v2.md", &v2.text, &vocab, &settings);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    // --module picks the module directly.
    let m = essay_draft::essay(&lib, fx, "change", Some("standard-change"), 1).unwrap();
    assert_eq!(m.module, "standard-change");
    // A measure without essay sentences of its own makes no essay, and says which do.
    match essay_draft::essay(&lib, fx, "relationship", Some("roi-availability"), 1) {
        Err(itsm::draft::DraftError::NoEssay { module, offered }) => {
            assert_eq!(module, "roi-availability");
            assert_eq!(offered[0].0, 1);
            assert_eq!(offered[0].1, "sla-responsibility-boundary");
        }
        other => panic!("{other:?}"),
    }
    // A module whose example for the case is not written for the theme is refused.
    assert!(matches!(
        essay_draft::essay(&lib, fx, "change", Some("canary-release"), 1),
        Err(itsm::draft::DraftError::ModuleMismatch { .. })
    ));
    // A case without an essay map still renders all three parts, and says what it left out.
    let mut bare = lib.clone();
    for c in &mut bare.cases {
        c.essay = None;
    }
    let case = bare.case("supermarket").unwrap();
    let e = essay_draft::essay(&bare, case, "release", None, 1).unwrap();
    let labels: Vec<char> = parts(&e.text).iter().map(|(l, _)| *l).collect();
    assert_eq!(labels, ['ア', 'イ', 'ウ']);
    assert!(
        e.notes.iter().any(|n| n.contains("essay.themes")),
        "{:?}",
        e.notes
    );
    // No sentence of the case's own essay data leaks into it.
    let real = lib.case("supermarket").unwrap().essay.as_ref().unwrap();
    let alternative: String = real.themes["release"]
        .alternative
        .chars()
        .take(15)
        .collect();
    assert!(!e.text.contains(&alternative));
}

// ---- the command line -------------------------------------------------------------------

mod cli {
    use assert_cmd::Command;
    use predicates::prelude::*;
    use std::fs;

    fn itsm() -> Command {
        let mut c = Command::cargo_bin("itsm").unwrap();
        c.env("NO_COLOR", "1");
        c
    }

    fn essay_args(case: &str, theme: &str) -> Vec<String> {
        ["draft", "--case", case, "--theme", theme, "--essay"]
            .map(String::from)
            .to_vec()
    }

    #[test]
    fn essay_prints_markdown_that_lints_clean() {
        let out = itsm().args(essay_args("fx", "change")).output().unwrap();
        assert!(out.status.success());
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.starts_with("---\nkind: essay\ncase: fx\ntheme: change\n---\n"),
            "{text}"
        );
        for h in ["## 設問ア", "## 設問イ", "## 設問ウ", "### 3.2 今後の課題"] {
            assert!(text.contains(h), "{h}");
        }
        // --format markdown prints the same essay.
        let md = itsm()
            .args(essay_args("fx", "change"))
            .args(["--format", "markdown"])
            .output()
            .unwrap();
        assert_eq!(md.stdout, text.as_bytes());
        // Written to a file, the essay lints without a single finding, kind detected.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("essay.md");
        itsm()
            .args(essay_args("fx", "change"))
            .arg("-o")
            .arg(&path)
            .assert()
            .success()
            .stderr(predicate::str::contains("書き出しました"));
        assert_eq!(fs::read_to_string(&path).unwrap(), text);
        itsm()
            .args(essay_args("fx", "change"))
            .arg("-o")
            .arg(&path)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--force"));
        itsm()
            .args(["lint", "--fail-on", "info"])
            .arg(&path)
            .assert()
            .success()
            .stdout(predicate::str::contains("エラー 0件、警告 0件、情報 0件"));
    }

    #[test]
    fn essay_json_wraps_the_text_and_part_lengths() {
        let out = itsm()
            .args(essay_args("insurer", "continuity"))
            .args(["--format", "json"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["version"], 1);
        let e = &v["essay"];
        assert_eq!(e["case"], "insurer");
        assert_eq!(e["theme"], "continuity");
        assert_eq!(e["module"], "two-stage-recovery-rlo");
        assert_eq!(e["support"], "bcp-it-headquarters");
        assert!(e["text"].as_str().unwrap().contains("## 設問イ"));
        let parts: Vec<&str> = e["parts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["part"].as_str().unwrap())
            .collect();
        assert_eq!(parts, ["設問ア", "設問イ", "設問ウ"]);
        assert!(e["parts"][1]["chars"].as_u64().unwrap() >= 800);
        assert_eq!(e["notes"].as_array().unwrap().len(), 0);
    }

    #[test]
    fn essay_needs_a_case_and_known_ids() {
        itsm()
            .args(["draft", "--theme", "change", "--essay"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--essay には --case が必要です"));
        itsm()
            .args(essay_args("fx", "chnage"))
            .assert()
            .code(2)
            .stderr(predicate::str::contains("もしかして `change`"));
        itsm()
            .args(essay_args("fx", "change"))
            .args(["--variant", "99"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--variant 99 は範囲外"));
        // A measure without essay sentences of its own: refused, with the ones that have them
        // and the command for its paragraph alone; `list essays` shows the same.
        itsm()
            .args(essay_args("fx", "relationship"))
            .args(["--variant", "2"])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(
                "論文にできる候補: --variant 1（責任共有モデル）",
            ))
            .stderr(predicate::str::contains(
                "itsm draft --case fx --theme relationship --module roi-availability",
            ));
        itsm()
            .args(["list", "essays"])
            .assert()
            .success()
            .stdout(predicate::str::contains(
                "--variant 1（動的承認ルーティング）、--variant 2（標準変更）",
            ));
    }

    fn overlay_case(dir: &std::path::Path, edit: impl Fn(&str) -> String) {
        let src =
            fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/cases/fx.yaml")).unwrap();
        let edited = edit(&src);
        assert_ne!(src, edited, "the edit must change the file");
        fs::create_dir_all(dir.join("cases")).unwrap();
        fs::write(dir.join("cases/fx.yaml"), edited).unwrap();
    }

    #[test]
    fn essay_map_errors_name_the_key_and_suggest() {
        let dir = tempfile::tempdir().unwrap();
        overlay_case(dir.path(), |s| {
            s.replace("support: standard-change", "support: standard-chnage")
        });
        itsm()
            .args(["list", "cases", "--library"])
            .arg(dir.path())
            .assert()
            .code(2)
            .stderr(
                predicate::str::contains("essay.themes.change.support")
                    .and(predicate::str::contains("もしかして `standard-change`"))
                    .and(predicate::str::contains("fx.yaml:")),
            );
        overlay_case(dir.path(), |s| {
            s.replacen("  themes:\n    change:", "  themes:\n    chnage:", 1)
        });
        itsm()
            .args(["list", "cases", "--library"])
            .arg(dir.path())
            .assert()
            .code(2)
            .stderr(predicate::str::contains("未知のテーマ `chnage`"));
        overlay_case(dir.path(), |s| {
            s.replacen("      setback:", "      setbak:", 1)
        });
        itsm()
            .args(["list", "cases", "--library"])
            .arg(dir.path())
            .assert()
            .code(2)
            .stderr(predicate::str::contains("setbak"));
    }

    #[test]
    fn essay_template_errors_point_into_the_layout() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("rubrics")).unwrap();
        let src =
            fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/rubrics/essay.j2")).unwrap();
        // A syntax error is found when the library loads.
        fs::write(
            dir.path().join("rubrics/essay.j2"),
            format!("{src}\n{{% if %}}\n"),
        )
        .unwrap();
        itsm()
            .args(["list", "themes", "--library"])
            .arg(dir.path())
            .assert()
            .code(2)
            .stderr(predicate::str::contains("essay.j2").and(predicate::str::contains("構文")));
        // An undefined variable is found when the essay is drafted, with its name.
        let broken = src.replace("{{ p.decision }}", "{{ p.decison }}");
        assert_ne!(src, broken);
        fs::write(dir.path().join("rubrics/essay.j2"), broken).unwrap();
        itsm()
            .args(essay_args("fx", "change"))
            .arg("--library")
            .arg(dir.path())
            .assert()
            .code(2)
            .stderr(
                predicate::str::contains("p.decison").and(predicate::str::contains("essay.j2")),
            );
    }
}

/// The shared counter (`itsm count`) agrees: every part within the exam limits in both modes.
#[test]
fn every_part_fits_both_counting_modes_of_the_shared_counter() {
    use itsm::exam::{CountMode, Limits, count_parts};
    use itsm::lint::{Document, Kind};
    let lib = Library::embedded().unwrap();
    let limits = Limits::exam();
    let mut bad = Vec::new();
    for e in all_essays(&lib) {
        let doc = Document::parse(&e.text, Some(Kind::Essay));
        let parts = count_parts(&doc);
        assert_eq!(
            parts.iter().map(|p| p.label).collect::<String>(),
            "アイウ",
            "{}",
            id(&e)
        );
        for p in &parts {
            for mode in [CountMode::Cbt, CountMode::Genkou] {
                if !limits.get(p.label).fit(mode, &p.count).is_ok() {
                    bad.push(format!(
                        "{} 設問{} {}: {} chars, {} rows",
                        id(&e),
                        p.label,
                        mode.as_str(),
                        p.count.cbt,
                        p.count.genkou.rows
                    ));
                }
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// Prose sentences of an essay (headings and front matter left out), split at 「。」.
fn sentences(text: &str) -> Vec<String> {
    let body = text.splitn(3, "---\n").nth(2).unwrap_or(text);
    body.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .flat_map(|l| l.split_inclusive('。'))
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// A sentence with what is particular to its case masked: figures (「#」), the company letters
/// (「X社」), and the case's named actors and short facts (service, organisation, partner…).
fn masked(sentence: &str, case_nouns: &[String]) -> String {
    let mut s = sentence.to_owned();
    for n in case_nouns {
        s = s.replace(n.as_str(), "〇");
    }
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() || ('０'..='９').contains(&c) {
            while chars
                .peek()
                .is_some_and(|d| d.is_ascii_digit() || matches!(d, ',' | '.' | '，' | '．'))
            {
                chars.next();
            }
            out.push('#');
        } else if c.is_ascii_uppercase() && chars.peek() == Some(&'社') {
            out.push('X');
        } else {
            out.push(c);
        }
    }
    out
}

/// Issue 14's frame-reuse bar: no sentence of 15 characters or more (after masking figures and
/// the case's own names) appears in more than an eighth of the 64 essays (the issue asks for a
/// fifth). Measured: at most 8 of 64 (a case's overview sentences, each in half of that case's
/// essays); outside the overview at most 3.
#[test]
fn no_sentence_frame_is_shared_by_more_than_a_fifth_of_the_essays() {
    let lib = Library::embedded().expect("library loads");
    let essays = all_essays(&lib);
    let mut seen: std::collections::HashMap<String, HashSet<String>> = Default::default();
    for e in &essays {
        let c = lib.case(&e.case).unwrap();
        let mut nouns: Vec<String> = c.actors.keys().cloned().collect();
        nouns.extend(
            c.facts
                .values()
                .filter(|v| (2..=20).contains(&v.chars().count()))
                .cloned(),
        );
        nouns.sort_by_key(|n| std::cmp::Reverse(n.len()));
        for s in sentences(&e.text) {
            let m = masked(&s, &nouns);
            if m.chars().count() >= 15 {
                seen.entry(m).or_default().insert(id(e));
            }
        }
    }
    let limit = essays.len() / 8;
    let mut frames: Vec<(usize, &String)> = seen
        .iter()
        .map(|(s, ids)| (ids.len(), s))
        .filter(|(n, _)| *n > limit)
        .collect();
    frames.sort();
    assert!(
        frames.is_empty(),
        "sentences in more than {limit} of {} essays:\n{}",
        essays.len(),
        frames
            .iter()
            .map(|(n, s)| format!("{n}: {s}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Issue 14's frames are also openers and endings shared by sentences that differ in between
/// (「…案も検討したが、…採らなかった。」 closed a sentence in 57 of the 64 essays): outside the
/// service overview (1.1), no sentence opening (first 10 characters after masking figures and
/// company letters) and no sentence ending (last 8) appears in more than half of the essays.
/// Measured: endings at most 30 of 64 (「…目標を達成した。」), openers at most 32 (「具体的には、#年#月」,
/// the dated episode's marker).
#[test]
fn no_sentence_opening_or_ending_is_shared_by_more_than_half_of_the_essays() {
    let lib = Library::embedded().expect("library loads");
    let essays = all_essays(&lib);
    let mut openers: std::collections::HashMap<String, HashSet<String>> = Default::default();
    let mut endings: std::collections::HashMap<String, HashSet<String>> = Default::default();
    for e in &essays {
        let start = e.text.find("### 1.1").unwrap();
        let end = e.text[start..]
            .find("### 1.2")
            .map_or(e.text.len(), |x| start + x);
        let text = format!("{}{}", &e.text[..start], &e.text[end..]);
        for s in sentences(&text) {
            if s == "以上" {
                continue;
            }
            let m: Vec<char> = masked(&s, &[]).chars().collect();
            let head: String = m.iter().take(10).collect();
            let tail: String = m[m.len().saturating_sub(8)..].iter().collect();
            openers.entry(head).or_default().insert(id(e));
            endings.entry(tail).or_default().insert(id(e));
        }
    }
    let limit = essays.len() / 2;
    let mut over: Vec<String> = openers
        .iter()
        .chain(endings.iter())
        .filter(|(_, ids)| ids.len() > limit)
        .map(|(f, ids)| format!("{}: {f}", ids.len()))
        .collect();
    over.sort();
    assert!(
        over.is_empty(),
        "frames in more than {limit} of {} essays:\n{}",
        essays.len(),
        over.join("\n")
    );
}

/// Issue 14: the essays of one case for two themes are different essays, not one essay with
/// another heading. Measured: at most 0.17 of their 10-character runs in common outside the
/// service overview (1.1), which is the case's own.
#[test]
fn the_themes_of_a_case_make_different_essays() {
    let lib = Library::embedded().expect("library loads");
    let essays = all_essays(&lib);
    let without_overview = |t: &str| -> String {
        let start = t.find("### 1.1").unwrap();
        let end = t[start..].find("### 1.2").map_or(t.len(), |e| start + e);
        format!("{}{}", &t[..start], &t[end..])
    };
    for c in &lib.cases {
        let same: Vec<&Essay> = essays.iter().filter(|e| e.case == c.id).collect();
        let grams: Vec<HashSet<String>> = same
            .iter()
            .map(|e| grams(&without_overview(&e.text)))
            .collect();
        for a in 0..same.len() {
            for b in a + 1..same.len() {
                let shared = grams[a].intersection(&grams[b]).count() as f64;
                let jaccard = shared / grams[a].union(&grams[b]).count() as f64;
                assert!(
                    jaccard < 0.25,
                    "{} and {} share {jaccard:.2} of their 10-character runs",
                    id(same[a]),
                    id(same[b])
                );
            }
        }
    }
}

/// Every other measure (`--variant 2…`) either has its own essay sentences (an `alt` block) and
/// makes an essay with no error, no warning and no notes — judged against the theme's default
/// question, so the question checks (E013, E017, E020 …) run — or is refused with the list of
/// the measures that do make an essay (a generic essay reads assembled: gradeset z, 41/42 C).
#[test]
fn every_variant_essay_lints_clean_or_is_refused() {
    let lib = Library::embedded().expect("library loads");
    let vocab = Vocabulary::from_library(&lib);
    let mut problems = Vec::new();
    let mut variants_pending: Vec<(String, &str)> = Vec::new();
    let (mut made, mut refused) = (0, 0);
    for c in &lib.cases {
        for t in &lib.themes {
            let settings = Settings {
                kind: Some(Kind::Essay),
                theme: Some(t.id.clone()),
                question: Some(default_question(&lib, &t.id)),
                ..Settings::default()
            };
            let offered: Vec<usize> = essay_draft::essay_variants(&lib, c, &t.id)
                .iter()
                .map(|v| v.variant)
                .collect();
            assert_eq!(offered.first(), Some(&1), "{} × {}", c.id, t.id);
            let n = essay_draft::essay(&lib, c, &t.id, None, 1)
                .unwrap()
                .variants;
            for v in 2..=n {
                match essay_draft::essay(&lib, c, &t.id, None, v) {
                    Ok(e) => {
                        made += 1;
                        assert!(offered.contains(&v), "{} --variant {v} not offered", id(&e));
                        for note in &e.notes {
                            problems.push(format!("{} --variant {v}: note {note}", id(&e)));
                        }
                        let r = lint::lint_text("essay.md", &e.text, &vocab, &settings);
                        let key = format!("{} --variant {v}", id(&e));
                        let pending = |code: &str| {
                            super::fixtures::pending(&key, code)
                                || super::fixtures::pending(&e.module, code)
                                || e.support
                                    .as_deref()
                                    .is_some_and(|m| super::fixtures::pending(m, code))
                        };
                        for d in r.diagnostics.iter().filter(|d| pending(d.code)) {
                            variants_pending.push((key.clone(), d.code));
                        }
                        for d in r.diagnostics.iter().filter(|d| !pending(d.code)) {
                            problems.push(format!(
                                "{} --variant {v}: {} {}",
                                id(&e),
                                d.code,
                                d.message
                            ));
                        }
                    }
                    Err(itsm::draft::DraftError::NoEssay { offered: o, .. }) => {
                        refused += 1;
                        assert!(!offered.contains(&v), "{} × {} --variant {v}", c.id, t.id);
                        let listed: Vec<usize> = o.iter().map(|x| x.0).collect();
                        assert_eq!(listed, offered);
                    }
                    Err(err) => panic!("{} × {} --variant {v}: {err:?}", c.id, t.id),
                }
            }
        }
    }
    // The alt blocks of the library (fx 1, ses and supermarket 15) make essays; the other
    // measures are refused. Blocks graders could not rank A were removed, so this is a floor.
    let stale: Vec<_> = super::fixtures::LIBRARY_PENDING
        .iter()
        .filter(|p| p.0.contains(" × ") && p.0.contains(" --variant "))
        .filter(|p| !variants_pending.iter().any(|(k, c)| k == p.0 && c == &p.1))
        .collect();
    assert!(
        stale.is_empty(),
        "fixed in the library, remove from LIBRARY_PENDING (tests/it/fixtures.rs): {stale:?}"
    );
    assert!(made >= 15, "only {made} other variants make an essay");
    assert!(refused > 0);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

mod question_cli {
    use assert_cmd::Command;

    const QUESTION: &str = concat!(
        "問２　重大なインシデントへの迅速な対応について\n\n",
        "　ITサービスの停止が事業に与える影響は大きくなっている。\n",
        "　あなたの経験と考えに基づいて，設問ア～ウに従って論述せよ。\n\n",
        "設問ア　あなたが携わったITサービスの概要と，重大なインシデントへの対応で生じていた問題について，７００字以内で述べよ。\n",
        "設問イ　設問アで述べた問題を踏まえて，あなたが整えた対応の体制と手順，及びその実施に当たって工夫した点について，関係部門への連絡の観点を含めて，８００字以上１，６００字以内で具体的に述べよ。\n",
        "設問ウ　設問イで述べた体制と手順の評価，及び今後の改善について，６００字以上１，２００字以内で具体的に述べよ。\n",
    );

    /// `--question FILE`: the 設問's points become the headings, 設問ア closes on its last point,
    /// its limit (700字) is the one checked, and a 観点 the prepared sentences do not answer is a
    /// note for the user, not a heading glued onto other sentences.
    #[test]
    fn the_essay_answers_the_given_question() {
        let dir = tempfile::tempdir().unwrap();
        let q = dir.path().join("q.txt");
        std::fs::write(&q, QUESTION).unwrap();
        let out = Command::cargo_bin("itsm")
            .unwrap()
            .args([
                "draft",
                "--case",
                "insurer",
                "--theme",
                "incident",
                "--essay",
                "--question",
            ])
            .arg(&q)
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        for h in [
            "### 1.1 ITサービスの概要",
            "### 1.2 重大なインシデントへの対応で生じていた問題",
            "### 2.1 対応の体制",
            "### 2.2 手順",
            "### 2.3 実施に当たって工夫した点",
            "### 3.1 体制と手順の評価",
            "### 3.2 今後の改善",
        ] {
            assert!(text.contains(h), "missing {h}:\n{text}");
        }
        let a = &text[text.find("## 設問ア").unwrap()..text.find("## 設問イ").unwrap()];
        let closing = a.trim_end().lines().last().unwrap();
        assert!(
            closing.contains("重大なインシデントへの対応で生じていた問題"),
            "{closing}"
        );
        assert!(!text.contains("関係部門への連絡という観点"), "{text}");
        assert!(!text.contains("関係部門への連絡の観点"), "{text}");
        assert!(stderr.contains("観点「関係部門への連絡」"), "{stderr}");
        // 設問ア is held to the question's 700 characters, not the exam's 800.
        let chars: usize = a
            .lines()
            .filter(|l| !l.starts_with("## "))
            .map(|l| l.trim_start_matches("### ").chars().count())
            .sum();
        if chars > 700 {
            assert!(stderr.contains("700"), "{chars} chars, no note: {stderr}");
        }
    }
}

/// An essay theme's `alt` block tells the story of another module: `--variant 2` of fx × change
/// rests on the standard change, so its 設問ア raises the queue of routine changes that module
/// answers, 設問ウ reports its own results, and 3.2 holds the block's two issues only (no third
/// taken from the module's remaining issue).
#[test]
fn a_variant_with_its_own_sentences_tells_its_own_story() {
    let lib = Library::embedded().expect("library loads");
    let c = lib.case("fx").unwrap();
    let e = essay_draft::essay(&lib, c, "change", None, 2).unwrap();
    assert_eq!(e.module, "standard-change");
    assert!(
        e.text.contains("承認待ちの変更は76件まで積み上がった"),
        "{}",
        e.text
    );
    assert!(
        e.text.contains("標準変更として実施した約260件"),
        "{}",
        e.text
    );
    let remaining = e.text.split("### 3.2").nth(1).unwrap();
    assert!(
        !remaining.contains("最後に") && !remaining.contains("第三に"),
        "{remaining}"
    );
    // The example's outcome (「…40日から9日に短縮した」) stays out of 設問イ.
    let i = e
        .text
        .split("## 設問イ")
        .nth(1)
        .unwrap()
        .split("## 設問ウ")
        .next()
        .unwrap();
    assert!(!i.contains("9日"), "{i}");
    let v1 = essay_draft::essay(&lib, c, "change", None, 1).unwrap();
    assert!(
        !v1.text
            .contains("承認待ちの変更は76件まで積み上がった。定型")
    );
}

/// Every essay `itsm draft --essay` offers (each case × theme, every variant with an essay).
fn offered_essays(lib: &Library) -> Vec<(usize, Essay)> {
    let mut out = Vec::new();
    for c in &lib.cases {
        for t in &lib.themes {
            for v in essay_draft::essay_variants(lib, c, &t.id) {
                let e = essay_draft::essay(lib, c, &t.id, None, v.variant)
                    .unwrap_or_else(|e| panic!("{} × {} v{}: {e:?}", c.id, t.id, v.variant));
                out.push((v.variant, e));
            }
        }
    }
    out
}

#[test]
fn no_offered_essay_says_the_same_sentence_twice() {
    // A sentence of 25 characters or more printed twice in one essay reads as pasted: the
    // generator put the same entry or module field in two places.
    let lib = Library::embedded().expect("library loads");
    let essays = offered_essays(&lib);
    assert!(essays.len() >= 79, "offered essays: {}", essays.len());
    let mut repeated = Vec::new();
    for (v, e) in &essays {
        let mut seen = HashSet::new();
        for s in sentences(&e.text) {
            if s.chars().count() >= 25 && !seen.insert(s.clone()) {
                repeated.push(format!("{} v{v}: {s}", id(e)));
            }
        }
    }
    assert!(
        repeated.is_empty(),
        "{} repeated sentences:\n{}",
        repeated.len(),
        repeated.join("\n")
    );
}
