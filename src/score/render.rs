//! Rendering score reports: human, versioned JSON, SARIF 2.1.0 and GitHub workflow commands.
//! Withheld items become SARIF results / GitHub annotations (warning when the item earned
//! nothing, note when it earned part of its points). Spans are byte ranges until here, where
//! they become 1-based lines and character columns. Every format carries [`NOTICE`].

use super::{Evidence, NOTICE, ScoreReport, fmt_points, thousands};
use crate::lint::Kind;
use crate::report::{gh_data, gh_prop};
use crate::score::rubric::ScoreRubric;
use crate::text::lines::LineIndex;
use crate::text::visible::{visible, visible_lines};
use serde_json::{Value, json};
use std::ops::Range;

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Essay => "論文",
        Kind::Module => "モジュール段落",
    }
}

/// Cut to `n` characters with an ellipsis, on one line.
fn excerpt(s: &str, n: usize) -> String {
    let one: String = s
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    let one = one.trim();
    if one.chars().count() <= n {
        one.to_owned()
    } else {
        let mut t: String = one.chars().take(n).collect();
        t.push('…');
        t
    }
}

fn pos(idx: &LineIndex<'_>, r: &Range<usize>) -> String {
    let (l, c) = idx.position(r.start);
    format!("{l}:{c}")
}

fn cite(idx: &LineIndex<'_>, source: &str, e: &Evidence) -> String {
    match &e.span {
        Some(r) => {
            let quoted = source.get(r.clone()).unwrap_or("");
            if e.text == quoted || e.text.is_empty() {
                format!("{}「{}」", pos(idx, r), excerpt(quoted, 30))
            } else {
                format!("{} {}", pos(idx, r), excerpt(&e.text, 40))
            }
        }
        None => excerpt(&e.text, 60),
    }
}

/// Where points were lost: the quoted place, then what to do there (a defect found by a lint rule
/// is named by its code only; the message is already in 「不足」).
fn cite_where(idx: &LineIndex<'_>, source: &str, e: &Evidence) -> String {
    let Some(r) = &e.span else {
        return excerpt(&e.text, 60);
    };
    let quoted = excerpt(source.get(r.clone()).unwrap_or(""), 20);
    let code = e
        .text
        .split_once(": ")
        .map(|(c, _)| c)
        .filter(|c| c.len() == 4 && c.chars().all(|x| x.is_ascii_alphanumeric()));
    match code {
        Some(c) => format!("{}「{quoted}」（{c}）", pos(idx, r)),
        None => format!("{}「{quoted}」 {}", pos(idx, r), excerpt(&e.text, 40)),
    }
}

fn headline(r: &ScoreReport) -> String {
    let cap = match r.caps.iter().map(|c| c.rank).max() {
        Some(cr) if r.uncapped_rank < cr => format!(
            "（点数だけなら {}（{}点）だが、{}で {} が上限）",
            r.uncapped_rank.as_str(),
            r.uncapped_total,
            r.caps
                .iter()
                .map(|c| c.label.as_str())
                .collect::<Vec<_>>()
                .join("・"),
            cr.as_str()
        ),
        Some(cr) => format!(
            "（{}で {} が上限）",
            r.caps
                .iter()
                .map(|c| c.label.as_str())
                .collect::<Vec<_>>()
                .join("・"),
            cr.as_str()
        ),
        None => String::new(),
    };
    format!(
        "{}: {} — 推定 {}/{}点、推定ランク {}{cap}",
        visible(&r.path),
        kind_name(r.kind),
        r.total,
        r.max,
        r.rank.as_str()
    )
}

/// How the sheet total became the estimate at the top of the scale (`top:` in the rubric).
fn top_line(r: &ScoreReport) -> Option<String> {
    let t = r.top?;
    Some(format!(
        "採点表の合計 {}点 → 推定 {}点: {}点を超える分は、満点が{}点になる割合で数える（採点者は最もよい答案にも軽微な欠点を挙げ、85〜90点を付ける）",
        r.sheet_total,
        r.uncapped_total,
        fmt_points(t.from),
        fmt_points(t.to)
    ))
}

/// How the sheet total became the estimate in the middle of the scale (`middle:` in the rubric).
fn middle_line(r: &ScoreReport) -> Option<String> {
    let m = r.middle?;
    Some(format!(
        "採点表の合計 {}点 → 推定 {}点: 合計が{}〜{}点の段落は、中ほどの点ほど低く見積もる（採点者は、目に見える欠点のある段落から採点表の項目の合計より多く引く）",
        r.sheet_total,
        r.uncapped_total,
        fmt_points(m.from),
        fmt_points(m.to)
    ))
}

