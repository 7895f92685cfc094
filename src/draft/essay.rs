//! Whole-essay drafting (`itsm draft --essay`): a practice essay with 設問ア・イ・ウ in Markdown.
//!
//! The essay is one story: the problem named in 設問ア is the problem of the chosen module variant,
//! 設問イ applies that module (and optionally the supporting module the case names for the theme),
//! and 設問ウ measures the same metric before and after. This module chooses the pieces and builds
//! the context; the sentences that glue them live in `rubrics/essay.j2` (no template syntax here),
//! rendered through [`crate::library::template`]. After rendering it joins the template's one-sentence lines
//! into paragraphs and glosses abbreviations and industry terms at their first use in the prose.
//!
//! No CLI flags and no printing here; notes for the user (missing essay data, a part outside its
//! limits) are returned in [`Essay::notes`] for the caller to show.

use crate::diagnostic::{FileReport, codes};
use crate::document::FrontMatter;
use crate::draft::{self, DraftError, Filled};
use crate::exam::{Limits, PART_LABELS, Question};
use crate::library::template;
use crate::library::{Case, EssayTheme, Library};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A finished essay draft.
#[derive(Debug, Clone, Serialize)]
pub struct Essay {
    pub case: String,
    pub case_name: String,
    pub theme: String,
    pub theme_name: String,
    /// The primary module (設問イ).
    pub module: String,
    /// The supporting module of 設問イ, if any.
    pub support: Option<String>,
    /// 1-based index among the candidates for this case and theme.
    pub variant: usize,
    /// Number of candidates for this case and theme.
    pub variants: usize,
    /// Where the question the essay answers came from: the file given with `--question`, or
    /// the theme's default question (`questions/<theme>.txt`).
    pub question: String,
    /// The essay in Markdown, with a `kind: essay` front matter.
    pub text: String,
    /// Length of each part.
    pub parts: Vec<PartLength>,
    /// Things the user should know (missing essay data, a point of the question the essay does
    /// not answer, a part outside its limits), in Japanese.
    pub notes: Vec<String>,
}

/// The length of one 設問 part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartLength {
    /// 「設問ア」「設問イ」「設問ウ」.
    pub part: String,
    /// Characters as typed (CBT): the part's body without line breaks and heading marks.
    pub chars: usize,
    /// Estimated rows on the 25×16 answer sheet: each paragraph starts with a one-cell indent,
    /// each sub-heading takes its own rows.
    pub rows: usize,
}

/// Draft the essay for `case` and `theme`, answering the theme's default question. `module` /
/// `variant` choose the primary module the same way as for a module paragraph ([`draft::select`]).
pub fn essay(
    lib: &Library,
    case: &Case,
    theme: &str,
    module: Option<&str>,
    variant: usize,
) -> Result<Essay, DraftError> {
    essay_for(lib, case, theme, module, variant, None)
}

