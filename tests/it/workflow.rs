//! The CI a study repository gets from `itsm init`, run here as GitHub would run it:
//!
//! - the generated workflow's steps, read from its YAML (never copied into this file): the checkout
//!   is the temp folder itself, the itsm action is action.yml's own `run` step with this build on
//!   PATH (what the action's fallback leaves behind), and the `run:` steps go through
//!   `bash -eo pipefail` with their `if:` conditions — green on the example essay, red with
//!   GitHub annotations on a broken one;
//! - the action's install step (action/install.sh, run the way action.yml runs it) against a
//!   release made by the release workflow's packing script in a local folder: the binary for the
//!   runner is installed only when its SHA-256 matches, a missing release falls back to cargo,
//!   and the repository and ref come from the action's path when `github.action_*` are empty.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

#[derive(Debug, Deserialize)]
struct Workflow {
    jobs: BTreeMap<String, Job>,
}

#[derive(Debug, Deserialize)]
struct Job {
    steps: Vec<Step>,
}

#[derive(Debug, Deserialize)]
struct Step {
    name: Option<String>,
    id: Option<String>,
    uses: Option<String>,
    run: Option<String>,
    shell: Option<String>,
    #[serde(rename = "if")]
    cond: Option<String>,
    #[serde(default)]
    with: BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    env: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
struct Action {
    inputs: BTreeMap<String, Input>,
    runs: Runs,
}

#[derive(Debug, Deserialize)]
struct Input {
    default: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Runs {
    using: String,
    steps: Vec<Step>,
}

fn action() -> Action {
    let text = fs::read_to_string(Path::new(ROOT).join("action.yml")).unwrap();
    let a: Action = serde_saphyr::from_str(&text).unwrap();
    assert_eq!(a.runs.using, "composite");
    a
}

fn action_step<'a>(a: &'a Action, id: &str) -> &'a Step {
    a.runs
        .steps
        .iter()
        .find(|s| s.id.as_deref() == Some(id))
        .unwrap_or_else(|| panic!("action.yml has a step with id {id}"))
}

/// The folder of the itsm binary under test, to put first on PATH.
fn bin_dir() -> PathBuf {
    assert_cmd::cargo::cargo_bin("itsm")
        .parent()
        .unwrap()
        .to_path_buf()
}

fn path_with(dir: &Path) -> String {
    format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// A step's script as GitHub's `shell: bash` runs it (`bash --noprofile --norc -eo pipefail`).
fn bash(script: &str, dir: &Path, env: &[(String, String)]) -> Output {
    Command::new("bash")
        .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("GITHUB_ACTIONS", "true")
        .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .output()
        .unwrap()
}

/// The value of an action.yml `env:` entry: `${{ NAME }}` from `context`, panicking on any other
/// expression so that this emulation cannot silently drift from the action.
fn expand(value: &str, context: &BTreeMap<String, String>) -> String {
    match value
        .strip_prefix("${{")
        .and_then(|v| v.strip_suffix("}}"))
        .map(str::trim)
    {
        Some(expr) => context
            .get(expr)
            .unwrap_or_else(|| panic!("the test does not know `{expr}`"))
            .clone(),
        None => {
            assert!(!value.contains("${{"), "expression inside {value:?}");
            value.to_owned()
        }
    }
}

struct Ran {
    name: String,
    code: i32,
    stdout: String,
    stderr: String,
}

/// Run the generated workflow's single job in `repo` with this build of itsm on PATH.
fn run_workflow(repo: &Path) -> Vec<Ran> {
    let text = fs::read_to_string(repo.join(".github/workflows/itsm.yml")).unwrap();
    let wf: Workflow = serde_saphyr::from_str(&text).unwrap();
    assert_eq!(wf.jobs.len(), 1);
    let job = wf.jobs.values().next().unwrap();
    let action = action();
    let our_action = format!("itsm-dev/itsm@v{}", env!("CARGO_PKG_VERSION"));
    let tmp = tempfile::tempdir().unwrap();
    let github_output = tmp.path().join("output");
    let mut ran = Vec::new();
    let mut failed = false;
    let mut outcomes: BTreeMap<String, &str> = BTreeMap::new();
    for (i, step) in job.steps.iter().enumerate() {
        let name = step.name.clone().unwrap_or_else(|| format!("step {i}"));
        // Which steps run: by default only while everything before succeeded; the one condition
        // the generated workflow uses lets the score step report after a failed lint step.
        let runs = match step.cond.as_deref() {
            None => !failed,
            Some("${{ !cancelled() && steps.itsm.outcome == 'success' }}") => {
                outcomes.get("itsm") == Some(&"success")
            }
            Some(other) => panic!("the test does not know the condition {other:?}"),
        };
        if !runs {
            continue;
        }
        let out = match (step.uses.as_deref(), step.run.as_deref()) {
            (Some(u), None) if u.starts_with("actions/checkout@") => continue,
            (Some(u), None) => {
                assert_eq!(u, our_action, "the workflow uses this version's action");
                // Installed: this build is on PATH. Then the action's own `run` step.
                let run = action_step(&action, "run");
                let mut inputs: BTreeMap<&str, String> = action
                    .inputs
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.default.clone().unwrap_or_default()))
                    .collect();
                for (k, v) in &step.with {
                    let v = match v {
                        serde_json::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    assert!(inputs.contains_key(k.as_str()), "action input {k}");
                    inputs.insert(k.as_str(), v);
                }
                let context: BTreeMap<String, String> = inputs
                    .iter()
                    .map(|(k, v)| (format!("inputs.{k}"), v.clone()))
                    .collect();
                let mut env: Vec<(String, String)> = run
                    .env
                    .iter()
                    .map(|(k, v)| (k.clone(), expand(v, &context)))
                    .collect();
                env.push(("PATH".into(), path_with(&bin_dir())));
                env.push(("GITHUB_OUTPUT".into(), github_output.display().to_string()));
                assert_eq!(run.shell.as_deref(), Some("bash"));
                bash(run.run.as_deref().unwrap(), repo, &env)
            }
            (None, Some(script)) => {
                assert!(step.env.is_empty() && step.with.is_empty());
                let env = vec![("PATH".to_owned(), path_with(&bin_dir()))];
                bash(script, repo, &env)
            }
            _ => panic!("step {name}: neither uses nor run"),
        };
        let code = out.status.code().unwrap_or(-1);
        if code != 0 {
            failed = true;
        }
        if let Some(id) = &step.id {
            outcomes.insert(id.clone(), if code == 0 { "success" } else { "failure" });
        }
        ran.push(Ran {
            name,
            code,
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        });
    }
    ran
}

