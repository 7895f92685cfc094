//! Command-line surface: clap definitions and the glue from flags to the core.
//! This is the only module that reads flags, touches the terminal or exits.
//! One file per subcommand; shared helpers (the flags several commands share, output — stderr
//! notes become workflow commands under `--format github` —, file collection, the exit status)
//! live here. Files are read and written through [`crate::fsio`] ([`read_input`],
//! [`write_file`]); settings are resolved by [`crate::config::resolve`], never here.

mod config;
mod count;
mod draft;
mod explain;
mod init;
mod ja;
mod lint;
mod list;
mod parallel;
mod progress;
mod score;
mod serve;

pub use config::{ConfigArgs, DumpFormat};
pub use count::{CountArgs, CountFormat};
pub use draft::{DraftArgs, DraftFormat};
pub use init::{
    DEFAULT_REPOSITORY, EXAMPLE_ESSAY, InitArgs, Source as InitSource, default_ref,
    files as init_files,
};
pub use lint::{FailOn, KindArg, LintArgs, OutputFormat};
pub use list::{ListArgs, ListWhat};
pub use score::ScoreArgs;
pub use serve::{DEFAULT_PORT, ServeArgs};

use crate::config::{Overrides, ResolveError, Resolver};
use crate::diagnostic::FileReport;
use crate::document::Kind;
use crate::fsio;
use crate::library::LibraryError;
use crate::report;
use crate::text::unknown_value;
use crate::text::visible;
use clap::{Parser, Subcommand};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

const AFTER_HELP: &str = "\
例:
  itsm draft --case fx --theme change          FX事例の変更管理モジュールを1段落生成
  itsm draft --theme incident                  FX事例ともう1事例で2段落
  itsm draft --case ses --theme release --variant 2 --format json
  itsm draft --case fx --theme change --essay  設問ア・イ・ウの論文全体を生成
  itsm lint module.md essays/                  書いた文章を検査（エラーがあれば終了コード1）
  itsm lint essay.md --format github           GitHub Actions の注釈として出力
  itsm count essay.md                          設問ごとの字数（CBT・原稿用紙）
  itsm explain S002                            規則の説明
  itsm list themes                             テーマの一覧
  itsm init my-essays                          学習用リポジトリのひな形（設定・例・CI・pre-commit）
  itsm lint --fix essays/                      安全な修正を適用し、残った指摘を表示
  itsm config --dump essays/                   essays/ に適用される設定（既定値との合成）
  itsm score essay.md --min-score 80           推定点（100点）と点を上げる修正
  itsm serve my-essays --open                  練習用のページ（CBT の解答画面・字数・指摘・推定点）

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
        after_help = "例:\n  itsm lint module.md\n  itsm lint essays/ --format json\n  itsm lint essay.md --format sarif > itsm.sarif\n  itsm lint --fix essays/\n  itsm lint --fix --diff essays/a.md"
    )]
    Lint(LintArgs),
    /// 事例・モジュール・テーマ・規則の一覧
    List(ListArgs),
    /// 規則の説明（何を検出するか・なぜ減点されるか・例・設定）
    Explain {
        /// 規則コード（S002）または名前（unexplained-abbreviation）
        rule: String,
    },
    /// 設問ごとの字数を数え、制限と比べる（CBT の文字数と原稿用紙の行数）
    #[command(
        after_help = "例:\n  itsm count essay.md\n  itsm count essay.md --mode genkou\n  itsm count essays/ --format json\n\n終了コード: 0 すべて制限内 / 1 制限外の設問あり / 2 読み込めないファイル・使い方の誤り"
    )]
    Count(CountArgs),
    /// 適用される設定ファイルと、その内容（--dump）
    #[command(
        after_help = "例:\n  itsm config essays/a.md\n  itsm config --dump\n  itsm config --dump --format json --config ci.yaml"
    )]
    Config(ConfigArgs),
    /// 学習用リポジトリのひな形を作る（itsm.yaml、例の論文、GitHub Actions、pre-commit）
    #[command(
        after_help = "例:\n  itsm init\n  itsm init my-essays --min-score 60\n  itsm init . --force"
    )]
    Init(InitArgs),
    /// 採点表（100点）による推定点・推定ランクと、点を上げる修正（IPA の採点ではない）
    #[command(
        after_help = "例:\n  itsm score essay.md\n  itsm score essays/ --min-score 80\n  itsm score module.md --kind module --format json\n\n終了コード: 0 すべて --min-score 以上 / 1 下回るファイルあり / 2 使い方・入出力・採点表の誤り\n点数は公開されている採点の観点からの推定であり、IPA の採点結果ではありません。"
    )]
    Score(ScoreArgs),
    /// 練習用のページ（CBT の解答画面のように設問ア・イ・ウを入力し、字数・指摘・推定点をその場で表示）を 127.0.0.1 で開く
    #[command(
        after_help = "例:\n  itsm serve                 カレントフォルダの論文のページを http://127.0.0.1:8765/ で提供する\n  itsm serve my-essays --open\n  itsm serve --port 0        空いているポートを使う（URL を表示する）\n\nページの論文は DIR の中にだけ保存します（一時ファイル＋rename、開いた後に変更されていれば保存せずに知らせる）。\n終了は Ctrl+C。"
    )]
    Serve(ServeArgs),
}

