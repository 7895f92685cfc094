//! Every `itsm.yaml` key is honoured by every command it applies to, through the one resolver
//! (`src/config/resolve.rs`). One test per key; each runs the real binary in a temporary study
//! folder, once without and once with the key, and checks the difference.
//!
//! Where a key applies: `rules` (severities and options), `abbreviations`,
//! `allowed-abbreviations` and `banned` — lint, score (its lint evidence), count (F010's
//! `min-module-chars` is a module paragraph's limit); `library` — every command that reads the
//! library (lint, score, draft, list); `counting` — lint (E004) and count; `fail-on` — lint;
//! `min-score` — score; `kinds`, `include`, `exclude` — lint, score, count; a question named in
//! the front matter — lint, score and count (its limits).

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::Path;

const ESSAY: &str = include_str!("../fixtures/score/essay-a.md");

fn itsm(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("itsm").unwrap();
    c.env("NO_COLOR", "1").current_dir(dir);
    c
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(dir: &Path, args: &[&str]) -> Out {
    let o = itsm(dir).args(args).output().unwrap();
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8(o.stdout).unwrap(),
        stderr: String::from_utf8(o.stderr).unwrap(),
    }
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let o = run(dir, args);
    assert!(o.code == 0 || o.code == 1, "{args:?}: {}", o.stderr);
    serde_json::from_str(&o.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}\n{}", o.stdout))
}

/// A study folder holding `files` (relative path → text).
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (p, text) in files {
        let p = dir.path().join(p);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
    dir
}

fn set_config(dir: &Path, yaml: &str) {
    fs::write(dir.join("itsm.yaml"), yaml).unwrap();
}

/// The score of the only file, in half points (the sum of its sections: the total is rounded to
/// a whole point, and a single minor finding costs half a point).
fn total(dir: &Path, file: &str) -> u64 {
    let v = json(dir, &["score", file, "--format", "json"]);
    let sum: f64 = v["files"][0]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["points"].as_f64().unwrap())
        .sum();
    (sum * 2.0).round() as u64
}

/// The codes lint reports on `file`.
fn lint_codes(dir: &Path, file: &str) -> Vec<String> {
    json(dir, &["lint", file, "--format", "json"])["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect()
}

/// The `min` of the only row of `itsm count --format json`.
fn count_min(dir: &Path, file: &str) -> Value {
    json(dir, &["count", file, "--format", "json"])["files"][0]["parts"][0]["cbt"]["min"].clone()
}

const MODULE: &str = "インシデントモデルと呼ばれる、障害の種類ごとに対応手順を定めるという特徴を持つ手法を使用し、夜間の一次対応を標準化した。なぜならば、担当者ごとに初動が違い復旧が遅れるというサービス運用上の問題・課題が解決できると考えたからである。工夫した点は、手順を月1回見直した点である。具体的には、平均60分の復旧を35分に短縮した。\n";

#[test]
fn rules_severity_is_honoured_by_score() {
    // 「再発」 banned (S003) costs points; turning S003 off in the same config gives them back.
    let dir = folder(&[("a.md", ESSAY)]);
    let clean = total(dir.path(), "a.md");
    assert!(clean >= 180, "{clean} half points");
    set_config(dir.path(), "banned: {再発: 繰り返し}\n");
    assert!(lint_codes(dir.path(), "a.md").contains(&"S003".to_owned()));
    let banned = total(dir.path(), "a.md");
    assert!(banned < clean, "banned names cost points: {banned}");
    set_config(dir.path(), "banned: {再発: 繰り返し}\nrules: {S003: off}\n");
    assert!(!lint_codes(dir.path(), "a.md").contains(&"S003".to_owned()));
    assert_eq!(total(dir.path(), "a.md"), clean);
}

#[test]
fn rule_options_are_honoured_by_score_and_count() {
    // S005's sentence limit: every sentence of the essay is longer than 20 characters.
    let dir = folder(&[("a.md", ESSAY), ("m.md", MODULE)]);
    let clean = total(dir.path(), "a.md");
    assert_eq!(count_min(dir.path(), "m.md"), 400);
    set_config(
        dir.path(),
        "rules:\n  S005: {max-sentence-chars: 20}\n  F010: {min-module-chars: 900}\n",
    );
    assert!(total(dir.path(), "a.md") < clean);
    // F010's minimum is the module paragraph's limit in `itsm count` too.
    assert_eq!(count_min(dir.path(), "m.md"), 900);
    assert_eq!(run(dir.path(), &["count", "m.md"]).code, 1);
    assert!(lint_codes(dir.path(), "m.md").contains(&"F010".to_owned()));
}

#[test]
fn abbreviations_are_honoured_by_score() {
    // An unexplained 「QZX」 is an S002 finding in lint and score; the config's gloss is the
    // fix both offer.
    let text = ESSAY.replacen("K社は、", "K社は、QZXを運用する", 1);
    let dir = folder(&[("a.md", &text)]);
    let plain = run(dir.path(), &["score", "a.md"]).stdout;
    assert!(plain.contains("QZX"), "{plain}");
    assert!(!plain.contains("問合せ窓口"), "{plain}");
    set_config(dir.path(), "abbreviations: {QZX: 問合せ窓口}\n");
    let glossed = run(dir.path(), &["score", "a.md"]).stdout;
    assert!(glossed.contains("QZX（問合せ窓口）"), "{glossed}");
}

#[test]
fn allowed_abbreviations_are_honoured_by_score() {
    let text = ESSAY.replacen("K社は、", "K社は、QZXを運用する", 1);
    let dir = folder(&[("a.md", &text), ("clean.md", ESSAY)]);
    let clean = total(dir.path(), "clean.md");
    let before = total(dir.path(), "a.md");
    assert!(before < clean, "an unexplained abbreviation costs points");
    set_config(dir.path(), "allowed-abbreviations: [QZX]\n");
    assert_eq!(total(dir.path(), "a.md"), clean);
}

#[test]
fn banned_names_are_honoured_by_score() {
    let dir = folder(&[("a.md", ESSAY)]);
    set_config(dir.path(), "banned: {再発: 繰り返し}\n");
    let out = run(dir.path(), &["score", "a.md"]).stdout;
    assert!(out.contains("「再発」→「繰り返し」"), "{out}");
}

#[test]
fn library_is_honoured_by_score_draft_and_list() {
    // A broken file in the configured overlay is reported by every command that loads the
    // library, naming the overlay's file.
    let dir = folder(&[("a.md", ESSAY), ("lib/cases/broken.yaml", "id: [\n")]);
    for args in [
        &["score", "a.md"][..],
        &["draft", "--case", "fx", "--theme", "change"],
        &["list", "cases"],
        &["lint", "a.md"],
    ] {
        assert_eq!(run(dir.path(), args).code, 0, "{args:?} without a config");
    }
    set_config(dir.path(), "library: lib\n");
    for args in [
        &["score", "a.md"][..],
        &["draft", "--case", "fx", "--theme", "change"],
        &["list", "cases"],
        &["lint", "a.md"],
    ] {
        let o = run(dir.path(), args);
        assert_eq!(o.code, 2, "{args:?}: {}", o.stderr);
        assert!(o.stderr.contains("broken.yaml"), "{args:?}: {}", o.stderr);
    }
    // `--config` names the config for commands that take no files, too.
    let other = tempfile::tempdir().unwrap();
    let o = run(
        other.path(),
        &[
            "draft",
            "--case",
            "fx",
            "--theme",
            "change",
            "--config",
            dir.path().join("itsm.yaml").to_str().unwrap(),
        ],
    );
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("broken.yaml"), "{}", o.stderr);
}

