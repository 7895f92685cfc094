//! The detectors behind the rubric items. Each reads the parsed document (and the lint findings)
//! and returns the points earned with the spans that earned them, or what is missing and where it
//! should go. Which detector an item uses, its parameters and its weight come from
//! `rubrics/score.yaml`; the list of detector ids is [`crate::score::rubric::DETECTORS`].

use super::{Evidence, PartLength, of_rules, thousands};
use crate::diagnostic::Diagnostic;
use crate::document::Sentence;
use crate::document::markers::{self, Markers};
use crate::exam::Limits;
use crate::library::Library;
use crate::lint::{Document, Kind};
use crate::score::rubric::{Group, ItemDef};
use crate::text::scan::{self as util, static_regex};
use std::collections::{BTreeSet, HashSet};
use std::ops::Range;

/// What a detector needs besides its parameters.
pub(crate) struct Ctx<'a> {
    pub doc: &'a Document<'a>,
    pub findings: &'a [Diagnostic],
    pub lib: &'a Library,
    pub parts: &'a [PartLength],
    /// The 設問 length limits in effect (the exam's, or the question's).
    pub limits: &'a Limits,
    pub markers: Markers,
    /// Every pair of adjacent characters in the prose: a word whose first two characters are
    /// not here cannot occur, so most of the rubric's keyword lists are skipped without a scan.
    bigrams: HashSet<(char, char)>,
}

impl<'a> Ctx<'a> {
    pub fn new(
        doc: &'a Document<'a>,
        findings: &'a [Diagnostic],
        lib: &'a Library,
        parts: &'a [PartLength],
        limits: &'a Limits,
    ) -> Self {
        let markers = match doc.kind {
            Kind::Module => markers::markers(doc),
            Kind::Essay => Markers::default(),
        };
        let mut bigrams = HashSet::new();
        for p in &doc.paragraphs {
            let mut prev = None;
            for c in doc.text[p.clone()].chars() {
                if let Some(a) = prev {
                    bigrams.insert((a, c));
                }
                prev = Some(c);
            }
        }
        Ctx {
            doc,
            findings,
            lib,
            parts,
            limits,
            markers,
            bigrams,
        }
    }

    fn text(&self) -> &'a str {
        self.doc.text
    }

    /// The byte range a `part` parameter names: a 設問 body, the module example, or everything.
    fn scope(&self, part: Option<&str>) -> Result<Range<usize>, String> {
        match part {
            None => Ok(0..self.text().len()),
            Some("example") => Ok(self
                .markers
                .examples
                .first()
                .map(|r| r.start..self.text().len())
                .unwrap_or(0..self.text().len())),
            Some(label) => self
                .doc
                .parts
                .iter()
                .find(|p| p.label.to_string() == label)
                .map(|p| p.body.clone())
                .ok_or_else(|| format!("設問{label}がありません")),
        }
    }

    fn scope_name(part: Option<&str>) -> String {
        match part {
            None => "本文".into(),
            Some("example") => "具体例（「具体的には」以降）".into(),
            Some(l) => format!("設問{l}"),
        }
    }

    /// Sentences inside `range`, with their index in the document.
    fn sentences_in(&self, range: &Range<usize>) -> Vec<(usize, &'a Sentence)> {
        let doc: &'a Document<'a> = self.doc;
        doc.sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| s.range.start >= range.start && s.range.end <= range.end)
            .collect()
    }

    fn sentence(&self, s: &Sentence) -> &'a str {
        &self.doc.text[s.range.clone()]
    }

    /// Prose (paragraph text) inside `range`, clipped, as absolute ranges.
    fn prose_in(&self, range: &Range<usize>) -> Vec<Range<usize>> {
        self.doc
            .paragraphs
            .iter()
            .filter_map(|p| {
                let s = p.start.max(range.start);
                let e = p.end.min(range.end);
                (s < e).then_some(s..e)
            })
            .collect()
    }

    /// Where something missing from `part` should be written: the start of its first sentence,
    /// or the part heading, or (for a module) the 「工夫した点は」 sentence.
    fn place(&self, part: Option<&str>) -> Vec<Evidence> {
        let name = Self::scope_name(part);
        if let Ok(r) = self.scope(part)
            && let Some((_, s)) = self.sentences_in(&r).first()
        {
            return vec![Evidence::at(
                s.range.clone(),
                format!("{name}のこのあたりに書く"),
            )];
        }
        if self.doc.kind == Kind::Module
            && let Some(r) = &self.markers.ingenuity
        {
            return vec![Evidence::at(r.clone(), "この文の前後に書く")];
        }
        Vec::new()
    }

    /// Every occurrence of any of `words` in the prose of `range` (absolute ranges, sorted).
    fn occurrences(&self, range: &Range<usize>, words: &[String]) -> Vec<(Range<usize>, String)> {
        let mut out = Vec::new();
        let prose = self.prose_in(range);
        let (Some(first), Some(last)) = (prose.first(), prose.last()) else {
            return out;
        };
        // One scan per word over the whole range; matches outside the prose (headings, front
        // matter) and across paragraphs are dropped.
        let span = first.start..last.end;
        let t = &self.text()[span.clone()];
        for w in words.iter().filter(|w| !w.is_empty()) {
            let mut cs = w.chars();
            if let (Some(a), Some(b)) = (cs.next(), cs.next())
                && !self.bigrams.contains(&(a, b))
            {
                continue;
            }
            for (i, _) in t.match_indices(w.as_str()) {
                let r = span.start + i..span.start + i + w.len();
                if prose.iter().any(|p| p.start <= r.start && r.end <= p.end) {
                    out.push((r, w.clone()));
                }
            }
        }
        out.sort_by_key(|(r, _)| (r.start, r.end));
        out
    }

    /// The first occurrence (in the prose of `range`) of each of `words` that occurs, sorted by
    /// position. Cheaper than [`Ctx::occurrences`] when only presence and the first place matter.
    fn firsts(&self, range: &Range<usize>, words: &[String]) -> Vec<(Range<usize>, String)> {
        let prose = self.prose_in(range);
        let mut out: Vec<(Range<usize>, String)> = Vec::new();
        for w in words.iter().filter(|w| !w.is_empty()) {
            let mut cs = w.chars();
            if let (Some(a), Some(b)) = (cs.next(), cs.next())
                && !self.bigrams.contains(&(a, b))
            {
                continue;
            }
            if let Some(r) = prose.iter().find_map(|p| {
                self.text()[p.clone()]
                    .find(w.as_str())
                    .map(|i| p.start + i..p.start + i + w.len())
            }) {
                out.push((r, w.clone()));
            }
        }
        out.sort_by_key(|(r, _)| (r.start, r.end));
        out
    }
}

