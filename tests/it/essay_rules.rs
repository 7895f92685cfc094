//! Essay rules (E001-E003, E005-E013) and `--question`: fires / does not fire with exact codes and spans.

use itsm::diagnostic::FileReport;
use itsm::exam::question::Question;
use itsm::library::Library;
use itsm::lint::{self, Kind, Settings, Vocabulary};
use predicates::prelude::*;
use std::sync::OnceLock;

fn library() -> &'static Library {
    static L: OnceLock<Library> = OnceLock::new();
    L.get_or_init(|| Library::embedded().expect("library loads"))
}

fn vocab() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| Vocabulary::from_library(library()))
}

fn lint_with(text: &str, settings: &Settings) -> FileReport {
    lint::lint_text("essay.md", text, vocab(), settings)
}

/// A stand-in for a library essay: the case overview and the module's problem in ア, the module
/// paragraph(s) in イ, the measured before→after and the remaining issue in ウ.
fn library_essay(case_id: &str, theme: &str, n: usize) -> Option<String> {
    let lib = library();
    let case = lib.case(case_id)?;
    let mut cands = itsm::draft::candidates(lib, case_id, theme);
    if n >= cands.len() {
        return None;
    }
    cands.rotate_left(n);
    let first = cands.first()?;
    let f = &case.facts;
    let ctx = serde_json::json!({ "c": f });
    let r = |s: &str| itsm::library::template::render("t", s, &ctx).unwrap();
    let para = itsm::draft::render_paragraph(lib, case, *first).ok()?;
    let problem = r(&first.variant.problem);
    let mut e = String::new();
    e.push_str("## 設問ア\n\n1.1 ITサービスの概要\n\n");
    e.push_str(&format!(
        "{}は、{}である。{}。顧客は{}であり、利用者は{}である。{}。私は、{}。\n\n",
        f["alias"], f["org"], f["service_desc"], f["customers"], f["users"], f["sla"], f["my_role"]
    ));
    e.push_str(&format!(
        "1.2 サービス運用上の問題\n\n{problem}という問題を抱えていた。\n\n"
    ));
    e.push_str("## 設問イ\n\n2.1 実施した施策\n\n");
    e.push_str(&para);
    e.push_str("\n\n");
    if let Some(second) = cands.get(1) {
        e.push_str(&itsm::draft::render_paragraph(lib, case, *second).ok()?);
        e.push_str("\n\n");
    }
    e.push_str("## 設問ウ\n\n3.1 評価\n\n");
    e.push_str(&format!(
        "{}は、{}から{}になった。{}\n",
        r(&first.variant.metric),
        r(&first.variant.before),
        r(&first.variant.after),
        r(&first.variant.remaining)
    ));
    Some(e)
}

/// The essay rules this file covers (E004, the length rule, is tested with the counting modes).
const ESSAY_CODES: &[&str] = &[
    "E001", "E002", "E003", "E005", "E006", "E007", "E008", "E009", "E010", "E011", "E012", "E013",
];

/// Essay settings with the length rule off: the fixtures here are short on purpose.
fn settings() -> Settings {
    let mut s = Settings {
        kind: Some(Kind::Essay),
        ..Default::default()
    };
    s.severity.insert("E004".into(), None);
    s
}

fn with_theme(theme: &str) -> Settings {
    Settings {
        theme: Some(theme.into()),
        ..settings()
    }
}

fn with_question(q: &str) -> Settings {
    Settings {
        question: Some(Question::parse(q).expect("question parses")),
        ..settings()
    }
}

/// Span texts of every finding of `code` (`None` = whole file).
fn found_with(text: &str, s: &Settings, code: &str) -> Vec<Option<String>> {
    lint_with(text, s)
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| d.span.clone().map(|r| text[r].to_owned()))
        .collect()
}

fn found(text: &str, code: &str) -> Vec<Option<String>> {
    found_with(text, &settings(), code)
}

fn spans(text: &str, code: &str) -> Vec<String> {
    found(text, code)
        .into_iter()
        .map(|s| s.unwrap_or_else(|| panic!("{code} without a span")))
        .collect()
}

fn messages_with(text: &str, s: &Settings, code: &str) -> Vec<String> {
    lint_with(text, s)
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| d.message.clone())
        .collect()
}

fn messages(text: &str, code: &str) -> Vec<String> {
    messages_with(text, &settings(), code)
}

/// Every finding as 「CODE 「span」 message」.
fn all_with(text: &str, s: &Settings) -> Vec<String> {
    lint_with(text, s)
        .diagnostics
        .iter()
        .map(|d| {
            let sp = d.span.clone().map(|r| &text[r]).unwrap_or("<file>");
            format!("{} 「{sp}」 {}", d.code, d.message)
        })
        .collect()
}

/// Findings of the essay rules only.
fn essay_findings(text: &str, s: &Settings) -> Vec<String> {
    all_with(text, s)
        .into_iter()
        .filter(|f| ESSAY_CODES.iter().any(|c| f.starts_with(c)))
        .collect()
}

const NONE: [&str; 0] = [];
const QUIET: [Option<String>; 0] = [];

fn replace1(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "「{from}」 must occur once");
    text.replacen(from, to, 1)
}

// ------------------------------------------------------------------ a realistic question and essay

/// A question in the style of a real 問題文 (fictional, our own words), with full-width limits.
const QUESTION: &str = "\
問1　業務環境の変化に合わせた変更管理の見直しについて

ITサービスを取り巻く環境は、事業戦略の転換、利用者数の急増、クラウドサービスの採用などによって変化する。\
環境が変わると、それまで機能していた変更管理の進め方が、サービスの提供の妨げになることがある。