#[test]
fn library_score_rubric_is_honoured_by_score() {
    // The overlay's rubric replaces the embedded one: essay ranks that start at 101 put the
    // essay that ranks A by default at D.
    let rubric = include_str!("../../rubrics/score.yaml").replace(
        "ranks: {a: 70, b: 55, c: 40}",
        "ranks: {a: 103, b: 102, c: 101}",
    );
    assert_ne!(rubric, include_str!("../../rubrics/score.yaml"));
    let dir = folder(&[("a.md", ESSAY), ("lib/rubrics/score.yaml", &rubric)]);
    let rank =
        |dir: &Path| json(dir, &["score", "a.md", "--format", "json"])["files"][0]["rank"].clone();
    assert_eq!(rank(dir.path()), "A");
    set_config(dir.path(), "library: lib\n");
    assert_eq!(rank(dir.path()), "D");
}

#[test]
fn counting_is_honoured_by_count() {
    let dir = folder(&[("a.md", ESSAY)]);
    let both = run(dir.path(), &["count", "a.md"]).stdout;
    assert!(
        both.contains("CBT文字数") && both.contains("原稿用紙"),
        "{both}"
    );
    set_config(dir.path(), "counting: genkou\n");
    let genkou = run(dir.path(), &["count", "a.md"]).stdout;
    assert!(
        !genkou.contains("CBT文字数") && genkou.contains("原稿用紙"),
        "{genkou}"
    );
    let v = json(dir.path(), &["count", "a.md", "--format", "json"]);
    let part = &v["files"][0]["parts"][0];
    assert!(
        part.get("cbt").is_none() && part.get("genkou").is_some(),
        "{part}"
    );
    // The flag wins over the config.
    let flag = run(dir.path(), &["count", "a.md", "--mode", "both"]).stdout;
    assert!(flag.contains("CBT文字数"), "{flag}");
}

#[test]
fn fail_on_is_honoured_by_lint() {
    // With the (short) module's one error turned off, only warnings (C001) remain: exit 0 by
    // default, 1 with fail-on: warning.
    let dir = folder(&[("m.md", MODULE)]);
    set_config(dir.path(), "rules: {F010: off}\n");
    assert_eq!(run(dir.path(), &["lint", "m.md"]).code, 0);
    set_config(dir.path(), "rules: {F010: off}\nfail-on: warning\n");
    assert_eq!(run(dir.path(), &["lint", "m.md"]).code, 1);
    assert_eq!(
        run(dir.path(), &["lint", "m.md", "--fail-on", "error"]).code,
        0
    );
}

