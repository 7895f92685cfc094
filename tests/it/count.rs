//! Counting essays per 設問 part (src/exam/count.rs), the E004 part-length rule and `itsm count`.
//!
//! Every expected number is computed by hand in the comment next to it. Notation for the
//! 原稿用紙 layout (25 cells per row): 「_」 = the paragraph indent cell, 「[12]」 = two half-width
//! characters packed into one cell, 「→」 = a new row.

use assert_cmd::Command;
use itsm::diagnostic::FileReport;
use itsm::exam::{self as count, Count, CountMode, Genkou, Limit, Limits};
use itsm::lint::{self, Document, Kind, Settings, Vocabulary};
use std::fs;

/// (label, CBT characters, 原稿用紙 rows, 原稿用紙 cells) of every part.
fn parts(text: &str) -> Vec<(char, usize, usize, usize)> {
    count::count_parts(&Document::parse(text, None))
        .into_iter()
        .map(|p| {
            (
                p.label,
                p.count.cbt,
                p.count.genkou.rows,
                p.count.genkou.cells,
            )
        })
        .collect()
}

/// The count of 設問ア's body `body`.
fn part_a(body: &str) -> Count {
    let t = format!("## 設問ア\n{body}\n");
    let p = count::count_parts(&Document::parse(&t, None));
    assert_eq!(p.len(), 1, "one part in {t:?}");
    p[0].count
}

fn c(cbt: usize, rows: usize, cells: usize) -> Count {
    Count {
        cbt,
        genkou: Genkou { rows, cells },
    }
}

/// A paragraph of `n` characters: n−1 × 「字」 and a closing 「。」.
fn para(n: usize) -> String {
    format!("{}。", "字".repeat(n - 1))
}

/// `k` paragraphs of `n` characters, separated by blank lines.
fn paras(k: usize, n: usize) -> String {
    vec![para(n); k].join("\n\n")
}

fn essay(a: &str, i: &str, u: &str) -> String {
    format!("## 設問ア\n{a}\n\n## 設問イ\n{i}\n\n## 設問ウ\n{u}\n")
}

// ------------------------------------------------------------------ counting

#[test]
fn paragraph_indents_and_section_headings() {
    let body =
        "1.1 ITサービスの概要\n私は運用課長である。\n当社は小売業である。\n\n次の段落である。";
    // CBT: 「1.1 ITサービスの概要」 = 1 . 1 ␣ I T サ ー ビ ス の 概 要 = 13 (the space is typed);
    //      「私は運用課長である。」 = 10, 「当社は小売業である。」 = 10 (the hard wrap between them
    //      is no character); 「次の段落である。」 = 8. 13 + 10 + 10 + 8 = 41.
    // 原稿用紙: heading row, no indent: 13 cells (half-width 「1」「.」「1」 are single, so 1 cell each);
    //      → paragraph 1 (the two lines are one paragraph): _ + 20 = 21 cells;
    //      → paragraph 2: _ + 8 = 9 cells. 3 rows, 13 + 21 + 9 = 43 cells.
    assert_eq!(part_a(body), c(41, 3, 43));
    // The same heading as a Markdown heading: 「### 」 is markup, not typed.
    let md = body.replace("1.1 ITサービス", "### 1.1 ITサービス");
    assert_eq!(part_a(&md), c(41, 3, 43));
    // A typed full-width indent is a character in CBT (41 + 1 = 42) and is the indent cell on the
    // sheet, so no cell is added for paragraph 2 (still 43 cells).
    let typed = body.replace("\n次の段落", "\n　次の段落");
    assert_eq!(part_a(&typed), c(42, 3, 43));
}

#[test]
fn rows_wrap_every_25_cells() {
    // _ + 60 = 61 cells → 25 + 25 + 11: 3 rows.
    assert_eq!(part_a(&"字".repeat(60)), c(60, 3, 61));
    // _ + 24 = 25 cells: exactly one row.
    assert_eq!(part_a(&"字".repeat(24)), c(24, 1, 25));
    // A heading of 30 characters wraps without indent: 25 + 5 → 2 rows, 30 cells.
    assert_eq!(part_a(&format!("### {}", "見".repeat(30))), c(30, 2, 30));
}

