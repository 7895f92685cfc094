//! Rule-by-rule behaviour: for every rule, texts that must fire (exact code, exact span text,
//! exact count) and texts that must not — including the known false-positive traps from
//! `seed-rules.md` and QUALITY.md §1.

use itsm::diagnostic::FileReport;
use itsm::library::Library;
use itsm::lint::{self, Kind, Settings, Vocabulary};
use std::sync::OnceLock;

fn vocab() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| Vocabulary::from_library(&Library::embedded().expect("library loads")))
}

fn lint(text: &str, kind: Kind) -> FileReport {
    let mut settings = Settings {
        kind: Some(kind),
        ..Default::default()
    };
    // The essay fixtures here are short on purpose; part lengths (E004) are tested in tests/count.rs.
    settings.severity.insert("E004".into(), None);
    lint::lint_text("test.md", text, vocab(), &settings)
}

/// Span texts of every finding of `code` (`None` = whole file).
fn found(text: &str, kind: Kind, code: &str) -> Vec<Option<String>> {
    lint(text, kind)
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| d.span.clone().map(|s| text[s].to_owned()))
        .collect()
}

/// Span texts of every finding of `code`; every one must have a span.
fn spans(text: &str, kind: Kind, code: &str) -> Vec<String> {
    found(text, kind, code)
        .into_iter()
        .map(|s| s.unwrap_or_else(|| panic!("{code} without a span in {text}")))
        .collect()
}

fn messages(text: &str, kind: Kind, code: &str) -> Vec<String> {
    lint(text, kind)
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| d.message.clone())
        .collect()
}

/// Every finding as 「CODE 「span」」, for asserting that a text is clean.
fn all(text: &str, kind: Kind) -> Vec<String> {
    lint(text, kind)
        .diagnostics
        .iter()
        .map(|d| {
            let s = d.span.clone().map(|s| &text[s]).unwrap_or("<file>");
            format!("{} 「{s}」 {}", d.code, d.message)
        })
        .collect()
}

/// Like [`all`], with some rules turned off (for deliberately tiny fixtures).
fn all_without(text: &str, kind: Kind, off: &[&str]) -> Vec<String> {
    let mut settings = Settings {
        kind: Some(kind),
        ..Default::default()
    };
    for code in off {
        settings.severity.insert((*code).to_owned(), None);
    }
    lint::lint_text("test.md", text, vocab(), &settings)
        .diagnostics
        .iter()
        .map(|d| {
            let s = d.span.clone().map(|s| &text[s]).unwrap_or("<file>");
            format!("{} 「{s}」 {}", d.code, d.message)
        })
        .collect()
}

const NONE: [&str; 0] = [];
const QUIET: [Option<String>; 0] = [];

/// Replace the single occurrence of `from`.
fn replace1(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "「{from}」 must occur once");
    text.replacen(from, to, 1)
}

// A module paragraph in the fixed format (the FX × change draft), one sentence per line here.
const S1: &str = "動的承認ルーティングと呼ばれる、変更の種類とリスクの大きさに応じて承認者と承認手順を自動で振り分け、高リスクの変更だけを委員会で深く審議するという特徴を持つ手法を使用し、変更を三つの区分に分け、区分ごとに承認経路を自動で切り替える仕組みの導入をした。";
const S2: &str = "なぜならば、5名の承認者が週1回のCAB（変更諮問委員会）で全件を承認しており、中身を確かめない承認が推定8割に達し、セキュリティパッチも5日待たされるというサービス運用上の問題・課題が解決できると考えたからである。";
const S3: &str = "CABは毎回約20件の議題を1件1分ほどで承認しており、外部との接続を変えるような本当に議論すべき変更にも時間を割けていなかった。";
const S4: &str = "私は、自動テストとセキュリティ検査に合格した技術的な変更は人の承認なしでリリースしてよいと判断し、その方針についてCABの他の承認者4名から合意を得た。";
const S5: &str = "工夫した点は、機能追加の承認者をプロダクトオーナーと私の2名に絞り、承認画面には技術的な説明ではなく月間の停止許容時間の残量と延期した場合の機会損失額を並べて示した点である。";
const S6: &str = "具体的には、導入後は月80件の変更のうち50件が自動承認の標準変更、20件がプロダクトオーナーと私が承認する迅速変更、10件がシステムオーナーも加わって承認する通常変更に振り分けられた。";
const S7: &str = "ある週には新しい取引ロジックの追加依頼について、停止許容時間の残量65%と月約500万円の機会損失を比べて翌日のリリースを承認した。";
const S8: &str = "セキュリティパッチの適用はテスト完了後すぐに行えるようになった。";
const S9: &str =
    "CABでは高リスクの5件だけを1件15分以上かけて審議し、変更起因の障害は年12件から年5件に減った。";

fn module() -> String {
    [S1, S2, S3, S4, S5, S6, S7, S8, S9].concat()
}

fn module_of(sentences: &[&str]) -> String {
    sentences.concat()
}

/// A clean essay: headings, three parts, figures, a decision by 私.
fn essay() -> String {
    [
        "## 設問ア\n",
        "1.1 ITサービスの概要\n",
        "A社は、個人投資家向けの取引サービスをSクラウド上で提供している。利用者は約12万名で、稼働率99.9%（年間約8.76時間）を事業部門と合意している。\n",
        "\n",
        "## 設問イ\n",
        "2.1 実施した施策\n",
        "私は、障害の切り分け手順を見直すと判断し、運用課長の合意を得た。工夫した点は、過去の障害記録を分類して手順書に反映した点である。\n",
        "\n",
        "## 設問ウ\n",
        "3.1 評価\n",
        "平均復旧時間は60分から35分に短縮した。今後の課題は、夜間の要員の育成である。\n",
    ]
    .concat()
}

fn essay_with(body: &str) -> String {
    format!("## 設問ア\n{body}\n")
}

