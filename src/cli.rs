//! Command-line surface: clap definitions and the glue from flags to the core.
//! This is the only module that reads flags, touches the terminal or exits.

use crate::decode;
use crate::diagnostic::{Diagnostic, FileReport, Severity};
use crate::draft::{self, Draft, DraftError};
use crate::emit::{self, Format};
use crate::library::{Library, LibraryError, did_you_mean};
use crate::lint::{self, Kind, Settings, Vocabulary};
use crate::rules::registry::{self, RULES};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const AFTER_HELP: &str = "\
例:
  itsm draft --case fx --theme change          FX事例の変更管理モジュールを1段落生成
  itsm draft --theme incident                  FX事例ともう1事例で2段落（種のプロンプトどおり）
  itsm draft --case ses --theme release --variant 2 --format json
  itsm lint module.md essays/                  書いた文章を検査（エラーがあれば終了コード1）
  itsm lint essay.md --format github           GitHub Actions の注釈として出力
  itsm explain S002                            規則の説明
  itsm list themes                             テーマの一覧

終了コード: 0 問題なし / 1 --fail-on 以上の指摘あり / 2 使い方・入出力・設定・ライブラリの誤り";

#[derive(Debug, Parser)]
#[command(
    name = "itsm",
    version,
    about = "ITサービスマネージャ試験 科目B-2（旧 午後II）論述の下書き生成と検査",
    after_help = AFTER_HELP
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 事例とテーマからモジュール段落を生成する
    #[command(
        after_help = "例:\n  itsm draft --case fx --theme change\n  itsm draft --case supermarket --theme release --module canary-release\n  itsm draft --theme incident --format markdown -o incident.md"
    )]
    Draft(DraftArgs),
    /// 文章（モジュール段落・論文）を検査する
    #[command(
        after_help = "例:\n  itsm lint module.md\n  itsm lint essays/ --format json\n  itsm lint essay.md --format sarif > itsm.sarif"
    )]
    Lint(LintArgs),
    /// 事例・モジュール・テーマ・規則の一覧
    List(ListArgs),
    /// 規則の説明（何を検出するか・なぜ減点されるか・例・設定）
    Explain {
        /// 規則コード（S002）または名前（unexplained-abbreviation）
        rule: String,
    },
}

#[derive(Debug, clap::Args)]
pub struct DraftArgs {
    /// 事例ID（fx, supermarket, ses, insurer）。省略すると FX 事例ともう1事例の2段落を出力する
    #[arg(long)]
    pub case: Option<String>,
    /// テーマID（itsm list themes）
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
    /// 追加・上書きするライブラリのフォルダ（cases/ modules/ rubrics/）
    #[arg(long)]
    pub library: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DraftFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// ファイルまたはフォルダ（フォルダは *.md と *.txt を再帰的に、.gitignore を尊重して検査）
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// 出力形式
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// この重大度以上の指摘があれば終了コード1
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// 種類を指定する（既定は自動判定: 設問の見出しがあれば論文）
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// 追加・上書きするライブラリのフォルダ
    #[arg(long)]
    pub library: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum OutputFormat {
    Human,
    Json,
    Sarif,
    Github,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    Module,
    Essay,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// 何を一覧にするか
    #[arg(value_enum)]
    pub what: ListWhat,
    /// 追加・上書きするライブラリのフォルダ
    #[arg(long)]
    pub library: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListWhat {
    Cases,
    Modules,
    Themes,
    Rules,
}

/// A failure that maps to exit code 2.
#[derive(Debug)]
pub enum Failure {
    Usage(String),
    Library(LibraryError),
    Report(Box<FileReport>),
    Io(String),
}

/// Run and return the exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(f) => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let mut err = std::io::stderr().lock();
            let _ = match f {
                Failure::Usage(m) | Failure::Io(m) => writeln!(err, "error: {m}"),
                Failure::Library(e) => {
                    let mut s = String::new();
                    for r in &e.reports {
                        for d in &r.diagnostics {
                            s.push_str(&emit::human_one(r, d, color));
                            s.push('\n');
                        }
                    }
                    write!(err, "{s}")
                }
                Failure::Report(r) => {
                    let mut s = String::new();
                    for d in &r.diagnostics {
                        s.push_str(&emit::human_one(&r, d, color));
                        s.push('\n');
                    }
                    write!(err, "{s}")
                }
            };
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<u8, Failure> {
    match cli.command {
        Command::Draft(a) => cmd_draft(a),
        Command::Lint(a) => cmd_lint(a),
        Command::List(a) => cmd_list(a),
        Command::Explain { rule } => cmd_explain(&rule),
    }
}

fn load_library(overlay: Option<&Path>) -> Result<Library, Failure> {
    Library::load(overlay).map_err(Failure::Library)
}

/// Write to stdout; a closed pipe is not an error.
fn print_out(s: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Io(format!("標準出力に書き込めません: {e}"))),
    }
}

