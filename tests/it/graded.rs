//! Agreement with graders on a graded set kept in the repository (`tests/fixtures/graded/`: 12
//! essays and 12 module paragraphs graded blind, twice, independently; not used to tune the
//! scorer). Every file is scored by the CLI, as a user would (front matter `theme:` and
//! `question:` read from the file), and the estimates are compared with the graders' scores with
//! the figures of the calibration script (`../shared/calibration/agree.py`): Spearman correlation,
//! mean absolute difference, mean bias (itsm − grader), ranks equal, ranks two or more away.
//!
//! The bars are Spearman ≥ 0.9, mean absolute difference ≤ 8, |bias| ≤ 5, ≥ 80% same rank,
//! none two ranks away. This set does not meet all of them yet (README, 「採点者との一致」); the
//! test holds each figure at the level measured when it was written, so agreement cannot regress
//! silently: tighten [`ESSAY_LIMITS`] / [`MODULE_LIMITS`] as the detectors improve.

use serde_json::Value;
use std::path::Path;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/graded");

/// The limits one kind's figures must stay within.
struct Limits {
    min_spearman: f64,
    max_mae: f64,
    max_abs_bias: f64,
    min_same_rank: usize,
    max_far: usize,
}

/// The bars (for 12 texts: 80% same rank is 10).
const BARS: Limits = Limits {
    min_spearman: 0.9,
    max_mae: 8.0,
    max_abs_bias: 5.0,
    min_same_rank: 10,
    max_far: 0,
};

/// Measured when this test was written (see the README's table), with a point of slack.
const ESSAY_LIMITS: Limits = Limits {
    min_spearman: 0.90,
    max_mae: ESSAY_MAE,
    max_abs_bias: ESSAY_BIAS,
    min_same_rank: ESSAY_SAME,
    max_far: ESSAY_FAR,
};
const MODULE_LIMITS: Limits = Limits {
    min_spearman: MODULE_SPEARMAN,
    max_mae: MODULE_MAE,
    max_abs_bias: MODULE_BIAS,
    min_same_rank: MODULE_SAME,
    max_far: MODULE_FAR,
};

/// Average ranks (ties share the mean of their positions).
fn ranks(v: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..v.len()).collect();
    order.sort_by(|&a, &b| v[a].total_cmp(&v[b]));
    let mut out = vec![0.0; v.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && v[order[j + 1]] == v[order[i]] {
            j += 1;
        }
        for &k in &order[i..=j] {
            out[k] = (i + j) as f64 / 2.0;
        }
        i = j + 1;
    }
    out
}

fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let cov: f64 = x.iter().zip(y).map(|(a, b)| (a - mx) * (b - my)).sum();
    let vx: f64 = x.iter().map(|a| (a - mx).powi(2)).sum();
    let vy: f64 = y.iter().map(|b| (b - my).powi(2)).sum();
    cov / (vx * vy).sqrt()
}

fn spearman(x: &[f64], y: &[f64]) -> f64 {
    pearson(&ranks(x), &ranks(y))
}

const RANKS: &str = "ABCD";

/// The figures of one kind: (spearman, mae, bias, same rank, two or more away).
fn figures(rows: &[(f64, char, f64, char)]) -> (f64, f64, f64, usize, usize) {
    let est: Vec<f64> = rows.iter().map(|r| r.0).collect();
    let want: Vec<f64> = rows.iter().map(|r| r.2).collect();
    let n = rows.len() as f64;
    let mae = rows.iter().map(|r| (r.0 - r.2).abs()).sum::<f64>() / n;
    let bias = rows.iter().map(|r| r.0 - r.2).sum::<f64>() / n;
    let same = rows.iter().filter(|r| r.1 == r.3).count();
    let pos = |c: char| RANKS.find(c).expect("a rank A–D") as i64;
    let far = rows
        .iter()
        .filter(|r| (pos(r.1) - pos(r.3)).abs() >= 2)
        .count();
    (spearman(&est, &want), mae, bias, same, far)
}

fn check(kind: &str, f: (f64, f64, f64, usize, usize), l: &Limits) -> Vec<String> {
    let (rho, mae, bias, same, far) = f;
    let mut out = Vec::new();
    if rho < l.min_spearman {
        out.push(format!("{kind}: Spearman {rho:.2} < {}", l.min_spearman));
    }
    if mae > l.max_mae {
        out.push(format!(
            "{kind}: mean abs. difference {mae:.1} > {}",
            l.max_mae
        ));
    }
    if bias.abs() > l.max_abs_bias {
        out.push(format!(
            "{kind}: bias {bias:+.1} beyond ±{}",
            l.max_abs_bias
        ));
    }
    if same < l.min_same_rank {
        out.push(format!("{kind}: same rank {same}/12 < {}", l.min_same_rank));
    }
    if far > l.max_far {
        out.push(format!("{kind}: {far} two ranks away > {}", l.max_far));
    }
    out
}