fn init(dir: &Path, args: &[&str]) {
    let out = Command::new(assert_cmd::cargo::cargo_bin("itsm"))
        .arg("init")
        .arg(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `::error file=F,line=N,…::` lines of a step's output, as (level, file, line, title).
fn annotations(stdout: &str) -> Vec<(String, String, Option<u32>, String)> {
    stdout
        .lines()
        .filter_map(|l| {
            let rest = l.strip_prefix("::")?;
            let (level, rest) = rest.split_once(' ')?;
            let (props, _message) = rest.split_once("::")?;
            let mut file = String::new();
            let mut line = None;
            let mut title = String::new();
            for p in props.split(',') {
                match p.split_once('=') {
                    Some(("file", v)) => file = v.to_owned(),
                    Some(("line", v)) => line = v.parse().ok(),
                    Some(("title", v)) => title = v.to_owned(),
                    _ => {}
                }
            }
            Some((level.to_owned(), file, line, title))
        })
        .collect()
}

const BROKEN: &str = "---\nkind: essay\ntheme: problem\n---\n## 設問ア\n\n私はサービスの運用を担当しています。\n・障害が多い\n\n## 設問イ\n\n対策を実施しました。\n\n## 設問ウ\n\nよかったです。\n";

#[test]
fn the_generated_workflow_is_green_on_the_example_and_red_with_annotations_on_a_broken_essay() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("study");
    init(&repo, &["--min-score", "70"]);

    let ran = run_workflow(&repo);
    let names: Vec<&str> = ran.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "itsm を入れる",
            "論述を検査（指摘は注釈として表示）",
            "採点（合格ライン 70 点未満なら失敗）"
        ]
    );
    for r in &ran {
        assert_eq!(r.code, 0, "{}: {}{}", r.name, r.stdout, r.stderr);
    }
    assert_eq!(
        ran[0].stdout,
        format!("itsm {}\n", env!("CARGO_PKG_VERSION")),
        "the install step prints the version (args: --version)"
    );
    assert_eq!(ran[1].stdout, "", "the example essay has no findings");
    let score = annotations(&ran[2].stdout);
    assert!(
        score
            .iter()
            .all(|(level, file, _, _)| file == "essays/example.md" && level != "error"),
        "{score:?}"
    );
    assert!(score[0].3 == "itsm score", "{score:?}");

    // A broken essay: the lint step fails with error annotations on its lines, and the score step
    // still runs (it has `!cancelled()`), annotates and fails below the pass line.
    fs::write(repo.join("essays/broken.md"), BROKEN).unwrap();
    let ran = run_workflow(&repo);
    assert_eq!(ran.len(), 3);
    assert_eq!(ran[0].code, 0);
    assert_eq!(ran[1].code, 1, "{}", ran[1].stderr);
    let lint = annotations(&ran[1].stdout);
    let errors: Vec<(u32, &str)> = lint
        .iter()
        .filter(|(level, file, _, _)| level == "error" && file == "essays/broken.md")
        .map(|(_, _, line, title)| (line.unwrap(), title.as_str()))
        .collect();
    assert_eq!(
        errors,
        [
            (7, "itsm S004 (desu-masu-style)"),
            (8, "itsm S001 (bullet-or-enumeration)"),
            (10, "itsm E004 (part-length)"),
            (12, "itsm S004 (desu-masu-style)"),
            (14, "itsm E004 (part-length)"),
            (16, "itsm S004 (desu-masu-style)"),
        ]
    );
    assert!(
        lint.iter()
            .all(|(_, file, _, _)| file == "essays/broken.md"),
        "{lint:?}"
    );
    assert_eq!(ran[2].code, 1, "below the pass line: {}", ran[2].stderr);
    let score = annotations(&ran[2].stdout);
    assert!(
        score.iter().any(|(level, file, line, _)| level == "warning"
            && file == "essays/broken.md"
            && line.is_some()),
        "{score:?}"
    );
}