/// Draft the essay for `case` and `theme` answering `question` (`None`: the theme's default
/// question from the library): the question's requested points become the sub-headings, the
/// point that names the problem closes 設問ア, and its 「〜の観点」 is answered in 設問イ.
pub fn essay_for(
    lib: &Library,
    case: &Case,
    theme: &str,
    module: Option<&str>,
    variant: usize,
    question: Option<(&str, &Question)>,
) -> Result<Essay, DraftError> {
    let entry = case.essay.as_ref().and_then(|e| e.themes.get(theme));
    let (primary, variants) = match module {
        Some(_) => draft::select(lib, case, theme, module, variant)?,
        None => preferred(
            lib,
            case,
            theme,
            entry.and_then(|e| e.module.as_deref()),
            variant,
        )?,
    };
    // Sentences written for this primary module (an `alt` block) replace the theme's own.
    let alt = entry.and_then(|e| e.for_module(&primary.module.id));
    let entry = alt.or(entry);
    let theme_name = lib.theme(theme).map(|t| t.name.clone()).unwrap_or_default();
    let mut notes = Vec::new();
    if entry.is_none() {
        notes.push(format!(
            "事例 `{}` の essay.themes に `{theme}` が無いため、状況・問題・代替案・資源・結果・計画どおりに進まなかった点を手法の例から組み立てました",
            case.id
        ));
    }
    // The essay's own module (the entry's `module`, or the first candidate).
    let own_module = match alt {
        Some(_) => Some(primary.module.id.clone()),
        None => entry.and_then(|e| e.module.clone()),
    }
    .or_else(|| {
        draft::candidates(lib, &case.id, theme)
            .first()
            .map(|c| c.module.id.clone())
    });
    let own = own_module.as_deref() == Some(primary.module.id.as_str());
    // Only a measure with its own essay sentences makes an essay: the theme's module or one
    // with an `alt` block. Any other would be module text glued into the layout's sentences.
    if !own && alt.is_none() {
        return Err(DraftError::NoEssay {
            module: primary.module.id.clone(),
            offered: essay_variants(lib, case, theme)
                .into_iter()
                .map(|v| (v.variant, v.module, v.name))
                .collect(),
        });
    }
    // The supporting module: the entry's `support`; when the user made it the primary, the
    // essay's own module takes its place so the essay still rests on two techniques.
    let support = [
        entry.and_then(|e| e.support.clone()),
        own_module.clone().filter(|_| !own),
    ]
    .into_iter()
    .flatten()
    .find(|id| *id != primary.module.id)
    .and_then(|id| {
        draft::candidates(lib, &case.id, theme)
            .into_iter()
            .find(|c| c.module.id == id)
    });
    let mut p = draft::fill(lib, case, primary)?;
    // 設問ウ reports the results (the entry's sentences, or the measure's before → after), so
    // 設問イ keeps the example's episode only.
    // An entry's own `episode` replaces the module's example there (the carrying-out without
    // the results, which 設問ウ states).
    let episode = entry
        .and_then(|e| e.episode.as_deref())
        .filter(|_| own)
        .map(|t| t.trim().trim_end_matches('。').to_owned());
    let full_example = episode.clone().unwrap_or_else(|| p.example.clone());
    p.example = match episode {
        Some(t) => t,
        None => episode_only(&p.example, &p.before, &p.after),
    };
    let s = match support {
        Some(c) => Some(draft::fill(lib, case, c)?),
        None => None,
    };
    // The question: the user's, or the theme's default one.
    let default_q;
    let (question_source, q) = match question {
        Some((src, q)) => (src.to_owned(), Some(q)),
        None => match lib.question(theme) {
            Some(file) => {
                default_q = match Question::parse(&file.text) {
                    Ok(q) => Some(q),
                    Err(e) => {
                        notes.push(format!(
                            "{}: 問題文を読み取れません（{e}）。設問の見出しは既定のものにします",
                            file.path
                        ));
                        None
                    }
                };
                (file.path.clone(), default_q.as_ref())
            }
            None => (String::new(), None),
        },
    };
    let support_link = entry
        .and_then(|e| e.support_link.as_deref())
        .filter(|_| own && s.is_some())
        .unwrap_or_default()
        .trim()
        .to_owned();
    let rollout = entry
        .and_then(|e| e.rollout.as_deref())
        .unwrap_or_default()
        .trim()
        .to_owned();
    let plan = plan_parts(
        q,
        &theme_name,
        &Available {
            situation: true,
            support: s.is_some() || !rollout.is_empty(),
        },
    );
    // The 観点 of 設問イ: the first is answered with the entry's viewpoint sentences; others
    // (and those of ア and ウ) are named in a note for the user to answer.
    let default_vp = lib
        .question(theme)
        .and_then(|f| Question::parse(&f.text).ok())
        .and_then(|dq| dq.part('イ').and_then(|p| p.viewpoints.first().cloned()))
        .unwrap_or_default();
    let mut vp = default_vp.clone();
    if let Some(q) = q {
        for part in &q.parts {
            for (i, v) in part.viewpoints.iter().enumerate() {
                if part.label == 'イ' && i == 0 && same_terms(v, &default_vp) {
                    // The same 観点 in other words: answered in the question's words.
                    vp = v.clone();
                } else if part.label == 'イ' && i == 0 {
                    // Another 観点: the prepared sentences answer the default one, so they keep
                    // its name rather than claim to answer a 観点 they were not written for.
                    notes.push(format!(
                        "設問イの観点「{v}」に答える文はありません（書いてあるのはテーマの既定の観点「{default_vp}」への答えです）。自分の経験に合わせて書き足してください"
                    ));
                } else {
                    notes.push(format!(
                        "設問{}の観点「{v}」に答える文はありません。自分の経験に合わせて書き足してください",
                        part.label
                    ));
                }
            }
        }
    }
    let field = |f: fn(&EssayTheme) -> &String| -> String {
        entry
            .filter(|_| own)
            .map(|e| f(e).trim().to_owned())
            .unwrap_or_default()
    };
    let any = |f: fn(&EssayTheme) -> &String| -> String {
        entry.map(|e| f(e).trim().to_owned()).unwrap_or_default()
    };
    // The entry's remaining issues: its own measure's, or, when another measure leads, those of
    // the own measure that supports it.
    let issues: Vec<String> = entry
        .filter(|_| {
            own || s
                .as_ref()
                .is_some_and(|s| Some(&s.id) == own_module.as_ref())
        })
        .map(|e| e.issues.iter().map(|s| s.trim().to_owned()).collect())
        .unwrap_or_default();
    let partner = entry
        .and_then(|e| e.partner.as_deref())
        .or(case.essay.as_ref().and_then(|e| e.partner.as_deref()))
        .unwrap_or_else(|| case.facts.get("counterpart").map_or("", String::as_str))
        .trim()
        .to_owned();
    let theme_index = lib.themes.iter().position(|t| t.id == theme).unwrap_or(0);
    let overview = overview_sentences(case, entry, theme_index);
    let mut ctx = serde_json::json!({
        "c": case.facts,
        "q": draft::quantity_texts(case),
        "case": { "id": case.id, "name": case.name },
        "theme": { "id": theme, "name": theme_name },
        "p": p,
        "s": s,
        "e": {
            "overview": overview,
            "focus": entry.and_then(|e| e.focus.as_deref()).filter(|_| own).unwrap_or_default().trim(),
            "situation": field(|e| &e.situation),
            "problem": field(|e| &e.problem),
            "impact": field(|e| &e.impact),
            "challenge": field(|e| &e.challenge),
            "reason": entry.and_then(|e| e.reason.as_deref()).filter(|_| own).unwrap_or_default().trim(),
            "alternative": any(|e| &e.alternative),
            "target": field(|e| &e.target),
            "resources": any(|e| &e.resources),
            "support_link": support_link,
            "viewpoint": field(|e| &e.viewpoint),
            "rollout": rollout,
            "result": field(|e| &e.result),
            "evaluation": field(|e| &e.evaluation),
            "setback": any(|e| &e.setback),
            "issues": issues,
            "partner": partner,
        },
        "own": own,
        // The supporting measure's action already says its name (「パスキー」 in 「パスキーによる
        // ログインの導入」): the sentence that introduces it leaves the name out, or it reads
        // 「パスキーにならい、パスキー…」.
        "s_named": s.as_ref().is_some_and(|s| shares_run(&s.name, &s.action, 4)),
        // The supporting measure's paragraph when the entry links it (reason first).
        "s_text": s.as_ref().map(|s| support_text(&s.action, &support_link)).unwrap_or_default(),
        // What made the supporting measure work, as a noun phrase (「…点」).
        "s_factor": s.as_ref().and_then(|s| factor(&s.ingenuity)).unwrap_or_default(),
        // What made the primary measure work, as a noun phrase, for 設問ウ's reason for success.
        "p_factor": factor(&p.ingenuity).unwrap_or_default(),
        // The supporting measure's remaining issue, without a second 「今後の課題である」 in a row.
        "s_remaining": s.as_ref().map(|s| also_needed(&s.remaining)).unwrap_or_default(),
        "round_target": round_target(&p.before, &p.after).unwrap_or_default(),
        // The figures alone, for the sentence that sets the result against that target (a remark
        // such as 「（3か月連続）」 would read as another figure).
        "p_before": without_remark(&p.before),
        "p_after": without_remark(&p.after),
        // 設問ア's challenge when the entry gives none: the measure's metric towards its target.
        "fallback_challenge": match round_target(&p.before, &p.after) {
            Some(t) => format!("{}を{}から{t}にする", p.metric, p.before),
            None => format!("{}を{}から改善する", p.metric, p.before),
        },
        "problem": if entry.is_none() { related_problem(case, theme, &p).unwrap_or_default() } else { String::new() },
        "parts": plan.parts,
        "ask": plan.ask,
        "vp": vp,
        "k": variation(&case.id, theme),
        // Set on a second rendering when 設問ウ came out under its minimum.
        "roomy": false,
    });
    let mut glosses = gloss_table(lib);
    for f in std::iter::once(&p).chain(s.as_ref()) {
        if let Some(m) = lib.module(&f.id) {
            for (k, v) in &m.abbreviations {
                glosses.insert(k.clone(), v.clone());
            }
        }
    }
    let render = |ctx: &serde_json::Value| -> Result<String, DraftError> {
        let raw = template::render_layout(&lib.essay_template_path, &lib.essay_template, ctx)
            .map_err(|e| {
                let mut d = codes::TEMPLATE_ERROR.diagnostic(e.message);
                d.span = e.range;
                DraftError::Template(Box::new(FileReport {
                    path: lib.essay_template_path.clone(),
                    source: lib.essay_template.clone(),
                    diagnostics: vec![d],
                }))
            })?;
        let joined = join_paragraphs(&raw);
        let introduced = draft::introduce_actors(&joined, &case.actors);
        Ok(gloss_first_use(
            &introduced,
            &glosses,
            &not_spelled_out(lib),
        ))
    };
    let mut text = render(&ctx)?;
    // The limits the question states (「800字以内」), else the exam's; in characters and in rows
    // of the 25×16 answer sheet.
    let mut limits = Limits::exam();
    if let Some(q) = q {
        limits.apply_question(q);
    }
    // An episode cut to its start can leave 設問イ under its minimum: then the whole example
    // stays, results included, rather than an essay too short to hand in.
    let short = |text: &str, label: char| {
        part_lengths(text)
            .iter()
            .any(|pl| pl.part.ends_with(label) && !limits.get(label).fit_chars(pl.chars).is_ok())
    };
    if full_example != p.example && short(&text, 'イ') {
        let mut whole = ctx.clone();
        whole["p"]["example"] = serde_json::Value::String(full_example);
        text = render(&whole)?;
        ctx = whole;
    }
    // 設問ウ under its minimum: the reasons for success in full (`roomy`), not referred to.
    if short(&text, 'ウ') {
        ctx["roomy"] = serde_json::Value::Bool(true);
        text = render(&ctx)?;
    }
    let parts = part_lengths(&text);
    for label in PART_LABELS {
        let limit = limits.get(label);
        match parts.iter().find(|p| p.part.ends_with(label)) {
            None => notes.push(format!(
                "設問{label}がありません（テンプレートを確認してください）"
            )),
            Some(pl) if !limit.fit_chars(pl.chars).is_ok() => notes.push(format!(
                "設問{label}が{}字です（{}）",
                pl.chars,
                limit.describe()
            )),
            Some(_) => {}
        }
    }
    for label in PART_LABELS {
        let limit = limits.get(label);
        if let Some(pl) = parts.iter().find(|p| p.part.ends_with(label))
            && !limit.fit_rows(pl.rows).is_ok()
        {
            notes.push(format!(
                "設問{label}が原稿用紙（25字×16行）でおよそ{}行です（目安 {}〜{}行）",
                pl.rows,
                limit.min_rows().unwrap_or(0),
                limit.max_rows().unwrap_or(0)
            ));
        }
    }
    Ok(Essay {
        case: case.id.clone(),
        case_name: case.name.clone(),
        theme: theme.to_owned(),
        theme_name,
        module: p.id.clone(),
        support: s.map(|s| s.id),
        variant,
        variants,
        question: question_source,
        text,
        parts,
        notes,
    })
}