/// A short essay body that is otherwise clean: a decision by 私 and three figures.
const CLEAN_TAIL: &str =
    "私は、対応の優先度を判断した。障害は月3件、対応は10分、要員は20名である。";

#[test]
fn baselines_are_clean() {
    assert_eq!(all(&module(), Kind::Module), NONE);
    assert_eq!(all(&essay(), Kind::Essay), NONE);
    // A one-part fixture: the essay-structure rules (tested in tests/essay_rules.rs) are off here.
    assert_eq!(
        all_without(&essay_with(CLEAN_TAIL), Kind::Essay, &["E001", "E005"]),
        NONE
    );
}

#[test]
fn the_library_draft_is_the_module_baseline_and_clean() {
    let lib = Library::embedded().expect("library loads");
    let d = itsm::draft::draft(&lib, lib.case("fx").expect("fx case"), "change", None, 1)
        .expect("draft");
    assert_eq!(all(&d.text, Kind::Module), NONE);
}

#[test]
fn every_rule_is_covered_here() {
    let codes: Vec<&str> = itsm::lint::registry::RULES.iter().map(|r| r.code).collect();
    assert_eq!(
        codes,
        [
            "C001", "C002", "C003", "E001", "E002", "E003", "E004", "E005", "E006", "E007", "E008",
            "E009", "E010", "E011", "E012", "E013", "F001", "F002", "F003", "F004", "F005", "F006",
            "F007", "F008", "F009", "F010", "N001", "N002", "N003", "S001", "S002", "S003", "S004",
            "S005", "S006", "S007", "S008", "S009", "S010", "S011", "S012", "S013", "X001", "X002"
        ],
        "a rule was added or removed: add tests for it in tests/rules.rs (essay rules E…: tests/essay_rules.rs)"
    );
}

// ---------------------------------------------------------------- C001 no-manager-decision

#[test]
fn c001_fires_without_a_decision_by_watashi() {
    let m = module_of(&[S1, S2, S3, S5, S6, S7, S8, S9]);
    assert_eq!(spans(&m, Kind::Module, "C001"), ["工夫した点は"]);
    // Without the ingenuity sentence it points at the example.
    let m = module_of(&[S1, S2, S3, S6, S7, S8, S9]);
    assert_eq!(spans(&m, Kind::Module, "C001"), ["具体的には"]);
    // In an essay it is about the whole file.
    let e = essay_with("障害の切り分け手順を見直した。障害は月3件、対応は10分、要員は20名である。");
    assert_eq!(found(&e, Kind::Essay, "C001"), [None]);
    // 「私が作業した」 is the worker's record, not a decision.
    let e = essay_with("私が手順書を修正した。障害は月3件、対応は10分、要員は20名である。");
    assert_eq!(found(&e, Kind::Essay, "C001"), [None]);
}

#[test]
fn c001_accepts_decisions_agreements_and_resources() {
    assert_eq!(found(&module(), Kind::Module, "C001"), QUIET);
    for s in [
        "私は、展開完了が1日遅れることを許容すると判断し、店舗運営本部の合意を得た。",
        "私は、当番表の改定を決定した。",
        "私は、運用課長と交渉して要員2名を確保した。",
        "私が、開発課長に手順の見直しを指示した。",
    ] {
        let e = essay_with(&format!("{s}障害は月3件、対応は10分、要員は20名である。"));
        assert_eq!(found(&e, Kind::Essay, "C001"), QUIET, "{s}");
    }
}

// ---------------------------------------------------------------- C002 missing-figures

#[test]
fn c002_module_needs_figures_after_gutaiteki_niwa() {
    let tail: String = [S6, S7, S8, S9]
        .concat()
        .chars()
        .filter(|c| !c.is_ascii_digit())
        .collect();
    // Figures before 「具体的には」 (5名, 週1回, 5日 …) do not count.
    let m = format!("{}{tail}", module_of(&[S1, S2, S3, S4, S5]));
    assert_eq!(spans(&m, Kind::Module, "C002"), ["具体的には"]);
    assert_eq!(found(&module(), Kind::Module, "C002"), QUIET);
    // One figure in the example is enough.
    let m = format!(
        "{}{tail}会議の時間は30分短くなった。",
        module_of(&[S1, S2, S3, S4, S5])
    );
    assert_eq!(found(&m, Kind::Module, "C002"), QUIET);
}

#[test]
fn c002_essay_needs_three_figures_and_years_do_not_count() {
    let e = essay_with("私は、対応の優先度を判断した。2024年に障害は月3件で、対応は10分だった。");
    assert_eq!(found(&e, Kind::Essay, "C002"), [None]);
    assert_eq!(
        messages(&e, Kind::Essay, "C002"),
        ["定量情報が2か所しかありません（3か所以上が目安）"]
    );
    let e = essay_with(
        "私は、対応の優先度を判断した。障害は月３件、対応は１０分、要員は２０名である。",
    );
    assert_eq!(
        found(&e, Kind::Essay, "C002"),
        QUIET,
        "full-width figures count"
    );
    assert_eq!(found(&essay(), Kind::Essay, "C002"), QUIET);
}

// ---------------------------------------------------------------- F001 missing-technique-name

#[test]
fn f001_needs_to_yobareru_in_the_first_sentence() {
    let s1 = replace1(S1, "動的承認ルーティングと呼ばれる、", "");
    let m = module_of(&[&s1, S2, S3, S4, S5, S6, S7, S8, S9]);
    assert_eq!(spans(&m, Kind::Module, "F001"), [s1.as_str()]);
    // 「と呼ばれる」 in a later sentence is not the technique name.
    let s3 = replace1(S3, "CABは", "変更諮問委員会と呼ばれる会議は");
    let m = module_of(&[&s1, S2, &s3, S4, S5, S6, S7, S8, S9]);
    assert_eq!(spans(&m, Kind::Module, "F001"), [s1.as_str()]);
    assert_eq!(found(&module(), Kind::Module, "F001"), QUIET);
}

// ---------------------------------------------------------------- F002 missing-feature-phrase

