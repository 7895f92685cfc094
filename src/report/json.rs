//! The versioned JSON format of lint findings.

use super::{Summary, position};
use crate::diagnostic::FileReport;
use crate::text::lines::LineIndex;
use serde_json::{Value, json};

/// Versioned JSON (documented in docs/json-output.md).
pub fn json(reports: &[FileReport]) -> String {
    serde_json::to_string_pretty(&json_value(reports)).expect("json") + "\n"
}

/// The document [`json()`] prints, as a value (what `itsm serve` answers).
pub fn json_value(reports: &[FileReport]) -> Value {
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
    json!({
        "version": 1,
        "tool": {"name": "itsm", "version": env!("CARGO_PKG_VERSION")},
        "files": files,
        "summary": {"files": s.files, "errors": s.errors, "warnings": s.warnings, "infos": s.infos},
    })
}
