//! Drafting: choose a module variant for a case and theme, fill the fixed
//! module format, and return the paragraph. No template syntax here: texts are
//! handed to [`crate::library::template`] with a context built from the case facts.

use crate::diagnostic::{FileReport, codes};
use crate::library::template;
use crate::library::{Angle, Case, Library, Module, Variant};
use serde::Serialize;

/// One candidate paragraph: a module variant that fits the case and theme, with the variant's
/// angle for the theme when the theme is not the module's first.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    pub module: &'a Module,
    pub variant: &'a Variant,
    pub angle: Option<&'a Angle>,
}

/// A finished module paragraph.
#[derive(Debug, Clone, Serialize)]
pub struct Draft {
    pub case: String,
    pub case_name: String,
    pub theme: String,
    pub theme_name: String,
    pub module: String,
    pub module_name: String,
    /// 1-based index among the candidates for this case and theme.
    pub variant: usize,
    /// Number of candidates for this case and theme.
    pub variants: usize,
    pub text: String,
    pub metric: String,
    pub before: String,
    pub after: String,
    pub abbreviations: std::collections::BTreeMap<String, String>,
}

/// Why a draft could not be made.
#[derive(Debug, Clone, thiserror::Error)]
pub enum DraftError {
    /// No module covers this case and theme; carries the closest themes that do.
    #[error("このテーマを扱うモジュールがありません（近いテーマ: {}）", suggestions.join(", "))]
    NoModule { suggestions: Vec<String> },
    /// `--variant N` out of range.
    #[error("--variant {requested} は範囲外です（候補は {available} 件）")]
    NoVariant { requested: usize, available: usize },
    /// `--module` given but it does not fit the case or theme.
    #[error("{reason}")]
    ModuleMismatch { reason: String },
    /// `--essay` with a measure the case has no essay sentences for (neither the theme's own
    /// module nor an `alt` block): a generic essay would read assembled, so none is made.
    /// Carries the measures that do have an essay, as (variant, module id, module name).
    #[error("事例のこのテーマでは、手法 {module} の論文は用意していません")]
    NoEssay {
        module: String,
        offered: Vec<(usize, String, String)>,
    },
    /// A template failed: a report on the module file.
    #[error("テンプレートを展開できません: {}", .0.path)]
    Template(Box<FileReport>),
}

/// Candidates for `case` and `theme`, in a stable order: modules whose primary
/// theme is `theme` first, then by module id; variants in file order. A variant is offered for
/// another theme of its module only when it has an angle for that theme, so that every theme
/// prints its own paragraph.
pub fn candidates<'a>(lib: &'a Library, case: &str, theme: &str) -> Vec<Candidate<'a>> {
    let mut out = ranked(lib, case, theme);
    // The module this theme prints first is one no other theme of the case prints first.
    if let Some(id) = first_modules(lib, case).remove(theme)
        && let Some(i) = out.iter().position(|c| c.module.id == id)
    {
        let c = out.remove(i);
        out.insert(0, c);
    }
    out
}

/// The module each theme of `case` prints first, so that no two themes print the same
/// paragraph: first every module goes to a theme it was written for (its first theme), then
/// each remaining theme, in theme order, takes its best-ranked module no theme has taken yet (or
/// its best-ranked one when all are taken).
fn first_modules(lib: &Library, case: &str) -> std::collections::BTreeMap<String, String> {
    let ranked: Vec<(&str, Vec<Candidate<'_>>)> = lib
        .themes
        .iter()
        .map(|t| (t.id.as_str(), ranked(lib, case, &t.id)))
        .collect();
    let mut out = std::collections::BTreeMap::new();
    let mut taken = std::collections::BTreeSet::new();
    for (theme, cands) in &ranked {
        if let Some(c) = cands.iter().find(|c| {
            c.angle.is_none()
                && c.module.themes.first().map(String::as_str) == Some(*theme)
                && !taken.contains(c.module.id.as_str())
        }) {
            taken.insert(c.module.id.as_str());
            out.insert(theme.to_string(), c.module.id.clone());
        }
    }
    for (theme, cands) in &ranked {
        if out.contains_key(*theme) {
            continue;
        }
        let pick = cands
            .iter()
            .find(|c| !taken.contains(c.module.id.as_str()))
            .or(cands.first());
        if let Some(c) = pick {
            taken.insert(c.module.id.as_str());
            out.insert(theme.to_string(), c.module.id.clone());
        }
    }
    out
}

/// Candidates in rank order: modules written for the theme first, then those with an angle for
/// it; by module id and variant within a rank.
fn ranked<'a>(lib: &'a Library, case: &str, theme: &str) -> Vec<Candidate<'a>> {
    let mut out: Vec<(usize, &str, usize, Candidate<'a>)> = Vec::new();
    for m in &lib.modules {
        let Some(rank) = m.themes.iter().position(|t| t == theme) else {
            continue;
        };
        for (i, v) in m.variants.iter().enumerate() {
            if v.case != case {
                continue;
            }
            let angle = v.angles.get(theme);
            if rank > 0 && angle.is_none() {
                continue;
            }
            out.push((
                rank.min(1),
                m.id.as_str(),
                i,
                Candidate {
                    module: m,
                    variant: v,
                    angle,
                },
            ));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)).then(a.2.cmp(&b.2)));
    out.into_iter().map(|(_, _, _, c)| c).collect()
}