#[test]
fn f002_needs_a_feature_or_a_paraphrase() {
    let s1 = "動的承認ルーティングと呼ばれる手法を使用し、変更を三つの区分に分け、区分ごとに承認経路を自動で切り替える仕組みの導入をした。";
    let m = module_of(&[s1, S2, S3, S4, S5, S6, S7, S8, S9]);
    assert_eq!(spans(&m, Kind::Module, "F002"), ["と呼ばれる"]);
    // A paraphrase of 10+ characters between the name and 「手法を使用し」 is accepted.
    let s1 = "動的承認ルーティングと呼ばれる、変更をリスクに応じて自動で振り分ける手法を使用し、変更を三つの区分に分け、区分ごとに承認経路を自動で切り替える仕組みの導入をした。";
    let m = module_of(&[s1, S2, S3, S4, S5, S6, S7, S8, S9]);
    assert_eq!(found(&m, Kind::Module, "F002"), QUIET);
    assert_eq!(found(&module(), Kind::Module, "F002"), QUIET);
}

// ---------------------------------------------------------------- F003 missing-method-use

#[test]
fn f003_needs_shuhou_wo_shiyou_shi() {
    let s1 = replace1(S1, "手法を使用し、", "手法により、");
    let m = module_of(&[&s1, S2, S3, S4, S5, S6, S7, S8, S9]);
    assert_eq!(spans(&m, Kind::Module, "F003"), [s1.as_str()]);
    for ok in [
        "仕組みを導入し、",
        "枠組みを使用し、",
        "技術を活用し、",
        "手法を用いて、",
    ] {
        let s1 = replace1(S1, "手法を使用し、", ok);
        let m = module_of(&[&s1, S2, S3, S4, S5, S6, S7, S8, S9]);
        assert_eq!(found(&m, Kind::Module, "F003"), QUIET, "{ok}");
    }
}

// ---------------------------------------------------------------- F004 missing-reason

#[test]
fn f004_needs_a_reason_sentence() {
    let s2 = replace1(S2, "なぜならば、", "");
    let m = module_of(&[S1, &s2, S3, S4, S5, S6, S7, S8, S9]);
    assert_eq!(spans(&m, Kind::Module, "F004"), [s2.as_str()]);
    for ok in ["理由は、", "根拠は、", "なぜなら、"] {
        let s2 = replace1(S2, "なぜならば、", ok);
        let m = module_of(&[S1, &s2, S3, S4, S5, S6, S7, S8, S9]);
        assert_eq!(found(&m, Kind::Module, "F004"), QUIET, "{ok}");
    }
}

// ---------------------------------------------------------------- F005 missing-service-problem

#[test]
fn f005_needs_the_service_problem_in_the_reason() {
    let s2 = replace1(S2, "というサービス運用上の問題・課題が", "という問題が");
    let m = module_of(&[S1, &s2, S3, S4, S5, S6, S7, S8, S9]);
    assert_eq!(spans(&m, Kind::Module, "F005"), [s2.as_str()]);
    let s2 = replace1(S2, "サービス運用上の問題・課題", "可用性管理上の問題・課題");
    let m = module_of(&[S1, &s2, S3, S4, S5, S6, S7, S8, S9]);
    assert_eq!(found(&m, Kind::Module, "F005"), QUIET);
    // Without a reason sentence F005 stays quiet (F004 reports it).
    let s2 = replace1(S2, "なぜならば、", "");
    let m = module_of(&[S1, &s2, S3, S4, S5, S6, S7, S8, S9]);
    assert_eq!(found(&m, Kind::Module, "F005"), QUIET);
}

// ---------------------------------------------------------------- F006 reason-ending

#[test]
fn f006_reason_must_end_with_kaiketsu_dekiru() {
    let s2 = replace1(
        S2,
        "が解決できると考えたからである。",
        "があったからである。",
    );
    let m = module_of(&[S1, &s2, S3, S4, S5, S6, S7, S8, S9]);
    assert_eq!(
        spans(&m, Kind::Module, "F006"),
        ["課題があったからである。"]
    );
    assert_eq!(
        messages(&m, Kind::Module, "F006"),
        ["理由の文が「が解決できると考えたからである。」で終わっていません"]
    );
    let s2 = replace1(S2, "考えたからである。", "考えた。");
    let m = module_of(&[S1, &s2, S3, S4, S5, S6, S7, S8, S9]);
    assert_eq!(
        spans(&m, Kind::Module, "F006"),
        ["題が解決できると考えた。"]
    );
    assert_eq!(
        messages(&m, Kind::Module, "F006"),
        ["理由の文が「からである。」で結ばれていません"]
    );
    let s2 = replace1(S2, "課題が解決", "課題を解決");
    let m = module_of(&[S1, &s2, S3, S4, S5, S6, S7, S8, S9]);
    assert_eq!(found(&m, Kind::Module, "F006"), QUIET);
}

// ---------------------------------------------------------------- F007 missing-ingenuity

#[test]
fn f007_needs_kufuu_shita_ten() {
    let s5 = replace1(S5, "工夫した点は、", "また、");
    let m = module_of(&[S1, S2, S3, S4, &s5, S6, S7, S8, S9]);
    assert_eq!(spans(&m, Kind::Module, "F007"), ["具体的には"]);
    for ok in [
        "工夫した点として、",
        "その工夫として、",
        "そこで、工夫した点は、",
    ] {
        let s5 = replace1(S5, "工夫した点は、", ok);
        let m = module_of(&[S1, S2, S3, S4, &s5, S6, S7, S8, S9]);
        assert_eq!(found(&m, Kind::Module, "F007"), QUIET, "{ok}");
    }
}

// ---------------------------------------------------------------- F008 example-count