/// How a command ended; the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: nothing at or above the threshold (lint), every score at or above `--min-score`,
    /// every part within its limits (count).
    Clean,
    /// 1: findings at or above `--fail-on`, a score below `--min-score`, a part out of limits.
    Findings,
    /// 2: a usage, input/output, config or library error.
    Error,
}

impl Exit {
    /// `Findings` when `failed`, else `Clean`.
    pub fn findings_if(failed: bool) -> Exit {
        if failed { Exit::Findings } else { Exit::Clean }
    }

    pub fn code(self) -> u8 {
        match self {
            Exit::Clean => 0,
            Exit::Findings => 1,
            Exit::Error => 2,
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e.code())
    }
}

/// A failure that maps to exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// Wrong use of the command line (message in Japanese).
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Library(LibraryError),
    /// Findings on a file that stop the command (an invalid config, a template error).
    #[error("{}", .0.path)]
    Report(Box<FileReport>),
    /// A file that cannot be read or written (message in Japanese).
    #[error("{0}")]
    Io(String),
}

impl From<ResolveError> for Failure {
    fn from(e: ResolveError) -> Failure {
        match e {
            ResolveError::Io(m) => Failure::Io(m),
            ResolveError::Config(r) => Failure::Report(r),
            ResolveError::Library(l) => Failure::Library(l),
            ResolveError::UnknownTheme { given, valid } => {
                unknown_theme(&given, valid.iter().map(|(i, n)| (i.as_str(), n.as_str())))
            }
        }
    }
}

/// The flags every command that reads the config or the library shares.
#[derive(Debug, Clone, clap::Args)]
pub struct SourceArgs {
    /// 追加・上書きするライブラリのフォルダ（cases/ modules/ rubrics/。設定の library より優先）
    #[arg(long)]
    pub library: Option<PathBuf>,
    /// 設定ファイル（既定: 各ファイル（ファイルを取らないコマンドはカレントフォルダ）から上へ itsm.yaml / .itsm.yaml を探す）
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

impl SourceArgs {
    /// The overrides these flags make (other fields empty).
    pub fn overrides(&self) -> Overrides {
        Overrides {
            config: self.config.clone(),
            library: self.library.clone(),
            ..Overrides::default()
        }
    }
}

/// `--kind`, shared by the commands that read essays and module paragraphs.
#[derive(Debug, Clone, clap::Args)]
pub struct KindArgs {
    /// 種類を指定する（既定は自動判定: 設問の見出しがあれば論文）
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
}

impl KindArgs {
    pub fn kind(&self) -> Option<Kind> {
        self.kind.map(|k| match k {
            KindArg::Module => Kind::Module,
            KindArg::Essay => Kind::Essay,
        })
    }
}

/// The command line, parsed with the Japanese help and errors of the `ja` module.
///
/// The derived command parses as it is; the Japanese command (`ja::localize`, which rewrites
/// every help line and usage) is built only when clap has something to say — help, version or
/// an error —, and the arguments are parsed again with it for clap to say it in Japanese. The
/// localization changes texts, never what parses (the test
/// `the_japanese_command_parses_as_the_derived_one` checks the examples of the help), so a run
/// does not pay for texts nobody reads.
pub fn parse(args: Vec<std::ffi::OsString>) -> Result<Cli, clap::Error> {
    use clap::{CommandFactory, FromArgMatches};
    let args = ja::help_subcommand(args);
    let matches = match Cli::command().try_get_matches_from(&args) {
        Ok(m) => m,
        Err(_) => ja::localize(Cli::command()).try_get_matches_from(args)?,
    };
    Cli::from_arg_matches(&matches)
}

/// Run and return the exit code.
pub fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cli = match parse(args.clone()) {
        Ok(c) => c,
        Err(e) => {
            use clap::CommandFactory;
            let text = ja::render_error(&e, &ja::command_path(&Cli::command(), &args));
            let (exit, written) = if e.use_stderr() {
                (
                    Exit::Error,
                    std::io::stderr().lock().write_all(text.as_bytes()),
                )
            } else {
                (
                    Exit::Clean,
                    std::io::stdout().lock().write_all(text.as_bytes()),
                )
            };
            // A closed pipe (`itsm --help | head`) is not an error.
            let _ = written;
            return exit.into();
        }
    };
    match run(cli) {
        Ok(exit) => exit.into(),
        Err(f) => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let github = GITHUB_STDERR.load(Ordering::Relaxed);
            let reports: &[FileReport] = match &f {
                Failure::Usage(m) | Failure::Io(m) => {
                    note(Note::Error, None, None, m);
                    &[]
                }
                Failure::Library(e) => &e.reports,
                Failure::Report(r) => std::slice::from_ref(r.as_ref()),
            };
            let mut s = String::new();
            if github {
                s.push_str(&report::github(reports));
            } else {
                for r in reports {
                    for d in &r.diagnostics {
                        s.push_str(&report::human_one(r, d, color));
                        s.push('\n');
                    }
                }
            }
            let _ = std::io::stderr().lock().write_all(s.as_bytes());
            Exit::Error.into()
        }
    }
}