/// A detector's result before it is clamped to the item's points.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    pub points: u32,
    pub evidence: Vec<Evidence>,
    pub missing: Option<String>,
    /// The defects, or where the missing thing should go.
    pub where_: Vec<Evidence>,
    /// A change specific to this text (「初出を『MTTR（平均復旧時間）』と書く」), when the detector knows one.
    pub hint: Option<String>,
}

impl Outcome {
    fn full(max: u32, evidence: Vec<Evidence>) -> Self {
        Outcome {
            points: max,
            evidence,
            ..Outcome::default()
        }
    }

    fn none(message: impl Into<String>, where_: Vec<Evidence>) -> Self {
        Outcome {
            points: 0,
            missing: Some(message.into()),
            where_,
            ..Outcome::default()
        }
    }
}

/// Run the detector of `item`.
pub(crate) fn run(ctx: &Ctx<'_>, item: &ItemDef) -> Outcome {
    let max = item.points;
    let p = &item.params;
    match item.detector.as_str() {
        "theme-keywords" => theme_keywords(ctx, max, p.min.unwrap_or(2)),
        "sentence-match" => sentence_match(ctx, max, item),
        "no-findings" => no_findings(ctx, max, item),
        "part-structure" => part_structure(ctx, max),
        "part-roles" => part_roles(ctx, max, item),
        "decision" => decision(ctx, max, p.min.unwrap_or(1)),
        "decision-reason" => decision_reason(ctx, max, item),
        "term-link" => term_link(ctx, max, item),
        "figures" => figures(
            ctx,
            max,
            p.part.as_deref(),
            p.min.unwrap_or(1),
            p.before_after.unwrap_or(false),
        ),
        "result-metric" => result_metric(ctx, max, p.part.as_deref(), &p.keywords),
        "flow-order" => flow_order(ctx, max, &p.stages),
        "itsm-terms" => itsm_terms(ctx, max, &p.keywords, p.min.unwrap_or(6)),
        "case-specifics" => case_specifics(ctx, max, &p.groups),
        "format-marker" => format_marker(ctx, max, item),
        "length" => length(ctx, max, p.min.unwrap_or(400)),
        // The loader rejects unknown detectors; an overlay cannot reach this.
        other => Outcome::none(format!("detector `{other}` は未知です"), Vec::new()),
    }
}

fn contains_any<'w>(t: &str, words: &'w [String]) -> Option<&'w str> {
    words
        .iter()
        .find(|w| !w.is_empty() && t.contains(w.as_str()))
        .map(String::as_str)
}

fn list(words: &[String], n: usize) -> String {
    let mut s: Vec<String> = words.iter().take(n).map(|w| format!("「{w}」")).collect();
    if words.len() > n {
        s.push("など".into());
    }
    s.join("")
}

/// Points for `got` of `want` found, floored.
fn share(max: u32, got: usize, want: usize) -> u32 {
    if want == 0 {
        return max;
    }
    (max as usize * got.min(want) / want) as u32
}

fn theme_keywords(ctx: &Ctx<'_>, max: u32, min_parts: usize) -> Outcome {
    let all = 0..ctx.text().len();
    let declared = ctx
        .doc
        .front_matter
        .iter()
        .find(|(k, _)| k == "theme")
        .and_then(|(_, v)| ctx.lib.theme(v));
    // Without a declared theme, the theme with the most distinct keywords present.
    let dominant = || {
        ctx.lib
            .themes
            .iter()
            .map(|t| (ctx.firsts(&all, &t.keywords).len(), t))
            .enumerate()
            .max_by(|(i, a), (j, b)| a.0.cmp(&b.0).then(j.cmp(i)))
            .filter(|(_, (n, _))| *n > 0)
            .map(|(_, (_, t))| t)
    };
    let Some(theme) = declared.or_else(dominant) else {
        return Outcome::none(
            "どのテーマ（変更管理、インシデント管理など）の語も本文に見当たりません",
            ctx.place(Some("ア")),
        );
    };
    let scopes: Vec<(String, Range<usize>)> = if ctx.doc.parts.is_empty() {
        vec![("本文".into(), all.clone())]
    } else {
        ctx.doc
            .parts
            .iter()
            .map(|p| (p.name(), p.body.clone()))
            .collect()
    };
    let mut evidence = Vec::new();
    let mut lacking = Vec::new();
    for (name, r) in &scopes {
        match ctx.firsts(r, &theme.keywords).into_iter().next() {
            Some((span, w)) => evidence.push(Evidence::at(
                span,
                format!("{name}: {}の語「{w}」", theme.name),
            )),
            None => lacking.push(name.clone()),
        }
    }
    let want = min_parts.min(scopes.len()).max(1);
    if evidence.len() >= want {
        Outcome::full(max, evidence)
    } else if !evidence.is_empty() {
        Outcome {
            points: max / 2,
            evidence,
            missing: Some(format!(
                "{}の語が{}にありません",
                theme.name,
                lacking.join("・")
            )),
            where_: lacking
                .iter()
                .filter_map(|n| n.strip_prefix("設問"))
                .flat_map(|l| ctx.place(Some(l)))
                .collect(),
            hint: None,
        }
    } else {
        Outcome::none(
            format!(
                "指定されたテーマ「{}」の語（{}）が本文にありません",
                theme.name,
                list(&theme.keywords, 4)
            ),
            ctx.place(Some("ア")),
        )
    }
}

