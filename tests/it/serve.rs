//! `itsm serve`'s API against `docs/serve-api.md`: every endpoint's status codes and shapes,
//! `/api/check` equal to the CLI's `--format json` output on the same file, the 原稿用紙 layout
//! equal to `itsm count`'s numbers, saves (conflicts, concurrency, atomicity, never outside DIR)
//! and the transport guards (Host, Origin, Content-Type, body size). The server runs in-process
//! on a temp copy of a study repository made like `itsm init` plus a question file.

use crate::http::{Reply, get, post, request, send_json};
use assert_cmd::Command;
use itsm::config::Overrides;
use itsm::serve::{Options, Running, Server};
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// A question with limits of its own (not the exam's), so that their use is visible.
pub const QUESTION: &str = "---\nkind: question\ntheme: change\n---\n# 問1　変更管理の改善について\n\n　変更の件数が増えるなか，ITサービスマネージャには変更管理の改善が求められる。\n\n設問ア　あなたが携わったITサービスの概要と，変更管理上の問題について，600字以内で述べよ。\n設問イ　設問アで述べた問題を解決するために実施した改善策と工夫した点について，700字以上1,400字以内で具体的に述べよ。\n設問ウ　設問イで述べた改善策の評価と今後の課題について，500字以上1,000字以内で具体的に述べよ。\n";

/// A study repository: `itsm init`'s files and `questions/q.md`.
pub struct Repo {
    _tmp: tempfile::TempDir,
    pub root: PathBuf,
}

impl Repo {
    pub fn new() -> Repo {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("study");
        let source =
            itsm::cli::InitSource::new(itsm::cli::DEFAULT_REPOSITORY, &itsm::cli::default_ref())
                .expect("the crate's repository is a valid source");
        for (rel, text) in itsm::cli::init_files(None, &source) {
            write(&root.join(rel), &text);
        }
        write(&root.join("questions/q.md"), QUESTION);
        Repo { _tmp: tmp, root }
    }

    /// A repository without any config file.
    pub fn bare() -> Repo {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("bare");
        std::fs::create_dir_all(&root).unwrap();
        Repo { _tmp: tmp, root }
    }

    pub fn serve(&self) -> Running {
        Server::bind(Options {
            dir: self.root.clone(),
            addr: "127.0.0.1:0".parse().unwrap(),
            overrides: Overrides::default(),
        })
        .expect("the server starts")
        .spawn()
        .expect("the server runs")
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join(rel)).unwrap()
    }
}

