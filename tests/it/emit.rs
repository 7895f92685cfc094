//! One snapshot per output format on a shared fixture (insta snapshots in `snapshots/`).
//! After an intended change, run `INSTA_UPDATE=always cargo test --test it emit` (or
//! `cargo insta review`) and review the diff of the `.snap` files.

use itsm::library::Library;
use itsm::lint::{self, Settings, Vocabulary};
use itsm::report::{self as emit, Format};

const FIXTURE: &str = "インシデントモデルと呼ばれる手法を使用し、障害対応の手順を整備した。なぜならば、MTTRが長かったからである。\n・手順書の整備\n工夫した点は、Slackで通知した点です。具体的には、対応時間を60分から35分に向上させた。\n";

/// Compare with the committed insta snapshot `snapshots/it__emit__<name>.snap`.
fn check(name: &str, actual: &str) {
    insta::assert_snapshot!(name, actual);
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
    check("human", &emit::render(Format::Human, &reports(), false));
}

#[test]
fn json_snapshot() {
    let out = emit::render(Format::Json, &reports(), false);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], 1);
    check("json", &out.replace(env!("CARGO_PKG_VERSION"), "VERSION"));
}

#[test]
fn sarif_snapshot() {
    let out = emit::render(Format::Sarif, &reports(), false);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], "2.1.0");
    check("sarif", &out.replace(env!("CARGO_PKG_VERSION"), "VERSION"));
}

#[test]
fn github_snapshot() {
    check("github", &emit::render(Format::Github, &reports(), false));
}