fn run(cli: Cli) -> Result<Exit, Failure> {
    match cli.command {
        Command::Draft(a) => draft::run(a),
        Command::Lint(a) => lint::run(a),
        Command::List(a) => list::run(a),
        Command::Explain { rule } => explain::run(&rule),
        Command::Count(a) => count::run(a),
        Command::Config(a) => config::run(a),
        Command::Init(a) => init::run(a),
        Command::Score(a) => score::run(a),
        Command::Serve(a) => serve::run(a),
    }
}

/// The resolver of this run (see [`Resolver`]).
///
/// A command runs once per process, so the resolver and what it caches (configs, the decoded
/// library, vocabularies) live until the process exits: freeing them on the way out would only
/// cost time (a tenth of a short run's CPU), and the operating system reclaims the memory anyway.
pub(crate) fn resolver(overrides: Overrides) -> Result<&'static Resolver, Failure> {
    Ok(Box::leak(Box::new(Resolver::new(overrides)?)))
}

/// Write to stdout; a closed pipe is not an error.
pub(crate) fn print_out(s: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Io(format!("標準出力に書き込めません: {e}"))),
    }
}

/// An unknown `--theme` (the message is [`crate::text::unknown_theme`]'s).
pub(crate) fn unknown_theme<'a>(
    value: &str,
    themes: impl Iterator<Item = (&'a str, &'a str)>,
) -> Failure {
    Failure::Usage(crate::text::unknown_theme(value, themes))
}

pub(crate) fn unknown(what: &str, value: &str, valid: &[&str]) -> Failure {
    Failure::Usage(unknown_value(what, value, valid))
}

/// Write `bytes` to `path` through [`fsio::write_atomic`] (random `O_EXCL` temporary file in
/// the same folder, renamed over the target; links, hard links and special files as documented
/// there). The message names the path (control characters shown) and, when the file exists,
/// how to overwrite it.
pub fn write_file(
    path: &Path,
    bytes: &[u8],
    expect: fsio::Expect,
) -> Result<fsio::Written, Failure> {
    fsio::write_atomic(path, bytes, expect).map_err(|e| {
        let shown = visible::path(path);
        Failure::Io(match e {
            fsio::WriteError::Exists => {
                format!("{shown} は既に存在します。上書きするには --force を付けてください")
            }
            fsio::WriteError::NoParent(_) => e.to_string(),
            fsio::WriteError::IsDir => format!("{shown} は{e}"),
            e => format!("{shown}: {e}"),
        })
    })
}

/// Read an input file (an essay, a module paragraph) under [`fsio::limits::INPUT`]: regular
/// files only, never blocking; the error is a Japanese message without the path.
pub fn read_input(path: &Path) -> Result<fsio::Loaded, String> {
    fsio::read(path, fsio::limits::INPUT).map_err(|e| e.to_string())
}

