//! The bad-input matrix of QUALITY.md §4, one test per row: encodings, empty and odd
//! characters, line endings, broken library overlays, unknown ids and output collisions.
//! Each asserts the exact outcome (codes, spans as text, exit codes, messages), never just
//! "it did not crash". Very large inputs (1 MB line, 10 MB essay) are in tests/scale.rs.

use assert_cmd::Command;
use itsm::diagnostic::FileReport;
use itsm::draft;
use itsm::library::Library;
use itsm::lint::{self, Kind, Settings, Vocabulary};
use itsm::text::lines::LineIndex;
use predicates::prelude::*;
use serde_json::Value;
use std::fs;
use std::path::Path;
use std::sync::OnceLock;

fn itsm() -> Command {
    let mut c = Command::cargo_bin("itsm").unwrap();
    c.env("NO_COLOR", "1");
    c
}

fn library() -> &'static Library {
    static L: OnceLock<Library> = OnceLock::new();
    L.get_or_init(|| Library::embedded().expect("library loads"))
}

fn vocab() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| Vocabulary::from_library(library()))
}

fn lint_as(text: &str, kind: Kind) -> FileReport {
    let settings = Settings {
        kind: Some(kind),
        ..Default::default()
    };
    lint::lint_text("test.md", text, vocab(), &settings)
}

/// A clean module paragraph from the library.
fn good_paragraph() -> String {
    let lib = library();
    let case = lib.case("fx").expect("fx case");
    draft::draft(lib, case, "change", None, 1)
        .expect("draft renders")
        .text
}

/// (code, span text) of every finding, in report order.
fn findings(text: &str, report: &FileReport) -> Vec<(String, Option<String>)> {
    report
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code.to_owned(),
                d.span.clone().map(|s| text[s].to_owned()),
            )
        })
        .collect()
}

/// Span texts of the findings of one code.
fn spans_of(text: &str, report: &FileReport, code: &str) -> Vec<String> {
    findings(text, report)
        .into_iter()
        .filter(|(c, _)| c == code)
        .map(|(_, s)| s.unwrap_or_default())
        .collect()
}

fn codes(report: &FileReport) -> Vec<&'static str> {
    report.diagnostics.iter().map(|d| d.code).collect()
}

/// `itsm lint --format json` on the given files: (exit code, parsed JSON).
fn lint_json(files: &[&Path]) -> (i32, Value) {
    let out = itsm()
        .arg("lint")
        .args(files)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code().unwrap(), v)
}

fn json_codes(v: &Value, file: usize) -> Vec<String> {
    v["files"][file]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect()
}

/// The diagnostic of `code` in file `file` of a JSON report.
fn json_diag<'a>(v: &'a Value, file: usize, code: &str) -> &'a Value {
    v["files"][file]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {v}"))
}

/// (line, column) of the start and end of a JSON span.
fn json_span(d: &Value) -> ((u64, u64), (u64, u64)) {
    let p = |k: &str| {
        (
            d["span"][k]["line"].as_u64().unwrap(),
            d["span"][k]["column"].as_u64().unwrap(),
        )
    };
    (p("start"), p("end"))
}

/// 1-based character column of the first `needle` in `text` (which has no newline before it).
fn column_of(text: &str, needle: &str) -> u64 {
    text[..text.find(needle).unwrap()].chars().count() as u64 + 1
}

// ---------- encodings ----------

#[test]
fn invalid_utf8_names_file_line_and_byte_and_other_files_are_still_linted() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.md");
    let mut bytes = "障害対応の手順を整備した。\n次の".as_bytes().to_vec();
    let bad_at = bytes.len() + 1;
    bytes.push(0xFF);
    bytes.extend_from_slice("文である。\n".as_bytes());
    fs::write(&broken, &bytes).unwrap();
    let good = dir.path().join("good.md");
    fs::write(&good, good_paragraph()).unwrap();

    let (code, v) = lint_json(&[&broken, &good]);
    assert_eq!(code, 1, "IO001 is an error");
    assert_eq!(json_codes(&v, 0), vec!["IO001"]);
    let msg = json_diag(&v, 0, "IO001")["message"].as_str().unwrap();
    assert!(
        msg.contains("UTF-8 として正しくないバイト")
            && msg.contains("2行目")
            && msg.contains(&format!("{bad_at}バイト目")),
        "{msg}"
    );
    assert_eq!(
        json_codes(&v, 1),
        Vec::<String>::new(),
        "the good file is still linted"
    );

    // Alone, nothing is readable: exit 2 with the file named.
    itsm()
        .arg("lint")
        .arg(&broken)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "broken.md: UTF-8 として正しくないバイト",
        ));

    // Bytes that are no text at all get the general message.
    let noise = dir.path().join("noise.md");
    fs::write(&noise, [0x80, 0x81, 0xFF, 0xFE, 0x41, 0xC0, 0x9F, 0xFD]).unwrap();
    itsm()
        .arg("lint")
        .arg(&noise)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "noise.md: 文字コードを判定できません",
        ));
}