ITサービスマネージャは、このような環境の変化を捉え、変更のリスクに応じた区分の見直し、承認手続の簡素化などによって\
変更管理を見直す必要がある。その際、サービスの安定稼働を損なわないように配慮することが重要である。

あなたの経験と考えに基づいて、設問ア～ウに従って論述せよ。

設問ア　あなたが携わったITサービスの概要と，変更管理の見直しが必要となった環境の変化について，８００字以内で述べよ。
設問イ　設問アで述べた環境の変化に対応するために，サービスの安定稼働の観点から変更管理をどのように見直したか。\
見直しに当たって工夫したことを含めて，８００字以上１，６００字以内で具体的に述べよ。
設問ウ　設問イで述べた見直しの実施状況と評価，及び今後の改善点について，６００字以上１，２００字以内で具体的に述べよ。
";

const A_HEAD: &str = "## 設問ア\n\n1.1 ITサービスの概要\n\n";
const A_OVERVIEW: &str = "E社は、地域の診療所に向けて予約受付のSaaSを提供するITサービス事業者である。顧客は約400施設の診療所であり、利用者は月間約30万名の患者である。サービスは24時間365日提供しており、月間稼働率99.9%を顧客と合意している。私は、運用部のITサービスマネージャとして、変更管理とサービスレベル管理を統括している。\n\n";
const A_PROBLEM_HEAD: &str = "1.2 変更管理の見直しが必要となった環境の変化\n\n";
const A_PROBLEM: &str = "昨年度、E社は競合への対抗策として機能追加の頻度を月1回から週1回に上げた。一方で、変更管理は全ての変更を月1回のCAB（変更諮問委員会）で審議する従来の手順のままであった。その結果、承認待ちの変更が常時20件ほど滞留し、変更のリードタイムは平均25日に達していた。審議も1件あたり数分しか取れず、影響の大きい変更を確かめきれないことが課題であった。\n\n";
const I_HEAD: &str = "## 設問イ\n\n2.1 変更区分の見直し\n\n";
const I_MEASURE: &str = "私は、週1回のリリースに追随しつつサービスの安定稼働を守るには、変更をリスクに応じて区分し、区分ごとに承認経路を変える必要があると判断した。まず、過去1年間の変更の記録を分析し、手順が確立していて障害につながった実績の無い変更を標準変更とし、それ以外を通常変更と緊急変更に分けた。標準変更は、事前に承認した手順書に従う限り、CABの審議を経ずに実施できるようにした。変更のリードタイムは7日以内にすることを目標とした。\n\n";
const I_AGREE: &str = "2.2 関係者との合意\n\n区分の見直しには、品質の維持を優先する品質保証課の反対があった。私は、標準変更の対象を四半期ごとに見直し、標準変更に起因する障害が1件でも起きた種類は通常変更に戻すという条件を示し、品質保証課長の合意を得た。また、CABの開催を週1回に増やすため、開発部長と交渉して審議に加わる要員2名を確保した。\n\n";
const I_INGENUITY_HEAD: &str = "2.3 見直しに当たっての工夫\n\n";
const I_INGENUITY: &str = "工夫した点は、CABの審議資料に変更ごとの影響範囲とロールバックの手順を必ず記載させ、記載の無い変更は審議に上げない決まりにした点である。";
const I_AFTER: &str = "これにより、審議の時間を影響の大きい変更に集中させることができた。\n\n";
const U_HEAD: &str = "## 設問ウ\n\n3.1 見直しの実施状況と評価\n\n";
const U_EVAL: &str = "見直しは昨年10月から実施し、半年間の変更は合計320件であった。そのうち190件が標準変更として審議を経ずに実施された。変更のリードタイムは平均25日から平均6日に短縮し、目標の7日以内を達成した。変更に起因する障害は、見直し前の半年の4件から2件に減った。\n\n";
const U_NEXT_HEAD: &str = "3.2 今後の改善点\n\n";
const U_NEXT: &str = "一方で、緊急変更は月平均3件のまま減っておらず、その多くは外部のクラウド事業者の仕様変更への対応であった。事業者の変更予定を早めに入手する取決めを結び、緊急変更を通常変更として計画できるようにすることが今後の課題である。\n";

fn good_essay() -> String {
    [
        A_HEAD,
        A_OVERVIEW,
        A_PROBLEM_HEAD,
        A_PROBLEM,
        I_HEAD,
        I_MEASURE,
        I_AGREE,
        I_INGENUITY_HEAD,
        I_INGENUITY,
        I_AFTER,
        U_HEAD,
        U_EVAL,
        U_NEXT_HEAD,
        U_NEXT,
    ]
    .concat()
}

/// Parts assembled from replacements: (ア body, イ body, ウ body).
fn essay_of(a: &str, i: &str, u: &str) -> String {
    format!("## 設問ア\n\n{a}\n\n## 設問イ\n\n{i}\n\n## 設問ウ\n\n{u}\n")
}

#[test]
fn the_good_essay_is_clean_with_its_question_and_theme() {
    let e = good_essay();
    assert_eq!(all_with(&e, &settings()), NONE);
    let s = Settings {
        theme: Some("change".into()),
        question: Some(Question::parse(QUESTION).unwrap()),
        ..settings()
    };
    assert_eq!(all_with(&e, &s), NONE);
}