#[test]
fn without_min_score_the_score_step_annotates_but_never_fails() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("study");
    init(&repo, &[]);
    fs::write(repo.join("essays/broken.md"), BROKEN).unwrap();
    let ran = run_workflow(&repo);
    assert_eq!(ran.len(), 3);
    assert_eq!(ran[1].code, 1);
    assert_eq!(ran[2].name, "採点（注釈のみ）");
    assert_eq!(ran[2].code, 0, "{}", ran[2].stderr);
    assert!(
        annotations(&ran[2].stdout)
            .iter()
            .any(|(_, file, _, _)| file == "essays/broken.md")
    );
}

// ------------------------------------------------------------------ the action's install step

/// The runner labels and release target of this machine, as action/install.sh maps them.
fn runner() -> (&'static str, &'static str, &'static str) {
    match (std::env::consts::OS, std::env::consts::ARCH) {
        ("linux", "x86_64") => ("Linux", "X64", "x86_64-unknown-linux-musl"),
        ("linux", "aarch64") => ("Linux", "ARM64", "aarch64-unknown-linux-musl"),
        ("macos", "x86_64") => ("macOS", "X64", "x86_64-apple-darwin"),
        ("macos", "aarch64") => ("macOS", "ARM64", "aarch64-apple-darwin"),
        other => panic!("no release target for {other:?}"),
    }
}

struct Release {
    tmp: tempfile::TempDir,
    tag: String,
    archive: PathBuf,
}

/// A release folder laid out like GitHub's download URLs (BASE/TAG/NAME), made by the release
/// workflow's packing script. The packed "binary" is a small script that runs this build, which
/// keeps the archive small; what is under test is the download, the check and the install.
fn release() -> Release {
    let tmp = tempfile::tempdir().unwrap();
    let tag = format!("v{}", env!("CARGO_PKG_VERSION"));
    let stand_in = tmp.path().join("itsm-bin");
    fs::write(
        &stand_in,
        format!(
            "#!/bin/sh\nexec '{}' \"$@\"\n",
            assert_cmd::cargo::cargo_bin("itsm").display()
        ),
    )
    .unwrap();
    let out = Command::new("bash")
        .arg(Path::new(ROOT).join(".github/scripts/package.sh"))
        .arg(&stand_in)
        .arg(&tag)
        .arg(runner().2)
        .arg(tmp.path().join("rel").join(&tag))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let archive = PathBuf::from(String::from_utf8(out.stdout).unwrap().trim());
    assert_eq!(
        archive.file_name().unwrap().to_string_lossy(),
        format!("itsm-{tag}-{}.tar.gz", runner().2)
    );
    Release { tmp, tag, archive }
}

struct Install {
    code: i32,
    stdout: String,
    stderr: String,
    outputs: BTreeMap<String, String>,
    paths: Vec<PathBuf>,
}

