//! A study group's repository, end to end: `itsm init`, a config that turns a rule off and bans an
//! extra name, inline suppression, an excluded folder, a git-ignored folder, a Shift_JIS file,
//! directory linting in every CI format, `--fix` (idempotent, atomic, `--diff`), config errors.

use assert_cmd::Command;
use itsm::library::Library;
use itsm::lint::{self, Document, Kind, Settings, Vocabulary};
use std::fs;
use std::path::Path;

fn itsm(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("itsm").unwrap();
    c.env("NO_COLOR", "1").current_dir(dir);
    c
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(dir: &Path, args: &[&str]) -> Run {
    let out = itsm(dir).args(args).output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

const ESSAY_A: &str = "## 設問ア
私は、監視の方式を見直すと判断した。障害は月3件、対応は10分、要員は20名である。
MTTRを短縮した。原因は設定の誤りと思われる。
<!-- itsm-disable-next-line S003 -->
通知にはSlackを使った。
情報は青葉ポータルで共有した。
・手順書を整備した。
";

const SJIS_ESSAY: &str = "## 設問ア\n私は、障害対応の手順を見直すと判断しました。障害は月3件、対応は10分、要員は20名です。\n";

/// `itsm init`, then the group's own edits: S007 off, one extra banned name, essays with known
/// problems, a drafts folder the config excludes, an old folder git ignores, a Shift_JIS file,
/// and a README the config does not include.
fn study_repo() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let r = run(dir, &["init", "."]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let cfg = fs::read_to_string(dir.join("itsm.yaml")).unwrap();
    // The group practises one 設問 at a time, so a file with only 設問ア is not an error here.
    let cfg = cfg.replacen(
        "rules:\n",
        "rules:\n  ambiguous-expression: off\n  part-missing: off\n  overview-missing: off\n",
        1,
    ) + "banned:\n  青葉ポータル: 社内の情報共有サイト\n";
    fs::write(dir.join("itsm.yaml"), cfg).unwrap();
    fs::write(dir.join("essays/a.md"), ESSAY_A).unwrap();
    fs::create_dir_all(dir.join("essays/drafts")).unwrap();
    fs::create_dir_all(dir.join("essays/old")).unwrap();
    fs::write(dir.join("essays/drafts/wip.md"), "・書きかけ\n").unwrap();
    fs::write(dir.join("essays/old/x.md"), "・古い下書き\n").unwrap();
    fs::write(dir.join(".gitignore"), "essays/old/\n").unwrap();
    fs::write(dir.join("README.md"), "・勉強会の説明です\n").unwrap();
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(SJIS_ESSAY);
    fs::write(dir.join("essays/sjis.md"), &sjis).unwrap();
    tmp
}

#[test]
fn lint_the_study_repo_in_every_format() {
    let repo = study_repo();
    let dir = repo.path();

    // Human: exact findings in stable order and the summary line.
    let r = run(dir, &["lint", "."]);
    assert_eq!(r.code, 1, "errors remain: {}", r.stderr);
    let heads: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("error[") || l.starts_with("warning[") || l.starts_with("info["))
        .collect();
    assert_eq!(
        heads,
        [
            "warning[S002]: 略語「MTTR」が初出で説明されていません",
            "error[S003]: 実在の名称「青葉ポータル」は使えません",
            "error[S001]: 箇条書き（「・」で始まる行）は使えません",
            "info[IO002]: Shift_JIS として読み込みました",
            "error[S004]: です・ます調の文末（「ました」）です。論文はだ・である調で書きます",
            "error[S004]: です・ます調の文末（「です」）です。論文はだ・である調で書きます",
        ]
    );
    let locations: Vec<&str> = r
        .stdout
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
        .collect();
    assert_eq!(
        locations,
        [
            "essays/a.md:3:1",
            "essays/a.md:6:4",
            "essays/a.md:7:1",
            "essays/sjis.md",
            "essays/sjis.md:2:19",
            "essays/sjis.md:2:43",
        ]
    );
    assert!(
        r.stdout
            .ends_with("3ファイル: エラー 4件、警告 1件、情報 1件\n"),
        "{}",
        r.stdout
    );
    // The config turned S007 off (「と思われる」), the comment suppressed Slack, the drafts are
    // excluded, the old folder is git-ignored and the README is not included.
    for absent in ["S007", "Slack", "wip.md", "old/x.md", "README", "X001"] {
        assert!(!r.stdout.contains(absent), "{absent} leaked:\n{}", r.stdout);
    }

    // JSON: the same findings, machine-readable.
    let r = run(dir, &["lint", ".", "--format", "json"]);
    assert_eq!(r.code, 1);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let mut got = Vec::new();
    for f in v["files"].as_array().unwrap() {
        for d in f["diagnostics"].as_array().unwrap() {
            let pos = if d["span"].is_null() {
                String::new()
            } else {
                format!(
                    ":{}:{}",
                    d["span"]["start"]["line"], d["span"]["start"]["column"]
                )
            };
            got.push(format!(
                "{}{pos} {} {}",
                f["path"].as_str().unwrap(),
                d["code"].as_str().unwrap(),
                d["severity"].as_str().unwrap()
            ));
        }
    }
    assert_eq!(
        got,
        [
            "essays/a.md:3:1 S002 warning",
            "essays/a.md:6:4 S003 error",
            "essays/a.md:7:1 S001 error",
            "essays/sjis.md IO002 info",
            "essays/sjis.md:2:19 S004 error",
            "essays/sjis.md:2:43 S004 error",
        ]
    );
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        ["essays/a.md", "essays/example.md", "essays/sjis.md"]
    );
    assert_eq!(
        v["summary"],
        serde_json::json!({"files": 3, "errors": 4, "warnings": 1, "infos": 1})
    );

    // GitHub: one workflow command per finding, exact.
    let r = run(dir, &["lint", ".", "--format", "github"]);
    assert_eq!(r.code, 1);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "::warning file=essays/a.md,line=3,endLine=3,col=1,endColumn=5,title=itsm S002 (unexplained-abbreviation)::略語「MTTR」が初出で説明されていません%0A初出を「MTTR（平均復旧時間）」と書く",
            "::error file=essays/a.md,line=6,endLine=6,col=4,endColumn=10,title=itsm S003 (real-product-name)::実在の名称「青葉ポータル」は使えません%0A「青葉ポータル」→「社内の情報共有サイト」",
            "::error file=essays/a.md,line=7,endLine=7,col=1,endColumn=11,title=itsm S001 (bullet-or-enumeration)::箇条書き（「・」で始まる行）は使えません%0A論述は文章で書く。「まず〜、次に〜」「第一に〜」のように文でつなぐ（見出しなら短くし、句点を付けず、本文の前に置く）",
            "::notice file=essays/sjis.md,title=itsm IO002 (not-utf8)::Shift_JIS として読み込みました%0AUTF-8 で保存し直すことを勧めます（--fix はこのファイルを書き換えません）",
            "::error file=essays/sjis.md,line=2,endLine=2,col=19,endColumn=22,title=itsm S004 (desu-masu-style)::です・ます調の文末（「ました」）です。論文はだ・である調で書きます%0A「〜である」「〜した」「〜だ」で結ぶ",
            "::error file=essays/sjis.md,line=2,endLine=2,col=43,endColumn=45,title=itsm S004 (desu-masu-style)::です・ます調の文末（「です」）です。論文はだ・である調で書きます%0A「〜である」「〜した」「〜だ」で結ぶ",
        ]
    );

    // SARIF knows the suppression and width rules.
    let r = run(dir, &["lint", ".", "--format", "sarif"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let ids: Vec<&str> = v["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap())
        .collect();
    for id in ["S012", "S013", "X001", "X002"] {
        assert!(ids.contains(&id), "{id} in the SARIF catalogue");
    }
}

#[test]
fn excluded_files_named_explicitly_are_skipped_with_a_note() {
    let repo = study_repo();
    let r = run(repo.path(), &["lint", "essays/drafts/wip.md"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stderr.contains("include / exclude"), "{}", r.stderr);
    assert_eq!(r.stdout, "0ファイル: エラー 0件、警告 0件、情報 0件\n");
    // A file named twice is reported once.
    let r = run(
        repo.path(),
        &["lint", "essays", "essays/a.md", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["summary"]["files"], 3, "{}", r.stdout);
    // pre-commit passes README.md too: not included, not a failure.
    let r = run(repo.path(), &["lint", "README.md", "essays/a.md"]);
    assert_eq!(r.code, 1);
    assert!(!r.stdout.contains("README"), "{}", r.stdout);
}

#[test]
fn nearest_config_wins_and_config_fail_on_applies() {
    let repo = study_repo();
    let dir = repo.path();
    fs::create_dir_all(dir.join("essays/strict")).unwrap();
    fs::write(
        dir.join("essays/strict/itsm.yaml"),
        "fail-on: warning\nrules:\n  part-missing: off\n  overview-missing: off\n",
    )
    .unwrap();
    let text = "## 設問ア\n私は、手順を見直すと判断した。障害は月3件、対応は10分、要員は20名である。MTTRを短縮した。\n";
    fs::write(dir.join("essays/strict/b.md"), text).unwrap();
    fs::write(dir.join("essays/b.md"), text).unwrap();
    // Root config: fail-on error, so a warning passes.
    let r = run(dir, &["lint", "essays/b.md"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains("warning[S002]"), "{}", r.stdout);
    // The nearer config says fail-on warning (and has no banned list or include globs).
    let r = run(dir, &["lint", "essays/strict/b.md"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    // The flag wins over the config.
    let r = run(dir, &["lint", "essays/strict/b.md", "--fail-on", "error"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    // --config replaces discovery.
    let r = run(
        dir,
        &["lint", "essays/strict/b.md", "--config", "itsm.yaml"],
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
}

#[test]
fn kinds_by_glob_yield_to_front_matter() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fs::write(
        dir.join("itsm.yaml"),
        "kinds:\n  \"modules/**\": module\nrules:\n  part-missing: off\n  overview-missing: off\n",
    )
    .unwrap();
    fs::create_dir_all(dir.join("modules")).unwrap();
    // A heading with 設問 would make it an essay; the glob says module, so F rules apply.
    let text =
        "## 設問ア\n私は、手順を見直すと判断した。障害は月3件、対応は10分、要員は20名である。\n";
    fs::write(dir.join("modules/m.md"), text).unwrap();
    fs::write(
        dir.join("modules/e.md"),
        format!("---\nkind: essay\n---\n{text}"),
    )
    .unwrap();
    let r = run(dir, &["lint", "modules", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let codes = |i: usize| -> Vec<String> {
        v["files"][i]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(v["files"][0]["path"], "modules/e.md");
    assert!(codes(0).is_empty(), "front matter wins: {:?}", codes(0));
    assert!(
        codes(1).contains(&"F001".to_owned()),
        "glob makes it a module: {:?}",
        codes(1)
    );
}

// ------------------------------------------------------------------------------------ init

#[test]
fn init_writes_a_clean_scaffold_and_never_overwrites_without_force() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("group");
    let r = run(tmp.path(), &["init", "group"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for f in [
        "itsm.yaml",
        "essays/example.md",
        ".github/workflows/itsm.yml",
        ".pre-commit-config.yaml",
    ] {
        assert!(dir.join(f).is_file(), "{f}");
    }
    let r = run(&dir, &["lint", "."]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout, "1ファイル: エラー 0件、警告 0件、情報 0件\n");
    let wf = fs::read_to_string(dir.join(".github/workflows/itsm.yml")).unwrap();
    let action = format!("uses: itsm-dev/itsm@v{}\n", env!("CARGO_PKG_VERSION"));
    assert!(wf.contains(&action), "{wf}");
    assert!(wf.contains("run: itsm lint --format github .\n"), "{wf}");
    assert!(
        wf.contains("run: itsm score --format github essays/\n"),
        "without --min-score the score step only annotates: {wf}"
    );
    assert!(!wf.contains("example.invalid") && !wf.contains("cargo install"));
    let pc = fs::read_to_string(dir.join(".pre-commit-config.yaml")).unwrap();
    assert!(
        pc.contains("id: itsm-lint") && pc.contains("entry: itsm lint"),
        "{pc}"
    );

    // A second init refuses and writes nothing, even the files that do not exist yet.
    fs::write(dir.join("itsm.yaml"), "# 自分で書いた設定\n").unwrap();
    fs::remove_file(dir.join(".pre-commit-config.yaml")).unwrap();
    let r = run(tmp.path(), &["init", "group"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--force"), "{}", r.stderr);
    assert_eq!(
        fs::read_to_string(dir.join("itsm.yaml")).unwrap(),
        "# 自分で書いた設定\n"
    );
    assert!(!dir.join(".pre-commit-config.yaml").exists());

    // --force rewrites; --min-score adds the config key and the CI step.
    let r = run(
        tmp.path(),
        &[
            "init",
            "group",
            "--force",
            "--min-score",
            "70",
            "--itsm-git",
            "https://github.com/our-group/itsm-fork",
            "--itsm-ref",
            "study/2026",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let cfg = fs::read_to_string(dir.join("itsm.yaml")).unwrap();
    assert!(cfg.contains("\nmin-score: 70\n"), "{cfg}");
    let wf = fs::read_to_string(dir.join(".github/workflows/itsm.yml")).unwrap();
    assert!(
        wf.contains("        uses: our-group/itsm-fork@study/2026\n"),
        "{wf}"
    );
    assert!(
        wf.contains("        run: itsm score --format github --min-score 70 essays/\n"),
        "{wf}"
    );
    let pc = fs::read_to_string(dir.join(".pre-commit-config.yaml")).unwrap();
    assert!(
        pc.contains("cargo install --locked --git https://github.com/our-group/itsm-fork --branch study/2026 itsm")
            && pc.contains("#  - repo: https://github.com/our-group/itsm-fork\n#    rev: study/2026\n"),
        "{pc}"
    );
    let dump = run(&dir, &["config", "--dump", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&dump.stdout).unwrap();
    assert_eq!(v["min-score"], 70);
    let leftovers: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("itsm-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files");
}

/// Everything under the new folder, as sorted relative paths (files and folders).
fn tree(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            out.push(p.strip_prefix(dir).unwrap().display().to_string());
            if p.is_dir() && !p.is_symlink() {
                stack.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn init_writes_all_or_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    // `.github` is a file: nothing is written, not even itsm.yaml, even with --force.
    let dir = tmp.path().join("g");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join(".github"), "x").unwrap();
    for extra in [&[][..], &["--force"][..]] {
        let mut args = vec!["init", "g"];
        args.extend_from_slice(extra);
        let r = run(tmp.path(), &args);
        assert_eq!(r.code, 2, "{args:?}");
        assert_eq!(
            r.stderr,
            format!(
                "error: {0} がフォルダではなくファイルとして存在するため、{0}/workflows/itsm.yml を作れません。何も書き込んでいません\n",
                Path::new("g").join(".github").display()
            )
        );
        assert_eq!(r.stdout, "");
        assert_eq!(tree(&dir), [".github"]);
    }
    // A folder where a file goes, or a symbolic link on the way: refused before any write.
    let dir = tmp.path().join("h");
    fs::create_dir_all(dir.join("itsm.yaml")).unwrap();
    let r = run(tmp.path(), &["init", "h", "--force"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("通常のファイルではない"), "{}", r.stderr);
    assert_eq!(tree(&dir), ["itsm.yaml"]);
    #[cfg(unix)]
    {
        let dir = tmp.path().join("l");
        let outside = tmp.path().join("outside");
        fs::create_dir_all(&dir).unwrap();
        fs::create_dir_all(&outside).unwrap();
        std::os::unix::fs::symlink(&outside, dir.join("essays")).unwrap();
        let r = run(tmp.path(), &["init", "l"]);
        assert_eq!(r.code, 2);
        assert!(r.stderr.contains("シンボリックリンクです"), "{}", r.stderr);
        assert_eq!(tree(&dir), ["essays"]);
        assert!(fs::read_dir(&outside).unwrap().next().is_none());
    }
    // A path below a file cannot be created at all.
    fs::write(tmp.path().join("file"), "x").unwrap();
    let r = run(tmp.path(), &["init", "file/sub"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(fs::read_to_string(tmp.path().join("file")).unwrap(), "x");
}

#[test]
fn init_rejects_repository_and_ref_values_that_could_change_the_workflow() {
    let tmp = tempfile::tempdir().unwrap();
    for (flag, value) in [
        (
            "--itsm-git",
            "https://github.com/a/b\n    - run: curl x | sh",
        ),
        ("--itsm-git", "https://example.invalid/itsm.git"),
        ("--itsm-git", "https://github.com/a/b'"),
        ("--itsm-git", "https://github.com/a/${{ secrets.X }}"),
        ("--itsm-ref", "v1\n::error::x"),
        ("--itsm-ref", "v1 # x"),
        ("--itsm-ref", "$(id)"),
        ("--itsm-ref", "-x"),
    ] {
        let r = run(tmp.path(), &["init", "g", &format!("{flag}={value}")]);
        assert_eq!(r.code, 2, "{flag} {value:?}");
        assert!(
            r.stderr.starts_with(&format!("error: {flag} `")) && r.stderr.contains("は使えません"),
            "{}",
            r.stderr
        );
        assert_eq!(
            r.stderr.lines().count(),
            1,
            "the value is quoted inert: {}",
            r.stderr
        );
        assert!(!tmp.path().join("g").exists(), "nothing written");
    }
}

#[test]
fn init_prints_next_steps_that_work_from_where_the_user_is() {
    let tmp = tempfile::tempdir().unwrap();
    let r = run(tmp.path(), &["init", "my essays"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let steps = r.stdout.split_once("\n次の手順:\n").unwrap().1;
    assert_eq!(
        steps.lines().take(4).collect::<Vec<_>>(),
        [
            "  cd 'my essays'",
            "  itsm lint essays/      例の論文を検査する（指摘ゼロ）",
            "  itsm score essays/     例の論文の推定点と、点を上げる修正",
            "  git init && git add . && git commit -m \"itsm init\"",
        ]
    );
    // Run them (but the commit, which needs a git identity) from the parent folder.
    let sh = std::process::Command::new("bash")
        .arg("-ec")
        .arg("cd 'my essays' && itsm lint essays/ && git init -q && git add . && git status --porcelain")
        .current_dir(tmp.path())
        .env(
            "PATH",
            format!(
                "{}:{}",
                assert_cmd::cargo::cargo_bin("itsm").parent().unwrap().display(),
                std::env::var("PATH").unwrap()
            ),
        )
        .output()
        .unwrap();
    assert!(
        sh.status.success(),
        "{}",
        String::from_utf8_lossy(&sh.stderr)
    );
    let staged = String::from_utf8(sh.stdout).unwrap();
    assert!(staged.contains("A  .github/workflows/itsm.yml"), "{staged}");

    // In the current folder, already a git work tree: no cd, no git init.
    let r = run(&tmp.path().join("my essays"), &["init", "sub"]);
    let steps = r.stdout.split_once("\n次の手順:\n").unwrap().1;
    assert!(steps.contains("  cd sub\n") && steps.contains("  git add . && git commit"));
    assert!(!steps.contains("git init"), "{steps}");
    let r = run(&tmp.path().join("my essays/sub"), &["init", ".", "--force"]);
    let steps = r.stdout.split_once("\n次の手順:\n").unwrap().1;
    assert!(!steps.contains("cd "), "{steps}");
}

#[test]
fn the_example_essay_is_clean_and_within_the_exam_limits() {
    let lib = Library::embedded().unwrap();
    let vocab = Vocabulary::from_library(&lib);
    let text = itsm::cli::EXAMPLE_ESSAY;
    let r = lint::lint_text("essays/example.md", text, &vocab, &Settings::default());
    let found: Vec<String> = r
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.code, d.message))
        .collect();
    assert_eq!(found, Vec::<String>::new());
    let doc = Document::parse(text, None);
    assert_eq!(doc.kind, Kind::Essay);
    let counts: Vec<(char, usize)> = doc
        .parts
        .iter()
        .map(|p| {
            (
                p.label,
                itsm::text::lines::count_chars(&text[p.body.clone()]),
            )
        })
        .collect();
    let limits = [('ア', 1, 800), ('イ', 800, 1600), ('ウ', 600, 1200)];
    assert_eq!(counts.len(), 3, "{counts:?}");
    for ((label, n), (want, lo, hi)) in counts.iter().zip(limits) {
        assert_eq!(*label, want);
        assert!((lo..=hi).contains(n), "設問{label}: {n}字");
    }
}

#[test]
fn the_repository_ships_a_pre_commit_hook() {
    #[derive(serde::Deserialize)]
    struct Hook {
        id: String,
        entry: String,
        language: String,
        files: String,
    }
    let text = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/.pre-commit-hooks.yaml"
    ))
    .unwrap();
    let hooks: Vec<Hook> = serde_saphyr::from_str(&text).unwrap();
    assert_eq!(hooks.len(), 1);
    assert_eq!(hooks[0].id, "itsm-lint");
    assert_eq!(hooks[0].entry, "itsm lint");
    assert_eq!(hooks[0].language, "rust");
    assert!(
        regex::Regex::new(&hooks[0].files)
            .unwrap()
            .is_match("essays/a.md")
    );
}

// ------------------------------------------------------------------------------------ --fix

const FIXABLE: &str = "## 設問ア
私は、監視の方式を見直すと判断した。障害は月3件、対応は10分、要員は20名である。
MTTRを短縮し、ｻｰﾋﾞｽの稼働率を９９．９％に保った。
情報は青葉ポータルで共有した。
・手順書を整備した。
";

const FIXED: &str = "## 設問ア
私は、監視の方式を見直すと判断した。障害は月3件、対応は10分、要員は20名である。
MTTR（平均復旧時間）を短縮し、サービスの稼働率を99.9%に保った。
情報は社内の情報共有サイトで共有した。
・手順書を整備した。
";

#[test]
fn fix_applies_safe_fixes_once_and_reports_what_remains() {
    let repo = study_repo();
    let dir = repo.path();
    let f = dir.join("essays/a.md");
    fs::write(&f, FIXABLE).unwrap();
    let r = run(dir, &["lint", "--fix", "essays/a.md"]);
    assert_eq!(r.code, 1, "the bullet (S001) is not fixable and remains");
    assert_eq!(fs::read_to_string(&f).unwrap(), FIXED);
    let log: Vec<&str> = r.stdout.lines().filter(|l| l.starts_with("修正")).collect();
    assert_eq!(
        log,
        [
            "修正: essays/a.md:3 S002 「MTTR」→「MTTR（平均復旧時間）」",
            "修正: essays/a.md:3 S012 「ｻｰﾋﾞｽ」→「サービス」",
            "修正: essays/a.md:3 S013 「９９．９％」→「99.9%」",
            "修正: essays/a.md:4 S003 「青葉ポータル」→「社内の情報共有サイト」",
            "修正しました: 4件（1ファイル）",
        ]
    );
    assert!(r.stdout.contains("error[S001]"), "{}", r.stdout);
    assert!(
        r.stdout
            .ends_with("1ファイル: エラー 1件、警告 0件、情報 0件\n"),
        "{}",
        r.stdout
    );

    // Idempotent: a second run changes nothing.
    let r = run(dir, &["lint", "--fix", "essays/a.md"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.starts_with("修正しました: 0件（0ファイル）\n"),
        "{}",
        r.stdout
    );
    assert_eq!(fs::read_to_string(&f).unwrap(), FIXED);

    // The fixed rules are clean.
    let r = run(dir, &["lint", "essays/a.md", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let codes: Vec<&str> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["S001"]);
}

#[test]
fn fix_keeps_bom_crlf_and_permissions_and_skips_shift_jis() {
    let repo = study_repo();
    let dir = repo.path();
    let f = dir.join("essays/crlf.md");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(FIXABLE.replace('\n', "\r\n").as_bytes());
    fs::write(&f, &bytes).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&f, fs::Permissions::from_mode(0o640)).unwrap();
    }
    let sjis_before = fs::read(dir.join("essays/sjis.md")).unwrap();
    let (sjis_fixable, _, _) = encoding_rs::SHIFT_JIS.encode("## 設問ア\nMTTRを短縮した。\n");
    fs::write(dir.join("essays/sjis2.md"), &sjis_fixable).unwrap();
    let r = run(dir, &["lint", "--fix", "--format", "json", "essays"]);
    assert_eq!(r.code, 1);
    let mut want = b"\xEF\xBB\xBF".to_vec();
    want.extend_from_slice(FIXED.replace('\n', "\r\n").as_bytes());
    assert_eq!(fs::read(&f).unwrap(), want);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&f).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
    assert_eq!(fs::read(dir.join("essays/sjis.md")).unwrap(), sjis_before);
    assert_eq!(
        fs::read(dir.join("essays/sjis2.md")).unwrap(),
        sjis_fixable.to_vec()
    );
    assert!(
        r.stderr
            .contains("essays/sjis2.md: Shift_JIS のファイルは --fix で書き換えません"),
        "{}",
        r.stderr
    );
    // JSON stays clean JSON on stdout; the change log goes to stderr.
    let _: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(
        r.stderr.contains("修正: essays/crlf.md:3 S002"),
        "{}",
        r.stderr
    );
}

#[test]
fn fix_diff_shows_the_change_and_writes_nothing() {
    let repo = study_repo();
    let dir = repo.path();
    let f = dir.join("essays/a.md");
    fs::write(&f, FIXABLE).unwrap();
    let r = run(dir, &["lint", "--fix", "--diff", "essays/a.md"]);
    assert_eq!(r.code, 1, "errors would remain");
    assert_eq!(fs::read_to_string(&f).unwrap(), FIXABLE);
    assert_eq!(
        r.stdout,
        "--- a/essays/a.md\n+++ b/essays/a.md\n@@ -1,5 +1,5 @@\n ## 設問ア\n 私は、監視の方式を見直すと判断した。障害は月3件、対応は10分、要員は20名である。\n-MTTRを短縮し、ｻｰﾋﾞｽの稼働率を９９．９％に保った。\n-情報は青葉ポータルで共有した。\n+MTTR（平均復旧時間）を短縮し、サービスの稼働率を99.9%に保った。\n+情報は社内の情報共有サイトで共有した。\n ・手順書を整備した。\n"
    );
    assert!(
        r.stderr
            .contains("修正案（--diff のため書き換えていません）: 4件（1ファイル）"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("修正後に残る指摘: エラー 1件、警告 0件、情報 0件"),
        "{}",
        r.stderr
    );
    // --diff alone is a usage error.
    assert_eq!(run(dir, &["lint", "--diff", "essays/a.md"]).code, 2);
}

#[cfg(unix)]
#[test]
fn a_failed_write_leaves_the_original_untouched() {
    use std::os::unix::fs::PermissionsExt;
    let repo = study_repo();
    let dir = repo.path();
    // A read-only file: refused even for a privileged user, who could otherwise replace it.
    let f = dir.join("essays/a.md");
    fs::write(&f, FIXABLE).unwrap();
    fs::set_permissions(&f, fs::Permissions::from_mode(0o444)).unwrap();
    let r = run(dir, &["lint", "--fix", "essays/a.md"]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("読み取り専用"), "{}", r.stderr);
    assert!(
        r.stderr.contains("元のファイルはそのままです"),
        "{}",
        r.stderr
    );
    assert_eq!(fs::read_to_string(&f).unwrap(), FIXABLE);
    // The findings of the untouched file are still reported.
    assert!(r.stdout.contains("warning[S002]"), "{}", r.stdout);

    // A read-only folder: the temporary file cannot be created, so nothing is replaced.
    let ro = dir.join("essays/locked");
    fs::create_dir_all(&ro).unwrap();
    let g = ro.join("b.md");
    fs::write(&g, FIXABLE).unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).unwrap();
    let privileged = fs::write(ro.join("probe"), "").is_ok();
    if privileged {
        let _ = fs::remove_file(ro.join("probe"));
        eprintln!(
            "note: running with privileges that ignore folder permissions; read-only folder case not checkable here"
        );
    } else {
        let r = run(dir, &["lint", "--fix", "essays/locked/b.md"]);
        assert_eq!(r.code, 2, "{}", r.stdout);
        assert!(
            r.stderr.contains("元のファイルはそのままです"),
            "{}",
            r.stderr
        );
        assert_eq!(fs::read_to_string(&g).unwrap(), FIXABLE);
        assert_eq!(
            fs::read_dir(&ro).unwrap().count(),
            1,
            "no temporary file left"
        );
    }
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o755)).unwrap();
}

// ------------------------------------------------------------------------------------ config

#[test]
fn config_errors_name_key_position_and_choices() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fs::write(dir.join("a.md"), "## 設問ア\n本文である。\n").unwrap();

    fs::write(dir.join("itsm.yaml"), "rules:\n  S002: off\nmin-scor: 70\n").unwrap();
    let r = run(dir, &["lint", "a.md"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("error[CF001]: 未知のキー `min-scor` です"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("itsm.yaml:3:1"), "{}", r.stderr);
    assert!(
        r.stderr.contains("もしかして `min-score` ですか？ 有効なキー: rules, abbreviations, allowed-abbreviations, banned, library, counting, fail-on, min-score, kinds, include, exclude"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty(), "no findings printed on a config error");

    fs::write(dir.join("itsm.yaml"), "# 合格ライン\nmin-score: many\n").unwrap();
    let r = run(dir, &["lint", "a.md"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("error[CF001]: `min-score` の値が整数ではありません"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("itsm.yaml:2:12"), "{}", r.stderr);
    assert!(r.stderr.contains("0〜100 の整数"), "{}", r.stderr);

    fs::write(
        dir.join("itsm.yaml"),
        "rules:\n  sentence-too-long: {max-sentence-chars: 80, severty: error}\n  fullwidth-asci: off\n",
    )
    .unwrap();
    let r = run(dir, &["config", "--dump"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("rules.sentence-too-long: 未知のキー `severty` です"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("itsm.yaml:2:47"), "{}", r.stderr);
    assert!(r.stderr.contains("もしかして `severity`"), "{}", r.stderr);
    assert!(
        r.stderr.contains("rules: 未知の規則 `fullwidth-asci` です"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("itsm.yaml:3:3"), "{}", r.stderr);
    assert!(
        r.stderr.contains("もしかして `fullwidth-ascii`"),
        "{}",
        r.stderr
    );

    fs::write(dir.join("itsm.yaml"), "kinds:\n  \"essays/**\": esay\n").unwrap();
    let r = run(dir, &["lint", "a.md"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("kinds.essays/**: `esay` は使えません"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("もしかして `essay` ですか？ 有効な値: essay, module"),
        "{}",
        r.stderr
    );

    fs::write(dir.join("itsm.yaml"), "library: nowhere\n").unwrap();
    let r = run(dir, &["lint", "a.md"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("library のフォルダ `nowhere` が見つかりません"),
        "{}",
        r.stderr
    );
}

#[test]
fn config_dump_shows_the_merged_result() {
    let repo = study_repo();
    let dir = repo.path();
    let r = run(
        dir,
        &["config", "--dump", "--format", "json", "essays/a.md"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(
        v["config-file"].as_str().unwrap().ends_with("itsm.yaml"),
        "{v}"
    );
    assert_eq!(v["rules"]["S007"]["severity"], "off");
    assert_eq!(v["rules"]["S002"]["severity"], "warning");
    assert_eq!(v["rules"]["S005"]["max-sentence-chars"], 140);
    assert_eq!(v["banned"]["青葉ポータル"], "社内の情報共有サイト");
    assert_eq!(v["kinds"]["essays/**"], "essay");
    assert_eq!(v["counting"], "cbt");
    assert_eq!(v["fail-on"], "error");
    assert_eq!(v["include"], serde_json::json!(["essays/**", "modules/**"]));
    let y = run(dir, &["config", "--dump"]);
    assert!(
        y.stdout
            .contains("  S007: {name: \"ambiguous-expression\", severity: \"off\"}\n"),
        "{}",
        y.stdout
    );
    let note = run(dir, &["config", "essays"]);
    assert!(
        note.stdout.contains("itsm.yaml を使います"),
        "{}",
        note.stdout
    );
}

#[test]
fn every_glossary_and_banned_fix_resolves_its_finding_and_is_stable() {
    let lib = Library::embedded().unwrap();
    let vocab = Vocabulary::from_library(&lib);
    let settings = Settings {
        kind: Some(Kind::Essay),
        ..Settings::default()
    };
    let tail = "私は、手順を見直すと判断した。障害は月3件、対応は10分、要員は20名である。";
    let mut checked = 0;
    for abbr in vocab.glossary.keys() {
        let text = format!("## 設問ア\n{abbr}を導入した。{tail}\n");
        let before = lint::lint_text("t.md", &text, &vocab, &settings);
        if !before.diagnostics.iter().any(|d| d.code == "S002") {
            continue; // explained by its own shape (e.g. a banned word) or common
        }
        let out = itsm::lint::fix::fix_text("t.md", &text, &vocab, &settings);
        assert!(out.changed(), "{abbr}: a gloss is known, so a fix applies");
        let left: Vec<&str> = out
            .report
            .diagnostics
            .iter()
            .filter(|d| d.code == "S002")
            .map(|d| &out.text[d.span.clone().unwrap()])
            .collect();
        assert!(
            left.is_empty(),
            "{abbr} still unexplained after the fix: {}",
            out.text
        );
        let again = itsm::lint::fix::fix_text("t.md", &out.text, &vocab, &settings);
        assert!(!again.changed(), "{abbr}: a second fix changes nothing");
        checked += 1;
    }
    assert!(checked > 50, "only {checked} glossary entries checked");
    for (name, generic) in &vocab.banned {
        let text = format!("## 設問ア\n連絡には{name}を使った。{tail}\n");
        let out = itsm::lint::fix::fix_text("t.md", &text, &vocab, &settings);
        assert!(out.text.contains(generic.as_str()), "{name}: {}", out.text);
        let s003: Vec<&str> = out
            .report
            .diagnostics
            .iter()
            .filter(|d| d.code == "S003")
            .map(|d| &out.text[d.span.clone().unwrap()])
            .collect();
        assert!(s003.is_empty(), "{name} → {generic}: {s003:?}");
        assert!(!itsm::lint::fix::fix_text("t.md", &out.text, &vocab, &settings).changed());
    }
}

#[test]
fn fixing_random_mixtures_never_panics_and_settles() {
    let lib = Library::embedded().unwrap();
    let vocab = Vocabulary::from_library(&lib);
    let settings = Settings::default();
    const PIECES: &[&str] = &[
        "ｻｰﾋﾞｽ",
        "ﾞ",
        "ﾟ",
        "ｳﾞ",
        "９９．９％",
        "ＭＴＴＲ",
        "MTTR",
        "Slack",
        "Amazon Web Services",
        "（",
        "）",
        "(",
        "。",
        "\n",
        "\r\n",
        "<!-- itsm-disable S002 -->",
        "<!-- itsm-enable -->",
        "<!-- itsm-disable-next-line S013 -->",
        "<!-- itsm-disable -->",
        "## 設問ア\n",
        "・",
        "、",
        "RTO",
        "AZ",
        "Multi-",
        " ",
        "CI/CD",
        "ＡＷＳ",
        "---\n",
        "```\n",
        "１，０００",
        "Ｍｕｌｔｉ－ＡＺ",
        "障害を減らした",
        "私は判断した",
        "ｶﾞ",
        "\u{FEFF}",
        "日本",
    ];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..300 {
        let n = (next() % 30) as usize;
        let text: String = (0..n)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        let out = itsm::lint::fix::fix_text("r.md", &text, &vocab, &settings);
        let again = itsm::lint::fix::fix_text("r.md", &out.text, &vocab, &settings);
        assert!(
            !again.changed(),
            "not settled:\n{text:?}\n→ {:?}\n→ {:?}",
            out.text,
            again.text
        );
    }
}