#[test]
fn every_library_module_as_an_essay_has_no_essay_findings() {
    let lib = library();
    let mut checked = 0;
    for c in &lib.cases {
        for t in &lib.themes {
            for n in 0.. {
                let Some(e) = library_essay(&c.id, &t.id, n) else {
                    break;
                };
                checked += 1;
                assert_eq!(
                    essay_findings(&e, &with_theme(&t.id)),
                    NONE,
                    "{} × {} (candidate {n}):\n{e}",
                    c.id,
                    t.id
                );
            }
        }
    }
    assert!(checked >= 100, "only {checked} stand-in essays");
}

// ------------------------------------------------------------------ E001 part-missing

#[test]
fn e001_reports_each_missing_part_where_it_should_go() {
    let e = good_essay();
    let cut = e.find("## 設問イ").unwrap()..e.find("## 設問ウ").unwrap();
    let no_i = format!("{}{}", &e[..cut.start], &e[cut.end..]);
    assert_eq!(spans(&no_i, "E001"), ["## 設問ウ"]);
    assert_eq!(messages(&no_i, "E001"), ["設問イがありません"]);
    let no_u = &e[..e.find("## 設問ウ").unwrap()];
    assert_eq!(found(no_u, "E001"), [None]);
    assert_eq!(messages(no_u, "E001"), ["設問ウがありません"]);
    let no_a = &e[e.find("## 設問イ").unwrap()..];
    assert_eq!(spans(no_a, "E001"), ["## 設問イ"]);
    // No part headings at all in a text declared as an essay: one finding about the file.
    let flat = format!("---\nkind: essay\n---\n1. はじめに\n{A_OVERVIEW}2. 施策\n{I_MEASURE}");
    assert_eq!(found(&flat, "E001"), [None]);
    assert_eq!(
        messages(&flat, "E001"),
        ["設問ア・イ・ウの見出しがありません"]
    );
    assert_eq!(found(&good_essay(), "E001"), QUIET);
    // Labels in other forms are parts too.
    let labels = essay_of(A_OVERVIEW, I_MEASURE, U_EVAL)
        .replace("## 設問イ", "設問イ：実施した施策")
        .replace("## 設問ウ", "ウ．評価と今後の課題");
    assert_eq!(found(&labels, "E001"), QUIET);
}

// ------------------------------------------------------------------ E002 part-duplicated

#[test]
fn e002_points_at_the_second_heading() {
    let e = format!("{}\n## 設問イ\n\n{I_AGREE}", good_essay());
    let d: Vec<_> = lint_with(&e, &settings())
        .diagnostics
        .into_iter()
        .filter(|d| d.code == "E002")
        .collect();
    assert_eq!(d.len(), 1);
    let span = d[0].span.clone().unwrap();
    assert_eq!(&e[span.clone()], "## 設問イ");
    assert_eq!(span.start, e.rfind("## 設問イ").unwrap());
    assert_eq!(d[0].message, "設問イの見出しが2回あります");
    // One finding per label, however many copies.
    let e = format!(
        "{}\n## 設問イ\n\n{I_AGREE}\n## 設問イ\n\n{I_AGREE}",
        good_essay()
    );
    assert_eq!(spans(&e, "E002"), ["## 設問イ"]);
    assert_eq!(messages(&e, "E002"), ["設問イの見出しが3回あります"]);
    // A same-label sub-heading right under the part heading is not a second part.
    let sub = good_essay().replace("1.1 ITサービスの概要", "ア．ITサービスの概要");
    assert_eq!(found(&sub, "E002"), QUIET);
    assert_eq!(essay_findings(&sub, &settings()), NONE);
    // 「設問アで述べた…」 as a heading refers back; it does not open a part.
    let back = good_essay().replace(
        "3.1 見直しの実施状況と評価",
        "設問イで述べた見直しの実施状況と評価",
    );
    assert_eq!(essay_findings(&back, &settings()), NONE);
    assert_eq!(found(&good_essay(), "E002"), QUIET);
}

// ------------------------------------------------------------------ E003 part-order

#[test]
fn e003_reports_a_part_out_of_order() {
    let e = format!(
        "## 設問イ\n\n{I_MEASURE}\n## 設問ア\n\n{A_OVERVIEW}{A_PROBLEM}\n## 設問ウ\n\n{U_EVAL}{U_NEXT}"
    );
    assert_eq!(spans(&e, "E003"), ["## 設問ア"]);
    assert_eq!(messages(&e, "E003"), ["設問アが設問イより後にあります"]);
    let e = essay_of(A_OVERVIEW, I_MEASURE, U_EVAL);
    let swapped = e
        .replace("## 設問イ", "## 設問X")
        .replace("## 設問ウ", "## 設問イ")
        .replace("## 設問X", "## 設問ウ");
    assert_eq!(spans(&swapped, "E003"), ["## 設問イ"]);
    assert_eq!(found(&good_essay(), "E003"), QUIET);
}

// ------------------------------------------------------------------ E005 overview-missing

#[test]
fn e005_needs_an_overview_with_figures_in_a() {
    let no_overview = essay_of(
        "私は運用を担当している。変更の承認待ちが平均25日に及ぶことが課題であった。",
        I_MEASURE,
        U_EVAL,
    );
    assert_eq!(spans(&no_overview, "E005"), ["## 設問ア"]);
    assert_eq!(
        messages(&no_overview, "E005"),
        ["設問アにITサービスの概要（誰に何を提供しているか）が書かれていません"]
    );
    let no_figures = essay_of(
        "E社は、地域の診療所に予約受付のSaaSを提供している。利用者は地域の患者である。",
        I_MEASURE,
        U_EVAL,
    );
    assert_eq!(spans(&no_figures, "E005"), ["## 設問ア"]);
    assert_eq!(
        messages(&no_figures, "E005"),
        ["設問アに規模を示す数値（利用者数・顧客数・件数・稼働率など）がありません"]
    );
    assert_eq!(found(&good_essay(), "E005"), QUIET);
    // An empty 設問ア is left to the length rule.
    assert_eq!(found(&essay_of("", I_MEASURE, U_EVAL), "E005"), QUIET);
}

