//! Safe fixes (`itsm lint --fix`): apply the [`Fix`]es that rules attach to their findings.
//!
//! Fixes are applied to the decoded text, non-overlapping, from the end of the text so earlier
//! offsets stay valid; the text is then linted again and the loop repeats (a fix can make room
//! for another, e.g. a half-width product name becomes a banned full-width one) until nothing
//! changes or [`MAX_ROUNDS`] is reached. No I/O here: the CLI decides whether and how to write.

use crate::diagnostic::{Diagnostic, FileReport, Fix};
use crate::lint::{self, Settings, Vocabulary};

/// Upper bound on lint-and-fix rounds (a safety net; real texts settle in one or two).
pub const MAX_ROUNDS: usize = 10;

/// One applied fix, described on the text it was applied to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub code: &'static str,
    pub name: &'static str,
    /// 1-based line (fixes never add or remove line breaks, so it holds in the final text too).
    pub line: usize,
    /// The text around the finding before and after the fix (「MTTR」→「MTTR（平均復旧時間）」).
    pub before: String,
    pub after: String,
}

/// Result of fixing one text.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The fixed text (equal to the input when nothing applied).
    pub text: String,
    pub applied: Vec<Applied>,
    /// Lint of the fixed text: what remains.
    pub report: FileReport,
}

impl Outcome {
    pub fn changed(&self) -> bool {
        !self.applied.is_empty()
    }
}

fn valid(text: &str, f: &Fix) -> bool {
    f.range.start <= f.range.end
        && f.range.end <= text.len()
        && text.is_char_boundary(f.range.start)
        && text.is_char_boundary(f.range.end)
        && text[f.range.clone()] != f.replacement
}