/// Whether stderr speaks GitHub workflow commands (`--format github`).
static GITHUB_STDERR: AtomicBool = AtomicBool::new(false);

/// Make every later note and error on stderr a workflow command (`--format github`).
pub(crate) fn github_stderr(on: bool) {
    GITHUB_STDERR.store(on, Ordering::Relaxed);
}

/// How serious a line on stderr is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Note {
    Note,
    Error,
}

/// One note or error on stderr: `note: …` / `error: …`, or under `--format github` a
/// `::notice` / `::error` command with the file (and line) as properties. `msg` may name
/// paths; it is escaped (GitHub) or has its control characters shown (human).
pub(crate) fn note(kind: Note, file: Option<&str>, line: Option<usize>, msg: &str) {
    let text = if GITHUB_STDERR.load(Ordering::Relaxed) {
        let mut props = Vec::new();
        if let Some(f) = file {
            props.push(("file", f.to_owned()));
        }
        if let Some(l) = line {
            props.push(("line", l.to_string()));
        }
        let cmd = match kind {
            Note::Note => "notice",
            Note::Error => "error",
        };
        report::github_command(cmd, &props, msg)
    } else {
        let prefix = match kind {
            Note::Note => "note",
            Note::Error => "error",
        };
        format!("{prefix}: {}\n", visible::visible_lines(msg))
    };
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// `--stdin-filename`, shared by the commands that read `-` (standard input).
#[derive(Debug, Clone, clap::Args)]
pub struct StdinArgs {
    #[arg(
        long,
        value_name = "PATH",
        help = "標準入力（-）の文章のファイル名。設定ファイルの探索、front matter の question:、メッセージに使う（既定: カレントフォルダの <stdin>）"
    )]
    pub stdin_filename: Option<PathBuf>,
}

/// The most standard input that is read: the same limit as an input file.
pub const MAX_STDIN_BYTES: u64 = fsio::limits::INPUT;

/// The name `-` gets: `--stdin-filename`, else `<stdin>` in the current folder.
pub(crate) fn stdin_path(a: &StdinArgs) -> PathBuf {
    a.stdin_filename
        .clone()
        .unwrap_or_else(|| PathBuf::from("<stdin>"))
}

/// Replace `-` in the collected files by its name ([`stdin_path`]); that name, if `-` was given.
/// `--stdin-filename` without `-` is a usage error.
pub(crate) fn take_stdin(files: &mut [PathBuf], a: &StdinArgs) -> Result<Option<PathBuf>, Failure> {
    let name = stdin_path(a);
    let mut found = false;
    for f in files.iter_mut() {
        if f.as_os_str() == "-" {
            *f = name.clone();
            found = true;
        }
    }
    if !found && a.stdin_filename.is_some() {
        return Err(Failure::Usage(
            "--stdin-filename は、標準入力を表す - と一緒に指定してください（例: itsm lint - --stdin-filename essays/a.md）".into(),
        ));
    }
    Ok(found.then_some(name))
}

/// Standard input, read to its end through [`fsio::read_from`], at most [`MAX_STDIN_BYTES`].
pub(crate) fn read_stdin() -> Result<Vec<u8>, String> {
    fsio::read_from(std::io::stdin().lock(), MAX_STDIN_BYTES).map_err(|e| match e {
        fsio::ReadError::TooLarge { limit } => {
            format!("標準入力が大きすぎます（上限 {}）", fsio::human_size(limit))
        }
        e => format!("標準入力を読み込めません: {e}"),
    })
}

/// What the paths on the command line hold: the files to read, in a stable order, and the
/// folders below them that could not be read (reported as IO001, never skipped silently).
#[derive(Debug, Default)]
pub(crate) struct Collected {
    pub files: Vec<PathBuf>,
    /// (folder, Japanese message).
    pub unreadable: Vec<(PathBuf, String)>,
}