#[test]
fn graded_set_agreement_with_graders() {
    let grades: Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(DIR).join("grades.json")).expect("grades.json"),
    )
    .expect("grades.json parses");
    let recs = grades.as_array().expect("a list of records");
    assert_eq!(recs.len(), 24);
    let files: Vec<String> = recs
        .iter()
        .map(|r| format!("{DIR}/{}", r["file"].as_str().expect("file")))
        .collect();
    let out = assert_cmd::Command::cargo_bin("itsm")
        .unwrap()
        .arg("score")
        .args(&files)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.code() == Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let reports = v["files"].as_array().expect("files");
    assert_eq!(reports.len(), files.len());
    let mut report = String::new();
    let mut failures = Vec::new();
    for kind in ["essay", "module"] {
        let mut rows = Vec::new();
        for (r, rep) in recs.iter().zip(reports) {
            if r["kind"] != kind {
                continue;
            }
            // No question or theme of the set may be lost on the way (IO003 would say so).
            assert_eq!(rep["kind"], kind, "{}", r["file"]);
            let total = rep["total"].as_f64().expect("total");
            let rank = rep["rank"].as_str().expect("rank").chars().next().unwrap();
            let want = r["score"].as_f64().expect("score");
            let want_rank = r["rank"].as_str().expect("rank").chars().next().unwrap();
            report.push_str(&format!(
                "{:<28} grader {want:>3} {want_rank}  itsm {total:>3} {rank}\n",
                r["file"].as_str().unwrap()
            ));
            rows.push((total, rank, want, want_rank));
        }
        let f = figures(&rows);
        report.push_str(&format!(
            "{kind}s: Spearman {:.2}, mean abs. difference {:.1}, bias {:+.1}, same rank {}/12, two ranks away {}\n",
            f.0, f.1, f.2, f.3, f.4
        ));
        let limits = if kind == "essay" {
            &ESSAY_LIMITS
        } else {
            &MODULE_LIMITS
        };
        failures.extend(check(kind, f, limits));
        // Which of the bars this set meets (printed, not asserted; see the module note).
        for miss in check(kind, f, &BARS) {
            report.push_str(&format!("  not yet at the issue's bar: {miss}\n"));
        }
    }
    println!("{report}");
    assert!(failures.is_empty(), "{}\n{report}", failures.join("\n"));
}

#[test]
fn spearman_and_ranks_match_the_script() {
    assert_eq!(ranks(&[3.0, 1.0, 2.0, 2.0]), [3.0, 0.0, 1.5, 1.5]);
    assert!((spearman(&[1.0, 2.0, 3.0], &[10.0, 20.0, 30.0]) - 1.0).abs() < 1e-9);
    assert!((spearman(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]) + 1.0).abs() < 1e-9);
    let f = figures(&[(80.0, 'A', 70.0, 'A'), (40.0, 'C', 60.0, 'B')]);
    assert_eq!((f.1, f.2, f.3, f.4), (15.0, -5.0, 1, 0));
}

// Measured when this test was written: essays Spearman 0.93, MAE 6.8, bias +5.0, 11/12 same rank,
// none two ranks away; modules 0.93, 6.8, +3.5, 10/12, 0 — both at the bars (round 4: F011
// by name and textbook steps, N002 enumerated totals, E008 announced verdicts, C004 across
// sentences, E014 problems about the setting but new to 設問ア, copied sentences in ⑦). Before: essays 0.93, 8.8,
// +6.9, 10/12, 0; modules 0.92, 11.4, +8.9, 8/12, 1 (and before round 3: essays 0.93, 12.2, +10.7,
// 6/12, 1; modules 0.89, 12.5, +9.5, 8/12, 1).
// Round 9 (the rubric's top of the scale, `top: {from: 85, to: 90}`): essays 0.93, 6.3, +4.0, 11/12,
// 0; modules 0.93, 5.2, +1.4, 10/12, 0.
// Session 6 (the module scale's middle, `middle: {from: 35, to: 85, k: 0.25}`, k chosen on the dev
// and graded-drafts modules; the rank now follows the shown, rounded total): modules 0.93, 4.5, +0.3,
// 10/12, 0 (dev-module-08: grader 54 C, itsm 54.6 shown as 55, B).
const ESSAY_MAE: f64 = 7.0;
const ESSAY_BIAS: f64 = 4.5;
const ESSAY_SAME: usize = 10;
const ESSAY_FAR: usize = 0;
const MODULE_SPEARMAN: f64 = 0.90;
const MODULE_MAE: f64 = 5.5;
const MODULE_BIAS: f64 = 1.5;
const MODULE_SAME: usize = 10;
const MODULE_FAR: usize = 0;
