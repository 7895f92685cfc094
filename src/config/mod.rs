//! Study-repo configuration: `itsm.yaml` (or `.itsm.yaml`).
//!
//! Purpose: turn a config file into checked values — rule severities and options, extra
//! vocabulary, the library overlay, counting mode, `fail-on`, `min-score`, file kinds by glob and
//! include/exclude globs — and hand them to the core as [`Settings`] and [`Vocabulary`].
//!
//! Boundaries: this module reads and validates one file and answers questions about paths; it
//! never sees command-line flags (the CLI lays flags over the result) and never prints. Every
//! error is a [`FileReport`] pointing at the file, line and column, naming the key and the valid
//! choices, so it renders through the same diagnostic renderer as lint findings.
//!
//! Discovery: the nearest `itsm.yaml` / `.itsm.yaml` walking up from a linted file's folder wins
//! (files are not merged); `--config FILE` replaces discovery. Globs and `library:` are relative
//! to the folder of the config file.

use crate::diagnostic::{FileReport, Severity};
use crate::exam::CountMode;
use crate::lint::registry::{self, RULES, options_of};
use crate::lint::{Kind, Settings, Vocabulary};
use crate::text::did_you_mean;
use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use serde_saphyr::Spanned;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

mod dump;
mod error;
mod raw;
pub mod resolve;

pub use dump::Node;
use error::{Issue, error_report, is_blank_yaml, issue, span_of, yaml_error};
use raw::{Ordered, Raw, RawRule, Scalar};
pub use resolve::{FileSettings, Overrides, ResolveError, Resolver};

/// File names looked for in each folder, in this order.
pub const FILE_NAMES: [&str; 2] = ["itsm.yaml", ".itsm.yaml"];

/// Top-level keys (for "did you mean" and the documentation).
pub const KEYS: [&str; 11] = [
    "rules",
    "abbreviations",
    "allowed-abbreviations",
    "banned",
    "library",
    "counting",
    "fail-on",
    "min-score",
    "kinds",
    "include",
    "exclude",
];

/// Values a rule's severity can take.
pub const LEVELS: [&str; 4] = ["off", "info", "warning", "error"];

/// What the config says about one rule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleConfig {
    /// `None` = not set; `Some(None)` = off; `Some(Some(s))` = run at `s`.
    pub severity: Option<Option<Severity>>,
    /// Option key → value.
    pub options: BTreeMap<&'static str, usize>,
}

/// A checked configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file it came from (`None`: built-in defaults).
    pub source: Option<PathBuf>,
    /// Folder that globs and `library:` are relative to (absolute).
    pub base_dir: PathBuf,
    /// Rule code → settings.
    pub rules: BTreeMap<&'static str, RuleConfig>,
    /// Abbreviation → gloss (added to the glossary: S002 help and `--fix`).
    pub abbreviations: BTreeMap<String, String>,
    /// Abbreviations allowed without explanation.
    pub allowed_abbreviations: Vec<String>,
    /// Banned name → generic wording.
    pub banned: BTreeMap<String, String>,
    /// Library overlay folder, resolved against `base_dir`.
    pub library: Option<PathBuf>,
    /// Counting mode for the length rule (E004) and `itsm count`; laid over [`Settings::counting`].
    pub counting: Option<CountMode>,
    pub fail_on: Option<Severity>,
    /// Threshold for `itsm score` (stored here; the score command reads it).
    pub min_score: Option<u32>,
    /// Glob → kind, first match wins.
    pub kinds: Vec<(String, Kind)>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    kind_globs: Vec<(GlobSet, Kind)>,
    include_set: GlobSet,
    exclude_set: GlobSet,
}

impl Config {
    /// Built-in defaults, with globs relative to `base_dir`.
    pub fn defaults(base_dir: &Path) -> Config {
        Config {
            source: None,
            base_dir: absolute(base_dir),
            rules: BTreeMap::new(),
            abbreviations: BTreeMap::new(),
            allowed_abbreviations: Vec::new(),
            banned: BTreeMap::new(),
            library: None,
            counting: None,
            fail_on: None,
            min_score: None,
            kinds: Vec::new(),
            include: Vec::new(),
            exclude: Vec::new(),
            kind_globs: Vec::new(),
            include_set: GlobSet::empty(),
            exclude_set: GlobSet::empty(),
        }
    }