#[test]
fn e005_chapter_numbers_are_not_scale_figures_and_every_written_form_is() {
    // Issue 13: the section numbers 「1.1」「1.2」 made an overview without figures look quantified.
    let chapters = format!(
        "## 設問ア\n\n1.1 ITサービスの概要\n\nF社は、地域の診療所に予約受付のサービスを提供している。利用者は地域の患者である。\n\n1.2 課題\n\n予約の変更が多いことが課題であった。\n\n## 設問イ\n\n{I_MEASURE}## 設問ウ\n\n{U_EVAL}"
    );
    assert_eq!(spans(&chapters, "E005"), ["## 設問ア"]);
    // Figures as candidates write them are scale figures.
    for scale in [
        "約30万件の予約",
        "10万人以上の患者",
        "数百万件の記録",
        "約10ヶ所の拠点",
        "約10カ所の拠点",
        "9時から18時の受付",
    ] {
        let a = format!(
            "F社は、地域の診療所に予約受付のサービスを提供しており、{scale}を扱う。利用者は地域の患者である。"
        );
        assert_eq!(
            found(&essay_of(&a, I_MEASURE, U_EVAL), "E005"),
            QUIET,
            "{scale}"
        );
    }
}

// ------------------------------------------------------------------ E006 evaluation-not-quantitative

#[test]
fn e006_needs_figures_in_the_evaluation() {
    let vague =
        "見直しにより、変更のリードタイムは大きく短縮した。今後の課題は緊急変更の削減である。";
    let e = essay_of(A_OVERVIEW, I_MEASURE, vague);
    assert_eq!(spans(&e, "E006"), ["## 設問ウ"]);
    for ok in [
        "変更のリードタイムは平均25日から平均6日になった。",
        "変更のリードタイムは6日となり、目標を達成した。",
        "地域障害時の廃棄量は、約3,000パックから約120パックに減った。",
    ] {
        let e = essay_of(A_OVERVIEW, I_MEASURE, &format!("{ok}{vague}"));
        assert_eq!(found(&e, "E006"), QUIET, "{ok}");
    }
    // A year alone is not an evaluation.
    let e = essay_of(
        A_OVERVIEW,
        I_MEASURE,
        &format!("見直しは2024年に完了し、効果があった。{vague}"),
    );
    assert_eq!(spans(&e, "E006"), ["## 設問ウ"]);
    assert_eq!(found(&good_essay(), "E006"), QUIET);
    // Rough amounts are not a measured evaluation (「月に数回」「二人で」 with 「長くなった」), and a
    // score on a scale written as bare numbers is.
    let rough = "確認は月に数回あり、二人で行うため作業の時間は長くなった。今後の課題は手順の見直しである。";
    assert_eq!(
        spans(&essay_of(A_OVERVIEW, I_MEASURE, rough), "E006"),
        ["## 設問ウ"]
    );
    let scale = "満足度調査の平均は3.2から4.1に上がった。今後の課題は手順の見直しである。";
    assert_eq!(
        found(&essay_of(A_OVERVIEW, I_MEASURE, scale), "E006"),
        QUIET
    );
}

// ------------------------------------------------------------------ E007 remaining-issues-missing

#[test]
fn e007_needs_remaining_issues() {
    let e = essay_of(A_OVERVIEW, I_MEASURE, U_EVAL);
    assert_eq!(spans(&e, "E007"), ["## 設問ウ"]);
    assert_eq!(
        messages(&e, "E007"),
        ["設問ウに今後の課題（残された課題・残存リスク）がありません"]
    );
    for ok in [
        "緊急変更の削減が今後の課題である。",
        "緊急変更の扱いには改善の余地がある。",
        "残存リスクとして、外部事業者の仕様変更がある。",
        "外部事業者との取決めは引き続き交渉する。",
        "緊急変更の削減にも取り組んでいきたい。",
    ] {
        let e = essay_of(A_OVERVIEW, I_MEASURE, &format!("{U_EVAL}{ok}"));
        assert_eq!(found(&e, "E007"), QUIET, "{ok}");
    }
    assert_eq!(found(&good_essay(), "E007"), QUIET);
}

// ------------------------------------------------------------------ E008 subjective-evaluation

#[test]
fn e008_spans_subjective_words_without_figures_nearby() {
    let u = format!(
        "新しい区分は利用部門から好評であった。開発部からも感謝された。施策は成功した。\n\n{U_EVAL}{U_NEXT}"
    );
    let e = essay_of(A_OVERVIEW, I_MEASURE, &u);
    // Figures in the next paragraph are not 「nearby」.
    assert_eq!(spans(&e, "E008"), ["好評", "感謝され", "成功した"]);
    let e = essay_of(
        A_OVERVIEW,
        I_MEASURE,
        &format!("{U_EVAL}{U_NEXT}\n関係者に満足してもらえた。うまくいったと言える。"),
    );
    assert_eq!(spans(&e, "E008"), ["満足してもら", "うまくいった"]);
    for ok in [
        // A figure in the same or the next sentence is the evidence.
        "満足度調査の平均は3.2から4.1に上がり、利用部門から好評であった。",
        "利用部門から好評であった。満足度調査の平均は3.2から4.1に上がった。",
        // 「〜に成功した」 reports an event.
        "旧版への切り戻しに成功した。",
    ] {
        let e = essay_of(A_OVERVIEW, I_MEASURE, &format!("{ok}\n\n{U_EVAL}{U_NEXT}"));
        assert_eq!(found(&e, "E008"), QUIET, "{ok}");
    }
    // Only 設問ウ is an evaluation.
    let e = essay_of(
        &format!("{A_OVERVIEW}前年の移行は好評であった。"),
        I_MEASURE,
        &format!("{U_EVAL}{U_NEXT}"),
    );
    assert_eq!(found(&e, "E008"), QUIET);
    assert_eq!(found(&good_essay(), "E008"), QUIET);
}

