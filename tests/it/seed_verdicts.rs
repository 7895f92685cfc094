//! Verdicts on the user's own module paragraphs (seed 000, lines 1496-1974).
//!
//! QUALITY.md §1: the linter's verdicts on the seed's real paragraphs must be ones we would defend in
//! front of the user who wrote them. Each section under a `#` heading in lines 1496-1974 is cut out up
//! to the next heading (trailing blank lines and `---` rules dropped) and linted as a module.
//!
//! Only verdicts that the current linter gives AND that a reviewer judged correct are asserted here.
//! Known-wrong verdicts (kept out of the assertions on purpose; fix them, then tighten these tests):
//!
//! 1. (Fixed while this file was written: S001 no longer fires on a line starting with Markdown bold
//!    「**エラーバジェット**と呼ばれる…」; M13 is now asserted clean below.)
//! 2. F001/F003 (error) + F002 on the 【適用事例：…】 tag line (M25-M28, M30): the tag line is taken as
//!    the first sentence; the real first sentence (next line) has と呼ばれる and 手法を使用し.
//!    seed-rules.md (preamble) says tag lines, `**`, `$…$` and `> ` are stripped before judging.
//!    Fix: rules/util.rs `markers` (or lint/document.rs) — skip a leading tag-only line.
//! 3. F010 misses M30 (IDaaS): the count includes the tag line and `**` (439); stripped, it is 393 < 400.
//!    Fix: lint/document.rs `prose_chars` — exclude tag lines and Markdown markup from the count.
//! 4. F007 (error) when 「工夫した点は/として」 is not within the first 12 *bytes* of the sentence
//!    (rules/util.rs `markers`: `find(opener).filter(|i| *i <= 12)` is a byte offset = 4 kana).
//!    M09 「効果を最大化するために工夫した点として」 and any 「この制度で工夫した点は、」 get a false F007.
//! 5. S002 on explained abbreviations, contrary to seed-rules C4 form (iv) 「ABBR（…）と呼ばれる、説明」:
//!    KEDB and 「DataBase」 (M14), AIOps (M27), IDaaS (M30), FinOps (M22), CSIRT (M18);
//!    「OpenID」 and OIDC in 「OpenID Connect (OIDC)」 (M30, space before the paren); FAX (case B).
//! 6. C001 on notes that do state the writer's decision: M05 「私は…初動対応の方針を設定した」,
//!    M04 「そこで私は、…準備しておくこととした」. Fix: rules/manager_view.rs — add 設定し/策定し/こととし/ことにし.
//! 7. S002 duplicates S003 on product names (「G1GC」 M24, 「AWS」, 「LINE」「WORKS」): report the name once, as S003.
//!    S002 on 「DNS」 (M21ウ 「特定サービス（DNSや認証基盤など）」): DNS belongs in glossary `common`.
//! 8. Misses: M02 「公式HPによれば」 (real-source trace, seed-rules GEN-1/REALCASE) is reported only as an
//!    unexplained abbreviation 「HP」; M24 「Java VM」 (in the seed's C3 denylist) is not S003; no NORESULT
//!    (MI3) rule for target-only results (M08, M13, M14, M16, M18, M29).

use itsm::diagnostic::{FileReport, Severity};
use itsm::library::Library;
use itsm::lint::{self, Kind, Settings, Vocabulary};
use std::collections::BTreeSet;

const FIRST_LINE: usize = 1496;
const LAST_LINE: usize = 1974;

struct Section {
    line: usize,
    heading: String,
    body: String,
}

struct Seed {
    sections: Vec<Section>,
    vocab: Vocabulary,
}

fn load() -> Seed {
    let text = crate::seed_notes();
    let lib = Library::embedded().expect("embedded library loads");
    Seed {
        sections: sections(&text),
        vocab: Vocabulary::from_library(&lib),
    }
}

/// The text under each heading in lines 1496-1974, up to the next heading.
fn sections(text: &str) -> Vec<Section> {
    let lines: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    let mut raw: Vec<(usize, String, Vec<&str>)> = Vec::new();
    for n in FIRST_LINE..=LAST_LINE.min(lines.len()) {
        let l = lines[n - 1];
        if l.starts_with('#') {
            raw.push((n, l.trim_start_matches('#').trim().to_owned(), Vec::new()));
        } else if let Some(cur) = raw.last_mut() {
            cur.2.push(l);
        }
    }
    let is_rule = |l: &str| {
        let t = l.trim();
        t.len() >= 3 && t.chars().all(|c| c == '-')
    };
    raw.into_iter()
        .filter_map(|(line, heading, mut body)| {
            while body
                .last()
                .is_some_and(|l| l.trim().is_empty() || is_rule(l))
            {
                body.pop();
            }
            let start = body.iter().position(|l| !l.trim().is_empty())?;
            Some(Section {
                line,
                heading,
                body: body[start..].join("\n") + "\n",
            })
        })
        .collect()
}