    /// Read and check a config file.
    pub fn load(path: &Path) -> Result<Config, FileReport> {
        let label = path.display().to_string();
        let bytes = crate::fsio::read(path, crate::fsio::limits::CONFIG)
            .map_err(|e| {
                error_report(
                    &label,
                    "",
                    vec![issue(
                        None,
                        format!("設定ファイルを読み込めません: {e}"),
                        None,
                    )],
                )
            })?
            .bytes;
        let text = crate::text::decode::decode(&bytes)
            .map_err(|e| error_report(&label, "", vec![issue(None, e.to_string(), None)]))?
            .text;
        let dir = path.parent().unwrap_or(Path::new("."));
        let mut c = Config::parse(&label, &text, dir)?;
        c.source = Some(absolute(path));
        Ok(c)
    }

    /// Check config `text` (shown as `label` in errors) whose globs are relative to `base_dir`.
    pub fn parse(label: &str, text: &str, base_dir: &Path) -> Result<Config, FileReport> {
        let raw: Raw = if is_blank_yaml(text) {
            Raw::default()
        } else {
            serde_saphyr::from_str(text).map_err(|e| yaml_error(label, text, &e))?
        };
        let mut c = Config::defaults(base_dir);
        let mut issues = Vec::new();
        c.check_rules(text, raw.rules, &mut issues);
        for (k, v) in raw.abbreviations.0 {
            if k.value.trim().is_empty() || v.value.trim().is_empty() {
                issues.push(issue(
                    span_of(text, &k),
                    "abbreviations の略語と説明は空にできません".into(),
                    Some("例: `abbreviations: {PMO: プロジェクト管理の専任組織}`".into()),
                ));
            } else {
                c.abbreviations.insert(k.value, v.value);
            }
        }
        for a in raw.allowed_abbreviations {
            if a.value.trim().is_empty() {
                issues.push(issue(
                    span_of(text, &a),
                    "allowed-abbreviations に空の語があります".into(),
                    None,
                ));
            } else {
                c.allowed_abbreviations.push(a.value);
            }
        }
        let mut banned = Vec::new();
        for (k, v) in raw.banned.0 {
            if k.value.trim().is_empty() || v.value.trim().is_empty() {
                issues.push(issue(
                    span_of(text, &k),
                    "banned の禁止語と言い換えは空にできません".into(),
                    Some("例: `banned: {製品名: 一般名}`".into()),
                ));
            } else {
                banned.push((k, v));
            }
        }
        // A replacement that holds a banned word (its own or another) would be replaced again
        // by the next `--fix` round: `{Foo: "Bar、Bar", Bar: "Foo、Foo"}` doubles the text each
        // time. Checked against every name at once (linear in the config's size).
        let names: Vec<&str> = banned.iter().map(|(k, _)| k.value.as_str()).collect();
        let mut bad = vec![false; banned.len()];
        for (i, (k, v)) in banned.iter().enumerate() {
            let Some(found) = crate::lint::banned_name_in(&v.value, &names) else {
                continue;
            };
            bad[i] = true;
            let message = if found == k.value {
                format!(
                    "言い換え「{}」に禁止語「{}」そのものが含まれています",
                    short(&v.value),
                    short(&k.value)
                )
            } else {
                format!(
                    "「{}」の言い換え「{}」に、別の禁止語「{}」が含まれています",
                    short(&k.value),
                    short(&v.value),
                    short(found)
                )
            };
            issues.push(issue(
                span_of(text, v),
                message,
                Some(
                    "禁止語を含まない一般名にする（--fix が置換した語をまた置換しないように）"
                        .into(),
                ),
            ));
        }
        for ((k, v), bad) in banned.into_iter().zip(bad) {
            if !bad {
                c.banned.insert(k.value, v.value);
            }
        }
        if let Some(lib) = raw.library {
            let p = c.base_dir.join(&lib.value);
            if p.is_dir() {
                c.library = Some(p);
            } else {
                issues.push(issue(
                    span_of(text, &lib),
                    format!("library のフォルダ `{}` が見つかりません", short(&lib.value)),
                    Some(format!(
                        "設定ファイルのフォルダ（{}）からの相対パスで、cases/・modules/・rubrics/ を持つフォルダを指定する",
                        c.base_dir.display()
                    )),
                ));
            }
        }
        c.counting = raw.counting;
        c.fail_on = raw.fail_on.map(Severity::from);
        if let Some(m) = raw.min_score {
            if m.value > 100 {
                issues.push(issue(
                    span_of(text, &m),
                    format!("min-score は 0〜100 の整数です（{} は範囲外）", m.value),
                    None,
                ));
            } else {
                c.min_score = Some(m.value);
            }
        }
        let mut kind_globs = Vec::new();
        for (g, k) in raw.kinds.0 {
            if let Some(set) = build_set(text, std::slice::from_ref(&g), &mut issues) {
                kind_globs.push((set, Kind::from(k)));
                c.kinds.push((g.value, Kind::from(k)));
            }
        }
        c.kind_globs = kind_globs;
        if let Some(s) = build_set(text, &raw.include, &mut issues) {
            c.include_set = s;
            c.include = raw.include.into_iter().map(|g| g.value).collect();
        }
        if let Some(s) = build_set(text, &raw.exclude, &mut issues) {
            c.exclude_set = s;
            c.exclude = raw.exclude.into_iter().map(|g| g.value).collect();
        }
        if issues.is_empty() {
            Ok(c)
        } else {
            Err(error_report(label, text, issues))
        }
    }

