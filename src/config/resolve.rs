//! The one settings resolver every command uses: for each file (or folder), which `itsm.yaml`
//! applies, and what it means once the command-line flags are laid over it — rule severities and
//! options, vocabulary (abbreviations, allowed abbreviations, banned names), the library overlay,
//! the counting mode, `fail-on`, `min-score`, the file's kind (`kinds:`), include/exclude, the
//! essay's theme and the question it answers (`--question` or front matter `question:`, whose
//! limits replace the exam's).
//!
//! Precedence, the same for every command: a flag wins over the config, the config over the
//! built-in default. `--config FILE` replaces discovery for every file; otherwise the nearest
//! `itsm.yaml` / `.itsm.yaml` above the file applies (see [`super::discover`]).
//!
//! Boundaries: the resolver reads config files, library folders and question files, and caches
//! each once; it never prints and never sees clap types (the CLI fills in [`Overrides`]). It is
//! `Send + Sync` (shared state behind `Arc` and `Mutex`), so files can be resolved from several
//! threads and a long-running server can keep one resolver.

use super::{Config, absolute, discover};
use crate::diagnostic::{FileReport, Severity};
use crate::document::{FrontMatter, Kind};
use crate::exam::{CountMode, Question};
use crate::library::{CaseSet, Library, LibraryError};
use crate::lint::{Settings, Vocabulary};
use crate::text::visible;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

/// What the command line lays over the config. Every field is optional: `None` = not given.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--config FILE`: use this config for every file instead of discovering one.
    pub config: Option<PathBuf>,
    /// `--library DIR`: the library overlay (wins over `library:`).
    pub library: Option<PathBuf>,
    /// `--kind`: force the kind of every file.
    pub kind: Option<Kind>,
    /// `--fail-on`.
    pub fail_on: Option<Severity>,
    /// `--min-score`.
    pub min_score: Option<u32>,
    /// `--theme ID` (checked against the library's themes).
    pub theme: Option<String>,
    /// `--question FILE` (wins over the essay's front matter `question:`).
    pub question: Option<PathBuf>,
}

/// Why settings could not be resolved.
#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    /// A file the user named cannot be used (message in Japanese).
    #[error("{0}")]
    Io(String),
    /// A config file is invalid (CF001 findings on it).
    #[error("設定ファイル {} に誤りがあります", .0.path)]
    Config(Box<FileReport>),
    /// The library (or its overlay) is invalid.
    #[error("{0}")]
    Library(LibraryError),
    /// `--theme` names no theme of the library.
    #[error("未知のテーマ `{given}` です")]
    UnknownTheme {
        given: String,
        /// The valid themes as (id, Japanese name).
        valid: Vec<(String, String)>,
    },
}

impl From<FileReport> for ResolveError {
    fn from(r: FileReport) -> Self {
        ResolveError::Config(Box::new(r))
    }
}

/// What every file under one config shares.
#[derive(Debug)]
pub struct Shared {
    pub config: Arc<Config>,
    /// The library overlay in effect (`--library`, else `library:`).
    pub library_dir: Option<PathBuf>,
    /// The library vocabulary with the config's additions.
    pub vocab: Arc<Vocabulary>,
    /// Settings from the config and the flags, before anything file-specific.
    pub settings: Settings,
}

/// Everything resolved for one file.
#[derive(Debug, Clone)]
pub struct FileSettings {
    pub shared: Arc<Shared>,
    /// The settings to lint and score the file with (kind by glob; the theme once
    /// [`Resolver::apply_theme`] and the question and its limits once [`Resolver::read_question`]
    /// have run).
    pub settings: Settings,
    /// The `fail-on` threshold: the flag, else the config, else error.
    pub fail_on: Severity,
    /// The `min-score` threshold: the flag, else the config.
    pub min_score: Option<u32>,
    /// The counting mode of `counting:` (CBT when not set).
    pub counting: CountMode,
    /// Whether the config's include / exclude globs select the file.
    pub included: bool,
}

impl FileSettings {
    pub fn config(&self) -> &Config {
        &self.shared.config
    }

    pub fn vocab(&self) -> &Vocabulary {
        &self.shared.vocab
    }

    /// Use `q` as the essay's question (as `--question` does): its limits replace the exam's.
    pub fn set_question(&mut self, q: Question) {
        set_question(&mut self.settings, q);
    }

