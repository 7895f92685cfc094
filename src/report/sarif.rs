//! SARIF 2.1.0: the envelope and locations shared with the score's SARIF, and the lint
//! findings with the rule catalogue.

use crate::diagnostic::{FileReport, Severity};
use crate::lint::registry::RULES;
use crate::text::lines::LineIndex;
use serde_json::{Value, json};

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
