//! `GET /api/questions` and `POST /api/questions/parse` (`docs/serve-api.md` §5): the
//! repository's question files and pasted questions, as [`Question::parse`] reads them (the
//! parser `itsm lint --question` uses).

use super::api::ApiError;
use super::judge::Judge;
use super::repo::{Repo, RepoPath};
use crate::document::FrontMatter;
use crate::exam::Question;
use crate::text::decode;
use serde_json::{Value, json};

/// Whether a repository file is a question: under a folder named `questions`, or front matter
/// `kind: question`.
pub(crate) fn is_question(p: &RepoPath, text: &str) -> bool {
    let s = p.as_str();
    let folders = s.rsplit_once('/').map_or("", |(d, _)| d);
    folders.split('/').any(|f| f == "questions")
        || FrontMatter::parse(text)
            .and_then(|f| f.value("kind"))
            .as_deref()
            == Some("question")
}

/// The first non-blank line after the front matter, `#` marks removed, at most 80 characters;
/// `None` when that line is itself a 設問 line.
fn title(text: &str) -> Option<String> {
    let start = FrontMatter::parse(text).map_or(0, |f| f.range.end);
    let line = text[start..]
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())?;
    if Question::parse(line).is_ok() {
        return None;
    }
    let t = line.trim_start_matches('#').trim();
    Some(t.chars().take(80).collect())
}

/// The question object of §5.1.
pub(crate) fn object(
    text: &str,
    id: Option<String>,
    source: &str,
    path: Option<&str>,
    theme: Option<String>,
) -> Value {
    let (parts, error) = match Question::parse(text) {
        Ok(q) => (
            q.parts
                .iter()
                .map(|p| {
                    json!({
                        "label": p.label.to_string(),
                        "text": p.text,
                        "points": p.points,
                        "viewpoints": p.viewpoints,
                        "min": p.min,
                        "max": p.max,
                    })
                })
                .collect(),
            Value::Null,
        ),
        Err(e) => (
            Vec::new(),
            json!({"code": "bad_question", "message": e.to_string()}),
        ),
    };
    json!({
        "id": id,
        "source": source,
        "path": path,
        "title": title(text),
        "theme": theme,
        "parts": parts,
        "text": text,
        "error": error,
    })
}

/// §5.2: the repository's question files, sorted by path, then the built-in ones.
pub(crate) fn list(repo: &Repo, judge: &Judge) -> Result<Value, ApiError> {
    let mut out = Vec::new();
    for (p, file) in repo.files() {
        let Ok(bytes) = super::fsio::read_regular(&file) else {
            continue;
        };
        let Ok(d) = decode::decode(&bytes) else {
            continue;
        };
        if !is_question(&p, &d.text) {
            continue;
        }
        // `theme:` as an id or a theme name, returned as the id (null when it names none).
        let theme = FrontMatter::parse(&d.text)
            .and_then(|f| f.value("theme"))
            .and_then(|t| {
                judge
                    .resolver()
                    .file(&repo.settings_path(&p))
                    .ok()?
                    .theme_id(&t)
                    .ok()
            });
        out.push(object(
            &d.text,
            Some(format!("repo:{}", p.as_str())),
            "repo",
            Some(p.as_str()),
            theme,
        ));
    }
    // Then the library's default question of each theme, in theme order.
    let lib = judge
        .library(repo.root())
        .map_err(super::judge::resolve_error)?;
    for q in &lib.questions {
        out.push(object(
            &q.text,
            Some(format!("builtin:{}", q.theme)),
            "builtin",
            None,
            Some(q.theme.clone()),
        ));
    }
    Ok(json!({"version": 1, "questions": out}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_skip_front_matter_and_setsumon_lines() {
        assert_eq!(
            title("---\nkind: question\n---\n\n# 問1　変更管理について\n\n設問ア　…800字以内で述べよ。\n")
                .as_deref(),
            Some("問1　変更管理について")
        );
        assert_eq!(title("設問ア　概要を800字以内で述べよ。\n"), None);
        assert_eq!(title("\n\n"), None);
        assert_eq!(title(&"長".repeat(100)).unwrap().chars().count(), 80);
    }
}
