//! `GET /api/essays`, `GET /api/essays/<path>`, `PUT /api/essays/<path>` (`docs/serve-api.md`
//! §4): listing the repository's essays, opening one as the page needs it (decoded, split into
//! its parts with the parser `itsm lint` uses), and saving with a version check.
//!
//! A save is serialised per file (one lock per resolved path) and, under the lock, compares the
//! file's current bytes with the version the page opened (`If-Match`, a SHA-256 ETag) before it
//! writes atomically ([`super::fsio::write_atomic`]): two saves from the same version never both
//! succeed, and an edit made on disk since the page opened the file is never overwritten
//! silently (409 with the file as it is now).

use super::api::ApiError;
use super::fsio::{self, ReadError, Save};
use super::judge::Judge;
use super::questions::is_question;
use super::repo::{Repo, RepoPath, etag, rfc3339};
use crate::document::{FrontMatter, LineKind};
use crate::lint;
use crate::text::decode;
use axum::http::StatusCode;
use serde_json::{Value, json};
use std::sync::PoisonError;

/// The essays of the repository (§4.2): every file `itsm lint DIR` would read, except question
/// files and files that cannot be decoded, sorted by path.
pub(crate) fn list(repo: &Repo, judge: &Judge) -> Result<Value, ApiError> {
    let mut essays = Vec::new();
    for (p, file) in repo.files() {
        let Ok(bytes) = fsio::read_regular(&file) else {
            continue;
        };
        let Ok(d) = decode::decode(&bytes) else {
            continue;
        };
        if is_question(&p, &d.text) {
            continue;
        }
        let settings = judge
            .resolver()
            .file(&repo.settings_path(&p))
            .map_err(super::judge::resolve_error)?
            .settings;
        let doc = lint::parse_document(&d.text, &settings);
        let title = doc
            .lines
            .iter()
            .filter(|l| l.kind != LineKind::Skipped)
            .map(|l| &d.text[l.range.clone()])
            .find(|l| l.starts_with("# "))
            .map(|l| l.trim_start_matches('#').trim().to_owned());
        let modified = std::fs::metadata(&file)
            .and_then(|m| m.modified())
            .map(rfc3339)
            .ok();
        essays.push(json!({
            "path": p.as_str(),
            "title": title,
            "kind": doc.kind.as_str(),
            "theme": doc.front_matter.get("theme"),
            "bytes": bytes.len(),
            "modified": modified,
        }));
    }
    Ok(json!({"version": 1, "essays": essays}))
}

/// One essay as the page opens it (§4.3), and its ETag.
pub(crate) fn open(repo: &Repo, judge: &Judge, p: &RepoPath) -> Result<(Value, String), ApiError> {
    let target = repo.resolve(p)?;
    if !target.exists {
        return Err(ApiError::not_found(format!("{} はありません", p.as_str())));
    }
    let bytes = repo.read(p, &target.real)?;
    let d = decode::decode(&bytes)
        .map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "not_text", e.to_string()))?;
    let settings = judge
        .resolver()
        .file(&repo.settings_path(p))
        .map_err(super::judge::resolve_error)?
        .settings;
    let text = &d.text;
    let doc = lint::parse_document(text, &settings);
    let fm = FrontMatter::parse(text).filter(|f| f.closed);
    let fm_end = fm.as_ref().map_or(0, |f| f.range.end);
    let first_part = doc.parts.first().map_or(text.len(), |p| p.heading.start);
    let parts: Vec<Value> = doc
        .parts
        .iter()
        .map(|part| {
            json!({
                "label": part.label.to_string(),
                "heading": &text[part.heading.clone()],
                "body": &text[part.body.clone()],
            })
        })
        .collect();
    let tag = etag(&bytes);
    let v = json!({
        "path": p.as_str(),
        "etag": tag,
        "text": text,
        "converted_from": d.converted_from,
        "front_matter_raw": &text[..fm_end],
        "front_matter": doc.front_matter.iter().map(|(k, v)| json!([k, v])).collect::<Vec<_>>(),
        "preamble": text.get(fm_end..first_part.max(fm_end)).unwrap_or(""),
        "parts": parts,
    });
    Ok((v, tag))
}

/// What a save requires of the file on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Precondition {
    /// `If-Match`: the file exists with this ETag (`*`: exists at all).
    Matches(String),
    /// `If-None-Match: *`: nothing exists there.
    Absent,
}

/// The saved file: (201 for a new file else 200, body, ETag).
pub(crate) fn save(
    repo: &Repo,
    p: &RepoPath,
    text: &str,
    pre: &Precondition,
) -> Result<(StatusCode, Value, String), ApiError> {
    let target = repo.resolve(p)?;
    if !target.folder_exists {
        return Err(Repo::no_folder(p));
    }
    let lock = repo.lock_for(&target.real);
    let _held = lock.lock().unwrap_or_else(PoisonError::into_inner);
    let current = match fsio::read_regular(&target.real) {
        Ok(b) => Some(b),
        Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(repo.read_error(p, e)),
    };
    let conflict = |message: String, current: Option<&[u8]>| {
        let now = current.map(|b| {
            json!({
                "text": decode::decode(b)
                    .map(|d| d.text)
                    .unwrap_or_else(|_| String::from_utf8_lossy(b).into_owned()),
                "etag": etag(b),
            })
        });
        ApiError::new(StatusCode::CONFLICT, "conflict", message)
            .with("current", now.unwrap_or(Value::Null))
    };
    let how = match (pre, &current) {
        (Precondition::Matches(_), None) => {
            return Err(conflict(
                format!("{} は開いた後に削除されています", p.as_str()),
                None,
            ));
        }
        (Precondition::Matches(tag), Some(cur)) => {
            if tag != "*" && *tag != etag(cur) {
                return Err(conflict(
                    format!("{} は開いた後に変更されています", p.as_str()),
                    Some(cur),
                ));
            }
            Save::Replace(fsio::Fingerprint::of_bytes(cur))
        }
        (Precondition::Absent, Some(cur)) => {
            return Err(conflict(
                format!("{} はすでにあります", p.as_str()),
                Some(cur),
            ));
        }
        (Precondition::Absent, None) => Save::Create,
    };
    let bytes = text.as_bytes();
    if let Err(e) = fsio::write_atomic(&target.real, bytes, how) {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            // Created, changed or removed by someone else (outside the server) between the
            // check and the write.
            let now = fsio::read_regular(&target.real).ok();
            let message = match how {
                Save::Create => format!("{} はすでにあります", p.as_str()),
                Save::Replace(_) => format!("{} は開いた後に変更されています", p.as_str()),
            };
            return Err(conflict(message, now.as_deref()));
        }
        return Err(ApiError::internal(format!(
            "{} に書き込めません: {e}",
            p.as_str()
        )));
    }
    eprintln!(
        "itsm serve: 保存しました: {}（{} バイト）",
        p.as_str(),
        bytes.len()
    );
    let tag = etag(bytes);
    let status = match how {
        Save::Create => StatusCode::CREATED,
        Save::Replace(_) => StatusCode::OK,
    };
    Ok((
        status,
        json!({"path": p.as_str(), "etag": tag, "bytes": bytes.len()}),
        tag,
    ))
}
