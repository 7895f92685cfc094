//! `itsm lint`: find files (folders recursively, `.gitignore` honoured), pick each file's config
//! (nearest `itsm.yaml`, or `--config`), read it (any encoding we can be sure of), lint, optionally
//! apply safe fixes (`--fix`, `--fix --diff`), render, exit code.

use super::progress::Progress;
use super::{
    Exit, Failure, KindArgs, SourceArgs, StdinArgs, collect_files, print_out, read_input,
    write_file,
};
use crate::config::{FileSettings, Overrides, Resolver};
use crate::diagnostic::codes::{NOT_UTF8, UNREADABLE_FILE, question_unreadable};
use crate::diagnostic::{FileReport, Severity};
use crate::fsio;
use crate::lint::{self, fix};
use crate::report::{self, Format};
use crate::text::decode;
use crate::text::visible;
use clap::ValueEnum;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct LintArgs {
    /// ファイルまたはフォルダ（フォルダは *.md と *.txt を再帰的に、.gitignore を尊重して検査。- は標準入力）
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub stdin: StdinArgs,
    /// 出力形式
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// この重大度以上の指摘があれば終了コード1（既定: 設定の fail-on、なければ error）
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    #[command(flatten)]
    pub kind: KindArgs,
    #[command(flatten)]
    pub source: SourceArgs,
    /// 安全な修正を適用する（略語の説明の補足・禁止語の言い換え・半角カナ・全角英数字）。残った指摘を表示する
    #[arg(long)]
    pub fix: bool,
    /// --fix の変更を unified diff で表示し、ファイルは書き換えない
    #[arg(long, requires = "fix")]
    pub diff: bool,
    /// 問題文のファイル（設問ア・イ・ウが求める事項・観点を読み取り、答えていない事項を報告する。front matter の question: より優先）
    #[arg(long, value_name = "FILE")]
    pub question: Option<PathBuf>,
    /// 論文のテーマ: ID（change）または日本語名（変更管理）。外れていれば報告する（front matter の theme: より優先）
    #[arg(long, value_name = "ID")]
    pub theme: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum OutputFormat {
    Human,
    Json,
    Sarif,
    Github,
}

impl OutputFormat {
    pub fn format(self) -> Format {
        match self {
            OutputFormat::Human => Format::Human,
            OutputFormat::Json => Format::Json,
            OutputFormat::Sarif => Format::Sarif,
            OutputFormat::Github => Format::Github,
        }
    }
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

/// Path as given in reports, without a leading `./` (raw: the human and GitHub renderers show or
/// escape its control characters, JSON and SARIF escape them by their own syntax).
pub(crate) fn display_path(p: &Path) -> String {
    let s = p.display().to_string();
    match s.strip_prefix("./") {
        Some(rest) if !rest.is_empty() => rest.to_owned(),
        _ => s,
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Replace `path` with `text` (keeping its BOM) through [`fsio::write_atomic`], only if it still
/// holds what was read (`read`): an edit made meanwhile is never lost. On error the original is
/// untouched.
fn write_fixed(path: &Path, bom: bool, text: &str, read: fsio::Fingerprint) -> Result<(), String> {
    let mut bytes = Vec::with_capacity(text.len() + 3);
    if bom {
        bytes.extend_from_slice(BOM);
    }
    bytes.extend_from_slice(text.as_bytes());
    write_file(path, &bytes, fsio::Expect::Unchanged(read))
        .map(|_| ())
        .map_err(|f| match f {
            Failure::Io(m) | Failure::Usage(m) => format!("{m}（元のファイルはそのままです）"),
            _ => format!(
                "{} に書き込めません（元のファイルはそのままです）",
                visible::path(path)
            ),
        })
}

/// A unified diff of one file's fix. The names in its header and the lines of the file show
/// their control characters (an ESC in the file must not reach the terminal); line ends,
/// CRLF included, stay as they are.
fn unified_diff(path: &str, old: &str, new: &str) -> String {
    let shown = visible::visible(path);
    let diff = similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{shown}"), &format!("b/{shown}"))
        .to_string();
    let mut out = String::with_capacity(diff.len());
    for line in diff.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        out.push_str(&visible::visible(body));
        out.push_str(&line[body.len()..]);
    }
    out
}

/// One line of the `--fix` log: printed as text (`修正: a.md:3 …`) or, in the GitHub format, as
/// a `::notice` on the file and line.
struct LogLine {
    file: Option<String>,
    line: Option<usize>,
    text: String,
}

impl LogLine {
    fn plain(text: String) -> LogLine {
        LogLine {
            file: None,
            line: None,
            text,
        }
    }
}

/// The log as text (human) or workflow commands (GitHub).
fn render_log(log: &[LogLine], github: bool) -> String {
    let mut out = String::new();
    for l in log {
        if github {
            out.push_str(&report::github_command(
                "notice",
                &[
                    l.file.as_ref().map(|f| ("file", f.clone())),
                    l.line.map(|n| ("line", n.to_string())),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>(),
                &l.text,
            ));
        } else {
            out.push_str(&visible::visible_lines(&l.text));
            out.push('\n');
        }
    }
    out
}

pub(crate) fn run(a: LintArgs) -> Result<Exit, Failure> {
    let format = a.format.format();
    let github = format == Format::Github;
    super::github_stderr(github);
    let resolver = super::resolver(Overrides {
        kind: a.kind.kind(),
        fail_on: a.fail_on.map(|f| match f {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }),
        theme: a.theme.clone(),
        question: a.question.clone(),
        ..a.source.overrides()
    })?;
    let mut collected = collect_files(&a.paths)?;
    // `-`: standard input under its name (config lookup, front matter, messages); never fixed.
    let stdin = super::take_stdin(&mut collected.files, &a.stdin)?;
    if stdin.is_some() && a.fix {
        return Err(Failure::Usage(
            "--fix は標準入力（-）には使えません。ファイルを指定してください（--fix --diff も同じ）".into(),
        ));
    }
    let files = &collected.files;
    let progress = std::sync::Mutex::new(Progress::stderr(
        "検査中",
        files.len(),
        matches!(a.format, OutputFormat::Human),
    ));
    let tick = || {
        progress
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .tick()
    };
    // Settings first, in order: a config error stops the run before any file is read or fixed.
    let mut seen = std::collections::HashSet::new();
    let mut jobs = Vec::new();
    for f in files {
        // The same file named twice (`itsm lint essays essays/a.md`) is linted (and fixed) once.
        if !seen.insert(crate::config::absolute(f)) {
            tick();
            continue;
        }
        let mut file = resolver.file(f)?;
        let from_stdin = stdin.as_ref() == Some(f);
        if !file.included && !from_stdin {
            note_excluded(&a.paths, f, file.config());
            tick();
            continue;
        }
        resolver.apply_theme(&mut file)?;
        jobs.push((f.as_path(), file, from_stdin));
    }
    // Then every file on every core (results in file order). `--fix` writes files one at a time.
    // The plain human report renders each file's findings on the worker that checked it (the
    // renderer costs about a tenth of the run, too much to leave to one thread at the end).
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let render_in_workers = format == Format::Human && !a.fix && !a.diff;
    let check = |(f, file, from_stdin): &(&Path, FileSettings, bool)| {
        let mut c = check_file(&a, resolver, f, file.clone(), *from_stdin);
        if render_in_workers {
            c.rendered = Some(report::human_file(&c.report, color));
        }
        tick();
        c
    };
    let checked: Vec<Checked> = if a.fix {
        jobs.iter().map(check).collect()
    } else {
        super::parallel::map_ordered(&jobs, check)
    };
    let mut reports: Vec<(FileReport, Severity)> = Vec::new();
    // Each report's human rendering when a worker made it (parallel to `reports`).
    let mut rendered: Vec<Option<String>> = Vec::new();
    for (dir, msg) in &collected.unreadable {
        let threshold = resolver.file(dir).map_or(Severity::Error, |f| f.fail_on);
        reports.push((unreadable(display_path(dir), msg.clone()), threshold));
        rendered.push(None);
    }
    let mut readable = 0;
    let mut fix_log: Vec<LogLine> = Vec::new();
    let mut fixed_count = (0usize, 0usize);
    let mut diff_out = String::new();
    let mut write_errors: Vec<String> = Vec::new();
    for c in checked {
        readable += usize::from(c.readable);
        fix_log.extend(c.fix_log);
        fixed_count.0 += c.fixed.0;
        fixed_count.1 += c.fixed.1;
        diff_out.push_str(&c.diff);
        write_errors.extend(c.write_error);
        reports.push((c.report, c.threshold));
        rendered.push(c.rendered);
    }
    let mut progress = progress
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    progress.finish();
    if files.is_empty() && reports.is_empty() || (readable == 0 && !reports.is_empty()) {
        let msg = reports
            .iter()
            .flat_map(|(r, _)| {
                r.diagnostics
                    .iter()
                    .map(move |d| format!("{}: {}", visible::visible(&r.path), d.message))
            })
            .collect::<Vec<_>>()
            .join("\n");
        return Err(Failure::Io(if msg.is_empty() {
            "検査するファイルがありません（*.md / *.txt）".into()
        } else {
            msg
        }));
    }
    if a.fix {
        let what = if a.diff {
            "修正案（--diff のため書き換えていません）"
        } else {
            "修正しました"
        };
        fix_log.push(LogLine::plain(format!(
            "{what}: {}件（{}ファイル）",
            fixed_count.0, fixed_count.1
        )));
    }
    let (plain, thresholds): (Vec<FileReport>, Vec<Severity>) = reports.into_iter().unzip();
    if a.diff {
        // In the GitHub format the diff's lines (the file's own text after a space) must not be
        // read as workflow commands.
        print_out(&if github {
            report::github_verbatim(&diff_out)
        } else {
            diff_out
        })?;
        let s = report::Summary::of(&plain);
        fix_log.push(LogLine::plain(format!(
            "修正後に残る指摘: エラー {}件、警告 {}件、情報 {}件",
            s.errors, s.warnings, s.infos
        )));
        print_err(&render_log(&fix_log, github));
    } else if a.fix && format == Format::Human {
        print_out(&format!(
            "{}\n{}",
            render_log(&fix_log, false),
            report::render(format, &plain, color)
        ))?;
    } else {
        if a.fix {
            print_err(&render_log(&fix_log, github));
        }
        print_out(&if render_in_workers {
            // The same text as `report::render`: the files' parts in order, then the summary.
            let mut out = String::new();
            for (r, shown) in plain.iter().zip(rendered) {
                out.push_str(&shown.unwrap_or_else(|| report::human_file(r, color)));
            }
            out.push_str(&report::human_summary(&plain));
            out
        } else {
            report::render(format, &plain, color)
        })?;
    }
    if !write_errors.is_empty() {
        return Err(Failure::Io(write_errors.join("\n")));
    }
    let failed = plain
        .iter()
        .zip(&thresholds)
        .any(|(r, t)| r.diagnostics.iter().any(|d| d.severity >= *t));
    Ok(Exit::findings_if(failed))
}

/// What checking one file produced; [`run`] combines these in file order.
struct Checked {
    report: FileReport,
    threshold: Severity,
    /// The file could be read and decoded.
    readable: bool,
    fix_log: Vec<LogLine>,
    /// (fixes applied, 1 when the file was fixed).
    fixed: (usize, usize),
    diff: String,
    write_error: Option<String>,
    /// The report in the human format, when the worker rendered it.
    rendered: Option<String>,
}

/// Read, decode, lint (or fix) one file whose settings are resolved.
fn check_file(
    a: &LintArgs,
    resolver: &Resolver,
    f: &Path,
    mut file: FileSettings,
    from_stdin: bool,
) -> Checked {
    let path = display_path(f);
    let threshold = file.fail_on;
    let mut out = Checked {
        report: FileReport {
            path: String::new(),
            source: String::new(),
            diagnostics: Vec::new(),
        },
        threshold,
        readable: false,
        fix_log: Vec::new(),
        fixed: (0, 0),
        diff: String::new(),
        write_error: None,
        rendered: None,
    };
    let read = if from_stdin {
        super::read_stdin().map(|b| {
            let fingerprint = fsio::Fingerprint::of_bytes(&b);
            fsio::Loaded {
                bytes: b,
                fingerprint,
            }
        })
    } else {
        read_input(f)
    };
    let loaded = match read {
        Ok(l) => l,
        Err(m) => {
            out.report = unreadable(path, m);
            return out;
        }
    };
    let bytes = &loaded.bytes;
    let d = match decode::decode(bytes) {
        Ok(d) => d,
        Err(e) => {
            out.report = unreadable(path, e.to_string());
            return out;
        }
    };
    out.readable = true;
    // The question: `--question` wins; otherwise the essay's front matter `question:`.
    let question_error = resolver.read_question(&mut file, f, &d.text);
    let settings = &file.settings;
    let vocab = file.vocab();
    let mut r = if a.fix && d.converted_from.is_none() {
        let outcome = fix::fix_text(&path, &d.text, vocab, settings);
        if !outcome.changed() {
            outcome.report
        } else if a.diff {
            out.diff = unified_diff(&path, &d.text, &outcome.text);
            log_fixes(&mut out.fix_log, &path, &outcome.applied);
            out.fixed = (outcome.applied.len(), 1);
            outcome.report
        } else {
            match write_fixed(f, bytes.starts_with(BOM), &outcome.text, loaded.fingerprint) {
                Ok(()) => {
                    log_fixes(&mut out.fix_log, &path, &outcome.applied);
                    out.fixed = (outcome.applied.len(), 1);
                    outcome.report
                }
                Err(m) => {
                    out.write_error = Some(m);
                    lint::lint_text(&path, &d.text, vocab, settings)
                }
            }
        }
    } else {
        lint::lint_text(&path, &d.text, vocab, settings)
    };
    if let Some(enc) = d.converted_from {
        if a.fix && r.diagnostics.iter().any(|x| x.fix.is_some()) {
            out.fix_log.push(LogLine {
                file: Some(path.clone()),
                line: None,
                text: format!(
                    "{}: {enc} のファイルは --fix で書き換えません（UTF-8 で保存し直すと修正できます）",
                    visible::visible(&path)
                ),
            });
        }
        r.diagnostics.insert(
            0,
            NOT_UTF8
                .diagnostic(format!("{enc} として読み込みました"))
                .with_help(
                    "UTF-8 で保存し直すことを勧めます（--fix はこのファイルを書き換えません）",
                ),
        );
    }
    if let Some(msg) = question_error {
        r.diagnostics.insert(0, question_unreadable(msg));
    }
    out.report = r;
    out
}

/// A note when a file named on the command line is left out by the config's include / exclude.
pub(crate) fn note_excluded(named: &[PathBuf], f: &Path, config: &crate::config::Config) {
    if named.iter().any(|p| p == f) {
        super::note(
            super::Note::Note,
            Some(&display_path(f)),
            None,
            &format!(
                "{} は設定（{}）の include / exclude により検査しません",
                visible::path(f),
                config
                    .source
                    .as_ref()
                    .map_or_else(|| "既定".to_owned(), |p| visible::path(p))
            ),
        );
    }
}

fn unreadable(path: String, msg: String) -> FileReport {
    FileReport {
        path,
        source: String::new(),
        diagnostics: vec![UNREADABLE_FILE.diagnostic(msg)],
    }
}

fn log_fixes(log: &mut Vec<LogLine>, path: &str, applied: &[fix::Applied]) {
    for x in applied {
        log.push(LogLine {
            file: Some(path.to_owned()),
            line: Some(x.line),
            text: format!(
                "修正: {}:{} {} 「{}」→「{}」",
                visible::visible(path),
                x.line,
                x.code,
                visible::visible(&x.before),
                visible::visible(&x.after)
            ),
        });
    }
}

/// Write to stderr; a closed stderr is not worth failing (or panicking) over.
pub(crate) fn print_err(s: &str) {
    use std::io::Write;
    let _ = std::io::stderr().lock().write_all(s.as_bytes());
}