pub fn write(p: &Path, text: &str) {
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// `itsm ARGS` run in `root`: its JSON output.
fn cli_json(root: &Path, args: &[&str]) -> Value {
    let out = Command::cargo_bin("itsm")
        .unwrap()
        .current_dir(root)
        .args(args)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "itsm {args:?}: not JSON ({e}); stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// The three CLI documents for `rel` in `root` (lint with `lint_extra` flags).
fn cli_check(root: &Path, rel: &str, lint_extra: &[&str], kind: &[&str]) -> Value {
    let mut lint = vec!["lint", "--format", "json"];
    lint.extend_from_slice(kind);
    lint.extend_from_slice(lint_extra);
    lint.push(rel);
    let mut score = vec!["score", "--format", "json"];
    score.extend_from_slice(kind);
    score.push(rel);
    let mut count = vec!["count", "--format", "json", "--mode", "both"];
    count.extend_from_slice(kind);
    count.push(rel);
    json!({
        "lint": cli_json(root, &lint),
        "score": cli_json(root, &score),
        "count": cli_json(root, &count),
    })
}

fn set_paths(v: &mut Value, path: &str) {
    for doc in ["lint", "score", "count"] {
        v[doc]["files"][0]["path"] = json!(path);
    }
}

fn check(addr: SocketAddr, body: &Value) -> Value {
    let r = post(addr, "/api/check", body);
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()
}

/// An essay with findings of several kinds (S013 full-width letters, a bullet, a subjective
/// close) and every part short of its minimum.
const ESSAY: &str = "---\nkind: essay\ntheme: change\n---\n\n## 設問ア\n\n私はＡ社のｼｽﾃﾑを担当していると思われる。\n\n## 設問イ\n\n・変更諮問委員会（CAB）を設けた。\n重要なことはがんばることです。\n\n## 設問ウ\n\n稼働率は99.9%になった。\n";

#[test]
fn info_lists_themes_limits_and_the_counting_mode() {
    let repo = Repo::new();
    let s = repo.serve();
    let r = get(s.addr(), "/api/info");
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(r.header("cache-control"), Some("no-store"));
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    let v = r.json();
    assert_eq!(v["version"], 1);
    assert_eq!(v["tool"]["name"], "itsm");
    assert_eq!(v["tool"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(v["root"], "study");
    assert_eq!(v["counting"], "cbt");
    assert_eq!(
        v["limits"],
        json!({"ア": {"min": null, "max": 800}, "イ": {"min": 800, "max": 1600}, "ウ": {"min": 600, "max": 1200}})
    );
    let themes = v["themes"].as_array().unwrap();
    assert_eq!(themes[0], json!({"id": "change", "name": "変更管理"}));
    assert_eq!(themes.len(), 16);
    drop(s);
    // `counting:` of DIR's itsm.yaml.
    let cfg = repo
        .read("itsm.yaml")
        .replace("counting: cbt", "counting: genkou");
    write(&repo.root.join("itsm.yaml"), &cfg);
    let s = repo.serve();
    assert_eq!(get(s.addr(), "/api/info").json()["counting"], "genkou");
}

/// `library:` in DIR's itsm.yaml: the server loads the overlay as the CLI does (the embedded
/// library is compiled in; an overlay is parsed with it), and a broken overlay stops it.
#[test]
fn a_library_overlay_is_used_as_the_cli_uses_it() {
    let repo = Repo::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let themes = std::fs::read_to_string(root.join("rubrics/themes.yaml"))
        .unwrap()
        .replacen("name: 変更管理\n", "name: 変更管理（自分の表）\n", 1);
    write(&repo.root.join("lib/rubrics/themes.yaml"), &themes);
    let module =
        std::fs::read_to_string(root.join("docs/user-library/modules/canary-release.yaml"))
            .unwrap();
    write(&repo.root.join("lib/modules/canary-release.yaml"), &module);
    let case = std::fs::read_to_string(root.join("docs/user-library/cases/hospital.yaml")).unwrap();
    write(&repo.root.join("lib/cases/hospital.yaml"), &case);
    let cfg = format!("{}\nlibrary: lib\n", repo.read("itsm.yaml"));
    write(&repo.root.join("itsm.yaml"), &cfg);
    let s = repo.serve();
    let themes = get(s.addr(), "/api/info").json()["themes"].clone();
    assert_eq!(
        themes[0],
        json!({"id": "change", "name": "変更管理（自分の表）"})
    );
    write(&repo.root.join("essays/bad.md"), ESSAY);
    let want = cli_check(&repo.root, "essays/bad.md", &[], &["--kind", "essay"]);
    let got = check(
        s.addr(),
        &json!({"text": ESSAY, "path": "essays/bad.md", "kind": "essay"}),
    );
    assert_eq!(got, want);
    drop(s);
    write(&repo.root.join("lib/modules/broken.yaml"), "id: [\n");
    let err = Server::bind(Options {
        dir: repo.root.clone(),
        addr: "127.0.0.1:0".parse().unwrap(),
        overrides: Overrides::default(),
    })
    .err()
    .expect("a broken overlay stops the server");
    assert!(err.to_string().contains("broken.yaml"), "{err}");
}

#[test]
fn the_page_is_served_with_its_policy_and_nothing_else() {
    let repo = Repo::new();
    let s = repo.serve();
    let r = get(s.addr(), "/");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(
        r.header("content-security-policy")
            .unwrap()
            .starts_with("default-src 'none'; script-src 'self'")
    );
    assert!(r.text().contains("data-testid=\"timer-toggle\""));
    let css = get(s.addr(), "/style.css");
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert_eq!(css.header("cache-control"), Some("no-cache"));
    let js = get(s.addr(), "/api.js");
    assert_eq!(js.status, 200, "/api.js is a file of the page, not the API");
    assert_eq!(
        js.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    let missing = get(s.addr(), "/secret.txt");
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    assert_eq!(get(s.addr(), "/../itsm.yaml").status, 404);
}

#[test]
fn check_equals_the_cli_on_the_same_file() {
    let repo = Repo::new();
    let s = repo.serve();
    // The example essay of `itsm init`, as it is.
    let rel = "essays/example.md";
    let mut want = cli_check(&repo.root, rel, &[], &[]);
    let got = check(s.addr(), &json!({"text": repo.read(rel), "path": rel}));
    assert_eq!(got, want);
    // An essay with findings, in the repository and checked with --kind.
    write(&repo.root.join("essays/bad.md"), ESSAY);
    want = cli_check(&repo.root, "essays/bad.md", &[], &["--kind", "essay"]);
    let got = check(
        s.addr(),
        &json!({"text": ESSAY, "path": "essays/bad.md", "kind": "essay"}),
    );
    assert_eq!(got, want);
    let codes: Vec<&str> = got["lint"]["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"S013") && codes.contains(&"E004"),
        "{codes:?}"
    );
    // A module paragraph (the `modules/**` glob of itsm.yaml gives the kind).
    let module = "カナリアリリースと呼ばれる、新しい版をまず一部の利用者だけに公開するという特徴を持つ手法を使用し、展開の仕組みを導入した。なぜならば、検証不足の不具合が全店の朝の業務に影響するというサービス運用上の問題・課題が解決できると考えたからである。\n";
    write(&repo.root.join("modules/m.md"), module);
    let want = cli_check(&repo.root, "modules/m.md", &[], &[]);
    let got = check(s.addr(), &json!({"text": module, "path": "modules/m.md"}));
    assert_eq!(got["lint"]["files"][0], want["lint"]["files"][0]);
    assert_eq!(got, want);
    assert_eq!(got["count"]["files"][0]["kind"], "module");
}

#[test]
fn check_without_a_path_is_a_file_at_the_top_of_dir() {
    let repo = Repo::bare();
    let s = repo.serve();
    write(&repo.root.join("input.md"), ESSAY);
    let mut want = cli_check(&repo.root, "input.md", &["--theme", "change"], &[]);
    set_paths(&mut want, "<input>");
    let got = check(s.addr(), &json!({"text": ESSAY, "theme": "change"}));
    assert_eq!(got, want);
    // The theme by its Japanese name is the same theme.
    let by_name = check(s.addr(), &json!({"text": ESSAY, "theme": "変更管理"}));
    assert_eq!(by_name, want);
}

#[test]
fn check_applies_a_question_as_the_cli_does() {
    let repo = Repo::new();
    let s = repo.serve();
    // The essay names the question in its front matter (as the page writes it); the CLI reads
    // it from there (score, count) or from --question (lint).
    let text = ESSAY.replace(
        "theme: change\n",
        "theme: change\nquestion: ../questions/q.md\n",
    );
    write(&repo.root.join("essays/q.md"), &text);
    let want = cli_check(
        &repo.root,
        "essays/q.md",
        &["--question", "questions/q.md"],
        &[],
    );
    // The question sent as text wins over the front matter's; the same question here.
    let got = check(
        s.addr(),
        &json!({"text": text, "path": "essays/q.md", "question": QUESTION}),
    );
    assert_eq!(got, want);
    let a = &got["count"]["files"][0]["parts"][0]["cbt"];
    assert_eq!(a["max"], 600, "the question's limit for ア: {a}");
    // Without `question`, the front matter's question is read (inside DIR).
    let got = check(s.addr(), &json!({"text": text, "path": "essays/q.md"}));
    assert_eq!(got, want);
    // A front matter question that does not exist: IO003 with the CLI's message.
    let missing = text.replace("../questions/q.md", "../questions/none.md");
    write(&repo.root.join("essays/q.md"), &missing);
    let want = cli_json(&repo.root, &["lint", "--format", "json", "essays/q.md"]);
    let got = check(s.addr(), &json!({"text": missing, "path": "essays/q.md"}));
    assert_eq!(got["lint"], want);
    assert_eq!(got["lint"]["files"][0]["diagnostics"][0]["code"], "IO003");
    // One outside DIR is never read.
    let outside = repo.root.parent().unwrap().join("outside.md");
    write(&outside, QUESTION);
    let escape = text.replace("../questions/q.md", "../../outside.md");
    let got = check(s.addr(), &json!({"text": escape, "path": "essays/q.md"}));
    let d = &got["lint"]["files"][0]["diagnostics"][0];
    assert_eq!(d["code"], "IO003", "{d}");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("の外にあるため読みません")
    );
    assert_eq!(got["count"]["files"][0]["parts"][0]["cbt"]["max"], 800);
}

#[test]
fn check_follows_the_config_of_the_path() {
    let repo = Repo::new();
    write(&repo.root.join("drafts/itsm.yaml"), "rules:\n  S013: off\n");
    write(&repo.root.join("drafts/a.md"), ESSAY);
    write(&repo.root.join("essays/a.md"), ESSAY);
    let s = repo.serve();
    for rel in ["drafts/a.md", "essays/a.md"] {
        let want = cli_check(&repo.root, rel, &[], &[]);
        let got = check(s.addr(), &json!({"text": ESSAY, "path": rel}));
        assert_eq!(got, want, "{rel}");
        let has_s013 = got["lint"]["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "S013");
        assert_eq!(has_s013, rel == "essays/a.md", "{rel}");
    }
    // The itsm.yaml under DIR's `exclude` does not stop a check (include/exclude ignored).
    write(&repo.root.join("essays/drafts/x.md"), ESSAY);
    let got = check(
        s.addr(),
        &json!({"text": ESSAY, "path": "essays/drafts/x.md"}),
    );
    assert!(got["lint"]["summary"]["errors"].as_u64().unwrap() > 0);
}

#[test]
fn check_reports_timing_and_refuses_bad_fields() {
    let repo = Repo::new();
    let s = repo.serve();
    let r = post(s.addr(), "/api/check", &json!({"text": ESSAY}));
    let timing = r.header("server-timing").unwrap();
    let ms: f64 = timing.strip_prefix("itsm;dur=").unwrap().parse().unwrap();
    assert!(
        ms >= 0.0 && timing.rsplit_once('.').unwrap().1.len() == 1,
        "{timing}"
    );
    let cases: &[(Value, u16, &str)] = &[
        (json!({}), 400, "bad_field"),
        (json!({"text": 1}), 400, "bad_field"),
        (json!({"text": "x", "kind": "paper"}), 400, "bad_kind"),
        (json!({"text": "x", "kind": 1}), 400, "bad_field"),
        (json!({"text": "x", "theme": "chnge"}), 400, "unknown_theme"),
        (
            json!({"text": "x", "question": "設問がない"}),
            422,
            "bad_question",
        ),
        (json!({"text": "x", "path": "../x.md"}), 400, "bad_path"),
        (
            json!({"text": "x", "path": "essays/x.json"}),
            400,
            "bad_path",
        ),
        (json!([1, 2]), 400, "bad_json"),
    ];
    for (body, status, code) in cases {
        let r = post(s.addr(), "/api/check", body);
        assert_eq!((r.status, r.code().as_str()), (*status, *code), "{body}");
        assert!(!r.json()["error"]["message"].as_str().unwrap().is_empty());
    }
    let r = request(
        s.addr(),
        "POST",
        "/api/check",
        &[("Content-Type", "application/json")],
        Some(b"{\"text\": "),
    );
    assert_eq!((r.status, r.code().as_str()), (400, "bad_json"));
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("1行")
    );
    // The unknown theme's message is the CLI's.
    let r = post(
        s.addr(),
        "/api/check",
        &json!({"text": "x", "theme": "chnge"}),
    );
    let cli = Command::cargo_bin("itsm")
        .unwrap()
        .current_dir(&repo.root)
        .args(["lint", "--theme", "chnge", "essays/example.md"])
        .output()
        .unwrap();
    let cli_msg = String::from_utf8_lossy(&cli.stderr);
    assert_eq!(
        cli_msg.trim().strip_prefix("error: ").unwrap(),
        r.json()["error"]["message"].as_str().unwrap()
    );
    // Unknown fields are ignored; null is "not given".
    let r = post(
        s.addr(),
        "/api/check",
        &json!({"text": "x", "extra": [1], "theme": null, "kind": null}),
    );
    assert_eq!(r.status, 200);
}

#[test]
fn genkou_lays_out_what_count_counts() {
    let repo = Repo::new();
    let s = repo.serve();
    let text = "## 設問ア\n\n### 1.1 ITサービスの概要\n\nA社は2026年から顧客5社にSaaSを提供しているサービス事業者である。利用者は約10万名である。\n";
    let r = post(s.addr(), "/api/genkou", &json!({"text": text}));
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["version"], 1);
    assert_eq!(v["kind"], "essay");
    assert_eq!(
        (v["row_cells"].clone(), v["page_rows"].clone()),
        (json!(25), json!(16))
    );
    let rows = v["parts"][0]["rows"].as_array().unwrap();
    assert_eq!(v["parts"][0]["part"], "ア");
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[0]["cells"],
        json!([
            "1", ".", "1", " ", "I", "T", "サ", "ー", "ビ", "ス", "の", "概", "要"
        ])
    );
    assert_eq!(rows[1]["cells"][0], "");
    assert_eq!(rows[1]["cells"][4], "20");
    // For every part of the example essay: rows and cells as `/api/check`'s count.
    let essay = repo.read("essays/example.md");
    let g = post(
        s.addr(),
        "/api/genkou",
        &json!({"text": essay, "path": "essays/example.md"}),
    )
    .json();
    let c = check(
        s.addr(),
        &json!({"text": essay, "path": "essays/example.md"}),
    );
    let counted = c["count"]["files"][0]["parts"].as_array().unwrap();
    assert_eq!(g["parts"].as_array().unwrap().len(), counted.len());
    for (part, count) in g["parts"].as_array().unwrap().iter().zip(counted) {
        let rows = part["rows"].as_array().unwrap();
        let cells: usize = rows
            .iter()
            .map(|r| r["cells"].as_array().unwrap().len())
            .sum();
        assert_eq!(part["part"], count["part"]);
        assert_eq!(json!(rows.len()), count["genkou"]["rows"]);
        assert_eq!(json!(cells), count["genkou"]["cells"]);
        assert!(
            rows.iter()
                .all(|r| r["cells"].as_array().unwrap().len() <= 25)
        );
    }
    // A text without parts is one entry with part null; 24 kanji and 「。」 hang.
    let t = format!("{}。", "字".repeat(24));
    let v = post(
        s.addr(),
        "/api/genkou",
        &json!({"text": t, "kind": "module"}),
    )
    .json();
    assert_eq!(v["kind"], "module");
    assert_eq!(v["parts"][0]["part"], Value::Null);
    assert_eq!(v["parts"][0]["rows"][0]["hang"], "。");
    assert_eq!(
        v["parts"][0]["rows"][0]["cells"].as_array().unwrap().len(),
        25
    );
}

#[test]
fn essays_are_listed_opened_and_split_into_parts() {
    let repo = Repo::new();
    write(
        &repo.root.join("notes/kind-question.md"),
        "---\nkind: question\n---\n設問ア　概要を800字以内で述べよ。\n",
    );
    write(&repo.root.join(".hidden/x.md"), ESSAY);
    write(&repo.root.join("ignored/x.md"), ESSAY);
    write(&repo.root.join(".gitignore"), "ignored/\n");
    std::fs::write(
        repo.root.join("essays/sjis.md"),
        b"\x83e\x83X\x83g\x82\xc5\x82\xb7\x81B\n",
    )
    .unwrap();
    let s = repo.serve();
    let v = get(s.addr(), "/api/essays").json();
    let paths: Vec<&str> = v["essays"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["essays/example.md", "essays/sjis.md"]);
    let e = &v["essays"][0];
    assert_eq!(
        e["title"],
        "配送状況照会サービスにおける障害の再発防止（例）"
    );
    assert_eq!(
        (e["kind"].as_str(), e["theme"].as_str()),
        (Some("essay"), Some("problem"))
    );
    assert_eq!(e["bytes"], repo.read("essays/example.md").len());
    let m = e["modified"].as_str().unwrap();
    assert!(
        m.len() == 20 && m.ends_with('Z') && m.as_bytes()[10] == b'T',
        "{m}"
    );

    let r = get(s.addr(), "/api/essays/essays/example.md");
    assert_eq!(r.status, 200);
    let v = r.json();
    let text = repo.read("essays/example.md");
    assert_eq!(v["text"], text);
    assert_eq!(r.header("etag"), v["etag"].as_str());
    let tag = v["etag"].as_str().unwrap();
    assert!(tag.starts_with("\"sha256-") && tag.len() == 73, "{tag}");
    assert_eq!(v["converted_from"], Value::Null);
    assert_eq!(
        v["front_matter_raw"],
        "---\nkind: essay\ntheme: problem\n---\n"
    );
    assert_eq!(
        v["front_matter"],
        json!([["kind", "essay"], ["theme", "problem"]])
    );
    let parts = v["parts"].as_array().unwrap();
    assert_eq!(
        parts
            .iter()
            .map(|p| p["label"].as_str().unwrap())
            .collect::<String>(),
        "アイウ"
    );
    // front matter + preamble + headings and bodies give the text back exactly.
    let mut rebuilt = format!(
        "{}{}",
        v["front_matter_raw"].as_str().unwrap(),
        v["preamble"].as_str().unwrap()
    );
    for p in parts {
        rebuilt.push_str(p["heading"].as_str().unwrap());
        rebuilt.push('\n');
        rebuilt.push_str(p["body"].as_str().unwrap());
    }
    assert_eq!(rebuilt, text);
    // Shift_JIS is converted (and said so); a non-ASCII path is percent-encoded.
    let v = get(s.addr(), "/api/essays/essays/sjis.md").json();
    assert_eq!(
        (v["text"].as_str(), v["converted_from"].as_str()),
        (Some("テストです。\n"), Some("Shift_JIS"))
    );
    write(&repo.root.join("essays/変更.md"), "本文\n");
    let r = get(s.addr(), "/api/essays/essays/%E5%A4%89%E6%9B%B4.md");
    assert_eq!(
        (r.status, r.json()["path"].as_str()),
        (200, Some("essays/変更.md"))
    );
    // Undecodable: 422 not_text; missing: 404.
    std::fs::write(repo.root.join("essays/bin.md"), b"\x00\x01\x02binary").unwrap();
    assert_eq!(
        get(s.addr(), "/api/essays/essays/bin.md").code(),
        "not_text"
    );
    let r = get(s.addr(), "/api/essays/essays/none.md");
    assert_eq!((r.status, r.code().as_str()), (404, "not_found"));
    // An unclosed front matter is no front matter block for the page.
    write(
        &repo.root.join("essays/open.md"),
        "---\nkind: essay\n## 設問ア\n本文\n",
    );
    let v = get(s.addr(), "/api/essays/essays/open.md").json();
    assert_eq!(v["front_matter_raw"], "");
}

#[test]
fn questions_from_the_repository_and_pasted() {
    let repo = Repo::new();
    write(
        &repo.root.join("questions/broken.txt"),
        "問題文だけで設問が無い\n",
    );
    let s = repo.serve();
    let v = get(s.addr(), "/api/questions").json();
    assert_eq!(v["version"], 1);
    let qs = v["questions"].as_array().unwrap();
    let repo_qs: Vec<&Value> = qs.iter().filter(|q| q["source"] == "repo").collect();
    assert_eq!(repo_qs.len(), 2);
    let broken = repo_qs[0];
    assert_eq!(broken["id"], "repo:questions/broken.txt");
    assert_eq!(broken["parts"], json!([]));
    assert_eq!(broken["error"]["code"], "bad_question");
    let q = repo_qs[1];
    assert_eq!(q["id"], "repo:questions/q.md");
    assert_eq!(q["path"], "questions/q.md");
    assert_eq!(q["title"], "問1　変更管理の改善について");
    assert_eq!(q["theme"], "change");
    assert_eq!(q["text"], QUESTION);
    assert_eq!(q["error"], Value::Null);
    let parts = q["parts"].as_array().unwrap();
    assert_eq!(parts.len(), 3);
    assert_eq!(
        (parts[0]["label"].as_str(), parts[0]["max"].as_u64()),
        (Some("ア"), Some(600))
    );
    assert_eq!(
        (parts[1]["min"].as_u64(), parts[1]["max"].as_u64()),
        (Some(700), Some(1400))
    );
    assert!(
        parts[0]["points"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "ITサービスの概要")
    );
    // Builtin questions follow the repository's, each with its theme.
    for b in qs.iter().filter(|q| q["source"] == "builtin") {
        assert_eq!(b["id"], format!("builtin:{}", b["theme"].as_str().unwrap()));
        assert_eq!(b["error"], Value::Null);
    }
    // Pasted.
    let r = post(s.addr(), "/api/questions/parse", &json!({"text": QUESTION}));
    assert_eq!(r.status, 200);
    let p = r.json();
    assert_eq!(
        (
            p["id"].clone(),
            p["source"].clone(),
            p["path"].clone(),
            p["theme"].clone()
        ),
        (Value::Null, json!("pasted"), Value::Null, Value::Null)
    );
    assert_eq!(p["parts"], q["parts"]);
    let r = post(
        s.addr(),
        "/api/questions/parse",
        &json!({"text": "設問ア　a\n設問ア　b\n"}),
    );
    assert_eq!((r.status, r.code().as_str()), (422, "bad_question"));
    assert_eq!(r.json()["error"]["message"], "設問アが2回あります");
}

fn put(addr: SocketAddr, rel: &str, text: &str, pre: Option<(&str, &str)>) -> Reply {
    let headers: Vec<(&str, &str)> = pre.into_iter().collect();
    send_json(
        addr,
        "PUT",
        &format!("/api/essays/{rel}"),
        &headers,
        &json!({"text": text}),
    )
}

#[test]
fn saves_check_the_version_and_write_atomically() {
    let repo = Repo::new();
    let s = repo.serve();
    let a = s.addr();
    // Create.
    let r = put(a, "essays/new.md", "一\n", Some(("If-None-Match", "*")));
    assert_eq!(r.status, 201, "{}", r.text());
    let v = r.json();
    assert_eq!(
        (v["path"].as_str(), v["bytes"].as_u64()),
        (Some("essays/new.md"), Some(4))
    );
    assert_eq!(r.header("etag"), v["etag"].as_str());
    assert_eq!(repo.read("essays/new.md"), "一\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(repo.root.join("essays/new.md"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644);
    }
    let tag1 = v["etag"].as_str().unwrap().to_owned();
    assert_eq!(get(a, "/api/essays/essays/new.md").json()["etag"], tag1);
    // Creating it again conflicts, with the file as it is.
    let r = put(a, "essays/new.md", "x", Some(("If-None-Match", "*")));
    assert_eq!((r.status, r.code().as_str()), (409, "conflict"));
    assert_eq!(r.json()["current"], json!({"text": "一\n", "etag": tag1}));
    // Update with the version opened.
    let r = put(a, "essays/new.md", "二\n", Some(("If-Match", &tag1)));
    assert_eq!(r.status, 200);
    let tag2 = r.json()["etag"].as_str().unwrap().to_owned();
    assert_ne!(tag1, tag2);
    // The old version again: conflict; the file is untouched.
    let r = put(a, "essays/new.md", "三\n", Some(("If-Match", &tag1)));
    assert_eq!(r.status, 409);
    assert_eq!(
        r.json()["error"]["message"],
        "essays/new.md は開いた後に変更されています"
    );
    assert_eq!(repo.read("essays/new.md"), "二\n");
    // Changed on disk since it was opened.
    write(&repo.root.join("essays/new.md"), "外で書き換えた\n");
    let r = put(a, "essays/new.md", "四\n", Some(("If-Match", &tag2)));
    assert_eq!(r.status, 409);
    assert_eq!(r.json()["current"]["text"], "外で書き換えた\n");
    // Deleted since it was opened: current is null.
    std::fs::remove_file(repo.root.join("essays/new.md")).unwrap();
    let r = put(a, "essays/new.md", "五\n", Some(("If-Match", &tag2)));
    assert_eq!((r.status, r.json()["current"].clone()), (409, Value::Null));
    // No precondition, no text, no folder.
    let r = put(a, "essays/new.md", "六\n", None);
    assert_eq!(
        (r.status, r.code().as_str()),
        (428, "precondition_required")
    );
    let r = send_json(
        a,
        "PUT",
        "/api/essays/essays/new.md",
        &[("If-None-Match", "*")],
        &json!({}),
    );
    assert_eq!((r.status, r.code().as_str()), (400, "bad_field"));
    let r = put(
        a,
        "essays/nofolder/new.md",
        "七\n",
        Some(("If-None-Match", "*")),
    );
    assert_eq!((r.status, r.code().as_str()), (404, "no_folder"));
    assert_eq!(
        r.json()["error"]["message"],
        "フォルダ essays/nofolder/ はありません"
    );
    assert!(!repo.root.join("essays/nofolder").exists());
    // Bytes exactly as sent (no BOM, CRLF kept); nothing but the files is left in the folder.
    let r = put(
        a,
        "essays/crlf.md",
        "行1\r\n行2",
        Some(("If-None-Match", "*")),
    );
    assert_eq!(r.status, 201);
    assert_eq!(
        std::fs::read(repo.root.join("essays/crlf.md")).unwrap(),
        "行1\r\n行2".as_bytes()
    );
    let mut names: Vec<String> = std::fs::read_dir(repo.root.join("essays"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["crlf.md", "example.md"]);
}

#[cfg(unix)]
#[test]
fn saves_keep_permissions_and_write_through_links_inside_dir() {
    use std::os::unix::fs::PermissionsExt;
    let repo = Repo::new();
    let s = repo.serve();
    let p = repo.root.join("essays/example.md");
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::os::unix::fs::symlink("example.md", repo.root.join("essays/link.md")).unwrap();
    let tag = get(s.addr(), "/api/essays/essays/link.md").json()["etag"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = put(
        s.addr(),
        "essays/link.md",
        "新しい本文\n",
        Some(("If-Match", &tag)),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(
        std::fs::symlink_metadata(repo.root.join("essays/link.md"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(repo.read("essays/example.md"), "新しい本文\n");
    assert_eq!(
        std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn concurrent_saves_from_one_version_let_exactly_one_win() {
    let repo = Repo::new();
    let s = repo.serve();
    let addr = s.addr();
    let tag = get(addr, "/api/essays/essays/example.md").json()["etag"]
        .as_str()
        .unwrap()
        .to_owned();
    let results: Vec<(u16, String)> = std::thread::scope(|sc| {
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let tag = tag.clone();
                sc.spawn(move || {
                    let text = format!("版{i}\n");
                    (
                        put(addr, "essays/example.md", &text, Some(("If-Match", &tag))).status,
                        text,
                    )
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let winners: Vec<&(u16, String)> = results.iter().filter(|(st, _)| *st == 200).collect();
    assert_eq!(winners.len(), 1, "{results:?}");
    assert_eq!(results.iter().filter(|(st, _)| *st == 409).count(), 7);
    assert_eq!(repo.read("essays/example.md"), winners[0].1);
    // New files at once: one 201, the rest 409.
    let created: Vec<u16> = std::thread::scope(|sc| {
        let hs: Vec<_> = (0..6)
            .map(|i| {
                sc.spawn(move || {
                    put(
                        addr,
                        "essays/race.md",
                        &format!("{i}"),
                        Some(("If-None-Match", "*")),
                    )
                    .status
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(
        created.iter().filter(|&&c| c == 201).count(),
        1,
        "{created:?}"
    );
    assert_eq!(
        created.iter().filter(|&&c| c == 409).count(),
        5,
        "{created:?}"
    );
}

#[test]
fn paths_never_leave_dir() {
    let repo = Repo::new();
    let outside = repo.root.parent().unwrap().join("secret.md");
    write(&outside, "秘密\n");
    let s = repo.serve();
    let a = s.addr();
    for p in [
        "..%2Fsecret.md",
        "%2E%2E/secret.md",
        "essays/..%2F..%2Fsecret.md",
        "%2Fetc%2Fpasswd.md",
        "essays%5C..%5Cx.md",
        ".git/x.md",
        "essays/.x.md",
        "essays/x%00.md",
        "itsm.yaml",
        "%FF.md",
    ] {
        let r = get(a, &format!("/api/essays/{p}"));
        assert_eq!((r.status, r.code().as_str()), (400, "bad_path"), "{p}");
        let r = put(a, p, "x", Some(("If-None-Match", "*")));
        assert_eq!(r.status, 400, "{p}");
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&outside, repo.root.join("essays/out.md")).unwrap();
        std::os::unix::fs::symlink(repo.root.parent().unwrap(), repo.root.join("up")).unwrap();
        std::os::unix::fs::symlink("nowhere.md", repo.root.join("essays/dangling.md")).unwrap();
        for p in [
            "essays/out.md",
            "up/secret.md",
            "up/new.md",
            "essays/dangling.md",
        ] {
            let r = get(a, &format!("/api/essays/{p}"));
            assert_eq!(
                (r.status, r.code().as_str()),
                (403, "forbidden_path"),
                "GET {p}"
            );
            let r = put(a, p, "上書き", Some(("If-None-Match", "*")));
            assert_eq!(r.status, 403, "PUT {p}: {}", r.text());
            let r = post(a, "/api/check", &json!({"text": "x", "path": p}));
            assert_eq!(r.status, 403, "check {p}");
        }
        assert!(!repo.root.parent().unwrap().join("new.md").exists());
        assert!(!repo.root.join("essays/nowhere.md").exists());
        // A FIFO is not a regular file: refused at once, never opened.
        let fifo = repo.root.join("essays/fifo.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let r = get(a, "/api/essays/essays/fifo.md");
            assert_eq!(r.status, 403);
            let r = put(a, "essays/fifo.md", "x", Some(("If-Match", "*")));
            assert_eq!(r.status, 403);
        }
    }
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "秘密\n");
    // A folder named like an essay.
    std::fs::create_dir_all(repo.root.join("essays/dir.md")).unwrap();
    assert_eq!(get(a, "/api/essays/essays/dir.md").status, 403);
}

#[test]
fn transport_guards() {
    let repo = Repo::new();
    let s = repo.serve();
    let a = s.addr();
    let port = a.port();
    // Host (DNS rebinding).
    for host in [
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
        format!("127.0.0.1:{port}"),
    ] {
        assert_eq!(
            request(a, "GET", "/api/info", &[("Host", &host)], None).status,
            200,
            "{host}"
        );
    }
    for host in [
        format!("evil.example:{port}"),
        "127.0.0.1:1".into(),
        "localhost".into(),
    ] {
        let r = request(a, "GET", "/", &[("Host", &host)], None);
        assert_eq!(
            (r.status, r.code().as_str()),
            (403, "forbidden_host"),
            "{host}"
        );
    }
    // Content-Type.
    let body = json!({"text": "x"}).to_string();
    for ct in [
        None,
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
    ] {
        let h: Vec<(&str, &str)> = ct.map(|c| ("Content-Type", c)).into_iter().collect();
        let r = request(a, "POST", "/api/check", &h, Some(body.as_bytes()));
        assert_eq!(
            (r.status, r.code().as_str()),
            (415, "unsupported_media_type"),
            "{ct:?}"
        );
    }
    let r = request(
        a,
        "POST",
        "/api/check",
        &[("Content-Type", "application/json; charset=utf-8")],
        Some(body.as_bytes()),
    );
    assert_eq!(r.status, 200);
    // Origin.
    let own = format!("http://127.0.0.1:{port}");
    let r = send_json(
        a,
        "POST",
        "/api/check",
        &[("Origin", &own)],
        &json!({"text": "x"}),
    );
    assert_eq!(r.status, 200);
    let r = send_json(
        a,
        "POST",
        "/api/check",
        &[("Origin", "http://evil.example")],
        &json!({"text": "x"}),
    );
    assert_eq!((r.status, r.code().as_str()), (403, "forbidden_origin"));
    // Size: declared, and sent in chunks without a length.
    let big = format!("{{\"text\": \"{}\"}}", "あ".repeat(400_000));
    let r = request(
        a,
        "POST",
        "/api/check",
        &[("Content-Type", "application/json")],
        Some(big.as_bytes()),
    );
    assert_eq!((r.status, r.code().as_str()), (413, "too_large"));
    let mut chunked = Vec::new();
    for piece in big.as_bytes().chunks(64 * 1024) {
        chunked.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
        chunked.extend_from_slice(piece);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let r = request(
        a,
        "POST",
        "/api/check",
        &[
            ("Content-Type", "application/json"),
            ("Transfer-Encoding", "chunked"),
        ],
        Some(&chunked),
    );
    assert_eq!((r.status, r.code().as_str()), (413, "too_large"));
    // Just under the limit is fine.
    let ok = format!("{{\"text\": \"{}\"}}", "a".repeat(1024 * 1024 - 20));
    let r = request(
        a,
        "POST",
        "/api/genkou",
        &[("Content-Type", "application/json")],
        Some(ok.as_bytes()),
    );
    assert_eq!(r.status, 200);
    // Unknown API path, wrong method.
    let r = get(a, "/api/nothing");
    assert_eq!((r.status, r.code().as_str()), (404, "not_found"));
    let r = request(a, "DELETE", "/api/essays/essays/example.md", &[], None);
    assert_eq!((r.status, r.code().as_str()), (405, "method_not_allowed"));
    assert_eq!(r.header("allow"), Some("GET, PUT"));
    let r = get(a, "/api/check");
    assert_eq!((r.status, r.header("allow")), (405, Some("POST")));
    // The server is still answering.
    assert_eq!(get(a, "/api/info").status, 200);
}

/// `itsm serve --port 0 EXTRA DIR` as a process: the process (the caller kills it), the first
/// line it printed and the address in that line.
fn spawn_itsm_serve(root: &Path, extra: &[&str]) -> (std::process::Child, String, SocketAddr) {
    use std::io::BufRead;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("itsm"))
        .args(["serve", "--port", "0"])
        .args(extra)
        .arg(root)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr: SocketAddr = line
        .split_whitespace()
        .find_map(|w| w.strip_prefix("http://127.0.0.1:"))
        .and_then(|p| p.trim_end_matches('/').parse::<u16>().ok())
        .map(|port| SocketAddr::from(([127, 0, 0, 1], port)))
        .unwrap_or_else(|| panic!("no URL in {line:?}"));
    (child, line, addr)
}

#[test]
fn itsm_serve_prints_its_url_and_refuses_what_it_cannot_serve() {
    let repo = Repo::new();
    let (mut child, _, addr) = spawn_itsm_serve(&repo.root, &[]);
    assert_ne!(addr.port(), 0);
    let r = get(addr, "/api/info");
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(r.json()["root"], "study");

    let run = |args: &[&str]| {
        Command::cargo_bin("itsm")
            .unwrap()
            .args(args)
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .unwrap()
    };
    let bad_host = run(&["serve", "--host", "example.com", "--port", "0"]);
    assert_eq!(bad_host.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_host.stderr).contains("IP アドレス"));
    let not_dir = run(&[
        "serve",
        "--port",
        "0",
        repo.root.join("itsm.yaml").to_str().unwrap(),
    ]);
    assert_eq!(not_dir.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&not_dir.stderr).contains("フォルダではありません"));
    // A port in use.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let busy = run(&["serve", "--port", &port, repo.root.to_str().unwrap()]);
    assert_eq!(busy.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&busy.stderr).contains("--port"));
}

#[test]
fn a_non_loopback_host_is_used_only_with_a_warning() {
    use std::io::BufRead;
    let repo = Repo::new();
    let (mut child, line, addr) = spawn_itsm_serve(&repo.root, &["--host", "0.0.0.0"]);
    let mut warning = String::new();
    std::io::BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut warning)
        .unwrap();
    // Bound to every address: the page's own URL still works, and an IP literal Host is accepted.
    let r = request(
        addr,
        "GET",
        "/api/info",
        &[("Host", &format!("192.0.2.1:{}", addr.port()))],
        None,
    );
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        warning.starts_with("警告: 0.0.0.0 で待ち受けます"),
        "{warning}"
    );
    assert!(line.contains("http://127.0.0.1:"), "{line}");
    assert_eq!(r.status, 200);
}
