//! `itsm score`: read files, score each against the rubric, render, and map `--min-score` to
//! the exit code (1 below the threshold, 2 when a file cannot be read).

use super::{Failure, KindArg, OutputFormat, collect_files, load_library, print_out};
use crate::lint::Kind;
use crate::score::{Scorer, render};
use crate::text::decode;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct ScoreArgs {
    /// ファイルまたはフォルダ（フォルダは *.md と *.txt を再帰的に、.gitignore を尊重して採点）
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// 出力形式
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// この点数未満のファイルがあれば終了コード1（0〜100）
    #[arg(long, value_parser = clap::value_parser!(u32).range(0..=100))]
    pub min_score: Option<u32>,
    /// 種類を指定する（既定は自動判定: 設問の見出しがあれば論文）
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// 追加・上書きするライブラリのフォルダ（DIR/rubrics/score.yaml で配点を差し替える）
    #[arg(long)]
    pub library: Option<PathBuf>,
    /// 設定ファイル（既定: 各ファイルのフォルダから上へ itsm.yaml / .itsm.yaml を探し、min-score: を使う）
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

pub(crate) fn run(a: ScoreArgs) -> Result<u8, Failure> {
    let lib = load_library(a.library.as_deref())?;
    let scorer = Scorer::new(&lib).map_err(Failure::Library)?;
    let kind = a.kind.map(|k| match k {
        KindArg::Module => Kind::Module,
        KindArg::Essay => Kind::Essay,
    });
    let files = collect_files(&a.paths)?;
    if files.is_empty() {
        return Err(Failure::Io(
            "採点するファイルがありません（*.md / *.txt）".into(),
        ));
    }
    let mut resolver = super::config::Resolver::new(a.config.as_deref())?;
    let mut reports = Vec::new();
    let mut thresholds = Vec::new();
    let mut unreadable = Vec::new();
    for f in &files {
        let path = f.display().to_string();
        // `--min-score` wins; otherwise the nearest itsm.yaml's `min-score:`.
        let min = match a.min_score {
            Some(m) => Some(m),
            None => resolver.config_for(f)?.min_score,
        };
        match std::fs::read(f)
            .map_err(|e| e.to_string())
            .and_then(|b| decode::decode(&b).map_err(|e| e.to_string()))
        {
            Ok(d) => {
                reports.push(scorer.score(&path, &d.text, kind));
                thresholds.push(min);
            }
            Err(msg) => unreadable.push(format!("{path}: {msg}")),
        }
    }
    let out = match a.format {
        OutputFormat::Human => render::human(&reports),
        OutputFormat::Json => render::json(&reports),
        OutputFormat::Sarif => render::sarif(&reports, scorer.rubric()),
        OutputFormat::Github => render::github(&reports),
    };
    print_out(&out)?;
    if !unreadable.is_empty() {
        let mut err = std::io::stderr().lock();
        for m in &unreadable {
            let _ = writeln!(err, "error: 採点できません: {m}");
        }
        return Ok(2);
    }
    let below = reports
        .iter()
        .zip(&thresholds)
        .any(|(r, min)| min.is_some_and(|m| r.total < m));
    Ok(u8::from(below))
}