impl Seed {
    /// The `nth` (0-based) section whose heading is exactly `heading`.
    fn section(&self, heading: &str, nth: usize) -> &Section {
        self.sections
            .iter()
            .filter(|s| s.heading == heading)
            .nth(nth)
            .unwrap_or_else(|| {
                let all: Vec<String> = self
                    .sections
                    .iter()
                    .map(|s| format!("L{} {}", s.line, s.heading))
                    .collect();
                panic!("no section #{nth} headed {heading:?}; sections: {all:#?}")
            })
    }

    fn lint(&self, heading: &str, nth: usize) -> (String, FileReport) {
        let s = self.section(heading, nth);
        let settings = Settings {
            kind: Some(Kind::Module),
            ..Default::default()
        };
        let path = format!("seed:L{}", s.line);
        (
            s.body.clone(),
            lint::lint_text(&path, &s.body, &self.vocab, &settings),
        )
    }
}

fn error_codes(r: &FileReport) -> BTreeSet<&'static str> {
    r.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.code)
        .collect()
}

fn codes(r: &FileReport) -> BTreeSet<&'static str> {
    r.diagnostics.iter().map(|d| d.code).collect()
}

/// Texts under the spans of every finding with `code`.
fn spans<'a>(text: &'a str, r: &FileReport, code: &str) -> Vec<&'a str> {
    r.diagnostics
        .iter()
        .filter(|d| d.code == code)
        .filter_map(|d| d.span.clone().map(|s| &text[s]))
        .collect()
}

fn dump(r: &FileReport) -> String {
    r.diagnostics
        .iter()
        .map(|d| format!("{} {} {}", d.severity.as_str(), d.code, d.message))
        .collect::<Vec<_>>()
        .join("\n")
}