fn sentence_match(ctx: &Ctx<'_>, max: u32, item: &ItemDef) -> Outcome {
    let p = &item.params;
    let (part, keywords, context) = (p.part.as_deref(), &p.keywords, &p.context);
    let (min, window) = (p.min.unwrap_or(1), p.window.unwrap_or(0));
    let scope = match ctx.scope(part) {
        Ok(r) => r,
        Err(m) => return Outcome::none(m, Vec::new()),
    };
    let inside = ctx.sentences_in(&scope);
    // A sentence with a keyword whose context is in the sentence itself or, with `window`, in
    // one of the `window` sentences around it in the same paragraph.
    let hits: Vec<Evidence> = inside
        .iter()
        .enumerate()
        .filter_map(|(k, (_, s))| {
            let t = ctx.sentence(s);
            contains_any(t, keywords)?;
            if context.is_empty() {
                return Some(Evidence::at(s.range.clone(), t));
            }
            let lo = k.saturating_sub(window);
            let hi = (k + window).min(inside.len() - 1);
            let near = std::iter::once(k)
                .chain(lo..=hi)
                .map(|j| inside[j].1)
                .filter(|o| o.paragraph == s.paragraph)
                .find(|o| contains_any(ctx.sentence(o), context).is_some())?;
            let r = near.range.start.min(s.range.start)..near.range.end.max(s.range.end);
            Some(Evidence::at(r.clone(), &ctx.text()[r]))
        })
        .collect();
    let what = if context.is_empty() {
        format!("{}を含む文", list(keywords, 5))
    } else {
        let near = if window > 0 {
            format!("（前後{window}文まで）")
        } else {
            String::new()
        };
        format!("{}と{}{near}を含む文", list(keywords, 3), list(context, 5))
    };
    let name = Ctx::scope_name(part);
    let n = hits.len();
    if n >= min {
        Outcome::full(max, hits.into_iter().take(3).collect())
    } else if n > 0 {
        Outcome {
            points: max / 2,
            evidence: hits,
            missing: Some(format!(
                "{name}に{what}が{n}つしかありません（{min}つ以上で満点）"
            )),
            where_: ctx.place(part),
            hint: None,
        }
    } else {
        Outcome::none(format!("{name}に{what}がありません"), ctx.place(part))
    }
}

fn no_findings(ctx: &Ctx<'_>, max: u32, item: &ItemDef) -> Outcome {
    let p = &item.params;
    let scope = match ctx.scope(p.part.as_deref()) {
        Ok(r) => r,
        Err(m) => return Outcome::none(m, Vec::new()),
    };
    let inside = |d: &Diagnostic| {
        d.span
            .as_ref()
            .is_none_or(|s| s.start >= scope.start && s.end <= scope.end)
    };
    let found: Vec<&Diagnostic> = of_rules(ctx.findings, &p.rules)
        .filter(|d| inside(d))
        .collect();
    let words = ctx.occurrences(&scope, &p.keywords);
    let weight = |key: &str| p.weights.get(key).copied().unwrap_or(max);
    let lost: u32 =
        found.iter().map(|d| weight(d.code)).sum::<u32>() + words.len() as u32 * weight("keywords");
    if lost == 0 {
        let mut what: Vec<String> = p.rules.clone();
        if !p.keywords.is_empty() {
            what.push(list(&p.keywords, 3));
        }
        return Outcome::full(
            max,
            vec![Evidence::note(format!("該当なし（{}）", what.join("、")))],
        );
    }
    let mut where_: Vec<Evidence> = found
        .iter()
        .map(|d| Evidence {
            span: d.span.clone(),
            text: format!("{}: {}", d.code, d.message),
        })
        .collect();
    where_.extend(
        words
            .iter()
            .map(|(r, w)| Evidence::at(r.clone(), format!("「{w}」"))),
    );
    let mut causes: Vec<String> = Vec::new();
    for d in &found {
        let c = format!("{}（{}）", d.message, d.code);
        if !causes.contains(&c) {
            causes.push(c);
        }
    }
    for (_, w) in &words {
        let c = format!("「{w}」");
        if !causes.contains(&c) {
            causes.push(c);
        }
    }
    let n = found.len() + words.len();
    let shown: Vec<String> = causes.iter().take(3).cloned().collect();
    let mut message = shown.join("、");
    if n > 1 {
        message.push_str(&format!(" ほか、計{n}か所"));
    }
    Outcome {
        points: max.saturating_sub(lost),
        evidence: Vec::new(),
        missing: Some(message),
        where_,
        hint: found.iter().find_map(|d| d.help.clone()),
    }
}

