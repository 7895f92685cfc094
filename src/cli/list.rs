//! `itsm list`: cases, modules, themes, questions, essays, rules.

use super::{Exit, Failure, SourceArgs, print_out, resolver};
use crate::lint::registry::{self, PREFIXES};
use clap::ValueEnum;
use std::path::Path;

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// 何を一覧にするか
    #[arg(value_enum)]
    pub what: ListWhat,
    /// questions: 題名だけでなく問題文の全文を表示する
    #[arg(long)]
    pub full: bool,
    #[command(flatten)]
    pub source: SourceArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListWhat {
    Cases,
    Modules,
    Themes,
    /// テーマごとの練習用の問題文（draft --essay が既定で答える問題）
    Questions,
    /// 事例とテーマごとに論文にできる手法（draft --essay の --variant 番号）
    Essays,
    Rules,
}

pub(crate) fn run(a: ListArgs) -> Result<Exit, Failure> {
    let mut out = String::new();
    match a.what {
        ListWhat::Rules => {
            let mut others = Vec::new();
            for e in registry::all() {
                let line = format!(
                    "{}  {:<32} {:<8} {:<14} {}\n",
                    e.code(),
                    e.name(),
                    e.severity().as_str(),
                    e.target(),
                    e.summary()
                );
                match e {
                    registry::Entry::Rule(_) => out.push_str(&line),
                    registry::Entry::Other(_) => others.push(line),
                }
            }
            out.push_str(
                "\n規則ではないコード（入力・設定・ライブラリの報告。抑制や rules: の対象外）:\n",
            );
            out.extend(others);
            out.push_str("\nコードの接頭辞:\n");
            for (p, what) in PREFIXES {
                out.push_str(&format!("  {p:<3} {what}\n"));
            }
        }
        what => {
            let lib = resolver(a.source.overrides())?.library_for(Path::new("."), true)?;
            match what {
                ListWhat::Cases => {
                    for c in &lib.cases {
                        out.push_str(&format!("{:<12} {}  {}\n", c.id, c.name, c.summary));
                    }
                }
                ListWhat::Modules => {
                    for m in &lib.modules {
                        out.push_str(&format!(
                            "{:<28} {}  [テーマ: {}] [事例: {}]\n",
                            m.id,
                            m.name,
                            m.themes.join(", "),
                            lib.cases_of(&m.id).join(", ")
                        ));
                    }
                }
                ListWhat::Themes => {
                    for t in &lib.themes {
                        let n = lib
                            .modules
                            .iter()
                            .filter(|m| m.themes.contains(&t.id))
                            .count();
                        let cat = lib.categories.get(&t.category).cloned().unwrap_or_default();
                        out.push_str(&format!(
                            "{:<13} {}（{}、JIS Q 20000-2 {}）モジュール{}件\n",
                            t.id,
                            t.name,
                            cat,
                            t.jis.join("/"),
                            n
                        ));
                    }
                }
                ListWhat::Questions => {
                    for q in &lib.questions {
                        if a.full {
                            out.push_str(&format!(
                                "## {}（{}）\n\n{}\n",
                                q.theme,
                                q.path,
                                q.text.trim_end()
                            ));
                            out.push('\n');
                        } else {
                            out.push_str(&format!("{:<13} {}  ({})\n", q.theme, q.title, q.path));
                        }
                    }
                }
                ListWhat::Essays => {
                    for c in &lib.cases {
                        for t in &lib.themes {
                            let vs = crate::draft::essay::essay_variants(&lib, c, &t.id);
                            if vs.is_empty() {
                                continue;
                            }
                            let list = vs
                                .iter()
                                .map(|v| format!("--variant {}（{}）", v.variant, v.name))
                                .collect::<Vec<_>>()
                                .join("、");
                            out.push_str(&format!("{:<12} {:<13} {list}\n", c.id, t.id));
                        }
                    }
                }
                ListWhat::Rules => unreachable!("handled above"),
            }
        }
    }
    print_out(&out)?;
    Ok(Exit::Clean)
}