#[test]
fn punctuation_at_a_row_start_goes_into_the_previous_row() {
    // _ + 24 字 fills row 1; 「。」 would open row 2 → written into row 1's last cell (no cell);
    // 「次だ。」 opens row 2: 3 cells. Rows 2, cells 25 + 3 = 28; CBT 24 + 1 + 3 = 28.
    let t = format!("{}。次だ。", "字".repeat(24));
    assert_eq!(part_a(&t), c(28, 2, 28));
    // Paragraph end: _ + 99 字 = 100 cells = 4 full rows; the final 「。」 hangs: still 4 rows.
    assert_eq!(part_a(&para(100)), c(100, 4, 100));
    // Two in a row (「」。」) both hang: 1 row of 25 cells; CBT 24 + 2 = 26.
    let t = format!("{}」。", "字".repeat(24));
    assert_eq!(part_a(&t), c(26, 1, 25));
    // 「、」 too; the next character opens row 2: 25 + 1 cells.
    let t = format!("{}、次", "字".repeat(24));
    assert_eq!(part_a(&t), c(26, 2, 26));
    // An opening bracket is not held back: 「「」 opens row 2. _ + 24 | 「 次 」 → 25 + 3.
    let t = format!("{}「次」", "字".repeat(24));
    assert_eq!(part_a(&t), c(27, 2, 28));
    // Mid-row punctuation takes its own cell: _ + 23 字 + 「、」 = 25 cells, 1 row.
    let t = format!("{}、", "字".repeat(23));
    assert_eq!(part_a(&t), c(24, 1, 25));
}

#[test]
fn half_width_digits_and_letters() {
    // CBT: 2026(4) 年に(2) SLA(3) と(1) abc(3) を見直し、(5) 稼働率(3) 99.9%(5) を守った。(5) = 31.
    // 原稿用紙: _ [20][26] 年 に S L A と [ab][c] を 見 直 し 、 稼 働 率 [99] . 9 % を 守 っ た 。
    //   = 1 + 2 + 2 + 3 + 1 + 2 + 5 + 3 + 4 + 5 = 28 cells → 25 + 3: 2 rows.
    assert_eq!(
        part_a("2026年にSLAとabcを見直し、稼働率99.9%を守った。"),
        c(31, 2, 28)
    );
    // A single digit takes a cell of its own: _ 7 件 = 3 cells. 「12345」 = [12][34][5] = 3 cells.
    assert_eq!(part_a("7件"), c(2, 1, 3));
    assert_eq!(part_a("12345件"), c(6, 1, 5));
    // Full-width digits and letters are 1 per cell: _ + ２０２６ + ＳＬＡ = 8 cells.
    assert_eq!(part_a("２０２６ＳＬＡ"), c(7, 1, 8));
    // Mixed case: D [ev] O [ps] = 4 cells (+ indent 5); a half-width space is 1 cell.
    assert_eq!(part_a("DevOps"), c(6, 1, 5));
    assert_eq!(part_a("A B"), c(3, 1, 4));
}

#[test]
fn crlf_lf_and_bom_count_the_same() {
    let lf = essay(
        "1.1 概要\nA社は2026年に、",
        &paras(2, 30),
        "評価である。\n以上",
    );
    let crlf = lf.replace('\n', "\r\n");
    assert_ne!(lf, crlf);
    // ア: 「1.1 概要」 6 + 「A社は2026年に、」 10 = 16; rows: heading (6 cells) → _ A 社 は [20][26] 年 に 、
    //     = 9 cells: 2 rows, 15 cells.
    // イ: two paragraphs of 30: CBT 60; each _ + 30 = 31 cells → 2 rows: 4 rows, 62 cells.
    // ウ: 「評価である。」 and 「以上」 are one paragraph (hard wrap): CBT 8, _ + 8 = 9 cells, 1 row.
    let expected = vec![('ア', 16, 2, 15), ('イ', 60, 4, 62), ('ウ', 8, 1, 9)];
    assert_eq!(parts(&lf), expected);
    assert_eq!(parts(&crlf), expected);
    // A stray BOM (U+FEFF) inside the text is no character.
    assert_eq!(part_a("本文\u{feff}だ。"), part_a("本文だ。"));
}