#[test]
fn f008_needs_exactly_one_example() {
    let s6 = replace1(S6, "具体的には、", "");
    let m = module_of(&[S1, S2, S3, S4, S5, &s6, S7, S8, S9]);
    assert_eq!(spans(&m, Kind::Module, "F008"), [S9]);
    let s8 = "具体的には、別の週にも同様の承認を行った。";
    let m = module_of(&[S1, S2, S3, S4, S5, S6, S7, s8, S9]);
    assert_eq!(spans(&m, Kind::Module, "F008"), ["具体的には"]);
    let d = &lint(&m, Kind::Module).diagnostics;
    let f008 = d.iter().find(|d| d.code == "F008").expect("F008");
    let second = m.rfind("具体的には").expect("second");
    assert_eq!(
        f008.span.clone().map(|s| s.start),
        Some(second),
        "points at the 2nd one"
    );
    assert_eq!(found(&module(), Kind::Module, "F008"), QUIET);
}

// ---------------------------------------------------------------- F009 format-order

#[test]
fn f009_format_elements_keep_their_order() {
    // Reason and ingenuity swapped.
    let m = module_of(&[S1, S5, S3, S4, S2, S6, S7, S8, S9]);
    assert_eq!(spans(&m, Kind::Module, "F009"), ["工夫した点は"]);
    // Example before ingenuity.
    let m = module_of(&[S1, S2, S3, S4, S6, S5, S7, S8, S9]);
    assert_eq!(spans(&m, Kind::Module, "F009"), ["具体的には"]);
    // Background and decision sentences in between are fine.
    assert_eq!(found(&module(), Kind::Module, "F009"), QUIET);
}

// ---------------------------------------------------------------- F010 module-too-short

#[test]
fn f010_module_needs_400_characters() {
    let m = module_of(&[S1, S2, S3]);
    assert!(m.chars().count() < 400);
    assert_eq!(spans(&m, Kind::Module, "F010"), [S3]);
    let n = m.chars().count();
    assert_eq!(
        messages(&m, Kind::Module, "F010"),
        [format!(
            "モジュールが{n}字しかありません（400字以上が必要。あと{}字）",
            400 - n
        )]
    );
    assert_eq!(found("", Kind::Module, "F010"), [None]);
    assert_eq!(found(" \n\n", Kind::Module, "F010"), [None]);
    assert_eq!(found(&module(), Kind::Module, "F010"), QUIET);
    // Whitespace and line breaks are not characters.
    let spaced = module().replace('。', "。\n  ");
    assert_eq!(found(&spaced, Kind::Module, "F010"), QUIET);
    // Essays are not modules.
    assert_eq!(found(&m, Kind::Essay, "F010"), QUIET);
}

// ---------------------------------------------------------------- N001 availability-downtime-mismatch

#[test]
fn n001_checks_availability_against_downtime() {
    let e = essay_with(&format!(
        "稼働率99.9%（年間約87時間）を合意した。{CLEAN_TAIL}"
    ));
    assert_eq!(spans(&e, Kind::Essay, "N001"), ["年間約87時間"]);
    let e = essay_with(&format!(
        "稼働率９９．９％（年間約８７時間）を合意した。{CLEAN_TAIL}"
    ));
    assert_eq!(spans(&e, Kind::Essay, "N001"), ["年間約８７時間"]);
    let e = essay_with(&format!("SLAは99.5%（月間約4時間）とした。{CLEAN_TAIL}"));
    assert_eq!(spans(&e, Kind::Essay, "N001"), ["月間約4時間"]);
    for ok in [
        "稼働率99.9%（年間約8.76時間）を合意した。",
        "稼働率99.9%（年間停止許容 約8.76時間）を合意した。",
        "稼働率99.95%（月間約22分）を合意した。",
        "稼働率９９．９％（年間約８．７６時間）を合意した。",
        // A reduction rate is not an availability.
        "作業時間の削減率は95%（年間約100時間）だった。",
    ] {
        let e = essay_with(&format!("{ok}{CLEAN_TAIL}"));
        assert_eq!(found(&e, Kind::Essay, "N001"), QUIET, "{ok}");
    }
}

// ---------------------------------------------------------------- N002 part-total-mismatch

#[test]
fn n002_checks_parts_totals_and_ratios() {
    let e = essay_with(&format!(
        "80件のうち50件（60%）が標準変更である。{CLEAN_TAIL}"
    ));
    assert_eq!(spans(&e, Kind::Essay, "N002"), ["60%"]);
    // A full-width ％ must not cut the span inside the character.
    let e = essay_with(&format!(
        "80件のうち50件（60％）が標準変更である。{CLEAN_TAIL}"
    ));
    assert_eq!(spans(&e, Kind::Essay, "N002"), ["60％"]);
    let e = essay_with(&format!(
        "８０件のうち５０件（６０％）が標準変更である。{CLEAN_TAIL}"
    ));
    assert_eq!(spans(&e, Kind::Essay, "N002"), ["６０％"]);
    let e = essay_with(&format!(
        "変更は標準50件、迅速20件、通常10件の計90件だった。{CLEAN_TAIL}"
    ));
    assert_eq!(spans(&e, Kind::Essay, "N002"), ["計90件"]);
    for ok in [
        "80件のうち50件（62.5%）が標準変更である。",
        "80件のうち50件（約63%）が標準変更である。",
        "変更は標準50件、迅速20件、通常10件の計80件だった。",
        "月80件の変更のうち50件が標準変更、20件が迅速変更、10件が通常変更だった。",
    ] {
        let e = essay_with(&format!("{ok}{CLEAN_TAIL}"));
        assert_eq!(found(&e, Kind::Essay, "N002"), QUIET, "{ok}");
    }
}

// ---------------------------------------------------------------- N003 change-direction-mismatch

