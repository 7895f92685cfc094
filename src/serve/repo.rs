//! The study repository the server was started on (DIR): which request paths are accepted, where
//! they lead on disk, which files are listed, and reading them (`docs/serve-api.md` §4.1).
//!
//! Every path from a request is checked here before anything touches the disk: relative, no
//! `.`/`..`/hidden segment, `.md` or `.txt`; then resolved with symlinks followed, and refused
//! unless the result is inside DIR (also resolved) and, when it exists, a regular file.

use super::api::ApiError;
use super::fsio::{self, ReadError};
use crate::config::resolve;
use crate::exam::Question;
use axum::http::StatusCode;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

/// A path relative to DIR as the API spells it (`essays/a.md`), already checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RepoPath(String);

impl RepoPath {
    /// Check a decoded path against §4.1's rules; `root_name` is DIR's name for the message.
    pub fn parse(s: &str, root_name: &str) -> Result<RepoPath, ApiError> {
        let ok = !s.is_empty()
            && !s.contains(['\\', '\0'])
            && !s.starts_with('/')
            && s.split('/')
                .all(|seg| !seg.is_empty() && !seg.starts_with('.'))
            && (s.ends_with(".md") || s.ends_with(".txt"));
        if ok {
            Ok(RepoPath(s.to_owned()))
        } else {
            Err(bad_path(root_name))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The path relative to DIR (as the CLI would be given it, run in DIR).
    pub fn as_path(&self) -> PathBuf {
        self.0.split('/').collect()
    }

    /// The folder part with a trailing `/` (`essays/`), for messages.
    fn folder(&self) -> String {
        match self.0.rsplit_once('/') {
            Some((d, _)) => format!("{d}/"),
            None => "./".into(),
        }
    }
}

fn bad_path(root_name: &str) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "bad_path",
        format!("パスは {root_name} の中の .md か .txt のファイルを、相対パスで指定してください"),
    )
}

/// Where a checked path leads.
#[derive(Debug)]
pub(crate) struct Target {
    /// The file on disk, symlinks resolved (inside DIR).
    pub real: PathBuf,
    /// Whether it exists (then it is a regular file).
    pub exists: bool,
    /// Whether its folder exists (inside DIR).
    pub folder_exists: bool,
}

/// DIR and the per-path save locks.
pub(crate) struct Repo {
    root: PathBuf,
    name: String,
    locks: Mutex<HashMap<PathBuf, Arc<Mutex<()>>>>,
}

impl Repo {
    /// DIR, resolved; a message when it is not a folder.
    pub fn open(dir: &Path) -> Result<Repo, String> {
        let root = dir
            .canonicalize()
            .map_err(|e| format!("{} を開けません: {e}", dir.display()))?;
        if !root.is_dir() {
            return Err(format!("{} はフォルダではありません", dir.display()));
        }
        let name = root
            .file_name()
            .map_or_else(|| "/".to_owned(), |n| n.to_string_lossy().into_owned());
        Ok(Repo {
            root,
            name,
            locks: Mutex::default(),
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// DIR's last path component (display only).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Check a decoded request path.
    pub fn path(&self, s: &str) -> Result<RepoPath, ApiError> {
        RepoPath::parse(s, &self.name)
    }

    /// The path the settings are resolved for: DIR joined with the repo path, as given.
    pub fn settings_path(&self, p: &RepoPath) -> PathBuf {
        self.root.join(p.as_path())
    }

    fn forbidden(&self, what: String) -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, "forbidden_path", what)
    }

    /// Follow `p` on disk: the result must stay inside DIR and be a regular file if it exists.
    pub fn resolve(&self, p: &RepoPath) -> Result<Target, ApiError> {
        let joined = self.settings_path(p);
        let outside = || self.forbidden(format!("{} の外のファイルは開けません", self.name));
        let not_regular = || {
            self.forbidden(format!(
                "{} は通常のファイルではないため使えません",
                p.as_str()
            ))
        };
        match std::fs::symlink_metadata(&joined) {
            Ok(_) => {
                // A dangling or looping symlink cannot be resolved: never write through it.
                let real = joined.canonicalize().map_err(|_| not_regular())?;
                if !real.starts_with(&self.root) {
                    return Err(outside());
                }
                if !std::fs::metadata(&real).is_ok_and(|m| m.is_file()) {
                    return Err(not_regular());
                }
                Ok(Target {
                    real,
                    exists: true,
                    folder_exists: true,
                })
            }
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                ) =>
            {
                let name = joined.file_name().map(PathBuf::from).unwrap_or_default();
                match joined.parent().map(Path::canonicalize) {
                    Some(Ok(folder)) if folder.is_dir() => {
                        if !folder.starts_with(&self.root) {
                            return Err(outside());
                        }
                        Ok(Target {
                            real: folder.join(name),
                            exists: false,
                            folder_exists: true,
                        })
                    }
                    _ => Ok(Target {
                        real: joined,
                        exists: false,
                        folder_exists: false,
                    }),
                }
            }
            Err(e) => Err(ApiError::internal(format!("{}: {e}", p.as_str()))),
        }
    }

