//! The README's commands, run: every fenced block of commands is executed here, in order, in one
//! sandbox folder (the files of `tests/fixtures/readme/` plus copies of `cases/`, `modules/` and
//! `docs/user-library/`),
//! with this build of itsm first on PATH, so the README cannot drift from the tool.
//!
//! - ```` ```console ```` blocks: `$ command` lines, each followed by its exact output (stdout
//!   and stderr as a terminal shows them, without colour). A line `...` stands for any number of
//!   lines, `[..]` inside a line for any text. The exit status must be 0, or the one a trailing
//!   `# 終了コード N` comment on the `$` line names.
//! - ```` ```sh ```` blocks: one command per line, run in order; the exit status as above.
//!   `cargo run --release -- ` runs this build as `itsm `. Commands that cannot run inside the
//!   test suite are listed in [`NOT_RUN`] with the reason, and only checked to parse (`bash -n`)
//!   and to name files that exist.
//! - ```` ```text ```` blocks whose lines start with `itsm ` are synopses: every `--flag` in them
//!   must be one that `itsm COMMAND --help` lists.
//!
//! `ITSM_README_BLESS=1 cargo test --test it readme` writes the actual outputs into README.md
//! (outputs with `...` are left alone and printed for editing by hand).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Commands shown in the README that this test does not run, with the reason.
const NOT_RUN: &[(&str, &str)] = &[
    ("cargo test", "the test suite itself"),
    (
        "bench/run.sh",
        "the benchmark takes 2 to 15 minutes and needs npm (bench/run.sh is checked to exist)",
    ),
    (
        "SKIP_TEXTLINT=1 bench/run.sh",
        "the benchmark takes minutes (bench/run.sh is checked to exist)",
    ),
    (
        "bench/startup.sh",
        "times hundreds of runs with hyperfine (bench/startup.sh is checked to exist)",
    ),
    (
        "bench/big-inputs.sh",
        "builds 150 MB of inputs and times them for a minute (bench/big-inputs.sh is checked to exist)",
    ),
    (
        "cargo install cargo-fuzz --locked",
        "installs a tool from crates.io",
    ),
    (
        "RUSTC_BOOTSTRAP=1 cargo fuzz run",
        "fuzzes for 5 minutes with cargo-fuzz (fuzz/ is checked to exist)",
    ),
];

#[derive(Debug)]
struct Block {
    /// 1-based line of the opening fence.
    line: usize,
    info: String,
    body: Vec<String>,
}

fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<Block> = None;
    for (i, l) in text.lines().enumerate() {
        let t = l.trim_start();
        if let Some(info) = t.strip_prefix("```") {
            match open.take() {
                None => {
                    open = Some(Block {
                        line: i + 1,
                        info: info.trim().to_owned(),
                        body: Vec::new(),
                    })
                }
                Some(b) => out.push(b),
            }
        } else if let Some(b) = open.as_mut() {
            // Blocks inside a list item are indented; keep the text as written in the block.
            let indent = text.lines().nth(b.line - 1).unwrap().len()
                - text.lines().nth(b.line - 1).unwrap().trim_start().len();
            b.body
                .push(l.get(indent..).unwrap_or(l.trim_start()).to_owned());
        }
    }
    out
}

/// The sandbox: fixtures, and copies of the library folders the README's recipe copies from.
fn sandbox() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&Path::new(ROOT).join("tests/fixtures/readme"), tmp.path());
    for d in ["cases", "modules", "docs/user-library"] {
        copy_dir(&Path::new(ROOT).join(d), &tmp.path().join(d));
    }
    tmp
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

fn bin_dir() -> PathBuf {
    assert_cmd::cargo::cargo_bin("itsm")
        .parent()
        .unwrap()
        .to_path_buf()
}

struct Ran {
    code: i32,
    output: String,
}