#[test]
fn n003_checks_the_direction_of_a_change() {
    let e = essay_with(&format!("復旧時間を60分から35分に向上させた。{CLEAN_TAIL}"));
    assert_eq!(spans(&e, Kind::Essay, "N003"), ["向上"]);
    let e = essay_with(&format!("自動化率を50%から80%に短縮した。{CLEAN_TAIL}"));
    assert_eq!(spans(&e, Kind::Essay, "N003"), ["短縮"]);
    let e = essay_with(&format!("障害は月5件から8件に減った。{CLEAN_TAIL}"));
    assert_eq!(spans(&e, Kind::Essay, "N003"), ["減っ"]);
    let e = essay_with(&format!(
        "復旧時間を６０分から３５分に向上させた。{CLEAN_TAIL}"
    ));
    assert_eq!(spans(&e, Kind::Essay, "N003"), ["向上"]);
    for ok in [
        "復旧時間を60分から35分に短縮した。",
        "復旧時間を60分から35分へと大幅に短縮した。",
        "自動化率を50%から80%に向上させた。",
        "障害は月5件から2件に減った。",
        "稼働率を99.5%から99.9%に改善した。",
        // The verb belongs to another object.
        "夜間処理を1回から4回に分けて待ち時間を短縮した。",
        // Different units are not compared.
        "10件から20分に短縮した。",
    ] {
        let e = essay_with(&format!("{ok}{CLEAN_TAIL}"));
        assert_eq!(found(&e, Kind::Essay, "N003"), QUIET, "{ok}");
    }
}

// ---------------------------------------------------------------- S001 bullet-or-enumeration

#[test]
fn s001_flags_bullet_lines() {
    let m = format!(
        "{}\n・監視の強化\n・手順書の整備\n{}",
        module_of(&[S1, S2, S3, S4, S5]),
        module_of(&[S6, S7, S8, S9])
    );
    assert_eq!(spans(&m, Kind::Module, "S001"), ["・", "・"]);
    let m = "- 監視\n+ 手順\n* 項目\n● 項目\n① 項目\n(1) 項目\n（２）項目\n1) 項目\n1. 項目\n１．項目\na. 項目\n";
    assert_eq!(
        spans(m, Kind::Module, "S001"),
        [
            "-",
            "+",
            "*",
            "●",
            "①",
            "(1)",
            "（２）",
            "1)",
            "1.",
            "１．",
            "a."
        ]
    );
    // In an essay, a list item is a list item even under a heading.
    let e = format!("## 設問イ\n・監視の強化\n・手順書の整備\n{CLEAN_TAIL}\n");
    assert_eq!(spans(&e, Kind::Essay, "S001"), ["・", "・"]);
    // Numbered "headings" one after the other are a list.
    let e = format!("## 設問ア\n1. 背景\n2. 課題\n{CLEAN_TAIL}\n");
    assert_eq!(spans(&e, Kind::Essay, "S001"), ["1.", "2."]);
}

#[test]
fn s001_flags_inline_enumerations() {
    let s5 = replace1(S5, "工夫した点は、", "工夫した点は、(1)");
    let m = module_of(&[S1, S2, S3, S4, &s5, S6, S7, S8, S9]);
    assert_eq!(spans(&m, Kind::Module, "S001"), ["(1)"]);
    let s5 = replace1(S5, "承認画面には", "（２）承認画面には");
    let s5 = replace1(&s5, "機能追加の", "①機能追加の");
    let m = module_of(&[S1, S2, S3, S4, &s5, S6, S7, S8, S9]);
    assert_eq!(spans(&m, Kind::Module, "S001"), ["①", "（２）"]);
}

#[test]
fn s001_traps_are_not_bullets() {
    // Section headings in an essay.
    assert_eq!(found(&essay(), Kind::Essay, "S001"), QUIET);
    let e = format!("## 設問ア\n1. ITサービスの概要\n1.1 サービスの内容\n{CLEAN_TAIL}\n");
    assert_eq!(found(&e, Kind::Essay, "S001"), QUIET);
    let e = format!("## 設問ア\n1. はじめに\n{CLEAN_TAIL}\n2. 課題\n{CLEAN_TAIL}\n");
    assert_eq!(found(&e, Kind::Essay, "S001"), QUIET);
    for ok in [
        "障害は（3件）あった。",
        "障害は(30分)で復旧した。",
        "3-2-1-1-0ルールに沿ってバックアップを取得した。",
        // A paragraph that starts with a decimal or a signed value.
        "99.9%の稼働率を維持することが求められていた。",
        "1.5倍に増えた。",
        "-5%となった。",
    ] {
        let e = essay_with(&format!("{ok}\n{CLEAN_TAIL}"));
        assert_eq!(found(&e, Kind::Essay, "S001"), QUIET, "{ok}");
        let m = format!("{ok}\n{}", module());
        assert_eq!(found(&m, Kind::Module, "S001"), QUIET, "{ok}");
    }
    // Bold at a line start is Markdown (S009), not a bullet.
    let e = essay_with(&format!("**重要**な点である。\n{CLEAN_TAIL}"));
    assert_eq!(found(&e, Kind::Essay, "S001"), QUIET);
    assert_eq!(
        spans(&e, Kind::Essay, "S009"),
        ["**"],
        "one report per line"
    );
}

// ---------------------------------------------------------------- S002 unexplained-abbreviation