/// Themes that do have modules for `case`, closest to `theme` first (same exam category first).
pub fn nearby_themes(lib: &Library, case: &str, theme: &str) -> Vec<String> {
    let cat = lib.theme(theme).map(|t| t.category);
    let mut v: Vec<(bool, &str)> = lib
        .themes
        .iter()
        .filter(|t| t.id != theme && !candidates(lib, case, &t.id).is_empty())
        .map(|t| (Some(t.category) != cat, t.id.as_str()))
        .collect();
    v.sort();
    v.into_iter().take(3).map(|(_, s)| s.to_owned()).collect()
}

/// The candidate `--module` / `--variant` select for `case` and `theme`, with the size of the
/// pool it was chosen from.
pub fn select<'a>(
    lib: &'a Library,
    case: &Case,
    theme: &str,
    module: Option<&str>,
    variant: usize,
) -> Result<(Candidate<'a>, usize), DraftError> {
    let all = candidates(lib, &case.id, theme);
    let pool: Vec<Candidate<'_>> = match module {
        Some(id) => {
            let m = lib.module(id).ok_or_else(|| DraftError::ModuleMismatch {
                reason: format!("モジュール `{id}` はありません"),
            })?;
            if !m.themes.iter().any(|t| t == theme) {
                return Err(DraftError::ModuleMismatch {
                    reason: format!(
                        "モジュール `{id}` はテーマ `{theme}` を扱いません（扱うテーマ: {}）",
                        m.themes.join(", ")
                    ),
                });
            }
            let p: Vec<_> = all.into_iter().filter(|c| c.module.id == id).collect();
            if p.is_empty() && m.variants.iter().any(|v| v.case == case.id) {
                return Err(DraftError::ModuleMismatch {
                    reason: format!(
                        "モジュール `{id}` の事例 `{}` 向けの例は、テーマ `{theme}` の観点で書かれていません（この例が扱うテーマ: {}）",
                        case.id,
                        themes_of(m, &case.id).join(", ")
                    ),
                });
            }
            if p.is_empty() {
                return Err(DraftError::ModuleMismatch {
                    reason: format!(
                        "モジュール `{id}` には事例 `{}` 向けの例がありません（対応する事例: {}）",
                        case.id,
                        lib.cases_of(id).join(", ")
                    ),
                });
            }
            p
        }
        None => all,
    };
    if pool.is_empty() {
        return Err(DraftError::NoModule {
            suggestions: nearby_themes(lib, &case.id, theme),
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

/// Draft one paragraph.
pub fn draft(
    lib: &Library,
    case: &Case,
    theme: &str,
    module: Option<&str>,
    variant: usize,
) -> Result<Draft, DraftError> {
    let (c, variants) = select(lib, case, theme, module, variant)?;
    let text = render_paragraph(lib, case, c)?;
    let theme_name = lib.theme(theme).map(|t| t.name.clone()).unwrap_or_default();
    Ok(Draft {
        case: case.id.clone(),
        case_name: case.name.clone(),
        theme: theme.to_owned(),
        theme_name,
        module: c.module.id.clone(),
        module_name: c.module.name.clone(),
        variant,
        variants,
        text,
        metric: c.variant.metric.clone(),
        before: c.variant.before.clone(),
        after: c.variant.after.clone(),
        abbreviations: c.module.abbreviations.clone(),
    })
}

/// A module variant with every text field rendered for one case (case-fact slots filled,
/// surrounding whitespace trimmed). `background` is empty when the variant has none.
#[derive(Debug, Clone, Serialize)]
pub struct Filled {
    pub id: String,
    pub name: String,
    pub feature: String,
    pub action: String,
    pub problem: String,
    pub background: String,
    pub decision: String,
    pub ingenuity: String,
    pub example: String,
    pub metric: String,
    pub before: String,
    pub after: String,
    pub remaining: String,
}

/// The themes a module variant of `case` is offered for: the module's first theme and the
/// themes of the variant's angles.
fn themes_of<'a>(m: &'a Module, case: &str) -> Vec<&'a str> {
    let mut out: Vec<&str> = m.themes.first().map(String::as_str).into_iter().collect();
    for v in m.variants.iter().filter(|v| v.case == case) {
        out.extend(v.angles.keys().map(String::as_str));
    }
    out.dedup();
    out
}

/// The case's quantities as module texts may use them: id → 「月80件」 (period, figure, unit).
pub fn quantity_texts(case: &Case) -> std::collections::BTreeMap<String, String> {
    case.quantities
        .iter()
        .filter_map(|q| {
            let v = q.value.as_deref()?;
            Some((
                q.id.clone(),
                format!(
                    "{}{}{}",
                    q.per.as_deref().unwrap_or(""),
                    v,
                    q.unit.as_deref().unwrap_or("")
                ),
            ))
        })
        .collect()
}

/// Render every text field of a candidate for `case` (the angle's fields replace the variant's).
pub fn fill(lib: &Library, case: &Case, c: Candidate<'_>) -> Result<Filled, DraftError> {
    let ctx = serde_json::json!({ "c": case.facts, "q": quantity_texts(case) });
    let renderer = template::Renderer::new(&ctx);
    let m = c.module;
    let v = c.variant;
    let a = c.angle.cloned().unwrap_or_default();
    let field = |key: &str, src: &str| -> Result<String, DraftError> {
        renderer
            .render(&format!("{}:{key}", m.id), src)
            .map(|s| s.trim().to_owned())
            .map_err(|e| template_failure(lib, m, v, key, src, e))
    };
    let pick = |key: &str, over: &Option<String>, base: &str| -> Result<String, DraftError> {
        field(key, over.as_deref().unwrap_or(base))
    };
    Ok(Filled {
        id: m.id.clone(),
        name: field("name", &m.name)?,
        feature: field("feature", &m.feature)?,
        action: pick("action", &a.action, &v.action)?,
        problem: pick("problem", &a.problem, &v.problem)?,
        background: match a.background.as_ref().or(v.background.as_ref()) {
            Some(b) => field("background", b)?,
            None => String::new(),
        },
        decision: pick("decision", &a.decision, &v.decision)?,
        ingenuity: pick("ingenuity", &a.ingenuity, &v.ingenuity)?,
        example: pick("example", &a.example, &v.example)?,
        metric: pick("metric", &a.metric, &v.metric)?,
        before: pick("before", &a.before, &v.before)?,
        after: pick("after", &a.after, &v.after)?,
        remaining: pick("remaining", &a.remaining, &v.remaining)?,
    })
}

/// Introduce each actor of the case (a supplier, a masked company) at its first mention in the
/// prose: 「M社へ移す」 → 「インフラ運用を委託しているM社へ移す」. A mention already introduced —
/// preceded by 「の」 or by the introduction's own words in the same sentence — is left alone.
/// Headings and the front matter are not prose and are left alone.
pub fn introduce_actors(text: &str, actors: &std::collections::BTreeMap<String, String>) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let mut in_front = lines.first().is_some_and(|l| l.trim() == "---");
    let prose: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            let t = lines[i].trim();
            if in_front {
                if i > 0 && t == "---" {
                    in_front = false;
                }
                return false;
            }
            !t.is_empty() && !t.starts_with('#')
        })
        .collect();
    for (name, intro) in actors {
        let role = intro.trim_end_matches(name.as_str());
        'lines: for &li in &prose {
            let line = &lines[li];
            let mut from = 0;
            while let Some(i) = line[from..].find(name.as_str()) {
                let at = from + i;
                let before = line[..at].chars().next_back();
                // 「LM社」「Mクラウド」: part of another name.
                if before.is_some_and(|c| c.is_ascii_alphanumeric()) {
                    from = at + name.len();
                    continue;
                }
                let sentence_start = line[..at].rfind('。').map_or(0, |s| s + '。'.len_utf8());
                let already = before == Some('の') || shares_words(&line[sentence_start..at], role);
                if !already {
                    lines[li].insert_str(at, role);
                }
                break 'lines;
            }
        }
    }
    let mut out = lines.join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// Whether `text` already holds a three-character run of `role` (its wording of the actor).