    fn check_rules(
        &mut self,
        text: &str,
        rules: Ordered<Spanned<String>, Spanned<RawRule>>,
        issues: &mut Vec<Issue>,
    ) {
        let mut seen: BTreeMap<&'static str, String> = BTreeMap::new();
        for (key, value) in rules.0 {
            let Some(rule) = registry::find(&key.value) else {
                let mut valid: Vec<&str> = RULES.iter().map(|r| r.code).collect();
                valid.extend(RULES.iter().map(|r| r.name));
                let guess = did_you_mean(&key.value.to_ascii_uppercase(), valid.iter().copied())
                    .or_else(|| did_you_mean(&key.value, valid.iter().copied()));
                let mut help = "規則はコード（S005）か名前（sentence-too-long）で書く。一覧は `itsm list rules`".to_owned();
                if let Some(g) = guess {
                    help = format!("もしかして `{g}` ですか？ {help}");
                }
                issues.push(issue(
                    span_of(text, &key),
                    format!("rules: 未知の規則 `{}` です", short(&key.value)),
                    Some(help),
                ));
                continue;
            };
            if let Some(prev) = seen.insert(rule.code, key.value.clone()) {
                issues.push(issue(
                    span_of(text, &key),
                    format!(
                        "rules: 規則 {} が2回設定されています（`{}` と `{}`）",
                        rule.code,
                        short(&prev),
                        short(&key.value)
                    ),
                    Some("どちらか一方にまとめる".into()),
                ));
                continue;
            }
            let mut rc = RuleConfig::default();
            let valid_keys = || {
                let mut v = vec!["severity"];
                v.extend(options_of(rule.code).iter().map(|o| o.key));
                v
            };
            match &value.value {
                RawRule::Level(s) => match parse_level(s) {
                    Some(l) => rc.severity = Some(l),
                    None => issues.push(level_issue(text, &value, rule.code, s)),
                },
                RawRule::Switch(on) => {
                    rc.severity = Some(on.then_some(rule.default_severity));
                }
                RawRule::Table(entries) => {
                    for (k, v) in entries.iter() {
                        if k.value == "severity" {
                            match &v.value {
                                Scalar::Str(s) => match parse_level(s) {
                                    Some(l) => rc.severity = Some(l),
                                    None => issues.push(level_issue(text, v, rule.code, s)),
                                },
                                Scalar::Bool(on) => {
                                    rc.severity = Some(on.then_some(rule.default_severity))
                                }
                                _ => issues.push(issue(
                                    span_of(text, v),
                                    format!("rules.{}.severity は文字列です", short(&key.value)),
                                    Some(format!("有効な値: {}", LEVELS.join(", "))),
                                )),
                            }
                            continue;
                        }
                        let Some(opt) = options_of(rule.code).iter().find(|o| o.key == k.value)
                        else {
                            let keys = valid_keys();
                            let mut help =
                                format!("{} に使えるキー: {}", rule.code, keys.join(", "));
                            if let Some(g) = did_you_mean(&k.value, keys.iter().copied()) {
                                help = format!("もしかして `{g}` ですか？ {help}");
                            }
                            issues.push(issue(
                                span_of(text, k),
                                format!(
                                    "rules.{}: 未知のキー `{}` です",
                                    short(&key.value),
                                    short(&k.value)
                                ),
                                Some(help),
                            ));
                            continue;
                        };
                        match v.value {
                            Scalar::Int(n)
                                if (opt.min as i128..=opt.max as i128).contains(&(n as i128)) =>
                            {
                                rc.options.insert(opt.key, n as usize);
                            }
                            _ => issues.push(issue(
                                span_of(text, v),
                                format!(
                                    "rules.{}.{} は {}〜{} の整数です",
                                    short(&key.value),
                                    opt.key,
                                    opt.min,
                                    opt.max
                                ),
                                Some(format!(
                                    "例: `{}: {{{}: {}}}`（既定 {}）",
                                    rule.code, opt.key, opt.default, opt.default
                                )),
                            )),
                        }
                    }
                }
            }
            self.rules.insert(rule.code, rc);
        }
    }