#[test]
fn s002_flags_the_first_unexplained_abbreviation() {
    let e = essay_with(&format!(
        "MTTRを60分から35分に短縮した。MTTRは毎月測った。{CLEAN_TAIL}"
    ));
    assert_eq!(spans(&e, Kind::Essay, "S002"), ["MTTR"]);
    // A value in brackets is not an explanation.
    let e = essay_with(&format!("RTO（48時間）を定めた。{CLEAN_TAIL}"));
    assert_eq!(spans(&e, Kind::Essay, "S002"), ["RTO"]);
    let e = essay_with(&format!("SLO（5秒）を定めた。{CLEAN_TAIL}"));
    assert_eq!(spans(&e, Kind::Essay, "S002"), ["SLO"]);
    // An example list in brackets does not explain the abbreviation inside it.
    let e = essay_with(&format!(
        "特定サービス（LDAPや認証基盤など）を除く。{CLEAN_TAIL}"
    ));
    assert_eq!(spans(&e, Kind::Essay, "S002"), ["LDAP"]);
    // Explaining it after the first use is too late.
    let e = essay_with(&format!(
        "RTOを定めた。RTO（目標復旧時間）は4時間である。{CLEAN_TAIL}"
    ));
    assert_eq!(spans(&e, Kind::Essay, "S002"), ["RTO"]);
    let d = &lint(&e, Kind::Essay).diagnostics;
    let s = d
        .iter()
        .find(|d| d.code == "S002")
        .and_then(|d| d.span.clone());
    assert_eq!(s.map(|s| s.start), e.find("RTO"), "the first RTO");
    // A heading is not the first use: the body's first use is reported.
    let e = format!("## MTTRの改善\nMTTRを短くした。{CLEAN_TAIL}\n");
    let d = &lint(&e, Kind::Essay).diagnostics;
    let s: Vec<_> = d
        .iter()
        .filter(|d| d.code == "S002")
        .map(|d| d.span.clone())
        .collect();
    let body = e.find("\nMTTR").expect("body") + 1;
    assert_eq!(s, [Some(body..body + 4)]);
}

#[test]
fn s002_full_width_abbreviation_span() {
    let e = essay_with(&format!("ＭＴＴＲを短くした。{CLEAN_TAIL}"));
    assert_eq!(spans(&e, Kind::Essay, "S002"), ["ＭＴＴＲ"]);
}

#[test]
fn s002_accepts_explained_and_common_abbreviations() {
    for ok in [
        "RTO（目標復旧時間）を4時間とした。",
        "目標復旧時間（RTO）を4時間とした。",
        "MTTR（Mean Time To Repair：平均復旧時間）を測った。",
        "平均復旧時間（MTTR、Mean Time To Repair）を測った。",
        "「MTTR」という指標を使った。",
        "MTTRと呼ばれる指標を使った。",
        "SLAとKPIとFAQを見直した。",
        "A社のSクラウドとB社を比べた。",
    ] {
        let e = essay_with(&format!("{ok}{CLEAN_TAIL}"));
        assert_eq!(found(&e, Kind::Essay, "S002"), QUIET, "{ok}");
    }
}

// ---------------------------------------------------------------- S003 real-product-name

#[test]
fn s003_flags_real_product_names() {
    let e = essay_with(&format!(
        "障害はSlackで通知し、Jiraで管理した。{CLEAN_TAIL}"
    ));
    assert_eq!(spans(&e, Kind::Essay, "S003"), ["Slack", "Jira"]);
    // The longest name wins: one finding for 「Microsoft Teams」.
    let e = essay_with(&format!("Microsoft Teamsで連絡した。{CLEAN_TAIL}"));
    assert_eq!(spans(&e, Kind::Essay, "S003"), ["Microsoft Teams"]);
    let e = essay_with(&format!("ヤオコーの事例を参考にした。{CLEAN_TAIL}"));
    assert_eq!(spans(&e, Kind::Essay, "S003"), ["ヤオコー"]);
    for ok in [
        "A社はSクラウドを利用している。",
        "ITILとJIS Q 20000を参考にした。",
        "Slackwareとは関係がない。",
    ] {
        let e = essay_with(&format!("{ok}{CLEAN_TAIL}"));
        assert_eq!(found(&e, Kind::Essay, "S003"), QUIET, "{ok}");
    }
}

// ---------------------------------------------------------------- S004 desu-masu-style

#[test]
fn s004_flags_desu_masu_sentences() {
    let s8 = "セキュリティパッチの適用はテスト完了後すぐに行えるようになりました。";
    let m = module_of(&[S1, S2, S3, S4, S5, S6, S7, s8, S9]);
    assert_eq!(spans(&m, Kind::Module, "S004"), ["ました"]);
    let e = essay_with(&format!("これは重要です。ご確認ください。{CLEAN_TAIL}"));
    assert_eq!(spans(&e, Kind::Essay, "S004"), ["です", "ください"]);
    // CRLF line ends: spans still point at the words.
    let e = format!("## 設問ア\r\n本文です。\r\n私は判断しました。\r\n{CLEAN_TAIL}\r\n");
    assert_eq!(spans(&e, Kind::Essay, "S004"), ["です", "ました"]);
}

#[test]
fn s004_da_and_quotes_are_fine() {
    for ok in [
        "これは重要だ。",
        "これは重要である。",
        "利用者からは「助かります」と言われた。",
        "店長は「すぐに対応します。」と答えた。",
    ] {
        let e = essay_with(&format!("{ok}{CLEAN_TAIL}"));
        assert_eq!(found(&e, Kind::Essay, "S004"), QUIET, "{ok}");
    }
}

// ---------------------------------------------------------------- S005 sentence-too-long

#[test]
fn s005_flags_sentences_over_140_characters() {
    let long = format!("{}。", "長".repeat(140));
    let e = essay_with(&format!("{long}{CLEAN_TAIL}"));
    assert_eq!(spans(&e, Kind::Essay, "S005"), [long.as_str()]);
    assert_eq!(
        messages(&e, Kind::Essay, "S005"),
        ["一文が141字あります（上限140字）"]
    );
    let ok = format!("{}。", "長".repeat(139));
    let e = essay_with(&format!("{ok}{CLEAN_TAIL}"));
    assert_eq!(found(&e, Kind::Essay, "S005"), QUIET);
}

// ---------------------------------------------------------------- S006 too-many-commas

#[test]
fn s006_flags_more_than_four_commas() {
    let s = "監視、通知、切り分け、復旧、報告，記録を見直した。";
    let e = essay_with(&format!("{s}{CLEAN_TAIL}"));
    assert_eq!(spans(&e, Kind::Essay, "S006"), [s]);
    let ok = "監視、通知、切り分け、復旧、報告を見直した。";
    let e = essay_with(&format!("{ok}{CLEAN_TAIL}"));
    assert_eq!(found(&e, Kind::Essay, "S006"), QUIET);
    // Commas inside brackets belong to the sentence too, but the base module is fine.
    assert_eq!(found(&module(), Kind::Module, "S006"), QUIET);
}

