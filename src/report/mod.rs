//! Rendering reports: human (annotate-snippets), JSON, SARIF 2.1.0 and GitHub
//! workflow commands. Emitters only format; they never decide exit codes.

use crate::diagnostic::{Diagnostic, FileReport, Severity};
use crate::lint::registry::RULES;
use crate::text::lines::LineIndex;
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde_json::{Value, json};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

/// Counts by severity across reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut s = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for d in reports.iter().flat_map(|r| &r.diagnostics) {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}

fn level(sev: Severity) -> Level<'static> {
    match sev {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

/// Lines longer than this (bytes) are cut to a window around the finding before rendering.
const LONG_LINE: usize = 4096;
/// Bytes of context kept on each side of the primary span in a cut line (more than the
/// 100 columns the renderer shows).
const WINDOW_MARGIN: usize = 600;
/// A primary span longer than this (bytes) is shown by its beginning only in a cut line.
const SPAN_CAP: usize = 300;

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Render one diagnostic the rustc way. Only the lines the spans touch are handed to the
/// renderer, so the cost does not grow with the file size.
pub fn human_one(report: &FileReport, d: &Diagnostic, color: bool) -> String {
    human_with_index(report, &LineIndex::new(&report.source), d, color)
}

fn human_with_index(
    report: &FileReport,
    idx: &LineIndex<'_>,
    d: &Diagnostic,
    color: bool,
) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .term_width(100);
    let title = level(d.severity)
        .primary_title(d.message.as_str())
        .id(d.code);
    let src = report.source.as_str();
    let mut group: Group<'_>;
    let mut header_fix: Option<(String, String)> = None;
    match &d.span {
        Some(span) => {
            let mut lo = span.start.min(src.len());
            let mut hi = span.end.min(src.len()).max(lo);
            for (r, _) in &d.related {
                lo = lo.min(r.start.min(src.len()));
                hi = hi.max(r.end.min(src.len()));
            }
            let first_line = idx.line_of(lo);
            let last_line = idx.line_of(hi.saturating_sub(1).max(lo));
            let mut start = idx.line_start(first_line);
            let mut end = if last_line + 1 < idx.line_count() {
                idx.line_start(last_line + 1)
            } else {
                src.len()
            };
            // A very long line is cut to a window around the primary span before it reaches the
            // renderer, so that many findings on a 1 MB line cost a window each, not the line
            // each. The window is wider than the renderer shows, so the output looks the same.
            let windowed = first_line == last_line && end - start > LONG_LINE;
            if windowed {
                let s = span.start.min(src.len());
                let e = span.end.min(src.len());
                // A long span is shown by its beginning only (the window ends inside it).
                let after = if e - s > SPAN_CAP {
                    s + SPAN_CAP
                } else {
                    e + WINDOW_MARGIN
                };
                start = floor_boundary(src, s.saturating_sub(WINDOW_MARGIN).max(start));
                end = ceil_boundary(src, after.min(end));
            }
            let slice = &src[start..end];
            let clamp = |r: &std::ops::Range<usize>| {
                let s = r.start.clamp(start, end) - start;
                let e = r.end.clamp(start, end) - start;
                s..e.max(s)
            };
            let mut primary = AnnotationKind::Primary.span(clamp(span));
            if let Some(l) = &d.label {
                primary = primary.label(l.as_str());
            }
            let mut snippet = Snippet::source(slice)
                .line_start(first_line + 1)
                .fold(true)
                .annotation(primary);
            for (r, l) in &d.related {
                if windowed && !(r.start >= start && r.end <= end) {
                    continue;
                }
                snippet =
                    snippet.annotation(AnnotationKind::Context.span(clamp(r)).label(l.as_str()));
            }
            if windowed {
                // The renderer counts the header column from the start of the window; note both
                // columns so the header can be corrected after rendering.
                let s = span.start.clamp(start, end);
                let (line, col) = idx.position(s);
                let window_col = src[start..s].chars().count() + 1;
                header_fix = Some((
                    format!("{}:{line}:{window_col}", report.path),
                    format!("{}:{line}:{col}", report.path),
                ));
            }
            group = title.element(snippet.path(report.path.as_str()));
        }
        None => {
            group = title.element(Origin::path(report.path.as_str()));
        }
    }
    if let Some(h) = &d.help {
        group = group.element(Level::HELP.message(h.as_str()));
    }
    let out = renderer.render(&[group]).to_string();
    match header_fix {
        Some((from, to)) => out.replacen(&from, &to, 1),
        None => out,
    }
}

/// All diagnostics of all reports, human-readable, plus a summary line.
pub fn human(reports: &[FileReport], color: bool) -> String {
    let mut out = String::new();
    for r in reports {
        let idx = LineIndex::new(&r.source);
        for d in &r.diagnostics {
            out.push_str(&human_with_index(r, &idx, d, color));
            out.push_str("\n\n");
        }
    }
    let s = Summary::of(reports);
    out.push_str(&format!(
        "{}ファイル: エラー {}件、警告 {}件、情報 {}件\n",
        s.files, s.errors, s.warnings, s.infos
    ));
    out
}

fn position(idx: &LineIndex<'_>, d: &Diagnostic) -> Option<(usize, usize, usize, usize)> {
    d.span.as_ref().map(|r| {
        let (l1, c1) = idx.position(r.start);
        let (l2, c2) = idx.position(r.end);
        (l1, c1, l2, c2)
    })
}