/// A command line as bash runs it in the sandbox: stderr merged into stdout as on a terminal.
fn run(dir: &Path, command: &str) -> Ran {
    let command = command
        .strip_prefix("cargo run --release -- ")
        .map(|rest| format!("itsm {rest}"))
        .unwrap_or_else(|| command.to_owned());
    let out = Command::new("bash")
        .args(["--noprofile", "--norc", "-o", "pipefail", "-c"])
        .arg(format!("exec 2>&1\n{command}"))
        .current_dir(dir)
        .env(
            "PATH",
            format!(
                "{}:{}",
                bin_dir().display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .env("NO_COLOR", "1")
        .env_remove("ITSM_PROGRESS_DELAY_MS")
        .output()
        .unwrap();
    Ran {
        code: out.status.code().unwrap_or(-1),
        output: String::from_utf8_lossy(&out.stdout).into_owned(),
    }
}

/// The exit status a command line announces (`# 終了コード 1`), else 0.
fn expected_code(command: &str) -> i32 {
    command
        .rsplit_once("# 終了コード ")
        .and_then(|(_, n)| n.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn not_run(command: &str) -> Option<&'static str> {
    NOT_RUN
        .iter()
        .find(|(prefix, _)| command.starts_with(prefix))
        .map(|(_, why)| *why)
}

/// Whether `actual` matches `expected` with `...` lines and `[..]` inline wildcards.
fn matches(expected: &[String], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((e, rest)) if e.trim() == "..." => {
            (0..=actual.len()).any(|skip| matches(rest, &actual[skip..]))
        }
        Some((e, rest)) => match actual.split_first() {
            Some((a, arest)) => line_matches(e, a) && matches(rest, arest),
            None => false,
        },
    }
}

fn line_matches(expected: &str, actual: &str) -> bool {
    let expected = expected.trim_end();
    let actual = actual.trim_end();
    let parts: Vec<&str> = expected.split("[..]").collect();
    if parts.len() == 1 {
        return expected == actual;
    }
    let mut rest = actual;
    for (i, p) in parts.iter().enumerate() {
        if i == 0 {
            match rest.strip_prefix(p) {
                Some(r) => rest = r,
                None => return false,
            }
        } else if i == parts.len() - 1 {
            return rest.ends_with(p);
        } else {
            match rest.find(p) {
                Some(at) => rest = &rest[at + p.len()..],
                None => return false,
            }
        }
    }
    true
}

/// The `--flags` of `itsm COMMAND --help` (or `itsm --help`).
fn flags_of(command: &str) -> Vec<String> {
    let mut args: Vec<&str> = Vec::new();
    if !command.is_empty() {
        args.push(command);
    }
    args.push("--help");
    let out = Command::new(assert_cmd::cargo::cargo_bin("itsm"))
        .args(&args)
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    help.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|w| w.starts_with("--") && w.len() > 2)
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_command_in_the_readme_runs_as_shown() {
    let readme_path = Path::new(ROOT).join("README.md");
    let readme = fs::read_to_string(&readme_path).unwrap();
    let bless = std::env::var_os("ITSM_README_BLESS").is_some();
    let sb = sandbox();
    let dir = sb.path();
    let mut failures: Vec<String> = Vec::new();
    let mut blessed: Vec<(usize, Vec<String>, Vec<String>)> = Vec::new(); // (line, old, new)
    let mut ran = 0;
    for b in blocks(&readme) {
        match b.info.as_str() {
            "console" => {
                let mut i = 0;
                while i < b.body.len() {
                    let Some(cmd) = b.body[i].strip_prefix("$ ") else {
                        failures.push(format!(
                            "README.md:{}: console block line without `$ `: {}",
                            b.line + 1 + i,
                            b.body[i]
                        ));
                        i += 1;
                        continue;
                    };
                    let start = i + 1;
                    let mut end = start;
                    while end < b.body.len() && !b.body[end].starts_with("$ ") {
                        end += 1;
                    }
                    let expected = &b.body[start..end];
                    let r = run(dir, cmd);
                    ran += 1;
                    let actual: Vec<&str> = r.output.lines().collect();
                    let want = expected_code(cmd);
                    if r.code != want {
                        failures.push(format!(
                            "README.md:{}: `{cmd}` exited {} (README says {want}):\n{}",
                            b.line + 1 + i,
                            r.code,
                            r.output
                        ));
                    }
                    if !matches(expected, &actual) {
                        if bless
                            && !expected
                                .iter()
                                .any(|l| l.trim() == "..." || l.contains("[..]"))
                        {
                            blessed.push((
                                b.line + 1 + start,
                                expected.to_vec(),
                                actual.iter().map(|s| s.to_string()).collect(),
                            ));
                        } else {
                            failures.push(format!(
                                "README.md:{}: output of `{cmd}` differs.\n--- README\n{}\n--- actual\n{}",
                                b.line + 1 + i,
                                expected.join("\n"),
                                r.output
                            ));
                        }
                    }
                    i = end;
                }
            }
            "sh" => {
                for (k, line) in b.body.iter().enumerate() {
                    let cmd = line.trim();
                    if cmd.is_empty() || cmd.starts_with('#') {
                        continue;
                    }
                    let at = b.line + 1 + k;
                    if let Some(why) = not_run(cmd) {
                        let syntax = Command::new("bash")
                            .args(["-n", "-c", cmd])
                            .status()
                            .unwrap();
                        assert!(syntax.success(), "README.md:{at}: `{cmd}` does not parse");
                        for w in cmd.split_whitespace() {
                            if w.contains('/') && !w.starts_with('-') && !w.contains('=') {
                                let p = Path::new(ROOT).join(w.trim_end_matches('/'));
                                assert!(
                                    p.exists() || w.starts_with("fuzz/corpus"),
                                    "README.md:{at}: `{cmd}` names {w}, which does not exist"
                                );
                            }
                        }
                        eprintln!("README.md:{at}: not run ({why}): {cmd}");
                        continue;
                    }
                    let r = run(dir, cmd);
                    ran += 1;
                    let want = expected_code(cmd);
                    if r.code != want {
                        failures.push(format!(
                            "README.md:{at}: `{cmd}` exited {} (README says {want}):\n{}",
                            r.code, r.output
                        ));
                    }
                }
            }
            "text" if b.body.iter().any(|l| l.starts_with("itsm ")) => {
                for (k, line) in b.body.iter().enumerate() {
                    let Some(rest) = line.strip_prefix("itsm ") else {
                        continue;
                    };
                    let command = rest.split_whitespace().next().unwrap_or("");
                    let command = if command.starts_with('-') {
                        ""
                    } else {
                        command
                    };
                    let known = flags_of(command);
                    let synopsis = line.split('#').next().unwrap();
                    for w in synopsis
                        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                        .filter(|w| w.starts_with("--") && w.len() > 2)
                    {
                        if !known.iter().any(|f| f == w) {
                            failures.push(format!(
                                "README.md:{}: `{w}` is not an option of `itsm {command}`",
                                b.line + 1 + k
                            ));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    if bless && !blessed.is_empty() {
        let mut lines: Vec<String> = readme.lines().map(str::to_owned).collect();
        for (line, old, new) in blessed.into_iter().rev() {
            lines.splice(line - 1..line - 1 + old.len(), new);
        }
        fs::write(&readme_path, lines.join("\n") + "\n").unwrap();
        eprintln!("README.md: outputs rewritten (ITSM_README_BLESS)");
    }
    assert!(ran >= 20, "only {ran} commands ran");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_output_matcher_understands_ellipses() {
    let e = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(matches(&e(&["a", "...", "d"]), &["a", "b", "c", "d"]));
    assert!(matches(&e(&["a", "...", "d"]), &["a", "d"]));
    assert!(!matches(&e(&["a", "...", "d"]), &["a", "b"]));
    assert!(matches(&e(&["x [..] z"]), &["x yyy z"]));
    assert!(!matches(&e(&["x [..] z"]), &["x yyy"]));
    assert!(!matches(&e(&["a"]), &["a", "b"]));
    assert_eq!(expected_code("itsm lint a.md   # 終了コード 1"), 1);
    assert_eq!(expected_code("itsm lint a.md"), 0);
}