fn shares_words(text: &str, role: &str) -> bool {
    let chars: Vec<char> = role.chars().filter(|c| !c.is_whitespace()).collect();
    chars.windows(3).any(|w| {
        let s: String = w.iter().collect();
        !s.contains(['の', 'を', 'に', 'が', 'は', 'て', 'い', 'る', 'し', 'た'])
            && text.contains(&s)
    })
}

/// Render one module variant for a case through the fixed format.
pub fn render_paragraph(
    lib: &Library,
    case: &Case,
    c: Candidate<'_>,
) -> Result<String, DraftError> {
    let f = fill(lib, case, c)?;
    let filled = serde_json::json!({
        "m": { "name": f.name, "feature": f.feature },
        "v": {
            "action": f.action,
            "problem": f.problem,
            "background": f.background,
            "decision": f.decision,
            "ingenuity": f.ingenuity,
            "example": f.example,
        }
    });
    template::render("rubrics/module.j2", &lib.module_template, &filled)
        .map(|s| {
            // The glossary's terms and the module's own abbreviations, each explained at its
            // first use (the order of the format's parts decides where that is).
            let mut spelled: std::collections::BTreeMap<String, String> =
                lib.glossary.spell_out.clone();
            spelled.extend(c.module.abbreviations.clone());
            let text = introduce_actors(s.trim(), &case.actors);
            crate::draft::essay::gloss_first_use(&text, &spelled, &[])
        })
        .map_err(|e| {
            let mut d = codes::TEMPLATE_ERROR.diagnostic(e.message);
            d.span = e.range;
            DraftError::Template(Box::new(FileReport {
                path: "rubrics/module.j2".into(),
                source: lib.module_template.clone(),
                diagnostics: vec![d],
            }))
        })
}

