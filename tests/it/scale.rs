//! Size: no rule, and no output format, may be quadratic in the length of a line, a sentence
//! or a paragraph (QUALITY.md §3, §4: a 1 MB single line and a 10 MB essay lint in linear time).
//!
//! The inputs are dense with findings of every kind, because per-finding work on a long line
//! is where quadratic behaviour hides (a column counted from the line start for each finding,
//! a snippet renderer handed the whole line, a backwards scan to the line start per match).
//! Each test lints 1/8 of the input and the whole input and requires the time ratio to stay
//! far below the 64 that quadratic work would give; it also checks the exact finding counts,
//! so the work really was done. The 10 MB essay is `#[ignore]` (run it with
//! `cargo test --release --test it scale -- --ignored`); the fast tests stay within a few seconds
//! in a debug build.

use itsm::diagnostic::{FileReport, Severity};
use itsm::library::Library;
use itsm::lint::{self, Kind, Settings, Vocabulary};
use itsm::report;
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

fn vocab() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| Vocabulary::from_library(&Library::embedded().expect("library loads")))
}

fn settings(kind: Kind) -> Settings {
    Settings {
        kind: Some(kind),
        ..Default::default()
    }
}

/// Lint and turn every finding into line and column (the GitHub format is the cheapest
/// emitter that computes positions for every finding).
fn lint_with_positions(text: &str, kind: Kind) -> FileReport {
    let report = lint::lint_text("big.md", text, vocab(), &settings(kind));
    let out = report::github(std::slice::from_ref(&report));
    assert_eq!(out.lines().count(), report.diagnostics.len());
    report
}

/// Lint and render in every format, as `itsm lint` would.
fn lint_and_render_all(text: &str, kind: Kind) -> FileReport {
    let report = lint::lint_text("big.md", text, vocab(), &settings(kind));
    let reports = std::slice::from_ref(&report);
    let rendered = [
        report::human(reports, false),
        report::json(reports),
        report::sarif(reports),
        report::github(reports),
    ];
    assert!(rendered[0].ends_with(&format!(
        "1ファイル: エラー {}件、警告 {}件、情報 {}件\n",
        count_sev(&report, Severity::Error),
        count_sev(&report, Severity::Warning),
        count_sev(&report, Severity::Info)
    )));
    report
}

fn count_sev(r: &FileReport, s: Severity) -> usize {
    r.diagnostics.iter().filter(|d| d.severity == s).count()
}

/// Timed sections run one at a time, so that the tests of this file do not slow each other
/// down on a 2-core machine and distort the ratios.
fn serial() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

fn fastest(runs: usize, f: impl Fn() -> FileReport) -> (Duration, FileReport) {
    let mut best = None;
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let r = f();
        let e = t.elapsed();
        best = Some(best.map_or(e, |b: Duration| b.min(e)));
        last = Some(r);
    }
    (best.expect("runs > 0"), last.expect("runs > 0"))
}

fn count(r: &FileReport, code: &str) -> usize {
    r.diagnostics.iter().filter(|d| d.code == code).count()
}

/// Repeat `unit` to about `bytes` bytes; returns the text and the number of units.
fn repeat_to(unit: &str, bytes: usize) -> (String, usize) {
    let n = bytes / unit.len();
    (unit.repeat(n), n)
}

/// One unit of a findings-dense line. The unclosed 「（」 keeps the whole line one sentence,
/// so sentence-level rules see a single 1 MB sentence.
const UNBALANCED: &str = "障害対応(1)の手順①を**MTTR**で測る。SLA（ABC約定のスプレッドです。";

/// One unit with balanced brackets: many sentences on one line, each with several findings.
const BALANCED: &str = "Slackで通知したと思われる。適切に対応しました。稼働率99.9%の年間停止時間は80時間である。\
    平均60分から90分に短縮した。全100件のうち30件（20%）が該当した。具体的には【メモ】$x$を見た。";

/// Time ratio between the full input and 1/8 of it; quadratic work would give about 64.
const MAX_RATIO: f64 = 24.0;