/// The `--min-score` verdict line, when a threshold was applied.
fn min_score_line(r: &ScoreReport) -> Option<String> {
    let m = r.min_score.as_ref()?;
    Some(match &m.reason {
        None => format!("--min-score {}: 合格（推定 {}点）", m.threshold, r.total),
        Some(why) => format!("--min-score {}: 不合格 — {why}", m.threshold),
    })
}

/// Human-readable report for every file.
pub fn human(reports: &[ScoreReport]) -> String {
    let mut out = String::new();
    for r in reports {
        let idx = LineIndex::new(&r.source);
        out.push_str(&headline(r));
        out.push('\n');
        if let Some(l) = min_score_line(r) {
            out.push_str(&format!("  {l}\n"));
        }
        out.push_str(&format!("  ※ {NOTICE}\n"));
        if let Some(l) = top_line(r).or_else(|| middle_line(r)) {
            out.push_str(&format!("  {l}\n"));
        }
        if r.kind == Kind::Essay {
            if r.parts.is_empty() {
                out.push_str("  設問の字数: 設問ア・イ・ウの見出しがありません\n");
            } else {
                let parts: Vec<String> = r
                    .parts
                    .iter()
                    .map(|p| {
                        format!(
                            "{} {}字（{}）{}",
                            p.label,
                            thousands(p.chars),
                            p.limit_text(),
                            if p.within() { "" } else { " ×" }
                        )
                    })
                    .collect();
                out.push_str(&format!("  設問の字数: {}\n", parts.join("  ")));
            }
        }
        for c in &r.caps {
            for e in &c.reasons {
                out.push_str(&format!(
                    "  ランクの上限 {}（{}）: {}\n",
                    c.rank.as_str(),
                    c.label,
                    cite(&idx, &r.source, e)
                ));
            }
        }
        for s in &r.sections {
            out.push_str(&format!(
                "\n  {}  {}/{}\n",
                s.name,
                fmt_points(s.points),
                fmt_points(s.max)
            ));
            for i in &s.items {
                let mark = if i.points == i.max {
                    "○"
                } else if i.points > 0.0 {
                    "△"
                } else {
                    "×"
                };
                out.push_str(&format!(
                    "    {mark} {:>3}/{:<3} {}\n",
                    fmt_points(i.points),
                    fmt_points(i.max),
                    i.label
                ));
                if !i.evidence.is_empty() {
                    let ev: Vec<String> = i
                        .evidence
                        .iter()
                        .take(3)
                        .map(|e| cite(&idx, &r.source, e))
                        .collect();
                    out.push_str(&format!("           根拠: {}\n", ev.join(" / ")));
                }
                if let Some(m) = &i.missing {
                    out.push_str(&format!("           不足: {}\n", m.message));
                    if !m.spans.is_empty() {
                        let at: Vec<String> = m
                            .spans
                            .iter()
                            .take(3)
                            .map(|e| cite_where(&idx, &r.source, e))
                            .collect();
                        let more = if m.spans.len() > 3 {
                            format!(" ほか{}か所", m.spans.len() - 3)
                        } else {
                            String::new()
                        };
                        out.push_str(&format!("           場所: {}{more}\n", at.join(" / ")));
                    }
                    out.push_str(&format!("           直し方: {}\n", m.advice()));
                }
            }
        }
        if !r.top_fixes.is_empty() {
            out.push_str("\n  点を上げる修正（効果の大きい順）:\n");
            for (n, f) in r.top_fixes.iter().enumerate() {
                let at = f
                    .span
                    .as_ref()
                    .map(|s| format!("（{}）", pos(&idx, s)))
                    .unwrap_or_default();
                if f.lifts_cap {
                    out.push_str(&format!(
                        "    {}. ランクの上限が外れる（{}）: {}{at}\n",
                        n + 1,
                        f.label,
                        f.text
                    ));
                } else {
                    out.push_str(&format!(
                        "    {}. +{}点（{}／{}）: {}{at}\n",
                        n + 1,
                        fmt_points(f.gain),
                        f.section,
                        f.label,
                        f.text
                    ));
                }
            }
        }
        out.push('\n');
    }
    // Quoted evidence and messages carry the input's characters: show its control characters
    // (the output has no escape sequences of its own).
    visible_lines(&out).into_owned()
}