    /// Lint settings with this config's severities and options laid over `base`.
    pub fn settings(&self, base: &Settings) -> Settings {
        let mut s = base.clone();
        if let Some(c) = self.counting {
            s.counting = c;
        }
        for (code, rc) in &self.rules {
            if let Some(sev) = rc.severity {
                s.severity.insert((*code).to_owned(), sev);
            }
            for (key, v) in &rc.options {
                if let Some(o) = options_of(code).iter().find(|o| o.key == *key) {
                    s.set_option(code, o, *v);
                }
            }
        }
        s
    }

    /// `base` with this config's abbreviations and banned names added.
    pub fn vocabulary(&self, base: &Vocabulary) -> Vocabulary {
        let mut v = base.clone();
        for (k, g) in &self.abbreviations {
            v.glossary.insert(k.clone(), g.clone());
        }
        v.common.extend(self.allowed_abbreviations.iter().cloned());
        for (k, g) in &self.banned {
            v.banned.insert(k.clone(), g.clone());
        }
        v
    }

    /// The counting mode to use (default: CBT).
    pub fn counting_mode(&self) -> CountMode {
        self.counting.unwrap_or_default()
    }

    /// `path` relative to the config folder, for glob matching (as given when outside it).
    pub fn relative(&self, path: &Path) -> PathBuf {
        let abs = absolute(path);
        match abs.strip_prefix(&self.base_dir) {
            Ok(r) => r.to_path_buf(),
            Err(_) => path
                .components()
                .filter(|c| !matches!(c, Component::CurDir))
                .collect(),
        }
    }

    /// The kind the `kinds` globs give `path`, if any (first match wins).
    pub fn kind_for(&self, path: &Path) -> Option<Kind> {
        let rel = self.relative(path);
        self.kind_globs
            .iter()
            .find(|(set, _)| set.is_match(&rel))
            .map(|(_, k)| *k)
    }

    /// Is `path` to be linted under `include` / `exclude`?
    pub fn includes(&self, path: &Path) -> bool {
        let rel = self.relative(path);
        (self.include.is_empty() || self.include_set.is_match(&rel))
            && !self.exclude_set.is_match(&rel)
    }