#[test]
fn min_score_is_honoured_by_score() {
    let text = ESSAY.replacen("K社は、", "K社は、QZXを運用する", 1);
    let dir = folder(&[("a.md", &text)]);
    assert_eq!(run(dir.path(), &["score", "a.md"]).code, 0);
    set_config(dir.path(), "min-score: 100\n");
    assert_eq!(run(dir.path(), &["score", "a.md"]).code, 1);
    assert_eq!(
        run(dir.path(), &["score", "a.md", "--min-score", "50"]).code,
        0
    );
}

#[test]
fn kinds_are_honoured_by_score_and_count() {
    // Without front matter and headings the text is a module paragraph; `kinds:` makes it an essay.
    let body = ESSAY.split_once("---\n\n").unwrap().1;
    let flat: String = body
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    let dir = folder(&[("essays/a.md", &flat)]);
    let kind = |dir: &Path, cmd: &str| {
        json(dir, &[cmd, "essays/a.md", "--format", "json"])["files"][0]["kind"].clone()
    };
    assert_eq!(kind(dir.path(), "score"), "module");
    assert_eq!(kind(dir.path(), "count"), "module");
    set_config(dir.path(), "kinds: {\"essays/**\": essay}\n");
    assert_eq!(kind(dir.path(), "score"), "essay");
    assert_eq!(kind(dir.path(), "count"), "essay");
    let lint = json(dir.path(), &["lint", "essays/a.md", "--format", "json"]);
    assert!(
        lint["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "E001"),
        "linted as an essay: {lint}"
    );
}

#[test]
fn include_and_exclude_are_honoured_by_score_and_count() {
    let dir = folder(&[
        ("essays/a.md", ESSAY),
        ("drafts/b.md", ESSAY),
        ("README.md", "# 勉強会\n"),
    ]);
    let paths = |dir: &Path, cmd: &str| -> Vec<String> {
        json(dir, &[cmd, ".", "--format", "json"])["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                f["path"]
                    .as_str()
                    .unwrap()
                    .trim_start_matches("./")
                    .to_owned()
            })
            .collect()
    };
    assert_eq!(paths(dir.path(), "score").len(), 3);
    assert_eq!(paths(dir.path(), "count").len(), 3);
    set_config(dir.path(), "include: [essays, drafts]\nexclude: [drafts]\n");
    assert_eq!(paths(dir.path(), "score"), ["essays/a.md"]);
    assert_eq!(paths(dir.path(), "count"), ["essays/a.md"]);
    // A file named on the command line but excluded is skipped with a note.
    let o = run(dir.path(), &["score", "drafts/b.md"]);
    assert!(o.stderr.contains("include / exclude"), "{}", o.stderr);
}

#[test]
fn a_front_matter_question_sets_the_limits_for_score_and_count() {
    // The question allows 設問ア 500 characters at most; the essay's 626 are far over it.
    let question = "設問ア　あなたが携わったITサービスの概要について，500字以内で述べよ。\n\
                    設問イ　施策について，800字以上1,600字以内で述べよ。\n\
                    設問ウ　評価について，600字以上1,200字以内で述べよ。\n";
    let essay = ESSAY.replacen("theme: problem\n", "theme: problem\nquestion: q.txt\n", 1);
    let dir = folder(&[("a.md", &essay), ("q.txt", question)]);
    let count = json(dir.path(), &["count", "a.md", "--format", "json"]);
    assert_eq!(count["files"][0]["parts"][0]["cbt"]["max"], 500);
    assert_eq!(run(dir.path(), &["count", "a.md"]).code, 1);
    let score = json(dir.path(), &["score", "a.md", "--format", "json"]);
    assert_eq!(
        score["files"][0]["capped"], true,
        "{}",
        score["files"][0]["caps"]
    );
    assert!(lint_codes(dir.path(), "a.md").contains(&"E004".to_owned()));
}

#[test]
fn a_rule_turned_off_changes_lint_and_score_alike() {
    // One judgement, two views: an unexplained 「QZX」 is an S002 finding in lint and a deduction
    // in score; `rules: {S002: off}` in itsm.yaml removes both, and nothing else changes.
    let text = ESSAY.replacen("K社は、", "K社は、QZXを運用する", 1);
    let dir = folder(&[("a.md", &text), ("clean.md", ESSAY)]);
    let clean = total(dir.path(), "clean.md");
    assert!(lint_codes(dir.path(), "a.md").contains(&"S002".to_owned()));
    let with = total(dir.path(), "a.md");
    assert!(with < clean, "{with} vs {clean}");
    let score = json(dir.path(), &["score", "a.md", "--format", "json"]);
    assert!(
        score.to_string().contains("S002"),
        "the deduction names S002"
    );
    set_config(dir.path(), "rules: {S002: off}\n");
    assert!(!lint_codes(dir.path(), "a.md").contains(&"S002".to_owned()));
    assert_eq!(total(dir.path(), "a.md"), clean);
    let score = json(dir.path(), &["score", "a.md", "--format", "json"]);
    assert!(
        !score.to_string().contains("QZX"),
        "no deduction, no evidence for it"
    );
}
