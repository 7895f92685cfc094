//! `itsm score`: read files, score each against the rubric, render, and map `--min-score` to
//! the exit code (1 below the threshold, 2 when a file cannot be read).

use super::lint::note_excluded;
use super::progress::Progress;
use super::{
    Exit, Failure, KindArgs, Note, OutputFormat, SourceArgs, StdinArgs, collect_files, note,
    print_out, read_input,
};
use crate::config::{Overrides, Resolver};
use crate::library::Library;
use crate::score::{Scorer, render};
use crate::text::decode;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, clap::Args)]
pub struct ScoreArgs {
    /// ファイルまたはフォルダ（フォルダは *.md と *.txt を再帰的に、.gitignore を尊重して採点。- は標準入力）
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub stdin: StdinArgs,
    /// 出力形式
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// この点数未満のファイルがあれば終了コード1（0〜100）
    #[arg(long, value_parser = clap::value_parser!(u32).range(0..=100))]
    pub min_score: Option<u32>,
    #[command(flatten)]
    pub kind: KindArgs,
    /// ライブラリ（DIR/rubrics/score.yaml で配点を差し替える）と設定ファイル（規則・語彙・種類・min-score など）
    #[command(flatten)]
    pub source: SourceArgs,
}

pub(crate) fn run(a: ScoreArgs) -> Result<Exit, Failure> {
    let resolver = Resolver::new(Overrides {
        kind: a.kind.kind(),
        min_score: a.min_score,
        ..a.source.overrides()
    })?;
    super::github_stderr(matches!(a.format, OutputFormat::Github));
    let mut collected = collect_files(&a.paths)?;
    let stdin = super::take_stdin(&mut collected.files, &a.stdin)?;
    let files = &collected.files;
    let mut unreadable: Vec<(String, String)> = collected
        .unreadable
        .iter()
        .map(|(p, m)| (super::lint::display_path(p), m.clone()))
        .collect();
    if files.is_empty() && unreadable.is_empty() {
        return Err(Failure::Io(
            "採点するファイルがありません（*.md / *.txt）".into(),
        ));
    }
    // Each file's settings and library first (a config or library error stops the run before any
    // output), then one scorer per library.
    let mut jobs = Vec::new();
    let mut libraries: HashMap<Option<PathBuf>, Arc<Library>> = HashMap::new();
    for f in files {
        let file = resolver.file(f)?;
        if !file.included && stdin.as_ref() != Some(f) {
            note_excluded(&a.paths, f, file.config());
            continue;
        }
        let key = file.shared.library_dir.clone();
        if !libraries.contains_key(&key) {
            libraries.insert(key.clone(), resolver.library_for(f, true)?);
        }
        jobs.push((f, file, key));
    }
    // The rubric the SARIF rule table lists: the first file's (or, with no file to score, the
    // current folder's).
    let first = match jobs.first() {
        Some(j) => j.2.clone(),
        None => {
            let lib = resolver.library_for(Path::new("."), true)?;
            let key = resolver.shared_for(Path::new("."))?.library_dir.clone();
            libraries.entry(key.clone()).or_insert(lib);
            key
        }
    };
    let mut scorers: HashMap<Option<PathBuf>, Scorer<'_>> = HashMap::new();
    for (key, lib) in &libraries {
        scorers.insert(key.clone(), Scorer::new(lib).map_err(Failure::Library)?);
    }
    // Every file on every core; results in file order.
    let progress = std::sync::Mutex::new(Progress::stderr(
        "採点中",
        jobs.len(),
        matches!(a.format, OutputFormat::Human),
    ));
    let scored = super::parallel::map_ordered(&jobs, |(f, file, lib)| {
        let path = f.display().to_string();
        let scorer = &scorers[lib];
        let mut file = file.clone();
        let read = if stdin.as_ref() == Some(*f) {
            super::read_stdin()
        } else {
            read_input(f).map(|l| l.bytes)
        };
        let out = match read.and_then(|b| decode::decode(&b).map_err(|e| e.to_string())) {
            Ok(d) => {
                // A question named in the front matter sets the part limits (as in `itsm lint`).
                let _ = resolver.read_question(&mut file, f, &d.text);
                Ok((
                    scorer.score_with(&path, &d.text, &file.settings, file.vocab()),
                    file.min_score,
                ))
            }
            Err(msg) => Err((path, msg)),
        };
        progress
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .tick();
        out
    });
    let mut reports = Vec::new();
    for s in scored {
        match s {
            Ok((mut report, min)) => {
                if let Some(m) = min {
                    report.apply_min_score(m);
                }
                reports.push(report);
            }
            Err(m) => unreadable.push(m),
        }
    }
    let mut progress = progress
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    progress.finish();
    let out = match a.format {
        OutputFormat::Human => render::human(&reports),
        OutputFormat::Json => render::json(&reports),
        OutputFormat::Sarif => render::sarif(&reports, scorers[&first].rubric()),
        OutputFormat::Github => render::github(&reports),
    };
    print_out(&out)?;
    if !unreadable.is_empty() {
        for (path, m) in &unreadable {
            note(
                Note::Error,
                Some(path),
                None,
                &format!(
                    "採点できません: {}: {m}",
                    crate::text::visible::visible(path)
                ),
            );
        }
        return Ok(Exit::Error);
    }
    // A text below the threshold, or capped at D whatever its total, fails `--min-score`.
    let below = reports
        .iter()
        .any(|r| r.min_score.as_ref().is_some_and(|m| !m.pass));
    Ok(Exit::findings_if(below))
}