#[test]
fn e008_a_verdict_announced_as_an_evaluation_or_hedged() {
    // 「…と評価している」 with nothing measured in its paragraph, and hedged verdicts.
    let u = format!(
        "これらのことから、対策は有効であったと評価している。\n費用の削減には一定の効果があった。\n\n{U_EVAL}{U_NEXT}"
    );
    let e = essay_of(A_OVERVIEW, I_MEASURE, &u);
    assert_eq!(spans(&e, "E008"), ["有効であったと評価", "一定の効果"]);
    // The same verdict closing a paragraph of measured values is the conclusion of the figures.
    let e = essay_of(
        A_OVERVIEW,
        I_MEASURE,
        &format!(
            "障害は年12件から年3件に減り、対策は有効であったと評価している。\n\n{U_EVAL}{U_NEXT}"
        ),
    );
    assert_eq!(found(&e, "E008"), QUIET);
}

// ------------------------------------------------------------------ E009 thread-broken

const A_QUEUE: &str =
    "全ての変更を月1回の委員会で審議しており、承認待ちの変更の滞留が課題であった。";
const I_DRIFT: &str = "私は、監視の強化が先決と判断し、監視項目を30項目追加した。夜間の一次対応は外部の監視センターに委ねた。";
const U_DRIFT: &str =
    "障害の検知までの時間は平均20分から平均5分に短縮した。夜間の要員の育成が今後の課題である。";

#[test]
fn e009_fires_when_no_problem_term_of_a_reaches_i_or_u() {
    let e = essay_of(&format!("{A_OVERVIEW}{A_QUEUE}"), I_DRIFT, U_DRIFT);
    assert_eq!(spans(&e, "E009"), ["## 設問イ", "## 設問ウ"]);
    assert_eq!(
        messages(&e, "E009"),
        [
            "設問アの問題が設問イで扱われていません（探した語: 変更・委員会・審議・承認待・滞留）",
            "設問アの問題が設問ウで評価されていません（探した語: 変更・委員会・審議・承認待・滞留）"
        ]
    );
    // A two-character word inside a compound counts: 「承認待」 is answered by 「承認」.
    let i = format!("{I_DRIFT}承認の経路も見直した。");
    let e = essay_of(&format!("{A_OVERVIEW}{A_QUEUE}"), &i, U_DRIFT);
    assert_eq!(spans(&e, "E009"), ["## 設問ウ"]);
    // A measure and the word its evaluation uses: 稼働率 ↔ 停止.
    let a = format!("{A_OVERVIEW}月間稼働率が目標を下回る月が続いたことが課題であった。");
    let e = essay_of(
        &a,
        I_DRIFT,
        "計画外の停止は年4回から年1回に減った。要員の育成が今後の課題である。",
    );
    assert_eq!(spans(&e, "E009"), ["## 設問イ"]);
    assert_eq!(found(&good_essay(), "E009"), QUIET);
}

#[test]
fn e009_stays_quiet_without_a_clear_problem_statement() {
    // One term is too little to judge; no 課題/問題 sentence means nothing to follow.
    let e = essay_of(
        &format!("{A_OVERVIEW}滞留が課題であった。"),
        I_DRIFT,
        U_DRIFT,
    );
    assert_eq!(found(&e, "E009"), QUIET);
    let e = essay_of(
        &format!("{A_OVERVIEW}承認待ちの変更が常時20件ほど滞留していた。"),
        I_DRIFT,
        U_DRIFT,
    );
    assert_eq!(found(&e, "E009"), QUIET);
    // Generic words (サービス, 対応, 運用 …) are not problem terms, but any specific one suffices.
    let e = essay_of(
        &format!(
            "{A_OVERVIEW}サービスの運用で対応が遅れる問題と、委員会の審議の滞留が課題であった。"
        ),
        &format!("{I_DRIFT}委員会は週1回に増やした。"),
        &format!("{U_DRIFT}滞留は解消した。"),
    );
    assert_eq!(found(&e, "E009"), QUIET);
}

// ------------------------------------------------------------------ E010 theme-drift

const A_INCIDENT: &str = "障害の復旧に平均90分を要し、初動の遅れが課題であった。";
const I_INCIDENT: &str = "私は、障害の切り分け手順を見直し、一次対応の範囲とエスカレーションの基準を定めると判断した。暫定対応で業務を再開してから原因を調べる手順とし、重大インシデントは運用課長に即時に報告することにした。";
const U_INCIDENT: &str =
    "障害の復旧時間は平均90分から平均40分に短縮した。夜間の初動の遅れが今後の課題である。";

fn incident_essay() -> String {
    essay_of(&format!("{A_OVERVIEW}{A_INCIDENT}"), I_INCIDENT, U_INCIDENT)
}