    /// The merged result (defaults + this file) for `itsm config --dump`.
    pub fn dump(&self) -> Node {
        let defaults = Settings::default();
        let effective = self.settings(&defaults);
        let rules = RULES
            .iter()
            .map(|r| {
                let sev = crate::lint::effective_severity(&effective, r);
                let mut entry = vec![
                    ("name".to_owned(), Node::Str(r.name.to_owned())),
                    (
                        "severity".to_owned(),
                        Node::Str(sev.map_or("off", Severity::as_str).to_owned()),
                    ),
                ];
                for o in r.options {
                    entry.push((
                        o.key.to_owned(),
                        Node::Int(effective.option(r.code, o) as i64),
                    ));
                }
                (r.code.to_owned(), Node::Map(entry))
            })
            .collect();
        let map = |m: &BTreeMap<String, String>| {
            Node::Map(
                m.iter()
                    .map(|(k, v)| (k.clone(), Node::Str(v.clone())))
                    .collect(),
            )
        };
        let list = |v: &[String]| Node::List(v.iter().map(|s| Node::Str(s.clone())).collect());
        let path = |p: &Option<PathBuf>| {
            p.as_ref()
                .map_or(Node::Null, |p| Node::Str(p.display().to_string()))
        };
        Node::Map(vec![
            ("config-file".into(), path(&self.source)),
            ("rules".into(), Node::Map(rules)),
            ("abbreviations".into(), map(&self.abbreviations)),
            (
                "allowed-abbreviations".into(),
                list(&self.allowed_abbreviations),
            ),
            ("banned".into(), map(&self.banned)),
            ("library".into(), path(&self.library)),
            (
                "counting".into(),
                Node::Str(self.counting_mode().as_str().into()),
            ),
            (
                "fail-on".into(),
                Node::Str(self.fail_on.unwrap_or(Severity::Error).as_str().into()),
            ),
            (
                "min-score".into(),
                self.min_score.map_or(Node::Null, |m| Node::Int(m.into())),
            ),
            (
                "kinds".into(),
                Node::Map(
                    self.kinds
                        .iter()
                        .map(|(g, k)| (g.clone(), Node::Str(k.as_str().into())))
                        .collect(),
                ),
            ),
            ("include".into(), list(&self.include)),
            ("exclude".into(), list(&self.exclude)),
        ])
    }
}

/// The config file that applies to files in `dir`: the nearest `itsm.yaml` / `.itsm.yaml` in
/// `dir` or a parent. Both names in one folder is an error (which one wins would be a guess).
pub fn discover(dir: &Path) -> Result<Option<PathBuf>, FileReport> {
    let start = absolute(dir);
    for d in start.ancestors() {
        let found: Vec<PathBuf> = FILE_NAMES
            .iter()
            .map(|n| d.join(n))
            .filter(|p| p.is_file())
            .collect();
        match found.as_slice() {
            [] => {}
            [one] => return Ok(Some(one.clone())),
            _ => {
                return Err(error_report(
                    &d.display().to_string(),
                    "",
                    vec![issue(
                        None,
                        "itsm.yaml と .itsm.yaml の両方があります".into(),
                        Some("どちらか一方にまとめる".into()),
                    )],
                ));
            }
        }
    }
    Ok(None)
}

/// A key or value from the file as quoted in an error: at most 60 characters (a 20 MB key is
/// not echoed), control characters shown.
pub(crate) fn short(s: &str) -> String {
    crate::text::visible::excerpt(s, 60)
}