#[test]
fn markup_comments_and_front_matter_are_not_counted() {
    let t = "---\nkind: essay\ntheme: change\n---\n# 変更管理の改善\n\n## 設問ア\n<!-- 下書きのメモ -->\n**重要**な点は、<!-- 注 -->手順だ。  \n";
    // The title 「# 変更管理の改善」 and the front matter are outside any part. In ア: the comment
    // line is skipped; 「**重要**な点は、<!-- 注 -->手順だ。␣␣」 → 「重要な点は、手順だ。」 = 10.
    // 原稿用紙: _ + 10 = 11 cells, 1 row.
    assert_eq!(parts(t), vec![('ア', 10, 1, 11)]);
    // A decomposed 「が」 (か + U+3099) is one character, on screen and on the sheet.
    assert_eq!(part_a("か\u{3099}"), c(1, 1, 2));
}

#[test]
fn a_module_paragraph_is_counted_as_a_whole_without_headings() {
    let t = "---\nkind: module\n---\n# カナリアリリース\n【適用事例】\n本文だ。\n続きだ。\n";
    let d = Document::parse(t, None);
    assert!(d.parts.is_empty());
    // Only the paragraph: 「本文だ。続きだ。」 = 8; _ + 8 = 9 cells, 1 row.
    assert_eq!(count::count_whole(&d), c(8, 1, 9));
}

#[test]
fn limits_compare_characters_or_rows() {
    let l = Limits::exam();
    // 774 characters in one paragraph: _ + 774 = 775 cells = 31 rows exactly (31 × 25 = 775).
    let n = part_a(&para(774));
    assert_eq!(n, c(774, 31, 775));
    // CBT: 800 − 774 = 26 short. 原稿用紙: 31 rows × 25 = 775 < 800 → ⌈800 / 25⌉ − 31 = 1 row short.
    assert_eq!(l.i.fit(CountMode::Cbt, &n), count::Fit::Short(26));
    assert_eq!(l.i.fit(CountMode::Genkou, &n), count::Fit::Short(1));
    // 設問ア has no lower bound.
    assert_eq!(l.a.fit(CountMode::Cbt, &c(0, 0, 0)), count::Fit::Within);
    let mut custom = Limits::exam();
    assert!(custom.set('イ', Limit::new(Some(1000), Some(1400))));
    assert!(!custom.set('エ', Limit::new(None, Some(1))));
    assert_eq!(custom.get('イ').describe(), "1,000字以上1,400字以内");
}

// ------------------------------------------------------------------ E004 part-length

fn lint_with(text: &str, settings: &Settings) -> FileReport {
    lint::lint_text("essay.md", text, &Vocabulary::default(), settings)
}

/// (span text, message, label) of every E004 finding.
fn e004(text: &str, settings: &Settings) -> Vec<(String, String, String)> {
    lint_with(text, settings)
        .diagnostics
        .iter()
        .filter(|d| d.code == "E004")
        .map(|d| {
            let span = d.span.clone().expect("E004 points at the part heading");
            (
                text[span].to_owned(),
                d.message.clone(),
                d.label.clone().unwrap_or_default(),
            )
        })
        .collect()
}

fn genkou() -> Settings {
    Settings {
        counting: CountMode::Genkou,
        ..Settings::default()
    }
}

fn finding(span: &str, msg: &str, label: &str) -> (String, String, String) {
    (span.to_owned(), msg.to_owned(), label.to_owned())
}

#[test]
fn e004_is_quiet_at_the_exact_limits() {
    let cbt = Settings::default();
    // ア 800 (max), イ 800 (min), ウ 600 (min), one paragraph each.
    assert_eq!(e004(&essay(&para(800), &para(800), &para(600)), &cbt), []);
    // イ 1,600 and ウ 1,200 (max).
    assert_eq!(e004(&essay(&para(10), &para(1600), &para(1200)), &cbt), []);
    // 原稿用紙: ア 31 × 25 = 775 cells → 31 rows ≤ 32; イ 8 paragraphs of 99: each _ + 99 = 100
    // cells = 4 rows → 32 rows = 800; ウ 6 × 4 = 24 rows = 600.
    let t = essay(&para(774), &paras(8, 99), &paras(6, 99));
    assert_eq!(e004(&t, &genkou()), []);
}

