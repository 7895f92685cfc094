//! Property tests on the lint entry point and the decoder: for arbitrary Unicode text and
//! arbitrary bytes, nothing panics, every span lies within the text on character boundaries,
//! lines and columns agree with the text, and results are deterministic. Texts are drawn both
//! from all of Unicode and from fragments that steer the rules into their interesting paths
//! (brackets, format phrases, figures, Markdown, NFD marks, half-width kana, invisible
//! characters, CR/LF). The case count is modest so the suite stays fast; raise it locally with
//! `PROPTEST_CASES=5000 cargo test --test it properties`.

use itsm::diagnostic::FileReport;
use itsm::library::Library;
use itsm::lint::{self, Kind, Settings, Vocabulary};
use itsm::report;
use itsm::text::decode;
use itsm::text::lines::LineIndex;
use proptest::prelude::*;
use std::sync::OnceLock;

fn vocab() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| Vocabulary::from_library(&Library::embedded().expect("library loads")))
}

/// Pieces that reach deep into the rules when strung together.
const FRAGMENTS: &[&str] = &[
    "。",
    "、",
    "（",
    "）",
    "(",
    ")",
    "「",
    "」",
    "【",
    "】",
    "\n",
    "\r\n",
    "\n\n",
    "\r",
    " ",
    "　",
    "・",
    "- ",
    "* ",
    "1. ",
    "(1)",
    "（２）",
    "①",
    "⑳",
    "# ",
    "## 設問ア\n",
    "設問イ",
    "ウ．",
    "1.1 概要\n",
    "---\n",
    "kind: essay\n",
    "```\n",
    "<!--",
    "-->",
    "**",
    "__",
    "$x$",
    "> ",
    "【メモ】",
    "と呼ばれる",
    "という特徴を持つ",
    "手法を使用し",
    "なぜならば",
    "が解決できると考えたからである",
    "サービス運用上の問題・課題",
    "工夫した点は",
    "具体的には",
    "私は",
    "と判断した",
    "そこで",
    "です",
    "ます",
    "でした",
    "と思われる",
    "と考えられる",
    "適切に対応",
    "周知徹底",
    "SLA",
    "MTTR",
    "ＫＰＩ",
    "CI/CD",
    "A-B",
    "Slack",
    "Amazon Web Services",
    "約定",
    "パイロット",
    "ロット",
    "稼働率",
    "99.9%",
    "９９．９５％",
    "年間",
    "停止時間は",
    "8.76時間",
    "80時間",
    "分",
    "全",
    "100件",
    "のうち",
    "30件",
    "（20%）",
    "計",
    "3名",
    "合計5名",
    "から",
    "60分",
    "90分に",
    "短縮",
    "向上",
    "目標とした",
    "https://example.invalid/x",
    "[1]",
    "出典：",
    "て\u{3099}",
    "\u{309A}",
    "ﾃﾞｰﾀ",
    "ﾞ",
    "｡",
    "\u{200B}",
    "\u{FEFF}",
    "\u{FE0F}",
    "\u{AD}",
    "𠮷",
    "\u{0}",
    "\t",
    "漢字",
    "かな",
    "カタカナ",
    "abc",
    "0",
    "９",
];

/// Text made of fragments and arbitrary characters.
fn text_strategy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(FRAGMENTS).prop_map(str::to_owned),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    prop_oneof![
        3 => proptest::collection::vec(piece, 0..120).prop_map(|v| v.concat()),
        1 => any::<String>(),
    ]
}

fn kind_strategy() -> impl Strategy<Value = Option<Kind>> {
    prop_oneof![
        Just(None),
        Just(Some(Kind::Module)),
        Just(Some(Kind::Essay))
    ]
}

fn lint(text: &str, kind: Option<Kind>) -> FileReport {
    let settings = Settings {
        kind,
        ..Default::default()
    };
    lint::lint_text("prop.md", text, vocab(), &settings)
}

/// (line, column) by plain counting, for comparison with `LineIndex`.
fn naive_position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        text[line_start..offset].chars().count() + 1,
    )
}