fn part_structure(ctx: &Ctx<'_>, max: u32) -> Outcome {
    let labels: Vec<char> = ctx.doc.parts.iter().map(|p| p.label).collect();
    let absent: Vec<char> = ['ア', 'イ', 'ウ']
        .into_iter()
        .filter(|l| !labels.contains(l))
        .collect();
    let mut seen = BTreeSet::new();
    let dup: Vec<char> = labels
        .iter()
        .copied()
        .filter(|l| !seen.insert(*l))
        .collect();
    let ordered = {
        let mut firsts: Vec<char> = Vec::new();
        for l in &labels {
            if !firsts.contains(l) {
                firsts.push(*l);
            }
        }
        firsts.windows(2).all(|w| w[0] < w[1])
    };
    let evidence: Vec<Evidence> = ctx
        .parts
        .iter()
        .map(|p| {
            Evidence::at(
                p.heading.clone(),
                format!(
                    "設問{} {}字（{}）",
                    p.label,
                    thousands(p.chars),
                    p.limit_text()
                ),
            )
        })
        .collect();
    let outside: Vec<&PartLength> = ctx.parts.iter().filter(|p| !p.within()).collect();
    let mut problems = Vec::new();
    let mut where_ = Vec::new();
    for l in &absent {
        problems.push(format!("設問{l}がありません"));
        // Where it should go: before the next part, or at the end.
        let next = ctx.doc.parts.iter().find(|p| p.label > *l);
        match next {
            Some(p) => where_.push(Evidence::at(
                p.heading.clone(),
                format!("この見出しの前に「## 設問{l}」を置く"),
            )),
            None => {
                if let Some(last) = ctx.doc.lines.iter().rev().find(|l| !l.range.is_empty()) {
                    where_.push(Evidence::at(
                        last.range.clone(),
                        format!("この後に「## 設問{l}」を置く"),
                    ));
                }
            }
        }
    }
    if !dup.is_empty() {
        let d: Vec<String> = dup.iter().map(|l| format!("設問{l}")).collect();
        problems.push(format!("{}の見出しが2回あります", d.join("・")));
    }
    if !ordered {
        problems.push("設問の順序がア→イ→ウになっていません".into());
    }
    for p in &outside {
        problems.push(format!(
            "設問{}が{}字で、制限（{}）の外です",
            p.label,
            thousands(p.chars),
            p.limit_text()
        ));
        where_.push(Evidence::at(
            p.heading.clone(),
            format!("設問{} {}字", p.label, thousands(p.chars)),
        ));
    }
    if ctx.doc.parts.is_empty() {
        return Outcome::none(
            "設問ア・イ・ウの見出し（「## 設問ア」など）がありません（推定ランクは D が上限）",
            Vec::new(),
        );
    }
    if problems.is_empty() {
        return Outcome::full(max, evidence);
    }
    let mut hints: Vec<String> = absent
        .iter()
        .map(|l| {
            let x = ctx.limits.get(*l);
            let limit = PartLength {
                label: *l,
                heading: 0..0,
                chars: 0,
                min: x.min,
                max: x.max,
            }
            .limit_text();
            format!("見出し「## 設問{l}」を置き、{limit}で設問{l}を書く")
        })
        .collect();
    for p in &outside {
        match (p.min, p.max) {
            (Some(lo), _) if p.chars < lo => hints.push(format!(
                "設問{}をあと{}字以上書き足して{}にする",
                p.label,
                thousands(lo - p.chars),
                p.limit_text()
            )),
            (_, Some(hi)) if p.chars > hi => hints.push(format!(
                "設問{}を{}字以上削って{}にする",
                p.label,
                thousands(p.chars - hi),
                p.limit_text()
            )),
            _ => {}
        }
    }
    let capped = !absent.is_empty() || !outside.is_empty();
    let mut message = problems.join("。");
    if capped {
        message.push_str("（推定ランクは D が上限）");
    }
    Outcome {
        points: if absent.is_empty() { max / 2 } else { 0 },
        evidence,
        missing: Some(message),
        where_,
        hint: (!hints.is_empty()).then(|| hints.join("。")),
    }
}

fn part_roles(ctx: &Ctx<'_>, max: u32, item: &ItemDef) -> Outcome {
    let p = &item.params;
    let last = p.last_paragraph.unwrap_or(false);
    let mut evidence = Vec::new();
    let mut lacking = Vec::new();
    let mut where_ = Vec::new();
    for (label, words) in &p.parts {
        let part = ctx.doc.parts.iter().find(|x| x.label.to_string() == *label);
        let Some(part) = part else {
            lacking.push(format!("設問{label}がありません"));
            continue;
        };
        // A closing 「以上」 is the essay's end mark, not its last paragraph.
        let paras: Vec<Range<usize>> = ctx
            .prose_in(&part.body)
            .into_iter()
            .filter(|r| ctx.text()[r.clone()].trim() != "以上")
            .collect();
        let scope = if last {
            paras.last().cloned()
        } else {
            Some(part.body.clone())
        };
        let where_name = if last {
            format!("設問{label}の最後の段落")
        } else {
            format!("設問{label}")
        };
        let hit = scope
            .as_ref()
            .and_then(|r| ctx.firsts(r, words).into_iter().next());
        match hit {
            Some((span, w)) => evidence.push(Evidence::at(span, format!("{where_name}: 「{w}」"))),
            None => {
                lacking.push(format!("{where_name}に{}がありません", list(words, 4)));
                match &scope {
                    Some(r) => where_.push(Evidence::at(r.clone(), format!("{where_name}に書く"))),
                    None => where_.push(Evidence::at(
                        part.heading.clone(),
                        format!("{where_name}に書く"),
                    )),
                }
            }
        }
    }
    let n = p.parts.len();
    let points = share(max, evidence.len(), n);
    Outcome {
        points,
        evidence,
        missing: (!lacking.is_empty()).then(|| lacking.join("。")),
        where_,
        hint: None,
    }
}

/// 「私は…と判断した」: a sentence whose subject is 私 with a decision verb (the rule C001 test),
/// or a 「そこで…」 sentence right after a sentence whose subject is 私.
fn decisions(ctx: &Ctx<'_>) -> Vec<usize> {
    let subject = static_regex!(r"私(は|が)");
    let mut out = Vec::new();
    let mut prev_subject = false;
    for (i, s) in ctx.doc.sentences.iter().enumerate() {
        let t = ctx.sentence(s);
        if crate::lint::is_decision(t)
            || (prev_subject
                && t.starts_with("そこで")
                && crate::lint::is_decision(&format!("私は{t}")))
        {
            out.push(i);
        }
        prev_subject = subject.is_match(t);
    }
    out
}

fn decision(ctx: &Ctx<'_>, max: u32, min: usize) -> Outcome {
    let found = decisions(ctx);
    let evidence: Vec<Evidence> = found
        .iter()
        .take(3)
        .map(|i| {
            let s = &ctx.doc.sentences[*i];
            Evidence::at(s.range.clone(), ctx.sentence(s))
        })
        .collect();
    let where_ = match ctx.doc.kind {
        Kind::Essay => ctx.place(Some("イ")),
        Kind::Module => ctx
            .markers
            .ingenuity
            .clone()
            .map(|r| {
                vec![Evidence::at(
                    r,
                    "この文の前に「私は、〜と判断した。」を置く",
                )]
            })
            .unwrap_or_default(),
    };
    if found.len() >= min {
        return Outcome::full(max, evidence);
    }
    if !found.is_empty() {
        return Outcome {
            points: max / 2,
            evidence,
            missing: Some(format!(
                "私を主語にした判断の文が{}つしかありません（{min}つ以上で満点）",
                found.len()
            )),
            where_,
            hint: None,
        };
    }
    let implicit = static_regex!(r"と判断した|を決定した|に指示した|と判断し、|を決定し、");
    if let Some(s) = ctx
        .doc
        .sentences
        .iter()
        .find(|s| implicit.is_match(ctx.sentence(s)))
    {
        return Outcome {
            points: (max / 4).max(1).min(max),
            evidence: Vec::new(),
            missing: Some("判断の文はあるが、主体（「私は」）が書かれていません".into()),
            where_: vec![Evidence::at(
                s.range.clone(),
                "この文の主語を「私は」と明示する",
            )],
            hint: None,
        };
    }
    Outcome::none(
        "「私は〜と判断した」のような、私を主語にした判断・決定・合意の文がありません",
        where_,
    )
}