    /// The id of the theme `given` names — an id (any case) or a Japanese name (「変更管理」) of
    /// the file's library themes, as front matter's `theme:`; an unknown theme is an error listing
    /// the valid ones.
    pub fn theme_id(&self, given: &str) -> Result<String, ResolveError> {
        let themes = &self.shared.vocab.themes;
        let t = given.trim();
        match themes
            .iter()
            .find(|(id, name, _)| id.eq_ignore_ascii_case(t) || name == t)
        {
            Some((id, _, _)) => Ok(id.clone()),
            None => Err(ResolveError::UnknownTheme {
                given: given.to_owned(),
                valid: themes
                    .iter()
                    .map(|(id, name, _)| (id.clone(), name.clone()))
                    .collect(),
            }),
        }
    }
}

type Cache<K, V> = Mutex<HashMap<K, V>>;

fn get_or_try<K: std::hash::Hash + Eq + Clone, V: Clone, E>(
    cache: &Cache<K, V>,
    key: &K,
    make: impl FnOnce() -> Result<V, E>,
) -> Result<V, E> {
    if let Some(v) = cache
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(key)
    {
        return Ok(v.clone());
    }
    let v = make()?;
    cache
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .entry(key.clone())
        .or_insert(v.clone());
    Ok(v)
}

/// Finds, checks and caches the configuration of each file, with the flags laid over it.
pub struct Resolver {
    overrides: Overrides,
    explicit: Option<Arc<Config>>,
    flag_question: Option<Question>,
    by_dir: Cache<PathBuf, Arc<Config>>,
    by_file: Cache<PathBuf, Arc<Config>>,
    libraries: Cache<(Option<PathBuf>, CaseSet), Arc<Library>>,
    vocab: Cache<Option<PathBuf>, Arc<Vocabulary>>,
    shared: Cache<Option<PathBuf>, Arc<Shared>>,
    questions: Cache<PathBuf, Result<Question, String>>,
}

impl Resolver {
    /// A resolver for these flags. Reads `--config` and `--question` now, so a wrong path is
    /// reported before any file is processed.
    pub fn new(overrides: Overrides) -> Result<Resolver, ResolveError> {
        let explicit = match &overrides.config {
            Some(p) if !p.exists() => {
                return Err(ResolveError::Io(format!(
                    "設定ファイル {} が見つかりません",
                    p.display()
                )));
            }
            Some(p) => Some(Arc::new(Config::load(p)?)),
            None => None,
        };
        let flag_question = match &overrides.question {
            Some(p) => Some(read_question(p).map_err(ResolveError::Io)?),
            None => None,
        };
        Ok(Resolver {
            overrides,
            explicit,
            flag_question,
            by_dir: Mutex::default(),
            by_file: Mutex::default(),
            libraries: Mutex::default(),
            vocab: Mutex::default(),
            shared: Mutex::default(),
            questions: Mutex::default(),
        })
    }

    pub fn overrides(&self) -> &Overrides {
        &self.overrides
    }

    /// The config that applies to `path` (a file or a folder).
    pub fn config_for(&self, path: &Path) -> Result<Arc<Config>, ResolveError> {
        if let Some(c) = &self.explicit {
            return Ok(c.clone());
        }
        let abs = absolute(path);
        let dir = if abs.is_dir() {
            abs
        } else {
            abs.parent().map(Path::to_path_buf).unwrap_or(abs)
        };
        get_or_try(&self.by_dir, &dir, || {
            Ok(match discover(&dir)? {
                Some(file) => get_or_try(&self.by_file, &file, || {
                    Ok::<_, ResolveError>(Arc::new(Config::load(&file)?))
                })?,
                None => Arc::new(Config::defaults(
                    &std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
                )),
            })
        })
    }

    /// The library overlay in effect for `config`: `--library`, else its `library:`.
    fn overlay(&self, config: &Config) -> Option<PathBuf> {
        self.overrides
            .library
            .clone()
            .or_else(|| config.library.clone())
    }

    /// The library (with its overlay) for files under `path`. `with_cases` = false skips the
    /// embedded cases, which only drafting needs.
    pub fn library_for(&self, path: &Path, with_cases: bool) -> Result<Arc<Library>, ResolveError> {
        let cases = if with_cases {
            CaseSet::All
        } else {
            CaseSet::None
        };
        self.library_with(path, cases)
    }