fn unknown(what: &str, value: &str, valid: &[&str]) -> Failure {
    let mut m = format!("未知の{what} `{value}` です。");
    if let Some(s) = did_you_mean(value, valid.iter().copied()) {
        m.push_str(&format!("もしかして `{s}` ですか？ "));
    }
    m.push_str(&format!("有効な値: {}", valid.join(", ")));
    Failure::Usage(m)
}

fn cmd_draft(a: DraftArgs) -> Result<u8, Failure> {
    let lib = load_library(a.library.as_deref())?;
    let theme_ids: Vec<&str> = lib.themes.iter().map(|t| t.id.as_str()).collect();
    if lib.theme(&a.theme).is_none() {
        return Err(unknown("テーマ", &a.theme, &theme_ids));
    }
    let case_ids: Vec<&str> = lib.cases.iter().map(|c| c.id.as_str()).collect();
    if let Some(m) = &a.module
        && lib.module(m).is_none()
    {
        let ids: Vec<&str> = lib.modules.iter().map(|m| m.id.as_str()).collect();
        return Err(unknown("モジュール", m, &ids));
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
    match &a.output {
        Some(path) => {
            write_atomic(path, text.as_bytes(), a.force)?;
            eprintln!("{} に書き出しました", path.display());
        }
        None => print_out(&text)?,
    }
    Ok(0)
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
        DraftError::Template(r) => Failure::Report(r),
    }
}

/// Write via a temporary file in the same folder and rename; refuse to overwrite without `force`.
pub fn write_atomic(path: &Path, bytes: &[u8], force: bool) -> Result<(), Failure> {
    if path.exists() && !force {
        return Err(Failure::Io(format!(
            "{} は既に存在します。上書きするには --force を付けてください",
            path.display()
        )));
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.itsm-tmp-{}", std::process::id()));
    let res = std::fs::write(&tmp, bytes).and_then(|_| std::fs::rename(&tmp, path));
    if let Err(e) = res {
        let _ = std::fs::remove_file(&tmp);
        return Err(Failure::Io(format!(
            "{} に書き込めません: {e}",
            path.display()
        )));
    }
    Ok(())
}

/// Files to lint under the given paths, in a stable order.
fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = ignore::WalkBuilder::new(p)
                .build()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
                .map(|e| e.into_path())
                .filter(|p| {
                    matches!(
                        p.extension().and_then(|e| e.to_str()),
                        Some("md" | "txt" | "markdown")
                    )
                })
                .collect();
            found.sort();
            out.extend(found);
        } else if p.exists() {
            out.push(p.clone());
        } else {
            return Err(Failure::Io(format!("{} が見つかりません", p.display())));
        }
    }
    Ok(out)
}

