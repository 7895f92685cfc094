//! End-to-end contracts of the command line: exit codes, suggestions, files, formats.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;

fn itsm() -> Command {
    let mut c = Command::cargo_bin("itsm").unwrap();
    c.env("NO_COLOR", "1");
    c
}

fn good_paragraph() -> String {
    let out = itsm()
        .args(["draft", "--case", "fx", "--theme", "change"])
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn draft_prints_the_fixed_format() {
    itsm()
        .args(["draft", "--case", "fx", "--theme", "change"])
        .assert()
        .success()
        .stdout(predicate::str::contains("と呼ばれる").and(predicate::str::contains("具体的には")));
}

#[test]
fn draft_is_deterministic_and_variants_differ() {
    let a = itsm()
        .args(["draft", "--case", "ses", "--theme", "incident"])
        .output()
        .unwrap();
    let b = itsm()
        .args(["draft", "--case", "ses", "--theme", "incident"])
        .output()
        .unwrap();
    let c = itsm()
        .args([
            "draft",
            "--case",
            "ses",
            "--theme",
            "incident",
            "--variant",
            "2",
        ])
        .output()
        .unwrap();
    assert_eq!(a.stdout, b.stdout);
    assert!(c.status.success());
    assert_ne!(a.stdout, c.stdout);
}

#[test]
fn unknown_ids_suggest_and_exit_2() {
    itsm()
        .args(["draft", "--case", "fxx", "--theme", "change"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("もしかして `fx`")
                .and(predicate::str::contains("supermarket")),
        );
    itsm()
        .args(["draft", "--case", "fx", "--theme", "chnage"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("もしかして `change`"));
    itsm()
        .args([
            "draft",
            "--case",
            "fx",
            "--theme",
            "change",
            "--module",
            "canary-relase",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("もしかして `canary-release`"));
    itsm()
        .args([
            "draft",
            "--case",
            "fx",
            "--theme",
            "change",
            "--variant",
            "99",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("範囲外"));
    itsm()
        .args(["explain", "S02"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("S002"));
}

#[test]
fn draft_without_case_gives_fx_and_another_case() {
    let out = itsm()
        .args(["draft", "--theme", "incident", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], 1);
    let drafts = v["drafts"].as_array().unwrap();
    assert_eq!(drafts.len(), 2);
    assert_eq!(drafts[0]["case"], "fx");
    assert_ne!(drafts[1]["case"], "fx");
    assert_ne!(drafts[0]["module"], drafts[1]["module"]);
}

#[test]
fn output_file_is_not_overwritten_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.md");
    fs::write(&path, "大事なメモ").unwrap();
    itsm()
        .args(["draft", "--case", "fx", "--theme", "change", "-o"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    assert_eq!(fs::read_to_string(&path).unwrap(), "大事なメモ");
    itsm()
        .args([
            "draft", "--case", "fx", "--theme", "change", "--force", "-o",
        ])
        .arg(&path)
        .assert()
        .success();
    assert!(fs::read_to_string(&path).unwrap().contains("と呼ばれる"));
    let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left behind");
}

#[test]
fn lint_exit_codes_follow_fail_on() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.md");
    fs::write(&good, good_paragraph()).unwrap();
    itsm().arg("lint").arg(&good).assert().code(0);
    let bad = dir.path().join("bad.md");
    fs::write(&bad, format!("{}\n・箇条書きの項目\n", good_paragraph())).unwrap();
    itsm()
        .arg("lint")
        .arg(&bad)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[S001]"));
    // Only a warning (sentence length) → 0 by default, 1 with --fail-on warning.
    let warn = dir.path().join("warn.md");
    let long = format!(
        "{}{}",
        good_paragraph().trim_end(),
        "なお、".to_owned() + &"長い説明を続ける".repeat(20) + "。"
    );
    fs::write(&warn, long).unwrap();
    itsm()
        .arg("lint")
        .arg(&warn)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("warning[S005]"));
    itsm()
        .arg("lint")
        .arg(&warn)
        .args(["--fail-on", "warning"])
        .assert()
        .code(1);
}

#[test]
fn human_output_points_at_characters() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("m.md");
    fs::write(
        &f,
        "前置きである。\nしかし、ＳＬＡとMTTRの観点からは重要です。\n",
    )
    .unwrap();
    let out = itsm().arg("lint").arg(&f).output().unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    // MTTR is the 9th character of line 2.
    assert!(s.contains("m.md:2:9"), "{s}");
    assert!(s.contains("error[S004]"), "{s}");
}

#[test]
fn formats_json_sarif_github() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a,b.md");
    fs::write(&f, "MTTRを改善した。\n").unwrap();
    let out = itsm()
        .arg("lint")
        .arg(&f)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], 1);
    let diags = v["files"][0]["diagnostics"].as_array().unwrap();
    let s002 = diags.iter().find(|d| d["code"] == "S002").expect("S002");
    assert_eq!(s002["span"]["start"]["column"], 1);
    assert_eq!(s002["span"]["byte_end"], 4);

    let out = itsm()
        .arg("lint")
        .arg(&f)
        .args(["--format", "sarif"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    assert_eq!(v["runs"][0]["columnKind"], "unicodeCodePoints");
    assert_eq!(
        v["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .len(),
        itsm::lint::registry::RULES.len()
    );
    assert!(
        v["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["ruleId"] == "S002")
    );

    let out = itsm()
        .arg("lint")
        .arg(&f)
        .args(["--format", "github"])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    let line = s.lines().find(|l| l.contains("S002")).expect("S002 line");
    assert!(line.starts_with("::warning file="), "{line}");
    assert!(
        line.contains("a%2Cb.md"),
        "comma in a property is escaped: {line}"
    );
    assert!(
        line.contains(",line=1,endLine=1,col=1,endColumn=5,"),
        "{line}"
    );
    assert!(
        line.contains("%0A"),
        "newline in the message is escaped: {line}"
    );
}

#[test]
fn encodings_and_unreadable_files() {
    let dir = tempfile::tempdir().unwrap();
    let sjis = dir.path().join("sjis.md");
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("障害対応の初動について述べます。\n");
    fs::write(&sjis, &bytes).unwrap();
    let bin = dir.path().join("bin.md");
    fs::write(&bin, [0u8, 159, 146, 150, 0, 1]).unwrap();
    let out = itsm()
        .arg("lint")
        .arg(&sjis)
        .arg(&bin)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes = |i: usize| -> Vec<String> {
        v["files"][i]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(
        codes(0).contains(&"IO002".to_owned()),
        "Shift_JIS noted: {:?}",
        codes(0)
    );
    assert!(
        codes(0).contains(&"S004".to_owned()),
        "Shift_JIS decoded and linted: {:?}",
        codes(0)
    );
    assert_eq!(codes(1), vec!["IO001"]);
    // Nothing readable at all → exit 2.
    itsm()
        .arg("lint")
        .arg(&bin)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("バイナリ"));
    itsm()
        .arg("lint")
        .arg(dir.path().join("missing.md"))
        .assert()
        .code(2);
}

#[test]
fn lint_walks_directories_and_honours_gitignore() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("essays/old")).unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    fs::write(dir.path().join(".gitignore"), "old/\n").unwrap();
    fs::write(dir.path().join("essays/b.md"), good_paragraph()).unwrap();
    fs::write(dir.path().join("essays/a.txt"), good_paragraph()).unwrap();
    fs::write(dir.path().join("essays/old/x.md"), "・箇条書き\n").unwrap();
    fs::write(dir.path().join("essays/notes.yaml"), "a: b\n").unwrap();
    let out = itsm()
        .arg("lint")
        .arg(dir.path())
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(
        paths[0].ends_with("essays/a.txt") && paths[1].ends_with("essays/b.md"),
        "{paths:?}"
    );
}

#[test]
fn broken_library_overlay_reports_file_line_column() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("modules")).unwrap();
    fs::write(
        dir.path().join("modules/bad.yaml"),
        "id: bad\nname: 手法\nthemes: 変更管理\n",
    )
    .unwrap();
    itsm()
        .args(["list", "modules", "--library"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.yaml:3:").and(predicate::str::contains("YAML")));
    fs::write(dir.path().join("modules/bad.yaml"), "id: bad\nnmae: 手法\n").unwrap();
    itsm()
        .args(["list", "modules", "--library"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nmae"));
}

#[test]
fn undefined_slot_names_module_line_and_variable() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("modules")).unwrap();
    let src = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/modules/canary-release.yaml"
    ))
    .unwrap();
    let broken = src.replace("{{ c.service }}", "{{ c.servise }}");
    assert_ne!(src, broken);
    fs::write(dir.path().join("modules/canary-release.yaml"), broken).unwrap();
    let out = itsm()
        .args([
            "draft",
            "--case",
            "fx",
            "--theme",
            "release",
            "--module",
            "canary-release",
            "--library",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("canary-release"), "{err}");
    assert!(err.contains("c.servise"), "{err}");
    assert!(err.contains("canary-release.yaml:"), "{err}");
}

#[test]
fn explain_and_list_rules_cover_every_rule() {
    let out = itsm().args(["list", "rules"]).output().unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    for r in itsm::lint::registry::RULES {
        assert!(s.contains(r.code) && s.contains(r.name), "{}", r.code);
        itsm().args(["explain", r.code]).assert().success().stdout(
            predicate::str::contains("何を検出するか").and(predicate::str::contains("## 例")),
        );
    }
}