/// 設問ア 1.1: one phrasing per overview slot. Slot `i` of the theme at position `t` takes
/// phrasing `(t + i) % n`, so each phrasing serves an even share of the case's essays.
fn overview_sentences(case: &Case, entry: Option<&EssayTheme>, theme_index: usize) -> Vec<String> {
    let _ = entry;
    case.essay
        .as_ref()
        .map(|e| {
            e.overview
                .iter()
                .enumerate()
                .filter(|(_, alts)| !alts.is_empty())
                .map(|(i, alts)| alts[(theme_index + i) % alts.len()].trim().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Small numbers derived from the case and theme ids, for the layout to choose among equivalent
/// phrasings (`k[0] % 3` …): deterministic, and spread evenly over the essays.
fn variation(case: &str, theme: &str) -> Vec<u64> {
    // FNV-1a over "case/theme", then one value per slot from successive mixes.
    let mut h: u64 = 0xcbf29ce484222325;
    for b in format!("{case}/{theme}").bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    (0..12)
        .map(|i| {
            let mut x = h ^ (i as u64).wrapping_mul(0x9e3779b97f4a7c15);
            x ^= x >> 33;
            x = x.wrapping_mul(0xff51afd7ed558ccd);
            x ^= x >> 33;
            x % 840
        })
        .collect()
}

/// A target the drafted result beats, for an essay whose measure has no target sentence of its
/// own: a round figure on the near side of `after` (「9日」 from 40日 → 「10日以内」, 「96%」 from 82% →
/// 「95%以上」), so the essay never sets a target equal to its result. `None` when the figures do
/// not parse or no round figure lies between them.
fn round_target(before: &str, after: &str) -> Option<String> {
    fn first_number(s: &str) -> Option<(usize, usize, f64)> {
        let start = s.find(|c: char| c.is_ascii_digit())?;
        let len = s[start..]
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .unwrap_or(s.len() - start);
        let n = s[start..start + len].replace(',', "").parse().ok()?;
        Some((start, start + len, n))
    }
    let (_, _, b) = first_number(before)?;
    // Only the figure itself: a remark in brackets (「（75%削減）」) is not part of the target.
    let after = after.split(['（', '(']).next().unwrap_or(after).trim();
    let (s, e, a) = first_number(after)?;
    // One figure only: 「3時間50分」 or 「2名で30件」 has no single figure to round.
    if (a - b).abs() < 1e-9 || first_number(&after[e..]).is_some() {
        return None;
    }
    let steps = [
        1.0, 2.0, 3.0, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 95.0,
        100.0, 120.0, 150.0, 200.0, 300.0, 500.0, 1000.0,
    ];
    let unit = after[e..].trim();
    // Figures in different units (「約6時間」 → 「24分」) cannot be compared as numbers.
    let (_, be, _) = first_number(before)?;
    let unit_of = |u: &str| {
        [
            "時間",
            "分",
            "秒",
            "営業日",
            "日",
            "週間",
            "か月",
            "件",
            "%",
            "名",
            "回",
            "社",
            "円",
            "万円",
        ]
        .iter()
        .find(|x| u.trim_start().starts_with(*x))
        .copied()
    };
    let mut b = b;
    match (unit_of(&before[be..]), unit_of(unit)) {
        (Some(ub), Some(ua)) if ub == ua => {}
        (Some("時間"), Some("分")) => b *= 60.0,
        (Some("日"), Some("時間")) => b *= 24.0,
        (Some(_), Some(_)) => return None,
        _ => {}
    }
    let time = ["分", "秒", "時間", "日", "営業日", "週間", "か月"]
        .iter()
        .any(|u| unit.starts_with(u));
    let (target, bound) = if a < b {
        let t = *steps.iter().find(|&&t| t > a && t < b)?;
        (t, if time { "以内" } else { "以下" })
    } else {
        let t = *steps.iter().rev().find(|&&t| t < a && t > b)?;
        (t, "以上")
    };
    let figure = if target.fract() == 0.0 {
        format!("{}", target as i64)
    } else {
        format!("{target}")
    };
    Some(format!("{}{figure}{}{bound}", &after[..s], &after[e..]))
}

/// A figure without its remark in brackets: 「0件（3か月連続）」 → 「0件」.
fn without_remark(figure: &str) -> String {
    figure
        .split(['（', '('])
        .next()
        .unwrap_or(figure)
        .trim()
        .to_owned()
}

/// An ingenuity sentence (「…した点である」「…したことである」) as a noun phrase (「…した点」).
fn factor(ingenuity: &str) -> Option<String> {
    let t = ingenuity.trim().trim_end_matches('。');
    ["点", "こと"].iter().find_map(|n| {
        t.strip_suffix(&format!("{n}である"))
            .map(|f| format!("{f}{n}"))
    })
}

/// The paragraph that brings in the supporting measure, from its action (a noun phrase) and the
/// entry's link sentences. The reason comes first and the measure follows from it: a link that
/// already tells the measure after its reason (「…ても、…。そこで…」) stands alone; a link that
/// opens on a gap (「…ても、」「…だけでは」) or a request (「要望」) gets the measure right after
/// that sentence; any other link follows a sentence that names the measure. Empty without a link.
fn support_text(action: &str, link: &str) -> String {
    let link = link.trim();
    if link.is_empty() {
        return String::new();
    }
    if link.contains("。そこで") {
        return link.to_owned();
    }
    let (first, rest) = match link.find('。') {
        Some(i) => link.split_at(i + '。'.len_utf8()),
        None => (link, ""),
    };
    if first.contains("ても、") || first.contains("でも、") || first.contains("だけでは")
    {
        format!("{first}そこで、{}。{rest}", measure_done(action))
    } else if first.contains("要望") {
        format!("{first}この要望には、{}で応えた。{rest}", action.trim())
    } else {
        format!("あわせて、{}。{link}", measure_done(action))
    }
}

/// A measure's action (a noun phrase such as 「…監視への移行」) told as done (「…監視に移行した」);
/// a compound action (「…の設置および…の実施」) or an unknown ending reads 「…に取り組んだ」.
fn measure_done(action: &str) -> String {
    const ENDINGS: [(&str, &str); 11] = [
        ("への移行", "に移行した"),
        ("への見直し", "に見直した"),
        ("への改定", "に改めた"),
        ("の導入", "を導入した"),
        ("の作成", "を作成した"),
        ("の整備", "を整えた"),
        ("の構築", "を構築した"),
        ("の採用", "を採用した"),
        ("の見直し", "を見直した"),
        ("の設定", "を定めた"),
        ("の策定", "を定めた"),
    ];
    let a = action.trim();
    if !a.contains("および") {
        for (noun, verb) in ENDINGS {
            if let Some(stem) = a.strip_suffix(noun) {
                // 「AとBの策定」 gives B's verb to A as well: only a stem without 「と」 between
                // two things (「ごと」「とする」 are not that) takes the verb.
                let pair = stem
                    .replace("ごと", "")
                    .replace("とする", "")
                    .replace("とした", "");
                if !pair.contains('と') {
                    return format!("{stem}{verb}");
                }
            }
        }
    }
    format!("{a}に取り組んだ")
}

/// A remaining-issue sentence that follows another: 「…が今後の課題である。」 → 「…も欠かせない。」.
fn also_needed(remaining: &str) -> String {
    let t = remaining.trim();
    match t
        .strip_suffix("が今後の課題である。")
        .or_else(|| t.strip_suffix("が今後の課題である"))
    {
        Some(head) => format!("{head}も欠かせない。"),
        None => t.to_owned(),
    }
}

fn same_terms(a: &str, b: &str) -> bool {
    let (ta, tb) = (terms(a), terms(b));
    !ta.is_empty() && ta.intersection(&tb).count() * 2 >= ta.len().max(tb.len())
}

// ---- from the question to the sections ------------------------------------------------

/// What the essay has besides the blocks every essay has.
struct Available {
    situation: bool,
    support: bool,
}

/// The sections of every part and what 設問ア's closing sentence answers.
#[derive(Debug, Serialize)]
struct Plan {
    parts: Vec<PartPlan>,
    ask: Ask,
}

#[derive(Debug, Serialize)]
struct PartPlan {
    label: char,
    sections: Vec<Section>,
}

/// One sub-heading: its number, its title (the question's wording) and the blocks under it.
#[derive(Debug, Clone, Serialize)]
struct Section {
    no: String,
    title: String,
    blocks: Vec<&'static str>,
}

/// The question's wording for the problem of 設問ア, and what kind of noun closes it
/// (「課題」「問題」「影響」 or another), so the layout can phrase 設問ア's last sentence.
#[derive(Debug, Default, Serialize)]
struct Ask {
    no: String,
    title: String,
    kind: &'static str,
}

/// A block of content and the words of a requested point that ask for it. `strong` words name
/// the block; `weak` words (「取組」「内容」) only count when nothing else does.
struct BlockSpec {
    id: &'static str,
    strong: &'static [&'static str],
    weak: &'static [&'static str],
    /// Where the block goes when no point asks for it: the section of this block.
    parent: Option<&'static str>,
}

const PART_BLOCKS: [(char, &[BlockSpec]); 3] = [
    (
        'ア',
        &[
            BlockSpec {
                id: "overview",
                strong: &["概要"],
                weak: &[],
                parent: None,
            },
            BlockSpec {
                id: "situation",
                strong: &[
                    "状況", "特徴", "背景", "実態", "体制", "要求", "要因", "内容", "時期", "脅威",
                    "役割", "変化", "環境", "経緯", "概要",
                ],
                weak: &["インシデント", "誤り", "供給者", "関係", "目標"],
                parent: Some("problem"),
            },
            BlockSpec {
                id: "problem",
                strong: &["課題", "問題", "問題点", "影響", "リスク", "事態", "要因"],
                weak: &[],
                parent: Some("situation"),
            },
        ],
    ),
    (
        'イ',
        &[
            BlockSpec {
                id: "measure",
                strong: &[],
                weak: &[
                    "取組",
                    "内容",
                    "方法",
                    "見直し",
                    "計画",
                    "対策",
                    "施策",
                    "改善",
                    "展開",
                    "進め方",
                    "仕組み",
                    "特定",
                    "究明",
                    "分析",
                    "再発防止策",
                    "効率化",
                    "導入",
                    "判断",
                ],
                parent: None,
            },
            BlockSpec {
                id: "decision",
                strong: &[
                    "合意",
                    "関係者",
                    "関係部門",
                    "調整",
                    "協力",
                    "理解",
                    "取り決め",
                    "取決め",
                    "説明",
                    "交渉",
                    "協議",
                    "役割",
                    "決定",
                    "決めた",
                ],
                weak: &[],
                parent: Some("measure"),
            },
            BlockSpec {
                id: "practice",
                strong: &["工夫", "測定", "具体"],
                // When there is no supporting measure, the episode answers what it would have.
                weak: &["抑え方", "備え", "定着", "訓練", "低減", "回避策", "実効"],
                parent: Some("measure"),
            },
            BlockSpec {
                id: "support",
                // 「計画を実効あるものにするための取組」 asks for what makes the measure work in
                // practice (drills, fallbacks), not for the measure itself.
                strong: &[
                    "備え",
                    "抑え方",
                    "低減",
                    "定着",
                    "訓練",
                    "補完",
                    "回避策",
                    "実効",
                ],
                weak: &[],
                parent: Some("practice"),
            },
        ],
    ),
    (
        'ウ',
        &[
            BlockSpec {
                id: "evaluation",
                strong: &["評価", "結果", "効果", "実施状況", "達成", "成果", "実績"],
                weak: &[],
                parent: None,
            },
            BlockSpec {
                id: "setback",
                strong: &["うまくいかなかった", "反省", "問題点", "計画どおり"],
                weak: &[],
                parent: Some("evaluation"),
            },
            BlockSpec {
                id: "remaining",
                strong: &["今後", "課題", "改善点", "改善", "展望", "見直し"],
                weak: &[],
                parent: None,
            },
        ],
    ),
];

/// How strongly a requested point asks for a block, and where its last matching word ends
/// (the head of a Japanese noun phrase comes last, so a later word breaks ties).
fn affinity(point: &str, spec: &BlockSpec) -> (f64, usize) {
    let mut score = 0.0;
    let mut last = 0;
    for (words, w) in [(spec.strong, 2.0), (spec.weak, 0.5)] {
        for word in words {
            if let Some(at) = point.rfind(word) {
                score += w;
                last = last.max(at + word.len());
            }
        }
    }
    (score, last)
}

/// Each point's block, greedily: the strongest (point, block) pairs first, a later word breaking
/// ties (the head of a Japanese noun phrase comes last). Points that ask for nothing free get none.
fn greedy_anchors(scores: &[Vec<(f64, usize)>], blocks: usize) -> Vec<Option<usize>> {
    let mut order: Vec<(usize, usize, f64, usize)> = Vec::new();
    for (hi, row) in scores.iter().enumerate() {
        for (bi, (score, last)) in row.iter().enumerate() {
            if *score > 0.0 {
                order.push((hi, bi, *score, *last));
            }
        }
    }
    order.sort_by(|a, b| {
        b.2.total_cmp(&a.2)
            .then(b.3.cmp(&a.3))
            .then(a.0.cmp(&b.0))
            .then(a.1.cmp(&b.1))
    });
    let mut anchor = vec![None; scores.len()];
    let mut taken = vec![false; blocks];
    for (hi, bi, _, _) in order {
        if anchor[hi].is_none() && !taken[bi] {
            anchor[hi] = Some(bi);
            taken[bi] = true;
        }
    }
    anchor
}

/// Each point's block keeping the blocks' order (設問ア reads overview → situation → problem
/// whatever the wording): the assignment with the highest total score among those where a later
/// point never gets an earlier block. Points that fit nowhere get none.
fn monotone_anchors(scores: &[Vec<(f64, usize)>]) -> Vec<Option<usize>> {
    let n = scores.len();
    let m = scores.first().map_or(0, Vec::len);
    // best[h][b]: best total for points h.. when the next free block index is b.
    let mut best = vec![vec![0.0f64; m + 1]; n + 1];
    let mut pick = vec![vec![None; m + 1]; n + 1];
    for h in (0..n).rev() {
        for b in (0..=m).rev() {
            // Skip this point (it will join a neighbour's heading).
            let mut v = best[h + 1][b];
            let mut choice = None;
            for bi in b..m {
                let (s, last) = scores[h][bi];
                if s > 0.0 {
                    // A later head word is worth a little more than an earlier one.
                    let w = s + last as f64 * 1e-6 + best[h + 1][bi + 1];
                    if w > v {
                        v = w;
                        choice = Some(bi);
                    }
                }
            }
            best[h][b] = v;
            pick[h][b] = choice;
        }
    }
    let mut out = Vec::with_capacity(n);
    let mut b = 0;
    for row in pick.iter().take(n) {
        let c = row[b];
        if let Some(bi) = c {
            b = bi + 1;
        }
        out.push(c);
    }
    out
}

/// The default points of a part when there is no question (or it lacks the part).
fn default_points(label: char, theme_name: &str) -> Vec<String> {
    match label {
        'ア' => vec![
            "ITサービスの概要".to_owned(),
            format!("{theme_name}の状況"),
            format!("{theme_name}における課題"),
        ],
        'イ' => vec![
            "課題を解決するために行った施策".to_owned(),
            "施策について関係者の合意を得るための取組".to_owned(),
        ],
        _ => vec!["施策の評価".to_owned(), "今後の課題".to_owned()],
    }
}

/// The requested points as headings can use them: a bare scope phrase (「変更について」) that
/// only names what the part is about is left out, and 「あなたが」 and a trailing 「について」 dropped.
fn tidy_points(points: &[String]) -> Vec<String> {
    let scope_only = |p: &str| p.ends_with("について") && p.chars().count() <= 14;
    let kept: Vec<String> = points
        .iter()
        .map(|p| p.trim())
        .filter(|p| !scope_only(p))
        .map(|p| {
            let p = p.strip_prefix("あなたが").unwrap_or(p);
            p.strip_suffix("について").unwrap_or(p).to_owned()
        })
        .collect();
    if kept.is_empty() {
        points.to_vec()
    } else {
        kept
    }
}

/// A point as a heading: 「その」「どのように〜か」 dropped, at most 38 characters.
fn heading_title(point: &str) -> String {
    let mut t = point.trim().to_owned();
    for lead in ["その", "この", "それらの"] {
        if let Some(rest) = t.strip_prefix(lead) {
            t = rest.to_owned();
        }
    }
    // 「XをどのようにYしたか」 → 「XのY」
    if let Some(i) = t.find("をどのように") {
        let obj = &t[..i];
        let verb = t[i + "をどのように".len()..]
            .trim_end_matches('か')
            .trim_end_matches("したの")
            .trim_end_matches("した")
            .to_owned();
        t = format!("{obj}の{verb}");
    }
    if t.chars().count() > 38 {
        if let Some(i) = t.rfind(['、', '，', ',']) {
            t = t[i + t[i..].chars().next().map_or(1, char::len_utf8)..]
                .trim()
                .to_owned();
        }
        if t.chars().count() > 38 {
            t = t
                .chars()
                .rev()
                .take(38)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
        }
    }
    t
}

/// Sections of every part: each requested point becomes a sub-heading that holds the block it
/// asks for; blocks no point asks for join the section of their parent block.
fn plan_parts(q: Option<&Question>, theme_name: &str, avail: &Available) -> Plan {
    let mut parts = Vec::new();
    let mut ask = Ask::default();
    for (pi, (label, specs)) in PART_BLOCKS.iter().enumerate() {
        let specs: Vec<&BlockSpec> = specs
            .iter()
            .filter(|s| match s.id {
                "situation" => avail.situation,
                "support" => avail.support,
                _ => true,
            })
            .collect();
        let points: Vec<String> = match q.and_then(|q| q.part(*label)) {
            Some(qp) if !qp.points.is_empty() => tidy_points(&qp.points),
            _ => default_points(*label, theme_name),
        };
        let mut titles: Vec<String> = points.iter().map(|p| heading_title(p)).collect();
        let scores: Vec<Vec<(f64, usize)>> = titles
            .iter()
            .map(|t| specs.iter().map(|s| affinity(t, s)).collect())
            .collect();
        let mut anchor = if *label == 'ア' {
            monotone_anchors(&scores)
        } else {
            greedy_anchors(&scores, specs.len())
        };
        // 設問イ: a point that names no block (「考慮した点」) takes the next free block after the
        // previous point's, so the question's every point keeps its own heading.
        if *label == 'イ' {
            let mut taken: Vec<bool> = (0..specs.len())
                .map(|b| anchor.contains(&Some(b)))
                .collect();
            for hi in 0..anchor.len() {
                if anchor[hi].is_some() {
                    continue;
                }
                let after = anchor[..hi].iter().flatten().max().map_or(0, |b| b + 1);
                if let Some(b) = (after..specs.len()).find(|b| !taken[*b]) {
                    anchor[hi] = Some(b);
                    taken[b] = true;
                }
            }
        }
        // A point that asks for no free block joins the previous point's heading (the first
        // point joins the next).
        let mut hi = 0;
        while hi < titles.len() {
            if anchor[hi].is_none() && titles.len() > 1 {
                let t = titles.remove(hi);
                anchor.remove(hi);
                if hi == 0 {
                    titles[0] = format!("{t}と{}", titles[0]);
                } else {
                    titles[hi - 1] = format!("{}と{t}", titles[hi - 1]);
                }
                continue;
            }
            hi += 1;
        }
        // Blocks no point asked for go where their parent went.
        let mut home: Vec<Option<usize>> = vec![None; specs.len()];
        for (h, a) in anchor.iter().enumerate() {
            if let Some(b) = a {
                home[*b] = Some(h);
            }
        }
        for _ in 0..specs.len() {
            for bi in 0..specs.len() {
                if home[bi].is_none() {
                    let parent = specs[bi]
                        .parent
                        .and_then(|p| specs.iter().position(|s| s.id == p))
                        .and_then(|p| home[p]);
                    home[bi] = parent;
                }
            }
        }
        let last = titles.len().saturating_sub(1);
        let sections: Vec<Section> = titles
            .iter()
            .enumerate()
            .map(|(h, title)| Section {
                no: format!("{}.{}", pi + 1, h + 1),
                title: title.clone(),
                blocks: specs
                    .iter()
                    .enumerate()
                    .filter(|(bi, s)| {
                        home[*bi].unwrap_or(if s.id == "remaining" { last } else { 0 }) == h
                    })
                    .map(|(_, s)| s.id)
                    .collect(),
            })
            .collect();
        if *label == 'ア'
            && let Some(sec) = sections.iter().find(|s| s.blocks.contains(&"problem"))
        {
            let kind = ["課題", "問題点", "問題", "影響"]
                .into_iter()
                .filter_map(|w| sec.title.rfind(w).map(|at| (at + w.len(), w)))
                .max()
                .map_or("other", |(_, w)| match w {
                    "問題点" => "問題",
                    w => w,
                });
            ask = Ask {
                no: sec.no.clone(),
                title: sec.title.clone(),
                kind,
            };
        }
        parts.push(PartPlan {
            label: *label,
            sections,
        });
    }
    Plan { parts, ask }
}

/// The candidates for `case` and `theme` with the essay's preferred module first (the rest keep
/// their order), and the `variant`-th of them.
/// One measure of a case and theme that makes an essay: its `--variant` number for
/// `draft --essay`, its module id and name.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct EssayVariant {
    pub variant: usize,
    pub module: String,
    pub name: String,
}

/// The measures of `case` and `theme` that make an essay, in `--variant` order: the theme's own
/// module (the essay map's `module`, else the first candidate) and every module with an `alt`
/// block. Empty when no module covers the theme.
pub fn essay_variants(lib: &Library, case: &Case, theme: &str) -> Vec<EssayVariant> {
    let entry = case.essay.as_ref().and_then(|e| e.themes.get(theme));
    let own = entry.and_then(|e| e.module.as_deref());
    let mut pool = draft::candidates(lib, &case.id, theme);
    if let Some(id) = own {
        pool.sort_by_key(|c| c.module.id != id);
    }
    let first = pool.first().map(|c| c.module.id.clone());
    pool.iter()
        .enumerate()
        .filter(|(_, c)| {
            Some(&c.module.id) == first.as_ref()
                || entry.is_some_and(|e| e.for_module(&c.module.id).is_some())
        })
        .map(|(i, c)| EssayVariant {
            variant: i + 1,
            module: c.module.id.clone(),
            name: c.module.name.clone(),
        })
        .collect()
}

fn preferred<'a>(
    lib: &'a Library,
    case: &Case,
    theme: &str,
    module: Option<&str>,
    variant: usize,
) -> Result<(draft::Candidate<'a>, usize), DraftError> {
    let mut pool = draft::candidates(lib, &case.id, theme);
    if let Some(id) = module {
        // Stable: the preferred module's variants move to the front in their own order.
        pool.sort_by_key(|c| c.module.id != id);
    }
    if pool.is_empty() {
        return Err(DraftError::NoModule {
            suggestions: draft::nearby_themes(lib, &case.id, theme),
        });
    }
    if variant == 0 || variant > pool.len() {
        return Err(DraftError::NoVariant {
            requested: variant,
            available: pool.len(),
        });
    }
    Ok((pool[variant - 1], pool.len()))
}