fn assert_linear(name: &str, small: Duration, big: Duration) {
    let ratio = big.as_secs_f64() / small.as_secs_f64().max(1e-6);
    eprintln!("{name}: 1/8 input {small:?}, full input {big:?}, ratio {ratio:.1}");
    assert!(
        ratio < MAX_RATIO,
        "{name}: 8x the input took {ratio:.1}x the time ({small:?} → {big:?}); something is quadratic"
    );
}

#[test]
fn one_megabyte_single_line_with_one_sentence_is_linear() {
    let _serial = serial();
    let (small_text, small_n) = repeat_to(UNBALANCED, 1 << 17);
    let (big_text, big_n) = repeat_to(UNBALANCED, 1 << 20);
    assert!(!big_text.contains('\n') && big_text.len() > 1_000_000 - UNBALANCED.len());
    let (small, r_small) = fastest(2, || lint_with_positions(&small_text, Kind::Module));
    let (big, r_big) = fastest(1, || lint_with_positions(&big_text, Kind::Module));
    // Every 「(1)」 starts an enumeration again and is reported (「手順①」 refers to one step);
    // line-level leftovers (「**」) once per line.
    for (r, n) in [(&r_small, small_n), (&r_big, big_n)] {
        assert_eq!(count(r, "S001"), n);
        assert_eq!(count(r, "S009"), 1);
        assert_eq!(count(r, "S005"), 1, "one sentence");
        assert_eq!(
            count(r, "S002"),
            1,
            "MTTR once (SLA is common, ABC is inside its brackets)"
        );
    }
    assert_linear("1 MB single line, one sentence", small, big);
}

#[test]
fn one_megabyte_single_line_with_many_sentences_is_linear() {
    let _serial = serial();
    let (small_text, small_n) = repeat_to(BALANCED, 1 << 17);
    let (big_text, big_n) = repeat_to(BALANCED, 1 << 20);
    let (small, r_small) = fastest(2, || lint_with_positions(&small_text, Kind::Essay));
    let (big, r_big) = fastest(1, || lint_with_positions(&big_text, Kind::Essay));
    for (r, n) in [(&r_small, small_n), (&r_big, big_n)] {
        assert_eq!(count(r, "S003"), n, "Slack every time");
        assert_eq!(count(r, "S004"), n, "しました every time");
        assert_eq!(count(r, "N001"), n, "99.9% is 8.76 hours a year, not 80");
        assert_eq!(count(r, "N003"), n, "60 → 90 minutes is not 短縮");
        assert_eq!(count(r, "N002"), n, "30 of 100 is 30%, not 20%");
        assert_eq!(count(r, "S011"), 0);
        assert_eq!(count(r, "S009"), 2 * n, "【メモ】 and $x$ every time");
    }
    assert_linear("1 MB single line, many sentences", small, big);
}

/// An essay built from the library's drafts: parts, headings and many paragraphs.
fn essay_of(bytes: usize) -> String {
    let lib = Library::embedded().expect("library loads");
    let mut paragraphs = Vec::new();
    for c in &lib.cases {
        for t in &lib.themes {
            if let Ok(d) = itsm::draft::draft(&lib, c, &t.id, None, 1) {
                paragraphs.push(d.text.trim().to_owned());
            }
        }
    }
    let mut out = String::new();
    let mut i = 0;
    while out.len() < bytes {
        let part = ["ア", "イ", "ウ"][(i / 20) % 3];
        if i % 20 == 0 {
            out.push_str(&format!("## 設問{part}\n\n"));
        }
        if i % 5 == 0 {
            out.push_str(&format!("### {}.{} 施策\n\n", i / 20 + 1, i % 20 / 5 + 1));
        }
        out.push_str(&paragraphs[i % paragraphs.len()]);
        out.push_str("\n\n");
        i += 1;
    }
    out
}

#[test]
fn one_megabyte_essay_is_linear() {
    let _serial = serial();
    let big_text = essay_of(1 << 20);
    let small_text = {
        let mut end = big_text.len() / 8;
        while !big_text.is_char_boundary(end) {
            end -= 1;
        }
        big_text[..end].to_owned()
    };
    let (small, _) = fastest(2, || lint_with_positions(&small_text, Kind::Essay));
    let (big, r) = fastest(1, || lint_with_positions(&big_text, Kind::Essay));
    // Drafts are clean: a long essay of them has no errors either, apart from the structure
    // this generator gives it on purpose (設問 headings repeated every 20 paragraphs: E002,
    // E003; parts far over their length: E004).
    let errors: Vec<&str> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == itsm::diagnostic::Severity::Error)
        .map(|d| d.code)
        .filter(|c| !matches!(*c, "E002" | "E003" | "E004"))
        .collect();
    assert_eq!(errors, Vec::<&str>::new());
    assert_linear("1 MB essay", small, big);
}

