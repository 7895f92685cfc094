//! `itsm count`: characters per 設問 part against the limits, in CBT and/or 原稿用紙 mode.
//! Resolves each file's settings, reads and decodes it (any encoding `decode` is sure of),
//! counts with [`crate::exam`], renders with [`crate::report::count`], and maps the result onto
//! the exit code (0 within, 1 out of limits, 2 unreadable input).

use super::lint::note_excluded;
use super::{
    Exit, Failure, KindArgs, Note, SourceArgs, StdinArgs, collect_files, note, print_out,
    read_input,
};
use crate::config::{Overrides, Resolver};
use crate::exam::CountMode;
use crate::report::count::{FileCount, human, json};
use crate::text::decode;
use crate::text::visible;
use clap::ValueEnum;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct CountArgs {
    /// ファイルまたはフォルダ（フォルダは *.md と *.txt を再帰的に、.gitignore を尊重して数える。- は標準入力）
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub stdin: StdinArgs,
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
    let mut collected = collect_files(&a.paths)?;
    let stdin = super::take_stdin(&mut collected.files, &a.stdin)?;
    let files = &collected.files;
    if files.is_empty() && collected.unreadable.is_empty() {
        return Err(Failure::Io(
            "数えるファイルがありません（*.md / *.txt）".into(),
        ));
    }
    let mut counted = Vec::new();
    for f in files {
        let mut file = resolver.file(f)?;
        let from_stdin = stdin.as_ref() == Some(f);
        if !file.included && !from_stdin {
            note_excluded(&a.paths, f, file.config());
            continue;
        }
        let path = f.display().to_string();
        let shown = visible::visible(&path).into_owned();
        let bytes = if from_stdin {
            super::read_stdin().map_err(Failure::Io)?
        } else {
            read_input(f)
                .map_err(|e| Failure::Io(format!("{shown}: {e}")))?
                .bytes
        };
        let d = decode::decode(&bytes).map_err(|e| Failure::Io(format!("{shown}: {e}")))?;
        // Limits written in the question the essay names replace the exam's.
        if let Some(m) = resolver.read_question(&mut file, f, &d.text) {
            note(
                Note::Note,
                Some(&path),
                None,
                &format!("{shown}: {m}（試験の字数の制限で数えます）"),
            );
        }
        let modes = match &a.mode {
            Some(m) => modes_of(m),
            None if file.config().counting.is_some() => vec![file.counting],
            None => CountMode::ALL.to_vec(),
        };
        counted.push(FileCount::of(
            path,
            &d.text,
            &file.settings,
            modes,
            d.converted_from,
        ));
    }
    let out = match a.format {
        CountFormat::Human => human(&counted),
        CountFormat::Json => json(&counted),
    };
    print_out(&out)?;
    for (dir, m) in &collected.unreadable {
        note(
            Note::Error,
            Some(&super::lint::display_path(dir)),
            None,
            &format!("{}: {m}", visible::path(dir)),
        );
    }
    if !collected.unreadable.is_empty() {
        return Ok(Exit::Error);
    }
    Ok(Exit::findings_if(
        counted.iter().any(FileCount::out_of_limits),
    ))
}