/// action.yml's `release` step, with its `env:` filled from `context` (github.* and inputs.*).
fn install(rel: &Release, action_path: &Path, context: &[(&str, &str)]) -> Install {
    let action = action();
    let step = action_step(&action, "release");
    let mut ctx: BTreeMap<String, String> = [
        ("github.action_repository", ""),
        ("github.action_ref", ""),
        ("inputs.version", ""),
        ("inputs.checksum", ""),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    for (k, v) in context {
        assert!(ctx.contains_key(*k), "{k}");
        ctx.insert((*k).to_owned(), (*v).to_owned());
    }
    let work = tempfile::tempdir_in(rel.tmp.path()).unwrap();
    let output = work.path().join("output");
    let path_file = work.path().join("path");
    fs::create_dir(work.path().join("temp")).unwrap();
    let (os, arch, _) = runner();
    let mut env: Vec<(String, String)> = step
        .env
        .iter()
        .map(|(k, v)| (k.clone(), expand(v, &ctx)))
        .collect();
    for (k, v) in [
        ("GITHUB_ACTION_PATH", action_path.display().to_string()),
        ("GITHUB_OUTPUT", output.display().to_string()),
        ("GITHUB_PATH", path_file.display().to_string()),
        ("RUNNER_OS", os.to_owned()),
        ("RUNNER_ARCH", arch.to_owned()),
        (
            "RUNNER_TEMP",
            work.path().join("temp").display().to_string(),
        ),
        (
            "ITSM_RELEASE_BASE_URL",
            format!("file://{}", rel.tmp.path().join("rel").display()),
        ),
    ] {
        env.push((k.to_owned(), v));
    }
    let out = bash(step.run.as_deref().unwrap(), rel.tmp.path(), &env);
    let outputs = fs::read_to_string(&output)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    let paths = fs::read_to_string(&path_file)
        .unwrap_or_default()
        .lines()
        .map(PathBuf::from)
        .collect();
    // Keep the work folder for the caller's checks (removed with the release's folder).
    let _ = work.keep();
    Install {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
        outputs,
        paths,
    }
}

#[test]
fn the_action_installs_the_release_binary_for_the_runner_after_checking_its_sha256() {
    let rel = release();
    let tag = rel.tag.clone();
    // The action used as `itsm-dev/itsm@<this version's tag>`, with extra context.
    let at_tag = |extra: &[(&str, &str)]| {
        let mut ctx = vec![
            ("github.action_repository", "itsm-dev/itsm"),
            ("github.action_ref", tag.as_str()),
        ];
        ctx.extend_from_slice(extra);
        install(&rel, Path::new(ROOT), &ctx)
    };
    let got = at_tag(&[]);
    assert_eq!(got.code, 0, "{}{}", got.stdout, got.stderr);
    assert_eq!(got.outputs["installed"], "true");
    assert_eq!(got.outputs["source"], "release");
    assert_eq!(got.paths.len(), 1);
    let installed = got.paths[0].join("itsm");
    let v = Command::new(&installed).arg("--version").output().unwrap();
    assert_eq!(
        String::from_utf8(v.stdout).unwrap(),
        format!("itsm {}\n", env!("CARGO_PKG_VERSION"))
    );
    for f in ["LICENSE", "README.md"] {
        assert!(got.paths[0].join(f).is_file(), "{f} in the archive");
    }

    // The `checksum` input must match too (any case).
    let sum = fs::read_to_string(rel.archive.with_extension("gz.sha256")).unwrap();
    let sum = sum.split_whitespace().next().unwrap().to_uppercase();
    let got = at_tag(&[("inputs.checksum", &sum)]);
    assert_eq!(got.code, 0, "{}", got.stderr);
    let wrong = "0".repeat(64);
    let got = at_tag(&[("inputs.checksum", &wrong)]);
    assert_eq!(got.code, 1);
    assert!(
        got.stderr
            .starts_with("::error title=itsm のインストール::")
            && got.stderr.contains("入力 checksum と一致しません"),
        "{}",
        got.stderr
    );
    assert!(got.paths.is_empty(), "nothing on PATH");

    // An archive changed after its checksum was written is refused, and nothing is left behind.
    let mut bytes = fs::read(&rel.archive).unwrap();
    bytes.push(0);
    fs::write(&rel.archive, bytes).unwrap();
    let got = at_tag(&[]);
    assert_eq!(got.code, 1);
    assert!(
        got.stderr.contains(".sha256 と一致しません（")
            && got.stderr.contains("インストールしません"),
        "{}",
        got.stderr
    );
    assert!(got.paths.is_empty() && !got.outputs.contains_key("installed"));
}

#[test]
fn without_a_fitting_release_the_action_falls_back_to_cargo() {
    let rel = release();
    // A tag without a release, a branch, and a checkout used as `uses: ./`.
    for (repo, r, key) in [
        ("itsm-dev/itsm", "v9.9.9", "itsm-dev-itsm-v9.9.9"),
        ("itsm-dev/itsm", "main", "itsm-dev-itsm-main"),
        ("", "", "local-checkout"),
    ] {
        let got = install(
            &rel,
            Path::new(ROOT),
            &[("github.action_repository", repo), ("github.action_ref", r)],
        );
        assert_eq!(got.code, 0, "{r}: {}", got.stderr);
        assert_eq!(got.outputs["installed"], "false", "{r}");
        assert_eq!(got.outputs["source"], "cargo");
        assert_eq!(got.outputs["cache-key"], key);
        assert!(
            got.stdout
                .starts_with("::notice title=itsm のインストール::")
                && got.stdout.contains("cargo でソースからビルドします"),
            "{}",
            got.stdout
        );
        assert!(got.paths.is_empty());
    }
}

#[test]
fn the_action_reads_its_repository_and_ref_from_its_path_when_the_context_is_empty() {
    let rel = release();
    // Where the runner puts a used action: …/_actions/OWNER/REPO/REF.
    let action_path = rel.tmp.path().join("_actions/itsm-dev/itsm").join(&rel.tag);
    fs::create_dir_all(action_path.join("action")).unwrap();
    fs::copy(
        Path::new(ROOT).join("action/install.sh"),
        action_path.join("action/install.sh"),
    )
    .unwrap();
    let got = install(&rel, &action_path, &[]);
    assert_eq!(got.code, 0, "{}", got.stderr);
    assert_eq!(got.outputs["installed"], "true");
    assert_eq!(
        got.outputs["cache-key"],
        format!("itsm-dev-itsm-{}", rel.tag)
    );

    // The version input wins over the ref, with or without its `v`.
    let got = install(&rel, &action_path, &[("inputs.version", "9.9.9")]);
    assert_eq!(got.outputs["installed"], "false");
    assert_eq!(got.outputs["cache-key"], "itsm-dev-itsm-v9.9.9");

    // Values that are not plain names are refused before any URL is built.
    for bad in ["v1;rm -rf x", "../../x", "v1\n::error::x"] {
        let got = install(&rel, &action_path, &[("inputs.version", bad)]);
        assert_eq!(got.code, 1, "{bad:?}");
        assert!(got.stderr.contains("は使えません"), "{}", got.stderr);
    }
}

// ------------------------------------------------------------------ versions agree

/// The tag the release workflow builds (`v` + Cargo.toml's version) is the one `itsm init`, the
/// README's pre-commit example and the README's action examples name.
#[test]
fn the_readme_names_the_release_tag_of_this_version() {
    let tag = format!("v{}", env!("CARGO_PKG_VERSION"));
    let readme = fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    let block = readme
        .split("```yaml\n")
        .skip(1)
        .filter_map(|b| b.split_once("```").map(|(b, _)| b))
        .find(|b| b.contains("id: itsm-lint"))
        .expect("README has a pre-commit example");
    #[derive(Deserialize)]
    struct Config {
        repos: Vec<Repo>,
    }
    #[derive(Deserialize)]
    struct Repo {
        repo: String,
        rev: String,
        hooks: Vec<BTreeMap<String, String>>,
    }
    let c: Config = serde_saphyr::from_str(block).unwrap();
    assert_eq!(c.repos[0].repo, env!("CARGO_PKG_REPOSITORY"));
    assert_eq!(c.repos[0].rev, tag);
    let hooks = fs::read_to_string(Path::new(ROOT).join(".pre-commit-hooks.yaml")).unwrap();
    let hooks: Vec<BTreeMap<String, String>> = serde_saphyr::from_str(&hooks).unwrap();
    assert_eq!(c.repos[0].hooks[0]["id"], hooks[0]["id"]);

    let uses = format!("uses: itsm-dev/itsm@{tag}");
    assert!(env!("CARGO_PKG_REPOSITORY").ends_with("/itsm-dev/itsm"));
    assert!(
        readme.matches(&uses).count() >= 2,
        "README's action examples"
    );
    let release =
        fs::read_to_string(Path::new(ROOT).join(".github/workflows/release.yml")).unwrap();
    assert!(release.contains("tags: [\"v*\"]") && release.contains("\"v$version\""));
}
