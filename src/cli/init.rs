//! `itsm init [DIR]`: scaffold a study repo — a commented `itsm.yaml`, an example essay that
//! lints clean, a GitHub Actions workflow and a pre-commit entry. Existing files are never
//! overwritten without `--force`; nothing is written unless every file can be.

use super::{Exit, Failure, print_out, write_atomic};
use std::path::{Path, PathBuf};

/// Where the generated workflow installs itsm from, unless `--itsm-git` says otherwise:
/// the crate's `repository` (Cargo.toml) when set, else a placeholder the user must replace.
pub const PLACEHOLDER_GIT: &str = "https://example.invalid/itsm.git";

const CONFIG: &str = include_str!("../../templates/init/itsm.yaml");
const ESSAY: &str = include_str!("../../templates/init/essay.md");
const WORKFLOW: &str = include_str!("../../templates/init/workflow.yml");
const PRE_COMMIT: &str = include_str!("../../templates/init/pre-commit-config.yaml");

/// The example essay `init` writes (public so tests can check that it lints clean).
pub const EXAMPLE_ESSAY: &str = ESSAY;

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// 作成先のフォルダ（既定はカレントフォルダ。無ければ作る）
    pub dir: Option<PathBuf>,
    /// 既存のファイルを上書きする
    #[arg(long)]
    pub force: bool,
    /// itsm score の合格ライン（0〜100）。指定すると itsm.yaml の min-score と CI の採点手順を書く
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=100))]
    pub min_score: Option<u32>,
    /// CI と pre-commit が itsm を取得するリポジトリの URL（cargo install --git）
    #[arg(long, value_name = "URL")]
    pub itsm_git: Option<String>,
}

/// The files to write: relative path and contents.
pub fn files(min_score: Option<u32>, itsm_git: &str) -> Vec<(&'static str, String)> {
    let score_config = match min_score {
        Some(n) => format!("\n# itsm score の合格ライン（0〜100）。\nmin-score: {n}\n"),
        None => "\n# itsm score の合格ライン（0〜100）。CI で採点するなら設定し、ワークフローの採点の手順も有効にする。\n# min-score: 60\n".to_owned(),
    };
    let score_step = match min_score {
        Some(n) => format!(
            "      - name: 採点（合格ライン {n} 点未満なら失敗）\n        run: itsm score --min-score {n} essays/\n"
        ),
        None => "      # 採点も CI で確かめる場合（itsm.yaml の min-score と合わせる）:\n      # - name: 採点（合格ライン未満なら失敗）\n      #   run: itsm score --min-score 60 essays/\n".to_owned(),
    };
    let fill = |t: &str| {
        t.replace("{{ITSM_GIT}}", itsm_git)
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

fn default_git() -> &'static str {
    match env!("CARGO_PKG_REPOSITORY") {
        "" => PLACEHOLDER_GIT,
        r => r,
    }
}

pub(crate) fn run(a: InitArgs) -> Result<Exit, Failure> {
    let dir = a.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    if dir.exists() && !dir.is_dir() {
        return Err(Failure::Io(format!(
            "{} はフォルダではありません",
            dir.display()
        )));
    }
    let git = a.itsm_git.as_deref().unwrap_or(default_git());
    let plan = files(a.min_score, git);
    let existing: Vec<String> = plan
        .iter()
        .map(|(rel, _)| dir.join(rel))
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !existing.is_empty() && !a.force {
        return Err(Failure::Io(format!(
            "既に存在するファイルがあります: {}。何も書き込んでいません。上書きするには --force を付けてください",
            existing.join(", ")
        )));
    }
    let mut out = String::new();
    for (rel, text) in &plan {
        let path = dir.join(rel);
        create_parent(&path)?;
        write_atomic(&path, text.as_bytes(), true)?;
        out.push_str(&format!("作成: {}\n", path.display()));
    }
    out.push_str(&format!(
        "\n次の手順:\n  itsm lint {} — 例の論文を検査する（指摘ゼロ）\n  itsm config --dump {} — 設定の全体を見る\n  git add . && git commit — push すると GitHub Actions が検査し、指摘を注釈で表示する\n",
        dir.join("essays").display(),
        dir.display()
    ));
    if git == PLACEHOLDER_GIT {
        out.push_str(&format!(
            "\n注意: .github/workflows/itsm.yml と .pre-commit-config.yaml の itsm の取得元が仮の URL（{PLACEHOLDER_GIT}）です。\n      itsm を置いたリポジトリの URL に書き換えるか、itsm init --force --itsm-git URL で作り直してください。\n"
        ));
    }
    print_out(&out)?;
    Ok(Exit::Clean)
}

fn create_parent(path: &Path) -> Result<(), Failure> {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => std::fs::create_dir_all(p)
            .map_err(|e| Failure::Io(format!("{} を作成できません: {e}", p.display()))),
        _ => Ok(()),
    }
}
