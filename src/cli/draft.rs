//! `itsm draft`: one module paragraph, the FX + another case pair, or (`--essay`) a whole
//! 設問ア・イ・ウ essay.

use super::{Exit, Failure, SourceArgs, print_out, resolver, unknown, write_file};
use crate::draft::{self, Draft, DraftError};
use crate::fsio::Expect;
use crate::text::visible;

use crate::library::{CaseSet, Library};
use clap::ValueEnum;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct DraftArgs {
    /// 事例ID（fx, supermarket, ses, insurer）。省略すると FX 事例ともう1事例の2段落を出力する
    #[arg(long)]
    pub case: Option<String>,
    /// テーマ: ID（change）または日本語名（変更管理）。一覧は itsm list themes
    #[arg(long)]
    pub theme: String,
    /// モジュールID（itsm list modules）。省略するとテーマに合うものを選ぶ
    #[arg(long)]
    pub module: Option<String>,
    /// 候補の何番目を使うか（1から）
    #[arg(long, default_value_t = 1)]
    pub variant: usize,
    /// 出力形式
    #[arg(long, value_enum, default_value_t = DraftFormat::Text)]
    pub format: DraftFormat,
    /// ファイルに書き出す（既存ファイルは --force が無ければ上書きしない）
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
    /// 既存の出力ファイルを上書きする
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub source: SourceArgs,
    /// 設問ア・イ・ウの論文全体を Markdown で出力する（--case が必要。--module/--variant は設問イの中心となる手法を選ぶ）
    #[arg(long)]
    pub essay: bool,
    /// 論文が答える問題文のファイル（--essay と使う）。設問が求める事項を見出しにし、設問アの結びと「〜の観点」への答えを問題文に合わせる。省略するとテーマの既定の問題文（itsm list questions）に答える
    #[arg(long, value_name = "FILE")]
    pub question: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DraftFormat {
    Text,
    Markdown,
    Json,
}

pub(crate) fn run(mut a: DraftArgs) -> Result<Exit, Failure> {
    // The library of the config that applies to the current folder (`--library` wins); with
    // `--case`, only that case is decoded, with its essay content for `--essay` alone (every
    // case is needed for the pair without it).
    let cases = a
        .case
        .clone()
        .map_or(CaseSet::All, |id| CaseSet::Only { id, essay: a.essay });
    let lib = resolver(a.source.overrides())?.library_with(Path::new("."), cases)?;
    // An id or a Japanese name (「変更管理」); from here on, the id.
    a.theme = match lib.find_theme(&a.theme) {
        Some(t) => t.id.clone(),
        None => {
            return Err(super::unknown_theme(
                &a.theme,
                lib.themes.iter().map(|t| (t.id.as_str(), t.name.as_str())),
            ));
        }
    };
    let case_ids: Vec<&str> = lib.cases.iter().map(|c| c.id.as_str()).collect();
    if let Some(m) = &a.module
        && lib.module(m).is_none()
    {
        let ids: Vec<&str> = lib.modules.iter().map(|m| m.id.as_str()).collect();
        return Err(unknown("モジュール", m, &ids));
    }
    if a.essay {
        return run_essay(&lib, &a, &case_ids);
    }
    if a.question.is_some() {
        return Err(Failure::Usage(
            "--question は --essay と一緒に使います（モジュール段落は問題文に合わせません）".into(),
        ));
    }
    let drafts: Vec<Draft> = match &a.case {
        Some(cid) => {
            let case = lib
                .case(cid)
                .ok_or_else(|| unknown("事例", cid, &case_ids))?;
            vec![
                draft::draft(&lib, case, &a.theme, a.module.as_deref(), a.variant)
                    .map_err(|e| draft_failure(&lib, cid, &a.theme, e))?,
            ]
        }
        None => pair_drafts(&lib, &a)?,
    };
    let text = match a.format {
        // One paragraph as it is; two (no --case) each under a heading naming its case, so the
        // output says which case each is and lints as two modules.
        DraftFormat::Text if drafts.len() > 1 => drafts
            .iter()
            .map(|d| format!("## {}（{}）\n\n{}\n", d.case_name, d.module_name, d.text))
            .collect::<Vec<_>>()
            .join("\n"),
        DraftFormat::Text => drafts.iter().map(|d| d.text.clone()).collect::<Vec<_>>().join("\n\n") + "\n",
        DraftFormat::Markdown => drafts
            .iter()
            .map(|d| {
                format!(
                    "## {}（{}／{}）\n\n{}\n\n<!-- itsm: case={} theme={} module={} variant={}/{} -->\n",
                    d.module_name, d.case_name, d.theme_name, d.text, d.case, d.theme, d.module, d.variant, d.variants
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
        DraftFormat::Json => {
            let v = serde_json::json!({"version": 1, "drafts": drafts});
            serde_json::to_string_pretty(&v).expect("json") + "\n"
        }
    };
    deliver(&a, &text)
}

/// `--essay`: the whole essay for one case and theme.
fn run_essay(lib: &Library, a: &DraftArgs, case_ids: &[&str]) -> Result<Exit, Failure> {
    let Some(cid) = &a.case else {
        return Err(Failure::Usage(format!(
            "--essay には --case が必要です（事例: {}）",
            case_ids.join(", ")
        )));
    };
    let case = lib
        .case(cid)
        .ok_or_else(|| unknown("事例", cid, case_ids))?;
    let question = match &a.question {
        Some(p) => Some((
            p.display().to_string(),
            crate::config::resolve::read_question(p).map_err(Failure::Usage)?,
        )),
        None => None,
    };
    let essay = draft::essay::essay_for(
        lib,
        case,
        &a.theme,
        a.module.as_deref(),
        a.variant,
        question.as_ref().map(|(src, q)| (src.as_str(), q)),
    )
    .map_err(|e| draft_failure(lib, cid, &a.theme, e))?;
    for n in &essay.notes {
        eprintln!("note: {n}");
    }
    let text = match a.format {
        DraftFormat::Text | DraftFormat::Markdown => essay.text.clone(),
        DraftFormat::Json => {
            let v = serde_json::json!({"version": 1, "essay": essay});
            serde_json::to_string_pretty(&v).expect("json") + "\n"
        }
    };
    deliver(a, &text)
}

/// Seed lines 3-4: one module set in the FX case and one in another case.
fn pair_drafts(lib: &Library, a: &DraftArgs) -> Result<Vec<Draft>, Failure> {
    let fx = lib.case("fx").ok_or_else(|| {
        Failure::Usage("事例 `fx` がライブラリにありません。--case で事例を指定してください".into())
    })?;
    let first = draft::draft(lib, fx, &a.theme, a.module.as_deref(), a.variant)
        .map_err(|e| draft_failure(lib, "fx", &a.theme, e))?;
    for c in lib.cases.iter().filter(|c| c.id != "fx") {
        let cands = draft::candidates(lib, &c.id, &a.theme);
        // Prefer a different technique from the FX paragraph so the pair shows two modules.
        let pick = cands
            .iter()
            .position(|x| x.module.id != first.module)
            .or(if cands.is_empty() { None } else { Some(0) });
        if let Some(i) = pick {
            let module = a.module.as_deref().or(Some(cands[i].module.id.as_str()));
            let d = draft::draft(lib, c, &a.theme, module, 1)
                .map_err(|e| draft_failure(lib, &c.id, &a.theme, e))?;
            return Ok(vec![first, d]);
        }
    }
    Ok(vec![first])
}

fn draft_failure(lib: &Library, case: &str, theme: &str, e: DraftError) -> Failure {
    match e {
        DraftError::NoModule { suggestions } => Failure::Usage(format!(
            "事例 `{case}` でテーマ `{theme}` を扱うモジュールがありません。近いテーマ: {}",
            if suggestions.is_empty() {
                "なし".to_owned()
            } else {
                suggestions.join(", ")
            }
        )),
        DraftError::NoVariant {
            requested,
            available,
        } => Failure::Usage(format!(
            "--variant {requested} は範囲外です（事例 `{case}`・テーマ `{theme}` の候補は {available} 件: 1〜{available}）"
        )),
        DraftError::ModuleMismatch { reason } => {
            let _ = lib;
            Failure::Usage(reason)
        }
        DraftError::NoEssay { module, offered } => {
            let name = lib
                .module(&module)
                .map_or(module.as_str(), |m| m.name.as_str());
            let list = offered
                .iter()
                .map(|(v, _, n)| format!("--variant {v}（{n}）"))
                .collect::<Vec<_>>()
                .join("、");
            Failure::Usage(format!(
                "事例 `{case}`・テーマ `{theme}` では、{name}を中心にした論文は用意していません（ライブラリに、この手法で書いた設問ア〜ウの文がありません）。\n論文にできる候補: {}\nこの手法の段落だけなら: itsm draft --case {case} --theme {theme} --module {module}",
                if list.is_empty() {
                    "なし".to_owned()
                } else {
                    list
                }
            ))
        }
        DraftError::Template(r) => Failure::Report(r),
    }
}

/// Print the draft, or write it to `-o FILE` (atomically; anything that exists, even a dangling
/// link, is refused without `--force`; see [`crate::fsio`] for links and special files).
fn deliver(a: &DraftArgs, text: &str) -> Result<Exit, Failure> {
    match &a.output {
        Some(path) => {
            let expect = if a.force { Expect::Any } else { Expect::New };
            let written = write_file(path, text.as_bytes(), expect)?;
            if written.path == *path {
                eprintln!("{} に書き出しました", visible::path(path));
            } else {
                eprintln!(
                    "{} に書き出しました（{} のリンク先）",
                    visible::path(&written.path),
                    visible::path(path)
                );
            }
        }
        None => print_out(text)?,
    }
    Ok(Exit::Clean)
}