fn set(v: &[&'static str]) -> BTreeSet<&'static str> {
    v.iter().copied().collect()
}

const M01: &str = "標準変更の適用と権限委譲による変更リードタイムの短縮";
const M02_M19: &str = "リリース承認プロセスの非効率化によるリリースサイクル停滞への対応";
const M03: &str = "磁気テープ装置の故障・CMDB";
const M04: &str = "障害対応";
const M05: &str = "障害重要度";
const M06: &str = "インシデントモデル作成";
const M07: &str = "障害切り分けプロセス";
const M08: &str = "改善（FAQ）";
const M10: &str = "アラート発報条件のしきい値見直し";
const M11: &str = "サービスデスク";
const M12: &str = "マルチベンダー間の責任分界点における連携不全の解消（フォーラムの開催）";
const M13: &str = "エラーバジェット";
const M14: &str = "再発防止の記録と見直し（問題管理・KEDBという考え方を明示）";
const M15: &str = "オンコールローテーション制度によるインシデント対応の負荷分散";
const M16: &str = "インシデント対応訓練による初動体制の確立";
const M17: &str = "3-2-1-1-0ルールによるランサムウェア耐性バックアップ";
const M18: &str = "CSIRT即応体制と身代金不払い方針による初動対応の確立";
const M20: &str =
    "モジュール名：クラウド固有の可用性阻害要因への対策（Composite AvailabilityとMicro-stalls）";
const M21_I: &str = "設問イ用";
const M21_U: &str = "設問ウ用";
const M22: &str = "FinOpsに基づくユニットエコノミクス管理とコストオーナーシップの確立";
const M23: &str = "User Happiness (顧客満足) に基づくSLO/SLA階層設計";
const M24: &str = "パーセンタイル（P95）管理によるテールレイテンシ改善";
const M25: &str = "ソフトウェアサプライチェーン管理（SBOM導入）を用いた脆弱性影響範囲の即時特定";
const M26: &str = "バリューストリームマッピング（VSM）によるリードタイム短縮とムダの排除";
const M27: &str = "AIOpsによる動的しきい値監視と障害予兆検知";
const M28: &str = "生成AI（RAG）を活用したナレッジマネジメントによる問い合わせ対応の効率化";
const M29: &str = "投資対効果（ROI）に基づく可用性レベルの適正化と段階的運用設計";
const M31: &str = "パスキー（FIDO認証）によるフィッシング耐性強化とパスワードレス化";

#[test]
fn extraction_finds_the_module_sections() {
    let seed = load();
    // 31 modules (M21 is split into 設問イ用/ウ用) plus the 事例D sections in the same range.
    assert!(
        seed.sections.len() >= 32,
        "only {} sections",
        seed.sections.len()
    );
    assert_eq!(seed.section(M01, 0).line, 1500);
    assert_eq!(seed.section(M02_M19, 0).line, 1504);
    assert_eq!(seed.section(M02_M19, 1).line, 1626);
    assert_eq!(seed.section(M31, 0).line, 1969);
}

/// Paragraphs that follow the fixed format (deviations only in F002/F006-level wording) have no errors.
#[test]
fn format_following_modules_have_no_errors() {
    let seed = load();
    for h in [M01, M13, M15, M16, M17, M18, M22, M23] {
        let (_, r) = seed.lint(h, 0);
        assert!(error_codes(&r).is_empty(), "{h}:\n{}", dump(&r));
    }
    // オンコール (M15) and 訓練 (M16) match the template exactly: no format finding of any severity.
    for h in [M15, M16] {
        let (_, r) = seed.lint(h, 0);
        let f: Vec<_> = codes(&r)
            .into_iter()
            .filter(|c| c.starts_with('F'))
            .collect();
        assert!(f.is_empty(), "{h}: {f:?}\n{}", dump(&r));
    }
}

/// The 磁気テープ/CMDB note is an incident memo, not a module: every format element is missing and it is short.
#[test]
fn cmdb_note_is_not_a_module() {
    let seed = load();
    let (_, r) = seed.lint(M03, 0);
    assert_eq!(
        error_codes(&r),
        set(&["F001", "F003", "F004", "F007", "F008", "F010"]),
        "{}",
        dump(&r)
    );
}

/// Each S001 finding as (its first mark, the number of lines it spans).
fn lists<'a>(text: &'a str, r: &FileReport) -> Vec<(&'a str, usize)> {
    spans(text, r, "S001")
        .into_iter()
        .map(|s| {
            let mark = s.split(char::is_whitespace).next().unwrap_or("");
            (mark, s.lines().count())
        })
        .collect()
}

/// Bullet-style notes: each list is one S001 error, and the format elements are missing.
#[test]
fn bullet_notes_get_s001_and_format_errors() {
    let seed = load();

    // M04 障害対応: three 「- 」 lines, one list.
    let (t, r) = seed.lint(M04, 0);
    assert_eq!(lists(&t, &r), vec![("-", 3)], "{}", dump(&r));
    assert_eq!(
        error_codes(&r),
        set(&["S001", "F001", "F003", "F004", "F007", "F008", "F010"]),
        "{}",
        dump(&r)
    );

    // M11 サービスデスク: two items and an indented sub-item, one list.
    let (t, r) = seed.lint(M11, 0);
    assert_eq!(lists(&t, &r), vec![("-", 3)], "{}", dump(&r));
    assert_eq!(
        error_codes(&r),
        set(&["S001", "F001", "F003", "F004", "F007", "F008", "F010"]),
        "{}",
        dump(&r)
    );

    // M14 KEDB: a 1./2./3. list after a concept introduction (「…と呼ばれる活動がある」, no 手法を使用し).
    let (t, r) = seed.lint(M14, 0);
    let found = lists(&t, &r);
    assert_eq!(found.len(), 1, "{}", dump(&r));
    assert!(found[0].0.starts_with("1.") && found[0].1 == 3, "{found:?}");
    assert_eq!(
        error_codes(&r),
        set(&["S001", "F003", "F004", "F007", "F008"]),
        "{}",
        dump(&r)
    );

    // M12 フォーラム: the format itself is followed; only the 「*   **トリガー**…」 list is an error.
    let (t, r) = seed.lint(M12, 0);
    assert_eq!(lists(&t, &r), vec![("*", 3)], "{}", dump(&r));
    assert_eq!(error_codes(&r), set(&["S001"]), "{}", dump(&r));
    assert!(
        codes(&r).contains("S009"),
        "the **bold** is reported as leftover markup"
    );
    assert_eq!(
        spans(&t, &r, "S010"),
        vec!["約定"],
        "seed L442: 約定 needs a gloss"
    );
}

/// Short notes written as prose memos lack the technique sentence.
#[test]
fn memo_notes_lack_technique_sentence() {
    let seed = load();
    for h in [M05, M06, M07, M08, M10] {
        let (_, r) = seed.lint(h, 0);
        let e = error_codes(&r);
        assert!(
            e.contains("F001") && e.contains("F003"),
            "{h}:\n{}",
            dump(&r)
        );
    }
    let (_, r) = seed.lint(M05, 0);
    assert_eq!(
        error_codes(&r),
        set(&["F001", "F003", "F004", "F007", "F010"]),
        "{}",
        dump(&r)
    );
    let (_, r) = seed.lint(M08, 0);
    assert!(error_codes(&r).contains("F010"), "368字 < 400");
}

/// M02 (公式HP) is an essay-style account, not the module format; it has 工夫した点は and 具体的には once.
/// Not asserted (wrong/missing): 「公式HPによれば」 should be flagged as a real-source trace (GEN-1);
/// today only S002 「HP」 fires, with a misleading message.
#[test]
fn m02_misses_name_method_and_reason() {
    let seed = load();
    let (_, r) = seed.lint(M02_M19, 0);
    assert_eq!(
        error_codes(&r),
        set(&["F001", "F003", "F004"]),
        "{}",
        dump(&r)
    );
    let c = codes(&r);
    assert!(!c.contains("F007") && !c.contains("F008"), "{}", dump(&r));
}

#[test]
fn single_defect_modules() {
    let seed = load();
    // M19 リリース承認ワークフロー統合: 330字.
    let (_, r) = seed.lint(M02_M19, 1);
    assert_eq!(error_codes(&r), set(&["F010"]), "{}", dump(&r));
    // M20 複合可用性: no 具体的には. Its figures are right (99.9%^10 ≈ 99.0% ≈ 87h; 99.9% ≈ 8.7h): no N001.
    let (_, r) = seed.lint(M20, 0);
    assert_eq!(error_codes(&r), set(&["F008"]), "{}", dump(&r));
    assert!(!codes(&r).contains("N001"), "{}", dump(&r));
    // M29 ROI: no 工夫した点, no 具体的には; 99.99% ≈ 52分 is right.
    let (_, r) = seed.lint(M29, 0);
    assert_eq!(error_codes(&r), set(&["F007", "F008"]), "{}", dump(&r));
    assert!(!codes(&r).contains("N001"), "{}", dump(&r));
    // M13 エラーバジェット follows the format (its `**` and `$…$` are S009 warnings only).
    let (_, r) = seed.lint(M13, 0);
    let f: Vec<_> = error_codes(&r)
        .into_iter()
        .filter(|c| c.starts_with('F'))
        .collect();
    assert!(f.is_empty(), "{f:?}\n{}", dump(&r));
}

/// Real product names from the seed's C3 denylist are errors.
#[test]
fn real_product_names_are_errors() {
    let seed = load();
    let (t, r) = seed.lint(M24, 0);
    assert_eq!(
        spans(&t, &r, "S003"),
        vec!["Java VM", "G1GC"],
        "{}",
        dump(&r)
    );
    assert_eq!(error_codes(&r), set(&["S003"]), "{}", dump(&r));
    let (t, r) = seed.lint(M21_I, 0);
    assert_eq!(spans(&t, &r, "S003"), vec!["AWS"], "{}", dump(&r));
    let (t, r) = seed.lint(M28, 0);
    assert_eq!(spans(&t, &r, "S003"), vec!["Slack"], "{}", dump(&r));
    let (t, r) = seed.lint(M31, 0);
    assert_eq!(
        spans(&t, &r, "S003"),
        vec!["Touch ID", "Face ID"],
        "{}",
        dump(&r)
    );
    assert!(error_codes(&r).contains("F007"), "M31 has no 工夫した点");
}

/// Documented traps (seed-rules C4(b), CS-1): explained-after-first-use is reported; パイロット is not ロット.
#[test]
fn abbreviation_and_jargon_traps() {
    let seed = load();
    let (t, r) = seed.lint(M23, 0);
    assert_eq!(
        spans(&t, &r, "S002"),
        vec!["SLO"],
        "「SLO/SLA階層設計」 comes before 「社内目標（SLO）」"
    );
    let (_, r) = seed.lint(M21_U, 0);
    assert!(
        !codes(&r).contains("S010"),
        "パイロットライト is not jargon ロット:\n{}",
        dump(&r)
    );
}

/// The FX modules with a tag line still have their reason, ingenuity and example found, and are long enough.
#[test]
fn fx_modules_keep_reason_ingenuity_example() {
    let seed = load();
    for h in [M25, M26, M27, M28] {
        let (_, r) = seed.lint(h, 0);
        let e = error_codes(&r);
        for c in ["F004", "F007", "F008", "F009", "F010"] {
            assert!(!e.contains(c), "{h}: {c}\n{}", dump(&r));
        }
    }
}
