//! `itsm lint`: read files (any encoding we can be sure of), lint, render, exit code.

use super::{Failure, collect_files, load_library, print_out};
use crate::decode;
use crate::diagnostic::{Diagnostic, FileReport, Severity};
use crate::emit::{self, Format};
use crate::lint::{self, Kind, Settings, Vocabulary};
use crate::question::Question;
use clap::ValueEnum;
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

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
    /// 問題文のファイル（設問ア・イ・ウが求める事項・観点を読み取り、答えていない事項を報告する。front matter の question: より優先）
    #[arg(long, value_name = "FILE")]
    pub question: Option<PathBuf>,
    /// 論文のテーマID（itsm list themes）。テーマから外れていれば報告する（front matter の theme: より優先）
    #[arg(long, value_name = "ID")]
    pub theme: Option<String>,
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
    if let Some(t) = &a.theme {
        let ids: Vec<&str> = lib.themes.iter().map(|t| t.id.as_str()).collect();
        if lib.theme(t).is_none() {
            return Err(super::unknown("テーマ", t, &ids));
        }
    }
    let question = match &a.question {
        Some(p) => Some(read_question(p).map_err(Failure::Io)?),
        None => None,
    };
    let settings = Settings {
        kind: a.kind.map(|k| match k {
            KindArg::Module => Kind::Module,
            KindArg::Essay => Kind::Essay,
        }),
        theme: a.theme.clone(),
        question,
        ..Settings::default()
    };
    let mut questions = QuestionCache::default();
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
                let (file_settings, question_error) = match front_matter_question(f, &d.text) {
                    Some(q) if settings.question.is_none() => match questions.get(&q) {
                        Ok(parsed) => (
                            Cow::Owned(Settings {
                                question: Some(parsed),
                                ..settings.clone()
                            }),
                            None,
                        ),
                        Err(msg) => (Cow::Borrowed(&settings), Some(msg)),
                    },
                    _ => (Cow::Borrowed(&settings), None),
                };
                let mut r = lint::lint_text(&path, &d.text, &vocab, &file_settings);
                if let Some(msg) = question_error {
                    r.diagnostics.insert(
                        0,
                        Diagnostic::new("IO003", "question-unreadable", Severity::Error, msg)
                            .with_help("front matter の question: には、論文のファイルからの相対パスで問題文のファイルを書く"),
                    );
                }
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

/// Read and parse a question file; the error is a Japanese message naming the file.
fn read_question(path: &Path) -> Result<Question, String> {
    let bytes = std::fs::read(path)
        .map_err(|e| format!("問題文のファイル {} を読めません: {e}", path.display()))?;
    let text = decode::decode(&bytes)
        .map_err(|e| format!("問題文のファイル {} を読めません: {e}", path.display()))?
        .text;
    Question::parse(&text).map_err(|e| format!("問題文のファイル {}: {e}", path.display()))
}

/// The question file named by the essay's front matter (`question: path`, relative to the essay).
fn front_matter_question(essay: &Path, text: &str) -> Option<PathBuf> {
    let t = text.trim_start_matches('\u{feff}');
    if !t.starts_with("---") {
        return None;
    }
    let doc = lint::Document::parse(t, None);
    let (_, v) = doc.front_matter.iter().find(|(k, _)| k == "question")?;
    let v = crate::rules::essay_util::front_matter_value(v);
    if v.is_empty() {
        return None;
    }
    let base = essay.parent().unwrap_or(Path::new(""));
    Some(base.join(v))
}

/// Question files read once per run, however many essays name them.
#[derive(Default)]
struct QuestionCache(HashMap<PathBuf, Result<Question, String>>);

impl QuestionCache {
    fn get(&mut self, path: &Path) -> Result<Question, String> {
        self.0
            .entry(path.to_path_buf())
            .or_insert_with(|| read_question(path))
            .clone()
    }
}
