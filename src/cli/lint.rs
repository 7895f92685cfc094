//! `itsm lint`: read files (any encoding we can be sure of), lint, render, exit code.

use super::{Failure, collect_files, load_library, print_out};
use crate::decode;
use crate::diagnostic::{Diagnostic, FileReport, Severity};
use crate::emit::{self, Format};
use crate::lint::{self, Kind, Settings, Vocabulary};
use clap::ValueEnum;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

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
    // Compile the rules' patterns on another core while the library loads.
    if std::thread::available_parallelism().is_ok_and(|n| n.get() > 1) {
        std::thread::spawn(lint::warm_up);
    }
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
    for (ok, r) in lint_files(&files, &vocab, &settings) {
        readable += usize::from(ok);
        reports.push(r);
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

/// Read, decode and lint one file; `false` when it could not be read (the report then holds IO001).
fn lint_file(f: &Path, vocab: &Vocabulary, settings: &Settings) -> (bool, FileReport) {
    let path = f.display().to_string();
    match std::fs::read(f)
        .map_err(read_error)
        .and_then(|b| decode::decode(&b).map_err(|e| e.to_string()))
    {
        Ok(d) => {
            let mut r = lint::lint_text(&path, &d.text, vocab, settings);
            if let Some(enc) = d.converted_from {
                r.diagnostics.insert(
                    0,
                    Diagnostic::new(
                        "IO002",
                        "not-utf8",
                        Severity::Info,
                        format!("{enc} として読み込みました"),
                    )
                    .with_help(
                        "UTF-8 で保存し直すことを勧めます（--fix はこのファイルを書き換えません）",
                    ),
                );
            }
            (true, r)
        }
        Err(msg) => (
            false,
            FileReport {
                path,
                source: String::new(),
                diagnostics: vec![Diagnostic::new(
                    "IO001",
                    "unreadable-file",
                    Severity::Error,
                    msg,
                )],
            },
        ),
    }
}

/// Lint files on all cores (files are handed out one at a time, so one huge file does not
/// hold up the rest); the result is in the order of `files` whatever the scheduling.
fn lint_files(
    files: &[PathBuf],
    vocab: &Vocabulary,
    settings: &Settings,
) -> Vec<(bool, FileReport)> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len());
    if threads <= 1 {
        return files
            .iter()
            .map(|f| lint_file(f, vocab, settings))
            .collect();
    }
    let next = AtomicUsize::new(0);
    let mut slots: Vec<Option<(bool, FileReport)>> = files.iter().map(|_| None).collect();
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(f) = files.get(i) else { break };
                        done.push((i, lint_file(f, vocab, settings)));
                    }
                    done
                })
            })
            .collect();
        for w in workers {
            let done = w.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            for (i, r) in done {
                slots[i] = Some(r);
            }
        }
    });
    slots
        .into_iter()
        .map(|r| r.expect("every file is handed out once"))
        .collect()
}

/// A file-reading error in Japanese (the OS message is kept for the details).
fn read_error(e: std::io::Error) -> String {
    use std::io::ErrorKind;
    let what = match e.kind() {
        ErrorKind::NotFound => "ファイルが見つかりません",
        ErrorKind::PermissionDenied => "読み取る権限がありません",
        ErrorKind::IsADirectory => "フォルダのため読み込めません",
        _ => "読み込めません",
    };
    format!("{what}（{e}）")
}
