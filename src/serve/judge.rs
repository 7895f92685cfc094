//! `POST /api/check` and `POST /api/genkou`: the judgement of `itsm lint`, `itsm score` and
//! `itsm count` on a text the page sends, under the settings those commands would use for a file
//! at the request's `path` (`docs/serve-api.md` §6–7).
//!
//! Exactly the CLI's judgement: settings come from the one resolver ([`Resolver`]), the text goes
//! through the same core calls (`lint::judge` once, whose findings are both the lint answer and
//! what `Scorer::score_judged` deducts for, as `itsm score` does; `FileCount::of`), and
//! the answers are the CLI's JSON documents as values (`report::json_value`,
//! `score::render::json_value`, `report::count::json_value`). The resolver, the libraries, the
//! vocabularies and the scorers are built once and shared; nothing is parsed again per request
//! except the request itself.

use super::api::ApiError;
use super::repo::{Repo, RepoPath};
use crate::config::{FileSettings, ResolveError, Resolver, resolve};
use crate::diagnostic::codes::question_unreadable;
use crate::document::Kind;
use crate::exam::{self, CountMode, PAGE_ROWS, Question, ROW_CELLS};
use crate::library::Library;
use crate::lint;
use crate::report::{self, count::FileCount};
use crate::score::{Scorer, render};
use axum::http::StatusCode;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

/// What a check or a layout is asked for.
#[derive(Debug, Default)]
pub(crate) struct CheckRequest {
    pub text: String,
    pub kind: Option<Kind>,
    pub theme: Option<String>,
    /// A question text (as the content of `--question FILE`).
    pub question: Option<String>,
    pub path: Option<RepoPath>,
}

/// The settings resolver and one scorer per library, for the server's lifetime.
pub(crate) struct Judge {
    resolver: Resolver,
    scorers: Mutex<HashMap<Option<PathBuf>, Arc<Scorer<'static>>>>,
}

/// The settings of one request's text.
struct Resolved {
    file: FileSettings,
    /// `path` as the reports show it, or `<input>`.
    shown: String,
    /// Why the front matter's `question:` could not be used (IO003), if it could not.
    question_error: Option<String>,
}

impl Judge {
    /// Build the settings and the scorer for DIR itself now, so a broken config or library stops
    /// the server before it starts (the rules' patterns compile on first need, as in the CLI).
    pub fn new(resolver: Resolver, root: &Path) -> Result<Judge, ResolveError> {
        let judge = Judge {
            resolver,
            scorers: Mutex::default(),
        };
        let file = judge.resolver.file(&root.join("<input>"))?;
        judge.scorer(&root.join("<input>"), &file)?;
        Ok(judge)
    }

    pub fn resolver(&self) -> &Resolver {
        &self.resolver
    }

    /// The library of DIR's config (themes for `/api/info`).
    pub fn library(&self, root: &Path) -> Result<Arc<Library>, ResolveError> {
        self.resolver.library_for(root, true)
    }