fn decision_reason(ctx: &Ctx<'_>, max: u32, item: &ItemDef) -> Outcome {
    let p = &item.params;
    let window = p.window.unwrap_or(2);
    let found = decisions(ctx);
    let sentences = &ctx.doc.sentences;
    let explicit = if p.explicit.is_empty() {
        None
    } else {
        Some(
            sentences
                .iter()
                .find(|s| contains_any(ctx.sentence(s), &p.explicit).is_some()),
        )
    };
    if found.is_empty() {
        return Outcome::none(
            "私を主語にした判断の文がないため、判断の理由も読み取れません",
            match ctx.doc.kind {
                Kind::Essay => ctx.place(Some("イ")),
                Kind::Module => ctx
                    .markers
                    .ingenuity
                    .clone()
                    .map(|r| vec![Evidence::at(r, "この文の前に判断とその理由を書く")])
                    .unwrap_or_default(),
            },
        );
    }
    let reasoned: Vec<(usize, usize)> = found
        .iter()
        .filter_map(|&i| {
            // The reason is looked for in the decision's own paragraph: `window` sentences before
            // it, the decision itself, and the sentence after it.
            let lo = i.saturating_sub(window);
            let hi = (i + 1).min(sentences.len() - 1);
            let para = sentences[i].paragraph;
            std::iter::once(i)
                .chain(lo..=hi)
                .filter(|&j| sentences[j].paragraph == para)
                .find(|&j| contains_any(ctx.sentence(&sentences[j]), &p.keywords).is_some())
                .map(|j| (i, j))
        })
        .collect();
    let mut evidence: Vec<Evidence> = reasoned
        .iter()
        .take(2)
        .flat_map(|&(i, j)| {
            let mut v = vec![Evidence::at(
                sentences[i].range.clone(),
                ctx.sentence(&sentences[i]),
            )];
            if j != i {
                v.push(Evidence::at(
                    sentences[j].range.clone(),
                    ctx.sentence(&sentences[j]),
                ));
            }
            v
        })
        .collect();
    let decision_at = Evidence::at(
        sentences[found[0]].range.clone(),
        "この判断の前後に理由を書く",
    );
    match explicit {
        None => {
            if reasoned.is_empty() {
                Outcome {
                    points: max / 2,
                    evidence: Vec::new(),
                    missing: Some(format!(
                        "判断の文の前後{window}文に理由（{}）が書かれていません",
                        list(&p.keywords, 4)
                    )),
                    where_: vec![decision_at],
                    hint: None,
                }
            } else {
                Outcome::full(max, evidence)
            }
        }
        Some(ex) => {
            if let Some(s) = ex {
                evidence.push(Evidence::at(s.range.clone(), ctx.sentence(s)));
            }
            match (reasoned.is_empty(), ex.is_some()) {
                (false, true) => Outcome::full(max, evidence),
                (true, true) => Outcome {
                    points: max / 2,
                    evidence,
                    missing: Some(format!(
                        "判断の文の前後{window}文に、その判断の理由が書かれていません"
                    )),
                    where_: vec![decision_at],
                    hint: None,
                },
                (false, false) => Outcome {
                    points: max / 2,
                    evidence,
                    missing: Some(format!(
                        "理由を明示する文（{}）がありません",
                        list(&p.explicit, 3)
                    )),
                    where_: vec![decision_at],
                    hint: None,
                },
                (true, false) => {
                    Outcome::none("判断の理由がどこにも書かれていません", vec![decision_at])
                }
            }
        }
    }
}

/// Words that carry no topic (never used to link parts).
const STOP_TERMS: &[&str] = &[
    "問題",
    "課題",
    "当社",
    "自社",
    "場合",
    "必要",
    "状況",
    "発生",
    "対応",
    "実施",
    "結果",
    "以上",
    "以下",
    "以内",
    "平均",
    "年間",
    "月間",
    "毎月",
    "全体",
    "一部",
    "今後",
    "現在",
    "当時",
    "従来",
    "可能",
    "時間",
    "件数",
    "割合",
    "問題点",
    "サービス",
    "システム",
    "運用",
    "管理",
    "導入",
    "前後",
    "一方",
    "同時",
    "多数",
    "利用",
    "原因",
    "影響",
    "特定",
    "担当",
    "私",
];

/// Content terms: runs of two or more kanji (with the first and last two of longer runs),
/// runs of three or more katakana, and ASCII words of two or more letters.
fn terms(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut push = |run: &[char], kind: u8| {
        let n = run.len();
        let min = match kind {
            0 => 2,
            1 => 3,
            _ => 2,
        };
        if n < min {
            return;
        }
        out.insert(run.iter().collect::<String>());
        if kind == 0 && n >= 4 {
            out.insert(run[..2].iter().collect::<String>());
            out.insert(run[n - 2..].iter().collect::<String>());
        }
    };
    let class = |c: char| -> Option<u8> {
        if matches!(c, '\u{4E00}'..='\u{9FFF}' | '々') {
            Some(0)
        } else if util::is_katakana(c) && c != '・' {
            Some(1)
        } else if c.is_ascii_alphanumeric() {
            Some(2)
        } else {
            None
        }
    };
    let mut run: Vec<char> = Vec::new();
    let mut kind = None;
    for c in text.chars() {
        let k = class(c);
        if k != kind {
            if let Some(k0) = kind {
                push(&run, k0);
            }
            run.clear();
            kind = k;
        }
        if k.is_some() {
            run.push(c);
        }
    }
    if let Some(k0) = kind {
        push(&run, k0);
    }
    out.retain(|t| !STOP_TERMS.contains(&t.as_str()) && !t.chars().all(|c| c.is_ascii_digit()));
    out
}