#[test]
fn e004_fires_under_and_over_in_cbt_mode() {
    let cbt = Settings::default();
    // ア 801 > 800; イ 752 < 800 (48 short); ウ 1,201 > 1,200.
    let t = essay(&para(801), &para(752), &para(1201));
    assert_eq!(
        e004(&t, &cbt),
        [
            finding(
                "## 設問ア",
                "設問アが801字です（800字以内）",
                "1字超えている"
            ),
            finding(
                "## 設問イ",
                "設問イが752字です（800字以上1,600字以内）",
                "あと48字足りない"
            ),
            finding(
                "## 設問ウ",
                "設問ウが1,201字です（600字以上1,200字以内）",
                "1字超えている"
            ),
        ]
    );
    // イ 1,601; ウ 599.
    let t = essay(&para(10), &para(1601), &para(599));
    assert_eq!(
        e004(&t, &cbt),
        [
            finding(
                "## 設問イ",
                "設問イが1,601字です（800字以上1,600字以内）",
                "1字超えている"
            ),
            finding(
                "## 設問ウ",
                "設問ウが599字です（600字以上1,200字以内）",
                "あと1字足りない"
            ),
        ]
    );
    // Error severity; the span is the heading line even without 「##」.
    let t = "設問ア\n概要だ。\n設問イ：施策\n施策だ。\n設問ウ\n評価だ。\n";
    let r = lint_with(t, &cbt);
    let e: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "E004").collect();
    assert_eq!(e.len(), 2, "イ and ウ are short");
    assert!(
        e.iter()
            .all(|d| d.severity == itsm::diagnostic::Severity::Error)
    );
    assert_eq!(&t[e[0].span.clone().unwrap()], "設問イ：施策");
    assert_eq!(e[0].message, "設問イが4字です（800字以上1,600字以内）");
}

#[test]
fn e004_in_genkou_mode_counts_rows() {
    // イ: 10 paragraphs of 79 = 790 characters (CBT: 10 short) but each _ + 79 = 80 cells takes
    //     4 rows → 40 rows = 1,000 on the sheet (within).
    // ウ: 12 paragraphs of 101 = 1,212 characters (CBT: 12 over); each _ + 101 = 102 cells needs
    //     5 rows → 60 rows = 1,500 > 1,200 (48 rows): 12 rows over.
    let t = essay(&para(10), &paras(10, 79), &paras(12, 101));
    assert_eq!(
        e004(&t, &Settings::default()),
        [
            finding(
                "## 設問イ",
                "設問イが790字です（800字以上1,600字以内）",
                "あと10字足りない"
            ),
            finding(
                "## 設問ウ",
                "設問ウが1,212字です（600字以上1,200字以内）",
                "12字超えている"
            ),
        ]
    );
    assert_eq!(
        e004(&t, &genkou()),
        [finding(
            "## 設問ウ",
            "設問ウが原稿用紙で60行（1,500字分）です（600字以上1,200字以内）",
            "12行超えている"
        )]
    );
    // 12 paragraphs of 100: _ + 99 字 fill 4 rows and each final 「。」 hangs → 48 rows: within.
    let t = essay(&para(10), &paras(12, 100), &paras(12, 100));
    assert_eq!(e004(&t, &genkou()), []);
}

#[test]
fn e004_uses_overridden_limits_can_be_turned_off_and_skips_modules() {
    let t = essay(&para(10), &para(900), &para(600));
    assert_eq!(e004(&t, &Settings::default()), []);
    let mut s = Settings::default();
    s.limits.set('イ', Limit::new(Some(1000), Some(1400)));
    assert_eq!(
        e004(&t, &s),
        [finding(
            "## 設問イ",
            "設問イが900字です（1,000字以上1,400字以内）",
            "あと100字足りない"
        )]
    );
    s.severity.insert("E004".into(), None);
    assert_eq!(e004(&t, &s), []);
    // A module is not held to essay limits (F010 covers its 400字).
    let m = Settings {
        kind: Some(Kind::Module),
        ..Settings::default()
    };
    assert_eq!(e004(&essay("短い。", "短い。", "短い。"), &m), []);
}

// ------------------------------------------------------------------ itsm count