/// Every property of one report on `text`.
fn check_report(text: &str, report: &FileReport) -> Result<(), TestCaseError> {
    prop_assert_eq!(&report.source, text);
    let idx = LineIndex::new(text);
    for d in &report.diagnostics {
        let spans = d.span.iter().chain(d.related.iter().map(|(r, _)| r));
        for s in spans {
            prop_assert!(
                s.start <= s.end && s.end <= text.len(),
                "{} {:?} in {} bytes",
                d.code,
                s,
                text.len()
            );
            prop_assert!(
                text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
                "{} {:?}",
                d.code,
                s
            );
            for off in [s.start, s.end] {
                prop_assert_eq!(
                    idx.position(off),
                    naive_position(text, off),
                    "{} at {}",
                    d.code,
                    off
                );
            }
        }
        prop_assert!(!d.message.is_empty());
    }
    // Every emitter copes with whatever the spans are.
    let reports = std::slice::from_ref(report);
    prop_assert!(report::human(reports, false).contains("1ファイル"));
    let json: serde_json::Value = serde_json::from_str(&report::json(reports)).expect("valid JSON");
    prop_assert_eq!(
        json["files"][0]["diagnostics"].as_array().map(Vec::len),
        Some(report.diagnostics.len())
    );
    serde_json::from_str::<serde_json::Value>(&report::sarif(reports)).expect("valid SARIF JSON");
    prop_assert_eq!(
        report::github(reports).lines().count(),
        report.diagnostics.len()
    );
    Ok(())
}

