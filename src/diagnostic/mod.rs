//! The one finding type shared by lint, the config, library validation and scoring
//! ([`Diagnostic`] in a [`FileReport`]), and the codes that are not lint rules ([`codes`]).
//!
//! Spans are byte ranges into the file's decoded text; they are turned into
//! 1-based lines and *character* columns only when emitted (see [`crate::text::lines::LineIndex`]).

pub mod codes;

use std::ops::Range;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable rule code such as `F001`.
    pub code: &'static str,
    /// kebab-case rule name.
    pub name: &'static str,
    pub severity: Severity,
    /// One line of Japanese with the numbers that matter.
    pub message: String,
    /// Byte range of the offending text; `None` means the whole file.
    pub span: Option<Range<usize>>,
    /// Text shown under the primary caret.
    pub label: Option<String>,
    /// Secondary spans with their labels (e.g. "ここは である調").
    pub related: Vec<(Range<usize>, String)>,
    /// What to do about it.
    pub help: Option<String>,
    /// A safe, mechanical fix (`itsm lint --fix`), if the rule offers one.
    pub fix: Option<Fix>,
}

/// A text edit that resolves a diagnostic: replace the bytes `range` of the file's decoded text
/// with `replacement` (an empty range inserts). Only rules whose change cannot alter the meaning
/// (adding a glossary explanation, a configured generic name, width normalisation) offer one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub range: Range<usize>,
    pub replacement: String,
}

impl Diagnostic {
    pub fn new(
        code: &'static str,
        name: &'static str,
        severity: Severity,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            name,
            severity,
            message: message.into(),
            span: None,
            label: None,
            related: Vec::new(),
            help: None,
            fix: None,
        }
    }

    pub fn with_span(mut self, span: Range<usize>) -> Self {
        self.span = Some(span);
        self
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_related(mut self, span: Range<usize>, label: impl Into<String>) -> Self {
        self.related.push((span, label.into()));
        self
    }
}

/// A file (or an in-memory text) with the diagnostics found in it.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// Path as given by the user (or a label such as `modules/foo.yaml`).
    pub path: String,
    /// The decoded text the spans point into.
    pub source: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    /// The report on `source` at `path`, its diagnostics sorted (see [`FileReport::sort`]).
    pub fn sorted(path: &str, source: &str, diagnostics: Vec<Diagnostic>) -> Self {
        let mut report = FileReport {
            path: path.to_owned(),
            source: source.to_owned(),
            diagnostics,
        };
        report.sort();
        report
    }

    /// Sort diagnostics by position, then code, so output is deterministic.
    pub fn sort(&mut self) {
        self.diagnostics.sort_by(|a, b| {
            let ka = a.span.as_ref().map(|r| (r.start, r.end)).unwrap_or((0, 0));
            let kb = b.span.as_ref().map(|r| (r.start, r.end)).unwrap_or((0, 0));
            ka.cmp(&kb)
                .then(a.code.cmp(b.code))
                .then(a.message.cmp(&b.message))
        });
    }
}

impl Diagnostic {
    /// Set the caret label (builder on a borrowed diagnostic).
    pub fn label(&mut self, label: impl Into<String>) -> &mut Self {
        self.label = Some(label.into());
        self
    }

    /// Set the help line (builder on a borrowed diagnostic).
    pub fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }

    /// Attach a safe fix (builder on a borrowed diagnostic).
    pub fn fix(&mut self, range: Range<usize>, replacement: impl Into<String>) -> &mut Self {
        self.fix = Some(Fix {
            range,
            replacement: replacement.into(),
        });
        self
    }

    /// Add a secondary span (builder on a borrowed diagnostic).
    pub fn related(&mut self, span: Range<usize>, label: impl Into<String>) -> &mut Self {
        self.related.push((span, label.into()));
        self
    }
}