fn itsm() -> Command {
    let mut c = Command::cargo_bin("itsm").unwrap();
    c.env("NO_COLOR", "1");
    c
}

/// ア 198, イ 891, ウ 693 characters: within every limit in both modes
/// (rows: ア 2 × 4 = 8, イ 9 × 4 = 36, ウ 7 × 4 = 28; each paragraph _ + 99 = 100 cells).
fn good_essay() -> String {
    essay(&paras(2, 99), &paras(9, 99), &paras(7, 99))
}

#[test]
fn cli_human_table_and_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let ok = dir.path().join("ok.md");
    fs::write(&ok, good_essay()).unwrap();
    let out = itsm().arg("count").arg(&ok).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = s.lines().collect();
    assert!(lines[0].ends_with("ok.md: 論文"), "{s}");
    assert_eq!(
        lines[1],
        "  設問  CBT文字数  制限          判定  原稿用紙     マス  制限      判定"
    );
    assert_eq!(
        lines[2],
        "  ア        198字  〜800字       ✓          8行  200マス  〜32行    ✓"
    );
    assert_eq!(
        lines[3],
        "  イ        891字  800〜1,600字  ✓         36行  900マス  32〜64行  ✓"
    );
    assert_eq!(
        lines[4],
        "  ウ        693字  600〜1,200字  ✓         28行  700マス  24〜48行  ✓"
    );

    let short = dir.path().join("short.md");
    fs::write(&short, essay(&para(10), &para(752), &paras(7, 99))).unwrap();
    let out = itsm()
        .args(["count", "--mode", "cbt"])
        .arg(&short)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("  イ        752字  800〜1,600字  ✗ 48字不足\n"),
        "{s}"
    );
    assert!(
        !s.contains("原稿用紙"),
        "--mode cbt shows no sheet columns: {s}"
    );

    // Within in CBT, over on the sheet. ウ: 11 × 101 = 1,111 characters (CBT ok); each
    // _ + 101 = 102 cells takes 5 rows: 55 rows > 48, 7 rows over; 11 × 102 = 1,122 cells.
    let sheet = dir.path().join("sheet.md");
    fs::write(&sheet, essay(&para(10), &paras(9, 99), &paras(11, 101))).unwrap();
    itsm()
        .arg("count")
        .arg(&sheet)
        .arg("--mode")
        .arg("cbt")
        .assert()
        .code(0);
    let out = itsm()
        .args(["count", "--mode", "genkou"])
        .arg(&sheet)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("  ウ        55行  1,122マス  24〜48行  ✗ 7行超過\n"),
        "{s}"
    );

    // A module paragraph is counted as a whole against 400字以上.
    let module = dir.path().join("module.md");
    fs::write(&module, para(399)).unwrap();
    let out = itsm()
        .args(["count", "--mode", "cbt"])
        .arg(&module)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("モジュール段落（400字以上）"), "{s}");
    assert!(s.contains("  全体      399字  400字〜  ✗ 1字不足\n"), "{s}");
}

#[test]
fn cli_shows_a_missing_part_as_a_row() {
    // Issue 13: an essay without 設問イ was counted as ア and ウ only, as if nothing were missing.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("no-i.md");
    fs::write(
        &p,
        format!(
            "## 設問ア\n{}\n\n## 設問ウ\n{}\n",
            paras(2, 99),
            paras(7, 99)
        ),
    )
    .unwrap();
    let out = itsm().arg("count").arg(&p).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "a missing part is out of limits"
    );
    let s = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = s.lines().collect();
    assert_eq!(
        &lines[2..5],
        [
            "  ア        198字  〜800字       ✓                        8行  200マス  〜32行    ✓",
            "  イ            —  800〜1,600字  ✗ 設問がありません         —        —  32〜64行  ✗ 設問がありません",
            "  ウ        693字  600〜1,200字  ✓                       28行  700マス  24〜48行  ✓",
        ],
        "{s}"
    );
    let out = itsm()
        .args(["count", "--format", "json", "--mode", "cbt"])
        .arg(&p)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["files"][0]["parts"][1],
        serde_json::json!({
            "part": "イ",
            "missing": true,
            "cbt": {"chars": 0, "min": 800, "max": 1600, "ok": false}
        })
    );
    // A part written out of order keeps its place; only the absent one is added.
    let q = dir.path().join("order.md");
    fs::write(
        &q,
        format!(
            "## 設問ア\n{}\n\n## 設問ウ\n{}\n\n## 設問イ\n{}\n",
            paras(2, 99),
            paras(7, 99),
            paras(9, 99)
        ),
    )
    .unwrap();
    let out = itsm()
        .args(["count", "--format", "json"])
        .arg(&q)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let labels: Vec<&str> = v["files"][0]["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["part"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["ア", "ウ", "イ"]);
}