/// 96 cases per property unless `PROPTEST_CASES` says otherwise.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(96);
    ProptestConfig::with_cases(cases)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn lint_never_panics_and_spans_are_sound(text in text_strategy(), kind in kind_strategy()) {
        let report = lint(&text, kind);
        check_report(&text, &report)?;
        // Deterministic: the same text gives the same findings.
        prop_assert_eq!(&lint(&text, kind).diagnostics, &report.diagnostics);
    }

    #[test]
    fn line_index_agrees_with_counting(text in text_strategy(), cut in any::<proptest::sample::Index>()) {
        let idx = LineIndex::new(&text);
        let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let off = boundaries[cut.index(boundaries.len())];
        prop_assert_eq!(idx.position(off), naive_position(&text, off));
        prop_assert_eq!(idx.char_index(off), text[..off].chars().count());
        prop_assert_eq!(idx.line_count(), text.matches('\n').count() + 1);
    }

    #[test]
    fn decode_never_panics_and_lint_accepts_what_it_returns(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let first = decode::decode(&bytes);
        // Deterministic.
        prop_assert_eq!(format!("{first:?}"), format!("{:?}", decode::decode(&bytes)));
        match &first {
            Ok(d) => {
                // Valid UTF-8 without a BOM or NUL is returned unchanged.
                if let Ok(s) = std::str::from_utf8(&bytes)
                    && !bytes.starts_with(&[0xEF, 0xBB, 0xBF])
                    && !bytes.contains(&0)
                {
                    prop_assert_eq!(&d.text, s);
                    prop_assert_eq!(d.converted_from, None);
                }
                let report = lint(&d.text, None);
                check_report(&d.text, &report)?;
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    #[test]
    fn decode_round_trips_encoded_japanese(text in text_strategy()) {
        // UTF-8 with a BOM and UTF-16 with a BOM always decode to the text itself.
        let mut bom8 = vec![0xEF, 0xBB, 0xBF];
        bom8.extend_from_slice(text.as_bytes());
        prop_assert_eq!(&decode::decode(&bom8).expect("UTF-8 with BOM").text, &text);
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode::decode(&le).expect("UTF-16LE with BOM");
        prop_assert_eq!(&d.text, &text);
        prop_assert_eq!(d.converted_from, Some("UTF-16LE"));
    }
}

/// Found by `lint_never_panics_and_spans_are_sound`: 「手法を使用し」 before 「と呼ばれる」 in the
/// first sentence made the feature-paraphrase check slice backwards.
#[test]
fn method_phrase_before_the_name_is_an_order_finding_not_a_panic() {
    let text = "、手法を使用しと呼ばれる。。。。。。。";
    let report = lint(text, None);
    assert!(report.diagnostics.iter().any(|d| d.code == "F009"));
    check_report(text, &report).unwrap();
}

/// Found by `lint_never_panics_and_spans_are_sound`: a 「。」 inside brackets before a total
/// (「（3名3名。合計5名」) cut the clause one byte into the 「。」.
#[test]
fn full_stop_inside_brackets_before_a_total_is_not_a_panic() {
    let text = "## 設問ア\n（3名3名。合計5名";
    check_report(text, &lint(text, None)).unwrap();
    let text = "内訳は（A社3名、B社3名。）合計5名とした。";
    check_report(text, &lint(text, Some(Kind::Essay))).unwrap();
}

proptest! {
    #![proptest_config(config())]

    /// The counting entry point: no panic, one count per part in document order, parts' heading
    /// spans within the text, deterministic, and CRLF counts the same as LF.
    #[test]
    fn count_never_panics_and_is_consistent(text in text_strategy()) {
        use itsm::exam::{count_parts, count_whole};
        let doc = lint::Document::parse(&text, Some(Kind::Essay));
        let parts = count_parts(&doc);
        prop_assert_eq!(parts.len(), doc.parts.len());
        for p in &parts {
            prop_assert!(p.heading.end <= text.len());
            prop_assert!(text.is_char_boundary(p.heading.start) && text.is_char_boundary(p.heading.end));
            prop_assert!(p.count.genkou.rows * 25 >= p.count.genkou.cells);
        }
        let again = count_parts(&lint::Document::parse(&text, Some(Kind::Essay)));
        prop_assert_eq!(
            parts.iter().map(|p| (p.count.cbt, p.count.genkou.rows)).collect::<Vec<_>>(),
            again.iter().map(|p| (p.count.cbt, p.count.genkou.rows)).collect::<Vec<_>>()
        );
        let whole = count_whole(&lint::Document::parse(&text, Some(Kind::Module)));
        let lf = text.replace("\r\n", "\n");
        let whole_lf = count_whole(&lint::Document::parse(&lf, Some(Kind::Module)));
        if !text.contains('\r') || !lf.contains('\r') {
            prop_assert_eq!(whole.cbt, whole_lf.cbt);
        }
    }

    /// The 原稿用紙 view lays out what `itsm count` counts: as many rows as counted, as many
    /// cells, at most 25 per row, every cell one grapheme or a packed pair of half-width digits or
    /// lowercase letters (or the empty indent).
    #[test]
    fn the_genkou_layout_is_what_is_counted(text in text_strategy()) {
        use itsm::exam::{count_part, count_whole, layout_part, layout_whole, SheetRow};
        use unicode_segmentation::UnicodeSegmentation;
        fn sound(rows: &[SheetRow], count: itsm::exam::Count) -> Result<(), TestCaseError> {
            prop_assert_eq!(rows.len(), count.genkou.rows);
            prop_assert_eq!(rows.iter().map(|r| r.cells.len()).sum::<usize>(), count.genkou.cells);
            for r in rows {
                prop_assert!(r.cells.len() <= 25);
                for c in &r.cells {
                    let g = c.graphemes(true).count();
                    let packed = c.len() == 2 && (c.bytes().all(|b| b.is_ascii_digit()) || c.bytes().all(|b| b.is_ascii_lowercase()));
                    prop_assert!(g <= 1 || packed, "cell {:?}", c);
                }
            }
            Ok(())
        }
        let doc = lint::Document::parse(&text, Some(Kind::Essay));
        for p in &doc.parts {
            sound(&layout_part(&doc, p), count_part(&doc, p))?;
        }
        let module = lint::Document::parse(&text, Some(Kind::Module));
        sound(&layout_whole(&module), count_whole(&module))?;
    }
}