/// Apply the non-overlapping fixes of `diagnostics` to `text` (the first one in document order
/// wins a conflict; the others are left for the next round). Returns the new text and what was
/// applied, in document order.
///
/// Linear in the text and the number of fixes (after sorting them): a candidate is checked
/// against the last chosen edits only, and the new text is built in one pass from the start.
pub fn apply(text: &str, diagnostics: &[Diagnostic]) -> (String, Vec<Applied>) {
    let mut candidates: Vec<(&Diagnostic, &Fix)> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref().map(|f| (d, f)))
        .filter(|(_, f)| valid(text, f))
        .collect();
    candidates.sort_by_key(|(_, f)| (f.range.start, f.range.end));
    // Candidates come by start. A replacement conflicts with a chosen replacement when it starts
    // before that one ends (chosen replacements do not overlap, so the last one ends furthest);
    // an insertion conflicts with a replacement around it (strictly inside) or with an
    // insertion at the same place. An insertion at either end of a replacement is fine.
    let mut chosen: Vec<(&Diagnostic, &Fix)> = Vec::new();
    let mut last_replacement: Option<std::ops::Range<usize>> = None;
    let mut last_insertion: Option<usize> = None;
    for c in candidates {
        let r = &c.1.range;
        let ok = if r.is_empty() {
            last_insertion != Some(r.start)
                && !last_replacement
                    .as_ref()
                    .is_some_and(|l| l.start < r.start && r.start < l.end)
        } else {
            last_replacement.as_ref().is_none_or(|l| r.start >= l.end)
        };
        if ok {
            if r.is_empty() {
                last_insertion = Some(r.start);
            } else {
                last_replacement = Some(r.clone());
            }
            chosen.push(c);
        }
    }
    let index = crate::text::lines::LineIndex::new(text);
    let applied: Vec<Applied> = chosen
        .iter()
        .map(|(d, f)| {
            let span = d.span.clone().unwrap_or(f.range.clone());
            let lo = span.start.min(f.range.start);
            let hi = span.end.max(f.range.end);
            let after = format!(
                "{}{}{}",
                &text[lo..f.range.start],
                f.replacement,
                &text[f.range.end..hi]
            );
            Applied {
                code: d.code,
                name: d.name,
                line: index.position(f.range.start).0,
                before: text[lo..hi].to_owned(),
                after,
            }
        })
        .collect();
    // In document order; at the same start an insertion (empty range) sorts first, so it lands
    // before the text a replacement puts there.
    let mut out = String::with_capacity(text.len() + chosen.len() * 4);
    let mut at = 0;
    for (_, f) in &chosen {
        out.push_str(&text[at..f.range.start]);
        out.push_str(&f.replacement);
        at = f.range.end;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// Lint `text`, apply fixes, and repeat until it is stable.
pub fn fix_text(path: &str, text: &str, vocab: &Vocabulary, settings: &Settings) -> Outcome {
    let mut current = text.to_owned();
    let mut applied = Vec::new();
    let mut report = lint::lint_text(path, &current, vocab, settings);
    // A safety net against replacements that feed each other (the config and the library are
    // checked for that): a round that would more than double the text is not applied.
    let max_len = text.len().saturating_mul(2).saturating_add(1 << 20);
    for _ in 0..MAX_ROUNDS {
        let (next, done) = apply(&current, &report.diagnostics);
        if done.is_empty() || next.len() > max_len {
            break;
        }
        applied.extend(done);
        current = next;
        report = lint::lint_text(path, &current, vocab, settings);
    }
    Outcome {
        text: current,
        applied,
        report,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn diag(range: std::ops::Range<usize>, rep: &str) -> Diagnostic {
        let mut d =
            Diagnostic::new("T001", "test", Severity::Warning, "m").with_span(range.clone());
        d.fix(range, rep);
        d
    }

    #[test]
    fn insertion_and_replacement_at_the_same_place() {
        let t = "ＭＴＴＲを短縮";
        let end = "ＭＴＴＲ".len();
        let (out, applied) = apply(
            t,
            &[diag(end..end, "（平均復旧時間）"), diag(0..end, "MTTR")],
        );
        assert_eq!(out, "MTTR（平均復旧時間）を短縮");
        assert_eq!(applied.len(), 2);
    }

    #[test]
    fn overlapping_fixes_keep_the_first() {
        let t = "abcdef";
        let (out, applied) = apply(t, &[diag(1..4, "X"), diag(2..5, "Y"), diag(5..6, "Z")]);
        assert_eq!(out, "aXeZ");
        assert_eq!(applied.len(), 2);
    }

    /// The quadratic definition `apply` must agree with: keep a fix unless it conflicts with
    /// one kept before it (in document order), apply from the end.
    fn reference(text: &str, fixes: &[Diagnostic]) -> String {
        fn conflicts(a: &Fix, b: &Fix) -> bool {
            if a.range.is_empty() && b.range.is_empty() {
                a.range.start == b.range.start
            } else {
                a.range.start < b.range.end && b.range.start < a.range.end
            }
        }
        let mut c: Vec<&Fix> = fixes.iter().filter_map(|d| d.fix.as_ref()).collect();
        c.retain(|f| valid(text, f));
        c.sort_by_key(|f| (f.range.start, f.range.end));
        let mut kept: Vec<&Fix> = Vec::new();
        for f in c {
            if !kept.iter().any(|k| conflicts(k, f)) {
                kept.push(f);
            }
        }
        let mut out = text.to_owned();
        kept.sort_by_key(|f| std::cmp::Reverse((f.range.start, f.range.end)));
        for f in kept {
            out.replace_range(f.range.clone(), &f.replacement);
        }
        out
    }

    #[test]
    fn agrees_with_the_quadratic_definition() {
        let t = "abcdefghij";
        // Every pair and triple of small edits (insertions and replacements) over the text.
        let ranges: Vec<std::ops::Range<usize>> = (0..=6)
            .flat_map(|s| (s..=(s + 3).min(10)).map(move |e| s..e))
            .collect();
        let mut checked = 0;
        for (i, a) in ranges.iter().enumerate() {
            for (j, b) in ranges.iter().enumerate().skip(i) {
                for c in ranges.iter().skip(j).step_by(3) {
                    let ds = [
                        diag(a.clone(), "X"),
                        diag(b.clone(), "Y"),
                        diag(c.clone(), "Z"),
                    ];
                    assert_eq!(apply(t, &ds).0, reference(t, &ds), "{a:?} {b:?} {c:?}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    #[test]
    fn many_fixes_are_linear() {
        // 50k one-character replacements: a fraction of a second in a debug build when linear,
        // minutes when each fix copies the text (50k × 150 KB). Kept small so that a busy
        // 2-core machine does not push the linear case over the limit.
        let t = "ａ".repeat(50_000);
        let ds: Vec<Diagnostic> = (0..50_000).map(|i| diag(i * 3..i * 3 + 3, "a")).collect();
        let start = std::time::Instant::now();
        let (out, applied) = apply(&t, &ds);
        assert_eq!(out, "a".repeat(50_000));
        assert_eq!(applied.len(), 50_000);
        assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
    }

    #[test]
    fn invalid_ranges_are_ignored() {
        let t = "日本";
        let (out, applied) = apply(t, &[diag(1..2, "x"), diag(0..99, "y")]);
        assert_eq!(out, t);
        assert!(applied.is_empty());
    }
}