#[test]
fn cli_json() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("e.md");
    fs::write(&p, essay(&para(801), &paras(9, 99), &paras(7, 99))).unwrap();
    let out = itsm()
        .args(["count", "--format", "json"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], 1);
    let f = &v["files"][0];
    assert!(f["path"].as_str().unwrap().ends_with("e.md"));
    assert_eq!(f["kind"], "essay");
    // ア: 801 characters; _ + 801 = 802 cells → 33 rows (32 × 25 = 800 < 802) > 32.
    assert_eq!(
        f["parts"][0],
        serde_json::json!({
            "part": "ア",
            "cbt": {"chars": 801, "min": null, "max": 800, "ok": false},
            "genkou": {"rows": 33, "cells": 802, "min": null, "max": 800,
                       "min_rows": null, "max_rows": 32, "ok": false}
        })
    );
    assert_eq!(
        f["parts"][1],
        serde_json::json!({
            "part": "イ",
            "cbt": {"chars": 891, "min": 800, "max": 1600, "ok": true},
            "genkou": {"rows": 36, "cells": 900, "min": 800, "max": 1600,
                       "min_rows": 32, "max_rows": 64, "ok": true}
        })
    );
    assert_eq!(f["parts"][2]["part"], "ウ");
    // --mode genkou leaves the cbt object out; a module has "part": null.
    let m = dir.path().join("m.md");
    fs::write(&m, para(450)).unwrap();
    let out = itsm()
        .args(["count", "--format", "json", "--mode", "genkou"])
        .arg(&m)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // 450 characters: _ + 449 字 = 450 cells = 18 full rows, and the final 「。」 would open row 19,
    // so it hangs in row 18's last cell: 18 rows (≥ 16), 450 cells.
    assert_eq!(
        v["files"][0]["parts"],
        serde_json::json!([{
            "part": null,
            "genkou": {"rows": 18, "cells": 450, "min": 400, "max": null,
                       "min_rows": 16, "max_rows": null, "ok": true}
        }])
    );
}

#[test]
fn cli_reads_crlf_bom_and_shift_jis_alike_and_exits_2_on_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    // Varied Japanese prose so that Shift_JIS is detected with certainty.
    let text = essay(
        &format!(
            "私は、障害の切り分け手順を見直すと判断し、運用課長の合意を得た。\n\n{}",
            paras(2, 99)
        ),
        &paras(9, 99),
        &paras(7, 99),
    );
    let json_of = |name: &str, bytes: Vec<u8>| {
        let p = dir.path().join(name);
        fs::write(&p, bytes).unwrap();
        let out = itsm()
            .args(["count", "--format", "json"])
            .arg(&p)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{name}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["files"][0]["parts"].clone()
    };
    let lf = json_of("lf.md", text.clone().into_bytes());
    assert_eq!(lf[1]["cbt"]["chars"], 891);
    let crlf = json_of("crlf.md", text.replace('\n', "\r\n").into_bytes());
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend(text.replace('\n', "\r\n").bytes());
    let bom = json_of("bom.md", bom);
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
    let sjis = json_of("sjis.md", sjis.into_owned());
    assert_eq!(crlf, lf);
    assert_eq!(bom, lf);
    assert_eq!(sjis, lf);

    itsm()
        .arg("count")
        .arg(dir.path().join("missing.md"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("missing.md が見つかりません"));
    let bin = dir.path().join("bin.md");
    fs::write(&bin, b"\x00\x01\x02binary").unwrap();
    itsm()
        .arg("count")
        .arg(&bin)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("バイナリファイル"));
    itsm()
        .args(["count", "--mode", "grid"])
        .arg(&bin)
        .assert()
        .code(2);
}