/// A known problem of the case tagged with `theme` that shares vocabulary with the module's
/// problem without repeating it (used when the case has no `situation` for the theme).
fn related_problem(case: &Case, theme: &str, p: &Filled) -> Option<String> {
    let module_terms = terms(&format!(
        "{} {} {} {}",
        p.problem, p.background, p.action, p.example
    ));
    case.problems
        .iter()
        .filter(|pr| pr.themes.iter().any(|t| t == theme))
        .map(|pr| {
            let t = terms(&pr.text);
            let shared = t.intersection(&module_terms).count();
            (shared as f64 / t.len().max(1) as f64, pr.text.trim())
        })
        // Too little in common is another story; too much repeats the module's own words.
        .filter(|(score, _)| (0.15..=0.6).contains(score))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, t)| t.to_owned())
}

/// Content words: runs of two or more kanji or katakana.
fn terms(s: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut cur = String::new();
    let mut class = 0u8;
    for ch in s.chars() {
        let c = match ch {
            '\u{4e00}'..='\u{9fff}' => 1,
            '\u{30a1}'..='\u{30ff}' => 2,
            _ => 0,
        };
        if c != class || c == 0 {
            if cur.chars().count() >= 2 {
                out.insert(std::mem::take(&mut cur));
            }
            cur.clear();
        }
        class = c;
        if c != 0 {
            cur.push(ch);
        }
    }
    if cur.chars().count() >= 2 {
        out.insert(cur);
    }
    out
}

