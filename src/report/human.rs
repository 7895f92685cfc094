//! The human format: each finding with its source line and carets (columns in characters,
//! full-width characters under full-width carets), long lines cut to a window, and a summary.

use super::Summary;
use crate::diagnostic::{Diagnostic, FileReport, Severity};
use crate::text::lines::LineIndex;
use crate::text::visible::{visible, visible_lines};
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

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

/// `s` with every C1 control character replaced by 「¿」 (both two bytes in UTF-8).
fn c1_shown(s: &str) -> std::borrow::Cow<'_, str> {
    let c1 = |c: char| ('\u{80}'..='\u{9f}').contains(&c);
    if !s.chars().any(c1) {
        return s.into();
    }
    s.chars()
        .map(|c| if c1(c) { '¿' } else { c })
        .collect::<String>()
        .into()
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
    // Text from the input (file names, quoted words) shows its control characters; the source
    // lines are shown that way by the renderer.
    let message = visible_lines(&d.message);
    let path = visible(&report.path);
    let label = d.label.as_deref().map(visible_lines);
    let help = d.help.as_deref().map(visible_lines);
    let related_labels: Vec<_> = d.related.iter().map(|(_, l)| visible_lines(l)).collect();
    let title = level(d.severity).primary_title(message.as_ref()).id(d.code);
    let src = report.source.as_str();
    let mut group: Group<'_>;
    let mut header_fix: Option<(String, String)> = None;
    let cleaned: std::borrow::Cow<'_, str>;
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
            // The renderer shows C0 controls as pictures but passes C1 controls (U+0080–U+009F,
            // `U+009B` is a CSI on some terminals) through: replace them with a character of the
            // same UTF-8 length, so every span stays where it was.
            cleaned = c1_shown(&src[start..end]);
            let slice = cleaned.as_ref();
            let clamp = |r: &std::ops::Range<usize>| {
                let s = r.start.clamp(start, end) - start;
                let e = r.end.clamp(start, end) - start;
                s..e.max(s)
            };
            let mut primary = AnnotationKind::Primary.span(clamp(span));
            if let Some(l) = &label {
                primary = primary.label(l.as_ref());
            }
            let mut snippet = Snippet::source(slice)
                .line_start(first_line + 1)
                .fold(true)
                .annotation(primary);
            for ((r, _), l) in d.related.iter().zip(&related_labels) {
                if windowed && !(r.start >= start && r.end <= end) {
                    continue;
                }
                snippet =
                    snippet.annotation(AnnotationKind::Context.span(clamp(r)).label(l.as_ref()));
            }
            if windowed {
                // The renderer counts the header column from the start of the window; note both
                // columns so the header can be corrected after rendering.
                let s = span.start.clamp(start, end);
                let (line, col) = idx.position(s);
                let window_col = src[start..s].chars().count() + 1;
                header_fix = Some((
                    format!("{path}:{line}:{window_col}"),
                    format!("{path}:{line}:{col}"),
                ));
            }
            group = title.element(snippet.path(path.as_ref()));
        }
        None => {
            group = title.element(Origin::path(path.as_ref()));
        }
    }
    if let Some(h) = &help {
        group = group.element(Level::HELP.message(h.as_ref()));
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
        out.push_str(&human_file(r, color));
    }
    out.push_str(&human_summary(reports));
    out
}

/// One file's part of [`human`]: each finding followed by a blank line (empty without findings).
/// Files render independently, so a caller may render them on worker threads and join the parts.
pub fn human_file(r: &FileReport, color: bool) -> String {
    let mut out = String::new();
    if r.diagnostics.is_empty() {
        return out;
    }
    let idx = LineIndex::new(&r.source);
    for d in &r.diagnostics {
        out.push_str(&human_with_index(r, &idx, d, color));
        out.push_str("\n\n");
    }
    out
}

/// The last line of [`human`]: files and findings by severity.
pub fn human_summary(reports: &[FileReport]) -> String {
    let s = Summary::of(reports);
    format!(
        "{}ファイル: エラー {}件、警告 {}件、情報 {}件\n",
        s.files, s.errors, s.warnings, s.infos
    )
}