fn span_json(idx: &LineIndex<'_>, r: &Range<usize>) -> Value {
    let (l1, c1) = idx.position(r.start);
    let (l2, c2) = idx.position(r.end);
    json!({
        "byte_start": r.start, "byte_end": r.end,
        "start": {"line": l1, "column": c1},
        "end": {"line": l2, "column": c2},
    })
}

fn evidence_json(idx: &LineIndex<'_>, e: &Evidence) -> Value {
    json!({
        "span": e.span.as_ref().map(|r| span_json(idx, r)),
        "text": e.text,
    })
}

/// Versioned JSON: `{"version":2,"notice",…,"files":[{"path","kind","total","rank","capped",
/// "caps":[…],"min_score":{…}|null,"sections":[{"id","name","points","max","items":[…]}],
/// "top_fixes":[…]}]}`. Version 2: points are numbers with halves, ranks for modules too, caps
/// replace `cap_reasons`, `min_score` says why a threshold fails.
pub fn json(reports: &[ScoreReport]) -> String {
    serde_json::to_string_pretty(&json_value(reports)).expect("json") + "\n"
}

/// The document [`json()`] prints, as a value (what `itsm serve` answers).
pub fn json_value(reports: &[ScoreReport]) -> Value {
    let files: Vec<Value> = reports
        .iter()
        .map(|r| {
            let idx = LineIndex::new(&r.source);
            let sections: Vec<Value> = r
                .sections
                .iter()
                .map(|s| {
                    let items: Vec<Value> = s
                        .items
                        .iter()
                        .map(|i| {
                            json!({
                                "id": i.id,
                                "label": i.label,
                                "points": i.points,
                                "max": i.max,
                                "ref": i.reference,
                                "evidence": i.evidence.iter().map(|e| evidence_json(&idx, e)).collect::<Vec<_>>(),
                                "missing": i.missing.as_ref().map(|m| json!({
                                    "message": m.message,
                                    "where": m.spans.iter().map(|e| evidence_json(&idx, e)).collect::<Vec<_>>(),
                                    "fix": m.fix,
                                    "hint": m.hint,
                                })),
                            })
                        })
                        .collect();
                    json!({"id": s.id, "name": s.name, "points": s.points, "max": s.max, "items": items})
                })
                .collect();
            let fixes: Vec<Value> = r
                .top_fixes
                .iter()
                .map(|f| {
                    json!({
                        "section": f.section,
                        "item": f.item,
                        "label": f.label,
                        "gain": f.gain,
                        "lifts_cap": f.lifts_cap,
                        "fix": f.text,
                        "span": f.span.as_ref().map(|s| span_json(&idx, s)),
                    })
                })
                .collect();
            let parts: Vec<Value> = r
                .parts
                .iter()
                .map(|p| {
                    json!({
                        "label": p.label.to_string(),
                        "chars": p.chars,
                        "min": p.min,
                        "max": p.max,
                        "within": p.within(),
                        "heading": span_json(&idx, &p.heading),
                    })
                })
                .collect();
            json!({
                "path": r.path,
                "kind": r.kind.as_str(),
                "total": r.total,
                "max": r.max,
                "rank": r.rank.as_str(),
                "rank_by_total": r.uncapped_rank.as_str(),
                "total_before_caps": r.uncapped_total,
                "sheet_total": r.sheet_total,
                "pass": r.pass,
                "capped": r.capped(),
                "caps": r.caps.iter().map(|c| json!({
                    "id": c.id,
                    "rank": c.rank.as_str(),
                    "label": c.label,
                    "reasons": c.reasons.iter().map(|e| evidence_json(&idx, e)).collect::<Vec<_>>(),
                    "fix": c.fix,
                })).collect::<Vec<_>>(),
                "min_score": r.min_score.as_ref().map(|m| json!({
                    "threshold": m.threshold,
                    "pass": m.pass,
                    "reason": m.reason,
                })),
                "parts": parts,
                "sections": sections,
                "top_fixes": fixes,
            })
        })
        .collect();
    json!({
        "version": 2,
        "tool": {"name": "itsm", "version": env!("CARGO_PKG_VERSION")},
        "notice": NOTICE,
        "files": files,
    })
}

/// The item whose fix lifts the D cap is reported as a warning even when it earned some points.
fn lifts_cap(r: &ScoreReport, item: &str) -> bool {
    r.top_fixes.iter().any(|f| f.lifts_cap && f.item == item)
}