#[test]
fn e010_names_the_given_theme_and_the_one_the_essay_is_about() {
    let e = incident_essay();
    assert_eq!(found_with(&e, &with_theme("change"), "E010"), [None]);
    assert_eq!(
        messages_with(&e, &with_theme("change"), "E010"),
        [
            "テーマ「変更管理」の語がほとんど無く（1回）、「インシデント管理」（incident）の語が多く出てきます（13回）"
        ]
    );
    assert_eq!(found_with(&e, &with_theme("incident"), "E010"), QUIET);
    assert_eq!(
        found_with(&good_essay(), &with_theme("change"), "E010"),
        QUIET
    );
    // Without a theme there is nothing to drift from.
    assert_eq!(found(&e, "E010"), QUIET);
}

#[test]
fn e010_reads_the_theme_from_front_matter_by_id_or_name() {
    for fm in [
        "theme: change",
        "theme: 変更管理",
        "theme: \"change\"",
        "theme: change   # 変更管理の練習",
    ] {
        let e = format!("---\nkind: essay\n{fm}\n---\n{}", incident_essay());
        assert_eq!(found(&e, "E010"), [Some(fm.to_owned())], "{fm}");
    }
    // The flag wins over the front matter.
    let e = format!("---\ntheme: change\n---\n{}", incident_essay());
    assert_eq!(found_with(&e, &with_theme("incident"), "E010"), QUIET);
    // An unknown theme in the front matter is pointed out with a suggestion.
    let e = format!("---\ntheme: chnage\n---\n{}", incident_essay());
    assert_eq!(found(&e, "E010"), [Some("theme: chnage".to_owned())]);
    assert_eq!(
        messages(&e, "E010"),
        ["未知のテーマ `chnage` です。もしかして `change` ですか？"]
    );
}

#[test]
fn e010_accepts_a_technique_the_library_files_under_the_theme() {
    let e = incident_essay();
    assert_eq!(found_with(&e, &with_theme("problem"), "E010"), [None]);
    // インシデントモデル is filed under incident and problem.
    let i = format!("インシデントモデルと呼ばれる手法を使用し、対応の型を定めた。{I_INCIDENT}");
    let e = essay_of(&format!("{A_OVERVIEW}{A_INCIDENT}"), &i, U_INCIDENT);
    assert_eq!(found_with(&e, &with_theme("problem"), "E010"), QUIET);
}

// ------------------------------------------------------------------ E011 personal-blame

#[test]
fn e011_spans_personal_causes() {
    for (sentence, span) in [
        (
            "障害の原因は、担当者の不注意による設定の誤りであった。",
            "不注意",
        ),
        (
            "設定の誤りは作業者の確認不足が原因で起きた。",
            "作業者の確認不足",
        ),
        (
            "うっかりした入力の誤りに起因する障害が月2件あった。",
            "うっかり",
        ),
        ("この障害は担当者のミスにより発生した。", "担当者のミス"),
        ("障害の原因は、夜間の作業での気の緩みにあった。", "気の緩み"),
        (
            "この障害は担当者の思い込みが原因であった。",
            "担当者の思い込み",
        ),
    ] {
        let e = essay_of(&format!("{A_OVERVIEW}{sentence}"), I_MEASURE, U_EVAL);
        assert_eq!(spans(&e, "E011"), [span], "{sentence}");
    }
    let e = essay_of(
        &format!("{A_OVERVIEW}障害の原因は、担当者の不注意による設定の誤りであった。"),
        I_MEASURE,
        U_EVAL,
    );
    assert_eq!(
        messages(&e, "E011"),
        ["原因を個人（「不注意」）に求めています"]
    );
}

#[test]
fn e011_ignores_events_and_negated_causes() {
    for ok in [
        // An event, not a cause.
        "担当者のミスで設定が消えたことがあった。",
        // Negated: the cause is put on the process.
        "私は、原因は担当者の不注意ではなく、手入力に頼る手順にあると判断した。",
        "障害の原因を担当者の不注意に求めるのではなく、手順の不備が原因と考えた。",
        "誤りを個人の不注意と片付けず、原因は確認手順の欠落にあると結論づけた。",
        // The analysis goes on to the root cause.
        "直接の原因は担当者の思い込みであったが、根本原因は手順書の不備にあった。",
        "障害の原因は担当者の確認漏れであった。その背景には、確認項目が手順書に無いという問題があった。",
    ] {
        let e = essay_of(&format!("{A_OVERVIEW}{ok}"), I_MEASURE, U_EVAL);
        assert_eq!(found(&e, "E011"), QUIET, "{ok}");
    }
    assert_eq!(found(&good_essay(), "E011"), QUIET);
}

// ------------------------------------------------------------------ E012 education-only

#[test]
fn e012_fires_on_education_without_a_mechanism() {
    let i = "私は、再発を防ぐため全作業者に研修を行うと判断した。朝礼でも注意喚起を行った。";
    let e = essay_of(A_OVERVIEW, i, U_EVAL);
    assert_eq!(spans(&e, "E012"), ["研修"]);
    assert_eq!(
        messages(&e, "E012"),
        [
            "設問イの対策が、人の注意に頼るもの（研修・朝礼・注意喚起）だけで、仕組みによる対策がありません"
        ]
    );
    for extra in [
        "本番環境への操作は、チェックリストを全て入力するまで実行できない仕組みにした。",
        "研修の後も、問い合わせ件数を定着の指標として毎月測った。",
        "作業の手順書を改訂し、誤りやすい手順を自動化した。",
    ] {
        let e = essay_of(A_OVERVIEW, &format!("{i}{extra}"), U_EVAL);
        assert_eq!(found(&e, "E012"), QUIET, "{extra}");
    }
    // Education in 設問ウ (a remaining issue) is not a countermeasure of 設問イ.
    let e = essay_of(
        A_OVERVIEW,
        I_MEASURE,
        &format!("{U_EVAL}新任者の教育が今後の課題である。"),
    );
    assert_eq!(found(&e, "E012"), QUIET);
    assert_eq!(found(&good_essay(), "E012"), QUIET);
}