// ---------------------------------------------------------------- S007 ambiguous-expression

#[test]
fn s007_flags_guesses() {
    let e = essay_with(&format!(
        "障害は減ったと思われる。原因はおそらく設定である。{CLEAN_TAIL}"
    ));
    assert_eq!(spans(&e, Kind::Essay, "S007"), ["と思われる", "おそらく"]);
    // Mild guesses: only from the third one.
    let e = essay_with(&format!(
        "効果があると考えられる。定着したと言える。再発は減ると見られる。{CLEAN_TAIL}"
    ));
    assert_eq!(spans(&e, Kind::Essay, "S007"), ["と見られる"]);
    let e = essay_with(&format!("多分、原因は設定である。{CLEAN_TAIL}"));
    assert_eq!(spans(&e, Kind::Essay, "S007"), ["多分"]);
}

#[test]
fn s007_format_phrases_are_not_guesses() {
    assert_eq!(found(&module(), Kind::Module, "S007"), QUIET);
    for ok in [
        "問題が解決できると考えたからである。",
        "私は、手順を改めると判断した。",
        "効果があると考えられる。定着したと言える。",
        "多分野の知識が要る。",
        "手作業の要素を多分に含んでいた。",
    ] {
        let e = essay_with(&format!("{ok}{CLEAN_TAIL}"));
        assert_eq!(found(&e, Kind::Essay, "S007"), QUIET, "{ok}");
    }
}

// ---------------------------------------------------------------- S008 generic-phrase

#[test]
fn s008_flags_generic_phrases() {
    let e = essay_with(&format!(
        "ITILに沿って適切に対応した。手順は周知徹底した。{CLEAN_TAIL}"
    ));
    assert_eq!(
        spans(&e, Kind::Essay, "S008"),
        ["ITILに沿って", "適切に対応", "周知徹底"]
    );
    for ok in [
        "ITILの用語で整理した。",
        "重大度3以上は30分以内に運用課長へ報告する基準を定めた。",
    ] {
        let e = essay_with(&format!("{ok}{CLEAN_TAIL}"));
        assert_eq!(found(&e, Kind::Essay, "S008"), QUIET, "{ok}");
    }
}

// ---------------------------------------------------------------- S009 markdown-or-meta-text

#[test]
fn s009_flags_markdown_and_notes() {
    let e = essay_with(&format!(
        "これは**重要**な点である。【適用事例】モジュール名：変更管理。{CLEAN_TAIL}"
    ));
    assert_eq!(
        spans(&e, Kind::Essay, "S009"),
        ["**", "【適用事例】", "モジュール名："]
    );
    // A quote line in the middle of a paragraph.
    let e = essay_with(&format!("本文である。\n> 引用である。\n{CLEAN_TAIL}"));
    assert_eq!(spans(&e, Kind::Essay, "S009"), [">"]);
    // A heading inside a module paragraph (a title line above it is file organisation).
    let m = format!(
        "{}\n## 具体例\n{}",
        module_of(&[S1, S2, S3, S4, S5]),
        module_of(&[S6, S7, S8, S9])
    );
    assert_eq!(spans(&m, Kind::Module, "S009"), ["##"]);
    let m = format!("# 動的承認ルーティング\n{}", module());
    assert_eq!(found(&m, Kind::Module, "S009"), QUIET);
}

#[test]
fn s009_essay_headings_are_fine() {
    assert_eq!(found(&essay(), Kind::Essay, "S009"), QUIET);
    let e = essay_with(&format!("A>Bの順で処理した。{CLEAN_TAIL}"));
    assert_eq!(found(&e, Kind::Essay, "S009"), QUIET);
}

// ---------------------------------------------------------------- S010 industry-jargon

#[test]
fn s010_flags_unexplained_jargon_once() {
    let e = essay_with(&format!(
        "ロットを決めた。ロットは毎日見直した。{CLEAN_TAIL}"
    ));
    assert_eq!(spans(&e, Kind::Essay, "S010"), ["ロット"]);
    let e = essay_with(&format!("スプレッドが広がった。{CLEAN_TAIL}"));
    assert_eq!(spans(&e, Kind::Essay, "S010"), ["スプレッド"]);
    // One word, one finding: 「スプレッド収益」 is not also 「スプレッド」.
    let e = essay_with(&format!("スプレッド収益が減った。{CLEAN_TAIL}"));
    assert_eq!(spans(&e, Kind::Essay, "S010"), ["スプレッド収益"]);
    // A value in brackets is not a gloss.
    let e = essay_with(&format!("約定（100件）が遅れた。{CLEAN_TAIL}"));
    assert_eq!(spans(&e, Kind::Essay, "S010"), ["約定"]);
}

#[test]
fn s010_traps_are_not_jargon() {
    for ok in [
        "パイロット店舗で試した。",
        "スプレッドシートで管理した。",
        "予約定員を増やした。",
        "保守契約定例会で説明した。",
        "約定（注文の成立）の遅延が発生した。約定は毎秒行われる。",
        "注文の成立（約定）の遅延が発生した。",
        "スプレッド収益（取引手数料収益）が減った。",
    ] {
        let e = essay_with(&format!("{ok}{CLEAN_TAIL}"));
        assert_eq!(found(&e, Kind::Essay, "S010"), QUIET, "{ok}");
    }
}

// ---------------------------------------------------------------- C003 target-without-result

#[test]
fn c003_flags_targets_without_results() {
    let target = "具体的には、変更のリードタイムを40日から3日に短縮することを目標とした。";
    let m = module_of(&[S1, S2, S3, S4, S5, target, S8]);
    assert_eq!(spans(&m, Kind::Module, "C003"), [target]);
    // A result that mentions its target is a result.
    let result = "具体的には、復旧まで2時間40分で済み、目標の24時間を大きく下回った。";
    let m = module_of(&[S1, S2, S3, S4, S5, result, S8]);
    assert_eq!(found(&m, Kind::Module, "C003"), QUIET);
    // One real result among target sentences is enough.
    let m = module_of(&[S1, S2, S3, S4, S5, target, S9]);
    assert_eq!(found(&m, Kind::Module, "C003"), QUIET);
    assert_eq!(found(&module(), Kind::Module, "C003"), QUIET);
}

