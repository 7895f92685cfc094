//! `itsm count`: characters per 設問 part against the limits, in CBT and/or 原稿用紙 mode.
//! Resolves each file's settings, reads and decodes it (any encoding `decode` is sure of),
//! counts with [`crate::exam`], renders with [`crate::report::count`], and maps the result onto
//! the exit code (0 within, 1 out of limits, 2 unreadable input).

use super::lint::{note_excluded, print_err};
use super::{Exit, Failure, KindArgs, SourceArgs, collect_files, print_out};
use crate::config::{Overrides, Resolver};
use crate::document::Kind;
use crate::exam::{self, CountMode, Limit};
use crate::lint;
use crate::report::count::{FileCount, Row, human, json};
use crate::text::decode;
use clap::ValueEnum;
use std::path::PathBuf;

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
