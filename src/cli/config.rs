//! `itsm config`: which config file applies to a path, and the merged result (`--dump`).
//! Also the per-file config resolution that `itsm lint` uses ([`Resolver`]).

use super::{Failure, print_out};
use crate::config::{self, Config};
use crate::diagnostic::Severity;
use crate::lint::{Settings, Vocabulary};
use clap::ValueEnum;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    /// この場所に適用される設定を調べる（ファイルまたはフォルダ。既定はカレントフォルダ）
    pub path: Option<PathBuf>,
    /// 既定値と設定ファイルを合わせた結果をすべて表示する
    #[arg(long)]
    pub dump: bool,
    /// --dump の形式
    #[arg(long, value_enum, default_value_t = DumpFormat::Yaml)]
    pub format: DumpFormat,
    /// 設定ファイルを指定する（探索しない）
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DumpFormat {
    Yaml,
    Json,
}

fn report(r: crate::diagnostic::FileReport) -> Failure {
    Failure::Report(Box::new(r))
}

pub(crate) fn run(a: ConfigArgs) -> Result<u8, Failure> {
    let target = a.path.clone().unwrap_or_else(|| PathBuf::from("."));
    if !target.exists() {
        return Err(Failure::Io(format!(
            "{} が見つかりません",
            target.display()
        )));
    }
    let mut resolver = Resolver::new(a.config.as_deref())?;
    let cfg = resolver.config_for(&target)?;
    if a.dump {
        let node = cfg.dump();
        print_out(&match a.format {
            DumpFormat::Yaml => node.to_yaml(),
            DumpFormat::Json => node.to_json(),
        })?;
    } else {
        let msg = match &cfg.source {
            Some(p) => format!(
                "{}: 設定ファイル {} を使います（内容に誤りはありません。全体は --dump で表示）\n",
                target.display(),
                p.display()
            ),
            None => format!(
                "{}: 設定ファイルはありません（既定値で検査します。`itsm init` で作れます）\n",
                target.display()
            ),
        };
        print_out(&msg)?;
    }
    Ok(0)
}

/// Everything `lint` needs for the files under one config.
pub(crate) struct Prepared {
    pub config: Config,
    pub vocab: Vocabulary,
    /// Settings without the per-file fallback kind.
    pub settings: Settings,
}

impl Prepared {
    /// Settings for one file (kind by glob added).
    pub fn settings_for(&self, path: &Path) -> Settings {
        let mut s = self.settings.clone();
        s.fallback_kind = self.config.kind_for(path);
        s
    }

    /// The `fail-on` threshold: the flag, else the config, else error.
    pub fn fail_on(&self, flag: Option<Severity>) -> Severity {
        flag.or(self.config.fail_on).unwrap_or(Severity::Error)
    }
}

/// Finds and caches the config of each file: `--config FILE` for all, else the nearest
/// `itsm.yaml` / `.itsm.yaml` above the file.
pub(crate) struct Resolver {
    explicit: Option<Rc<Config>>,
    by_dir: HashMap<PathBuf, Rc<Config>>,
    by_file: HashMap<PathBuf, Rc<Config>>,
    prepared: HashMap<Option<PathBuf>, Rc<Prepared>>,
    vocab: HashMap<Option<PathBuf>, Rc<Vocabulary>>,
}

impl Resolver {
    pub fn new(explicit: Option<&Path>) -> Result<Resolver, Failure> {
        let explicit = match explicit {
            Some(p) if !p.is_file() => {
                return Err(Failure::Io(format!(
                    "設定ファイル {} が見つかりません",
                    p.display()
                )));
            }
            Some(p) => Some(Rc::new(Config::load(p).map_err(report)?)),
            None => None,
        };
        Ok(Resolver {
            explicit,
            by_dir: HashMap::new(),
            by_file: HashMap::new(),
            prepared: HashMap::new(),
            vocab: HashMap::new(),
        })
    }

    /// The config that applies to `path` (a file or a folder).
    pub fn config_for(&mut self, path: &Path) -> Result<Rc<Config>, Failure> {
        if let Some(c) = &self.explicit {
            return Ok(c.clone());
        }
        let abs = config::absolute(path);
        let dir = if abs.is_dir() {
            abs
        } else {
            abs.parent().map(Path::to_path_buf).unwrap_or(abs)
        };
        if let Some(c) = self.by_dir.get(&dir) {
            return Ok(c.clone());
        }
        let cfg = match config::discover(&dir).map_err(report)? {
            Some(file) => match self.by_file.get(&file) {
                Some(c) => c.clone(),
                None => {
                    let c = Rc::new(Config::load(&file).map_err(report)?);
                    self.by_file.insert(file, c.clone());
                    c
                }
            },
            None => Rc::new(Config::defaults(
                &std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
            )),
        };
        self.by_dir.insert(dir, cfg.clone());
        Ok(cfg)
    }

    /// Config, vocabulary and settings for `path`. `library` (the flag) wins over `library:`.
    pub fn prepared_for(
        &mut self,
        path: &Path,
        library: Option<&Path>,
        base: &Settings,
    ) -> Result<Rc<Prepared>, Failure> {
        let cfg = self.config_for(path)?;
        let key = cfg.source.clone();
        if let Some(p) = self.prepared.get(&key) {
            return Ok(p.clone());
        }
        let overlay = library.map(Path::to_path_buf).or(cfg.library.clone());
        let vocab = match self.vocab.get(&overlay) {
            Some(v) => v.clone(),
            None => {
                // Linting needs no cases: skip parsing them (the largest files of the library).
                let lib = crate::library::Library::load_for_lint(overlay.as_deref())
                    .map_err(Failure::Library)?;
                let v = Rc::new(Vocabulary::from_library(&lib));
                self.vocab.insert(overlay, v.clone());
                v
            }
        };
        let p = Rc::new(Prepared {
            vocab: cfg.vocabulary(&vocab),
            settings: cfg.settings(base),
            config: (*cfg).clone(),
        });
        self.prepared.insert(key, p.clone());
        Ok(p)
    }
}