fn term_link(ctx: &Ctx<'_>, max: u32, item: &ItemDef) -> Outcome {
    let p = &item.params;
    let (Some(from), Some(to)) = (p.from.as_deref(), p.to.as_deref()) else {
        return Outcome::none("from と to が必要です", Vec::new());
    };
    let (src, dst) = match (ctx.scope(Some(from)), ctx.scope(Some(to))) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(m), _) | (_, Err(m)) => return Outcome::none(m, Vec::new()),
    };
    let mut problem_text = String::new();
    for (_, s) in ctx.sentences_in(&src) {
        let t = ctx.sentence(s);
        if contains_any(t, &p.keywords).is_some() {
            problem_text.push_str(t);
        }
    }
    if problem_text.is_empty() {
        return Outcome::none(
            format!(
                "設問{from}に問題を述べた文（{}）がないため、設問{to}との対応が読み取れません",
                list(&p.keywords, 3)
            ),
            ctx.place(Some(from)),
        );
    }
    let wanted: Vec<String> = terms(&problem_text)
        .into_iter()
        .filter(|t| !p.keywords.contains(t))
        .collect();
    // Longest terms first; a shorter term inside an occurrence already counted (「配信」 in
    // 「動画配信」) does not count again.
    let mut wanted = wanted;
    wanted.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
    let mut linked: Vec<(Range<usize>, String)> = Vec::new();
    for t in &wanted {
        let fresh = ctx
            .occurrences(&dst, std::slice::from_ref(t))
            .into_iter()
            .find(|(r, _)| {
                !linked
                    .iter()
                    .any(|(l, _)| l.start < r.end && r.start < l.end)
            });
        if let Some(first) = fresh {
            linked.push(first);
        }
    }
    linked.sort_by_key(|(r, _)| r.start);
    let min = p.min.unwrap_or(3);
    let evidence: Vec<Evidence> = linked
        .iter()
        .take(5)
        .map(|(r, t)| Evidence::at(r.clone(), format!("設問{from}の問題の語「{t}」")))
        .collect();
    let n = linked.len();
    let sample: Vec<String> = wanted.iter().take(5).cloned().collect();
    if n >= min {
        Outcome::full(max, evidence)
    } else if n > 0 {
        Outcome {
            points: max / 2,
            evidence,
            missing: Some(format!(
                "設問{from}の問題の語が設問{to}に{n}語しか出てきません（{min}語以上で満点。例: {}）",
                list(&sample, 5)
            )),
            where_: ctx.place(Some(to)),
            hint: None,
        }
    } else {
        Outcome::none(
            format!(
                "設問{from}の問題の語（{}）が設問{to}に出てきません",
                list(&sample, 5)
            ),
            ctx.place(Some(to)),
        )
    }
}

/// Words that mark the state before a measure, and the state after it.
fn before_marker() -> &'static regex::Regex {
    static_regex!(
        r"導入前|以前|従来|改善前|見直し前|当初|前年|前の(?:年|半年|四半期|月|週)|それまで|初めて|前回|の前は|る前の|上期"
    )
}

fn after_marker() -> &'static regex::Regex {
    static_regex!(
        r"導入後|改善後|現在|その後|後の半年|以降|翌年|翌月|になった|となった|に短縮|まで短縮|に削減|に減|に抑え|に向上|に改善|に増"
    )
}

/// A sentence that states a before → after change with figures: 「55分から30分に」「0.2%→3%」,
/// 「2時間かかっていたものが40分に短縮した」, or 導入前/従来 … and 導入後/現在 … with two figures.
fn before_after(t: &str) -> bool {
    let figs = util::figures(t);
    let change = static_regex!(
        r"^(?:に短縮|まで短縮|に削減|に減|に抑え|に向上|に改善|に増|になった|となった|へ)"
    );
    // 「約30%からほぼ0になり」: a figure, 「から」, then the change.
    if figs.iter().any(|f| {
        t[f.end..].starts_with("から")
            && static_regex!(r"^から[^。]{0,20}?(に短縮|まで短縮|に削減|に減|に抑え|に向上|に改善|に増|になっ|になり|となっ|となり)")
                .is_match(&t[f.end..])
    }) {
        return true;
    }
    if figs.windows(2).any(|w| {
        let between = &t[w[0].end..w[1].start];
        (between.chars().count() <= 20
            && (between.contains("から") || between.contains('→') || between.contains("より")))
            || change.is_match(&t[w[1].end..])
    }) {
        return true;
    }
    figs.len() >= 2 && before_marker().is_match(t) && after_marker().is_match(t)
}

/// A before → after change told over several sentences of one paragraph: a sentence with a
/// before-marker and a figure (「前年の事案では…2日かかっていた」「導入前は…約2時間を費やしていた」)
/// and another sentence of the same paragraph with a figure (the episode after the measure).
fn before_after_across(ctx: &Ctx<'_>, sentences: &[(usize, &Sentence)]) -> Option<Range<usize>> {
    let with_fig = |s: &Sentence| !util::figures(ctx.sentence(s)).is_empty();
    for (_, s) in sentences {
        if !(before_marker().is_match(ctx.sentence(s)) && with_fig(s)) {
            continue;
        }
        if let Some((_, o)) = sentences
            .iter()
            .find(|(_, o)| o.paragraph == s.paragraph && o.range != s.range && with_fig(o))
        {
            return Some(s.range.start.min(o.range.start)..s.range.end.max(o.range.end));
        }
    }
    None
}

