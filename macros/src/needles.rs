//! What a pattern's matches must contain, found from its syntax tree: shared by the proc macro
//! (`lib.rs`) and the test that checks the gate against the regex on real text.

use regex_syntax::hir::Look;
use regex_syntax::hir::literal::{ExtractKind, Extractor};

/// Literals (bytes) one of which every match of the pattern contains, whether the pattern
/// matches exactly those literals (then `is_match` is "contains one of them"), and whether every
/// match starts at the beginning of the text (then the text starts with one of them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Needles {
    pub literals: Vec<Vec<u8>>,
    pub exact: bool,
    pub anchored: bool,
}

/// The needles of `pattern` (parsed as `regex::Regex::new` parses it); `Ok(None)` when no finite
/// set of non-empty literals bounds its matches (then every haystack must go to the regex).
pub fn needles(pattern: &str) -> Result<Option<Needles>, String> {
    let hir = regex_syntax::Parser::new()
        .parse(pattern)
        .map_err(|e| e.to_string())?;
    let props = hir.properties();
    if props.look_set_prefix().contains(Look::Start) {
        // `^` (not multi-line): a match starts at the very beginning, so its first character
        // is one of the pattern's possible first characters.
        let mut ex = Extractor::new();
        ex.kind(ExtractKind::Prefix)
            .limit_class(256)
            .limit_repeat(1)
            .limit_literal_len(4)
            .limit_total(1024);
        if let Some(lits) = ex.extract(&hir).literals() {
            let literals = minimal(lits.iter().map(|l| head(l.as_bytes(), 1)).collect());
            if !literals.is_empty() && literals.iter().all(|l| !l.is_empty()) {
                return Ok(Some(Needles {
                    literals,
                    exact: false,
                    anchored: true,
                }));
            }
        }
        return Ok(None);
    }
    let mut best: Option<Needles> = None;
    for kind in [ExtractKind::Prefix, ExtractKind::Suffix] {
        let mut ex = Extractor::new();
        ex.kind(kind.clone())
            .limit_class(32)
            .limit_repeat(4)
            .limit_literal_len(24)
            .limit_total(400);
        let seq = ex.extract(&hir);
        let Some(lits) = seq.literals() else { continue };
        if lits.is_empty() || lits.iter().any(|l| l.as_bytes().is_empty()) {
            continue;
        }
        // Exact: every match is one of the literals. Look-arounds count as empty in the
        // extraction, so a pattern with one is never exact; nor is one that matches "".
        let exact = matches!(kind, ExtractKind::Prefix)
            && seq.is_exact()
            && props.look_set().is_empty()
            && props.minimum_len().is_some_and(|n| n > 0);
        let mut literals: Vec<Vec<u8>> = lits.iter().map(|l| l.as_bytes().to_vec()).collect();
        let total: usize = literals.iter().map(Vec::len).sum();
        let exact = exact && total <= MAX_EXACT_BYTES;
        if !exact {
            // Only "one of them occurs" matters: a few characters of each literal are enough.
            let keep = |l: &[u8]| match kind {
                ExtractKind::Prefix => head(l, GATE_CHARS),
                _ => tail(l, GATE_CHARS),
            };
            literals = literals.iter().map(|l| keep(l)).collect();
        }
        let literals = minimal(literals);
        if literals.iter().any(Vec::is_empty) {
            continue;
        }
        let candidate = Needles {
            literals,
            exact,
            anchored: false,
        };
        if better(&candidate, best.as_ref()) {
            best = Some(candidate);
        }
    }
    Ok(best)
}

/// Exact literal sets larger than this are used as a gate only (kept short).
const MAX_EXACT_BYTES: usize = 1024;
/// How many characters of each literal a gate keeps.
const GATE_CHARS: usize = 3;

/// The first `n` characters of `l` (whole characters only; a literal cut inside a character by
/// the extractor's length limit loses the partial one).
fn head(l: &[u8], n: usize) -> Vec<u8> {
    let valid = match std::str::from_utf8(l) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&l[..e.valid_up_to()]).unwrap_or_default(),
    };
    valid.chars().take(n).collect::<String>().into_bytes()
}

/// The last `n` characters of `l` (whole characters only).
fn tail(l: &[u8], n: usize) -> Vec<u8> {
    let mut start = 0;
    while start < l.len() && std::str::from_utf8(&l[start..]).is_err() {
        start += 1;
    }
    let valid = std::str::from_utf8(&l[start..]).unwrap_or_default();
    let chars: Vec<char> = valid.chars().collect();
    chars[chars.len().saturating_sub(n)..]
        .iter()
        .collect::<String>()
        .into_bytes()
}

/// The literals without those that contain another one: "one of them occurs" stays the same.
fn minimal(mut literals: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    literals.sort_by(|a, b| a.len().cmp(&b.len()).then(a.cmp(b)));
    literals.dedup();
    let mut out: Vec<Vec<u8>> = Vec::new();
    for l in literals {
        if !out
            .iter()
            .any(|o| l.windows(o.len()).any(|w| w == o.as_slice()))
        {
            out.push(l);
        }
    }
    out.sort();
    out
}

/// Exact sets first; then the set whose shortest literal is longest; then the smaller set.
fn better(a: &Needles, b: Option<&Needles>) -> bool {
    let Some(b) = b else { return true };
    let shortest = |n: &Needles| n.literals.iter().map(Vec::len).min().unwrap_or(0);
    (a.exact, shortest(a), std::cmp::Reverse(a.literals.len()))
        > (b.exact, shortest(b), std::cmp::Reverse(b.literals.len()))
}