/// Join the template's one-sentence lines into paragraphs: consecutive prose lines become one
/// line; blank lines, headings (`#`), the front matter and 「以上」 stay as they are. Runs of blank
/// lines collapse to one.
pub fn join_paragraphs(raw: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut para = String::new();
    let front_end = FrontMatter::parse(raw).map_or(0, |f| f.range.end);
    let flush = |para: &mut String, out: &mut Vec<String>| {
        if !para.is_empty() {
            out.push(std::mem::take(para));
        }
    };
    let mut off = 0;
    for line in raw.split_inclusive('\n') {
        let start = off;
        off += line.len();
        let t = line.trim();
        if start < front_end {
            out.push(t.to_owned());
            continue;
        }
        if t.is_empty() {
            flush(&mut para, &mut out);
            if out.last().is_some_and(|l| !l.is_empty()) {
                out.push(String::new());
            }
        } else if t.starts_with('#') || t == "以上" {
            flush(&mut para, &mut out);
            out.push(t.to_owned());
        } else {
            para.push_str(t);
        }
    }
    flush(&mut para, &mut out);
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n") + "\n"
}

/// Abbreviation → gloss and industry term → plain wording, from the library glossary.
fn gloss_table(lib: &Library) -> BTreeMap<String, String> {
    let mut g = lib.glossary.glossary.clone();
    for (k, v) in &lib.glossary.spell_out {
        g.entry(k.clone()).or_insert_with(|| v.clone());
    }
    for (k, v) in &lib.glossary.jargon {
        g.entry(k.clone()).or_insert_with(|| v.clone());
    }
    g
}