    /// The library for files under `path` with the embedded cases `cases` selects
    /// (`CaseSet::Only`: drafting for one case decodes that case alone).
    pub fn library_with(&self, path: &Path, cases: CaseSet) -> Result<Arc<Library>, ResolveError> {
        let config = self.config_for(path)?;
        self.library(self.overlay(&config), cases)
    }

    fn library(
        &self,
        overlay: Option<PathBuf>,
        cases: CaseSet,
    ) -> Result<Arc<Library>, ResolveError> {
        // A library with every case serves any selection.
        if cases != CaseSet::All
            && let Some(full) = self
                .libraries
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .get(&(overlay.clone(), CaseSet::All))
        {
            return Ok(full.clone());
        }
        get_or_try(&self.libraries, &(overlay.clone(), cases.clone()), || {
            Library::load_cases(overlay.as_deref(), &cases)
                .map(Arc::new)
                .map_err(ResolveError::Library)
        })
    }

    /// What every file under `path`'s config shares.
    pub fn shared_for(&self, path: &Path) -> Result<Arc<Shared>, ResolveError> {
        let config = self.config_for(path)?;
        get_or_try(&self.shared, &config.source.clone(), || {
            let overlay = self.overlay(&config);
            let base_vocab = get_or_try(&self.vocab, &overlay, || {
                let terms = match &overlay {
                    // The embedded library's terms alone (compiled at build time).
                    None => Library::embedded_terms(),
                    // Linting needs no cases: skip parsing them (the largest files of the library).
                    Some(_) => self.library(overlay.clone(), CaseSet::None)?.terms(),
                };
                Ok::<_, ResolveError>(Arc::new(Vocabulary::from_terms(&terms)))
            })?;
            check_banned_against_library(&config, &base_vocab)?;
            let vocab = Arc::new(config.vocabulary(&base_vocab));
            let base = Settings {
                kind: self.overrides.kind,
                ..Settings::default()
            };
            let settings = config.settings(&base);
            Ok::<_, ResolveError>(Arc::new(Shared {
                settings,
                vocab,
                library_dir: overlay,
                config: config.clone(),
            }))
        })
    }

    /// Everything that can be resolved for `path` before reading it.
    pub fn file(&self, path: &Path) -> Result<FileSettings, ResolveError> {
        let shared = self.shared_for(path)?;
        let config = &shared.config;
        let mut settings = shared.settings.clone();
        settings.fallback_kind = config.kind_for(path);
        if let Some(q) = &self.flag_question {
            set_question(&mut settings, q.clone());
        }
        Ok(FileSettings {
            fail_on: self
                .overrides
                .fail_on
                .or(config.fail_on)
                .unwrap_or(Severity::Error),
            min_score: self.overrides.min_score.or(config.min_score),
            counting: config.counting_mode(),
            included: config.includes(path),
            settings,
            shared,
        })
    }

    /// Apply `--theme` to a file that is going to be checked: an id (any case) or a Japanese
    /// name (「変更管理」, as front matter's `theme:` takes it) of the file's library; anything else
    /// is an error.
    pub fn apply_theme(&self, file: &mut FileSettings) -> Result<(), ResolveError> {
        let Some(t) = &self.overrides.theme else {
            return Ok(());
        };
        file.settings.theme = Some(file.theme_id(t)?);
        Ok(())
    }

    /// The question an essay answers: `--question`, else its front matter `question:` (a path
    /// relative to the essay that must stay inside the repository, see [`question_root`]; each
    /// question file is read once). Sets the question and its limits in `file.settings`; the
    /// error message (IO003) when the front matter names a question that cannot be used.
    pub fn read_question(
        &self,
        file: &mut FileSettings,
        path: &Path,
        text: &str,
    ) -> Option<String> {
        if self.flag_question.is_some() {
            return None;
        }
        let named = front_matter_question(path, text)?;
        let qp = match confine(&named, &question_root(file.config(), path)) {
            Ok(p) => p,
            Err(m) => return Some(m),
        };
        let q = get_or_try(&self.questions, &qp, || Ok::<_, ()>(read_question(&qp)))
            .unwrap_or_else(|()| unreachable!("reading a question never fails the cache"));
        match q {
            Ok(q) => {
                set_question(&mut file.settings, q);
                None
            }
            Err(m) => Some(m),
        }
    }
}

