//! The precision corpus (`tests/fixtures/precision/`, issue 13): ordinary, acceptable writing in
//! the style of real candidates (`ok/`) and one-edit faulty counterparts (`faulty/`), with every
//! expectation in `expect.yaml` (its header describes the format).
//!
//! - An ok file gets no error-level finding and no finding that is not listed in its `allowed`
//!   (same code, same span, same line).
//! - A faulty file gets each of its `expect` findings exactly once, and nothing else that is not
//!   `allowed`.
//! - Every `allowed` entry is still reported (an allowance nothing uses is out of date).
//!
//! A false positive and a missed defect fail the test alike; the failure lists every file that
//! is off, with the findings that were not expected and the expectations that were not met.

use itsm::diagnostic::{FileReport, Severity};
use itsm::library::Library;
use itsm::lint::{self, Kind, Settings, Vocabulary};
use itsm::text::lines::LineIndex;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/precision");

#[derive(Debug, Deserialize)]
struct Expectations {
    version: u32,
    fragment_ignore: Vec<String>,
    files: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
struct Entry {
    file: String,
    kind: String,
    #[serde(default)]
    allowed: Vec<Finding>,
    #[serde(default)]
    expect: Vec<Finding>,
}

#[derive(Debug, Deserialize, Clone)]
struct Finding {
    code: String,
    quote: Option<String>,
    #[serde(rename = "match")]
    how: Match,
    line: Option<usize>,
    /// The defence of an allowed finding: required, so that nothing is allowed without one.
    #[serde(default)]
    why: Option<String>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Match {
    Exact,
    Prefix,
    Contains,
    None,
}

/// One finding as the linter gave it.
#[derive(Debug)]
struct Found {
    code: String,
    severity: Severity,
    span: Option<String>,
    line: Option<usize>,
    message: String,
}

impl std::fmt::Display for Found {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.span, self.line) {
            (Some(s), Some(l)) => {
                let short: String = s.chars().take(30).collect();
                write!(
                    f,
                    "{} {} l.{l} 「{short}」 {}",
                    self.code,
                    self.severity.as_str(),
                    self.message
                )
            }
            _ => write!(
                f,
                "{} {} <file> {}",
                self.code,
                self.severity.as_str(),
                self.message
            ),
        }
    }
}

impl Finding {
    fn matches(&self, f: &Found) -> bool {
        if self.code != f.code {
            return false;
        }
        match self.how {
            // Document-level findings: the code alone (some anchor on a sentence to show
            // where, which the corpus does not pin down).
            Match::None => true,
            how => {
                let (Some(span), Some(quote)) = (&f.span, &self.quote) else {
                    return false;
                };
                let text_ok = match how {
                    Match::Exact => span == quote,
                    Match::Prefix => span.starts_with(quote.as_str()),
                    Match::Contains => span.contains(quote.as_str()),
                    Match::None => unreachable!(),
                };
                text_ok && self.line == f.line
            }
        }
    }
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.quote, self.line) {
            (Some(q), Some(l)) => write!(f, "{} l.{l} {:?} 「{q}」", self.code, self.how),
            _ => write!(f, "{} <file>", self.code),
        }
    }
}

fn expectations() -> &'static Expectations {
    static E: OnceLock<Expectations> = OnceLock::new();
    E.get_or_init(|| {
        let path = Path::new(CORPUS).join("expect.yaml");
        let text = std::fs::read_to_string(&path).expect("expect.yaml is readable");
        let e: Expectations = serde_saphyr::from_str(&text).expect("expect.yaml parses");
        assert_eq!(e.version, 1, "expect.yaml version");
        e
    })
}

fn vocab() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| Vocabulary::from_library(&Library::embedded().expect("library loads")))
}