/// Give each term in `glosses` its gloss at its first use in the prose (「CAB（変更諮問委員会）」)
/// unless it is already explained there, and drop the same gloss when it is repeated later.
/// Headings and the front matter are left alone; `common` abbreviations need no gloss.
/// The common words a draft leaves unexplained: `common` without `spell_out`.
pub fn not_spelled_out(lib: &Library) -> Vec<String> {
    let mut words = lib.glossary.common.words();
    words.retain(|w| !lib.glossary.spell_out.contains_key(w));
    words
}

/// The episode of a measure without the sentences that state its result (the metric's before
/// and after figures together): in an essay the result belongs to 設問ウ, which states it.
fn episode_only(example: &str, before: &str, after: &str) -> String {
    // The figure itself (「半年で3回」 → 「3回」, 「平均2時間（75%削減）」 → 「2時間」): the sentence may
    // word the period differently (「半年に3回」).
    let figure = |s: &str| {
        let s = s.split(['（', '(']).next().unwrap_or(s).trim();
        s.find(|c: char| c.is_ascii_digit())
            .map_or_else(|| s.to_owned(), |at| s[at..].to_owned())
    };
    let (before, after) = (figure(before), figure(after));
    if before.is_empty() || after.is_empty() {
        return example.to_owned();
    }
    // The episode ends where the outcome begins: the first sentence giving the result figure,
    // and everything after it, belongs to 設問ウ. When the outcome opens the example, only the
    // before-and-after sentences are left out.
    let sentences: Vec<&str> = example.split_inclusive('。').collect();
    // A sentence that tells an outcome: the result figure, or a before → after change told
    // after the episode (「再編成後の11月は…7%となった」「…から12分に短縮した」).
    let outcome = crate::text::scan::static_regex!(
        r"^(導入後|再編成後|見直し後|改善後|対策後|その後|翌月|以後|以降)|から[^。]{0,40}?(に減|に短縮|に向上|に縮|に下が|に上が|に改善|となっ|になっ)|(半年|か月|四半期|年)後には[^。]{0,40}?(に減|に短縮|に向上|に縮|に改善)"
    );
    let is_outcome = |s: &str| s.contains(after.as_str()) || outcome.is_match(s);
    // A dated episode told after the outcome (「2025年1月のある朝には…」) is still the episode.
    let dated = crate::text::scan::static_regex!(r"^20[0-9]{2}年");
    let mut kept: Vec<&str> = match sentences
        .iter()
        .enumerate()
        .position(|(i, s)| s.contains(after.as_str()) || (i > 0 && outcome.is_match(s)))
    {
        Some(at) if at > 0 => {
            let mut k = sentences[..at].to_vec();
            k.extend(
                sentences[at..]
                    .iter()
                    .filter(|s| dated.is_match(s) && !is_outcome(s)),
            );
            k
        }
        // The outcome opens the example: what follows it is the episode only when it is not
        // itself a result (「見直し後の1年間の稼働率は…」 is 設問ウ's, which reports it).
        _ => sentences
            .into_iter()
            .enumerate()
            .filter(|(i, s)| {
                !(s.contains(before.as_str()) && s.contains(after.as_str()))
                    && (*i == 0 || !outcome.is_match(s))
            })
            .map(|(_, s)| s)
            .collect(),
    };
    // The baseline before the measure (「導入前は…」) is 設問ア's, and an opening summary of
    // the outcome (「導入後は…」) 設問ウ's: either goes when an episode follows it.
    let baseline = crate::text::scan::static_regex!(r"^(導入前|見直し前|従来|これまで|以前)");
    let summary = crate::text::scan::static_regex!(r"^(導入後|再編成後|見直し後|改善後|対策後)は");
    while kept.len() > 1 && (baseline.is_match(kept[0]) || summary.is_match(kept[0])) {
        kept.remove(0);
    }
    if kept.is_empty() {
        // Every sentence is a result: 設問イ tells the ingenuity alone.
        return String::new();
    }
    if kept.concat() == example {
        return example.to_owned();
    }
    kept.concat().trim_end_matches('。').to_owned()
}