/// Map a field-template error back to the module's YAML file when its source is known.
fn template_failure(
    lib: &Library,
    m: &Module,
    v: &Variant,
    key: &str,
    src: &str,
    e: template::TemplateError,
) -> DraftError {
    let (path, file_text): (String, &str) = lib
        .variant_sources
        .get(&(m.id.clone(), v.case.clone()))
        .map(|(p, t)| (p.clone(), t.as_str()))
        .or_else(|| {
            lib.module_sources
                .get(&m.id)
                .map(|(p, t)| (p.clone(), t.as_ref()))
        })
        .unwrap_or_else(|| (lib.module_path(&m.id), src));
    // Find the field text inside the YAML: the expression near the variant of this case.
    let needle = e
        .range
        .as_ref()
        .map(|r| src[r.clone()].to_owned())
        .unwrap_or_default();
    let anchor = file_text.find(&format!("case: {}", v.case)).unwrap_or(0);
    let span = if needle.is_empty() {
        None
    } else {
        file_text[anchor..]
            .find(&needle)
            .map(|s| anchor + s)
            .or_else(|| file_text.find(&needle))
            .map(|s| s..s + needle.len())
    };
    let mut d = codes::TEMPLATE_ERROR.diagnostic(format!(
        "モジュール `{}`（事例 `{}` の `{key}`）: {}",
        m.id, v.case, e.message
    ));
    d.span = span;
    d.label = Some("ここで展開に失敗しました".into());
    d.help = Some(format!(
        "事例の facts にあるキーだけを `{{{{ c.KEY }}}}` で参照してください（必須キー: {}）",
        crate::library::REQUIRED_FACTS.join(", ")
    ));
    DraftError::Template(Box::new(FileReport {
        path,
        source: file_text.to_owned(),
        diagnostics: vec![d],
    }))
}