// ---------------------------------------------------------------- S011 source-trace

#[test]
fn s011_flags_traces_of_real_sources() {
    let e = essay_with(&format!(
        "公式HPによれば、改善前は2週間に1回であった。詳細は https://example.com/a を参照[3]。{CLEAN_TAIL}"
    ));
    assert_eq!(
        spans(&e, Kind::Essay, "S011"),
        ["公式HPによれば", "https://example.com/a", "[3]"]
    );
    // Our own analysis is not a source trace.
    let e = essay_with(&format!(
        "障害記録の分析によれば、原因の6割は設定誤りであった。{CLEAN_TAIL}"
    ));
    assert_eq!(found(&e, Kind::Essay, "S011"), QUIET);
}

// ---------------------------------------------------------------- S012 halfwidth-katakana

#[test]
fn s012_flags_halfwidth_kana_runs_with_a_fix() {
    let e = essay_with(&format!("ｻｰﾋﾞｽﾃﾞｽｸの受付を見直した｡{CLEAN_TAIL}"));
    assert_eq!(spans(&e, Kind::Essay, "S012"), ["ｻｰﾋﾞｽﾃﾞｽｸ", "｡"]);
    let r = lint(&e, Kind::Essay);
    let fixes: Vec<&str> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "S012")
        .map(|d| {
            d.fix
                .as_ref()
                .expect("S012 offers a fix")
                .replacement
                .as_str()
        })
        .collect();
    assert_eq!(fixes, ["サービスデスク", "。"]);
}

#[test]
fn s012_leaves_fullwidth_kana_and_code_alone() {
    let e = format!(
        "## 設問ア\nサービスデスクの受付を見直した。{CLEAN_TAIL}\n```\nｻｰﾋﾞｽ\n```\n<!-- ｻｰﾋﾞｽ -->\n"
    );
    assert_eq!(found(&e, Kind::Essay, "S012"), QUIET);
}

// ---------------------------------------------------------------- S013 fullwidth-ascii

#[test]
fn s013_flags_fullwidth_alphanumerics_with_a_fix() {
    let e = essay_with(&format!(
        "ＳＬＡの目標を９９．９％とし、ＴＣＰ／ＩＰの監視を１，０００件に広げた。{CLEAN_TAIL}"
    ));
    assert_eq!(
        spans(&e, Kind::Essay, "S013"),
        ["ＳＬＡ", "９９．９％", "ＴＣＰ／ＩＰ", "１，０００"]
    );
    let r = lint(&e, Kind::Essay);
    let fixes: Vec<&str> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == "S013")
        .map(|d| {
            d.fix
                .as_ref()
                .expect("S013 offers a fix")
                .replacement
                .as_str()
        })
        .collect();
    assert_eq!(fixes, ["SLA", "99.9%", "TCP/IP", "1,000"]);
}

#[test]
fn s013_leaves_japanese_punctuation_alone() {
    for ok in [
        "SLAの目標を99.9%とした（注記）。",
        "　字下げした段落である。",
        "Ａ社の事例ではない。",
    ] {
        let e = essay_with(&format!("{ok}{CLEAN_TAIL}"));
        let got = found(&e, Kind::Essay, "S013");
        if ok.contains('Ａ') {
            assert_eq!(got, [Some("Ａ".to_owned())], "{ok}");
        } else {
            assert_eq!(got, QUIET, "{ok}");
        }
    }
}

// ---------------------------------------------------------------- X001 / X002 suppression

#[test]
fn x001_x002_report_unused_and_invalid_suppressions() {
    let e = format!(
        "## 設問ア\n<!-- itsm-disable-next-line S002 -->\nMTTR（平均復旧時間）を短縮した。{CLEAN_TAIL}\n<!-- itsm-disable S0002, S003 -->\n<!-- itsm-disabel S002 -->\n<!-- itsm-enable -->\n"
    );
    assert_eq!(spans(&e, Kind::Essay, "X001"), ["S002", "S003"]);
    assert_eq!(spans(&e, Kind::Essay, "X002"), ["S0002", "itsm-disabel"]);
}

#[test]
fn suppression_comments_silence_exactly_their_range() {
    let e = format!(
        "## 設問ア\n<!-- itsm-disable-next-line unexplained-abbreviation -->\nMTTRを短縮した。\nCMDBを整備した。{CLEAN_TAIL}\n<!-- itsm-disable S003 -->\nSlackで通知した。\n<!-- itsm-enable S003 -->\nJiraで管理した。\n"
    );
    assert_eq!(spans(&e, Kind::Essay, "S002"), ["CMDB"]);
    assert_eq!(spans(&e, Kind::Essay, "S003"), ["Jira"]);
    assert_eq!(found(&e, Kind::Essay, "X001"), QUIET);
    assert_eq!(found(&e, Kind::Essay, "X002"), QUIET);
    // A whole-file finding (C002 without figures) is silenced only by a disable before the text.
    let bare = "## 設問ア\n私は、対応の優先度を判断した。\n";
    assert_eq!(found(bare, Kind::Essay, "C002"), [None]);
    let top = format!("<!-- itsm-disable C002 -->\n{bare}");
    assert_eq!(found(&top, Kind::Essay, "C002"), QUIET);
    assert_eq!(found(&top, Kind::Essay, "X001"), QUIET);
    let late = format!("{bare}<!-- itsm-disable C002 -->\n");
    assert_eq!(found(&late, Kind::Essay, "C002"), [None]);
    assert_eq!(spans(&late, Kind::Essay, "X001"), ["C002"]);
}