/// Absolute, lexically normalised path (no file-system access beyond the current directory).
pub fn absolute(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn parse_level(s: &str) -> Option<Option<Severity>> {
    match s.to_ascii_lowercase().as_str() {
        "off" => Some(None),
        l => Severity::parse(l).map(Some),
    }
}

fn level_issue<T>(text: &str, at: &Spanned<T>, code: &str, s: &str) -> Issue {
    let mut help = format!("有効な値: {}", LEVELS.join(", "));
    if let Some(g) = did_you_mean(&s.to_ascii_lowercase(), LEVELS) {
        help = format!("もしかして `{g}` ですか？ {help}");
    }
    issue(
        span_of(text, at),
        format!("rules.{code}: 重大度 `{}` は使えません", short(s)),
        Some(help),
    )
}

fn build_set(text: &str, globs: &[Spanned<String>], issues: &mut Vec<Issue>) -> Option<GlobSet> {
    let mut b = GlobSetBuilder::new();
    let mut ok = true;
    for g in globs {
        let pattern = g.value.trim_end_matches('/');
        let mut add = |p: &str| -> Result<(), globset::Error> {
            let glob: Glob = GlobBuilder::new(p).literal_separator(true).build()?;
            b.add(glob);
            Ok(())
        };
        // 「drafts」 or 「drafts/」 also covers everything under the folder.
        let res = add(pattern).and_then(|_| add(&format!("{pattern}/**")));
        if let Err(e) = res {
            ok = false;
            issues.push(issue(
                span_of(text, g),
                format!("glob `{}` を解釈できません: {}", short(&g.value), e.kind()),
                Some(
                    "例: \"essays/**\"、\"drafts/*.md\"（設定ファイルのフォルダからの相対パス）"
                        .into(),
                ),
            ));
        }
    }
    if !ok {
        return None;
    }
    match b.build() {
        Ok(s) => Some(s),
        Err(e) => {
            issues.push(issue(None, format!("glob を解釈できません: {e}"), None));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, FileReport> {
        Config::parse("itsm.yaml", text, Path::new("/nonexistent-base"))
    }

    fn error(text: &str) -> (String, String, String) {
        let r = parse(text).expect_err("must fail");
        let d = &r.diagnostics[0];
        let at = d
            .span
            .clone()
            .map(|s| text[s].to_owned())
            .unwrap_or_default();
        (d.message.clone(), d.help.clone().unwrap_or_default(), at)
    }

    #[test]
    fn full_config_is_read() {
        let c = parse(
            "rules:\n  S005: {severity: error, max-sentence-chars: 100}\n  S002: off\n  sentence-too-long-x: warning\n",
        );
        assert!(c.is_err(), "unknown rule name");
        let c = parse(concat!(
            "# comment\n",
            "rules:\n",
            "  S005: {severity: error, max-sentence-chars: 100}\n",
            "  unexplained-abbreviation: off\n",
            "  S006:\n    max-commas: 6\n",
            "  C001: false\n",
            "abbreviations: {XYZ: 説明}\n",
            "allowed-abbreviations: [PMO]\n",
            "banned: {製品名: 一般名}\n",
            "counting: genkou\n",
            "fail-on: warning\n",
            "min-score: 70\n",
            "kinds:\n  \"essays/**\": essay\n  \"modules/**\": module\n",
            "include: [\"essays/**\", modules]\n",
            "exclude: [\"essays/old/**\"]\n",
        ))
        .unwrap();
        let s = c.settings(&Settings::default());
        assert_eq!(s.severity.get("S005"), Some(&Some(Severity::Error)));
        assert_eq!(s.severity.get("S002"), Some(&None));
        assert_eq!(s.severity.get("C001"), Some(&None));
        let opt = |code: &str, key: &str| {
            let o = options_of(code).iter().find(|o| o.key == key).unwrap();
            s.option(registry::find(code).unwrap().code, o)
        };
        assert_eq!(opt("S005", "max-sentence-chars"), 100);
        assert_eq!(opt("S006", "max-commas"), 6);
        assert_eq!(c.counting_mode(), CountMode::Genkou);
        assert_eq!(c.fail_on, Some(Severity::Warning));
        assert_eq!(c.min_score, Some(70));
        let base = Path::new("/nonexistent-base");
        assert_eq!(c.kind_for(&base.join("essays/a/b.md")), Some(Kind::Essay));
        assert_eq!(c.kind_for(&base.join("modules/m.md")), Some(Kind::Module));
        assert_eq!(c.kind_for(&base.join("notes.md")), None);
        assert!(c.includes(&base.join("essays/a.md")));
        assert!(
            c.includes(&base.join("modules/x/y.md")),
            "a folder name covers its contents"
        );
        assert!(!c.includes(&base.join("essays/old/a.md")));
        assert!(!c.includes(&base.join("README.md")));
        let v = c.vocabulary(&Vocabulary::default());
        assert_eq!(v.glossary.get("XYZ").map(String::as_str), Some("説明"));
        assert!(v.common.contains("PMO"));
        assert_eq!(v.banned.get("製品名").map(String::as_str), Some("一般名"));
    }

    #[test]
    fn empty_and_comment_only_files_are_defaults() {
        assert!(parse("").unwrap().rules.is_empty());
        assert!(parse("# 何もしない\n\n").unwrap().rules.is_empty());
    }

    #[test]
    fn unknown_top_level_key_suggests() {
        let (m, h, at) = error("rules:\n  S002: off\nmin-scor: 70\n");
        assert_eq!(m, "未知のキー `min-scor` です");
        assert!(
            h.starts_with("もしかして `min-score` ですか？ 有効なキー: rules, abbreviations"),
            "{h}"
        );
        assert_eq!(at, "m");
    }

    #[test]
    fn wrong_types_name_the_key() {
        let (m, h, at) = error("min-score: abc\n");
        assert_eq!(m, "`min-score` の値が整数ではありません");
        assert!(h.contains("0〜100"), "{h}");
        assert_eq!(at, "a");
        let (m, _, _) = error("include: essays\n");
        assert_eq!(m, "`include` の値がリストではありません");
        let (m, h, _) = error("counting: genko\n");
        assert_eq!(m, "counting: `genko` は使えません");
        assert_eq!(h, "もしかして `genkou` ですか？ 有効な値: cbt, genkou");
        let (m, h, _) = error("kinds:\n  \"essays/**\": esay\n");
        assert_eq!(m, "kinds.essays/**: `esay` は使えません");
        assert!(h.contains("essay, module"), "{h}");
    }

    #[test]
    fn rule_entries_are_checked() {
        let (m, h, at) = error("rules:\n  S005: {severity: eror}\n");
        assert_eq!(m, "rules.S005: 重大度 `eror` は使えません");
        assert!(h.starts_with("もしかして `error`"), "{h}");
        assert_eq!(at, "eror");
        let (m, h, at) = error("rules:\n  S005:\n    max-sentence-char: 90\n");
        assert_eq!(m, "rules.S005: 未知のキー `max-sentence-char` です");
        assert!(h.contains("もしかして `max-sentence-chars`"), "{h}");
        assert!(h.contains("severity, max-sentence-chars"), "{h}");
        assert_eq!(at, "max-sentence-char");
        let (m, _, at) = error("rules:\n  S005: {max-sentence-chars: many}\n");
        assert_eq!(m, "rules.S005.max-sentence-chars は 10〜10000 の整数です");
        assert_eq!(at, "many");
        let (m, h, at) = error("rules:\n  S0005: off\n");
        assert_eq!(m, "rules: 未知の規則 `S0005` です");
        assert!(h.contains("もしかして"), "{h}");
        assert_eq!(at, "S0005");
        let (m, _, _) = error("rules:\n  S005: off\n  sentence-too-long: error\n");
        assert!(m.contains("2回"), "{m}");
    }

    #[test]
    fn banned_replacement_must_not_contain_the_name() {
        let (m, _, _) = error("banned: {Foo: Fooツール}\n");
        assert!(m.contains("禁止語「Foo」そのもの"), "{m}");
    }

    #[test]
    fn banned_replacement_must_not_contain_another_banned_name() {
        let (m, _, _) = error("banned: {Foo: \"Bar、Bar\", Bar: \"Foo、Foo\"}\n");
        assert!(
            m.contains("「Foo」の言い換え「Bar、Bar」に、別の禁止語「Bar」"),
            "{m}"
        );
        // A name inside a longer ASCII word is not that name (as the rule sees it).
        parse("banned: {Git: 版管理ツール, Hub: GitHub風の共有サービス}\n").unwrap();
    }

    #[test]
    fn dump_is_valid_json_and_yaml() {
        let c =
            parse("rules: {S005: {max-sentence-chars: 90}}\nkinds: {\"a/**\": essay}\n").unwrap();
        let n = c.dump();
        let v: serde_json::Value = serde_json::from_str(&n.to_json()).unwrap();
        assert_eq!(v["rules"]["S005"]["max-sentence-chars"], 90);
        assert_eq!(v["rules"]["S002"]["severity"], "warning");
        assert_eq!(v["kinds"]["a/**"], "essay");
        let y = n.to_yaml();
        assert!(y.contains("  S005: {name: \"sentence-too-long\", severity: \"warning\", max-sentence-chars: 90}\n"), "{y}");
        assert!(
            y.contains("kinds:\n  \"a/**\": \"essay\"\ninclude: []\n"),
            "{y}"
        );
    }
}