    fn scorer(
        &self,
        path: &Path,
        file: &FileSettings,
    ) -> Result<Arc<Scorer<'static>>, ResolveError> {
        let key = file.shared.library_dir.clone();
        if let Some(s) = self
            .scorers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
        {
            return Ok(s.clone());
        }
        let lib = self.resolver.library_for(path, true)?;
        let scorer = Arc::new(Scorer::shared(lib).map_err(ResolveError::Library)?);
        Ok(self
            .scorers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(key)
            .or_insert(scorer)
            .clone())
    }

    /// The settings `itsm lint`/`score` would use for the request's text, include/exclude aside.
    fn resolve(&self, repo: &Repo, req: &CheckRequest) -> Result<Resolved, ApiError> {
        // A file at `path` in DIR, or at DIR's top level (a name no `kinds:` glob matches).
        let at = match &req.path {
            Some(p) => repo.settings_path(p),
            None => repo.root().join("<input>"),
        };
        let mut file = self.resolver.file(&at).map_err(resolve_error)?;
        if let Some(k) = req.kind {
            file.settings.kind = Some(k);
        }
        if let Some(t) = &req.theme {
            file.settings.theme = Some(file.theme_id(t).map_err(resolve_error)?);
        }
        let mut question_error = None;
        match (&req.question, &req.path) {
            (Some(q), _) => file.set_question(parse_question(q)?),
            (None, Some(p)) => {
                // The front matter's `question:`, relative to the essay, inside DIR only.
                if let Some(rel) = resolve::front_matter_question(&p.as_path(), &req.text) {
                    match repo.read_question_file(&rel) {
                        Ok(q) => file.set_question(q),
                        Err(m) => question_error = Some(m),
                    }
                }
            }
            (None, None) => {}
        }
        Ok(Resolved {
            file,
            shown: req
                .path
                .as_ref()
                .map_or_else(|| "<input>".to_owned(), |p| p.as_str().to_owned()),
            question_error,
        })
    }

    /// `{lint, score, count}`: the CLI's three JSON documents for the text.
    pub fn check(&self, repo: &Repo, req: &CheckRequest) -> Result<Value, ApiError> {
        let r = self.resolve(repo, req)?;
        let at = match &req.path {
            Some(p) => repo.settings_path(p),
            None => repo.root().join("<input>"),
        };
        let settings = &r.file.settings;
        let scorer = self.scorer(&at, &r.file).map_err(resolve_error)?;
        // One pass of the rules: the score reads the findings the lint view shows.
        let judgement = lint::judge(&r.shown, &req.text, r.file.vocab(), settings);
        let score = scorer.score_judged(&judgement);
        let mut lint_report = judgement.report;
        if let Some(m) = r.question_error {
            lint_report.diagnostics.insert(0, question_unreadable(m));
        }
        let count = FileCount::of(
            r.shown.clone(),
            &req.text,
            settings,
            CountMode::ALL.to_vec(),
            None,
        );
        Ok(json!({
            "lint": report::json_value(std::slice::from_ref(&lint_report)),
            "score": render::json_value(std::slice::from_ref(&score)),
            "count": report::count::json_value(std::slice::from_ref(&count)),
        }))
    }

    /// The 原稿用紙 layout of the text, cell by cell, per part (§7).
    pub fn genkou(&self, repo: &Repo, req: &CheckRequest) -> Result<Value, ApiError> {
        let r = self.resolve(repo, req)?;
        let doc = lint::parse_document(&req.text, &r.file.settings);
        let rows_json = |rows: Vec<exam::SheetRow>| -> Vec<Value> {
            rows.into_iter()
                .map(|r| json!({"cells": r.cells, "hang": r.hang}))
                .collect()
        };
        let parts: Vec<Value> = if doc.parts.is_empty() {
            vec![json!({"part": null, "rows": rows_json(exam::layout_whole(&doc))})]
        } else {
            doc.parts
                .iter()
                .map(|p| {
                    json!({
                        "part": p.label.to_string(),
                        "rows": rows_json(exam::layout_part(&doc, p)),
                    })
                })
                .collect()
        };
        Ok(json!({
            "version": 1,
            "kind": doc.kind.as_str(),
            "row_cells": ROW_CELLS,
            "page_rows": PAGE_ROWS,
            "parts": parts,
        }))
    }
}

/// A question text, or 422 `bad_question` with the parser's message.
pub(crate) fn parse_question(text: &str) -> Result<Question, ApiError> {
    Question::parse(text).map_err(|e| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "bad_question",
            e.to_string(),
        )
    })
}

/// A settings error as the API reports it: an unknown theme with the CLI's message, a broken
/// config or library as 422, anything else as 500.
pub(crate) fn resolve_error(e: ResolveError) -> ApiError {
    match e {
        ResolveError::UnknownTheme { given, valid } => ApiError::new(
            StatusCode::BAD_REQUEST,
            "unknown_theme",
            crate::text::unknown_theme(&given, valid.iter().map(|(i, n)| (i.as_str(), n.as_str()))),
        ),
        ResolveError::Config(r) => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "bad_config",
            format!(
                "設定ファイル（itsm.yaml）に誤りがあります: {}（itsm config で確かめてください）",
                r.diagnostics.first().map_or("", |d| d.message.as_str())
            ),
        ),
        ResolveError::Library(l) => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "bad_config",
            format!(
                "ライブラリ（library:）に誤りがあります: {}（itsm list で確かめてください）",
                l.reports
                    .iter()
                    .flat_map(|r| &r.diagnostics)
                    .next()
                    .map_or("", |d| d.message.as_str())
            ),
        ),
        ResolveError::Io(m) => ApiError::internal(m),
    }
}
