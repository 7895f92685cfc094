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
use crate::exam::{Limits, PART_LABELS};
use crate::library::template;
use crate::library::{Case, Library};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A finished essay draft.
#[derive(Debug, Clone, Serialize)]
pub struct Essay {
    pub case: String,
    pub case_name: String,
    pub theme: String,
    pub theme_name: String,
    /// The primary module (設問イ 2.1–2.2).
    pub module: String,
    /// The supporting module (設問イ 2.3), if any.
    pub support: Option<String>,
    /// 1-based index among the candidates for this case and theme.
    pub variant: usize,
    /// Number of candidates for this case and theme.
    pub variants: usize,
    /// The essay in Markdown, with a `kind: essay` front matter.
    pub text: String,
    /// Length of each part.
    pub parts: Vec<PartLength>,
    /// Things the user should know (missing essay data, a part outside its limits), in Japanese.
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

/// Draft the essay for `case` and `theme`. `module` / `variant` choose the primary module the same
/// way as for a module paragraph ([`draft::select`]).
pub fn essay(
    lib: &Library,
    case: &Case,
    theme: &str,
    module: Option<&str>,
    variant: usize,
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
    let theme_name = lib.theme(theme).map(|t| t.name.clone()).unwrap_or_default();
    let mut notes = Vec::new();
    if entry.is_none() {
        notes.push(format!(
            "事例 `{}` の essay.themes に `{theme}` が無いため、検討した代替案・確保した資源・顧客から見た効果・計画どおりに進まなかった点を省略しました",
            case.id
        ));
    }
    // The essay's own module (the entry's `module`, or the first candidate).
    let own_module = entry.and_then(|e| e.module.clone()).or_else(|| {
        draft::candidates(lib, &case.id, theme)
            .first()
            .map(|c| c.module.id.clone())
    });
    let own = own_module.as_deref() == Some(primary.module.id.as_str());
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
    let p = draft::fill(lib, case, primary)?;
    let s = match support {
        Some(c) => Some(draft::fill(lib, case, c)?),
        None => None,
    };
    // The situation is written to lead into the essay's own module; with another module it
    // could repeat that module's background, so it is left out.
    let situation = entry
        .and_then(|e| e.situation.clone())
        .filter(|_| own)
        .unwrap_or_default();
    // A case without essay sentences for the theme borrows a related known problem instead.
    let problem = if entry.is_none() {
        related_problem(case, theme, &p).unwrap_or_default()
    } else {
        String::new()
    };
    let impact = entry
        .and_then(|e| e.impact.as_deref())
        .or(case.essay.as_ref().map(|e| e.impact.as_str()))
        .unwrap_or_default()
        .trim();
    let text = |f: fn(&crate::library::EssayTheme) -> &String| {
        entry.map(|e| f(e).trim().to_owned()).unwrap_or_default()
    };
    // `target`, `evaluation` and `next` describe the essay's own module; another module leaves them out.
    let target = entry
        .and_then(|e| e.target.as_deref())
        .filter(|_| own)
        .unwrap_or_default()
        .trim();
    let evaluation = if own {
        text(|e| &e.evaluation)
    } else {
        String::new()
    };
    let next = entry
        .and_then(|e| e.next.as_deref())
        .filter(|_| own)
        .unwrap_or_default()
        .trim();
    let ctx = serde_json::json!({
        "c": case.facts,
        "case": { "id": case.id, "name": case.name },
        "theme": { "id": theme, "name": theme_name },
        "p": p,
        "s": s,
        "e": {
            "impact": impact,
            "partner": entry
                .and_then(|e| e.partner.as_deref())
                .or(case.essay.as_ref().and_then(|e| e.partner.as_deref()))
                .unwrap_or_default()
                .trim(),
            "audience": case.essay.as_ref().and_then(|e| e.audience.as_deref()).unwrap_or_default().trim(),
            "situation": situation.trim(),
            "alternative": text(|e| &e.alternative),
            "resources": text(|e| &e.resources),
            "rollout": entry.and_then(|e| e.rollout.as_deref()).unwrap_or_default().trim(),
            "evaluation": evaluation,
            "target": target,
            "next": next,
            "setback": text(|e| &e.setback),
        },
        "problem": problem,
    });
    let raw = template::render_layout(&lib.essay_template_path, &lib.essay_template, &ctx)
        .map_err(|e| {
            let mut d = codes::TEMPLATE_ERROR.diagnostic(e.message);
            d.span = e.range;
            DraftError::Template(Box::new(FileReport {
                path: lib.essay_template_path.clone(),
                source: lib.essay_template.clone(),
                diagnostics: vec![d],
            }))
        })?;
    let mut glosses = gloss_table(lib);
    for f in std::iter::once(&p).chain(s.as_ref()) {
        if let Some(m) = lib.module(&f.id) {
            for (k, v) in &m.abbreviations {
                glosses.insert(k.clone(), v.clone());
            }
        }
    }
    let text = gloss_first_use(
        &join_paragraphs(&raw),
        &glosses,
        &lib.glossary.common.words(),
    );
    let parts = part_lengths(&text);
    // The exam's limits in characters, and the same limits in rows of the 25×16 answer sheet.
    let limits = Limits::exam();
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
        text,
        parts,
        notes,
    })
}

/// The candidates for `case` and `theme` with the essay's preferred module first (the rest keep
/// their order), and the `variant`-th of them.
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
    for (k, v) in &lib.glossary.jargon {
        g.entry(k.clone()).or_insert_with(|| v.clone());
    }
    g
}

/// Give each term in `glosses` its gloss at its first use in the prose (「CAB（変更諮問委員会）」)
/// unless it is already explained there, and drop the same gloss when it is repeated later.
/// Headings and the front matter are left alone; `common` abbreviations need no gloss.
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
    doc.parts
        .iter()
        .map(|part| {
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
            PartLength {
                part: part.name(),
                chars,
                rows,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
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
    fn terms_are_kanji_and_katakana_runs() {
        let t = terms("変更諮問委員会で、リリースを3日待つ");
        assert!(t.contains("変更諮問委員会") && t.contains("リリース"));
        assert!(!t.contains("待"));
    }
}