fn figures(ctx: &Ctx<'_>, max: u32, part: Option<&str>, min: usize, pair: bool) -> Outcome {
    let scope = match ctx.scope(part) {
        Ok(r) => r,
        Err(m) => return Outcome::none(m, Vec::new()),
    };
    let figs: Vec<Range<usize>> = ctx
        .prose_in(&scope)
        .into_iter()
        .flat_map(|p| {
            util::figures(&ctx.text()[p.clone()])
                .into_iter()
                .map(move |r| p.start + r.start..p.start + r.end)
        })
        .collect();
    let pair_sentence = if pair {
        let inside = ctx.sentences_in(&scope);
        inside
            .iter()
            .find(|(_, s)| before_after(ctx.sentence(s)))
            .map(|(_, s)| s.range.clone())
            .or_else(|| before_after_across(ctx, &inside))
    } else {
        None
    };
    let mut evidence: Vec<Evidence> = pair_sentence
        .clone()
        .map(|r| Evidence::at(r.clone(), &ctx.text()[r]))
        .into_iter()
        .collect();
    evidence.extend(
        figs.iter()
            .take(5)
            .map(|r| Evidence::at(r.clone(), &ctx.text()[r.clone()])),
    );
    let name = Ctx::scope_name(part);
    let n = figs.len();
    let enough = n >= min;
    let paired = !pair || pair_sentence.is_some();
    if enough && paired {
        return Outcome::full(max, evidence);
    }
    let mut lacks = Vec::new();
    if !enough {
        lacks.push(if n == 0 {
            format!("{name}に数値（件数・時間・割合など、数値＋単位）がありません")
        } else {
            format!("{name}の数値が{n}か所しかありません（{min}か所以上で満点）")
        });
    }
    if !paired {
        lacks.push(format!(
            "{name}に導入前→導入後の変化を示す数値の組（「55分から30分に」など）がありません"
        ));
    }
    Outcome {
        points: if n == 0 { 0 } else { max / 2 },
        evidence,
        missing: Some(lacks.join("。")),
        where_: ctx.place(part),
        hint: None,
    }
}

fn result_metric(ctx: &Ctx<'_>, max: u32, part: Option<&str>, keywords: &[String]) -> Outcome {
    let scope = match ctx.scope(part) {
        Ok(r) => r,
        Err(m) => return Outcome::none(m, Vec::new()),
    };
    let intent = static_regex!(
        r"(目標と(した|する|している)|目標である|目指(した|す|している)|見込み(である|だ)|見込んでいる|予定(である|だ)|期待(できる|される|している))[。！]?$"
    );
    let mut results = Vec::new();
    let mut indicators = Vec::new();
    for (_, s) in ctx.sentences_in(&scope) {
        let t = ctx.sentence(s);
        let Some(k) = contains_any(t, keywords) else {
            continue;
        };
        if !util::figures(t).is_empty() && !intent.is_match(t.trim_end()) {
            results.push(Evidence::at(s.range.clone(), t));
        } else {
            indicators.push(Evidence::at(s.range.clone(), format!("指標「{k}」: {t}")));
        }
    }
    let name = Ctx::scope_name(part);
    if !results.is_empty() {
        Outcome::full(max, results.into_iter().take(3).collect())
    } else if !indicators.is_empty() {
        Outcome {
            points: max / 2,
            evidence: indicators.into_iter().take(3).collect(),
            missing: Some(format!(
                "{name}の評価が指標の名前か目標だけで、実績の数値がありません"
            )),
            where_: ctx.place(part),
            hint: None,
        }
    } else {
        Outcome::none(
            format!(
                "{name}に評価指標（{}）による評価がありません",
                list(keywords, 5)
            ),
            ctx.place(part),
        )
    }
}

fn flow_order(ctx: &Ctx<'_>, max: u32, stages: &[Group]) -> Outcome {
    let all = 0..ctx.text().len();
    let mut pos = 0;
    let mut evidence = Vec::new();
    let mut lacking = Vec::new();
    for st in stages {
        let hit = ctx
            .occurrences(&all, &st.keywords)
            .into_iter()
            .find(|(r, _)| r.start >= pos);
        match hit {
            Some((r, w)) => {
                pos = r.end;
                evidence.push(Evidence::at(r, format!("{}: 「{w}」", st.name)));
            }
            None => lacking.push(st.name.clone()),
        }
    }
    let names: Vec<&str> = stages.iter().map(|s| s.name.as_str()).collect();
    Outcome {
        points: share(max, evidence.len(), stages.len()),
        evidence,
        missing: (!lacking.is_empty()).then(|| {
            format!(
                "{} の流れのうち、{}が前の段階の後に出てきません",
                names.join(" → "),
                lacking.join("・")
            )
        }),
        where_: Vec::new(),
        hint: None,
    }
}

fn itsm_terms(ctx: &Ctx<'_>, max: u32, extra: &[String], min: usize) -> Outcome {
    let mut vocab: Vec<String> = extra.to_vec();
    for t in &ctx.lib.themes {
        for k in &t.keywords {
            if !vocab.contains(k) {
                vocab.push(k.clone());
            }
        }
    }
    let all = 0..ctx.text().len();
    let mut seen = BTreeSet::new();
    let mut evidence = Vec::new();
    let mut found = ctx.firsts(&all, &vocab);
    // The rubric's own list first (the most telling terms), then the theme vocabulary.
    found.sort_by_key(|(r, w)| (!extra.contains(w), r.start));
    for (r, w) in found {
        if seen.insert(w.clone()) {
            evidence.push(Evidence::at(r, format!("「{w}」")));
        }
    }
    let n = seen.len();
    let shown: Vec<Evidence> = evidence.iter().take(8).cloned().collect();
    if n >= min {
        Outcome::full(max, shown)
    } else {
        Outcome {
            points: if n * 2 >= min { max / 2 } else { 0 },
            evidence: shown,
            missing: Some(format!(
                "ITサービスマネジメントの用語が{n}種類しかありません（{min}種類以上で満点）"
            )),
            where_: Vec::new(),
            hint: None,
        }
    }
}

