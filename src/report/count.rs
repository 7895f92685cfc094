//! The output of `itsm count`: each file's 設問 parts against their limits, as a table or JSON,
//! in the counting modes asked for.

use crate::document::Kind;
use crate::exam::{self, Count, CountMode, Fit, Limit};
use crate::lint::{self, Settings};
use serde_json::{Value, json};
use unicode_width::UnicodeWidthStr;

/// One counted unit: a 設問 part, or a whole text without parts.
pub struct Row {
    /// `None` for a whole text.
    pub label: Option<char>,
    pub count: Count,
    pub limit: Limit,
    /// A 設問 the question asks for that the text does not have (shown with no count).
    pub missing: bool,
}

/// One file counted.
pub struct FileCount {
    pub path: String,
    pub kind: Kind,
    pub converted_from: Option<&'static str>,
    /// The modes shown: `--mode`, else the config's `counting:`, else both.
    pub modes: Vec<CountMode>,
    pub rows: Vec<Row>,
}

impl FileCount {
    /// Count `text` under `settings` (kind, limits — a question's included): one row per 設問
    /// part, or one row for a text without parts (a module paragraph is held to F010's minimum;
    /// an essay without part headings has no limit).
    pub fn of(
        path: String,
        text: &str,
        settings: &Settings,
        modes: Vec<CountMode>,
        converted_from: Option<&'static str>,
    ) -> FileCount {
        let doc = lint::parse_document(text, settings);
        let rows = if doc.parts.is_empty() {
            let limit = match doc.kind {
                Kind::Module => Limit::new(Some(lint::min_module_chars(settings)), None),
                Kind::Essay => Limit::default(),
            };
            vec![Row {
                label: None,
                count: exam::count_whole(&doc),
                limit,
                missing: false,
            }]
        } else {
            let rows: Vec<Row> = exam::count_parts(&doc)
                .into_iter()
                .map(|p| Row {
                    label: Some(p.label),
                    count: p.count,
                    limit: settings.limits.get(p.label),
                    missing: false,
                })
                .collect();
            // The parts the question asks for (ア・イ・ウ unless a pasted question says otherwise).
            let expected: Vec<char> = match &settings.question {
                Some(q) if !q.parts.is_empty() => q.parts.iter().map(|p| p.label).collect(),
                _ => exam::PART_LABELS.to_vec(),
            };
            with_missing_rows(rows, &expected, |l| settings.limits.get(l))
        };
        FileCount {
            path,
            kind: doc.kind,
            converted_from,
            modes,
            rows,
        }
    }

    /// Whether some part is missing, or outside its limit in one of the modes shown.
    pub fn out_of_limits(&self) -> bool {
        self.rows.iter().any(|r| {
            r.missing
                || self
                    .modes
                    .iter()
                    .any(|&m| !r.limit.fit(m, &r.count).is_ok())
        })
    }
}

/// `rows` (the parts found, in document order) with a row for every `expected` part that is
/// missing, placed where it belongs in the 設問 order: a missing 設問 is shown, not left out.
fn with_missing_rows(
    mut rows: Vec<Row>,
    expected: &[char],
    limit: impl Fn(char) -> Limit,
) -> Vec<Row> {
    let order = |l: Option<char>| l.and_then(|l| expected.iter().position(|&e| e == l));
    for (k, &label) in expected.iter().enumerate() {
        if rows.iter().any(|r| r.label == Some(label)) {
            continue;
        }
        let at = rows
            .iter()
            .position(|r| order(r.label).is_some_and(|o| o > k))
            .unwrap_or(rows.len());
        rows.insert(
            at,
            Row {
                label: Some(label),
                count: Count::default(),
                limit: limit(label),
                missing: true,
            },
        );
    }
    rows
}

fn part_name(label: Option<char>) -> String {
    match label {
        Some(c) => c.to_string(),
        None => "全体".to_owned(),
    }
}

/// 「800〜1,600字」「〜800字」「400字〜」「—」.
fn range_text(min: Option<usize>, max: Option<usize>, unit: &str) -> String {
    let g = exam::thousands;
    match (min, max) {
        (Some(a), Some(b)) => format!("{}〜{}{unit}", g(a), g(b)),
        (None, Some(b)) => format!("〜{}{unit}", g(b)),
        (Some(a), None) => format!("{}{unit}〜", g(a)),
        (None, None) => "—".to_owned(),
    }
}

fn verdict(fit: Fit, unit: &str) -> String {
    match fit {
        Fit::Within => "✓".to_owned(),
        Fit::Short(n) => format!("✗ {}{unit}不足", exam::thousands(n)),
        Fit::Over(n) => format!("✗ {}{unit}超過", exam::thousands(n)),
    }
}