    /// 404 `no_folder` for a save into a folder that does not exist.
    pub fn no_folder(p: &RepoPath) -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "no_folder",
            format!("フォルダ {} はありません", p.folder()),
        )
    }

    /// The lock that serialises saves of one file.
    pub fn lock_for(&self, real: &Path) -> Arc<Mutex<()>> {
        self.locks
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(real.to_path_buf())
            .or_default()
            .clone()
    }

    /// The bytes of an existing file (a regular file inside DIR, at most 16 MiB).
    pub fn read(&self, p: &RepoPath, real: &Path) -> Result<Vec<u8>, ApiError> {
        fsio::read_regular(real).map_err(|e| self.read_error(p, e))
    }

    pub fn read_error(&self, p: &RepoPath, e: ReadError) -> ApiError {
        match e {
            ReadError::NotRegular => self.forbidden(format!(
                "{} は通常のファイルではないため使えません",
                p.as_str()
            )),
            ReadError::TooLarge => ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "file_too_large",
                format!(
                    "{} は {} MiB を超えるため開けません",
                    p.as_str(),
                    fsio::MAX_FILE / 1024 / 1024
                ),
            ),
            ReadError::Io(e) if e.kind() == std::io::ErrorKind::NotFound => {
                ApiError::not_found(format!("{} はありません", p.as_str()))
            }
            ReadError::Io(e) => ApiError::internal(format!("{}: {e}", p.as_str())),
        }
    }

    /// The question file an essay's front matter names (`rel`, relative to DIR, as the CLI run
    /// in DIR would name it): read only when it resolves inside DIR. The error is the IO003
    /// message.
    pub fn read_question_file(&self, rel: &Path) -> Result<Question, String> {
        let shown = rel.display().to_string();
        let real = match self.root.join(rel).canonicalize() {
            Ok(r) => r,
            Err(e) => {
                return Err(resolve::question_unreadable(
                    &shown,
                    &crate::fsio::ReadError::from_io(e),
                ));
            }
        };
        if !real.starts_with(&self.root) {
            return Err(format!(
                "問題文のファイル {shown} は {} の外にあるため読みません",
                self.name
            ));
        }
        match crate::fsio::read(&real, crate::fsio::limits::QUESTION) {
            Ok(loaded) => resolve::question_from_bytes(&shown, &loaded.bytes),
            Err(e) => Err(resolve::question_unreadable(&shown, &e)),
        }
    }

    /// The `*.md`/`*.txt` files `itsm lint DIR` would read (`.gitignore` respected, hidden
    /// files and folders skipped, symlinks not followed), as (repo path, file), sorted by path.
    pub fn files(&self) -> Vec<(RepoPath, PathBuf)> {
        let mut out: Vec<(RepoPath, PathBuf)> = ignore::WalkBuilder::new(&self.root)
            .require_git(false)
            .build()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
            .filter_map(|e| {
                let rel = e.path().strip_prefix(&self.root).ok()?;
                let segs: Option<Vec<&str>> = rel.iter().map(|s| s.to_str()).collect();
                let p = RepoPath::parse(&segs?.join("/"), &self.name).ok()?;
                Some((p, e.into_path()))
            })
            .collect();
        out.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
        out
    }
}

/// `"sha256-<hex>"` with the quotes: the ETag of a file's bytes.
pub(crate) fn etag(bytes: &[u8]) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(bytes);
    let mut s = String::with_capacity(73);
    s.push_str("\"sha256-");
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s.push('"');
    s
}

/// RFC 3339 UTC with seconds (`2026-01-18T09:12:03Z`).
pub(crate) fn rfc3339(t: std::time::SystemTime) -> String {
    let secs = match t.duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs() as i64),
    };
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn repo_paths_follow_the_rules() {
        for ok in ["a.md", "essays/a.md", "essays/変更.txt", "a/b/c.md"] {
            assert!(RepoPath::parse(ok, "r").is_ok(), "{ok}");
        }
        for bad in [
            "",
            "/a.md",
            "../a.md",
            "a/../b.md",
            "./a.md",
            "a//b.md",
            ".hidden.md",
            "a/.git/x.md",
            "a\\b.md",
            "a\0.md",
            "a.markdown",
            "a.md/",
            "a",
            "essays/",
        ] {
            let e = RepoPath::parse(bad, "r").unwrap_err();
            assert_eq!(e.code, "bad_path", "{bad}");
        }
    }

    #[test]
    fn dates_and_etags() {
        assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        assert_eq!(
            rfc3339(UNIX_EPOCH + Duration::from_secs(1_768_727_523)),
            "2026-01-18T09:12:03Z"
        );
        assert_eq!(
            rfc3339(UNIX_EPOCH + Duration::from_secs(951_782_400)),
            "2000-02-29T00:00:00Z"
        );
        assert_eq!(
            etag(b""),
            "\"sha256-e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\""
        );
    }
}