/// Versioned JSON (documented in docs/json-output.md).
pub fn json(reports: &[FileReport]) -> String {
    let files: Vec<Value> = reports
        .iter()
        .map(|r| {
            let idx = LineIndex::new(&r.source);
            let diags: Vec<Value> = r
                .diagnostics
                .iter()
                .map(|d| {
                    let span = match (&d.span, position(&idx, d)) {
                        (Some(s), Some((l1, c1, l2, c2))) => json!({
                            "byte_start": s.start, "byte_end": s.end,
                            "start": {"line": l1, "column": c1},
                            "end": {"line": l2, "column": c2},
                        }),
                        _ => Value::Null,
                    };
                    json!({
                        "code": d.code,
                        "name": d.name,
                        "severity": d.severity.as_str(),
                        "message": d.message,
                        "label": d.label,
                        "help": d.help,
                        "span": span,
                        "fix": d.fix.as_ref().map(|f| json!({
                            "byte_start": f.range.start,
                            "byte_end": f.range.end,
                            "replacement": f.replacement,
                        })),
                    })
                })
                .collect();
            json!({"path": r.path, "diagnostics": diags})
        })
        .collect();
    let s = Summary::of(reports);
    let v = json!({
        "version": 1,
        "tool": {"name": "itsm", "version": env!("CARGO_PKG_VERSION")},
        "files": files,
        "summary": {"files": s.files, "errors": s.errors, "warnings": s.warnings, "infos": s.infos},
    });
    serde_json::to_string_pretty(&v).expect("json") + "\n"
}

/// SARIF 2.1.0 with the rule catalogue; columns are Unicode code points.
pub fn sarif(reports: &[FileReport]) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary_text()},
                "fullDescription": {"text": r.explanation_text().trim()},
                "help": {"text": r.explanation_text().trim(), "markdown": r.explanation_text().trim()},
                "defaultConfiguration": {"level": sarif_level(r.default_severity)},
            })
        })
        .collect();
    let mut results = Vec::new();
    for r in reports {
        let idx = LineIndex::new(&r.source);
        for d in &r.diagnostics {
            let loc = sarif_location(&r.path, &idx, d.span.as_ref());
            let rule_index = RULES.iter().position(|x| x.code == d.code);
            let mut res = json!({
                "ruleId": d.code,
                "level": sarif_level(d.severity),
                "message": {"text": match &d.help { Some(h) => format!("{}（{}）", d.message, h), None => d.message.clone() }},
                "locations": [loc],
            });
            if let Some(i) = rule_index {
                res["ruleIndex"] = json!(i);
            }
            results.push(res);
        }
    }
    sarif_log("itsm", rules, results, None)
}

/// A SARIF 2.1.0 log with one run of `tool` (columns in Unicode code points).
pub(crate) fn sarif_log(
    tool: &str,
    rules: Vec<Value>,
    results: Vec<Value>,
    properties: Option<Value>,
) -> String {
    let mut run = json!({
        "tool": {"driver": {
            "name": tool,
            "version": env!("CARGO_PKG_VERSION"),
            "informationUri": "https://example.invalid/itsm",
            "rules": rules,
        }},
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    if let Some(p) = properties {
        run["properties"] = p;
    }
    let v = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    });
    serde_json::to_string_pretty(&v).expect("json") + "\n"
}

/// A SARIF location: the file as a URI and, when there is a span, its region.
pub(crate) fn sarif_location(
    path: &str,
    idx: &LineIndex<'_>,
    span: Option<&std::ops::Range<usize>>,
) -> Value {
    let mut loc = json!({"physicalLocation": {"artifactLocation": {"uri": sarif_uri(path)}}});
    if let Some(sp) = span {
        let (l1, c1) = idx.position(sp.start);
        let (l2, c2) = idx.position(sp.end);
        loc["physicalLocation"]["region"] = json!({
            "startLine": l1, "startColumn": c1, "endLine": l2, "endColumn": c2,
        });
    }
    loc
}

/// A URI reference for a path: relative paths stay relative, absolute ones become `file://` URIs;
/// bytes outside the unreserved set are percent-encoded (Japanese file names included).
pub(crate) fn sarif_uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let mut out = String::new();
    if p.starts_with('/') {
        out.push_str("file://");
    }
    for b in p.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Escape a workflow-command message.
pub(crate) fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a workflow-command property value.
pub(crate) fn gh_prop(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions workflow commands, one per diagnostic.
pub fn github(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for r in reports {
        let idx = LineIndex::new(&r.source);
        for d in &r.diagnostics {
            let cmd = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut props = vec![format!("file={}", gh_prop(&r.path))];
            if let Some((l1, c1, l2, c2)) = position(&idx, d) {
                props.push(format!("line={l1}"));
                props.push(format!("endLine={l2}"));
                if l1 == l2 {
                    props.push(format!("col={c1}"));
                    props.push(format!("endColumn={c2}"));
                }
            }
            props.push(format!(
                "title={}",
                gh_prop(&format!("itsm {} ({})", d.code, d.name))
            ));
            let msg = match &d.help {
                Some(h) => format!("{}\n{}", d.message, h),
                None => d.message.clone(),
            };
            out.push_str(&format!("::{cmd} {}::{}\n", props.join(","), gh_data(&msg)));
        }
    }
    out
}

/// Render in the chosen format.
pub fn render(format: Format, reports: &[FileReport], color: bool) -> String {
    match format {
        Format::Human => human(reports, color),
        Format::Json => json(reports),
        Format::Sarif => sarif(reports),
        Format::Github => github(reports),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_escaping() {
        assert_eq!(gh_data("a%b\nc"), "a%25b%0Ac");
        assert_eq!(gh_prop("x:y,z"), "x%3Ay%2Cz");
    }
}