/// Pad to a display width (full-width characters are 2 columns).
fn pad(s: &str, width: usize, right: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(s.width()));
    if right {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

/// The table per file (and, when 原稿用紙 is shown, how it is counted).
pub fn human(files: &[FileCount]) -> String {
    let mut out = String::new();
    for (fi, f) in files.iter().enumerate() {
        let modes = &f.modes;
        if fi > 0 {
            out.push('\n');
        }
        let kind = match (f.kind, f.rows.first().and_then(|r| r.label)) {
            (Kind::Module, _) => "モジュール段落（400字以上）",
            (Kind::Essay, None) => "論文（設問ア・イ・ウの見出しが見つかりません）",
            (Kind::Essay, Some(_)) => "論文",
        };
        out.push_str(&format!(
            "{}: {kind}",
            crate::text::visible::visible(&f.path)
        ));
        if let Some(enc) = f.converted_from {
            out.push_str(&format!("（{enc} として読み込みました）"));
        }
        out.push('\n');
        // Columns: (text, right-aligned).
        let mut header: Vec<(String, bool)> = vec![("設問".into(), false)];
        for m in modes {
            match m {
                CountMode::Cbt => header.extend([
                    ("CBT文字数".into(), true),
                    ("制限".into(), false),
                    ("判定".into(), false),
                ]),
                CountMode::Genkou => header.extend([
                    ("原稿用紙".into(), true),
                    ("マス".into(), true),
                    ("制限".into(), false),
                    ("判定".into(), false),
                ]),
            }
        }
        let mut table = vec![header];
        for r in &f.rows {
            let mut row: Vec<(String, bool)> = vec![(part_name(r.label), false)];
            if r.missing {
                for m in modes {
                    let unit = match m {
                        CountMode::Cbt => "字",
                        CountMode::Genkou => "行",
                    };
                    let (min, max) = match m {
                        CountMode::Cbt => (r.limit.min, r.limit.max),
                        CountMode::Genkou => (r.limit.min_rows(), r.limit.max_rows()),
                    };
                    row.push(("—".into(), true));
                    if *m == CountMode::Genkou {
                        row.push(("—".into(), true));
                    }
                    row.extend([
                        (range_text(min, max, unit), false),
                        ("✗ 設問がありません".into(), false),
                    ]);
                }
                table.push(row);
                continue;
            }
            for m in modes {
                match m {
                    CountMode::Cbt => row.extend([
                        (format!("{}字", exam::thousands(r.count.cbt)), true),
                        (range_text(r.limit.min, r.limit.max, "字"), false),
                        (verdict(r.limit.fit_chars(r.count.cbt), "字"), false),
                    ]),
                    CountMode::Genkou => row.extend([
                        (format!("{}行", r.count.genkou.rows), true),
                        (
                            format!("{}マス", exam::thousands(r.count.genkou.cells)),
                            true,
                        ),
                        (
                            range_text(r.limit.min_rows(), r.limit.max_rows(), "行"),
                            false,
                        ),
                        (verdict(r.limit.fit_rows(r.count.genkou.rows), "行"), false),
                    ]),
                }
            }
            table.push(row);
        }
        let cols = table[0].len();
        let widths: Vec<usize> = (0..cols)
            .map(|c| table.iter().map(|r| r[c].0.width()).max().unwrap_or(0))
            .collect();
        for row in &table {
            let cells: Vec<String> = row
                .iter()
                .zip(&widths)
                .map(|((s, right), w)| pad(s, *w, *right))
                .collect();
            out.push_str("  ");
            out.push_str(cells.join("  ").trim_end());
            out.push('\n');
        }
    }
    if files.iter().any(|f| f.modes.contains(&CountMode::Genkou)) {
        out.push_str(
            "\n原稿用紙: 25字×16行。行数×25字を制限と比べる（段落は空行で区切り、段落の始めは1マス空け、\n見出しは独立した行、行頭の「、。」」は前の行に入れ、半角数字・半角小文字は1マスに2文字）。\n",
        );
    }
    out
}

/// Versioned JSON: `{"version": 1, "files": [{"path", "kind", "parts": [{"part", "cbt": {…}, "genkou": {…}}]}]}`.
/// A missing 設問 has `"missing": true`, zero counts and `"ok": false`.
pub fn json(files: &[FileCount]) -> String {
    let mut s = serde_json::to_string_pretty(&json_value(files)).expect("JSON values serialise");
    s.push('\n');
    s
}

/// The document [`json()`] prints, as a value (what `itsm serve` answers).
pub fn json_value(files: &[FileCount]) -> Value {
    let files: Vec<Value> = files
        .iter()
        .map(|f| {
            let parts: Vec<Value> = f
                .rows
                .iter()
                .map(|r| {
                    let mut o = serde_json::Map::new();
                    o.insert(
                        "part".into(),
                        r.label.map_or(Value::Null, |c| Value::from(c.to_string())),
                    );
                    if r.missing {
                        o.insert("missing".into(), Value::Bool(true));
                    }
                    for m in &f.modes {
                        let v = match m {
                            CountMode::Cbt => json!({
                                "chars": r.count.cbt,
                                "min": r.limit.min,
                                "max": r.limit.max,
                                "ok": !r.missing && r.limit.fit_chars(r.count.cbt).is_ok(),
                            }),
                            CountMode::Genkou => json!({
                                "rows": r.count.genkou.rows,
                                "cells": r.count.genkou.cells,
                                "min": r.limit.min,
                                "max": r.limit.max,
                                "min_rows": r.limit.min_rows(),
                                "max_rows": r.limit.max_rows(),
                                "ok": !r.missing && r.limit.fit_rows(r.count.genkou.rows).is_ok(),
                            }),
                        };
                        o.insert(m.as_str().into(), v);
                    }
                    Value::Object(o)
                })
                .collect();
            json!({
                "path": f.path,
                "kind": f.kind.as_str(),
                "parts": parts,
            })
        })
        .collect();
    json!({"version": 1, "files": files})
}
