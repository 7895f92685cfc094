//! `itsm count`: characters per 設問 part against the limits, in CBT and/or 原稿用紙 mode.
//! Reads and decodes files (any encoding `decode` is sure of), counts with [`crate::exam`],
//! renders a table or JSON, and maps the result onto the exit code (0 within, 1 out of limits,
//! 2 unreadable input).

use super::lint::{note_excluded, print_err};
use super::{Exit, Failure, KindArgs, SourceArgs, collect_files, print_out};
use crate::config::{Overrides, Resolver};
use crate::document::Kind;
use crate::exam::{self, Count, CountMode, Fit, Limit};
use crate::lint;
use crate::text::decode;
use clap::ValueEnum;
use serde_json::{Value, json};
use std::path::PathBuf;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, clap::Args)]
pub struct CountArgs {
    /// ファイルまたはフォルダ（フォルダは *.md と *.txt を再帰的に、.gitignore を尊重して数える）
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// 数え方: cbt（入力した文字数）、genkou（原稿用紙 25字×16行の行数）、both（両方）。既定は設定の counting、なければ both
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(["cbt", "genkou", "both"]))]
    pub mode: Option<String>,
    /// 出力形式
    #[arg(long, value_enum, default_value_t = CountFormat::Human)]
    pub format: CountFormat,
    #[command(flatten)]
    pub kind: KindArgs,
    #[command(flatten)]
    pub source: SourceArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CountFormat {
    Human,
    Json,
}

/// The modes `--mode` names (`both`: every mode).
fn modes_of(flag: &str) -> Vec<CountMode> {
    match CountMode::parse(flag) {
        Some(m) => vec![m],
        None => CountMode::ALL.to_vec(),
    }
}

/// One counted unit: a 設問 part, or a whole text without parts.
struct Row {
    /// `None` for a whole text.
    label: Option<char>,
    count: Count,
    limit: Limit,
}

struct FileCount {
    path: String,
    kind: Kind,
    converted_from: Option<&'static str>,
    /// The modes shown: `--mode`, else the config's `counting:`, else both.
    modes: Vec<CountMode>,
    rows: Vec<Row>,
}

pub(crate) fn run(a: CountArgs) -> Result<Exit, Failure> {
    let resolver = Resolver::new(Overrides {
        kind: a.kind.kind(),
        ..a.source.overrides()
    })?;
    let files = collect_files(&a.paths)?;
    if files.is_empty() {
        return Err(Failure::Io(
            "数えるファイルがありません（*.md / *.txt）".into(),
        ));
    }
    let mut counted = Vec::new();
    for f in &files {
        let mut file = resolver.file(f)?;
        if !file.included {
            note_excluded(&a.paths, f, file.config());
            continue;
        }
        let path = f.display().to_string();
        let bytes =
            std::fs::read(f).map_err(|e| Failure::Io(format!("{path} を読み込めません: {e}")))?;
        let d = decode::decode(&bytes).map_err(|e| Failure::Io(format!("{path}: {e}")))?;
        // Limits written in the question the essay names replace the exam's.
        if let Some(m) = resolver.read_question(&mut file, f, &d.text) {
            print_err(&format!(
                "note: {path}: {m}（試験の字数の制限で数えます）\n"
            ));
        }
        let modes = match &a.mode {
            Some(m) => modes_of(m),
            None if file.config().counting.is_some() => vec![file.counting],
            None => CountMode::ALL.to_vec(),
        };
        let settings = &file.settings;
        let doc = lint::parse_document(&d.text, settings);
        let rows = if doc.parts.is_empty() {
            // A module paragraph is held to its minimum (F010's `min-module-chars`); an essay
            // without part headings has no limit.
            let limit = match doc.kind {
                Kind::Module => Limit::new(Some(lint::min_module_chars(settings)), None),
                Kind::Essay => Limit::default(),
            };
            vec![Row {
                label: None,
                count: exam::count_whole(&doc),
                limit,
            }]
        } else {
            exam::count_parts(&doc)
                .into_iter()
                .map(|p| Row {
                    label: Some(p.label),
                    count: p.count,
                    limit: settings.limits.get(p.label),
                })
                .collect()
        };
        counted.push(FileCount {
            path,
            kind: doc.kind,
            converted_from: d.converted_from,
            modes,
            rows,
        });
    }
    let out = match a.format {
        CountFormat::Human => human(&counted),
        CountFormat::Json => json(&counted),
    };
    print_out(&out)?;
    let failed = counted.iter().any(|f| {
        f.rows
            .iter()
            .any(|r| f.modes.iter().any(|&m| !r.limit.fit(m, &r.count).is_ok()))
    });
    Ok(Exit::findings_if(failed))
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

fn human(files: &[FileCount]) -> String {
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
        out.push_str(&format!("{}: {kind}", f.path));
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

fn json(files: &[FileCount]) -> String {
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
                    for m in &f.modes {
                        let v = match m {
                            CountMode::Cbt => json!({
                                "chars": r.count.cbt,
                                "min": r.limit.min,
                                "max": r.limit.max,
                                "ok": r.limit.fit_chars(r.count.cbt).is_ok(),
                            }),
                            CountMode::Genkou => json!({
                                "rows": r.count.genkou.rows,
                                "cells": r.count.genkou.cells,
                                "min": r.limit.min,
                                "max": r.limit.max,
                                "min_rows": r.limit.min_rows(),
                                "max_rows": r.limit.max_rows(),
                                "ok": r.limit.fit_rows(r.count.genkou.rows).is_ok(),
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
    let mut s = serde_json::to_string_pretty(&json!({"version": 1, "files": files}))
        .expect("JSON values serialise");
    s.push('\n');
    s
}