/// Lint one corpus file the way its entry says: a fragment is linted as an essay and the
/// whole-document rules in `fragment_ignore` are dropped.
fn run(entry: &Entry) -> (FileReport, Vec<Found>) {
    let path: PathBuf = Path::new(CORPUS).join(&entry.file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: cannot read ({e})", path.display()));
    let kind = match entry.kind.as_str() {
        "module" => Kind::Module,
        "essay" | "fragment" => Kind::Essay,
        k => panic!("{}: unknown kind {k}", entry.file),
    };
    let settings = Settings {
        kind: Some(kind),
        ..Default::default()
    };
    let report = lint::lint_text(&entry.file, &text, vocab(), &settings);
    let index = LineIndex::new(&text);
    let ignore = &expectations().fragment_ignore;
    let found = report
        .diagnostics
        .iter()
        .filter(|d| entry.kind != "fragment" || !ignore.iter().any(|c| c == d.code))
        .map(|d| Found {
            code: d.code.to_owned(),
            severity: d.severity,
            span: d.span.clone().map(|s| text[s].to_owned()),
            line: d.span.as_ref().map(|s| index.line_of(s.start) + 1),
            message: d.message.clone(),
        })
        .collect();
    (report, found)
}

/// What is wrong with one file's findings (empty = as expected).
fn problems(entry: &Entry, found: &[Found]) -> Vec<String> {
    let mut out = Vec::new();
    let mut used = vec![false; found.len()];
    for e in &entry.expect {
        let hits: Vec<usize> = (0..found.len()).filter(|&i| e.matches(&found[i])).collect();
        match hits.as_slice() {
            [] => out.push(format!("  missed:     {e}")),
            [one] => used[*one] = true,
            many => {
                out.push(format!("  {} times:    {e}", many.len()));
                for &i in many {
                    used[i] = true;
                }
            }
        }
    }
    // An allowance nothing uses is out of date: the corpus lists what the linter says, no more.
    for a in &entry.allowed {
        if !found.iter().any(|f| a.matches(f)) {
            out.push(format!("  stale allowance (nothing reported): {a}"));
        }
    }
    for (i, f) in found.iter().enumerate() {
        if used[i] {
            continue;
        }
        let allowed = entry.allowed.iter().any(|a| a.matches(f));
        if !allowed {
            out.push(format!("  unexpected: {f}"));
        } else if f.severity == Severity::Error && entry.expect.is_empty() {
            out.push(format!(
                "  error on an ok file (allowed is for warnings): {f}"
            ));
        }
    }
    out
}

#[test]
fn every_allowed_finding_has_a_defence_and_entries_name_real_files() {
    let e = expectations();
    let mut seen = std::collections::BTreeSet::new();
    for entry in &e.files {
        assert!(seen.insert(&entry.file), "{} listed twice", entry.file);
        assert!(
            Path::new(CORPUS).join(&entry.file).is_file(),
            "{} does not exist",
            entry.file
        );
        for a in &entry.allowed {
            assert!(
                a.why.as_deref().is_some_and(|w| !w.trim().is_empty()),
                "{}: allowed {a} has no `why`",
                entry.file
            );
        }
        let faulty = entry.file.starts_with("faulty/");
        assert_eq!(
            faulty,
            !entry.expect.is_empty(),
            "{}: faulty files (and only they) expect findings",
            entry.file
        );
    }
    // Every corpus file has an entry.
    for dir in ["ok", "faulty"] {
        for f in std::fs::read_dir(Path::new(CORPUS).join(dir)).expect("corpus folder") {
            let name = format!("{dir}/{}", f.expect("entry").file_name().to_string_lossy());
            assert!(seen.contains(&name), "{name} has no entry in expect.yaml");
        }
    }
    assert!(e.files.iter().filter(|f| f.file.starts_with("ok/")).count() >= 36);
}

#[test]
fn corpus_findings_are_exactly_the_expected_ones() {
    let e = expectations();
    let mut report = Vec::new();
    let (mut false_alarms, mut misses) = (0, 0);
    for entry in &e.files {
        let (_, found) = run(entry);
        let p = problems(entry, &found);
        if !p.is_empty() {
            false_alarms += p.iter().filter(|l| l.contains("unexpected")).count();
            misses += p.iter().filter(|l| l.contains("missed")).count();
            report.push(format!("{}:\n{}", entry.file, p.join("\n")));
        }
    }
    assert!(
        report.is_empty(),
        "precision corpus: {false_alarms} findings not expected, {misses} expected findings missed\n{}",
        report.join("\n")
    );
}
