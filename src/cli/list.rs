//! `itsm list`: cases, modules, themes, rules.

use super::{Failure, load_library, print_out};
use crate::lint::registry::RULES;
use clap::ValueEnum;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// 何を一覧にするか
    #[arg(value_enum)]
    pub what: ListWhat,
    /// 追加・上書きするライブラリのフォルダ
    #[arg(long)]
    pub library: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListWhat {
    Cases,
    Modules,
    Themes,
    Rules,
}

pub(crate) fn run(a: ListArgs) -> Result<u8, Failure> {
    let mut out = String::new();
    match a.what {
        ListWhat::Rules => {
            for r in RULES {
                out.push_str(&format!(
                    "{}  {:<32} {:<8} {:<14} {}\n",
                    r.code,
                    r.name,
                    r.default_severity.as_str(),
                    r.scope.as_str(),
                    r.summary
                ));
            }
        }
        what => {
            let lib = load_library(a.library.as_deref())?;
            match what {
                ListWhat::Cases => {
                    for c in &lib.cases {
                        out.push_str(&format!("{:<12} {}  {}\n", c.id, c.name, c.summary));
                    }
                }
                ListWhat::Modules => {
                    for m in &lib.modules {
                        let cases: Vec<&str> = m.variants.iter().map(|v| v.case.as_str()).collect();
                        out.push_str(&format!(
                            "{:<28} {}  [テーマ: {}] [事例: {}]\n",
                            m.id,
                            m.name,
                            m.themes.join(", "),
                            cases.join(", ")
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
                ListWhat::Rules => unreachable!("handled above"),
            }
        }
    }
    print_out(&out)?;
    Ok(0)
}