fn rule_id(kind: Kind, item: &str) -> String {
    format!("score/{}/{item}", kind.as_str())
}

/// SARIF 2.1.0: the rubric items are the rules; each withheld item is a result.
pub fn sarif(reports: &[ScoreReport], rubric: &ScoreRubric) -> String {
    let mut rules: Vec<Value> = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    for (kind, k) in [(Kind::Essay, &rubric.essay), (Kind::Module, &rubric.module)] {
        for i in k.items() {
            let id = rule_id(kind, &i.id);
            rules.push(json!({
                "id": id,
                "name": i.id,
                "shortDescription": {"text": i.label},
                "fullDescription": {"text": format!("{}（{}点）。{}", i.label, i.points, i.reference.clone().unwrap_or_default())},
                "help": {"text": i.fix},
                "defaultConfiguration": {"level": "warning"},
            }));
            ids.push(id);
        }
    }
    let mut results = Vec::new();
    let mut scores = Vec::new();
    for r in reports {
        let idx = LineIndex::new(&r.source);
        scores.push(json!({
            "path": r.path, "kind": r.kind.as_str(), "total": r.total,
            "rank": r.rank.as_str(), "pass": r.pass, "capped": r.capped(),
            "min_score": r.min_score.as_ref().map(|m| json!({"threshold": m.threshold, "pass": m.pass, "reason": m.reason})),
        }));
        for s in &r.sections {
            for i in &s.items {
                let Some(m) = &i.missing else { continue };
                let id = rule_id(r.kind, &i.id);
                let span = m.spans.iter().find_map(|e| e.span.clone());
                let loc = crate::report::sarif_location(&r.path, &idx, span.as_ref());
                let mut res = json!({
                    "ruleId": id,
                    "level": if i.points == 0.0 || lifts_cap(r, &i.id) { "warning" } else { "note" },
                    "message": {"text": format!("{} {}/{}点（{}）: {}。{}", s.name, i.points, i.max, i.label, m.message, m.advice())},
                    "locations": [loc],
                });
                if let Some(k) = ids.iter().position(|x| *x == id) {
                    res["ruleIndex"] = json!(k);
                }
                results.push(res);
            }
        }
    }
    crate::report::sarif_log(
        "itsm-score",
        rules,
        results,
        Some(json!({"notice": NOTICE, "scores": scores})),
    )
}

/// GitHub workflow commands: a notice with the score per file, then one annotation per
/// withheld item (warning = nothing earned, notice = part earned).
pub fn github(reports: &[ScoreReport]) -> String {
    let mut out = String::new();
    for r in reports {
        let idx = LineIndex::new(&r.source);
        let file = gh_prop(&r.path);
        out.push_str(&format!(
            "::notice file={file},title={}::{}\n",
            gh_prop("itsm score"),
            gh_data(&format!("{}\n{NOTICE}", headline(r)))
        ));
        if let Some(m) = &r.min_score
            && let Some(why) = &m.reason
        {
            out.push_str(&format!(
                "::error file={file},title={}::{}\n",
                gh_prop(&format!("itsm score --min-score {}", m.threshold)),
                gh_data(why)
            ));
        }
        for s in &r.sections {
            for i in &s.items {
                let Some(m) = &i.missing else { continue };
                let cmd = if i.points == 0.0 || lifts_cap(r, &i.id) {
                    "warning"
                } else {
                    "notice"
                };
                let mut props = vec![format!("file={file}")];
                if let Some(sp) = m.spans.iter().find_map(|e| e.span.clone()) {
                    let (l1, c1) = idx.position(sp.start);
                    let (l2, c2) = idx.position(sp.end);
                    props.push(format!("line={l1}"));
                    props.push(format!("endLine={l2}"));
                    if l1 == l2 {
                        props.push(format!("col={c1}"));
                        props.push(format!("endColumn={c2}"));
                    }
                }
                props.push(format!(
                    "title={}",
                    gh_prop(&format!(
                        "itsm score {}/{} {}/{}点",
                        r.kind.as_str(),
                        i.id,
                        i.points,
                        i.max
                    ))
                ));
                let msg = format!("{}「{}」: {}\n{}", s.name, i.label, m.message, m.advice());
                out.push_str(&format!("::{cmd} {}::{}\n", props.join(","), gh_data(&msg)));
            }
        }
    }
    out
}