// ------------------------------------------------------------------ E013 question-point-missing and the question

#[test]
fn the_question_yields_points_viewpoints_and_full_width_limits() {
    let q = Question::parse(QUESTION).unwrap();
    type Summary = (char, Vec<String>, Vec<String>, Option<usize>, Option<usize>);
    let summary: Vec<Summary> = q
        .parts
        .iter()
        .map(|p| {
            (
                p.label,
                p.points.clone(),
                p.viewpoints.clone(),
                p.min,
                p.max,
            )
        })
        .collect();
    let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        summary,
        [
            (
                'ア',
                v(&[
                    "ITサービスの概要",
                    "変更管理の見直しが必要となった環境の変化"
                ]),
                v(&[]),
                None,
                Some(800)
            ),
            (
                'イ',
                v(&[
                    "変更管理をどのように見直したか",
                    "見直しに当たって工夫したこと"
                ]),
                v(&["サービスの安定稼働"]),
                Some(800),
                Some(1600)
            ),
            (
                'ウ',
                v(&["見直しの実施状況", "評価", "今後の改善点"]),
                v(&[]),
                Some(600),
                Some(1200)
            ),
        ]
    );
}

#[test]
fn e013_reports_exactly_the_point_the_damaged_essay_leaves_out() {
    let s = with_question(QUESTION);
    assert_eq!(found_with(&good_essay(), &s, "E013"), QUIET);
    // Damage: drop the ingenuity (its sub-heading and sentence) from 設問イ.
    let damaged = replace1(
        &replace1(&good_essay(), I_INGENUITY_HEAD, ""),
        I_INGENUITY,
        "",
    );
    assert_eq!(
        found_with(&damaged, &s, "E013"),
        [Some("## 設問イ".to_owned())]
    );
    assert_eq!(
        messages_with(&damaged, &s, "E013"),
        [
            "設問イで問われている「見直しに当たって工夫したこと」が書かれていません（探した語: 工夫）"
        ]
    );
    // Without the question the same essay has no E013.
    assert_eq!(found(&damaged, "E013"), QUIET);
}

#[test]
fn e013_checks_viewpoints_and_the_part_that_should_answer() {
    let s = with_question(QUESTION);
    let no_view = replace1(
        &good_essay(),
        "サービスの安定稼働を守る",
        "機能追加の速さを保つ",
    );
    assert_eq!(
        found_with(&no_view, &s, "E013"),
        [Some("## 設問イ".to_owned())]
    );
    assert_eq!(
        messages_with(&no_view, &s, "E013"),
        [
            "設問イで求められている「サービスの安定稼働」の観点が書かれていません（探した語: 安定稼働）"
        ]
    );
    // The remaining issues belong to 設問ウ: writing them in 設問ア does not answer.
    let moved = replace1(&replace1(&good_essay(), U_NEXT_HEAD, ""), U_NEXT, "")
        .replace(A_PROBLEM_HEAD, &format!("{A_PROBLEM_HEAD}{U_NEXT}\n"));
    assert_eq!(
        found_with(&moved, &s, "E013"),
        [Some("## 設問ウ".to_owned())]
    );
    assert_eq!(
        messages_with(&moved, &s, "E013"),
        ["設問ウで問われている「今後の改善点」が書かれていません（探した語: 今後・改善点）"]
    );
    // A part the essay lacks is E001's business, not E013's.
    let no_u = &good_essay()[..good_essay().find("## 設問ウ").unwrap()];
    assert_eq!(found_with(no_u, &s, "E013"), QUIET);
}

// ------------------------------------------------------------------ the command line: --question, --theme, front matter

fn itsm() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("itsm").unwrap();
    c.env("NO_COLOR", "1");
    c
}

/// Codes reported for the (single) file in a JSON run.
fn json_codes(out: &[u8]) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(out).expect("json output");
    v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn cli_question_flag_finds_the_missing_point() {
    let dir = tempfile::tempdir().unwrap();
    let q = dir.path().join("question.txt");
    std::fs::write(&q, QUESTION).unwrap();
    let good = dir.path().join("good.md");
    std::fs::write(&good, good_essay()).unwrap();
    let damaged = dir.path().join("damaged.md");
    std::fs::write(
        &damaged,
        replace1(
            &replace1(&good_essay(), I_INGENUITY_HEAD, ""),
            I_INGENUITY,
            "",
        ),
    )
    .unwrap();
    let run = |file: &std::path::Path| {
        let out = itsm()
            .args(["lint", "--format", "json", "--question"])
            .arg(&q)
            .arg(file)
            .output()
            .unwrap();
        assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
        json_codes(&out.stdout)
    };
    assert!(!run(&good).contains(&"E013".to_owned()));
    assert_eq!(run(&damaged).iter().filter(|c| *c == "E013").count(), 1);
    // Human output names the point under the part heading.
    itsm()
        .args(["lint", "--fail-on", "warning", "--question"])
        .arg(&q)
        .arg(&damaged)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "warning[E013]: 設問イで問われている「見直しに当たって工夫したこと」が書かれていません",
        ));
}