/// Files to lint under the given paths (folders: `*.md`, `*.txt`, `*.markdown`, recursively,
/// `.gitignore` honoured, links not followed). A path that does not exist is an error; a named
/// path that is not a regular file is kept, so reading it reports what it is. `-` (standard
/// input) is kept as it is, at most once.
pub(crate) fn collect_files(paths: &[PathBuf]) -> Result<Collected, Failure> {
    let mut out = Collected::default();
    if paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err(Failure::Usage("標準入力（-）は1回だけ指定できます".into()));
    }
    for p in paths {
        if p.as_os_str() == "-" {
            out.files.push(p.clone());
        } else if p.is_dir() {
            let mut found = Vec::new();
            for entry in ignore::WalkBuilder::new(p).require_git(false).build() {
                match entry {
                    Ok(e) => {
                        if e.file_type().is_some_and(|t| t.is_file())
                            && matches!(
                                e.path().extension().and_then(|x| x.to_str()),
                                Some("md" | "txt" | "markdown")
                            )
                        {
                            found.push(e.into_path());
                        }
                    }
                    Err(e) => {
                        if let Some(u) = walk_error(p, &e) {
                            out.unreadable.push(u);
                        }
                    }
                }
            }
            found.sort();
            out.files.extend(found);
        } else if p.symlink_metadata().is_ok() {
            out.files.push(p.clone());
        } else {
            return Err(Failure::Io(format!(
                "{} が見つかりません",
                visible::path(p)
            )));
        }
    }
    Ok(out)
}

/// A folder the walk could not read: (its path, the message). Problems that are not about
/// reading (a malformed `.gitignore` line) are left to the walker.
fn walk_error(root: &Path, e: &ignore::Error) -> Option<(PathBuf, String)> {
    fn parts(e: &ignore::Error) -> (Option<&Path>, Option<String>) {
        match e {
            ignore::Error::WithPath { path, err } => (Some(path), parts(err).1),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                parts(err)
            }
            ignore::Error::Io(io) => (
                None,
                Some(match io.kind() {
                    std::io::ErrorKind::PermissionDenied => {
                        "フォルダを読み込めません（読み取る権限がありません）".to_owned()
                    }
                    _ => format!("フォルダを読み込めません（{io}）"),
                }),
            ),
            ignore::Error::Loop { child, .. } => (
                Some(child),
                Some("シンボリックリンクが循環しているため読み込めません".to_owned()),
            ),
            _ => (None, None),
        }
    }
    let (path, msg) = parts(e);
    Some((path.unwrap_or(root).to_path_buf(), msg?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{CommandFactory, FromArgMatches};

    /// [`parse`] reads a command line with the derived command and falls back to the Japanese
    /// one only on help, version and errors; both read every example of the helps (and more
    /// flags) the same way.
    #[test]
    fn the_japanese_command_parses_as_the_derived_one() {
        let cmd = Cli::command();
        let helps: Vec<String> = std::iter::once(&cmd)
            .chain(cmd.get_subcommands())
            .filter_map(|c| c.get_after_help().map(ToString::to_string))
            .collect();
        let examples = helps
            .iter()
            .flat_map(|h| h.lines())
            .filter_map(|l| l.trim_start().strip_prefix("itsm "))
            // Without the comment after two spaces and a shell redirection.
            .map(|l| l.split_once("  ").map_or(l, |(cmd, _)| cmd))
            .map(|l| l.split_once(" >").map_or(l, |(cmd, _)| cmd).to_owned());
        let others = [
            "lint a.md --fail-on warning --kind essay --format sarif --theme 変更管理",
            "lint - --stdin-filename a.md --fix --diff --question q.txt",
            "count essay.md --mode both --format json --library lib --config c.yaml",
            "score essay.md --min-score 70 --kind module",
            "draft --case fx --theme change --module canary-release --variant 1 -o out.md --force",
            "draft --case fx --theme change --essay --question q.txt --format markdown",
            "list questions --full",
            "init --force --min-score 60 --itsm-ref v1 my-essays",
            "serve --port 0 --host 127.0.0.1 --open my-essays",
        ];
        let mut n = 0;
        for line in examples.chain(others.iter().map(|s| s.to_string())) {
            let args: Vec<std::ffi::OsString> = std::iter::once("itsm")
                .chain(line.split_whitespace())
                .map(Into::into)
                .collect();
            let derived = Cli::command()
                .try_get_matches_from(&args)
                .map(|m| Cli::from_arg_matches(&m).map(|c| format!("{c:?}")));
            let japanese = ja::localize(Cli::command())
                .try_get_matches_from(&args)
                .map(|m| Cli::from_arg_matches(&m).map(|c| format!("{c:?}")));
            let (Ok(Ok(derived)), Ok(Ok(japanese))) = (derived, japanese) else {
                panic!("`itsm {line}` does not parse with both commands");
            };
            assert_eq!(derived, japanese, "itsm {line}");
            n += 1;
        }
        assert!(n > 15, "only {n} command lines");
    }
}
