//! `itsm lint`: read files (any encoding we can be sure of), lint, render, exit code.

use super::{Failure, collect_files, load_library, print_out};
use crate::decode;
use crate::diagnostic::{Diagnostic, FileReport, Severity};
use crate::emit::{self, Format};
use crate::lint::{self, Kind, Settings, Vocabulary};
use clap::ValueEnum;
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// ファイルまたはフォルダ（フォルダは *.md と *.txt を再帰的に、.gitignore を尊重して検査）
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// 出力形式
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// この重大度以上の指摘があれば終了コード1
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// 種類を指定する（既定は自動判定: 設問の見出しがあれば論文）
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// 追加・上書きするライブラリのフォルダ
    #[arg(long)]
    pub library: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum OutputFormat {
    Human,
    Json,
    Sarif,
    Github,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    Module,
    Essay,
}

pub(crate) fn run(a: LintArgs) -> Result<u8, Failure> {
    let lib = load_library(a.library.as_deref())?;
    let vocab = Vocabulary::from_library(&lib);
    let settings = Settings {
        kind: a.kind.map(|k| match k {
            KindArg::Module => Kind::Module,
            KindArg::Essay => Kind::Essay,
        }),
        ..Settings::default()
    };
    let files = collect_files(&a.paths)?;
    let mut reports = Vec::new();
    let mut readable = 0;
    for f in &files {
        let path = f.display().to_string();
        match std::fs::read(f)
            .map_err(|e| e.to_string())
            .and_then(|b| decode::decode(&b).map_err(|e| e.to_string()))
        {
            Ok(d) => {
                readable += 1;
                let mut r = lint::lint_text(&path, &d.text, &vocab, &settings);
                if let Some(enc) = d.converted_from {
                    r.diagnostics.insert(
                        0,
                        Diagnostic::new("IO002", "not-utf8", Severity::Info, format!("{enc} として読み込みました"))
                            .with_help("UTF-8 で保存し直すことを勧めます（--fix はこのファイルを書き換えません）"),
                    );
                }
                reports.push(r);
            }
            Err(msg) => reports.push(FileReport {
                path,
                source: String::new(),
                diagnostics: vec![Diagnostic::new(
                    "IO001",
                    "unreadable-file",
                    Severity::Error,
                    msg,
                )],
            }),
        }
    }
    if readable == 0 {
        let msg = reports
            .iter()
            .flat_map(|r| {
                r.diagnostics
                    .iter()
                    .map(move |d| format!("{}: {}", r.path, d.message))
            })
            .collect::<Vec<_>>()
            .join("\n");
        return Err(Failure::Io(if msg.is_empty() {
            "検査するファイルがありません（*.md / *.txt）".into()
        } else {
            msg
        }));
    }
    let format = match a.format {
        OutputFormat::Human => Format::Human,
        OutputFormat::Json => Format::Json,
        OutputFormat::Sarif => Format::Sarif,
        OutputFormat::Github => Format::Github,
    };
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    print_out(&emit::render(format, &reports, color))?;
    let threshold = match a.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    let failed = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| d.severity >= threshold);
    Ok(u8::from(failed))
}