/// The config's banned-word replacements must not hold a name the library bans either (the next
/// `--fix` round would replace it again).
fn check_banned_against_library(config: &Config, library: &Vocabulary) -> Result<(), ResolveError> {
    if config.banned.is_empty() {
        return Ok(());
    }
    let names: Vec<&str> = library.banned.keys().map(String::as_str).collect();
    let issues: Vec<_> = config
        .banned
        .iter()
        .filter_map(|(k, v)| {
            let found = crate::lint::banned_name_in(v, &names)?;
            Some(super::error::issue(
                None,
                format!(
                    "banned: 「{}」の言い換え「{}」に、ライブラリの禁止語「{}」が含まれています",
                    super::short(k),
                    super::short(v),
                    super::short(found)
                ),
                Some(format!(
                    "禁止語を含まない一般名にする（ライブラリの言い換え: 「{}」）",
                    super::short(&library.banned[found])
                )),
            ))
        })
        .collect();
    if issues.is_empty() {
        return Ok(());
    }
    let label = config
        .source
        .as_ref()
        .map_or_else(|| "itsm.yaml".to_owned(), |p| p.display().to_string());
    Err(super::error::error_report(&label, "", issues).into())
}

/// Use `q` as the essay's question: its limits (「800字以内」) replace the exam's.
fn set_question(settings: &mut Settings, q: Question) {
    settings.limits.apply_question(&q);
    settings.question = Some(q);
}

/// The question file named by the essay's front matter (`question: path`, relative to the essay).
pub fn front_matter_question(essay: &Path, text: &str) -> Option<PathBuf> {
    let v = FrontMatter::parse(text)?.value("question")?;
    let base = essay.parent().unwrap_or(Path::new(""));
    Some(base.join(v))
}

/// The folder a document's `question:` must stay inside: the folder of the config file that
/// applies (the study repository), else the nearest folder above the essay that holds `.git`,
/// else the folder above the essay's own folder (a study folder with `essays/` and `questions/`
/// side by side). A path written inside a document never reaches beyond it (`/etc/passwd`,
/// `../../..`, or a link pointing out); `--question` is the user's own choice and may name any
/// file.
pub fn question_root(config: &Config, essay: &Path) -> PathBuf {
    if config.source.is_some() {
        return config.base_dir.clone();
    }
    let abs = absolute(essay);
    let dir = abs.parent().map(Path::to_path_buf).unwrap_or(abs);
    if let Some(repo) = dir.ancestors().find(|d| d.join(".git").exists()) {
        return repo.to_path_buf();
    }
    // Never the file system's root: an essay in `/x.md` or `/tmp/x.md` keeps its own folder.
    match dir.parent() {
        Some(up) if up.parent().is_some() => up.to_path_buf(),
        _ => dir,
    }
}

/// `named` with every link resolved, if it lies inside `root` (links resolved too).
fn confine(named: &Path, root: &Path) -> Result<PathBuf, String> {
    let shown = visible::path(named);
    let real = std::fs::canonicalize(named)
        .map_err(|e| question_unreadable(&shown, &crate::fsio::ReadError::from_io(e)))?;
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    if real.starts_with(&root) {
        Ok(real)
    } else {
        Err(format!(
            "問題文のファイル {shown} はリポジトリ（{}）の外にあるため読みません。論文の front matter からはリポジトリの中のファイルだけを読みます（外のファイルは --question で指定する）",
            visible::path(&root)
        ))
    }
}

/// Read and parse a question file (a regular file of at most
/// [`fsio::limits::QUESTION`](crate::fsio::limits::QUESTION)); the error is a Japanese message
/// naming the file.
pub fn read_question(path: &Path) -> Result<Question, String> {
    let shown = visible::path(path);
    let loaded = crate::fsio::read(path, crate::fsio::limits::QUESTION)
        .map_err(|e| question_unreadable(&shown, &e))?;
    question_from_bytes(&shown, &loaded.bytes)
}

/// The message for a question file `shown` that cannot be read (`why`).
pub fn question_unreadable(shown: &str, why: &dyn std::fmt::Display) -> String {
    format!("問題文のファイル {shown} を読めません: {why}")
}

/// Decode and parse the bytes of the question file `shown`.
pub fn question_from_bytes(shown: &str, bytes: &[u8]) -> Result<Question, String> {
    let text = crate::text::decode::decode(bytes)
        .map_err(|e| question_unreadable(shown, &e))?
        .text;
    Question::parse(&text).map_err(|e| format!("問題文のファイル {shown}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_resolver_can_be_shared_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Resolver>();
        assert_send_sync::<FileSettings>();
    }
}