#[test]
fn shift_jis_and_euc_jp_are_decoded_with_spans_on_the_decoded_text() {
    let text = "障害対応の手順を見直しました。\n・手順書の整備\n";
    let dir = tempfile::tempdir().unwrap();
    for (enc, name) in [
        (encoding_rs::SHIFT_JIS, "Shift_JIS"),
        (encoding_rs::EUC_JP, "EUC-JP"),
    ] {
        let path = dir.path().join(format!("{name}.md"));
        let (bytes, _, unmappable) = enc.encode(text);
        assert!(!unmappable);
        fs::write(&path, &bytes).unwrap();
        let (code, v) = lint_json(&[&path]);
        assert_eq!(code, 1);
        assert_eq!(
            json_diag(&v, 0, "IO002")["message"],
            format!("{name} として読み込みました")
        );
        let first_line = text.lines().next().unwrap();
        let col = column_of(first_line, "ました");
        assert_eq!(
            json_span(json_diag(&v, 0, "S004")),
            ((1, col), (1, col + 3)),
            "{name}: 「ました」 on line 1"
        );
        assert_eq!(
            json_span(json_diag(&v, 0, "S001")),
            ((2, 1), (2, 8)),
            "{name}"
        );
    }
}

#[test]
fn utf16_with_bom_is_decoded_and_without_bom_is_refused_with_a_hint() {
    let text = "私は対応しました。\n・手順書の整備\n";
    let dir = tempfile::tempdir().unwrap();
    for (bom, name, le) in [
        (&[0xFF, 0xFE][..], "UTF-16LE", true),
        (&[0xFE, 0xFF][..], "UTF-16BE", false),
    ] {
        let mut bytes = bom.to_vec();
        for u in text.encode_utf16() {
            bytes.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        let path = dir.path().join(format!("{name}.md"));
        fs::write(&path, &bytes).unwrap();
        let (code, v) = lint_json(&[&path]);
        assert_eq!(code, 1);
        assert_eq!(
            json_diag(&v, 0, "IO002")["message"],
            format!("{name} として読み込みました")
        );
        let col = column_of(text, "ました");
        assert_eq!(
            json_span(json_diag(&v, 0, "S004")),
            ((1, col), (1, col + 3))
        );
        assert_eq!(json_span(json_diag(&v, 0, "S001")), ((2, 1), (2, 8)));

        // The same bytes without the byte order mark.
        let bare = dir.path().join(format!("{name}-nobom.md"));
        fs::write(&bare, &bytes[2..]).unwrap();
        itsm()
            .arg("lint")
            .arg(&bare)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("BOM の無い UTF-16"));
    }
}

#[test]
fn binary_file_is_refused_by_name_and_other_files_are_still_linted() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("figure.md");
    fs::write(
        &png,
        [
            0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R',
            0x12, 0x00, 0x34,
        ],
    )
    .unwrap();
    let other = dir.path().join("other.md");
    fs::write(&other, "・手順書の整備\n").unwrap();
    let (code, v) = lint_json(&[&png, &other]);
    assert_eq!(code, 1);
    assert_eq!(json_codes(&v, 0), vec!["IO001"]);
    assert_eq!(
        json_diag(&v, 0, "IO001")["message"],
        "バイナリファイルのため読み込めません"
    );
    assert!(json_codes(&v, 1).contains(&"S001".to_owned()));
    itsm()
        .arg("lint")
        .arg(&png)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("figure.md: バイナリファイル"));
}

// ---------- empty and odd characters ----------

