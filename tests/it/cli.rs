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

// ------------------------------------------------------------ the argument parser in Japanese

/// clap's English words that must not reach a user.
const ENGLISH: &[&str] = &[
    "Usage",
    "Options",
    "Commands",
    "Arguments",
    "Print help",
    "Print version",
    "[default",
    "possible values",
    "For more information",
    "error: unexpected",
    "tip:",
    "[OPTIONS]",
    "<COMMAND>",
    "subcommand",
];

fn no_english(text: &str) {
    for w in ENGLISH {
        assert!(!text.contains(w), "{w:?} in:\n{text}");
    }
}

#[test]
fn help_is_japanese_for_every_command() {
    use clap::CommandFactory;
    let root = itsm().arg("--help").output().unwrap();
    assert_eq!(root.status.code(), Some(0));
    let text = String::from_utf8(root.stdout).unwrap();
    no_english(&text);
    for want in [
        "使い方: itsm <コマンド>\n",
        "\nコマンド:\n  draft ",
        "\nオプション:\n  -h, --help     このヘルプを表示する\n  -V, --version  版を表示する\n",
    ] {
        assert!(text.contains(want), "{want:?} in:\n{text}");
    }
    let names: Vec<String> = itsm::cli::Cli::command()
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    assert!(names.len() >= 8, "{names:?}");
    for name in &names {
        let out = itsm().args([name, "--help"]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{name}");
        let text = String::from_utf8(out.stdout).unwrap();
        no_english(&text);
        assert!(
            text.contains(&format!("\n使い方: itsm {name}")),
            "{name}:\n{text}"
        );
        assert!(text.contains("\nオプション:\n"), "{name}");
        assert!(text.contains("  -h, --help"), "{name}");
        // `itsm help NAME` is the same page.
        let again = itsm().args(["help", name]).output().unwrap();
        assert_eq!(String::from_utf8(again.stdout).unwrap(), text, "{name}");
    }
    let lint = itsm().args(["lint", "--help"]).output().unwrap();
    let lint = String::from_utf8(lint.stdout).unwrap();
    assert!(
        lint.contains("使い方: itsm lint [オプション] <PATHS>...\n\n引数:\n  <PATHS>...  ")
            && lint.contains(" 出力形式（既定: human）［値: human, json, sarif, github］\n"),
        "{lint}"
    );
}

#[test]
fn argument_errors_are_japanese_with_the_exit_code_2() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["lint", "--formt", "json", "a.md"],
            "error: 引数 '--formt' はありません\n\n  ヒント: もしかして '--format' ですか？\n\n使い方: itsm lint [オプション] <PATHS>...\n\n詳しくは 'itsm lint --help' を見てください。\n",
        ),
        (
            &["lint", "--format", "xml", "a.md"],
            "error: 'xml' は '--format <FORMAT>' に使えない値です（有効な値: human, json, sarif, github）\n\n詳しくは 'itsm lint --help' を見てください。\n",
        ),
        (
            &["score", "--min-score", "101", "a.md"],
            "error: '101' は '--min-score <MIN_SCORE>' に使えない値です: 0〜100 の範囲で指定してください\n\n詳しくは 'itsm score --help' を見てください。\n",
        ),
        (
            &["draft", "--variant", "x"],
            "error: 'x' は '--variant <VARIANT>' に使えない値です: 整数で指定してください\n\n詳しくは 'itsm draft --help' を見てください。\n",
        ),
        (
            &["explain"],
            "error: 必要な引数がありません: <RULE>\n\n使い方: itsm explain <RULE>\n\n詳しくは 'itsm explain --help' を見てください。\n",
        ),
        (
            &["lnt"],
            "error: コマンド 'lnt' はありません\n\n  ヒント: もしかして 'list'、'init'、'lint' ですか？\n\n使い方: itsm <コマンド>\n\n詳しくは 'itsm --help' を見てください。\n",
        ),
        (
            &["lint", "-x"],
            "error: 引数 '-x' はありません\n\n  ヒント: '-x' を値として渡すには '-- -x' と書く\n\n使い方: itsm lint [オプション] <PATHS>...\n\n詳しくは 'itsm lint --help' を見てください。\n",
        ),
    ];
    for (args, want) in cases {
        let out = itsm().args(*args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(out.stdout, b"", "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(&err, want, "{args:?}");
        no_english(&err);
    }
    // No command: the help, on stderr, exit 2.
    let out = itsm().output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("使い方: itsm <コマンド>"), "{err}");
    no_english(&err);
    itsm()
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("itsm {}\n", env!("CARGO_PKG_VERSION")));
}

