//! One snapshot per output format on a shared fixture. Regenerate after an intended
//! change with `ITSM_UPDATE_SNAPSHOTS=1 cargo test --test emit` and review the diff.

use itsm::emit::{self, Format};
use itsm::library::Library;
use itsm::lint::{self, Settings, Vocabulary};
use std::path::Path;

const FIXTURE: &str = "インシデントモデルと呼ばれる手法を使用し、障害対応の手順を整備した。なぜならば、MTTRが長かったからである。\n・手順書の整備\n工夫した点は、Slackで通知した点です。具体的には、対応時間を60分から35分に向上させた。\n";

fn check(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("ITSM_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "missing snapshot {}; run with ITSM_UPDATE_SNAPSHOTS=1",
            path.display()
        )
    });
    if actual != expected {
        let line = actual
            .lines()
            .zip(expected.lines())
            .position(|(a, e)| a != e)
            .unwrap_or_else(|| actual.lines().count().min(expected.lines().count()));
        let a = actual.lines().nth(line).unwrap_or("<end>");
        let e = expected.lines().nth(line).unwrap_or("<end>");
        panic!(
            "snapshot {name} differs at line {}:\n  actual:   {a}\n  expected: {e}\n(ITSM_UPDATE_SNAPSHOTS=1 to accept)",
            line + 1
        );
    }
}

fn reports() -> Vec<itsm::diagnostic::FileReport> {
    let lib = Library::embedded().unwrap();
    let vocab = Vocabulary::from_library(&lib);
    vec![lint::lint_text(
        "essays/sample.md",
        FIXTURE,
        &vocab,
        &Settings::default(),
    )]
}

#[test]
fn human_snapshot() {
    check("human.txt", &emit::render(Format::Human, &reports(), false));
}

#[test]
fn json_snapshot() {
    let out = emit::render(Format::Json, &reports(), false);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], 1);
    check(
        "json.json",
        &out.replace(env!("CARGO_PKG_VERSION"), "VERSION"),
    );
}

#[test]
fn sarif_snapshot() {
    let out = emit::render(Format::Sarif, &reports(), false);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], "2.1.0");
    check(
        "sarif.json",
        &out.replace(env!("CARGO_PKG_VERSION"), "VERSION"),
    );
}

#[test]
fn github_snapshot() {
    check(
        "github.txt",
        &emit::render(Format::Github, &reports(), false),
    );
}