#[test]
fn empty_and_whitespace_only_files_give_one_clear_finding() {
    for text in [
        "",
        " ",
        "\n\n\n",
        "\u{3000}\r\n\t\r\n",
        "\u{FEFF}",
        "\u{200B}\n",
    ] {
        let r = lint_as(text, Kind::Module);
        assert_eq!(codes(&r), vec!["F010"], "{text:?}");
        assert_eq!(r.diagnostics[0].span, None, "{text:?}");
        assert_eq!(
            r.diagnostics[0].message,
            "本文がありません（空のファイルです）"
        );
        // An empty essay: one finding for the whole file (the 設問 parts are missing), no panic.
        let r = lint_as(text, Kind::Essay);
        assert_eq!(codes(&r), vec!["E001"], "{text:?}");
        assert_eq!(r.diagnostics[0].span, None, "{text:?}");
    }
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.md");
    fs::write(&empty, "").unwrap();
    itsm()
        .arg("lint")
        .arg(&empty)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[F010]: 本文がありません"));
}

/// Decompose every voiced kana into base + combining mark (what NFD does to kana).
fn to_nfd(text: &str) -> String {
    let voiced =
        "がぎぐげござじずぜぞだぢづでどばびぶべぼガギグゲゴザジズゼゾダヂヅデドバビブベボヴ";
    let semi = "ぱぴぷぺぽパピプペポ";
    let mut out = String::new();
    for c in text.chars() {
        if voiced.contains(c) {
            let base = if c == 'ヴ' {
                'ウ'
            } else {
                char::from_u32(c as u32 - 1).unwrap()
            };
            out.push(base);
            out.push('\u{3099}');
        } else if semi.contains(c) {
            out.push(char::from_u32(c as u32 - 2).unwrap());
            out.push('\u{309A}');
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn nfd_kana_is_matched_and_spans_cover_the_original_characters() {
    // A clean paragraph stays clean when every voiced kana is decomposed.
    let good = good_paragraph();
    let nfd = to_nfd(&good);
    assert_ne!(nfd, good, "the draft has voiced kana");
    assert_eq!(findings(&nfd, &lint_as(&nfd, Kind::Module)), vec![]);

    // A です in NFD is found, and its span is the three original characters.
    let text = to_nfd("データベースを二重化しています。");
    let r = lint_as(&text, Kind::Essay);
    assert_eq!(spans_of(&text, &r, "S004"), vec!["ます"]);
    let text = to_nfd("手順書を整備したのです。");
    let r = lint_as(&text, Kind::Essay);
    assert_eq!(spans_of(&text, &r, "S004"), vec!["て\u{3099}す"]);
    // Columns count the characters that are in the file (two for a decomposed kana).
    let idx = LineIndex::new(&text);
    let span = r
        .diagnostics
        .iter()
        .find(|d| d.code == "S004")
        .unwrap()
        .span
        .clone()
        .unwrap();
    assert_eq!(idx.position(span.start), (1, 10));
    assert_eq!(idx.position(span.end), (1, 13));
    // Character counts are what the candidate sees (F010 counts 「で」 once).
    let short = to_nfd("データベースを二重化した。");
    let r = lint_as(&short, Kind::Module);
    let f010 = r.diagnostics.iter().find(|d| d.code == "F010").unwrap();
    assert!(f010.message.contains("13字"), "{}", f010.message);
}

#[test]
fn zero_width_characters_neither_hide_nor_invent_findings() {
    // Zero-width spaces sprinkled through a clean paragraph change nothing.
    let good = good_paragraph();
    let sprinkled: String = good
        .chars()
        .enumerate()
        .flat_map(|(i, c)| {
            let zw = ["\u{200B}", "\u{200D}", "\u{2060}", "\u{FEFF}"][i % 4];
            std::iter::once(c.to_string()).chain((i % 7 == 3).then(|| zw.to_owned()))
        })
        .collect();
    assert!(sprinkled.contains('\u{200B}'));
    assert_eq!(
        findings(&sprinkled, &lint_as(&sprinkled, Kind::Module)),
        vec![]
    );

    // A zero-width space inside 「です」 does not hide it; the span keeps the original characters.
    let text = "手順書を整備したので\u{200B}す。";
    let r = lint_as(text, Kind::Essay);
    assert_eq!(spans_of(text, &r, "S004"), vec!["で\u{200B}す"]);
    // Nor inside a product name.
    let text = "Sla\u{200B}ckで通知した。";
    let r = lint_as(text, Kind::Essay);
    assert_eq!(spans_of(text, &r, "S003"), vec!["Sla\u{200B}ck"]);
}

#[test]
fn half_width_katakana_is_matched_like_full_width() {
    // Jargon written in half-width katakana is found; the span is the half-width text.
    let text = "ｽﾌﾟﾚｯﾄﾞの拡大が課題であった。";
    let r = lint_as(text, Kind::Essay);
    assert_eq!(spans_of(text, &r, "S010"), vec!["ｽﾌﾟﾚｯﾄﾞ"]);
    // 「ﾊﾟｲﾛｯﾄ」 is パイロット, not the jargon ロット.
    let text = "ﾊﾟｲﾛｯﾄ店舗で試行した。";
    assert_eq!(
        spans_of(text, &lint_as(text, Kind::Essay), "S010"),
        Vec::<String>::new()
    );
    // Half-width 「｡」 ends a sentence like 「。」.
    let text = "手順書を整備しました｡次に訓練を行った｡";
    let r = lint_as(text, Kind::Essay);
    assert_eq!(spans_of(text, &r, "S004"), vec!["ました"]);
    // A clean paragraph with its katakana in half width stays free of errors.
    let good = good_paragraph();
    let half: String = good.chars().map(half_width).collect();
    assert_ne!(half, good);
    let r = lint_as(&half, Kind::Module);
    let errors: Vec<_> = findings(&half, &r)
        .into_iter()
        .filter(|(c, _)| {
            r.diagnostics
                .iter()
                .any(|d| d.code == c && d.severity == itsm::diagnostic::Severity::Error)
        })
        .collect();
    assert_eq!(errors, vec![]);
}

/// Half-width form of a (non-voiced) full-width katakana, or the character itself.
fn half_width(c: char) -> char {
    const FULL: &str = "ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";
    FULL.chars()
        .position(|f| f == c)
        .and_then(|i| char::from_u32(0xFF66 + i as u32))
        .unwrap_or(c)
}

// ---------- line endings and BOM ----------

#[test]
fn crlf_gives_the_same_findings_and_spans_never_include_cr() {
    let good = good_paragraph();
    let crlf = good.replace('\n', "\r\n");
    assert_eq!(findings(&crlf, &lint_as(&crlf, Kind::Module)), vec![]);

    let text = "手順を見直しました。\r\n・手順書の整備\r\n（1）訓練の実施\r\n";
    let r = lint_as(text, Kind::Essay);
    assert_eq!(spans_of(text, &r, "S004"), vec!["ました"]);
    // One finding per list, spanning the item (a lone 「（1）」 line that heads nothing is an item).
    assert_eq!(
        spans_of(text, &r, "S001"),
        vec!["・手順書の整備", "（1）訓練の実施"]
    );
    for d in &r.diagnostics {
        if let Some(s) = &d.span {
            assert!(
                !text[s.clone()].contains('\r'),
                "{} {:?}",
                d.code,
                &text[s.clone()]
            );
        }
    }
    let idx = LineIndex::new(text);
    let s001: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "S001")
        .map(|d| idx.position(d.span.clone().unwrap().start))
        .collect();
    assert_eq!(s001, vec![(2, 1), (3, 1)]);
}

#[test]
fn bom_is_skipped_and_columns_start_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.md");
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice("・手順書の整備\r\nです。\r\n".as_bytes());
    fs::write(&path, &bytes).unwrap();
    let (code, v) = lint_json(&[&path]);
    assert_eq!(code, 1);
    assert!(
        !json_codes(&v, 0).contains(&"IO002".to_owned()),
        "UTF-8 with BOM is UTF-8"
    );
    assert_eq!(json_span(json_diag(&v, 0, "S001")), ((1, 1), (1, 8)));
    assert_eq!(json_span(json_diag(&v, 0, "S004")), ((2, 1), (2, 3)));
}

// ---------- library overlays ----------

/// Run `args` with a library overlay holding one file; expect exit 2 and these texts on stderr.
fn overlay_fails(file: &str, content: &str, args: &[&str], expect: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(file);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, content).unwrap();
    let out = itsm()
        .args(args)
        .arg("--library")
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{file} {content:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for e in expect {
        assert!(
            stderr.contains(e),
            "{file} {content:?}: expected {e:?} in\n{stderr}"
        );
    }
}

#[test]
fn broken_yaml_in_a_library_overlay_is_reported_with_file_line_column() {
    let lint = ["lint", "tests/it/bad_input.rs"];
    let draft = ["draft", "--case", "fx", "--theme", "change"];
    let list = ["list", "modules"];
    for args in [&lint[..], &draft[..], &list[..]] {
        // An unclosed quote: the error is where the parser gave up.
        overlay_fails(
            "modules/a.yaml",
            "id: a\nname: \"unclosed\nthemes: [change]\n",
            args,
            &["modules/a.yaml:3:1", "YAML を解釈できません"],
        );
        // A tab in the indentation.
        overlay_fails(
            "cases/b.yaml",
            "id: b\n\tname: x\n",
            args,
            &["cases/b.yaml:1:", "tab"],
        );
        // An unclosed flow sequence in the glossary.
        overlay_fails(
            "rubrics/glossary.yaml",
            "common: [SLA\n",
            args,
            &["rubrics/glossary.yaml:1:9", "unclosed bracket"],
        );
        // A string where a list is expected: the expected shape is shown.
        overlay_fails(
            "modules/d.yaml",
            "id: d\nname: 手法\nthemes: change\n",
            args,
            &["modules/d.yaml:3:9", "themes: [change, release]"],
        );
        // An empty file and a duplicated key.
        overlay_fails("modules/e.yaml", "", args, &["modules/e.yaml:1:1"]);
        overlay_fails(
            "modules/f.yaml",
            "id: f\nid: g\n",
            args,
            &["modules/f.yaml:2:1", "duplicate"],
        );
    }
}

#[test]
fn misspelt_keys_in_a_library_overlay_name_the_key_and_the_valid_ones() {
    overlay_fails(
        "cases/x.yaml",
        "id: x\nnmae: 架空の事例\n",
        &["list", "cases"],
        &["cases/x.yaml:2:1", "`nmae`", "expected one of id, name"],
    );
    overlay_fails(
        "rubrics/glossary.yaml",
        "comon: [SLA]\n",
        &["lint", "tests/it/bad_input.rs"],
        &[
            "rubrics/glossary.yaml:1:1",
            "`comon`",
            "common, glossary, banned, jargon",
        ],
    );
    // A folder that does not exist.
    let out = itsm()
        .args(["list", "cases", "--library", "no/such/folder"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ライブラリのフォルダが見つかりません"));
}

// ---------- unknown ids ----------

#[test]
fn unknown_ids_are_refused_with_suggestions() {
    for (args, expect) in [
        (
            &["draft", "--case", "fxx", "--theme", "change"][..],
            "もしかして `fx` ですか",
        ),
        (
            &["draft", "--case", "fx", "--theme", "chnage"][..],
            "もしかして `change`（変更管理）ですか",
        ),
        (
            &[
                "draft",
                "--case",
                "fx",
                "--theme",
                "change",
                "--module",
                "canary-relase",
            ][..],
            "もしかして `canary-release` ですか",
        ),
        (
            &[
                "draft",
                "--case",
                "fx",
                "--theme",
                "change",
                "--variant",
                "99",
            ][..],
            "--variant 99 は範囲外です",
        ),
        (&["explain", "S02"][..], "もしかして `S002` ですか"),
        (
            &["explain", "unexplained-abbreviaton"][..],
            "もしかして `unexplained-abbreviation` ですか",
        ),
        (
            &["list", "foo"][..],
            "（有効な値: cases, modules, themes, questions, essays, rules）",
        ),
    ] {
        itsm()
            .args(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(expect));
    }
}

// ---------- output collisions ----------

#[test]
fn draft_output_collisions_are_refused_and_writes_are_atomic() {
    let dir = tempfile::tempdir().unwrap();
    let draft = ["draft", "--case", "fx", "--theme", "change", "-o"];
    // An existing file is kept unless --force.
    let existing = dir.path().join("notes.md");
    fs::write(&existing, "大事なメモ").unwrap();
    itsm().args(draft).arg(&existing).assert().code(2).stderr(
        predicate::str::contains("既に存在します").and(predicate::str::contains("--force")),
    );
    assert_eq!(fs::read_to_string(&existing).unwrap(), "大事なメモ");
    // A folder is never a target, with or without --force.
    let folder = dir.path().join("out");
    fs::create_dir(&folder).unwrap();
    for force in [false, true] {
        let mut c = itsm();
        c.args(draft).arg(&folder);
        if force {
            c.arg("--force");
        }
        c.assert().code(2).stderr(
            predicate::str::contains("はフォルダです")
                .and(predicate::str::contains("--force").not()),
        );
    }
    // A missing parent folder is named.
    itsm()
        .args(draft)
        .arg(dir.path().join("missing/x.md"))
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("出力先のフォルダ").and(predicate::str::contains("missing")),
        );
    // --force replaces the file in one step and leaves no temporary file behind.
    itsm()
        .args(draft)
        .arg(&existing)
        .arg("--force")
        .assert()
        .success()
        .stdout("");
    assert!(
        fs::read_to_string(&existing)
            .unwrap()
            .contains("と呼ばれる")
    );
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, vec!["notes.md", "out"]);
}