// ------------------------------------------------------------ progress line

/// `itsm ARGS` in a pseudo-terminal (`script` from util-linux), with the progress line's delay
/// set to 0; what the terminal received. `None` where `script` is missing.
#[cfg(unix)]
fn on_a_terminal(dir: &std::path::Path, args: &str) -> Option<String> {
    let bin = assert_cmd::cargo::cargo_bin("itsm");
    let log = dir.join("typescript");
    let cmd = format!(
        "ITSM_PROGRESS_DELAY_MS=0 NO_COLOR=1 '{}' {args}",
        bin.display()
    );
    let out = std::process::Command::new("script")
        .args(["-qec", &cmd])
        .arg(&log)
        .current_dir(dir)
        .output()
        .ok()?;
    if !out.status.success() && out.status.code() != Some(1) {
        return None;
    }
    Some(String::from_utf8_lossy(&fs::read(&log).unwrap()).into_owned())
}

#[cfg(unix)]
#[test]
fn a_progress_line_on_a_terminal_only_and_only_for_people() {
    let tmp = tempfile::tempdir().unwrap();
    let essays = tmp.path().join("essays");
    fs::create_dir(&essays).unwrap();
    for i in 0..3 {
        fs::write(essays.join(format!("{i}.md")), good_paragraph()).unwrap();
    }
    let Some(screen) = on_a_terminal(tmp.path(), "lint essays") else {
        eprintln!("skipped: `script` (util-linux) is not available");
        return;
    };
    assert!(
        screen.contains("\r\x1b[2K検査中 1 / 3 ファイル（33%）"),
        "{screen:?}"
    );
    // Erased before the results: the summary starts on a clean line.
    assert!(
        screen.contains("\r\x1b[2K3ファイル: エラー 0件"),
        "{screen:?}"
    );
    let screen = on_a_terminal(tmp.path(), "score essays").unwrap();
    assert!(screen.contains("採点中 1 / 3 ファイル"), "{screen:?}");
    for machine in [
        "lint --format json essays",
        "lint --format github essays",
        "score --format sarif essays",
    ] {
        let screen = on_a_terminal(tmp.path(), machine).unwrap();
        assert!(!screen.contains("ファイル（"), "{machine}: {screen:?}");
    }
    // Not a terminal: nothing on stderr, even with the delay at 0.
    let out = itsm()
        .env("ITSM_PROGRESS_DELAY_MS", "0")
        .args(["lint", "essays"])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.stderr, b"");
}

// ------------------------------------------------------------ Japanese theme names

#[test]
fn theme_accepts_the_japanese_name_wherever_it_accepts_the_id() {
    let run = |args: &[&str]| itsm().args(args).output().unwrap();
    for extra in [&[][..], &["--essay"][..]] {
        let by_id = run(&[&["draft", "--case", "fx", "--theme", "change"][..], extra].concat());
        let by_name = run(&[&["draft", "--case", "fx", "--theme", "変更管理"][..], extra].concat());
        assert!(by_id.status.success());
        assert_eq!(by_name.status.code(), Some(0));
        assert_eq!(by_name.stdout, by_id.stdout, "{extra:?}");
    }
    let tmp = tempfile::tempdir().unwrap();
    let essay = tmp.path().join("e.md");
    let out = run(&["draft", "--case", "fx", "--theme", "incident", "--essay"]);
    fs::write(&essay, out.stdout).unwrap();
    let e = essay.to_str().unwrap();
    let by_id = run(&["lint", e, "--theme", "change"]);
    let by_name = run(&["lint", e, "--theme", "変更管理"]);
    assert_eq!(by_id.status.code(), Some(0));
    assert_eq!(by_name.stdout, by_id.stdout);
    assert!(
        String::from_utf8_lossy(&by_name.stdout)
            .contains("warning[E010]: テーマ「変更管理」の語がほとんど無く"),
        "{}",
        String::from_utf8_lossy(&by_name.stdout)
    );
    // A near miss of a name is suggested by id and name.
    itsm()
        .args(["draft", "--case", "fx", "--theme", "変更管"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "error: 未知のテーマ `変更管` です。もしかして `change`（変更管理）ですか？ 有効な値（ID または日本語名）: change（変更管理）, release（リリース及び展開管理）,",
        ));
}

