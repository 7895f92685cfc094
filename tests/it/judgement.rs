//! `itsm lint` and `itsm score` are two views of one judgement (`lint::judge`): for every shape
//! of text, the kind lint's findings were judged under is the kind score reports, and every
//! deduction score makes cites a finding lint reports, at the same place.
//!
//! The shapes: a normal essay (front matter, `## 設問ア/イ/ウ`), one module paragraph, a file of
//! several headed module paragraphs (judged paragraph by paragraph), and the two files of headed
//! paragraphs that are essays all the same — a heading that names a 設問 (`## 問1 設問ア`), and
//! `kinds:` in itsm.yaml. Each is checked through a file and through standard input.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

const ESSAY: &str = include_str!("../fixtures/score/essay-a.md");

fn itsm(dir: &Path, args: &[&str], stdin: Option<&str>) -> Value {
    let mut c = Command::cargo_bin("itsm").unwrap();
    c.env("NO_COLOR", "1").current_dir(dir).args(args);
    if let Some(s) = stdin {
        c.write_stdin(s);
    }
    let o = c.output().unwrap();
    let code = o.status.code().unwrap_or(-1);
    assert!(
        code == 0 || code == 1,
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

/// The two module paragraphs `itsm draft --theme change` prints (two cases, one heading each).
fn module_paragraphs(dir: &Path) -> (String, Vec<String>) {
    let o = Command::cargo_bin("itsm")
        .unwrap()
        .current_dir(dir)
        .args(["draft", "--theme", "change"])
        .output()
        .unwrap();
    let text = String::from_utf8(o.stdout).unwrap();
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty() && !p.starts_with('#'))
        .map(str::to_owned)
        .collect();
    assert_eq!(paragraphs.len(), 2, "{text}");
    (text, paragraphs)
}

/// A finding as (code, byte start, byte end); `None` for a finding without a place.
type Place = (String, Option<(u64, u64)>);

fn place(code: &str, span: &Value) -> Place {
    let at = span["byte_start"].as_u64().zip(span["byte_end"].as_u64());
    (code.to_owned(), at)
}

fn findings(lint: &Value) -> Vec<Value> {
    lint["files"][0]["diagnostics"].as_array().unwrap().clone()
}

/// Every deduction of a score report: the rule code and place its evidence cites.
fn deductions(score: &Value) -> BTreeSet<Place> {
    let mut out = BTreeSet::new();
    for s in score["files"][0]["sections"].as_array().unwrap() {
        for i in s["items"].as_array().unwrap() {
            let Some(wh) = i["missing"]["where"].as_array() else {
                continue;
            };
            for e in wh {
                let text = e["text"].as_str().unwrap();
                if let Some((code, rest)) = text.split_once(": −")
                    && !rest.is_empty()
                    && code.len() == 4
                    && code.chars().all(|c| c.is_ascii_alphanumeric())
                {
                    out.insert(place(code, &e["span"]));
                }
            }
        }
    }
    out
}

/// Lint and score `file` (in `dir`) as a file and through standard input; both views must be of
/// the `expected` kind. Returns lint's findings.
fn check_one_judgement(dir: &Path, file: &str, expected: &str) -> Vec<Value> {
    let text = fs::read_to_string(dir.join(file)).unwrap();
    let stdin = ["-", "--stdin-filename", file];
    let lint = itsm(dir, &["lint", file, "--format", "json"], None);
    let score = itsm(dir, &["score", file, "--format", "json"], None);
    let lint_in = itsm(
        dir,
        &[&["lint"], &stdin[..], &["--format", "json"]].concat(),
        Some(&text),
    );
    let score_in = itsm(
        dir,
        &[&["score"], &stdin[..], &["--format", "json"]].concat(),
        Some(&text),
    );
    assert_eq!(score["files"][0]["kind"], expected, "{file}: score's kind");
    assert_eq!(
        score_in["files"][0]["kind"], expected,
        "{file}: score's kind (stdin)"
    );
    assert_eq!(
        findings(&lint),
        findings(&lint_in),
        "{file}: lint, file vs stdin"
    );
    assert_eq!(
        score["files"][0]["sections"], score_in["files"][0]["sections"],
        "{file}: score, file vs stdin"
    );
    // Lint's findings are those of the kind score judged: the same as with `--kind` forcing it.
    let forced = itsm(
        dir,
        &["lint", file, "--kind", expected, "--format", "json"],
        None,
    );
    assert_eq!(
        findings(&lint),
        findings(&forced),
        "{file}: lint did not judge it as {expected}"
    );
    // Every deduction cites one of lint's findings, at its place.
    let linted: BTreeSet<Place> = findings(&lint)
        .iter()
        .map(|d| place(d["code"].as_str().unwrap(), &d["span"]))
        .collect();
    let deducted = deductions(&score);
    let unseen: Vec<&Place> = deducted.difference(&linted).collect();
    assert!(
        unseen.is_empty(),
        "{file}: deductions lint does not report: {unseen:?}"
    );
    findings(&lint)
}

fn codes(findings: &[Value]) -> BTreeSet<String> {
    findings
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn lint_and_score_judge_every_shape_as_the_same_kind() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let (two_modules, p) = module_paragraphs(root);
    // A file of headed paragraphs whose headings name the 設問: an essay, not three modules.
    let headed_essay = format!(
        "## 問1 設問ア\n\n{}\n\n## 問1 設問イ\n\n{}\n\n## 問1 設問ウ\n\n{}\n",
        p[0], p[1], p[0]
    );
    // Headed paragraphs with nothing of an essay, which `kinds:` says are essays.
    let kinds_essay = format!("## 事例の概要\n\n{}\n\n## 施策\n\n{}\n", p[0], p[1]);
    fs::create_dir_all(root.join("essays")).unwrap();
    fs::write(root.join("itsm.yaml"), "kinds:\n  \"essays/*\": essay\n").unwrap();
    for (file, text) in [
        ("essay.md", ESSAY),
        ("module.md", p[0].as_str()),
        ("modules.md", two_modules.as_str()),
        ("headed.md", headed_essay.as_str()),
        ("essays/kinds.md", kinds_essay.as_str()),
    ] {
        fs::write(root.join(file), text).unwrap();
    }
    check_one_judgement(root, "essay.md", "essay");
    check_one_judgement(root, "module.md", "module");
    let modules = check_one_judgement(root, "modules.md", "module");
    // The multi-module file is judged paragraph by paragraph: each finding lies in one paragraph.
    let second = two_modules.find(p[1].as_str()).unwrap() as u64;
    for d in &modules {
        let (s, e) = (&d["span"]["byte_start"], &d["span"]["byte_end"]);
        let (s, e) = (s.as_u64().unwrap(), e.as_u64().unwrap());
        assert!(e <= second || s >= second, "{d}");
    }
    // The headed essays are judged as essays: essay findings (their parts are short), which the
    // paragraph-by-paragraph judgement would not have.
    for file in ["headed.md", "essays/kinds.md"] {
        let essay = codes(&check_one_judgement(root, file, "essay"));
        let as_modules = itsm(
            root,
            &["lint", file, "--kind", "module", "--format", "json"],
            None,
        );
        let as_modules = codes(&findings(&as_modules));
        assert!(
            essay.iter().any(|c| c.starts_with('E')),
            "{file}: {essay:?}"
        );
        assert_ne!(
            essay, as_modules,
            "{file}: the kinds give the same findings"
        );
    }
}