fn cmd_lint(a: LintArgs) -> Result<u8, Failure> {
    let lib = load_library(a.library.as_deref())?;
    let vocab = Vocabulary::from_library(&lib);
    let settings = Settings {
        kind: a.kind.map(|k| match k {
            KindArg::Module => Kind::Module,
            KindArg::Essay => Kind::Essay,
        }),
        ..Settings::default()
    };
    let files = collect_files(&a.paths)?;
    let mut reports = Vec::new();
    let mut readable = 0;
    for f in &files {
        let path = f.display().to_string();
        match std::fs::read(f)
            .map_err(|e| e.to_string())
            .and_then(|b| decode::decode(&b).map_err(|e| e.to_string()))
        {
            Ok(d) => {
                readable += 1;
                let mut r = lint::lint_text(&path, &d.text, &vocab, &settings);
                if let Some(enc) = d.converted_from {
                    r.diagnostics.insert(
                        0,
                        Diagnostic::new("IO002", "not-utf8", Severity::Info, format!("{enc} として読み込みました"))
                            .with_help("UTF-8 で保存し直すことを勧めます（--fix はこのファイルを書き換えません）"),
                    );
                }
                reports.push(r);
            }
            Err(msg) => reports.push(FileReport {
                path,
                source: String::new(),
                diagnostics: vec![Diagnostic::new(
                    "IO001",
                    "unreadable-file",
                    Severity::Error,
                    msg,
                )],
            }),
        }
    }
    if readable == 0 {
        let msg = reports
            .iter()
            .flat_map(|r| {
                r.diagnostics
                    .iter()
                    .map(move |d| format!("{}: {}", r.path, d.message))
            })
            .collect::<Vec<_>>()
            .join("\n");
        return Err(Failure::Io(if msg.is_empty() {
            "検査するファイルがありません（*.md / *.txt）".into()
        } else {
            msg
        }));
    }
    let format = match a.format {
        OutputFormat::Human => Format::Human,
        OutputFormat::Json => Format::Json,
        OutputFormat::Sarif => Format::Sarif,
        OutputFormat::Github => Format::Github,
    };
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    print_out(&emit::render(format, &reports, color))?;
    let threshold = match a.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    let failed = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| d.severity >= threshold);
    Ok(u8::from(failed))
}

fn cmd_list(a: ListArgs) -> Result<u8, Failure> {
    let mut out = String::new();
    match a.what {
        ListWhat::Rules => {
            for r in RULES {
                out.push_str(&format!(
                    "{}  {:<32} {:<8} {:<14} {}\n",
                    r.code,
                    r.name,
                    r.default_severity.as_str(),
                    r.scope.as_str(),
                    r.summary
                ));
            }
        }
        what => {
            let lib = load_library(a.library.as_deref())?;
            match what {
                ListWhat::Cases => {
                    for c in &lib.cases {
                        out.push_str(&format!("{:<12} {}  {}\n", c.id, c.name, c.summary));
                    }
                }
                ListWhat::Modules => {
                    for m in &lib.modules {
                        let cases: Vec<&str> = m.variants.iter().map(|v| v.case.as_str()).collect();
                        out.push_str(&format!(
                            "{:<28} {}  [テーマ: {}] [事例: {}]\n",
                            m.id,
                            m.name,
                            m.themes.join(", "),
                            cases.join(", ")
                        ));
                    }
                }
                ListWhat::Themes => {
                    for t in &lib.themes {
                        let n = lib
                            .modules
                            .iter()
                            .filter(|m| m.themes.contains(&t.id))
                            .count();
                        let cat = lib.categories.get(&t.category).cloned().unwrap_or_default();
                        out.push_str(&format!(
                            "{:<13} {}（{}、JIS Q 20000-2 {}）モジュール{}件\n",
                            t.id,
                            t.name,
                            cat,
                            t.jis.join("/"),
                            n
                        ));
                    }
                }
                ListWhat::Rules => unreachable!("handled above"),
            }
        }
    }
    print_out(&out)?;
    Ok(0)
}

fn cmd_explain(key: &str) -> Result<u8, Failure> {
    let Some(r) = registry::find(key) else {
        let mut valid: Vec<&str> = RULES.iter().map(|r| r.code).collect();
        valid.extend(RULES.iter().map(|r| r.name));
        let upper = key.to_ascii_uppercase();
        let guess = did_you_mean(&upper, valid.iter().copied())
            .or_else(|| did_you_mean(key, valid.iter().copied()));
        let mut m = format!("未知の規則 `{key}` です。");
        if let Some(g) = guess {
            m.push_str(&format!("もしかして `{g}` ですか？ "));
        }
        m.push_str("`itsm list rules` で一覧を表示できます");
        return Err(Failure::Usage(m));
    };
    let body: String = r
        .explanation
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    let text = format!(
        "{} {}（既定の重大度: {}、対象: {}）\n{}\n\n{}\n",
        r.code,
        r.name,
        r.default_severity.as_str(),
        r.scope.as_str(),
        r.summary,
        body.trim()
    );
    print_out(&text)?;
    Ok(0)
}