// ------------------------------------------------------------ standard input

#[test]
fn lint_score_and_count_read_standard_input() {
    // `itsm draft … | itsm lint -`
    itsm()
        .args(["lint", "-"])
        .write_stdin(good_paragraph())
        .assert()
        .code(0)
        .stdout("1ファイル: エラー 0件、警告 0件、情報 0件\n");
    let essay = itsm()
        .args(["draft", "--case", "fx", "--theme", "change", "--essay"])
        .output()
        .unwrap()
        .stdout;
    itsm()
        .args(["count", "-"])
        .write_stdin(essay.clone())
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("<stdin>: 論文\n"));
    itsm()
        .args(["score", "-", "--format", "json"])
        .write_stdin(essay)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\"path\": \"<stdin>\""));
    // Findings are reported on `<stdin>`, with lines and columns.
    itsm()
        .args(["lint", "-", "--format", "github"])
        .write_stdin("・手順書の整備\n")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "::error file=<stdin>,line=1,endLine=1,col=1,endColumn=8,title=itsm S001",
        ));
}

#[test]
fn stdin_filename_names_the_input_and_finds_its_config() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir_all(tmp.path().join("group/essays")).unwrap();
    fs::write(
        tmp.path().join("group/itsm.yaml"),
        "rules:\n  bullet-or-enumeration: off\n",
    )
    .unwrap();
    let lint = |name: Option<&str>| {
        let mut c = itsm();
        c.current_dir(tmp.path())
            .args(["lint", "-", "--format", "github"])
            .write_stdin("・手順書の整備\n");
        if let Some(n) = name {
            c.args(["--stdin-filename", n]);
        }
        let out = c.output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let plain = lint(None);
    assert!(
        plain.contains("file=<stdin>,") && plain.contains("S001"),
        "{plain}"
    );
    let named = lint(Some("group/essays/a.md"));
    assert!(named.contains("file=group/essays/a.md,"), "{named}");
    assert!(
        !named.contains("S001"),
        "the group's itsm.yaml turns S001 off: {named}"
    );

    // Misuse: --fix on standard input, --stdin-filename without `-`, `-` twice, too much input.
    for (args, input, want) in [
        (
            &["lint", "-", "--fix"][..],
            "x\n".to_owned(),
            "error: --fix は標準入力（-）には使えません",
        ),
        (
            &["lint", "itsm.yaml", "--stdin-filename", "a.md"][..],
            String::new(),
            "error: --stdin-filename は、標準入力を表す - と一緒に指定してください",
        ),
        (
            &["count", "-", "-"][..],
            String::new(),
            "error: 標準入力（-）は1回だけ指定できます",
        ),
    ] {
        fs::write(tmp.path().join("itsm.yaml"), "").unwrap();
        itsm()
            .current_dir(tmp.path())
            .args(args)
            .write_stdin(input)
            .assert()
            .code(2)
            .stderr(predicate::str::starts_with(want));
    }
    let big = vec![b'a'; (itsm::cli::MAX_STDIN_BYTES + 1) as usize];
    itsm()
        .args(["lint", "-"])
        .write_stdin(big)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "標準入力が大きすぎます（上限 64 MiB）",
        ));
}

/// A required 観点 that E013 finds missing caps an essay at C (graded-drafts-f z-essay-11: both
/// blind graders gave C, 42 and 40; the sheet alone would give 83, rank A).
#[test]
fn a_missing_required_viewpoint_caps_the_essay_at_c() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/graded-drafts-f"
    );
    let out = itsm()
        .current_dir(dir)
        .args(["score", "essays/z-essay-11.md", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &v["files"][0];
    assert_eq!(f["rank"], "C", "{f}");
    assert_eq!(f["caps"][0]["id"], "required-viewpoint", "{}", f["caps"]);
    assert!(f["total_before_caps"].as_u64().unwrap() >= 70, "{f}");
    assert!(f["total"].as_u64().unwrap() <= 54, "{f}");
}