pub fn gloss_first_use(
    text: &str,
    glosses: &BTreeMap<String, String>,
    common: &[String],
) -> String {
    // Longest terms first so 「CI/CD」 is handled before 「CI」.
    let mut keys: Vec<&String> = glosses.keys().filter(|k| !common.contains(k)).collect();
    keys.sort_by_key(|k| std::cmp::Reverse(k.len()));
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let prose: Vec<usize> = prose_lines(&lines);
    for key in keys {
        let gloss = &glosses[key];
        let mut first = true;
        for &li in &prose {
            let mut line = std::mem::take(&mut lines[li]);
            let mut from = 0;
            while let Some(at) = find_term(&line, key, from) {
                let end = at + key.len();
                let after = &line[end..];
                let explained_after = after.starts_with('（') || after.starts_with('(');
                let explained_before =
                    line[..at].ends_with('（') && after.starts_with(['）', '、']);
                if first {
                    first = false;
                    if !explained_after && !explained_before {
                        line.insert_str(end, &format!("（{gloss}）"));
                    }
                } else {
                    let repeated = format!("（{gloss}）");
                    if after.starts_with(&repeated) {
                        line.replace_range(end..end + repeated.len(), "");
                    }
                }
                from = end;
            }
            lines[li] = line;
        }
    }
    let mut out = lines.join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// Indices of prose lines: not the front matter, not headings, not blank.
fn prose_lines(lines: &[String]) -> Vec<usize> {
    // The front matter's lines (opening and closing lines included).
    let text = lines.join("\n");
    let front_lines = FrontMatter::parse(&text).map_or(0, |f| text[..f.range.end].lines().count());
    lines
        .iter()
        .enumerate()
        .skip(front_lines)
        .filter(|(_, l)| {
            let t = l.trim();
            !t.is_empty() && !t.starts_with('#')
        })
        .map(|(i, _)| i)
        .collect()
}

/// The next occurrence of `term` at or after `from` that is a whole word: an ASCII term must not
/// touch other ASCII letters or digits, a katakana term must not touch other katakana.
fn find_term(line: &str, term: &str, from: usize) -> Option<usize> {
    let mut start = from;
    while let Some(i) = line.get(start..)?.find(term) {
        let at = start + i;
        let before = line[..at].chars().next_back();
        let after = line[at + term.len()..].chars().next();
        let touches = |c: Option<char>| {
            c.is_some_and(|c| {
                if term.is_ascii() {
                    c.is_ascii_alphanumeric()
                } else {
                    ('\u{30a1}'..='\u{30fa}').contains(&c) || c == 'ー'
                }
            })
        };
        if !touches(before) && !touches(after) {
            return Some(at);
        }
        start = at + term.len();
    }
    None
}

/// The length of each 設問 part of an essay in Markdown (see [`PartLength`]).
pub fn part_lengths(text: &str) -> Vec<PartLength> {
    let doc = crate::document::Document::parse(text, Some(crate::document::Kind::Essay));
    // Rows on the answer sheet as the shared counter (`itsm count`) lays them out.
    let sheet: Vec<usize> = crate::exam::count_parts(&doc)
        .iter()
        .map(|c| c.count.genkou.rows)
        .collect();
    doc.parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            let body = &text[part.body.clone()];
            let mut chars = 0;
            let mut rows = 0;
            for line in body.lines() {
                let t = line.trim();
                if t.is_empty() {
                    continue;
                }
                let heading = t.starts_with('#');
                let t = t.trim_start_matches('#').trim_start();
                let n = t.chars().count();
                chars += n;
                rows += if heading {
                    n.div_ceil(25)
                } else {
                    (n + 1).div_ceil(25)
                };
            }
            let rows = sheet.get(i).copied().unwrap_or(rows);
            PartLength {
                part: part.name(),
                chars,
                rows,
            }
        })
        .collect()
}

/// Whether `a` and `b` share a run of at least `n` characters (「承認ワークフロー」 in
/// 「承認ワークフローの統合」 and 「承認ワークフローの構築」).
fn shares_run(a: &str, b: &str, n: usize) -> bool {
    let a: Vec<char> = a.chars().collect();
    a.windows(n)
        .any(|w| b.contains(&w.iter().collect::<String>()))
}

#[cfg(test)]
mod tests {
    use super::{measure_done, shares_run, support_text};