#[test]
fn cli_bad_question_or_theme_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let essay = dir.path().join("essay.md");
    std::fs::write(&essay, good_essay()).unwrap();
    itsm()
        .args(["lint", "--question", "no-such-question.txt"])
        .arg(&essay)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "問題文のファイル no-such-question.txt を読めません",
        ));
    let q = dir.path().join("q.txt");
    std::fs::write(&q, "問題文だけで設問がない。\n").unwrap();
    itsm()
        .args(["lint", "--question"])
        .arg(&q)
        .arg(&essay)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("設問が見つかりません"));
    itsm()
        .args(["lint", "--theme", "chnage"])
        .arg(&essay)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("未知のテーマ `chnage`")
                .and(predicate::str::contains("もしかして `change`")),
        );
}

#[test]
fn cli_theme_flag_and_front_matter() {
    let dir = tempfile::tempdir().unwrap();
    let essay = dir.path().join("essay.md");
    std::fs::write(&essay, incident_essay()).unwrap();
    let out = itsm()
        .args(["lint", "--format", "json", "--theme", "change"])
        .arg(&essay)
        .output()
        .unwrap();
    assert!(json_codes(&out.stdout).contains(&"E010".to_owned()));
    let out = itsm()
        .args(["lint", "--format", "json", "--theme", "incident"])
        .arg(&essay)
        .output()
        .unwrap();
    assert!(!json_codes(&out.stdout).contains(&"E010".to_owned()));
    // Front matter: theme and a question path relative to the essay, inside the study repo (the
    // folder of its itsm.yaml; a path from a document never leaves it, see tests/it/hostile.rs).
    std::fs::write(dir.path().join("itsm.yaml"), "").unwrap();
    std::fs::create_dir_all(dir.path().join("essays")).unwrap();
    std::fs::create_dir_all(dir.path().join("questions")).unwrap();
    std::fs::write(dir.path().join("questions/r6-1.txt"), QUESTION).unwrap();
    let damaged = replace1(
        &replace1(&good_essay(), I_INGENUITY_HEAD, ""),
        I_INGENUITY,
        "",
    );
    let fm = dir.path().join("essays/practice.md");
    std::fs::write(
        &fm,
        format!("---\nkind: essay\ntheme: change\ncase: own\nquestion: ../questions/r6-1.txt  # 令和6年 問1（架空）\n---\n{damaged}"),
    )
    .unwrap();
    let out = itsm()
        .args(["lint", "--format", "json"])
        .arg(&fm)
        .output()
        .unwrap();
    let codes = json_codes(&out.stdout);
    assert!(codes.contains(&"E013".to_owned()), "{codes:?}");
    assert!(!codes.contains(&"E010".to_owned()), "{codes:?}");
    // An unreadable front-matter question is an error in that file; linting goes on.
    let broken = dir.path().join("essays/broken.md");
    std::fs::write(
        &broken,
        format!("---\nquestion: missing.txt\n---\n{}", good_essay()),
    )
    .unwrap();
    itsm().args(["lint"]).arg(&broken).assert().code(1).stdout(
        predicate::str::contains("error[IO003]").and(predicate::str::contains("missing.txt")),
    );
}

// ------------------------------------------------------------------ robustness

/// Deterministic pseudo-random texts built from essay fragments: no rule and no question parse panics.
#[test]
fn essay_rules_and_question_parsing_never_panic() {
    const PIECES: &[&str] = &[
        "## 設問ア\n",
        "## 設問イ\n",
        "## 設問ウ\n",
        "設問ア　",
        "ア．",
        "---\n",
        "theme: change\n",
        "question: q.txt\n",
        "。",
        "、",
        "，",
        "\n",
        "\n\n",
        "原因は",
        "不注意",
        "ではなく",
        "課題",
        "問題",
        "から",
        "に短縮した",
        "60分",
        "１，６００字以内",
        "800字以上",
        "について",
        "の観点から",
        "と，",
        "及び",
        "\"",
        "「",
        "」",
        "好評",
        "成功した",
        "研修",
        "今後の課題",
        "E社",
        "利用者",
        "約1万名",
        "ー",
        "ｱ",
        "\u{feff}",
        "\r\n",
        "#",
        "1.1 概要\n",
        "㈱",
        "𠮷",
        "\u{200b}",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let question = Question::parse(QUESTION).unwrap();
    for _ in 0..400 {
        let len = (next() % 60) as usize;
        let text: String = (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        let s = Settings {
            theme: Some("change".into()),
            question: Some(question.clone()),
            ..settings()
        };
        let r = lint_with(&text, &s);
        for d in &r.diagnostics {
            if let Some(sp) = &d.span {
                assert!(
                    text.get(sp.clone()).is_some(),
                    "bad span {sp:?} in {text:?}"
                );
            }
        }
        let _ = Question::parse(&text);
    }
}

#[test]
fn cli_limits_written_in_the_question_replace_the_exam_limits() {
    let dir = tempfile::tempdir().unwrap();
    let essay = dir.path().join("e.md");
    std::fs::write(&essay, good_essay()).unwrap();
    let lint = |question: &str| {
        let q = dir.path().join("q.txt");
        std::fs::write(&q, question).unwrap();
        let out = itsm()
            .arg("lint")
            .arg(&essay)
            .arg("--question")
            .arg(&q)
            .args(["--format", "json"])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == "E004")
            .map(|d| d["message"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    // The essay's 設問イ and ウ are short practice answers: the exam limits flag them.
    let exam = lint(QUESTION);
    assert!(exam.iter().all(|m| !m.starts_with("設問ア")), "{exam:?}");
    // A question that allows only 200 characters for 設問ア flags 設問ア, with that limit.
    let strict = QUESTION.replace("８００字以内で述べよ", "２００字以内で述べよ");
    let msgs = lint(&strict);
    assert!(
        msgs.iter()
            .any(|m| m.starts_with("設問ア") && m.contains("200字以内")),
        "{msgs:?}"
    );
}