fn case_specifics(ctx: &Ctx<'_>, max: u32, groups: &[Group]) -> Outcome {
    let all = 0..ctx.text().len();
    let mut evidence = Vec::new();
    let mut lacking = Vec::new();
    for g in groups {
        let mut hit = ctx.firsts(&all, &g.keywords).into_iter().next();
        if hit.is_none() {
            'outer: for p in ctx.prose_in(&all) {
                for re in &g.compiled {
                    if let Some(m) = re.find(&ctx.text()[p.clone()]) {
                        hit = Some((
                            p.start + m.start()..p.start + m.end(),
                            m.as_str().to_owned(),
                        ));
                        break 'outer;
                    }
                }
            }
        }
        match hit {
            Some((r, w)) => evidence.push(Evidence::at(r, format!("{}: 「{w}」", g.name))),
            None => lacking.push(g.name.clone()),
        }
    }
    Outcome {
        points: share(max, evidence.len(), groups.len()),
        evidence,
        missing: (!lacking.is_empty()).then(|| {
            format!(
                "事例の具体的な要素のうち、{}が本文にありません",
                lacking.join("・")
            )
        }),
        where_: ctx.place(Some("ア")),
        hint: None,
    }
}

fn format_marker(ctx: &Ctx<'_>, max: u32, item: &ItemDef) -> Outcome {
    let p = &item.params;
    let m = &ctx.markers;
    let fired: Vec<&Diagnostic> = of_rules(ctx.findings, &p.rules).collect();
    if !fired.is_empty() {
        let messages: Vec<String> = fired
            .iter()
            .map(|d| format!("{}（{}）", d.message, d.code))
            .collect();
        let mut o = Outcome::none(
            messages.join("、"),
            fired
                .iter()
                .map(|d| Evidence {
                    span: d.span.clone(),
                    text: format!(
                        "{}: {}",
                        d.code,
                        d.label.clone().unwrap_or_else(|| d.message.clone())
                    ),
                })
                .collect(),
        );
        o.hint = fired.iter().find_map(|d| d.help.clone());
        return o;
    }
    // The rules stay silent when the element they check is absent (no reason sentence, no
    // markers to order), so the marker itself must be there to earn the points.
    let marker = p.marker.as_deref().unwrap_or("");
    let span = match marker {
        "name" => m.name.clone(),
        "feature" => m.feature.clone().or_else(|| {
            m.feature_paraphrase
                .then(|| {
                    m.name.clone().zip(m.method.clone()).map(|(a, b)| {
                        let between = &ctx.text()[a.end..b.start];
                        a.end + (between.len() - between.trim_start_matches('、').len())..b.start
                    })
                })
                .flatten()
        }),
        "method" => m.method.clone(),
        "reason" => m.reason_sentence.clone(),
        "ingenuity" => m.ingenuity.clone(),
        "example" => m.examples.first().cloned(),
        _ => None,
    };
    if marker == "order" {
        let present = [
            ("と呼ばれる", m.name.is_some()),
            ("なぜならば", m.reason.is_some()),
            ("工夫した点は", m.ingenuity.is_some()),
            ("具体的には", !m.examples.is_empty()),
        ];
        let absent: Vec<&str> = present.iter().filter(|x| !x.1).map(|x| x.0).collect();
        if absent.is_empty() {
            return Outcome::full(
                max,
                vec![Evidence::note(
                    "「と呼ばれる」→「なぜならば」→「工夫した点は」→「具体的には」の順（F009 の指摘なし）",
                )],
            );
        }
        return Outcome::none(
            format!(
                "フォーマットの要素（{}）が無いため、順序が成り立っていません",
                absent
                    .iter()
                    .map(|a| format!("「{a}」"))
                    .collect::<String>()
            ),
            ctx.place(None),
        );
    }
    match span {
        Some(r) => Outcome::full(max, vec![Evidence::at(r.clone(), &ctx.text()[r])]),
        None => {
            let what = match marker {
                "name" => "第1文の「〜と呼ばれる」",
                "feature" => "「〜という特徴を持つ」",
                "method" => "「手法を使用し」",
                "reason" => "「なぜならば」で始まる理由の文",
                "ingenuity" => "「工夫した点は」の文",
                "example" => "「具体的には」",
                other => other,
            };
            Outcome::none(format!("{what}がありません"), ctx.place(None))
        }
    }
}

fn length(ctx: &Ctx<'_>, max: u32, min: usize) -> Outcome {
    let n = ctx.doc.prose_chars();
    if n >= min {
        return Outcome::full(
            max,
            vec![Evidence::note(format!("本文 {}字", thousands(n)))],
        );
    }
    let span = ctx.doc.sentences.last().map(|s| s.range.clone());
    let mut o = Outcome::none(
        format!(
            "本文が{}字しかありません（{min}字以上。あと{}字）",
            thousands(n),
            min - n
        ),
        span.map(|r| vec![Evidence::at(r, format!("ここまでで{n}字"))])
            .unwrap_or_default(),
    );
    o.hint = Some(format!(
        "あと{}字以上を、具体例の日時・件数・導入前後の数値か、現場の制約を説明する背景の文で足す",
        min - n
    ));
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn before_after_pairs() {
        assert!(before_after("平均復旧時間は55分から30分に短縮した。"));
        assert!(before_after("エラー率が0.2%→3%に上がった。"));
        assert!(before_after(
            "導入前の半年に2回起きた障害は、導入後の半年で0回になった。"
        ));
        assert!(!before_after("利用者は約10万名で、加盟店は5社である。"));
        assert!(!before_after("2024年から運用している。"));
        assert!(before_after(
            "第一報までの時間も、2時間かかっていたものが40分に短縮した。"
        ));
        assert!(!before_after("訓練は年2回、参加者は30名である。"));
        assert!(before_after(
            "保守の工数は約30%からほぼ0になり、改善に回せた。"
        ));
    }

    #[test]
    fn terms_skip_stop_words() {
        let t = terms("夜間の呼び出しが1名の担当者に集中し、平均復旧時間が長い問題があった。");
        let got: Vec<&str> = t.iter().map(String::as_str).collect();
        // 「平均復旧時間」 also yields its head and tail pairs, which are stop words here.
        assert_eq!(got, ["夜間", "平均復旧時間", "担当者", "集中"]);
    }
}