#[test]
#[ignore = "10 MB input: run with `cargo test --release --test it scale -- --ignored`"]
fn ten_megabyte_essay_and_line_are_linear() {
    let _serial = serial();
    let big_text = essay_of(10 << 20);
    let small_text = essay_of(10 << 17);
    let (small, _) = fastest(2, || lint_and_render_all(&small_text, Kind::Essay));
    let (big, _) = fastest(1, || lint_and_render_all(&big_text, Kind::Essay));
    assert_linear("10 MB essay", small, big);
    let (small_line, _) = repeat_to(BALANCED, 10 << 17);
    let (big_line, n) = repeat_to(BALANCED, 10 << 20);
    let (small, _) = fastest(2, || lint_and_render_all(&small_line, Kind::Essay));
    let (big, r) = fastest(1, || lint_and_render_all(&big_line, Kind::Essay));
    assert_eq!(count(&r, "S003"), n);
    assert_linear("10 MB single line", small, big);
}

#[test]
fn human_output_of_a_long_line_is_linear_and_points_at_the_right_column() {
    let _serial = serial();
    // The human renderer gets a window of a long line per finding, not the whole line.
    let unit = format!("{UNBALANCED}{BALANCED}");
    let (small_text, _) = repeat_to(&unit, 1 << 14);
    let (big_text, _) = repeat_to(&unit, 1 << 17);
    let small_r = lint::lint_text("big.md", &small_text, vocab(), &settings(Kind::Essay));
    let big_r = lint::lint_text("big.md", &big_text, vocab(), &settings(Kind::Essay));
    let time = |r: &FileReport| {
        let t = Instant::now();
        let out = report::human(std::slice::from_ref(r), false);
        (t.elapsed(), out)
    };
    let small = time(&small_r).0.min(time(&small_r).0);
    let (big, out) = time(&big_r);
    assert_linear("human output of a long line", small, big);
    // Every header carries the true column, also deep into the line, and no rendered source
    // line is longer than a screen-sized window.
    let idx = itsm::text::lines::LineIndex::new(&big_text);
    let headers: Vec<&str> = out.lines().filter(|l| l.starts_with(" --> ")).collect();
    let expected: Vec<String> = big_r
        .diagnostics
        .iter()
        .filter_map(|d| d.span.as_ref())
        .map(|s| {
            let (l, c) = idx.position(s.start);
            format!(" --> big.md:{l}:{c}")
        })
        .collect();
    assert_eq!(headers.len(), expected.len());
    assert_eq!(headers, expected);
    let widest = out.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest < 400, "a rendered line has {widest} characters");
}

/// Counting every part of an essay with thousands of 設問 headings is linear (each part's lines
/// are found by binary search, not by scanning the whole document per part).
#[test]
fn counting_many_parts_is_linear() {
    let _serial = serial();
    let unit =
        "## 設問ア\n\n障害の件数は月3件である。\n\n## 設問イ\n\n私は、手順の見直しを判断した。\n\n";
    let time = |bytes: usize| {
        let (text, _) = repeat_to(unit, bytes);
        let doc = itsm::lint::Document::parse(&text, Some(Kind::Essay));
        let mut best = Duration::MAX;
        let mut parts = 0;
        for _ in 0..2 {
            let t = Instant::now();
            parts = itsm::exam::count_parts(&doc).len();
            best = best.min(t.elapsed());
        }
        (best, parts)
    };
    let (small, n_small) = time(1 << 17);
    let (big, n_big) = time(1 << 20);
    assert!(
        n_big >= 8 * n_small - 2 && n_big > 10_000,
        "{n_small} / {n_big} parts"
    );
    assert_linear("count_parts, 1 MB of parts", small, big);
}
