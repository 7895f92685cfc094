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

use crate::diagnostic::{Diagnostic, FileReport, Severity};
use crate::library::did_you_mean;
use crate::lint::{Kind, Settings, Vocabulary};
use crate::rules::registry::{self, RULES};
use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor};
use serde_saphyr::Spanned;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

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

/// How characters are counted (used by length rules and `itsm count`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Counting {
    /// As typed in the CBT answer field: every non-whitespace character is one.
    Cbt,
    /// 原稿用紙 (25×16 sheet) rules.
    Genkou,
}

impl Counting {
    pub fn as_str(self) -> &'static str {
        match self {
            Counting::Cbt => "cbt",
            Counting::Genkou => "genkou",
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Level {
    Error,
    Warning,
    Info,
}

impl From<Level> for Severity {
    fn from(l: Level) -> Severity {
        match l {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Info => Severity::Info,
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum KindName {
    Essay,
    Module,
}

impl From<KindName> for Kind {
    fn from(k: KindName) -> Kind {
        match k {
            KindName::Essay => Kind::Essay,
            KindName::Module => Kind::Module,
        }
    }
}

/// A numeric rule option: which rule it belongs to, its key, its bounds and where it lives in
/// [`Settings`]. Adding an option = one entry here (and reading it in the rule).
pub struct RuleOption {
    pub rule: &'static str,
    pub key: &'static str,
    pub min: usize,
    pub max: usize,
    pub get: fn(&Settings) -> usize,
    pub set: fn(&mut Settings, usize),
}

/// Every rule option, sorted by rule code.
pub static RULE_OPTIONS: &[RuleOption] = &[
    RuleOption {
        rule: "C002",
        key: "min-essay-figures",
        min: 0,
        max: 100,
        get: |s| s.min_essay_figures,
        set: |s, v| s.min_essay_figures = v,
    },
    RuleOption {
        rule: "F010",
        key: "min-module-chars",
        min: 1,
        max: 10_000,
        get: |s| s.min_module_chars,
        set: |s, v| s.min_module_chars = v,
    },
    RuleOption {
        rule: "S005",
        key: "max-sentence-chars",
        min: 10,
        max: 10_000,
        get: |s| s.max_sentence_chars,
        set: |s, v| s.max_sentence_chars = v,
    },
    RuleOption {
        rule: "S006",
        key: "max-commas",
        min: 1,
        max: 100,
        get: |s| s.max_commas,
        set: |s, v| s.max_commas = v,
    },
];

/// The options one rule accepts.
pub fn options_of(code: &str) -> impl Iterator<Item = &'static RuleOption> + '_ {
    RULE_OPTIONS.iter().filter(move |o| o.rule == code)
}

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
    /// Counting mode. Not yet part of [`Settings`] on this branch: the CLI exposes it through
    /// [`Config::counting_mode`] for the counting rules and `itsm count` to pick up.
    pub counting: Option<Counting>,
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
        let bytes = std::fs::read(path).map_err(|e| {
            error_report(
                &label,
                "",
                vec![issue(
                    None,
                    format!("設定ファイルを読み込めません: {e}"),
                    None,
                )],
            )
        })?;
        let text = crate::decode::decode(&bytes)
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
        for (k, v) in raw.banned.0 {
            if k.value.trim().is_empty() || v.value.trim().is_empty() {
                issues.push(issue(
                    span_of(text, &k),
                    "banned の禁止語と言い換えは空にできません".into(),
                    Some("例: `banned: {製品名: 一般名}`".into()),
                ));
            } else if v.value.contains(&k.value) {
                issues.push(issue(
                    span_of(text, &v),
                    format!(
                        "言い換え「{}」に禁止語「{}」そのものが含まれています",
                        v.value, k.value
                    ),
                    Some(
                        "禁止語を含まない一般名にする（--fix が同じ置換を繰り返さないように）"
                            .into(),
                    ),
                ));
            } else {
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
                    format!("library のフォルダ `{}` が見つかりません", lib.value),
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
                    format!("rules: 未知の規則 `{}` です", key.value),
                    Some(help),
                ));
                continue;
            };
            if let Some(prev) = seen.insert(rule.code, key.value.clone()) {
                issues.push(issue(
                    span_of(text, &key),
                    format!(
                        "rules: 規則 {} が2回設定されています（`{prev}` と `{}`）",
                        rule.code, key.value
                    ),
                    Some("どちらか一方にまとめる".into()),
                ));
                continue;
            }
            let mut rc = RuleConfig::default();
            let valid_keys = || {
                let mut v = vec!["severity"];
                v.extend(options_of(rule.code).map(|o| o.key));
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
                                    format!("rules.{}.severity は文字列です", key.value),
                                    Some(format!("有効な値: {}", LEVELS.join(", "))),
                                )),
                            }
                            continue;
                        }
                        let Some(opt) = options_of(rule.code).find(|o| o.key == k.value) else {
                            let keys = valid_keys();
                            let mut help =
                                format!("{} に使えるキー: {}", rule.code, keys.join(", "));
                            if let Some(g) = did_you_mean(&k.value, keys.iter().copied()) {
                                help = format!("もしかして `{g}` ですか？ {help}");
                            }
                            issues.push(issue(
                                span_of(text, k),
                                format!("rules.{}: 未知のキー `{}` です", key.value, k.value),
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
                                    key.value, opt.key, opt.min, opt.max
                                ),
                                Some(format!(
                                    "例: `{}: {{{}: {}}}`（既定 {}）",
                                    rule.code,
                                    opt.key,
                                    (opt.get)(&Settings::default()),
                                    (opt.get)(&Settings::default())
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
        for (code, rc) in &self.rules {
            if let Some(sev) = rc.severity {
                s.severity.insert((*code).to_owned(), sev);
            }
            for (key, v) in &rc.options {
                if let Some(o) = options_of(code).find(|o| o.key == *key) {
                    (o.set)(&mut s, *v);
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
    pub fn counting_mode(&self) -> Counting {
        self.counting.unwrap_or(Counting::Cbt)
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
                for o in options_of(r.code) {
                    entry.push((o.key.to_owned(), Node::Int((o.get)(&effective) as i64)));
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

// ---------------------------------------------------------------------------------------------
// Raw (serde) shapes

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    #[serde(default)]
    rules: Ordered<Spanned<String>, Spanned<RawRule>>,
    #[serde(default)]
    abbreviations: Ordered<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    allowed_abbreviations: Vec<Spanned<String>>,
    #[serde(default)]
    banned: Ordered<Spanned<String>, Spanned<String>>,
    library: Option<Spanned<String>>,
    counting: Option<Counting>,
    fail_on: Option<Level>,
    min_score: Option<Spanned<u32>>,
    #[serde(default)]
    kinds: Ordered<Spanned<String>, KindName>,
    #[serde(default)]
    include: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
}

/// A mapping kept in file order (`kinds` is first-match-wins).
#[derive(Debug)]
struct Ordered<K, V>(Vec<(K, V)>);

impl<K, V> Default for Ordered<K, V> {
    fn default() -> Self {
        Ordered(Vec::new())
    }
}

impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for Ordered<K, V> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Vis<K, V>(std::marker::PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for Vis<K, V> {
            type Value = Ordered<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Ordered(Vec::new()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
                let mut v = Vec::new();
                while let Some(entry) = m.next_entry()? {
                    v.push(entry);
                }
                Ok(Ordered(v))
            }
        }
        d.deserialize_map(Vis(std::marker::PhantomData))
    }
}

/// A rule's entry: `off` / `warning` / `true`, or a table with `severity` and options.
#[derive(Debug)]
enum RawRule {
    Level(String),
    Switch(bool),
    Table(Vec<(Spanned<String>, Spanned<Scalar>)>),
}

impl<'de> Deserialize<'de> for RawRule {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Vis;
        impl<'de> Visitor<'de> for Vis {
            type Value = RawRule;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a severity (off, info, warning, error) or a mapping")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawRule, E> {
                Ok(RawRule::Level(v.to_owned()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawRule, E> {
                Ok(RawRule::Switch(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<RawRule, A::Error> {
                let mut v = Vec::new();
                while let Some(entry) = m.next_entry()? {
                    v.push(entry);
                }
                Ok(RawRule::Table(v))
            }
        }
        d.deserialize_any(Vis)
    }
}

/// A scalar option value, typed by the validator (not by serde) so errors can name the key.
#[derive(Debug)]
enum Scalar {
    Str(String),
    Bool(bool),
    Int(i64),
    Other,
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Vis;
        impl<'de> Visitor<'de> for Vis {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a scalar")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Str(v.to_owned()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar::Bool(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Int(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(i64::try_from(v).map_or(Scalar::Other, Scalar::Int))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut s: A) -> Result<Scalar, A::Error> {
                while s.next_element::<de::IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Scalar, A::Error> {
                while m.next_entry::<de::IgnoredAny, de::IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other)
            }
        }
        d.deserialize_any(Vis)
    }
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
        format!("rules.{code}: 重大度 `{s}` は使えません"),
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
                format!("glob `{}` を解釈できません: {}", g.value, e.kind()),
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

// ---------------------------------------------------------------------------------------------
// Errors

/// One problem found in a config file.
struct Issue {
    span: Option<Range<usize>>,
    message: String,
    help: Option<String>,
}

fn issue(span: Option<Range<usize>>, message: String, help: Option<String>) -> Issue {
    Issue {
        span,
        message,
        help,
    }
}

fn error_report(label: &str, text: &str, issues: Vec<Issue>) -> FileReport {
    let diagnostics = issues
        .into_iter()
        .map(|i| {
            let mut d = Diagnostic::new("CF001", "invalid-config", Severity::Error, i.message);
            d.span = i.span;
            d.help = i.help;
            d
        })
        .collect();
    let mut r = FileReport {
        path: label.to_owned(),
        source: text.to_owned(),
        diagnostics,
    };
    r.sort();
    r
}

/// Byte offset of 1-based `line` and character `col`.
fn offset_of(text: &str, line: u64, col: u64) -> usize {
    let mut off = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i as u64 + 1 == line {
            let body = l.trim_end_matches(['\n', '\r']);
            return off
                + body
                    .char_indices()
                    .nth(col.saturating_sub(1) as usize)
                    .map_or(body.len(), |(b, _)| b);
        }
        off += l.len();
    }
    text.len()
}

/// A span of at least one character starting at `start`.
fn one_char(text: &str, start: usize) -> Range<usize> {
    let start = start.min(text.len());
    let end = text[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8());
    start..end
}

fn span_of<T>(text: &str, s: &Spanned<T>) -> Option<Range<usize>> {
    let loc = s.referenced;
    if loc.line() == 0 {
        return None;
    }
    let span = loc.span();
    match (span.byte_offset(), span.byte_len()) {
        (Some(o), Some(l)) if (o + l) as usize <= text.len() && l > 0 => {
            let (o, l) = (o as usize, l as usize);
            (text.is_char_boundary(o) && text.is_char_boundary(o + l)).then_some(o..o + l)
        }
        _ => Some(one_char(text, offset_of(text, loc.line(), loc.column()))),
    }
}

fn is_blank_yaml(text: &str) -> bool {
    text.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#') || t == "---"
    })
}

/// The dotted key path (`rules.S005.max-sentence-chars`) of the value at byte `off`, read from
/// the text: keys before the offset on its line (flow style), then parents by indentation.
fn key_path(text: &str, off: usize) -> Vec<String> {
    let off = off.min(text.len());
    let line_start = text[..off].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[off..].find('\n').map_or(text.len(), |i| off + i);
    let line = &text[line_start..line_end];
    let key_re = crate::rules::util::static_regex!(
        r#"(?:^|[\s{,\-])("[^"]*"|'[^']*'|[^\s{}\[\],:"'#][^{}\[\],:#]*?)\s*:(?:\s|$)"#
    );
    let unquote = |k: &str| k.trim().trim_matches(['"', '\'']).to_owned();
    // Flow keys on this line before the offset, tracking `{`/`}` nesting.
    let mut flow: Vec<String> = Vec::new();
    let before = &line[..off - line_start];
    let mut depth_keys: Vec<Option<String>> = vec![None];
    let mut last = 0;
    for (i, c) in before.char_indices() {
        if matches!(c, '{' | '}') {
            if let Some(k) = key_re.captures_iter(&before[last..i]).last() {
                *depth_keys.last_mut().expect("non-empty") = Some(unquote(&k[1]));
            }
            last = i + 1;
            if c == '{' {
                depth_keys.push(None);
            } else if depth_keys.len() > 1 {
                depth_keys.pop();
            }
        }
    }
    if let Some(k) = key_re.captures_iter(&before[last..]).last() {
        *depth_keys.last_mut().expect("non-empty") = Some(unquote(&k[1]));
    }
    flow.extend(depth_keys.into_iter().flatten());
    // Parents by indentation (block style).
    let indent_of = |l: &str| l.len() - l.trim_start_matches([' ', '-']).len();
    let mut indent = indent_of(line);
    let mut parents = Vec::new();
    if indent > 0 {
        for l in text[..line_start].lines().rev() {
            let t = l.trim();
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            let ind = indent_of(l);
            if ind < indent {
                if let Some(k) = key_re.captures(l.trim_start_matches([' ', '-'])) {
                    parents.push(unquote(&k[1]));
                }
                indent = ind;
                if ind == 0 {
                    break;
                }
            }
        }
    }
    parents.reverse();
    parents.extend(flow);
    // An error reported at a key (「S005: [1]」 at 「S005」) is about that key's value.
    if let Some(k) = key_re.captures(&line[off - line_start..])
        && k.get(0).is_some_and(|m| m.start() == 0)
    {
        parents.push(unquote(&k[1]));
    }
    parents
}

/// Translate a serde-saphyr error into a Japanese report naming the key and the valid choices.
fn yaml_error(label: &str, text: &str, e: &serde_saphyr::Error) -> FileReport {
    let raw = e.without_snippet().to_string();
    let first = raw.lines().next().unwrap_or("").trim();
    let mut msg = first.strip_prefix("error: ").unwrap_or(first).to_owned();
    if let Some((head, rest)) = msg.split_once(": ")
        && head.starts_with("line ")
    {
        msg = rest.to_owned();
    }
    if let Some(i) = msg.rfind(" at line ")
        && msg[i..].contains("column")
    {
        msg.truncate(i);
    }
    let span = e
        .location()
        .map(|l| one_char(text, offset_of(text, l.line(), l.column())));
    let path = span
        .as_ref()
        .map(|s| key_path(text, s.start))
        .unwrap_or_default();
    let name = |p: &[String]| p.join(".");
    let choices = |list: &str| -> Vec<String> {
        list.replace(" or ", ", ")
            .split(", ")
            .map(|s| s.trim().trim_matches('`').to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let (message, help) = if let Some(rest) = msg.strip_prefix("unknown field `") {
        let (field, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let valid = tail
            .split_once("expected one of ")
            .or_else(|| tail.split_once("expected "))
            .map(|(_, l)| choices(l))
            .unwrap_or_else(|| KEYS.iter().map(|s| s.to_string()).collect());
        let mut help = format!("有効なキー: {}", valid.join(", "));
        if let Some(g) = did_you_mean(field, valid.iter().map(String::as_str)) {
            help = format!("もしかして `{g}` ですか？ {help}");
        }
        let parent = if path.len() > 1 {
            format!("{}: ", name(&path[..path.len() - 1]))
        } else {
            String::new()
        };
        (format!("{parent}未知のキー `{field}` です"), help)
    } else if let Some(rest) = msg.strip_prefix("unknown variant `") {
        let (value, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let valid = tail
            .split_once("expected one of ")
            .or_else(|| tail.split_once("expected "))
            .map(|(_, l)| choices(l))
            .unwrap_or_default();
        let mut help = format!("有効な値: {}", valid.join(", "));
        if let Some(g) = did_you_mean(value, valid.iter().map(String::as_str)) {
            help = format!("もしかして `{g}` ですか？ {help}");
        }
        (format!("{}: `{value}` は使えません", name(&path)), help)
    } else if msg.starts_with("duplicate mapping key") {
        let key = msg
            .trim_start_matches("duplicate mapping key:")
            .split(',')
            .next()
            .unwrap_or("")
            .trim()
            .to_owned();
        (
            format!("キー `{key}` が2回書かれています"),
            "どちらか一方にまとめる".to_owned(),
        )
    } else {
        let key = name(&path);
        let shape = shape_of(path.first().map(String::as_str).unwrap_or(""));
        let what = if msg.starts_with("invalid u") || msg.starts_with("invalid i") {
            Some("整数ではありません")
        } else if msg.contains("expected sequence") {
            Some("リストではありません")
        } else if msg.contains("expected mapping") {
            Some("対応表（キー: 値）ではありません")
        } else if msg.contains("invalid type") {
            Some("想定と違う型です")
        } else {
            None
        };
        let message = match (what, key.is_empty()) {
            (Some(w), false) => format!("`{key}` の値が{w}"),
            (Some(w), true) => format!("設定ファイルの最上位が{w}"),
            (None, false) => format!("`{key}` を解釈できません（{msg}）"),
            (None, true) => format!("YAML を解釈できません（{msg}）"),
        };
        (message, shape)
    };
    error_report(label, text, vec![issue(span, message, Some(help))])
}

/// The expected shape of a top-level key, for error help.
fn shape_of(key: &str) -> String {
    match key {
        "rules" => "形: `rules: {S005: {severity: error, max-sentence-chars: 100}, S002: off}`（重大度は off, info, warning, error）".into(),
        "abbreviations" => "形: `abbreviations: {PMO: プロジェクト管理の専任組織}`（略語: 説明）".into(),
        "allowed-abbreviations" => "形: `allowed-abbreviations: [PMO, IaC]`（略語のリスト）".into(),
        "banned" => "形: `banned: {製品名: 一般名}`（禁止語: 言い換え）".into(),
        "library" => "形: `library: mylib`（設定ファイルのフォルダからの相対パス）".into(),
        "counting" => "形: `counting: cbt`（cbt または genkou）".into(),
        "fail-on" => "形: `fail-on: error`（error, warning, info）".into(),
        "min-score" => "形: `min-score: 60`（0〜100 の整数）".into(),
        "kinds" => "形: `kinds: {\"essays/**\": essay, \"modules/**\": module}`".into(),
        "include" | "exclude" => format!("形: `{key}: [\"essays/**\"]`（glob のリスト）"),
        _ => format!("有効なキー: {}", KEYS.join(", ")),
    }
}

// ---------------------------------------------------------------------------------------------
// Dump

/// An ordered tree for `itsm config --dump` (keys keep their order in both YAML and JSON).
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    Int(i64),
    Str(String),
    List(Vec<Node>),
    Map(Vec<(String, Node)>),
}

impl Node {
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.json_into(&mut out, 0);
        out.push('\n');
        out
    }

    fn json_into(&self, out: &mut String, indent: usize) {
        let pad = "  ".repeat(indent + 1);
        match self {
            Node::Null => out.push_str("null"),
            Node::Int(i) => out.push_str(&i.to_string()),
            Node::Str(s) => out.push_str(&quote(s)),
            Node::List(items) if items.is_empty() => out.push_str("[]"),
            Node::Map(items) if items.is_empty() => out.push_str("{}"),
            Node::List(items) => {
                out.push_str("[\n");
                for (i, n) in items.iter().enumerate() {
                    out.push_str(&pad);
                    n.json_into(out, indent + 1);
                    out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
                }
                out.push_str(&"  ".repeat(indent));
                out.push(']');
            }
            Node::Map(items) => {
                out.push_str("{\n");
                for (i, (k, n)) in items.iter().enumerate() {
                    out.push_str(&pad);
                    out.push_str(&quote(k));
                    out.push_str(": ");
                    n.json_into(out, indent + 1);
                    out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
                }
                out.push_str(&"  ".repeat(indent));
                out.push('}');
            }
        }
    }

    /// Block YAML; strings are double-quoted (JSON string syntax is valid YAML).
    pub fn to_yaml(&self) -> String {
        let mut out = String::new();
        match self {
            Node::Map(items) => Self::yaml_map(items, &mut out, 0),
            other => {
                out.push_str(&other.yaml_inline());
                out.push('\n');
            }
        }
        out
    }

    fn yaml_inline(&self) -> String {
        match self {
            Node::Null => "null".into(),
            Node::Int(i) => i.to_string(),
            Node::Str(s) => quote(s),
            Node::List(items) => format!(
                "[{}]",
                items
                    .iter()
                    .map(Node::yaml_inline)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Node::Map(items) => format!(
                "{{{}}}",
                items
                    .iter()
                    .map(|(k, v)| format!("{}: {}", yaml_key(k), v.yaml_inline()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    fn yaml_map(items: &[(String, Node)], out: &mut String, indent: usize) {
        let pad = "  ".repeat(indent);
        for (k, v) in items {
            match v {
                Node::Map(inner) if !inner.is_empty() && indent == 0 => {
                    out.push_str(&format!("{pad}{}:\n", yaml_key(k)));
                    Self::yaml_map(inner, out, indent + 1);
                }
                _ => out.push_str(&format!("{pad}{}: {}\n", yaml_key(k), v.yaml_inline())),
            }
        }
    }
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

fn yaml_key(k: &str) -> String {
    if !k.is_empty()
        && k.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
        && !k.chars().next().is_some_and(|c| c.is_ascii_digit())
    {
        k.to_owned()
    } else {
        quote(k)
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
        assert_eq!(s.max_sentence_chars, 100);
        assert_eq!(s.max_commas, 6);
        assert_eq!(c.counting_mode(), Counting::Genkou);
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
    fn key_paths() {
        let t = "rules:\n  S005:\n    max: x\n  S006: {severity: e, max: y}\n";
        assert_eq!(
            key_path(t, t.find(": x").unwrap() + 2),
            vec!["rules", "S005", "max"]
        );
        assert_eq!(
            key_path(t, t.find(": y").unwrap() + 2),
            vec!["rules", "S006", "max"]
        );
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