    #[test]
    fn a_supporting_measure_follows_its_reason() {
        // A link that tells the measure after its reason stands alone.
        let link = "特権を管理しても、暗号化のおそれは残る。そこで複製を二重に持った。";
        assert_eq!(support_text("バックアップ構成への移行", link), link);
        // A gap first, then the measure, then the rest.
        assert_eq!(
            support_text(
                "動的しきい値による監視への移行",
                "枠を設けても、資源が足りない。台数を見積もった。"
            ),
            "枠を設けても、資源が足りない。そこで、動的しきい値による監視に移行した。台数を見積もった。"
        );
        assert_eq!(
            support_text(
                "予報で処理能力を増やす仕組みの導入",
                "増設の要望が出ていた。資源を振り替えた。"
            ),
            "増設の要望が出ていた。この要望には、予報で処理能力を増やす仕組みの導入で応えた。資源を振り替えた。"
        );
        assert_eq!(
            support_text("カタログの作成", "年末の支援も聞き取った。"),
            "あわせて、カタログを作成した。年末の支援も聞き取った。"
        );
        assert_eq!(support_text("カタログの作成", ""), "");
    }

    #[test]
    fn a_compound_measure_is_not_given_one_verb() {
        assert_eq!(
            measure_done("本部の設置および訓練の実施"),
            "本部の設置および訓練の実施に取り組んだ"
        );
        assert_eq!(
            measure_done("工程の可視化と基準の自動テスト化の導入"),
            "工程の可視化と基準の自動テスト化の導入に取り組んだ"
        );
        assert_eq!(
            measure_done("部品表を保管する仕組みの導入"),
            "部品表を保管する仕組みを導入した"
        );
        assert_eq!(
            measure_done("3回のリハーサルと切り戻し基準の策定"),
            "3回のリハーサルと切り戻し基準の策定に取り組んだ"
        );
        assert_eq!(
            measure_done("拠点ごとの連絡網の整備"),
            "拠点ごとの連絡網を整えた"
        );
    }

    #[test]
    fn a_support_name_inside_its_action_is_seen() {
        assert!(shares_run("パスキー", "パスキーによるログインの導入", 4));
        assert!(shares_run(
            "承認ワークフローの統合",
            "承認ワークフローの構築",
            4
        ));
        assert!(shares_run(
            "人手運用への切替マニュアル",
            "店舗業務を人手で続ける切替マニュアルの整備",
            4
        ));
        assert!(!shares_run("カナリアリリース", "障害時の連絡体制の整備", 4));
    }

    use super::*;

    #[test]
    fn paragraphs_are_joined_and_headings_kept() {
        let raw = "---\nkind: essay\n---\n\n## 設問ア\n\n\n一文目である。\n二文目である。\n\n### 1.2 問題\n三文目である。\n\n以上\n";
        assert_eq!(
            join_paragraphs(raw),
            "---\nkind: essay\n---\n\n## 設問ア\n\n一文目である。二文目である。\n\n### 1.2 問題\n三文目である。\n\n以上\n"
        );
    }

    #[test]
    fn glosses_go_to_the_first_use_only() {
        let mut g = BTreeMap::new();
        g.insert("CAB".to_owned(), "変更諮問委員会".to_owned());
        g.insert("SLA".to_owned(), "サービスレベル合意".to_owned());
        g.insert("ロット".to_owned(), "取引単位".to_owned());
        let common = vec!["SLA".to_owned()];
        let text = "## 設問ア CAB\n\nCABで審議した。CAB（変更諮問委員会）は週1回である。SLAを守る。\nパイロットのロットを変えた。\n";
        assert_eq!(
            gloss_first_use(text, &g, &common),
            "## 設問ア CAB\n\nCAB（変更諮問委員会）で審議した。CABは週1回である。SLAを守る。\nパイロットのロット（取引単位）を変えた。\n"
        );
        let explained = "変更諮問委員会（CAB）で審議した。CABは週1回である。\n";
        assert_eq!(gloss_first_use(explained, &g, &common), explained);
    }

    #[test]
    fn part_lengths_count_typed_characters_and_rows() {
        let t = "---\nkind: essay\n---\n## 設問ア\n### 1.1 概要\nあいう。\n## 設問イ\n本文である。\n## 設問ウ\n";
        let p = part_lengths(t);
        assert_eq!(p.len(), 3);
        assert_eq!(p[0].part, "設問ア");
        // 「1.1 概要」 is 6 characters (1 row), 「あいう。」 4 characters + indent (1 row).
        assert_eq!((p[0].chars, p[0].rows), (10, 2));
        assert_eq!((p[1].chars, p[1].rows), (6, 1));
        assert_eq!((p[2].chars, p[2].rows), (0, 0));
    }

    #[test]
    fn the_episode_stops_where_the_outcome_begins() {
        // The outcome sentence and everything after it go to 設問ウ.
        let ex = "初回の評価で平均は3時間10分だった。改善計画を求め、2四半期後に1時間25分に縮めた。遅れも12件から3件に減った";
        assert_eq!(
            episode_only(ex, "3時間10分", "1時間25分"),
            "初回の評価で平均は3時間10分だった"
        );
        // When the outcome opens the example, only before-and-after sentences are dropped.
        let ex = "誤りは5件から0件になった。訓練は年2回行った";
        assert_eq!(episode_only(ex, "5件", "0件"), "訓練は年2回行った");
        // An opening outcome that is not the before → after pair goes when an episode follows.
        let ex =
            "導入後は80件のうち50件が自動承認になった。2024年7月には翌日夜のリリースを承認した";
        assert_eq!(
            episode_only(ex, "40日", "9日"),
            "2024年7月には翌日夜のリリースを承認した"
        );
        assert_eq!(
            episode_only("導入後は80件のうち50件が自動承認になった", "40日", "9日"),
            "導入後は80件のうち50件が自動承認になった"
        );
        let ex = "導入後は80件のうち50件が自動承認になった。2024年7月には翌日夜のリリースを承認した。障害は年12件から年5件に減った";
        assert_eq!(
            episode_only(ex, "年12件", "年5件"),
            "2024年7月には翌日夜のリリースを承認した"
        );
        // A baseline opening the example is 設問ア's; a dated episode after the outcome stays.
        let ex = "導入前は毎朝約2時間を費やしていた。3か月で朝の確認は約40分に短縮した。2025年1月のある朝には警告に気づいた。抜き取りで0件であった";
        assert_eq!(
            episode_only(ex, "毎朝約2時間", "毎朝約40分"),
            "2025年1月のある朝には警告に気づいた"
        );
        // A period result after an opening outcome is 設問ウ's too; when nothing but results
        // is left, 設問イ keeps no episode.
        let ex = "障害では遅れが12件と、前年の約300件から減った。見直し後の1年間の稼働率は99.95%となった";
        assert_eq!(episode_only(ex, "約300件", "12件"), "");
        let ex = "約300件から12件に減った。その後の半年も隔離は1時間以内に済んだ。2025年1月の訓練も行った";
        assert_eq!(
            episode_only(ex, "約300件", "12件"),
            "2025年1月の訓練も行った"
        );
        // Without the result figure the example stays whole.
        assert_eq!(episode_only("訓練を行った", "5件", "0件"), "訓練を行った");
    }

    #[test]
    fn terms_are_kanji_and_katakana_runs() {
        let t = terms("変更諮問委員会で、リリースを3日待つ");
        assert!(t.contains("変更諮問委員会") && t.contains("リリース"));
        assert!(!t.contains("待"));
    }
}
