//! `itsm config`: which config file applies to a path, and the merged result (`--dump`).
//! The resolution itself is [`crate::config::resolve`], shared by every command.

use super::{Exit, Failure, print_out};
use crate::config::{Overrides, Resolver};
use clap::ValueEnum;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    /// この場所に適用される設定を調べる（ファイルまたはフォルダ。既定はカレントフォルダ）
    pub path: Option<PathBuf>,
    /// 既定値と設定ファイルを合わせた結果をすべて表示する
    #[arg(long)]
    pub dump: bool,
    /// --dump の形式
    #[arg(long, value_enum, default_value_t = DumpFormat::Yaml)]
    pub format: DumpFormat,
    /// 設定ファイルを指定する（探索しない）
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DumpFormat {
    Yaml,
    Json,
}

pub(crate) fn run(a: ConfigArgs) -> Result<Exit, Failure> {
    let target = a.path.clone().unwrap_or_else(|| PathBuf::from("."));
    if !target.exists() {
        return Err(Failure::Io(format!(
            "{} が見つかりません",
            target.display()
        )));
    }
    let resolver = Resolver::new(Overrides {
        config: a.config.clone(),
        ..Overrides::default()
    })?;
    let cfg = resolver.config_for(&target)?;
    if a.dump {
        let node = cfg.dump();
        print_out(&match a.format {
            DumpFormat::Yaml => node.to_yaml(),
            DumpFormat::Json => node.to_json(),
        })?;
    } else {
        let msg = match &cfg.source {
            Some(p) => format!(
                "{}: 設定ファイル {} を使います（内容に誤りはありません。全体は --dump で表示）\n",
                target.display(),
                p.display()
            ),
            None => format!(
                "{}: 設定ファイルはありません（既定値で検査します。`itsm init` で作れます）\n",
                target.display()
            ),
        };
        print_out(&msg)?;
    }
    Ok(Exit::Clean)
}
